"""The process-pool engine of ``govreport batch``: files rendered in worker processes
(:class:`~concurrent.futures.ProcessPoolExecutor`), at most ``4 × workers`` in flight, a
crashed worker's files run again one at a time so only the file that kills it fails.

Imported by :func:`govreport.app.batch.run_batch` when it needs more than one process, so
``validate`` and a one-file render never load :mod:`concurrent.futures` or :mod:`ctypes`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

import attrs

from ..support.files import writing
from .tasks import (
    FileResult,
    Settings,
    Task,
    current_settings,
    describe_error,
    init_worker,
    remove_temporaries,
    run_task,
)


def _init_pool_worker(settings: Settings) -> None:
    """A worker process: dies with its parent, leaves Ctrl-C to the parent, and on SIGTERM
    removes the temporary file it may be writing and exits at once."""
    init_worker(settings)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_terminated)
    _die_with_parent()


def _worker_terminated(signum: int, frame: object) -> None:
    settings = current_settings()
    if settings is not None and settings.pdf:
        from ..writers.pdf import stop_office

        stop_office(kill=True)
    for tmp in list(writing):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    os._exit(128 + signum)


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() == 1:  # the parent is already gone
            os._exit(1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes now and wait for them (then kill stragglers)."""
    procs = list(getattr(pool, "_processes", {}).values())  # no public API for this
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()
    deadline = time.monotonic() + 5
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(max(0.0, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
                proc.join(1)


_CRASHED = "the worker process stopped unexpectedly (out of memory, or killed)"


def run_pool(tasks: list[Task], workers: int, settings: Settings,
              done: Callable[[int, FileResult], None]) -> None:
    """Run ``tasks`` in a process pool, at most ``4 × workers`` in flight at a time.

    A worker that dies (killed, out of memory, a crash in native code) breaks the whole pool
    and fails every task in flight.  The tasks that were in flight are then run again one at
    a time, each in a fresh single-worker pool, so only the file that kills its worker is
    reported as failed (an output the stopped attempt had already written is replaced, not
    refused as existing); the tasks not yet started go on in a new pool.
    """
    queue: deque[int] = deque(range(len(tasks)))
    while queue:
        before = len(queue)
        suspects = _pool_pass(tasks, queue, workers, settings, done)
        # the broken pool's workers are gone: what they were writing is left over
        remove_temporaries(o for i in suspects for o in tasks[i].outputs)
        for i in suspects:
            tasks[i] = attrs.evolve(tasks[i], rerun=True)
            alone = deque([i])
            if _pool_pass(tasks, alone, 1, settings, done) or alone:
                remove_temporaries(tasks[i].outputs)
                done(i, FileResult(source=tasks[i].source, errors=(_CRASHED,)))
        if len(queue) == before and not suspects:  # no worker could even start
            while queue:
                i = queue.popleft()
                done(i, FileResult(source=tasks[i].source, errors=(_CRASHED,)))


def _pool_pass(tasks: list[Task], queue: deque[int], workers: int, settings: Settings,
               done: Callable[[int, FileResult], None]) -> list[int]:
    """Run tasks from ``queue`` until it is empty or the pool breaks.  Returns the tasks
    that were in flight when the pool broke (their outcome is unknown); the tasks never
    submitted stay in ``queue``."""
    pending: dict[Future[FileResult], int] = {}
    window = 4 * workers
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_pool_worker,
                             initargs=(settings,)) as pool:
        try:
            while True:
                while len(pending) < window and queue and not broken:
                    i = queue.popleft()
                    try:
                        pending[pool.submit(run_task, tasks[i])] = i
                    except BrokenProcessPool:
                        queue.appendleft(i)
                        broken.append(-1)  # marker: stop submitting
                        break
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        broken.append(i)
                        continue
                    except Exception as exc:
                        result = FileResult(source=tasks[i].source,
                                            errors=(describe_error(exc),))
                    done(i, result)
        except BaseException:
            _stop_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return sorted(i for i in broken if i >= 0)


__all__ = ["run_pool"]
