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
from planeval.report.svg import Overlay, plan_frame

__all__ = [
    "OVERLAY_LAYERS", "STATUS_CSS", "ZONE_COLOURS", "FindingOverlay", "finding_id", "layer_of", "measures_diameter",
    "finding_overlays",
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
    """An :class:`~planeval.report.svg.Overlay` that knows its shape.

    ``shape`` is ``circle`` (centre = the geometry's centroid, radius = half its width), ``rect`` or ``area``.
    """

    shape: str = "area"


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


def _num(v: float | None, unit: str) -> str:
    return number(v, unit)


def finding_overlays(report: Any, report_index: int = 0, font: float | None = None) -> list[FindingOverlay]:
    """Overlays (geometry in mm) for every finding of ``report`` (a :class:`planeval.findings.Report`) that has
    something to draw; the shapes in drawing order, then the texts.

    * circles (a finding that :func:`measures_diameter`, with a polygon ``location``): the measured circle
      coloured by status and labelled ``Ø<diameter>``, plus the required circle (dashed, ``pe-required``) at
      ``details.required_center`` / ``details.center``;
    * doors (a door subject with a line ``location``): a thick bar, failing ones labelled with
      their clear width;
    * bottlenecks (``details.bottleneck`` or a point ``location``): a disc of the required width;
    * zones (``result.zones``): on the ``zones`` layer, one CSS class per kind (``pe-z-<kind>``);
    * needs-review and check errors: a small marker on the hidden ``review`` layer;
    * unit-level locations (whole rooms): outlines only.
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
        title = f"{f.code} {r.subject}: {r.message}"
        accepted = " pe-accepted" if f.accepted else ""
        geom = r.location
        details = r.details or {}
        if status in ("needs_review", "error"):
            if geom is None or geom.is_empty:
                continue
            p = geom.interpolate(0.5, normalized=True) if isinstance(geom, (LineString, MultiLineString)) else geom.centroid
            marker = Point(p.x, p.y).buffer(0.45 * font, quad_segs=12)
            out.append(FindingOverlay("review", marker, "pe-review pe-marker" + accepted, fid,
                                      text="?", text_at=(p.x, p.y - 0.3 * font), title=title, shape="circle"))
            continue
        css = STATUS_CSS.get(status, "pe-review") + accepted
        layer = layer_of(f.rule)
        drew_circle = False
        if geom is not None and not geom.is_empty:
            if isinstance(geom, Polygon) and measures_diameter(f):
                c = geom.centroid
                centre = _xy(details.get("required_center")) or _xy(details.get("center")) or (c.x, c.y)
                diameter = r.measured if r.measured else geom.bounds[2] - geom.bounds[0]
                if r.required:
                    required = Point(centre).buffer(r.required / 2, quad_segs=32)
                    out.append(FindingOverlay(layer, required, "pe-required" + accepted, fid, title=title, shape="circle"))
                radius = (geom.bounds[2] - geom.bounds[0]) / 2
                ty = c.y + 0.45 * radius if radius > 2.5 * font else c.y - 0.3 * font
                out.append(FindingOverlay(layer, geom, css, fid, text=f"Ø{diameter:.0f}", text_at=(c.x, ty), title=title,
                                          shape="circle"))
                drew_circle = True
            elif r.subject in door_ids and isinstance(geom, (LineString, MultiLineString)):
                text = ""
                if status == "fail" and r.measured is not None:
                    text = _num(r.measured, r.unit)
                    if r.required is not None:
                        text += f" < {_num(r.required, r.unit)}"
                mid = geom.interpolate(0.5, normalized=True)
                out.append(FindingOverlay(layer, geom, css + " pe-bar", fid, text=text, text_at=(mid.x, mid.y - 1.2 * font),
                                          title=title))
            elif isinstance(geom, Point):
                radius = (r.required / 2) if (r.unit == "mm" and r.required) else 0.5 * font
                out.append(FindingOverlay(layer, geom.buffer(radius, quad_segs=16), css, fid,
                                          text=_num(r.measured, r.unit) if status == "fail" else "",
                                          text_at=(geom.x, geom.y - 0.3 * font), title=title, shape="circle"))
            elif r.subject in unit_ids or geom.geom_type in ("MultiPolygon", "GeometryCollection"):
                out.append(FindingOverlay(layer, geom, css + " pe-outline", fid, title=title))
            else:
                line = isinstance(geom, (LineString, MultiLineString))
                text = ""
                if status == "fail" and r.measured is not None and r.required is not None:
                    text = f"{_num(r.measured, r.unit)} < {_num(r.required, r.unit)}"
                at = geom.interpolate(0.5, normalized=True) if line else geom.representative_point()
                out.append(FindingOverlay(layer, geom, css + (" pe-bar" if line else ""), fid, text=text,
                                          text_at=(at.x, at.y - (1.2 if line else 0.3) * font), title=title))
        bottleneck = _xy(details.get("bottleneck"))
        if bottleneck is not None:
            radius = (r.required / 2) if (r.unit == "mm" and r.required) else 0.5 * font
            out.append(FindingOverlay(layer, Point(bottleneck).buffer(radius, quad_segs=16), css + " pe-bottleneck", fid,
                                      text=f"{_num(r.measured, r.unit)}" if r.measured is not None else "",
                                      text_at=(bottleneck[0], bottleneck[1] - 0.3 * font), title=title, shape="circle"))
        for z in r.zones:
            if z.geometry is None or z.geometry.is_empty:
                continue
            if z.kind == "turning" and drew_circle:
                continue
            if _same_area(z.geometry, geom):
                continue  # the zone is what was drawn already (e.g. the measured circle of a failing room)
            kind = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in z.kind)
            zcss = f"pe-zone pe-z-{kind}" + (" pe-zone-fail" if status == "fail" else "") + accepted
            # a failing finding's zones show with it; the others wait on the (hidden) zones layer
            out.append(FindingOverlay(layer if status == "fail" else "zones", z.geometry, zcss, fid,
                                      title=f"{z.kind} zone — {title}", shape=z.shape))
    # texts go on text-only overlays (empty geometry) whose class is the bare status class:
    # plan_svg colours a text by its overlay's class, and labels should sit above every shape
    shapes, labels = [], []
    for o in out:
        if o.text:
            base = o.css.split()[0]
            labels.append(FindingOverlay(o.layer, Polygon(), base if base in ("pe-pass", "pe-fail", "pe-review") else "pe-review",
                                         o.finding, text=o.text, text_at=o.text_at))
            o.text, o.text_at = "", None
        shapes.append(o)
    order = {name: k for k, name in enumerate(OVERLAY_LAYERS)}
    rank = {"pe-zone": 0, "pe-required": 1, "pe-pass": 2, "pe-review": 3, "pe-fail": 4}
    shapes.sort(key=lambda o: (order.get(o.layer, 99), rank.get(o.css.split()[0], 1)))
    labels.sort(key=lambda o: (order.get(o.layer, 99), rank.get(o.css.split()[0], 1)))
    return shapes + labels
