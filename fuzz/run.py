"""The fuzz harness: hostile inputs through `planeval inspect` and `planeval check --rules tek17`.

Input ``k`` of a run with seed ``S`` is a recipe drawn from ``Random(f"{S}:{k}")``: a seeded mutation
(:mod:`fuzz.mutators`) of a sample or real export, or a hand-made hostile file (:mod:`fuzz.hostile`).
Each input runs both commands in a child process with a wall-time and an address-space limit
(``resource.setrlimit``) and each run is classified:

``ok``         exit 0 or 1, nothing but warnings on stderr
``rejected``   exit 2 with exactly one line on stderr (the contract for bad input)
``multiline``  exit 2 with more (or fewer) lines on stderr
``internal``   exit 3 (an internal error) — ``memory`` when the message says out of memory
``hang``       killed at the wall-time limit
``crash``      killed by a signal, or an uncaught traceback

Usage (resumable: indexes already in the JSONL are skipped)::

    python fuzz/run.py --seed 1 --start 0 --count 200 --out out/fuzz/run1.jsonl
    python fuzz/run.py --summary out/fuzz/run1.jsonl

``--mode fork`` (default) imports planeval once and forks a child per run (the child calls the
CLI's ``main`` exactly like the console script, ~1 s of start-up saved per run); ``--mode exec``
runs ``.venv/bin/planeval`` as a real subprocess.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fuzz.hostile import HOSTILE, build  # noqa: E402
from fuzz.mutators import MUTATORS, mutate  # noqa: E402

SAMPLES = ROOT / "samples" / "dxf"
REALPLANS = Path(os.environ.get("PLANEVAL_REALPLANS", ROOT.parent / "shared" / "realplans"))
COMMANDS: dict[str, list[str]] = {"inspect": ["inspect"], "check": ["check", "--rules", "tek17"]}
BAD = ("multiline", "internal", "memory", "hang", "crash")


@dataclass(frozen=True)
class Recipe:
    """How to rebuild one input: a mutation of a source file, or a hand-made hostile file."""

    kind: str  # "mutate" | "hostile" | "file"
    name: str  # mutator or hostile builder name ("" for a file)
    seed: int
    source: str = ""  # "samples/NAME.dxf" (samples/dxf) or "realplans/NAME.dxf" (mutate, file)

    def build(self) -> bytes:
        if self.kind == "hostile":
            return build(self.name, self.seed)
        data = source_path(self.source).read_bytes()
        return data if self.kind == "file" else mutate(data, self.name, self.seed)


def source_path(source: str) -> Path:
    """Where a recipe's source file is: ``samples/X`` in samples/dxf, ``realplans/X`` in the real exports."""
    folder, _, name = source.partition("/")
    return (SAMPLES if folder == "samples" else REALPLANS) / name


def source_name(path: Path) -> str:
    return f"{'samples' if path.parent == SAMPLES else 'realplans'}/{path.name}"


def sources() -> list[Path]:
    return sorted(SAMPLES.glob("*.dxf")) + sorted(REALPLANS.glob("*.dxf"))


def recipe_for(seed: int, k: int, pool: list[Path], hostile_share: float = 0.06) -> Recipe:
    """Input ``k`` of run ``seed``: ``hostile_share`` hand-made, otherwise a mutation (small files more often)."""
    rng = random.Random(f"{seed}:{k}")
    if rng.random() < hostile_share:
        return Recipe("hostile", rng.choice(sorted(HOSTILE)), rng.randrange(1 << 30))
    small = [p for p in pool if p.stat().st_size < 1_500_000]
    samples = [p for p in pool if p.parent == SAMPLES]
    r = rng.random()
    src = rng.choice(samples) if r < 0.6 and samples else rng.choice(small) if r < 0.93 else rng.choice(pool)
    name = rng.choice(sorted(MUTATORS) + ["combo", "combo"])
    return Recipe("mutate", name, rng.randrange(1 << 30), source_name(src))


@dataclass(frozen=True)
class RunResult:
    command: str
    cls: str
    rc: int | None
    signal: int | None
    seconds: float
    maxrss_mb: float
    stderr_lines: int
    stderr: str  # the first 300 characters
    stderr_tail: str = ""  # the last 2,000 of a bad run (where a traceback ends)


def classify(rc: int | None, sig: int | None, err: str, timed_out: bool) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if timed_out:
        return "hang"
    if sig is not None:
        return "crash"
    if "Traceback (most recent call last)" in err:
        return "crash"
    if rc == 3:
        return "memory" if "out of memory" in err or "MemoryError" in err else "internal"
    if rc == 2:
        return "rejected" if len(lines) == 1 else "multiline"
    if rc in (0, 1):
        return "ok"
    return "crash"


def _limits(seconds: float, mem_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    cpu = int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_forked(argv: list[str], seconds: float, mem_bytes: int, env: dict[str, str]) -> tuple[int | None, int | None, str, bool,
                                                                                                  float, float]:
    """Fork, limit, call ``planeval.cli.main(argv)``; returns rc, signal, stderr, timed out, seconds, max RSS (MB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 120
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                import io

                sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8", errors="strict")
                sys.stderr = io.TextIOWrapper(open(2, "wb", closefd=False), encoding="utf-8", errors="backslashreplace",
                                              line_buffering=True)
                os.environ.update(env)
                _limits(seconds, mem_bytes)
                import planeval.cli

                try:
                    planeval.cli.main(args=argv, prog_name="planeval")
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:  # noqa: BLE001 - what Python itself would print
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                except BaseException:  # noqa: BLE001 - the child must exit
                    pass
                os._exit(code)
        timed_out = False
        while True:
            wpid, status, usage = os.wait4(pid, os.WNOHANG)
            if wpid:
                break
            if time.monotonic() - t0 > seconds:
                os.kill(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                timed_out = True
                break
            time.sleep(0.01)
        dt = time.monotonic() - t0
        err.seek(0)
        text = err.read().decode("utf-8", errors="replace")
    rc = os.waitstatus_to_exitcode(status)
    sig = -rc if rc < 0 else None
    return (None if sig else rc), sig, text, timed_out, dt, usage.ru_maxrss / 1024


def run_exec(argv: list[str], seconds: float, mem_bytes: int, env: dict[str, str]) -> tuple[int | None, int | None, str, bool,
                                                                                                float, float]:
    t0 = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8:strict", **env}
    proc = subprocess.Popen([sys.executable, "-m", "planeval", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, preexec_fn=lambda: _limits(seconds, mem_bytes))
    try:
        _, err = proc.communicate(timeout=seconds)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        timed_out = True
    dt = time.monotonic() - t0
    rc = proc.returncode
    sig = -rc if rc is not None and rc < 0 else None
    return (None if sig else rc), sig, err.decode("utf-8", errors="replace"), timed_out, dt, 0.0


def run_input(data: bytes, workdir: Path, *, seconds: float, mem_mb: int, mode: str, env: dict[str, str],
              commands: tuple[str, ...] = tuple(COMMANDS)) -> list[RunResult]:
    """The commands (both by default) on one input; the file is written to ``workdir`` (and removed after)."""
    path = workdir / f"in-{hashlib.sha256(data).hexdigest()[:16]}.dxf"
    path.write_bytes(data)
    runner = run_forked if mode == "fork" else run_exec
    results = []
    try:
        for name in commands:
            args = COMMANDS[name]
            rc, sig, err, timed_out, dt, rss = runner([*args, str(path)], seconds, mem_mb << 20, env)
            lines = [ln for ln in err.splitlines() if ln.strip()]
            cls = classify(rc, sig, err, timed_out)
            if cls == "crash" and rss > 0.9 * mem_mb:
                cls = "memory"
            tail = err[-2000:] if cls in BAD and len(err) > 300 else ""
            results.append(RunResult(name, cls, rc, sig, round(dt, 3), round(rss, 1), len(lines), err[:300], tail))
    finally:
        path.unlink(missing_ok=True)
    return results


def _done(out: Path) -> set[int]:
    if not out.exists():
        return set()
    done = set()
    for line in out.read_text().splitlines():
        try:
            done.add(json.loads(line)["k"])
        except (ValueError, KeyError):
            continue
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "fuzz" / "run.jsonl")
    ap.add_argument("--time", type=float, default=60.0, help="wall seconds per run before it counts as a hang")
    ap.add_argument("--mem-mb", type=int, default=3072, help="address-space limit per run")
    ap.add_argument("--mode", choices=("fork", "exec"), default="fork")
    ap.add_argument("--planeval-time-limit", type=float, default=30.0,
                    help="PLANEVAL_TIME_LIMIT given to planeval (its own per-plan limit, below --time)")
    ap.add_argument("--hostile-share", type=float, default=0.06,
                    help="share of hand-made hostile files (each runs into a limit: the slowest inputs)")
    ap.add_argument("--check-every", type=int, default=1,
                    help="run `check` on every Nth input only (`inspect` runs on all): more inputs per hour")
    ap.add_argument("--save-failures", type=Path, default=ROOT / "out" / "fuzz" / "failures")
    ap.add_argument("--summary", type=Path, nargs="*", help="summarise JSONL result files and exit")
    ap.add_argument("--replay", type=Path, help="run again the inputs of this JSONL that had a bad run (or all: --all)")
    ap.add_argument("--all", action="store_true", help="with --replay: every input, not only the bad ones")
    args = ap.parse_args(argv)
    if args.summary is not None:
        print(summary(args.summary))
        return 0
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if args.mode == "fork":
        import planeval.cli  # noqa: F401 - imported once, before forking
    env = {"PLANEVAL_TIME_LIMIT": str(args.planeval_time_limit), "OPENBLAS_NUM_THREADS": "1"}
    pool = sources()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    done = _done(args.out)
    todo: list[tuple[int, Recipe]]
    if args.replay:
        rows = [json.loads(line) for line in args.replay.read_text().splitlines()]
        todo = [(r["k"], Recipe(**r["recipe"])) for r in rows
                if "runs" in r and (args.all or any(x["cls"] in BAD for x in r["runs"]))]
    else:
        todo = [(k, recipe_for(args.seed, k, pool, args.hostile_share)) for k in range(args.start, args.start + args.count)]
    with tempfile.TemporaryDirectory(prefix="planeval-fuzz-") as tmp, args.out.open("a") as fh:
        for k, recipe in todo:
            if k in done:
                continue
            try:
                data = recipe.build()
            except Exception as exc:  # noqa: BLE001 - a builder bug is not a planeval finding
                fh.write(json.dumps({"k": k, "seed": args.seed, "recipe": asdict(recipe), "build_error": repr(exc)}) + "\n")
                continue
            commands = tuple(COMMANDS) if k % max(1, args.check_every) == 0 else ("inspect",)
            results = run_input(data, Path(tmp), seconds=args.time, mem_mb=args.mem_mb, mode=args.mode, env=env,
                                commands=commands)
            row = {"k": k, "seed": args.seed, "recipe": asdict(recipe), "size": len(data),
                   "sha": hashlib.sha256(data).hexdigest()[:16], "runs": [asdict(r) for r in results]}
            fh.write(json.dumps(row, ensure_ascii=True) + "\n")
            fh.flush()
            if any(r.cls in BAD for r in results) and len(data) < 5_000_000:
                args.save_failures.mkdir(parents=True, exist_ok=True)
                (args.save_failures / f"s{args.seed}-k{k}.dxf").write_bytes(data)
    return 0


def summary(files: list[Path]) -> str:
    """Counts of inputs, runs and classes; the bad runs grouped by their first stderr line."""
    inputs = 0
    classes: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    per_input: Counter[str] = Counter()
    for f in files:
        for line in f.read_text().splitlines():
            row = json.loads(line)
            if "runs" not in row:
                continue
            inputs += 1
            worst = "ok"
            for r in row["runs"]:
                classes[r["cls"]] += 1
                if r["cls"] in BAD:
                    first = (r["stderr"].strip().splitlines() or [""])[-1][:150]
                    bad[f"{r['cls']}: {_shape(first)}"] += 1
                    worst = r["cls"]
                elif r["cls"] == "rejected" and worst == "ok":
                    worst = "rejected"
            per_input[worst] += 1
    out = [f"{inputs} inputs, {sum(classes.values())} runs", "runs: " + ", ".join(f"{k} {v}" for k, v in classes.most_common()),
           "inputs (worst run): " + ", ".join(f"{k} {v}" for k, v in per_input.most_common())]
    out += [f"  {n:5d}  {k}" for k, v in [("", 0)] for k, n in bad.most_common(40)]
    return "\n".join(out)


def _shape(line: str) -> str:
    """A stderr line without the file name, so that equal causes group together."""
    import re

    line = re.sub(r"/\S*planeval-fuzz-\S*?\.dxf", "FILE", line)
    return re.sub(r"\d+(\.\d+)?", "N", line)


if __name__ == "__main__":
    sys.exit(main())
