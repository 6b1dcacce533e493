"""Bedroom: a bed of the rule set's size can be placed with the zones it needs.

What it checks
    Searches placements of a ``bed_width_mm`` × ``bed_length_mm`` bed in each bedroom (head against
    a wall, along each wall at 50 mm steps, both orientations, optionally away from door swings):
    with a free zone along one long side (``side_a_mm`` wide — or, with ``side_a_circle``, a turning
    circle of that diameter touching that side), ``side_b_mm`` along the other long side and
    ``foot_mm`` at the foot, all in the free floor (room minus fixed fittings; the room's drawn
    movable furniture is ignored: the bed is what we place). Reports the best placement found, or
    why none fits.

Why
    TEK17 §12-7 (4) b (a wheelchair user can use the bedroom's functions; tenkuniverselt: one long
    side of the bed accessible). Husbanken livsløp: double bed 1.8 × 2.1 m, Ø1.5 m (or 1.3 × 1.8 m)
    on one long side, 0.6 m on the other. Husbanken care housing: care bed 1.0 × 2.2 m with 1.5 m
    on both long sides and 1.4 m at the foot. UK M4(3) 3.35: 1.0 m both sides and foot.

Parameters
    bed_width_mm, bed_length_mm, side_a_mm, side_b_mm, foot_mm (mm); side_a_circle (bool);
    avoid_door_swings (bool); scope (every_bedroom | one_per_unit); tolerance_mm (mm).

Passes / Fails
    Per bedroom (``every_bedroom``) or per unit's best bedroom (``one_per_unit``; the others are
    not applicable): measured = the largest side-A zone achievable with side B and foot satisfied,
    required = ``side_a_mm``; passes with the placement drawn, fails saying which zone does not fit.
    Not applicable without bedrooms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, say, sign
from planeval.geometry import union
from planeval.measure import Context
from planeval.measure.bed import BedFit, BedSpec, bed_fit
from planeval.measure.frames import rounded
from planeval.measure.units import groups_by_unit
from planeval.model.types import Room

SPEC = RuleSpec(
    code="BD01",
    name="bed-placement",
    title="a bed with its side zones can be placed in the bedroom",
    overlay="bedroom",
    zone_kinds=(ZoneKind.BED, ZoneKind.BED_SIDE,),
)


@dataclass(frozen=True)
class Params:
    bed_width_mm: float = param("width of the bed placed in each bedroom, head against a wall (mm)")
    bed_length_mm: float = param("length of the bed, from the head wall to the foot (mm)")
    side_a_mm: float = param("free zone along one long side: its width, or with side_a_circle a circle's diameter (mm)")
    side_b_mm: float = param("width of the free zone along the other long side of the bed (mm; 0: none)")
    foot_mm: float = param("depth of the free zone at the foot of the bed (mm; 0: none)")
    side_a_circle: bool = param("side A is a turning circle of side_a_mm touching the long side, not a strip")
    avoid_door_swings: bool = param("the bed must stay outside the swings of doors opening into the bedroom")
    scope: Literal["every_bedroom", "one_per_unit"] = param(
        "every_bedroom: judge each bedroom; one_per_unit: the unit's best bedroom decides"
    )
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing side A with side_a_mm")


def spec_of(p: Params) -> BedSpec:
    """The placement a rule set asks for: its bed and the zones that must fit with it (side A,
    the zone judged, is measured)."""
    return BedSpec(p.bed_width_mm, p.bed_length_mm, p.side_b_mm, p.foot_mm, p.side_a_circle, p.avoid_door_swings, p.tolerance_mm)


def measure(ctx: Context, room: Room, p: Params) -> BedFit:
    """The best placement of the rule set's bed in ``room`` (see :func:`planeval.measure.bed.bed_fit`)."""
    return bed_fit(ctx, room, spec_of(p))


def _zones(fit: BedFit, p: Params, room: Room) -> tuple[Polygon | None, list[BaseGeometry], dict]:
    pl = fit.placement
    if pl is None:
        return None, [], {}
    W, L, A, B, F = p.bed_width_mm, p.bed_length_mm, p.side_a_mm, p.side_b_mm, p.foot_mm
    sl, s, fr = pl.slot, pl.s, pl.slot.frame
    bed = fr.box(s, s + W, 0.0, L)
    zones: list[BaseGeometry] = []
    low = sl.a_side < 0
    if p.side_a_circle:
        ok = fit.measured + 2 * p.tolerance_mm >= A
        r = A / 2 if ok else max(pl.value / 2, 0.0)
        cy = pl.circle_y if pl.circle_y is not None else L / 2
        cu = s - r if low else s + W + r
        if r > 0:
            zones.append(Point(fr.world(cu, cy)).buffer(r, quad_segs=16))
        a_lo, a_hi = s, s + W  # the foot zone spans the bed and side B only
    else:
        zones.append(fr.box(s - A, s, 0.0, L) if low else fr.box(s + W, s + W + A, 0.0, L))
        a_lo, a_hi = (s - A, s + W) if low else (s, s + W + A)
    if B > 0:
        zones.append(fr.box(s + W, s + W + B, 0.0, L) if low else fr.box(s - B, s, 0.0, L))
        a_lo, a_hi = (a_lo, a_hi + B) if low else (a_lo - B, a_hi)
    if F > 0:
        zones.append(fr.box(a_lo, a_hi, L, L + F))
    head = (fr.world(s, 0.0), fr.world(s + W, 0.0))
    details = {
        "bed_polygon": rounded(list(bed.exterior.coords)[:4]),
        "head": rounded(head),
        "long_axis_deg": round(fr.angle_deg, 1),
        "side_a": "towards the start of the wall edge" if low else "towards the end of the wall edge",
        "wall_edge": rounded([fr.world(0.0, 0.0), fr.world(sl.length, 0.0)]),
        "placement_valid": pl.valid,
    }
    return bed, zones, details


def judge(ctx: Context, room: Room, p: Params) -> Result:
    fit = measure(ctx, room, p)
    W, L, A, B, F = p.bed_width_mm, p.bed_length_mm, p.side_a_mm, p.side_b_mm, p.foot_mm
    ok = fit.problem == "" and fit.measured + p.tolerance_mm * (2 if p.side_a_circle else 1) >= A
    bed_name = say("BD01.bed", "bed {w:.0f} × {length:.0f} mm", w=W, length=L)
    needs = [say("BD01.need_circle", "Ø{a:.0f} mm circle beside one long side", a=A) if p.side_a_circle
             else say("BD01.need_side", "{a:.0f} mm along one long side", a=A)]
    if B > 0:
        needs.append(say("BD01.need_other", "{b:.0f} mm along the other", b=B))
    if F > 0:
        needs.append(say("BD01.need_foot", "{f:.0f} mm at the foot", f=F))
    sym = "Ø" if p.side_a_circle else ""
    v = {"bed": bed_name, "need": needs, "a": A, "sym": sym, "measured": fit.measured}
    if fit.problem == "":
        what = say("BD01.circle", "largest circle beside the bed") if p.side_a_circle else say("BD01.side_a", "side A")
        msg = say("BD01.placed", "{bed} with {need}: best placement gives {what} {sym}{measured:.0f} mm {rel} {sym}{a:.0f} mm",
                  what=what, rel=sign(ok, fit.measured, A), **v)
    elif fit.problem == "side-b":
        foot = say("BD01.and_foot", " and {f:.0f} mm at the foot", f=F) if F > 0 else ""
        msg = say("BD01.side_b", "{bed}: no placement leaves {b:.0f} mm on side B{foot}; side A would get {measured:.0f} mm < "
                  "{sym}{a:.0f} mm (the bed would overlap the wall by {overlap:.0f} mm)",
                  b=B, foot=foot, overlap=-fit.measured, **v)
    elif fit.problem == "doors":
        msg = say("BD01.doors", "{bed}: every placement with {need} blocks a door; side A 0 mm < {sym}{a:.0f} mm", **v)
    elif fit.problem == "foot":
        msg = say("BD01.foot", "{bed}: no wall has {depth:.0f} mm free depth for the bed and the {f:.0f} mm foot zone; "
                  "measured {measured:.0f} mm < {sym}{a:.0f} mm", depth=L + F, f=F, **v)
    else:
        msg = say("BD01.no_wall", "{bed}: the bed does not fit against any wall with its head; measured {measured:.0f} mm < "
                  "{sym}{a:.0f} mm", **v)
    if p.avoid_door_swings and ctx.doors_swinging_into(room.id):
        msg = say("BD01.outside_swings", "{msg} (bed outside door swings)", msg=msg)
    bed, zones, details = _zones(fit, p, room)
    zone_objs = []
    if bed is not None:
        zone_objs.append(Zone(ZoneKind.BED, bed, room.id))
    zone_objs.extend(Zone(ZoneKind.BED_SIDE, z, room.id) for z in zones)
    location = union([bed, *zones]) if bed is not None else room.polygon
    details.update({"problem": fit.problem or None, "measured_kind": "circle diameter" if p.side_a_circle else "side-A width"})
    return Result(
        subject=room.id,
        status=Status.PASS if ok else Status.FAIL,
        measured=fit.measured,
        required=A,
        unit="mm",
        msg=msg,
        location=location,
        code=SPEC.code,
        zones=tuple(zone_objs),
        details=details,
    )


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(("bedroom",))
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.side_a_mm, "mm", msg=say("BD01.none", "no bedroom in the plan"))
        return
    if p.scope == "every_bedroom":
        for r in rooms:
            yield judge(ctx, r, p)
        return
    for group in groups_by_unit(rooms).values():
        results = {r.id: judge(ctx, r, p) for r in group}
        best = max(group, key=lambda r: (results[r.id].status is Status.PASS, results[r.id].measured or 0.0, r.polygon.area))
        for r in group:
            if r is best:
                yield results[r.id]
            else:
                yield Result(r.id, Status.NOT_APPLICABLE, None, p.side_a_mm, "mm", location=r.polygon, code=SPEC.code,
                             msg=say("BD01.elsewhere", "{room} ({id}): the unit's bed is placed in {best} ({best_id}) (one per "
                                                       "unit)",
                                     room=r.display_name, id=r.id, best=best.display_name, best_id=best.id))
