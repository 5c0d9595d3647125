"""One file's work in a batch, whichever engine runs it: the task and the settings sent to
a worker, :func:`render_file` (read, check, lay out, write every format atomically, or
nothing) and the lines a failed file reports.

Shared by :mod:`govreport.app.batch` (planning, the in-process run), the process pool
(:mod:`govreport.app.pool`) and Dask (:mod:`govreport.app.dask_batch`), none of which it
imports.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..support.errors import GovReportError, RenderError, ValidationError, printable, short
from ..support.files import write_atomic
from ..support.limits import Limits, using
from .render import load_source, output_format, render_many

if TYPE_CHECKING:
    from ..theme import Theme

TemplateMap = Mapping[str, str | os.PathLike[str]]
"""Templates by output format family: ``{"docx": "t.docx", "hwpx": "t.hwpx"}``."""


@attrs.frozen(slots=True, kw_only=True)
class FileResult:
    """The outcome of one input file: the documents written, or the problems found.

    ``errors`` are lines without the file name: ``$.meta.date: …`` for a JSON problem,
    a plain message for a rendering failure.
    """

    source: Path
    outputs: tuple[Path, ...] = ()
    errors: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every document of this file was written."""
        return not self.errors

    def error_lines(self) -> list[str]:
        """The problems, each prefixed with the input file (``file: $.path: message``)."""
        return [f"{self.source}: {line}" for line in self.errors]


@attrs.frozen(slots=True, kw_only=True)
class Task:
    """One unit of work sent to a worker (picklable)."""

    source: Path
    outputs: tuple[Path, ...]
    absent: frozenset[Path] = frozenset()
    """The outputs that did not exist when the batch began."""
    rerun: bool = False
    """Run again after a crash broke the pool while this task was in flight: an output that
    exists now but was :attr:`absent` is the stopped attempt's own, and may be replaced."""


@attrs.frozen(slots=True, kw_only=True)
class Settings:
    """Options shared by every task; sent once to each worker."""

    templates: dict[str, str]
    theme: Theme | None
    locale: str
    overwrite: bool
    limits: Limits | None = None
    pdf: bool = False
    """PDF among the formats: the worker keeps one LibreOffice for all its files."""
    gc_thresholds: tuple[int, ...] | None = None
    """The collector's thresholds of the process that started the batch (the command line
    raises them: :func:`~govreport.support.gc_tuning.fewer_collections`)."""


_settings: Settings | None = None


def render_file(
    source: str | os.PathLike[str],
    outputs: Sequence[str | os.PathLike[str]],
    *,
    templates: TemplateMap | None = None,
    theme: Theme | str | os.PathLike[str] | None = None,
    locale: str = "ko_KR",
    overwrite: bool = False,
    limits: Limits | None = None,
) -> FileResult:
    """Render one JSON file to every output; never raises for bad input (see ``errors``).

    All documents are rendered in memory first, then each is written atomically, so a
    failure leaves no new or half-written file.
    """
    with using(limits):
        return _render_file(source, outputs, templates=templates, theme=theme, locale=locale,
                            overwrite=overwrite)


def _render_file(
    source: str | os.PathLike[str],
    outputs: Sequence[str | os.PathLike[str]],
    *,
    templates: TemplateMap | None,
    theme: Theme | str | os.PathLike[str] | None,
    locale: str,
    overwrite: bool,
) -> FileResult:
    started = time.perf_counter()
    src = Path(source)
    outs = tuple(Path(o) for o in outputs)
    tpl = {k: str(v) for k, v in (templates or {}).items()}
    th = theme if theme is None or not isinstance(theme, str | os.PathLike) \
        else os.fspath(theme)
    try:
        refuse_existing(outs, overwrite)
        data = load_source(src)  # loaded and checked once
        fmts = [output_format(o) for o in outs]
        # laid out once for every format; a DOCX takes the 목차 pages of the PDF made with it
        from ..support.images import reading_from  # on use: lxml stays off validate's path

        with reading_from(src.resolve().parent):  # free-form image(): the data file's folder
            blobs = render_many(data, fmts, templates=tpl, theme=th, locale=locale)
        rendered = list(zip(outs, blobs, strict=True))
        for out, blob in rendered:
            write_atomic(out, blob, replace=overwrite)
    except Exception as exc:  # a bug in a writer must not stop the batch
        return failed_result(src, error_lines(exc, src), started)
    return FileResult(source=src, outputs=outs, seconds=time.perf_counter() - started)


def error_lines(exc: Exception, src: Path) -> list[str]:
    """The lines a failed file reports for ``exc`` (without the file name)."""
    if isinstance(exc, ValidationError):
        return [str(p) for p in exc.errors]
    if isinstance(exc, GovReportError):
        return [_strip_source(str(exc), src)]
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return [f"cannot write {where}{exc.strerror or exc}"]
    return [describe_error(exc)]


def refuse_existing(outputs: Iterable[Path], overwrite: bool) -> None:
    """Raise the batch's "file exists" error for the first output that exists (unless
    ``overwrite``); also unknown output suffixes."""
    for out in outputs:
        output_format(out)
        if out.exists() and not overwrite:
            raise RenderError(f"{out}: file exists (use --force to overwrite)")


def describe_error(exc: BaseException) -> str:
    """One line for an unexpected exception (a bug, or input too extreme to process)."""
    if isinstance(exc, RecursionError):
        return "$: the data is nested too deeply to process (RecursionError)"
    if isinstance(exc, MemoryError):
        return "out of memory while processing this file (MemoryError)"
    return f"internal error ({type(exc).__name__}: {exc})"


MAX_ERRORS = 200
"""Most problem lines kept per file (then "… and N more")."""


def failed_result(src: Path, lines: list[str], started: float) -> FileResult:
    kept = [printable(short(line, 1000)) for line in lines[:MAX_ERRORS]]
    if len(lines) > MAX_ERRORS:
        kept.append(f"… and {len(lines) - MAX_ERRORS:,} more problems")
    return FileResult(source=src, errors=tuple(kept) or ("failed",),
                      seconds=time.perf_counter() - started)


def _strip_source(message: str, src: Path) -> str:
    """Drop a leading ``<src>: `` (the result's lines get the file name added once)."""
    head = f"{src}: "
    return message[len(head):] if message.startswith(head) else message


def current_settings() -> Settings | None:
    """The settings this worker was given (None before :func:`init_worker`)."""
    return _settings


def init_worker(settings: Settings) -> None:
    """Give this process (a worker, or the parent for ``jobs=1``) the batch's settings."""
    global _settings
    _settings = settings
    if settings.gc_thresholds is not None:  # a worker collects as its parent does
        gc.set_threshold(*settings.gc_thresholds)
    if settings.pdf:  # one LibreOffice start per worker, not per file
        from ..writers.pdf import keep_office

        keep_office()


def run_task(task: Task) -> FileResult:
    """Render one task with this worker's settings (see :func:`init_worker`)."""
    s = _settings
    assert s is not None, "worker not initialised"
    overwrite = s.overwrite or (task.rerun and all(
        o in task.absent for o in task.outputs if o.exists()))
    return render_file(task.source, task.outputs, templates=s.templates, theme=s.theme,
                       locale=s.locale, overwrite=overwrite, limits=s.limits)


def remove_temporaries(outputs: Iterable[Path]) -> None:
    """Delete the temporary files of :func:`write_atomic` left next to ``outputs``."""
    for out in outputs:
        with contextlib.suppress(OSError):
            for tmp in out.parent.glob(f".{glob.escape(out.name)}.*.tmp"):
                tmp.unlink(missing_ok=True)


__all__ = ["MAX_ERRORS", "FileResult", "Settings", "Task", "TemplateMap", "current_settings",
           "describe_error", "error_lines", "failed_result", "init_worker", "refuse_existing",
           "remove_temporaries", "render_file", "run_task"]
