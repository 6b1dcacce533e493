"""Hand-made hostile DXF files, built with ezdxf: block bombs, MINSERT grids, huge labels, counts and multilines.

``HOSTILE`` maps a name to a builder ``fn(rng) -> bytes``; each builds a small plan (a room with
walls, a door and a label, so the reader gets past "nothing here") and adds one hostile thing.
The files are small even when what they expand to is not (a block inserted 3x into itself, ten
inserts x eight levels, a 1000 x 1000 MINSERT).
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from typing import Any

Builder = Callable[[random.Random], bytes]


def _doc(version: str = "R2013") -> Any:
    import ezdxf

    doc = ezdxf.new(version)
    if version != "R12":
        doc.header["$INSUNITS"] = 4
    for name in ("A-WALL", "A-DOOR", "A-ANNO-TEXT", "A-AREA", "A-FURN"):
        doc.layers.add(name)
    return doc


def _room(msp: Any, x: float = 0.0, y: float = 0.0, w: float = 4000.0, h: float = 3000.0, label: str = "Stue") -> None:
    """A room of double-line walls with a door gap, a door block and a label."""
    t = 150.0
    for ring in ([(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
                 [(x + t, y + t), (x + w - t, y + t), (x + w - t, y + h - t), (x + t, y + h - t)]):
        msp.add_polyline2d(ring, close=True, dxfattribs={"layer": "A-WALL"})
    msp.add_line((x + 1000, y), (x + 1000, y + t), dxfattribs={"layer": "A-WALL"})
    msp.add_arc((x + 1000, y + t), 900, 0, 90, dxfattribs={"layer": "A-DOOR"})
    msp.add_line((x + 1000, y + t), (x + 1000, y + t + 900), dxfattribs={"layer": "A-DOOR"})
    msp.add_text(label, height=250, dxfattribs={"layer": "A-ANNO-TEXT", "insert": (x + w / 2, y + h / 2)})


def _save(doc: Any) -> bytes:
    s = io.StringIO()
    doc.write(s)
    return s.getvalue().encode(doc.output_encoding, errors="replace")


def _plan(rng: random.Random) -> tuple[Any, Any]:
    doc = _doc()
    msp = doc.modelspace()
    _room(msp)
    return doc, msp


def self_insert(rng: random.Random) -> bytes:
    """A block that inserts itself (once, or 3x: a fan-out that never ends)."""
    doc, msp = _plan(rng)
    blk = doc.blocks.new("SELF")
    blk.add_line((0, 0), (1000, 0), dxfattribs={"layer": "A-WALL"})
    for k in range(rng.choice((1, 3))):
        blk.add_blockref("SELF", (k * 100.0, 50.0))
    msp.add_blockref("SELF", (500, 500))
    return _save(doc)


def mutual_insert(rng: random.Random) -> bytes:
    """A -> B -> A."""
    doc, msp = _plan(rng)
    a, b = doc.blocks.new("A"), doc.blocks.new("B")
    a.add_line((0, 0), (100, 0), dxfattribs={"layer": "A-WALL"})
    a.add_blockref("B", (10, 0))
    b.add_blockref("A", (0, 10), dxfattribs={"rotation": 30})
    msp.add_blockref("A", (0, 0))
    return _save(doc)


def fan_out(rng: random.Random) -> bytes:
    """Ten inserts of the level below, eight levels: 10^8 lines from a 20 kB file."""
    doc, msp = _plan(rng)
    fan, levels = rng.choice(((10, 8), (4, 16), (3, 20), (50, 5), (2, 40)))
    prev = "L0"
    blk = doc.blocks.new(prev)
    blk.add_line((0, 0), (100, 0), dxfattribs={"layer": "A-WALL"})
    for lv in range(1, levels + 1):
        name = f"L{lv}"
        blk = doc.blocks.new(name)
        for k in range(fan):
            blk.add_blockref(prev, (k * 10.0, 0.0))
        prev = name
    msp.add_blockref(prev, (0, 0))
    return _save(doc)


def minsert_grid(rng: random.Random) -> bytes:
    """A MINSERT of 1000 x 1000 door blocks (or nested grids)."""
    doc, msp = _plan(rng)
    blk = doc.blocks.new("DOOR-M9")
    blk.add_arc((0, 0), 900, 0, 90, dxfattribs={"layer": "A-DOOR"})
    blk.add_line((0, 0), (0, 900), dxfattribs={"layer": "A-DOOR"})
    n = rng.choice((1000, 3000, 200))
    ref = msp.add_blockref("DOOR-M9", (0, 0))
    ref.grid(size=(n, n), spacing=(1000, 1000))
    if rng.random() < 0.5:
        outer = doc.blocks.new("GRID")
        r2 = outer.add_blockref("DOOR-M9", (0, 0))
        r2.grid(size=(100, 100), spacing=(10, 10))
        r3 = msp.add_blockref("GRID", (0, 0))
        r3.grid(size=(100, 100), spacing=(10, 10))
    return _save(doc)


def huge_label(rng: random.Random) -> bytes:
    """A TEXT or MTEXT label of 1 – 3 MB."""
    doc, msp = _plan(rng)
    n = rng.choice((1_000_000, 3_000_000))
    word = rng.choice(("Stue ", "x", "Soverom\\P", "{\\H2;Bad}"))
    text = (word * (n // len(word) + 1))[:n]
    if rng.random() < 0.5:
        msp.add_mtext(text, dxfattribs={"layer": "A-ANNO-TEXT", "insert": (2000, 1500), "char_height": 250})
    else:
        msp.add_text(text, height=250, dxfattribs={"layer": "A-ANNO-TEXT", "insert": (2000, 1500)})
    return _save(doc)


def _with_raw_entities(doc: Any, raw: str) -> bytes:
    """The document with ``raw`` (R12-style tag text) added at the end of its ENTITIES section
    (written as text: building 300,000 ezdxf entities takes minutes)."""
    data = _save(doc).decode(doc.output_encoding)
    at = data.index("ENTITIES")
    end = data.index("\n  0\nENDSEC", at)
    return (data[:end] + "\n" + raw.rstrip("\n") + data[end:]).encode(doc.output_encoding)


def many_entities(rng: random.Random) -> bytes:
    """A few hundred thousand lines, texts or circles, or one polyline of 600,000 vertices."""
    doc = _doc("R12")
    msp = doc.modelspace()
    _room(msp)
    kind = rng.choice(("lines", "vertices", "texts", "circles"))
    n = rng.choice((100_000, 300_000))
    if kind == "lines":
        raw = "".join(f"  0\nLINE\n  8\nA-WALL\n 10\n{i * 10}\n 20\n0\n 11\n{i * 10}\n 21\n1000\n" for i in range(n))
    elif kind == "vertices":
        raw = "  0\nPOLYLINE\n  8\nA-AREA\n 66\n1\n 70\n1\n" + "".join(
            f"  0\nVERTEX\n  8\nA-AREA\n 10\n{math.cos(i / 1e5) * 1e4:.3f}\n 20\n{math.sin(i / 1e5) * 1e4:.3f}\n"
            for i in range(2 * n)) + "  0\nSEQEND\n  8\nA-AREA\n"
    elif kind == "texts":
        raw = "".join(f"  0\nTEXT\n  8\nA-ANNO-TEXT\n 10\n{i % 300 * 100}\n 20\n{i // 300 * 100}\n 40\n250\n  1\nBad\n"
                      for i in range(n // 3))
    else:
        raw = "".join(f"  0\nCIRCLE\n  8\nA-AREA\n 10\n{i % 300 * 500}\n 20\n{i // 300 * 500}\n 40\n400\n"
                      for i in range(n // 3))
    return _with_raw_entities(doc, raw)


def huge_geometry(rng: random.Random) -> bytes:
    """One entity whose size, not count, is hostile: a room circle of radius 1e9, a bulge of 1e8 on an
    800 mm chord, an ellipse of ratio 1e-12, a hatch of 1e5 vertices, a spline of 10^5 control points."""
    doc, msp = _plan(rng)
    kind = rng.choice(("circle", "bulge", "ellipse", "hatch", "spline", "arc", "text_height"))
    if kind == "circle":
        msp.add_circle((0, 0), rng.choice((1e9, 1e10, 5e10)), dxfattribs={"layer": rng.choice(("A-AREA", "A-WALL", "A-DOOR"))})
    elif kind == "bulge":
        msp.add_lwpolyline([(0, 0, 0, 0, rng.choice((1e8, -1e8, 1e12))), (800, 0, 0, 0, 0), (800, 800)],
                           format="xyseb", close=rng.random() < 0.5, dxfattribs={"layer": rng.choice(("A-AREA", "A-WALL"))})
    elif kind == "ellipse":
        msp.add_ellipse((0, 0), major_axis=(1e6, 0), ratio=rng.choice((1e-12, 1e-6, 1.0)), dxfattribs={"layer": "A-WALL"})
    elif kind == "hatch":
        h = msp.add_hatch(dxfattribs={"layer": "A-AREA"})
        h.paths.add_polyline_path([(math.cos(i / 1e4) * 5e3, math.sin(i / 1e4) * 5e3) for i in range(100_000)])
    elif kind == "spline":
        msp.add_spline([(i * 10.0, (i % 7) * 100.0) for i in range(100_000)], dxfattribs={"layer": "A-WALL"})
    elif kind == "arc":
        msp.add_arc((0, 0), 1e12, 0, 0.0001, dxfattribs={"layer": "A-DOOR"})
    else:
        msp.add_text("Soverom", height=1e300, dxfattribs={"layer": "A-ANNO-TEXT", "insert": (2000, 1500)})
    return _save(doc)


def huge_mline(rng: random.Random) -> bytes:
    """A multiline whose rendering is hostile: 50,000 vertices, a style of 500 elements (on 200 vertices:
    both at once would be a 1 GB file), a scale of 1e12 or 1e300, or a style name no MLINESTYLE has."""
    doc, msp = _plan(rng)
    kind = rng.choice(("vertices", "elements", "scale", "no_style"))
    style = doc.mline_styles.new("HOSTILE")
    for i in range(500 if kind == "elements" else 2):
        style.elements.append(0.5 - i / 500)
    n = {"vertices": 50_000, "elements": 200}.get(kind, 10)
    scale = rng.choice((1e12, 1e300)) if kind == "scale" else 150.0
    mline = msp.add_mline([(i * 10.0, (i % 2) * 10.0) for i in range(n)],
                          dxfattribs={"layer": "A-WALL", "style_name": "HOSTILE", "scale_factor": scale})
    if kind == "no_style":
        mline.dxf.style_name = "NO-SUCH-STYLE"
        mline.dxf.discard("style_handle")
    return _save(doc)


def odd_structure(rng: random.Random) -> bytes:
    """INSERTs of missing blocks, unknown entity types, a layout dictionary without the Model layout,
    zero and NaN scales, a zero extrusion."""
    doc, msp = _plan(rng)
    kind = rng.choice(("missing_block", "unknown_type", "no_model_layout", "zero_scale", "zero_extrusion", "nan_scale"))
    if kind == "missing_block":
        ref = msp.add_blockref("DOOR-M9", (1000, 0))
        data = _save(doc)
        return data.replace(b"\nDOOR-M9\r", b"\nNO-SUCH-BLOCK\r").replace(b"\nDOOR-M9\n", b"\nNO-SUCH-BLOCK\n")
    if kind == "unknown_type":
        data = _save(doc)
        return data.replace(b"\nENDSEC", b"\nFOOBAR\n  8\nA-WALL\n 10\n0\n 20\n0\n  0\nENDSEC", 2)
    if kind == "no_model_layout":
        data = _save(doc)
        return data.replace(b"*Model_Space", b"*Nodel_Space").replace(b"\nModel\n", b"\nNodel\n")
    blk = doc.blocks.new("DOOR-M9")
    blk.add_arc((0, 0), 900, 0, 90, dxfattribs={"layer": "A-DOOR"})
    ref = msp.add_blockref("DOOR-M9", (1000, 0))
    if kind == "zero_scale":
        ref.dxf.xscale = 0.0
    elif kind == "nan_scale":
        ref.dxf.yscale = 1e300
    else:
        ref.dxf.extrusion = (0.0, 0.0, 1e-300)
    return _save(doc)


def plan_block(rng: random.Random) -> bytes:
    """A plan drawn in a block (read as drawn in place: :mod:`planeval.read.containers`) that is hostile: it
    inserts itself, is placed by a MINSERT grid of 20 × 20 dwellings, or nests 17 blocks of plans deep."""
    doc = _doc()
    msp = doc.modelspace()
    unit = doc.blocks.new("UNIT")
    _room(unit)
    _room(unit, 4000.0, 0.0, label="Soverom")
    kind = rng.choice(("self", "grid", "deep"))
    if kind == "self":
        unit.add_blockref("UNIT", (9000.0, 0.0))
        msp.add_blockref("UNIT", (0, 0))
    elif kind == "grid":
        msp.add_blockref("UNIT", (0, 0)).grid(size=(20, 20), spacing=(4000, 9000))
    else:
        prev = "UNIT"
        for lv in range(17):
            blk = doc.blocks.new(f"PLAN{lv}")
            _room(blk, 0.0, 4000.0)
            blk.add_blockref(prev, (0.0, 0.0))
            prev = f"PLAN{lv}"
        msp.add_blockref(prev, (0, 0))
    return _save(doc)


HOSTILE: dict[str, Builder] = {
    "self_insert": self_insert,
    "mutual_insert": mutual_insert,
    "fan_out": fan_out,
    "minsert_grid": minsert_grid,
    "huge_label": huge_label,
    "many_entities": many_entities,
    "huge_geometry": huge_geometry,
    "odd_structure": odd_structure,
    "huge_mline": huge_mline,
    "plan_block": plan_block,
}


def build(name: str, seed: int) -> bytes:
    """The hostile file ``name`` with ``seed`` (deterministic)."""
    return HOSTILE[name](random.Random(f"{name}:{seed}"))
