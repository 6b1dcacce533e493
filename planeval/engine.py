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
from dataclasses import replace
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from planeval.checks import CHECKS, Phase, accessibility_rules
from planeval.checks.base import AggregateInput, PlanFindings
from planeval.findings import Finding, Message, Report, Result, Severity, Status, apply_exemptions, lift_acceptances, said_of, say
from planeval.geometry import union
from planeval.measure import Context
from planeval.model.recognition import MIN_GRADE
from planeval.model.types import GRADES, OUTSIDE, Plan
from planeval.perf import quiet_numerics
from planeval.ruleset import RuleConfig, RuleSet

__all__ = ["run", "run_many", "judge_building", "judge_plan", "judge_aggregate", "exempted", "uncertain", "Context"]

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
    """Phase 1: the plan rules of ``ruleset`` on one plan (numpy's and shapely's RuntimeWarnings on
    degenerate slivers silenced, as in the reader and the model: stderr is for the one-line error)."""
    out: list[Finding] = []
    with quiet_numerics():
        for rc in _rules(ruleset, Phase.PLAN):
            out += _findings(rc, CHECKS[rc.rule].check(ctx, rc.params))
    return out


def judge_aggregate(plans: list[PlanFindings], ruleset: RuleSet) -> list[Finding]:
    """Phase 2: the aggregate rules of ``ruleset`` over the plan-phase findings of one or more plans.

    The rules run in the registry's order, each seeing the plan findings under the exemptions the
    earlier ones gave (the unit's accessible bathroom is chosen before the accessible share counts
    accessible units); :func:`exempted` applies them all to a plan's findings.
    """
    acc = _accessibility(ruleset)
    out: list[Finding] = []
    for rc in _rules(ruleset, Phase.AGGREGATE):
        found = _findings(rc, CHECKS[rc.rule].aggregate(AggregateInput(tuple(plans), acc), rc.params))
        out += found
        if any(f.result.exemptions for f in found):
            plans = [replace(pf, findings=tuple(apply_exemptions(pf.plan, pf.name, pf.findings, found))) for pf in plans]
    return out


def exempted(plan: Plan, name: str, findings: Iterable[Finding], aggregate: list[Finding]) -> list[Finding]:
    """The plan findings of ``plan`` under the exemptions of the aggregate findings (see
    :class:`~planeval.findings.Exemption`): an extra bathroom's findings not applicable, a unit exempt
    under a share rule accepted."""
    return apply_exemptions(plan, name, findings, aggregate)


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


def run(plan: Plan, ruleset: RuleSet, ctx: Context | None = None, *, min_grade: str = MIN_GRADE) -> Report:
    """Judge ``plan`` by ``ruleset``; pass a shared ``ctx`` to reuse geometry across rule sets.

    Below ``min_grade`` (the plan's recognition grade, A–E) the findings on uncertain subjects say
    ``needs_review`` instead of pass or fail (see :func:`uncertain`), and the report's verdict is
    ``review`` unless a finding fails (:attr:`~planeval.findings.Report.not_judged`)."""
    min_grade = min_grade.upper() if isinstance(min_grade, str) else min_grade  # "c" as the CLI and config take it
    if min_grade not in GRADES[:5]:
        raise ValueError(f"min_grade must be one of A, B, C, D, E (not {min_grade!r})")
    ctx = ctx or Context(plan)
    findings = judge_plan(ctx, ruleset)
    aggregate = judge_aggregate([PlanFindings(plan.source.name, plan, tuple(findings))], ruleset)
    findings = uncertain(plan, exempted(plan, plan.source.name, findings, aggregate) + aggregate, min_grade)
    report = Report(plan, ruleset, _sort(findings), min_grade=min_grade)
    report.unusable = unusable_floor(ctx, ruleset)
    report.context_stats = dict(ctx.stats)
    return report


def uncertain(plan: Plan, findings: list[Finding], min_grade: str = MIN_GRADE) -> list[Finding]:
    """Findings kept from a verdict the plan cannot support (generic: no rule is named).

    * a door the model reports but does not judge (outside on both sides, one room on both sides)
      gets ``not_applicable``;
    * on a plan recognised below ``min_grade``, a pass or fail on an uncertain subject (a room of
      unknown or inferred function, a door found from loose geometry or beside such a room, a unit
      holding such rooms, the plan as a whole) becomes ``needs_review`` with the reason; what was
      measured stays in the finding (``measured``, ``required``, ``details.measured_status``).
    """
    below = plan.recognition.below(min_grade)
    out = []
    for f in findings:
        r = f.result
        if r.status not in (Status.PASS, Status.FAIL):
            out.append(f)
            continue
        door = _door(plan, r.subject)
        if door is not None and door.not_judged:
            said = say("engine.not_judged", "not judged: {why} ({inner})", why=door.not_judged, inner=said_of(r.message, r.msg))
            res = replace(r, status=Status.NOT_APPLICABLE, message=said.text, msg=said,
                          details={**r.details, "measured_status": r.status.value, "not_judged": door.not_judged})
            out.append(replace(f, result=res))
            continue
        why = _why_uncertain(plan, r) if below else None
        if why is None:
            out.append(f)
            continue
        reason = say("engine.below_grade", "recognition grade {grade} is below {min_grade}, and {why}",
                     grade=plan.recognition.grade, min_grade=min_grade, why=why)
        said = say("engine.review", "needs review: {reason}; measured: {inner}", reason=reason, inner=said_of(r.message, r.msg))
        res = replace(r, status=Status.NEEDS_REVIEW, message=said.text, msg=said,
                      details={**r.details, "measured_status": r.status.value, "review_reason": reason.text})
        out.append(replace(f, result=res))
    return out


def _door(plan: Plan, subject: str) -> Any:
    try:
        return plan.door(subject)
    except KeyError:
        return None


def _room(plan: Plan, subject: str) -> Any:
    try:
        return plan.room(subject)
    except KeyError:
        return None


def _low_rooms(plan: Plan, ids: Iterable[str]) -> list[str]:
    return [i for i in ids if (room := _room(plan, i)) is not None and room.confidence == "low"]


def _why_uncertain(plan: Plan, r: Result) -> Message | None:
    """Why a finding's subject is uncertain on a poorly recognised plan (None when it is not): the
    subject itself, or a door or room the finding's details name (what the verdict was measured on:
    the bottleneck and entrance doors of a route, the door held open, the rooms beside a door)."""
    if r.confidence == "low":
        return say("engine.inferred_geometry", "{subject} was measured on inferred geometry", subject=r.subject)
    subject = r.subject
    if _room(plan, subject) is not None or _door(plan, subject) is not None:
        why = _uncertain_part(plan, subject)
        if why is not None:
            return why
        for dep in _named_parts(plan, r):
            why = _uncertain_part(plan, dep)
            if why is not None:
                return say("engine.depends", "the finding on {subject} depends on {dep}: {why}", subject=subject,
                           dep=dep, why=why)
        return None
    if any(u.id == subject for u in plan.units):
        low = _low_rooms(plan, plan.unit(subject).rooms)
        share = plan.recognition.room_share
        if low:
            return say("engine.unit_unknown", "unit {subject} holds rooms of unknown or inferred function ({rooms})",
                       subject=subject, rooms=low[:5])
        if share is not None and share < 0.9:
            return say("engine.unit_partial", "only {share:.0%} of the enclosed floor became rooms: unit {subject} may be "
                       "incomplete", share=share, subject=subject)
        return None
    return say("engine.plan_partial", "the plan is only partly recognised")


def _uncertain_part(plan: Plan, part: str) -> Message | None:
    """Why one room or door is uncertain (a room of unknown or inferred function, a door from loose
    geometry or opening into such a room), None when it is not."""
    room = _room(plan, part)
    if room is not None:
        if room.confidence != "low":
            return None
        how = "inferred" if room.function_source else "unknown"
        return say("engine.room_unlabelled", "room {subject} has no label (its function is {how!w})", subject=part, how=how)
    door = _door(plan, part)
    if door is None:
        return None
    if door.confidence == "low":
        return say("engine.loose_door", "door {subject} was found from loose geometry", subject=part)
    low = _low_rooms(plan, door.rooms)
    if low:
        return say("engine.door_unknown", "door {subject} opens into {rooms} of unknown function", subject=part, rooms=low)
    share = plan.recognition.room_share
    if OUTSIDE in door.rooms and share is not None and share < 0.9:  # the "outside" may be floor that became no room
        return say("engine.door_outside_partial", "door {subject} leads to what was taken as outside, but only {share:.0%} "
                   "of the enclosed floor became rooms", subject=part, share=share)
    return None


def _named_parts(plan: Plan, r: Result) -> list[str]:
    """The rooms and doors other than the subject that a finding's details name (a value, or a list of
    values, equal to a room or door id), in the order the details give them."""
    out: list[str] = []
    for value in r.details.values():
        for v in (value if isinstance(value, (list, tuple)) else (value,)):
            if (isinstance(v, str) and v != r.subject and v not in out
                    and (_room(plan, v) is not None or _door(plan, v) is not None)):
                out.append(v)
    return out


def run_many(plan: Plan, rulesets: list[RuleSet], ctx: Context | None = None) -> list[Report]:
    """Several rule sets on one plan, measuring once."""
    ctx = ctx or Context(plan)
    return [run(plan, rs, ctx) for rs in rulesets]


def judge_building(reports: list[Report]) -> list[tuple[Any, list[Finding]]]:
    """Phase 2 across plans: per rule set, the aggregate findings over every plan judged by it.

    Only meaningful for several plans (a building); returns ``[(ruleset, findings), …]``. The
    reports' plan findings are judged again under the building's exemptions: acceptances a plan's
    own share rule gave are lifted first (the building decides which units are exempt), then the
    building findings' exemptions are applied to each report's findings.
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
            phase1 = tuple(lift_acceptances(f for f in r.findings if CHECKS[f.rule].SPEC.phase is Phase.PLAN))
            plans.append(PlanFindings(r.plan.source.name, r.plan, phase1))
        if len(plans) > 1:
            building = _sort(judge_aggregate(plans, rs))
            out.append((rs, building))
            for r in rs_reports:
                plan_phase = [f for f in r.findings if CHECKS[f.rule].SPEC.phase is Phase.PLAN]
                rest = [f for f in r.findings if CHECKS[f.rule].SPEC.phase is not Phase.PLAN]
                r.findings = _sort(exempted(r.plan, r.plan.source.name, lift_acceptances(plan_phase), building) + rest)
    return out
