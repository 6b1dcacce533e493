"""The check report as one JSON document (the dict every other format is built from)."""

from __future__ import annotations

import json
from typing import Any

from planeval import __version__
from planeval.engine import SCHEMA_VERSION, Report


def reports_to_dict(runs: list[Report], context: dict[str, Any] | None = None) -> dict[str, Any]:
    """One report: the report dict itself. Several (plans × rule sets): ``{"reports": [...], ...}``."""
    context = context or {}
    dicts = [r.to_dict() for r in runs]
    for d, r in zip(dicts, runs):
        notes = context.get("baseline", {}).get(id(r))
        if notes:
            d["baseline"] = notes
    if len(dicts) == 1 and not context.get("building"):
        return dicts[0]
    total: dict[str, int] = {}
    for d in dicts:
        for k, v in d["summary"].items():
            total[k] = total.get(k, 0) + v
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
