"""Bed placement: where a bed of a given size stands with its head against a wall, and how much
room it leaves along one long side.

The search is exact per wall edge: in the edge's frame (u along the wall, v into the room) what
blocks the strip in front of the edge (walls, fixed fittings) is projected onto the wall direction,
and the free gaps between the projections are 1-D answers. A :class:`BedSpec` says what is placed
and what must fit with it (side B, the foot zone); side A — the zone the check judges — is
measured: :attr:`BedFit.measured` is the widest side A (or the largest circle beside the bed)
any valid placement leaves, for every rule that asks for the same bed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from planeval.geometry import union
from planeval.measure.context import Context
from planeval.measure.doors import approach_strip
from planeval.measure.fixtures import free_strip_bounds, gaps, room_reach, strip_bounds, wall_edges
from planeval.measure.floor import FloorSpec, eroded, free_circle, free_floor
from planeval.measure.frames import Frame
from planeval.measure.search import bisect_max
from planeval.model.types import Room

__all__ = ["DOOR_CLEAR_MM", "BedSpec", "Slot", "Placement", "BedFit", "slots", "bed_fit"]

#: The bed may not stand in front of a door opening: no part of it within this depth (mm) of any
#: door of the room (its zones may: they are the floor one passes through).
DOOR_CLEAR_MM = 300.0

#: The zones need free floor = room minus fixed fittings (the room's drawn movable furniture is
#: ignored: the bed is what we place). Door swings (``avoid_door_swings``) keep the *bed* away;
#: a door may sweep the zones (Husbanken: operating areas must not overlap furniture or fixed
#: fittings; only turning areas must also avoid door swings).
FLOOR = FloorSpec(furnished=False)


@dataclass(frozen=True)
class BedSpec:
    """The placement problem: the bed, the zones that must fit with it, and how side A is measured."""

    bed_width_mm: float
    bed_length_mm: float
    side_b_mm: float  # free zone along the other long side (0: none)
    foot_mm: float  # free zone at the foot (0: none)
    side_a_circle: bool  # side A measured as the largest circle touching the long side, not a strip
    avoid_door_swings: bool
    tolerance_mm: float  # drawing noise allowed in the placement (walls shorter than the bed by this much, …)


@dataclass(frozen=True)
class Slot:
    """Bed positions along one wall edge for one side-A orientation, inside one free gap.

    Local frame of the edge: u along the wall, v into the room. The bed occupies
    [s, s + W] × [0, L]; side A lies on the low-u side (``a_side`` = -1) or the high-u side (+1).
    """

    edge: int
    frame: Frame
    length: float
    a_side: int
    gap: tuple[float, float]  # u-interval where the whole depth (bed + foot) is free floor
    valid: tuple[tuple[float, float], ...]  # intervals of s where the bed, side B and the foot fit
    deficit_s: float  # the s that serves side B best (used when nothing is valid)
    deficit: float  # side-A width left at deficit_s (negative: the bed would overlap the wall)


@dataclass(frozen=True)
class Placement:
    slot: Slot
    s: float
    value: float  # side-A width (mm), or with side_a_circle the circle's diameter (mm)
    valid: bool  # the bed, side B and the foot zone fit
    circle_y: float | None = None  # local v of the side-A circle's centre


@dataclass(frozen=True)
class BedFit:
    measured: float
    placement: Placement | None
    problem: str  # "" (a valid placement exists) | "side-b" | "doors" | "depth" | "foot"


def _subtract(lo: float, hi: float, forbidden: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """[lo, hi] minus the open ``forbidden`` intervals (a single point lo == hi is kept)."""
    if lo > hi:
        return ()
    inside = [(a, b) for a, b in forbidden if b > lo and a < hi]
    if not inside:
        return ((lo, hi),)
    return tuple(gaps(inside, lo, hi))


def slots(room: Room, free: BaseGeometry, doors: BaseGeometry, spec: BedSpec, depth: float) -> list[Slot]:
    """For every wall edge (head of the bed against it) and side-A orientation: where the bed with
    side B and the foot zone fits.

    The box [s - A, s + W + B] × [0, depth] (side A low) must be free floor: what blocks the
    strip in front of the edge (walls, fixed fittings) is projected onto the wall direction and
    the free gaps between the projections are exact 1-D answers. Inside a gap [g0, g1] the bed is
    pushed towards side B as far as side B allows, which gives side A the most room: with side A
    low, s = g1 - W - B and side A gets s - g0. The strips reach across the whole room.
    """
    W, B, tol = spec.bed_width_mm, spec.side_b_mm, spec.tolerance_mm
    reach = room_reach(room)
    out: list[Slot] = []
    for k, (a, b) in enumerate(wall_edges(room.polygon, min_length=W - tol)):
        fr = Frame.along(a, b)
        length = math.dist(a, b)
        lo_x, hi_x = -reach, length + reach
        blocked = [(x0, x1) for x0, x1, _, _ in free_strip_bounds(free, fr, lo_x, hi_x, tol, depth - tol)]
        door_parts = [] if doors.is_empty else strip_bounds(doors, fr, lo_x, hi_x, 0.0, spec.bed_length_mm)
        door_iv = [(x0, x1) for x0, x1, _, _ in door_parts]
        forbidden = [(d0 - W, d1) for d0, d1 in door_iv]  # s for which the bed stands in a door's front or swing
        for g0, g1 in gaps(blocked, lo_x + 1.0, hi_x - 1.0):
            if g1 <= 0.0 or g0 >= length:
                continue  # the gap is not in front of this edge
            for side in (-1, 1):
                if side < 0:
                    lo, hi = max(g0, -tol), min(g1 - W - B, length - W + tol)
                    ds = min(g1 - W - B, length - W)
                    deficit = ds - g0
                else:
                    lo, hi = max(g0 + B, -tol), min(g1 - W, length - W + tol)
                    ds = max(g0 + B, 0.0)
                    deficit = g1 - (ds + W)
                out.append(Slot(k, fr, length, side, (g0, g1), _subtract(lo, hi, forbidden), ds, deficit))
    return out


def _best_rect(sl_list: list[Slot], W: float) -> Placement | None:
    best: Placement | None = None
    for sl in sl_list:
        if not sl.valid:
            continue
        g0, g1 = sl.gap
        if sl.a_side < 0:
            s = max(b for _, b in sl.valid)
            a = s - g0
        else:
            s = min(a for a, _ in sl.valid)
            a = g1 - (s + W)
        if best is None or a > best.value + 1e-6:
            best = Placement(sl, s, a, True)
    return best


def _best_deficit(sl_list: list[Slot]) -> Placement | None:
    best: Placement | None = None
    for sl in sl_list:
        if best is None or sl.deficit > best.value + 1e-6:
            best = Placement(sl, sl.deficit_s, sl.deficit, False)
    return best


def _circle_feasible(ctx: Context, room: Room, sl_list: list[Slot], r: float, spec: BedSpec) -> Placement | None:
    """A valid placement whose side A has room for a circle of radius r touching the bed's long
    side (centre at distance r from the side, level with the bed), or None."""
    core = eroded(ctx, room.id, FLOOR, r)
    if core.is_empty:
        return None
    W, L = spec.bed_width_mm, spec.bed_length_mm
    reach = room_reach(room) + 2 * r
    by_edge: dict[int, list[tuple[float, float]]] = {}
    for sl in sl_list:
        if not sl.valid:
            continue
        if sl.edge not in by_edge:
            by_edge[sl.edge] = [(x0, x1) for x0, x1, _, _ in strip_bounds(core, sl.frame, -reach, sl.length + reach, 0.0, L)]
        for e0, e1 in by_edge[sl.edge]:
            # centre u = s - r (side A low) or s + W + r (side A high) must lie in [e0, e1]
            c0, c1 = (e0 + r, e1 + r) if sl.a_side < 0 else (e0 - W - r, e1 - W - r)
            for v0, v1 in sl.valid:
                lo, hi = max(v0, c0), min(v1, c1)
                if lo <= hi:
                    s = hi if sl.a_side < 0 else lo
                    cu = s - r if sl.a_side < 0 else s + W + r
                    line = sl.frame.segment(cu, 0.0, cu, L).intersection(core)
                    pt = line.representative_point() if not line.is_empty else Point(sl.frame.world(cu, L / 2))
                    cy = float(sl.frame.local([[pt.x, pt.y]])[0, 1])
                    return Placement(sl, s, 2 * r, True, cy)
    return None


def _best_circle(ctx: Context, room: Room, sl_list: list[Slot], spec: BedSpec) -> Placement | None:
    """Largest circle beside a valid bed placement, by bisection on its radius."""
    if not any(sl.valid for sl in sl_list):
        return None
    r_max = free_circle(ctx, room.id, FLOOR)[2]
    top = _circle_feasible(ctx, room, sl_list, r_max - 0.5, spec) if r_max > 1.0 else None
    if top is not None:
        return top
    r = bisect_max(lambda r: _circle_feasible(ctx, room, sl_list, r, spec) is not None, 0.0, r_max, 1.0)
    found = _circle_feasible(ctx, room, sl_list, r, spec) if r > 0 else None
    if found is None:
        sl = next(sl for sl in sl_list if sl.valid)
        s = max(b for _, b in sl.valid) if sl.a_side < 0 else min(a for a, _ in sl.valid)
        return Placement(sl, s, 0.0, True, spec.bed_length_mm / 2)
    return found


def bed_fit(ctx: Context, room: Room, spec: BedSpec) -> BedFit:
    """The best placement of the bed in ``room``: the widest side A (or largest circle beside it)
    with side B and the foot zone free, or — when none is valid — the least bad one and why."""

    def compute() -> BedFit:
        free = free_floor(ctx, room.id, FLOOR)
        keep_clear = [approach_strip(ctx, d, room.id, DOOR_CLEAR_MM) for d in ctx.doors_of(room.id)]
        if spec.avoid_door_swings:
            keep_clear += [d.swing for d in ctx.doors_swinging_into(room.id)]
        doors = union(keep_clear)
        depth = spec.bed_length_mm + spec.foot_mm
        sl_list = slots(room, free, doors, spec, depth)
        best = _best_circle(ctx, room, sl_list, spec) if spec.side_a_circle else _best_rect(sl_list, spec.bed_width_mm)
        if best is not None:
            return BedFit(best.value, best, "")
        deficit = _best_deficit(sl_list)
        if deficit is not None:
            problem = "side-b" if deficit.value < 0 else "doors"
            return BedFit(min(deficit.value, 0.0), deficit, problem)
        # no wall has the depth: tell whether the foot zone or the bed itself is the problem
        problem = "depth"
        if spec.foot_mm > 0 and slots(room, free, doors, spec, spec.bed_length_mm):
            problem = "foot"
        return BedFit(-(spec.bed_width_mm + spec.side_b_mm), None, problem)

    return ctx.memo(("bed", room.id, spec), compute)
