"""kitchen-front-space: KI01 free depth in front of each counter run."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from shapely.affinity import rotate

from checks.planbuilder import box, fixture, make_plan, room
from planeval.api import check as run
from planeval.checks.kitchen_front_space import Params, check
from planeval.findings import Status
from planeval.measure import Context
from planeval.ruleset import load_ruleset

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "dxf"

TEK17 = Params(depth_mm=1500, turning_diameter_mm=0, rectangle_allowed=False, rectangle_width_mm=0, rectangle_length_mm=0,
               functions=("kitchen",), furnished=False, tolerance_mm=5)


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


@cache
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


# -- issue 9: in tek17 the turning area in front of the counter governs, not a 1500 mm depth ------

def test_tek17_judges_the_turning_area_in_front_of_the_counter():
    # a 3.0 × 2.0 m kitchen, a 0.6 m counter along the south wall: 1400 mm free in front of it.
    # Before: KI01 free depth 1400 < 1500 (no TEK17 number) → fail. Now: the largest circle
    # touching the counter is Ø1400 < Ø1500, but a 1.3 × 1.8 m rectangle fits there → pass (KI02).
    plan = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1")], width=3000, depth=2000)
    res = [f.result for f in run(plan, load_ruleset("tek17")).findings if f.rule == "kitchen-front-space"]
    assert [r.code for r in res] == ["KI02"]  # tek17 asks no depth (depth_mm = 0)
    (r,) = res
    assert r.status is Status.PASS and r.measured == pytest.approx(1400, abs=3) and r.required == 1500
    assert r.details["fits_by"] == "rectangle" and "1.30 × 1.80 m rectangle fits" in r.message
    # the same kitchen 1.2 m deep in front: no circle, no rectangle (1.3 m) → fail
    tight = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1")], width=3000, depth=1800)
    (t,) = [f.result for f in run(tight, load_ruleset("tek17")).findings if f.rule == "kitchen-front-space"]
    assert t.status is Status.FAIL and t.measured == pytest.approx(1200, abs=3)


def test_husbanken_carries_its_own_circle_and_no_rectangle():
    plan = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1")], width=3000, depth=2000)
    (r,) = [f.result for f in run(plan, load_ruleset("husbanken-omsorg")).findings if f.rule == "kitchen-front-space"]
    assert r.code == "KI02" and r.required == 1600 and r.status is Status.FAIL and r.measured == pytest.approx(1400, abs=3)
    src = load_ruleset("husbanken-omsorg").rules["kitchen-front-space"].source
    assert "Husbanken" in src and "1.6" in src


def test_comparators_keep_their_depth():
    plan = kitchen([fixture("F1", "kitchen_counter", box(0, 0, 2400, 600), "R1")], width=3000, depth=2000)
    (r,) = [f.result for f in run(plan, load_ruleset("br18")).findings if f.rule == "kitchen-front-space"]
    assert r.code == "KI01" and r.required == 1100 and r.status is Status.PASS and r.measured == pytest.approx(1400, abs=1)
