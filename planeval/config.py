"""Project configuration: ``planeval.toml`` or ``[tool.planeval]`` in ``pyproject.toml``.

```toml
# planeval.toml
plans = ["plans/*.dxf"]         # files or globs, relative to this file
rules = ["tek17"]               # bundled names or rule-set files
profile = "office.toml"         # optional
units = "mm"                    # optional
baseline = "planeval-baseline.toml"   # optional
```

With it, CI runs ``planeval check`` with no arguments. Searched from the working directory
upwards; ``--config FILE`` names one explicitly. Unknown keys are errors. A config is data (TOML,
nothing evaluated), and every path in it must lie in the config's own folder tree or the working
directory (a config from a checked-out repository cannot make planeval read, say, ``~/.ssh``); a path
given on the command line may be anywhere.
"""

from __future__ import annotations

import difflib
import glob
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planeval.errors import InputError
from planeval.ruleset import inside

KEYS = ("plans", "rules", "profile", "units", "baseline")


@dataclass(frozen=True)
class Config:
    path: str | None = None
    plans: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    profile: str | None = None
    units: str | None = None
    baseline: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def find_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    here = (start or Path.cwd()).resolve()
    for d in [here, *here.parents]:
        own = d / "planeval.toml"
        if own.is_file():
            return own, _read(own)
        py = d / "pyproject.toml"
        if py.is_file():
            data = _read(py)
            tool = data.get("tool", {}).get("planeval")
            if tool is not None:
                return py, tool
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"config is not valid TOML ({exc})", path) from None
    except OSError as exc:
        raise InputError(f"cannot read the config ({exc.strerror})", path) from None


def _explicit(explicit: str) -> tuple[Path, dict[str, Any]]:
    p = Path(explicit)
    if not p.is_file():
        raise InputError("config file not found", p)
    data = _read(p)
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("planeval", {})
    return p, data


def _check_keys(data: dict[str, Any], path: Path) -> None:
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise InputError(f"unknown key '{key}'{hint}; keys: {', '.join(KEYS)}", path)


def load_config(explicit: str | None = None) -> Config:
    found = _explicit(explicit) if explicit else find_config()
    if found is None:
        return Config()
    path, data = found
    _check_keys(data, path)
    base = path.parent
    roots = [base, Path.cwd()]

    def guard(p: str, key: str, given: str) -> str:
        if not inside(p, roots):
            raise InputError(f"{key}: '{given}' is outside this config's folder and the working directory; "
                             "name it on the command line instead", path)
        return p

    def rel(v: str, key: str) -> str:
        return guard(str(base / v) if not Path(v).is_absolute() else v, key, v)

    def as_list(key: str) -> list[str]:
        v = data.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise InputError(f"'{key}' must be a list of strings", path)
        return v

    plans: list[str] = []
    for pattern in as_list("plans"):
        hits = sorted(guard(hit, "plans", hit) for hit in glob.glob(rel(pattern, "plans"), recursive=True))
        if not hits:
            raise InputError(f"plans: '{pattern}' matches no file", path)
        plans.extend(hits)
    rules = [r if ("/" not in r and "\\" not in r and not r.endswith(".toml")) else rel(r, "rules") for r in as_list("rules")]
    for key in ("profile", "units", "baseline"):
        if key in data and not isinstance(data[key], str):
            raise InputError(f"'{key}' must be a string", path)
    profile = data.get("profile")
    if profile and (profile.endswith(".toml") or "/" in profile or "\\" in profile):
        profile = rel(profile, "profile")
    baseline = rel(data["baseline"], "baseline") if data.get("baseline") else None
    return Config(str(path), tuple(plans), tuple(rules), profile, data.get("units"), baseline)
