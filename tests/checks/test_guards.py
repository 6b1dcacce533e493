"""guards: GU01/GU02 a wall or guard drawn along free edges of balconies, galleries and stairs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from checks.common import by_subject, judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.findings import Confidence, Status


def with_lines(plan, *lines):
    return replace(plan, wall_segments=np.asarray([[*a, *b] for a, b in lines], dtype=float))


FACADE = [((0, 1500), (1000, 1500)), ((1900, 1500), (3000, 1500))]  # the wall face beside the balcony door
RAILS = {"west": ((-50, -50), (-50, 1550)), "east": ((3050, -50), (3050, 1550)), "south": ((-50, -50), (3050, -50))}


def balcony_plan():
    rooms = [room("R1", box(0, 1600, 3000, 5000), "living"), room("R2", box(0, 0, 3000, 1500), "balcony")]
    doors = [hinged("D1", hinge=(1000, 1500), latch=(1900, 1500), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
             hinged("D2", hinge=(3000, 4800), latch=(3000, 3900), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    return make_plan(rooms, doors)


def test_a_railed_balcony_passes_with_medium_confidence():
    plan = with_lines(balcony_plan(), *FACADE, *RAILS.values())
    r = by_subject(judge(plan, "guards"))["R2"]
    assert r.status is Status.PASS and r.measured == 0 and r.confidence is Confidence.MEDIUM
    assert "height and design are not shown" in r.message


def test_a_missing_railing_is_for_review_and_measured():
    # without the south railing: the south edge is free, except 50 mm at each end that the side
    # railings (50 mm outside the edge, 100 mm allowed) still cover: 3000 - 2 × 50 = 2900 mm
    plan = with_lines(balcony_plan(), *FACADE, RAILS["west"], RAILS["east"])
    r = by_subject(judge(plan, "guards"))["R2"]
    assert r.status is Status.NEEDS_REVIEW and r.measured == pytest.approx(2900, abs=1)
    assert r.details == {"free_edge_mm": 2900, "pieces": 1}
    assert "2900 mm of its edge has no wall or guard" in r.message and "0.5 m" in r.message
    assert r.location.bounds[1] < 0 < r.location.bounds[3]  # drawn on the south edge


def test_the_door_opening_is_not_a_free_edge():
    # all railings, but no facade wall lines: the 1000 + 1100 mm of facade beside the door are free,
    # the 900 mm door chord is not
    plan = with_lines(balcony_plan(), *RAILS.values())
    r = by_subject(judge(plan, "guards"))["R2"]
    assert r.status is Status.NEEDS_REVIEW
    assert r.measured == pytest.approx(3000 - 900 - 2 * 50, abs=1)


def test_a_gallery_is_found_by_its_label():
    rooms = [room("R1", box(0, 0, 4000, 3000), "living"), room("R2", box(0, 3100, 2000, 5000), "storage", label="Hems/lager")]
    doors = [hinged("D1", hinge=(100, 3000), latch=(900, 3000), swing_into="R2", rooms=("R1", "R2")),
             hinged("D2", hinge=(4000, 200), latch=(4000, 1100), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    r = by_subject(judge(make_plan(rooms, doors), "guards"))["R2"]
    assert r.status is Status.NEEDS_REVIEW and "gallery Hems/lager" in r.message
    assert r.measured == pytest.approx(2 * (2000 + 1900) - 800, abs=1)  # the perimeter minus the door chord


def hall_with_stair(*lines, common=False, size=(1000, 3600)):
    w, length = size
    rooms = [room("R1", box(0, 0, 2500, 5000), "hall", common=common)]
    doors = [hinged("D1", hinge=(2500, 4800), latch=(2500, 3900), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    plan = make_plan(rooms, doors, fixtures=[fixture("F1", "stair", box(0, 700, w, 700 + length), "R1")])
    walls = [((0, 0), (0, 5000)), ((0, 0), (2500, 0)), ((2500, 0), (2500, 5000)), ((0, 5000), (2500, 5000))]
    return with_lines(plan, *walls, *lines)


def test_the_open_side_of_a_stair_is_for_review():
    res = by_subject(judge(hall_with_stair(), "guards"))
    r = res["F1"]
    assert r.code == "GU02" and r.status is Status.NEEDS_REVIEW
    assert r.measured == pytest.approx(3600, abs=1)  # the east side; the west side runs along the wall
    railed = by_subject(judge(hall_with_stair(((1030, 700), (1030, 4300))), "guards"))["F1"]
    assert railed.status is Status.PASS and railed.measured == 0


def test_a_stair_that_is_not_a_straight_run_is_for_review():
    r = by_subject(judge(hall_with_stair(size=(2200, 2800)), "guards"))["F1"]
    assert r.status is Status.NEEDS_REVIEW and r.confidence is Confidence.LOW and "not a straight run" in r.message


def test_not_applicable_without_balcony_gallery_or_stair():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "living")])
    assert [(r.subject, r.status) for r in judge(plan, "guards")] == [("plan", Status.NOT_APPLICABLE)]
