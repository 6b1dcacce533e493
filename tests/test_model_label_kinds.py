"""Room labels as real exports write them: escaped, rotated, partly outside the room, name and area
apart, areas in the notations of several countries, heights."""

from __future__ import annotations

import math

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


def _stacked(text_lines, centre, rotation, h, step=1.5):
    """``text_lines`` of one label stacked along their own normal (each ``step`` heights below the last in the
    label's direction), centred on ``centre``."""
    a = math.radians(rotation)
    nx, ny = math.sin(a), -math.cos(a)  # "down" in the label's own axes
    n = len(text_lines)
    out = []
    for i, s in enumerate(text_lines):
        k = (i - (n - 1) / 2) * step * h
        out.append((s, (centre[0] + k * nx, centre[1] + k * ny), rotation, h))
    return out


@pytest.mark.parametrize("rotation", [0, 33, 90, 180, 135, 301])
def test_a_two_line_label_is_joined_at_any_rotation(tmp_path, rotation):
    # "Master" alone names no function; read with its second line it is the bedroom's name
    room = one_room(tmp_path, *_stacked(["Master", "bedroom"], (2000, 2000), rotation, 200), size=(4000, 4000))
    assert (room.label, room.function) == ("Master bedroom", "bedroom")


@pytest.mark.parametrize("rotation", [0, 33, 90, 180])
def test_three_lines_read_in_their_own_order(tmp_path, rotation):
    room = one_room(tmp_path, *_stacked(["Soverom", "nr.", "2"], (2000, 2000), rotation, 200), size=(4000, 4000))
    assert room.label == "Soverom nr. 2" and room.function == "bedroom"


def test_lines_in_other_directions_or_sizes_are_not_one_label(tmp_path):
    # the second line turned 33° against the first: two texts, not one label
    turned = [("Master", (2000, 2150), 0, 200), ("bedroom", (2000, 1850), 33, 200)]
    room = one_room(tmp_path, *turned, size=(4000, 4000))
    assert room.label == "bedroom"
    tiny = [("Master", (2000, 2150), 0, 200), ("bedroom", (2000, 2050), 0, 60)]  # a note under the name, not its line
    (tmp_path / "b").mkdir()
    room = one_room(tmp_path / "b", *tiny, size=(4000, 4000))
    assert room.label == "bedroom"
    apart = [("Master", (2000, 3000), 33, 200), ("bedroom", (2000, 1000), 33, 200)]  # 2 m apart: two texts
    (tmp_path / "c").mkdir()
    room = one_room(tmp_path / "c", *apart, size=(4000, 4000))
    assert room.label == "bedroom"


@pytest.mark.parametrize("rotation", [40, 220])
def test_right_aligned_lines_keep_their_order_when_turned(tmp_path, rotation):
    # the lines' insert points 5 heights apart sideways (right-aligned lines of unequal length), 2.1 below
    # along their own normal: read in the label's axes, "Master" comes first
    h, a = 200.0, math.radians(rotation)

    def at(dx, dy):
        return (2500 + dx * math.cos(a) - dy * math.sin(a), 2500 + dx * math.sin(a) + dy * math.cos(a))

    room = one_room(tmp_path, ("Master", at(0, 0), rotation, h), ("bedroom", at(5 * h, -2.1 * h), rotation, h),
                    size=(5000, 5000))
    assert room.label == "Master bedroom"
