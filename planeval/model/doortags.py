"""Door tags: a door's size written beside it, read as its leaf width and height.

* US nominal sizes, four digits of feet and inches (width 1'–4'9", height 6'–8'9"): ``2668`` =
  2'6" × 6'8" (762 × 2032 mm), ``3068`` = 3'0" × 6'8", ``3070`` = 3'0" × 7'0";
* feet and inches written out: ``2'8X6'8``, ``2'-8" x 6'-8"``, ``2#4'9X6'8 BI FOLD`` (a 4'9" opening of two
  folding leaves);
* Nordic modules: ``M9x21``, ``10x21`` (module × 100 mm; the clear width follows the module rule).

A tag belongs to the nearest door whose opening's middle is within 1.2 m; it is then no room label.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planeval.model.doors import FOLDING_RE, DoorCandidate
from planeval.model.types import DoorKind
from planeval.read.drawing import Text
from planeval.vocabulary import DOOR_SIZE_RE

NEAR_MM = 1200.0
INCH_MM = 25.4
_US = re.compile(r"^\s*([1-4])([0-9])([6-8])([0-9])\s*$")
_FEET = DOOR_SIZE_RE
_MODULE = re.compile(r"^\s*(?:m\s*)?(\d{1,2})\s*[x×]\s*(\d{2})\s*$", re.I)


@dataclass(frozen=True)
class DoorTag:
    """What a tag states: the leaf width and height (mm), or a module; how many doors; its text."""

    width_mm: float | None
    height_mm: float | None
    module: int | None
    count: int
    text: str
    folding: bool = False


def parse_tag(text: str) -> DoorTag | None:
    """The door size a text states, else None.

    >>> parse_tag("2668")
    DoorTag(width_mm=762.0, height_mm=2032.0, module=None, count=1, text='2668', folding=False)
    >>> t = parse_tag("2#4'9X6'8 BI FOLD CLOSET"); (round(t.width_mm), t.count, t.folding)
    (1448, 2, True)
    >>> parse_tag("M9x21").module, parse_tag("Stue")
    (9, None)
    """
    t = text.strip()
    m = _US.match(t)
    if m:
        wf, wi, hf, hi = (int(g) for g in m.groups())
        return DoorTag((wf * 12 + wi) * INCH_MM, (hf * 12 + hi) * INCH_MM, None, 1, t)
    m = _FEET.search(t)
    if m:
        count, w_ft, w_in, h_ft, h_in = m.groups()
        if w_in is not None and int(w_in) > 11 or h_in is not None and int(h_in) > 11:
            return None
        w = (int(w_ft) * 12 + int(w_in or 0)) * INCH_MM
        h = (int(h_ft) * 12 + int(h_in or 0)) * INCH_MM
        return DoorTag(w, h, None, int(count or 1), t, bool(FOLDING_RE.search(t)))
    m = _MODULE.match(t)
    if m and 6 <= int(m.group(1)) <= 12 and 19 <= int(m.group(2)) <= 24:
        return DoorTag(None, int(m.group(2)) * 100.0, int(m.group(1)), 1, t)
    return None


def assign_tags(texts: list[Text], candidates: list[DoorCandidate]) -> tuple[dict[int, DoorTag], set[int]]:
    """Tags by candidate index, and the indices (into ``texts``) of the texts used as tags."""
    tags: dict[int, DoorTag] = {}
    used: set[int] = set()
    if not candidates:
        return tags, used
    mids = [((c.hinge[0] + c.latch[0]) / 2, (c.hinge[1] + c.latch[1]) / 2) for c in candidates]
    for ti, t in enumerate(texts):
        tag = parse_tag(t.text)
        if tag is None:
            continue
        dist, k = min((math.dist((t.x, t.y), m), k) for k, m in enumerate(mids))
        if dist <= NEAR_MM and k not in tags:
            tags[k] = tag
            used.add(ti)
    return tags, used


def apply_tags(candidates: list[DoorCandidate], tags: dict[int, DoorTag]) -> None:
    """Give each tagged candidate the width its tag states (a folding tag on a plain opening makes it folding)."""
    for k, tag in tags.items():
        c = candidates[k]
        if tag.folding and c.kind in (DoorKind.OPENING, DoorKind.SLIDING):
            c.kind = DoorKind.FOLDING
        c.tag_width_mm = tag.width_mm
        c.tag_module = tag.module
        c.tag_height_mm = tag.height_mm
        c.tag_text = tag.text
