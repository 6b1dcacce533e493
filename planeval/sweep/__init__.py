"""Sweeps: many plans × rule-set variants, measured once per plan, judged many times, into tables.

>>> from planeval.sweep import sweep                                  # doctest: +SKIP
>>> sweep(["samples/dxf"], ["tek17"], ["turning-space.diameter_mm=1300:1600:50"], "out.duckdb")  # doctest: +SKIP

Modules: :mod:`~planeval.sweep.grid` (``--vary`` axes and their product),
:mod:`~planeval.sweep.variants` (derived rule sets with stable ids), :mod:`~planeval.sweep.worker`
(one plan, one Context, every variant), :mod:`~planeval.sweep.critical` (where verdicts flip),
:mod:`~planeval.sweep.tables` (the documented tables), :mod:`~planeval.sweep.store` (DuckDB,
Parquet, CSV; resume) and :mod:`~planeval.sweep.execute` (process pool or Dask, progress).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planeval.sweep.grid import Axis, expand, parse_vary
from planeval.sweep.variants import Variant, derive, variant_id, variants_of

__all__ = ["Axis", "Variant", "parse_vary", "expand", "derive", "variant_id", "variants_of", "sweep"]


def sweep(plans: Sequence[str], rules: Sequence[str], vary: Sequence[str], out: str | Path, *, fmt: str = "duckdb",
          jobs: int | None = None, scheduler: Any = None, time_limit: float | None = None, quiet: bool = True,
          options: tuple[tuple[str, Any], ...] = (), shrink: bool = False, min_grade: str | None = None,
          building: Any = None) -> Any:
    """Run a sweep (as ``planeval sweep``) and return its :class:`~planeval.sweep.execute.SweepSummary`.

    ``building``: True (the plans are one building, as ``--building``) or a :class:`planeval.config.Building`."""
    from planeval.ruleset import load_ruleset
    from planeval.sweep.execute import collect_plans, run_sweep
    from planeval.sweep.store import open_store

    variants = variants_of([load_ruleset(r) for r in rules], [parse_vary(v) for v in vary])
    files = collect_plans(plans)
    if building is True:
        from planeval.config import Building

        building = Building(None, tuple(None for _ in files))
    with open_store(out, fmt) as store:
        return run_sweep(files, variants, store, jobs=jobs, scheduler=scheduler, time_limit=time_limit, quiet=quiet,
                         options=options, shrink=shrink, min_grade=min_grade, building=building or None)
