"""Bathroom: a step-free shower zone and a free passage to it.

What it checks
    In the accessible bathroom of each unit: a shower zone of at least ``zone_width_mm`` ×
    ``zone_length_mm`` — the drawn shower, or, where only a bath or nothing is drawn, free floor
    where such a zone could be arranged — and a free passage of ``passage_mm`` from the bathroom
    door to it. Step-free is not visible in 2D: read from a THRESHOLD/STEP_FREE attribute on the
    shower block when ``check_step_free``, else reported as needs_review.

Why
    TEK17 §12-9 (1) b: it shall be possible to arrange a step-free shower zone, with a free
    passage of 0.9 m to it (no zone size in the regulation text). Husbanken care housing: shower
    zone ≥ 1.1 × 1.4 m; TEK17 §12-9 (2) (UU buildings): 1.6 × 1.3 m.

Parameters
    zone_width_mm, zone_length_mm, passage_mm (mm); check_step_free (bool);
    max_threshold_mm (mm); scope (one_per_unit | all); tolerance_mm (mm).

Passes / Fails
    BA02 per bathroom: measured = the short side of the largest zone of the required proportions
    (drawn shower or possible area), required = ``zone_width_mm``; fails when the zone is too
    small or cannot be reached with the passage width. BA04: the step-free check (pass/fail from
    an attribute, else needs_review).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CODE = "BA02"
NAME = "shower-access"


@dataclass(frozen=True)
class Params:
    zone_width_mm: float
    zone_length_mm: float
    passage_mm: float
    check_step_free: bool
    max_threshold_mm: float
    scope: Literal["one_per_unit", "all"]
    tolerance_mm: float
