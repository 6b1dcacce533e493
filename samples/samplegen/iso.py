"""The ``iso`` dialect (ISO 13567 / NS 3451 layer names, R2010, ``$INSUNITS`` 0 with geometry in mm):
external / internal walls on separate layers, a frozen layer of shifted walls and an OFF
dimension layer, door swings as 12-segment LWPOLYLINEs."""

from __future__ import annotations

from pathlib import Path

import shapely
import shapely.affinity

from .build import Built
from .dialect import (
    Dialect,
    door_swing_loose,
    draw_runs,
    fixture_names,
    label_as_written,
    label_point,
    new_doc,
    put_fixtures,
    save_doc,
    window_lines,
)
from .geometry import Frame, face_runs, rings_of
from .pen import Pen

ISO_LAYERS = [("A-231---E", 7), ("A-232---E", 7), ("A-232---E-alt", 1), ("A-234---E", 3),
              ("A-31----E", 6), ("A-27----E", 8), ("A-287---E", 9), ("A-9---T-", 2),
              ("A-ANNO-DIM", 1)]
ISO_FIXTURE = {"wc": "WC", "basin": "Servant", "shower": "Dusj", "bath": "Badekar",
               "kitchen_counter": "Kjøkkeninnredning", "washer": "Vaskemaskin",
               "wardrobe": "Garderobeskap", "sofa": "Sofa", "table": "Spisebord",
               "bed": "Seng"}


def write_iso(b: Built, path: Path, fr: Frame) -> dict[str, str]:
    dia = ISO
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


ISO = Dialect("iso", "R2010", 0, "unitless (geometry in mm)", 1.0, write_iso, label_as_written, label_as_written,
              lambda w, d: (0.0, 0.0))
