"""Drawing units: trust ``$INSUNITS`` only when the geometry agrees, otherwise infer the scale.

Evidence, all in drawing units, turned into millimetres by each candidate scale:

* door swing radii (arcs of 80–100° on door layers or in door blocks): a leaf is 550–1300 mm;
* room polygons on room layers: 1–300 m²;
* text heights of room labels: 40–800 mm on a plan;
* the extent of the wall (or, without walls, all) geometry: 1.5 m to 500 m.

A candidate scale is plausible when at least half of every kind of evidence present fits. The
header's scale is used when it is plausible; otherwise the most plausible candidate is used and
reported as *inferred*; when none fits, a warning says so and the header's scale (or mm) is kept,
reported with source ``unknown``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

#: $INSUNITS code -> (name, millimetres per unit). Code 0 is "unitless".
INSUNITS: dict[int, tuple[str, float]] = {
    1: ("in", 25.4),
    2: ("ft", 304.8),
    3: ("mi", 1_609_344.0),
    4: ("mm", 1.0),
    5: ("cm", 10.0),
    6: ("m", 1000.0),
    7: ("km", 1_000_000.0),
    8: ("uin", 25.4e-6),
    9: ("mil", 0.0254),
    10: ("yd", 914.4),
    11: ("angstrom", 1e-7),
    12: ("nm", 1e-6),
    13: ("um", 1e-3),
    14: ("dm", 100.0),
    15: ("dam", 10_000.0),
    16: ("hm", 100_000.0),
    21: ("us_ft", 304.8006096),
}

#: Unit names a user may pass to ``--units``.
UNIT_NAMES: dict[str, float] = {name: mm for name, mm in INSUNITS.values()} | {
    "millimetre": 1.0, "millimeter": 1.0, "centimetre": 10.0, "centimeter": 10.0,
    "metre": 1000.0, "meter": 1000.0, "inch": 25.4, "inches": 25.4, "foot": 304.8, "feet": 304.8,
}

METRIC_CANDIDATES = ("mm", "m", "cm", "dm")
IMPERIAL_CANDIDATES = ("in", "ft")

DOOR_RADIUS_MM = (550.0, 1300.0)
ROOM_AREA_MM2 = (1.0e6, 300.0e6)
TEXT_HEIGHT_MM = (40.0, 800.0)
EXTENT_MM = (1500.0, 500_000.0)


class UnitSource(StrEnum):
    """Where the drawing's scale came from."""

    HEADER = "header"  #: $INSUNITS, confirmed (or at least not contradicted) by the geometry
    INFERRED = "inferred"  #: header missing, unitless or contradicted; scale taken from the geometry
    OVERRIDE = "override"  #: the user said so (--units)
    UNKNOWN = "unknown"  #: no plausible scale found; mm assumed for display only


@dataclass(frozen=True, slots=True)
class Units:
    drawing_unit: str
    mm_per_unit: float
    source: UnitSource
    header_insunits: int | None
    evidence: str = ""
    #: where the model's (0, 0) lies, in mm of the drawing: model mm = drawing unit × mm_per_unit − origin_mm.
    #: (0, 0) unless the plan lies far from the drawing origin (georeferenced): see ``read.local_origin``.
    origin_mm: tuple[float, float] = (0.0, 0.0)

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "drawing_unit": self.drawing_unit,
            "mm_per_unit": self.mm_per_unit,
            "source": str(self.source),
            "header_insunits": self.header_insunits,
            "evidence": self.evidence,
        }
        if self.origin_mm != (0.0, 0.0):
            d["origin_mm"] = list(self.origin_mm)
        return d

    def to_drawing(self, x: float, y: float) -> tuple[float, float]:
        """A model point (mm, local) in drawing units and coordinates.

        >>> Units("m", 1000.0, UnitSource.HEADER, 6, origin_mm=(5.9e8, 6.7e9)).to_drawing(1500.0, 0.0)
        (590001.5, 6700000.0)
        """
        s = self.mm_per_unit or 1.0
        return (x + self.origin_mm[0]) / s, (y + self.origin_mm[1]) / s


@dataclass
class UnitEvidence:
    """Measurements in drawing units gathered while flattening."""

    door_radii: list[float] = field(default_factory=list)
    room_areas: list[float] = field(default_factory=list)
    text_heights: list[float] = field(default_factory=list)
    extent: float | None = None  # diagonal of the robust bounding box


def parse_unit_name(name: str) -> tuple[str, float]:
    """``--units`` value -> (canonical name, mm per unit). Raises ValueError for unknown names."""
    key = name.strip().lower()
    if key in UNIT_NAMES:
        mm = UNIT_NAMES[key]
        canonical = next(n for n, f in INSUNITS.values() if f == mm)
        return canonical, mm
    raise ValueError(f"unknown unit {name!r} (use one of mm, cm, dm, m, in, ft)")


def _fraction_in(values: list[float], scale: float, lo: float, hi: float, power: int = 1) -> float:
    if not values:
        return 1.0
    f = scale**power
    return sum(1 for v in values if lo <= v * f <= hi) / len(values)


def score_scale(ev: UnitEvidence, scale: float) -> tuple[bool, float, list[str]]:
    """How well a candidate scale (mm per unit) explains the evidence.

    Returns (plausible, score 0..1, names of the evidence kinds that disagree).
    """
    kinds: list[tuple[str, float, int]] = []
    if ev.door_radii:
        kinds.append(("door swing radii", _fraction_in(ev.door_radii, scale, *DOOR_RADIUS_MM), 3))
    if ev.room_areas:
        kinds.append(("room areas", _fraction_in(ev.room_areas, scale, *ROOM_AREA_MM2, power=2), 3))
    if ev.text_heights:
        kinds.append(("text heights", _fraction_in(ev.text_heights, scale, *TEXT_HEIGHT_MM), 1))
    extent_ok = ev.extent is None or EXTENT_MM[0] <= ev.extent * scale <= EXTENT_MM[1]
    kinds.append(("drawing extent", 1.0 if extent_ok else 0.0, 2))
    bad = [name for name, frac, _ in kinds if frac < 0.5]
    # Text heights vary a lot (titles, notes): they never veto a scale on their own.
    vetoes = [b for b in bad if b != "text heights"]
    total_w = sum(w for _, _, w in kinds)
    score = sum(frac * w for _, frac, w in kinds) / total_w
    return (not vetoes), score, bad


def decide_units(
    ev: UnitEvidence,
    insunits: int | None,
    *,
    imperial_hint: bool,
    override: tuple[str, float] | None = None,
) -> tuple[Units, list[tuple[str, str]]]:
    """Choose the scale. Returns the Units and a list of (level, message) notes for diagnostics."""
    notes: list[tuple[str, str]] = []
    header = INSUNITS.get(insunits or 0)
    if override is not None:
        name, mm = override
        ok, _, bad = score_scale(ev, mm)
        if not ok:
            notes.append(("warning", f"--units {name}: the geometry does not fit ({', '.join(bad)} implausible)"))
        return Units(name, mm, UnitSource.OVERRIDE, insunits, "given with --units"), notes

    candidates = list(METRIC_CANDIDATES)
    if imperial_hint or (header is not None and header[0] in IMPERIAL_CANDIDATES):
        candidates += list(IMPERIAL_CANDIDATES)
    scored = []
    for name in candidates:
        mm = UNIT_NAMES[name]
        ok, score, bad = score_scale(ev, mm)
        scored.append((ok, score, -candidates.index(name), name, mm, bad))
    evidence = _describe(ev)

    if header is not None:
        ok, score, bad = score_scale(ev, header[1])
        if ok:
            best = max(scored)
            # Trust the header unless another scale explains clearly more of the evidence.
            if not (best[0] and best[1] > score + 0.34):
                return Units(header[0], header[1], UnitSource.HEADER, insunits, evidence), notes
    plausible = [s for s in scored if s[0]]
    if plausible:
        _, score, _, name, mm, _ = max(plausible)
        if header is not None:
            _, _, bad = score_scale(ev, header[1])
            notes.append(
                (
                    "warning",
                    f"$INSUNITS says {header[0]} but the geometry is {name} "
                    f"({', '.join(bad) or 'evidence'} implausible in {header[0]}); using {name}",
                )
            )
        else:
            what = "unitless" if insunits == 0 else "missing"
            notes.append(("warning", f"$INSUNITS is {what}; units inferred from the geometry as {name} ({evidence})"))
        return Units(name, mm, UnitSource.INFERRED, insunits, evidence), notes
    keep = header or ("mm", 1.0)
    notes.append(
        (
            "error",
            f"no plausible drawing scale: neither the header nor any of {', '.join(candidates)} "
            f"makes the geometry a floor plan ({evidence}); coordinates shown as {keep[0]} without conversion. "
            "Give --units if you know them.",
        )
    )
    return Units(keep[0], keep[1], UnitSource.UNKNOWN, insunits, evidence), notes


def _describe(ev: UnitEvidence) -> str:
    parts = []
    if ev.door_radii:
        parts.append(f"{len(ev.door_radii)} door swings")
    if ev.room_areas:
        parts.append(f"{len(ev.room_areas)} room polygons")
    if ev.text_heights:
        parts.append(f"{len(ev.text_heights)} label heights")
    if ev.extent is not None:
        parts.append(f"extent {ev.extent:.4g} units")
    return ", ".join(parts) or "no evidence"
