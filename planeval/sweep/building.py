"""The building-level share per variant: TEK17 §12-2 (2) across every plan of one building.

Plans swept together are one building only when the config or ``--building`` says so
(:func:`planeval.config.building_for`). Each worker judges one plan and stores, per variant and
dwelling unit, what the share needs (table ``unit_access``: BRA, accessible, in review — from the
plan-phase findings as ``engine.judge_building`` takes them, the plan's own share exemptions
lifted). When the plans are done, :func:`building_rows` judges the share across them for every
variant (table ``building``), with the arithmetic of ``checks/accessible_share.py``
(tests/sweep/test_building.py compares it with ``engine.judge_building`` variant by variant).
A variant some plan of the building could not be judged under gets status ``error`` saying which
— never a share over part of the building.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planeval.checks import CHECKS, Phase, accessibility_rules
from planeval.checks.accessible_share import share_status
from planeval.findings import Report, Status, accessible_units, lift_acceptances, units_in_review
from planeval.measure.units import unit_bra_m2

__all__ = ["RULE", "unit_bras", "unit_access_rows", "building_rows"]

RULE = "accessible-share"


def unit_bras(plan: Any) -> dict[str, float]:
    """Each unit's BRA as the share rule measures it (the plan alone decides it: once per plan)."""
    return {u.id: unit_bra_m2(plan, u.id) for u in plan.units}


def unit_access_rows(plan_path: str, sha: str, variant_id: str, report: Report,
                     bra: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """Rows of ``unit_access`` for one plan under one variant (what the building share reads;
    ``bra``: :func:`unit_bras` of the plan, computed once for all its variants)."""
    bra = bra if bra is not None else unit_bras(report.plan)
    rules = frozenset(accessibility_rules() & {rc.rule for rc in report.ruleset.enabled()})
    phase1 = list(lift_acceptances(f for f in report.findings if CHECKS[f.rule].SPEC.phase is Phase.PLAN))
    ok = accessible_units(report.plan, phase1, rules)
    unsure = units_in_review(report.plan, phase1, rules)
    return [{"plan": plan_path, "plan_name": report.plan.source.name, "sha256": sha, "variant_id": variant_id, "unit_id": u.id,
             "bra_m2": bra[u.id], "accessible": ok[u.id], "in_review": ok[u.id] and u.id in unsure}
            for u in report.plan.units]


def _judge(units: list[dict[str, Any]], p: Any) -> dict[str, Any]:
    """The share over the building's units (as ``accessible_share.aggregate`` with several plans)."""
    if not p.lift_required:
        return {"status": Status.NOT_APPLICABLE, "message": "no lift requirement: every unit must be accessible"}
    if len(units) < 2:
        return {"status": Status.NOT_APPLICABLE, "message": f"{len(units)} unit in the building"}
    small = [u for u in units if u["bra_m2"] <= p.small_unit_max_m2]
    if not small:
        return {"status": Status.NOT_APPLICABLE, "message": f"no unit of at most {p.small_unit_max_m2:g} m² BRA"}
    n = len(small)
    sure = [u for u in small if u["accessible"] and not u["in_review"]]
    maybe = [u for u in small if u["accessible"]]
    share, _, status = share_status(len(sure), len(maybe), n, p.min_share)
    exempt = sorted(u["key"] for u in small if u not in sure) if status is Status.PASS else []
    msg = (f"{share:.0%} of the {n} units ≤ {p.small_unit_max_m2:g} m² BRA across the building are accessible "
           f"({len(sure)}; {len(maybe) - len(sure)} in review); required {p.min_share:.0%}")
    if exempt:
        msg += f"; exempt: {', '.join(exempt)}"
    return {"status": status, "measured": share, "small_units": n, "accessible_units": len(sure),
            "review_units": len(maybe) - len(sure), "exempt": exempt, "message": msg}


def building_rows(name: str | None, plans: Sequence[tuple[str, str]], variants: Sequence[Any], con: Any) -> list[dict[str, Any]]:
    """Rows of ``building`` for every variant: the share across ``plans`` ((path, sha256), the
    building's floors) from the stored ``unit_access`` rows; ``con`` is the store's DuckDB."""
    shas = [sha for _, sha in plans]
    doc = {"building": name or "", "plans": json.dumps([path for path, _ in plans]), "sha256s": json.dumps(sorted(shas))}
    rows = []
    for v in variants:
        rc = v.ruleset.rules.get(RULE)
        base = {**doc, "variant_id": v.id, "rule": RULE, "code": CHECKS[RULE].SPEC.code, "units": None, "small_units": None,
                "accessible_units": None, "review_units": None, "measured": None, "required": None, "margin": None,
                "exempt": "[]"}
        if rc is None or not rc.enabled or rc.params is None:
            continue
        marks = ", ".join("?" * len(shas))
        got = con.execute("SELECT sha256, plan_name, unit_id, bra_m2, accessible, in_review FROM unit_access "
                          f"WHERE variant_id = ? AND sha256 IN ({marks})", [v.id, *shas]).fetchall()
        judged = dict(con.execute(f"SELECT sha256, units FROM runs WHERE variant_id = ? AND sha256 IN ({marks})",
                                  [v.id, *shas]).fetchall())
        missing = [Path(path).name for path, sha in plans if sha not in judged]
        have = {sha: sum(1 for r in got if r[0] == sha) for sha in judged}
        unknown = [Path(path).name for path, sha in plans if sha in judged and have[sha] != (judged[sha] or 0)]
        if missing or unknown:
            why = (f"{', '.join(missing)} not judged under this variant" if missing else
                   f"no unit facts stored for {', '.join(unknown)} (results of an older sweep: sweep into a new file)")
            rows.append({**base, "status": Status.ERROR.value, "required": rc.params.min_share,
                         "message": f"not judged across the building: {why}"})
            continue
        units = [{"key": f"{plan_name}:{uid}", "bra_m2": bra, "accessible": acc, "in_review": rev}
                 for _, plan_name, uid, bra, acc, rev in sorted(got, key=lambda r: (shas.index(r[0]), r[2]))]
        j = _judge(units, rc.params)
        share = j.get("measured")
        rows.append({**base, "status": j["status"].value, "units": len(units), "small_units": j.get("small_units"),
                     "accessible_units": j.get("accessible_units"), "review_units": j.get("review_units"), "measured": share,
                     "required": rc.params.min_share, "margin": None if share is None else share - rc.params.min_share,
                     "exempt": json.dumps(j.get("exempt", [])), "message": j["message"]})
    return rows
