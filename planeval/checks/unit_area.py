"""Unit area against a minimum (NDSS-style) where a rule set names one.

What it checks
    Each dwelling unit's net area (room polygons, balconies excluded; ``measure = "net"``) or its
    BRA approximation (``measure = "bra"``, see the area block) against ``min_area_m2``; the
    Husbanken type (selvstendig omsorgsbolig ≥ 55 m² with kitchen, bofellesskap > 40 m² with
    kitchen, bokollektiv > 30 m²) is reported with it.

Why
    Nationally Described Space Standard (UK) Table 1: 1b1p 39 m² (37 m² with a shower room), 1b2p
    50 m²…; Husbanken care housing: unit types by size (regulations.md §4.1).

Parameters
    min_area_m2 (m²), measure (net | bra).

Passes / Fails
    Passes when the unit's area reaches the minimum; fails with the shortfall in m².
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import shapely

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, compare, say, sign
from planeval.measure import Context
from planeval.measure.units import unit_areas

SPEC = RuleSpec(
    code="AR01",
    name="unit-area",
    title="the unit's net area reaches the minimum for its type",
    overlay="units",
    measured="area",
)


@dataclass(frozen=True)
class Params:
    min_area_m2: float = param("minimum area of each dwelling unit, measured as measure says (m²)")
    measure: Literal["net", "bra"] = param("net: the room polygons without balconies; bra: the BRA approximation")


def check(ctx: Context, p: Params) -> Iterator[Result]:
    if not ctx.plan.units:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.min_area_m2, "m²", msg=say("unit.none", "no dwelling unit "
                                                                                                    "recognised"))
        return
    for u in ctx.plan.units:
        a = unit_areas(ctx, u.id)
        area = a.net_m2 if p.measure == "net" else a.bra_m2
        st = compare(area, p.min_area_m2, eps=0.005)
        rel = sign(st is Status.PASS, area, p.min_area_m2, unit="m²")
        rooms = [ctx.room(r).polygon for r in u.rooms]
        yield Result(
            u.id, st, area, p.min_area_m2, "m²",
            msg=say("AR01.area", "{measure!w} area {area:.2f} m² {rel} {need:.2f} m² ({type})",
                                 measure=p.measure, area=area, rel=rel,
                    need=p.min_area_m2, type=a.type),
            location=shapely.union_all(rooms) if rooms else None,
            details={"type": a.type, "net_m2": round(a.net_m2, 2), "bra_m2": round(a.bra_m2, 2)},
        )
