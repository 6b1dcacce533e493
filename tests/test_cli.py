"""The command line as users meet it: outputs, exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import two_rooms
from planeval.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "dxf"


# Tests marked ``cli_reads_samples_once`` get the bundled samples' plans from the session's cache (see
# tests/conftest.py); the tests of reading itself (bad input, determinism, config, a real process) read.


def cli(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def test_version():
    r = cli("--version")
    assert r.exit_code == 0 and "planeval" in r.output


@pytest.mark.usefixtures("cli_reads_samples_once")  # the samples' plans from the session cache
def test_inspect_text_json_svg(tmp_path):
    plan = SAMPLES / "omsorg-55-aia.dxf"
    r = cli("inspect", plan)
    assert r.exit_code == 0 and "Rooms" in r.output and "STUE/KJØKKEN" in r.output
    out = tmp_path / "seen.svg"
    r = cli("inspect", plan, "--format", "json", "--svg", out)
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert d["units"]["drawing_unit"] == "mm" and d["units"]["source"] == "header"
    assert {"id", "label", "function", "area_m2", "polygon"} <= set(d["rooms"][0])
    assert {"id", "leaf_width_mm", "clear_width_mm", "rooms"} <= set(d["doors"][0])
    assert d["rooms"][0]["polygon"].startswith("POLYGON")
    svg = out.read_text(encoding="utf-8")
    assert svg.count('class="pe-room"') == len(d["rooms"]) and "<svg" in svg


def test_inspect_json_is_deterministic():
    from planeval.cli import dumps
    from planeval.report.plan import plan_to_dict
    from sampleplans import sample_plan

    # this run reads the file; the session's cached plan was read by another read of the same file
    a = cli("inspect", SAMPLES / "familie-70-revit.dxf", "--format", "json").output
    b = dumps(plan_to_dict(sample_plan("familie-70-revit")))
    assert a == b


def test_a_report_does_not_depend_on_what_the_process_did_before(tmp_path, monkeypatch):
    """The JSON of a check in a fresh process, byte for byte the JSON of the same check run in-process
    after other commands (another rule set, another language, area with the slack, inspect, a batch).
    Module-level state that one command leaves behind (the slack's definition had been written into
    scoring's own definitions) shows here whatever order the suite runs in."""
    args = ["check", "samples/dxf/omsorg-55-aia.dxf", "--rules", "tek17", "--format", "json"]
    root = SAMPLES.parent.parent
    fresh = subprocess.run([sys.executable, "-m", "planeval", *args], capture_output=True, timeout=300, cwd=root)
    assert fresh.returncode in (0, 1), fresh.stderr
    monkeypatch.chdir(root)
    for before in (["area", "samples/dxf/ungdom-30-nordic.dxf", "--rules", "husbanken-omsorg", "--slack", "--format", "json"],
                   ["check", "samples/dxf/korttid-40-aia.dxf", "samples/dxf/omsorg-55-revit.dxf", "--rules", "trial-turning-1300",
                    "--lang", "en", "--html", str(tmp_path / "r.html")],
                   ["inspect", "samples/dxf/omsorg-55-aia.dxf", "--units", "cm"],
                   ["check", "samples/dxf/omsorg-55-aia.dxf", "--rules", "husbanken-omsorg-min", "--strict"]):
        r = CliRunner().invoke(main, before)
        assert r.exit_code in (0, 1, 2), r.output
    later = CliRunner().invoke(main, args)
    assert later.stdout_bytes == fresh.stdout


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: None, "file not found"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_text("just some notes\n"), "not a DXF"),
        (lambda p: p.write_bytes(b"AC1032" + bytes(100)), "DWG"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, setup, message):
    p = tmp_path / "plan.dxf"
    setup(p)
    r = CliRunner().invoke(main, ["inspect", str(p)])
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(p) in lines[0]
    assert "Traceback" not in r.output


def test_no_traceback_in_a_real_process(tmp_path):
    bad = tmp_path / "broken.dxf"
    data = (SAMPLES / "omsorg-55-aia.dxf").read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    r = subprocess.run([sys.executable, "-m", "planeval", "check", str(bad), "--rules", "tek17"], capture_output=True, text=True)
    assert r.returncode in (0, 1, 2)
    assert "Traceback" not in r.stderr
    if r.returncode == 2:
        assert len(r.stderr.strip().splitlines()) == 1 and "broken.dxf" in r.stderr


@pytest.mark.usefixtures("cli_reads_samples_once")  # the samples' plans from the session cache
def test_check_exit_codes_and_json(tmp_path):
    r = cli("check", SAMPLES / "omsorg-tightbath-nordic.dxf", "--rules", "tek17", "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert doc["schema_version"] == 2 and len(doc["reports"]) == 1 and doc["errors"] == []
    d = doc["reports"][0]
    assert doc["summary"]["fail"] == d["summary"]["fail"]  # one plan, no building: the run's counts are the report's
    assert d["ruleset"]["name"].startswith("TEK17") and d["ruleset"]["chain"][0]["sha256"]
    assert d["summary"]["fail"] >= 1
    statuses = {f["status"] for f in d["findings"]}
    assert statuses <= {"pass", "fail", "not_applicable", "needs_review", "error"}
    f = next(f for f in d["findings"] if f["rule"] == "turning-space" and f["status"] == "fail")
    assert f["unit"] == "mm" and f["measured"] < f["required"] and f["margin"] == f["measured"] - f["required"]
    room_ids = {r["id"] for r in d["rooms"]}
    assert f["subject"] in room_ids  # the same ids as `inspect`


@pytest.mark.usefixtures("cli_reads_samples_once")  # the samples' plans from the session cache
def test_check_relaxed_ruleset_changes_the_verdict(tmp_path):
    strict = json.loads(cli("check", SAMPLES / "omsorg-tightbath-nordic.dxf", "--rules", "tek17", "--format", "json").output)
    loose = json.loads(
        cli("check", SAMPLES / "omsorg-tightbath-nordic.dxf", "--rules", "trial-turning-1300", "--format", "json").output
    )
    strict, loose = strict["reports"][0], loose["reports"][0]

    def ts(d):
        return {f["subject"]: f for f in d["findings"] if f["code"] == "TS01"}

    bath = next(s for s, f in ts(strict).items() if f["status"] == "fail")
    assert ts(loose)[bath]["status"] == "pass"
    assert ts(loose)[bath]["measured"] == ts(strict)[bath]["measured"]  # measured once, judged twice


@pytest.mark.usefixtures("cli_reads_samples_once")  # the samples' plans from the session cache
def test_check_input_error_and_missing_rules(tmp_path):
    assert CliRunner().invoke(main, ["check", str(SAMPLES / "omsorg-55-aia.dxf")]).exit_code == 2
    r = CliRunner().invoke(main, ["check", str(SAMPLES / "omsorg-55-aia.dxf"), "--rules", "tek71"])
    assert r.exit_code == 2 and "did you mean 'tek17'" in r.output


def test_never_overwrites_the_input(tmp_path):
    p = tmp_path / "plan.dxf"
    p.write_bytes((SAMPLES / "omsorg-55-aia.dxf").read_bytes())
    before = p.read_bytes()
    r = CliRunner().invoke(main, ["check", str(p), "--rules", "tek17", "--json", str(p)])
    assert r.exit_code == 2 and "over an input" in r.output
    assert p.read_bytes() == before


def test_rules_commands():
    r = cli("rules", "list")
    assert r.exit_code == 0 and "tek17" in r.output and "turning-space" in r.output and "TS01" in r.output
    r = cli("rules", "explain", "turning-space")
    assert "What it checks" in r.output and "diameter_mm" in r.output
    r = cli("rules", "show", "trial-turning-1400")
    assert "diameter_mm = 1400" in r.output and "tek17.toml" in r.output


@pytest.mark.usefixtures("cli_reads_samples_once")  # the samples' plans from the session cache
def test_area_command_formats():
    plan = SAMPLES / "korridor-4units-aia.dxf"
    d = json.loads(cli("area", plan, "--format", "json").output)
    units = d["plans"][0]["units"]
    assert len(units) == 4 and all(u["net_m2"] > 25 for u in units)
    csv_text = cli("area", plan, "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("file,unit,type,net_m2") and len(csv_text.splitlines()) == 5


@pytest.mark.usefixtures("cli_reads_samples_once")  # the samples' plans from the session cache
def test_baseline_round_trip(tmp_path):
    plan = SAMPLES / "omsorg-tightbath-nordic.dxf"
    base = tmp_path / "baseline.toml"
    r = cli("baseline", plan, "--rules", "tek17", "-o", base)
    assert r.exit_code == 0 and "[[accept]]" in base.read_text(encoding="utf-8")
    r = cli("check", plan, "--rules", "tek17", "--baseline", base)
    assert r.exit_code == 0, r.output  # every known failure accepted
    text = base.read_text(encoding="utf-8").replace("# expires = 2027-12-31", "expires = 2001-01-01", 1)
    base.write_text(text, encoding="utf-8")
    r = cli("check", plan, "--rules", "tek17", "--baseline", base)
    assert r.exit_code == 1  # the expired acceptance no longer hides its failure


def test_project_config(tmp_path, monkeypatch):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.dxf").write_bytes((SAMPLES / "omsorg-55-aia.dxf").read_bytes())
    (tmp_path / "planeval.toml").write_text('plans = ["plans/*.dxf"]\nrules = ["tek17"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["check", "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    assert json.loads(r.output)["reports"][0]["file"]["path"] == "plans/a.dxf"  # relative to the working directory
    (tmp_path / "planeval.toml").write_text('plan = ["plans/*.dxf"]\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["check"])
    assert r.exit_code == 2 and "did you mean 'plans'" in r.output


def test_diff_new_and_fixed(tmp_path):
    (tmp_path / "old").mkdir()
    old = two_rooms(tmp_path / "old")
    import ezdxf

    doc = ezdxf.readfile(old)
    # the revision moves the bedroom's east wall 1.2 m inwards: the room shrinks
    for e in doc.modelspace().query("LWPOLYLINE"):
        pts = [(x if x < 5000 else x - 1200, y) for x, y, *_ in e.get_points()]
        e.set_points(pts)
    new = tmp_path / "new.dxf"
    doc.saveas(new)
    r = cli("diff", old, new, "--rules", "tek17", "--format", "json")
    d = json.loads(r.output)
    assert d["matches"]["rooms"]  # rooms matched by label
    shrunk = [x for x in d["area"]["rooms"] if x["delta_m2"] < -1]
    assert shrunk and shrunk[0]["delta_m2"] == pytest.approx(-4.8, abs=0.05)
    assert r.exit_code == (1 if d["new_failures"] else 0)
