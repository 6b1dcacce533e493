"""Benchmark: what the rectangular wheelchair (RE01's configuration space over orientations) costs.

For every bundled sample (or the DXF files given), the CPU time of the wheelchair-reachability rule
of ``tek17`` on a fresh Context, judged as a disc only (``wheelchair_length_mm = 0``) and as the
700 × 1200 mm chair turning in steps of 5° and 10°; medians of N runs, process time (steadier
than wall time on a shared machine). Also how many rooms the chair reaches that the disc does not
judge differently. Not a test: ``.venv/bin/python bench/bench_reach.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from planeval.engine import judge_plan
    from planeval.measure import Context
    from planeval.model import build_plan
    from planeval.read import read_drawing
    from planeval.ruleset import load_ruleset

    files = args.files or sorted((ROOT / "samples" / "dxf").glob("*.dxf"))
    rs = load_ruleset("tek17")
    rc = rs.rules["wheelchair-reachability"]
    variants = {"disc": {"wheelchair_length_mm": 0.0}, "chair 5°": {"angle_step_deg": 5.0}, "chair 10°": {"angle_step_deg": 10.0}}
    print(f"{'plan':28s} " + " ".join(f"{v:>11s}" for v in variants) + "   RE01 fails (disc → chair 5°)")
    totals = dict.fromkeys(variants, 0.0)
    for path in files:
        plan = build_plan(read_drawing(path))
        cells, fails = [], []
        for name, over in variants.items():
            one = dataclasses.replace(rs, rules={rc.rule: dataclasses.replace(rc, params=dataclasses.replace(rc.params, **over))})
            times = []
            for _ in range(args.runs):
                ctx = Context(plan)
                t = time.process_time()
                found = judge_plan(ctx, one)
                times.append(time.process_time() - t)
            med = statistics.median(times)
            totals[name] += med
            cells.append(f"{med:10.2f}s")
            if name != "chair 10°":
                fails.append(sum(1 for f in found if f.failing))
        print(f"{path.stem:28s} " + " ".join(cells) + f"   {fails[0]} → {fails[1]}")
    print(f"{'total':28s} " + " ".join(f"{totals[v]:10.2f}s" for v in variants))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
