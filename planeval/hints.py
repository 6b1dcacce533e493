"""Fix hints: what would make a failing finding pass, computed from what was measured.

A hint is a suggestion with its number, never a verdict: "a 0.9 m door leaf gives 835 mm clear",
"move the latch-side wall 100 mm", "the WC needs 50 mm more towards the basin". It is computed here
from the finding's :class:`~planeval.findings.Result` (measured, required, details), the plan and —
where a second measurement says more — the plan's measurement :class:`~planeval.measure.Context`
(a turning circle with a door's swing left out). Where the geometry cannot say what would help, a
finding gets no hint.

A :class:`~planeval.findings.Hint` is language-neutral: a ``kind`` (the catalogue key
``hint.<kind>`` the reports render it with, in English or Norwegian) and the ``values`` its text
names — lengths in mm (``*_mm``), metres (``*_m``), areas (``*_m2``), ids and side words. Rule
thresholds are never read from code: the required value is the finding's own ``required`` (and, for
the WC's two sides, the rule set's parameters).

>>> _leaf_for(825.0, builtin_profile("plain").doors), _leaf_for(926.0, builtin_profile("plain").doors)
(825.0, 1000.0)
>>> _shift_interval(1100.0, 700.0, 900.0, 300.0)
(-200.0, 400.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from planeval.findings import Finding, Hint, Report, Status
from planeval.measure import Context
from planeval.measure.floor import FloorSpec, free_circle
from planeval.model.types import Door, DoorKind, Fixture, Plan
from planeval.read.profiles import DoorConvention, builtin_profile

__all__ = ["hint_for", "with_hints", "LEAF_STEP_MM"]

#: Door leaves come in whole decimetres and in the Norwegian modules' sizes (:func:`standard_leaves`):
#: an assumption about what is on the market, used only to word a suggestion.
LEAF_STEP_MM = 100.0
#: A fixture this close (mm) beyond a WC side's free width is what limits that side.
LIMIT_PROBE_MM = 150.0


def with_hints(report: Report, ctx: Context | None = None) -> None:
    """Attach a hint to every failing finding of ``report`` the geometry can say something about."""
    ctx = ctx if ctx is not None and ctx.plan is report.plan else Context(report.plan)
    report.findings = [_hinted(report, ctx, f) for f in report.findings]


def _hinted(report: Report, ctx: Context, f: Finding) -> Finding:
    if f.result.status is not Status.FAIL or f.hint is not None:
        return f
    try:
        h = hint_for(report, ctx, f)
    except (KeyError, ValueError, TypeError, ZeroDivisionError):  # a hint is a courtesy: never break a report
        h = None
    return replace(f, hint=h) if h is not None else f


def hint_for(report: Report, ctx: Context, f: Finding) -> Hint | None:
    """The hint for one failing finding, or None."""
    r = f.result
    if r.measured is None or r.required is None:
        return None
    short = r.required - r.measured if r.sense.value != "<=" else r.measured - r.required
    if short <= 0:
        return None
    code = f.code
    plan = report.plan
    if code == "DW01":
        return _door_width(plan, plan.door(r.subject), r.required)
    if code == "DS01":
        return _door_side(plan, r.subject, r.details)
    if code == "BA01":
        return _wc_sides(report, f)
    if code in ("TS01", "BT01"):
        return _turning(report, ctx, f, short)
    if code == "BA03":
        room_largest = float(r.details.get("room_largest_diameter_mm") or 0.0)
        kind = "wc-front-elsewhere" if room_largest >= r.required else "wc-front"
        return Hint(kind, {"short_mm": round(short), "required_mm": round(r.required), "room_mm": round(room_largest)})
    if code == "RE01":
        door = r.details.get("bottleneck_door")
        if door:
            return Hint("reach-door", {"door": door, "short_mm": round(short), "required_mm": round(r.required)})
        return Hint("reach-widen", {"short_mm": round(short)})
    if code == "PA01":
        target = r.details.get("bottleneck") or ""
        return Hint("passage", {"short_mm": round(short), "target": target})
    if code == "BD01" and not r.details.get("problem"):
        return Hint("bed-side", {"short_mm": round(short), "required_mm": round(r.required)})
    if code == "KI01":
        return Hint("counter-front", {"short_mm": round(short), "fixture": r.details.get("fixture", "")})
    if code == "BA02":
        return Hint("shower-zone", {"short_mm": round(short)})
    if code == "ST01":
        return Hint("storage", {"short_m2": round(short, 2)})
    if code == "AR01":
        return Hint("unit-area", {"short_m2": round(short, 2)})
    if code == "DW02":
        return Hint("threshold", {"short_mm": round(short)})
    return None


# --- doors -------------------------------------------------------------------------------------------


def _convention(plan: Plan) -> DoorConvention:
    """The door width policy of the plan's profile (a user profile file: the built-in defaults word the hint)."""
    conv = None
    try:
        conv = builtin_profile(plan.source.profile).doors
    except Exception:  # noqa: BLE001 - not a built-in profile name
        conv = None
    if conv is None:
        conv = builtin_profile("plain").doors
    assert conv is not None  # the built-in profiles always carry common.toml's [doors]
    return conv


def standard_leaves(conv: DoorConvention) -> list[float]:
    """Door leaves on the market, by the door width policy: whole decimetres (0.8, 0.9, 1.0 m) and the Norwegian
    modules' leaves (module × 100 mm − the frame's part of the deduction: M9 → 825 mm, M10 → 925 mm)."""
    frame_part = conv.module_frame_deduction_mm - conv.hinged_deduction_mm
    leaves = {m * LEAF_STEP_MM for m in range(6, 14)} | {m * 100.0 - frame_part for m in range(7, 13)}
    return sorted(leaves)


def _leaf_for(need: float, conv: DoorConvention) -> float:
    """The smallest standard leaf of at least ``need`` mm (beyond the list: the next whole decimetre)."""
    return next((x for x in standard_leaves(conv) if x + 1e-6 >= need), math.ceil(need / LEAF_STEP_MM) * LEAF_STEP_MM)


def _door_width(plan: Plan, d: Door, required: float) -> Hint | None:
    """A leaf (or module) that gives the required clear width, by the door's own width rule (README "Door widths")."""
    conv = _convention(plan)
    delta = required - d.clear_width_mm
    if d.kind is DoorKind.OPENING:
        return Hint("widen-opening", {"door": d.id, "short_mm": round(delta)})
    if d.width_source == "module" and d.kind is DoorKind.HINGED:
        m = conv.module_pattern.search(d.block) if d.block else None
        now = int(m.group(1) or m.group(2)) if m else round((d.clear_width_mm + conv.module_frame_deduction_mm) / 100)
        frame = now * 100.0 - d.clear_width_mm
        module = math.ceil((required + frame) / 100.0 - 1e-9)
        return Hint("door-module", {"door": d.id, "module": module, "clear_mm": round(module * 100 - frame),
                                    "now_module": now, "now_mm": round(d.clear_width_mm)})
    leaves = max(1, len(d.leaves)) if d.kind is DoorKind.DOUBLE else 1
    per_leaf = d.leaf_width_mm / leaves
    # the (active) leaf grows by at least the shortfall; the door's own deduction (leaf − clear, by the width rule it was
    # measured with) stays, so the clear width grows as much as the leaf
    leaf = _leaf_for(per_leaf + delta, conv)
    clear = d.clear_width_mm + (leaf - per_leaf)
    kind = {DoorKind.SLIDING: "door-sliding", DoorKind.DOUBLE: "door-double"}.get(d.kind, "door-leaf")
    values = {"door": d.id, "leaf_m": round(leaf) / 1000, "clear_mm": round(clear), "now_mm": round(d.clear_width_mm)}
    if kind == "door-leaf":
        values["grow_mm"] = round(leaf - per_leaf)
    return Hint(kind, values)


def _door_side(plan: Plan, door: str, details: dict[str, Any]) -> Hint | None:
    """The worst side without its required free width beside the latch: move that wall (or fitting) by the shortfall."""
    worst: tuple[float, dict[str, Any]] | None = None
    for s in details.get("sides") or []:
        gap = float(s.get("required_mm", 0)) - float(s.get("measured_mm", 0))
        if gap > 0 and (worst is None or gap > worst[0]):
            worst = (gap, s)
    if worst is None:
        return None
    gap, s = worst
    label = str(s.get("side", ""))
    face = next((w for w in ("pull", "push", "latch", "parking") if label.startswith(w)), "")
    rid = str(s.get("room", ""))
    room = next((x.display_name for x in plan.rooms if x.id == rid), rid)
    kind = "door-side-sliding" if face in ("latch", "parking") else "door-side"
    return Hint(kind, {"door": door, "short_mm": round(gap), "face": face, "room": room,
                       "required_mm": round(float(s.get("required_mm", 0)))})


# --- WC ---------------------------------------------------------------------------------------------


def _shift_interval(w_x: float, w_o: float, large: float, small: float) -> tuple[float, float]:
    """Shifts s of the WC (positive: towards side O, so side X grows by s) with X ≥ ``large`` and O ≥ ``small``."""
    return large - w_x, w_o - small


def _wc_sides(report: Report, f: Finding) -> Hint | None:
    """Move the WC between its two sides when their sum is enough; otherwise the width missing, and what limits it."""
    r = f.result
    cfg = report.ruleset.rules.get(f.rule)
    widths = r.details.get("side_widths_mm") or {}
    if cfg is None or cfg.params is None or set(widths) != {"left", "right"}:
        return None
    large = max(cfg.params.side_large_mm, cfg.params.side_small_mm)
    small = min(cfg.params.side_large_mm, cfg.params.side_small_mm)
    best: tuple[float, str] | None = None  # (shift, side the WC moves towards)
    for x, o in (("left", "right"), ("right", "left")):
        lo, hi = _shift_interval(float(widths[x]), float(widths[o]), large, small)
        if lo > hi:
            continue
        s = lo if lo > 0 else (hi if hi < 0 else 0.0)
        if s == 0.0:
            return None
        cand = (abs(s), o if s > 0 else x)
        if best is None or cand[0] < best[0]:
            best = cand
    if best is not None:
        return Hint("wc-move", {"shift_mm": round(best[0]), "side": best[1]})
    # not enough in sum: the wider side should take the large zone, the narrow one the small
    wide = max(widths, key=lambda k: widths[k])
    narrow = "left" if wide == "right" else "right"
    need_wide = max(0.0, large - widths[wide])
    side, short = (wide, need_wide) if need_wide > 0 else (narrow, max(0.0, small - widths[narrow]))
    limit = _side_limit(report.plan, r.details, side, float(widths[side]))
    return Hint("wc-side", {"short_mm": round(short), "side": side, "limit": limit})


def _side_limit(plan: Plan, details: dict[str, Any], side: str, width: float) -> str:
    """What stops a WC side: the kind of the fixture just beyond its free width, else ``wall``."""
    origin = details.get("wc_back_mid")
    facing = details.get("wc_facing_deg")
    wc_id = details.get("fixture")
    if origin is None or facing is None:
        return "wall"
    a = math.radians(float(facing))
    fx, fy = math.cos(a), math.sin(a)
    # sitting on the WC facing its front: right is the facing direction turned clockwise
    sx, sy = (fy, -fx) if side == "right" else (-fy, fx)
    wc = next((x for x in plan.fixtures if x.id == wc_id), None)
    half = _half_width(wc, (sx, sy)) if wc is not None else 0.0
    depth = float(details.get("side_depth_mm") or 700.0)
    best: tuple[float, Fixture] | None = None
    for fx_ in plan.fixtures:
        if fx_.id == wc_id or fx_.movable:
            continue
        c = fx_.polygon.centroid
        dx, dy = c.x - origin[0], c.y - origin[1]
        along, across = dx * fx + dy * fy, dx * sx + dy * sy
        near = across - _half_width(fx_, (sx, sy))
        if -100.0 <= along <= depth + 300.0 and 0 < near <= half + width + LIMIT_PROBE_MM:
            if best is None or near < best[0]:
                best = (near, fx_)
    return best[1].kind if best is not None else "wall"


def _half_width(fx: Fixture, axis: tuple[float, float]) -> float:
    """Half the fixture's extent along ``axis``."""
    xs = [px * axis[0] + py * axis[1] for px, py in fx.polygon.exterior.coords]
    return (max(xs) - min(xs)) / 2


# --- turning ----------------------------------------------------------------------------------------


def _turning(report: Report, ctx: Context, f: Finding, short: float) -> Hint:
    """With the swing of the door that decided it left out, does the circle fit? Else the width missing."""
    r = f.result
    assert r.measured is not None and r.required is not None  # hint_for asked
    door = r.details.get("door_open")
    cfg = report.ruleset.rules.get(f.rule)
    if door and cfg is not None and cfg.params is not None:
        _, _, radius = free_circle(ctx, r.subject, FloorSpec.of(cfg.params))
        tol = float(getattr(cfg.params, "tolerance_mm", 0.0))
        if 2 * radius + tol >= r.required:
            return Hint("door-swing", {"door": door, "diameter_mm": round(2 * radius), "required_mm": round(r.required)})
    return Hint("turning", {"short_mm": round(short), "measured_mm": round(r.measured), "required_mm": round(r.required)})


def hinted(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that carry a hint."""
    return [f for f in findings if f.hint is not None]
