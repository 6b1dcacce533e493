"""The sweep's tables: their columns (the documentation researchers query against) and rows.

``runs``
    one row per (plan, variant) judged: ``plan`` (path as given), ``plan_name``, ``sha256`` (of the
    DXF file), ``variant_id``, ``ruleset`` (the variant's name), ``base`` (the base rule set's
    name), ``chain`` (JSON: the rule-set files with their sha256), ``params`` (JSON: the varied
    parameters), ``planeval_version``, ``verdict`` (pass | fail | review: recognised below the minimum
    grade, not judged), counts of failing errors and
    warnings, ``units``, ``units_passing`` (units with no failing error finding),
    ``units_accessible`` (TEK17 "tilgjengelig boenhet" by the set's accessibility rules),
    ``computed``/``reused`` (measurements this variant computed / took from the plan's memo: after the
    first variant of a plan nearly all are reused — "measure once, judge many") and ``seconds``.
``findings``
    one row per finding: ``plan``, ``sha256``, ``unit_id`` (the dwelling unit, comma-joined when a
    door joins two), ``variant_id``, ``rule``, ``code``, ``subject``, ``subject_label``,
    ``room_function``, ``status``, ``severity``, ``measured``, ``required``, ``margin``, ``unit``
    (mm, m², N or empty), ``message``.
``areas``
    per plan, dwelling unit and variant: ``type`` (Husbanken), ``net_m2``, ``bra_m2``,
    ``by_function`` (JSON, m²), ``circulation_m2``, ``storage_m2``, ``wet_m2``, ``unusable_m2``,
    ``required_zone_m2``, ``zone_sum_m2``, ``zone_overlap_m2``, ``efficiency_index``,
    ``accessible``, ``passing`` (no failing error finding for the unit).
``critical``
    per plan, base rule set, rule, code, subject and varied parameter (``param``, with the other
    varied parameters in ``fixed``): ``kind`` (threshold | any | none), ``critical`` (the value),
    ``passes_when`` (``<=``: passes for values up to ``critical``; ``>=``: from it), ``via``,
    ``measured``, ``measure_unit`` and a one-line ``statement``. For the categorical
    ``door_swing_overlap`` the value is an index into ``allow, forbid_operated_door, forbid_all``
    (least strict first); a turning rectangle's side is exact to 0.5 mm (a bisection on the fit).
``shrink`` (with ``--shrink``)
    per plan, variant, room and wall: ``unit_id``, ``room``, ``room_label``, ``room_function``,
    ``wall`` (edge index), ``direction`` (outward normal: north = +y, east, south, west, or degrees),
    ``length_mm``, ``max_move_mm`` (how far the wall moves in before a finding of the room's unit
    fails; exact to 5 mm), ``freed_m2`` and ``limited_by`` (the codes that stop it, comma-joined).
``unit_access``
    per plan, variant and dwelling unit, what the building-level share reads: ``plan``,
    ``plan_name``, ``sha256``, ``variant_id``, ``unit_id``, ``bra_m2`` (unrounded), ``accessible``
    (no failing finding of the variant's accessibility rules, the plan's own share exemptions
    lifted), ``in_review`` (accessible unless a finding in review decides).
``building`` (plans swept as one building: ``--building`` or planeval.toml)
    per building and variant, the §12-2 (2) share across all its plans: ``building`` (the config's
    name or empty), ``plans`` (JSON: the plan paths), ``sha256s`` (JSON, sorted), ``variant_id``,
    ``rule``, ``code`` (AR02), ``status`` (pass | fail | needs_review | not_applicable | error:
    some plan not judged under the variant), ``units``, ``small_units``, ``accessible_units``,
    ``review_units``, ``measured`` (the share of surely accessible small units), ``required``
    (``min_share``), ``margin``, ``exempt`` (JSON: the small units exempt, ``file:unit``) and ``message``.
``variants``
    one row per variant: ``variant_id``, ``ruleset``, ``base``, ``base_key`` (sha256 of the base's
    own file), ``chain``, ``params``.
``errors``
    a plan that could not be judged: ``plan``, ``sha256``, ``stage`` (read | judge | timeout |
    worker), ``error`` (exception type), ``message``, ``seconds``. The other plans are not affected.
"""

from __future__ import annotations

from typing import Any

from planeval.findings import Finding, Report, Severity
from planeval.version import __version__

__all__ = ["TABLES", "KEYS", "run_row", "finding_rows", "area_rows", "shrink_rows", "describer"]

#: table -> ((column, DuckDB type), …)
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "runs": (
        ("plan", "VARCHAR"), ("plan_name", "VARCHAR"), ("sha256", "VARCHAR"), ("variant_id", "VARCHAR"), ("ruleset", "VARCHAR"),
        ("base", "VARCHAR"), ("chain", "VARCHAR"), ("params", "VARCHAR"), ("planeval_version", "VARCHAR"), ("verdict", "VARCHAR"),
        ("failing_errors", "INTEGER"), ("failing_warnings", "INTEGER"), ("units", "INTEGER"), ("units_passing", "INTEGER"),
        ("units_accessible", "INTEGER"), ("computed", "INTEGER"), ("reused", "INTEGER"), ("seconds", "DOUBLE"),
    ),
    "findings": (
        ("plan", "VARCHAR"), ("sha256", "VARCHAR"), ("unit_id", "VARCHAR"), ("variant_id", "VARCHAR"), ("rule", "VARCHAR"),
        ("code", "VARCHAR"), ("subject", "VARCHAR"), ("subject_label", "VARCHAR"), ("room_function", "VARCHAR"),
        ("status", "VARCHAR"), ("severity", "VARCHAR"), ("measured", "DOUBLE"), ("required", "DOUBLE"), ("margin", "DOUBLE"),
        ("unit", "VARCHAR"), ("message", "VARCHAR"),
    ),
    "areas": (
        ("plan", "VARCHAR"), ("sha256", "VARCHAR"), ("variant_id", "VARCHAR"), ("unit_id", "VARCHAR"), ("type", "VARCHAR"),
        ("net_m2", "DOUBLE"), ("bra_m2", "DOUBLE"), ("by_function", "VARCHAR"), ("circulation_m2", "DOUBLE"),
        ("storage_m2", "DOUBLE"), ("wet_m2", "DOUBLE"), ("unusable_m2", "DOUBLE"), ("required_zone_m2", "DOUBLE"),
        ("zone_sum_m2", "DOUBLE"), ("zone_overlap_m2", "DOUBLE"), ("efficiency_index", "DOUBLE"), ("accessible", "BOOLEAN"),
        ("passing", "BOOLEAN"),
    ),
    "critical": (
        ("plan", "VARCHAR"), ("sha256", "VARCHAR"), ("base", "VARCHAR"), ("base_key", "VARCHAR"), ("rule", "VARCHAR"),
        ("code", "VARCHAR"), ("subject", "VARCHAR"), ("subject_label", "VARCHAR"), ("room_function", "VARCHAR"),
        ("unit_id", "VARCHAR"), ("param", "VARCHAR"), ("fixed", "VARCHAR"), ("kind", "VARCHAR"), ("critical", "DOUBLE"),
        ("passes_when", "VARCHAR"), ("via", "VARCHAR"), ("measured", "DOUBLE"), ("measure_unit", "VARCHAR"),
        ("statement", "VARCHAR"),
    ),
    "shrink": (
        ("plan", "VARCHAR"), ("sha256", "VARCHAR"), ("variant_id", "VARCHAR"), ("unit_id", "VARCHAR"), ("room", "VARCHAR"),
        ("room_label", "VARCHAR"), ("room_function", "VARCHAR"), ("wall", "INTEGER"), ("direction", "VARCHAR"),
        ("length_mm", "DOUBLE"), ("max_move_mm", "DOUBLE"), ("freed_m2", "DOUBLE"), ("limited_by", "VARCHAR"),
    ),
    "unit_access": (
        ("plan", "VARCHAR"), ("plan_name", "VARCHAR"), ("sha256", "VARCHAR"), ("variant_id", "VARCHAR"), ("unit_id", "VARCHAR"),
        ("bra_m2", "DOUBLE"), ("accessible", "BOOLEAN"), ("in_review", "BOOLEAN"),
    ),
    "building": (
        ("building", "VARCHAR"), ("plans", "VARCHAR"), ("sha256s", "VARCHAR"), ("variant_id", "VARCHAR"), ("rule", "VARCHAR"),
        ("code", "VARCHAR"), ("status", "VARCHAR"), ("units", "INTEGER"), ("small_units", "INTEGER"),
        ("accessible_units", "INTEGER"), ("review_units", "INTEGER"), ("measured", "DOUBLE"), ("required", "DOUBLE"),
        ("margin", "DOUBLE"), ("exempt", "VARCHAR"), ("message", "VARCHAR"),
    ),
    "variants": (
        ("variant_id", "VARCHAR"), ("ruleset", "VARCHAR"), ("base", "VARCHAR"), ("base_key", "VARCHAR"), ("chain", "VARCHAR"),
        ("params", "VARCHAR"),
    ),
    "errors": (
        ("plan", "VARCHAR"), ("sha256", "VARCHAR"), ("stage", "VARCHAR"), ("error", "VARCHAR"), ("message", "VARCHAR"),
        ("seconds", "DOUBLE"),
    ),
    "settings": (("setting", "VARCHAR"), ("value", "VARCHAR")),
}

#: the columns that identify a row (critical rows of variants differing only in the varied value coincide)
KEYS: dict[str, tuple[str, ...]] = {
    "critical": ("sha256", "base_key", "rule", "code", "subject", "param", "fixed"),
    "variants": ("variant_id",),
    "settings": ("setting",),
    "unit_access": ("sha256", "variant_id", "unit_id"),
    "building": ("building", "sha256s", "variant_id"),
}


def describer(plan: Any) -> Any:
    """A function Finding -> {subject, subject_label, room_function, unit_id} for ``plan`` (memoised
    per subject: the plan alone decides it, for every variant)."""
    from planeval.report.json_report import subject_name

    rooms = {r.id: r for r in plan.rooms}
    seen: dict[str, dict[str, Any]] = {}

    def describe(f: Finding) -> dict[str, Any]:
        s = f.result.subject
        if s not in seen:
            room = rooms.get(s)
            units = sorted(plan.units_of_subject(s)) if s not in ("plan", "building") else []
            seen[s] = {"subject": s, "subject_label": subject_name(plan, s), "room_function": room.function if room else None,
                       "unit_id": ",".join(units) or None}
        return dict(seen[s])

    return describe


def _failing_units(report: Report) -> set[str]:
    out: set[str] = set()
    for f in report.findings:
        if f.failing and f.severity == Severity.ERROR:
            out |= set(report.plan.units_of_subject(f.result.subject))
    return out


def run_row(plan_path: str, sha: str, variant: Any, report: Report, seconds: float, before: dict[str, int]) -> dict[str, Any]:
    """The ``runs`` row; ``before``: the Context's counts before this variant (computed/reused are this variant's own)."""
    v = report.verdict()
    units = [u.id for u in report.plan.units]
    failing = _failing_units(report)
    accessible = (report.area or {}).get("building", {}).get("accessible_units")
    return {
        "plan": plan_path, "plan_name": report.plan.source.name, "sha256": sha, "variant_id": variant.id,
        "ruleset": variant.ruleset.name, "base": variant.base.name, "chain": variant.chain_json, "params": variant.params_json,
        "planeval_version": __version__, "verdict": v.word,
        "failing_errors": v.failing_errors, "failing_warnings": v.failing_warnings,
        "units": len(units), "units_passing": sum(1 for u in units if u not in failing), "units_accessible": accessible,
        "computed": report.context_stats.get("computed", 0) - before.get("computed", 0),
        "reused": report.context_stats.get("reused", 0) - before.get("reused", 0), "seconds": seconds,
    }


def finding_rows(plan_path: str, sha: str, variant_id: str, report: Report, describe: Any) -> list[dict[str, Any]]:
    rows = []
    for f in report.findings:
        r = f.result
        rows.append({
            "plan": plan_path, "sha256": sha, **describe(f), "variant_id": variant_id, "rule": f.rule, "code": f.code,
            "status": r.status.value, "severity": str(f.severity), "measured": r.measured, "required": r.required,
            "margin": r.margin, "unit": r.unit, "message": r.message,
        })
    return rows


AREA_KEYS = ("net_m2", "bra_m2", "circulation_m2", "storage_m2", "wet_m2", "unusable_m2", "required_zone_m2", "zone_sum_m2",
             "zone_overlap_m2", "efficiency_index")


def area_rows(plan_path: str, sha: str, variant_id: str, report: Report) -> list[dict[str, Any]]:
    import json

    failing = _failing_units(report)
    rows = []
    for u in (report.area or {}).get("units", []):
        rows.append({
            "plan": plan_path, "sha256": sha, "variant_id": variant_id, "unit_id": u["id"], "type": u.get("type"),
            **{k: u.get(k) for k in AREA_KEYS}, "by_function": json.dumps(u.get("by_function", {}), sort_keys=True),
            "accessible": u.get("accessible"), "passing": u["id"] not in failing,
        })
    return rows


def shrink_rows(plan_path: str, sha: str, variant_id: str, rooms: Any) -> list[dict[str, Any]]:
    """Rows of the ``shrink`` table from :func:`planeval.sweep.shrink.shrink_plan`."""
    return [{"plan": plan_path, "sha256": sha, "variant_id": variant_id, "unit_id": r.unit, "room": r.room, "room_label": r.label,
             "room_function": r.function, "wall": w.wall, "direction": w.direction, "length_mm": w.length_mm,
             "max_move_mm": w.max_move_mm, "freed_m2": w.freed_m2, "limited_by": ",".join(w.limited_by)}
            for r in rooms for w in r.walls]
