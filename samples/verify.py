#!/usr/bin/env python3
"""Self-check of the generated samples (independent of the planeval package).

For every ``samples/dxf/<name>.dxf`` with its ``<name>.expected.json``:

* header: $INSUNITS / $ACADVER / $DWGCODEPAGE as the dialect promises; frozen/off layers;
* every room label text sits inside its room polygon (visible layers only);
* every hinged/double door has a 90° swing (ARC, bulged or segmented LWPOLYLINE, possibly
  inside nested blocks) of radius = leaf width centred on the stated hinge, on the swing
  side; no wall linework crosses any door or window opening; a glazing line crosses every
  window centre;
* fixtures: an INSERT of the stated block whose extents match centre and size;
* rooms do not overlap; doors lie between the two named rooms; fixtures lie in their room;
* a rough, independent rule check (turning circles, door widths, storage, WC side space,
  passages, care-bed zone, door side space of hinged and sliding doors, kitchen front space,
  reachability): the rules
  that fail must be exactly the intended defects (``consequential`` ones may or may not);
* ``generate.py`` run twice gives byte-identical files equal to the ones in samples/dxf;
* every layout can be written in every dialect (structural checks on those too).

Usage::

    /tmp/venv/bin/python samples/verify.py [--png DIR] [--quick] [--explain NAME]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import ezdxf
import shapely
from ezdxf import bbox as ezbbox
from ezdxf import path as ezpath
from shapely import wkt
from shapely.affinity import rotate, translate
from shapely.geometry import LineString, Point, Polygon, box

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

WALL_LAYERS = {"aia": ("A-WALL",), "revit": ("A-WALL",), "nordic": ("Vegger",),
               "iso": ("A-231---E", "A-232---E")}
DOOR_LAYERS = {"aia": ("A-DOOR",), "revit": ("A-DOOR",), "nordic": ("Dører",),
               "iso": ("A-234---E",)}
GLAZ_LAYERS = {"aia": ("A-GLAZ",), "revit": ("A-GLAZ",), "nordic": ("Vinduer",),
               "iso": ("A-234---E",)}


class Fail(Exception):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise Fail(msg)


# ---------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------


def visible(doc: Any, layer: str) -> bool:
    lay = doc.layers.get(layer) if doc.layers.has_entry(layer) else None
    return lay is None or (lay.is_on() and not lay.is_frozen())


def flat(e: Any, depth: int = 0) -> Iterator[Any]:
    """Entity and, for INSERTs, its transformed content (recursively)."""
    if e.dxftype() == "INSERT":
        for v in e.virtual_entities():
            yield from flat(v, depth + 1)
        yield from e.attribs
    else:
        yield e


def top_entities(doc: Any, layers: Iterable[str] | None = None) -> Iterator[Any]:
    for e in doc.modelspace():
        if not visible(doc, e.dxf.layer):
            continue
        if layers is not None and e.dxf.layer not in layers:
            continue
        yield e


def points_of(e: Any, mm: float) -> list[tuple[float, float]]:
    t = e.dxftype()
    if t == "LINE":
        return [(e.dxf.start.x * mm, e.dxf.start.y * mm), (e.dxf.end.x * mm, e.dxf.end.y * mm)]
    if t in ("ARC", "CIRCLE", "ELLIPSE", "LWPOLYLINE", "POLYLINE", "SPLINE"):
        p = ezpath.make_path(e)
        return [(v.x * mm, v.y * mm) for v in p.flattening(0.5 / mm if mm > 1 else 0.5)]
    return []


def lines_of(e: Any, mm: float) -> list[LineString]:
    pts = points_of(e, mm)
    return [LineString(pts)] if len(pts) >= 2 else []


def texts(doc: Any, mm: float) -> list[tuple[str, tuple[float, float]]]:
    out = []
    for e in top_entities(doc):
        t = e.dxftype()
        if t == "TEXT":
            p = e.dxf.align_point if (e.dxf.halign or e.dxf.valign) else e.dxf.insert
            out.append((e.dxf.text, (p.x * mm, p.y * mm)))
        elif t == "MTEXT":
            out.append((e.plain_text().split("\n")[0], (e.dxf.insert.x * mm,
                                                         e.dxf.insert.y * mm)))
        elif t == "INSERT":
            for a in e.attribs:
                if a.dxf.tag == "NAME":
                    out.append((a.dxf.text, (e.dxf.insert.x * mm, e.dxf.insert.y * mm)))
    return out


# ---------------------------------------------------------------------------------------
# structural checks
# ---------------------------------------------------------------------------------------


def door_normal(d: dict[str, Any], rooms: dict[str, Polygon]) -> tuple[float, float]:
    h, l_ = d["hinge"], d["latch"]
    ux, uy = l_[0] - h[0], l_[1] - h[1]
    n = math.hypot(ux, uy)
    ux, uy = ux / n, uy / n
    mid = ((h[0] + l_[0]) / 2, (h[1] + l_[1]) / 2)
    swing = d["swing_into"] or d["rooms"][0]
    for cand in ((-uy, ux), (uy, -ux)):
        p = Point(mid[0] + cand[0] * 20, mid[1] + cand[1] * 20)
        if swing == "outside":
            if not any(r.contains(p) for r in rooms.values()):
                # the other side must be a room
                q = Point(mid[0] - cand[0] * (d["wall_thickness_mm"] + 20),
                          mid[1] - cand[1] * (d["wall_thickness_mm"] + 20))
                if any(r.contains(q) for r in rooms.values()):
                    return cand
        elif rooms[swing].contains(p):
            return cand
    raise Fail(f"door {d['id']}: cannot tell the swing side")


def room_map(exp: dict[str, Any]) -> dict[tuple[str | None, str], Polygon]:
    return {(r["unit"], r["label"]): wkt.loads(r["polygon"]) for r in exp["rooms"]}


def door_rooms(exp: dict[str, Any], d: dict[str, Any]) -> dict[str, Polygon]:
    rm = room_map(exp)
    out = {}
    for lab, unit in zip(d["rooms"], d["room_units"], strict=False):
        if lab != "outside":
            out[lab] = rm[(unit, lab)]
    return out


def check_structure(dxf: Path, exp: dict[str, Any]) -> list[str]:
    notes: list[str] = []
    doc = ezdxf.readfile(dxf)
    dia = exp["dialect"]
    spec = generate.DIALECTS[dia]
    mm = exp["units"]["mm_per_unit"]
    check(doc.header.get("$INSUNITS", 0) == exp["units"]["insunits"], "wrong $INSUNITS")
    check(doc.dxfversion == ezdxf.const.acad_release_to_dxf_version[spec.dxfversion],
          f"wrong DXF version {doc.dxfversion}")
    if dia == "nordic":
        check(doc.header.get("$DWGCODEPAGE") == "ANSI_1252", "codepage not ANSI_1252")
        raw = dxf.read_bytes()
        check("Dører".encode("cp1252") in raw, "layer name not written in cp1252")
    if dia == "iso":
        check(doc.layers.get("A-232---E-alt").is_frozen(), "alt layer not frozen")
        check(doc.layers.get("A-ANNO-DIM").is_off(), "dim layer not off")
    raw = dxf.read_bytes().decode("cp1252" if dia == "nordic" else "utf-8")
    for var, want in (("$TDCREATE", "2451545.0"), ("$TDUPDATE", "2451545.0"),
                      ("$TDINDWG", "0.0"), ("$TDUSRTIMER", "0.0"),
                      ("$FINGERPRINTGUID", "{00000000-0000-0000-0000-000000000000}"),
                      ("$VERSIONGUID", "{00000000-0000-0000-0000-000000000000}")):
        m = re.search(re.escape(var) + r"\r?\n\s*\d+\r?\n([^\r\n]*)", raw)
        check(m is not None and m.group(1).strip() == want, f"{var} not fixed")

    rooms = room_map(exp)
    check(len(rooms) == len(exp["rooms"]), "room labels are not unique within a unit")
    # rooms do not overlap
    keys = list(rooms)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            check(rooms[a].intersection(rooms[b]).area < 1.0, f"rooms {a} and {b} overlap")
    # labels
    txt = texts(doc, mm)
    for r in exp["rooms"]:
        poly = rooms[(r["unit"], r["label"])]
        hits = [p for s, p in txt if s == r["label"] and poly.contains(Point(p))]
        check(bool(hits), f"label {r['label']!r} (unit {r['unit']}) not inside its room")
        check(poly.exterior.distance(Point(hits[0])) >= 250,
              f"label {r['label']!r} too close to the wall")
    # wall linework and openings
    walls = [ls for e in top_entities(doc, WALL_LAYERS[dia]) for v in flat(e)
             for ls in lines_of(v, mm)]
    check(sum(ls.length for ls in walls) > 10000, "no wall linework")
    wall_geo = shapely.union_all(walls)
    door_geo = [(v, e.dxf.layer) for e in top_entities(doc, DOOR_LAYERS[dia]) for v in flat(e)]
    for d in exp["doors"]:
        h, l_ = d["hinge"], d["latch"]
        dr = door_rooms(exp, d)
        allrooms = {lab: p for (u, lab), p in rooms.items()}
        n = door_normal(d, dr if d["swing_into"] != "outside" else allrooms)
        t = d["wall_thickness_mm"]
        # the opening (shrunk a little) across the whole wall thickness is free of walls
        ux, uy = (l_[0] - h[0]), (l_[1] - h[1])
        ln = math.hypot(ux, uy)
        ux, uy = ux / ln, uy / ln
        for k in (0.0, 0.5, 1.0):
            off = -k * t
            a = (h[0] + ux * 5 + n[0] * off, h[1] + uy * 5 + n[1] * off)
            b = (l_[0] - ux * 5 + n[0] * off, l_[1] - uy * 5 + n[1] * off)
            check(not LineString([a, b]).intersects(wall_geo),
                  f"door {d['id']}: wall linework crosses the opening")
        check(abs(ln - d["opening_width_mm"]) < 0.01, f"door {d['id']}: opening width")
        # between the two named rooms
        mid = ((h[0] + l_[0]) / 2, (h[1] + l_[1]) / 2)
        p_in = Point(mid[0] + n[0] * 20, mid[1] + n[1] * 20)
        p_out = Point(mid[0] - n[0] * (t + 20), mid[1] - n[1] * (t + 20))
        swing = d["swing_into"] or d["rooms"][0]
        other = [x for x in d["rooms"] if x != swing]
        other = other[0] if other else swing
        if swing == "outside":
            check(not any(p.contains(p_in) for p in rooms.values()), f"door {d['id']} side")
            check(dr[other].contains(p_out), f"door {d['id']}: not next to {other}")
        else:
            check(dr[swing].contains(p_in), f"door {d['id']}: not next to {swing}")
            if other == "outside":
                check(not any(p.contains(p_out) for p in rooms.values()),
                      f"door {d['id']}: other side is not outside")
            else:
                check(dr[other].contains(p_out), f"door {d['id']}: not next to {other}")
        # swing arcs
        if d["kind"] in ("hinged", "double"):
            centres = [h] if d["kind"] == "hinged" else [h, l_]
            for c in centres:
                ok = False
                for v, _layer in door_geo:
                    pts = points_of(v, mm)
                    on = [p for p in pts if abs(math.dist(p, c) - d["leaf_width_mm"]) < 2.0]
                    if len(on) < 3:
                        continue
                    mx = sum(p[0] for p in on) / len(on) - c[0]
                    my = sum(p[1] for p in on) / len(on) - c[1]
                    a0 = math.atan2(my, mx)
                    angs = [math.degrees((math.atan2(p[1] - c[1], p[0] - c[0]) - a0 + math.pi)
                                         % (2 * math.pi) - math.pi) for p in on]
                    span = max(angs) - min(angs)
                    if 80 <= span <= 100 and mx * n[0] + my * n[1] > 0:
                        ok = True
                        break
                check(ok, f"door {d['id']}: no 90° swing r={d['leaf_width_mm']} at {c}")
        if d["kind"] in ("sliding", "opening"):
            for c in (h, l_):
                for v, _layer in door_geo:
                    pts = points_of(v, mm)
                    on = [p for p in pts if abs(math.dist(p, c) - d["opening_width_mm"]) < 2.0]
                    check(len(on) < 3, f"door {d['id']} ({d['kind']}) has a swing")
        if d["block"]:
            names = {e.dxf.name for e in top_entities(doc, DOOR_LAYERS[dia])
                     if e.dxftype() == "INSERT"}
            check(d["block"] in names, f"door {d['id']}: block {d['block']} not inserted")
        if d["attributes"]:
            found = False
            for e in top_entities(doc, DOOR_LAYERS[dia]):
                if e.dxftype() == "INSERT" and e.dxf.name == d["block"]:
                    got = {a.dxf.tag: a.dxf.text for a in e.attribs}
                    found = got == d["attributes"]
            check(found, f"door {d['id']}: attributes differ")
    # windows
    glaz = [ls for e in top_entities(doc, GLAZ_LAYERS[dia]) for v in flat(e)
            for ls in lines_of(v, mm)]
    for w in exp["windows"]:
        c = Point(w["center"])
        check(any(ls.distance(c) < 1.0 and ls.length >= w["width_mm"] - 1 for ls in glaz),
              f"window {w['id']}: no glazing line")
        check(not c.buffer(20).intersects(wall_geo), f"window {w['id']}: wall line across")
    # fixtures
    inserts = defaultdict(list)
    for e in top_entities(doc):
        if e.dxftype() == "INSERT":
            inserts[e.dxf.name].append(e)
    for f in exp["fixtures"]:
        cands = inserts.get(f["block"], [])
        check(bool(cands), f"fixture {f['id']}: block {f['block']} missing")
        w, dd = f["size_mm"]
        ok = False
        for e in cands:
            # block extents in block coordinates, then through the insert's transformation
            ext = ezbbox.extents(doc.blocks[e.dxf.name], fast=False)
            if abs(ext.size.x * mm - w) > 2 or abs(ext.size.y * mm - dd) > 2:
                continue
            c = e.matrix44().transform(ext.center)
            da = (e.dxf.rotation - f["rotation_deg"] + 180) % 360 - 180
            if math.dist((c.x * mm, c.y * mm), f["center"]) < 2 and abs(da) < 0.01:
                ok = True
        check(ok, f"fixture {f['id']} ({f['block']}): no insert with the stated extents")
        fp = fixture_poly(f)
        check(rooms[(f["unit"], f["room"])].buffer(1).contains(fp),
              f"fixture {f['id']} not inside {f['room']}")
    # annotations
    if dia == "aia":
        tb = ezbbox.extents(top_entities(doc, ["A-ANNO-TTLB"]))
        fb = exp["footprint_bbox_mm"]
        gap = tb.extmin.x * mm - fb[2]
        check(gap >= 5000, f"title block only {gap:.0f} mm from the plan")
    return notes


def fixture_poly(f: dict[str, Any]) -> Polygon:
    w, d = f["size_mm"]
    p = box(-w / 2, -d / 2, w / 2, d / 2)
    p = rotate(p, f["rotation_deg"], origin=(0, 0))
    return translate(p, *f["center"])


# ---------------------------------------------------------------------------------------
# rough rule check (independent of planeval)
# ---------------------------------------------------------------------------------------


def local_box(f: dict[str, Any], x0: float, y0: float, x1: float, y1: float) -> Polygon:
    p = box(x0, y0, x1, y1)
    p = rotate(p, f["rotation_deg"], origin=(0, 0))
    return translate(p, *f["center"])


def mic(g: Any) -> float:
    if g.is_empty:
        return 0.0
    parts = list(getattr(g, "geoms", [g]))
    best = 0.0
    for p in parts:
        if isinstance(p, Polygon) and p.area > 1:
            ls = shapely.maximum_inscribed_circle(p, 1.0)
            best = max(best, 2 * ls.length)   # the line runs centre -> boundary
    return best


def sectors(exp: dict[str, Any]) -> list[tuple[dict[str, Any], Polygon]]:
    rooms = {lab: p for (u, lab), p in room_map(exp).items()}
    out = []
    for d in exp["doors"]:
        if d["kind"] not in ("hinged", "double"):
            continue
        dr = door_rooms(exp, d)
        n = door_normal(d, dr if d["swing_into"] != "outside" else rooms)
        h, l_ = d["hinge"], d["latch"]
        u = ((l_[0] - h[0]) / d["opening_width_mm"], (l_[1] - h[1]) / d["opening_width_mm"])
        for c, uu in ((h, u), (l_, (-u[0], -u[1]))) if d["kind"] == "double" else ((h, u),):
            out.append((d, generate.quarter_disc(tuple(c), uu, n, d["leaf_width_mm"])))
    return out


class Fails(dict):
    """(rule, unit) -> list of (subject, detail); the subject (a room label, "A–B" for a
    door, the unit id) must be named in the subject of the intended defect."""

    def add(self, key: tuple[str, str | None], subject: str, detail: str = "") -> None:
        self.setdefault(key, []).append((subject, detail))


def sliding_side_fails(exp: dict[str, Any], d: dict[str, Any], rm: dict[Any, Polygon],
                       fx_by_room: dict[Any, list[dict[str, Any]]]) -> list[str]:
    """Rooms where a sliding door lacks 300 mm of free floor (600 mm deep) beyond either end of
    its opening (NS 11001 / Husbanken 5.7, as tek17 reads TEK17 §12-13 (3) d)."""
    dr = door_rooms(exp, d)
    allrooms = {lab: p for (u, lab), p in rm.items()}
    n = door_normal(d, dr if d["swing_into"] not in (None, "outside") else allrooms)
    h, l_ = d["hinge"], d["latch"]
    w = d["opening_width_mm"]
    u = ((l_[0] - h[0]) / w, (l_[1] - h[1]) / w)
    t = d["wall_thickness_mm"]
    out = []
    for lab, uu in zip(d["rooms"], d["room_units"], strict=False):
        if lab == "outside":
            continue
        own = lab == (d["swing_into"] or d["rooms"][0])
        sgn = 1 if own else -1
        nn = (n[0] * sgn, n[1] * sgn)
        room = rm[(uu, lab)]
        for end, away in ((l_, u), (h, (-u[0], -u[1]))):
            base = (end[0] + (0 if own else -n[0] * t), end[1] + (0 if own else -n[1] * t))
            strip = Polygon([base, (base[0] + away[0] * 300, base[1] + away[1] * 300),
                             (base[0] + away[0] * 300 + nn[0] * 600, base[1] + away[1] * 300 + nn[1] * 600),
                             (base[0] + nn[0] * 600, base[1] + nn[1] * 600)])
            if not room.buffer(1).contains(strip) or any(
                    fixture_poly(f).intersection(strip).area > 1 for f in fx_by_room[(uu, lab)]):
                out.append(lab)
                break
    return out


def rule_findings(exp: dict[str, Any]) -> Fails:
    """(rule, unit) pairs that fail a rough reading of TEK17 ch. 12 + Husbanken."""
    fails = Fails()
    rm = room_map(exp)
    fx_by_room: dict[tuple[Any, str], list[dict[str, Any]]] = defaultdict(list)
    for f in exp["fixtures"]:
        fx_by_room[(f["unit"], f["room"])].append(f)
    secs = sectors(exp)
    R = 749.0

    def free(key: tuple[Any, str], keep_shower: bool = True, swings: bool = True) -> Any:
        g = rm[key]
        for f in fx_by_room[key]:
            if keep_shower and f["kind"] == "shower":
                continue
            g = g.difference(fixture_poly(f))
        if swings:
            for _d, s in secs:
                g = g.difference(s)
        return g

    units = {u["id"]: u for u in exp["plan_units"]}
    rtype = {(r["unit"], r["label"]): r for r in exp["rooms"]}
    # turning space
    for key, r in rtype.items():
        fn = r["function"]
        if r["unit"] is None:
            continue
        if fn in ("living", "kitchen", "bedroom", "entrance", "hall", "bathroom"):
            if mic(free(key)) / 2 < R:
                fails.add(("turning-space", r["unit"]), r["label"],
                          f"Ø{mic(free(key)):.0f}")
        if fn == "balcony" and mic(free(key)) / 2 < R:
            fails.add(("balcony-turning", r["unit"]), r["label"], f"Ø{mic(free(key)):.0f}")
    # kitchen front space
    for f in exp["fixtures"]:
        if f["kind"] == "kitchen_counter":
            w, d = f["size_mm"]
            zone = local_box(f, -w / 2, -d / 2 - 1500, w / 2, -d / 2)
            if mic(free((f["unit"], f["room"])).intersection(zone)) / 2 < R:
                fails.add(("kitchen-front-space", f["unit"]), f["room"], f["id"])
    # door widths, side space
    for d in exp["doors"]:
        unit = next((u for u in d["room_units"] if u), None)
        need = 860 if d["entrance"] else 760
        cw = d["leaf_width_mm"] - 65 if d["kind"] == "double" else d["clear_width_mm"]
        if cw < need:
            fails.add(("door-clear-width", unit), "–".join(d["rooms"]),
                      f"{d['id']} {cw} < {need}")
        if d["kind"] == "sliding":
            for lab in sliding_side_fails(exp, d, rm, fx_by_room):
                fails.add(("door-side-space", unit), "–".join(d["rooms"]), f"{d['id']} sliding, in {lab}")
        if d["kind"] != "hinged":
            continue
        dr = door_rooms(exp, d)
        allrooms = {lab: p for (u, lab), p in rm.items()}
        n = door_normal(d, dr if d["swing_into"] != "outside" else allrooms)
        h, l_ = d["hinge"], d["latch"]
        u = ((l_[0] - h[0]) / d["opening_width_mm"], (l_[1] - h[1]) / d["opening_width_mm"])
        t = d["wall_thickness_mm"]
        for lab, uu in zip(d["rooms"], d["room_units"], strict=False):
            if lab == "outside":
                continue
            pull = lab == d["swing_into"]
            need_s = 500 if pull else 300
            sgn = 1 if pull else -1
            base = (l_[0] + (0 if pull else -n[0] * t), l_[1] + (0 if pull else -n[1] * t))
            nn = (n[0] * sgn, n[1] * sgn)
            pts = [base, (base[0] + u[0] * need_s, base[1] + u[1] * need_s),
                   (base[0] + u[0] * need_s + nn[0] * 600, base[1] + u[1] * need_s + nn[1] * 600),
                   (base[0] + nn[0] * 600, base[1] + nn[1] * 600)]
            strip = Polygon(pts)
            room = rm[(uu, lab)]
            blocked = not room.buffer(1).contains(strip) or any(
                fixture_poly(f).intersection(strip).area > 1 for f in fx_by_room[(uu, lab)])
            if blocked:
                fails.add(("door-side-space", unit), "–".join(d["rooms"]), f"{d['id']} in {lab}")
    # storage
    for uid, u in units.items():
        need = 2.5 if u["bra_m2"] <= 50 else 5.0
        if u["storage_m2"] < need:
            fails.add(("storage-area", uid), f"unit {uid}")
    # WC side space / shower
    for f in exp["fixtures"]:
        room = rtype[(f["unit"], f["room"])]
        if f["kind"] == "wc" and room["function"] == "bathroom":
            w, d = f["size_mm"]
            g = free((f["unit"], f["room"]), swings=False)
            sides = []
            for x0, x1 in ((-w / 2 - 900, -w / 2), (w / 2, w / 2 + 900)):
                sides.append(g.buffer(1).contains(local_box(f, x0, -d / 2, x1, d / 2)))
            small = []
            for x0, x1 in ((-w / 2 - 200, -w / 2), (w / 2, w / 2 + 200)):
                small.append(g.buffer(1).contains(local_box(f, x0, -d / 2, x1, d / 2)))
            if not ((sides[0] and small[1]) or (sides[1] and small[0])):
                fails.add(("wc-clearance", f["unit"]), f["room"], f"{sides} {small}")
        if f["kind"] == "shower" and min(f["size_mm"]) < 900:
            fails.add(("shower-access", f["unit"]), f["room"])
    # passages (0.9 m) to every door (and window, in rooms for varig opphold)
    for key, r in rtype.items():
        if r["unit"] is None or r["function"] not in ("entrance", "hall", "living", "bedroom",
                                                      "kitchen"):
            continue
        g = free(key, swings=False).buffer(-449.0)
        comps = list(getattr(g, "geoms", [g])) if not g.is_empty else []
        poly = rm[key]
        targets = []
        for d in exp["doors"]:
            if (r["label"], r["unit"]) not in zip(d["rooms"], d["room_units"], strict=False):
                continue
            h, l_ = d["hinge"], d["latch"]
            mid = ((h[0] + l_[0]) / 2, (h[1] + l_[1]) / 2)
            ux, uy = l_[0] - h[0], l_[1] - h[1]
            ln = math.hypot(ux, uy)
            t = d["wall_thickness_mm"]
            for nx, ny in ((-uy / ln, ux / ln), (uy / ln, -ux / ln)):
                for face in (0, t):        # hinge/latch lie on the swing room's face
                    if poly.contains(Point(mid[0] + nx * (face + 20), mid[1] + ny * (face + 20))):
                        targets.append(Point(mid[0] + nx * (face + 460),
                                             mid[1] + ny * (face + 460)))
                        break
        if r["function"] in ("living", "bedroom", "kitchen"):
            for w in exp["windows"]:
                if w["rooms"][0] != r["label"] or w["unit"] != r["unit"]:
                    continue
                c = Point(w["center"])
                near = poly.exterior.interpolate(poly.exterior.project(c))
                vx, vy = near.x - c.x, near.y - c.y
                ln = math.hypot(vx, vy)
                p = Point(near.x + vx / ln * 460, near.y + vy / ln * 460)
                if any(fixture_poly(f).contains(p) for f in fx_by_room[key]):
                    continue           # window above a counter / bed head
                targets.append(p)
        ids = set()
        for p in targets:
            hit = [i for i, c in enumerate(comps) if c.buffer(1).contains(p)]
            ids.add(hit[0] if hit else -1)
        if -1 in ids or len(ids) > 1:
            fails.add(("passage-width", r["unit"]), r["label"], str(ids))
    # care bed zone (Husbanken omsorg) / double bed (livsløp)
    for f in exp["fixtures"]:
        if f["kind"] != "bed" or f["variant"] not in ("care", "double"):
            continue
        w, d = f["size_mm"]
        key = (f["unit"], f["room"])
        others = rm[key]
        for o in fx_by_room[key]:
            if o["id"] != f["id"]:
                others = others.difference(fixture_poly(o))
        ok_ = others.buffer(1)
        if f["variant"] == "care":
            zones = [local_box(f, -w / 2 - 1500, -d / 2, -w / 2, d / 2),
                     local_box(f, w / 2, -d / 2, w / 2 + 1500, d / 2),
                     local_box(f, -w / 2 - 1500, -d / 2 - 1400, w / 2 + 1500, -d / 2)]
            if not all(ok_.contains(z) for z in zones):
                fails.add(("bed-placement", f["unit"]), f["room"],
                          str([ok_.contains(z) for z in zones]))
        else:
            L1 = ok_.contains(local_box(f, -w / 2 - 1500, -d / 2, -w / 2, d / 2))
            R1 = ok_.contains(local_box(f, w / 2, -d / 2, w / 2 + 1500, d / 2))
            L6 = ok_.contains(local_box(f, -w / 2 - 600, -d / 2, -w / 2, d / 2))
            R6 = ok_.contains(local_box(f, w / 2, -d / 2, w / 2 + 600, d / 2))
            if not ((L1 and R6) or (R1 and L6)):
                fails.add(("bed-placement", f["unit"]), f["room"])
    # reachability through doors wide enough (clear >= 760)
    G: dict[Any, set[Any]] = defaultdict(set)
    for d in exp["doors"]:
        cw = d["leaf_width_mm"] - 65 if d["kind"] == "double" else d["clear_width_mm"]
        if cw < 760:
            continue
        a, b = [(u, lab) if lab != "outside" else "outside"
                for lab, u in zip(d["rooms"], d["room_units"], strict=False)]
        G[a].add(b)
        G[b].add(a)
    seen = {"outside"}
    todo = ["outside"]
    while todo:
        x = todo.pop()
        for y in G[x]:
            if y not in seen:
                seen.add(y)
                todo.append(y)
    for key, r in rtype.items():
        if key not in seen and r["unit"] is not None:
            fails.add(("wheelchair-reachability", r["unit"]), r["label"])
    # main functions
    for uid in units:
        fns = set()
        for r in exp["rooms"]:
            if r["unit"] == uid:
                fns.update(r["functions"])
        if not {"living", "kitchen", "bathroom"} <= fns or not ({"bedroom"} & fns or any(
                f["kind"] == "bed" and f["unit"] == uid for f in exp["fixtures"])):
            fails.add(("main-functions", uid), f"unit {uid}")
    return fails


def check_rules(exp: dict[str, Any]) -> str:
    got = rule_findings(exp)
    must = {(d["rule"], d["unit"]) for d in exp["defects"] if not d["consequential"]}
    may = {(d["rule"], d["unit"]) for d in exp["defects"]}
    missing = must - set(got)
    extra = set(got) - may
    check(not missing, f"intended defects not found: {sorted(missing, key=str)}")
    check(not extra, "unintended rule failures: " + "; ".join(
        f"{k}: {got[k]}" for k in sorted(extra, key=str)))
    for key, found in got.items():
        subjects = " ".join(d["subject"] for d in exp["defects"]
                            if (d["rule"], d["unit"]) == key).casefold()
        stray = [s for s, _ in found if s.casefold() not in subjects]
        check(not stray, f"{key} also fails for {stray}, not named in the defect subject")
    return ", ".join(sorted(f"{r}[{u}]" for r, u in got)) or "compliant"


def explain(exp: dict[str, Any]) -> None:
    for k, v in sorted(rule_findings(exp).items(), key=str):
        print("   ", k, v)


# ---------------------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------------------


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def render(dxf: Path, out: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from ezdxf.addons.drawing import Frontend, RenderContext
    from ezdxf.addons.drawing.config import BackgroundPolicy, Configuration
    from ezdxf.addons.drawing.matplotlib import MatplotlibBackend
    doc = ezdxf.readfile(dxf)
    fig = plt.figure(figsize=(16, 11), dpi=110)
    ax = fig.add_axes([0, 0, 1, 1])
    Frontend(RenderContext(doc), MatplotlibBackend(ax),
             config=Configuration(background_policy=BackgroundPolicy.WHITE)).draw_layout(
        doc.modelspace(), finalize=True)
    fig.savefig(out / (dxf.stem + ".png"), facecolor="white")
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=generate.OUT_DIR)
    ap.add_argument("--png", type=Path, help="render every sample to PNG into this folder")
    ap.add_argument("--quick", action="store_true", help="skip determinism/all-dialect runs")
    ap.add_argument("--explain", metavar="NAME", help="print the rough rule findings of a sample")
    args = ap.parse_args(argv)
    if args.explain:
        explain(json.loads((args.dir / f"{args.explain}.expected.json").read_text("utf-8")))
        return 0
    bad = 0
    names = [lay.name for lay in generate.SAMPLES]
    for name in names:
        dxf = args.dir / f"{name}.dxf"
        exp = json.loads((args.dir / f"{name}.expected.json").read_text(encoding="utf-8"))
        try:
            check_structure(dxf, exp)
            res = check_rules(exp)
            print(f"ok   {name:28s} {res}")
        except Fail as e:
            bad += 1
            print(f"FAIL {name:28s} {e}")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            render(dxf, args.png)
    if not args.quick:
        with tempfile.TemporaryDirectory() as t1, tempfile.TemporaryDirectory() as t2:
            # two separate processes with different hash seeds (set/dict order, ids ...)
            for t, seed in ((t1, "1"), (t2, "4242")):
                subprocess.run([sys.executable, str(HERE / "generate.py"), "--quiet",
                                "--out", t], check=True,
                               env={**os.environ, "PYTHONHASHSEED": seed})
            for p in sorted(Path(t1).iterdir()):
                q, r = Path(t2) / p.name, args.dir / p.name
                if sha(p) != sha(q):
                    bad += 1
                    print(f"FAIL not deterministic: {p.name}")
                elif not r.exists() or sha(p) != sha(r):
                    bad += 1
                    print(f"FAIL samples/dxf/{p.name} is stale: run generate.py")
            n = len(list(Path(t1).iterdir()))
            print(f"ok   determinism: {n} files identical over two runs")
        for dia in sorted(generate.DIALECTS):
            with tempfile.TemporaryDirectory() as t:
                generate.main(["--quiet", "--out", t, "--dialect", dia])
                for name in names:
                    exp = json.loads((Path(t) / f"{name}.expected.json").read_text("utf-8"))
                    try:
                        check_structure(Path(t) / f"{name}.dxf", exp)
                    except Fail as e:
                        bad += 1
                        print(f"FAIL {name} as {dia}: {e}")
            print(f"ok   every layout written as {dia}")
    print("all checks passed" if not bad else f"{bad} failure(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
