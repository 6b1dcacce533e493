"""The m² a requirement costs: how far each wall of a room can move inwards before a rule fails.

For a room and each of its walls (polygon edges), the wall is moved inwards by ``d`` along its
normal; the doors, windows and fixtures on that wall move with it, and so does the facing edge of
the room on the other side of the wall when it lies within that wall's extent (the neighbour grows;
otherwise the strip leaves the plan). The moved plan is measured afresh and judged by the rule set;
``d`` is found by bisection, exact to ``step_mm`` (5 mm), as the largest move for which no finding
of the room's unit (the unit, its rooms and their doors; the room and its doors when it belongs to
no unit) turns from pass to fail and no new failure appears. ``limited_by`` names the codes that
fail one step further (``geometry`` when the room itself runs out: a move to within 100 mm of the
opposite side, or a polygon that would fold).

Directions are the outward normal of the wall as drawn: ``north`` (+y), ``east`` (+x), ``south``,
``west`` for axis-aligned walls, otherwise degrees counter-clockwise from +x. ``freed_m2`` is the
room's area lost at ``max_move_mm``. The search assumes that a move that fails is not followed by a
larger one that passes (the bisection's premise; true for the free-floor rules, which only lose
floor as the wall moves).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from shapely import affinity
from shapely.geometry import LineString, Polygon
from shapely.geometry.polygon import orient

from planeval.findings import Status
from planeval.model.types import Door, Plan, Room

__all__ = ["Wall", "WallShrink", "RoomShrink", "walls_of", "move_wall", "shrink_room", "shrink_plan", "shrink_report",
           "shrink_text", "STEP_MM"]

Point = tuple[float, float]

STEP_MM = 5.0
MIN_DEPTH_MM = 100.0  #: a wall stops this far from the opposite side of its room
ON_WALL_MM = 300.0  #: doors and windows this close to the wall's line (within its extent) sit in it
AGAINST_WALL_MM = 50.0  #: fixtures this close to the wall stand against it


@dataclass(frozen=True)
class Wall:
    """One edge of a room polygon (counter-clockwise), with its outward unit normal."""

    index: int
    a: tuple[float, float]
    b: tuple[float, float]
    normal: tuple[float, float]

    @property
    def length_mm(self) -> float:
        return math.dist(self.a, self.b)

    @property
    def direction(self) -> str:
        deg = math.degrees(math.atan2(self.normal[1], self.normal[0])) % 360.0
        for name, at in (("east", 0.0), ("north", 90.0), ("west", 180.0), ("south", 270.0), ("east", 360.0)):
            if abs(deg - at) < 0.5:
                return name
        return f"{deg:.0f}°"


@dataclass(frozen=True)
class WallShrink:
    room: str
    wall: int
    direction: str
    length_mm: float
    max_move_mm: float
    freed_m2: float
    limited_by: tuple[str, ...]


@dataclass(frozen=True)
class RoomShrink:
    room: str
    label: str
    function: str
    unit: str | None
    walls: tuple[WallShrink, ...]

    @property
    def best(self) -> WallShrink | None:
        return max(self.walls, key=lambda w: (w.freed_m2, -w.wall)) if self.walls else None

    @property
    def best_freed_m2(self) -> float:
        return self.best.freed_m2 if self.best else 0.0


def walls_of(room: Room) -> list[Wall]:
    coords = list(orient(room.polygon, sign=1.0).exterior.coords)[:-1]
    out = []
    for i, a in enumerate(coords):
        b = coords[(i + 1) % len(coords)]
        length = math.dist(a, b)
        if length < 1.0:
            continue
        out.append(Wall(i, (a[0], a[1]), (b[0], b[1]), ((b[1] - a[1]) / length, -(b[0] - a[0]) / length)))
    return out


def _intersect(p1: Point, d1: Point, p2: Point, d2: Point) -> Point | None:
    det = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(det) < 1e-9:
        return None
    t = ((p2[0] - p1[0]) * d2[1] - (p2[1] - p1[1]) * d2[0]) / det
    return (p1[0] + t * d1[0], p1[1] + t * d1[1])


def _moved_polygon(poly: Polygon, i: int, shift: Point) -> Polygon | None:
    """``poly`` (counter-clockwise) with edge ``i`` shifted by ``shift``, its neighbours extended or cut to meet it."""
    pts = list(poly.exterior.coords)[:-1]
    n = len(pts)
    a, b = pts[i], pts[(i + 1) % n]
    prev, nxt = pts[(i - 1) % n], pts[(i + 2) % n]
    a2, b2 = (a[0] + shift[0], a[1] + shift[1]), (b[0] + shift[0], b[1] + shift[1])
    d = (b[0] - a[0], b[1] - a[1])
    pa = _intersect(prev, (a[0] - prev[0], a[1] - prev[1]), a2, d)
    pb = _intersect(nxt, (b[0] - nxt[0], b[1] - nxt[1]), b2, d)
    if pa is None or pb is None:  # a neighbour edge is parallel (collinear): the wall's ends just move
        pa, pb = pa or a2, pb or b2
    pts[i], pts[(i + 1) % n] = pa, pb
    out = Polygon(pts)
    return out if out.is_valid and out.area > 0 else None


def _on_wall(p: Point, wall: Wall, reach: float) -> bool:
    ux, uy = (wall.b[0] - wall.a[0]) / wall.length_mm, (wall.b[1] - wall.a[1]) / wall.length_mm
    rx, ry = p[0] - wall.a[0], p[1] - wall.a[1]
    along = rx * ux + ry * uy
    return -1.0 <= along <= wall.length_mm + 1.0 and abs(rx * wall.normal[0] + ry * wall.normal[1]) <= reach


def _move_door(d: Door, dx: float, dy: float) -> Door:
    def pt(p: Point) -> Point:
        return (p[0] + dx, p[1] + dy)

    swing = affinity.translate(d.swing, dx, dy) if d.swing else None
    return dataclasses.replace(d, hinge=pt(d.hinge), latch=pt(d.latch), swing=swing,
                               leaves=tuple((pt(h), pt(latch)) for h, latch in d.leaves),
                               open_ends=tuple(pt(p) for p in d.open_ends))


def _facing(plan: Plan, rid: str, wall: Wall) -> tuple[Room, Wall] | None:
    """The room across the wall whose facing edge lies within the wall's extent (it moves with the wall)."""
    for other in plan.rooms:
        if other.id == rid:
            continue
        for w in walls_of(other):
            opposite = w.normal[0] * wall.normal[0] + w.normal[1] * wall.normal[1] < -0.9998
            if opposite and _on_wall(w.a, wall, 2 * ON_WALL_MM) and _on_wall(w.b, wall, 2 * ON_WALL_MM):
                gap = (w.a[0] - wall.a[0]) * wall.normal[0] + (w.a[1] - wall.a[1]) * wall.normal[1]
                if 0.0 <= gap <= 2 * ON_WALL_MM:
                    return other, w
    return None


def move_wall(plan: Plan, rid: str, wall: Wall, d: float) -> Plan | None:
    """``plan`` with ``wall`` of room ``rid`` moved ``d`` mm inwards (None when the room would fold)."""
    dx, dy = -wall.normal[0] * d, -wall.normal[1] * d
    room = next(r for r in plan.rooms if r.id == rid)
    poly = _moved_polygon(orient(room.polygon, sign=1.0), wall.index, (dx, dy))
    if poly is None:
        return None
    rooms = {r.id: r for r in plan.rooms}
    rooms[rid] = dataclasses.replace(room, polygon=poly)
    moved_walls = [wall]
    facing = _facing(plan, rid, wall)
    if facing is not None:
        other, w = facing
        grown = _moved_polygon(orient(other.polygon, sign=1.0), w.index, (dx, dy))
        if grown is not None and not grown.intersection(poly).area > 1.0:
            rooms[other.id] = dataclasses.replace(other, polygon=grown)
            moved_walls.append(w)
    doors = tuple(_move_door(x, dx, dy) if _on_wall(x.hinge, wall, ON_WALL_MM) and _on_wall(x.latch, wall, ON_WALL_MM) else x
                  for x in plan.doors)
    windows = tuple(dataclasses.replace(x, polygon=affinity.translate(x.polygon, dx, dy))
                    if x.polygon.distance(LineString([wall.a, wall.b])) <= ON_WALL_MM else x for x in plan.windows)
    lines = [LineString([w.a, w.b]) for w in moved_walls]
    fixtures = tuple(dataclasses.replace(f, polygon=affinity.translate(f.polygon, dx, dy))
                     if any(f.polygon.distance(line) <= AGAINST_WALL_MM for line in lines) else f for f in plan.fixtures)
    return dataclasses.replace(plan, rooms=tuple(rooms[r.id] for r in plan.rooms), doors=doors, windows=windows,
                               fixtures=fixtures)


def _scope(plan: Plan, room: Room) -> set[str]:
    """The subjects whose findings a move of this room's walls may not break."""
    rooms = {r.id for r in plan.rooms if room.unit and r.unit == room.unit} or {room.id}
    doors = {d.id for d in plan.doors if set(d.rooms) & rooms}
    return rooms | doors | ({room.unit} if room.unit else set())


def _failing(plan: Plan, ruleset: Any, scope: set[str]) -> dict[tuple[str, str], Status]:
    from planeval.engine import run

    return {(f.code, f.result.subject): f.status for f in run(plan, ruleset).findings
            if f.result.subject in scope and f.status in (Status.FAIL, Status.ERROR)}


def _depth(room: Room, wall: Wall) -> float:
    """How far the room reaches behind the wall (along the inward normal)."""
    proj = [(wall.a[0] - x) * wall.normal[0] + (wall.a[1] - y) * wall.normal[1] for x, y in room.polygon.exterior.coords]
    return max(proj)


def shrink_wall(plan: Plan, ruleset: Any, room: Room, wall: Wall, step_mm: float = STEP_MM) -> WallShrink:
    scope = _scope(plan, room)
    before = set(_failing(plan, ruleset, scope))

    def breaks(d: float) -> tuple[str, ...]:
        moved = move_wall(plan, room.id, wall, d)
        if moved is None:
            return ("geometry",)
        new = set(_failing(moved, ruleset, scope)) - before
        return tuple(sorted({code for code, _ in new}))

    hi = max(0.0, _depth(room, wall) - MIN_DEPTH_MM)
    lo = 0.0
    limited: tuple[str, ...] = ("geometry",)
    why_hi = breaks(hi) if hi > 0 else limited
    if not why_hi:
        lo = hi
    else:
        limited = why_hi
        while hi - lo > step_mm:
            mid = (lo + hi) / 2
            why = breaks(mid)
            if why:
                hi, limited = mid, why
            else:
                lo = mid
    moved = move_wall(plan, room.id, wall, lo) if lo > 0 else None
    freed = (room.polygon.area - next(r for r in moved.rooms if r.id == room.id).polygon.area) / 1e6 if moved else 0.0
    return WallShrink(room.id, wall.index, wall.direction, round(wall.length_mm, 1), round(lo, 1), round(freed, 3), limited)


def shrink_room(plan: Plan, ruleset: Any, rid: str, step_mm: float = STEP_MM) -> RoomShrink:
    room = next(r for r in plan.rooms if r.id == rid)
    walls = tuple(shrink_wall(plan, ruleset, room, w, step_mm) for w in walls_of(room))
    return RoomShrink(room.id, room.display_name, room.function, room.unit, walls)


def shrink_plan(plan: Plan, ruleset: Any, rooms: list[str] | None = None, step_mm: float = STEP_MM) -> Iterator[RoomShrink]:
    """Every room (of a unit, balconies included), or the rooms named, one after the other."""
    for r in plan.rooms:
        if (rooms is None and r.unit is not None) or (rooms is not None and r.id in rooms):
            yield shrink_room(plan, ruleset, r.id, step_mm)


def _pick(plan: Plan, room: str | None) -> list[str] | None:
    """Room ids for ``--room`` (an id or a label, case-insensitive); None: every room of a unit."""
    from planeval.errors import InputError

    if room is None:
        return None
    hits = [r.id for r in plan.rooms if r.id == room or r.label.casefold() == room.casefold()]
    if not hits:
        names = ", ".join(f"{r.id} {r.display_name}" for r in plan.rooms)
        raise InputError(f"--room {room}: no room with that id or label (rooms: {names})")
    return hits


def shrink_report(plan: Plan, rulesets: list[Any], room: str | None = None, step_mm: float = STEP_MM) -> dict[str, Any]:
    """The shrink document: per rule set, room and wall; with a second rule set, what its relaxation frees."""
    ids = _pick(plan, room)
    sets = []
    for rs in rulesets:
        rooms = list(shrink_plan(plan, rs, ids, step_mm))
        units: dict[str, float] = {}
        for r in rooms:
            if r.unit:
                units[r.unit] = max(units.get(r.unit, 0.0), r.best_freed_m2)
        sets.append({"ruleset": rs.name, "rooms": [
            {"room": r.room, "label": r.label, "function": r.function, "unit": r.unit, "best_freed_m2": r.best_freed_m2,
             "walls": [dataclasses.asdict(w) | {"limited_by": list(w.limited_by)} for w in r.walls]} for r in rooms],
            "units": [{"unit": u, "best_freed_m2": round(v, 3)} for u, v in sorted(units.items())]})
    doc: dict[str, Any] = {"plan": plan.source.path, "step_mm": step_mm, "rulesets": sets}
    if len(sets) == 2:
        a, b = ({(r["room"], w["wall"]): w["freed_m2"] for r in s["rooms"] for w in r["walls"]} for s in sets)
        doc["compare"] = [{"room": key[0], "wall": key[1], "freed_m2": a[key], "freed_m2_compare": b.get(key, 0.0),
                           "relaxation_frees_m2": round(b.get(key, 0.0) - a[key], 3)} for key in a]
    return doc


def shrink_text(doc: dict[str, Any]) -> str:
    lines = [f"{doc['plan']}: how far each wall can move in (exact to {doc['step_mm']:g} mm)"]
    for s in doc["rulesets"]:
        lines.append(f"\n{s['ruleset']}")
        for r in s["rooms"]:
            lines.append(f"  {r['room']} {r['label']} ({r['function']}{', ' + r['unit'] if r['unit'] else ''}): "
                         f"best {r['best_freed_m2']:.2f} m²")
            for w in r["walls"]:
                by = ", ".join(w["limited_by"])
                lines.append(f"    wall {w['wall']} {w['direction']:<6} {w['length_mm'] / 1000:5.2f} m: "
                             f"in by {w['max_move_mm']:6.0f} mm, frees {w['freed_m2']:5.2f} m² (limited by {by})")
        for u in s["units"]:
            lines.append(f"  unit {u['unit']}: best {u['best_freed_m2']:.2f} m²")
    if "compare" in doc:
        gain = [c for c in doc["compare"] if c["relaxation_frees_m2"]]
        lines.append(f"\n{doc['rulesets'][1]['ruleset']} against {doc['rulesets'][0]['ruleset']}: "
                     f"{len(gain)} walls move further")
        for c in gain:
            lines.append(f"  {c['room']} wall {c['wall']}: +{c['relaxation_frees_m2']:.2f} m²")
    return "\n".join(lines) + "\n"
