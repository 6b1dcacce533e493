from __future__ import annotations

import pytest

from checks.common import judge
from checks.planbuilder import box, hinged, make_plan, room
from planeval.findings import Status


def plan_with_balcony(depth):
    living = room("R1", box(0, 0, 4000, 4000), "living")
    balcony = room("R2", box(0, 4100, 4000, 4100 + depth), "balcony")
    door = hinged("D1", hinge=(500, 4100), latch=(1400, 4100), swing_into="R1", rooms=("R1", "R2"), open_side=-1)
    entrance = hinged("D2", hinge=(4000, 500), latch=(4000, 1400), swing_into="R1", rooms=("R1", "outside"), open_side=1)
    return make_plan([living, balcony], [door, entrance])


def test_pass_fail_and_two_values():
    (deep,) = judge(plan_with_balcony(1600), "balcony-turning")
    (shallow,) = judge(plan_with_balcony(1400), "balcony-turning", rectangle_allowed=False)
    assert deep.status is Status.PASS and shallow.status is Status.FAIL
    assert shallow.measured == pytest.approx(1400, abs=2)
    (relaxed,) = judge(plan_with_balcony(1400), "balcony-turning", diameter_mm=1300, rectangle_allowed=False)
    assert relaxed.status is Status.PASS


def test_not_applicable_without_balcony():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "living")])
    (r,) = judge(plan, "balcony-turning")
    assert r.status is Status.NOT_APPLICABLE
