"""The reports' texts in Norwegian and English: one catalogue per language with the same keys and fields,
every key the code looks up present, every finding code with a term, numbers with a decimal comma in
Norwegian, the language from the rule set unless --lang says otherwise, and the JSON language-neutral."""

from __future__ import annotations

import json
import re
import string
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planeval.checks import BY_CODE  # noqa: E402
from planeval.cli import main  # noqa: E402
from planeval.errors import InputError  # noqa: E402
from planeval.report import writer  # noqa: E402
from planeval.report.fmt import margin, number, quantity  # noqa: E402
from planeval.report.i18n import LANGS, catalogue, lang_for, t  # noqa: E402
from planeval.ruleset import load_ruleset  # noqa: E402
from sampleplans import sample_report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dxf" / "korttid-40-aia.dxf"


def _fields(text: str) -> set[str]:
    """The fields a text names (a plural choice ``{n|one|many}`` names ``n``)."""
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_both_languages_with_the_same_fields():
    nb, en = catalogue("nb"), catalogue("en")
    assert set(nb) == set(en), sorted(set(nb) ^ set(en))
    for key in nb:
        if key.startswith("msg."):  # a message's nb text may name other values the check gives (tests/report/test_messages.py)
            continue
        assert _fields(nb[key]) == _fields(en[key]), key
    assert len(nb) > 250


def test_every_key_the_code_looks_up_exists():
    pattern = re.compile(r"""\bt\(\s*[a-z_\[\]"']+,\s*(?:f?)["']([a-z_]+\.[A-Za-z0-9_\-]+)["']""")
    used = set()
    for path in (ROOT / "planeval").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100
    missing = sorted(k for k in used if not k.endswith(("_", ".")) and k not in catalogue("en"))
    assert missing == []


def test_every_finding_code_has_a_term_in_both_languages():
    for code in BY_CODE:
        for lang in LANGS:
            assert f"code.{code}" in catalogue(lang), f"{lang}.toml [code] lacks {code}"
    assert t("nb", "code.TS01") == "snuareal" and t("nb", "code.PA01") == "fri passasje"
    assert t("nb", "code.DW01") == "fri bredde i dør" and t("nb", "code.DS01") == "sideareal ved dør"
    assert t("nb", "code.ST01") == "bod" and t("nb", "code.AR02") == "andel tilgjengelige boenheter"


def test_norwegian_numbers_take_a_decimal_comma():
    assert number(2.5, "m²", lang="nb") == "2,50" and number(2.5, "m²") == "2.50"
    assert quantity(0.58, "", lang="nb") == "0,58" and quantity(1500, "mm", lang="nb") == "1500 mm"
    assert margin(-0.25, "m²", lang="nb") == "−0,25 m²"
    assert number(True, "", lang="nb") == "ja"


def test_the_rule_set_names_the_language():
    assert load_ruleset("tek17").lang == "nb"
    assert load_ruleset("trial-doors-800").lang == "nb"  # inherited along 'extends'
    assert load_ruleset("ada-2010").lang == "en" and load_ruleset("uk-m4-3").lang == "en"
    assert lang_for([load_ruleset("tek17")]) == "nb" and lang_for([load_ruleset("tek17")], "en") == "en"
    assert lang_for([]) == "en"


def test_a_wrong_lang_in_a_rule_set_is_an_input_error(tmp_path):
    f = tmp_path / "x.toml"
    f.write_text('name = "x"\nextends = "tek17"\nlang = "de"\n', encoding="utf-8")
    with pytest.raises(InputError, match="lang: expected one of 'nb', 'en', got 'de'"):
        load_ruleset(str(f))


def test_reports_in_norwegian_and_json_neutral():
    report = sample_report("korttid-40-aia", "tek17")
    html = writer("html")([report], {"lang": "nb"})
    assert '<html lang="nb">' in html and "Kontroll av universell utforming" in html
    assert "Ikke oppfylt" in html and "fri bredde i dør 660 mm &lt; 760 mm" in html and "Forslag:" in html
    assert "Universal-design check" not in html and ">Findings<" not in html
    md = writer("md")([report], {"lang": "nb"})
    assert md.startswith("## planeval-kontroll") and "ikke oppfylt" in md and "Netto m²" in md and "42,17" in md
    en = writer("md")([report], {"lang": "en"})
    assert "42.17" in en and "failing" in en
    assert writer("json")([report], {"lang": "nb"}) == writer("json")([report], {"lang": "en"})


def test_cli_lang_defaults_to_the_rule_set_and_can_be_overridden(tmp_path):
    runner = CliRunner()
    nb = runner.invoke(main, ["check", str(SAMPLE), "--rules", "tek17", "--no-color"])
    assert nb.exit_code == 1, nb.output
    assert "AVVIK" in nb.output and "fri bredde i dør" in nb.output and "42,2 m² netto" in nb.output
    assert "→ forslag: en M9-dør gir 760 mm fri bredde" in nb.output
    en = runner.invoke(main, ["check", str(SAMPLE), "--rules", "tek17", "--lang", "en", "--no-color"])
    assert "FAIL" in en.output and "42.2 m² net" in en.output and "→ hint: an M9 door gives 760 mm clear" in en.output
    ada = runner.invoke(main, ["check", str(SAMPLE), "--rules", "ada-2010", "--no-color"])
    assert "AVVIK" not in ada.output and " pass, " in ada.output
    out = tmp_path / "r.json"
    runner.invoke(main, ["check", str(SAMPLE), "--rules", "tek17", "--json", str(out)])
    assert "hint" in json.dumps(json.loads(out.read_text(encoding="utf-8")))


def test_a_count_of_one_takes_the_singular():
    assert t("nb", "area.text_all", units=1, net="30,0", mix="").startswith("alle planer: 1 boenhet,")
    assert t("nb", "area.text_all", units=3, net="90,0", mix="").startswith("alle planer: 3 boenheter,")
    assert t("en", "md.building_line", plans=1, units=1, net="1", bra="1", mix="").startswith("1 plan, 1 unit,")
