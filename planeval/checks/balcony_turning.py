"""Turning space on the balcony.

What it checks
    On every balcony/terrace that belongs to a dwelling unit (reached through one of its doors), a
    turning circle — or the allowed rectangle — fits in the free floor, outside the swing of the
    balcony door as ``door_swing_overlap`` says.

Why
    TEK17 §12-11 (3) b: a balcony or terrace on the entrance level shall have free floor for a
    turning area (Ø1.5 m or 1.3 × 1.8 m) that does not overlap the swing of the door being operated.

Parameters
    diameter_mm, rectangle_allowed, rectangle_width_mm, rectangle_length_mm (mm),
    door_swing_overlap (forbid_operated_door | forbid_all | allow), furnished (bool),
    tolerance_mm (mm).

Passes / Fails
    Passes when the largest free circle reaches the diameter (or the rectangle fits); fails with
    the shortfall. Not applicable when the plan has no balcony.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from planeval.checks.base import RuleSpec, param
from planeval.checks.turning import turning_result
from planeval.findings import Result, Status, ZoneKind, say
from planeval.measure import Context, FloorSpec

SPEC = RuleSpec(
    code="BT01",
    name="balcony-turning",
    title="a wheelchair turning area fits on the balcony",
    overlay="turning",
    zone_kinds=(ZoneKind.TURNING,),
    measured="diameter",
)


@dataclass(frozen=True)
class Params:
    diameter_mm: float = param("diameter of the turning circle that must fit in the balcony's free floor (mm)")
    rectangle_allowed: bool = param("a turning rectangle of the size below (at any orientation) may replace the circle")
    rectangle_width_mm: float = param("short side of the turning rectangle allowed instead of the circle (mm)")
    rectangle_length_mm: float = param("long side of the turning rectangle allowed instead of the circle (mm)")
    door_swing_overlap: Literal["forbid_operated_door", "forbid_all", "allow"] = param(
        "door swings the turning area must avoid: that of the door being operated, all of them, or none"
    )
    furnished: bool = param("also subtract drawn furniture from the free floor (fixed fittings always are)")
    tolerance_mm: float = param("drawing noise (mm): a circle up to 2 × this short of the diameter still passes")


def check(ctx: Context, p: Params) -> Iterator[Result]:
    balconies = [r for r in ctx.rooms(("balcony",)) if r.function == "balcony"]
    if not balconies:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.diameter_mm, "mm", msg=say("BT01.none", "no balcony or terrace in "
                                                                                                    "the plan"))
        return
    rect = (p.rectangle_width_mm, p.rectangle_length_mm) if p.rectangle_allowed else None
    for b in balconies:
        yield turning_result(ctx, b.id, diameter_mm=p.diameter_mm, rectangle=rect, mode=p.door_swing_overlap,
                             floor=FloorSpec(p.furnished), tolerance_mm=p.tolerance_mm)
