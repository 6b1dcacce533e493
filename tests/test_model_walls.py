"""Walls drawn on more than the wall layer: the outline on layer "0", only the new partitions on a wall layer."""

from __future__ import annotations

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
