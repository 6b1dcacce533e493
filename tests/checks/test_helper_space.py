"""helper-space: HB04 room for a helper beside the WC and at the shower (Husbanken omsorg)."""

from __future__ import annotations

import pytest

from checks.common import by_subject, judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.findings import Status


def bathroom(*fixtures):
    rooms = [room("R1", box(0, 0, 2400, 2400), "bathroom"), room("R2", box(0, 2500, 3000, 5000), "living")]
    doors = [hinged("D1", hinge=(2300, 2400), latch=(1500, 2400), swing_into="R1", rooms=("R1", "R2"), open_side=1),
             hinged("D2", hinge=(3000, 4800), latch=(3000, 3900), swing_into="R2", rooms=("R2", "outside"), open_side=-1)]
    return make_plan(rooms, doors, fixtures=list(fixtures))


def test_a_wc_with_1_m_either_side_leaves_a_helper_room():
    wc = fixture("F1", "wc", box(1000, 0, 1400, 700), "R1")  # against the south wall, 1000 mm to both side walls
    r = by_subject(judge(bathroom(wc), "helper-space", "husbanken-omsorg"))["F1"]
    assert r.status is Status.PASS and r.measured == pytest.approx(1000, abs=2)
    assert set(r.details["faces_mm"]) == {"side +", "side -"}  # not in front of the seat
    (z,) = r.zones
    assert z.kind == "helper" and z.geometry.area == pytest.approx(900 * 700, rel=1e-3)


def test_a_wc_in_a_corner_beside_a_basin_fails():
    wc = fixture("F1", "wc", box(300, 0, 700, 700), "R1")
    basin = fixture("F2", "basin", box(1200, 0, 1800, 450), "R1")  # 500 mm from the WC's other side
    r = by_subject(judge(bathroom(wc, basin), "helper-space", "husbanken-omsorg"))["F1"]
    assert r.status is Status.FAIL and r.measured == pytest.approx(500, abs=2)
    assert r.details["faces_mm"] == {"side +": 500, "side -": 300} or r.details["faces_mm"] == {"side +": 300, "side -": 500}


def test_a_shower_in_a_corner_is_reached_from_its_front():
    shower = fixture("F1", "shower", box(0, 0, 1100, 1400), "R1")  # corner: its open faces look east and north
    r = by_subject(judge(bathroom(shower), "helper-space", "husbanken-omsorg"))["F1"]
    assert r.status is Status.PASS and r.measured == pytest.approx(2400 - 1100, abs=2)  # its east face
    assert sorted(r.details["faces_mm"].values()) == [0, 1000, 1300]  # the west face is on the wall, north 1000 mm
