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
from planeval.report.fmt import decimal, percent
from planeval.report.i18n import function_name, t, term
from planeval.report.json_report import reports_to_dict
from planeval.report.overlays import door_verdicts, finding_id, finding_overlays
from planeval.report.pdf_list import (
    CELL_IN,
    CELLS,
    COLUMN_GAP,
    COLUMNS,
    COMPACT_PT,
    FULL_PT,
    Para,
    Row,
    cells,
    height,
    paragraphs,
    rows,
    wrap,
)
from planeval.report.pdf_plan import draw_plan, view_box
from planeval.report.recognition_text import not_judged_line, partly_judged, verdict_class, verdict_label
from planeval.version import __version__

__all__ = ["write_pdf", "PAGE_IN"]

#: A4 portrait, inches
PAGE_IN = (8.27, 11.69)
LEFT, RIGHT, TOP, BOTTOM = 0.55, 0.55, 0.5, 0.55
WIDTH_IN = PAGE_IN[0] - LEFT - RIGHT
#: the height of a page's plan: at most, at least beside the full list, at least beside the compact list (inches)
PLAN_MAX_IN, PLAN_MIN_IN, PLAN_COMPACT_IN = 4.6, 3.0, 2.7
#: the cover's plan gives way to the rule set's clauses down to this (inches)
COVER_PLAN_MIN_IN = 2.3
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

    def para(self, p: Para, x: float = LEFT, width: float = PAGE_IN[0] - LEFT - RIGHT, y: float | None = None) -> float:
        """Write paragraph ``p`` at ``x`` (``y``: the cursor) within ``width`` inches, without a page break; returns the
        y below it (and moves the cursor when ``y`` is not given)."""
        at = self.y if y is None else y
        step = p.size * p.gap / 72
        for part in wrap(p.text, p.size, width - p.indent):
            keep, self.y = self.y, at
            self.text(x + p.indent, part, p.size, p.color, p.bold)
            self.y = keep
            at += step
        if y is None:
            self.y = at
        return at

    def columns(self, groups: list[list[Para]], bottom: float, more: Callable[[int], Para]) -> None:
        """``groups`` (each kept together) down :data:`COLUMNS` columns from the cursor to ``bottom``; what does not fit
        is counted in the paragraph ``more(n)`` at the foot of the last column."""
        width = (PAGE_IN[0] - LEFT - RIGHT - COLUMN_GAP * (COLUMNS - 1)) / COLUMNS
        top, col, y, lowest, shown = self.y, 0, self.y, self.y, 0
        foot = height([more(0)], width)
        for k, g in enumerate(groups):
            h = height(g, width) + 0.03
            reserve = foot if k < len(groups) - 1 else 0.0
            if y + h > bottom - (reserve if col == COLUMNS - 1 else 0.0) and col < COLUMNS - 1:
                col, y = col + 1, top
            if y + h > bottom - reserve:
                break
            x = LEFT + col * (width + COLUMN_GAP)
            for p in g:
                y = self.para(p, x, width, y)
            y += 0.03
            lowest, shown = max(lowest, y), shown + 1
        if shown < len(groups):
            lowest = self.para(more(len(groups) - shown), LEFT + col * (width + COLUMN_GAP), width, max(y, bottom - foot))
        self.y = lowest

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
        area = _area_paras(areas.get(unit.id), lang)
        _findings_block(page, report, d, overlays, doors, by_unit.get(unit.id, []), [r.polygon for r in rooms], ri, lang,
                        t(lang, "pdf.unit_findings"), t(lang, "pdf.unit_none"), after=height(area, WIDTH_IN) + 0.1)
        page.space(0.08)
        for p in area:
            page.para(p)
        page.finish()
    if loose or not report.plan.units:
        title = t(lang, "pdf.plan_findings")
        page = _Doc(pdf, lambda x: header(x, title))
        page.new_page()
        if not report.plan.units:
            page.line(t(lang, "pdf.no_units"), 8)
        geoms = [f.result.location for i, f in enumerate(report.findings) if i in loose and f.result.location is not None]
        _findings_block(page, report, d, overlays, doors, loose, geoms or [r.polygon for r in report.plan.rooms], ri, lang,
                        t(lang, "pdf.unit_findings"), t(lang, "pdf.unit_none"), after=0.0)  # the page's title names the plan
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
        doc.line(not_judged_line(lang, report.plan.recognition.grade, report.min_grade, partly_judged(report)), 9, ink)
    counts = " · ".join(t(lang, f"console.summary_{k}", n=s.get(v, 0))
                        for k, v in (("fail", "fail"), ("review", "needs_review"), ("pass", "pass"), ("na", "not_applicable")))
    doc.line(counts, 9)
    doc.space(0.05)
    doc.line(f"{t(lang, 'pdf.cover_file')}: {file.get('path', '')}", 8)
    doc.line(f"SHA-256 {file.get('sha256', '')} · DXF {file.get('dxfversion', '')} · {t(lang, 'pdf.cover_units')}: "
             f"{units.get('drawing_unit', '?')} ({units.get('source', '')})", 7, "#4a5561")
    doc.line(t(lang, "pdf.cover_generated", version=__version__, schema=d.get("schema_version", "")), 7, "#4a5561")
    after = [Para(f"{t(lang, 'pdf.cover_ruleset')}: {rs.get('name', '')}", 11, bold=True, gap=1.35)]
    if rs.get("description"):
        after.append(Para(str(rs["description"]), 7.5, gap=1.35))
    chain = " → ".join(f"{c.get('name', '')} ({str(c.get('path', '')).rsplit('/', 1)[-1]}, {str(c.get('sha256', ''))[:12]})"
                       for c in rs.get("chain", []))
    after.append(Para(t(lang, "pdf.cover_chain") + ": " + chain, 7, "#4a5561", gap=1.35))
    params = rs.get("params") or {}
    enabled = [(k, v) for k, v in sorted(params.items()) if v.get("enabled", True)]
    after.append(Para(f"{t(lang, 'pdf.cover_sources')} ({t(lang, 'pdf.enabled_rules', n=len(enabled))})", 10, bold=True,
                      gap=1.35))
    codes = {f.rule: f.code for f in report.findings}
    sources = []
    for rule, values in enabled:
        spec = SPECS.get(rule)
        code = spec.code if spec is not None else codes.get(rule, "")
        sources.append([Para(f"{code} {term(lang, code, rule)} ({rule}, {values.get('severity', 'error')}): "
                             f"{values.get('source', '')}", 5.6, gap=1.2)])
    note = Para(t(lang, "pdf.cover_note"), 6.5, "#6b7580")
    colw = (WIDTH_IN - COLUMN_GAP * (COLUMNS - 1)) / COLUMNS
    listed = sum(height(g, colw) + 0.03 for g in sources) / COLUMNS + max((height(g, colw) for g in sources), default=0.0)
    room = PAGE_IN[1] - BOTTOM - doc.y - 0.2 - height(after, WIDTH_IN) - listed - height([note], WIDTH_IN) - 0.1
    doc.space(0.08)
    ax = doc.axes(min(PLAN_MAX_IN, max(COVER_PLAN_MIN_IN, room)))
    draw_plan(ax, report.plan, overlays, view_box([r.polygon for r in report.plan.rooms], 500.0), door_status=doors,
              keep=lambda o: o.status == "fail")
    doc.space(0.1)
    for p in after:
        doc.para(p)
    doc.columns(sources, PAGE_IN[1] - BOTTOM - height([note], WIDTH_IN) - 0.05,
                lambda n: Para(t(lang, "pdf.more", n=n), 5.6, "#6b7580", bold=True))
    doc.para(note)


def _findings_block(doc: _Doc, report: Any, d: dict[str, Any], overlays: list[Any], doors: dict[str, str],
                    indices: list[int], geoms: list[Any], ri: int, lang: str, title: str, none: str, after: float) -> None:
    """The page's plan and its findings, on this one page: the full list with the plan as large as it leaves room
    for; a busy page gets the compact list in two columns (:mod:`planeval.report.pdf_list`). ``after``: the
    inches the page keeps below the list (the area block)."""
    fds = d.get("findings", [])
    width = PAGE_IN[0] - LEFT - RIGHT
    doc.space(0.05)
    avail = PAGE_IN[1] - BOTTOM - doc.y - after - 0.12 - 10.5 * 1.35 / 72  # for the plan and the list

    def ink(r: Row) -> str:
        return INK.get("accepted" if r.fd.get("accepted") else r.fd["status"], "#1f2933")

    chosen = rows(fds, indices, compact=False)
    groups = [paragraphs(n, r, lang, False, ink(r)) for n, r in enumerate(chosen, 1)]
    listed = sum(CELL_IN + height(g, width) + 0.04 for g in groups) + 0.16
    compact = listed > avail - PLAN_MIN_IN
    if compact:
        chosen = rows(fds, indices, compact=True)
        groups = [paragraphs(n, r, lang, True, ink(r)) for n, r in enumerate(chosen, 1)]
        colw = (width - COLUMN_GAP * (COLUMNS - 1)) / COLUMNS
        tallest = max(height(g, colw) for g in groups)
        listed = sum(height(g, colw) + 0.03 for g in groups) / COLUMNS + tallest
    plan_in = min(PLAN_MAX_IN, max(PLAN_COMPACT_IN if compact else PLAN_MIN_IN, avail - listed))
    numbers = {finding_id(ri, i): n for n, r in enumerate(chosen, 1) for i in r.indices}
    drawn = {finding_id(ri, i) for r in chosen for i in _first_per_subject(r, fds)}  # one label a subject and row
    ax = doc.axes(plan_in)
    draw_plan(ax, report.plan, overlays, view_box(geoms, 700.0), door_status=doors, label_pt=6.5,
              keep=lambda o: o.finding in drawn and o.layer != "zones", numbers=numbers)
    doc.space(0.12)
    doc.line(title, 10.5, bold=True)
    if not chosen:
        doc.line(none, 8)
        return
    bottom = PAGE_IN[1] - BOTTOM - after
    if compact:
        doc.columns(groups, bottom, lambda n: Para(t(lang, "pdf.more", n=n), COMPACT_PT, "#6b7580", bold=True))
        return
    for _, key, ha in CELLS:
        doc.text(LEFT + _x(key), t(lang, key), 7, "#6b7580", bold=True, ha=ha)
    doc.y += 0.16
    for n, (r, g) in enumerate(zip(chosen, groups, strict=True), 1):
        for (x, _, ha), cell in zip(CELLS, cells(n, r, lang), strict=True):
            doc.text(LEFT + x, cell, FULL_PT, ink(r) if x in (0.0, 3.35) else "#1f2933", bold=x < 0.5, ha=ha)
        doc.y += CELL_IN
        for p in g:
            doc.para(p)
        doc.space(0.04)


def _first_per_subject(row: Row, fds: list[dict[str, Any]]) -> list[int]:
    """The row's findings to draw: the first (worst) of each subject."""
    seen: set[str] = set()
    out = []
    for i in row.indices:
        if fds[i]["subject"] not in seen:
            seen.add(fds[i]["subject"])
            out.append(i)
    return out


def _x(key: str) -> float:
    return next(x for x, k, _ in CELLS if k == key)


def _clip(text: str, chars: int) -> str:
    """``text`` cut at a word boundary to at most ``chars`` characters, with "…" (the cover has the full clauses)."""
    if len(text) <= chars:
        return text
    return text[: text.rfind(" ", 0, chars - 1) if " " in text[:chars] else chars - 1].rstrip(" ,;:(") + " …"


def _area_paras(u: dict[str, Any] | None, lang: str) -> list[Para]:
    """The unit's area block: key figures, net area by function, shares."""
    if not u:
        return []
    m2 = lambda v: "—" if v is None else decimal(f"{v:.2f}", lang) + " m²"  # noqa: E731
    eff = u.get("efficiency_index")
    figures = [f"{t(lang, 'area.net')} {m2(u.get('net_m2'))}", f"{t(lang, 'area.bra')} {m2(u.get('bra_m2'))}",
               f"{t(lang, 'area.type')}: {u.get('type', '')}",
               f"{t(lang, 'area.efficiency')} {'—' if eff is None else decimal(f'{eff:.2f}', lang)}"]
    if u.get("balcony_m2"):
        figures.append(f"{t(lang, 'area.balcony')} {m2(u.get('balcony_m2'))}")
    funcs = sorted((u.get("by_function") or {}).items(), key=lambda kv: -kv[1])
    shares = [(t(lang, "area.circulation"), "circulation"), (t(lang, "area.storage"), "storage"), (t(lang, "area.wet"), "wet"),
              (t(lang, "area.unusable"), "unusable"), (t(lang, "area.required_zones"), "required_zone")]
    return [Para(t(lang, "area.title"), 10.5, bold=True, gap=1.35), Para(" · ".join(figures), 8, gap=1.35),
            Para(t(lang, "area.by_function") + ": " + ", ".join(f"{function_name(lang, k)} {m2(v)}" for k, v in funcs), 7.5),
            Para(t(lang, "area.shares") + ": " + " · ".join(f"{label} {m2(u.get(k + '_m2'))} ({percent(u.get(k + '_share'))})"
                                                           for label, k in shares), 7.5)]
