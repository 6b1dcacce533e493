"""The same room drawn from another start vertex must get the same verdicts.

A CAD tool may start a room's outline at any corner; nothing in the geometry changes. Found while
trying a faster union of the wall mass (README, "Speed and memory": the seal union), which gives
the same point set with other vertex orders: the furnishing search of HB02 (wheelchair parking
beside the minimum furniture) depended on the order. Its candidate positions follow the room's
wall edges (``measure.fixtures.wall_edges``), and simplifying the outline kept its start vertex,
which split the edge it lay on; on the sample building's 4th floor one of two identical flats then
found no layout that keeps the passage free. ``wall_edges`` now normalises the ring first.

The whole plan model was still order-dependent: every room outline came out of GEOS (or the
drawing) in whatever vertex order it had, and measurements that walk a ring (the zones placed for
the area score, the axes a room's slack is measured along, a turning circle's place) followed it.
Re-exporting the same plan with its entities in another order changed measured values on half the
samples. Room outlines and the wall mass are now kept in normal form (``model.rooms.make_rooms``),
and a sample drawn in another order (``dxftransform.redrawn``) must give the same report, byte for
byte but for the file's name and hash.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon

from dxftransform import redrawn
from sampleplans import sample_path

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


def _report_json(path: Path) -> str:
    from planeval import api
    from planeval.report.json_report import write_json

    text = write_json([api.check(api.load_plan(path), "tek17")])
    data = json.loads(text.replace(json.loads(text)["reports"][0]["file"]["path"], "PLAN.dxf"))
    for key in ("sha256", "path"):
        data["reports"][0]["file"].pop(key)
    # ezdxf's own warnings are about the file as written (a copy saved by ezdxf drops GEODATA v1, renumbers handles)
    data["reports"][0]["diagnostics"] = [d for d in data["reports"][0]["diagnostics"] if d["code"] != "dxf-warning"]
    return json.dumps(data, sort_keys=True).replace(path.name, "PLAN.dxf")


@pytest.mark.parametrize("name", ["familie-70-revit", "korridor-4units-aia", "omsorg-55-revit"])
def test_a_plan_drawn_in_another_order_gives_the_same_report(tmp_path: Path, name: str) -> None:
    """Lines from their other end, closed polylines from another vertex and reversed, the modelspace in
    reverse order: the same report. (Before the outlines were normalised these three samples changed:
    a turning circle's place, a room's slack along its axes, the m² of required zones.)"""
    src = tmp_path / f"{name}.dxf"
    src.write_bytes(sample_path(name).read_bytes())
    other = tmp_path / "other" / f"{name}.dxf"
    other.parent.mkdir()
    assert redrawn(src, other) > 20
    assert other.read_bytes() != src.read_bytes()
    assert _report_json(other) == _report_json(src)


def _plain(x: object) -> object:
    """``x`` with every float to 0.001 mm and every geometry as rounded WKT (the noise of a float sum in
    another order is not a change)."""
    from shapely.geometry.base import BaseGeometry

    if isinstance(x, float):
        return round(x, 3) + 0.0
    if isinstance(x, BaseGeometry):
        return x.wkt if x.is_empty else shapely.to_wkt(x, rounding_precision=3)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return tuple((f.name, _plain(getattr(x, f.name))) for f in dataclasses.fields(x) if f.compare)
    if isinstance(x, dict):
        return tuple(sorted((str(k), _plain(v)) for k, v in x.items()))
    if isinstance(x, (list, tuple)):
        return tuple(_plain(v) for v in x)
    return x


def _model(path: Path) -> object:
    from planeval import api

    plan = api.load_plan(path)
    return _plain((plan.rooms, plan.doors, plan.windows, plan.fixtures, plan.units, plan.recognition))


@pytest.mark.parametrize("name", [
    "anandkothartrdl__Plans__plan.dxf",  # a double door: which leaf is the active one (door-side-space's place)
    "ivan-mf-suen__pms-app__building001-0_floor3.dxf",  # rooms drawn twice on two layers: which layer names them
    "oliland__roomsize__ground-floor-lhs.dxf",  # the unused door symbols, listed in drawing order
])
def test_a_real_export_drawn_in_another_order_gives_the_same_model(realplans: Path, tmp_path: Path, name: str) -> None:
    """The plan model (rooms, doors, windows, fixtures, units, recognition) of a real export, exactly
    (geometry compared coordinate by coordinate), drawn in another order. Each of these three changed
    before: the leaf order of a double door, the layer that names a room drawn twice, the list of unused
    door symbols."""
    src = realplans / name
    if not src.is_file():
        pytest.skip(f"{name} absent")
    mine = tmp_path / name
    mine.write_bytes(src.read_bytes())
    other = tmp_path / "other" / name
    other.parent.mkdir()
    redrawn(mine, other)
    assert _model(other) == _model(mine)
