"""Label placement for the plan drawings: every text gets a box that overlaps no other box.

A greedy pass in plan millimetres (y up), shared by the SVG of the HTML report and the PDF: labels
are placed in priority order (room names, then failing values, then door ids, then passing values);
each tries its anchor first, then positions on rings around it, and takes the first box that
intersects no box placed before and keeps clear of the other labels' anchors. A label placed away
from its anchor gets a leader line. When no ring position is free within the search radius the label
goes to a column beside the drawing, so the result never has two intersecting boxes.

Text widths are estimated from per-character advance widths of a sans-serif face (Helvetica/Arial
metrics, in em); the SVG forces every text to exactly that width (``textLength``), so the rendered
text is the box that was placed.

>>> a = LabelRequest("a", "DW01 660 < 760 mm", (0.0, 0.0), 100.0, 1)
>>> b = LabelRequest("b", "DS01 300 < 500 mm", (50.0, 0.0), 100.0, 1)
>>> pa, pb = place_labels([a, b])
>>> overlaps(pa.box, pb.box), pa.leader, pb.leader
(False, False, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["LabelRequest", "Placed", "Box", "text_width", "box_of", "overlaps", "place_labels"]

Box = tuple[float, float, float, float]  # minx, miny, maxx, maxy (mm, y up)

#: advance widths in em (Helvetica); characters not listed count as ``_DEFAULT_EM``
_EM = {
    **dict.fromkeys("0123456789", 0.556), " ": 0.278, ".": 0.278, ",": 0.278, ":": 0.278, "·": 0.278, "-": 0.333,
    "–": 0.556, "—": 1.0, "(": 0.333, ")": 0.333, "/": 0.278, "<": 0.584, ">": 0.584, "≥": 0.584, "≤": 0.584,
    "=": 0.584, "+": 0.584, "−": 0.584, "±": 0.584, "Ø": 0.778, "ø": 0.611, "²": 0.333, "%": 0.889, "?": 0.556,
    "i": 0.222, "j": 0.222, "l": 0.222, "f": 0.278, "t": 0.278, "r": 0.333, "m": 0.833, "w": 0.722, "I": 0.278,
    "M": 0.833, "W": 0.944, "J": 0.5, "æ": 0.889, "Æ": 1.0, "å": 0.556, "Å": 0.667,
}
_DEFAULT_EM = 0.6
_UPPER_EM = 0.68
#: line height of a box, in em; the padding around the text on each side, in em
LINE_EM = 1.25
PAD_EM = 0.25


@dataclass(frozen=True)
class LabelRequest:
    """A text to place at (or near) ``anchor``; ``lines`` > 1 stacks further lines of ``sub`` size below."""

    key: str
    text: str
    anchor: tuple[float, float]
    size: float  # font size (mm)
    priority: int  # lower first
    sub: str = ""  # an optional second line (room: "R1 · 15.2 m²")
    sub_size: float = 0.0
    movable: bool = True  # False: stays at its anchor whatever it overlaps (used for nothing by default)


@dataclass(frozen=True)
class Placed:
    """Where a label went: its box, the text's centre (x, baseline of the first line) and whether a leader is drawn."""

    request: LabelRequest
    box: Box
    x: float  # centre of the box
    y: float  # centre of the first line
    leader: bool

    @property
    def key(self) -> str:
        return self.request.key

    @property
    def text_width(self) -> float:
        return text_width(self.request.text, self.request.size)

    @property
    def sub_width(self) -> float:
        return text_width(self.request.sub, self.request.sub_size) if self.request.sub else 0.0


def text_width(text: str, size: float) -> float:
    """The width (mm) of ``text`` at font size ``size`` (mm)."""
    em = 0.0
    for ch in text:
        if ch in _EM:
            em += _EM[ch]
        elif ch.isupper():
            em += _UPPER_EM
        else:
            em += _DEFAULT_EM if not ch.islower() else 0.54
    return em * size


def _extent(r: LabelRequest) -> tuple[float, float, float]:
    """(width, height, offset of the first line's centre from the box's top) of a request's box."""
    w = text_width(r.text, r.size)
    h = LINE_EM * r.size
    if r.sub:
        w = max(w, text_width(r.sub, r.sub_size))
        h += LINE_EM * r.sub_size
    pad = PAD_EM * r.size
    return w + 2 * pad, h + 2 * pad, pad + 0.5 * LINE_EM * r.size


def box_of(r: LabelRequest, cx: float, cy: float) -> Box:
    """The box of ``r`` centred on (cx, cy)."""
    w, h, _ = _extent(r)
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def overlaps(a: Box, b: Box, gap: float = 0.0) -> bool:
    """Do two boxes intersect (closer than ``gap``)? Touching edges do not."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


class _Grid:
    """Boxes in buckets of a square grid, for fast "does this box hit anything" questions."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, b: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1):
            for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1):
                yield (i, j)

    def add(self, b: Box) -> None:
        for k in self._keys(b):
            self.cells.setdefault(k, []).append(b)

    def crosses(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Does the segment a–b pass through a box?"""
        seg = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        return any(_segment_in_box(a, b, o) for k in self._keys(seg) for o in self.cells.get(k, ()))

    def hits(self, b: Box, gap: float) -> bool:
        g = (b[0] - gap, b[1] - gap, b[2] + gap, b[3] + gap)
        return any(overlaps(b, o, gap) for k in self._keys(g) for o in self.cells.get(k, ()))


def _candidates(r: LabelRequest, rings: int) -> Iterable[tuple[float, float]]:
    """Centres to try: the anchor, then rings around it (more directions on wider rings)."""
    ax, ay = r.anchor
    w, h, _ = _extent(r)
    yield ax, ay
    step = 0.8 * h
    for k in range(1, rings + 1):
        n = 8 + 4 * k
        for i in range(n):
            a = 2 * math.pi * i / n + (math.pi / 2)  # start above the anchor
            # an ellipse stretched along x: the box is wider than high
            yield ax + math.cos(a) * (0.5 * w + k * step) * (1.0 if k > 1 else 0.9), ay + math.sin(a) * (0.5 * h + k * step)


def place_labels(requests: Sequence[LabelRequest], obstacles: Iterable[Box] = (), *, bounds: Box | None = None,
                 rings: int = 24) -> list[Placed]:
    """Place ``requests`` (in priority order, stable) so that no two boxes intersect.

    ``obstacles`` are boxes no label may cover (not used for room names); ``bounds`` keeps ring
    positions inside the drawing frame while possible. Returns one :class:`Placed` per request, in
    the order of ``requests``.
    """
    order = sorted(range(len(requests)), key=lambda i: requests[i].priority)
    sizes = [max(r.size, 1.0) for r in requests] or [1.0]
    grid = _Grid(4 * max(sizes))
    anchors = _Grid(4 * max(sizes))
    for b in obstacles:
        grid.add(b)
    for r in requests:
        ax, ay = r.anchor
        s = 0.3 * r.size
        anchors.add((ax - s, ay - s, ax + s, ay + s))
    placed: dict[int, Placed] = {}
    column_y: float | None = None
    for i in order:
        r = requests[i]
        gap = 0.15 * r.size
        w, h, top = _extent(r)
        spot: tuple[float, float] | None = None
        crossing: tuple[float, float] | None = None  # the first free box whose leader crosses another label
        for cx, cy in _candidates(r, rings if r.movable else 0):
            b = box_of(r, cx, cy)
            if bounds is not None and (b[0] < bounds[0] or b[1] < bounds[1] or b[2] > bounds[2] or b[3] > bounds[3]):
                continue
            if grid.hits(b, gap):
                continue
            own = (r.anchor[0] - 0.3 * r.size, r.anchor[1] - 0.3 * r.size, r.anchor[0] + 0.3 * r.size, r.anchor[1] + 0.3 * r.size)
            if (cx, cy) != r.anchor and _covers_other_anchor(anchors, b, own):
                continue
            ax, ay = r.anchor
            if not (b[0] <= ax <= b[2] and b[1] <= ay <= b[3]):
                ex, ey = min(max(ax, b[0]), b[2]), min(max(ay, b[1]), b[3])
                if grid.crosses((ax, ay), (ex, ey)):
                    crossing = crossing or (cx, cy)
                    continue
            spot = (cx, cy)
            break
        spot = spot or crossing
        if spot is None:  # a column beside the drawing: below everything placed in it so far
            right = max([bounds[2] if bounds else r.anchor[0]] + [p.box[2] for p in placed.values()])
            x0 = right + 2 * r.size
            if column_y is None:
                column_y = max([bounds[3] if bounds else r.anchor[1]] + [p.box[3] for p in placed.values()])
            spot = (x0 + w / 2, column_y - h / 2)
            column_y -= h + gap * 2
        b = box_of(r, *spot)
        grid.add(b)
        ax, ay = r.anchor
        leader = not (b[0] <= ax <= b[2] and b[1] <= ay <= b[3])
        placed[i] = Placed(r, b, spot[0], b[3] - top, leader)
    return [placed[i] for i in range(len(requests))]


def _segment_in_box(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Does the segment a–b pass through the inside of ``box`` (Liang–Barsky clipping)?"""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        u = q / p
        if p < 0:
            lo = max(lo, u)
        else:
            hi = min(hi, u)
        if lo >= hi:
            return False
    return hi - lo > 1e-9


def _covers_other_anchor(anchors: _Grid, b: Box, own: Box) -> bool:
    """Does box ``b`` cover another label's anchor (so that label's leader would start under it)?"""
    c = anchors.cell
    for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1):
        for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1):
            for o in anchors.cells.get((i, j), ()):
                if o != own and overlaps(b, o):
                    return True
    return False


def leader_end(p: Placed) -> tuple[float, float]:
    """The point of ``p``'s box nearest its anchor (where the leader line meets the box)."""
    ax, ay = p.request.anchor
    x0, y0, x1, y1 = p.box
    return min(max(ax, x0), x1), min(max(ay, y0), y1)
