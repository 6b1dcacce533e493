"""Numbers as every report writes them: mm whole, m² with two decimals, the rest as short as exact."""

from __future__ import annotations

from typing import Any


def number(v: Any, unit: str, missing: str = "—") -> str:
    """The value alone: ``660`` (mm), ``2.50`` (m²), ``0.5``; booleans as yes/no.

    >>> number(659.6, "mm"), number(2.5, "m²"), number(0.25, ""), number(None, "mm")
    ('660', '2.50', '0.25', '—')
    """
    if v is None:
        return missing
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        if unit == "mm":
            return f"{v:.0f}"
        if unit == "m²":
            return f"{v:.2f}"
        return f"{v:g}"
    return str(v)


def quantity(v: Any, unit: str, missing: str = "—") -> str:
    """The value with its unit: ``660 mm``.

    >>> quantity(660, "mm"), quantity(4, "")
    ('660 mm', '4')
    """
    if v is None:
        return missing
    return f"{number(v, unit)} {unit}".strip() if isinstance(v, (int, float)) and not isinstance(v, bool) else number(v, unit)


def margin(v: Any, unit: str, missing: str = "—", with_unit: bool = True) -> str:
    """A signed margin: ``+100 mm``, ``−41 mm``, ``±0 mm``.

    >>> margin(-41, "mm"), margin(0, "mm", with_unit=False)
    ('−41 mm', '±0')
    """
    if v is None:
        return missing
    sign = "+" if v > 0 else ("−" if v < 0 else "±")
    return sign + (quantity(abs(v), unit) if with_unit else number(abs(v), unit))
