"""The check report as Markdown for a merge-request comment (GitLab/GitHub flavoured).

Per plan × rule set: a status line (✅ or ❌ by the report's ``summary["verdict"]``, i.e. ❌ when a
live error-severity finding fails; failing warnings, check errors and accepted findings are counted
on the line, all from the ``summary``), a table of the failing findings, the needs-review items and
check errors folded in ``<details>`` blocks, and the area per unit in one small table. With several
reports a first line gives the overall verdict (the top-level ``summary["verdict"]``, which also
counts a failing building rule). Every text that may come from the DXF is escaped (:func:`md_escape`):
``|`` cannot break a table, ``<``/``>``/``&`` cannot open HTML, and ``[``, ``]``, ``` ` ```, ``*``,
``_`` cannot start links or emphasis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planeval.report.fmt import decimal, margin, percent, quantity
from planeval.report.i18n import t
from planeval.report.json_report import reports_to_dict
from planeval.report.messages import message_of
from planeval.report.recognition_text import markdown_lines
from planeval.report.sentences import finding_sentence, hint_of, subject_text

_MD_SPECIAL = {"\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
               "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "}


def md_escape(value: Any) -> str:
    """Escape a value for a Markdown table cell or line.

    >>> md_escape("a|b <script>x</script>")
    'a\\\\|b &lt;script&gt;x&lt;/script&gt;'
    """
    return "".join(_MD_SPECIAL.get(ch, ch) for ch in ("" if value is None else str(value)))


def _num(v: Any, unit: str, lang: str = "en") -> str:
    return quantity(v, unit, lang=lang) if v is None or isinstance(v, (int, float)) else md_escape(v)


def _margin(v: Any, unit: str, lang: str = "en") -> str:
    return margin(v, unit, lang=lang)


def _subject(fd: dict[str, Any], lang: str = "en") -> str:
    return md_escape(subject_text(lang, str(fd.get("subject", "")), str(fd.get("subject_name", "") or "")))


def _icon(summary: dict[str, Any]) -> str:
    """❌ when the summary's verdict (worked out once, in :mod:`planeval.findings`) is ``fail``, ⚠️ when it is
    ``review`` (a plan not judged: recognised below the minimum grade), else ✅."""
    word = summary.get("verdict")
    return "❌" if word in ("fail", "error") else ("⚠️" if word == "review" else "✅")


def _report_md(d: dict[str, Any], baseline: dict[str, Any] | None = None, lang: str = "en") -> list[str]:
    findings = d.get("findings", [])
    s = d.get("summary", {})
    live = [f for f in findings if not f.get("accepted")]
    failing = [f for f in live if f["status"] == "fail"]
    fail_err = [f for f in failing if f.get("severity") == "error"]
    fail_warn = [f for f in failing if f.get("severity") != "error"]
    review = [f for f in live if f["status"] == "needs_review"]
    errors = [f for f in live if f["status"] == "error"]
    accepted = [f for f in findings if f.get("accepted")]
    name = Path(str(d.get("file", {}).get("path", ""))).name
    # the counts on the status line are the summary's (live findings; the accepted ones apart)
    n_warn, n_err, n_acc = s.get("failing_warnings", 0), s.get("error", 0), s.get("accepted", 0)
    parts = [t(lang, "md.failing", n=s.get("failing_errors", 0))]
    if n_warn:
        parts.append(t(lang, "md.failing_warnings", n=n_warn))
    parts += [t(lang, "md.pass", n=s.get("pass", 0)), t(lang, "md.review", n=s.get("needs_review", 0)),
              t(lang, "md.na", n=s.get("not_applicable", 0))]
    if n_err:
        parts.append(t(lang, "md.check_errors", n=n_err))
    if n_acc:
        parts.append(t(lang, "md.accepted", n=n_acc))
    out = [
        f"### {_icon(s)} {md_escape(name)} — {md_escape(d.get('ruleset', {}).get('name', ''))}",
        "",
        " · ".join(parts),
        "",
    ]

    def col(*keys: str) -> str:
        return "|" + "|".join(f" {t(lang, 'md.col_' + k)} " if k else " " for k in keys) + "|"

    if failing:
        out += [col("", "code", "subject", "measured", "required", "margin", "message"), "|---|---|---|---:|---:|---:|---|"]
        for f in fail_err + fail_warn:
            unit = f.get("unit", "")
            mark = "❌" if f.get("severity") == "error" else "⚠️"
            hint = hint_of(f, lang)  # in the message cell, so that the table keeps its columns
            hint = f"<br>💡 {t(lang, 'md.col_hint')}: {md_escape(hint)}" if hint else ""
            out.append(
                f"| {mark} | {md_escape(f.get('code'))} | {_subject(f, lang)} "
                f"| {_num(f.get('measured'), unit, lang)} | {_num(f.get('required'), unit, lang)} "
                f"| {_margin(f.get('margin'), unit, lang)} | {md_escape(_message(f, lang))}{hint} |"
            )
        out.append("")
    if review:
        out += [f"<details><summary>{t(lang, 'md.review_details', n=len(review))}</summary>", "",
                col("code", "subject", "message"), "|---|---|---|"]
        out += [f"| {md_escape(f.get('code'))} | {_subject(f, lang)} | {md_escape(_message(f, lang))} |" for f in review]
        out += ["", "</details>", ""]
    if errors:
        out += [f"<details><summary>{t(lang, 'md.errors_details', n=len(errors))}</summary>", "",
                col("code", "rule", "message"), "|---|---|---|"]
        out += [f"| {md_escape(f.get('code'))} | {md_escape(f.get('rule'))} | {md_escape(f.get('message'))} |" for f in errors]
        out += ["", "</details>", ""]
    if accepted:
        out += [f"<details><summary>{t(lang, 'md.accepted_details', n=len(accepted))}</summary>", "",
                col("code", "subject", "was", "reason"), "|---|---|---|---|"]
        out += [f"| {md_escape(f.get('code'))} | {_subject(f, lang)} | {md_escape(t(lang, 'status.' + str(f.get('status'))))} "
                f"| {md_escape(f.get('accepted'))} |" for f in accepted]
        out += ["", "</details>", ""]
    if baseline and baseline.get("expired"):
        out += [t(lang, "md.expired", entries=md_escape(", ".join(map(str, baseline["expired"])))), ""]
    units = (d.get("area") or {}).get("units") or []
    if units:
        out += [col("unit", "type", "net", "bra", "circulation", "storage", "efficiency"), "|---|---|---:|---:|---:|---:|---:|"]
        for u in units:
            share = u.get("circulation_share")
            eff = u.get("efficiency_index")
            out.append(
                f"| {md_escape(u.get('id'))} | {md_escape(u.get('type'))} | {_two(u.get('net_m2', 0), lang)} "
                f"| {_two(u.get('bra_m2', 0), lang)} | {percent(share)} | {_two(u.get('storage_m2', 0), lang)} "
                f"| {_two(eff, lang)} |"
            )
        out.append("")
    return out


def _two(v: Any, lang: str) -> str:
    return "—" if v is None else decimal(f"{v:.2f}", lang)


def _message(f: dict[str, Any], lang: str) -> str:
    """English: the check's message; Norwegian: the sentence of its numbers, then the check's message in Norwegian."""
    if lang == "en":
        return str(f.get("message", ""))
    say = finding_sentence(lang, str(f.get("code", "")), f["status"], f.get("measured"), f.get("required"), f.get("unit", ""),
                           str(f.get("sense", ">=")), f.get("details"))
    return f"{say} — {message_of(f, lang)}"


#: a GitHub pull-request comment holds at most 65,536 characters: the Markdown stays within this
LIMIT = 60_000


def write_markdown(runs: list[Any], context: dict[str, Any] | None = None) -> str:
    """The comment; when it would pass :data:`LIMIT` characters the details are folded away step by step
    (review, error, accepted and area tables, then failing rows beyond 20, 5, 0 per report) and a line
    points to the full report (``context["full_report"]``: the HTML/JSON files written with it)."""
    context = context or {}
    data = reports_to_dict(runs, context)
    text = _document(runs, data, context, data["reports"])
    for keep in (None, 20, 5, 0):
        if len(text) <= LIMIT:
            return text
        text = _document(runs, data, context, [_folded(d, keep, context) for d in data["reports"]])
    return text if len(text) <= LIMIT else text[: LIMIT - 400] + "\n\n… cut here: " + _pointer(context) + "\n"


def _pointer(context: dict[str, Any]) -> str:
    full = [md_escape(p) for p in context.get("full_report") or []]
    if full:
        return "the full report is in " + " and ".join(full) + "."
    return "run `planeval check` with `--html` or `--json` for the full report."


def _folded(d: dict[str, Any], keep: int | None, context: dict[str, Any]) -> dict[str, Any]:
    """``d`` with only its failing findings (the first ``keep`` of them) and no area table; the counts stay the summary's."""
    failing = [f for f in d.get("findings", []) if f.get("status") == "fail" and not f.get("accepted")]
    shown = failing if keep is None else failing[:keep]
    more = len(failing) - len(shown)
    note = (f"{more} more failing finding{'s' if more != 1 else ''}, " if more else "") + "review items, check errors, "
    note += "accepted findings and areas are left out here to fit a comment: " + _pointer(context)
    return {**d, "findings": shown, "area": None, "_note": note}


def _document(runs: list[Any], data: dict[str, Any], context: dict[str, Any], dicts: list[dict[str, Any]]) -> str:
    lang = str(context.get("lang") or "en")
    out = [t(lang, "md.title"), ""]
    if len(dicts) > 1 or data.get("errors"):
        passing = sum(1 for d in dicts if d.get("summary", {}).get("verdict") == "pass")
        out += [f"{_icon(data.get('summary', {}))} {t(lang, 'md.reports_pass', passing=passing, total=len(dicts))}", ""]
    for err in data.get("errors") or []:
        out += [f"❌ could not read {md_escape(err.get('file'))}: {md_escape(err.get('message'))}", ""]
    baseline = context.get("baseline", {}) if isinstance(context.get("baseline"), dict) else {}
    for r, d in zip(runs, dicts, strict=True):
        md = _report_md(d, baseline.get(id(r)), lang)
        out += md[:4] + markdown_lines(r, lang, md_escape) + md[4:]  # heading, counts, then what was recognised
        if d.get("_note"):
            out += [f"<sub>{d['_note']}</sub>", ""]
    b = data.get("building")
    if b:
        mix = ", ".join(f"{md_escape(k)} × {v}" for k, v in (b.get("mix") or {}).items())
        line = t(lang, "md.building_line", plans=b.get("plans", "?"), units=b.get("units", 0),
                 net=decimal(f"{b.get('net_m2', 0):.2f}", lang), bra=decimal(f"{b.get('bra_m2', 0):.2f}", lang), mix=mix)
        out += [t(lang, "md.building"), "", line, ""]
        for f in b.get("findings", []):
            icon = {"pass": "✅", "fail": "❌" if f.get("severity") == "error" else "⚠️"}.get(f.get("status"), "➖")
            out.append(f"- {icon} {md_escape(f.get('code'))} {md_escape(f.get('rule'))} [{md_escape(f.get('ruleset'))}]: "
                       f"{md_escape(message_of(f, lang))}")
        out.append("")
    out.append(f"<sub>planeval {md_escape(data.get('planeval_version', ''))}</sub>")
    return "\n".join(out) + "\n"
