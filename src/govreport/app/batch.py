"""Render many JSON files to many documents in parallel (``govreport batch``, or from Python).

Each input file is rendered in a worker process (:class:`~concurrent.futures.ProcessPoolExecutor`)
to every requested format; output names are ``OUTDIR/<stem>.<ext>``.  A file either produces
all its documents or none (every format is rendered before anything is written, and each file
is written atomically).  One bad file never stops the others: its problems, with their JSON
paths, are collected in its :class:`FileResult`.

    >>> from govreport.app.batch import collect_inputs, run_batch
    >>> summary = run_batch(collect_inputs(["dumps/"]), "out", ["docx", "hwpx"], jobs=4)
    >>> [f.source for f in summary.failed]
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from ..support.errors import GovReportError
from ..support.limits import Limits
from .render import FORMATS, Format, output_format
from .tasks import (
    FileResult,
    Settings,
    Task,
    TemplateMap,
    describe_error,
    init_worker,
    remove_temporaries,
    render_file,
    run_task,
)

if TYPE_CHECKING:
    from ..theme import Theme

_GLOB_CHARS = frozenset("*?[")


class BatchInputError(GovReportError, ValueError):
    """The batch itself is unusable (no inputs, clashing output names, unknown format)."""


@attrs.frozen(slots=True, kw_only=True)
class BatchSummary:
    """All results, in input order, the wall time of the whole batch, and the inputs that
    were skipped because all their outputs existed (``skip_existing=True``)."""

    results: tuple[FileResult, ...]
    seconds: float
    jobs: int
    skipped: tuple[Path, ...] = ()

    @property
    def failed(self) -> list[FileResult]:
        """The files that produced no documents."""
        return [r for r in self.results if not r.ok]

    @property
    def succeeded(self) -> list[FileResult]:
        """The files whose documents were all written."""
        return [r for r in self.results if r.ok]

    @property
    def documents(self) -> int:
        """Number of documents written."""
        return sum(len(r.outputs) for r in self.results)


def default_jobs() -> int:
    """The number of CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parse_formats(spec: str | Iterable[str]) -> tuple[Format, ...]:
    """``"docx,hwpx"`` (or a list) → ``("docx", "hwpx")``; unknown names raise BatchInputError."""
    parts = spec.split(",") if isinstance(spec, str) else [p for s in spec for p in s.split(",")]
    out: list[Format] = []
    for raw in parts:
        name = raw.strip().lower().lstrip(".")
        if not name:
            continue
        if name not in FORMATS:
            raise BatchInputError(
                f"unknown format {raw.strip()!r}; use one or more of {', '.join(FORMATS)}"
            )
        fmt = output_format(f"x.{name}")
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise BatchInputError(f"no output format given; use one or more of {', '.join(FORMATS)}")
    return tuple(out)


MAX_INPUT_FILES = 100_000
"""Files one glob pattern may match (a pattern over a whole disk is refused, not walked on)."""


def expand_pattern(pattern: str) -> list[Path]:
    """The files a glob pattern matches (``**``: any depth).  Symbolic links to folders are
    not followed by ``**`` (a link loop such as ``l1 -> .`` cannot make the walk endless),
    names starting with a dot are left out as the shell does, and more than
    :data:`MAX_INPUT_FILES` matches raise :class:`BatchInputError`."""
    parts = Path(pattern).parts
    split = next((i for i, part in enumerate(parts) if _GLOB_CHARS & set(part)), len(parts))
    root = Path(*parts[:split]) if split else Path(".")
    rest = parts[split:]
    if not rest:
        return [root] if root.is_file() else []
    out: list[Path] = []
    try:
        for p in root.glob(str(Path(*rest))):
            rel = p.parts[len(root.parts):] if split else p.parts
            if any(name.startswith(".") for name in rel) or not p.is_file():
                continue
            out.append(p)
            if len(out) > MAX_INPUT_FILES:
                raise BatchInputError(f"more than {MAX_INPUT_FILES:,} files match; give a "
                                      "narrower pattern")
    except (OSError, ValueError) as exc:
        raise BatchInputError(f"cannot expand the pattern ({exc})") from None
    return out


def find_inputs(
    specs: Iterable[str | os.PathLike[str]],
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Like :func:`collect_inputs`, but never raises: ``(files, problems)``.

    ``problems`` holds ``(spec, message)`` for each spec that names nothing (a missing file or
    folder, an empty folder, a pattern without matches), so a caller can report them and
    still go on with the files that were found.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    problems: list[tuple[str, str]] = []
    for spec in specs:
        text = os.fspath(spec)
        path = Path(text)
        if path.is_dir():
            matches = sorted(p for p in path.glob("*.json") if p.is_file())
        elif _GLOB_CHARS & set(text):
            try:
                matches = sorted(expand_pattern(text))
            except BatchInputError as exc:
                problems.append((text, str(exc)))
                continue
        elif path.is_file():
            matches = [path]
        else:
            problems.append((text, "no such file or folder"))
            continue
        if not matches:
            problems.append((text, "no .json files match"))
        for m in matches:
            key = m.resolve()
            if key not in seen:
                seen.add(key)
                found.append(m)
    return found, problems


def collect_inputs(specs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """JSON files named by ``specs``: files, folders (their ``*.json``) or glob patterns.

    Patterns are expanded here (``**`` recurses), so quoting them on the command line works.
    The result keeps the given order, sorted within each folder/pattern, without duplicates.
    A spec that names nothing raises :class:`BatchInputError` (see :func:`find_inputs` for a
    variant that reports and goes on).
    """
    found, problems = find_inputs(specs)
    if problems:
        raise BatchInputError("\n".join(f"{spec}: {message}" for spec, message in problems))
    return found


def plan_outputs(
    inputs: Sequence[Path], outdir: str | os.PathLike[str], formats: Sequence[Format]
) -> list[tuple[Path, tuple[Path, ...]]]:
    """Each input with its output paths ``OUTDIR/<stem>.<ext>``; clashing stems raise."""
    out = Path(outdir)
    owners: dict[str, Path] = {}
    clashes: list[str] = []
    plan: list[tuple[Path, tuple[Path, ...]]] = []
    for src in inputs:
        stem = src.stem
        if stem in owners:
            clashes.append(f"{src} and {owners[stem]} would both be written as {out / stem}.*")
            continue
        owners[stem] = src
        plan.append((src, tuple(out / f"{stem}.{fmt}" for fmt in formats)))
    if clashes:
        raise BatchInputError("output name clash (rename one of the files):\n" +
                              "\n".join(clashes))
    return plan


def existing_outputs(plan: Iterable[tuple[Path, tuple[Path, ...]]]) -> list[Path]:
    """The planned output files that already exist."""
    return [o for _, outs in plan for o in outs if o.exists()]


def _warm_imports(formats: Iterable[Format]) -> None:
    """Import the writers once in the parent so forked workers start warm."""
    from ..writers.registry import writer_modules

    names = {"govreport.layout"}
    for fmt in formats:
        names.update(writer_modules(fmt))
    for name in sorted(names):
        with contextlib.suppress(ImportError):  # reported per file by the worker
            importlib.import_module(name)


Engine = Literal["process", "dask"]
"""Where a batch runs: worker processes of this machine, or Dask distributed."""
ENGINES: tuple[Engine, ...] = ("process", "dask")

Progress = Callable[[FileResult, int, int], None]
"""Called in the parent after each file: ``(result, done, total)``."""


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    formats: str | Sequence[str] = ("docx",),
    *,
    jobs: int | None = None,
    templates: TemplateMap | None = None,
    theme: Theme | str | os.PathLike[str] | None = None,
    locale: str = "ko_KR",
    overwrite: bool = False,
    skip_existing: bool = False,
    progress: Progress | None = None,
    limits: Limits | None = None,
    engine: Engine = "process",
    scheduler: str | None = None,
) -> BatchSummary:
    """Render every input JSON file to ``OUTDIR/<stem>.<ext>`` for each format, in parallel.

    ``jobs`` worker processes (default: the CPU count; 1 = in this process).  Problems of one
    file never stop the others; see :attr:`BatchSummary.failed`.  With ``skip_existing`` an
    input whose outputs all exist is skipped (:attr:`BatchSummary.skipped`) and an input with
    some outputs is rendered to the missing ones only, so an interrupted batch can resume;
    existing files are never replaced (``overwrite`` is ignored).  Raises
    :class:`BatchInputError` only for an unusable batch (unknown format, clashing names).

    Interrupted (Ctrl-C, or SIGTERM while this runs in the main thread), the batch stops its
    workers, removes their temporary files and raises :class:`KeyboardInterrupt`: no file
    appears after it returns.  ``limits`` applies to every file
    (see :mod:`govreport.support.limits`).

    ``engine="dask"`` renders on Dask distributed (the ``govreport[dask]`` extra): on the
    cluster whose scheduler is at ``scheduler`` (``tcp://host:8786``), else on a local
    cluster of ``jobs`` worker processes.  The same files are written by the same rules
    (see :mod:`govreport.app.dask_batch`).
    """
    from ..theme import resolve_theme

    started = time.perf_counter()
    fmts = parse_formats(formats)
    plan = plan_outputs([Path(p) for p in inputs], outdir, fmts)
    settings = Settings(
        templates={k: os.fspath(v) for k, v in (templates or {}).items()},
        theme=None if theme is None else resolve_theme(theme),
        locale=locale,
        overwrite=overwrite and not skip_existing,
        limits=limits,
        pdf="pdf" in fmts,
        gc_thresholds=gc.get_threshold(),
    )
    tasks: list[Task] = []
    skipped: list[Path] = []
    for src, outs in plan:
        if skip_existing:
            outs = tuple(o for o in outs if not o.exists())
            if not outs:
                skipped.append(src)
                continue
        tasks.append(Task(source=src, outputs=outs,
                           absent=frozenset(o for o in outs if not o.exists())))
    workers = max(1, min(jobs or default_jobs(), len(tasks)))
    results: dict[int, FileResult] = {}

    def done(i: int, result: FileResult) -> None:
        results[i] = result
        if progress is not None:
            progress(result, len(results), len(tasks))

    with _sigterm_interrupts():
        try:
            if not tasks:
                pass
            elif engine == "dask":
                from .dask_batch import run_dask

                workers = run_dask(tasks, workers, settings, done, scheduler=scheduler)
            elif workers == 1:
                init_worker(attrs.evolve(settings, pdf=False))
                with _office_session(settings.pdf):  # one LibreOffice for every PDF
                    for i, task in enumerate(tasks):
                        done(i, run_task(task))
            else:
                from .pool import run_pool

                _warm_imports(fmts)
                run_pool(tasks, workers, settings, done)
        except BaseException:
            remove_temporaries(o for t in tasks for o in t.outputs)
            raise
        finally:
            if settings.pdf and workers > 1:  # a worker killed mid-PDF left its profile
                from ..writers.pdf.office import remove_orphans

                remove_orphans()
    ordered = tuple(results[i] for i in range(len(tasks)))
    return BatchSummary(results=ordered, seconds=time.perf_counter() - started, jobs=workers,
                        skipped=tuple(skipped))


def _office_session(pdf: bool) -> contextlib.AbstractContextManager[None]:
    if not pdf:
        return contextlib.nullcontext()
    from ..writers.pdf import office_session

    return office_session()


class Terminated(KeyboardInterrupt):
    """The batch got SIGTERM (a :class:`KeyboardInterrupt`, so it unwinds the same way)."""


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Inside: SIGTERM raises :class:`Terminated` (main thread, default handler only)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def summary_lines(summary: BatchSummary, outdir: str | os.PathLike[str] | None = None) -> list[str]:
    """Human-readable summary: one count line, a line of skipped files (if any), then every
    failure line (file: path: message)."""
    total = len(summary.results)
    ok = len(summary.succeeded)
    where = f" in {outdir}" if outdir is not None else ""
    docs = summary.documents
    lines = [f"{ok}/{total} files rendered, {docs} document{'s' if docs != 1 else ''}{where} "
             f"({summary.seconds:.1f} s, {summary.jobs} job{'s' if summary.jobs != 1 else ''})"]
    if summary.skipped:
        n = len(summary.skipped)
        lines.append(f"{n} file{'s' if n != 1 else ''} skipped, outputs already exist "
                     f"/ 이미 있어 건너뛴 파일 {n}개")
    failed = summary.failed
    if failed:
        lines.append(f"{len(failed)} file{'s' if len(failed) != 1 else ''} failed "
                     f"/ 실패한 파일 {len(failed)}개:")
        for r in failed:
            lines.extend(f"  {line}" for line in r.error_lines())
    return lines


__all__ = [
    "BatchInputError",
    "BatchSummary",
    "Engine",
    "FileResult",
    "Terminated",
    "collect_inputs",
    "default_jobs",
    "describe_error",
    "existing_outputs",
    "find_inputs",
    "parse_formats",
    "plan_outputs",
    "render_file",
    "run_batch",
    "summary_lines",
]
