"""The check report as a PDF for a building application or a 1:1 trial (matplotlib's PDF backend).

Per plan × rule set: a cover with the whole plan and its failures drawn, the rule set with its files
and every enabled rule's source clause, and the summary; then one page per dwelling unit with the
unit's part of the plan (its failing and needs-review findings drawn, numbered), the same findings
listed (measured, required, margin, clause, and the fix hint where there is one) and the unit's area
block. Findings that belong to no unit (the plan, common rooms) get a page of their own. A page
that runs full continues on the next ("(forts.)"). Identical needs-review items are folded into one
row naming their subjects.

The text is real text (TrueType, ``pdf.fonttype = 42``): ``pdftotext`` reads it back. The file is
deterministic (no creation date in the metadata).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from functools import partial
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from planeval.checks import SPECS
from planeval.report.fmt import decimal, margin, percent, quantity
from planeval.report.html_common import status_label
from planeval.report.i18n import function_name, t, term
from planeval.report.json_report import reports_to_dict
from planeval.report.overlays import door_verdicts, finding_id, finding_overlays
from planeval.report.pdf_plan import draw_plan, view_box
from planeval.report.recognition_text import not_judged_line, verdict_class, verdict_label
from planeval.report.sentences import finding_sentence, hint_of, is_diameter, subject_text
from planeval.version import __version__

__all__ = ["write_pdf", "PAGE_IN"]

#: A4 portrait, inches
PAGE_IN = (8.27, 11.69)
LEFT, RIGHT, TOP, BOTTOM = 0.55, 0.55, 0.5, 0.55
INK = {"fail": "#b83227", "needs_review": "#9a6200", "error": "#7d3c98", "pass": "#1e7b47", "accepted": "#4f5f6f"}


class _Doc:
    """A flow of lines over A4 pages: ``line`` writes at the cursor, a full page continues on a new one."""

    def __init__(self, pdf: PdfPages, header: Callable[[_Doc], None]) -> None:
        self.pdf, self.header = pdf, header
        self.fig: Figure | None = None
        self.y = 0.0
        self.pages = 0  # pages of this flow so far (a second one is a continuation)

    @property
    def continued(self) -> bool:
        return self.pages > 1

    @property
    def number(self) -> int:
        """The page number in the whole document."""
        return self.pdf.get_pagecount() + 1

    def new_page(self) -> None:
        self.finish()
        self.fig = Figure(figsize=PAGE_IN)
        self.y = TOP
        self.pages += 1
        self.header(self)

    def finish(self) -> None:
        if self.fig is not None:
            self.fig.text(0.5, 0.25 / PAGE_IN[1], "planeval " + __version__, ha="center", fontsize=6, color="#888888")
            self.pdf.savefig(self.fig)
            self.fig = None

    def need(self, inches: float) -> None:
        if self.fig is None or self.y + inches > PAGE_IN[1] - BOTTOM:
            self.new_page()

    def text(self, x: float, s: str, size: float = 8.0, color: str = "#1f2933", bold: bool = False, ha: str = "left") -> None:
        assert self.fig is not None
        self.fig.text(x / PAGE_IN[0], 1 - self.y / PAGE_IN[1], s, fontsize=size, color=color, ha=ha, va="top",
                      fontweight="bold" if bold else "normal")

    def line(self, s: str, size: float = 8.0, color: str = "#1f2933", bold: bool = False, indent: float = 0.0,
             gap: float = 1.35) -> None:
        """Write ``s`` wrapped to the page width, moving the cursor down."""
        width = PAGE_IN[0] - LEFT - RIGHT - indent
        chars = max(20, int(width * 72 / (size * 0.56)))
        for part in textwrap.wrap(s, chars) or [""]:
            self.need(size * gap / 72)
            self.text(LEFT + indent, part, size, color, bold)
            self.y += size * gap / 72

    def space(self, inches: float) -> None:
        self.y += inches

    def axes(self, height: float) -> Any:
        """A drawing area of ``height`` inches across the page at the cursor."""
        self.need(height)
        assert self.fig is not None
        w, h = PAGE_IN
        ax = self.fig.add_axes((LEFT / w, 1 - (self.y + height) / h, (w - LEFT - RIGHT) / w, height / h))
        self.y += height
        return ax


def write_pdf(runs: list[Any], context: dict[str, Any] | None = None) -> bytes:
    """The PDF (bytes) for ``runs`` in ``context["lang"]`` (default English)."""
    context = context or {}
    lang = str(context.get("lang") or "en")
    data = reports_to_dict(runs, context)
    out = io.BytesIO()
    with rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "svg.hashsalt": "planeval"}):
        with PdfPages(out, metadata={"Creator": f"planeval {__version__}", "Producer": "planeval", "CreationDate": None,
                                     "Title": t(lang, "pdf.title")}) as pdf:
            for ri, (report, d) in enumerate(zip(runs, data["reports"], strict=True)):
                _report_pages(pdf, report, d, ri, lang)
    return out.getvalue()


def _report_pages(pdf: PdfPages, report: Any, d: dict[str, Any], ri: int, lang: str) -> None:
    overlays = finding_overlays(report, ri, lang=lang)
    doors = door_verdicts(report)
    name = str(d.get("file", {}).get("path", "")).rsplit("/", 1)[-1]
    rs = d.get("ruleset", {})

    def header(doc: _Doc, title: str = "") -> None:
        doc.text(LEFT, f"{name} — {rs.get('name', '')}", 7, "#6b7580")
        doc.text(PAGE_IN[0] - RIGHT, t(lang, "pdf.page", n=doc.number), 7, "#6b7580", ha="right")
        doc.y += 0.25
        if title:
            doc.text(LEFT, title + (" " + t(lang, "pdf.continued") if doc.continued else ""), 14, bold=True)
            doc.y += 0.32

    doc = _Doc(pdf, lambda x: header(x))
    _cover(doc, report, d, overlays, doors, lang)
    doc.finish()
    by_unit: dict[str, list[int]] = {u.id: [] for u in report.plan.units}
    loose: list[int] = []
    for i, f in enumerate(report.findings):
        if f.result.status.value not in ("fail", "needs_review", "error"):
            continue
        units = report.plan.units_of_subject(f.result.subject)
        for uid in sorted(units):
            by_unit.setdefault(uid, []).append(i)
        if not units:
            loose.append(i)
    areas = {u.get("id"): u for u in (d.get("area") or {}).get("units") or []}
    for unit in report.plan.units:
        title = t(lang, "pdf.unit_title", id=unit.id)
        page = _Doc(pdf, partial(header, title=title))
        page.new_page()
        rooms = [r for r in report.plan.rooms if r.id in unit.rooms]
        page.line(t(lang, "pdf.unit_rooms") + ": " + ", ".join(f"{r.id} {r.display_name} ({function_name(lang, r.function)}, "
                                                                  f"{decimal(f'{r.area_m2:.1f}', lang)} m²)" for r in rooms), 7.5)
        _findings_block(page, report, d, overlays, doors, by_unit.get(unit.id, []), [r.polygon for r in rooms], ri, lang,
                        t(lang, "pdf.unit_findings"), t(lang, "pdf.unit_none"))
        _area_block(page, areas.get(unit.id), lang)
        page.finish()
    if loose or not report.plan.units:
        title = t(lang, "pdf.plan_findings")
        page = _Doc(pdf, lambda x: header(x, title))
        page.new_page()
        if not report.plan.units:
            page.line(t(lang, "pdf.no_units"), 8)
        geoms = [f.result.location for i, f in enumerate(report.findings) if i in loose and f.result.location is not None]
        _findings_block(page, report, d, overlays, doors, loose, geoms or [r.polygon for r in report.plan.rooms], ri, lang,
                        t(lang, "pdf.plan_findings"), t(lang, "pdf.unit_none"))
        page.finish()


def _cover(doc: _Doc, report: Any, d: dict[str, Any], overlays: list[Any], doors: dict[str, str], lang: str) -> None:
    doc.new_page()
    s = d.get("summary", {})
    rs = d.get("ruleset", {})
    file = d.get("file", {})
    units = d.get("units", {})
    doc.line(t(lang, "pdf.title"), 18, bold=True, gap=1.5)
    word = str(s.get("verdict", "pass"))  # pass, fail, or review: not judged (recognised below the minimum grade)
    ink = INK["needs_review"] if word == "review" else INK[verdict_class(word)]
    doc.line(f"{t(lang, 'pdf.cover_verdict')}: {verdict_label(lang, word)}", 12, ink, bold=True)
    if report.not_judged:
        doc.line(not_judged_line(lang, report.plan.recognition.grade, report.min_grade), 9, ink)
    counts = " · ".join(t(lang, f"console.summary_{k}", n=s.get(v, 0))
                        for k, v in (("fail", "fail"), ("review", "needs_review"), ("pass", "pass"), ("na", "not_applicable")))
    doc.line(counts, 9)
    doc.space(0.05)
    doc.line(f"{t(lang, 'pdf.cover_file')}: {file.get('path', '')}", 8)
    doc.line(f"SHA-256 {file.get('sha256', '')} · DXF {file.get('dxfversion', '')} · {t(lang, 'pdf.cover_units')}: "
             f"{units.get('drawing_unit', '?')} ({units.get('source', '')})", 7, "#4a5561")
    doc.line(t(lang, "pdf.cover_generated", version=__version__, schema=d.get("schema_version", "")), 7, "#4a5561")
    doc.space(0.08)
    ax = doc.axes(4.6)
    draw_plan(ax, report.plan, overlays, view_box([r.polygon for r in report.plan.rooms], 500.0), door_status=doors,
              keep=lambda o: o.status == "fail")
    doc.space(0.1)
    doc.line(f"{t(lang, 'pdf.cover_ruleset')}: {rs.get('name', '')}", 11, bold=True)
    if rs.get("description"):
        doc.line(str(rs["description"]), 7.5)
    doc.line(t(lang, "pdf.cover_chain") + ": " + " → ".join(f"{c.get('name', '')} ({str(c.get('path', '')).rsplit('/', 1)[-1]}, "
                                                             f"{str(c.get('sha256', ''))[:12]})" for c in rs.get("chain", [])),
             7, "#4a5561")
    doc.space(0.05)
    params = rs.get("params") or {}
    enabled = [(k, v) for k, v in sorted(params.items()) if v.get("enabled", True)]
    doc.line(f"{t(lang, 'pdf.cover_sources')} ({t(lang, 'pdf.enabled_rules', n=len(enabled))})", 10, bold=True)
    codes = {f.rule: f.code for f in report.findings}
    for rule, values in enabled:
        spec = SPECS.get(rule)
        code = spec.code if spec is not None else codes.get(rule, "")
        doc.line(f"{code} {term(lang, code, rule)} ({rule}, {values.get('severity', 'error')}): {values.get('source', '')}",
                 6.5, indent=0.1, gap=1.3)
    doc.line(t(lang, "pdf.cover_note"), 6.5, "#6b7580")


def _rows(report: Any, d: dict[str, Any], indices: list[int]) -> list[tuple[list[int], dict[str, Any]]]:
    """The findings to list, failing first; identical needs-review items folded into one row."""
    fds = d.get("findings", [])
    rank = {"fail": 0, "error": 1, "needs_review": 2}
    rows: list[tuple[list[int], dict[str, Any]]] = []
    folded: dict[tuple[str, str], int] = {}
    for i in sorted(indices, key=lambda k: (rank.get(fds[k]["status"], 3), k)):
        fd = fds[i]
        key = (fd.get("code", ""), fd.get("message", ""))
        if fd["status"] == "needs_review" and key in folded:
            rows[folded[key]][0].append(i)
            continue
        if fd["status"] == "needs_review":
            folded[key] = len(rows)
        rows.append(([i], fd))
    return rows


def _findings_block(doc: _Doc, report: Any, d: dict[str, Any], overlays: list[Any], doors: dict[str, str],
                    indices: list[int], geoms: list[Any], ri: int, lang: str, title: str, none: str) -> None:
    rows = _rows(report, d, indices)
    numbers = {finding_id(ri, i): n for n, (idx, _) in enumerate(rows, 1) for i in idx}
    doc.space(0.05)
    # the plan takes what the list and the area block leave of the page (so that a unit fits on one), within limits
    # a long list goes compact (one line a finding, its hint, the clause once per code) to keep the unit on one page
    per_row = [0.19 + (0.13 if lang != "en" else 0.0) + 0.11 + 0.11 + (0.13 if hint_of(fd, lang) else 0.0) for _, fd in rows]
    room = PAGE_IN[1] - BOTTOM - doc.y - 0.45 - 1.0
    compact = sum(per_row) > room - 2.6
    if compact:
        codes = {str(fd.get("code")) for _, fd in rows}
        per_row = [0.15 + (0.12 if hint_of(fd, lang) else 0.0) for _, fd in rows] + [0.11] * len(codes)
    ax = doc.axes(min(4.6, max(2.6, room - sum(per_row))))
    draw_plan(ax, report.plan, overlays, view_box(geoms, 700.0), door_status=doors, label_pt=6.5,
              keep=lambda o: o.finding in numbers and o.layer != "zones", numbers=numbers)
    doc.space(0.12)
    doc.line(title, 10.5, bold=True)
    if not rows:
        doc.line(none, 8)
        return
    fds = d.get("findings", [])
    cols = [(0.0, "pdf.col_no", "left"), (0.25, "pdf.col_code", "left"), (0.75, "pdf.col_subject", "left"),
            (3.35, "pdf.col_status", "left"), (5.05, "pdf.col_measured", "right"), (6.1, "pdf.col_required", "right"),
            (7.15, "pdf.col_margin", "right")]
    doc.need(0.2)
    for x, key, ha in cols:
        doc.text(LEFT + x, t(lang, key), 7, "#6b7580", bold=True, ha=ha)
    doc.y += 0.16
    clause_shown: set[str] = set()
    for n, (idx, fd) in enumerate(rows, 1):
        st = "accepted" if fd.get("accepted") else fd["status"]
        unit = fd.get("unit", "")
        dia = is_diameter(str(fd.get("code", "")), unit, fd.get("details"))
        o = "Ø" if dia else ""
        subjects = ", ".join(fds[i]["subject"] for i in idx) if len(idx) > 1 else \
            subject_text(lang, fd["subject"], str(fd.get("subject_name", "")))
        cells = [str(n), str(fd.get("code", "")), subjects[:44], status_label(st, lang),
                 (o if fd.get("measured") is not None else "") + quantity(fd.get("measured"), unit, lang=lang),
                 (o if fd.get("required") is not None else "") + quantity(fd.get("required"), unit, lang=lang),
                 margin(fd.get("margin"), unit, lang=lang)]
        doc.need(0.3 if compact else 0.55)
        size = 7.0 if compact else 7.5
        for (x, _, ha), cell in zip(cols, cells, strict=True):
            doc.text(LEFT + x, cell, size, INK.get(st, "#1f2933") if x in (0.0, 3.35) else "#1f2933", bold=x < 0.5, ha=ha)
        doc.y += size * 1.4 / 72
        if not compact:
            say = finding_sentence(lang, str(fd.get("code", "")), fd["status"], fd.get("measured"), fd.get("required"), unit,
                                   str(fd.get("sense", ">=")), fd.get("details"))
            if lang != "en":
                doc.line(say, 7, indent=0.25, gap=1.3)
            doc.line(_clip(str(fd.get("message", "")), 150), 6.2, "#4a5561" if lang != "en" else "#1f2933", indent=0.25,
                     gap=1.25)
        hint = hint_of(fd, lang)
        if hint:
            doc.line(f"{t(lang, 'finding.hint')}: {hint}", 6.8 if compact else 7, "#1f5fa8", indent=0.25, gap=1.3)
        code = str(fd.get("code", ""))
        if not compact or code not in clause_shown:
            clause_shown.add(code)
            doc.line(f"{t(lang, 'pdf.col_clause')} ({code}): {_clip(str(fd.get('source', '')), 120)}", 6.2, "#6b7580",
                     indent=0.25, gap=1.25)
        doc.space(0.02 if compact else 0.04)


def _clip(text: str, chars: int) -> str:
    """``text`` cut at a word boundary to at most ``chars`` characters, with "…" (the cover has the full clauses)."""
    if len(text) <= chars:
        return text
    return text[: text.rfind(" ", 0, chars - 1) if " " in text[:chars] else chars - 1].rstrip(" ,;:(") + " …"


def _area_block(doc: _Doc, u: dict[str, Any] | None, lang: str) -> None:
    if not u:
        return
    doc.space(0.08)
    doc.line(t(lang, "area.title"), 10.5, bold=True)
    m2 = lambda v: "—" if v is None else decimal(f"{v:.2f}", lang) + " m²"  # noqa: E731
    eff = u.get("efficiency_index")
    figures = [f"{t(lang, 'area.net')} {m2(u.get('net_m2'))}", f"{t(lang, 'area.bra')} {m2(u.get('bra_m2'))}",
               f"{t(lang, 'area.type')}: {u.get('type', '')}",
               f"{t(lang, 'area.efficiency')} {'—' if eff is None else decimal(f'{eff:.2f}', lang)}"]
    if u.get("balcony_m2"):
        figures.append(f"{t(lang, 'area.balcony')} {m2(u.get('balcony_m2'))}")
    doc.line(" · ".join(figures), 8)
    funcs = sorted((u.get("by_function") or {}).items(), key=lambda kv: -kv[1])
    doc.line(t(lang, "area.by_function") + ": " + ", ".join(f"{function_name(lang, k)} {m2(v)}" for k, v in funcs), 7.5)
    shares = [(t(lang, "area.circulation"), "circulation"), (t(lang, "area.storage"), "storage"), (t(lang, "area.wet"), "wet"),
              (t(lang, "area.unusable"), "unusable"), (t(lang, "area.required_zones"), "required_zone")]
    doc.line(t(lang, "area.shares") + ": " + " · ".join(f"{label} {m2(u.get(k + '_m2'))} ({percent(u.get(k + '_share'))})"
                                                        for label, k in shares), 7.5)
