"""Adding a rule touches four places; this keeps them in step."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from planeval.checks import CHECKS
from planeval.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
HEADINGS = ("What it checks", "Why", "Parameters", "Passes / Fails")


@pytest.mark.parametrize("name", list(CHECKS))
def test_check_module_shape(name):
    m = CHECKS[name]
    doc = m.__doc__ or ""
    for h in HEADINGS:
        assert h in doc, f"{name}: docstring lacks '{h}'"
    assert re.fullmatch(r"[A-Z]{2}\d{2}", m.CODE)
    assert m.NAME == name and callable(getattr(m, "check", None))
    params = m.Params
    assert dataclasses.is_dataclass(params) and params.__dataclass_params__.frozen
    for f in dataclasses.fields(params):
        assert f.default is dataclasses.MISSING, f"{name}.{f.name}: thresholds have no defaults in code"


def test_every_rule_is_configured_in_tek17():
    rs = load_ruleset("tek17")
    assert set(rs.rules) == set(CHECKS)


def test_codes_are_unique():
    codes = [m.CODE for m in CHECKS.values()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("name", [n for n in CHECKS])
def test_every_check_has_tests(name):
    module_file = Path(CHECKS[name].__file__).stem
    candidates = [ROOT / "tests" / "checks" / f"test_{module_file}.py", ROOT / "tests" / "checks" / f"test_{name.replace('-', '_')}.py"]
    assert any(p.exists() for p in candidates), f"no tests/checks/test_{module_file}.py"
