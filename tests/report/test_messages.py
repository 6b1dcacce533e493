"""Every message a check can say has a key, the same English template in ``en.toml`` and a Norwegian one in ``nb.toml``.

The keys and templates are read from the source (every ``say("key", "template", …)`` call), so a
message no sample produces is covered too; the samples then show that nb output holds none of the
English message words.
"""

from __future__ import annotations

import ast
import re
import string
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from planeval.checks import SPECS
from planeval.report.html import write_html
from planeval.report.i18n import catalogue
from planeval.report.markdown import write_markdown
from planeval.report.messages import CONVERSIONS
from planeval.report.text import report_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sampleplans import NAMES, sample_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "planeval").rglob("*.py"))


def said() -> dict[str, tuple[str, str]]:
    """``{key: (English template, where)}`` of every ``say(...)`` call in planeval."""
    return {k: (tpl, where) for k, (tpl, where, _) in _calls().items()}


def _calls() -> dict[str, tuple[str, str, set[str] | None]]:
    """``{key: (English template, where, the values the calls name — None when one spreads a dict)}``."""
    out: dict[str, tuple[str, str, set[str] | None]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "say"):
                continue
            if len(node.args) < 2 or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2]):
                continue
            key, template = node.args[0].value, node.args[1].value  # type: ignore[attr-defined]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if key in out and out[key][0] != template:
                raise AssertionError(f"{key}: two English templates ({out[key][1]}, {where})")
            names = None if any(k.arg is None for k in node.keywords) else {str(k.arg) for k in node.keywords}
            if key in out:
                names = None if out[key][2] is None or names is None else out[key][2] & names
            out[key] = (template, where, names)
    return out


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_both_texts_and_en_is_the_checks_own():
    keys = said()
    assert len(keys) > 80
    en, nb = catalogue("en"), catalogue("nb")
    missing = [f"{k} ({w})" for k, (_, w) in keys.items() if f"msg.{k}" not in en or f"msg.{k}" not in nb]
    assert not missing, "messages without a catalogue text:\n" + "\n".join(missing)
    differ = [f"{k} ({w}): check {tpl!r} / en.toml {en[f'msg.{k}']!r}" for k, (tpl, w) in keys.items() if en[f"msg.{k}"] != tpl]
    assert not differ, "en.toml must hold the checks' own English:\n" + "\n".join(differ)
    unused = sorted(k for k in en if k.startswith("msg.") and k[4:] not in keys)
    assert not unused, f"catalogue texts no check says: {unused}"


def test_nb_names_only_values_the_check_gives():
    """The nb text names the English text's values or others the call gives by name (a call that spreads a
    dict is checked on the samples: a missing value would leave the English text there)."""
    nb = catalogue("nb")
    bad = [k for k, (tpl, _, names) in _calls().items() if names is not None and fields(nb[f"msg.{k}"]) - fields(tpl) - names]
    assert not bad, f"nb templates naming values the check does not give: {bad}"
    assert len([k for k, (_, _, names) in _calls().items() if names is not None]) > 100


def test_conversions_are_known():
    nb = catalogue("nb")
    used = {conv for k in said() for _, _, _, conv in string.Formatter().parse(nb[f"msg.{k}"]) if conv}
    assert used <= set(CONVERSIONS) | {"r", "s"}


@pytest.mark.parametrize("folder", ["checks"])
def test_every_result_of_a_check_says_its_message(folder):
    """A ``Result(...)`` in a check, and a ``replace(...)`` that changes a message, carries ``msg=``."""
    bad = []
    for path in sorted((ROOT / "planeval" / folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            kw = {k.arg for k in node.keywords}
            if (name == "Result" or (name == "replace" and "message" in kw)) and "msg" not in kw:
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "results without a message key:\n" + "\n".join(bad)


WORD = re.compile(r"[A-Za-z]{4,}")
#: English words of the templates that are Norwegian words too (not a sign of an untranslated message)
SHARED = {"side", "plan", "sofa", "over", "sportsbod"}


RULE_NAMES = re.compile(r"(?<![\w-])(" + "|".join(sorted(SPECS, key=len, reverse=True)) + r")(?![\w-])")


def english_words() -> set[str]:
    """The lower-case words of every English template (outside its fields)."""
    return {w for tpl, _ in said().values() for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", tpl)) if w.islower()} - SHARED


class _Visible(HTMLParser):
    """The text a reader sees in an HTML report (and its hover titles): not its scripts and styles, nor texts that
    are not the checks' messages — the rule sets' own (``source`` clauses and parameters, data of rules/*.toml), the
    area definitions (``scoring``'s) and the reader's diagnostics, which stay as written."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "col", "path", "circle", "rect", "line", "polyline", "polygon"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag not in self.VOID:
            self.stack.append(tag in ("script", "style") or bool(classes & {"ruleset", "src", "defs", "diag"}))
        if not any(self.stack):
            self.parts += [v for k, v in attrs if k in ("title", "aria-label") and v]

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.parts.append(data)


def visible(html: str) -> str:
    p = _Visible()
    p.feed(html)
    return " ".join(p.parts)


@pytest.mark.parametrize("rules", ["tek17", "husbanken-omsorg"])
def test_nb_output_of_every_sample_holds_no_english_message_word(rules):
    """Console, Markdown and HTML in nb of every sample: none of the checks' English words is left."""
    words = english_words()
    assert {"door", "clear", "width", "free", "passage", "largest", "circle"} <= words
    found: dict[str, set[str]] = {}
    for name in NAMES:
        rep = sample_report(name, rules)
        context = {"lang": "nb"}
        console = report_text(rep, color=False, verbose=True, lang="nb").split("\n", 1)[1]  # below the file's path
        outputs = {"console": console, "md": write_markdown([rep], context),
                   "html": visible(write_html([rep], context))}
        for kind, text in outputs.items():
            text = RULE_NAMES.sub(" ", text.replace(name, " "))  # rule names (turning-space, guards) and the file's are names
            hit = {w for w in re.findall(r"[A-Za-z]{4,}", text) if w in words}
            if hit:
                found[f"{name} {kind}"] = hit
    assert not found, found
