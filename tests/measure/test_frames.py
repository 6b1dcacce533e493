"""measure.frames: one Frame for every local strip; which side of a segment is the room."""

from __future__ import annotations

import math

import numpy as np
import pytest
from shapely.geometry import box

from planeval.measure.frames import Frame, normal_towards, offset_band, rounded


def test_world_and_local_are_inverse_in_a_turned_frame():
    f = Frame.rotated((1000.0, 500.0), 30.0)
    pts = np.array([f.world(x, y) for x, y in [(0, 0), (100, 0), (0, 100), (-250, 40)]])
    assert np.allclose(f.local(pts), [(0, 0), (100, 0), (0, 100), (-250, 40)])
    assert f.world(100, 0) == pytest.approx((1000 + 100 * math.cos(math.radians(30)), 500 + 100 * math.sin(math.radians(30))))
    assert f.right_handed and f.angle_deg == pytest.approx(120.0)


def test_box_corners_and_segment():
    f = Frame((0.0, 0.0), (0.0, 1.0), (1.0, 0.0))  # u north, v east: left-handed
    assert not f.right_handed and f.angle_deg == pytest.approx(0.0)
    assert f.corners(0, 100, 0, 10) == [(0.0, 0.0), (0.0, 100.0), (10.0, 100.0), (10.0, 0.0)]
    b = f.box(0, 100, 0, 10)
    assert b.area == pytest.approx(1000) and b.bounds == (0.0, 0.0, 10.0, 100.0)
    assert list(f.segment(0, 5, 100, 5).coords) == [(5.0, 0.0), (5.0, 100.0)]
    centred = Frame.rotated((0.0, 0.0), 90.0).box(-650, 650, -900, 900)  # 1.3 × 1.8 m turned 90°
    assert centred.bounds == pytest.approx((-900, -650, 900, 650))


def test_along_a_counter_clockwise_edge_points_into_the_room():
    room = box(0, 0, 3000, 2000)
    coords = list(room.exterior.coords)
    for a, b in zip(coords, coords[1:], strict=False):
        f = Frame.along(a, b)
        mid = f.world(math.dist(a, b) / 2, 10.0)
        assert room.contains(box(mid[0] - 1, mid[1] - 1, mid[0] + 1, mid[1] + 1)) == room.exterior.is_ccw


def test_normal_towards_the_room_and_the_facing_frame():
    room = box(0, 0, 1000, 2000)
    assert normal_towards((0, 500), (0, 1400), room) == (1.0, 0.0)  # west wall: the room is east
    assert normal_towards((0, 1400), (0, 500), room) == (1.0, 0.0)  # whichever way the segment runs
    f = Frame.facing((0, 500), (0, 1400), room)
    assert f.u == (0.0, 1.0) and f.v == (1.0, 0.0) and f.origin == (0, 500)


def test_offset_band_passes_through_the_segment_ends():
    band = offset_band((0.0, 500.0), (0.0, 1400.0), (1.0, 0.0), -300.0, 800.0)
    assert band.bounds == (-300.0, 500.0, 800.0, 1400.0) and band.area == pytest.approx(900 * 1100)
    assert rounded(list(band.exterior.coords)[:2]) == [[-300, 500], [-300, 1400]]
