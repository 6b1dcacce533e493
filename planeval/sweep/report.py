"""``planeval sweep-report``: one self-contained HTML page (plots as inline SVG) and tables as
Markdown, CSV and LaTeX, from a sweep's results.

The page has: an overview; per varied parameter the pass rate of each rule it moves, against its
value; units passing per variant; the distribution of critical values across plans (what each
subject tolerates); and the statements behind them ("Soverom passes for any turning circle ≤ 1450 mm").
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path
from typing import Any

from planeval.sweep import analysis
from planeval.sweep.analysis import Table
from planeval.sweep.tabular import csv_text, html_table, latex, markdown

__all__ = ["SweepReport", "build", "write_outputs"]

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2733;margin:0;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #e2e6eb;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}p.lead{color:#4a5868;margin:0 0 16px}p.note{color:#5c6b7a;font-size:12px;margin:4px 0 12px}
table{border-collapse:collapse;font-size:12.5px;margin:6px 0;width:auto;max-width:100%}
th,td{border-bottom:1px solid #e6e9ee;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f1f3f6;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:8px 0 4px}figure svg{max-width:100%;height:auto}
div.wide{overflow-x:auto}details{margin:8px 0}summary{cursor:pointer;color:#2b5fa8}
ul.st{font-size:13px;columns:2;padding-left:18px}
"""


class SweepReport:
    """The analysis of one sweep's results: tables and plots, ready to render."""

    def __init__(self, con: Any, source: str) -> None:
        self.source = source
        self.overview = analysis.overview(con)
        self.pass_rates = analysis.pass_rates(con)
        self.units = analysis.units_passing(con)
        self.critical = analysis.critical_summary(con)
        self.freed = analysis.freed_by_type(con)
        self.building = analysis.building_share(con)
        self.values = analysis.critical_values(con)
        self.examples = con.execute("""
            SELECT param, rule, statement FROM critical
            QUALIFY row_number() OVER (PARTITION BY param, rule, kind ORDER BY critical NULLS LAST, statement) <= 4
            ORDER BY param, rule, kind, critical""").fetchall()

    def tables(self) -> list[Table]:
        return [self.overview, *self.pass_rates.values(), self.units, *([self.building] if self.building else []),
                *([self.freed] if self.freed else []), self.critical]

    def html(self) -> str:
        from planeval.sweep import plots

        parts = [f"<h1>Sweep report</h1><p class=\"lead\">{html.escape(self.source)}: which requirements decide, "
                 "and where each plan's verdicts flip.</p>", html_table(self.overview)]
        parts.append("<h2>Pass rate against each varied parameter</h2>")
        if not self.pass_rates:
            parts.append("<p>No parameter was varied (<code>--vary</code>): the variants are the rule sets as given.</p>")
        for key, t in self.pass_rates.items():
            parts.append(f"<h3>{html.escape(key)}</h3><figure>{plots.pass_rate_plot(key, t)}</figure>")
            parts.append(f"<details><summary>table ({len(t.rows)} rows)</summary>{html_table(t)}</details>")
        parts.append("<h2>Dwelling units passing per variant</h2>")
        parts.append(f"<figure>{plots.units_plot(self.units)}</figure>{html_table(self.units, limit=200)}")
        if self.building is not None:
            parts.append(f"<h2>Accessible share across the building</h2>{html_table(self.building, limit=200)}")
        if self.freed is not None:
            parts.append(f"<h2>m² freed per unit type</h2>{html_table(self.freed)}")
        parts.append("<h2>Critical values across plans</h2>")
        parts.append("<p class=\"note\">For every plan, rule, subject and varied parameter: the value at which the verdict "
                     "flips, computed from the measurements (not by judging more variants).</p>")
        for param, (groups, unit, counts) in self._critical_groups().items():
            parts.append(f"<h3>{html.escape(param)}</h3><figure>{plots.critical_plot(param, groups, unit, counts)}</figure>")
        parts.append(html_table(self.critical))
        if self.examples:
            items = "".join(f"<li><code>{html.escape(r)}</code>: {html.escape(s)}</li>" for _, r, s in self.examples)
            parts.append(f"<details><summary>examples of the statements ({len(self.examples)})</summary>"
                         f"<ul class=\"st\">{items}</ul></details>")
        body = "\n".join(parts)
        return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>planeval sweep report</title>"
                f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><style>{CSS}</style></head>"
                f"<body><main>\n{body}\n</main></body></html>\n")

    def _critical_groups(self) -> dict[str, tuple[dict[str, list[float]], str, dict[str, tuple[int, int]]]]:
        out: dict[str, tuple[dict[str, list[float]], str, dict[str, tuple[int, int]]]] = {}
        bases = {r[0] for r in self.critical.rows}
        grouped: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self.critical.rows:
            grouped[row[1]].append(row)
        for param, rows in grouped.items():
            groups, counts = {}, {}
            for base, _, rule, _unit, *_rest in rows:
                name = rule if len(bases) == 1 else f"{rule} ({base})"
                groups[name] = self.values.get((base, param, rule), [])
                counts[name] = (int(_rest[3]), int(_rest[4]))
            out[param] = (groups, rows[0][3] or "", counts)
        return out

    def markdown(self) -> str:
        return f"# Sweep report: {self.source}\n\n" + "\n".join(markdown(t) for t in self.tables())


def build(results: str | Path) -> SweepReport:
    from planeval.sweep.store import connect_results

    con = connect_results(results)
    try:
        return SweepReport(con, str(results))
    finally:
        con.close()


def write_outputs(rep: SweepReport, *, html_out: str | None, md_out: str | None, csv_dir: str | None, latex_out: str | None,
                  inputs: tuple[str, ...] = ()) -> list[str]:
    """Write what was asked (atomically); returns the paths written."""
    from planeval.io import write_atomic

    written = []
    if html_out:
        written.append(str(write_atomic(html_out, rep.html(), inputs=inputs)))
    if md_out:
        written.append(str(write_atomic(md_out, rep.markdown(), inputs=inputs)))
    if latex_out:
        written.append(str(write_atomic(latex_out, "% planeval sweep-report: tables (\\usepackage{booktabs})\n\n"
                                        + "\n".join(latex(t) for t in rep.tables()), inputs=inputs)))
    if csv_dir:
        for t in rep.tables():
            written.append(str(write_atomic(Path(csv_dir) / f"{t.name}.csv", csv_text(t), inputs=inputs)))
    return written
