"""Console output of ``planeval check``: findings grouped per plan, one summary line each, in English or
Norwegian (``lang``): in Norwegian each finding leads with the sentence its numbers make in the
regulation's words, then the check's own message in Norwegian (``report/messages``); a fix hint follows on its own line.
"""

from __future__ import annotations

from typing import Any

import click

from planeval.findings import Report
from planeval.report.fmt import decimal
from planeval.report.i18n import function_name, t, term
from planeval.report.json_report import rounded, subject_name
from planeval.report.messages import result_message
from planeval.report.recognition_text import partly_judged, recognition_lines, review_count
from planeval.report.sentences import finding_sentence, hint_text, subject_text

STATUS_STYLE = {
    "pass": ("PASS", "green"),
    "fail": ("FAIL", "red"),
    "needs_review": ("REVIEW", "yellow"),
    "not_applicable": ("N/A", None),
    "error": ("ERROR", "magenta"),
}


def summary_line(report: Report, lang: str = "en") -> str:
    s = report.summary()
    parts = [t(lang, "console.summary_pass", n=s["pass"]), t(lang, "console.summary_fail", n=s["fail"])]
    if s["fail"]:
        parts[-1] += t(lang, "console.summary_fail_split", e=s["failing_errors"], w=s["failing_warnings"])
    parts += [t(lang, "console.summary_review", n=s["needs_review"]), t(lang, "console.summary_na", n=s["not_applicable"])]
    if s["error"]:
        parts.append(t(lang, "console.summary_errors", n=s["error"]))
    return ", ".join(parts)


def report_text(report: Report, *, color: bool, verbose: bool = False, quiet: bool = False, lang: str = "en") -> str:
    def style(text: str, fg: str | None, bold: bool = False) -> str:
        return click.style(text, fg=fg, bold=bold) if color and (fg or bold) else text

    lines: list[str] = []
    head = f"{report.plan.source.path} — {report.ruleset.name}"
    lines.append(style(head, None, bold=True))
    lines += [style(x, "yellow") for x in review_lines(report, lang)]
    if not quiet:
        shown = [f for f in report.findings if verbose or f.status.value in ("fail", "needs_review", "error")]
        # identical needs-review notes (one per door, say) are folded into one line listing the subjects
        folded: dict[tuple[str, str], list[str]] = {}
        for f in shown:
            if f.status.value == "needs_review":
                folded.setdefault((f.code, f.result.message), []).append(f.result.subject)
        done: set[tuple[str, str]] = set()
        for f in shown:
            r = f.result
            label, fg = t(lang, f"console_status.{r.status.value}"), STATUS_STYLE[r.status.value][1]
            if f.accepted:
                label, fg = t(lang, "console_status.accepted"), "cyan"
            sev = "" if r.status.value != "fail" or f.severity == "error" else " " + t(lang, "console.warning")
            key = (f.code, r.message)
            if r.status.value == "needs_review" and len(folded.get(key, [])) > 1:
                if key in done:
                    continue
                done.add(key)
                subject = ", ".join(folded[key])
            else:
                subject = subject_text(lang, r.subject, subject_name(report.plan, r.subject))
            accepted = " " + t(lang, "console.accepted", reason=f.accepted) if f.accepted else ""
            message = r.message
            what = f.rule
            if lang != "en":
                what = term(lang, f.code, f.rule)
                say = finding_sentence(lang, f.code, r.status.value, rounded(r.measured, r.unit), rounded(r.required, r.unit),
                                       r.unit, r.sense.value, r.details, with_term=False)  # the numbers the HTML says
                message = f"{say} — {result_message(lang, r.message, r.msg)}"
            width = 7 if lang != "en" else 6
            head = f"  {style(f'{label:<{width}}', fg)} {f.code:<5} {what[:24]:<24} {subject[:30]:<30}"
            lines.append(f"{head} {message}{sev}{accepted}")
            if f.hint is not None:
                hint = hint_text(lang, f.hint.kind, f.hint.values)
                if hint:
                    lines.append(f"  {'':<{width}} {'':<5} → {t(lang, 'console.hint')}: {hint}")
        if report.area and report.area.get("units"):
            for u in report.area["units"]:
                lines.append("  " + _area_line(u, lang))
    s = report.summary()
    colour = "red" if s["failing_errors"] else ("yellow" if s["fail"] or s["needs_review"] or s["not_judged"] else "green")
    lines.append("  " + style(summary_line(report, lang), colour))
    return "\n".join(lines)


def review_lines(report: Report, lang: str = "en") -> list[str]:
    """The recognition summary (:mod:`planeval.report.recognition_text`), first "not judged" when the plan was
    recognised below the run's minimum grade and how many findings became review items."""
    return recognition_lines(report.plan.recognition, lang, min_grade=report.min_grade,
                             reviewed=review_count(report.findings), partly=partly_judged(report))


def _area_line(u: dict[str, Any], lang: str) -> str:
    """``area  U1: 42.2 m² net, 43.7 m² BRA ≈, bofellesskap, rules claim 24.5 m² (index 0.58)`` (decimal comma in nb)."""

    def d(v: float, fmt: str = ".1f") -> str:
        return decimal(format(v, fmt), lang)

    eff = u.get("efficiency_index")
    claim = t(lang, "console.area_claim", claimed=d(u["required_zone_m2"]), index=d(eff, ".2f")) if eff is not None else ""
    return t(lang, "console.area", id=u["id"], net=d(u["net_m2"]), bra=d(u["bra_m2"]), type=u["type"]) + claim


def area_text(area: dict[str, Any], path: str, lang: str = "en") -> str:
    """``planeval area`` as text: per unit its areas, by function, shares and zones (``lang``: words, decimal comma)."""

    def d(v: Any, fmt: str = ".2f") -> str:
        return decimal(format(v or 0, fmt), lang)

    def share(v: Any) -> str:
        return format(v or 0, ".0%")

    lines = [path]
    for u in area.get("units", []):
        lines.append(t(lang, "area.text_unit", id=u["id"], type=u["type"], net=d(u["net_m2"]), bra=d(u["bra_m2"]),
                       balcony=d(u["balcony_m2"])))
        funcs = ", ".join(f"{k if lang == 'en' else function_name(lang, k)} {d(v)}" for k, v in u["by_function"].items())
        lines.append(t(lang, "area.text_functions", functions=funcs))
        lines.append(t(lang, "area.text_shares", circulation=d(u["circulation_m2"]),
                       circulation_share=share(u["circulation_share"]), storage=d(u["storage_m2"]), wet=d(u["wet_m2"]),
                       unusable=d(u["unusable_m2"]),
                       unusable_share=share(u["unusable_share"])))
        if u.get("efficiency_index") is not None:
            lines.append(t(lang, "area.text_zones", zones=d(u["required_zone_m2"]), zones_share=share(u["required_zone_share"]),
                           overlap=d(u["zone_overlap_m2"]), index=d(u["efficiency_index"])))
    b = area.get("building") or {}
    if b:
        lines.append(t(lang, "area.text_building", units=b["units"], net=d(b["net_m2"]), bra=d(b["bra_m2"]), mix=mix_text(b)))
    return "\n".join(lines)


def mix_text(block: dict[str, Any]) -> str:
    """The unit mix of a building block: ``bofellesskap ×4, studio ×2``."""
    return ", ".join(f"{k} ×{v}" for k, v in (block.get("mix") or {}).items())
