"""Label placement on the plan drawings (planeval.report.labels): no two label boxes intersect — for random
requests, on the corridor sample with four units, and on a real export — and every finding's value names
its rule code, with "Ø" only on circles."""

from __future__ import annotations

import re
import sys
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planeval.report.labels import LabelRequest, overlaps, place_labels, text_width  # noqa: E402
from planeval.report.overlays import door_verdicts, finding_overlays  # noqa: E402
from planeval.report.svg import plan_svg  # noqa: E402
from sampleplans import sample_report  # noqa: E402

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "realplans" / "anandkothartrdl__Plans__plan.dxf"
BOX = re.compile(r'<rect class="pe-labbox" stroke="[^"]*" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"')


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    return [(float(x), float(y), float(x) + float(w), float(y) + float(h)) for x, y, w, h in BOX.findall(svg)]


def _disjoint(boxes) -> list[tuple[int, int]]:
    return [(i, j) for (i, a), (j, b) in combinations(enumerate(boxes), 2) if overlaps(a, b)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 5000), st.floats(0, 5000), st.integers(1, 24), st.integers(0, 6)), min_size=1,
                max_size=40))
def test_random_labels_never_overlap(items):
    reqs = [LabelRequest(str(k), "X" * n, (x, y), 120.0, prio) for k, (x, y, n, prio) in enumerate(items)]
    placed = place_labels(reqs, bounds=(-1000, -1000, 6000, 6000))
    assert [p.key for p in placed] == [r.key for r in reqs]
    assert _disjoint([p.box for p in placed]) == []
    for p in placed:  # every box holds its text
        assert p.box[2] - p.box[0] >= text_width(p.request.text, p.request.size)


def test_a_label_that_fits_stays_at_its_anchor_and_a_crowded_one_gets_a_leader():
    a, b = LabelRequest("a", "DW01 660 < 760 mm", (0, 0), 100, 1), LabelRequest("b", "DS01 300 < 500 mm", (10, 0), 100, 1)
    pa, pb = place_labels([a, b])
    assert (pa.x, not pa.leader) == (0, True)
    assert pb.leader and not overlaps(pa.box, pb.box)


def _check_plan_labels(report):
    overlays = finding_overlays(report, 0, lang="nb")
    svg = plan_svg(report.plan, overlays, door_status=door_verdicts(report), lang="nb")
    boxes = _boxes(svg)
    # every room name, every door id and every overlay value got a box
    texts = [o for o in overlays if o.text]
    assert len(boxes) == len(report.plan.rooms) + len(report.plan.doors) + len(texts)
    assert _disjoint(boxes) == []
    return overlays, svg


def test_no_label_overlaps_on_the_corridor_sample():
    report = sample_report("korridor-4units-aia", "husbanken-omsorg")  # the strictest set: many failures
    overlays, svg = _check_plan_labels(report)
    values = [o.text for o in overlays if o.text and o.status == "fail"]
    assert len(values) >= 10
    codes = {f.code for f in report.findings}
    assert all(v.split()[0] in codes for v in values)  # "DW01 760 < 860 mm": every value carries its code
    assert "DW01 760 &lt; 860 mm" in svg


@pytest.mark.realworld
def test_no_label_overlaps_on_a_real_export():
    if not REAL.exists():
        pytest.skip(f"{REAL} not found")
    from planeval.api import check, load_plan

    report = check(load_plan(REAL), "tek17")
    overlays, _ = _check_plan_labels(report)
    assert sum(1 for o in overlays if o.text) >= 10


def test_zone_and_value_labels_match_their_shape():
    report = sample_report("omsorg-tightbath-nordic", "tek17")
    overlays = finding_overlays(report, 0)
    by_code = {}
    for o in overlays:
        if o.text:
            by_code.setdefault(o.text.split()[0], []).append(o.text)
    ts = report.findings[[f.code for f in report.findings].index("TS01")]
    assert any(t.startswith("TS01 Ø") and "< Ø1500 mm" in t for t in by_code["TS01"]), by_code
    for code, texts in by_code.items():
        if code in ("DS01", "BA01", "PA01", "DW01", "RE01"):
            assert all("Ø" not in t for t in texts), texts  # a side space is a rectangle, a width is a length
    assert ts is not None
