"""Units: the header is trusted only when the geometry agrees; otherwise inferred, or reported unknown."""

from __future__ import annotations

from builders import two_rooms
from planeval.read import read_drawing
from planeval.read.units import UnitEvidence, UnitSource, decide_units


def test_header_mm_is_trusted(tmp_path):
    d = read_drawing(two_rooms(tmp_path))
    assert d.units.drawing_unit == "mm" and d.units.source is UnitSource.HEADER


def test_header_lies_mm_but_metres(tmp_path):
    # geometry in metres (door radius 0.9, rooms 3 × 4) while the header says mm
    d = read_drawing(two_rooms(tmp_path, s=0.001, insunits=4))
    assert d.units.drawing_unit == "m"
    assert d.units.source is UnitSource.INFERRED
    assert d.units.mm_per_unit == 1000.0
    assert any("$INSUNITS says mm" in x.message for x in d.diagnostics)
    # and the model is in millimetres again
    assert max(a.r for a in d.arcs) == 900.0


def test_unitless_is_inferred(tmp_path):
    d = read_drawing(two_rooms(tmp_path, s=0.1, insunits=0))  # centimetres, unitless header
    assert d.units.drawing_unit == "cm" and d.units.source is UnitSource.INFERRED


def test_override(tmp_path):
    d = read_drawing(two_rooms(tmp_path, s=0.001, insunits=4), units="m")
    assert d.units.source is UnitSource.OVERRIDE and d.units.mm_per_unit == 1000.0


def test_no_plausible_scale_is_reported_not_invented():
    # "pixel" drawing: 40 px door swings and a 300 px wide plan, metric header hint absent
    ev = UnitEvidence(door_radii=[40.0, 42.0], room_areas=[9000.0, 12000.0], extent=300.0)
    units, notes = decide_units(ev, 0, imperial_hint=False)
    assert units.source is UnitSource.UNKNOWN
    assert notes and notes[0][0] == "error" and "no plausible drawing scale" in notes[0][1]


def test_inches_only_with_imperial_hint():
    ev = UnitEvidence(door_radii=[36.0, 32.0], extent=600.0)  # a 36" door in a 50 ft plan
    units, _ = decide_units(ev, 0, imperial_hint=True)
    assert units.drawing_unit == "in"
    units, _ = decide_units(ev, 0, imperial_hint=False)
    assert units.source is UnitSource.UNKNOWN
