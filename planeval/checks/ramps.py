"""Ramps drawn in the plan: width, slope where the rise is stated, resting landings.

What it checks
    Every fixture of kind ``ramp`` (a block or layer named ramp/rampe; a ramp is a route, so it is
    floor for every other rule). RA01: a straight run is as wide as its footprint's short side and
    needs ``width_mm`` (not a straight run: for review). RA02: where the ramp's block states its
    rise (attribute RISE, HEIGHT_DIFFERENCE, HØYDEFORSKJELL, NIVÅFORSKJELL … in mm, or in m below
    5) or its slope (SLOPE, GRADIENT, STIGNING: "1:15", "6.7 %", 0.067), the slope as 1:n with
    n = length / rise must be at least ``max_ratio`` (``short_ratio`` for runs shorter than
    ``short_run_mm``); otherwise for review. RA03: a rise above ``landing_rise_mm`` needs a
    horizontal landing of ``landing_mm`` for each such height, which one drawn ramp footprint does
    not show (for review); up to that rise none is needed.

Why
    TEK17 §12-16 (1): width at least 0.9 m; (2): slope at most 1:15, 1:12 for stretches under
    3.0 m; a horizontal resting landing at least 1.5 m long for each 1.0 m of height difference.
    Levels are not in a 2D plan's geometry: the slope is judged only where the drawing states them.

Parameters
    width_mm (mm); max_ratio, short_ratio (n of 1:n); short_run_mm, landing_rise_mm, landing_mm,
    tolerance_mm (mm).

Passes / Fails
    RA01 passes/fails on the width; RA02 on 1:n where a rise or slope is stated, ``needs_review``
    otherwise; RA03 passes when the stated rise needs no landing, ``needs_review`` when it does or
    the rise is unknown. Not applicable when no ramp is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import RuleSpec, param
from planeval.findings import Confidence, Result, Sense, Status, say, sign
from planeval.measure import Context
from planeval.measure.runs import run_of
from planeval.model.types import Fixture
from planeval.vocabulary import fold

SPEC = RuleSpec(
    code="RA01",
    name="ramps",
    title="a ramp drawn in the plan is wide enough, not too steep and has its landings",
    subcodes={"RA02": "slope of a ramp (where the rise is stated)", "RA03": "resting landings of a ramp"},
    overlay="other",
    measured="length",
)

#: Block attributes stating a ramp's rise (mm, or m when below 5) and its slope.
RISE_TAGS = ("rise", "height_difference", "level_difference", "høydeforskjell", "hoydeforskjell", "nivåforskjell",
             "nivaforskjell", "hoyde", "høyde")
SLOPE_TAGS = ("slope", "gradient", "stigning", "fall")


@dataclass(frozen=True)
class Params:
    width_mm: float = param("free width of a ramp (mm)")
    max_ratio: float = param("slope at most 1:n with this n (e.g. 15 for 1:15)")
    short_ratio: float = param("slope at most 1:n with this n for runs shorter than short_run_mm (e.g. 12)")
    short_run_mm: float = param("runs shorter than this may have the steeper slope short_ratio (mm)")
    landing_rise_mm: float = param("a horizontal landing is needed for each this much height difference (mm)")
    landing_mm: float = param("length of each horizontal resting landing (mm)")
    tolerance_mm: float = param("drawing noise allowed when comparing the width (mm)")


def _number(text: str) -> float | None:
    m = re.search(r"-?\d+(?:[.,]\d+)?", text)
    return float(m.group(0).replace(",", ".")) if m else None


def stated(f: Fixture, length_mm: float) -> tuple[float | None, float | None, str]:
    """(rise mm, n of the slope 1:n, which attribute said so) from the ramp's block attributes."""
    attrs = {fold(k).replace(" ", "_"): v for k, v in f.attributes}
    for tag in RISE_TAGS:
        if tag in attrs:
            v = _number(attrs[tag])
            if v is not None and v > 0:
                rise = v * 1000 if v < 5 else v
                return rise, length_mm / rise, tag.upper()
    for tag in SLOPE_TAGS:
        if tag in attrs:
            text = attrs[tag]
            ratio = re.search(r"1\s*:\s*(\d+(?:[.,]\d+)?)", text)
            if ratio:
                n = float(ratio.group(1).replace(",", "."))
            else:
                v = _number(text)
                if v is None or v <= 0:
                    continue
                n = 100 / v if "%" in text or v >= 1 else 1 / v
            return length_mm / n, n, tag.upper()
    return None, None, ""


def judge(ctx: Context, f: Fixture, p: Params) -> Iterator[Result]:
    run = run_of(ctx, f)
    where = say("GU02.in", " in {room}", room=ctx.room(f.room).display_name) if f.room else ""
    if not run.straight:
        yield Result(f.id, Status.NEEDS_REVIEW, None, p.width_mm, "mm", location=f.polygon, confidence=Confidence.LOW,
                     msg=say("RA01.not_straight", "ramp {id}{where} is not a straight run ({w:.0f} × {length:.0f} mm "
                                                  "footprint): its width cannot be read from the plan (≥ {need:.0f} mm)",
                                                  id=f.id, where=where, w=run.width,
                             length=run.length, need=p.width_mm))
        return
    ok = run.width + p.tolerance_mm >= p.width_mm
    yield Result(f.id, Status.PASS if ok else Status.FAIL, run.width, p.width_mm, "mm",
                 msg=say("RA01.width", "ramp {id}{where}: width {w:.0f} mm {rel} {need:.0f} mm",
                                       id=f.id, where=where, w=run.width,
                         rel=sign(ok, run.width, p.width_mm), need=p.width_mm),
                 location=f.polygon, confidence=Confidence.MEDIUM, details={"length_mm": round(run.length)})
    rise, n, tag = stated(f, run.length)
    limit = p.short_ratio if run.length < p.short_run_mm else p.max_ratio
    if n is None or rise is None:
        yield Result(f.id, Status.NEEDS_REVIEW, None, limit, "", location=f.polygon, code="RA02",
                     msg=say("RA02.unknown", "ramp {id}: no rise or slope stated (no RISE/STIGNING attribute, levels are not "
                                             "in the plan's geometry): slope at most 1:{limit:g} over its {length:.0f} mm",
                                             id=f.id, limit=limit,
                             length=run.length))
        yield Result(f.id, Status.NEEDS_REVIEW, None, p.landing_rise_mm, "mm", location=f.polygon, code="RA03",
                     msg=say("RA03.unknown", "ramp {id}: rise unknown: a {landing:.0f} mm landing is needed for each "
                                             "{rise:.0f} mm of height", id=f.id, landing=p.landing_mm, rise=p.landing_rise_mm))
        return
    ok = n + 1e-6 >= limit
    slope = {"id": f.id, "rise": rise, "length": run.length, "tag": tag, "n": n, "limit": limit}
    yield Result(f.id, Status.PASS if ok else Status.FAIL, n, limit, "",
                 msg=say("RA02.slope", "ramp {id}: rise {rise:.0f} mm over {length:.0f} mm ({tag}) = 1:{n:.1f} ≤ 1:{limit:g}",
                                       **slope)
                 if ok else say("RA02.steep", "ramp {id}: rise {rise:.0f} mm over {length:.0f} mm ({tag}) = 1:{n:.1f} steeper "
                                              "than 1:{limit:g}", **slope), location=f.polygon, code="RA02",
                 details={"rise_mm": round(rise), "ratio": round(n, 2), "stated_by": tag})
    if rise <= p.landing_rise_mm:
        yield Result(f.id, Status.PASS, rise, p.landing_rise_mm, "mm",
                     msg=say("RA03.low", "ramp {id}: rise {rise:.0f} mm ≤ {max:.0f} mm: no resting landing needed",
                                         id=f.id, rise=rise,
                             max=p.landing_rise_mm),
                     location=f.polygon, code="RA03", sense=Sense.AT_MOST)
    else:
        yield Result(f.id, Status.NEEDS_REVIEW, rise, p.landing_rise_mm, "mm",
                     msg=say("RA03.high", "ramp {id}: rise {rise:.0f} mm > {max:.0f} mm needs a horizontal landing of "
                                          "{landing:.0f} mm for each {max:.0f} mm of height; one drawn ramp does not show it",
                                          id=f.id, rise=rise,
                             max=p.landing_rise_mm, landing=p.landing_mm),
                     location=f.polygon, code="RA03", sense=Sense.AT_MOST)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    ramps = [f for f in ctx.plan.fixtures if f.kind == "ramp"]
    if not ramps:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.width_mm, "mm", msg=say("RA01.none", "no ramp drawn in the plan"))
        return
    for f in ramps:
        yield from judge(ctx, f, p)
