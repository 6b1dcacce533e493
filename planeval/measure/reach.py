"""Where a wheelchair gets to: configuration spaces, approach zones, widest chairs, bottlenecks.

Two models of the chair, the second one the real test:

* **a disc** of diameter ``w``: where its centre can stand is the free floor eroded by ``w/2``
  (Minkowski erosion). It is cheap, monotone in ``w`` (the widest chair is found by bisection,
  :func:`widest_width`) and says *where* a way closes (:func:`bottleneck`). A target (a door, a
  window, a room) is reached when the component of the eroded floor that holds the start also
  enters the target's approach zone: the strip in front of the opening, from the wall face to
  ``w/2 + APPROACH_MARGIN_MM`` into the room.
* **a rectangle** w × l (:class:`Chair`, e.g. 700 × 1200 mm) that must *turn* into doors. Its
  configuration space is (x, y, θ): for each orientation θ of a set (a grid of ``step_deg`` plus
  the directions of the unit's walls and door chords, modulo 180° — the footprint is symmetric and
  a chair may reverse), the centres where the rectangle fits are the free floor eroded by the
  rotated rectangle (exact Minkowski erosion, :func:`~planeval.measure.fit.erode_by_rectangle`).
  The chair moves within one component at fixed θ and turns between adjacent orientations where
  the two components overlap (it stands in both orientations at that spot; for steps ≤ 10° the
  corners sweep at most R·(1 − cos(step/2)) ≈ 3 mm beyond the two rectangles, R the half diagonal).
  :func:`~planeval.measure.chair.chair_reaches` is the graph search over those components. A disc passes wherever the
  rectangle does (the rectangle holds the disc), so the disc's failure is final and its bottleneck
  is named; where the disc passes but the rectangle does not turn in, the chair's own widest width
  (:func:`~planeval.measure.chair.widest_chair`) is measured. The rectangle lives in :mod:`planeval.measure.chair`.

For a dwelling unit the configuration space is the free floor of all its rooms plus the clear
openings of their doors (:func:`unit_space`); :func:`widest_to_room` is the widest disc that drives
from the entrance door's approach into a room, :func:`unreachable_floor` the free floor a disc of a
given width never sweeps. Every memo key holds the unit (or room), the
:class:`~planeval.measure.floor.FloorSpec` and, where it matters, the chair's dimensions — never a
required width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import polygons_of
from planeval.measure.congruent import PRECISION_DECIMALS, moved
from planeval.measure.context import Context
from planeval.measure.doors import door_zone, face_offset, opening_rect
from planeval.measure.floor import FloorSpec, erode, eroded, free_circle, free_floor
from planeval.measure.paths import corridor, neck, pinch_on_way, pinch_point, shortest_path, window_frame, window_zone
from planeval.measure.search import bisect_max
from planeval.model.types import OUTSIDE, Door, Unit

__all__ = [
    "APPROACH_MARGIN_MM", "STEP_MM", "CAP_MM", "OPENING_REACH_MM", "SLIVER_RADIUS_MM",
    "widest_width", "touching", "connects", "pinch_point", "pinch_on_way", "neck", "shortest_path", "corridor",
    "window_frame", "window_zone",
    "unit_doors", "door_opening", "unit_space", "start_zone", "reached", "widest_to_room", "Bottleneck", "bottleneck",
    "unreachable_floor", "unit_copy",
]

#: A disc "stands in front of" an opening when its edge comes within this much of the wall face.
APPROACH_MARGIN_MM = 50.0
#: Widths are bisected to this precision (mm).
STEP_MM = 2.0
#: No width above this is measured ("≥ 3000 mm").
CAP_MM = 3000.0
#: The opening of a door reaches this far beyond the wall faces on both sides (mm).
OPENING_REACH_MM = 300.0
#: Pieces of floor the chair does not sweep that hold no circle of this radius (the corners a
#: round chair cannot fill) are not counted as unreachable.
SLIVER_RADIUS_MM = 100.0


# -- the widest width ----------------------------------------------------------------------------

def widest_width(ok: Callable[[float], bool], hi: float) -> float:
    """The largest width ``w`` in ``[0, hi]`` with ``ok(w)`` (``ok`` monotone: true below, false
    above), to ``STEP_MM``: ``hi`` when ``ok(hi)``; 0 when even ``STEP_MM`` fails.

    >>> widest_width(lambda w: w <= 900, 3000.0) > 900 - STEP_MM, widest_width(lambda w: True, 1200.0)
    (True, 1200.0)
    """
    if hi <= 0.0:
        return 0.0
    if ok(hi):
        return hi
    if not ok(STEP_MM):
        return 0.0
    # probes on the fixed grid of [STEP_MM, CAP_MM] (above ``hi``: false, unevaluated), not on one that
    # starts from ``hi``: ``hi`` comes from a measurement (a free circle) that moves by a fraction of a
    # millimetre when the plan is turned, and the probes must not move with it
    return bisect_max(lambda w: w < hi and ok(w), STEP_MM, max(hi, CAP_MM), STEP_MM, decimals=1)


# -- components ----------------------------------------------------------------------------------

def touching(region: BaseGeometry, zone: BaseGeometry) -> list[Polygon]:
    """The parts of ``region`` that meet ``zone``."""
    if region.is_empty or zone.is_empty:
        return []
    return [p for p in polygons_of(region) if p.intersects(zone)]


def connects(region: BaseGeometry, zone_a: BaseGeometry, zone_b: BaseGeometry) -> bool:
    """Whether one part of ``region`` meets both zones."""
    return any(p.intersects(zone_b) for p in touching(region, zone_a))


# -- a dwelling unit's configuration space -------------------------------------------------------

def unit_doors(ctx: Context, u: Unit) -> list[Door]:
    """The doors of any room of the unit (the entrance door included)."""
    members = set(u.rooms)
    return [d for d in ctx.plan.doors if members & set(d.rooms)]


def door_opening(ctx: Context, d: Door) -> BaseGeometry:
    """The door's clear opening where it crosses the wall: the part outside every room, reaching
    1 mm into the rooms so that the union with their free floor closes despite drawing noise."""

    def compute() -> BaseGeometry:
        wall = max((face_offset(d.midpoint, ctx.room(r).polygon) for r in d.rooms if r != OUTSIDE), default=0.0)
        rect = opening_rect(d, wall + OPENING_REACH_MM)
        parts, tree = _rooms_inner(ctx)
        near = parts[tree.query(rect)]  # the parts of the rooms' union near the door: the same difference
        return rect.difference(shapely.multipolygons(near)) if len(near) else rect

    return ctx.memo(("door-opening", d.id, d.hinge, d.latch, d.clear_width_mm, d.kind, d.rooms), compute)


def _rooms_inner(ctx: Context) -> tuple[np.ndarray, shapely.STRtree]:
    """Every room of the plan, shrunk by 1 mm: the parts of their union so shrunk, and a tree of them."""
    rooms = ctx.plan.rooms

    def compute() -> tuple[np.ndarray, shapely.STRtree]:
        inner = shapely.union_all([r.polygon for r in rooms]).buffer(-1.0, join_style="mitre")
        parts = shapely.get_parts(inner)
        return parts, shapely.STRtree(parts)

    return ctx.memo(("rooms-inner",), compute)


def unit_space(ctx: Context, uid: str, floor: FloorSpec) -> BaseGeometry:
    """Free floor of the unit's rooms plus the clear openings of their doors."""
    u = ctx.plan.unit(uid)

    def compute() -> BaseGeometry:
        parts = [free_floor(ctx, rid, floor) for rid in u.rooms]
        parts += [door_opening(ctx, d) for d in unit_doors(ctx, u)]
        return shapely.union_all([g for g in parts if not g.is_empty])

    return ctx.memo(("unit-space", uid, floor), compute)


def _relative(g: BaseGeometry, corner: np.ndarray) -> bytes:
    return shapely.to_wkb(shapely.transform(g, lambda c: np.round(c - corner, PRECISION_DECIMALS)))


def unit_copy(ctx: Context, uid: str, floor: FloorSpec) -> tuple[str, dict[str, str]] | None:
    """The first unit of the plan drawn exactly as unit ``uid`` — its space, every room's outline,
    free floor and door openings, every door's chord, kind and clear width, all moved by one
    offset (to 0.01 mm, as in :mod:`planeval.measure.congruent`) — and the map from ``uid``'s
    rooms to that unit's rooms; None when ``uid`` is the first of its kind. What a chair reaches
    in a copy is what it reaches in the first unit, room for room (a building's repeated flats)."""
    u = ctx.plan.unit(uid)

    def compute() -> tuple[str, dict[str, str]] | None:
        if not u.entrance_door:
            return None
        space = unit_space(ctx, uid, floor)
        xy = shapely.get_coordinates(space)
        if space.is_empty or not np.isfinite(xy).all():
            return None
        corner = xy.min(axis=0)
        rooms = sorted((_relative(ctx.room(r).polygon, corner), _relative(free_floor(ctx, r, floor), corner), r) for r in u.rooms)
        doors = sorted((tuple(np.round(np.asarray([d.hinge, d.latch]) - corner, PRECISION_DECIMALS).ravel().tolist()),
                        d.kind.value, round(d.clear_width_mm, 2), _relative(door_opening(ctx, d), corner),
                        tuple(sorted(i for i, (_, _, r) in enumerate(rooms) if r in d.rooms)), d.id == u.entrance_door)
                       for d in unit_doors(ctx, u))
        sig = (_relative(space, corner), tuple(r[:2] for r in rooms), tuple(doors))
        first = ctx.memo(("unit-first", floor, sig), lambda: (uid, tuple(r for _, _, r in rooms)))
        if first[0] == uid:
            return None
        return first[0], dict(zip((r for _, _, r in rooms), first[1], strict=True))

    return ctx.memo(("unit-copy", uid, floor), compute)


def _space_eroded(ctx: Context, uid: str, floor: FloorSpec, w: float) -> BaseGeometry:
    """Where the centre of a chair of width ``w`` stands in the unit's space."""
    return ctx.memo(("unit-space-eroded", uid, floor, round(w / 2, 1)),
                    lambda: moved(ctx, "erode", unit_space(ctx, uid, floor), w / 2, lambda g: erode(g, w / 2)))


def _entrance(ctx: Context, u: Unit) -> Door:
    if not u.entrance_door:
        raise ValueError(f"unit {u.id} has no entrance door")
    return ctx.door(u.entrance_door)


def start_zone(ctx: Context, uid: str, w: float) -> BaseGeometry:
    """The approach zone of the unit's entrance door for a chair of width ``w`` (inside the unit)."""
    u = ctx.plan.unit(uid)
    d = _entrance(ctx, u)
    return door_zone(ctx, d, next(r for r in d.rooms if r in u.rooms), w / 2 + APPROACH_MARGIN_MM)


def _core(ctx: Context, rid: str, floor: FloorSpec, w: float) -> BaseGeometry:
    """Where the centre of a chair of width ``w`` stands with the whole chair inside the room."""
    return eroded(ctx, rid, floor, w / 2)


def reached(ctx: Context, uid: str, floor: FloorSpec, w: float) -> frozenset[str]:
    """Rooms of the unit a chair of width ``w`` drives into, from the entrance door's approach."""
    u = ctx.plan.unit(uid)

    def compute() -> frozenset[str]:
        copy = unit_copy(ctx, uid, floor)
        if copy is not None:
            back = {theirs: mine for mine, theirs in copy[1].items()}
            return frozenset(back[r] for r in reached(ctx, copy[0], floor, w))
        comps = touching(_space_eroded(ctx, uid, floor, w), start_zone(ctx, uid, w))
        return frozenset(rid for rid in u.rooms if any(c.intersects(_core(ctx, rid, floor, w)) for c in comps))

    return ctx.memo(("unit-reached", uid, floor, round(w, 1)), compute)


def widest_to_room(ctx: Context, uid: str, rid: str, floor: FloorSpec) -> float:
    """The widest chair that reaches room ``rid`` from the unit's entrance (geometry only: the
    entrance door's own clear width is for the check to weigh)."""

    def compute() -> float:
        copy = unit_copy(ctx, uid, floor)
        if copy is not None:
            return widest_to_room(ctx, copy[0], copy[1][rid], floor)
        _, _, r = free_circle(ctx, rid, floor)
        hi = min(CAP_MM, 2 * r + STEP_MM)
        return widest_width(lambda w: rid in reached(ctx, uid, floor, w), hi)

    return ctx.memo(("unit-widest", uid, rid, floor), compute)


@dataclass(frozen=True)
class Bottleneck:
    """What closes the way to a room for a chair one step wider than the widest that reaches it."""

    kind: str  # "no-floor" (the room has none for a wider chair) | "entrance" | "door" | "pinch"
    where: BaseGeometry  # the segment across the free space at the pinch (or the zone / circle)
    width: float  # the widest chair that reaches the room (mm)
    door: str | None = None  # "entrance", "door": the door
    room: str | None = None  # "pinch": the room it lies in; "no-floor": the room itself
    circle_mm: float = 0.0  # "no-floor": the room's largest free circle (diameter)


def bottleneck(ctx: Context, uid: str, rid: str, floor: FloorSpec) -> Bottleneck:
    """Why a chair wider than :func:`widest_to_room` does not reach room ``rid``.

    At ``w + step`` the start and the room are apart: the pinch is the first gap on the way between
    the eroded components (:func:`pinch_on_way`); a door whose clear opening holds the pinch is
    named, else the room where it lies. The location is the segment across the free space there
    (:func:`neck`).
    """
    u = ctx.plan.unit(uid)

    def compute() -> Bottleneck:
        w = widest_to_room(ctx, uid, rid, floor)
        w_hi = w + STEP_MM
        er_hi = _space_eroded(ctx, uid, floor, w_hi)
        side_a = touching(er_hi, start_zone(ctx, uid, w_hi))
        side_b = touching(er_hi, _core(ctx, rid, floor, w_hi))
        if not side_b:
            cx, cy, r = free_circle(ctx, rid, floor)
            return Bottleneck("no-floor", Point(cx, cy).buffer(r), w, room=rid, circle_mm=2 * r)
        if not side_a or w <= 0:
            where = start_zone(ctx, uid, max(w, STEP_MM)).intersection(unit_space(ctx, uid, floor))
            return Bottleneck("entrance", where, w, door=u.entrance_door)
        za = start_zone(ctx, uid, w_hi)
        zb = _core(ctx, rid, floor, w_hi)
        p = pinch_on_way(_space_eroded(ctx, uid, floor, w), er_hi, za, zb) or pinch_point(side_a, side_b)
        where = neck(unit_space(ctx, uid, floor), p, w)
        for d in unit_doors(ctx, u):
            if door_opening(ctx, d).distance(p) < 20.0:
                return Bottleneck("door", where, w, door=d.id)
        here = min((ctx.room(r) for r in u.rooms), key=lambda r: r.polygon.distance(p))
        return Bottleneck("pinch", where, w, room=here.id)

    return ctx.memo(("unit-bottleneck", uid, rid, floor), compute)


def unreachable_floor(ctx: Context, uid: str, floor: FloorSpec, w: float) -> BaseGeometry:
    """Free floor of unit ``uid`` that a chair of width ``w`` does not sweep on its way from the
    entrance: the free floor minus the Minkowski opening of the component that holds the start
    (corners thinner than ``SLIVER_RADIUS_MM`` left out). Empty without an entrance door."""
    u = ctx.plan.unit(uid)
    if not u.entrance_door:
        return Polygon()

    def compute() -> BaseGeometry:
        comps = touching(_space_eroded(ctx, uid, floor, w), start_zone(ctx, uid, w))
        swept = shapely.union_all(comps).buffer(w / 2, quad_segs=16) if comps else Polygon()
        rest = shapely.union_all([free_floor(ctx, rid, floor) for rid in u.rooms]).difference(swept)
        big = [g for g in polygons_of(rest) if shapely.maximum_inscribed_circle(g, 5.0).length >= SLIVER_RADIUS_MM]
        return shapely.union_all(big) if big else Polygon()

    return ctx.memo(("unit-unreachable", uid, floor, round(w, 1)), compute)
