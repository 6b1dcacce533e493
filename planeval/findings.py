"""What the checks say: statuses, results, findings, reports and the one verdict.

This module is a leaf of the pipeline (it imports only the model's ``Plan`` type for annotations):
checks produce :class:`Result` objects, the engine wraps them into :class:`Finding` objects with the
rule set's severity and clause, and every consumer — console, JSON, HTML, Markdown, JUnit and the
exit code — asks :meth:`Report.verdict` (or :func:`verdict_of`) whether a run failed. Nothing else
works the verdict out again.

>>> r = Result("R1", Status.FAIL, 1320.0, 1500.0, "mm", "largest free circle Ø1320 mm < Ø1500 mm")
>>> r.margin
-180.0
>>> f = Finding("TS01", "turning-space", Severity.ERROR, "TEK17 §12-7", r)
>>> verdict_of([f]).failed, verdict_of([f.accept("known")]).failed
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from shapely.geometry.base import BaseGeometry

from planeval.messages import Message, said_of, say

if TYPE_CHECKING:  # pragma: no cover
    from planeval.model.types import Plan

__all__ = [
    "Status", "Sense", "Severity", "Confidence", "ZoneKind", "Zone", "Result", "Hint", "Finding", "Verdict", "Report",
    "compare", "sign", "decimals", "DECIMALS", "verdict_of", "summary_of", "accessible_units", "units_in_review",
    "Exemption", "apply_exemptions", "lift_acceptances", "Message", "say", "said_of",
]


class Status(StrEnum):
    """The verdict on one subject."""

    PASS = "pass"  #: measured meets required
    FAIL = "fail"  #: measured misses required
    NOT_APPLICABLE = "not_applicable"  #: the rule does not apply to this plan/subject
    NEEDS_REVIEW = "needs_review"  #: 2D geometry cannot decide (threshold height, opening force…) and no attribute says
    ERROR = "error"  #: the check itself failed (a bug or an unexpected plan); the other checks still ran


class Sense(StrEnum):
    """How measured compares with required."""

    AT_LEAST = ">="  #: measured must be at least required (widths, diameters, areas)
    AT_MOST = "<="  #: measured must be at most required (threshold heights, opening forces)
    PRESENT = "present"  #: a yes/no requirement (measured 1 = present)


class Severity(StrEnum):
    """How much a failing finding weighs: an ``error`` fails the run, a ``warning`` only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


class Confidence(StrEnum):
    """How sure the model is of what was measured."""

    HIGH = "high"  #: explicit data (a drawn room polygon, a door block with a width attribute)
    MEDIUM = "medium"  #: derived geometry that agrees with the drawing's own evidence
    LOW = "low"  #: inferred from loose geometry (a door width from a loose swing, a guessed function)


class ZoneKind(StrEnum):
    """The kinds of floor area a requirement claims (drawn in reports, summed by the area scoring)."""

    TURNING = "turning"
    WC_SIDE = "wc-side"
    WC_FRONT = "wc-front"
    BED = "bed"
    BED_SIDE = "bed-side"
    KITCHEN_FRONT = "kitchen-front"
    DOOR_SIDE = "door-side"
    PASSAGE = "passage"
    SHOWER = "shower"
    STORAGE = "storage"
    FURNITURE = "furniture"  #: minimum furniture placed by planeval (or drawn) for a furnished check
    PARKING = "parking"  #: a wheelchair parking place (Husbanken: in the entré)
    HELPER = "helper"  #: floor for a helper beside a bed, WC or shower (Husbanken)
    UNREACHABLE = "unreachable"  #: free floor no wheelchair reaches (not a claim: scored as unusable)


@dataclass(frozen=True)
class Zone:
    """Floor area a requirement claims (turning circle, WC side space, bed zone, passage…).

    ``shape`` says how to label it: ``circle`` (a diameter, "Ø"), ``rect`` or ``area``.
    """

    kind: ZoneKind
    geometry: BaseGeometry
    room: str | None
    shape: str = "area"


@dataclass(frozen=True)
class Exemption:
    """An aggregate rule's word that some plan-phase findings of one plan do not count.

    It covers the findings of ``rules`` (every rule when empty) whose subject is one of
    ``subjects`` — room, door or unit ids — or belongs to one of these units. ``mode``
    ``not_applicable``: they become not applicable with ``reason`` (an extra bathroom the
    requirements do not cover; the status measured is kept in their details); ``accept``: they stay
    as measured but are accepted with ``reason`` (a unit exempt under a share rule: still not
    accessible, no longer failing the run). The engine applies them (:func:`apply_exemptions`).
    """

    plan: str  # the plan's name (PlanFindings.name)
    subjects: frozenset[str]
    reason: str
    rules: frozenset[str] = frozenset()
    mode: str = "not_applicable"  # "not_applicable" | "accept"
    said: Message | None = None  # the reason as a message (see planeval.messages)


@dataclass(frozen=True)
class Result:
    """One measurement of one subject against one requirement, as a check yields it."""

    subject: str  # room / door / unit id as printed by `inspect`, "plan" or "building"
    status: Status
    measured: float | None
    required: float | None
    unit: str  # "mm", "m²", "N", "" (counts/yes-no)
    message: str = ""  # English, states both numbers: "largest free circle Ø1320 mm < Ø1500 mm" (msg.text when empty)
    location: BaseGeometry | None = None  # where it was measured (for drawing)
    sense: Sense = Sense.AT_LEAST
    code: str = ""  # a check with several aspects (DW02 threshold…) sets its own code here
    zones: tuple[Zone, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # extra, JSON-able facts (centre, placement, source of a width)
    confidence: Confidence = Confidence.HIGH
    exemptions: tuple[Exemption, ...] = ()  # an aggregate rule's: plan findings that do not count (see Exemption)
    msg: Message | None = None  # the message as a key and values, for the reports' languages (see say)

    def __post_init__(self) -> None:
        if self.msg is not None and not self.message:
            object.__setattr__(self, "message", self.msg.text)

    @property
    def margin(self) -> float | None:
        """How far from the threshold, positive when passing (in ``unit``)."""
        if self.measured is None or self.required is None:
            return None
        if self.sense is Sense.AT_MOST:
            return self.required - self.measured
        return self.measured - self.required


def compare(measured: float, required: float, sense: Sense = Sense.AT_LEAST, eps: float = 0.0) -> Status:
    """PASS/FAIL for a number against a threshold, with a tolerance ``eps`` for drawing noise.

    >>> compare(1495, 1500, eps=5), compare(30, 25, Sense.AT_MOST)
    (<Status.PASS: 'pass'>, <Status.FAIL: 'fail'>)
    """
    if sense is Sense.AT_MOST:
        return Status.PASS if measured <= required + eps else Status.FAIL
    return Status.PASS if measured + eps >= required else Status.FAIL


_NOISE = 1e-6  #: relative: a measured value this close to the requirement is not on its wrong side (float noise)


#: the decimals the reports write a value of each unit to (any other unit: 3)
DECIMALS = {"mm": 0, "m²": 2}


def decimals(unit: str) -> int:
    """How many decimals the reports write a value in ``unit`` with: 0 for mm, 2 for m², else 3."""
    return DECIMALS.get(unit, 3)


def sign(passing: bool, measured: float | None = None, required: float | None = None, sense: Sense = Sense.AT_LEAST,
         unit: str = "mm") -> str:
    """The sign a message writes between ``measured`` and ``required``: ``≥``/``<`` for at-least rules,
    ``≤``/``>`` for at-most rules, and ``≈`` for a pass whose measured value is on the wrong side of the
    required one (it holds only within the rule's drawing tolerance: 697 mm passing 700 mm with 5 mm
    allowed is never written "697 mm ≥ 700 mm"). ``passing`` is the comparison's verdict (as
    :func:`compare` gave it, tolerance included); without both numbers only the verdict decides.
    The wrong side is judged at the precision the reports write ``unit`` in (:func:`decimals`: whole
    mm, m² to 0.01): 759.6 mm of 760 mm is written "760 mm ≥ 760 mm", as the reports' rounded
    numbers say it too; floating-point noise (a 760 mm door computed as 759.9999999997 mm) is
    never the wrong side.

    >>> sign(True, 697, 700), sign(True, 700, 700), sign(False, 690, 700), sign(True)
    ('≈', '≥', '<', '≥')
    >>> sign(True, 27, 25, Sense.AT_MOST), sign(True, 25, 25, Sense.AT_MOST), sign(False, 31, 30, Sense.AT_MOST)
    ('≈', '≤', '>')
    >>> sign(True, 759.9999999997, 760), sign(True, 759.6, 760), sign(True, 2399.2, 2400), sign(True, 2.494, 2.5, unit="m²")
    ('≥', '≥', '≈', '≈')
    """
    at_most = sense is Sense.AT_MOST
    if passing and measured is not None and required is not None:
        short = (measured - required) if at_most else (required - measured)
        if short > max(_NOISE * max(1.0, abs(required)), 0.5 * 10.0 ** -decimals(unit)):
            return "≈"
    if at_most:
        return "≤" if passing else ">"
    return "≥" if passing else "<"


@dataclass(frozen=True)
class Hint:
    """A suggestion computed from the measurements for a failing finding (never a verdict).

    ``kind`` names the change ("door-leaf", "door-side", "wc-move", …: the reports' text catalogue
    key ``hint.<kind>``); ``values`` are the numbers and ids the text names (JSON-able).
    :mod:`planeval.hints` computes them.
    """

    kind: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """A result with the rule set's judgement attached: code, rule, severity and clause."""

    code: str
    rule: str
    severity: Severity
    source: str
    result: Result
    accepted: str = ""  # set by a baseline: the reason this known finding is accepted
    hint: Hint | None = None  # set by planeval.hints for a failing finding the geometry can say more about
    exempt_by: str = ""  # the code of the aggregate finding whose Exemption this finding is under

    @property
    def status(self) -> Status:
        return self.result.status

    @property
    def failing(self) -> bool:
        return self.result.status is Status.FAIL

    def accept(self, reason: str) -> Finding:
        return replace(self, accepted=reason or "accepted")


@dataclass(frozen=True)
class Verdict:
    """Whether a run fails, and the counts it was decided on (accepted findings counted apart).

    ``word``: ``fail`` when the findings fail the run; else ``review`` when a plan was not judged
    (recognised below the run's minimum grade: ``not_judged`` holds why); else ``pass``.
    """

    failed: bool
    failing_errors: int
    failing_warnings: int
    needs_review: int
    check_errors: int
    accepted: int
    not_judged: tuple[str, ...] = ()
    findings_failed: bool = False  # the findings alone fail the run (the word is then "fail", not "review")

    @property
    def word(self) -> str:
        if self.findings_failed:
            return "fail"
        return "review" if self.not_judged else ("fail" if self.failed else "pass")


def verdict_of(findings: Iterable[Finding], strict: bool = False, fail_on_review: bool = False,
               not_judged: Iterable[str] = (), fail_on_unjudged: bool = True) -> Verdict:
    """THE verdict. A run fails when a live (not accepted) error-severity finding fails; with
    ``strict`` also on a failing warning or a check error; with ``fail_on_review`` (its own opt-in,
    independent of ``strict``: a 2D plan always leaves items to review) also on a needs-review finding.
    ``not_judged`` are the reasons some plan was not judged (:attr:`Report.not_judged`: recognised
    below the minimum grade); the verdict is then ``review`` and fails the run unless
    ``fail_on_unjudged`` is off (CI must not go green on a plan it could not judge).

    >>> res = Result("D1", Status.NEEDS_REVIEW, None, 25.0, "mm", "threshold not shown")
    >>> review = Finding("DW02", "door-clear-width", Severity.ERROR, "", res)
    >>> verdict_of([review], strict=True).failed, verdict_of([review], fail_on_review=True).failed
    (False, True)
    >>> v = verdict_of([review], not_judged=["recognised at grade D, below C"])
    >>> v.word, v.failed, verdict_of([review], not_judged=["…"], fail_on_unjudged=False).failed
    ('review', True, False)
    """
    findings = list(findings)
    reasons = tuple(r for r in not_judged if r)
    live = [f for f in findings if not f.accepted]
    fe = sum(1 for f in live if f.failing and f.severity == Severity.ERROR)
    fw = sum(1 for f in live if f.failing and f.severity != Severity.ERROR)
    nr = sum(1 for f in live if f.status is Status.NEEDS_REVIEW)
    ce = sum(1 for f in live if f.status is Status.ERROR)
    by_findings = fe > 0 or (strict and (fw > 0 or ce > 0)) or (fail_on_review and nr > 0)
    failed = by_findings or (fail_on_unjudged and bool(reasons))
    return Verdict(failed, fe, fw, nr, ce, len(findings) - len(live), reasons, by_findings)


def summary_of(findings: list[Finding], strict: bool = False, fail_on_review: bool = False,
               not_judged: Iterable[str] = (), fail_on_unjudged: bool = True) -> dict[str, Any]:
    """Counts per status of the live findings, the accepted ones apart, the verdict, and why plans
    were not judged (``not_judged``: a list, empty when every plan was)."""
    live = [f for f in findings if not f.accepted]
    counts: dict[str, Any] = {s.value: 0 for s in Status}
    for f in live:
        counts[f.status.value] += 1
    v = verdict_of(findings, strict, fail_on_review, not_judged, fail_on_unjudged)
    counts["total"] = len(findings)
    counts["accepted"] = v.accepted
    counts["failing_errors"] = v.failing_errors
    counts["failing_warnings"] = v.failing_warnings
    counts["verdict"] = v.word
    counts["not_judged"] = list(v.not_judged)
    return counts


@dataclass
class Report:
    """One plan judged by one rule set: its findings, area metrics and how much was reused."""

    plan: Plan
    ruleset: Any  # planeval.ruleset.RuleSet (kept untyped: the rule-set loader sits above this leaf)
    findings: list[Finding]
    area: dict[str, Any] | None = None
    context_stats: dict[str, int] = field(default_factory=dict)
    unusable: dict[str, BaseGeometry] | None = None  # per unit: free floor a rule measured as unusable
    min_grade: str = ""  # the run's minimum recognition grade (engine.run sets it; "" for a report built by hand)

    @property
    def not_judged(self) -> str:
        """Why the plan as a whole was not judged ("" when it was): recognised below the run's minimum grade."""
        rec = self.plan.recognition
        if self.min_grade and rec.below(self.min_grade):
            return f"not judged: recognised at grade {rec.grade}, below {self.min_grade}"
        return ""

    def verdict(self, strict: bool = False, fail_on_review: bool = False, fail_on_unjudged: bool = True) -> Verdict:
        return verdict_of(self.findings, strict, fail_on_review, [self.not_judged], fail_on_unjudged)

    def summary(self, strict: bool = False, fail_on_review: bool = False, fail_on_unjudged: bool = True) -> dict[str, Any]:
        return summary_of(self.findings, strict, fail_on_review, [self.not_judged], fail_on_unjudged)


def accessible_units(plan: Plan, findings: Iterable[Finding], rules: frozenset[str]) -> dict[str, bool]:
    """Per unit: True unless a finding of one of ``rules`` fails for it — warnings included, accepted
    or not (a baseline or a share exemption accepts a known failure, it does not make the unit
    accessible)."""
    ok = {u.id: True for u in plan.units}
    for f in findings:
        if f.rule in rules and f.failing:
            for uid in plan.units_of_subject(f.result.subject):
                ok[uid] = False
    return ok


def units_in_review(plan: Plan, findings: Iterable[Finding], rules: frozenset[str]) -> frozenset[str]:
    """Units for which a finding of one of ``rules`` needs review (or a check broke): whether they are
    accessible is not known from the plan."""
    out: set[str] = set()
    for f in findings:
        if f.rule in rules and f.status in (Status.NEEDS_REVIEW, Status.ERROR):
            out |= plan.units_of_subject(f.result.subject)
    return frozenset(out)


def _covered(plan: Plan, ex: Exemption, f: Finding) -> bool:
    if ex.rules and f.rule not in ex.rules:
        return False
    subject = f.result.subject
    return subject in ex.subjects or bool(plan.units_of_subject(subject) & ex.subjects)


def apply_exemptions(plan: Plan, name: str, findings: Iterable[Finding], by: Iterable[Finding]) -> list[Finding]:
    """``findings`` (of the plan named ``name``) under the exemptions the findings ``by`` carry.

    A finding already under an exemption keeps it. ``not_applicable``: a finding that applied
    becomes not applicable, its message prefixed with the reason and its measured status kept in
    ``details["exempt"]``; ``accept``: a failing or needs-review finding is accepted with the reason.
    """
    out = list(findings)
    for agg in by:
        for ex in agg.result.exemptions:
            if ex.plan != name:
                continue
            for i, f in enumerate(out):
                if f.exempt_by or not _covered(plan, ex, f):
                    continue
                r = f.result
                if ex.mode == "accept":
                    if r.status in (Status.FAIL, Status.NEEDS_REVIEW):
                        out[i] = replace(f, accepted=f.accepted or ex.reason, exempt_by=agg.code)
                elif r.status is not Status.NOT_APPLICABLE:
                    details = {**r.details, "exempt": {"by": agg.code, "reason": ex.reason, "measured_status": r.status.value}}
                    said = say("exempt.as_measured", "{reason}; as measured: {inner}", reason=said_of(ex.reason, ex.said),
                               inner=said_of(r.message, r.msg))
                    res = replace(r, status=Status.NOT_APPLICABLE, message=said.text, msg=said, details=details)
                    out[i] = replace(f, result=res, exempt_by=agg.code)
    return out


def lift_acceptances(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` without the acceptances exemptions gave (to be judged again across more plans);
    not-applicable exemptions stay."""
    return [replace(f, accepted="", exempt_by="") if f.exempt_by and "exempt" not in f.result.details else f for f in findings]
