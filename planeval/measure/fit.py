"""Does a rectangle fit in the free floor — and how large a one of given proportions does.

All lengths in millimetres. The test is exact for each angle tried: the free region is eroded by
the rectangle (Minkowski difference) and must stay non-empty.

>>> from shapely.geometry import box
>>> fits_rectangle(box(0, 0, 1400, 3000), 1300, 1800)[0], fits_rectangle(box(0, 0, 1200, 3000), 1300, 1800)[0]
(True, False)
>>> s, placed = largest_rectangle(box(0, 0, 1000, 3000), 1.5, angles=[0.0, 90.0])
>>> 998 <= s <= 1000, placed is not None
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import EPS_MM, edge_angles, largest_circle, polygons_of
from planeval.measure.frames import Frame
from planeval.measure.search import bisect_max

__all__ = ["erode_by_rectangle", "dilate_by_rectangle", "fits_rectangle", "largest_rectangle"]


def erode_by_rectangle(free: BaseGeometry, w: float, h: float, angle_deg: float) -> BaseGeometry:
    """Where the centre of a w × h rectangle (turned by ``angle_deg``) can stand inside ``free``.

    Exact Minkowski erosion for any polygon: a centre p is allowed when p is in ``free`` and the
    rectangle at p crosses no boundary edge, i.e. p lies outside every edge ⊕ rectangle (the
    convex hull of the rectangle placed at both ends of the edge).
    """
    if w <= 0 or h <= 0 or free.is_empty:
        return Polygon()
    corners = np.array(Frame.rotated((0.0, 0.0), angle_deg).corners(-w / 2, w / 2, -h / 2, h / 2))
    edges = []
    for p in polygons_of(free):
        for ring in [p.exterior, *p.interiors]:
            c = np.asarray(ring.coords)
            edges.append(np.stack([c[:-1], c[1:]], axis=1))
    if not edges:
        return Polygon()
    e = np.concatenate(edges)  # (n, 2, 2)
    pts = (e[:, :, None, :] + corners[None, None, :, :]).reshape(len(e), 8, 2)
    hulls = shapely.convex_hull(shapely.multipoints(pts))
    return free.difference(shapely.union_all(hulls))


def dilate_by_rectangle(target: BaseGeometry, w: float, h: float, angle_deg: float) -> BaseGeometry:
    """Where the centre of a w × h rectangle (turned by ``angle_deg``) stands when the rectangle
    meets ``target`` (Minkowski sum of the target's convex parts with the rectangle; exact for a
    convex target, e.g. a strip in front of a fixture)."""
    corners = np.array(Frame.rotated((0.0, 0.0), angle_deg).corners(-w / 2, w / 2, -h / 2, h / 2))
    parts = []
    for p in polygons_of(target) or [target]:
        xy = shapely.get_coordinates(p.convex_hull)
        if len(xy) == 0:
            continue
        parts.append(shapely.convex_hull(shapely.multipoints((xy[:, None, :] + corners[None, :, :]).reshape(-1, 2))))
    return shapely.union_all(parts) if parts else Polygon()


def _fit_at(free: BaseGeometry, w: float, h: float, angle_deg: float,
            touching: BaseGeometry | None = None) -> tuple[float, float] | None:
    core = erode_by_rectangle(free, w, h, angle_deg)
    if touching is not None and not core.is_empty:
        core = core.intersection(dilate_by_rectangle(touching, w, h, angle_deg))
    if core.is_empty or core.area <= 0 and core.length <= 0:
        return None
    p = core.representative_point()
    return (p.x, p.y)


def fits_rectangle(free: BaseGeometry, w: float, h: float, angles: Iterable[float] | None = None,
                   eps: float = EPS_MM, touching: BaseGeometry | None = None) -> tuple[bool, Polygon | None]:
    """Whether a w × h rectangle fits in ``free`` at one of ``angles`` (default: the room's own
    directions and 0/90°), ``eps`` of drawing noise allowed — and, with ``touching``, meets that
    geometry (a turning rectangle "in front of the WC"); returns one placement that fits.

    >>> from shapely.geometry import box
    >>> room = box(0, 0, 1400, 4000)
    >>> fits_rectangle(room, 1300, 1800, touching=box(0, 3900, 1400, 4000))[0]  # at the far end
    True
    >>> fits_rectangle(room.difference(box(0, 2000, 1400, 2100)), 1300, 1800, touching=box(0, 3900, 1400, 4000))[0]
    True
    >>> fits_rectangle(room.difference(box(0, 2500, 1400, 2600)), 1300, 1800, touching=box(0, 3900, 1400, 4000))[0]
    False
    """
    if free.is_empty:
        return False, None
    for ang in angles if angles is not None else edge_angles(free):
        placed = _fit_at(free, w - 2 * eps, h - 2 * eps, ang, touching)
        if placed is not None:
            return True, Frame.rotated(placed, ang).box(-w / 2, w / 2, -h / 2, h / 2)
    return False, None


def largest_rectangle(free: BaseGeometry, aspect: float, angles: Sequence[float],
                      tol: float = 2.0, touching: BaseGeometry | None = None) -> tuple[float, Polygon | None]:
    """The largest s (to ``tol`` mm) such that an s × (``aspect`` · s) rectangle fits in ``free`` at
    one of ``angles`` (meeting ``touching`` where given), and one placement of it ((0, None) when
    none fits).

    Bisection on s between 0 and the widest circle of ``free`` (no rectangle inside is wider).
    """
    if free.is_empty:
        return 0.0, None

    def fit(s: float) -> tuple[bool, Polygon | None]:
        return fits_rectangle(free, s, s * aspect, angles=angles, eps=0.0, touching=touching)

    hi = 2 * largest_circle(free)[2] + 2 * tol
    if hi <= 0:
        return 0.0, None
    ok, placed = fit(hi)
    if ok:
        return hi, placed
    s = bisect_max(lambda s: fit(s)[0], 0.0, hi, tol)
    return (s, fit(s)[1]) if s > 0 else (0.0, None)
