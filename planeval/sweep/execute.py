"""Running a sweep: plans × variants on a local process pool or a Dask cluster, into a store.

* **Local** (default): ``concurrent.futures.ProcessPoolExecutor`` with ``jobs`` workers (all cores
  by default), started by a fork server (the main process holds DuckDB's threads; forking it would
  be unsafe). A worker that dies (a crash in a native library, the out-of-memory killer) breaks
  the pool: the plans it took down are re-run each in a fresh pool of its own (as many at a time
  as there are jobs), and the one that kills its worker again is reported (stage ``worker``) —
  the sweep goes on.
* **Dask** (``scheduler``): the same :func:`~planeval.sweep.worker.run_task` submitted to a
  ``distributed`` cluster. The plan's bytes travel with the task, so workers need not share the
  file system; they need planeval installed. The per-plan time limit is checked between variants
  there (worker threads cannot take SIGALRM).

Results are stored as each plan finishes; (plan sha256, variant) pairs already in the store are
skipped, so a re-run resumes. Progress (with an ETA) goes to stderr.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from planeval.errors import InputError
from planeval.model.recognition import MIN_GRADE
from planeval.sweep.store import Store
from planeval.sweep.variants import Variant
from planeval.sweep.worker import PlanResult, PlanTask, file_sha256, run_task

__all__ = ["collect_plans", "run_sweep", "Progress", "SweepSummary"]


def collect_plans(paths: Iterable[str]) -> list[str]:
    """DXF files named, and the ``*.dxf`` files of the folders named (sorted, not recursive)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.iterdir() if f.is_file() and f.suffix.lower() == ".dxf")
            if not found:
                raise InputError("no .dxf files in this folder", path)
            out += found
        elif path.exists():
            out.append(str(path))
        else:
            raise InputError("plan file not found", path)
    return list(dict.fromkeys(out))


def _duration(s: float) -> str:
    s = max(0, int(round(s)))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{(s % 3600) // 60:02d}m"


class Progress:
    """Plans and runs done, with an ETA: one updating line on a terminal, plain lines otherwise."""

    def __init__(self, plans: int, runs: int, stream: TextIO | None = None, tty: bool | None = None, quiet: bool = False) -> None:
        self.plans, self.runs = plans, runs
        self.done_plans = self.done_runs = self.errors = 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.quiet = quiet
        self.start = time.monotonic()

    def eta(self) -> str:
        if not self.done_runs:
            return "?"
        elapsed = time.monotonic() - self.start
        return _duration(elapsed / self.done_runs * (self.runs - self.done_runs))

    def line(self, last: str = "") -> str:
        pct = 100.0 * self.done_runs / self.runs if self.runs else 100.0
        err = f", {self.errors} failed" if self.errors else ""
        return (f"sweep: {self.done_plans}/{self.plans} plans, {self.done_runs}/{self.runs} runs ({pct:.0f}%){err}, "
                f"elapsed {_duration(time.monotonic() - self.start)}, ETA {self.eta()}" + (f" — {last}" if last else ""))

    def update(self, result: PlanResult, runs: int) -> None:
        self.done_plans += 1
        self.done_runs += runs
        self.errors += result.error is not None
        if self.quiet:
            return
        name = Path(result.path).name
        last = f"{name}: {result.error['stage']} error" if result.error else f"{name} {result.seconds:.1f}s"
        if self.tty:
            width = 24
            filled = int(width * self.done_runs / self.runs) if self.runs else width
            self.stream.write("\r\x1b[2K[" + "#" * filled + "." * (width - filled) + "] " + self.line(last))
        else:
            self.stream.write(self.line(last) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and not self.quiet and self.done_plans:
            self.stream.write("\n")
            self.stream.flush()


@dataclass(frozen=True)
class SweepSummary:
    plans: int
    variants: int
    runs: int  #: (plan, variant) pairs judged now
    skipped: int  #: pairs already in the store
    errors: int  #: plans reported in the errors table
    seconds: float
    building: int = 0  #: rows of the building table (variants judged across the building's plans)


def _tasks(plans: Sequence[str], variants: Sequence[Variant], done: set[tuple[str, str]], time_limit: float | None,
           send_data: bool, options: tuple[tuple[str, Any], ...], store: Store, shrink: bool,
           min_grade: str | None, faults: dict[str, str]) -> tuple[list[PlanTask], int, int, list[tuple[str, str]]]:
    tasks, skipped, errors, shas = [], 0, 0, []
    for path in plans:
        try:
            sha = file_sha256(path)
            data = Path(path).read_bytes() if send_data else None
        except OSError as exc:
            store.add_error({"plan": path, "sha256": None, "stage": "read", "error": type(exc).__name__,
                             "message": exc.strerror or str(exc), "seconds": 0.0})
            errors += 1
            shas.append((path, ""))
            continue
        shas.append((path, sha))
        todo = tuple(v for v in variants if (sha, v.id) not in done)
        skipped += len(variants) - len(todo)
        if todo:
            tasks.append(PlanTask(path, sha, todo, time_limit, data, options, shrink, min_grade, faults.get(Path(path).name, "")))
    return tasks, skipped, errors, shas


def _pool(jobs: int) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["planeval.sweep.worker", "planeval.api"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)


def _workers(pool: ProcessPoolExecutor) -> dict[int, Any]:
    """The pool's worker processes, the dict its manager thread also holds (CPython keeps it in
    ``_processes`` and drops the attribute at shutdown, so it is taken while the pool runs)."""
    procs = getattr(pool, "_processes", None)
    return procs if isinstance(procs, dict) else {}


def _close(pool: ProcessPoolExecutor, broken: bool, workers: dict[int, Any]) -> None:
    """Shut ``pool`` down. After a worker died, every worker still alive is killed first: CPython 3.11's
    pool, once broken, terminates the workers it knows of and then waits for all of them, and a worker
    it missed sits reading the empty call queue for ever (seen as a hung test run: the pool's manager
    thread in ``join_executor_internals``, one idle worker left). Killing it lets the wait end."""
    if broken:
        for proc in list(workers.values()):
            if proc.is_alive():
                proc.kill()
    pool.shutdown(wait=True, cancel_futures=broken)


def _worker_died(task: PlanTask) -> PlanResult:
    return PlanResult(task.path, task.sha256, error={
        "plan": task.path, "sha256": task.sha256, "stage": "worker", "error": "BrokenProcessPool",
        "message": "the worker process died while judging this plan (a crash in native code, or out of memory)",
        "seconds": 0.0})


def _size(task: PlanTask) -> int:
    if task.data is not None:
        return len(task.data)
    try:
        return os.path.getsize(task.path)
    except OSError:
        return 0


def _alone(task: PlanTask) -> PlanResult:
    """``task`` in a fresh pool of its own: a worker that dies now was killed by this plan."""
    pool, broken = _pool(1), False
    future = pool.submit(run_task, task)
    workers = _workers(pool)
    try:
        return future.result()
    except BrokenProcessPool:
        broken = True
        return _worker_died(task)
    finally:
        _close(pool, broken, workers)


def _local(tasks: list[PlanTask], jobs: int, on_result: Callable[[PlanTask, PlanResult], None]) -> None:
    """The tasks on a pool of ``jobs`` workers. A worker that dies breaks the whole pool: every plan
    not finished then is run again, each in a fresh pool of its own (``jobs`` of them at a time), so
    the plans that only shared the pool are judged and the one that kills its worker again is
    reported (stage ``worker``)."""
    retry: list[PlanTask] = []
    pool = _pool(min(jobs, len(tasks)))
    workers: dict[int, Any] = {}
    try:
        # largest plans first (by file size): the last plans to start are small, so no worker idles long at the end
        order = sorted(tasks, key=lambda t: -_size(t))
        futures: dict[Future[PlanResult], PlanTask] = {pool.submit(run_task, t): t for t in order}
        workers = _workers(pool)
        for fut in as_completed(futures):
            try:
                result = fut.result()
            except BrokenProcessPool:
                retry.append(futures[fut])
                continue
            on_result(futures[fut], result)
    finally:
        _close(pool, bool(retry), workers)
    if not retry:
        return
    retry.sort(key=tasks.index)
    with ThreadPoolExecutor(max_workers=min(jobs, len(retry))) as threads:
        alone = {threads.submit(_alone, t): t for t in retry}
        for done in as_completed(alone):
            on_result(alone[done], done.result())


def _dask(tasks: list[PlanTask], scheduler: Any, on_result: Callable[[PlanTask, PlanResult], None]) -> None:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'planeval[sweep]' (dask[distributed])") from None
    own = isinstance(scheduler, str)
    try:
        client = Client(scheduler, timeout="20s") if own else scheduler
    except Exception as exc:  # noqa: BLE001 - unreachable scheduler: one line
        raise InputError(f"cannot connect to the Dask scheduler at {scheduler} ({type(exc).__name__}: {exc})") from None
    try:
        futures = {client.submit(run_task, t, pure=False): t for t in tasks}
        for fut in dask_completed(list(futures)):
            task = futures[fut]
            try:
                result = fut.result()
            except Exception as exc:  # noqa: BLE001 - a killed worker, a lost task: that plan only
                result = PlanResult(task.path, task.sha256, error={
                    "plan": task.path, "sha256": task.sha256, "stage": "worker", "error": type(exc).__name__,
                    "message": str(exc) or type(exc).__name__, "seconds": 0.0})
            on_result(task, result)
    finally:
        if own:
            client.close()


def run_sweep(plans: Sequence[str], variants: Sequence[Variant], store: Store, *, jobs: int | None = None,
              scheduler: Any = None, time_limit: float | None = None, options: tuple[tuple[str, Any], ...] = (),
              progress: Progress | None = None, quiet: bool = False, shrink: bool = False,
              min_grade: str | None = None, faults: dict[str, str] | None = None, building: Any = None) -> SweepSummary:
    """Judge every plan under every variant not yet in ``store``.

    ``jobs``: worker processes (default: all cores; 0: in this process, without the isolation of a
    pool — for notebooks and tests); ``scheduler``: a Dask address or ``distributed.Client``;
    ``shrink``: also the ``shrink`` table (a bisection per wall of every room: minutes per plan);
    ``min_grade``: the recognition grade below which uncertain subjects are needs_review (default C);
    ``building``: the plans are one building (a :class:`planeval.config.Building`, from
    :func:`planeval.config.building_for`): the ``building`` table gets the §12-2 (2) share across
    them per variant, once every plan is done;
    ``faults``: for tests of the recovery path only — plan file name -> "exit" | "kill": that plan's
    worker process dies before reading it.
    """
    t0 = time.monotonic()
    if jobs is not None and jobs < 0:
        raise InputError(f"--jobs must be 0 (in this process) or more, got {jobs}")
    if time_limit is not None and time_limit <= 0:
        raise InputError(f"--time-limit must be positive, got {time_limit:g}")
    store.check_settings({"min_grade": (min_grade or MIN_GRADE).upper(),
                          "options": json.dumps(sorted([k, str(v)] for k, v in options if v is not None))})
    store.add_variants(variants)
    tasks, skipped, errors, shas = _tasks(plans, variants, store.done(), time_limit, scheduler is not None, options, store,
                                          shrink, min_grade, faults or {})
    total_runs = sum(len(t.variants) for t in tasks)
    bar = progress or Progress(len(tasks), total_runs, quiet=quiet)
    counts = {"runs": 0, "errors": errors}

    def on_result(task: PlanTask, result: PlanResult) -> None:
        store.add(result)
        counts["runs"] += result.runs
        counts["errors"] += result.error is not None
        bar.update(result, len(task.variants))

    try:
        if tasks and scheduler is not None:
            _dask(tasks, scheduler, on_result)
        elif tasks and jobs == 0:
            for task in tasks:
                on_result(task, run_task(task))
        elif tasks:
            _local(tasks, jobs or os.cpu_count() or 1, on_result)
        if building is not None and len(plans) > 1:
            from planeval.sweep.building import building_rows

            rows = building_rows(building.name, shas, variants, store.con)
            store.set_building(rows)
            counts["building"] = len(rows)
    finally:
        bar.close()
        store.flush()
    return SweepSummary(len(plans), len(variants), counts["runs"], skipped, counts["errors"], time.monotonic() - t0,
                        counts.get("building", 0))
