"""Share of small units that are accessible (TEK17 §12-2 (2)).

What it checks
    A unit is *accessible* when none of the rules in ``accessibility_rules`` fails with error
    severity for it (its rooms, its doors, the unit itself). Among the units of at most
    ``small_unit_max_m2`` net area, the accessible share must reach ``min_share``. Judged for the
    plan (a floor or building in one DXF; ``planeval check`` repeats it across several files).

Why
    TEK17 §12-2 (2): in buildings with a lift requirement, up to half of the units ≤ 50 m² BRA may
    be exempt from the accessible-unit requirements (step-free access, turning areas, accessible
    bath, door side space, passages) — at least 50 % must be accessible.

Parameters
    small_unit_max_m2 (m²), min_share (0–1), lift_required (bool: the exemption applies only in
    buildings with a lift requirement, which a floor plan cannot show), accessibility_rules.

Passes / Fails
    Passes when the share of accessible small units reaches ``min_share``; fails with the share.
    Not applicable with fewer than two units, no small units, or ``lift_required = false`` (then
    every unit must be accessible, which the other rules judge).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from planeval.checks.base import Result, Status, verdict

CODE = "AR02"
NAME = "accessible-share"


@dataclass(frozen=True)
class Params:
    small_unit_max_m2: float
    min_share: float
    lift_required: bool
    accessibility_rules: tuple[str, ...]


def unit_of_subject(plan, subject: str) -> set[str]:
    """The units a finding's subject belongs to (a room's unit, a door's rooms' units, a unit)."""
    for u in plan.units:
        if u.id == subject:
            return {u.id}
    for r in plan.rooms:
        if r.id == subject:
            return {r.unit} if r.unit else set()
    for d in plan.doors:
        if d.id == subject:
            return {r.unit for r in plan.rooms if r.id in d.rooms and r.unit}
    return set()


def accessible_units(plan, findings, rules: tuple[str, ...]) -> dict[str, bool]:
    ok = {u.id: True for u in plan.units}
    for f in findings:
        if f.rule in rules and f.failing and f.severity == "error":
            for uid in unit_of_subject(plan, f.result.subject):
                ok[uid] = False
    return ok


def check(ctx, p: Params) -> Iterator[Result]:
    plan = ctx.plan
    if not p.lift_required:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.min_share, "", "no lift requirement: every unit must be accessible (judged by the other rules)")
        return
    if len(plan.units) < 2:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.min_share, "", f"{len(plan.units)} unit in the plan: the share is judged for a building (check several units or files together)")
        return
    ok = accessible_units(plan, getattr(ctx, "findings", []), p.accessibility_rules)
    net = {u.id: sum(r.area_m2 for r in plan.rooms if r.unit == u.id and r.function != "balcony") for u in plan.units}
    small = [u for u in plan.units if net[u.id] <= p.small_unit_max_m2]
    if not small:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.min_share, "", f"no unit of at most {p.small_unit_max_m2:g} m²")
        return
    share = sum(1 for u in small if ok[u.id]) / len(small)
    st = verdict(share, p.min_share, eps=1e-9)
    names = ", ".join(f"{u.id} {'accessible' if ok[u.id] else 'not accessible'}" for u in small)
    yield Result(
        "plan", st, share, p.min_share, "",
        f"{share:.0%} of the {len(small)} units ≤ {p.small_unit_max_m2:g} m² are accessible ({names}); required {p.min_share:.0%}",
        details={"accessible": {k: v for k, v in sorted(ok.items())}, "small_units": [u.id for u in small]},
    )
