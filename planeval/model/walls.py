"""Stage 1 of the model: the wall geometry of the floor-plan views.

Walls are the linework on wall layers: lines, arcs (as chords; door-sized quarter arcs excepted),
closed polylines, hatches and solids (the last two also as wall *bodies*), plus hatches elsewhere
that look like wall poché. Without enough wall linework (under 3 m) the linework on unrecognised
layers is taken as walls instead, with a warning, unless there is too much of it to be a plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.diagnostics import DiagnosticLog
from planeval.geometry import polygon
from planeval.model.doors import Parts
from planeval.model.doors_kinds import guessed_leaf
from planeval.model.layout import InPlan
from planeval.read.drawing import Drawing, Role, Segment, Shape

Line = tuple[tuple[float, float], tuple[float, float]]

MIN_WALL_MM = 3000.0  # less wall linework than this: no wall layer was recognised
MAX_GUESSED_ARC_DEG = 200.0  # a guessed wall's arc turns through no more than this
MAX_FALLBACK_SEGMENTS = 20000  # unrecognised linework beyond this is not guessed into walls
NOT_POCHE = (Role.ROOM, Role.FIXTURE, Role.FURNITURE, Role.STAIR, Role.LABEL)  # hatches on these layers are no walls


@dataclass(frozen=True)
class Walls:
    """The wall linework and bodies of the plan, and a search tree over the lines."""

    role: Role  # the role read as walls: WALL, or UNKNOWN when walls were inferred
    segments: list[Segment]  # wall lines as drawn
    shapes: list[Shape]  # closed wall shapes as drawn
    lines: list[Line]  # every wall line: ``segments`` first, then arc chords and shape and hatch edges
    bodies: list[Polygon]  # filled wall bodies (hatches, solids, thin closed shapes, poché)
    geoms: np.ndarray  # ``lines`` as shapely linestrings
    tree: shapely.STRtree | None

    def body(self) -> BaseGeometry:
        """The union of the wall bodies (empty when there are none)."""
        return shapely.union_all(self.bodies) if self.bodies else Polygon()


def find_walls(drawing: Drawing, in_plan: InPlan, log: DiagnosticLog) -> Walls:
    """The wall geometry of the floor-plan views (see the module docstring)."""
    wall_role = Role.WALL
    wall_segs = [s for s in drawing.segments if s.role is Role.WALL and in_plan(s.x1, s.y1)]
    wall_shapes = [sh for sh in drawing.shapes if sh.role is Role.WALL and sh.kind != "footprint" and in_plan(*sh.exterior[0])]
    wall_len = sum(math.hypot(s.x2 - s.x1, s.y2 - s.y1) for s in wall_segs) + sum(_perimeter(sh.exterior) for sh in wall_shapes)
    if wall_len < MIN_WALL_MM:
        wall_role = Role.UNKNOWN
        wall_segs, wall_shapes = _fallback(drawing, in_plan, log)
    else:
        more_segs, more_shapes = _outline_elsewhere(drawing, in_plan, wall_segs, wall_len, log)
        wall_segs, wall_shapes = wall_segs + more_segs, wall_shapes + more_shapes
    wall_lines: list[Line] = [((s.x1, s.y1), (s.x2, s.y2)) for s in wall_segs]
    for a in drawing.arcs:
        door_sized = 60 <= a.sweep_deg <= 120 and 350 <= a.r <= 1300
        # of guessed walls, an arc round more than half a circle is a symbol drawn open (a callout's ring, a turning
        # circle), not a wall: as one it cut korttid-40-aia's bathroom on one layer by 0.58 m²
        symbol = wall_role is Role.UNKNOWN and a.sweep_deg > MAX_GUESSED_ARC_DEG
        if a.role is wall_role and a.sweep_deg < 359.0 and in_plan(a.cx, a.cy) and not door_sized and not symbol:
            wall_lines.extend(_arc_chords(a.cx, a.cy, a.r, a.start_deg, a.sweep_deg))
    wall_bodies: list[Polygon] = []
    for sh in wall_shapes:
        ring = list(sh.exterior)
        wall_lines.extend(zip(ring, ring[1:] + ring[:1], strict=False))
        p = polygon(sh.exterior, sh.holes)
        if p is not None and (sh.kind in ("hatch", "solid") or shapely.buffer(p, -350).is_empty):
            wall_bodies.append(p)
    poche = _wall_hatches(drawing, in_plan, wall_role)
    if poche:
        layers = sorted({layer for _, layer in poche})
        log.info("walls-from-hatches",
                 f"{len(poche)} wall-like hatches (thin, elongated) used as wall bodies, on layers: {', '.join(layers[:5])}")
        for p, _ in poche:
            for ring in [p.exterior, *p.interiors]:
                c = list(ring.coords)
                wall_lines.extend(zip(c, c[1:], strict=False))
            wall_bodies.append(p)
    wall_geoms = shapely.linestrings(np.asarray(wall_lines)) if wall_lines else np.asarray([])
    wall_tree = shapely.STRtree(wall_geoms) if len(wall_geoms) else None
    return Walls(wall_role, wall_segs, wall_shapes, wall_lines, wall_bodies, np.asarray(wall_geoms), wall_tree)


def _fallback(drawing: Drawing, in_plan: InPlan, log: DiagnosticLog) -> tuple[list[Segment], list[Shape]]:
    """No wall layer: the linework on unrecognised layers, unless there is too much of it."""
    wall_segs = [s for s in drawing.segments if s.role is Role.UNKNOWN and in_plan(s.x1, s.y1)]
    # a thin closed rectangle is a sliding leaf (doors_kinds.leaf_rectangles), not a wall: as one, korttid-40-iso's
    # leaf parked beside the bod's opening was a wall body and the door a plain opening
    wall_shapes = [
        sh for sh in drawing.shapes
        if sh.role is Role.UNKNOWN and sh.kind in ("polyline", "hatch", "solid") and in_plan(*sh.exterior[0])
        and not guessed_leaf(sh)
    ]
    wall_segs = _without_patterns(wall_segs, log)
    layers = sorted({s.layer for s in wall_segs} | {sh.layer for sh in wall_shapes})
    if len(wall_segs) + sum(len(sh.exterior) for sh in wall_shapes) > MAX_FALLBACK_SEGMENTS:
        log.error(
            "walls-not-found",
            f"no wall layer recognised, and {len(wall_segs)} lines on unrecognised layers are too many to guess walls from "
            "(this does not look like a floor plan); give a profile with --profile",
        )
        return [], []
    if layers:
        log.warning(
            "walls-inferred",
            f"no wall layer recognised; linework on unrecognised layers taken as walls: {', '.join(layers[:6])}"
            + (" …" if len(layers) > 6 else "")
            + " (give a profile with --profile to be exact)",
        )
    return wall_segs, wall_shapes


def _without_patterns(segs: list[Segment], log: DiagnosticLog) -> list[Segment]:
    """Guessed walls without the patterns drawn on the same layer: runs of six or more parallel lines
    of one length (within 2 %) evenly spaced under 0.5 m apart — floor boards, tatami, stair treads."""
    if len(segs) < 6:
        return segs
    arr = np.asarray([(s.x1, s.y1, s.x2, s.y2) for s in segs])
    d = arr[:, 2:] - arr[:, :2]
    length = np.hypot(d[:, 0], d[:, 1])
    ang = np.round(np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 180.0).astype(int) % 180
    drop: set[int] = set()
    for key in {(a, round(lv / 50.0)) for a, lv in zip(ang.tolist(), length.tolist(), strict=True) if lv >= 300.0}:
        idx = np.flatnonzero((ang == key[0]) & (np.abs(length - key[1] * 50.0) <= max(25.0, 0.02 * key[1] * 50.0)))
        if len(idx) < 6:
            continue
        n = np.asarray([-np.sin(np.radians(key[0])), np.cos(np.radians(key[0]))])
        u = np.asarray([n[1], -n[0]])
        off = ((arr[idx, :2] + arr[idx, 2:]) / 2) @ n
        along = ((arr[idx, :2] + arr[idx, 2:]) / 2) @ u
        order = np.argsort(off)
        run = [order[0]]
        for k in order[1:]:
            gap = off[k] - off[run[-1]]
            if 30.0 <= gap <= 500.0 and abs(along[k] - along[run[0]]) <= 0.1 * key[1] * 50.0 + 50.0 and (
                    len(run) < 2 or abs(gap - (off[run[1]] - off[run[0]])) <= 0.15 * gap + 10.0):
                run.append(k)
                continue
            if len(run) >= 6:
                drop |= {int(idx[r]) for r in run}
            run = [k]
        if len(run) >= 6:
            drop |= {int(idx[r]) for r in run}
    if drop:
        log.info("walls-patterns-dropped", f"{len(drop)} evenly spaced parallel lines (floor patterns, stair treads) "
                 "not taken as walls")
    return [sg for i, sg in enumerate(segs) if i not in drop]


def _outline_elsewhere(drawing: Drawing, in_plan: InPlan, wall_segs: list[Segment], wall_len: float, log: DiagnosticLog
                       ) -> tuple[list[Segment], list[Shape]]:
    """Linework on layers of no known role that holds the building's outline when the wall layer does
    not: a wall layer for the new partitions only, the existing walls on layer "0".

    Taken as walls when it is not a trifle beside the wall layer (at least 30 % of its length) and
    either spans a clearly larger area (its box at least 1.6 times the wall layer's) or is clearly
    longer (1.5 times) and made mostly (70 %) of lines over 1 m, as walls are and furniture is not.
    """
    segs = [s for s in drawing.segments if s.role is Role.UNKNOWN and in_plan(s.x1, s.y1)]
    if not segs or not wall_segs or len(segs) > MAX_FALLBACK_SEGMENTS:
        return [], []
    length = sum(math.hypot(s.x2 - s.x1, s.y2 - s.y1) for s in segs)
    if length < 0.3 * wall_len:
        return [], []
    w = np.asarray([(s.x1, s.y1, s.x2, s.y2) for s in wall_segs])
    u = np.asarray([(s.x1, s.y1, s.x2, s.y2) for s in segs])
    both = np.concatenate([w, u])

    def area(a: np.ndarray) -> float:
        return float((a[:, [0, 2]].max() - a[:, [0, 2]].min()) * (a[:, [1, 3]].max() - a[:, [1, 3]].min()))

    lengths = np.hypot(u[:, 2] - u[:, 0], u[:, 3] - u[:, 1])
    long_share = float(lengths[lengths >= 1000.0].sum()) / max(float(lengths.sum()), 1.0)
    outline = area(both) >= 1.6 * max(area(w), 1.0)
    dominant = length >= 1.5 * wall_len and long_share >= 0.7  # mostly long straight lines: walls, not furniture
    if not (outline or dominant):
        return [], []
    shapes = [sh for sh in drawing.shapes
              if sh.role is Role.UNKNOWN and sh.kind in ("polyline", "hatch", "solid") and in_plan(*sh.exterior[0])]
    layers = sorted({s.layer for s in segs})
    log.warning("walls-extended", f"the wall layers cover only part of the plan; linework on unrecognised layers taken as "
                f"walls too: {', '.join(layers[:6])}" + (" …" if len(layers) > 6 else "") + " (give a profile to be exact)")
    return segs, shapes


def mass_linework(walls: Walls, drawing: Drawing, door_parts: Parts, in_plan: InPlan) -> np.ndarray:
    """(n, 4) lines that make the wall mass: the wall lines that draw no door, and the window and
    opening lines (they close the wall where a window stands)."""
    lines = [((s.x1, s.y1), (s.x2, s.y2)) for s in walls.segments if s not in door_parts]
    lines += walls.lines[len(walls.segments):]
    for s in drawing.segments:
        if s.role in (Role.WINDOW, Role.OPENING) and s not in door_parts and in_plan(s.x1, s.y1):
            lines.append(((s.x1, s.y1), (s.x2, s.y2)))
    return np.asarray([[*a, *b] for a, b in lines], dtype=float) if lines else np.zeros((0, 4))


def _wall_hatches(drawing: Drawing, in_plan: InPlan, wall_role: Role) -> list[tuple[Polygon, str]]:
    """Hatches that look like wall poché (thin and elongated) on layers not already read as walls.

    Many exports put the wall fill on a graphics layer while the wall lines are incomplete.
    A hatch is wall-like when its widest part is under 0.7 m and its area is at least three
    times that width squared (a legend swatch or a tile is not).
    """
    out = []
    for sh in drawing.shapes:
        if sh.kind not in ("hatch", "solid") or sh.role in (wall_role, *NOT_POCHE):
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
    return sum(math.dist(a, b) for a, b in zip(pts, pts[1:] + pts[:1], strict=False))


def _arc_chords(cx: float, cy: float, r: float, start: float, sweep: float) -> list[Line]:
    n = max(2, int(sweep / 10))
    pts = [(cx + r * math.cos(math.radians(start + sweep * i / n)), cy + r * math.sin(math.radians(start + sweep * i / n)))
           for i in range(n + 1)]
    return list(zip(pts, pts[1:], strict=False))
