"""planeval area --slack: the shrink results per room in the area block, against a room computed by hand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from planeval.api import check
from planeval.cli import main
from planeval.sweep.slack import attach_slack, slack_text
from sweep.helpers import SAMPLES
from sweep.test_shrink import one_room, only_turning


def test_a_3_by_4_m_room_with_a_1_5_m_circle_has_7_5_m2_of_slack():
    plan, rs = one_room(), only_turning()
    area = check(plan, rs).area or {}
    (unit,) = area["units"]
    (r1,) = unit["rooms_detail"]
    assert r1["slack_mm"]  # the upper bound along the axes stays as it was
    attach_slack(area, plan, rs)
    walls = {w["direction"]: w for w in r1["shrink"]["walls"]}
    assert 1495.0 <= walls["east"]["max_move_mm"] <= 1500.0 and walls["east"]["limited_by"] == ["TS01"]
    assert 2495.0 <= walls["north"]["max_move_mm"] <= 2500.0
    assert r1["shrink"]["best_freed_m2"] == pytest.approx(7.5, abs=0.02) == unit["shrink_best_freed_m2"]
    assert "walls moved in until a rule fails" in slack_text(area) and "R1" in slack_text(area)
    assert "shrink" in area["definitions"]
    # the slack is this report's alone: the next area block of the process has no shrink definition
    # (the definitions were the scoring module's own dict, so one --slack run added "shrink" to every later report)
    assert "shrink" not in (check(plan, rs).area or {})["definitions"]


def test_slack_needs_a_rule_set():
    r = CliRunner().invoke(main, ["area", str(SAMPLES / "ungdom-30-nordic.dxf"), "--slack"])
    assert r.exit_code == 2 and "--slack needs --rules" in r.output


def test_area_json_without_slack_has_no_shrink(cli_reads_samples_once: None):
    r = CliRunner().invoke(main, ["area", str(SAMPLES / "ungdom-30-nordic.dxf"), "--rules", "tek17", "--format", "json"])
    assert r.exit_code == 0, r.output
    rooms = [rd for p in json.loads(r.stdout)["plans"] for u in p["units"] for rd in u["rooms_detail"]]
    assert rooms and not any("shrink" in rd for rd in rooms)
