"""Small pieces shared by the HTML report's modules: escaping, status badges and number formats."""

from __future__ import annotations

from html import escape
from typing import Any

from planeval.report.fmt import decimal, margin, number
from planeval.report.i18n import t

__all__ = ["STATUS_LABEL", "e", "badge", "status_label", "status_of", "fmt_value", "fmt_margin", "pct", "m2", "kpis"]

STATUS_LABEL = {
    "pass": "Pass",
    "fail": "Fail",
    "needs_review": "Review",
    "not_applicable": "N/A",
    "error": "Error",
    "accepted": "Accepted",
}


def e(value: Any) -> str:
    """Escape any value for HTML text and (double-quoted) attributes."""
    return escape("" if value is None else str(value), quote=True)


def status_label(status: str, lang: str = "en") -> str:
    """A status as the reports name it: "Fail", "Ikke oppfylt"."""
    return t(lang, f"status.{status}") if status in STATUS_LABEL else status


def badge(status: str, extra: str = "", lang: str = "en") -> str:
    """A status badge (``st-<status>``), e.g. "Fail" or, with ``extra``, "Fail 3"."""
    return f'<span class="badge st-{e(status)}">{e(status_label(status, lang))}{e(extra)}</span>'


def status_of(fd: dict[str, Any]) -> str:
    """A finding dict's status as shown: ``accepted`` when a baseline accepted it."""
    return "accepted" if fd.get("accepted") else fd["status"]


def fmt_value(v: Any, unit: str, lang: str = "en") -> str:
    return number(v, unit, lang=lang)


def fmt_margin(v: Any, unit: str, lang: str = "en") -> str:
    return margin(v, unit, with_unit=False, lang=lang)


def pct(v: Any) -> str:
    return "—" if v is None else f"{v * 100:.0f} %"


def m2(v: Any, lang: str = "en") -> str:
    return "—" if v is None else decimal(f"{v:.2f}", lang) + " m²"


def kpis(items: list[tuple[str, Any]]) -> str:
    """Key figures as ``<div class="kpi">`` boxes (label, value)."""
    return "".join(f'<div class="kpi"><span class="k">{e(k)}</span><span class="v">{e(v)}</span></div>' for k, v in items)
