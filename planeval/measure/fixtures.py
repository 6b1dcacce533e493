"""Fixture geometry: oriented footprints, clear strips beside and in front of them, wall edges.

A fixture's footprint is read as an oriented rectangle (its minimum rotated rectangle) with a
*back* — the side that lies along the room boundary — and a *front* opposite. Clear space beside
or in front of it is measured in a local :class:`~planeval.measure.frames.Frame`: a strip is cut
out of the plan, what blocks it (the strip minus the free floor: walls, other fixtures) is split
into parts, and each part is projected onto the strip's axes. The extremes of a polygon's
projection lie at its vertices, so the distances are exact for the drawn polygons (arcs are
already polygonal). All lengths in millimetres.

>>> from shapely.geometry import box
>>> f = Frame((0.0, 0.0), (1.0, 0.0), (0.0, 1.0))
>>> free = box(0, 0, 1000, 900).difference(box(100, 0, 500, 700))  # a room with a fixture
>>> [round(v) for v in free_strip_bounds(free, f, 500, 2000, 0, 700)[0]]  # what blocks x ≥ 500
[1000, 2000, 0, 700]
>>> clear_distance(free, Frame((0.0, 0.0), (0.0, -1.0), (1.0, 0.0)), -700, 0, 500, 3000)  # beside the fixture
500.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planeval.geometry import polygons_of
from planeval.measure.context import Context
from planeval.measure.floor import FloorSpec, circle_touching, free_floor
from planeval.measure.frames import Frame, Vec
from planeval.model.types import Fixture, Room

__all__ = [
    "SLIVER_MM2", "INSET_MM", "Footprint", "oriented_rectangle", "footprint", "fixture_footprint", "fixtures_in",
    "strip_bounds", "free_strip_bounds", "clear_distance", "merge_intervals", "gaps", "wall_edges", "room_reach",
    "RUN_JOIN_MM", "CounterFront", "counter_front", "FRONT_TOUCH_MM", "counter_front_strip", "counter_front_circle",
]

#: Parts of a blocked strip smaller than this (mm²) are numerical slivers, not obstacles.
SLIVER_MM2 = 1.0
#: Strips start this far (mm) from the fixture edge they measure from, so that the edge itself
#: (shared with the fixture's own footprint) never leaves a sliver; a measured width of at most
#: this much is reported as 0.
INSET_MM = 0.5


@dataclass(frozen=True)
class Footprint:
    """A fixture as an oriented rectangle: ``frame`` has its origin at the centre of the back edge,
    u along the back, v from back to front; the footprint is [-width/2, width/2] × [0, depth]."""

    frame: Frame
    width: float  # along the back
    depth: float  # back to front
    back_gap_mm: float  # how far the back edge lies from the room boundary (its farthest point)

    @property
    def half(self) -> float:
        return self.width / 2

    @property
    def polygon(self) -> Polygon:
        return self.frame.box(-self.half, self.half, 0.0, self.depth)

    @property
    def front_edge(self) -> LineString:
        return self.frame.segment(-self.half, self.depth, self.half, self.depth)

    def side_frame(self, sign: float) -> Frame:
        """A frame on one side face (``sign`` = +1: the +u side, -1: the -u side): origin at its back
        corner, u from back to front, v away from the fixture (the side space lies along +v)."""
        (ox, oy), (ux, uy) = self.frame.origin, self.frame.u
        return Frame((ox + sign * ux * self.half, oy + sign * uy * self.half), self.frame.v, (sign * ux, sign * uy))


def oriented_rectangle(poly: BaseGeometry) -> list[Vec]:
    """The four corners of the minimum rotated rectangle of ``poly`` (counter-clockwise)."""
    rect = orient(shapely.minimum_rotated_rectangle(poly), 1.0)
    if not isinstance(rect, Polygon):  # degenerate footprint: a line or a point
        b = poly.bounds
        rect = Polygon([(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])])
    return [tuple(c) for c in list(rect.exterior.coords)[:4]]


def footprint(poly: BaseGeometry, boundary: BaseGeometry, back: str) -> Footprint:
    """Orient a fixture: its back is the side (``back`` = "short" or "long" sides only, "any"; all
    four when the footprint is nearly square) that lies closest along its whole length to
    ``boundary`` (the room's boundary, i.e. the walls).

    >>> from shapely.geometry import box
    >>> fp = footprint(box(0, 1100, 700, 1500), box(0, 0, 2400, 2500).exterior, "short")  # WC against x = 0
    >>> round(fp.width), round(fp.depth), fp.frame.world(0, 0), fp.frame.world(0, 700)
    (400, 700, (0.0, 1300.0), (700.0, 1300.0))
    """
    c = oriented_rectangle(poly)
    edges = [(c[i], c[(i + 1) % 4]) for i in range(4)]
    lengths = [math.dist(a, b) for a, b in edges]
    short, long_ = min(lengths), max(lengths)
    if long_ <= short * 1.1 or back == "any":
        cand = [0, 1, 2, 3]
    elif back == "short":
        cand = [i for i in range(4) if lengths[i] <= (short + long_) / 2]
    else:
        cand = [i for i in range(4) if lengths[i] > (short + long_) / 2]

    def gap(i: int) -> float:
        a, b = edges[i]
        pts = [a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), b]
        return max(boundary.distance(Point(p)) for p in pts)

    best = min(cand, key=lambda i: (round(gap(i), 3), i))
    a, b = edges[best]
    width = lengths[best]
    depth = lengths[(best + 1) % 4]
    ox, oy = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    ux, uy = (b[0] - a[0]) / width, (b[1] - a[1]) / width
    # the rectangle is counter-clockwise: its interior lies to the left of a → b
    return Footprint(Frame((ox, oy), (ux, uy), (-uy, ux)), width, depth, gap(best))


def fixture_footprint(ctx: Context, room: Room, f: Fixture, back: str) -> Footprint:
    """Memoised :func:`footprint` of a fixture in its room."""
    return ctx.memo(("footprint", room.id, f.id, back), lambda: footprint(f.polygon, room.polygon.boundary, back))


def fixtures_in(ctx: Context, room: Room, kinds: Iterable[str]) -> list[Fixture]:
    """Fixtures of ``kinds`` assigned to ``room`` (or, unassigned, with their centre in it)."""
    ks = set(kinds)
    out = []
    for f in ctx.plan.fixtures:
        if f.kind not in ks:
            continue
        if f.room == room.id or (f.room is None and room.polygon.contains(f.polygon.centroid)):
            out.append(f)
    return out


Bounds = tuple[float, float, float, float]


def strip_bounds(blocked: BaseGeometry, frame: Frame, x0: float, x1: float, y0: float, y1: float) -> list[Bounds]:
    """Local bounds (xmin, xmax, ymin, ymax) of each part of ``blocked`` inside the local strip
    [x0, x1] × [y0, y1] (numerical slivers dropped)."""
    strip = frame.box(x0, x1, y0, y1)
    inside = blocked.intersection(strip)
    out = []
    for part in polygons_of(inside):
        if part.area < SLIVER_MM2:
            continue
        loc = frame.local(np.asarray(part.exterior.coords))
        out.append((float(loc[:, 0].min()), float(loc[:, 0].max()), float(loc[:, 1].min()), float(loc[:, 1].max())))
    return out


def free_strip_bounds(free: BaseGeometry, frame: Frame, x0: float, x1: float, y0: float, y1: float) -> list[Bounds]:
    """As :func:`strip_bounds` for what is *not* free floor in the strip (walls, fixtures…).

    The strip is shrunk by ``INSET_MM`` on every side: a strip edge that runs along a wall or a
    fixture edge (up to floating-point noise) would otherwise leave a zero-width sliver joined to
    a real obstacle, which no area filter can separate."""
    e = INSET_MM
    strip = frame.box(x0 + e, x1 - e, y0 + e, y1 - e)
    return strip_bounds(strip.difference(free), frame, x0 + e, x1 - e, y0 + e, y1 - e)


def clear_distance(free: BaseGeometry, frame: Frame, x0: float, x1: float, start: float, reach: float) -> float:
    """Free distance along +v from ``y = start`` over the local width [x0, x1] (up to ``reach``):
    the largest d such that [x0, x1] × [start, start + d] is free floor."""
    parts = free_strip_bounds(free, frame, x0, x1, start, start + reach)
    if not parts:
        return reach
    d = min(p[2] for p in parts) - start
    return 0.0 if d <= INSET_MM + 1e-6 else d


def merge_intervals(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of closed intervals, sorted.

    >>> merge_intervals([(5, 7), (0, 2), (1, 3)])
    [(0, 3), (5, 7)]
    """
    out: list[list[float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def gaps(blocked: Sequence[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """The parts of [lo, hi] not covered by ``blocked`` intervals.

    >>> gaps([(2, 3), (5, 9)], 0, 10)
    [(0, 2), (3, 5), (9, 10)]
    """
    out = []
    cur = lo
    for a, b in merge_intervals(blocked):
        if b <= lo or a >= hi:
            continue
        if a > cur:
            out.append((cur, min(a, hi)))
        cur = max(cur, b)
    if cur < hi:
        out.append((cur, hi))
    return out


def wall_edges(poly: Polygon, min_length: float = 0.0) -> list[tuple[Vec, Vec]]:
    """The room's exterior edges (collinear runs merged), counter-clockwise: the room lies to the
    left of each edge a → b (``Frame.along(a, b)`` has v into the room). Edges shorter than
    ``min_length`` are dropped. The ring is first normalised (it starts at its lowest-left vertex,
    always a true corner), so the edges and their order do not depend on where the drawing started
    the outline: simplification keeps a ring's start vertex, which would split the edge it lies on."""
    p = orient(shapely.simplify(shapely.normalize(poly), 0.5), 1.0)
    if not isinstance(p, Polygon) or p.is_empty:
        return []
    c = list(p.exterior.coords)[:-1]
    out = []
    for i in range(len(c)):
        a, b = c[i], c[(i + 1) % len(c)]
        if math.dist(a, b) >= max(min_length, 1.0):
            out.append((tuple(a), tuple(b)))
    return out


def room_reach(room: Room) -> float:
    """A length no strip inside the room needs to exceed: its bounding diagonal plus 100 mm."""
    x0, y0, x1, y1 = room.polygon.bounds
    return ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 + 100.0


# -- kitchen counters ----------------------------------------------------------------------------

#: Another counter closer than this (mm) to a counter continues its run (an L or U corner): the
#: part of the front it covers is the corner, not floor to be kept free.
RUN_JOIN_MM = 20.0


@dataclass(frozen=True)
class CounterFront:
    """The free depth in front of a counter run."""

    fixture: str
    fp: Footprint
    depth: float  # free depth in front of the counter over the measured length
    spans: tuple[tuple[float, float], ...]  # local u-intervals of the front that were measured
    corner: tuple[tuple[float, float], ...]  # local u-intervals taken by a joining counter (not measured)


def counter_front(ctx: Context, room: Room, f: Fixture, floor: FloorSpec) -> CounterFront:
    """Free depth in front of a counter (the long side away from the wall), over its length."""

    def compute() -> CounterFront:
        fp = fixture_footprint(ctx, room, f, "long")
        free = free_floor(ctx, room.id, floor)
        h, d = fp.half, fp.depth
        # joining counters (an L/U run) cover part of the front: leave that part out
        corner = []
        for other in fixtures_in(ctx, room, ("kitchen_counter",)):
            if other.id == f.id or other.polygon.distance(f.polygon) > RUN_JOIN_MM:
                continue
            loc = fp.frame.local(list(other.polygon.exterior.coords))
            if loc[:, 1].min() <= d + RUN_JOIN_MM and loc[:, 1].max() > d + RUN_JOIN_MM:
                corner.append((float(loc[:, 0].min()), float(loc[:, 0].max())))
        spans = [s for s in gaps(corner, -h, h) if s[1] - s[0] > 1.0] if corner else [(-h, h)]
        reach = room_reach(room)
        depth = min((clear_distance(free, fp.frame, a, b, d, reach) for a, b in spans), default=0.0)
        return CounterFront(f.id, fp, depth, tuple(spans), tuple(corner))

    return ctx.memo(("counter-front", room.id, f.id, floor), compute)


#: A turning area is "in front of" a counter when it comes within this much (mm) of its front.
FRONT_TOUCH_MM = 20.0


def counter_front_strip(ctx: Context, room: Room, f: Fixture, floor: FloorSpec) -> Polygon | BaseGeometry:
    """The thin strip (``FRONT_TOUCH_MM`` deep) along the measured front of a counter run: what a
    turning area in front of the counter must touch."""
    fr = counter_front(ctx, room, f, floor)
    d = fr.fp.depth
    return shapely.union_all([fr.fp.frame.box(a, b, d, d + FRONT_TOUCH_MM) for a, b in fr.spans])


def counter_front_circle(ctx: Context, room: Room, f: Fixture, floor: FloorSpec) -> tuple[float, float, float]:
    """The largest free circle (cx, cy, r) in the room that touches the front of a counter run."""
    return ctx.memo(("counter-circle", room.id, f.id, floor),
                    lambda: circle_touching(ctx, room.id, floor, counter_front_strip(ctx, room, f, floor)))
