"""Reader benchmarks: a plain script, not a test.

    .venv/bin/python benchmarks/readers.py [--runs N]

* A report of about 20 pages (the seed's 주요 업무 tasks replicated) is rendered to HWPX, DOCX
  and HWP; each is read back with :func:`govreport.readers.read_document` (median of N warm
  runs).  Pages are counted by rhwp's layout of the HWPX.
* HWPX: our lxml pass over the package (``read_hwpx``: paragraphs, runs, bold, alignment,
  indents, tables with spans) against python-hwpx's reading API doing the same walk
  (``HwpxDocument.open`` + paragraphs/runs/tables/cells) — the measurement behind the choice
  of lxml.
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


if __name__ == "__main__":
    main()
