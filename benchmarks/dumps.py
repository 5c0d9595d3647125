"""Free-form templates on big JSON dumps: a plain script, not a test.

    .venv/bin/python benchmarks/dumps.py            # 1,000 / 5,000 / 10,000 records
    .venv/bin/python benchmarks/dumps.py --quick    # 1,000 / 10,000, fewer runs

Measured (median wall time, warm, one process):

* the same DOCX table template (header, ``{%tr for r in records %}`` row of plain
  ``{{ r.field }}`` cells, total row) rendered by **docxtpl alone** (its default Jinja
  environment) and by **govreport** (sandbox, data filters, merge and width passes);
* the same table as an HWPX template (made with python-hwpx) through govreport;
* the shipped ``records-table`` template (column loop, per-column formats, total row) in
  DOCX and HWPX.

Linearity: time per record at each size; the ratio 10,000 / 1,000 should be near 10.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govreport.app.render import render_bytes
from govreport.app.shipped_templates import lookup

CELLS = ["{{ r.date }}", "{{ r.district }}", "{{ r.kind }}", "{{ r.area_m2 }}", "{{ r.cost }}",
         "{{ r.days }}"]
HEAD = ["접수일", "자치구", "유형", "면적", "보수비", "처리일수"]


def records(n: int) -> list[dict[str, Any]]:
    rng = random.Random(n)
    out = []
    for i in range(n):
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        out.append({"no": i + 1, "date": f"2025-{month:02d}-{day:02d}",
                    "district": rng.choice(["종로구", "중구", "용산구", "성동구"]),
                    "kind": rng.choice(["포트홀", "보도 파손", "배수 불량"]),
                    "area_m2": round(rng.uniform(0.5, 60), 1) if rng.random() > 0.1 else None,
                    "cost": rng.randrange(80, 4800) if rng.random() > 0.15 else None,
                    "days": rng.randrange(0, 15) if rng.random() > 0.1 else None})
    return out


def docx_template(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("{{ title }}")
    t = d.add_table(rows=4, cols=len(HEAD))
    t.style = "Table Grid"
    for c, text in enumerate(HEAD):
        t.rows[0].cells[c].text = text
    t.rows[1].cells[0].text = "{%tr for r in records %}"
    for c, text in enumerate(CELLS):
        t.rows[2].cells[c].text = text
    t.rows[3].cells[0].text = "{%tr endfor %}"
    d.save(str(path))
    return path


def hwpx_template(path: Path) -> Path:
    from hwpx import HwpxDocument

    d = HwpxDocument.new()
    d.add_paragraph("{{ title }}")
    t = d.add_table(4, len(HEAD))
    for c, text in enumerate(HEAD):
        t.set_cell_text(0, c, text)
    t.set_cell_text(1, 0, "{%tr for r in records %}")
    for c, text in enumerate(CELLS):
        t.set_cell_text(2, c, text)
    t.set_cell_text(3, 0, "{%tr endfor %}")
    d.save_to_path(str(path))
    return path


def plain_docxtpl(template: Path, context: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def median(func: Callable[[], object], runs: int) -> float:
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = (1000, 10_000) if args.quick else (1000, 5000, 10_000)
    runs = 2 if args.quick else 3
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    dtpl, htpl = docx_template(folder / "t.docx"), hwpx_template(folder / "t.hwpx")
    shipped = lookup("records-table")
    cases: dict[str, Callable[[dict[str, Any]], object]] = {
        "docxtpl alone, same DOCX template": lambda ctx: plain_docxtpl(dtpl, ctx),
        "govreport, same DOCX template": lambda ctx: render_bytes(ctx, "docx", template=dtpl),
        "govreport, same table as HWPX": lambda ctx: render_bytes(ctx, "hwpx", template=htpl),
        "govreport, records-table DOCX": lambda ctx: render_bytes(
            ctx, "docx", template=shipped["docx"].path),
        "govreport, records-table HWPX": lambda ctx: render_bytes(
            ctx, "hwpx", template=shipped["hwpx"].path),
    }
    results: dict[str, dict[int, float]] = {name: {} for name in cases}
    for n in sizes:
        ctx = {"title": "bench", "unit": "건", "records": records(n)}
        for name, case in cases.items():
            results[name][n] = median(lambda case=case, ctx=ctx: case(ctx), runs)  # type: ignore[misc]
            print(f"{name:36s} {n:>6,} records  {results[name][n]:7.2f} s", file=sys.stderr)
    print()
    print(f"| case | {' | '.join(f'{n:,} records' for n in sizes)} | µs/record at "
          f"{sizes[-1]:,} | {sizes[-1]:,}/{sizes[0]:,} |")
    print("|---|" + "---|" * (len(sizes) + 2))
    for name, by_size in results.items():
        cells = " | ".join(f"{by_size[n]:.2f} s" for n in sizes)
        per = by_size[sizes[-1]] / sizes[-1] * 1e6
        ratio = by_size[sizes[-1]] / by_size[sizes[0]]
        print(f"| {name} | {cells} | {per:.0f} | {ratio:.1f}× |")


if __name__ == "__main__":
    main()
