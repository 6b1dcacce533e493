"""Shared measurement for turning areas (used by turning-space, balcony-turning and wc-clearance).

For a room and a door-swing mode, the free floor is measured once per door case:

* ``allow`` — door swings are free floor (ADA 304.4 reading);
* ``forbid_all`` — one placement must avoid every swing into the room (Husbanken);
* ``forbid_operated_door`` — for *each* door swinging into the room a placement must avoid that
  door's swing (the door being operated, TEK17 veiledning); the worst door decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.findings import Result, Status, Zone
from planeval.measure import Context
from planeval.geometry import fits_rectangle


@dataclass(frozen=True)
class TurningCase:
    """The free floor of one door case and its largest circle."""

    door: str | None  # the door whose swing was removed (None: no swing removed / all removed)
    free: BaseGeometry
    cx: float
    cy: float
    r: float

    @property
    def diameter(self) -> float:
        return 2 * self.r

    def circle(self, diameter: float | None = None) -> Polygon:
        return Point(self.cx, self.cy).buffer((diameter or self.diameter) / 2, quad_segs=16)


def turning_cases(ctx: Context, rid: str, *, mode: str, furnished: bool, floor_kinds: tuple[str, ...],
                  underpass_kinds: tuple[str, ...], underpass_mm: float) -> list[TurningCase]:
    """Free floor and largest circle for each door case of ``mode`` (see module docstring)."""
    base = dict(furnished=furnished, floor_kinds=floor_kinds, underpass_kinds=underpass_kinds, underpass_mm=underpass_mm)
    swings = [d.id for d in ctx.doors_swinging_into(rid)]
    if mode == "forbid_all":
        combos: list[tuple[str | None, tuple[str, ...]]] = [(None, tuple(swings))]
    elif mode == "forbid_operated_door" and swings:
        combos = [(did, (did,)) for did in swings]
    else:
        combos = [(None, ())]
    cases = []
    for door, minus in combos:
        free = ctx.free_floor(rid, minus_swings=minus, **base)
        key = ("free", rid, furnished, floor_kinds, underpass_kinds, underpass_mm, minus)
        cx, cy, r = ctx.circle(key, free)
        cases.append(TurningCase(door, free, cx, cy, r))
    return cases


def judge_turning(cases: list[TurningCase], *, diameter_mm: float, rectangle: tuple[float, float] | None,
                  tolerance_mm: float) -> tuple[bool, TurningCase, Polygon | None, str]:
    """Does a turning area fit in every case? Returns (ok, worst case, rectangle placed or None, how).

    ``how`` is "circle", "rectangle" or "" (nothing fits).
    """
    worst = min(cases, key=lambda c: c.r)
    if all(c.diameter + 2 * tolerance_mm >= diameter_mm for c in cases):
        return True, worst, None, "circle"
    if rectangle is not None:
        w, l = rectangle
        placed = None
        for c in cases:
            if c.diameter + 2 * tolerance_mm >= diameter_mm:
                continue
            ok, placed = fits_rectangle(c.free, w, l, eps=tolerance_mm)
            if not ok:
                return False, worst, None, ""
        return True, worst, placed, "rectangle"
    return False, worst, None, ""


def describe(ok: bool, worst: TurningCase, diameter_mm: float, rectangle: tuple[float, float] | None, how: str) -> str:
    door = f" with door {worst.door} open" if worst.door else ""
    if ok and how == "circle":
        return f"largest free circle Ø{worst.diameter:.0f} mm{door} ≥ Ø{diameter_mm:.0f} mm"
    if ok and how == "rectangle":
        w, l = rectangle  # type: ignore[misc]
        return f"largest free circle Ø{worst.diameter:.0f} mm{door} < Ø{diameter_mm:.0f} mm, but a {w / 1000:.2f} × {l / 1000:.2f} m rectangle fits"
    rect = f"; no {rectangle[0] / 1000:.2f} × {rectangle[1] / 1000:.2f} m rectangle fits either" if rectangle else ""
    short = diameter_mm - worst.diameter
    return f"largest free circle Ø{worst.diameter:.0f} mm{door} < Ø{diameter_mm:.0f} mm ({short:.0f} mm short){rect}"


def required_zone(ok: bool, worst: TurningCase, diameter_mm: float, placed: Polygon | None) -> BaseGeometry:
    """The floor the requirement claims: the required circle where it fits, the rectangle, or what is there."""
    if placed is not None:
        return placed
    if ok:
        return worst.circle(diameter_mm)
    return worst.circle()


def turning_result(ctx: Context, rid: str, *, diameter_mm: float, rectangle: tuple[float, float] | None, mode: str,
                   furnished: bool, floor_kinds: tuple[str, ...] = (), underpass_kinds: tuple[str, ...] = (),
                   underpass_mm: float = 0.0, tolerance_mm: float) -> Result:
    """The finding for one room's turning area (shared by turning-space and balcony-turning)."""
    cases = turning_cases(ctx, rid, mode=mode, furnished=furnished, floor_kinds=floor_kinds,
                          underpass_kinds=underpass_kinds, underpass_mm=underpass_mm)
    ok, worst, placed, how = judge_turning(cases, diameter_mm=diameter_mm, rectangle=rectangle, tolerance_mm=tolerance_mm)
    centre = [round(worst.cx), round(worst.cy)]
    return Result(
        subject=rid,
        status=Status.PASS if ok else Status.FAIL,
        measured=worst.diameter,
        required=diameter_mm,
        unit="mm",
        message=describe(ok, worst, diameter_mm, rectangle, how),
        location=worst.circle(),
        zones=(Zone("turning", required_zone(ok, worst, diameter_mm, placed), rid),),
        details={"center": centre, "largest_diameter_mm": round(worst.diameter), "door_open": worst.door,
                 "fits_by": how, "required_center": centre},
    )


__all__ = ["TurningCase", "turning_cases", "judge_turning", "describe", "required_zone", "turning_result"]
