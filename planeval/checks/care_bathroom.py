"""Care housing: the bathroom's floor holds a square of the required side.

What it checks
    In each bathroom (rooms of ``functions``), the largest square that fits in the room's floor
    polygon, at the room's own directions: its side must be at least ``min_side_mm``. The sanitary
    fixtures stand on that floor (Husbanken's figure draws WC, basin, shower and the turning
    circle inside the 2.4 × 2.4 m): they are not subtracted; the turning, WC and shower rules judge
    the free floor. With ``scope = one_per_unit`` the unit's best bathroom decides (the others are
    not applicable).

Why
    Husbanken, veileder omsorgsbygg, dimensjoneringsgrunnlag, bad: "Et gulvareal på minst
    240 × 240 cm gir plass til hjelpere ved alle baderomsfunksjoner, samt betjeningsareal og
    snuareal"; every care dwelling has its own bathroom. Read as a square of the floor (an
    interpretation: a 2.0 × 2.9 m room has 5.8 m² but not the square).

Parameters
    min_side_mm (mm); functions (room functions); scope (every_room | one_per_unit); tolerance_mm (mm).

Passes / Fails
    Passes when the largest square's side is at least ``min_side_mm`` (within the tolerance), the
    square drawn; fails saying how much is missing. Not applicable without a bathroom.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, say, sign
from planeval.measure import Context
from planeval.measure.care import room_square
from planeval.measure.frames import rounded
from planeval.measure.units import groups_by_unit
from planeval.model.types import Room

SPEC = RuleSpec(
    code="HB01",
    name="care-bathroom",
    title="the bathroom's floor holds a square of the required side (care housing)",
    overlay="bathroom",
    measured="length",
)


@dataclass(frozen=True)
class Params:
    min_side_mm: float = param("side of the square the bathroom's floor must hold (mm)")
    functions: tuple[str, ...] = param("room functions judged (bathrooms)")
    scope: Literal["every_room", "one_per_unit"] = param("every_room: each bathroom; one_per_unit: the unit's best one decides")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the side")


def judge(ctx: Context, r: Room, p: Params) -> Result:
    side, square = room_square(ctx, r.id)
    ok = side + p.tolerance_mm >= p.min_side_mm
    x0, y0, x1, y1 = r.polygon.bounds
    short = say("HB01.short", "; {short:.0f} mm short", short=p.min_side_mm - side) if not ok else ""
    msg = say("HB01.square", "{room}: largest square of floor {side:.0f} × {side:.0f} mm {rel} {need:.0f} × {need:.0f} mm "
              "(room {area:.2f} m², {dx:.0f} × {dy:.0f} mm overall){short}",
              room=r.display_name, side=side, rel=sign(ok, side, p.min_side_mm),
              need=p.min_side_mm, area=r.area_m2, dx=x1 - x0, dy=y1 - y0, short=short)
    details = {"square": rounded(list(square.exterior.coords)[:4]) if square is not None else None}
    return Result(r.id, Status.PASS if ok else Status.FAIL, side, p.min_side_mm, "mm", msg=msg,
                  location=square if square is not None else r.polygon, details=details)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.min_side_mm, "mm",
                     msg=say("rooms.none", "no room of {functions!f}", functions=list(p.functions)))
        return
    if p.scope == "every_room":
        for r in rooms:
            yield judge(ctx, r, p)
        return
    for group in groups_by_unit(rooms).values():
        results = {r.id: judge(ctx, r, p) for r in group}
        best = max(group, key=lambda r: (results[r.id].measured or 0.0, r.polygon.area))
        for r in group:
            if r is best:
                yield results[r.id]
            else:
                yield Result(r.id, Status.NOT_APPLICABLE, None, p.min_side_mm, "mm", location=r.polygon,
                             msg=say("HB01.extra", "{room}: an extra bathroom; the unit's is {best} ({best_id})",
                                                   room=r.display_name,
                                     best=best.display_name, best_id=best.id))
