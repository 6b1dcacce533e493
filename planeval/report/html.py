"""The check report as one self-contained HTML file: plan drawing with findings, linked findings table,
area block, rule set and diagnostics.

No network: inline ``<style>`` and ``<script>``, no fonts, no libraries; opens from disk in any
browser and prints cleanly. Every text that may come from the DXF (labels, layer and block names,
file names, messages that quote labels) is escaped with :func:`html.escape`; the script reads only
``data-*`` attributes and sets ``textContent``, so no DXF text is ever parsed as markup.

Layout per report (plan × rule set): a header (file, sha256, DXF version, units, planeval version,
rule set with its chain and final parameters), the summary counts (which double as status
filters), the plan as inline SVG with the findings drawn on toggleable layers beside a legend and a
detail panel, the findings table grouped by subject, the area block and the diagnostics. With
several reports an overview table (and the building block, when there is one) comes first.

The overlays (what each finding draws) are :func:`planeval.report.overlays.finding_overlays`, shared
with the DXF overlay writer so that both drawings show the same geometry; they are computed once per
report.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from planeval import __version__
from planeval.report.fmt import margin, number
from planeval.report.json_report import reports_to_dict
from planeval.report.overlays import OVERLAY_LAYERS, ZONE_COLOURS, finding_id, finding_overlays
from planeval.report.svg import FUNCTION_COLOURS, Overlay, plan_svg

#: layers that start hidden: review markers (not measured geometry) and the zones claimed by passing
#: findings (they tile most of the floor; the area block sums them)
HIDDEN_LAYERS = ("review", "zones")
BASE_LAYERS = {
    "rooms": "Rooms",
    "walls": "Walls",
    "doors": "Doors (plan)",
    "fixtures": "Fixtures & windows",
    "labels": "Labels",
    "drawing": "Original linework",
}
STATUS_LABEL = {
    "pass": "Pass",
    "fail": "Fail",
    "needs_review": "Review",
    "not_applicable": "N/A",
    "error": "Error",
    "accepted": "Accepted",
}


# ---------------------------------------------------------------------------------------------
# HTML pieces
# ---------------------------------------------------------------------------------------------


def e(value: Any) -> str:
    """Escape any value for HTML text and (double-quoted) attributes."""
    return escape("" if value is None else str(value), quote=True)


def _fmt_value(v: Any, unit: str) -> str:
    return number(v, unit)


def _fmt_margin(v: Any, unit: str) -> str:
    return margin(v, unit, with_unit=False)


def _status_of(fd: dict[str, Any]) -> str:
    return "accepted" if fd.get("accepted") else fd["status"]


def _badge(status: str, extra: str = "") -> str:
    return f'<span class="badge st-{e(status)}">{e(STATUS_LABEL.get(status, status))}{e(extra)}</span>'


def _pct(v: Any) -> str:
    return "—" if v is None else f"{v * 100:.0f} %"


def _m2(v: Any) -> str:
    return "—" if v is None else f"{v:.2f} m²"


def _subject_order(subject: str) -> tuple[int, str, int]:
    prefix = subject.rstrip("0123456789")
    digits = subject[len(prefix):]
    rank = {"R": 0, "D": 1, "U": 2, "W": 3}.get(prefix, 4 if subject != "plan" else 5)
    return (rank, prefix, int(digits) if digits.isdigit() else 0)


def _header(d: dict[str, Any], ri: int, baseline: dict[str, Any] | None) -> str:
    file = d.get("file", {})
    units = d.get("units", {})
    rs = d.get("ruleset", {})
    s = d.get("summary", {})
    failing = sum(1 for f in d.get("findings", []) if f["status"] == "fail" and f.get("severity") == "error" and not f.get("accepted"))
    verdict = ("fail", "Failing") if failing else ("pass", "Passing")
    name = Path(str(file.get("path", ""))).name or "plan"
    meta = [
        ("File", f'<span class="mono">{e(file.get("path", ""))}</span>'),
        ("SHA-256", f'<span class="mono small">{e(file.get("sha256", ""))}</span>'),
        ("DXF", e(f"{file.get('dxfversion', '')} · {file.get('encoding', '')}"
                  + (" · binary" if file.get("binary") else "") + (" · recovered" if file.get("recovered") else ""))),
        ("Units", e(f"{units.get('drawing_unit', '?')} (1 unit = {units.get('mm_per_unit', '?')} mm, {units.get('source', '')})")),
        ("Layer profile", e(d.get("profile", ""))),
        ("Rule set", e(rs.get("name", ""))),
        ("planeval", e(f"{d.get('planeval_version', __version__)} · report schema {d.get('schema_version', '')}")),
    ]
    if baseline:
        txt = f"{baseline.get('accepted', 0)} finding(s) accepted by the baseline"
        if baseline.get("expired"):
            txt += "; expired: " + ", ".join(map(str, baseline["expired"]))
        meta.append(("Baseline", e(txt)))
    out = [
        f'<header class="rhead"><div class="rtitle"><h2>{e(name)} <span class="muted">— {e(rs.get("name", ""))}</span></h2>',
        f'<span class="verdict v-{verdict[0]}">{verdict[1]}</span></div>',
        '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>",
    ]
    # summary chips double as row filters
    chips = []
    accepted = sum(1 for f in d.get("findings", []) if f.get("accepted"))
    counts = {
        "fail": s.get("fail", 0) - sum(1 for f in d.get("findings", []) if f.get("accepted") and f["status"] == "fail"),
        "error": s.get("error", 0),
        "needs_review": s.get("needs_review", 0) - sum(1 for f in d.get("findings", []) if f.get("accepted") and f["status"] == "needs_review"),
        "accepted": accepted,
        "pass": s.get("pass", 0),
        "not_applicable": s.get("not_applicable", 0),
    }
    for st, n in counts.items():
        if st == "accepted" and not n:
            continue
        extra = ""
        if st == "fail" and n:
            warnings = n - failing
            extra = f'<span class="sub">{failing} error · {warnings} warning</span>'
        chips.append(
            f'<label class="chip st-{st}{" zero" if not n else ""}"><input type="checkbox" data-status-filter="{st}" checked>'
            f'<span class="n">{n}</span><span class="l">{e(STATUS_LABEL[st])}</span>{extra}</label>'
        )
    out.append(f'<div class="chips" data-report="{ri}">' + "".join(chips) + f'<span class="total">{s.get("total", 0)} findings</span></div>')
    out.append(_ruleset_block(rs))
    out.append("</header>")
    return "\n".join(out)


def _ruleset_block(rs: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr><td>{k}</td><td>{e(c.get("name", ""))}</td><td class="mono">{e(c.get("path", ""))}</td>'
        f'<td class="mono small">{e(c.get("sha256", ""))}</td></tr>'
        for k, c in enumerate(rs.get("chain", []))
    )
    params = []
    for rule, values in sorted((rs.get("params") or {}).items()):
        state = "" if values.get("enabled", True) else ' <span class="badge st-not_applicable">disabled</span>'
        kv = "".join(
            f"<tr><td class='key'>{e(k)}</td><td>{e(_param(v))}</td></tr>"
            for k, v in sorted(values.items()) if k not in ("enabled", "source")
        )
        params.append(
            f'<div class="rule"><h4>{e(rule)}{state}</h4><p class="src">{e(values.get("source", ""))}</p>'
            f'<table class="kv">{kv}</table></div>'
        )
    desc = f'<p>{e(rs.get("description", ""))}</p>' if rs.get("description") else ""
    return (
        '<details class="ruleset"><summary>Rule set: chain and final parameters</summary>'
        f'{desc}<table class="tbl compact"><thead><tr><th>#</th><th>Name</th><th>File</th><th>SHA-256</th></tr></thead>'
        f'<tbody>{rows}</tbody></table><div class="rules">{"".join(params)}</div></details>'
    )


def _param(v: Any) -> str:
    """A rule-set value as written in TOML: true/false, 1500 rather than 1500.0, lists joined."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return ", ".join(_param(x) for x in v)
    return str(v)


def _legend() -> str:
    items = [
        ("pe-pass", "passes"), ("pe-fail", "fails"), ("pe-review", "needs review"),
        ("pe-required", "required size"), ("pe-accepted pe-fail", "accepted (baseline)"),
    ]
    sw = "".join(
        f'<li><svg viewBox="0 0 24 16" class="sw"><rect x="2" y="2" width="20" height="12" rx="3" class="{c}"/></svg>{t}</li>' for c, t in items
    )
    zones = "".join(
        f'<li><svg viewBox="0 0 24 16" class="sw"><rect x="2" y="2" width="20" height="12" rx="3" class="pe-zone pe-z-{k}"/></svg>{e(k)}</li>'
        for k in ZONE_COLOURS
    )
    funcs = "".join(
        f'<li><span class="fsw" style="background:{c}"></span>{e(k)}</li>' for k, c in FUNCTION_COLOURS.items()
    )
    return (
        f'<div class="legend"><h4>Findings</h4><ul>{sw}</ul>'
        f'<details><summary>Zones &amp; room functions</summary><ul>{zones}</ul><ul>{funcs}</ul></details></div>'
    )


def _plan_block(report: Any, ri: int, overlays: list[Overlay]) -> str:
    svg = plan_svg(report.plan, overlays, element_id=f"plan-{ri}")
    present = {o.layer for o in overlays}
    boxes = []
    for layer, label in OVERLAY_LAYERS.items():
        if layer not in present:
            continue
        n = len({o.finding for o in overlays if o.layer == layer})
        checked = "" if layer in HIDDEN_LAYERS else " checked"
        boxes.append(
            f'<label><input type="checkbox" data-layer-toggle="{e(layer)}"{checked}> {e(label)} <span class="muted">{n}</span></label>'
        )
    base = [
        f'<label><input type="checkbox" data-layer-toggle="{e(k)}" data-base="1" checked> {e(v)}</label>' for k, v in BASE_LAYERS.items()
    ]
    return (
        f'<div class="planwrap" id="planwrap-{ri}">'
        f'<div class="planbox"><div class="zoom"><button type="button" data-zoom="in" title="Zoom in">+</button>'
        f'<button type="button" data-zoom="out" title="Zoom out">−</button><button type="button" data-zoom="fit" title="Fit">Fit</button></div>'
        f'{svg}</div>'
        f'<aside class="side"><h4>Layers</h4><div class="toggles">{"".join(boxes)}</div>'
        f'<details class="baselayers"><summary>Plan layers</summary><div class="toggles">{"".join(base)}</div></details>'
        f'<div class="info" aria-live="polite"><p class="muted">Click a finding in the table or on the plan.</p></div>'
        f'{_legend()}</aside></div>'
    )


def _findings_table(d: dict[str, Any], ri: int, drawn: set[str]) -> str:
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
        kind = "room" if subject in rooms else ("door" if subject.startswith("D") and name.startswith("door") else ("unit" if subject.startswith("U") else ""))
        extra = f" · {rooms[subject]['function']}, {rooms[subject]['area_m2']:.2f} m²" if subject in rooms else ""
        counts: dict[str, int] = {}
        for _, fd in items:
            counts[_status_of(fd)] = counts.get(_status_of(fd), 0) + 1
        mini = " ".join(_badge(st, f" {n}") for st, n in sorted(counts.items(), key=lambda kv: list(STATUS_LABEL).index(kv[0]) if kv[0] in STATUS_LABEL else 9))
        if kind == "door" and name.startswith("door "):
            name = name[5:]
        title = e(subject) + (f" <span class='gname'>{e(name)}</span>" if name and name != subject else "")
        out.append(
            f'<tbody class="grp" data-title="{e(subject + (" · " + name if name and name != subject else ""))}"><tr class="ghead"><th colspan="10"><span class="gkind">{e(kind)}</span> {title}'
            f'<span class="muted">{e(extra)}</span><span class="gcounts">{mini}</span></th></tr>'
        )
        for i, fd in items:
            fid = finding_id(ri, i)
            st = _status_of(fd)
            unit = fd.get("unit", "")
            margin = fd.get("margin")
            mcls = " neg" if isinstance(margin, (int, float)) and margin < 0 else ""
            msg = e(fd.get("message", ""))
            if fd.get("accepted"):
                msg += f'<div class="acc">Accepted (was {e(STATUS_LABEL.get(fd["status"], fd["status"]))}): {e(fd["accepted"])}</div>'
            if fd.get("confidence") == "low":
                msg += '<div class="lowconf">low confidence: measured on inferred geometry</div>'
            sev = fd.get("severity", "")
            pin = '<span class="pin" title="drawn on the plan">◎</span>' if fid in drawn else ""
            out.append(
                f'<tr class="frow st-{e(st)}{" drawn" if fid in drawn else ""}" id="row-{fid}" data-finding="{fid}" data-status="{e(st)}" tabindex="0">'
                f'<td>{_badge(st)}{pin}</td><td class="mono"><b>{e(fd.get("code", ""))}</b></td><td class="rname">{e(fd.get("rule", ""))}</td>'
                f'<td class="num">{e(_fmt_value(fd.get("measured"), unit))}</td><td class="num">{e(_fmt_value(fd.get("required"), unit))}</td>'
                f'<td class="num{mcls}">{e(_fmt_margin(margin, unit))}</td><td>{e(unit)}</td>'
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
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{e(colour)}" stroke="#8a8f98" stroke-width="0.6"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" class="bv">{v:.2f} m²{e(share)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _meter(label: str, share: Any, m2: Any, colour: str) -> str:
    width = 0.0 if share is None else max(0.0, min(100.0, share * 100))
    return (
        f'<div class="meter"><span class="ml">{e(label)}</span><span class="mbar"><span style="width:{width:.1f}%;background:{colour}"></span></span>'
        f'<span class="mv">{e(_m2(m2))} · {e(_pct(share))}</span></div>'
    )


def _slack(slack: dict[str, Any] | None) -> str:
    if not slack:
        return "—"
    return ", ".join(f"{k.replace('axis_', '')}: {v} mm" for k, v in slack.items())


def _area_block(area: dict[str, Any] | None) -> str:
    if not area or not area.get("units"):
        return '<section class="area"><h3>Area</h3><p class="muted">No dwelling unit recognised: no area metrics.</p></section>'
    out = ['<section class="area"><h3>Area per unit</h3><div class="units">']
    for u in area["units"]:
        net = u.get("net_m2") or 0.0
        items = [(k, v, FUNCTION_COLOURS.get(k, FUNCTION_COLOURS["other"])) for k, v in sorted(u.get("by_function", {}).items(), key=lambda kv: -kv[1])]
        eff = u.get("efficiency_index")
        kpis = [
            ("Net", _m2(u.get("net_m2"))),
            ("BRA ≈", _m2(u.get("bra_m2"))),
            ("Type", u.get("type", "")),
            ("Efficiency index", "—" if eff is None else f"{eff:.2f}"),
        ]
        if u.get("balcony_m2"):
            kpis.append(("Balcony", _m2(u.get("balcony_m2"))))
        kpi = "".join(f'<div class="kpi"><span class="k">{e(k)}</span><span class="v">{e(v)}</span></div>' for k, v in kpis)
        meters = "".join([
            _meter("Circulation", u.get("circulation_share"), u.get("circulation_m2"), "#9b8fb8"),
            _meter("Storage", u.get("storage_share"), u.get("storage_m2"), "#d9a066"),
            _meter("Wet rooms", u.get("wet_share"), u.get("wet_m2"), "#6fbfae"),
            _meter("Unusable", u.get("unusable_share"), u.get("unusable_m2"), "#c97b7b"),
            _meter("Required zones", u.get("required_zone_share"), u.get("required_zone_m2"), "#5b86c5"),
        ])
        zk = ", ".join(f"{e(k)} {v:.2f} m²" for k, v in (u.get("zones_by_kind") or {}).items()) or "—"
        zones = (
            f'<p class="zones">Zones claimed: {zk}. Sum {e(_m2(u.get("zone_sum_m2")))}, '
            f'overlap {e(_m2(u.get("zone_overlap_m2")))} (floor shared by several requirements).</p>'
        )
        rd_rows = "".join(
            f'<tr><td>{e(r.get("id"))}</td><td>{e(r.get("label"))}</td><td>{e(r.get("function"))}</td><td class="num">{e(_fmt_value(r.get("area_m2"), "m²"))}</td>'
            f'<td class="num">{e(_fmt_value(r.get("required_zone_m2"), "m²"))}</td>'
            f'<td>{e(_slack(r.get("slack_mm")))}</td></tr>'
            for r in u.get("rooms_detail", [])
        )
        rooms = (
            '<details><summary>Rooms, required zones and slack</summary><table class="tbl compact"><thead><tr><th>Room</th><th>Label</th>'
            f'<th>Function</th><th class="num">m²</th><th class="num">Zones m²</th><th>Slack</th></tr></thead><tbody>{rd_rows}</tbody></table></details>'
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


def _building_block(b: dict[str, Any] | None) -> str:
    if not b:
        return ""
    mix = ", ".join(f"{e(k)} × {v}" for k, v in (b.get("mix") or {}).items()) or "—"
    kpis = [
        ("Plans", b.get("plans", "—")), ("Units", b.get("units", "—")), ("Net", _m2(b.get("net_m2"))),
        ("BRA ≈", _m2(b.get("bra_m2"))), ("Common", _m2(b.get("common_m2"))), ("Average net", _m2(b.get("average_net_m2"))),
    ]
    kpi = "".join(f'<div class="kpi"><span class="k">{e(k)}</span><span class="v">{e(v)}</span></div>' for k, v in kpis)
    rows = "".join(
        f'<tr class="st-{e(f.get("status"))}"><td>{_badge(str(f.get("status")))}</td><td class="mono">{e(f.get("code"))}</td><td>{e(f.get("rule"))}</td>'
        f'<td>{e(f.get("ruleset"))}</td><td class="msg">{e(f.get("message"))}</td><td class="sev">{e(f.get("severity"))}</td>'
        f'<td class="src">{e(f.get("source"))}</td></tr>'
        for f in b.get("findings", [])
    )
    table = (
        '<table class="tbl"><thead><tr><th>Status</th><th>Code</th><th>Rule</th><th>Rule set</th><th>Message</th><th>Severity</th><th>Source</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>" if rows else ""
    )
    return f'<section class="card building"><h2>Building</h2><div class="kpis">{kpi}</div><p>Unit mix: {mix}</p>{table}</section>'


def _diagnostics(d: dict[str, Any]) -> str:
    diags = d.get("diagnostics") or []
    levels: dict[str, int] = {}
    for x in diags:
        levels[x.get("level", "")] = levels.get(x.get("level", ""), 0) + 1
    summary = ", ".join(f"{n} {e(k)}" for k, n in sorted(levels.items())) or "none"
    rows = "".join(
        f'<tr class="lvl-{e(x.get("level"))}"><td>{e(x.get("level"))}</td><td class="mono">{e(x.get("code"))}</td>'
        f'<td>{e(x.get("message"))}</td><td class="mono">{e(x.get("subject", ""))}</td><td class="num">{e(x.get("count", 1))}</td></tr>'
        for x in diags
    )
    return (
        f'<details class="diag"><summary>Plan diagnostics ({summary})</summary>'
        '<table class="tbl compact"><thead><tr><th>Level</th><th>Code</th><th>Message</th><th>Subject</th><th class="num">Count</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def _overview(dicts: list[dict[str, Any]]) -> str:
    rows = []
    for ri, d in enumerate(dicts):
        s = d.get("summary", {})
        failing = any(f["status"] == "fail" and f.get("severity") == "error" and not f.get("accepted") for f in d.get("findings", []))
        name = Path(str(d.get("file", {}).get("path", ""))).name
        rows.append(
            f'<tr><td><a href="#report-{ri}">{e(name)}</a></td><td>{e(d.get("ruleset", {}).get("name", ""))}</td>'
            f'<td><span class="verdict v-{"fail" if failing else "pass"}">{"Failing" if failing else "Passing"}</span></td>'
            + "".join(f'<td class="num">{s.get(k, 0)}</td>' for k in ("fail", "needs_review", "error", "pass", "not_applicable"))
            + "</tr>"
        )
    return (
        '<section class="card overview"><h2>Overview</h2><table class="tbl"><thead><tr><th>Plan</th><th>Rule set</th><th>Verdict</th>'
        '<th class="num">Fail</th><th class="num">Review</th><th class="num">Errors</th><th class="num">Pass</th><th class="num">N/A</th>'
        f'</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


CSS = """
:root{--bg:#f4f5f7;--card:#fff;--ink:#1f2933;--muted:#6b7580;--line:#dde1e6;--accent:#2f5d9b;
--pass:#1e7b47;--pass-bg:#e3f4ea;--fail:#b83227;--fail-bg:#fbe6e3;--review:#a3690b;--review-bg:#fcf1dc;
--na:#6b7580;--na-bg:#eef0f2;--error:#7d3c98;--error-bg:#f2e6f7;--acc:#4f5f6f;--acc-bg:#e6eaee}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:1480px;margin:0 auto;padding:20px 24px 48px}
.top{display:flex;align-items:baseline;justify-content:space-between;gap:16px;border-bottom:2px solid var(--ink);padding-bottom:8px;margin-bottom:18px}
.top h1{font-size:20px;margin:0;letter-spacing:.2px}.top .muted{font-size:12px}
h2{font-size:18px;margin:0}h3{font-size:16px;margin:22px 0 10px}h4{font-size:14px;margin:0 0 6px}h5{font-size:12px;margin:0 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.5px}
.muted{color:var(--muted);font-weight:normal}.small{font-size:11px}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.card,.report{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin-bottom:22px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.rtitle{display:flex;align-items:center;gap:14px;justify-content:space-between}
.verdict{display:inline-block;padding:3px 12px;border-radius:14px;font-weight:600;font-size:13px;white-space:nowrap}
.v-pass{background:var(--pass-bg);color:var(--pass)}.v-fail{background:var(--fail-bg);color:var(--fail)}
.meta{display:grid;grid-template-columns:max-content minmax(0,1.3fr) max-content minmax(0,1fr);gap:3px 14px;margin:12px 0;font-size:13px}
@media (max-width:1000px){.meta{grid-template-columns:max-content 1fr}}
.meta dt{color:var(--muted)}.meta dd{margin:0}
.chips{display:flex;flex-wrap:wrap;gap:8px;align-items:stretch;margin:10px 0 6px}
.chip{display:flex;align-items:baseline;gap:6px;padding:6px 12px;border-radius:8px;border:1px solid transparent;cursor:pointer;user-select:none}
.chip input{position:absolute;opacity:0;pointer-events:none}
.chip .n{font-size:20px;font-weight:700}.chip .l{font-weight:600}.chip .sub{font-size:11px;opacity:.85}
.chip.zero{opacity:.55}.chip:has(input:not(:checked)){opacity:.35;text-decoration:line-through}
.chip:focus-within{outline:2px solid var(--accent)}
.total{align-self:center;color:var(--muted);margin-left:4px}
.st-pass{--c:var(--pass);--cb:var(--pass-bg)}.st-fail{--c:var(--fail);--cb:var(--fail-bg)}.st-needs_review{--c:var(--review);--cb:var(--review-bg)}
.st-not_applicable{--c:var(--na);--cb:var(--na-bg)}.st-error{--c:var(--error);--cb:var(--error-bg)}.st-accepted{--c:var(--acc);--cb:var(--acc-bg)}
.chip{background:var(--cb);color:var(--c);border-color:color-mix(in srgb,var(--c) 25%,transparent)}
.badge{display:inline-block;min-width:54px;text-align:center;padding:1px 7px;border-radius:10px;font-size:11.5px;font-weight:600;background:var(--cb);color:var(--c);white-space:nowrap}
.badge.st-fail{background:var(--fail);color:#fff}
details>summary{cursor:pointer;color:var(--accent);font-weight:600;margin:6px 0}
.ruleset .rules{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:10px;margin-top:10px;align-items:start}
.rule{border:1px solid var(--line);border-radius:6px;padding:8px 10px}.rule .src{font-size:12px;color:var(--muted);margin:0 0 6px}
table.kv{border-collapse:collapse;font-size:12px;width:100%}table.kv td.key{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap;color:#39434d;width:1%}table.kv td{border-top:1px solid #eef0f2;padding:2px 4px;vertical-align:top}
.planwrap{display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:16px;margin:14px 0}
.planbox{position:relative;border:1px solid var(--line);border-radius:8px;background:#fff;overflow:hidden}
.planbox svg{display:block;width:100%;height:auto;max-height:78vh;cursor:grab;touch-action:none}
.planbox svg.dragging{cursor:grabbing}
.zoom{position:absolute;right:8px;top:8px;display:flex;gap:4px;z-index:2}
.zoom button{font:inherit;font-size:13px;min-width:30px;padding:3px 8px;border:1px solid var(--line);border-radius:5px;background:#fff;cursor:pointer}
.zoom button:hover{background:#f0f3f7}
.side{font-size:13px}.side h4{margin-top:2px}
.toggles{display:flex;flex-direction:column;gap:3px;margin-bottom:8px}.toggles label{cursor:pointer}
.info{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:10px 0;min-height:64px;background:#fbfbfc}
.info .ic{font-weight:700}.info p{margin:4px 0}
.legend ul{list-style:none;padding:0;margin:4px 0 8px;display:grid;grid-template-columns:1fr 1fr;gap:2px 8px;font-size:12px}
.legend li{display:flex;align-items:center;gap:6px}.sw{width:24px;height:16px;flex:none}
.fsw{display:inline-block;width:16px;height:12px;border:1px solid #999;border-radius:2px}
.pe-pass.pe-accepted,.pe-fail.pe-accepted,.pe-required.pe-accepted,.pe-zone.pe-accepted{stroke-dasharray:3 3;opacity:.6}
.pe-bar.pe-pass,.pe-bar.pe-review{stroke-width:4px;stroke-linecap:round;fill:none;opacity:.7}
.pe-bar.pe-fail{stroke-width:8px;stroke-linecap:round;fill:none;opacity:.9}
.pe-outline.pe-pass,.pe-outline.pe-fail{fill:none;stroke-width:2.5px;stroke-dasharray:10 5}
.pe-marker.pe-review{stroke-width:1.5px;fill-opacity:.55}
.pe-bottleneck.pe-fail{stroke-width:2.5px;fill-opacity:.3}
.pe-zone.pe-zone{fill-opacity:.10;stroke-width:1px;stroke-opacity:.8;vector-effect:non-scaling-stroke}
""" + "".join(
    f".pe-zone.pe-z-{k}{{stroke:{c};fill:{c}}}\n" for k, c in ZONE_COLOURS.items()
) + """
.pe-zone.pe-zone.pe-zone-fail{stroke:#c0392b;stroke-width:1.5px;stroke-dasharray:5 3}
.planbox .pe-ftext{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;pointer-events:none}
.planbox [data-finding]{cursor:pointer}
.planbox .pe-label,.planbox .pe-small,.planbox .pe-doorw{pointer-events:none}
.planbox .pe-hl{stroke:#f1c40f !important;stroke-width:5px !important;fill-opacity:.45 !important;filter:drop-shadow(0 0 3px rgba(0,0,0,.35))}
.planbox text.pe-hl{stroke-width:3px !important}
.tbl{border-collapse:collapse;width:100%;font-size:13px}
.tbl th,.tbl td{padding:5px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #eceef1}
.tbl thead th{position:sticky;top:0;background:#f7f8fa;border-bottom:1px solid var(--line);font-size:12px;color:var(--muted);font-weight:600;z-index:1}
.tbl.compact td,.tbl.compact th{padding:3px 6px;font-size:12px}
.num{text-align:right !important;font-variant-numeric:tabular-nums;white-space:nowrap}
.neg{color:var(--fail);font-weight:600}
.frow td:first-child{white-space:nowrap}
.findings .ghead th{background:#eef2f7;color:var(--ink);font-size:13px;padding:7px 8px;border-top:1px solid var(--line)}
.gkind{display:inline-block;font-size:10.5px;text-transform:uppercase;letter-spacing:.6px;color:var(--muted);margin-right:4px}
.gname{font-weight:600;margin-left:4px}.gcounts{float:right;display:inline-flex;gap:4px}
.frow{cursor:pointer}.frow:hover td{background:#f6f8fb}
.frow.st-fail td:first-child{box-shadow:inset 3px 0 0 var(--fail)}.frow.st-needs_review td:first-child{box-shadow:inset 3px 0 0 var(--review)}
.frow.st-error td:first-child{box-shadow:inset 3px 0 0 var(--error)}.frow.st-accepted td:first-child{box-shadow:inset 3px 0 0 var(--acc)}
.frow.st-not_applicable td,.frow.st-pass td.msg{color:#4a5561}
.frow.pe-hl td{background:#fff6cc !important}
.frow .pin{color:var(--accent);margin-left:4px;font-size:12px}
.frow .rname{font-size:12px;color:var(--muted);white-space:nowrap}
.msg{min-width:260px}.acc{color:var(--acc);font-size:12px;margin-top:2px}.lowconf{color:var(--review);font-size:12px}
.sev{font-size:12px;white-space:nowrap}.sev-warning{color:var(--review)}
td.src{font-size:11.5px;color:var(--muted);max-width:260px}
td.src span{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.hiddenrow{display:none}
.area .units{display:grid;grid-template-columns:1fr;gap:14px}
.unit{border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0 12px}
.kpi{display:flex;flex-direction:column;background:#f7f8fa;border-radius:6px;padding:6px 12px;min-width:120px}
.kpi .k{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.4px}.kpi .v{font-size:17px;font-weight:650}
.two{display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:22px}
svg.bars{width:100%;max-width:560px;height:auto}
svg.bars .bl{font-size:12px;text-anchor:end;fill:#333}svg.bars .bv{font-size:11.5px;fill:#333}
.meter{display:grid;grid-template-columns:110px 1fr 130px;align-items:center;gap:8px;margin:5px 0;font-size:12.5px}
.mbar{height:10px;background:#eceef1;border-radius:5px;overflow:hidden}.mbar span{display:block;height:100%}
.mv{font-variant-numeric:tabular-nums;color:#333}
.zones{font-size:12.5px;color:#333}
.defs dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12px}.defs dd{margin:0}
.diag .lvl-warning td:first-child{color:var(--review);font-weight:600}.diag .lvl-error td:first-child{color:var(--fail);font-weight:600}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:24px}
a{color:var(--accent)}
@media (max-width:1000px){.planwrap{grid-template-columns:1fr}.two{grid-template-columns:1fr}}
@media print{
 body{background:#fff;font-size:11px;-webkit-print-color-adjust:exact;print-color-adjust:exact}.page{max-width:none;padding:0}
 .side>h4:first-child,.legend details{display:none}.msg{min-width:0}
 .card,.report{box-shadow:none;border:none;padding:0;margin-bottom:12px;page-break-after:always}
 .zoom,.side .toggles,.baselayers,.info,.chip input{display:none}
 .planwrap{grid-template-columns:1fr}.planbox svg{max-height:none}
 .tbl thead th{position:static}td.src{max-width:160px;font-size:9px}
 .frow.pe-hl td{background:none !important}.hiddenrow{display:table-row}
 details>summary{color:var(--ink)}
}
"""

SCRIPT = r"""
(function(){
'use strict';
function q(root, sel){return Array.prototype.slice.call(root.querySelectorAll(sel));}
function section(el){return el.closest('section.report');}
function clearHl(sec){q(sec,'.pe-hl').forEach(function(x){x.classList.remove('pe-hl');});}
function showInfo(sec,row){
  var info=sec.querySelector('.info'); if(!info||!row) return;
  while(info.firstChild) info.removeChild(info.firstChild);
  var cells=row.cells, title=row.parentNode.getAttribute('data-title');
  function p(text,cls){var e=document.createElement('p'); if(cls) e.className=cls; e.textContent=text; info.appendChild(e); return e;}
  p(cells[1].textContent+' · '+cells[0].textContent.replace('◎','').trim()+(cells[8].textContent?' · '+cells[8].textContent:''),'ic');
  if(title) p(title,'muted');
  p(cells[7].textContent);
  if(cells[3].textContent!=='—'||cells[4].textContent!=='—') p('measured '+cells[3].textContent+' · required '+cells[4].textContent+' · margin '+cells[5].textContent+' '+cells[6].textContent);
  if(!row.classList.contains('drawn')) p('(not drawn on the plan)','muted');
}
function highlight(fid, opts){
  var row=document.getElementById('row-'+fid); if(!row) return;
  var sec=section(row); clearHl(sec);
  row.classList.add('pe-hl');
  var svg=sec.querySelector('.planbox svg'), drawn=[];
  if(svg){
    drawn=q(svg,'[data-finding="'+fid+'"]');
    drawn.forEach(function(el){
      el.classList.add('pe-hl');
      var layer=el.closest('g.pe-layer');
      if(layer&&layer.style.display==='none'){
        layer.style.display='';
        var box=sec.querySelector('input[data-layer-toggle="'+layer.getAttribute('data-layer')+'"]'); if(box) box.checked=true;
      }
    });
  }
  showInfo(sec,row);
  if(opts&&opts.scrollPlan&&drawn.length){sec.querySelector('.planbox').scrollIntoView({block:'nearest',behavior:'smooth'});}
  if(opts&&opts.scrollRow){row.scrollIntoView({block:'nearest',behavior:'smooth'});}
}
q(document,'tr.frow').forEach(function(row){
  function go(){highlight(row.getAttribute('data-finding'),{scrollPlan:true});}
  row.addEventListener('click',go);
  row.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();go();}});
});
q(document,'section.report').forEach(function(sec){
  var svg=sec.querySelector('.planbox svg'); if(!svg) return;
  var vb0=svg.getAttribute('viewBox').split(/\s+/).map(Number), vb=vb0.slice(), moved=false, drag=null;
  function setVb(){svg.setAttribute('viewBox',vb.map(function(v){return v.toFixed(1);}).join(' '));}
  function zoom(f,cx,cy){
    if(cx===undefined){cx=vb[0]+vb[2]/2; cy=vb[1]+vb[3]/2;}
    var w=Math.min(vb0[2]*2,Math.max(vb0[2]/40,vb[2]*f)), k=w/vb[2];
    vb=[cx-(cx-vb[0])*k, cy-(cy-vb[1])*k, vb[2]*k, vb[3]*k]; setVb();
  }
  function toSvg(ev){var r=svg.getBoundingClientRect(), s=Math.max(vb[2]/r.width,vb[3]/r.height);
    var ox=(r.width*s-vb[2])/2, oy=(r.height*s-vb[3])/2;
    return [vb[0]+(ev.clientX-r.left)*s-ox, vb[1]+(ev.clientY-r.top)*s-oy, s];}
  svg.addEventListener('wheel',function(ev){ev.preventDefault(); var p=toSvg(ev); zoom(ev.deltaY>0?1.2:1/1.2,p[0],p[1]);},{passive:false});
  svg.addEventListener('pointerdown',function(ev){if(ev.button!==0) return; drag=[ev.clientX,ev.clientY,vb[0],vb[1],toSvg(ev)[2]]; moved=false;});
  svg.addEventListener('pointermove',function(ev){if(!drag) return; var dx=ev.clientX-drag[0], dy=ev.clientY-drag[1];
    if(!moved&&Math.abs(dx)+Math.abs(dy)<4) return; if(!moved){svg.classList.add('dragging'); try{svg.setPointerCapture(ev.pointerId);}catch(e){}}
    moved=true; vb[0]=drag[2]-dx*drag[4]; vb[1]=drag[3]-dy*drag[4]; setVb();});
  function end(){drag=null; svg.classList.remove('dragging');}
  svg.addEventListener('pointerup',end); svg.addEventListener('pointercancel',end);
  svg.addEventListener('click',function(ev){
    if(moved){moved=false; return;}
    var el=ev.target.closest?ev.target.closest('[data-finding]'):null;
    if(el) highlight(el.getAttribute('data-finding'),{scrollRow:true});
  });
  svg.addEventListener('dblclick',function(){vb=vb0.slice(); setVb();});
  q(sec,'button[data-zoom]').forEach(function(b){b.addEventListener('click',function(){
    var z=b.getAttribute('data-zoom'); if(z==='in') zoom(1/1.4); else if(z==='out') zoom(1.4); else {vb=vb0.slice(); setVb();}
  });});
  q(sec,'input[data-layer-toggle]').forEach(function(box){
    function apply(){q(svg,'g.pe-layer[data-layer="'+box.getAttribute('data-layer-toggle')+'"]').forEach(function(g){
      if(box.getAttribute('data-base')&&g.classList.contains('pe-overlay')) return;
      if(!box.getAttribute('data-base')&&!g.classList.contains('pe-overlay')) return;
      g.style.display=box.checked?'':'none';});}
    box.addEventListener('change',apply); apply();
  });
  q(sec,'input[data-status-filter]').forEach(function(box){
    box.addEventListener('change',function(){
      var off={}; q(sec,'input[data-status-filter]').forEach(function(b){if(!b.checked) off[b.getAttribute('data-status-filter')]=1;});
      q(sec,'tr.frow').forEach(function(r){r.classList.toggle('hiddenrow',!!off[r.getAttribute('data-status')]);});
      q(sec,'tbody.grp').forEach(function(tb){tb.classList.toggle('hiddenrow',!tb.querySelector('tr.frow:not(.hiddenrow)'));});
    });
  });
});
})();
"""


def write_html(runs: list[Any], context: dict[str, Any] | None = None) -> str:
    """One self-contained HTML page for all ``runs`` (plan × rule set)."""
    context = context or {}
    data = reports_to_dict(runs, context)
    dicts = data["reports"] if "reports" in data else [data]
    names = sorted({Path(str(d.get("file", {}).get("path", ""))).name for d in dicts})
    title = "planeval — " + (", ".join(names[:3]) + (" …" if len(names) > 3 else "") if names else "report")
    body: list[str] = []
    if len(dicts) > 1:
        body.append(_overview(dicts))
    body.append(_building_block(data.get("building")))
    baseline = context.get("baseline", {})
    for ri, (report, d) in enumerate(zip(runs, dicts)):
        overlays = finding_overlays(report, ri)
        drawn = {o.finding for o in overlays}
        body.append(f'<section class="report" id="report-{ri}">')
        body.append(_header(d, ri, baseline.get(id(report)) if isinstance(baseline, dict) else None))
        body.append(_plan_block(report, ri, overlays))
        body.append("<h3>Findings</h3>" + _findings_table(d, ri, drawn))
        body.append(_area_block(d.get("area")))
        body.append(_diagnostics(d))
        body.append("</section>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<meta name=\"generator\" content=\"planeval {e(__version__)}\">"
        f"<title>{e(title)}</title><style>{CSS}</style></head><body><div class=\"page\">"
        f'<div class="top"><h1>Universal-design check</h1><span class="muted">planeval {e(__version__)} · '
        f"{len(dicts)} report{'s' if len(dicts) != 1 else ''}</span></div>"
        + "\n".join(b for b in body if b)
        + f'<footer>Generated by planeval {e(__version__)}. Geometry in millimetres; the plan is drawn as read from the DXF (y up). '
        "Numbers are measured on the 2D drawing; items marked review need information a plan does not show.</footer>"
        f"</div><script>{SCRIPT}</script></body></html>\n"
    )

