"""furnished-turning: TS02 the turning area with the minimum furniture placed."""

from __future__ import annotations

import math

import pytest

from checks.common import by_subject, judge
from checks.planbuilder import box, fixture, hinged, make_plan, room, window
from planeval.findings import Confidence, Status
from planeval.measure import Context
from planeval.measure.fixtures import wall_edges
from planeval.measure.floor import FloorSpec, free_floor
from planeval.measure.frames import Frame
from planeval.measure.furnish import FurnishSpec, _diameter, _keep_clear, parse_items

BED = ("each bedroom: bed 900x2000",)


def bedroom_with_hall(width=2400, depth=3000, fixtures=(), windows=(), function="bedroom"):
    """A bedroom x 0..width, y 0..depth; its door in the south wall near the east corner swings into
    a hall (nothing swings into the bedroom); the hall opens to the outside."""
    rooms = [room("R1", box(0, 0, width, depth), function), room("R2", box(0, -1600, width, -100), "hall")]
    doors = [hinged("D1", hinge=(width - 100, 0), latch=(width - 1000, 0), swing_into="R2", rooms=("R1", "R2")),
             hinged("D2", hinge=(0, -1500), latch=(0, -700), swing_into="R2", rooms=("R2", "outside"), open_side=-1)]
    return make_plan(rooms, doors, fixtures=list(fixtures), windows=list(windows))


def test_bed_head_against_the_long_wall_leaves_the_room_minus_the_bed_width():
    # 2.4 × 3.0 m: the bed (0.9 × 2.0) head against a 3.0 m wall leaves 3000 - 900 = 2100 mm over the
    # full 2.4 m width; along a 2.4 m wall it would leave only a 1500 mm strip
    res = by_subject(judge(bedroom_with_hall(), "furnished-turning", furniture=BED, passage_mm=0))
    r = res["R1"]
    assert r.status is Status.PASS and r.measured == pytest.approx(2100, abs=2)
    assert r.required == 1500 and r.unit == "mm" and "R2" not in res  # the hall holds nothing
    (bed,) = [z for z in r.zones if z.kind == "furniture"]
    assert bed.geometry.area == pytest.approx(900 * 2000, rel=1e-6)
    x0, y0, x1, y1 = bed.geometry.bounds
    assert (x1 - x0, y1 - y0) == pytest.approx((2000, 900), abs=1)  # head on the 3.0 m west or east wall
    assert r.details["furniture"] == [{"kind": "bed", "size_mm": [900, 2000], "drawn": None,
                                       "polygon": r.details["furniture"][0]["polygon"]}]
    assert "bed 900 × 2000 mm" in r.message and ("Ø2100" in r.message or "Ø2099" in r.message)


def test_a_room_too_small_for_a_piece_fails_saying_which():
    # 1.8 × 1.9 m: no wall has 2.0 m of depth in front of it for the bed
    r = by_subject(judge(bedroom_with_hall(1800, 1900), "furnished-turning", furniture=BED, passage_mm=0))["R1"]
    assert r.status is Status.FAIL
    assert r.details["missing"] == ["bed 900 × 2000 mm"]
    assert "no place along the walls for bed 900 × 2000 mm" in r.message
    assert r.measured == pytest.approx(1800, abs=2)  # the empty room's circle


def test_drawn_furniture_stands_where_drawn():
    # a drawn bed in the middle of the 2.4 × 3.0 m room: 750 mm strips either side, 500 mm at the ends;
    # the largest circle sits in a corner, touching both walls and the bed's corner (750, 500):
    # (750 - r)² + (500 - r)² = r²  ->  r = (2500 - √3 000 000) / 2 = 384.0 mm
    bed = fixture("F1", "bed", box(750, 500, 1650, 2500), "R1")
    r = by_subject(judge(bedroom_with_hall(fixtures=[bed]), "furnished-turning", furniture=BED, passage_mm=0))["R1"]
    assert r.status is Status.FAIL and r.measured == pytest.approx(2500 - math.sqrt(3e6), abs=3)
    assert r.details["furniture"][0]["drawn"] == "F1" and r.details["furniture"][0]["polygon"] is None
    assert "(drawn F1)" in r.message


def test_unit_pieces_go_where_they_fit_and_a_studio_sleeps_in_the_living_room():
    # one unit: a 1.6 × 1.6 m kitchen and a 4.0 × 4.0 m living room without bedroom
    rooms = [room("R1", box(0, 0, 1600, 1600), "kitchen"), room("R2", box(1700, 0, 5700, 4000), "living")]
    doors = [hinged("D1", hinge=(1600, 1500), latch=(1700, 1500), swing_into="R1", rooms=("R1", "R2")),
             hinged("D2", hinge=(5700, 100), latch=(5700, 1000), swing_into="R2", rooms=("R2", "outside"), open_side=-1)]
    plan = make_plan(rooms, doors)
    lines = ("unit kitchen|living: table 800x1700", "unit bedroom|living: bed 900x2000", "each bedroom: bed 900x2000")
    res = by_subject(judge(plan, "furnished-turning", furniture=lines, passage_mm=0))
    assert "R1" not in res  # the 1.6 m kitchen cannot hold the 1.7 m table group; the living room can
    kinds = sorted(f["kind"] for f in res["R2"].details["furniture"])
    assert kinds == ["bed", "table"] and res["R2"].status is Status.PASS


def test_a_placed_wardrobe_that_must_cut_off_the_passage_fails_and_a_drawn_one_is_the_passage_rule_s():
    # a 1.4 m wide entré, 4.0 m long, doors in both short walls: a 0.6 m deep wardrobe can only stand
    # along a long wall, which leaves 800 mm < 900 mm
    rooms = [room("R1", box(0, 0, 1400, 4000), "entrance"), room("R2", box(0, 4100, 3000, 7000), "living")]
    doors = [hinged("D1", hinge=(1300, 0), latch=(400, 0), swing_into="R1", rooms=("R1", "outside")),
             hinged("D2", hinge=(100, 4000), latch=(1000, 4000), swing_into="R2", rooms=("R1", "R2"))]
    lines = ("each entrance: wardrobe 1000x600",)
    r = by_subject(judge(make_plan(rooms, doors), "furnished-turning", furniture=lines))["R1"]
    assert r.status is Status.FAIL and r.details["passage_blocked"] == ["D2"]
    assert "cuts off the 900 mm passage to D2" in r.message
    drawn = make_plan(rooms, doors, fixtures=[fixture("F1", "wardrobe", box(800, 1500, 1400, 2500), "R1")])
    d = by_subject(judge(drawn, "furnished-turning", furniture=lines))["R1"]
    assert d.details["passage_blocked"] == [] and d.details["furniture"][0]["drawn"] == "F1"


def test_the_search_matches_an_exhaustive_grid_in_a_crowded_entre():
    # 2.0 × 2.4 m entré with four doors (the korridor-4units-aia one): where can a 1.0 × 0.6 m wardrobe go?
    rooms = [room("R1", box(2500, -2550, 4500, -150), "entrance"), room("R2", box(2500, -50, 4500, 2000), "hall", common=True),
             room("R3", box(4600, -2550, 7000, -150), "bathroom"), room("R4", box(0, -2550, 2400, -150), "storage"),
             room("R5", box(2500, -5000, 4500, -2650), "living")]
    doors = [hinged("D1", hinge=(2600, -150), latch=(3525, -150), swing_into="R1", rooms=("R2", "R1"), open_side=-1),
             hinged("D2", hinge=(4600, -450), latch=(4600, -1275), swing_into="R3", rooms=("R3", "R1"), open_side=-1),
             hinged("D3", hinge=(3825, -2650), latch=(3000, -2650), swing_into="R5", rooms=("R5", "R1"), open_side=1),
             hinged("D4", hinge=(2400, -2350), latch=(2400, -1450), swing_into="R4", rooms=("R4", "R1"), open_side=1),
             hinged("D5", hinge=(2600, 2000), latch=(3500, 2000), swing_into="R2", rooms=("R2", "outside"), open_side=-1)]
    plan = make_plan(rooms, doors)
    ctx = Context(plan)
    (r,) = [x for x in judge(plan, "furnished-turning", ctx=ctx, furniture=("each entrance: wardrobe 1000x600",), passage_mm=0)
            if x.subject == "R1"]
    spec = FurnishSpec(FloorSpec(False, ("shower",), ("basin",), 300), "forbid_operated_door", 300, 0, False, 5)
    rm = ctx.room("R1")
    free = free_floor(ctx, "R1", spec.floor)
    allowed = free.difference(_keep_clear(ctx, rm, spec)).buffer(1)
    best = 0.0
    for a, b in wall_edges(rm.polygon):
        fr, length = Frame.along(a, b), math.dist(a, b)
        for k in range(int((length - 1000) // 25) + 1):
            poly = fr.box(25 * k, 25 * k + 1000, 0, 600)
            if allowed.contains(poly):
                best = max(best, _diameter(ctx, "R1", free.difference(poly), "forbid_operated_door"))
    assert best > 0 and r.measured == pytest.approx(best, abs=3)
    assert r.status is (Status.PASS if best >= 1490 else Status.FAIL)


def test_a_second_threshold_reuses_the_layouts():
    plan = bedroom_with_hall()
    ctx = Context(plan)
    (first, *_) = judge(plan, "furnished-turning", ctx=ctx)
    before = ctx.stats["computed"]
    (second, *_) = judge(plan, "furnished-turning", ctx=ctx, diameter_mm=1300, rectangle_allowed=False)
    assert ctx.stats["computed"] == before  # the diameter is a threshold, not a geometric input
    assert first.measured == second.measured


def test_malformed_furniture_lines_are_refused():
    with pytest.raises(ValueError, match="expected 'each|unit"):
        parse_items(("bedroom bed 900x2000",))
    with pytest.raises(ValueError, match="positive"):
        parse_items(("each bedroom: bed 0x2000",))


def test_confidence_is_medium_when_a_search_over_several_pieces_fails():
    lines = ("each bedroom: bed 900x2000", "each bedroom: wardrobe 1000x600")
    # 2.3 × 2.3 m: wherever the bed stands it leaves at most a 1.4 m band
    r = by_subject(judge(bedroom_with_hall(2300, 2300), "furnished-turning", furniture=lines, passage_mm=0,
                         rectangle_allowed=False))["R1"]
    assert r.status is Status.FAIL and r.confidence is Confidence.MEDIUM and r.measured <= 1400 + 2


def test_windows_must_stay_reachable():
    # the bed may not stand so that the window can no longer be reached by the 0.9 m passage
    # (a window in the west wall at y 1.0–2.0 m: the bed's head goes on the east wall, or clear of the window)
    win = window("W1", box(-200, 1000, 0, 2000), ("R1",))
    plan = bedroom_with_hall(2400, 3000, windows=[win])
    r = by_subject(judge(plan, "furnished-turning", furniture=BED))["R1"]
    assert r.status is Status.PASS and r.details["passage_blocked"] == []
    (bed,) = [z.geometry for z in r.zones if z.kind == "furniture"]
    assert not bed.intersects(box(0, 1000, 1000, 2000))
