"""File paths as reports print them: independent of how the path was typed and of the machine.

* a file is shown relative to the working directory, after resolving it (``plans/a.dxf``,
  ``./plans/../plans/a.dxf`` and ``/home/me/project/plans/a.dxf`` all print ``plans/a.dxf``), with
  ``/`` as the separator; a file outside the working directory gets ``../`` steps;
* a bundled rule set is shown as ``bundled:<name>.toml``, not as where planeval happens to be installed.

>>> display_path("planeval/../planeval/report/paths.py") == display_path(Path("planeval/report/paths.py").resolve())
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["display_path", "display_rule_path"]


def display_path(path: str | Path) -> str:
    """``path`` resolved and made relative to the working directory (``/``-separated)."""
    text = str(path)
    if not text:
        return text
    try:
        resolved = Path(text).resolve()
        rel = os.path.relpath(resolved, Path.cwd().resolve())
    except (OSError, ValueError):  # another drive (Windows), an unresolvable path
        return Path(text).as_posix()
    return Path(rel).as_posix()


def display_rule_path(path: str | Path) -> str:
    """A rule-set file of an ``extends`` chain: ``bundled:tek17.toml`` for a bundled set, else :func:`display_path`."""
    from planeval.ruleset import bundled_dir  # here: inspect, which prints plan paths only, need not load the checks

    try:
        resolved = Path(str(path)).resolve()
        if resolved.parent == bundled_dir().resolve():
            return f"bundled:{resolved.name}"
    except OSError:
        pass
    return display_path(path)
