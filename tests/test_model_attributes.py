"""What doors and fixtures carry from their block attributes, and what else the plan keeps of its
drawing (background linework, views, layers, the way back to the file)."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from builders import door_block, new, rect, save, text, walls_around
from planeval.model import build_plan, reopen
from planeval.model.attributes import DOOR_FACT_NAMES, attribute, flag, length_mm, number, with_fixture_facts
from planeval.model.types import DoorKind, Fixture
from planeval.read import read_drawing
from planeval.read.profiles import builtin_profile


def test_one_reader_and_one_number_parser():
    attrs = (("Width", "900"), ("terskel", "20 mm"), ("THRESHOLD", "5"))
    assert attribute(attrs, "THRESHOLD", "TERSKEL") == "20 mm"  # the first in drawing order wins
    assert attribute(attrs, "HEIGHT") is None
    assert number("ca. 2,1 m") == 2.1 and number("+5") == 5.0 and number("n/a") is None
    assert length_mm("0,86 m") == 860.0 and length_mm("12 m") == 12.0  # over 10 it is not metres
    assert (flag("X"), flag("False"), flag("")) == (True, False, None)


def test_door_fact_names_are_the_first_tags_of_the_profile():
    conv = builtin_profile("plain").doors
    assert conv is not None
    assert DOOR_FACT_NAMES == {
        "threshold": conv.threshold_attributes[:2],
        "height": conv.height_attributes[:2],
        "opening_force": conv.opening_force_attributes[:2],
    }


def test_shower_facts():
    f = Fixture("F1", "shower", box(0, 0, 900, 900), None, "block", attributes=(("TERSKELHOYDE", "15"), ("TRINNFRI", "nei")))
    got = with_fixture_facts(f)
    assert got.threshold_mm == 15.0 and got.step_free is False
    plain = with_fixture_facts(Fixture("F2", "shower", box(0, 0, 900, 900), None, "block"))
    assert plain.threshold_mm is None and plain.step_free is None


def _two_rooms_with_door_block(tmp_path, attribs: dict[str, str]):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("E", 1000, 1900)])
    walls_around(msp, 3100, 0, 6000, 4000, gaps=[("W", 1000, 1900)])
    text(msp, 1500, 3000, "Stue")
    text(msp, 4500, 3000, "Soverom")
    door_block(doc, "DOOR-X", 900)
    blk = doc.blocks.get("DOOR-X")
    for tag in attribs:
        blk.add_attdef(tag, (0, 0), dxfattribs={"height": 50})
    ref = msp.add_blockref("DOOR-X", (3100, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90, "yscale": -1})
    if attribs:
        ref.add_auto_attribs(attribs)
    rect(msp, 20000, 0, 21000, 500, layer="A-ANNO-DIMS")  # ignored linework: not in the background
    return save(doc, tmp_path)


def test_door_facts_from_the_profile_tags(tmp_path):
    path = _two_rooms_with_door_block(tmp_path, {"TERSKEL": "20 mm", "HØYDE": "2100", "ÅPNINGSKRAFT": "25", "BLADTYKKELSE": "40"})
    (d,) = [d for d in build_plan(read_drawing(path)).doors if d.kind is not DoorKind.OPENING]
    assert (d.threshold_mm, d.height_mm, d.opening_force_n, d.leaf_thickness_mm) == (20.0, 2100.0, 25.0, 40.0)


def test_door_without_attributes_states_nothing(tmp_path):
    plan = build_plan(read_drawing(_two_rooms_with_door_block(tmp_path, {})))
    for d in plan.doors:
        assert (d.threshold_mm, d.height_mm, d.opening_force_n, d.leaf_thickness_mm) == (None, None, None, None)


def test_plan_keeps_what_reports_need_of_the_drawing(tmp_path):
    path = _two_rooms_with_door_block(tmp_path, {})
    drawing = read_drawing(path)
    plan = build_plan(drawing)
    assert not hasattr(plan, "drawing")
    bg = plan.background
    assert bg.segments.shape[1] == 4 and len(bg.segments) > 0
    assert bg.segments[:, [0, 2]].max() < 20000  # the dimension layer is left out
    assert len(bg.arcs) == 1 and bg.arcs[0][2] == pytest.approx(900)  # the door swing
    assert bg.plan_boxes == drawing.plan_boxes
    assert plan.views == drawing.views and plan.layers == drawing.layers
    assert plan.source.profile == drawing.profile == drawing.layer_profile.name
    doc = reopen(plan.source)
    assert "DOOR-X" in doc.blocks
