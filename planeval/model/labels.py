"""Room names and functions from the texts found in each room.

Sources, strongest first: a room-tag block's NAME attribute, a text naming a function in the
vocabulary (multi-line labels split over several TEXTs are joined), the room layer's own name
("Room - Kitchen"), any short name-like text. Area texts in the notations of several countries
("12,4 m²", "12.4 m2", "mq=12.40", "134 SQ. FT.", a size "11'6 x 12'") become the room's stated
area, kept as written beside the measured one; "h=2.50" its height; NUMBER attributes its number.
Labels are read in their own direction, at any rotation (a vertical label's lines stack sideways), and a label
whose middle lies outside every room goes to the room its written extent overlaps most.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, Polygon

from planeval.read.drawing import Role, Text
from planeval.vocabulary import (
    DOOR_SIZE_RE,
    HEIGHT_RE,
    area_notation,
    functions_of,
    looks_like_name,
    stated_area_m2,
    stated_height_mm,
)

NAME_TAGS = {"NAME", "ROOMNAME", "ROOM_NAME", "NAVN", "ROMNAVN", "RUMNAVN", "RAUMNAME", "BEZEICHNUNG", "ROOM"}
NUMBER_TAGS = {"NUMBER", "NR", "NO", "NUM", "ROOMNUMBER", "ROOM_NUMBER", "ROMNR", "ROMNUMMER", "RAUMNUMMER"}
AREA_TAGS = {"AREA", "AREAL", "FLÄCHE", "FLAECHE", "BRA", "NTA"}
NEAR_MM = 400.0  # a label may sit just outside its room


@dataclass(frozen=True)
class RoomLabel:
    label: str
    functions: tuple[str, ...]
    source: str  # attribute | text | layer | ""
    number: str = ""
    stated_area_m2: float | None = None
    all_labels: tuple[str, ...] = ()
    stated_area_text: str = ""
    height_mm: float | None = None


#: lines of one label: rotations within this many degrees, heights within this ratio, the next line at most
#: this many heights below the last along their own normal and at most ``_JOIN_SIDE`` heights beside it
_JOIN_ANGLE_DEG = 3.0
_JOIN_HEIGHT_RATIO = 0.5
_JOIN_STEP = 2.2
_JOIN_SIDE = 6.0


def _angle_gap(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def _frame(t: Text, rot: float) -> tuple[float, float]:
    a = math.radians(-rot)  # into the label's own axes
    return t.x * math.cos(a) - t.y * math.sin(a), t.x * math.sin(a) + t.y * math.cos(a)


def reading_key(t: Text) -> tuple[float, float, float, str, str, float]:
    """The order texts are read in, whatever order they were drawn in: by direction, then top to bottom
    and left to right in their own axes, then (texts on the same spot) by their words, tag and height."""
    x, y = _frame(t, t.rotation)
    return round(t.rotation % 360.0, 1) % 360.0, -y, x, t.text, t.tag, t.height


def _join_lines(texts: list[Text]) -> list[str]:
    """Group the lines of one label into one text, read top to bottom in their own direction.

    Lines belong together when they are written in the same direction (any rotation: within 3°),
    have similar heights (the smaller at least half the larger), and the next one stands below the
    last along their own rotated normal (0–2.2 heights) and beside it by at most 6 heights (left-,
    centre- or right-aligned). A label written upwards stacks to the right, one upside down upwards.
    """
    groups: list[list[Text]] = []
    for t in sorted(texts, key=reading_key):
        for g in groups:
            last = g[-1]
            if _angle_gap(last.rotation, t.rotation) > _JOIN_ANGLE_DEG:
                continue
            h = max(last.height, t.height)
            if min(last.height, t.height) < _JOIN_HEIGHT_RATIO * h:
                continue
            lx, ly = _frame(last, last.rotation)
            tx, ty = _frame(t, last.rotation)
            if abs(lx - tx) < _JOIN_SIDE * h and 0 <= ly - ty <= _JOIN_STEP * h:
                g.append(t)
                break
        else:
            groups.append([t])
    return [" ".join(t.text for t in g) for g in groups]


def _extent(t: Text) -> Polygon:
    """The box a text covers (0.6 × height per character), in its direction."""
    w, h = 0.6 * t.height * max(1, len(t.text.splitlines()[0])) / 2, t.height / 2
    a = math.radians(t.rotation)
    c, s = math.cos(a), math.sin(a)
    return Polygon([(t.x + dx * c - dy * s, t.y + dx * s + dy * c) for dx, dy in ((-w, -h), (w, -h), (w, h), (-w, h))])


def label_rooms(
    faces: list[Polygon], hints: list[str], texts: list[Text], extra_words: dict[str, str]
) -> tuple[list[RoomLabel], list[Text]]:
    """A label per face, and the label-like texts that fell in no room."""
    candidates = [t for t in texts if t.role is not Role.IGNORE]
    if not faces:
        return [], [t for t in candidates if functions_of(t.text, extra_words)]
    pts = shapely.points([(t.x, t.y) for t in candidates]) if candidates else None
    tree = shapely.STRtree(faces)
    inside: dict[int, list[Text]] = {i: [] for i in range(len(faces))}
    unplaced: list[Text] = []
    if pts is not None:
        hit = tree.query(pts, predicate="within")
        placed = set()
        for ti, fi in zip(*hit, strict=False):
            inside[int(fi)].append(candidates[int(ti)])
            placed.add(int(ti))
        for ti, t in enumerate(candidates):
            if ti in placed:
                continue
            box = _extent(t)
            over = [(faces[int(fi)].intersection(box).area, int(fi)) for fi in tree.query(box, predicate="intersects")]
            near = tree.query(Point(t.x, t.y), predicate="dwithin", distance=NEAR_MM)
            if over and max(over)[0] >= 0.25 * box.area:  # written partly outside its room
                inside[max(over)[1]].append(t)
            elif len(near) and min(faces[int(fi)].distance(box) for fi in near) <= 100.0:  # just outside, touching it
                best = min(near, key=lambda fi: faces[int(fi)].distance(Point(t.x, t.y)))
                inside[int(best)].append(t)
            elif functions_of(t.text, extra_words) and not t.tag:
                unplaced.append(t)
    # in reading order: which of several names, numbers or stated areas a room gets must not depend on
    # the order the texts were drawn in
    labels = [_choose(sorted(inside[i], key=reading_key), hints[i], extra_words) for i in range(len(faces))]
    return labels, sorted(unplaced, key=reading_key)


def _choose(texts: list[Text], hint: str, extra: dict[str, str]) -> RoomLabel:
    number = ""
    area: float | None = None
    tag_names: list[str] = []
    free: list[Text] = []
    for t in texts:
        tag = t.tag.upper()
        if tag in NAME_TAGS:
            tag_names.append(t.text)
        elif tag in NUMBER_TAGS:
            number = number or t.text.strip()
        elif tag in AREA_TAGS:
            area = area if area is not None else stated_area_m2(t.text) or _plain_number(t.text)
        elif not tag:
            free.append(t)
    area_text = ""
    height: float | None = None
    for t in free:
        found = area_notation(t.text)
        if found is not None and area is None:
            area, area_text = found
        if height is None:
            height = stated_height_mm(t.text)
    named = [(s, functions_of(s, extra)) for s in tag_names]
    joined = _join_lines([t for t in free if t.role is not Role.IGNORE])
    vocab = [(s, f) for s in joined for f in [functions_of(_first_line(s), extra) or functions_of(s, extra)] if f]
    all_labels = tuple(dict.fromkeys([s for s, _ in named] + [_clean(s) for s, _ in vocab]))
    if named:
        # a room tag that names a function wins over one that does not ("1" on a symbol's NAME attribute)
        s, f = next(((s, f) for s, f in named if f), named[0])
        return RoomLabel(_clean(s), f or (functions_of(hint, extra) if hint else ()), "attribute", number, area, all_labels,
                         area_text, height)
    if vocab:
        labels = [_clean(_first_line(s)) if functions_of(_first_line(s), extra) else _clean(s) for s, _ in vocab]
        funcs: tuple[str, ...] = ()
        for _, f in vocab:
            funcs = _merge(funcs, [f])
        label = labels[0] if len(set(labels)) == 1 else " + ".join(dict.fromkeys(labels))
        return RoomLabel(label, funcs, "text", number, area, all_labels, area_text, height)
    hint_functions = functions_of(hint, extra) if hint else ()
    if hint_functions:
        return RoomLabel(hint, hint_functions, "layer", number, area, (hint,), area_text, height)
    # a layer's name that names no function ("Rooms-Category-Color" of a Revit export) is the room's name only
    # when no text in the room names it
    names = [s for s in joined if looks_like_name(s)]
    if names:
        # the other names kept as labels found (several: rooms maybe merged) only where they hold a word: a room
        # tag's number and its codes ("304B", "0304-B0", "00100304B0") are one room's
        name_texts = tuple(dict.fromkeys([names[0], *(s for s in names[1:] if re.search(r"[^\W\d_]{3}", s))]))
        return RoomLabel(_clean(names[0]), (), "text", number, area, name_texts, area_text, height)
    if hint:
        return RoomLabel(hint, (), "layer", number, area, (hint,), area_text, height)
    return RoomLabel("", (), "", number, area, (), area_text, height)


def _merge(funcs: tuple[str, ...], more: list[tuple[str, ...]]) -> tuple[str, ...]:
    out = list(funcs)
    for f in more:
        for x in f:
            if x not in out:
                out.append(x)
    return tuple(out)


def _first_line(s: str) -> str:
    return s.splitlines()[0] if s else s


def _clean(s: str) -> str:
    s = re.sub(r"\s*\n\s*", " ", s.strip())
    s = re.sub(r"\bbi[- ]?fold\b", "", DOOR_SIZE_RE.sub("", s), flags=re.IGNORECASE).strip() or s  # a door tag beside the name
    found = area_notation(s)
    if found is not None and found[1] != s.strip():
        s = s.replace(found[1], " ")  # an area or a height written beside the name
    s = HEIGHT_RE.sub(" ", s) if HEIGHT_RE.sub("", s).strip() else s
    s = re.sub(r"\s{2,}", " ", s).strip()
    # drop a trailing area ("Soverom 12,4 m²") from the name
    s = re.sub(r"\s*\d{1,4}(?:[.,]\d{1,2})?\s*(m²|m2|kvm|sqm|sf)\s*$", "", s, flags=re.IGNORECASE)
    return s.strip()


def _plain_number(text: str) -> float | None:
    m = re.search(r"\d+(?:[.,]\d+)?", text)
    return float(m.group(0).replace(",", ".")) if m else None
