"""Windows drawn as loose lines in a wall on a plan with no wall or window layer (every entity on layer 0)."""

from __future__ import annotations

import pytest

from builders import new, save, text, walls_around
from planeval.model import build_plan
from planeval.read import read_drawing

T = 250  # the outer wall's thickness


def _plan(tmp_path, gaps, lines):
    """A 5 × 4 m room on layer 0, its walls face lines and jambs, ``lines`` (offsets into the wall) drawn across
    each gap in the north wall."""
    doc, msp = new()
    walls_around(msp, 0, 0, 5000, 4000, t=T, layer="0", gaps=[("N", a, b) for a, b in gaps], style="double")
    for a, b in gaps:
        for off in lines:
            msp.add_line((a, 4000 + off), (b, 4000 + off), dxfattribs={"layer": "0"})
    text(msp, 2500, 2000, "Stue", layer="0")
    return build_plan(read_drawing(save(doc, tmp_path)))


def test_three_lines_from_jamb_to_jamb_are_a_window(tmp_path):
    plan = _plan(tmp_path, [(1500, 2700)], (0, T / 2, T))
    (room,) = plan.rooms
    assert room.area_m2 == pytest.approx(20.0, abs=0.01)  # the lines close the wall as they did
    (w,) = plan.windows
    assert w.width_mm == pytest.approx(1200, abs=1)
    assert w.polygon.bounds == pytest.approx((1500, 4000, 2700, 4000 + T), abs=1)
    assert room.id in w.rooms


@pytest.mark.parametrize("lines, why", [
    ((0, T), "two lines and two jambs: a stretch of wall drawn as its own rectangle"),
    ((0, 0, T, T), "... drawn twice: still two lines"),
    ((0, T / 2, T + 60), "lines not spread as the jambs are long"),
])
def test_what_is_no_window(tmp_path, lines, why):
    assert _plan(tmp_path, [(1500, 2700)], lines).windows == (), why


def test_lines_drawn_twice_are_one_window(tmp_path):
    """Exports often draw a line twice on itself (ono-hiroki's posts): the window's lines are counted once."""
    (w,) = _plan(tmp_path, [(1500, 2700)], (0, 0, T / 2, T / 2, T)).windows
    assert w.width_mm == pytest.approx(1200, abs=1)


def test_a_wall_piece_between_two_openings_is_no_window(tmp_path):
    """Faces, a centre line and jambs, but no wall beyond its ends: a piece of wall between two openings."""
    doc, msp = new()
    walls_around(msp, 0, 0, 5000, 4000, t=T, layer="0", gaps=[("N", 600, 1500), ("N", 2100, 3000)], style="double")
    msp.add_line((1500, 4000 + T / 2), (2100, 4000 + T / 2), dxfattribs={"layer": "0"})
    text(msp, 2500, 2000, "Stue", layer="0")
    assert build_plan(read_drawing(save(doc, tmp_path))).windows == ()


def test_the_same_lines_in_a_wall_between_two_rooms_are_no_window(tmp_path):
    """Found by its shape alone, a window stands in an outer wall: between two rooms three lines from jamb to jamb
    are more likely a sliding door or a built-in (ono-hiroki's WC wall had one window so)."""
    doc, msp = new()
    walls_around(msp, 0, 0, 6000, 4000, t=T, layer="0", style="double")
    def line(a, b):
        msp.add_line(a, b, dxfattribs={"layer": "0"})
    for x in (3000, 3100):  # the inner wall's faces, broken at y 1500–2400
        line((x, 0), (x, 1500))
        line((x, 2400), (x, 4000))
    for y in (1500, 2400):  # its jambs
        line((3000, y), (3100, y))
    for x in (3000, 3050, 3100):  # the window-like lines across the gap
        line((x, 1500), (x, 2400))
    text(msp, 1500, 2000, "Stue", layer="0")
    text(msp, 4500, 2000, "Soverom", layer="0")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert sorted(r.label for r in plan.rooms) == ["Soverom", "Stue"]
    assert plan.windows == ()


@pytest.mark.parametrize("middle, windows", [
    ((T / 2,), 0),  # faces and a centre line, as the wall beyond the posts: the wall's own way of being drawn
    ((25, T - 25), 1),  # faces and two sashes, the wall beyond the posts faces and a centre line: a window
])
def test_a_wall_drawn_with_a_centre_line_between_posts(tmp_path, middle, windows):
    """ono-hiroki draws its timber walls with their faces and a centre line between 100 mm posts, and its sliding
    windows as the faces and two sashes: the wall beyond a post is compared with the stretch, not the post."""
    doc, msp = new()
    posts = [(1500, 1600), (2600, 2700)]
    walls_around(msp, 0, 0, 5000, 4000, t=T, layer="0", gaps=[("N", a, b) for a, b in posts], style="double")
    for a, b in posts:  # the posts: squares in the wall
        for p, q in (((a, 4000), (b, 4000)), ((b, 4000), (b, 4000 + T)), ((b, 4000 + T), (a, 4000 + T)),
                     ((a, 4000 + T), (a, 4000))):
            msp.add_line(p, q, dxfattribs={"layer": "0"})
    for x0, x1, offs in ((-T, 1500, (T / 2,)), (1600, 2600, middle), (2700, 5000 + T, (T / 2,))):
        for off in offs:
            msp.add_line((x0, 4000 + off), (x1, 4000 + off), dxfattribs={"layer": "0"})
    text(msp, 2500, 2000, "Stue", layer="0")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert len(plan.windows) == windows
    assert all(w.polygon.bounds == pytest.approx((1600, 4000, 2600, 4000 + T), abs=1) for w in plan.windows)


def test_two_windows_of_one_width_in_facing_walls_are_two_windows(tmp_path):
    """Lines of one span in the north and the south wall, 4 m apart: each wall's three lines are a window (they
    were one group of six lines spread 4.25 m, too wide for a wall, and neither was found)."""
    doc, msp = new()
    walls_around(msp, 0, 0, 5000, 4000, t=T, layer="0", gaps=[("N", 1500, 2700), ("S", 1500, 2700)], style="double")
    for y0 in (4000, -T):
        for off in (0, T / 2, T):
            msp.add_line((1500, y0 + off), (2700, y0 + off), dxfattribs={"layer": "0"})
    text(msp, 2500, 2000, "Stue", layer="0")
    plan = build_plan(read_drawing(save(doc, tmp_path)))
    assert sorted(round(w.polygon.bounds[1]) for w in plan.windows) == [-T, 4000]
