"""The HTML report's recognition toggle in a real (headless) Chromium: the drawing's unrecognised layer and
the highlight of unexplained linework start visible below grade B, hidden on a well-recognised plan, and
follow the checkbox. Skips as tests/test_html_browser.py does (no Chromium or no Playwright)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_html_browser  # noqa: E402
from builders import two_rooms  # noqa: E402
from test_report_recognition import _poor  # noqa: E402

_open = test_html_browser._open
browser = test_html_browser.browser  # the shared fixture (Chromium through Playwright)

pytestmark = pytest.mark.browser

LAYER = '#plan-0 g.pe-layer[data-layer="unrecognised"]'
BOX = 'input[data-layer-toggle="unrecognised"]'


def _html(plan, lang="en"):
    from planeval import api
    from planeval.report import writer

    return writer("html")([api.check(plan, "tek17")], {"lang": lang})


def test_the_unrecognised_layer_follows_the_toggle(browser, tmp_path):
    plan = _poor(tmp_path)
    assert plan.recognition.grade in ("C", "D", "E") and plan.recognition.unexplained_m > 0
    page, errors, _ = _open(browser, _html(plan), tmp_path, "poor.html")
    try:
        assert page.locator(BOX).is_checked()
        assert page.locator(LAYER).evaluate("g => getComputedStyle(g).display") != "none"
        line = page.locator("#plan-0 path.pe-unexplained").first
        assert line.evaluate("el => getComputedStyle(el).stroke") == "rgb(216, 27, 156)"  # highlighted
        page.locator(BOX).uncheck()
        assert page.locator(LAYER).evaluate("g => getComputedStyle(g).display") == "none"
        assert line.evaluate("el => getComputedStyle(el).stroke") == "rgb(185, 185, 185)"  # drawn as the rest
        assert errors == []
    finally:
        page.close()


def test_a_well_recognised_plan_starts_with_it_hidden(browser, tmp_path):
    from planeval.model import build_plan
    from planeval.read import read_drawing

    plan = build_plan(read_drawing(two_rooms(tmp_path)))
    assert plan.recognition.grade == "A"
    page, errors, _ = _open(browser, _html(plan, "nb"), tmp_path, "good.html")
    try:
        assert not page.locator(BOX).is_checked()
        assert page.locator(LAYER).evaluate("g => getComputedStyle(g).display") == "none"
        assert page.locator("#recognition-0 dt").first.text_content() == "Gjenkjenningskarakter"
        assert errors == []
    finally:
        page.close()
