"""wheelchair-parking: HB02 a wheelchair parking place in the entré beside the turning circle (Husbanken omsorg)."""

from __future__ import annotations

import math

import pytest

from checks.common import by_subject, judge
from checks.planbuilder import box, hinged, make_plan, room
from planeval.findings import Status
from planeval.measure import Context
from planeval.measure.fixtures import wall_edges
from planeval.measure.floor import FloorSpec, free_floor
from planeval.measure.frames import Frame
from planeval.measure.furnish import FurnishSpec, _diameter, _keep_clear

MIN = dict(width_mm=700, length_mm=1400, diameter_mm=1500, furniture=(), passage_mm=0)


def entre(width, depth):
    """An entré x 0..width, y 0..depth: the entrance door in the west wall and the door to the living
    room in the east wall both swing outwards (nothing swings into the entré)."""
    rooms = [room("R1", box(0, 0, width, depth), "entrance"), room("R2", box(width + 100, 0, width + 4000, 4000), "living")]
    doors = [hinged("D1", hinge=(0, 100), latch=(0, 1000), swing_into="outside", rooms=("R1", "outside"), open_side=1),
             hinged("D2", hinge=(width + 100, 100), latch=(width + 100, 1000), swing_into="R2", rooms=("R1", "R2"), open_side=-1)]
    return make_plan(rooms, doors)


def grid_best(plan, w, d):
    """The largest circle left beside a w × d parking place, over every wall position at 25 mm steps."""
    ctx = Context(plan)
    rm = ctx.room("R1")
    spec = FurnishSpec(FloorSpec(False, ("shower",)), "forbid_all", 300, 0, False, 5)
    free = free_floor(ctx, "R1", spec.floor)
    allowed = free.difference(_keep_clear(ctx, rm, spec)).buffer(1)
    best = 0.0
    for ww, dd in ((w, d), (d, w)):
        for a, b in wall_edges(rm.polygon):
            fr, length = Frame.along(a, b), math.dist(a, b)
            for k in range(int(max(length - ww, -1) // 25) + 1):
                poly = fr.box(25 * k, 25 * k + ww, 0, dd)
                if allowed.contains(poly):
                    best = max(best, _diameter(ctx, "R1", free.difference(poly), "forbid_all"))
    return best


def test_a_3_0_by_2_0_m_entre_parks_the_chair_beside_a_1_5_m_circle():
    plan = entre(3000, 2000)
    r = by_subject(judge(plan, "wheelchair-parking", "husbanken-omsorg", **MIN))["R1"]
    assert r.status is Status.PASS and r.measured == pytest.approx(grid_best(plan, 1400, 700), abs=3)
    assert r.measured >= 1600  # 3000 - 1400 = 1600 mm beside a parking place along the long wall, at least
    parking = [z.geometry for z in r.zones if z.kind == "parking"]
    circle = [z.geometry for z in r.zones if z.kind == "turning"]
    assert len(parking) == 1 and parking[0].area == pytest.approx(700 * 1400, rel=1e-6)
    assert parking[0].intersection(circle[0]).area < 1.0


def test_a_small_entre_fails_on_the_circle_left():
    # 2.0 × 1.6 m: the parked chair leaves at most 1600 - 700 = 900 mm
    plan = entre(2000, 1600)
    r = by_subject(judge(plan, "wheelchair-parking", "husbanken-omsorg", **MIN))["R1"]
    assert r.status is Status.FAIL and r.measured == pytest.approx(grid_best(plan, 1400, 700), abs=3)
    assert r.measured < 1500 and "parking place" in r.message


def test_no_wall_takes_the_recommended_parking_place():
    # 1000 × 2000 mm (recommended) does not fit a 1.9 × 1.9 m entré along any wall
    r = by_subject(judge(entre(1900, 1900), "wheelchair-parking", "husbanken-omsorg", furniture=(), passage_mm=0))["R1"]
    assert r.status is Status.FAIL and "no wall of Entrance takes a 1000 × 2000 mm parking place" in r.message
    assert r.details["parking"] is None


def test_the_entre_wardrobe_stands_there_too():
    plan = entre(3000, 2000)
    with_wardrobe = by_subject(judge(plan, "wheelchair-parking", "husbanken-omsorg",
                                     **{**MIN, "furniture": ("each entrance: wardrobe 1000x600",)}))["R1"]
    alone = by_subject(judge(plan, "wheelchair-parking", "husbanken-omsorg", **MIN))["R1"]
    assert sorted(z.kind for z in with_wardrobe.zones) == ["furniture", "parking", "turning"]
    assert with_wardrobe.measured <= alone.measured + 1


def test_not_a_tek17_rule_and_not_applicable_without_an_entre():
    from planeval.ruleset import load_ruleset

    assert not load_ruleset("tek17").rules["wheelchair-parking"].enabled
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "living")])
    assert [r.status for r in judge(plan, "wheelchair-parking", "husbanken-omsorg")] == [Status.NOT_APPLICABLE]
