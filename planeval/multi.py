"""Several plans (or several units) judged together: the building block, its console summary and
CSV rows of areas."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from planeval.api import Batch
from planeval.checks import SPECS
from planeval.findings import verdict_of
from planeval.model.types import Plan
from planeval.report.json_report import finding_to_dict
from planeval.scoring import building_metrics


def building_block(batch: Batch, areas: list[dict[str, Any]] | None = None, plans: Sequence[Plan] | None = None,
                   name: str | bool | None = None, floors: Sequence[str | None] = ()) -> dict[str, Any] | None:
    """Unit mix and totals across all plans, and the building-level findings of the aggregate rules
    (TEK17 §12-2 (2) share, per rule set) judged over them by the engine's second phase.

    With the ``plans`` (one per area block, in order; default: those of the batch) also the common
    areas (rooms in no unit), m² per unit type and one row per floor (``floors``: their names, as
    the config gives them). Only produced when more than one plan was given (one plan's own block
    is in its area metrics).
    """
    area_blocks = areas if areas is not None else []
    own_plans: list[Plan] = []
    seen = set()
    for r in batch.reports:
        if id(r.plan) not in seen:
            seen.add(id(r.plan))
            own_plans.append(r.plan)
            if areas is None and r.area:
                area_blocks.append(r.area)
    if len(area_blocks) < 2:
        return None
    units = [u for a in area_blocks for u in a.get("units", [])]
    block = building_metrics(units)
    block["plans"] = len(area_blocks)
    if isinstance(name, str):
        block["name"] = name
    block["by_type"] = _by_type(units)
    plan_list = list(plans) if plans is not None else own_plans
    if len(plan_list) == len(area_blocks):
        common = [r for p in plan_list for r in p.rooms if r.unit is None]
        block["common_m2"] = round(sum(r.area_m2 for r in common), 2)
        by_fn: dict[str, float] = {}
        for room in common:
            by_fn[room.function] = by_fn.get(room.function, 0.0) + room.area_m2
        block["common_by_function"] = {k: round(v, 2) for k, v in sorted(by_fn.items())}
        block["by_rooms"] = _by_rooms(plan_list)
        names = list(floors) + [None] * (len(plan_list) - len(floors))
        block["floors"] = [_floor_row(p, a, f) for p, a, f in zip(plan_list, area_blocks, names, strict=True)]
    findings = []
    for rs, fs in batch.building:
        for f in fs:
            d = finding_to_dict(f, None)
            d["ruleset"] = rs.name
            findings.append(d)
            if f.code == SPECS[f.rule].code and f.result.details.get("small_units") is not None:
                acc = f.result.details.get("accessible", {})
                small = f.result.details["small_units"]
                block.setdefault("accessible_share", {})[rs.name] = {
                    "accessible": sum(1 for k in small if acc.get(k)),
                    "in_review": len(set(f.result.details.get("in_review", [])) & set(small)),
                    "small_units": len(small),
                    "share": round(f.result.measured or 0.0, 3),
                    "required": f.result.required,
                    "small_unit_max_m2": rs.rules[f.rule].values.get("small_unit_max_m2") if f.rule in rs.rules else None,
                    "status": f.status.value,
                    "source": f.source,
                }
    block["findings"] = findings
    block["verdict"] = verdict_of(batch.building_findings).word
    return block


def _by_type(units: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """m² per unit type (Husbanken's, from net area and kitchen): count, net, BRA, average net."""
    out: dict[str, dict[str, Any]] = {}
    for u in units:
        t = out.setdefault(u["type"], {"units": 0, "net_m2": 0.0, "bra_m2": 0.0})
        t["units"] += 1
        t["net_m2"] += u["net_m2"]
        t["bra_m2"] += u["bra_m2"]
    for t in out.values():
        t["average_net_m2"] = round(t["net_m2"] / t["units"], 2)
        t["net_m2"], t["bra_m2"] = round(t["net_m2"], 2), round(t["bra_m2"], 2)
    return dict(sorted(out.items()))


def _by_rooms(plans: Sequence[Plan]) -> dict[str, dict[str, Any]]:
    """Units by their number of rooms as Norwegian listings count them ("2-roms": stue + one
    soverom; a room that is both counts once; kitchen, bath, entré and bod do not count)."""
    out: dict[str, dict[str, Any]] = {}
    for p in plans:
        for u in p.units:
            rooms = [r for r in p.rooms if r.unit == u.id]
            n = sum(1 for r in rooms if {"living", "bedroom"} & set(r.functions))
            t = out.setdefault(f"{n}-roms", {"units": 0, "net_m2": 0.0})
            t["units"] += 1
            t["net_m2"] += sum(r.area_m2 for r in rooms if r.function != "balcony")
    for t in out.values():
        t["average_net_m2"] = round(t["net_m2"] / t["units"], 2)
        t["net_m2"] = round(t["net_m2"], 2)
    return dict(sorted(out.items()))


def _floor_row(plan: Plan, area: dict[str, Any], floor: str | None) -> dict[str, Any]:
    units = area.get("units", [])
    return {"file": plan.source.name, "floor": floor, "units": len(units),
            "net_m2": round(sum(u["net_m2"] for u in units), 2),
            "common_m2": round(sum(r.area_m2 for r in plan.rooms if r.unit is None), 2)}


def building_text(block: dict[str, Any]) -> str:
    """The building block for the console: totals, floors, m² per unit type, common areas and the
    accessible share per rule set (TEK17 §12-2 (2)).

    >>> print(building_text({"units": 2, "plans": 2, "net_m2": 90.0, "bra_m2": 93.5, "common_m2": 40.0,
    ...     "common_by_function": {"hall": 40.0}, "by_type": {"bofellesskap": {"units": 2, "net_m2": 90.0,
    ...     "bra_m2": 93.5, "average_net_m2": 45.0}}}))
    building: 2 plans, 2 units, net 90.00 m², BRA ≈ 93.50 m², common areas 40.00 m² (hall 40.00)
      bofellesskap ×2: net 90.00 m² (average 45.00), BRA ≈ 93.50 m²
    """
    name = f" {block['name']}" if block.get("name") else ""
    common = ""
    if "common_by_function" in block:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in block["common_by_function"].items())
        common = f", common areas {block['common_m2']:.2f} m²" + (f" ({parts})" if parts else "")
    lines = [f"building{name}: {block['plans']} plans, {block['units']} units, net {block['net_m2']:.2f} m², "
             f"BRA ≈ {block['bra_m2']:.2f} m²{common}"]
    for f in block.get("floors", []):
        label = f"{f['floor']} ({f['file']})" if f.get("floor") else f["file"]
        lines.append(f"  {label}: {f['units']} units, net {f['net_m2']:.2f} m², common {f['common_m2']:.2f} m²")
    for t, v in block.get("by_type", {}).items():
        lines.append(f"  {t} ×{v['units']}: net {v['net_m2']:.2f} m² (average {v['average_net_m2']:.2f}), "
                     f"BRA ≈ {v['bra_m2']:.2f} m²")
    if block.get("by_rooms"):
        lines.append("  by rooms: " + ", ".join(f"{k} ×{v['units']} (average net {v['average_net_m2']:.2f} m²)"
                                                for k, v in block["by_rooms"].items()))
    for rs, a in block.get("accessible_share", {}).items():
        review = f", {a['in_review']} more in review" if a.get("in_review") else ""
        need = f" (required {a['required']:.0%})" if a.get("required") is not None else ""
        small = f"≤ {a['small_unit_max_m2']:g} m² BRA " if a.get("small_unit_max_m2") is not None else ""
        lines.append(f"  accessible share, §12-2 (2), {rs}: {a['accessible']} of {a['small_units']} units {small}"
                     f"accessible{review}: {a['share']:.0%}{need}: {a.get('status', '')}".rstrip(": "))
    return "\n".join(lines)


COLUMNS = ("file", "unit", "type", "net_m2", "bra_m2", "balcony_m2", "circulation_m2", "circulation_share",
           "storage_m2", "wet_m2", "unusable_m2", "required_zone_m2", "zone_overlap_m2", "efficiency_index")


def area_rows(blocks: list[tuple[str, dict[str, Any]]]) -> str:
    """CSV: one row per unit, with per-function areas as ``fn_<function>_m2`` columns."""
    functions = sorted({f for _, b in blocks for u in b.get("units", []) for f in u["by_function"]})
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([*COLUMNS, *(f"fn_{f}_m2" for f in functions)])
    for path, b in blocks:
        for u in b.get("units", []):
            row = [path, u["id"], *(u.get(c) for c in COLUMNS[2:])]
            row += [u["by_function"].get(f, 0.0) for f in functions]
            w.writerow(["" if v is None else v for v in row])
    return out.getvalue()
