"""accessible-bathroom (AB01): one bathroom per unit must satisfy WC, shower and turning together;
the others are extra (their findings not applicable, with the reason)."""

from __future__ import annotations

from checks.planbuilder import box, fixture, hinged, make_plan, room
from planeval.api import check as run
from planeval.findings import Status
from planeval.ruleset import load_ruleset


def two_bathrooms():
    """Hall R1 (entrance D9 in its east wall) with two bathrooms south of it.

    R2 2.4 × 2.5 m: WC against the west wall (1100 mm free south of it, 1000 mm north), but its
    drawn 700 × 700 mm shower in the south-east corner has a cabinet run on its north side: no
    900 × 900 step-free zone overlapping the tray — the shower fails. R3 1.7 × 2.5 m: a 1.0 × 1.0 m
    shower passes (1000 mm passage beside the WC to it), but a basin right north of the WC leaves
    0 mm on that side (< 200 mm) — the WC fails; and its turning circle is Ø1233 < Ø1500.

    Before: wc-clearance judged the best WC room (R2, pass), shower-access the best shower room
    (R3, pass): WC and shower passed in two different bathrooms.
    """
    return make_plan(
        [room("R1", box(0, 2600, 6000, 4400), "hall"), room("R2", box(0, 0, 2400, 2500), "bathroom", label="Bad 1"),
         room("R3", box(2500, 0, 4200, 2500), "bathroom", label="Bad 2")],
        doors=[hinged("D1", hinge=(1400, 2600), latch=(2300, 2600), swing_into="R1", rooms=("R1", "R2")),
               hinged("D2", hinge=(3000, 2600), latch=(3900, 2600), swing_into="R1", rooms=("R1", "R3")),
               hinged("D9", hinge=(6000, 2800), latch=(6000, 3700), swing_into="R1", rooms=("outside", "R1"))],
        fixtures=[fixture("F1", "wc", box(0, 1100, 700, 1500), "R2"),
                  fixture("F2", "shower", box(1700, 0, 2400, 700), "R2"),
                  fixture("F3", "fixture", box(1700, 700, 2400, 1000), "R2"),
                  fixture("F5", "wc", box(2500, 1100, 3200, 1500), "R3"),
                  fixture("F6", "shower", box(3200, 0, 4200, 1000), "R3"),
                  fixture("F7", "basin", box(2500, 1500, 2950, 1850), "R3")],
    )


def by(findings, subject, code):
    return next(f for f in findings if f.result.subject == subject and f.code == code)


def test_the_same_bathroom_must_satisfy_wc_shower_and_turning_together():
    report = run(two_bathrooms(), load_ruleset("tek17"))
    fs = report.findings
    # as measured: R2's WC passes and its shower fails; R3's shower passes and its WC fails
    ab = by(fs, "U1", "AB01")
    assert ab.status is Status.FAIL and ab.result.details["failing"]["R2"] == ["BA02"]
    assert {"BA01", "TS01", "BA03"} <= set(ab.result.details["failing"]["R3"])
    assert ab.result.details["accessible"] == ["R2"] and ab.result.details["extra"] == ["R3"]
    # the chosen one (fewer failing errors) keeps its failure: the run fails
    ba02 = by(fs, "R2", "BA02")
    assert ba02.status is Status.FAIL and ba02.result.measured == 700 and ba02.result.details["zone_source"] == "drawn"
    assert by(fs, "R2", "BA01").status is Status.PASS
    assert by(fs, "R2", "BA05").status is Status.PASS
    # the other is extra: its passing shower does not make up for R2's, its failing WC does not count
    r3 = [f for f in fs if f.result.subject == "R3"]
    assert r3 and all(f.status is Status.NOT_APPLICABLE for f in r3)
    ba01 = by(fs, "R3", "BA01")
    assert "extra bathroom/WC" in ba01.result.message and ba01.result.details["exempt"]["measured_status"] == "fail"
    assert ba01.exempt_by == "AB01"
    assert report.verdict().failed


def test_a_separate_wc_is_extra_where_the_bathroom_has_a_wc():
    """A bathroom with WC and shower (R2) and a 1.0 m wide separate WC (R3, no Ø1500 circle): the
    WC's turning area and side space are not applicable (before: TS01 did not look at WC rooms at
    all; wc-clearance judged it not applicable by its own pick)."""
    plan = make_plan(
        [room("R1", box(0, 2800, 4000, 4600), "hall"), room("R2", box(0, 0, 2400, 2700), "bathroom"),
         room("R3", box(2500, 0, 3500, 2700), "wc", label="WC")],
        doors=[hinged("D1", hinge=(300, 2800), latch=(1100, 2800), swing_into="R1", rooms=("R1", "R2")),
               hinged("D2", hinge=(2600, 2800), latch=(3400, 2800), swing_into="R1", rooms=("R1", "R3")),
               hinged("D3", hinge=(4000, 3000), latch=(4000, 3900), swing_into="R1", rooms=("outside", "R1"))],
        fixtures=[fixture("F1", "wc", box(200, 0, 600, 700), "R2"), fixture("F2", "shower", box(1400, 0, 2400, 1000), "R2"),
                  fixture("F3", "wc", box(2800, 0, 3200, 700), "R3")],
    )
    fs = run(plan, load_ruleset("tek17")).findings
    ts = by(fs, "R3", "TS01")
    assert ts.status is Status.NOT_APPLICABLE and ts.result.details["exempt"]["measured_status"] == "fail"
    assert ts.result.measured is not None and ts.result.measured < 1000 + 1
    assert "the unit's accessible bathroom is Bathroom (R2)" in ts.result.message
    assert by(fs, "R2", "TS01").status is Status.PASS and by(fs, "U1", "AB01").status is Status.PASS


def test_without_a_wc_in_the_bathroom_the_separate_wc_is_judged():
    """The unit's only WC is in a separate WC room: it is not extra, its turning area is judged."""
    plan = make_plan(
        [room("R1", box(0, 2800, 4000, 4600), "hall"), room("R2", box(0, 0, 2400, 2700), "bathroom"),
         room("R3", box(2500, 0, 3500, 2700), "wc", label="WC")],
        doors=[hinged("D1", hinge=(300, 2800), latch=(1100, 2800), swing_into="R1", rooms=("R1", "R2")),
               hinged("D2", hinge=(2600, 2800), latch=(3400, 2800), swing_into="R1", rooms=("R1", "R3")),
               hinged("D3", hinge=(4000, 3000), latch=(4000, 3900), swing_into="R1", rooms=("outside", "R1"))],
        fixtures=[fixture("F2", "shower", box(1400, 0, 2400, 1000), "R2"), fixture("F3", "wc", box(2800, 0, 3200, 700), "R3")],
    )
    fs = run(plan, load_ruleset("tek17")).findings
    ab = by(fs, "U1", "AB01")
    assert set(ab.result.details["accessible"]) == {"R2", "R3"} and ab.result.details["extra"] == []
    ts = by(fs, "R3", "TS01")
    assert ts.status is Status.FAIL and ts.result.measured < 1000 + 1  # 1.0 m wide: no Ø1500, no 1.3 m rectangle


def test_not_applicable_with_one_bathroom():
    plan = make_plan([room("R1", box(0, 0, 3000, 3000), "bathroom")], fixtures=[fixture("F1", "wc", box(0, 0, 400, 700), "R1")])
    fs = run(plan, load_ruleset("tek17")).findings
    (ab,) = [f for f in fs if f.code == "AB01"]
    assert ab.status is Status.NOT_APPLICABLE and ab.result.subject == "plan"
