"""How much of the drawing the model understood: the recognition summary and grade of every report.

Measured, for the floor-plan views of the drawing:

* the **enclosed floor**: the wall mass grown until gaps up to 2.4 m close (doors, windows, openings
  the reader did not seal), filled and shrunk back, less the walls themselves and strips under
  0.35 m (inside double-line walls) — what a person sees as the inside of the building — and the
  share of it that became rooms;
* the rooms whose function comes from a label, is inferred (fixtures, size), or is unknown;
* the **door symbols** (swings of door size, door blocks) that became doors, and those that did not;
* the room-like **texts** (names, areas, heights) that lie in a room, and those that do not;
* the **linework** on wall, door, window and unknown layers that bounds no room and draws nothing
  recognised (per background segment: :data:`~planeval.model.types.LINE_UNEXPLAINED`).

The grade (A–E) weighs these: floor in rooms 30 %, rooms with functions 25 %, door symbols used
20 %, texts placed 10 %, linework explained 15 %; under 60 % of the floor in rooms, or under half
the rooms with a function (an inferred one counting half), is at best D; under 80 % of either at
best C. ``F``: no floor plan of rooms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import union_apart
from planeval.model.layout import InPlan
from planeval.model.rooms import THIN_MM
from planeval.model.types import (
    LINE_EXPLAINED,
    LINE_OTHER_VIEW,
    LINE_UNEXPLAINED,
    Background,
    Door,
    Fixture,
    Recognition,
    Room,
    Window,
)
from planeval.read.drawing import Arc, Drawing, Insert, Role, Text
from planeval.read.viewkind import KIND_NAMES
from planeval.vocabulary import functions_of, stated_area_m2

__all__ = ["KIND_NAMES", "MIN_GRADE", "NOTE_TEXTS", "recognise", "not_a_plan", "grade_of", "is_room_text", "enclosed_floor",
           "note_text"]

#: Below this grade, findings on uncertain subjects say needs_review (``planeval check --min-grade``).
MIN_GRADE = "C"
CLOSE_MM = 1200.0  # the wall mass is closed over gaps up to twice this to find the enclosed floor
NEAR_MM = 400.0  # a text this close to a room belongs to it
#: a line this close to a room boundary (a wall face across the widest wall), a door, window or fixture is explained
EXPLAINED_MM = 600.0
WEIGHTS = {"area": 0.30, "functions": 0.25, "doors": 0.20, "texts": 0.10, "lines": 0.15}
THRESHOLDS = (("A", 0.85), ("B", 0.70), ("C", 0.55), ("D", 0.40))
#: lines on these layers are understood by their layer alone
OWN_ROLES = frozenset({Role.FIXTURE, Role.FURNITURE, Role.STAIR, Role.LABEL, Role.IGNORE, Role.ROOM})
_HEIGHT_RE = re.compile(r"^\s*(?:h|rh|ch|hk|lh|höhe|hoehe|høyde|hoyde|height)\s*[=:]\s*\d", re.IGNORECASE)


def grade_of(score: float) -> str:
    """The letter of a recognition score.

    >>> grade_of(0.9), grade_of(0.6), grade_of(0.1)
    ('A', 'C', 'E')
    """
    for letter, threshold in THRESHOLDS:
        if score >= threshold:
            return letter
    return "E"


def not_a_plan(kind: str, reason: str) -> Recognition:
    """The recognition of a drawing that holds no floor plan of rooms."""
    return Recognition(drawing_kind=kind, kind_reason=reason, grade="F", score=0.0,
                       notes=(f"not a floor plan: {reason}",))


def is_room_text(text: str, extra: dict[str, str]) -> bool:
    """A text that belongs in a room: a name of a function, an area, a height."""
    return bool(functions_of(text, extra)) or stated_area_m2(text) is not None or bool(_HEIGHT_RE.match(text))


def enclosed_floor(mass: BaseGeometry) -> BaseGeometry:
    """The floor inside the building: the wall mass closed over gaps up to 2.4 m and filled, less the
    walls. (The rooms are not added: the recognition only asks for the enclosed floor in no room, and
    uniting every room into the floor first was a plan-wide overlay that the difference took out again:
    9 % of the 100,000-line plan's profile, 0.93 -> 0.56 s for the 20,000-line plan's floor in no room.)"""
    floor: BaseGeometry = Polygon()
    if not mass.is_empty:
        # grown until gaps up to 2.4 m close, filled (the rooms are holes then), shrunk back to the outline.
        # Each part is filled before it grows as well: outside a part's outer ring its nearest point is on that
        # ring, so the grown outline is the same, but the rooms' walls inside no longer have to be offset too
        solid = shapely.union_all([Polygon(p.exterior) for p in shapely.get_parts(mass) if isinstance(p, Polygon)])
        grown = shapely.buffer(solid, CLOSE_MM, quad_segs=4)
        filled = [Polygon(p.exterior) for p in shapely.get_parts(grown) if isinstance(p, Polygon) and not p.is_empty]
        if filled:
            outline = shapely.buffer(shapely.union_all(filled), -CLOSE_MM, quad_segs=4)
            floor = outline.difference(mass)
    return floor


def _broad_mass(mass: BaseGeometry, drawing: Drawing, in_plan: InPlan) -> BaseGeometry:
    """The wall mass with the linework of no known role in the floor-plan views: the building's
    outline may be drawn there even when the walls were read from a wall layer."""
    extra = [((s.x1, s.y1), (s.x2, s.y2)) for s in drawing.segments if s.role is Role.UNKNOWN and in_plan(s.x1, s.y1)]
    if not extra:
        return mass
    lines = shapely.buffer(shapely.linestrings(np.asarray(extra)), 5.0, cap_style="square", quad_segs=1)
    return shapely.union_all([mass, *lines]) if not mass.is_empty else shapely.union_all(lines)


def missed_floor(enclosed: BaseGeometry, rooms: Sequence[Room]) -> BaseGeometry:
    """The enclosed floor in no room, without strips narrower than 0.35 m (the inside of a double-line wall)."""
    rest = enclosed.difference(union_apart([r.polygon for r in rooms])) if rooms else enclosed
    half = THIN_MM / 2
    return shapely.buffer(shapely.buffer(rest, -half, quad_segs=2), half, join_style="mitre", quad_segs=2)


def recognise(drawing: Drawing, in_plan: InPlan, mass: BaseGeometry, rooms: Sequence[Room], doors: Sequence[Door],
              windows: Sequence[Window], fixtures: Sequence[Fixture], used_groups: set[int], used_handles: set[str],
              background: Background, labels: dict[str, str], walls_guessed: bool = False) -> tuple[Recognition, Background]:
    """The recognition summary of a floor plan, and the background with each line's state (``walls_guessed``: the
    walls were taken from lines of no known role, :class:`~planeval.model.walls.Walls` ``role``)."""
    room_m2 = sum(r.area_m2 for r in rooms)
    enclosed_m2 = room_m2 + missed_floor(enclosed_floor(_broad_mass(mass, drawing, in_plan)), rooms).area / 1e6
    labelled = sum(1 for r in rooms if r.function_source in ("attribute", "text", "layer") or r.label)
    inferred = sum(1 for r in rooms if r.function_source == "inferred" and not r.label)
    arcs = [a for a in drawing.arcs if _door_like(a) and in_plan(a.cx, a.cy)]
    blocks = [i for i in drawing.inserts if i.role is Role.DOOR and in_plan(i.x, i.y)]
    in_blocks = {i.index for i in blocks}
    unused: list[tuple[float, float, float]] = []
    n_symbols = len(blocks) + sum(1 for a in arcs if a.src.group not in in_blocks)
    for a in arcs:
        if a.src.group in in_blocks:
            continue
        if not (a.src.handle in used_handles or (a.src.group is not None and a.src.group in used_groups)):
            unused.append((a.cx, a.cy, a.r))
    unused += [_insert_spot(i, drawing) for i in blocks if i.index not in used_groups]
    texts = [t for t in drawing.texts if t.role is not Role.IGNORE and not t.tag and in_plan(t.x, t.y)
             and is_room_text(t.text, labels)]
    unassigned = _unassigned(texts, rooms)
    background, unexplained_m, total_m = _line_states(background, in_plan, rooms, doors, windows, fixtures, drawing)
    share = min(1.0, room_m2 / enclosed_m2) if enclosed_m2 > 0 else (1.0 if rooms else 0.0)
    parts = {
        "area": share,
        "functions": (labelled + 0.5 * inferred) / len(rooms) if rooms else 0.0,
        "doors": (1 - len(unused) / n_symbols) if n_symbols else (1.0 if len(rooms) <= 1 or doors else 0.3),
        "texts": (1 - len(unassigned) / len(texts)) if texts else 1.0,
        "lines": 1 - unexplained_m / total_m if total_m > 0 else 1.0,
    }
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    # what the checks cannot do without: the rooms' extent and their functions
    if parts["area"] < 0.6 or parts["functions"] < 0.5:
        score = min(score, THRESHOLDS[3][1])  # at best D
    # walls guessed (no wall layer, hatch or multiline): rooms found from every line of no known role, which an
    # annotation, a dimension or a symbol drawn in a room then narrows, and nothing says so
    guessed = walls_guessed and any(r.source == "walls" for r in rooms)
    if guessed:
        score = min(score, THRESHOLDS[1][1])  # at best B
    if parts["functions"] < 0.8 or parts["area"] < 0.8 or drawing.xrefs:
        # at best C; so also when part of the drawing is in external references the file does not hold: the
        # walls, fixtures or furniture they draw may be missing from what is judged
        score = min(score, THRESHOLDS[2][1])
    notes, reasons = _notes(parts, enclosed_m2, room_m2, len(rooms), labelled, inferred, n_symbols, len(unused), len(texts),
                   len(unassigned), unexplained_m, drawing.xrefs, guessed)
    rec = Recognition(
        drawing_kind="floor_plan", kind_reason="", grade=grade_of(score), score=round(score, 3),
        enclosed_m2=round(enclosed_m2, 2), room_m2=round(room_m2, 2), rooms=len(rooms), rooms_labelled=labelled,
        rooms_inferred=inferred, rooms_unlabelled=len(rooms) - labelled - inferred, door_symbols=n_symbols,
        door_symbols_used=n_symbols - len(unused), texts=len(texts), texts_assigned=len(texts) - len(unassigned),
        unexplained_m=round(unexplained_m, 1), doors_not_judged=sum(1 for d in doors if d.not_judged),
        unused_door_symbols=tuple(sorted((round(x, 1), round(y, 1), round(r, 1)) for x, y, r in unused)),
        unassigned_texts=tuple(sorted((round(t.x, 1), round(t.y, 1), t.text[:60]) for t in unassigned)),
        notes=notes, reasons=reasons,
    )
    return rec, background


def _door_like(a: Arc) -> bool:
    if a.role in (Role.FURNITURE, Role.FIXTURE, Role.STAIR, Role.IGNORE, Role.LABEL, Role.ROOM, Role.WINDOW):
        return False
    if not 350.0 <= a.r <= 1300.0:
        return False
    if a.role in (Role.DOOR, Role.OPENING):
        return 15.0 <= a.sweep_deg <= 120.0
    return 60.0 <= a.sweep_deg <= 120.0


def _insert_spot(ins: Insert, drawing: Drawing) -> tuple[float, float, float]:
    pts = [(s.x1, s.y1) for s in drawing.segments if s.src.group == ins.index]
    if not pts:
        return (ins.x, ins.y, 450.0)
    arr = np.asarray(pts)
    lo, hi = arr.min(axis=0), arr.max(axis=0)
    return (float((lo[0] + hi[0]) / 2), float((lo[1] + hi[1]) / 2), float(max(hi - lo) / 2 or 450.0))


def _unassigned(texts: list[Text], rooms: Sequence[Room]) -> list[Text]:
    if not texts:
        return []
    if not rooms:
        return list(texts)
    tree = shapely.STRtree([r.polygon for r in rooms])
    pts = shapely.points(np.asarray([(t.x, t.y) for t in texts]))
    near = set(tree.query(pts, predicate="dwithin", distance=NEAR_MM)[0].tolist())
    return [t for i, t in enumerate(texts) if i not in near]


def _line_states(background: Background, in_plan: InPlan, rooms: Sequence[Room], doors: Sequence[Door],
                 windows: Sequence[Window], fixtures: Sequence[Fixture], drawing: Drawing
                 ) -> tuple[Background, float, float]:
    """Each background line's state, and the unexplained and total length (m) of the lines that need explaining."""
    segs = background.segments
    roles = [s.role for s in drawing.segments if s.role is not Role.IGNORE]
    state = np.full(len(segs), LINE_EXPLAINED, dtype=np.int8)
    if not len(segs) or len(roles) != len(segs):
        return background, 0.0, 0.0
    in_views = np.asarray([in_plan(x1, y1) or in_plan(x2, y2) for x1, y1, x2, y2 in segs.tolist()], dtype=bool)
    state[~in_views] = LINE_OTHER_VIEW
    needs = in_views & np.asarray([r not in OWN_ROLES for r in roles], dtype=bool)
    idx = np.flatnonzero(needs)
    if not len(idx):
        return _with_state(background, state), 0.0, 0.0
    zone_parts: list[BaseGeometry] = [r.polygon.exterior for r in rooms]
    zone_parts += [shapely.LineString([d.hinge, d.latch]) for d in doors]
    zone_parts += [d.swing for d in doors if d.swing is not None]
    zone_parts += [w.polygon for w in windows] + [f.polygon for f in fixtures]
    lines = shapely.linestrings(segs[idx].reshape(-1, 2, 2))
    lengths = shapely.length(lines)
    rest = lengths.copy()
    if zone_parts:
        # each line against the buffered parts near it (one union of them all would make every
        # difference cost as much as the whole plan: quadratic in the drawing)
        parts = shapely.buffer(np.asarray(zone_parts, dtype=object), EXPLAINED_MM, quad_segs=2)
        li, pi = shapely.STRtree(parts).query(lines, predicate="intersects")
        if len(li):
            order = np.argsort(li, kind="stable")
            li, pi = li[order], pi[order]
            starts = np.flatnonzero(np.r_[True, li[1:] != li[:-1]])
            # a line minus each part in turn (cheaper than uniting the parts), every line's k-th part in one call
            rank = np.arange(len(li)) - np.repeat(starts, np.diff(np.r_[starts, len(li)]))
            left = lines.copy()
            for k in range(int(rank.max()) + 1):
                at = rank == k
                left[li[at]] = shapely.difference(left[li[at]], parts[pi[at]])
            rest[li[starts]] = shapely.length(left[li[starts]])
    bad = rest > np.maximum(300.0, 0.5 * lengths)
    state[idx[bad]] = LINE_UNEXPLAINED
    return _with_state(background, state), float(rest[bad].sum()) / 1000.0, float(lengths.sum()) / 1000.0


def _with_state(background: Background, state: np.ndarray) -> Background:
    from dataclasses import replace

    return replace(background, segment_state=state)


#: the English text of each note (``Recognition.reasons`` keys; the reports' catalogues hold the same keys
#: under ``[recognition]`` as ``note_<key>``, with the same fields)
NOTE_TEXTS = {
    "area": "{share} of the enclosed floor ({lost} of {enclosed} m²) is in no room",
    "unknown": "{unknown} of {rooms} rooms have no label (function unknown)",
    "inferred": "{inferred} functions inferred from fixtures and size",
    "doors": "{unused} of {symbols} door symbols did not become doors",
    "no_doors": "no door symbols found",
    "texts": "{unassigned} of {texts} room texts lie in no room",
    "lines": "{metres} m of wall and plan linework bounds no room and draws nothing recognised",
    "xrefs": "external references not in the file ({n}: {names}): what they draw is not judged",
    "walls_guessed": "no wall layer: the walls are every line of no known role (a symbol or text drawn in a room "
                     "narrows it)",
}


def note_text(key: str, values: dict[str, object]) -> str:
    """A recognition note in English.

    >>> note_text("doors", {"unused": 3, "symbols": 7})
    '3 of 7 door symbols did not become doors'
    """
    return NOTE_TEXTS[key].format(**values)


def _notes(parts: dict[str, float], enclosed: float, room_m2: float, rooms: int, labelled: int, inferred: int,
           symbols: int, unused: int, texts: int, unassigned: int, unexplained_m: float, xrefs: tuple[str, ...] = (),
           walls_guessed: bool = False) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[tuple[str, object], ...]], ...]]:
    """What lowered the grade, the heaviest loss first: the English notes, and each as a key with its values
    (numbers as the notes print them) for the reports to say in their language."""
    said: list[tuple[float, list[tuple[str, dict[str, object]]]]] = []
    if xrefs:  # first: what is missing altogether weighs more than anything read
        said.append((1.0, [("xrefs", {"n": len(xrefs), "names": ", ".join(xrefs[:3]) + (" …" if len(xrefs) > 3 else "")})]))
    if walls_guessed:  # what the rooms stand on: before the losses measured on them
        said.append((0.9, [("walls_guessed", {})]))
    if parts["area"] < 0.95:
        said.append((WEIGHTS["area"] * (1 - parts["area"]), [("area", {
            "share": f"{1 - parts['area']:.0%}", "lost": f"{enclosed - room_m2:.1f}", "enclosed": f"{enclosed:.1f}"})]))
    unknown = rooms - labelled - inferred
    if unknown or inferred:
        what: list[tuple[str, dict[str, object]]] = [("unknown", {"unknown": unknown, "rooms": rooms})] if unknown else []
        if inferred:
            what.append(("inferred", {"inferred": inferred}))
        said.append((WEIGHTS["functions"] * (1 - parts["functions"]), what))
    if unused:
        said.append((WEIGHTS["doors"] * (1 - parts["doors"]), [("doors", {"unused": unused, "symbols": symbols})]))
    elif not symbols and rooms > 1 and parts["doors"] < 1:
        said.append((WEIGHTS["doors"] * (1 - parts["doors"]), [("no_doors", {})]))
    if unassigned:
        said.append((WEIGHTS["texts"] * (1 - parts["texts"]), [("texts", {"unassigned": unassigned, "texts": texts})]))
    if parts["lines"] < 0.97:
        said.append((WEIGHTS["lines"] * (1 - parts["lines"]), [("lines", {"metres": f"{unexplained_m:.1f}"})]))
    ordered = [items for _, items in sorted(said, key=lambda x: -x[0]) if items]
    notes = tuple("; ".join(note_text(k, v) for k, v in items) for items in ordered)
    reasons = tuple((k, tuple(sorted(v.items()))) for items in ordered for k, v in items)
    return notes, reasons
