"""planeval.read.skim: proxy objects' payload is not parsed, and the document is the same otherwise."""

from __future__ import annotations

from pathlib import Path

import ezdxf
import pytest
from ezdxf.lldxf.tagwriter import TagCollector

from planeval.diagnostics import DiagnosticLog
from planeval.read import read_drawing
from planeval.read.load import load_dxf
from planeval.read.skim import skim

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dxf" / "korttid-40-aia.dxf"
PAYLOAD = "".join(f"310\n{'0A1B2C3D' * 16}\n 90\n{k}\n" for k in range(40))  # 80 tags of opaque data


def _proxy(handle: str, owner: str) -> str:
    return (f"  0\nACAD_PROXY_OBJECT\n  5\n{handle}\n102\n{{ACAD_REACTORS\n330\n{owner}\n102\n}}\n330\n{owner}\n"
            f"100\nAcDbProxyObject\n 90\n499\n 91\n0\n 93\n{len(PAYLOAD)}\n{PAYLOAD}")


def _with_proxies(tmp_path: Path, n: int, crlf: bool = False) -> Path:
    """The sample with ``n`` proxy objects before the end of its OBJECTS section (owned by the root dictionary)."""
    text = SAMPLE.read_text(encoding="cp1252")
    doc = ezdxf.readfile(SAMPLE)
    root = doc.rootdict.dxf.handle
    seed = int(doc.header["$HANDSEED"], 16)
    objects = text.index("OBJECTS\n")
    endsec = text.index("  0\nENDSEC\n", objects)
    proxies = "".join(_proxy(f"{seed + k:X}", root) for k in range(n))
    text = text[:endsec] + proxies + text[endsec:]
    text = text.replace("$HANDSEED\n  5\n" + doc.header["$HANDSEED"], f"$HANDSEED\n  5\n{seed + n:X}")
    out = tmp_path / "with-proxies.dxf"
    out.write_bytes(text.replace("\n", "\r\n").encode("cp1252") if crlf else text.encode("cp1252"))
    return out


def _tags(doc: object) -> dict[str, list]:
    out = {}
    for handle, e in doc.entitydb.items():  # type: ignore[attr-defined]
        if e.dxftype() == "ACAD_PROXY_OBJECT":
            continue
        tc = TagCollector(dxfversion=doc.dxfversion)  # type: ignore[attr-defined]
        e.export_dxf(tc)
        out[handle] = tc.tags
    return out


@pytest.mark.parametrize("crlf", [False, True])
def test_skimmed_document_equals_readfile_but_for_the_payload(tmp_path: Path, crlf: bool) -> None:
    path = _with_proxies(tmp_path, 25, crlf)
    data = path.read_bytes()
    reduced = skim(data)
    assert reduced is not None
    assert len(reduced) < len(data) - 25 * len(PAYLOAD)  # every payload cut
    assert reduced.count(b"ACAD_PROXY_OBJECT") == 25  # the records stay, with handle and owner
    loaded = load_dxf(path, log=DiagnosticLog())
    plain = ezdxf.readfile(path)
    proxies = [e for e in loaded.doc.objects if e.dxftype() == "ACAD_PROXY_OBJECT"]  # type: ignore[attr-defined]
    assert len(proxies) == 25
    assert {e.dxf.owner for e in proxies} == {plain.rootdict.dxf.handle}
    assert _tags(loaded.doc) == _tags(plain)
    assert loaded.sha256 and loaded.size_bytes == len(data)  # of the file as it is


def test_drawing_with_proxy_objects_reads_as_without(tmp_path: Path) -> None:
    a, b = read_drawing(SAMPLE), read_drawing(_with_proxies(tmp_path, 10))
    assert len(a.segments) > 100
    for part in ("segments", "arcs", "chains", "shapes", "texts", "inserts", "layers", "views", "diagnostics", "units"):
        assert getattr(a, part) == getattr(b, part), part


def test_unusual_files_are_not_skimmed(tmp_path: Path) -> None:
    data = _with_proxies(tmp_path, 3).read_bytes()
    assert skim(SAMPLE.read_bytes()) is None  # no proxy objects
    cut = data[: data.index(b"ENDSEC", data.index(b"ACAD_PROXY_OBJECT")) - 4]  # OBJECTS never closed
    assert skim(cut) is None
    assert skim(data.replace(b"OBJECTS", b"OBJECTZ", 1)) is None  # no OBJECTS section


def test_largest_real_export(realplans: Path) -> None:
    """The 3.4 MB export whose 3,077 proxy objects are half its tags: the same document otherwise."""
    path = realplans / "ivan-mf-suen__pms-app__building001-0_floor3.dxf"
    if not path.is_file():
        pytest.skip("building001 export absent")
    data = path.read_bytes()
    reduced = skim(data)
    assert reduced is not None and len(reduced) < 0.5 * len(data)
    loaded = load_dxf(path, log=DiagnosticLog())
    assert _tags(loaded.doc) == _tags(ezdxf.readfile(path))


def test_whole_document_keeps_the_payload(tmp_path: Path) -> None:
    """The DXF overlay writes a copy of the drawing from ``load_dxf(whole=True)`` (model.source.reopen): it
    keeps every proxy object as it was."""
    path = _with_proxies(tmp_path, 3)

    def payload(doc: object) -> list[int]:
        out = []
        for e in doc.objects:  # type: ignore[attr-defined]
            if e.dxftype() == "ACAD_PROXY_OBJECT":
                tc = TagCollector(dxfversion=doc.dxfversion)  # type: ignore[attr-defined]
                e.export_dxf(tc)
                out.append(sum(1 for t in tc.tags if t.code == 310))
        return out

    assert payload(load_dxf(path, log=DiagnosticLog()).doc) == [0, 0, 0]
    assert payload(load_dxf(path, log=DiagnosticLog(), whole=True).doc) == [40, 40, 40]
