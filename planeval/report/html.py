"""The check report as one self-contained HTML file: plan drawing with findings, linked findings table,
area block, rule set and diagnostics.

No network: inline ``<style>`` and ``<script>`` (``assets/report.css`` and ``assets/report.js``, read
with :mod:`importlib.resources` and inlined under a Content-Security-Policy that allows nothing else),
no fonts, no libraries; opens from disk in any browser and prints cleanly. Every text that may come
from the DXF (labels, layer and block names, file names, messages that quote labels) is escaped with
:func:`html.escape`; the script reads only ``data-*`` attributes and sets ``textContent``, so no DXF
text is ever parsed as markup.

Layout per report (plan × rule set): a header (file, sha256, DXF version, units, planeval version,
rule set with its chain and final parameters), the verdict and the summary counts (which double as
status filters), the plan as inline SVG with the findings drawn on toggleable layers beside a legend
and a detail panel (:mod:`planeval.report.html_plan`), the findings table grouped by subject, the
area block and the diagnostics (:mod:`planeval.report.html_tables`). With several reports an
overview table (and the building block, when there is one) comes first.

Modules: this one assembles the page and writes the report header; the overlays (what each finding
draws, shared with the DXF overlay) are :func:`planeval.report.overlays.finding_overlays`, computed
once per report. The verdict and the counts are the report dict's ``summary`` (one verdict, worked
out in :mod:`planeval.findings`).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from planeval.report.html_common import e, status_label
from planeval.report.html_plan import plan_block
from planeval.report.html_recognition import recognition_block
from planeval.report.html_tables import area_block, building_block, diagnostics, findings_table, overview
from planeval.report.i18n import t
from planeval.report.json_report import reports_to_dict
from planeval.report.messages import vocab
from planeval.report.overlays import ZONE_COLOURS, finding_overlays
from planeval.report.recognition_text import verdict_class, verdict_label
from planeval.version import __version__

__all__ = ["write_html", "stylesheet", "script"]

#: the line of ``assets/report.css`` that stands for the generated ``.pe-zone.pe-z-<kind>`` colour rules
ZONE_RULES_MARKER = "/* zone colours: one .pe-zone.pe-z-<kind> rule per kind of planeval.report.overlays.ZONE_COLOURS */\n"

#: the page skeleton; ``css``, ``script`` and ``body`` are inlined as they are, the other fields are escaped text
PAGE = Template(
    "<!DOCTYPE html>\n<html lang=\"${lang}\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<meta http-equiv=\"Content-Security-Policy\" "
    "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
    "<meta name=\"generator\" content=\"planeval ${version}\">"
    "<title>${title}</title><style>\n${css}</style></head><body><div class=\"page\">"
    "<div class=\"top\"><h1>${heading}</h1><span class=\"muted\">planeval ${version} · ${count}</span></div>"
    "${body}"
    "<footer>${footer}</footer>"
    "</div><script>\n${script}</script></body></html>\n"
)


@cache
def _asset(name: str) -> str:
    return (files("planeval.report") / "assets" / name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The report's CSS (``assets/report.css``) with one colour rule per zone kind of :data:`ZONE_COLOURS`."""
    css = _asset("report.css")
    if ZONE_RULES_MARKER not in css:  # pragma: no cover - a packaging or editing mistake
        raise RuntimeError("assets/report.css lost its zone-colour marker line")
    rules = "".join(f".pe-zone.pe-z-{k}{{stroke:{c};fill:{c}}}\n" for k, c in ZONE_COLOURS.items())
    return css.replace(ZONE_RULES_MARKER, rules)


def script() -> str:
    """The report's script (``assets/report.js``): row/drawing linking, zoom and pan, layer and status toggles."""
    return _asset("report.js")


def _header(d: dict[str, Any], ri: int, baseline: dict[str, Any] | None, lang: str = "en") -> str:
    """The report's header: title and verdict (``summary["verdict"]``), file and rule-set facts, the summary chips."""
    file = d.get("file", {})
    units = d.get("units", {})
    rs = d.get("ruleset", {})
    s = d.get("summary", {})
    word = str(s.get("verdict", "pass"))
    verdict = (verdict_class(word), verdict_label(lang, word))  # pass, fail or review (not judged: below the grade)
    name = Path(str(file.get("path", ""))).name or "plan"
    meta = [
        (t(lang, "html.meta_file"), f'<span class="mono">{e(file.get("path", ""))}</span>'),
        ("SHA-256", f'<span class="mono small">{e(file.get("sha256", ""))}</span>'),
        ("DXF", e(f"{file.get('dxfversion', '')} · {file.get('encoding', '')}"
                  + (" · " + t(lang, "html.binary") if file.get("binary") else "")
                  + (" · " + t(lang, "html.recovered") if file.get("recovered") else ""))),
        (t(lang, "html.meta_units"), e(t(lang, "html.meta_units_value", unit=units.get("drawing_unit", "?"),
                                         mm=units.get("mm_per_unit", "?"), source=vocab(lang, str(units.get("source", "")))))),
        (t(lang, "html.meta_profile"), e(d.get("profile", ""))),
        (t(lang, "html.meta_ruleset"), e(rs.get("name", ""))),
        ("planeval", e(f"{d.get('planeval_version', __version__)} · {t(lang, 'html.meta_schema')} "
                       f"{d.get('schema_version', '')}")),
    ]
    if baseline:
        txt = t(lang, "html.baseline_accepted", n=baseline.get("accepted", 0))
        if baseline.get("expired"):
            txt += f"; {t(lang, 'html.baseline_expired')}: " + ", ".join(map(str, baseline["expired"]))
        meta.append((t(lang, "html.meta_baseline"), e(txt)))
    out = [
        f'<header class="rhead"><div class="rtitle"><h2>{e(name)} <span class="muted">— {e(rs.get("name", ""))}</span></h2>',
        f'<span class="verdict v-{verdict[0]}">{verdict[1]}</span></div>',
        '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>",
    ]
    # summary chips double as row filters; the summary counts live findings, the accepted ones apart
    chips = []
    for st in ("fail", "error", "needs_review", "accepted", "pass", "not_applicable"):
        n = s.get(st, 0)
        if st == "accepted" and not n:
            continue
        extra = ""
        if st == "fail" and n:
            split = t(lang, "html.failing_split", e=s.get("failing_errors", 0), w=s.get("failing_warnings", 0))
            extra = f'<span class="sub">{e(split)}</span>'
        chips.append(
            f'<label class="chip st-{st}{" zero" if not n else ""}"><input type="checkbox" data-status-filter="{st}" checked>'
            f'<span class="n">{n}</span><span class="l">{e(status_label(st, lang))}</span>{extra}</label>'
        )
    total = f'<span class="total">{e(t(lang, "html.findings_total", n=s.get("total", 0)))}</span>'
    out.append(f'<div class="chips" data-report="{ri}">' + "".join(chips) + total + "</div>")
    out.append(_ruleset_block(rs, lang))
    out.append("</header>")
    return "\n".join(out)


def _ruleset_block(rs: dict[str, Any], lang: str = "en") -> str:
    rows = "".join(
        f'<tr><td>{k}</td><td>{e(c.get("name", ""))}</td><td class="mono">{e(c.get("path", ""))}</td>'
        f'<td class="mono small">{e(c.get("sha256", ""))}</td></tr>'
        for k, c in enumerate(rs.get("chain", []))
    )
    params = []
    for rule, values in sorted((rs.get("params") or {}).items()):
        off = f' <span class="badge st-not_applicable">{e(t(lang, "html.disabled"))}</span>'
        state = "" if values.get("enabled", True) else off
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
        f'<details class="ruleset"><summary>{e(t(lang, "html.ruleset_summary"))}</summary>'
        f'{desc}<table class="tbl compact"><thead><tr><th>#</th><th>{e(t(lang, "html.col_name"))}</th>'
        f'<th>{e(t(lang, "html.col_file"))}</th><th>SHA-256</th></tr></thead>'
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


def write_html(runs: list[Any], context: dict[str, Any] | None = None) -> str:
    """One self-contained HTML page for all ``runs`` (plan × rule set), in ``context["lang"]`` (default English)."""
    context = context or {}
    lang = str(context.get("lang") or "en")
    data = reports_to_dict(runs, context)
    dicts = data["reports"]
    names = sorted({Path(str(d.get("file", {}).get("path", ""))).name for d in dicts})
    title = "planeval — " + (", ".join(names[:3]) + (" …" if len(names) > 3 else "") if names else "report")
    body: list[str] = []
    if len(dicts) > 1:
        body.append(overview(dicts, lang))
    body.append(building_block(data.get("building"), lang))
    if data.get("errors"):  # plans that could not be read (check keeps going and exits 2)
        items = "".join(f'<li><span class="mono">{e(x["file"])}</span>: {e(x["message"])}</li>' for x in data["errors"])
        body.append(f'<section class="card input-errors st-error"><h2>{e(t(lang, "html.could_not_read"))}</h2>'
                    f'<ul>{items}</ul></section>')
    baseline = context.get("baseline", {})
    for ri, (report, d) in enumerate(zip(runs, dicts, strict=True)):
        overlays = finding_overlays(report, ri, lang=lang)
        drawn = {o.finding for o in overlays}
        body.append(f'<section class="report" id="report-{ri}">')
        body.append(_header(d, ri, baseline.get(id(report)) if isinstance(baseline, dict) else None, lang))
        body.append(recognition_block(report, d, ri, lang))
        body.append(plan_block(report, ri, overlays, lang))
        body.append(f"<h3>{e(t(lang, 'html.findings'))}</h3>" + findings_table(d, ri, drawn, lang))
        body.append(area_block(d.get("area"), lang))
        body.append(diagnostics(d, lang))
        body.append("</section>")
    return PAGE.substitute(
        version=e(__version__),
        title=e(title),
        css=stylesheet(),
        count=e(t(lang, "html.report_one") if len(dicts) == 1 else t(lang, "html.reports", n=len(dicts))),
        lang=e(lang),
        heading=e(t(lang, "html.title")),
        footer=e(t(lang, "html.footer", version=__version__)),
        body="\n".join(b for b in body if b),
        script=script(),
    )
