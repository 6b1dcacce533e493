"""The room graph (rooms and "outside" as nodes, doors as edges), dwelling units and door roles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import shapely

from planeval.diagnostics import DiagnosticLog
from planeval.graphs import components
from planeval.model.types import OUTSIDE, Door, DoorRole, Room, Unit, room_graph

__all__ = ["room_graph", "graph_lists", "find_units", "door_roles", "connect"]


def graph_lists(rooms: Sequence[Room], doors: Sequence[Door]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The nodes and the edges ``(a, b, door)`` of :func:`room_graph` as networkx lists them (nodes in
    the order added; an edge from the end added first), without building it."""
    order: dict[str, int] = {OUTSIDE: 0}
    for r in rooms:
        order.setdefault(r.id, len(order))
    for d in doors:
        for x in d.rooms:
            order.setdefault(x, len(order))
    edges = []
    for d in doors:
        a, b = d.rooms
        edges.append((a, b, d.id) if order[a] <= order[b] else (b, a, d.id))
    return list(order), edges


def find_units(rooms: list[Room], doors: list[Door], log: DiagnosticLog) -> tuple[dict[str, str], list[Unit]]:
    """Dwelling units: components of the door graph once common rooms (corridors, stairwells) are removed.

    Returns room id -> unit id and the units (ids U1… ordered by position, top-left first).
    """
    common = {r.id for r in rooms if r.common}
    private = [r for r in rooms if not r.common]
    adj: dict[str, set[str]] = {r.id: set() for r in private}  # the door graph of the private rooms
    for d in doors:
        a, b = d.rooms
        if a in adj and b in adj and a != b:
            adj[a].add(b)
            adj[b].add(a)
    by_id = {r.id: r for r in rooms}
    if not common:
        comps = _flats(adj, by_id, doors, log) or ([set(adj)] if private else [])
        lonely = [n for n in adj if not adj[n] and not any(n in d.rooms for d in doors)]
        for n in lonely:
            log.warning("room-without-door", f"room {n} ({by_id[n].display_name}) has no door: it may be closed off, "
                        "or its door was not recognised", subject=n)
    else:
        comps = components(adj, adj)
        living = {"living", "bedroom", "kitchen"}
        main = [c for c in comps if len(c) > 1 or any(set(by_id[n].functions) & living for n in c)]
        rest = [c for c in comps if c not in main]
        for c in rest:
            (n,) = tuple(c)
            if any(n in d.rooms for d in doors):
                # a room with its own door to the corridor or outside (a technical room, a common
                # store): building service, in no unit
                log.info("room-common", f"room {n} ({by_id[n].display_name}) opens only to common space or outside: "
                         "counted in no unit", subject=n)
                continue
            near = [m for m in main if min(by_id[n].polygon.distance(by_id[x].polygon) for x in m) < 500.0]
            if near:
                near[0].add(n)
                log.info("room-attached", f"room {n} ({by_id[n].display_name}) has no door of its own; "
                         "attached to the neighbouring unit", subject=n)
            else:
                log.warning("room-without-unit", f"room {n} ({by_id[n].display_name}) belongs to no unit "
                            "(no door to one, not beside one)", subject=n)
        comps = main
    keyed = []
    for c in comps:
        centre = shapely.union_all([by_id[n].polygon for n in c]).centroid
        keyed.append(((-round(centre.y / 1000.0), round(centre.x / 1000.0)), sorted(c)))
    keyed.sort()
    unit_of: dict[str, str] = {}
    units: list[Unit] = []
    for i, (_, members) in enumerate(keyed, start=1):
        uid = f"U{i}"
        for n in members:
            unit_of[n] = uid
        units.append(Unit(uid, tuple(sorted(members, key=_id_num)), None))
    return unit_of, units


def _flats(adj: dict[str, set[str]], by_id: dict[str, Room], doors: list[Door], log: DiagnosticLog) -> list[set[str]]:
    """Flats that share no drawn corridor: one unit per entrance door and the rooms behind it.

    The rooms joined by doors fall into groups; when two or more groups each have a door of their
    own to the outside (or to an undrawn gallery) and hold a dwelling (two rooms or more with a
    living room, bedroom or kitchen among them, or 25 m² of rooms), each is a unit. Groups without
    such a door (a store with no door, a room whose door was missed) join the unit they share the
    longest wall with. Empty when the plan is one dwelling (the caller keeps all rooms together).
    """
    comps = components(adj, adj)
    if len(comps) < 2:
        return []
    outside = {x for d in doors if OUTSIDE in d.rooms and not d.not_judged for x in d.rooms if x != OUTSIDE}
    living = {"living", "bedroom", "kitchen"}

    def dwelling(c: set[str]) -> bool:
        area = sum(by_id[n].area_m2 for n in c)
        return bool(c & outside) and (len(c) >= 2 or area >= 25.0) and (
            any(set(by_id[n].functions) & living for n in c) or area >= 25.0)

    flats = [c for c in comps if dwelling(c)]
    if len(flats) < 2:
        return []
    shapes = [shapely.union_all([by_id[n].polygon for n in c]).buffer(300.0) for c in flats]
    for c in comps:
        if dwelling(c):
            continue
        shape = shapely.union_all([by_id[n].polygon for n in c])
        shared = [shape.intersection(s).area for s in shapes]
        if max(shared) > 0:
            flats[shared.index(max(shared))] |= c
        elif c & outside:
            log.info("room-common", f"rooms {', '.join(sorted(c))} open only to the outside and hold no dwelling: "
                     "counted in no unit", subject=sorted(c)[0])
    log.info("units-by-entrance", f"{len(flats)} dwellings with entrances of their own and no drawn common corridor: "
             "one unit per entrance door and the rooms behind it")
    return flats


def _id_num(rid: str) -> int:
    digits = "".join(ch for ch in rid if ch.isdigit())
    return int(digits) if digits else 0


def door_roles(rooms: dict[str, Room], doors: list[Door], units: list[Unit]) -> tuple[dict[str, DoorRole], list[Unit]]:
    """Role of each door; each unit's entrance door."""
    roles: dict[str, DoorRole] = {}
    entrance_of: dict[str, str] = {}
    for u in units:
        members = set(u.rooms)
        options = []
        for d in doors:
            a, b = d.rooms
            inside = [x for x in (a, b) if x in members]
            outside = [x for x in (a, b) if x not in members]
            if len(inside) != 1 or len(outside) != 1:
                continue
            other = outside[0]
            room = rooms[inside[0]]
            if other != OUTSIDE and not rooms[other].common:
                continue
            if room.function == "balcony" or (other != OUTSIDE and rooms[other].function == "balcony"):
                continue
            score = (
                2 if room.function in ("entrance", "hall") else (1 if room.function not in ("bedroom", "bathroom", "wc") else 0),
                1 if other != OUTSIDE else 0,
                d.clear_width_mm,
            )
            options.append((score, d.id))
        if options:
            entrance_of[u.id] = max(options)[1]
    entrances = set(entrance_of.values())
    for d in doors:
        a, b = d.rooms
        ra, rb = rooms.get(a), rooms.get(b)
        if d.id in entrances:
            roles[d.id] = DoorRole.ENTRANCE
        elif (ra and ra.function == "technical") or (rb and rb.function == "technical"):
            roles[d.id] = DoorRole.SERVICE
        elif (ra and ra.function == "balcony") or (rb and rb.function == "balcony"):
            roles[d.id] = DoorRole.BALCONY
        elif OUTSIDE in (a, b):
            roles[d.id] = DoorRole.EXTERIOR
        elif (ra and ra.common) and (rb and rb.common):
            roles[d.id] = DoorRole.COMMON
        elif (ra and ra.common) or (rb and rb.common):
            roles[d.id] = DoorRole.EXTERIOR  # a second door from the corridor into a unit
        else:
            roles[d.id] = DoorRole.INTERNAL
    new_units = [Unit(u.id, u.rooms, entrance_of.get(u.id), u.label) for u in units]
    return roles, new_units


def connect(rooms: list[Room], doors: list[Door], log: DiagnosticLog) -> tuple[list[Room], list[Door], list[Unit]]:
    """Rooms given their unit, doors their role and the units (each with its entrance door); the room
    graph is ``Plan.graph``."""
    unit_of, units = find_units(rooms, doors, log)
    rooms = [replace(r, unit=unit_of.get(r.id)) for r in rooms]
    roles, units = door_roles({r.id: r for r in rooms}, doors, units)
    doors = [replace(d, role=roles[d.id]) for d in doors]
    for u in units:
        if u.entrance_door is None:
            log.warning("no-entrance", f"unit {u.id}: no entrance door found (no door from outside or a common corridor)",
                        subject=u.id)
    return rooms, doors, units
