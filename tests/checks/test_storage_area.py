"""storage-area: ST01 bod area for the unit's BRA (only a bod counts, technical installations out, no
bod = needs review), ST02 the turning area in front of the bod door."""

from __future__ import annotations

import pytest

from checks.common import judge
from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.api import check as run
from planeval.findings import Status
from planeval.measure import Context
from planeval.measure.units import unit_areas
from planeval.ruleset import load_ruleset
from sampleplans import sample_plan


def unit(bod_w, bod_d, living_w=5000, label="Bod", fixtures=()):
    """A living room (living_w × 8000) with the entrance in its west wall and a bod east of it
    behind a 100 mm wall, its door D1 at the south end of that wall."""
    living = room("R1", box(0, 0, living_w, 8000), "living")
    bod = room("R2", box(living_w + 100, 0, living_w + 100 + bod_w, bod_d), "storage", label=label)
    doors = [hinged("D1", hinge=(living_w, 100), latch=(living_w, 900), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
             hinged("D2", hinge=(0, 1000), latch=(0, 1925), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    return make_plan([living, bod], doors, fixtures=list(fixtures))


def area_result(plan, **kw):
    (r,) = [r for r in judge(plan, "storage-area", **kw) if r.code != "ST02"]
    return r


def test_small_unit_by_bra_needs_2_5():
    # net 40 + 2.6 = 42.6 m²; BRA adds the 100 mm wall between them over the bod's 2.6 m: 0.26 m² → 42.86 ≤ 50
    plan = unit(1000, 2600)
    assert unit_areas(Context(plan), plan.units[0].id).bra_m2 == pytest.approx(42.86, abs=0.01)
    r = area_result(plan)
    assert r.status is Status.PASS and r.measured == pytest.approx(2.6) and r.required == 2.5
    assert r.details["unit_bra_m2"] == pytest.approx(42.86, abs=0.01)
    r = area_result(unit(1000, 2000))
    assert r.status is Status.FAIL and r.measured == pytest.approx(2.0) and "2.00 m² (" in r.message


def test_the_threshold_is_judged_on_bra_not_net():
    # living 4900 × 10000 = 49.0 m² + bod 1.0 × 1.0 m = 50.0 m² net (small by net), but the 100 mm wall
    # over the bod's 1.0 m adds 0.1 m² → BRA 50.1 m² > 50: the unit needs 5.0 m², not 2.5
    living = room("R1", box(0, 0, 4900, 10000), "living")
    bod = room("R2", box(5000, 0, 6000, 1000), "storage", label="Bod")
    doors = [hinged("D1", hinge=(4900, 100), latch=(4900, 900), swing_into="R1", rooms=("R1", "R2"), open_side=1),
             hinged("D2", hinge=(0, 1000), latch=(0, 1925), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    plan = make_plan([living, bod], doors)
    r = area_result(plan)
    assert r.details["unit_bra_m2"] == pytest.approx(50.1, abs=0.01) and r.required == 5.0 and r.status is Status.FAIL


def test_large_unit_needs_5_and_two_values():
    r = area_result(unit(1000, 3000, living_w=7000))  # 56 + 3 m²
    assert r.required == 5.0 and r.status is Status.FAIL
    r = area_result(unit(1000, 3000, living_w=7000), min_area_m2=3.0)
    assert r.status is Status.PASS


def test_no_bod_in_the_unit_needs_review_and_a_narrow_one_does_not_count():
    plan = make_plan([room("R1", box(0, 0, 5000, 6000), "living")], [hinged("D1", (0, 500), (0, 1400), "R1", ("R1", "outside"))])
    r = area_result(plan)
    # before: FAIL at 0.00 m²; now: a bod outside the unit (a sportsbod in the basement) may serve
    assert r.status is Status.NEEDS_REVIEW and r.measured == 0 and r.required == 2.5
    assert "a bod outside the unit" in r.message and "may serve" in r.message
    r = area_result(unit(600, 5000))  # 0.6 m wide: a wheelchair cannot drive in: no bod it could count
    assert r.status is Status.NEEDS_REVIEW and r.measured == 0 and "too narrow" in r.message


def test_only_a_bod_counts():
    for label in ("Garderobe", "Walk-in closet", "Spiskammer", "Matbod"):
        r = area_result(unit(1200, 3000, label=label))
        assert r.status is Status.NEEDS_REVIEW and r.measured == 0, label
        assert "not a bod" in r.message
    r = area_result(unit(1200, 3000, label="Sportsbod"))
    assert r.status is Status.PASS and r.measured == pytest.approx(3.6)


def test_technical_installations_are_subtracted():
    # a 1.0 × 2.6 m bod (2.6 m²) with a 0.6 × 0.6 m water heater: 2.6 − 0.36 = 2.24 m² < 2.5
    heater = fixture("F1", "fixture", box(5500, 2000, 6100, 2600), "R2")
    r = area_result(unit(1000, 2600, fixtures=[heater]))
    assert r.status is Status.FAIL and r.measured == pytest.approx(2.24) and r.details["deducted_m2"] == pytest.approx(0.36)
    assert "technical installations deducted" in r.message


def test_space_in_front_of_the_bod():
    # the bod door D1 opens from the 5 m wide living room: a Ø1500 circle touches its opening
    (front,) = [r for r in judge(unit(1000, 2600), "storage-area") if r.code == "ST02"]
    assert front.status is Status.PASS and front.measured >= 1500
    # the bod off a 1.0 m wide corridor: the largest circle in front of its door is Ø1000; no 1.3 × 1.8 m rectangle
    hall = room("R1", box(0, 0, 1000, 6000), "hall")
    bod = room("R2", box(1100, 2000, 2300, 4500), "storage", label="Bod")
    doors = [hinged("D1", hinge=(1000, 2100), latch=(1000, 2900), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
             hinged("D2", hinge=(100, 0), latch=(900, 0), swing_into="R1", rooms=("R1", "outside"), open_side=1)]
    (front,) = [r for r in judge(make_plan([hall, bod], doors), "storage-area") if r.code == "ST02"]
    assert front.status is Status.FAIL and front.measured == pytest.approx(1000, abs=3) and front.required == 1500
    assert "D1" in front.message


def test_sample_without_a_bod_needs_review():
    """ungdom-30-nordic has no bod at all: before, ST01 failed at 0.00 m²; now needs review."""
    plan = sample_plan("ungdom-30-nordic")
    (r,) = [f.result for f in run(plan, load_ruleset("tek17")).findings if f.code == "ST01"]
    assert r.status is Status.NEEDS_REVIEW and r.measured == 0 and r.required == 2.5


def test_not_applicable_without_units():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "hall", common=True)])
    (r,) = judge(plan, "storage-area")
    assert r.status is Status.NOT_APPLICABLE
