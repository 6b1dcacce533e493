"""measure.search.bisect_max: the one bisection."""

from __future__ import annotations

import math

import pytest

from planeval.measure.search import bisect_max


def test_finds_the_largest_value_that_holds_to_the_tolerance():
    x = bisect_max(lambda v: v * v <= 2.0, 0.0, 2.0, 1e-9)
    assert x <= math.sqrt(2) < x + 1e-9


def test_never_overshoots_and_probes_log2_times():
    probes: list[float] = []

    def fits(w: float) -> bool:
        probes.append(w)
        return w <= 873.3

    x = bisect_max(fits, 0.0, 3000.0, 2.0)
    assert 873.3 - 2.0 < x <= 873.3
    assert len(probes) == math.ceil(math.log2(3000.0 / 2.0))
    assert all(0.0 < p < 3000.0 for p in probes)  # neither end is evaluated


def test_nothing_above_lo_holds_returns_lo():
    assert bisect_max(lambda v: False, 5.0, 10.0, 0.5) == 5.0
    assert bisect_max(lambda v: True, 5.0, 10.0, 0.5) == pytest.approx(10.0, abs=0.5)  # hi itself is never tested


def test_rounded_probes_repeat_exactly():
    probes: list[float] = []
    bisect_max(lambda v: probes.append(v) or v < 777.77, 2.0, 3000.0, 2.0, decimals=1)
    assert all(p == round(p, 1) for p in probes)
    # a tolerance finer than the rounding stops instead of probing the same value forever
    assert 1.0 <= bisect_max(lambda v: v < 1.05, 1.0, 1.2, 1e-6, decimals=1) <= 1.1
