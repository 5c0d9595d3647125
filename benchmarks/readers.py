"""Reader benchmarks: a plain script, not a test.

    .venv/bin/python benchmarks/readers.py [--runs N]

* A report of about 20 pages (the seed's 주요 업무 tasks replicated) is rendered to HWPX, DOCX
  and HWP; each is read back with :func:`govreport.readers.read_document` (median of N warm
  runs).  Pages are counted by rhwp's layout of the HWPX.
* HWPX: our lxml pass over the package (``read_hwpx``: paragraphs, runs, bold, alignment,
  indents, tables with spans) against python-hwpx's reading API doing the same walk
  (``HwpxDocument.open`` + paragraphs/runs/tables/cells) — the measurement behind the choice
  of lxml.
* Side by side (issue 22): the whole in-process import (``read_document``: source pass,
  recognition, the carried report, the consistency repairs and the final check) against
  python-hwpx's own Markdown and plain-text export of the same file
  (``HwpxDocument.open(path).text.markdown()`` / ``.plain()``), which recover no structure.
  The three are timed taking turns (one run of each, repeated), so a busy moment of the
  shared machine falls on all of them alike; medians.  Files: the ~20-page report above
  (with the report it carries, and read from the page alone) and, when
  ``../shared/corpus/real`` is there, real documents no one on the team wrote.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs

import govreport
from govreport.app.render import render_bytes
from govreport.readers import read_document
from govreport.readers.hwpx import read_hwpx
from govreport.readers.log import ReadLog

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seoul-mayor-office-2025-04.json"


def big_report(copies: int) -> govreport.Report:
    r = govreport.load(SEED)
    part = r.parts[1]
    sections = tuple(attrs.evolve(s, title=f"{s.title} ({i + 1})")
                     for i in range(copies) for s in part.sections)
    return attrs.evolve(r, parts=(r.parts[0], attrs.evolve(part, sections=sections)))


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def taking_turns(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median ms of each function, run one after the other ``runs`` times (after a warm-up)."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(ts) * 1000 for name, ts in times.items()}


CORPUS = ROOT.parent / "shared" / "corpus" / "real"
REAL = ("hwpx_hwpx-h-02.hwpx", "hwpx_k-water-rfp.hwpx", "hwpx_pr-1674.hwpx",
        "opengov_36388711.hwpx")
"""Real documents of the development corpus measured side by side (when present)."""


def side_by_side(files: dict[str, Path], runs: int) -> None:
    """Our whole import against python-hwpx's Markdown and text export of the same file."""
    try:
        from hwpx import HwpxDocument
    except ImportError:
        print("python-hwpx not installed: side-by-side skipped", file=sys.stderr)
        return
    print(f"{'file':34s} {'ours':>8s} {'page only':>10s} {'their md':>9s} {'their txt':>9s}"
          "  ours/md")
    for name, path in files.items():
        fns: dict[str, Callable[[], object]] = {
            "ours": lambda path=path: read_document(path),
            "page": lambda path=path: read_document(path, carried=False),
            "md": lambda path=path: HwpxDocument.open(str(path)).text.markdown(),
            "txt": lambda path=path: HwpxDocument.open(str(path)).text.plain(),
        }
        ms = taking_turns(fns, runs)
        print(f"{name:34s} {ms['ours']:8.1f} {ms['page']:10.1f} {ms['md']:9.1f} "
              f"{ms['txt']:9.1f}  {ms['ours'] / ms['md']:.2f}×")


def python_hwpx_walk(path: Path) -> int:
    """What python-hwpx's API needs to give the same facts (text, runs, tables, cells)."""
    from hwpx import HwpxDocument

    doc = HwpxDocument.open(str(path))
    n = 0
    for p in doc.paragraphs:
        n += len(p.text or "")
        for run in p.runs:
            n += len(run.char_pr_id_ref or "")
        for t in p.tables:
            for row in t.rows:
                for c in row.cells:
                    n += len(c.text or "")
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    out = Path("/tmp/govreport-bench-readers")
    out.mkdir(exist_ok=True)
    report = big_report(2)
    files = {}
    for fmt in ("hwpx", "docx", "hwp"):
        try:
            data = render_bytes(report, fmt)  # type: ignore[arg-type]
        except Exception as exc:
            print(f"{fmt}: not rendered ({exc})")
            continue
        files[fmt] = out / f"big.{fmt}"
        files[fmt].write_bytes(data)
    pages = "?"
    try:
        from govreport.readers.hwp import load_rhwp

        pages = load_rhwp().parse(str(files["hwpx"])).page_count
    except Exception:
        pass
    print(f"report: {sum(len(p.sections) for p in report.parts)} sections, "
          f"{pages} pages (rhwp layout of the HWPX)")
    for fmt, path in files.items():
        ms = median_ms(lambda path=path: read_document(path), args.runs)
        print(f"read {fmt:5s} {path.stat().st_size // 1024:5d} KB  median {ms:7.1f} ms")
    data = files["hwpx"].read_bytes()
    ms_lxml = median_ms(lambda: read_hwpx(data, ReadLog()), args.runs)
    print(f"HWPX source pass, lxml (ours)        median {ms_lxml:7.1f} ms")
    try:
        ms_ph = median_ms(lambda: python_hwpx_walk(files["hwpx"]), max(3, args.runs // 3))
        print(f"HWPX same walk, python-hwpx API      median {ms_ph:7.1f} ms "
              f"({ms_ph / ms_lxml:.1f}×)")
    except ImportError:
        print("python-hwpx not installed: comparison skipped", file=sys.stderr)
    compared = {f"ours, {pages} pages (big.hwpx)": files["hwpx"]}
    if CORPUS.is_dir():
        compared.update({n: CORPUS / n for n in REAL if (CORPUS / n).is_file()})
    side_by_side(compared, args.runs)


if __name__ == "__main__":
    main()
