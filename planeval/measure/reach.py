"""Where a wheelchair gets to: configuration spaces, approach zones, widest chairs, bottlenecks.

A wheelchair of width ``w`` is a disc of diameter ``w``; where its centre can stand is the free
floor eroded by ``w/2`` (Minkowski erosion). A *target* (a door, a window, a room) is reached when
the component of the eroded floor that holds the start also enters the target's *approach zone*:
the strip in front of the opening, from the wall face to ``w/2 + APPROACH_MARGIN_MM`` into the
room, so that a disc standing there touches (nearly) the wall right in front of the opening.

The widest chair is found by bisection (:func:`widest_width`): reachability is monotone in ``w``
(a smaller disc fits wherever a larger one does).

For a dwelling unit (:func:`unit_space` and below) the configuration space is the free floor of all
its rooms plus the clear openings of their doors; :func:`widest_to_room` is the widest chair that
drives from the entrance door's approach into a room, :func:`bottleneck` what closes the way for a
wider one, :func:`unreachable_floor` the free floor a chair of a given width never sweeps. Every
memo key holds the unit (or room), the :class:`~planeval.measure.floor.FloorSpec` and, where it
matters, a chair width — never a required width.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planeval.geometry import polygons_of
from planeval.measure.context import Context
from planeval.measure.doors import coords_of, door_zone, face_offset, opening_rect
from planeval.measure.floor import FloorSpec, erode, eroded, free_circle, free_floor
from planeval.measure.frames import Frame, Vec, normal_towards
from planeval.measure.search import bisect_max
from planeval.model.types import OUTSIDE, Door, Unit, Window

__all__ = [
    "APPROACH_MARGIN_MM", "STEP_MM", "CAP_MM", "OPENING_REACH_MM", "SLIVER_RADIUS_MM",
    "widest_width", "touching", "connects", "pinch_point", "pinch_on_way", "neck", "shortest_path", "corridor",
    "window_frame", "window_zone",
    "unit_doors", "door_opening", "unit_space", "start_zone", "reached", "widest_to_room", "Bottleneck", "bottleneck",
    "unreachable_floor",
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
    return bisect_max(ok, STEP_MM, hi, STEP_MM, decimals=1)


# -- components ----------------------------------------------------------------------------------

def touching(region: BaseGeometry, zone: BaseGeometry) -> list[Polygon]:
    """The parts of ``region`` that meet ``zone``."""
    if region.is_empty or zone.is_empty:
        return []
    return [p for p in polygons_of(region) if p.intersects(zone)]


def connects(region: BaseGeometry, zone_a: BaseGeometry, zone_b: BaseGeometry) -> bool:
    """Whether one part of ``region`` meets both zones."""
    return any(p.intersects(zone_b) for p in touching(region, zone_a))


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
    for x, y in zip(chain, chain[1:], strict=False):
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
    g = nx.Graph()
    g.add_nodes_from(range(len(pts)))
    lengths = np.hypot(*(pts[i] - pts[j]).T)
    g.add_weighted_edges_from((int(x), int(y), float(d)) for x, y, d, v in zip(i, j, lengths, visible, strict=True) if v)
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


# -- a dwelling unit's configuration space -------------------------------------------------------

def unit_doors(ctx: Context, u: Unit) -> list[Door]:
    """The doors of any room of the unit (the entrance door included)."""
    members = set(u.rooms)
    return [d for d in ctx.plan.doors if members & set(d.rooms)]


def door_opening(ctx: Context, d: Door) -> BaseGeometry:
    """The door's clear opening where it crosses the wall: the part outside every room, reaching
    1 mm into the rooms so that the union with their free floor closes despite drawing noise."""
    wall = max((face_offset(d.midpoint, ctx.room(r).polygon) for r in d.rooms if r != OUTSIDE), default=0.0)
    rect = opening_rect(d, wall + OPENING_REACH_MM)
    return rect.difference(_rooms_inner(ctx))


def _rooms_inner(ctx: Context) -> BaseGeometry:
    """Every room of the plan, shrunk by 1 mm."""
    rooms = ctx.plan.rooms
    return ctx.memo(("rooms-inner",), lambda: shapely.union_all([r.polygon for r in rooms]).buffer(-1.0, join_style="mitre"))


def unit_space(ctx: Context, uid: str, floor: FloorSpec) -> BaseGeometry:
    """Free floor of the unit's rooms plus the clear openings of their doors."""
    u = ctx.plan.unit(uid)

    def compute() -> BaseGeometry:
        parts = [free_floor(ctx, rid, floor) for rid in u.rooms]
        parts += [door_opening(ctx, d) for d in unit_doors(ctx, u)]
        return shapely.union_all([g for g in parts if not g.is_empty])

    return ctx.memo(("unit-space", uid, floor), compute)


def _space_eroded(ctx: Context, uid: str, floor: FloorSpec, w: float) -> BaseGeometry:
    """Where the centre of a chair of width ``w`` stands in the unit's space."""
    return ctx.memo(("unit-space-eroded", uid, floor, round(w / 2, 1)), lambda: erode(unit_space(ctx, uid, floor), w / 2))


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
        comps = touching(_space_eroded(ctx, uid, floor, w), start_zone(ctx, uid, w))
        return frozenset(rid for rid in u.rooms if any(c.intersects(_core(ctx, rid, floor, w)) for c in comps))

    return ctx.memo(("unit-reached", uid, floor, round(w, 1)), compute)


def widest_to_room(ctx: Context, uid: str, rid: str, floor: FloorSpec) -> float:
    """The widest chair that reaches room ``rid`` from the unit's entrance (geometry only: the
    entrance door's own clear width is for the check to weigh)."""

    def compute() -> float:
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
