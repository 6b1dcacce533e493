"""VariantJudge gives the report api.check gives, while re-judging only the rules a variant changes."""

from __future__ import annotations

from planeval.api import check
from planeval.checks import CHECKS, Phase
from planeval.measure import Context
from planeval.report.json_report import finding_to_dict
from planeval.ruleset import load_ruleset
from planeval.sweep.grid import parse_vary
from planeval.sweep.judge import VariantJudge
from planeval.sweep.variants import variants_of
from sweep.helpers import brute_force_plans


def as_dicts(report):
    """The findings as the JSON report has them; hints (api.check's advice on failures) are not the sweep's."""
    return [{k: v for k, v in finding_to_dict(f, report.plan).items() if k != "hint"} for f in report.findings]


def test_same_reports_as_api_check():
    plan = brute_force_plans()["korttid-40-aia"]
    axes = [parse_vary("turning-space.diameter_mm=1300,1600"), parse_vary("door-clear-width.internal_min_mm=900")]
    variants = variants_of([load_ruleset("tek17"), load_ruleset("husbanken-omsorg")], axes)
    judge = VariantJudge(plan)
    ctx = Context(plan)
    for v in variants:
        mine, theirs = judge.report(v.ruleset), check(plan, v.ruleset, ctx)
        assert as_dicts(mine) == as_dicts(theirs), v.ruleset.name
        assert mine.area == theirs.area and mine.verdict() == theirs.verdict()
    # each distinct rule configuration judged once (rules the two bases configure alike are shared too)
    configs = {(rc.rule, rc.severity, rc.source, rc.params) for v in variants for rc in v.ruleset.enabled()
               if CHECKS[rc.rule].SPEC.phase is Phase.PLAN}
    plan_rules = sum(1 for m in CHECKS.values() if m.SPEC.phase is Phase.PLAN)
    assert judge.stats["rules_judged"] == len(configs) < 2 * plan_rules + 4
    assert judge.stats["rules_judged"] + judge.stats["rules_reused"] == sum(
        1 for v in variants for rc in v.ruleset.enabled() if CHECKS[rc.rule].SPEC.phase is Phase.PLAN)
