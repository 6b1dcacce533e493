"""The wheelchair as a rectangle that turns: configuration spaces over orientations.

A rectangle w × l (:class:`Chair`, e.g. 700 × 1200 mm) that must *turn* into doors. Its
configuration space is (x, y, θ): for each orientation θ of a set (a grid of ``step_deg`` plus the
directions of the unit's walls and door chords, modulo 180° — the footprint is symmetric and a
chair may reverse), the centres where the rectangle fits are the unit's space
(:func:`~planeval.measure.reach.unit_space`) eroded by the rotated rectangle (exact Minkowski
erosion, :func:`~planeval.measure.fit.erode_by_rectangle`). The chair moves within one component
at fixed θ and turns between adjacent orientations where the two components overlap (it stands in
both orientations at that spot; for steps ≤ 10° the corners sweep at most R·(1 − cos(step/2)) ≈ 3 mm
beyond the two rectangles, R the half diagonal). :func:`chair_reaches` is the graph search over
those components; :func:`widest_chair` bisects the chair's width. See :mod:`planeval.measure.reach`
for the disc model, which the check asks first.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import cast

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import dominant_angle, edge_angles, polygons_of
from planeval.graphs import component
from planeval.measure.congruent import flipped_angle, moved
from planeval.measure.context import Context
from planeval.measure.fit import erode_by_rectangle
from planeval.measure.floor import FloorSpec, free_floor
from planeval.measure.reach import door_opening, start_zone, unit_copy, unit_doors, unit_space
from planeval.measure.search import bisect_max

__all__ = ["CHAIR_STEP_MM", "Chair", "chair_angles", "chair_reached", "chair_reaches", "widest_chair", "chair_entry_doors"]

#: The rectangular chair's widest width is bisected to this precision (mm): each probe is a whole
#: configuration space.
CHAIR_STEP_MM = 5.0


@dataclass(frozen=True)
class Chair:
    """A wheelchair as a rectangle ``width`` × ``length`` (mm), turned in steps of ``step_deg``."""

    width: float
    length: float
    step_deg: float

    def resized(self, width: float) -> Chair:
        return Chair(round(width, 1), self.length, self.step_deg)


def chair_angles(ctx: Context, uid: str, floor: FloorSpec, step_deg: float) -> tuple[float, ...]:
    """The orientations tried (0–180°): a grid of ``step_deg`` plus the unit's wall directions and
    its doors' chords and normals (a chair drives straight through a door)."""
    u = ctx.plan.unit(uid)

    def compute() -> tuple[float, ...]:
        n = max(1, math.ceil(180.0 / max(step_deg, 0.5)))
        base = dominant_angle(unit_space(ctx, uid, floor))  # the grid turns with the plan
        angles = {round((base + k * 180.0 / n) % 180.0, 1) % 180.0 for k in range(n)}
        angles |= {round(a, 1) % 180.0 for a in edge_angles(unit_space(ctx, uid, floor))}
        for d in unit_doors(ctx, u):
            a = math.degrees(math.atan2(d.latch[1] - d.hinge[1], d.latch[0] - d.hinge[0])) % 180.0
            angles |= {round(a, 1) % 180.0, round(a + 90.0, 1) % 180.0}
        return tuple(sorted(angles))

    return ctx.memo(("chair-angles", uid, floor, step_deg), compute)


def _chair_space(ctx: Context, uid: str, floor: FloorSpec, chair: Chair, angle: float) -> tuple[Polygon, ...]:
    """Components of the centres where the chair, turned by ``angle``, fits in the unit's space."""
    return ctx.memo(("chair-space", uid, floor, chair.width, chair.length, angle), lambda: tuple(
        polygons_of(_erode_rect(ctx, unit_space(ctx, uid, floor), chair, angle))))


def _erode_rect(ctx: Context, free: BaseGeometry, chair: Chair, angle: float) -> BaseGeometry:
    """``free`` eroded by the chair turned by ``angle``, once per shape (repeated flats share it)."""
    return moved(ctx, "erode-rect", free, (chair.width, chair.length, angle),
                 lambda g: erode_by_rectangle(g, chair.width, chair.length, angle), _rect_flipped)


def _rect_flipped(params: Hashable, flip: np.ndarray) -> Hashable:
    """The chair's (width, length, angle) seen in a mirrored frame: the same rectangle at the mirrored angle
    (the erosion by a polygon is exact, so a mirrored flat's configuration space is the first's mirrored)."""
    w, length, angle = cast(tuple[float, float, float], params)
    return (w, length, flipped_angle(angle, flip))


def _room_core(ctx: Context, rid: str, floor: FloorSpec, chair: Chair, angle: float) -> BaseGeometry:
    """Centres where the chair, turned by ``angle``, stands wholly inside room ``rid`` — its free
    floor and the openings of its doors (a chair that drove into a bod may have its back in the
    doorway)."""

    space = _room_chair_space(ctx, rid, floor)
    return ctx.memo(("chair-core", rid, floor, chair.width, chair.length, angle), lambda: _erode_rect(ctx, space, chair, angle))


def _room_chair_space(ctx: Context, rid: str, floor: FloorSpec) -> BaseGeometry:
    """Room ``rid``'s free floor and the openings of its doors: where a chair in the room may stand."""

    def compute() -> BaseGeometry:
        parts = [free_floor(ctx, rid, floor), *(door_opening(ctx, d) for d in ctx.doors_of(rid))]
        return shapely.union_all([g for g in parts if not g.is_empty])

    return ctx.memo(("room-chair-space", rid, floor), compute)


Node = tuple[int, int]  # (orientation index, component index)


def _turns(comps: list[tuple[Polygon, ...]], k: int, nxt: int) -> list[tuple[Node, Node]]:
    """The graph's edges between orientations ``k`` and ``nxt``: component i at one and component j at
    the other overlap (by more than 1 mm²), so the chair turns from one into the other there."""
    if not comps[k] or not comps[nxt]:
        return []
    here, there = np.array(comps[k], dtype=object), np.array(comps[nxt], dtype=object)
    ii, jj = shapely.STRtree(there).query(here, predicate="intersects")
    if not len(ii):
        return []
    overlap = shapely.area(shapely.intersection(here[ii], there[jj]))
    return [((k, int(i)), (nxt, int(j))) for i, j, a in zip(ii, jj, overlap, strict=True) if a > 1.0]


class _Search:
    """The graph search of one chair in one unit, grown an orientation at a time and kept in the context.

    Each step adds the next orientation's components, its turns to the one before (and, for the last,
    its turn on into the first: θ + 180° is the same footprint) and the start components among them.
    A node joined to a start component stays joined as the graph grows, so a room is reached as soon
    as one of its joined nodes stands in the room's core; a room not reached once every orientation is
    in is not reached at all. A question is answered by the steps it needs: the same answer as the
    whole graph gives, without the orientations a chair that gets round never needed."""

    def __init__(self, ctx: Context, uid: str, floor: FloorSpec, chair: Chair) -> None:
        self.ctx, self.uid, self.floor, self.chair = ctx, uid, floor, chair
        self.angles = chair_angles(ctx, uid, floor, chair.step_deg)
        self.zone = start_zone(ctx, uid, chair.length)
        self.spaces = {rid: _room_chair_space(ctx, rid, floor) for rid in ctx.plan.unit(uid).rooms}
        self.comps: list[tuple[Polygon, ...]] = []
        self.graph: dict[Node, set[Node]] = {}
        self.starts: list[Node] = []
        self.seen: set[Node] = set()
        self.reached: set[str] = set()

    @property
    def done(self) -> bool:
        return len(self.comps) == len(self.angles) or len(self.reached) == len(self.spaces)

    def reaches(self, rid: str) -> bool:
        while rid not in self.reached and not self.done:
            self._step()
        return rid in self.reached

    def rooms(self) -> frozenset[str]:
        while not self.done:
            self._step()
        return frozenset(self.reached)

    def _step(self) -> None:
        k, comps, g = len(self.comps), self.comps, self.graph
        comps.append(_chair_space(self.ctx, self.uid, self.floor, self.chair, self.angles[k]))
        g.update(((k, i), set()) for i in range(len(comps[k])))
        turns = (_turns(comps, k - 1, k) if k else []) + (_turns(comps, k, 0) if k and k == len(self.angles) - 1 else [])
        for a, b in turns:
            g[a].add(b)
            g[b].add(a)
        self.starts += [(k, i) for i, c in enumerate(comps[k]) if c.intersects(self.zone)]
        now: set[Node] = set()
        for s in self.starts:  # a start's component grows with the graph: searched again each step
            if s not in now:
                now |= component(g, s)
        joined, self.seen = now - self.seen, now
        for kk, i in sorted(joined):
            c = comps[kk][i]
            for rid, space in self.spaces.items():
                if rid not in self.reached and c.intersects(space) and c.intersects(
                        _room_core(self.ctx, rid, self.floor, self.chair, self.angles[kk])):
                    self.reached.add(rid)


def _search(ctx: Context, uid: str, floor: FloorSpec, chair: Chair) -> tuple[_Search, dict[str, str]] | None:
    """The search for unit ``uid`` and the map of its rooms to the searched unit's (itself, or the unit it
    is a copy of); None for a unit without an entrance door."""
    if not ctx.plan.unit(uid).entrance_door:
        return None
    copy = unit_copy(ctx, uid, floor)
    if copy is not None:
        found = _search(ctx, copy[0], floor, chair)
        return None if found is None else (found[0], {mine: found[1][theirs] for mine, theirs in copy[1].items()})
    search = ctx.memo(("chair-search", uid, floor, chair), lambda: _Search(ctx, uid, floor, chair))
    return search, {rid: rid for rid in ctx.plan.unit(uid).rooms}


def chair_reaches(ctx: Context, uid: str, rid: str, floor: FloorSpec, chair: Chair) -> bool:
    """Whether the rectangular chair drives wholly into room ``rid`` of unit ``uid`` from the entrance
    door's approach, turning as it goes (the graph of configuration-space components, see the module
    docstring; the search runs only as far as the answer needs, :class:`_Search`)."""
    found = _search(ctx, uid, floor, chair)
    return found is not None and rid in found[1] and found[0].reaches(found[1][rid])


def chair_reached(ctx: Context, uid: str, floor: FloorSpec, chair: Chair) -> frozenset[str]:
    """Every room of the unit the rectangular chair drives wholly into (:func:`chair_reaches` for all)."""
    found = _search(ctx, uid, floor, chair)
    if found is None:
        return frozenset()
    got = found[0].rooms()
    return frozenset(mine for mine, theirs in found[1].items() if theirs in got)


def widest_chair(ctx: Context, uid: str, rid: str, floor: FloorSpec, chair: Chair) -> float:
    """The widest chair of ``chair.length``, at most ``chair.width``, that drives into room ``rid``
    (to ``STEP_MM``). Every room of the unit bisects over the same widths, so they share the
    configuration spaces measured."""
    def ok(w: float) -> bool:
        return chair_reaches(ctx, uid, rid, floor, chair.resized(w))

    def compute() -> float:
        if ok(chair.width):
            return chair.width
        return bisect_max(ok, 0.0, chair.width, CHAIR_STEP_MM, decimals=1)

    return ctx.memo(("chair-widest", uid, rid, floor, chair), compute)


def chair_entry_doors(ctx: Context, uid: str, rid: str, floor: FloorSpec, chair: Chair) -> tuple[str, ...]:
    """The doors of room ``rid`` whose other side the chair reaches: where it fails to turn in."""
    got = chair_reached(ctx, uid, floor, chair)
    return tuple(d.id for d in ctx.doors_of(rid) if any(r in got for r in d.rooms if r != rid))
