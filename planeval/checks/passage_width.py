"""Free passage to every door and window.

What it checks
    In each room of the listed functions, a wheelchair passage of ``width_mm`` (a disc of that
    diameter moving through the free floor) connects the room's entry door to every other door of
    the room and — with ``to_windows`` — to every window. Free floor = room minus fixtures, minus
    furniture when ``furnished`` (the passage lies outside the furnishing zone).

Why
    TEK17 §12-7 (4) c: rooms for permanent stay (stue, kjøkken, soverom) shall have a free passage
    of at least 0.9 m to the door and the window outside the furnishing zone; §12-8 (1) a: free
    passage of 0.9 m in the entrance hall. Husbanken care housing recommends 1.2 m; ADA 403.5.1
    36 in (915 mm).

Parameters
    width_mm (mm), functions (room functions), to_windows (bool), furnished (bool),
    floor_kinds (fixture kinds that are floor), tolerance_mm (mm).

Passes / Fails
    One result per room: measured = the widest passage that reaches every target (the
    bottleneck), required = ``width_mm``. Passes when it is at least the required width; fails
    naming the target not reached and where the bottleneck is. Not applicable when no room of
    the functions exists.
"""

from __future__ import annotations

from dataclasses import dataclass

CODE = "PA01"
NAME = "passage-width"


@dataclass(frozen=True)
class Params:
    width_mm: float
    functions: tuple[str, ...]
    to_windows: bool
    furnished: bool
    floor_kinds: tuple[str, ...]
    tolerance_mm: float
