"""care-bed: HB03 the care bed in care position, in the bedroom or the living room (Husbanken omsorg)."""

from __future__ import annotations

import pytest

from checks.common import by_subject, judge
from checks.planbuilder import box, hinged, make_plan, room, window


def unit(bed_w=3200, bed_d=4700, living=(4200, 5000), windows=()):
    """A living room x 0..lw, y 0..ld and a bedroom east of it; the entrance in the living room's west wall."""
    lw, ld = living
    rooms = [room("R1", box(0, 0, lw, ld), "living"), room("R2", box(lw + 100, 0, lw + 100 + bed_w, bed_d), "bedroom")]
    doors = [hinged("D1", hinge=(0, 200), latch=(0, 1100), swing_into="R1", rooms=("R1", "outside"), open_side=-1),
             hinged("D2", hinge=(lw, ld - 200), latch=(lw, ld - 1100), swing_into="R2", rooms=("R1", "R2"), open_side=1)]
    return make_plan(rooms, doors, windows=list(windows))


def test_a_narrow_bedroom_fails_and_the_living_room_may_take_the_care_position():
    # bedroom 3.2 m wide: 3200 - 1000 - 1500 = 700 mm on the second side; the 4.2 × 5.0 m living room holds 4.0 × 3.6 m
    res = by_subject(judge(unit(), "care-bed", "husbanken-omsorg"))
    r = res["R1"]
    assert r.status.value == "pass" and r.details["room_function"] == "living"
    assert "living room" in r.message and "dashed" in r.message
    assert r.measured == pytest.approx(5000 - 1000 - 1500, abs=5)  # head on the 5.0 m wall (4.2 m ≥ 3.6 m deep)
    assert res["R2"].status.value == "not_applicable"
    bed = [z.geometry for z in r.zones if z.kind == "bed"][0]
    assert bed.area == pytest.approx(1000 * 2200, rel=1e-6)


def test_bedroom_only_the_bedroom_decides_and_reports_its_shortfall():
    res = by_subject(judge(unit(), "care-bed", "husbanken-omsorg", functions=("bedroom",)))
    r = res["R2"]
    assert r.status.value == "fail" and r.measured == pytest.approx(3200 - 1000 - 1500, abs=5)
    assert "R1" not in res


def test_a_bedroom_exactly_the_zone_passes_unless_the_bed_cuts_off_the_window():
    # 4.0 × 3.6 m bedroom: the zone fills it; the door sits in the north wall's middle, so the
    # bed's head goes against the south wall (y = 0), under a south window W1 there
    rooms = [room("R1", box(0, 3700, 4000, 7000), "living"), room("R2", box(0, 0, 4000, 3600), "bedroom")]
    doors = [hinged("D1", hinge=(0, 6800), latch=(0, 5900), swing_into="R1", rooms=("R1", "outside"), open_side=1),
             hinged("D2", hinge=(1550, 3600), latch=(2450, 3600), swing_into="R1", rooms=("R2", "R1"), open_side=1)]
    south = window("W1", box(1500, -200, 2500, 0), ("R2",))
    east = window("W1", box(4000, 1000, 4200, 2000), ("R2",))
    cut = by_subject(judge(make_plan(rooms, doors, windows=[south]), "care-bed", "husbanken-omsorg"))["R2"]
    assert cut.details["windows_cut_off"] == ["W1"] and cut.status.value == "fail"
    assert "no longer reaches W1" in cut.message
    ok = by_subject(judge(make_plan(rooms, doors, windows=[east]), "care-bed", "husbanken-omsorg"))["R2"]
    assert ok.status.value == "pass" and ok.measured == pytest.approx(1500, abs=5)
