"""Critical values: where a finding's verdict flips as one varied parameter moves.

Computed from the measurements, not by judging more variants. Most varied thresholds are the
finding's ``required``: a check measures something independent of the threshold (the largest
free circle, a door's clear width, the widest passage) and compares

* ``Sense.AT_LEAST``: passes while ``measured + eps ≥ required`` → for every value ≤ measured + eps;
* ``Sense.AT_MOST``: passes while ``measured ≤ required + eps`` → for every value ≥ measured − eps;

with ``eps`` the rule's tolerance times a factor (2 for diameters: ``judge_turning`` lets a circle
be 2 × tolerance short). A finding may pass by an alternative the parameter does not touch: a
turning rectangle passes "whatever the diameter" — exactly, door case by door case: the diameter
may grow up to the smallest circle (+ 2 × tolerance) among the cases where the rectangle does not
fit, and without limit when it fits in all (computed on the plan's memoised free floor).

Which ``Params`` field is the ``required`` of which findings is declared here, in :data:`CRITICAL`,
not in the check modules (their authors may add an optional ``CRITICAL`` attribute later; this
module would then read it — kept here for now because the check modules are being refactored).
Measurements that do not move with a threshold also decide (:mod:`planeval.sweep.solvers`): a
door's side spaces (DS01: each side's free width is measured uncapped, so the pull/push/sliding
requirement flips at the narrowest governed side), the bed's side A (BD01: the widest side A any
valid placement leaves) and side B (per wall slot of the bed, measured once: how wide side B may
grow before side A loses its width; side A a strip), the door-swing mode (``door_swing_overlap`` of TS01/BT01/BA03, categorical:
each mode's door cases are measured once, the verdict is monotone in strictness, the critical
value is the index of the strictest passing mode in ``SWING_MODES``) and the sides of a turning
rectangle (TS01/BT01 ``rectangle_*``, BA03 ``front_rectangle_*``: per door case whose circle is
short, the widest rectangle of the other side's length that fits, by bisection on the fit to
``RECT_PRECISION_MM``). Sizes that change the measurement itself — the shower zone's width and
length (BA02), the bed's width and length (from ``BED_MIN_MM``) and foot zone (BD01), the door
side strips' depth (DS01) — have no closed form: a bisection on the check's own verdict over its
memoised measurements, to ``SIZE_PRECISION_MM``, checked again on a coarse grid (``by_verdict``);
so is side B beside a side-A circle. A parameter not listed gets no critical value. Each computed value is checked
against the finding's own verdict at the variant's value; one that disagrees is dropped (the
check chose differently, e.g. another WC of the unit), so a published value is never contradicted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from planeval.checks import CHECKS, Phase
from planeval.findings import Finding, Status
from planeval.measure import Context, FloorSpec
from planeval.measure.fit import fits_rectangle
from planeval.measure.turning import case_rectangle, turning_cases
from planeval.sweep.flips import Critical, Governs, Threshold, from_required
from planeval.sweep.solvers import (
    RECT_PARAMS,
    SWING_MODES,
    balcony_turns,
    bed_side_a,
    bed_side_b,
    bed_verdict,
    by_verdict,
    door_side_verdict,
    door_sides,
    plan_extent,
    rectangle_side,
    room_turns,
    shower_verdict,
    swing_modes,
    wc_front_turns,
)

__all__ = ["Threshold", "Critical", "CRITICAL", "solve", "critical_rows", "statement"]


def _turning(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """Turning circle or rectangle (turning-space, balcony-turning), over every door case."""
    if not p.rectangle_allowed:
        return from_required(ctx, f, p, spec, param)
    rid = f.result.subject
    floor = FloorSpec.of(p)
    w, length, tol = p.rectangle_width_mm, p.rectangle_length_mm, p.tolerance_mm
    limits = []
    for c in turning_cases(ctx, rid, p.door_swing_overlap, floor):
        if not case_rectangle(ctx, rid, floor, c, w, length, tol)[0]:  # the check's own memo entry
            limits.append(c.diameter + 2 * tol)
    if not limits:
        return Critical("any", None, "<=", "rectangle")
    return Critical("threshold", min(limits), "<=", "circle")


def _wc_front(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """Turning circle or rectangle in front of the WC (BA03), over every door case, as ``_turning``."""
    from planeval.checks.wc_clearance import front_rectangle_fits, measure_front  # the check's own calls

    if not p.front_rectangle_allowed:
        return from_required(ctx, f, p, spec, param)
    wc = next((x for x in ctx.plan.fixtures if x.id == f.result.details.get("fixture")), None)
    if wc is None:
        return None
    fr = measure_front(ctx, ctx.room(f.result.subject), wc, p)
    tol = p.tolerance_mm
    limits = []
    for c in fr.cases:
        key = ("sweep-front-rectangle-fits", f.result.subject, wc.id, p.door_swing_overlap, FloorSpec.of(p), p.front_strip_mm,
               c.door, p.front_rectangle_width_mm, p.front_rectangle_length_mm, tol)

        def fits(case: Any = c) -> bool:
            return front_rectangle_fits(fr, case, p)[0]

        if not ctx.memo(key, fits):
            limits.append(c.diameter + 2 * tol)
    if not limits:
        return Critical("any", None, "<=", "rectangle")
    return Critical("threshold", min(limits), "<=", "circle")


def _kitchen_turning(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """The turning circle or rectangle in front of a kitchen counter (KI02)."""
    from planeval.measure.fixtures import counter_front_strip
    from planeval.measure.floor import free_floor

    eps = 2 * p.tolerance_mm
    if f.result.measured is None:
        return None
    if p.rectangle_allowed:
        c = next((x for x in ctx.plan.fixtures if x.id == f.result.details.get("fixture")), None)
        if c is None:
            return None
        room, floor = ctx.room(f.result.subject), FloorSpec.of(p)
        key = ("sweep-counter-rectangle-fits", room.id, c.id, floor, p.rectangle_width_mm, p.rectangle_length_mm, p.tolerance_mm)
        free = free_floor(ctx, room.id, floor)
        if ctx.memo(key, lambda: fits_rectangle(free, p.rectangle_width_mm, p.rectangle_length_mm, eps=p.tolerance_mm,
                                                touching=counter_front_strip(ctx, room, c, floor))[0]):
            return Critical("any", None, "<=", "rectangle")
    return Critical("threshold", f.result.measured + eps, "<=", "circle")


def _wc_sides(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """WC side space: the wider side needs max(large, small), the narrower min(large, small)."""
    from planeval.checks.wc_clearance import measure_sides  # the check's own call: the same memo entry

    wc = next((x for x in ctx.plan.fixtures if x.id == f.result.details.get("fixture")), None)
    if wc is None:
        return None
    s = measure_sides(ctx, ctx.room(f.result.subject), wc, p)
    wide, narrow = max(s.widths) + p.tolerance_mm, min(s.widths) + p.tolerance_mm
    other = p.side_small_mm if param == "side_large_mm" else p.side_large_mm
    if other <= narrow:
        return Critical("threshold", wide, "<=", "wide side")
    if other <= wide:
        return Critical("threshold", narrow, "<=", "narrow side")
    return Critical("none", None, "<=", "wide side")


#: the smallest bed side searched (mm): a bed of a few mm fails (no slot), which no rule asks
BED_MIN_MM = 300.0


def _role(role: str) -> Governs:
    return lambda ctx, f, p: f.result.details.get("role") == role


def _unit_net(ctx: Context, uid: str) -> float:
    return sum(ctx.room(r).area_m2 for r in ctx.plan.unit(uid).rooms if ctx.room(r).function != "balcony")


def _small_unit(small: bool) -> Governs:
    return lambda ctx, f, p: (_unit_net(ctx, f.result.subject) <= p.small_unit_max_m2) == small


DOOR_ROLES = ("entrance", "internal", "balcony", "exterior", "common")

#: rule -> varied Params field -> how it sets the ``required`` of the rule's findings
CRITICAL: dict[str, dict[str, Threshold]] = {
    "turning-space": {
        "diameter_mm": Threshold(("TS01",), factor=2.0, solver=_turning),
        **{q: Threshold(("TS01",), solver=rectangle_side("turning-space")) for q in RECT_PARAMS["turning-space"]},
        "door_swing_overlap": Threshold(("TS01",), solver=swing_modes(room_turns), ordinal=SWING_MODES),
    },
    "balcony-turning": {
        "diameter_mm": Threshold(("BT01",), factor=2.0, solver=_turning),
        **{q: Threshold(("BT01",), solver=rectangle_side("balcony-turning")) for q in RECT_PARAMS["balcony-turning"]},
        "door_swing_overlap": Threshold(("BT01",), solver=swing_modes(balcony_turns), ordinal=SWING_MODES),
    },
    "door-side-space": {
        **{f"{side}_side_mm": Threshold(("DS01",), solver=door_sides) for side in ("pull", "push", "sliding")},
        "depth_mm": Threshold(("DS01",), solver=by_verdict(door_side_verdict, lo=1.0, extent=plan_extent)),
    },
    "bed-placement": {
        "side_a_mm": Threshold(("BD01",), solver=bed_side_a), "side_b_mm": Threshold(("BD01",), solver=bed_side_b),
        **{q: Threshold(("BD01",), solver=by_verdict(bed_verdict, lo=BED_MIN_MM)) for q in ("bed_width_mm", "bed_length_mm")},
        "foot_mm": Threshold(("BD01",), solver=by_verdict(bed_verdict, lo=0.0)),
    },
    "shower-access": {q: Threshold(("BA02",), solver=by_verdict(shower_verdict, lo=1.0))
                      for q in ("zone_width_mm", "zone_length_mm")},
    "door-clear-width": {
        **{f"{role}_min_mm": Threshold(("DW01",), governs=_role(role)) for role in DOOR_ROLES},
        "max_threshold_mm": Threshold(("DW02",), tolerance=0.0),
        "min_height_mm": Threshold(("DW03",), tolerance=0.0),
        "max_opening_force_n": Threshold(("DW04",), tolerance=0.0),
    },
    "passage-width": {"width_mm": Threshold(("PA01",))},
    "wheelchair-reachability": {"wheelchair_width_mm": Threshold(("RE01",))},
    "wc-clearance": {
        "front_circle_mm": Threshold(("BA03",), factor=2.0, solver=_wc_front),
        **{q: Threshold(("BA03",), solver=rectangle_side("wc-clearance")) for q in RECT_PARAMS["wc-clearance"]},
        "door_swing_overlap": Threshold(("BA03",), solver=swing_modes(wc_front_turns), ordinal=SWING_MODES),
        "side_large_mm": Threshold(("BA01",), solver=_wc_sides),
        "side_small_mm": Threshold(("BA01",), solver=_wc_sides),
    },
    "kitchen-front-space": {
        "depth_mm": Threshold(("KI01",)),
        "turning_diameter_mm": Threshold(("KI02",), factor=2.0, solver=_kitchen_turning),
    },
    "storage-area": {
        "min_area_m2": Threshold(("ST01",), tolerance=0.005, governs=_small_unit(False)),
        "min_area_small_unit_m2": Threshold(("ST01",), tolerance=0.005, governs=_small_unit(True)),
    },
    "unit-area": {"min_area_m2": Threshold(("AR01",), tolerance=0.005)},
    "accessible-share": {"min_share": Threshold(("AR02",), tolerance=1e-9)},
}


def solve(ctx: Context, f: Finding, params: Any, rule: str, param: str) -> Critical | None:
    """The critical value of ``param`` for finding ``f`` (judged with ``params``); None when unknown."""
    spec = CRITICAL.get(rule, {}).get(param)
    if spec is None or f.rule != rule or f.code not in spec.codes or f.status not in (Status.PASS, Status.FAIL):
        return None
    if spec.governs is not None and not spec.governs(ctx, f, params):
        return None
    c = (spec.solver or from_required)(ctx, f, params, spec, param)
    if c is None or c.passes(spec.position(getattr(params, param))) != (f.status is Status.PASS):
        return None  # the check decided otherwise (another subject chosen): no claim
    return c


_WHAT = {
    "diameter_mm": "turning circle", "front_circle_mm": "turning circle in front of the WC", "width_mm": "passage width",
    "wheelchair_width_mm": "wheelchair width", "depth_mm": "free depth",
    "turning_diameter_mm": "turning circle in front of the counter", "side_large_mm": "larger WC side space",
    "side_small_mm": "smaller WC side space", "max_threshold_mm": "maximum threshold", "min_height_mm": "minimum door height",
    "max_opening_force_n": "maximum opening force", "min_area_m2": "minimum area", "min_area_small_unit_m2": "minimum area",
    "min_share": "minimum share", **{f"{r}_min_mm": f"{r} door clear width" for r in DOOR_ROLES},
    "pull_side_mm": "pull-side space beside the latch", "push_side_mm": "push-side space beside the latch",
    "sliding_side_mm": "space beside a sliding door", "side_a_mm": "free zone along the bed's long side",
    "side_b_mm": "free zone along the bed's other long side",
    "door_swing_overlap": "door-swing mode",
    "rectangle_width_mm": "turning rectangle width", "rectangle_length_mm": "turning rectangle length",
    "front_rectangle_width_mm": "width of the turning rectangle in front of the WC",
    "front_rectangle_length_mm": "length of the turning rectangle in front of the WC",
    "zone_width_mm": "shower zone width", "zone_length_mm": "shower zone length", "bed_width_mm": "bed width",
    "bed_length_mm": "bed length", "foot_mm": "free zone at the foot of the bed",
}
#: names of a parameter that means another thing in another rule ("rule.param")
_WHAT_IN = {"door-side-space.depth_mm": "depth of the free strip beside the door"}


def statement(label: str, param: str, c: Critical, unit: str, params: Any = None, rule: str = "") -> str:
    """One sentence: "Soverom passes for any turning circle ≤ 1450 mm"."""
    what = _WHAT_IN.get(f"{rule}.{param}", _WHAT.get(param, param))
    if c.kind == "any":
        sides = [getattr(params, f"{pre}rectangle_{s}_mm", None) for pre in ("", "front_") for s in ("width", "length")]
        w, length = (sides[0], sides[1]) if sides[0] is not None else (sides[2], sides[3])
        if c.via == "rectangle" and w is not None and length is not None:
            size = f"{w / 1000:.2f} × {length / 1000:.2f} m rectangle"
            return f"{label} passes by the {size} whatever the {what}"
        return f"{label} passes whatever the {what}"
    if c.kind == "none":
        return f"{label} fails whatever the {what}"
    if param == "door_swing_overlap" and c.value is not None:
        stricter = SWING_MODES[int(c.value) + 1:]
        return f"{label} passes with door swings '{SWING_MODES[int(c.value)]}', not with '{stricter[0]}'" if stricter else \
            f"{label} passes whatever the {what}"
    value = f"{c.value:.0f}" if unit == "mm" else f"{c.value:.4g}"
    return f"{label} passes for any {what} {'≤' if c.passes_when == '<=' else '≥'} {value} {unit}".rstrip()


def critical_rows(ctx: Context, findings: list[Finding], ruleset: Any, point: tuple[tuple[str, Any], ...],
                  describe: Callable[[Finding], dict[str, Any]],
                  done: set[tuple[str, str, str, str, str]] | None = None) -> list[dict[str, Any]]:
    """Rows of the ``critical`` table for one variant: every varied parameter × every finding it governs.

    ``fixed`` holds the other varied parameters (the critical value holds with them fixed); rows
    of variants that differ only in the parameter itself are the same and deduplicated by the caller
    (the first kept). ``done``: the (rule, code, subject, param, fixed) rows earlier variants of the
    same base already gave — not solved again, and this variant's rows are added to it.
    """
    done = set() if done is None else done
    rows = []
    for key, _ in point:
        rule, param = key.split(".", 1)
        rc = ruleset.rules.get(rule)
        if rc is None or not rc.enabled or rc.params is None or param not in CRITICAL.get(rule, {}):
            continue
        aggregate = CHECKS[rule].SPEC.phase is Phase.AGGREGATE  # judges the other rules' findings: all of the point matters
        fixed = json.dumps({k: v for k, v in point if k != key and (aggregate or k.split(".", 1)[0] == rule)}, sort_keys=True)
        for f in findings:
            row_key = (rule, f.code, f.result.subject, key, fixed)
            if row_key in done:
                continue
            c = solve(ctx, f, rc.params, rule, param)
            if c is None:
                continue
            done.add(row_key)
            info = describe(f)
            rows.append({
                **info, "rule": rule, "code": f.code, "param": key, "fixed": fixed, "kind": c.kind,
                "critical": c.value, "passes_when": c.passes_when, "via": c.via, "measured": f.result.measured,
                "measure_unit": f.result.unit,
                "statement": statement(info.get("subject_label") or f.result.subject, param, c, f.result.unit, rc.params,
                                       rule),
            })
    return rows
