"""The PDF has a cover, one page per dwelling unit and a page for findings outside the units — never more:
on every sample, and on a unit made busy (every failing and review finding of the demo unit twelve times
over, each its own message), which goes compact (grouped per code, two columns) and still takes one page."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from planeval.report import writer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sampleplans import NAMES, sample_report  # noqa: E402


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def expected_pages(report) -> int:
    """A cover, a page per unit, and one for the failing or review findings that belong to no unit."""
    loose = any(f.status.value in ("fail", "needs_review", "error") and not report.plan.units_of_subject(f.result.subject)
                for f in report.findings)
    return 1 + len(report.plan.units) + (1 if loose or not report.plan.units else 0)


@pytest.mark.parametrize("name", NAMES)
def test_every_sample_gets_a_cover_and_one_page_per_unit(name):
    report = sample_report(name, "tek17")
    assert pages(writer("pdf")([report], {"lang": "nb"})) == expected_pages(report)


def busy(report, times: int = 12):
    extra = []
    for f in report.findings:
        if f.status.value in ("fail", "needs_review") and report.plan.units_of_subject(f.result.subject):
            for k in range(times):
                r = f.result
                res = replace(r, message=f"{r.message} (copy {k})", msg=None,
                              measured=None if r.measured is None else r.measured - k)
                extra.append(replace(f, result=res))
    return replace(report, findings=[*report.findings, *extra])


def test_a_busy_unit_fits_on_one_page(tmp_path):
    report = busy(sample_report("korttid-40-aia", "tek17"))
    listed = [f for f in report.findings if f.status.value in ("fail", "needs_review")]
    assert len(listed) > 150 and len(report.plan.units) == 1
    pdf = writer("pdf")([report], {"lang": "nb"})
    assert pages(pdf) == expected_pages(report) == 2
    if shutil.which("pdftotext"):
        path = tmp_path / "busy.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        unit = next(p for p in text.split("\f") if "Boenhet U1" in p)
        assert "(forts.)" not in text
        codes = {f.code for f in listed}
        assert all(c in unit for c in codes)  # every code has its (grouped) row
        assert "se HTML- eller JSON-rapporten" not in unit  # the grouped rows fit: nothing left out
