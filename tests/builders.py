"""Small DXF plans built in memory for tests (ezdxf), in millimetres unless told otherwise."""

from __future__ import annotations

import math
from pathlib import Path

import ezdxf


def new(insunits: int | None = 4, version: str = "R2013"):
    doc = ezdxf.new(version)
    if insunits is not None:
        doc.header["$INSUNITS"] = insunits
    return doc, doc.modelspace()


def rect(msp, x0, y0, x1, y1, layer="A-WALL", s=1.0, hatch=False):
    pts = [(x0 * s, y0 * s), (x1 * s, y0 * s), (x1 * s, y1 * s), (x0 * s, y1 * s)]
    msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": layer})
    if hatch:
        h = msp.add_hatch(dxfattribs={"layer": layer})
        h.paths.add_polyline_path(pts, is_closed=True)


def walls_around(msp, x0, y0, x1, y1, t=100, layer="A-WALL", gaps=(), s=1.0, style="bodies"):
    """Walls of thickness t outside the interior rectangle, with gaps: (side, start, end) along the side,
    side in 'S','N','W','E', offsets measured from x0 (S/N) or y0 (W/E). ``style``: closed polylines ("bodies"),
    hatched ("hatch"), centre lines ("single"), face lines and jambs ("double") or a multiline along the centre
    ("mline")."""
    sides = {
        "S": ((x0 - t, y0 - t), (x1 + t, y0), "x"),
        "N": ((x0 - t, y1), (x1 + t, y1 + t), "x"),
        "W": ((x0 - t, y0), (x0, y1), "y"),
        "E": ((x1, y0), (x1 + t, y1), "y"),
    }
    for side, ((ax, ay), (bx, by), axis) in sides.items():
        cuts = sorted((a, b) for sd, a, b in gaps if sd == side)
        pieces = []
        if axis == "x":
            start = ax
            for a, b in cuts:
                pieces.append((start, ay, x0 + a, by))
                start = x0 + b
            pieces.append((start, ay, bx, by))
        else:
            start = ay
            for a, b in cuts:
                pieces.append((ax, start, bx, y0 + a))
                start = y0 + b
            pieces.append((ax, start, bx, by))
        for px0, py0, px1, py1 in pieces:
            if px1 - px0 <= 0 or py1 - py0 <= 0:
                continue
            if style == "bodies":
                rect(msp, px0, py0, px1, py1, layer, s)
            elif style == "hatch":
                rect(msp, px0, py0, px1, py1, layer, s, hatch=True)
            elif style == "single":
                # one line along the wall's centre
                if px1 - px0 >= py1 - py0:
                    cy = (py0 + py1) / 2
                    msp.add_line((px0 * s, cy * s), (px1 * s, cy * s), dxfattribs={"layer": layer})
                else:
                    cx = (px0 + px1) / 2
                    msp.add_line((cx * s, py0 * s), (cx * s, py1 * s), dxfattribs={"layer": layer})
            elif style == "mline":
                # one MLINE along the wall's centre (the Standard style: two face lines, no caps), as the thickness
                horizontal = px1 - px0 >= py1 - py0
                c = (py0 + py1) / 2 if horizontal else (px0 + px1) / 2
                ends = [(px0, c), (px1, c)] if horizontal else [(c, py0), (c, py1)]
                msp.add_mline([(x * s, y * s) for x, y in ends],
                              dxfattribs={"layer": layer, "justification": 1, "scale_factor": min(px1 - px0, py1 - py0) * s})
            elif style == "double":
                # two face lines and two jambs, as LINEs
                for a, b in (
                    ((px0, py0), (px1, py0)),
                    ((px1, py0), (px1, py1)),
                    ((px1, py1), (px0, py1)),
                    ((px0, py1), (px0, py0)),
                ):
                    msp.add_line((a[0] * s, a[1] * s), (b[0] * s, b[1] * s), dxfattribs={"layer": layer})


def door_arc(msp, hinge, latch_dir_deg, open_dir_deg, r, layer="A-DOOR", s=1.0, leaf=True):
    """A loose swing: arc from the closed (latch) direction to the open direction, and the open leaf line."""
    hx, hy = hinge
    a0, a1 = latch_dir_deg, open_dir_deg
    if (a1 - a0) % 360 > 180:
        a0, a1 = a1, a0
    msp.add_arc((hx * s, hy * s), r * s, a0, a1, dxfattribs={"layer": layer})
    if leaf:
        ox = hx + r * math.cos(math.radians(open_dir_deg))
        oy = hy + r * math.sin(math.radians(open_dir_deg))
        msp.add_line((hx * s, hy * s), (ox * s, oy * s), dxfattribs={"layer": layer})


def door_block(doc, name="DOOR-M9", r=825):
    """Block with origin at the hinge: closed leaf along +X, open leaf along +Y, 90° arc."""
    if name in doc.blocks:
        return name
    b = doc.blocks.new(name)
    b.add_arc((0, 0), r, 0, 90)
    b.add_lwpolyline([(0, 0), (40, 0), (40, r), (0, r)], close=True)
    return name


def text(msp, x, y, s, layer="A-ANNO-TEXT", h=200.0):
    msp.add_text(s, dxfattribs={"layer": layer, "height": h}).set_placement(
        (x, y), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER
    )


def save(doc, tmp_path: Path, name: str = "plan.dxf") -> Path:
    p = tmp_path / name
    doc.saveas(p)
    return p


def two_rooms(
    tmp_path: Path, style: str = "bodies", s: float = 1.0, insunits: int | None = 4, labels=("Stue", "Soverom"), door="arc"
):
    """Room A 0..3000 × 0..4000, room B 3100..6000 × 0..4000 (interior), 100 mm walls, a 900 door
    between them at y 1000..1900 hinged at (3000, 1000), swinging into B; entrance door in A's west
    wall at y 2000..2900."""
    doc, msp = new(insunits)
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("E", 1000, 1900), ("W", 2000, 2900)], s=s, style=style)
    walls_around(msp, 3100, 0, 6000, 4000, gaps=[("W", 1000, 1900)], s=s, style=style)
    if door == "arc":
        door_arc(msp, (3100, 1000), 90, 0, 900, s=s)
        door_arc(msp, (-100, 2000), 90, 180, 900, s=s)
    elif door == "block":
        name = door_block(doc, "DOOR-M10", 900)
        msp.add_blockref(name, (3100 * s, 1000 * s), dxfattribs={"layer": "A-DOOR", "rotation": 90, "xscale": s, "yscale": -s})
        msp.add_blockref(name, (-100 * s, 2000 * s), dxfattribs={"layer": "A-DOOR", "rotation": 90, "xscale": s, "yscale": s})
    if labels:
        text(msp, 1500 * s, 3000 * s, labels[0], h=200 * s)
        text(msp, 4500 * s, 3000 * s, labels[1], h=200 * s)
    return save(doc, tmp_path)


def proxy_graphic(polygons=(), polylines=()) -> bytes:
    """Proxy graphics (the binary that AutoCAD's vertical products save with their objects) drawing closed
    ``polygons`` and open ``polylines`` (lists of (x, y) points): commands 7 (POLYGON) and 6 (POLYLINE)."""
    import struct

    commands = []
    for kind, shapes in ((7, polygons), (6, polylines)):
        for pts in shapes:
            data = struct.pack("<l", len(pts)) + b"".join(struct.pack("<3d", x, y, 0.0) for x, y in pts)
            commands.append(struct.pack("<2L", 8 + len(data), kind) + data)
    body = b"".join(commands)
    return struct.pack("<2L", 8 + len(body), len(commands)) + body


def add_custom_object(path: Path, dxftype: str, layer: str, graphic: bytes, subclass: str = "AecDbWall") -> None:
    """Add to the R2013 file at ``path`` an object of another program (``AEC_WALL``…) carrying ``graphic``
    as its proxy graphics (group codes 160 and 310), as AutoCAD Architecture writes them."""
    import zlib

    hexed = graphic.hex().upper()
    chunks = "".join(f"310\n{hexed[i:i + 254]}\n" for i in range(0, len(hexed), 254))
    handle = f"FFFF{zlib.crc32(dxftype.encode() + graphic) % 0xFFFF:04X}"  # deterministic, and unlike the file's own
    raw = (f"  0\n{dxftype}\n  5\n{handle}\n330\n1F\n100\nAcDbEntity\n  8\n{layer}\n160\n{len(graphic)}\n{chunks}"
           f"100\n{subclass}\n")
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("ENTITIES\n")
    end = tail.index("  0\nENDSEC")
    path.write_text(head + sep + tail[:end] + raw + tail[end:], encoding="utf-8")
