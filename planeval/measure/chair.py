"""The wheelchair as a rectangle that turns: configuration spaces over orientations.

A rectangle w × l (:class:`Chair`, e.g. 700 × 1200 mm) that must *turn* into doors. Its
configuration space is (x, y, θ): for each orientation θ of a set (a grid of ``step_deg`` plus the
directions of the unit's walls and door chords, modulo 180° — the footprint is symmetric and a
chair may reverse), the centres where the rectangle fits are the unit's space
(:func:`~planeval.measure.reach.unit_space`) eroded by the rotated rectangle (exact Minkowski
erosion, :func:`~planeval.measure.fit.erode_by_rectangle`). The chair moves within one component
at fixed θ and turns between adjacent orientations where the two components overlap (it stands in
both orientations at that spot; for steps ≤ 10° the corners sweep at most R·(1 − cos(step/2)) ≈ 3 mm
beyond the two rectangles, R the half diagonal). :func:`chair_reached` is the graph search over
those components; :func:`widest_chair` bisects the chair's width. See :mod:`planeval.measure.reach`
for the disc model, which the check asks first.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import cast

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import dominant_angle, edge_angles, polygons_of
from planeval.measure.congruent import flipped_angle, moved, shaped
from planeval.measure.context import Context
from planeval.measure.fit import erode_by_rectangle
from planeval.measure.floor import FloorSpec, free_floor
from planeval.measure.reach import door_opening, start_zone, unit_copy, unit_doors, unit_space
from planeval.measure.search import bisect_max

__all__ = ["CHAIR_STEP_MM", "Chair", "chair_angles", "chair_reached", "widest_chair", "chair_entry_doors"]

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

    def space() -> BaseGeometry:
        parts = [free_floor(ctx, rid, floor), *(door_opening(ctx, d) for d in ctx.doors_of(rid))]
        return shapely.union_all([g for g in parts if not g.is_empty])

    return ctx.memo(("chair-core", rid, floor, chair.width, chair.length, angle),
                    lambda: _erode_rect(ctx, ctx.memo(("room-chair-space", rid, floor), space), chair, angle))


Node = tuple[int, int]  # (orientation index, component index)


def _chair_turns(ctx: Context, uid: str, floor: FloorSpec, chair: Chair, angles: tuple[float, ...],
                 comps: list[tuple[Polygon, ...]]) -> tuple[tuple[Node, Node], ...]:
    """The graph's edges: component i at orientation k and component j at the next orientation
    overlap (by more than 1 mm²), so the chair turns from one into the other there. Measured once
    per shape of the unit's space: the flats a building repeats share it."""

    def compute(_space: BaseGeometry) -> tuple[tuple[Node, Node], ...]:
        edges: list[tuple[Node, Node]] = []
        for k in range(len(angles)):
            nxt = (k + 1) % len(angles)  # the last orientation turns on into the first (θ + 180° is the same footprint)
            if nxt == k or not comps[k] or not comps[nxt]:
                continue
            here, there = np.array(comps[k], dtype=object), np.array(comps[nxt], dtype=object)
            ii, jj = shapely.STRtree(there).query(here, predicate="intersects")
            if len(ii):
                overlap = shapely.area(shapely.intersection(here[ii], there[jj]))
                edges += [((k, int(i)), (nxt, int(j))) for i, j, a in zip(ii, jj, overlap, strict=True) if a > 1.0]
        return tuple(edges)

    return shaped(ctx, "chair-turns", unit_space(ctx, uid, floor), (chair.width, chair.length, angles), compute)


def chair_reached(ctx: Context, uid: str, floor: FloorSpec, chair: Chair) -> frozenset[str]:
    """Rooms of the unit the rectangular chair drives wholly into from the entrance door's approach,
    turning as it goes (the graph of configuration-space components, see the module docstring)."""
    u = ctx.plan.unit(uid)

    def compute() -> frozenset[str]:
        if not u.entrance_door:
            return frozenset()
        copy = unit_copy(ctx, uid, floor)
        if copy is not None:
            back = {theirs: mine for mine, theirs in copy[1].items()}
            return frozenset(back[r] for r in chair_reached(ctx, copy[0], floor, chair))
        angles = chair_angles(ctx, uid, floor, chair.step_deg)
        comps = [_chair_space(ctx, uid, floor, chair, a) for a in angles]
        g = nx.Graph()
        for k, cs in enumerate(comps):
            g.add_nodes_from((k, i) for i in range(len(cs)))
        g.add_edges_from(_chair_turns(ctx, uid, floor, chair, angles, comps))
        zone = start_zone(ctx, uid, chair.length)
        start = [(k, i) for k, cs in enumerate(comps) for i, c in enumerate(cs) if c.intersects(zone)]
        seen = set().union(*(nx.node_connected_component(g, s) for s in start)) if start else set()
        out = set()
        for rid in u.rooms:
            for k, i in seen:
                if comps[k][i].intersects(_room_core(ctx, rid, floor, chair, angles[k])):
                    out.add(rid)
                    break
        return frozenset(out)

    return ctx.memo(("chair-reached", uid, floor, chair), compute)


def widest_chair(ctx: Context, uid: str, rid: str, floor: FloorSpec, chair: Chair) -> float:
    """The widest chair of ``chair.length``, at most ``chair.width``, that drives into room ``rid``
    (to ``STEP_MM``). Every room of the unit bisects over the same widths, so they share the
    configuration spaces measured."""
    def ok(w: float) -> bool:
        return rid in chair_reached(ctx, uid, floor, chair.resized(w))

    def compute() -> float:
        if ok(chair.width):
            return chair.width
        return bisect_max(ok, 0.0, chair.width, CHAIR_STEP_MM, decimals=1)

    return ctx.memo(("chair-widest", uid, rid, floor, chair), compute)


def chair_entry_doors(ctx: Context, uid: str, rid: str, floor: FloorSpec, chair: Chair) -> tuple[str, ...]:
    """The doors of room ``rid`` whose other side the chair reaches: where it fails to turn in."""
    got = chair_reached(ctx, uid, floor, chair)
    return tuple(d.id for d in ctx.doors_of(rid) if any(r in got for r in d.rooms if r != rid))
