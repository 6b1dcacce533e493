"""Rule-set variants: a loaded :class:`~planeval.ruleset.RuleSet` with some parameters replaced.

A variant is built in memory (no TOML is written): the rule's ``Params`` get
``dataclasses.replace`` with the grid point's values, validated as the loader validates, and the
rule's ``source`` notes the change ("sweep variant: diameter_mm = 1400 (rule set: 1500)"). Its id
is stable across machines and runs — a hash of the rule-set files' sha256 chain and the varied
parameters — so that a resumed sweep recognises the (plan, variant) pairs already done.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planeval.errors import InputError
from planeval.ruleset import RuleConfig, RuleSet
from planeval.sweep.grid import Axis, Point, expand

__all__ = ["Variant", "variant_id", "derive", "variants_of"]


@dataclass(frozen=True)
class Variant:
    """One rule set to judge: a base rule set and the grid point applied to it."""

    id: str
    base: RuleSet
    point: Point
    ruleset: RuleSet

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.point)

    @property
    def params_json(self) -> str:
        return json.dumps(self.params, sort_keys=True)

    @property
    def chain_json(self) -> str:
        return json.dumps([{"path": c.path, "sha256": c.sha256, "name": c.name} for c in self.base.chain])


def variant_id(base: RuleSet, point: Point) -> str:
    """sha256 of the base's file chain (their sha256s, in order) and the varied parameters; 16 hex digits."""
    doc = {"chain": [c.sha256 for c in base.chain], "params": dict(sorted(point))}
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:16]


def _shown(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _replace(rc: RuleConfig, param: str, value: Any, base_name: str) -> RuleConfig:
    if param == "enabled":
        if value and rc.params is None:
            raise InputError(f"--vary {rc.rule}.enabled: the rule is incomplete in '{base_name}' (parameters missing)")
        return dataclasses.replace(rc, enabled=value)
    if param == "severity":
        return dataclasses.replace(rc, severity=value)
    if rc.params is None:
        raise InputError(f"--vary {rc.rule}.{param}: the rule is disabled and incomplete in '{base_name}'")
    params = dataclasses.replace(rc.params, **{param: value})
    if hasattr(params, "validate"):
        problem = params.validate()
        if problem:
            raise InputError(f"--vary {rc.rule}.{param}={_shown(value)}: {problem}")
    return dataclasses.replace(rc, params=params, values={**rc.values, param: value})


def derive(base: RuleSet, point: Point) -> RuleSet:
    """``base`` with the point's parameters replaced; each changed rule's ``source`` says so."""
    rules = dict(base.rules)
    changes: dict[str, list[str]] = {}
    for key, value in point:
        rule, param = key.split(".", 1)
        if rule not in rules:
            raise InputError(f"--vary {key}: rule set '{base.name}' does not configure rule '{rule}'")
        rc = rules[rule]
        was = rc.enabled if param == "enabled" else rc.severity if param == "severity" else rc.values.get(param)
        rules[rule] = _replace(rc, param, value, base.name)
        changes.setdefault(rule, []).append(f"{param} = {_shown(value)} (rule set: {_shown(was)})")
    for rule, what in changes.items():
        rc = rules[rule]
        note = f"sweep variant: {', '.join(what)}"
        rules[rule] = dataclasses.replace(rc, source=f"{rc.source} — {note}" if rc.source else note)
    if not point:
        return base
    label = ", ".join(f"{k}={_shown(v)}" for k, v in point)
    return dataclasses.replace(base, name=f"{base.name} [{label}]", rules=rules)


def variants_of(bases: Sequence[RuleSet], axes: Sequence[Axis]) -> list[Variant]:
    """Every base rule set × every grid point, as variants (validated: errors before any plan is read)."""
    points = expand(axes)
    out: list[Variant] = []
    seen: set[str] = set()
    for base in bases:
        for point in points:
            vid = variant_id(base, point)
            if vid in seen:
                continue  # the same rule set given twice
            seen.add(vid)
            out.append(Variant(vid, base, point, derive(base, point)))
    return out
