"""Several plans (or several units) judged together: the building block and CSV rows of areas."""

from __future__ import annotations

import csv
import io
from typing import Any

from planeval.api import Batch
from planeval.checks import SPECS
from planeval.findings import verdict_of
from planeval.report.json_report import finding_to_dict
from planeval.scoring import building_metrics


def building_block(batch: Batch, areas: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """Unit mix and totals across all plans, and the building-level findings of the aggregate rules
    (TEK17 §12-2 (2) share, per rule set) judged over them by the engine's second phase.

    Only produced when more than one plan was given (one plan's own block is in its area metrics).
    """
    area_blocks = areas if areas is not None else []
    if areas is None:
        seen = set()
        for r in batch.reports:
            if id(r.plan) not in seen and r.area:
                seen.add(id(r.plan))
                area_blocks.append(r.area)
    if len(area_blocks) < 2:
        return None
    units = [u for a in area_blocks for u in a.get("units", [])]
    block = building_metrics(units)
    block["plans"] = len(area_blocks)
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
                    "small_units": len(small),
                    "share": round(f.result.measured or 0.0, 3),
                }
    block["findings"] = findings
    block["verdict"] = verdict_of(batch.building_findings).word
    return block


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
