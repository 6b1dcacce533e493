"""The HTML report's tables and blocks built from the report dicts: the findings table grouped by
subject, the area block per unit, the building block, the diagnostics and the overview of several
reports.

Everything here reads the JSON report dicts (:func:`planeval.report.json_report.reports_to_dict`),
never the plan: the verdict is the dict's ``summary["verdict"]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planeval.report.fmt import decimal
from planeval.report.html_common import STATUS_LABEL, badge, e, fmt_margin, fmt_value, kpis, m2, pct, status_label, status_of
from planeval.report.i18n import function_name, t
from planeval.report.messages import message_of
from planeval.report.overlays import finding_id
from planeval.report.recognition_text import verdict_class, verdict_label
from planeval.report.sentences import finding_sentence, hint_of
from planeval.report.svg import FUNCTION_COLOURS

__all__ = ["findings_table", "area_block", "building_block", "diagnostics", "overview"]

_STATUS_RANK = {st: k for k, st in enumerate(STATUS_LABEL)}


def _subject_order(subject: str) -> tuple[int, str, int]:
    prefix = subject.rstrip("0123456789")
    digits = subject[len(prefix):]
    rank = {"R": 0, "D": 1, "U": 2, "W": 3}.get(prefix, 4 if subject != "plan" else 5)
    return (rank, prefix, int(digits) if digits.isdigit() else 0)


def message_html(fd: dict[str, Any], lang: str) -> str:
    """A finding's message cell: in English the check's message; in Norwegian the sentence its numbers make, with
    the check's message (in Norwegian, ``report/messages``) as the detail; then the fix hint when there is one."""
    msg = message_of(fd, lang)
    if lang == "en":
        out = f'<div class="say">{e(msg)}</div>'
    else:
        say = finding_sentence(lang, str(fd.get("code", "")), fd["status"], fd.get("measured"), fd.get("required"),
                               fd.get("unit", ""), str(fd.get("sense", ">=")), fd.get("details"))
        out = f'<div class="say">{e(say)}</div><div class="detail">{e(msg)}</div>'
    hint = hint_of(fd, lang)
    if hint:
        out += f'<div class="hint"><b>{e(t(lang, "finding.hint"))}:</b> {e(hint)}</div>'
    return out


def findings_table(d: dict[str, Any], ri: int, drawn: set[str], lang: str = "en") -> str:
    """The findings of report ``ri`` grouped by subject (rooms, doors, units, …); ``drawn`` holds the ids drawn on the plan."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, fd in enumerate(d.get("findings", [])):
        groups.setdefault(fd["subject"], []).append((i, fd))
    rooms = {r["id"]: r for r in d.get("rooms", [])}
    cols = [("status", ""), ("code", ""), ("rule", ""), ("measured", "num"), ("required", "num"), ("margin", "num"),
            ("unit", ""), ("message", ""), ("severity", ""), ("source", "")]
    head = "".join(f'<th{f" class={chr(34)}{c}{chr(34)}" if c else ""}>{e(t(lang, "html.col_" + k))}</th>' for k, c in cols)
    out = [f'<table class="tbl findings" data-report="{ri}"><thead><tr>{head}</tr></thead>']
    for subject in sorted(groups, key=_subject_order):
        items = groups[subject]
        name = items[0][1].get("subject_name", subject)
        if subject in rooms:
            kind = "room"
        elif subject.startswith("D") and name.startswith("door"):
            kind = "door"
        else:
            kind = "unit" if subject.startswith("U") else ""
        extra = ""
        if subject in rooms:
            extra = f" · {function_name(lang, rooms[subject]['function'])}, {m2(rooms[subject]['area_m2'], lang)}"
        counts: dict[str, int] = {}
        for _, fd in items:
            counts[status_of(fd)] = counts.get(status_of(fd), 0) + 1
        mini = " ".join(badge(st, f" {n}", lang) for st, n in sorted(counts.items(), key=lambda kv: _STATUS_RANK.get(kv[0], 9)))
        if kind == "door" and name.startswith("door "):
            name = " – ".join(t(lang, "word.outside") if x == "outside" else x for x in name[5:].split(" – "))
        kind_text = t(lang, f"html.kind_{kind}") if kind else ""
        named = bool(name) and name != subject
        title = e(subject) + (f" <span class='gname'>{e(name)}</span>" if named else "")
        out.append(
            f'<tbody class="grp" data-title="{e(subject + (" · " + name if named else ""))}"><tr class="ghead"><th colspan="10">'
            f'<span class="gkind">{e(kind_text)}</span> {title}<span class="muted">{e(extra)}</span>'
            f'<span class="gcounts">{mini}</span></th></tr>'
        )
        for i, fd in items:
            fid = finding_id(ri, i)
            st = status_of(fd)
            unit = fd.get("unit", "")
            margin = fd.get("margin")
            mcls = " neg" if isinstance(margin, (int, float)) and margin < 0 else ""
            msg = message_html(fd, lang)
            if fd.get("accepted"):
                was = status_label(fd["status"], lang)
                msg += f'<div class="acc">{e(t(lang, "finding.accepted_was", was=was, reason=fd["accepted"]))}</div>'
            if fd.get("confidence") == "low":
                msg += f'<div class="lowconf">{e(t(lang, "finding.low_confidence"))}</div>'
            sev = fd.get("severity", "")
            pin = f'<span class="pin" title="{e(t(lang, "html.drawn"))}">◎</span>' if fid in drawn else ""
            out.append(
                f'<tr class="frow st-{e(st)}{" drawn" if fid in drawn else ""}" id="row-{fid}" data-finding="{fid}" '
                f'data-status="{e(st)}" tabindex="0">'
                f'<td>{badge(st, "", lang)}{pin}</td><td class="mono"><b>{e(fd.get("code", ""))}</b></td>'
                f'<td class="rname">{e(fd.get("rule", ""))}</td>'
                f'<td class="num">{e(fmt_value(fd.get("measured"), unit, lang))}</td>'
                f'<td class="num">{e(fmt_value(fd.get("required"), unit, lang))}</td>'
                f'<td class="num{mcls}">{e(fmt_margin(margin, unit, lang))}</td><td>{e(unit)}</td>'
                f'<td class="msg">{msg}</td><td class="sev sev-{e(sev)}">{e(t(lang, "severity." + sev) if sev else "")}</td>'
                f'<td class="src"><span title="{e(fd.get("source", ""))}">{e(fd.get("source", ""))}</span></td></tr>'
            )
        out.append("</tbody>")
    out.append("</table>")
    return "".join(out)


def _bar_chart(items: list[tuple[str, float, str]], total: float, lang: str = "en") -> str:
    """Horizontal bars (pure SVG) for (label, m², colour), scaled to the largest value."""
    if not items:
        return f'<p class="muted">{e(t(lang, "area.no_rooms"))}</p>'
    biggest = max(v for _, v, _ in items) or 1.0
    row, label_w, bar_w, val_w = 26, 110, 300, 120
    h = row * len(items) + 6
    label = e(t(lang, "area.by_function"))
    parts = [f'<svg class="bars" viewBox="0 0 {label_w + bar_w + val_w} {h}" role="img" aria-label="{label}">']
    for k, (label, v, colour) in enumerate(items):
        y = 4 + k * row
        w = max(1.0, bar_w * v / biggest)
        share = f" · {v / total * 100:.0f} %" if total > 0 else ""
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" class="bl">{e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{e(colour)}" '
            'stroke="#8a8f98" stroke-width="0.6"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" class="bv">{e(m2(v, lang))}{e(share)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _meter(label: str, share: Any, area: Any, colour: str, lang: str = "en") -> str:
    width = 0.0 if share is None else max(0.0, min(100.0, share * 100))
    return (
        f'<div class="meter"><span class="ml">{e(label)}</span>'
        f'<span class="mbar"><span style="width:{width:.1f}%;background:{colour}"></span></span>'
        f'<span class="mv">{e(m2(area, lang))} · {e(pct(share))}</span></div>'
    )


def _slack(slack: dict[str, Any] | None) -> str:
    if not slack:
        return "—"
    return ", ".join(f"{k.replace('axis_', '')}: {v} mm" for k, v in slack.items())


def area_block(area: dict[str, Any] | None, lang: str = "en") -> str:
    """Area per unit: key figures, net area by function, shares, zones claimed, rooms and definitions."""
    if not area or not area.get("units"):
        return (f'<section class="area"><h3>{e(t(lang, "area.title"))}</h3>'
                f'<p class="muted">{e(t(lang, "area.none"))}</p></section>')
    out = [f'<section class="area"><h3>{e(t(lang, "area.title"))}</h3><div class="units">']
    for u in area["units"]:
        net = u.get("net_m2") or 0.0
        by_function = sorted(u.get("by_function", {}).items(), key=lambda kv: -kv[1])
        items = [(function_name(lang, k), v, FUNCTION_COLOURS.get(k, FUNCTION_COLOURS["other"])) for k, v in by_function]
        eff = u.get("efficiency_index")
        figures = [
            (t(lang, "area.net"), m2(u.get("net_m2"), lang)),
            (t(lang, "area.bra"), m2(u.get("bra_m2"), lang)),
            (t(lang, "area.type"), u.get("type", "")),
            (t(lang, "area.efficiency"), "—" if eff is None else decimal(f"{eff:.2f}", lang)),
        ]
        if u.get("balcony_m2"):
            figures.append((t(lang, "area.balcony"), m2(u.get("balcony_m2"), lang)))
        kpi = kpis(figures)
        meters = "".join([
            _meter(t(lang, "area.circulation"), u.get("circulation_share"), u.get("circulation_m2"), "#9b8fb8", lang),
            _meter(t(lang, "area.storage"), u.get("storage_share"), u.get("storage_m2"), "#d9a066", lang),
            _meter(t(lang, "area.wet"), u.get("wet_share"), u.get("wet_m2"), "#6fbfae", lang),
            _meter(t(lang, "area.unusable"), u.get("unusable_share"), u.get("unusable_m2"), "#c97b7b", lang),
            _meter(t(lang, "area.required_zones"), u.get("required_zone_share"), u.get("required_zone_m2"), "#5b86c5", lang),
        ])
        zk = ", ".join(f"{t(lang, 'zone.' + k)} {m2(v, lang)}" for k, v in (u.get("zones_by_kind") or {}).items()) or "—"
        claimed = t(lang, "area.zones_claimed", zones=zk, sum=m2(u.get("zone_sum_m2"), lang),
                    overlap=m2(u.get("zone_overlap_m2"), lang))
        zones = f'<p class="zones">{e(claimed)}</p>'
        rd_rows = "".join(
            f'<tr><td>{e(r.get("id"))}</td><td>{e(r.get("label"))}</td><td>{e(function_name(lang, str(r.get("function"))))}</td>'
            f'<td class="num">{e(fmt_value(r.get("area_m2"), "m²", lang))}</td>'
            f'<td class="num">{e(fmt_value(r.get("required_zone_m2"), "m²", lang))}</td>'
            f'<td>{e(_slack(r.get("slack_mm")))}</td></tr>'
            for r in u.get("rooms_detail", [])
        )
        head = "".join(f"<th{c}>{e(x)}</th>" for x, c in ((t(lang, "html.col_room"), ""), (t(lang, "html.col_label"), ""),
                       (t(lang, "html.col_function"), ""), ("m²", ' class="num"'), (t(lang, "html.col_zones_m2"), ' class="num"'),
                       (t(lang, "html.col_slack"), "")))
        rooms = (
            f'<details><summary>{e(t(lang, "area.rooms_detail"))}</summary><table class="tbl compact">'
            f'<thead><tr>{head}</tr></thead><tbody>{rd_rows}</tbody></table></details>'
        )
        out.append(
            f'<div class="unit"><h4>{e(u.get("id"))} <span class="muted">{e(", ".join(u.get("rooms", [])))}</span></h4>'
            f'<div class="kpis">{kpi}</div><div class="two"><div><h5>{e(t(lang, "area.by_function"))}</h5>'
            f'{_bar_chart(items, net, lang)}</div>'
            f'<div><h5>{e(t(lang, "area.shares"))}</h5>{meters}</div></div>{zones}{rooms}</div>'
        )
    out.append("</div>")
    defs = area.get("definitions") or {}
    if defs:
        out.append(
            f'<details class="defs"><summary>{e(t(lang, "area.definitions"))}</summary><dl>'
            + "".join(f"<dt class='mono'>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in sorted(defs.items()))
            + "</dl></details>"
        )
    out.append("</section>")
    return "".join(out)


def building_block(b: dict[str, Any] | None, lang: str = "en") -> str:
    """The building (several plans or units): key figures, unit mix and the aggregate findings; "" without one."""
    if not b:
        return ""
    mix = ", ".join(f"{e(k)} × {v}" for k, v in (b.get("mix") or {}).items()) or "—"
    figures = [
        (t(lang, "area.plans"), b.get("plans", "—")), (t(lang, "area.units"), b.get("units", "—")),
        (t(lang, "area.net"), m2(b.get("net_m2"), lang)), (t(lang, "area.bra"), m2(b.get("bra_m2"), lang)),
        (t(lang, "area.common"), m2(b.get("common_m2"), lang)), (t(lang, "area.average_net"), m2(b.get("average_net_m2"), lang)),
    ]
    kpi = kpis(figures)
    rows = "".join(
        f'<tr class="st-{e(f.get("status"))}"><td>{badge(str(f.get("status")), "", lang)}</td>'
        f'<td class="mono">{e(f.get("code"))}</td>'
        f'<td>{e(f.get("rule"))}</td>'
        f'<td>{e(f.get("ruleset"))}</td><td class="msg">{e(message_of(f, lang))}</td><td class="sev">{e(f.get("severity"))}</td>'
        f'<td class="src">{e(f.get("source"))}</td></tr>'
        for f in b.get("findings", [])
    )
    head = "".join(f"<th>{e(t(lang, 'html.col_' + k))}</th>" for k in ("status", "code", "rule", "ruleset", "message", "severity",
                                                                         "source"))
    table = f'<table class="tbl"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>' if rows else ""
    return (f'<section class="card building"><h2>{e(t(lang, "html.building"))}</h2><div class="kpis">{kpi}</div>'
            f'<p>{e(t(lang, "html.unit_mix"))}: {mix}</p>{table}</section>')


def diagnostics(d: dict[str, Any], lang: str = "en") -> str:
    """The plan's read diagnostics, folded, counted per level."""
    diags = d.get("diagnostics") or []
    levels: dict[str, int] = {}
    for x in diags:
        levels[x.get("level", "")] = levels.get(x.get("level", ""), 0) + 1
    summary = ", ".join(f"{n} {e(k)}" for k, n in sorted(levels.items())) or e(t(lang, "html.diagnostics_none"))
    rows = "".join(
        f'<tr class="lvl-{e(x.get("level"))}"><td>{e(x.get("level"))}</td><td class="mono">{e(x.get("code"))}</td>'
        f'<td>{e(x.get("message"))}</td><td class="mono">{e(x.get("subject", ""))}</td>'
        f'<td class="num">{e(x.get("count", 1))}</td></tr>'
        for x in diags
    )
    head = "".join(f"<th{c}>{e(t(lang, 'html.col_' + k))}</th>" for k, c in (("level", ""), ("code", ""), ("message", ""),
                                                                               ("subject", ""), ("count", ' class="num"')))
    return (
        f'<details class="diag"><summary>{t(lang, "html.diagnostics", summary=summary)}</summary>'
        f'<table class="tbl compact"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def overview(dicts: list[dict[str, Any]], lang: str = "en") -> str:
    """One row per report (plan × rule set): its verdict (``summary["verdict"]``) and counts, linked to its section."""
    rows = []
    for ri, d in enumerate(dicts):
        s = d.get("summary", {})
        word = str(s.get("verdict", "pass"))  # pass, fail or review (not judged: below the minimum grade)
        name = Path(str(d.get("file", {}).get("path", ""))).name
        rows.append(
            f'<tr><td><a href="#report-{ri}">{e(name)}</a></td><td>{e(d.get("ruleset", {}).get("name", ""))}</td>'
            f'<td><span class="verdict v-{verdict_class(word)}">'
            f'{e(verdict_label(lang, word))}</span></td>'
            + "".join(f'<td class="num">{s.get(k, 0)}</td>' for k in ("fail", "needs_review", "error", "pass", "not_applicable"))
            + "</tr>"
        )
    head = "".join(f"<th{c}>{e(t(lang, 'html.col_' + k))}</th>" for k, c in (
        ("plan", ""), ("ruleset", ""), ("verdict", ""), ("fail", ' class="num"'), ("review", ' class="num"'),
        ("errors", ' class="num"'), ("pass", ' class="num"'), ("na", ' class="num"')))
    return (
        f'<section class="card overview"><h2>{e(t(lang, "html.overview"))}</h2><table class="tbl"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )
