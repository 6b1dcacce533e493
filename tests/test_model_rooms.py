"""Rooms from walls drawn every way architects draw them, and from room polygons."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from builders import new, rect, save, text, two_rooms, walls_around
from planeval.errors import InputError
from planeval.model import build_plan
from planeval.read import read_drawing


def rooms_of(path, **kw):
    plan = build_plan(read_drawing(path, **kw))
    return plan, sorted(plan.rooms, key=lambda r: r.polygon.centroid.x)


@pytest.mark.parametrize("style", ["bodies", "hatch", "double", "mline"])
def test_two_rooms_from_walls(tmp_path, style):
    plan, (a, b) = rooms_of(two_rooms(tmp_path, style=style))
    assert a.area_m2 == pytest.approx(12.0, abs=0.01)  # 3.0 × 4.0
    assert b.area_m2 == pytest.approx(11.6, abs=0.01)  # 2.9 × 4.0
    assert a.polygon.symmetric_difference(box(0, 0, 3000, 4000)).area < 1e4
    assert (a.function, b.function) == ("living", "bedroom")
    assert a.source == "walls"


def test_single_line_walls_with_undershoots(tmp_path):
    # centre lines that stop 50 mm short of each other at every corner (a common drawing slip)
    plan, rooms = rooms_of(two_rooms(tmp_path, style="single"))
    a = rooms[0]
    # the room is bounded by the centre lines, 50 mm outside each interior face
    assert a.area_m2 == pytest.approx(3.1 * 4.1, abs=0.05)
    assert len(rooms) == 2


def test_openings_are_sealed_so_rooms_stay_apart(tmp_path):
    # the two rooms are joined by a 900 mm door opening: still two rooms, and an entrance
    plan, rooms = rooms_of(two_rooms(tmp_path, door="block"))
    assert len(rooms) == 2
    assert any(str(d.role) == "entrance" for d in plan.doors)


def test_plain_opening_without_a_door_becomes_an_opening(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("E", 1500, 2400)])
    walls_around(msp, 3100, 0, 6000, 4000, gaps=[("W", 1500, 2400)])
    text(msp, 1500, 3000, "Stue")
    text(msp, 4500, 3000, "Kjøkken")
    plan, rooms = rooms_of(save(doc, tmp_path))
    assert len(rooms) == 2
    openings = [d for d in plan.doors if str(d.kind) == "opening"]
    assert len(openings) == 1
    assert openings[0].clear_width_mm == pytest.approx(900, abs=2)
    assert set(openings[0].rooms) == {r.id for r in rooms}


def test_room_polygons_are_used_and_labelled_from_the_layer(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    rect(msp, 0, 0, 3000, 4000, layer="Room - Kitchen")
    plan, rooms = rooms_of(save(doc, tmp_path))
    assert len(rooms) == 1
    assert rooms[0].source == "polygon" and rooms[0].label == "Kitchen" and rooms[0].function == "kitchen"


@pytest.mark.parametrize("inside, label, function", [
    ("Room 304B Janitor", "Room 304B Janitor", "other"),  # a name in the room wins over the layer's
    ("Women's Restroom", "Women's Restroom", "wc"),
    (None, "Category-Color", "other"),  # nothing else names it
])
def test_a_layer_name_that_names_no_function_does_not_hide_the_room_text(tmp_path, inside, label, function):
    """Revit's room hatches come on "Rooms-Category-Color": that is no room's name (building001 had 8 rooms so named)."""
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    rect(msp, 0, 0, 3000, 4000, layer="Rooms-Category-Color")
    if inside:
        text(msp, 1500, 2000, inside)
    _, rooms = rooms_of(save(doc, tmp_path))
    assert [(r.label, r.function) for r in rooms] == [(label, function)]


def test_room_polygons_can_be_ignored(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    rect(msp, 0, 0, 2000, 2000, layer="A-AREA")  # a wrong room polygon
    d = read_drawing(save(doc, tmp_path))
    # the drawn polygon is used, and the walls fill in the rest of the room
    assert sorted(round(r.area_m2, 2) for r in build_plan(d).rooms) == [4.0, 8.0]
    assert [round(r.area_m2, 2) for r in build_plan(d, room_polygons=False).rooms] == [12.0]


def test_site_plan_beside_the_floor_plan_stays_out(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    text(msp, 1500, 2000, "Stue")
    # a "site plan" 30 m away: a big closed outline on an unknown layer, and a title block frame
    rect(msp, 30000, 0, 60000, 25000, layer="SITE")
    rect(msp, 31000, 1000, 40000, 9000, layer="Tomt")
    plan, rooms = rooms_of(save(doc, tmp_path))
    assert len(rooms) == 1 and rooms[0].label == "Stue"


def test_nothing_recognisable_is_an_input_error(tmp_path):
    doc, msp = new()
    msp.add_circle((0, 0), 500, dxfattribs={"layer": "A-ANNO-SYMB"})
    with pytest.raises(InputError, match="no rooms recognised"):
        build_plan(read_drawing(save(doc, tmp_path)))


def test_room_areas_invariant_under_drawing_units(tmp_path):
    (tmp_path / "mm").mkdir()
    (tmp_path / "m").mkdir()
    base = {r.label: r.area_m2 for r in build_plan(read_drawing(two_rooms(tmp_path / "mm"))).rooms}
    metres = {r.label: r.area_m2 for r in build_plan(read_drawing(two_rooms(tmp_path / "m", s=0.001, insunits=6))).rooms}
    assert metres == pytest.approx(base, abs=0.01)
