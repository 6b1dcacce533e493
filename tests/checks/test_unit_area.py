from __future__ import annotations

import pytest

from checks.common import judge
from checks.planbuilder import box, hinged, make_plan, room
from planeval.findings import Status


def flat(w):
    return make_plan([room("R1", box(0, 0, w, 10000), "living")], [hinged("D1", (0, 500), (0, 1425), "R1", ("R1", "outside"))])


def test_ndss_minimum_and_type():
    (r,) = judge(flat(4000), "unit-area", ruleset="uk-m4-3")
    assert r.status is Status.PASS and r.measured == pytest.approx(40.0)
    (r,) = judge(flat(3800), "unit-area", ruleset="uk-m4-3")
    assert r.status is Status.FAIL and r.required == 39.0
    (r,) = judge(flat(3800), "unit-area", ruleset="uk-m4-3", min_area_m2=37.0)
    assert r.status is Status.PASS


def test_not_applicable():
    (r,) = judge(make_plan([room("R1", box(0, 0, 3000, 3000), "hall", common=True)]), "unit-area", ruleset="uk-m4-3")
    assert r.status is Status.NOT_APPLICABLE


def test_unit_area_is_judged_on_bra():
    # a 4.9 × 7.9 m living room and a 1.0 × 1.0 m bod behind a 100 mm wall: 38.71 + 1.00 = 39.71 m² net;
    # BRA adds the wall over the bod's 1.0 m: 0.10 m² → 39.81 m². NDSS 39 m² as BRA (GIA), Husbanken 55 m² as BRA.
    living = room("R1", box(0, 0, 4900, 7900), "living")
    bod = room("R2", box(5000, 0, 6000, 1000), "storage", label="Bod")
    plan = make_plan([living, bod], [hinged("D1", (0, 500), (0, 1425), "R1", ("R1", "outside")),
                                     hinged("D2", (4900, 100), (4900, 900), "R1", ("R1", "R2"))])
    (r,) = judge(plan, "unit-area", ruleset="uk-m4-3")
    assert r.measured == pytest.approx(39.81, abs=0.01) and r.details["net_m2"] == pytest.approx(39.71, abs=0.01)
    assert "bra area" in r.message
    from planeval.ruleset import load_ruleset

    for name in ("uk-m4-3", "husbanken-omsorg"):
        assert load_ruleset(name).rules["unit-area"].params.measure == "bra"
