"""Critical values, computed from the measurements, against brute force over grids on the samples."""

from __future__ import annotations

import dataclasses

import pytest

from planeval.engine import run
from planeval.findings import Status
from planeval.measure import Context
from planeval.ruleset import load_ruleset
from planeval.sweep.critical import CRITICAL, Critical, solve, statement
from planeval.sweep.variants import derive
from sweep.helpers import brute_force_plans

#: (rule, param, grid of values); the grid is joined by every critical value and the value 0.001 beyond it
CASES = [
    ("turning-space", "diameter_mm", [900.0 + 50 * i for i in range(25)]),
    ("balcony-turning", "diameter_mm", [1000.0 + 100 * i for i in range(12)]),
    ("door-clear-width", "internal_min_mm", [700.0 + 20 * i for i in range(12)]),
    ("door-clear-width", "entrance_min_mm", [760.0 + 20 * i for i in range(12)]),
    ("passage-width", "width_mm", [600.0, 1000.0]),
    ("wheelchair-reachability", "wheelchair_width_mm", [600.0, 750.0, 900.0]),
    ("wc-clearance", "front_circle_mm", [1000.0 + 100 * i for i in range(9)]),
    ("wc-clearance", "side_large_mm", [200.0 + 100 * i for i in range(12)]),
    ("wc-clearance", "side_small_mm", [100.0 + 100 * i for i in range(12)]),
    ("kitchen-front-space", "turning_diameter_mm", [900.0 + 100 * i for i in range(10)]),
    ("storage-area", "min_area_m2", [1.0 * i for i in range(1, 9)]),
    ("storage-area", "min_area_small_unit_m2", [0.5 * i for i in range(1, 12)]),
    ("unit-area", "min_area_m2", [20.0 + 10 * i for i in range(8)]),
    ("door-side-space", "pull_side_mm", [100.0 + 100 * i for i in range(12)]),
    ("door-side-space", "push_side_mm", [100.0 + 100 * i for i in range(12)]),
    ("door-side-space", "sliding_side_mm", [100.0 + 100 * i for i in range(12)]),
    ("bed-placement", "side_a_mm", [300.0 + 100 * i for i in range(14)]),
    ("bed-placement", "side_b_mm", [100.0 + 150 * i for i in range(10)]),
]


def only(rs, rule):
    """The rule set with only ``rule`` enabled: brute force judges just that rule."""
    rules = {name: dataclasses.replace(rc, enabled=(name == rule)) for name, rc in rs.rules.items()}
    return dataclasses.replace(rs, rules=rules)


#: passages and reachability measure many widths per room: judged under one base set (the measurement is the same)
SLOW = ("passage-width", "wheelchair-reachability")
RUNS = [(b, *c) for c in CASES for b in ("tek17", "husbanken-omsorg") if b == "tek17" or c[0] not in SLOW]


@pytest.mark.parametrize(("base_name", "rule", "param", "grid"), RUNS, ids=[f"{b}-{r}.{p}" for b, r, p, _ in RUNS])
def test_critical_values_match_brute_force(base_name, rule, param, grid):
    base = only(load_ruleset(base_name), rule)
    if not base.rules[rule].enabled or base.rules[rule].params is None:
        pytest.skip(f"{rule} not configured in {base_name}")
    checked = 0
    plans = brute_force_plans()
    if rule in SLOW:  # every room's flip point ± a step is a reachability run: the corridor plan's twenty rooms cost most
        plans.pop("korridor-4units-aia")
    for name, plan in plans.items():
        ctx = Context(plan)
        p = base.rules[rule].params
        crit: dict[tuple[str, str], Critical] = {}
        for f in run(plan, base, ctx).findings:
            c = solve(ctx, f, p, rule, param)
            if c is not None:
                crit[(f.code, f.result.subject)] = c
        edges = [c.value + e for c in crit.values() if c.value is not None
                 for e in ((0.0, 1e-3) if c.passes_when == "<=" else (0.0, -1e-3))]
        values = sorted({v for v in grid + edges if v > 0})
        statuses: dict[tuple[str, str], set[str]] = {}
        for v in values:
            for f in run(plan, derive(base, ((f"{rule}.{param}", v),)), ctx).findings:
                key = (f.code, f.result.subject)
                if f.code not in CRITICAL[rule][param].codes or f.status not in (Status.PASS, Status.FAIL):
                    continue
                if key in crit:
                    assert crit[key].passes(v) == (f.status is Status.PASS), (name, key, v, crit[key], f.result.message)
                    checked += 1
                else:  # no critical value: the parameter does not govern it, so its verdict never moves
                    statuses.setdefault(key, set()).add(f.status.value)
        moving = {k: s for k, s in statuses.items() if len(s) > 1}
        assert not moving, (name, moving)
    if rule != "balcony-turning":
        assert checked > 0


def test_rectangle_passes_whatever_the_diameter():
    base = only(load_ruleset("tek17"), "turning-space")
    plan = brute_force_plans()["korttid-40-aia"]
    ctx = Context(plan)
    big = derive(base, (("turning-space.diameter_mm", 5000.0),))
    p = big.rules["turning-space"].params
    kinds = {}
    for f in run(plan, big, ctx).findings:
        c = solve(ctx, f, p, "turning-space", "diameter_mm")
        kinds[f.result.subject] = (c.kind, f.result.details["fits_by"], f.status.value)
    assert ("any", "rectangle", "pass") in kinds.values()
    assert all(k != "any" or s == "pass" for k, _, s in kinds.values())


def test_statements():
    says = statement("Soverom", "diameter_mm", Critical("threshold", 1450.4, "<="), "mm")
    assert says == "Soverom passes for any turning circle ≤ 1450 mm"
    says = statement("Bad", "max_threshold_mm", Critical("threshold", 20.0, ">="), "mm")
    assert says == "Bad passes for any maximum threshold ≥ 20 mm"
    rect = type("P", (), {"rectangle_width_mm": 1300.0, "rectangle_length_mm": 1800.0})()
    assert statement("Stue", "diameter_mm", Critical("any", None, "<=", "rectangle"), "mm", rect) == \
        "Stue passes by the 1.30 × 1.80 m rectangle whatever the turning circle"
    assert not Critical("none", None, "<=").passes(0.0) and Critical("any", None, "<=").passes(1e9)
    wc = type("P", (), {"front_rectangle_width_mm": 1300.0, "front_rectangle_length_mm": 1800.0})()  # BA03's own names
    assert statement("Bad", "front_circle_mm", Critical("any", None, "<=", "rectangle"), "mm", wc) == \
        "Bad passes by the 1.30 × 1.80 m rectangle whatever the turning circle in front of the WC"


@pytest.mark.parametrize(("base_name", "rule"), [("tek17", "turning-space"), ("husbanken-omsorg", "turning-space"),
                                                 ("tek17", "balcony-turning"), ("husbanken-omsorg", "wc-clearance")])
def test_swing_mode_critical_matches_brute_force(base_name, rule):
    """door_swing_overlap is categorical: the critical value is the index of the strictest mode that passes."""
    from planeval.sweep.critical import SWING_MODES

    base = only(load_ruleset(base_name), rule)
    if not base.rules[rule].enabled or base.rules[rule].params is None:
        pytest.skip(f"{rule} not configured in {base_name}")
    p = base.rules[rule].params
    code = CRITICAL[rule]["door_swing_overlap"].codes[0]
    checked, flips = 0, 0
    for name, plan in brute_force_plans().items():
        ctx = Context(plan)
        crit = {f.result.subject: solve(ctx, f, p, rule, "door_swing_overlap") for f in run(plan, base, ctx).findings
                if f.status in (Status.PASS, Status.FAIL) and f.code == code}
        for i, mode in enumerate(SWING_MODES):
            for f in run(plan, derive(base, ((f"{rule}.door_swing_overlap", mode),)), ctx).findings:
                c = crit.get(f.result.subject)
                if c is None or f.code != code or f.status not in (Status.PASS, Status.FAIL):
                    continue
                assert c.passes(float(i)) == (f.status is Status.PASS), (name, f.result.subject, mode, c)
                checked += 1
        flips += sum(1 for c in crit.values() if c is not None and c.kind == "threshold")
    assert rule == "balcony-turning" or checked > 0
    if base_name == "husbanken-omsorg":
        assert flips > 0  # a room that turns only with the swings allowed: the test can fail


def test_door_side_and_bed_statements_name_what_moves():
    assert statement("D3", "pull_side_mm", Critical("threshold", 612.0, "<="), "mm") == \
        "D3 passes for any pull-side space beside the latch ≤ 612 mm"
    assert statement("Stue", "door_swing_overlap", Critical("threshold", 1.0, "<="), "mm") == \
        "Stue passes with door swings 'forbid_operated_door', not with 'forbid_all'"


def _agree(name, plan, ctx, base, crit, values, point_of, precision) -> int:
    """Judge ``plan`` at each of ``values`` (the rule-set point ``point_of(v)``) and assert every
    solved critical value in ``crit`` predicts the verdict, except inside a threshold's last
    bisection step (``precision``), which it does not claim. Returns the verdicts compared."""
    checked = 0
    for v in values:
        for f in run(plan, derive(base, point_of(v)), ctx).findings:
            c = crit.get((f.code, f.result.subject))
            if c is None or f.status not in (Status.PASS, Status.FAIL):
                continue
            if c.kind == "threshold" and c.value < v <= c.value + precision:
                continue  # inside the bisection's last step: not claimed either way
            assert c.passes(v) == (f.status is Status.PASS), (name, f.result.subject, v, c, f.result.message)
            checked += 1
    return checked


#: a turning rectangle's side: (rule, param, grid); the critical value is exact to RECT_PRECISION_MM (a bisection on the fit)
RECTANGLES = [
    ("tek17", "turning-space", "rectangle_width_mm", [900.0, 1300.0, 1700.0]),
    ("tek17", "turning-space", "rectangle_length_mm", [1200.0, 1800.0, 2600.0]),
    ("tek17", "wc-clearance", "front_rectangle_width_mm", [900.0, 1300.0, 1700.0]),
    ("tek17", "wc-clearance", "front_rectangle_length_mm", [1200.0, 1800.0, 2600.0]),
]


@pytest.mark.parametrize(("base_name", "rule", "param", "grid"), RECTANGLES, ids=[f"{b}-{r}.{p}" for b, r, p, _ in RECTANGLES])
def test_rectangle_side_critical_matches_brute_force(base_name, rule, param, grid):
    from planeval.sweep.solvers import RECT_PRECISION_MM

    base = only(load_ruleset(base_name), rule)
    checked, thresholds = 0, 0
    plans = brute_force_plans()
    if rule == "turning-space":  # the corridor plan's twenty rooms add time, not kinds of case
        plans.pop("korridor-4units-aia")
    circle = (f"{rule}.{'front_circle_mm' if rule == 'wc-clearance' else 'diameter_mm'}", 4000.0)
    for name, plan in plans.items():
        ctx = Context(plan)
        # a diameter no room has: every case is short, the rectangle decides (else the circle passes whatever the rectangle)
        big = derive(base, (circle,))
        q = big.rules[rule].params
        crit = {(f.code, f.result.subject): c for f in run(plan, big, ctx).findings
                if (c := solve(ctx, f, q, rule, param)) is not None}
        thresholds += sum(1 for c in crit.values() if c.kind == "threshold")
        edges = [c.value + e for c in crit.values() if c.value is not None for e in (-1e-3, RECT_PRECISION_MM + 1e-3)]
        checked += _agree(name, plan, ctx, base, crit, sorted({x for x in grid + edges if x > 0}),
                          lambda v: (circle, (f"{rule}.{param}", v)), RECT_PRECISION_MM)
    assert checked > 0 and thresholds > 0


#: sizes the measurement itself changes with: (base, rule, param, grid, samples left out); the critical value is found by
#: bisection on the check's own verdict (exact to SIZE_PRECISION_MM). Each bathroom's shower zone is a search per probe:
#: the shower sizes run on the two smaller plans, each size under one base set (the corridor plan adds time, not kinds of case);
#: husbanken-livslop's side A is a circle, so its side B is a bisection too
SIZES = [
    ("tek17", "shower-access", "zone_width_mm", [600.0 + 200 * i for i in range(8)], ("korridor-4units-aia",)),
    ("husbanken-omsorg", "shower-access", "zone_length_mm", [600.0 + 200 * i for i in range(8)], ("korridor-4units-aia",)),
    ("tek17", "bed-placement", "bed_width_mm", [600.0 + 300 * i for i in range(8)], ()),
    ("husbanken-omsorg", "bed-placement", "bed_length_mm", [1500.0 + 300 * i for i in range(8)], ()),
    ("husbanken-omsorg", "bed-placement", "foot_mm", [300.0 * i for i in range(8)], ()),
    ("husbanken-livslop", "bed-placement", "side_b_mm", [150.0 * i for i in range(10)], ("korridor-4units-aia",)),
    ("tek17", "door-side-space", "depth_mm", [100.0 + 300 * i for i in range(8)], ("korridor-4units-aia",)),
]


@pytest.mark.parametrize(("base_name", "rule", "param", "grid", "left_out"), SIZES,
                         ids=[f"{b}-{r}.{p}" for b, r, p, _, _ in SIZES])
def test_size_critical_matches_brute_force(base_name, rule, param, grid, left_out):
    from planeval.sweep.critical import BED_MIN_MM
    from planeval.sweep.solvers import SIZE_PRECISION_MM

    base = only(load_ruleset(base_name), rule)
    lo = BED_MIN_MM if param in ("bed_width_mm", "bed_length_mm") else 0.0  # below it the search claims nothing
    checked, kinds = 0, set()
    for name, plan in brute_force_plans().items():
        if name in left_out:
            continue
        ctx = Context(plan)
        p = base.rules[rule].params
        crit = {(f.code, f.result.subject): c for f in run(plan, base, ctx).findings if (c := solve(ctx, f, p, rule, param))}
        kinds |= {c.kind for c in crit.values()}
        edges = [c.value + e for c in crit.values() if c.value is not None for e in (-1e-3, 0.0, SIZE_PRECISION_MM + 1e-3)]
        checked += _agree(name, plan, ctx, base, crit, sorted({x for x in grid + edges if x >= lo}),
                          lambda v: ((f"{rule}.{param}", v),), SIZE_PRECISION_MM)
    assert checked > 0 and "threshold" in kinds  # a flip inside the grid: the test can fail


def test_size_statements():
    assert statement("Bad", "zone_width_mm", Critical("threshold", 1012.3, "<=", "bisection"), "mm") == \
        "Bad passes for any shower zone width ≤ 1012 mm"
    assert statement("D2", "depth_mm", Critical("any", None, "<=", "bisection"), "mm", rule="door-side-space") == \
        "D2 passes whatever the depth of the free strip beside the door"
    assert statement("Soverom", "foot_mm", Critical("none", None, "<=", "bisection"), "mm") == \
        "Soverom fails whatever the free zone at the foot of the bed"
