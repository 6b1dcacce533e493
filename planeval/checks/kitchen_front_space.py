"""Kitchen: free space in front of the counter run.

What it checks
    For each kitchen counter run (fixtures of kind ``kitchen_counter``) in a room of the listed
    functions: the free depth in front of its front edge (the long side away from the wall),
    across the counter's whole length, to the nearest wall, fixture or (when ``furnished``)
    furniture; an opposite counter run limits it too.

Why
    BR18 §202: ≥ 1.10 m free in front of work and storage places; UK M4(2) 2.24b 1.2 m, M4(3) 3.32b
    1.5 m; ADA/A117 40 in (1015 mm) between opposing counters. TEK17 names no number: in Norway
    the turning area in the kitchen governs (a Ø1.5 m disc in front of the counter).

Parameters
    depth_mm (mm), functions (room functions), furnished (bool), tolerance_mm (mm).

Passes / Fails
    One result per counter run: measured = the free depth, required = ``depth_mm``. Not applicable
    when no counter is recognised in such a room.
"""

from __future__ import annotations

from dataclasses import dataclass

CODE = "KI01"
NAME = "kitchen-front-space"


@dataclass(frozen=True)
class Params:
    depth_mm: float
    functions: tuple[str, ...]
    furnished: bool
    tolerance_mm: float
