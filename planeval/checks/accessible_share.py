"""Share of small units that are accessible (TEK17 §12-2 (2)).

What it checks
    A unit is *accessible* when none of the rules whose ``SPEC.accessibility`` is set fails with
    error severity for it (its rooms, its doors, the unit itself). Among the units of at most
    ``small_unit_max_m2`` net area, the accessible share must reach ``min_share``. Judged for the
    plan (a floor or building in one DXF) and, in a second phase, across all files checked together.

Why
    TEK17 §12-2 (2): in buildings with a lift requirement, up to half of the units ≤ 50 m² BRA may
    be exempt from the accessible-unit requirements (step-free access, turning areas, accessible
    bath, door side space, passages) — at least 50 % must be accessible.

Parameters
    small_unit_max_m2 (m²), min_share (0–1), lift_required (bool: the exemption applies only in
    buildings with a lift requirement, which a floor plan cannot show).

Passes / Fails
    Passes when the share of accessible small units reaches ``min_share``; fails with the share.
    Not applicable with fewer than two units, no small units, or ``lift_required = false`` (then
    every unit must be accessible, which the other rules judge).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from planeval.checks.base import AggregateInput, Phase, PlanFindings, RuleSpec, param
from planeval.findings import Result, Status, accessible_units, compare
from planeval.measure.units import unit_net_m2

SPEC = RuleSpec(
    code="AR02",
    name="accessible-share",
    title="share of small units that are accessible (building level)",
    overlay="units",
    measured="share",
    phase=Phase.AGGREGATE,
)


@dataclass(frozen=True)
class Params:
    small_unit_max_m2: float = param("units of at most this net area (m²) may be exempt; the share is taken among them")
    min_share: float = param("the share (0–1) of those small units that must be accessible")
    lift_required: bool = param("the building has a lift requirement (the exemption applies only then; a plan cannot show it)")


def aggregate(inputs: AggregateInput, p: Params) -> Iterator[Result]:
    """Judge the share over every plan given together (one plan: subject ``plan``; several: ``building``)."""
    subject = "building" if inputs.building else "plan"
    if not p.lift_required:
        yield Result(subject, Status.NOT_APPLICABLE, None, p.min_share, "", "no lift requirement: every unit must be accessible (judged by the other rules)")
        return
    units = [(pf, u) for pf in inputs.plans for u in pf.plan.units]
    if len(units) < 2:
        yield Result(subject, Status.NOT_APPLICABLE, None, p.min_share, "", f"{len(units)} unit in the plan: the share is judged for a building (check several units or files together)")
        return

    def uname(pf: PlanFindings, uid: str) -> str:
        return f"{pf.name}:{uid}" if inputs.building else uid

    ok: dict[str, bool] = {}
    small: list[str] = []
    for pf in inputs.plans:
        acc = accessible_units(pf.plan, pf.findings, inputs.accessibility)
        for u in pf.plan.units:
            key = uname(pf, u.id)
            ok[key] = acc[u.id]
            if unit_net_m2(pf.plan, u.id) <= p.small_unit_max_m2:
                small.append(key)
    if not small:
        yield Result(subject, Status.NOT_APPLICABLE, None, p.min_share, "", f"no unit of at most {p.small_unit_max_m2:g} m²")
        return
    share = sum(1 for k in small if ok[k]) / len(small)
    st = compare(share, p.min_share, eps=1e-9)
    where = f" across {len(inputs.plans)} plans" if inputs.building else ""
    names = ", ".join(f"{k} {'accessible' if ok[k] else 'not accessible'}" for k in small)
    yield Result(
        subject, st, share, p.min_share, "",
        f"{share:.0%} of the {len(small)} units ≤ {p.small_unit_max_m2:g} m²{where} are accessible ({names}); required {p.min_share:.0%}",
        details={"accessible": dict(sorted(ok.items())), "small_units": small,
                 "accessibility_rules": sorted(inputs.accessibility)},
    )
