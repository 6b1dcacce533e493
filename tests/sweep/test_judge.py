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


def test_passage_and_turning_variants_equal_a_from_scratch_run():
    """Every variant judged on one VariantJudge (zones, routes and area memo shared) gives the report
    a fresh api.check on a fresh Context gives: findings, zones' areas and the area block."""
    plan = brute_force_plans()["korttid-40-aia"]
    axes = [parse_vary("passage-width.width_mm=700,1300"), parse_vary("turning-space.diameter_mm=1300,2000")]
    judge = VariantJudge(plan)
    units_only = VariantJudge(plan, judge.ctx, rooms_detail=False)  # as the worker judges: no per-room area part
    for v in variants_of([load_ruleset("tek17")], axes):
        mine, fresh = judge.report(v.ruleset), check(plan, v.ruleset, Context(plan))
        assert as_dicts(mine) == as_dicts(fresh), v.ruleset.name
        assert mine.area == fresh.area, v.ruleset.name
        lean = units_only.report(v.ruleset).area
        assert lean["units"] == [{k: x for k, x in u.items() if k != "rooms_detail"} for u in fresh.area["units"]]
        zones = [round(z.geometry.area) for f in mine.findings for z in f.result.zones]
        assert zones == [round(z.geometry.area) for f in fresh.findings for z in f.result.zones]
    # the passage corridors of both widths came from one route per target; areas were reused for none
    # of the 4 variants (each claims other zones), but every unit's plan-only part was computed once
    assert judge.stats["areas_computed"] == 4
    assert len(judge.area_memo._bases) == len(plan.units)


def test_below_the_grade_uncertain_subjects_need_review_as_in_api_check():
    """A poorly recognised plan: the sweep says needs_review where api.check does, never a verdict."""
    import dataclasses

    plan = brute_force_plans()["korttid-40-aia"]
    rooms = tuple(dataclasses.replace(r, confidence="low") if r.function == "bedroom" else r for r in plan.rooms)
    low = dataclasses.replace(plan, rooms=rooms, recognition=dataclasses.replace(plan.recognition, grade="D"))
    ruleset = load_ruleset("tek17")
    mine, theirs = VariantJudge(low).report(ruleset), check(low, ruleset, Context(low))
    assert as_dicts(mine) == as_dicts(theirs)
    bedroom = {r.id for r in low.rooms if r.function == "bedroom"}
    reviewed = [f for f in mine.findings if f.result.subject in bedroom and f.result.status.value == "needs_review"]
    assert reviewed and all("measured_status" in f.result.details for f in reviewed)
    # with the grade required lowered to D the same plan is judged
    judged = VariantJudge(low, min_grade="D").report(ruleset)
    assert not [f for f in judged.findings if f.result.subject in bedroom and f.result.status.value == "needs_review"]
