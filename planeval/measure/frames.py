"""Local frames: one way to say "x along this edge, y into the room".

A :class:`Frame` has an ``origin`` and two orthogonal unit axes ``u`` and ``v``; it maps local
(x, y) to world coordinates (:meth:`Frame.world`) and back (:meth:`Frame.local`), and builds local
rectangles and segments in world coordinates. Every strip the checks measure — beside a door's
latch, in front of a WC or a counter, along a wall for a bed, a turned rectangle — is a
``Frame.box``. :func:`normal_towards` is the one answer to "which side of this segment is the
room".

>>> f = Frame((1000.0, 0.0), (0.0, 1.0), (-1.0, 0.0))  # origin (1000, 0), x north, y west
>>> f.world(200, 50)
(950.0, 200.0)
>>> [round(c) for c in f.local([(950.0, 200.0)])[0]]
[200, 50]
>>> f.box(0, 100, 0, 10).bounds
(990.0, 0.0, 1000.0, 100.0)
>>> Frame.along((0, 0), (0, 500)).v  # v is u turned 90° counter-clockwise: into a ccw room
(-1.0, 0.0)
>>> from shapely.geometry import box
>>> normal_towards((0, 0), (1000, 0), box(0, -2000, 1000, 0))  # the room lies south of the segment
(0.0, -1.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import unit

__all__ = ["Vec", "Frame", "unit", "normal_towards", "offset_band", "rounded"]

Vec = tuple[float, float]


@dataclass(frozen=True)
class Frame:
    """A local frame: ``origin`` and orthogonal unit axes ``u`` (local x) and ``v`` (local y)."""

    origin: Vec
    u: Vec
    v: Vec

    # -- constructors ----------------------------------------------------------------------------
    @classmethod
    def along(cls, a: Vec, b: Vec) -> Frame:
        """Origin ``a``, u from a to b, v = u turned 90° counter-clockwise (into the room of a
        counter-clockwise wall edge)."""
        n = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / n, (b[1] - a[1]) / n
        return cls((a[0], a[1]), (ux, uy), (-uy, ux))

    @classmethod
    def rotated(cls, centre: Vec, angle_deg: float) -> Frame:
        """Origin ``centre``, u turned ``angle_deg`` counter-clockwise from +X, v 90° further."""
        a = math.radians(angle_deg)
        ux, uy = math.cos(a), math.sin(a)
        return cls((centre[0], centre[1]), (ux, uy), (-uy, ux))

    @classmethod
    def facing(cls, a: Vec, b: Vec, region: BaseGeometry, probe_mm: float = 200.0) -> Frame:
        """Origin ``a``, u from a to b, v the normal of a–b pointing towards ``region``."""
        return cls((a[0], a[1]), unit(*a, *b), normal_towards(a, b, region, probe_mm))

    # -- mapping ---------------------------------------------------------------------------------
    def world(self, x: float, y: float) -> Vec:
        """Local (x, y) → world coordinates."""
        (ox, oy), (ux, uy), (vx, vy) = self.origin, self.u, self.v
        return (ox + ux * x + vx * y, oy + uy * x + vy * y)

    def local(self, coords: Iterable[Sequence[float]] | np.ndarray) -> np.ndarray:
        """World coordinates (n, 2) → local (n, 2)."""
        d = np.asarray(coords, dtype=float)[:, :2] - self.origin
        return np.column_stack([d @ self.u, d @ self.v])

    def corners(self, x0: float, x1: float, y0: float, y1: float) -> list[Vec]:
        """The corners of the local rectangle [x0, x1] × [y0, y1] in world coordinates, in the
        order (x0, y0), (x1, y0), (x1, y1), (x0, y1)."""
        return [self.world(x0, y0), self.world(x1, y0), self.world(x1, y1), self.world(x0, y1)]

    def box(self, x0: float, x1: float, y0: float, y1: float) -> Polygon:
        """The local rectangle [x0, x1] × [y0, y1] in world coordinates."""
        return Polygon(self.corners(x0, x1, y0, y1))

    def segment(self, x0: float, y0: float, x1: float, y1: float) -> LineString:
        """The local segment (x0, y0)–(x1, y1) in world coordinates."""
        return LineString([self.world(x0, y0), self.world(x1, y1)])

    # -- orientation -----------------------------------------------------------------------------
    @property
    def angle_deg(self) -> float:
        """Direction of the v axis (0° = +X, counter-clockwise)."""
        return math.degrees(math.atan2(self.v[1], self.v[0])) % 360.0

    @property
    def right_handed(self) -> bool:
        """True when v is u turned 90° counter-clockwise (then +u is on the right when facing +v)."""
        return self.u[0] * self.v[1] - self.u[1] * self.v[0] > 0


def normal_towards(a: Vec, b: Vec, region: BaseGeometry, probe_mm: float = 200.0) -> Vec:
    """The unit normal of segment a–b that points towards ``region``: of the two points
    ``probe_mm`` to either side of the midpoint, the one nearer the region decides (left wins a tie)."""
    ux, uy = unit(*a, *b)
    nx, ny = -uy, ux
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    plus = region.distance(Point(mx + nx * probe_mm, my + ny * probe_mm))
    minus = region.distance(Point(mx - nx * probe_mm, my - ny * probe_mm))
    return (nx, ny) if plus <= minus else (-nx, -ny)


def offset_band(a: Vec, b: Vec, n: Vec, y0: float, y1: float) -> Polygon:
    """The quadrilateral swept by segment a–b moved along ``n`` from ``y0`` to ``y1`` (exactly
    through the offsets of a and b themselves)."""
    return Polygon([
        (a[0] + n[0] * y0, a[1] + n[1] * y0), (b[0] + n[0] * y0, b[1] + n[1] * y0),
        (b[0] + n[0] * y1, b[1] + n[1] * y1), (a[0] + n[0] * y1, a[1] + n[1] * y1),
    ])


def rounded(coords: Iterable[Sequence[float]]) -> list[list[int]]:
    """Coordinates rounded to whole millimetres (for a result's ``details``)."""
    return [[round(c[0]), round(c[1])] for c in coords]
