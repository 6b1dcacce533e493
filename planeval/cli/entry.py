"""The process entry of the ``planeval`` command (and of ``python -m planeval``).

It runs the command line, then ends the process with :func:`os._exit` once everything the run wrote
is out (the ``atexit`` handlers run, stdout and stderr are flushed). A normal interpreter exit would
then tear the interpreter down object by object: the ezdxf document of a large export, the plan model
and every imported module, only to give the memory back to an operating system that reclaims it
anyway. On the largest real export that teardown is 0.17 s of a 1.35 s ``inspect`` (median of 15
paired runs). mypy ends its command line the same way, for the same reason.

The normal exit is kept whenever something could still be running: another thread, or a child
process. Tests call :data:`planeval.cli.main` (click's runner), never this function.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

from planeval.cli.common import EXIT_PIPE_CLOSED, main


def run() -> NoReturn:
    """Run the command line and end the process with its exit code."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _status(exc.code)
    end(code)


def end(code: int) -> NoReturn:
    """End the process with ``code``: the ``atexit`` handlers run and the console streams are flushed
    first; the interpreter's teardown is skipped unless a thread or a child process is still alive."""
    if threading.active_count() > 1 or _children():
        sys.exit(code)
    atexit._run_exitfuncs()  # what the interpreter's own exit would run first (logging's flush among them)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away after the last write: nothing more to tell it
            code = code or EXIT_PIPE_CLOSED
        except (OSError, ValueError, AttributeError):  # a closed or detached stream
            pass
    os._exit(code)


def _status(value: object) -> int:
    """``SystemExit.code`` as an exit status, the way the interpreter reads it (``None`` is 0; any other
    non-integer is printed to stderr and gives 1)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    print(value, file=sys.stderr)
    return 1


def _children() -> bool:
    """Whether this process started child processes that are still running (only when multiprocessing,
    which the sweep uses, was imported at all)."""
    mp = sys.modules.get("multiprocessing")
    if mp is None:
        return False
    try:
        return bool(mp.active_children())
    except (OSError, ValueError):
        return True
