"""Geometry helpers: the local-mm -> drawing-units :class:`Frame`, polygon clean-up, rings,
quarter discs of door swings and the splitting of wall outlines into face runs and jambs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

from .model import Pt

Seg = tuple[Pt, Pt]


def rot(v: Pt, deg: float) -> Pt:
    a = math.radians(deg)
    c, s = math.cos(a), math.sin(a)
    return (v[0] * c - v[1] * s, v[0] * s + v[1] * c)


def vangle(v: Pt) -> float:
    return math.degrees(math.atan2(v[1], v[0])) % 360.0


def norm_deg(a: float) -> float:
    a = round(a % 360.0, 9)
    return 0.0 if a >= 360.0 else a


@dataclass(frozen=True)
class Frame:
    """Local mm -> drawing units: rotate about the origin, translate (mm), scale."""
    rotation_deg: float = 0.0
    offset: Pt = (0.0, 0.0)
    scale: float = 1.0            # drawing units per mm

    def world_mm(self, p: Pt) -> Pt:
        x, y = rot(p, self.rotation_deg) if self.rotation_deg else p
        return (x + self.offset[0], y + self.offset[1])

    def __call__(self, p: Pt) -> tuple[float, float]:
        x, y = self.world_mm(p)
        return (round(x * self.scale, 7) + 0.0, round(y * self.scale, 7) + 0.0)

    def length(self, v: float) -> float:
        return round(v * self.scale, 9)

    def angle(self, deg: float) -> float:
        return norm_deg(deg + self.rotation_deg)

    def vector(self, v: Pt) -> tuple[float, float]:
        x, y = rot(v, self.rotation_deg) if self.rotation_deg else v
        return (round(x * self.scale, 9) + 0.0, round(y * self.scale, 9) + 0.0)


def closing(g: Any, r: float) -> Any:
    return g.buffer(r, join_style="mitre", mitre_limit=10).buffer(
        -r, join_style="mitre", mitre_limit=10)


def snap(g: Any) -> Any:
    return shapely.set_precision(g, 1.0)


def polys(g: Any) -> list[Polygon]:
    if g.is_empty:
        return []
    if isinstance(g, Polygon):
        return [g]
    return [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon) and not p.is_empty]


def clean_ring(coords: Sequence[Pt]) -> list[Pt]:
    """Closed ring without the repeated end point and without collinear vertices."""
    pts = [(float(x), float(y)) for x, y in coords]
    if pts and pts[0] == pts[-1]:
        pts = pts[:-1]
    changed = True
    while changed and len(pts) > 3:
        changed = False
        for i in range(len(pts)):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
            if abs(cross) < 1e-6 or a == b:
                del pts[i]
                changed = True
                break
    # start at the lowest-left vertex for stable output
    k = min(range(len(pts)), key=lambda i: (pts[i][1], pts[i][0]))
    return pts[k:] + pts[:k]


def rings_of(g: Any) -> list[list[Pt]]:
    out = []
    for p in polys(g):
        p = orient(p)
        out.append(clean_ring(p.exterior.coords))
        out.extend(clean_ring(r.coords) for r in p.interiors)
    return out


def quarter_disc(c: Pt, u: Pt, n: Pt, r: float, steps: int = 24) -> Polygon:
    a0, a1 = vangle(u), vangle(n)
    if (a1 - a0) % 360 > 180:
        a0, a1 = a1, a0
    pts = [c]
    for i in range(steps + 1):
        a = math.radians(a0 + ((a1 - a0) % 360) * i / steps)
        pts.append((c[0] + r * math.cos(a), c[1] + r * math.sin(a)))
    return Polygon(pts)


def face_runs(g: Any, jambs: list[Seg]) -> tuple[list[list[Pt]], list[Seg]]:
    """Split wall outlines into open runs along the faces and the jamb segments."""
    jset = {frozenset(j) for j in jambs}
    runs: list[list[Pt]] = []
    jamb_out: list[Seg] = []
    for ring in rings_of(g):
        n = len(ring)
        segs = [(ring[i], ring[(i + 1) % n]) for i in range(n)]
        is_j = [frozenset(s) in jset for s in segs]
        if not any(is_j):
            runs.append(ring + [ring[0]])
            continue
        k = is_j.index(True)
        order = segs[k:] + segs[:k]
        flags = is_j[k:] + is_j[:k]
        cur: list[Pt] = []
        for s, j in zip(order, flags, strict=False):
            if j:
                if cur:
                    runs.append(cur)
                    cur = []
                jamb_out.append(s)
            else:
                if not cur:
                    cur = [s[0]]
                cur.append(s[1])
        if cur:
            runs.append(cur)
    return runs, jamb_out
