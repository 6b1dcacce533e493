"""Door clear width by door role — and what a plan cannot show about doors.

What it checks
    Every door's clear width (as ``inspect`` derives it: an attribute, the Norwegian module in the
    block name, or the leaf minus stop and leaf thickness — see README "Door widths") against the
    width its role requires: the unit's entrance door, internal doors, balcony doors, other
    exterior doors and doors between common rooms (doors into technical rooms are on no
    accessible route: not applicable). Plain openings are measured as their width.
    Then, per door with a leaf, the free height and the threshold height, and — for doors of
    ``opening_force_roles`` (the unit's entrance door and the doors of the access route) — the
    opening force, read from block attributes (HEIGHT, THRESHOLD, OPENING_FORCE); without an
    attribute the finding is ``needs_review`` — 2D geometry cannot decide them.

Why
    TEK17 §12-13 (2) a (entrance door ≥ 0.86 m), (2) b (doors in the unit ≥ 0.76 m), (2) e (free
    height ≥ 2.0 m), (3) a (opening force ≤ 30 N for doors in access routes of a building with
    accessible dwellings, the unit's entrance door included), (3) c and §1-3 m (step-free:
    threshold ≤ 25 mm).

Parameters
    entrance_min_mm, internal_min_mm, balcony_min_mm, exterior_min_mm, common_min_mm (mm);
    include_openings (bool); check_threshold, check_height, check_opening_force (bool);
    opening_force_roles (door roles whose opening force is judged);
    max_threshold_mm (mm), min_height_mm (mm), max_opening_force_n (N); tolerance_mm (mm).

Passes / Fails
    DW01 passes when clear width ≥ the role's minimum; DW02 when the threshold ≤ the maximum;
    DW03 when the height ≥ the minimum; DW04 when the force ≤ the maximum. Widths inferred from
    loose swings carry confidence "low".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import LineString

from planeval.checks.base import RuleSpec, param
from planeval.findings import Confidence, Result, Sense, Status, compare, say, sign
from planeval.measure import Context
from planeval.model.attributes import DOOR_FACT_NAMES as NAMED
from planeval.model.types import DoorKind, DoorRole

SPEC = RuleSpec(
    code="DW01",
    name="door-clear-width",
    title="door clear width by role; threshold, free height and opening force",
    subcodes={"DW02": "threshold height at the door", "DW03": "free height of the door", "DW04": "opening force of the door"},
    overlay="doors",
    accessibility=True,
)


@dataclass(frozen=True)
class Params:
    entrance_min_mm: float = param("minimum clear width of the unit's entrance door (mm)")
    internal_min_mm: float = param("minimum clear width of doors inside the unit (mm)")
    balcony_min_mm: float = param("minimum clear width of balcony and terrace doors (mm)")
    exterior_min_mm: float = param("minimum clear width of other exterior doors (mm)")
    common_min_mm: float = param("minimum clear width of doors between common rooms (mm)")
    include_openings: bool = param("also judge plain openings (no leaf), measured as their width")
    check_threshold: bool = param("judge each door's threshold from its THRESHOLD attribute (DW02; none: needs review)")
    check_height: bool = param("judge each door's free height from its HEIGHT attribute (DW03; none: needs review)")
    check_opening_force: bool = param("judge the opening force of doors of opening_force_roles (OPENING_FORCE attribute, DW04)")
    opening_force_roles: tuple[str, ...] = param("door roles whose opening force is judged (entrance, exterior, common…)")
    max_threshold_mm: float = param("maximum threshold height of a step-free door (mm)")
    min_height_mm: float = param("minimum free height of a door (mm)")
    max_opening_force_n: float = param("maximum force needed to open a door (N)")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing a clear width with its minimum")


def _required(role: DoorRole, p: Params) -> float:
    return {
        DoorRole.ENTRANCE: p.entrance_min_mm,
        DoorRole.INTERNAL: p.internal_min_mm,
        DoorRole.BALCONY: p.balcony_min_mm,
        DoorRole.EXTERIOR: p.exterior_min_mm,
        DoorRole.COMMON: p.common_min_mm,
    }[role]


def check(ctx: Context, p: Params) -> Iterator[Result]:
    doors = [d for d in ctx.plan.doors if p.include_openings or d.kind is not DoorKind.OPENING]
    if not doors:
        yield Result("plan", Status.NOT_APPLICABLE, None, None, "mm", msg=say("DW01.no_doors", "no doors recognised in the plan"))
        return
    for d in doors:
        if d.role is DoorRole.SERVICE:
            yield Result(d.id, Status.NOT_APPLICABLE, d.clear_width_mm, None, "mm", location=LineString([d.hinge, d.latch]),
                         msg=say("DW01.service", "service door into a technical room: on no accessible route"))
            continue
        need = _required(d.role, p)
        where = LineString([d.hinge, d.latch])
        status = compare(d.clear_width_mm, need, Sense.AT_LEAST, p.tolerance_mm)
        rel = sign(status is Status.PASS, d.clear_width_mm, need)
        yield Result(
            subject=d.id,
            status=status,
            measured=d.clear_width_mm,
            required=need,
            unit="mm",
            msg=say("DW01.width", "{role!d} door, clear width {width:.0f} mm {rel} {need:.0f} mm (from {source!w}, leaf "
                                  "{leaf:.0f} mm)",
                    role=str(d.role), width=d.clear_width_mm, rel=rel, need=need, source=d.width_source, leaf=d.leaf_width_mm),
            location=where,
            confidence=Confidence(d.confidence) if d.width_source in ("swing", "opening", "block") else Confidence.HIGH,
            details={"role": str(d.role), "width_source": d.width_source, "kind": str(d.kind), "rooms": list(d.rooms)},
        )
        if d.kind is DoorKind.OPENING:
            continue
        aspects = [
            ("DW02", p.check_threshold, "threshold", NAMED["threshold"], d.threshold_mm, p.max_threshold_mm, Sense.AT_MOST, "mm"),
            ("DW03", p.check_height, "free height", NAMED["height"], d.height_mm, p.min_height_mm, Sense.AT_LEAST, "mm"),
            ("DW04", p.check_opening_force and str(d.role) in p.opening_force_roles, "opening force", NAMED["opening_force"],
             d.opening_force_n, p.max_opening_force_n, Sense.AT_MOST, "N"),
        ]
        for code, enabled, what, tags, value, limit, sense, unit in aspects:
            if not enabled:
                continue
            rel_word = "at most" if sense is Sense.AT_MOST else "at least"
            words = {"what": what, "aspect": code, "limit": limit, "unit": unit, "rel": rel_word,
                     "bound": "max" if sense is Sense.AT_MOST else "min"}
            if value is None:
                yield Result(
                    d.id, Status.NEEDS_REVIEW, None, limit, unit, location=where, sense=sense, code=code,
                    confidence=Confidence.LOW,
                    msg=say("DW01.aspect_unknown", "{what} not shown in a 2D plan and no {tags} attribute on the door: check "
                            "on site ({rel} {limit:g} {unit})", tags="/".join(tags[:2]), **words),
                )
                continue
            st = compare(value, limit, sense)
            m = (say("DW01.aspect_pass", "{what} {value:g} {unit} (block attribute) {sign} {limit:g} {unit}", value=value,
                     sign=sign(True, value, limit, sense), **words) if st is Status.PASS
                 else say("DW01.aspect_fail", "{what} {value:g} {unit} (block attribute), required {rel} {limit:g} {unit}",
                          value=value, **words))
            yield Result(d.id, st, value, limit, unit, location=where, sense=sense, code=code, msg=m)
