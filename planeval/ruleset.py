"""Rule sets: TOML files with ``extends``, merged per rule, validated strictly against the checks.

```toml
name = "Trial A: turning circle 1.40 m"
extends = "tek17"            # bare name: a bundled set (rules/tek17.toml); otherwise a path relative to this file
[rules.turning-space]
diameter_mm = 1400
source = "1:1 trial A, 2027"
```

Reserved keys per rule: ``enabled``, ``severity`` (error | warning), ``source`` (the clause).
Every other key must be a field of the check's ``Params``. Unknown rules and keys, wrong types,
missing parameters and ``extends`` cycles are errors naming file, rule and key, with a "did you
mean". Thresholds live only here, never in code. A rule set is data (TOML read with ``tomllib``,
nothing evaluated), and ``extends`` cannot reach outside the file's own folder tree, the working
directory and the bundled sets unless the target is named on the command line (:func:`extends_roots`).
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
import typing
from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

from planeval.checks import CHECKS
from planeval.errors import InputError

RESERVED = ("enabled", "severity", "source")
SEVERITIES = ("error", "warning")
TOP_KEYS = ("name", "description", "extends", "lang", "rules")
#: report languages a rule set may name with ``lang`` (the reports' default; ``--lang`` overrides)
LANGS = ("nb", "en")


@dataclass(frozen=True)
class ChainEntry:
    path: str
    sha256: str
    name: str


@dataclass(frozen=True)
class RuleConfig:
    rule: str
    enabled: bool
    severity: str
    source: str
    params: Any  # the check's Params instance (None when disabled and incomplete)
    values: dict[str, Any]


@dataclass(frozen=True)
class RuleSet:
    name: str
    description: str
    chain: tuple[ChainEntry, ...]  # the file itself first, then what it extends
    rules: dict[str, RuleConfig]
    lang: str = ""  # the reports' language ("nb", "en"): the nearest file of the chain that names one

    @property
    def key(self) -> str:
        return self.chain[0].sha256 if self.chain else self.name

    def enabled(self) -> list[RuleConfig]:
        return [r for r in self.rules.values() if r.enabled]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "chain": [{"path": c.path, "sha256": c.sha256, "name": c.name} for c in self.chain],
            "params": {
                r.rule: {"enabled": r.enabled, "severity": r.severity, "source": r.source, **_jsonable(r.values)}
                for r in sorted(self.rules.values(), key=lambda r: r.rule)
            },
        }


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in sorted(values.items())}


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def bundled_dir() -> Path:
    return Path(str(resources.files("planeval").joinpath("rules")))


def bundled_names() -> list[str]:
    d = bundled_dir()
    return sorted(p.stem for p in d.glob("*.toml")) if d.is_dir() else []


def resolve(spec: str, relative_to: Path | None = None) -> Path:
    """A bare name is a bundled set; anything with a path separator or .toml suffix is a file."""
    if "/" not in spec and "\\" not in spec and not spec.endswith(".toml"):
        path = bundled_dir() / f"{spec}.toml"
        if not path.is_file():
            raise InputError(
                f"no bundled rule set '{spec}'{_suggest(spec, bundled_names())}; bundled: {', '.join(bundled_names())}"
            )
        return path
    p = Path(spec)
    if relative_to is not None and not p.is_absolute():
        p = relative_to.parent / p
    return p


def inside(path: str | Path, roots: Iterable[str | Path]) -> bool:
    """Whether ``path`` (resolved: ``..`` and symlinks followed) is one of ``roots`` or lies in one of them.

    >>> inside("rules/../rules/a.toml", ["rules"]), inside("/etc/passwd", ["rules"])
    (True, False)
    """
    try:
        p = Path(path).resolve()
        return any(p == (r := Path(root).resolve()) or p.is_relative_to(r) for root in roots)
    except (OSError, RuntimeError):  # an unresolvable path (a symlink loop) is nowhere we allow
        return False


def extends_roots(file: Path, trusted: Iterable[str | Path] = ()) -> list[Path]:
    """Where a rule set's ``extends`` may point: the file's own folder tree, the bundled sets, the working
    directory, and the files or folders named explicitly on the command line (``trusted``)."""
    return [file.parent, bundled_dir(), Path.cwd(), *map(Path, trusted)]


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("rule set file not found", path) from None
    except IsADirectoryError:
        raise InputError("rule set path is a directory", path) from None
    except OSError as exc:
        raise InputError(f"cannot read the rule set ({exc.strerror})", path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("rule set is not UTF-8 text", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"rule set is not valid TOML ({exc})", path) from None
    for key in data:
        if key not in TOP_KEYS:
            raise InputError(f"unknown top-level key '{key}'{_suggest(key, TOP_KEYS)}", path)
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise InputError("[rules] must hold one table per rule, e.g. [rules.turning-space]", path)
    return data, hashlib.sha256(raw).hexdigest()


def load_ruleset(spec: str | Path, trusted: Iterable[str | Path] = ()) -> RuleSet:
    """Load, merge along ``extends`` and validate a rule set (bundled name or file).

    ``spec`` itself may be anywhere (it was named by the user); a file it ``extends`` must lie where
    :func:`extends_roots` allows, so that a rule set from elsewhere cannot make planeval read any file
    on the machine; ``trusted`` are further files or folders given explicitly on the command line."""
    path = resolve(str(spec)) if isinstance(spec, str) else spec
    chain: list[ChainEntry] = []
    merged: dict[str, dict[str, Any]] = {}
    origin: dict[tuple[str, str], Path] = {}  # (rule, key) -> file that set it
    seen: list[Path] = []
    layers: list[tuple[Path, dict[str, Any]]] = []
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            cycle = " -> ".join(p.name for p in [*seen, resolved])
            raise InputError(f"'extends' cycle: {cycle}", current)
        seen.append(resolved)
        data, sha = _read(current)
        chain.append(ChainEntry(str(current), sha, str(data.get("name", current.stem))))
        layers.append((current, data))
        ext = data.get("extends")
        if ext is None:
            current = None
        elif not isinstance(ext, str):
            raise InputError("'extends' must be a rule set name or a path", current)
        else:
            try:
                target = resolve(ext, relative_to=current)
            except InputError as exc:
                raise InputError(f"extends: {exc.message}", layers[-1][0]) from None
            if not inside(target, extends_roots(current, trusted)):
                raise InputError(
                    f"extends: '{ext}' is outside the folders a rule set may extend from (its own folder, the working "
                    "directory, the bundled sets); name that file with --rules on the command line to allow it", current)
            current = target
    for file, data in reversed(layers):  # base first, the file itself last
        for rule, table in data.get("rules", {}).items():
            merged.setdefault(rule, {})
            for key, value in table.items():
                merged[rule][key] = value
                origin[(rule, key)] = file
            origin.setdefault((rule, ""), file)
    rules: dict[str, RuleConfig] = {}
    for rule, values in merged.items():
        where = origin[(rule, "")]
        if rule not in CHECKS:
            raise InputError(f"unknown rule '{rule}'{_suggest(rule, CHECKS)}", where)
        rules[rule] = _validate(rule, values, CHECKS[rule], origin)
    top = layers[0][1]
    lang = ""
    for file, data in layers:  # the file itself first: the nearest 'lang' wins
        if "lang" in data:
            lang = data["lang"]
            if lang not in LANGS:
                raise InputError(f"lang: expected one of {', '.join(map(repr, LANGS))}, got {lang!r}", file)
            break
    return RuleSet(
        name=str(top.get("name", path.stem)),
        description=str(top.get("description", "")),
        chain=tuple(chain),
        rules=rules,
        lang=str(lang),
    )


def _validate(rule: str, values: dict[str, Any], module: Any, origin: dict[tuple[str, str], Path]) -> RuleConfig:
    params_cls = module.Params
    hints = typing.get_type_hints(params_cls)
    names = [f.name for f in fields(params_cls)]
    allowed = set(names) | set(RESERVED)

    def where(key: str) -> Path:
        return origin.get((rule, key), origin[(rule, "")])

    for key in values:
        if key not in allowed:
            raise InputError(f"[rules.{rule}] unknown key '{key}'{_suggest(key, allowed)}", where(key))
    enabled = values.get("enabled", True)
    if not isinstance(enabled, bool):
        raise InputError(f"[rules.{rule}] enabled: expected true or false, got {enabled!r}", where("enabled"))
    severity = values.get("severity", "error")
    if severity not in SEVERITIES:
        raise InputError(
            f"[rules.{rule}] severity: expected 'error' or 'warning', got {severity!r}{_suggest(str(severity), SEVERITIES)}",
            where("severity"),
        )
    source = values.get("source", "")
    if not isinstance(source, str):
        raise InputError(f"[rules.{rule}] source: expected text (the clause), got {source!r}", where("source"))
    kwargs: dict[str, Any] = {}
    missing = []
    for name in names:
        if name not in values:
            missing.append(name)
            continue
        kwargs[name] = _coerce(rule, name, values[name], hints[name], where(name))
    if missing and enabled:
        raise InputError(
            f"[rules.{rule}] missing parameter{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
            origin[(rule, "")],
        )
    params = params_cls(**kwargs) if not missing else None
    if params is not None and hasattr(params, "validate"):
        problem = params.validate()
        if problem:
            raise InputError(f"[rules.{rule}] {problem}", origin[(rule, "")])
    plain = {k: v for k, v in kwargs.items()}
    return RuleConfig(rule, enabled, severity, source, params, plain)


def _coerce(rule: str, key: str, value: Any, hint: Any, where: Path) -> Any:
    origin = typing.get_origin(hint)
    label = f"[rules.{rule}] {key}"
    if hint is bool:
        if not isinstance(value, bool):
            raise InputError(f"{label}: expected true or false, got {value!r}", where)
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{label}: expected a number, got {value!r}", where)
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{label}: expected a whole number, got {value!r}", where)
        return value
    if hint is str:
        if not isinstance(value, str):
            raise InputError(f"{label}: expected text, got {value!r}", where)
        return value
    if origin is typing.Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            raise InputError(
                f"{label}: expected one of {', '.join(map(repr, choices))}, got {value!r}{_suggest(str(value), choices)}", where
            )
        return value
    if origin is tuple:
        (item,) = [a for a in typing.get_args(hint) if a is not Ellipsis][:1] or [str]
        if not isinstance(value, list):
            raise InputError(f"{label}: expected a list, got {value!r}", where)
        return tuple(_coerce(rule, key, v, item, where) for v in value)
    raise InputError(f"{label}: unsupported parameter type {hint}", where)  # pragma: no cover - a check bug
