"""Drawing -> Plan: rooms, doors, windows, fixtures, units and the room graph.

``build_plan(drawing)`` runs the model stages in order (see ``docs`` in each module):

1. wall geometry of the floor-plan views (falling back to unnamed layers when no wall layer exists);
2. doors from swings (arcs, bulges, segmented polylines) and door blocks;
3. rooms: drawn room polygons, and faces of the wall linework sealed at openings and door chords;
4. labels and functions; windows; fixtures and furniture;
5. doors' rooms, swing room and clear width; plain openings from unclaimed seals;
6. the graph, the dwelling units and each unit's entrance door.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

from planeval.diagnostics import DiagnosticLog
from planeval.errors import InputError
from planeval.perf import gc_paused
from planeval.geometry import extend_segments, polygon, side_points
from planeval.model.attributes import with_door_facts, with_fixture_facts
from planeval.model.doors import DoorCandidate, DoorFinder, Parts, clear_width
from planeval.model.fixtures import find_fixtures
from planeval.model.graph import door_roles, find_units, room_graph
from planeval.model.labels import label_rooms
from planeval.model.linework import Seal, find_seals, group_openings, wall_mass
from planeval.model.rooms import explicit_faces, faces_from_mass, merge_faces
from planeval.model.source import reopen
from planeval.model.types import OUTSIDE, Background, Door, DoorKind, Fixture, Plan, Room, SourceInfo, Unit, Window
from planeval.vocabulary import is_common
from planeval.model.windows import find_windows
from planeval.read.drawing import Drawing, Role
from planeval.read.profiles import Profile

__all__ = ["build_plan", "reopen", "Plan", "Room", "Door", "Window", "Fixture", "Unit", "OUTSIDE"]

PLAN_MARGIN_MM = 1000.0
MAX_FALLBACK_SEGMENTS = 20000  # unrecognised linework beyond this is not guessed into walls
SIDE_OFFSETS_MM = (150.0, 300.0, 500.0, 800.0)


def _position_key(x: float, y: float) -> tuple[int, int]:
    """Top-to-bottom, left-to-right on a 100 mm grid: ids survive small edits."""
    return (-round(y / 100.0), round(x / 100.0))


def build_plan(drawing: Drawing, *, require_rooms: bool = True, room_polygons: bool = True) -> Plan:
    """Build the plan model. Raises :class:`InputError` when nothing recognisable is found.

    ``room_polygons=False`` ignores drawn room boundaries and derives every room from the walls
    (used to check the wall-based recognition against drawings that have both).
    """
    with gc_paused():
        return _build_plan(drawing, require_rooms=require_rooms, room_polygons=room_polygons)


def _build_plan(drawing: Drawing, *, require_rooms: bool, room_polygons: bool) -> Plan:
    log = DiagnosticLog()
    log.extend(drawing.diagnostics)
    profile: Profile = drawing.layer_profile
    boxes = [
        (b[0] - PLAN_MARGIN_MM, b[1] - PLAN_MARGIN_MM, b[2] + PLAN_MARGIN_MM, b[3] + PLAN_MARGIN_MM)
        for b in drawing.plan_boxes
    ]

    def in_plan(x: float, y: float) -> bool:
        return not boxes or any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    # 1. wall geometry -------------------------------------------------------------------
    wall_role = Role.WALL
    wall_segs = [s for s in drawing.segments if s.role is Role.WALL and in_plan(s.x1, s.y1)]
    wall_shapes = [sh for sh in drawing.shapes if sh.role is Role.WALL and sh.kind != "footprint" and in_plan(*sh.exterior[0])]
    wall_len = sum(math.hypot(s.x2 - s.x1, s.y2 - s.y1) for s in wall_segs) + sum(_perimeter(sh.exterior) for sh in wall_shapes)
    if wall_len < 3000.0:
        wall_role = Role.UNKNOWN
        wall_segs = [s for s in drawing.segments if s.role is Role.UNKNOWN and in_plan(s.x1, s.y1)]
        wall_shapes = [
            sh for sh in drawing.shapes
            if sh.role is Role.UNKNOWN and sh.kind in ("polyline", "hatch", "solid") and in_plan(*sh.exterior[0])
        ]
        layers = sorted({s.layer for s in wall_segs} | {sh.layer for sh in wall_shapes})
        if len(wall_segs) + sum(len(sh.exterior) for sh in wall_shapes) > MAX_FALLBACK_SEGMENTS:
            log.error(
                "walls-not-found",
                f"no wall layer recognised, and {len(wall_segs)} lines on unrecognised layers are too many to guess walls from "
                "(this does not look like a floor plan); give a profile with --profile",
            )
            wall_segs, wall_shapes, layers = [], [], []
        if layers:
            log.warning(
                "walls-inferred",
                f"no wall layer recognised; linework on unrecognised layers taken as walls: {', '.join(layers[:6])}"
                + (" …" if len(layers) > 6 else "")
                + " (give a profile with --profile to be exact)",
            )
    wall_lines = [((s.x1, s.y1), (s.x2, s.y2)) for s in wall_segs]
    for a in drawing.arcs:
        if a.role is wall_role and a.sweep_deg < 359.0 and in_plan(a.cx, a.cy) and not (60 <= a.sweep_deg <= 120 and 350 <= a.r <= 1300):
            wall_lines.extend(_arc_chords(a.cx, a.cy, a.r, a.start_deg, a.sweep_deg))
    wall_bodies: list[Polygon] = []
    for sh in wall_shapes:
        ring = list(sh.exterior)
        wall_lines.extend(zip(ring, ring[1:] + ring[:1]))
        p = polygon(sh.exterior, sh.holes)
        if p is not None and (sh.kind in ("hatch", "solid") or shapely.buffer(p, -350).is_empty):
            wall_bodies.append(p)
    poche = _wall_hatches(drawing, in_plan, wall_role)
    if poche:
        layers = sorted({layer for _, layer in poche})
        log.info("walls-from-hatches", f"{len(poche)} wall-like hatches (thin, elongated) used as wall bodies, on layers: {', '.join(layers[:5])}")
        for p, _ in poche:
            for ring in [p.exterior, *p.interiors]:
                c = list(ring.coords)
                wall_lines.extend(zip(c, c[1:]))
            wall_bodies.append(p)
    wall_geoms = shapely.linestrings(np.asarray(wall_lines)) if wall_lines else np.asarray([])
    wall_tree = shapely.STRtree(wall_geoms) if len(wall_geoms) else None

    # 2. doors ---------------------------------------------------------------------------
    finder = DoorFinder(drawing, in_plan, wall_tree, np.asarray(wall_geoms), profile.doors)  # type: ignore[arg-type]
    candidates = finder.swing_doors()
    door_parts = Parts()
    for c in candidates:
        for prim in c.parts:
            door_parts.add(prim)
    leaf_shapes = finder.leaf_shapes(door_parts)
    for sh in leaf_shapes:
        door_parts.add(sh)
    for ins in drawing.inserts:  # door blocks never draw walls or windows
        if ins.role is Role.DOOR:
            door_parts.groups.add(ins.index)

    # 3. rooms ---------------------------------------------------------------------------
    line_objs = [s for s in wall_segs if s not in door_parts]
    lines = [((s.x1, s.y1), (s.x2, s.y2)) for s in line_objs] + wall_lines[len(wall_segs):]
    for s in drawing.segments:
        if s.role in (Role.WINDOW, Role.OPENING) and s not in door_parts and in_plan(s.x1, s.y1):
            lines.append(((s.x1, s.y1), (s.x2, s.y2)))
    segs = np.asarray([[*a, *b] for a, b in lines], dtype=float) if lines else np.zeros((0, 4))
    mass = wall_mass(segs, wall_bodies)
    gap_seals = find_seals(mass)
    openings = group_openings(gap_seals)
    candidates += finder.leafless_doors(candidates, leaf_shapes, openings)
    door_seals = []
    for c in candidates:
        if c.kind is DoorKind.DOUBLE:
            door_seals.append(Seal(c.hinge, c.latch, "door"))
        else:
            for lf in c.leaves:
                door_seals.append(Seal(lf.hinge, lf.latch, "door"))
            if not c.leaves:
                door_seals.append(Seal(c.hinge, c.latch, "door"))
    texts = [t for t in drawing.texts if in_plan(t.x, t.y)]
    from planeval.vocabulary import functions_of

    label_points = [(t.x, t.y) for t in texts if t.role is not Role.IGNORE and functions_of(t.text, profile.labels)]
    derived = faces_from_mass(mass, gap_seals + door_seals, label_points, log)
    room_shapes = [
        (sh.exterior, sh.holes, sh.layer, sh.kind)
        for sh in drawing.shapes
        if room_polygons and sh.role is Role.ROOM and in_plan(*sh.exterior[0])
    ]
    room_shapes += _room_linework(drawing, in_plan) if room_polygons else []
    explicit = explicit_faces(room_shapes, log)
    faces = merge_faces(explicit, derived, log)
    if explicit:
        log.info("rooms-explicit", f"{len(explicit)} rooms from room polygons on room layers")
    if not faces and require_rooms:
        searched = f"{len(wall_segs)} wall lines, {len(wall_shapes)} wall shapes, {len(room_shapes)} room polygons"
        raise InputError(f"no rooms recognised (searched {searched}; profile '{profile.name}')", drawing.path)

    # 4. labels --------------------------------------------------------------------------
    polys = [f.polygon for f in faces]
    labels, unplaced = label_rooms(polys, [f.label_hint for f in faces], texts, profile.labels)
    for t in unplaced:
        log.info("label-outside-rooms", f"label '{t.text[:40]}' lies in no recognised room", subject=t.text[:40])
    order = sorted(range(len(faces)), key=lambda i: _position_key(polys[i].centroid.x, polys[i].centroid.y))
    rooms: list[Room] = []
    for n, i in enumerate(order, start=1):
        lab = labels[i]
        functions = lab.functions or ("other",)
        rid = f"R{n}"
        rooms.append(
            Room(
                id=rid,
                polygon=polys[i],
                label=lab.label,
                function=functions[0],
                functions=functions,
                source=faces[i].source,
                label_source=lab.source,
                number=lab.number,
                stated_area_m2=lab.stated_area_m2,
                common=bool(lab.label) and is_common(lab.label),
                labels_found=lab.all_labels,
            )
        )
    room_tree = shapely.STRtree([r.polygon for r in rooms]) if rooms else None

    def room_at(p: Point) -> str | None:
        if room_tree is None:
            return None
        idx = room_tree.query(p, predicate="within")
        if len(idx):
            return rooms[int(idx[0])].id
        idx = room_tree.query(p, predicate="intersects")
        return rooms[int(idx[0])].id if len(idx) else None

    def sides(a: tuple[float, float], b: tuple[float, float]) -> tuple[str, str]:
        found = [None, None]
        for off in SIDE_OFFSETS_MM:
            left, right = side_points(a, b, off)
            if found[0] is None:
                found[0] = room_at(left)
            if found[1] is None:
                found[1] = room_at(right)
            if found[0] and found[1]:
                break
        return (found[0] or OUTSIDE, found[1] or OUTSIDE)

    # 5. windows and fixtures ------------------------------------------------------------
    windows: list[Window] = []
    for wc in find_windows(drawing, in_plan, door_parts):
        c = list(wc.polygon.exterior.coords)
        e0, e1 = (c[0], c[1]) if math.dist(c[0], c[1]) >= math.dist(c[1], c[2]) else (c[1], c[2])
        # axis through the middle of the window, along its width
        mx, my = wc.polygon.centroid.x, wc.polygon.centroid.y
        ux, uy = (e1[0] - e0[0]) / wc.width_mm, (e1[1] - e0[1]) / wc.width_mm
        a = (mx - ux * wc.width_mm / 2, my - uy * wc.width_mm / 2)
        b = (mx + ux * wc.width_mm / 2, my + uy * wc.width_mm / 2)
        left, right = sides(a, b)
        rs = tuple(r for r in dict.fromkeys((left, right)))
        windows.append(Window("", wc.polygon, wc.width_mm, rs, wc.block, wc.layer))
    windows.sort(key=lambda w: _position_key(*w.center))
    windows = [replace(w, id=f"W{i}") for i, w in enumerate(windows, start=1)]

    fixtures: list[Fixture] = []
    for fc in find_fixtures(drawing, profile, in_plan, log):
        c = fc.polygon.centroid
        rid = room_at(c)
        if rid is None and room_tree is not None:
            best = max(rooms, key=lambda r: r.polygon.intersection(fc.polygon).area)
            if best.polygon.intersection(fc.polygon).area > 0.3 * fc.polygon.area:
                rid = best.id
        fixtures.append(with_fixture_facts(Fixture("", fc.kind, fc.polygon, rid, fc.source, fc.name, fc.movable, fc.attributes)))
    fixtures.sort(key=lambda f: _position_key(*f.center))
    fixtures = [replace(f, id=f"F{i}") for i, f in enumerate(fixtures, start=1)]

    # 6. doors: rooms, widths, plain openings --------------------------------------------
    conv = profile.doors
    assert conv is not None
    doors: list[Door] = []
    for c in candidates:
        doors.append(with_door_facts(_door(c, conv, sides, room_at, log, finder), conv))
    window_zone = shapely.union_all([w.polygon.buffer(150) for w in windows]) if windows else None
    chords = [LineString([d.hinge, d.latch]) for d in doors]
    for group in openings:
        seal = min(group, key=lambda s: s.length)
        mid = Point((seal.a[0] + seal.b[0]) / 2, (seal.a[1] + seal.b[1]) / 2)
        if any(ch.distance(mid) < 400 for ch in chords):
            continue
        if window_zone is not None and window_zone.contains(mid):
            continue
        a_room, b_room = sides(seal.a, seal.b)
        if a_room == b_room:
            continue  # a gap inside one room (a wall stub), not an opening between rooms
        if OUTSIDE in (a_room, b_room):
            continue  # a gap in an exterior wall without a door: most likely a window drawn without lines
        width = seal.length
        doors.append(
            Door(
                id="", kind=DoorKind.OPENING, hinge=seal.a, latch=seal.b, leaf_width_mm=width,
                clear_width_mm=width - conv.opening_deduction_mm, width_source="opening",
                rooms=(a_room, b_room), swing_room=None, swing=None, confidence="low",
            )
        )
        chords.append(seal.line)
    rooms, doors, windows, fixtures = _drop_recesses(rooms, doors, windows, fixtures, log)
    doors.sort(key=lambda d: _position_key(*d.midpoint))
    doors = [replace(d, id=f"D{i}") for i, d in enumerate(doors, start=1)]
    for d in doors:
        if d.rooms[0] == d.rooms[1]:
            log.warning("door-within-room", f"door {d.id} has the same room on both sides ({d.rooms[0]}): not between two rooms", subject=d.id)
        if wall_tree is not None and finder.near_wall(d.hinge, 400) is None and finder.near_wall(d.latch, 400) is None:
            log.warning("door-not-in-wall", f"door {d.id} ({d.kind}) is not in a wall: no wall within 0.4 m of its opening", subject=d.id)

    _room_diagnostics(rooms, log)

    # 7. graph and units -----------------------------------------------------------------
    unit_of, units = find_units(rooms, doors, log)
    rooms = [replace(r, unit=unit_of.get(r.id)) for r in rooms]
    roles, units = door_roles({r.id: r for r in rooms}, doors, units)
    doors = [replace(d, role=roles[d.id]) for d in doors]
    for u in units:
        if u.entrance_door is None:
            log.warning("no-entrance", f"unit {u.id}: no entrance door found (no door from outside or a common corridor)", subject=u.id)
    graph = room_graph(rooms, doors)
    bodies = shapely.union_all(wall_bodies) if wall_bodies else Polygon()
    return Plan(
        source=SourceInfo.of(drawing),
        rooms=tuple(rooms),
        doors=tuple(doors),
        windows=tuple(windows),
        fixtures=tuple(fixtures),
        units=tuple(units),
        walls=bodies,
        graph=graph,
        diagnostics=log.freeze(),
        wall_segments=segs,
        background=_background(drawing),
        views=drawing.views,
        layers=drawing.layers,
    )


def _background(drawing: Drawing) -> Background:
    """The linework not on ignored layers, for reports to draw under the model."""
    segs = [(s.x1, s.y1, s.x2, s.y2) for s in drawing.segments if s.role is not Role.IGNORE]
    arcs = tuple((a.cx, a.cy, a.r, a.start_deg, a.end_deg) for a in drawing.arcs if a.role is not Role.IGNORE)
    return Background(np.asarray(segs, dtype=float).reshape(-1, 4), arcs, drawing.plan_boxes)


def _door(c: DoorCandidate, conv, sides, room_at, log: DiagnosticLog, finder: DoorFinder) -> Door:
    leaf, clear, source = clear_width(c, conv)
    a, b = sides(c.hinge, c.latch)
    swing = c.swing
    swing_room = None
    if swing is not None:
        # the room holding most of the swept area's middle
        pts = []
        for lf in c.leaves:
            mid_angle = math.radians(lf.start_deg + lf.sweep_deg / 2)
            pts.append(Point(lf.hinge[0] + 0.6 * lf.radius * math.cos(mid_angle), lf.hinge[1] + 0.6 * lf.radius * math.sin(mid_angle)))
        hits = [room_at(p) for p in pts]
        swing_room = next((h for h in hits if h), None) or OUTSIDE
    leaves = tuple((lf.hinge, lf.latch) for lf in c.leaves)
    return Door(
        id="",
        kind=c.kind,
        hinge=c.hinge,
        latch=c.latch,
        leaf_width_mm=leaf,
        clear_width_mm=clear,
        width_source=source,
        rooms=(a, b),
        swing_room=swing_room,
        swing=swing,
        block=c.block,
        layer=c.layer,
        attributes=c.attributes,
        confidence=c.confidence,
        leaves=leaves,
        open_ends=tuple(lf.open_end for lf in c.leaves),
    )


def _room_diagnostics(rooms: list[Room], log: DiagnosticLog) -> None:
    for r in rooms:
        if not r.label:
            log.warning("room-unlabelled", f"room {r.id} ({r.area_m2:.1f} m²) has no label: function unknown ('other')", subject=r.id)
        elif r.functions == ("other",) and r.label_source:
            log.info("room-function-unknown", f"room {r.id} label '{r.label}' names no known function ('other')", subject=r.id)
        if len(r.labels_found) > 1 and r.label_source == "text":
            log.warning(
                "room-several-labels",
                f"room {r.id} holds several labels ({', '.join(r.labels_found[:4])}): rooms may be merged where an opening was not sealed",
                subject=r.id,
            )


def _drop_recesses(rooms: list[Room], doors: list[Door], windows: list[Window], fixtures: list[Fixture], log: DiagnosticLog):
    """Drop small unlabelled wall-derived regions reached by no real door (window bays, recesses),
    then renumber the rooms so that ids stay consecutive."""
    real = {r for d in doors if d.kind is not DoorKind.OPENING for r in d.rooms}
    drop = {r.id for r in rooms if r.source == "walls" and not r.label and r.area_m2 < 2.0 and r.id not in real}
    if not drop:
        return rooms, doors, windows, fixtures
    log.info("recesses-dropped", f"{len(drop)} small unlabelled regions without a door (window bays, recesses) not counted as rooms")
    keep = [r for r in rooms if r.id not in drop]
    new_id = {r.id: f"R{i}" for i, r in enumerate(keep, start=1)}
    new_id.update({r: OUTSIDE for r in drop})
    new_id[OUTSIDE] = OUTSIDE

    def m(x: str | None) -> str | None:
        return None if x is None else new_id.get(x, x)

    rooms = [replace(r, id=new_id[r.id]) for r in keep]
    doors = [
        replace(d, rooms=(m(d.rooms[0]), m(d.rooms[1])), swing_room=m(d.swing_room))  # type: ignore[arg-type]
        for d in doors
        if not (d.kind is DoorKind.OPENING and (d.rooms[0] in drop or d.rooms[1] in drop))
    ]
    windows = [replace(w, rooms=tuple(dict.fromkeys(m(x) for x in w.rooms))) for w in windows]  # type: ignore[misc]
    fixtures = [replace(f, room=m(f.room) if f.room not in drop else None) for f in fixtures]
    # diagnostics already logged with the old ids stay valid for the rooms kept only if unchanged
    return rooms, doors, windows, fixtures


def _room_linework(drawing: Drawing, in_plan) -> list[tuple]:
    """Room boundaries drawn as open polylines and lines on room layers, closed by polygonising per layer."""
    by_layer: dict[str, list] = {}
    for s in drawing.segments:
        if s.role is Role.ROOM and s.src.dxftype in ("LINE", "LWPOLYLINE", "POLYLINE") and in_plan(s.x1, s.y1):
            by_layer.setdefault(s.layer, []).append(((s.x1, s.y1), (s.x2, s.y2)))
    closed_layers = {sh.layer for sh in drawing.shapes if sh.role is Role.ROOM}
    out = []
    for layer, segs in by_layer.items():
        if layer in closed_layers and len(segs) < 2:
            continue
        ext = extend_segments(np.asarray([[*a, *b] for a, b in segs], dtype=float), 10.0)
        lines = shapely.linestrings(ext.reshape(-1, 2, 2))
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(lines))))
        for f in faces:
            if f.area > 0.5e6:
                out.append((tuple(f.exterior.coords)[:-1], tuple(tuple(h.coords)[:-1] for h in f.interiors), layer, "lines"))
    return out


def _wall_hatches(drawing: Drawing, in_plan, wall_role: Role) -> list[tuple[Polygon, str]]:
    """Hatches that look like wall poché (thin and elongated) on layers not already read as walls.

    Many exports put the wall fill on a graphics layer while the wall lines are incomplete.
    A hatch is wall-like when its widest part is under 0.7 m and its area is at least three
    times that width squared (a legend swatch or a tile is not).
    """
    out = []
    for sh in drawing.shapes:
        if sh.kind not in ("hatch", "solid") or sh.role in (wall_role, Role.ROOM, Role.FIXTURE, Role.FURNITURE, Role.STAIR, Role.LABEL):
            continue
        if not in_plan(*sh.exterior[0]):
            continue
        p = polygon(sh.exterior, sh.holes)
        if p is None or p.area < 0.1e6:
            continue
        width = 2 * shapely.maximum_inscribed_circle(p, 5.0).length
        if width <= 700.0 and p.area >= 3.0 * width * width:
            out.append((p, sh.layer))
    return out


def _perimeter(pts: tuple[tuple[float, float], ...]) -> float:
    return sum(math.dist(a, b) for a, b in zip(pts, pts[1:] + pts[:1]))


def _arc_chords(cx: float, cy: float, r: float, start: float, sweep: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    n = max(2, int(sweep / 10))
    pts = [(cx + r * math.cos(math.radians(start + sweep * i / n)), cy + r * math.sin(math.radians(start + sweep * i / n))) for i in range(n + 1)]
    return list(zip(pts, pts[1:]))
