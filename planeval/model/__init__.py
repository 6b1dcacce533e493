"""Drawing -> Plan: rooms, doors, windows, fixtures, units and the room graph.

``build_plan(drawing)`` runs the model stages in order (see the docstring of each module):

1. wall geometry of the floor-plan views, falling back to unnamed layers when no wall layer exists (``walls``);
2. door leaves from swings (arcs, bulges, segmented polylines) and door blocks (``swings``, ``doors``);
3. rooms: drawn room polygons, and faces of the wall linework sealed at openings and door chords (``rooms``);
4. labels and functions (``labels``); windows (``windows``); fixtures and furniture (``fixtures``);
5. doors' rooms, swing room, width and attribute facts; plain openings from unclaimed seals (``doors``);
6. the graph, the dwelling units and each unit's entrance door (``graph``).

The plan keeps what reports need of the drawing as typed data (``source``, ``background``,
``views``, ``layers``); :func:`reopen` gives back the DXF document itself.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from shapely.geometry import Polygon

from planeval.diagnostics import DiagnosticLog
from planeval.errors import InputError
from planeval.model.attributes import with_door_facts
from planeval.model.doors import DoorCandidate, DoorFinder, door_diagnostics, door_seals, plain_openings, to_door
from planeval.model.doortags import apply_tags, assign_tags
from planeval.model.fixtures import place_fixtures
from planeval.model.functions import infer_functions
from planeval.model.graph import connect
from planeval.model.layout import by_position, plan_filter
from planeval.model.linework import find_seals, group_openings, wall_mass
from planeval.model.recognition import not_a_plan, recognise
from planeval.model.rooms import RoomIndex, drop_recesses, find_faces, make_rooms, room_diagnostics
from planeval.model.source import reopen
from planeval.model.types import OUTSIDE, Background, Door, Fixture, Plan, Room, SourceInfo, Unit, Window
from planeval.model.walls import find_walls, mass_linework
from planeval.model.windows import place_windows
from planeval.perf import gc_paused, quiet_numerics
from planeval.read.drawing import Drawing, Role

__all__ = ["build_plan", "reopen", "Plan", "Room", "Door", "Window", "Fixture", "Unit", "OUTSIDE"]


def build_plan(drawing: Drawing, *, require_rooms: bool = True, room_polygons: bool = True) -> Plan:
    """Build the plan model. Raises :class:`InputError` when nothing recognisable is found.

    ``room_polygons=False`` ignores drawn room boundaries and derives every room from the walls
    (used to check the wall-based recognition against drawings that have both).
    """
    with gc_paused(), quiet_numerics():
        return _build_plan(drawing, require_rooms=require_rooms, room_polygons=room_polygons)


def _build_plan(drawing: Drawing, *, require_rooms: bool, room_polygons: bool) -> Plan:
    log = DiagnosticLog()
    log.extend(drawing.diagnostics)
    if drawing.kind not in ("floor_plan", "empty"):
        return _not_a_plan(drawing, log)
    profile = drawing.layer_profile
    conv = profile.doors
    assert conv is not None
    in_plan = plan_filter(drawing)
    # 1. walls; 2. door leaves and door blocks
    walls = find_walls(drawing, in_plan, log)
    finder = DoorFinder(drawing, in_plan, walls.tree, walls.geoms, conv, walls_guessed=walls.role is Role.UNKNOWN)
    candidates = finder.swing_doors()
    door_parts, leaf_shapes = finder.door_parts(candidates)
    # 3. rooms: the wall mass sealed at wall openings and door chords
    segs = mass_linework(walls, drawing, door_parts, in_plan)
    mass = wall_mass(segs, walls.bodies)
    gap_seals = find_seals(mass)
    openings = group_openings(gap_seals)
    candidates += finder.leafless_doors(candidates, leaf_shapes, openings)
    texts = [t for t in drawing.texts if in_plan(t.x, t.y)]
    tags, tag_texts = assign_tags(texts, candidates)  # door sizes written beside doors: no room labels
    apply_tags(candidates, tags)
    texts = [t for i, t in enumerate(texts) if i not in tag_texts]
    faces, n_room_shapes, jambless = find_faces(drawing, in_plan, mass, gap_seals + door_seals(candidates), texts, profile.labels,
                                      room_polygons, log)
    if not faces and require_rooms:
        searched = f"{len(walls.segments)} wall lines, {len(walls.shapes)} wall shapes, {n_room_shapes} room polygons"
        refs = (f"; it inserts {len(drawing.xrefs)} external reference{'s' if len(drawing.xrefs) > 1 else ''} not in the "
                f"file ({', '.join(drawing.xrefs[:3])}{' …' if len(drawing.xrefs) > 3 else ''}): bind them before exporting"
                if drawing.xrefs else "")
        raise InputError(f"no rooms recognised (searched {searched}; profile '{profile.name}'){refs}", drawing.path)
    # 4. labels, windows, fixtures
    rooms = make_rooms(faces, texts, profile.labels, log)
    index = RoomIndex(rooms)
    windows = place_windows(drawing, in_plan, door_parts, index, walls, mass)
    fixtures = place_fixtures(drawing, profile, in_plan, log, index)
    # 5. doors: rooms, widths, facts; plain openings
    doors = [_tag_height(with_door_facts(to_door(c, conv, index), conv), c) for c in candidates]
    doors += plain_openings(openings + [[c] for c in jambless], doors, windows, index, conv, log)
    rooms, doors, windows, fixtures = drop_recesses(rooms, doors, windows, fixtures, log)
    doors = [replace(d, id=f"D{i}") for i, d in enumerate(by_position(doors, lambda d: d.midpoint), start=1)]
    doors = door_diagnostics(doors, finder, log)
    rooms = infer_functions(rooms, fixtures, doors, log)
    room_diagnostics(rooms, log)
    # 6. graph and units
    rooms, doors, units = connect(rooms, doors, log)
    groups, handles = _used_sources(candidates)
    groups |= finder.twins  # a door block drawn twice on itself is explained by the door it became once
    if finder.twins:
        log.info("door-blocks-twice", f"{len(finder.twins)} door blocks drawn again on top of another (same block, "
                 "place, rotation and scale): each read once")
    recognition, background = recognise(drawing, in_plan, mass, rooms, doors, windows, fixtures, groups, handles,
                                        _background(drawing), profile.labels, walls_guessed=walls.role is Role.UNKNOWN)
    return Plan(
        source=SourceInfo.of(drawing), rooms=tuple(rooms), doors=tuple(doors), windows=tuple(windows),
        fixtures=tuple(fixtures), units=tuple(units), walls=walls.body(), diagnostics=log.freeze(),
        wall_segments=segs, background=background, views=drawing.views, layers=drawing.layers,
        recognition=recognition,
    )


def _tag_height(door: Door, c: DoorCandidate) -> Door:
    """The height a door tag states, where no attribute does."""
    return replace(door, height_mm=c.tag_height_mm) if c.tag_height_mm and door.height_mm is None else door


def _not_a_plan(drawing: Drawing, log: DiagnosticLog) -> Plan:
    """A drawing with no floor plan of rooms (an elevation, a framing plan, a symbol library): what
    it looks like, its linework and views, no rooms."""
    return Plan(
        source=SourceInfo.of(drawing), rooms=(), doors=(), windows=(), fixtures=(), units=(), walls=Polygon(),
        diagnostics=log.freeze(), background=_background(drawing), views=drawing.views,
        layers=drawing.layers, recognition=not_a_plan(drawing.kind, drawing.kind_reason),
    )


def _used_sources(candidates: list[DoorCandidate]) -> tuple[set[int], set[str]]:
    """The block references and loose entities that became doors."""
    groups: set[int] = set()
    handles: set[str] = set()
    for c in candidates:
        prims = list(c.parts) + [p for lf in c.leaves for p in lf.parts]
        groups |= {lf.group for lf in c.leaves if lf.group is not None}
        for prim in prims:
            src = getattr(prim, "src", None)
            if src is not None and src.group is not None:
                groups.add(src.group)
            elif src is not None and src.handle:
                handles.add(src.handle)
    return groups, handles


def _background(drawing: Drawing) -> Background:
    """The linework not on ignored layers, for reports to draw under the model."""
    segs = [(s.x1, s.y1, s.x2, s.y2) for s in drawing.segments if s.role is not Role.IGNORE]
    arcs = tuple((a.cx, a.cy, a.r, a.start_deg, a.end_deg) for a in drawing.arcs if a.role is not Role.IGNORE)
    return Background(np.asarray(segs, dtype=float).reshape(-1, 4), arcs, drawing.plan_boxes)
