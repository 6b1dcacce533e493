"""care-bathroom: HB01 a 2.4 × 2.4 m square of the bathroom's floor (Husbanken omsorg)."""

from __future__ import annotations

import pytest
from shapely.ops import unary_union

from checks.common import by_subject, judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.findings import Status


def unit(*baths):
    rooms = [room("R1", box(-4000, 0, -100, 4000), "living")]
    doors = [hinged("D1", hinge=(-4000, 200), latch=(-4000, 1100), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    for i, poly in enumerate(baths, start=2):
        rooms.append(room(f"R{i}", poly, "bathroom"))
        y = poly.bounds[1] + 100
        doors.append(hinged(f"D{i}", hinge=(-100, y), latch=(-100, y + 800), swing_into=f"R{i}", rooms=(f"R{i}", "R1")))
    return make_plan(rooms, doors)


def test_a_2_4_by_2_5_m_bathroom_holds_the_square_with_its_fixtures():
    wc = fixture("F1", "wc", box(0, 1000, 700, 1400), "R2")  # fixtures stand on the floor: not subtracted
    plan = make_plan(unit(box(0, 0, 2400, 2500)).rooms, unit(box(0, 0, 2400, 2500)).doors, fixtures=[wc])
    r = by_subject(judge(plan, "care-bathroom", "husbanken-omsorg"))["R2"]
    assert r.status is Status.PASS and r.measured == pytest.approx(2400, abs=3) and r.required == 2400
    assert r.location.area == pytest.approx(r.measured ** 2, rel=1e-3)


def test_a_narrow_bathroom_of_the_same_area_fails():
    # 2.0 × 2.9 m = 5.8 m² ≈ 2.4² m², but only a 2.0 m square
    r = by_subject(judge(unit(box(0, 0, 2000, 2900)), "care-bathroom", "husbanken-omsorg"))["R2"]
    assert r.status is Status.FAIL and r.measured == pytest.approx(2000, abs=3)
    assert "400 mm short" in r.message and "2000 × 2000 mm <" in r.message


def test_an_l_shaped_bathroom_is_judged_by_its_square():
    poly = unary_union([box(0, 0, 3000, 1500), box(0, 1500, 1500, 3000)])  # 6.75 m², 1.5 m legs
    r = by_subject(judge(unit(poly), "care-bathroom", "husbanken-omsorg"))["R2"]
    assert r.status is Status.FAIL and r.measured == pytest.approx(1500, abs=3)


def test_one_bathroom_per_unit_decides():
    res = by_subject(judge(unit(box(0, 0, 2500, 2500), box(0, 2600, 1600, 4000)), "care-bathroom", "husbanken-omsorg"))
    assert res["R2"].status is Status.PASS and res["R3"].status is Status.NOT_APPLICABLE
    every = by_subject(judge(unit(box(0, 0, 2500, 2500), box(0, 2600, 1600, 4000)), "care-bathroom", "husbanken-omsorg",
                             scope="every_room"))
    assert every["R3"].status is Status.FAIL and every["R3"].measured == pytest.approx(1400, abs=3)


def test_not_a_tek17_rule():
    from planeval.ruleset import load_ruleset

    assert not load_ruleset("tek17").rules["care-bathroom"].enabled
