"""The sample building (samples/building): generated deterministically, each floor recognised as the
generator drew it, judged as one building only when its config or --building says so, and the
building block (unit mix, m² per type, common areas, floors, the §12-2 (2) share).

The floors are read once per session (``floor``); rules are judged on one floor only."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from planeval.api import Batch, check
from planeval.cli import main
from planeval.config import building_for, load_config
from planeval.engine import judge_building
from planeval.measure.units import unit_net_m2
from planeval.model.types import Plan
from planeval.multi import building_block, building_text
from sampleplans import ROOT, SAMPLES, ruleset, sample_expected, sample_report

BUILDING = ROOT / "samples" / "building"
FLOORS = ("plan-1", "plan-2", "plan-3", "plan-4")


@cache
def floor(name: str) -> Plan:
    from planeval.api import load_plan

    return load_plan(BUILDING / f"{name}.dxf")


@cache
def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((BUILDING / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


@cache
def floor_report(name: str, rules: str) -> Any:
    return check(floor(name), ruleset(rules))


def cli(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_generator_writes_the_committed_floors_byte_identical(tmp_path: Path) -> None:
    gen = ROOT / "samples" / "generate.py"
    for out in (tmp_path / "a", tmp_path / "b"):
        subprocess.run([sys.executable, str(gen), "--building", "--quiet", "--out", str(out)], check=True)
    for name in FLOORS:
        for suffix in (".dxf", ".expected.json"):
            a, b = (tmp_path / "a" / f"{name}{suffix}").read_bytes(), (tmp_path / "b" / f"{name}{suffix}").read_bytes()
            assert a == b, f"{name}{suffix} differs between two runs"
            committed = (BUILDING / f"{name}{suffix}").read_bytes()
            assert a == committed, f"{name}{suffix}: regenerate with samples/generate.py --building"


def test_the_building_has_about_fifty_units_of_the_five_kinds() -> None:
    kinds: dict[str, list[float]] = {}
    for name in FLOORS:
        for u in expected(name)["plan_units"]:
            kinds.setdefault(u["type"], []).append(u["net_area_m2"])
    assert sum(len(v) for v in kinds.values()) == 46
    assert {k: len(v) for k, v in kinds.items()} == {"korttidsbolig": 10, "omsorgsbolig": 14, "bofellesskap": 10,
                                                    "familiebolig": 4, "ungdomsbolig": 8}
    sizes = {k: (min(v), max(v)) for k, v in kinds.items()}
    assert sizes == {"korttidsbolig": (43.21, 43.21), "omsorgsbolig": (55.36, 55.36), "bofellesskap": (44.24, 44.24),
                     "familiebolig": (72.42, 72.42), "ungdomsbolig": (32.58, 32.58)}


@pytest.mark.parametrize("name", FLOORS)
def test_each_floor_is_recognised_as_drawn(name: str) -> None:
    """Every room labelled, no wall body taken for a room, the units and the rooms in them, the common rooms."""
    plan, exp = floor(name), expected(name)
    assert len(plan.rooms) == len(exp["rooms"])
    assert not [r.id for r in plan.rooms if not r.label], "a room without a label (a wall body taken for a room?)"
    assert len(plan.units) == len(exp["plan_units"])
    got = sorted((len(u.rooms), round(unit_net_m2(plan, u.id), 2)) for u in plan.units)
    want = sorted((len(u["rooms"]), u["net_area_m2"]) for u in exp["plan_units"])
    assert got == want
    assert sorted(r.label for r in plan.rooms if r.unit is None) == sorted(r["label"] for r in exp["rooms"] if r["unit"] is None)
    assert len(plan.doors) == len(exp["doors"]) and all(u.entrance_door for u in plan.units)


def test_floor_1_the_810_mm_entrance_doors_fail_tek17_and_pass_the_800_mm_trial() -> None:
    plan = floor("plan-1")
    narrow = {d["id"] for d in expected("plan-1")["doors"] if d["entrance"] and d["clear_width_mm"] == 810}
    assert len(narrow) == 5
    tek = floor_report("plan-1", "tek17")
    failing = sorted((f.code, f.result.subject) for f in tek.findings if f.status.value == "fail" and f.severity.value == "error")
    entrances = sorted(d.id for d in plan.doors if d.role.value == "entrance" and abs(d.clear_width_mm - 810) < 1)
    assert len(entrances) == 5
    assert [c for c, _ in failing if c != "AR02"] == ["DW01"] * 5
    assert sorted(s for c, s in failing if c == "DW01") == entrances
    trial = floor_report("plan-1", "trial-doors-800")
    assert not [f for f in trial.findings if f.status.value == "fail"]


def test_the_config_names_the_building_and_its_floors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BUILDING)
    cfg = load_config()
    assert cfg.building == "Eksempelbygget" and cfg.rules == ("tek17",)
    assert [Path(p).name for p in cfg.plans] == [f"{n}.dxf" for n in FLOORS]
    assert [name for _, name in cfg.floors] == ["1. etasje", "2. etasje", "3. etasje", "4. etasje"]
    b = building_for(cfg.plans, None, cfg)
    assert b is not None and b.name == "Eksempelbygget" and b.floors == ("1. etasje", "2. etasje", "3. etasje", "4. etasje")
    assert building_for(cfg.plans, False, cfg) is None


def test_plans_are_one_building_only_when_a_config_or_the_flag_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no project config here
    none = load_config()
    two = [str(SAMPLES / "korttid-40-aia.dxf"), str(SAMPLES / "ungdom-30-nordic.dxf")]
    assert building_for(two, None, none) is None
    assert building_for(two, True, none) is not None and building_for(two, True, none).name is None  # type: ignore[union-attr]
    floors = [str(BUILDING / "plan-1.dxf"), str(BUILDING / "plan-2.dxf")]
    found = building_for(floors, None, none)  # the plans' own folder says so, and lists both
    assert found is not None and found.floors == ("1. etasje", "2. etasje")
    assert building_for(floors, False, none) is None
    assert building_for([floors[0], two[0]], None, none) is None  # not all in that building
    assert building_for(floors[:1], True, none) is None  # one plan is no building


def test_check_judges_the_building_share_only_with_building(cli_reads_samples_once: None) -> None:
    two = [SAMPLES / "korttid-40-aia.dxf", SAMPLES / "korttid-40-iso.dxf"]
    apart = json.loads(cli("check", *two, "--rules", "tek17", "--format", "json").stdout)
    assert apart["building"] is None
    assert {f["subject"] for r in apart["reports"] for f in r["findings"] if f["code"] == "AR02"} == {"plan"}
    together = json.loads(cli("check", *two, "--rules", "tek17", "--format", "json", "--building").stdout)
    codes = [(f["code"], f["subject"]) for f in together["building"]["findings"]]
    assert codes == [("AR02", "building")]
    assert together["building"]["plans"] == 2 and together["building"]["units"] == 2
    schema = json.loads((ROOT / "planeval" / "report" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(together)
    assert [f["floor"] for f in together["building"]["floors"]] == [None, None]


def test_the_building_block_sums_common_areas_types_and_floors() -> None:
    a, b = sample_report("korridor-4units-aia"), sample_report("omsorg-55-aia")
    block = building_block(Batch([a, b], judge_building([a, b])), name="B", floors=("2. etasje", None))
    assert block is not None and block["name"] == "B" and block["plans"] == 2 and block["units"] == 5
    # the corridor floor's common rooms (Korridor, Trapperom, Fellesrom, Tek. rom) as the generator drew them
    common = [r for r in sample_expected("korridor-4units-aia")["rooms"] if r["unit"] is None]
    assert block["common_m2"] == 85.94 == pytest.approx(sum(r["area_m2"] for r in common), abs=0.02)
    assert block["common_by_function"] == {"hall": 60.27, "other": 21.42, "technical": 4.25}
    assert block["floors"] == [
        {"file": "korridor-4units-aia.dxf", "floor": "2. etasje", "units": 4, "net_m2": 177.28, "common_m2": 85.94},
        {"file": "omsorg-55-aia.dxf", "floor": None, "units": 1, "net_m2": 56.22, "common_m2": 0.0}]
    omsorg = block["by_type"]["selvstendig omsorgsbolig"]
    assert omsorg["units"] == 2 and omsorg["net_m2"] == pytest.approx(2 * 56.22, abs=0.02)
    assert block["by_rooms"]["2-roms"]["units"] == 4 and block["by_rooms"]["1-roms"]["units"] == 1
    share = block["accessible_share"]["TEK17 – tilgjengelig boenhet"]
    assert share["small_units"] == 3 and share["small_unit_max_m2"] == 50 and share["accessible"] + share["in_review"] <= 3
    text = building_text(block)
    assert text.startswith("building B: 2 plans, 5 units, net 233.50 m²") and "common areas 85.94 m²" in text
    assert "  2. etasje (korridor-4units-aia.dxf): 4 units, net 177.28 m², common 85.94 m²" in text
