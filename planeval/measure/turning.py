"""Turning areas: the free floor of each door case and the largest circle in it.

For a room and a door-swing mode, the free floor is measured once per door case:

* ``allow`` — door swings are free floor (ADA 304.4 reading);
* ``forbid_all`` — one placement must avoid every swing into the room (Husbanken);
* ``forbid_operated_door`` — for *each* door swinging into the room a placement must avoid that
  door's swing (the door being operated, TEK17 veiledning); the worst door decides.

Nothing here knows a required diameter: the checks compare :attr:`TurningCase.diameter` with
their own (and try their rectangle with :func:`planeval.measure.fit.fits_rectangle`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.measure.context import Context
from planeval.measure.fit import fits_rectangle
from planeval.measure.floor import FloorSpec, free_circle, free_floor

__all__ = ["SwingMode", "TurningCase", "door_cases", "turning_cases", "case_rectangle"]

SwingMode = Literal["forbid_operated_door", "forbid_all", "allow"]


@dataclass(frozen=True)
class TurningCase:
    """The free floor of one door case and its largest circle (or, for a derived case, the
    largest circle with some further property, e.g. touching the front of a WC)."""

    door: str | None  # the door whose swing was removed (None: no swing removed / all removed)
    free: BaseGeometry
    cx: float
    cy: float
    r: float
    swings: tuple[str, ...] = ()  # the door swings removed from the room's free floor

    @property
    def diameter(self) -> float:
        return 2 * self.r

    def circle(self, diameter: float | None = None) -> Polygon:
        """The circle at this case's centre: of ``diameter``, or the largest one."""
        return Point(self.cx, self.cy).buffer((diameter or self.diameter) / 2, quad_segs=16)


def door_cases(ctx: Context, rid: str, mode: SwingMode) -> list[tuple[str | None, tuple[str, ...]]]:
    """(door operated, swings removed) for each door case of ``mode`` in room ``rid``."""
    swings = [d.id for d in ctx.doors_swinging_into(rid)]
    if mode == "forbid_all":
        return [(None, tuple(swings))]
    if mode == "forbid_operated_door" and swings:
        return [(did, (did,)) for did in swings]
    return [(None, ())]


def turning_cases(ctx: Context, rid: str, mode: SwingMode, floor: FloorSpec) -> list[TurningCase]:
    """Free floor and largest circle for each door case of ``mode`` (see the module docstring)."""
    cases = []
    for door, minus in door_cases(ctx, rid, mode):
        cx, cy, r = free_circle(ctx, rid, floor, minus)
        cases.append(TurningCase(door, free_floor(ctx, rid, floor, minus), cx, cy, r, minus))
    return cases


def case_rectangle(ctx: Context, rid: str, floor: FloorSpec, case: TurningCase, width: float, length: float,
                   eps: float) -> tuple[bool, Polygon | None]:
    """:func:`~planeval.measure.fit.fits_rectangle` of a ``width`` × ``length`` rectangle in one door
    case's free floor, memoised (a size asked, not a threshold compared: every rule set and sweep
    variant asking the same rectangle shares it, whatever its diameter)."""
    key = ("turning-rectangle", rid, floor, case.door, case.swings, width, length, eps)
    return ctx.memo(key, lambda: fits_rectangle(case.free, width, length, eps=eps))
