"""Free passages inside a room: the widest disc from the entry door to each door and window.

Independent of any required width, memoised per room and :class:`PassageSpec`, shared by every
rule set: a check compares :attr:`RoomPassages.measured` with its width and draws
:func:`corridors` at it. The way each target is reached (:func:`route`, the path of the widest
disc's centre) is measured once too; a corridor at a width is that route swept by the disc, so a
sweep over passage widths judges each width by a comparison and one buffer per target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.graphs import bfs_paths
from planeval.measure.context import Context
from planeval.measure.doors import door_zone
from planeval.measure.floor import FloorSpec, eroded, free_circle, free_floor, obstacles
from planeval.measure.reach import (
    APPROACH_MARGIN_MM,
    CAP_MM,
    STEP_MM,
    connects,
    neck,
    pinch_on_way,
    pinch_point,
    shortest_path,
    touching,
    widest_width,
    window_zone,
)
from planeval.model.types import Door

__all__ = [
    "PassageSpec", "Target", "RoomPassages", "entry_doors", "entry_door", "room_passages", "bottleneck_location", "corridors",
    "corridor_to", "route",
]


@dataclass(frozen=True)
class PassageSpec:
    """What decides a room's passages: its free floor and whether windows are targets."""

    floor: FloorSpec
    to_windows: bool


@dataclass(frozen=True)
class Target:
    """A door or window of the room, and the widest passage reaching it from the entry door."""

    kind: str  # "door" | "window"
    id: str
    zone: Callable[[float], BaseGeometry]  # approach zone for a passage of width w
    width: float  # widest passage from the entry door (mm); 0 when blocked
    extra_mm: float = 0.0  # windows: how deep what stands under it is (the zone starts in front of it)

    @property
    def name(self) -> str:
        return f"{self.kind} {self.id}"


@dataclass(frozen=True)
class RoomPassages:
    rid: str
    entry: str
    entry_zone: Callable[[float], BaseGeometry]
    entry_width: float  # widest disc that stands in front of the entry door at all
    targets: tuple[Target, ...]
    free: BaseGeometry
    eroded: Callable[[float], BaseGeometry]

    @property
    def bottleneck(self) -> Target | None:
        return min(self.targets, key=lambda t: t.width) if self.targets else None

    @property
    def measured(self) -> float:
        b = self.bottleneck
        return b.width if b is not None else self.entry_width


def entry_doors(ctx: Context) -> dict[str, str]:
    """Room id -> its entry door: the last door on the shortest door path from the unit's
    entrance door (widest door where two rooms share several); the entrance room's entry is the
    entrance door itself."""

    def compute() -> dict[str, str]:
        out: dict[str, str] = {}
        for u in ctx.plan.units:
            if not u.entrance_door:
                continue
            members = set(u.rooms)
            start = next((r for r in ctx.door(u.entrance_door).rooms if r in members), None)
            if start is None:
                continue
            adj: dict[str, dict[str, Door]] = {r: {} for r in u.rooms}  # room -> neighbour -> its widest door there
            for d in ctx.plan.doors:
                a, b = d.rooms
                if a in members and b in members and a != b:
                    if b not in adj[a] or adj[a][b].clear_width_mm < d.clear_width_mm:
                        adj[a][b] = adj[b][a] = d
            out[start] = u.entrance_door
            for rid, path in bfs_paths(adj, start).items():
                if len(path) > 1:
                    out[rid] = adj[path[-2]][rid].id
        return out

    return ctx.memo(("entry-doors",), compute)


def entry_door(ctx: Context, rid: str) -> str | None:
    """The door a room is entered by (:func:`entry_doors`; outside a unit its widest door)."""
    did = entry_doors(ctx).get(rid)
    if did is not None:
        return did
    doors = ctx.doors_of(rid)
    return max(doors, key=lambda d: (d.clear_width_mm, d.id)).id if doors else None


def room_passages(ctx: Context, rid: str, spec: PassageSpec) -> RoomPassages | None:
    """Widest passage from the room's entry door to each of its doors and windows (None: no door)."""
    return ctx.memo(("passages", rid, spec), lambda: _measure(ctx, rid, spec))


def _measure(ctx: Context, rid: str, spec: PassageSpec) -> RoomPassages | None:
    entry = entry_door(ctx, rid)
    if entry is None:
        return None
    room = ctx.room(rid).polygon
    fl = spec.floor
    free = free_floor(ctx, rid, fl)
    obst = obstacles(ctx, rid, fl)

    def eroded_at(w: float) -> BaseGeometry:
        return eroded(ctx, rid, fl, w / 2)

    def depth(w: float) -> float:
        return w / 2 + APPROACH_MARGIN_MM

    def zone_of(did: str) -> Callable[[float], BaseGeometry]:
        d = ctx.door(did)
        return lambda w: door_zone(ctx, d, rid, depth(w))

    entry_zone = zone_of(entry)
    _, _, r = free_circle(ctx, rid, fl)
    hi = min(CAP_MM, 2 * r + STEP_MM)
    entry_width = widest_width(lambda w: bool(touching(eroded_at(w), entry_zone(w))), hi)

    def widest(zone: Callable[[float], BaseGeometry]) -> float:
        return widest_width(lambda w: connects(eroded_at(w), entry_zone(w), zone(w)), entry_width)

    targets = []
    for d in ctx.doors_of(rid):
        if d.id != entry:
            zone = zone_of(d.id)
            targets.append(Target("door", d.id, zone, widest(zone)))
    if spec.to_windows:
        for win in ctx.plan.windows_of_room(rid):
            _, extra = window_zone(win, room, obst, 0.0)

            def win_zone(w: float, win=win) -> BaseGeometry:
                return window_zone(win, room, obst, depth(w))[0]

            targets.append(Target("window", win.id, win_zone, widest(win_zone), extra))
    return RoomPassages(rid, entry, entry_zone, entry_width, tuple(targets), free, eroded_at)


def bottleneck_location(ctx: Context, rid: str, spec: PassageSpec) -> BaseGeometry | None:
    """Where the way to the bottleneck target closes (see :func:`planeval.measure.reach.neck`);
    None when the room has no door.

    At the measured width ``w*`` the entry and the target are connected; at ``w* + step`` they are
    not. The pinch is the first gap on the way between the eroded components at ``w* + step``
    (:func:`~planeval.measure.reach.pinch_on_way`), or the approach itself when the entry or the
    target has no room for the wider disc; the location is the segment across the free floor
    there, about ``w*`` long.
    """
    m = room_passages(ctx, rid, spec)
    if m is None:
        return None
    return ctx.memo(("passage-neck", rid, spec), lambda: _bottleneck_location(m))


def _bottleneck_location(m: RoomPassages) -> BaseGeometry:
    t = m.bottleneck
    w = m.measured
    if w <= 0:
        zone = (t.zone if t else m.entry_zone)(STEP_MM)
        return zone.intersection(m.free) if not zone.intersection(m.free).is_empty else zone
    w_hi = w + STEP_MM
    er_hi = m.eroded(w_hi)
    side_a = touching(er_hi, m.entry_zone(w_hi))
    side_b = touching(er_hi, t.zone(w_hi)) if t else []
    p = None
    if side_a and side_b and t is not None:
        p = pinch_on_way(m.eroded(w), er_hi, m.entry_zone(w_hi), t.zone(w_hi)) or pinch_point(side_a, side_b)
    if p is None:
        zone = m.entry_zone(w) if not side_a or t is None else t.zone(w)
        here = m.eroded(w).intersection(zone)
        if here.is_empty:
            return zone
        p = here.representative_point()
    return neck(m.free, p, width=w)


def corridors(ctx: Context, rid: str, spec: PassageSpec, width: float, tolerance: float) -> BaseGeometry:
    """Floor swept by a disc of ``width`` from the entry door to every target it reaches (within
    ``tolerance``): the union of :func:`corridor_to` each of them."""
    m = room_passages(ctx, rid, spec)
    if m is None:
        return Polygon()
    parts = [corridor_to(ctx, rid, spec, t.id, width) for t in m.targets if t.width + tolerance >= width]
    if not m.targets and m.entry_width + tolerance >= width:
        parts.append(corridor_to(ctx, rid, spec, None, width))
    parts = [g for g in parts if not g.is_empty]
    return shapely.union_all(parts) if parts else Polygon()


def corridor_to(ctx: Context, rid: str, spec: PassageSpec, target: str | None, width: float) -> BaseGeometry:
    """Floor a disc of ``width`` sweeps from the entry door to ``target`` (a door or window id; None:
    standing in front of the entry door) along the target's :func:`route`. Memoised per disc width
    (a chair width, not a requirement: equal widths share it); another width only buffers the same
    route again."""
    m = room_passages(ctx, rid, spec)
    assert m is not None, "corridors are drawn for rooms with a door"

    def compute() -> BaseGeometry:
        r = route(ctx, rid, spec, target)
        return Polygon() if r.is_empty else r.buffer(width / 2, quad_segs=8).intersection(m.free)

    return ctx.memo(("passage-corridor", rid, spec, target, width), compute)


def _centre_path(component: Polygon, zone_a: BaseGeometry, zone_b: BaseGeometry) -> BaseGeometry:
    """The shortest path inside ``component`` (the disc centre's space) from ``zone_a`` to ``zone_b``
    (as :func:`planeval.measure.paths.corridor`, before it is swept)."""
    start, end = component.intersection(zone_a), component.intersection(zone_b)
    if start.is_empty or end.is_empty:
        return Polygon()
    return shortest_path(component, start.representative_point(), end.representative_point())


def route(ctx: Context, rid: str, spec: PassageSpec, target: str | None) -> BaseGeometry:
    """Where the centre of the widest disc that reaches ``target`` moves: the shortest path from the
    entry door's approach to the target's inside the free floor eroded by half the target's widest
    passage (None: the centres in front of the entry door at its widest disc). Measured once, at the
    widest width, so it is independent of any required width: a narrower disc fits on it too (its
    clearance is at least half the widest width), and a sweep judging another width only buffers it."""
    m = room_passages(ctx, rid, spec)
    assert m is not None, "routes are measured for rooms with a door"

    def compute() -> BaseGeometry:
        t = next((t for t in m.targets if t.id == target), None)
        if t is None:
            w = m.entry_width
            return m.eroded(w).intersection(m.entry_zone(w))
        w = t.width
        comps = [c for c in touching(m.eroded(w), m.entry_zone(w)) if c.intersects(t.zone(w))]
        return _centre_path(comps[0], m.entry_zone(w), t.zone(w)) if comps else Polygon()

    return ctx.memo(("passage-route", rid, spec, target), compute)
