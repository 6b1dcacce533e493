"""Run a rule set on a plan: measure once (memoised :class:`Context`), judge many.

``run(plan, ruleset)`` returns a :class:`Report`. Expensive geometry (free floor per room, door
swings, largest circles, erosions for passages and wheelchairs) is computed by ``Context`` methods
and cached by their arguments, so judging twenty rule-set variants of one plan costs little more
than judging one. A check that raises becomes one ERROR finding; the other checks still run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval import __version__
from planeval.checks.base import Result, Sense, Status, Zone
from planeval.geometry import largest_circle, polygons_of
from planeval.model.types import OUTSIDE, Door, DoorKind, Plan, Room
from planeval.ruleset import RuleConfig, RuleSet

SCHEMA_VERSION = 1


class Context:
    """A plan plus memoised geometry shared by all checks and all rule sets judged on it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._rooms = {r.id: r for r in plan.rooms}
        self._doors = {d.id: d for d in plan.doors}
        self.stats: dict[str, int] = {"computed": 0, "reused": 0}
        self._cache: dict[tuple[Any, ...], Any] = {}
        self.findings: list[Any] = []  # the findings of the rule set being judged, so far

    # -- memo --------------------------------------------------------------------------------
    def memo(self, key: tuple[Any, ...], compute) -> Any:
        if key in self._cache:
            self.stats["reused"] += 1
            return self._cache[key]
        self.stats["computed"] += 1
        value = compute()
        self._cache[key] = value
        return value

    # -- lookups -----------------------------------------------------------------------------
    def room(self, rid: str) -> Room:
        return self._rooms[rid]

    def door(self, did: str) -> Door:
        return self._doors[did]

    def rooms(self, functions: Iterable[str] | None = None, *, include_common: bool = False) -> list[Room]:
        fs = set(functions) if functions is not None else None
        return [
            r for r in self.plan.rooms
            if (include_common or not r.common) and (fs is None or fs & set(r.functions))
        ]

    def doors_of(self, rid: str) -> list[Door]:
        return [d for d in self.plan.doors if rid in d.rooms]

    def doors_swinging_into(self, rid: str) -> list[Door]:
        return [d for d in self.plan.doors if d.swing_room == rid and d.swing is not None]

    # -- free floor --------------------------------------------------------------------------
    def obstacles(self, rid: str, *, furnished: bool, floor_kinds: tuple[str, ...] = (), underpass_kinds: tuple[str, ...] = (),
                  underpass_mm: float = 0.0) -> BaseGeometry:
        """Fixtures (and, when furnished, furniture) standing in a room, as one geometry.

        ``floor_kinds`` (e.g. a step-free shower) are floor, not obstacles; ``underpass_kinds``
        (fixtures with knee space, e.g. a wall-hung basin) give up the strip of ``underpass_mm``
        along their free side: the turning area may reach that far under them.
        """
        key = ("obstacles", rid, furnished, floor_kinds, underpass_kinds, underpass_mm)

        def compute() -> BaseGeometry:
            room = self.room(rid)
            items = []
            for f in self.plan.fixtures:
                if f.kind in floor_kinds or (f.movable and not furnished):
                    continue
                if f.polygon.intersects(room.polygon):
                    items.append(f)
            if not items:
                return Polygon()
            solid = shapely.union_all([f.polygon for f in items])
            reach = None
            parts = []
            for f in items:
                g = f.polygon
                if f.kind in underpass_kinds and underpass_mm > 0:
                    # knee space: the part of the fixture within underpass_mm of the free floor is floor
                    if reach is None:
                        # snap to 0.1 mm first: a sliver of 1e-14 mm left by the difference breaks a mitred buffer
                        free0 = shapely.set_precision(room.polygon.difference(solid), 0.1)
                        reach = free0.buffer(underpass_mm, join_style="mitre")
                    g = g.difference(reach)
                    if g.is_empty:
                        continue
                parts.append(g)
            return shapely.union_all(parts) if parts else Polygon()

        return self.memo(key, compute)

    def free_floor(self, rid: str, *, furnished: bool, floor_kinds: tuple[str, ...] = (), underpass_kinds: tuple[str, ...] = (),
                   underpass_mm: float = 0.0, minus_swings: tuple[str, ...] = ()) -> BaseGeometry:
        """Room minus obstacles minus the swings of the doors in ``minus_swings``."""
        key = ("free", rid, furnished, floor_kinds, underpass_kinds, underpass_mm, minus_swings)

        def compute() -> BaseGeometry:
            room = self.room(rid)
            free = room.polygon.difference(self.obstacles(rid, furnished=furnished, floor_kinds=floor_kinds,
                                                         underpass_kinds=underpass_kinds, underpass_mm=underpass_mm))
            for did in minus_swings:
                d = self.door(did)
                if d.swing is not None:
                    free = free.difference(d.swing)
            return free

        return self.memo(key, compute)

    def circle(self, free_key: tuple[Any, ...], free: BaseGeometry) -> tuple[float, float, float]:
        """Largest circle (cx, cy, r) in a free-floor geometry, memoised by the key that made it."""
        return self.memo(("circle", *free_key), lambda: largest_circle(free))

    def eroded(self, key: tuple[Any, ...], geom: BaseGeometry, radius: float) -> BaseGeometry:
        """Where the centre of a disc of ``radius`` can be inside ``geom`` (Minkowski erosion)."""
        return self.memo(("eroded", *key, round(radius, 1)), lambda: geom.buffer(-radius, quad_segs=8) if radius > 0 else geom)

    # -- doors ---------------------------------------------------------------------------------
    def door_approach(self, d: Door, rid: str, depth: float) -> Polygon:
        """The strip in front of a door opening inside room ``rid`` (the opening × ``depth``)."""
        (ax, ay), (bx, by) = d.hinge, d.latch
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        nx, ny = -uy, ux
        room = self.room(rid).polygon
        mx, my = (ax + bx) / 2, (ay + by) / 2
        probe = Point(mx + nx * 200, my + ny * 200)
        sign = 1.0 if room.distance(probe) <= room.distance(Point(mx - nx * 200, my - ny * 200)) else -1.0
        nx, ny = nx * sign, ny * sign
        # start a little behind the chord: the chord may sit on either face of the wall
        back = 300.0
        return Polygon([
            (ax - nx * back, ay - ny * back), (bx - nx * back, by - ny * back),
            (bx + nx * depth, by + ny * depth), (ax + nx * depth, ay + ny * depth),
        ])


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    severity: str
    source: str
    result: Result
    accepted: str = ""  # set by a baseline: the reason this known finding is accepted

    @property
    def status(self) -> Status:
        return self.result.status

    @property
    def failing(self) -> bool:
        return self.result.status is Status.FAIL


@dataclass
class Report:
    plan: Plan
    ruleset: RuleSet
    findings: list[Finding]
    area: dict[str, Any] | None = None
    context_stats: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for f in self.findings:
            counts[f.status.value] += 1
        counts["total"] = len(self.findings)
        counts["failing_errors"] = sum(1 for f in self.findings if f.failing and f.severity == "error")
        counts["failing_warnings"] = sum(1 for f in self.findings if f.failing and f.severity == "warning")
        return counts

    def exit_failures(self, strict: bool = False) -> bool:
        for f in self.findings:
            if f.accepted:
                continue
            if f.failing and (f.severity == "error" or strict):
                return True
            if strict and f.status in (Status.NEEDS_REVIEW, Status.ERROR):
                return True
        return False

    def to_dict(self) -> dict[str, Any]:
        from planeval.report.plan import plan_to_dict

        plan_dict = plan_to_dict(self.plan)
        return {
            "schema_version": SCHEMA_VERSION,
            "planeval_version": __version__,
            "file": plan_dict["file"],
            "units": plan_dict["units"],
            "profile": plan_dict["profile"],
            "ruleset": self.ruleset.to_dict(),
            "summary": self.summary(),
            "findings": [finding_to_dict(f, self.plan) for f in self.findings],
            "rooms": plan_dict["rooms"],
            "doors": plan_dict["doors"],
            "units_in_plan": plan_dict["units_in_plan"],
            "area": self.area,
            "diagnostics": plan_dict["diagnostics"],
        }


def _round(v: float | None, unit: str) -> float | None:
    if v is None:
        return None
    if unit == "mm":
        return round(v)
    if unit == "m²":
        return round(v, 2)
    return round(v, 3)


def subject_name(plan: Plan, subject: str) -> str:
    for r in plan.rooms:
        if r.id == subject:
            return r.label or r.id
    for d in plan.doors:
        if d.id == subject:
            names = [next((r.label or r.id for r in plan.rooms if r.id == x), x) for x in d.rooms]
            return f"door {' – '.join(names)}"
    return subject


def finding_to_dict(f: Finding, plan: Plan) -> dict[str, Any]:
    from planeval.report.plan import wkt

    r = f.result
    return {
        "code": f.code,
        "rule": f.rule,
        "subject": r.subject,
        "subject_name": subject_name(plan, r.subject),
        "status": r.status.value,
        "measured": _round(r.measured, r.unit),
        "required": _round(r.required, r.unit),
        "margin": _round(r.margin, r.unit),
        "sense": r.sense.value,
        "unit": r.unit,
        "severity": f.severity,
        "source": f.source,
        "message": r.message,
        "confidence": r.confidence,
        "location": wkt(r.location) if r.location is not None else "",
        "zones": [{"kind": z.kind, "room": z.room, "polygon": wkt(z.geometry)} for z in r.zones],
        "details": r.details,
        **({"accepted": f.accepted} if f.accepted else {}),
    }


def _subject_key(subject: str) -> tuple[str, int]:
    digits = "".join(ch for ch in subject if ch.isdigit())
    return (subject.rstrip("0123456789"), int(digits) if digits else 0)


def run(plan: Plan, ruleset: RuleSet, ctx: Context | None = None) -> Report:
    """Judge ``plan`` by ``ruleset``; pass a shared ``ctx`` to reuse geometry across rule sets."""
    from planeval.checks import CHECKS

    ctx = ctx or Context(plan)
    findings: list[Finding] = []
    ctx.findings = findings  # rules that summarise other rules (accessible-share) read them
    for rc in ruleset.enabled():
        module = CHECKS[rc.rule]
        try:
            results = list(module.check(ctx, rc.params))
        except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
            results = [
                Result("plan", Status.ERROR, None, None, "", f"{rc.rule}: the check failed ({type(exc).__name__}: {exc})")
            ]
        for res in results:
            code = res.code or module.CODE
            findings.append(Finding(code, rc.rule, rc.severity, rc.source, res))
    order = {name: i for i, name in enumerate(CHECKS)}
    findings.sort(key=lambda f: (order.get(f.rule, 99), f.code, _subject_key(f.result.subject)))
    from planeval.scoring import area_metrics

    report = Report(plan, ruleset, findings, context_stats=dict(ctx.stats))
    report.area = area_metrics(plan, findings=findings, ruleset=ruleset, unreachable=_unreachable(ctx, ruleset))
    _accessible_block(report)
    return report


ACCESSIBILITY_RULES = ("turning-space", "wc-clearance", "door-clear-width", "door-side-space", "passage-width", "wheelchair-reachability")


def _accessible_block(report: Report) -> None:
    """Which units pass every accessibility rule of the set: the building block's accessible share."""
    from planeval.checks.accessible_share import accessible_units

    rc = report.ruleset.rules.get("accessible-share")
    rules = rc.params.accessibility_rules if rc is not None and rc.params is not None else ACCESSIBILITY_RULES
    ok = accessible_units(report.plan, report.findings, tuple(rules))
    if report.area is not None and ok:
        b = report.area["building"]
        b["accessible_units"] = sum(ok.values())
        b["accessible_share"] = round(sum(ok.values()) / len(ok), 4)
        b["accessible_by_unit"] = dict(sorted(ok.items()))
        b["accessibility_rules"] = list(rules)
        for u in report.area["units"]:
            u["accessible"] = ok.get(u["id"])


def _unreachable(ctx: Context, ruleset: RuleSet) -> dict[str, BaseGeometry] | None:
    """Free floor no wheelchair reaches from the entrance, per unit (when the rule set checks reachability)."""
    rc = ruleset.rules.get("wheelchair-reachability")
    if rc is None or not rc.enabled or rc.params is None:
        return None
    try:
        from planeval.checks.wheelchair_reachability import unreachable_floor
    except ImportError:
        return None
    return {u.id: unreachable_floor(ctx, u.id, rc.params) for u in ctx.plan.units if u.entrance_door}


def run_many(plan: Plan, rulesets: list[RuleSet]) -> list[Report]:
    """Several rule sets on one plan, measuring once."""
    ctx = Context(plan)
    return [run(plan, rs, ctx) for rs in rulesets]
