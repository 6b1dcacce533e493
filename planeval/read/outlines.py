"""Outlines as point rings: polylines with bulges, hatch boundaries, and the ring arithmetic they need.

Curved edges are flattened: polyline bulges every ``ARC_STEP_DEG``, hatch boundary paths (arcs,
ellipses, splines) to ``CURVE_TOLERANCE`` of their size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

CURVE_TOLERANCE = 0.01  # relative to the entity size, for flattening splines/ellipses/hatch edges
ARC_STEP_DEG = 10.0  # flattening of polyline bulges

Ring = list[tuple[float, float]]


def hatch_areas(e: Any, budget: Callable[[int, str, int, str], None] | None = None) -> list[tuple[Ring, list[Ring]]]:
    """The areas of a HATCH/MPOLYGON: each outline with the rings inside it (its holes).

    The largest ring is an outline; rings inside it are holes; the others are separate islands.
    ``budget(points, what, n, unit)`` may refuse a boundary before it is flattened (the curve-point limit).
    """
    from ezdxf import path as ezpath

    rings: list[Ring] = []
    for p in ezpath.from_hatch(e):
        size = path_size(p)
        if size <= 0 or not math.isfinite(size):
            continue
        if budget is not None:
            budget(8 * max(1, len(p)), f"a {e.dxftype()} boundary", len(p), "edges")
        pts = [(v.x, v.y) for v in p.flattening(distance=size * CURVE_TOLERANCE, segments=4)]
        if not all(math.isfinite(c) for pt in pts for c in pt):
            continue  # a NaN vertex (max/min of a NaN box need not be NaN, so path_size may not show it)
        if len(pts) >= 4 and pts[0] == pts[-1]:
            pts = pts[:-1]
        if len(pts) >= 3:
            rings.append(pts)
    rings.sort(key=lambda r: -abs(ring_area(r)))
    used = [False] * len(rings)
    out: list[tuple[Ring, list[Ring]]] = []
    for i, outer in enumerate(rings):
        if used[i]:
            continue
        used[i] = True
        holes = []
        for j in range(i + 1, len(rings)):
            if not used[j] and point_in_ring(rings[j][0], outer):
                holes.append(rings[j])
                used[j] = True
        out.append((outer, holes))
    return out


def bulge_outline(pts: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """Closed polyline with bulges -> points, arcs flattened every ``ARC_STEP_DEG``."""
    from ezdxf.math import bulge_to_arc

    out: list[tuple[float, float]] = []
    n = len(pts)
    for i in range(n):
        x1, y1, b = pts[i]
        x2, y2, _ = pts[(i + 1) % n]
        out.append((x1, y1))
        if abs(b) > 1e-9 and (x1, y1) != (x2, y2):
            center, a0, a1, r = bulge_to_arc((x1, y1), (x2, y2), b)
            sweep = (a1 - a0) % (2 * math.pi)
            steps = max(1, int(math.degrees(sweep) / ARC_STEP_DEG))
            angles = [a0 + sweep * k / steps for k in range(1, steps)]
            if b < 0:  # clockwise: walk from the end angle back
                angles = angles[::-1]
            out.extend((center.x + r * math.cos(a), center.y + r * math.sin(a)) for a in angles)
    return out


#: A control point farther than this from the origin, in any drawing unit, is no drawing: flattening
#: such a curve overflows (inf − inf is NaN) and ezdxf's subdivision, in C, never ends, out of reach
#: of the time limit. (The reader refuses plans beyond 1e11 mm anyway, after flattening.)
FLATTEN_LIMIT = 1.0e30


def control_size(points: Any) -> float:
    """The larger side of the box of ``points`` (with ``.x``/``.y`` or as pairs): inf when a
    coordinate is not finite or beyond ``FLATTEN_LIMIT`` (such a curve is not flattened)."""
    xs = [float(v[0]) for v in points]
    ys = [float(v[1]) for v in points]
    if not xs:
        return 0.0
    if not all(math.isfinite(c) and abs(c) <= FLATTEN_LIMIT for c in (*xs, *ys)):
        return math.inf
    return max(max(xs) - min(xs), max(ys) - min(ys))


def path_size(p: Any) -> float:
    """The larger side of an ezdxf path's control-point box (the scale its flattening tolerance is
    taken from); inf for a path that must not be flattened (:func:`control_size`)."""
    try:
        box = p.control_vertices()
    except AttributeError:  # pragma: no cover - older ezdxf
        box = list(p.flattening(1.0))
    return control_size(box)


def ring_area(pts: list[tuple[float, float]]) -> float:
    """Signed area (shoelace): positive when counter-clockwise."""
    a = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=False):
        a += x1 * y2 - x2 * y1
    return a / 2.0


def point_in_ring(pt: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd test of a point against a ring."""
    x, y = pt
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xi > x:
                inside = not inside
    return inside
