"""Room labels and functions; fixtures; units."""

from __future__ import annotations

import pytest

from builders import new, save, walls_around
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.vocabulary import functions_of, is_common, stated_area_m2


@pytest.mark.parametrize(
    "label, functions",
    [
        ("Stue", ("living",)), ("Stove", ("living",)), ("Kjøkken", ("kitchen",)), ("KJØKKEN", ("kitchen",)),
        ("Soverom 2", ("bedroom",)), ("Bad", ("bathroom",)), ("WC", ("wc",)), ("Toalett", ("wc",)),
        ("Entré", ("entrance",)), ("ENTRE", ("entrance",)), ("Gang", ("hall",)), ("Bod", ("storage",)),
        ("Vaskerom", ("laundry",)), ("Balkong", ("balcony",)), ("Tek. rom", ("technical",)),
        ("Vardagsrum", ("living",)), ("Sovrum", ("bedroom",)), ("Badeværelse", ("bathroom",)), ("Køkken", ("kitchen",)),
        ("Wohnzimmer", ("living",)), ("Schlafzimmer", ("bedroom",)), ("Küche", ("kitchen",)),
        ("MASTER BED ROOM", ("bedroom",)), ("KITCHEN/LIVING AREA", ("kitchen", "living")),
        ("Stue/kjøkken", ("living", "kitchen")),
        ("UTILITY", ("laundry",)), ("PANTRY", ("storage",)), ("Parkering", ()),
        ("Women's Restroom", ("wc",)), ("WASHROOM", ("wc",)), ("Stairway", ("hall",)), ("Conference Room", ("other",)),
    ],
)
def test_vocabulary(label, functions):
    assert functions_of(label) == functions


def test_common_rooms_and_stated_areas():
    assert is_common("Korridor") and is_common("Trapperom") and is_common("STAIRWAY") and not is_common("Gang")
    assert stated_area_m2("Soverom\n12,4 m²") == 12.4
    assert stated_area_m2("345 SF") == pytest.approx(32.05, abs=0.01)


def _room(tmp_path, *labels_and_kinds):
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    for kind, payload in labels_and_kinds:
        if kind == "text":
            msp.add_text(payload[0], dxfattribs={"layer": "Tekst", "height": 200}).set_placement(payload[1])
        elif kind == "mtext":
            msp.add_mtext(payload[0], dxfattribs={"layer": "Rom", "char_height": 200, "insert": payload[1]})
        elif kind == "block":
            name, pos, size = payload
            if name not in doc.blocks:
                b = doc.blocks.new(name)
                b.add_lwpolyline([(0, 0), (size[0], 0), (size[0], size[1]), (0, size[1])], close=True)
            msp.add_blockref(name, pos, dxfattribs={"layer": "Sanitær"})
    return build_plan(read_drawing(save(doc, tmp_path)))


def test_multi_line_label_joined(tmp_path):
    plan = _room(tmp_path, ("text", ("MASTER", (1500, 2200))), ("text", ("BED ROOM", (1500, 1900))))
    assert plan.rooms[0].function == "bedroom"
    assert plan.rooms[0].label == "MASTER BED ROOM"


def test_mtext_with_formatting_and_area(tmp_path):
    plan = _room(tmp_path, ("mtext", (r"{\fArial|b1;STUE}\P11,9 m²", (1200, 2200))))
    r = plan.rooms[0]
    assert (r.label, r.function, r.stated_area_m2) == ("STUE", "living", 11.9)


def test_a_room_tag_that_names_a_function_wins_over_one_that_does_not(tmp_path):
    """Two tag blocks in one room, the first in reading order with NAME "1" (a symbol's number): the room is
    named by the tag that says what it is, not by the one read first."""
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    tag = doc.blocks.new("ROOMTAG")
    tag.add_attdef("NAME", (0, 0), dxfattribs={"height": 200})
    for text, pos in (("1", (1200, 3000)), ("Soverom", (1200, 1500))):
        msp.add_blockref("ROOMTAG", pos, dxfattribs={"layer": "Tekst"}).add_attrib("NAME", text, pos, dxfattribs={"height": 200})
    r = build_plan(read_drawing(save(doc, tmp_path))).rooms[0]
    assert (r.label, r.function, r.function_source) == ("Soverom", "bedroom", "attribute")


def test_two_labels_in_one_room_are_both_kept_and_reported(tmp_path):
    plan = _room(tmp_path, ("text", ("Stue", (800, 2000))), ("text", ("Kjøkken", (2300, 1000))))
    r = plan.rooms[0]
    assert set(r.functions) == {"living", "kitchen"}
    assert any(d.code == "room-several-labels" for d in plan.diagnostics)


@pytest.mark.parametrize("texts, several", [
    (("304B", "0304-B0", "00100304B0"), False),  # a room tag's number and codes (building001): one room
    (("Sauna", "Hobbyverksted"), True),  # two names that are words: maybe two rooms merged
])
def test_several_names_are_reported_only_when_they_are_words(tmp_path, texts, several):
    plan = _room(tmp_path, *(("text", (t, (1500, 1000 + 600 * i))) for i, t in enumerate(texts)))
    assert plan.rooms[0].label in texts
    assert len(plan.rooms[0].labels_found) == (len(texts) if several else 1)
    assert any(d.code == "room-several-labels" for d in plan.diagnostics) is several


@pytest.mark.parametrize("texts, label", [
    (("D6", "W7", "N"), ""),  # door and window marks and a letter (Sukhshum building: rooms were named "D6", "H")
    (("W11", "Hobbyrom"), "Hobbyrom"),
    (("305B",), "305B"),  # a room number still names a room
    (("R", '3" AIR VENT TYP'), ""),  # a note (Sukhshum house_plan's room was named by its vent)
])
def test_door_and_window_marks_name_no_room(tmp_path, texts, label):
    plan = _room(tmp_path, *(("text", (t, (1500, 1000 + 600 * i))) for i, t in enumerate(texts)))
    assert plan.rooms[0].label == label
    assert any(d.code == "room-unlabelled" for d in plan.diagnostics) is (label == "")


def test_unlabelled_room_is_reported(tmp_path):
    plan = _room(tmp_path)
    assert plan.rooms[0].function == "other"
    assert any(d.code == "room-unlabelled" and d.subject == plan.rooms[0].id for d in plan.diagnostics)


def test_fixtures_from_blocks_with_kind_and_room(tmp_path):
    plan = _room(tmp_path, ("text", ("Bad", (1500, 3500))), ("block", ("WC", (100, 100), (400, 700))),
                 ("block", ("Servant", (1000, 100), (550, 450))))
    kinds = {f.kind: f for f in plan.fixtures}
    assert set(kinds) == {"wc", "basin"}
    assert kinds["wc"].room == plan.rooms[0].id
    assert kinds["wc"].polygon.area == pytest.approx(400 * 700)
    assert not kinds["wc"].movable


@pytest.mark.parametrize("texts", [
    [("Category-Color", (1500, 2000)), ("College-Color", (1500, 2000))],  # two names on one spot (a real export)
    [("Stue", (800, 2000)), ("Kjøkken", (2300, 1000)), ("12,5 m²", (800, 1700)), ("14,0 m²", (2300, 700))],
])
def test_the_label_chosen_does_not_depend_on_the_drawing_order(tmp_path, texts):
    """A re-export may write the texts in another order; the label, the functions, the stated area and
    the list of labels found must stay (``labels.reading_key``: they are read in reading order)."""
    got = []
    for order in (texts, texts[::-1]):
        (tmp_path / str(len(got))).mkdir()
        r = _room(tmp_path / str(len(got)), *[("text", t) for t in order]).rooms[0]
        got.append((r.label, r.functions, r.stated_area_m2, r.labels_found))
    assert got[0] == got[1]
    assert got[0][0]  # a label was found at all
