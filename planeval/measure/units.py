"""Unit areas as NS 3940 measures them, and rooms grouped by their dwelling unit.

* ``net_m2`` — the unit's rooms without balconies (inside the wall faces);
* ``bra_m2`` — net plus the internal walls between the unit's rooms (a 0.5 m closing fills walls up
  to 0.5 m thick); enclosing walls towards outside, the corridor and neighbours are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planeval.geometry import union
from planeval.measure.context import Context
from planeval.model.types import Plan, Room

__all__ = [
    "UnitAreas", "unit_areas", "unit_net_m2", "unit_bra_m2", "internal_walls_m2", "floor_rooms", "classify",
    "HUSBANKEN_TYPES", "groups_by_unit",
]

BRA_CLOSING_MM = 250.0  # half of the thickest internal wall counted into BRA (0.5 m)
HUSBANKEN_TYPES = (
    ("selvstendig omsorgsbolig", 55.0, True, False),
    ("bofellesskap", 40.0, True, True),
    ("bokollektiv", 30.0, False, True),
)


def classify(net_m2: float, has_kitchen: bool) -> str:
    """Husbanken unit type for a net area.

    >>> classify(56.2, True), classify(44.0, True), classify(44.0, False), classify(31.6, True), classify(28.0, True)
    ('selvstendig omsorgsbolig', 'bofellesskap', 'bokollektiv', 'bokollektiv', 'under 30 m²')
    """
    for name, limit, kitchen, strict in HUSBANKEN_TYPES:
        big = net_m2 > limit if strict else net_m2 >= limit
        if big and (has_kitchen or not kitchen):
            return name
    return "under 30 m²"


@dataclass(frozen=True)
class UnitAreas:
    net_m2: float
    bra_m2: float
    internal_walls_m2: float
    type: str  # Husbanken unit type (see :func:`classify`)


def floor_rooms(plan: Plan, unit_id: str) -> list[Room]:
    """The unit's rooms that count as floor area (balconies excluded)."""
    return [r for r in plan.rooms if r.unit == unit_id and r.function != "balcony"]


def unit_net_m2(plan: Plan, unit_id: str) -> float:
    return sum(r.area_m2 for r in floor_rooms(plan, unit_id))


#: unit_bra_m2 of the last plans asked (id -> (the plan, kept so that its id stays its own; unit -> m²))
_BRA: dict[int, tuple[Plan, dict[str, float]]] = {}
_BRA_PLANS = 8


def unit_bra_m2(plan: Plan, unit_id: str) -> float:
    """The unit's BRA (m²): net plus its internal walls (see :func:`unit_areas`; for rules that see
    only the plan, such as the aggregate ones). Kept for the last few plans: an aggregate rule
    judged again for each rule set or sweep variant of a plan asks the same."""
    held = _BRA.get(id(plan))
    if held is None or held[0] is not plan:
        while len(_BRA) >= _BRA_PLANS:
            del _BRA[next(iter(_BRA))]
        held = _BRA[id(plan)] = (plan, {})
    if unit_id not in held[1]:
        rooms = floor_rooms(plan, unit_id)
        held[1][unit_id] = sum(r.area_m2 for r in rooms) + internal_walls_m2(rooms)
    return held[1][unit_id]


def internal_walls_m2(rooms: list[Room]) -> float:
    """Area of the internal walls between ``rooms`` (m²): the gaps a 0.5 m closing fills."""
    own = union([r.polygon for r in rooms if r.function != "balcony"])
    closed = own.buffer(BRA_CLOSING_MM, join_style="mitre").buffer(-BRA_CLOSING_MM, join_style="mitre")
    return float(closed.difference(own).area / 1e6)


def unit_areas(ctx: Context, unit_id: str) -> UnitAreas:
    """Net and BRA of one unit, memoised."""

    def compute() -> UnitAreas:
        rooms = floor_rooms(ctx.plan, unit_id)
        net = sum(r.area_m2 for r in rooms)
        walls = internal_walls_m2(rooms)
        has_kitchen = any("kitchen" in r.functions for r in ctx.plan.rooms if r.unit == unit_id)
        return UnitAreas(net, net + walls, walls, classify(net, has_kitchen))

    return ctx.memo(("unit-areas", unit_id), compute)


def groups_by_unit(rooms: Iterable[Room]) -> dict[str, list[Room]]:
    """Rooms grouped by dwelling unit (a room outside any unit is its own group), in plan order."""
    out: dict[str, list[Room]] = {}
    for r in rooms:
        out.setdefault(r.unit or r.id, []).append(r)
    return out
