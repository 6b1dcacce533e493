"""What a check module declares: its :class:`RuleSpec`.

A check module has a docstring with the headings *What it checks*, *Why*, *Parameters*,
*Passes / Fails*; a ``SPEC``; a frozen ``Params`` dataclass whose fields have units in their names,
a one-line ``doc`` in their metadata and **no defaults for regulatory thresholds**; and either
``check(ctx, params)`` yielding :class:`planeval.findings.Result` objects (phase ``plan``) or
``aggregate(inputs, params)`` over the first phase's findings of one or many plans (phase
``aggregate``). The engine turns results into findings (adding code, rule, severity and the rule
set's source clause); it reads ``SPEC`` and never names a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planeval.findings import ZoneKind

__all__ = ["Phase", "RuleSpec", "param", "PlanFindings", "AggregateInput"]


class Phase(StrEnum):
    PLAN = "plan"  #: judged on one plan's measurements
    AGGREGATE = "aggregate"  #: judged on the plan phase's findings, for one plan or many (a building)


@dataclass(frozen=True)
class RuleSpec:
    """Everything the engine, the reporters and ``rules explain`` need to know about a rule."""

    code: str  #: the main finding code, e.g. "DW01"
    name: str  #: the rule's name in rule-set files, e.g. "door-clear-width"
    title: str  #: one line: what is checked
    subcodes: dict[str, str] = field(default_factory=dict)  #: further codes this rule reports, code -> what
    overlay: str = "other"  #: the report layer its findings are drawn on
    zone_kinds: tuple[ZoneKind, ...] = ()  #: kinds of floor zone its results claim
    measured: str = "length"  #: what ``measured`` is: length | diameter | area | share | count | force
    accessibility: bool = False  #: a failing error finding makes its unit not a "tilgjengelig boenhet"
    phase: Phase = Phase.PLAN

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *self.subcodes)


def param(doc: str, **kwargs: Any) -> Any:
    """A ``Params`` field with its one-line documentation (shown by ``planeval rules explain``)."""
    return field(metadata={"doc": doc}, **kwargs)


@dataclass(frozen=True)
class PlanFindings:
    """One plan and the findings its plan-phase rules produced (the input of an aggregate rule)."""

    name: str  #: the plan's file name, used to name units across plans
    plan: Any  #: planeval.model.types.Plan
    findings: tuple[Any, ...]  #: planeval.findings.Finding


@dataclass(frozen=True)
class AggregateInput:
    """What an aggregate rule judges: one or several plans (a building), and which rules make a unit accessible."""

    plans: tuple[PlanFindings, ...]
    accessibility: frozenset[str]

    @property
    def building(self) -> bool:
        return len(self.plans) > 1
