"""Console output of ``planeval check``: findings grouped per plan, one summary line each."""

from __future__ import annotations

from typing import Any

import click

from planeval.findings import Report
from planeval.report.json_report import subject_name
from planeval.report.plan import recognition_lines

STATUS_STYLE = {
    "pass": ("PASS", "green"),
    "fail": ("FAIL", "red"),
    "needs_review": ("REVIEW", "yellow"),
    "not_applicable": ("N/A", None),
    "error": ("ERROR", "magenta"),
}


def summary_line(report: Report) -> str:
    s = report.summary()
    parts = [f"{s['pass']} pass", f"{s['fail']} fail"]
    if s["fail"]:
        parts[-1] += f" ({s['failing_errors']} error, {s['failing_warnings']} warning)"
    parts += [f"{s['needs_review']} needs review", f"{s['not_applicable']} not applicable"]
    if s["error"]:
        parts.append(f"{s['error']} check errors")
    return ", ".join(parts)


def report_text(report: Report, *, color: bool, verbose: bool = False, quiet: bool = False) -> str:
    def style(text: str, fg: str | None, bold: bool = False) -> str:
        return click.style(text, fg=fg, bold=bold) if color and (fg or bold) else text

    lines: list[str] = []
    head = f"{report.plan.source.path} — {report.ruleset.name}"
    lines.append(style(head, None, bold=True))
    lines += [style(x, "yellow") for x in review_lines(report)]
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
            label, fg = STATUS_STYLE[r.status.value]
            if f.accepted:
                label, fg = "ACCEPT", "cyan"
            sev = "" if r.status.value != "fail" or f.severity == "error" else " (warning)"
            key = (f.code, r.message)
            if r.status.value == "needs_review" and len(folded.get(key, [])) > 1:
                if key in done:
                    continue
                done.add(key)
                subject = ", ".join(folded[key])
            else:
                name = subject_name(report.plan, r.subject)
                subject = r.subject if name == r.subject else f"{r.subject} {name}"
            accepted = f" [accepted: {f.accepted}]" if f.accepted else ""
            lines.append(f"  {style(f'{label:<6}', fg)} {f.code:<5} {f.rule:<24} {subject[:30]:<30} {r.message}{sev}{accepted}")
        if report.area and report.area.get("units"):
            for u in report.area["units"]:
                eff = u.get("efficiency_index")
                eff_txt = f", rules claim {u['required_zone_m2']:.1f} m² (index {eff:.2f})" if eff is not None else ""
                lines.append(f"  area  {u['id']}: {u['net_m2']:.1f} m² net, {u['bra_m2']:.1f} m² BRA ≈, {u['type']}{eff_txt}")
    s = report.summary()
    colour = "red" if s["failing_errors"] else ("yellow" if s["fail"] or s["needs_review"] else "green")
    lines.append("  " + style(summary_line(report), colour))
    return "\n".join(lines)


def area_text(area: dict[str, Any], path: str) -> str:
    lines = [path]
    for u in area.get("units", []):
        lines.append(
            f"  {u['id']}  {u['type']}: net {u['net_m2']:.2f} m², BRA ≈ {u['bra_m2']:.2f} m², balcony {u['balcony_m2']:.2f} m²"
        )
        funcs = ", ".join(f"{k} {v:.2f}" for k, v in u["by_function"].items())
        lines.append(f"      by function (m²): {funcs}")
        lines.append(
            f"      circulation {u['circulation_m2']:.2f} m² ({(u['circulation_share'] or 0):.0%}), "
            f"storage {u['storage_m2']:.2f} m², "
            f"wet {u['wet_m2']:.2f} m², unusable {u['unusable_m2']:.2f} m² ({(u['unusable_share'] or 0):.0%})"
        )
        if u.get("efficiency_index") is not None:
            lines.append(
                f"      required zones {u['required_zone_m2']:.2f} m² ({u['required_zone_share']:.0%} of net; "
                f"overlap {u['zone_overlap_m2']:.2f} m²), "
                f"efficiency index {u['efficiency_index']:.2f}"
            )
    b = area.get("building") or {}
    if b:
        mix = ", ".join(f"{k} ×{v}" for k, v in b.get("mix", {}).items())
        lines.append(f"  building: {b['units']} units, net {b['net_m2']:.2f} m², BRA ≈ {b['bra_m2']:.2f} m²; {mix}")
    return "\n".join(lines)


def review_lines(report: Report) -> list[str]:
    """The recognition summary, first when the plan was recognised below the grade the findings needed."""
    rec = report.plan.recognition
    lines = recognition_lines(rec)
    reviewed = sum(1 for f in report.findings if "review_reason" in f.result.details)
    if reviewed:
        lines.insert(0, f"  {reviewed} findings say needs review instead of pass/fail: the plan is only partly recognised")
    return lines
