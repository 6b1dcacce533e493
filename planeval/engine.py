"""Run a rule set on a plan in two phases: plan rules on the measurements, then aggregate rules.

``run(plan, ruleset)`` returns a :class:`~planeval.findings.Report`:

1. **plan phase** — every enabled rule whose ``SPEC.phase`` is ``plan`` judges the plan through a
   shared, memoised :class:`~planeval.measure.Context` (measure once, judge many: pass the same
   ``ctx`` to judge further rule sets at little cost);
2. **aggregate phase** — rules of phase ``aggregate`` (the accessible share) judge the plan phase's
   findings, for this plan here and for several plans together in :func:`judge_building`.

A check that raises becomes one ``error`` finding (with the file and line where it failed); the
results it yielded before, and the other checks, still count. The engine reads each rule's
``SPEC`` and never names a rule. Area metrics are added by :mod:`planeval.scoring` (see
:mod:`planeval.api`), which sits above this module.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from planeval.checks import CHECKS, Phase, accessibility_rules
from planeval.checks.base import AggregateInput, PlanFindings
from planeval.findings import Finding, Report, Result, Severity, Status
from planeval.geometry import union
from planeval.measure import Context
from planeval.model.types import Plan
from planeval.ruleset import RuleConfig, RuleSet

__all__ = ["run", "run_many", "judge_building", "Context"]

_ORDER = {name: i for i, name in enumerate(CHECKS)}


def _subject_key(subject: str) -> tuple[str, int]:
    digits = "".join(ch for ch in subject if ch.isdigit())
    return (subject.rstrip("0123456789"), int(digits) if digits else 0)


def _sort(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (_ORDER.get(f.rule, 99), f.code, _subject_key(f.result.subject)))


def _crash(rule: str, exc: BaseException) -> Result:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return Result("plan", Status.ERROR, None, None, "", f"{rule}: the check failed ({type(exc).__name__}: {exc}){where}")


def _guarded(rule: str, results: Iterable[Result]) -> Iterator[Result]:
    """The results of one check; a check that raises adds one ERROR result and stops."""
    try:
        yield from results
    except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
        yield _crash(rule, exc)


def _findings(rc: RuleConfig, results: Iterable[Result]) -> list[Finding]:
    code = CHECKS[rc.rule].SPEC.code
    return [Finding(res.code or code, rc.rule, Severity(rc.severity), rc.source, res) for res in _guarded(rc.rule, results)]


def _rules(ruleset: RuleSet, phase: Phase) -> list[RuleConfig]:
    return [rc for rc in ruleset.enabled() if CHECKS[rc.rule].SPEC.phase is phase]


def _accessibility(ruleset: RuleSet) -> frozenset[str]:
    return accessibility_rules() & {rc.rule for rc in ruleset.enabled()}


def judge_plan(ctx: Context, ruleset: RuleSet) -> list[Finding]:
    """Phase 1: the plan rules of ``ruleset`` on one plan."""
    out: list[Finding] = []
    for rc in _rules(ruleset, Phase.PLAN):
        out += _findings(rc, CHECKS[rc.rule].check(ctx, rc.params))
    return out


def judge_aggregate(plans: list[PlanFindings], ruleset: RuleSet) -> list[Finding]:
    """Phase 2: the aggregate rules of ``ruleset`` over the plan-phase findings of one or more plans."""
    inputs = AggregateInput(tuple(plans), _accessibility(ruleset))
    out: list[Finding] = []
    for rc in _rules(ruleset, Phase.AGGREGATE):
        out += _findings(rc, CHECKS[rc.rule].aggregate(inputs, rc.params))
    return out


def unusable_floor(ctx: Context, ruleset: RuleSet) -> dict[str, BaseGeometry] | None:
    """Per unit, free floor that a rule of the set measures as unusable (e.g. no wheelchair reaches it).

    Rules contribute through an optional module function ``unusable_floor(ctx, unit_id, params)``;
    ``None`` when no enabled rule measures it.
    """
    parts: dict[str, list[BaseGeometry]] = {}
    found = False
    for rc in ruleset.enabled():
        hook = getattr(CHECKS[rc.rule], "unusable_floor", None)
        if hook is None or rc.params is None:
            continue
        found = True
        for u in ctx.plan.units:
            if u.entrance_door:
                parts.setdefault(u.id, []).append(hook(ctx, u.id, rc.params))
    return {uid: union(gs) for uid, gs in parts.items()} if found else None


def run(plan: Plan, ruleset: RuleSet, ctx: Context | None = None) -> Report:
    """Judge ``plan`` by ``ruleset``; pass a shared ``ctx`` to reuse geometry across rule sets."""
    ctx = ctx or Context(plan)
    findings = judge_plan(ctx, ruleset)
    findings += judge_aggregate([PlanFindings(plan.source.name, plan, tuple(findings))], ruleset)
    report = Report(plan, ruleset, _sort(findings))
    report.unusable = unusable_floor(ctx, ruleset)
    report.context_stats = dict(ctx.stats)
    return report


def run_many(plan: Plan, rulesets: list[RuleSet], ctx: Context | None = None) -> list[Report]:
    """Several rule sets on one plan, measuring once."""
    ctx = ctx or Context(plan)
    return [run(plan, rs, ctx) for rs in rulesets]


def judge_building(reports: list[Report]) -> list[tuple[Any, list[Finding]]]:
    """Phase 2 across plans: per rule set, the aggregate findings over every plan judged by it.

    Only meaningful for several plans (a building); returns ``[(ruleset, findings), …]``.
    """
    by_set: dict[int, tuple[RuleSet, list[Report]]] = {}
    for r in reports:
        by_set.setdefault(id(r.ruleset), (r.ruleset, []))[1].append(r)
    out = []
    for rs, rs_reports in by_set.values():
        seen: set[int] = set()
        plans = []
        for r in rs_reports:
            if id(r.plan) in seen:
                continue
            seen.add(id(r.plan))
            phase1 = tuple(f for f in r.findings if CHECKS[f.rule].SPEC.phase is Phase.PLAN)
            plans.append(PlanFindings(r.plan.source.name, r.plan, phase1))
        if len(plans) > 1:
            out.append((rs, _sort(judge_aggregate(plans, rs))))
    return out
