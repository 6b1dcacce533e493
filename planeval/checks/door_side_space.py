"""Free side space beside the latch edge of doors, for opening and closing from a wheelchair.

What it checks
    For each door of the listed roles: beside the latch edge (the jamb opposite the hinge), on the
    side the door opens towards (pull side, the swing room), a strip of free floor
    ``pull_side_mm`` wide along the wall and ``depth_mm`` deep into the room; on the other side
    (push side) ``push_side_mm``. Sliding doors need ``sliding_side_mm`` on both sides of the
    opening. Free floor = the room minus fixtures (and furniture when ``furnished``).

Why
    TEK17 §12-13 (3) d: side-hung and sliding doors shall have sufficient free space to be opened
    and closed from a wheelchair (no number in the text). NS 11001 / Husbanken 5.7: 0.5 m beside
    the latch edge where the door opens towards the user, 0.3 m where it opens away; sliding doors
    0.3 m on all sides. ADA 404.2.4.1: 18 in (455 mm) pull side, 12 in (305 mm) push side.

Parameters
    pull_side_mm, push_side_mm, sliding_side_mm, depth_mm (mm); door_roles (entrance, internal,
    balcony, exterior, common); furnished (bool); tolerance_mm (mm).

Passes / Fails
    One result per door: measured = free width beside the latch on the worse side (relative to
    its requirement), required = that side's requirement. Passes when both sides have their
    width; fails naming the side and the shortfall. Plain openings are not applicable.
"""

from __future__ import annotations

from dataclasses import dataclass

CODE = "DS01"
NAME = "door-side-space"


@dataclass(frozen=True)
class Params:
    pull_side_mm: float
    push_side_mm: float
    sliding_side_mm: float
    depth_mm: float
    door_roles: tuple[str, ...]
    furnished: bool
    tolerance_mm: float
