"""The HTML report's recognition block: what planeval understood of the drawing, near the top of each report.

It shows, from the report dict's ``recognition`` (and the plan's views): the grade and score, the
share of the enclosed floor that became rooms, the rooms labelled / inferred / without a function,
the door symbols used and unused (and doors reported but not judged), the room texts in no room, the
unexplained linework, the drawings on the sheet by kind, and what lowered the grade. A plan
recognised below the run's minimum grade gets the "not judged" banner first (its verdict is
``review``). A toggle shows or hides the drawing's ``unrecognised`` layer (unused door symbols, texts
in no room, the other drawings of the sheet) and the highlight of the unexplained linework: on by
default when the grade is below B.

The block brings its own few CSS rules (inline, allowed by the page's Content-Security-Policy); the
toggle is an ordinary base-layer toggle of the page script (``data-layer-toggle``, ``data-base``),
and a ``:has()`` rule greys the unexplained lines when it is off. Every DXF text is escaped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from planeval.report.fmt import percent
from planeval.report.html_common import e
from planeval.report.i18n import t
from planeval.report.recognition_text import kind_name, local, not_judged_line, note_lines, partly_judged

__all__ = ["recognition_block", "STYLE", "shows_unrecognised"]

STYLE = (
    ".recog{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:12px 0 16px;background:#fafbfc}"
    ".recog h4{margin:0 0 6px}.recog dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 6px}"
    ".recog dt{color:var(--muted)}.recog dd{margin:0}.recog ul{margin:4px 0 6px 18px;padding:0}"
    ".recog .notjudged{background:var(--review-bg);color:var(--review);font-weight:600;padding:6px 10px;"
    "border-radius:6px;margin-bottom:8px}.recog .g-A,.recog .g-B{color:var(--pass)}.recog .g-C{color:var(--review)}"
    ".recog .g-D,.recog .g-E,.recog .g-F{color:var(--fail)}.verdict.v-review{background:var(--review-bg);color:var(--review)}"
    ".report:has(input[data-layer-toggle=\"unrecognised\"]:not(:checked)) .pe-unexplained"
    "{stroke:#b9b9b9;stroke-width:0.6px}"
)


def shows_unrecognised(grade: str) -> bool:
    """Whether the unrecognised layer starts visible: when the grade is below B (or not a floor plan).

    >>> shows_unrecognised("A"), shows_unrecognised("B"), shows_unrecognised("C"), shows_unrecognised("")
    (False, False, True, False)
    """
    return grade in ("C", "D", "E", "F")


def _views(report: Any, lang: str) -> str:
    """The drawings on the sheet by kind: ``floor plan ×1, elevation ×4``."""
    kinds: Counter[str] = Counter()
    for v in getattr(report.plan, "views", ()) or ():
        if v.kind == "floor_plan":
            kinds[t(lang, "recognition.html_view_plan" if v.is_plan else "recognition.html_view_unused")] += 1
        else:
            kinds[kind_name(lang, v.kind)] += 1
    return ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items()))


def recognition_block(report: Any, d: dict[str, Any], ri: int, lang: str = "en") -> str:
    """``<div class="recog">`` for one report (``d`` is its dict, ``report`` the :class:`Report`)."""
    rec = report.plan.recognition
    r = d.get("recognition") or {}
    if not rec.grade:
        return ""
    grade = rec.grade
    head = f'<h4>{e(t(lang, "recognition.html_title"))}</h4>'
    banner = ""
    min_grade = str(r.get("min_grade") or "")
    if r.get("judged") is False:
        partly = partly_judged(report)
        why = t(lang, "recognition.partly_judged_why" if partly else "recognition.not_judged_why",
                n=r.get("findings_needing_review", 0))
        banner = f'<div class="notjudged">{e(not_judged_line(lang, grade, min_grade, partly))}. {e(why)}</div>'
    rows: list[tuple[str, str]] = []
    score = local(lang, f"{rec.score or 0:.2f}")
    rows.append((t(lang, "recognition.html_grade"),
                 f'<b class="g-{e(grade)}">{e(t(lang, "recognition.html_grade_value", grade=grade, score=score))}</b>'
                 + (f' <span class="muted">{e(t(lang, "recognition.html_min_grade", min_grade=min_grade))}</span>'
                    if min_grade else "")))
    if rec.is_floor_plan:
        share = rec.room_share
        rows.append((t(lang, "recognition.html_floor"), e(t(
            lang, "recognition.html_floor_value", share=percent(share) if share is not None else "—",
            rooms_m2=local(lang, f"{rec.room_m2:.1f}"), enclosed=local(lang, f"{rec.enclosed_m2:.1f}")))))
        rows.append((t(lang, "recognition.html_rooms"), e(t(
            lang, "recognition.html_rooms_value", rooms=rec.rooms, labelled=rec.rooms_labelled,
            inferred=rec.rooms_inferred, unknown=rec.rooms_unlabelled))))
        rows.append((t(lang, "recognition.html_doors"), e(t(
            lang, "recognition.html_doors_value", used=rec.door_symbols_used,
            unused=rec.door_symbols - rec.door_symbols_used))))
        if rec.doors_not_judged:
            rows.append((t(lang, "recognition.html_doors_not_judged"), e(str(rec.doors_not_judged))))
        rows.append((t(lang, "recognition.html_texts"), e(t(
            lang, "recognition.html_texts_value", unassigned=rec.texts - rec.texts_assigned, texts=rec.texts))))
        rows.append((t(lang, "recognition.html_lines"), e(t(
            lang, "recognition.html_lines_value", metres=local(lang, f"{rec.unexplained_m:.1f}")))))
    views = _views(report, lang)
    if views:
        rows.append((t(lang, "recognition.html_views"), e(views)))
    facts = "<dl>" + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
    notes = note_lines(lang, rec) if rec.is_floor_plan else [rec.kind_reason]
    listed = (f'<div class="muted">{e(t(lang, "recognition.html_notes"))}</div><ul>'
              + "".join(f"<li>{e(n)}</li>" for n in notes if n) + "</ul>") if any(notes) else ""
    checked = " checked" if shows_unrecognised(grade) else ""
    toggle = (f'<label class="recog-toggle"><input type="checkbox" data-layer-toggle="unrecognised" data-base="1"{checked}> '
              f'{e(t(lang, "recognition.html_toggle"))}</label>')
    return (f'<style>{STYLE}</style><div class="recog" id="recognition-{ri}" data-grade="{e(grade)}">'
            f"{head}{banner}{facts}{listed}{toggle}</div>")
