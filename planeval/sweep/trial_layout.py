"""A room at full scale for a 1:1 trial: the zones a rule-set variant claims, set out from one corner.

:func:`trial_layout` judges the plan by the variant (``planeval.api.check``) and takes, for one
room, the zones its findings claim (turning circles, WC side and front spaces, bed zones, door side
spaces, shower zones, the minimum furniture a furnished check placed), the doors of the room with
their swings and the fixtures in it. Everything is turned square to the room's walls (the longest
wall along x) and moved so that the **reference corner O** — the room's corner nearest its lower
left as turned — is (0, 0): every coordinate is then a setting-out distance from O, in mm, x along
the wall to the right, y away from it. The setting-out points are the room's corners, each circle's
centre, each zone's corners, each door's hinge and latch and each fixture's corners.

:func:`layout_dxf` writes it 1:1 in millimetres ($INSUNITS = 4): circles as CIRCLE, zones as closed
polylines, door swings as ARC + leaf, running (ordinate) DIMENSIONs from O to every point, and the
setting-out table as TEXT rows (layer ``TRIAL-TABLE``: point, x, y, what). The PDF is
:mod:`planeval.sweep.trial_pdf`. Free-floor passages and whole-room claims (a bod's area) are not
set out: they are what is left, not something to tape.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shapely import affinity
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planeval.errors import InputError
from planeval.findings import Report, ZoneKind
from planeval.model.types import Plan, Room

__all__ = ["Shape", "Mark", "TrialLayout", "trial_layout", "pick_room", "layout_dxf", "SET_OUT_KINDS"]

#: zone kinds set out on the floor (passages and whole-room storage claims are not)
SET_OUT_KINDS = (ZoneKind.TURNING, ZoneKind.WC_FRONT, ZoneKind.WC_SIDE, ZoneKind.BED, ZoneKind.BED_SIDE,
                 ZoneKind.KITCHEN_FRONT, ZoneKind.DOOR_SIDE, ZoneKind.SHOWER, ZoneKind.PARKING, ZoneKind.HELPER,
                 ZoneKind.FURNITURE)
MAX_CORNERS = 12  #: a zone with more corners than this (a curved free-floor region) is drawn, not set out corner by corner
TEXT_MM = 60.0  #: text height in the DXF (mm at 1:1: legible on a 1:20 print)
#: ordinate dimensions in whole millimetres (ezdxf's EZDXF style assumes metres shown in cm: dimlfac 1 here)
DIM_STYLE = {"dimtxt": TEXT_MM, "dimasz": TEXT_MM / 2, "dimlfac": 1.0, "dimdec": 0, "dimzin": 8}


@dataclass(frozen=True)
class Shape:
    """Something drawn on the trial layout, in the local frame (mm from O)."""

    kind: str  #: a zone kind ("turning", "wc-side", …), "door" or "fixture"
    label: str  #: "Ø1400 turning circle (TS01, BA03)"
    geometry: BaseGeometry
    circle: tuple[float, float, float] | None = None  #: centre x, y and radius for a circle
    status: str = ""  #: the worst status of the findings that claim it ("pass", "fail", …)
    arc: tuple[tuple[float, float], float, float, float] | None = None  #: door: hinge, radius, start and end angle (deg)


@dataclass(frozen=True)
class Mark:
    """A setting-out point: its name, distances from O (mm) and what it marks."""

    name: str
    x_mm: float
    y_mm: float
    what: str


@dataclass(frozen=True)
class TrialLayout:
    plan: str
    ruleset: str
    room_id: str
    room_label: str
    unit: str | None
    angle_deg: float  #: the drawing was turned by -angle_deg to square the room
    origin: tuple[float, float]  #: O in drawing coordinates (mm)
    room: Polygon  #: local frame
    shapes: tuple[Shape, ...]
    marks: tuple[Mark, ...]

    @property
    def size_mm(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.extent()
        return x1 - x0, y1 - y0

    def extent(self) -> tuple[float, float, float, float]:
        """Bounds of the room and everything drawn (door swings reach beyond the room)."""
        xs = [self.room.bounds] + [s.geometry.bounds for s in self.shapes if not s.geometry.is_empty]
        return min(b[0] for b in xs), min(b[1] for b in xs), max(b[2] for b in xs), max(b[3] for b in xs)


def pick_room(plan: Plan, ref: str) -> Room:
    """The room ``ref`` names: an id (``R4``), a label (``Bad``, when one room has it) or
    ``UNIT:LABEL`` (``U3:Bad``), case-insensitive."""
    key = ref.casefold()
    unit, _, label = key.rpartition(":")
    hits = [r for r in plan.rooms if r.id.casefold() == key or r.label.casefold() == key
            or (unit and (r.unit or "").casefold() == unit and r.label.casefold() == label)]
    if not hits:
        names = ", ".join(f"{r.id} {r.label}".strip() for r in plan.rooms)
        raise InputError(f"--room {ref}: no room with that id or label (rooms: {names})", plan.source.path)
    if len(hits) > 1:
        which = ", ".join(f"{r.id} ({r.unit or 'common'})" for r in hits)
        raise InputError(f"--room {ref}: {len(hits)} rooms have that label ({which}): give the id or UNIT:LABEL",
                         plan.source.path)
    return hits[0]


def _angle(poly: Polygon) -> float:
    """Direction of the room's longest wall, folded into (-45°, 45°]."""
    c = list(poly.exterior.coords)
    best = max(zip(c, c[1:], strict=False), key=lambda e: math.dist(e[0], e[1]))
    a = math.degrees(math.atan2(best[1][1] - best[0][1], best[1][0] - best[0][0]))
    a = (a + 45.0) % 90.0 - 45.0
    return 45.0 if a == -45.0 else round(a, 6)


class _Frame:
    """Drawing → local: turn by -angle about the drawing origin, then move O to (0, 0)."""

    def __init__(self, room: Room) -> None:
        self.angle = _angle(room.polygon)
        turned = affinity.rotate(room.polygon, -self.angle, origin=(0, 0))
        x0, y0 = turned.bounds[0], turned.bounds[1]
        corners = list(turned.exterior.coords)[:-1]
        ox, oy = min(corners, key=lambda p: ((p[0] - x0) ** 2 + (p[1] - y0) ** 2, p[0], p[1]))
        self.o_local = (ox, oy)
        back = affinity.rotate(Point(ox, oy), self.angle, origin=(0, 0))
        self.origin = (round(back.x, 3), round(back.y, 3))

    def g(self, geom: BaseGeometry) -> BaseGeometry:
        turned = affinity.rotate(geom, -self.angle, origin=(0, 0))
        return affinity.translate(turned, -self.o_local[0], -self.o_local[1])

    def p(self, xy: tuple[float, float]) -> tuple[float, float]:
        q = self.g(Point(xy))
        return (q.x, q.y)


def _mm(v: float) -> float:
    return round(v + 0.0, 1) + 0.0


_ORDER = ("fail", "needs_review", "error", "pass", "not_applicable")


def _zone_shapes(report: Report, room: Room, fr: _Frame) -> list[Shape]:
    """One shape per distinct zone of the room (a circle several rules claim is one circle)."""
    merged: dict[str, tuple[str, BaseGeometry, dict[str, list[str]], list[str]]] = {}
    for f in report.findings:
        for z in f.result.zones:
            if z.room != room.id or z.kind not in SET_OUT_KINDS or z.geometry.is_empty:
                continue
            g = fr.g(z.geometry)
            circle = z.shape == "circle"
            key = (f"circle {g.centroid.x:.0f} {g.centroid.y:.0f} {(g.bounds[2] - g.bounds[0]) / 2:.0f}" if circle
                   else f"{z.kind.value} {g.normalize().wkt}")
            shape, _, kinds, statuses = merged.setdefault(key, ("circle" if circle else z.shape, g, {}, []))
            codes = kinds.setdefault(z.kind.value, [])
            if f.code not in codes:
                codes.append(f.code)
            statuses.append(f.status.value)
    shapes = []
    for shape, g, kinds, statuses in sorted(merged.values(), key=lambda v: (next(iter(v[2])), v[1].bounds)):
        kind = next(iter(kinds))
        what = ", ".join(f"{k} ({', '.join(c)})" for k, c in kinds.items())
        status = min(statuses, key=_ORDER.index)
        if shape == "circle":
            r = (g.bounds[2] - g.bounds[0]) / 2
            shapes.append(Shape(kind, f"Ø{2 * r:.0f} circle: {what}", g, (_mm(g.centroid.x), _mm(g.centroid.y), _mm(r)), status))
        else:
            w, h = g.bounds[2] - g.bounds[0], g.bounds[3] - g.bounds[1]
            shapes.append(Shape(kind, f"{w:.0f} × {h:.0f}: {what}", g, None, status))
    return shapes


def _door_shapes(plan: Plan, room: Room, fr: _Frame) -> list[Shape]:
    out = []
    for d in plan.doors:
        if room.id not in d.rooms:
            continue
        leaves = d.leaves or ((d.hinge, d.latch),)
        ends = d.open_ends or ()
        for i, (h, latch) in enumerate(leaves):
            hh, ll = fr.p(h), fr.p(latch)
            geom: BaseGeometry = LineString([hh, ll])
            arc = None
            if d.swing is not None and i < len(ends):
                oo = fr.p(ends[i])
                r = math.dist(hh, ll)
                a0 = math.degrees(math.atan2(ll[1] - hh[1], ll[0] - hh[0]))
                a1 = math.degrees(math.atan2(oo[1] - hh[1], oo[0] - hh[0]))
                if (a1 - a0) % 360.0 > 180.0:
                    a0, a1 = a1, a0
                arc = (hh, r, a0 % 360.0, a1 % 360.0)
                geom = fr.g(d.swing)
            into = f", swings into {d.swing_room}" if d.swing_room else ""
            label = f"door {d.id} {d.kind.value}, clear {d.clear_width_mm:.0f}{into}"
            out.append(Shape("door", label, geom, None, "", arc))
    return out


def _fixture_shapes(plan: Plan, room: Room, fr: _Frame) -> list[Shape]:
    return [Shape("fixture", f"{f.kind} {f.id}", fr.g(f.polygon)) for f in plan.fixtures
            if f.room == room.id and f.kind not in ("furniture",)]


def _corners(g: BaseGeometry) -> list[tuple[float, float]]:
    if not isinstance(g, Polygon):
        g = g.convex_hull if not isinstance(g, LineString) else g
    coords = list(g.exterior.coords)[:-1] if isinstance(g, Polygon) else list(g.coords)
    simple = Polygon(coords).simplify(2.0) if len(coords) > 2 else None
    if simple is not None and isinstance(simple, Polygon) and not simple.is_empty:
        coords = list(simple.exterior.coords)[:-1]
    return [(_mm(x), _mm(y)) for x, y in coords]


def _marks(room: Polygon, shapes: Iterable[Shape]) -> list[Mark]:
    found: dict[tuple[float, float], list[str]] = {}

    def add(p: tuple[float, float], what: str) -> None:
        found.setdefault((_mm(p[0]), _mm(p[1])), []).append(what)

    for p in _corners(room):
        add(p, "O: reference corner" if p == (0.0, 0.0) else "room corner")
    for s in shapes:
        if s.circle is not None:
            add((s.circle[0], s.circle[1]), f"centre of {s.label}, r = {s.circle[2]:.0f}")
        elif s.kind == "door" and s.arc is not None:
            add(s.arc[0], f"hinge of {s.label}")
        elif s.kind == "door":
            for p in _corners(s.geometry):
                add(p, f"end of {s.label}")
        else:
            cs = _corners(s.geometry)
            if len(cs) <= MAX_CORNERS:
                for p in cs:
                    add(p, f"corner of {s.label}")
    ordered = sorted(found.items(), key=lambda kv: (kv[0] != (0.0, 0.0), kv[0][1], kv[0][0]))
    return [Mark("O" if xy == (0.0, 0.0) else f"P{i}", xy[0], xy[1], "; ".join(dict.fromkeys(w)))
            for i, (xy, w) in enumerate(ordered)]


def _from_origin(local: BaseGeometry) -> Polygon:
    """The room outline counter-clockwise from O (the corner at (0, 0)), as it is walked on the floor."""
    assert isinstance(local, Polygon)
    p = orient(local, 1.0)
    ring = list(p.exterior.coords)[:-1]
    k = min(range(len(ring)), key=lambda i: math.hypot(*ring[i]))
    return Polygon(ring[k:] + ring[:k], [list(r.coords) for r in p.interiors])


def trial_layout(plan: Plan, ruleset: Any, room_ref: str) -> TrialLayout:
    """The trial layout of the room ``room_ref`` (see :func:`pick_room`) under ``ruleset``."""
    from planeval.api import check

    room = pick_room(plan, room_ref)
    report = check(plan, ruleset)
    fr = _Frame(room)
    local = _from_origin(fr.g(room.polygon))
    shapes = _zone_shapes(report, room, fr) + _door_shapes(plan, room, fr) + _fixture_shapes(plan, room, fr)
    return TrialLayout(plan.source.name, report.ruleset.name, room.id, room.label, room.unit, fr.angle, fr.origin,
                       local, tuple(shapes), tuple(_marks(local, shapes)))


# --------------------------------------------------------------------------------------------- DXF

LAYERS = {"room": 7, "door": 3, "fixture": 8, "dim": 4, "table": 7, "points": 1}


def _layer(kind: str) -> str:
    return f"TRIAL-{kind.upper()}" if kind in LAYERS else f"TRIAL-ZONE-{kind.upper()}"


def layout_dxf(lay: TrialLayout) -> str:
    """The layout as DXF text (R2010, millimetres, O at the origin)."""
    import ezdxf
    from ezdxf import units

    doc = ezdxf.new("R2010", setup=True)
    doc.units = units.MM
    doc.header["$MEASUREMENT"] = 1
    for kind, color in LAYERS.items():
        doc.layers.add(_layer(kind), color=color)
    for k in SET_OUT_KINDS:
        doc.layers.add(_layer(k.value), color=6 if k is ZoneKind.FURNITURE else 2)
    msp = doc.modelspace()
    msp.add_lwpolyline(list(lay.room.exterior.coords)[:-1], close=True, dxfattribs={"layer": _layer("room")})
    for s in lay.shapes:
        at = {"layer": _layer(s.kind)}
        if s.circle is not None:
            msp.add_circle((s.circle[0], s.circle[1]), s.circle[2], dxfattribs=at)
        elif s.arc is not None:
            (hx, hy), r, a0, a1 = s.arc
            msp.add_arc((hx, hy), r, a0, a1, dxfattribs=at)
            end = (hx + r * math.cos(math.radians(a1)), hy + r * math.sin(math.radians(a1)))
            msp.add_line((hx, hy), end, dxfattribs=at)
        elif isinstance(s.geometry, Polygon):
            msp.add_lwpolyline(list(s.geometry.exterior.coords)[:-1], close=True, dxfattribs=at)
        elif isinstance(s.geometry, LineString):
            msp.add_lwpolyline(list(s.geometry.coords), dxfattribs=at)
    _dimensions(msp, lay)
    _table(msp, lay)
    out = io.StringIO()
    doc.write(out)
    return out.getvalue()


def _spread(values: list[float], gap: float) -> list[float]:
    """Positions for labels at ``values`` (sorted), each at least ``gap`` from the last."""
    out: list[float] = []
    for v in values:
        out.append(max(v, out[-1] + gap) if out else v)
    return out


def _dimensions(msp: Any, lay: TrialLayout) -> None:
    """Running (ordinate) dimensions from O: every point's x below the layout, its y to the left."""
    x0, y0, _, _ = lay.extent()
    at = {"layer": _layer("dim")}
    xs = sorted({m.x_mm for m in lay.marks})
    ys = sorted({m.y_mm for m in lay.marks})
    gap = TEXT_MM * 1.6
    for x, lx in zip(xs, _spread(xs, gap), strict=True):
        feature = (x, min(m.y_mm for m in lay.marks if m.x_mm == x))
        leader_end = (lx, y0 - 600.0)
        dim = msp.add_ordinate_x_dim(feature, (leader_end[0] - feature[0], leader_end[1] - feature[1]),
                                     override=DIM_STYLE, dxfattribs=at)
        dim.render()
    for y, ly in zip(ys, _spread(ys, gap), strict=True):
        feature = (min(m.x_mm for m in lay.marks if m.y_mm == y), y)
        leader_end = (x0 - 600.0, ly)
        dim = msp.add_ordinate_y_dim(feature, (leader_end[0] - feature[0], leader_end[1] - feature[1]),
                                     override=DIM_STYLE, dxfattribs=at)
        dim.render()
    for m in lay.marks:
        msp.add_point((m.x_mm, m.y_mm), dxfattribs={"layer": _layer("points")})
        msp.add_text(m.name, height=TEXT_MM, dxfattribs={"layer": _layer("points"),
                                                         "insert": (m.x_mm + TEXT_MM / 2, m.y_mm + TEXT_MM / 2)})


def _dxf_text(text: str) -> str:
    """``Ø`` as AutoCAD's ``%%c`` (the SHX fonts of a plotter have no Ø)."""
    return text.replace("Ø", "%%c")


def _table(msp: Any, lay: TrialLayout) -> None:
    """The setting-out table right of the layout: one TEXT per cell (point, x, y, what)."""
    _, _, x1, y1 = lay.extent()
    left, top, row = x1 + 1200.0, y1, TEXT_MM * 1.8
    at = {"layer": _layer("table"), "height": TEXT_MM}
    title = (f"{lay.plan} {lay.room_id} {lay.room_label} ({lay.unit or 'common'}) under {lay.ruleset}: "
             "setting out from O (mm, x along the wall, y away from it)")
    msp.add_text(_dxf_text(title), dxfattribs={**at, "insert": (left, top)})
    cols = (0.0, 500.0, 1300.0, 2100.0)
    for i, cells in enumerate([("point", "x", "y", "what")] + [(m.name, f"{m.x_mm:.0f}", f"{m.y_mm:.0f}", m.what)
                                                               for m in lay.marks], start=1):
        for c, text in zip(cols, cells, strict=True):
            msp.add_text(_dxf_text(text), dxfattribs={**at, "insert": (left + c, top - i * row)})
