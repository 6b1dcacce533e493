"""The ``nordic`` dialect (Norwegian layer names, R2000 / cp1252, metres): LWPOLYLINE wall faces,
loose door swings (ARC + LINE or bulged LWPOLYLINE), MTEXT labels with bold names and areas."""

from __future__ import annotations

from pathlib import Path

from ezdxf.enums import TextEntityAlignment
from shapely.geometry import Polygon

from .build import Built, FixtureGeo
from .dialect import (
    Dialect,
    annotation_pen,
    area_m2,
    door_swing_loose,
    draw_runs,
    fixture_names,
    fmt_area,
    label_point,
    new_doc,
    put_fixtures,
    save_doc,
    window_lines,
    world_extent,
)
from .geometry import Frame, face_runs, rings_of
from .model import Room
from .pen import Pen

NORDIC_LAYERS = [("Vegger", 7), ("Dører", 3), ("Vinduer", 4), ("Rom", 2), ("Inventar", 8),
                 ("Sanitær", 6), ("Kjøkken", 5), ("Rekkverk", 9), ("Tekst", 7)]
NORDIC_FIXTURE = {"wc": "WC", "basin": "Servant", "shower": "Dusj", "bath": "Badekar",
                  "kitchen_counter": "Kjøkkenbenk", "washer": "Vaskemaskin",
                  "wardrobe": "Garderobe", "sofa": "Sofa", "table": "Bord rundt"}
NORDIC_BED = {"double": "Seng", "single": "Seng", "care": "Pleieseng"}


def write_nordic(b: Built, path: Path, fr: Frame) -> dict[str, str]:
    dia = NORDIC
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
    x0, y0, _x1, _y1 = world_extent(b, fr)
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


NORDIC = Dialect("nordic", "R2000", 6, "m", 0.001, write_nordic, nordic_label, nordic_label_text,
                 lambda w, d: (w / 2, d / 2))  # origin front-left
