"""Judge many variants of one plan: measure once, and re-judge only the rules a variant changes.

A variant differs from its base rule set in one or a few rules. The plan-phase rules are pure
functions of the plan's :class:`~planeval.measure.Context` and their own configuration, so the
findings of a rule whose configuration (parameters, severity, source) a previous variant already
had are taken from that variant; only the changed rules run again. The aggregate phase (the
accessible share judges all the other findings) and the unusable floor are worked out for every
variant, the unusable floor once per configuration of the rules that measure it. The area block
(:func:`planeval.scoring.report_area`) depends only on the zones the findings claim, the unusable
floor and which units are accessible: a variant with the same three (a door-width variant claims
the same zones) reuses it; any other is computed on one :class:`~planeval.scoring.AreaMemo` of the
plan (net, BRA and areas by function once per plan; a zone clipped and a group of zones united
once). As in ``api.check``, below the run's recognition grade ``min_grade`` findings on uncertain
subjects become needs_review (:func:`planeval.engine.uncertain`). The findings and the area block
are those ``api.check(plan, ruleset, ctx)`` returns (tests/sweep/test_judge.py compares them finding
by finding); the hints ``api.check`` adds to failing findings are left out — no sweep table holds
them — and so is, in the worker (``rooms_detail=False``), the area block's per-room part.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from shapely.geometry.base import BaseGeometry

from planeval.checks import CHECKS, Phase, accessibility_rules
from planeval.checks.base import PlanFindings
from planeval.engine import exempted, judge_aggregate, judge_plan, uncertain, unusable_floor
from planeval.findings import Finding, Report, accessible_units
from planeval.measure import Context
from planeval.model.recognition import MIN_GRADE
from planeval.model.types import Plan
from planeval.ruleset import RuleConfig, RuleSet
from planeval.scoring import AreaMemo, report_area

__all__ = ["VariantJudge"]

_ORDER = {name: i for i, name in enumerate(CHECKS)}


def _subject_key(subject: str) -> tuple[str, int]:
    digits = "".join(ch for ch in subject if ch.isdigit())
    return (subject.rstrip("0123456789"), int(digits) if digits else 0)


def _sorted(findings: list[Finding]) -> list[Finding]:
    """The engine's order of findings (rule order of planeval.checks, code, subject)."""
    return sorted(findings, key=lambda f: (_ORDER.get(f.rule, 99), f.code, _subject_key(f.result.subject)))


class VariantJudge:
    """One plan, one Context, and the findings of every rule configuration judged so far."""

    def __init__(self, plan: Plan, ctx: Context | None = None, min_grade: str = MIN_GRADE, rooms_detail: bool = True) -> None:
        self.plan = plan
        self.ctx = ctx or Context(plan)
        self.min_grade = min_grade
        self.rooms_detail = rooms_detail  # the area block's per-room part (the sweep's tables hold only units)
        self.area_memo = AreaMemo(plan)
        self._by_config: dict[tuple[Any, ...], list[Finding]] = {}
        self._unusable: dict[tuple[Any, ...], dict[str, BaseGeometry] | None] = {}
        self._areas: dict[tuple[Any, ...], tuple[Any, dict[str, Any]]] = {}
        self.stats = {"rules_judged": 0, "rules_reused": 0, "areas_computed": 0, "areas_reused": 0}

    def _rule(self, ruleset: RuleSet, rc: RuleConfig) -> list[Finding]:
        key = (rc.rule, rc.severity, rc.source, rc.params)
        if key in self._by_config:
            self.stats["rules_reused"] += 1
        else:
            self.stats["rules_judged"] += 1
            self._by_config[key] = judge_plan(self.ctx, dataclasses.replace(ruleset, rules={rc.rule: rc}))
        return self._by_config[key]

    def report(self, ruleset: RuleSet) -> Report:
        """The report of ``ruleset`` on the plan, with its area block (as ``api.check``)."""
        plan_rules = [rc for rc in ruleset.enabled() if CHECKS[rc.rule].SPEC.phase is Phase.PLAN]
        findings = [f for rc in plan_rules for f in self._rule(ruleset, rc)]
        aggregate = judge_aggregate([PlanFindings(self.plan.source.name, self.plan, tuple(findings))], ruleset)
        findings = uncertain(self.plan, exempted(self.plan, self.plan.source.name, findings, aggregate) + aggregate,
                             self.min_grade)
        report = Report(self.plan, ruleset, _sorted(findings))
        if hasattr(report, "min_grade"):  # the verdict says review for a plan below the grade (engine.run sets it too)
            setattr(report, "min_grade", self.min_grade)  # noqa: B010 - a field newer than some reports
        report.unusable = self._unusable_floor(ruleset)
        report.context_stats = dict(self.ctx.stats)
        report.area = self._area(report)
        return report

    def _unusable_floor(self, ruleset: RuleSet) -> dict[str, BaseGeometry] | None:
        """``engine.unusable_floor``, once per configuration of the rules that measure it (the same objects recur)."""
        key = tuple((rc.rule, rc.params) for rc in ruleset.enabled() if hasattr(CHECKS[rc.rule], "unusable_floor"))
        if key not in self._unusable:
            self._unusable[key] = unusable_floor(self.ctx, ruleset)
        return self._unusable[key]

    def _area(self, report: Report) -> dict[str, Any]:
        """``report_area(report)``, reused when its inputs (zones, unusable floor, accessible units) recur.

        Zones and unusable floor are keyed by their objects (kept alive with the entry, so an id is
        never another object's): memoised measurements hand every variant asking the same the same
        object; equal geometry in a new object only misses the reuse."""
        zones = [z for f in report.findings for z in f.result.zones]
        unusable = sorted((report.unusable or {}).items())
        rules = frozenset(accessibility_rules() & {rc.rule for rc in report.ruleset.enabled()})
        ok = accessible_units(self.plan, report.findings, rules)
        key = (tuple((str(z.kind), z.room, id(z.geometry)) for z in zones), report.unusable is None,
               tuple((uid, id(g)) for uid, g in unusable), tuple(sorted(rules)), tuple(sorted(ok.items())))
        if key not in self._areas:
            self.stats["areas_computed"] += 1
            self._areas[key] = ((zones, unusable), report_area(report, self.area_memo, self.rooms_detail))
        else:
            self.stats["areas_reused"] += 1
        return copy.deepcopy(self._areas[key][1])
