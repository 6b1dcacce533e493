"""Door geometry the checks measure against: approach strips, clear openings, side space.

A door's chord runs from ``hinge`` to ``latch`` and may lie on either face of its wall (on the
face of the room the leaf swings into). :func:`face_offset` is how far a room's own wall face is
from a point of the chord; :func:`approach_strip` the strip in front of the opening inside a room;
:func:`opening_rect` the clear opening through the wall; :func:`side_space` the free floor beside
a jamb along the wall.

>>> from shapely.geometry import box
>>> first_hit(box(0, 0, 1000, 100), box(0, 0, 600, 100), (0.0, 0.0), (1.0, 0.0))  # free up to x = 600
600.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import unit
from planeval.measure.context import Context
from planeval.measure.floor import FloorSpec, circle_touching, free_floor
from planeval.measure.frames import Frame, Vec, normal_towards, offset_band
from planeval.model.types import Door, DoorKind

__all__ = [
    "APPROACH_BACK_MM", "coords_of", "face_offset", "approach_strip", "door_zone", "opening_rect", "first_hit",
    "latch_edge", "SideSpace", "side_space", "FRONT_OF_DOOR_MM", "front_circle",
]

#: The approach strip starts this far behind the chord: the chord may sit on either face of the wall.
APPROACH_BACK_MM = 300.0


def coords_of(geom: BaseGeometry | None) -> np.ndarray:
    """Every vertex of a geometry as an (n, 2) array."""
    return shapely.get_coordinates(geom) if geom is not None and not geom.is_empty else np.zeros((0, 2))


def face_offset(p: Vec, room: BaseGeometry) -> float:
    """Distance from a point on a door chord to the room: 0 on the room's own wall face, else about
    the wall thickness (the chord sits on the face of the room the leaf swings into)."""
    return float(room.distance(Point(p)))


def approach_strip(ctx: Context, d: Door, rid: str, depth: float) -> Polygon:
    """The strip in front of a door opening inside room ``rid``: the opening × ``depth`` from the
    chord (starting ``APPROACH_BACK_MM`` behind it)."""
    n = ctx.memo(("door-normal", d.id, rid), lambda: normal_towards(d.hinge, d.latch, ctx.room(rid).polygon))
    return offset_band(d.hinge, d.latch, n, -APPROACH_BACK_MM, depth)


def door_zone(ctx: Context, d: Door, rid: str, depth: float) -> Polygon:
    """Approach zone of a door inside room ``rid``: the opening × (wall face + ``depth``)."""
    t = ctx.memo(("door-face", d.id, rid), lambda: face_offset(d.midpoint, ctx.room(rid).polygon))
    return approach_strip(ctx, d, rid, t + depth)


def opening_rect(d: Door, reach: float) -> Polygon:
    """The clear opening of a door: as wide as its clear width, ``reach`` mm to both sides of the chord.

    Hinged and sliding doors: from the latch jamb towards the hinge (the open leaf or the parked
    slide narrows the hinge end); double doors and plain openings: centred.
    """
    h, l_ = d.hinge, d.latch
    u = unit(*l_, *h)
    length = math.dist(h, l_)
    clear = min(max(d.clear_width_mm, 0.0), length) if length > 0 else d.clear_width_mm
    start = 0.0 if d.kind in (DoorKind.HINGED, DoorKind.SLIDING) else (length - clear) / 2
    return Frame(l_, u, (-u[1], u[0])).box(start, start + clear, -reach, reach)


def first_hit(region: Polygon, free: BaseGeometry, o: Vec, axis: Vec) -> float | None:
    """How far along ``axis`` (from ``o``) the first part of ``region`` outside ``free`` begins.

    Slivers thinner than 2 mm (drawing noise where a rectangle runs along a wall face) are
    ignored. ``None`` when all of ``region`` is free.
    """
    bad = region.difference(free)
    if bad.is_empty or bad.area < 1.0:
        return None
    bad = bad.buffer(-1.0, join_style="mitre").buffer(1.0, join_style="mitre")
    xy = coords_of(bad)
    if len(xy) == 0:
        return None
    return float(np.min((xy[:, 0] - o[0]) * axis[0] + (xy[:, 1] - o[1]) * axis[1]))


def latch_edge(d: Door) -> tuple[Vec, Vec]:
    """(latch point, direction away from the hinge along the wall) of the leaf that is operated.

    A single leaf: ``door.latch``. A double door: the first leaf is taken as the active one (the wider,
    of two alike the one whose hinge has the smaller coordinates: ``model.doors``); its
    latch edge is the meeting point in the middle, and the side space lies in front of the other
    (closed) leaf.
    """
    hinge, latch = d.leaves[0] if d.kind is DoorKind.DOUBLE and d.leaves else (d.hinge, d.latch)
    return latch, unit(*hinge, *latch)


@dataclass(frozen=True)
class SideSpace:
    """The free floor beside one jamb of a door along the wall, on one side of the wall.

    ``frame`` has its origin at the jamb on the room's own wall face, u along the wall away from
    the opening and v into the room: the free strip is ``frame.box(0, width, 0, depth)``.
    """

    room: str
    frame: Frame
    width: float  # from the jamb to the first obstacle (wall, fixture, furniture)
    depth: float  # the depth it was measured over (asked, or less where the room is shallower)


def side_space(ctx: Context, d: Door, rid: str, jamb: Vec, away: Vec, depth_mm: float, floor: FloorSpec) -> SideSpace:
    """Free width beside ``jamb`` along the wall (direction ``away``), ``depth_mm`` into room ``rid``.

    The strip starts at the room's own wall face (the door chord may lie on the other face, see
    :func:`face_offset`). Its depth is ``depth_mm``, or the free depth of the room in front of the
    opening where that is less (a 1.1 m bod cannot offer 1.2 m anywhere). The width is the
    distance from the jamb to the first obstacle inside the strip, exact to the vertex; it is
    looked for across the whole room (no requirement bounds it: the checks cap what they show).
    """

    def compute() -> SideSpace:
        room = ctx.room(rid).polygon
        n = normal_towards(d.hinge, d.latch, room)
        t = face_offset(jamb, room)
        o = (jamb[0] + n[0] * t, jamb[1] + n[1] * t)  # the jamb on this room's face
        back = (-away[0], -away[1])
        # the room's depth in front of the opening (from 20 mm: the seal of the opening is not a wall)
        span = max(math.dist(jamb, d.hinge), math.dist(jamb, d.latch), 1.0)
        hit = first_hit(Frame(o, back, n).box(0.0, span, 20.0, depth_mm), room, o, n)
        depth = depth_mm if hit is None else max(min(hit, depth_mm), 1.0)
        x0, y0, x1, y1 = room.bounds
        reach = math.hypot(x1 - x0, y1 - y0) + 100.0
        frame = Frame(o, away, n)
        hit = first_hit(frame.box(0.0, reach, 1.0, depth), free_floor(ctx, rid, floor), o, away)
        width = reach if hit is None else min(hit, reach)
        return SideSpace(rid, frame, width if width > 0 else 0.0, depth)

    return ctx.memo(("door-side", d.id, rid, jamb, away, depth_mm, floor), compute)


#: The approach of a door a circle "in front of" it must touch reaches this far (mm) beyond the wall face.
FRONT_OF_DOOR_MM = 50.0


def front_circle(ctx: Context, d: Door, rid: str, floor: FloorSpec) -> tuple[float, float, float]:
    """The largest free circle (cx, cy, r) in room ``rid`` that touches the approach of door ``d``
    (its opening × ``FRONT_OF_DOOR_MM`` beyond the room's wall face): the turning area in front of a door."""

    def compute() -> tuple[float, float, float]:
        return circle_touching(ctx, rid, floor, door_zone(ctx, d, rid, FRONT_OF_DOOR_MM))

    return ctx.memo(("door-front-circle", d.id, rid, floor), compute)
