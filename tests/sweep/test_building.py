"""The sweep's building table: the §12-2 (2) share across a building's plans per variant, equal to engine.judge_building."""

from __future__ import annotations

import json
import shutil

import pytest

from planeval.api import check
from planeval.engine import judge_building
from planeval.measure import Context
from planeval.ruleset import load_ruleset
from planeval.sweep import sweep
from planeval.sweep.grid import parse_vary
from planeval.sweep.store import connect_results
from planeval.sweep.variants import variants_of
from sampleplans import sample_plan
from sweep.helpers import SAMPLES

PLANS = ("korttid-40-aia", "ungdom-30-nordic", "bofelles-40-nordic")
#: door clear widths in review (no opening force drawn) keep every unit's accessibility open; without that rule they decide
VARY = ["accessible-share.min_share=0,0.6,1.0", "door-clear-width.enabled=true,false"]


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    d = tmp_path_factory.mktemp("building")
    for name in PLANS:
        shutil.copy(SAMPLES / f"{name}.dxf", d / f"{name}.dxf")
    files = [str(d / f"{n}.dxf") for n in PLANS]
    s = sweep(files, ["tek17"], VARY, d / "r.duckdb", jobs=0, building=True)
    con = connect_results(d / "r.duckdb")
    rows = con.execute("SELECT variant_id, status, units, small_units, accessible_units, measured, required, exempt, plans "
                       "FROM building ORDER BY variant_id").fetchall()
    con.close()
    return d, s, rows


def test_the_share_across_the_building_per_variant_equals_judge_building(swept):
    d, s, rows = swept
    assert s.building == 6 and len(rows) == 6
    plans = [sample_plan(n) for n in PLANS]
    ctxs = [Context(p) for p in plans]
    by_id = {r[0]: r for r in rows}
    statuses = set()
    for v in variants_of([load_ruleset("tek17")], [parse_vary(x) for x in VARY]):
        reports = [check(p, v.ruleset, c) for p, c in zip(plans, ctxs, strict=True)]
        ((_, building),) = judge_building(reports)
        (ar02,) = [f for f in building if f.code == "AR02"]
        vid, status, units, small, accessible, share, required, exempt, names = by_id[v.id]
        assert status == ar02.status.value, v.ruleset.name
        assert share == pytest.approx(ar02.result.measured) and required == v.params["accessible-share.min_share"]
        assert small == len(ar02.result.details["small_units"]) and units == sum(len(p.units) for p in plans)
        assert accessible == sum(ar02.result.details["accessible"][k] for k in ar02.result.details["small_units"])
        assert sorted(json.loads(exempt)) == sorted(ar02.result.details["exempt"])
        assert [n.rsplit("/", 1)[-1] for n in json.loads(names)] == [f"{n}.dxf" for n in PLANS]
        statuses.add(status)
    assert statuses == {"pass", "fail", "needs_review"}  # the share moves with the variants: the comparison can fail


def test_not_one_building_without_the_flag_and_a_missing_plan_is_an_error(swept, tmp_path):
    d = swept[0]
    files = [str(d / f"{n}.dxf") for n in PLANS[:2]]
    out = tmp_path / "r.duckdb"
    assert sweep(files, ["tek17"], [], out, jobs=0).building == 0
    broken = tmp_path / "broken.dxf"
    broken.write_text("0\nSECTION\n2\nENTITIES\n0\nLINE\n")
    s = sweep([*files, str(broken)], ["tek17"], [], tmp_path / "b.duckdb", jobs=0, building=True)
    con = connect_results(tmp_path / "b.duckdb")
    ((status, message),) = con.execute("SELECT status, message FROM building").fetchall()
    con.close()
    assert s.errors == 1 and status == "error" and "broken.dxf" in message  # never a share over part of the building


def test_cli_building_flag(swept, tmp_path):
    from click.testing import CliRunner

    from planeval.cli import main

    d = swept[0]
    files = [str(d / f"{n}.dxf") for n in PLANS[:2]]
    res = CliRunner().invoke(main, ["sweep", *files, "--rules", "tek17", "--out", str(tmp_path / "r.duckdb"), "--jobs", "0", "-q",
                                    "--building"])
    assert res.exit_code == 0, res.output
    assert "are one building" in res.output and "1 variant in the building table" in res.output
    con = connect_results(tmp_path / "r.duckdb")
    assert con.execute("SELECT count(*), min(units) FROM building").fetchone() == (1, 2)
    con.close()


def test_the_sweep_report_shows_the_share_per_variant(swept):
    from planeval.sweep.analysis import building_share
    from planeval.sweep.report import SweepReport

    con = connect_results(swept[0] / "r.duckdb")
    t = building_share(con)
    rep = SweepReport(con, "r.duckdb")
    con.close()
    assert t is not None and len(t.rows) == 6 and {r[4] for r in t.rows} == {"pass", "fail", "needs_review"}
    assert "Accessible share across the building" in rep.html() and t.title in rep.markdown()


def test_resumed_results_without_unit_facts_are_an_error_not_a_partial_share(swept, tmp_path):
    """Results of an older sweep (no unit_access rows for a plan): the building row says so."""
    import duckdb

    d = swept[0]
    out = tmp_path / "r.duckdb"
    shutil.copy(d / "r.duckdb", out)
    con = duckdb.connect(str(out))
    con.execute("DELETE FROM unit_access WHERE plan_name = 'ungdom-30-nordic.dxf'")
    con.close()
    s = sweep([str(d / f"{n}.dxf") for n in PLANS], ["tek17"], VARY, out, jobs=0, building=True)
    assert (s.runs, s.skipped, s.building) == (0, 18, 6)
    con = connect_results(out)
    rows = con.execute("SELECT status, message FROM building").fetchall()
    con.close()
    assert len(rows) == 6 and all(st == "error" and "no unit facts stored for ungdom-30-nordic.dxf" in m for st, m in rows)
