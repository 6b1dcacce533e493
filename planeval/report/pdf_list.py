"""The findings of one PDF page as rows that fit the page: in full when there is room, else compact.

Full: one finding a row — the numbers, the sentence of its numbers (nb), the check's message, the fix
hint and the clause. Compact (a busy unit): the findings of one code and status grouped into one row
(its subjects with their numbers, the first hint, the clause once), set smaller in two columns. A
page never continues: what does not fit even so is counted in one last line ("… 4 more: see the
HTML or JSON report"). :func:`rows` groups and numbers, :func:`layout` decides, ``pdf._Doc`` writes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from planeval.report.fmt import margin, quantity
from planeval.report.html_common import status_label
from planeval.report.i18n import t, term
from planeval.report.messages import message_of
from planeval.report.sentences import finding_sentence, hint_of, is_diameter, subject_text

__all__ = ["Para", "Row", "rows", "cells", "paragraphs", "height", "wrap", "clip", "FULL_PT", "COMPACT_PT", "CELLS", "CELL_IN"]

#: font sizes (points) of a row's first line in the full and the compact list
FULL_PT, COMPACT_PT = 7.5, 6.3
#: the compact list's columns and the gap between them (inches)
COLUMNS, COLUMN_GAP = 2, 0.22


@dataclass(frozen=True)
class Para:
    """A paragraph: wrapped to its column, written line by line."""

    text: str
    size: float
    color: str = "#1f2933"
    bold: bool = False
    indent: float = 0.0
    gap: float = 1.3


@dataclass
class Row:
    """Findings listed as one row (one number on the plan): their indices and the first one's dict."""

    indices: list[int]
    fd: dict[str, Any]
    members: list[dict[str, Any]] = field(default_factory=list)


def wrap(text: str, size: float, width_in: float) -> list[str]:
    """``text`` broken to lines of ``width_in`` inches at ``size`` points (DejaVu Sans: ~0.56 em a character)."""
    chars = max(16, int(width_in * 72 / (size * 0.56)))
    return textwrap.wrap(text, chars) or [""]


def clip(text: str, chars: int) -> str:
    """``text`` cut at a word boundary to at most ``chars`` characters, with "…"."""
    if len(text) <= chars:
        return text
    return text[: text.rfind(" ", 0, chars - 1) if " " in text[:chars] else chars - 1].rstrip(" ,;:(") + " …"


def height(paras: list[Para], width_in: float) -> float:
    """Inches ``paras`` take in one column ``width_in`` wide."""
    return sum(len(wrap(p.text, p.size, width_in - p.indent)) * p.size * p.gap / 72 for p in paras)


RANK = {"fail": 0, "error": 1, "needs_review": 2}


def rows(fds: list[dict[str, Any]], indices: list[int], compact: bool) -> list[Row]:
    """The findings ``indices`` of ``fds`` as rows, failing first: identical needs-review items folded into one row;
    in the compact list every finding of one code and status in one row."""
    out: list[Row] = []
    folded: dict[tuple[str, ...], int] = {}
    for i in sorted(indices, key=lambda k: (RANK.get(fds[k]["status"], 3), k)):
        fd = fds[i]
        st = "accepted" if fd.get("accepted") else fd["status"]
        key = (str(fd.get("code", "")), st) if compact else (str(fd.get("code", "")), str(fd.get("message", "")))
        if (compact or st == "needs_review") and key in folded:
            row = out[folded[key]]
            row.indices.append(i)
            row.members.append(fd)
            continue
        if compact or st == "needs_review":
            folded[key] = len(out)
        out.append(Row([i], fd, [fd]))
    return out


def _values(fd: dict[str, Any], lang: str) -> tuple[str, str, str]:
    unit = fd.get("unit", "")
    o = "Ø" if is_diameter(str(fd.get("code", "")), unit, fd.get("details")) else ""
    measured = (o if fd.get("measured") is not None else "") + quantity(fd.get("measured"), unit, lang=lang)
    required = (o if fd.get("required") is not None else "") + quantity(fd.get("required"), unit, lang=lang)
    return measured, required, margin(fd.get("margin"), unit, lang=lang)


def _sentence(fd: dict[str, Any], lang: str, name: str = "") -> str:
    """The sentence of the finding's numbers, with the term ``name`` leading when given."""
    return finding_sentence(lang, str(fd.get("code", "")), fd["status"], fd.get("measured"), fd.get("required"),
                            fd.get("unit", ""), str(fd.get("sense", ">=")), fd.get("details"), fallback=name,
                            with_term=bool(name))


#: the full list's columns: x (inches from the left margin), heading key, alignment
CELLS = [(0.0, "pdf.col_no", "left"), (0.25, "pdf.col_code", "left"), (0.75, "pdf.col_subject", "left"),
         (3.35, "pdf.col_status", "left"), (5.05, "pdf.col_measured", "right"), (6.1, "pdf.col_required", "right"),
         (7.15, "pdf.col_margin", "right")]
#: the height of a row of cells (inches)
CELL_IN = FULL_PT * 1.4 / 72


def cells(n: int, row: Row, lang: str) -> list[str]:
    """Row ``n`` of the full list as its cells: number, code, subject(s), status, measured, required, margin."""
    fd = row.fd
    st = "accepted" if fd.get("accepted") else fd["status"]
    subjects = ", ".join(m["subject"] for m in row.members) if len(row.members) > 1 else \
        subject_text(lang, fd["subject"], str(fd.get("subject_name", "")))
    return [str(n), str(fd.get("code", "")), subjects[:44], status_label(st, lang), *_values(fd, lang)]


def paragraphs(n: int, row: Row, lang: str, compact: bool, ink: str) -> list[Para]:
    """What row ``n`` says: full (numbers, sentence, message, hint, clause) or compact (its subjects and numbers)."""
    fd = row.fd
    code = str(fd.get("code", ""))
    st = "accepted" if fd.get("accepted") else fd["status"]
    hint = next((h for h in (hint_of(m, lang) for m in row.members) if h), "")
    clause = clip(str(fd.get("source", "")), 95 if compact else 120)
    if not compact:  # below its cells (:func:`cells`)
        out = []
        if lang != "en":
            out.append(Para(_sentence(fd, lang, term(lang, code, str(fd.get("rule", "")))), 7.0, indent=0.25))
        out.append(Para(clip(message_of(fd, lang), 150), 6.2, "#4a5561", indent=0.25, gap=1.25))
        if hint:
            out.append(Para(f"{t(lang, 'finding.hint')}: {hint}", 7.0, "#1f5fa8", indent=0.25))
        out.append(Para(f"{t(lang, 'pdf.col_clause')} ({code}): {clause}", 6.2, "#6b7580", indent=0.25, gap=1.25))
        return out
    head = f"{n}  {code} {term(lang, code, str(fd.get('rule', '')))} — {status_label(st, lang)}"
    if len(row.members) > 1:
        head += f" ({len(row.members)})"
    said: dict[str, list[str]] = {}  # what is said -> the subjects it is said of, in order
    for m in row.members:
        text = f"{_values(m, lang)[0]} ({_values(m, lang)[2]})" if m.get("measured") is not None and st != "needs_review" \
            else _sentence(m, lang)
        subjects = said.setdefault(text, [])
        if m["subject"] not in subjects:
            subjects.append(m["subject"])
    what = "; ".join(f"{', '.join(subjects)}: {text}" if len(subjects) > 1 or st == "needs_review" else f"{subjects[0]} {text}"
                     for text, subjects in said.items())
    out = [Para(head, COMPACT_PT, ink, bold=True), Para(what, COMPACT_PT - 0.3, indent=0.12, gap=1.25)]
    if hint:
        out.append(Para(f"{t(lang, 'finding.hint')}: {clip(hint, 200)}", COMPACT_PT - 0.3, "#1f5fa8", indent=0.12, gap=1.25))
    out.append(Para(f"{t(lang, 'pdf.col_clause')}: {clause}", 5.6, "#6b7580", indent=0.12, gap=1.25))
    return out
