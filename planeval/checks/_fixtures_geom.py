"""Geometry shared by the fixture checks (wc-clearance, shower-access, bed-placement, kitchen-front-space).

A fixture's footprint is read as an oriented rectangle (its minimum rotated rectangle) with a
*back* — the side that lies along the room boundary — and a *front* opposite. Clear space beside
or in front of it is measured in a local frame: a strip is cut out of the plan, what blocks it
(the strip minus the free floor: walls, other fixtures) is split into parts, and each part is
projected onto the strip's axes. The extremes of a polygon's projection lie at its vertices, so
the distances are exact for the drawn polygons (arcs are already polygonal).

All lengths in millimetres. A :class:`Frame` maps local (x, y) to world coordinates:

>>> f = Frame(0.0, 0.0, 1.0, 0.0, 0.0, 1.0)
>>> from shapely.geometry import box
>>> free = box(0, 0, 1000, 900).difference(box(100, 0, 500, 700))  # a room with a fixture
>>> [round(v) for v in free_strip_bounds(free, f, 500, 2000, 0, 700)[0]]  # what blocks x ≥ 500
[1000, 2000, 0, 700]
>>> clear_distance(free, Frame(0.0, 0.0, 0.0, -1.0, 1.0, 0.0), -700, 0, 500, 3000)  # beside the fixture
500.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planeval.measure import Context
from planeval.geometry import polygons_of, union
from planeval.model.types import Fixture, Room

#: Parts of a blocked strip smaller than this (mm²) are numerical slivers, not obstacles.
SLIVER_MM2 = 1.0
#: Strips start this far (mm) from the fixture edge they measure from, so that the edge itself
#: (shared with the fixture's own footprint) never leaves a sliver; a measured width of at most
#: this much is reported as 0.
INSET_MM = 0.5


@dataclass(frozen=True)
class Frame:
    """A local frame: origin (ox, oy), unit axes u = (ux, uy) and v = (vx, vy) (orthogonal)."""

    ox: float
    oy: float
    ux: float
    uy: float
    vx: float
    vy: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.ox + self.ux * x + self.vx * y, self.oy + self.uy * x + self.vy * y)

    def box(self, x0: float, x1: float, y0: float, y1: float) -> Polygon:
        """The local rectangle [x0, x1] × [y0, y1] in world coordinates."""
        return Polygon([self.point(x0, y0), self.point(x1, y0), self.point(x1, y1), self.point(x0, y1)])

    def segment(self, x0: float, y0: float, x1: float, y1: float) -> LineString:
        return LineString([self.point(x0, y0), self.point(x1, y1)])

    def local(self, coords: np.ndarray) -> np.ndarray:
        """World coordinates (n, 2) → local (n, 2)."""
        d = np.asarray(coords, dtype=float)[:, :2] - (self.ox, self.oy)
        return np.column_stack([d @ (self.ux, self.uy), d @ (self.vx, self.vy)])

    @property
    def angle_deg(self) -> float:
        """Direction of the v axis (0° = +X, counter-clockwise)."""
        return math.degrees(math.atan2(self.vy, self.vx)) % 360.0

    @property
    def right_handed(self) -> bool:
        """True when v is u turned 90° counter-clockwise (then +u is on the right when facing +v)."""
        return self.ux * self.vy - self.uy * self.vx > 0


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


def oriented_rectangle(poly: BaseGeometry) -> list[tuple[float, float]]:
    """The four corners of the minimum rotated rectangle of ``poly`` (counter-clockwise)."""
    rect = orient(shapely.minimum_rotated_rectangle(poly), 1.0)
    if not isinstance(rect, Polygon):  # degenerate footprint: a line or a point
        b = poly.bounds
        rect = Polygon([(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])])
    return [tuple(c) for c in list(rect.exterior.coords)[:4]]


def footprint(poly: BaseGeometry, boundary: BaseGeometry, back: str) -> Footprint:
    """Orient a fixture: its back is the side (``back`` = "short" or "long" sides only; both when
    the footprint is nearly square) that lies closest along its whole length to ``boundary`` (the
    room's boundary, i.e. the walls).

    >>> from shapely.geometry import box
    >>> fp = footprint(box(0, 1100, 700, 1500), box(0, 0, 2400, 2500).exterior, "short")  # WC against x = 0
    >>> round(fp.width), round(fp.depth), fp.frame.point(0, 0), fp.frame.point(0, 700)
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
    vx, vy = -uy, ux
    return Footprint(Frame(ox, oy, ux, uy, vx, vy), width, depth, gap(best))


def strip_bounds(blocked: BaseGeometry, frame: Frame, x0: float, x1: float, y0: float, y1: float) -> list[tuple[float, float, float, float]]:
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


def free_strip_bounds(free: BaseGeometry, frame: Frame, x0: float, x1: float, y0: float, y1: float) -> list[tuple[float, float, float, float]]:
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


def wall_edges(poly: Polygon, min_length: float = 0.0) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The room's exterior edges (collinear runs merged), counter-clockwise: the room lies to the
    left of each edge a → b. Edges shorter than ``min_length`` are dropped."""
    p = orient(shapely.simplify(poly, 0.5), 1.0)
    if not isinstance(p, Polygon) or p.is_empty:
        return []
    c = list(p.exterior.coords)[:-1]
    out = []
    for i in range(len(c)):
        a, b = c[i], c[(i + 1) % len(c)]
        if math.dist(a, b) >= max(min_length, 1.0):
            out.append((tuple(a), tuple(b)))
    return out


def edge_frame(a: tuple[float, float], b: tuple[float, float]) -> Frame:
    """Frame on a counter-clockwise wall edge: origin a, u along the wall, v into the room."""
    n = math.dist(a, b)
    ux, uy = (b[0] - a[0]) / n, (b[1] - a[1]) / n
    return Frame(a[0], a[1], ux, uy, -uy, ux)


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


def fixture_footprint(ctx: Context, room: Room, f: Fixture, back: str) -> Footprint:
    """Memoised :func:`footprint` of a fixture in its room."""
    return ctx.memo(("footprint", room.id, f.id, back), lambda: footprint(f.polygon, room.polygon.boundary, back))


def groups_by_unit(rooms: Iterable[Room]) -> dict[str, list[Room]]:
    """Rooms grouped by dwelling unit (a room outside any unit is its own group), in plan order."""
    out: dict[str, list[Room]] = {}
    for r in rooms:
        out.setdefault(r.unit or r.id, []).append(r)
    return out


def circle_touching(ctx: Context, free_key: tuple, free: BaseGeometry, target: BaseGeometry, r_max: float,
                    centre: tuple[float, float], precision_mm: float = 0.5) -> tuple[float, float, float]:
    """The largest circle (cx, cy, r) inside ``free`` that touches ``target``.

    Construction: a disc of radius r fits with its centre c when c lies in the erosion of
    ``free`` by r; it touches ``target`` when c lies within r of it, i.e. in ``target`` dilated by
    r. Feasibility is monotone in r (a smaller disc inside a feasible one, moved towards the
    target, stays feasible), so r is found by bisection between 0 and the largest circle of the
    whole free floor (``r_max`` at ``centre``; if that one already touches, it is the answer).
    Erosions are memoised in ``ctx`` under ``free_key``.
    """
    cx, cy = centre
    if r_max <= 0 or free.is_empty:
        return (cx, cy, 0.0)
    if Point(cx, cy).distance(target) <= r_max + 1e-6:
        return (cx, cy, r_max)
    lo, hi = 0.0, r_max
    found: BaseGeometry | None = None
    while hi - lo > precision_mm:
        mid = (lo + hi) / 2
        core = ctx.eroded(free_key, free, mid)
        hit = core.intersection(target.buffer(mid, quad_segs=16)) if not core.is_empty else core
        if hit.is_empty:
            hi = mid
        else:
            lo, found = mid, hit
    if found is None:
        # only a vanishing circle touches: report a point on the target inside the free floor
        p = target.intersection(free)
        q = (p if not p.is_empty else target).representative_point()
        return (q.x, q.y, 0.0)
    q = found.representative_point()
    return (q.x, q.y, lo)


def largest_rectangle_scale(free: BaseGeometry, w: float, h: float, angles: Sequence[float], hi: float, precision: float = 0.005) -> tuple[float, Polygon | None]:
    """Largest s ≤ ``hi`` such that an (s·w) × (s·h) rectangle fits in ``free`` at one of
    ``angles``, by bisection on s; returns (s, one placement)."""
    from planeval.geometry import fits_rectangle

    ok, placed = fits_rectangle(free, w * hi, h * hi, angles=angles, eps=0.0)
    if ok:
        return hi, placed
    lo, best = 0.0, None
    top = hi
    while top - lo > precision:
        mid = (lo + top) / 2
        ok, pl = fits_rectangle(free, w * mid, h * mid, angles=angles, eps=0.0)
        if ok:
            lo, best = mid, pl
        else:
            top = mid
    return lo, best


def rounded(coords: Iterable[tuple[float, float]]) -> list[list[int]]:
    return [[round(x), round(y)] for x, y in coords]
