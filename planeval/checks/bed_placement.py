"""Bedroom: a bed of the rule set's size can be placed with the zones it needs.

What it checks
    Searches placements of a ``bed_width_mm`` × ``bed_length_mm`` bed in each bedroom (head against
    a wall, along each wall at 50 mm steps, both orientations, optionally away from door swings):
    with a free zone along one long side (``side_a_mm`` wide — or, with ``side_a_circle``, a turning
    circle of that diameter touching that side), ``side_b_mm`` along the other long side and
    ``foot_mm`` at the foot, all in the free floor (room minus fixed fittings; the room's drawn
    movable furniture is ignored: the bed is what we place). Reports the best placement found, or
    why none fits.

Why
    TEK17 §12-7 (4) b (a wheelchair user can use the bedroom's functions; tenkuniverselt: one long
    side of the bed accessible). Husbanken livsløp: double bed 1.8 × 2.1 m, Ø1.5 m (or 1.3 × 1.8 m)
    on one long side, 0.6 m on the other. Husbanken care housing: care bed 1.0 × 2.2 m with 1.5 m
    on both long sides and 1.4 m at the foot. UK M4(3) 3.35: 1.0 m both sides and foot.

Parameters
    bed_width_mm, bed_length_mm, side_a_mm, side_b_mm, foot_mm (mm); side_a_circle (bool);
    avoid_door_swings (bool); scope (every_bedroom | one_per_unit); tolerance_mm (mm).

Passes / Fails
    Per bedroom (``every_bedroom``) or per unit's best bedroom (``one_per_unit``; the others are
    not applicable): measured = the largest side-A zone achievable with side B and foot satisfied,
    required = ``side_a_mm``; passes with the placement drawn, fails saying which zone does not fit.
    Not applicable without bedrooms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CODE = "BD01"
NAME = "bed-placement"


@dataclass(frozen=True)
class Params:
    bed_width_mm: float
    bed_length_mm: float
    side_a_mm: float
    side_b_mm: float
    foot_mm: float
    side_a_circle: bool
    avoid_door_swings: bool
    scope: Literal["every_bedroom", "one_per_unit"]
    tolerance_mm: float
