"""One plan under many variants, in a worker process: read once, measure once, judge many.

:func:`run_task` is what the process pool and the Dask workers call. It reads the plan, makes ONE
:class:`~planeval.measure.Context` and judges every variant through it
(:class:`~planeval.sweep.judge.VariantJudge`), so geometry measured for the first variant (free
floor, circles, passages, reachability) is reused by all others, and a rule whose configuration a
variant leaves as it was is not judged again. It never
raises for a bad plan: a plan that cannot be read or judged, or that runs over the time limit,
comes back as an ``errors`` row and the sweep goes on.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planeval.sweep.building import unit_access_rows, unit_bras
from planeval.sweep.critical import critical_rows
from planeval.sweep.store import Packed, pack
from planeval.sweep.tables import KEYS, area_rows, describer, finding_rows, run_row, shrink_rows
from planeval.sweep.variants import Variant

__all__ = ["PlanTask", "PlanResult", "PlanTimeout", "run_task", "file_sha256"]


class PlanTimeout(Exception):
    """The plan ran over the sweep's per-plan time limit."""


@dataclass(frozen=True)
class PlanTask:
    """What a worker needs: the plan (path, and its bytes when the worker may not see the file) and the variants."""

    path: str
    sha256: str
    variants: tuple[Variant, ...]
    time_limit: float | None = None
    data: bytes | None = None
    options: tuple[tuple[str, Any], ...] = ()  # load_plan keywords: profile, units, encoding
    shrink: bool = False  # also how far each wall of each room can move in, per variant (costly: a bisection per wall)
    min_grade: str | None = None  # recognition grade below which uncertain subjects are needs_review (None: api.check's default)
    fault: str = ""  # fault injection, for tests of the recovery path only: "exit" (os._exit) or "kill" (SIGKILL itself)


@dataclass
class PlanResult:
    path: str
    sha256: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    seconds: float = 0.0
    packed: dict[str, Packed] = field(default_factory=dict)  # the rows as the worker packed them (then ``rows`` is empty)

    @property
    def runs(self) -> int:
        got = self.packed.get("runs")
        return got.count if got is not None else len(self.rows.get("runs", []))


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _Deadline:
    """A time limit: an interval timer (SIGALRM) in a process's main thread — it interrupts a long
    measurement — and, elsewhere (Dask worker threads), a check between variants."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.start = time.monotonic()
        self.armed = False

    def _fire(self, signum: int, frame: Any) -> None:
        raise PlanTimeout(f"over the time limit of {self.seconds:g} s")

    def __enter__(self) -> _Deadline:
        if self.seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def check(self) -> None:
        if self.seconds and time.monotonic() - self.start > self.seconds:
            raise PlanTimeout(f"over the time limit of {self.seconds:g} s")

    def __exit__(self, *exc: Any) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


@contextmanager
def _plan_file(task: PlanTask) -> Iterator[str]:
    """The plan's path; a temporary copy of ``task.data`` when the bytes were sent along."""
    if task.data is None:
        yield task.path
        return
    with tempfile.TemporaryDirectory(prefix="planeval-sweep-") as tmp:
        local = os.path.join(tmp, Path(task.path).name)
        with open(local, "wb") as fh:
            fh.write(task.data)
        yield local


def _dedupe(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = KEYS.get(table)
    if not keys:
        return rows
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(tuple(r.get(k) for k in keys), r)
    return list(seen.values())


def judge_plan(plan: Any, task: PlanTask, deadline: _Deadline | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every variant of ``task`` on a loaded plan, through one Context: the rows of every table."""
    from planeval.model.recognition import MIN_GRADE
    from planeval.sweep.judge import VariantJudge

    judge = VariantJudge(plan, min_grade=task.min_grade or MIN_GRADE, rooms_detail=False)  # the tables hold units only
    ctx = judge.ctx
    describe = describer(plan)
    rows: dict[str, list[dict[str, Any]]] = {"runs": [], "findings": [], "areas": [], "critical": [], "shrink": [],
                                             "unit_access": []}
    solved: dict[str, set[tuple[str, str, str, str, str]]] = {}  # base -> critical rows already given
    bra = unit_bras(plan)
    for v in task.variants:
        t0 = time.perf_counter()
        before = dict(ctx.stats)
        report = judge.report(v.ruleset)
        rows["findings"] += finding_rows(task.path, task.sha256, v.id, report, describe)
        rows["areas"] += area_rows(task.path, task.sha256, v.id, report)
        rows["unit_access"] += unit_access_rows(task.path, task.sha256, v.id, report, bra)
        for c in critical_rows(ctx, report.findings, v.ruleset, v.point, describe, solved.setdefault(v.base.key, set())):
            rows["critical"].append({"plan": task.path, "sha256": task.sha256, "base": v.base.name, "base_key": v.base.key, **c})
        if task.shrink:
            from planeval.sweep.shrink import shrink_plan

            rows["shrink"] += shrink_rows(task.path, task.sha256, v.id, shrink_plan(plan, v.ruleset))
        rows["runs"].append(run_row(task.path, task.sha256, v, report, time.perf_counter() - t0, before))
        if deadline is not None:
            deadline.check()
    rows["critical"] = _dedupe("critical", rows["critical"])
    return rows


def _die(how: str) -> None:
    """End this worker process as a crash in native code or the out-of-memory killer would (no exception, no cleanup)."""
    if how == "kill" and hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(70)


def run_task(task: PlanTask) -> PlanResult:
    """Judge one plan under all its variants; errors come back as a result, never as an exception."""
    from planeval.api import load_plan, require_floor_plan
    from planeval.errors import PlanevalError

    if task.fault:
        _die(task.fault)
    t0 = time.perf_counter()
    result = PlanResult(task.path, task.sha256)
    stage = "read"
    try:
        with _Deadline(task.time_limit) as deadline:
            with _plan_file(task) as local:
                plan = load_plan(local, **dict(task.options))
                require_floor_plan(plan)  # an elevation or a symbol library is refused, as by api.check
                deadline.check()
                stage = "judge"
                rows = judge_plan(plan, task, deadline)
                result.packed = {table: pack(table, got) for table, got in rows.items()}
    except PlanTimeout as exc:
        result.rows, result.packed = {}, {}
        result.error = {"stage": "timeout", "error": "PlanTimeout", "message": f"{stage}: {exc}"}
    except PlanevalError as exc:
        result.rows, result.packed = {}, {}
        result.error = {"stage": stage, "error": type(exc).__name__, "message": exc.message}
    except Exception as exc:  # noqa: BLE001 - one broken plan must not lose the sweep
        result.rows, result.packed = {}, {}
        result.error = {"stage": stage, "error": type(exc).__name__, "message": str(exc) or type(exc).__name__}
    result.seconds = time.perf_counter() - t0
    if result.error is not None:
        result.error = {"plan": task.path, "sha256": task.sha256, **result.error, "seconds": result.seconds}
    return result
