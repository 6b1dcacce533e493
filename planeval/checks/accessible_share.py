"""Share of small units that are accessible (TEK17 §12-2 (2)), and which units it exempts.

What it checks
    A unit is *accessible* when every finding of the rules that make a unit a "tilgjengelig
    boenhet" (those whose ``SPEC.accessibility`` is set and the rule set enables) passes for it —
    its rooms, its doors, the unit itself — warnings included. A unit with such a finding in
    review (a threshold no attribute states) is *unknown*. Among the units of at most
    ``small_unit_max_m2`` BRA, the accessible share must reach ``min_share``. Judged for the plan
    (a floor or building in one DXF) and, in a second phase, across all files checked together.

Why
    TEK17 §12-2 (2): in buildings with a lift requirement, up to half of the units ≤ 50 m² BRA may
    be exempt from the accessible-unit requirements (step-free access, turning areas, accessible
    bath, door side space, passages, storage) — at least 50 % must be accessible.

Parameters
    small_unit_max_m2 (m² BRA), min_share (0–1), lift_required (bool: the exemption applies only in
    buildings with a lift requirement, which a floor plan cannot show).

Passes / Fails
    Passes when the share of surely accessible small units reaches ``min_share``: then the other
    small units are exempt — their accessibility findings are accepted with the reason (still
    shown, still "not accessible", no longer failing the run). Fails when even the unknown units
    counted as accessible leave the share short (no unit is exempt then); needs review when the
    unknown units decide. Not applicable with fewer than two units, no small units, or
    ``lift_required = false`` (then every unit must be accessible, which the other rules judge).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import AggregateInput, Phase, PlanFindings, RuleSpec, param
from planeval.findings import Exemption, Result, Status, accessible_units, say, units_in_review
from planeval.measure.units import unit_bra_m2

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
    small_unit_max_m2: float = param("units of at most this BRA (m²) may be exempt; the share is taken among them")
    min_share: float = param("the share (0–1) of those small units that must be accessible")
    lift_required: bool = param("the building has a lift requirement (the exemption applies only then; a plan cannot show it)")



def share_status(sure: int, maybe: int, n: int, min_share: float) -> tuple[float, float, Status]:
    """The share of ``n`` small units that are surely accessible, the share they would be if every unit in
    review were (``maybe``), and the status: pass when the sure share reaches ``min_share``, fail when
    not even the best case does, needs_review between (the one arithmetic of the rule, also for a
    sweep's building).

    >>> share_status(3, 4, 5, 0.5), share_status(1, 2, 5, 0.5)[2], share_status(2, 3, 5, 0.5)[2]
    ((0.6, 0.8, <Status.PASS: 'pass'>), <Status.FAIL: 'fail'>, <Status.NEEDS_REVIEW: 'needs_review'>)
    """
    share, best = sure / n, maybe / n
    if share + 1e-9 >= min_share:
        return share, best, Status.PASS
    if best + 1e-9 < min_share:
        return share, best, Status.FAIL
    return share, best, Status.NEEDS_REVIEW

def aggregate(inputs: AggregateInput, p: Params) -> Iterator[Result]:
    """Judge the share over every plan given together (one plan: subject ``plan``; several: ``building``)."""
    subject = "building" if inputs.building else "plan"
    if not p.lift_required:
        yield Result(subject, Status.NOT_APPLICABLE, None, p.min_share, "",
                     msg=say("AR02.no_lift", "no lift requirement: every unit must be accessible (judged by the other rules)"))
        return
    units = [(pf, u) for pf in inputs.plans for u in pf.plan.units]
    if len(units) < 2:
        yield Result(subject, Status.NOT_APPLICABLE, None, p.min_share, "",
                     msg=say("AR02.one_unit", "{n} unit in the plan: the share is judged for a building (check several units "
                                              "or files together)", n=len(units)))
        return

    def uname(pf: PlanFindings, uid: str) -> str:
        return f"{pf.name}:{uid}" if inputs.building else uid

    ok: dict[str, bool] = {}
    review: set[str] = set()
    small: list[tuple[PlanFindings, str, str]] = []
    bra: dict[str, float] = {}
    for pf in inputs.plans:
        acc = accessible_units(pf.plan, pf.findings, inputs.accessibility)
        unsure = units_in_review(pf.plan, pf.findings, inputs.accessibility)
        for u in pf.plan.units:
            key = uname(pf, u.id)
            ok[key] = acc[u.id]
            if acc[u.id] and u.id in unsure:
                review.add(key)
            bra[key] = unit_bra_m2(pf.plan, u.id)
            if bra[key] <= p.small_unit_max_m2:
                small.append((pf, u.id, key))
    if not small:
        yield Result(subject, Status.NOT_APPLICABLE, None, p.min_share, "",
                     msg=say("AR02.no_small", "no unit of at most {max:g} m² BRA", max=p.small_unit_max_m2))
        return
    n = len(small)
    sure = sum(1 for _, _, k in small if ok[k] and k not in review)
    maybe = sum(1 for _, _, k in small if ok[k])
    share, best, status = share_status(sure, maybe, n, p.min_share)
    where = say("AR02.across", " across {n} plans", n=len(inputs.plans)) if inputs.building else ""

    def word(k: str) -> str:
        return "accessible" if ok[k] and k not in review else "in review" if ok[k] else "not accessible"

    names = [say("AR02.unit", "{unit} ({bra:.1f} m²) {state!w}", unit=k, bra=bra[k], state=word(k)) for _, _, k in small]
    msg = say("AR02.share", "{share:.0%} of the {n} units ≤ {max:g} m² BRA{where} are accessible ({names}); required {need:.0%}",
              share=share, n=n, max=p.small_unit_max_m2, where=where, names=names, need=p.min_share)
    exempt = [(pf, uid, k) for pf, uid, k in small if not (ok[k] and k not in review)]
    exemptions: tuple[Exemption, ...] = ()
    if status is Status.PASS and exempt:
        reason = say("AR02.exempt_reason", "exempt under the share rule: {sure} of {n} small units are accessible (≥ "
                                           "{need:.0%}), so this unit need not be", sure=sure, n=n, need=p.min_share)
        exemptions = tuple(
            Exemption(pf.name, frozenset(uid for q, uid, _ in exempt if q is pf), reason.text, inputs.accessibility, "accept",
                      reason)
            for pf in inputs.plans if any(q is pf for q, _, _ in exempt))
        msg = say("AR02.exempt", "{msg}; exempt: {units}", msg=msg, units=[k for _, _, k in exempt])
    elif status is Status.NEEDS_REVIEW:
        msg = say("AR02.review", "{msg}; the units in review decide (with them {best:.0%})", msg=msg, best=best)
    yield Result(
        subject, status, share, p.min_share, "", msg=msg,
        details={"accessible": {k: v and k not in review for k, v in sorted(ok.items())}, "small_units": [k for _, _, k in small],
                 "in_review": sorted(review), "exempt": [k for _, _, k in exempt] if exemptions else [],
                 "accessibility_rules": sorted(inputs.accessibility), "bra_m2": {k: round(v, 2) for k, v in sorted(bra.items())}},
        exemptions=exemptions,
    )
