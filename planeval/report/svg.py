"""The plan drawn as SVG: original linework, rooms coloured by function, doors with swings,
windows, fixtures, labels, a scale bar — and, for reports, overlays of findings.

Coordinates stay in millimetres (the viewBox), the y axis is flipped so that north is up as
drawn. Every text that comes from the DXF is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

import numpy as np
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import polygons_of
from planeval.model.recognition import KIND_NAMES
from planeval.model.types import LINE_EXPLAINED, LINE_OTHER_VIEW, LINE_UNEXPLAINED, Plan
from planeval.report.i18n import fixture_name, function_name, t
from planeval.report.labels import Box
from planeval.report.messages import vocab
from planeval.report.svg_labels import STATUS_INK, label_requests, label_svg, place

FUNCTION_COLOURS = {
    "living": "#f6d8ae",
    "kitchen": "#f9e79f",
    "bedroom": "#aed6f1",
    "bathroom": "#a3e4d7",
    "wc": "#a9dfbf",
    "entrance": "#d7bde2",
    "hall": "#e5e7e9",
    "storage": "#f5cba7",
    "laundry": "#d5f5e3",
    "balcony": "#d6eaf8",
    "technical": "#ccd1d1",
    "other": "#fadbd8",
}
MAX_BACKGROUND_SEGMENTS = 30000

STYLE = """
.pe-bg{stroke:#b9b9b9;fill:none;stroke-width:0.6px;vector-effect:non-scaling-stroke}
.pe-bg-other{stroke:#d9d9d9;fill:none;stroke-width:0.5px;vector-effect:non-scaling-stroke}
.pe-unexplained{stroke:#d81b9c;fill:none;stroke-width:1.6px;vector-effect:non-scaling-stroke}
.pe-unused-door{stroke:#e67e22;fill:#e67e22;fill-opacity:0.08;stroke-width:1.4px;stroke-dasharray:5 3;
vector-effect:non-scaling-stroke}
.pe-unassigned{stroke:#d81b9c;fill:none;stroke-width:1.4px;vector-effect:non-scaling-stroke}
.pe-view-other{stroke:#999;fill:none;stroke-width:1px;stroke-dasharray:8 4;vector-effect:non-scaling-stroke}
.pe-wall{stroke:#333;fill:none;stroke-width:1.2px;vector-effect:non-scaling-stroke}
.pe-wallbody{fill:#555;stroke:none}
.pe-room{stroke:#777;stroke-width:0.8px;vector-effect:non-scaling-stroke;fill-opacity:0.75}
.pe-door{stroke:#4a4f57;fill:none;stroke-width:1.4px;vector-effect:non-scaling-stroke}
.pe-swing{stroke:#6b7580;fill:#6b7580;fill-opacity:0.05;stroke-width:0.7px;stroke-dasharray:4 3;vector-effect:non-scaling-stroke}
.pe-d-fail .pe-door{stroke:#c0392b;stroke-width:2px}.pe-d-fail .pe-swing{stroke:#c0392b;fill:#c0392b;fill-opacity:0.08}
.pe-d-pass .pe-door{stroke:#1e8449}.pe-d-pass .pe-swing{stroke:#1e8449;fill:#1e8449}
.pe-d-needs_review .pe-door{stroke:#b9770e}
.pe-window{stroke:#2e86c1;fill:#d6eaf8;stroke-width:1px;vector-effect:non-scaling-stroke}
.pe-fixture{stroke:#3d6b52;fill:#eef5f0;fill-opacity:0.7;stroke-width:0.8px;vector-effect:non-scaling-stroke}
.pe-furniture{stroke:#7d6608;fill:#fff;fill-opacity:0.01;stroke-width:0.6px;stroke-dasharray:3 2;vector-effect:non-scaling-stroke}
.pe-fixture:hover,.pe-furniture:hover,.pe-window:hover{stroke:#1f5fa8;stroke-width:2.5px;fill-opacity:0.5}
.pe-label{font-family:sans-serif;fill:#222;text-anchor:middle}
.pe-small{font-family:sans-serif;fill:#555;text-anchor:middle}
.pe-doorw{font-family:sans-serif;fill:#4a4f57;text-anchor:middle}
.pe-lab text{font-family:sans-serif;text-anchor:middle;dominant-baseline:central}
.pe-halo{paint-order:stroke;stroke:#fff;stroke-linejoin:round}
.pe-labtext{font-weight:bold}.pe-labsub{fill:#555}
.pe-labbox{fill:#fff;fill-opacity:0.9;stroke-width:1px;vector-effect:non-scaling-stroke}
.pe-leader{fill:none;stroke-width:1.2px;vector-effect:non-scaling-stroke}
.pe-room-lab .pe-labtext{font-weight:normal;fill:#222}.pe-room-lab .pe-labbox{fill-opacity:0;stroke:none}
.pe-door-lab .pe-labtext{font-weight:normal}.pe-door-lab .pe-labbox{fill-opacity:0.6;stroke:none}
.pe-pass{stroke:#1e8449;fill:#27ae60;fill-opacity:0.18;stroke-width:1.6px;vector-effect:non-scaling-stroke}
.pe-fail{stroke:#c0392b;fill:#e74c3c;fill-opacity:0.22;stroke-width:1.8px;vector-effect:non-scaling-stroke}
.pe-review{stroke:#b9770e;fill:#f5b041;fill-opacity:0.18;stroke-width:1.4px;vector-effect:non-scaling-stroke}
.pe-required{stroke:#555;fill:none;stroke-width:1px;stroke-dasharray:6 4;vector-effect:non-scaling-stroke}
.pe-zone{stroke:#8e44ad;fill:#8e44ad;fill-opacity:0.10;stroke-width:1px;vector-effect:non-scaling-stroke}
.pe-ftext{font-family:sans-serif;font-weight:bold;text-anchor:middle}
.pe-hl{stroke:#f1c40f !important;stroke-width:4px !important;fill-opacity:0.45 !important}
.pe-scale{stroke:#000;stroke-width:1.5px;vector-effect:non-scaling-stroke;fill:none}
"""


@dataclass
class Overlay:
    """One drawn finding: a geometry in mm with a CSS class, on a toggleable layer."""

    layer: str  # e.g. "turning", "doors", "passages", "wc", "bed", "zones"
    geometry: BaseGeometry
    css: str  # pe-pass | pe-fail | pe-review | pe-required | pe-zone
    finding: str = ""  # id of the finding row this belongs to (for click highlighting)
    text: str = ""
    text_at: tuple[float, float] | None = None
    title: str = ""


@dataclass
class Frame:
    minx: float
    miny: float
    maxx: float
    maxy: float
    pad: float = field(default=0.0)

    def x(self, x: float) -> float:
        return x - self.minx + self.pad

    def y(self, y: float) -> float:
        return self.maxy - y + self.pad

    @property
    def width(self) -> float:
        return self.maxx - self.minx + 2 * self.pad

    @property
    def height(self) -> float:
        return self.maxy - self.miny + 2 * self.pad


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def path_of(geom: BaseGeometry, f: Frame) -> str:
    """SVG path data for any shapely geometry (polygons with holes, lines, points as tiny squares)."""
    parts: list[str] = []
    if isinstance(geom, (Polygon, MultiPolygon)):
        for p in polygons_of(geom):
            for ring in [p.exterior, *p.interiors]:
                coords = list(ring.coords)
                parts.append("M" + " L".join(f"{_fmt(f.x(x))} {_fmt(f.y(y))}" for x, y in coords[:-1]) + " Z")
    elif isinstance(geom, LineString):
        parts.append("M" + " L".join(f"{_fmt(f.x(x))} {_fmt(f.y(y))}" for x, y in geom.coords))
    elif isinstance(geom, Point):
        s = 30.0
        parts.append(f"M{_fmt(f.x(geom.x) - s)} {_fmt(f.y(geom.y) - s)} h{_fmt(2 * s)} v{_fmt(2 * s)} h{_fmt(-2 * s)} Z")
    else:
        for g in getattr(geom, "geoms", []):
            parts.append(path_of(g, f))
    return " ".join(p for p in parts if p)


def _arc_path(f: Frame, cx: float, cy: float, r: float, a0: float, a1: float) -> str:
    """Counter-clockwise arc from angle a0 to a1 (degrees), in flipped SVG coordinates."""
    sweep = (a1 - a0) % 360.0 or 360.0
    x0, y0 = cx + r * math.cos(math.radians(a0)), cy + r * math.sin(math.radians(a0))
    x1, y1 = cx + r * math.cos(math.radians(a1)), cy + r * math.sin(math.radians(a1))
    large = 1 if sweep > 180 else 0
    # ccw in drawing coordinates is clockwise once y is flipped: sweep-flag 0
    return f"M{_fmt(f.x(x0))} {_fmt(f.y(y0))} A{_fmt(r)} {_fmt(r)} 0 {large} 0 {_fmt(f.x(x1))} {_fmt(f.y(y1))}"


def _full_circle(start_deg: float, end_deg: float) -> bool:
    """A background arc that goes all the way round (a CIRCLE is drawn 0..360)."""
    return (end_deg - start_deg) % 360.0 == 0.0 and end_deg != start_deg


#: another view of the sheet whose longer side is below this share of the rest of the drawing is left out of the frame
SPECK_SHARE = 0.02


def plan_frame(plan: Plan) -> Frame:
    """The whole drawing: the rooms, the doors and every view of the modelspace (other drawings of
    the sheet too, so that what was kept out is seen), padded. A view outside the plan that would be
    a speck in the picture (a stray 25 mm line 50 m away) is left out: it would shrink the plan
    to a corner and still not be seen."""
    boxes = [r.polygon.bounds for r in plan.rooms] + [v.bbox for v in plan.views if v.is_plan]
    others = [v.bbox for v in plan.views if not v.is_plan]
    if boxes:
        size = max(max(b[2] for b in boxes) - min(b[0] for b in boxes), max(b[3] for b in boxes) - min(b[1] for b in boxes))
        boxes += [b for b in others if max(b[2] - b[0], b[3] - b[1]) >= SPECK_SHARE * size]
    else:
        boxes = others
    if not boxes and len(plan.background.segments):
        seg = plan.background.segments
        lo = np.percentile(np.concatenate([seg[:, :2], seg[:, 2:]]), 0.5, axis=0)
        hi = np.percentile(np.concatenate([seg[:, :2], seg[:, 2:]]), 99.5, axis=0)
        boxes = [(float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))]
    if boxes:
        minx, miny = min(b[0] for b in boxes), min(b[1] for b in boxes)
        maxx, maxy = max(b[2] for b in boxes), max(b[3] for b in boxes)
    else:
        minx, miny, maxx, maxy = 0.0, 0.0, 10000.0, 10000.0
    for d in plan.doors:
        for x, y in (d.hinge, d.latch, *d.open_ends):
            minx, miny, maxx, maxy = min(minx, x), min(miny, y), max(maxx, x), max(maxy, y)
    size = max(maxx - minx, maxy - miny, 1000.0)
    return Frame(minx, miny, maxx, maxy, pad=0.06 * size + 600.0)


def _background_lines(plan: Plan, f: Frame, inside: Callable[[float, float], bool]) -> list[str]:
    """The drawing's own lines: those the model explained (grey), those in another drawing of the sheet
    (lighter), and those in a floor-plan view that bound no room and draw nothing recognised (highlighted)."""
    bg = plan.background
    segs = bg.segments
    state = bg.segment_state if len(bg.segment_state) == len(segs) else np.zeros(len(segs), dtype=np.int8)
    keep = [i for i, (x1, y1, x2, y2) in enumerate(segs.tolist()) if inside(x1, y1) or inside(x2, y2)]
    if len(keep) > MAX_BACKGROUND_SEGMENTS:
        return []
    out = []
    for css, value, title in (("pe-bg", LINE_EXPLAINED, ""), ("pe-bg-other", LINE_OTHER_VIEW, ""),
                              ("pe-unexplained", LINE_UNEXPLAINED, "linework that bounds no room and draws nothing recognised")):
        path = " ".join(f"M{_fmt(f.x(x1))} {_fmt(f.y(y1))} L{_fmt(f.x(x2))} {_fmt(f.y(y2))}"
                        for x1, y1, x2, y2 in (segs[i] for i in keep if state[i] == value))
        if path:
            tip = f"<title>{escape(title)}</title>" if title else ""
            out.append(f'<path class="{css}" d="{path}">{tip}</path>')
    return out


def _unrecognised(plan: Plan, f: Frame, font: float) -> str:
    """What the model did not understand, on a layer of its own: door symbols that became no door,
    room texts in no room, and the other drawings of the sheet kept out of the rooms (with what they are)."""
    rec = plan.recognition
    parts = ['<g class="pe-layer" data-layer="unrecognised">']
    for x, y, r in rec.unused_door_symbols:
        parts.append(f'<circle class="pe-unused-door" cx="{_fmt(f.x(x))}" cy="{_fmt(f.y(y))}" r="{_fmt(r)}">'
                     f"<title>door symbol not used as a door</title></circle>")
    for x, y, text in rec.unassigned_texts:
        s = 0.6 * font
        parts.append(f'<rect class="pe-unassigned" x="{_fmt(f.x(x) - s)}" y="{_fmt(f.y(y) - s)}" width="{_fmt(2 * s)}" '
                     f'height="{_fmt(2 * s)}"><title>{escape(f"text in no room: {text}")}</title></rect>')
    for v in plan.views:
        if v.is_plan:
            continue
        x0, y0, x1, y1 = v.bbox
        name = KIND_NAMES.get(v.kind, "") if v.kind != "floor_plan" else "not used"
        parts.append(f'<rect class="pe-view-other" x="{_fmt(f.x(x0))}" y="{_fmt(f.y(y1))}" width="{_fmt(x1 - x0)}" '
                     f'height="{_fmt(y1 - y0)}"><title>{escape(f"kept out of the rooms: {v.reason}")}</title></rect>')
        if v.kind != "floor_plan":
            parts.append(f'<text class="pe-small pe-view-kind" x="{_fmt(f.x(x0))}" y="{_fmt(f.y(y1) - 0.3 * font)}" '
                         f'font-size="{_fmt(0.7 * font)}" style="text-anchor:start">{escape(name)}</text>')
    parts.append("</g>")
    return "".join(parts)


def plan_font(f: Frame) -> float:
    """The room-name font size (mm) of a drawing of frame ``f``; the other texts are fractions of it."""
    return max(120.0, min(400.0, max(f.width, f.height) / 60.0))


def plan_svg(plan: Plan, overlays: Iterable[Overlay] = (), *, element_id: str = "plan", background: bool = True,
             door_status: dict[str, str] | None = None, lang: str = "en") -> str:
    """The whole plan as an ``<svg>`` element (inline-able in HTML, or a file of its own).

    ``door_status`` colours each door by its own verdict (:func:`planeval.report.overlays.door_verdicts`);
    every text — room names, door ids, the overlays' values — is placed so that none overlaps another
    (:mod:`planeval.report.svg_labels`), with a leader line where a label had to move.
    """
    f = plan_frame(plan)
    font = plan_font(f)
    door_status = door_status or {}
    out: list[str] = [
        "",  # the <svg> tag, once the labels' extent is known
        f"<style>{STYLE}</style>",
    ]
    box = (f.minx - f.pad, f.miny - f.pad, f.maxx + f.pad, f.maxy + f.pad)
    overlays = list(overlays)
    reqs, _ = label_requests(plan, overlays, font)
    placed = place(reqs, box, _furniture_obstacles(f, font))

    def inside(x: float, y: float) -> bool:
        return box[0] <= x <= box[2] and box[1] <= y <= box[3]

    if background:
        out.append('<g class="pe-layer" data-layer="drawing">')
        bg = plan.background
        arcs = [a for a in bg.arcs if inside(a[0], a[1])]
        path = " ".join(_arc_path(f, cx, cy, r, a0, a0 + 359.9 if _full_circle(a0, a1) else a1)
                        for cx, cy, r, a0, a1 in arcs[:5000])
        if path:
            out.append(f'<path class="pe-bg" d="{path}"/>')
        out.extend(_background_lines(plan, f, inside))
        out.append("</g>")
        out.append(_unrecognised(plan, f, font))

    out.append('<g class="pe-layer" data-layer="rooms">')
    for r in plan.rooms:
        colour = FUNCTION_COLOURS.get(r.function, FUNCTION_COLOURS["other"])
        title = t(lang, "html.room_title", id=r.id, label=r.label, function=function_name(lang, r.function),
                  area=f"{r.area_m2:.2f}".replace(".", "," if lang == "nb" else "."))
        out.append(
            f'<path class="pe-room" data-room="{escape(r.id)}" fill="{colour}" fill-rule="evenodd" d="{path_of(r.polygon, f)}">'
            f"<title>{escape(title)}</title></path>"
        )
    out.append("</g>")

    out.append('<g class="pe-layer" data-layer="walls">')
    if not plan.walls.is_empty:
        out.append(f'<path class="pe-wallbody" fill-rule="evenodd" d="{path_of(plan.walls, f)}"/>')
    ws = plan.wall_segments
    if len(ws) and len(ws) <= MAX_BACKGROUND_SEGMENTS:
        path = " ".join(f"M{_fmt(f.x(a))} {_fmt(f.y(b))} L{_fmt(f.x(c))} {_fmt(f.y(e))}" for a, b, c, e in ws)
        out.append(f'<path class="pe-wall" d="{path}"/>')
    out.append("</g>")

    out.append('<g class="pe-layer" data-layer="fixtures">')
    for fx in plan.fixtures:
        css = "pe-furniture" if fx.movable else "pe-fixture"
        title = escape(f"{fx.id} · {fixture_name(lang, fx.kind)}" + (f" — {fx.name}" if fx.name else ""))
        out.append(f'<path class="{css}" data-fixture="{escape(fx.id)}" data-kind="{escape(fx.kind)}" '
                   f'd="{path_of(fx.polygon, f)}"><title>{title}</title></path>')
    for w in plan.windows:
        title = escape(t(lang, "html.window_title", id=w.id, width=f"{w.width_mm:.0f}"))
        out.append(f'<path class="pe-window" d="{path_of(w.polygon, f)}"><title>{title}</title></path>')
    out.append("</g>")

    out.append('<g class="pe-layer" data-layer="doors">')
    door_labels: list[str] = []
    for d in plan.doors:
        title = t(lang, "html.door_title", id=d.id, kind=vocab(lang, str(d.kind)), leaf=f"{d.leaf_width_mm:.0f}",
                  clear=f"{d.clear_width_mm:.0f}", source=vocab(lang, d.width_source))
        st = door_status.get(d.id, "")
        cls = f' class="pe-d-{escape(st)}"' if st else ""
        out.append(f'<g data-door="{escape(d.id)}"{cls}><title>{escape(title)}</title>')
        out.append(f'<path class="pe-door" d="{path_of(LineString([d.hinge, d.latch]), f)}"/>')
        for (hinge, latch), open_end in zip(d.leaves, d.open_ends, strict=False):
            radius = math.dist(hinge, latch)
            a_latch = math.degrees(math.atan2(latch[1] - hinge[1], latch[0] - hinge[0]))
            a_open = math.degrees(math.atan2(open_end[1] - hinge[1], open_end[0] - hinge[0]))
            ccw = (a_open - a_latch) % 360.0 <= 180.0
            a0, a1 = (a_latch, a_open) if ccw else (a_open, a_latch)
            arc = _arc_path(f, hinge[0], hinge[1], radius, a0, a1)
            out.append(f'<path class="pe-swing" d="{arc} L{_fmt(f.x(hinge[0]))} {_fmt(f.y(hinge[1]))} Z"/>')
            out.append(f'<path class="pe-door" d="{path_of(LineString([hinge, open_end]), f)}"/>')
        p = placed.get(f"door:{d.id}")
        if p is not None:  # drawn above the findings, in a second group of the doors layer
            ink = {"fail": STATUS_INK["pe-fail"], "pass": STATUS_INK["pe-pass"]}.get(st, "#4a4f57")
            door_labels.append(label_svg(p, f.x, f.y, css="pe-door-lab", ink=ink, attrs=f' data-door="{escape(d.id)}"'))
        out.append("</g>")
    out.append("</g>")

    layers: dict[str, list[tuple[int, Overlay]]] = {}
    for k, o in enumerate(overlays):
        layers.setdefault(o.layer, []).append((k, o))
    labels: list[str] = []
    for name, items in layers.items():
        group = f'<g class="pe-layer pe-overlay" data-layer="{escape(name)}">'
        out.append(group)
        texts = []
        for k, o in items:
            fid = f' data-finding="{escape(o.finding)}"' if o.finding else ""
            st = getattr(o, "status", "")
            fid += f' data-status="{escape(st)}"' if st else ""
            p = placed.get(f"ov:{k}")
            if p is not None:
                base = o.css.split()[0]
                texts.append(label_svg(p, f.x, f.y, css=f"pe-lab-{base.removeprefix('pe-')}", ink=STATUS_INK.get(base, "#333"),
                                       attrs=fid))
            if o.geometry is None or o.geometry.is_empty:
                continue
            title = f"<title>{escape(o.title)}</title>" if o.title else ""
            out.append(f'<path class="{o.css}"{fid} fill-rule="evenodd" d="{path_of(o.geometry, f)}">{title}</path>')
        out.append("</g>")
        if texts:  # the values above every shape of every layer, toggled with their layer
            labels.append(group.replace('pe-overlay"', 'pe-overlay pe-labels"') + "".join(texts) + "</g>")
    out.extend(labels)
    out.append('<g class="pe-layer" data-layer="doors">' + "".join(door_labels) + "</g>")

    out.append('<g class="pe-layer" data-layer="labels">')
    for r in plan.rooms:
        p = placed.get(f"room:{r.id}")
        if p is not None:
            out.append(label_svg(p, f.x, f.y, css="pe-room-lab", ink="#222", attrs=f' data-room="{escape(r.id)}"'))
    out.append("</g>")
    out.append(_scale_bar(f, font, lang))
    out.append("</svg>")
    vx0, vy0, vx1, vy1 = 0.0, 0.0, f.width, f.height
    for p in placed.values():  # a label set beside the drawing widens the view
        bx0, by0, bx1, by1 = p.box
        vx0, vx1 = min(vx0, f.x(bx0) - 0.5 * font), max(vx1, f.x(bx1) + 0.5 * font)
        vy0, vy1 = min(vy0, f.y(by1) - 0.5 * font), max(vy1, f.y(by0) + 0.5 * font)
    out[0] = (f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(element_id)}" '
              f'viewBox="{_fmt(vx0)} {_fmt(vy0)} {_fmt(vx1 - vx0)} {_fmt(vy1 - vy0)}" '
              f'preserveAspectRatio="xMidYMid meet" style="background:#fff">')
    return "\n".join(out)


def _furniture_obstacles(f: Frame, font: float) -> list[Box]:
    """The scale bar's and the north arrow's boxes (plan mm), kept free of labels."""
    span = f.maxx - f.minx
    step = 1000.0 if span < 12000 else (2000.0 if span < 30000 else 5000.0)
    x0, y0 = f.minx - f.pad + f.pad * 0.5, f.miny - f.pad + f.pad * 0.45
    nx, ny = f.maxx + f.pad - f.pad * 0.5, f.maxy + f.pad - f.pad * 0.6
    return [(x0 - font, y0 - 0.4 * font, x0 + 5 * step + font, y0 + 1.2 * font),
            (nx - 3.5 * font, ny - 3.0 * font, nx + 3.5 * font, ny + 0.3 * font)]


def _scale_bar(f: Frame, font: float, lang: str = "en") -> str:
    span = f.maxx - f.minx
    step = 1000.0 if span < 12000 else (2000.0 if span < 30000 else 5000.0)
    x0, y0 = f.pad * 0.5, f.height - f.pad * 0.45
    parts = ['<g class="pe-layer" data-layer="scale">']
    for i in range(5):
        fill = "#000" if i % 2 == 0 else "#fff"
        parts.append(
            f'<rect x="{_fmt(x0 + i * step)}" y="{_fmt(y0)}" width="{_fmt(step)}" height="{_fmt(0.35 * font)}" '
            f'fill="{fill}" class="pe-scale"/>'
        )
    halo = f'stroke-width="{_fmt(0.25 * font)}"'
    small = f'font-size="{_fmt(0.7 * font)}"'
    parts.append(f'<text class="pe-small pe-halo" {halo} x="{_fmt(x0)}" y="{_fmt(y0 - 0.3 * font)}" {small}>0</text>')
    parts.append(
        f'<text class="pe-small pe-halo" {halo} x="{_fmt(x0 + 5 * step)}" y="{_fmt(y0 - 0.3 * font)}" '
        f'font-size="{_fmt(0.7 * font)}">'
        f"{5 * step / 1000:g} m</text>"
    )
    nx, ny = f.width - f.pad * 0.5, f.pad * 0.6
    parts.append(
        f'<path d="M{_fmt(nx)} {_fmt(ny + 1.6 * font)} L{_fmt(nx)} {_fmt(ny)} M{_fmt(nx - 0.4 * font)} {_fmt(ny + 0.5 * font)} '
        f'L{_fmt(nx)} {_fmt(ny)} L{_fmt(nx + 0.4 * font)} {_fmt(ny + 0.5 * font)}" class="pe-scale"/>'
        f'<text class="pe-small pe-halo" {halo} x="{_fmt(nx + 0.5 * font)}" y="{_fmt(ny + 2.6 * font)}" {small} '
        'text-anchor="end" style="text-anchor:end">'
        f'{escape(t(lang, "html.north"))}</text>'
    )
    parts.append("</g>")
    return "".join(parts)


def svg_document(svg: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
