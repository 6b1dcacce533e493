"""Several plans (or several units) judged together: the building block and CSV rows of areas."""

from __future__ import annotations

import csv
import io
from typing import Any

from planeval.checks.accessible_share import accessible_units
from planeval.scoring import building_metrics


def building_block(runs: list[Any], rulesets: list[Any], areas: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """Unit mix and totals across all plans, and the TEK17 §12-2 (2) share across them (per rule set).

    Only produced when more than one plan was given (one plan's own block is in its area metrics).
    """
    plans = {id(r.plan): r.plan for r in runs}
    area_blocks = areas if areas is not None else []
    if areas is None:
        seen = set()
        for r in runs:
            if id(r.plan) not in seen and r.area:
                seen.add(id(r.plan))
                area_blocks.append(r.area)
    if len(area_blocks) < 2:
        return None
    units = [u for a in area_blocks for u in a.get("units", [])]
    block = building_metrics(units)
    block["plans"] = len(area_blocks)
    findings = []
    for rs in rulesets:
        rc = rs.rules.get("accessible-share")
        if rc is None or not rc.enabled or rc.params is None:
            continue
        p = rc.params
        small = [(r, u) for r in runs if r.ruleset is rs for u in r.plan.units
                 if sum(x.area_m2 for x in r.plan.rooms if x.unit == u.id and x.function != "balcony") <= p.small_unit_max_m2]
        if not small:
            continue
        ok_by_plan = {id(r): accessible_units(r.plan, r.findings, p.accessibility_rules) for r in runs if r.ruleset is rs}
        accessible = sum(1 for r, u in small if ok_by_plan[id(r)][u.id])
        share = accessible / len(small)
        status = "pass" if share + 1e-9 >= p.min_share else "fail"
        if not p.lift_required:
            status = "not_applicable"
        findings.append({
            "code": "AR02", "rule": "accessible-share", "ruleset": rs.name, "subject": "building",
            "status": status, "measured": round(share, 3), "required": p.min_share, "unit": "", "severity": rc.severity,
            "source": rc.source,
            "message": f"{accessible} of {len(small)} units ≤ {p.small_unit_max_m2:g} m² across {len(plans)} plans are accessible ({share:.0%}; required {p.min_share:.0%})",
        })
        block.setdefault("accessible_share", {})[rs.name] = {"accessible": accessible, "small_units": len(small), "share": round(share, 3)}
    block["findings"] = findings
    return block


COLUMNS = ("file", "unit", "type", "net_m2", "bra_m2", "balcony_m2", "circulation_m2", "circulation_share", "storage_m2",
           "wet_m2", "unusable_m2", "required_zone_m2", "zone_overlap_m2", "efficiency_index")


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
