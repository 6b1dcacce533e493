"""Numbers as every report writes them: mm whole, m² with two decimals, the rest as short as exact.

``lang="nb"`` writes the decimal comma Norwegian usage wants (``2,50 m²``) and yes/no as ja/nei; the
JSON report never goes through here (it keeps numbers as numbers).
"""

from __future__ import annotations

from typing import Any

__all__ = ["decimal", "number", "quantity", "margin", "percent"]


def decimal(text: str, lang: str = "en") -> str:
    """A number already formatted with a point, in ``lang``'s notation.

    >>> decimal("2.50", "nb"), decimal("2.50", "en")
    ('2,50', '2.50')
    """
    return text.replace(".", ",") if lang == "nb" else text


def number(v: Any, unit: str, missing: str = "—", lang: str = "en") -> str:
    """The value alone: ``660`` (mm), ``2.50`` (m²), ``0.5``; booleans as yes/no.

    >>> number(659.6, "mm"), number(2.5, "m²"), number(0.25, ""), number(None, "mm"), number(2.5, "m²", lang="nb")
    ('660', '2.50', '0.25', '—', '2,50')
    """
    if v is None:
        return missing
    if isinstance(v, bool):
        return ("ja" if v else "nei") if lang == "nb" else ("yes" if v else "no")
    if isinstance(v, (int, float)):
        if unit == "mm":
            return f"{v:.0f}"
        if unit == "m²":
            return decimal(f"{v:.2f}", lang)
        return decimal(f"{v:g}", lang)
    return str(v)


def quantity(v: Any, unit: str, missing: str = "—", lang: str = "en") -> str:
    """The value with its unit: ``660 mm``.

    >>> quantity(660, "mm"), quantity(4, ""), quantity(3.1, "m²", lang="nb")
    ('660 mm', '4', '3,10 m²')
    """
    if v is None:
        return missing
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return f"{number(v, unit, lang=lang)} {unit}".strip()
    return number(v, unit, lang=lang)


def margin(v: Any, unit: str, missing: str = "—", with_unit: bool = True, lang: str = "en") -> str:
    """A signed margin: ``+100 mm``, ``−41 mm``, ``±0 mm``.

    >>> margin(-41, "mm"), margin(0, "mm", with_unit=False), margin(-0.25, "m²", lang="nb")
    ('−41 mm', '±0', '−0,25 m²')
    """
    if v is None:
        return missing
    sign = "+" if v > 0 else ("−" if v < 0 else "±")
    return sign + (quantity(abs(v), unit, lang=lang) if with_unit else number(abs(v), unit, lang=lang))


def percent(share: Any, lang: str = "en", missing: str = "—") -> str:
    """A share (0..1) as a whole percentage with the space both languages put before ``%``.

    >>> percent(0.583), percent(None)
    ('58 %', '—')
    """
    return missing if share is None else f"{share * 100:.0f} %"
