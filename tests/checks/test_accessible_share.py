from __future__ import annotations

from checks.common import judge
from checks.planbuilder import box, hinged, make_plan, room
from planeval.findings import Status
from planeval.api import check as run
from planeval.ruleset import load_ruleset
from dataclasses import replace


def floor(narrow_rooms: int):
    """A corridor with four 30 m² units; the first `narrow_rooms` units have a 1.3 m wide living room."""
    rooms = [room("C", box(0, 0, 20000, 1800), "hall", label="Korridor", common=True)]
    doors = [hinged("DC", (0, 300), (0, 1200), "C", ("C", "outside"))]
    for i in range(4):
        x = i * 5000
        width = 1300 if i < narrow_rooms else 4900
        rooms.append(room(f"L{i}", box(x, 1900, x + width, 1900 + 6000), "living"))
        doors.append(hinged(f"D{i}", (x + 100, 1900), (x + 1025, 1900), f"L{i}", ("C", f"L{i}"), open_side=-1))
    return make_plan(rooms, doors)


def judge_share(plan, **kw):
    rs = load_ruleset("tek17")
    keep = {"turning-space", "accessible-share"}
    rs = replace(rs, rules={k: (replace(v, params=replace(v.params, **kw)) if k == "accessible-share" and kw else v) for k, v in rs.rules.items() if k in keep})
    rs = replace(rs, rules={**rs.rules, "turning-space": replace(rs.rules["turning-space"], params=replace(rs.rules["turning-space"].params, rectangle_allowed=False))})
    return [f.result for f in run(plan, rs).findings if f.rule == "accessible-share"]


def test_share_pass_and_fail():
    (r,) = judge_share(floor(2))
    assert r.status is Status.PASS and r.measured == 0.5
    (r,) = judge_share(floor(3))
    assert r.status is Status.FAIL and r.measured == 0.25
    (r,) = judge_share(floor(3), min_share=0.25)
    assert r.status is Status.PASS


def test_not_applicable():
    (r,) = judge(make_plan([room("R1", box(0, 0, 3000, 3000), "living")], [hinged("D1", (0, 500), (0, 1400), "R1", ("R1", "outside"))]), "accessible-share")
    assert r.status is Status.NOT_APPLICABLE
    (r,) = judge_share(floor(3), lift_required=False)
    assert r.status is Status.NOT_APPLICABLE
