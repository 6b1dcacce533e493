"""A pass that holds only within the rule's drawing tolerance says "≈", never "697 mm ≥ 700 mm".

Each plan here measures 2–4 mm (or 0.002 m²) short of the requirement, inside the 5 mm (0.005 m²)
the rule sets allow: the finding passes and its message writes the sign :func:`planeval.findings.sign`
gives for the very numbers it prints (a shortfall under half the printed precision, 0.4 mm or
0.002 m², is none at that precision: "760 mm ≥ 760 mm", "2.50 m² ≥ 2.50 m²"). One test per kind
of site: a sign from ``compare`` (door clear width, door side space, storage area, unit area), from
``x + tolerance >= need`` (WC side space), a diameter with twice the tolerance (turning space), and
a pass template that wrote "≥" outright (turning space, wheelchair reachability: RE01 passed 697 of
700 on a real export and said "≥").
"""

from __future__ import annotations

import pytest

from checks.common import by_subject, judge
from checks.planbuilder import OUTSIDE, box, fixture, hinged, make_plan, room
from planeval.checks.door_side_space import Params as SideParams
from planeval.checks.door_side_space import check as side_check
from planeval.checks.wc_clearance import Params as WcParams
from planeval.checks.wc_clearance import check as wc_check
from planeval.checks.wheelchair_reachability import Params as ReParams
from planeval.checks.wheelchair_reachability import check as re_check
from planeval.findings import Sense, Status, sign
from planeval.measure import Context
from planeval.report.sentences import relation


def test_sign_and_relation_agree():
    for passing in (True, False):
        for m, r in ((697, 700), (700, 700), (703, 700)):
            for sense in (Sense.AT_LEAST, Sense.AT_MOST):
                assert relation("pass" if passing else "fail", sense.value, m, r) == sign(passing, m, r, sense)
    assert sign(True, 697, 700) == "≈" and sign(True, 703, 700) == "≥" and sign(False, 690, 700) == "<"
    assert sign(True, 27, 25, Sense.AT_MOST) == "≈" and sign(True, 20, 25, Sense.AT_MOST) == "≤"
    assert sign(True, None, 700) == "≥"  # without the numbers only the verdict decides
    assert relation("pass", ">=", 759.9999999997, 760) == "≥"  # float noise is not the wrong side


def test_door_clear_width_757_of_760():
    def flat(leaf):  # a bathroom door of ``leaf`` (clear = leaf − 65) off an entré, the entrance M10
        return make_plan([room("R1", box(0, 0, 2000, 3000), "entrance"), room("R2", box(2100, 0, 4500, 3000), "bathroom")],
                         [hinged("D1", hinge=(2100, 200), latch=(2100, 200 + leaf), swing_into="R2", rooms=("R1", "R2"),
                                 open_side=-1),
                          hinged("D2", hinge=(0, 1000), latch=(0, 1925), swing_into="R1", rooms=("R1", "outside"), open_side=-1)])

    d1 = by_subject([r for r in judge(flat(822), "door-clear-width") if not r.code])["D1"]
    assert d1.status is Status.PASS and d1.measured == pytest.approx(757) and d1.required == 760
    assert "clear width 757 mm ≈ 760 mm" in d1.message and "≥" not in d1.message
    exact = by_subject([r for r in judge(flat(825), "door-clear-width") if not r.code])["D1"]
    assert "clear width 760 mm ≥ 760 mm" in exact.message


def test_wc_side_space_897_of_900():
    # the WC (400 wide) 200 mm from the west wall of a 1497 mm wide bathroom: 897 mm on the east side
    p = WcParams(side_large_mm=900, side_with_shower_mm=900, side_small_mm=200, side_depth_mm=700, front_circle_mm=1500,
                 front_strip_mm=300, front_rectangle_allowed=False, front_rectangle_width_mm=1300,
                 front_rectangle_length_mm=1800, passage_mm=900, shower_counts_as_side=True,
                 door_swing_overlap="forbid_operated_door", floor_kinds=("shower",), underpass_kinds=("basin",),
                 underpass_mm=300, tolerance_mm=5)
    plan = make_plan(
        [room("R1", box(0, 2800, 3000, 4600), "hall"), room("R2", box(0, 0, 1497, 2700), "bathroom")],
        doors=[hinged("D1", hinge=(300, 2800), latch=(1100, 2800), swing_into="R1", rooms=("R1", "R2")),
               hinged("D2", hinge=(3000, 3000), latch=(3000, 3900), swing_into="R1", rooms=("outside", "R1"))],
        fixtures=[fixture("F1", "wc", box(200, 0, 600, 700), "R2")],
    )
    ba01 = next(r for r in wc_check(Context(plan), p) if r.subject == "R2" and r.code == "BA01")
    assert ba01.status is Status.PASS
    assert ba01.measured == pytest.approx(897, abs=0.5) and ba01.required == 900
    assert "897 mm on the right ≈ 900 mm" in ba01.message
    assert "200 mm on the left ≥ 200 mm" in ba01.message  # the side that meets it exactly keeps "≥"


def test_door_side_space_497_of_500_and_another_side_298_of_300():
    # door D1 from the entré R1 into the living room R2 (pull side R2, push side R1); a wardrobe in R2
    # starts 497 mm past the latch, a cabinet in R1 298 mm past it
    latch = 1325
    plan = make_plan(
        rooms=[room("R1", box(0, 0, 3000, 3000), "entrance"), room("R2", box(3100, 0, 6000, 3000), "living")],
        doors=[hinged("D0", hinge=(2000, 0), latch=(1075, 0), swing_into="R1", rooms=("R1", OUTSIDE), open_side=-1),
               hinged("D1", hinge=(3100, 500), latch=(3100, latch), swing_into="R2", rooms=("R1", "R2"), open_side=-1)],
        fixtures=[fixture("F1", "wardrobe", box(3100, latch + 497, 3700, 2925), "R2"),
                  fixture("F2", "fixture", box(2400, latch + 298, 3000, 2500), "R1")],
    )
    p = SideParams(pull_side_mm=500.0, push_side_mm=300.0, sliding_side_mm=300.0, depth_mm=1200.0,
                   door_roles=("entrance", "internal", "balcony", "exterior"), furnished=False, floor_kinds=(), tolerance_mm=5.0)
    d1 = by_subject(side_check(Context(plan), p))["D1"]
    assert d1.status is Status.PASS
    assert d1.measured == pytest.approx(497, abs=1) and d1.required == 500
    assert "497 mm ≈ 500 mm on the pull side in Living" in d1.message
    assert "push side in Entrance 298 mm ≈ 300 mm" in d1.message  # the other side (DS01.other) too
    assert "≥" not in d1.message


def storage_unit(bod_d):
    """A 5 × 8 m living room with the entrance, a 1.0 m wide bod behind a 100 mm wall (BRA ≤ 50 m²: 2.5 m² needed)."""
    living = room("R1", box(0, 0, 5000, 8000), "living")
    bod = room("R2", box(5100, 0, 6100, bod_d), "storage", label="Bod")
    doors = [hinged("D1", hinge=(5000, 100), latch=(5000, 900), swing_into="R2", rooms=("R1", "R2"), open_side=-1),
             hinged("D2", hinge=(0, 1000), latch=(0, 1925), swing_into="R1", rooms=("R1", "outside"), open_side=-1)]
    return make_plan([living, bod], doors)


def test_storage_area_2_498_of_2_5():
    (r,) = [r for r in judge(storage_unit(2498), "storage-area") if r.code != "ST02"]
    assert r.status is Status.PASS and r.measured == pytest.approx(2.498) and r.required == 2.5
    # 0.002 m² short is written 2.50 m²: at the precision the reports write it the requirement is met
    # (m² pass only within 0.005 m², so an area never shows "≈": what passes prints as the requirement)
    assert ") ≥ 2.50 m² for a unit" in r.message and "≈" not in r.message
    (exact,) = [r for r in judge(storage_unit(2600), "storage-area") if r.code != "ST02"]
    assert ") ≥ 2.50 m² for a unit" in exact.message


def test_unit_area_38_997_of_39():
    def flat(w):
        return make_plan([room("R1", box(0, 0, w, 10000), "living")],
                         [hinged("D1", (0, 500), (0, 1425), "R1", ("R1", "outside"))])

    (r,) = judge(flat(3899.7), "unit-area", ruleset="uk-m4-3")
    assert r.status is Status.PASS and r.measured == pytest.approx(38.997) and r.required == 39.0
    assert "area 39.00 m² ≥ 39.00 m²" in r.message and "≈" not in r.message  # 0.003 m² short: written 39.00 m²
    (wide,) = judge(flat(4000), "unit-area", ruleset="uk-m4-3")
    assert "area 40.00 m² ≥ 39.00 m²" in wide.message


def test_turning_circle_1497_of_1500():
    # the pass template wrote "≥" outright; the diameter passes with twice the tolerance
    (r,) = judge(make_plan([room("R1", box(0, 0, 1497, 4000), "hall")]), "turning-space", rectangle_allowed=False)
    assert r.status is Status.PASS and r.measured == pytest.approx(1497, abs=1) and r.required == 1500
    assert "≈ Ø1500 mm" in r.message and "≥" not in r.message


def test_wheelchair_reachability_697_of_700():
    # the bathroom behind a door of clear width 697 mm (leaf 762): RE01 passes within 5 mm and says "≈"
    plan = make_plan(
        rooms=[room("R1", box(0, 0, 2000, 2000), "entrance"), room("R2", box(2100, 0, 4500, 2000), "bathroom")],
        doors=[hinged("D1", hinge=(500, 0), latch=(1425, 0), swing_into="R1", rooms=("R1", OUTSIDE), open_side=1),
               hinged("D2", hinge=(2100, 300), latch=(2100, 1062), swing_into="R2", rooms=("R1", "R2"), open_side=-1)],
    )
    p = ReParams(wheelchair_width_mm=700.0, wheelchair_length_mm=0.0, angle_step_deg=5.0, functions=("bathroom", "entrance"),
                 furnished=False, floor_kinds=("shower",), underpass_kinds=(), underpass_mm=0.0, tolerance_mm=5.0)
    res = by_subject(re_check(Context(plan), p))
    bath = res["R2"]
    assert bath.status is Status.PASS and 695 < bath.measured < 700 and bath.required == 700
    assert "mm ≈ 700 mm (narrowest" in bath.message and "≥" not in bath.message
    assert "≥ 700 mm (narrowest" in res["R1"].message  # the entré, 860 mm wide, keeps "≥"


def test_console_and_html_say_the_same_sign_for_a_value_that_rounds_to_the_requirement():
    """759.6 mm of 760 mm is written "760 mm" everywhere, so every writer says "≥": the console's Norwegian
    sentence is built from the numbers the JSON (and the HTML, Markdown and PDF built from it) carry."""
    import re

    from planeval.api import check as run
    from planeval.report import writer
    from planeval.report.text import report_text

    plan = make_plan([room("R1", box(0, 0, 2000, 3000), "entrance"), room("R2", box(2100, 0, 4500, 3000), "bathroom")],
                     [hinged("D1", hinge=(2100, 200), latch=(2100, 200 + 824.6), swing_into="R2", rooms=("R1", "R2"),
                             open_side=-1),
                      hinged("D2", hinge=(0, 1000), latch=(0, 1925), swing_into="R1", rooms=("R1", "outside"), open_side=-1)])
    report = run(plan, "tek17")
    d1 = next(f.result for f in report.findings
              if f.code == "DW01" and f.result.subject == "D1" and "clear width" in f.result.message)
    assert d1.status is Status.PASS and d1.measured == pytest.approx(759.6)
    console = next(line for line in report_text(report, color=False, verbose=True, lang="nb").splitlines()
                   if "DW01" in line and "D1" in line
                   and "fri bredde" in line)
    said = re.search(r"(\S+ mm) (.) (\S+ mm) — innvendig dør, fri bredde (\S+ mm) (.) (\S+ mm)", console)
    assert said is not None and said.groups() == ("760 mm", "≥", "760 mm") * 2, console
    html = writer("html")([report], {"lang": "nb"})
    assert "fri bredde i dør 760 mm ≥ 760 mm" in html and "fri bredde i dør 760 mm ≈ 760 mm" not in html
