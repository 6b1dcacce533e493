"""Small, exact geometry helpers on shapely, shared by the model and the checks.

All lengths in millimetres. Doctests show the contract:

>>> from shapely.geometry import box
>>> x, y, r = largest_circle(box(0, 0, 1400, 3000))
>>> round(2 * r)
1400
>>> fits_circle(box(0, 0, 1400, 3000), 1500)
False

Rectangle fits (Minkowski erosion by a turned rectangle) are in :mod:`planeval.measure.fit`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

#: Tolerance for DXF noise: a circle "fits" if it fits after the boundary moves by this much.
EPS_MM = 5.0
ARC_SEGMENTS = 32  # quarter-circle resolution of buffers


def polygon(exterior: Sequence[tuple[float, float]], holes: Iterable[Sequence[tuple[float, float]]] = ()) -> Polygon | None:
    """A valid polygon from rings (self-intersections repaired; the largest part kept).

    >>> polygon([(0, 0), (10, 10), (10, 0), (0, 10)]).area  # a bow-tie becomes one of its halves
    25.0
    >>> polygon([(0, 0), (10, 0), (10, float("nan"))]) is None  # non-finite: no polygon
    True
    """
    if len(exterior) < 3:
        return None
    rings = [h for h in holes if len(h) >= 3]
    if not all(np.isfinite(np.asarray(r, dtype=float)).all() for r in (exterior, *rings)):
        return None  # NaN/inf never reach GEOS (it raises on them)
    try:
        p = Polygon(exterior, rings)
    except (ValueError, TypeError):
        return None
    if not p.is_valid:
        p = largest_polygon(shapely.make_valid(p))
    if p is None or p.is_empty or p.area <= 0:
        return None
    return p


def largest_polygon(geom: BaseGeometry | None) -> Polygon | None:
    """The largest polygon in any geometry (or None)."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    flat: list[Polygon] = []
    for g in polys:
        flat.extend(g.geoms if isinstance(g, MultiPolygon) else [g])
    return max(flat, key=lambda g: g.area) if flat else None


OPEN_MM = 0.01  # regions joined only by a bridge narrower than twice this are joined by rounding


def split_at_bridges(polys: Sequence[Polygon], d: float = OPEN_MM) -> list[Polygon]:
    """``polys`` with each polygon that is two regions joined by a bridge narrower than ``2 d`` split into
    them (each opened: eroded, then dilated by ``d``, mitred so that straight walls and corners come back
    where they were); every other polygon is returned as it is, to the last bit.

    Where two shapes' edges coincide to within rounding (1e-11 mm), a union or difference of them can
    leave such a bridge, and which regions it joins depends on the order GEOS met the shapes in.
    """
    if not len(polys):
        return []
    eroded = shapely.buffer(np.asarray(polys, dtype=object), -d, join_style="mitre")
    counts = shapely.get_num_geometries(eroded)
    out: list[Polygon] = []
    for p, e, n in zip(polys, eroded, counts.tolist(), strict=True):
        if n <= 1:
            out.append(p)
        else:
            out.extend(q for q in shapely.get_parts(shapely.buffer(shapely.get_parts(e), d, join_style="mitre"))
                       if isinstance(q, Polygon))
    return out


def polygons_of(geom: BaseGeometry | None) -> list[Polygon]:
    """All polygons in a geometry, largest first."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    out: list[Polygon] = []
    for g in getattr(geom, "geoms", []):
        out.extend(polygons_of(g))
    return sorted(out, key=lambda g: -g.area)


def largest_circle(free: BaseGeometry, tolerance: float = 1.0) -> tuple[float, float, float]:
    """Centre and radius of the largest circle inside ``free`` (polygon or multipolygon), in mm.

    Uses GEOS' maximum inscribed circle; ``tolerance`` is the precision of the radius.
    """
    best = (0.0, 0.0, 0.0)
    for p in polygons_of(free):
        if p.area <= 0:
            continue
        line = shapely.maximum_inscribed_circle(p, tolerance)
        (cx, cy), (bx, by) = line.coords[0], line.coords[-1]
        r = math.hypot(bx - cx, by - cy)
        if r > best[2]:
            best = (cx, cy, r)
    return best


def fits_circle(free: BaseGeometry, diameter: float, eps: float = EPS_MM) -> bool:
    """True when a circle of ``diameter`` fits in ``free`` (with ``eps`` of drawing noise)."""
    return largest_circle(free)[2] * 2 + 2 * eps >= diameter


def _edge_bins(geom: BaseGeometry) -> tuple[dict[int, float], dict[int, float]]:
    """Edges binned by whole degrees of direction (0–180): bin -> total length, bin -> the exact
    direction of the longest edge in it."""
    lengths: dict[int, float] = {}
    longest: dict[int, tuple[float, float]] = {}
    for p in polygons_of(geom):
        d = np.diff(np.asarray(p.exterior.coords), axis=0)
        # to 1e-9°: an edge drawn level whose ends differ by rounding (1e-12 mm) points at 179.999999999°,
        # which is 0° - not a direction of its own beside the level ones
        ang = (np.round(np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 180.0, 9) % 180.0).tolist()
        for a, length in zip(ang, np.hypot(d[:, 0], d[:, 1]).tolist(), strict=True):
            k = int(round(a)) % 180
            lengths[k] = lengths.get(k, 0.0) + length
            if length > longest.get(k, (0.0, 0.0))[0]:
                longest[k] = (length, a % 180.0)
    return lengths, {k: a for k, (_, a) in longest.items()}


def edge_angles(geom: BaseGeometry, extra: Iterable[float] = ()) -> list[float]:
    """Directions (0–180°) of the longest edges of a polygon and their normals, plus ``extra``: where
    rectangles are tried.

    Each direction is the exact one of the longest edge in its 1° bin, so that a plan turned by any
    angle tries the same directions relative to its walls (a bin's rounded value would be up to
    0.5° off the wall it stands for, and an axis direction added to every plan would be tried in
    one drawing of a room and not in a turned one).

    >>> from shapely.geometry import box
    >>> edge_angles(box(0, 0, 1000, 500))
    [0.0, 90.0]
    >>> [round(a, 3) for a in edge_angles(shapely.affinity.rotate(box(0, 0, 1000, 500), 33.3, origin=(0, 0)))]
    [33.3, 123.3]
    """
    lengths, exact = _edge_bins(geom)
    angles = {round(float(a) % 180.0, 9) for a in extra}
    for k, _ in sorted(lengths.items(), key=lambda kv: (-kv[1], kv[0]))[:4]:
        angles.add(round(exact[k], 9))
        angles.add(round((exact[k] + 90.0) % 180.0, 9))
    return sorted(angles)


def dominant_angle(geom: BaseGeometry) -> float:
    """The direction (0–180°) of the longest run of edges of ``geom`` (0 for none): what grids of
    directions are laid from, so that they turn with the plan.

    >>> round(dominant_angle(shapely.affinity.rotate(shapely.geometry.box(0, 0, 1000, 500), 20, origin=(0, 0))), 6)
    20.0
    """
    lengths, exact = _edge_bins(geom)
    if not lengths:
        return 0.0
    k = min(lengths, key=lambda b: (-round(lengths[b], 3), b))
    return exact[k]


def sector(center: tuple[float, float], radius: float, start_deg: float, sweep_deg: float, steps: int = 24) -> Polygon:
    """A pie slice (door swing), counter-clockwise from ``start_deg`` over ``sweep_deg``."""
    cx, cy = center
    pts = [(cx, cy)]
    for i in range(steps + 1):
        a = math.radians(start_deg + sweep_deg * i / steps)
        pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return Polygon(pts)


def circle_fit(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Least-squares circle through points (Kåsa fit): centre, radius, RMS residual.

    >>> import math
    >>> pts = [(1000 * math.cos(math.radians(a)), 1000 * math.sin(math.radians(a))) for a in range(0, 91, 10)]
    >>> [round(v, 3) for v in circle_fit(pts)]
    [0.0, 0.0, 1000.0, 0.0]
    """
    a = np.asarray(points, dtype=float)
    mx, my = a.mean(axis=0)
    x, y = a[:, 0] - mx, a[:, 1] - my
    m = np.column_stack([x, y, np.ones_like(x)])
    rhs = x * x + y * y
    sol, *_ = np.linalg.lstsq(m, rhs, rcond=None)
    cx, cy = sol[0] / 2, sol[1] / 2
    r = math.sqrt(max(sol[2] + cx * cx + cy * cy, 0.0))
    res = np.hypot(x - cx, y - cy) - r
    return float(cx + mx), float(cy + my), r, float(np.sqrt(np.mean(res * res)))


def unit(ax: float, ay: float, bx: float, by: float) -> tuple[float, float]:
    """Unit vector from a to b (zero vector when a == b)."""
    dx, dy = bx - ax, by - ay
    n = math.hypot(dx, dy)
    return (dx / n, dy / n) if n > 0 else (0.0, 0.0)


def side_points(a: tuple[float, float], b: tuple[float, float], offset: float) -> tuple[Point, Point]:
    """Points ``offset`` mm to the left and right of the midpoint of segment a–b."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    ux, uy = unit(*a, *b)
    nx, ny = -uy, ux
    return Point(mx + nx * offset, my + ny * offset), Point(mx - nx * offset, my - ny * offset)


def union(geoms: Iterable[BaseGeometry | None]) -> BaseGeometry:
    """Union of the non-empty geometries (an empty polygon for none)."""
    items = [g for g in geoms if g is not None and not g.is_empty]
    return unary_union(items) if items else Polygon()


def union_into(big: BaseGeometry, pieces: Sequence[BaseGeometry] | np.ndarray) -> BaseGeometry:
    """``big`` ∪ the ``pieces``, the pieces united first (apart where they are apart) and then laid over
    ``big`` in one overlay: the same region as ``union_all([big, *pieces])``, faster when ``big`` is
    large. A cascaded union puts a geometry that spans the plan in one leaf of its tree and overlays it
    again at every level above (a wall mass of 130,000 vertices and 8,800 seals: 6.3 s → 0.9 s).

    >>> from shapely.geometry import box
    >>> union_into(box(0, 0, 10, 10), [box(9, 0, 12, 1), box(20, 0, 21, 1)]).area
    103.0
    """
    items = np.asarray([g for g in pieces if g is not None and not g.is_empty], dtype=object)
    if not len(items):
        return big
    rest = union_apart(items)
    return rest if big.is_empty else shapely.union(big, rest)


def union_apart(pieces: Sequence[BaseGeometry] | np.ndarray) -> BaseGeometry:
    """The union of ``pieces`` that lie mostly apart (rooms, seals), each group of touching pieces united on its
    own: a cascaded union overlays pieces that are apart again at every level of its tree (10,000 rooms:
    0.83 → 0.05 s).

    >>> from shapely.geometry import box
    >>> union_apart([box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)]).area
    3.0
    """
    items = np.asarray(pieces, dtype=object)
    # shapely 2.1 has it, but it needs GEOS 3.12 (a shapely built on an older system GEOS raises)
    return shapely.disjoint_subset_union_all(items) if shapely.geos_version >= (3, 12, 0) else shapely.union_all(items)


def iou(a: BaseGeometry, b: BaseGeometry) -> float:
    """Intersection over union of two regions (0 when they do not overlap).

    Two outlines that coincide to 1e-9 mm (a room drawn as a polyline and again as lines, the plan turned)
    can make GEOS's overlay lose their overlap altogether; they are then intersected again on a grid of 1 µm.

    >>> from shapely.geometry import box
    >>> iou(box(0, 0, 2, 1), box(1, 0, 3, 1))
    0.3333333333333333
    """
    inter = a.intersection(b).area
    if inter <= 0 and a.intersects(b):
        inter = shapely.set_precision(a, 1e-3).intersection(shapely.set_precision(b, 1e-3)).area
    return inter / (a.area + b.area - inter) if inter > 0 else 0.0


def rect_sides(geom: BaseGeometry) -> tuple[float, float]:
    """(short, long) side of a geometry's minimum rotated rectangle, in mm.

    >>> from shapely.geometry import box
    >>> rect_sides(box(0, 0, 700, 400))
    (400.0, 700.0)
    >>> rect_sides(Polygon()), rect_sides(Point(0, 0))  # degenerate shapes: no sides
    ((0.0, 0.0), (0.0, 0.0))
    """
    if geom is None or geom.is_empty:
        return (0.0, 0.0)
    r = shapely.minimum_rotated_rectangle(geom)
    if not isinstance(r, Polygon):
        return (0.0, float(r.length) if math.isfinite(r.length) else 0.0)
    c = list(r.exterior.coords)
    if len(c) < 4:  # a degenerate rectangle
        return (0.0, 0.0)
    a, b = math.dist(c[0], c[1]), math.dist(c[1], c[2])
    return (min(a, b), max(a, b))


def extend_segments(segs: np.ndarray, by: float) -> np.ndarray:
    """Lengthen each segment (rows x1, y1, x2, y2) by ``by`` at both ends, so near misses cross."""
    d = segs[:, 2:4] - segs[:, 0:2]
    n = np.hypot(d[:, 0], d[:, 1])
    n[n == 0] = 1.0
    u = d / n[:, None] * by
    return np.hstack([segs[:, 0:2] - u, segs[:, 2:4] + u])
