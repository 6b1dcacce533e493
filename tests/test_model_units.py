"""Dwelling units when flats share no drawn corridor, and openings without jambs between two rooms."""

from __future__ import annotations

import pytest

from builders import door_arc, new, rect, save, text, walls_around
from planeval.model import build_plan
from planeval.read import read_drawing


def flat(msp, x0: float) -> None:
    """A living room 4 × 4 m and a bedroom 3 × 4 m joined by a door; the entrance from the south (outside)."""
    walls_around(msp, x0, 0, x0 + 4000, 4000, gaps=[("E", 1000, 1900), ("S", 500, 1400)])
    walls_around(msp, x0 + 4100, 0, x0 + 7100, 4000, gaps=[("W", 1000, 1900)])
    door_arc(msp, (x0 + 4100, 1000), 90, 0, 900)
    door_arc(msp, (x0 + 500, -100), 0, 270, 900)
    text(msp, x0 + 2000, 3000, "Stue")
    text(msp, x0 + 5600, 3000, "Soverom")


def test_flats_without_a_common_corridor_are_one_unit_each(tmp_path):
    doc, msp = new()
    flat(msp, 0)
    flat(msp, 7300)  # the next flat beyond a party wall, its own entrance from an undrawn gallery
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert len(plan.rooms) == 4
    assert len(plan.units) == 2
    for u in plan.units:
        rooms = plan.rooms_of_unit(u.id)
        assert sorted(r.label for r in rooms) == ["Soverom", "Stue"]
        entrance = plan.door(u.entrance_door)
        assert "outside" in entrance.rooms and {r.id for r in rooms} & set(entrance.rooms)
    assert any(d.code == "units-by-entrance" for d in plan.diagnostics)


def test_one_flat_with_a_store_without_door_stays_one_unit(tmp_path):
    doc, msp = new()
    flat(msp, 0)
    walls_around(msp, 7200, 0, 8700, 2000)  # a closed store beside the bedroom: no door of its own
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert len(plan.units) == 1 and len(plan.units[0].rooms) == 3


def test_opening_without_jambs_between_hall_and_corridor(tmp_path):
    doc, msp = new()
    # corridor 0..6000 × 0..1500; its north wall is interrupted over 2000..4000 where the hall
    # (2000..4000 × 1500..4500) opens onto it over its whole width: the wall faces stop at corners
    rect(msp, -100, -100, 6100, 0)  # south wall
    rect(msp, -100, 0, 0, 1600)  # west
    rect(msp, 6000, 0, 6100, 1600)  # east
    rect(msp, 0, 1500, 2000, 1600)  # north wall, west piece
    rect(msp, 4000, 1500, 6000, 1600)  # north wall, east piece
    rect(msp, 1900, 1600, 2000, 4600)  # hall west wall, joining the west piece at a corner
    rect(msp, 4000, 1600, 4100, 4600)  # hall east wall
    rect(msp, 1900, 4500, 4100, 4600)  # hall north wall
    text(msp, 1000, 750, "Gang")
    text(msp, 3000, 3500, "Entré")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    by_label = {r.label: r for r in plan.rooms}
    assert set(by_label) == {"Gang", "Entré"}
    assert by_label["Entré"].area_m2 == pytest.approx(2.0 * 3.0, abs=0.05)  # up to the corridor wall face it continues
    openings = [d for d in plan.doors if str(d.kind) == "opening"]
    assert len(openings) == 1
    assert openings[0].clear_width_mm == pytest.approx(2000, abs=5)
    assert set(openings[0].rooms) == {by_label["Gang"].id, by_label["Entré"].id}


def test_one_room_with_one_label_is_not_split_at_its_corners(tmp_path):
    doc, msp = new()
    # a living room with a 2 m wide bay: two inward corners and wall faces running on, but one label
    walls_around(msp, 0, 0, 5000, 4000, gaps=[("N", 1500, 3500)])
    rect(msp, 1400, 4000, 1500, 5100)
    rect(msp, 3500, 4000, 3600, 5100)
    rect(msp, 1400, 5000, 3600, 5100)
    text(msp, 2500, 2000, "Stue")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert len(plan.rooms) == 1 and plan.rooms[0].area_m2 == pytest.approx(20.0 + 2.0 * 1.0, abs=0.1)


def test_the_json_graph_lists_are_networkx_own():
    """``graph_lists`` (what `inspect` writes, without importing networkx) equals ``Plan.graph``'s nodes and
    edges as networkx gives them (each edge's endpoints in its order; the JSON sorts the edges by door), on
    every sample."""
    from pathlib import Path

    from planeval.api import load_plan
    from planeval.model.graph import graph_lists

    for path in sorted((Path(__file__).resolve().parent.parent / "samples" / "dxf").glob("*.dxf")):
        plan = load_plan(path)
        nodes, edges = graph_lists(plan.rooms, plan.doors)
        assert nodes == list(plan.graph.nodes), path.name
        assert sorted(edges, key=lambda e: e[2]) == sorted(plan.graph.edges(keys=True), key=lambda e: e[2]), path.name
        assert len(edges) == len(plan.doors) > 0


def test_a_replaced_plan_looks_up_its_own_rooms():
    """``Plan.room`` answers from an index filled on first use; ``dataclasses.replace`` must not hand the new
    plan the old one's index (it answered with the old rooms: a relabelled room kept its old name in
    reports)."""
    from dataclasses import replace
    from pathlib import Path

    from planeval.api import load_plan

    plan = load_plan(Path(__file__).resolve().parent.parent / "samples" / "dxf" / "korttid-40-aia.dxf")
    first = plan.rooms[0]
    assert plan.room(first.id) is first  # the index is filled
    renamed = replace(plan, rooms=(replace(first, label="NYTT NAVN"), *plan.rooms[1:]))
    assert renamed.room(first.id).label == "NYTT NAVN" and plan.room(first.id) is first
    assert renamed.graph is not plan.graph and renamed.graph.nodes[first.id]["label"] == "NYTT NAVN"
