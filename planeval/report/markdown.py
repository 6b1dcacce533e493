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

from planeval.report.fmt import margin, quantity
from planeval.report.json_report import reports_to_dict

_MD_SPECIAL = {"\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
               "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "}


def md_escape(value: Any) -> str:
    """Escape a value for a Markdown table cell or line.

    >>> md_escape("a|b <script>x</script>")
    'a\\\\|b &lt;script&gt;x&lt;/script&gt;'
    """
    return "".join(_MD_SPECIAL.get(ch, ch) for ch in ("" if value is None else str(value)))


def _num(v: Any, unit: str) -> str:
    return quantity(v, unit) if v is None or isinstance(v, (int, float)) else md_escape(v)


def _margin(v: Any, unit: str) -> str:
    return margin(v, unit)


def _subject(fd: dict[str, Any]) -> str:
    s, n = str(fd.get("subject", "")), str(fd.get("subject_name", "") or "")
    return md_escape(s if not n or n == s else f"{s} {n}")


def _icon(summary: dict[str, Any]) -> str:
    """❌ when the summary's verdict (worked out once, in :mod:`planeval.findings`) is ``fail``, else ✅."""
    return "❌" if summary.get("verdict") in ("fail", "error") else "✅"


def _report_md(d: dict[str, Any], baseline: dict[str, Any] | None = None) -> list[str]:
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
    parts = [f"{s.get('failing_errors', 0)} failing"]
    if n_warn:
        parts.append(f"⚠️ {n_warn} failing warning{'s' if n_warn != 1 else ''}")
    parts += [f"{s.get('pass', 0)} pass", f"{s.get('needs_review', 0)} need review",
              f"{s.get('not_applicable', 0)} not applicable"]
    if n_err:
        parts.append(f"{n_err} check error{'s' if n_err != 1 else ''}")
    if n_acc:
        parts.append(f"{n_acc} accepted by baseline")
    out = [
        f"### {_icon(s)} {md_escape(name)} — {md_escape(d.get('ruleset', {}).get('name', ''))}",
        "",
        " · ".join(parts),
        "",
    ]
    if failing:
        out += [
            "| | Code | Subject | Measured | Required | Margin | Message |",
            "|---|---|---|---:|---:|---:|---|",
        ]
        for f in fail_err + fail_warn:
            unit = f.get("unit", "")
            mark = "❌" if f.get("severity") == "error" else "⚠️"
            out.append(
                f"| {mark} | {md_escape(f.get('code'))} | {_subject(f)} "
                f"| {_num(f.get('measured'), unit)} | {_num(f.get('required'), unit)} "
                f"| {_margin(f.get('margin'), unit)} | {md_escape(f.get('message'))} |"
            )
        out.append("")
    if review:
        out += [f"<details><summary>{len(review)} item{'s' if len(review) != 1 else ''} need review</summary>", "",
                "| Code | Subject | Message |", "|---|---|---|"]
        out += [f"| {md_escape(f.get('code'))} | {_subject(f)} | {md_escape(f.get('message'))} |" for f in review]
        out += ["", "</details>", ""]
    if errors:
        out += [f"<details><summary>{len(errors)} check{'s' if len(errors) != 1 else ''} could not run</summary>", "",
                "| Code | Rule | Message |", "|---|---|---|"]
        out += [f"| {md_escape(f.get('code'))} | {md_escape(f.get('rule'))} | {md_escape(f.get('message'))} |" for f in errors]
        out += ["", "</details>", ""]
    if accepted:
        out += [f"<details><summary>{len(accepted)} accepted by the baseline</summary>", "",
                "| Code | Subject | Was | Reason |", "|---|---|---|---|"]
        out += [f"| {md_escape(f.get('code'))} | {_subject(f)} | {md_escape(f.get('status'))} | {md_escape(f.get('accepted'))} |"
                for f in accepted]
        out += ["", "</details>", ""]
    if baseline and baseline.get("expired"):
        out += ["Expired baseline entries (counted again): " + md_escape(", ".join(map(str, baseline["expired"]))), ""]
    units = (d.get("area") or {}).get("units") or []
    if units:
        out += ["| Unit | Type | Net m² | BRA m² ≈ | Circulation | Storage m² | Efficiency index |",
                "|---|---|---:|---:|---:|---:|---:|"]
        for u in units:
            share = u.get("circulation_share")
            eff = u.get("efficiency_index")
            out.append(
                f"| {md_escape(u.get('id'))} | {md_escape(u.get('type'))} | {u.get('net_m2', 0):.2f} | {u.get('bra_m2', 0):.2f} "
                f"| {'—' if share is None else f'{share:.0%}'} | {u.get('storage_m2', 0):.2f} "
                f"| {'—' if eff is None else f'{eff:.2f}'} |"
            )
        out.append("")
    return out


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
    out = ["## planeval check", ""]
    if len(dicts) > 1 or data.get("errors"):
        passing = sum(1 for d in dicts if d.get("summary", {}).get("verdict") != "fail")
        out += [f"{_icon(data.get('summary', {}))} {passing} of {len(dicts)} plan × rule-set reports pass", ""]
    for err in data.get("errors") or []:
        out += [f"❌ could not read {md_escape(err.get('file'))}: {md_escape(err.get('message'))}", ""]
    baseline = context.get("baseline", {}) if isinstance(context.get("baseline"), dict) else {}
    for r, d in zip(runs, dicts, strict=True):
        out += _report_md(d, baseline.get(id(r)))
        if d.get("_note"):
            out += [f"<sub>{d['_note']}</sub>", ""]
    b = data.get("building")
    if b:
        mix = ", ".join(f"{md_escape(k)} × {v}" for k, v in (b.get("mix") or {}).items())
        out += ["### Building", "", f"{b.get('plans', '?')} plans, {b.get('units', 0)} units, net {b.get('net_m2', 0):.2f} m², "
                f"BRA ≈ {b.get('bra_m2', 0):.2f} m²; {mix}", ""]
        for f in b.get("findings", []):
            icon = {"pass": "✅", "fail": "❌" if f.get("severity") == "error" else "⚠️"}.get(f.get("status"), "➖")
            out.append(f"- {icon} {md_escape(f.get('code'))} {md_escape(f.get('rule'))} [{md_escape(f.get('ruleset'))}]: "
                       f"{md_escape(f.get('message'))}")
        out.append("")
    out.append(f"<sub>planeval {md_escape(data.get('planeval_version', ''))}</sub>")
    return "\n".join(out) + "\n"
