"""What a critical value is: the verdict of one finding as a function of one varied parameter.

:class:`Critical` (the answer), :class:`Threshold` (how a parameter sets the ``required`` of a
rule's findings, and which solver finds the flip) and :func:`from_required`, the generic solver;
the rule-specific solvers are in :mod:`planeval.sweep.critical` and :mod:`planeval.sweep.solvers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planeval.findings import Finding, Sense
from planeval.measure import Context

__all__ = ["Critical", "Threshold", "Governs", "Solver", "from_required"]


@dataclass(frozen=True)
class Critical:
    """The verdict of one finding as a function of one parameter."""

    kind: str  #: "threshold" (flips at ``value``), "any" (passes whatever the value), "none" (fails whatever)
    value: float | None
    passes_when: str  #: "<=": passes for values ≤ ``value``; ">=": for values ≥ ``value``
    via: str = ""  #: what decides it: "measured", "circle", "rectangle", "narrow side", "wide side"

    def passes(self, x: float) -> bool:
        if self.kind == "any":
            return True
        if self.kind == "none" or self.value is None:
            return False
        return x <= self.value if self.passes_when == "<=" else x >= self.value


Governs = Callable[[Context, Finding, Any], bool]
Solver = Callable[[Context, Finding, Any, "Threshold", str], "Critical | None"]


@dataclass(frozen=True)
class Threshold:
    """A parameter that is the ``required`` of some findings of its rule."""

    codes: tuple[str, ...]  #: finding codes it governs
    tolerance: str | float = "tolerance_mm"  #: the Params field holding the tolerance, or the fixed eps the check uses
    factor: float = 1.0  #: eps = factor × tolerance
    governs: Governs | None = None  #: which of those findings (default: all)
    solver: Solver | None = None  #: a rule-specific solution (default: :func:`from_required`)
    ordinal: tuple[str, ...] = ()  #: a categorical parameter: its values, least strict first (the critical is an index)

    def position(self, value: Any) -> float:
        """The parameter's value as a number: itself, or its index in :attr:`ordinal`."""
        return float(self.ordinal.index(value)) if self.ordinal else float(value)


def from_required(ctx: Context, f: Finding, p: Any, spec: Threshold, param: str) -> Critical | None:
    """The generic case: the parameter is ``required``, ``measured`` does not depend on it."""
    r = f.result
    if r.measured is None:
        return None
    eps = spec.factor * (getattr(p, spec.tolerance) if isinstance(spec.tolerance, str) else spec.tolerance)
    if r.sense is Sense.AT_MOST:
        return Critical("threshold", r.measured - eps, ">=", "measured")
    if r.sense is Sense.AT_LEAST:
        return Critical("threshold", r.measured + eps, "<=", "measured")
    return None
