"""Bathroom geometry: free space beside and in front of a WC, shower zones and the way to them.

* :func:`wc_sides` — the free width on both sides of a WC over a depth from its back;
* :func:`wc_front` — per door case, the largest free circle that touches the strip in front of the
  WC's seat (and the room's largest circle in that case);
* :func:`possible_shower_zone` — where no shower is drawn, the largest zone of given proportions
  the free floor holds; :func:`shower_zone_around` — the largest one overlapping a drawn tray;
* :func:`zone_passages` — per door, the widest disc that goes from the door to touch a zone.

All memoised on geometric inputs only (room, fixture, :class:`~planeval.measure.floor.FloorSpec`,
a strip depth, a swing mode, an aspect ratio); the checks compare with their widths.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import edge_angles, polygons_of
from planeval.measure.context import Context
from planeval.measure.doors import approach_strip
from planeval.measure.fit import largest_rectangle
from planeval.measure.fixtures import Footprint, clear_distance, fixture_footprint, room_reach
from planeval.measure.floor import FloorSpec, circle_touching, eroded, free_circle, free_floor
from planeval.measure.reach import CAP_MM, STEP_MM, widest_width
from planeval.measure.turning import SwingMode, TurningCase, turning_cases
from planeval.model.types import Fixture, Room

__all__ = [
    "WcSides", "wc_sides", "WcFront", "wc_front", "possible_shower_zone", "shower_zone_around", "TRAY_OVERLAP_MM",
    "APPROACH_EXTRA_MM", "zone_passages",
]

#: How deep into the room (beyond half the disc) a disc may stand in front of the door it comes from.
APPROACH_EXTRA_MM = 200.0


@dataclass(frozen=True)
class WcSides:
    """Free width on both sides of a WC (side 1 = +u of its frame, side 2 = -u)."""

    fixture: str
    fp: Footprint
    widths: tuple[float, float]


def wc_sides(ctx: Context, room: Room, wc: Fixture, floor: FloorSpec, depth_mm: float) -> WcSides:
    """Free width beside the WC over ``depth_mm`` from its back, to walls and fixtures (as far as
    the room goes: no requirement bounds it)."""

    def compute() -> WcSides:
        fp = fixture_footprint(ctx, room, wc, "short")
        free = free_floor(ctx, room.id, floor)
        reach = room_reach(room)
        # a frame on each side face of the WC: origin at its back corner, u from back to front,
        # v pointing away from the WC, so the side space is the free distance along v
        w1, w2 = (clear_distance(free, fp.side_frame(sign), 0.0, depth_mm, 0.0, reach) for sign in (1.0, -1.0))
        return WcSides(wc.id, fp, (w1, w2))

    return ctx.memo(("wc-sides", room.id, wc.id, floor, depth_mm), compute)


@dataclass(frozen=True)
class WcFront:
    """Largest circles touching the strip in front of a WC, per door case."""

    fixture: str
    cases: tuple[TurningCase, ...]  # one per door case, r = largest circle touching the strip
    room_cases: tuple[TurningCase, ...]  # the same door cases with the room's largest circle
    strip: Polygon


def wc_front(ctx: Context, room: Room, wc: Fixture, mode: SwingMode, floor: FloorSpec, strip_mm: float) -> WcFront:
    """Per door case of ``mode``, the largest free circle touching the strip in front of the WC's
    seat (the WC's width × ``strip_mm``)."""

    def compute() -> WcFront:
        fp = fixture_footprint(ctx, room, wc, "short")
        strip = fp.frame.box(-fp.half, fp.half, fp.depth, fp.depth + strip_mm)
        cases = turning_cases(ctx, room.id, mode, floor)
        out = []
        for c in cases:
            cx, cy, r = circle_touching(ctx, room.id, floor, strip, c.swings)
            out.append(TurningCase(c.door, c.free, cx, cy, r, c.swings))
        return WcFront(wc.id, tuple(out), tuple(cases), strip)

    return ctx.memo(("wc-front", room.id, wc.id, mode, floor, strip_mm), compute)


def possible_shower_zone(ctx: Context, room: Room, floor: FloorSpec, aspect: float) -> tuple[float, BaseGeometry]:
    """The largest zone s × (``aspect`` · s) the room's free floor (outside every door swing) holds,
    along the room's own directions: (s, the zone placed; empty when none fits)."""
    swings = tuple(d.id for d in ctx.doors_swinging_into(room.id))

    def compute() -> tuple[float, BaseGeometry]:
        free = free_floor(ctx, room.id, floor, swings)
        s, placed = largest_rectangle(free, aspect, edge_angles(room.polygon))
        return s, (placed if placed is not None else Polygon())

    return ctx.memo(("shower-possible", room.id, floor, aspect, swings), compute)


#: A zone around a drawn shower must overlap the tray by this much (mm): it holds the drain, it does
#: not merely touch the tray's edge.
TRAY_OVERLAP_MM = 50.0


def shower_zone_around(ctx: Context, room: Room, shower: Fixture, aspect: float) -> tuple[float, BaseGeometry]:
    """The largest zone s × (``aspect`` · s) of step-free floor that overlaps a drawn shower tray:
    the room's free floor with the shower counted as floor, outside every door swing, along the
    room's own directions — (s, the zone placed; empty when none fits). A tray smaller than the
    zone a rule asks is enough when the floor beside it is free."""
    swings = tuple(d.id for d in ctx.doors_swinging_into(room.id))
    floor = FloorSpec(False, ("shower",))

    def compute() -> tuple[float, BaseGeometry]:
        free = free_floor(ctx, room.id, floor, swings)
        core = shower.polygon.buffer(-TRAY_OVERLAP_MM, join_style="mitre")
        target = core if not core.is_empty else shower.polygon.centroid.buffer(1.0)
        s, placed = largest_rectangle(free, aspect, edge_angles(room.polygon), touching=target)
        return s, (placed if placed is not None else Polygon())

    return ctx.memo(("shower-around", room.id, shower.id, aspect, swings), compute)


def _reaches(ctx: Context, room: Room, did: str, zone: BaseGeometry, floor: FloorSpec, width: float) -> bool:
    """Can a disc of ``width`` go from door ``did`` to touch ``zone``?"""
    r = max(width / 2, 0.5)
    target = zone.buffer(r, quad_segs=16)
    approach = approach_strip(ctx, ctx.door(did), room.id, r + APPROACH_EXTRA_MM)
    return any(c.intersects(approach) and c.intersects(target) for c in polygons_of(eroded(ctx, room.id, floor, r)))


def zone_passages(ctx: Context, room: Room, zone: BaseGeometry, floor: FloorSpec) -> dict[str, float]:
    """Door id -> the widest disc (to ``STEP_MM``) that goes from that door of the room to touch
    ``zone`` in the free floor, for every door of the room in plan order."""
    key = tuple(round(v) for v in zone.bounds)

    def compute() -> dict[str, float]:
        _, _, r = free_circle(ctx, room.id, floor)
        hi = min(CAP_MM, 2 * r + STEP_MM)
        out: dict[str, float] = {}
        for d in ctx.doors_of(room.id):

            def ok(w: float, did: str = d.id) -> bool:
                return _reaches(ctx, room, did, zone, floor, w)

            out[d.id] = widest_width(ok, hi)
        return out

    return ctx.memo(("zone-passages", room.id, floor, key), compute)
