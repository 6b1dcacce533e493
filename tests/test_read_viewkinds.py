"""Not a floor plan: elevations, sections, framing plans, grids and symbol libraries are recognised as
such and kept out of the rooms; a drawing with no floor plan of rooms is refused by ``check``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from builders import door_arc, door_block, new, rect, save, text, walls_around
from planeval import api
from planeval.cli import main
from planeval.errors import InputError
from planeval.model import build_plan
from planeval.read import read_drawing


def facade(msp, x0, y0, width=8000, height=5500, layer="A-WALL"):
    """An elevation: a ground line reaching past the building, the walls, windows, a gable roof."""
    msp.add_line((x0 - 2000, y0), (x0 + width + 2000, y0), dxfattribs={"layer": "0"})  # ground line
    rect(msp, x0, y0, x0 + width, y0 + height, layer)
    for i in range(4):
        wx = x0 + 600 + i * 1900
        rect(msp, wx, y0 + 900, wx + 1200, y0 + 2300, layer)  # windows
        rect(msp, wx, y0 + 3200, wx + 1200, y0 + 4400, layer)
    msp.add_line((x0 - 300, y0 + height), (x0 + width / 2, y0 + height + 3000), dxfattribs={"layer": "A-ROOF"})
    msp.add_line((x0 + width / 2, y0 + height + 3000), (x0 + width + 300, y0 + height), dxfattribs={"layer": "A-ROOF"})


def small_plan(msp, x0=0.0, y0=0.0):
    walls_around(msp, x0, y0, x0 + 3000, y0 + 4000, gaps=[("E", 1000, 1900), ("W", 2000, 2900)])
    walls_around(msp, x0 + 3100, y0, x0 + 6000, y0 + 4000, gaps=[("W", 1000, 1900)])
    door_arc(msp, (x0 + 3100, y0 + 1000), 90, 0, 900)
    door_arc(msp, (x0 - 100, y0 + 2000), 90, 180, 900)
    text(msp, x0 + 1500, y0 + 3000, "Stue")
    text(msp, x0 + 4500, y0 + 3000, "Soverom")


def test_an_elevation_alone_is_not_a_floor_plan(tmp_path):
    doc, msp = new()
    facade(msp, 0, 0)
    d = read_drawing(save(doc, tmp_path))
    assert d.kind == "elevation" and "ground line 12.0 m" in d.kind_reason
    plan = build_plan(d)
    assert plan.rooms == () and plan.recognition.grade == "F"
    with pytest.raises(InputError, match="not a floor plan: the drawing looks like an elevation"):
        api.check(plan, "tek17")


def test_the_floor_plan_is_found_beside_elevations_and_their_rooms_go(tmp_path):
    doc, msp = new()
    facade(msp, 0, -16000)
    facade(msp, 11000, -16000)
    small_plan(msp)
    d = read_drawing(save(doc, tmp_path))
    assert d.kind == "floor_plan"
    kinds = sorted((v.kind, v.is_plan) for v in d.views)
    assert kinds == [("elevation", False), ("elevation", False), ("floor_plan", True)]
    plan = build_plan(d)
    assert sorted(r.label for r in plan.rooms) == ["Soverom", "Stue"]  # no window pane became a room
    assert all(r.polygon.bounds[1] > -1000 for r in plan.rooms)


def test_a_section_beside_the_plan_is_kept_out(tmp_path):
    doc, msp = new()
    small_plan(msp)
    # a building section 4 m to the right: floor slabs and walls, and its title
    x0 = 10000
    for y in (0, 2700, 5400):
        rect(msp, x0, y, x0 + 8000, y + 250, "A-WALL", hatch=True)
    rect(msp, x0, 0, x0 + 200, 5650, "A-WALL")
    rect(msp, x0 + 7800, 0, x0 + 8000, 5650, "A-WALL")
    text(msp, x0 + 4000, -800, "SNITT A-A", layer="A-ANNO-TEXT", h=300)
    d = read_drawing(save(doc, tmp_path))
    section = [v for v in d.views if v.kind == "section"]
    assert len(section) == 1 and not section[0].is_plan and "1 texts name it" in section[0].reason
    plan = build_plan(d)
    assert len(plan.rooms) == 2 and all(r.polygon.bounds[2] < 7000 for r in plan.rooms)


def test_a_framing_plan_is_refused_by_check_and_shown_by_inspect(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 8000, 6000, layer="A-WALL")
    for i in range(1, 14):
        msp.add_line((i * 600, 0), (i * 600, 6000), dxfattribs={"layer": "S-JOIST"})
    for i, s in enumerate(["BJELKELAG 48x198 c/c 600", "HEB 200", "Bjelke 90x315 GL30c", "Sperre 48x198", "Fundament"]):
        text(msp, 4000, 1000 + i * 900, s)
    path = save(doc, tmp_path)
    d = read_drawing(path)
    assert d.kind == "framing" and "5 texts name it" in d.kind_reason
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(path), "--rules", "tek17"])
    assert checked.exit_code == 2
    assert checked.output.count("\n") <= 1 and "not a floor plan" in checked.output and "structural" in checked.output
    inspected = runner.invoke(main, ["inspect", str(path)])
    assert inspected.exit_code == 0 and "Not a floor plan: the drawing looks like a structural" in inspected.output


def test_a_symbol_library_is_not_a_floor_plan(tmp_path):
    doc, msp = new()
    for name, (w, h) in {"WC": (400, 700), "DOUBLE BED": (1600, 2000), "SOFA": (900, 2200), "WARDROBE": (600, 1200)}.items():
        b = doc.blocks.new(name)
        b.add_lwpolyline([(0, 0), (w, 0), (w, h), (0, h)], close=True)
    for i, name in enumerate(["WC", "DOUBLE BED", "SOFA", "WARDROBE"]):
        msp.add_blockref(name, (i * 3000, 0))
    d = read_drawing(save(doc, tmp_path))
    assert d.kind == "symbols" and "4 fixture, furniture or door blocks" in d.kind_reason
    assert build_plan(d).recognition.drawing_kind == "symbols"


def test_a_lone_door_symbol_is_not_a_floor_plan(tmp_path):
    doc, msp = new(insunits=0)
    name = door_block(doc, "D1", r=80)  # unitless: drawn at an unknown scale
    msp.add_blockref(name, (0, 0), dxfattribs={"layer": "0"})
    msp.add_line((0, -10), (90, -10), dxfattribs={"layer": "0"})
    d = read_drawing(save(doc, tmp_path))
    assert d.kind == "symbols" and "one door symbol" in d.kind_reason


def test_a_column_grid_alone_is_a_grid(tmp_path):
    doc, msp = new()
    for i in range(6):
        msp.add_line((i * 6000, -1000), (i * 6000, 25000), dxfattribs={"layer": "0"})
        msp.add_line((-1000, i * 4800), (31000, i * 4800), dxfattribs={"layer": "0"})
        msp.add_circle((i * 6000, 25400), 400, dxfattribs={"layer": "0"})  # grid bubbles
        text(msp, i * 6000, 25400, "ABCDEF"[i], layer="0")
    d = read_drawing(save(doc, tmp_path))
    assert d.kind == "grid" and "long lines running right across it" in d.kind_reason
    with pytest.raises(InputError, match="column grid"):
        api.check(build_plan(d), "tek17")


def test_a_plain_room_without_doors_is_still_a_floor_plan(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    d = read_drawing(save(doc, tmp_path))
    assert d.kind == "floor_plan" and [v.kind for v in d.views] == ["floor_plan"]
    assert len(build_plan(d).rooms) == 1


def test_realplan_elevations_are_dropped_and_the_small_floor_plan_found(realplans):
    d = read_drawing(str(realplans / "ono-hiroki__cad__house.dxf"))
    assert sum(1 for v in d.views if v.kind == "elevation") == 4
    plan = build_plan(d)
    assert plan.rooms and all(r.polygon.centroid.y > 14000 and r.polygon.centroid.x < 9500 for r in plan.rooms)
    assert len(plan.doors) >= 5


def test_realplan_framing_plan_is_refused(realplans):
    plan = api.load_plan(realplans / "yuslavihe__Wall_Detection__sample.dxf")
    assert plan.recognition.drawing_kind == "framing" and plan.rooms == ()
    with pytest.raises(InputError, match="structural"):
        api.check(plan, "tek17")


@pytest.mark.parametrize("name", ["LibreCAD__LibreCAD__Complete-Lib-E.dxf", "LibreCAD__LibreCAD__d1.dxf"])
def test_realplan_symbol_files(realplans, name):
    assert api.load_plan(realplans / name).recognition.drawing_kind == "symbols"
