"""Door and fixture facts the checks depend on: the leaf thickness in the clear width of module and
swing doors, an automatic opener, open knee space under a fixture."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from builders import door_block, new, save, text, walls_around
from planeval.model import build_plan
from planeval.model.attributes import automatic_opener, knee_space, with_door_facts, with_fixture_facts
from planeval.model.door_width import DEDUCTIONS_LEAF_MM
from planeval.model.types import DoorKind, Fixture
from planeval.read import read_drawing
from planeval.read.profiles import builtin_profile


def _door(tmp_path, block: str, leaf: float, attribs: dict[str, str] | None = None, profile_doors: str = ""):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("E", 1000, 1000 + leaf)])
    walls_around(msp, 3100, 0, 6000, 4000, gaps=[("W", 1000, 1000 + leaf)])
    text(msp, 1500, 3000, "Stue")
    text(msp, 4500, 3000, "Soverom")
    door_block(doc, block, leaf)
    blk = doc.blocks.get(block)
    for tag in attribs or {}:
        blk.add_attdef(tag, (0, 0), dxfattribs={"height": 50})
    ref = msp.add_blockref(block, (3100, 1000), dxfattribs={"layer": "A-DOOR", "rotation": 90, "yscale": -1})
    if attribs:
        ref.add_auto_attribs(attribs)
    path = save(doc, tmp_path)
    if profile_doors:
        prof = tmp_path / "office.toml"
        prof.write_text(f'extends = "aia"\n[doors]\n{profile_doors}\n', encoding="utf-8")
        drawing = read_drawing(path, profile=str(prof))
    else:
        drawing = read_drawing(path)
    (d,) = [d for d in build_plan(drawing).doors if d.kind is not DoorKind.OPENING]
    return d


def test_module_rule_assumes_a_40_mm_leaf(tmp_path):
    assert DEDUCTIONS_LEAF_MM == 40.0
    d = _door(tmp_path, "DOOR-M10", 925)
    assert d.width_source == "module" and d.clear_width_mm == pytest.approx(860)  # 1000 − 100 frame − 40 leaf


def test_a_60_mm_leaf_on_an_m10_frame_gives_840(tmp_path):
    # hand computation: 1000 mm module − 100 mm frame and stops − 60 mm leaf standing in the opening = 840 mm
    d = _door(tmp_path, "DOOR-M10", 925, {"LEAF_THICKNESS": "60"})
    assert d.width_source == "module" and d.leaf_thickness_mm == 60.0
    assert d.clear_width_mm == pytest.approx(840)


def test_the_profile_leaf_thickness_changes_the_result(tmp_path):
    d = _door(tmp_path, "DOOR-M10", 925, profile_doors="leaf_thickness_mm = 60")
    assert d.clear_width_mm == pytest.approx(840)
    d9 = _door(tmp_path, "DOOR-M9", 825, {"BLADTYKKELSE": "50"})
    assert d9.clear_width_mm == pytest.approx(750)  # 900 − 100 − 50


def test_leaf_thickness_changes_a_swing_width_too(tmp_path):
    # a plain 900 mm leaf: 900 − 25 stop − 40 leaf = 835; with a 60 mm leaf 815
    assert _door(tmp_path, "DOOR-X", 900).clear_width_mm == pytest.approx(835)
    assert _door(tmp_path, "DOOR-X", 900, {"LEAF_THICKNESS": "60 mm"}).clear_width_mm == pytest.approx(815)


def test_automatic_opener_from_attribute_or_block_name():
    conv = builtin_profile("plain").doors
    assert automatic_opener((("AUTOMATIC", "yes"),), "") is True
    assert automatic_opener((("DØRÅPNER", "nei"),), "DOOR-AUTOMATIC") is False  # the attribute says more than the name
    assert automatic_opener((("AUTOMATIKK", "Dorma ED100"),), "") is True
    assert automatic_opener((), "M10") is None
    from checks.planbuilder import hinged

    d = with_door_facts(hinged("D1", (0, 0), (900, 0), "R1", ("R1", "R2"), attributes=(("AUTOMATIKK", "ja"),)), conv)
    assert d.automatic is True
    assert with_door_facts(hinged("D2", (0, 0), (900, 0), "R1", ("R1", "R2")), conv).automatic is None


def test_knee_space_from_block_name_and_attributes():
    def fx(name, attrs=()):
        return with_fixture_facts(Fixture("F1", "basin", box(0, 0, 600, 450), None, "block", name, attributes=attrs))

    assert fx("SERVANT-VEGGHENGT").knee_space is True
    assert fx("Vanity unit 600").knee_space is False
    assert fx("Servantskap").knee_space is False
    assert fx("BASIN").knee_space is None
    assert fx("BASIN", (("KNEE_SPACE", "yes"),)).knee_space is True
    assert knee_space((("BENPLASS", "nei"),), "wall-hung basin") is False
