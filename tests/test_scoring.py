"""Area metrics: hand-computed areas, and invariance under translation, rotation and drawing units."""

from __future__ import annotations

import math

import pytest
from ezdxf.math import Matrix44

from builders import door_arc, new, save, text, walls_around
from planeval.api import check as run
from planeval.model import build_plan
from planeval.read import read_drawing
from planeval.ruleset import load_ruleset
from planeval.scoring import area_metrics, classify


def flat(tmp_path, name="flat.dxf"):
    """Stue 4.0 × 5.0 = 20.00, Soverom 3.0 × 3.5 = 10.50, Bad 2.0 × 2.4 = 4.80, Entré 2.0 × 1.5 = 3.00,
    Bod 1.0 × 2.0 = 2.00 (all interior, 100 mm inner walls, 200 mm outer)."""
    doc, msp = new()
    walls_around(msp, 0, 0, 4000, 5000, t=100, gaps=[("E", 500, 1400), ("E", 3600, 4500)])              # Stue
    walls_around(msp, 4100, 1500, 7100, 5000, t=100, gaps=[("W", 2100, 3000)])  # Soverom (x 4100..7100, y 1500..5000)
    walls_around(msp, 4100, -2500, 6100, -100, t=100, gaps=[("N", 200, 1000)])  # Bad
    walls_around(msp, 4100, 0, 6100, 1400, t=100, gaps=[("W", 500, 1400), ("S", 200, 1000), ("E", 300, 1100)])  # Entré
    walls_around(msp, 6200, 0, 7200, 1400, t=100, gaps=[("W", 300, 1100)])  # Bod 1.0 × 1.4
    for x, y, label in (
        (2000, 2500, "Stue"),
        (5600, 3200, "Soverom"),
        (5100, -1300, "Bad"),
        (5100, 700, "Entré"),
        (6700, 700, "Bod"),
    ):
        text(msp, x, y, label)
    door_arc(msp, (4000, 500), 90, 180, 900)
    door_arc(msp, (4100, 3600), 90, 0, 900)
    door_arc(msp, (4300, -100), 0, 270, 800)
    door_arc(msp, (6200, 300), 90, 0, 800)
    return doc


EXPECTED = {"living": 20.0, "bedroom": 10.5, "bathroom": 4.8, "entrance": 2.8, "storage": 1.4}


def metrics(path, **kw):
    plan = build_plan(read_drawing(path, **kw))
    return plan, area_metrics(plan)


def test_hand_computed_areas(tmp_path):
    plan, m = metrics(save(flat(tmp_path), tmp_path))
    assert len(m["units"]) == 1
    u = m["units"][0]
    assert u["by_function"] == pytest.approx(EXPECTED, abs=0.01)
    assert u["net_m2"] == pytest.approx(sum(EXPECTED.values()), abs=0.02)
    assert u["circulation_m2"] == pytest.approx(2.8, abs=0.01)
    assert u["circulation_share"] == pytest.approx(2.8 / sum(EXPECTED.values()), abs=0.001)
    assert u["wet_m2"] == pytest.approx(4.8, abs=0.01)
    assert u["storage_m2"] == pytest.approx(1.4, abs=0.01)
    # BRA ≈ net + internal walls between the rooms (100 mm thick), > net and < net + 10 %
    assert u["net_m2"] < u["bra_m2"] < 1.1 * u["net_m2"]
    assert u["type"] == "bokollektiv"  # 39.5 m² > 30 m², ≤ 40 m²


def transformed(doc, m: Matrix44):
    for e in list(doc.modelspace()):
        e.transform(m)
    return doc


@pytest.mark.parametrize("how", ["translate", "rotate", "metres"])
def test_invariance(tmp_path, how):
    _, base = metrics(save(flat(tmp_path), tmp_path, "base.dxf"))
    doc = flat(tmp_path)
    if how == "translate":
        transformed(doc, Matrix44.translate(350_000, 6_700_000, 0))
    elif how == "rotate":
        transformed(doc, Matrix44.z_rotate(math.radians(33)))
    else:
        transformed(doc, Matrix44.scale(0.001))
        doc.header["$INSUNITS"] = 6
    _, other = metrics(save(doc, tmp_path, f"{how}.dxf"))
    a, b = base["units"][0], other["units"][0]
    for key in ("net_m2", "bra_m2", "circulation_m2", "storage_m2", "wet_m2"):
        assert b[key] == pytest.approx(a[key], abs=0.02), key
    assert b["by_function"] == pytest.approx(a["by_function"], abs=0.02)


def test_required_zones_and_efficiency(tmp_path):
    plan = build_plan(read_drawing(save(flat(tmp_path), tmp_path)))
    rep = run(plan, load_ruleset("tek17"))
    u = rep.area["units"][0]
    assert u["required_zone_m2"] > 0
    assert u["efficiency_index"] == pytest.approx(u["required_zone_m2"] / u["net_m2"], abs=0.001)
    assert u["zone_overlap_m2"] == pytest.approx(u["zone_sum_m2"] - u["required_zone_m2"], abs=0.011)
    living = next(r for r in u["rooms_detail"] if r["function"] == "living")
    # a 4.0 × 5.0 m room with a Ø1.5 m turning zone: 2.5 m slack across, more along
    assert min(living["slack_mm"].values()) <= 4000 - 1500 + 5


def test_types():
    assert classify(55.0, True) == "selvstendig omsorgsbolig"
    assert classify(54.9, True) == "bofellesskap"
    assert classify(40.0, True) == "bokollektiv"  # "> 40 m²" for bofellesskap
    assert classify(30.0, False) == "under 30 m²"


def test_slack_is_measured_along_the_rooms_longest_walls():
    """``slack_mm`` is per principal axis: the direction of the room's longest run of walls. It was the
    smallest of the directions tried for rectangles, which for a room turned by 60° with a short
    chamfer at 15° is the chamfer's; and a level wall whose ends differ by rounding (1e-12 mm) pointed at
    179.999999999°, a direction of its own that swapped the axes."""
    from types import SimpleNamespace

    from shapely import affinity
    from shapely.geometry import Polygon

    from planeval.scoring import _unit_base

    chamfered = Polygon([(0, 0), (4000, 0), (4000, 3000), (300, 3000), (0, 2700)])  # the chamfer at 135°
    turned = affinity.rotate(chamfered, 60.0, origin=(0, 0))  # walls at 60° and 150°, the chamfer at 15°
    level = Polygon([(0, 0), (4000, 1e-12), (4000, 3000), (0, 3000)])
    rooms = [SimpleNamespace(id=f"R{i}", polygon=p, unit="U1", function="living", functions=("living",), area_m2=p.area / 1e6)
             for i, p in enumerate((turned, level), start=1)]
    plan = SimpleNamespace(rooms=rooms, fixtures=[])
    axes = _unit_base(plan, SimpleNamespace(id="U1")).axes
    assert round(axes["R1"][0], 6) == 60.0
    assert round(axes["R2"][0], 6) == 0.0
    assert axes["R2"][1:] == pytest.approx((4000.0, 3000.0))  # along the level walls, then across
