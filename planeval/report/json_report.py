"""The check report as one JSON document (the dict every other format is built from), schema in ``schema.json``."""

from __future__ import annotations

import json
from typing import Any

from planeval.findings import Finding, Report, decimals, summary_of
from planeval.model.types import Plan
from planeval.report.messages import neutral
from planeval.report.paths import display_path, display_rule_path
from planeval.report.plan import plan_to_dict, wkt
from planeval.report.sentences import hint_text
from planeval.version import __version__

__all__ = ["REPORT_SCHEMA_VERSION", "report_to_dict", "finding_to_dict", "subject_name", "rounded", "reports_to_dict",
           "write_json"]

#: the version of the check document (``planeval/report/schema.json``); 2: one top-level shape for any number of plans
REPORT_SCHEMA_VERSION = 2


def rounded(v: float | None, unit: str) -> float | None:
    """A measured or required value as the reports write it (:func:`planeval.findings.decimals`: whole mm,
    m² to 0.01, else 0.001): every writer's sentence is built from these numbers, so console and HTML
    say the same sign.

    >>> rounded(699.6, "mm"), rounded(2.499, "m²"), rounded(1.23456, "m")
    (700, 2.5, 1.235)
    """
    if v is None:
        return None
    places = decimals(unit)
    return round(v) if places == 0 else round(v, places)


def subject_name(plan: Plan, subject: str) -> str:
    """A room's label (or id), a door's "door <room> – <room>", else the subject itself (one lookup each)."""

    def room_name(rid: str) -> str | None:
        try:
            r = plan.room(rid)
        except KeyError:
            return None
        return r.label or r.id

    name = room_name(subject)
    if name is not None:
        return name
    try:
        d = plan.door(subject)
    except KeyError:
        return subject
    return f"door {' – '.join(room_name(x) or x for x in d.rooms)}"


def finding_to_dict(f: Finding, plan: Plan | None) -> dict[str, Any]:
    r = f.result
    return {
        "code": f.code,
        "rule": f.rule,
        "subject": r.subject,
        "subject_name": subject_name(plan, r.subject) if plan is not None else r.subject,
        "status": r.status.value,
        "measured": rounded(r.measured, r.unit),
        "required": rounded(r.required, r.unit),
        "margin": rounded(r.margin, r.unit),
        "sense": r.sense.value,
        "unit": r.unit,
        "severity": str(f.severity),
        "source": f.source,
        "message": r.message,
        **({"message_key": r.msg.key, "message_values": neutral(r.msg.values)} if r.msg is not None else {}),
        "confidence": str(r.confidence),
        "location": wkt(r.location) if r.location is not None else "",
        "zones": [{"kind": str(z.kind), "room": z.room, "polygon": wkt(z.geometry)} for z in r.zones],
        "details": r.details,
        **({"accepted": f.accepted} if f.accepted else {}),
        **({"hint": hint_to_dict(f)} if f.hint is not None else {}),
    }


def hint_to_dict(f: Finding) -> dict[str, Any]:
    """A finding's fix hint, language-neutral: its ``kind``, the ``values`` it names and the English ``text``."""
    assert f.hint is not None
    return {"kind": f.hint.kind, "values": dict(sorted(f.hint.values.items())),
            "text": hint_text("en", f.hint.kind, f.hint.values)}


def report_to_dict(report: Report, strict: bool = False, fail_on_review: bool = False,
                   fail_on_unjudged: bool = True) -> dict[str, Any]:
    """One plan judged by one rule set (an item of the document's ``reports``)."""
    plan_dict = plan_to_dict(report.plan)
    ruleset = report.ruleset.to_dict()
    ruleset["chain"] = [{**c, "path": display_rule_path(c["path"])} for c in ruleset["chain"]]
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "planeval_version": __version__,
        "file": plan_dict["file"],
        "units": plan_dict["units"],
        "profile": plan_dict["profile"],
        "ruleset": ruleset,
        "summary": report.summary(strict, fail_on_review, fail_on_unjudged),
        "findings": [finding_to_dict(f, report.plan) for f in report.findings],
        "rooms": plan_dict["rooms"],
        "doors": plan_dict["doors"],
        "units_in_plan": plan_dict["units_in_plan"],
        "area": report.area,
        "recognition": {**plan_dict["recognition"], "min_grade": report.min_grade, "judged": not report.not_judged,
                        "findings_needing_review": sum(1 for f in report.findings if "review_reason" in f.result.details)},
        "diagnostics": plan_dict["diagnostics"],
    }


def reports_to_dict(runs: list[Report], context: dict[str, Any] | None = None) -> dict[str, Any]:
    """The check document: the same top-level object whatever the number of plans and rule sets.

    ``{"schema_version": 2, "planeval_version", "reports": [one per plan × rule set], "summary",
    "building": {…} | null, "errors": [{"file", "message"}], "baseline": {…} | null}``. The top-level
    ``summary`` counts the findings of every report and the building-level ones, and its ``verdict``
    is the run's (``error`` when a plan could not be read). ``context`` (built by the CLI) may hold:
    ``building`` (the block of :func:`planeval.multi.building_block`), ``building_findings`` (its
    :class:`Finding` objects), ``baseline`` (notes per ``id(report)``), ``baseline_summary``,
    ``errors`` and the verdict options ``strict``, ``fail_on_review`` and ``fail_on_unjudged`` (default on:
    a plan recognised below the minimum grade makes the verdict ``review``, which fails the run).
    """
    context = context or {}
    strict, review = bool(context.get("strict")), bool(context.get("fail_on_review"))
    unjudged = context.get("fail_on_unjudged", True) is not False
    dicts = [report_to_dict(r, strict, review, unjudged) for r in runs]
    notes_of: dict[int, Any] = context["baseline"] if isinstance(context.get("baseline"), dict) else {}
    for d, r in zip(dicts, runs, strict=True):
        notes = notes_of.get(id(r))
        if notes:
            d["baseline"] = notes
    everything = [f for r in runs for f in r.findings] + list(context.get("building_findings") or [])
    errors = [{"file": display_path(e["file"]), "message": str(e["message"])} for e in context.get("errors") or []]
    reasons = dict.fromkeys(f"{display_path(r.plan.source.path)}: {r.not_judged}" for r in runs if r.not_judged)
    total = summary_of(everything, strict, review, list(reasons), unjudged)
    total["reports"] = len(dicts)
    total["input_errors"] = len(errors)
    if errors:
        total["verdict"] = "error"
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "planeval_version": __version__,
        "reports": dicts,
        "summary": total,
        "building": context.get("building") or None,
        "errors": errors,
        "baseline": context.get("baseline_summary") or None,
    }


def write_json(runs: list[Report], context: dict[str, Any] | None = None) -> str:
    return json.dumps(reports_to_dict(runs, context), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
