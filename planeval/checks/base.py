"""What a check returns, and the small vocabulary shared by all checks.

A check module has a docstring with the headings *What it checks*, *Why*, *Parameters*,
*Passes / Fails*; ``CODE`` and ``NAME``; a frozen ``Params`` dataclass whose fields have units in
their names and **no defaults for regulatory thresholds**; and ``check(ctx, params)`` yielding
:class:`Result` objects. The engine turns results into findings (adding code, rule, severity and
the rule set's source clause).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from shapely.geometry.base import BaseGeometry


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


@dataclass(frozen=True)
class Zone:
    """Floor area a requirement claims (turning circle, WC side space, bed zone, passage…).

    Used by the area scoring (how much of the unit the rules claim, and how much they overlap) and
    drawn in reports.
    """

    kind: str  # turning | wc-side | wc-front | bed | bed-side | kitchen-front | door-side | passage | shower
    geometry: BaseGeometry
    room: str | None


@dataclass(frozen=True)
class Result:
    subject: str  # room / door / unit id as printed by `inspect`, or "plan"
    status: Status
    measured: float | None
    required: float | None
    unit: str  # "mm", "m²", "N", "" (counts/yes-no)
    message: str  # states both numbers: "largest free circle Ø1320 mm < Ø1500 mm"
    location: BaseGeometry | None = None  # where it was measured (for drawing)
    sense: Sense = Sense.AT_LEAST
    code: str = ""  # a check with several aspects (DW02 threshold…) sets its own code here
    zones: tuple[Zone, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # extra, JSON-able facts (centre, placement, source of a width)
    confidence: str = "high"  # "low" when measured on inferred geometry (a door width from a loose swing)

    @property
    def margin(self) -> float | None:
        """How far from the threshold, positive when passing (in ``unit``)."""
        if self.measured is None or self.required is None:
            return None
        if self.sense is Sense.AT_MOST:
            return self.required - self.measured
        return self.measured - self.required


def verdict(measured: float, required: float, sense: Sense = Sense.AT_LEAST, eps: float = 0.0) -> Status:
    """PASS/FAIL for a number against a threshold, with a tolerance ``eps`` for drawing noise."""
    if sense is Sense.AT_MOST:
        return Status.PASS if measured <= required + eps else Status.FAIL
    return Status.PASS if measured + eps >= required else Status.FAIL
