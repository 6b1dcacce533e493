"""The turning-area finding shared by turning-space and balcony-turning (and the circle/rectangle
judgement wc-clearance reuses).

The measurement — free floor and largest circle per door case — is
:func:`planeval.measure.turning.turning_cases`; here it is judged against a diameter and,
where a rule set allows it, a rectangle.
"""

from __future__ import annotations

from collections.abc import Callable

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.findings import Message, Result, Status, Zone, ZoneKind, say, sign
from planeval.measure import Context, FloorSpec
from planeval.measure.fit import fits_rectangle
from planeval.measure.turning import SwingMode, TurningCase, case_rectangle, turning_cases

Fits = Callable[[TurningCase, float, float, float], tuple[bool, Polygon | None]]


def judge_turning(cases: list[TurningCase], *, diameter_mm: float, rectangle: tuple[float, float] | None,
                  tolerance_mm: float, fits: Fits | None = None) -> tuple[bool, TurningCase, Polygon | None, str]:
    """Does a turning area fit in every case? Returns (ok, worst case, rectangle placed or None, how).

    ``how`` is "circle", "rectangle" or "" (nothing fits). ``fits(case, width, length, eps)``: how
    the rectangle is tried (default :func:`fits_rectangle` on the case's free floor; a memoised one
    from :func:`~planeval.measure.turning.case_rectangle` when the caller has the Context).
    """
    worst = min(cases, key=lambda c: c.r)
    if all(c.diameter + 2 * tolerance_mm >= diameter_mm for c in cases):
        return True, worst, None, "circle"
    if rectangle is not None:
        w, length = rectangle
        placed = None
        for c in cases:
            if c.diameter + 2 * tolerance_mm >= diameter_mm:
                continue
            ok, placed = fits(c, w, length, tolerance_mm) if fits else fits_rectangle(c.free, w, length, eps=tolerance_mm)
            if not ok:
                return False, worst, None, ""
        return True, worst, placed, "rectangle"
    return False, worst, None, ""


def describe(ok: bool, worst: TurningCase, diameter_mm: float, rectangle: tuple[float, float] | None, how: str) -> Message:
    door = say("turn.door_open", " with door {door} open", door=worst.door) if worst.door else ""
    if ok and how == "circle":
        return say("turn.circle", "largest free circle Ø{d:.0f} mm{door} {rel} Ø{need:.0f} mm", d=worst.diameter, door=door,
                   rel=sign(True, worst.diameter, diameter_mm), need=diameter_mm)
    if ok and how == "rectangle":
        w, length = rectangle  # type: ignore[misc]
        return say("turn.rectangle", "largest free circle Ø{d:.0f} mm{door} < Ø{need:.0f} mm, but a {w:.2f} × {length:.2f} m "
                                     "rectangle fits",
                   d=worst.diameter, door=door, need=diameter_mm, w=w / 1000, length=length / 1000)
    rect = (say("turn.no_rectangle", "; no {w:.2f} × {length:.2f} m rectangle fits either",
                                     w=rectangle[0] / 1000, length=rectangle[1] / 1000)
            if rectangle else "")
    return say("turn.short", "largest free circle Ø{d:.0f} mm{door} < Ø{need:.0f} mm ({short:.0f} mm short){rect}",
               d=worst.diameter, door=door, need=diameter_mm, short=diameter_mm - worst.diameter, rect=rect)


def required_zone(ok: bool, worst: TurningCase, diameter_mm: float, placed: Polygon | None) -> BaseGeometry:
    """The floor the requirement claims: the required circle where it fits, the rectangle, or what is there."""
    if placed is not None:
        return placed
    if ok:
        return worst.circle(diameter_mm)
    return worst.circle()


def turning_result(ctx: Context, rid: str, *, diameter_mm: float, rectangle: tuple[float, float] | None, mode: SwingMode,
                   floor: FloorSpec, tolerance_mm: float) -> Result:
    """The finding for one room's turning area (shared by turning-space and balcony-turning)."""
    cases = turning_cases(ctx, rid, mode, floor)
    ok, worst, placed, how = judge_turning(cases, diameter_mm=diameter_mm, rectangle=rectangle, tolerance_mm=tolerance_mm,
                                           fits=lambda c, w, length, eps: case_rectangle(ctx, rid, floor, c, w, length, eps))
    centre = [round(worst.cx), round(worst.cy)]
    return Result(
        subject=rid,
        status=Status.PASS if ok else Status.FAIL,
        measured=worst.diameter,
        required=diameter_mm,
        unit="mm",
        msg=describe(ok, worst, diameter_mm, rectangle, how),
        location=worst.circle(),
        zones=(Zone(ZoneKind.TURNING, required_zone(ok, worst, diameter_mm, placed), rid,
                    "rect" if placed is not None else "circle"),),
        details={"center": centre, "largest_diameter_mm": round(worst.diameter), "door_open": worst.door,
                 "fits_by": how, "required_center": centre},
    )


__all__ = ["judge_turning", "describe", "required_zone", "turning_result"]
