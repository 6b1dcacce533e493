"""Doors that need the rooms: plain wall openings between two rooms, and what the diagnostics say of
doors between a space and itself or in no wall (reported, kept out of the checks)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import LineString, Point

from planeval.diagnostics import DiagnosticLog
from planeval.model.linework import Seal, representative
from planeval.model.rooms import RoomIndex
from planeval.model.types import OUTSIDE, Door, DoorKind, Window
from planeval.read.profiles import DoorConvention

if TYPE_CHECKING:  # pragma: no cover - doors.py re-exports this module's functions
    from planeval.model.doors import DoorFinder

NOT_IN_WALL_MM = 400.0  # a door with no wall this close to either end of its opening is reported
#: a gap between two rooms narrower than this (mm), with no door drawn in it, is no opening: no one passes through
#: it (the narrowest door leaves made are 500–600 mm); it is a wall left unclosed in the drawing, and read as wall
MIN_OPENING_MM = 300.0

__all__ = ["plain_openings", "door_diagnostics", "NOT_IN_WALL_MM"]


def plain_openings(openings: list[list[Seal]], doors: list[Door], windows: list[Window], index: RoomIndex,
                   conv: DoorConvention, log: DiagnosticLog) -> list[Door]:
    """Wall openings between two rooms that no door or window claims: doors of kind OPENING.

    Skipped: an opening within 0.4 m of a door chord (or of an opening already taken), one where a
    window stands, a gap with the same room on both sides (a wall stub), a gap to the outside
    (most likely a window drawn without lines) and a gap narrower than ``MIN_OPENING_MM`` (a wall
    left unclosed: a 51 mm gap beside a real door failed the door width in a real export).
    """
    window_zone = shapely.union_all([w.polygon.buffer(150) for w in windows]) if windows else None
    chords = shapely.STRtree([LineString([d.hinge, d.latch]) for d in doors]) if doors else None
    added: dict[tuple[int, int], list[LineString]] = {}  # the openings made so far, by 2.5 m cell of their middle
    out: list[Door] = []
    narrow: list[float] = []

    def near_added(mid: Point) -> bool:  # an opening is at most 2.2 m long: its middle lies within 1.5 m
        i, j = int(mid.x // 2500), int(mid.y // 2500)
        return any(c.distance(mid) < 400 for di in (-1, 0, 1) for dj in (-1, 0, 1) for c in added.get((i + di, j + dj), ()))

    for group in openings:
        seal = representative(group)
        mid = Point((seal.a[0] + seal.b[0]) / 2, (seal.a[1] + seal.b[1]) / 2)
        if chords is not None and len(chords.query(mid, predicate="dwithin", distance=399.999)) or near_added(mid):
            continue
        if window_zone is not None and window_zone.contains(mid):
            continue
        a_room, b_room = index.sides(seal.a, seal.b)
        if a_room == b_room:
            continue  # a gap inside one room (a wall stub), not an opening between rooms
        if OUTSIDE in (a_room, b_room):
            continue  # a gap in an exterior wall without a door: most likely a window drawn without lines
        width = seal.length
        if width < MIN_OPENING_MM:
            narrow.append(width)
            continue
        out.append(
            Door(
                id="", kind=DoorKind.OPENING, hinge=seal.a, latch=seal.b, leaf_width_mm=width,
                clear_width_mm=width - conv.opening_deduction_mm, width_source="opening",
                rooms=(a_room, b_room), swing_room=None, swing=None, confidence="low",
            )
        )
        c = seal.line.centroid
        added.setdefault((int(c.x // 2500), int(c.y // 2500)), []).append(seal.line)
    if narrow:
        n = len(narrow)
        sizes = f"{min(narrow):.0f} mm" if n == 1 else f"{min(narrow):.0f}–{max(narrow):.0f} mm"
        log.info("gaps-not-openings", f"{n} gap{'s' if n > 1 else ''} between rooms without a door ({sizes}) "
                 f"{'are' if n > 1 else 'is'} narrower than {MIN_OPENING_MM:.0f} mm: read as wall left unclosed, "
                 "not as an opening")
    return out


def door_diagnostics(doors: list[Door], finder: DoorFinder, log: DiagnosticLog) -> list[Door]:
    """Doors that connect a room with itself (or outside with outside), and doors in no wall.

    The first are reported and kept out of the checks (``not_judged``): a door between a space
    and itself says the rooms around it were not separated, so no rule can judge it.
    """
    walls = finder.swings.wall_tree is not None
    out = []
    for d in doors:
        if d.rooms[0] == d.rooms[1]:
            where = "outside – outside" if d.rooms[0] == OUTSIDE else f"within one room ({d.rooms[0]})"
            log.warning("door-within-room", f"door {d.id} has the same room on both sides ({where}): not between two rooms; "
                        "reported, not judged", subject=d.id)
            d = replace(d, not_judged=f"{where}: the rooms on either side were not told apart")
        if walls and finder.near_wall(d.hinge, NOT_IN_WALL_MM) is None and finder.near_wall(d.latch, NOT_IN_WALL_MM) is None:
            log.warning("door-not-in-wall", f"door {d.id} ({d.kind}) is not in a wall: no wall within 0.4 m of its opening",
                        subject=d.id)
        out.append(d)
    return out
