"""Room polygons: drawn room boundaries where the drawing has them, else faces of the wall linework.

Derived rooms are the regions enclosed by the wall mass (lines thickened by a few mm, so that
near misses meet, united with wall hatches) once openings and door chords are sealed. Enclosed
regions narrower than 0.35 m (the inside of double-line walls), long strips under 0.65 m and
slivers under 1 m² are dropped, each counted in a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon

from planeval.diagnostics import DiagnosticLog
from shapely.geometry.base import BaseGeometry

from planeval.geometry import largest_polygon, polygon, polygons_of
from planeval.model.linework import EPS_MM, Seal

MIN_ROOM_M2 = 1.0
THIN_MM = 350.0  # narrower than this everywhere: a wall body
STRIP_MM = 650.0  # narrower than this and long: a wall body (insulated walls drawn with several lines)
STRIP_RATIO = 12.0


@dataclass(frozen=True)
class Face:
    polygon: Polygon
    source: str  # "polygon" | "walls"
    layer: str = ""
    label_hint: str = ""  # from a room layer name: "Room - Kitchen" -> "Kitchen"


def faces_from_mass(mass: BaseGeometry, seals: list[Seal], keep_points: list[tuple[float, float]], log: DiagnosticLog) -> list[Face]:
    """Rooms as the enclosed regions left free by the wall mass and the seals.

    The free space inside a frame around the plan is split into parts; the part reaching the
    frame is the outside. Each enclosed part is grown back by the line half-thickness (mitred),
    so room boundaries sit exactly on the drawn wall faces. ``keep_points`` (room-label
    positions) protect a part from being dropped as a wall body.
    """
    if mass.is_empty:
        return []
    pieces = [mass]
    if seals:
        lines = shapely.linestrings(np.asarray([[s.a, s.b] for s in seals]))
        pieces.extend(shapely.buffer(lines, EPS_MM, cap_style="square", join_style="mitre", quad_segs=1))
    sealed = shapely.union_all(np.asarray(pieces, dtype=object))
    minx, miny, maxx, maxy = sealed.bounds
    frame = shapely.box(minx - 1000, miny - 1000, maxx + 1000, maxy + 1000)
    free = frame.difference(sealed)
    all_parts = shapely.get_parts(free)
    small = shapely.area(all_parts) < 0.3e6
    n_small = int(small.sum())
    parts = [p for p in all_parts[~small] if isinstance(p, Polygon) and not p.intersects(frame.exterior)]
    if not parts:
        return []
    grown = [p.buffer(EPS_MM, join_style="mitre", mitre_limit=10.0) for p in parts]
    arr = np.asarray(parts, dtype=object)
    areas = np.asarray([g.area for g in grown])
    thin_core = shapely.buffer(arr, -(THIN_MM / 2 - EPS_MM), quad_segs=2)
    strip_core = shapely.buffer(arr, -(STRIP_MM / 2 - EPS_MM), quad_segs=2)
    keep_pts = shapely.points(np.asarray(keep_points)) if keep_points else None
    dropped = {"small": n_small, "thin": 0}
    out: list[Face] = []
    for i, g in enumerate(grown):
        protected = keep_pts is not None and bool(shapely.contains(parts[i], keep_pts).any())
        if areas[i] < MIN_ROOM_M2 * 1e6 and not (protected and areas[i] > 0.3e6):
            dropped["small"] += 1
            continue
        if not protected:
            if thin_core[i].is_empty:
                dropped["thin"] += 1
                continue
            if strip_core[i].is_empty and areas[i] / (STRIP_MM * STRIP_MM) > STRIP_RATIO:
                dropped["thin"] += 1
                continue
        p = largest_polygon(g) if not isinstance(g, Polygon) else g
        if p is not None:
            out.append(Face(p.simplify(0.5), "walls"))
    if sum(dropped.values()):
        log.info(
            "faces-dropped",
            f"{len(parts)} enclosed regions in the wall linework: {len(out)} kept as rooms; dropped {dropped['thin']} "
            f"wall bodies (narrower than {THIN_MM / 1000:.2f} m) and {dropped['small']} under {MIN_ROOM_M2:g} m²",
        )
    return out


def explicit_faces(shapes: list[tuple[tuple, tuple, str, str]], log: DiagnosticLog) -> list[Face]:
    """Room polygons drawn on room layers; duplicates (same room as polyline and hatch) merged,
    outlines that merely enclose other room polygons (gross-area outlines) dropped."""
    polys: list[Face] = []
    boxes: list[tuple[float, float, float, float]] = []
    for exterior, holes, layer, kind in shapes:
        p = polygon(exterior, holes)
        if p is None or p.area < 0.5e6:
            continue
        hint = _layer_label(layer)
        b = p.bounds
        # the same room drawn twice (a polyline and its colour hatches): keep the first
        if any(q == b or (_overlap(q, b) and _iou(p, f.polygon) > 0.9) for q, f in zip(boxes, polys)):
            continue
        polys.append(Face(p, "polygon", layer, hint))
        boxes.append(b)
    keep: list[Face] = []
    for f in polys:
        inner = [g.polygon for g in polys if g is not f and g.polygon.area < 0.9 * f.polygon.area and f.polygon.contains(g.polygon.representative_point())]
        if len(inner) >= 2:
            covered = shapely.union_all(inner).intersection(f.polygon).area
            if covered > 0.6 * f.polygon.area:
                log.info("room-outline-dropped", f"a room polygon on layer '{f.layer}' ({f.polygon.area / 1e6:.1f} m²) encloses {len(inner)} other rooms: taken as an outline, not a room")
                continue
        keep.append(f)
    return keep


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _iou(a: Polygon, b: Polygon) -> float:
    inter = a.intersection(b).area
    if inter <= 0:
        return 0.0
    return inter / (a.area + b.area - inter)


def _layer_label(layer: str) -> str:
    """'Room - Kitchen' -> 'Kitchen'; 'A-AREA' -> ''."""
    import re

    m = re.match(r"^\s*(?:rooms?|rom|raum|rum|space|zone)\s*[-–:_]\s*(.+)$", layer.split("$0$")[-1], re.IGNORECASE)
    return m.group(1).strip() if m else ""


def merge_faces(explicit: list[Face], derived: list[Face], log: DiagnosticLog) -> list[Face]:
    """Explicit room polygons first; derived faces fill the parts of the plan they leave out."""
    if not explicit:
        return derived
    covered = shapely.union_all([f.polygon for f in explicit])
    out = list(explicit)
    added = 0
    for f in derived:
        rest = f.polygon.difference(covered)
        for p in polygons_of(rest):
            big_enough = p.area >= max(MIN_ROOM_M2 * 1e6, 0.15 * f.polygon.area) or p.area >= 2e6
            if big_enough and not shapely.buffer(p, -THIN_MM / 2).is_empty:
                out.append(Face(p, "walls"))
                added += 1
    if added:
        log.info("rooms-derived-added", f"{added} rooms derived from walls where the drawing has no room polygon")
    return out
