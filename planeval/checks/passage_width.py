"""Free passage to every door and window.

What it checks
    In each room of the listed functions, a wheelchair passage of ``width_mm`` (a disc of that
    diameter moving through the free floor) connects the room's entry door to every other door of
    the room and — with ``to_windows`` — to every window. Free floor = room minus fixtures, minus
    furniture when ``furnished`` (the passage lies outside the furnishing zone).

Why
    TEK17 §12-7 (4) c: rooms for permanent stay (stue, kjøkken, soverom) shall have a free passage
    of at least 0.9 m to the door and the window outside the furnishing zone; §12-8 (1) a: free
    passage of 0.9 m in the entrance hall. Husbanken care housing recommends 1.2 m; ADA 403.5.1
    36 in (915 mm).

Parameters
    width_mm (mm), functions (room functions), to_windows (bool), furnished (bool),
    floor_kinds (fixture kinds that are floor), tolerance_mm (mm).

Passes / Fails
    One result per room: measured = the widest passage that reaches every target (the
    bottleneck), required = ``width_mm``. Passes when it is at least the required width; fails
    naming the target not reached and where the bottleneck is. Not applicable when no room of
    the functions exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import networkx as nx
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.checks import _reach
from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, compare
from planeval.measure import Context

SPEC = RuleSpec(
    code="PA01",
    name="passage-width",
    title="free passage to doors and windows in rooms for permanent stay and the entrance",
    overlay="passages",
    zone_kinds=(ZoneKind.PASSAGE,),
    accessibility=True,
)


@dataclass(frozen=True)
class Params:
    width_mm: float = param("width of the free passage (a moving disc) from the room's entry door to every other door (mm)")
    functions: tuple[str, ...] = param("room functions checked")
    to_windows: bool = param("the passage must also reach every window of the room")
    furnished: bool = param("also subtract drawn furniture from the free floor (the passage lies outside the furnishing)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the passage with width_mm")


# -- measurement: independent of ``width_mm``, memoised, shared by every rule set ---------------


@dataclass(frozen=True)
class Target:
    """A door or window of the room, and the widest passage reaching it from the entry door."""

    kind: str  # "door" | "window"
    id: str
    zone: Callable[[float], BaseGeometry]  # approach zone for a passage of width w
    width: float  # widest passage from the entry door (mm); 0 when blocked
    note: str = ""  # how it is approached ("in front of what stands under the window")

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
            g = nx.Graph()
            g.add_nodes_from(u.rooms)
            for d in ctx.plan.doors:
                a, b = d.rooms
                if a in members and b in members and a != b:
                    if not g.has_edge(a, b) or g.edges[a, b]["width"] < d.clear_width_mm:
                        g.add_edge(a, b, door=d.id, width=d.clear_width_mm)
            out[start] = u.entrance_door
            for rid, path in nx.single_source_shortest_path(g, start).items():
                if len(path) > 1:
                    out[rid] = g.edges[path[-2], rid]["door"]
        return out

    return ctx.memo(("PA01-entry-doors",), compute)


def _entry_door(ctx: Context, rid: str) -> str | None:
    did = entry_doors(ctx).get(rid)
    if did is not None:
        return did
    doors = ctx.doors_of(rid)
    return max(doors, key=lambda d: (d.clear_width_mm, d.id)).id if doors else None


def measure(ctx: Context, rid: str, p: Params) -> RoomPassages | None:
    """Widest passage from the room's entry door to each of its doors and windows (None: no door)."""
    key = ("PA01", rid, p.furnished, p.floor_kinds, p.to_windows)
    return ctx.memo(key, lambda: _measure(ctx, rid, p))


def _measure(ctx: Context, rid: str, p: Params) -> RoomPassages | None:
    entry = _entry_door(ctx, rid)
    if entry is None:
        return None
    room = ctx.room(rid).polygon
    free = ctx.free_floor(rid, furnished=p.furnished, floor_kinds=p.floor_kinds)
    free_key = ("free", rid, p.furnished, p.floor_kinds, (), 0.0, ())
    obstacles = ctx.obstacles(rid, furnished=p.furnished, floor_kinds=p.floor_kinds)

    def eroded(w: float) -> BaseGeometry:
        return ctx.eroded(free_key, free, w / 2)

    def depth(w: float) -> float:
        return w / 2 + _reach.APPROACH_MARGIN_MM

    def door_zone(did: str) -> Callable[[float], BaseGeometry]:
        d = ctx.door(did)
        return lambda w: _reach.door_zone(ctx, d, rid, depth(w))

    entry_zone = door_zone(entry)
    _, _, r = ctx.circle(free_key, free)
    hi = min(_reach.CAP_MM, 2 * r + _reach.STEP_MM)
    entry_width = _reach.bisect_max(lambda w: bool(_reach.touching(eroded(w), entry_zone(w))), hi)

    def widest(zone: Callable[[float], BaseGeometry]) -> float:
        return _reach.bisect_max(lambda w: _reach.connects(eroded(w), entry_zone(w), zone(w)), entry_width)

    targets = []
    for d in ctx.doors_of(rid):
        if d.id != entry:
            zone = door_zone(d.id)
            targets.append(Target("door", d.id, zone, widest(zone)))
    if p.to_windows:
        for win in ctx.plan.windows_of_room(rid):
            _, extra = _reach.window_zone(win, room, obstacles, 0.0)

            def zone(w: float, win=win) -> BaseGeometry:
                return _reach.window_zone(win, room, obstacles, depth(w))[0]

            note = f"in front of what stands under it ({extra:.0f} mm deep)" if extra > 0 else ""
            targets.append(Target("window", win.id, zone, widest(zone), note))
    return RoomPassages(rid, entry, entry_zone, entry_width, tuple(targets), free, eroded)


def bottleneck_location(m: RoomPassages) -> BaseGeometry:
    """Where the way to the bottleneck target closes (see :func:`_reach.neck`).

    At the measured width ``w*`` the entry and the target are connected; at ``w* + step`` they are
    not. The pinch is the first gap on the way between the eroded components at ``w* + step``
    (:func:`_reach.pinch_on_way`), or the approach itself when the entry or the target has no
    room for the wider disc; the location is the segment across the free floor there, about
    ``w*`` long (:func:`_reach.neck`).
    """
    t = m.bottleneck
    w = m.measured
    if w <= 0:
        zone = (t.zone if t else m.entry_zone)(_reach.STEP_MM)
        return zone.intersection(m.free) if not zone.intersection(m.free).is_empty else zone
    w_hi = w + _reach.STEP_MM
    er_hi = m.eroded(w_hi)
    side_a = _reach.touching(er_hi, m.entry_zone(w_hi))
    side_b = _reach.touching(er_hi, t.zone(w_hi)) if t else []
    p = None
    if side_a and side_b:
        p = _reach.pinch_on_way(m.eroded(w), er_hi, m.entry_zone(w_hi), t.zone(w_hi)) or _reach.pinch_point(side_a, side_b)
    if p is None:
        zone = m.entry_zone(w) if not side_a or t is None else t.zone(w)
        here = m.eroded(w).intersection(zone)
        if here.is_empty:
            return zone
        p = here.representative_point()
    return _reach.neck(m.free, p, w)


def corridors(m: RoomPassages, width: float, tolerance: float) -> BaseGeometry:
    """Floor swept by a disc of ``width`` from the entry door to every target it reaches."""
    parts = []
    for t in m.targets:
        if t.width + tolerance < width:
            continue
        w = min(width, t.width)
        comps = [c for c in _reach.touching(m.eroded(w), m.entry_zone(w)) if c.intersects(t.zone(w))]
        if comps:
            parts.append(_reach.corridor(comps[0], m.entry_zone(w), t.zone(w), width, m.free))
    if not m.targets and m.entry_width + tolerance >= width:
        w = min(width, m.entry_width)
        here = m.eroded(w).intersection(m.entry_zone(w))
        parts.append(here.buffer(width / 2, quad_segs=8).intersection(m.free))
    parts = [g for g in parts if not g.is_empty]
    return shapely.union_all(parts) if parts else Polygon()


def _fmt(w: float) -> str:
    return f"≥ {w:.0f} mm" if w >= _reach.CAP_MM else f"{w:.0f} mm"


def judge(ctx: Context, rid: str, p: Params) -> Result:
    m = measure(ctx, rid, p)
    name = ctx.room(rid).display_name
    if m is None:
        return Result(rid, Status.NEEDS_REVIEW, None, p.width_mm, "mm", f"{name}: no door recognised, so no passage to judge",
                      location=ctx.room(rid).polygon)
    measured = m.measured
    status = compare(measured, p.width_mm, eps=p.tolerance_mm)
    short = [t for t in m.targets if t.width + p.tolerance_mm < p.width_mm]
    location = ctx.memo(("PA01-neck", rid, p.furnished, p.floor_kinds, p.to_windows), lambda: bottleneck_location(m))
    zone = ctx.memo(("PA01-corridors", rid, p.furnished, p.floor_kinds, p.to_windows, p.width_mm, p.tolerance_mm),
                    lambda: corridors(m, p.width_mm, p.tolerance_mm))
    b = m.bottleneck
    to = f"to {b.name}" if b else f"in front of the entry door {m.entry}"
    if status is Status.PASS:
        message = f"free passage {_fmt(measured)} ≥ {p.width_mm:.0f} mm from door {m.entry} to every door{' and window' if p.to_windows else ''} (narrowest {to})"
    elif not m.targets:
        message = f"free passage {_fmt(measured)} < {p.width_mm:.0f} mm in front of the entry door {m.entry}"
    else:
        names = ", ".join(f"{t.name} ({_fmt(t.width)})" for t in sorted(short, key=lambda t: t.width))
        message = f"free passage {_fmt(measured)} < {p.width_mm:.0f} mm {to}; not reached from door {m.entry} at {p.width_mm:.0f} mm: {names}"
    return Result(
        subject=rid,
        status=status,
        measured=measured,
        required=p.width_mm,
        unit="mm",
        message=message,
        location=location,
        zones=(Zone("passage", zone, rid),) if not zone.is_empty else (),
        details={
            "entry_door": m.entry,
            "targets": {t.id: round(t.width) for t in m.targets},
            "not_reached": [t.id for t in short],
            "bottleneck": b.id if b else m.entry,
            **({"approached_over": {t.id: t.note for t in m.targets if t.note}} if any(t.note for t in m.targets) else {}),
        },
    )


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.width_mm, "mm", f"no room with function {', '.join(p.functions)}")
        return
    for r in rooms:
        yield judge(ctx, r.id, p)


__all__ = ["SPEC", "Params", "check", "measure", "entry_doors", "RoomPassages", "Target"]
