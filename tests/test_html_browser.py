"""The HTML report in a real (headless) Chromium: it renders, links rows and drawings, toggles layers,
never runs DXF text as script and never touches the network.

Skips when Chromium (``/usr/bin/chromium``, or ``PLANEVAL_CHROMIUM``) or Playwright is missing; never
lets Playwright download a browser. Screenshots go to /tmp/planeval-report.png (the page) and
/tmp/planeval-report-findings.png (the findings table).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import builders  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dxf" / "omsorg-tightbath-nordic.dxf"
CHROMIUM = Path(os.environ.get("PLANEVAL_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PWNED = "<script>window.__pwned=1</script>"
SCREENSHOT = Path("/tmp/planeval-report.png")
SCREENSHOT_TABLE = Path("/tmp/planeval-report-findings.png")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install planeval[browser])")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    profile = tempfile.mkdtemp(prefix="planeval-chromium-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True, args=ARGS,
                                                   viewport={"width": 1440, "height": 1000})
        requested: list[str] = []

        def route(r):
            requested.append(r.request.url)
            if r.request.url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                r.abort()

        ctx.route("**/*", route)
        ctx.on("request", lambda req: requested.append(req.url))
        try:
            yield ctx, requested
        finally:
            ctx.close()
            shutil.rmtree(profile, ignore_errors=True)


def _report(path: Path):
    from planeval.api import check as run
    from planeval.model import build_plan
    from planeval.read import read_drawing
    from planeval.ruleset import load_ruleset
    from sampleplans import SAMPLES, sample_report

    if path.parent == SAMPLES:
        return sample_report(path.stem, "tek17")  # shared with the other tests of the session
    return run(build_plan(read_drawing(path)), load_ruleset("tek17"))


def _open(browser, html: str, tmp_path: Path, name: str):
    ctx, requested = browser
    requested.clear()
    page_file = tmp_path / name
    page_file.write_text(html, encoding="utf-8")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requested


def test_report_renders_and_links(browser, tmp_path):
    from planeval.report import writer

    report = _report(SAMPLE)
    fail_idx = next(i for i, f in enumerate(report.findings) if f.code == "TS01" and f.failing)
    fid = f"r0f{fail_idx}"
    page, errors, requested = _open(browser, writer("html")([report], {}), tmp_path, "report.html")
    try:
        svg = page.locator("#plan-0")
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 200
        assert page.locator("#plan-0 path.pe-room").count() == len(report.plan.rooms)
        # the failing turning circle is drawn in red, with its diameter
        circle = page.locator(f'#plan-0 path.pe-fail[data-finding="{fid}"]').first
        cbox = circle.bounding_box()
        assert cbox and cbox["width"] > 10 and abs(cbox["width"] - cbox["height"]) < 0.1 * cbox["width"]
        assert circle.evaluate("el => getComputedStyle(el).stroke") == "rgb(192, 57, 43)"
        assert page.locator(f'#plan-0 path.pe-required[data-finding="{fid}"]').count() == 1
        # its value names the rule: "TS01 Ø1316 < Ø1500 mm"
        f = report.findings[fail_idx]
        assert (
            page.locator(f'#plan-0 g.pe-lab[data-finding="{fid}"] text').first.text_content()
            == f"TS01 Ø{f.result.measured:.0f} < Ø{f.result.required:.0f} mm"
        )

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1440, "height": 1240})  # header, summary and the whole plan
        page.screenshot(path=str(SCREENSHOT))
        page.set_viewport_size({"width": 1440, "height": 1000})

        # row -> drawing
        page.locator(f"#row-{fid}").click()
        assert circle.evaluate("el => el.classList.contains('pe-hl')")
        assert page.locator(f"#row-{fid}").evaluate("el => el.classList.contains('pe-hl')")
        assert page.locator(".info").first.text_content().find("TS01") >= 0
        # another row moves the highlight
        other = next(i for i, f in enumerate(report.findings) if f.code == "DW01")
        page.locator(f"#row-r0f{other}").click()
        assert not circle.evaluate("el => el.classList.contains('pe-hl')")
        assert page.locator(f'#plan-0 [data-finding="r0f{other}"]').first.evaluate("el => el.classList.contains('pe-hl')")
        # drawing -> row
        circle.dispatch_event("click")
        assert page.locator(f"#row-{fid}").evaluate("el => el.classList.contains('pe-hl')")
        assert not page.locator(f"#row-r0f{other}").evaluate("el => el.classList.contains('pe-hl')")

        # layer toggle hides and shows the turning layer
        layer = page.locator('#plan-0 g.pe-overlay[data-layer="turning"]').first
        assert layer.is_visible()
        page.locator('input[data-layer-toggle="turning"]').uncheck()
        assert layer.is_hidden() and circle.is_hidden()
        page.locator('input[data-layer-toggle="turning"]').check()
        assert layer.is_visible()
        # the review layer starts hidden; highlighting a review finding shows it
        review = next(
            (i for i, f in enumerate(report.findings) if f.status.value == "needs_review" and f.result.location is not None), None
        )
        if review is not None:
            assert page.locator('#plan-0 g.pe-overlay[data-layer="review"]').first.is_hidden()
            page.locator(f"#row-r0f{review}").click()
            assert page.locator('#plan-0 g.pe-overlay[data-layer="review"]').first.is_visible()
        # status filter chips hide rows
        page.locator(".chip.st-pass").click()
        assert page.locator('tr.frow[data-status="pass"]').first.is_hidden()

        page.locator("table.findings").scroll_into_view_if_needed()
        page.evaluate("document.querySelector('table.findings').scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SCREENSHOT_TABLE))
        assert errors == []
        assert requested and all(u.startswith(("file:", "data:", "about:")) for u in requested), requested
    finally:
        page.close()


def test_dxf_text_never_runs(browser, tmp_path):
    from planeval.report import writer

    doc, msp = builders.new()
    builders.walls_around(msp, 0, 0, 3000, 2500, gaps=[("S", 1000, 1900)])
    builders.door_arc(msp, (1000, -100), 0, 270, 900)
    builders.text(msp, 1500, 1250, PWNED)
    report = _report(builders.save(doc, tmp_path, "pwn.dxf"))
    assert report.plan.rooms[0].label == PWNED
    page, errors, requested = _open(browser, writer("html")([report], {}), tmp_path, "pwn.html")
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        label = page.locator("#plan-0 g.pe-room-lab text.pe-labtext").first
        assert label.text_content() == PWNED[:30] and label.is_visible()  # the plan shortens labels to 30 characters
        assert PWNED in page.locator("table.findings").inner_text()  # the door "<label> – outside", as text
        assert page.locator("script").count() == 1  # only the report's own script element exists
        page.locator("tr.frow").first.click()  # the script still works
        assert errors == []
        assert all(u.startswith(("file:", "data:", "about:")) for u in requested), requested
    finally:
        page.close()


VISIBLE_BOXES = """svg => Array.from(svg.querySelectorAll('g.pe-lab')).filter(g => {
    const r = g.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(g).display !== 'none'
      && !g.closest('[style*="display: none"]');
  }).map(g => { const r = g.querySelector('rect.pe-labbox').getBoundingClientRect();
                return [r.left, r.top, r.right, r.bottom]; })"""


SHOWN = ("el => { for (let e = el; e; e = e.parentElement) "
         "if (getComputedStyle(e).display === 'none') return false; return true; }")


def _shown(locator) -> bool:
    """Displayed (a vertical line has an empty box, so Playwright's is_visible cannot tell)."""
    return locator.evaluate(SHOWN)


def _crossing(boxes, slack=0.5):
    """Pairs of boxes (screen px) that intersect by more than ``slack`` px."""
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack]


def _label_checks(page, report):
    svg = page.locator("#plan-0")
    boxes = svg.evaluate(VISIBLE_BOXES)
    assert len(boxes) >= len(report.plan.rooms)  # the room names at least
    assert _crossing(boxes) == []
    # the texts stay inside their boxes (their width is forced to the box the placement used)
    over = page.evaluate("""() => Array.from(document.querySelectorAll('#plan-0 g.pe-lab')).filter(g => {
        const t = g.querySelector('text.pe-labtext').getBBox(), b = g.querySelector('rect.pe-labbox').getBBox();
        return t.width > 0 && (t.x < b.x - 1 || t.x + t.width > b.x + b.width + 1); }).length""")
    assert over == 0
    page.locator("input[data-passing-toggle]").check()
    assert _crossing(svg.evaluate(VISIBLE_BOXES)) == []
    page.locator("input[data-passing-toggle]").uncheck()


def test_plan_shows_failures_first_and_filters_with_chips_and_rows(browser, tmp_path):
    from planeval.report import writer
    from sampleplans import sample_report

    report = sample_report("korridor-4units-aia", "husbanken-omsorg")
    page, errors, _ = _open(browser, writer("html")([report], {"lang": "nb"}), tmp_path, "korridor.html")
    try:
        assert page.evaluate("document.documentElement.lang") == "nb"
        _label_checks(page, report)
        idx = {f"r0f{i}": f for i, f in enumerate(report.findings)}
        fail = next(k for k, f in idx.items() if f.failing and f.code == "DW01")
        passing = next(k for k, f in idx.items() if f.status.value == "pass" and f.code == "TS01")
        fail_bar = page.locator(f'#plan-0 path[data-finding="{fail}"]').first
        pass_circle = page.locator(f'#plan-0 path.pe-pass[data-finding="{passing}"]').first
        # failures drawn, passing findings off until asked for, then faint
        assert _shown(fail_bar) and not _shown(pass_circle)
        page.locator("input[data-passing-toggle]").check()
        assert _shown(pass_circle) and float(pass_circle.evaluate("el => getComputedStyle(el).opacity")) < 0.6
        page.locator("input[data-passing-toggle]").uncheck()
        assert not _shown(pass_circle)
        # the value labels carry their codes and sit in boxes
        assert page.locator(f'#plan-0 g.pe-lab[data-finding="{fail}"] text').first.text_content().startswith("DW01 760 < 860")
        # doors coloured by their own verdict
        door = idx[fail].result.subject
        assert page.locator(f'#plan-0 g[data-door="{door}"].pe-d-fail path.pe-door').first.evaluate(
            "el => getComputedStyle(el).stroke") == "rgb(192, 57, 43)"
        ok_door = next(d.id for d in report.plan.doors
                       if not any(f.result.subject == d.id and f.failing for f in report.findings)
                       and any(f.result.subject == d.id and f.status.value == "pass" for f in report.findings))
        assert page.locator(f'#plan-0 g[data-door="{ok_door}"] path.pe-door').first.evaluate(
            "el => getComputedStyle(el).stroke") == "rgb(30, 132, 73)"
        # the status chips filter the drawing as well as the table
        page.locator(".chip.st-fail").click()
        assert not _shown(fail_bar) and page.locator(f"#row-{fail}").is_hidden()
        page.locator(".chip.st-fail").click()
        assert _shown(fail_bar)
        # a row focuses its drawing: the others fade; clicking it again shows all
        other = next(k for k, f in idx.items() if f.failing and k != fail and f.result.location is not None)
        other_el = page.locator(f'#plan-0 g.pe-overlay [data-finding="{other}"]').first
        page.locator(f"#row-{fail}").click()
        assert float(other_el.evaluate("el => getComputedStyle(el).opacity")) < 0.2
        assert float(fail_bar.evaluate("el => getComputedStyle(el).opacity")) > 0.8
        page.locator(f"#row-{fail}").click()
        assert float(other_el.evaluate("el => getComputedStyle(el).opacity")) == 1.0
        # a group header focuses all findings of its subject
        page.locator(f"#row-{fail}").evaluate("el => el.parentNode.querySelector('tr.ghead').click()")
        assert page.locator("section.report").first.get_attribute("data-focus").count(" ") >= 1
        page.keyboard.press("Escape")
        assert page.locator("section.report").first.get_attribute("data-focus") is None
        # fixtures and furniture are named on hover, in the report's language
        wc = page.locator('#plan-0 path[data-kind="wc"] title').first
        assert "toalett" in wc.text_content()
        assert errors == []
    finally:
        page.close()


@pytest.mark.realworld
def test_real_export_labels_never_overlap(browser, tmp_path):
    from planeval.report import writer

    real = ROOT.parent / "shared" / "realplans" / "anandkothartrdl__Plans__plan.dxf"
    if not real.exists():
        pytest.skip(f"{real} not found")
    report = _report(real)
    page, errors, _ = _open(browser, writer("html")([report], {"lang": "nb"}), tmp_path, "real.html")
    try:
        _label_checks(page, report)
        assert errors == []
    finally:
        page.close()
