"""The public API: what the CLI, the sweep engine and a notebook call.

>>> import planeval                                              # doctest: +SKIP
>>> plan = planeval.load_plan("samples/dxf/korttid-40-aia.dxf")  # doctest: +SKIP
>>> report = planeval.check(plan, "tek17")                        # doctest: +SKIP
>>> report.verdict().failed, report.area["units"][0]["net_m2"]   # doctest: +SKIP
(True, 42.2)

Everything here returns plain objects (:class:`~planeval.model.types.Plan`,
:class:`~planeval.findings.Report`, dicts of area metrics); errors in the input raise
:class:`~planeval.errors.InputError` with one line naming the file and the cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planeval.errors import InputError
from planeval.findings import Finding, Report, Verdict, verdict_of
from planeval.measure import Context
from planeval.model.recognition import KIND_NAMES, MIN_GRADE
from planeval.model.types import Plan

if TYPE_CHECKING:
    from planeval.ruleset import RuleSet

# The engine, the checks, the rule sets, scoring and hints are imported inside the functions that judge:
# `planeval inspect` (and every `import planeval`) then does not load the 30 check modules (start-up time).

__all__ = ["load_plan", "load_ruleset", "check", "check_many", "area", "Batch", "Context"]


def load_plan(path: str | Path, *, profile: str | None = None, units: str | None = None, encoding: str | None = None,
              require_rooms: bool = True) -> Plan:
    """Read a DXF file and build its plan model (rooms, doors, windows, fixtures, units)."""
    from planeval.model import build_plan
    from planeval.read import read_drawing

    drawing = read_drawing(str(path), profile=profile, units=units, encoding=encoding)
    return build_plan(drawing, require_rooms=require_rooms)


def load_ruleset(spec: str | Path | RuleSet) -> RuleSet:
    """A bundled rule set by name (``"tek17"``), a TOML file, or a loaded :class:`RuleSet` as it is."""
    from planeval.ruleset import RuleSet
    from planeval.ruleset import load_ruleset as _load_ruleset

    if isinstance(spec, RuleSet):
        return spec
    return _load_ruleset(str(spec) if isinstance(spec, Path) else spec)


def require_floor_plan(plan: Plan) -> None:
    """Refuse a drawing that holds no floor plan of rooms (an elevation, a framing plan, a symbol
    library): :class:`InputError` saying what it looks like and why."""
    rec = plan.recognition
    if not rec.is_floor_plan:
        what = KIND_NAMES.get(rec.drawing_kind, rec.drawing_kind)
        raise InputError(f"not a floor plan: the drawing looks like {what} ({rec.kind_reason}); "
                         "'planeval inspect' shows what was seen", plan.source.path)


def check(plan: Plan, ruleset: str | Path | RuleSet, ctx: Context | None = None, *, min_grade: str | None = None) -> Report:
    """Judge ``plan`` by ``ruleset``, with its area block. Pass the same ``ctx`` (a
    :class:`Context` of this plan) to judge further rule sets without measuring again.

    A drawing with no floor plan of rooms is refused (:func:`require_floor_plan`); on a plan
    recognised below ``min_grade`` (default ``C``; A–E) uncertain subjects get ``needs_review`` and
    the report's verdict is ``review`` (not judged) unless a finding fails."""
    from planeval.engine import run as _run
    from planeval.hints import with_hints
    from planeval.scoring import report_area

    require_floor_plan(plan)
    ctx = ctx if ctx is not None else Context(plan)
    report = _run(plan, load_ruleset(ruleset), ctx, min_grade=min_grade or MIN_GRADE)
    report.area = report_area(report)
    with_hints(report, ctx)
    return report


def area(plan: Plan, ruleset: str | Path | RuleSet | None = None) -> dict[str, Any]:
    """The area metrics of ``plan``; with a rule set also the zones its rules claim."""
    from planeval.scoring import area_metrics

    require_floor_plan(plan)
    if ruleset is None:
        return area_metrics(plan)
    return check(plan, ruleset).area or {}


@dataclass
class Batch:
    """Several plans × rule sets judged together: the reports, and the building-level findings."""

    reports: list[Report]
    building: list[tuple[RuleSet, list[Finding]]] = field(default_factory=list)

    @property
    def building_findings(self) -> list[Finding]:
        return [f for _, fs in self.building for f in fs]

    def verdict(self, strict: bool = False, fail_on_review: bool = False, fail_on_unjudged: bool = True) -> Verdict:
        """Fails when any report fails or a building-level finding fails, or (``review``) a plan was
        recognised below the minimum grade (the one verdict, over all)."""
        everything = [f for r in self.reports for f in r.findings] + self.building_findings
        return verdict_of(everything, strict, fail_on_review, [r.not_judged for r in self.reports], fail_on_unjudged)


def check_many(plans: Sequence[Plan], rulesets: Sequence[str | Path | RuleSet], *, min_grade: str | None = None) -> Batch:
    """Every plan under every rule set (each plan measured once), then the building-level rules."""
    from planeval.engine import judge_building

    sets = [load_ruleset(r) for r in rulesets]
    reports: list[Report] = []
    for plan in plans:
        ctx = Context(plan)
        reports += [check(plan, rs, ctx, min_grade=min_grade) for rs in sets]
    return Batch(reports, judge_building(reports))
