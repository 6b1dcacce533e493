"""The checks, listed explicitly: the order here is the order of findings in every report.

Adding a rule touches four places: the module here, this list, the rule-set files in ``rules/``,
and ``tests/checks/test_<name>.py`` (``tests/test_conventions.py`` keeps that true).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

MODULES = (
    "turning_space",
    "door_clear_width",
    "door_side_space",
    "passage_width",
    "wheelchair_reachability",
    "wc_clearance",
    "shower_access",
    "bed_placement",
    "kitchen_front_space",
    "storage_area",
    "main_functions",
    "balcony_turning",
    "unit_area",
    "accessible_share",  # last: it reads the other rules' findings
)


def _load() -> dict[str, ModuleType]:
    out: dict[str, ModuleType] = {}
    for name in MODULES:
        module = import_module(f"planeval.checks.{name}")
        out[module.NAME] = module
    return out


_CHECKS: dict[str, ModuleType] | None = None


def __getattr__(name: str) -> object:
    # CHECKS is loaded on first use: the check modules import the engine, which imports this package.
    global _CHECKS
    if name == "CHECKS":
        if _CHECKS is None:
            _CHECKS = _load()
        return _CHECKS
    raise AttributeError(name)
