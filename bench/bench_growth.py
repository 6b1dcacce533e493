"""Benchmark: whole-process cost of `planeval inspect` and `check --rules tek17` as ratios against a
bare `ezdxf.readfile` of the same file, and how the cost grows with the drawing.

Every number is a whole process (start-up imports included), run as a child and measured with
``wait4``: CPU time (user + system, steadier than wall time on a shared machine) and peak RSS.
Runs of the three commands are interleaved and the median of ``--runs`` is reported. The children
write and read byte code as an installed planeval does (a ``PYTHONDONTWRITEBYTECODE`` in the
environment would make every run compile planeval's 150 modules again; the byte code goes to a
temporary ``PYTHONPYCACHEPREFIX``, never into the tree), after one warm-up run of each command.

* **ratio**: the largest real export in ``../shared/realplans`` (or ``--file``);
* **building**: ``check`` of the sample building (``samples/building``: 46 units on 4 floors, its
  ``planeval.toml``), one process, CPU seconds (the target: under 10 s on one core);
* **growth**: the 4-unit corridor sample tiled ×1, ×10, ×50 side by side (inspect and check), and
  plans of 10,000 and 100,000 wall lines (a grid of rooms, double-line walls, a door gap in each room;
  inspect, and check with ``--check-lines``), with the CPU time per entity and the peak memory per MB
  of DXF. Plans over 3,000 entities are run once.

Not a test (timings): run ``make bench`` or ``.venv/bin/python bench/bench_growth.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = ROOT.parent / "shared" / "realplans"
CORRIDOR = ROOT / "samples" / "dxf" / "korridor-4units-aia.dxf"
PY = sys.executable
PLANEVAL = [PY, "-m", "planeval"]
BARE = [PY, "-c", "import sys, ezdxf; ezdxf.readfile(sys.argv[1])"]


PYCACHE = Path(tempfile.gettempdir()) / f"planeval-bench-pycache-{os.getuid()}"


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """CPU seconds (user + system) and peak RSS (MB) of one child process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PLANEVAL_TIME_LIMIT="0", PYTHONPYCACHEPREFIX=str(PYCACHE))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(path: Path, runs: int, commands: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Median CPU seconds and peak MB per command, the commands interleaved run by run."""
    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(run([*cmd, str(path)]))
    return {k: (statistics.median(s for s, _ in v), max(m for _, m in v)) for k, v in samples.items()}


def commands(with_check: bool = True) -> dict[str, list[str]]:
    out = {"readfile": BARE, "inspect": [*PLANEVAL, "inspect"]}
    if with_check:
        out["check"] = [*PLANEVAL, "check", "--rules", "tek17"]
    return out


def tiled(src: Path, n: int, dst: Path) -> int:
    """``src`` repeated ``n`` times side by side (each copy shifted by its width plus 2 m); returns the entity count."""
    import ezdxf
    from ezdxf import bbox

    doc = ezdxf.readfile(src)
    msp = doc.modelspace()
    originals = list(msp)
    box = bbox.extents(originals, fast=True)
    step = (box.extmax.x - box.extmin.x) + 2000.0
    for k in range(1, n):
        for e in originals:
            try:
                c = e.copy()
            except Exception:  # noqa: BLE001 - an entity ezdxf cannot copy (rare annotation types)
                continue
            c.translate(k * step, 0.0, 0.0)
            msp.add_entity(c)
    doc.saveas(dst)
    return len(msp)


def wall_grid(lines: int, dst: Path) -> int:
    """A plan of about ``lines`` wall lines: a grid of 4 × 3 m rooms with 150 mm double-line walls, a
    900 mm door gap in each room's south wall and a label; written as DXF R12 text (fast to make)."""
    per_room = 10  # 4 walls × 2 faces + the two jamb lines of the gap
    n = max(1, round((lines / per_room) ** 0.5))
    out = ["  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\nAC1009\n  9\n$INSUNITS\n 70\n4\n  0\nENDSEC\n",
           "  0\nSECTION\n  2\nENTITIES\n"]

    def line(x1: float, y1: float, x2: float, y2: float) -> None:
        out.append(f"  0\nLINE\n  8\nA-WALL\n 10\n{x1:g}\n 20\n{y1:g}\n 11\n{x2:g}\n 21\n{y2:g}\n")

    count = 0
    for i in range(n):
        for j in range(n):
            x, y, w, h, t = i * 4000.0, j * 3000.0, 4000.0, 3000.0, 75.0
            # south wall with a gap from x+1000 to x+1900, on both faces
            for yy in (y - t, y + t):
                line(x, yy, x + 1000, yy)
                line(x + 1900, yy, x + w, yy)
            line(x + 1000, y - t, x + 1000, y + t)
            line(x + 1900, y - t, x + 1900, y + t)
            for xx in (x - t, x + t):  # west wall, both faces
                line(xx, y, xx, y + h)
            count += 8
            out.append(f"  0\nTEXT\n  8\nA-ANNO-TEXT\n 10\n{x + 2000:g}\n 20\n{y + 1500:g}\n 40\n250\n  1\nSoverom\n")
    for j in range(n):  # the east edge and the north edge of the grid
        for xx in (n * 4000.0 - 75, n * 4000.0 + 75):
            line(xx, j * 3000.0, xx, (j + 1) * 3000.0)
            count += 1
    for i in range(n):
        for yy in (n * 3000.0 - 75, n * 3000.0 + 75):
            line(i * 4000.0, yy, (i + 1) * 4000.0, yy)
            count += 1
    out.append("  0\nENDSEC\n  0\nEOF\n")
    dst.write_text("".join(out))
    return count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--file", type=Path, help="the export for the ratio (default: the largest real export)")
    ap.add_argument("--skip-ratio", action="store_true")
    ap.add_argument("--skip-growth", action="store_true")
    ap.add_argument("--skip-building", action="store_true")
    ap.add_argument("--check-lines", action="store_true", help="also check (not only inspect) the wall-line plans")
    ap.add_argument("--lines", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--tiles", type=int, nargs="*", default=[1, 10, 50])
    ap.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # write the growth plans there (a child: see below)
    args = ap.parse_args()
    if args.make:
        for n in args.tiles:
            print("tiles", n, tiled(CORRIDOR, n, args.make / f"corridor-x{n}.dxf"))
        for n in args.lines:
            print("lines", n, wall_grid(n, args.make / f"walls-{n}.dxf"))
        return 0
    for cmd in commands().values():  # warm-up: the byte code written once
        run([*cmd, str(CORRIDOR)])
    if not args.skip_ratio:
        f = args.file or max(REALPLANS.glob("*.dxf"), key=lambda p: p.stat().st_size, default=None)
        if f is None:
            print(f"no --file and {REALPLANS} is absent", file=sys.stderr)
            return 2
        r = measure(f, args.runs, commands())
        base = r["readfile"][0]
        mb = f.stat().st_size / 1e6
        print(f"ratio on {f.name} ({mb:.1f} MB), CPU s, median of {args.runs} (whole process):")
        for k, (cpu, peak) in r.items():
            print(f"  {k:<9} {cpu:6.2f} s  {cpu / base:5.2f}×  peak {peak:6.0f} MB ({peak / mb:5.0f} MB per MB of DXF)")
    if not args.skip_building:
        building = ROOT / "samples" / "building"
        cpu, peak = run([*PLANEVAL, "check", "--format", "json"], building)
        mb = sum(f.stat().st_size for f in building.glob("*.dxf")) / 1e6
        print(f"\nsample building (46 units, 4 floors, {mb:.1f} MB of DXF): check {cpu:.2f} s CPU, peak {peak:.0f} MB")
    if args.skip_growth:
        return 0
    print(f"\n{'plan':<28} {'entities':>9} {'MB':>6} {'command':<9} {'CPU s':>7} {'µs/entity':>10} {'peak MB':>8} {'MB/MB':>6}")
    with tempfile.TemporaryDirectory(prefix="planeval-bench-") as tmp:
        # the plans are made in a child: a child forked from a parent that holds ezdxf documents would
        # count the parent's pages in its peak RSS
        made = subprocess.run([PY, __file__, "--make", tmp, "--tiles", *map(str, args.tiles), "--lines", *map(str, args.lines)],
                              check=True, capture_output=True, text=True).stdout.split()
        counts = {(made[i], int(made[i + 1])): int(made[i + 2]) for i in range(0, len(made), 3)}
        cases: list[tuple[str, Path, int]] = []
        for n in args.tiles:
            cases.append((f"corridor ×{n}", Path(tmp) / f"corridor-x{n}.dxf", counts[("tiles", n)]))
        for n in args.lines:
            cases.append((f"{n:,} wall lines", Path(tmp) / f"walls-{n}.dxf", counts[("lines", n)]))
        for label, path, entities in cases:
            mb = path.stat().st_size / 1e6
            with_check = entities <= 50_000 and (args.check_lines or "wall lines" not in label)
            r = measure(path, 1 if entities > 3_000 else args.runs, commands(with_check=with_check))
            for k, (cpu, peak) in r.items():
                per = cpu / entities * 1e6
                print(f"{label:<28} {entities:>9,} {mb:6.2f} {k:<9} {cpu:7.2f} {per:10.0f} {peak:8.0f} {peak / mb:6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
