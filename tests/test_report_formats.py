"""Report formats other than console/JSON: JUnit XML, Markdown, the DXF overlay, the HTML (static checks)
and the JSON Schema of the check report."""

from __future__ import annotations

import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import ezdxf
import jsonschema
import pytest
from ezdxf import bbox

import builders
from planeval.api import check as run
from planeval.findings import Finding, Report, Result, Status
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.report import writer
from planeval.report.json_report import reports_to_dict
from sampleplans import NAMES, ROOT, SAMPLES, ruleset, sample_path, sample_plan
from sampleplans import sample_report as report_of

SCHEMA = json.loads((ROOT / "planeval" / "report" / "schema.json").read_text(encoding="utf-8"))
EVIL = "<script>alert(1)</script>|x"


def run_many(plan, rulesets):
    from planeval.api import check_many

    return check_many([plan], rulesets).reports


def plan_of(path: Path):
    """A plan a test drew itself (the bundled samples come from the session's cache: ``sample_plan``)."""
    return build_plan(read_drawing(path))


def synthetic(base: Report) -> Report:
    """A report on a real plan with one finding of every kind (independent of how far the checks are)."""
    room = base.plan.rooms[0].id
    door = base.plan.doors[0].id if base.plan.doors else "plan"
    rs = base.ruleset

    def f(code, rule, severity, result, accepted=""):
        return Finding(code, rule, severity, "TEK17 §12-x", result, accepted)

    findings = [
        f(
            "TS01",
            "turning-space",
            "error",
            Result(room, Status.PASS, 1600.0, 1500.0, "mm", "largest free circle Ø1600 mm ≥ Ø1500 mm"),
        ),
        f(
            "TS01",
            "turning-space",
            "error",
            Result(door, Status.FAIL, 1316.0, 1500.0, "mm", "largest free circle Ø1316 mm < Ø1500 mm"),
        ),
        f("DS01", "door-side-space", "warning", Result(door, Status.FAIL, 175.0, 300.0, "mm", "side space 175 mm < 300 mm")),
        f("DW02", "door-clear-width", "error", Result(door, Status.NEEDS_REVIEW, None, 25.0, "mm", "threshold not shown")),
        f("BT01", "balcony-turning", "error", Result("plan", Status.NOT_APPLICABLE, None, 1500.0, "mm", "no balcony")),
        f(
            "KI01",
            "kitchen-front-space",
            "error",
            Result("plan", Status.ERROR, None, None, "", "kitchen-front-space: the check failed (ValueError: x)"),
        ),
        f(
            "DW01",
            "door-clear-width",
            "error",
            Result(door, Status.FAIL, 660.0, 760.0, "mm", "clear width 660 mm < 760 mm"),
            accepted="M8 door kept for the trial",
        ),
    ]
    return Report(base.plan, rs, findings, area=base.area)


# ---------------------------------------------------------------------------------------------
# JUnit
# ---------------------------------------------------------------------------------------------

EXPECTED_CHILD = {"pass": None, "fail": "failure", "error": "error", "needs_review": "skipped", "not_applicable": "skipped"}


def test_junit_one_suite_per_report_and_one_case_per_finding():
    plan = sample_plan("korttid-40-aia")
    runs = run_many(plan, [ruleset("tek17"), ruleset("husbanken-omsorg")])
    xml = writer("junit")(runs, {})
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 2
    total = 0
    for suite, report in zip(suites, runs, strict=True):
        assert suite.get("name") == f"korttid-40-aia.dxf [{report.ruleset.name}]"
        cases = suite.findall("testcase")
        assert len(cases) == len(report.findings)
        total += len(cases)
        for case, fnd in zip(cases, report.findings, strict=True):
            assert case.get("classname") == f"planeval.{fnd.rule}"
            assert case.get("name").startswith(f"{fnd.code} {fnd.result.subject}")
            assert case.get("time") == "0"
            children = [c.tag for c in case]
            want = EXPECTED_CHILD[fnd.status.value]
            assert children == ([want] if want else []), (case.get("name"), fnd.status)
        for key, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
            assert int(suite.get(key)) == len(suite.findall(f"testcase/{tag}"))
        assert int(suite.get("tests")) == len(cases) and suite.get("time") == "0"
    assert int(root.get("tests")) == total
    # every case name is unique within its suite (CI tools key on classname + name)
    for suite in suites:
        keys = [(c.get("classname"), c.get("name")) for c in suite.findall("testcase")]
        assert len(keys) == len(set(keys))
    # deterministic
    assert writer("junit")(runs, {}) == xml


def test_junit_conventions_for_every_status():
    rep = synthetic(report_of("korttid-40-aia"))
    root = ET.fromstring(writer("junit")([rep], {}))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 7
    passed, failed, warned, review, na, err, accepted = cases
    assert list(passed) == []
    fl = failed.find("failure")
    assert fl is not None and "measured 1316 mm" in fl.get("message") and "required ≥ 1500 mm" in fl.get("message")
    assert "margin -184 mm" in fl.get("message") and "largest free circle" in fl.text
    wf = warned.find("failure")
    assert wf is not None and wf.get("message").startswith("(warning)") and wf.get("type") == "warning"
    assert review.find("skipped").get("type") == "needs_review"
    assert na.find("skipped").get("type") == "not_applicable"
    assert err.find("error") is not None and "check failed" in err.find("error").get("message")
    acc = accepted.find("skipped")
    assert acc is not None and acc.get("type") == "accepted" and "M8 door kept for the trial" in acc.get("message")
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("7", "2", "1", "3")


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------


def evil_plan(tmp_path: Path, label: str = EVIL) -> Path:
    """One small bathroom-ish room whose label is hostile, and a too-narrow entrance door."""
    doc, msp = builders.new()
    builders.walls_around(msp, 0, 0, 3000, 2500, gaps=[("S", 1000, 1800)])
    builders.door_arc(msp, (1000, -100), 0, 270, 800)
    builders.text(msp, 1500, 1250, label)
    return builders.save(doc, tmp_path, "evil.dxf")


def test_markdown_lists_failing_findings():
    rep = report_of("omsorg-tightbath-nordic")
    md = writer("md")([rep], {})
    failing = [f for f in rep.findings if f.failing]
    assert failing, "the sample is expected to fail somewhere"
    assert md.count("### ") == 1 and ("❌" in md) == any(f.severity == "error" for f in failing)
    table = md.split("| | Code | Subject |", 1)[1]
    for f in failing:
        assert f"| {f.code} | {f.result.subject} " in table
    review = [f for f in rep.findings if f.status is Status.NEEDS_REVIEW]
    if review:
        assert f"<details><summary>{len(review)} item" in md
    unit = rep.area["units"][0]
    assert f"| {unit['id']} |" in md and f"{unit['net_m2']:.2f}" in md


def test_markdown_status_line_and_accepted():
    rep = synthetic(report_of("korttid-40-aia"))
    md = writer("md")([rep], {})
    assert md.splitlines()[2].startswith("### ❌")
    assert "1 failing" in md and "⚠️ 1 failing warning" in md and "1 accepted by baseline" in md and "1 check error" in md
    clean = report_of("bofelles-40-nordic")
    if not any(f.failing and f.severity == "error" for f in clean.findings):
        assert "### ✅" in writer("md")([clean], {})


def test_markdown_escapes_dxf_text(tmp_path):
    path = evil_plan(tmp_path)
    rep = run(plan_of(path), ruleset("tek17"))
    assert rep.plan.rooms[0].label == EVIL
    md = writer("md")([rep], {})
    assert "<script>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\|x" in md
    for line in md.splitlines():
        if line.startswith("| ") and "door" in line:
            # the label's | does not add a column (failing table: 7 columns, review table: 3)
            assert line.replace("\\|", "").count("|") in (4, 8), line


# ---------------------------------------------------------------------------------------------
# HTML (static; the browser test drives it)
# ---------------------------------------------------------------------------------------------


def test_html_escapes_labels_and_is_self_contained(tmp_path):
    path = evil_plan(tmp_path, "<script>window.__pwned=1</script>")
    rep = run(plan_of(path), ruleset("tek17"))
    page = writer("html")([rep], {})
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert page.count("<script") == 1  # only our own inline script
    for needle in ("http://", "https://", "src=", "@import", "url("):
        assert needle not in page.replace("http://www.w3.org/2000/svg", "")


def test_html_rows_and_drawings_share_finding_ids():
    rep = report_of("omsorg-tightbath-nordic")
    page = writer("html")([rep], {})
    assert f'id="row-r0f{len(rep.findings) - 1}"' in page
    fail = next(i for i, f in enumerate(rep.findings) if f.code == "TS01" and f.failing)
    assert f'class="pe-fail" data-finding="r0f{fail}"' in page
    assert f'class="pe-required" data-finding="r0f{fail}"' in page
    assert "Ø1316" in page


def test_html_several_reports_and_building():
    a = report_of("korttid-40-aia")
    b = report_of("omsorg-55-aia")
    from planeval.api import Batch
    from planeval.engine import judge_building
    from planeval.multi import building_block

    ctx = {"building": building_block(Batch([a, b], judge_building([a, b])))}
    page = writer("html")([a, b], ctx)
    assert 'id="report-0"' in page and 'id="report-1"' in page and 'id="plan-1"' in page
    assert "Overview" in page and "Building" in page
    md = writer("md")([a, b], ctx)
    assert md.count("\n### ") == 3 and "### Building" in md and "AR02" in md
    junit = ET.fromstring(writer("junit")([a, b], ctx))
    names = [s.get("name") for s in junit.findall("testsuite")]
    assert names[:2] == ["korttid-40-aia.dxf [TEK17 – tilgjengelig boenhet]", "omsorg-55-aia.dxf [TEK17 – tilgjengelig boenhet]"]
    assert len(names) == 2 + bool(ctx["building"].get("findings"))


def test_html_shows_accepted_findings():
    rep = synthetic(report_of("korttid-40-aia"))
    page = writer("html")([rep], {"baseline": {id(rep): {"accepted": 1, "expired": []}}})
    assert 'data-status="accepted"' in page and "M8 door kept for the trial" in page
    assert "1 finding(s) accepted by the baseline" in page
    assert page.count('class="frow st-accepted') == 1


# ---------------------------------------------------------------------------------------------
# DXF overlay
# ---------------------------------------------------------------------------------------------

PLANEVAL_LAYERS = ("PLANEVAL-PASS", "PLANEVAL-FAIL", "PLANEVAL-REVIEW", "PLANEVAL-ZONES", "PLANEVAL-TEXT")


def _overlay(tmp_path: Path, name: str, rules: tuple[str, ...] = ("tek17",)):
    src = sample_path(name)  # the writer re-reads the plan's own source file: the bundled sample
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    plan = sample_plan(name)
    runs = run_many(plan, [ruleset(r) for r in rules])
    data = writer("dxf")(runs, {})
    assert isinstance(data, bytes)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before, "the input file must not change"
    out = tmp_path / f"{name}.overlay.dxf"
    out.write_bytes(data)
    return ezdxf.readfile(out), ezdxf.readfile(src), runs


def _inside(box, outer, slack: float) -> bool:
    return (
        box.extmin.x >= outer.extmin.x - slack
        and box.extmin.y >= outer.extmin.y - slack
        and box.extmax.x <= outer.extmax.x + slack
        and box.extmax.y <= outer.extmax.y + slack
    )


@pytest.mark.parametrize("name", ["bofelles-40-nordic", "omsorg-tightbath-nordic", "korttid-40-aia"])
def test_dxf_overlay_layers_and_placement(tmp_path, name):
    doc, original, runs = _overlay(tmp_path, name)
    assert doc.dxfversion == original.dxfversion
    for layer in PLANEVAL_LAYERS:
        assert layer in doc.layers
    colours = {doc.layers.get(x).color for x in PLANEVAL_LAYERS}
    assert len(colours) == len(PLANEVAL_LAYERS)
    msp = doc.modelspace()
    # the original content is all still there
    assert len([e for e in msp if not e.dxf.layer.startswith("PLANEVAL-")]) == len(original.modelspace())
    plan_box = bbox.extents(original.modelspace())
    span = max(plan_box.size.x, plan_box.size.y)
    geometry = [e for e in msp if e.dxf.layer in PLANEVAL_LAYERS[:4]]
    assert geometry
    for e in geometry:
        assert _inside(bbox.extents([e]), plan_box, 0.02 * span), (e.dxf.layer, e.dxftype(), bbox.extents([e]))
    texts = msp.query('TEXT[layer=="PLANEVAL-TEXT"]')
    assert (
        len(texts)
        >= len([f for f in runs[0].findings if f.result.location is not None and f.status.value != "not_applicable"]) // 2
    )
    for t in texts:  # the summary block sits in the frame's padding above the plan
        assert _inside(bbox.extents([t]), plan_box, 0.6 * span)
    # failing turning circles are drawn with their measured diameter, in drawing units
    s = runs[0].plan.source.units.mm_per_unit
    for f in runs[0].findings:
        if f.code == "TS01" and f.failing:
            radii = [c.dxf.radius for c in msp.query('CIRCLE[layer=="PLANEVAL-FAIL"]')]
            assert any(abs(r - f.result.measured / 2 / s) < 5 / s for r in radii)
            required = [c for c in msp.query('CIRCLE[layer=="PLANEVAL-FAIL"]') if c.dxf.linetype == "PLANEVAL_DASHED"]
            assert any(abs(c.dxf.radius - f.result.required / 2 / s) < 1 / s for c in required)
            assert any(t.dxf.text.startswith(f"TS01 {f.result.subject} Ø{f.result.measured:.0f}/") for t in texts)


def test_dxf_overlay_metres_sample_is_in_metres(tmp_path):
    doc, original, runs = _overlay(tmp_path, "bofelles-40-nordic")
    assert original.header["$INSUNITS"] == 6 and runs[0].plan.source.units.mm_per_unit == 1000.0
    circles = doc.modelspace().query('CIRCLE[layer=="PLANEVAL-PASS"]')
    assert circles and all(c.dxf.radius < 5 for c in circles)  # metres, not millimetres


def test_dxf_overlay_several_rule_sets_prefix_texts(tmp_path):
    doc, _, runs = _overlay(tmp_path, "korttid-40-aia", ("tek17", "husbanken-omsorg"))
    texts = [t.dxf.text for t in doc.modelspace().query('TEXT[layer=="PLANEVAL-TEXT"]')]
    assert any(t.startswith("[tek17] ") for t in texts) and any(t.startswith("[husbanken-omsorg] ") for t in texts)


def test_dxf_overlay_r12_and_rerun(tmp_path):
    doc, msp = builders.new(insunits=None, version="R12")
    builders.walls_around(msp, 0, 0, 3000, 2500, gaps=[("S", 1000, 1900)], style="double")  # LINEs: R12 has no LWPOLYLINE
    builders.door_arc(msp, (1000, -100), 0, 270, 900)
    builders.text(msp, 1500, 1250, "Bad")
    src = builders.save(doc, tmp_path, "r12.dxf")
    rep = run(plan_of(src), ruleset("tek17"))
    out = tmp_path / "r12.overlay.dxf"
    out.write_bytes(writer("dxf")([rep], {}))
    copy = ezdxf.readfile(out)
    assert copy.dxfversion == "AC1009"
    assert len(copy.modelspace().query('*[layer=="PLANEVAL-TEXT"]')) > 0
    # an overlay fed back in does not accumulate PLANEVAL entities
    rep2 = run(plan_of(out), ruleset("tek17"))
    again = tmp_path / "again.dxf"
    again.write_bytes(writer("dxf")([rep2], {}))
    n1 = len(copy.modelspace().query('*[layer=="PLANEVAL-TEXT"]'))
    n2 = len(ezdxf.readfile(again).modelspace().query('*[layer=="PLANEVAL-TEXT"]'))
    assert n1 == n2


# ---------------------------------------------------------------------------------------------
# JSON Schema (validated with jsonschema, by the draft schema.json declares)
# ---------------------------------------------------------------------------------------------

VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


def _errors(error: jsonschema.ValidationError) -> list[str]:
    """``"<json path>: <message>"`` for an error and, for oneOf/anyOf, the errors of its branches."""
    return [f"{error.json_path}: {error.message}"] + [e for sub in error.context or () for e in _errors(sub)]


def validate(inst: Any, schema: Any = SCHEMA) -> list[str]:
    """Every way ``inst`` breaks ``schema`` (empty when it validates)."""
    validator = VALIDATOR if schema is SCHEMA else jsonschema.validators.validator_for(schema)(schema)
    return [e for error in validator.iter_errors(inst) for e in _errors(error)]


def test_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert type(VALIDATOR) is jsonschema.Draft202012Validator
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    # every local $ref resolves
    refs = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(SCHEMA)
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), f"{ref}: schema.json is self-contained"
        target: Any = SCHEMA
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        assert isinstance(target, dict), ref


@pytest.mark.parametrize("name", NAMES)
def test_sample_reports_validate(name):
    doc = json.loads(writer("json")([report_of(name)], {}))
    assert validate(doc, SCHEMA) == []


def test_multi_report_and_synthetic_validate():
    a, b = report_of("korttid-40-aia"), report_of("omsorg-55-aia")
    from planeval.api import Batch
    from planeval.engine import judge_building
    from planeval.multi import building_block

    ctx = {"building": building_block(Batch([a, b], judge_building([a, b])))}
    doc = json.loads(writer("json")([a, b], ctx))
    assert len(doc["reports"]) == 2 and doc["building"]["plans"] == 2
    assert validate(doc, SCHEMA) == []
    with_errors = json.loads(writer("json")([a], {"errors": [{"file": "x.dxf", "message": "not a DXF file"}],
                                                   "baseline_summary": {"file": "b.toml", "accepted": 0, "expired": [],
                                                                        "stale": ["x.dxf DW01 D9"]}}))
    assert with_errors["summary"]["verdict"] == "error" and validate(with_errors, SCHEMA) == []
    syn = reports_to_dict([synthetic(a)])
    assert validate(syn, SCHEMA) == []


def test_schema_rejects_broken_reports():
    good = reports_to_dict([report_of("korttid-40-aia")])
    assert validate(good, SCHEMA) == []
    bad = json.loads(json.dumps(good))
    bad["reports"][0]["findings"][0]["status"] = "passed"
    assert any("reports[0].findings[0].status" in e for e in validate(bad, SCHEMA))
    bad = json.loads(json.dumps(good))
    del bad["reports"][0]["ruleset"]["chain"]
    assert validate(bad, SCHEMA)
    bad = json.loads(json.dumps(good))
    bad["reports"][0]["findings"][1]["severity"] = "fatal"
    assert validate(bad, SCHEMA)
    bad = json.loads(json.dumps(good))
    bad["reports"][0]["summary"]["fail"] = "2"
    assert validate(bad, SCHEMA)
    bad = json.loads(json.dumps(good))
    bad["summary"]["verdict"] = "maybe"
    assert validate(bad, SCHEMA)
    for key in ("errors", "building", "baseline"):  # schema 2: the same top-level keys, always
        bad = json.loads(json.dumps(good))
        del bad[key]
        assert validate(bad, SCHEMA), key
    bare = good["reports"][0]  # schema 1's one-plan shape is no longer a document
    assert validate(bare, SCHEMA)


def test_schema_is_package_data():
    from importlib import resources

    text = resources.files("planeval.report").joinpath("schema.json").read_text(encoding="utf-8")
    assert json.loads(text)["title"] == "planeval check report"


def test_accepted_findings_carry_the_reason_in_json():
    rep = report_of("korttid-40-aia")
    accepted = replace(rep.findings[0], accepted="known")
    doc = reports_to_dict([Report(rep.plan, rep.ruleset, [accepted], area=rep.area)])
    assert doc["reports"][0]["findings"][0]["accepted"] == "known" and validate(doc, SCHEMA) == []


# ---------------------------------------------------------------------------------------------
# Every writer on odd findings, and through the CLI
# ---------------------------------------------------------------------------------------------


def odd(base: Report) -> Report:
    """Findings with every geometry type a check might hand back (and none)."""
    from shapely.geometry import GeometryCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon

    from planeval.findings import Zone

    room = base.plan.rooms[0]
    c = room.polygon.representative_point()
    box = Polygon([(c.x - 300, c.y - 300), (c.x + 300, c.y - 300), (c.x + 300, c.y + 300), (c.x - 300, c.y + 300)])
    geoms = [
        Point(c.x, c.y),
        LineString([(c.x, c.y), (c.x + 500, c.y)]),
        MultiLineString([[(c.x, c.y), (c.x, c.y + 400)], [(c.x + 10, c.y), (c.x + 10, c.y + 400)]]),
        MultiPolygon([box, box.buffer(-100)]),
        GeometryCollection([Point(c.x, c.y), box]),
        Polygon(),
        None,
    ]
    findings = []
    for i, g in enumerate(geoms):
        res = Result(
            room.id,
            [Status.FAIL, Status.PASS, Status.NEEDS_REVIEW][i % 3],
            600.0 + i,
            900.0,
            "mm",
            f"odd geometry {i} <b>",
            location=g,
            zones=(Zone("passage", box, room.id), Zone("empty", Polygon(), None)),
            details={"bottleneck": [c.x, c.y], "center": "not a point"},
        )
        findings.append(Finding("PA01", "passage-width", "error", "", res))
    return Report(base.plan, base.ruleset, findings, area=None)


@pytest.mark.parametrize("fmt", ["html", "junit", "md", "dxf", "json"])
def test_every_writer_survives_odd_findings(fmt, tmp_path):
    rep = odd(report_of("korttid-40-aia"))
    out = writer(fmt)([rep], {})
    assert out
    if fmt == "html":
        assert "odd geometry 0 &lt;b&gt;" in out and "<b>" not in out.split("<body>", 1)[1].replace("<b>PA01</b>", "")
    if fmt == "dxf":
        p = tmp_path / "odd.dxf"
        p.write_bytes(out)
        assert len(ezdxf.readfile(p).modelspace().query('*[layer=="PLANEVAL-FAIL"]'))
    if fmt == "json":
        assert validate(json.loads(out), SCHEMA) == []


def test_cli_writes_every_format(tmp_path):
    from click.testing import CliRunner

    from planeval.cli import main

    src = tmp_path / "plan.dxf"
    shutil.copyfile(SAMPLES / "omsorg-tightbath-nordic.dxf", src)
    outs = {k: tmp_path / f"out.{k}" for k in ("json", "html", "junit", "md", "dxf")}
    args = ["check", str(src), "--rules", "tek17", "-q"] + [x for k, p in outs.items() for x in (f"--{k}", str(p))]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    for k, p in outs.items():
        assert p.exists() and p.stat().st_size > 0, k
    ET.parse(outs["junit"])
    assert ezdxf.readfile(outs["dxf"]).layers.has_entry("PLANEVAL-FAIL")
    assert outs["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
