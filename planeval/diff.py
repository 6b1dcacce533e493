"""Compare two revisions of a plan judged by the same rule set.

Rooms are matched by label (case- and accent-insensitive) and overlap, doors by the rooms they
join and their position, units by their rooms. Findings are then matched by code and matched
subject: *new failures* fail in the new revision and did not in the old; *fixed* failed and no
longer do; *changed* moved their measured value or status otherwise. Area changes are listed per
room and per function.
"""

from __future__ import annotations

import math
from typing import Any

from planeval.findings import Report
from planeval.geometry import iou
from planeval.model.types import OUTSIDE
from planeval.report.json_report import finding_to_dict
from planeval.vocabulary import fold


def match_rooms(old: Any, new: Any) -> dict[str, str]:
    """new room id -> old room id."""
    pairs = []
    for rn in new.rooms:
        for ro in old.rooms:
            same_label = bool(rn.label) and fold(rn.label) == fold(ro.label)
            overlap = iou(rn.polygon, ro.polygon)
            if same_label or overlap >= 0.3:
                pairs.append(((2 if same_label else 0) + overlap, rn.id, ro.id))
    pairs.sort(reverse=True)
    out: dict[str, str] = {}
    used: set[str] = set()
    for _, n, o in pairs:
        if n not in out and o not in used:
            out[n] = o
            used.add(o)
    return out


def match_doors(old: Any, new: Any, rooms: dict[str, str]) -> dict[str, str]:
    pairs = []
    for dn in new.doors:
        want = {rooms.get(x, x) if x != OUTSIDE else OUTSIDE for x in dn.rooms}
        for do in old.doors:
            dist = math.dist(dn.midpoint, do.midpoint)
            same_rooms = set(do.rooms) == want
            if same_rooms or dist < 500:
                pairs.append(((0 if same_rooms else 1), dist, dn.id, do.id))
    pairs.sort()
    out: dict[str, str] = {}
    used: set[str] = set()
    for _, _, n, o in pairs:
        if n not in out and o not in used:
            out[n] = o
            used.add(o)
    return out


def match_units(old: Any, new: Any, rooms: dict[str, str]) -> dict[str, str]:
    out = {}
    for un in new.units:
        votes: dict[str, int] = {}
        for rid in un.rooms:
            o = rooms.get(rid)
            if o is None:
                continue
            for uo in old.units:
                if o in uo.rooms:
                    votes[uo.id] = votes.get(uo.id, 0) + 1
        if votes:
            out[un.id] = max(votes, key=votes.__getitem__)
    return out


def area_changes(a: Report, b: Report, rooms: dict[str, str]) -> dict[str, Any]:
    """Rooms added, removed or changed in area or function (matched by ``rooms``: new id -> old id), and
    the area per function where it changed."""
    room_changes: list[dict[str, Any]] = []
    new_rooms = {r.id: r for r in b.plan.rooms}
    old_rooms = {r.id: r for r in a.plan.rooms}
    for nid, r in new_rooms.items():
        oid = rooms.get(nid)
        if oid is None:
            room_changes.append(
                {
                    "new": nid,
                    "old": None,
                    "label": r.label,
                    "old_m2": None,
                    "new_m2": round(r.area_m2, 2),
                    "delta_m2": round(r.area_m2, 2),
                }
            )
            continue
        ro = old_rooms[oid]
        delta = r.area_m2 - ro.area_m2
        if abs(delta) >= 0.01 or r.function != ro.function:
            room_changes.append(
                {
                    "new": nid,
                    "old": oid,
                    "label": r.label,
                    "old_m2": round(ro.area_m2, 2),
                    "new_m2": round(r.area_m2, 2),
                    "delta_m2": round(delta, 2),
                    **({"function": [ro.function, r.function]} if r.function != ro.function else {}),
                }
            )
    for oid, ro in old_rooms.items():
        if oid not in rooms.values():
            room_changes.append(
                {
                    "new": None,
                    "old": oid,
                    "label": ro.label,
                    "old_m2": round(ro.area_m2, 2),
                    "new_m2": None,
                    "delta_m2": round(-ro.area_m2, 2),
                }
            )
    functions: dict[str, dict[str, float]] = {}
    for plan, column in ((a.plan, "old_m2"), (b.plan, "new_m2")):
        for r in plan.rooms:
            functions.setdefault(r.function, {"old_m2": 0.0, "new_m2": 0.0})[column] += r.area_m2
    fn = {
        k: {"old_m2": round(v["old_m2"], 2), "new_m2": round(v["new_m2"], 2), "delta_m2": round(v["new_m2"] - v["old_m2"], 2)}
        for k, v in sorted(functions.items())
        if abs(v["new_m2"] - v["old_m2"]) >= 0.01
    }
    return {"rooms": room_changes, "functions": fn}


def diff_reports(a: Report, b: Report) -> dict[str, Any]:
    rooms = match_rooms(a.plan, b.plan)
    doors = match_doors(a.plan, b.plan, rooms)
    units = match_units(a.plan, b.plan, rooms)
    subject_map = {**rooms, **doors, **units, "plan": "plan"}
    old_by_key = {(f.code, f.result.subject): f for f in a.findings}
    matched_old: set[tuple[str, str]] = set()
    new_failures, fixed, changed = [], [], []
    for f in b.findings:
        key_old = (f.code, subject_map.get(f.result.subject, "?"))
        fo = old_by_key.get(key_old)
        if fo is not None:
            matched_old.add(key_old)
        fd = finding_to_dict(f, b.plan)
        if fo is None:
            if f.failing:
                new_failures.append({**fd, "was": None})
            continue
        od = finding_to_dict(fo, a.plan)
        if f.failing and not fo.failing:
            new_failures.append({**fd, "was": od["status"], "was_measured": od["measured"]})
        elif fo.failing and not f.failing:
            fixed.append({**fd, "was": od["status"], "was_measured": od["measured"], "old_subject": fo.result.subject})
        elif fd["measured"] != od["measured"] or fd["status"] != od["status"]:
            changed.append({**fd, "was": od["status"], "was_measured": od["measured"], "old_subject": fo.result.subject})
    for key, fo in old_by_key.items():
        if key not in matched_old and fo.failing:
            od = finding_to_dict(fo, a.plan)
            fixed.append({**od, "was": od["status"], "status": "gone", "old_subject": fo.result.subject})
    return {
        "old": str(a.plan.source.path),
        "new": str(b.plan.source.path),
        "ruleset": a.ruleset.name,
        "matches": {
            "rooms": dict(sorted(rooms.items())),
            "doors": dict(sorted(doors.items())),
            "units": dict(sorted(units.items())),
        },
        "new_failures": new_failures,
        "fixed": fixed,
        "changed": changed,
        "area": area_changes(a, b, rooms),
        "summary": {
            "new_failures": len(new_failures),
            "fixed": len(fixed),
            "changed": len(changed),
            "old_failing": sum(1 for f in a.findings if f.failing),
            "new_failing": sum(1 for f in b.findings if f.failing),
        },
    }


def _line(f: dict[str, Any]) -> str:
    was = (
        f" (was {f['was']}{', ' + str(f['was_measured']) + ' ' + f['unit'] if f.get('was_measured') is not None else ''})"
        if f.get("was")
        else ""
    )
    return f"{f['code']} {f['rule']} {f['subject']} {f['subject_name']}: {f['message']}{was}"


def diff_text(d: dict[str, Any]) -> str:
    s = d["summary"]
    out = [
        f"{d['old']} → {d['new']} ({d['ruleset']})",
        f"  {s['new_failures']} new failures, {s['fixed']} fixed, {s['changed']} changed; "
        f"failing {s['old_failing']} → {s['new_failing']}",
    ]
    for title, key in (("New failures", "new_failures"), ("Fixed", "fixed"), ("Changed", "changed")):
        if d[key]:
            out.append(f"  {title}:")
            out += [f"    {_line(f)}" for f in d[key]]
    if d["area"]["rooms"]:
        out.append("  Area changes (m²):")
        for r in d["area"]["rooms"]:
            out.append(f"    {r['label'] or r['new'] or r['old']}: {r['old_m2']} → {r['new_m2']} ({r['delta_m2']:+.2f})")
    if d["area"]["functions"]:
        out.append("  By function (m²): " + ", ".join(f"{k} {v['delta_m2']:+.2f}" for k, v in d["area"]["functions"].items()))
    return "\n".join(out) + "\n"


def diff_markdown(d: dict[str, Any]) -> str:
    s = d["summary"]
    out = [
        f"### planeval diff: `{d['old']}` → `{d['new']}`",
        "",
        f"**{s['new_failures']} new failures**, {s['fixed']} fixed, {s['changed']} changed (rule set: {d['ruleset']}).",
        "",
    ]
    for title, key in (("New failures", "new_failures"), ("Fixed", "fixed"), ("Changed", "changed")):
        if d[key]:
            out += [f"#### {title}", "", "| code | subject | message |", "|---|---|---|"]
            out += [f"| {f['code']} | {f['subject']} {_md(f['subject_name'])} | {_md(f['message'])} |" for f in d[key]]
            out.append("")
    if d["area"]["rooms"]:
        out += ["#### Area changes", "", "| room | old m² | new m² | Δ |", "|---|---|---|---|"]
        out += [
            f"| {_md(r['label'] or str(r['new'] or r['old']))} | {r['old_m2']} | {r['new_m2']} | {r['delta_m2']:+.2f} |"
            for r in d["area"]["rooms"]
        ]
    return "\n".join(out) + "\n"


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
