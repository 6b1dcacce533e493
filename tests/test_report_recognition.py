"""What the reports show of the recognition: the whole drawing in the SVG, with what was not understood
highlighted, and the summary at the top of the check report (text and JSON)."""

from __future__ import annotations

import json
import re

from builders import door_arc, new, save, text, two_rooms, walls_around
from planeval import api
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.report.json_report import report_to_dict
from planeval.report.svg import plan_frame, plan_svg
from planeval.report.text import report_text
from test_read_viewkinds import facade, small_plan


def _poor(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 6000, 4000, gaps=[("W", 2000, 2900)])
    door_arc(msp, (-100, 2000), 90, 180, 900)
    msp.add_arc((3000, 2000), 800, 0, 90, dxfattribs={"layer": "A-DOOR"})  # no door
    msp.add_line((1000, 3000), (2500, 3000), dxfattribs={"layer": "A-WALL"})  # bounds no room
    text(msp, 6750, 1000, "Bad", h=100)  # in no room
    return build_plan(read_drawing(save(doc, tmp_path)))


def test_svg_highlights_what_was_not_understood(tmp_path):
    svg = plan_svg(_poor(tmp_path))
    assert len(re.findall(r'<path class="pe-unexplained" d="M[^"]*"', svg)) == 1
    unexplained = re.search(r'<path class="pe-unexplained" d="([^"]*)"', svg).group(1)
    assert unexplained.count("M") == 1  # the one stray wall line
    assert svg.count('class="pe-unused-door"') == 1 and 'r="800"' in svg
    assert svg.count('class="pe-unassigned"') == 1 and "text in no room: Bad" in svg
    assert 'data-layer="unrecognised"' in svg


def test_svg_shows_the_whole_drawing_with_the_other_views_named(tmp_path):
    doc, msp = new()
    small_plan(msp)
    facade(msp, 0, -16000)
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    f = plan_frame(plan)
    assert f.miny <= -16000 and f.maxy >= 4000  # the elevation 12 m below is in the picture
    svg = plan_svg(plan)
    assert svg.count('class="pe-view-other"') == 1
    assert "kept out of the rooms: looks like an elevation" in svg
    assert 'class="pe-bg-other"' in svg  # its lines drawn, lighter


def test_a_speck_far_from_the_plan_does_not_shrink_the_picture(tmp_path):
    # building001 has a 25 mm wall fragment 50 m from its plan: the plan was drawn in a corner of the picture
    doc, msp = new()
    small_plan(msp)
    msp.add_line((-50000, -50000), (-49975, -50000), dxfattribs={"layer": "A-WALL"})
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert len(plan.views) == 2 and not plan.views[1].is_plan
    f = plan_frame(plan)
    assert f.minx > -10000 and f.miny > -10000  # the plan fills the picture
    facade(msp, 0, -16000)  # a drawing the size of the plan is still shown, as in the test above
    assert plan_frame(build_plan(read_drawing(save(doc, tmp_path)))).miny <= -16000


def test_check_report_says_what_was_understood_at_the_top(tmp_path):
    report = api.check(build_plan(read_drawing(two_rooms(tmp_path))), "tek17")
    lines = report_text(report, color=False).splitlines()
    assert lines[1].startswith("  Recognition: grade A")
    d = report_to_dict(report)
    assert d["recognition"]["grade"] == "A" and d["recognition"]["findings_needing_review"] == 0
    json.dumps(d)


def test_check_report_of_a_poor_plan_says_findings_need_review(tmp_path):
    doc, msp = new()
    # two unlabelled rooms in a building three times their size (the rest leaks through a 2.2 m gap)
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("W", 1000, 1900), ("E", 1000, 1900)])
    door_arc(msp, (-100, 1000), 90, 180, 900)
    for a, b in (((3100, -100), (12100, -100)), ((12100, -100), (12100, 4100)), ((12100, 4100), (5300, 4100))):
        msp.add_line(a, b, dxfattribs={"layer": "A-WALL"})
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert plan.recognition.below("C")
    report = api.check(plan, "tek17")
    reviewed = [f for f in report.findings if "review_reason" in f.result.details]
    assert reviewed and all(f.status.value == "needs_review" for f in reviewed)
    text_lines = report_text(report, color=False).splitlines()
    assert text_lines[1] == f"  Not judged: the drawing was recognised at grade {plan.recognition.grade}, below C"
    said = "findings say needs review instead of pass/fail: the plan is only partly recognised"
    assert text_lines[2] == f"  {len(reviewed)} {said}"
    assert report_to_dict(report)["recognition"]["findings_needing_review"] == len(reviewed)
