"""Openings without jambs: two rooms that meet over a gap in a wall that has no wall end to seal.

A hall that opens to a corridor over its whole width, a kitchen open to the living room between
two wall corners: the wall faces simply stop at a corner, so :mod:`planeval.model.linework` finds
no cap to cast a ray from and the two rooms come out as one region. Such a region is split where a
chord joins two of its inward corners and continues a wall face on both sides (the wall the gap
interrupts), when the split gives each part a room label of its own — the labels say that two
rooms are meant. Each chord becomes a plain opening between the two rooms.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import split

from planeval.model.linework import Seal

MIN_CHORD_MM = 600.0
MAX_CHORD_MM = 4500.0
MIN_PART_M2 = 1.5
COLLINEAR = 0.995  # cosine between the chord and the wall face it continues


def split_at_wall_gaps(poly: Polygon, labels: list[tuple[float, float]], depth: int = 0) -> tuple[list[Polygon], list[Seal]]:
    """``poly`` split into rooms at openings without jambs (see the module docstring), and the chords."""
    if depth > 4 or len(labels) < 2:
        return [poly], []
    best: tuple[float, Polygon, Polygon, Seal] | None = None
    for a, b in _chords(poly):
        length = math.dist(a, b)
        if best is not None and length >= best[0]:
            continue
        parts = _cut(poly, a, b)
        if parts is None:
            continue
        p, q = parts
        in_p = [pt for pt in labels if p.covers(Point(pt))]
        in_q = [pt for pt in labels if q.covers(Point(pt))]
        if in_p and in_q:
            best = (length, p, q, Seal(a, b, "cap"))
    if best is None:
        return [poly], []
    _, p, q, seal = best
    out: list[Polygon] = []
    seals = [seal]
    for part in (p, q):
        inside = [pt for pt in labels if part.covers(Point(pt))]
        more, more_seals = split_at_wall_gaps(part, inside, depth + 1)
        out += more
        seals += more_seals
    return out, seals


def _chords(poly: Polygon) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Chords between two inward (reflex) corners that continue a wall face at both ends."""
    ring = np.asarray(shapely.geometry.polygon.orient(poly, 1.0).exterior.coords)[:-1]
    n = len(ring)
    if n < 6:
        return []
    prev, nxt = np.roll(ring, 1, axis=0), np.roll(ring, -1, axis=0)
    e_in, e_out = ring - prev, nxt - ring
    cross = e_in[:, 0] * e_out[:, 1] - e_in[:, 1] * e_out[:, 0]
    reflex = [i for i in range(n) if cross[i] < -1e-6]
    out = []
    for ii, i in enumerate(reflex):
        for j in reflex[ii + 1:]:
            a, b = ring[i], ring[j]
            d = b - a
            length = float(np.hypot(*d))
            if not MIN_CHORD_MM <= length <= MAX_CHORD_MM:
                continue
            u = d / length
            if _continues(a, -u, prev[i], nxt[i]) and _continues(b, u, prev[j], nxt[j]):
                out.append(((float(a[0]), float(a[1])), (float(b[0]), float(b[1]))))
    return out


def _continues(corner: np.ndarray, away: np.ndarray, p: np.ndarray, q: np.ndarray) -> bool:
    """Whether one of the corner's edges runs on from the chord, away from it (the interrupted wall's face)."""
    for other in (p, q):
        e = other - corner
        length = float(np.hypot(*e))
        if length > 1.0 and float(np.dot(e / length, away)) >= COLLINEAR:
            return True
    return False


def _cut(poly: Polygon, a: tuple[float, float], b: tuple[float, float]) -> tuple[Polygon, Polygon] | None:
    chord = LineString([a, b])
    if not poly.buffer(1.0).contains(chord) or poly.exterior.distance(chord.interpolate(0.5, normalized=True)) < 50.0:
        return None
    ux, uy = (b[0] - a[0]) / chord.length, (b[1] - a[1]) / chord.length
    knife = LineString([(a[0] - ux, a[1] - uy), (b[0] + ux, b[1] + uy)])  # 1 mm past each corner, into the wall
    parts = [p for p in shapely.get_parts(split(poly, knife)) if isinstance(p, Polygon)]
    if len(parts) != 2 or min(p.area for p in parts) < MIN_PART_M2 * 1e6:
        return None
    return parts[0], parts[1]
