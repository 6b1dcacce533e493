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
