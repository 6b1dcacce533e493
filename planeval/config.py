"""Project configuration: ``planeval.toml`` or ``[tool.planeval]`` in ``pyproject.toml``.

```toml
# planeval.toml
plans = ["plans/*.dxf"]         # files or globs, relative to this file
rules = ["tek17"]               # bundled names or rule-set files
profile = "office.toml"         # optional
units = "mm"                    # optional
min_grade = "C"                 # optional: below this recognition grade a plan is not judged (verdict review)
baseline = "planeval-baseline.toml"   # optional
building = "Eksempelbygget"     # optional: the plans are the floors of one building (true: unnamed)
[floors]                        # optional: a name for each floor's plan (file as in plans)
"plan-1.dxf" = "1. etasje"
```

Several plans are judged as one building (the TEK17 §12-2 (2) share across them, one building
block) only when ``building`` says so or the command line has ``--building``.

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

KEYS = ("plans", "rules", "profile", "units", "baseline", "building", "floors", "min_grade")
MIN_GRADES = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class Config:
    path: str | None = None
    plans: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    profile: str | None = None
    units: str | None = None
    baseline: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    building: str | bool | None = None  #: a name or True: the plans are one building; False: separate plans; None: not said
    floors: tuple[tuple[str, str], ...] = ()  #: (plan path as in ``plans``, floor name)
    min_grade: str | None = None  #: the recognition grade below which a plan is not judged (``check --min-grade``)

    def floor_of(self, plan: str) -> str | None:
        """The floor name given to ``plan`` (a path as given, or the same file), if any."""
        for path, name in self.floors:
            if path == plan or Path(path).resolve() == Path(plan).resolve():
                return name
        return None


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
    building, floors = _building(data, path, lambda v: rel(v, "floors"))
    if not plans and floors:  # the floors are the plans, in their order
        plans = [k for k, _ in floors]
    min_grade = data.get("min_grade")
    if min_grade is not None and (not isinstance(min_grade, str) or min_grade.upper() not in MIN_GRADES):
        raise InputError(f"'min_grade' must be one of {', '.join(MIN_GRADES)} (not {min_grade!r})", path)
    return Config(str(path), tuple(plans), tuple(rules), profile, data.get("units"), baseline, building=building, floors=floors,
                  min_grade=min_grade.upper() if min_grade else None)


def _building(data: dict[str, Any], path: Path, rel: Any) -> tuple[str | bool | None, tuple[tuple[str, str], ...]]:
    """``building`` (a name or true/false) and ``floors`` (plan file -> floor name), checked."""
    building = data.get("building")
    if building is not None and not isinstance(building, (str, bool)):
        raise InputError("'building' must be a name (text) or true/false", path)
    if isinstance(building, str) and not building.strip():
        raise InputError("'building' must not be empty (a name, or true)", path)
    raw = data.get("floors", {})
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise InputError("'floors' must be a table of plan file = \"floor name\"", path)
    floors = tuple((rel(k), v) for k, v in raw.items())
    for k, _ in floors:
        if not Path(k).is_file():
            raise InputError(f"floors: '{Path(k).name}' is no file", path)
    return building, floors


@dataclass(frozen=True)
class Building:
    """Plans judged as one building: its name (if the config gives one) and each plan's floor name."""

    name: str | None
    floors: tuple[str | None, ...]


def building_for(plans: tuple[str, ...] | list[str], flag: bool | None, cfg: Config) -> Building | None:
    """Whether the ``plans`` given together are one building (the §12-2 (2) share across them).

    ``--no-building`` (``flag`` False): never. Otherwise the project config ``cfg`` decides when it
    says ``building`` and the plans are among its plans; else a ``planeval.toml`` in the plans' own
    folder (all of them in one) that says ``building`` and lists every one of them; else ``--building``
    (``flag`` True). Without any of these, several plans are separate plans.
    """
    if flag is False or len(plans) < 2:
        return None

    def among(c: Config) -> bool:
        own = {Path(p).resolve() for p in c.plans}
        return bool(own) and all(Path(p).resolve() in own for p in plans)

    found = cfg if cfg.building and among(cfg) else None
    if found is None:
        folders = {Path(p).resolve().parent for p in plans}
        own = next(iter(folders)) / "planeval.toml" if len(folders) == 1 else None
        if own is not None and own.is_file() and (cfg.path is None or Path(cfg.path).resolve() != own):
            local = load_config(str(own))
            found = local if local.building and among(local) else None
    if found is None and not flag:
        return None
    c = found or cfg
    name = c.building if isinstance(c.building, str) else None
    return Building(name, tuple(c.floor_of(p) for p in plans))
