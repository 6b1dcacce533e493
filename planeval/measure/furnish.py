"""Minimum furnishing: the furniture a rule set says a room must hold, placed where the drawing shows none.

DiBK reads the turning area of TEK17 §12-7 as achievable "etter at rommet er møblert med et minimum
av nødvendig utstyr og møbler"; the set itself is rule-set data, one line per piece:

    "each bedroom: bed 900x2000"          every room with the function holds one
    "unit kitchen|living: table 800x1700"  the unit holds one, in a room with one of the functions

``W x D`` is the width along the wall the piece stands against and its depth into the room (a bed:
head against the wall; a table may stand either way round). A ``unit`` line is already met when a
room of its functions holds a piece of the same kind (an ``each`` line or a drawn one).

Where the drawing shows a piece of the same kind in the room, it stands where drawn (fixed
wardrobes already are fixed fittings); other drawn movable furniture is ignored — it is beyond the
minimum. The rest is placed by a beam search: largest piece first, each with its back against a
wall edge, pushed to either end of every free gap along the edge (and the gap's middle when it is
long), never in a door swing nor within ``door_clear_mm`` of a door opening; the ``BEAM`` layouts
leaving the largest turning circle (the worst door case of the swing mode) are kept, those that
keep the passage (a disc of ``passage_mm`` from the entry door to every other door, and to the
windows where asked) before those that cut it off. Of the final layouts, the one placing most
pieces, then keeping the passage, then leaving the largest circle wins (a way the room or its
drawn pieces already block is the passage rule's finding, not the layout's). The candidate
positions are exact for one piece per wall gap; over several pieces the search is a heuristic
(what it reports is a layout that exists; a layout it misses may exist).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import largest_circle, union
from planeval.measure.congruent import moved_circle, same_params
from planeval.measure.context import Context
from planeval.measure.doors import approach_strip, door_zone
from planeval.measure.fixtures import fixtures_in, free_strip_bounds, gaps, room_reach, wall_edges
from planeval.measure.floor import FloorSpec, erode, free_floor, obstacles
from planeval.measure.frames import Frame
from planeval.measure.passages import entry_door
from planeval.measure.reach import APPROACH_MARGIN_MM, connects, window_zone
from planeval.measure.turning import SwingMode, door_cases
from planeval.model.types import Room

__all__ = ["BEAM", "TURNABLE", "Item", "ItemRule", "parse_items", "FurnishSpec", "Placed", "Layout", "cut_off",
           "furnish_room", "furnish_unit"]

#: Layouts kept at each step of the search.
BEAM = 5
#: Kinds that have no back: they may stand with either side against the wall.
TURNABLE = frozenset({"table", "parking"})
#: At each step the passage is checked for at most this many times ``BEAM`` layouts (largest circle first).
CHECKS = 4
#: A gap along a wall longer than this many times the piece also gets a candidate in its middle.
MIDDLE_FACTOR = 2.0
#: a stretch of wall this much shorter than a piece still holds it: the float noise of a turned plan
ROUNDING_MM = 1e-6

_NUM = r"(\d+(?:\.\d+)?)"
_LINE = re.compile(r"^\s*(each|unit)\s+([a-z_]+(?:\s*\|\s*[a-z_]+)*)\s*:\s*([a-z_]+)\s+" + _NUM + r"\s*[x×]\s*" + _NUM + r"\s*$")


@dataclass(frozen=True)
class Item:
    """One piece of furniture: ``width_mm`` along the wall it stands against, ``depth_mm`` into the room."""

    kind: str
    width_mm: float
    depth_mm: float

    @property
    def label(self) -> str:
        return f"{self.kind} {self.width_mm:.0f} × {self.depth_mm:.0f} mm"

    @property
    def area(self) -> float:
        return self.width_mm * self.depth_mm


@dataclass(frozen=True)
class ItemRule:
    """One line of a rule set's furniture list."""

    scope: str  # "each" | "unit"
    functions: tuple[str, ...]
    item: Item


def parse_items(lines: tuple[str, ...]) -> tuple[ItemRule, ...]:
    """The rule-set lines as :class:`ItemRule` objects; a malformed line raises ``ValueError`` naming it.

    >>> parse_items(("each bedroom: bed 900x2000", "unit kitchen|living: table 800 × 1700"))[1]
    ItemRule(scope='unit', functions=('kitchen', 'living'), item=Item(kind='table', width_mm=800.0, depth_mm=1700.0))
    """
    out = []
    for line in lines:
        m = _LINE.match(line.lower())
        if m is None:
            raise ValueError(f"furniture line {line!r}: expected 'each|unit <function>[|<function>…]: <kind> <W>x<D>'")
        scope, funcs, kind, w, d = m.groups()
        if float(w) <= 0 or float(d) <= 0:
            raise ValueError(f"furniture line {line!r}: sizes must be positive")
        out.append(ItemRule(scope, tuple(f.strip() for f in funcs.split("|")), Item(kind, float(w), float(d))))
    return tuple(out)


@dataclass(frozen=True)
class FurnishSpec:
    """The geometric inputs of a furnished layout (the memo key with the room and its pieces)."""

    floor: FloorSpec  # what stands in the room besides the furniture (``furnished`` is ignored: drawn pieces are matched)
    mode: SwingMode  # which door swings the turning circle of the score avoids
    door_clear_mm: float  # no piece within this depth of a door opening
    passage_mm: float  # a disc this wide must still go from the entry door to the other doors (0: not asked)
    to_windows: bool  # … and to the windows
    tolerance_mm: float  # drawing noise: a piece may be this much shorter than its wall edge


@dataclass(frozen=True)
class Placed:
    item: Item
    polygon: Polygon
    fixture: str | None  # the drawn fixture standing for the piece (None: placed by planeval)


@dataclass(frozen=True)
class Layout:
    """A furnished room: what stands where, what found no place, the free floor left."""

    room: str
    placed: tuple[Placed, ...]
    missing: tuple[Item, ...]  # pieces no wall position takes (after the others)
    free: BaseGeometry  # the room's free floor minus the placed pieces (door swings not removed)
    diameter: float  # largest circle of the worst door case in ``free`` (mm)
    blocked: tuple[str, ...]  # doors/windows the placed pieces cut off from the passage (reached without them)


def _keep_clear(ctx: Context, room: Room, spec: FurnishSpec) -> BaseGeometry:
    """Where no piece may stand: the swings of doors opening into the room and the strip in front of every opening."""
    parts: list[BaseGeometry] = [d.swing for d in ctx.doors_swinging_into(room.id) if d.swing is not None]
    parts += [approach_strip(ctx, d, room.id, spec.door_clear_mm) for d in ctx.doors_of(room.id)]
    return union(parts)


def _diameter(ctx: Context, rid: str, free: BaseGeometry, mode: SwingMode) -> float:
    """The largest circle of the worst door case (the turning measure of the search)."""
    worst = math.inf
    for _, minus in door_cases(ctx, rid, mode):
        g = free
        for did in minus:
            sw = ctx.door(did).swing
            if sw is not None:
                g = g.difference(sw)
        worst = min(worst, 2 * moved_circle(ctx, "largest-circle", g, (), largest_circle, same_params)[2])
    return 0.0 if worst is math.inf else worst


def _candidates(room: Room, allowed: BaseGeometry, item: Item, tol: float) -> list[Polygon]:
    """Positions of ``item`` with its back against a wall edge inside ``allowed`` floor."""
    out: list[Polygon] = []
    seen: set[tuple[int, ...]] = set()
    reach = room_reach(room)
    sizes = [(item.width_mm, item.depth_mm)]
    if item.kind in TURNABLE and item.width_mm != item.depth_mm:
        sizes.append((item.depth_mm, item.width_mm))
    for w, d in sizes:
        for a, b in wall_edges(room.polygon, min_length=w - tol):
            fr = Frame.along(a, b)
            length = math.dist(a, b)
            blocked = [(x0, x1) for x0, x1, _, _ in free_strip_bounds(allowed, fr, -reach, length + reach, tol, d - tol)]
            for g0, g1 in gaps(blocked, -reach + 1.0, length + reach - 1.0):
                lo, hi = max(g0, -tol), min(g1, length + tol) - w
                if hi < lo - ROUNDING_MM:  # a gap exactly as wide as the piece holds it, whatever the rounding
                    continue
                hi = max(hi, lo)
                spots = {lo, hi}
                if hi - lo > (MIDDLE_FACTOR - 1) * w:
                    spots.add((lo + hi) / 2)
                for s in sorted(spots):
                    poly = fr.box(s, s + w, 0.0, d)
                    key = tuple(round(c / 10) for c in poly.bounds)
                    if key not in seen:
                        seen.add(key)
                        out.append(poly)
    return out


def cut_off(ctx: Context, room: Room, free: BaseGeometry, furniture: BaseGeometry, floor: FloorSpec, width: float,
            doors: bool, windows: bool) -> tuple[str, ...]:
    """The doors (with ``doors``) and windows (with ``windows``) of ``room`` a disc of ``width`` does not
    reach from the entry door in ``free`` (``furniture``: what stands in it besides ``floor``'s obstacles,
    so that a window's approach starts in front of what stands under it)."""
    if width <= 0:
        return ()
    entry = entry_door(ctx, room.id)
    if entry is None:
        return ()
    depth = width / 2 + APPROACH_MARGIN_MM
    core = erode(free, width / 2)
    start = door_zone(ctx, ctx.door(entry), room.id, depth)
    out = [d.id for d in ctx.doors_of(room.id)
           if doors and d.id != entry and not connects(core, start, door_zone(ctx, d, room.id, depth))]
    if windows:
        obst = union([obstacles(ctx, room.id, floor), furniture])
        for win in ctx.plan.windows_of_room(room.id):
            if not connects(core, start, window_zone(win, room.polygon, obst, depth)[0]):
                out.append(win.id)
    return tuple(out)


def _passage_blocked(ctx: Context, room: Room, free: BaseGeometry, furniture: BaseGeometry, spec: FurnishSpec) -> tuple[str, ...]:
    """The doors (and windows) a disc of ``passage_mm`` does not reach from the entry door."""
    return cut_off(ctx, room, free, furniture, spec.floor, spec.passage_mm, True, spec.to_windows)


@dataclass(frozen=True)
class _State:
    placed: tuple[Placed, ...]
    missing: tuple[Item, ...]
    free: BaseGeometry
    diameter: float


def furnish_room(ctx: Context, room: Room, items: tuple[Item, ...], spec: FurnishSpec) -> Layout:
    """The best layout of ``items`` in ``room`` the search finds (see the module docstring)."""

    def compute() -> Layout:
        floor = FloorSpec(False, spec.floor.floor_kinds, spec.floor.underpass_kinds, spec.floor.underpass_mm)
        free0 = free_floor(ctx, room.id, floor)
        placed: list[Placed] = []
        todo: list[Item] = []
        drawn = {f.id: f for f in fixtures_in(ctx, room, {i.kind for i in items})}
        for it in items:
            f = next((f for f in drawn.values() if f.kind == it.kind), None)
            if f is None:
                todo.append(it)
                continue
            del drawn[f.id]
            placed.append(Placed(it, f.polygon, f.id))
            if f.movable:
                free0 = free0.difference(f.polygon)
        clear = _keep_clear(ctx, room, spec)
        drawn_pieces = union([p.polygon for p in placed])
        before = set(_passage_blocked(ctx, room, shapely.make_valid(free0), drawn_pieces, spec))

        def blocked(st: _State) -> tuple[str, ...]:
            furniture = union([p.polygon for p in st.placed])
            return tuple(b for b in _passage_blocked(ctx, room, shapely.make_valid(st.free), furniture, spec) if b not in before)

        def admit(cands: list[_State]) -> list[tuple[_State, tuple[str, ...]]]:
            """The ``BEAM`` largest-circle layouts, those that cut nothing off first (at most
            ``CHECKS × BEAM`` passage checks, in order of circle)."""
            cands = sorted(cands, key=lambda s: -s.diameter)
            good: list[tuple[_State, tuple[str, ...]]] = []
            bad: list[tuple[_State, tuple[str, ...]]] = []
            for k, st in enumerate(cands):
                if len(good) >= BEAM or k >= CHECKS * BEAM:
                    break
                cut = blocked(st)
                (bad if cut else good).append((st, cut))
            return (good + bad)[:BEAM] if len(good) + len(bad) else [(st, ()) for st in cands[:BEAM]]

        start = _State(tuple(placed), (), free0, _diameter(ctx, room.id, free0, spec.mode))
        states: list[tuple[_State, tuple[str, ...]]] = [(start, ())]
        for it in sorted(todo, key=lambda i: (-i.area, i.kind)):
            nxt: list[_State] = []
            for st, _ in states:
                for poly in _candidates(room, st.free.difference(clear), it, spec.tolerance_mm):
                    free = st.free.difference(poly)
                    score = _diameter(ctx, room.id, free, spec.mode)
                    nxt.append(_State((*st.placed, Placed(it, poly, None)), st.missing, free, score))
            if not nxt:
                states = [(_State(st.placed, (*st.missing, it), st.free, st.diameter), cut) for st, cut in states]
                continue
            states = admit(nxt)
        st, cut = min(states, key=lambda sc: (len(sc[0].missing), len(sc[1]), -sc[0].diameter))
        return Layout(room.id, st.placed, st.missing, st.free, st.diameter, cut)

    return ctx.memo(("furnish", room.id, tuple(items), spec), compute)


def _rank(lay: Layout) -> tuple[int, int, float]:
    return (len(lay.missing), len(lay.blocked), -lay.diameter)


def furnish_unit(ctx: Context, rids: tuple[str, ...], rules: tuple[ItemRule, ...], spec_of: dict[str, FurnishSpec]
                 ) -> dict[str, Layout]:
    """Room id -> its layout, for the rooms ``rids`` of one unit that hold any piece (``spec_of``: each room's spec).

    ``each`` lines go to every room with one of their functions; each ``unit`` line not already met
    goes to the room of its functions where the layout ranks best (fewest pieces missing, fewest
    ways blocked, largest circle; ties: the function listed first)."""
    rooms = [ctx.room(rid) for rid in rids]
    items: dict[str, list[Item]] = {r.id: [] for r in rooms}
    for rule in rules:
        if rule.scope == "each":
            for r in rooms:
                if set(rule.functions) & set(r.functions):
                    items[r.id].append(rule.item)
    for rule in rules:
        if rule.scope != "unit":
            continue
        cands = [r for r in rooms if set(rule.functions) & set(r.functions)]
        if not cands:
            continue
        kind = rule.item.kind
        if any(any(i.kind == kind for i in items[r.id]) or fixtures_in(ctx, r, (kind,)) for r in cands):
            continue

        def order(r: Room, rule: ItemRule = rule) -> tuple[int, int, float, int, str]:
            lay = furnish_room(ctx, r, (*items[r.id], rule.item), spec_of[r.id])
            first = min(rule.functions.index(f) for f in r.functions if f in rule.functions)
            return (*_rank(lay), first, r.id)

        items[min(cands, key=order).id].append(rule.item)
    return {rid: furnish_room(ctx, ctx.room(rid), tuple(its), spec_of[rid]) for rid, its in items.items() if its}
