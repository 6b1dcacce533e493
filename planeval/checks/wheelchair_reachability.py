"""Every room of the unit reachable in a wheelchair from the entrance.

What it checks
    Every room of the listed functions — and every room whose function is unknown — must be
    reachable from the unit's entrance door by a wheelchair: first as a disc of
    ``wheelchair_width_mm`` (the free floor of all rooms of the unit plus the openings of their
    doors, as wide as each door's clear width, eroded by half the width: what closes the way is
    named), then as what it is, a ``wheelchair_width_mm`` × ``wheelchair_length_mm`` rectangle that
    must turn into the doors (its configuration space over orientations ``angle_step_deg`` apart,
    see :mod:`planeval.measure.reach`), driving wholly into the room. A 0.85 m corridor with a
    door in its side lets a 0.7 m disc through where a 0.7 × 1.2 m chair cannot turn in. Free floor
    = room minus fixtures (minus furniture when ``furnished``). An extra bathroom is left to
    ``accessible-bathroom``.

Why
    TEK17 §12-2 (1) and §12-7 (4) a: every room on the entrance level step-free and accessible for
    a wheelchair; §12-10 (3): a wheelchair must be able to drive into the bod and reverse out.
    Husbanken 5.1: design wheelchair 1200 × 700 mm (functional 1300 × 800); ISO 7176-5 800 × 1300.

Parameters
    wheelchair_width_mm, wheelchair_length_mm (mm; length 0: the disc only), angle_step_deg
    (degrees), functions (room functions that must be reached), furnished (bool),
    floor_kinds (fixture kinds that are floor), underpass_kinds (fixtures with knee space, e.g. a
    wall-hung basin) and underpass_mm (how far footrests and knees reach under them), tolerance_mm (mm).

Passes / Fails
    One result per room: measured = the widest wheelchair that reaches the room (the disc's width
    where the rectangle turns in too, else the widest rectangle chair of the length), required =
    ``wheelchair_width_mm``. Fails naming the bottleneck (the door or the pinch where the way
    closes, or the door the chair cannot turn into). Not applicable without dwelling units; needs
    review for a unit without an entrance door; a room of unknown function that fails is needs_review.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from planeval.checks.base import RuleSpec, param
from planeval.checks.scope import as_permanent_stay, judged_rooms
from planeval.findings import Confidence, Message, Result, Status, compare, say, sign
from planeval.measure import Context, FloorSpec
from planeval.measure.chair import Chair, chair_entry_doors, chair_reaches, widest_chair
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
    wheelchair_length_mm: float = param("length of that wheelchair, a rectangle that must turn into doors (mm; 0: a disc only)")
    angle_step_deg: float = param("orientations of the rectangular chair tried, this many degrees apart (plus the walls' own)")
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
        why = say("RE01.entrance", "entrance door {door} clear {width:.0f} mm", door=entrance.id, width=entrance.clear_width_mm)
        where, door = entrance.opening, entrance.id
    else:
        measured = geometric
        b = bottleneck(ctx, u.id, rid, floor)
        why, where, door = _why(ctx, b), b.where, b.door
    status = compare(measured, p.wheelchair_width_mm, eps=p.tolerance_mm)
    shown = f"≥ {measured:.0f}" if measured >= CAP_MM else f"{measured:.0f}"
    head = say("RE01.head", "widest wheelchair reaching {room} from entrance door {door} {shown} mm", room=name, door=entrance.id,
               shown=shown)
    rect: Message | str = ""
    stuck = False
    chair = _chair(p)
    details: dict[str, object] = {}
    if status is Status.PASS and chair is not None:
        size = {"w": p.wheelchair_width_mm, "length": p.wheelchair_length_mm}
        if chair_reaches(ctx, u.id, rid, floor, chair):
            rect = say("RE01.turns_in", "; a {w:.0f} × {length:.0f} mm chair turns in", **size)
            details["chair_reached"] = True
        else:
            disc = measured
            measured = min(widest_chair(ctx, u.id, rid, floor, chair), disc)
            status = compare(measured, p.wheelchair_width_mm, eps=p.tolerance_mm)
            doors = chair_entry_doors(ctx, u.id, rid, floor, chair)
            through = say("RE01.through", " through door {doors}", doors=doors) if doors else ""
            head = say("RE01.stuck", "a {w:.0f} × {length:.0f} mm chair cannot turn into {room}{through} from entrance door "
                                     "{door} (a Ø{w:.0f} mm disc passes; widest chair {length:.0f} mm long that does "
                                     "{measured:.0f} mm)",
                       room=name, through=through, door=entrance.id, measured=measured, **size)
            why = say("RE01.turning_into", "turning into {room}{through}", room=name, through=through)
            door = doors[0] if doors else door
            if doors:
                where = ctx.door(doors[0]).opening
            details.update({"chair_reached": False, "disc_widest_mm": round(disc)})
            stuck = True
    values = {"head": head, "need": p.wheelchair_width_mm, "why": why}
    if status is Status.PASS:
        message = say("RE01.pass", "{head} {rel} {need:.0f} mm (narrowest: {why}){rect}", rect=rect,
                      rel=sign(True, measured, p.wheelchair_width_mm), **values)
    elif stuck:
        message = say("RE01.stuck_fail", "{head} < {need:.0f} mm", **values)
    else:
        message = say("RE01.fail", "{head} < {need:.0f} mm: bottleneck {why}", **values)
    return Result(
        subject=rid,
        status=status,
        measured=measured,
        required=p.wheelchair_width_mm,
        unit="mm",
        msg=message,
        location=where,
        details={"unit": u.id, "entrance_door": entrance.id, "bottleneck": why.text, "bottleneck_door": door, **details},
        confidence=Confidence(ctx.door(door).confidence) if door else Confidence.HIGH,
    )


def _chair(p: Params) -> Chair | None:
    """The rectangular chair a rule set asks (less the tolerance), or None for a disc only."""
    if p.wheelchair_length_mm <= 0:
        return None
    return Chair(round(p.wheelchair_width_mm - p.tolerance_mm, 1), round(p.wheelchair_length_mm - p.tolerance_mm, 1),
                 p.angle_step_deg)


def _why(ctx: Context, b: Bottleneck) -> Message:
    """What closes the way, in words."""
    if b.kind == "entrance":
        return say("RE01.at_entrance", "in front of the entrance door {door}", door=b.door)
    if b.kind == "door" and b.door is not None:
        return say("RE01.door", "door {door} clear {width:.0f} mm", door=b.door, width=ctx.door(b.door).clear_width_mm)
    here = ctx.room(b.room or "")
    if b.kind == "no-floor":
        return say("RE01.no_floor", "no free floor in {room} for a wider chair (largest free circle Ø{d:.0f} mm)",
                   room=here.display_name, d=b.circle_mm)
    return say("RE01.pinch", "a pinch of {width:.0f} mm in {room} ({id})", width=b.width, room=here.display_name, id=here.id)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    if not ctx.plan.units:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.wheelchair_width_mm, "mm", msg=say("unit.none", "no dwelling unit "
                                                                                                            "recognised"))
        return
    wanted = {r.id for r in judged_rooms(ctx, p.functions)}
    for u in ctx.plan.units:
        if not u.entrance_door:
            yield Result(u.id, Status.NEEDS_REVIEW, None, p.wheelchair_width_mm, "mm",
                         msg=say("RE01.no_entrance", "unit {unit}: no entrance door recognised, so reachability from the "
                                                     "entrance cannot be judged", unit=u.id),
                         location=shapely.union_all([ctx.room(r).polygon for r in u.rooms]) if u.rooms else None)
            continue
        for rid in u.rooms:
            if rid in wanted:
                yield as_permanent_stay(ctx.room(rid), judge_room(ctx, u, rid, p))


def unreachable(ctx: Context, uid: str, p: Params) -> BaseGeometry:
    """Free floor of unit ``uid`` that a chair of the required width (less the tolerance) does not
    sweep on its way from the entrance (see :func:`planeval.measure.reach.unreachable_floor`)."""
    w = max(p.wheelchair_width_mm - p.tolerance_mm, STEP_MM)
    return unreachable_floor(ctx, uid, FloorSpec.of(p), w)


#: the engine's hook for the area scoring: free floor no wheelchair reaches counts as unusable
unusable_floor = unreachable
