"""shrink: how far each wall can move in before a rule fails, against rooms computed by hand."""

from __future__ import annotations

import dataclasses

import pytest

from checks.planbuilder import OUTSIDE, box, fixture, hinged, make_plan, room
from planeval.cli import main
from planeval.ruleset import load_ruleset
from planeval.sweep.shrink import move_wall, shrink_report, shrink_room, shrink_text, walls_of
from planeval.sweep.variants import Variant
from planeval.sweep.worker import PlanTask, judge_plan
from sweep.helpers import SAMPLES


def only_turning(**params):
    """tek17 with only turning-space: a Ø1.5 m circle, no rectangle, door swings allowed, no tolerance."""
    rs = load_ruleset("tek17")
    rc = rs.rules["turning-space"]
    p = dataclasses.replace(rc.params, rectangle_allowed=False, door_swing_overlap="allow", tolerance_mm=0.0, **params)
    rules = {n: dataclasses.replace(r, enabled=False) for n, r in rs.rules.items()}
    rules["turning-space"] = dataclasses.replace(rc, params=p)
    return dataclasses.replace(rs, rules=rules)


def one_room():
    """A 3.0 × 4.0 m living room, its entrance door in the south wall."""
    return make_plan(rooms=[room("R1", box(0, 0, 3000, 4000), "living")],
                     doors=[hinged("D1", hinge=(1000, 0), latch=(1900, 0), swing_into="R1", rooms=("R1", OUTSIDE))])


def test_a_3_by_4_m_room_with_a_1_5_m_circle_can_lose_1_5_m_of_width():
    plan = one_room()
    res = shrink_room(plan, only_turning(), "R1")
    by_dir = {w.direction: w for w in res.walls}
    assert set(by_dir) == {"north", "east", "south", "west"}
    for d in ("east", "west"):  # 3.0 m wide: down to 1.5 m
        assert 1495.0 <= by_dir[d].max_move_mm <= 1500.0 and by_dir[d].limited_by == ("TS01",)
        assert by_dir[d].freed_m2 == pytest.approx(4.0 * by_dir[d].max_move_mm / 1000, abs=1e-3)
    for d in ("north", "south"):  # 4.0 m long: down to 1.5 m (the door moves with the south wall)
        assert 2495.0 <= by_dir[d].max_move_mm <= 2500.0 and by_dir[d].limited_by == ("TS01",)
    assert res.best.direction in ("north", "south") and res.best_freed_m2 == pytest.approx(7.5, abs=0.02)


def test_a_larger_circle_frees_less_and_fixtures_move_with_their_wall():
    plan = make_plan(rooms=[room("R1", box(0, 0, 3000, 4000), "living")],
                     doors=[hinged("D1", hinge=(1000, 0), latch=(1900, 0), swing_into="R1", rooms=("R1", OUTSIDE))],
                     fixtures=[fixture("F1", "kitchen_counter", box(2400, 0, 3000, 4000), "R1")])
    west = next(w for w in walls_of(plan.rooms[0]) if w.direction == "west")
    east = next(w for w in walls_of(plan.rooms[0]) if w.direction == "east")
    moved = move_wall(plan, "R1", east, 500.0)
    assert moved.fixtures[0].polygon.bounds == (1900.0, 0.0, 2500.0, 4000.0)  # the counter stands against the east wall
    assert move_wall(plan, "R1", west, 500.0).fixtures[0].polygon.bounds == (2400.0, 0.0, 3000.0, 4000.0)
    res = {w.direction: w for w in shrink_room(plan, only_turning(diameter_mm=1800.0), "R1").walls}
    # 3.0 m less a 0.6 m counter along the whole wall = 2.4 m of free width: 0.6 m to spare for Ø1.8 m, from either long wall
    assert 595.0 <= res["west"].max_move_mm <= 600.0 and 595.0 <= res["east"].max_move_mm <= 600.0


def test_the_room_across_the_wall_grows():
    plan = make_plan(rooms=[room("R1", box(0, 0, 3000, 4000), "living"), room("R2", box(3100, 0, 5000, 4000), "bedroom")],
                     doors=[hinged("D1", hinge=(1000, 0), latch=(1900, 0), swing_into="R1", rooms=("R1", OUTSIDE)),
                            hinged("D2", hinge=(3000, 1000), latch=(3000, 1900), swing_into="R2", rooms=("R1", "R2"))])
    east = next(w for w in walls_of(plan.rooms[0]) if w.direction == "east")
    moved = move_wall(plan, "R1", east, 400.0)
    r1, r2 = moved.rooms
    assert r1.polygon.bounds == (0.0, 0.0, 2600.0, 4000.0) and r2.polygon.bounds == (2700.0, 0.0, 5000.0, 4000.0)
    d2 = next(d for d in moved.doors if d.id == "D2")
    assert d2.hinge == (2600.0, 1000.0) and d2.latch == (2600.0, 1900.0)
    assert move_wall(plan, "R1", east, 3000.0) is None  # the room would fold


def test_report_compare_and_the_sweep_table():
    plan = one_room()
    strict, relaxed = only_turning(), only_turning(diameter_mm=1300.0)
    doc = shrink_report(plan, [strict, relaxed], room="Living")
    (west,) = [c for c in doc["compare"] if c["wall"] == next(w.index for w in walls_of(plan.rooms[0]) if w.direction == "west")]
    assert west["relaxation_frees_m2"] == pytest.approx(0.8, abs=0.03)  # Ø1.3 m instead of Ø1.5 m: 0.2 m × 4.0 m more
    assert doc["rulesets"][0]["units"] == [{"unit": "U1", "best_freed_m2": pytest.approx(7.5, abs=0.02)}]
    text = shrink_text(doc)
    assert "R1 Living (living, U1): best 7.50 m²" in text and "walls move further" in text
    rows = judge_plan(plan, PlanTask("p.dxf", "0" * 64, (Variant("v1", strict, (), strict),), shrink=True))["shrink"]
    assert sorted(r["direction"] for r in rows) == ["east", "north", "south", "west"]
    assert {r["limited_by"] for r in rows} == {"TS01"} and all(r["variant_id"] == "v1" for r in rows)


def test_shrink_command_errors():
    from click.testing import CliRunner

    r = CliRunner().invoke(main, ["shrink", str(SAMPLES / "ungdom-30-nordic.dxf"), "--rules", "tek17", "--room", "Garasje"])
    assert r.exit_code == 2 and "--room Garasje: no room with that id or label" in r.stderr


def test_sweep_report_has_the_freed_area_table(tmp_path):
    from planeval.sweep.report import build
    from planeval.sweep.store import open_store
    from planeval.sweep.worker import PlanResult

    plan = one_room()
    rs = only_turning()
    v = Variant("v1", rs, (), rs)
    rows = judge_plan(plan, PlanTask("p.dxf", "0" * 64, (v,), shrink=True))
    with open_store(tmp_path / "r.duckdb") as store:
        store.add_variants([v])
        store.add(PlanResult("p.dxf", "0" * 64, rows))
    rep = build(tmp_path / "r.duckdb")
    assert rep.freed is not None and rep.freed.rows[0][3:5] == (1, pytest.approx(7.5, abs=0.02))
    assert "m² freed per unit type" in rep.html()
