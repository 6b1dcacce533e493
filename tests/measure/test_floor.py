"""measure.floor: free floor per FloorSpec, its largest circle and erosions, memoised by spec."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, box

from checks.planbuilder import OUTSIDE, fixture, hinged, make_plan, room
from planeval.measure import Context, FloorSpec
from planeval.measure.floor import circle_touching, eroded, free_circle, free_floor, obstacles, room_circle


def furnished_room():
    """A 3.0 × 4.0 m living room with a 1.0 m deep sofa (furniture) along the north wall and a
    0.6 m deep shower tray (a fixture) in the south-west corner."""
    return make_plan(
        [room("R1", box(0, 0, 3000, 4000), "living")],
        fixtures=[fixture("F1", "sofa", box(0, 3000, 3000, 4000), "R1"), fixture("F2", "shower", box(0, 0, 600, 600), "R1")],
    )


def test_a_3_by_4_m_room_holds_a_3000_circle():
    ctx = Context(make_plan([room("R1", box(0, 0, 3000, 4000), "living")]))
    cx, cy, r = free_circle(ctx, "R1", FloorSpec(False))
    assert 2 * r == pytest.approx(3000, abs=2)
    assert cx == pytest.approx(1500, abs=2) and 1500 - 2 <= cy <= 2500 + 2
    assert room_circle(ctx, "R1")[2] == pytest.approx(r)


def test_distinct_specs_measure_distinct_floors():
    ctx = Context(furnished_room())
    empty = FloorSpec(False, ("shower",))
    with_sofa = FloorSpec(True, ("shower",))
    with_tray = FloorSpec(False)
    areas = {s: free_floor(ctx, "R1", s).area for s in (empty, with_sofa, with_tray)}
    assert areas[empty] == pytest.approx(12e6)
    assert areas[with_sofa] == pytest.approx(12e6 - 3e6)
    assert areas[with_tray] == pytest.approx(12e6 - 0.36e6)
    # the circle of one spec is never another's: furniture shrinks it to the 3.0 × 3.0 m left
    assert 2 * free_circle(ctx, "R1", empty)[2] == pytest.approx(3000, abs=2)
    assert 2 * free_circle(ctx, "R1", with_sofa)[2] == pytest.approx(3000, abs=2)
    assert free_circle(ctx, "R1", with_sofa)[1] < 1500 + 2  # centred in what the sofa leaves
    assert obstacles(ctx, "R1", empty).is_empty and obstacles(ctx, "R1", with_sofa).area == pytest.approx(3e6)


def test_same_spec_is_reused_and_equal_specs_are_one_key():
    ctx = Context(furnished_room())
    a = free_floor(ctx, "R1", FloorSpec(True, ["shower"]))  # a list is normalised to a tuple
    computed = ctx.stats["computed"]
    b = free_floor(ctx, "R1", FloorSpec(True, ("shower",), (), 0))
    assert b is a and ctx.stats["computed"] == computed and ctx.stats["reused"] >= 1
    free_circle(ctx, "R1", FloorSpec(True, ("shower",)))
    computed = ctx.stats["computed"]
    free_circle(ctx, "R1", FloorSpec(True, ("shower",)))
    assert ctx.stats["computed"] == computed


def test_spec_of_params_reads_only_what_the_params_have():
    class P:
        furnished = True
        floor_kinds = ("shower",)
        diameter_mm = 1500.0  # a threshold: not part of the spec

    assert FloorSpec.of(P()) == FloorSpec(True, ("shower",))
    assert FloorSpec.of(P(), furnished=False) == FloorSpec(False, ("shower",))
    assert FloorSpec.of(object()) == FloorSpec(False)


def test_door_swings_are_removed_only_when_asked():
    # 1.6 × 2.0 m hall; an 800 mm door near the north end of the west wall swings into it
    d = hinged("D1", hinge=(0, 1900), latch=(0, 1100), swing_into="R1", rooms=("R1", OUTSIDE), open_side=1)
    ctx = Context(make_plan([room("R1", box(0, 0, 1600, 2000), "entrance")], [d]))
    spec = FloorSpec(False)
    assert free_floor(ctx, "R1", spec).area == pytest.approx(1600 * 2000)
    assert free_floor(ctx, "R1", spec, ("D1",)).area < 1600 * 2000 - 0.4e6
    assert free_circle(ctx, "R1", spec, ("D1",))[2] < free_circle(ctx, "R1", spec)[2]


def test_knee_space_under_a_basin():
    # 2.0 × 2.0 m bathroom, a 0.55 m deep basin along the whole east wall
    basin = fixture("F1", "basin", box(1450, 0, 2000, 2000), "R1")
    plan = make_plan([room("R1", box(0, 0, 2000, 2000), "bathroom")], fixtures=[basin])
    ctx = Context(plan)
    plain = free_circle(ctx, "R1", FloorSpec(False))[2]
    knee = free_circle(ctx, "R1", FloorSpec(False, (), ("basin",), 300.0))[2]
    assert 2 * plain == pytest.approx(1450, abs=2) and 2 * knee == pytest.approx(1750, abs=2)
    assert obstacles(ctx, "R1", FloorSpec(False, (), ("basin",), 300.0)).area == pytest.approx(250 * 2000, rel=1e-3)


def test_erosion_is_where_a_disc_centre_stands():
    ctx = Context(make_plan([room("R1", box(0, 0, 1000, 3000), "hall")]))
    core = eroded(ctx, "R1", FloorSpec(False), 400.0)
    x0, y0, x1, y1 = core.bounds
    assert (x0, x1) == (pytest.approx(400), pytest.approx(600)) and (y0, y1) == (pytest.approx(400), pytest.approx(2600))
    assert eroded(ctx, "R1", FloorSpec(False), 400.04) is core  # memoised to 0.1 mm of radius
    assert eroded(ctx, "R1", FloorSpec(False), 600.0).is_empty
    assert eroded(ctx, "R1", FloorSpec(False), 0.0).area == pytest.approx(3e6)


def test_largest_circle_touching_a_target():
    # 2.0 × 3.0 m room; a fixture fills the north-west 1.4 × 2.4 m, leaving an L of two 0.6 m arms:
    # along the south wall (to touch the west wall's south end) and along the east wall
    block = fixture("F1", "fixture", box(0, 600, 1400, 3000), "R1")
    plan = make_plan([room("R1", box(0, 0, 2000, 3000), "bathroom")], fixtures=[block])
    ctx = Context(plan)
    spec = FloorSpec(False)
    target = LineString([(0, 0), (0, 600)]).buffer(1)
    cx, cy, r = circle_touching(ctx, "R1", spec, target)
    assert 2 * r == pytest.approx(600, abs=2)  # the alcove is 0.6 m wide
    assert cx - r == pytest.approx(0, abs=3)
    corner = box(1900, 2900, 2000, 3000)  # the north-east corner, at the end of the 0.6 m east arm
    assert 2 * circle_touching(ctx, "R1", spec, corner)[2] == pytest.approx(600, abs=2)
    mx, my, mr = free_circle(ctx, "R1", spec)  # where the arms meet the circle is larger than either arm
    assert mr > 320 and circle_touching(ctx, "R1", spec, box(mx - 1, my - 1, mx + 1, my + 1)) == (mx, my, mr)
