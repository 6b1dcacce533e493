"""Performance helpers and the limits that keep one hostile plan from hanging or exhausting a machine.

Every limit has a name, a default and an environment variable; a plan that exceeds one is bad
input (:class:`~planeval.errors.LimitExceeded`, exit code 2) with one line that names the limit
and how to raise it:

=====================  ==============================  =========  =============================================
limit                  environment variable            default    what it bounds
=====================  ==============================  =========  =============================================
``time-limit``         ``PLANEVAL_TIME_LIMIT``         120 s      reading, modelling and checking one plan
``max-entities``       ``PLANEVAL_MAX_ENTITIES``       1000000    entities in the file, and primitives after
                                                                  expanding blocks (fan-out, MINSERT grids)
``max-block-depth``    ``PLANEVAL_MAX_BLOCK_DEPTH``    16         blocks nested in blocks
``max-curve-points``   ``PLANEVAL_MAX_CURVE_POINTS``   100000     points of one flattened curve, polyline or
                                                                  hatch boundary
``max-text``           ``PLANEVAL_MAX_TEXT``           100000     characters of one TEXT/MTEXT/ATTRIB
``max-file-size``      ``PLANEVAL_MAX_FILE_MB``        500 MB     the file, before it is read (ezdxf holds about
                                                                  five times a file's size while it parses it)
=====================  ==============================  =========  =============================================

>>> limits().block_depth
16
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from types import FrameType

from planeval.errors import InputError, LimitExceeded


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force (see the module docstring); ``0`` switches one off."""

    time_s: float = 120.0
    entities: int = 1_000_000
    block_depth: int = 16
    curve_points: int = 100_000
    text_chars: int = 100_000
    file_mb: int = 500


#: field -> (limit name, environment variable)
LIMIT_NAMES: dict[str, tuple[str, str]] = {
    "time_s": ("time-limit", "PLANEVAL_TIME_LIMIT"),
    "entities": ("max-entities", "PLANEVAL_MAX_ENTITIES"),
    "block_depth": ("max-block-depth", "PLANEVAL_MAX_BLOCK_DEPTH"),
    "curve_points": ("max-curve-points", "PLANEVAL_MAX_CURVE_POINTS"),
    "text_chars": ("max-text", "PLANEVAL_MAX_TEXT"),
    "file_mb": ("max-file-size", "PLANEVAL_MAX_FILE_MB"),
}


def limits() -> Limits:
    """The limits from the environment (defaults where unset). A malformed value is an :class:`InputError`."""
    values: dict[str, float | int] = {}
    for f in fields(Limits):
        name, var = LIMIT_NAMES[f.name]
        raw = os.environ.get(var, "").strip()
        if not raw:
            continue
        try:
            value = float(raw) if f.name == "time_s" else int(raw)
        except ValueError:
            raise InputError(f"{var}={raw!r}: the {name} limit must be a number") from None
        if value < 0 or value != value:
            raise InputError(f"{var}={raw!r}: the {name} limit must be 0 (off) or positive") from None
        values[f.name] = value
    return Limits(**values)  # type: ignore[arg-type]


def exceeded(field: str, what: str, path: str | Path | None = None) -> LimitExceeded:
    """The error for ``what`` going over the limit ``field`` of :class:`Limits` (names the limit and its variable)."""
    name, var = LIMIT_NAMES[field]
    value = getattr(limits(), field)
    shown = f"{value:g} s" if field == "time_s" else f"{value:,} MB" if field == "file_mb" else f"{value:,}"
    return LimitExceeded(f"{what}: over the {name} limit of {shown} (raise it with {var}=…, 0 switches it off)", path,
                         limit=name)


_armed = False  # a time limit is running: an inner one (the same plan) runs within it


class TimeUp(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` on the way can swallow it.

    :func:`time_limit` turns it into its :class:`LimitExceeded` (``error``). Should the alarm fire again
    while the first one is still unwinding the stack (freeing a large plan can take longer than the
    half second between alarms), the second one can escape the ``with`` block: the CLI's last line of
    defence catches it, calls :func:`disarm` and reports ``error`` as the one-line message."""

    def __init__(self, error: LimitExceeded) -> None:
        super().__init__(str(error))
        self.error = error


def disarm() -> None:
    """Stop a time limit's alarm (after a :class:`TimeUp` escaped its ``with`` block)."""
    global _armed
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)
    _armed = False


@contextmanager
def time_limit(seconds: float | None, path: str | Path | None = None, option: str = "--time-limit") -> Iterator[None]:
    """Stop the work inside after ``seconds`` of wall time with a :class:`LimitExceeded` naming the limit.

    ``None`` takes the ``PLANEVAL_TIME_LIMIT`` default; ``0`` or a call off the main thread (where
    signals cannot be delivered) runs without a limit. Work inside a single C call (GEOS) is
    interrupted when that call returns. Inside another ``time_limit`` (reading within checking the
    same plan) the outer one alone counts.
    """
    global _armed
    if seconds is None:
        seconds = limits().time_s
    off_main = threading.current_thread() is not threading.main_thread()
    if _armed or not seconds or seconds <= 0 or off_main or not hasattr(signal, "setitimer"):
        yield
        return
    fired = False
    error = LimitExceeded(f"reading and checking took longer than the time-limit of {seconds:g} s "
                          f"(raise it with {option} or PLANEVAL_TIME_LIMIT=…, 0 switches it off)", path, limit="time-limit")

    def alarm(signum: int, frame: FrameType | None) -> None:
        nonlocal fired
        fired = True
        signal.setitimer(signal.ITIMER_REAL, 0.5)  # again, should anything on the way have swallowed it
        raise TimeUp(error)

    def unraisable(info: sys.UnraisableHookArgs) -> None:  # the alarm in a __del__ or weakref callback:
        if not isinstance(info.exc_value, TimeUp):  # Python would print it and go on; it fires again soon
            previous_hook(info)

    previous_hook = sys.unraisablehook
    sys.unraisablehook = unraisable
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    _armed = True
    try:
        yield
    except TimeUp:
        fired = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
        _armed = False
    if fired:
        raise error


@contextmanager
def quiet_numerics() -> Iterator[None]:
    """No numpy floating-point warnings and no RuntimeWarnings (shapely's "invalid value encountered")
    on stderr: overflows become inf/NaN, which the reader and the model check for themselves; a
    warning printed before the one-line error would break the "one line on stderr" contract."""
    import warnings

    import numpy as np

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a stage allocates many small objects.

    Reading a DXF builds hundreds of thousands of objects that all stay alive; the collector's
    repeated scans of them cost 15–20 % of the time and free nothing. Reference counting still
    frees everything as usual; the collector resumes (if it was on) when the stage ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
