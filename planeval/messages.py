"""What a check says, as language-neutral data: a :class:`Message` is a catalogue key and its values.

A check writes each message once, in English, with :func:`say`; the English text is the finding's
``message`` (and the JSON's), the key and values go into the JSON beside it, and the reports render
them in their language from ``planeval/report/i18n/{nb,en}.toml`` (section ``msg``; ``en`` holds the
same templates as the checks, ``tests/test_messages.py`` keeps them equal). A leaf module: it
imports nothing from planeval.

>>> m = say("demo.width", "{role!w} door {width:.0f} mm; {sides:; }", role="entrance", width=859.6,
...         sides=[say("demo.side", "{room} {w:.1f}", room="Bad", w=0.25), say("demo.side", "{room} {w:.1f}", room="Bod", w=1)])
>>> m.text
'entrance door 860 mm; Bad 0.2; Bod 1.0'
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = ["Message", "say", "said_of", "MessageFormatter"]


class MessageFormatter(string.Formatter):
    """``str.format`` for message templates: a nested :class:`Message` is written as its text, a list as
    its items joined by the format spec (``{sides:; }``, default ", "), and the conversions ``!w``
    (a word), ``!f`` (a room function), ``!x`` (a fixture kind), ``!t`` (a fixture in definite form), ``!c``
    (a finding code: its term), ``!d`` (a door's role) name vocabulary the reports translate. This one writes
    English: conversions keep the word as it is.
    """

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in (None, "r", "s", "a"):
            return super().convert_field(value, conversion)
        if isinstance(value, (list, tuple)):
            return [self.word(str(v), conversion) for v in value]
        return self.word(str(value), conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            return self.message(value.key, value.values, value.text)
        if isinstance(value, Mapping) and "key" in value:  # a nested message as JSON gives it
            return self.message(str(value["key"]), dict(value.get("values") or {}), "")
        if isinstance(value, (list, tuple)):
            return (format_spec or ", ").join(self.format_field(v, "") for v in value)
        if isinstance(value, Enum):
            value = value.value
        return self.number(format(value, format_spec)) if isinstance(value, (int, float)) else format(value, format_spec)

    def word(self, value: str, conversion: str) -> str:
        return value

    def number(self, text: str) -> str:
        return text

    def message(self, key: str, values: dict[str, Any], text: str) -> str:
        return text


_ENGLISH = MessageFormatter()


@dataclass(frozen=True)
class Message:
    """What a check says, as language-neutral data: a catalogue key (``msg.<key>`` in ``report/i18n``)
    and the values its text names (numbers, ids, room labels, words, nested messages); ``text`` is the
    English (``Result.message``, the JSON ``message``). Made with :func:`say`.
    """

    key: str
    values: dict[str, Any]
    text: str


def say(key: str, english: str, **values: Any) -> Message:
    """A message: its key, its English template (the same text as ``msg.<key>`` in ``en.toml``;
    ``tests/test_messages.py`` keeps them equal) and its values.

    >>> m = say("DW01.none", "no doors in {n} plans", n=2)
    >>> m.text, m.values
    ('no doors in 2 plans', {'n': 2})
    """
    return Message(key, values, _ENGLISH.format(english, **values))


def said_of(message: str, msg: Message | None) -> Message:
    """A result's message as a :class:`Message` to nest in another (``msg``, or the plain text under key ``text``)."""
    return msg if msg is not None else say("text", "{text}", text=message)
