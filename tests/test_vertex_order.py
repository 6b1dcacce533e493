"""The same room drawn from another start vertex must get the same verdicts.

A CAD tool may start a room's outline at any corner; nothing in the geometry changes. Found while
trying a faster union of the wall mass (README, "Speed and memory": the seal union), which gives
the same point set with other vertex orders: the furnishing search of HB02 (wheelchair parking
beside the minimum furniture) depended on the order. Its candidate positions follow the room's
wall edges (``measure.fixtures.wall_edges``), and simplifying the outline kept its start vertex,
which split the edge it lay on; on the sample building's 4th floor one of two identical flats then
found no layout that keeps the passage free. ``wall_edges`` now normalises the ring first.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from shapely.geometry import Polygon

BUILDING = Path(__file__).resolve().parent.parent / "samples" / "building"


def _rolled(p: Polygon, k: int) -> Polygon:
    ring = list(p.exterior.coords)[:-1]
    j = k % len(ring)
    return Polygon(ring[j:] + ring[:j], [list(r.coords) for r in p.interiors])


@pytest.mark.skipif(not (BUILDING / "plan-4.dxf").exists(), reason="sample building not generated")
def test_rooms_started_at_another_vertex_keep_their_verdicts():
    from planeval import api

    plan = api.load_plan(str(BUILDING / "plan-4.dxf"))
    base = {(f.code, f.result.subject): f.status for f in api.check(plan, "husbanken-omsorg").findings}
    assert len(base) > 300
    for k in (1, 2):
        rolled = dataclasses.replace(plan, rooms=tuple(dataclasses.replace(r, polygon=_rolled(r.polygon, k)) for r in plan.rooms))
        got = {(f.code, f.result.subject): f.status for f in api.check(rolled, "husbanken-omsorg").findings}
        assert got.keys() == base.keys()
        changed = sorted(key for key in base if got[key] != base[key])
        assert not changed, f"start vertex +{k}: {changed}"


def test_wall_edges_do_not_depend_on_the_start_vertex():
    from planeval.measure.fixtures import wall_edges

    # an L-shaped room whose outline starts in the middle of its long south wall (a T-junction vertex)
    room = Polygon([(2000, 0), (5000, 0), (5000, 3000), (2500, 3000), (2500, 4500), (0, 4500), (0, 0)])
    edges = wall_edges(room, min_length=2500)
    assert ((0.0, 0.0), (5000.0, 0.0)) in edges  # the south wall is one edge of 5 m, not 2 m + 3 m
    for k in range(1, 7):
        assert wall_edges(_rolled(room, k), min_length=2500) == edges
