"""Door kinds read from their symbols, beyond the swing of a side-hung leaf.

* **Folding (bifold) doors** drawn as partly-open leaves along one wall (short arcs, each with its
  leaf: :func:`folding_from_leaves`), or as a loose **zigzag** across the opening: straight leaves
  of one length forming a V or a W, their folds alternately on the opening's line and off it to one
  side (:func:`zigzags`, placed on their opening by :func:`symbol_doors`). The door is the opening:
  its hinge is the jamb the leaves fold towards, its leaf width the opening's width.
* **Sliding doors** drawn as a leaf line, or a thin rectangle of two parallel lines, parallel to
  the wall and standing in (or just beside) the opening, with or without a direction arrow
  (:func:`slide_lines`); and door blocks without a swing whose own lines draw such a leaf rectangle.
* **Double-door blocks with one arc drawn**: the passive leaf drawn only as its open leaf line (at a
  right angle to the opening, as long as its distance to the active leaf's latch), or not at all in a
  block whose name says double and whose extent holds a second leaf (:func:`second_leaf`).

Lines on door and opening layers, and the lines of door blocks, are read; zigzags on unnamed layers
only when they close an opening from jamb to jamb. Whatever draws such a door is kept out of the walls.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry import LineString, Point

from planeval.model.linework import Seal
from planeval.model.swings import Leaf, quarter_turn
from planeval.read.drawing import Drawing, Insert, Role, Segment, Shape

__all__ = ["DOUBLE_RE", "Zigzag", "SlideLine", "zigzags", "slide_lines", "match_openings", "second_leaf",
           "folding_from_leaves", "block_leaf_rectangle", "block_zigzag", "leaf_rectangles", "is_leaf_rectangle", "guessed_leaf",
           "jamb_of"]

DOUBLE_RE = re.compile(r"double|dobbel|\bdbl|pair|par.?d[øo]r|to.?fl[øo]y|zweifl|2.?fl|d[öo]ppel|dubbel|parf", re.IGNORECASE)
LEAF_MM = (120.0, 700.0)  # one leaf of a folding door
OPENING_MM = (450.0, 2400.0)  # what a door symbol may span
PARALLEL = 0.97  # |cos| of a line parallel to an opening
JOIN_MM = 5.0  # loose lines whose ends meet within this are one polyline
JAMB_MM = 10.0  # a line whose ends both lie this near the jambs closes the opening (threshold), it is no leaf
LEAF_THICK_MM = 100.0  # a sliding leaf drawn as a rectangle is at most this thick
GUESSED_LEAF_MM = 60.0  # ... and, on a layer of no known role, at most this (a thin wall is thicker)
SIDE_MM = 350.0  # how far from the opening's line a sliding leaf or a zigzag's folds may stand


@dataclass(frozen=True)
class Zigzag:
    """Leaves of one length, their folds alternately on a line (``points[0::2]``) and off it to one side."""

    points: tuple[tuple[float, float], ...]
    parts: tuple[Segment, ...]
    layer: str
    loose: bool  # on an unnamed layer: only an opening from jamb to jamb makes it a door

    @property
    def axis(self) -> tuple[float, float]:
        (ax, ay), (bx, by) = self.points[0], self.points[-1]
        n = math.hypot(bx - ax, by - ay)
        return ((bx - ax) / n, (by - ay) / n)


@dataclass(frozen=True)
class SlideLine:
    """A straight line that may draw a sliding leaf (its rectangle's long side, or the leaf itself)."""

    a: tuple[float, float]
    b: tuple[float, float]
    part: Segment

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)


def _door_line(s: Segment, door_groups: set[int]) -> bool:
    return s.role in (Role.DOOR, Role.OPENING) or (s.src.group is not None and s.src.group in door_groups)


def _paths(segs: Sequence[Segment]) -> list[list[Segment]]:
    """Loose lines joined end to end where exactly two meet (polylines read as lines come back whole)."""
    key: dict[int, list[tuple[int, int, int | None]]] = {}
    ends: dict[tuple[int, int, int | None], list[int]] = {}
    for i, s in enumerate(segs):
        for p in ((s.x1, s.y1), (s.x2, s.y2)):
            k = (round(p[0] / JOIN_MM), round(p[1] / JOIN_MM), s.src.group)
            ends.setdefault(k, []).append(i)
            key.setdefault(i, []).append(k)
    seen: set[int] = set()
    out: list[list[Segment]] = []
    for i in range(len(segs)):
        if i in seen:
            continue
        # walk to one end of the path, then collect it
        start, prev = i, -1
        for _ in range(len(segs)):
            nxt = [j for k in key[start] for j in ends[k] if j != start and len(ends[k]) == 2 and j != prev]
            if not nxt or nxt[0] == i:
                break
            prev, start = start, nxt[0]
        path, cur, prev = [], start, -1
        while cur not in seen:
            seen.add(cur)
            path.append(segs[cur])
            nxt = [j for k in key[cur] for j in ends[k] if j != cur and len(ends[k]) == 2 and j != prev and j not in seen]
            if not nxt:
                break
            prev, cur = cur, nxt[0]
        out.append(path)
    return out


def _vertices(path: list[Segment]) -> list[tuple[float, float]] | None:
    pts = [((path[0].x1, path[0].y1), (path[0].x2, path[0].y2))]
    if len(path) == 1:
        return list(pts[0])
    a, b = pts[0]
    n1 = (path[1].x1, path[1].y1), (path[1].x2, path[1].y2)
    verts = [b, a] if min(math.dist(a, q) for q in n1) < min(math.dist(b, q) for q in n1) else [a, b]
    for s in path[1:]:
        p, q = (s.x1, s.y1), (s.x2, s.y2)
        if math.dist(p, verts[-1]) <= 2 * JOIN_MM:
            verts.append(q)
        elif math.dist(q, verts[-1]) <= 2 * JOIN_MM:
            verts.append(p)
        else:
            return None
    return verts


def as_zigzag(verts: Sequence[tuple[float, float]]) -> bool:
    """Whether points draw folded leaves: 2 or 4 (or 6) leaves of one length, the even points on one
    line, the odd ones off it on one side (a V or a W).

    >>> as_zigzag([(0, 0), (150, 260), (300, 0)]), as_zigzag([(0, 0), (150, 10), (300, 0)])
    (True, False)
    """
    n = len(verts) - 1
    if n not in (2, 4, 6):
        return False
    lengths = [math.dist(verts[i], verts[i + 1]) for i in range(n)]
    mid = sorted(lengths)[n // 2]
    if not (LEAF_MM[0] <= mid <= LEAF_MM[1]) or any(abs(x - mid) > 0.2 * mid for x in lengths):
        return False
    (ax, ay), (bx, by) = verts[0], verts[-1]
    span = math.hypot(bx - ax, by - ay)
    if span < 0.3 * mid * n:
        return False
    ux, uy = (bx - ax) / span, (by - ay) / span

    def off(p: tuple[float, float]) -> float:
        return (p[0] - ax) * -uy + (p[1] - ay) * ux

    if any(abs(off(p)) > max(40.0, 0.15 * mid) for p in verts[0::2]):
        return False
    peaks = [off(p) for p in verts[1::2]]
    return all(0.25 * mid <= abs(h) <= 0.97 * mid for h in peaks) and (all(h > 0 for h in peaks) or all(h < 0 for h in peaks))


def zigzags(drawing: Drawing, in_plan: Callable[[float, float], bool], taken: Callable[[object], bool]) -> list[Zigzag]:
    """Zigzag folding-door symbols among the lines no other door uses (door layers, door blocks, unnamed layers)."""
    door_groups = {i.index for i in drawing.inserts if i.role is Role.DOOR}
    segs = [s for s in drawing.segments if (_door_line(s, door_groups) or s.role is Role.UNKNOWN) and not taken(s)
            and LEAF_MM[0] * 0.8 <= math.dist((s.x1, s.y1), (s.x2, s.y2)) <= LEAF_MM[1] * 1.2 and in_plan(s.x1, s.y1)]
    out = []
    for path in _paths(segs):
        if len(path) < 2:
            continue
        verts = _vertices(path)
        if verts is None or not as_zigzag(verts):
            continue
        loose = not all(_door_line(s, door_groups) for s in path)
        out.append(Zigzag(tuple(verts), tuple(path), path[0].layer, loose))
    return out


def slide_lines(drawing: Drawing, in_plan: Callable[[float, float], bool], taken: Callable[[object], bool]) -> list[SlideLine]:
    """Loose straight lines on door layers that may draw a sliding leaf (0.3–3.1 m long, no other door's).

    Lines on opening layers are left alone: they close the wall where a window stands."""
    out = []
    for s in drawing.segments:
        if s.role is not Role.DOOR or s.src.group is not None or taken(s) or not in_plan(s.x1, s.y1):
            continue
        if 300.0 <= math.dist((s.x1, s.y1), (s.x2, s.y2)) <= OPENING_MM[1] * 1.3:
            out.append(SlideLine((s.x1, s.y1), (s.x2, s.y2), s))
    return out


def is_leaf_rectangle(sh: Shape, thick_mm: float = LEAF_THICK_MM) -> bool:
    """Whether a closed shape is a thin rectangle (at most ``thick_mm`` × 0.45–2 m): a sliding leaf's outline."""
    if len(sh.exterior) != 4:
        return False
    (a, b, c, _) = sh.exterior
    w, h = math.dist(a, b), math.dist(b, c)
    return min(w, h) <= thick_mm and 450.0 <= max(w, h) <= 2000.0


def guessed_leaf(sh: Shape) -> bool:
    """Whether a shape of no known role is a sliding leaf where the walls are guessed (one layer): a loose closed
    polyline at most ``GUESSED_LEAF_MM`` × 0.45–2 m. :func:`~planeval.model.walls.find_walls` leaves it out of the
    walls, :func:`leaf_rectangles` takes it."""
    return sh.role is Role.UNKNOWN and sh.kind == "polyline" and sh.src.group is None and \
        is_leaf_rectangle(sh, GUESSED_LEAF_MM)


def leaf_rectangles(drawing: Drawing, in_plan: Callable[[float, float], bool], taken: Callable[[object], bool],
                    walls_guessed: bool = False) -> list[Shape]:
    """Thin closed rectangles (at most 0.1 m × 0.45–2 m) on door/opening layers that no swing uses: sliding leaves;
    with the walls guessed, also :func:`guessed_leaf` shapes."""
    out = []
    for sh in drawing.shapes:
        if sh.src.group is not None or taken(sh) or not in_plan(*sh.exterior[0]):
            continue
        if sh.role in (Role.DOOR, Role.OPENING) and is_leaf_rectangle(sh) or walls_guessed and guessed_leaf(sh):
            out.append(sh)
    return out


def _frame(seal: Seal) -> tuple[float, float, float, Callable[[tuple[float, float]], tuple[float, float]]]:
    ux, uy = (seal.b[0] - seal.a[0]) / seal.length, (seal.b[1] - seal.a[1]) / seal.length

    def local(p: tuple[float, float]) -> tuple[float, float]:
        dx, dy = p[0] - seal.a[0], p[1] - seal.a[1]
        return dx * ux + dy * uy, dx * -uy + dy * ux

    return ux, uy, seal.length, local


def zigzag_fits(z: Zigzag, seal: Seal) -> bool:
    """The zigzag stands in the opening: parallel to it, its folds on the line within ``SIDE_MM`` and
    within its ends; one on an unnamed layer must start at one jamb and end at the other or meet a twin."""
    ux, uy, length, local = _frame(seal)
    ax, ay = z.axis
    if abs(ax * ux + ay * uy) < 0.95:
        return False
    on = [local(p) for p in z.points[0::2]]
    if any(abs(v) > SIDE_MM or not (-100.0 <= t <= length + 100.0) for t, v in on):
        return False
    ends = sorted(t for t, _ in (on[0], on[-1]))
    if z.loose:  # from one jamb to the other, its folds on one line
        return (abs(ends[0]) <= 150.0 and abs(ends[1] - length) <= 150.0 and len(z.points) >= 5
                and all(abs(v - on[0][1]) <= 60.0 for _, v in on))
    return min(abs(ends[0]), abs(ends[1] - length)) <= 150.0


def slide_fits(lines: Sequence[SlideLine], seal: Seal) -> list[SlideLine]:
    """The lines that draw a sliding leaf in the opening of ``seal`` (none when they do not):
    parallel to it, within ``SIDE_MM`` of its line, together covering 80 % of it (a leaf rectangle's
    two sides, or leaves of a bi-parting door) and each no longer than 1.3 times the opening."""
    ux, uy, length, local = _frame(seal)
    mine = []
    for ln in lines:
        vx, vy = (ln.b[0] - ln.a[0]) / ln.length, (ln.b[1] - ln.a[1]) / ln.length
        if abs(vx * ux + vy * uy) < PARALLEL or ln.length > 1.3 * length or ln.length < 0.35 * length:
            continue
        (t0, v0), (t1, v1) = local(ln.a), local(ln.b)
        if max(abs(v0), abs(v1)) > SIDE_MM:
            continue
        lo, hi = max(0.0, min(t0, t1)), min(length, max(t0, t1))
        if hi - lo >= 0.3 * length:
            mine.append(ln)
    if not mine or all(_jamb_to_jamb(local, ln, length) for ln in mine):
        return []  # nothing, or only lines from one jamb exactly to the other: thresholds or the wall's faces
    spans = sorted((max(0.0, min(local(x.a)[0], local(x.b)[0])), min(length, max(local(x.a)[0], local(x.b)[0])))
                   for x in mine)
    covered, end = 0.0, 0.0
    for lo, hi in spans:
        lo = max(lo, end)
        if hi > lo:
            covered += hi - lo
            end = hi
    return mine if covered >= 0.8 * length else []


def _jamb_to_jamb(local: Callable[[tuple[float, float]], tuple[float, float]], ln: SlideLine, length: float) -> bool:
    """Whether a line runs from one jamb exactly to the other (within ``JAMB_MM`` at both ends): a threshold,
    or the wall's face closed across the opening. A sliding leaf overlaps the wall it slides along (or
    parts in two), so its ends are not both at the jambs."""
    t0, t1 = sorted((local(ln.a)[0], local(ln.b)[0]))
    return abs(t0) <= JAMB_MM and abs(t1 - length) <= JAMB_MM


def match_openings(reps: Sequence[Seal], free: Callable[[int], bool], zz: Sequence[Zigzag], lines: Sequence[SlideLine]
                   ) -> list[tuple[str, int, list[object]]]:
    """Each free opening (index into ``reps``) that zigzags or sliding leaves stand in: (kind, index, parts)."""
    out: list[tuple[str, int, list[object]]] = []
    used_z: set[int] = set()
    used_l: set[int] = set()
    # each opening looks only at the symbols near it (STRtrees: linear in the drawing, not openings × lines)
    z_tree = shapely.STRtree([LineString(z.points) for z in zz]) if zz else None
    l_tree = shapely.STRtree([LineString([ln.a, ln.b]) for ln in lines]) if lines else None
    for k, seal in enumerate(reps):
        if not free(k) or not (OPENING_MM[0] <= seal.length <= OPENING_MM[1]):
            continue
        mid = Point((seal.a[0] + seal.b[0]) / 2, (seal.a[1] + seal.b[1]) / 2)
        if z_tree is not None:
            hits = sorted(int(i) for i in z_tree.query(mid, predicate="dwithin", distance=seal.length))
            near = [i for i in hits if i not in used_z and zigzag_fits(zz[i], seal)]
            if near:
                used_z |= set(near)
                out.append(("folding", k, [p for i in near for p in zz[i].parts]))
                continue
        if l_tree is not None:
            hits = sorted(int(i) for i in l_tree.query(mid, predicate="dwithin", distance=seal.length))
            fit_at = [i for i in hits if i not in used_l]
            fit = slide_fits([lines[i] for i in fit_at], seal)
            if fit:
                used_l |= {i for i in fit_at if lines[i] in fit}
                out.append(("sliding", k, [ln.part for ln in fit]))
    return out


def jamb_of(z_parts: Sequence[object], seal: Seal) -> tuple[tuple[float, float], tuple[float, float]]:
    """(hinge, latch) of a folding door: the jamb its leaves start from first, then the other end."""
    pts = [p for s in z_parts if isinstance(s, Segment) for p in ((s.x1, s.y1), (s.x2, s.y2))]
    da = min((math.dist(p, seal.a) for p in pts), default=0.0)
    db = min((math.dist(p, seal.b) for p in pts), default=0.0)
    return (seal.a, seal.b) if da <= db else (seal.b, seal.a)


def parked_end(parts: Sequence[object], seal: Seal) -> tuple[tuple[float, float], tuple[float, float]]:
    """(hinge, latch) of a sliding door in ``seal``'s opening: the hinge is the end its leaf parks at (the opening
    is narrowed there; see ``measure.doors.opening_rect``), told by where the door's own drawing lies along the
    opening: a leaf drawn parked, or in its wall pocket, beside one end. The seal's own ends are in no order (a
    turned or mirrored drawing reversed them, and a pocket door's clear opening moved 40 mm); a drawing centred
    on the opening keeps them."""
    pts = [p for s in parts if isinstance(s, Segment) for p in ((s.x1, s.y1), (s.x2, s.y2))]
    pts += [p for s in parts if isinstance(s, Shape) for p in s.exterior]
    ux, uy = seal.b[0] - seal.a[0], seal.b[1] - seal.a[1]
    length2 = ux * ux + uy * uy
    if not pts or length2 <= 0:
        return seal.a, seal.b
    t = sum((p[0] - seal.a[0]) * ux + (p[1] - seal.a[1]) * uy for p in pts) / (len(pts) * length2)
    return (seal.b, seal.a) if t > 0.55 else (seal.a, seal.b)


def block_zigzag(segs: Sequence[Segment]) -> bool:
    """Whether a door block's own lines (``segs``) draw folded leaves (a bifold block whatever its name)."""
    for path in _paths(segs):
        verts = _vertices(path) if len(path) >= 2 else None
        if verts is not None and as_zigzag(verts):
            return True
    return False


def block_leaf_rectangle(segs: Sequence[Segment], seal: Seal) -> bool:
    """Whether a door block without a swing (its lines ``segs``) draws a sliding leaf in ``seal``'s opening: a
    thin closed rectangle, or two parallel lines at most 100 mm apart, along the opening and covering most of it."""
    lines = [SlideLine((s.x1, s.y1), (s.x2, s.y2), s) for s in segs]
    fit = slide_fits(lines, seal)
    _, _, _, local = _frame(seal)
    offsets = sorted({round((local(x.a)[1] + local(x.b)[1]) / 2) for x in fit})
    return any(5.0 <= b - a <= 100.0 for a, b in zip(offsets, offsets[1:], strict=False))


def second_leaf(a: Leaf, block_segs: Sequence[Segment], ins: Insert | None) -> Leaf | None:
    """The passive leaf of a double-door block drawn with one arc: its open leaf line at a right angle
    to the opening, starting on the opening's line beyond ``a``'s latch as far as it is long; or, in a
    block whose name says double and whose lines reach that far, a leaf as wide as the rest of the block."""
    if ins is None or ins.role is not Role.DOOR or a.group != ins.index:
        return None
    ux, uy = (a.latch[0] - a.hinge[0]) / a.radius, (a.latch[1] - a.hinge[1]) / a.radius
    segs = [s for s in block_segs if s not in a.parts]
    best: tuple[float, tuple[float, float], tuple[float, float]] | None = None
    reach = 0.0
    for s in segs:
        for p, q in (((s.x1, s.y1), (s.x2, s.y2)), ((s.x2, s.y2), (s.x1, s.y1))):
            t = (p[0] - a.hinge[0]) * ux + (p[1] - a.hinge[1]) * uy
            v = (p[0] - a.hinge[0]) * -uy + (p[1] - a.hinge[1]) * ux
            reach = max(reach, t)
            length = math.dist(p, q)
            if not (250.0 <= length <= 1.1 * a.radius) or abs(v) > 40.0:
                continue
            cos = abs((q[0] - p[0]) * ux + (q[1] - p[1]) * uy) / length
            if cos <= 0.26 and abs((t - a.radius) - length) <= 0.15 * length and (best is None or length > best[0]):
                best = (length, p, q)
    if best is not None:
        r2, hinge2, open2 = best
    elif DOUBLE_RE.search(ins.name) and 250.0 <= reach - a.radius <= 1.05 * a.radius:
        r2 = reach - a.radius
        hinge2 = (a.hinge[0] + ux * reach, a.hinge[1] + uy * reach)
        side = 1.0 if (a.open_end[0] - a.hinge[0]) * -uy + (a.open_end[1] - a.hinge[1]) * ux >= 0 else -1.0
        open2 = (hinge2[0] - uy * side * r2, hinge2[1] + ux * side * r2)
    else:
        return None
    latch2 = (hinge2[0] - ux * r2, hinge2[1] - uy * r2)
    return quarter_turn(hinge2, latch2, open2, r2, a.group, a.layer, ["door layer/block", "second leaf without arc"], [])


def folding_from_leaves(leaves: list[Leaf]) -> tuple[list[list[Leaf]], list[Leaf]]:
    """Folding (bifold) doors among leaves: three or more drawn partly open along one wall line, or two
    folding about a shared hinge. Returns the groups (each a door) and the leaves left over."""
    partial = [i for i, lf in enumerate(leaves) if "drawn partly open" in lf.evidence]
    if len(partial) < 2:
        return [], leaves
    parent = {i: i for i in partial}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    shared: set[int] = set()
    for k, i in enumerate(partial):
        for j in partial[k + 1:]:
            a, b = leaves[i], leaves[j]
            if abs(a.radius - b.radius) > 0.05 * a.radius or math.dist(a.hinge, b.hinge) > 2.1 * a.radius:
                continue
            if math.dist(a.hinge, b.hinge) < 30.0:
                shared |= {i, j}
            elif not all(_along(lf, a.hinge, b.hinge) for lf in (a, b)):
                continue
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in partial:
        groups.setdefault(find(i), []).append(i)
    out: list[list[Leaf]] = []
    taken: set[int] = set()
    for members in groups.values():
        if len(members) < 3 and not (set(members) & shared):
            continue
        out.append([leaves[i] for i in members])
        taken |= set(members)
    return out, [lf for i, lf in enumerate(leaves) if i not in taken]


def _along(lf: Leaf, p: tuple[float, float], q: tuple[float, float]) -> bool:
    """Whether the leaf's closed position runs along the line p–q (the wall of a folding door)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    lx, ly = lf.latch[0] - lf.hinge[0], lf.latch[1] - lf.hinge[1]
    n = math.hypot(dx, dy) * math.hypot(lx, ly)
    return n > 0 and abs(dx * lx + dy * ly) / n >= 0.97
