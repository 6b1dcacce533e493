"""Bedroom: a bed of the rule set's size can be placed with the zones it needs.

What it checks
    Searches placements of a ``bed_width_mm`` × ``bed_length_mm`` bed in each bedroom (head against
    a wall, along each wall at 50 mm steps, both orientations, optionally away from door swings):
    with a free zone along one long side (``side_a_mm`` wide — or, with ``side_a_circle``, a turning
    circle of that diameter touching that side), ``side_b_mm`` along the other long side and
    ``foot_mm`` at the foot, all in the free floor (room minus fixed fittings; the room's drawn
    movable furniture is ignored: the bed is what we place). Reports the best placement found, or
    why none fits.

Why
    TEK17 §12-7 (4) b (a wheelchair user can use the bedroom's functions; tenkuniverselt: one long
    side of the bed accessible). Husbanken livsløp: double bed 1.8 × 2.1 m, Ø1.5 m (or 1.3 × 1.8 m)
    on one long side, 0.6 m on the other. Husbanken care housing: care bed 1.0 × 2.2 m with 1.5 m
    on both long sides and 1.4 m at the foot. UK M4(3) 3.35: 1.0 m both sides and foot.

Parameters
    bed_width_mm, bed_length_mm, side_a_mm, side_b_mm, foot_mm (mm); side_a_circle (bool);
    avoid_door_swings (bool); scope (every_bedroom | one_per_unit); tolerance_mm (mm).

Passes / Fails
    Per bedroom (``every_bedroom``) or per unit's best bedroom (``one_per_unit``; the others are
    not applicable): measured = the largest side-A zone achievable with side B and foot satisfied,
    required = ``side_a_mm``; passes with the placement drawn, fails saying which zone does not fit.
    Not applicable without bedrooms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, Literal

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.checks._fixtures_geom import (
    Frame,
    edge_frame,
    free_strip_bounds,
    gaps,
    groups_by_unit,
    rounded,
    strip_bounds,
    union,
    wall_edges,
)
from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind
from planeval.measure import Context
from planeval.model.types import Room

SPEC = RuleSpec(
    code="BD01",
    name="bed-placement",
    title="a bed with its side zones can be placed in the bedroom",
    overlay="bedroom",
    zone_kinds=(ZoneKind.BED, ZoneKind.BED_SIDE,),
)

#: The bed may not stand in front of a door opening: no part of it within this depth (mm) of any
#: door of the room (its zones may: they are the floor one passes through).
DOOR_CLEAR_MM = 300.0

# Door swings (``avoid_door_swings``) keep the *bed* away, as the docstring's placement search
# says; the zones need free floor = room minus fixed fittings, which a door may sweep (Husbanken:
# operating areas must not overlap furniture or fixed fittings; only turning areas must also
# avoid door swings).


@dataclass(frozen=True)
class Params:
    bed_width_mm: float = param("width of the bed placed in each bedroom, head against a wall (mm)")
    bed_length_mm: float = param("length of the bed, from the head wall to the foot (mm)")
    side_a_mm: float = param("free zone along one long side: its width, or with side_a_circle a circle's diameter (mm)")
    side_b_mm: float = param("width of the free zone along the other long side of the bed (mm; 0: none)")
    foot_mm: float = param("depth of the free zone at the foot of the bed (mm; 0: none)")
    side_a_circle: bool = param("side A is a turning circle of side_a_mm touching the long side, not a strip")
    avoid_door_swings: bool = param("the bed must stay outside the swings of doors opening into the bedroom")
    scope: Literal["every_bedroom", "one_per_unit"] = param("every_bedroom: judge each bedroom; one_per_unit: the unit's best bedroom decides")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing side A with side_a_mm")


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


def slots(room: Room, free: BaseGeometry, doors: BaseGeometry, p: Params, depth: float) -> list[Slot]:
    """For every wall edge (head of the bed against it) and side-A orientation: where the bed with
    side B and the foot zone fits.

    The box [s - A, s + W + B] × [0, depth] (side A low) must be free floor: what blocks the
    strip in front of the edge (walls, fixed fittings) is projected onto the wall
    direction and the free gaps between the projections are exact 1-D answers. Inside a gap
    [g0, g1] the bed is pushed towards side B as far as side B allows, which gives side A the
    most room: with side A low, s = g1 - W - B and side A gets s - g0.
    """
    W, B, tol = p.bed_width_mm, p.side_b_mm, p.tolerance_mm
    reach = p.side_a_mm + B + W + 100.0
    out: list[Slot] = []
    for k, (a, b) in enumerate(wall_edges(room.polygon, min_length=W - tol)):
        fr = edge_frame(a, b)
        length = math.dist(a, b)
        lo_x, hi_x = -reach, length + reach
        blocked = [(x0, x1) for x0, x1, _, _ in free_strip_bounds(free, fr, lo_x, hi_x, tol, depth - tol)]
        door_iv = [(x0, x1) for x0, x1, _, _ in strip_bounds(doors, fr, lo_x, hi_x, 0.0, p.bed_length_mm)] if not doors.is_empty else []
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


def _circle_feasible(ctx: Context, key: tuple, free: BaseGeometry, sl_list: list[Slot], r: float, p: Params) -> Placement | None:
    """A valid placement whose side A has room for a circle of radius r touching the bed's long
    side (centre at distance r from the side, level with the bed), or None."""
    core = ctx.eroded(key, free, r)
    if core.is_empty:
        return None
    W, L = p.bed_width_mm, p.bed_length_mm
    by_edge: dict[int, list[tuple[float, float]]] = {}
    for sl in sl_list:
        if not sl.valid:
            continue
        if sl.edge not in by_edge:
            reach = p.side_a_mm + p.side_b_mm + W + 2 * r + 100.0
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
                    pt = line.representative_point() if not line.is_empty else Point(sl.frame.point(cu, L / 2))
                    cy = float(sl.frame.local([[pt.x, pt.y]])[0, 1])
                    return Placement(sl, s, 2 * r, True, cy)
    return None


def _best_circle(ctx: Context, free: BaseGeometry, free_key: tuple, sl_list: list[Slot], p: Params) -> Placement | None:
    """Largest circle beside a valid bed placement, by bisection on its radius."""
    if not any(sl.valid for sl in sl_list):
        return None
    r_max = ctx.circle(free_key, free)[2]
    top = _circle_feasible(ctx, free_key, free, sl_list, r_max - 0.5, p) if r_max > 1.0 else None
    if top is not None:
        return top
    lo, hi, found = 0.0, r_max, None
    while hi - lo > 1.0:
        mid = (lo + hi) / 2
        got = _circle_feasible(ctx, free_key, free, sl_list, mid, p)
        if got is None:
            hi = mid
        else:
            lo, found = mid, got
    if found is None:
        sl = next(sl for sl in sl_list if sl.valid)
        s = max(b for _, b in sl.valid) if sl.a_side < 0 else min(a for a, _ in sl.valid)
        return Placement(sl, s, 0.0, True, p.bed_length_mm / 2)
    return found


def measure(ctx: Context, room: Room, p: Params) -> BedFit:
    key = ("bed", room.id, p.bed_width_mm, p.bed_length_mm, p.side_a_mm, p.side_b_mm, p.foot_mm, p.side_a_circle,
           p.avoid_door_swings, p.tolerance_mm)

    def compute() -> BedFit:
        free = ctx.free_floor(room.id, furnished=False)
        free_key = ("free", room.id, False, (), (), 0.0, ())
        keep_clear = [ctx.door_approach(d, room.id, DOOR_CLEAR_MM) for d in ctx.doors_of(room.id)]
        if p.avoid_door_swings:
            keep_clear += [d.swing for d in ctx.doors_swinging_into(room.id)]
        doors = union(keep_clear)
        depth = p.bed_length_mm + p.foot_mm
        sl_list = slots(room, free, doors, p, depth)
        if p.side_a_circle:
            best = _best_circle(ctx, free, free_key, sl_list, p)
        else:
            best = _best_rect(sl_list, p.bed_width_mm)
        if best is not None:
            return BedFit(best.value, best, "")
        deficit = _best_deficit(sl_list)
        if deficit is not None:
            problem = "side-b" if deficit.value < 0 else "doors"
            return BedFit(min(deficit.value, 0.0), deficit, problem)
        # no wall has the depth: tell whether the foot zone or the bed itself is the problem
        problem = "depth"
        if p.foot_mm > 0 and slots(room, free, doors, p, p.bed_length_mm):
            problem = "foot"
        return BedFit(-(p.bed_width_mm + p.side_b_mm), None, problem)

    return ctx.memo(key, compute)


def _zones(fit: BedFit, p: Params, room: Room) -> tuple[Polygon | None, list[BaseGeometry], dict]:
    pl = fit.placement
    if pl is None:
        return None, [], {}
    W, L, A, B, F = p.bed_width_mm, p.bed_length_mm, p.side_a_mm, p.side_b_mm, p.foot_mm
    sl, s, fr = pl.slot, pl.s, pl.slot.frame
    bed = fr.box(s, s + W, 0.0, L)
    zones: list[BaseGeometry] = []
    low = sl.a_side < 0
    if p.side_a_circle:
        ok = fit.measured + 2 * p.tolerance_mm >= A
        r = A / 2 if ok else max(pl.value / 2, 0.0)
        cy = pl.circle_y if pl.circle_y is not None else L / 2
        cu = s - r if low else s + W + r
        if r > 0:
            zones.append(Point(fr.point(cu, cy)).buffer(r, quad_segs=16))
        a_lo, a_hi = s, s + W  # the foot zone spans the bed and side B only
    else:
        zones.append(fr.box(s - A, s, 0.0, L) if low else fr.box(s + W, s + W + A, 0.0, L))
        a_lo, a_hi = (s - A, s + W) if low else (s, s + W + A)
    if B > 0:
        zones.append(fr.box(s + W, s + W + B, 0.0, L) if low else fr.box(s - B, s, 0.0, L))
        a_lo, a_hi = (a_lo, a_hi + B) if low else (a_lo - B, a_hi)
    if F > 0:
        zones.append(fr.box(a_lo, a_hi, L, L + F))
    head = (fr.point(s, 0.0), fr.point(s + W, 0.0))
    details = {
        "bed_polygon": rounded(list(bed.exterior.coords)[:4]),
        "head": rounded(head),
        "long_axis_deg": round(fr.angle_deg, 1),
        "side_a": "towards the start of the wall edge" if low else "towards the end of the wall edge",
        "wall_edge": rounded([fr.point(0.0, 0.0), fr.point(sl.length, 0.0)]),
        "placement_valid": pl.valid,
    }
    return bed, zones, details


def judge(ctx: Context, room: Room, p: Params) -> Result:
    fit = measure(ctx, room, p)
    W, L, A, B, F = p.bed_width_mm, p.bed_length_mm, p.side_a_mm, p.side_b_mm, p.foot_mm
    ok = fit.problem == "" and fit.measured + p.tolerance_mm * (2 if p.side_a_circle else 1) >= A
    bed_name = f"bed {W:.0f} × {L:.0f} mm"
    needs = [f"Ø{A:.0f} mm circle beside one long side" if p.side_a_circle else f"{A:.0f} mm along one long side"]
    if B > 0:
        needs.append(f"{B:.0f} mm along the other")
    if F > 0:
        needs.append(f"{F:.0f} mm at the foot")
    need = ", ".join(needs)
    what = "largest circle beside the bed" if p.side_a_circle else "side A"
    sym = "Ø" if p.side_a_circle else ""
    if fit.problem == "":
        rel = "≥" if ok else "<"
        msg = f"{bed_name} with {need}: best placement gives {what} {sym}{fit.measured:.0f} mm {rel} {sym}{A:.0f} mm"
    elif fit.problem == "side-b":
        msg = (f"{bed_name}: no placement leaves {B:.0f} mm on side B"
               + (f" and {F:.0f} mm at the foot" if F > 0 else "")
               + f"; side A would get {fit.measured:.0f} mm < {sym}{A:.0f} mm (the bed would overlap the wall by {-fit.measured:.0f} mm)")
    elif fit.problem == "doors":
        msg = f"{bed_name}: every placement with {need} blocks a door; side A 0 mm < {sym}{A:.0f} mm"
    elif fit.problem == "foot":
        msg = f"{bed_name}: no wall has {L + F:.0f} mm free depth for the bed and the {F:.0f} mm foot zone; measured {fit.measured:.0f} mm < {sym}{A:.0f} mm"
    else:
        msg = f"{bed_name}: the bed does not fit against any wall with its head; measured {fit.measured:.0f} mm < {sym}{A:.0f} mm"
    if p.avoid_door_swings and ctx.doors_swinging_into(room.id):
        msg += " (bed outside door swings)"
    bed, zones, details = _zones(fit, p, room)
    zone_objs = []
    if bed is not None:
        zone_objs.append(Zone("bed", bed, room.id))
    zone_objs.extend(Zone("bed-side", z, room.id) for z in zones)
    location = union([bed, *zones]) if bed is not None else room.polygon
    details.update({"problem": fit.problem or None, "measured_kind": "circle diameter" if p.side_a_circle else "side-A width"})
    return Result(
        subject=room.id,
        status=Status.PASS if ok else Status.FAIL,
        measured=fit.measured,
        required=A,
        unit="mm",
        message=msg,
        location=location,
        code=SPEC.code,
        zones=tuple(zone_objs),
        details=details,
    )


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(("bedroom",))
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.side_a_mm, "mm", "no bedroom in the plan")
        return
    if p.scope == "every_bedroom":
        for r in rooms:
            yield judge(ctx, r, p)
        return
    for unit, group in groups_by_unit(rooms).items():
        results = {r.id: judge(ctx, r, p) for r in group}
        best = max(group, key=lambda r: (results[r.id].status is Status.PASS, results[r.id].measured or 0.0, r.polygon.area))
        for r in group:
            if r is best:
                yield results[r.id]
            else:
                yield Result(r.id, Status.NOT_APPLICABLE, None, p.side_a_mm, "mm",
                             f"{r.display_name} ({r.id}): the unit's bed is placed in {best.display_name} ({best.id}) (one per unit)",
                             location=r.polygon, code=SPEC.code)
