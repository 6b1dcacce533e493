"""The unit's accessible bathroom: one bathroom (and WC) per unit must comply, the others are extra.

What it checks
    In each dwelling unit with more than one room of ``room_functions`` (bathrooms, WCs), which one
    is the unit's accessible "bad og toalett": a bathroom with a WC where there is one, else the
    best WC room and the best bathroom together. "Best" is decided on the plan rules' own findings
    for the room — all of them together (WC side space, the turning area in front of the WC, the
    shower zone, the room's turning area, reachability…): fewest failing errors, then failing
    warnings, then items in review, then the larger room. Every other bathroom or WC of the unit
    is *extra*: its findings become not applicable, with the reason.

Why
    TEK17 §12-9 (1): the accessible dwelling's bath and toilet must meet a)–c); "kravene gjelder
    ikke for ekstra bad og toalett" (DiBK veiledning), and §12-7 (4) a covers every room on the
    entrance level except an extra bathroom or WC. The one bathroom must satisfy WC, shower and
    turning *together*: a WC room that passes and a shower room that passes are not one accessible
    bathroom.

Parameters
    room_functions (room functions that are bathrooms or WCs).

Passes / Fails
    One result per unit with a choice to make: passes when the chosen bathroom passes every plan
    rule judged for it; fails naming what fails in each candidate (no bathroom satisfies the rules
    together). Not applicable when no unit has more than one bathroom or WC. Judged per plan (a
    building judged across files makes the same choice per plan).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import AggregateInput, Phase, PlanFindings, RuleSpec, param
from planeval.findings import Exemption, Finding, Result, Sense, Severity, Status, say
from planeval.model.types import Plan, Room

SPEC = RuleSpec(
    code="AB01",
    name="accessible-bathroom",
    title="one bathroom and WC per unit must comply; the others are extra",
    overlay="bathroom",
    measured="count",
    phase=Phase.AGGREGATE,
)


@dataclass(frozen=True)
class Params:
    room_functions: tuple[str, ...] = param("room functions that are bathrooms or WCs: one of each per unit must comply")


def has_wc(plan: Plan, r: Room) -> bool:
    """Whether a WC stands in the room (assigned to it, or unassigned with its centre inside)."""
    return any(f.kind == "wc" and (f.room == r.id or (f.room is None and r.polygon.contains(f.polygon.centroid)))
               for f in plan.fixtures)


def _own(findings: tuple[Finding, ...], rid: str) -> list[Finding]:
    return [f for f in findings if f.result.subject == rid]


def rank(pf: PlanFindings, r: Room) -> tuple[int, int, int, float, str]:
    """Smaller is better: failing errors, failing warnings, in review, larger room first, id."""
    own = _own(pf.findings, r.id)
    errors = sum(1 for f in own if f.failing and f.severity == Severity.ERROR)
    warnings = sum(1 for f in own if f.failing and f.severity != Severity.ERROR)
    review = sum(1 for f in own if f.status in (Status.NEEDS_REVIEW, Status.ERROR))
    return (errors, warnings, review, -r.polygon.area, r.id)


def choose(pf: PlanFindings, rooms: list[Room]) -> list[Room]:
    """The unit's accessible bathroom (and WC, when no bathroom has one) among ``rooms``."""
    plan = pf.plan
    with_wc = [r for r in rooms if has_wc(plan, r)]
    full = [r for r in with_wc if "bathroom" in r.functions]
    if full:
        return [min(full, key=lambda r: rank(pf, r))]
    keep = []
    if with_wc:
        keep.append(min(with_wc, key=lambda r: rank(pf, r)))
    baths = [r for r in rooms if "bathroom" in r.functions and r not in keep]
    if baths:
        keep.append(min(baths, key=lambda r: rank(pf, r)))
    return keep or [min(rooms, key=lambda r: rank(pf, r))]


def _failing(pf: PlanFindings, r: Room) -> list[str]:
    return sorted({f.code for f in _own(pf.findings, r.id) if f.failing})


def aggregate(inputs: AggregateInput, p: Params) -> Iterator[Result]:
    if inputs.building:  # chosen per plan; judging the files together changes nothing
        return
    found = False
    for pf in inputs.plans:
        for u in pf.plan.units:
            rooms = [r for r in pf.plan.rooms_of_unit(u.id) if set(r.functions) & set(p.room_functions)]
            if len(rooms) < 2:
                continue
            found = True
            keep = choose(pf, rooms)
            extra = [r for r in rooms if r not in keep]
            kept = [f"{r.display_name} ({r.id})" for r in keep]
            bad = {r.id: _failing(pf, r) for r in rooms}
            ok = not any(bad[r.id] for r in keep)
            reason = say("AB01.extra", "extra bathroom/WC: the unit's accessible bathroom is {kept: and }", kept=kept)
            if ok:
                msg = say("AB01.pass", "unit {unit}: {kept: and } meets every rule judged for it; extra: {extra}",
                                       unit=u.id, kept=kept,
                          extra=[f"{r.display_name} ({r.id})" for r in extra])
            else:
                fails = [say("AB01.fails", "{room} ({id}) fails {codes}", room=r.display_name, id=r.id, codes=bad[r.id])
                         if bad[r.id] else say("AB01.fails_nothing", "{room} ({id}) fails nothing", room=r.display_name, id=r.id)
                         for r in rooms]
                msg = say("AB01.fail", "unit {unit}: no bathroom meets every rule together — {fails:; }; judged in {kept: and }",
                          unit=u.id, fails=fails, kept=kept)
            yield Result(
                u.id, Status.PASS if ok else Status.FAIL, float(sum(1 for r in keep if not bad[r.id])), float(len(keep)), "",
                msg=msg, location=None, sense=Sense.AT_LEAST,
                details={"accessible": [r.id for r in keep], "extra": [r.id for r in extra],
                         "failing": {rid: codes for rid, codes in sorted(bad.items()) if codes}},
                exemptions=(Exemption(pf.name, frozenset(r.id for r in extra), reason.text, said=reason),) if extra else (),
            )
    if not found:
        yield Result("plan", Status.NOT_APPLICABLE, None, None, "",
                     msg=say("AB01.none", "no unit with more than one bathroom or WC: nothing to choose"))
