from __future__ import annotations

import pytest

from checks.common import judge
from checks.planbuilder import box, hinged, make_plan, room
from planeval.findings import Status


def unit(bod_w, bod_d, living_w=5000):
    living = room("R1", box(0, 0, living_w, 8000), "living")
    bod = room("R2", box(living_w + 100, 0, living_w + 100 + bod_w, bod_d), "storage")
    doors = [hinged("D1", hinge=(living_w, 100), latch=(living_w, 900), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
             hinged("D2", hinge=(0, 1000), latch=(0, 1925), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    return make_plan([living, bod], doors)


def test_small_unit_needs_2_5():
    (r,) = judge(unit(1000, 2600), "storage-area")  # 40 + 2.6 m²: small unit
    assert r.status is Status.PASS and r.measured == pytest.approx(2.6) and r.required == 2.5
    (r,) = judge(unit(1000, 2000), "storage-area")
    assert r.status is Status.FAIL and "2.00 m² (" in r.message


def test_large_unit_needs_5_and_two_values():
    (r,) = judge(unit(1000, 3000, living_w=7000), "storage-area")  # 56 + 3 m²
    assert r.required == 5.0 and r.status is Status.FAIL
    (r,) = judge(unit(1000, 3000, living_w=7000), "storage-area", min_area_m2=3.0)
    assert r.status is Status.PASS


def test_no_storage_at_all_and_too_narrow():
    plan = make_plan([room("R1", box(0, 0, 5000, 6000), "living")], [hinged("D1", (0, 500), (0, 1400), "R1", ("R1", "outside"))])
    (r,) = judge(plan, "storage-area")
    assert r.status is Status.FAIL and r.measured == 0
    (r,) = judge(unit(600, 5000), "storage-area")  # 0.6 m wide: a wheelchair cannot drive in
    assert r.status is Status.FAIL and r.measured == 0


def test_not_applicable_without_units():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "hall", common=True)])
    (r,) = judge(plan, "storage-area")
    assert r.status is Status.NOT_APPLICABLE
