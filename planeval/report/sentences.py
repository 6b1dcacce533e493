"""What a finding says in the report's language, built from its numbers: "fri bredde i dør 660 mm < 760 mm".

The checks write their ``message`` in English with every detail (which door was open, the
bottleneck…); the reports in Norwegian lead with this sentence — the regulation's term for the
code, measured against required with the relation that decided it — and show the check's message as
the detail. Hints are rendered here too (:func:`hint_text`), from the language-neutral
:class:`~planeval.findings.Hint` (or its JSON dict).

>>> finding_sentence("nb", "DW01", "fail", 660, 760, "mm", ">=", {})
'fri bredde i dør 660 mm < 760 mm'
>>> finding_sentence("en", "TS01", "pass", 2679, 1500, "mm", ">=", {})
'turning space Ø2679 mm ≥ Ø1500 mm'
>>> hint_text("nb", "door-leaf", {"leaf_m": 0.9, "clear_mm": 835, "now_mm": 735, "grow_mm": 100})
'et dørblad på 0,9 m gir 835 mm fri bredde (nå 735 mm; åpningen blir 100 mm bredere)'
"""

from __future__ import annotations

from typing import Any

from planeval.checks import spec_for
from planeval.findings import Sense, sign
from planeval.report.fmt import decimal, quantity
from planeval.report.i18n import has, t, term

__all__ = ["is_diameter", "relation", "value_text", "finding_sentence", "hint_text", "hint_of", "subject_text"]


def is_diameter(code: str, unit: str, details: dict[str, Any] | None) -> bool:
    """Is a finding's measured value the diameter of a circle (written with "Ø")? As
    :func:`planeval.report.overlays.measures_diameter`, for the finding's fields (or its JSON dict)."""
    if unit != "mm":
        return False
    spec = spec_for(code)
    if spec is not None and spec.measured == "diameter":
        return True
    return "center" in (details or {})


def relation(status: str, sense: str, measured: Any = None, required: Any = None, unit: str = "mm") -> str:
    """The sign that decided: ``≥``/``<`` for at-least rules, ``≤``/``>`` for at-most rules, and ``≈``
    for a pass that holds only within the rule's drawing tolerance (697 mm passing 700 mm with 5 mm
    allowed): the sentence never says "697 mm ≥ 700 mm". The wrong side is judged at the precision the
    reports write ``unit`` in (:func:`planeval.findings.decimals`), as the checks' own messages judge it.

    >>> relation("pass", ">=", 697, 700), relation("pass", ">=", 700, 700), relation("fail", "<=", 30, 25)
    ('≈', '≥', '>')
    """
    def number(v: Any) -> float | None:
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

    return sign(status == "pass", number(measured), number(required), Sense.AT_MOST if sense == "<=" else Sense.AT_LEAST,
                unit)


def value_text(v: Any, unit: str, lang: str, diameter: bool = False) -> str:
    """``660 mm``, ``Ø1500 mm``, ``2,50 m²`` (nb)."""
    text = quantity(v, unit, lang=lang)
    return ("Ø" + text) if diameter and isinstance(v, (int, float)) else text


def finding_sentence(lang: str, code: str, status: str, measured: Any, required: Any, unit: str, sense: str,
                     details: dict[str, Any] | None, fallback: str = "", with_term: bool = True) -> str:
    """The finding as one sentence of ``lang``: term, measured, relation, required (or what is to be checked);
    without the term (``with_term=False``) where a column names it already.

    >>> finding_sentence("nb", "DW02", "needs_review", None, 25, "mm", "<=", {}, with_term=False)
    'må kontrolleres (krav ≤ 25 mm)'
    """
    name = term(lang, code, fallback) if with_term else ""
    dia = is_diameter(code, unit, details)
    req = value_text(required, unit, lang, dia)
    if status == "needs_review":
        if required is None:
            text = t(lang, "finding.review", term=name)
        else:
            text = t(lang, "finding.review_required", term=name, rel=relation("pass", sense), required=req)
    elif status == "not_applicable":
        text = t(lang, "finding.not_applicable", term=name)
    elif status == "error":
        text = t(lang, "finding.error", term=name)
    elif measured is None or required is None:
        text = name
    elif sense == "present":
        text = t(lang, "finding.present", term=name, measured=value_text(measured, unit, lang), required=req)
    else:
        text = t(lang, "finding.compare", term=name, measured=value_text(measured, unit, lang, dia),
                 rel=relation(status, sense, measured, required, unit), required=req)
    return text if with_term else text.lstrip(": ")


def _value(key: str, v: Any, lang: str) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if key.endswith("_mm"):
            return f"{v:.0f}"
        if key.endswith("_m2"):
            return decimal(f"{v:.2f}", lang)
        if key.endswith("_m"):
            return decimal(f"{v:.3f}".rstrip("0").rstrip("."), lang)
        return decimal(f"{v:g}", lang)
    text = str(v)
    if key == "limit" and has(lang, f"the.{text}"):
        return t(lang, f"the.{text}")
    if key in ("side", "face") and has(lang, f"word.{text}"):
        return t(lang, f"word.{text}")
    return text


def hint_text(lang: str, kind: str, values: dict[str, Any]) -> str:
    """A hint in ``lang``: the catalogue's ``hint.<kind>`` with its values written out."""
    if not has(lang, f"hint.{kind}"):
        return ""
    fields = {k: _value(k, v, lang) for k, v in values.items()}
    try:
        return t(lang, f"hint.{kind}", **fields)
    except (KeyError, IndexError):  # a value the text names is missing: say nothing rather than half
        return ""


def hint_of(fd: dict[str, Any], lang: str) -> str:
    """The hint of a finding dict (JSON ``hint``), rendered in ``lang``; "" without one."""
    h = fd.get("hint")
    if not isinstance(h, dict):
        return ""
    return hint_text(lang, str(h.get("kind", "")), dict(h.get("values") or {}))


def subject_text(lang: str, subject: str, name: str) -> str:
    """``D4 dør BAD – ENTRÉ`` from the subject id and the JSON ``subject_name`` ("door BAD – ENTRÉ", "door outside – ENTRÉ").

    >>> subject_text("nb", "D5", "door outside – ENTRÉ")
    'D5 dør ute – ENTRÉ'
    """
    if name.startswith("door "):
        rooms = [t(lang, "word.outside") if x == "outside" else x for x in name[5:].split(" – ")]
        name = t(lang, "word.door") + " " + " – ".join(rooms)
    return subject if not name or name == subject else f"{subject} {name}"
