"""The targets of issue 27, each beside its baseline in one run (``benchmarks/run.py
--targets``, or at the end of a full run).  A plain module, not a test.

* **Start-up** (commands from the shell, fresh interpreters, bytecode cached): ``govreport
  validate seed`` and ``govreport render seed -o x.docx|.hwpx`` beside ``python -c "import
  click"``; ``govreport import`` of a ~25-page HWPX beside python-hwpx's
  ``hwpx-text-extract`` of the same file.  Counted in instructions (callgrind, which does not
  move with the machine's load) when valgrind is installed, else wall medians taking turns.
* **DOCX reading in-process**: ``read_document`` of the ~25-page DOCX beside a python-docx
  text dump (paragraphs and table cells), CPU medians taking turns.
* **PDF batch**: ``govreport batch --to pdf --jobs 1`` beside one ``soffice --convert-to
  pdf`` call given the same DOCX files, and ``--jobs 2`` beside two such calls in parallel
  (half the files each): wall time of interleaved rounds, the 1-minute load beside each.
* **Dask**: ``batch --engine dask`` on a local cluster of 2 worker processes beside the
  process pool (``--jobs 2``), the same files: wall time and reports per second per core.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
BIN = Path(sys.executable).parent

Row = tuple[str, str, str, str, str]
"""(target, measured, baseline, ratio, note)."""


def _env() -> dict[str, str]:
    """Fresh interpreters with their bytecode cached (in a private folder)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "govreport-bench-pyc")
    return env


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _instructions(cmd: list[str], cwd: Path) -> int:
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          *cmd], cwd=cwd, env=_env(), capture_output=True, text=True,
                         check=False)
    m = re.search(r"Collected : (\d+)", out.stderr)
    if m is None:
        raise RuntimeError(f"callgrind gave no count for {cmd}: {out.stderr[-500:]}")
    return int(m.group(1))


def _wall(cmds: list[list[str]], cwd: Path, runs: int) -> list[float]:
    for cmd in cmds:  # warm: bytecode written
        subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, check=False)
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, out in zip(cmds, times, strict=True):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, check=False)
            out.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def _big_report_files(folder: Path) -> tuple[Path, Path]:
    """The seed with its 주요 업무 tasks twice (about 25 pages), as HWPX and DOCX."""
    import attrs

    import govreport
    from govreport.app.render import render_bytes

    r = govreport.load(SEED)
    part = r.parts[1]
    sections = tuple(attrs.evolve(s, title=f"{s.title} ({i + 1})")
                     for i in range(2) for s in part.sections)
    big = attrs.evolve(r, parts=(r.parts[0], attrs.evolve(part, sections=sections)))
    hwpx, docx = folder / "big.hwpx", folder / "big.docx"
    hwpx.write_bytes(render_bytes(big, "hwpx"))
    docx.write_bytes(render_bytes(big, "docx"))
    return hwpx, docx


def startup_rows(folder: Path, runs: int) -> list[Row]:
    """Start-up of validate, render and import beside their floors."""
    gr = str(BIN / "govreport")
    hwpx, docx = _big_report_files(folder)
    click = [sys.executable, "-c", "import click"]
    pairs: list[tuple[str, list[str], list[str], str, float]] = [
        ("validate seed", [gr, "validate", str(SEED)], click, "import click", 2.0),
        ("render seed -o x.docx", [gr, "render", str(SEED), "-o", "x.docx", "-f"], click,
         "import click", 3.0),
        ("render seed -o x.hwpx", [gr, "render", str(SEED), "-o", "x.hwpx", "-f"], click,
         "import click", 3.0),
    ]
    extract = BIN / "hwpx-text-extract"
    if extract.exists():
        pairs.append(("import 25-page HWPX", [gr, "import", str(hwpx), "-o", "big.json", "-f"],
                      [str(extract), str(hwpx)], "hwpx-text-extract", 1.2))
    rows: list[Row] = []
    counted = shutil.which("valgrind") is not None
    for name, ours, base, base_name, target in pairs:
        if counted:
            _instructions(ours, folder)  # warm: bytecode
            a, b = _instructions(ours, folder), _instructions(base, folder)
            shown, base_shown, unit = f"{a / 1e6:.0f}M", f"{b / 1e6:.0f}M", "instructions"
        else:
            a, b = _wall([ours, base], folder, runs)  # type: ignore[assignment]
            shown, base_shown, unit = f"{a * 1000:.0f} ms", f"{b * 1000:.0f} ms", "wall"
        ratio = a / b
        rows.append((f"{name} ≤ {target:g}× {base_name}", shown, f"{base_name} {base_shown}",
                     f"{ratio:.2f}× {'yes' if ratio <= target else 'no'}",
                     f"{unit}, load {load()}"))
    rows.append(_docx_read_row(docx, runs))
    return rows


def _docx_read_row(docx: Path, runs: int) -> Row:
    """In-process DOCX reading beside a python-docx text dump (CPU, taking turns)."""
    import docx as python_docx

    from govreport.readers import read_document

    data = docx.read_bytes()

    def ours() -> object:
        return read_document(data, "docx")

    def dump() -> object:
        doc = python_docx.Document(io.BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)

    a_t, b_t = _cpu_turns([ours, dump], runs)
    ratio = a_t / b_t
    return ("DOCX read in-process ≤ 1.0× python-docx text dump", f"{a_t * 1000:.0f} ms",
            f"python-docx {b_t * 1000:.0f} ms", f"{ratio:.2f}× {'yes' if ratio <= 1 else 'no'}",
            f"CPU, median of {runs}, taking turns, load {load()}")


def _cpu_turns(funcs: list[Callable[[], object]], runs: int) -> list[float]:
    for f in funcs:
        f()
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(runs):
        for f, out in zip(funcs, times, strict=True):
            start = time.process_time()
            f()
            out.append(time.process_time() - start)
    return [statistics.median(t) for t in times]


def _reports(folder: Path, n: int) -> tuple[Path, list[Path]]:
    """``n`` seed reports with distinct titles, as JSON and as govreport's DOCX."""
    import govreport
    from govreport.app.render import render_bytes

    data = json.loads(SEED.read_text(encoding="utf-8"))
    src, docx_dir = folder / "pdf-in", folder / "pdf-docx"
    src.mkdir(exist_ok=True)
    docx_dir.mkdir(exist_ok=True)
    docs = []
    for i in range(n):
        d = copy.deepcopy(data)
        d["meta"]["title"] = f"{d['meta']['title']} {i + 1}"
        text = json.dumps(d, ensure_ascii=False)
        (src / f"r{i:03d}.json").write_text(text, encoding="utf-8")
        docs.append(docx_dir / f"r{i:03d}.docx")
        docs[-1].write_bytes(render_bytes(govreport.loads(text), "docx"))
    return src, docs


def _soffice_call(soffice: str, profile: Path, docs: list[Path],
                  out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pdf_rows(folder: Path, n: int, rounds: int) -> list[Row]:
    """The PDF batch beside LibreOffice's own batch mode, interleaved rounds."""
    from govreport.writers.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return [("PDF batch", "-", "-", "-", "no LibreOffice: not measured")]
    src, docs = _reports(folder, n)
    profiles = [folder / "so-profile-1", folder / "so-profile-2"]
    for p in profiles:  # warm profiles, as a user's
        _soffice_call(soffice, p, docs[:1], folder / "so-warm").wait()
    gr = str(BIN / "govreport")

    def ours(jobs: int) -> float:
        out = folder / f"gr-out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([gr, "batch", str(src), "-o", str(out), "--to", "pdf", "--jobs",
                        str(jobs)], env=_env(), capture_output=True, check=True)
        return time.perf_counter() - start

    def theirs(calls: int) -> float:
        out = folder / "so-out"
        shutil.rmtree(out, ignore_errors=True)
        half = (len(docs) + 1) // 2
        groups = [docs] if calls == 1 else [docs[:half], docs[half:]]
        start = time.perf_counter()
        procs = [_soffice_call(soffice, profiles[i], g, out) for i, g in enumerate(groups)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    ours(1)  # warm: govreport's cached profiles
    pairs: dict[int, list[tuple[float, float, str]]] = {1: [], 2: []}
    for _ in range(rounds):
        for jobs in (1, 2):
            before = load()
            a, b = ours(jobs), theirs(jobs)
            pairs[jobs].append((a, b, before))
    rows: list[Row] = []
    for jobs, target, base in ((1, 1.0, "one soffice call"), (2, 0.8, "two parallel calls")):
        ratios = [a / b for a, b, _ in pairs[jobs]]
        a_m = statistics.median(a for a, _, _ in pairs[jobs])
        b_m = statistics.median(b for _, b, _ in pairs[jobs])
        r = statistics.median(ratios)
        rows.append((f"batch {n} → PDF --jobs {jobs} ≤ {target:g}× {base}", f"{a_m:.1f} s",
                     f"{base} {b_m:.1f} s", f"{r:.2f}× {'yes' if r <= target else 'no'}",
                     f"{rounds} interleaved rounds, ratios "
                     f"{', '.join(f'{x:.2f}' for x in ratios)}; load "
                     f"{', '.join(lo for _, _, lo in pairs[jobs])}"))
    return rows


def dask_rows(folder: Path, n: int) -> list[Row]:
    """Dask on a local cluster of 2 workers beside the process pool, the same inputs."""
    try:
        import distributed
    except ImportError:
        return [("batch --engine dask", "-", "-", "-", "Dask not installed: not measured")]
    from govreport.app.batch import collect_inputs, run_batch
    from govreport.app.dask_batch import LOOPBACK_ONLY

    data = json.loads(SEED.read_text(encoding="utf-8"))
    src = folder / "dask-in"
    src.mkdir()
    for i in range(n):
        d = copy.deepcopy(data)
        d["meta"]["title"] = f"{d['meta']['title']} {i + 1}"
        (src / f"r{i:04d}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    inputs = collect_inputs([src])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", **LOOPBACK_ONLY) as cluster:
        address = cluster.scheduler_address
        run_batch(inputs[:4], folder / "dask-warm", ["docx", "hwpx"], engine="dask",
                  scheduler=address)  # warm: imports in the workers
        before = load()
        start = time.perf_counter()
        run_batch(inputs, folder / "dask-out", ["docx", "hwpx"], engine="dask",
                  scheduler=address)
        dask_s = time.perf_counter() - start
    start = time.perf_counter()
    run_batch(inputs, folder / "pool-out", ["docx", "hwpx"], jobs=2)
    pool_s = time.perf_counter() - start
    same = all((folder / "dask-out" / p.name).read_bytes() == p.read_bytes()
               for p in (folder / "pool-out").iterdir())
    return [(f"batch {n} → DOCX+HWPX, Dask (2 workers, running cluster)",
             f"{dask_s:.1f} s", f"process pool --jobs 2 {pool_s:.1f} s",
             f"{dask_s / pool_s:.2f}×",
             f"{n / dask_s / 2:.0f} reports/s per core on Dask, {n / pool_s / 2:.0f} in the "
             f"pool; same bytes: {'yes' if same else 'NO'}; load {before}")]


def target_rows(runs: int, pdf_n: int, pdf_rounds: int, dask_n: int) -> list[Row]:
    """Every target row (start-up, DOCX read, PDF batch, Dask)."""
    with tempfile.TemporaryDirectory(prefix="govreport-targets-") as tmp:
        folder = Path(tmp)
        rows = startup_rows(folder, runs)
        for row in rows:
            print("  " + " | ".join(row), file=sys.stderr, flush=True)
        more: list[Row] = []
        if pdf_n:
            more += pdf_rows(folder, pdf_n, pdf_rounds)
        if dask_n:
            more += dask_rows(folder, dask_n)
        for row in more:
            print("  " + " | ".join(row), file=sys.stderr, flush=True)
        return rows + more


def print_table(rows: list[Row]) -> None:
    print("| target | measured | baseline | ratio, met? | how |")
    print("|---|---:|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    import argparse

    parser = argparse.ArgumentParser(description="issue 27 targets beside their baselines")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf", type=int, default=20, help="reports in the PDF batch (0: none)")
    parser.add_argument("--pdf-rounds", type=int, default=2)
    parser.add_argument("--dask", type=int, default=200, help="reports in the Dask batch")
    args = parser.parse_args(argv)
    rows = target_rows(args.runs, args.pdf, args.pdf_rounds, args.dask)
    print_table(rows)
    return {"targets": rows}


if __name__ == "__main__":
    main()
