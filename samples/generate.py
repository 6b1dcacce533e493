#!/usr/bin/env python3
"""Deterministic generator of sample apartment-module floor plans for planeval.

Writes ``samples/dxf/<name>.dxf`` plus ``samples/dxf/<name>.expected.json`` for every
sample in :data:`SAMPLES`.  Running it twice gives byte-identical files.

Structure
---------
* **Model** (:class:`Layout`): rooms as interior polygons (inside wall faces, local mm),
  doors, windows and fixtures.  Walls are *derived*: the gaps between room polygons are
  the interior walls (100–150 mm) and the exterior wall (250–300 mm) wraps the closed
  outline of all rooms except balconies.
* **Geometry** (:func:`build`): wall bodies with door/window openings cut out, door hinge /
  latch / swing, window centres, fixture footprints — all in local mm.  A :class:`Frame`
  maps local mm to drawing units (rotation, translation, mm→m).
* **Writers**: one function per export dialect (``aia``, ``revit``, ``nordic``, ``iso``);
  every layout can be written in every dialect.
* **Expected result** (:func:`expected`): JSON golden file in world millimetres.

Usage::

    /tmp/venv/bin/python samples/generate.py            # write all samples into samples/dxf
    /tmp/venv/bin/python samples/generate.py --out DIR  # somewhere else
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import ezdxf
import shapely
import shapely.affinity
from ezdxf.enums import TextEntityAlignment
from ezdxf.sections.classes import REQ_R2004, REQUIRED_CLASSES
from shapely.geometry import Point, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

# Fixed $TDCREATE/$TDUPDATE (2000-01-01), fixed GUIDs and a fixed ezdxf marker string:
# the only time- and random-dependent values ezdxf writes.
ezdxf.options.write_fixed_meta_data_for_testing = True

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "dxf"

Pt = tuple[float, float]

FUNCTIONS = ("living", "kitchen", "bedroom", "bathroom", "wc", "entrance", "hall",
             "storage", "laundry", "balcony", "technical", "other")
FIXTURE_KINDS = ("wc", "basin", "shower", "bath", "kitchen_counter", "washer", "bed",
                 "wardrobe", "sofa", "table")
RULES = ("turning-space", "door-clear-width", "door-side-space", "passage-width",
         "wheelchair-reachability", "wc-clearance", "shower-access", "bed-placement",
         "kitchen-front-space", "storage-area", "main-functions", "balcony-turning")
DOOR_KINDS = ("hinged", "double", "sliding", "opening")
MODULES = {725: "M8", 825: "M9", 925: "M10"}
SIDES: dict[str, Pt] = {"N": (0.0, 1.0), "S": (0.0, -1.0), "E": (1.0, 0.0), "W": (-1.0, 0.0)}
FACING_ROT = {"S": 0.0, "E": 90.0, "N": 180.0, "W": 270.0}   # block front is -Y
MAX_WALL_GAP = 320.0       # rooms closer than this are separated by a wall
CLOSE_R = MAX_WALL_GAP / 2
HINGED_STOP_MM = 65        # leaf - clear width for hinged leaves (stop + leaf thickness)
SLIDING_STOP_MM = 40       # opening - clear width for sliding leaves
LEAF_T = 40                # leaf thickness drawn in door symbols


def door_attrs(d: "Door") -> dict[str, str]:
    """Revit door block attributes (only for doors with attrs=True)."""
    return {"WIDTH": str(d.leaf * (2 if d.kind == "double" else 1)),
            "CLEAR_WIDTH": str(clear_width(d.kind, d.leaf)),
            "THRESHOLD": "15" if d.b == "outside" or d.entrance else "0"}


def clear_width(kind: str, leaf: int) -> int:
    """Free width (mm) of a door at maximum opening, as used in the expected files."""
    if kind == "hinged":
        return leaf - HINGED_STOP_MM
    if kind == "double":
        return 2 * leaf - 2 * HINGED_STOP_MM
    if kind == "sliding":
        return leaf - SLIDING_STOP_MM
    return leaf


# ---------------------------------------------------------------------------------------
# model
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Room:
    key: str                      # unique in the layout (unit prefix in multi-unit plans)
    name: str                     # label as an architect writes it (unique within its unit)
    function: str                 # canonical function, see FUNCTIONS
    poly: tuple[Pt, ...]          # interior polygon, local mm
    unit: str | None = "A"        # None = common area
    also: tuple[str, ...] = ()    # further functions of a combined room
    label_at: Pt | None = None    # label position (default: polygon centre)


@dataclass(frozen=True)
class Door:
    a: str                        # room key
    b: str                        # room key or "outside"
    at: float                     # low end of the opening along the wall (local mm)
    leaf: int                     # leaf width = swing radius = opening width (mm)
    swing: str                    # room key (or "outside") the leaf swings into / slides on
    hinge: str = "low"            # hinge at the "low" or "high" end of the opening
    kind: str = "hinged"          # hinged | double | sliding | opening
    side: str | None = None       # N/S/E/W side of room a, for doors to the outside
    entrance: bool = False        # unit (or building) entrance
    attrs: bool = False           # Revit: WIDTH / CLEAR_WIDTH / THRESHOLD attributes


@dataclass(frozen=True)
class Window:
    room: str
    side: str                     # N/S/E/W exterior wall of the room
    at: float                     # low end of the opening along the wall
    width: int


@dataclass(frozen=True)
class Fixture:
    kind: str
    room: str
    rect: tuple[float, float, float, float]   # x0, y0, x1, y1 local mm
    facing: str = "S"             # direction the front faces (back against a wall)
    variant: str | None = None    # beds: double | single | care


@dataclass(frozen=True)
class Defect:
    rule: str
    subject: str
    note: str
    unit: str | None = "A"
    consequential: bool = False   # follows from another defect; depends on parameters
    ruleset: str = "tek17"        # the bundled rule set under which the defect shows


@dataclass(frozen=True)
class Layout:
    name: str
    dialect: str
    unit_type: str
    description: str
    rooms: tuple[Room, ...]
    doors: tuple[Door, ...]
    windows: tuple[Window, ...]
    fixtures: tuple[Fixture, ...]
    defects: tuple[Defect, ...] = ()
    units: tuple[tuple[str, str], ...] = (("A", ""),)   # (id, unit type)
    ext_wall: int = 300
    rotation_deg: float = 0.0
    offset: Pt = (0.0, 0.0)
    title: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def rect_room(key: str, name: str, fn: str, x0: float, y0: float, x1: float, y1: float,
              **kw: Any) -> Room:
    return Room(key, name, fn, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), **kw)


# ---------------------------------------------------------------------------------------
# geometry
# ---------------------------------------------------------------------------------------


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


Seg = tuple[Pt, Pt]


@dataclass
class WallSpan:
    """The stretch of wall between two faces, at ``along`` in [lo, hi]."""
    horizontal: bool              # wall runs along x (faces are y = const)
    face_a: float
    face_b: float

    def pt(self, along: float, across: float) -> Pt:
        return (along, across) if self.horizontal else (across, along)


@dataclass
class DoorGeo:
    id: str
    door: Door
    span: WallSpan
    hinge: Pt
    latch: Pt
    u: Pt                         # hinge -> latch
    n: Pt                         # into the swing side
    mirrored: bool                # n is clockwise from u
    cut: Polygon
    jambs: list[Seg]

    @property
    def rotation(self) -> float:
        """Insert rotation (local) of a block with origin at the hinge, closed leaf +X."""
        return norm_deg(vangle(self.u) + (180.0 if self.mirrored else 0.0))

    def sectors(self) -> list[Polygon]:
        """Door swing area(s) as quarter discs (local mm)."""
        d = self.door
        if d.kind == "hinged":
            return [quarter_disc(self.hinge, self.u, self.n, d.leaf)]
        if d.kind == "double":
            return [quarter_disc(self.hinge, self.u, self.n, d.leaf),
                    quarter_disc(self.latch, (-self.u[0], -self.u[1]), self.n, d.leaf)]
        return []


def quarter_disc(c: Pt, u: Pt, n: Pt, r: float, steps: int = 24) -> Polygon:
    a0, a1 = vangle(u), vangle(n)
    if (a1 - a0) % 360 > 180:
        a0, a1 = a1, a0
    pts = [c]
    for i in range(steps + 1):
        a = math.radians(a0 + ((a1 - a0) % 360) * i / steps)
        pts.append((c[0] + r * math.cos(a), c[1] + r * math.sin(a)))
    return Polygon(pts)


@dataclass
class WindowGeo:
    id: str
    window: Window
    center: Pt                    # on the wall centre line
    along: Pt                     # unit vector along the wall
    thickness: float
    cut: Polygon
    jambs: list[Seg]


@dataclass
class FixtureGeo:
    id: str
    fixture: Fixture
    center: Pt
    size: tuple[int, int]         # width along the front, depth front-to-back
    rotation: float               # local rotation of a block whose front faces -Y

    def polygon(self) -> Polygon:
        x0, y0, x1, y1 = self.fixture.rect
        return box(x0, y0, x1, y1)


@dataclass
class Built:
    layout: Layout
    rooms: dict[str, Room]
    room_polys: dict[str, Polygon]
    inner: Polygon                # inside of the exterior walls
    footprint: Polygon            # outside of the exterior walls
    walls: Any                    # wall bodies with openings cut (local)
    ext_walls: Any
    int_walls: Any
    railing: Any
    doors: list[DoorGeo]
    windows: list[WindowGeo]
    fixtures: list[FixtureGeo]
    jambs: list[Seg]

    def label(self, key: str) -> str:
        return "outside" if key == "outside" else self.rooms[key].name


def _edges(poly: Sequence[Pt]) -> Iterable[Seg]:
    for i in range(len(poly)):
        yield poly[i], poly[(i + 1) % len(poly)]


def _outward(poly: Polygon, p: Pt, q: Pt) -> Pt | None:
    """Outward unit normal of an axis-aligned edge (None for a diagonal edge)."""
    if p[1] == q[1]:
        mid = ((p[0] + q[0]) / 2, p[1])
        return (0.0, -1.0) if poly.contains(Point(mid[0], mid[1] + 1)) else (0.0, 1.0)
    if p[0] == q[0]:
        mid = (p[0], (p[1] + q[1]) / 2)
        return (-1.0, 0.0) if poly.contains(Point(mid[0] + 1, mid[1])) else (1.0, 0.0)
    return None


def find_span(rooms: dict[str, Room], room_polys: dict[str, Polygon], a: str, b: str,
              side: str | None, lo: float, hi: float, ext: float) -> WallSpan:
    """Wall between room a and room b (or the outside on ``side``) covering [lo, hi]."""
    pa = room_polys[a]
    for p, q in _edges(rooms[a].poly):
        nrm = _outward(pa, p, q)
        if nrm is None:
            continue
        horiz = p[1] == q[1]
        e_lo, e_hi = (min(p[0], q[0]), max(p[0], q[0])) if horiz else (min(p[1], q[1]),
                                                                        max(p[1], q[1]))
        if not (e_lo <= lo and hi <= e_hi):
            continue
        face_a = p[1] if horiz else p[0]
        sgn = nrm[1] if horiz else nrm[0]
        if b == "outside":
            if SIDES[side or "?"] != nrm:
                continue
            return WallSpan(horiz, face_a, face_a + sgn * ext)
        pb = room_polys[b]
        for r, s in _edges(rooms[b].poly):
            if (r[1] == s[1]) != horiz or (r[0] == s[0]) == horiz:
                continue
            face_b = r[1] if horiz else r[0]
            gap = (face_b - face_a) * sgn
            if not (0 < gap <= MAX_WALL_GAP):
                continue
            f_lo, f_hi = (min(r[0], s[0]), max(r[0], s[0])) if horiz else (min(r[1], s[1]),
                                                                            max(r[1], s[1]))
            if not (f_lo <= lo and hi <= f_hi):
                continue
            if _outward(pb, r, s) != (-nrm[0], -nrm[1]):
                continue
            return WallSpan(horiz, face_a, face_b)
    raise ValueError(f"no wall between {a!r} and {b!r} at [{lo}, {hi}]")


def _cut(span: WallSpan, lo: float, hi: float) -> tuple[Polygon, list[Seg]]:
    f0, f1 = sorted((span.face_a, span.face_b))
    c0, c1 = span.pt(lo, f0 - 1), span.pt(hi, f1 + 1)
    cut = box(min(c0[0], c1[0]), min(c0[1], c1[1]), max(c0[0], c1[0]), max(c0[1], c1[1]))
    jambs = [(span.pt(lo, f0), span.pt(lo, f1)), (span.pt(hi, f0), span.pt(hi, f1))]
    return cut, jambs


def build(layout: Layout) -> Built:
    rooms = {r.key: r for r in layout.rooms}
    if len(rooms) != len(layout.rooms):
        raise ValueError(f"{layout.name}: duplicate room keys")
    room_polys = {k: Polygon(r.poly) for k, r in rooms.items()}
    indoor = unary_union([room_polys[k] for k, r in rooms.items() if r.function != "balcony"])
    inner = snap(closing(indoor, CLOSE_R))
    if not isinstance(inner, Polygon) or inner.interiors:
        raise ValueError(f"{layout.name}: rooms do not close to one outline without holes")
    te = layout.ext_wall
    footprint = snap(inner.buffer(te, join_style="mitre", mitre_limit=10))

    doors: list[DoorGeo] = []
    for i, d in enumerate(layout.doors, 1):
        lo, hi = d.at, d.at + (2 * d.leaf if d.kind == "double" else d.leaf)
        span = find_span(rooms, room_polys, d.a, d.b, d.side, lo, hi, te)
        mid = span.pt((lo + hi) / 2, (span.face_a + span.face_b) / 2)
        if d.b == "outside" and inner.buffer(-1).contains(Point(mid)):
            raise ValueError(f"{layout.name}: door {i} is not in an exterior wall")
        swing_face = span.face_a if d.swing == d.a else span.face_b
        other_face = span.face_b if d.swing == d.a else span.face_a
        h_al, l_al = (lo, hi) if d.hinge == "low" else (hi, lo)
        hinge, latch = span.pt(h_al, swing_face), span.pt(l_al, swing_face)
        w = hi - lo
        u = ((latch[0] - hinge[0]) / w, (latch[1] - hinge[1]) / w)
        sg = 1.0 if swing_face > other_face else -1.0
        n = (0.0, sg) if span.horizontal else (sg, 0.0)
        mirrored = (u[0] * n[1] - u[1] * n[0]) < 0
        cut, jambs = _cut(span, lo, hi)
        doors.append(DoorGeo(f"D{i}", d, span, hinge, latch, u, n, mirrored, cut, jambs))

    windows: list[WindowGeo] = []
    for i, wdw in enumerate(layout.windows, 1):
        lo, hi = wdw.at, wdw.at + wdw.width
        span = find_span(rooms, room_polys, wdw.room, "outside", wdw.side, lo, hi, te)
        c = span.pt((lo + hi) / 2, (span.face_a + span.face_b) / 2)
        if inner.buffer(-1).contains(Point(c)):
            raise ValueError(f"{layout.name}: window {i} is not in an exterior wall")
        along = (1.0, 0.0) if span.horizontal else (0.0, 1.0)
        cut, jambs = _cut(span, lo, hi)
        windows.append(WindowGeo(f"W{i}", wdw, c, along, te, cut, jambs))

    fixtures: list[FixtureGeo] = []
    for i, f in enumerate(layout.fixtures, 1):
        x0, y0, x1, y1 = f.rect
        dx, dy = x1 - x0, y1 - y0
        size = (int(dx), int(dy)) if f.facing in "NS" else (int(dy), int(dx))
        fixtures.append(FixtureGeo(f"F{i}", f, ((x0 + x1) / 2, (y0 + y1) / 2), size,
                                   FACING_ROT[f.facing]))

    cuts = unary_union([d.cut for d in doors] + [w.cut for w in windows])
    body = footprint.difference(indoor)
    walls = snap(body.difference(cuts))
    ext_walls = snap(footprint.difference(inner).difference(cuts))
    int_walls = snap(inner.difference(indoor).difference(cuts))
    balconies = [room_polys[k] for k, r in rooms.items() if r.function == "balcony"]
    railing = snap(unary_union([
        b.buffer(50, join_style="mitre").difference(b).difference(footprint)
        for b in balconies])) if balconies else Polygon()
    jambs = [j for d in doors for j in d.jambs] + [j for w in windows for j in w.jambs]
    return Built(layout, rooms, room_polys, inner, footprint, walls, ext_walls, int_walls,
                 railing, doors, windows, fixtures, jambs)


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
        for s, j in zip(order, flags):
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


# ---------------------------------------------------------------------------------------
# drawing helpers
# ---------------------------------------------------------------------------------------


class Pen:
    """Draws into a layout (modelspace or block) through a Frame, on one layer."""

    def __init__(self, space: Any, frame: Frame, layer: str = "0") -> None:
        self.space, self.f, self.layer = space, frame, layer

    def on(self, layer: str) -> Pen:
        return Pen(self.space, self.f, layer)

    def _a(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        a: dict[str, Any] = {"layer": self.layer}
        if extra:
            a.update(extra)
        return a

    def line(self, p: Pt, q: Pt) -> Any:
        return self.space.add_line(self.f(p), self.f(q), dxfattribs=self._a())

    def poly(self, pts: Sequence[Pt], closed: bool = False,
             bulges: Sequence[float] | None = None) -> Any:
        if bulges is None:
            data = [self.f(p) for p in pts]
            return self.space.add_lwpolyline(data, format="xy", close=closed,
                                              dxfattribs=self._a())
        data = [(*self.f(p), 0.0, 0.0, b) for p, b in zip(pts, bulges)]
        return self.space.add_lwpolyline(data, format="xyseb", close=closed,
                                          dxfattribs=self._a())

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> Any:
        return self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], closed=True)

    def circle(self, c: Pt, r: float) -> Any:
        return self.space.add_circle(self.f(c), self.f.length(r), dxfattribs=self._a())

    def arc(self, c: Pt, r: float, a0: float, a1: float) -> Any:
        return self.space.add_arc(self.f(c), self.f.length(r), self.f.angle(a0),
                                  self.f.angle(a1), dxfattribs=self._a())

    def ellipse(self, c: Pt, major: Pt, ratio: float) -> Any:
        return self.space.add_ellipse(self.f(c), major_axis=(*self.f.vector(major), 0.0),
                                      ratio=ratio, dxfattribs=self._a())

    def text(self, s: str, p: Pt, h: float, rotation: float = 0.0,
             align: TextEntityAlignment = TextEntityAlignment.MIDDLE_CENTER,
             style: str = "Standard") -> Any:
        t = self.space.add_text(s, height=self.f.length(h), dxfattribs=self._a(
            {"rotation": self.f.angle(rotation), "style": style}))
        t.set_placement(self.f(p), align=align)
        return t

    def mtext(self, s: str, p: Pt, h: float, width: float | None = None) -> Any:
        a = {"char_height": self.f.length(h), "attachment_point": 5,
             "insert": (*self.f(p), 0.0), "rotation": self.f.angle(0.0)}
        if width:
            a["width"] = self.f.length(width)
        return self.space.add_mtext(s, dxfattribs=self._a(a))

    def insert(self, name: str, p: Pt, rotation: float = 0.0, xscale: float = 1.0,
               yscale: float = 1.0) -> Any:
        a: dict[str, Any] = {"rotation": self.f.angle(rotation)}
        if xscale != 1.0:
            a["xscale"] = xscale
        if yscale != 1.0:
            a["yscale"] = yscale
        return self.space.add_blockref(name, self.f(p), dxfattribs=self._a(a))

    def dim(self, p1: Pt, p2: Pt, base: Pt, angle: float) -> None:
        s = self.f.scale
        d = self.space.add_linear_dim(
            base=self.f(base), p1=self.f(p1), p2=self.f(p2), angle=self.f.angle(angle),
            dimstyle="EZDXF", dxfattribs=self._a(),
            override={"dimtxt": 180 * s, "dimasz": 150 * s, "dimexo": 150 * s,
                      "dimexe": 100 * s, "dimgap": 60 * s, "dimdec": 0, "dimlfac": 1 / s,
                      "dimtad": 1})
        d.render()


def block_pen(doc: Any, name: str, scale: float, layer: str = "0") -> Pen | None:
    """Pen for a new block definition (None if the block exists already)."""
    if name in doc.blocks:
        return None
    return Pen(doc.blocks.new(name), Frame(scale=scale), layer)


def draw_symbol(pen: Pen, kind: str, w: float, d: float, variant: str | None,
                c: Pt = (0.0, 0.0)) -> None:
    """Fixture/furniture symbol, footprint w x d centred on c, front towards -Y."""
    cx, cy = c
    hw, hd = w / 2, d / 2

    def R(x0: float, y0: float, x1: float, y1: float) -> None:
        pen.rect(cx + x0, cy + y0, cx + x1, cy + y1)

    def L(x0: float, y0: float, x1: float, y1: float) -> None:
        pen.line((cx + x0, cy + y0), (cx + x1, cy + y1))

    if kind == "wc":
        R(-hw, hd - 180, hw, hd)                                    # cistern
        semi = (d - 180) / 2
        pen.ellipse((cx, cy - hd + semi), (0.0, semi), (hw - 30) / semi)  # bowl
    elif kind == "basin":
        R(-hw, -hd, hw, hd)
        pen.ellipse((cx, cy - 20), (hw - 70, 0.0), (hd - 90) / (hw - 70))
        pen.circle((cx, cy + hd - 50), 20)
    elif kind == "shower":
        R(-hw, -hd, hw, hd)
        L(-hw, -hd, hw, hd)
        L(-hw, hd, hw, -hd)
        pen.circle((cx, cy), 50)
    elif kind == "bath":
        R(-hw, -hd, hw, hd)
        R(-hw + 60, -hd + 60, hw - 60, hd - 60)
        pen.circle((cx, cy + hd - 200), 30)
    elif kind == "kitchen_counter":
        R(-hw, -hd, hw, hd)
        R(-hw + 200, -hd + 80, -hw + 1000, hd - 60)                 # sink
        R(-hw + 260, -hd + 130, -hw + 640, hd - 110)
        pen.circle((cx - hw + 450, cy), 25)
        R(hw - 800, -hd + 40, hw - 200, hd - 40)                    # hob
        for ox, oy in ((-150, -130), (150, -130), (-150, 130), (150, 130)):
            pen.circle((cx + hw - 500 + ox, cy + oy), 90 if oy < 0 else 70)
    elif kind == "washer":
        R(-hw, -hd, hw, hd)
        pen.circle((cx, cy - 30), min(hw, hd) - 80)
        L(-hw, hd - 80, hw, hd - 80)
    elif kind == "bed":
        R(-hw, -hd, hw, hd)
        if variant == "double":
            R(-hw + 80, hd - 420, -40, hd - 80)
            R(40, hd - 420, hw - 80, hd - 80)
        else:
            R(-hw + 80, hd - 420, hw - 80, hd - 80)
        L(-hw, hd - 700, hw, hd - 700)                              # folded sheet
        L(-hw, hd - 700, -hw + 250, hd - 450)
        if variant == "care":
            L(-hw + 40, -hd + 200, -hw + 40, hd - 500)              # side rails
            L(hw - 40, -hd + 200, hw - 40, hd - 500)
    elif kind == "wardrobe":
        R(-hw, -hd, hw, hd)
        L(-hw, -hd + 50, hw, -hd + 50)                              # doors
        L(-hw + 50, 0, hw - 50, 0)                                  # hanger rail
        for i in range(1, int(w // 600) + 1):
            x = -hw + i * w / (int(w // 600) + 1)
            L(x, -hd, x, -hd + 50)
    elif kind == "sofa":
        R(-hw, -hd, hw, hd)
        R(-hw, hd - 200, hw, hd)                                    # back
        R(-hw, -hd, -hw + 180, hd - 200)                            # arms
        R(hw - 180, -hd, hw, hd - 200)
        L(0, -hd, 0, hd - 200)
    elif kind == "table":
        pen.circle((cx, cy), hw - 300)                              # round table
        for ox, oy in ((0, hd - 200), (0, -hd + 200), (hw - 200, 0), (-hw + 200, 0)):
            R(ox - 200, oy - 200, ox + 200, oy + 200)
    else:
        raise ValueError(kind)


# ---------------------------------------------------------------------------------------
# dialects
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dialect:
    name: str
    dxfversion: str
    insunits: int
    drawing_unit: str
    scale: float                  # drawing units per mm
    writer: Callable[[Built, Path, Frame], dict[str, str]]
    label: Callable[[Room, Polygon], str]
    label_text: Callable[[Room, Polygon], str]
    symbol_centre: Callable[[float, float], Pt]   # footprint centre in block coords


def new_doc(dia: Dialect, layers: Sequence[tuple[str, int]]) -> Any:
    doc = ezdxf.new(dia.dxfversion, setup=True)
    doc.header["$INSUNITS"] = dia.insunits
    doc.header["$MEASUREMENT"] = 1
    doc.header["$LUNITS"] = 2
    doc.header["$TDINDWG"] = 0.0
    doc.header["$TDUSRTIMER"] = 0.0
    if dia.dxfversion == "R2000":
        doc.encoding = "cp1252"
    for name, color in layers:
        doc.layers.add(name, color=color)
    return doc


def save_doc(doc: Any, path: Path) -> None:
    doc.header["$TDINDWG"] = 0.0
    doc.header["$TDUSRTIMER"] = 0.0
    # ezdxf registers the CLASS entries of the entity types in use by iterating a set, whose
    # order depends on PYTHONHASHSEED: keep the required classes first, sort the rest.
    classes = doc.classes
    required = classes.add_required_classes

    def ordered(dxfversion: str) -> None:
        required(dxfversion)
        first = {name: i for i, name in enumerate(
            REQUIRED_CLASSES.get(dxfversion, REQ_R2004))}
        items = sorted(classes.classes.items(),
                       key=lambda kv: (first.get(kv[0][0], len(first)), kv[0]))
        classes.classes = dict(items)

    classes.add_required_classes = ordered
    doc.saveas(path)


def area_m2(p: Polygon) -> float:
    return round(p.area / 1e6, 2)


def fmt_area(a: float) -> str:
    return f"{a:.1f}".replace(".", ",")


def label_point(b: Built, key: str) -> Pt:
    r = b.rooms[key]
    if r.label_at:
        return r.label_at
    p = b.room_polys[key]
    c = p.centroid
    if p.buffer(-300).contains(c):
        return (round(c.x), round(c.y))
    q = p.buffer(-300).representative_point()
    return (round(q.x), round(q.y))


def fixture_names(b: Built, base: Callable[[FixtureGeo], str],
                  sized: Callable[[str, FixtureGeo], str]) -> dict[str, str]:
    """Block name per fixture: the base name, with a size suffix where one file holds the
    same base in several sizes."""
    sizes: dict[str, set[tuple[int, int]]] = {}
    for f in b.fixtures:
        sizes.setdefault(base(f), set()).add(f.size)
    return {f.id: (base(f) if len(sizes[base(f)]) == 1 else sized(base(f), f))
            for f in b.fixtures}


def put_fixtures(b: Built, pen: Pen, dia: Dialect, names: dict[str, str],
                 layer_of: Callable[[FixtureGeo], str]) -> None:
    doc = pen.space.doc
    for f in b.fixtures:
        name = names[f.id]
        w, d = f.size
        bp = block_pen(doc, name, dia.scale)
        c = dia.symbol_centre(w, d)
        if bp is not None:
            draw_symbol(bp, f.fixture.kind, w, d, f.fixture.variant, c)
        off = rot(c, f.rotation)
        p = (f.center[0] - off[0], f.center[1] - off[1])
        pen.on(layer_of(f)).insert(name, p, f.rotation)


def draw_runs(pen: Pen, runs: list[list[Pt]], jambs: list[Seg], as_lines: bool) -> None:
    if as_lines:
        for run in runs:
            for p, q in zip(run, run[1:]):
                pen.line(p, q)
    else:
        for run in runs:
            pen.poly(run, closed=False)
    for p, q in jambs:
        if as_lines:
            pen.line(p, q)
        else:
            pen.poly([p, q])


def window_lines(pen: Pen, w: WindowGeo) -> None:
    """Three lines across the wall thickness (both faces and the glass), loose geometry."""
    ax, ay = w.along
    nx, ny = -ay, ax
    for k in (-0.5, 0.0, 0.5):
        off = k * w.thickness
        c = (w.center[0] + nx * off, w.center[1] + ny * off)
        hw = w.window.width / 2
        pen.line((c[0] - ax * hw, c[1] - ay * hw), (c[0] + ax * hw, c[1] + ay * hw))


def window_block(doc: Any, name: str, w: float, t: float, scale: float,
                 frame: bool = False) -> None:
    bp = block_pen(doc, name, scale)
    if bp is None:
        return
    for k in (-0.5, 0.0, 0.5):
        bp.line((-w / 2, k * t), (w / 2, k * t))
    if frame:
        bp.rect(-w / 2, -30, w / 2, 30)


def plan_extent(b: Built) -> tuple[float, float, float, float]:
    geo = unary_union([b.footprint] + [b.room_polys[k] for k in b.room_polys])
    return geo.bounds


def world_extent(b: Built, fr: Frame) -> tuple[float, float, float, float]:
    """Bounding box of the plan in world mm (for annotations drawn unrotated)."""
    geo = unary_union([b.footprint] + [b.room_polys[k] for k in b.room_polys])
    pts = [fr.world_mm(p) for p in geo.convex_hull.exterior.coords]
    return (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts),
            max(p[1] for p in pts))


def annotation_pen(pen: Pen, fr: Frame) -> Pen:
    """Pen in world mm, unrotated (title blocks, north arrows, title texts)."""
    return Pen(pen.space, Frame(0.0, (0.0, 0.0), fr.scale), pen.layer)


def door_swing_loose(pen: Pen, g: DoorGeo, style: str) -> None:
    """A swing without blocks: 'arc' = ARC + LINE, 'bulge' = LWPOLYLINE with a bulge,
    'segments' = LWPOLYLINE of 12 straight segments + LINE (leaf)."""
    d = g.door
    if d.kind == "sliding":
        sliding_leaf(pen, g)
    if d.kind not in ("hinged", "double"):
        return
    leaves = [(g.hinge, g.u)]
    if d.kind == "double":
        leaves.append((g.latch, (-g.u[0], -g.u[1])))
    for h, u in leaves:
        r = d.leaf
        tip = (h[0] + g.n[0] * r, h[1] + g.n[1] * r)
        closed_end = (h[0] + u[0] * r, h[1] + u[1] * r)
        ccw = (u[0] * g.n[1] - u[1] * g.n[0]) > 0
        if style == "arc":
            a0, a1 = (vangle(u), vangle(g.n)) if ccw else (vangle(g.n), vangle(u))
            pen.arc(h, r, a0, a1)
            pen.line(h, tip)
        elif style == "bulge":
            b = math.tan(math.radians(90) / 4) * (1 if ccw else -1)
            pen.poly([closed_end, tip, h], closed=False, bulges=[b, 0.0, 0.0])
        else:
            a0 = vangle(u)
            sgn = 1 if ccw else -1
            pts = [(h[0] + r * math.cos(math.radians(a0 + sgn * 7.5 * i)),
                    h[1] + r * math.sin(math.radians(a0 + sgn * 7.5 * i))) for i in range(13)]
            pen.poly(pts)
            pen.line(h, tip)


def sliding_leaf(pen: Pen, g: DoorGeo) -> None:
    """Sliding leaf parked beside the opening, on the swing-side face (local mm)."""
    w = g.door.leaf
    u, n, h = g.u, g.n, g.hinge

    def P(x: float, y: float) -> Pt:
        return (h[0] + u[0] * x + n[0] * y, h[1] + u[1] * x + n[1] * y)

    pen.poly([P(-w + 50, 10), P(50, 10), P(50, 50), P(-w + 50, 50)], closed=True)


# ----- aia ---------------------------------------------------------------------------

AIA_LAYERS = [("A-WALL", 7), ("A-DOOR", 3), ("A-GLAZ", 4), ("A-FLOR-FIXT", 6),
              ("A-FURN", 8), ("A-FLOR-HRAL", 9), ("A-ANNO-TEXT", 2), ("A-ANNO-DIMS", 1),
              ("A-ANNO-SYMB", 1), ("A-ANNO-TTLB", 7)]
AIA_FIXTURE = {"wc": "WC", "basin": "LAV", "shower": "SHOWER", "bath": "BATH",
               "kitchen_counter": "KITCHEN-COUNTER", "washer": "WASHER", "wardrobe": "WARDROBE",
               "sofa": "SOFA", "table": "TABLE-ROUND"}
AIA_BED = {"double": "BED-DOUBLE", "single": "BED-SINGLE", "care": "BED-CARE"}


def aia_door_block(doc: Any, g: DoorGeo, scale: float) -> str | None:
    d = g.door
    if d.kind == "opening":
        return None
    if d.kind == "double":
        name = f"DOOR-DOUBLE-{2 * d.leaf}"
    elif d.kind == "sliding":
        name = f"DOOR-SLIDING-{d.leaf}"
    else:
        name = f"DOOR-{MODULES.get(d.leaf, d.leaf)}"
    bp = block_pen(doc, name, scale)
    if bp is not None:
        w = d.leaf
        if d.kind == "sliding":
            bp.rect(-w + 50, 10, 50, 50)
            bp.line((0, 0), (w, 0))
        else:
            bp.rect(0, 0, LEAF_T, w)
            bp.arc((0, 0), w, 0, 90)
            if d.kind == "double":
                bp.rect(2 * w - LEAF_T, 0, 2 * w, w)
                bp.arc((2 * w, 0), w, 90, 180)
    return name


def title_block(pen: Pen, x0: float, y0: float, lines: Sequence[str]) -> None:
    pen.rect(x0, y0, x0 + 9000, y0 + 4200)
    pen.rect(x0 + 200, y0 + 200, x0 + 8800, y0 + 4000)
    pen.line((x0 + 200, y0 + 1400), (x0 + 8800, y0 + 1400))
    for i, s in enumerate(lines):
        pen.text(s, (x0 + 500, y0 + 3400 - i * 650), 300 if i == 0 else 220,
                 align=TextEntityAlignment.LEFT)


def north_arrow(pen: Pen, c: Pt) -> None:
    pen.circle(c, 600)
    pen.poly([(c[0], c[1] + 550), (c[0] + 250, c[1] - 400), (c[0], c[1] - 200),
              (c[0] - 250, c[1] - 400)], closed=True)
    pen.text("N", (c[0], c[1] + 900), 300)


def callout(pen: Pen, b: Built, key: str, text: str) -> None:
    """Detail callout: a 300° ARC around a room and a leader out of the plan to a tag
    bubble (annotation arcs that are not doors)."""
    p = b.room_polys[key]
    c = p.centroid
    r = max(p.bounds[2] - p.bounds[0], p.bounds[3] - p.bounds[1]) * 0.55
    pc = b.footprint.centroid
    dx, dy = c.x - pc.x, c.y - pc.y
    ln = math.hypot(dx, dy) or 1.0
    dx, dy = dx / ln, dy / ln
    a = vangle((dx, dy))
    pen.arc((c.x, c.y), r, a + 30, a + 330)
    start = (c.x + dx * r, c.y + dy * r)
    end = (start[0] + dx * 500, start[1] + dy * 500)
    pen.line(start, end)
    tag = (end[0] + dx * 300, end[1] + dy * 300)
    pen.circle(tag, 300)
    pen.text(text, tag, 250)


def write_aia(b: Built, path: Path, fr: Frame) -> dict[str, str]:
    dia = DIALECTS["aia"]
    doc = new_doc(dia, AIA_LAYERS)
    msp = doc.modelspace()
    pen = Pen(msp, fr)
    names: dict[str, str] = {}
    runs, jambs = face_runs(b.walls, b.jambs)
    draw_runs(pen.on("A-WALL"), runs, jambs, as_lines=True)
    for ring in rings_of(b.railing):
        pen.on("A-FLOR-HRAL").poly(ring, closed=True)
    for g in b.doors:
        name = aia_door_block(doc, g, dia.scale)
        if name:
            names[g.id] = name
            pen.on("A-DOOR").insert(name, g.hinge, g.rotation, -1.0 if g.mirrored else 1.0)
    for w in b.windows:
        name = f"WIN-{w.window.width}"
        window_block(doc, name, w.window.width, w.thickness, dia.scale)
        names[w.id] = name
        pen.on("A-GLAZ").insert(name, w.center, vangle(w.along))
    fnames = fixture_names(
        b, lambda f: AIA_BED[f.fixture.variant or "single"] if f.fixture.kind == "bed"
        else AIA_FIXTURE[f.fixture.kind],
        lambda base, f: f"{base}-{f.size[0]}x{f.size[1]}")
    names.update(fnames)
    put_fixtures(b, pen, dia, fnames, lambda f: "A-FURN" if f.fixture.kind in
                 ("bed", "wardrobe", "sofa", "table") else "A-FLOR-FIXT")
    for key, r in b.rooms.items():
        pen.on("A-ANNO-TEXT").text(dia.label_text(r, b.room_polys[key]), label_point(b, key),
                                   250)
    x0, y0, x1, y1 = plan_extent(b)
    wx0, wy0, wx1, wy1 = world_extent(b, fr)
    dp = pen.on("A-ANNO-DIMS")
    fp = b.footprint.bounds
    dp.dim((fp[0], fp[1]), (fp[2], fp[1]), (fp[0], y0 - 1200), 0)
    dp.dim((fp[0], fp[1]), (fp[0], fp[3]), (x0 - 1200, fp[1]), 90)
    inner = b.inner.bounds
    dp.dim((inner[0], inner[3]), (inner[2], inner[3]), (inner[0], y1 + 900), 0)
    bath = b.layout.extra.get("callout") or next(
        (k for k, r in b.rooms.items() if r.function == "bathroom"), None)
    sym = pen.on("A-ANNO-SYMB")
    north_arrow(annotation_pen(sym, fr), (wx1 + 1500, wy1 - 800))
    if bath:
        callout(sym, b, bath, "1")
    title_block(annotation_pen(pen.on("A-ANNO-TTLB"), fr), wx1 + 6000, wy0, [
        "PLANEVAL TESTPROSJEKT", b.layout.title, "Plan 1:50",
        "Dato 2024-03-15   Tegn.nr. A-" + str(100 + len(b.rooms)), "Tegnet: samples/generate.py"])
    save_doc(doc, path)
    return names


# ----- revit -------------------------------------------------------------------------

REVIT_LAYERS = [("A-WALL", 7), ("A-WALL-PATT", 8), ("A-AREA", 5), ("A-AREA-IDEN", 2),
                ("A-DOOR", 3), ("A-GLAZ", 4), ("A-FLOR-FIXT", 6), ("A-FURN", 8),
                ("A-FLOR-HRAL", 9)]
REVIT_FIXTURE = {"wc": "M_Toilet-Domestic-3D", "basin": "M_Sink Vanity-Round",
                 "shower": "M_Shower Stall-Rectangular", "bath": "M_Bathtub-Rectangular",
                 "kitchen_counter": "M_Base Cabinet-Single Door",
                 "washer": "M_Washing Machine", "wardrobe": "M_Wardrobe", "sofa": "M_Sofa",
                 "table": "M_Table-Dining Round w Chairs"}
REVIT_BED = {"double": "M_Bed-Standard", "single": "M_Bed-Single", "care": "M_Bed-Hospital"}
REVIT_SIZED = ("bed", "kitchen_counter", "wardrobe", "shower", "sofa", "table")


def revit_swing_block(doc: Any) -> str:
    name = "Door Swing 90"
    bp = block_pen(doc, name, 1.0)
    if bp is not None:                          # unit leaf 1000 mm, scaled on insert
        bp.rect(0, 0, LEAF_T, 1000)
        bp.arc((0, 0), 1000, 0, 90)
    return name


def revit_door_block(doc: Any, g: DoorGeo, scale: float, eid: int) -> str:
    d = g.door
    t = abs(g.span.face_a - g.span.face_b)
    if d.kind == "double":
        name = f"M_Double-Flush - {2 * d.leaf:04d} x 2134mm-{eid}-Plan"
    elif d.kind == "sliding":
        name = f"M_Sliding-Pocket - {d.leaf:04d} x 2100mm-{eid}-Plan"
    elif d.kind == "opening":
        name = f"M_Opening-Cased - {d.leaf:04d} x 2100mm-{eid}-Plan"
    else:
        name = f"M_Single-Flush - {d.leaf:04d} x 2100mm-{eid}-Plan"
    blk = doc.blocks.new(name)
    bp = Pen(blk, Frame(scale=scale))
    w = d.leaf * (2 if d.kind == "double" else 1)
    for x in (0, w):                            # frame jambs across the wall
        bp.line((x, 0), (x, -t))
    if d.kind in ("hinged", "double"):
        swing = revit_swing_block(doc)
        s = d.leaf / 1000
        bp.insert(swing, (0, 0), 0.0, s, s)
        if d.kind == "double":
            bp.insert(swing, (w, 0), 0.0, -s, s)
    elif d.kind == "sliding":
        bp.rect(-w + 50, -t / 2 - 20, 50, -t / 2 + 20)      # leaf in the wall pocket
    if d.attrs:
        for i, tag in enumerate(("WIDTH", "CLEAR_WIDTH", "THRESHOLD")):
            blk.add_attdef(tag, (0, -(t + 150 + i * 150) * scale), dxfattribs={
                "height": 100 * scale, "flags": 1})
    return name


def write_revit(b: Built, path: Path, fr: Frame) -> dict[str, str]:
    dia = DIALECTS["revit"]
    doc = new_doc(dia, REVIT_LAYERS)
    msp = doc.modelspace()
    pen = Pen(msp, fr)
    names: dict[str, str] = {}
    for ring in rings_of(b.walls):
        pen.on("A-WALL").poly(ring, closed=True)
    for p in polys(b.walls):
        h = msp.add_hatch(color=8, dxfattribs={"layer": "A-WALL-PATT"})
        h.set_solid_fill(color=8)
        p = orient(p)
        h.paths.add_polyline_path([fr(q) for q in clean_ring(p.exterior.coords)],
                                  is_closed=True, flags=1)
        for hole in p.interiors:
            h.paths.add_polyline_path([fr(q) for q in clean_ring(hole.coords)],
                                      is_closed=True, flags=0)
    for ring in rings_of(b.railing):
        pen.on("A-FLOR-HRAL").poly(ring, closed=True)
    for i, g in enumerate(b.doors):
        name = revit_door_block(doc, g, dia.scale, 345678 + 17 * i)
        names[g.id] = name
        ins = pen.on("A-DOOR").insert(name, g.hinge, g.rotation, -1.0 if g.mirrored else 1.0)
        if g.door.attrs:
            ins.add_auto_attribs(door_attrs(g.door))
    for w in b.windows:
        name = f"M_Fixed - {w.window.width:04d} x 1220mm"
        window_block(doc, name, w.window.width, w.thickness, dia.scale, frame=True)
        names[w.id] = name
        pen.on("A-GLAZ").insert(name, w.center, vangle(w.along))
    fnames = fixture_names(
        b, lambda f: REVIT_BED[f.fixture.variant or "single"] if f.fixture.kind == "bed"
        else REVIT_FIXTURE[f.fixture.kind], lambda base, f: base)
    fnames = {f.id: (f"{fnames[f.id]} {f.size[0]}x{f.size[1]}"
                     if f.fixture.kind in REVIT_SIZED else fnames[f.id]) for f in b.fixtures}
    names.update(fnames)
    put_fixtures(b, pen, dia, fnames, lambda f: "A-FURN" if f.fixture.kind in
                 ("bed", "wardrobe", "sofa", "table") else "A-FLOR-FIXT")
    tag = doc.blocks.new("M_Room Tag")
    for tagname, y, h in (("NAME", 120, 200), ("NUMBER", -130, 150), ("AREA", -340, 150)):
        tag.add_attdef(tagname, (0, y), dxfattribs={"height": h}).set_placement(
            (0, y), align=TextEntityAlignment.MIDDLE_CENTER)
    for i, (key, r) in enumerate(b.rooms.items()):
        poly = b.room_polys[key]
        pen.on("A-AREA").poly(clean_ring(orient(poly).exterior.coords), closed=True)
        ins = pen.on("A-AREA-IDEN").insert("M_Room Tag", label_point(b, key))
        ins.add_auto_attribs({"NAME": dia.label_text(r, poly), "NUMBER": str(101 + i),
                              "AREA": f"{area_m2(poly):.1f} m²"})
    save_doc(doc, path)
    return names


# ----- nordic ------------------------------------------------------------------------

NORDIC_LAYERS = [("Vegger", 7), ("Dører", 3), ("Vinduer", 4), ("Rom", 2), ("Inventar", 8),
                 ("Sanitær", 6), ("Kjøkken", 5), ("Rekkverk", 9), ("Tekst", 7)]
NORDIC_FIXTURE = {"wc": "WC", "basin": "Servant", "shower": "Dusj", "bath": "Badekar",
                  "kitchen_counter": "Kjøkkenbenk", "washer": "Vaskemaskin",
                  "wardrobe": "Garderobe", "sofa": "Sofa", "table": "Bord rundt"}
NORDIC_BED = {"double": "Seng", "single": "Seng", "care": "Pleieseng"}


def write_nordic(b: Built, path: Path, fr: Frame) -> dict[str, str]:
    dia = DIALECTS["nordic"]
    doc = new_doc(dia, NORDIC_LAYERS)
    msp = doc.modelspace()
    pen = Pen(msp, fr)
    names: dict[str, str] = {}
    runs, jambs = face_runs(b.walls, b.jambs)
    draw_runs(pen.on("Vegger"), runs, jambs, as_lines=False)
    for ring in rings_of(b.railing):
        pen.on("Rekkverk").poly(ring, closed=True)
    for i, g in enumerate(b.doors):
        door_swing_loose(pen.on("Dører"), g, "arc" if i % 2 == 0 else "bulge")
    for w in b.windows:
        window_lines(pen.on("Vinduer"), w)

    def base(f: FixtureGeo) -> str:
        if f.fixture.kind == "bed":
            w, d = f.size
            return f"{NORDIC_BED[f.fixture.variant or 'single']} {w // 10}x{d // 10}"
        return NORDIC_FIXTURE[f.fixture.kind]

    fnames = fixture_names(b, base, lambda nm, f: f"{nm} {f.size[0] // 10}x{f.size[1] // 10}")
    names.update(fnames)
    put_fixtures(b, pen, dia, fnames, lambda f: "Kjøkken" if f.fixture.kind ==
                 "kitchen_counter" else "Sanitær" if f.fixture.kind in
                 ("wc", "basin", "shower", "bath", "washer") else "Inventar")
    for key, r in b.rooms.items():
        pen.on("Rom").mtext(dia.label_text(r, b.room_polys[key]), label_point(b, key), 250)
    x0, y0, x1, y1 = world_extent(b, fr)
    tp = annotation_pen(pen.on("Tekst"), fr)
    tp.text(b.layout.title, (x0, y0 - 2500), 400, align=TextEntityAlignment.LEFT)
    tp.text("Målestokk 1:50 – mål i meter", (x0, y0 - 3200), 250,
            align=TextEntityAlignment.LEFT)
    save_doc(doc, path)
    return names


def nordic_label(r: Room, p: Polygon) -> str:
    return r.name.upper() if r.function in ("living", "bedroom") else r.name


def nordic_label_text(r: Room, p: Polygon) -> str:
    if r.function in ("living", "bedroom"):
        return "{\\fArial|b1;" + r.name.upper() + "}\\P" + fmt_area(area_m2(p)) + " m²"
    return "\\A1;" + r.name


# ----- iso ---------------------------------------------------------------------------

ISO_LAYERS = [("A-231---E", 7), ("A-232---E", 7), ("A-232---E-alt", 1), ("A-234---E", 3),
              ("A-31----E", 6), ("A-27----E", 8), ("A-287---E", 9), ("A-9---T-", 2),
              ("A-ANNO-DIM", 1)]
ISO_FIXTURE = {"wc": "WC", "basin": "Servant", "shower": "Dusj", "bath": "Badekar",
               "kitchen_counter": "Kjøkkeninnredning", "washer": "Vaskemaskin",
               "wardrobe": "Garderobeskap", "sofa": "Sofa", "table": "Spisebord",
               "bed": "Seng"}


def write_iso(b: Built, path: Path, fr: Frame) -> dict[str, str]:
    dia = DIALECTS["iso"]
    doc = new_doc(dia, ISO_LAYERS)
    doc.layers.get("A-232---E-alt").freeze()
    doc.layers.get("A-ANNO-DIM").off()
    msp = doc.modelspace()
    pen = Pen(msp, fr)
    names: dict[str, str] = {}
    for g, layer in ((b.ext_walls, "A-231---E"), (b.int_walls, "A-232---E")):
        runs, jambs = face_runs(g, b.jambs)
        draw_runs(pen.on(layer), runs, jambs, as_lines=True)
    # frozen design alternative: the interior walls shifted, overlapping the plan
    alt = shapely.affinity.translate(b.int_walls, 600, 450)
    for ring in rings_of(alt):
        pen.on("A-232---E-alt").poly(ring, closed=True)
    for ring in rings_of(b.railing):
        pen.on("A-287---E").poly(ring, closed=True)
    for g in b.doors:
        door_swing_loose(pen.on("A-234---E"), g, "segments")
    for w in b.windows:
        window_lines(pen.on("A-234---E"), w)
    fnames = fixture_names(
        b, lambda f: ISO_FIXTURE[f.fixture.kind],
        lambda nm, f: f"{nm} {f.size[0]}x{f.size[1]}")
    names.update(fnames)
    put_fixtures(b, pen, dia, fnames, lambda f: "A-31----E" if f.fixture.kind in
                 ("wc", "basin", "shower", "bath", "washer") else "A-27----E")
    for key, r in b.rooms.items():
        pen.on("A-9---T-").text(dia.label_text(r, b.room_polys[key]), label_point(b, key),
                                220)
    fp = b.footprint.bounds
    dp = pen.on("A-ANNO-DIM")
    dp.dim((fp[0], fp[1]), (fp[2], fp[1]), (fp[0], fp[1] - 1000), 0)
    dp.dim((fp[2], fp[1]), (fp[2], fp[3]), (fp[2] + 1000, fp[1]), 90)
    save_doc(doc, path)
    return names


def _same(r: Room, p: Polygon) -> str:
    return r.name


def _upper(r: Room, p: Polygon) -> str:
    return r.name.upper()


DIALECTS: dict[str, Dialect] = {
    "aia": Dialect("aia", "R2013", 4, "mm", 1.0, write_aia, _upper, _upper,
                   lambda w, d: (0.0, 0.0)),
    "revit": Dialect("revit", "R2018", 4, "mm", 1.0, write_revit, _same, _same,
                     lambda w, d: (0.0, -d / 2)),          # origin at the back centre
    "nordic": Dialect("nordic", "R2000", 6, "m", 0.001, write_nordic, nordic_label,
                      nordic_label_text, lambda w, d: (w / 2, d / 2)),  # origin front-left
    "iso": Dialect("iso", "R2010", 0, "unitless (geometry in mm)", 1.0, write_iso, _same,
                   _same, lambda w, d: (0.0, 0.0)),
}


# ---------------------------------------------------------------------------------------
# expected result
# ---------------------------------------------------------------------------------------


def _num(v: float) -> float | int:
    v = round(v, 3) + 0.0
    return int(v) if v == int(v) else v


def _pt(fr: Frame, p: Pt) -> list[float | int]:
    x, y = fr.world_mm(p)
    return [_num(x), _num(y)]


def _wkt(fr: Frame, poly: Polygon) -> str:
    ring = clean_ring(orient(poly).exterior.coords)
    pts = [fr.world_mm(p) for p in ring] + [fr.world_mm(ring[0])]
    return "POLYGON ((" + ", ".join(
        f"{_fmt(x)} {_fmt(y)}" for x, y in pts) + "))"


def _fmt(v: float) -> str:
    s = f"{round(v, 3) + 0.0:.3f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def expected(b: Built, dia: Dialect, names: dict[str, str]) -> dict[str, Any]:
    lay = b.layout
    fr = Frame(lay.rotation_deg, lay.offset, 1.0)
    lab = {k: dia.label(r, b.room_polys[k]) for k, r in b.rooms.items()}

    def L(key: str) -> str:
        return "outside" if key == "outside" else lab[key]

    def U(key: str) -> str | None:
        return None if key == "outside" else b.rooms[key].unit

    rooms = []
    for k, r in b.rooms.items():
        rooms.append({"label": lab[k], "name": r.name, "function": r.function,
                      "functions": [r.function, *r.also], "unit": r.unit,
                      "area_m2": area_m2(b.room_polys[k]),
                      "polygon": _wkt(fr, b.room_polys[k]),
                      "label_point": _pt(fr, label_point(b, k))})
    units = []
    for uid, utype in lay.units:
        keys = [k for k, r in b.rooms.items() if r.unit == uid]
        indoor = [b.room_polys[k] for k in keys if b.rooms[k].function != "balcony"]
        bra = snap(closing(unary_union(indoor), CLOSE_R))
        units.append({"id": uid, "type": utype, "rooms": [lab[k] for k in keys],
                      "net_area_m2": round(sum(p.area for p in indoor) / 1e6, 2),
                      "bra_m2": area_m2(bra),
                      "storage_m2": round(sum(b.room_polys[k].area for k in keys
                                              if b.rooms[k].function == "storage") / 1e6, 2)})
    doors = []
    for g in b.doors:
        d = g.door
        attrs = {}
        if dia.name == "revit" and d.attrs:
            attrs = door_attrs(d)
        doors.append({
            "id": g.id, "kind": d.kind, "leaf_width_mm": d.leaf,
            "opening_width_mm": d.leaf * (2 if d.kind == "double" else 1),
            "clear_width_mm": clear_width(d.kind, d.leaf),
            "module": MODULES.get(d.leaf) if d.kind == "hinged" else None,
            "hinge": _pt(fr, g.hinge), "latch": _pt(fr, g.latch),
            "hinge_side": "right" if g.mirrored else "left",
            "rooms": [L(d.a), L(d.b)], "room_units": [U(d.a), U(d.b)],
            "swing_into": L(d.swing) if d.kind in ("hinged", "double", "sliding") else None,
            "entrance": d.entrance, "wall_thickness_mm": _num(abs(g.span.face_a -
                                                                  g.span.face_b)),
            "block": names.get(g.id), "attributes": attrs})
    windows = [{"id": w.id, "rooms": [lab[w.window.room]], "unit": b.rooms[w.window.room].unit,
                "width_mm": w.window.width, "center": _pt(fr, w.center),
                "wall_thickness_mm": _num(w.thickness), "block": names.get(w.id)}
               for w in b.windows]
    fixtures = [{"id": f.id, "kind": f.fixture.kind, "variant": f.fixture.variant,
                 "room": lab[f.fixture.room], "unit": b.rooms[f.fixture.room].unit,
                 "center": _pt(fr, f.center), "size_mm": list(f.size),
                 "rotation_deg": _num(fr.angle(f.rotation)), "block": names.get(f.id)}
                for f in b.fixtures]
    defects = [{"rule": d.rule, "subject": d.subject, "note": d.note, "unit": d.unit,
                "consequential": d.consequential, "ruleset": d.ruleset} for d in lay.defects]
    x0, y0, x1, y1 = b.footprint.bounds
    corners = [fr.world_mm(p) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    return {
        "sample": lay.name, "description": lay.description, "dialect": dia.name,
        "dxfversion": dia.dxfversion, "unit_type": lay.unit_type,
        "units": {"insunits": dia.insunits, "drawing_unit": dia.drawing_unit,
                  "mm_per_unit": 1.0 / dia.scale},
        "frame": {"rotation_deg": lay.rotation_deg, "translation_mm": list(lay.offset)},
        "exterior_wall_mm": lay.ext_wall,
        "footprint_bbox_mm": [_num(min(c[0] for c in corners)), _num(min(c[1] for c in corners)),
                              _num(max(c[0] for c in corners)), _num(max(c[1] for c in corners))],
        "plan_units": units, "rooms": rooms, "doors": doors, "windows": windows,
        "fixtures": fixtures, "defects": defects,
        "conventions": {
            "coordinates": "world millimetres (drawing units x mm_per_unit)",
            "hinge_latch": "on the wall face of the swing room; opening: face of the first room;"
                           " double: hinge = first hinge, latch = second hinge",
            "clear_width": f"hinged leaf-{HINGED_STOP_MM}, double 2*leaf-{2 * HINGED_STOP_MM},"
                           f" sliding opening-{SLIDING_STOP_MM}, opening = width",
            "fixture_size": "[width along the front, depth front-to-back]; rotation_deg turns"
                            " a symbol whose front faces -Y",
            "window_center": "on the wall centre line"},
    }


def write_sample(lay: Layout, out_dir: Path, dialect: str | None = None) -> Path:
    dia = DIALECTS[dialect or lay.dialect]
    b = build(lay)
    fr = Frame(lay.rotation_deg, lay.offset, dia.scale)
    path = out_dir / f"{lay.name}.dxf"
    names = dia.writer(b, path, fr)
    exp = expected(b, dia, names)
    (out_dir / f"{lay.name}.expected.json").write_text(
        json.dumps(exp, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# layouts
# ---------------------------------------------------------------------------------------



def omsorg_55_aia() -> Layout:
    """Selvstendig omsorgsbolig, L-shaped footprint, compliant."""
    R = rect_room
    rooms = (
        R("Bad", "Bad", "bathroom", 0, 0, 2500, 2500, also=("laundry",)),
        R("Entré", "Entré", "entrance", 2600, 0, 5200, 2500),
        R("Bod", "Bod", "storage", 5300, 0, 7400, 2500),
        R("Stue/kjøkken", "Stue/kjøkken", "living", 0, 2600, 4900, 6800, also=("kitchen",),
          label_at=(1500, 5950)),
        R("Soverom", "Soverom", "bedroom", 5000, 2600, 9200, 6800, label_at=(5900, 5300)),
        R("Balkong", "Balkong", "balcony", 500, 7100, 4400, 8900),
    )
    doors = (
        Door("Entré", "outside", 4075, 925, "Entré", "high", side="S", entrance=True),
        Door("Entré", "Bad", 300, 825, "Entré", "low"),
        Door("Entré", "Stue/kjøkken", 4000, 825, "Stue/kjøkken", "high"),
        Door("Entré", "Bod", 1400, 825, "Bod", "high"),
        Door("Stue/kjøkken", "Soverom", 2800, 825, "Soverom", "low"),
        Door("Stue/kjøkken", "Balkong", 3400, 925, "Balkong", "high"),
    )
    windows = (
        Window("Stue/kjøkken", "N", 800, 1800),
        Window("Stue/kjøkken", "W", 4000, 1200),
        Window("Soverom", "E", 3400, 1200),
        Window("Soverom", "N", 8000, 900),
    )
    fixtures = (
        Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad", (0, 1100, 700, 1500), "E"),
        Fixture("washer", "Bad", (0, 1900, 600, 2500), "E"),
        Fixture("basin", "Bad", (1000, 2050, 1550, 2500), "S"),
        Fixture("wardrobe", "Entré", (2600, 1700, 3200, 2500), "E"),
        Fixture("kitchen_counter", "Stue/kjøkken", (0, 2600, 2400, 3200), "N"),
        Fixture("sofa", "Stue/kjøkken", (4050, 4000, 4900, 5800), "W"),
        Fixture("bed", "Soverom", (6600, 4600, 7600, 6800), "S", "care"),
        Fixture("wardrobe", "Soverom", (7800, 2600, 9000, 3200), "N"),
    )
    return Layout(
        "omsorg-55-aia", "aia", "omsorgsbolig",
        "Selvstendig omsorgsbolig (~56 m² net) with entré, open stue/kjøkken, separate "
        "soverom with a 1000x2200 care bed, 2.5x2.5 m bad with shower zone and washer, "
        "5.25 m² bod and a balcony. L-shaped footprint. Compliant (TEK17 + Husbanken).",
        rooms, doors, windows, fixtures, (), units=(("A", "omsorgsbolig"),), ext_wall=300,
        title="Omsorgsbolig 55 m² – plan 1. etasje")


def omsorg_55_revit() -> Layout:
    """Omsorgsbolig with a hall spine; the bedroom is too shallow for the care-bed zone."""
    R = rect_room
    rooms = (
        R("Bad", "Bad", "bathroom", 0, 0, 2500, 2500, also=("laundry",),
          label_at=(1500, 1250)),
        R("Bod", "Bod", "storage", 2600, 0, 4700, 2500),
        R("Entré", "Entré", "entrance", 0, 2600, 4700, 4300, also=("hall",)),
        R("Soverom", "Soverom", "bedroom", 0, 4400, 4700, 7600, label_at=(3100, 5150)),
        R("Stue/kjøkken", "Stue/kjøkken", "living", 4800, 0, 8100, 7600, also=("kitchen",),
          label_at=(6450, 2600)),
        R("Balkong", "Balkong", "balcony", 8350, 2500, 10150, 6000),
    )
    doors = (
        Door("Entré", "outside", 2700, 925, "Entré", "low", side="W", entrance=True,
             attrs=True),
        Door("Entré", "Bad", 800, 900, "Entré", "high", kind="sliding", attrs=True),
        Door("Entré", "Bod", 3200, 825, "Bod", "high", attrs=True),
        Door("Entré", "Soverom", 3500, 825, "Soverom", "high", attrs=True),
        Door("Entré", "Stue/kjøkken", 2900, 1000, "Entré", kind="opening"),
        Door("Stue/kjøkken", "Balkong", 3000, 925, "Balkong", "low", attrs=True),
    )
    windows = (
        Window("Stue/kjøkken", "S", 5500, 1200),
        Window("Stue/kjøkken", "E", 4500, 1200),
        Window("Soverom", "N", 2600, 1200),
        Window("Soverom", "W", 5400, 1200),
    )
    fixtures = (
        Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad", (0, 1100, 700, 1500), "E"),
        Fixture("washer", "Bad", (0, 1900, 600, 2500), "E"),
        Fixture("basin", "Bad", (1850, 2050, 2400, 2500), "S"),
        Fixture("bed", "Soverom", (1200, 5400, 2200, 7600), "S", "care"),
        Fixture("wardrobe", "Soverom", (4100, 6000, 4700, 7200), "W"),
        Fixture("kitchen_counter", "Stue/kjøkken", (5100, 0, 8100, 600), "N"),
        Fixture("table", "Stue/kjøkken", (5300, 4300, 6800, 5800)),
        Fixture("sofa", "Stue/kjøkken", (5200, 6750, 7200, 7600), "S"),
    )
    defects = (Defect(
        "bed-placement", "room Soverom",
        "Bedroom 4.7 x 3.2 m: the 1000x2200 care bed leaves 1200 mm on one long side and "
        "1000 mm at the foot; Husbanken (omsorg, betjeningsareal) needs 1500 mm on both long "
        "sides and 1400 mm at the foot (zone about 4.0 x 3.6 m). TEK17 turning circle fits.",
        ruleset="husbanken-omsorg"),)
    return Layout(
        "omsorg-55-revit", "revit", "omsorgsbolig",
        "Selvstendig omsorgsbolig (~60 m² net) along an entré/hall spine with doors to bad "
        "(pocket sliding door), bod, soverom and an open doorway to stue/kjøkken; balcony. "
        "Defect: the bedroom cannot take the care-bed zone (Husbanken), though it passes TEK17.",
        rooms, doors, windows, fixtures, defects, units=(("A", "omsorgsbolig"),), ext_wall=250,
        title="Omsorgsbolig 55 m² – plan")


def bofelles_40_nordic() -> Layout:
    """Bofellesskap unit with kitchen, L-shaped footprint, compliant."""
    R = rect_room
    rooms = (
        R("Bad", "Bad", "bathroom", 0, 0, 2400, 2500),
        R("Entré", "Entré", "entrance", 2500, 0, 4800, 2500),
        R("Bod", "Bod", "storage", 4900, 0, 6000, 2500),
        R("Stue/kjøkken", "Stue/kjøkken", "living", 0, 2600, 4400, 6300, also=("kitchen",),
          label_at=(2300, 3900)),
        R("Soverom", "Soverom", "bedroom", 4500, 2600, 7500, 6300, label_at=(5500, 4700)),
    )
    doors = (
        Door("Entré", "outside", 3500, 925, "Entré", "high", side="S", entrance=True),
        Door("Entré", "Bad", 1500, 825, "Entré", "high"),
        Door("Entré", "Stue/kjøkken", 2800, 825, "Stue/kjøkken", "low"),
        Door("Entré", "Bod", 300, 825, "Bod", "low"),
        Door("Stue/kjøkken", "Soverom", 2800, 825, "Soverom", "low"),
    )
    windows = (
        Window("Stue/kjøkken", "N", 1200, 1800),
        Window("Soverom", "S", 6200, 1000),
        Window("Soverom", "E", 3000, 1100),
    )
    fixtures = (
        Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad", (0, 1100, 700, 1500), "E"),
        Fixture("washer", "Bad", (0, 1900, 600, 2500), "E"),
        Fixture("basin", "Bad", (1200, 2050, 1750, 2500), "S"),
        Fixture("kitchen_counter", "Stue/kjøkken", (0, 3200, 600, 5600), "E"),
        Fixture("sofa", "Stue/kjøkken", (3550, 4300, 4400, 6100), "W"),
        Fixture("bed", "Soverom", (6600, 4300, 7500, 6300), "S", "single"),
        Fixture("wardrobe", "Soverom", (4700, 5700, 5900, 6300), "S"),
    )
    return Layout(
        "bofelles-40-nordic", "nordic", "bofellesskap",
        "Omsorgsbolig i bofellesskap (~42 m² net) with its own kitchen: entré, open "
        "stue/kjøkken with the kitchen along a wall, soverom reached from the living room, "
        "bad with washer, 2.75 m² bod. L-shaped footprint. Compliant.",
        rooms, doors, windows, fixtures, (), units=(("A", "bofellesskap"),), ext_wall=300,
        title="Bofellesskap – boenhet 40 m²")


def korttid_40_aia() -> Layout:
    """Short-stay flat; the bathroom door is an M8 door (too narrow)."""
    R = rect_room
    rooms = (
        R("Bod", "Bod", "storage", 0, 0, 1200, 2600),
        R("Entré", "Entré", "entrance", 1300, 0, 3900, 2600),
        R("Bad", "Bad", "bathroom", 4000, 0, 6600, 2600, also=("laundry",)),
        R("Stue/kjøkken", "Stue/kjøkken", "living", 0, 2700, 4100, 6400, also=("kitchen",),
          label_at=(1900, 4300)),
        R("Soverom", "Soverom", "bedroom", 4200, 2700, 7000, 6400, label_at=(5300, 5000)),
    )
    doors = (
        Door("Entré", "outside", 2500, 925, "Entré", "high", side="S", entrance=True),
        Door("Entré", "Bod", 1500, 825, "Bod", "high"),
        Door("Entré", "Stue/kjøkken", 1500, 825, "Stue/kjøkken", "low"),
        Door("Entré", "Bad", 1400, 725, "Bad", "high"),
        Door("Stue/kjøkken", "Soverom", 4800, 900, "Soverom", "low", kind="sliding"),
    )
    windows = (
        Window("Stue/kjøkken", "N", 200, 1000),
        Window("Stue/kjøkken", "N", 2400, 1200),
        Window("Soverom", "N", 4500, 1200),
        Window("Bad", "E", 1800, 600),
    )
    fixtures = (
        Fixture("wardrobe", "Entré", (1300, 0, 1900, 1200), "E"),
        Fixture("shower", "Bad", (5600, 0, 6600, 1000), "N"),
        Fixture("wc", "Bad", (5900, 1100, 6600, 1500), "W"),
        Fixture("basin", "Bad", (4900, 2150, 5450, 2600), "S"),
        Fixture("washer", "Bad", (4000, 0, 4600, 600), "N"),
        Fixture("kitchen_counter", "Stue/kjøkken", (1600, 5800, 4000, 6400), "S"),
        Fixture("sofa", "Stue/kjøkken", (0, 3100, 850, 4900), "E"),
        Fixture("bed", "Soverom", (6100, 4400, 7000, 6400), "S", "single"),
        Fixture("wardrobe", "Soverom", (4600, 2700, 5800, 3300), "N"),
    )
    defects = (
        Defect("door-clear-width", "door Entré–Bad",
               "M8 door, leaf 725 mm, clear width about 660 mm < 760 mm (TEK17 §12-13 (2) b)"),
        Defect("wheelchair-reachability", "room Bad",
               "the bathroom is reached only through the 660 mm door", consequential=True),
        Defect("main-functions", "unit A",
               "the bathroom, a main function, lies behind the 660 mm door", consequential=True),
    )
    return Layout(
        "korttid-40-aia", "aia", "korttidsbolig",
        "Short-stay assessment flat (~42 m² net): entré with wardrobe, bod, bad with washer, "
        "stue/kjøkken with the kitchen along the north wall, soverom behind a sliding door. "
        "Defect: the bathroom door is an M8 door (leaf 725 mm).",
        rooms, doors, windows, fixtures, defects, units=(("A", "korttidsbolig"),),
        ext_wall=250, title="Korttidsbolig 40 m² – plan")


def ungdom_30_nordic() -> Layout:
    """One-room flat for a young person; no storage room at all."""
    R = rect_room
    rooms = (
        R("Bad", "Bad", "bathroom", 0, 0, 2400, 2500),
        R("Entré", "Entré", "entrance", 2500, 0, 4900, 2500),
        R("Stue/kjøkken/sov", "Stue/kjøkken/sov", "living", 0, 2600, 5600, 6100,
          also=("kitchen", "bedroom"), label_at=(2300, 3900)),
    )
    doors = (
        Door("Entré", "outside", 3600, 925, "Entré", "high", side="S", entrance=True),
        Door("Entré", "Bad", 1500, 825, "Entré", "high"),
        Door("Entré", "Stue/kjøkken/sov", 2800, 825, "Stue/kjøkken/sov", "high"),
    )
    windows = (
        Window("Stue/kjøkken/sov", "N", 800, 1800),
        Window("Stue/kjøkken/sov", "N", 3600, 1200),
    )
    fixtures = (
        Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad", (0, 1100, 700, 1500), "E"),
        Fixture("washer", "Bad", (0, 1900, 600, 2500), "E"),
        Fixture("basin", "Bad", (1200, 2050, 1750, 2500), "S"),
        Fixture("kitchen_counter", "Stue/kjøkken/sov", (0, 3300, 600, 5700), "E"),
        Fixture("wardrobe", "Stue/kjøkken/sov", (4000, 2600, 5200, 3200), "N"),
        Fixture("bed", "Stue/kjøkken/sov", (4700, 4100, 5600, 6100), "S", "single"),
        Fixture("table", "Stue/kjøkken/sov", (2400, 4400, 3700, 5700)),
    )
    defects = (Defect("storage-area", "unit A",
                      "no bod at all; TEK17 §12-10 (2) needs 2.5 m² for units ≤ 50 m² BRA"),)
    return Layout(
        "ungdom-30-nordic", "nordic", "ungdomsbolig",
        "Small flat for a young person (~31 m² net): entré, bad and one room for living, "
        "cooking and sleeping. Defect: no bod / storage at all.",
        rooms, doors, windows, fixtures, defects, units=(("A", "ungdomsbolig"),),
        ext_wall=250, title="Ungdomsbolig 30 m²")


def familie_70_revit() -> Layout:
    """Three-room family flat, drawn rotated 17° at UTM-like coordinates."""
    R = rect_room
    rooms = (
        R("Soverom 1", "Soverom 1", "bedroom", 0, 4300, 4000, 7600, label_at=(3200, 6300)),
        R("Soverom 2", "Soverom 2", "bedroom", 4100, 4300, 6600, 7600, label_at=(4850, 5300)),
        R("Entré/gang", "Entré/gang", "entrance", 0, 2600, 6600, 4200, also=("hall",),
          label_at=(1700, 3400)),
        R("Bad", "Bad", "bathroom", 0, 0, 2400, 2500, also=("laundry",)),
        R("WC", "WC", "wc", 2500, 0, 3500, 2500, label_at=(3000, 2000)),
        R("Bod", "Bod", "storage", 3600, 0, 5700, 2500),
        Room("Stue/kjøkken", "Stue/kjøkken", "living",
             ((5800, 0), (9400, 0), (9400, 7600), (6700, 7600), (6700, 2500), (5800, 2500)),
             also=("kitchen",), label_at=(8200, 5000)),
    )
    doors = (
        Door("Entré/gang", "outside", 2700, 925, "Entré/gang", "low", side="W", entrance=True,
             attrs=True),
        Door("Entré/gang", "Bad", 800, 900, "Entré/gang", "high", kind="sliding", attrs=True),
        Door("Entré/gang", "WC", 2600, 800, "Entré/gang", "high", kind="sliding", attrs=True),
        Door("Entré/gang", "Bod", 4200, 825, "Bod", "low", attrs=True),
        Door("Entré/gang", "Soverom 1", 2800, 825, "Soverom 1", "high", attrs=True),
        Door("Entré/gang", "Soverom 2", 4400, 825, "Soverom 2", "low", attrs=True),
        Door("Entré/gang", "Stue/kjøkken", 2900, 1000, "Entré/gang", kind="opening"),
    )
    windows = (
        Window("Soverom 1", "N", 2700, 1000),
        Window("Soverom 2", "N", 4200, 1200),
        Window("Stue/kjøkken", "N", 7800, 1200),
        Window("Stue/kjøkken", "E", 5000, 1200),
        Window("Stue/kjøkken", "E", 900, 1200),
        Window("Stue/kjøkken", "S", 6800, 1200),
    )
    fixtures = (
        Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad", (0, 1000, 700, 1400), "E"),
        Fixture("basin", "Bad", (1950, 200, 2400, 750), "W"),
        Fixture("washer", "Bad", (0, 1900, 600, 2500), "E"),
        Fixture("wc", "WC", (2800, 0, 3200, 700), "N"),
        Fixture("basin", "WC", (3050, 1000, 3500, 1550), "W"),
        Fixture("bed", "Soverom 1", (600, 5500, 2400, 7600), "S", "double"),
        Fixture("wardrobe", "Soverom 1", (0, 4300, 1200, 4900), "N"),
        Fixture("bed", "Soverom 2", (5700, 5600, 6600, 7600), "S", "single"),
        Fixture("wardrobe", "Soverom 2", (6000, 4300, 6600, 5500), "W"),
        Fixture("kitchen_counter", "Stue/kjøkken", (6000, 0, 8700, 600), "N"),
        Fixture("table", "Stue/kjøkken", (8000, 2600, 9300, 3900)),
        Fixture("sofa", "Stue/kjøkken", (6700, 5000, 7550, 7000), "E"),
    )
    return Layout(
        "familie-70-revit", "revit", "familiebolig",
        "Three-room family flat (~69 m² net): long entré/gang with doors to bad, separate WC "
        "(pocket sliding doors), bod and two bedrooms (double bed / single bed), open doorway "
        "to an L-shaped stue/kjøkken. Drawn rotated 17° about the origin and translated by "
        "(350000, 6700000) mm (UTM-like). Compliant.",
        rooms, doors, windows, fixtures, (), units=(("A", "familiebolig"),), ext_wall=300,
        rotation_deg=17.0, offset=(350000.0, 6700000.0), title="Familiebolig 70 m²")


# ----- multi-unit floor -------------------------------------------------------------

CORRIDOR = "CORRIDOR"          # placeholder for the common corridor in unit templates


@dataclass(frozen=True)
class UnitPlan:
    rooms: tuple[Room, ...]
    doors: tuple[Door, ...]
    windows: tuple[Window, ...]
    fixtures: tuple[Fixture, ...]


def place(t: UnitPlan, unit: str, dx: float, dy: float, mirror: bool,
          corridor: str) -> UnitPlan:
    """Move a unit template (corridor on its south side at y = 0) into the floor plan;
    ``mirror`` flips it to the other side of the corridor (y -> dy - y)."""
    local = {r.key: r for r in t.rooms}
    local_polys = {k: Polygon(r.poly) for k, r in local.items()}
    flip = {"N": "S", "S": "N", "E": "E", "W": "W"}

    def P(p: Pt) -> Pt:
        return (p[0] + dx, dy - p[1] if mirror else dy + p[1])

    def K(k: str) -> str:
        return corridor if k == CORRIDOR else k if k == "outside" else f"{unit}:{k}"

    def along(horizontal: bool, at: float, w: float) -> float:
        if horizontal:
            return at + dx
        return dy - at - w if mirror else dy + at

    rooms = tuple(Room(K(r.key), r.name, r.function,
                       tuple(P(p) for p in (r.poly[::-1] if mirror else r.poly)),
                       unit, r.also, P(r.label_at) if r.label_at else None) for r in t.rooms)
    doors = []
    for d in t.doors:
        w = 2 * d.leaf if d.kind == "double" else d.leaf
        b = "outside" if d.b == CORRIDOR else d.b
        span = find_span(local, local_polys, d.a, b, d.side or "S", d.at, d.at + w, 300)
        hinge = d.hinge
        if mirror and not span.horizontal:
            hinge = "high" if d.hinge == "low" else "low"
        doors.append(Door(K(d.a), K(d.b), along(span.horizontal, d.at, w), d.leaf, K(d.swing),
                          hinge, d.kind, (flip[d.side] if mirror else d.side)
                          if d.b == "outside" else None, d.entrance, d.attrs))
    windows = tuple(Window(K(w.room), flip[w.side] if mirror else w.side,
                           along(w.side in "NS", w.at, w.width), w.width) for w in t.windows)
    fixtures = []
    for f in t.fixtures:
        x0, y0, x1, y1 = f.rect
        (ax, ay), (bx, by) = P((x0, y0)), P((x1, y1))
        fixtures.append(Fixture(f.kind, K(f.room), (min(ax, bx), min(ay, by), max(ax, bx),
                                                     max(ay, by)),
                                flip[f.facing] if mirror else f.facing, f.variant))
    return UnitPlan(rooms, tuple(doors), windows, tuple(fixtures))


def bofelles_unit(tight_bath: bool) -> UnitPlan:
    """~42 m² bofellesskap unit, entrance from the corridor (south)."""
    R = rect_room
    soverom = Room("Soverom", "Soverom", "bedroom",
                   ((6300, 0), (7300, 0), (7300, 6300), (4000, 6300), (4000, 2600),
                    (6300, 2600)), label_at=(5000, 4700))
    bath_fix: tuple[Fixture, ...]
    if tight_bath:
        rooms: tuple[Room, ...] = (
            R("Bad", "Bad", "bathroom", 0, 0, 1600, 1900, label_at=(1150, 800)),
            R("Entré", "Entré", "entrance", 1700, 0, 5000, 2500),
            Room("Stue/kjøkken", "Stue/kjøkken", "living",
                 ((0, 2000), (1600, 2000), (1600, 2600), (3900, 2600), (3900, 6300),
                  (0, 6300)), also=("kitchen",), label_at=(2200, 4000)),
        )
        bath_door = Door("Entré", "Bad", 900, 825, "Entré", "high")
        stue_door = Door("Entré", "Stue/kjøkken", 2300, 825, "Stue/kjøkken", "high")
        bath_fix = (Fixture("shower", "Bad", (0, 1000, 900, 1900), "E"),
                    Fixture("wc", "Bad", (0, 200, 700, 600), "E"),
                    Fixture("basin", "Bad", (950, 1450, 1500, 1900), "S"))
    else:
        rooms = (
            R("Bad", "Bad", "bathroom", 0, 0, 2400, 2500),
            R("Entré", "Entré", "entrance", 2500, 0, 5000, 2500),
            R("Stue/kjøkken", "Stue/kjøkken", "living", 0, 2600, 3900, 6300,
              also=("kitchen",), label_at=(2200, 4000)),
        )
        bath_door = Door("Entré", "Bad", 1500, 825, "Entré", "high")
        stue_door = Door("Entré", "Stue/kjøkken", 2800, 825, "Stue/kjøkken", "high")
        bath_fix = (Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
                    Fixture("wc", "Bad", (0, 1100, 700, 1500), "E"),
                    Fixture("washer", "Bad", (0, 1900, 600, 2500), "E"),
                    Fixture("basin", "Bad", (1200, 2050, 1750, 2500), "S"))
    rooms = rooms + (R("Bod", "Bod", "storage", 5100, 0, 6200, 2500), soverom)
    doors = (
        Door("Entré", CORRIDOR, 3600, 925, "Entré", "high", side="S", entrance=True),
        bath_door, stue_door,
        Door("Entré", "Bod", 300, 825, "Bod", "low"),
        Door("Stue/kjøkken", "Soverom", 2800, 825, "Soverom", "low"),
    )
    windows = (Window("Stue/kjøkken", "N", 800, 1800), Window("Soverom", "N", 4800, 1200))
    fixtures = bath_fix + (
        Fixture("kitchen_counter", "Stue/kjøkken", (0, 3200, 600, 5600), "E"),
        Fixture("sofa", "Stue/kjøkken", (3050, 4300, 3900, 6100), "W"),
        Fixture("bed", "Soverom", (6400, 4300, 7300, 6300), "S", "single"),
        Fixture("wardrobe", "Soverom", (6300, 0, 7300, 600), "N"),
    )
    return UnitPlan(rooms, doors, windows, fixtures)


def ungdom_unit() -> UnitPlan:
    """~32 m² flat for a young person, entrance from the corridor."""
    R = rect_room
    rooms = (
        R("Bad", "Bad", "bathroom", 0, 0, 2400, 2400),
        R("Entré", "Entré", "entrance", 2500, 0, 4500, 2400),
        R("Bod", "Bod", "storage", 4600, 0, 5700, 2400),
        R("Stue/kjøkken/sov", "Stue/kjøkken/sov", "living", 0, 2500, 5700, 5900,
          also=("kitchen", "bedroom"), label_at=(2850, 5350)),
    )
    doors = (
        Door("Entré", CORRIDOR, 2600, 925, "Entré", "low", side="S", entrance=True),
        Door("Entré", "Bad", 1300, 900, "Bad", "low", kind="sliding"),
        Door("Entré", "Stue/kjøkken/sov", 3000, 825, "Stue/kjøkken/sov", "high"),
        Door("Entré", "Bod", 300, 825, "Bod", "low"),
    )
    windows = (Window("Stue/kjøkken/sov", "N", 2000, 1600),)
    fixtures = (
        Fixture("shower", "Bad", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad", (0, 1100, 700, 1500), "E"),
        Fixture("basin", "Bad", (1100, 1950, 1650, 2400), "S"),
        Fixture("kitchen_counter", "Stue/kjøkken/sov", (0, 2900, 600, 5300), "E"),
        Fixture("bed", "Stue/kjøkken/sov", (4800, 3900, 5700, 5900), "S", "single"),
        Fixture("table", "Stue/kjøkken/sov", (2200, 3600, 3500, 4900)),
    )
    return UnitPlan(rooms, doors, windows, fixtures)


def omsorg_unit() -> UnitPlan:
    """~56 m² omsorgsbolig (as omsorg-55-aia), entrance from the corridor; the notch of the
    L is filled by the building's technical room."""
    lay = omsorg_55_aia()
    rooms = tuple(r for r in lay.rooms)
    doors = tuple(Door(d.a, CORRIDOR, d.at, d.leaf, d.swing, d.hinge, d.kind, "S", True)
                  if d.b == "outside" else d for d in lay.doors)
    windows = tuple(w for w in lay.windows if w.side != "W")    # west wall is a party wall
    return UnitPlan(rooms, doors, windows, lay.fixtures)


def korridor_4units_aia() -> Layout:
    R = rect_room
    corr = "Korridor"
    common = (
        R(corr, "Korridor", "hall", 0, 0, 18350, 2100, unit=None, label_at=(3000, 1050)),
        R("Trapperom", "Trapperom", "hall", 7450, 2250, 10900, 8550, unit=None),
        R("Fellesrom", "Fellesrom", "other", 5850, -6950, 9000, -150, unit=None),
        R("Tek. rom", "Tek. rom", "technical", 16650, -2650, 18350, -150, unit=None),
    )
    parts = [
        place(bofelles_unit(False), "A", 0, 2250, False, corr),
        place(bofelles_unit(True), "B", 11050, 2250, False, corr),
        place(ungdom_unit(), "C", 0, -150, True, corr),
        place(omsorg_unit(), "D", 9150, -150, True, corr),
    ]
    rooms = common + tuple(r for p in parts for r in p.rooms)
    doors = (
        Door(corr, "outside", 125, 925, corr, "low", kind="double", side="W", entrance=True),
        Door(corr, "Trapperom", 8700, 925, "Trapperom", "high"),
        Door(corr, "Fellesrom", 6300, 925, "Fellesrom", "low"),
        Door(corr, "Tek. rom", 17300, 825, "Tek. rom", "high"),
    ) + tuple(d for p in parts for d in p.doors)
    windows = (
        Window("Trapperom", "N", 8400, 1200),
        Window("Fellesrom", "S", 6600, 1800),
        Window(corr, "E", 600, 900),
    ) + tuple(w for p in parts for w in p.windows)
    fixtures = tuple(f for p in parts for f in p.fixtures)
    defects = (Defect(
        "turning-space", "room Bad (unit B)",
        "bathroom 1.6 x 1.9 m with WC, basin and shower zone: no Ø1500 turning circle in "
        "front of the WC (largest free circle about Ø900)", unit="B"),
        Defect(
        "wc-clearance", "room Bad (unit B)",
        "the same bathroom: the turning circle in front of the WC (TEK17 §12-9 (1) a) is about "
        "Ø1340 mm < Ø1500 mm", unit="B", consequential=True),)
    return Layout(
        "korridor-4units-aia", "aia", "etasjeplan",
        "One floor with four units along a common corridor (Korridor, 2.1 m wide, with "
        "Trapperom, Fellesrom and a technical room): A and B bofellesskap units (~42 m²), "
        "C ungdomsbolig (~32 m²), D omsorgsbolig (~56 m², with balcony). Unit entrances open "
        "from the corridor; the building entrance is a double door at the west end. "
        "Defect: unit B has a 1.6 x 1.9 m bathroom.",
        rooms, doors, windows, fixtures, defects,
        units=(("A", "bofellesskap"), ("B", "bofellesskap"), ("C", "ungdomsbolig"),
               ("D", "omsorgsbolig")), ext_wall=300, title="Boliger – plan 2. etasje",
        extra={"callout": "B:Bad"})


def korttid_40_iso() -> Layout:
    """Short-stay flat in the ISO 13567 / NS 3451 layer dialect; narrowed entré."""
    R = rect_room
    rooms = (
        R("Bad/vaskerom", "Bad/vaskerom", "bathroom", 0, 0, 2400, 2500, also=("laundry",),
          label_at=(1550, 1750)),
        R("Bod", "Bod", "storage", 0, 2600, 2400, 3700),
        Room("Entré", "Entré", "entrance",
             ((2500, 0), (4900, 0), (4900, 1900), (3900, 1900), (3900, 3700), (2500, 3700)),
             label_at=(4100, 1100)),
        Room("Kjøkken", "Kjøkken", "kitchen",
             ((5000, 0), (7000, 0), (7000, 3700), (4000, 3700), (4000, 2000), (5000, 2000)),
             label_at=(6000, 2600)),
        R("Soverom", "Soverom", "bedroom", 0, 3800, 2500, 6600, label_at=(1700, 4500)),
        R("Stove", "Stove", "living", 2600, 3800, 7000, 6600, label_at=(4500, 5200)),
    )
    doors = (
        Door("Entré", "outside", 2600, 925, "Entré", "low", side="S", entrance=True),
        Door("Entré", "Bad/vaskerom", 1000, 825, "Entré", "high"),
        Door("Entré", "Bod", 2700, 900, "Entré", "low", kind="sliding"),
        Door("Entré", "Stove", 2650, 825, "Stove", "low"),
        Door("Stove", "Soverom", 4000, 825, "Soverom", "low"),
        Door("Kjøkken", "Stove", 5200, 1200, "Kjøkken", kind="opening"),
    )
    windows = (
        Window("Stove", "N", 3600, 1800),
        Window("Soverom", "N", 1100, 900),
        Window("Kjøkken", "E", 1500, 1200),
        Window("Bad/vaskerom", "W", 1500, 600),
    )
    fixtures = (
        Fixture("shower", "Bad/vaskerom", (0, 0, 1000, 1000), "N"),
        Fixture("wc", "Bad/vaskerom", (0, 1100, 700, 1500), "E"),
        Fixture("washer", "Bad/vaskerom", (0, 1900, 600, 2500), "E"),
        Fixture("basin", "Bad/vaskerom", (1100, 2050, 1650, 2500), "S"),
        Fixture("wardrobe", "Entré", (3300, 1900, 3900, 3100), "W"),
        Fixture("kitchen_counter", "Kjøkken", (5000, 0, 7000, 600), "N"),
        Fixture("sofa", "Stove", (6150, 4700, 7000, 6500), "W"),
        Fixture("bed", "Soverom", (0, 4600, 900, 6600), "S", "single"),
    )
    defects = (
        Defect("passage-width", "room Entré",
               "a 600 mm deep wardrobe narrows the 1.4 m wide leg of the L-shaped entré to an "
               "800 mm passage (< 900 mm, TEK17 §12-8 (1) a) on the way to the stove"),
        Defect("wheelchair-reachability", "rooms Stove, Soverom, Kjøkken",
               "only if reachability is judged with a 900 mm passage: these rooms lie beyond "
               "the 800 mm passage", consequential=True),
    )
    return Layout(
        "korttid-40-iso", "iso", "korttidsbolig",
        "Short-stay flat (~44 m² net), ISO 13567 / NS 3451 layers, $INSUNITS=0 with geometry "
        "in mm, bokmål/nynorsk labels (Stove, Kjøkken, Bad/vaskerom). L-shaped entré, L-shaped "
        "kitchen open to the stove, a frozen layer with an overlapping alternative wall layout "
        "and an OFF dimension layer. Defect: the entré passage is narrowed to 0.8 m by a "
        "wardrobe.",
        rooms, doors, windows, fixtures, defects, units=(("A", "korttidsbolig"),),
        ext_wall=250, title="Korttidsbustad 40 m²")


def omsorg_tightbath_nordic() -> Layout:
    """Care flat ~50 m² (BRA ≤ 50 m²) with a 1.9 x 2.1 m bathroom."""
    R = rect_room
    rooms = (
        R("Soverom", "Soverom", "bedroom", 0, 0, 4200, 3600, label_at=(3400, 1500)),
        R("Bad", "Bad", "bathroom", 4300, 0, 6200, 2100),
        R("Bod", "Bod", "storage", 4300, 2200, 6200, 3600),
        R("Entré", "Entré", "entrance", 6300, 0, 8100, 3600),
        R("Stue/kjøkken", "Stue/kjøkken", "living", 0, 3700, 8100, 6100, also=("kitchen",),
          label_at=(1500, 5000)),
    )
    doors = (
        Door("Entré", "outside", 7000, 925, "Entré", "high", side="S", entrance=True),
        Door("Entré", "Bad", 200, 825, "Entré", "low"),
        Door("Entré", "Stue/kjøkken", 6500, 825, "Stue/kjøkken", "low"),
        Door("Stue/kjøkken", "Soverom", 3000, 825, "Soverom", "high"),
        Door("Stue/kjøkken", "Bod", 4500, 825, "Bod", "low"),
    )
    windows = (
        Window("Stue/kjøkken", "N", 600, 1800),
        Window("Stue/kjøkken", "N", 6200, 1200),
        Window("Soverom", "S", 3000, 1000),
        Window("Soverom", "W", 1000, 1200),
    )
    fixtures = (
        Fixture("wc", "Bad", (4500, 0, 4900, 700), "N"),
        Fixture("basin", "Bad", (5500, 0, 6050, 450), "N"),
        Fixture("shower", "Bad", (4300, 1200, 5200, 2100), "E"),
        Fixture("washer", "Bad", (5600, 1500, 6200, 2100), "W"),
        Fixture("bed", "Soverom", (1600, 0, 2600, 2200), "N", "care"),
        Fixture("kitchen_counter", "Stue/kjøkken", (2700, 5500, 5700, 6100), "S"),
        Fixture("sofa", "Stue/kjøkken", (600, 3700, 2400, 4550), "N"),
    )
    defects = (
        Defect("turning-space", "room Bad",
               "bathroom 1.9 x 2.1 m: no Ø1500 circle in front of the WC (Husbanken asks "
               "2.4 x 2.4 m)"),
        Defect("wc-clearance", "room Bad",
               "WC has 200 mm free on one side and only 600 mm on the other (basin); TEK17 "
               "§12-9 (1) a needs 900 mm on one side"),
    )
    return Layout(
        "omsorg-tightbath-nordic", "nordic", "omsorgsbolig",
        "Care flat (~48 m² net, BRA 49.4 m²) in metres: soverom with a care bed, long "
        "stue/kjøkken along the façade with the kitchen along the north wall, entré, bod "
        "off the living room. Defect: bathroom 1.9 x 2.1 m (turning circle fails, WC side "
        "space 0.9 m missing).",
        rooms, doors, windows, fixtures, defects, units=(("A", "omsorgsbolig"),),
        ext_wall=300, title="Omsorgsbolig 50 m² – trangt bad")


SAMPLES: list[Layout] = [
    omsorg_55_aia(),
    omsorg_55_revit(),
    bofelles_40_nordic(),
    korttid_40_aia(),
    ungdom_30_nordic(),
    familie_70_revit(),
    korridor_4units_aia(),
    korttid_40_iso(),
    omsorg_tightbath_nordic(),
]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--dialect", choices=sorted(DIALECTS), help="write every layout in this "
                    "dialect instead of its own (for tests; not the shipped samples)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("names", nargs="*", help="only these samples")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for lay in SAMPLES:
        if args.names and lay.name not in args.names:
            continue
        p = write_sample(lay, args.out, args.dialect)
        if not args.quiet:
            print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
