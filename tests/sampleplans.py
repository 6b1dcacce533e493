"""The bundled samples, each read and modelled once per test session.

``sample_plan("korttid-40-aia")`` is the plan of ``samples/dxf/korttid-40-aia.dxf`` as
``build_plan(read_drawing(path))`` makes it; the drawing is read and the plan built the first time a
test asks, and every later call (from any test module) gets the same object. Plans are frozen
dataclasses, so sharing them is safe; :func:`sample_report` shares reports the same way (a test that
wants to change a report makes its own with :func:`dataclasses.replace` or ``planeval.api.check``).

Tests import these functions (``from sampleplans import sample_plan``) or take the ``sample_plan``
fixture of ``tests/conftest.py``; CLI tests take ``cli_reads_samples_once``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from planeval.findings import Report
from planeval.model.types import Plan
from planeval.ruleset import RuleSet

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "dxf"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.dxf"))

__all__ = ["ROOT", "SAMPLES", "NAMES", "sample_path", "sample_name", "sample_drawing", "sample_plan", "sample_expected",
           "sample_report", "ruleset", "stats"]

#: how often a sample was read / modelled in this session (the cache is working when every count is 1)
stats: dict[str, int] = {"read": 0, "modelled": 0}


def sample_name(name_or_path: str | Path) -> str:
    """The stem of a bundled sample: ``"korttid-40-aia"``, ``"korttid-40-aia.dxf"`` or its path."""
    p = Path(name_or_path)
    if p.suffix.lower() == ".dxf":
        if p.is_absolute() and p.resolve().parent != SAMPLES:
            raise ValueError(f"{p} is not a bundled sample (samples/dxf)")
        return p.stem
    return str(name_or_path)


def sample_path(name: str | Path) -> Path:
    path = SAMPLES / f"{sample_name(name)}.dxf"
    if not path.is_file():
        raise FileNotFoundError(f"no sample {name!r} in {SAMPLES} (have: {', '.join(NAMES)})")
    return path


@cache
def _drawing(name: str) -> Any:
    from planeval.read import read_drawing

    stats["read"] += 1
    return read_drawing(sample_path(name))


@cache
def _plan(name: str) -> Plan:
    from planeval.model import build_plan

    stats["modelled"] += 1
    return build_plan(_drawing(name))


def sample_drawing(name: str | Path) -> Any:
    """The :class:`planeval.read.Drawing` of a sample (read once per session)."""
    return _drawing(sample_name(name))


def sample_plan(name: str | Path) -> Plan:
    """The plan model of a sample (read and modelled once per session)."""
    return _plan(sample_name(name))


@cache
def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


def sample_expected(name: str | Path) -> dict[str, Any]:
    """The generator's truth for a sample (``<name>.expected.json``). Do not modify it."""
    return _expected(sample_name(name))


@cache
def ruleset(name: str) -> RuleSet:
    """A bundled rule set, loaded once."""
    from planeval.ruleset import load_ruleset

    return load_ruleset(name)


@cache
def _report(name: str, rules: str) -> Report:
    from planeval.api import check

    return check(_plan(name), ruleset(rules))


def sample_report(name: str | Path, rules: str = "tek17") -> Report:
    """A sample judged by a bundled rule set, with its area block (``planeval.api.check``), once per session."""
    return _report(sample_name(name), rules)
