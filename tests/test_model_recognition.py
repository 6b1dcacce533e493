"""The recognition summary: how much of a drawing the model understood, measured on hand-made DXFs,
and what a plan recognised below the grade does to the findings (needs_review, not pass/fail)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from builders import door_arc, new, save, text, two_rooms, walls_around
from checks.planbuilder import box, hinged, make_plan, room
from planeval import api
from planeval.engine import uncertain
from planeval.findings import Finding, Result, Severity, Status
from planeval.model import build_plan
from planeval.model.recognition import grade_of
from planeval.model.types import LINE_UNEXPLAINED, Recognition
from planeval.read import read_drawing
from planeval.report.plan import plan_to_dict, plan_to_text


def plan_of(path):
    return build_plan(read_drawing(path))


def test_a_clean_plan_is_graded_a(tmp_path):
    plan = plan_of(two_rooms(tmp_path))
    rec = plan.recognition
    assert rec.drawing_kind == "floor_plan" and rec.grade == "A"
    assert (rec.rooms, rec.rooms_labelled, rec.rooms_unlabelled) == (2, 2, 0)
    assert (rec.door_symbols, rec.door_symbols_used) == (2, 2)
    assert (rec.texts, rec.texts_assigned) == (2, 2)
    # 3.0 × 4.0 + 2.9 × 4.0 = 23.6 m² of rooms; the 100 mm wall between them is enclosed floor too
    assert rec.room_m2 == pytest.approx(23.6, abs=0.05)
    assert rec.enclosed_m2 == pytest.approx(23.6, abs=0.05)  # walls and door openings (strips under 0.35 m) are not floor
    assert rec.room_share == pytest.approx(1.0, abs=0.01)
    assert rec.unexplained_m == pytest.approx(0.0, abs=0.1)


def test_unused_door_symbol_unplaced_text_and_stray_wall_are_counted(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 6000, 4000, gaps=[("W", 2000, 2900)])
    door_arc(msp, (-100, 2000), 90, 180, 900)
    # a door-sized arc on the door layer in the middle of the room, no leaf, no wall near: not a door
    msp.add_arc((3000, 2000), 800, 0, 90, dxfattribs={"layer": "A-DOOR"})
    # a partition stub 1.5 m long standing free in the room: bounds no room
    msp.add_line((1000, 3000), (2500, 3000), dxfattribs={"layer": "A-WALL"})
    text(msp, 4500, 1000, "Stue")
    text(msp, 6750, 1000, "Soverom 12,4 m²", h=100)  # beside the plan, 0.75 m from the room: in no room
    plan = plan_of(save(doc, tmp_path))
    rec = plan.recognition
    assert (rec.door_symbols, rec.door_symbols_used) == (2, 1)
    (x, y, r), = rec.unused_door_symbols
    assert (x, y, r) == (3000.0, 2000.0, 800.0)
    assert (rec.texts, rec.texts_assigned) == (2, 1)
    assert rec.unassigned_texts[0][2] == "Soverom 12,4 m²"
    assert rec.unexplained_m == pytest.approx(1.5 - 0.0, abs=0.05)
    states = plan.background.segment_state
    assert int((states == LINE_UNEXPLAINED).sum()) == 1
    assert any("door symbols did not become doors" in n for n in rec.notes)


def test_a_room_lost_through_a_wide_gap_lowers_the_share(tmp_path):
    doc, msp = new()
    # A 4 × 4 m labelled room, and beside it a 4 × 4 m room whose north wall has a 2.2 m gap
    # at a corner with nothing facing it: the closing over gaps up to 2.4 m still sees it as enclosed
    walls_around(msp, 0, 0, 4000, 4000, gaps=[("W", 1000, 1900)])
    door_arc(msp, (-100, 1000), 90, 180, 900)
    for a, b in (((4000, -100), (8100, -100)), ((8100, -100), (8100, 4100)), ((8100, 4100), (6200, 4100))):
        msp.add_line(a, b, dxfattribs={"layer": "A-WALL"})
    text(msp, 2000, 2000, "Stue")
    plan = plan_of(save(doc, tmp_path))
    rec = plan.recognition
    assert rec.room_m2 == pytest.approx(16.0, abs=0.1)
    assert rec.enclosed_m2 > 30.0
    assert rec.room_share < 0.55
    assert rec.grade in ("D", "E")
    assert "is in no room" in rec.notes[0]


def test_grades():
    assert [grade_of(s) for s in (0.95, 0.8, 0.6, 0.45, 0.2)] == ["A", "B", "C", "D", "E"]
    assert Recognition(grade="D").below("C") and not Recognition(grade="C").below("C")
    assert not Recognition().below("A")  # a plan never graded (built by hand) is not below any grade


def test_summary_in_inspect_json_and_text(tmp_path):
    plan = plan_of(two_rooms(tmp_path))
    d = plan_to_dict(plan)["recognition"]
    assert d["grade"] == "A" and d["rooms"] == {"total": 2, "labelled": 2, "inferred": 0, "without_function": 0}
    assert d["door_symbols"]["unused"] == 0 and d["texts"]["unassigned"] == 0
    assert "Recognition: grade A" in plan_to_text(plan)


def test_door_within_one_room_is_reported_not_judged(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 6000, 4000, gaps=[("W", 2000, 2900)])
    door_arc(msp, (-100, 2000), 90, 180, 900)
    msp.add_line((3000, 0), (3000, 1500), dxfattribs={"layer": "A-WALL"})  # a stub
    door_arc(msp, (3000, 1500), 90, 0, 800)  # a door hung on the stub: the same room on both sides
    text(msp, 1500, 3000, "Stue")
    plan = plan_of(save(doc, tmp_path))
    inner = [d for d in plan.doors if d.rooms[0] == d.rooms[1]]
    assert len(inner) == 1 and inner[0].not_judged.startswith("within one room")
    report = api.check(plan, "tek17")
    on_door = [f for f in report.findings if f.result.subject == inner[0].id]
    assert on_door and all(f.status in (Status.NOT_APPLICABLE, Status.NEEDS_REVIEW) for f in on_door)
    width = next(f for f in on_door if f.code == "DW01")
    assert width.status is Status.NOT_APPLICABLE and width.result.measured == pytest.approx(735, abs=2)
    assert width.result.details["measured_status"] == "fail"  # 735 < 760: the measurement stays visible


def _finding(subject: str, status: Status, measured: float = 1300.0) -> Finding:
    r = Result(subject, status, measured, 1500.0, "mm", f"largest free circle Ø{measured:.0f} mm")
    return Finding("TS01", "turning-space", Severity.ERROR, "TEK17 §12-7", r)


def _poor_plan(grade: str):
    plan = make_plan(
        [room("R1", box(0, 0, 3000, 4000), "living"), room("R2", box(3100, 0, 6000, 4000), "other", label="")],
        doors=[hinged("D1", (3000, 500), (3000, 1400), "R2", ("R1", "R2"))],
    )
    r2 = replace(plan.rooms[1], label="", function_source="", confidence="low")
    return replace(plan, rooms=(plan.rooms[0], r2), recognition=Recognition(grade=grade, enclosed_m2=30.0, room_m2=23.6))


def test_below_the_grade_uncertain_subjects_need_review_with_the_measurement_kept():
    plan = _poor_plan("D")
    out = uncertain(plan, [_finding("R1", Status.FAIL), _finding("R2", Status.FAIL), _finding("D1", Status.PASS),
                           _finding("U1", Status.PASS)], "C")
    r1, r2, d1, u1 = (f.result for f in out)
    assert r1.status is Status.FAIL  # a labelled room is judged
    assert r2.status is Status.NEEDS_REVIEW and r2.measured == 1300.0 and r2.details["measured_status"] == "fail"
    assert "grade D is below C" in r2.message and "room R2 has no label" in r2.message
    assert d1.status is Status.NEEDS_REVIEW and "R2" in d1.message  # the door opens into the unknown room
    assert u1.status is Status.NEEDS_REVIEW


def test_at_or_above_the_grade_nothing_changes():
    plan = _poor_plan("C")
    found = [_finding("R2", Status.FAIL)]
    assert uncertain(plan, found, "C") == found
    assert uncertain(plan, found, "B")[0].status is Status.NEEDS_REVIEW  # the grade is configurable


@pytest.mark.parametrize("layer, grade", [("A-WALL", "A"), ("LINES-7", "B")])
def test_walls_guessed_from_lines_of_no_role_cap_the_grade_at_b(tmp_path, layer, grade):
    """A room whose walls are on a wall layer is graded A; the same room with its walls on a layer of no known
    role (a PDF conversion, everything on one layer) is at best B, and the note says why: every such line was
    taken for a wall, and an annotation drawn in the room would have narrowed it unseen."""
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000, layer=layer)
    text(msp, 1500, 2000, "Soverom")
    rec = plan_of(save(doc, tmp_path)).recognition
    assert rec.grade == grade
    assert (("walls_guessed", ()) in rec.reasons) == (grade == "B")
