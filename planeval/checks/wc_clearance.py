"""Bathroom: free space beside the WC, a turning area in front of it and the way to it.

What it checks
    In every bathroom or WC room with a WC (the unit's accessible one is chosen by
    ``accessible-bathroom``; the others are extra): the WC's back is the side nearest a wall;
    beside the WC, over ``side_depth_mm`` from the back, the free width on each side (to the
    nearest wall or fixture) must reach ``side_large_mm`` on one side — ``side_with_shower_mm``
    where that side space is the shower zone — and ``side_small_mm`` on the other. A step-free
    shower zone may serve as side space when ``shower_counts_as_side``. In front of the WC a turning
    circle of ``front_circle_mm`` — or, where allowed, a ``front_rectangle_width_mm`` ×
    ``front_rectangle_length_mm`` rectangle — must fit in the free floor and touch the strip in
    front of the seat (WC width × ``front_strip_mm``), outside door swings as ``door_swing_overlap``
    says; fixtures with knee space let it reach ``underpass_mm`` under them. From every door of the
    room a free passage of ``passage_mm`` must reach the large side space.

Why
    TEK17 §12-9 (1) a: turning area (Ø1.5 m or 1.3 × 1.8 m) in front of the WC; free floor of at
    least 0.9 m on one side and 0.2 m on the other; a free passage of 0.9 m to the free space beside
    the WC; the turning area may lie under fixtures mounted at least 0.67 m high and need not be
    centred in front of the WC; the 0.9 m side space may be combined with the shower zone.
    Husbanken care housing: 0.9 m on both sides, 1.1 m where combined with the shower, Ø1.6 m.

Parameters
    side_large_mm, side_with_shower_mm, side_small_mm, side_depth_mm, front_circle_mm,
    front_strip_mm (mm); front_rectangle_allowed (bool), front_rectangle_width_mm,
    front_rectangle_length_mm (mm); passage_mm (mm); shower_counts_as_side (bool);
    door_swing_overlap (forbid_operated_door | forbid_all | allow); floor_kinds, underpass_kinds
    (fixture kinds); underpass_mm, tolerance_mm (mm).

Passes / Fails
    Per room: BA01 side space (measured = free width on the tighter side, judged with its
    requirement), BA03 turning area in front of the WC (measured = the largest circle touching the
    front strip; passes also when the rectangle fits there), BA05 passage to the side space
    (measured = the widest passage from the worst door). Not applicable when no bathroom with a
    WC exists, and for a room without a WC where another room of the unit has one; needs review
    when no room of the unit has a recognisable WC.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from shapely.geometry import Point, Polygon

from planeval.checks.base import RuleSpec, param
from planeval.checks.turning import judge_turning
from planeval.findings import Message, Result, Status, Zone, ZoneKind, say, sign
from planeval.geometry import edge_angles, union
from planeval.measure import Context, FloorSpec
from planeval.measure.bathroom import WcFront, WcSides, wc_front, wc_sides, zone_passages
from planeval.measure.fit import fits_rectangle
from planeval.measure.fixtures import Footprint, fixtures_in
from planeval.measure.frames import rounded
from planeval.measure.turning import TurningCase
from planeval.measure.units import groups_by_unit
from planeval.model.types import Fixture, Room

SPEC = RuleSpec(
    code="BA01",
    name="wc-clearance",
    title="free space beside and in front of the WC, and the way to it",
    subcodes={"BA03": "turning area in front of the WC", "BA05": "free passage to the free space beside the WC"},
    overlay="bathroom",
    zone_kinds=(ZoneKind.WC_SIDE, ZoneKind.WC_FRONT,),
    accessibility=True,
)

ROOM_FUNCTIONS = ("bathroom", "wc")


@dataclass(frozen=True)
class Params:
    side_large_mm: float = param("free width required beside the WC on one side, to a wall or fixture (mm)")
    side_with_shower_mm: float = param("free width required on that side where the side space is the shower zone (mm)")
    side_small_mm: float = param("free width required beside the WC on the other side (mm)")
    side_depth_mm: float = param("depth from the WC's back over which the side widths are measured (mm)")
    front_circle_mm: float = param("diameter of the turning circle in front of the WC that must touch the front strip (mm)")
    front_strip_mm: float = param("depth of the strip in front of the seat (WC width wide) the turning area must touch (mm)")
    front_rectangle_allowed: bool = param("a turning rectangle touching the front strip may replace the circle")
    front_rectangle_width_mm: float = param("short side of the turning rectangle allowed in front of the WC (mm)")
    front_rectangle_length_mm: float = param("long side of the turning rectangle allowed in front of the WC (mm)")
    passage_mm: float = param("free passage from every door of the room to the large side space beside the WC (mm)")
    shower_counts_as_side: bool = param("a step-free shower zone beside the WC may serve as side space")
    door_swing_overlap: Literal["forbid_operated_door", "forbid_all", "allow"] = param(
        "door swings the front circle must avoid: that of each door being operated, all of them, or none")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    underpass_kinds: tuple[str, ...] = param(
        "fixture kinds with knee space (unless the block says not) the front circle may reach under")
    underpass_mm: float = param("how far the front circle may reach under a fixture with knee space (mm)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing side widths and the circle with their minimums")


def _side_floor(p: Params) -> FloorSpec:
    """The free floor beside the WC: fixtures only, the shower zone as floor when it may serve."""
    kinds = set(p.floor_kinds)
    if p.shower_counts_as_side:
        kinds.add("shower")
    else:
        kinds.discard("shower")
    return FloorSpec(False, tuple(sorted(kinds)))


def _side_cap(p: Params) -> float:
    """Side widths are reported up to this (mm)."""
    return 2 * max(p.side_large_mm, p.side_with_shower_mm, p.side_small_mm, 500.0) + 1000.0


def measure_sides(ctx: Context, room: Room, wc: Fixture, p: Params) -> WcSides:
    """Free width beside the WC over ``side_depth_mm`` from its back, to walls and fixtures."""
    return wc_sides(ctx, room, wc, _side_floor(p), p.side_depth_mm)


def measure_front(ctx: Context, room: Room, wc: Fixture, p: Params) -> WcFront:
    """Per door case, the largest free circle touching the strip in front of the WC's seat."""
    return wc_front(ctx, room, wc, p.door_swing_overlap, FloorSpec.of(p), p.front_strip_mm)


def _side_names(fp: Footprint) -> tuple[str, str]:
    """Names of side 1 (+u) and side 2 (-u) as seen sitting on the WC (facing its front)."""
    return ("right", "left") if fp.frame.right_handed else ("left", "right")


def _side_box(fp: Footprint, i: int, width: float, depth: float) -> Polygon | None:
    """The strip beside the WC on side ``i`` (0: +u, 1: -u), ``width`` wide."""
    if width <= 0:
        return None
    f, h = fp.frame, fp.half
    return f.box(h, h + width, 0.0, depth) if i == 0 else f.box(-h - width, -h, 0.0, depth)


@dataclass(frozen=True)
class Sides:
    """The side widths judged: which side is the large one and what each side needs."""

    widths: tuple[float, float]
    large: int  # the side judged against the large requirement
    need: tuple[float, float]  # per side: what it needs
    ok: tuple[bool, bool]
    with_shower: bool  # the large side space is the shower zone


def assign_sides(ctx: Context, room: Room, s: WcSides, p: Params) -> Sides:
    """Which side serves as the large side space: the assignment that passes (else the one closer
    to passing). A transfer side space (one that needs ``side_large_mm`` — both sides where the
    rule set asks as much on the other) that is the shower zone needs ``side_with_shower_mm``."""
    tol = p.tolerance_mm
    widths = (min(s.widths[0], _side_cap(p)), min(s.widths[1], _side_cap(p)))
    showers = [f.polygon for f in fixtures_in(ctx, room, ("shower",))] if p.shower_counts_as_side else []

    def wet(i: int, width: float) -> bool:
        zone = _side_box(s.fp, i, width, p.side_depth_mm)
        return zone is not None and any(zone.intersection(sh).area > 1.0 for sh in showers)

    doors = [d.opening for d in ctx.doors_of(room.id)]

    def to_door(i: int) -> float:  # from the side's box to the nearest door of the room
        box = _side_box(s.fp, i, max(widths[i], 1.0), p.side_depth_mm)
        return round(min((box.distance(o) for o in doors), default=0.0)) if box is not None else 0.0

    options = []
    for large in (0, 1):
        base = (p.side_large_mm, p.side_small_mm) if large == 0 else (p.side_small_mm, p.side_large_mm)
        wets = tuple(base[i] >= p.side_large_mm and wet(i, base[i]) for i in (0, 1))
        need = tuple(max(base[i], p.side_with_shower_mm) if wets[i] else base[i] for i in (0, 1))
        ok = (widths[0] + tol >= need[0], widths[1] + tol >= need[1])
        short = sum(max(0.0, need[i] - widths[i]) for i in (0, 1))
        # on a tie (to the mm: rotation noise) the dry side serves as the large side, then the one nearer a
        # door; not "right" before "left", which swap in a mirrored drawing
        options.append(((not all(ok), round(short), -round(widths[large]), any(wets), to_door(large)),
                        Sides(widths, large, (need[0], need[1]), ok, any(wets))))
    options.sort(key=lambda o: o[0])
    if options[0][0] != options[1][0] or not doors:
        return options[0][1]
    # still a tie (a WC between two equal side spaces): the side the doors reach by the wider passage, as a
    # reviewer would take it; the side's index last (it swaps in a mirrored drawing)
    return min((o[1] for o in options), key=lambda a: (-round(_passage_to(ctx, room, s, a.large, p)[2]), a.large))


def _passage_to(ctx: Context, room: Room, s: WcSides, large: int, p: Params
                ) -> tuple[Polygon, dict[str, float], float, str]:
    """The side space on side ``large`` (the measured strip: geometry only), each door's widest passage to it
    (mm), the narrowest of those and its door; the room must have a door."""
    zone = _side_box(s.fp, large, max(s.widths[large], 1.0), p.side_depth_mm)
    assert zone is not None
    widths = zone_passages(ctx, room, zone, _side_floor(p))
    worst = min(widths, key=lambda did: (widths[did], did))
    return zone, widths, widths[worst], worst


def judge_sides(ctx: Context, room: Room, s: WcSides, p: Params) -> Result:
    names = _side_names(s.fp)
    a = assign_sides(ctx, room, s, p)
    widths, need = a.widths, a.need

    def rel(i: int) -> float:
        return (widths[i] - need[i]) / need[i] if need[i] > 0 else float("inf")

    failing = [i for i in (0, 1) if not a.ok[i]]
    if failing:
        pick = min(failing, key=lambda i: widths[i] - need[i])
    else:  # both pass: the tighter relative margin, the large side on a tie
        pick = min((a.large, 1 - a.large), key=lambda i: rel(i))
    ok = not failing
    order = (a.large, 1 - a.large)

    def part(i: int) -> Message:
        return say("BA01.side", "{w:.0f} mm on the {side!w} {rel} {need:.0f} mm",
                                w=widths[i], side=names[i], rel=sign(a.ok[i], widths[i], need[i]),
                   need=need[i])

    shower = (say("BA01.shower_is_side", " (the side space is the shower zone)") if a.with_shower
              else say("BA01.shower_counts", " (shower zone counted as side space)") if p.shower_counts_as_side else "")
    msg = say("BA01.sides", "free floor beside the WC ({depth:.0f} mm from its back): {one}, {other}{shower}",
                            depth=p.side_depth_mm,
              one=part(order[0]), other=part(order[1]), shower=shower)
    cap = max(need) * 2
    claimed = (_side_box(s.fp, 0, need[0], p.side_depth_mm), _side_box(s.fp, 1, need[1], p.side_depth_mm))
    zones = tuple(Zone(ZoneKind.WC_SIDE, z, room.id) for i in order if (z := claimed[i]) is not None)
    measured_boxes = [_side_box(s.fp, i, min(w, cap), p.side_depth_mm) for i, w in enumerate(widths)]
    location = union([s.fp.polygon, *measured_boxes])
    f = s.fp.frame
    return Result(
        subject=room.id,
        status=Status.PASS if ok else Status.FAIL,
        measured=widths[pick],
        required=need[pick],
        unit="mm",
        msg=msg,
        location=location,
        code=SPEC.code,
        zones=zones,
        details={
            "fixture": s.fixture,
            "side_widths_mm": {names[0]: round(widths[0]), names[1]: round(widths[1])},
            "wider_side": names[0] if widths[0] >= widths[1] else names[1],
            "large_side": names[a.large],
            "measured_side": names[pick],
            "side_with_shower": a.with_shower,
            "wc_back_mid": [round(f.origin[0]), round(f.origin[1])],
            "wc_facing_deg": round(f.angle_deg, 1),
            "side_depth_mm": p.side_depth_mm,
        },
    )


def front_rectangle_fits(fr: WcFront, case: TurningCase, p: Params) -> tuple[bool, Polygon | None]:
    """Whether the turning rectangle fits in one door case's free floor, touching the front strip."""
    return fits_rectangle(case.free, p.front_rectangle_width_mm, p.front_rectangle_length_mm,
                          angles=edge_angles(case.free), eps=p.tolerance_mm, touching=fr.strip)


def _front_rectangle(fr: WcFront, p: Params) -> Polygon | None:
    """A turning rectangle touching the front strip in every door case where the circle is short
    (as :func:`~planeval.checks.turning.judge_turning` tries the room's rectangle), or None."""
    if not p.front_rectangle_allowed:
        return None
    placed = None
    for c in fr.cases:
        if c.diameter + 2 * p.tolerance_mm >= p.front_circle_mm:
            continue
        ok, placed = front_rectangle_fits(fr, c, p)
        if not ok:
            return None
    return placed


def judge_front(room: Room, fr: WcFront, p: Params) -> Result:
    cases = list(fr.cases)
    ok, worst, _, _ = judge_turning(cases, diameter_mm=p.front_circle_mm, rectangle=None, tolerance_mm=p.tolerance_mm)
    rect = None if ok else _front_rectangle(fr, p)
    room_worst = next(c for c in fr.room_cases if c.door == worst.door)
    door = say("turn.door_open", " with door {door} open", door=worst.door) if worst.door else ""
    rel = sign(ok, worst.diameter, p.front_circle_mm)
    size = {"w": p.front_rectangle_width_mm / 1000, "length": p.front_rectangle_length_mm / 1000}
    more: Message | str = ""
    if rect is not None:
        more = say("KI02.rectangle", ", but a {w:.2f} × {length:.2f} m rectangle fits in front of it", **size)
    elif not ok:
        either = (say("BA03.no_rectangle", "; no {w:.2f} × {length:.2f} m rectangle fits in front of it either", **size)
                  if p.front_rectangle_allowed else "")
        more = say("BA03.short", " ({short:.0f} mm short; largest anywhere in the room Ø{room:.0f} mm){either}",
                   short=p.front_circle_mm - worst.diameter, room=room_worst.diameter, either=either)
    msg = say("BA03.circle", "largest free circle touching the front of the WC Ø{d:.0f} mm{door} {rel} Ø{need:.0f} mm{more}",
              d=worst.diameter, door=door, rel=rel, need=p.front_circle_mm, more=more)
    zone: Polygon = rect if rect is not None else worst.circle(p.front_circle_mm) if ok else worst.circle()
    return Result(
        subject=room.id,
        status=Status.PASS if ok or rect is not None else Status.FAIL,
        measured=worst.diameter,
        required=p.front_circle_mm,
        unit="mm",
        msg=msg,
        location=worst.circle() if worst.r > 0 else Point(worst.cx, worst.cy),
        code="BA03",
        zones=(Zone(ZoneKind.WC_FRONT, zone, room.id, "rect" if rect is not None else "circle"),) if not zone.is_empty else (),
        details={
            "fixture": fr.fixture,
            "center": [round(worst.cx), round(worst.cy)],
            "largest_diameter_mm": round(worst.diameter),
            "room_largest_diameter_mm": round(room_worst.diameter),
            "door_open": worst.door,
            "fits_by": "circle" if ok else "rectangle" if rect is not None else "",
            "front_strip": rounded(list(fr.strip.exterior.coords)[:4]),
        },
    )


def judge_passage(ctx: Context, room: Room, s: WcSides, p: Params) -> Result:
    """BA05: from every door of the room, a passage of ``passage_mm`` reaches the large side space."""
    a = assign_sides(ctx, room, s, p)
    if not ctx.doors_of(room.id):
        zone = _side_box(s.fp, a.large, max(s.widths[a.large], 1.0), p.side_depth_mm)
        return Result(room.id, Status.NEEDS_REVIEW, None, p.passage_mm, "mm",
                      msg=say("BA05.no_door", "{room}: no door recognised, so the passage to the WC side space cannot be judged",
                              room=room.display_name), location=zone, code="BA05")
    zone, widths, w, worst = _passage_to(ctx, room, s, a.large, p)
    need = p.passage_mm - 2 * p.tolerance_mm
    ok = w >= need
    shown = f"≥ {w:.0f}" if w >= 2 * p.passage_mm else f"{w:.0f}"
    msg = say("BA05.passage", "free passage from door {door} to the free space beside the WC {shown} mm {rel} {need:.0f} mm",
                              door=worst,
              shown=shown, rel=sign(ok, w, p.passage_mm), need=p.passage_mm)
    return Result(room.id, Status.PASS if ok else Status.FAIL, min(w, 2 * p.passage_mm), p.passage_mm, "mm", msg=msg,
                  location=zone, code="BA05", details={"door": worst, "passages_mm": {k: round(v) for k, v in widths.items()}})


def measure_room(ctx: Context, room: Room, p: Params) -> tuple[Result, ...] | None:
    """BA01, BA03 and BA05 for the room's best WC (None when the room has no WC)."""
    wcs = fixtures_in(ctx, room, ("wc",))
    if not wcs:
        return None
    best: tuple[Result, ...] | None = None
    for wc in wcs:
        sides = measure_sides(ctx, room, wc, p)
        res = (judge_sides(ctx, room, sides, p), judge_front(room, measure_front(ctx, room, wc, p), p),
               judge_passage(ctx, room, sides, p))
        if best is None or _rank(res) > _rank(best):
            best = res
    return best


def _rank(res: tuple[Result, ...]) -> tuple[int, float]:
    return (sum(r.status is Status.PASS for r in res), sum((r.margin or 0.0) for r in res))


def _all(room: Room, status: Status, message: Message, p: Params) -> Iterator[Result]:
    for code, need in ((SPEC.code, p.side_large_mm), ("BA03", p.front_circle_mm), ("BA05", p.passage_mm)):
        yield Result(room.id, status, None, need, "mm", msg=message, location=room.polygon, code=code)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = [r for r in ctx.rooms() if set(ROOM_FUNCTIONS) & set(r.functions)]
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.side_large_mm, "mm", msg=say("BA01.none", "no bathroom or WC room "
                                                                                                      "in the plan"))
        return
    for group in groups_by_unit(rooms).values():
        measured = {r.id: measure_room(ctx, r, p) for r in group}
        with_wc = [r for r in group if measured[r.id] is not None]
        for r in group:
            res = measured[r.id]
            if res is not None:
                yield from res
            elif with_wc:
                names = [f"{x.display_name} ({x.id})" for x in with_wc]
                yield from _all(r, Status.NOT_APPLICABLE, say("BA01.elsewhere", "{room} ({id}) has no WC; the unit's WC is "
                                                                                "judged in {names}",
                                                                                room=r.display_name, id=r.id, names=names), p)
            else:
                yield from _all(r, Status.NEEDS_REVIEW, say(
                    "BA01.no_wc", "no WC recognised in {room} ({id}): free side space (≥ {large:.0f}/{small:.0f} mm), a "
                                  "Ø{d:.0f} mm turning area in front of the WC and the passage to it cannot be judged",
                                  room=r.display_name, id=r.id,
                    large=p.side_large_mm, small=p.side_small_mm, d=p.front_circle_mm), p)
