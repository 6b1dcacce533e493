from __future__ import annotations

import pytest

from checks.common import by_subject, judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.findings import Status
from planeval.measure import Context


def corridor(width):
    return make_plan([room("R1", box(0, 0, width, 4000), "hall")])


@pytest.mark.parametrize("width", [1400, 1500, 1800])
def test_largest_circle_is_the_room_width(width):
    (r,) = judge(corridor(width), "turning-space", rectangle_allowed=False)
    assert r.measured == pytest.approx(width, abs=2)
    assert r.status is (Status.PASS if width >= 1500 else Status.FAIL)
    assert r.required == 1500 and r.unit == "mm"
    assert f"Ø{width}" in r.message or f"Ø{width - 1}" in r.message


def test_rectangle_alternative_passes_a_1_3_m_room():
    plan = corridor(1320)
    (circle_only,) = judge(plan, "turning-space", rectangle_allowed=False)
    (with_rect,) = judge(plan, "turning-space")
    assert circle_only.status is Status.FAIL and with_rect.status is Status.PASS
    assert with_rect.details["fits_by"] == "rectangle"
    assert with_rect.zones[0].geometry.area == pytest.approx(1300 * 1800, rel=0.01)


def test_fixtures_subtract_and_knee_space_gives_some_back():
    # 2.0 × 2.0 m bathroom, a 0.55 m deep basin along the whole east wall
    plan = make_plan([room("R1", box(0, 0, 2000, 2000), "bathroom")], fixtures=[fixture("F1", "basin", box(1450, 0, 2000, 2000), "R1")])
    (no_knee,) = judge(plan, "turning-space", underpass_kinds=(), rectangle_allowed=False)
    (knee,) = judge(plan, "turning-space", underpass_mm=300, rectangle_allowed=False)
    assert no_knee.measured == pytest.approx(1450, abs=2)
    assert knee.measured == pytest.approx(1750, abs=2)  # reaches 300 mm under the basin
    assert (no_knee.status, knee.status) == (Status.FAIL, Status.PASS)


def test_shower_floor_zone_counts_as_floor():
    plan = make_plan([room("R1", box(0, 0, 1600, 2400), "bathroom")], fixtures=[fixture("F1", "shower", box(0, 0, 900, 900), "R1")])
    (r,) = judge(plan, "turning-space", rectangle_allowed=False)
    assert r.measured == pytest.approx(1600, abs=2)


def test_door_swing_modes():
    # 1.6 × 2.0 m hall; an 800 mm door in the west wall near the north end swings into it
    hall = room("R1", box(0, 0, 1600, 2000), "entrance")
    d = hinged("D1", hinge=(0, 1900), latch=(0, 1100), swing_into="R1", rooms=("R1", "outside"), open_side=1)
    plan = make_plan([hall], [d])
    ctx = Context(plan)
    (allow,) = judge(plan, "turning-space", ctx=ctx, door_swing_overlap="allow", rectangle_allowed=False)
    (forbid,) = judge(plan, "turning-space", ctx=ctx, door_swing_overlap="forbid_operated_door", rectangle_allowed=False)
    assert allow.measured == pytest.approx(1600, abs=2)
    assert forbid.measured < allow.measured
    assert forbid.details["door_open"] == "D1"


def test_not_applicable_without_rooms_of_the_functions():
    plan = make_plan([room("R1", box(0, 0, 2000, 2000), "storage")])
    (r,) = judge(plan, "turning-space")
    assert r.status is Status.NOT_APPLICABLE


def test_measure_once_judge_many():
    plan = corridor(1450)
    ctx = Context(plan)
    a = by_subject(judge(plan, "turning-space", ctx=ctx, diameter_mm=1500, rectangle_allowed=False))
    computed = ctx.stats["computed"]
    b = by_subject(judge(plan, "turning-space", ctx=ctx, diameter_mm=1400, rectangle_allowed=False))
    assert ctx.stats["computed"] == computed  # nothing measured again
    assert (a["R1"].status, b["R1"].status) == (Status.FAIL, Status.PASS)
    assert a["R1"].measured == b["R1"].measured
