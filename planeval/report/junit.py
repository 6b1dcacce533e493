"""The check report as JUnit XML (pytest's layout), for GitLab, Jenkins, Azure and GitHub test views.

Conventions:

* ``<testsuites>`` holds one ``<testsuite name="<plan file> [<rule set>]">`` per report (plan × rule
  set), with ``tests``, ``failures``, ``errors``, ``skipped`` and ``time="0"``, and properties
  naming the file path, its sha256, the rule set and planeval's version. When several plans were
  checked together and the building block has findings, one more suite ``building [<rule sets>]``
  carries them.
* One ``<testcase classname="planeval.<rule>" name="<code> <subject> <subject name>">`` per finding
  (the subject name is left out when it equals the id, e.g. units; a repeated name gets ``#2``).
  Jenkins shows ``planeval`` as the package and the rule as the class.
* pass: an empty test case. fail: ``<failure type="<code>" message="…">`` whose message gives
  measured, required and margin; a failing **warning** is still a ``<failure>`` (the test did
  fail and CI views should show it), with ``type="warning"`` and the message starting with
  ``(warning)`` — whether it breaks the build is decided by planeval's exit code (``--strict``),
  not by the XML. Check errors: ``<error type="check-error">``. not_applicable and needs_review:
  ``<skipped type="not_applicable|needs_review">`` (a review item is neither passed nor failed).
  Findings accepted by a baseline: ``<skipped type="accepted">`` with the reason.
* Plans that could not be read (``check`` keeps going): a last suite ``input errors`` with one
  ``<testcase>`` per file holding an ``<error type="input-error">`` with the cause.
* Any text (DXF labels included) is made XML 1.0-safe as pytest does (:func:`xml_escape`): control
  characters and lone surrogates become ``#xNN``, so the file always parses.
* Deterministic: findings in report order, no timestamps or host names, ``time="0"``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from planeval.report.fmt import quantity
from planeval.report.json_report import reports_to_dict
from planeval.version import __version__


def _num(v: Any, unit: str) -> str:
    return quantity(v, unit, missing="?")


def _sense(fd: dict[str, Any]) -> str:
    return {">=": "≥ ", "<=": "≤ ", "present": ""}.get(str(fd.get("sense", "")), "")


def numbers(fd: dict[str, Any]) -> str:
    """``measured 660 mm, required ≥ 760 mm, margin -100 mm`` (what CI shows first)."""
    unit = fd.get("unit", "")
    parts = [f"measured {_num(fd.get('measured'), unit)}", f"required {_sense(fd)}{_num(fd.get('required'), unit)}"]
    if fd.get("margin") is not None:
        m = fd["margin"]
        parts.append(f"margin {'+' if m > 0 else ''}{_num(m, unit)}")
    return ", ".join(parts)


def _details(fd: dict[str, Any], d: dict[str, Any]) -> str:
    lines = [
        fd.get("message", ""),
        "",
        f"rule:     {fd.get('rule', '')} ({fd.get('code', '')}), severity {fd.get('severity', '')}",
        f"subject:  {fd.get('subject', '')} {fd.get('subject_name', '')}".rstrip(),
        f"values:   {numbers(fd)}",
        f"source:   {fd.get('source', '')}",
        f"file:     {d.get('file', {}).get('path', '')}",
    ]
    if fd.get("confidence") and fd["confidence"] != "high":
        lines.append(f"confidence: {fd['confidence']} (measured on inferred geometry)")
    if fd.get("location"):
        loc = fd["location"]
        lines.append(f"location: {loc if len(loc) <= 200 else loc[:200] + ' …'}")
    return "\n".join(lines)


def _case_name(fd: dict[str, Any]) -> str:
    subject = str(fd.get("subject", ""))
    name = str(fd.get("subject_name", "") or "")
    return " ".join(x for x in (str(fd.get("code", "")), subject, name if name != subject else "") if x)


def _suite_for(d: dict[str, Any], parent: ET.Element) -> dict[str, int]:
    file = d.get("file", {})
    rs = d.get("ruleset", {})
    suite = ET.SubElement(parent, "testsuite")
    suite.set("name", f"{Path(str(file.get('path', ''))).name} [{rs.get('name', '')}]")
    props = ET.SubElement(suite, "properties")
    for k, v in (
        ("file", str(file.get("path", ""))),
        ("sha256", str(file.get("sha256", ""))),
        ("ruleset", str(rs.get("name", ""))),
        ("ruleset_files", " ".join(f"{c.get('path', '')}@{str(c.get('sha256', ''))[:12]}" for c in rs.get("chain", []))),
        ("planeval_version", str(d.get("planeval_version", __version__))),
    ):
        ET.SubElement(props, "property", {"name": k, "value": v})
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    rec = d.get("recognition") or {}
    ET.SubElement(props, "property", {"name": "recognition_grade", "value": str(rec.get("grade", ""))})
    if rec.get("judged") is False:  # below the minimum grade: the plan as a whole was not judged (verdict review)
        case = ET.SubElement(suite, "testcase", {"classname": "planeval.recognition", "name": "recognition plan", "time": "0"})
        counts["tests"] += 1
        counts["failures"] += 1
        why = "; ".join(str(x) for x in (d.get("summary") or {}).get("not_judged") or [])
        el = ET.SubElement(case, "failure", {"type": "not-judged", "message": why})
        el.text = "\n".join([why, *(str(n) for n in rec.get("notes") or [])])
    seen: dict[str, int] = {}
    for fd in d.get("findings", []):
        name = _case_name(fd)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} #{seen[name]}"
        case = ET.SubElement(suite, "testcase", {"classname": f"planeval.{fd.get('rule', '')}", "name": name, "time": "0"})
        counts["tests"] += 1
        status = fd.get("status")
        text = _details(fd, d)
        if fd.get("accepted"):
            counts["skipped"] += 1
            msg = f"accepted (baseline): {fd['accepted']} — was {status}: {fd.get('message', '')}"
            el = ET.SubElement(case, "skipped", {"type": "accepted", "message": msg})
            el.text = text
        elif status == "fail":
            counts["failures"] += 1
            warning = fd.get("severity") == "warning"
            msg = f"{'(warning) ' if warning else ''}{numbers(fd)}: {fd.get('message', '')}"
            el = ET.SubElement(case, "failure", {"type": "warning" if warning else str(fd.get("code", "")), "message": msg})
            el.text = text
        elif status == "error":
            counts["errors"] += 1
            el = ET.SubElement(case, "error", {"type": "check-error", "message": str(fd.get("message", ""))})
            el.text = text
        elif status == "needs_review":
            counts["skipped"] += 1
            el = ET.SubElement(case, "skipped", {"type": "needs_review", "message": f"needs review: {fd.get('message', '')}"})
            el.text = text
        elif status == "not_applicable":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", {"type": "not_applicable", "message": f"not applicable: {fd.get('message', '')}"})
    for k in ("tests", "failures", "errors", "skipped"):
        suite.set(k, str(counts[k]))
    suite.set("time", "0")
    return counts


def _building_suite(b: dict[str, Any], parent: ET.Element) -> dict[str, int]:
    findings = b.get("findings") or []
    names = sorted({str(f.get("ruleset", "")) for f in findings})
    suite = ET.SubElement(parent, "testsuite", {"name": f"building [{', '.join(names)}]"})
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for f in findings:
        case = ET.SubElement(suite, "testcase", {
            "classname": f"planeval.{f.get('rule', '')}",
            "name": f"{f.get('code', '')} building [{f.get('ruleset', '')}]",
            "time": "0",
        })
        counts["tests"] += 1
        if f.get("status") == "fail":
            counts["failures"] += 1
            warning = f.get("severity") == "warning"
            msg = f"{'(warning) ' if warning else ''}{numbers(f)}: {f.get('message', '')}"
            el = ET.SubElement(case, "failure", {"type": "warning" if warning else str(f.get("code", "")), "message": msg})
            el.text = f"{f.get('message', '')}\nsource: {f.get('source', '')}"
        elif f.get("status") in ("not_applicable", "needs_review"):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", {"type": str(f.get("status")), "message": str(f.get("message", ""))})
        elif f.get("status") == "error":
            counts["errors"] += 1
            ET.SubElement(case, "error", {"type": "check-error", "message": str(f.get("message", ""))})
    for k in ("tests", "failures", "errors", "skipped"):
        suite.set(k, str(counts[k]))
    suite.set("time", "0")
    return counts


def _input_errors_suite(errors: list[dict[str, Any]], parent: ET.Element) -> dict[str, int]:
    """The plans that could not be read: one test case each, with an ``<error type="input-error">``."""
    suite = ET.SubElement(parent, "testsuite", {"name": "input errors"})
    for e in errors:
        case = ET.SubElement(suite, "testcase", {"classname": "planeval.input", "name": str(e.get("file", "")), "time": "0"})
        el = ET.SubElement(case, "error", {"type": "input-error", "message": str(e.get("message", ""))})
        el.text = f"{e.get('file', '')}: {e.get('message', '')}"
    counts = {"tests": len(errors), "failures": 0, "errors": len(errors), "skipped": 0}
    for k in ("tests", "failures", "errors", "skipped"):
        suite.set(k, str(counts[k]))
    suite.set("time", "0")
    return counts


#: characters XML 1.0 cannot hold (and DEL, as pytest): control characters, lone surrogates, U+FFFE/U+FFFF
_ILLEGAL_XML = re.compile("[^\u0009\u000a\u000d\u0020-\u007e\u0080-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_escape(text: str) -> str:
    """Text an XML 1.0 document can hold, as pytest's ``bin_xml_escape`` makes it: each character XML
    cannot carry becomes ``#xNN`` (``#xNNNN`` above 0xFF); markup is escaped by the XML writer.

    >>> xml_escape("BAD\\x01 \\ud800 ok")
    'BAD#x01 #xD800 ok'
    """
    def repl(m: re.Match[str]) -> str:
        i = ord(m.group())
        return f"#x{i:02X}" if i <= 0xFF else f"#x{i:04X}"

    return _ILLEGAL_XML.sub(repl, text)


def _escape_tree(root: ET.Element) -> None:
    for el in root.iter():
        for k, v in el.attrib.items():
            el.set(k, xml_escape(v))
        if el.text:
            el.text = xml_escape(el.text)


def write_junit(runs: list[Any], context: dict[str, Any] | None = None) -> str:
    data = reports_to_dict(runs, context or {})
    root = ET.Element("testsuites", {"name": "planeval"})
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for d in data["reports"]:
        for k, v in _suite_for(d, root).items():
            total[k] += v
    building = data.get("building")
    if building and building.get("findings"):
        for k, v in _building_suite(building, root).items():
            total[k] += v
    if data.get("errors"):
        for k, v in _input_errors_suite(data["errors"], root).items():
            total[k] += v
    for k in ("tests", "failures", "errors", "skipped"):
        root.set(k, str(total[k]))
    root.set("time", "0")
    _escape_tree(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
