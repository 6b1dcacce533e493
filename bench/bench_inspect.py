"""Benchmark: `planeval inspect` time against bare `ezdxf.readfile` on the same file.

Prints, for the largest real export in ../shared/realplans (or the files given), the median CPU
time of N interleaved runs of each and their ratio. In-process timings (imports excluded), so that
the ratio measures what planeval adds to reading the file. Not a test: run `make bench`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = ROOT.parent / "shared" / "realplans"


def timed_pair(base, ours, runs: int) -> tuple[float, float]:
    """Medians of CPU time (process_time: steadier than wall time on a shared machine), the two
    interleaved so that drift in machine speed hits both alike."""
    a, b = [], []
    for _ in range(runs):
        t = time.process_time()
        base()
        a.append(time.process_time() - t)
        t = time.process_time()
        ours()
        b.append(time.process_time() - t)
    return statistics.median(a), statistics.median(b)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--all", action="store_true", help="every real export, not only the largest")
    args = ap.parse_args()
    import ezdxf

    from planeval.model import build_plan
    from planeval.read import read_drawing

    files = args.files
    if not files:
        if not REALPLANS.is_dir():
            print(f"no files given and {REALPLANS} is absent", file=sys.stderr)
            return 2
        dxfs = sorted(REALPLANS.glob("*.dxf"), key=lambda p: p.stat().st_size, reverse=True)
        files = dxfs if args.all else dxfs[:1]
    print(f"{'file':<52} {'MB':>5} {'readfile cpu s':>10} {'inspect cpu s':>10} {'ratio':>6}")
    for f in files:

        def inspect(f: Path = f) -> None:
            try:
                build_plan(read_drawing(f))
            except Exception as exc:  # noqa: BLE001 - a file without rooms still costs its reading
                if "no rooms recognised" not in str(exc):
                    raise

        base, ours = timed_pair(lambda f=f: ezdxf.readfile(f), inspect, args.runs)
        print(f"{f.name[:52]:<52} {f.stat().st_size / 1e6:5.2f} {base:10.3f} {ours:10.3f} {ours / base:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
