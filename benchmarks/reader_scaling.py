"""Reader scaling: a plain script, not a test (issue 23: readers linear in their input).

    .venv/bin/python benchmarks/reader_scaling.py [--base N] [--runs N]

Each reader reads one table at three sizes, N, 10·N and 100·N cells, with
:func:`govreport.readers.read_document` (format reader and recognizer; median CPU seconds of
``--runs``).  A linear reader shows ratios near 10 from one size to the next; the quadratic row
lookup of earlier versions showed ~100.

* ``txt``: a ``| a | b | c |`` table of N/3 lines;
* ``docx-vmerge``: a square table whose every second row is merged into the one above
  (``w:vMerge``), √N × √N cells — the 800 × 800 case took 25 s before;
* ``hwpx``: a table of N/3 rows × 3 written by govreport.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import time
import zipfile
from collections.abc import Callable

from govreport.app.render import render_bytes
from govreport.readers import read_document
from govreport.readers.json import loads
from govreport.support.limits import Limits, using

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BIG = Limits(input_mb=1024, table_cells=10**8, template_part_mb=1024, template_total_mb=2048)


def txt(cells: int) -> bytes:
    lines = ["□ 현황"] + [f"| {i} | 값 {i} | {i * 3} |" for i in range(cells // 3)]
    return "\n".join(lines).encode()


def docx_vmerge(cells: int) -> bytes:
    from docx import Document

    side = max(2, round(math.sqrt(cells)))
    rows = []
    for r in range(side):
        merge = '<w:vMerge w:val="restart"/>' if r % 2 == 0 else "<w:vMerge/>"
        tcs = "".join(f"<w:tc><w:tcPr>{merge}</w:tcPr><w:p><w:r><w:t>{r}.{c}</w:t></w:r></w:p>"
                      "</w:tc>" for c in range(side))
        rows.append(f"<w:tr>{tcs}</w:tr>")
    body = f'<w:tbl><w:tblGrid/>{"".join(rows)}</w:tbl><w:p/>'
    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode().partition("<w:body>")
                data = (head + "<w:body>" + body + rest).encode()
            z.writestr(info, data)
    return out.getvalue()


def hwpx(cells: int) -> bytes:
    rows = [[str(i), f"값 {i}", str(i * 3)] for i in range(cells // 3)]
    doc = {"meta": {"title": "표", "org": "기관", "date": "2025-04"},
           "parts": [{"title": "현황", "sections": [{"title": "표", "blocks": [
               {"type": "table", "header": [["번호", "이름", "값"]], "rows": rows}]}]}]}
    import json

    with using(BIG):
        return render_bytes(loads(json.dumps(doc, ensure_ascii=False)), "hwpx", check=False)


def cpu(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=1_500, help="cells of the smallest table")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    makers: dict[str, tuple[Callable[[int], bytes], str]] = {
        "txt": (txt, "txt"), "docx-vmerge": (docx_vmerge, "docx"), "hwpx": (hwpx, "hwpx")}
    for name, (make, fmt) in makers.items():
        last = None
        line = [f"{name:12s}"]
        for k in (1, 10, 100):
            data = make(args.base * k)
            seconds = cpu(lambda d=data, f=fmt: read_document(d, f, limits=BIG), args.runs)
            ratio = f" (×{seconds / last:.1f})" if last else ""
            line.append(f"{args.base * k:>9,} cells {seconds:7.3f} s{ratio}")
            last = max(seconds, 1e-6)
        print("  ".join(line), flush=True)


if __name__ == "__main__":
    main()
