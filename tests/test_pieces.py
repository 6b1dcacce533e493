"""Loose lines joined end to end (planeval.model.pieces): every line in exactly one path, each path a walk."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.model.pieces import joined

coord = st.integers(0, 4).map(float)  # a small grid: many lines meet, loops and branches are common
line = st.tuples(st.tuples(coord, coord), st.tuples(coord, coord))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(line, max_size=25))
def test_every_line_is_in_one_path_and_each_path_walks_end_to_end(lines):
    paths = joined(lines)
    seen = [i for idx, _, _ in paths for i in idx]
    assert sorted(seen) == [i for i, (a, b) in enumerate(lines) if a != b]  # degenerate lines in none
    for idx, pts, closed in paths:
        assert len(pts) == len(idx) + 1 and (pts[0] == pts[-1]) >= closed
        for k, i in enumerate(idx):  # line k of the path runs from point k to point k + 1, either way round
            assert {pts[k], pts[k + 1]} == set(lines[i])


def test_a_swing_of_twelve_loose_pieces_is_one_open_path_however_they_are_ordered():
    import math

    pts = [(900 * math.cos(math.radians(7.5 * k)), 900 * math.sin(math.radians(7.5 * k))) for k in range(13)]
    pieces = [(pts[k], pts[k + 1]) for k in range(12)]
    for order in (pieces, pieces[::-1], pieces[1::2] + pieces[0::2]):
        (idx, walk, closed), = joined(order)
        assert not closed and len(idx) == 12 and {walk[0], walk[-1]} == {pts[0], pts[-1]}
