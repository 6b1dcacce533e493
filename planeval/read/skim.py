"""Read a DXF without parsing what planeval never looks at: the payload of proxy objects.

AutoCAD's vertical products (Architecture, Civil 3D, MEP, Map 3D) save their own objects as
``ACAD_PROXY_OBJECT`` records in the OBJECTS section: opaque binary chunks (group code 310) that
ezdxf keeps as raw tags and planeval never reads. In a real export they can be most of the file
(3,077 of them, half of its 122,000 tags, in the 3.4 MB building001 plan), and ezdxf spends the
same time per tag on them as on the walls. Each such record is cut down to its common part (type,
handle, reactors, owner: everything before its first subclass marker, group code 100), so every
handle and owner link stays valid and nothing else of the document changes; then the text is
handed to ezdxf exactly as ``ezdxf.readfile`` would (same encoding detection, universal newlines,
``surrogateescape``).

Only a well-formed ASCII file is skimmed; anything unusual (binary DXF, no OBJECTS section, a
record that does not end where expected) returns ``None`` and the caller reads the file as before.

>>> head = b"  0\\nSECTION\\n  2\\nOBJECTS\\n"
>>> proxy = b"  0\\nACAD_PROXY_OBJECT\\n  5\\n2A\\n330\\n1F\\n100\\nAcDbProxyObject\\n 90\\n499\\n310\\n00FF\\n"
>>> tail = b"  0\\nDICTIONARY\\n  5\\n2B\\n  0\\nENDSEC\\n  0\\nEOF\\n"
>>> skim(head + proxy + tail) == head + b"  0\\nACAD_PROXY_OBJECT\\n  5\\n2A\\n330\\n1F\\n" + tail
True
>>> skim(head + tail) is None  # nothing to skim
True
"""

from __future__ import annotations

import io
import re
from pathlib import Path

_OBJECTS = re.compile(rb"^[ \t]*0\r?\n[ \t]*SECTION[ \t]*\r?\n[ \t]*2\r?\n[ \t]*OBJECTS[ \t]*\r?$", re.MULTILINE)
# each pattern starts with the newline before its line (a literal: the regex engine scans fast) and
# matches that line; code lines are integers, so "0" + "ACAD_PROXY_OBJECT" can only be a real code/value pair
_PROXY = re.compile(rb"\n[ \t]*0\r?\nACAD_PROXY_OBJECT[ \t]*\r?\n")
_CODE_0 = re.compile(rb"\n[ \t]*0\r?(?=\n)")
_CODE_100 = re.compile(rb"\n[ \t]*100\r?(?=\n)")
_ENDSEC = re.compile(rb"\n[ \t]*0\r?\nENDSEC[ \t]*\r?(?=\n)")


def _aligned(data: bytes, pattern: re.Pattern[bytes], start: int, end: int) -> int:
    """The start of the first line matched by ``pattern`` in ``data[start:end]`` that is a code line (an
    even number of lines after ``start``, which begins a code line); -1 when there is none."""
    lines, last = 0, start
    for m in pattern.finditer(data, start - 1, end):
        line = m.start() + 1
        lines += data.count(b"\n", last, line)
        last = line
        if lines % 2 == 0:
            return line
    return -1


def skim(data: bytes) -> bytes | None:
    """``data`` with each proxy object's payload cut (see the module docstring), or ``None`` when there is
    nothing to cut or the file is not plain enough to cut safely."""
    if b"ACAD_PROXY_OBJECT" not in data:
        return None
    section = _OBJECTS.search(data)
    if section is None:
        return None
    end = _aligned(data, _ENDSEC, section.end() + 1, len(data))
    if end < 0:
        return None
    out: list[bytes] = []
    pos = section.end() + 1  # the line after "OBJECTS"
    kept = 0
    cut = 0
    while True:
        m = _PROXY.search(data, pos - 1, end)
        if m is None:
            break
        body = m.end()  # the code line after the type name
        nxt = _aligned(data, _CODE_0, body, len(data))
        if not body <= nxt <= end:
            return None
        sub = _aligned(data, _CODE_100, body, nxt)
        if sub >= 0:
            out.append(data[kept:sub])
            kept = nxt
            cut += 1
        pos = nxt
    if not cut:
        return None
    out.append(data[kept:])
    return b"".join(out)


def read_skimmed(path: Path, data: bytes, encoding: str | None) -> object | None:
    """The ezdxf document of ``path`` (its bytes ``data``) read as ``ezdxf.readfile(path, encoding)`` would,
    from the skimmed text; ``None`` when there is nothing to skim. Parser errors propagate (the caller
    then reads the file as it is)."""
    reduced = skim(data)
    if reduced is None:
        return None
    import ezdxf
    from ezdxf.filemanagement import dxf_file_info
    from ezdxf.lldxf.validator import is_dxf_file
    from ezdxf.tools.codepage import is_supported_encoding

    name = str(path)
    if not is_dxf_file(name):
        return None
    info = dxf_file_info(name)
    if encoding is not None:
        info.encoding = encoding
    # as readfile's open(mode="rt", errors="surrogateescape"): the same codec, universal newlines
    doc = ezdxf.read(io.StringIO(reduced.decode(info.encoding, errors="surrogateescape"), newline=None))
    doc.filename = name
    if encoding is not None and is_supported_encoding(encoding):
        doc.encoding = encoding
    return doc
