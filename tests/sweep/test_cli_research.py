"""planeval sweep, sweep-report and trial-rules from the command line: outputs, one-line errors, exit 2."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from planeval.cli import main
from sweep.helpers import SAMPLES

GRID = ("--rules", "tek17", "--rules", "trial-turning-1300", "--vary", "turning-space.diameter_mm=1200:1500:100",
        "--vary", "wc-clearance.side_small_mm=200,900")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    shutil.copy(SAMPLES / "ungdom-30-nordic.dxf", d / "ungdom.dxf")
    r = run("sweep", d / "ungdom.dxf", *GRID, "--out", d / "r.duckdb", "--jobs", "0")
    assert r.exit_code == 0, r.output
    return d, r


def test_sweep_command(results):
    d, r = results
    assert "1 plan × 16 variants: 16 runs judged" in r.stdout
    assert "sweep: 1/1 plans, 16/16 runs (100%)" in r.stderr and "ETA" in r.stderr  # plain progress lines: not a terminal
    again = run("sweep", d / "ungdom.dxf", *GRID, "--out", d / "r.duckdb", "-q")
    assert again.exit_code == 0 and "0 runs judged, 16 already in" in again.stdout and again.stderr == ""


def test_sweep_report_writes_every_format(results, tmp_path):
    d, _ = results
    r = run("sweep-report", d / "r.duckdb", "--html", tmp_path / "r.html", "--md", tmp_path / "r.md", "--csv", tmp_path / "csv",
            "--latex", tmp_path / "r.tex")
    assert r.exit_code == 0, r.output
    page = (tmp_path / "r.html").read_text()
    assert page.count("<svg") >= 4  # self-contained: plots inline, nothing fetched
    assert not any(x in page for x in ("<script", " src=", "<link", 'href="http', "url(http"))
    assert "Pass rate per rule against turning-space.diameter_mm" in page and "Critical values" in page
    md = (tmp_path / "r.md").read_text()
    assert "| base | rule | value | passing | failing | pass_rate |" in md
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "critical.csv", "overview.csv", "pass_rate_turning_space_diameter_mm.csv", "pass_rate_wc_clearance_side_small_mm.csv",
        "units_passing.csv"]
    tex = (tmp_path / "r.tex").read_text()
    assert "\\toprule" in tex and "turning-space.diameter\\_mm" in tex


def test_sweep_report_of_results_without_a_newer_table(results, tmp_path):
    import duckdb

    old = tmp_path / "old.duckdb"
    shutil.copy(results[0] / "r.duckdb", old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP TABLE shrink")
    r = run("sweep-report", old, "--md", tmp_path / "r.md")
    assert r.exit_code == 0, r.output


def test_sweep_report_of_parquet_results(tmp_path):
    r = run("sweep", SAMPLES / "ungdom-30-nordic.dxf", "--rules", "tek17", "--out", tmp_path / "pq", "--format", "parquet",
            "--jobs", "0", "-q")
    assert r.exit_code == 0, r.output
    r = run("sweep-report", tmp_path / "pq", "--md", tmp_path / "r.md")
    assert r.exit_code == 0 and "No parameter" not in (tmp_path / "r.md").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (("sweep", SAMPLES / "ungdom-30-nordic.dxf", "--rules", "tek17", "--vary", "turning-space.diameter_mm=a:b:c",
      "--out", "{t}/x.duckdb"), "not a number"),
    (("sweep", "{t}/none.dxf", "--rules", "tek17", "--out", "{t}/x.duckdb"), "none.dxf: plan file not found"),
    (("sweep", SAMPLES / "ungdom-30-nordic.dxf", "--rules", "tek71", "--out", "{t}/x.duckdb"), "no bundled rule set 'tek71'"),
    (("sweep", SAMPLES / "ungdom-30-nordic.dxf", "--rules", "tek17", "--out", "{t}", "--jobs", "0"), "is a directory"),
    (("sweep-report", "{t}/missing.duckdb", "--html", "{t}/r.html"), "missing.duckdb: sweep results not found"),
    (("sweep-report", "{t}", "--md", "{t}/r.md"), "no runs.parquet or runs.csv"),
    (("sweep-report", "{t}/x"), "nothing to write"),
    (("trial-rules", "{t}/none.csv"), "none.csv: observations file not found"),
])
def test_errors_are_one_line_and_exit_2(tmp_path, args, message):
    r = run(*(str(a).replace("{t}", str(tmp_path)) for a in args))
    assert r.exit_code == 2, r.output
    assert len(r.stderr.strip().splitlines()) == 1 and message in r.stderr and "Traceback" not in r.stderr


def test_trial_rules_command(tmp_path):
    obs = tmp_path / "obs.csv"
    obs.write_text("participant,requirement,value\nP1,turning_diameter,1300\nP2,turning_diameter,1400\n")
    r = run("trial-rules", obs, "--extends", "tek17", "--percentile", "50", "-o", tmp_path / "trial.toml")
    assert r.exit_code == 0, r.output
    r = run("rules", "show", tmp_path / "trial.toml")
    assert r.exit_code == 0 and "diameter_mm = 1350.0" in r.stdout
