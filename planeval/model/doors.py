"""Doors from door blocks, loose swing arcs, bulge polylines, segmented polylines and plain gaps.

A swing is an arc of 60–120° with a radius of 0.35–1.3 m. It is a door when the evidence is
strong enough: a door layer or block, a leaf line from the centre to one arc end, the centre at a
wall. Arcs on furniture, fixture, stair or ignored layers never become doors; loose arcs on
unknown layers need both a leaf and a wall (that is what keeps trees and callouts out).

The *hinge* is the arc centre, the *open end* is where the leaf is drawn, the *latch* (closed
leaf's free end) is the other arc end. Two leaves whose latches meet form a double door.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

from planeval.geometry import circle_fit, sector
from planeval.model.attributes import attribute, length_mm
from planeval.model.types import DoorKind
from planeval.read.drawing import Arc, Chain, Drawing, Insert, Role, Segment, Shape
from planeval.read.profiles import DoorConvention

R_MIN_MM = 350.0
R_MAX_MM = 1300.0
SWEEP_MIN = 60.0
SWEEP_MAX = 120.0
NEAR_WALL_MM = 300.0
LEAF_TOL = 0.15  # relative tolerance of a leaf's length against the radius
EXCLUDED_ROLES = frozenset({Role.FURNITURE, Role.FIXTURE, Role.STAIR, Role.IGNORE, Role.LABEL, Role.ROOM, Role.WINDOW})
SLIDING_RE = re.compile(r"slid|skyve|skjut|schiebe|pocket|lomme|glide", re.IGNORECASE)


@dataclass
class Leaf:
    hinge: tuple[float, float]
    latch: tuple[float, float]
    open_end: tuple[float, float]
    radius: float
    start_deg: float
    sweep_deg: float
    group: int | None
    layer: str
    evidence: list[str] = field(default_factory=list)
    parts: list[object] = field(default_factory=list)  # primitives that draw this leaf (kept out of walls)

    @property
    def swing(self) -> Polygon:
        return sector(self.hinge, self.radius, self.start_deg, self.sweep_deg)


@dataclass
class DoorCandidate:
    kind: DoorKind
    leaves: list[Leaf]
    hinge: tuple[float, float]
    latch: tuple[float, float]
    leaf_width_mm: float
    block: str = ""
    layer: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    confidence: str = "high"
    parts: list[object] = field(default_factory=list)
    clear_width_mm: float = 0.0
    width_source: str = "swing"

    @property
    def swing(self) -> Polygon | None:
        if not self.leaves:
            return None
        geoms = [lf.swing for lf in self.leaves]
        return geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)


@dataclass
class Parts:
    """Which primitives draw doors: whole block references (by group) and loose entities (by handle).

    A loose LWPOLYLINE leaves a chain, segments and a shape behind; they share the handle, so all of
    them are kept out of the walls and windows together.
    """

    groups: set[int] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)

    def add(self, prim: object) -> None:
        src = getattr(prim, "src", None)
        if src is None:
            return
        if src.group is not None:
            self.groups.add(src.group)
        elif src.handle:
            self.handles.add(src.handle)

    def __contains__(self, prim: object) -> bool:
        src = getattr(prim, "src", None)
        if src is None:
            return False
        if src.group is not None:
            return src.group in self.groups
        return bool(src.handle) and src.handle in self.handles


def _arc_point(cx: float, cy: float, r: float, deg: float) -> tuple[float, float]:
    a = math.radians(deg)
    return (cx + r * math.cos(a), cy + r * math.sin(a))


class DoorFinder:
    """Collects door candidates from one drawing (restricted to the floor-plan views)."""

    def __init__(self, drawing: Drawing, in_plan, wall_tree: shapely.STRtree | None, wall_geoms: np.ndarray, convention: DoorConvention) -> None:
        self.d = drawing
        self.in_plan = in_plan
        self.wall_tree = wall_tree
        self.wall_geoms = wall_geoms
        self.conv = convention
        self.inserts = {i.index: i for i in drawing.inserts}
        # leaf evidence: straight segments and polygon edges near arc ends
        segs = [s for s in drawing.segments if s.role not in EXCLUDED_ROLES]
        self.seg_objs: list[Segment | Shape] = list(segs)
        coords = [((s.x1, s.y1), (s.x2, s.y2)) for s in segs]
        for sh in drawing.shapes:
            if sh.role in EXCLUDED_ROLES or len(sh.exterior) > 8:
                continue
            ring = list(sh.exterior)
            for a, b in zip(ring, ring[1:] + ring[:1]):
                coords.append((a, b))
                self.seg_objs.append(sh)
        self.seg_coords = np.asarray(coords, dtype=float).reshape(-1, 2, 2) if coords else np.zeros((0, 2, 2))
        self.seg_tree = shapely.STRtree(shapely.linestrings(self.seg_coords)) if len(coords) else None

    # -- evidence ---------------------------------------------------------------------------
    def near_wall(self, p: tuple[float, float], dist: float = NEAR_WALL_MM) -> float | None:
        if self.wall_tree is None:
            return None
        pt = Point(p)
        idx = self.wall_tree.query(pt, predicate="dwithin", distance=dist)
        if len(idx) == 0:
            return None
        return float(min(self.wall_geoms[i].distance(pt) for i in idx))

    def leaf_to(self, hinge: tuple[float, float], end: tuple[float, float], r: float) -> list[object]:
        """Primitives that draw a leaf from the hinge towards ``end`` (a line, or a thin rectangle's edge)."""
        if self.seg_tree is None:
            return []
        line = LineString([hinge, end])
        found = []
        for i in self.seg_tree.query(line.buffer(max(60.0, 0.08 * r)), predicate="intersects"):
            (ax, ay), (bx, by) = self.seg_coords[i]
            length = math.hypot(bx - ax, by - ay)
            if not (0.7 * r <= length <= 1.15 * r):
                continue
            # starting near the hinge and running towards the arc end (not away from it)
            if math.dist((bx, by), hinge) < math.dist((ax, ay), hinge):
                ax, ay, bx, by = bx, by, ax, ay
            if math.dist((ax, ay), hinge) > max(80.0, 0.1 * r):
                continue
            ux, uy = (end[0] - hinge[0]) / r, (end[1] - hinge[1]) / r
            vx, vy = (bx - ax) / length, (by - ay) / length
            if ux * vx + uy * vy >= 0.97:
                found.append(self.seg_objs[i])
        return found

    # -- candidates -------------------------------------------------------------------------
    def arcs(self) -> list[Leaf]:
        leaves: list[Leaf] = []
        for a in self.d.arcs:
            if a.role in EXCLUDED_ROLES or a.role is Role.WALL and a.src.group is None:
                continue
            if not (R_MIN_MM <= a.r <= R_MAX_MM and SWEEP_MIN <= a.sweep_deg <= SWEEP_MAX):
                continue
            if not self.in_plan(a.cx, a.cy):
                continue
            leaf = self._leaf(a.cx, a.cy, a.r, a.start_deg, a.sweep_deg, a.role, a.src.group, a.layer, a)
            if leaf is not None:
                leaves.append(leaf)
        for ch in self.d.chains:
            if ch.role in EXCLUDED_ROLES:
                continue
            leaf = self._chain_leaf(ch)
            if leaf is not None:
                leaves.append(leaf)
        return leaves

    def _chain_leaf(self, ch: Chain) -> Leaf | None:
        pts = list(ch.points)
        if len(pts) < 4:
            return None
        for lo, hi in ((0, len(pts)), (1, len(pts)), (0, len(pts) - 1), (1, len(pts) - 1)):
            part = pts[lo:hi]
            if len(part) < 4:
                continue
            cx, cy, r, rms = circle_fit(part)
            if not (R_MIN_MM <= r <= R_MAX_MM) or rms > 0.02 * r:
                continue
            a0 = math.degrees(math.atan2(part[0][1] - cy, part[0][0] - cx))
            a1 = math.degrees(math.atan2(part[-1][1] - cy, part[-1][0] - cx))
            # orientation: walk the chain's direction
            mid = part[len(part) // 2]
            am = math.degrees(math.atan2(mid[1] - cy, mid[0] - cx))
            ccw = (am - a0) % 360.0 < (a1 - a0) % 360.0
            start, end = (a0, a1) if ccw else (a1, a0)
            sweep = (end - start) % 360.0
            if not (SWEEP_MIN <= sweep <= SWEEP_MAX) or not self.in_plan(cx, cy):
                continue
            if (lo, hi) != (0, len(pts)):
                dropped = [pts[0]] if lo else []
                dropped += [pts[-1]] if hi < len(pts) else []
                if any(math.dist(p, (cx, cy)) > 0.15 * r for p in dropped):
                    continue  # only a leaf back to the hinge may be dropped
            return self._leaf(cx, cy, r, start % 360.0, sweep, ch.role, ch.src.group, ch.layer, ch, segmented=True)
        return None

    def _leaf(self, cx: float, cy: float, r: float, start: float, sweep: float, role: Role, group: int | None,
              layer: str, part: object, segmented: bool = False) -> Leaf | None:
        e0 = _arc_point(cx, cy, r, start)
        e1 = _arc_point(cx, cy, r, start + sweep)
        ins = self.inserts.get(group) if group is not None else None
        door_role = role in (Role.DOOR, Role.OPENING) or (ins is not None and ins.role is Role.DOOR)
        leaf0 = self.leaf_to((cx, cy), e0, r)
        leaf1 = self.leaf_to((cx, cy), e1, r)
        hinge_wall = self.near_wall((cx, cy))
        evidence = []
        if door_role:
            evidence.append("door layer/block")
        if leaf0 or leaf1:
            evidence.append("leaf line")
        if hinge_wall is not None:
            evidence.append("hinge at wall")
        if door_role:
            ok = bool(leaf0 or leaf1 or hinge_wall is not None or ins is not None)
        else:
            ok = bool(leaf0 or leaf1) and hinge_wall is not None
        if not ok:
            return None
        # which end is open (leaf drawn there) and which is the latch (closed position)?
        if leaf0 and not leaf1:
            open_end, latch, parts = e0, e1, leaf0
        elif leaf1 and not leaf0:
            open_end, latch, parts = e1, e0, leaf1
        else:
            d0 = self.near_wall(e0, 2 * NEAR_WALL_MM)
            d1 = self.near_wall(e1, 2 * NEAR_WALL_MM)
            d0 = 1e9 if d0 is None else d0
            d1 = 1e9 if d1 is None else d1
            if d0 <= d1:
                latch, open_end = e0, e1
            else:
                latch, open_end = e1, e0
            parts = leaf0 + leaf1
        return Leaf((cx, cy), latch, open_end, r, start, sweep, group, layer, evidence, [part, *parts])

    # -- assembling doors -------------------------------------------------------------------
    def swing_doors(self) -> list[DoorCandidate]:
        """Hinged and double doors, from swings."""
        leaves = self.arcs()
        leaves = _dedupe(leaves)
        used = [False] * len(leaves)
        out: list[DoorCandidate] = []
        # double doors: two leaves whose latches meet and whose hinges are r1 + r2 apart
        for i, a in enumerate(leaves):
            if used[i]:
                continue
            for j in range(i + 1, len(leaves)):
                b = leaves[j]
                if used[j]:
                    continue
                span = math.dist(a.hinge, b.hinge)
                if abs(span - (a.radius + b.radius)) <= 0.12 * span and math.dist(a.latch, b.latch) <= 0.12 * span:
                    used[i] = used[j] = True
                    out.append(self._candidate(DoorKind.DOUBLE, [a, b], a.hinge, b.hinge, a.radius + b.radius))
                    break
        for i, a in enumerate(leaves):
            if not used[i]:
                out.append(self._candidate(DoorKind.HINGED, [a], a.hinge, a.latch, a.radius))
        return out

    def leaf_shapes(self, parts: Parts) -> list[Shape]:
        """Thin closed rectangles on door/opening layers that no swing uses: sliding leaves.

        They are kept out of the wall mass (a leaf parked beside an opening would otherwise hide
        the wall end from the opening detection).
        """
        out = []
        for sh in self.d.shapes:
            if sh.role not in (Role.DOOR, Role.OPENING) or sh.src.group is not None or sh in parts:
                continue
            if len(sh.exterior) != 4 or not self.in_plan(*sh.exterior[0]):
                continue
            (a, b, c, _) = sh.exterior
            w, h = math.dist(a, b), math.dist(b, c)
            thin, long = min(w, h), max(w, h)
            if thin <= 100.0 and 450.0 <= long <= 2000.0:
                out.append(sh)
        return out

    def leafless_doors(self, with_swing: list[DoorCandidate], leaf_shapes: list[Shape], openings: list[list[object]]) -> list[DoorCandidate]:
        """Sliding doors and door blocks without a swing, placed on the wall opening they stand in.

        ``openings`` are groups of seals (see ``linework.group_openings``); a block or a loose
        sliding leaf takes the opening nearest to it (within 0.3 m). Without one, a block falls back
        to its own footprint.
        """
        used_groups = {lf.group for c in with_swing for lf in c.leaves if lf.group is not None}
        reps = [min(g, key=lambda s: s.length) for g in openings]
        taken: set[int] = set()
        out: list[DoorCandidate] = []

        def nearest(geom, axis=None):
            best = None
            for k, seal in enumerate(reps):
                if k in taken or not (450.0 <= seal.length <= 2200.0):
                    continue
                dist = seal.line.distance(geom)
                if axis is not None:
                    sx, sy = (seal.b[0] - seal.a[0]) / seal.length, (seal.b[1] - seal.a[1]) / seal.length
                    if abs(sx * axis[0] + sy * axis[1]) < 0.95:
                        continue
                if dist <= 300.0 and (best is None or dist < best[0]):
                    best = (dist, k)
            return None if best is None else best[1]

        for ins in self.d.inserts:
            if ins.role is not Role.DOOR or ins.index in used_groups or not self.in_plan(ins.x, ins.y):
                continue
            foot = self._group_footprint(ins.index)
            kind = DoorKind.SLIDING if SLIDING_RE.search(ins.name) else DoorKind.OPENING
            k = nearest(foot if foot is not None else Point(ins.x, ins.y))
            parts = [x for x in self.d.segments if x.src.group == ins.index]
            if k is not None:
                taken.add(k)
                seal = reps[k]
                out.append(DoorCandidate(kind, [], seal.a, seal.b, seal.length, ins.name, ins.layer, ins.attribs, "high", parts, width_source="opening"))
                continue
            c = self._block_door(ins, kind)
            if c is not None:
                out.append(c)
        for sh in leaf_shapes:
            (a, b, c, _) = sh.exterior
            e = (a, b) if math.dist(a, b) >= math.dist(b, c) else (b, c)
            length = math.dist(*e)
            axis = ((e[1][0] - e[0][0]) / length, (e[1][1] - e[0][1]) / length)
            k = nearest(Polygon(sh.exterior), axis)
            if k is None:
                continue
            taken.add(k)
            seal = reps[k]
            out.append(DoorCandidate(DoorKind.SLIDING, [], seal.a, seal.b, seal.length, "", sh.layer, (), "low", [sh], width_source="opening"))
        return out

    def _group_footprint(self, group: int) -> Polygon | None:
        pts = [(s.x1, s.y1) for s in self.d.segments if s.src.group == group]
        pts += [(s.x2, s.y2) for s in self.d.segments if s.src.group == group]
        pts += [p for sh in self.d.shapes if sh.src.group == group for p in sh.exterior]
        if len(pts) < 3:
            return None
        rect = shapely.minimum_rotated_rectangle(shapely.multipoints(pts))
        return rect if isinstance(rect, Polygon) else None

    def _candidate(self, kind: DoorKind, leaves: list[Leaf], hinge, latch, width: float) -> DoorCandidate:
        group = leaves[0].group
        ins = self.inserts.get(group) if group is not None else None
        parts = [p for lf in leaves for p in lf.parts]
        return DoorCandidate(
            kind=kind,
            leaves=leaves,
            hinge=hinge,
            latch=latch,
            leaf_width_mm=width,
            block=ins.name if ins else "",
            layer=ins.layer if ins else leaves[0].layer,
            attributes=ins.attribs if ins else (),
            confidence="high" if ins is not None or any("door layer/block" in lf.evidence for lf in leaves) else "low",
            parts=parts,
        )

    def _block_door(self, ins: Insert, kind: DoorKind) -> DoorCandidate | None:
        rect = self._group_footprint(ins.index)
        if rect is None:
            return None
        c = list(rect.exterior.coords)[:4]
        e = [(c[k], c[(k + 1) % 4]) for k in range(4)]
        long_edge = max(e, key=lambda ab: math.dist(*ab))
        short = min(math.dist(*ab) for ab in e)
        width = math.dist(*long_edge)
        # the opening runs along the block's long axis, through its middle
        (ax, ay), (bx, by) = long_edge
        ux, uy = -(by - ay) / width, (bx - ax) / width
        cx, cy = rect.centroid.x, rect.centroid.y
        mx, my = (ax + bx) / 2, (ay + by) / 2
        sgn = 1.0 if (cx - mx) * ux + (cy - my) * uy > 0 else -1.0
        off = sgn * short / 2
        hinge = (ax + ux * off, ay + uy * off)
        latch = (bx + ux * off, by + uy * off)
        return DoorCandidate(
            kind=kind, leaves=[], hinge=hinge, latch=latch, leaf_width_mm=width, block=ins.name, layer=ins.layer,
            attributes=ins.attribs, confidence="low", width_source="block",
            parts=[x for x in self.d.segments if x.src.group == ins.index],
        )


def _dedupe(leaves: list[Leaf]) -> list[Leaf]:
    """The same swing drawn twice (an arc and a polyline copy, or a block exploded beside itself)."""
    out: list[Leaf] = []
    for lf in sorted(leaves, key=lambda lf: (lf.group is None, -len(lf.evidence))):
        if any(math.dist(lf.hinge, o.hinge) < 30 and math.dist(lf.latch, o.latch) < 60 and abs(lf.radius - o.radius) < 30 for o in out):
            continue
        out.append(lf)
    return out


def clear_width(c: DoorCandidate, conv: DoorConvention) -> tuple[float, float, str]:
    """(leaf width, clear width, source) by the documented rule (README "Door widths")."""
    leaf = c.leaf_width_mm
    for tag in conv.leaf_width_attributes:
        v = length_mm(attribute(c.attributes, tag))
        if v is not None and 300 <= v <= 3000:
            leaf = v
            break
    for tag in conv.clear_width_attributes:
        v = length_mm(attribute(c.attributes, tag))
        if v is not None and 300 <= v <= 3000:
            return leaf, v, "attribute"
    m = conv.module_pattern.search(c.block) if c.block else None
    if m and c.kind in (DoorKind.HINGED, DoorKind.SLIDING):
        module = int(m.group(1) or m.group(2))
        if 6 <= module <= 12:
            return leaf, module * 100.0 - conv.module_frame_deduction_mm, "module"
    n = max(1, len(c.leaves))
    if c.kind is DoorKind.SLIDING:
        return leaf, leaf - conv.sliding_deduction_mm, c.width_source if c.width_source != "swing" else "block"
    if c.kind is DoorKind.OPENING:
        return leaf, leaf - conv.opening_deduction_mm, "opening" if not c.block else "block"
    return leaf, leaf - n * conv.hinged_deduction_mm, "swing" if leaf == c.leaf_width_mm else "attribute"
