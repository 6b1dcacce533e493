"""Baselines: known findings accepted (with a reason and an optional expiry) so CI fails only on new ones.

```toml
# planeval baseline — written by `planeval baseline PLAN --rules tek17`
[[accept]]
file = "korttid-40-aia.dxf"      # the plan's file name
rule = "door-clear-width"
code = "DW01"
subject = "D3"                    # id as printed by `planeval inspect`
subject_name = "door ENTRÉ – BAD" # checked too when present: ids can shift between revisions
reason = "M8 door kept for the 1:1 trial"
expires = 2027-06-30              # optional; after it the finding counts again

[[accept]]                        # a building-level finding (several plans judged together): no file
rule = "accessible-share"
code = "AR02"
subject = "building"
reason = "the second stair core comes in phase 2"
```

A baseline is data: TOML tables of the keys above, nothing else (unknown keys are errors). Every
failing and needs-review finding is covered, the building-level ones (the accessible share over
several plans) included, so ``planeval baseline`` then ``planeval check --baseline`` passes on an
unchanged plan. Applying a baseline also tells which entries are *stale* (they match no current
finding: fixed, or the subject is gone) and which have *expired* (their finding counts again).
Strings are written with TOML's escapes, so any label (control characters included) reads back;
a lone surrogate (undecodable bytes in the DXF) cannot be stored in TOML and is written and compared
as U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planeval.errors import InputError
from planeval.findings import Finding, Report
from planeval.report.json_report import subject_name

KEYS = {"file", "rule", "code", "subject", "subject_name", "reason", "expires"}
BUILDING = "building"  #: the subject of building-level findings
_OPEN = ("fail", "needs_review")  #: the statuses a baseline accepts


@dataclass(frozen=True)
class Entry:
    file: str
    rule: str
    code: str
    subject: str
    subject_name: str
    reason: str
    expires: dt.date | None

    def describe(self) -> str:
        """``korttid-40-aia.dxf DW01 D3 (door ENTRÉ – BAD)``: how reports name the entry."""
        where = self.file or ("building" if self.subject == BUILDING else "any file")
        name = f" ({self.subject_name})" if self.subject_name else ""
        subject = "" if self.subject == BUILDING else f" {self.subject}"
        return f"{where} {self.code or self.rule}{subject}{name}"


@dataclass
class Applied:
    """What applying a baseline did: notes per report, the entries that matched nothing, the expired ones."""

    notes: dict[int, dict[str, Any]] = field(default_factory=dict)  # id(report) -> {"accepted", "expired"}
    accepted: int = 0
    expired: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def summary(self, path: str) -> dict[str, Any]:
        """The top-level ``baseline`` block of the JSON report."""
        return {"file": path, "accepted": self.accepted, "expired": list(self.expired), "stale": list(self.stale)}


def clean(s: str) -> str:
    """``s`` as a baseline can hold it: lone surrogates (undecodable bytes) become U+FFFD.

    >>> clean("BAD\\udcff") == "BAD\\ufffd"
    True
    """
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in s)


def load_baseline(path: str | Path) -> list[Entry]:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("baseline file not found (write one with 'planeval baseline PLAN --rules SET -o FILE')", p) from None
    except IsADirectoryError:
        raise InputError("baseline path is a directory, not a TOML file", p) from None
    except UnicodeDecodeError:
        raise InputError("baseline is not UTF-8 text", p) from None
    except OSError as exc:
        raise InputError(f"cannot read the baseline ({exc.strerror or exc})", p) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"baseline is not valid TOML ({exc})", p) from None
    unknown = set(data) - {"accept"}
    if unknown:
        raise InputError(f"baseline: unknown top-level key '{sorted(unknown)[0]}' (a baseline holds [[accept]] tables)", p)
    items = data.get("accept", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError("baseline: expected [[accept]] tables", p)
    out = []
    for i, item in enumerate(items, start=1):
        unknown = set(item) - KEYS
        if unknown:
            raise InputError(f"baseline entry {i}: unknown key '{sorted(unknown)[0]}'", p)
        for key in ("rule", "subject"):
            if not isinstance(item.get(key), str):
                raise InputError(f"baseline entry {i}: '{key}' is required", p)
        for key in ("file", "code", "subject_name", "reason"):
            if not isinstance(item.get(key, ""), str):
                raise InputError(f"baseline entry {i}: '{key}' must be text", p)
        exp = item.get("expires")
        if exp is not None and (not isinstance(exp, dt.date) or isinstance(exp, dt.datetime)):
            raise InputError(f"baseline entry {i}: 'expires' must be a date (YYYY-MM-DD)", p)
        out.append(Entry(item.get("file", ""), item["rule"], item.get("code", ""), item["subject"],
                         item.get("subject_name", ""), item.get("reason", ""), exp))
    return out


def _matches(e: Entry, f: Finding, fname: str, name: str) -> bool:
    if e.file and e.file != fname:
        return False
    if e.rule != f.rule or (e.code and e.code != f.code) or e.subject != f.result.subject:
        return False
    return not e.subject_name or e.subject_name == clean(name)


def _expired(e: Entry, today: dt.date) -> bool:
    return e.expires is not None and e.expires < today


def _accept(findings: Sequence[Finding], entries: list[Entry], fname: str, names: Any, today: dt.date,
            used: set[int], expired: list[str]) -> tuple[list[Finding], int, list[str]]:
    """``findings`` with those a live entry covers accepted; the entries that matched are added to ``used``."""
    out: list[Finding] = []
    accepted = 0
    mine: list[str] = []
    for f in findings:
        open_ = f.status.value in _OPEN
        hits = [k for k, e in enumerate(entries) if open_ and _matches(e, f, fname, names(f.result.subject))]
        used.update(hits)
        live = [k for k in hits if not _expired(entries[k], today)]
        if live:
            accepted += 1
            out.append(replace(f, accepted=entries[live[0]].reason or "in baseline"))
            continue
        if hits:
            e = entries[hits[0]]
            mine.append(f"{e.describe()} (expired {e.expires.isoformat() if e.expires else '?'})")
        out.append(f)
    expired.extend(mine)
    return out, accepted, mine


def apply_all(runs: list[Report], entries: list[Entry], building: list[tuple[Any, list[Finding]]] | None = None,
              today: dt.date | None = None) -> Applied:
    """Mark the failing and needs-review findings that a live entry covers as accepted, in place: in every
    report of ``runs`` and in the building-level findings ``building`` (``Batch.building``). Entries
    that match nothing among the plans checked are *stale*; an entry naming a file not checked now is
    not judged."""
    today = today or dt.date.today()
    applied = Applied()
    used: set[int] = set()
    files = set()
    for r in runs:
        fname = clean(r.plan.source.name)
        files.add(fname)
        r.findings, n, mine = _accept(r.findings, entries, fname, lambda s, p=r.plan: subject_name(p, s), today,
                                      used, applied.expired)
        applied.accepted += n
        applied.notes[id(r)] = {"accepted": n, "expired": mine}
    for k, (rs, fs) in enumerate(building or []):
        new, n, _ = _accept(fs, entries, "", lambda s: s, today, used, applied.expired)
        building[k] = (rs, new)  # type: ignore[index]
        applied.accepted += n
    for k, e in enumerate(entries):
        judged = bool(building) if e.subject == BUILDING else (not e.file or e.file in files)
        if k not in used and judged:
            applied.stale.append(e.describe())
    return applied


def apply_baseline(runs: list[Report], entries: list[Entry], today: dt.date | None = None) -> dict[int, dict[str, Any]]:
    """The plan findings of :func:`apply_all` alone: notes per report (``{"accepted", "expired"}``)."""
    return apply_all(runs, entries, None, today).notes


def write_baseline(runs: list[Report], building: list[tuple[Any, list[Finding]]] | None = None) -> str:
    """A baseline accepting every failing and needs-review finding of ``runs`` and of ``building``."""
    lines = ["# planeval baseline: known findings accepted until fixed. Add a reason and an expiry date to each.", ""]
    seen: set[tuple[str, ...]] = set()

    def entry(file: str, f: Finding, name: str) -> None:
        key = (file, f.rule, f.code, f.result.subject, name)
        if key in seen:  # the same finding of several rule sets: one entry accepts it in each
            return
        seen.add(key)
        lines.append("[[accept]]")
        if file:
            lines.append(f"file = {toml_str(file)}")
        lines.extend([f"rule = {toml_str(f.rule)}", f"code = {toml_str(f.code)}", f"subject = {toml_str(f.result.subject)}"])
        if name:
            lines.append(f"subject_name = {toml_str(name)}")
        lines.extend([f"reason = {toml_str('baseline: ' + f.result.message[:120])}", "# expires = 2027-12-31", ""])

    for r in runs:
        for f in r.findings:
            if f.status.value in _OPEN:
                name = subject_name(r.plan, f.result.subject)
                entry(r.plan.source.name, f, "" if name == f.result.subject else name)
    for _, fs in building or []:
        for f in fs:
            if f.status.value in _OPEN:
                entry("", f, "")
    return "\n".join(lines)


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_str(s: str) -> str:
    """``s`` as a TOML basic string: quotes, backslashes and every control character escaped.

    >>> toml_str('a "b"\\x01\\n')
    '"a \\\\"b\\\\"\\\\u0001\\\\n"'
    """
    out = []
    for ch in clean(s):
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
