"""Paths in free floor: where a way closes between two widths, shortest paths, corridors, window zones.

The geometry :mod:`planeval.measure.reach` and :mod:`planeval.measure.passages` share, on plain
shapely geometry (no :class:`~planeval.measure.context.Context`, nothing memoised here).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planeval.geometry import polygons_of
from planeval.graphs import dijkstra
from planeval.measure.doors import coords_of
from planeval.measure.frames import Frame, Vec, normal_towards
from planeval.model.types import Window

__all__ = ["pinch_point", "pinch_on_way", "neck", "shortest_path", "corridor", "window_frame", "window_zone"]


# -- where the way closes ------------------------------------------------------------------------

def pinch_point(side_a: Iterable[Polygon], side_b: Iterable[Polygon]) -> Point | None:
    """The middle of the shortest gap between two sets of eroded components."""
    a = shapely.union_all(list(side_a))
    b = shapely.union_all(list(side_b))
    if a.is_empty or b.is_empty:
        return None
    line = shapely.shortest_line(a, b)
    return line.interpolate(0.5, normalized=True)


def pinch_on_way(joined: BaseGeometry, apart: BaseGeometry, zone_a: BaseGeometry, zone_b: BaseGeometry) -> Point | None:
    """Where the way from ``zone_a`` to ``zone_b`` closes between two widths.

    ``joined`` is the centre space at the measured width (a and b connected), ``apart`` the one a
    step wider (not connected). The components of ``apart`` inside ``joined`` are linked by their
    shortest gaps that stay inside ``joined`` (a gap through a wall does not count); the first gap
    on the shortest chain from the component at ``a`` to one at ``b`` is the pinch, and its middle
    is returned. ``None`` when no such chain is found (the caller falls back to
    :func:`pinch_point`).
    """
    comps = [c for c in polygons_of(joined) if c.intersects(zone_a) and c.intersects(zone_b)]
    if not comps:
        return None
    parts = [q for q in polygons_of(apart) if q.intersects(comps[0])]
    starts = {i for i, q in enumerate(parts) if q.intersects(zone_a)}
    ends = {i for i, q in enumerate(parts) if q.intersects(zone_b)}
    if not starts or not ends:
        return None
    cover = comps[0].buffer(1.5)
    shapely.prepare(cover)
    adj: dict[str | int, dict[str | int, float]] = {"a": {}, "b": {}}
    gaps: dict[tuple[str | int, str | int], LineString] = {}

    def join(x: str | int, y: str | int, weight: float) -> None:
        adj.setdefault(x, {})[y] = weight
        adj.setdefault(y, {})[x] = weight

    for i in starts:
        join("a", i, 0.0)
    for i in ends:
        join(i, "b", 0.0)
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            line = shapely.shortest_line(parts[i], parts[j])
            if cover.covers(line):
                join(i, j, line.length)
                gaps[i, j] = gaps[j, i] = line
    chain = dijkstra(adj, "a", "b")
    for x, y in zip(chain or [], (chain or [])[1:], strict=False):
        if (x, y) in gaps:
            return gaps[x, y].interpolate(0.5, normalized=True)
    return None


def neck(free: BaseGeometry, p: Point, width: float) -> LineString | Polygon:
    """A short segment across the free floor through ``p``, from wall to wall: where a disc of
    ``width`` just squeezes through.

    Construction: the nearest boundary point ``q1``; then, among the boundary within
    ``width/2 + 20`` mm of ``p``, the piece farthest from ``q1`` and its nearest point ``q2``.
    Falls back to the disc itself when the boundary does not bracket ``p``.
    """
    boundary = free.boundary
    if boundary.is_empty:
        return p.buffer(width / 2)
    q1 = shapely.shortest_line(p, boundary).coords[-1]
    near = boundary.intersection(p.buffer(width / 2 + 20.0))
    parts = [g for g in getattr(near, "geoms", [near]) if not g.is_empty]
    if not parts:
        return p.buffer(width / 2)
    far = max(parts, key=lambda g: g.distance(Point(q1)))
    if far.distance(Point(q1)) < width / 4:
        return p.buffer(width / 2)
    q2 = shapely.shortest_line(p, far).coords[-1]
    return LineString([q1, q2])


# -- corridors -----------------------------------------------------------------------------------

def _reflex_vertices(poly: Polygon) -> list[Vec]:
    out: list[Vec] = []
    poly = orient(poly, 1.0)  # exterior counter-clockwise, holes clockwise: the region is on the left
    for ring in (poly.exterior, *poly.interiors):
        xy = np.asarray(ring.coords)[:-1]
        if len(xy) < 3:
            continue
        prev, nxt = np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0)
        cross = (xy[:, 0] - prev[:, 0]) * (nxt[:, 1] - xy[:, 1]) - (xy[:, 1] - prev[:, 1]) * (nxt[:, 0] - xy[:, 0])
        out.extend((float(x), float(y)) for x, y in xy[cross < 0])
    return out


def shortest_path(region: Polygon, a: Point, b: Point) -> LineString:
    """Shortest path from ``a`` to ``b`` inside ``region`` (visibility graph on its reflex vertices).

    Exact for polygons up to a 0.5 mm tolerance; the straight segment when the graph finds no way.

    >>> from shapely.geometry import box
    >>> u = box(0, 0, 3000, 1000).union(box(0, 0, 1000, 3000)).union(box(0, 2000, 3000, 3000))  # a U
    >>> round(shortest_path(u, Point(2500, 500), Point(2500, 2500)).length)  # round both inner corners
    4162
    """
    if a.equals(b):
        return LineString([a, b])
    cover = region.buffer(0.5)
    shapely.prepare(cover)
    nodes = [(a.x, a.y), (b.x, b.y), *_reflex_vertices(region)]
    pts = np.asarray(nodes)
    i, j = np.triu_indices(len(pts), 1)
    lines = shapely.linestrings(np.stack([pts[i], pts[j]], axis=1))
    visible = shapely.covers(cover, lines)
    adj: dict[int, dict[int, float]] = {k: {} for k in range(len(pts))}
    lengths = np.hypot(*(pts[i] - pts[j]).T)
    for x, y, d in zip(i[visible].tolist(), j[visible].tolist(), lengths[visible].tolist(), strict=True):
        adj[x][y] = adj[y][x] = d
    path = dijkstra(adj, 0, 1)
    return LineString([a, b]) if path is None else LineString([nodes[k] for k in path])


def corridor(component: Polygon, zone_a: BaseGeometry, zone_b: BaseGeometry, width: float, free: BaseGeometry) -> BaseGeometry:
    """The floor a disc of ``width`` sweeps moving inside ``component`` (its centre's space) from
    ``zone_a`` to ``zone_b``, along the shortest path."""
    start = component.intersection(zone_a)
    end = component.intersection(zone_b)
    if start.is_empty or end.is_empty:
        return Polygon()
    path = shortest_path(component, start.representative_point(), end.representative_point())
    return path.buffer(width / 2, quad_segs=8).intersection(free)


# -- windows -------------------------------------------------------------------------------------

def window_frame(win: Window, room: BaseGeometry) -> tuple[Vec, Vec, Vec, float, float]:
    """(centre, along, normal into the room, half length, offset of the room face from the centre line)."""
    rect = win.polygon.minimum_rotated_rectangle
    xy = coords_of(rect)[:4] if isinstance(rect, Polygon) else coords_of(win.polygon)
    e1, e2 = xy[1] - xy[0], xy[2] - xy[1]
    along = e1 if math.hypot(*e1) >= math.hypot(*e2) else e2
    length = max(math.hypot(*along), 1.0)
    u = (float(along[0] / length), float(along[1] / length))
    c = (float(win.polygon.centroid.x), float(win.polygon.centroid.y))
    a, b = (c[0] - u[0], c[1] - u[1]), (c[0] + u[0], c[1] + u[1])
    n = normal_towards(a, b, room, probe_mm=max(200.0, min(length, 600.0)))
    half = max(length, win.width_mm) / 2
    t = float(room.distance(LineString([(c[0] - u[0] * half, c[1] - u[1] * half), (c[0] + u[0] * half, c[1] + u[1] * half)])))
    return c, u, n, half, t


def window_zone(win: Window, room: BaseGeometry, obstacles: BaseGeometry, depth: float) -> tuple[Polygon, float]:
    """Approach zone of a window in a room, and how deep the fixture or furniture standing against
    the window is (0 when none).

    A window above a kitchen counter or a bed head is reached at the front of what stands under
    it: the zone is pushed out by the depth of the obstacles that touch the window's wall face.
    """
    c, u, n, half, t = window_frame(win, room)
    frame = Frame(c, u, n)
    extra = 0.0
    if obstacles is not None and not obstacles.is_empty:
        band = frame.box(-half, half, t - 1.0, t + 30.0)
        for part in polygons_of(obstacles):
            if part.intersects(band):
                xy = coords_of(part)
                reach = float(np.max((xy[:, 0] - c[0]) * n[0] + (xy[:, 1] - c[1]) * n[1])) - t
                extra = max(extra, min(reach, 1500.0))
    return frame.box(-half, half, 0.0, t + extra + depth), extra
