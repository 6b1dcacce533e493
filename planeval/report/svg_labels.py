"""The plan's texts — room names, door ids and the findings' values — placed so that none overlaps
another (:mod:`planeval.report.labels`), and drawn as SVG: a white box with the text forced to the
box's width, and a leader line to the anchor when the label had to move away from it.

The SVG writer (:func:`planeval.report.svg.plan_svg`) and the PDF (:mod:`planeval.report.pdf`) build
the same requests with :func:`label_requests`, so both drawings place their labels alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import Any

from planeval.report.labels import LINE_EM, Box, LabelRequest, Placed, leader_end, place_labels

__all__ = ["ROOM_PRIORITY", "DOOR_PRIORITY", "STATUS_INK", "room_anchor", "door_anchor", "label_requests", "place", "label_svg"]

#: room names are placed first (they stay where they are unless two collide), door ids after the findings
ROOM_PRIORITY = 0
DOOR_PRIORITY = 6
#: text colour per overlay class
STATUS_INK = {"pe-pass": "#1e7b47", "pe-fail": "#b83227", "pe-review": "#9a6200"}


def room_anchor(room: Any) -> tuple[float, float]:
    """Where a room's name goes: its centroid when inside the room, else a point surely inside."""
    poly = room.polygon
    p = poly.centroid if poly.contains(poly.centroid) else poly.representative_point()
    return (p.x, p.y)


def label_requests(plan: Any, overlays: Iterable[Any], font: float, *, rooms: bool = True, doors: bool = True,
                   keep: Callable[[Any], bool] | None = None) -> tuple[list[LabelRequest], dict[str, Any]]:
    """The label requests of a plan drawing and, per request key, what it labels (a room, a door or an overlay).

    Room names (``font``, with "R1 · 15.2 m²" below), the overlays' texts (``0.7 × font``, in their
    ``priority`` order) and door ids (``0.6 × font``). ``keep`` filters the overlays (the PDF keeps a unit's).
    """
    reqs: list[LabelRequest] = []
    what: dict[str, Any] = {}
    if rooms:
        for r in plan.rooms:
            key = f"room:{r.id}"
            name = (r.label or r.id)[:30]
            reqs.append(LabelRequest(key, name, room_anchor(r), font, ROOM_PRIORITY, sub=f"{r.id} · {r.area_m2:.1f} m²",
                                     sub_size=0.75 * font))
            what[key] = r
    for k, o in enumerate(overlays):
        if not o.text or o.text_at is None or (keep is not None and not keep(o)):
            continue
        key = f"ov:{k}"
        reqs.append(LabelRequest(key, o.text, o.text_at, 0.7 * font, getattr(o, "priority", 5)))
        what[key] = o
    if doors:
        for d in plan.doors:
            key = f"door:{d.id}"
            reqs.append(LabelRequest(key, d.id, door_anchor(d, 0.8 * font), 0.6 * font, DOOR_PRIORITY))
            what[key] = d
    return reqs, what


def door_anchor(d: Any, offset: float) -> tuple[float, float]:
    """Where a door's id goes: ``offset`` mm off the middle of its opening, on the side its leaf does not swing to
    (so the id never sits on the door's own bar or in its swing)."""
    (hx, hy), (lx, ly) = d.hinge, d.latch
    length = math.hypot(lx - hx, ly - hy) or 1.0
    nx, ny = -(ly - hy) / length, (lx - hx) / length
    mx, my = d.midpoint
    side = 1.0
    if d.open_ends:
        ox, oy = d.open_ends[0]
        if (ox - mx) * nx + (oy - my) * ny > 0:
            side = -1.0
    return (mx + side * offset * nx, my + side * offset * ny)


def place(reqs: Sequence[LabelRequest], bounds: Box, obstacles: Iterable[Box] = ()) -> dict[str, Placed]:
    """Place ``reqs`` inside ``bounds`` (while possible), clear of ``obstacles``; by request key."""
    return {p.key: p for p in place_labels(reqs, obstacles, bounds=bounds)}


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def label_svg(p: Placed, x: Callable[[float], float], y: Callable[[float], float], *, css: str, ink: str,
              attrs: str = "", boxed: bool = True) -> str:
    """One placed label as SVG (``x``/``y`` map plan mm to the drawing): leader, box, text (and its second line)."""
    r = p.request
    x0, y0, x1, y1 = p.box
    parts = [f'<g class="pe-lab {css}"{attrs}>']
    if p.leader:
        ax, ay = r.anchor
        ex, ey = leader_end(p)
        parts.append(f'<path class="pe-leader" stroke="{ink}" d="M{_f(x(ax))} {_f(y(ay))} L{_f(x(ex))} {_f(y(ey))}"/>'
                     f'<circle class="pe-anchor" fill="{ink}" cx="{_f(x(ax))}" cy="{_f(y(ay))}" r="{_f(0.12 * r.size)}"/>')
    if boxed:
        parts.append(f'<rect class="pe-labbox" stroke="{ink}" x="{_f(x(x0))}" y="{_f(y(y1))}" width="{_f(x1 - x0)}" '
                     f'height="{_f(y1 - y0)}" rx="{_f(0.2 * r.size)}"/>')
    parts.append(f'<text class="pe-labtext" fill="{ink}" x="{_f(x(p.x))}" y="{_f(y(p.y))}" font-size="{_f(r.size)}" '
                 f'textLength="{_f(p.text_width)}" lengthAdjust="spacingAndGlyphs">{escape(r.text)}</text>')
    if r.sub:
        sy = p.y - 0.5 * LINE_EM * (r.size + r.sub_size)
        parts.append(f'<text class="pe-labsub" x="{_f(x(p.x))}" y="{_f(y(sy))}" font-size="{_f(r.sub_size)}" '
                     f'textLength="{_f(p.sub_width)}" lengthAdjust="spacingAndGlyphs">{escape(r.sub)}</text>')
    parts.append("</g>")
    return "".join(parts)
