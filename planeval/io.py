"""Writing outputs safely: atomically (temp file + rename), never over an input file.

Every command passes all its inputs (plans, rule-set files along their ``extends`` chain, a profile
file, a baseline, the project config) so that no output path can replace one of them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planeval.errors import InputError


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: the same resolved path (``..``, symlinks) or, for existing
    files, the same inode (a hard link)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):
        return False


def check_outputs(outputs: Iterable[tuple[str, str | Path | None]], inputs: Iterable[str | Path]) -> None:
    """Refuse, before anything is computed or written, an output that is an input or that two outputs share.

    ``outputs`` are ``(option, path)`` pairs (``("--json", "r.json")``; ``None`` and ``-`` skipped)."""
    given = [(opt, p) for opt, p in outputs if p and str(p) != "-"]
    inputs = list(inputs)
    for k, (opt, p) in enumerate(given):
        for inp in inputs:
            if same_file(inp, p):
                raise InputError(f"refusing to write {opt} over an input file", p)
        for opt2, p2 in given[:k]:
            if same_file(p2, p):
                raise InputError(f"{opt2} and {opt} name the same file", p)


def write_atomic(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` to ``path`` so that a reader never sees a half-written file.

    The data goes to a temporary file in the same directory, is flushed to disk, then renamed
    over the target (atomic on POSIX and Windows). Refuses to write over any of ``inputs``.
    """
    target = Path(path)
    for inp in inputs:
        if same_file(inp, target):
            raise InputError("refusing to write a report over an input file", target)
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
