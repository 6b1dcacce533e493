"""Functions inferred for unlabelled rooms from their fixtures and size; window and wall layers in more
languages; xref-bound layer names read by their last part."""

from __future__ import annotations

import pytest

from builders import door_arc, new, save, text, walls_around
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.read.profiles import builtin_profile


def block(doc, name, w, h):
    if name not in doc.blocks:
        b = doc.blocks.new(name)
        b.add_lwpolyline([(0, 0), (w, 0), (w, h), (0, h)], close=True)
    return name


def furnished(tmp_path, fittings, label=None):
    """A 3 × 4 m room with an entrance door; ``fittings``: block name, size, position."""
    doc, msp = new()
    walls_around(msp, 0, 0, 3000, 4000, gaps=[("W", 2000, 2900)])
    door_arc(msp, (-100, 2000), 90, 180, 900)
    for name, (w, h), at in fittings:
        msp.add_blockref(block(doc, name, w, h), at, dxfattribs={"layer": "A-FLOR-FIXT"})
    if label:
        text(msp, 1500, 3500, label)
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    (room,) = plan.rooms
    return plan, room


@pytest.mark.parametrize("fittings, function", [
    ([("WC", (400, 700), (100, 100)), ("BASIN", (500, 400), (700, 100))], "bathroom"),
    ([("SHOWER", (900, 900), (2000, 100))], "bathroom"),
    ([("WC", (400, 700), (100, 100))], "wc"),
    ([("DOUBLE BED", (1600, 2000), (700, 1000))], "bedroom"),
    ([("KITCHEN COUNTER", (600, 2400), (2300, 500))], "kitchen"),
    ([("WASHING MACHINE", (600, 600), (2300, 100))], "laundry"),
])
def test_function_inferred_from_fixtures(tmp_path, fittings, function):
    plan, room = furnished(tmp_path, fittings)
    assert (room.function, room.function_source, room.confidence, room.label) == (function, "inferred", "low", "")
    assert any(d.code == "function-inferred" and d.subject == room.id for d in plan.diagnostics)
    assert plan.recognition.rooms_inferred == 1 and plan.recognition.rooms_unlabelled == 0


def test_a_label_wins_over_the_fixtures(tmp_path):
    _, room = furnished(tmp_path, [("DOUBLE BED", (1600, 2000), (700, 1000))], label="Stue")
    assert (room.function, room.function_source, room.confidence) == ("living", "text", "high")


def test_the_largest_unlabelled_room_of_a_plan_without_living_room(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 5000, 4000, gaps=[("W", 2000, 2900), ("E", 1000, 1900)])
    walls_around(msp, 5100, 0, 8000, 4000, gaps=[("W", 1000, 1900)])
    door_arc(msp, (-100, 2000), 90, 180, 900)
    door_arc(msp, (5100, 1000), 90, 0, 900)
    text(msp, 6500, 3000, "Soverom")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    big = max(plan.rooms, key=lambda r: r.area_m2)
    assert (big.function, big.function_source) == ("living", "inferred")


def test_a_small_room_behind_one_door_is_storage(tmp_path):
    doc, msp = new()
    walls_around(msp, 0, 0, 4000, 4000, gaps=[("W", 2000, 2900), ("E", 200, 1000)])
    walls_around(msp, 4100, 0, 5600, 1500, gaps=[("W", 200, 1000)])
    door_arc(msp, (-100, 2000), 90, 180, 900)
    door_arc(msp, (4100, 200), 90, 0, 800)
    text(msp, 2000, 3000, "Stue")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    small = min(plan.rooms, key=lambda r: r.area_m2)
    assert small.area_m2 == pytest.approx(2.25) and (small.function, small.function_source) == ("storage", "inferred")


@pytest.mark.parametrize("layer, role", [
    ("INFISSI", "window"), ("A-FINESTRE", "window"), ("Fenster", "window"), ("Vindu", "window"), ("Fönster", "window"),
    ("Ventanas", "window"), ("MURI", "wall"), ("Porte", "door"),
    ("xref-Name$0$A-WALL", "wall"), ("Name$0$A325g - Int Doors", "door"), ("Plan$1$Vegger", "wall"), ("Plan|A-DOOR", "door"),
])
def test_layer_words_and_xref_bound_names(layer, role):
    roles = {p: builtin_profile(p).layer_role(layer)[0].value for p in ("plain", "aia", "cisfb-uk")}
    assert role in roles.values() and set(roles.values()) <= {role, "unknown"}, roles
