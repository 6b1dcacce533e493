"""The PDF report (planeval check --pdf), read back: pages (a cover, then one page per dwelling unit), the
text (pdftotext, poppler-utils), a page rendered to PNG (pdftoppm) with the failing door drawn in red, and
byte-identical output on rerun. Skips the read-back parts when poppler is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planeval.report import writer  # noqa: E402
from sampleplans import sample_report  # noqa: E402

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed")


@pytest.fixture(scope="module")
def korttid_pdf(tmp_path_factory):
    report = sample_report("korttid-40-aia", "tek17")
    data = writer("pdf")([report], {"lang": "nb"})
    path = tmp_path_factory.mktemp("pdf") / "korttid.pdf"
    path.write_bytes(data)
    return report, path


def _text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_pdf_is_a_pdf_and_deterministic(korttid_pdf):
    report, path = korttid_pdf
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert writer("pdf")([report], {"lang": "nb"}) == data


@needs_poppler
def test_cover_then_one_page_per_unit(korttid_pdf):
    report, path = korttid_pdf
    assert len(report.plan.units) == 1
    text = _text(path)
    pages = text.split("\f")
    assert _pages(path) == len([p for p in pages if p.strip()])
    unit_pages = [p for p in pages if "Boenhet U1" in p]
    assert len(unit_pages) == 1, "the unit's findings fit on one page"
    cover = "\n".join(p for p in pages if "Boenhet U1" not in p)
    assert "Kontroll av universell utforming" in cover and "Resultat: Oppfyller ikke kravene" in cover
    assert "Regelsett: TEK17 – tilgjengelig boenhet" in cover and "Regler og kilder" in cover
    assert "TEK17 §12-13 (2)" in cover  # the clauses, in full on the cover


@needs_poppler
def test_unit_page_lists_failing_and_review_findings_with_numbers_clause_and_hint(korttid_pdf):
    report, path = korttid_pdf
    page = next(p for p in _text(path).split("\f") if "Boenhet U1" in p)
    flat = " ".join(page.split())
    assert "Krav som ikke er oppfylt, og punkter som må kontrolleres" in flat
    assert "DW01 D4 dør BAD – ENTRÉ Ikke oppfylt 660 mm 760 mm −100 mm" in flat
    assert "fri bredde i dør 660 mm < 760 mm" in flat
    assert "Forslag: en M9-dør gir 760 mm fri bredde (nå M8, 660 mm)" in flat
    assert "Hjemmel" in flat and "TEK17 §12-13" in flat
    assert "Kontrolleres" in flat and "DW02 D1, D2, D3, D4, D5" in flat  # identical review items folded
    assert "Netto 42,17 m²" in flat and "Areal per boenhet" in flat  # the area block, decimal comma
    failing = [f for f in report.findings if f.failing and report.plan.units_of_subject(f.result.subject)]
    assert all(f.code in flat for f in failing)


@needs_poppler
def test_unit_page_renders_with_the_failing_door_in_red(korttid_pdf, tmp_path):
    from PIL import Image

    _, path = korttid_pdf
    n = next(i for i, p in enumerate(_text(path).split("\f"), 1) if "Boenhet U1" in p)
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(n), "-l", str(n), "-png", str(path), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    img = Image.open(png).convert("RGB")
    assert img.size[1] > img.size[0] > 400  # A4 portrait
    red = sum(1 for x in range(0, img.size[0]) for y in range(0, img.size[1]) if _red(img.getpixel((x, y))))
    assert red > 40  # the failing door D4, its bar and its labels


def test_pdf_in_english_and_without_units(tmp_path):
    report = sample_report("korttid-40-aia", "tek17")
    en = writer("pdf")([report], {"lang": "en"})
    assert en.startswith(b"%PDF-") and en != writer("pdf")([report], {"lang": "nb"})
    if POPPLER:
        p = tmp_path / "en.pdf"
        p.write_bytes(en)
        flat = " ".join(_text(p).split())
        assert "Dwelling unit U1" in flat and "Hint: an M9 door gives 760 mm clear" in flat


def _red(px) -> bool:
    r, g, b = px[:3]
    return r > 170 and g < 90 and b < 80
