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
```
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planeval.errors import InputError
from planeval.findings import Report
from planeval.report.json_report import subject_name

KEYS = {"file", "rule", "code", "subject", "subject_name", "reason", "expires"}


@dataclass(frozen=True)
class Entry:
    file: str
    rule: str
    code: str
    subject: str
    subject_name: str
    reason: str
    expires: dt.date | None


def load_baseline(path: str | Path) -> list[Entry]:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("baseline file not found", p) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"baseline is not valid TOML ({exc})", p) from None
    items = data.get("accept", [])
    if not isinstance(items, list):
        raise InputError("baseline: expected [[accept]] tables", p)
    out = []
    for i, item in enumerate(items, start=1):
        unknown = set(item) - KEYS
        if unknown:
            raise InputError(f"baseline entry {i}: unknown key '{sorted(unknown)[0]}'", p)
        for key in ("rule", "subject"):
            if not isinstance(item.get(key), str):
                raise InputError(f"baseline entry {i}: '{key}' is required", p)
        exp = item.get("expires")
        if exp is not None and not isinstance(exp, dt.date):
            raise InputError(f"baseline entry {i}: 'expires' must be a date (YYYY-MM-DD)", p)
        out.append(Entry(str(item.get("file", "")), item["rule"], str(item.get("code", "")), item["subject"],
                         str(item.get("subject_name", "")), str(item.get("reason", "")), exp))
    return out


def apply_baseline(runs: list[Report], entries: list[Entry], today: dt.date | None = None) -> dict[int, dict[str, Any]]:
    """Mark failing findings that a live baseline entry covers as accepted (in place). Returns notes per report."""
    today = today or dt.date.today()
    notes: dict[int, dict[str, Any]] = {}
    for r in runs:
        fname = Path(str(r.plan.source.path)).name
        accepted, expired = 0, []
        new = []
        for f in r.findings:
            hit = None
            if f.status.value in ("fail", "needs_review"):
                for e in entries:
                    if e.file and e.file != fname:
                        continue
                    if e.rule != f.rule or (e.code and e.code != f.code) or e.subject != f.result.subject:
                        continue
                    if e.subject_name and e.subject_name != subject_name(r.plan, f.result.subject):
                        continue
                    hit = e
                    break
            if hit is not None and hit.expires is not None and hit.expires < today:
                expired.append(f"{hit.rule} {hit.subject} (expired {hit.expires.isoformat()})")
                hit = None
            if hit is not None:
                accepted += 1
                new.append(replace(f, accepted=hit.reason or "in baseline"))
            else:
                new.append(f)
        r.findings = new
        notes[id(r)] = {"accepted": accepted, "expired": expired}
    return notes


def write_baseline(runs: list[Report]) -> str:
    lines = ["# planeval baseline: known findings accepted until fixed. Add a reason and an expiry date to each.", ""]
    for r in runs:
        fname = Path(str(r.plan.source.path)).name
        for f in r.findings:
            if f.status.value not in ("fail", "needs_review"):
                continue
            lines += [
                "[[accept]]",
                f'file = "{fname}"',
                f'rule = "{f.rule}"',
                f'code = "{f.code}"',
                f'subject = "{f.result.subject}"',
                f"subject_name = {_toml_str(subject_name(r.plan, f.result.subject))}",
                f"reason = {_toml_str('baseline: ' + f.result.message[:120])}",
                "# expires = 2027-12-31",
                "",
            ]
    return "\n".join(lines)


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
