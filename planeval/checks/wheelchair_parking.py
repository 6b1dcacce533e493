"""Care housing: a place to park a wheelchair in the entré, beside the turning area.

What it checks
    In the unit's entré (rooms of ``functions``; the best one decides), a ``width_mm`` ×
    ``length_mm`` parking place stands along a wall (either way round), outside every door swing
    and clear of the door openings, together with the room's minimum furniture (``furniture``
    lines, as furnished-turning's; drawn pieces stand where drawn) — and the turning circle of
    ``diameter_mm`` still fits beside them, clear of the door swings of ``door_swing_overlap``,
    and the ``passage_mm`` passage to the other doors is kept. The placement is the same search
    as furnished-turning's (:mod:`planeval.measure.furnish`).

Why
    Husbanken, veileder omsorgsbygg 5.7 (sjekkliste), entré: "Størrelse på oppstillingsplass for
    rullestol: minst 700 mm × 1400 mm" (1000 × 2000 mm recommended); 5.1: the turning area is drawn
    in every room and does not overlap furniture, fittings or door swings.

Parameters
    width_mm, length_mm (the parking place, mm); diameter_mm (mm); door_swing_overlap; functions;
    furniture (lines); door_clear_mm, passage_mm, tolerance_mm (mm); floor_kinds.

Passes / Fails
    Per unit: passes when the parking place, the furniture and the turning circle fit together
    (measured = the largest circle left, of the worst door case); fails when no wall takes the
    parking place, or the circle left is too small, or the pieces cut off the passage. Not
    applicable without an entré.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import Point

from planeval.checks.base import RuleSpec, param
from planeval.checks.scope import furniture
from planeval.findings import Result, Status, Zone, ZoneKind, say, sign
from planeval.geometry import largest_circle
from planeval.measure import Context, FloorSpec
from planeval.measure.frames import rounded
from planeval.measure.furnish import FurnishSpec, Item, Layout, furnish_room, parse_items
from planeval.measure.turning import SwingMode, door_cases
from planeval.measure.units import groups_by_unit
from planeval.model.types import Room

SPEC = RuleSpec(
    code="HB02",
    name="wheelchair-parking",
    title="a wheelchair parking place fits in the entré beside the turning area (care housing)",
    overlay="other",
    zone_kinds=(ZoneKind.PARKING, ZoneKind.FURNITURE, ZoneKind.TURNING),
    measured="diameter",
)


@dataclass(frozen=True)
class Params:
    width_mm: float = param("short side of the wheelchair parking place (mm)")
    length_mm: float = param("long side of the wheelchair parking place (mm)")
    diameter_mm: float = param("turning circle that must still fit beside the parked chair and the furniture (mm)")
    door_swing_overlap: SwingMode = param("door swings the turning circle must avoid: the operated door's, all, or none")
    functions: tuple[str, ...] = param("room functions where the chair may be parked (the entré)")
    furniture: tuple[str, ...] = param("furniture that stands there too: 'each <function>: <kind> <W>x<D>' lines (mm)")
    door_clear_mm: float = param("no parking or furniture within this depth of a door opening (mm)")
    passage_mm: float = param("free passage to keep from the entry door to the other doors (mm; 0: none)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor")
    tolerance_mm: float = param("drawing noise (mm): a circle up to 2 × this short of the diameter still passes")

    def validate(self) -> str:
        try:
            rules = parse_items(self.furniture)
        except ValueError as exc:
            return str(exc)
        if any(r.scope != "each" for r in rules):
            return "furniture: only 'each <function>: …' lines"
        return "" if self.width_mm > 0 and self.length_mm > 0 else "width_mm and length_mm must be positive"


def _layout(ctx: Context, r: Room, p: Params) -> Layout:
    items = [Item("parking", p.length_mm, p.width_mm)]
    items += [rule.item for rule in parse_items(p.furniture) if set(rule.functions) & set(r.functions)]
    spec = FurnishSpec(FloorSpec(False, p.floor_kinds), p.door_swing_overlap, p.door_clear_mm, p.passage_mm, False,
                       p.tolerance_mm)
    return furnish_room(ctx, r, tuple(items), spec)


def _worst(ctx: Context, lay: Layout, mode: SwingMode) -> tuple[float, float, float, str | None]:
    worst: tuple[float, float, float, str | None] | None = None
    for door, minus in door_cases(ctx, lay.room, mode):
        free = lay.free
        for did in minus:
            sw = ctx.door(did).swing
            if sw is not None:
                free = free.difference(sw)
        cx, cy, rad = largest_circle(free)
        if worst is None or rad < worst[2]:
            worst = (cx, cy, rad, door)
    assert worst is not None
    return worst


def judge(ctx: Context, r: Room, p: Params) -> Result:
    lay = _layout(ctx, r, p)
    cx, cy, rad, door = _worst(ctx, lay, p.door_swing_overlap)
    d = 2 * rad
    parked = next((pl for pl in lay.placed if pl.item.kind == "parking"), None)
    size = {"w": p.width_mm, "length": p.length_mm}
    fits = d + 2 * p.tolerance_mm >= p.diameter_mm
    opened = say("turn.door_open", " with door {door} open", door=door) if door else ""
    circle = say("HB02.circle", "the largest free circle left is Ø{d:.0f} mm{door} {rel} Ø{need:.0f} mm", d=d, door=opened,
                 rel=sign(fits, d, p.diameter_mm), need=p.diameter_mm)
    problems = []
    if parked is None:
        problems.append(say("HB02.no_wall", "no wall of {room} takes a {w:.0f} × {length:.0f} mm parking place outside the "
                                            "door swings",
                            room=r.display_name, **size))
    others = [furniture(i) for i in lay.missing if i.kind != "parking"]
    if others:
        problems.append(say("HB02.no_place", "no place for {items}", items=others))
    if lay.blocked:
        problems.append(say("HB02.blocked", "the parked chair and furniture cut off the {passage:.0f} mm passage to {targets}",
                            passage=p.passage_mm, targets=list(lay.blocked)))
    ok = fits and not problems
    head = circle
    if parked is not None:
        head = (say("HB02.placed_all", "{room}: {w:.0f} × {length:.0f} mm parking place and furniture placed, {circle}",
                                       room=r.display_name,
                    circle=circle, **size) if len(lay.placed) > 1
                else say("HB02.placed", "{room}: {w:.0f} × {length:.0f} mm parking place placed, {circle}", room=r.display_name,
                         circle=circle, **size))
    msg = say("HB02.said", "{parts:; }", parts=[*problems, head]) if problems else head
    zones = [Zone(ZoneKind.PARKING if pl.item.kind == "parking" else ZoneKind.FURNITURE, pl.polygon, r.id, "rect")
             for pl in lay.placed]
    ring = Point(cx, cy).buffer(p.diameter_mm / 2 if fits else max(rad, 1.0), quad_segs=16)
    zones.append(Zone(ZoneKind.TURNING, ring, r.id, "circle"))
    centre = [round(cx), round(cy)]
    details = {"center": centre, "required_center": centre, "door_open": door,
               "parking": rounded(list(parked.polygon.exterior.coords)[:4]) if parked is not None else None}
    return Result(r.id, Status.PASS if ok else Status.FAIL, d, p.diameter_mm, "mm", msg=msg, location=ring,
                  zones=tuple(zones), details=details)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.diameter_mm, "mm",
                     msg=say("rooms.none", "no room of {functions!f}", functions=list(p.functions)))
        return
    for group in groups_by_unit(rooms).values():
        results = {r.id: judge(ctx, r, p) for r in group}
        best = max(group, key=lambda r: (results[r.id].status is Status.PASS, results[r.id].measured or 0.0))
        for r in group:
            if r is best:
                yield results[r.id]
            else:
                yield Result(r.id, Status.NOT_APPLICABLE, None, p.diameter_mm, "mm", location=r.polygon,
                             msg=say("HB02.elsewhere", "{room}: the unit's parking place is judged in {best} ({best_id})",
                                     room=r.display_name, best=best.display_name, best_id=best.id))
