"""govreport benchmarks: a plain script, not a test.  Prints a table of medians and ratios.

    .venv/bin/python benchmarks/run.py            # full run (a few minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer runs, 100-report batch
    .venv/bin/python benchmarks/run.py --json results.json
    .venv/bin/python benchmarks/run.py --targets  # issue 27's targets only

Measured, in one process unless noted:

* the seed example → DOCX and → HWPX with ``render_bytes`` (median of 20 warm runs), the
  seed → HWPX with the texts' kept measurements emptied before each run (what a report
  never seen before costs), and each writer alone on the same laid-out document;
* reports 10× and 100× larger (the seed's 주요 업무 tasks replicated);
* CLI cold start: ``python -m govreport --help`` beside ``python -c "import click"`` (the
  floor: the command-line library alone), ``import govreport`` and ``govreport validate`` of
  the seed (fresh interpreter each time, bytecode cached as in an installed package, medians
  of 20; ``--help`` and ``import click`` take turns); a full ``govreport render`` of the
  seed (median of 5);
* work once: CPU per report of ``batch``'s per-file step (``render_file``: load, check, lay
  out, write DOCX + HWPX) beside the "both formats" floor (``render_bytes`` DOCX + HWPX of a
  loaded report, in one process), taking turns, medians of 20;
* ``govreport batch`` of 1,000 generated reports → DOCX + HWPX with ``--jobs 2`` (wall time,
  and the CPU of all its processes per report);
* PDF (when LibreOffice is installed): the seed → PDF with ``render_bytes`` beside one plain
  ``soffice --headless --convert-to pdf`` of the same DOCX (warm profile, taking turns,
  medians of 5), and ``govreport batch`` of 50 reports → PDF beside fifty separate plain
  conversions of their DOCX (10 with ``--quick``; ``--pdf 0`` leaves PDF out);
* baselines on the same text: a flat docxtpl template looping over the seed's lines as plain
  paragraphs, and a python-docx document built directly with the same paragraphs.

At the end (or alone with ``--targets``; ``--no-targets`` leaves them out): the targets of
issue 27 beside their baselines — start-up of validate, render and import in instructions,
DOCX reading, the PDF batch beside LibreOffice's own batch mode, and Dask beside the process
pool (see ``benchmarks/targets.py``).

With ``--scale`` (opt-in: a few minutes more), also:

* the seed → HWPX split into its steps: ``check_report`` (of a report not yet checked),
  ``layout`` and the HWPX writer (medians, as the seed rows);
* the seed ×100 and ×1000 → DOCX and → HWPX, each ``render_bytes`` in a fresh process
  (median of ``--scale-runs``): wall and CPU time, the exponent of the time from ×100 to
  ×1000 (1.0 = linear), and the process's peak memory (``ru_maxrss``; the peak after
  loading the report alone in brackets); ×1000 → HWPX once more with the collector's
  thresholds left at CPython's defaults, and the load (JSON → checked report) of ×1000.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import govreport
from govreport.app.render import render_bytes
from govreport.layout import layout
from govreport.theme import Theme
from govreport.writers.docx import write_docx
from govreport.writers.hwpx import write_hwpx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
TEXT_KEYS = ("title", "summary", "label", "key", "text", "name", "place", "remark", "slogan")


# --------------------------------------------------------------------------- helpers


def median_seconds(func: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Median wall time of ``runs`` calls after ``warmup`` unmeasured calls."""
    for _ in range(warmup):
        func()
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def forget_texts() -> None:
    """Empty what the library keeps by text (widths, word widths, line fits, formatted
    digits) and the HWPX header parts it keeps: a render then costs what it costs for a
    report never seen before."""
    from govreport.formatting import numbers
    from govreport.layout import fitting, grid
    from govreport.writers.hwpx import header

    header._RENDERED.clear()
    grid._EMS.clear()
    grid._WORD_EMS.clear()
    fitting.fit.cache_clear()
    numbers._DIGITS.clear()


def first_time(report: Any) -> bytes:
    """``render_bytes(report, "hwpx")`` after :func:`forget_texts`."""
    forget_texts()
    return render_bytes(report, "hwpx")


def scaled(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """The seed with its task sections (the 주요 업무 part) replicated ``factor`` times."""
    out = copy.deepcopy(data)
    for part in out["parts"]:
        if any(s.get("kind") == "task" for s in part["sections"]):
            part["sections"] = [copy.deepcopy(s) for _ in range(factor) for s in part["sections"]]
    return out


def flat_lines(value: Any) -> Iterator[str]:
    """Every text of a report's JSON in document order: titles, items, cells, notes …"""
    if isinstance(value, dict):
        for key, v in value.items():
            if key in TEXT_KEYS and isinstance(v, str):
                yield v
            elif key in ("value", "grades", "notes") and isinstance(v, str | int | float):
                yield str(v)
            elif key != "meta" or isinstance(v, dict):
                yield from flat_lines(v)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, str | int | float) and not isinstance(v, bool):
                yield str(v)
            else:
                yield from flat_lines(v)


def docxtpl_baseline(folder: Path) -> Callable[[list[str]], bytes]:
    """A flat docxtpl template (a loop of plain paragraphs) and a function filling it."""
    import docx
    from docxtpl import DocxTemplate

    path = folder / "flat.docx"
    doc = docx.Document()
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph("{%p for line in lines %}")
    doc.add_paragraph("{{ line }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(str(path))

    def fill(lines: list[str]) -> bytes:
        tpl = DocxTemplate(str(path))
        tpl.render({"title": lines[0], "lines": lines[1:]})
        buf = io.BytesIO()
        tpl.save(buf)
        return buf.getvalue()

    return fill


def python_docx_direct(lines: list[str]) -> bytes:
    """The same paragraphs built with python-docx directly."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(lines[0])
    for line in lines[1:]:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def cli_seconds(args: list[str], runs: int) -> float:
    """Median wall time of a fresh ``python -m govreport ARGS`` process."""
    return python_seconds(["-m", "govreport", *args], runs)


def _cold_env() -> dict[str, str]:
    """The environment of the fresh interpreters: bytecode cached (in a private folder), as
    in an installed package.  ``PYTHONDONTWRITEBYTECODE`` would make every run compile
    govreport's sources but not click's (installed with its bytecode): an unfair floor."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="govreport-bench-pyc-")
    return env


_COLD_ENV: dict[str, str] = {}


def _python(args: list[str]) -> None:
    if not _COLD_ENV:
        _COLD_ENV.update(_cold_env())
    subprocess.run([sys.executable, *args], check=True, env=_COLD_ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def python_seconds(args: list[str], runs: int) -> float:
    """Median wall time of a fresh ``python ARGS`` process."""
    return median_seconds(partial(_python, args), runs)


def side_by_side(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall times of fresh ``python ARGS`` processes, the commands taking turns (so
    that a change in the machine's load touches all of them alike)."""
    for args in commands:  # warm-up: writes the bytecode cache
        _python(args)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for args, out in zip(commands, times, strict=True):
            start = time.perf_counter()
            _python(args)
            out.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def work_once_rows(folder: Path, runs: int) -> list[tuple[str, float, str]]:
    """Batch's per-file step (load, check, lay out, DOCX + HWPX) beside "both formats",
    taking turns (CPU time; a phase of noise then hits both sides alike)."""
    from govreport.app.batch import render_file

    src = folder / "once.json"
    src.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    outs = [folder / "once.docx", folder / "once.hwpx"]
    report = govreport.load(SEED)

    def per_file() -> None:
        render_file(src, outs, overwrite=True)

    def both() -> None:
        render_bytes(report, "docx")
        render_bytes(report, "hwpx")

    per_file()
    both()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for job, kept in ((per_file, times[0]), (both, times[1])):
            start = time.process_time()
            job()
            kept.append(time.process_time() - start)
    per, floor = statistics.median(times[0]), statistics.median(times[1])
    return [
        ("batch per file: load + DOCX + HWPX (CPU)", per,
         f"median of {runs}, taking turns, {per / floor:.2f}× both formats"),
        ("both formats in one process: DOCX + HWPX (CPU)", floor,
         f"median of {runs}, render_bytes of a loaded report"),
    ]


def scale_child(factor: int, fmt: str, untuned: bool) -> None:
    """One render of the seed ×``factor`` in this (fresh) process; prints a JSON line."""
    import gc

    data = scaled(json.loads(SEED.read_text(encoding="utf-8")), factor)
    text = json.dumps(data, ensure_ascii=False)
    del data
    from govreport.support.gc_tuning import RENDER_THRESHOLDS

    if not untuned:  # as the command line runs (the library leaves the collector alone)
        gc.set_threshold(*RENDER_THRESHOLDS)
    start = time.perf_counter()
    report = govreport.loads(text)  # checked here: render_bytes does not check again
    load_s = time.perf_counter() - start
    del text
    gc.collect()
    loaded_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    out = render_bytes(report, fmt)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "cpu": cpu, "load": load_s, "peak_mb": peak_kb / 1024,
                      "loaded_mb": loaded_kb / 1024, "kb": len(out) // 1024}))


def _scale_run(factor: int, fmt: str, runs: int, untuned: bool = False) -> dict[str, float]:
    """Medians (and the highest peak) of ``runs`` fresh processes of :func:`scale_child`."""
    got: list[dict[str, float]] = []
    for _ in range(runs):
        args = [sys.executable, str(Path(__file__).resolve()), "--scale-child",
                f"{factor}:{fmt}{':untuned' if untuned else ''}"]
        proc = subprocess.run(args, check=True, capture_output=True, text=True)
        got.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out = {k: statistics.median(g[k] for g in got) for k in got[0]}
    out["peak_mb"] = max(g["peak_mb"] for g in got)
    return out


def scale_rows(report: Any, runs: int, scale_runs: int) -> list[tuple[str, float, str]]:
    """The seed → HWPX in steps, ×100 and ×1000 in fresh processes (see the docstring)."""
    import math

    from govreport.checks import semantic as validation
    from govreport.layout import layout
    from govreport.theme import Theme
    from govreport.writers.hwpx import write_hwpx

    theme = Theme.seoul()
    laid = layout(report, theme, "ko_KR")

    def check() -> None:
        object.__setattr__(report, "_checked", None)  # not yet checked (the report keeps it)
        validation.check_report(report)

    rows: list[tuple[str, float, str]] = []
    for name, job in (("check_report", check),
                      ("layout", partial(layout, report, theme, "ko_KR")),
                      ("HWPX writer (write_hwpx of the layout)", partial(write_hwpx, laid, theme))):
        rows.append((f"seed → HWPX step: {name}", median_seconds(job, runs, 3),
                     f"median of {runs}"))
    validation.check_report(report)
    for fmt in ("hwpx", "docx"):
        small = _scale_run(100, fmt, scale_runs)
        big = _scale_run(1000, fmt, scale_runs)
        exponent = math.log10(big["wall"] / small["wall"])
        cpu_exponent = math.log10(big["cpu"] / small["cpu"])
        for factor, got in ((100, small), (1000, big)):
            rows.append((f"seed ×{factor} → {fmt.upper()} (fresh process)", got["wall"],
                         f"median of {scale_runs}, CPU {got['cpu']:.1f} s, peak "
                         f"{got['peak_mb']:,.0f} MB ({got['loaded_mb']:,.0f} MB after load), "
                         f"{got['kb']:,.0f} KB"))
        rows.append((f"{fmt.upper()} ×100 → ×1000: exponent", exponent,
                     f"time ∝ size^{exponent:.3f} (wall), ^{cpu_exponent:.3f} (CPU); "
                     "1.0 = linear"))
        if fmt == "hwpx":
            plain = _scale_run(1000, fmt, scale_runs, untuned=True)
            rows.append(("seed ×1000 → HWPX, collector thresholds untuned", plain["wall"],
                         f"median of {scale_runs}, CPU {plain['cpu']:.1f} s, "
                         f"{plain['wall'] / big['wall']:.2f}× the tuned render"))
            rows.append(("seed ×1000: load (JSON → checked report)", big["load"],
                         f"median of {scale_runs}, in the HWPX processes"))
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}, {cores} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, govreport {govreport.__version__}")


def load_average() -> str:
    """The 1-minute load average (other processes competing for the CPUs)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "n/a"


def _plain_soffice(soffice: str, profile: Path, docx: list[Path], outdir: Path) -> None:
    """One plain LibreOffice conversion, as a user would type it (own warm profile)."""
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pdf_rows(folder: Path, data: dict[str, Any], runs: int, n_docs: int,
             jobs: int) -> list[tuple[str, float, str]]:
    """Seed → PDF beside one plain conversion; a batch of ``n_docs`` PDFs beside as many
    separate plain conversions (wall times, measured in turns where they repeat)."""
    from govreport.writers.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        print("  (no LibreOffice: PDF rows left out)", file=sys.stderr)
        return []
    report = govreport.load(SEED)
    seed_docx = folder / "pdf-seed.docx"
    seed_docx.write_bytes(render_bytes(report, "docx"))
    profile, outdir = folder / "plain-profile", folder / "plain-out"
    outdir.mkdir()
    _plain_soffice(soffice, profile, [seed_docx], outdir)  # warm: the profile exists
    render_bytes(report, "pdf")  # warm: govreport's cached profile exists
    plain: list[float] = []
    ours: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        _plain_soffice(soffice, profile, [seed_docx], outdir)
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_bytes(report, "pdf")
        ours.append(time.perf_counter() - start)
    plain_s, ours_s = statistics.median(plain), statistics.median(ours)
    rows = [
        ("seed → PDF (render_bytes)", ours_s,
         f"median of {runs}, {ours_s / plain_s:.2f}× one plain conversion"),
        ("one plain soffice --convert-to pdf of the seed DOCX", plain_s,
         f"median of {runs}, warm profile"),
    ]
    src, docx_dir = folder / "pdf-in", folder / "pdf-docx"
    src.mkdir()
    docx_dir.mkdir()
    docs: list[Path] = []
    for i in range(n_docs):
        d = copy.deepcopy(data)
        d["meta"]["title"] = f"{d['meta']['title']} {i + 1}"
        (src / f"r{i:03d}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        docs.append(docx_dir / f"r{i:03d}.docx")
        docs[-1].write_bytes(render_bytes(govreport.loads(json.dumps(d, ensure_ascii=False)),
                                          "docx"))
    start = time.perf_counter()
    for doc in docs:
        _plain_soffice(soffice, profile, [doc], outdir)
    separate = time.perf_counter() - start
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", "batch", str(src), "-o", str(folder / "pdf-out"),
         "--to", "pdf", "--jobs", str(jobs)],
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    batch = time.perf_counter() - start
    made = len(list((folder / "pdf-out").glob("*.pdf")))
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    rows += [
        (f"CLI: batch {n_docs} reports → PDF, --jobs {jobs}", batch,
         f"wall, {made} PDFs, {batch / separate:.2f}× {n_docs} separate conversions"),
        (f"{n_docs} separate plain soffice conversions", separate,
         f"wall, one after another, {separate / n_docs * 1000:.0f} ms each"),
    ]
    return rows


# --------------------------------------------------------------------------- main


def keep_chain_rows(runs: int) -> list[tuple[str, float, str]]:
    """The pagination pass over one keep-with-next chain of 10k/20k/100k ○ items (e.g. a
    long list a template marks "keep together"): linear in the chain's length."""
    from govreport.layout.nodes import Para, Run
    from govreport.layout.paginate import paginate

    theme = Theme.seoul()
    out: list[tuple[str, float, str]] = []
    for n in (10_000, 20_000, 100_000):
        body = tuple(Para(role="L2", symbol="○", runs=(Run(text=f"항목 {i} 내용이 조금 긴 줄"),),
                          space_before_pt=6.0, keep_next=True) for i in range(n))
        body += (Para(role="L2", runs=(Run(text="끝"),)),)
        k = max(1, runs // (n // 10_000))
        sec = median_seconds(partial(paginate, body, theme), k, 0)
        out.append((f"paginate: keep-with-next chain of {n:,} items", sec,
                    f"median of {k}, {sec / n * 1e6:.1f} µs per item"))
    return out


def main() -> None:
    import gc

    from govreport.support.gc_tuning import RENDER_THRESHOLDS

    # in-process rows run as the command line does (fewer_collections is opt-in for the
    # library); the fresh processes of --scale set their own
    gc.set_threshold(*RENDER_THRESHOLDS)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true",
                        help="5 runs instead of 20 and a batch of 100 instead of 1,000")
    parser.add_argument("--batch", type=int, default=None, help="number of batch reports")
    parser.add_argument("--jobs", type=int, default=2, help="batch --jobs (default 2)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--pdf", type=int, default=None,
                        help="reports in the PDF batch (default 50, 10 with --quick; 0: no PDF)")
    parser.add_argument("--scale", action="store_true",
                        help="also the seed → HWPX steps and the seed ×100/×1000 in fresh "
                             "processes (time, exponent, peak memory): a few minutes more")
    parser.add_argument("--scale-runs", type=int, default=3,
                        help="fresh processes per size and format with --scale (default 3)")
    parser.add_argument("--targets", action="store_true",
                        help="only the targets of issue 27 beside their baselines "
                             "(benchmarks/targets.py): start-up, PDF batch, Dask")
    parser.add_argument("--no-targets", action="store_true",
                        help="leave the issue 27 targets out of a full run")
    parser.add_argument("--scale-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.targets or not args.no_targets:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import targets
    if args.targets:
        print(f"Machine: {machine()}; load at start {load_average()}")
        targets.print_table(targets.target_rows(3 if args.quick else 7,
                                                10 if args.quick else 20, 2,
                                                100 if args.quick else 200))
        print(f"Load at end: {load_average()}")
        return
    if args.scale_child:
        factor, fmt, *flags = args.scale_child.split(":")
        scale_child(int(factor), fmt, "untuned" in flags)
        return
    runs = 5 if args.quick else 20
    big_runs = {10: 3 if args.quick else 5, 100: 1 if args.quick else 3}
    cli_runs = 3 if args.quick else 5
    batch_n = args.batch or (100 if args.quick else 1000)

    data = json.loads(SEED.read_text(encoding="utf-8"))
    rows: list[tuple[str, float, str, str]] = []  # (name, seconds, note, ratio text)

    def add(name: str, seconds: float, note: str = "", ratio: str = "") -> None:
        rows.append((name, seconds, note, ratio))
        shown = f"{seconds:10.3f}   " if "exponent" in name else f"{seconds * 1000:10.1f} ms"
        print(f"  {name:<46} {shown}  {note}", file=sys.stderr, flush=True)

    print(machine(), file=sys.stderr)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        folder = Path(tmp)
        fill = docxtpl_baseline(folder)
        theme = Theme.seoul()
        for factor in (1, 10, 100):
            n = runs if factor == 1 else big_runs[factor]
            warm = 1 if factor == 1 else 0  # imports and caches are warm after the seed runs
            source = data if factor == 1 else scaled(data, factor)
            report = govreport.loads(json.dumps(source, ensure_ascii=False))
            lines = list(flat_lines(source))
            tasks = sum(len(p.sections) for p in report.parts if p.overview)
            label = "seed" if factor == 1 else f"seed ×{factor}"
            tpl_s = median_seconds(partial(fill, lines), n, warm)
            raw_s = median_seconds(partial(python_docx_direct, lines), n, warm)
            for fmt in ("docx", "hwpx"):
                job = partial(render_bytes, report, fmt)
                sec = median_seconds(job, n, warm)
                kb = f", {len(job()) // 1024} KB" if factor == 1 else ""
                add(f"{label} → {fmt.upper()} ({tasks} tasks)", sec, f"median of {n}{kb}",
                    f"{sec / tpl_s:.2f} | {sec / raw_s:.2f}")
            if factor == 1:  # a report whose texts the process has not measured yet
                sec = median_seconds(partial(first_time, report), n, warm)
                add(f"{label} → HWPX, texts not seen before", sec,
                    f"median of {n}: widths, line fits and digits measured afresh",
                    f"{sec / tpl_s:.2f} | {sec / raw_s:.2f}")
            if factor == 1:  # the writers alone, on the same laid-out document
                laid = layout(report, theme, "ko_KR")
                for name, write in (("DOCX", write_docx), ("HWPX", write_hwpx)):
                    sec = median_seconds(partial(write, laid, theme), n, warm)
                    add(f"{label}: {name} writer alone (laid out)", sec, f"median of {n}",
                        f"{sec / tpl_s:.2f} | {sec / raw_s:.2f}")
            add(f"{label}: docxtpl flat template", tpl_s,
                f"median of {n}, {len(lines)} plain paragraphs", "1 | ")
            add(f"{label}: python-docx direct", raw_s, f"median of {n}", " | 1")

        start_runs = 5 if args.quick else 20
        click_s, help_s = side_by_side([["-c", "import click"], ["-m", "govreport", "--help"]],
                                       start_runs)
        add("CLI cold start: python -m govreport --help", help_s,
            f"median of {start_runs}, {help_s / click_s:.2f}× import click")
        add("floor: python -c 'import click'", click_s, f"median of {start_runs}")
        add("python -c 'import govreport'", python_seconds(["-c", "import govreport"],
                                                           start_runs),
            f"median of {start_runs}")
        add("CLI: govreport validate seed", cli_seconds(["validate", str(SEED)], start_runs),
            f"median of {start_runs}")
        for name, sec, note in work_once_rows(folder, runs):
            add(name, sec, note)
        for name, sec, note in keep_chain_rows(3 if args.quick else 5):
            add(name, sec, note)
        if args.scale:
            for name, sec, note in scale_rows(govreport.load(SEED), runs, args.scale_runs):
                add(name, sec, note)
        out = folder / "seed.docx"
        add("CLI: govreport render seed -o seed.docx",
            cli_seconds(["render", str(SEED), "-o", str(out), "--force"], cli_runs),
            f"median of {cli_runs}")

        src = folder / "in"
        src.mkdir()
        for i in range(batch_n):
            d = copy.deepcopy(data)
            d["meta"]["title"] = f"{d['meta']['title']} {i + 1}"
            (src / f"report-{i:04d}.json").write_text(json.dumps(d, ensure_ascii=False),
                                                     encoding="utf-8")
        start, cpu = time.perf_counter(), children_cpu()
        proc = subprocess.run(
            [sys.executable, "-m", "govreport", "batch", str(src), "-o", str(folder / "out"),
             "--to", "docx,hwpx", "--jobs", str(args.jobs)],
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        wall = time.perf_counter() - start
        cpu = children_cpu() - cpu
        made = len(list((folder / "out").glob("*")))
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
        add(f"CLI: batch {batch_n} reports → DOCX+HWPX, --jobs {args.jobs}", wall,
            f"total wall time, {made} files, {wall / batch_n * 1000:.1f} ms/report, "
            f"CPU {cpu / batch_n * 1000:.1f} ms/report")

        pdf_n = args.pdf if args.pdf is not None else (10 if args.quick else 50)
        if pdf_n > 0:
            for name, sec, note in pdf_rows(folder, data, 5 if not args.quick else 3, pdf_n,
                                            args.jobs):
                add(name, sec, note)

    target_table = [] if args.no_targets else targets.target_rows(
        3 if args.quick else 7, 10 if args.quick else 20, 2, 100 if args.quick else 200)
    print()
    print(f"Machine: {machine()}")
    print(f"Load average (1 min) at start / end: {load_before} / {load_average()}")
    if target_table:
        print()
        targets.print_table(target_table)
    print()
    print("| measurement | median | × docxtpl flat | × python-docx | note |")
    print("|---|---:|---:|---:|---|")
    for name, sec, note, ratio in rows:
        value = f"{sec:.1f} s" if sec >= 10 else f"{sec * 1000:.1f} ms"
        if "exponent" in name:  # a number, not a time
            value = f"{sec:.3f}"
        r1, _, r2 = ratio.partition("|")
        print(f"| {name} | {value} | {r1.strip()} | {r2.strip()} | {note} |")
    if args.json:
        args.json.write_text(json.dumps(
            {"machine": machine(), "results": [
                {"name": n, "seconds": sec, "note": note} for n, sec, note, _ in rows]},
            ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
