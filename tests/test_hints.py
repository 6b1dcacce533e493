"""Fix hints (planeval.hints): computed from the measurements, with their numbers, on hand-built plans
whose answers are worked out by hand; and how they reach the JSON, the console and the other reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "checks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from planbuilder import box, fixture, hinged, make_plan, room  # noqa: E402

from planeval.api import check  # noqa: E402
from planeval.report.json_report import finding_to_dict  # noqa: E402
from planeval.report.sentences import hint_text  # noqa: E402
from sampleplans import sample_report  # noqa: E402


def _finding(report, code, subject):
    return next(f for f in report.findings if f.code == code and f.result.subject == subject)


def _flat(doors, rooms=None, fixtures=()):
    """A living room R1 (4.0 × 4.0 m) and a hall R2 (1.9 × 4.0 m) behind a 100 mm wall at x = 4000..4100, the hall's
    entrance D9 a 1.0 m leaf in its east wall."""
    rooms = rooms or [room("R1", box(0, 0, 4000, 4000), "living"), room("R2", box(4100, 0, 6000, 4000), "entrance")]
    entrance = hinged("D9", hinge=(6000, 1000), latch=(6000, 2000), swing_into="R2", rooms=("outside", "R2"), open_side=-1)
    return make_plan(rooms, [*doors, entrance], list(fixtures))


def test_door_leaf_hint_keeps_the_door_s_own_deduction():
    # an 800 mm leaf clears 800 − 65 = 735 mm < 760 mm (tek17, inside the unit): 25 mm short. The smallest standard
    # leaf of at least 825 mm is the M9 leaf (9 × 100 − (140 − 65) = 825 mm), which clears 760 mm
    d1 = hinged("D1", hinge=(4000, 1000), latch=(4000, 1800), swing_into="R1", rooms=("R1", "R2"))
    f = _finding(check(_flat([d1]), "tek17"), "DW01", "D1")
    assert f.failing and f.result.measured == pytest.approx(735)
    assert f.hint is not None and f.hint.kind == "door-leaf"
    assert f.hint.values == {"door": "D1", "leaf_m": 0.825, "clear_mm": 760, "now_mm": 735, "grow_mm": 25}
    text = hint_text("en", f.hint.kind, f.hint.values)
    assert text == "a 0.825 m door leaf gives 760 mm clear (now 735 mm; the opening grows 25 mm)"
    assert hint_text("nb", f.hint.kind, f.hint.values).startswith("et dørblad på 0,825 m gir 760 mm fri bredde")


def test_door_leaf_hint_for_an_entrance_takes_the_next_standard_leaf():
    # the same 800 mm leaf as an entrance door (860 mm required): 125 mm short → 925 mm needed → the M10 leaf (925 mm)
    # clears 860 mm
    rooms = [room("R1", box(0, 0, 4000, 4000), "living")]
    d1 = hinged("D1", hinge=(4000, 1000), latch=(4000, 1800), swing_into="R1", rooms=("outside", "R1"))
    f = _finding(check(make_plan(rooms, [d1]), "tek17"), "DW01", "D1")
    assert f.failing and f.result.required == 860
    assert f.hint is not None and f.hint.values == {"door": "D1", "leaf_m": 0.925, "clear_mm": 860, "now_mm": 735, "grow_mm": 125}


def test_module_door_hint_names_the_next_module():
    # korttid-40-aia: D4 is an M8 door (800 − 140 = 660 mm clear) where 760 mm is required: M9 gives 760 mm
    f = _finding(sample_report("korttid-40-aia", "tek17"), "DW01", "D4")
    assert f.hint is not None and f.hint.kind == "door-module"
    assert f.hint.values == {"door": "D4", "module": 9, "clear_mm": 760, "now_module": 8, "now_mm": 660}


def test_door_side_hint_is_the_shortfall_beside_the_latch():
    # D1 opens into R1 (its pull side) with the latch 200 mm from R1's north wall (y = 4000): 500 mm are needed there,
    # so the latch-side wall has to move 300 mm
    d1 = hinged("D1", hinge=(4000, 2900), latch=(4000, 3800), swing_into="R1", rooms=("R1", "R2"))
    f = _finding(check(_flat([d1]), "tek17"), "DS01", "D1")
    assert f.failing and f.result.measured == pytest.approx(200, abs=2)
    assert f.hint is not None and f.hint.kind == "door-side"
    assert f.hint.values["short_mm"] == pytest.approx(300, abs=2) and f.hint.values["face"] == "pull"
    assert f.hint.values["room"] == "Living" and f.hint.values["required_mm"] == 500


def _bath(wc_x0):
    """A 2.0 × 2.2 m bathroom R3 south of the living room, a 400 × 700 mm WC against its south wall from x = wc_x0."""
    rooms = [room("R1", box(0, 2300, 4000, 4000), "living"), room("R2", box(4100, 0, 6000, 4000), "entrance"),
             room("R3", box(0, 0, 2000, 2200), "bathroom")]
    doors = [hinged("D1", hinge=(4000, 2500), latch=(4000, 3400), swing_into="R1", rooms=("R1", "R2")),
             hinged("D2", hinge=(1000, 2200), latch=(1900, 2200), swing_into="R1", rooms=("R3", "R1"), open_side=1)]
    wc = fixture("F1", "wc", box(wc_x0, 0, wc_x0 + 400, 700), "R3")
    return _flat(doors, rooms, [wc])


def test_wc_move_hint_when_the_two_sides_add_up():
    # WC at x 100..500 facing north: 100 mm on its left (west), 1500 mm on its right; tek17 wants 900 on one side and 200
    # on the other. 100 + 1500 ≥ 900 + 200, so moving the WC 100 mm to its right gives left 200, right 1400
    f = _finding(check(_bath(100), "tek17"), "BA01", "R3")
    assert f.failing
    assert f.result.details["side_widths_mm"] == {"left": 100, "right": 1500}
    assert f.hint is not None and f.hint.kind == "wc-move" and f.hint.values == {"shift_mm": 100, "side": "right"}
    assert hint_text("nb", f.hint.kind, f.hint.values) == "toalettet flyttet 100 mm mot høyre gir nok fri plass på begge sider"


def test_wc_side_hint_names_what_limits_the_side():
    # omsorg-tightbath-nordic: 600 mm beside the WC towards the basin F7 (x 4900 → 5500), 200 mm on the other side:
    # the sides cannot share (600 + 200 < 900 + 200), the wide side needs 300 mm more, towards the basin
    f = _finding(sample_report("omsorg-tightbath-nordic", "tek17"), "BA01", "R5")
    assert f.hint is not None and f.hint.kind == "wc-side"
    assert f.hint.values == {"short_mm": 300, "side": "right", "limit": "basin"}
    assert hint_text("en", f.hint.kind, f.hint.values) == "the WC needs 300 mm more on its right, towards the basin"
    assert hint_text("nb", f.hint.kind, f.hint.values) == "toalettet trenger 300 mm mer på høyre side, mot servanten"


def test_turning_hint_when_only_the_operated_door_s_swing_is_in_the_way():
    # a 1.7 × 1.7 m hall whose door's 900 mm leaf swings in: with the swing the largest circle is < Ø1500; without it the
    # room holds Ø1700 — the hint says so, with the number (a suggestion: the door opening outwards)
    rooms = [room("R1", box(0, 0, 4000, 4000), "living"), room("R2", box(4100, 0, 5800, 1700), "entrance")]
    d1 = hinged("D1", hinge=(4100, 1600), latch=(4100, 700), swing_into="R2", rooms=("R1", "R2"), open_side=1)
    entrance = hinged("D9", hinge=(5800, 1500), latch=(5800, 500), swing_into="R2", rooms=("outside", "R2"), open_side=1)
    report = check(make_plan(rooms, [d1, entrance]), "tek17")
    f = _finding(report, "TS01", "R2")
    assert f.failing and f.result.details["door_open"] in ("D1", "D9")
    assert f.hint is not None and f.hint.kind == "door-swing"
    assert f.hint.values["diameter_mm"] == pytest.approx(1700, abs=2) and f.hint.values["required_mm"] == 1500


def test_hints_only_on_failures_and_in_the_json():
    report = sample_report("korttid-40-aia", "tek17")
    assert all(f.hint is None for f in report.findings if not f.failing)
    hinted = [f for f in report.findings if f.hint is not None]
    assert {f.code for f in hinted} >= {"DW01", "RE01"}
    d = finding_to_dict(_finding(report, "RE01", "R5"), report.plan)
    assert d["hint"] == {"kind": "reach-door", "values": {"door": "D4", "required_mm": 700, "short_mm": 41},
                         "text": "door D4 is the narrowest point: 41 mm more clear width there lets a 700 mm wheelchair through"}
