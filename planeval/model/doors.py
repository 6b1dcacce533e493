"""Doors from door blocks, loose swings and plain gaps: assembling the candidates, then the doors.

Leaves come from :mod:`planeval.model.swings`. Two leaves whose latches meet form a double door,
every other leaf a hinged door; folding and sliding symbols and double blocks drawn with one arc
are read by :mod:`planeval.model.doors_kinds`. Door blocks without a swing and thin leaf rectangles on door layers
(sliding leaves) take the wall opening they stand in. Once the rooms are known, each candidate
becomes a :class:`Door` between the rooms on either side of its chord, with the room its leaf
swings into and its width (:mod:`planeval.model.door_width`); seals of wall openings that no door
or window claims become plain openings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

from planeval.model import doors_kinds as kinds
from planeval.model.door_width import clear_width
from planeval.model.layout import InPlan
from planeval.model.linework import Seal, representative
from planeval.model.rooms import RoomIndex
from planeval.model.swings import NEAR_WALL_MM, Leaf, SwingEvidence, dedupe
from planeval.model.types import OUTSIDE, Door, DoorKind
from planeval.read.drawing import Drawing, Insert, Role, Segment, Shape
from planeval.read.profiles import DoorConvention

SLIDING_RE = re.compile(r"slid|skyve|skjut|schiebe|pocket|lomme|glide", re.IGNORECASE)
FOLDING_RE = re.compile(r"bi.?fold|folding|\bfold|foldedør|foldedor|falt|harmonika|vikdörr|vikdorr", re.IGNORECASE)


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
    # what a door tag beside it states (model/doortags.py): leaf width or module, height, the text
    tag_width_mm: float | None = None
    tag_module: int | None = None
    tag_height_mm: float | None = None
    tag_text: str = ""

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


class DoorFinder:
    """Collects door candidates from one drawing (restricted to the floor-plan views)."""

    def __init__(self, drawing: Drawing, in_plan: InPlan, wall_tree: shapely.STRtree | None, wall_geoms: np.ndarray,
                 convention: DoorConvention, walls_guessed: bool = False) -> None:
        self.d = drawing
        self.walls_guessed = walls_guessed  # the walls are the linework of no known role: a leaf may be on it too
        self.in_plan = in_plan
        self.conv = convention
        self.swings = SwingEvidence(drawing, in_plan, wall_tree, wall_geoms)
        self.inserts = self.swings.inserts
        self.twins: set[int] = set()  # door blocks drawn again on top of another one (read once): leafless_doors
        self.zigzags: list[kinds.Zigzag] = []
        self.slide_lines: list[kinds.SlideLine] = []
        self._by_group: dict[int, list[Segment]] | None = None
        self._shapes_by_group: dict[int, list[Shape]] | None = None

    def group_segments(self, group: int) -> list[Segment]:
        """The lines of one block reference (indexed once: not blocks × lines)."""
        if self._by_group is None:
            self._by_group = {}
            for s in self.d.segments:
                if s.src.group is not None:
                    self._by_group.setdefault(s.src.group, []).append(s)
        return self._by_group.get(group, [])

    def group_shapes(self, group: int) -> list[Shape]:
        """The closed shapes of one block reference (indexed once, as :meth:`group_segments`)."""
        if self._shapes_by_group is None:
            self._shapes_by_group = {}
            for sh in self.d.shapes:
                if sh.src.group is not None:
                    self._shapes_by_group.setdefault(sh.src.group, []).append(sh)
        return self._shapes_by_group.get(group, [])

    def near_wall(self, p: tuple[float, float], dist: float = NEAR_WALL_MM) -> float | None:
        """Distance from ``p`` to the nearest wall line within ``dist``, else None."""
        return self.swings.near_wall(p, dist)

    def door_parts(self, candidates: list[DoorCandidate]) -> tuple[Parts, list[Shape]]:
        """What draws doors (kept out of walls and windows), and the loose sliding leaves among it."""
        parts = Parts()
        for c in candidates:
            for prim in c.parts:
                parts.add(prim)
        leaf_shapes = self.leaf_shapes(parts)
        for sh in leaf_shapes:
            parts.add(sh)
        # zigzag folding leaves and loose sliding-leaf lines: placed on their openings once the walls are known
        self.zigzags = kinds.zigzags(self.d, self.in_plan, lambda s: s in parts)
        for z in self.zigzags:
            for seg in z.parts:
                parts.add(seg)
        self.slide_lines = kinds.slide_lines(self.d, self.in_plan, lambda s: s in parts)
        for ins in self.d.inserts:  # door blocks never draw walls or windows
            if ins.role is Role.DOOR:
                parts.groups.add(ins.index)
        return parts, leaf_shapes

    # -- assembling doors -------------------------------------------------------------------
    def swing_doors(self) -> list[DoorCandidate]:
        """Hinged and double doors, from swings."""
        leaves = self.swings.leaves()
        leaves = dedupe(leaves)
        out, leaves = self._folding(leaves)
        leaves = self._second_leaves(leaves)
        used = [False] * len(leaves)
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
                    # the active leaf first (measure.doors.latch_edge): the wider one, of two alike the one whose
                    # hinge comes first by its coordinates - not whichever was drawn first
                    first, second = sorted([a, b], key=lambda lf: (-round(lf.radius), lf.hinge))
                    out.append(self._candidate(DoorKind.DOUBLE, [first, second], first.hinge, second.hinge,
                                               a.radius + b.radius))
                    break
        for i, a in enumerate(leaves):
            if not used[i]:
                out.append(self._candidate(DoorKind.HINGED, [a], a.hinge, a.latch, a.radius))
        return out

    def _folding(self, leaves: list[Leaf]) -> tuple[list[DoorCandidate], list[Leaf]]:
        """Folding (bifold) doors from leaves drawn partly open (:func:`~planeval.model.doors_kinds.folding_from_leaves`).
        Returns the doors and the leaves left over."""
        groups, rest = kinds.folding_from_leaves(leaves)
        out: list[DoorCandidate] = []
        for group in groups:
            lf0 = group[0]
            ux, uy = lf0.latch[0] - lf0.hinge[0], lf0.latch[1] - lf0.hinge[1]
            n = math.hypot(ux, uy)
            ux, uy = ux / n, uy / n
            ends: list[tuple[float, float]] = [p for leaf in group for p in (leaf.hinge, leaf.latch)]
            proj = [(p[0] - lf0.hinge[0]) * ux + (p[1] - lf0.hinge[1]) * uy for p in ends]
            first, last = ends[proj.index(min(proj))], ends[proj.index(max(proj))]
            c = self._candidate(DoorKind.FOLDING, group, first, last, math.dist(first, last))
            c.leaves = []  # the folded leaves stack in the opening: no swing of a side-hung leaf
            c.parts = [p for lf in group for p in lf.parts]
            out.append(c)
        return out, rest

    def _second_leaves(self, leaves: list[Leaf]) -> list[Leaf]:
        """The leaves, with the passive leaf of each double-door block drawn with one arc added beside its
        active leaf (:func:`~planeval.model.doors_kinds.second_leaf`); the pairing makes them a double door."""
        out = list(leaves)
        groups = [lf.group for lf in leaves]
        for lf in leaves:
            if lf.group is None or groups.count(lf.group) != 1:
                continue
            extra = kinds.second_leaf(lf, self.group_segments(lf.group), self.inserts.get(lf.group))
            if extra is not None:
                out.append(extra)
        return out

    def leaf_shapes(self, parts: Parts) -> list[Shape]:
        """Thin closed rectangles on door/opening layers that no swing uses: sliding leaves (kept out of the
        wall mass: a leaf parked beside an opening would otherwise hide the wall end)."""
        return kinds.leaf_rectangles(self.d, self.in_plan, lambda sh: sh in parts, self.walls_guessed)

    def leafless_doors(self, with_swing: list[DoorCandidate], leaf_shapes: list[Shape], openings: list[list[Seal]]
                       ) -> list[DoorCandidate]:
        """Sliding doors and door blocks without a swing, placed on the wall opening they stand in.

        ``openings`` are groups of seals (see ``linework.group_openings``); a block or a loose
        sliding leaf takes the opening nearest to it (within 0.3 m). Without one, a block falls back
        to its own footprint.
        """
        used_groups = {lf.group for c in with_swing for lf in c.leaves if lf.group is not None}
        reps = [representative(g) for g in openings]
        taken: set[int] = set()
        out: list[DoorCandidate] = []
        lines = [[x.line for x in g] for g in openings]
        group_of = np.asarray([k for k, g in enumerate(lines) for _ in g], dtype=np.int64)
        tree = shapely.STRtree([ln for g in lines for ln in g])

        def nearest(geom, axis=None):
            best = None
            # only openings with a seal within 0.3 m can be the nearest (one tree query, not every opening)
            near = sorted(set(group_of[tree.query(geom, predicate="dwithin", distance=300.0)].tolist())) if len(group_of) else []
            for k in near:
                seal = reps[k]
                if k in taken or not (450.0 <= seal.length <= 2200.0):
                    continue
                dist = min(ln.distance(geom) for ln in lines[k])  # to the opening, whichever seal represents it
                if axis is not None:
                    sx, sy = (seal.b[0] - seal.a[0]) / seal.length, (seal.b[1] - seal.a[1]) / seal.length
                    if abs(sx * axis[0] + sy * axis[1]) < 0.95:
                        continue
                if dist <= 300.0 and (best is None or dist < best[0]):
                    best = (dist, k)
            return None if best is None else best[1]

        # the same door block at the same place, turn and scale twice (a copy pasted on itself) is one door
        def twin(i: Insert) -> tuple[object, ...]:
            return (i.name, round(i.x, 1), round(i.y, 1), round(i.rotation_deg % 360.0, 3), round(i.xscale, 4),
                    round(i.yscale, 4))

        seen = {twin(i) for i in self.d.inserts if i.index in used_groups}
        for ins in self.d.inserts:
            if ins.role is not Role.DOOR or ins.index in used_groups or not self.in_plan(ins.x, ins.y):
                continue
            if twin(ins) in seen:
                self.twins.add(ins.index)
                continue
            seen.add(twin(ins))
            foot = self._group_footprint(ins.index)
            kind = (DoorKind.SLIDING if SLIDING_RE.search(ins.name) else
                    DoorKind.FOLDING if FOLDING_RE.search(ins.name) else DoorKind.OPENING)
            k = nearest(foot if foot is not None else Point(ins.x, ins.y))
            parts: list[object] = list(self.group_segments(ins.index))
            if k is not None:
                taken.add(k)
                seal = reps[k]
                if kind is DoorKind.OPENING:  # a block of no telling name: what its own lines draw
                    own = self.group_segments(ins.index)
                    kind = (DoorKind.FOLDING if kinds.block_zigzag(own) else
                            DoorKind.SLIDING if kinds.block_leaf_rectangle(own, seal) else kind)
                hinge, latch = seal.a, seal.b
                if kind is DoorKind.SLIDING:
                    hinge, latch = kinds.parked_end(parts + self.group_shapes(ins.index), seal)
                out.append(DoorCandidate(kind, [], hinge, latch, seal.length, ins.name, ins.layer, ins.attribs, "high", parts,
                                         width_source="opening"))
                continue
            block_door = self._block_door(ins, kind)
            if block_door is not None:
                out.append(block_door)
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
            hinge, latch = kinds.parked_end([sh], seal)
            out.append(DoorCandidate(DoorKind.SLIDING, [], hinge, latch, seal.length, "", sh.layer, (), "low", [sh],
                                     width_source="opening"))
        return out + self._symbol_doors(with_swing + out, reps, taken)

    def _symbol_doors(self, placed: list[DoorCandidate], reps: list[Seal], taken: set[int]) -> list[DoorCandidate]:
        """Folding doors drawn as zigzags and sliding leaves drawn as lines, on the free openings they
        stand in (no other door's chord within 0.4 m)."""
        if not (self.zigzags or self.slide_lines) or not reps:
            return []
        chords = shapely.STRtree([LineString([c.hinge, c.latch]) for c in placed]) if placed else None

        def free(k: int) -> bool:
            mid = Point((reps[k].a[0] + reps[k].b[0]) / 2, (reps[k].a[1] + reps[k].b[1]) / 2)
            return k not in taken and (chords is None or not len(chords.query(mid, predicate="dwithin", distance=400.0)))

        out = []
        for kind, k, prims in kinds.match_openings(reps, free, self.zigzags, self.slide_lines):
            seal = reps[k]
            taken.add(k)
            layer = getattr(prims[0], "layer", "") if prims else ""
            if kind == "folding":
                hinge, latch = kinds.jamb_of(prims, seal)
                out.append(DoorCandidate(DoorKind.FOLDING, [], hinge, latch, seal.length, "", layer, (), "low", prims,
                                         width_source="opening"))
            else:
                hinge, latch = kinds.parked_end(prims, seal)
                out.append(DoorCandidate(DoorKind.SLIDING, [], hinge, latch, seal.length, "", layer, (), "low", prims,
                                         width_source="opening"))
        return out

    def _group_footprint(self, group: int) -> Polygon | None:
        pts = [p for s in self.group_segments(group) for p in ((s.x1, s.y1), (s.x2, s.y2))]
        pts += [p for sh in self.group_shapes(group) for p in sh.exterior]
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
            parts=list(self.group_segments(ins.index)),
        )


def door_seals(candidates: list[DoorCandidate]) -> list[Seal]:
    """The chords that close each door's opening for the room faces: one per leaf (a double door: one)."""
    seals = []
    for c in candidates:
        if c.kind is DoorKind.DOUBLE:
            seals.append(Seal(c.hinge, c.latch, "door"))
        else:
            for lf in c.leaves:
                seals.append(Seal(lf.hinge, lf.latch, "door"))
            if not c.leaves:
                seals.append(Seal(c.hinge, c.latch, "door"))
    return seals


def to_door(c: DoorCandidate, conv: DoorConvention, index: RoomIndex) -> Door:
    """The door of a candidate: its rooms, the room its leaves swing into, its widths (id assigned later)."""
    leaf, clear, source = clear_width(c, conv)
    a, b = index.sides(c.hinge, c.latch)
    swing = c.swing
    swing_room = None
    if swing is not None:
        # the room holding most of the swept area's middle
        pts = []
        for lf in c.leaves:
            mid_angle = math.radians(lf.start_deg + lf.sweep_deg / 2)
            r = 0.6 * lf.radius
            pts.append(Point(lf.hinge[0] + r * math.cos(mid_angle), lf.hinge[1] + r * math.sin(mid_angle)))
        hits = [index.at(p) for p in pts]
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


from planeval.model.doors_openings import NOT_IN_WALL_MM, door_diagnostics, plain_openings  # noqa: E402 - re-exported

__all__ = ["DoorCandidate", "DoorFinder", "Parts", "door_seals", "to_door", "plain_openings", "door_diagnostics",
           "NOT_IN_WALL_MM"]
