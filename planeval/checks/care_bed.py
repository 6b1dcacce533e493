"""Care housing: the care bed in care position — in the bedroom, or in the living room where allowed.

What it checks
    Per unit: a ``bed_width_mm`` × ``bed_length_mm`` care bed, head against a wall, with
    ``side_mm`` free along both long sides and ``foot_mm`` at the foot (the bed-placement search,
    :mod:`planeval.measure.bed`), outside door swings; and, with the bed standing, a
    ``window_passage_mm`` passage from the room's entry door to each of its windows. Rooms are
    tried in the order of ``functions`` (bedroom first, then the living room, which Husbanken
    allows "i boliger med soverom og stue"; a unit without a bedroom has it there anyway).

Why
    Husbanken, veileder omsorgsbygg, betjeningsareal: care bed 100 × 220 cm; in care position 150 cm
    free on both long sides and a 140 cm passage at the foot (a 400 × 360 cm zone); 5.7: 900 mm to
    the window; "i boliger med soverom og stue kan kommunen planlegge plass for seng i pleiestilling
    i stua (det skal vises som stiplet løsning på tegning)". The bed stands on wheels and may stand
    against a wall in daily use: the care position is a zone to keep possible, not drawn furniture.

Parameters
    bed_width_mm, bed_length_mm, side_mm, foot_mm, window_passage_mm (mm); functions (in order of
    preference); avoid_door_swings (bool); tolerance_mm (mm).

Passes / Fails
    Per unit: passes in the first room (in the order of ``functions``) where the zone fits and the
    windows stay reachable, the placement drawn (in the living room the message says it is to be
    drawn dashed); fails with the best room's shortfall — the side reached (measured) against
    ``side_mm``, the foot or the depth missing, or the windows cut off. Not applicable without
    rooms of ``functions``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, say, sign
from planeval.geometry import union
from planeval.measure import Context, FloorSpec
from planeval.measure.bed import BedFit, BedSpec, bed_fit
from planeval.measure.care import windows_cut_off
from planeval.measure.frames import rounded
from planeval.measure.units import groups_by_unit
from planeval.model.types import Room

SPEC = RuleSpec(
    code="HB03",
    name="care-bed",
    title="the care bed fits in care position, in the bedroom or where allowed in the living room (care housing)",
    overlay="bedroom",
    zone_kinds=(ZoneKind.BED, ZoneKind.BED_SIDE),
)

#: The passage to the windows is measured in the room's free floor with fixed fittings, the bed standing.
FLOOR = FloorSpec(furnished=False)


@dataclass(frozen=True)
class Params:
    bed_width_mm: float = param("width of the care bed (mm)")
    bed_length_mm: float = param("length of the care bed, head against a wall (mm)")
    side_mm: float = param("free zone along each long side of the bed in care position (mm)")
    foot_mm: float = param("free passage at the foot of the bed (mm)")
    window_passage_mm: float = param("passage to keep from the room's entry door to each window, the bed standing (mm; 0: none)")
    functions: tuple[str, ...] = param("room functions where the care position may be, in order of preference")
    avoid_door_swings: bool = param("the bed must stay outside the swings of doors opening into the room")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the side zone")


@dataclass(frozen=True)
class _Try:
    room: Room
    fit: BedFit
    cut: tuple[str, ...]
    ok: bool


def _try(ctx: Context, r: Room, p: Params) -> _Try:
    spec = BedSpec(p.bed_width_mm, p.bed_length_mm, p.side_mm, p.foot_mm, False, p.avoid_door_swings, p.tolerance_mm)
    fit = bed_fit(ctx, r, spec)
    cut: tuple[str, ...] = ()
    if fit.placement is not None and fit.placement.valid and p.window_passage_mm > 0:
        pl = fit.placement
        bed = pl.slot.frame.box(pl.s, pl.s + p.bed_width_mm, 0.0, p.bed_length_mm)
        cut = windows_cut_off(ctx, r, bed, FLOOR, p.window_passage_mm)
    ok = fit.problem == "" and fit.measured + p.tolerance_mm >= p.side_mm and not cut
    return _Try(r, fit, cut, ok)


def _zones(t: _Try, p: Params) -> list[Zone]:
    pl = t.fit.placement
    if pl is None:
        return []
    fr, s = pl.slot.frame, pl.s
    W, L, A, F = p.bed_width_mm, p.bed_length_mm, p.side_mm, p.foot_mm
    rid = t.room.id
    return [Zone(ZoneKind.BED, fr.box(s, s + W, 0.0, L), rid, "rect"),
            Zone(ZoneKind.BED_SIDE, fr.box(s - A, s, 0.0, L), rid, "rect"),
            Zone(ZoneKind.BED_SIDE, fr.box(s + W, s + W + A, 0.0, L), rid, "rect"),
            Zone(ZoneKind.BED_SIDE, fr.box(s - A, s + W + A, L, L + F), rid, "rect")]


def judge(t: _Try, p: Params, living: bool) -> Result:
    r, fit = t.room, t.fit
    bed = say("HB03.bed", "care bed {w:.0f} × {length:.0f} mm with {side:.0f} mm on both long sides and {foot:.0f} mm at the "
                          "foot",
              w=p.bed_width_mm, length=p.bed_length_mm, side=p.side_mm, foot=p.foot_mm)
    v = {"room": r.display_name, "bed": bed}
    if fit.problem == "":
        rel = sign(fit.measured + p.tolerance_mm >= p.side_mm, fit.measured, p.side_mm)
        said = say("HB03.sides", "{room}: {bed}: the sides get {measured:.0f} mm {rel} {side:.0f} mm",
                                 measured=fit.measured, rel=rel,
                   side=p.side_mm, **v)
    elif fit.problem in ("depth", "foot"):
        said = say("HB03.depth", "{room}: {bed}: no wall has the depth for the bed and its foot passage", **v)
    elif fit.problem == "doors":
        said = say("HB03.doors", "{room}: {bed}: every placement blocks a door", **v)
    else:
        said = say("HB03.narrow", "{room}: {bed}: the room is {short:.0f} mm too narrow for both side zones",
                                  short=-fit.measured, **v)
    cut = (say("HB03.cut", "; with the bed standing, the {passage:.0f} mm passage no longer reaches {windows}",
               passage=p.window_passage_mm, windows=list(t.cut)) if t.cut else "")
    living_note = (say("HB03.living", " (in the living room: Husbanken allows it there, drawn dashed on the plan)")
                   if living and t.ok else "")
    msg = say("HB03.said", "{said}{cut}{living}", said=said, cut=cut, living=living_note) if cut or living_note else said
    zones = _zones(t, p) if fit.placement is not None and fit.placement.valid else []
    details: dict[str, Any] = {"room_function": "living" if living else r.function, "problem": fit.problem or None,
               "windows_cut_off": list(t.cut)}
    if zones:
        details["bed_polygon"] = rounded(list(zones[0].geometry.exterior.coords)[:4])
    location = union([z.geometry for z in zones]) if zones else r.polygon
    return Result(r.id, Status.PASS if t.ok else Status.FAIL, fit.measured, p.side_mm, "mm", msg=msg,
                  location=location, zones=tuple(zones), details=details)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.side_mm, "mm",
                     msg=say("rooms.none", "no room of {functions!f}", functions=list(p.functions)))
        return
    first = p.functions[0]
    for group in groups_by_unit(rooms).values():
        has_first = any(first in r.functions for r in group)
        order = sorted(group, key=lambda r: (min(p.functions.index(f) for f in r.functions if f in p.functions), r.id))
        tries = [_try(ctx, r, p) for r in order]
        chosen = next((t for t in tries if t.ok), None)
        if chosen is None:
            pool = [t for t in tries if first in t.room.functions] or tries
            chosen = max(pool, key=lambda t: (t.fit.problem == "", t.fit.measured))
        living = first not in chosen.room.functions and has_first
        yield judge(chosen, p, living)
        for t in tries:
            if t is not chosen:
                yield Result(t.room.id, Status.NOT_APPLICABLE, None, p.side_mm, "mm", location=t.room.polygon,
                             msg=say("HB03.elsewhere", "{room}: the unit's care position is judged in {best} ({best_id})",
                                     room=t.room.display_name, best=chosen.room.display_name, best_id=chosen.room.id))
