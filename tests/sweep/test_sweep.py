"""Sweeps end to end: tables, resume, broken plans, time limits, Parquet/CSV and Dask equal to local."""

from __future__ import annotations

import json
import shutil

import pytest

from planeval.errors import InputError
from planeval.sweep import sweep
from planeval.sweep.execute import collect_plans
from planeval.sweep.store import connect_results
from sweep.helpers import SAMPLES, contents

VARY = ["turning-space.diameter_mm=1300,1500"]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """Two small samples in a folder, and their sweep on a local pool of two workers (made once)."""
    d = tmp_path_factory.mktemp("sweep")
    (d / "plans").mkdir()
    for name in ("ungdom-30-nordic", "omsorg-tightbath-nordic"):
        shutil.copy(SAMPLES / f"{name}.dxf", d / "plans" / f"{name}.dxf")
    s = sweep([str(d / "plans")], ["tek17"], VARY, d / "local.duckdb", jobs=2)
    return d, s


@pytest.fixture
def folder(shared, tmp_path):
    d = tmp_path / "plans"
    shutil.copytree(shared[0] / "plans", d)
    return d


def test_sweep_fills_the_tables_and_resumes(shared, folder, tmp_path):
    s = shared[1]
    assert (s.plans, s.variants, s.runs, s.skipped, s.errors) == (2, 2, 4, 0, 0)
    out = tmp_path / "r.duckdb"
    shutil.copy(shared[0] / "local.duckdb", out)
    con = connect_results(out)
    runs = con.execute("SELECT plan_name, params, verdict, units, computed, reused FROM runs ORDER BY ALL").fetchall()
    assert len(runs) == 4 and {json.loads(r[1])["turning-space.diameter_mm"] for r in runs} == {1300.0, 1500.0}
    # measure once, judge many: per plan, one variant computes the geometry, the other reuses nearly all of it
    for plan in ("ungdom-30-nordic.dxf", "omsorg-tightbath-nordic.dxf"):
        first, second = sorted((r[4], r[5]) for r in runs if r[0] == plan)
        assert first[0] < 0.1 * second[0] and first[1] > 0
    n_findings = con.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert n_findings > 40
    ts = con.execute("SELECT DISTINCT status FROM findings WHERE rule = 'turning-space' AND subject LIKE 'R%'").fetchall()
    assert ts and con.execute("SELECT count(*) FROM areas").fetchone()[0] == 4
    crit = con.execute("SELECT param, kind, statement FROM critical WHERE rule = 'turning-space'").fetchall()
    assert crit and all(p == "turning-space.diameter_mm" for p, _, _ in crit)
    # one critical row per plan and subject: the two variants differ only in the varied value
    sql = "SELECT count(*) FROM (SELECT sha256, subject, count(*) n FROM critical GROUP BY ALL) WHERE n > 1"
    assert con.execute(sql).fetchone()[0] == 0
    con.close()
    again = sweep([str(folder)], ["tek17"], VARY, out, jobs=2)
    assert (again.runs, again.skipped) == (0, 4)
    more = sweep([str(folder)], ["tek17"], ["turning-space.diameter_mm=1300,1500,1400"], out, jobs=0)
    assert (more.runs, more.skipped) == (2, 4)
    assert contents(out)["runs"].__len__() == 6


def test_resuming_under_another_minimum_grade_is_refused(shared, folder, tmp_path):
    """The grade is not part of a variant's id: the pairs a resumed sweep would skip were judged under the
    old one, so another grade is one clear error, and the same grade resumes."""
    out = tmp_path / "r.duckdb"
    shutil.copy(shared[0] / "local.duckdb", out)
    with pytest.raises(InputError, match=r"min_grade C \(now A\)"):
        sweep([str(folder)], ["tek17"], VARY, out, jobs=0, min_grade="A")
    again = sweep([str(folder)], ["tek17"], VARY, out, jobs=0, min_grade="c")
    assert (again.runs, again.skipped) == (0, 4)
    assert dict(contents(out)["settings"])["min_grade"] == "C"


def test_a_broken_plan_is_reported_and_skipped(folder, tmp_path):
    (folder / "broken.dxf").write_text("0\nSECTION\n2\nENTITIES\n0\nLINE\n")
    out = tmp_path / "r.duckdb"
    s = sweep([str(folder)], ["tek17"], [], out, jobs=0)
    assert (s.runs, s.errors) == (2, 1)
    t = contents(out)
    assert len(t["errors"]) == 1 and t["errors"][0][0].endswith("broken.dxf") and t["errors"][0][2] == "read"
    assert {r[1] for r in t["runs"]} == {"ungdom-30-nordic.dxf", "omsorg-tightbath-nordic.dxf"}


def test_time_limit(folder, tmp_path):
    out = tmp_path / "r.duckdb"
    s = sweep([str(folder / "ungdom-30-nordic.dxf")], ["tek17"], VARY, out, jobs=0, time_limit=0.001)
    assert (s.runs, s.errors) == (0, 1)
    err = contents(out)["errors"][0]
    assert err[2] == "timeout" and "time limit" in err[4]


def test_files_hold_the_same_tables(folder, tmp_path):
    plan = [str(folder / "ungdom-30-nordic.dxf")]
    sweep(plan, ["tek17"], VARY, tmp_path / "r.duckdb", jobs=0)
    reference = contents(tmp_path / "r.duckdb")
    for fmt in ("parquet", "csv"):
        sweep(plan, ["tek17"], VARY, tmp_path / fmt, fmt=fmt, jobs=0)
        assert sorted(p.name for p in (tmp_path / fmt).iterdir()) == sorted(
            f"{t}.{fmt}" for t in ("runs", "findings", "areas", "critical", "shrink", "unit_access", "building", "variants",
                                   "errors", "settings"))
        assert contents(tmp_path / fmt) == reference, fmt
    assert sweep(plan, ["tek17"], VARY, tmp_path / "csv", fmt="csv", jobs=0).skipped == 2  # read back: resumes


def test_input_errors(folder, tmp_path):
    with pytest.raises(InputError, match="plan file not found"):
        collect_plans([str(folder / "nope.dxf")])
    with pytest.raises(InputError, match="no .dxf files"):
        collect_plans([str(tmp_path)])
    with pytest.raises(InputError, match="does not configure|unknown rule"):
        sweep([str(folder)], ["tek17"], ["no-such-rule.x=1"], tmp_path / "r.duckdb")


def test_dask_cluster_gives_the_same_tables(shared, tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = shared[0] / "plans"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            s = sweep([str(folder)], ["tek17"], VARY, tmp_path / "dask.duckdb", scheduler=client)
    assert (s.runs, s.errors) == (4, 0)
    assert contents(shared[0] / "local.duckdb") == contents(tmp_path / "dask.duckdb")


@pytest.mark.parametrize("how", ["exit", "kill"])
def test_a_worker_that_dies_is_reported_and_the_sweep_goes_on(shared, folder, tmp_path, how):
    """A plan whose worker process dies (os._exit, SIGKILL: what a crash in native code or the
    out-of-memory killer does) is one errors row; the plans that shared its pool are judged as before."""
    from planeval.ruleset import load_ruleset
    from planeval.sweep.execute import run_sweep
    from planeval.sweep.grid import parse_vary
    from planeval.sweep.store import open_store
    from planeval.sweep.variants import variants_of

    (folder / "omsorg-tightbath-nordic.dxf").unlink()  # one plan shares the pool with the victim
    victim = folder / "victim.dxf"
    victim.write_bytes(b"999\nthe worker judging this plan dies\n" + (folder / "ungdom-30-nordic.dxf").read_bytes())
    variants = variants_of([load_ruleset("tek17")], [parse_vary(v) for v in VARY])
    out = tmp_path / "r.duckdb"
    with open_store(out, "duckdb") as store:
        s = run_sweep(collect_plans([str(folder)]), variants, store, jobs=2, quiet=True, faults={"victim.dxf": how})
    assert (s.plans, s.runs, s.errors) == (2, 2, 1)
    t = contents(out)
    (err,) = t["errors"]
    assert err[0].endswith("victim.dxf") and err[2] == "worker" and "died" in err[4]
    # the other plan: the same rows as the undisturbed sweep (paths differ: compare from the sha256 on)
    mine, theirs = contents(out), contents(shared[0] / "local.duckdb")
    sha = mine["runs"][0][2]
    for table in ("findings", "areas", "critical"):
        assert mine[table] and [r[1:] for r in mine[table]] == [r[1:] for r in theirs[table] if r[1] == sha], table
    assert sorted(r[1] for r in mine["runs"]) == ["ungdom-30-nordic.dxf"] * 2


def test_a_drawing_that_is_not_a_floor_plan_is_an_error_row(folder, tmp_path):
    """As api.check refuses it: an elevation is never given a verdict by the sweep either."""
    from builders import new, rect, save

    doc, msp = new()  # an elevation: a ground line past the building, the facade, its windows, a gable
    msp.add_line((-2000, 0), (10000, 0), dxfattribs={"layer": "0"})
    rect(msp, 0, 0, 8000, 5500, "A-WALL")
    for i in range(4):
        rect(msp, 600 + i * 1900, 900, 1800 + i * 1900, 2300, "A-WALL")
        rect(msp, 600 + i * 1900, 3200, 1800 + i * 1900, 4400, "A-WALL")
    msp.add_line((-300, 5500), (4000, 8500), dxfattribs={"layer": "A-ROOF"})
    msp.add_line((4000, 8500), (8300, 5500), dxfattribs={"layer": "A-ROOF"})
    elevation = save(doc, folder, "facade.dxf")
    out = tmp_path / "r.duckdb"
    s = sweep([str(elevation)], ["tek17"], [], out, jobs=0)
    assert (s.runs, s.errors) == (0, 1)
    (err,) = contents(out)["errors"]
    assert err[2] == "read" and err[3] == "InputError" and "not a floor plan" in err[4]
