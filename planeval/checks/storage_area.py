"""Storage (bod) area per dwelling unit.

What it checks
    The floor area of the unit's storage rooms (function ``storage``; at most ``max_parts`` rooms
    count, largest first) against the minimum for the unit's size: ``min_area_small_unit_m2`` for
    units of at most ``small_unit_max_m2`` net area, ``min_area_m2`` above. Storage rooms narrower
    than ``min_room_width_mm`` do not count (a wheelchair must be able to drive in).

Why
    TEK17 §12-10 (2): storage for bicycles, prams and sports gear ≥ 5.0 m² BRA, or ≥ 2.5 m² BRA
    for units ≤ 50 m² BRA; it may be split in two; technical installations do not count.
    Husbanken livsløp asks about 3 m² internal bod; NDSS/M4(3) 1.0–1.5 m² built-in storage.

Parameters
    min_area_m2, min_area_small_unit_m2, small_unit_max_m2 (m²), max_parts (count),
    min_room_width_mm (mm).

Passes / Fails
    Passes when the counted storage area reaches the minimum; fails with the shortfall in m²
    (a unit with no storage at all fails with 0.00 m²). Not applicable without dwelling units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import shapely

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, compare
from planeval.measure import Context
from planeval.measure.floor import room_circle

SPEC = RuleSpec(
    code="ST01",
    name="storage-area",
    title="storage (bod) area per unit",
    overlay="units",
    zone_kinds=(ZoneKind.STORAGE,),
    measured="area",
)


@dataclass(frozen=True)
class Params:
    min_area_m2: float = param("minimum storage floor area of a unit above small_unit_max_m2 net area (m²)")
    min_area_small_unit_m2: float = param("minimum storage floor area of a unit of at most small_unit_max_m2 net area (m²)")
    small_unit_max_m2: float = param("units of at most this net area (m²) need only min_area_small_unit_m2")
    max_parts: int = param("at most this many storage rooms count, largest first")
    min_room_width_mm: float = param("storage rooms narrower than this do not count: a wheelchair must drive in (mm)")


def check(ctx: Context, p: Params) -> Iterator[Result]:
    if not ctx.plan.units:
        yield Result("plan", Status.NOT_APPLICABLE, None, None, "m²", "no dwelling unit recognised")
        return
    for u in ctx.plan.units:
        rooms = [ctx.room(r) for r in u.rooms]
        net = sum(r.area_m2 for r in rooms if r.function != "balcony")
        need = p.min_area_small_unit_m2 if net <= p.small_unit_max_m2 else p.min_area_m2
        stores = [r for r in rooms if r.function == "storage"]
        usable = []
        for r in stores:
            width = 2 * room_circle(ctx, r.id)[2]
            if width + 1.0 >= p.min_room_width_mm:
                usable.append(r)
        usable.sort(key=lambda r: -r.area_m2)
        counted = usable[: p.max_parts]
        area = sum(r.area_m2 for r in counted)
        status = compare(area, need, eps=0.005)
        names = ", ".join(f"{r.label or r.id} {r.area_m2:.2f} m²" for r in counted) or "no storage room"
        dropped = [r for r in stores if r not in counted]
        extra = f"; not counted: {', '.join(r.label or r.id for r in dropped)}" if dropped else ""
        rel = "≥" if status is Status.PASS else "<"
        location = shapely.union_all([r.polygon for r in counted]) if counted else None
        yield Result(
            subject=u.id,
            status=status,
            measured=area,
            required=need,
            unit="m²",
            message=f"storage {area:.2f} m² ({names}{extra}) {rel} {need:.2f} m² for a unit of {net:.1f} m² net",
            location=location,
            zones=tuple(Zone(ZoneKind.STORAGE, r.polygon, r.id) for r in counted),
            details={"unit_net_m2": round(net, 2), "rooms": [r.id for r in counted]},
        )
