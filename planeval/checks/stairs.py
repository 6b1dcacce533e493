"""Stairs drawn in the plan: the width of the run and the landing at its ends.

What it checks
    Every fixture of kind ``stair``. A straight run (see :mod:`planeval.measure.runs`) is as wide
    as its footprint's short side: a stair in a room of a dwelling unit needs ``unit_width_mm``; a
    stair in common space ``other_width_mm``, or ``main_width_mm`` when it is a main stair serving
    more than one unit (which a plan does not say: between the two it is for review). A stair that
    is not a straight run needs ``winding_extra_mm`` more, which its footprint does not show
    (review). The landing (TR02) is the deeper of the free depths beyond the run's two ends (one
    end arrives on this floor): ``main_landing_mm`` for a stair in common space,
    ``unit_landing_mm`` inside a unit (0: the regulation gives no number — reported for review).

Why
    TEK17 §12-14 (1) h: straight runs ≥ 0.90 m wide, inside a dwelling unit ≥ 0.80 m; (1) i: runs
    that are not straight 0.10 m wider; (2) a: main stairs serving more than one unit ≥ 1.10 m;
    (2) d: landings ≥ 1.5 m deep from the nosing or the guard; (1) e: landings large enough to stop
    a fall (no number).

Parameters
    unit_width_mm, other_width_mm, main_width_mm, winding_extra_mm, unit_landing_mm,
    main_landing_mm, tolerance_mm (mm).

Passes / Fails
    TR01 per stair: measured = run width; passes ≥ the width that applies, fails below the
    smallest one that could apply, ``needs_review`` between (a common stair that may be a main
    stair) and for runs that are not straight. TR02 per straight stair: measured = the deeper
    landing; passes/fails against the number that applies, ``needs_review`` without one. Not
    applicable when no stair is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import RuleSpec, param
from planeval.findings import Confidence, Result, Status, say, sign
from planeval.measure import Context, FloorSpec
from planeval.measure.runs import landings, run_of
from planeval.model.types import Fixture

SPEC = RuleSpec(
    code="TR01",
    name="stairs",
    title="a stair drawn in the plan is wide enough and has a landing",
    subcodes={"TR02": "landing at the end of a stair"},
    overlay="other",
    measured="length",
)

#: The landing is measured in the room's free floor with fixed fittings (drawn furniture ignored).
FLOOR = FloorSpec(furnished=False)


@dataclass(frozen=True)
class Params:
    unit_width_mm: float = param("width of a straight run inside a dwelling unit (mm)")
    other_width_mm: float = param("width of a straight run of any other stair (mm)")
    main_width_mm: float = param("width of a straight run of a main stair serving more than one unit (mm)")
    winding_extra_mm: float = param("how much wider a run that is not straight must be (mm)")
    unit_landing_mm: float = param("landing depth beyond a stair inside a unit (mm; 0: no number, for review)")
    main_landing_mm: float = param("landing depth beyond a stair in common space (mm)")
    tolerance_mm: float = param("drawing noise allowed when comparing widths and depths (mm)")


def _in_unit(ctx: Context, f: Fixture) -> bool:
    if f.room is None:
        return False
    r = ctx.room(f.room)
    return r.unit is not None and not r.common


def judge_width(ctx: Context, f: Fixture, p: Params) -> Result:
    run = run_of(ctx, f)
    inside = _in_unit(ctx, f)
    where = say("GU02.in", " in {room}", room=ctx.room(f.room).display_name) if f.room else ""
    v = {"id": f.id, "where": where, "w": run.width}
    if not run.straight:
        need = (p.unit_width_mm if inside else p.other_width_mm) + p.winding_extra_mm
        return Result(f.id, Status.NEEDS_REVIEW, None, need, "mm",
                      msg=say("TR01.not_straight", "stair {id}{where} is not a straight run ({w:.0f} × {length:.0f} mm "
                                                   "footprint): its run width cannot be read from the plan; a run that is not "
                                                   "straight needs ≥ {need:.0f} mm",
                              length=run.length, need=need, **v),
                      location=f.polygon, confidence=Confidence.LOW, details={"straight": False})
    w = run.width
    ok = w + p.tolerance_mm
    if inside:
        status = Status.PASS if ok >= p.unit_width_mm else Status.FAIL
        rel = sign(status is Status.PASS, w, p.unit_width_mm)
        msg = say("TR01.unit", "stair {id}{where} (inside the unit): run {w:.0f} mm {rel} {need:.0f} mm",
                               rel=rel, need=p.unit_width_mm,
                  **v)
        need = p.unit_width_mm
    elif ok >= p.main_width_mm:
        status, need = Status.PASS, p.main_width_mm
        msg = say("TR01.main", "stair {id}{where}: run {w:.0f} mm {rel} {need:.0f} mm (enough for a main stair)",
                               rel=sign(True, w, p.main_width_mm), need=p.main_width_mm, **v)
    elif ok >= p.other_width_mm:
        status, need = Status.NEEDS_REVIEW, p.main_width_mm
        msg = say("TR01.other", "stair {id}{where}: run {w:.0f} mm {rel} {other:.0f} mm, but < {main:.0f} mm if it is a main "
                                "stair serving more than one unit (not shown in the plan)",
                                rel=sign(True, w, p.other_width_mm), other=p.other_width_mm, main=p.main_width_mm, **v)
    else:
        status, need = Status.FAIL, p.other_width_mm
        msg = say("TR01.narrow", "stair {id}{where}: run {w:.0f} mm < {other:.0f} mm", other=p.other_width_mm, **v)
    return Result(f.id, status, w, need, "mm", msg=msg, location=f.polygon, confidence=Confidence.MEDIUM,
                  details={"straight": True, "length_mm": round(run.length), "inside_unit": inside})


def judge_landing(ctx: Context, f: Fixture, p: Params) -> Result | None:
    run = run_of(ctx, f)
    if not run.straight or f.room is None:
        return None
    room = ctx.room(f.room)
    a, b = landings(ctx, room, f, FLOOR)
    depth, end = max((a, 0), (b, 1))
    need = p.unit_landing_mm if _in_unit(ctx, f) else p.main_landing_mm
    loc = run.end_frame(end).box(-run.width / 2, run.width / 2, 0.0, max(min(depth, need or depth), 1.0))
    details = {"landings_mm": [round(a), round(b)]}
    if need <= 0:
        return Result(f.id, Status.NEEDS_REVIEW, depth, None, "mm",
                      msg=say("TR02.unit", "stair {id}: landing {depth:.0f} mm deep beyond its ends ({a:.0f} / {b:.0f} mm); "
                                           "TEK17 §12-14 (1) e asks a landing large enough to stop a fall, with no number for "
                                           "stairs inside a unit",
                              id=f.id, depth=depth, a=a, b=b),
                      location=loc, code="TR02", confidence=Confidence.MEDIUM, details=details)
    status = Status.PASS if depth + p.tolerance_mm >= need else Status.FAIL
    rel = sign(status is Status.PASS, depth, need)
    return Result(f.id, status, depth, need, "mm",
                  msg=say("TR02.landing", "stair {id}: deepest landing beyond its ends {depth:.0f} mm {rel} {need:.0f} mm "
                                          "({a:.0f} / {b:.0f} mm)", id=f.id, depth=depth, rel=rel, need=need, a=a, b=b),
                  location=loc, code="TR02", confidence=Confidence.MEDIUM, details=details)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    stairs = [f for f in ctx.plan.fixtures if f.kind == "stair"]
    if not stairs:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.unit_width_mm, "mm", msg=say("TR01.none", "no stair drawn in the "
                                                                                                      "plan"))
        return
    for f in stairs:
        yield judge_width(ctx, f, p)
        landing = judge_landing(ctx, f, p)
        if landing is not None:
            yield landing
