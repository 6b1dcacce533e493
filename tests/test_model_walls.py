"""Walls drawn on more than the wall layer: the outline on layer "0", only the new partitions on a wall layer."""

from __future__ import annotations

import math

import pytest

from builders import door_arc, new, save, text
from planeval.model import build_plan
from planeval.read import read_drawing


def test_outline_on_an_unknown_layer_joins_the_wall_layer(tmp_path):
    doc, msp = new()
    for a, b in (((0, 0), (8000, 0)), ((8000, 0), (8000, 5000)), ((8000, 5000), (0, 5000)), ((0, 5000), (0, 0))):
        msp.add_line(a, b, dxfattribs={"layer": "0"})  # the existing building, on layer 0
    msp.add_line((4000, 0), (4000, 2000), dxfattribs={"layer": "New Walls"})  # the new partition, with a door gap
    msp.add_line((4000, 2900), (4000, 5000), dxfattribs={"layer": "New Walls"})
    door_arc(msp, (4000, 2000), 90, 0, 900, layer="Doors")
    text(msp, 2000, 4000, "Stue")
    text(msp, 6000, 4000, "Kjøkken")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert sorted((r.label, round(r.area_m2, 1)) for r in plan.rooms) == [("Kjøkken", 20.0), ("Stue", 20.0)]
    assert any(d.code == "walls-extended" for d in plan.diagnostics)
    (door,) = plan.doors
    assert door.leaf_width_mm == pytest.approx(900, abs=1)


def test_furniture_on_an_unknown_layer_does_not_become_walls(tmp_path):
    doc, msp = new()
    for a, b in (((0, 0), (8000, 0)), ((8000, 0), (8000, 5000)), ((8000, 5000), (0, 5000)), ((0, 5000), (0, 0))):
        msp.add_line(a, b, dxfattribs={"layer": "Walls"})
    for x in range(1000, 7000, 800):  # chairs: many short lines inside the room
        msp.add_lwpolyline([(x, 1000), (x + 450, 1000), (x + 450, 1450), (x, 1450)], close=True, dxfattribs={"layer": "0"})
    text(msp, 4000, 4000, "Stue")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert [round(r.area_m2, 1) for r in plan.rooms] == [40.0]
    assert not any(d.code == "walls-extended" for d in plan.diagnostics)


def test_floor_patterns_on_the_wall_layer_are_no_walls(tmp_path):
    doc, msp = new()
    # walls on layer "0" (no wall layer at all) and, on the same layer, floor boards 300 mm apart
    for a, b in (((0, 0), (5000, 0)), ((5000, 0), (5000, 4000)), ((5000, 4000), (0, 4000)), ((0, 4000), (0, 0))):
        msp.add_line(a, b, dxfattribs={"layer": "0"})
    for y in range(350, 3700, 300):
        msp.add_line((100, y), (4900, y), dxfattribs={"layer": "0"})
    text(msp, 2500, 2150, "Stue")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert [round(r.area_m2, 1) for r in plan.rooms] == [20.0]
    assert any(d.code == "walls-patterns-dropped" for d in plan.diagnostics)


def _one_layer_room(msp):
    """A 6 × 4 m room on layer 0, single-line walls (the walls are guessed: no wall layer)."""
    for a, b in (((0, 0), (6000, 0)), ((6000, 0), (6000, 4000)), ((6000, 4000), (0, 4000)), ((0, 4000), (0, 0))):
        msp.add_line(a, b, dxfattribs={"layer": "0"})
    text(msp, 1000, 3000, "Stue", layer="0")


@pytest.mark.parametrize("centre, start, sweep, area", [
    ((4900, 2000), 30.0, 300.0, 24.0),  # a callout's ring across the wall, open outside it: a symbol
    ((3000, 4000), 180.0, 180.0, 24.0 - math.pi * 1.4 ** 2 / 2),  # a half circle on the wall: a wall (a bay's)
])
def test_an_arc_round_more_than_half_a_circle_is_no_guessed_wall(tmp_path, centre, start, sweep, area):
    """A callout's ring (300°, korttid-40-aia's detail mark) in a room on one layer is a symbol: as a wall its 1.4 m
    ring and the wall closed a room of their own. A half circle may be a wall and still cuts."""
    doc, msp = new()
    _one_layer_room(msp)
    msp.add_arc(centre, 1400, start, start + sweep, dxfattribs={"layer": "0"})
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    (stue,) = [r for r in plan.rooms if r.label == "Stue"]
    assert stue.area_m2 == pytest.approx(area, abs=0.05)


@pytest.mark.parametrize("thick, kind", [(40.0, "sliding"), (100.0, "opening")])
def test_a_thin_rectangle_beside_an_opening_on_one_layer_is_a_sliding_leaf(tmp_path, thick, kind):
    """korttid-40-iso on one layer: its sliding leaf, a 40 mm rectangle parked beside the opening, was a wall body and
    the door a plain opening. A 100 mm rectangle is a wall stub, as before."""
    doc, msp = new()
    for a, b in (((0, 0), (6000, 0)), ((6000, 0), (6000, 4000)), ((6000, 4000), (0, 4000)), ((0, 4000), (0, 0)),
                 ((3000, 0), (3000, 1500)), ((3000, 2400), (3000, 4000))):
        msp.add_line(a, b, dxfattribs={"layer": "0"})
    msp.add_lwpolyline([(3000, 2400), (3000 + thick, 2400), (3000 + thick, 3350), (3000, 3350)], close=True,
                       dxfattribs={"layer": "0"})
    text(msp, 1000, 3000, "Stue", layer="0")
    text(msp, 5000, 3000, "Soverom", layer="0")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert sorted(r.label for r in plan.rooms) == ["Soverom", "Stue"]
    (door,) = plan.doors
    assert str(door.kind) == kind
    assert door.leaf_width_mm == pytest.approx(900, abs=1)
