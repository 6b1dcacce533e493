"""``planeval trial-rules``: a rule-set variant from the space needs measured in 1:1 trials.

The observations are a CSV file with one row per participant and requirement::

    participant,requirement,value,aid
    P01,turning_diameter,1380,electric wheelchair
    P01,door_clear_width,790,electric wheelchair
    P02,turning-space.diameter_mm,1250,rollator

``requirement`` is ``RULE.PARAM`` (any numeric parameter of a check) or one of the names in
:data:`ALIASES` (one name may set several parameters: a turning diameter sets the rooms', the
balcony's and the circle in front of the WC). ``value`` is in the parameter's unit (the suffix of
its name: ``_mm`` millimetres, ``_m2`` square metres, ``_n`` newtons); an optional ``unit`` column
converts m and cm to mm. ``aid`` (optional) is counted in the source note.

Each threshold is the chosen percentile of the participants' values (``numpy.percentile``, its
default linear interpolation): ``--percentile 95`` covers the needs of 95 % of the participants.
For a maximum (``max_…`` parameters: threshold height, opening force) the covering value is the
complementary percentile (5 %), which the source note says. Every rule's ``source`` cites the
file's sha256, n and the percentile; the output extends the given rule set and loads with
:func:`planeval.ruleset.load_ruleset` (checked before it is returned).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import os
import tempfile
import typing
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from planeval.checks import CHECKS
from planeval.errors import InputError

__all__ = ["ALIASES", "Observation", "read_observations", "thresholds", "trial_ruleset"]

#: requirement names used in trial protocols -> the parameters they set
ALIASES: dict[str, tuple[str, ...]] = {
    "turning_diameter": ("turning-space.diameter_mm", "balcony-turning.diameter_mm", "wc-clearance.front_circle_mm"),
    "door_clear_width": ("door-clear-width.internal_min_mm", "door-clear-width.balcony_min_mm"),
    "entrance_door_width": ("door-clear-width.entrance_min_mm",),
    "passage_width": ("passage-width.width_mm",),
    "wheelchair_width": ("wheelchair-reachability.wheelchair_width_mm",),
    "wc_side_space": ("wc-clearance.side_large_mm",),
    "wc_side_space_other": ("wc-clearance.side_small_mm",),
    "wc_front_circle": ("wc-clearance.front_circle_mm",),
    "door_side_pull": ("door-side-space.pull_side_mm",),
    "door_side_push": ("door-side-space.push_side_mm",),
    "bed_side_space": ("bed-placement.side_a_mm",),
    "kitchen_front_depth": ("kitchen-front-space.depth_mm",),
    "threshold_height": ("door-clear-width.max_threshold_mm",),
}
UNITS_TO_MM = {"mm": 1.0, "cm": 10.0, "m": 1000.0}


class Observation(typing.NamedTuple):
    participant: str
    requirement: str
    value: float
    aid: str
    line: int


def _targets(requirement: str, where: str) -> tuple[str, ...]:
    if requirement in ALIASES:
        return ALIASES[requirement]
    if "." in requirement:
        rule, param = requirement.split(".", 1)
        if rule in CHECKS:
            hints = typing.get_type_hints(CHECKS[rule].Params)
            if hints.get(param) is float:
                return (requirement,)
            if param in hints:
                raise InputError(f"{where}: {requirement} is not a measured quantity (type {hints[param]})")
    options = [*ALIASES, *(f"{r}.{f}" for r, m in CHECKS.items() for f, t in typing.get_type_hints(m.Params).items()
                           if t is float)]
    close = difflib.get_close_matches(requirement, options, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else f"; use RULE.PARAM or one of {', '.join(ALIASES)}"
    raise InputError(f"{where}: unknown requirement '{requirement}'{hint}")


def read_observations(path: str | Path) -> tuple[list[Observation], str]:
    """The rows of the CSV file and its sha256; one-line errors naming file and line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("observations file not found", p) from None
    except OSError as exc:
        raise InputError(f"cannot read the observations ({exc.strerror})", p) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("observations are not UTF-8 text", p) from None
    sample = text[:4096]
    try:
        dialect: typing.Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    cols = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    missing = [c for c in ("participant", "requirement", "value") if c not in cols]
    if missing:
        raise InputError(f"observations need the columns participant, requirement, value (missing: {', '.join(missing)})", p)
    out: list[Observation] = []
    seen: set[tuple[str, str]] = set()
    for i, row in enumerate(reader, start=2):
        def get(name: str, row: dict[str, typing.Any] = row) -> str:
            return (row.get(cols[name]) or "").strip() if name in cols else ""

        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        where = f"line {i}"
        who, req, value = get("participant"), get("requirement"), get("value").replace(",", ".")
        if not who or not req:
            raise InputError(f"{where}: participant and requirement must not be empty", p)
        try:
            number = float(value)
        except ValueError:
            raise InputError(f"{where}: value '{get('value')}' is not a number", p) from None
        if not np.isfinite(number) or number < 0:
            raise InputError(f"{where}: value {get('value')} must be a finite, non-negative number", p)
        unit = get("unit").lower()
        if unit:
            if unit not in UNITS_TO_MM:
                raise InputError(f"{where}: unit '{unit}' unknown (mm, cm or m; leave it empty for areas and forces)", p)
            number *= UNITS_TO_MM[unit]
        try:
            _targets(req, where)
        except InputError as exc:
            raise InputError(exc.message, p) from None
        if (who, req) in seen:
            raise InputError(f"{where}: participant {who} has a second value for {req} (one row per participant and need)", p)
        seen.add((who, req))
        out.append(Observation(who, req, number, get("aid"), i))
    if not out:
        raise InputError("no observations in the file", p)
    return out, hashlib.sha256(raw).hexdigest()


def thresholds(observations: list[Observation], percentile: float) -> dict[str, tuple[float, list[Observation], float]]:
    """RULE.PARAM -> (threshold, the observations behind it, the percentile used)."""
    if not 0 <= percentile <= 100:
        raise InputError(f"--percentile must be between 0 and 100, got {percentile:g}")
    by_target: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        for t in _targets(o.requirement, f"line {o.line}"):
            by_target[t].append(o)
    out = {}
    for target, obs in sorted(by_target.items()):
        names = Counter(o.requirement for o in obs)
        if len(names) > 1:
            lines = ", ".join(sorted(names))
            raise InputError(f"{target} is set by several requirements ({lines}): keep one per parameter")
        q = 100.0 - percentile if target.split(".", 1)[1].startswith("max_") else percentile
        out[target] = (float(np.percentile([o.value for o in obs], q)), obs, q)
    return out


def _toml(v: object) -> str:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else repr(float(v)) if isinstance(v, float) else str(v)


def _ordinal(q: float) -> str:
    n = f"{q:g}"
    return n + ("th" if n.endswith(("11", "12", "13")) else {"1": "st", "2": "nd", "3": "rd"}.get(n[-1], "th"))


def trial_ruleset(observations: str | Path, *, extends: str = "tek17", percentile: float = 95.0, name: str | None = None,
                  output: str | Path | None = None) -> str:
    """The TOML text of the trial rule set (validated by loading it)."""
    from planeval.ruleset import load_ruleset, resolve

    obs, sha = read_observations(observations)
    values = thresholds(obs, percentile)
    base = load_ruleset(extends)
    file = Path(observations).name
    ext: str = extends
    if "/" in extends or "\\" in extends or extends.endswith(".toml"):  # a file: relative to where the output goes
        base_file = resolve(extends).resolve()
        ext = os.path.relpath(base_file, Path(output).resolve().parent) if output else str(base_file)
    title = name or f"Trial: {Path(observations).stem} (P{percentile:g})"
    about = (f"1:1 trial thresholds: the {_ordinal(percentile)} percentile (numpy linear) of the needs measured in {file}, "
             f"over {base.name}")
    lines = [f"# Generated by planeval trial-rules from {file} (sha256 {sha}); re-run rather than edit.",
             f"name = {_toml(title)}", f"description = {_toml(about)}", f"extends = {_toml(ext)}", ""]
    assigned: dict[str, list[str]] = defaultdict(list)  # rule -> "param = value" lines
    cited: dict[str, dict[tuple[str, float], list[str]]] = defaultdict(dict)  # rule -> (requirement, q) -> params
    notes: dict[tuple[str, float], str] = {}
    for target, (value, rows, q) in values.items():
        rule, param = target.split(".", 1)
        if rule not in base.rules:
            raise InputError(f"{target}: the rule set '{base.name}' does not configure rule {rule}")
        assigned[rule].append(f"{param} = {_toml(value)}")
        key = (rows[0].requirement, q)
        cited[rule].setdefault(key, []).append(param)
        aids = Counter(o.aid for o in rows if o.aid)
        which = f"{_ordinal(q)} percentile" + (f" (the complement of {percentile:g}: a maximum)" if q != percentile else "")
        notes[key] = f"{which} of '{key[0]}', n = {len(rows)}" + (
            f" ({', '.join(f'{a} {n}' for a, n in sorted(aids.items()))})" if aids else "")
    for rule, body in assigned.items():
        cites = "; ".join(f"{', '.join(params)}: {notes[key]}" for key, params in cited[rule].items())
        source = f"1:1 trial {file} sha256:{sha}: {cites}; numpy.percentile, linear interpolation"
        lines += [f"[rules.{rule}]", *body, f"source = {_toml(source)}", ""]
    text = "\n".join(lines)
    _validate(text, output)
    return text


def _validate(text: str, output: str | Path | None) -> None:
    """Load the text as a rule set, from where it will be written (a relative ``extends`` resolves there)."""
    from planeval.ruleset import load_ruleset

    with tempfile.TemporaryDirectory(prefix="planeval-trial-") as scratch:
        folder = Path(output).resolve().parent if output else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".trial-", suffix=".toml", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            load_ruleset(Path(tmp))
        except InputError as exc:
            raise InputError(f"the derived rule set does not load: {exc.message}") from None
        finally:
            os.unlink(tmp)
