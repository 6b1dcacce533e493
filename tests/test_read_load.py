"""Bad input is one clear InputError naming the cause; damaged files open in recover mode."""

from __future__ import annotations

import pytest

from builders import new, rect, save, two_rooms
from planeval.errors import InputError
from planeval.read import read_drawing
from planeval.read.load import detect_encoding


@pytest.mark.parametrize(
    "content, cause",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"AC1032\x00\x00binary dwg", "DWG"),
        (b"hello world\nthis is text\n", "not a DXF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"PK\x03\x04zip", "ZIP"),
        (b"ISO-10303-21;\nHEADER;", "IFC"),
    ],
)
def test_not_a_dxf(tmp_path, content, cause):
    p = tmp_path / "x.dxf"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_drawing(p)
    assert cause in str(err.value)
    assert str(p) in str(err.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_drawing(tmp_path / "nope.dxf")
    with pytest.raises(InputError, match="is a directory"):
        read_drawing(tmp_path)


def test_truncated_dxf_is_input_error_or_recovered(tmp_path):
    good = two_rooms(tmp_path)
    data = good.read_bytes()
    cut = tmp_path / "cut.dxf"
    cut.write_bytes(data[: len(data) // 3])
    try:
        d = read_drawing(cut)
    except InputError as exc:
        assert "cut.dxf" in str(exc) and ("truncated" in str(exc) or "corrupt" in str(exc))
    else:  # what could be read is used, and the cut is reported
        assert any(x.code == "dxf-truncated" for x in d.diagnostics)


def test_garbage_inside_sections_is_corrupt(tmp_path):
    p = tmp_path / "bad.dxf"
    p.write_text("  0\nSECTION\n  2\nENTITIES\n  0\nLINE\n 10\nnot-a-number\n 20\n???\n")
    with pytest.raises(InputError) as err:
        read_drawing(p)
    assert "bad.dxf" in str(err.value)


def test_absurd_coordinates(tmp_path):
    doc, msp = new()
    msp.add_line((0, 0), (1e15, 0), dxfattribs={"layer": "A-WALL"})
    rect(msp, 0, 0, 3000, 3000)
    with pytest.raises(InputError, match="absurd coordinates"):
        read_drawing(save(doc, tmp_path))


def test_binary_dxf_reads_like_ascii(tmp_path):
    ascii_path = two_rooms(tmp_path)
    import ezdxf

    doc = ezdxf.readfile(ascii_path)
    bin_path = tmp_path / "bin.dxf"
    doc.saveas(bin_path, fmt="bin")
    a, b = read_drawing(ascii_path), read_drawing(bin_path)
    assert b.binary and not a.binary
    assert len(a.segments) == len(b.segments) and len(a.arcs) == len(b.arcs)


def test_input_never_modified(tmp_path):
    p = two_rooms(tmp_path)
    before = p.read_bytes()
    read_drawing(p)
    assert p.read_bytes() == before


def test_encoding_sniffing():
    assert detect_encoding("0\nTEXT\n1\nKjøkken\n".encode("cp1252")) is None
    assert detect_encoding(b"0\nLAYER\n2\n" + "基準線グリッド".encode("cp932")) == "cp932"
    assert detect_encoding(b"0\nLAYER\n2\n" + "墙体门窗".encode("gbk")) == "gbk"
    declared = b"  9\n$DWGCODEPAGE\n  3\nANSI_1252\n" + "Kjøkken".encode("cp1252")
    assert detect_encoding(declared) is None


def test_cp1252_labels_survive_r2000(tmp_path):
    doc, msp = new(version="R2000")
    doc.header["$DWGCODEPAGE"] = "ANSI_1252"
    rect(msp, 0, 0, 4000, 3000)
    msp.add_text("Kjøkken/Entré", dxfattribs={"layer": "Tekst", "height": 200}).set_placement((2000, 1500))
    d = read_drawing(save(doc, tmp_path))
    assert any(t.text == "Kjøkken/Entré" for t in d.texts)
