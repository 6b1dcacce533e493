"""Sweep grids: ``--vary RULE.PARAM=START:STOP:STEP`` or ``--vary RULE.PARAM=v1,v2,…``.

Each ``--vary`` is one :class:`Axis`; several axes make a cartesian product (:func:`expand`).
Values are checked against the type of the check's ``Params`` field, as the rule-set loader does:

>>> parse_vary("turning-space.diameter_mm=1300:1600:100").values
(1300.0, 1400.0, 1500.0, 1600.0)
>>> parse_vary("turning-space.rectangle_allowed=true,false").values
(True, False)
>>> axes = [parse_vary("turning-space.diameter_mm=1300,1500"), parse_vary("door-clear-width.internal_min_mm=760,860")]
>>> [dict(p) for p in expand(axes)][1]
{'turning-space.diameter_mm': 1300.0, 'door-clear-width.internal_min_mm': 860.0}

Besides the ``Params`` fields two reserved keys may vary: ``enabled`` (true/false: what if a rule
is dropped?) and ``severity`` (error/warning). A range includes STOP when the steps land on it.
"""

from __future__ import annotations

import difflib
import itertools
import math
import typing
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from planeval.checks import CHECKS
from planeval.errors import InputError

__all__ = ["Axis", "Point", "parse_vary", "expand", "param_type", "MAX_POINTS"]

#: one grid point: ((RULE.PARAM, value), …) in the order the axes were given
Point = tuple[tuple[str, Any], ...]

#: a guard against a typo that asks for millions of variants
MAX_POINTS = 100_000
RESERVED_TYPES: dict[str, Any] = {"enabled": bool, "severity": typing.Literal["error", "warning"]}


@dataclass(frozen=True)
class Axis:
    """One varied parameter and its values."""

    rule: str
    param: str
    values: tuple[Any, ...]

    @property
    def key(self) -> str:
        return f"{self.rule}.{self.param}"


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def param_type(rule: str, param: str) -> Any:
    """The type of ``RULE.PARAM`` (a ``Params`` field or a reserved key); InputError naming the choices."""
    if rule not in CHECKS:
        raise InputError(f"--vary: unknown rule '{rule}'{_suggest(rule, list(CHECKS))}")
    if param in RESERVED_TYPES:
        return RESERVED_TYPES[param]
    params_cls = CHECKS[rule].Params
    names = [f.name for f in fields(params_cls)]
    if param not in names:
        raise InputError(f"--vary: rule '{rule}' has no parameter '{param}'{_suggest(param, names + list(RESERVED_TYPES))}; "
                         f"its parameters: {', '.join(names)}")
    return typing.get_type_hints(params_cls)[param]


def _number(text: str, label: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"--vary {label}: '{text}' is not a number") from None
    if not math.isfinite(value):
        raise InputError(f"--vary {label}: '{text}' is not a finite number")
    return value


def _decimals(text: str) -> int:
    t = text.strip().lower()
    if "e" in t:
        return 12
    return len(t.split(".", 1)[1]) if "." in t else 0


def _range(spec: str, label: str, hint: Any) -> tuple[Any, ...]:
    parts = spec.split(":")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise InputError(f"--vary {label}: a range is START:STOP:STEP, got '{spec}'")
    start, stop, step = (_number(p, label) for p in parts)
    if step <= 0:
        raise InputError(f"--vary {label}: STEP must be positive, got {parts[2]}")
    if stop < start:
        raise InputError(f"--vary {label}: STOP ({parts[1]}) is below START ({parts[0]})")
    n = math.floor((stop - start) / step + 1e-9) + 1
    if n > MAX_POINTS:
        raise InputError(f"--vary {label}: {n} values is too many (at most {MAX_POINTS})")
    digits = max(_decimals(p) for p in parts)
    values = [round(start + i * step, digits) for i in range(n)]
    if hint is int:
        if any(not float(v).is_integer() for v in (start, step)):
            raise InputError(f"--vary {label}: a whole-number parameter needs whole START and STEP, got '{spec}'")
        return tuple(int(v) for v in values)
    if hint is not float:
        raise InputError(f"--vary {label}: a range needs a numeric parameter; list the values instead (v1,v2,…)")
    return tuple(float(v) for v in values)


def _value(text: str, label: str, hint: Any) -> Any:
    t = text.strip()
    if hint is bool:
        if t.lower() not in ("true", "false"):
            raise InputError(f"--vary {label}: expected true or false, got '{t}'")
        return t.lower() == "true"
    if hint is float:
        return _number(t, label)
    if hint is int:
        try:
            return int(t)
        except ValueError:
            raise InputError(f"--vary {label}: expected a whole number, got '{t}'") from None
    if hint is str:
        return t
    if typing.get_origin(hint) is typing.Literal:
        choices = [str(c) for c in typing.get_args(hint)]
        if t not in choices:
            raise InputError(f"--vary {label}: expected one of {', '.join(choices)}, got '{t}'{_suggest(t, choices)}")
        return t
    if typing.get_origin(hint) is tuple:
        raise InputError(f"--vary {label}: list parameters cannot be varied (derive a rule-set file instead)")
    raise InputError(f"--vary {label}: parameters of type {hint} cannot be varied")  # pragma: no cover


def parse_vary(text: str) -> Axis:
    """One ``--vary`` option: ``RULE.PARAM=START:STOP:STEP`` or ``RULE.PARAM=v1,v2,…``."""
    if "=" not in text:
        raise InputError(f"--vary '{text}': expected RULE.PARAM=START:STOP:STEP or RULE.PARAM=v1,v2,…")
    name, spec = (s.strip() for s in text.split("=", 1))
    if "." not in name:
        raise InputError(f"--vary '{text}': name the parameter as RULE.PARAM, e.g. turning-space.diameter_mm")
    rule, param = name.split(".", 1)
    hint = param_type(rule, param)
    if not spec:
        raise InputError(f"--vary {name}: no values given")
    if ":" in spec:
        values = _range(spec, name, hint)
    else:
        values = tuple(_value(v, name, hint) for v in spec.split(","))
    if len(set(values)) != len(values):
        raise InputError(f"--vary {name}: a value is listed twice")
    return Axis(rule, param, values)


def expand(axes: Sequence[Axis]) -> list[Point]:
    """The cartesian product of the axes (one empty point when there are none)."""
    keys = [a.key for a in axes]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise InputError(f"--vary {dup[0]} is given twice: list all its values in one --vary")
    total = math.prod(len(a.values) for a in axes)
    if total > MAX_POINTS:
        raise InputError(f"--vary: {total} grid points is too many (at most {MAX_POINTS})")
    return [tuple(zip(keys, combo, strict=True)) for combo in itertools.product(*(a.values for a in axes))]
