from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "dxf"
REALPLANS = Path(os.environ.get("PLANEVAL_REALPLANS", ROOT.parent / "shared" / "realplans"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def realplans() -> Path:
    if not REALPLANS.is_dir():
        pytest.skip(f"real exports not available ({REALPLANS})")
    return REALPLANS
