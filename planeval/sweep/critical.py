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
Measurements that do not move with a threshold also decide: a door's side spaces (DS01: each
side's free width is measured uncapped, so the pull/push/sliding requirement flips at the
narrowest governed side), the bed's side A (BD01: the widest side A any valid placement leaves) and
the door-swing mode (``door_swing_overlap`` of TS01/BT01, categorical: each mode's door cases are
measured once, the verdict is monotone in strictness, the critical value is the index of the
strictest passing mode in :data:`SWING_MODES`). A parameter not listed (a rectangle size, a bed
size, side B and the foot zone, the shower zone size, the side-strip depth: each changes the
measurement itself) gets no critical value. Each computed value is checked
against the finding's own verdict at the variant's value; one that disagrees is dropped (the
check chose differently, e.g. another WC of the unit), so a published value is never contradicted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planeval.checks import CHECKS, Phase
from planeval.findings import Finding, Sense, Status
from planeval.measure import Context, FloorSpec
from planeval.measure.fit import fits_rectangle
from planeval.measure.turning import case_rectangle, turning_cases

__all__ = ["Threshold", "Critical", "CRITICAL", "solve", "critical_rows", "statement"]


@dataclass(frozen=True)
class Critical:
    """The verdict of one finding as a function of one parameter."""

    kind: str  #: "threshold" (flips at ``value``), "any" (passes whatever the value), "none" (fails whatever)
    value: float | None
    passes_when: str  #: "<=": passes for values ≤ ``value``; ">=": for values ≥ ``value``
    via: str = ""  #: what decides it: "measured", "circle", "rectangle", "narrow side", "wide side"

    def passes(self, x: float) -> bool:
        if self.kind == "any":
            return True
        if self.kind == "none" or self.value is None:
            return False
        return x <= self.value if self.passes_when == "<=" else x >= self.value


Governs = Callable[[Context, Finding, Any], bool]
Solver = Callable[[Context, Finding, Any, "Threshold", str], "Critical | None"]


@dataclass(frozen=True)
class Threshold:
    """A parameter that is the ``required`` of some findings of its rule."""

    codes: tuple[str, ...]  #: finding codes it governs
    tolerance: str | float = "tolerance_mm"  #: the Params field holding the tolerance, or the fixed eps the check uses
    factor: float = 1.0  #: eps = factor × tolerance
    governs: Governs | None = None  #: which of those findings (default: all)
    solver: Solver | None = None  #: a rule-specific solution (default: :func:`from_required`)
    ordinal: tuple[str, ...] = ()  #: a categorical parameter: its values, least strict first (the critical is an index)

    def position(self, value: Any) -> float:
        """The parameter's value as a number: itself, or its index in :attr:`ordinal`."""
        return float(self.ordinal.index(value)) if self.ordinal else float(value)


def from_required(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """The generic case: the parameter is ``required``, ``measured`` does not depend on it."""
    r = f.result
    if r.measured is None:
        return None
    eps = spec.factor * (getattr(p, spec.tolerance) if isinstance(spec.tolerance, str) else spec.tolerance)
    if r.sense is Sense.AT_MOST:
        return Critical("threshold", r.measured - eps, ">=", "measured")
    if r.sense is Sense.AT_LEAST:
        return Critical("threshold", r.measured + eps, "<=", "measured")
    return None


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


def _door_sides(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """DS01: a door passes while every side has its width; a side's free width is measured whatever
    is required (``measure.doors.side_space``), so the sides the parameter governs pass up to their
    narrowest width + tolerance, provided the sides it does not govern pass."""
    import dataclasses

    from planeval.checks.door_side_space import sides  # the check's own call: the same memo entries

    door = next((d for d in ctx.plan.doors if d.id == f.result.subject), None)
    if door is None:
        return None
    huge = 1e9  # the governed sides' requirement: they are kept and shown uncapped (their free width itself)
    found = sides(ctx, door, dataclasses.replace(p, **{param: huge}))
    governed = [s.measured for s in found if s.required == huge]
    if not governed:
        return None  # the parameter asks nothing of this door: its verdict does not move
    if any(s.measured + p.tolerance_mm < s.required for s in found if s.required != huge):
        return Critical("none", None, "<=", "other side")
    return Critical("threshold", min(governed) + p.tolerance_mm, "<=", "narrowest side")


def _bed_side_a(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """BD01 side A: measured whatever side A is asked (the widest side A, or circle, any valid
    placement leaves); no valid placement of the bed with side B and the foot zone fails whatever."""
    if f.result.details.get("problem"):
        return Critical("none", None, "<=", "placement")
    eps = p.tolerance_mm * (2 if p.side_a_circle else 1)
    return None if f.result.measured is None else Critical("threshold", f.result.measured + eps, "<=", "measured")


#: door swings a turning area must avoid, least strict first: none, the operated door's, all
SWING_MODES = ("allow", "forbid_operated_door", "forbid_all")


def _swing_modes(judge: Callable[[Context, str, Any], bool]) -> Solver:
    """A door-swing mode: each mode's door cases are measured once per room (memoised, whatever the
    diameter) and the finding judged on them; the verdict is monotone in the mode's strictness (a
    stricter mode's free floor lies inside the laxer one's), so it flips once: the critical value is
    the index in :data:`SWING_MODES` of the strictest mode that passes."""

    def solve_modes(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
        import dataclasses

        passing = [i for i, m in enumerate(SWING_MODES) if judge(ctx, f.result.subject, dataclasses.replace(p, **{param: m}))]
        if len(passing) == len(SWING_MODES):
            return Critical("any", None, "<=", "every mode")
        if not passing:
            return Critical("none", None, "<=", "no mode")
        if passing != list(range(len(passing))):
            return None  # not monotone on this plan: no claim
        return Critical("threshold", float(passing[-1]), "<=", SWING_MODES[passing[-1]])

    return solve_modes


def _room_turns(ctx: Context, rid: str, p: Any) -> bool:
    from planeval.checks.turning_space import measure_room

    return measure_room(ctx, rid, p).status is Status.PASS


def _balcony_turns(ctx: Context, rid: str, p: Any) -> bool:
    from planeval.checks.turning import turning_result

    rect = (p.rectangle_width_mm, p.rectangle_length_mm) if p.rectangle_allowed else None
    return turning_result(ctx, rid, diameter_mm=p.diameter_mm, rectangle=rect, mode=p.door_swing_overlap,
                          floor=FloorSpec(p.furnished), tolerance_mm=p.tolerance_mm).status is Status.PASS


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
        "door_swing_overlap": Threshold(("TS01",), solver=_swing_modes(_room_turns), ordinal=SWING_MODES),
    },
    "balcony-turning": {
        "diameter_mm": Threshold(("BT01",), factor=2.0, solver=_turning),
        "door_swing_overlap": Threshold(("BT01",), solver=_swing_modes(_balcony_turns), ordinal=SWING_MODES),
    },
    "door-side-space": {f"{side}_side_mm": Threshold(("DS01",), solver=_door_sides) for side in ("pull", "push", "sliding")},
    "bed-placement": {"side_a_mm": Threshold(("BD01",), solver=_bed_side_a)},
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
    "door_swing_overlap": "door-swing mode",
}


def statement(label: str, param: str, c: Critical, unit: str, params: Any = None) -> str:
    """One sentence: "Soverom passes for any turning circle ≤ 1450 mm"."""
    what = _WHAT.get(param, param)
    if c.kind == "any":
        if c.via == "rectangle" and params is not None:
            size = f"{params.rectangle_width_mm / 1000:.2f} × {params.rectangle_length_mm / 1000:.2f} m rectangle"
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
                  describe: Callable[[Finding], dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the ``critical`` table for one variant: every varied parameter × every finding it governs.

    ``fixed`` holds the other varied parameters (the critical value holds with them fixed); rows
    of variants that differ only in the parameter itself are the same and deduplicated by the caller.
    """
    rows = []
    for key, _ in point:
        rule, param = key.split(".", 1)
        rc = ruleset.rules.get(rule)
        if rc is None or not rc.enabled or rc.params is None or param not in CRITICAL.get(rule, {}):
            continue
        aggregate = CHECKS[rule].SPEC.phase is Phase.AGGREGATE  # judges the other rules' findings: all of the point matters
        fixed = json.dumps({k: v for k, v in point if k != key and (aggregate or k.split(".", 1)[0] == rule)}, sort_keys=True)
        for f in findings:
            c = solve(ctx, f, rc.params, rule, param)
            if c is None:
                continue
            info = describe(f)
            rows.append({
                **info, "rule": rule, "code": f.code, "param": key, "fixed": fixed, "kind": c.kind,
                "critical": c.value, "passes_when": c.passes_when, "via": c.via, "measured": f.result.measured,
                "measure_unit": f.result.unit,
                "statement": statement(info.get("subject_label") or f.result.subject, param, c, f.result.unit, rc.params),
            })
    return rows
