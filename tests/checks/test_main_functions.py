from __future__ import annotations

from checks.common import judge
from checks.planbuilder import box, hinged, make_plan, room
from planeval.findings import Status


def flat(bedroom_door_clear=760, with_bedroom=True):
    rooms = [room("R1", box(0, 0, 5000, 4000), "living"), room("R2", box(5100, 0, 7000, 2400), "bathroom")]
    rooms[0] = rooms[0].__class__(**{**rooms[0].__dict__, "functions": ("living", "kitchen")})
    doors = [hinged("D1", (0, 500), (0, 1425), "R1", ("R1", "outside")),
             hinged("D2", (5100, 200), (5100, 1025), "R2", ("R1", "R2"), open_side=-1)]
    if with_bedroom:
        rooms.append(room("R3", box(0, 4100, 3000, 7500), "bedroom"))
        latch = (200 + bedroom_door_clear + 65, 4100)
        doors.append(hinged("D3", (200, 4100), latch, "R3", ("R1", "R3"), clear=bedroom_door_clear))
    return make_plan(rooms, doors)


def test_present_and_reachable():
    (r,) = judge(flat(), "main-functions")
    assert r.status is Status.PASS and r.measured == 4


def test_narrow_door_makes_a_function_unreachable_and_two_values():
    (r,) = judge(flat(bedroom_door_clear=660), "main-functions")
    assert r.status is Status.FAIL and "bedroom" in r.message
    (r,) = judge(flat(bedroom_door_clear=660), "main-functions", min_door_clear_mm=650)
    assert r.status is Status.PASS


def test_studio():
    (r,) = judge(flat(with_bedroom=False), "main-functions")
    assert r.status is Status.PASS  # TEK17: the living room of a studio serves
    (r,) = judge(flat(with_bedroom=False), "main-functions", ruleset="husbanken-omsorg")
    assert r.status is Status.FAIL and "missing: bedroom" in r.message


def test_not_applicable():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "hall", common=True)])
    (r,) = judge(plan, "main-functions")
    assert r.status is Status.NOT_APPLICABLE
