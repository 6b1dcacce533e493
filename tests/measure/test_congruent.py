"""measure.congruent: a flat drawn twice is measured once, and both copies get what a fresh
measurement of each would give."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely import affinity
from shapely.geometry import box

import planeval.measure.chair as chair_mod
import planeval.measure.congruent as congruent
import planeval.measure.reach as reach_mod
from checks.planbuilder import OUTSIDE, fixture, hinged, make_plan, room
from planeval.measure import Context, FloorSpec
from planeval.measure.chair import Chair, chair_reached, widest_chair
from planeval.measure.congruent import moved, moved_circle, shaped
from planeval.measure.fit import erode_by_rectangle
from planeval.measure.reach import widest_to_room

FLOOR = FloorSpec(False)
BUILDING = Path(__file__).resolve().parents[2] / "samples" / "building"


def _no_copies(monkeypatch) -> None:
    """Switch off both memos up to translation: of shapes (measure.congruent) and of whole units (reach.unit_copy)."""
    monkeypatch.setattr(congruent, "_shape", lambda g: None)
    monkeypatch.setattr(reach_mod, "unit_copy", lambda *a: None)
    monkeypatch.setattr(chair_mod, "unit_copy", lambda *a: None)


def _ctx() -> Context:
    return Context(make_plan(rooms=[room("R1", box(0, 0, 1000, 1000), "living")]))


def _counted(fn):
    calls = []

    def run(g):
        calls.append(g)
        return fn(g)

    return run, calls


def test_a_translated_copy_is_computed_once_and_moved():
    ctx = _ctx()
    shape = box(0, 0, 1200, 3000).difference(box(0, 1400, 300, 1600))
    run, calls = _counted(lambda g: erode_by_rectangle(g, 700, 1200, 10.0))
    first = moved(ctx, "rect", shape, (700, 1200, 10.0), run)
    far = affinity.translate(shape, 6.7e9, 1.2e6)  # a georeferenced copy (UTM northings in mm)
    copy = moved(ctx, "rect", far, (700, 1200, 10.0), run)
    assert len(calls) == 1
    fresh = erode_by_rectangle(far, 700, 1200, 10.0)
    assert copy.symmetric_difference(fresh).area < 1.0 and abs(copy.area - first.area) < 1.0
    assert not fresh.is_empty and copy.distance(fresh.representative_point()) < 0.01


def test_other_shapes_and_other_params_are_computed_anew():
    ctx = _ctx()
    shape = box(0, 0, 1200, 3000).difference(box(0, 1400, 300, 1600))
    run, calls = _counted(lambda g: g.buffer(-100))
    moved(ctx, "erode", shape, 100, run)
    moved(ctx, "erode", affinity.scale(shape, -1, 1), 100, run)  # mirrored: not the same shape
    moved(ctx, "erode", affinity.translate(shape, 0.1, 0), 100, run)  # moved as a whole: the same
    bumped = box(0, 0, 1200, 3000.05).difference(box(0, 1400, 300, 1600))  # one edge 0.05 mm longer
    moved(ctx, "erode", bumped, 100, run)
    moved(ctx, "erode", shape, 150, run)  # another radius
    moved(ctx, "other", shape, 100, run)  # another function
    assert len(calls) == 5


@pytest.mark.parametrize("flip", [(-1, 1), (1, -1), (-1, -1)])
def test_a_mirrored_or_turned_copy_is_a_copy_for_an_erosion_by_a_rectangle(flip):
    """Erosion by a polygon is exact, so it commutes with a mirror: the copy takes the first's answer
    mirrored, at the mirrored angle, and equals a fresh erosion of the copy."""
    from planeval.measure.chair import _rect_flipped

    ctx = _ctx()
    shape = box(0, 0, 2400, 3600).difference(box(0, 1400, 300, 1600)).difference(box(1900, 0, 2400, 450))
    angle = 33.4
    run, calls = _counted(lambda g: erode_by_rectangle(g, 700, 1200, angle))
    first = moved(ctx, "rect", shape, (700, 1200, angle), run, _rect_flipped)
    copy_geom = affinity.translate(affinity.scale(shape, *flip, origin=(0, 0)), 8000, -300)
    copy_angle = angle if flip == (-1, -1) else 180.0 - angle
    run2, calls2 = _counted(lambda g: erode_by_rectangle(g, 700, 1200, copy_angle))
    copy = moved(ctx, "rect", copy_geom, (700, 1200, copy_angle), run2, _rect_flipped)
    assert len(calls) == 1 and len(calls2) == 0  # the copy cost no erosion
    fresh = erode_by_rectangle(copy_geom, 700, 1200, copy_angle)
    assert not fresh.is_empty and copy.symmetric_difference(fresh).area < 1.0
    assert abs(copy.area - first.area) < 1.0
    # the same rectangle at another angle is another question
    moved(ctx, "rect", copy_geom, (700, 1200, 40.0), run2, _rect_flipped)
    assert len(calls2) == 1


def test_a_mirrored_copy_of_a_translation_only_memo_is_computed_anew():
    ctx = _ctx()
    shape = box(0, 0, 1200, 3000).difference(box(0, 1400, 300, 1600))
    run, calls = _counted(lambda g: 3)
    shaped(ctx, "n", shape, (), run)
    shaped(ctx, "n", affinity.scale(shape, -1, 1), (), run)
    assert len(calls) == 2


def test_circles_move_their_centre_and_values_stay():
    ctx = _ctx()
    shape = box(0, 0, 1500, 2000)
    a = moved_circle(ctx, "c", shape, (), lambda g: (750.0, 1000.0, 750.0))
    b = moved_circle(ctx, "c", affinity.translate(shape, 4000, -50), (), lambda g: (0.0, 0.0, 0.0))
    assert a == (750.0, 1000.0, 750.0) and b == (4750.0, 950.0, 750.0)
    assert shaped(ctx, "n", shape, (), lambda g: 3) == 3
    assert shaped(ctx, "n", affinity.translate(shape, 9, 9), (), lambda g: 4) == 3  # not moved: the first copy's value
    mirrored = moved_circle(ctx, "c", affinity.scale(shape, -1, 1, origin=(0, 0)), (), lambda g: (0.0, 0.0, 0.0),
                            congruent.same_params)
    # a box mirrored is the box moved: the translation-only entry serves it (its centre moved, not recomputed)
    assert mirrored == (-750.0, 1000.0, 750.0)
    again = moved_circle(ctx, "c2", shape, (), lambda g: (750.0, 1000.0, 750.0), congruent.same_params)
    flipped = moved_circle(ctx, "c2", affinity.scale(shape, -1, 1, origin=(0, 0)), (), lambda g: (0.0, 0.0, 0.0),
                           congruent.same_params)
    assert again == (750.0, 1000.0, 750.0) and flipped == pytest.approx((-750.0, 1000.0, 750.0))


def two_flats(dx: float):
    """Two copies of one flat, the second ``dx`` mm east: entré with the entrance door, a
    bathroom behind a narrow door (a 700 × 1200 chair cannot turn in), a living room."""
    rooms, doors = [], []
    for k, x in enumerate((0.0, dx)):
        n = 3 * k
        rooms += [room(f"R{n + 1}", box(x, 0, x + 2000, 2000), "entrance"),
                  room(f"R{n + 2}", box(x + 2100, 0, x + 3000, 2000), "bathroom"),
                  room(f"R{n + 3}", box(x, 2100, x + 3600, 5000), "living")]
        doors += [hinged(f"D{n + 1}", hinge=(x + 500, 0), latch=(x + 1425, 0), swing_into=f"R{n + 1}",
                         rooms=(f"R{n + 1}", OUTSIDE), open_side=1),
                  hinged(f"D{n + 2}", hinge=(x + 2100, 1100), latch=(x + 2100, 1900), swing_into=f"R{n + 2}",
                         rooms=(f"R{n + 1}", f"R{n + 2}"), open_side=-1),
                  hinged(f"D{n + 3}", hinge=(x + 300, 2100), latch=(x + 1225, 2100), swing_into=f"R{n + 3}",
                         rooms=(f"R{n + 1}", f"R{n + 3}"), open_side=1)]
    fixtures = [fixture("F1", "wc", box(2500, 1500, 2900, 1900), "R2"),
                fixture("F2", "wc", box(dx + 2500, 1500, dx + 2900, 1900), "R5")]
    return make_plan(rooms=rooms, doors=doors, fixtures=fixtures)


def test_the_copy_of_a_flat_gets_what_it_would_get_alone(monkeypatch):
    plan = two_flats(7300.0)
    units = sorted(plan.units, key=lambda u: min(u.rooms))
    chair = Chair(695.0, 1195.0, 5.0)
    calls = []
    real = chair_mod.erode_by_rectangle
    monkeypatch.setattr(chair_mod, "erode_by_rectangle", lambda *a: calls.append(a) or real(*a))
    ctx = Context(plan)
    got = {}
    for u in units:
        bath = next(r for r in u.rooms if ctx.room(r).function == "bathroom")
        got[u.id] = (widest_to_room(ctx, u.id, bath, FLOOR), chair_reached(ctx, u.id, FLOOR, chair),
                     widest_chair(ctx, u.id, bath, FLOOR, chair))
    shared = len(calls)
    _no_copies(monkeypatch)  # no memo up to translation: each flat alone
    calls.clear()
    alone = Context(plan)
    for u in units:
        bath = next(r for r in u.rooms if alone.room(r).function == "bathroom")
        w, rooms, chair_w = got[u.id]
        assert widest_to_room(alone, u.id, bath, FLOOR) == pytest.approx(w, abs=0.01)
        assert chair_reached(alone, u.id, FLOOR, chair) == rooms
        assert widest_chair(alone, u.id, bath, FLOOR, chair) == pytest.approx(chair_w, abs=0.01)
    a, b = (got[u.id] for u in units)
    assert a[0] == pytest.approx(b[0], abs=0.01) and a[2] == pytest.approx(b[2], abs=0.01)
    assert len(b[1]) == len(a[1]) == 2  # the chair does not turn into either bathroom
    assert shared * 2 == len(calls) > 0  # the copy cost no erosion of its own


@pytest.mark.skipif(not (BUILDING / "plan-1.dxf").exists(), reason="sample building not generated")
def test_a_floor_of_repeated_flats_is_judged_as_without_the_memo(monkeypatch):
    from planeval import api

    plan = api.load_plan(str(BUILDING / "plan-1.dxf"))
    with_memo = api.check(plan, "tek17")
    _no_copies(monkeypatch)
    without = api.check(plan, "tek17")
    key = [(f.code, f.result.subject) for f in with_memo.findings]
    assert key == [(f.code, f.result.subject) for f in without.findings] and len(key) > 300
    for f, g in zip(with_memo.findings, without.findings, strict=True):
        assert f.status == g.status, (f.code, f.result.subject)
        assert (f.result.measured is None) == (g.result.measured is None), (f.code, f.result.subject)
        if f.result.measured is not None and g.result.measured is not None:
            # to the measurement's own precision: a copy equal to 0.01 mm shares the first's inscribed
            # circle, which GEOS finds to 1 mm (a storeroom's 2499.4 mm alone, 2500.0 mm as a copy)
            assert f.result.measured == pytest.approx(g.result.measured, abs=1.0), (f.code, f.result.subject)


def test_a_unit_drawn_again_maps_room_for_room_and_a_changed_one_does_not():
    from dataclasses import replace

    from planeval.measure.reach import unit_copy

    plan = two_flats(7300.0)
    ctx = Context(plan)
    first, second = sorted(plan.units, key=lambda u: min(u.rooms))
    assert unit_copy(ctx, first.id, FLOOR) is None  # the first of its kind
    assert unit_copy(ctx, second.id, FLOOR) == (first.id, {"R4": "R1", "R5": "R2", "R6": "R3"})
    narrow = replace(plan, doors=tuple(replace(d, clear_width_mm=d.clear_width_mm - 50) if d.id == "D5" else d
                                       for d in plan.doors))  # the copy's bathroom door 50 mm narrower
    ctx = Context(narrow)
    assert unit_copy(ctx, first.id, FLOOR) is None and unit_copy(ctx, second.id, FLOOR) is None
    assert widest_to_room(ctx, second.id, "R5", FLOOR) < widest_to_room(ctx, first.id, "R2", FLOOR) - 20  # measured anew
