"""The check report as one JSON document (the dict every other format is built from)."""

from __future__ import annotations

import json
from typing import Any

from planeval.version import __version__
from planeval.findings import Finding, Report
from planeval.model.types import Plan
from planeval.report.plan import SCHEMA_VERSION, plan_to_dict, wkt

__all__ = ["report_to_dict", "finding_to_dict", "subject_name", "reports_to_dict", "write_json"]


def _round(v: float | None, unit: str) -> float | None:
    if v is None:
        return None
    if unit == "mm":
        return round(v)
    if unit == "m²":
        return round(v, 2)
    return round(v, 3)


def subject_name(plan: Plan, subject: str) -> str:
    for r in plan.rooms:
        if r.id == subject:
            return r.label or r.id
    for d in plan.doors:
        if d.id == subject:
            names = [next((r.label or r.id for r in plan.rooms if r.id == x), x) for x in d.rooms]
            return f"door {' – '.join(names)}"
    return subject


def finding_to_dict(f: Finding, plan: Plan | None) -> dict[str, Any]:
    r = f.result
    return {
        "code": f.code,
        "rule": f.rule,
        "subject": r.subject,
        "subject_name": subject_name(plan, r.subject) if plan is not None else r.subject,
        "status": r.status.value,
        "measured": _round(r.measured, r.unit),
        "required": _round(r.required, r.unit),
        "margin": _round(r.margin, r.unit),
        "sense": r.sense.value,
        "unit": r.unit,
        "severity": str(f.severity),
        "source": f.source,
        "message": r.message,
        "confidence": str(r.confidence),
        "location": wkt(r.location) if r.location is not None else "",
        "zones": [{"kind": str(z.kind), "room": z.room, "polygon": wkt(z.geometry)} for z in r.zones],
        "details": r.details,
        **({"accepted": f.accepted} if f.accepted else {}),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    plan_dict = plan_to_dict(report.plan)
    return {
        "schema_version": SCHEMA_VERSION,
        "planeval_version": __version__,
        "file": plan_dict["file"],
        "units": plan_dict["units"],
        "profile": plan_dict["profile"],
        "ruleset": report.ruleset.to_dict(),
        "summary": report.summary(),
        "findings": [finding_to_dict(f, report.plan) for f in report.findings],
        "rooms": plan_dict["rooms"],
        "doors": plan_dict["doors"],
        "units_in_plan": plan_dict["units_in_plan"],
        "area": report.area,
        "diagnostics": plan_dict["diagnostics"],
    }


def reports_to_dict(runs: list[Report], context: dict[str, Any] | None = None) -> dict[str, Any]:
    """One report: the report dict itself. Several (plans × rule sets): ``{"reports": [...], ...}``."""
    context = context or {}
    dicts = [report_to_dict(r) for r in runs]
    for d, r in zip(dicts, runs, strict=True):
        notes = context.get("baseline", {}).get(id(r))
        if notes:
            d["baseline"] = notes
    if len(dicts) == 1 and not context.get("building"):
        return dicts[0]
    total: dict[str, Any] = {}
    for d in dicts:
        for k, v in d["summary"].items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
    total["verdict"] = (
        "fail" if any(d["summary"].get("verdict") == "fail" for d in dicts) or context.get("building_failed") else "pass"
    )
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "planeval_version": __version__,
        "reports": dicts,
        "summary": total,
    }
    if context.get("building"):
        out["building"] = context["building"]
    return out


def write_json(runs: list[Report], context: dict[str, Any] | None = None) -> str:
    return json.dumps(reports_to_dict(runs, context), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
