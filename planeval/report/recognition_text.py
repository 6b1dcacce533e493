"""What planeval understood of a drawing, in the reports' words (``nb`` or ``en``): the recognition
summary line and what lowered the grade, a drawing that is not a floor plan, the plan-level verdict
``review`` (not judged: recognised below the run's minimum grade) and its reason.

Every writer (console, Markdown, HTML, PDF, JUnit) takes these texts from here; the numbers come from
:class:`~planeval.model.types.Recognition` (its ``reasons`` say each note as a key and its values), the
words from the ``[recognition]`` section of ``report/i18n/{nb,en}.toml``. The JSON stays English and
language-neutral (``recognition.notes``, ``summary.not_judged``).

>>> verdict_label("nb", "review"), verdict_label("en", "fail")
('Ikke vurdert', 'Failing')
>>> not_judged_line("nb", "D", "C")
'Ikke vurdert: tegningen er gjenkjent med karakter D, under C'
>>> not_judged_line("en", "D", "C", partly=True)
'Partly judged: the drawing was recognised at grade D, below C'
"""

from __future__ import annotations

import re
from typing import Any

from planeval.model.types import Recognition
from planeval.report.fmt import decimal, percent
from planeval.report.i18n import t

__all__ = ["verdict_label", "verdict_class", "not_judged_line", "partly_judged", "summary_line", "note_lines",
           "recognition_lines", "markdown_lines", "review_count", "kind_name", "local"]


def verdict_label(lang: str, word: str) -> str:
    """The verdict word (``pass``, ``fail``, ``review``; ``error`` shown as fail) as the reports say it."""
    if word == "review":
        return t(lang, "recognition.verdict_review")
    return t(lang, "verdict." + ("pass" if word == "pass" else "fail"))


def verdict_class(word: str) -> str:
    """The CSS/status class of a verdict word: ``pass``, ``fail`` or ``review`` (error counts as fail)."""
    return word if word in ("pass", "review") else "fail"


def not_judged_line(lang: str, grade: str, min_grade: str, partly: bool = False) -> str:
    """``Not judged: the drawing was recognised at grade D, below C``; with ``partly`` (findings on rooms
    and doors recognised with certainty still fail: the plan's verdict is then "failing", see
    :func:`partly_judged`) ``Partly judged: …``, so the line never contradicts the verdict."""
    return t(lang, "recognition.partly_judged" if partly else "recognition.not_judged", grade=grade, min_grade=min_grade)


def partly_judged(report: Any) -> bool:
    """A plan recognised below the minimum grade whose findings still fail it (on subjects recognised with
    certainty): its verdict is "failing", not "not judged"."""
    return bool(report.not_judged) and report.verdict().findings_failed


_NUMBER = re.compile(r"-?\d[\d.,]*%?")


def local(lang: str, value: object) -> str:
    """A number the model formatted in English (``47%``, ``12.5``), in ``lang``'s notation (``47 %``, ``12,5``);
    anything that is not a number (a file name in a note) as it is."""
    text = str(value)
    if lang == "nb" and _NUMBER.fullmatch(text):
        text = decimal(text, lang).replace("%", " %")
    return text


def kind_name(lang: str, kind: str) -> str:
    """What a drawing or view looks like (``elevation``) in ``lang``: "et fasadeoppriss"."""
    key = f"recognition.kind_{kind}"
    text = t(lang, key)
    return kind if text == key else text


def summary_line(lang: str, rec: Recognition) -> str:
    """The one-line recognition summary (grade, floor in rooms, rooms, door symbols, texts, linework)."""
    if not rec.is_floor_plan:
        return t(lang, "recognition.not_a_plan", what=kind_name(lang, rec.drawing_kind), reason=rec.kind_reason)
    share = rec.room_share
    where = (t(lang, "recognition.where", share=percent(share) if lang == "nb" else f"{share:.0%}",
               enclosed=local(lang, f"{rec.enclosed_m2:.1f}"))
             if share is not None else t(lang, "recognition.no_enclosed"))
    line = t(lang, "recognition.line", grade=rec.grade, score=local(lang, f"{rec.score or 0:.2f}"), where=where,
             rooms=rec.rooms, labelled=rec.rooms_labelled, inferred=rec.rooms_inferred, unknown=rec.rooms_unlabelled,
             used=rec.door_symbols_used, symbols=rec.door_symbols, assigned=rec.texts_assigned, texts=rec.texts,
             metres=local(lang, f"{rec.unexplained_m:.1f}"))
    if rec.doors_not_judged:
        line += "; " + t(lang, "recognition.doors_not_judged", n=rec.doors_not_judged)
    return line


def note_lines(lang: str, rec: Recognition) -> list[str]:
    """What lowered the grade, heaviest first, in ``lang`` (the English notes when no keyed reasons were kept)."""
    if not rec.reasons:  # a summary built without keyed reasons: its English notes as they are
        return list(rec.notes)
    out: list[str] = []
    for key, values in rec.reasons:
        fields = {k: local(lang, v) for k, v in values}
        out.append(t(lang, f"recognition.note_{key}", **fields))
    return out


def review_count(findings: Any) -> int:
    """How many findings say needs review because of the grade (``details.review_reason``)."""
    return sum(1 for f in findings if "review_reason" in f.result.details)


def recognition_lines(rec: Recognition, lang: str = "en", *, indent: str = "  ", min_grade: str = "",
                      reviewed: int = 0, partly: bool = False) -> list[str]:
    """The recognition summary as text lines: the not-judged line first (when the plan is below
    ``min_grade``), the count of findings turned into review items, the summary, then each note."""
    if not rec.grade:
        return []
    lines: list[str] = []
    if min_grade and rec.below(min_grade) and rec.is_floor_plan:
        lines.append(indent + not_judged_line(lang, rec.grade, min_grade, partly))
    if reviewed:
        lines.append(indent + t(lang, "recognition.reviewed", n=reviewed))
    lines.append(indent + summary_line(lang, rec))
    if rec.is_floor_plan:
        lines += [f"{indent}  - {n}" for n in note_lines(lang, rec)]
    return lines


def markdown_lines(report: Any, lang: str, escape: Any) -> list[str]:
    """The recognition block of a Markdown report (``escape``: the writer's escaping of DXF text): a
    "not judged" line in bold first when the plan is below the minimum grade, then the summary and its
    notes, folded into a ``<details>`` when the plan was judged."""
    rec = report.plan.recognition
    if not rec.grade:
        return []
    head = []
    if report.not_judged and rec.is_floor_plan:
        partly = partly_judged(report)
        key = "recognition.partly_judged_why" if partly else "recognition.not_judged_why"
        why = t(lang, key, n=review_count(report.findings))
        head = [f"⚠️ **{escape(not_judged_line(lang, rec.grade, report.min_grade, partly))}**: {escape(why)}", ""]
    notes = [f"- {escape(n)}" for n in note_lines(lang, rec)] if rec.is_floor_plan else []
    body = [escape(summary_line(lang, rec)), *([""] + notes if notes else [])]
    if head:
        return head + body + [""]
    return ["<details><summary>" + escape(t(lang, "recognition.html_title")) + f": {rec.grade}</summary>", "",
            *body, "", "</details>", ""]
