"""The HTML report's tables and blocks built from the report dicts: the findings table grouped by
subject, the area block per unit, the building block, the diagnostics and the overview of several
reports.

Everything here reads the JSON report dicts (:func:`planeval.report.json_report.reports_to_dict`),
never the plan: the verdict is the dict's ``summary["verdict"]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planeval.report.html_common import STATUS_LABEL, badge, e, fmt_margin, fmt_value, kpis, m2, pct, status_of
from planeval.report.overlays import finding_id
from planeval.report.svg import FUNCTION_COLOURS

__all__ = ["findings_table", "area_block", "building_block", "diagnostics", "overview"]

_STATUS_RANK = {st: k for k, st in enumerate(STATUS_LABEL)}


def _subject_order(subject: str) -> tuple[int, str, int]:
    prefix = subject.rstrip("0123456789")
    digits = subject[len(prefix):]
    rank = {"R": 0, "D": 1, "U": 2, "W": 3}.get(prefix, 4 if subject != "plan" else 5)
    return (rank, prefix, int(digits) if digits.isdigit() else 0)


def findings_table(d: dict[str, Any], ri: int, drawn: set[str]) -> str:
    """The findings of report ``ri`` grouped by subject (rooms, doors, units, …); ``drawn`` holds the ids drawn on the plan."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, fd in enumerate(d.get("findings", [])):
        groups.setdefault(fd["subject"], []).append((i, fd))
    rooms = {r["id"]: r for r in d.get("rooms", [])}
    out = [
        f'<table class="tbl findings" data-report="{ri}"><thead><tr><th>Status</th><th>Code</th><th>Rule</th>'
        '<th class="num">Measured</th><th class="num">Required</th><th class="num">Margin</th><th>Unit</th>'
        '<th>Message</th><th>Severity</th><th>Source</th></tr></thead>'
    ]
    for subject in sorted(groups, key=_subject_order):
        items = groups[subject]
        name = items[0][1].get("subject_name", subject)
        if subject in rooms:
            kind = "room"
        elif subject.startswith("D") and name.startswith("door"):
            kind = "door"
        else:
            kind = "unit" if subject.startswith("U") else ""
        extra = f" · {rooms[subject]['function']}, {rooms[subject]['area_m2']:.2f} m²" if subject in rooms else ""
        counts: dict[str, int] = {}
        for _, fd in items:
            counts[status_of(fd)] = counts.get(status_of(fd), 0) + 1
        mini = " ".join(badge(st, f" {n}") for st, n in sorted(counts.items(), key=lambda kv: _STATUS_RANK.get(kv[0], 9)))
        if kind == "door" and name.startswith("door "):
            name = name[5:]
        named = bool(name) and name != subject
        title = e(subject) + (f" <span class='gname'>{e(name)}</span>" if named else "")
        out.append(
            f'<tbody class="grp" data-title="{e(subject + (" · " + name if named else ""))}"><tr class="ghead"><th colspan="10">'
            f'<span class="gkind">{e(kind)}</span> {title}<span class="muted">{e(extra)}</span>'
            f'<span class="gcounts">{mini}</span></th></tr>'
        )
        for i, fd in items:
            fid = finding_id(ri, i)
            st = status_of(fd)
            unit = fd.get("unit", "")
            margin = fd.get("margin")
            mcls = " neg" if isinstance(margin, (int, float)) and margin < 0 else ""
            msg = e(fd.get("message", ""))
            if fd.get("accepted"):
                was = STATUS_LABEL.get(fd["status"], fd["status"])
                msg += f'<div class="acc">Accepted (was {e(was)}): {e(fd["accepted"])}</div>'
            if fd.get("confidence") == "low":
                msg += '<div class="lowconf">low confidence: measured on inferred geometry</div>'
            sev = fd.get("severity", "")
            pin = '<span class="pin" title="drawn on the plan">◎</span>' if fid in drawn else ""
            out.append(
                f'<tr class="frow st-{e(st)}{" drawn" if fid in drawn else ""}" id="row-{fid}" data-finding="{fid}" '
                f'data-status="{e(st)}" tabindex="0">'
                f'<td>{badge(st)}{pin}</td><td class="mono"><b>{e(fd.get("code", ""))}</b></td>'
                f'<td class="rname">{e(fd.get("rule", ""))}</td>'
                f'<td class="num">{e(fmt_value(fd.get("measured"), unit))}</td>'
                f'<td class="num">{e(fmt_value(fd.get("required"), unit))}</td>'
                f'<td class="num{mcls}">{e(fmt_margin(margin, unit))}</td><td>{e(unit)}</td>'
                f'<td class="msg">{msg}</td><td class="sev sev-{e(sev)}">{e(sev)}</td>'
                f'<td class="src"><span title="{e(fd.get("source", ""))}">{e(fd.get("source", ""))}</span></td></tr>'
            )
        out.append("</tbody>")
    out.append("</table>")
    return "".join(out)


def _bar_chart(items: list[tuple[str, float, str]], total: float) -> str:
    """Horizontal bars (pure SVG) for (label, m², colour), scaled to the largest value."""
    if not items:
        return '<p class="muted">No rooms in this unit.</p>'
    biggest = max(v for _, v, _ in items) or 1.0
    row, label_w, bar_w, val_w = 26, 110, 300, 120
    h = row * len(items) + 6
    parts = [f'<svg class="bars" viewBox="0 0 {label_w + bar_w + val_w} {h}" role="img" aria-label="net area by function">']
    for k, (label, v, colour) in enumerate(items):
        y = 4 + k * row
        w = max(1.0, bar_w * v / biggest)
        share = f" · {v / total * 100:.0f} %" if total > 0 else ""
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" class="bl">{e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{e(colour)}" '
            'stroke="#8a8f98" stroke-width="0.6"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" class="bv">{v:.2f} m²{e(share)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _meter(label: str, share: Any, area: Any, colour: str) -> str:
    width = 0.0 if share is None else max(0.0, min(100.0, share * 100))
    return (
        f'<div class="meter"><span class="ml">{e(label)}</span>'
        f'<span class="mbar"><span style="width:{width:.1f}%;background:{colour}"></span></span>'
        f'<span class="mv">{e(m2(area))} · {e(pct(share))}</span></div>'
    )


def _slack(slack: dict[str, Any] | None) -> str:
    if not slack:
        return "—"
    return ", ".join(f"{k.replace('axis_', '')}: {v} mm" for k, v in slack.items())


def area_block(area: dict[str, Any] | None) -> str:
    """Area per unit: key figures, net area by function, shares, zones claimed, rooms and definitions."""
    if not area or not area.get("units"):
        return '<section class="area"><h3>Area</h3><p class="muted">No dwelling unit recognised: no area metrics.</p></section>'
    out = ['<section class="area"><h3>Area per unit</h3><div class="units">']
    for u in area["units"]:
        net = u.get("net_m2") or 0.0
        by_function = sorted(u.get("by_function", {}).items(), key=lambda kv: -kv[1])
        items = [(k, v, FUNCTION_COLOURS.get(k, FUNCTION_COLOURS["other"])) for k, v in by_function]
        eff = u.get("efficiency_index")
        figures = [
            ("Net", m2(u.get("net_m2"))),
            ("BRA ≈", m2(u.get("bra_m2"))),
            ("Type", u.get("type", "")),
            ("Efficiency index", "—" if eff is None else f"{eff:.2f}"),
        ]
        if u.get("balcony_m2"):
            figures.append(("Balcony", m2(u.get("balcony_m2"))))
        kpi = kpis(figures)
        meters = "".join([
            _meter("Circulation", u.get("circulation_share"), u.get("circulation_m2"), "#9b8fb8"),
            _meter("Storage", u.get("storage_share"), u.get("storage_m2"), "#d9a066"),
            _meter("Wet rooms", u.get("wet_share"), u.get("wet_m2"), "#6fbfae"),
            _meter("Unusable", u.get("unusable_share"), u.get("unusable_m2"), "#c97b7b"),
            _meter("Required zones", u.get("required_zone_share"), u.get("required_zone_m2"), "#5b86c5"),
        ])
        zk = ", ".join(f"{e(k)} {v:.2f} m²" for k, v in (u.get("zones_by_kind") or {}).items()) or "—"
        zones = (
            f'<p class="zones">Zones claimed: {zk}. Sum {e(m2(u.get("zone_sum_m2")))}, '
            f'overlap {e(m2(u.get("zone_overlap_m2")))} (floor shared by several requirements).</p>'
        )
        rd_rows = "".join(
            f'<tr><td>{e(r.get("id"))}</td><td>{e(r.get("label"))}</td><td>{e(r.get("function"))}</td>'
            f'<td class="num">{e(fmt_value(r.get("area_m2"), "m²"))}</td>'
            f'<td class="num">{e(fmt_value(r.get("required_zone_m2"), "m²"))}</td>'
            f'<td>{e(_slack(r.get("slack_mm")))}</td></tr>'
            for r in u.get("rooms_detail", [])
        )
        rooms = (
            '<details><summary>Rooms, required zones and slack</summary><table class="tbl compact">'
            '<thead><tr><th>Room</th><th>Label</th><th>Function</th><th class="num">m²</th><th class="num">Zones m²</th>'
            f'<th>Slack</th></tr></thead><tbody>{rd_rows}</tbody></table></details>'
        )
        out.append(
            f'<div class="unit"><h4>{e(u.get("id"))} <span class="muted">{e(", ".join(u.get("rooms", [])))}</span></h4>'
            f'<div class="kpis">{kpi}</div><div class="two"><div><h5>Net area by function</h5>{_bar_chart(items, net)}</div>'
            f'<div><h5>Shares of net area</h5>{meters}</div></div>{zones}{rooms}</div>'
        )
    out.append("</div>")
    defs = area.get("definitions") or {}
    if defs:
        out.append(
            '<details class="defs"><summary>Definitions</summary><dl>'
            + "".join(f"<dt class='mono'>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in sorted(defs.items()))
            + "</dl></details>"
        )
    out.append("</section>")
    return "".join(out)


def building_block(b: dict[str, Any] | None) -> str:
    """The building (several plans or units): key figures, unit mix and the aggregate findings; "" without one."""
    if not b:
        return ""
    mix = ", ".join(f"{e(k)} × {v}" for k, v in (b.get("mix") or {}).items()) or "—"
    figures = [
        ("Plans", b.get("plans", "—")), ("Units", b.get("units", "—")), ("Net", m2(b.get("net_m2"))),
        ("BRA ≈", m2(b.get("bra_m2"))), ("Common", m2(b.get("common_m2"))), ("Average net", m2(b.get("average_net_m2"))),
    ]
    kpi = kpis(figures)
    rows = "".join(
        f'<tr class="st-{e(f.get("status"))}"><td>{badge(str(f.get("status")))}</td><td class="mono">{e(f.get("code"))}</td>'
        f'<td>{e(f.get("rule"))}</td>'
        f'<td>{e(f.get("ruleset"))}</td><td class="msg">{e(f.get("message"))}</td><td class="sev">{e(f.get("severity"))}</td>'
        f'<td class="src">{e(f.get("source"))}</td></tr>'
        for f in b.get("findings", [])
    )
    table = (
        '<table class="tbl"><thead><tr><th>Status</th><th>Code</th><th>Rule</th><th>Rule set</th><th>Message</th>'
        f"<th>Severity</th><th>Source</th></tr></thead><tbody>{rows}</tbody></table>" if rows else ""
    )
    return f'<section class="card building"><h2>Building</h2><div class="kpis">{kpi}</div><p>Unit mix: {mix}</p>{table}</section>'


def diagnostics(d: dict[str, Any]) -> str:
    """The plan's read diagnostics, folded, counted per level."""
    diags = d.get("diagnostics") or []
    levels: dict[str, int] = {}
    for x in diags:
        levels[x.get("level", "")] = levels.get(x.get("level", ""), 0) + 1
    summary = ", ".join(f"{n} {e(k)}" for k, n in sorted(levels.items())) or "none"
    rows = "".join(
        f'<tr class="lvl-{e(x.get("level"))}"><td>{e(x.get("level"))}</td><td class="mono">{e(x.get("code"))}</td>'
        f'<td>{e(x.get("message"))}</td><td class="mono">{e(x.get("subject", ""))}</td>'
        f'<td class="num">{e(x.get("count", 1))}</td></tr>'
        for x in diags
    )
    return (
        f'<details class="diag"><summary>Plan diagnostics ({summary})</summary>'
        '<table class="tbl compact"><thead><tr><th>Level</th><th>Code</th><th>Message</th><th>Subject</th>'
        '<th class="num">Count</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def overview(dicts: list[dict[str, Any]]) -> str:
    """One row per report (plan × rule set): its verdict (``summary["verdict"]``) and counts, linked to its section."""
    rows = []
    for ri, d in enumerate(dicts):
        s = d.get("summary", {})
        failing = s.get("verdict") == "fail"
        name = Path(str(d.get("file", {}).get("path", ""))).name
        rows.append(
            f'<tr><td><a href="#report-{ri}">{e(name)}</a></td><td>{e(d.get("ruleset", {}).get("name", ""))}</td>'
            f'<td><span class="verdict v-{"fail" if failing else "pass"}">{"Failing" if failing else "Passing"}</span></td>'
            + "".join(f'<td class="num">{s.get(k, 0)}</td>' for k in ("fail", "needs_review", "error", "pass", "not_applicable"))
            + "</tr>"
        )
    return (
        '<section class="card overview"><h2>Overview</h2><table class="tbl"><thead><tr><th>Plan</th><th>Rule set</th>'
        '<th>Verdict</th><th class="num">Fail</th><th class="num">Review</th><th class="num">Errors</th><th class="num">Pass</th>'
        f'<th class="num">N/A</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )
