"""The reports' fixed texts in Norwegian bokmål (``nb``) and English (``en``), and the one lookup.

The strings live in ``nb.toml`` and ``en.toml`` next to this module (package data); both files hold
the same keys (``tests/test_i18n.py`` keeps that true). A key is ``section.name``; a text may name
fields in braces (``{n} findings``) that :func:`t` fills in. The JSON report stays language-neutral:
only the console, HTML, Markdown and PDF writers look texts up here.

>>> t("nb", "status.fail"), t("en", "status.fail")
('Ikke oppfylt', 'Fail')
>>> t("nb", "html.findings_total", n=3)
'3 funn'
>>> t("nb", "area.text_all", units=1, net="30,0", mix=""), t("en", "area.text_all", units=2, net="60.0", mix="")
('alle planer: 1 boenhet, netto 30,0 m², ', 'all plans: 2 units, net 60.0 m², ')
>>> lang_for([], None), lang_for([], "nb")
('en', 'nb')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["LANGS", "DEFAULT_LANG", "catalogue", "t", "has", "lang_for", "term", "function_name", "fixture_name"]

#: the languages with a catalogue
LANGS = ("nb", "en")
#: the language of a report when neither the caller nor the rule set names one
DEFAULT_LANG = "en"


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every text of ``lang`` as ``{"section.key": text}``."""
    if lang not in LANGS:
        raise ValueError(f"no catalogue for language {lang!r} (known: {', '.join(LANGS)})")
    data = tomllib.loads((files("planeval.report.i18n") / f"{lang}.toml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    _flatten("", data, out)
    return out


def has(lang: str, key: str) -> bool:
    """Does ``lang`` have a text for ``key``?"""
    return key in catalogue(lang if lang in LANGS else DEFAULT_LANG)


def t(lang: str, key: str, **fields: Any) -> str:
    """The text of ``key`` in ``lang`` with ``fields`` filled in (English, then the key itself, when missing)."""
    text = catalogue(lang if lang in LANGS else DEFAULT_LANG).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANG).get(key, key)
    if fields and "|" in text:
        text = _PLURAL.sub(lambda m: m[2] if fields.get(m[1]) == 1 else m[3], text)
    return text.format(**fields) if fields else text


#: ``{units|boenhet|boenheter}``: the first word when the field ``units`` is 1, else the second
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def term(lang: str, code: str, fallback: str = "") -> str:
    """What a finding code checks, in the regulation's words: ``term("nb", "DW01")`` is "fri bredde i dør"."""
    key = f"code.{code}"
    return t(lang, key) if has(lang, key) else (fallback or code)


def function_name(lang: str, function: str) -> str:
    """A room function (``bedroom``) as a word of ``lang`` ("soverom")."""
    key = f"function.{function}"
    return t(lang, key) if has(lang, key) else function


def fixture_name(lang: str, kind: str) -> str:
    """A fixture or furniture kind (``wc``, ``kitchen_counter``) as a word of ``lang`` ("toalett", "kjøkkenbenk")."""
    key = f"fixture.{kind}"
    return t(lang, key) if has(lang, key) else kind.replace("_", " ")


def lang_for(rulesets: Iterable[Any], explicit: str | None = None) -> str:
    """The report language: ``explicit`` when given, else the first rule set's ``lang``, else :data:`DEFAULT_LANG`."""
    if explicit:
        return explicit
    for rs in rulesets:
        lang = getattr(rs, "lang", "")
        if lang in LANGS:
            return str(lang)
    return DEFAULT_LANG
