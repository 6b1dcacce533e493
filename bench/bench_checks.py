"""Benchmark: where `check`'s judging goes, rule by rule and kernel by kernel.

For one plan (default: the largest real export in ../shared/realplans), in-process and after the
plan is built: the CPU seconds of each plan rule of the rule set (in the engine's order, each rule
with the measurements it is the first to ask for: rules that share a measurement are charged in
that order), then of the area block and the hints, median of ``--runs`` fresh contexts; and the
wall seconds of the GEOS calls that cost most (``union_all``, ``buffer``, ``difference``,
``intersection``, ``maximum_inscribed_circle``), grouped by the planeval line that called them.
It says which check to make cheaper before the whole-process ratio of `bench_growth.py` can move.
Not a test (timings): run it by hand.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = ROOT.parent / "shared" / "realplans"
KERNELS = ("union_all", "buffer", "difference", "intersection", "maximum_inscribed_circle")


def per_rule(plan: Any, ruleset: Any, runs: int) -> tuple[dict[str, float], float, float]:
    """Median CPU seconds per plan rule, of the area block and of the hints, over ``runs`` fresh contexts."""
    from planeval.checks import CHECKS, Phase
    from planeval.engine import _rules, run
    from planeval.hints import with_hints
    from planeval.measure import Context
    from planeval.perf import quiet_numerics
    from planeval.scoring import report_area

    rules: dict[str, list[float]] = defaultdict(list)
    area, hints = [], []
    for _ in range(runs):
        ctx = Context(plan)
        with quiet_numerics():
            for rc in _rules(ruleset, Phase.PLAN):
                t = time.process_time()
                list(CHECKS[rc.rule].check(ctx, rc.params))
                rules[rc.rule].append(time.process_time() - t)
        report = run(plan, ruleset, ctx)  # the measurements are in ctx: what is left is the engine's own work
        t = time.process_time()
        report.area = report_area(report)
        area.append(time.process_time() - t)
        t = time.process_time()
        with_hints(report, ctx)
        hints.append(time.process_time() - t)
    return {k: statistics.median(v) for k, v in rules.items()}, statistics.median(area), statistics.median(hints)


def kernels(plan: Any, ruleset: Any) -> dict[tuple[str, str], list[float]]:
    """Calls and wall seconds of the costly shapely functions during one check, keyed by (function,
    the first planeval frame that called it)."""
    import shapely

    from planeval.api import check

    found: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    saved = {name: getattr(shapely, name) for name in KERNELS}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            out = fn(*args, **kwargs)
            spent = time.perf_counter() - t
            where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(traceback.extract_stack(limit=12)[:-1])
                          if "/planeval/" in f.filename.replace("\\", "/")), "?")
            entry = found[(name, where)]
            entry[0] += 1
            entry[1] += spent
            return out
        return wrapper

    try:
        for name, fn in saved.items():
            setattr(shapely, name, timed(name, fn))
        check(plan, ruleset)
    finally:
        for name, fn in saved.items():
            setattr(shapely, name, fn)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--rules", default="tek17")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--top", type=int, default=12, help="kernel call sites shown")
    args = ap.parse_args()
    f = args.file or max(REALPLANS.glob("*.dxf"), key=lambda p: p.stat().st_size, default=None)
    if f is None:
        print(f"no file given and {REALPLANS} is absent", file=sys.stderr)
        return 2
    from planeval.api import load_plan, load_ruleset

    plan = load_plan(f)
    ruleset = load_ruleset(args.rules)
    rules, area, hints = per_rule(plan, ruleset, args.runs)
    total = sum(rules.values())
    print(f"{f.name}: judging by {args.rules}, CPU s, median of {args.runs} fresh contexts")
    for rule, spent in sorted(rules.items(), key=lambda kv: -kv[1]):
        if spent >= 0.0005:
            print(f"  {rule:<28} {spent:7.3f}  {spent / total:6.1%}")
    print(f"  {'(plan rules)':<28} {total:7.3f}\n  {'(area block)':<28} {area:7.3f}\n  {'(hints)':<28} {hints:7.3f}")
    found = kernels(plan, ruleset)
    spent_geos = sum(s for _, s in found.values())
    calls = sum(n for n, _ in found.values())
    print(f"\nGEOS calls of one check, wall s ({spent_geos:.3f} s in {calls} calls of {', '.join(KERNELS)}):")
    for (name, where), (n, s) in sorted(found.items(), key=lambda kv: -kv[1][1])[:args.top]:
        print(f"  {s:7.3f}  {n:5d} × {name:<26} from {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
