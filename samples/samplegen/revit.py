"""The ``revit`` dialect (R2018, mm): closed wall outlines + solid hatch, room polygons and room
tags, one block per door with a nested swing block and ATTRIBs, Revit family names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ezdxf.enums import TextEntityAlignment
from shapely.geometry.polygon import orient

from .build import Built, DoorGeo
from .dialect import Dialect, area_m2, fixture_names, label_as_written, label_point, new_doc, put_fixtures, save_doc, window_block
from .geometry import Frame, clean_ring, polys, rings_of, vangle
from .model import LEAF_T, door_attrs
from .pen import Pen, block_pen

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
    dia = REVIT
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


REVIT = Dialect("revit", "R2018", 4, "mm", 1.0, write_revit, label_as_written, label_as_written,
                lambda w, d: (0.0, -d / 2))          # origin at the back centre
