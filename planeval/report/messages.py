"""The checks' messages in the report's language, from their key and values (``msg.<key>`` in ``i18n``).

A check says each message with :func:`planeval.messages.say`: a key, the English template and the
values. The JSON keeps the English ``message`` and adds ``message_key`` and ``message_values``
(:func:`neutral`: nested messages as ``{"key", "values"}``, numbers as numbers); every writer asks
:func:`message_of` for the text in its language: English is the check's own text, Norwegian the
catalogue's template with the values written out — a decimal comma, words (``!w``), room functions
(``!f``), fixtures (``!x``, ``!t``), a code's term (``!c``), a door's role (``!d``) in Norwegian (each looked up in its
section, then in ``msgword`` and ``word``). A message without a key or without a text in the
catalogue stays in English (``tests/test_messages.py`` keeps every check's keys in both catalogues).

>>> fd = {"message": "entrance door 860 mm", "message_key": "x", "message_values": {}}
>>> message_of(fd, "en")
'entrance door 860 mm'
>>> render("nb", "DW01.width", {"role": "entrance", "width": 859.6, "rel": "≥", "need": 860, "source": "attribute",
...                             "leaf": 925})
'inngangsdør, fri bredde 860 mm ≥ 860 mm (fra attributt, dørblad 925 mm)'
>>> _Localised("nb").format("{share:.0%} av {n}", share=0.583, n=12)
'58\xa0% av 12'
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from planeval.messages import Message, MessageFormatter
from planeval.report.fmt import decimal
from planeval.report.i18n import has, t

__all__ = ["render", "message_of", "result_message", "neutral", "vocab", "CONVERSIONS"]

#: a template's conversion and the catalogue section its word is looked up in
CONVERSIONS = {"w": "msgword", "f": "function", "x": "fixture", "t": "the", "c": "code", "d": "doorrole"}


class _Localised(MessageFormatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def word(self, value: str, conversion: str) -> str:
        keys = (f"{CONVERSIONS.get(conversion, 'msgword')}.{value}", f"msgword.{value}", f"word.{value}")
        return next((t(self.lang, k) for k in keys if has(self.lang, k)), value)

    def number(self, text: str) -> str:
        text = decimal(text, self.lang)
        return text[:-1] + "\u00a0%" if self.lang == "nb" and text.endswith("%") else text  # «58 %» in Norwegian

    def message(self, key: str, values: dict[str, Any], text: str) -> str:
        return render(self.lang, key, values, text)


def vocab(lang: str, value: str, conversion: str = "w") -> str:
    """A word of the checks' vocabulary (a door kind, a width source, a side) in ``lang``: "
      "``vocab("nb", "sliding")`` is "skyvedør"."""
    return value if lang == "en" else _Localised(lang).word(value, conversion)


def render(lang: str, key: str, values: dict[str, Any], fallback: str = "") -> str:
    """The message ``key`` with ``values`` in ``lang`` (``fallback`` when the catalogue has no text for it)."""
    name = f"msg.{key}"
    if not has(lang, name):
        return fallback or key
    try:
        return _Localised(lang).format(t(lang, name), **values)
    except (KeyError, IndexError, ValueError, TypeError):  # a value the text names is missing or of another kind
        return fallback or key


def message_of(fd: dict[str, Any], lang: str) -> str:
    """A finding dict's (JSON) message in ``lang``: the check's English text in English, else the catalogue's."""
    text = str(fd.get("message", ""))
    key = fd.get("message_key")
    if lang == "en" or not key:
        return text
    return render(lang, str(key), dict(fd.get("message_values") or {}), text)


def result_message(lang: str, message: str, msg: Message | None) -> str:
    """A result's message in ``lang`` (the English ``message`` when there is no key)."""
    if lang == "en" or msg is None:
        return message
    return render(lang, msg.key, msg.values, message)


def neutral(value: Any) -> Any:
    """A message's values as JSON: nested messages as ``{"key", "values"}``, floats to 6 decimals.

    >>> neutral({"a": Message("k", {"w": 1 / 3}, ""), "b": ("x", 2)})
    {'a': {'key': 'k', 'values': {'w': 0.333333}}, 'b': ['x', 2]}
    """
    if isinstance(value, Message):
        return {"key": value.key, "values": neutral(value.values)}
    if isinstance(value, dict):
        return {str(k): neutral(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [neutral(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 6)
    return value
