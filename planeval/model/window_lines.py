"""Windows drawn as loose lines in a wall, found by their shape alone (a plan on one layer: no window layer).

A window drawn in a double-line wall is three or more parallel lines of one span (both faces and the glass,
or frame and sashes) from one jamb to the other: at each end a jamb, a line across the wall exactly as long
as the lines are spread (within ``JAMB_MM``), and beyond it the wall going on, drawn with fewer lines (its
faces) — past a post (a column) to the wall after it. Three lines at least: two lines and two jambs are also
a stretch of wall drawn as its own rectangle between the next two; a wall piece between two doors has no wall
beyond its ends; a wall drawn with its faces and a centre line is drawn so beyond its posts too.

Used where the walls are guessed (:func:`~planeval.model.walls.find_walls` found no wall layer) and where no
window was found on a window layer or as a block (the windows drawn on the wall layer); the lines stay walls
as well (they close the wall where the window stands).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import shapely
from shapely.geometry import Polygon

from planeval.read.drawing import Segment

__all__ = ["lined_windows"]

SPAN_MM = (300.0, 4000.0)  # a window's width
SPREAD_MM = (50.0, 700.0)  # how far apart its outer lines lie: the wall's thickness
MIN_LINES = 3
GAP_MM = 350.0  # a window's lines lie at most this far apart across the wall
JAMB_MM = 10.0  # ends, jambs and the wall beyond meet within this
ANGLE_DEG = 0.5  # lines this near parallel are parallel
POST_MM = 150.0  # a stretch of wall shorter than this beyond a jamb is a post (a column): the wall goes on after it


def lined_windows(segs: Sequence[Segment], taken: Callable[[Segment], bool] = lambda s: False
                  ) -> list[tuple[Polygon, float, list[int]]]:
    """The windows drawn as lines among ``segs``: (footprint, width mm, indices of its lines), in the order found.
    A line ``taken`` (a door's) draws no window, but may be a jamb or the wall beyond one."""
    if len(segs) < MIN_LINES + 2:
        return []
    xy = np.asarray([(s.x1, s.y1, s.x2, s.y2) for s in segs], dtype=float)
    d = xy[:, 2:] - xy[:, :2]
    length = np.hypot(d[:, 0], d[:, 1])
    angle = np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 180.0
    tree = shapely.STRtree(shapely.linestrings(xy.reshape(-1, 2, 2)))
    free = np.asarray([not taken(s) for s in segs], dtype=bool)
    cand = np.flatnonzero((length >= SPAN_MM[0]) & (length <= SPAN_MM[1]) & free)
    out: list[tuple[Polygon, float, list[int]]] = []
    used: set[int] = set()
    for group in _parallel_groups(cand, angle):
        a = math.radians(float(np.median(angle[group])))
        u, n = np.array([math.cos(a), math.sin(a)]), np.array([-math.sin(a), math.cos(a)])
        t = np.stack([xy[group, :2] @ u, xy[group, 2:] @ u], axis=1)
        t0, t1 = t.min(axis=1), t.max(axis=1)
        off = (xy[group, :2] @ n + xy[group, 2:] @ n) / 2
        for members in (m for same in _same_span(t0, t1) for m in _near_lines(same, off)):
            if len(members) < MIN_LINES:
                continue
            idx = [int(group[m]) for m in members]
            if used & set(idx):
                continue
            # its lines at distinct offsets (a line drawn twice is one), at least MIN_LINES of them, none closer than
            # 20 mm (a pattern), spread as a wall is thick
            offs = [float(off[r[0]]) for r in _runs(members, off, JAMB_MM)]
            lo, hi = offs[0], offs[-1]
            if len(offs) < MIN_LINES or min(np.diff(offs)) < 20.0 or not SPREAD_MM[0] <= hi - lo <= SPREAD_MM[1]:
                continue
            a0, a1 = float(np.median(t0[members])), float(np.median(t1[members]))
            if not (_jamb(xy, tree, u, n, a0, lo, hi) and _jamb(xy, tree, u, n, a1, lo, hi)):
                continue
            # the wall goes on beyond both jambs, drawn with fewer lines (its faces): the same lines beyond are the
            # wall's own way of being drawn (faces and a centre line), not a window
            if not all(0 < _beyond(xy, tree, u, n, a, lo, hi, side) < len(offs) for a, side in ((a0, -1.0), (a1, 1.0))):
                continue
            corners = [a0 * u + lo * n, a1 * u + lo * n, a1 * u + hi * n, a0 * u + hi * n]
            out.append((Polygon([tuple(c) for c in corners]), a1 - a0, idx))
            used |= set(idx)
    return out


def _parallel_groups(cand: np.ndarray, angle: np.ndarray) -> list[np.ndarray]:
    """``cand`` split into runs of lines whose directions lie within ``ANGLE_DEG`` (0° and 180° are one)."""
    if not len(cand):
        return []
    order = cand[np.argsort(angle[cand], kind="stable")]
    a = angle[order]
    cuts = np.flatnonzero(np.diff(a) > ANGLE_DEG) + 1
    groups = np.split(order, cuts)
    if len(groups) > 1 and a[0] + 180.0 - a[-1] <= ANGLE_DEG:  # the run at 180° goes on at 0°
        groups = [np.concatenate([groups[-1], groups[0]]), *groups[1:-1]]
    return groups


def _same_span(t0: np.ndarray, t1: np.ndarray) -> list[list[int]]:
    """Indices of lines with the same start and end along their direction (each within ``JAMB_MM``)."""
    return [same for start in _runs(list(range(len(t0))), t0, JAMB_MM) for same in _runs(start, t1, JAMB_MM)]


def _near_lines(members: list[int], off: np.ndarray) -> list[list[int]]:
    """Lines of one span split where they lie more than ``GAP_MM`` apart across their direction: windows of one
    width in the two facing walls of a room, or above each other in a column of flats, are windows each."""
    return _runs(members, off, GAP_MM)


def _runs(members: list[int], value: np.ndarray, gap: float) -> list[list[int]]:
    """``members`` in the order of ``value``, split where two neighbours' values lie more than ``gap`` apart."""
    order = sorted(members, key=lambda i: float(value[i]))
    out: list[list[int]] = []
    for i in order:
        if not out or value[i] - value[out[-1][-1]] > gap:
            out.append([])
        out[-1].append(i)
    return out


def _jamb(xy: np.ndarray, tree: shapely.STRtree, u: np.ndarray, n: np.ndarray, at: float, lo: float, hi: float
          ) -> bool:
    """A jamb across the wall at ``at`` (a line from offset ``lo`` to ``hi``)."""
    mid = at * u + (lo + hi) / 2 * n
    for k in tree.query(shapely.points(mid), predicate="dwithin", distance=(hi - lo) / 2 + JAMB_MM).tolist():
        p, q = xy[k, :2], xy[k, 2:]
        if abs(p @ u - at) <= JAMB_MM and abs(q @ u - at) <= JAMB_MM and \
                abs(min(p @ n, q @ n) - lo) <= JAMB_MM and abs(max(p @ n, q @ n) - hi) <= JAMB_MM:
            return True
    return False


def _beyond(xy: np.ndarray, tree: shapely.STRtree, u: np.ndarray, n: np.ndarray, at: float, lo: float, hi: float,
            side: float) -> int:
    """How many lines the wall beyond the jamb at ``at`` is drawn with (``side`` −1: towards smaller ``at``): the
    distinct offsets of the lines along it that start at the jamb, past a post (a stretch shorter than
    ``POST_MM``, a column) to the wall after it; 0 where no wall goes on."""
    for _ in range(3):
        mid = at * u + (lo + hi) / 2 * n
        offsets: list[float] = []
        reach = 0.0
        for k in tree.query(shapely.points(mid), predicate="dwithin", distance=(hi - lo) / 2 + JAMB_MM).tolist():
            p, q = xy[k, :2], xy[k, 2:]
            tp, tq, op, oq = p @ u, q @ u, p @ n, q @ n
            if abs(op - oq) > JAMB_MM or not (lo - JAMB_MM <= op <= hi + JAMB_MM):
                continue
            near, far = sorted((tp, tq), key=lambda v: abs(v - at))
            if abs(near - at) <= JAMB_MM and (far - at) * side > JAMB_MM:
                offsets.append(float(op))
                reach = max(reach, (far - at) * side)
        if not offsets:
            return 0
        if reach >= POST_MM:
            return len(_runs(list(range(len(offsets))), np.asarray(offsets), JAMB_MM))
        at += side * reach  # a post: the wall after it
    return 0

