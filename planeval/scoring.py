"""Area metrics (filled in by the scoring work; see issue 4)."""

from __future__ import annotations

from typing import Any


def area_metrics(plan: Any, findings: Any = None, ruleset: Any = None) -> dict[str, Any]:
    return {}
