"""sweep.execute._close: a pool that broke is shut down even when a worker outlives the pool's own
clean-up (CPython 3.11 terminates the workers it knows of, then waits for every one of them)."""

from __future__ import annotations

import os
import signal
import threading
import time

from planeval.sweep.execute import _close, _pool, _workers


def _deaf(seconds: float) -> int:
    """Stop hearing SIGTERM and stay busy: a worker the pool's own clean-up cannot stop."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(seconds)
    return os.getpid()


def _die(after: float) -> None:
    time.sleep(after)
    os._exit(1)


def _shut_within(pool, broken: bool, workers, seconds: float) -> bool:
    done = threading.Event()
    threading.Thread(target=lambda: (_close(pool, broken, workers), done.set()), daemon=True).start()
    return done.wait(seconds)


def test_a_broken_pool_is_shut_even_with_a_worker_its_clean_up_cannot_stop():
    pool = _pool(2)
    warm = [pool.submit(time.sleep, 0.3) for _ in range(2)]  # both workers started (the pool starts them on demand)
    for f in warm:
        f.result(timeout=60)
    busy = pool.submit(_deaf, 600.0)  # one worker, deaf to SIGTERM, busy for ten minutes
    broken = pool.submit(_die, 0.5)  # the other, idle, takes this and dies: the pool breaks
    try:
        broken.result(timeout=60)
    except Exception as exc:
        assert type(exc).__name__ == "BrokenProcessPool"
    workers = _workers(pool)
    assert any(p.is_alive() for p in workers.values())  # the deaf one
    # the pool now waits for the deaf worker: without _close's kill this takes the ten minutes
    assert _shut_within(pool, True, workers, 60), "the pool's shutdown waited for a worker that no one stops"
    assert not any(p.is_alive() for p in workers.values())
    assert busy.done()


def test_a_pool_that_did_not_break_is_shut_as_before():
    pool = _pool(1)
    assert pool.submit(abs, -3).result() == 3
    workers = _workers(pool)
    assert _shut_within(pool, False, workers, 60)
    assert not any(p.is_alive() for p in workers.values())  # the sentinel ended them, nothing was killed
