"""The one bisection: the largest value for which a monotone predicate holds.

Widest passage, widest wheelchair, largest circle touching a target, largest rectangle of given
proportions, largest circle beside a bed: each is "the largest x such that it still fits", and
fitting is monotone in x (what fits at x fits at every smaller x). :func:`bisect_max` is that
search; the callers say what fits.

>>> bisect_max(lambda x: x * x <= 2.0, 0.0, 2.0, 1e-6)  # doctest: +ELLIPSIS
1.41421...
>>> bisect_max(lambda x: x <= 900, 0.0, 3000.0, 2.0, decimals=1) <= 900 < bisect_max(lambda x: x <= 900, 0.0, 3000.0, 2.0) + 2
True
>>> bisect_max(lambda x: False, 5.0, 10.0, 0.5)  # nothing above lo holds: lo
5.0
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["bisect_max"]


def bisect_max(predicate: Callable[[float], object], lo: float, hi: float, tol: float, *, decimals: int | None = None) -> float:
    """The largest x in [lo, hi] where ``predicate`` holds, to within ``tol``, assuming it is
    monotone: true up to some x*, false above.

    ``predicate(lo)`` is taken to hold and ``predicate(hi)`` to fail; neither is evaluated (a
    caller for whom ``hi`` may hold tests it first). Returns x with x ≤ x* < x + ``tol``: the last
    probe that held, or ``lo`` when none did. Probes are midpoints, rounded to ``decimals`` when
    given (so that probes repeat exactly and memoised measurements keyed by them are reused).
    """
    good, bad = lo, hi
    while bad - good > tol:
        mid = (good + bad) / 2
        if decimals is not None:
            mid = round(mid, decimals)
            if not good < mid < bad:  # tol finer than the rounding: no probe left between
                break
        if predicate(mid):
            good = mid
        else:
            bad = mid
    return good
