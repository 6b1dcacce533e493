"""Area metrics: how the square metres of each unit serve their functions, and what the rules claim.

All numbers are computed from the plan model (room polygons in mm) and, when a rule set was run,
from the zones its checks claim. Every formula is stated in ``DEFINITIONS`` and repeated in the
JSON, so that a researcher can recompute each number from the report:

* ``net_m2`` — sum of the unit's room polygons (inside wall faces), balconies excluded;
* ``bra_m2`` — an NS 3940-style BRA approximation: net area plus the internal walls between the
  unit's rooms; the enclosing walls (towards outside, corridors, neighbours) are not counted;
* ``by_function`` — net area per canonical function (a combined room counts for its first
  function);
* ``circulation`` — entrance, hall (and corridor) area; ``storage`` — storage rooms; ``wet`` —
  bathroom, WC, laundry;
* ``unusable`` — free floor no 0.6 m wide person can use (slivers: floor lost by an opening of
  the free floor with a 0.3 m radius) plus free floor no wheelchair can reach from the entrance
  (when a rule set with wheelchair-reachability ran);
* ``required_zone`` — union of the zones the checks claim (turning areas, WC side spaces, bed
  zones, kitchen front space, passages, door side spaces), clipped to the unit's rooms;
  ``zone_sum`` — the sum of the zones' areas; ``zone_overlap`` = ``zone_sum − required_zone``;
* ``efficiency_index`` = ``required_zone_m2 / net_m2`` — the share of the net floor the rule set
  needs; a compact plan whose rooms are just large enough for their requirements scores high;
* ``slack_mm`` per room — the room's free extent minus the extent of its required zones along
  each of its two principal axes: how much the room could shrink in that direction before its
  zones no longer fit (exact for a rectangular room with one turning circle, an upper bound when
  zones could be rearranged).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import dominant_angle, polygons_of, union
from planeval.measure.units import classify, internal_walls_m2

SLIVER_WIDTH_MM = 600.0
CIRCULATION = ("entrance", "hall")
WET = ("bathroom", "wc", "laundry")

#: Husbanken care-housing unit types, largest first: (type, minimum net m², needs a kitchen, strict ">")

DEFINITIONS = {
    "net_m2": "sum of the unit's room polygons (inside wall faces), balconies excluded",
    "bra_m2": "net area + area of the internal walls between the unit's rooms (walls ≤ 0.5 m thick); enclosing walls towards "
              "outside, corridors and neighbours excluded — NS 3940 BRA approximation",
    "by_function": "net area per canonical function; a combined room counts for its first function",
    "circulation_share": "(entrance + hall) / net",
    "storage_m2": "area of storage rooms",
    "wet_m2": "area of bathroom, WC and laundry rooms",
    "unusable_m2": "slivers narrower than 0.6 m (free floor minus its opening by a 0.3 m disc) + free floor a wheelchair "
                   "cannot reach from the entrance (when checked)",
    "required_zone_m2": "union of the zones claimed by the rule set's checks, clipped to the unit's rooms",
    "zone_overlap_m2": "sum of zone areas − their union: floor shared by several requirements",
    "efficiency_index": "required_zone_m2 / net_m2",
    "slack_mm": "per room and principal axis: free extent of the room − extent of its required zones",
    "type": "Husbanken: selvstendig omsorgsbolig ≥ 55 m² with kitchen; bofellesskap > 40 m² with kitchen; bokollektiv > 30 m²",
}


def _extent(geom: BaseGeometry, angle_deg: float) -> float:
    if geom.is_empty:
        return 0.0
    a = math.radians(angle_deg)
    rings = [p.exterior for p in polygons_of(geom)]
    if not rings:
        return 0.0
    xy = shapely.get_coordinates(rings)
    proj = xy[:, 0] * math.cos(a) + xy[:, 1] * math.sin(a)
    return float(proj.max() - proj.min())


def _slivers(free: BaseGeometry) -> BaseGeometry:
    """Free floor a 0.6 m wide disc cannot sweep."""
    if free.is_empty:
        return Polygon()
    r = SLIVER_WIDTH_MM / 2
    opened = free.buffer(-r, quad_segs=4).buffer(r, quad_segs=4)
    return free.difference(opened)


@dataclass(frozen=True)
class UnitBase:
    """What a unit's area block takes from the plan alone (no rule set): computed once per plan."""

    rooms: tuple[Any, ...]
    net: float
    by_function: dict[str, float]
    has_kitchen: bool
    floor_union: BaseGeometry
    free: BaseGeometry
    slivers: BaseGeometry
    bra: float
    axes: dict[str, tuple[float, float, float]]  #: room id -> (principal angle, free extent along it, across it)


def _unit_base(plan: Any, unit: Any) -> UnitBase:
    rooms = tuple(r for r in plan.rooms if r.unit == unit.id)
    floor = [r for r in rooms if r.function != "balcony"]
    by_function: dict[str, float] = {}
    for r in floor:
        by_function[r.function] = by_function.get(r.function, 0.0) + r.area_m2
    floor_union = union([r.polygon for r in floor])
    fixed = union([f.polygon for f in plan.fixtures if not f.movable and f.room in {r.id for r in floor}])
    free = floor_union.difference(fixed)
    axes = {}
    for r in rooms:
        a0 = dominant_angle(r.polygon)  # the direction of the room's longest run of walls
        room_free = r.polygon.difference(fixed)
        axes[r.id] = (a0, _extent(room_free, a0), _extent(room_free, a0 + 90))
    return UnitBase(rooms, sum(r.area_m2 for r in floor), by_function, any("kitchen" in r.functions for r in rooms),
                    floor_union, free, _slivers(free), sum(r.area_m2 for r in floor) + internal_walls_m2(list(rooms)), axes)


class AreaMemo:
    """The area block's measurements of one plan, shared by every rule set judged on it.

    The plan-only part of each unit (:class:`UnitBase`) is computed once; a zone clipped to a unit,
    the union of a group of clipped zones and a unit's unusable floor are kept per geometry object
    (the memoised measurements hand the same objects to every rule set that asks the same zone), so
    a sweep variant that changes one rule's zones only clips and unites those. A fresh memo runs the
    same functions: the numbers are those of a from-scratch run by construction.
    """

    def __init__(self, plan: Any) -> None:
        self.plan = plan
        self._bases: dict[str, UnitBase] = {}
        self._memo: dict[tuple[Any, ...], tuple[Any, Any]] = {}  # key of object ids -> (the objects, value)

    def base(self, unit: Any) -> UnitBase:
        if unit.id not in self._bases:
            self._bases[unit.id] = _unit_base(self.plan, unit)
        return self._bases[unit.id]

    def _get(self, what: str, objs: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        key = (what, *map(id, objs))
        if key not in self._memo:
            self._memo[key] = (objs, compute())  # the objects are kept alive: their ids stay theirs
        return self._memo[key][1]

    def clipped(self, uid: str, geom: BaseGeometry, floor_union: BaseGeometry) -> BaseGeometry:
        return self._get("clip:" + uid, (geom,), lambda: geom.intersection(floor_union))

    def union(self, geoms: list[BaseGeometry]) -> BaseGeometry:
        """The union of ``geoms``, memoised by the objects (one polygon is its own union)."""
        if len(geoms) == 1 and isinstance(geoms[0], Polygon):
            return geoms[0]
        return self._get("union", tuple(geoms), lambda: union(geoms))

    def unusable(self, uid: str, base: UnitBase, unreachable: BaseGeometry | None) -> BaseGeometry:
        if unreachable is None or unreachable.is_empty:
            return base.slivers
        return self._get("unusable:" + uid, (unreachable,), lambda: union([base.slivers, unreachable.intersection(base.free)]))

    def unreachable_m2(self, uid: str, base: UnitBase, unreachable: BaseGeometry) -> float:
        return float(self._get("unreachable:" + uid, (unreachable,), lambda: unreachable.intersection(base.free).area))

    def extent(self, geom: BaseGeometry, angle_deg: float) -> float:
        return float(self._get(f"extent:{angle_deg!r}", (geom,), lambda: _extent(geom, angle_deg)))


def _grouped_union(memo: AreaMemo, zones: list[tuple[str, BaseGeometry]]) -> BaseGeometry:
    """Union of zones: of each kind's zones first (in their order), then of the kinds' unions (sorted by kind)."""
    kinds: dict[str, list[BaseGeometry]] = {}
    for k, g in zones:
        kinds.setdefault(k, []).append(g)
    parts = [memo.union(kinds[k]) for k in sorted(kinds)]
    return parts[0] if len(parts) == 1 else memo.union(parts)


def zone_bounds(zones: list[tuple[str, BaseGeometry, str | None]]) -> np.ndarray:
    """The bounding boxes (n, 4) of ``zones``' geometries (NaN for an empty one)."""
    return shapely.bounds(np.asarray([g for _, g, _ in zones], dtype=object)).reshape(-1, 4)


def unit_metrics(
    plan: Any, unit: Any, zones: list[tuple[str, BaseGeometry, str | None]], unreachable: BaseGeometry | None,
    memo: AreaMemo | None = None, rooms_detail: bool = True, bounds: np.ndarray | None = None,
) -> dict[str, Any]:
    """One unit's area block. ``bounds``: :func:`zone_bounds` of ``zones``, when the caller has them (one
    array for every unit of a plan)."""
    memo = memo or AreaMemo(plan)
    base = memo.base(unit)
    rooms, net, by_function = base.rooms, base.net, base.by_function
    circulation = sum(v for k, v in by_function.items() if k in CIRCULATION)
    storage = by_function.get("storage", 0.0)
    wet = sum(v for k, v in by_function.items() if k in WET)
    slivers = base.slivers
    unusable = memo.unusable(unit.id, base, unreachable)
    # only the zones whose box meets the unit's floor's (touching included) can meet the floor: the rest of a
    # large plan's zones are not clipped per unit
    zb = zone_bounds(zones) if bounds is None else bounds
    x0, y0, x1, y1 = base.floor_union.bounds if not base.floor_union.is_empty else (np.nan,) * 4
    near = (zb[:, 0] <= x1) & (zb[:, 2] >= x0) & (zb[:, 1] <= y1) & (zb[:, 3] >= y0)
    unit_zones = [(k, memo.clipped(unit.id, g, base.floor_union), room)
                  for (k, g, room), ok in zip(zones, near.tolist(), strict=True) if ok]
    unit_zones = [(k, g, room) for k, g, room in unit_zones if not g.is_empty]
    zone_union = _grouped_union(memo, [(k, g) for k, g, _ in unit_zones])
    zone_sum = sum(g.area for _, g, _ in unit_zones) / 1e6
    by_kind: dict[str, float] = {}
    for k, g, _ in unit_zones:
        by_kind[k] = by_kind.get(k, 0.0) + g.area / 1e6
    detail = []
    for r in rooms if rooms_detail else ():
        rz = _grouped_union(memo, [(k, g) for k, g, room in unit_zones if room == r.id])
        a0, free_along, free_across = base.axes[r.id]
        slack = None
        if not rz.is_empty:
            slack = {
                f"axis_{round(a0) % 180}deg": round(free_along - memo.extent(rz, a0)),  # 179.7° is "axis_0deg"
                f"axis_{round(a0 + 90) % 180}deg": round(free_across - memo.extent(rz, a0 + 90)),
            }
        detail.append({
            "id": r.id,
            "label": r.label,
            "function": r.function,
            "area_m2": round(r.area_m2, 2),
            "required_zone_m2": round(rz.area / 1e6, 2),
            "slack_mm": slack,
        })
    bra = base.bra

    def share(v: float) -> float | None:
        return round(v / net, 4) if net > 0 else None

    return {
        "id": unit.id,
        "rooms": list(unit.rooms),
        "type": classify(net, base.has_kitchen),
        "has_kitchen": base.has_kitchen,
        "net_m2": round(net, 2),
        "bra_m2": round(bra, 2),
        "balcony_m2": round(sum(r.area_m2 for r in rooms if r.function == "balcony"), 2),
        "by_function": {k: round(v, 2) for k, v in sorted(by_function.items())},
        "circulation_m2": round(circulation, 2),
        "circulation_share": share(circulation),
        "storage_m2": round(storage, 2),
        "storage_share": share(storage),
        "wet_m2": round(wet, 2),
        "wet_share": share(wet),
        "unusable_m2": round(unusable.area / 1e6, 2),
        "unusable_share": share(unusable.area / 1e6),
        "unusable_detail": {
            "slivers_m2": round(slivers.area / 1e6, 2),
            "unreachable_m2": None if unreachable is None else round(memo.unreachable_m2(unit.id, base, unreachable) / 1e6, 2),
        },
        "required_zone_m2": round(zone_union.area / 1e6, 2),
        "required_zone_share": share(zone_union.area / 1e6),
        "zone_sum_m2": round(zone_sum, 2),
        "zone_overlap_m2": round(max(0.0, zone_sum - zone_union.area / 1e6), 2),
        "zones_by_kind": {k: round(v, 2) for k, v in sorted(by_kind.items())},
        "efficiency_index": share(zone_union.area / 1e6) if zones else None,
        **({"rooms_detail": detail} if rooms_detail else {}),
    }


def area_metrics(
    plan: Any, findings: list[Any] | None = None, ruleset: Any = None, unreachable: dict[str, BaseGeometry] | None = None,
    memo: AreaMemo | None = None, rooms_detail: bool = True,
) -> dict[str, Any]:
    """The area block of a report: per unit and for the whole plan (a floor or a building).

    ``memo``: an :class:`AreaMemo` of ``plan`` kept across rule sets (a sweep's variants);
    ``rooms_detail``: False leaves out each unit's per-room block (zones and slack per room: a
    union per room), which the sweep's tables do not hold."""
    memo = memo or AreaMemo(plan)
    zones: list[tuple[str, BaseGeometry, str | None]] = []
    for f in findings or []:
        for z in f.result.zones:
            zones.append((z.kind, z.geometry, z.room))
    bounds = zone_bounds(zones)
    units = [unit_metrics(plan, u, zones, (unreachable or {}).get(u.id), memo, rooms_detail, bounds) for u in plan.units]
    # a copy: a caller that adds to its report's definitions (area --slack) must not add them to every later report
    return {"definitions": dict(DEFINITIONS), "units": units, "building": building_metrics(units, plan)}


def building_metrics(units: list[dict[str, Any]], plan: Any | None = None) -> dict[str, Any]:
    net = sum(u["net_m2"] for u in units)
    bra = sum(u["bra_m2"] for u in units)
    common = 0.0
    if plan is not None:
        common = sum(r.area_m2 for r in plan.rooms if r.common or r.unit is None)
    mix = Counter(u["type"] for u in units)
    return {
        "units": len(units),
        "net_m2": round(net, 2),
        "bra_m2": round(bra, 2),
        "common_m2": round(common, 2),
        "average_net_m2": round(net / len(units), 2) if units else None,
        "mix": dict(sorted(mix.items())),
    }


def report_area(report: Any, memo: AreaMemo | None = None, rooms_detail: bool = True) -> dict[str, Any]:
    """The area block of a judged :class:`~planeval.findings.Report`: the zones its findings claim,
    the floor its rules measured as unusable, and which units are accessible under its rule set
    (``memo``: an :class:`AreaMemo` of the report's plan kept across rule sets; ``rooms_detail``:
    see :func:`area_metrics`)."""
    from planeval.checks import accessibility_rules
    from planeval.findings import accessible_units

    area = area_metrics(report.plan, findings=report.findings, ruleset=report.ruleset, unreachable=report.unusable, memo=memo,
                        rooms_detail=rooms_detail)
    rules = sorted(accessibility_rules() & {rc.rule for rc in report.ruleset.enabled()})
    ok = accessible_units(report.plan, report.findings, frozenset(rules))
    if ok:
        b = area["building"]
        b["accessible_units"] = sum(ok.values())
        b["accessible_share"] = round(sum(ok.values()) / len(ok), 4)
        b["accessible_by_unit"] = dict(sorted(ok.items()))
        b["accessibility_rules"] = rules
        for u in area["units"]:
            u["accessible"] = ok.get(u["id"])
    return area
