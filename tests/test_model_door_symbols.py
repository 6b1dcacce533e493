"""Door symbols beyond the side-hung swing, hand-made with ezdxf: loose bifold zigzags (a V or a W across
the opening), double-door blocks with only one arc drawn, and sliding leaves drawn as lines or
rectangles parallel to the wall in the opening (with or without an arrow). Each: its kind, the true
leaf width and where its hinge is."""

from __future__ import annotations

import math

import pytest

from builders import door_block, new, save, text, walls_around
from planeval.model import build_plan
from planeval.model.doors_kinds import as_zigzag
from planeval.read import read_drawing

X = 3050.0  # the middle of the wall between the rooms (x 3000..3100)


def rooms_with_gap(msp, gap=(1000, 1900)):
    """Room A 0..3000 × 0..4000 and room B 3100..6000 × 0..4000, a gap in the wall between them."""
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("E", *gap)])
    walls_around(msp, 3100, 0, 6000, 4000, gaps=[("W", *gap)])
    text(msp, 1500, 3000, "Stue")
    text(msp, 4500, 3000, "Soverom")


def inner_door(doc, tmp_path):
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    inner = [d for d in plan.doors if set(d.rooms) == {r.id for r in plan.rooms}]
    assert len(inner) == 1, [(d.kind, d.rooms) for d in plan.doors]
    return plan, inner[0]


def zigzag(y0, step, leaf, n, sign=1.0, x=X):
    """Points of ``n`` leaves of length ``leaf`` folding along the line x = ``x`` from y0 in steps of ``step``
    (negative: downwards), the folds off the line to +x (sign 1) or -x."""
    h = math.sqrt(leaf**2 - step**2)
    return [(x + (sign * h if i % 2 else 0.0), y0 + i * step) for i in range(n + 1)]


def lines(msp, pts, layer="A-DOOR"):
    for a, b in zip(pts, pts[1:], strict=False):
        msp.add_line(a, b, dxfattribs={"layer": layer})


def test_the_shape_of_a_zigzag():
    assert as_zigzag(zigzag(0, 112.5, 225, 4))
    assert not as_zigzag(zigzag(0, 112.5, 225, 3))  # ends off the line: no folded door
    assert not as_zigzag([(0, 0), (100, 300), (200, 0), (300, 500), (400, 0)])  # leaves of unequal length
    assert not as_zigzag([(0, 0), (112, 195), (225, 0), (337, -195), (450, 0)])  # folds to both sides


def test_a_bifold_drawn_as_a_w_of_loose_lines_folding_to_one_jamb(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    lines(msp, zigzag(1000, 112.5, 225, 4))  # four 225 mm leaves, stacked towards the jamb at y 1000
    plan, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "folding"
    assert door.leaf_width_mm == pytest.approx(900, abs=2) and door.clear_width_mm == pytest.approx(800, abs=2)
    assert door.hinge == pytest.approx((X, 1000), abs=5) and door.latch == pytest.approx((X, 1900), abs=5)
    assert plan.recognition.door_symbols_used == plan.recognition.door_symbols


def test_a_bifold_drawn_as_two_vs_from_both_jambs_is_one_door(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp, gap=(1000, 2200))  # 1200 mm: two pairs of 300 mm leaves
    msp.add_lwpolyline(zigzag(1000, 150, 300, 2), dxfattribs={"layer": "A-DOOR"})
    msp.add_lwpolyline(zigzag(2200, -150, 300, 2), dxfattribs={"layer": "A-DOOR"})
    plan, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "folding" and door.leaf_width_mm == pytest.approx(1200, abs=2)
    assert sorted([door.hinge[1], door.latch[1]]) == pytest.approx([1000, 2200], abs=5)
    assert len([d for d in plan.doors if str(d.kind) == "folding"]) == 1


def test_a_zigzag_on_an_unnamed_layer_counts_only_from_jamb_to_jamb(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    lines(msp, zigzag(1000, 225, 260, 4), layer="0")  # four 260 mm leaves reaching across the whole 900 mm
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "folding" and door.leaf_width_mm == pytest.approx(900, abs=2)
    assert sorted([door.hinge[1], door.latch[1]]) == pytest.approx([1000, 1900], abs=5)  # folds both ways: either jamb
    doc, msp = new()
    rooms_with_gap(msp)
    lines(msp, zigzag(1000, 112.5, 225, 4), layer="0")  # half-way across, on no door layer: not a door symbol
    (tmp_path / "b").mkdir()
    _, door = inner_door(doc, tmp_path / "b")
    assert str(door.kind) == "opening"


def _double_block(doc, name, passive_line=True, threshold=False):
    b = doc.blocks.new(name)
    b.add_arc((0, 0), 900, 0, 90)  # the active leaf: hinge at the origin, closed along +X
    b.add_line((0, 0), (0, 900))  # its open leaf
    if passive_line:
        b.add_line((1300, 0), (1300, 400))  # the passive leaf, open at a right angle, no arc
    if threshold:
        b.add_line((0, -50), (1300, -50))
    return name


def test_a_double_door_block_with_one_arc_drawn(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp, gap=(1000, 2300))
    name = _double_block(doc, "D-EXT-1")
    msp.add_blockref(name, (3100, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90, "yscale": -1})
    plan, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "double"
    assert door.leaf_width_mm == pytest.approx(1300, abs=2) and door.clear_width_mm == pytest.approx(1300 - 2 * 65, abs=2)
    assert door.hinge == pytest.approx((3100, 1000), abs=2) and door.latch == pytest.approx((3100, 2300), abs=2)
    assert len(door.leaves) == 2 and plan.room(door.swing_room).label == "Soverom"


def test_a_double_block_by_its_name_with_the_second_leaf_not_drawn(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp, gap=(1000, 2300))
    name = _double_block(doc, "DOUBLE-DOOR-13", passive_line=False, threshold=True)
    msp.add_blockref(name, (3100, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90, "yscale": -1})
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "double" and door.leaf_width_mm == pytest.approx(1300, abs=2)
    assert door.latch == pytest.approx((3100, 2300), abs=2)


def test_a_single_door_block_stays_hinged(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    name = door_block(doc, "DOOR-A", 900)
    msp.add_blockref(name, (3100, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90, "yscale": -1})
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "hinged" and door.leaf_width_mm == pytest.approx(900, abs=2)


def test_a_sliding_leaf_drawn_as_one_line_with_an_arrow(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    msp.add_line((3025, 950), (3025, 1950), dxfattribs={"layer": "A-DOOR"})  # the leaf, over both jambs
    lines(msp, [(3075, 1250), (3075, 1650)])  # the arrow: shaft and head
    lines(msp, [(3055, 1600), (3075, 1650), (3095, 1600)])
    plan, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "sliding"
    assert door.leaf_width_mm == pytest.approx(900, abs=2) and door.clear_width_mm == pytest.approx(860, abs=2)
    assert sorted([door.hinge[1], door.latch[1]]) == pytest.approx([1000, 1900], abs=5)
    assert door.swing is None


def test_a_sliding_leaf_drawn_as_a_rectangle_of_loose_lines_beside_the_opening(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    lines(msp, [(3110, 1000), (3110, 1950), (3150, 1950), (3150, 1000), (3110, 1000)])  # in room B, along the wall
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "sliding" and door.leaf_width_mm == pytest.approx(900, abs=2)


def test_a_door_block_without_a_swing_that_draws_a_leaf_rectangle_is_sliding(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    b = doc.blocks.new("D2")
    b.add_lwpolyline([(0, -20), (950, -20), (950, 20), (0, 20)], close=True)
    msp.add_blockref("D2", (X, 975), dxfattribs={"layer": "A-DOOR", "rotation": 90})
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "sliding" and door.leaf_width_mm == pytest.approx(900, abs=2)


def test_a_line_across_half_the_opening_is_no_sliding_leaf(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    msp.add_line((3025, 1000), (3025, 1400), dxfattribs={"layer": "A-DOOR"})
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "opening"


@pytest.mark.parametrize("xs", [[3000.0], [3000.0, 3100.0], [3050.0]], ids=["one-face", "both-faces", "centre"])
def test_a_threshold_from_jamb_to_jamb_is_no_sliding_leaf(tmp_path, xs):
    """Lines on the door layer exactly across the opening (a threshold, the wall's faces closed) leave it an
    opening: a sliding leaf overlaps the wall it slides along."""
    doc, msp = new()
    rooms_with_gap(msp)
    for x in xs:
        msp.add_line((x, 1000), (x, 1900), dxfattribs={"layer": "A-DOOR"})
    _, door = inner_door(doc, tmp_path)
    assert str(door.kind) == "opening"
