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

from dataclasses import dataclass
from typing import Iterator

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.checks import _reach
from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, compare
from planeval.measure import Context
from planeval.geometry import polygons_of
from planeval.model.types import OUTSIDE, Door, Unit

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


#: The opening of a door reaches this far beyond the wall faces on both sides (mm).
OPENING_REACH_MM = 300.0


def _floor(p: Params) -> tuple:
    """What decides the free floor (part of every memo key)."""
    return (p.furnished, p.floor_kinds, p.underpass_kinds, p.underpass_mm)


def _free_key(rid: str, p: Params) -> tuple:
    return ("free", rid, *_floor(p), ())


def _free(ctx: Context, rid: str, p: Params) -> BaseGeometry:
    return ctx.free_floor(rid, furnished=p.furnished, floor_kinds=p.floor_kinds, underpass_kinds=p.underpass_kinds, underpass_mm=p.underpass_mm)


def _unit_doors(ctx: Context, u: Unit) -> list[Door]:
    members = set(u.rooms)
    return [d for d in ctx.plan.doors if members & set(d.rooms)]


def _door_opening(ctx: Context, d: Door) -> BaseGeometry:
    """The door's clear opening where it crosses the wall: the part outside every room, reaching
    1 mm into the rooms so that the union with their free floor closes despite drawing noise."""
    wall = max((_reach.face_offset(d.midpoint, ctx.room(r).polygon) for r in d.rooms if r != OUTSIDE), default=0.0)
    rect = _reach.opening_rect(d, wall + OPENING_REACH_MM)
    inner = ctx.memo(("RE01-rooms-inner",), lambda: shapely.union_all([r.polygon for r in ctx.plan.rooms]).buffer(-1.0, join_style="mitre"))
    return rect.difference(inner)


def space(ctx: Context, u: Unit, p: Params) -> BaseGeometry:
    """Free floor of the unit's rooms plus the clear openings of their doors (memoised per unit)."""
    def compute() -> BaseGeometry:
        parts = [_free(ctx, rid, p) for rid in u.rooms]
        parts += [_door_opening(ctx, d) for d in _unit_doors(ctx, u)]
        return shapely.union_all([g for g in parts if not g.is_empty])

    return ctx.memo(("RE01-space", u.id, *_floor(p)), compute)


def _start_room(ctx: Context, u: Unit) -> str:
    return next(r for r in ctx.door(u.entrance_door).rooms if r in u.rooms)


def _start_zone(ctx: Context, u: Unit, w: float) -> BaseGeometry:
    return _reach.door_zone(ctx, ctx.door(u.entrance_door), _start_room(ctx, u), w / 2 + _reach.APPROACH_MARGIN_MM)


def _eroded(ctx: Context, u: Unit, p: Params, w: float) -> BaseGeometry:
    return ctx.eroded(("RE01-space", u.id, *_floor(p)), space(ctx, u, p), w / 2)


def _core(ctx: Context, rid: str, p: Params, w: float) -> BaseGeometry:
    """Where the centre of a chair of width ``w`` stands with the whole chair inside the room."""
    return ctx.eroded(_free_key(rid, p), _free(ctx, rid, p), w / 2)


def reached(ctx: Context, u: Unit, p: Params, w: float) -> frozenset[str]:
    """Rooms of the unit a chair of width ``w`` drives into, from the entrance door's approach."""
    def compute() -> frozenset[str]:
        comps = _reach.touching(_eroded(ctx, u, p, w), _start_zone(ctx, u, w))
        return frozenset(rid for rid in u.rooms if any(c.intersects(_core(ctx, rid, p, w)) for c in comps))

    return ctx.memo(("RE01-reach", u.id, *_floor(p), round(w, 1)), compute)


def widest(ctx: Context, u: Unit, rid: str, p: Params) -> float:
    """The widest chair that reaches room ``rid`` (geometry only; the entrance door is judged apart)."""
    def compute() -> float:
        _, _, r = ctx.circle(_free_key(rid, p), _free(ctx, rid, p))
        hi = min(_reach.CAP_MM, 2 * r + _reach.STEP_MM)
        return _reach.bisect_max(lambda w: rid in reached(ctx, u, p, w), hi)

    return ctx.memo(("RE01-widest", u.id, rid, *_floor(p)), compute)


def bottleneck(ctx: Context, u: Unit, rid: str, p: Params, w: float) -> tuple[str, BaseGeometry, str | None]:
    """(what closes the way, where, the door id if a door) for a room reached up to width ``w``.

    At ``w + step`` the start and the room are apart: the pinch is the first gap on the way
    between the eroded components (``_reach.pinch_on_way``); a door whose clear opening holds the
    pinch is named, else the room where it lies. The location is the segment across the free
    space there (``_reach.neck``).
    """
    room = ctx.room(rid)
    w_hi = w + _reach.STEP_MM
    er_hi = _eroded(ctx, u, p, w_hi)
    side_a = _reach.touching(er_hi, _start_zone(ctx, u, w_hi))
    side_b = _reach.touching(er_hi, _core(ctx, rid, p, w_hi))
    if not side_b:
        cx, cy, r = ctx.circle(_free_key(rid, p), _free(ctx, rid, p))
        return f"no free floor in {room.display_name} for a wider chair (largest free circle Ø{2 * r:.0f} mm)", Point(cx, cy).buffer(r), None
    if not side_a or w <= 0:
        d = ctx.door(u.entrance_door)
        return f"in front of the entrance door {d.id}", _start_zone(ctx, u, max(w, _reach.STEP_MM)).intersection(space(ctx, u, p)), d.id
    za = _start_zone(ctx, u, w_hi)
    p_ = _reach.pinch_on_way(_eroded(ctx, u, p, w), er_hi, za, _core(ctx, rid, p, w_hi)) or _reach.pinch_point(side_a, side_b)
    where = _reach.neck(space(ctx, u, p), p_, w)
    for d in _unit_doors(ctx, u):
        if _door_opening(ctx, d).distance(p_) < 20.0:
            return f"door {d.id} clear {d.clear_width_mm:.0f} mm", where, d.id
    here = min((ctx.room(r) for r in u.rooms), key=lambda r: r.polygon.distance(p_))
    return f"a pinch of {w:.0f} mm in {here.display_name} ({here.id})", where, None


def judge_room(ctx: Context, u: Unit, rid: str, p: Params) -> Result:
    name = ctx.room(rid).display_name
    entrance = ctx.door(u.entrance_door)
    geometric = widest(ctx, u, rid, p)
    if entrance.clear_width_mm < geometric:
        measured = entrance.clear_width_mm
        why, where, door = f"entrance door {entrance.id} clear {entrance.clear_width_mm:.0f} mm", entrance.opening, entrance.id
    else:
        measured = geometric
        why, where, door = ctx.memo(("RE01-bottleneck", u.id, rid, *_floor(p)),
                                    lambda: bottleneck(ctx, u, rid, p, geometric))
    status = compare(measured, p.wheelchair_width_mm, eps=p.tolerance_mm)
    shown = f"≥ {measured:.0f}" if measured >= _reach.CAP_MM else f"{measured:.0f}"
    if status is Status.PASS:
        message = f"widest wheelchair reaching {name} from entrance door {entrance.id} {shown} mm ≥ {p.wheelchair_width_mm:.0f} mm (narrowest: {why})"
    else:
        message = f"widest wheelchair reaching {name} from entrance door {entrance.id} {shown} mm < {p.wheelchair_width_mm:.0f} mm: bottleneck {why}"
    return Result(
        subject=rid,
        status=status,
        measured=measured,
        required=p.wheelchair_width_mm,
        unit="mm",
        message=message,
        location=where,
        details={"unit": u.id, "entrance_door": entrance.id, "bottleneck": why, "bottleneck_door": door},
        confidence=ctx.door(door).confidence if door else "high",
    )


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


#: Pieces of floor the chair does not sweep that hold no circle of this radius (the corners a
#: round chair cannot fill) are not counted as unreachable.
SLIVER_RADIUS_MM = 100.0


def unreachable_floor(ctx: Context, uid: str, p: Params) -> BaseGeometry:
    """Free floor of unit ``uid`` that a chair of the required width (less the tolerance) does not
    sweep on its way from the entrance: the free floor minus the Minkowski opening of the
    component that holds the start (corners thinner than ``SLIVER_RADIUS_MM`` left out)."""
    u = ctx.plan.unit(uid)
    if not u.entrance_door:
        return Polygon()
    w = max(p.wheelchair_width_mm - p.tolerance_mm, _reach.STEP_MM)

    def compute() -> BaseGeometry:
        comps = _reach.touching(_eroded(ctx, u, p, w), _start_zone(ctx, u, w))
        swept = shapely.union_all(comps).buffer(w / 2, quad_segs=16) if comps else Polygon()
        floor = shapely.union_all([_free(ctx, rid, p) for rid in u.rooms])
        rest = floor.difference(swept)
        big = [g for g in polygons_of(rest) if shapely.maximum_inscribed_circle(g, 5.0).length >= SLIVER_RADIUS_MM]
        return shapely.union_all(big) if big else Polygon()

    return ctx.memo(("RE01-unreachable", uid, *_floor(p), round(w, 1)), compute)


#: the engine's hook for the area scoring: free floor no wheelchair reaches counts as unusable
unusable_floor = unreachable_floor
