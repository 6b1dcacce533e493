"""Adding a rule touches four places (docs/architecture.md, "Adding a rule"); this keeps them in step."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from planeval.checks import BY_CODE, CHECKS, Phase, spec_for
from planeval.checks.base import RuleSpec
from planeval.findings import ZoneKind
from planeval.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
HEADINGS = ("What it checks", "Why", "Parameters", "Passes / Fails")


@pytest.mark.parametrize("name", list(CHECKS))
def test_check_module_shape(name):
    m = CHECKS[name]
    doc = m.__doc__ or ""
    for h in HEADINGS:
        assert h in doc, f"{name}: docstring lacks '{h}'"
    spec = m.SPEC
    assert isinstance(spec, RuleSpec) and spec.name == name
    assert all(re.fullmatch(r"[A-Z]{2}\d{2}", c) for c in spec.codes)
    assert all(isinstance(z, ZoneKind) for z in spec.zone_kinds)
    entry = "check" if spec.phase is Phase.PLAN else "aggregate"
    assert callable(getattr(m, entry, None)), f"{name}: phase {spec.phase} needs {entry}()"
    assert not hasattr(m, "CODE") and not hasattr(m, "NAME"), "the SPEC is the one place for code and name"
    params = m.Params
    assert dataclasses.is_dataclass(params) and params.__dataclass_params__.frozen
    for f in dataclasses.fields(params):
        assert f.default is dataclasses.MISSING, f"{name}.{f.name}: thresholds have no defaults in code"


def test_every_rule_is_configured_in_tek17():
    rs = load_ruleset("tek17")
    assert set(rs.rules) == set(CHECKS)


def test_codes_are_unique():
    codes = [c for m in CHECKS.values() for c in m.SPEC.codes]
    assert len(codes) == len(set(codes)) == len(BY_CODE)


def test_sub_codes_resolve_to_their_rule():
    assert spec_for("DW03").name == "door-clear-width"
    assert spec_for("ba03").name == "wc-clearance"
    assert spec_for("turning-space").code == "TS01"
    assert spec_for("XX99") is None


@pytest.mark.parametrize("name", [n for n in CHECKS])
def test_every_check_has_tests(name):
    module_file = Path(CHECKS[name].__file__).stem
    candidates = [
        ROOT / "tests" / "checks" / f"test_{module_file}.py",
        ROOT / "tests" / "checks" / f"test_{name.replace('-', '_')}.py",
    ]
    assert any(p.exists() for p in candidates), f"no tests/checks/test_{module_file}.py"


@pytest.mark.parametrize("name", list(CHECKS))
def test_every_param_has_a_one_line_doc(name):
    for f in dataclasses.fields(CHECKS[name].Params):
        doc = f.metadata.get("doc", "")
        assert isinstance(doc, str) and doc.strip(), f"{name}.{f.name}: no doc (use base.param)"
        assert len(doc) <= 120 and "\n" not in doc, f"{name}.{f.name}: the doc is one line of at most 120 characters"
