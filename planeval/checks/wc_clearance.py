"""Bathroom: free space beside the WC and a turning area in front of it.

What it checks
    In the accessible bathroom of each unit (``scope``): the WC's back is the side nearest a wall;
    beside the WC, over ``side_depth_mm`` from the back, the free width on each side (to the
    nearest wall or fixture) must reach ``side_large_mm`` on one side and ``side_small_mm`` on the
    other. A step-free shower zone may serve as side space when ``shower_counts_as_side``.
    In front of the WC a turning circle of ``front_circle_mm`` must fit in the free floor and touch
    the strip in front of the seat (WC width × ``front_strip_mm``), outside door swings as
    ``door_swing_overlap`` says; fixtures in ``underpass_kinds`` let it reach ``underpass_mm`` under
    them (knee space).

Why
    TEK17 §12-9 (1) a: turning area in front of the WC; free floor of at least 0.9 m on one side
    and 0.2 m on the other; the turning area may lie under fixtures mounted at least 0.67 m high
    and need not be centred in front of the WC; the 0.9 m side space may be combined with the
    shower zone. Husbanken care housing: 0.9 m on both sides, Ø1.6 m in front of the WC.

Parameters
    side_large_mm, side_small_mm, side_depth_mm, front_circle_mm, front_strip_mm (mm);
    shower_counts_as_side (bool); door_swing_overlap (forbid_operated_door | forbid_all | allow);
    scope (one_per_unit | all); floor_kinds, underpass_kinds (fixture kinds); underpass_mm,
    tolerance_mm (mm).

Passes / Fails
    Two results per bathroom: BA01 side space (measured = free width on the tighter side, judged
    with the larger side), BA03 turning circle in front of the WC (measured = largest circle that
    touches the front strip). Not applicable when no bathroom with a WC exists; needs review when
    a bathroom has no recognisable WC.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CODE = "BA01"
NAME = "wc-clearance"


@dataclass(frozen=True)
class Params:
    side_large_mm: float
    side_small_mm: float
    side_depth_mm: float
    front_circle_mm: float
    front_strip_mm: float
    shower_counts_as_side: bool
    door_swing_overlap: Literal["forbid_operated_door", "forbid_all", "allow"]
    scope: Literal["one_per_unit", "all"]
    floor_kinds: tuple[str, ...]
    underpass_kinds: tuple[str, ...]
    underpass_mm: float
    tolerance_mm: float
