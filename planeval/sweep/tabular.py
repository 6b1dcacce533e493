"""Tables a researcher can paste into a paper: Markdown, CSV, LaTeX (booktabs) and HTML.

>>> t = Table("t", "Pass rate", ("rule", "value", "rate"), (("turning-space", 1400.0, 0.8125),))
>>> print(markdown(t))
### Pass rate
<BLANKLINE>
| rule | value | rate |
|---|---:|---:|
| turning-space | 1400 | 0.8125 |
<BLANKLINE>
>>> print(latex(t).splitlines()[5])
turning-space & 1400 & 0.8125 \\\\
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from planeval.sweep.analysis import Table

__all__ = ["cell", "markdown", "csv_text", "latex", "html_table"]


def cell(v: Any) -> str:
    """One value as text: numbers without noise, empty for missing."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        return f"{v:.4g}" if abs(v) < 1 else f"{v:.6g}"
    return str(v)


def _numeric(t: Table, i: int) -> bool:
    vals = [r[i] for r in t.rows if r[i] is not None]
    return bool(vals) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals)


def markdown(t: Table) -> str:
    align = ["---:" if _numeric(t, i) else "---" for i in range(len(t.columns))]
    lines = [f"### {t.title}", "", "| " + " | ".join(t.columns) + " |", "|" + "|".join(align) + "|"]
    for r in t.rows:
        lines.append("| " + " | ".join(cell(v).replace("|", "\\|") for v in r) + " |")
    if t.note:
        lines += ["", f"*{t.note}*"]
    return "\n".join(lines) + "\n"


def csv_text(t: Table) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(t.columns)
    for r in t.rows:
        w.writerow(["" if v is None else v for v in r])
    return out.getvalue()


_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
          "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "≤": r"$\leq$", "≥": r"$\geq$", "×": r"$\times$", "Ø": r"\O{}",
          "²": r"\textsuperscript{2}"}


def _tex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


def latex(t: Table) -> str:
    """A booktabs ``tabular`` (needs ``\\usepackage{booktabs}``), with the title as a comment."""
    spec = "".join("r" if _numeric(t, i) else "l" for i in range(len(t.columns)))
    head = " & ".join(_tex(c) for c in t.columns) + r" \\"
    body = [" & ".join(_tex(cell(v)) for v in r) + r" \\" for r in t.rows]
    lines = [f"% {t.title}", f"\\begin{{tabular}}{{{spec}}}", "\\toprule", head, "\\midrule", *body, "\\bottomrule",
             "\\end{tabular}"]
    return "\n".join(lines) + "\n"


def html_table(t: Table, limit: int | None = None) -> str:
    rows = t.rows if limit is None else t.rows[:limit]
    num = [_numeric(t, i) for i in range(len(t.columns))]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in t.columns)
    body = "".join("<tr>" + "".join(f"<td class=\"{'n' if num[i] else ''}\">{html.escape(cell(v))}</td>" for i, v in enumerate(r))
                   + "</tr>" for r in rows)
    more = ""
    if len(rows) < len(t.rows):
        more = f"<p class=\"note\">{len(t.rows) - len(rows)} more rows in the CSV/Markdown tables.</p>"
    note = f"<p class=\"note\">{html.escape(t.note)}</p>" if t.note else ""
    return f"<div class=\"wide\"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}{note}"
