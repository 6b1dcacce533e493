"""Storage (bod) per dwelling unit: its area for the unit's BRA, and the space in front of it.

What it checks
    ST01: the floor area of the unit's bods — rooms of function ``storage`` whose label is none of
    ``not_bod_words`` (a garderobe, closet or pantry is no bod; kitchen cupboards and wardrobes are
    fixtures, never counted) — less the footprint of fixtures of ``deduct_fixture_kinds`` standing in
    them (technical installations); at most ``max_parts`` bods count, largest first; a bod narrower
    than ``min_room_width_mm`` does not count (a wheelchair must drive in). The minimum is
    ``min_area_small_unit_m2`` for units of at most ``small_unit_max_m2`` BRA, ``min_area_m2``
    above. ST02 (when ``front_circle_mm`` > 0): in front of each counted bod's door, in the room it
    opens from, a turning circle of ``front_circle_mm`` — or, where allowed, the rectangle — touches
    the opening: the wheelchair that reversed out of the bod can turn.

Why
    TEK17 §12-10 (2): storage for bicycles, prams and sports gear ≥ 5.0 m² BRA, or ≥ 2.5 m² BRA for
    units ≤ 50 m² BRA; it may be split in two; technical installations (ventilation, water heater)
    do not count. §12-10 (3): step-free access, a wheelchair must be able to drive in and reverse
    out, space in front of the storage (no turning area inside). The bod may lie outside the unit
    (a sportsbod in the basement): a plan of the unit alone cannot show it. Husbanken livsløp asks
    about 3 m² internal bod; NDSS/M4(3) 1.0–1.5 m² built-in storage.

Parameters
    min_area_m2, min_area_small_unit_m2, small_unit_max_m2 (m²), max_parts (count),
    min_room_width_mm (mm), not_bod_words (labels), deduct_fixture_kinds (fixture kinds),
    front_circle_mm (mm; 0: ST02 not judged), front_rectangle_allowed (bool),
    front_rectangle_width_mm, front_rectangle_length_mm, tolerance_mm (mm).

Passes / Fails
    ST01 passes when the counted area reaches the minimum; fails with the shortfall in m²; needs
    review when the unit has no bod it could count ("a bod outside the unit may serve"). ST02 per
    bod door: measured = the largest circle touching the opening. Not applicable without units.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import shapely

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, compare, say, sign
from planeval.geometry import edge_angles
from planeval.measure import Context, FloorSpec
from planeval.measure.doors import door_zone, front_circle
from planeval.measure.fit import fits_rectangle
from planeval.measure.floor import free_floor, room_circle
from planeval.measure.units import unit_areas
from planeval.model.types import OUTSIDE, Room, Unit
from planeval.vocabulary import fold

SPEC = RuleSpec(
    code="ST01",
    name="storage-area",
    title="storage (bod) area per unit, and the space in front of it",
    subcodes={"ST02": "turning area in front of the bod door"},
    overlay="units",
    zone_kinds=(ZoneKind.STORAGE,),
    measured="area",
    accessibility=True,
)

#: The strip in front of a bod door that the turning area must touch reaches this far (mm) into the room.
FRONT_REACH_MM = 50.0


@dataclass(frozen=True)
class Params:
    min_area_m2: float = param("minimum bod area of a unit above small_unit_max_m2 BRA (m²)")
    min_area_small_unit_m2: float = param("minimum bod area of a unit of at most small_unit_max_m2 BRA (m²)")
    small_unit_max_m2: float = param("units of at most this BRA (m²) need only min_area_small_unit_m2")
    max_parts: int = param("at most this many bods count, largest first")
    min_room_width_mm: float = param("bods narrower than this do not count: a wheelchair must drive in (mm)")
    not_bod_words: tuple[str, ...] = param("storage-room labels that are no bod and do not count (garderobe, closet, pantry…)")
    deduct_fixture_kinds: tuple[str, ...] = param("fixture kinds in a bod not counted (technical installations)")
    front_circle_mm: float = param("turning circle that must touch each bod door's opening in the room outside it (mm; 0: none)")
    front_rectangle_allowed: bool = param("a turning rectangle touching the opening may replace that circle")
    front_rectangle_width_mm: float = param("short side of that turning rectangle (mm)")
    front_rectangle_length_mm: float = param("long side of that turning rectangle (mm)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the circle in front of the bod")


def is_bod(room: Room, p: Params) -> bool:
    """A storage room whose label names none of ``not_bod_words`` (whole words)."""
    text = " " + re.sub(r"[^\w]+", " ", fold(room.label)) + " "
    return "storage" in room.functions and not any(f" {fold(w)} " in text for w in p.not_bod_words)


def bod_area_m2(ctx: Context, room: Room, p: Params) -> tuple[float, float]:
    """(counted area, deducted area) of a bod in m²: the room less the technical installations in it."""
    kinds = set(p.deduct_fixture_kinds)
    parts = [f.polygon.intersection(room.polygon) for f in ctx.plan.fixtures if f.kind in kinds and not f.movable
             and f.polygon.intersects(room.polygon)]
    cut = shapely.union_all(parts).area / 1e6 if parts else 0.0
    return room.area_m2 - cut, cut


def judge_area(ctx: Context, u: Unit, p: Params) -> tuple[Result, list[Room]]:
    rooms = [ctx.room(r) for r in u.rooms]
    bra = unit_areas(ctx, u.id).bra_m2
    need = p.min_area_small_unit_m2 if bra <= p.small_unit_max_m2 else p.min_area_m2
    stores = [r for r in rooms if "storage" in r.functions]
    bods = [r for r in stores if is_bod(r, p)]
    narrow = [r for r in bods if 2 * room_circle(ctx, r.id)[2] + 1.0 < p.min_room_width_mm]
    areas = {r.id: bod_area_m2(ctx, r, p) for r in bods}
    usable = sorted((r for r in bods if r not in narrow), key=lambda r: (-areas[r.id][0], r.id))
    counted = usable[: p.max_parts]
    area = sum(areas[r.id][0] for r in counted)
    notes = ([say("ST01.not_bod", "not a bod: {rooms}", rooms=[r.display_name for r in stores if r not in bods])]
             if len(bods) < len(stores) else [])
    if narrow:
        notes.append(say("ST01.narrow", "too narrow to drive into (< {width:.0f} mm): {rooms}", width=p.min_room_width_mm,
                         rooms=[r.display_name for r in narrow]))
    if [r for r in usable if r not in counted]:
        notes.append(say("ST01.parts", "over {n} parts: {rooms}",
                                       n=p.max_parts, rooms=[r.display_name for r in usable if r not in counted]))
    cut = sum(areas[r.id][1] for r in counted)
    if cut > 0:
        notes.append(say("ST01.deducted", "{cut:.2f} m² of technical installations deducted", cut=cut))
    extra = say("ST01.notes", "; {notes:; }", notes=notes) if notes else ""
    unit_txt = say("ST01.unit", "a unit of {bra:.1f} m² BRA", bra=bra)
    location = shapely.union_all([r.polygon for r in counted]) if counted else None
    details = {"unit_bra_m2": round(bra, 2), "rooms": [r.id for r in counted], "deducted_m2": round(cut, 2)}
    if not counted:
        res = Result(u.id, Status.NEEDS_REVIEW, 0.0, need, "m²", details=details,
                     msg=say("ST01.no_bod", "no bod in the unit{extra}: {need:.2f} m² needed for {unit} — a bod outside the "
                                            "unit (e.g. a sportsbod in the basement) may serve: check",
                                            extra=extra, need=need, unit=unit_txt))
        return res, []
    status = compare(area, need, eps=0.005)
    names = [say("ST01.room", "{room} {area:.2f} m²", room=r.display_name, area=areas[r.id][0]) for r in counted]
    rel = sign(status is Status.PASS, area, need, unit="m²")
    res = Result(u.id, status, area, need, "m²",
                 msg=say("ST01.area", "bod {area:.2f} m² ({names}{extra}) {rel} {need:.2f} m² for {unit}", area=area, names=names,
                         extra=extra, rel=rel, need=need, unit=unit_txt),
                 location=location, zones=tuple(Zone(ZoneKind.STORAGE, r.polygon, r.id) for r in counted), details=details)
    return res, counted


def judge_front(ctx: Context, bod: Room, p: Params) -> Iterator[Result]:
    """ST02: in front of each door of the bod, in the room it opens from, a turning area touching the opening."""
    floor = FloorSpec(False)
    for d in ctx.doors_of(bod.id):
        other = next((r for r in d.rooms if r != bod.id), OUTSIDE)
        if other == OUTSIDE:
            yield Result(bod.id, Status.NOT_APPLICABLE, None, p.front_circle_mm, "mm",
                         msg=say("ST02.outside", "{room}: door {door} opens outside the unit", room=bod.display_name, door=d.id),
                         location=d.opening, code="ST02")
            continue
        cx, cy, r = front_circle(ctx, d, other, floor)
        ok = 2 * r + 2 * p.tolerance_mm >= p.front_circle_mm
        placed = None
        if not ok and p.front_rectangle_allowed:
            free = free_floor(ctx, other, floor)
            fit, placed = fits_rectangle(free, p.front_rectangle_width_mm, p.front_rectangle_length_mm, angles=edge_angles(free),
                                         eps=p.tolerance_mm, touching=door_zone(ctx, d, other, FRONT_REACH_MM))
            placed = placed if fit else None
        where = ctx.room(other).display_name
        rect = (say("ST02.rectangle", ", but a {w:.2f} × {length:.2f} m rectangle fits", w=p.front_rectangle_width_mm / 1000,
                    length=p.front_rectangle_length_mm / 1000) if placed is not None else "")
        msg = say("ST02.front", "in front of {bod}'s door {door} (in {room}) the largest free circle Ø{d:.0f} mm {rel} "
                  "Ø{need:.0f} mm{rect}", bod=bod.display_name, door=d.id, room=where, d=2 * r,
                  rel=sign(ok, 2 * r, p.front_circle_mm), need=p.front_circle_mm, rect=rect)
        yield Result(bod.id, Status.PASS if ok or placed is not None else Status.FAIL, 2 * r, p.front_circle_mm, "mm", msg=msg,
                     location=placed if placed is not None else shapely.Point(cx, cy).buffer(max(r, 1.0)), code="ST02",
                     details={"door": d.id, "room": other, "center": [round(cx), round(cy)]})


def check(ctx: Context, p: Params) -> Iterator[Result]:
    if not ctx.plan.units:
        yield Result("plan", Status.NOT_APPLICABLE, None, None, "m²", msg=say("unit.none", "no dwelling unit recognised"))
        return
    for u in ctx.plan.units:
        res, counted = judge_area(ctx, u, p)
        yield res
        if p.front_circle_mm > 0:
            for bod in counted:
                yield from judge_front(ctx, bod, p)
