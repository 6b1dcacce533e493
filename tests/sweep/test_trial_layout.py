"""planeval trial-layout: a room at full scale with a variant's zones, set out from one corner.

The DXF is read back (millimetres, the circle's radius is the variant's diameter / 2, the table and
the dimensions say the coordinates the geometry has); the PDF's page count and paper size."""

from __future__ import annotations

import math
import re
from pathlib import Path

import ezdxf
import pytest
from click.testing import CliRunner

from planeval.cli import main
from planeval.errors import InputError
from planeval.sweep.trial_layout import layout_dxf, pick_room, trial_layout
from planeval.sweep.trial_pdf import ROWS_PER_PAGE, choose_page, layout_pdf
from sampleplans import SAMPLES, ruleset, sample_plan

A4_LANDSCAPE_PT = (841.89, 595.276)


@pytest.fixture(scope="module")
def bad_1400():
    """The bathroom of omsorg-55-aia (2.5 × 2.5 m) under the Ø1.40 m trial variant."""
    return trial_layout(sample_plan("omsorg-55-aia"), ruleset("trial-turning-1400"), "Bad")


def table_rows(doc: ezdxf.document.Drawing) -> dict[str, tuple[float, float, str]]:
    """The setting-out table as written: TEXT cells on TRIAL-TABLE, grouped by row (same y)."""
    cells: dict[float, list[tuple[float, str]]] = {}
    for e in doc.modelspace().query('TEXT[layer=="TRIAL-TABLE"]'):
        cells.setdefault(round(e.dxf.insert.y, 3), []).append((e.dxf.insert.x, e.dxf.text))
    rows = {}
    for _, row in sorted(cells.items(), reverse=True):
        texts = [t for _, t in sorted(row)]
        if len(texts) == 4 and texts[0] != "point":
            rows[texts[0]] = (float(texts[1]), float(texts[2]), texts[3])
    return rows


def test_the_room_is_set_out_from_its_lower_left_corner(bad_1400):
    assert bad_1400.room_id == "R4" and bad_1400.angle_deg == 0 and bad_1400.origin == (0.0, 0.0)
    assert bad_1400.room.bounds == (0.0, 0.0, 2500.0, 2500.0)
    assert bad_1400.marks[0].name == "O" and (bad_1400.marks[0].x_mm, bad_1400.marks[0].y_mm) == (0.0, 0.0)


def test_the_variants_circle_is_its_diameter_and_one_circle_for_the_rules_that_share_it(bad_1400):
    circles = [s for s in bad_1400.shapes if s.circle is not None]
    assert len(circles) == 1  # TS01 and BA03 claim the same circle in front of the WC
    (cx, cy, r), = [s.circle for s in circles]
    assert r == 700.0  # trial-turning-1400: Ø1400
    assert "TS01" in circles[0].label and "BA03" in circles[0].label
    # the circle lies inside the room and clear of the WC (x 0…700, y 1100…1500)
    assert r <= cx <= 2500 - r and r <= cy <= 2500 - r
    assert math.hypot(max(0.0, cx - 700), max(0.0, abs(cy - 1300) - 200)) >= r - 1


def test_the_dxf_reads_back_in_mm_with_the_table_matching_the_geometry(bad_1400, tmp_path: Path):
    path = tmp_path / "bad.dxf"
    path.write_text(layout_dxf(bad_1400), encoding="utf-8")
    doc = ezdxf.readfile(path)
    assert doc.header["$INSUNITS"] == 4 and doc.header["$MEASUREMENT"] == 1
    msp = doc.modelspace()
    (circle,) = msp.query('CIRCLE[layer=="TRIAL-ZONE-TURNING"]')
    assert circle.dxf.radius == 700.0
    rows = table_rows(doc)
    assert len(rows) == len(bad_1400.marks)  # every point, O included
    centre = [(x, y) for x, y, what in rows.values() if what.startswith("centre of %%c1400 circle")]
    assert centre == [(circle.dxf.center.x, circle.dxf.center.y)]
    (room,) = msp.query('LWPOLYLINE[layer=="TRIAL-ROOM"]')
    corners = {(round(x), round(y)) for x, y in room.get_points("xy")}
    assert corners == {(0, 0), (2500, 0), (2500, 2500), (0, 2500)}
    assert corners <= {(round(x), round(y)) for x, y, _ in rows.values()}
    # the running dimensions measure from O: their values are the table's coordinates
    dims = msp.query('DIMENSION[layer=="TRIAL-DIM"]')
    xs = {round(d.dxf.defpoint2.x - d.dxf.defpoint.x) for d in dims if d.dxf.dimtype & 64}  # X-type ordinates
    ys = {round(d.dxf.defpoint2.y - d.dxf.defpoint.y) for d in dims if not d.dxf.dimtype & 64}
    assert all(d.dxf.dimtype & 7 == 6 for d in dims)  # ordinate dimensions, from O (defpoint = origin)
    assert {(d.dxf.defpoint.x, d.dxf.defpoint.y) for d in dims} == {(0.0, 0.0)}
    assert xs == {round(x) for x, _, _ in rows.values()} and ys == {round(y) for _, y, _ in rows.values()}
    (arc,) = msp.query('ARC[layer=="TRIAL-DOOR"]')
    assert arc.dxf.radius == 825.0 and rows["P5"][:2] == (arc.dxf.center.x, arc.dxf.center.y)  # the hinge of the M9 door


def test_a_rotated_plan_is_turned_square_to_its_walls():
    plan = sample_plan("familie-70-revit")  # drawn turned by 17°
    lay = trial_layout(plan, ruleset("tek17"), "Bad")
    assert lay.angle_deg == 17.0
    corners = [(round(x, 1), round(y, 1)) for x, y in pick_room(plan, "Bad").polygon.exterior.coords]
    assert (round(lay.origin[0], 1), round(lay.origin[1], 1)) in corners  # O is a corner of the room as drawn
    assert [tuple(round(v) for v in p) for p in lay.room.exterior.coords][:-1] == [(0, 0), (2400, 0), (2400, 2500), (0, 2500)]
    (circle,) = [s.circle for s in lay.shapes if s.circle]
    assert circle[2] == 750.0


def test_the_pdf_prints_at_a_stated_scale_with_the_table_after_it(bad_1400):
    pdf = layout_pdf(bad_1400)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == 1 + math.ceil(len(bad_1400.marks) / ROWS_PER_PAGE) == 2
    boxes = [tuple(float(v) for v in m.groups()) for m in re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]
    w, h = bad_1400.size_mm  # 3425 × 2500 (the door swing reaches into the entré)
    assert choose_page(w, h) == ("A4", True, 20)
    assert boxes[0] == pytest.approx(A4_LANDSCAPE_PT, abs=0.5)
    assert b"CreationDate" not in pdf
    assert layout_pdf(bad_1400) == pdf  # deterministic


def test_a_label_on_several_rooms_needs_the_unit():
    plan = sample_plan("korridor-4units-aia")
    with pytest.raises(InputError, match="UNIT:LABEL"):
        pick_room(plan, "Bad")
    assert pick_room(plan, "U2:bad").unit == "U2"
    assert pick_room(plan, "r6").id == "R6"


def test_the_command_writes_dxf_and_pdf_and_refuses_other_outputs(tmp_path: Path):
    plan = SAMPLES / "omsorg-55-aia.dxf"
    runner = CliRunner()
    args = ["trial-layout", str(plan), "--room", "Bad", "--rules"]
    cellar = ["trial-layout", str(plan), "--room", "Kjeller", "--rules", "tek17"]
    r = runner.invoke(main, [*args, "trial-turning-1300", "--out", str(tmp_path / "b.dxf")])
    assert r.exit_code == 0, r.output
    assert "setting-out points" in r.output and "(1:1, mm)" in r.output
    (circle,) = ezdxf.readfile(tmp_path / "b.dxf").modelspace().query('CIRCLE[layer=="TRIAL-ZONE-TURNING"]')
    assert circle.dxf.radius == 650.0
    r = runner.invoke(main, [*args, "tek17", "--out", str(tmp_path / "b.png")])
    assert r.exit_code == 2 and "give a .dxf or a .pdf" in r.output
    r = runner.invoke(main, [*cellar, "--out", str(tmp_path / "k.pdf")])
    assert r.exit_code == 2 and "no room with that id or label" in r.output
