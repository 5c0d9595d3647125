"""Validation and hostile-input benchmarks: a plain script, not a test.

    .venv/bin/python benchmarks/hostile.py [--rows N] [--runs N]

* a report with one table of N rows × 3 columns (default 100,000): JSON parse, structure
  (cattrs), semantic checks (``check_report``) — the linear table checks (median CPU seconds,
  so a busy machine distorts them less than wall time);
* the same with spans (every 10th row has a 2-row rowspan) to time the slow path;
* hostile inputs through the CLI in-process: a 150-byte ``colspan: 10**9`` report, a
  100,000-level deep JSON, and template attacks (``lipsum(n=10**6)``, ``'x' * 3e9``, a nested
  ``range`` loop stopped by the watchdog) — seconds and peak RSS growth.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from govreport.checks.semantic import check_report
from govreport.codec.converter import structure
from govreport.readers.json import parse_json


def _report(rows: list[Any]) -> dict[str, Any]:
    return {"meta": {"title": "t", "org": "o", "date": "2025-04"},
            "parts": [{"title": "p", "sections": [{"title": "s", "blocks": [
                {"type": "table", "header": [["구분", "값", "비고"]], "rows": rows}]}]}]}


def _median(fn: Any, runs: int) -> float:
    """Median CPU seconds of ``fn`` (CPU time: the machine may be shared)."""
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def table_checks(n: int, runs: int) -> None:
    plain = json.dumps(_report([[f"항목 {i}", i, "비고"] for i in range(n)]),
                       ensure_ascii=False).encode()
    spans = []
    for i in range(n):
        if i % 10 == 0 and i + 1 < n:
            spans.append([{"value": f"항목 {i}", "rowspan": 2}, i, "비고"])
        elif i % 10 == 1:
            spans.append([i, "비고"])
        else:
            spans.append([f"항목 {i}", i, "비고"])
    spanned = json.dumps(_report(spans), ensure_ascii=False).encode()
    for name, text in (("plain", plain), ("spans", spanned)):
        data = parse_json(text)
        report = structure(data)
        t_parse = _median(lambda text=text: parse_json(text), runs)
        t_struct = _median(lambda data=data: structure(data), runs)
        t_check = _median(lambda report=report: check_report(report), runs)
        print(f"{n:,} rows × 3 ({name}, {len(text) / 2**20:.1f} MB): parse {t_parse:.2f} s, "
              f"structure {t_struct:.2f} s, checks {t_check:.2f} s "
              f"(total {t_parse + t_struct + t_check:.2f} s)")


def hostile(runs: int) -> None:
    from click.testing import CliRunner

    from govreport.app.cli import cli

    folder = Path(tempfile.mkdtemp())
    (folder / "colspan.json").write_text(json.dumps(_report([[{"value": "a",
                                                               "colspan": 10**9}]])))
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "free.json").write_text('{"n": 1}')
    from docx import Document

    attacks = {"lipsum": "{{ lipsum(n=1000000) }}", "repeat": "{{ 'x' * 3000000000 }}",
               "loop": "{% for i in range(100000) %}{% for j in range(100000) %}"
                       "{% endfor %}{% endfor %}"}
    for name, src in attacks.items():
        doc = Document()
        doc.add_paragraph(src)
        doc.save(str(folder / f"{name}.docx"))
    cases = {
        "colspan 10**9": ["render", str(folder / "colspan.json"), "-o", str(folder / "a.docx")],
        "JSON depth 100,000": ["validate", str(folder / "deep.json")],
        "lipsum(n=10**6)": ["render", str(folder / "free.json"), "--template",
                            str(folder / "lipsum.docx"), "-o", str(folder / "b.docx")],
        "'x' * 3e9": ["render", str(folder / "free.json"), "--template",
                      str(folder / "repeat.docx"), "-o", str(folder / "c.docx")],
        "nested range (watchdog, 5 s)": ["render", str(folder / "free.json"), "--template",
                                         str(folder / "loop.docx"), "-o",
                                         str(folder / "d.docx"), "--limit",
                                         "render_seconds=5"],
    }
    for name, argv in cases.items():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        result = CliRunner().invoke(cli, argv)
        seconds = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        first = (result.stdout + result.stderr).strip().splitlines()[-1][:90]
        print(f"{name}: exit {result.exit_code} in {seconds:.2f} s, peak RSS +"
              f"{(after - before) / 1024:.0f} MB — {first}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    table_checks(args.rows, args.runs)
    hostile(args.runs)


if __name__ == "__main__":
    main()
