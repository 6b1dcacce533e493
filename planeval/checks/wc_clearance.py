"""Bathroom: free space beside the WC and a turning area in front of it.

What it checks
    In the accessible bathroom of each unit (``scope``): the WC's back is the side nearest a wall;
    beside the WC, over ``side_depth_mm`` from the back, the free width on each side (to the
    nearest wall or fixture) must reach ``side_large_mm`` on one side and ``side_small_mm`` on the
    other. A step-free shower zone may serve as side space when ``shower_counts_as_side``.
    In front of the WC a turning circle of ``front_circle_mm`` must fit in the free floor and touch
    the strip in front of the seat (WC width × ``front_strip_mm``), outside door swings as
    ``door_swing_overlap`` says; fixtures in ``underpass_kinds`` let it reach ``underpass_mm`` under
    them (knee space).

Why
    TEK17 §12-9 (1) a: turning area in front of the WC; free floor of at least 0.9 m on one side
    and 0.2 m on the other; the turning area may lie under fixtures mounted at least 0.67 m high
    and need not be centred in front of the WC; the 0.9 m side space may be combined with the
    shower zone. Husbanken care housing: 0.9 m on both sides, Ø1.6 m in front of the WC.

Parameters
    side_large_mm, side_small_mm, side_depth_mm, front_circle_mm, front_strip_mm (mm);
    shower_counts_as_side (bool); door_swing_overlap (forbid_operated_door | forbid_all | allow);
    scope (one_per_unit | all); floor_kinds, underpass_kinds (fixture kinds); underpass_mm,
    tolerance_mm (mm).

Passes / Fails
    Two results per bathroom: BA01 side space (measured = free width on the tighter side, judged
    with the larger side), BA03 turning circle in front of the WC (measured = largest circle that
    touches the front strip). Not applicable when no bathroom with a WC exists; needs review when
    a bathroom has no recognisable WC.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from shapely.geometry import Point

from planeval.checks.base import RuleSpec, param
from planeval.checks.turning import judge_turning
from planeval.findings import Result, Status, Zone, ZoneKind
from planeval.geometry import union
from planeval.measure import Context, FloorSpec
from planeval.measure.bathroom import WcFront, WcSides, wc_front, wc_sides
from planeval.measure.fixtures import Footprint, fixtures_in
from planeval.measure.frames import rounded
from planeval.measure.units import groups_by_unit
from planeval.model.types import Fixture, Room

SPEC = RuleSpec(
    code="BA01",
    name="wc-clearance",
    title="free space beside and in front of the WC",
    subcodes={"BA03": "turning circle in front of the WC"},
    overlay="bathroom",
    zone_kinds=(ZoneKind.WC_SIDE, ZoneKind.WC_FRONT,),
    accessibility=True,
)

ROOM_FUNCTIONS = ("bathroom", "wc")


@dataclass(frozen=True)
class Params:
    side_large_mm: float = param("free width required beside the WC on one side, to a wall or fixture (mm)")
    side_small_mm: float = param("free width required beside the WC on the other side (mm)")
    side_depth_mm: float = param("depth from the WC's back over which the side widths are measured (mm)")
    front_circle_mm: float = param("diameter of the turning circle in front of the WC that must touch the front strip (mm)")
    front_strip_mm: float = param("depth of the strip in front of the seat (WC width wide) the circle must touch (mm)")
    shower_counts_as_side: bool = param("a step-free shower zone beside the WC may serve as side space")
    door_swing_overlap: Literal["forbid_operated_door", "forbid_all", "allow"] = param("door swings the front circle must avoid: that of each door being operated, all of them, or none")
    scope: Literal["one_per_unit", "all"] = param("one_per_unit: the unit's accessible bathroom; all: every bathroom with a WC")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    underpass_kinds: tuple[str, ...] = param("fixture kinds with knee space the front circle may reach under, e.g. a wall-hung basin")
    underpass_mm: float = param("how far the front circle may reach under an underpass_kinds fixture (mm)")
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
    return 2 * max(p.side_large_mm, p.side_small_mm, 500.0) + 1000.0


def measure_sides(ctx: Context, room: Room, wc: Fixture, p: Params) -> WcSides:
    """Free width beside the WC over ``side_depth_mm`` from its back, to walls and fixtures."""
    return wc_sides(ctx, room, wc, _side_floor(p), p.side_depth_mm)


def measure_front(ctx: Context, room: Room, wc: Fixture, p: Params) -> WcFront:
    """Per door case, the largest free circle touching the strip in front of the WC's seat."""
    return wc_front(ctx, room, wc, p.door_swing_overlap, FloorSpec.of(p), p.front_strip_mm)


def _side_names(fp: Footprint) -> tuple[str, str]:
    """Names of side 1 (+u) and side 2 (-u) as seen sitting on the WC (facing its front)."""
    return ("right", "left") if fp.frame.right_handed else ("left", "right")


def judge_sides(room: Room, s: WcSides, p: Params) -> Result:
    tol = p.tolerance_mm
    req_hi, req_lo = max(p.side_large_mm, p.side_small_mm), min(p.side_large_mm, p.side_small_mm)
    names = _side_names(s.fp)
    widths = tuple(min(w, _side_cap(p)) for w in s.widths)
    wide_i = 0 if widths[0] >= widths[1] else 1
    narrow_i = 1 - wide_i
    wide, narrow = widths[wide_i], widths[narrow_i]
    ok_wide = wide + tol >= req_hi
    ok_narrow = narrow + tol >= req_lo

    def rel(m: float, r: float) -> float:
        return (m - r) / r if r > 0 else float("inf")

    if ok_wide != ok_narrow:
        pick_wide = not ok_wide
    else:  # both pass or both fail: the tighter relative margin
        pick_wide = rel(wide, req_hi) <= rel(narrow, req_lo)
    measured, required = (wide, req_hi) if pick_wide else (narrow, req_lo)
    ok = ok_wide and ok_narrow
    rel_wide = "≥" if ok_wide else "<"
    rel_narrow = "≥" if ok_narrow else "<"
    msg = (f"free floor beside the WC ({p.side_depth_mm:.0f} mm from its back): {wide:.0f} mm on the {names[wide_i]} "
           f"{rel_wide} {req_hi:.0f} mm, {narrow:.0f} mm on the {names[narrow_i]} {rel_narrow} {req_lo:.0f} mm")
    if p.shower_counts_as_side:
        msg += " (shower zone counted as side space)"
    f = s.fp.frame
    h = s.fp.half
    cap = max(req_hi, 1.0) * 2

    def side_box(i: int, width: float):
        if width <= 0:
            return None
        return f.box(h, h + width, 0.0, p.side_depth_mm) if i == 0 else f.box(-h - width, -h, 0.0, p.side_depth_mm)

    claimed = (side_box(wide_i, req_hi), side_box(narrow_i, req_lo))
    zones = tuple(Zone(ZoneKind.WC_SIDE, z, room.id) for z in claimed if z is not None)
    measured_boxes = [side_box(i, min(w, cap)) for i, w in enumerate(widths)]
    location = union([s.fp.polygon, *measured_boxes])
    return Result(
        subject=room.id,
        status=Status.PASS if ok else Status.FAIL,
        measured=measured,
        required=required,
        unit="mm",
        message=msg,
        location=location,
        code=SPEC.code,
        zones=zones,
        details={
            "fixture": s.fixture,
            "side_widths_mm": {names[0]: round(widths[0]), names[1]: round(widths[1])},
            "wider_side": names[wide_i],
            "measured_side": names[wide_i] if pick_wide else names[narrow_i],
            "wc_back_mid": [round(f.origin[0]), round(f.origin[1])],
            "wc_facing_deg": round(f.angle_deg, 1),
            "side_depth_mm": p.side_depth_mm,
        },
    )


def judge_front(room: Room, fr: WcFront, p: Params) -> Result:
    cases = list(fr.cases)
    ok, worst, _, _ = judge_turning(cases, diameter_mm=p.front_circle_mm, rectangle=None, tolerance_mm=p.tolerance_mm)
    room_worst = next(c for c in fr.room_cases if c.door == worst.door)
    door = f" with door {worst.door} open" if worst.door else ""
    rel = "≥" if ok else "<"
    msg = f"largest free circle touching the front of the WC Ø{worst.diameter:.0f} mm{door} {rel} Ø{p.front_circle_mm:.0f} mm"
    if not ok:
        msg += f" ({p.front_circle_mm - worst.diameter:.0f} mm short; largest anywhere in the room Ø{room_worst.diameter:.0f} mm)"
    zone = worst.circle(p.front_circle_mm) if ok else worst.circle()
    return Result(
        subject=room.id,
        status=Status.PASS if ok else Status.FAIL,
        measured=worst.diameter,
        required=p.front_circle_mm,
        unit="mm",
        message=msg,
        location=worst.circle() if worst.r > 0 else Point(worst.cx, worst.cy),
        code="BA03",
        zones=(Zone(ZoneKind.WC_FRONT, zone, room.id, "circle"),) if not zone.is_empty else (),
        details={
            "fixture": fr.fixture,
            "center": [round(worst.cx), round(worst.cy)],
            "largest_diameter_mm": round(worst.diameter),
            "room_largest_diameter_mm": round(room_worst.diameter),
            "door_open": worst.door,
            "front_strip": rounded(list(fr.strip.exterior.coords)[:4]),
        },
    )


def measure_room(ctx: Context, room: Room, p: Params) -> tuple[Result, Result] | None:
    """BA01 and BA03 for the room's best WC (None when the room has no WC)."""
    wcs = fixtures_in(ctx, room, ("wc",))
    if not wcs:
        return None
    best: tuple[Result, Result] | None = None
    for wc in wcs:
        pair = (judge_sides(room, measure_sides(ctx, room, wc, p), p), judge_front(room, measure_front(ctx, room, wc, p), p))
        if best is None or _rank(pair) > _rank(best):
            best = pair
    return best


def _rank(pair: tuple[Result, Result]) -> tuple[int, float]:
    return (sum(r.status is Status.PASS for r in pair), sum((r.margin or 0.0) for r in pair))


def _passes(pair: tuple[Result, Result]) -> bool:
    return all(r.status is Status.PASS for r in pair)


def _both(room: Room, status: Status, message: str, p: Params) -> Iterator[Result]:
    yield Result(room.id, status, None, p.side_large_mm, "mm", message, location=room.polygon, code=SPEC.code)
    yield Result(room.id, status, None, p.front_circle_mm, "mm", message, location=room.polygon, code="BA03")


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = [r for r in ctx.rooms() if set(ROOM_FUNCTIONS) & set(r.functions)]
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.side_large_mm, "mm", "no bathroom or WC room in the plan")
        return
    for group in groups_by_unit(rooms).values():
        measured = {r.id: measure_room(ctx, r, p) for r in group}
        with_wc = [r for r in group if measured[r.id] is not None]
        if p.scope == "all" or not with_wc:
            for r in group:
                pair = measured[r.id]
                if pair is None:
                    yield from _both(r, Status.NEEDS_REVIEW, f"no WC recognised in {r.display_name} ({r.id}): "
                                     f"free side space (≥ {p.side_large_mm:.0f}/{p.side_small_mm:.0f} mm) and a "
                                     f"Ø{p.front_circle_mm:.0f} mm circle in front of the WC cannot be judged", p)
                else:
                    yield from pair
            continue
        best = max(with_wc, key=lambda r: (_passes(measured[r.id]), r.polygon.area, r.id))  # type: ignore[arg-type]
        for r in group:
            if r is best:
                yield from measured[r.id]  # type: ignore[misc]
            else:
                what = "has no WC; " if measured[r.id] is None else ""
                yield from _both(r, Status.NOT_APPLICABLE,
                                 f"{r.display_name} ({r.id}) {what}the unit's accessible bathroom is judged in "
                                 f"{best.display_name} ({best.id}) (one per unit)", p)

