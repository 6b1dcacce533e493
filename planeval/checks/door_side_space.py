"""Free side space beside the latch edge of doors, for opening and closing from a wheelchair.

What it checks
    For each door of the listed roles: beside the latch edge (the jamb opposite the hinge), on the
    side the door opens towards (pull side, the swing room), a strip of free floor
    ``pull_side_mm`` wide along the wall and ``depth_mm`` deep into the room; on the other side
    (push side) ``push_side_mm``. Sliding doors need ``sliding_side_mm`` on both sides of the
    opening. Free floor = the room minus fixtures (and furniture when ``furnished``). A door with
    an automatic opener (its AUTOMATIC / AUTOMATIKK / DØRÅPNER attribute, or its block name) needs
    no side space.

Why
    TEK17 §12-13 (3) d: side-hung and sliding doors that are not automatic shall have sufficient
    free space to be opened and closed from a wheelchair (no number in the text) — binding for
    the accessible unit. NS 11001 / Husbanken 5.7: 0.5 m beside
    the latch edge where the door opens towards the user, 0.3 m where it opens away; sliding doors
    0.3 m on all sides. ADA 404.2.4.1: 18 in (455 mm) pull side, 12 in (305 mm) push side.

Parameters
    pull_side_mm, push_side_mm, sliding_side_mm, depth_mm (mm); door_roles (entrance, internal,
    balcony, exterior, common); furnished (bool); floor_kinds (fixture kinds that are floor, e.g. a
    step-free shower beside a bathroom door); tolerance_mm (mm).

Passes / Fails
    One result per door: measured = free width beside the latch on the worse side (relative to
    its requirement), required = that side's requirement. Passes when both sides have their
    width; fails naming the side and the shortfall. Plain openings and doors with an automatic
    opener are not applicable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import Polygon

from planeval.checks.base import RuleSpec, param
from planeval.findings import Confidence, Message, Result, Status, Zone, ZoneKind, compare, say, sign
from planeval.geometry import unit
from planeval.measure import Context, FloorSpec
from planeval.measure.doors import SideSpace, latch_edge, side_space
from planeval.model.attributes import AUTOMATIC_TAGS, attribute
from planeval.model.types import OUTSIDE, Door, DoorKind

SPEC = RuleSpec(
    code="DS01",
    name="door-side-space",
    title="free space beside the latch side of doors",
    overlay="doors",
    zone_kinds=(ZoneKind.DOOR_SIDE,),
    accessibility=True,
)


@dataclass(frozen=True)
class Params:
    pull_side_mm: float = param("free width beside the latch edge on the side the door opens towards (mm)")
    push_side_mm: float = param("free width beside the latch edge on the side the door opens away from (mm)")
    sliding_side_mm: float = param("free width on both sides of a sliding door's opening (mm)")
    depth_mm: float = param("depth of the free side strip, from the door's wall into the room (mm)")
    door_roles: tuple[str, ...] = param("door roles checked: entrance, internal, balcony, exterior, common")
    furnished: bool = param("also subtract drawn furniture from the free floor (fixtures always are)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower beside a bathroom door")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing a side's free width with its requirement")


#: Each side is shown up to this multiple of its requirement ("≥ 1000 mm" for 500 mm).
CAP_FACTOR = 2.0


@dataclass(frozen=True)
class Side:
    """The free strip beside one jamb of a door, on one side of its wall, with its requirement."""

    room: str
    label: str  # "pull side in Bod", "push side in Entré", "latch end in Bad", "parking end in Bad"
    required: float
    measured: float  # the free width, up to CAP_FACTOR × required
    depth: float  # depth the strip was measured over (depth_mm, or less where the room is shallower)
    strip: Polygon  # the free strip found (measured wide)
    zone: Polygon  # the strip the requirement claims (required wide)
    said: Message  # the label as a message (side and room)

    @property
    def margin(self) -> float:
        return self.measured - self.required


def _side(space: SideSpace, label: str, required: float, said: Message) -> Side:
    """A measured side space judged against ``required`` (its width shown up to ``CAP_FACTOR`` × that)."""
    width = min(space.width, CAP_FACTOR * required)
    f = space.frame
    return Side(space.room, label, required, width, space.depth, f.box(0.0, max(width, 1.0), 0.0, space.depth),
                f.box(0.0, required, 0.0, space.depth), said)


def sides(ctx: Context, d: Door, p: Params) -> list[Side]:
    """Every side of the door the rule set asks about (rooms, not outdoors; requirement > 0)."""
    along = unit(*d.hinge, *d.latch)  # hinge -> latch: beyond the latch, away from the hinge
    back = (-along[0], -along[1])
    latch, away = latch_edge(d)
    cases: list[tuple[str, Message, tuple[float, float], tuple[float, float], float]] = []
    if d.kind is DoorKind.SLIDING:
        for rid in d.rooms:
            cases.append((rid, say("DS01.side", "{face!w} in {room}", face="latch end", room=_name(ctx, rid)), d.latch, along,
                          p.sliding_side_mm))
            cases.append((rid, say("DS01.side", "{face!w} in {room}", face="parking end", room=_name(ctx, rid)), d.hinge, back,
                          p.sliding_side_mm))
    else:
        for rid in d.rooms:
            pull = rid == d.swing_room
            label = say("DS01.side", "{face!w} in {room}", face="pull side" if pull else "push side", room=_name(ctx, rid))
            cases.append((rid, label, latch, away, p.pull_side_mm if pull else p.push_side_mm))
    floor = FloorSpec.of(p)
    return [_side(side_space(ctx, d, rid, jamb, direction, p.depth_mm, floor), label.text, required, label)
            for rid, label, jamb, direction, required in cases if rid != OUTSIDE and required > 0]


def _name(ctx: Context, rid: str) -> str:
    return "outside" if rid == OUTSIDE else ctx.room(rid).display_name


def _shown(s: Side) -> str:
    return f"≥ {s.measured:.0f} mm" if s.measured >= CAP_FACTOR * s.required else f"{s.measured:.0f} mm"


def judge_door(ctx: Context, d: Door, p: Params) -> Result:
    found = sides(ctx, d, p)
    if not found:
        return Result(d.id, Status.NOT_APPLICABLE, None, None, "mm", location=d.opening,
                      msg=say("DS01.no_side", "door {door}: no side to judge (outdoors, or no side space required for a "
                                              "{kind!w} door)",
                              door=d.id, kind=str(d.kind)))
    # equal margins: the smaller space, then by name; not by the order the drawing gives the sides
    worst = min(found, key=lambda s: (round(s.margin, 3), round(s.measured, 3), s.label))
    status = compare(worst.measured, worst.required, eps=p.tolerance_mm)
    rel = sign(status is Status.PASS, worst.measured, worst.required)
    others = [s for s in found if s is not worst]
    rest = [say("DS01.other", "{side} {shown} {rel} {need:.0f} mm", side=s.said, shown=_shown(s),
                rel=sign(s.margin + p.tolerance_mm >= 0, s.measured, s.required), need=s.required) for s in others]
    shallow = [say("DS01.shallow", "depth limited to {depth:.0f} mm by the room ({side})", depth=s.depth, side=s.said)
               for s in found if s.depth < p.depth_mm - 1.0]
    message = say("DS01.side_space", "free side space beside the {edge!w} {shown} {rel} {need:.0f} mm on the {side}{rest}{note}",
                  edge="opening" if d.kind is DoorKind.SLIDING else "latch", shown=_shown(worst), rel=rel, need=worst.required,
                  side=worst.said, rest=say("DS01.others", "; {sides:; }", sides=rest) if rest else "",
                  note=say("DS01.notes", "; {notes:; }", notes=shallow) if shallow else "")
    return Result(
        subject=d.id,
        status=status,
        measured=worst.measured,
        required=worst.required,
        unit="mm",
        msg=message,
        location=worst.strip if worst.measured >= 1.0 else worst.zone,
        zones=tuple(Zone(ZoneKind.DOOR_SIDE, s.zone, s.room) for s in found),
        details={
            "sides": [{"room": s.room, "side": s.label, "measured_mm": round(s.measured), "required_mm": round(s.required),
                       "depth_mm": round(s.depth)} for s in found],
        },
        confidence=Confidence(d.confidence),
    )


def check(ctx: Context, p: Params) -> Iterator[Result]:
    roles = set(p.door_roles)
    doors = [d for d in ctx.plan.doors if str(d.role) in roles and d.kind is not DoorKind.OPENING]
    if not doors:
        yield Result("plan", Status.NOT_APPLICABLE, None, None, "mm",
                     msg=say("DS01.none", "no door with a leaf of role {roles!d}", roles=list(p.door_roles)))
        return
    for d in doors:
        if d.automatic:
            said = attribute(d.attributes, *AUTOMATIC_TAGS)
            how = (say("DS01.by_attribute", "attribute {value!r}", value=said) if said is not None
                   else say("DS01.by_block", "block {block!r}", block=d.block))
            yield Result(d.id, Status.NOT_APPLICABLE, None, None, "mm", location=d.opening, details={"automatic": True},
                         msg=say("DS01.automatic", "door {door} has an automatic opener ({how}): no free side space needed",
                                 door=d.id, how=how))
            continue
        yield judge_door(ctx, d, p)
