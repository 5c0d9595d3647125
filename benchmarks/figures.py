"""Picture and chart benchmarks: a plain script, not a test.

    .venv/bin/python benchmarks/figures.py [--runs N]

* ``examples/park-expansion-2025.json`` (a photo, a cover logo, two native charts) rendered
  to DOCX and HWPX: median wall time of N warm runs, and the package sizes;
* the same with ``render: "picture"`` charts (matplotlib, the ``charts`` extra) for the
  cost of drawing pictures instead of native chart parts;
* ``images.decode`` of the example photo (identify + measure, no decoding of pixels).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import govreport as g
from govreport.app.render import render_bytes
from govreport.support.images import decode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "park-expansion-2025.json"


def _median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    out = fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, out


def _as_pictures(report: g.Report) -> g.Report:
    def pic(b: Any) -> Any:
        return attrs.evolve(b, render="picture") if isinstance(b, g.Chart) else b

    parts = tuple(attrs.evolve(p, sections=tuple(
        attrs.evolve(s, blocks=tuple(pic(b) for b in s.blocks)) for s in p.sections))
        for p in report.parts)
    return attrs.evolve(report, parts=parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    report = g.load(EXAMPLE)
    for label, r in (("native charts", report), ("picture charts", _as_pictures(report))):
        for fmt in ("docx", "hwpx"):
            ms, data = _median_ms(lambda r=r, fmt=fmt: render_bytes(r, fmt), args.runs)
            print(f"{label:15} {fmt}: {ms:7.1f} ms  {len(data):8,} bytes")
    photo = (ROOT / "examples" / "images" / "park-photo.jpg").read_bytes()
    ms, _ = _median_ms(lambda: decode(photo, "park-photo.jpg"), args.runs * 20)
    print(f"decode photo ({len(photo):,} bytes): {ms:.2f} ms")


if __name__ == "__main__":
    main()
