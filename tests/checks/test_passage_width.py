"""PA01 passage-width: the widest disc that gets from a room's entry door to its doors and windows."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path

import pytest
from shapely.geometry import LineString

from planeval.api import check as run
from planeval.checks.passage_width import Params, check, measure
from planeval.findings import Status
from planeval.measure import Context, FloorSpec
from planeval.measure.floor import free_floor
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.ruleset import load_ruleset

from .planbuilder import OUTSIDE, box, fixture, hinged, make_plan, opening, room, window

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "dxf"


def params(**kw) -> Params:
    base = dict(width_mm=900.0, functions=("living", "kitchen", "bedroom", "entrance"),
                window_functions=("living", "kitchen", "bedroom"), furnished=True,
                floor_kinds=("shower",), tolerance_mm=5.0)
    return Params(**{**base, **kw})


def flat():
    """Hall R1 4.0 × 2.05 m with two 600 mm wardrobes facing each other: an 850 mm gap between
    y = 600 and 1450 on the way from the entrance door D1 (west wall) to the living-room door D2
    (east wall). Bedroom R3 north of the hall: a bed 2180 mm wide leaves 820 mm to the east wall,
    the only way to window W2. Living room R2 east: window W1 above a kitchen counter."""
    return make_plan(
        rooms=[
            room("R1", box(0, 0, 4000, 2050), "entrance"),
            room("R2", box(4100, 0, 8000, 4000), "living"),
            room("R3", box(0, 2150, 3000, 5150), "bedroom"),
        ],
        doors=[
            hinged("D1", hinge=(0, 600), latch=(0, 1525), swing_into="R1", rooms=("R1", OUTSIDE), open_side=-1),
            hinged("D2", hinge=(4100, 600), latch=(4100, 1425), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
            hinged("D3", hinge=(300, 2150), latch=(1125, 2150), swing_into="R3", rooms=("R1", "R3"), open_side=1),
        ],
        fixtures=[
            fixture("F1", "wardrobe", box(1500, 0, 2100, 600), "R1"),
            fixture("F2", "wardrobe", box(1500, 1450, 2100, 2050), "R1"),
            fixture("F3", "bed", box(0, 3150, 2180, 5150), "R3"),
            fixture("F4", "kitchen_counter", box(5000, 3400, 6200, 4000), "R2"),
        ],
        windows=[
            window("W1", box(5000, 4000, 6200, 4250), ("R2", OUTSIDE)),
            window("W2", box(2200, 5150, 2900, 5400), ("R3", OUTSIDE)),
        ],
    )


def by_subject(results):
    return {r.subject: r for r in results}


def test_pass_hall_gap_wide_enough():
    res = by_subject(check(Context(flat()), params(width_mm=800.0)))
    hall = res["R1"]
    assert hall.status is Status.PASS
    assert hall.measured == pytest.approx(850, abs=10)
    assert hall.unit == "mm" and hall.required == 800
    assert f"{hall.measured:.0f} mm ≥ 800 mm" in hall.message
    assert hall.details["entry_door"] == "D1"
    # the corridor claimed at 800 mm reaches both other doors and stays on the free floor
    (zone,) = hall.zones
    assert zone.kind == "passage" and zone.room == "R1"
    free = free_floor(Context(flat()), "R1", FloorSpec(True, ("shower",)))
    assert zone.geometry.difference(free).area < 1.0
    assert zone.geometry.intersects(box(3900, 600, 4000, 1425))  # in front of D2


def test_fail_names_the_door_and_marks_the_gap():
    res = by_subject(check(Context(flat()), params(width_mm=900.0)))
    hall = res["R1"]
    assert hall.status is Status.FAIL
    assert hall.measured == pytest.approx(850, abs=10)
    assert "< 900 mm" in hall.message and "door D2" in hall.message
    assert hall.details["not_reached"] == ["D2"]
    # the bottleneck: a segment across the gap between the wardrobes, about 850 mm long
    loc = hall.location
    assert isinstance(loc, LineString)
    assert loc.length == pytest.approx(850, abs=20)
    assert 1500 - 1 <= loc.centroid.x <= 2100 + 1


def test_window_behind_the_bed():
    res = by_subject(check(Context(flat()), params()))
    bed = res["R3"]
    assert bed.status is Status.FAIL
    assert bed.measured == pytest.approx(820, abs=10)
    assert "window W2" in bed.message and f"{bed.measured:.0f} mm < 900 mm" in bed.message
    # unfurnished, the bed does not count: the whole room is free
    free_room = by_subject(check(Context(flat()), params(furnished=False)))["R3"]
    assert free_room.status is Status.PASS
    # without windows there is nothing beyond the entry door to reach
    no_windows = by_subject(check(Context(flat()), params(window_functions=())))["R3"]
    assert no_windows.status is Status.PASS


def test_window_above_a_counter_is_reached_at_its_front():
    living = by_subject(check(Context(flat()), params()))["R2"]
    assert living.status is Status.PASS
    assert "W1" in living.details["approached_over"]
    assert living.details["targets"]["W1"] >= 900


def test_two_widths_measure_once():
    ctx = Context(flat())
    narrow = by_subject(check(ctx, params(width_mm=800.0)))
    computed = ctx.stats["computed"]
    wide = by_subject(check(ctx, params(width_mm=900.0)))
    assert narrow["R1"].status is Status.PASS and wide["R1"].status is Status.FAIL
    assert narrow["R1"].measured == wide["R1"].measured
    # the second judgement only adds the corridors claimed at 900 mm, no new measurement
    assert ctx.stats["computed"] - computed < 10


def test_not_applicable_without_rooms_of_the_functions():
    (res,) = check(Context(flat()), params(functions=("storage",)))
    assert res.status is Status.NOT_APPLICABLE and res.subject == "plan"


def test_room_without_door_needs_review():
    plan = make_plan(rooms=[room("R1", box(0, 0, 3000, 3000), "bedroom")])
    (res,) = check(Context(plan), params())
    assert res.status is Status.NEEDS_REVIEW and res.location is not None


# -- samples, end to end ---------------------------------------------------------------------------

NAMES = sorted(p.stem for p in SAMPLES.glob("*.dxf"))
COMPLIANT = ("omsorg-55-aia", "bofelles-40-nordic", "familie-70-revit")


@cache
def load_sample(name: str):
    """(expected.json, plan) of a bundled sample, read once per test session (the other check tests share it)."""
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return expected, build_plan(read_drawing(SAMPLES / f"{name}.dxf"))


def run_rule(plan, rule: str, ruleset: str = "tek17", **overrides):
    """Run one rule of a bundled rule set (parameters optionally overridden) on a plan."""
    rs = load_ruleset(ruleset)
    rc = rs.rules[rule]
    if overrides:
        rc = dataclasses.replace(rc, params=dataclasses.replace(rc.params, **overrides))
    return run(plan, dataclasses.replace(rs, rules={rule: rc}))


@cache
def sample(name: str):
    expected, plan = load_sample(name)
    return expected, plan, run_rule(plan, "passage-width")


def test_sample_korttid_iso_entrance_passage():
    expected, plan, report = sample("korttid-40-iso")
    assert any(d["rule"] == "passage-width" and "Entr" in d["subject"] for d in expected["defects"])
    failing = [f.result for f in report.findings if f.failing]
    assert [plan.room(r.subject).label for r in failing] == ["Entré"]
    (entre,) = failing
    assert entre.measured == pytest.approx(800, abs=10)  # the wardrobe leaves 800 mm
    stove_door = next(d.id for d in plan.doors if set(d.rooms) == {entre.subject, "R2"})
    assert f"door {stove_door}" in entre.message


@pytest.mark.parametrize("name", NAMES)
def test_samples_fail_only_where_expected(name):
    expected, plan, report = sample(name)
    listed = any(d["rule"] == "passage-width" for d in expected["defects"])
    failing = [f for f in report.findings if f.failing]
    assert all(f.status is not Status.ERROR for f in report.findings)
    assert bool(failing) == listed, [f.result.message for f in failing]
    for f in report.findings:
        assert f.result.location is not None and f.result.unit == "mm"
    if name in COMPLIANT:
        assert all(f.status is Status.PASS for f in report.findings)


def test_a_second_width_measures_nothing_again():
    ctx = Context(flat())
    wide = by_subject(check(ctx, params(width_mm=900.0)))["R1"]
    m = measure(ctx, "R1", params(width_mm=900.0))
    narrow = by_subject(check(ctx, params(width_mm=800.0, tolerance_mm=10.0)))["R1"]
    assert measure(ctx, "R1", params(width_mm=800.0)) is m  # one measurement for both widths
    assert (wide.status, narrow.status) == (Status.FAIL, Status.PASS) and wide.measured == narrow.measured
    assert wide.location.equals(narrow.location)  # the bottleneck is measured, not judged


# -- scope (issue 9): arbeidsrom, the entrance's way on, an unknown room --------------------------

def office_flat(label="Kontor", function="other"):
    """The flat above with the bedroom R3 relabelled: a desk (furniture) 2180 mm wide along the
    north wall leaves 820 mm to the east wall, the only way to the window W2."""
    plan = flat()
    rooms = [room(r.id, r.polygon, function, label=label) if r.id == "R3" else r for r in plan.rooms]
    fixtures = [fixture("F3", "table", f.polygon, "R3") if f.id == "F3" else f for f in plan.fixtures]
    return make_plan(rooms, plan.doors, fixtures, plan.windows)


def test_arbeidsrom_is_a_room_for_permanent_stay():
    # tek17 before: functions living, kitchen, bedroom, entrance — the Kontor was not judged; now it is,
    # with its window: 820 mm < 900 mm
    res = by_subject(f.result for f in run_rule(office_flat(), "passage-width").findings)
    kontor = res["R3"]
    assert kontor.status is Status.FAIL and kontor.measured == pytest.approx(820, abs=10)
    assert "window W2" in kontor.message


def test_a_room_of_unknown_function_is_judged_and_its_fail_reviewed():
    res = by_subject(f.result for f in run_rule(office_flat(label="Rom 3"), "passage-width").findings)
    r = res["R3"]
    assert r.status is Status.NEEDS_REVIEW and r.measured == pytest.approx(820, abs=10)
    assert "function unknown (label 'Rom 3')" in r.message and "window W2" in r.message


def test_the_unit_hall_is_on_the_entrance_route():
    # a 'Gang' (hall) 0.8 m wide from the entré to the living room: before not judged, now 800 < 900
    plan = make_plan(
        [room("R1", box(0, 0, 2000, 2000), "entrance"), room("R2", box(2100, 0, 5100, 800), "hall", label="Gang"),
         room("R3", box(5200, 0, 9000, 4000), "living")],
        doors=[hinged("D1", hinge=(0, 500), latch=(0, 1400), swing_into="R1", rooms=("R1", OUTSIDE), open_side=-1),
               opening("D2", (2000, 0), (2000, 800), ("R1", "R2")), opening("D3", (5100, 0), (5100, 800), ("R2", "R3"))],
    )
    gang = by_subject(f.result for f in run_rule(plan, "passage-width").findings)["R2"]
    assert gang.status is Status.FAIL and gang.measured == pytest.approx(800, abs=5) and gang.required == 900
