"""Rooms: drawn room boundaries where the drawing has them, else faces of the wall linework.

Derived rooms are the regions enclosed by the wall mass (lines thickened by a few mm, so that
near misses meet, united with wall hatches) once openings and door chords are sealed. Enclosed
regions narrower than 0.35 m (the inside of double-line walls), long strips under 0.65 m and
slivers under 1 m² are dropped, each counted in a diagnostic. Rooms are numbered by position and
named from their labels; a :class:`RoomIndex` answers which room a point, or each side of a line,
lies in. Small unlabelled regions without a door (window bays, recesses) are dropped at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.diagnostics import DiagnosticLog
from planeval.geometry import (
    extend_segments,
    iou,
    largest_polygon,
    polygon,
    polygons_of,
    side_points,
    split_at_bridges,
    union_into,
)
from planeval.model.gaps import split_at_wall_gaps
from planeval.model.labels import label_rooms
from planeval.model.layout import InPlan, position_key
from planeval.model.linework import EPS_MM, Seal
from planeval.model.types import OUTSIDE, Door, DoorKind, Fixture, Room, Window
from planeval.read.drawing import Drawing, Role, Text
from planeval.vocabulary import functions_of, is_common

MIN_ROOM_M2 = 1.0
THIN_MM = 350.0  # narrower than this everywhere: a wall body
THIN_CORE_MM2 = 100.0 * 100.0  # what is left of a wall body where walls meet (a T of 300 + 200 mm walls), not a room
STRIP_MM = 650.0  # narrower than this and long: a wall body (insulated walls drawn with several lines)
STRIP_RATIO = 12.0
SIDE_OFFSETS_MM = (150.0, 300.0, 500.0, 800.0)  # how far from a line its sides are looked at, nearest first
RECESS_M2 = 2.0  # unlabelled wall-derived regions smaller than this without a door are no rooms


@dataclass(frozen=True)
class Face:
    polygon: Polygon
    source: str  # "polygon" | "walls"
    layer: str = ""
    label_hint: str = ""  # from a room layer name: "Room - Kitchen" -> "Kitchen"


def faces_from_mass(mass: BaseGeometry, seals: list[Seal], keep_points: list[tuple[float, float]], log: DiagnosticLog
                    ) -> list[Face]:
    """Rooms as the enclosed regions left free by the wall mass and the seals.

    The free space inside a frame around the plan is split into parts; the part reaching the
    frame is the outside. Each enclosed part is grown back by the line half-thickness (mitred),
    so room boundaries sit exactly on the drawn wall faces. ``keep_points`` (room-label
    positions) protect a part from being dropped as a wall body.
    """
    if mass.is_empty:
        return []
    sealed = mass
    if seals:
        lines = shapely.linestrings(np.asarray([[s.a, s.b] for s in seals]))
        sealed = union_into(mass, shapely.buffer(lines, EPS_MM, cap_style="square", join_style="mitre", quad_segs=1))
    minx, miny, maxx, maxy = sealed.bounds
    frame = shapely.box(minx - 1000, miny - 1000, maxx + 1000, maxy + 1000)
    free = frame.difference(sealed)
    # a bridge of rounding (where two pieces' faces meet to 1e-11 mm) would join regions in the order GEOS met them
    all_parts = np.asarray(split_at_bridges(list(shapely.get_parts(free))), dtype=object)
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
    held: set[int] = set()  # parts holding a keep point (one STRtree query, not parts × points)
    if keep_pts is not None:
        held = set(shapely.STRtree(arr).query(keep_pts, predicate="within")[1].tolist())
    for i, g in enumerate(grown):
        protected = i in held
        if areas[i] < MIN_ROOM_M2 * 1e6 and not (protected and areas[i] > 0.3e6):
            dropped["small"] += 1
            continue
        if not protected:
            if thin_core[i].area < THIN_CORE_MM2:
                dropped["thin"] += 1
                continue
            if strip_core[i].is_empty and areas[i] / (STRIP_MM * STRIP_MM) > STRIP_RATIO:
                dropped["thin"] += 1
                continue
        p = largest_polygon(g) if not isinstance(g, Polygon) else g
        if p is not None:  # in normal form first: the simplification keeps a ring's first vertex and its direction
            out.append(Face(shapely.normalize(p).simplify(0.5), "walls"))
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
    # by layer, kind and outline, not in drawing order: of the same room drawn twice, which copy (and layer name)
    # is kept
    for exterior, holes, layer, _kind in sorted(shapes, key=lambda s: (s[2].lower(), s[2], s[3], s[0], s[1])):
        p = polygon(exterior, holes)
        if p is None or p.area < 0.5e6:
            continue
        hint = _layer_label(layer)
        b = p.bounds
        # the same room drawn twice (a polyline and its colour hatches): keep the first
        if any(q == b or (_overlap(q, b) and iou(p, f.polygon) > 0.9) for q, f in zip(boxes, polys, strict=False)):
            continue
        polys.append(Face(shapely.normalize(p), "polygon", layer, hint))
        boxes.append(b)
    keep: list[Face] = []
    for f in polys:
        inner = [g.polygon for g in polys
                 if g is not f and g.polygon.area < 0.9 * f.polygon.area and f.polygon.contains(g.polygon.representative_point())]
        if len(inner) >= 2:
            covered = shapely.union_all(inner).intersection(f.polygon).area
            if covered > 0.6 * f.polygon.area:
                log.info("room-outline-dropped", f"a room polygon on layer '{f.layer}' ({f.polygon.area / 1e6:.1f} m²) "
                         f"encloses {len(inner)} other rooms: taken as an outline, not a room")
                continue
        keep.append(f)
    return keep


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
        for p in split_at_bridges(polygons_of(rest)):  # no bridge of rounding along a room polygon joins two rests
            big_enough = p.area >= max(MIN_ROOM_M2 * 1e6, 0.15 * f.polygon.area) or p.area >= 2e6
            if big_enough and not shapely.buffer(p, -THIN_MM / 2).is_empty:
                out.append(Face(p, "walls"))
                added += 1
    if added:
        log.info("rooms-derived-added", f"{added} rooms derived from walls where the drawing has no room polygon")
    return out


def find_faces(drawing: Drawing, in_plan: InPlan, mass: BaseGeometry, seals: list[Seal], texts: list[Text],
               labels: dict[str, str], room_polygons: bool, log: DiagnosticLog) -> tuple[list[Face], int, list[Seal]]:
    """The room faces (drawn room polygons first, faces of the sealed wall mass elsewhere), how many
    room polygons the drawing has, and the openings without jambs found between derived rooms.
    ``room_polygons=False`` ignores the drawn ones."""
    label_points = [(t.x, t.y) for t in texts if t.role is not Role.IGNORE and functions_of(t.text, labels)]
    derived, jambless = _split_merged(faces_from_mass(mass, seals, label_points, log), label_points, log)
    room_shapes = [
        (sh.exterior, sh.holes, sh.layer, sh.kind)
        for sh in drawing.shapes
        if room_polygons and sh.role is Role.ROOM and in_plan(*sh.exterior[0])
    ]
    room_shapes += room_linework(drawing, in_plan) if room_polygons else []
    explicit = explicit_faces(room_shapes, log)
    faces = merge_faces(explicit, derived, log)
    if explicit:
        log.info("rooms-explicit", f"{len(explicit)} rooms from room polygons on room layers")
    return faces, len(room_shapes), jambless


def _split_merged(faces: list[Face], label_points: list[tuple[float, float]], log: DiagnosticLog
                  ) -> tuple[list[Face], list[Seal]]:
    """Regions holding several room labels split at openings without jambs (:mod:`planeval.model.gaps`)."""
    out: list[Face] = []
    chords: list[Seal] = []
    held: dict[int, list[tuple[float, float]]] = {}  # face -> the label points it covers (one STRtree query)
    if faces and label_points:
        pi, fi = shapely.STRtree([f.polygon for f in faces]).query(shapely.points(label_points), predicate="covered_by")
        for p_, f_ in sorted(zip(pi.tolist(), fi.tolist(), strict=True)):
            held.setdefault(f_, []).append(label_points[p_])
    for k, f in enumerate(faces):
        inside = held.get(k, [])
        if len(inside) < 2:
            out.append(f)
            continue
        parts, found = split_at_wall_gaps(f.polygon, inside)
        out += [Face(p, f.source, f.layer, f.label_hint) for p in parts]
        chords += found
    if chords:
        widths = ", ".join(f"{c.length / 1000:.2f}" for c in chords[:6])
        log.info("openings-without-jambs", f"{len(chords)} openings without jambs (wall faces that stop at a corner) "
                 f"split rooms that share a region: {widths} m wide")
    return out, chords


def room_linework(drawing: Drawing, in_plan: InPlan) -> list[tuple]:
    """Room boundaries drawn as open polylines and lines on room layers, closed by polygonising per layer."""
    by_layer: dict[str, list] = {}
    for s in drawing.segments:
        if s.role is Role.ROOM and s.src.dxftype in ("LINE", "LWPOLYLINE", "POLYLINE") and in_plan(s.x1, s.y1):
            by_layer.setdefault(s.layer, []).append(((s.x1, s.y1), (s.x2, s.y2)))
    closed_layers = {sh.layer for sh in drawing.shapes if sh.role is Role.ROOM}
    out = []
    for layer, segs in by_layer.items():
        if layer in closed_layers and len(segs) < 2:
            continue
        ext = extend_segments(np.asarray([[*a, *b] for a, b in segs], dtype=float), 10.0)
        lines = shapely.linestrings(ext.reshape(-1, 2, 2))
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(lines))))
        for f in faces:
            if f.area > 0.5e6:
                out.append((tuple(f.exterior.coords)[:-1], tuple(tuple(h.coords)[:-1] for h in f.interiors), layer, "lines"))
    return out


def make_rooms(faces: list[Face], texts: list[Text], labels: dict[str, str], log: DiagnosticLog) -> list[Room]:
    """Rooms of the faces, numbered by position (R1 …), named and given functions by their labels.

    Each outline is kept in normal form (:func:`shapely.normalize`: clockwise shell from its lowest-left
    vertex): what is measured on a room must not depend on the corner a drawing's polyline starts at,
    its direction, or the order in which GEOS returned a ring."""
    polys = [shapely.normalize(f.polygon) for f in faces]
    found, unplaced = label_rooms(polys, [f.label_hint for f in faces], texts, labels)
    for t in unplaced:
        log.info("label-outside-rooms", f"label '{t.text[:40]}' lies in no recognised room", subject=t.text[:40])
    order = sorted(range(len(faces)), key=lambda i: position_key(polys[i].centroid.x, polys[i].centroid.y))
    rooms: list[Room] = []
    for n, i in enumerate(order, start=1):
        lab = found[i]
        functions = lab.functions or ("other",)
        rooms.append(
            Room(
                id=f"R{n}",
                polygon=polys[i],
                label=lab.label,
                function=functions[0],
                functions=functions,
                source=faces[i].source,
                label_source=lab.source,
                number=lab.number,
                stated_area_m2=lab.stated_area_m2,
                common=bool(lab.label) and is_common(lab.label),
                labels_found=lab.all_labels,
                function_source=lab.source if lab.functions else "",
                confidence="high" if lab.label else "low",
                height_mm=lab.height_mm,
                stated_area_text=lab.stated_area_text,
            )
        )
    return rooms


class RoomIndex:
    """Which room a point lies in, and which rooms lie on either side of a line."""

    def __init__(self, rooms: list[Room]) -> None:
        self.rooms = rooms
        self.tree = shapely.STRtree([r.polygon for r in rooms]) if rooms else None

    def at(self, p: Point) -> str | None:
        """The id of the room holding ``p`` (or touching it), else None."""
        if self.tree is None:
            return None
        idx = self.tree.query(p, predicate="within")
        if len(idx):
            return self.rooms[int(idx[0])].id
        idx = self.tree.query(p, predicate="intersects")
        return self.rooms[int(idx[0])].id if len(idx) else None

    def sides(self, a: tuple[float, float], b: tuple[float, float]) -> tuple[str, str]:
        """The rooms to the left and to the right of a → b (``OUTSIDE`` where none), looked for ever further out."""
        found: list[str | None] = [None, None]
        for off in SIDE_OFFSETS_MM:
            left, right = side_points(a, b, off)
            if found[0] is None:
                found[0] = self.at(left)
            if found[1] is None:
                found[1] = self.at(right)
            if found[0] and found[1]:
                break
        return (found[0] or OUTSIDE, found[1] or OUTSIDE)


def drop_recesses(rooms: list[Room], doors: list[Door], windows: list[Window], fixtures: list[Fixture], log: DiagnosticLog
                  ) -> tuple[list[Room], list[Door], list[Window], list[Fixture]]:
    """Drop small unlabelled wall-derived regions reached by no real door (window bays, recesses),
    then renumber the rooms so that ids stay consecutive."""
    real = {r for d in doors if d.kind is not DoorKind.OPENING for r in d.rooms}
    drop = {r.id for r in rooms if r.source == "walls" and not r.label and r.area_m2 < RECESS_M2 and r.id not in real}
    if not drop:
        return rooms, doors, windows, fixtures
    log.info("recesses-dropped",
             f"{len(drop)} small unlabelled regions without a door (window bays, recesses) not counted as rooms")
    keep = [r for r in rooms if r.id not in drop]
    new_id = {r.id: f"R{i}" for i, r in enumerate(keep, start=1)}
    new_id.update({r: OUTSIDE for r in drop})
    new_id[OUTSIDE] = OUTSIDE

    def m(x: str | None) -> str | None:
        return None if x is None else new_id.get(x, x)

    rooms = [replace(r, id=new_id[r.id]) for r in keep]
    doors = [
        replace(d, rooms=(m(d.rooms[0]), m(d.rooms[1])), swing_room=m(d.swing_room))  # type: ignore[arg-type]
        for d in doors
        if not (d.kind is DoorKind.OPENING and (d.rooms[0] in drop or d.rooms[1] in drop))
    ]
    windows = [replace(w, rooms=tuple(dict.fromkeys(m(x) for x in w.rooms))) for w in windows]  # type: ignore[misc]
    fixtures = [replace(f, room=m(f.room) if f.room not in drop else None) for f in fixtures]
    # diagnostics already logged with the old ids stay valid for the rooms kept only if unchanged
    return rooms, doors, windows, fixtures


def room_diagnostics(rooms: list[Room], log: DiagnosticLog) -> None:
    """Rooms without a label, with a label naming no function, or with several labels (maybe merged)."""
    for r in rooms:
        if not r.label and r.function_source == "inferred":
            log.warning("room-unlabelled", f"room {r.id} ({r.area_m2:.1f} m²) has no label: function '{r.function}' "
                        "inferred (low confidence)", subject=r.id)
        elif not r.label:
            log.warning("room-unlabelled", f"room {r.id} ({r.area_m2:.1f} m²) has no label: function unknown ('other')",
                        subject=r.id)
        elif r.functions == ("other",) and r.label_source:
            log.info("room-function-unknown", f"room {r.id} label '{r.label}' names no known function ('other')", subject=r.id)
        if len(r.labels_found) > 1 and r.label_source == "text":
            log.warning(
                "room-several-labels",
                f"room {r.id} holds several labels ({', '.join(r.labels_found[:4])}): "
                "rooms may be merged where an opening was not sealed",
                subject=r.id,
            )
