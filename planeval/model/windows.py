"""Windows: window blocks, loose linework on window (or doors-and-windows) layers, and, on a plan with no
wall layer (one layer) or no window found so, lines in the outer walls that have a window's shape
(:mod:`~planeval.model.window_lines`).

Each window block, or each touching cluster of loose window lines, becomes one window whose
footprint is the minimum rotated rectangle of its geometry; its width is the long side. Its rooms
are those on either side of its axis; ids (W1 …) follow the position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import rect_sides
from planeval.model.doors import Parts
from planeval.model.layout import InPlan, by_position
from planeval.model.rooms import RoomIndex
from planeval.model.types import Window
from planeval.model.walls import Walls
from planeval.model.window_lines import lined_windows
from planeval.read.drawing import Drawing, Role, Segment

MIN_WIDTH_MM = 300.0
MAX_WIDTH_MM = 8000.0
OUTLINE_MM = 50.0  # a window found by its shape lies this near the wall mass's outline
CLUSTER_MM = 100.0  # loose window lines closer than twice this are one window


@dataclass(frozen=True)
class WindowCandidate:
    polygon: Polygon
    width_mm: float
    block: str
    layer: str


def _rect(points: list[tuple[float, float]]) -> tuple[Polygon, float, float] | None:
    if len(points) < 2:
        return None
    r = shapely.minimum_rotated_rectangle(shapely.multipoints(points))
    if not isinstance(r, Polygon):
        r = r.buffer(25, cap_style="flat")
        if not isinstance(r, Polygon):
            return None
    short, long = rect_sides(r)
    return r, long, short


def place_windows(drawing: Drawing, in_plan: InPlan, door_parts: Parts, index: RoomIndex,
                  walls: Walls | None = None, mass: BaseGeometry | None = None) -> list[Window]:
    """The plan's windows with the rooms on either side, numbered by position. Where the plan has no window
    layer and no window blocks (its ``walls`` guessed from lines of no known role, or no window found on a window
    layer), windows are also found by their lines' shape among the wall lines, in the outer walls of the wall
    ``mass`` (:mod:`~planeval.model.window_lines`)."""
    windows: list[Window] = []
    for wc in find_windows(drawing, in_plan, door_parts, walls, mass):
        c = list(wc.polygon.exterior.coords)
        e0, e1 = (c[0], c[1]) if math.dist(c[0], c[1]) >= math.dist(c[1], c[2]) else (c[1], c[2])
        # axis through the middle of the window, along its width
        mx, my = wc.polygon.centroid.x, wc.polygon.centroid.y
        ux, uy = (e1[0] - e0[0]) / wc.width_mm, (e1[1] - e0[1]) / wc.width_mm
        a = (mx - ux * wc.width_mm / 2, my - uy * wc.width_mm / 2)
        b = (mx + ux * wc.width_mm / 2, my + uy * wc.width_mm / 2)
        left, right = index.sides(a, b)
        rs = tuple(r for r in dict.fromkeys((left, right)))
        windows.append(Window("", wc.polygon, wc.width_mm, rs, wc.block, wc.layer))
    return [replace(w, id=f"W{i}") for i, w in enumerate(by_position(windows, lambda w: w.center), start=1)]


def find_windows(drawing: Drawing, in_plan: InPlan, door_parts: Parts, walls: Walls | None = None,
                 mass: BaseGeometry | None = None) -> list[WindowCandidate]:
    """Windows in the plan; ``door_parts`` are ids of primitives already used by doors (``walls``, ``mass``: see
    :func:`place_windows`)."""
    out = _drawn_windows(drawing, in_plan, door_parts)
    if walls is not None and mass is not None and not mass.is_empty and (walls.role is Role.UNKNOWN or not out):
        out += _shaped_windows(walls.segments, door_parts, mass)
    return out


def _shaped_windows(lines: list[Segment], door_parts: Parts, mass: BaseGeometry) -> list[WindowCandidate]:
    """Windows found by their shape among the wall ``lines``, in the outer walls of ``mass``: a wall between two
    rooms drawn with extra lines is more likely a sliding door or a built-in than a window (ono-hiroki's WC wall)."""
    outline = shapely.MultiLineString([p.exterior for p in shapely.get_parts(mass) if isinstance(p, Polygon)])
    return [WindowCandidate(poly, w, "", lines[idx[0]].layer)
            for poly, w, idx in lined_windows(lines, lambda s: s in door_parts)
            if shapely.dwithin(poly, outline, OUTLINE_MM)]


def _drawn_windows(drawing: Drawing, in_plan: InPlan, door_parts: Parts) -> list[WindowCandidate]:
    """Window blocks, and clusters of loose lines on window and opening layers."""
    out: list[WindowCandidate] = []
    by_group: dict[int, list[tuple[float, float]]] = {}
    loose: list[tuple[tuple[float, float], tuple[float, float], str]] = []
    roles = (Role.WINDOW, Role.OPENING)
    for s in drawing.segments:
        if s.role not in roles or s in door_parts:
            continue
        if s.src.group is not None and s.role is Role.WINDOW:
            by_group.setdefault(s.src.group, []).extend([(s.x1, s.y1), (s.x2, s.y2)])
        else:
            loose.append(((s.x1, s.y1), (s.x2, s.y2), s.layer))
    for sh in drawing.shapes:
        if sh.role not in roles or sh in door_parts:
            continue
        if sh.src.group is not None and sh.role is Role.WINDOW:
            by_group.setdefault(sh.src.group, []).extend(sh.exterior)
        else:
            ring = list(sh.exterior)
            loose.extend((a, b, sh.layer) for a, b in zip(ring, ring[1:] + ring[:1], strict=False))
    inserts = {i.index: i for i in drawing.inserts}
    for g, pts in by_group.items():
        got = _rect(pts)
        ins = inserts.get(g)
        if got is None or ins is None:
            continue
        poly, w, _ = got
        if MIN_WIDTH_MM <= w <= MAX_WIDTH_MM and in_plan(poly.centroid.x, poly.centroid.y):
            out.append(WindowCandidate(poly, w, ins.name, ins.layer))
    if loose:
        lines = shapely.linestrings(np.asarray([[a, b] for a, b, _ in loose]))
        # the lines of one window (frame, sashes, glass) lie within a wall thickness of each other
        merged = shapely.union_all(shapely.buffer(lines, CLUSTER_MM, quad_segs=1))
        parts = list(shapely.get_parts(merged))
        tree = shapely.STRtree(parts)
        member = tree.query(lines, predicate="intersects")
        clusters: dict[int, list[int]] = {}
        for li, pi in zip(*member, strict=False):
            clusters.setdefault(int(pi), []).append(int(li))
        for members in clusters.values():
            pts = [p for i in members for p in loose[i][:2]]
            got = _rect(pts)
            if got is None:
                continue
            poly, w, depth = got
            if not (MIN_WIDTH_MM <= w <= MAX_WIDTH_MM) or depth > 1000 or not in_plan(poly.centroid.x, poly.centroid.y):
                continue
            out.append(WindowCandidate(poly, w, "", loose[members[0]][2]))
    return out
