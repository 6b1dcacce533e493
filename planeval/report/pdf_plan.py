"""The plan drawn with matplotlib for the PDF report: linework, rooms, walls, doors coloured by their
own verdict, fixtures, the findings' overlays and labels placed without overlaps (the same requests
and the same placement as the HTML drawing, :mod:`planeval.report.svg_labels`).

Everything is in plan millimetres (data coordinates, equal aspect); font sizes are chosen in points
for the page and converted to millimetres at the page's scale, so labels read the same on the cover
(whole plan) and on a unit's page (zoomed in).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, PathPatch
from matplotlib.path import Path as MPath
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import polygons_of
from planeval.report.labels import LINE_EM, Box, leader_end
from planeval.report.svg import FUNCTION_COLOURS
from planeval.report.svg_labels import STATUS_INK, label_requests, place

__all__ = ["INK", "view_box", "draw_plan"]

#: colours per status class, as in the HTML report
INK = {"pe-fail": "#c0392b", "pe-pass": "#1e8449", "pe-review": "#b9770e", "pe-required": "#555555"}
DOOR_INK = {"fail": "#c0392b", "pass": "#1e8449", "needs_review": "#b9770e"}
MAX_SEGMENTS = 30000
#: review markers get their row numbers on the plan up to this many places
MAX_MARKER_LABELS = 12


def view_box(geoms: Iterable[BaseGeometry], margin: float = 600.0) -> Box:
    """The bounding box of ``geoms`` grown by ``margin`` mm."""
    bounds = [g.bounds for g in geoms if g is not None and not g.is_empty]
    if not bounds:
        return (0.0, 0.0, 10000.0, 10000.0)
    return (min(b[0] for b in bounds) - margin, min(b[1] for b in bounds) - margin,
            max(b[2] for b in bounds) + margin, max(b[3] for b in bounds) + margin)


def _path(geom: BaseGeometry) -> MPath | None:
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for p in polygons_of(geom):
        for ring in [p.exterior, *p.interiors]:
            cs = list(ring.coords)
            if len(cs) < 3:
                continue
            verts += cs
            codes += [int(MPath.MOVETO)] + [int(MPath.LINETO)] * (len(cs) - 2) + [int(MPath.CLOSEPOLY)]
    return MPath(verts, codes) if verts else None


def _poly(ax: Any, geom: BaseGeometry, **kw: Any) -> None:
    _add(ax, _path(geom), **kw)


def _lines(ax: Any, geom: BaseGeometry, **kw: Any) -> None:
    parts = [geom] if isinstance(geom, LineString) else list(getattr(geom, "geoms", []))
    segs = [list(g.coords) for g in parts if isinstance(g, LineString)]
    if segs:
        ax.add_collection(LineCollection(segs, **kw), autolim=False)


def _compound(paths: Iterable[MPath | None]) -> MPath | None:
    """One path of many (a PDF draws it as one object: far cheaper than an artist per shape)."""
    parts = [p for p in paths if p is not None]
    return MPath.make_compound_path(*parts) if parts else None


def _segments_path(segs: Any) -> MPath | None:
    """Line segments ``[[x0, y0, x1, y1], …]`` as one path of MOVETO/LINETO pairs."""
    if not len(segs):
        return None
    verts = np.asarray(segs, dtype=float).reshape(-1, 2)
    codes = np.tile(np.array([MPath.MOVETO, MPath.LINETO], dtype=MPath.code_type), len(verts) // 2)
    return MPath(verts, codes)


Point = tuple[float, float]


def _arc_points(hinge: Point, latch: Point, open_end: Point) -> list[Point]:
    """The swing of a leaf from its closed (latch) to its open end, as a polyline (the shorter way round)."""
    radius = math.dist(hinge, latch)
    a_latch = math.atan2(latch[1] - hinge[1], latch[0] - hinge[0])
    a_open = math.atan2(open_end[1] - hinge[1], open_end[0] - hinge[0])
    sweep = (a_open - a_latch + math.pi) % (2 * math.pi) - math.pi
    n = max(4, int(abs(sweep) / (math.pi / 24)))
    return [(hinge[0] + radius * math.cos(a_latch + sweep * k / n), hinge[1] + radius * math.sin(a_latch + sweep * k / n))
            for k in range(n + 1)]


def _add(ax: Any, path: MPath | None, **kw: Any) -> None:
    """Draw ``path``; as an artist, not a patch: the axes' limits are set, so no data limits to update (slow on big paths)."""
    if path is not None:
        ax.add_artist(PathPatch(path, **kw))


def _draw_base(ax: Any, plan: Any, box: Box, door_status: dict[str, str]) -> None:
    """The plan's own drawing, one compound path per style: linework, rooms per colour, walls, fixtures, windows, doors."""
    x0, y0, x1, y1 = box
    segs = plan.background.segments
    if len(segs):
        inside = ((segs[:, 0] >= x0) & (segs[:, 0] <= x1) & (segs[:, 1] >= y0) & (segs[:, 1] <= y1)) | \
                 ((segs[:, 2] >= x0) & (segs[:, 2] <= x1) & (segs[:, 3] >= y0) & (segs[:, 3] <= y1))
        _add(ax, _segments_path(segs[inside][:MAX_SEGMENTS]), facecolor="none", edgecolor="#c4c4c4", linewidth=0.25, zorder=1)
    by_colour: dict[str, list[MPath | None]] = {}
    for r in plan.rooms:
        by_colour.setdefault(FUNCTION_COLOURS.get(r.function, FUNCTION_COLOURS["other"]), []).append(_path(r.polygon))
    for colour, paths in by_colour.items():
        _add(ax, _compound(paths), facecolor=colour, alpha=0.55, edgecolor="#8a8a8a", linewidth=0.3, zorder=2)
    if not plan.walls.is_empty:
        _poly(ax, plan.walls, facecolor="#5a5a5a", edgecolor="none", zorder=3)
    movable = [fx for fx in plan.fixtures if fx.movable]
    fixed = [fx for fx in plan.fixtures if not fx.movable]
    _add(ax, _compound(_path(fx.polygon) for fx in fixed), facecolor="#eef5f0", edgecolor="#3d6b52", linewidth=0.3, zorder=4)
    _add(ax, _compound(_path(fx.polygon) for fx in movable), facecolor="none", edgecolor="#7d6608", linewidth=0.3,
         linestyle="--", zorder=4)
    _add(ax, _compound(_path(w.polygon) for w in plan.windows), facecolor="#d6eaf8", edgecolor="#2e86c1", linewidth=0.4, zorder=4)
    leaves: dict[tuple[str, float], list[list[tuple[float, float]]]] = {}  # (ink, width) -> opening lines and open leaves
    swings: dict[str, list[list[tuple[float, float]]]] = {}  # ink -> the leaves' swing arcs
    for d in plan.doors:
        ink = DOOR_INK.get(door_status.get(d.id, ""), "#4a4f57")
        width = 1.4 if door_status.get(d.id) == "fail" else 0.7
        lines = leaves.setdefault((ink, width), [])
        lines.append([d.hinge, d.latch])
        for (hinge, latch), open_end in zip(d.leaves, d.open_ends, strict=False):
            swings.setdefault(ink, []).append(_arc_points(hinge, latch, open_end))
            lines.append([hinge, open_end])
    for (ink, width), lines in leaves.items():
        ax.add_collection(LineCollection(lines, colors=ink, linewidths=width, zorder=6), autolim=False)
    for ink, arcs in swings.items():
        ax.add_collection(LineCollection(arcs, colors=ink, linewidths=0.4, linestyles=(0, (3, 2)), zorder=6), autolim=False)


def _draw_overlay(ax: Any, o: Any) -> None:
    g = o.geometry
    if g is None or g.is_empty:
        return
    classes = o.css.split()
    base = classes[0]
    ink = INK.get(base, "#8e44ad")
    if base == "pe-zone":
        ink = "#c0392b" if "pe-zone-fail" in classes else "#8e44ad"
        _poly(ax, g, facecolor=ink, alpha=0.08, edgecolor=ink, linewidth=0.6, linestyle=(0, (4, 2)), zorder=7)
        return
    if isinstance(g, (LineString, MultiLineString)):
        _lines(ax, g, colors=ink, linewidths=3.0 if base == "pe-fail" else 1.5, zorder=8, capstyle="round")
        return
    if base == "pe-required":
        if o.shape == "circle":
            c = g.centroid
            ax.add_artist(Circle((c.x, c.y), (g.bounds[2] - g.bounds[0]) / 2, fill=False, edgecolor=ink, linewidth=0.8,
                                linestyle=(0, (5, 3)), zorder=9))
        else:
            _poly(ax, g, facecolor="none", edgecolor=ink, linewidth=0.8, linestyle=(0, (5, 3)), zorder=9)
        return
    outline = "pe-outline" in classes
    if isinstance(g, (Polygon, MultiPolygon)):
        _poly(ax, g, facecolor="none" if outline else ink, alpha=None if outline else 0.22, edgecolor=ink,
              linewidth=1.0, zorder=8)
        if not outline:
            _poly(ax, g, facecolor="none", edgecolor=ink, linewidth=1.0, zorder=8)


def draw_plan(ax: Any, plan: Any, overlays: Iterable[Any], box: Box, *, door_status: dict[str, str],
              label_pt: float = 6.5, keep: Callable[[Any], bool] | None = None, numbers: dict[str, int] | None = None) -> int:
    """Draw ``plan`` with ``overlays`` (those ``keep`` accepts) into ``ax`` showing ``box``; returns the number of labels.

    Labels are placed (no two overlap) at ``label_pt`` points on the page; ``numbers`` prefixes a finding's
    label with its row number in the page's table ("3 · DW01 660 < 760 mm") and gives an unlabelled one
    (a review marker) its number alone.
    """
    fig = ax.figure
    bb = ax.get_position()
    w_in, h_in = bb.width * fig.get_figwidth(), bb.height * fig.get_figheight()
    # the drawing fills the area at equal scale: the box grows along one axis (the margin beside the plan takes labels)
    mm_per_pt = max((box[2] - box[0]) / w_in, (box[3] - box[1]) / h_in) / 72.0
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    hw, hh = 36.0 * w_in * mm_per_pt, 36.0 * h_in * mm_per_pt
    box = (cx - hw, cy - hh, cx + hw, cy + hh)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    font = label_pt * mm_per_pt / 0.7  # the room-name size of svg_labels; findings are 0.7 of it
    _draw_base(ax, plan, box, door_status)
    items = [o for o in overlays if keep is None or keep(o)]
    for o in items:
        _draw_overlay(ax, o)
    numbers = numbers or {}
    texts = []
    seen: set[str] = set()
    for o in items:
        n = numbers.get(o.finding)
        if o.text:
            seen.add(o.finding)
            texts.append(_renamed(o, f"{n} · {o.text}" if n else o.text))
    at_marker: dict[tuple[int, int], tuple[Any, list[int]]] = {}
    for o in items:  # numbered findings without a value label (review markers): their numbers at the marker, one label
        n = numbers.get(o.finding)
        if n and o.finding not in seen and not o.text and o.geometry is not None and not o.geometry.is_empty:
            seen.add(o.finding)
            c = o.geometry.centroid
            spot = (round(c.x / 50), round(c.y / 50))
            _, ns = at_marker.setdefault(spot, (_renamed(o, "", at=(c.x, c.y)), []))
            if n not in ns:
                ns.append(n)
    if len(at_marker) <= MAX_MARKER_LABELS:  # more would bury the plan: the list still numbers them
        texts += [replace(o, text=", ".join(map(str, sorted(ns)))) for o, ns in at_marker.values()]
    reqs, what = label_requests(plan, texts, font, doors=False)
    placed = place(reqs, box)
    pt_per_mm = 1.0 / mm_per_pt
    for key, p in placed.items():
        r = p.request
        src = what.get(key)
        room = key.startswith("room:")
        ink = "#222222" if room else STATUS_INK.get(src.css.split()[0], "#333333") if src is not None else "#333333"
        if p.leader:
            ex, ey = leader_end(p)
            ax.plot([r.anchor[0], ex], [r.anchor[1], ey], color=ink, linewidth=0.5, zorder=11)
        if not room:
            x0, y0, x1, y1 = p.box
            _add(ax, MPath([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]), facecolor="white", alpha=0.9, edgecolor=ink,
                 linewidth=0.4, zorder=12)
        ax.text(p.x, p.y, r.text, fontsize=r.size * pt_per_mm * 0.86, color=ink, ha="center", va="center", zorder=13,
                fontweight="normal" if room else "bold")
        if r.sub:
            sy = p.y - 0.5 * LINE_EM * (r.size + r.sub_size)
            ax.text(p.x, sy, r.sub, fontsize=r.sub_size * pt_per_mm * 0.86, color="#555555", ha="center", va="center", zorder=13)
    return len(placed)


def _renamed(o: Any, text: str, at: tuple[float, float] | None = None) -> Any:
    """A copy of overlay ``o`` with another label text (and anchor)."""
    return replace(o, text=text, text_at=at if at is not None else o.text_at)
