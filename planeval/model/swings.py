"""Swing evidence: door leaves from arcs, bulges and segmented polylines.

A swing is an arc of 60–120° with a radius of 0.35–1.3 m (or of 15–45° for a door drawn partly
open, with its leaf at the arc's end; the door still opens a quarter turn). Swings drawn as straight
segments and the elliptic swings of door blocks scaled unevenly are read too. It is a door leaf
when the evidence is strong enough: a door layer or block, a leaf line from the centre to one arc
end, the centre at a wall. Arcs on furniture, fixture, stair or ignored layers never become leaves; loose arcs on
unknown layers need both a leaf line and a wall (that is what keeps trees and callouts out).

The *hinge* is the arc centre, the *open end* is where the leaf is drawn, the *latch* (closed
leaf's free end) is the other arc end. How leaves become doors is in :mod:`planeval.model.doors`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

from planeval.geometry import circle_fit, sector
from planeval.model.layout import InPlan
from planeval.model.pieces import joined
from planeval.read.drawing import Chain, Drawing, Role, Segment, Shape, Source

R_MIN_MM = 350.0
R_MAX_MM = 1300.0
SWEEP_MIN = 60.0
SWEEP_MAX = 120.0
PIECE_MAX_MM = 600.0  # a swing drawn as loose lines end to end (a PDF conversion): pieces up to this long
PIECES_MIN = 3
JOIN_EPS_MM = 1.0  # pieces whose ends fall on the same point of this grid are joined
PART_MIN = 15.0  # a door drawn partly open: a short arc of 15–45° and the leaf at its end
PART_MAX = 45.0
NEAR_WALL_MM = 300.0
CLOSED_ON_WALL_MM = 30.0  # a leaf whose closed position runs this close along a wall closes against it
LEAF_TOL = 0.15  # relative tolerance of a leaf's length against the radius
LEAF_OFFSET_MM = 15.0  # a piece of a leaf drawn in pieces lies this close to the line from the hinge
LEAF_GAP_MM = 5.0  # and leaves at most this between it and the next
EXCLUDED_ROLES = frozenset({Role.FURNITURE, Role.FIXTURE, Role.STAIR, Role.IGNORE, Role.LABEL, Role.ROOM, Role.WINDOW})


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


def _arc_point(cx: float, cy: float, r: float, deg: float) -> tuple[float, float]:
    a = math.radians(deg)
    return (cx + r * math.cos(a), cy + r * math.sin(a))


class SwingEvidence:
    """Door leaves in one drawing (restricted to the floor-plan views), and the evidence for them."""

    def __init__(self, drawing: Drawing, in_plan: InPlan, wall_tree: shapely.STRtree | None, wall_geoms: np.ndarray) -> None:
        self.d = drawing
        self.in_plan = in_plan
        self.wall_tree = wall_tree
        self.wall_geoms = wall_geoms
        self.inserts = {i.index: i for i in drawing.inserts}
        # leaf evidence: straight segments and polygon edges near arc ends
        segs = [s for s in drawing.segments if s.role not in EXCLUDED_ROLES]
        self.seg_objs: list[Segment | Shape] = list(segs)
        coords = [((s.x1, s.y1), (s.x2, s.y2)) for s in segs]
        for sh in drawing.shapes:
            if sh.role in EXCLUDED_ROLES or len(sh.exterior) > 8:
                continue
            ring = list(sh.exterior)
            for a, b in zip(ring, ring[1:] + ring[:1], strict=False):
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

    def closes_on_wall(self, hinge: tuple[float, float], latch: tuple[float, float]) -> bool:
        """Whether the leaf, closed, lies along a wall instead of across an opening: the points at a quarter,
        half and three quarters of hinge → latch are each within ``CLOSED_ON_WALL_MM`` of a wall line. A
        door closes into a gap of the wall, whose jambs are at the leaf's ends; a shower tray's side and
        its diagonal (a loose square with an X, a fixture block exploded) form the same triangle, closed
        along the wall the tray stands against."""
        if self.wall_tree is None:
            return False
        for t in (0.25, 0.5, 0.75):
            p = (hinge[0] + t * (latch[0] - hinge[0]), hinge[1] + t * (latch[1] - hinge[1]))
            if self.near_wall(p, CLOSED_ON_WALL_MM) is None:
                return False
        return True

    def leaf_to(self, hinge: tuple[float, float], end: tuple[float, float], r: float) -> list[object]:
        """Primitives that draw a leaf from the hinge towards ``end``: a line, a thin rectangle's edge, or
        collinear pieces end to end (a leaf line drawn in two, broken where it crosses a wall face)."""
        if self.seg_tree is None:
            return []
        line = LineString([hinge, end])
        ux, uy = (end[0] - hinge[0]) / r, (end[1] - hinge[1]) / r
        found = []
        pieces: list[tuple[float, float, int]] = []  # along the leaf from the hinge: start, end, segment
        for i in self.seg_tree.query(line.buffer(max(60.0, 0.08 * r)), predicate="intersects"):
            (ax, ay), (bx, by) = self.seg_coords[i]
            length = math.hypot(bx - ax, by - ay)
            if length < 1e-9:
                continue
            # starting near the hinge and running towards the arc end (not away from it)
            if math.dist((bx, by), hinge) < math.dist((ax, ay), hinge):
                ax, ay, bx, by = bx, by, ax, ay
            vx, vy = (bx - ax) / length, (by - ay) / length
            if ux * vx + uy * vy < 0.97:
                continue
            if 0.7 * r <= length <= 1.15 * r and math.dist((ax, ay), hinge) <= max(80.0, 0.1 * r):
                found.append(self.seg_objs[i])
            elif length < 0.7 * r and abs((ax - hinge[0]) * uy - (ay - hinge[1]) * ux) <= LEAF_OFFSET_MM \
                    and abs((bx - hinge[0]) * uy - (by - hinge[1]) * ux) <= LEAF_OFFSET_MM:
                t0 = (ax - hinge[0]) * ux + (ay - hinge[1]) * uy
                pieces.append((t0, t0 + length * (ux * vx + uy * vy), int(i)))
        return found or self._pieced_leaf(pieces, r)

    def _pieced_leaf(self, pieces: list[tuple[float, float, int]], r: float) -> list[object]:
        """Pieces on the leaf's line that cover it end to end from the hinge (gaps up to ``LEAF_GAP_MM``) to
        0.7–1.15 of the radius: the leaf, as one line would be."""
        if len(pieces) < 2:
            return []
        pieces.sort()
        reach, used = None, []
        for t0, t1, i in pieces:
            if reach is None:
                if abs(t0) > max(80.0, 0.1 * r):
                    return []
                reach = t1
            elif t0 > reach + LEAF_GAP_MM:
                break
            else:
                reach = max(reach, t1)
            used.append(i)
        if len(used) < 2 or reach is None or not 0.7 * r <= reach <= 1.15 * r:
            return []
        return [self.seg_objs[i] for i in used]

    # -- leaves -----------------------------------------------------------------------------
    def leaves(self) -> list[Leaf]:
        """Every swing with enough evidence: arcs (and bulges), then segmented polylines."""
        leaves: list[Leaf] = []
        # a swing drawn again on top of itself (a door block inserted 2,000 times at one spot in a fuzz
        # input) gives the same leaf but for its group, which dedupe() drops: looked at once. The key
        # holds all a leaf's evidence depends on, and whether it has a group (dedupe's order)
        seen: set[tuple[object, ...]] = set()

        def again(geometry: tuple[object, ...], role: Role, layer: str, group: int | None) -> bool:
            ins = self.inserts.get(group) if group is not None else None
            key = (geometry, role, layer, group is None, ins.role if ins is not None else None)
            if key in seen:
                return True
            seen.add(key)
            return False

        for a in self.d.arcs:
            if a.role in EXCLUDED_ROLES or a.role is Role.WALL and a.src.group is None:
                continue
            if not (R_MIN_MM <= a.r <= R_MAX_MM and (SWEEP_MIN <= a.sweep_deg <= SWEEP_MAX or
                                                     PART_MIN <= a.sweep_deg <= PART_MAX)):
                continue
            if not self.in_plan(a.cx, a.cy):
                continue
            if again(("arc", a.cx, a.cy, a.r, a.start_deg, a.sweep_deg), a.role, a.layer, a.src.group):
                continue
            leaf = self._leaf(a.cx, a.cy, a.r, a.start_deg, a.sweep_deg, a.role, a.src.group, a.layer, a)
            if leaf is not None:
                leaves.append(leaf)
        for ch in self.d.chains:
            if ch.role in EXCLUDED_ROLES:
                continue
            if again(("chain", tuple(ch.points)), ch.role, ch.layer, ch.src.group):
                continue
            leaf = self._elliptic_leaf(ch) or self._chain_leaf(ch)
            if leaf is not None:
                leaves.append(leaf)
        for ch, pieces in self._joined_pieces():
            if again(("joined", ch.points), ch.role, ch.layer, None):
                continue
            leaf = self._chain_leaf(ch)
            if leaf is not None:
                leaf.parts = [*pieces, *leaf.parts[1:]]  # the lines themselves, kept out of walls and windows
                leaves.append(leaf)
        leaves += self._straight_leaves(again)
        return leaves

    def _joined_pieces(self) -> list[tuple[Chain, list[Segment]]]:
        """Loose short lines drawn end to end (:func:`planeval.model.pieces.joined`), as the polylines they stand
        for: a swing drawn as separate straight pieces (what a PDF conversion or an exploded polyline leaves),
        ``PIECES_MIN`` or more loose lines of at most ``PIECE_MAX_MM`` on one layer, as an open path."""
        by_layer: dict[str, list[Segment]] = {}
        for sg in self.d.segments:
            # LINEs only: a polyline's edges are its chain already (joined again, with a jamb line drawn on from
            # its end, an arc and the line made a second, skewed swing of the same door)
            if sg.src.group is None and sg.src.dxftype == "LINE" and sg.role not in EXCLUDED_ROLES \
                    and sg.role is not Role.WALL and math.dist((sg.x1, sg.y1), (sg.x2, sg.y2)) <= PIECE_MAX_MM:
                by_layer.setdefault(sg.layer, []).append(sg)
        out: list[tuple[Chain, list[Segment]]] = []
        for layer in sorted(by_layer):
            segs = by_layer[layer]
            if len(segs) < PIECES_MIN:
                continue
            for idx, pts, closed in joined([((s.x1, s.y1), (s.x2, s.y2)) for s in segs], JOIN_EPS_MM):
                if not closed and len(idx) >= PIECES_MIN:
                    first = segs[idx[0]]
                    out.append((Chain(tuple(pts), layer, first.role, Source(first.src.handle, "LINE", None)),
                                [segs[j] for j in idx]))
        return out

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
            if any(abs(math.dist(p, (cx, cy)) - r) > 0.03 * r for p in (part[0], part[-1])):
                continue  # the ends not on the circle: an ellipse (a block scaled unevenly), read as one
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

    def _elliptic_leaf(self, ch: Chain) -> Leaf | None:
        """A quarter ellipse: the swing of a door block scaled unevenly (xscale 0.9 on a 1 m block).

        The hinge sees both ends at a right angle (it lies on the circle over the chord) and makes
        the chain's points a quarter ellipse; the leaf's width is the distance from the hinge to the
        latch (the end without a leaf line), which is what the scale made of it.
        """
        pts = np.asarray(ch.points, dtype=float)
        if len(pts) < 5:
            return None
        a, b = pts[0], pts[-1]
        mid, half = (a + b) / 2, float(np.hypot(*(b - a))) / 2
        path = float(np.hypot(*np.diff(pts, axis=0).T).sum())
        if not (400.0 <= 2 * half <= 2400.0 and 1.04 <= path / (2 * half) <= 1.2):
            return None  # a quarter ellipse is 1.11 times as long as its chord
        bulge = pts[len(pts) // 2] - mid
        best: tuple[float, np.ndarray] | None = None
        for phi in np.radians(np.arange(0.0, 360.0, 1.0)):
            c = mid + half * np.asarray([math.cos(phi), math.sin(phi)])
            if float((c - mid) @ bulge) >= 0:  # the hinge lies across the chord from the arc
                continue
            ra, rb = float(np.hypot(*(a - c))), float(np.hypot(*(b - c)))
            if min(ra, rb) < 1.0:
                continue
            u, v = (a - c) / ra, (b - c) / rb
            q = pts - c
            resid = float(np.abs((q @ u / ra) ** 2 + (q @ v / rb) ** 2 - 1.0).max())
            if best is None or resid < best[0]:
                best = (resid, c)
        if best is None or best[0] > 0.05:
            return None
        c = best[1]
        ra, rb = float(np.hypot(*(a - c))), float(np.hypot(*(b - c)))
        if not (R_MIN_MM <= min(ra, rb) and max(ra, rb) <= R_MAX_MM * 1.2) or abs(ra - rb) < 0.03 * max(ra, rb):
            return None  # not door-sized, or a circle (read as one)
        if not self.in_plan(float(c[0]), float(c[1])):
            return None
        hinge = (float(c[0]), float(c[1]))
        pa, pb = (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))
        leaf_a, leaf_b = self.leaf_to(hinge, pa, ra), self.leaf_to(hinge, pb, rb)
        ins = self.inserts.get(ch.src.group) if ch.src.group is not None else None
        door_role = ch.role in (Role.DOOR, Role.OPENING) or (ins is not None and ins.role is Role.DOOR)
        if not door_role and not ((leaf_a or leaf_b) and self.near_wall(hinge) is not None):
            return None
        latch, open_end, width, parts = (pb, pa, rb, leaf_a) if leaf_a and not leaf_b else (pa, pb, ra, leaf_b)
        return quarter_turn(hinge, latch, open_end, width, ch.src.group, ch.layer,
                            ["door layer/block"] * door_role + ["elliptic swing (scaled block)"], [ch, *parts])

    def _straight_leaves(self, again: Callable[[tuple[object, ...], Role, str, int | None], bool]) -> list[Leaf]:
        """Swings drawn as a straight line from the open leaf's end to the latch (a triangle symbol),
        or as a polyline of two pieces: all its points a leaf's length from the hinge. ``again`` (see
        :meth:`leaves`) says whether the same path was looked at already."""
        out: list[Leaf] = []
        if self.seg_tree is None:
            return out
        paths: list[tuple[list[tuple[float, float]], Role, str, int | None, object]] = []
        for sg in self.d.segments:
            length = math.dist((sg.x1, sg.y1), (sg.x2, sg.y2))
            if sg.role not in EXCLUDED_ROLES and sg.role is not Role.WALL and 450.0 <= length <= 1900.0:
                paths.append(([(sg.x1, sg.y1), (sg.x2, sg.y2)], sg.role, sg.layer, sg.src.group, sg))
        for ch in self.d.chains:
            if ch.role not in EXCLUDED_ROLES and len(ch.points) == 3:
                paths.append((list(ch.points), ch.role, ch.layer, ch.src.group, ch))
        for pts, role, layer, group, prim in paths:
            # a line drawn again on top of itself (2,000 times in a fuzz input, or in 2,000 copies of a
            # block) gives the same leaf but for its group, which dedupe() drops: looked at once
            if again(("path", tuple(pts)), role, layer, group):
                continue
            for end, other in ((pts[0], pts[-1]), (pts[-1], pts[0])):
                leaf = self._triangle(end, other, pts, role, layer, group, prim)
                if leaf is not None:
                    out.append(leaf)
                    break
        return out

    def _triangle(self, open_end: tuple[float, float], latch: tuple[float, float], pts: list[tuple[float, float]], role: Role,
                  layer: str, group: int | None, prim: object) -> Leaf | None:
        """The leaf of a straight swing from ``open_end`` to ``latch``: a leaf line from a hinge to
        ``open_end`` as long as the hinge is from the latch, at 60–100° to it."""
        assert self.seg_tree is not None
        for i in self.seg_tree.query(Point(open_end).buffer(30.0), predicate="intersects"):
            (ax, ay), (bx, by) = self.seg_coords[i]
            if math.dist((bx, by), open_end) <= 30.0:
                hinge = (float(ax), float(ay))
            elif math.dist((ax, ay), open_end) <= 30.0:
                hinge = (float(bx), float(by))
            else:
                continue
            if self.seg_objs[i] is prim:
                continue
            r = math.dist(hinge, open_end)
            if not (R_MIN_MM <= r <= R_MAX_MM) or abs(math.dist(hinge, latch) - r) > 0.08 * r:
                continue
            if any(abs(math.dist(hinge, p) - r) > 0.08 * r for p in pts):
                continue
            a = abs((math.degrees(math.atan2(open_end[1] - hinge[1], open_end[0] - hinge[0]))
                     - math.degrees(math.atan2(latch[1] - hinge[1], latch[0] - hinge[0])) + 180.0) % 360.0 - 180.0)
            if not 60.0 <= a <= 100.0:
                continue
            leaf_obj = self.seg_objs[i]
            door_role = role in (Role.DOOR, Role.OPENING) or getattr(leaf_obj, "role", None) in (Role.DOOR, Role.OPENING)
            walls = self.near_wall(hinge) is not None and self.near_wall(latch, 2 * NEAR_WALL_MM) is not None
            # off door layers only a right-angled door-sized triangle between walls counts
            loose = walls and r >= 600.0 and 80.0 <= a <= 100.0 and not self.closes_on_wall(hinge, latch)
            if not (door_role or loose) or not self.in_plan(*hinge):
                continue
            evidence = ["door layer/block"] * door_role + ["leaf line", "swing drawn straight"]
            return quarter_turn(hinge, latch, open_end, r, group, layer, evidence, [prim, leaf_obj])
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
        partly = sweep < SWEEP_MIN
        if partly:  # a short arc says "door" only with the leaf drawn at one end and a door layer or a wall
            ok = bool(leaf0) != bool(leaf1) and (door_role or hinge_wall is not None)
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
        if partly:  # drawn partly open: the door still opens a quarter turn from its latch
            return quarter_turn((cx, cy), latch, open_end, r, group, layer, evidence + ["drawn partly open"], [part, *parts])
        return Leaf((cx, cy), latch, open_end, r, start, sweep, group, layer, evidence, [part, *parts])


def quarter_turn(hinge: tuple[float, float], latch: tuple[float, float], toward: tuple[float, float], r: float,
                 group: int | None, layer: str, evidence: list[str], parts: list[object]) -> Leaf:
    """The leaf of a door whose drawn swing is short or straight: a quarter turn from the latch
    towards the side the drawing opens it to."""
    a_latch = math.degrees(math.atan2(latch[1] - hinge[1], latch[0] - hinge[0]))
    a_toward = math.degrees(math.atan2(toward[1] - hinge[1], toward[0] - hinge[0]))
    ccw = (a_toward - a_latch) % 360.0 < 180.0
    a_open = a_latch + (90.0 if ccw else -90.0)
    open_end = _arc_point(hinge[0], hinge[1], r, a_open)
    start = a_latch if ccw else a_open
    return Leaf(hinge, latch, open_end, r, start % 360.0, 90.0, group, layer, evidence, parts)


def dedupe(leaves: list[Leaf]) -> list[Leaf]:
    """The same swing drawn twice (an arc and a polyline copy, or a block exploded beside itself)."""
    out: list[Leaf] = []
    for lf in sorted(leaves, key=lambda lf: (lf.group is None, -len(lf.evidence))):
        if any(math.dist(lf.hinge, o.hinge) < 30 and math.dist(lf.latch, o.latch) < 60 and abs(lf.radius - o.radius) < 30
               for o in out):
            continue
        out.append(lf)
    return out

