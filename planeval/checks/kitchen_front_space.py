"""Kitchen: free space in front of the counter run — a free depth, or a turning area in front of it.

What it checks
    For each kitchen counter run (fixtures of kind ``kitchen_counter``) in a room of the listed
    functions, one or both of:

    * KI01 (when ``depth_mm`` > 0): the free depth in front of its front edge (the long side away
      from the wall), across the counter's whole length, to the nearest wall, fixture or (when
      ``furnished``) furniture; an opposite counter run limits it too;
    * KI02 (when ``turning_diameter_mm`` > 0): a turning circle of that diameter — or, where
      allowed, a ``rectangle_width_mm`` × ``rectangle_length_mm`` rectangle — in the free floor,
      touching the counter's front (within 20 mm): a wheelchair user can turn in front of it.

Why
    BR18 §202: ≥ 1.10 m free in front of work and storage places; UK M4(2) 2.24b 1.2 m, M4(3) 3.32b
    1.5 m; ADA/A117 40 in (1015 mm) between opposing counters. TEK17 names no depth: §12-7 (4) a–b
    ask for the turning area in the kitchen and that a wheelchair user can use it, so in TEK17 the
    turning area (Ø1.5 m or 1.3 × 1.8 m) in front of the counter governs (an interpretation).

Parameters
    depth_mm (mm; 0: no depth judged), turning_diameter_mm (mm; 0: no turning area judged),
    rectangle_allowed (bool), rectangle_width_mm, rectangle_length_mm (mm), functions (room
    functions), furnished (bool), tolerance_mm (mm).

Passes / Fails
    One result per counter run and aspect: KI01 measured = the free depth, required = ``depth_mm``;
    KI02 measured = the largest circle touching the front, required = ``turning_diameter_mm``
    (passes also when the rectangle fits there). Not applicable when no counter is recognised in
    such a room.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import Point

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, say, sign
from planeval.geometry import edge_angles
from planeval.measure import Context, FloorSpec
from planeval.measure.fit import fits_rectangle
from planeval.measure.fixtures import CounterFront, counter_front, counter_front_circle, counter_front_strip, fixtures_in
from planeval.measure.floor import free_floor
from planeval.measure.frames import rounded
from planeval.model.types import Fixture, Room

SPEC = RuleSpec(
    code="KI01",
    name="kitchen-front-space",
    title="free space in front of the kitchen counter",
    subcodes={"KI02": "turning area in front of the kitchen counter"},
    overlay="kitchen",
    zone_kinds=(ZoneKind.KITCHEN_FRONT,),
)


@dataclass(frozen=True)
class Params:
    depth_mm: float = param("free depth required in front of each counter run, along its whole length (mm; 0: not judged)")
    turning_diameter_mm: float = param("turning circle that must fit in front of each counter run, touching it (mm; 0: none)")
    rectangle_allowed: bool = param("a turning rectangle touching the counter front may replace the circle")
    rectangle_width_mm: float = param("short side of that turning rectangle (mm)")
    rectangle_length_mm: float = param("long side of that turning rectangle (mm)")
    functions: tuple[str, ...] = param("room functions whose counter runs are checked")
    furnished: bool = param("furniture limits the free floor too (walls, fixtures and opposite counters always do)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the free depth or circle with its minimum")


def judge(room: Room, fr: CounterFront, p: Params) -> Result:
    ok = fr.depth + p.tolerance_mm >= p.depth_mm
    rel = sign(ok, fr.depth, p.depth_mm)
    length = sum(b - a for a, b in fr.spans)
    corner = say("KI01.corner", " (corner shared with a joining counter left out)") if fr.corner else ""
    msg = say("KI01.depth", "free depth in front of counter {id} ({length:.0f} mm long) {depth:.0f} mm {rel} {need:.0f} "
                            "mm{corner}",
              id=fr.fixture, length=length, depth=fr.depth, rel=rel, need=p.depth_mm, corner=corner)
    f, d = fr.fp.frame, fr.fp.depth
    shown = min(fr.depth, 2 * p.depth_mm)
    location = fr.fp.polygon if shown <= 0 else f.box(min(a for a, _ in fr.spans), max(b for _, b in fr.spans), d, d + shown)
    zones = tuple(Zone(ZoneKind.KITCHEN_FRONT, f.box(a, b, d, d + p.depth_mm), room.id) for a, b in fr.spans)
    return Result(
        subject=room.id,
        status=Status.PASS if ok else Status.FAIL,
        measured=fr.depth,
        required=p.depth_mm,
        unit="mm",
        msg=msg,
        location=location,
        code=SPEC.code,
        zones=zones,
        details={
            "fixture": fr.fixture,
            "front_edge": rounded([f.world(-fr.fp.half, d), f.world(fr.fp.half, d)]),
            "measured_length_mm": round(length),
            "furnished": p.furnished,
        },
    )


def judge_turning(ctx: Context, room: Room, c: Fixture, p: Params) -> Result:
    """KI02: the largest free circle touching the counter's front, or the rectangle there."""
    floor = FloorSpec.of(p)
    cx, cy, r = counter_front_circle(ctx, room, c, floor)
    ok = 2 * r + 2 * p.tolerance_mm >= p.turning_diameter_mm
    placed = None
    if not ok and p.rectangle_allowed:
        free = free_floor(ctx, room.id, floor)
        fit, placed = fits_rectangle(free, p.rectangle_width_mm, p.rectangle_length_mm, angles=edge_angles(free),
                                     eps=p.tolerance_mm, touching=counter_front_strip(ctx, room, c, floor))
        placed = placed if fit else None
    d = 2 * r
    rect = {"w": p.rectangle_width_mm / 1000, "length": p.rectangle_length_mm / 1000}
    more = (say("KI02.rectangle", ", but a {w:.2f} × {length:.2f} m rectangle fits in front of it", **rect) if placed is not None
            else say("KI02.no_rectangle", "; no {w:.2f} × {length:.2f} m rectangle fits there either", **rect)
            if not ok and p.rectangle_allowed else "")
    msg = say("KI02.circle", "largest free circle touching the front of counter {id} Ø{d:.0f} mm {rel} Ø{need:.0f} mm{more}",
                             id=c.id,
              d=d, rel=sign(ok, d, p.turning_diameter_mm), need=p.turning_diameter_mm, more=more)
    circle = Point(cx, cy).buffer(max(r, 1.0), quad_segs=16)
    zone = placed if placed is not None else Point(cx, cy).buffer(p.turning_diameter_mm / 2, quad_segs=16) if ok else circle
    return Result(
        subject=room.id, status=Status.PASS if ok or placed is not None else Status.FAIL, measured=d,
        required=p.turning_diameter_mm, unit="mm", msg=msg, location=circle, code="KI02",
        zones=(Zone(ZoneKind.KITCHEN_FRONT, zone, room.id, "rect" if placed is not None else "circle"),),
        details={"fixture": c.id, "center": [round(cx), round(cy)], "fits_by": "circle" if ok else "rectangle" if placed else ""},
    )


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.depth_mm, "mm",
                     msg=say("room.none", "no room with function {functions!f}", functions=list(p.functions)))
        return
    for r in rooms:
        counters = fixtures_in(ctx, r, ("kitchen_counter",))
        if not counters:
            yield Result(r.id, Status.NOT_APPLICABLE, None, p.depth_mm, "mm",
                         msg=say("KI01.no_counter", "no kitchen counter recognised in {room} ({id})",
                                                    room=r.display_name, id=r.id),
                         location=r.polygon, code=SPEC.code)
            continue
        for c in counters:
            if p.depth_mm > 0:
                yield judge(r, counter_front(ctx, r, c, FloorSpec.of(p)), p)
            if p.turning_diameter_mm > 0:
                yield judge_turning(ctx, r, c, p)
