"""The tiled union (model/tiled_union.py) is the region of the plain union, whatever is drawn across the tiles.

The tiles are made small here (a few dozen polygons) so that every case is cut into many of them.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from planeval.model import tiled_union
from planeval.model.linework import EPS_MM


@pytest.fixture
def small_tiles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tiled_union, "TILE_PARTS", 12)
    monkeypatch.setattr(tiled_union, "FANOUT", 4)
    monkeypatch.setattr(tiled_union, "TILED_FROM", 0)


def thick(segs: list[tuple[float, float, float, float]]) -> np.ndarray:
    lines = shapely.linestrings(np.asarray(segs, dtype=float).reshape(-1, 2, 2))
    return shapely.buffer(lines, EPS_MM, cap_style="square", join_style="mitre", quad_segs=1)


def room_grid(nx: int, ny: int, w: float = 4000.0, h: float = 3000.0, t: float = 75.0) -> list[tuple[float, float, float, float]]:
    """Double-line walls round a grid of rooms, a line per wall and face, the hollows of the walls open at their ends."""
    out = []
    for i in range(nx + 1):
        for j in range(ny):
            out += [(i * w + d, j * h, i * w + d, (j + 1) * h) for d in (-t, t)]
    for j in range(ny + 1):
        for i in range(nx):
            out += [(i * w, j * h + d, (i + 1) * w, j * h + d) for d in (-t, t)]
    return out


def same_region(a, b) -> None:
    assert a.is_valid and b.is_valid
    assert shapely.symmetric_difference(a, b).area < 1e-6 * max(b.area, 1.0)
    holes = [shapely.get_num_interior_rings(shapely.get_parts(g)).sum() for g in (a, b)]
    assert holes[0] == holes[1]
    assert shapely.get_num_geometries(a) == shapely.get_num_geometries(b)


def test_a_grid_of_rooms_gives_the_plain_union_ring_for_ring(small_tiles: None, monkeypatch: pytest.MonkeyPatch) -> None:
    merged: list[int] = []  # the holes each union in the recursion carried
    real = tiled_union._merge
    monkeypatch.setattr(tiled_union, "_merge", lambda pieces: _count_holes(real(pieces), merged))
    parts = thick(room_grid(12, 9))
    tiled = shapely.normalize(tiled_union.union_polygons(parts))
    plain = shapely.normalize(shapely.union_all(parts))
    same_region(tiled, plain)
    assert shapely.equals_exact(tiled, plain, 1e-6)  # the same rings and vertices, in normal form
    # the point of it: no union carries every hole (the 108 rooms and the wall hollows between them)
    holes = int(shapely.get_num_interior_rings(shapely.get_parts(plain)).sum())
    assert len(merged) > 10 and max(merged) < holes / 3


def _count_holes(geom, seen: list[int]):
    seen.append(int(shapely.get_num_interior_rings(shapely.get_parts(geom)).sum()))
    return geom


def test_a_hall_larger_than_any_tile_stays_a_hole(small_tiles: None) -> None:
    segs = room_grid(10, 8)
    hall = [(20000.0 + dx, 9000.0 + dy, 20000.0 + dx2, 9000.0 + dy2) for dx, dy, dx2, dy2 in
            [(0, 0, 12000, 0), (12000, 0, 12000, 9000), (12000, 9000, 0, 9000), (0, 9000, 0, 0)]]
    # the hall: a free region far larger than a tile, cut out of the middle of the grid
    parts = thick(segs)
    keep = [not box(20100, 9100, 31900, 17900).intersects(p) for p in parts]
    parts = np.concatenate([parts[np.asarray(keep)], thick(hall)])
    same_region(tiled_union.union_polygons(parts), shapely.union_all(parts))


def test_a_column_in_a_room_is_kept(small_tiles: None) -> None:
    columns = [box(x * 4000 + 1800, y * 3000 + 1300, x * 4000 + 2200, y * 3000 + 1700) for x in range(10) for y in range(8)]
    parts = np.concatenate([thick(room_grid(10, 8)), np.asarray(columns, dtype=object)])
    tiled = tiled_union.union_polygons(parts)
    same_region(tiled, shapely.union_all(parts))
    assert shapely.get_num_geometries(tiled) >= 80  # every column its own polygon inside its room's hole


def test_a_wall_hatch_over_the_whole_floor(small_tiles: None) -> None:
    outer = box(-500, -500, 40500, 24500)
    hatch = outer.difference(shapely.union_all([box(x * 4000 + 200, y * 3000 + 200, x * 4000 + 3800, y * 3000 + 2800)
                                                  for x in range(10) for y in range(8)]))
    parts = np.concatenate([thick(room_grid(10, 8)), np.asarray([hatch], dtype=object)])
    same_region(tiled_union.union_polygons(parts), shapely.union_all(parts))


def test_random_lines_give_the_plain_union(small_tiles: None) -> None:
    rng = np.random.default_rng(7)
    for _ in range(5):
        n = 200
        x, y = rng.uniform(0, 30000, n), rng.uniform(0, 20000, n)
        ang, length = rng.uniform(0, np.pi, n), rng.uniform(500, 6000, n)
        segs = np.column_stack([x, y, x + length * np.cos(ang), y + length * np.sin(ang)])
        parts = thick([tuple(s) for s in segs])
        same_region(tiled_union.union_polygons(parts), shapely.union_all(parts))


def test_few_parts_take_the_plain_union(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(tiled_union, "_Tiling", lambda *a: calls.append(1))
    parts = thick(room_grid(3, 3))
    assert tiled_union.union_polygons(parts).equals(shapely.union_all(parts))
    assert not calls


def test_a_buffer_that_is_not_the_union_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = [box(0, 0, 10, 10), box(5, 0, 20, 10), box(30, 0, 40, 10)]
    assert tiled_union._merge(pieces).area == pytest.approx(300.0)
    monkeypatch.setattr(tiled_union.shapely, "buffer", lambda *a, **k: box(0, 0, 1, 1))  # smaller than a piece
    assert tiled_union._merge(pieces).area == pytest.approx(300.0)


def test_holes_put_back_that_would_touch_are_refused() -> None:
    """A valid polygon may have holes that touch, but a ring from one tile might then cross another by a rounding:
    such holes are not put back (the caller takes the plain union)."""
    whole = box(0, 0, 100, 100)
    apart = [np.asarray(box(10, 10, 20, 20).exterior.coords), np.asarray(box(30, 10, 40, 20).exterior.coords)]
    punched = tiled_union._put_back_holes(whole, apart)
    assert punched is not None and punched.is_valid and punched.area == pytest.approx(10000 - 200)
    # a hole confirmed twice is put back once
    assert tiled_union._put_back_holes(whole, apart + [apart[0][::-1]]).area == pytest.approx(10000 - 200)
    touching = [np.asarray(box(10, 10, 20, 20).exterior.coords), np.asarray(box(20, 20, 30, 30).exterior.coords)]
    assert tiled_union._put_back_holes(whole, touching) is None
    at_shell = [np.asarray(box(0, 10, 20, 20).exterior.coords)]
    assert tiled_union._put_back_holes(whole, at_shell) is None
    outside = [np.asarray(box(200, 10, 220, 20).exterior.coords)]
    assert tiled_union._put_back_holes(whole, outside) is None
