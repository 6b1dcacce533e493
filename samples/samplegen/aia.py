"""The ``aia`` dialect (AIA CAD layer names, R2013, mm): LINE walls, door / window / fixture
blocks, TEXT labels, DIMENSIONs, north arrow, detail callout and a title block."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ezdxf.enums import TextEntityAlignment

from .build import Built, DoorGeo
from .dialect import (
    Dialect,
    annotation_pen,
    draw_runs,
    fixture_names,
    label_point,
    label_upper,
    new_doc,
    plan_extent,
    put_fixtures,
    save_doc,
    window_block,
    world_extent,
)
from .geometry import Frame, face_runs, rings_of, vangle
from .model import LEAF_T, MODULES, Pt
from .pen import Pen, block_pen

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
    dia = AIA
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
    x0, y0, _x1, y1 = plan_extent(b)
    _wx0, wy0, wx1, wy1 = world_extent(b, fr)
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


AIA = Dialect("aia", "R2013", 4, "mm", 1.0, write_aia, label_upper, label_upper, lambda w, d: (0.0, 0.0))
