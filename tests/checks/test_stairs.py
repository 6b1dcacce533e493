"""stairs: TR01 run width, TR02 landing, of stairs drawn in the plan."""

from __future__ import annotations

import pytest

from checks.common import judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.findings import Status


def hall(width, length=3600, common=False, y0=700):
    """A 2.5 × 5.0 m hall with a stair run against its west wall from y0."""
    rooms = [room("R1", box(0, 0, 2500, 5000), "hall", common=common)]
    doors = [hinged("D1", hinge=(2500, 4800), latch=(2500, 3900), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    return make_plan(rooms, doors, fixtures=[fixture("F1", "stair", box(0, y0, width, y0 + length), "R1")])


def results(plan, **kw):
    out = judge(plan, "stairs", **kw)
    return {r.code or "TR01": r for r in out}


@pytest.mark.parametrize("width, status", [(750, Status.FAIL), (800, Status.PASS), (900, Status.PASS)])
def test_a_stair_inside_the_unit_needs_0_8_m(width, status):
    res = results(hall(width))
    r = res["TR01"]
    assert r.status is status and r.measured == pytest.approx(width, abs=1) and r.required == 800
    assert "inside the unit" in r.message


def test_landing_inside_a_unit_has_no_number_and_is_measured():
    # the run from y 700 to 4300 in a 5.0 m hall: 700 mm beyond either end
    res = results(hall(900))
    land = res["TR02"]
    assert land.status is Status.NEEDS_REVIEW and land.measured == pytest.approx(700, abs=1)
    assert land.details["landings_mm"] == [700, 700]
    strict = results(hall(900), unit_landing_mm=1000)["TR02"]
    assert strict.status is Status.FAIL and strict.required == 1000


@pytest.mark.parametrize("width, status, required", [(850, Status.FAIL, 900), (1000, Status.NEEDS_REVIEW, 1100),
                                                     (1200, Status.PASS, 1100)])
def test_a_common_stair_may_be_a_main_stair(width, status, required):
    r = results(hall(width, common=True))["TR01"]
    assert r.status is status and r.required == required


def test_a_common_stair_needs_a_1_5_m_landing():
    # against the south wall: 0 mm beyond that end, 5000 - 3600 = 1400 mm beyond the other
    land = results(hall(1200, common=True, y0=0))["TR02"]
    assert land.status is Status.FAIL and land.measured == pytest.approx(1400, abs=1) and land.required == 1500
    assert land.details["landings_mm"] == [0, 1400]


def test_a_stair_that_is_not_straight_is_for_review():
    res = results(hall(2200, length=2800))
    assert res["TR01"].status is Status.NEEDS_REVIEW and res["TR01"].required == 900  # 0.8 m + 0.1 m
    assert "TR02" not in res


def test_not_applicable_without_stairs():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "living")])
    assert [r.status for r in judge(plan, "stairs")] == [Status.NOT_APPLICABLE]
