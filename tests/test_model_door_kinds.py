"""Door symbols of the common kinds: partly open, swings drawn straight, scaled blocks, folding doors,
and door widths from the tags written beside them."""

from __future__ import annotations

import math

import pytest

from builders import new, save, text, walls_around
from planeval.model import build_plan
from planeval.read import read_drawing


def rooms_with_gap(msp, gap=(1000, 1900)):
    """Room A 0..3000 × 0..4000 and room B 3100..6000 × 0..4000, a gap in the wall between them."""
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("E", *gap)])
    walls_around(msp, 3100, 0, 6000, 4000, gaps=[("W", *gap)])
    text(msp, 1500, 3000, "Stue")
    text(msp, 4500, 3000, "Soverom")


def inner_door(path):
    plan = build_plan(read_drawing(path))
    (door,) = plan.doors
    return plan, door


def test_a_door_drawn_partly_open_opens_a_quarter_turn(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    # hinged at (3100, 1000), closed towards +y; drawn open 30° into room B, with a short arc
    msp.add_arc((3100, 1000), 900, 60, 90, dxfattribs={"layer": "A-DOOR"})
    msp.add_line((3100, 1000), (3100 + 900 * math.cos(math.radians(60)), 1000 + 900 * math.sin(math.radians(60))),
                 dxfattribs={"layer": "A-DOOR"})
    plan, door = inner_door(save(doc, tmp_path))
    assert str(door.kind) == "hinged" and door.leaf_width_mm == pytest.approx(900, abs=1)
    assert door.latch == pytest.approx((3100, 1900), abs=1)
    assert door.swing.area == pytest.approx(math.pi * 900**2 / 4, rel=0.02)  # the whole quarter turn it needs
    assert plan.room(door.swing_room).label == "Soverom"


def test_a_swing_drawn_as_a_straight_line(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    msp.add_line((3100, 1000), (4000, 1000), dxfattribs={"layer": "A-DOOR"})  # the open leaf
    msp.add_line((4000, 1000), (3100, 1900), dxfattribs={"layer": "A-DOOR"})  # the swing, as a chord
    plan, door = inner_door(save(doc, tmp_path))
    assert str(door.kind) == "hinged" and door.leaf_width_mm == pytest.approx(900, abs=1)
    assert door.hinge == pytest.approx((3100, 1000), abs=1) and door.latch == pytest.approx((3100, 1900), abs=1)
    assert plan.room(door.swing_room).label == "Soverom"


def test_a_swing_drawn_as_two_straight_pieces(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    mid = (3100 + 900 * math.cos(math.radians(45)), 1000 + 900 * math.sin(math.radians(45)))
    msp.add_lwpolyline([(4000, 1000), mid, (3100, 1900)], dxfattribs={"layer": "A-DOOR"})
    msp.add_line((3100, 1000), (4000, 1000), dxfattribs={"layer": "A-DOOR"})
    _, door = inner_door(save(doc, tmp_path))
    assert door.leaf_width_mm == pytest.approx(900, abs=1)


def test_a_door_block_scaled_unevenly_takes_its_width_from_the_scale(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp)
    b = doc.blocks.new("DOOR-1000")  # drawn 1 m wide: closed along +x, open along +y
    b.add_arc((0, 0), 1000, 0, 90)
    b.add_line((0, 0), (0, 1000))
    # rotated 90°: closed along +y (up the wall), open along -x; xscale 0.9 makes it 900 wide
    msp.add_blockref("DOOR-1000", (3100, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90, "xscale": 0.9, "yscale": -1.0})
    _, door = inner_door(save(doc, tmp_path))
    assert str(door.kind) == "hinged"
    assert door.leaf_width_mm == pytest.approx(900, abs=5)
    assert door.latch == pytest.approx((3100, 1900), abs=5)


def test_a_folding_door_of_four_leaves_drawn_partly_open(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp, gap=(1000, 2800))  # an 1800 mm opening
    # four 450 mm leaves folding in pairs about the hinges at y = 1450 and 2350
    for hinge, latch_deg, open_deg in (((3100, 1000), 90, 60), ((3100, 1900), 270, 300), ((3100, 1900), 90, 60),
                                       ((3100, 2800), 270, 300)):
        a0, a1 = sorted((latch_deg, open_deg)) if abs(latch_deg - open_deg) < 180 else (open_deg, latch_deg)
        msp.add_arc(hinge, 450, a0, a1, dxfattribs={"layer": "A-DOOR"})
        end = (hinge[0] + 450 * math.cos(math.radians(open_deg)), hinge[1] + 450 * math.sin(math.radians(open_deg)))
        msp.add_line(hinge, end, dxfattribs={"layer": "A-DOOR"})
    _, door = inner_door(save(doc, tmp_path))
    assert str(door.kind) == "folding"
    assert door.leaf_width_mm == pytest.approx(1800, abs=2)
    assert door.clear_width_mm == pytest.approx(1700, abs=2)  # the folded leaves stand in the opening


def test_a_bifold_door_block(tmp_path):
    doc, msp = new()
    rooms_with_gap(msp, gap=(1000, 2200))
    b = doc.blocks.new("BIFOLD 1200")
    b.add_lwpolyline([(0, -20), (1200, -20), (1200, 20), (0, 20)], close=True)
    msp.add_blockref("BIFOLD 1200", (3050, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90})
    _, door = inner_door(save(doc, tmp_path))
    assert str(door.kind) == "folding" and door.clear_width_mm == pytest.approx(1100, abs=5)


@pytest.mark.parametrize("tag, leaf, clear, height, source", [
    ("2668", 762.0, 697.0, 2032.0, "tag"),   # 2'6" × 6'8"
    ("3068", 914.4, 849.4, 2032.0, "tag"),   # 3'0" × 6'8"
    ("2'-8\" x 6'-8\"", 812.8, 747.8, 2032.0, "tag"),  # 2'8" × 6'8" written out
    ("M9x21", 900.0, 760.0, 2100.0, "module"),  # a Nordic module: 9 × 100 mm − 140 mm
])
def test_door_width_and_height_from_a_tag_beside_it(tmp_path, tag, leaf, clear, height, source):
    doc, msp = new()
    rooms_with_gap(msp)
    msp.add_arc((3100, 1000), 900, 0, 90, dxfattribs={"layer": "A-DOOR"})
    msp.add_line((3100, 1000), (4000, 1000), dxfattribs={"layer": "A-DOOR"})
    text(msp, 3600, 1500, tag, h=100)
    plan, door = inner_door(save(doc, tmp_path))
    assert door.clear_width_mm == pytest.approx(clear, abs=1) and door.width_source == source
    if source == "tag":
        assert door.leaf_width_mm == pytest.approx(leaf, abs=1)
    assert door.height_mm == pytest.approx(height, abs=1)
    assert plan.room(door.swing_room).label == "Soverom"  # the tag is no room label
