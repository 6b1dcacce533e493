"""Every room of the unit reachable in a wheelchair from the entrance.

What it checks
    The configuration space of a wheelchair of width ``wheelchair_width_mm``: the free floor of
    all rooms of the unit plus the openings of their doors (as wide as each door's clear width),
    eroded by half the wheelchair width. Every room of the listed functions must be reachable in
    that space from the unit's entrance door. Free floor = room minus fixtures (minus furniture
    when ``furnished``).

Why
    TEK17 §12-2 (1) and §12-7 (4) a: all main functions on the entrance level, step-free and
    accessible for a wheelchair; §12-10 (3): a wheelchair must be able to drive into the bod.
    Husbanken 5.1: design wheelchair 1200 × 700 mm (functional 1300 × 800).

Parameters
    wheelchair_width_mm (mm), functions (room functions that must be reached), furnished (bool),
    floor_kinds (fixture kinds that are floor), tolerance_mm (mm).

Passes / Fails
    One result per room: measured = the widest wheelchair that reaches the room, required =
    ``wheelchair_width_mm``. Fails naming the bottleneck (the door or the pinch where the way
    closes). Not applicable without dwelling units or without an entrance door.
"""

from __future__ import annotations

from dataclasses import dataclass

CODE = "RE01"
NAME = "wheelchair-reachability"


@dataclass(frozen=True)
class Params:
    wheelchair_width_mm: float
    functions: tuple[str, ...]
    furnished: bool
    floor_kinds: tuple[str, ...]
    tolerance_mm: float
