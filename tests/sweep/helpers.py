"""Helpers of the sweep tests: the samples they sweep, table contents without the timing columns."""

from __future__ import annotations

from typing import Any

from planeval.sweep.store import connect_results
from planeval.sweep.tables import TABLES
from sampleplans import SAMPLES, sample_plan

__all__ = ["SAMPLES", "BRUTE_FORCE", "brute_force_plans", "contents"]

#: the samples the brute-force tests judge: a one-bedroom unit (rectangle passes at large diameters),
#: a tight bathroom (failures), four units on a corridor (a balcony, small and large units)
BRUTE_FORCE = ("korttid-40-aia", "omsorg-tightbath-nordic", "korridor-4units-aia")
TIMING = {"seconds"}


def brute_force_plans() -> dict[str, Any]:
    return {n: sample_plan(n) for n in BRUTE_FORCE}


def contents(path: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table as sorted rows, timing columns left out (they differ from run to run)."""
    con = connect_results(path)
    out = {}
    for table, cols in TABLES.items():
        names = [c for c, _ in cols if c not in TIMING]
        rows = con.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    con.close()
    return out
