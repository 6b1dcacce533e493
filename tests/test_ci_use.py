"""planeval as CI uses it, item by item of issue 13 ("everyday CI use", determinism, security).

Each test names the defect it guards against; each would fail on the code before the fix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import ezdxf
import pytest
from click.testing import CliRunner

import builders
from planeval.baseline import apply_all, load_baseline, toml_str, write_baseline
from planeval.cli import main
from planeval.findings import Finding, Report, Result, Severity, Status, verdict_of
from planeval.report import writer
from sampleplans import NAMES, ROOT, SAMPLES, sample_report


def cli(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def copy(name: str, where: Path, as_name: str | None = None) -> Path:
    dst = where / (as_name or f"{name}.dxf")
    shutil.copyfile(SAMPLES / f"{name}.dxf", dst)
    return dst


def labels(doc: ezdxf.document.Drawing) -> list[str]:
    return sorted(e.dxf.text for e in doc.modelspace().query("TEXT") if not e.dxf.layer.startswith("PLANEVAL-"))


# ---------------------------------------------------------------------------------------------
# --dxf overlay: text in the file's own encoding
# ---------------------------------------------------------------------------------------------


def test_dxf_overlay_keeps_norwegian_letters_of_an_r2013_file(tmp_path):
    src = SAMPLES / "korttid-40-aia.dxf"  # AC1027 (UTF-8) whose header says ANSI_1252
    out = tmp_path / "overlay.dxf"
    r = cli("check", src, "--rules", "tek17", "-q", "--dxf", out)
    assert r.exit_code in (0, 1), r.output
    raw = out.read_bytes()
    assert "ENTRÉ".encode() in raw and "Ã".encode() not in raw  # was ENTRÃ‰
    assert labels(ezdxf.readfile(out)) == labels(ezdxf.readfile(src))


def test_dxf_overlay_of_an_r2000_file_stays_in_its_code_page(tmp_path):
    doc, msp = builders.new(version="R2000")
    builders.walls_around(msp, 0, 0, 3000, 2500, gaps=[("S", 1000, 1800)])
    builders.door_arc(msp, (1000, -100), 0, 270, 800)
    builders.text(msp, 1500, 1250, "Entré og bøtte")
    src = builders.save(doc, tmp_path, "r2000.dxf")
    assert "Entré".encode("cp1252") in src.read_bytes()
    out = tmp_path / "overlay.dxf"
    r = cli("check", src, "--rules", "tek17", "-q", "--dxf", out)
    assert r.exit_code in (0, 1), r.output
    assert "Entré og bøtte".encode("cp1252") in out.read_bytes()
    assert "Entré og bøtte" in labels(ezdxf.readfile(out))


# ---------------------------------------------------------------------------------------------
# Baselines: building-level findings, stale and expired entries, a missing baseline in the config
# ---------------------------------------------------------------------------------------------

TWO = ("korttid-40-aia", "korttid-40-iso")  # two small units, neither accessible: the building's AR02 fails (with --building)


def test_baseline_then_check_passes_with_a_failing_building_rule(tmp_path):
    plans = [SAMPLES / f"{n}.dxf" for n in TWO]
    base = tmp_path / "b.toml"
    assert cli("check", *plans, "--rules", "tek17", "-q", "--building").exit_code == 1
    r = cli("baseline", *plans, "--rules", "tek17", "-o", base, "--building")
    assert r.exit_code == 0, r.output
    entries = load_baseline(base)
    building = [e for e in entries if e.subject == "building"]
    assert [(e.rule, e.code, e.file) for e in building] == [("accessible-share", "AR02", "")]
    r = cli("check", *plans, "--rules", "tek17", "--baseline", base, "--format", "json", "--building")
    assert r.exit_code == 0, r.output  # was 1: the building's failure was never written
    doc = json.loads(r.stdout)
    assert doc["summary"]["verdict"] == "pass" and doc["summary"]["failing_errors"] == 0
    assert doc["building"]["verdict"] == "pass"
    assert doc["building"]["findings"][0]["accepted"]
    assert doc["baseline"]["stale"] == [] and doc["baseline"]["expired"] == []


def test_stale_and_expired_baseline_entries_are_reported(tmp_path):
    plan = SAMPLES / "korttid-40-aia.dxf"
    base = tmp_path / "b.toml"
    assert cli("baseline", plan, "--rules", "tek17", "-o", base).exit_code == 0
    text = base.read_text(encoding="utf-8")
    first = text.index("# expires = 2027-12-31")
    text = text[:first] + "expires = 2001-01-01" + text[first + len("# expires = 2027-12-31"):]
    text += ('\n[[accept]]\nfile = "korttid-40-aia.dxf"\nrule = "door-clear-width"\ncode = "DW01"\nsubject = "D99"\n'
             'reason = "a door that is gone"\n'
             '\n[[accept]]\nfile = "other-plan.dxf"\nrule = "door-clear-width"\nsubject = "D1"\n')
    base.write_text(text, encoding="utf-8")
    r = cli("check", plan, "--rules", "tek17", "--baseline", base)
    assert r.exit_code == 1  # the expired entry's failure counts again
    assert "baseline: expired entry" in r.stdout and "(expired 2001-01-01)" in r.stdout
    assert "1 stale entry" in r.stdout and "korttid-40-aia.dxf DW01 D99" in r.stdout
    assert "other-plan.dxf" not in r.stdout  # an entry for a file not checked now is not judged
    doc = json.loads(cli("check", plan, "--rules", "tek17", "--baseline", base, "--format", "json").stdout)
    assert doc["baseline"]["stale"] == ["korttid-40-aia.dxf DW01 D99"]
    assert len(doc["baseline"]["expired"]) == 1 and doc["baseline"]["file"] == os.path.relpath(base).replace(os.sep, "/")
    assert doc["reports"][0]["baseline"]["expired"] == doc["baseline"]["expired"]


def test_config_naming_a_missing_baseline_is_one_clear_line(tmp_path, monkeypatch):
    copy("korttid-40-aia", tmp_path, "a.dxf")
    (tmp_path / "planeval.toml").write_text('plans = ["*.dxf"]\nrules = ["tek17"]\nbaseline = "planeval-baseline.toml"\n',
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check")
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "planeval.toml" in lines[0]
    assert "baseline 'planeval-baseline.toml'" in lines[0] and "planeval baseline -o planeval-baseline.toml" in lines[0]
    # the way the README says: write it (plans and rules from the config), then check passes
    r = cli("baseline", "-o", "planeval-baseline.toml")
    assert r.exit_code == 0, r.output
    assert cli("check", "-q").exit_code == 0


def test_readme_config_example_does_not_fail_on_the_first_run(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if b.startswith("# planeval.toml"))
    cfg = tomllib.loads(block)
    assert "baseline" not in cfg  # a first run has no baseline yet: the example only mentions it in a comment
    (tmp_path / "plans").mkdir()
    copy("korttid-40-aia", tmp_path / "plans")
    (tmp_path / "planeval.toml").write_text(block, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("check", "-q").exit_code in (0, 1)


# ---------------------------------------------------------------------------------------------
# Keep going: one unreadable plan does not cancel the run
# ---------------------------------------------------------------------------------------------


def test_one_unreadable_plan_does_not_cancel_the_batch(tmp_path):
    good_a = copy("korttid-40-aia", tmp_path)
    good_b = copy("ungdom-30-nordic", tmp_path)
    bad = tmp_path / "broken.dxf"
    bad.write_text("just some notes\n", encoding="utf-8")
    out = {k: tmp_path / f"r.{k}" for k in ("json", "junit", "html", "md")}
    args = ["check", good_a, bad, good_b, "--rules", "tek17"] + [x for k, p in out.items() for x in (f"--{k}", p)]
    r = cli(*args)
    assert r.exit_code == 2
    assert "broken.dxf: not a DXF" in r.stderr and "1 of 3 plans could not be read" in r.stderr
    assert "korttid-40-aia.dxf — TEK17" in r.stdout and "ungdom-30-nordic.dxf — TEK17" in r.stdout
    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    assert [Path(d["file"]["path"]).name for d in doc["reports"]] == ["korttid-40-aia.dxf", "ungdom-30-nordic.dxf"]
    assert len(doc["errors"]) == 1 and doc["errors"][0]["file"].endswith("broken.dxf")
    assert doc["summary"]["verdict"] == "error" and doc["summary"]["input_errors"] == 1
    junit = ET.parse(out["junit"]).getroot()
    err = junit.find("testsuite[@name='input errors']/testcase/error")
    assert err is not None and err.get("type") == "input-error" and "not a DXF" in err.get("message")
    assert int(junit.get("errors")) >= 1
    html = out["html"].read_text(encoding="utf-8")
    assert "Kunne ikke leses" in html and "broken.dxf" in html  # in the rule set's language (tek17: nb)
    assert "could not read" in out["md"].read_text(encoding="utf-8")


def test_fail_fast_stops_at_the_first_unreadable_plan(tmp_path):
    bad = tmp_path / "broken.dxf"
    bad.write_text("just some notes\n", encoding="utf-8")
    good = copy("korttid-40-aia", tmp_path)
    r = cli("check", bad, good, "--rules", "tek17", "--fail-fast", "--json", tmp_path / "r.json")
    assert r.exit_code == 2
    assert [line for line in r.stderr.splitlines() if "error" in line] == [r.stderr.strip().splitlines()[-1]]
    assert "broken.dxf: not a DXF" in r.stderr and "checking 2/2" not in r.stderr
    assert not (tmp_path / "r.json").exists()


# ---------------------------------------------------------------------------------------------
# A closed pipe, --debug after the command, progress lines
# ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="SIGPIPE is POSIX")
def test_closed_stdout_ends_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "planeval", "rules", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"Rule sets")
    proc.stdout.close()  # as `| head -1` does
    _, err = proc.communicate(timeout=120)
    assert err == b"", err  # was "planeval: internal error: BrokenPipeError …"
    assert proc.returncode in (0, 141)  # 141 when it wrote after the close (128 + SIGPIPE, as any Unix tool)


def test_debug_is_accepted_after_the_command(tmp_path):
    missing = tmp_path / "nope.dxf"
    r = CliRunner().invoke(main, ["inspect", str(missing), "--debug"])
    assert r.exit_code != 2 and type(r.exception).__name__ == "InputError"  # the traceback, not the one line
    r = CliRunner().invoke(main, ["inspect", str(missing)])  # and it does not stick to the next run
    assert r.exit_code == 2 and "file not found" in r.output


def test_plain_progress_lines_when_stderr_is_not_a_terminal():
    plans = [SAMPLES / f"{n}.dxf" for n in TWO]
    r = cli("check", *plans, "--rules", "tek17", "--format", "json")
    assert r.stderr.splitlines() == [f"planeval: checking 1/2 {plans[0]}", f"planeval: checking 2/2 {plans[1]}"]
    json.loads(r.stdout)  # stdout stays the document
    assert cli("check", *plans, "--rules", "tek17", "-q").stderr == ""


# ---------------------------------------------------------------------------------------------
# XML and TOML escaping of any text
# ---------------------------------------------------------------------------------------------

NASTY = "BAD\x01ROM \ud800 \x7f<&>\"'\\"


def nasty_report() -> Report:
    base = sample_report("korttid-40-aia")
    room = replace(base.plan.rooms[0], label=NASTY)
    plan = replace(base.plan, rooms=(room, *base.plan.rooms[1:]))
    res = Result(room.id, Status.FAIL, 1200.0, 1500.0, "mm", f"largest free circle in {NASTY} Ø1200 mm < Ø1500 mm")
    return Report(plan, base.ruleset, [Finding("TS01", "turning-space", Severity.ERROR, "TEK17 §12-7", res)], area=None)


def test_junit_is_valid_xml_whatever_the_labels():
    xml = writer("junit")([nasty_report()], {})
    root = ET.fromstring(xml.encode("utf-8"))  # was: not well-formed (invalid token), or not encodable
    case = root.find("testsuite/testcase")
    assert case is not None and "BAD#x01ROM #xD800 #x7F<&>" in case.get("name")
    failure = case.find("failure")
    assert failure is not None and "#x01" in failure.get("message") and "#xD800" in failure.text


def test_baseline_of_any_label_reads_back_and_accepts_its_finding(tmp_path):
    rep = nasty_report()
    text = write_baseline([rep])
    path = tmp_path / "b.toml"
    path.write_bytes(text.encode("utf-8"))  # was: invalid TOML (a raw control character), or not encodable
    entries = load_baseline(path)
    assert entries[0].subject_name == NASTY.replace("\ud800", "\ufffd")
    applied = apply_all([rep], entries)
    assert applied.accepted == 1 and applied.stale == [] and not verdict_of(rep.findings).failed
    assert tomllib.loads(f"x = {toml_str(chr(0) + chr(31) + 'é')}")["x"] == "\x00\x1fé"


# ---------------------------------------------------------------------------------------------
# One JSON shape; all --rules honoured or refused; --strict and --fail-on-review
# ---------------------------------------------------------------------------------------------

TOP = {"schema_version", "planeval_version", "reports", "summary", "building", "errors", "baseline"}


def test_json_has_one_shape_for_one_plan_and_for_several():
    one = json.loads(writer("json")([sample_report("korttid-40-aia")], {}))
    two = json.loads(writer("json")([sample_report("korttid-40-aia"), sample_report("korttid-40-aia", "husbanken-omsorg")], {}))
    assert set(one) == set(two) == TOP  # was: a bare report for one, {"reports": …} for several
    assert one["schema_version"] == two["schema_version"] == 2
    assert len(one["reports"]) == 1 and len(two["reports"]) == 2
    assert one["summary"]["total"] == len(sample_report("korttid-40-aia").findings)
    assert one["building"] is None and one["errors"] == [] and one["baseline"] is None


def test_area_and_diff_refuse_several_rule_sets(tmp_path):
    plan = SAMPLES / "korttid-40-aia.dxf"
    r = cli("area", plan, "--rules", "tek17", "--rules", "husbanken-omsorg")
    assert r.exit_code == 2 and "area takes one --rules (got 2" in r.output  # was: only the last one used
    r = cli("diff", plan, plan, "--rules", "tek17", "--rules", "husbanken-omsorg")
    assert r.exit_code == 2 and "diff takes one --rules (got 2" in r.output


def finding(status: Status, severity: Severity = Severity.ERROR) -> Finding:
    return Finding("X01", "turning-space", severity, "", Result("R1", status, None, None, "", "x"))


def test_strict_does_not_fail_on_review_items_unless_asked():
    review = [finding(Status.PASS), finding(Status.NEEDS_REVIEW)]
    assert not verdict_of(review, strict=True).failed  # was: --strict could never pass a 2D plan
    assert verdict_of(review, fail_on_review=True).failed
    assert verdict_of([finding(Status.FAIL, Severity.WARNING)], strict=True).failed
    assert verdict_of([finding(Status.ERROR)], strict=True).failed
    assert not verdict_of([finding(Status.FAIL, Severity.WARNING)]).failed


def test_strict_and_fail_on_review_on_the_command_line(tmp_path):
    base = tmp_path / "b.toml"
    plan = SAMPLES / "korttid-40-aia.dxf"
    # accept the failures only: what is left are review items (and passes)
    cli("baseline", plan, "--rules", "tek17", "-o", base)
    text = base.read_text(encoding="utf-8").split("[[accept]]")
    kept = [t for t in text[1:] if "threshold" not in t and "not shown" not in t and "check on site" not in t]
    base.write_text("[[accept]]".join([text[0], *kept]), encoding="utf-8")
    doc = json.loads(cli("check", plan, "--rules", "tek17", "--baseline", base, "--format", "json").stdout)
    s = doc["summary"]
    assert s["needs_review"] > 0 and s["failing_errors"] == 0 and s["failing_warnings"] == 0 and s["error"] == 0
    assert cli("check", plan, "--rules", "tek17", "--baseline", base, "--strict", "-q").exit_code == 0
    r = cli("check", plan, "--rules", "tek17", "--baseline", base, "--fail-on-review", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.stdout)["summary"]["verdict"] == "fail"  # the JSON says what the exit code says


# ---------------------------------------------------------------------------------------------
# Paths, determinism, Markdown size
# ---------------------------------------------------------------------------------------------


def test_reports_do_not_depend_on_how_the_path_was_typed(monkeypatch):
    monkeypatch.chdir(ROOT)
    spellings = ["samples/dxf/korttid-40-aia.dxf", str(SAMPLES / "korttid-40-aia.dxf"),
                 "samples/../samples/dxf/./korttid-40-aia.dxf"]
    outs = [cli("check", p, "--rules", "tek17", "--format", "json").stdout for p in spellings]
    assert outs[0] == outs[1] == outs[2]  # byte-identical, also on rerun (the determinism of the JSON)
    doc = json.loads(outs[0])
    assert doc["reports"][0]["file"]["path"] == "samples/dxf/korttid-40-aia.dxf"  # was the absolute path
    assert [c["path"] for c in doc["reports"][0]["ruleset"]["chain"]] == ["bundled:tek17.toml"]
    assert str(ROOT) not in outs[0]


def test_markdown_of_nine_plans_and_two_rule_sets_fits_a_comment():
    runs = [sample_report(n, rs) for n in NAMES for rs in ("tek17", "husbanken-omsorg")]
    assert len(runs) == 18
    md = writer("md")(runs, {"full_report": ["planeval.html"]})
    assert len(md) <= 60_000  # was 87,477 characters
    assert md.count("\n### ") == 18  # every report keeps its heading and status line
    assert "the full report is in planeval.html" in md
    short = writer("md")([sample_report("korttid-40-aia")], {})
    assert "left out here" not in short  # one plan: nothing folded away


# ---------------------------------------------------------------------------------------------
# Security: data-only inputs, extends and config paths, outputs never over inputs
# ---------------------------------------------------------------------------------------------


def test_extends_cannot_reach_outside_the_allowed_folders(tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    project = tmp_path / "project"
    outside.mkdir()
    project.mkdir()
    shutil.copyfile(ROOT / "planeval" / "rules" / "tek17.toml", outside / "base.toml")
    (project / "trial.toml").write_text('name = "t"\nextends = "../outside/base.toml"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    plan = SAMPLES / "korttid-40-aia.dxf"
    r = cli("check", plan, "--rules", "trial.toml", "-q")
    assert r.exit_code == 2 and "is outside the folders a rule set may extend from" in r.output
    # named on the command line, the base is allowed
    r = cli("check", plan, "--rules", "trial.toml", "--rules", outside / "base.toml", "-q")
    assert r.exit_code in (0, 1), r.output


def test_config_paths_stay_in_the_config_folder(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    copy("korttid-40-aia", project, "a.dxf")
    (tmp_path / "evil.toml").write_text('name = "evil"\nextends = "tek17"\n', encoding="utf-8")
    for key, value in (("rules", '["../evil.toml"]'), ("profile", '"/etc/passwd.toml"'), ("baseline", '"../evil.toml"')):
        (project / "planeval.toml").write_text(f'plans = ["a.dxf"]\nrules = ["tek17"]\n{key} = {value}\n'
                                               if key != "rules" else f'plans = ["a.dxf"]\nrules = {value}\n', encoding="utf-8")
        monkeypatch.chdir(project)
        r = cli("check", "-q")
        assert r.exit_code == 2 and "outside this config's folder" in r.output and key in r.output, (key, r.output)


@pytest.mark.parametrize("case", ["inspect-profile", "check-baseline", "check-config", "two-outputs"])
def test_no_output_over_any_input(tmp_path, case):
    plan = copy("korttid-40-aia", tmp_path)
    victim = tmp_path / "victim.toml"
    if case == "inspect-profile":
        victim.write_text('extends = "aia"\n', encoding="utf-8")
        args = ["inspect", plan, "--profile", victim, "-o", victim]
    elif case == "check-baseline":
        victim.write_text("", encoding="utf-8")
        args = ["check", plan, "--rules", "tek17", "--baseline", victim, "--json", victim]
    elif case == "check-config":
        victim.write_text('rules = ["tek17"]\n', encoding="utf-8")
        args = ["check", plan, "--config", victim, "--json", victim]
    else:
        victim = tmp_path / "r.out"
        args = ["check", plan, "--rules", "tek17", "--json", victim, "--html", tmp_path / "." / "r.out"]
    before = victim.read_bytes() if victim.exists() else None
    r = cli(*args)
    assert r.exit_code == 2, r.output
    assert ("over an input" in r.output) or ("name the same file" in r.output)
    assert (victim.read_bytes() if victim.exists() else None) == before
    assert len(r.output.strip().splitlines()) == 1
