"""Where a text stands: TEXT, ATTRIB and MTEXT entities placed at their visual centre.

Room labels are matched to rooms by position, so a text counts where it is seen, not at its
insertion point: the alignment (TEXT/ATTRIB) or attachment point (MTEXT), the rotation and an
estimated width (0.6 × height per character) move the insertion point to the middle of the text.
A TEXT's points are in its object coordinate system (a mirrored block gives extrusion (0, 0, −1)):
the centre is worked out there and converted to world coordinates, like arcs and polylines.
"""

from __future__ import annotations

import math
import re
from typing import Any

from planeval.perf import exceeded
from planeval.read.drawing import Role, Source, Text

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(s: str) -> str:
    """``s`` with lone surrogates (undecodable bytes, ``\\U+D800`` escapes) replaced by U+FFFD, so that
    every writer (JSON, console, XML, HTML) can encode it.

    >>> clean("Entr" + chr(0xDCC3) + chr(0xDC89)) == "Entr\\ufffd\\ufffd"
    True
    """
    return s if s.isascii() else _SURROGATE.sub("\ufffd", s)


#: AutoCAD's own limit on layer, block and tag names: a longer one is cut (matching a 3 MB name against
#: every profile's patterns would take minutes)
MAX_NAME_CHARS = 255


def name_of(s: str) -> str:
    """A layer, block or attribute-tag name as planeval uses it: :func:`clean`, at most ``MAX_NAME_CHARS``."""
    return clean(s[:MAX_NAME_CHARS])


def read_text(e: Any, layer: str, role: Role, src: Source, max_chars: int = 0) -> Text | None:
    """The text of a TEXT, MTEXT, ATTRIB or ATTDEF entity at its visual centre (None when empty or not finite).

    A text longer than ``max_chars`` (0: no limit) is over the ``max-text`` limit.
    """
    dxftype = e.dxftype()
    raw = e.text if dxftype == "MTEXT" else e.dxf.get("text", "")
    if max_chars and len(raw) > max_chars:
        raise exceeded("text_chars", f"a {dxftype} of {len(raw):,} characters")
    if dxftype == "MTEXT":
        text = e.plain_text(split=False)
        h = float(e.dxf.char_height or 1.0)
        x, y = mtext_center(e, text, h)
        tag = ""
    else:
        text = e.plain_text()
        h = float(e.dxf.height or 1.0)
        x, y = text_center(e, text, h)
        ext = e.dxf.get("extrusion")
        if ext is not None and (abs(ext.x) > 1e-12 or abs(ext.y) > 1e-12 or ext.z < 0):
            w = e.ocs().to_wcs((x, y, float(e.dxf.insert.z)))
            x, y = w.x, w.y
        tag = name_of(str(e.dxf.tag)) if dxftype == "ATTRIB" else ""
    text = clean(unescape(text)).strip()
    if not text or not all(math.isfinite(v) for v in (x, y, h)):
        return None
    return Text(x, y, text, abs(h), layer, role, src, tag, rotation(e))


_UNICODE = re.compile(r"\\U\+([0-9A-Fa-f]{4})", re.IGNORECASE)


def unescape(s: str) -> str:
    """``\\U+XXXX`` escapes (as AutoCAD writes æøå in old files) decoded.

    >>> unescape(r"K\\U+00F8kken 12,4 m\\U+00B2")
    'Køkken 12,4 m²'
    """
    return _UNICODE.sub(lambda m: chr(int(m.group(1), 16)), s) if "+" in s else s


def rotation(e: Any) -> float:
    """The direction a text is written in, degrees counter-clockwise (0: left to right)."""
    if e.dxftype() == "MTEXT" and e.dxf.hasattr("text_direction"):
        d = e.dxf.text_direction
        return math.degrees(math.atan2(d.y, d.x)) % 360.0
    return float(e.dxf.get("rotation", 0.0) or 0.0) % 360.0


def rotate(dx: float, dy: float, deg: float) -> tuple[float, float]:
    """The offset (dx, dy) turned by ``deg`` degrees counter-clockwise."""
    a = math.radians(deg)
    return dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)


def text_center(e: Any, text: str, h: float) -> tuple[float, float]:
    """Visual centre of a TEXT/ATTRIB from its alignment (width estimated at 0.6 h per character)."""
    width = 0.6 * h * max(1, len(text)) * float(e.dxf.get("width", 1.0) or 1.0)
    halign = int(e.dxf.get("halign", 0) or 0)
    valign = int(e.dxf.get("valign", 0) or 0)
    rot = float(e.dxf.get("rotation", 0.0) or 0.0)
    if halign == 0 and valign == 0:
        base = e.dxf.insert
    else:
        base = e.dxf.get("align_point") or e.dxf.insert
    # offset from the base point to the centre, in text coordinates
    dx = {0: width / 2, 1: 0.0, 2: -width / 2, 3: 0.0, 4: 0.0, 5: 0.0}.get(halign, width / 2)
    if halign in (3, 5):  # aligned / fit: the base is the start point
        base = e.dxf.insert
        dx = width / 2
    dy = {0: h / 2, 1: h / 2, 2: 0.0, 3: -h / 2}.get(valign, h / 2)
    if halign == 4:  # middle: centre of the text box
        dy = 0.0
    ox, oy = rotate(dx, dy, rot)
    return base.x + ox, base.y + oy


def mtext_center(e: Any, text: str, h: float) -> tuple[float, float]:
    """Visual centre of an MTEXT from its attachment point, width (or 0.6 h per character) and lines."""
    lines = text.split("\n") if text else [""]
    width = float(e.dxf.get("width", 0.0) or 0.0) or 0.6 * h * max(len(line) for line in lines)
    width = min(width, 0.6 * h * max(1, max(len(line) for line in lines)) * 1.2) if width else width
    height = h * (1 + 1.4 * (len(lines) - 1))
    ap = int(e.dxf.get("attachment_point", 1) or 1)
    col = (ap - 1) % 3  # 0 left, 1 centre, 2 right
    row = (ap - 1) // 3  # 0 top, 1 middle, 2 bottom
    dx = (0.5 - col * 0.5) * width
    dy = (-0.5 + row * 0.5) * height
    rot = 0.0
    if e.dxf.hasattr("text_direction"):
        d = e.dxf.text_direction
        rot = math.degrees(math.atan2(d.y, d.x))
    elif e.dxf.hasattr("rotation"):
        rot = float(e.dxf.rotation)
    ox, oy = rotate(dx, dy, rot)
    ins = e.dxf.insert
    return ins.x + ox, ins.y + oy
