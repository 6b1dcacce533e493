"""The expected-result (golden) file of a sample: :func:`expected` gives the JSON content, in
world millimetres, from the built layout, its dialect and the block names the writer used."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Polygon
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from .build import Built
from .dialect import Dialect, area_m2, label_point
from .geometry import Frame, clean_ring, closing, snap
from .model import CLOSE_R, HINGED_STOP_MM, MODULES, SLIDING_STOP_MM, Pt, clear_width, door_attrs


def _num(v: float) -> float | int:
    v = round(v, 3) + 0.0
    return int(v) if v == int(v) else v


def _pt(fr: Frame, p: Pt) -> list[float | int]:
    x, y = fr.world_mm(p)
    return [_num(x), _num(y)]


def _wkt(fr: Frame, poly: Polygon) -> str:
    ring = clean_ring(orient(poly).exterior.coords)
    pts = [fr.world_mm(p) for p in ring] + [fr.world_mm(ring[0])]
    return "POLYGON ((" + ", ".join(
        f"{_fmt(x)} {_fmt(y)}" for x, y in pts) + "))"


def _fmt(v: float) -> str:
    s = f"{round(v, 3) + 0.0:.3f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def expected(b: Built, dia: Dialect, names: dict[str, str]) -> dict[str, Any]:
    lay = b.layout
    fr = Frame(lay.rotation_deg, lay.offset, 1.0)
    lab = {k: dia.label(r, b.room_polys[k]) for k, r in b.rooms.items()}

    def L(key: str) -> str:
        return "outside" if key == "outside" else lab[key]

    def U(key: str) -> str | None:
        return None if key == "outside" else b.rooms[key].unit

    rooms = []
    for k, r in b.rooms.items():
        rooms.append({"label": lab[k], "name": r.name, "function": r.function,
                      "functions": [r.function, *r.also], "unit": r.unit,
                      "area_m2": area_m2(b.room_polys[k]),
                      "polygon": _wkt(fr, b.room_polys[k]),
                      "label_point": _pt(fr, label_point(b, k))})
    units = []
    for uid, utype in lay.units:
        keys = [k for k, r in b.rooms.items() if r.unit == uid]
        indoor = [b.room_polys[k] for k in keys if b.rooms[k].function != "balcony"]
        bra = snap(closing(unary_union(indoor), CLOSE_R))
        units.append({"id": uid, "type": utype, "rooms": [lab[k] for k in keys],
                      "net_area_m2": round(sum(p.area for p in indoor) / 1e6, 2),
                      "bra_m2": area_m2(bra),
                      "storage_m2": round(sum(b.room_polys[k].area for k in keys
                                              if b.rooms[k].function == "storage") / 1e6, 2)})
    doors = []
    for g in b.doors:
        d = g.door
        attrs = {}
        if dia.name == "revit" and d.attrs:
            attrs = door_attrs(d)
        doors.append({
            "id": g.id, "kind": d.kind, "leaf_width_mm": d.leaf,
            "opening_width_mm": d.leaf * (2 if d.kind == "double" else 1),
            "clear_width_mm": clear_width(d.kind, d.leaf),
            "module": MODULES.get(d.leaf) if d.kind == "hinged" else None,
            "hinge": _pt(fr, g.hinge), "latch": _pt(fr, g.latch),
            "hinge_side": "right" if g.mirrored else "left",
            "rooms": [L(d.a), L(d.b)], "room_units": [U(d.a), U(d.b)],
            "swing_into": L(d.swing) if d.kind in ("hinged", "double", "sliding") else None,
            "entrance": d.entrance, "wall_thickness_mm": _num(abs(g.span.face_a -
                                                                  g.span.face_b)),
            "block": names.get(g.id), "attributes": attrs})
    windows = [{"id": w.id, "rooms": [lab[w.window.room]], "unit": b.rooms[w.window.room].unit,
                "width_mm": w.window.width, "center": _pt(fr, w.center),
                "wall_thickness_mm": _num(w.thickness), "block": names.get(w.id)}
               for w in b.windows]
    fixtures = [{"id": f.id, "kind": f.fixture.kind, "variant": f.fixture.variant,
                 "room": lab[f.fixture.room], "unit": b.rooms[f.fixture.room].unit,
                 "center": _pt(fr, f.center), "size_mm": list(f.size),
                 "rotation_deg": _num(fr.angle(f.rotation)), "block": names.get(f.id)}
                for f in b.fixtures]
    defects = [{"rule": d.rule, "subject": d.subject, "note": d.note, "unit": d.unit,
                "consequential": d.consequential, "ruleset": d.ruleset} for d in lay.defects]
    x0, y0, x1, y1 = b.footprint.bounds
    corners = [fr.world_mm(p) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    return {
        "sample": lay.name, "description": lay.description, "dialect": dia.name,
        "dxfversion": dia.dxfversion, "unit_type": lay.unit_type,
        "units": {"insunits": dia.insunits, "drawing_unit": dia.drawing_unit,
                  "mm_per_unit": 1.0 / dia.scale},
        "frame": {"rotation_deg": lay.rotation_deg, "translation_mm": list(lay.offset)},
        "exterior_wall_mm": lay.ext_wall,
        "footprint_bbox_mm": [_num(min(c[0] for c in corners)), _num(min(c[1] for c in corners)),
                              _num(max(c[0] for c in corners)), _num(max(c[1] for c in corners))],
        "plan_units": units, "rooms": rooms, "doors": doors, "windows": windows,
        "fixtures": fixtures, "defects": defects,
        "conventions": {
            "coordinates": "world millimetres (drawing units x mm_per_unit)",
            "hinge_latch": "on the wall face of the swing room; opening: face of the first room;"
                           " double: hinge = first hinge, latch = second hinge",
            "clear_width": f"hinged leaf-{HINGED_STOP_MM}, double 2*leaf-{2 * HINGED_STOP_MM},"
                           f" sliding opening-{SLIDING_STOP_MM}, opening = width",
            "fixture_size": "[width along the front, depth front-to-back]; rotation_deg turns"
                            " a symbol whose front faces -Y",
            "window_center": "on the wall centre line"},
    }
