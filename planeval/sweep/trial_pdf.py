"""The trial layout (:mod:`planeval.sweep.trial_layout`) as a PDF to print at a stated scale.

Page 1 is the room drawn at the largest of the scales 1:20, 1:25, 1:50, 1:100 that fits A4 or A3
(portrait or landscape, the smaller paper first), with running dimensions from the reference corner
O to every setting-out point, a scale bar and the paper and scale in the title ("print at 100 %").
The setting-out table (point, x, y from O in mm, what it marks) follows on A4 pages. The figure's
axes are sized in millimetres of paper, so one paper millimetre is exactly ``scale`` mm of floor.
Text is real text (TrueType); the file is deterministic (no creation date).
"""

from __future__ import annotations

import io
import math
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Circle
from matplotlib.patches import Polygon as MplPolygon
from shapely.geometry import LineString, Polygon

from planeval.sweep.trial_layout import TrialLayout
from planeval.version import __version__

__all__ = ["layout_pdf", "choose_page", "PAPERS", "SCALES", "ROWS_PER_PAGE"]

#: paper name -> (width, height) in mm, portrait
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
SCALES = (20, 25, 50, 100)
MARGIN_MM = 12.0
TITLE_MM = 22.0  #: title lines at the top of page 1
DIM_MM = 22.0  #: room for the running dimensions left of and below the drawing
BAR_MM = 14.0  #: room for the scale bar under the dimensions
ROWS_PER_PAGE = 48
ZONE_COLOURS = {"turning": "#1f77b4", "wc-front": "#1f77b4", "wc-side": "#2ca02c", "bed": "#9467bd", "bed-side": "#9467bd",
                "kitchen-front": "#8c564b", "door-side": "#ff7f0e", "shower": "#17becf", "parking": "#bcbd22",
                "helper": "#e377c2", "furniture": "#7f7f7f"}
FAIL_COLOUR = "#d62728"


def choose_page(width_mm: float, height_mm: float) -> tuple[str, bool, int]:
    """(paper, landscape, scale): the largest scale at which the layout fits, the smaller paper first.

    >>> choose_page(2500, 2500)   # a bathroom: A4 portrait at 1:20
    ('A4', False, 20)
    >>> choose_page(4200, 4200)   # a bedroom: A3 portrait at 1:20
    ('A3', False, 20)
    >>> choose_page(9000, 4000)[2] > 20
    True
    """
    for scale in SCALES:
        for paper, (w, h) in PAPERS.items():
            for landscape in (False, True):
                pw, ph = (h, w) if landscape else (w, h)
                free_w = pw - 2 * MARGIN_MM - DIM_MM
                free_h = ph - 2 * MARGIN_MM - TITLE_MM - DIM_MM - BAR_MM
                if width_mm / scale <= free_w and height_mm / scale <= free_h:
                    return paper, landscape, scale
    return "A3", True, SCALES[-1]


def _spread(values: list[float], gap: float) -> list[float]:
    out: list[float] = []
    for v in values:
        out.append(max(v, out[-1] + gap) if out else v)
    return out


def _drawing_page(lay: TrialLayout, paper: str, landscape: bool, scale: int) -> Figure:
    w, h = PAPERS[paper]
    pw, ph = (h, w) if landscape else (w, h)
    fig = Figure(figsize=(pw / 25.4, ph / 25.4))
    x0, y0, x1, y1 = lay.extent()
    aw, ah = (x1 - x0) / scale, (y1 - y0) / scale  # the drawing's size on paper (mm), top left under the title
    left = MARGIN_MM + DIM_MM
    bottom = ph - MARGIN_MM - TITLE_MM - ah
    ax = fig.add_axes((left / pw, bottom / ph, aw / pw, ah / ph))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_axis_off()
    _draw(ax, lay)
    # running dimensions from O: x values below, y values to the left (in paper mm via a full-page axes)
    page = fig.add_axes((0, 0, 1, 1))
    page.set_xlim(0, pw)
    page.set_ylim(0, ph)
    page.set_axis_off()

    def px(x: float) -> float:
        return left + (x - x0) / scale

    def py(y: float) -> float:
        return bottom + (y - y0) / scale

    xs = sorted({m.x_mm for m in lay.marks})
    for x, lx in zip(xs, _spread([px(v) for v in xs], 2.6), strict=True):
        page.plot([px(x), px(x), lx], [bottom, bottom - 3, bottom - 6], color="0.3", lw=0.3)
        page.text(lx, bottom - 7, f"{x:.0f}", rotation=90, ha="center", va="top", fontsize=6)
    ys = sorted({m.y_mm for m in lay.marks})
    for y, ly in zip(ys, _spread([py(v) for v in ys], 2.6), strict=True):
        page.plot([left, left - 3, left - 6], [py(y), py(y), ly], color="0.3", lw=0.3)
        page.text(left - 7, ly, f"{y:.0f}", ha="right", va="center", fontsize=6)
    # scale bar: 1 m, in 0.5 m steps (2 m at 1:50 and smaller)
    length = 1000.0 if scale <= 25 else 2000.0
    bx, by = left, bottom - DIM_MM - 6
    steps = 4
    for i in range(steps):
        seg = length / scale / steps
        page.fill_between([bx + i * seg, bx + (i + 1) * seg], by, by + 2, color="black" if i % 2 == 0 else "white",
                          edgecolor="black", lw=0.4)
    page.text(bx, by - 1, "0", ha="center", va="top", fontsize=6)
    page.text(bx + length / scale, by - 1, f"{length / 1000:g} m", ha="center", va="top", fontsize=6)
    page.text(bx + length / scale + 6, by + 1, f"scale 1:{scale} on {paper} {'landscape' if landscape else 'portrait'}: "
              "print at 100 % (actual size)", va="center", fontsize=7)
    title = (f"Trial layout: {lay.room_id} {lay.room_label} ({lay.unit or 'common'}) of {lay.plan} under {lay.ruleset}")
    page.text(MARGIN_MM, ph - MARGIN_MM, title, va="top", fontsize=10, weight="bold")
    sub = (f"Reference corner O = (0, 0); distances in mm from O, x along the wall, y away from it"
           f"{f'; the drawing turned by {-lay.angle_deg:g}°' if lay.angle_deg else ''}. "
           f"{len(lay.marks)} setting-out points: table on the next page{'s' if len(lay.marks) > ROWS_PER_PAGE else ''}.")
    page.text(MARGIN_MM, ph - MARGIN_MM - 7, sub, va="top", fontsize=7)
    legend = "zones: " + ", ".join(dict.fromkeys(s.label.split(":")[-1].strip() if s.circle else s.kind
                                                 for s in lay.shapes if s.kind not in ("door", "fixture")))
    page.text(MARGIN_MM, ph - MARGIN_MM - 12, legend[:220], va="top", fontsize=6, color="0.25")
    return fig


def _draw(ax: Any, lay: TrialLayout) -> None:
    ax.add_patch(MplPolygon(list(lay.room.exterior.coords), closed=True, fill=False, lw=1.6, color="black"))
    for s in lay.shapes:
        colour = FAIL_COLOUR if s.status == "fail" else ZONE_COLOURS.get(s.kind, "0.45")
        if s.circle is not None:
            ax.add_patch(Circle(s.circle[:2], s.circle[2], fill=True, alpha=0.10, color=colour, lw=0))
            ax.add_patch(Circle(s.circle[:2], s.circle[2], fill=False, color=colour, lw=0.9))
            ax.plot([s.circle[0]], [s.circle[1]], "+", color=colour, ms=5)
        elif s.arc is not None:
            (hx, hy), r, a0, a1 = s.arc
            ax.add_patch(Arc((hx, hy), 2 * r, 2 * r, theta1=a0, theta2=a1, color="#2ca02c", lw=0.7))
            ax.plot([hx, hx + r * math.cos(math.radians(a1))], [hy, hy + r * math.sin(math.radians(a1))],
                    color="#2ca02c", lw=1.0)
        elif isinstance(s.geometry, Polygon):
            fixture = s.kind == "fixture"
            ax.add_patch(MplPolygon(list(s.geometry.exterior.coords), closed=True, fill=not fixture, alpha=0.12,
                                    color=colour, lw=0))
            ax.add_patch(MplPolygon(list(s.geometry.exterior.coords), closed=True, fill=False, color=colour,
                                    lw=0.5 if fixture else 0.8, ls="-" if fixture else "--"))
        elif isinstance(s.geometry, LineString):
            ax.plot(*s.geometry.xy, color="#2ca02c", lw=1.0)
    for m in lay.marks:
        ax.plot([m.x_mm], [m.y_mm], "o", color="black", ms=1.8)
        ax.annotate(m.name, (m.x_mm, m.y_mm), xytext=(2, 2), textcoords="offset points", fontsize=5.5)


def _table_pages(lay: TrialLayout) -> list[Figure]:
    rows = [(m.name, f"{m.x_mm:.0f}", f"{m.y_mm:.0f}", m.what) for m in lay.marks]
    pages = []
    for start in range(0, len(rows), ROWS_PER_PAGE):
        fig = Figure(figsize=(PAPERS["A4"][0] / 25.4, PAPERS["A4"][1] / 25.4))
        page = fig.add_axes((0, 0, 1, 1))
        page.set_xlim(0, 210)
        page.set_ylim(0, 297)
        page.set_axis_off()
        top = 297 - MARGIN_MM
        page.text(MARGIN_MM, top, f"Setting-out table: {lay.room_id} {lay.room_label}, {lay.plan}, {lay.ruleset} "
                  f"(mm from O){' (cont.)' if start else ''}", va="top", fontsize=9, weight="bold")
        cols = (MARGIN_MM, MARGIN_MM + 14, MARGIN_MM + 32, MARGIN_MM + 50)
        for i, cells in enumerate([("point", "x", "y", "what")] + rows[start:start + ROWS_PER_PAGE], start=1):
            yy = top - 6 - i * 5.2
            for c, (x, text) in enumerate(zip(cols, cells, strict=True)):
                txt = text if len(text) <= 110 else text[:107] + "…"
                page.text(x + (10 if c in (1, 2) else 0), yy, txt, va="top", fontsize=6.5,
                          ha="right" if c in (1, 2) else "left", weight="bold" if i == 1 else "normal")
        pages.append(fig)
    return pages


def layout_pdf(lay: TrialLayout) -> bytes:
    """The PDF: the drawing at scale, then the setting-out table."""
    w, h = lay.size_mm
    paper, landscape, scale = choose_page(w, h)
    out = io.BytesIO()
    with rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
        with PdfPages(out, metadata={"Creator": f"planeval {__version__}", "Producer": "planeval", "CreationDate": None}) as pdf:
            pdf.savefig(_drawing_page(lay, paper, landscape, scale))
            for fig in _table_pages(lay):
                pdf.savefig(fig)
    return out.getvalue()
