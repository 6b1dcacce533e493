"""measure.reach (and the door geometry it stands on): widest chairs, bottlenecks, unreachable floor."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, box

from checks.planbuilder import OUTSIDE, fixture, hinged, make_plan, room
from planeval.measure import Context, FloorSpec
from planeval.measure.doors import approach_strip, door_zone, face_offset, opening_rect
from planeval.measure.reach import (
    STEP_MM,
    bottleneck,
    connects,
    reached,
    shortest_path,
    touching,
    unreachable_floor,
    widest_to_room,
    widest_width,
)

FLOOR = FloorSpec(False)


def small_flat():
    """Entré R1 2 × 2 m with the entrance door D1 (clear 860) in its south wall; bathroom R2 east
    behind D2 (leaf 725, clear 660); living room R3 north behind D3 (clear 760). Walls 100 mm."""
    return make_plan(
        rooms=[
            room("R1", box(0, 0, 2000, 2000), "entrance"),
            room("R2", box(2100, 0, 4500, 2000), "bathroom"),
            room("R3", box(0, 2100, 4500, 5000), "living"),
        ],
        doors=[
            hinged("D1", hinge=(500, 0), latch=(1425, 0), swing_into="R1", rooms=("R1", OUTSIDE), open_side=1),
            hinged("D2", hinge=(2100, 300), latch=(2100, 1025), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
            hinged("D3", hinge=(300, 2100), latch=(1125, 2100), swing_into="R3", rooms=("R1", "R3"), open_side=1),
        ],
    )


def test_widest_width_is_bisected_to_the_step():
    assert 900 - STEP_MM < widest_width(lambda w: w <= 900, 3000.0) <= 900
    assert widest_width(lambda w: True, 1200.0) == 1200.0  # hi itself holds
    assert widest_width(lambda w: False, 1200.0) == 0.0
    assert widest_width(lambda w: True, 0.0) == 0.0


def test_the_widest_chair_into_a_room_is_its_door_clear_width():
    ctx = Context(small_flat())
    assert widest_to_room(ctx, "U1", "R2", FLOOR) == pytest.approx(660, abs=STEP_MM + 1)
    assert widest_to_room(ctx, "U1", "R3", FLOOR) == pytest.approx(760, abs=STEP_MM + 1)
    assert widest_to_room(ctx, "U1", "R1", FLOOR) == pytest.approx(2000, abs=STEP_MM + 2)  # the entré itself: its own width
    assert reached(ctx, "U1", FLOOR, 700.0) == frozenset({"R1", "R3"})
    assert reached(ctx, "U1", FLOOR, 600.0) == frozenset({"R1", "R2", "R3"})


def test_the_bottleneck_names_the_door_or_the_room():
    ctx = Context(small_flat())
    b = bottleneck(ctx, "U1", "R2", FLOOR)
    assert (b.kind, b.door) == ("door", "D2") and b.width == pytest.approx(660, abs=STEP_MM + 1)
    assert b.where.geom_type == "LineString" and b.where.distance(Point(2050, 660)) < 400
    own = bottleneck(ctx, "U1", "R1", FLOOR)
    assert own.kind == "no-floor" and own.room == "R1" and own.circle_mm == pytest.approx(2000, abs=2)


def test_measured_once_per_spec_not_per_width_asked():
    ctx = Context(small_flat())
    widest_to_room(ctx, "U1", "R2", FLOOR)
    bottleneck(ctx, "U1", "R2", FLOOR)
    computed = ctx.stats["computed"]
    assert bottleneck(ctx, "U1", "R2", FLOOR).door == "D2" and ctx.stats["computed"] == computed
    furnished = FloorSpec(True)
    widest_to_room(ctx, "U1", "R2", furnished)  # another spec: measured anew, not read from the first
    assert ctx.stats["computed"] > computed


def test_unreachable_floor_is_behind_the_narrow_doors():
    ctx = Context(small_flat())
    assert unreachable_floor(ctx, "U1", FLOOR, 600.0).is_empty
    behind = unreachable_floor(ctx, "U1", FLOOR, 700.0)  # the bathroom behind the 660 mm door
    assert 0.98 * ctx.room("R2").polygon.area < behind.area <= ctx.room("R2").polygon.area  # less the doorway a disc reaches
    assert behind.within(ctx.room("R2").polygon.buffer(1))


def test_components_and_shortest_path():
    region = box(0, 0, 1000, 1000).union(box(2000, 0, 3000, 1000))
    a, b, c = box(0, 0, 10, 10), box(900, 900, 1000, 1000), box(2990, 0, 3000, 10)
    assert len(touching(region, a)) == 1 and connects(region, a, b) and not connects(region, a, c)
    u = box(0, 0, 3000, 1000).union(box(0, 0, 1000, 3000)).union(box(0, 2000, 3000, 3000))  # a U open to the east
    path = shortest_path(u, Point(2500, 500), Point(2500, 2500))
    assert path.length == pytest.approx(2 * (1500 ** 2 + 500 ** 2) ** 0.5 + 1000, abs=1)  # round the two inner corners
    assert u.buffer(0.5).covers(path)


def test_door_strips_face_the_room():
    ctx = Context(small_flat())
    d2 = ctx.door("D2")  # chord on the bathroom's face (x = 2100), 100 mm from the entré's face
    assert face_offset(d2.hinge, ctx.room("R2").polygon) == pytest.approx(0)
    assert face_offset(d2.hinge, ctx.room("R1").polygon) == pytest.approx(100)
    into_entre = approach_strip(ctx, d2, "R1", 500)
    assert into_entre.bounds == pytest.approx((1600, 300, 2400, 1025))  # 500 mm west of the chord, 300 behind it
    assert door_zone(ctx, d2, "R1", 500).bounds[0] == pytest.approx(1500)  # 500 mm from the entré's own face
    clear = opening_rect(d2, 300)
    assert clear.bounds == pytest.approx((1800, 1025 - 660, 2400, 1025))  # clear width from the latch jamb


def test_a_fixture_in_the_way_narrows_the_chair():
    # a 1.0 m wide hall R1 to a room R2; a cabinet leaves 700 mm beside it
    plan = make_plan(
        rooms=[room("R1", box(0, 0, 1000, 3000), "entrance"), room("R2", box(0, 3100, 3000, 6000), "living")],
        doors=[hinged("D1", hinge=(100, 0), latch=(1000, 0), swing_into="R1", rooms=("R1", OUTSIDE), open_side=1),
               hinged("D2", hinge=(100, 3000), latch=(1000, 3000), swing_into="R2", rooms=("R1", "R2"), open_side=1)],
        fixtures=[fixture("F1", "fixture", box(700, 1200, 1000, 1800), "R1")],
    )
    ctx = Context(plan)
    w = widest_to_room(ctx, "U1", "R2", FLOOR)
    assert w == pytest.approx(700, abs=STEP_MM + 1)
    b = bottleneck(ctx, "U1", "R2", FLOOR)
    assert (b.kind, b.room) == ("pinch", "R1") and b.where.length == pytest.approx(700, abs=30)
