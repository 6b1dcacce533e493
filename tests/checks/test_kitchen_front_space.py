"""kitchen-front-space: KI01 free depth in front of each counter run."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from shapely.affinity import rotate

from checks.planbuilder import box, fixture, make_plan, room
from planeval.findings import Status
from planeval.checks.kitchen_front_space import Params, check
from planeval.api import check as run
from planeval.measure import Context
from planeval.ruleset import load_ruleset

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "dxf"

TEK17 = Params(depth_mm=1500, functions=("kitchen",), furnished=False, tolerance_mm=5)


def results(plan, p=TEK17, ctx=None):
    return list(check(ctx or Context(plan), p))


def kitchen(fixtures, width=3000, depth=2700, function="kitchen"):
    return make_plan([room("R1", box(0, 0, width, depth), function)], fixtures=list(fixtures))


def test_opposite_counters_1500_apart_pass_1500_and_fail_1600():
    plan = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1"),
                    fixture("F2", "kitchen_counter", box(0, 2100, 2400, 2700), "R1")])
    ctx = Context(plan)
    res = results(plan, ctx=ctx)
    assert [r.details["fixture"] for r in res] == ["F1", "F2"]
    for r in res:
        assert r.status is Status.PASS and r.measured == pytest.approx(1500, abs=1)
        assert r.subject == "R1" and r.unit == "mm" and "1500 mm" in r.message
        assert [z.kind for z in r.zones] == ["kitchen-front"] and r.zones[0].geometry.area == pytest.approx(2400 * 1500)
    strict = results(plan, replace(TEK17, depth_mm=1600), ctx=ctx)
    assert all(r.status is Status.FAIL and r.measured == pytest.approx(1500, abs=1) and r.required == 1600 for r in strict)


def test_front_is_the_side_away_from_the_wall_and_the_whole_length_counts():
    # counter along the east wall; a fridge column stands 1200 mm in front of its north end only
    plan = kitchen([fixture("F1", "kitchen_counter", box(2400, 0, 3000, 2400), "R1"),
                    fixture("F2", "fixture", box(800, 2000, 1200, 2600), "R1")], width=3000, depth=2700)
    (r,) = results(plan)
    assert r.status is Status.FAIL and r.measured == pytest.approx(2400 - 1200, abs=1)
    assert r.details["front_edge"] == [[2400, 0], [2400, 2400]] or r.details["front_edge"] == [[2400, 2400], [2400, 0]]


def test_furniture_counts_only_when_furnished():
    plan = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1"),
                    fixture("F2", "table", box(500, 1500, 1700, 2300), "R1")], depth=3500)
    (bare,) = results(plan)
    (furn,) = results(plan, replace(TEK17, furnished=True))
    assert bare.status is Status.PASS and bare.measured == pytest.approx(2900, abs=1)
    assert furn.status is Status.FAIL and furn.measured == pytest.approx(900, abs=1)


def test_l_shaped_run_leaves_the_corner_out():
    plan = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1"),
                    fixture("F2", "kitchen_counter", box(0, 600, 600, 2400), "R1")], width=3000, depth=3000)
    res = {r.details["fixture"]: r for r in results(plan)}
    assert res["F1"].measured == pytest.approx(2400, abs=1) and res["F1"].details["measured_length_mm"] == 1800
    assert res["F2"].measured == pytest.approx(2400, abs=1) and res["F2"].details["measured_length_mm"] == 1800
    assert all(r.status is Status.PASS for r in res.values())


def test_rotated_plan():
    plan0 = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1"),
                     fixture("F2", "kitchen_counter", box(0, 2100, 2400, 2700), "R1")])
    rot = make_plan([replace(r, polygon=rotate(r.polygon, 17, origin=(0, 0))) for r in plan0.rooms],
                    fixtures=[replace(f, polygon=rotate(f.polygon, 17, origin=(0, 0))) for f in plan0.fixtures])
    assert [round(r.measured) for r in results(rot)] == [1500, 1500]


def test_not_applicable():
    none = results(make_plan([room("R1", box(0, 0, 3000, 3000), "bedroom")]))
    assert [(r.subject, r.status) for r in none] == [("plan", Status.NOT_APPLICABLE)]
    bare = results(kitchen([]))
    assert [(r.subject, r.status) for r in bare] == [("R1", Status.NOT_APPLICABLE)]


# -- samples ------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def sample(name):
    from planeval.model import build_plan
    from planeval.read import read_drawing

    return build_plan(read_drawing(SAMPLES / f"{name}.dxf"))


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.dxf")))
def test_samples_pass_tek17(name):
    plan = sample(name)
    rs = load_ruleset("tek17")
    rs = replace(rs, rules={k: v for k, v in rs.rules.items() if k == "kitchen-front-space"})
    res = [f.result for f in run(plan, rs).findings]
    counters = [f for f in plan.fixtures if f.kind == "kitchen_counter"]
    assert len(res) == len(counters)
    assert all(r.status is Status.PASS for r in res), [r.message for r in res]
