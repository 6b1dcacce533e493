"""A copy of the input plan with the findings drawn on ``PLANEVAL-*`` layers (open it in any CAD program).

The input file is re-read (``ezdxf.readfile``; ``ezdxf.recover.readfile`` for damaged files) and
never written: the writer returns the bytes of the copy and the CLI writes them atomically
elsewhere. The drawing gets five layers with distinct ACI colours:

* ``PLANEVAL-PASS`` (green, 3), ``PLANEVAL-FAIL`` (red, 1), ``PLANEVAL-REVIEW`` (orange, 30) — the
  measured geometry of each finding by status (largest circles, door openings, bottlenecks,
  review markers); the required size (e.g. the Ø1500 circle) is drawn on the same layer with a
  dashed line type;
* ``PLANEVAL-ZONES`` (magenta, 6) — the floor zones the rules claim (turning, WC side, bed, …);
* ``PLANEVAL-TEXT`` (blue, 5) — one short TEXT per drawn finding (``TS01 R5 Ø1316/1500 mm FAIL``;
  failing and review texts carry their status colour as an entity colour, texts on one spot are
  stacked), and a summary block above the plan listing the counts and the findings that have no
  location (check errors, unit-level findings).

The geometry is the same as in the HTML report (:func:`planeval.report.overlays.finding_overlays`),
converted from millimetres back to drawing units with ``plan.source.units.mm_per_unit``.

Several rule sets on the same plan: every report of ``runs`` that shares the first report's plan
is drawn; with more than one, each text is prefixed with ``[<rule-set file stem>]`` (``[tek17]``) (geometry of
different rule sets may overlap — the texts say which is which). Findings accepted by a baseline
stay on their status layer and their text ends in ``(accepted)``. Entities already on
``PLANEVAL-*`` layers (an overlay fed back in) are removed first.

Text is written in the file's own encoding: UTF-8 for R2007 and later, the code page of an older file
(an ``ENTRÉ`` label stays ``ENTRÉ`` in both). The copy keeps the input's DXF version when ezdxf can
write it (R12, R2000–R2018), else R2013;
TEXT and (for R12) POLYLINE entities are used so that every version can hold them. A binary DXF
input gives a binary DXF copy.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.errors import InputError
from planeval.model import reopen
from planeval.model.types import SourceInfo
from planeval.report.i18n import t
from planeval.report.messages import result_message
from planeval.report.overlays import finding_id, finding_overlays, measures_diameter

LAYERS = {
    "PLANEVAL-PASS": 3,
    "PLANEVAL-FAIL": 1,
    "PLANEVAL-REVIEW": 30,
    "PLANEVAL-ZONES": 6,
    "PLANEVAL-TEXT": 5,
}
LINETYPE = "PLANEVAL_DASHED"
STATUS_LAYER = {"pass": "PLANEVAL-PASS", "fail": "PLANEVAL-FAIL", "needs_review": "PLANEVAL-REVIEW", "error": "PLANEVAL-REVIEW"}


#: DXF R2007 (AC1021) and later store text as UTF-8 whatever ``$DWGCODEPAGE`` says
_UTF8_FROM = "AC1021"


def _read(source: SourceInfo) -> Any:
    """The input again, its text decoded as the file holds it: an R2007+ file is UTF-8 (the code page the
    reader recorded from the header only applies to older files), an older one in its own code page."""
    if source.dxfversion >= _UTF8_FROM:
        source = replace(source, encoding="")  # no override: ezdxf reads R2007+ as UTF-8
    try:
        return reopen(source)
    except InputError as exc:
        raise InputError(f"cannot re-read the plan for the DXF overlay ({exc.message})", source.path) from None


class _Pen:
    """Adds entities to the modelspace, converting mm to drawing units, for any DXF version."""

    def __init__(self, doc: Any, mm_per_unit: float, origin_mm: tuple[float, float] = (0.0, 0.0)) -> None:
        self.doc = doc
        self.msp = doc.modelspace()
        self.s = mm_per_unit or 1.0
        self.ox, self.oy = origin_mm  # the model's local origin in the drawing (a georeferenced plan)
        self.r12 = doc.dxfversion <= "AC1009"

    def u(self, v: float) -> float:
        return v / self.s

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return ((x + self.ox) / self.s, (y + self.oy) / self.s)

    def polyline(self, coords: list[tuple[float, float]], layer: str, closed: bool, dashed: bool = False) -> None:
        pts = [self.pt(x, y) for x, y, *_ in coords]
        if closed and len(pts) > 1 and pts[0] == pts[-1]:
            pts = pts[:-1]
        if len(pts) < 2:
            return
        attribs: dict[str, Any] = {"layer": layer}
        if dashed:
            attribs["linetype"] = LINETYPE
        if self.r12:
            self.msp.add_polyline2d(pts, close=closed, dxfattribs=attribs)
        else:
            self.msp.add_lwpolyline(pts, close=closed, dxfattribs=attribs)

    def circle(self, cx: float, cy: float, r: float, layer: str, dashed: bool = False) -> None:
        attribs: dict[str, Any] = {"layer": layer}
        if dashed:
            attribs["linetype"] = LINETYPE
        self.msp.add_circle(self.pt(cx, cy), self.u(r), dxfattribs=attribs)

    def geometry(self, g: BaseGeometry, layer: str, dashed: bool = False, circle: bool = False) -> None:
        """Draw ``g``; ``circle`` (the overlay's ``shape``) draws a polygon as one CIRCLE of its width."""
        if g is None or g.is_empty:
            return
        if circle and isinstance(g, Polygon):
            c = g.centroid
            self.circle(c.x, c.y, (g.bounds[2] - g.bounds[0]) / 2, layer, dashed)
        elif isinstance(g, Polygon):
            for ring in (g.exterior, *g.interiors):
                self.polyline(list(ring.coords), layer, True, dashed)
        elif isinstance(g, LineString):
            self.polyline(list(g.coords), layer, False, dashed)
        elif isinstance(g, Point):
            self.circle(g.x, g.y, 50.0, layer, dashed)
        else:
            for part in getattr(g, "geoms", []):
                self.geometry(part, layer, dashed)

    def text(self, s: str, x: float, y: float, height_mm: float, layer: str = "PLANEVAL-TEXT", centre: bool = True,
             colour: int | None = None) -> None:
        from ezdxf.enums import TextEntityAlignment

        attribs: dict[str, Any] = {"layer": layer, "height": self.u(height_mm)}
        if colour is not None:
            attribs["color"] = colour
        t = self.msp.add_text(s, dxfattribs=attribs)
        t.set_placement(self.pt(x, y), align=TextEntityAlignment.MIDDLE_CENTER if centre else TextEntityAlignment.LEFT)


def _value(v: Any, unit: str) -> str:
    if v is None:
        return "?"
    if unit == "mm":
        return f"{v:.0f}"
    if unit == "m²":
        return f"{v:.2f}"
    return f"{v:g}"


#: a status as the English overlay writes it (nb: the console's words, AVVIK, SJEKK …)
EN_STATUS = {"pass": "ok", "fail": "FAIL", "needs_review": "review", "error": "ERROR", "not_applicable": "n/a"}


def _short(f: Any, lang: str = "en") -> str:
    """``TS01 R5 Ø1316/1500 mm FAIL`` (nb: ``… AVVIK``): code, subject, measured/required, status."""
    r = f.result
    if r.measured is None and r.required is None:
        nums = ""
    else:
        m = _value(r.measured, r.unit)
        if measures_diameter(f):
            m = "Ø" + m
        nums = f" {m}/{_value(r.required, r.unit)} {r.unit}".rstrip()
        nums = nums if lang == "en" else nums.replace(".", ",")
    status = EN_STATUS[r.status.value] if lang == "en" else t(lang, f"console_status.{r.status.value}")
    text = f"{f.code} {r.subject}{nums} {status}"
    if f.severity == "warning" and r.status.value == "fail":
        text += " " + t(lang, "console.warning")
    if f.accepted:
        text += " (accepted)" if lang == "en" else f" ({t(lang, 'status.accepted').lower()})"
    return text


def _free_spot(placed: list[tuple[float, float, float, float]], at: tuple[float, float], width: float,
               height: float) -> tuple[float, float]:
    """Move a centred text down until its box overlaps no text placed before (several findings on one door)."""
    x, y = at
    for _ in range(40):
        box = (x - width / 2, y - 0.6 * height, x + width / 2, y + 0.6 * height)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            break
        y -= 1.3 * height
    placed.append((x - width / 2, y - 0.6 * height, x + width / 2, y + 0.6 * height))
    return x, y


def _ruleset_tag(ruleset: Any) -> str:
    """A short name for a rule set: its file's stem (``tek17``), else its name."""
    chain = getattr(ruleset, "chain", None) or []
    if chain and getattr(chain[0], "path", ""):
        return Path(str(chain[0].path)).stem
    return str(ruleset.name)


def _clean(s: str) -> str:
    # TEXT cannot hold line breaks; ^ and control characters are DXF escapes
    return "".join(ch if ch.isprintable() else " " for ch in s).replace("^", "'")


def write_dxf_overlay(runs: list[Any], context: dict[str, Any] | None = None) -> bytes:
    """Bytes of a DXF copy of ``runs[0]``'s plan with the findings of every run on that plan."""
    from planeval.report.svg import plan_frame

    if not runs:
        raise InputError("no report to draw")
    plan = runs[0].plan
    same = [r for r in runs if r.plan is plan or Path(str(r.plan.source.path)) == Path(str(plan.source.path))]
    doc = _read(plan.source)
    from ezdxf.lldxf import const

    if doc.dxfversion not in const.versions_supported_by_save:
        doc.dxfversion = "AC1027"
    msp = doc.modelspace()
    for ent in list(msp):
        if ent.dxf.get("layer", "").upper().startswith("PLANEVAL-"):
            msp.delete_entity(ent)
    for name, colour in LAYERS.items():
        if name in doc.layers:
            doc.layers.get(name).color = colour
        else:
            doc.layers.add(name, color=colour)
    s = plan.source.units.mm_per_unit or 1.0
    if LINETYPE not in doc.linetypes:
        dash, gap = 150.0 / s, 75.0 / s
        doc.linetypes.add(LINETYPE, pattern=[dash + gap, dash, -gap], description="planeval required size __ __ __")
    pen = _Pen(doc, s, plan.source.units.origin_mm)
    frame = plan_frame(plan)
    size = max(frame.maxx - frame.minx, frame.maxy - frame.miny, 1000.0)
    height = max(80.0, min(250.0, size / 70.0))
    lang = str((context or {}).get("lang") or "en")
    prefix_rs = len({id(r.ruleset) for r in same}) > 1
    loose: list[str] = []
    placed: list[tuple[float, float, float, float]] = []  # text boxes so far (minx, miny, maxx, maxy), mm
    for ri, report in enumerate(same):
        prefix = f"[{_ruleset_tag(report.ruleset)}] " if prefix_rs else ""
        by_id = {finding_id(ri, i): f for i, f in enumerate(report.findings)}
        labelled: set[str] = set()
        overlays = finding_overlays(report, ri, font=height / 0.8, lang=lang)
        for o in overlays:
            f = by_id.get(o.finding)
            if f is None:
                continue
            status = f.result.status.value
            circle = o.shape == "circle"
            if "pe-zone" in o.css.split():
                pen.geometry(o.geometry, "PLANEVAL-ZONES", circle=circle)
            elif o.geometry is not None and not o.geometry.is_empty:
                pen.geometry(o.geometry, STATUS_LAYER.get(status, "PLANEVAL-REVIEW"), dashed="pe-required" in o.css.split(),
                             circle=circle)
            if o.finding in labelled:
                continue
            anchor = o.text_at
            if anchor is None:
                g = o.geometry
                if g is None or g.is_empty or "pe-zone" in o.css.split():
                    continue
                p = g.interpolate(0.5, normalized=True) if isinstance(g, LineString) else g.representative_point()
                anchor = (p.x, p.y - 1.3 * height)
            labelled.add(o.finding)
            text = _clean(prefix + _short(f, lang))
            x, y = _free_spot(placed, anchor, len(text) * 0.6 * height, height)
            # failing and review texts take their status colour; the others stay BYLAYER (blue)
            coloured = status in ("fail", "needs_review", "error")
            pen.text(text, x, y, height, colour=LAYERS[STATUS_LAYER[status]] if coloured else None)
        for i, f in enumerate(report.findings):
            fid = finding_id(ri, i)
            if fid in labelled or f.result.status.value in ("pass", "not_applicable"):
                continue
            loose.append(_clean(f"{prefix}{_short(f, lang)}: {result_message(lang, f.result.message, f.result.msg)}")[:160])
    # summary block in the top-left padding of the plan frame, one TEXT per line
    lines = []
    for report in same:
        sm = report.summary()
        if lang == "en":
            lines.append(_clean(f"planeval - {report.ruleset.name}: {sm['fail']} fail, {sm['needs_review']} review, "
                                f"{sm['error']} check errors, {sm['pass']} pass"))
        else:
            counts = ", ".join(t(lang, f"console.summary_{k}", n=sm[v]) for k, v in
                               (("fail", "fail"), ("review", "needs_review"), ("errors", "error"), ("pass", "pass")))
            lines.append(_clean(f"planeval - {report.ruleset.name}: {counts}"))
    lines += loose[:40]
    if len(loose) > 40:
        lines.append(f"... and {len(loose) - 40} more (see the HTML/JSON report)" if lang == "en"
                     else _clean(t(lang, "pdf.more", n=len(loose) - 40)))
    x0 = frame.minx
    small = 0.8 * height
    y0 = frame.maxy + 0.5 * frame.pad + 1.6 * small * max(0, len(lines) - 1)
    for k, line in enumerate(lines):
        pen.text(line, x0, y0 - 1.6 * small * k, small if k else height, centre=False)
    if plan.source.binary:
        out = io.BytesIO()
        doc.write(out, fmt="bin")
        return out.getvalue()
    stream = io.StringIO()
    doc.write(stream)
    return doc.encode(stream.getvalue())

