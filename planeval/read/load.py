"""Open a DXF file with ezdxf: classify bad input, fall back to recover mode, pick the encoding.

Everything that can go wrong with the *file* is turned into an :class:`InputError` with one
sentence naming the cause; repairs and guesses become diagnostics.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from planeval.diagnostics import DiagnosticLog
from planeval.errors import InputError, PlanevalError
from planeval.perf import exceeded, limits

BINARY_SENTINEL = b"AutoCAD Binary DXF\r\n\x1a\x00"

#: Magic numbers of files people mistake for DXF, with what to tell them.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"AC10", "is a DWG file, not DXF: export it as DXF from your CAD program"),
    (b"%PDF", "is a PDF file, not DXF"),
    (b"\x89PNG", "is a PNG image, not DXF"),
    (b"\xff\xd8\xff", "is a JPEG image, not DXF"),
    (b"PK\x03\x04", "is a ZIP archive (or DOCX/XLSX/IFCZIP), not DXF"),
    (b"ISO-10303-21", "is an IFC/STEP file, not DXF"),
    (b"<?xml", "is an XML file, not DXF"),
    (b"<svg", "is an SVG file, not DXF"),
)

#: What ezdxf's parser may raise on a damaged file. It parses untrusted bytes, so anything but running out
#: of memory (or planeval's own errors) means "this file cannot be read": StopIteration from a header cut
#: in a value, RecursionError from nested structures, OverflowError from huge numbers, DXFError, …
PARSER_ERRORS = (Exception,)

_CODEPAGE_RE = re.compile(rb"\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*(\S+)")


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """An ezdxf document plus what we learnt while opening it."""

    doc: object  # ezdxf.document.Drawing (kept untyped so that importing this module stays cheap)
    sha256: str
    size_bytes: int
    binary: bool
    encoding: str
    recovered: bool
    truncated: bool = False  # an ASCII file without the closing EOF tag


class _Capture(logging.Handler):
    """Collects ezdxf's log warnings while a file loads (they become diagnostics)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _classify_head(path: Path, head: bytes) -> None:
    """Raise InputError when the first bytes show the file is not DXF at all."""
    stripped = head.lstrip()
    for magic, why in _FOREIGN_MAGIC:
        if stripped.startswith(magic):
            raise InputError(why, path)
    if head.startswith(BINARY_SENTINEL):
        return
    # ASCII DXF: pairs of lines "group code / value"; the first code is 0 (or 999 for a comment).
    text = head.decode("latin-1", errors="replace")
    lines = text.splitlines()
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    if first not in {"0", "999"}:
        shown = first[:40].encode("unicode_escape").decode("ascii")
        raise InputError(f"not a DXF file (it starts with {shown!r}, a DXF starts with group code 0)", path)
    if b"SECTION" not in head and b"EOF" not in head:
        raise InputError("not a DXF file (no SECTION in its first bytes)", path)


def detect_encoding(data: bytes) -> str | None:
    """Guess the encoding of a DXF that does not declare one ($DWGCODEPAGE missing).

    Returns ``None`` when the file declares a code page, holds only ASCII, or looks like Western
    8-bit text (ezdxf's cp1252 default is then right). Western text has isolated high bytes that
    are Latin letters next to ASCII letters (``Kjøkken``); CJK text does not. Among the CJK
    candidates that decode strictly, kana decide for Shift-JIS (cp932), otherwise GBK.

    >>> detect_encoding("0\\nTEXT\\n1\\nKjøkken og Entré\\n".encode("cp1252")) is None
    True
    >>> detect_encoding("0\\nTEXT\\n1\\n".encode() + "基準線グリッド".encode("cp932"))
    'cp932'
    >>> detect_encoding("0\\nTEXT\\n1\\n".encode() + "墙体门窗".encode("gbk"))
    'gbk'
    """
    if _CODEPAGE_RE.search(data[:200_000]):
        return None
    high = [m.start() for m in re.finditer(rb"[\x80-\xff]", data)]
    if not high:
        return None
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    latin = 0
    for i in high:
        ch = bytes([data[i]]).decode("cp1252", errors="replace")
        before = data[i - 1 : i] if i > 0 else b""
        after = data[i + 1 : i + 2]
        isolated = not (before and before[0] >= 0x80) and not (after and after[0] >= 0x80)
        beside_letter = (before.isalpha() if before else False) or (after.isalpha() if after else False)
        if isolated and beside_letter and ch.isalpha():
            latin += 1
    if latin > 0.5 * len(high):
        return None
    decoded: dict[str, str] = {}
    for enc in ("cp932", "gbk"):
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not decoded:
        return None
    if "cp932" in decoded and re.search(r"[\u3040-\u30ff]", decoded["cp932"]):
        return "cp932"
    return "gbk" if "gbk" in decoded else "cp932"


def load_dxf(path: str | Path, *, encoding: str | None = None, log: DiagnosticLog, whole: bool = False) -> LoadedDocument:
    """Read ``path`` into an ezdxf document (never writes to it).

    Order: file checks -> magic bytes -> ``ezdxf.readfile`` (without the payload of proxy objects,
    :mod:`planeval.read.skim`, unless ``whole``: a copy of the drawing is written from it) -> on a
    structure error ``ezdxf.recover.readfile`` with its fixes listed as diagnostics.
    """
    import ezdxf
    from ezdxf import recover

    p = Path(path)
    if not p.exists():
        raise InputError("file not found", p)
    if p.is_dir():
        raise InputError("is a directory, not a DXF file", p)
    _check_size(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", p) from None
    if not data.strip():
        raise InputError("empty file", p)
    _classify_head(p, data[:4096])
    binary = data.startswith(BINARY_SENTINEL)
    truncated = not binary and not data.rstrip()[-16:].upper().endswith(b"EOF")
    if truncated:
        log.warning("dxf-truncated", "the file ends without the EOF tag: it was cut off; what could be read is used")
    _count_objects(p, data, binary)
    sha = hashlib.sha256(data).hexdigest()
    if encoding is None and not binary:
        guessed = detect_encoding(data)
        if guessed and guessed != "utf-8":
            encoding = guessed
            log.warning("encoding-guessed", f"no $DWGCODEPAGE in the header; text decoded as {guessed}")

    capture = _Capture()
    ezdxf_logger = logging.getLogger("ezdxf")
    ezdxf_logger.addHandler(capture)
    old_propagate = ezdxf_logger.propagate
    ezdxf_logger.propagate = False
    recovered = False
    try:
        try:
            doc = None if whole else _skimmed(p, data, binary, encoding, capture)
            if doc is None:
                doc = ezdxf.readfile(p, encoding=encoding) if encoding else ezdxf.readfile(p)
            _model_space(doc)
        except MemoryError:
            raise
        except PARSER_ERRORS as exc:
            log.warning("dxf-recover", f"ezdxf could not read the file normally ({_short(exc)}); opened it in recover mode")
            try:
                doc, auditor = recover.readfile(p)
                _model_space(doc)
            except MemoryError:
                raise
            except PARSER_ERRORS as exc2:
                raise InputError(f"corrupt or truncated DXF, even recover mode failed ({_short(exc2)})", p) from None
            recovered = True
            for fix in auditor.fixes:
                log.warning("dxf-repaired", f"repaired: {_clean(fix.message)}")
            for err in auditor.errors:
                log.warning("dxf-damaged", f"damaged: {_clean(err.message)}")
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", p) from None
    finally:
        ezdxf_logger.removeHandler(capture)
        ezdxf_logger.propagate = old_propagate
    for message in dict.fromkeys(capture.messages):
        log.warning("dxf-warning", f"ezdxf: {_clean(message)}")
    return LoadedDocument(
        doc=doc,
        sha256=sha,
        size_bytes=len(data),
        binary=binary,
        encoding=str(getattr(doc, "encoding", encoding or "cp1252")),
        recovered=recovered,
        truncated=truncated,
    )


def _skimmed(path: Path, data: bytes, binary: bool, encoding: str | None, capture: _Capture) -> object | None:
    """The document read without the payload of its proxy objects (:mod:`planeval.read.skim`: the same
    document for everything planeval reads, less parsing); ``None`` when there is nothing to skim or that
    reading fails (the file is then read as it is, with the messages of that reading only)."""
    from planeval.read.skim import read_skimmed

    if binary:
        return None
    try:
        doc = read_skimmed(path, data, encoding)
        if doc is not None:
            _model_space(doc)
        return doc
    except (MemoryError, PlanevalError):
        raise
    except PARSER_ERRORS:
        capture.messages.clear()
        return None


_OBJECT_START = re.compile(rb"^[ \t]*0\r?\n[A-Z][A-Z0-9_]*\r?$", re.MULTILINE)  # group code 0 and a type name


def _check_size(path: Path) -> None:
    """Refuse, before reading a byte, a file over the ``max-file-size`` limit (a 1 GB file took 125 s and 5 GB
    of memory to reach the entity limit)."""
    cap = limits().file_mb
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it will say why
    if cap and size > cap * 1_000_000:
        raise exceeded("file_mb", f"the file is {size / 1e6:,.0f} MB", path)


def _count_objects(path: Path, data: bytes, binary: bool) -> None:
    """Refuse, before ezdxf builds them, more objects (entities, vertices, table entries) than the
    ``max-entities`` limit: ezdxf spends about 1 kB and tens of µs on each."""
    cap = limits().entities
    if binary or not cap or len(data) < 12 * cap or data.count(b"\n") < 2 * cap:  # an object takes 2+ lines, 12+ bytes
        return
    n = sum(1 for _ in _OBJECT_START.finditer(data))
    if n > cap:
        raise exceeded("entities", f"the file holds {n:,} objects", path)


def _model_space(doc: object) -> None:
    """Fail now, while recover mode can still be tried, when the document has no usable model space
    (a layout dictionary without the Model layout raises KeyError deep in ezdxf)."""
    try:
        doc.modelspace()  # type: ignore[attr-defined]
    except (MemoryError, PlanevalError):
        raise
    except Exception as exc:  # noqa: BLE001 - see PARSER_ERRORS
        raise ValueError(f"no model space: {_short(exc)}") from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _clean(text[:160])


def _clean(text: str) -> str:
    """One printable line: no lone surrogates, no control characters (ezdxf quotes the bytes it choked on)."""
    return "".join(ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else "\ufffd" for ch in text)
