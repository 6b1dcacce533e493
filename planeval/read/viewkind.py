"""What a view of the modelspace is: a floor plan, or an elevation, section, framing plan, grid, site plan.

A sheet often holds more than the floor plan: elevations below it, a section beside it, a column
grid, a foundation or framing plan, a site plan. Their linework makes "rooms" (the gaps between an
elevation's window frames) that must not be judged. Each view is classified from evidence that
does not depend on layer names:

* **texts** with the vocabulary of each kind (``elevation``, ``fasade``, ``Ansicht``, ``立面``, level
  marks ``GL``/``FL``; ``section``, ``snitt``, ``断面``; beams, joists, anchor bolts, rebar ``D13@200``,
  ``基礎``, ``梁``; ``site plan``, ``situasjonsplan``, ``配置図``) against room words;
* **geometry**: a ground line (one horizontal line spanning the view at its foot with nothing
  under it), a lattice of long lines (a grid), wall linework made of column-sized pieces;
* **door evidence**: floor plans have door swings or door blocks, elevations and sections do not.

A view is a floor plan unless the evidence says otherwise; the reasons are kept for the report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from planeval.vocabulary import fold

FLOOR_PLAN = "floor_plan"
ELEVATION = "elevation"
SECTION = "section"
FRAMING = "framing"
GRID = "grid"
SITE = "site"
SYMBOLS = "symbols"
EMPTY = "empty"

#: How reports name each kind ("the drawing looks like …").
KIND_NAMES = {
    FLOOR_PLAN: "a floor plan", ELEVATION: "an elevation (façade)", SECTION: "a building section",
    FRAMING: "a structural (framing or foundation) plan", GRID: "a column grid", SITE: "a site plan",
    SYMBOLS: "a symbol library", EMPTY: "an empty drawing",
}

_WORDS = {
    ELEVATION: (r"elevation|fa[cç]ade|fasade|fassade|ansicht|opriss|fasad|prospetto|alzado|gevel|立面|姿図|"
                r"^\s*[▽▼]?\s*(g\s?l|f\s?l|g\.l\.|f\.f\.l\.?|ok\s?ffb|gok)\s*([±+\-]\s*\d.*)?$"),
    SECTION: r"\bsections?\b|\bsnitt\b|schnitt|断面|矩計|sezione|secci[oó]n|doorsnede|\bcoupe\b",
    FRAMING: (r"framing|joist|rafter|purlin|\btruss|lintel|\bbeams?\b|footing|foundation|anchor\s?bolt|rebar|"
              r"bjelke|bjelkelag|sperre|fundament|armering|balken|sparren|pfette|bewehrung|fundamento|trave|"
              r"伏図|梁|土台|大引|根太|垂木|母屋|基礎|アンカー|ボルト|鉄筋|主筋|筋交|"
              r"\bd\d{2}\s*[@＠]|\bheb\s?\d|\bipe\s?\d|\bhea\s?\d|\bc24\b|\bgl\d{2}"),
    SITE: (r"site\s?plan|situasjonsplan|situationsplan|lageplan|配置図|tomtegrense|property\s?line|"
           r"boundary\s?line|隣地境界|plot\s?boundary|planimetria"),
}
_PATTERNS = {kind: re.compile(p, re.IGNORECASE) for kind, p in _WORDS.items()}

#: a kind's words win over the room labels when there are at least this many and more than twice the labels
MIN_WORDS = {ELEVATION: 1, SECTION: 1, FRAMING: 4, SITE: 1}


def text_kind(text: str) -> str | None:
    """The kind of drawing a text belongs to, if its words say so.

    >>> text_kind("FASADE MOT SØR"), text_kind("Snitt A-A"), text_kind("主筋2-D16"), text_kind("Stue")
    ('elevation', 'section', 'framing', None)
    >>> text_kind("G L"), text_kind("GL±0")
    ('elevation', 'elevation')
    """
    t = fold(text)
    for kind, pattern in _PATTERNS.items():
        if pattern.search(t):
            return kind
    return None


@dataclass(frozen=True)
class ViewEvidence:
    """What one cluster of the modelspace holds (lengths in m)."""

    bbox: tuple[float, float, float, float]
    wall_m: float
    other_m: float  # linework on layers of no known role
    doors: int  # door swings and door blocks
    labels: int  # texts with room words
    words: dict[str, int]  # texts with the words of each kind
    segments: np.ndarray  # (n, 4) every line in the view's box, whatever its layer
    wall_pieces: np.ndarray  # lengths (mm) of the wall lines

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


def classify(ev: ViewEvidence) -> tuple[str, str]:
    """(kind, reason) of one view; a floor plan unless the evidence says otherwise."""
    word_kind = max(_PATTERNS, key=lambda k: ev.words.get(k, 0))
    n_words = ev.words.get(word_kind, 0)
    if ev.doors == 0 or word_kind == FRAMING:
        if n_words >= MIN_WORDS[word_kind] and n_words > 2 * ev.labels:
            return word_kind, f"{n_words} texts name it ({_examples(word_kind)}), {ev.labels} room labels"
    if ev.doors > 0 or ev.labels > 0:
        return FLOOR_PLAN, ""
    pieces = ev.wall_pieces
    if len(pieces) >= 40 and float(pieces[pieces < 600.0].sum()) >= 0.5 * float(pieces.sum()):
        return FRAMING, "no door swings or room labels; its walls are column-sized pieces (a column or framing plan)"
    ground = ground_line(ev)
    if ground is not None:
        return ELEVATION, (f"no door swings or room labels, and a ground line {ground / 1000:.1f} m long across its foot, "
                           "reaching past the building, with nothing drawn under it")
    lattice = grid_share(ev)
    if lattice >= 0.6:
        return GRID, f"no door swings or room labels; {lattice:.0%} of its linework are long lines running across it"
    return FLOOR_PLAN, ""


def _examples(kind: str) -> str:
    return {ELEVATION: "elevation, façade, level marks", SECTION: "section, snitt, Schnitt",
            FRAMING: "beams, joists, foundations, anchor bolts, rebar", SITE: "site plan, boundary"}[kind]


def ground_line(ev: ViewEvidence) -> float | None:
    """The length of a ground line: the lowest horizontal line in the view's lowest tenth, longer than
    the view is wide (it reaches past the building), with under 3 % of the linework below it (an
    elevation or a section stands on it; a floor plan's outer wall ends where the building ends)."""
    s = ev.segments
    if len(s) < 8 or ev.width <= 0 or ev.height <= 0:
        return None
    dx, dy = s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]
    length = np.hypot(dx, dy)
    flat = (np.abs(dy) <= 0.01 * length) & (length >= 0.9 * ev.width)
    y = (s[:, 1] + s[:, 3]) / 2
    low = flat & (y <= ev.bbox[1] + 0.1 * ev.height)
    if not low.any():
        return None
    i = int(np.argmin(np.where(low, y, np.inf)))  # the lowest: a plinth line may stand on the ground line
    below = float(length[((s[:, 1] < y[i] - 50) & (s[:, 3] < y[i] - 50))].sum())
    if below > 0.03 * float(length.sum()) or length[i] < 1.05 * ev.width:
        return None
    return float(length[i])


def grid_share(ev: ViewEvidence) -> float:
    """Share of the view's line length in lines that run right across it, when they form a lattice
    (at least four distinct positions one way, two the other: a rectangle's outline is no grid)."""
    s = ev.segments
    if len(s) < 4:
        return 0.0
    dx, dy = np.abs(s[:, 2] - s[:, 0]), np.abs(s[:, 3] - s[:, 1])
    length = np.hypot(dx, dy)
    horizontal = (dx >= 0.8 * ev.width) & (dy <= 0.02 * length)
    vertical = (dy >= 0.8 * ev.height) & (dx <= 0.02 * length)
    rows = _positions((s[horizontal, 1] + s[horizontal, 3]) / 2)
    cols = _positions((s[vertical, 0] + s[vertical, 2]) / 2)
    if max(rows, cols) < 4 or min(rows, cols) < 2:
        return 0.0
    total = float(length.sum())
    return float(length[horizontal | vertical].sum()) / total if total > 0 else 0.0


def _positions(values: np.ndarray, gap: float = 400.0) -> int:
    """How many distinct positions (closer than ``gap``: one, the two faces of a wall)."""
    if not len(values):
        return 0
    v = np.sort(values)
    return 1 + int((np.diff(v) > gap).sum())


def symbol_sheet(extent: tuple[float, float, float, float] | None, door_radius: float, blocks: list[str],
                 wall_m: float) -> str | None:
    """Why the drawing is a symbol or a symbol library, else None.

    ``door_radius`` is the largest door-sized arc (drawing units, before scaling), ``blocks`` the
    names of fixture, furniture and door blocks placed, ``wall_m`` the wall linework in metres.
    """
    if extent is not None:
        size = max(extent[2] - extent[0], extent[3] - extent[1])
        if door_radius > 0 and size > 0 and door_radius >= 0.2 * size:
            return f"its door arcs (radius {door_radius:g} units) span a fifth or more of the whole drawing: one door symbol"
    if len(blocks) >= 3 and wall_m < 3.0:
        names = ", ".join(sorted(set(blocks))[:4])  # by name: not the order they were drawn in
        return f"{len(blocks)} fixture, furniture or door blocks ({names} …) laid out with no walls"
    return None


def segment_length_m(s: np.ndarray) -> float:
    """Total length in metres of (n, 4) segments in mm."""
    if not len(s):
        return 0.0
    return float(np.hypot(s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]).sum()) / 1000.0


def arc_sweep(start_deg: float, end_deg: float) -> float:
    s = (end_deg - start_deg) % 360.0
    return 360.0 if s == 0.0 and end_deg != start_deg else s


def door_sized(r_mm: float, sweep: float) -> bool:
    """A swing: 60–120° (15–45° for a door drawn partly open) with a radius of 0.35–1.3 m."""
    return 350.0 <= r_mm <= 1300.0 and (60.0 <= sweep <= 120.0 or 15.0 <= sweep <= 45.0)


def angle(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
