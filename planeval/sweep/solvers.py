"""Critical values of parameters that change a measurement's target, not only its threshold.

* DS01 side spaces (:func:`door_sides`): each side's free width is measured uncapped;
* BD01 side A (:func:`bed_side_a`): the widest side A a valid placement leaves; side B
  (:func:`bed_side_b`): per wall slot, how wide side B may grow before side A loses its width;
* door-swing modes (:func:`swing_modes`; TS01, BT01, BA03): categorical, each mode's door cases
  measured once;
* turning rectangles' sides (:func:`rectangle_side`): the widest rectangle of the other side's
  length per door case, by bisection on the fit (to :data:`RECT_PRECISION_MM`);
* sizes that change the measurement itself (:func:`by_verdict`: BA02's shower zone width and
  length, BD01's bed width, length and foot zone and side B beside a side-A circle, DS01's strip
  depth): no closed form, a bisection on the check's own verdict over its memoised measurements
  (to :data:`SIZE_PRECISION_MM`).

Each is checked against brute force in tests/sweep/test_critical.py.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any

from planeval.findings import Finding, Status
from planeval.measure import Context, FloorSpec
from planeval.measure.turning import case_rectangle, turning_cases
from planeval.sweep.flips import Critical, Solver, Threshold

__all__ = ["door_sides", "bed_side_a", "bed_side_b", "SWING_MODES", "swing_modes", "room_turns", "balcony_turns",
           "wc_front_turns", "RECT_PRECISION_MM", "RECT_PARAMS", "rectangle_side", "SIZE_PRECISION_MM", "SIZE_CHECKS",
           "by_verdict", "plan_extent", "room_extent", "shower_verdict", "bed_verdict", "door_side_verdict"]


def door_sides(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """DS01: a door passes while every side has its width; a side's free width is measured whatever
    is required (``measure.doors.side_space``), so the sides the parameter governs pass up to their
    narrowest width + tolerance, provided the sides it does not govern pass."""
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


def bed_side_a(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """BD01 side A: measured whatever side A is asked (the widest side A, or circle, any valid
    placement leaves); no valid placement of the bed with side B and the foot zone fails whatever."""
    if f.result.details.get("problem"):
        return Critical("none", None, "<=", "placement")
    eps = p.tolerance_mm * (2 if p.side_a_circle else 1)
    return None if f.result.measured is None else Critical("threshold", f.result.measured + eps, "<=", "measured")


#: door swings a turning area must avoid, least strict first: none, the operated door's, all
SWING_MODES = ("allow", "forbid_operated_door", "forbid_all")


def swing_modes(judge: Callable[[Context, str, Any], bool]) -> Solver:
    """A door-swing mode: each mode's door cases are measured once per room (memoised, whatever the
    diameter) and the finding judged on them; the verdict is monotone in the mode's strictness (a
    stricter mode's free floor lies inside the laxer one's), so it flips once: the critical value is
    the index in :data:`SWING_MODES` of the strictest mode that passes."""

    def solve_modes(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
        passing = [i for i, m in enumerate(SWING_MODES) if judge(ctx, f.result.subject, dataclasses.replace(p, **{param: m}))]
        if len(passing) == len(SWING_MODES):
            return Critical("any", None, "<=", "every mode")
        if not passing:
            return Critical("none", None, "<=", "no mode")
        if passing != list(range(len(passing))):
            return None  # not monotone on this plan: no claim
        return Critical("threshold", float(passing[-1]), "<=", SWING_MODES[passing[-1]])

    return solve_modes


def room_turns(ctx: Context, rid: str, p: Any) -> bool:
    from planeval.checks.turning_space import measure_room

    return measure_room(ctx, rid, p).status is Status.PASS


def wc_front_turns(ctx: Context, rid: str, p: Any) -> bool:
    """BA03 of the room as wc-clearance judges it (its own choice of the room's WC included)."""
    from planeval.checks.wc_clearance import measure_room

    res = measure_room(ctx, ctx.room(rid), p)
    return res is not None and any(r.code == "BA03" and r.status is Status.PASS for r in res)


def balcony_turns(ctx: Context, rid: str, p: Any) -> bool:
    from planeval.checks.turning import turning_result

    rect = (p.rectangle_width_mm, p.rectangle_length_mm) if p.rectangle_allowed else None
    return turning_result(ctx, rid, diameter_mm=p.diameter_mm, rectangle=rect, mode=p.door_swing_overlap,
                          floor=FloorSpec(p.furnished), tolerance_mm=p.tolerance_mm).status is Status.PASS


#: how exactly the side of a turning rectangle is found where it stops fitting (mm; a bisection on the fit)
RECT_PRECISION_MM = 0.5


def _widest_side(ctx: Context, key: tuple[Any, ...], fits: Callable[[float], bool], free: Any, tol: float) -> float:
    """The largest x with ``fits(x)`` (monotone: a shorter side fits where a longer one does), to
    :data:`RECT_PRECISION_MM`; 0 when not even the shortest side the fit can try (twice the
    tolerance, which it takes off) fits, infinity when any fits. Memoised under ``key`` (a
    measurement of the door case's free floor, whatever the rule's own rectangle)."""
    from planeval.measure.search import bisect_max

    def compute() -> float:
        x0, y0, x1, y1 = free.bounds if not free.is_empty else (0.0, 0.0, 0.0, 0.0)
        lo, hi = 2 * tol + 1.0, math.hypot(x1 - x0, y1 - y0) + 2 * tol + 100.0
        if not fits(lo):
            return 0.0
        if fits(hi):
            return math.inf
        return bisect_max(fits, lo, hi, RECT_PRECISION_MM)

    return float(ctx.memo(("sweep-widest-rectangle", *key), compute))


def rectangle_side(rule: str) -> Solver:
    """A turning rectangle's side (TS01/BT01 ``rectangle_*``, BA03 ``front_rectangle_*``): the
    finding passes while, in every door case whose circle is short, the rectangle fits; a side
    fits up to the widest rectangle of the other side's length that fits in the case (measured by
    bisection on the fit, to :data:`RECT_PRECISION_MM`), so the critical value is the smallest of
    those over the short cases; no short case: passes whatever the rectangle (by the circle)."""

    def solve_side(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
        front = rule == "wc-clearance"
        allowed = p.front_rectangle_allowed if front else p.rectangle_allowed
        if not allowed:
            return None  # the rectangle is not an alternative: its size does not govern
        tol, rid = p.tolerance_mm, f.result.subject
        diameter = p.front_circle_mm if front else p.diameter_mm
        if front:
            from planeval.checks.wc_clearance import front_rectangle_fits, measure_front

            wc = next((x for x in ctx.plan.fixtures if x.id == f.result.details.get("fixture")), None)
            if wc is None:
                return None
            fr = measure_front(ctx, ctx.room(rid), wc, p)
            cases = list(fr.cases)

            def fits_case(c: Any, x: float) -> bool:
                return front_rectangle_fits(fr, c, dataclasses.replace(p, **{param: x}))[0]
            where: tuple[Any, ...] = (wc.id, p.door_swing_overlap, FloorSpec.of(p), p.front_strip_mm)
        else:
            floor = FloorSpec.of(p) if rule == "turning-space" else FloorSpec(p.furnished)
            cases = turning_cases(ctx, rid, p.door_swing_overlap, floor)
            side = "width" if param.endswith("width_mm") else "length"
            other = p.rectangle_length_mm if side == "width" else p.rectangle_width_mm

            def fits_case(c: Any, x: float) -> bool:
                w, length = (x, other) if side == "width" else (other, x)
                return case_rectangle(ctx, rid, floor, c, w, length, tol)[0]
            where = (p.door_swing_overlap, floor)
        fixed = [getattr(p, q) for q in sorted(RECT_PARAMS[rule]) if q != param]
        short = [c for c in cases if c.diameter + 2 * tol < diameter]
        if not short:
            return Critical("any", None, "<=", "circle")
        limits = [_widest_side(ctx, (rule, rid, *where, c.door, c.swings, param, *fixed, tol), functools.partial(fits_case, c),
                               c.free, tol) for c in short]
        if min(limits) <= 0:
            return Critical("none", None, "<=", "rectangle")
        return Critical("any", None, "<=", "any size") if math.isinf(min(limits)) else \
            Critical("threshold", min(limits), "<=", "rectangle")

    return solve_side


RECT_PARAMS = {"turning-space": ("rectangle_width_mm", "rectangle_length_mm"),
                "balcony-turning": ("rectangle_width_mm", "rectangle_length_mm"),
                "wc-clearance": ("front_rectangle_width_mm", "front_rectangle_length_mm")}


def bed_side_b(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """BD01 side B (``side_b_mm``, side A a strip): where the bed, side A and side B fit against a
    wall does not depend on side B's width — the free gaps along each wall edge at the bed's depth
    and the door intervals are measured once (:func:`planeval.measure.bed.slots`) — so side B can
    grow, per slot, until the bed pushed towards it leaves side A its width: the largest over the
    slots. Side A as a circle (its largest diameter beside the bed moves with side B): a bisection
    on the check's verdict (:func:`by_verdict`)."""
    from planeval.checks.bed_placement import spec_of
    from planeval.geometry import union
    from planeval.measure.bed import DOOR_CLEAR_MM, FLOOR, _subtract, slots
    from planeval.measure.doors import approach_strip
    from planeval.measure.fixtures import room_reach, strip_bounds
    from planeval.measure.floor import free_floor

    if f.result.subject not in {r.id for r in ctx.plan.rooms}:
        return None
    if p.side_a_circle:
        return by_verdict(bed_verdict, lo=0.0)(ctx, f, p, spec, param)
    room = ctx.room(f.result.subject)
    s = spec_of(p)
    keep = [approach_strip(ctx, d, room.id, DOOR_CLEAR_MM) for d in ctx.doors_of(room.id)]
    if s.avoid_door_swings:
        keep += [d.swing for d in ctx.doors_swinging_into(room.id)]
    doors, W, A, tol, reach = union(keep), s.bed_width_mm, p.side_a_mm, s.tolerance_mm, room_reach(room)
    best = -math.inf
    for sl in slots(room, free_floor(ctx, room.id, FLOOR), doors, s, s.bed_length_mm + s.foot_mm):
        door_iv = [] if doors.is_empty else strip_bounds(doors, sl.frame, -reach, sl.length + reach, 0.0, s.bed_length_mm)
        forbidden = [(d0 - W, d1) for d0, d1, _, _ in door_iv]
        g0, g1, cap = sl.gap[0], sl.gap[1], sl.length - W + tol
        if sl.a_side < 0:  # side A low: s ≥ g0 + A − tol, and s ≤ g1 − W − B
            lo = max(g0, -tol, g0 + A - tol)
            pieces = _subtract(lo, cap, forbidden)
            if pieces:
                first = pieces[0][0]
                best = max(best, g1 - W - first - (1e-6 if first > lo else 0.0))
        else:  # side A high: s ≤ g1 − W − A + tol, and s ≥ g0 + B
            hi = min(g1 - W, cap, g1 - W - A + tol)
            pieces = _subtract(-tol, hi, forbidden)
            if pieces:
                last = pieces[-1][1]
                best = max(best, last - g0 - (1e-6 if last < hi else 0.0))
    if best < 0:
        return Critical("none", None, "<=", "placement")
    return Critical("threshold", best, "<=", "slot")


#: how exactly a size found by bisection on the check's own verdict is placed (mm): the verdict holds at
#: the critical value and fails at every value more than this above it
SIZE_PRECISION_MM = 0.5
#: evenly spaced values of the parameter, from the smallest tried to the plan's extent, at which the
#: bisection's answer is checked again: a verdict that is not monotone there gets no critical value
SIZE_CHECKS = 8


class _Unsure(Exception):
    """A probe's verdict is neither pass nor fail (e.g. needs review): no claim."""


def plan_extent(ctx: Context, f: Finding) -> float:
    """The plan's diagonal (mm): no strip longer than this fits in any of its rooms."""
    bounds = [r.polygon.bounds for r in ctx.plan.rooms if not r.polygon.is_empty]
    if not bounds:
        return 0.0
    x0, y0 = min(b[0] for b in bounds), min(b[1] for b in bounds)
    x1, y1 = max(b[2] for b in bounds), max(b[3] for b in bounds)
    return math.hypot(x1 - x0, y1 - y0)


def room_extent(ctx: Context, f: Finding) -> float:
    """The subject room's diagonal (mm): no zone or bed larger than this fits in it."""
    x0, y0, x1, y1 = ctx.room(f.result.subject).polygon.bounds
    return math.hypot(x1 - x0, y1 - y0)


def by_verdict(verdict: Callable[[Context, Finding, Any], Status | None], lo: float,
               extent: Callable[[Context, Finding], float] = room_extent) -> Solver:
    """A size the measurement itself changes with (the shower zone's sides, the bed's size, its foot
    zone, a door's side-strip depth): the check's own judgement of the subject (on its memoised
    measurements) under the parameter set to x, bisected with
    :func:`planeval.measure.search.bisect_max` to :data:`SIZE_PRECISION_MM` between ``lo`` and the
    subject's ``extent`` + 100 mm. Fitting is monotone in a size (what fits at x fits at every
    smaller x), so the verdict passes up to the value and fails above it; that is checked again at
    :data:`SIZE_CHECKS` values over the range (not monotone there, or a probe neither pass nor
    fail: no claim). Fails at ``lo``: fails whatever; passes at the extent: passes whatever.
    Values below ``lo`` are not searched (the answer claims them as the verdict at ``lo``: a bed
    a few mm long fails, no slot, where one of 0.5 m passes; no rule asks for that). Memoised per
    finding and the other parameters."""
    from planeval.measure.search import bisect_max

    def flip(ctx: Context, f: Finding, p: Any, param: str) -> Critical | None:
        def holds(x: float) -> bool:
            s = verdict(ctx, f, dataclasses.replace(p, **{param: x}))
            if s not in (Status.PASS, Status.FAIL):
                raise _Unsure
            return s is Status.PASS

        hi = max(extent(ctx, f), lo) + 100.0
        try:
            if not holds(lo):
                return Critical("none", None, "<=", "bisection")
            if holds(hi):
                return Critical("any", None, "<=", "bisection")
            v = bisect_max(holds, lo, hi, SIZE_PRECISION_MM, decimals=1)
            grid = [lo + (hi - lo) * (i + 0.5) / SIZE_CHECKS for i in range(SIZE_CHECKS)]
            if any(holds(x) != (x <= v) for x in grid if not v < x <= v + SIZE_PRECISION_MM):
                return None
        except _Unsure:
            return None
        return Critical("threshold", v, "<=", "bisection")

    def solve_size(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
        key = ("sweep-size-flip", f.rule, f.code, f.result.subject, param, repr(dataclasses.replace(p, **{param: lo})))
        return ctx.memo(key, lambda: flip(ctx, f, p, param))

    return solve_size


def shower_verdict(ctx: Context, f: Finding, p: Any) -> Status | None:
    """BA02 of the room as shower-access judges it (zone and passage)."""
    from planeval.checks.shower_access import judge

    return judge(ctx, ctx.room(f.result.subject), p)[0].status


def bed_verdict(ctx: Context, f: Finding, p: Any) -> Status | None:
    """BD01 of the room as bed-placement judges it (the room alone: with ``one_per_unit`` the
    unit's choice of bedroom is checked at the variant's value only)."""
    from planeval.checks.bed_placement import judge

    return judge(ctx, ctx.room(f.result.subject), p).status


def door_side_verdict(ctx: Context, f: Finding, p: Any) -> Status | None:
    """DS01 of the door as door-side-space judges it."""
    from planeval.checks.door_side_space import judge_door

    door = next((d for d in ctx.plan.doors if d.id == f.result.subject), None)
    return None if door is None else judge_door(ctx, door, p).status
