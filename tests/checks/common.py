"""Run one rule of a rule set, with overrides, on a plan."""

from __future__ import annotations

from dataclasses import replace

from planeval.api import check as run
from planeval.measure import Context
from planeval.ruleset import RuleConfig, load_ruleset


def judge(plan, rule: str, ruleset: str = "tek17", ctx: Context | None = None, **overrides):
    rs = load_ruleset(ruleset)
    rc: RuleConfig = rs.rules[rule]
    params = replace(rc.params, **overrides) if overrides else rc.params
    rs = replace(rs, rules={rule: replace(rc, params=params, enabled=True)})
    return [f.result for f in run(plan, rs, ctx).findings]


def by_subject(results):
    return {r.subject: r for r in results}
