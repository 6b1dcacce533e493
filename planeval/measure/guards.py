"""Edges with nothing drawn along them: where a guard (railing) would have to be.

A guard in a floor plan is a line on a wall or railing layer (the profiles read railing layers —
``rekkverk``, ``A-FLOR-HRAL``, ``Railings`` — as walls, since a railing bounds a balcony as a wall
does): :attr:`~planeval.model.types.Plan.wall_segments` and the wall bodies. An edge is *guarded*
where such linework runs within ``gap_mm`` of it; what is left is the free edge. Door and window
openings in the edge are not free edges (the opening is closed by its door or window).
"""

from __future__ import annotations

import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from planeval.geometry import union
from planeval.measure.context import Context
from planeval.measure.frames import Frame
from planeval.model.types import Door

__all__ = ["OPENING_REACH_MM", "unguarded", "room_free_edges"]

#: A door opening covers the edge this far to both sides of its chord (a wall's thickness and more).
OPENING_REACH_MM = 400.0


def _lines(ctx: Context) -> tuple[list[LineString], shapely.STRtree]:
    def compute() -> tuple[list[LineString], shapely.STRtree]:
        segs = ctx.plan.wall_segments
        lines = [LineString([(s[0], s[1]), (s[2], s[3])]) for s in segs if (s[0], s[1]) != (s[2], s[3])]
        return lines, shapely.STRtree(lines)

    return ctx.memo(("guard-lines",), compute)


def unguarded(ctx: Context, edge: BaseGeometry, gap_mm: float) -> BaseGeometry:
    """The parts of ``edge`` (lines) with no wall or railing linework within ``gap_mm``."""
    if edge.is_empty:
        return edge
    lines, tree = _lines(ctx)
    near = [lines[i] for i in tree.query(edge.buffer(gap_mm))]
    guard = [shapely.union_all([ln.buffer(gap_mm) for ln in near])] if near else []
    walls = ctx.plan.walls
    if walls is not None and not walls.is_empty:
        guard.append(walls.buffer(gap_mm))
    return edge.difference(union(guard)) if guard else edge


def _opening(d: Door, reach: float) -> BaseGeometry:
    """The whole door chord (hinge to latch), ``reach`` to both sides."""
    if d.hinge == d.latch:
        return LineString()
    f = Frame.along(d.hinge, d.latch)
    length = LineString([d.hinge, d.latch]).length
    return f.box(0.0, length, -reach, reach)


def room_free_edges(ctx: Context, rid: str, gap_mm: float) -> BaseGeometry:
    """The room's boundary minus what guards it and minus its door and window openings."""

    def compute() -> BaseGeometry:
        room = ctx.room(rid)
        openings = [_opening(d, OPENING_REACH_MM) for d in ctx.doors_of(rid)]
        openings += [w.polygon.buffer(gap_mm) for w in ctx.plan.windows_of_room(rid)]
        edge = room.polygon.boundary
        if openings:
            edge = edge.difference(union(openings))
        return unguarded(ctx, edge, gap_mm)

    return ctx.memo(("free-edges", rid, gap_mm), compute)
