"""Free passage to every door and window.

What it checks
    In each room of the listed functions — and each room whose function is unknown, judged as a
    room for permanent stay (a fail there is needs_review) — a wheelchair passage of ``width_mm``
    (a disc of that diameter moving through the free floor) connects the room's entry door to every
    other door of the room and, in rooms of ``window_functions`` (and unknown ones), to every
    window. Free floor = room minus fixtures, minus furniture when ``furnished`` (the passage lies
    outside the furnishing zone).

Why
    TEK17 §12-7 (4) c: rooms for permanent stay (stue, kjøkken, soverom, arbeidsrom) shall have a
    free passage of at least 0.9 m to the door and the window outside the furnishing zone; §12-8
    (1) a: free passage of 0.9 m in the entrance hall and on its way on (the unit's hall).
    Husbanken care housing recommends 1.2 m; ADA 403.5.1 36 in (915 mm).

Parameters
    width_mm (mm), functions (room functions), window_functions (room functions), furnished (bool),
    floor_kinds (fixture kinds that are floor), tolerance_mm (mm).

Passes / Fails
    One result per room: measured = the widest passage that reaches every target (the
    bottleneck), required = ``width_mm``. Passes when it is at least the required width; fails
    naming the target not reached and where the bottleneck is. Not applicable when no room of
    the functions exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import RuleSpec, param
from planeval.checks.scope import as_permanent_stay, function_unknown, judged_rooms
from planeval.findings import Message, Result, Status, Zone, ZoneKind, compare, say, sign
from planeval.measure import Context, FloorSpec
from planeval.measure.passages import PassageSpec, RoomPassages, Target, bottleneck_location, corridors, room_passages
from planeval.measure.reach import CAP_MM
from planeval.model.types import Room

SPEC = RuleSpec(
    code="PA01",
    name="passage-width",
    title="free passage to doors and windows in rooms for permanent stay and the entrance",
    overlay="passages",
    zone_kinds=(ZoneKind.PASSAGE,),
    accessibility=True,
)


@dataclass(frozen=True)
class Params:
    width_mm: float = param("width of the free passage (a moving disc) from the room's entry door to every other door (mm)")
    functions: tuple[str, ...] = param("room functions checked")
    window_functions: tuple[str, ...] = param(
        "room functions where the passage must also reach every window (rooms for permanent stay)")
    furnished: bool = param("also subtract drawn furniture from the free floor (the passage lies outside the furnishing)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the passage with width_mm")


def to_windows(room: Room, p: Params) -> bool:
    """Whether the passage must reach the room's windows: a room of ``window_functions`` or of unknown function."""
    return bool(set(room.functions) & set(p.window_functions)) or function_unknown(room)


def spec_of(p: Params, room: Room) -> PassageSpec:
    """The passages a rule set's parameters ask to measure in ``room`` (its width is only compared)."""
    return PassageSpec(FloorSpec.of(p), to_windows(room, p))


def measure(ctx: Context, rid: str, p: Params) -> RoomPassages | None:
    """Widest passage from the room's entry door to each of its doors and windows (None: no door)."""
    return room_passages(ctx, rid, spec_of(p, ctx.room(rid)))


def _note(t: Target) -> Message:
    """How a window is approached when something stands under it."""
    return say("PA01.under", "in front of what stands under it ({depth:.0f} mm deep)", depth=t.extra_mm)


def _fmt(w: float) -> str:
    return f"≥ {w:.0f} mm" if w >= CAP_MM else f"{w:.0f} mm"


def _target(t: Target) -> Message:
    return say("PA01.target", "{kind!w} {id}", kind=t.kind, id=t.id)


def judge(ctx: Context, rid: str, p: Params) -> Result:
    m = measure(ctx, rid, p)
    name = ctx.room(rid).display_name
    if m is None:
        return Result(rid, Status.NEEDS_REVIEW, None, p.width_mm, "mm", location=ctx.room(rid).polygon,
                      msg=say("PA01.no_door", "{room}: no door recognised, so no passage to judge", room=name))
    measured = m.measured
    status = compare(measured, p.width_mm, eps=p.tolerance_mm)
    short = [t for t in m.targets if t.width + p.tolerance_mm < p.width_mm]
    spec = spec_of(p, ctx.room(rid))
    location = bottleneck_location(ctx, rid, spec)
    zone = corridors(ctx, rid, spec, p.width_mm, p.tolerance_mm)
    notes = {t.id: _note(t).text for t in m.targets if t.extra_mm > 0}
    b = m.bottleneck
    to = (say("PA01.to", "to {target}", target=_target(b)) if b
          else say("PA01.at_entry", "in front of the entry door {door}", door=m.entry))
    values = {"width": _fmt(measured), "need": p.width_mm, "door": m.entry, "to": to}
    if status is Status.PASS:
        every = (say("PA01.every_window", "every door and window") if spec.to_windows else say("PA01.every_door", "every door"))
        message = say("PA01.pass", "free passage {width} {rel} {need:.0f} mm from door {door} to {every} (narrowest {to})",
                      every=every, rel=sign(True, measured, p.width_mm), **values)
    elif not m.targets:
        message = say("PA01.fail_entry", "free passage {width} < {need:.0f} mm in front of the entry door {door}", **values)
    else:
        names = [say("PA01.short", "{target} ({width})", target=_target(t), width=_fmt(t.width))
                 for t in sorted(short, key=lambda t: t.width)]
        message = say("PA01.fail", "free passage {width} < {need:.0f} mm {to}; not reached from door {door} at {need:.0f} mm: "
                                   "{names}",
                      names=names, **values)
    return Result(
        subject=rid,
        status=status,
        measured=measured,
        required=p.width_mm,
        unit="mm",
        msg=message,
        location=location,
        zones=(Zone(ZoneKind.PASSAGE, zone, rid),) if not zone.is_empty else (),
        details={
            "entry_door": m.entry,
            "targets": {t.id: round(t.width) for t in m.targets},
            "not_reached": [t.id for t in short],
            "bottleneck": b.id if b else m.entry,
            **({"approached_over": notes} if notes else {}),
        },
    )


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = judged_rooms(ctx, p.functions)
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.width_mm, "mm",
                     msg=say("room.none", "no room with function {functions!f}", functions=list(p.functions)))
        return
    for r in rooms:
        yield as_permanent_stay(r, judge(ctx, r.id, p))


__all__ = ["SPEC", "Params", "check", "measure", "spec_of"]
