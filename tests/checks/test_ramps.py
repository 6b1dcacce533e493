"""ramps: RA01 width, RA02 slope where stated, RA03 landings; a ramp is floor, never an obstacle."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checks.common import judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.findings import Status
from planeval.measure import Context, FloorSpec
from planeval.measure.floor import free_floor
from planeval.read.profiles import builtin_profile


def plan_with_ramp(width=1000, length=4500, attributes=()):
    rooms = [room("R1", box(0, 0, 2500, 6000), "hall")]
    doors = [hinged("D1", hinge=(2500, 5800), latch=(2500, 4900), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    # as the model reads it: a ramp is neither furniture nor a fixed fitting (movable False)
    ramp = replace(fixture("F1", "ramp", box(0, 500, width, 500 + length), "R1"), attributes=tuple(attributes), movable=False)
    return make_plan(rooms, doors, fixtures=[ramp])


def results(plan, **kw):
    return {r.code or "RA01": r for r in judge(plan, "ramps", **kw)}


def test_a_stated_rise_gives_the_slope():
    # 300 mm over 4500 mm = 1:15: just within the limit; no landing below 1.0 m of rise
    res = results(plan_with_ramp(attributes=[("RISE", "300")]))
    assert res["RA01"].status is Status.PASS and res["RA01"].measured == pytest.approx(1000, abs=1)
    assert res["RA02"].status is Status.PASS and res["RA02"].measured == pytest.approx(15.0, abs=0.01)
    assert res["RA02"].required == 15 and "1:15.0" in res["RA02"].message
    assert res["RA03"].status is Status.PASS


def test_a_short_steep_ramp_fails_the_1_12_limit_and_a_narrow_one_the_width():
    res = results(plan_with_ramp(width=850, length=2000, attributes=[("STIGNING", "1:10")]))
    assert res["RA01"].status is Status.FAIL and res["RA01"].measured == pytest.approx(850, abs=1)
    assert res["RA02"].status is Status.FAIL and res["RA02"].required == 12 and res["RA02"].measured == pytest.approx(10)
    pct = results(plan_with_ramp(attributes=[("SLOPE", "5 %")]))["RA02"]  # 5 % = 1:20
    assert pct.status is Status.PASS and pct.measured == pytest.approx(20)


def test_rise_in_metres_and_a_landing_needed():
    res = results(plan_with_ramp(length=5000, attributes=[("HØYDEFORSKJELL", "1,2")]))
    assert res["RA02"].details["rise_mm"] == 1200
    assert res["RA03"].status is Status.NEEDS_REVIEW and "1500 mm" in res["RA03"].message


def test_without_stated_levels_slope_and_landing_are_for_review():
    res = results(plan_with_ramp())
    assert res["RA01"].status is Status.PASS
    assert res["RA02"].status is Status.NEEDS_REVIEW and res["RA03"].status is Status.NEEDS_REVIEW


def test_a_ramp_is_floor_never_an_obstacle():
    # 2.5 × 6.0 m hall with a 1.0 × 4.5 m ramp: read as a stair it took 4.5 m² and left a 1.5 m circle
    plan = plan_with_ramp()
    ctx = Context(plan)
    assert free_floor(ctx, "R1", FloorSpec(False)).area == pytest.approx(2500 * 6000)
    assert free_floor(ctx, "R1", FloorSpec(True)).area == pytest.approx(2500 * 6000)
    as_stair = Context(replace(plan, fixtures=tuple(replace(f, kind="stair") for f in plan.fixtures)))
    assert free_floor(as_stair, "R1", FloorSpec(False)).area == pytest.approx(2500 * 6000 - 1000 * 4500)


def test_ramp_names_read_as_ramps_and_stairs_as_stairs():
    prof = builtin_profile("plain")
    assert prof.kind("RAMPE 1-15") == "ramp" and prof.kind("Ramp_900") == "ramp" and prof.kind("x", "A-FLOR-RAMP") == "ramp"
    assert prof.kind("Trapp_rett") == "stair" and prof.kind("tramp") is None


def test_not_applicable_without_ramps():
    assert [r.status for r in judge(make_plan([room("R1", box(0, 0, 3000, 3000), "living")]), "ramps")] == [Status.NOT_APPLICABLE]
