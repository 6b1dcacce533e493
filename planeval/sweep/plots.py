"""The sweep report's plots, drawn with matplotlib (Agg) and returned as inline SVG markup.

matplotlib is in the ``sweep`` extra (``pip install 'planeval[sweep]'``); without it the report
says so in one line (exit 2) instead of failing half-way.
"""

from __future__ import annotations

import io
import re
from typing import Any

from planeval.errors import InputError
from planeval.sweep.analysis import Table

__all__ = ["pyplot", "pass_rate_plot", "units_plot", "critical_plot"]

WIDTH_IN = 7.5
#: one colour per rule (in the order of planeval.checks), one line style per base rule set
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
           "#000000", "#6b8fd6", "#98a33a", "#f28e9b")
STYLES = ("-", "--", ":", "-.")


def colour(rule: str) -> str:
    from planeval.checks import CHECKS

    names = list(CHECKS)
    return PALETTE[names.index(rule) % len(PALETTE)] if rule in names else "#333333"


def pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise InputError("sweep-report draws its plots with matplotlib: pip install 'planeval[sweep]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                         "svg.hashsalt": "planeval"})
    return plt


def _svg(fig: Any, tag: str) -> str:
    """The figure as inline SVG: no XML prolog, ids prefixed with ``tag`` (several SVGs share one page)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    pyplot().close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    tag = re.sub(r"[^A-Za-z0-9]+", "-", tag).strip("-")
    text = re.sub(r'\bid="([^"]+)"', rf'id="{tag}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{tag}-\1)', text)
    return re.sub(r'href="#([^"]+)"', rf'href="#{tag}-\1"', text)


def pass_rate_plot(key: str, t: Table) -> str:
    """Pass rate of each rule (one line per base rule set and rule) against the parameter's value."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.4))
    series: dict[tuple[str, str], list[tuple[Any, float]]] = {}
    for base, rule, value, _, _, rate in t.rows:
        if rate is not None:
            series.setdefault((base, rule), []).append((value, rate))
    bases = sorted({b for b, _ in series})
    for (base, rule), pts in sorted(series.items()):
        xs, ys = zip(*pts, strict=True)
        numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in xs)
        xs_plot = list(xs) if numeric else [str(x) for x in xs]
        name = rule if len(bases) == 1 else f"{rule} ({base})"
        ax.plot(xs_plot, [100 * y for y in ys], marker="o", markersize=3.5, linewidth=1.6, label=name, color=colour(rule),
                linestyle=STYLES[bases.index(base) % len(STYLES)])
    ax.set_xlabel(key)
    ax.set_ylabel("findings passing (%)")
    ax.set_ylim(-3, 103)
    ax.grid(True, alpha=0.3)
    if series:
        ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    ax.set_title(f"Pass rate per rule against {key}", fontsize=11, loc="left")
    return _svg(fig, f"pass-{key}")


def units_plot(t: Table, limit: int = 60) -> str:
    """Units passing (and accessible) per variant, as horizontal bars: one panel per base rule set."""
    plt = pyplot()
    rows = list(t.rows)[:limit]
    bases = list(dict.fromkeys(r[0] for r in rows))
    sizes = [sum(1 for r in rows if r[0] == b) for b in bases]
    fig, axs = plt.subplots(len(bases), 1, figsize=(WIDTH_IN, 0.26 * len(rows) + 1.0 * len(bases) + 0.6), sharex=True,
                            gridspec_kw={"height_ratios": sizes}, squeeze=False)
    for ax, base in zip(axs[:, 0], bases, strict=True):
        mine = [r for r in rows if r[0] == base]
        ys = list(range(len(mine)))[::-1]
        ax.barh(ys, [r[4] for r in mine], color="#dde3ea", label="units")
        ax.barh(ys, [r[5] for r in mine], color="#3b7dd8", height=0.55, label="passing (no failing error finding)")
        ax.scatter([r[6] if r[6] is not None else 0 for r in mine], ys, color="#d9822b", marker="D", s=18, zorder=3,
                   label="accessible (TEK17 tilgjengelig boenhet)")
        ax.set_yticks(ys, [short(r[1]) for r in mine], fontsize=8)
        ax.set_title(base, fontsize=10, loc="left")
        ax.grid(True, axis="x", alpha=0.3)
    axs[-1, 0].set_xlabel("dwelling units (all plans)")
    handles, labels = axs[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3)
    fig.tight_layout()
    return _svg(fig, "units")


def short(variant_label: str) -> str:
    """"turning-space.diameter_mm=1300, …" -> "diameter_mm=1300, …" (the rule is in the section heading)."""
    return ", ".join(part.split(".", 1)[-1] for part in variant_label.split(", "))


def critical_plot(param: str, groups: dict[str, list[float]], unit: str, counts: dict[str, tuple[int, int]]) -> str:
    """Histogram of critical values of one parameter, one colour per rule (or base): how many
    subjects would still pass at each value; the legend counts those passing / failing whatever."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.2))
    values = [v for vs in groups.values() for v in vs]
    if values:
        lo, hi = min(values), max(values)
        bins = 20 if hi > lo else 1
        names, data, labels = [], [], []
        for name, vs in sorted(groups.items()):
            any_, none = counts.get(name, (0, 0))
            extra = "".join([f", {any_} pass whatever" if any_ else "", f", {none} fail whatever" if none else ""])
            names.append(name)
            data.append(vs)
            labels.append(f"{name}: {len(vs)} thresholds{extra}")
        rules = [n.split(" (")[0] for n in names]
        distinct = len(set(rules)) == len(rules)
        colours = [colour(r) if distinct else PALETTE[i % len(PALETTE)] for i, r in enumerate(rules)]
        # side by side per bin: groups with the same values stay visible
        ax.hist(data, bins=bins, range=(lo, hi) if hi > lo else (lo - 0.5, lo + 0.5), label=labels, color=colours)
        ax.legend(fontsize=8, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    else:
        ax.text(0.5, 0.5, "no subject flips: all pass or fail whatever the value", ha="center", va="center",
                transform=ax.transAxes)
    ax.set_xlabel(f"{param} at which the verdict flips ({unit})" if unit else f"{param} at which the verdict flips")
    ax.set_ylabel("subjects (rooms, doors, units)")
    ax.grid(True, alpha=0.3)
    return _svg(fig, f"critical-{param}")
