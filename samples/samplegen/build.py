"""From a :class:`~samplegen.model.Layout` to its geometry (:func:`build`): wall bodies with the
door and window openings cut out, door hinge / latch / swing, window centres on the wall centre
line and fixture footprints, all in local mm."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from shapely.geometry import Point, Polygon, box
from shapely.ops import unary_union

from .geometry import Seg, closing, norm_deg, quarter_disc, snap, vangle
from .model import CLOSE_R, FACING_ROT, MAX_WALL_GAP, SIDES, Door, Fixture, Layout, Pt, Room, Window


@dataclass(frozen=True)
class WallSpan:
    """The stretch of wall between two faces, at ``along`` in [lo, hi]."""
    horizontal: bool              # wall runs along x (faces are y = const)
    face_a: float
    face_b: float

    def pt(self, along: float, across: float) -> Pt:
        return (along, across) if self.horizontal else (across, along)


@dataclass(frozen=True)
class DoorGeo:
    """A door placed in its wall: hinge, latch, swing direction, the cut in the wall."""
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


@dataclass(frozen=True)
class WindowGeo:
    """A window placed in its exterior wall."""
    id: str
    window: Window
    center: Pt                    # on the wall centre line
    along: Pt                     # unit vector along the wall
    thickness: float
    cut: Polygon
    jambs: list[Seg]


@dataclass(frozen=True)
class FixtureGeo:
    """A fixture's footprint centre, size and block rotation."""
    id: str
    fixture: Fixture
    center: Pt
    size: tuple[int, int]         # width along the front, depth front-to-back
    rotation: float               # local rotation of a block whose front faces -Y

    def polygon(self) -> Polygon:
        x0, y0, x1, y1 = self.fixture.rect
        return box(x0, y0, x1, y1)


@dataclass(frozen=True)
class Built:
    """A layout with its derived geometry (local mm), ready for the dialect writers."""
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
