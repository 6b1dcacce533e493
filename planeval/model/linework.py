"""Wall mass and the seals that close wall openings, so that rooms become closed regions.

Walls arrive as double lines, single lines, closed polylines or hatches. All of them are turned
into one *wall mass*: every line thickened by ``EPS_MM`` (square ends, mitred corners, so lines
that almost meet do meet) united with the wall bodies. On the boundary of that mass a wall end
looks the same whatever the drawing style: a short *cap* edge (a jamb, or the tip of a single
line) between two convex corners whose neighbouring edges run back in parallel. From both
corners of a cap a ray continues the wall face across the opening; the first wall it meets
0.4–1.3 m away closes the gap (a *seal*). Doors add the chord of their closed leaf (see
``doors.py``); seals that belong to no door or window become plain openings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.model.tiled_union import union_polygons

EPS_MM = 5.0  # half thickness given to lines; also the snapping distance
MIN_GAP_MM = 2.0  # a wall end closer than a passage to another wall is joined to it (undershoots)
MAX_GAP_MM = 1300.0
MAX_FACING_GAP_MM = 4000.0
CAP_MAX_MM = 650.0  # the widest wall end (jamb) we recognise
PARALLEL = 0.94  # cosine: the two faces beside a cap run back in parallel
#: rays run this far inside the wall face they continue: a ray exactly along the facing jamb's face would
#: graze its corner, and rotation noise (1e-13 mm) decides whether it hits it or runs on to the next wall
GRAZE_MM = 0.5


@dataclass(frozen=True, slots=True)
class Seal:
    a: tuple[float, float]
    b: tuple[float, float]
    origin: str  # "cap" | "door"

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)

    @property
    def line(self) -> LineString:
        return LineString([self.a, self.b])


def wall_mass(segs: np.ndarray, bodies: list[Polygon]) -> BaseGeometry:
    """Union of the thickened wall lines and the wall bodies, in normal form: the seals are searched
    from its rings' vertices, which must not depend on the order the lines were drawn in."""
    parts: list[BaseGeometry] = []
    if len(segs):
        lines = shapely.linestrings(segs.reshape(-1, 2, 2))
        parts.extend(shapely.buffer(lines, EPS_MM, cap_style="square", join_style="mitre", quad_segs=1))
    parts.extend(bodies)
    if not parts:
        return Polygon()
    return shapely.normalize(union_polygons(np.asarray(parts, dtype=object)))


@dataclass(frozen=True, slots=True)
class _Ring:
    """A simplified ring of the mass (``xy``) and the ring as the mass has it (``drawn``, the other way
    round if ``turned``; None for a ring the simplification made cross itself: repaired, its vertices
    are no longer drawn ones). Every vertex of ``xy`` is one of ``drawn``: the simplification and
    the removal of straight-on vertices only drop vertices."""

    xy: np.ndarray
    drawn: BaseGeometry | None
    turned: bool


def _rings(mass: BaseGeometry, tolerance: float) -> list[_Ring]:
    """The rings of ``mass`` (outer rings counter-clockwise, holes clockwise), each simplified on its own
    (Douglas-Peucker to ``tolerance``): a polygon's simplification would also repair the polygon it gives
    (a buffer(0) of the whole mass: 11 of 69 s on 100,000 wall lines), and only the rings are used."""
    rings: list[_Ring] = []
    for p in shapely.get_parts(mass):
        if not isinstance(p, Polygon):
            continue
        drawn = [p.exterior, *p.interiors]
        # simplified as drawn, turned after: Douglas-Peucker's choice between vertices as far apart depends on the direction
        simple = shapely.simplify(np.asarray(drawn, dtype=object), tolerance, preserve_topology=False)
        for k, ring in enumerate(simple):
            if ring.is_empty:
                continue
            # a ring the simplification made cross itself is repaired on its own, as the polygon's would be
            fixed = shapely.buffer(Polygon(ring), 0) if not ring.is_simple else None
            parts = [ring] if fixed is None else [q.exterior for q in shapely.get_parts(fixed) if isinstance(q, Polygon)]
            for part in parts:
                c = np.asarray(part.coords)[:-1]
                if len(c) < 4:
                    continue
                turned = part.is_ccw != (k == 0)  # outer rings counter-clockwise
                rings.append(_Ring(c[::-1] if turned else c, drawn[k] if fixed is None else None, turned))
    return _drop_collinear(rings)


def _indices(drawn: np.ndarray, kept: np.ndarray) -> np.ndarray | None:
    """The index in ``drawn`` of each vertex of ``kept`` (a simplification keeps drawn vertices), or None
    if one is not found (a ring the mass has twice the same vertex in stays unrefined as well)."""
    z = drawn[:, 0] + 1j * drawn[:, 1]
    order = np.argsort(z, kind="stable")
    zs = z[order]
    q = kept[:, 0] + 1j * kept[:, 1]
    pos = np.searchsorted(zs, q)
    if (pos >= len(zs)).any():
        return None
    at = order[pos]
    twice = zs[np.minimum(pos + 1, len(zs) - 1)] == q
    twice &= pos + 1 < len(zs)
    if not (z[at] == q).all() or twice.any():
        return None
    return at


def _ring_index(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For rings of ``sizes`` vertices laid end to end: each vertex's ring start, the previous and the next
    vertex of its ring (cyclic), as indices into the concatenation."""
    start = np.repeat(np.cumsum(sizes) - sizes, sizes)
    n = np.repeat(sizes, sizes)
    local = np.arange(int(sizes.sum())) - start
    return start, start + (local - 1) % n, start + (local + 1) % n


def _drop_collinear(rings: list[_Ring]) -> list[_Ring]:
    """Remove vertices where a ring goes straight on (they would split a cap's neighbours); a ring that
    would keep fewer than 3 stays as it is. All rings in one pass (the arithmetic of each vertex is the
    same as ring by ring)."""
    if not rings:
        return []
    sizes = np.asarray([len(r.xy) for r in rings])
    c = np.concatenate([r.xy for r in rings])
    _, prev, nxt = _ring_index(sizes)
    u = c - c[prev]
    v = c[nxt] - c
    cross = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    dot = (u * v).sum(axis=1)
    scale = np.hypot(u[:, 0], u[:, 1]) * np.hypot(v[:, 0], v[:, 1]) + 1e-12
    keep = (np.abs(cross) > 1e-6 * scale) | (dot < 0)
    kept = np.add.reduceat(keep.astype(np.int64), np.cumsum(sizes) - sizes).tolist()
    bounds = np.cumsum(sizes).tolist()
    out = []
    for r, b, k in zip(rings, bounds, kept, strict=True):
        if k < 3:
            out.append(r)
            continue
        out.append(_Ring(r.xy[keep[b - len(r.xy):b]], r.drawn, r.turned))
    return out


def _cap_candidates(rings: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The vertices (ring number, index in the ring) that may begin a cap: a next edge 1 mm to ``CAP_MAX_MM``
    long between two longer edges. A loose sieve in one numpy pass over every ring; each candidate is then
    judged exactly as before (so the seals are the same, without a Python step per vertex)."""
    sizes = np.asarray([len(c) for c in rings])
    c = np.concatenate(rings)
    start, prev, nxt = _ring_index(sizes)
    cap = np.hypot(*(c[nxt] - c).T)
    len_in = np.hypot(*(c - c[prev]).T)
    len_out = np.hypot(*(c[nxt[nxt]] - c[nxt]).T)
    tol = 1e-3
    ok = (cap >= 1.0 - tol) & (cap <= CAP_MAX_MM + tol) & (np.minimum(len_in, len_out) >= np.maximum(60.0, 0.5 * cap) - tol)
    g = np.flatnonzero(ok)
    return np.repeat(np.arange(len(rings)), sizes)[g], g - start[g]


def find_seals(mass: BaseGeometry) -> list[Seal]:
    """Seals across the openings of the wall mass (see the module docstring).

    A ray that meets any wall within ``MAX_GAP_MM`` seals; a longer ray (up to
    ``MAX_FACING_GAP_MM``) seals only when it meets a wall end facing it (a glazed wall or a wide
    opening between two jambs, whose glazing may sit on a layer we do not read).
    """
    # the thickening leaves 5 mm steps at line ends; only the rings are used, so their topology need not be
    # preserved (Douglas-Peucker: 6x faster than the topology-preserving simplification on a large plan)
    simplified = _rings(mass, EPS_MM + 1.0)
    if not simplified:
        return []
    rings = [r.xy for r in simplified]
    corners = np.concatenate(rings)
    all_edges = np.stack([corners, corners[_ring_index(np.asarray([len(r) for r in rings]))[2]]], axis=1)
    edge_lines = shapely.linestrings(all_edges)
    tree = shapely.STRtree(edge_lines)
    rays: list[tuple[tuple[float, float], tuple[float, float], tuple[float, float]]] = []
    cap_dir: dict[int, tuple[float, float]] = {}  # edge index of a cap -> its ray direction
    offsets = np.cumsum([0] + [len(r) for r in rings]).tolist()
    drawn_of: dict[int, tuple[list[list[float]], list[int]] | None] = {}  # ring number -> its drawn ring, looked up once
    for r, i in zip(*(a.tolist() for a in _cap_candidates(rings)), strict=True):
        ring, offset = rings[r], offsets[r]
        n = len(ring)
        # the exact test of each candidate, as it was for every vertex
        p0, p1, p2, p3 = ring[i - 1], ring[i], ring[(i + 1) % n], ring[(i + 2) % n]
        cap = p2 - p1
        cap_len = math.hypot(*cap)
        if not (1.0 <= cap_len <= CAP_MAX_MM):
            continue
        d_in = p1 - p0  # arriving at the cap
        d_out = p3 - p2  # leaving the cap
        len_in, len_out = math.hypot(*d_in), math.hypot(*d_out)
        if min(len_in, len_out) < max(60.0, 0.5 * cap_len):
            continue  # a notch or a corner, not the end of a wall
        u_in, u_out = d_in / len_in, d_out / len_out
        if float(np.dot(u_in, u_out)) > -PARALLEL:
            continue  # the faces beside the cap must run back in parallel
        # both corners convex for the mass (left turns on an oriented ring)
        if _cross(d_in, cap) <= 0 or _cross(cap, d_out) <= 0:
            continue
        if r not in drawn_of:
            drawn_of[r] = _drawn_lookup(simplified[r])
        p1, p2, u_in = _drawn_cap(drawn_of[r], i, p1, p2, u_in)
        cap = p2 - p1
        cap_len = math.hypot(*cap)
        direction = (float(u_in[0]), float(u_in[1]))
        cap_dir[offset + i] = direction
        inward = (float(cap[0] / cap_len), float(cap[1] / cap_len))  # from p1 across the wall end to p2
        rays.append(((float(p1[0]), float(p1[1])), direction, inward))
        rays.append(((float(p2[0]), float(p2[1])), direction, (-inward[0], -inward[1])))
    if not rays:
        return []
    origins = np.asarray([r[0] for r in rays]) + np.asarray([r[2] for r in rays]) * GRAZE_MM
    dirs = np.asarray([r[1] for r in rays])
    starts = origins + dirs * 1.0
    ends = origins + dirs * MAX_FACING_GAP_MM
    ray_lines = shapely.linestrings(np.stack([starts, ends], axis=1))
    ri, ei = tree.query(ray_lines, predicate="intersects")
    best: dict[int, tuple[float, tuple[float, float], int]] = {}
    if len(ri):
        hits = shapely.intersection(ray_lines[ri], edge_lines[ei])
        parts, pair = shapely.get_parts(hits, return_index=True)
        xy, at = shapely.get_coordinates(parts, return_index=True)
        ray, edge = ri[pair[at]], ei[pair[at]]  # each hit point in the order of the pairs, parts and points
        # the nearest hit of each ray past 2 mm: numpy finds the few points that can be it, which are then
        # judged in their order with math.hypot as before (numpy's hypot may differ in the last bit)
        dd = np.hypot(xy[:, 0] - origins[ray, 0], xy[:, 1] - origins[ray, 1])
        dd = np.where(dd > 2.0 - 1e-6, dd, np.inf)
        nearest = np.full(len(rays), np.inf)
        np.minimum.at(nearest, ray, dd)
        close = np.isfinite(dd) & (dd <= nearest[ray] * (1 + 1e-9) + 1e-6)
        for k in np.flatnonzero(close).tolist():
            i, e = int(ray[k]), int(edge[k])
            px, py = origins[i]
            cx, cy = xy[k]
            d = math.hypot(cx - px, cy - py)
            if d > 2.0 and (i not in best or d < best[i][0]):
                best[i] = (d, (float(cx), float(cy)), e)
    seals: list[Seal] = []
    for i, (dist, hit, edge) in sorted(best.items()):
        (px, py), (ux, uy), (wx, wy) = rays[i]
        if dist < MIN_GAP_MM:
            continue
        if dist > MAX_GAP_MM:
            facing = cap_dir.get(edge)
            if facing is None or facing[0] * ux + facing[1] * uy > -PARALLEL:
                continue
        # the mass is the drawn lines grown by EPS_MM: move the seal back onto the drawn face
        # (EPS inwards across the wall end) and its ends onto the drawn wall ends (EPS along the ray)
        hx, hy = hit[0] - wx * GRAZE_MM, hit[1] - wy * GRAZE_MM
        dx, dy = wx * EPS_MM, wy * EPS_MM
        seals.append(Seal((px - ux * EPS_MM + dx, py - uy * EPS_MM + dy), (hx + ux * EPS_MM + dx, hy + uy * EPS_MM + dy), "cap"))
    return seals


def _drawn_lookup(ring: _Ring) -> tuple[list[list[float]], list[int]] | None:
    """The drawn ring's vertices and the index among them of each simplified vertex (None where the ring
    was repaired, or a simplified vertex is not found once among the drawn ones)."""
    if ring.drawn is None:
        return None
    drawn = shapely.get_coordinates(ring.drawn)[:-1]
    drawn = drawn[::-1] if ring.turned else drawn
    at = _indices(drawn, ring.xy)
    return None if at is None else (drawn.tolist(), at.tolist())


def _drawn_cap(drawn: tuple[list[list[float]], list[int]] | None, i: int, p1: np.ndarray, p2: np.ndarray,
               u_in: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cap from vertex ``i`` of a simplified ring as the mass draws it: its corners and the direction
    of the wall face arriving at it. Douglas-Peucker keeps one of the vertices within its tolerance of a
    straight run, and which one can depend on float noise: where the thickening left a 5 mm step, or
    a jamb line's end, beside the corner, the simplified face ends at that vertex instead and leans
    (0.4° over 675 mm in a turned plan, enough to put the far end of an 825 mm seal 6 mm into the
    wall). Where the simplification dropped vertices, each of the three runs is taken as its longest
    drawn edge and the corners as where those lines cross; runs it kept as drawn stay as they were."""
    if drawn is None:
        return p1, p2, u_in
    pts, at = drawn
    n = len(at)
    a = [at[(i + k) % n] for k in (-1, 0, 1, 2)]
    runs = [_longest(pts, a[k], a[k + 1]) for k in range(3)]
    if runs == [None, None, None]:
        return p1, p2, u_in
    q = [pts[a[k]] for k in range(4)]
    face_in, cap, face_out = (run if run is not None else (q[k], q[k + 1]) for k, run in enumerate(runs))
    c1, c2 = _crossing(face_in, cap), _crossing(cap, face_out)
    if c1 is None or c2 is None or not 1.0 <= math.dist(c1, c2) <= CAP_MAX_MM:
        return p1, p2, u_in
    dx, dy = face_in[1][0] - face_in[0][0], face_in[1][1] - face_in[0][1]
    d = math.hypot(dx, dy)
    return np.asarray(c1), np.asarray(c2), np.asarray((dx / d, dy / d))


def _longest(pts: list[list[float]], a: int, b: int) -> tuple[list[float], list[float]] | None:
    """The longest drawn edge between drawn vertices ``a`` and ``b`` (cyclic; the first of equals), or
    None when they are neighbours (the simplified edge is the drawn one)."""
    n = len(pts)
    steps = (b - a) % n
    if steps <= 1:
        return None
    best, edge = -1.0, (pts[a], pts[(a + 1) % n])
    for k in range(steps):
        p, q = pts[(a + k) % n], pts[(a + k + 1) % n]
        length = math.hypot(q[0] - p[0], q[1] - p[1])
        if length > best:
            best, edge = length, (p, q)
    return edge


def _crossing(s: tuple[list[float], list[float]], t: tuple[list[float], list[float]]) -> tuple[float, float] | None:
    """Where the lines through the segments ``s`` and ``t`` cross, or None if they run nearly parallel."""
    ux, uy = s[1][0] - s[0][0], s[1][1] - s[0][1]
    vx, vy = t[1][0] - t[0][0], t[1][1] - t[0][1]
    den = ux * vy - uy * vx
    if abs(den) < 0.1 * math.hypot(ux, uy) * math.hypot(vx, vy):
        return None
    wx, wy = t[0][0] - s[0][0], t[0][1] - s[0][1]
    f = (wx * vy - wy * vx) / den
    return (s[0][0] + ux * f, s[0][1] + uy * f)


def _cross(a: np.ndarray, b: np.ndarray) -> float:
    return float(a[0] * b[1] - a[1] * b[0])


def _unit(v) -> tuple[float, float]:
    n = math.hypot(v[0], v[1])
    return (v[0] / n, v[1] / n) if n > 0 else (0.0, 0.0)


def representative(group: list[Seal]) -> Seal:
    """The line that stands for a group of seals: the shortest, averaged with those within 1 mm of it.

    A wall gap is sealed on both faces by seals of one length; taking either face would let rotation
    noise (or the order of the rings) decide where the door stands. Their mean is the gap's middle.
    """
    shortest = min(group, key=lambda x: x.length)
    near = [x for x in group if x.length <= shortest.length + 1.0]
    if len(near) == 1:
        return shortest
    ux, uy = shortest.b[0] - shortest.a[0], shortest.b[1] - shortest.a[1]
    ends = [(x.a, x.b) if (x.b[0] - x.a[0]) * ux + (x.b[1] - x.a[1]) * uy >= 0 else (x.b, x.a) for x in near]
    n = len(ends)
    a = (sum(e[0][0] for e in ends) / n, sum(e[0][1] for e in ends) / n)
    b = (sum(e[1][0] for e in ends) / n, sum(e[1][1] for e in ends) / n)
    return Seal(a, b, shortest.origin)


def group_openings(seals: list[Seal], max_offset: float = 700.0) -> list[list[Seal]]:
    """Group seals of the same opening (the two faces of one wall gap, or the same gap sealed from both ends).

    Two seals belong together when they are parallel, about as long, and lie within ``max_offset``
    of each other across and half a length along. Union-find over an STRtree of candidates.
    """
    n = len(seals)
    if n == 0:
        return []
    a = np.asarray([s.a for s in seals])
    b = np.asarray([s.b for s in seals])
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    u = d / np.maximum(length, 1e-9)[:, None]
    mid = (a + b) / 2
    lines = shapely.linestrings(np.stack([a, b], axis=1))
    tree = shapely.STRtree(lines)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    left, right = tree.query(shapely.points(mid), predicate="dwithin", distance=max_offset)
    for i, j in zip(left.tolist(), right.tolist(), strict=False):
        if i >= j:
            continue
        if abs(float(u[i] @ u[j])) < 0.95 or abs(length[i] - length[j]) > 0.25 * max(length[i], length[j]) + 50:
            continue
        if abs(float((mid[j] - mid[i]) @ u[i])) > 0.5 * length[i]:
            continue
        parent[find(i)] = find(j)
    groups: dict[int, list[Seal]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(seals[i])
    return sorted(groups.values(), key=lambda g: (round(g[0].a[0]), round(g[0].a[1])))
