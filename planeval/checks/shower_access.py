"""Bathroom: a step-free shower zone and a free passage to it.

What it checks
    In every bathroom (the unit's accessible one is chosen by ``accessible-bathroom``; the others
    are extra): a shower zone of at least ``zone_width_mm`` × ``zone_length_mm`` — the drawn shower;
    a drawn tray smaller than that where the free floor beside it makes up a step-free zone of the
    size overlapping the tray; or, where only a bath or nothing is drawn, free floor where such a
    zone could be arranged — and a free passage of ``passage_mm`` from the bathroom door to it.
    Step-free is not visible in 2D: read from a THRESHOLD/STEP_FREE attribute on the shower block
    when ``check_step_free``, else reported as needs_review.

Why
    TEK17 §12-9 (1) b: it shall be possible to arrange a step-free shower zone, with a free
    passage of 0.9 m to it (no zone size in the regulation text). Husbanken care housing: shower
    zone ≥ 1.1 × 1.4 m; TEK17 §12-9 (2) (UU buildings): 1.6 × 1.3 m.

Parameters
    zone_width_mm, zone_length_mm, passage_mm (mm); check_step_free (bool);
    max_threshold_mm (mm); tolerance_mm (mm).

Passes / Fails
    BA02 per bathroom: measured = the short side of the largest zone of the required proportions
    (drawn shower or possible area), required = ``zone_width_mm``; fails when the zone is too
    small or cannot be reached with the passage width. BA04: the step-free check (pass/fail from
    an attribute, else needs_review).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planeval.checks.base import RuleSpec, param
from planeval.findings import Message, Result, Sense, Status, Zone, ZoneKind, say, sign
from planeval.geometry import rect_sides
from planeval.measure import Context, FloorSpec
from planeval.measure.bathroom import possible_shower_zone, shower_zone_around, zone_passages
from planeval.measure.fixtures import fixtures_in, oriented_rectangle
from planeval.measure.frames import rounded
from planeval.model.attributes import STEP_FREE_TAGS, attribute
from planeval.model.types import Fixture, Room

SPEC = RuleSpec(
    code="BA02",
    name="shower-access",
    title="a step-free shower zone of the required size",
    subcodes={"BA04": "step-free shower floor"},
    overlay="bathroom",
    zone_kinds=(ZoneKind.SHOWER,),
    accessibility=True,
)

ROOM_FUNCTIONS = ("bathroom",)
#: Fixture kinds that count as floor for the passage (a step-free shower zone is floor).
PASSAGE_FLOOR = ("shower",)
#: Fixture kinds that a possible shower zone may replace (a bath can give way to a shower zone).
REPLACEABLE = ("shower", "bath")


@dataclass(frozen=True)
class Params:
    zone_width_mm: float = param("short side of the shower zone, drawn or possible in the free floor (mm)")
    zone_length_mm: float = param("long side of the shower zone (mm)")
    passage_mm: float = param("width of the free passage from the bathroom door to the shower zone (mm)")
    check_step_free: bool = param("judge step-free from the shower's THRESHOLD/STEP_FREE attribute (BA04; else needs review)")
    max_threshold_mm: float = param("maximum threshold or step height of a step-free shower (mm)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the zone and the passage with their sizes")


@dataclass(frozen=True)
class ZoneFit:
    """The shower zone judged in a bathroom."""

    source: str  # "drawn" (a shower fixture) | "around" (a smaller tray and the floor beside it) | "possible" (none drawn)
    fixture: Fixture | None
    geometry: BaseGeometry  # the drawn footprint, or a placed rectangle (empty when nothing fits)
    size: tuple[float, float]  # short, long side of the drawn shower / of the placed zone
    short_side: float  # short side of the largest zone of the required proportions


@dataclass(frozen=True)
class Passage:
    ok: bool | None  # None: the room has no door to start from
    widest_mm: float | None  # widest passage that reaches the zone from every door (on failure)
    blocked_door: str | None


def _req(p: Params) -> tuple[float, float]:
    return min(p.zone_width_mm, p.zone_length_mm), max(p.zone_width_mm, p.zone_length_mm)


def _drawn_fit(f: Fixture, p: Params) -> ZoneFit:
    c = oriented_rectangle(f.polygon)
    short, long_ = rect_sides(Polygon(c))
    zw, zl = _req(p)
    return ZoneFit("drawn", f, Polygon(c), (short, long_), min(short, long_ * zw / zl))


def _possible_fit(ctx: Context, room: Room, p: Params) -> ZoneFit:
    """The largest zone of the required proportions the free floor holds (a bath may give way)."""
    zw, zl = _req(p)
    s, geom = possible_shower_zone(ctx, room, FloorSpec(False, REPLACEABLE), zl / zw)
    return ZoneFit("possible", None, geom, (s, s * zl / zw), s)


def _around_fit(ctx: Context, room: Room, f: Fixture, p: Params) -> ZoneFit:
    """A smaller drawn tray and the step-free floor beside it: the largest zone overlapping the tray."""
    zw, zl = _req(p)
    s, geom = shower_zone_around(ctx, room, f, zl / zw)
    return ZoneFit("around", f, geom, (s, s * zl / zw), s)


def measure_zone(ctx: Context, room: Room, p: Params) -> ZoneFit:
    showers = fixtures_in(ctx, room, ("shower",))
    if showers:
        zw = _req(p)[0]
        fits = [_drawn_fit(f, p) for f in showers]
        if all(z.short_side + p.tolerance_mm < zw for z in fits):
            fits += [_around_fit(ctx, room, f, p) for f in showers]
        return max(fits, key=lambda z: (z.short_side, z.source == "drawn", z.fixture.id))  # type: ignore[union-attr]
    return _possible_fit(ctx, room, p)


def measure_passage(ctx: Context, room: Room, zone: ZoneFit, p: Params) -> Passage:
    """Whether a passage of ``passage_mm`` (less the tolerance on both sides) goes from every door
    of the room to the zone; the first door it does not, and the widest passage that does."""
    if zone.geometry.is_empty or not ctx.doors_of(room.id):
        return Passage(None, None, None)
    floor = FloorSpec(False, REPLACEABLE if zone.source == "possible" else PASSAGE_FLOOR)  # a step-free zone is floor
    widths = zone_passages(ctx, room, zone.geometry, floor)
    need = p.passage_mm - 2 * p.tolerance_mm
    blocked = next((did for did, w in widths.items() if w < need), None)
    if blocked is None:
        return Passage(True, None, None)
    return Passage(False, min(widths.values()), blocked)


def judge(ctx: Context, room: Room, p: Params) -> tuple[Result, Result | None]:
    zw, zl = _req(p)
    tol = p.tolerance_mm
    z = measure_zone(ctx, room, p)
    zone_ok = z.short_side + tol >= zw
    passage = measure_passage(ctx, room, z, p) if zone_ok else Passage(None, None, None)
    size = {"a": z.size[0], "b": z.size[1]}
    what: Message
    if z.source == "drawn":
        what = say("BA02.drawn", "drawn shower {id} {a:.0f} × {b:.0f} mm", id=z.fixture.id, **size)  # type: ignore[union-attr]
    elif z.source == "around":
        t = _drawn_fit(z.fixture, p)  # type: ignore[arg-type]
        what = say("BA02.around", "drawn shower {id} {ta:.0f} × {tb:.0f} mm with the free floor beside it: step-free zone "
                   "{a:.0f} × {b:.0f} mm overlapping the tray",
                   id=z.fixture.id, ta=t.size[0], tb=t.size[1],  # type: ignore[union-attr]
                   **size)
    elif z.geometry.is_empty:
        what = say("BA02.no_room", "no shower drawn and no free floor for a shower zone")
    else:
        bath = say("BA02.bath", " (a bath counted as replaceable)") if fixtures_in(ctx, room, ("bath",)) else ""
        what = say("BA02.possible", "no shower drawn; possible shower zone in the free floor{bath}: largest {a:.0f} × {b:.0f} mm",
                   bath=bath, **size)
    if z.source == "drawn" and abs(z.short_side - z.size[0]) > 0.5:
        what = say("BA02.largest_in", "{what} (largest {zw:.0f}:{zl:.0f} zone in it {s:.0f} × {sl:.0f} mm)",
                                      what=what, zw=zw, zl=zl,
                   s=z.short_side, sl=z.short_side * zl / zw)
    rel = sign(zone_ok, z.short_side, zw)
    more: Message | str = ""
    if zone_ok and passage.ok is False:
        more = say("BA02.blocked", "; no {passage:.0f} mm passage from door {door} to the shower zone (widest {widest:.0f} mm "
                   "< {passage:.0f} mm)", passage=p.passage_mm, door=passage.blocked_door, widest=passage.widest_mm)
    elif zone_ok and passage.ok:
        more = say("BA02.reached", "; {passage:.0f} mm passage from the door reaches it", passage=p.passage_mm)
    elif zone_ok and passage.ok is None:
        more = say("BA02.no_door", "; no door recognised: passage not judged")
    msg = say("BA02.zone", "{what}: short side {s:.0f} mm {rel} {zw:.0f} mm (zone {zw:.0f} × {zl:.0f} mm){more}", what=what,
              s=z.short_side, rel=rel, zw=zw, zl=zl, more=more)
    if not zone_ok:
        status = Status.FAIL
    elif passage.ok is None:
        status = Status.NEEDS_REVIEW
    else:
        status = Status.PASS if passage.ok else Status.FAIL
    geom = z.geometry if not z.geometry.is_empty else room.polygon
    ba02 = Result(
        subject=room.id,
        status=status,
        measured=z.short_side,
        required=zw,
        unit="mm",
        msg=msg,
        location=geom,
        code=SPEC.code,
        zones=(Zone(ZoneKind.SHOWER, z.geometry, room.id),) if not z.geometry.is_empty else (),
        details={
            "zone_source": z.source,
            "fixture": z.fixture.id if z.fixture else None,
            "zone_size_mm": [round(z.size[0]), round(z.size[1])],
            "zone_polygon": rounded(list(z.geometry.exterior.coords)[:-1])
            if isinstance(z.geometry, Polygon) and not z.geometry.is_empty else [],
            "passage_ok": passage.ok,
            "passage_widest_mm": None if passage.widest_mm is None else round(passage.widest_mm),
            "passage_blocked_door": passage.blocked_door,
            "measurement": "drawn shower footprint" if z.source == "drawn"
            else "largest zone of the required proportions overlapping the drawn tray (bisection on its size)"
            if z.source == "around" else "largest zone of the required proportions in the free floor (bisection on its size)",
        },
    )
    return ba02, (step_free(room, z, p) if p.check_step_free else None)


def step_free(room: Room, z: ZoneFit, p: Params) -> Result:
    loc = z.geometry if not z.geometry.is_empty else room.polygon
    base = dict(subject=room.id, unit="mm", location=loc, sense=Sense.AT_MOST, code="BA04", required=p.max_threshold_mm)
    if z.fixture is None:
        return Result(status=Status.NEEDS_REVIEW, measured=None, msg=say(
            "BA04.no_shower", "no shower drawn: whether a step-free zone (threshold ≤ {max:.0f} mm) can be arranged cannot be "
                              "seen in 2D",
            max=p.max_threshold_mm), details={"source": "none"}, **base)
    f = z.fixture
    if f.threshold_mm is not None:
        h = f.threshold_mm
        ok = h <= p.max_threshold_mm + 1e-9
        rel = sign(ok, h, p.max_threshold_mm, Sense.AT_MOST)
        return Result(status=Status.PASS if ok else Status.FAIL, measured=h, msg=say(
            "BA04.threshold", "shower {id} threshold {h:.0f} mm {rel} {max:.0f} mm (attribute)", id=f.id, h=h, rel=rel,
            max=p.max_threshold_mm),
            details={"source": "attribute", "fixture": f.id}, **base)
    if f.step_free is not None:
        yes, sf = f.step_free, attribute(f.attributes, *STEP_FREE_TAGS)  # the attribute's own words for the message
        v = {"id": f.id, "said": sf, "max": p.max_threshold_mm}
        return Result(status=Status.PASS if yes else Status.FAIL, measured=0.0 if yes else None, msg=say(
            "BA04.step_free", "shower {id} is step-free (attribute {said!r}); threshold allowed ≤ {max:.0f} mm",
                              **v) if yes else say(
            "BA04.not_step_free", "shower {id} is not step-free (attribute {said!r}); threshold allowed ≤ {max:.0f} mm", **v),
            details={"source": "attribute", "fixture": f.id}, **base)
    return Result(status=Status.NEEDS_REVIEW, measured=None, msg=say(
        "BA04.unknown", "shower {id}: threshold height unknown (no THRESHOLD/STEP_FREE attribute; not visible in 2D), required "
        "≤ {max:.0f} mm", id=f.id, max=p.max_threshold_mm), details={"source": "none", "fixture": f.id}, **base)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    rooms = [r for r in ctx.rooms() if set(ROOM_FUNCTIONS) & set(r.functions)
             or ("wc" in r.functions and fixtures_in(ctx, r, ("shower", "bath")))]
    if not rooms:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.zone_width_mm, "mm", msg=say("BA02.none", "no bathroom in the plan"))
        return
    for r in rooms:
        ba02, ba04 = judge(ctx, r, p)
        yield ba02
        if ba04 is not None:
            yield ba04
