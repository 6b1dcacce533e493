"""What each finding draws on the plan, in millimetres: the overlays both the HTML and the DXF report show.

Format-neutral: an overlay is a geometry with a layer, CSS-like classes (``pe-pass``, ``pe-fail``,
``pe-review``, ``pe-required``, ``pe-zone`` …), the id of the finding it belongs to, an optional
label and a ``shape`` (``circle``, ``rect`` or ``area``, as :class:`planeval.findings.Zone`). The
HTML report renders them as SVG paths (:func:`planeval.report.svg.plan_svg`), the DXF overlay as
entities on ``PLANEVAL-*`` layers — a ``circle`` as a CIRCLE.

Nothing here guesses from the geometry: the layer is the rule's ``SPEC.overlay``, a finding is a
circle when its rule measures a diameter (``SPEC.measured == "diameter"``) or its result gives the
circle's ``center``, and a zone's shape is its own ``Zone.shape``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.checks import SPECS, spec_for
from planeval.findings import Finding
from planeval.report.fmt import number
from planeval.report.i18n import has, t
from planeval.report.messages import result_message
from planeval.report.svg import Overlay, plan_frame

__all__ = [
    "OVERLAY_LAYERS", "STATUS_CSS", "ZONE_COLOURS", "LABEL_PRIORITY", "FindingOverlay", "finding_id", "layer_of",
    "measures_diameter", "label_text", "door_verdicts", "finding_overlays",
]

#: overlay layers in drawing order (later on top) with their checkbox labels
OVERLAY_LAYERS = {
    "zones": "Zones claimed (passing)",
    "units": "Unit findings",
    "kitchen": "Kitchen",
    "bedroom": "Bedroom",
    "bathroom": "Bathroom",
    "passages": "Passages",
    "doors": "Doors",
    "turning": "Turning circles",
    "other": "Other findings",
    "review": "Needs review",
}
#: finding status -> the class its measured geometry is drawn with
STATUS_CSS = {"pass": "pe-pass", "fail": "pe-fail", "needs_review": "pe-review", "error": "pe-review"}
#: zone kind -> colour (the HTML legend and the ``pe-z-<kind>`` CSS rules)
ZONE_COLOURS = {
    "turning": "#2e86c1",
    "wc-side": "#8e44ad",
    "wc-front": "#6c3483",
    "bed": "#5d6d7e",
    "bed-side": "#d35400",
    "kitchen-front": "#b7950b",
    "passage": "#17a589",
    "door-side": "#cb4335",
    "storage": "#a04000",
    "shower": "#2874a6",
    "furniture": "#7b7d7d",
    "parking": "#1e8449",
    "helper": "#af601a",
}


@dataclass
class FindingOverlay(Overlay):
    """An :class:`~planeval.report.svg.Overlay` that knows its shape and its finding's status.

    ``shape`` is ``circle`` (centre = the geometry's centroid, radius = half its width), ``rect`` or ``area``;
    ``status`` is the finding's (``accepted`` when a baseline accepted it); ``priority`` orders label placement
    (lower first: failing values before passing ones).
    """

    shape: str = "area"
    status: str = ""
    priority: int = 5


#: label placement order by status (room names are 0, door ids 6)
LABEL_PRIORITY = {"fail": 1, "error": 2, "needs_review": 3, "accepted": 4, "pass": 7}


def finding_id(report_index: int, finding_index: int) -> str:
    """The id linking a table row, its drawing and its DXF text: ``r<report>f<finding>``."""
    return f"r{report_index}f{finding_index}"


def layer_of(rule: str) -> str:
    """The overlay layer a rule's findings are drawn on (``SPEC.overlay``; unknown rules: ``other``)."""
    spec = SPECS.get(rule)
    return spec.overlay if spec is not None else "other"


def measures_diameter(f: Finding) -> bool:
    """Is ``f.result.measured`` the diameter of a circle (labelled ``Ø``, drawn as a circle)?

    Yes when the rule says so (``SPEC.measured == "diameter"``: turning-space, balcony-turning) or when the
    result gives the circle's ``center`` in mm (a sub-code that measures a circle, e.g. BA03).
    """
    r = f.result
    if r.unit != "mm":
        return False
    spec = spec_for(f.code) or SPECS.get(f.rule)
    if spec is not None and spec.measured == "diameter":
        return True
    return "center" in (r.details or {})


def _same_area(a: BaseGeometry, b: BaseGeometry | None) -> bool:
    if b is None or b.is_empty or a.area <= 0 or b.area <= 0:
        return False
    try:
        return a.symmetric_difference(b).area < 0.02 * max(a.area, b.area)
    except Exception:  # noqa: BLE001 - invalid drawn geometry: just draw both
        return False


def _xy(v: Any) -> tuple[float, float] | None:
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(c, (int, float)) for c in v):
        return float(v[0]), float(v[1])
    return None


def _num(v: float | None, unit: str, lang: str = "en") -> str:
    return number(v, unit, lang=lang)


def label_text(f: Finding, lang: str = "en", diameter: bool | None = None) -> str:
    """The value a finding writes on the plan, always with its code: ``DW01 660 < 760 mm``, ``TS01 Ø1320 < Ø1500 mm``,
    ``TS01 Ø2679 mm`` (passing: the measured value alone). "Ø" only on what is a circle (:func:`measures_diameter`)."""
    r = f.result
    if r.measured is None:
        return f.code
    dia = measures_diameter(f) if diameter is None else diameter
    o = "Ø" if dia else ""
    unit = f" {r.unit}" if r.unit else ""
    m = _num(r.measured, r.unit, lang)
    if r.status.value != "fail" or r.required is None:
        return f"{f.code} {o}{m}{unit}"
    rel = ">" if r.sense.value == "<=" else "<"
    return f"{f.code} {o}{m} {rel} {o}{_num(r.required, r.unit, lang)}{unit}"


def door_verdicts(report: Any) -> dict[str, str]:
    """Per door: ``fail`` when a finding about it fails, else ``pass`` when one passes, else ``needs_review``
    (a door with only items to check); doors without findings are left out."""
    doors = {d.id for d in report.plan.doors}
    out: dict[str, str] = {}
    rank = {"fail": 3, "pass": 2, "needs_review": 1, "error": 1}
    for f in report.findings:
        st = f.result.status.value
        if f.result.subject in doors and st in rank and rank[st] > rank.get(out.get(f.result.subject, ""), 0):
            out[f.result.subject] = st
    return out


def zone_word(kind: Any, lang: str) -> str:
    """What a zone is, for its hover title: "turning zone", "snuareal"."""
    key = f"zone.{kind}"
    return f"{kind} zone" if lang == "en" or not has(lang, key) else t(lang, key)


def finding_overlays(report: Any, report_index: int = 0, font: float | None = None, lang: str = "en") -> list[FindingOverlay]:
    """Overlays (geometry in mm) for every finding of ``report`` (a :class:`planeval.findings.Report`) that has
    something to draw; the shapes in drawing order, then the labels (text-only overlays anchored at ``text_at``).

    * circles (a finding that :func:`measures_diameter`, with a polygon ``location``): the measured circle
      coloured by status and labelled ``TS01 Ø1320 < Ø1500 mm``, plus the required circle (dashed,
      ``pe-required``) at ``details.required_center`` / ``details.center``;
    * doors (a door subject with a line ``location``): a bar in the door's own status colour; failing ones
      labelled with their code and clear width;
    * bottlenecks (``details.bottleneck`` or a point ``location``): a disc of the required width;
    * zones (``result.zones``): with a failing finding on its layer, else on the (hidden) ``zones`` layer;
      one CSS class per kind (``pe-z-<kind>``), shaped as the zone's own ``Zone.shape``;
    * needs-review and check errors: a small "?" marker on the hidden ``review`` layer;
    * unit-level locations (whole rooms): outlines only.

    Every overlay carries its finding's ``status``; labels always name the finding's code.
    """
    plan = report.plan
    if font is None:
        fr = plan_frame(plan)
        font = max(120.0, min(400.0, max(fr.width, fr.height) / 60.0))
    door_ids = {d.id for d in plan.doors}
    unit_ids = {u.id for u in plan.units}
    out: list[FindingOverlay] = []
    for i, f in enumerate(report.findings):
        r = f.result
        status = r.status.value
        if status == "not_applicable":
            continue
        fid = finding_id(report_index, i)
        title = f"{f.code} {r.subject}: {result_message(lang, r.message, r.msg)}"
        accepted = " pe-accepted" if f.accepted else ""
        shown = "accepted" if f.accepted else status
        prio = LABEL_PRIORITY.get(shown, 5)
        geom = r.location
        details = r.details or {}

        def add(layer: str, g: BaseGeometry, css: str, text: str = "", at: tuple[float, float] | None = None,
                shape: str = "area", tip: str = title, fid: str = fid, shown: str = shown, prio: int = prio) -> None:
            out.append(FindingOverlay(layer, g, css, fid, text=text, text_at=at, title=tip, shape=shape, status=shown,
                                      priority=prio))

        if status in ("needs_review", "error"):
            if geom is None or geom.is_empty:
                continue
            p = geom.interpolate(0.5, normalized=True) if isinstance(geom, (LineString, MultiLineString)) else geom.centroid
            marker = Point(p.x, p.y).buffer(0.45 * font, quad_segs=12)
            add("review", marker, "pe-review pe-marker" + accepted, shape="circle")
            continue
        css = STATUS_CSS.get(status, "pe-review") + accepted
        layer = layer_of(f.rule)
        failing = status == "fail"
        drew_circle = False
        if geom is not None and not geom.is_empty:
            if isinstance(geom, Polygon) and measures_diameter(f):
                c = geom.centroid
                centre = _xy(details.get("required_center")) or _xy(details.get("center")) or (c.x, c.y)
                if r.required:
                    add(layer, Point(centre).buffer(r.required / 2, quad_segs=32), "pe-required" + accepted, shape="circle")
                add(layer, geom, css, text=label_text(f, lang, True), at=(c.x, c.y), shape="circle")
                drew_circle = True
            elif r.subject in door_ids and isinstance(geom, (LineString, MultiLineString)):
                mid = geom.interpolate(0.5, normalized=True)
                add(layer, geom, css + " pe-bar", text=label_text(f, lang) if failing else "", at=(mid.x, mid.y))
            elif isinstance(geom, Point):
                radius = (r.required / 2) if (r.unit == "mm" and r.required) else 0.5 * font
                add(layer, geom.buffer(radius, quad_segs=16), css, text=label_text(f, lang, False) if failing else "",
                    at=(geom.x, geom.y), shape="circle")
            elif r.subject in unit_ids or geom.geom_type in ("MultiPolygon", "GeometryCollection"):
                add(layer, geom, css + " pe-outline")
            else:
                line = isinstance(geom, (LineString, MultiLineString))
                at = geom.interpolate(0.5, normalized=True) if line else geom.representative_point()
                add(layer, geom, css + (" pe-bar" if line else ""), text=label_text(f, lang, False) if failing else "",
                    at=(at.x, at.y))
        bottleneck = _xy(details.get("bottleneck"))
        if bottleneck is not None:
            radius = (r.required / 2) if (r.unit == "mm" and r.required) else 0.5 * font
            add(layer, Point(bottleneck).buffer(radius, quad_segs=16), css + " pe-bottleneck",
                text=label_text(f, lang, False) if failing and r.measured is not None else "", at=bottleneck, shape="circle")
        for z in r.zones:
            if z.geometry is None or z.geometry.is_empty:
                continue
            if z.kind == "turning" and drew_circle:
                continue
            if _same_area(z.geometry, geom):
                continue  # the zone is what was drawn already (e.g. the measured circle of a failing room)
            kind = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in z.kind)
            zcss = f"pe-zone pe-z-{kind}" + (" pe-zone-fail" if failing else "") + accepted
            # a failing finding's zones show with it; the others wait on the (hidden) zones layer
            add(layer if failing else "zones", z.geometry, zcss, shape=z.shape, tip=f"{zone_word(z.kind, lang)} — {title}")
    # labels go on text-only overlays (empty geometry) whose class is the bare status class: plan_svg
    # places them (no two overlap) and colours each by its class, above every shape
    shapes, labels = [], []
    for o in out:
        if o.text:
            base = o.css.split()[0]
            labels.append(FindingOverlay(o.layer, Polygon(), base if base in ("pe-pass", "pe-fail", "pe-review") else "pe-review",
                                         o.finding, text=o.text, text_at=o.text_at, title=o.title, status=o.status,
                                         priority=o.priority))
            o.text, o.text_at = "", None
        shapes.append(o)
    order = {name: k for k, name in enumerate(OVERLAY_LAYERS)}
    rank = {"pe-zone": 0, "pe-required": 1, "pe-pass": 2, "pe-review": 3, "pe-fail": 4}
    shapes.sort(key=lambda o: (order.get(o.layer, 99), rank.get(o.css.split()[0], 1)))
    labels.sort(key=lambda o: (o.priority, order.get(o.layer, 99)))
    return shapes + labels
