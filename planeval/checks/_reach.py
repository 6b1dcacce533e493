"""Shared geometry for the passage, reachability and door-side-space checks.

A wheelchair of width ``w`` is a disc of diameter ``w``; where its centre can stand is the free
floor eroded by ``w/2`` (Minkowski erosion). A *target* (a door, a window) is reached when the
component of the eroded floor that holds the start also enters the target's *approach zone*: the
strip in front of the opening, from the wall face to ``w/2 + APPROACH_MARGIN_MM`` into the room, so
that a disc standing there touches (nearly) the wall right in front of the opening.

The widest passage is found by bisection (:func:`bisect_max`): reachability is monotone in ``w``
(a smaller disc fits wherever a larger one does). Helpers here are pure functions of shapely
geometry; the checks memoise what they compute through ``Context.memo``/``Context.eroded``.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planeval.geometry import polygons_of
from planeval.model.types import Door, DoorKind, Window

#: A disc "stands in front of" an opening when its edge comes within this much of the wall face.
APPROACH_MARGIN_MM = 50.0
#: Widths are bisected to this precision (mm).
STEP_MM = 2.0
#: No width above this is measured ("≥ 3000 mm").
CAP_MM = 3000.0

Vec = tuple[float, float]


# -- local frames --------------------------------------------------------------------------------

def unit_vec(a: Vec, b: Vec) -> Vec:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return (dx / n, dy / n)


def frame_rect(o: Vec, u: Vec, n: Vec, a0: float, a1: float, b0: float, b1: float) -> Polygon:
    """The rectangle ``[a0, a1] × [b0, b1]`` in the frame with origin ``o``, axes ``u`` (along) and ``n``."""
    def p(a: float, b: float) -> Vec:
        return (o[0] + u[0] * a + n[0] * b, o[1] + u[1] * a + n[1] * b)

    return Polygon([p(a0, b0), p(a1, b0), p(a1, b1), p(a0, b1)])


def coords_of(geom: BaseGeometry) -> np.ndarray:
    """Every vertex of a geometry as an (n, 2) array."""
    return shapely.get_coordinates(geom) if geom is not None and not geom.is_empty else np.zeros((0, 2))


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


def side_normal(a: Vec, b: Vec, room: BaseGeometry, probe_mm: float = 200.0) -> Vec:
    """The unit normal of segment a–b that points towards ``room`` (as ``Context.door_approach``)."""
    ux, uy = unit_vec(a, b)
    nx_, ny_ = -uy, ux
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    plus = room.distance(Point(mx + nx_ * probe_mm, my + ny_ * probe_mm))
    minus = room.distance(Point(mx - nx_ * probe_mm, my - ny_ * probe_mm))
    return (nx_, ny_) if plus <= minus else (-nx_, -ny_)


def face_offset(p: Vec, room: BaseGeometry) -> float:
    """Distance from a point on a door chord to the room: 0 on the room's own wall face, else about
    the wall thickness (the chord sits on the face of the room the leaf swings into)."""
    return float(room.distance(Point(p)))


# -- approach zones ------------------------------------------------------------------------------

def door_zone(ctx, door: Door, rid: str, depth: float) -> Polygon:
    """Approach zone of a door inside room ``rid``: the opening × (wall face + ``depth``)."""
    room = ctx.room(rid).polygon
    t = face_offset(door.midpoint, room)
    return ctx.door_approach(door, rid, t + depth)


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
    n = side_normal(a, b, room, probe_mm=max(200.0, min(length, 600.0)))
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
    extra = 0.0
    if obstacles is not None and not obstacles.is_empty:
        band = frame_rect(c, u, n, -half, half, t - 1.0, t + 30.0)
        for part in polygons_of(obstacles):
            if part.intersects(band):
                xy = coords_of(part)
                reach = float(np.max((xy[:, 0] - c[0]) * n[0] + (xy[:, 1] - c[1]) * n[1])) - t
                extra = max(extra, min(reach, 1500.0))
    return frame_rect(c, u, n, -half, half, 0.0, t + extra + depth), extra


# -- components, bisection -----------------------------------------------------------------------

def touching(region: BaseGeometry, zone: BaseGeometry) -> list[Polygon]:
    """The parts of ``region`` that meet ``zone``."""
    if region.is_empty or zone.is_empty:
        return []
    return [p for p in polygons_of(region) if p.intersects(zone)]


def connects(region: BaseGeometry, zone_a: BaseGeometry, zone_b: BaseGeometry) -> bool:
    return any(p.intersects(zone_b) for p in touching(region, zone_a))


def bisect_max(ok: Callable[[float], bool], hi: float, lo: float = 0.0, step: float = STEP_MM) -> float:
    """The largest ``w`` in ``[lo, hi]`` with ``ok(w)`` (``ok`` monotone: true below, false above),
    to ``step``; ``lo`` when even the smallest width fails (``ok(lo + step)`` is false)."""
    if hi <= lo:
        return lo
    if ok(hi):
        return hi
    good, bad = lo, hi
    if not ok(lo + step):
        return lo
    good = lo + step
    while bad - good > step:
        mid = round((good + bad) / 2, 1)
        if ok(mid):
            good = mid
        else:
            bad = mid
    return good


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
    g = nx.Graph()
    g.add_edges_from((("a", i) for i in starts), weight=0.0)
    g.add_edges_from(((i, "b") for i in ends), weight=0.0)
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            line = shapely.shortest_line(parts[i], parts[j])
            if cover.covers(line):
                g.add_edge(i, j, weight=line.length, line=line)
    try:
        chain = nx.shortest_path(g, "a", "b", weight="weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    for x, y in zip(chain, chain[1:]):
        line = g.edges[x, y].get("line")
        if line is not None:
            return line.interpolate(0.5, normalized=True)
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
    g = nx.Graph()
    g.add_nodes_from(range(len(pts)))
    lengths = np.hypot(*(pts[i] - pts[j]).T)
    g.add_weighted_edges_from((int(x), int(y), float(d)) for x, y, d, v in zip(i, j, lengths, visible) if v)
    try:
        path = nx.shortest_path(g, 0, 1, weight="weight")
    except nx.NetworkXNoPath:
        return LineString([a, b])
    return LineString([nodes[k] for k in path])


def corridor(component: Polygon, zone_a: BaseGeometry, zone_b: BaseGeometry, width: float, free: BaseGeometry) -> BaseGeometry:
    """The floor a disc of ``width`` sweeps moving inside ``component`` (its centre's space) from
    ``zone_a`` to ``zone_b``, along the shortest path."""
    start = component.intersection(zone_a)
    end = component.intersection(zone_b)
    if start.is_empty or end.is_empty:
        return Polygon()
    path = shortest_path(component, start.representative_point(), end.representative_point())
    return path.buffer(width / 2, quad_segs=8).intersection(free)


def opening_rect(door: Door, reach: float) -> Polygon:
    """The clear opening of a door: as wide as its clear width, ``reach`` mm to both sides of the chord.

    Hinged and sliding doors: from the latch jamb towards the hinge (the open leaf or the parked
    slide narrows the hinge end); double doors and plain openings: centred.
    """
    h, l_ = door.hinge, door.latch
    u = unit_vec(l_, h)
    length = math.dist(h, l_)
    clear = min(max(door.clear_width_mm, 0.0), length) if length > 0 else door.clear_width_mm
    n = (-u[1], u[0])
    start = 0.0 if door.kind in (DoorKind.HINGED, DoorKind.SLIDING) else (length - clear) / 2
    return frame_rect(l_, u, n, start, start + clear, -reach, reach)
