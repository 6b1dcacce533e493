"""Every room of the unit reachable in a wheelchair from the entrance.

What it checks
    The configuration space of a wheelchair of width ``wheelchair_width_mm``: the free floor of
    all rooms of the unit plus the openings of their doors (as wide as each door's clear width),
    eroded by half the wheelchair width. Every room of the listed functions must be reachable in
    that space from the unit's entrance door. Free floor = room minus fixtures (minus furniture
    when ``furnished``).

Why
    TEK17 §12-2 (1) and §12-7 (4) a: all main functions on the entrance level, step-free and
    accessible for a wheelchair; §12-10 (3): a wheelchair must be able to drive into the bod.
    Husbanken 5.1: design wheelchair 1200 × 700 mm (functional 1300 × 800).

Parameters
    wheelchair_width_mm (mm), functions (room functions that must be reached), furnished (bool),
    floor_kinds (fixture kinds that are floor), underpass_kinds (fixtures with knee space, e.g. a
    wall-hung basin) and underpass_mm (how far footrests and knees reach under them), tolerance_mm (mm).

Passes / Fails
    One result per room: measured = the widest wheelchair that reaches the room, required =
    ``wheelchair_width_mm``. Fails naming the bottleneck (the door or the pinch where the way
    closes). Not applicable without dwelling units; needs review for a unit without an entrance door.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from planeval.checks.base import RuleSpec, param
from planeval.findings import Confidence, Result, Status, compare
from planeval.measure import Context, FloorSpec
from planeval.measure.reach import CAP_MM, STEP_MM, Bottleneck, bottleneck, unreachable_floor, widest_to_room
from planeval.model.types import Unit

SPEC = RuleSpec(
    code="RE01",
    name="wheelchair-reachability",
    title="every room of the unit reachable by wheelchair from the entrance",
    overlay="passages",
    accessibility=True,
)


@dataclass(frozen=True)
class Params:
    wheelchair_width_mm: float = param("width of the wheelchair that must reach every listed room from the entrance door (mm)")
    functions: tuple[str, ...] = param("room functions that must be reached")
    furnished: bool = param("also subtract drawn furniture from the free floor (fixtures always are)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    underpass_kinds: tuple[str, ...] = param("fixture kinds with knee space, e.g. a wall-hung basin")
    underpass_mm: float = param("how far footrests and knees reach under an underpass_kinds fixture (mm)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the widest wheelchair with the width")


def judge_room(ctx: Context, u: Unit, rid: str, p: Params) -> Result:
    assert u.entrance_door, "judged from the entrance door: check() leaves units without one to review"
    floor = FloorSpec.of(p)
    name = ctx.room(rid).display_name
    entrance = ctx.door(u.entrance_door)
    geometric = widest_to_room(ctx, u.id, rid, floor)
    door: str | None
    if entrance.clear_width_mm < geometric:
        measured = entrance.clear_width_mm
        why, where, door = f"entrance door {entrance.id} clear {entrance.clear_width_mm:.0f} mm", entrance.opening, entrance.id
    else:
        measured = geometric
        b = bottleneck(ctx, u.id, rid, floor)
        why, where, door = _why(ctx, b), b.where, b.door
    status = compare(measured, p.wheelchair_width_mm, eps=p.tolerance_mm)
    shown = f"≥ {measured:.0f}" if measured >= CAP_MM else f"{measured:.0f}"
    head = f"widest wheelchair reaching {name} from entrance door {entrance.id} {shown} mm"
    if status is Status.PASS:
        message = f"{head} ≥ {p.wheelchair_width_mm:.0f} mm (narrowest: {why})"
    else:
        message = f"{head} < {p.wheelchair_width_mm:.0f} mm: bottleneck {why}"
    return Result(
        subject=rid,
        status=status,
        measured=measured,
        required=p.wheelchair_width_mm,
        unit="mm",
        message=message,
        location=where,
        details={"unit": u.id, "entrance_door": entrance.id, "bottleneck": why, "bottleneck_door": door},
        confidence=Confidence(ctx.door(door).confidence) if door else Confidence.HIGH,
    )


def _why(ctx: Context, b: Bottleneck) -> str:
    """What closes the way, in words."""
    if b.kind == "entrance":
        return f"in front of the entrance door {b.door}"
    if b.kind == "door" and b.door is not None:
        return f"door {b.door} clear {ctx.door(b.door).clear_width_mm:.0f} mm"
    here = ctx.room(b.room or "")
    if b.kind == "no-floor":
        return f"no free floor in {here.display_name} for a wider chair (largest free circle Ø{b.circle_mm:.0f} mm)"
    return f"a pinch of {b.width:.0f} mm in {here.display_name} ({here.id})"


def check(ctx: Context, p: Params) -> Iterator[Result]:
    if not ctx.plan.units:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.wheelchair_width_mm, "mm", "no dwelling unit recognised")
        return
    wanted = {r.id for r in ctx.rooms(p.functions)}
    for u in ctx.plan.units:
        if not u.entrance_door:
            yield Result(u.id, Status.NEEDS_REVIEW, None, p.wheelchair_width_mm, "mm",
                         f"unit {u.id}: no entrance door recognised, so reachability from the entrance cannot be judged",
                         location=shapely.union_all([ctx.room(r).polygon for r in u.rooms]) if u.rooms else None)
            continue
        for rid in u.rooms:
            if rid in wanted:
                yield judge_room(ctx, u, rid, p)


def unreachable(ctx: Context, uid: str, p: Params) -> BaseGeometry:
    """Free floor of unit ``uid`` that a chair of the required width (less the tolerance) does not
    sweep on its way from the entrance (see :func:`planeval.measure.reach.unreachable_floor`)."""
    w = max(p.wheelchair_width_mm - p.tolerance_mm, STEP_MM)
    return unreachable_floor(ctx, uid, FloorSpec.of(p), w)


#: the engine's hook for the area scoring: free floor no wheelchair reaches counts as unusable
unusable_floor = unreachable
