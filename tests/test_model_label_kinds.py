"""Room labels as real exports write them: escaped, rotated, partly outside the room, name and area
apart, areas in the notations of several countries, heights."""

from __future__ import annotations

import ezdxf
import pytest

from builders import new, save, text, walls_around
from planeval.model import build_plan
from planeval.read import read_drawing


def one_room(tmp_path, *labels, size=(3000, 4000)):
    """A closed room 0..w × 0..h; ``labels``: (text, (x, y), rotation, height)."""
    doc, msp = new()
    walls_around(msp, 0, 0, *size)
    for s, (x, y), rot, h in labels:
        msp.add_text(s, dxfattribs={"layer": "A-ANNO-TEXT", "height": h, "rotation": rot}).set_placement(
            (x, y), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER)
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    (room,) = plan.rooms
    return room


def test_unicode_escapes_are_decoded(tmp_path):
    room = one_room(tmp_path, (r"K\U+00F8kken", (1500, 2000), 0, 200))
    assert (room.label, room.function) == ("Køkken", "kitchen")


def test_a_vertical_label_over_two_lines(tmp_path):
    # written upwards in a narrow room: "Bad" and, to its right, its area
    room = one_room(tmp_path, ("Bad", (700, 2000), 90, 200), ("4,2 m²", (1000, 2000), 90, 200), size=(1600, 4000))
    assert (room.label, room.function) == ("Bad", "bathroom")
    assert room.stated_area_m2 == pytest.approx(4.2)


def test_a_label_written_partly_outside_its_room(tmp_path):
    # its middle 0.7 m outside the room's west wall (further than a label's usual slack), a good
    # quarter of it written inside the room
    room = one_room(tmp_path, ("Soverom nr. 2", (-700, 2000), 0, 400))
    assert room.function == "bedroom"


def test_name_and_area_as_two_texts(tmp_path):
    room = one_room(tmp_path, ("Stue", (1500, 2200), 0, 200), ("24,5 m²", (1500, 1500), 0, 150))
    assert (room.label, room.stated_area_m2, room.stated_area_text) == ("Stue", 24.5, "24,5 m²")


@pytest.mark.parametrize("notation, m2", [
    ("12,4 m²", 12.4), ("12.4 m2", 12.4), ("mq=12.40", 12.4), ("134 SQ. FT.", 12.45), ("11'6 x 12'", 12.82),
])
def test_area_notations_are_kept_as_stated(tmp_path, notation, m2):
    room = one_room(tmp_path, ("Stue", (1500, 2500), 0, 200), (notation, (1500, 1500), 0, 150))
    assert room.label == "Stue"
    assert room.stated_area_m2 == pytest.approx(m2, abs=0.01)
    assert room.stated_area_text == notation
    assert room.area_m2 == pytest.approx(12.0)  # measured, beside what the drawing says


def test_a_height_is_read_as_the_room_height_not_a_name(tmp_path):
    room = one_room(tmp_path, ("h=2.50", (1500, 1500), 0, 150))
    assert room.label == "" and room.height_mm == pytest.approx(2500.0)
    room = one_room(tmp_path, ("Stue", (1500, 2500), 0, 200), ("H = 240 cm", (1500, 1500), 0, 150))
    assert room.label == "Stue" and room.height_mm == pytest.approx(2400.0)


def test_inspect_shows_the_stated_area_and_height(tmp_path):
    from planeval.report.plan import plan_to_dict, plan_to_text

    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000)
    text(msp, 1500, 2500, "Stue")
    text(msp, 1500, 1500, "mq=12.40", h=150)
    text(msp, 1500, 1000, "h=2.60", h=150)
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    room = plan_to_dict(plan)["rooms"][0]
    assert (room["stated_area_m2"], room["stated_area_text"], room["height_mm"]) == (12.4, "mq=12.40", 2600)
    assert "(drawing says 12.4), h 2.60 m" in plan_to_text(plan)
