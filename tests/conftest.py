from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sampleplans import SAMPLES
from sampleplans import sample_plan as _sample_plan

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = Path(os.environ.get("PLANEVAL_REALPLANS", ROOT.parent / "shared" / "realplans"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def sample_plan() -> Callable[[str], Any]:
    """``sample_plan(name)``: the plan of a bundled sample, read and modelled once per session
    (see ``tests/sampleplans.py``, which test modules may also import directly)."""
    return _sample_plan


@pytest.fixture
def cli_reads_samples_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI loads bundled samples (without --profile/--units/--encoding) from the session's plan
    cache instead of reading them again; any other file it reads as usual."""
    import planeval.cli.common

    original = planeval.cli.common.load_plan

    def load_plan(path: str, profile: str | None, units: str | None, encoding: str | None) -> Any:
        p = Path(path)
        if profile is None and units is None and encoding is None and p.suffix == ".dxf" and p.resolve().parent == SAMPLES:
            return _sample_plan(p.stem)
        return original(path, profile, units, encoding)

    monkeypatch.setattr(planeval.cli.common, "load_plan", load_plan)


@pytest.fixture
def realplans() -> Path:
    if not REALPLANS.is_dir():
        pytest.skip(f"real exports not available ({REALPLANS})")
    return REALPLANS
