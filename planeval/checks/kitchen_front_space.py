"""Kitchen: free space in front of the counter run.

What it checks
    For each kitchen counter run (fixtures of kind ``kitchen_counter``) in a room of the listed
    functions: the free depth in front of its front edge (the long side away from the wall),
    across the counter's whole length, to the nearest wall, fixture or (when ``furnished``)
    furniture; an opposite counter run limits it too.

Why
    BR18 §202: ≥ 1.10 m free in front of work and storage places; UK M4(2) 2.24b 1.2 m, M4(3) 3.32b
    1.5 m; ADA/A117 40 in (1015 mm) between opposing counters. TEK17 names no number: in Norway
    the turning area in the kitchen governs (a Ø1.5 m disc in front of the counter).

Parameters
    depth_mm (mm), functions (room functions), furnished (bool), tolerance_mm (mm).

Passes / Fails
    One result per counter run: measured = the free depth, required = ``depth_mm``. Not applicable
    when no counter is recognised in such a room.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind
from planeval.measure import Context, FloorSpec
from planeval.measure.fixtures import CounterFront, counter_front, fixtures_in
from planeval.measure.frames import rounded
from planeval.model.types import Room

SPEC = RuleSpec(
    code="KI01",
    name="kitchen-front-space",
    title="free space in front of the kitchen counter",
    overlay="kitchen",
    zone_kinds=(ZoneKind.KITCHEN_FRONT,),
)

@dataclass(frozen=True)
class Params:
    depth_mm: float = param("free depth required in front of each counter run, along its whole length (mm)")
    functions: tuple[str, ...] = param("room functions whose counter runs are checked")
    furnished: bool = param("furniture limits the free depth too (walls, fixtures and opposite counters always do)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the free depth with depth_mm")


def judge(room: Room, fr: CounterFront, p: Params) -> Result:
    ok = fr.depth + p.tolerance_mm >= p.depth_mm
    rel = "≥" if ok else "<"
    length = sum(b - a for a, b in fr.spans)
    msg = f"free depth in front of counter {fr.fixture} ({length:.0f} mm long) {fr.depth:.0f} mm {rel} {p.depth_mm:.0f} mm"
    if fr.corner:
        msg += " (corner shared with a joining counter left out)"
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
        message=msg,
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


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = ctx.rooms(p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.depth_mm, "mm", f"no room with function {', '.join(p.functions)}")
        return
    for r in rooms:
        counters = fixtures_in(ctx, r, ("kitchen_counter",))
        if not counters:
            yield Result(r.id, Status.NOT_APPLICABLE, None, p.depth_mm, "mm",
                         f"no kitchen counter recognised in {r.display_name} ({r.id})", location=r.polygon, code=SPEC.code)
            continue
        for c in counters:
            yield judge(r, counter_front(ctx, r, c, FloorSpec.of(p)), p)
