"""What the export dialects share: the :class:`Dialect` record, new / deterministic saving of a
DXF document, labels, fixture blocks, wall runs, windows and loose door swings."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ezdxf
from ezdxf.sections.classes import REQ_R2004, REQUIRED_CLASSES
from shapely.geometry import Polygon
from shapely.ops import unary_union

from .build import Built, DoorGeo, FixtureGeo, WindowGeo
from .geometry import Frame, Seg, rot, vangle
from .model import Pt, Room
from .pen import Pen, block_pen, draw_symbol

# Fixed $TDCREATE/$TDUPDATE (2000-01-01), fixed GUIDs and a fixed ezdxf marker string:
# the only time- and random-dependent values ezdxf writes.
ezdxf.options.write_fixed_meta_data_for_testing = True


@dataclass(frozen=True)
class Dialect:
    """An export dialect: DXF version, units, its writer and how it labels rooms and places symbols."""
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
            for p, q in itertools.pairwise(run):
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


def label_as_written(r: Room, p: Polygon) -> str:
    """Room label exactly as the room is named."""
    return r.name


def label_upper(r: Room, p: Polygon) -> str:
    """Room label in capitals."""
    return r.name.upper()
