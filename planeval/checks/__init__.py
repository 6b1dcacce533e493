"""The checks, listed explicitly: the order here is the order of findings in every report.

Adding a rule: see ``docs/architecture.md`` ("Adding a rule"). The module declares its ``SPEC``;
this list, the rule-set files in ``rules/`` and ``tests/checks/test_<name>.py`` name it
(``tests/test_conventions.py`` keeps that true). Nothing else — engine, reporters, CLI — names a rule.
"""

from __future__ import annotations

from types import ModuleType

from planeval.checks import (
    accessible_bathroom,
    accessible_share,
    balcony_turning,
    bed_placement,
    care_bathroom,
    care_bed,
    door_clear_width,
    door_side_space,
    furnished_turning,
    guards,
    helper_space,
    kitchen_front_space,
    main_functions,
    passage_width,
    ramps,
    shower_access,
    stairs,
    storage_area,
    turning_space,
    unit_area,
    wc_clearance,
    wheelchair_parking,
    wheelchair_reachability,
)
from planeval.checks.base import Phase, RuleSpec

MODULES: tuple[ModuleType, ...] = (
    turning_space,
    furnished_turning,
    wheelchair_parking,
    door_clear_width,
    door_side_space,
    passage_width,
    wheelchair_reachability,
    wc_clearance,
    shower_access,
    care_bathroom,
    helper_space,
    bed_placement,
    care_bed,
    kitchen_front_space,
    storage_area,
    main_functions,
    balcony_turning,
    guards,
    stairs,
    ramps,
    unit_area,
    accessible_bathroom,
    accessible_share,
)

#: rule name -> check module
CHECKS: dict[str, ModuleType] = {m.SPEC.name: m for m in MODULES}
#: rule name -> its spec
SPECS: dict[str, RuleSpec] = {name: m.SPEC for name, m in CHECKS.items()}
#: every finding code (main and sub-codes) -> the spec of the rule that reports it
BY_CODE: dict[str, RuleSpec] = {code: s for s in SPECS.values() for code in s.codes}


def spec_for(name_or_code: str) -> RuleSpec | None:
    """The spec of a rule, by its name ("door-clear-width") or any of its codes ("DW03")."""
    return SPECS.get(name_or_code) or BY_CODE.get(name_or_code.upper())


def accessibility_rules() -> frozenset[str]:
    """The rules whose failing error findings make a unit not accessible."""
    return frozenset(name for name, s in SPECS.items() if s.accessibility)


__all__ = ["MODULES", "CHECKS", "SPECS", "BY_CODE", "Phase", "RuleSpec", "spec_for", "accessibility_rules"]
