"""Flattening: block transforms, bulges, hatches, texts, hidden layers."""

from __future__ import annotations

import math

import pytest

import builders
from builders import new, rect, save
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.read.drawing import Role


def _door_block(doc):
    b = doc.blocks.new("DOOR-900")
    b.add_arc((0, 0), 900, 0, 90)
    b.add_line((0, 0), (0, 900))
    return "DOOR-900"


@pytest.mark.parametrize(
    "rotation, xscale, expect_center, expect_span",
    [
        (0, 1, (1000, 2000), (0, 90)),
        (90, 1, (1000, 2000), (90, 180)),
        (0, -1, (1000, 2000), (90, 180)),  # mirrored in x
        (180, 1, (1000, 2000), (180, 270)),
    ],
)
def test_block_transform(tmp_path, rotation, xscale, expect_center, expect_span):
    doc, msp = new()
    rect(msp, -3000, -3000, 6000, 6000)
    name = _door_block(doc)
    msp.add_blockref(name, (1000, 2000), dxfattribs={"layer": "A-DOOR", "rotation": rotation, "xscale": xscale})
    d = read_drawing(save(doc, tmp_path))
    arcs = [a for a in d.arcs if a.role is Role.DOOR]
    assert len(arcs) == 1
    a = arcs[0]
    assert (round(a.cx), round(a.cy)) == expect_center and round(a.r) == 900
    assert (round(a.start_deg) % 360, round(a.end_deg) % 360 or 360) == (expect_span[0] % 360, expect_span[1] % 360 or 360)


def test_nested_and_nonuniform(tmp_path):
    doc, msp = new()
    rect(msp, -3000, -3000, 6000, 6000)
    inner = doc.blocks.new("Door Swing 90")
    inner.add_arc((0, 0), 1, 0, 90)
    outer = doc.blocks.new("M_Single-Flush")
    outer.add_blockref("Door Swing 90", (0, 0), dxfattribs={"xscale": 900, "yscale": 900})
    msp.add_blockref("M_Single-Flush", (500, 500), dxfattribs={"layer": "0", "rotation": 90})
    # a block scaled non-uniformly turns its circle into an ellipse, which stays a shape
    oval = doc.blocks.new("OVAL")
    oval.add_circle((0, 0), 100)
    msp.add_blockref("OVAL", (0, 0), dxfattribs={"layer": "A-FLOR-FIXT", "xscale": 2, "yscale": 1})
    d = read_drawing(save(doc, tmp_path))
    swing = [a for a in d.arcs if round(a.r) == 900]
    assert len(swing) == 1 and swing[0].role is Role.DOOR  # the nested block name says "Door"
    assert (round(swing[0].cx), round(swing[0].cy)) == (500, 500)
    footprints = [s for s in d.shapes if s.kind == "footprint"]
    xs = [p[0] for p in footprints[0].exterior]
    assert round(max(xs) - min(xs)) == 400  # 2 × 200 wide


def test_bulge_becomes_arc_and_hatch_becomes_shape(tmp_path):
    doc, msp = new()
    rect(msp, -3000, -3000, 6000, 6000)
    # quarter circle of radius 800 as a bulge polyline: bulge = tan(90°/4)
    msp.add_lwpolyline([(800, 0, math.tan(math.radians(22.5))), (0, 800, 0)], format="xyb", dxfattribs={"layer": "A-DOOR"})
    h = msp.add_hatch(dxfattribs={"layer": "A-WALL-PATT"})
    h.paths.add_polyline_path([(0, 0), (2000, 0), (2000, 200), (0, 200)], is_closed=True)
    d = read_drawing(save(doc, tmp_path))
    bulge_arcs = [a for a in d.arcs if a.role is Role.DOOR]
    assert len(bulge_arcs) == 1
    assert round(bulge_arcs[0].r) == 800 and round(bulge_arcs[0].sweep_deg) == 90
    hatches = [s for s in d.shapes if s.kind == "hatch"]
    assert len(hatches) == 1 and hatches[0].role is Role.WALL


def test_mtext_formatting_and_attributes(tmp_path):
    doc, msp = new()
    rect(msp, -3000, -3000, 6000, 6000)
    msp.add_mtext(r"{\fArial|b1;STUE}\P24,3 m²", dxfattribs={"layer": "Rom", "char_height": 200, "insert": (1000, 1000)})
    tag = doc.blocks.new("M_Room Tag")
    tag.add_attdef("NAME", (0, 0), dxfattribs={"height": 150})
    ref = msp.add_blockref("M_Room Tag", (2000, 2000), dxfattribs={"layer": "A-AREA-IDEN"})
    ref.add_auto_attribs({"NAME": "Soverom"})
    d = read_drawing(save(doc, tmp_path))
    texts = {t.text for t in d.texts}
    assert "STUE\n24,3 m²" in texts
    named = [t for t in d.texts if t.tag == "NAME"]
    assert named and named[0].text == "Soverom" and named[0].role is Role.LABEL


def test_frozen_and_off_layers_are_ignored(tmp_path):
    doc, msp = new()
    rect(msp, 0, 0, 4000, 3000, layer="A-WALL")
    doc.layers.add("A-WALL-ALT").freeze()
    doc.layers.add("A-WALL-OFF").off()
    rect(msp, 500, 500, 3500, 2500, layer="A-WALL-ALT")
    rect(msp, 600, 600, 3400, 2400, layer="A-WALL-OFF")
    d = read_drawing(save(doc, tmp_path))
    assert {s.layer for s in d.segments} == {"A-WALL"}
    hidden = [x for x in d.diagnostics if x.code == "layer-hidden"]
    assert {x.subject for x in hidden} == {"A-WALL-ALT", "A-WALL-OFF"}


# -- multilines (MLINE) ------------------------------------------------------------------------------


def _mline_room(doc, target, t=150.0, **attribs):
    """A 4 × 3 m room's walls as one MLINE along their centres (gap on the south side, 1000-1900 mm)."""
    pts = [(1900, -t / 2), (4000 + t / 2, -t / 2), (4000 + t / 2, 3000 + t / 2), (-t / 2, 3000 + t / 2), (-t / 2, -t / 2),
           (1000, -t / 2)]
    return target.add_mline(pts, dxfattribs={"scale_factor": t, "justification": 1, **attribs})


def test_mline_is_read_as_its_lines_on_its_layer(tmp_path):
    doc, msp = new()
    _mline_room(doc, msp, layer="A-WALL")
    d = read_drawing(save(doc, tmp_path))
    walls = [s for s in d.segments if s.role is Role.WALL]
    assert len(walls) == 10 and {s.src.dxftype for s in walls} == {"MLINE"}  # 5 segments × 2 faces, no caps (Standard)
    ys = sorted({round(s.y1) for s in walls if round(s.y1) == round(s.y2)})
    assert ys == [-150, 0, 3000, 3150]  # the faces 150 mm apart, the centre line at -75 and 3075


def test_mline_in_a_turned_mirrored_block_with_a_filled_capped_style(tmp_path):
    doc, msp = new()
    style = doc.mline_styles.new("WALL150")
    style.elements.append(0.5)
    style.elements.append(-0.5)
    style.dxf.flags = style.FILL | style.START_SQUARE | style.END_SQUARE
    block = doc.blocks.new("ROOM-WALLS")
    _mline_room(doc, block, style_name="WALL150", layer="0")
    msp.add_blockref("ROOM-WALLS", (10000, 5000), dxfattribs={"layer": "A-WALL", "rotation": 33, "xscale": -1})
    a = math.radians(33)
    builders.text(msp, 10000 - 2000 * math.cos(a) - 1500 * math.sin(a), 5000 - 2000 * math.sin(a) + 1500 * math.cos(a), "Soverom")
    path = save(doc, tmp_path)
    d = read_drawing(path)
    assert len([s for s in d.segments if s.role is Role.WALL]) == 12 + 2  # 6 segments × 2 faces, and the two caps
    assert [s.role for s in d.shapes] == [Role.WALL]  # the fill: a wall body
    plan = build_plan(d)
    assert [(r.label, round(r.area_m2, 2)) for r in plan.rooms] == [("Soverom", 12.0)]


def test_broken_mlines_are_skipped_not_fatal(tmp_path):
    doc, msp = new()
    missing = msp.add_mline([(0, 0), (4000, 0)], dxfattribs={"layer": "A-WALL", "scale_factor": 100})
    missing.dxf.style_name = "NO-SUCH-STYLE"  # drawn with the default style, as CAD programs do
    msp.add_mline([(0, 0), (0, 3000)], dxfattribs={"layer": "A-WALL", "scale_factor": float("nan")})
    msp.add_mline([], dxfattribs={"layer": "A-WALL"})
    d = read_drawing(save(doc, tmp_path))
    assert len(d.segments) == 2
    assert any(x.code == "nonfinite-coordinates" for x in d.diagnostics)


# -- external references (XREF) -----------------------------------------------------------------------


def test_an_attached_xref_is_named_as_missing(tmp_path):
    path = builders.two_rooms(tmp_path)
    import ezdxf

    doc = ezdxf.readfile(path)
    doc.add_xref_def("..\\base\\furniture.dwg", "FURNITURE")
    doc.modelspace().add_blockref("FURNITURE", (0, 0))
    doc.modelspace().add_blockref("FURNITURE", (5000, 0))
    doc.saveas(path)
    d = read_drawing(path)
    assert d.xrefs == ("..\\base\\furniture.dwg",)
    (warning,) = [x for x in d.diagnostics if x.code == "xref-not-bound"]
    assert warning.level == "warning" and "2 inserts of the external reference '..\\base\\furniture.dwg'" in warning.message
    assert not any("INSERT" in x.message and x.code == "entities-skipped" for x in d.diagnostics)
    plan = build_plan(d)
    assert len(plan.rooms) == 2  # the plan itself is read as before
    rec = plan.recognition
    assert rec.grade == "C"  # would be A: what the reference draws (fixtures, furniture, walls) may be missing
    assert rec.reasons[0] == ("xrefs", (("n", 1), ("names", "..\\base\\furniture.dwg")))
    from planeval.report.recognition_text import note_lines

    assert note_lines("nb", rec)[0] == ("eksterne referanser (xref) som ikke er med i fila (1: ..\\base\\furniture.dwg): "
                                        "det de tegner, er ikke vurdert")  # a file name is not a number: no decimal comma


def test_walls_only_in_an_xref_say_so_in_the_error(tmp_path):
    from planeval.errors import InputError

    doc, msp = new()
    doc.add_xref_def("walls-1.etg.dwg", "WALLS")
    msp.add_blockref("WALLS", (0, 0))
    builders.text(msp, 1500, 1500, "Stue")
    msp.add_line((0, 0), (10, 0), dxfattribs={"layer": "A-WALL"})
    with pytest.raises(InputError) as info:
        build_plan(read_drawing(save(doc, tmp_path)))
    assert "no rooms recognised" in str(info.value)
    assert "it inserts 1 external reference not in the file (walls-1.etg.dwg): bind them before exporting" in str(info.value)


# -- objects of other programs, read from their proxy graphics ----------------------------------------


WALLS_4_BY_3 = [[(-100, -100), (1000, -100), (1000, 0), (-100, 0)], [(1900, -100), (4100, -100), (4100, 0), (1900, 0)],
                [(-100, 3000), (4100, 3000), (4100, 3100), (-100, 3100)], [(-100, 0), (0, 0), (0, 3000), (-100, 3000)],
                [(4000, 0), (4100, 0), (4100, 3000), (4000, 3000)]]


def test_an_aec_wall_is_read_from_its_proxy_graphics(tmp_path):
    """AutoCAD Architecture saves its walls as AEC_WALL objects with the graphics other readers should draw:
    a 4 × 3 m room walled so is the room its walls drawn as polylines make."""
    doc, msp = new()
    builders.text(msp, 2000, 1500, "Soverom")
    path = save(doc, tmp_path)
    builders.add_custom_object(path, "AEC_WALL", "A-WALL", builders.proxy_graphic(polygons=WALLS_4_BY_3))
    d = read_drawing(path)
    assert [s.role for s in d.shapes] == [Role.WALL] * 5  # on the object's layer (the graphics name none)
    (info,) = [x for x in d.diagnostics if x.code == "proxy-graphics"]
    assert info.message.startswith("1 AEC_WALL object of another program read from the graphics saved with them")
    assert not any(x.code == "entities-skipped" for x in d.diagnostics)
    assert [(r.label, round(r.area_m2, 2)) for r in build_plan(d).rooms] == [("Soverom", 12.0)]


def test_broken_proxy_graphics_are_skipped_not_fatal(tmp_path):
    doc, msp = new()
    for x0, y0, x1, y1 in [(-100, -100, 1000, 0), (1900, -100, 4100, 0), (-100, 3000, 4100, 3100), (-100, 0, 0, 3000),
                           (4000, 0, 4100, 3000)]:
        rect(msp, x0, y0, x1, y1)
    builders.text(msp, 2000, 1500, "Soverom")
    path = save(doc, tmp_path)
    good = builders.proxy_graphic(polylines=[[(0, 0), (10, 10)]])
    short = good[:8] + b"\x04\x00\x00\x00\x06\x00\x00\x00" + good[16:]  # a command of size 4 < 8
    builders.add_custom_object(path, "AEC_DOOR", "A-DOOR", short)
    builders.add_custom_object(path, "AEC_WINDOW", "A-GLAZ", good[:-20])  # cut in a vertex
    d = read_drawing(path)
    skipped = {x.subject for x in d.diagnostics if x.code == "entities-skipped"}
    assert {"AEC_DOOR (malformed: ProxyGraphicError)", "AEC_WINDOW (malformed: ProxyGraphicError)"} <= skipped
    assert [round(r.area_m2, 2) for r in build_plan(d).rooms] == [12.0]


def test_a_known_type_with_proxy_graphics_stays_out():
    """A type ezdxf knows (a room schedule as ACAD_TABLE, a leader, a dimension) is not drawn from the proxy
    graphics AutoCAD may save with it: only objects no reader but their own program knows are."""
    from planeval.read.flatten import Flattener
    from planeval.read.profiles import builtin_profile

    doc, msp = new()
    line = msp.add_line((0, 0), (1000, 0), dxfattribs={"layer": "A-ANNO-TABL"})

    class Table:  # an ACAD_TABLE as ezdxf loads it: its own class, with the proxy graphics AutoCAD saved
        dxf = line.dxf
        proxy_graphic = builders.proxy_graphic(polylines=[[(0, 0), (5000, 0)]])

        def dxftype(self) -> str:
            return "ACAD_TABLE"

    f = Flattener(doc, builtin_profile("aia"))
    f.entity(Table(), None, None, None, 0)
    assert f.raw.skipped["ACAD_TABLE"] == 1 and not f.raw.segments and not f.raw.proxies


def _unit_block(doc, name="TYPE-A", walls=10):
    """A block drawing part of a plan: wall lines and a nested door block (on layer 0 inside)."""
    b = doc.blocks.new(name)
    for k in range(walls):
        b.add_line((0, k * 300), (4000, k * 300), dxfattribs={"layer": "A-WALL"})
    b.add_blockref(_door_block(doc), (500, 100), dxfattribs={"layer": "A-DOOR"})
    return name


def test_a_block_holding_a_plan_is_read_as_drawn_in_place(tmp_path):
    """Two inserts of a unit block (the second turned): its walls are walls, and its nested door block is
    a door insert of its own in each copy, placed where that copy puts it — not the unit one big door."""
    doc, msp = new()
    name = _unit_block(doc)
    msp.add_blockref(name, (0, 0))
    msp.add_blockref(name, (20000, 0), dxfattribs={"rotation": 90})
    d = read_drawing(save(doc, tmp_path))
    assert sum(s.role is Role.WALL for s in d.segments) == 20
    doors = sorted((round(i.x), round(i.y), round(i.rotation_deg)) for i in d.inserts if i.role is Role.DOOR)
    assert doors == [(500, 100, 0), (19900, 500, 90)]
    assert not any(i.name == name for i in d.inserts)
    assert len({s.src.handle for s in d.segments if s.role is Role.WALL}) == 20  # each copy's lines told apart
    assert any(x.code == "plan-blocks" for x in d.diagnostics)


def test_a_door_block_with_a_nested_swing_stays_one_door(tmp_path):
    """A block without a name of its own that nests a door (Revit's "Door Swing 90") and has a few lines on
    the wall layer (jambs) is a door, not a plan: too little of a plan in it."""
    doc, msp = new()
    rect(msp, -3000, -3000, 6000, 6000)
    name = _unit_block(doc, "M_Single-Flush 0915", walls=3)
    msp.add_blockref(name, (0, 0))
    d = read_drawing(save(doc, tmp_path))
    assert [i.role for i in d.inserts] == [Role.DOOR]
    assert not any(x.code == "plan-blocks" for x in d.diagnostics)
