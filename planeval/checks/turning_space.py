"""Turning space for a wheelchair in each room.

What it checks
    In every room whose function is listed (and every room whose function is unknown, judged as a
    room for permanent stay: a fail there is needs_review), a turning circle of the required diameter — or, where
    the rule set allows it, a rectangle of the required size at any orientation — fits in the free
    floor: the room minus fixed fittings (and minus furniture when ``furnished``), minus door
    swings as ``door_swing_overlap`` says. Fixtures listed in ``floor_kinds`` (a step-free shower)
    count as floor; fixtures in ``underpass_kinds`` (knee space, e.g. a wall-hung basin) let the
    turning area reach ``underpass_mm`` under them (unless the block says it is a cabinet; a block
    saying "wall-hung" gives knee space to any kind). Reports the largest circle that fits and where.
    An extra bathroom or WC is left to ``accessible-bathroom`` (not applicable there).

Why
    TEK17 §12-7 (4) a (every room on the entrance level — stue, kjøkken, soverom, arbeidsrom,
    vaskerom, bad and toalett; not the bod, §12-10 (3), nor an extra bath or WC), §12-8 (1) b (entré), §12-9 (1) a (bath),
    with the pre-accepted Ø1.5 m circle or 1.3 × 1.8 m rectangle; Husbanken care housing asks
    Ø1.6 m recommended / 1.5 m minimum and no rectangle. Balconies: see ``balcony-turning``.

Parameters
    diameter_mm (mm), rectangle_allowed (bool), rectangle_width_mm, rectangle_length_mm (mm),
    door_swing_overlap (forbid_operated_door | forbid_all | allow), functions (room functions),
    furnished (bool), floor_kinds, underpass_kinds (fixture kinds), underpass_mm (mm),
    tolerance_mm (drawing noise, mm).

Passes / Fails
    Passes when, in every door case, the largest free circle is at least ``diameter_mm`` (within
    the tolerance) or the rectangle fits. Fails otherwise, saying how many mm the circle is short.
    Not applicable when the plan has no room of the listed functions (or of unknown function).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from planeval.checks.base import RuleSpec, param
from planeval.checks.scope import as_permanent_stay, judged_rooms
from planeval.checks.turning import turning_result
from planeval.findings import Result, Status, ZoneKind, say
from planeval.measure import Context, FloorSpec

SPEC = RuleSpec(
    code="TS01",
    name="turning-space",
    title="a wheelchair turning circle or rectangle fits in each room's free floor",
    overlay="turning",
    zone_kinds=(ZoneKind.TURNING,),
    measured="diameter",
    accessibility=True,
)

SwingMode = Literal["forbid_operated_door", "forbid_all", "allow"]


@dataclass(frozen=True)
class Params:
    diameter_mm: float = param("diameter of the turning circle that must fit in the free floor of each room (mm)")
    rectangle_allowed: bool = param("a turning rectangle of the size below (at any orientation) may replace the circle")
    rectangle_width_mm: float = param("short side of the turning rectangle allowed instead of the circle (mm)")
    rectangle_length_mm: float = param("long side of the turning rectangle allowed instead of the circle (mm)")
    door_swing_overlap: SwingMode = param(
        "door swings the turning area must avoid: that of each door being operated, all of them, or none")
    functions: tuple[str, ...] = param("room functions checked: each such room needs its own turning area")
    furnished: bool = param("also subtract drawn furniture from the free floor (fixed fittings always are)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    underpass_kinds: tuple[str, ...] = param(
        "fixture kinds with knee space (unless the block says a cabinet) the turning area may reach under, e.g. a basin")
    underpass_mm: float = param("how far the turning area may reach under a fixture with knee space (mm)")
    tolerance_mm: float = param("drawing noise (mm): a circle up to 2 × this short of the diameter still passes")

    def validate(self) -> str:
        if self.diameter_mm <= 0:
            return "diameter_mm must be positive"
        if self.rectangle_allowed and (self.rectangle_width_mm <= 0 or self.rectangle_length_mm <= 0):
            return "rectangle_width_mm and rectangle_length_mm must be positive when rectangle_allowed"
        return ""


def measure_room(ctx: Context, rid: str, p: Params) -> Result:
    rect = (p.rectangle_width_mm, p.rectangle_length_mm) if p.rectangle_allowed else None
    return turning_result(ctx, rid, diameter_mm=p.diameter_mm, rectangle=rect, mode=p.door_swing_overlap,
                          floor=FloorSpec.of(p), tolerance_mm=p.tolerance_mm)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = judged_rooms(ctx, p.functions, exclude=("balcony",))
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.diameter_mm, "mm",
                     msg=say("room.none", "no room with function {functions!f}", functions=list(p.functions)))
        return
    for r in rooms:
        yield as_permanent_stay(r, measure_room(ctx, r.id, p))
