"""``govreport batch --engine dask``: the batch on Dask distributed (``govreport[dask]``).

The client (this process) does what touches this machine's files — finds the inputs,
refuses existing outputs (or skips them), reads each JSON file — and the cluster does the
rest with one pure function, :func:`render_document`: JSON bytes in, document bytes (or
the file's error lines) out.  The client then writes every document of a file atomically,
or none, exactly as the process-pool batch does: same outputs, same error lines, same
``--force``/``--skip-existing`` rules.

* Without a scheduler address a :class:`~distributed.LocalCluster` of ``jobs`` worker
  processes (one thread each) is started on the loopback interface and stopped at the end.
* A task whose worker dies is run again by the scheduler (``RETRIES`` times, then the
  file is reported as failed with the process pool's message); any other failure is
  reported per file, never stopping the others.
* Progress comes from the scheduler: each file is reported as its task finishes.
* At most ``4 ×`` the cluster's threads are in flight, so the client holds a bounded
  number of inputs and documents.

Documents given as input (``.hwpx`` ``.docx`` …) and templates are read by the workers
from their paths: on a cluster of other machines those paths must be on a shared file
system; report JSON is sent as bytes and needs none.  Pictures a report names by a
relative path are read by the worker from the JSON file's folder (likewise).
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..support.errors import GovReportError
from ..support.files import write_atomic
from ..support.limits import using
from .render import Format, load_source, output_format, render_many
from .tasks import (
    FileResult,
    Settings,
    Task,
    describe_error,
    error_lines,
    failed_result,
    refuse_existing,
)

RETRIES = 2
"""Times a task is run again after its worker died (then the file fails)."""
LARGE_INPUT = 1 << 20
"""Inputs larger than this are sent to the cluster ahead of their task (not in the graph)."""
LOOPBACK_ONLY: dict[str, Any] = {"dashboard_address": "127.0.0.1:0",
                                "scheduler_kwargs": {"dashboard": False}}
"""A local cluster's options: its scheduler's HTTP routes on a free loopback port, no
dashboard (its workers and scheduler listen on ``host="127.0.0.1"``)."""
CRASHED = "the worker process stopped unexpectedly (out of memory, or killed)"


class DaskUnavailable(GovReportError):
    """The dask engine was asked for but Dask distributed is not installed or unreachable."""


def render_document(data: bytes | None, source: str, formats: tuple[Format, ...],
                    settings: Settings) -> tuple[tuple[bytes, ...], tuple[str, ...]]:
    """Render one input to ``formats``: ``(documents, ())``, or ``((), error lines)``.

    ``data`` is the JSON file's bytes (``None``: a document, read from ``source``);
    ``source`` names the file in messages and is the folder relative pictures are read
    from.  Writes nothing: the same bytes as the process-pool batch, for the client to
    write.
    """
    src = Path(source)
    try:
        with using(settings.limits):
            if settings.pdf and "pdf" in formats:
                from ..writers.pdf import keep_office

                keep_office()  # one LibreOffice per worker, for all its files
            loaded = load_source(src) if data is None else _load_json(data, src)
            from ..support.images import reading_from

            with reading_from(src.resolve().parent):  # free-form image(): the data's folder
                blobs = render_many(loaded, list(formats), templates=settings.templates,
                                    theme=settings.theme, locale=settings.locale)
    except Exception as exc:  # reported per file, like the process pool's workers
        return (), tuple(error_lines(exc, src))
    return tuple(blobs), ()


def _load_json(data: bytes, src: Path) -> Any:
    """What :func:`~govreport.app.render.load_source` makes of a JSON file's bytes."""
    from ..readers.json import parse_json, report_from_data

    parsed = parse_json(data, str(src))
    if isinstance(parsed, dict) and "meta" in parsed:
        return report_from_data(parsed, str(src), base_dir=src.parent)
    return parsed


def _is_document(src: Path) -> bool:
    """Read by a document reader (as :func:`load_source` decides), not as JSON."""
    from ..readers import READERS

    suffix = src.suffix.lower()
    return suffix not in (".json", "") and suffix.lstrip(".") in (*READERS, "text")


def _read(task: Task, settings: Settings) -> bytes | FileResult | None:
    """The input's bytes for its task (``None``: a document), or the file's failure."""
    started = time.perf_counter()
    try:
        with using(settings.limits):
            refuse_existing(task.outputs, settings.overwrite)
            if _is_document(task.source):
                return None
            from ..readers.json import read_bytes

            return read_bytes(task.source)
    except Exception as exc:
        return failed_result(task.source, error_lines(exc, task.source), started)


def _write(task: Task, blobs: tuple[bytes, ...], errors: tuple[str, ...], started: float,
           overwrite: bool) -> FileResult:
    if errors:
        return failed_result(task.source, list(errors), started)
    try:
        for out, blob in zip(task.outputs, blobs, strict=True):
            write_atomic(out, blob, replace=overwrite)  # else an exclusive claim
    except Exception as exc:
        return failed_result(task.source, error_lines(exc, task.source), started)
    return FileResult(source=task.source, outputs=task.outputs,
                      seconds=time.perf_counter() - started)


@contextlib.contextmanager
def client_for(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client: of the scheduler at ``scheduler``, else of a local cluster of
    ``workers`` processes on 127.0.0.1 (no dashboard), stopped on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("the dask engine needs Dask distributed: "
                              "pip install 'govreport[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=30, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailable(f"no Dask scheduler at {scheduler} ({exc})") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", **LOOPBACK_ONLY,
                      silence_logs=logging.ERROR) as cluster, \
            Client(cluster, set_as_default=False) as client:
        yield client


def run_dask(tasks: list[Task], workers: int, settings: Settings,
             done: Callable[[int, FileResult], None], *, scheduler: str | None = None) -> int:
    """Run ``tasks`` on Dask; ``done(i, result)`` as each finishes.  Returns the number of
    worker threads the cluster had."""
    from distributed import as_completed

    with client_for(scheduler, workers) as client:
        threads = max(1, int(sum(client.nthreads().values())))
        shared = client.scatter(settings, broadcast=True, hash=False)
        run = uuid.uuid4().hex[:12]
        in_flight: dict[str, tuple[int, float]] = {}
        finished = as_completed(loop=client.loop)
        queue = iter(range(len(tasks)))

        def submit_next() -> bool:
            for i in queue:
                task = tasks[i]
                started = time.perf_counter()
                data = _read(task, settings)
                if isinstance(data, FileResult):
                    done(i, data)
                    continue
                formats = tuple(output_format(o) for o in task.outputs)
                arg: Any = data
                if data is not None and len(data) > LARGE_INPUT:
                    arg = client.scatter(data, hash=False)
                future = client.submit(render_document, arg, str(task.source), formats,
                                       shared, key=f"govreport-render-{run}-{i}",
                                       retries=RETRIES, pure=False)
                in_flight[future.key] = (i, started)
                finished.add(future)
                return True
            return False

        for _ in range(4 * threads):
            if not submit_next():
                break
        for future in finished:
            i, started = in_flight.pop(future.key)
            try:
                blobs, errors = future.result()
            except Exception as exc:  # the task itself never raises: its worker was lost
                lost = type(exc).__name__ == "KilledWorker"
                blobs, errors = (), (CRASHED if lost else describe_error(exc),)
            future.release()
            done(i, _write(tasks[i], blobs, errors, started, settings.overwrite))
            submit_next()
    return threads


__all__ = ["LOOPBACK_ONLY", "RETRIES", "DaskUnavailable", "client_for", "render_document",
           "run_dask"]
