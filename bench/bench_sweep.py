"""Benchmark: what a sweep's variants cost, and what a second worker gains.

1. **Variants** — a sweep of one sample under 20 variants of a parameter against the same sweep
   under 1 variant, in this process (``--jobs 0``: no pool start-up in either), from reading the
   DXF to the rows stored in DuckDB. "Measure once, judge many" makes the ratio small; the target
   is ≤ 1.5×. Median CPU time of interleaved runs (steadier than wall time on a shared machine).
2. **Workers** — the samples folder, and then the samples with the sample building's four floors
   (13 plans: a project's folder), under 20 variants on a pool of 2 workers against 1 worker:
   wall time (the point of a second worker), median of interleaved runs. Needs 2 free cores to
   approach 2×, so the bench first measures what the machine gives right now: the work two
   spinning processes do in a few seconds against one (``parallel capacity``; 2.0 on two idle
   cores, about 1.0 when other work leaves the equivalent of one core). The sweep's speed-up can
   only be read against it; the load average is printed beside both.

Not a test: ``python bench/bench_sweep.py`` (add ``--quick`` for fewer runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "dxf"
BUILDING = ROOT / "samples" / "building"
GRIDS = {
    "turning-space.diameter_mm": ("1500", "1100:2050:50"),
    "passage-width.width_mm": ("900", "700:1650:50"),
    "door-clear-width.internal_min_mm": ("760", "700:1650:50"),
}


def timed(fn, clock) -> float:
    t = clock()
    fn()
    return clock() - t


def one_sweep(plans: list[str], vary: str, jobs: int) -> None:
    from planeval.sweep import sweep

    with tempfile.TemporaryDirectory() as d:
        sweep(plans, ["tek17"], [vary], Path(d) / "r.duckdb", jobs=jobs)


def variants_ratio(sample: Path, key: str, runs: int) -> tuple[float, float]:
    one, twenty = GRIDS[key]
    a, b = [], []
    for _ in range(runs):
        a.append(timed(lambda: one_sweep([str(sample)], f"{key}={one}", 0), time.process_time))
        b.append(timed(lambda: one_sweep([str(sample)], f"{key}={twenty}", 0), time.process_time))
    return statistics.median(a), statistics.median(b)


def _spin(seconds: float) -> int:
    t, n = time.perf_counter(), 0
    while time.perf_counter() - t < seconds:
        n += 1
    return n


def parallel_capacity(seconds: float = 3.0) -> float:
    """The work two busy processes do against one, now: what a second worker can gain on this machine."""
    import multiprocessing

    one = _spin(seconds)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        two = sum(pool.map(_spin, [seconds, seconds]))
    return two / one


def workers_ratio(runs: int, folders: list[Path]) -> tuple[float, float]:
    vary = f"turning-space.diameter_mm={GRIDS['turning-space.diameter_mm'][1]}"
    plans = [str(f) for f in folders]
    a, b = [], []
    for _ in range(runs):
        a.append(timed(lambda: one_sweep(plans, vary, 1), time.perf_counter))
        b.append(timed(lambda: one_sweep(plans, vary, 2), time.perf_counter))
    return statistics.median(a), statistics.median(b)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sample", type=Path, default=SAMPLES / "korridor-4units-aia.dxf")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="3 runs of the variant ratios, 1 of the workers")
    ap.add_argument("--no-workers", action="store_true", help="only the variant ratios (part 1)")
    args = ap.parse_args()
    runs = 3 if args.quick else args.runs
    import os

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"sample {args.sample.name}; {os.cpu_count()} cores, load average {load} (others' work shares them); "
          f"median of {runs} interleaved runs")
    print(f"{'varied parameter':<36} {'1 variant s':>11} {'20 variants s':>13} {'ratio':>6}")
    for key in GRIDS:
        t1, t20 = variants_ratio(args.sample, key, runs)
        print(f"{key:<36} {t1:>11.2f} {t20:>13.2f} {t20 / t1:>6.2f}")
    if args.no_workers:
        return 0
    w_runs = 1 if args.quick else max(1, runs // 2)
    sets = [("the samples folder", [SAMPLES])]
    if list(BUILDING.glob("*.dxf")):
        sets.append(("the samples and the sample building's 4 floors", [SAMPLES, BUILDING]))
    for name, folders in sets:
        cap, load0 = parallel_capacity(), os.getloadavg()[0]
        t1, t2 = workers_ratio(w_runs, folders)
        cap_after, load1 = parallel_capacity(), os.getloadavg()[0]
        n = sum(len(list(f.glob("*.dxf"))) for f in folders)
        print(f"\n{name} ({n} plans × 20 variants), wall time: 1 worker {t1:.2f} s, 2 workers {t2:.2f} s, "
              f"speed-up {t1 / t2:.2f}× (median of {w_runs}); load average {load0:.1f} -> {load1:.1f}; "
              f"parallel capacity of the machine (2 busy processes / 1) {cap:.2f} before, {cap_after:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
