"""The union of many small polygons (thickened wall lines) in time that grows with their number, not its square.

GEOS unites polygons in a cascade and, at every level, places each *free* hole (one that touches no
shell) of the result by scanning the shell's vertex list (``OverlayEdgeRing::findEdgeRingContaining``
→ ``ptNotInList``). A floor's wall mass is one polygon whose holes are the rooms and wall hollows,
and whose shell may run through every wall hollow open to the outside: holes × shell vertices, again
at each level (100,000 wall lines: 40,000 holes, 15 s of a 33 s run, 22× the time of 10,000 lines).

Here the parts are cut at medians of their centres into tiles of at most ``TILE_PARTS``, and the tiles
into groups of up to ``FANOUT``, recursively. Each tile is united, then each group from its tiles'
pieces, up to the whole. After every union, a hole that no part outside the tile or group meets (or
touches) is a hole of the whole union too (its boundary is covered and nothing else can cover it), so it
is *confirmed*: filled before the pieces go up a level, and put back as a ring into the polygon of the
whole that holds it at the end, without an overlay. So each union carries only the holes on its seams.
A hole with an island of the union inside (a free-standing column in a room) is not filled, so the
island stays.

The region is that of ``shapely.union_all``. Its vertices are those of the pieces and their crossings;
a vertex on a straight edge, left where two pieces overlapped, depends on the grouping (as it does in
the cascade, on its own grouping), so the plain union is kept below ``TILED_FROM`` parts. Where a
hole put back would touch another or its polygon's boundary (a valid polygon may, but a ring from one
union might then cross another by a rounding), the plain union is used.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

#: polygons per tile
TILE_PARTS = 300
#: below this many polygons the plain union is used (it is fast enough there: 10,000 wall lines, 8,320 pieces, 0.6 s)
TILED_FROM = 12_000
#: groups united at each level above the tiles
FANOUT = 16


def union_polygons(parts: np.ndarray) -> BaseGeometry:
    """The union of ``parts`` (an array of polygons), tiled when there are many."""
    parts = np.asarray(parts, dtype=object)
    if len(parts) < TILED_FROM or len(parts) <= TILE_PARTS:
        return shapely.union_all(parts)
    bounds = shapely.bounds(parts)
    if not np.isfinite(bounds).all():
        return shapely.union_all(parts)
    centres = np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2])
    united = _Tiling(parts, centres)
    pieces, holes = united.unite(np.arange(len(parts)))
    result = _put_back_holes(_merge(pieces), holes) if pieces else None
    return shapely.union_all(parts) if result is None else result


class _Tiling:
    """The recursion of :func:`union_polygons`: a group of parts is cut into up to ``FANOUT`` groups at medians of
    their centres, each group united (recursively), and the groups' pieces united; after every union the holes only
    the group's own parts meet are confirmed."""

    def __init__(self, parts: np.ndarray, centres: np.ndarray) -> None:
        self.parts = parts
        self.centres = centres
        self.tree = shapely.STRtree(parts)
        self.stamp = np.full(len(parts), -1, dtype=np.int64)  # the group a part was last counted in
        self.groups = 0

    def unite(self, members: np.ndarray) -> tuple[list[Polygon], list[np.ndarray]]:
        holes: list[np.ndarray] = []
        if len(members) <= TILE_PARTS:
            union = _merge(list(self.parts[members]))
        else:
            pieces: list[Polygon] = []
            for group in self.split(members):
                p, h = self.unite(group)
                pieces += p
                holes += h
            union = _merge(pieces)
        self.groups += 1
        self.stamp[members] = self.groups
        filled, confirmed = _fill_confirmed(union, self.tree, self.stamp, self.groups)
        return filled, holes + confirmed

    def split(self, members: np.ndarray) -> list[np.ndarray]:
        """``members`` cut in two at the median of the centres along the longer side, each half again, ``FANOUT``
        groups at most, none cut below ``TILE_PARTS``."""
        out = [members]
        while len(out) < FANOUT:
            big = [g for g in out if len(g) > TILE_PARTS]
            if not big:
                break
            out = [g for g in out if len(g) <= TILE_PARTS]
            for g in big:
                c = self.centres[g]
                span = c.max(axis=0) - c.min(axis=0)
                order = np.argsort(c[:, 0 if span[0] >= span[1] else 1], kind="stable")
                half = len(g) // 2  # by rank, not by value: centres on one line are cut too
                out += [g[np.sort(order[:half])], g[np.sort(order[half:])]]
        return out


def _merge(pieces: list[Polygon] | list[BaseGeometry]) -> BaseGeometry:
    """The union of overlapping polygons as GEOS's buffer by 0 of them as one multipolygon: every edge noded once
    and the region of depth > 0 kept (2-3x faster than the cascaded union for a few hundred wall pieces, the same
    rings); the cascaded union where the buffer's region is not plausibly the union (it must hold the largest piece
    and be no larger than their sum)."""
    arr = np.asarray(pieces, dtype=object)
    if len(arr) == 1:
        return arr[0]
    try:
        merged = shapely.buffer(shapely.multipolygons(arr), 0)
    except shapely.errors.GEOSException:
        return shapely.union_all(arr)
    areas = shapely.area(arr)
    if merged.is_empty or merged.area < areas.max() * (1 - 1e-9) or merged.area > areas.sum() * (1 + 1e-9):
        return shapely.union_all(arr)
    return merged


def _fill_confirmed(local: BaseGeometry, tree: shapely.STRtree, stamp: np.ndarray, group: int
                    ) -> tuple[list[Polygon], list[np.ndarray]]:
    """The polygons of a tile's or group's union with their confirmed holes filled, and those holes (see the module
    docstring); ``stamp`` marks the parts of the group ``group``."""
    polys = [p for p in shapely.get_parts(local) if isinstance(p, Polygon) and not p.is_empty]
    rings = [(k, r) for k, p in enumerate(polys) for r in p.interiors]
    if not rings:
        return polys, []
    areas = shapely.polygons(np.asarray([r for _, r in rings], dtype=object))
    # a hole that a part outside the group meets (or touches) may be covered, or joined to another, in the whole
    hole, part = tree.query(areas, predicate="intersects")
    inside = np.ones(len(rings), dtype=bool)
    inside[hole[stamp[part] != group]] = False
    if inside.any() and len(polys) > 1:  # a hole holding an island of the union (another polygon of it) is not filled
        _, hit = shapely.STRtree(areas).query(shapely.point_on_surface(np.asarray(polys, dtype=object)), predicate="within")
        inside[hit] = False
    kept: list[list[np.ndarray]] = [[] for _ in polys]
    confirmed: list[np.ndarray] = []
    for (k, r), ok in zip(rings, inside.tolist(), strict=True):
        (confirmed if ok else kept[k]).append(np.asarray(r.coords))
    filled = [Polygon(p.exterior, kept[k]) if len(kept[k]) < len(p.interiors) else p for k, p in enumerate(polys)]
    return filled, confirmed


def _put_back_holes(whole: BaseGeometry, holes: list[np.ndarray]) -> BaseGeometry | None:
    """``whole`` with the confirmed ``holes`` put back, each once (a hole is confirmed by one group only, but a hole
    given twice would make the polygon invalid); ``None`` when a hole lies in no polygon of ``whole``, or would
    touch another hole or its polygon's boundary."""
    polys = [p for p in shapely.get_parts(whole) if isinstance(p, Polygon) and not p.is_empty]
    if not holes:
        return whole
    rings = np.asarray([shapely.linearrings(h) for h in holes], dtype=object)
    areas = shapely.polygons(rings)
    pts = shapely.point_on_surface(areas)
    # the same hole twice: a point of the later one lies in the earlier (distinct holes are disjoint)
    pi, hi = shapely.STRtree(areas).query(pts, predicate="within")
    dup = np.zeros(len(holes), dtype=bool)
    dup[pi[hi < pi]] = True
    keep = np.flatnonzero(~dup)
    # each polygon asks for the points in it (prepared once), not each point for its polygon (a scan of the shell each)
    owner, qi = shapely.STRtree(pts[keep]).query(np.asarray(polys, dtype=object), predicate="contains_properly")
    if len(qi) != len(keep) or len(np.unique(qi)) != len(keep):
        return None
    # valid as built: the holes apart from each other and each inside its polygon, clear of its boundary
    a, b = shapely.STRtree(areas[keep]).query(areas[keep], predicate="intersects")
    if (a != b).any():
        return None
    extra: list[list[int]] = [[] for _ in polys]
    for q, o in zip(qi.tolist(), owner.tolist(), strict=True):
        extra[o].append(int(keep[q]))
    for p, more in zip(polys, extra, strict=True):
        if more:
            shapely.prepare(p)  # an index of its edges, built once for all its holes
            if not shapely.contains_properly(p, rings[more]).all():
                return None
    out = [Polygon(p.exterior, [*p.interiors, *rings[more]]) if more else p for p, more in zip(polys, extra, strict=True)]
    return out[0] if len(out) == 1 else shapely.MultiPolygon(out)
