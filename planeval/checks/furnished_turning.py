"""Turning space in each room once it holds the minimum furniture.

What it checks
    Every room whose function is listed gets the rule set's minimum furniture (``furniture``: one
    line per piece, ``"each bedroom: bed 900x2000"`` or ``"unit kitchen|living: table 800x1700"``,
    see :mod:`planeval.measure.furnish`). Pieces the drawing shows in the room stand where drawn;
    the others are placed by planeval along the walls, outside door swings and clear of the door
    openings, keeping a ``passage_mm`` passage from the entry door to the other doors (and to the
    windows of rooms whose function is in ``window_functions``). With that furniture, the turning
    circle — or, where allowed, the rectangle — must still fit, for each door case of
    ``door_swing_overlap``. The placed furniture is reported as zones, the drawn pieces as such.

Why
    DiBK, "Snusirkel eller snurektangel i bolig" (TEK17 §12-7 (4) a, §12-8 (1) b): the turning area
    must be achievable "etter at rommet er møblert med et minimum av nødvendig utstyr og møbler";
    TEK17 names no set, so the set and sizes are the rule set's (marked as an interpretation in its
    source). Husbanken omsorg (dimensjoneringsgrunnlag) names one: wardrobe, armchairs, a table for
    visitors, a storage piece for TV and books, the care bed.

Parameters
    diameter_mm, rectangle_width_mm, rectangle_length_mm (mm); rectangle_allowed (bool);
    door_swing_overlap; functions (rooms judged); furniture (lines); door_clear_mm, passage_mm (mm);
    window_functions; floor_kinds, underpass_kinds (fixture kinds), underpass_mm, tolerance_mm (mm).

Passes / Fails
    Per room holding any piece: passes when the furnished turning area fits (measured = the largest
    free circle of the worst door case); fails when it does not, when a piece finds no place along
    the walls, or when the furniture must block the passage to a door or window — saying which.
    The placement is a search: a fail says no layout the search tried works (confidence medium
    when more than one piece was placed by planeval). Not applicable without such rooms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import Point

from planeval.checks.base import RuleSpec, param
from planeval.checks.scope import furniture
from planeval.checks.turning import describe, judge_turning, required_zone
from planeval.findings import Confidence, Message, Result, Status, Zone, ZoneKind, say
from planeval.geometry import largest_circle, union
from planeval.measure import Context, FloorSpec
from planeval.measure.frames import rounded
from planeval.measure.furnish import FurnishSpec, Layout, furnish_unit, parse_items
from planeval.measure.turning import SwingMode, TurningCase, door_cases
from planeval.measure.units import groups_by_unit

SPEC = RuleSpec(
    code="TS02",
    name="furnished-turning",
    title="the turning area still fits once the room holds its minimum furniture",
    overlay="turning",
    zone_kinds=(ZoneKind.TURNING, ZoneKind.FURNITURE),
    measured="diameter",
    accessibility=True,
)


@dataclass(frozen=True)
class Params:
    diameter_mm: float = param("diameter of the turning circle that must fit among the minimum furniture (mm)")
    rectangle_allowed: bool = param("a turning rectangle of the size below (at any orientation) may replace the circle")
    rectangle_width_mm: float = param("short side of the turning rectangle allowed instead of the circle (mm)")
    rectangle_length_mm: float = param("long side of the turning rectangle allowed instead of the circle (mm)")
    door_swing_overlap: SwingMode = param("door swings the turning area must avoid: the operated door's, all, or none")
    functions: tuple[str, ...] = param("room functions judged (rooms of these functions that hold any piece of furniture)")
    furniture: tuple[str, ...] = param("minimum furniture, one piece a line: 'each|unit <function>[|…]: <kind> <W>x<D>' (mm)")
    door_clear_mm: float = param("no furniture within this depth of a door opening, on the room's side (mm)")
    passage_mm: float = param("free passage the furniture must leave from the entry door to the other doors (mm; 0: none)")
    window_functions: tuple[str, ...] = param("room functions whose windows the passage must also reach")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    underpass_kinds: tuple[str, ...] = param("fixture kinds with knee space the turning area may reach under (a wall-hung basin)")
    underpass_mm: float = param("how far the turning area may reach under an underpass_kinds fixture (mm)")
    tolerance_mm: float = param("drawing noise (mm): a circle up to 2 × this short of the diameter still passes")

    def validate(self) -> str:
        if self.diameter_mm <= 0:
            return "diameter_mm must be positive"
        if self.rectangle_allowed and (self.rectangle_width_mm <= 0 or self.rectangle_length_mm <= 0):
            return "rectangle_width_mm and rectangle_length_mm must be positive when rectangle_allowed"
        try:
            parse_items(self.furniture)
        except ValueError as exc:
            return str(exc)
        return ""


def spec_of(p: Params, window: bool) -> FurnishSpec:
    floor = FloorSpec(False, p.floor_kinds, p.underpass_kinds, p.underpass_mm)
    return FurnishSpec(floor, p.door_swing_overlap, p.door_clear_mm, p.passage_mm, window, p.tolerance_mm)


def _cases(ctx: Context, lay: Layout, mode: SwingMode) -> list[TurningCase]:
    out = []
    for door, minus in door_cases(ctx, lay.room, mode):
        free = lay.free
        for did in minus:
            sw = ctx.door(did).swing
            if sw is not None:
                free = free.difference(sw)
        cx, cy, r = largest_circle(free)
        out.append(TurningCase(door, free, cx, cy, r, minus))
    return out


def judge(ctx: Context, lay: Layout, p: Params) -> Result:
    room = ctx.room(lay.room)
    rect = (p.rectangle_width_mm, p.rectangle_length_mm) if p.rectangle_allowed else None
    cases = _cases(ctx, lay, p.door_swing_overlap)
    ok, worst, placed, how = judge_turning(cases, diameter_mm=p.diameter_mm, rectangle=rect, tolerance_mm=p.tolerance_mm)
    ours = [pl for pl in lay.placed if pl.fixture is None]
    pieces = [say("TS02.piece_drawn", "{item} (drawn {fixture})", item=furniture(pl.item), fixture=pl.fixture) if pl.fixture
              else say("TS02.piece", "{item}", item=furniture(pl.item)) for pl in lay.placed] or [say("TS02.no_piece", "none")]
    problems: list[Message] = []
    if lay.missing:
        problems.append(say("TS02.missing", "no place along the walls for {items}", items=[furniture(i) for i in lay.missing]))
    if lay.blocked:
        problems.append(say("TS02.blocked", "the furniture placed cuts off the {passage:.0f} mm passage to {targets}",
                            passage=p.passage_mm, targets=list(lay.blocked)))
    turning = describe(ok, worst, p.diameter_mm, rect, how)
    msg = say("TS02.furnished", "with the minimum furniture ({pieces}): {turning}", pieces=pieces, turning=turning)
    if problems:
        msg = say("TS02.problems", "{problems:; }; {msg}", problems=problems, msg=msg)
    status = Status.PASS if ok and not problems else Status.FAIL
    zones = [Zone(ZoneKind.FURNITURE, pl.polygon, room.id, "rect") for pl in lay.placed]
    zones.append(Zone(ZoneKind.TURNING, required_zone(ok, worst, p.diameter_mm, placed), room.id,
                      "rect" if placed is not None else "circle"))
    centre = [round(worst.cx), round(worst.cy)]
    details = {
        "center": centre, "required_center": centre, "largest_diameter_mm": round(worst.diameter),
        "door_open": worst.door, "fits_by": how,
        "furniture": [{"kind": pl.item.kind, "size_mm": [round(pl.item.width_mm), round(pl.item.depth_mm)],
                       "polygon": rounded(list(pl.polygon.exterior.coords)[:4]) if pl.fixture is None else None,
                       "drawn": pl.fixture} for pl in lay.placed],
        "missing": [i.label for i in lay.missing],
        "passage_blocked": list(lay.blocked),
    }
    conf = Confidence.MEDIUM if status is Status.FAIL and len(ours) > 1 else Confidence.HIGH
    location = union([Point(worst.cx, worst.cy).buffer(max(worst.r, 1.0), quad_segs=16), *[pl.polygon for pl in ours]])
    return Result(room.id, status, worst.diameter, p.diameter_mm, "mm", location=location, zones=tuple(zones),
                  details=details, confidence=conf, msg=msg)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rules = parse_items(p.furniture)
    rooms = [r for r in ctx.rooms(p.functions) if r.function != "balcony"]
    judged = 0
    for group in groups_by_unit(rooms).values():
        specs = {r.id: spec_of(p, bool(set(r.functions) & set(p.window_functions))) for r in group}
        layouts = furnish_unit(ctx, tuple(r.id for r in group), rules, specs)
        for r in group:
            if r.id in layouts:
                judged += 1
                yield judge(ctx, layouts[r.id], p)
    if not judged:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.diameter_mm, "mm",
                     msg=say("TS02.none", "no room of {functions!f} holds a piece of the minimum furniture",
                                          functions=list(p.functions)))
