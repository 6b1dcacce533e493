"""Writing outputs safely: atomically (temp file + rename), never over an input file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planeval.errors import InputError


def write_atomic(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` to ``path`` so that a reader never sees a half-written file.

    The data goes to a temporary file in the same directory, is flushed to disk, then renamed
    over the target (atomic on POSIX and Windows). Refuses to write over any of ``inputs``.
    """
    target = Path(path)
    resolved = target.resolve()
    for inp in inputs:
        try:
            if Path(inp).resolve() == resolved:
                raise InputError("refusing to write a report over an input file", target)
        except OSError:
            continue
    if target.is_dir():
        raise InputError("output path is a directory", target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the output directory ({exc.strerror})", parent) from None
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", target) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); reports are for sharing: honour the umask like open() does
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target
