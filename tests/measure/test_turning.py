"""measure.turning and measure.fit: door cases, their largest circles, rectangle fits."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from checks.planbuilder import OUTSIDE, hinged, make_plan, room
from planeval.measure import Context, FloorSpec
from planeval.measure.fit import erode_by_rectangle, fits_rectangle, largest_rectangle
from planeval.measure.turning import door_cases, turning_cases

FLOOR = FloorSpec(False)


def hall_with_two_doors():
    """Hall R1 1.6 × 2.0 m; D1 (west, near the north end) and D2 (east, near the south end) swing into it."""
    d1 = hinged("D1", hinge=(0, 1900), latch=(0, 1100), swing_into="R1", rooms=("R1", OUTSIDE), open_side=1)
    d2 = hinged("D2", hinge=(1600, 100), latch=(1600, 900), swing_into="R1", rooms=("R1", "R2"), open_side=1)
    return make_plan([room("R1", box(0, 0, 1600, 2000), "entrance"), room("R2", box(1700, 0, 3500, 2000), "living")], [d1, d2])


def test_a_3_by_4_m_room_has_one_case_with_a_3000_circle():
    ctx = Context(make_plan([room("R1", box(0, 0, 3000, 4000), "living")]))
    for mode in ("allow", "forbid_all", "forbid_operated_door"):
        (case,) = turning_cases(ctx, "R1", mode, FLOOR)
        assert case.door is None and case.swings == ()
        assert case.diameter == pytest.approx(3000, abs=2)
        assert case.circle().area == pytest.approx(3.14e6 * 2.25, rel=0.01)
        assert case.circle(1500).area == pytest.approx(3.14e6 * 0.5625, rel=0.01)


def test_door_cases_per_mode():
    ctx = Context(hall_with_two_doors())
    assert door_cases(ctx, "R1", "allow") == [(None, ())]
    assert door_cases(ctx, "R1", "forbid_all") == [(None, ("D1", "D2"))]
    assert door_cases(ctx, "R1", "forbid_operated_door") == [("D1", ("D1",)), ("D2", ("D2",))]
    assert door_cases(ctx, "R2", "forbid_operated_door") == [(None, ())]  # no door swings into R2


def test_each_case_measures_its_own_free_floor():
    ctx = Context(hall_with_two_doors())
    (allow,) = turning_cases(ctx, "R1", "allow", FLOOR)
    (both,) = turning_cases(ctx, "R1", "forbid_all", FLOOR)
    one, two = turning_cases(ctx, "R1", "forbid_operated_door", FLOOR)
    assert allow.diameter == pytest.approx(1600, abs=2)
    assert (one.door, two.door) == ("D1", "D2")
    assert both.r <= min(one.r, two.r) and max(one.r, two.r) < allow.r
    assert both.free.area < one.free.area < allow.free.area


def test_rectangle_fits_at_the_room_directions():
    corridor = box(0, 0, 1320, 4000)
    assert not fits_rectangle(corridor, 1500, 1500)[0]
    ok, placed = fits_rectangle(corridor, 1300, 1800)
    assert ok and placed.area == pytest.approx(1300 * 1800) and corridor.buffer(6).contains(placed)
    turned = box(0, 0, 2000, 1320)  # the same corridor lying east-west: the rectangle is turned to fit
    assert fits_rectangle(turned, 1300, 1800)[0]
    assert not fits_rectangle(turned, 1300, 1800, angles=[0.0], eps=0.0)[0]


def test_erosion_by_a_rectangle_is_where_its_centre_stands():
    core = erode_by_rectangle(box(0, 0, 2000, 3000), 1000, 1000, 0.0)
    assert core.bounds == pytest.approx((500, 500, 1500, 2500))
    assert erode_by_rectangle(box(0, 0, 900, 3000), 1000, 1000, 0.0).is_empty


def test_largest_rectangle_of_given_proportions():
    s, placed = largest_rectangle(box(0, 0, 1000, 3000), 1400 / 1100, angles=[0.0, 90.0])
    assert 1000 - 2 <= s <= 1000 and placed is not None
    s, _ = largest_rectangle(box(0, 0, 1000, 1000), 1400 / 1100, angles=[0.0, 90.0])
    assert s == pytest.approx(1000 * 1100 / 1400, abs=2)  # the long side is the limit
    assert largest_rectangle(box(0, 0, 0, 0), 1.0, angles=[0.0]) == (0.0, None)
