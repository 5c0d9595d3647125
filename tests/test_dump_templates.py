"""Shipped templates for dump shapes: the example dump (120 records, some null) renders
through each, by name, to DOCX and HWPX with the same content; totals are checked against
sums computed here from the JSON."""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from govreport.app.render import load_source, render_bytes
from govreport.app.shipped_templates import lookup
from govreport.freeform import table_from_records

ROOT = Path(__file__).resolve().parents[1]
DUMP = ROOT / "examples" / "free-form" / "road-repairs-2025h1.json"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = ("records-table", "grouped-report", "time-series")


@pytest.fixture(scope="module")
def dump() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DUMP.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    source = load_source(DUMP)
    return {(name, fmt): render_bytes(source, fmt, template=lookup(name)[fmt].path)
            for name in NAMES for fmt in ("docx", "hwpx")}


def hwpx_tables(data: bytes) -> list[tuple[list[list[str]], dict[tuple[int, int], int]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("Contents/section0.xml"))
    out = []
    for tbl in root.iter(f"{HP}tbl"):
        n_rows, n_cols = int(tbl.get("rowCnt")), int(tbl.get("colCnt"))
        grid = [[""] * n_cols for _ in range(n_rows)]
        spans = {}
        for tc in tbl.iter(f"{HP}tc"):
            addr, span = tc.find(f"{HP}cellAddr"), tc.find(f"{HP}cellSpan")
            r, c = int(addr.get("rowAddr")), int(addr.get("colAddr"))
            grid[r][c] = "".join(t.text or "" for t in tc.iter(f"{HP}t"))
            if int(span.get("rowSpan")) > 1:
                spans[(r, c)] = int(span.get("rowSpan"))
        out.append((grid, spans))
    return out


def docx_tables(data: bytes) -> list[tuple[list[list[str]], dict[tuple[int, int], int]]]:
    out = []
    for table in docx.Document(io.BytesIO(data)).tables:
        grid, spans, open_ = [], {}, {}
        for r, tr in enumerate(table._tbl.iterfind(f"{W}tr")):
            row = []
            for c, tc in enumerate(tr.iterfind(f"{W}tc")):
                vm = tc.find(f"{W}tcPr/{W}vMerge")
                if vm is not None and vm.get(f"{W}val") == "restart":
                    open_[c] = (r, c)
                    spans[(r, c)] = 1
                elif vm is not None:
                    spans[open_[c]] += 1
                row.append("".join(t.text or "" for t in tc.iter(f"{W}t")))
            grid.append(row)
        out.append((grid, {k: v for k, v in spans.items() if v > 1}))
    return out


def data_table(tables: list[Any]) -> tuple[list[list[str]], dict[tuple[int, int], int]]:
    return tables[-1]  # the first is the title box


def fmt(value: Decimal | int | float, decimals: int) -> str:
    return f"{Decimal(str(value)):,.{decimals}f}"


@pytest.mark.parametrize("name", NAMES)
def test_same_content_in_docx_and_hwpx(rendered: dict[tuple[str, str], bytes],
                                       name: str) -> None:
    d_grid, d_spans = data_table(docx_tables(rendered[name, "docx"]))
    h_grid, h_spans = data_table(hwpx_tables(rendered[name, "hwpx"]))
    assert d_grid == h_grid
    assert d_spans == h_spans


def test_records_table(rendered: dict[tuple[str, str], bytes], dump: dict[str, Any]) -> None:
    grid, spans = data_table(hwpx_tables(rendered["records-table", "hwpx"]))
    records = dump["records"]
    assert len(grid) == 1 + len(records) + 1  # header, 120 records, 합계
    assert grid[0] == ["접수일", "자치구", "유형", "면적(㎡)", "보수비(천원)", "처리일수"]
    first = sorted(records, key=lambda r: r["date"])[0]
    assert grid[1][1] == first["district"]
    area = sum(Decimal(str(r["area_m2"])) for r in records if r["area_m2"] is not None)
    cost = sum(r["cost"] for r in records if r["cost"] is not None)
    days = [r["days"] for r in records if r["days"] is not None]
    mean = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
    assert grid[-1] == ["합계", "", "", fmt(area, 1), fmt(cost, 0), str(mean)]
    assert all(len(row[3].split(".")[-1]) == 1 for row in grid[1:] if row[3] != "-")  # 257.0
    nulls = sum(r["cost"] is None for r in records)
    assert sum(row[4] == "-" for row in grid[1:-1]) == nulls  # null printed '-', not 0
    assert not spans


def test_grouped_report_merges_subtotals_and_total(rendered: dict[tuple[str, str], bytes],
                                                   dump: dict[str, Any]) -> None:
    records = dump["records"]
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        groups[r["district"]].append(r)
    for fmt_name in ("hwpx", "docx"):
        tables = hwpx_tables if fmt_name == "hwpx" else docx_tables
        grid, spans = data_table(tables(rendered["grouped-report", fmt_name]))
        assert len(grid) == 1 + len(records) + len(groups) + 1
        row = 1
        for key in sorted(groups):
            items = groups[key]
            assert grid[row][0] == key
            assert spans[(row, 0)] == len(items) + 1  # the group's rows and its 소계
            sub = grid[row + len(items)]
            assert sub[1] == "소계"
            cost = sum(r["cost"] for r in items if r["cost"] is not None)
            assert sub[4] == fmt(cost, 0)
            row += len(items) + 1
        assert grid[-1][0] == "합계"
        assert grid[-1][4] == fmt(sum(r["cost"] for r in records if r["cost"] is not None), 0)
    texts = [p.text for p in docx.Document(io.BytesIO(rendered["grouped-report", "docx"]))
             .paragraphs]
    heads = [t for t in texts if t.startswith("□")]
    assert len(heads) == len(groups)
    assert heads[0].startswith(f"□\t{sorted(groups)[0]} : {len(groups[sorted(groups)[0]])}건")


def test_time_series_changes(rendered: dict[tuple[str, str], bytes],
                             dump: dict[str, Any]) -> None:
    months: dict[str, int] = defaultdict(int)
    for r in dump["records"]:
        if r["cost"] is not None:
            months[r["date"][:7]] += r["cost"]
    grid, _ = data_table(hwpx_tables(rendered["time-series", "hwpx"]))
    assert len(grid) == 1 + len(months) + 1
    values = [months[k] for k in sorted(months)]
    assert [row[1] for row in grid[1:-1]] == [fmt(v, 0) for v in values]
    assert grid[1][2] == "-"
    change = values[1] - values[0]
    assert grid[2][2] == ("▲" if change > 0 else "▼") + fmt(abs(change), 0)
    rate = (Decimal(change) * 100 / values[0]).quantize(Decimal("0.1"))
    assert grid[2][3] == ("▲" if rate > 0 else "▼") + f"{abs(rate)}%"
    assert grid[-1][:2] == ["합계", fmt(sum(values), 0)]


def test_records_table_takes_a_top_level_array() -> None:
    rows = [{"name": "가", "a": 1, "b": 2.5}, {"name": "나", "a": None, "b": 3}]
    grid, _ = data_table(hwpx_tables(render_bytes(rows, "hwpx",
                                                  template=lookup("records-table")["hwpx"].path)))
    assert grid == [["name", "a", "b"], ["가", "1", "2.5"], ["나", "-", "3.0"],
                    ["합계", "1", "5.5"]]


def test_shipped_dump_templates_are_up_to_date() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_free_templates.py"),
                             "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------- table_from_records


def test_table_from_records_groups_merges_and_computed_totals(dump: dict[str, Any]) -> None:
    from govreport.model.compute import compute

    recs = [r for r in dump["records"] if r["district"] in ("종로구", "중구", "용산구")]
    table = table_from_records(recs, columns=["kind", {"field": "area_m2", "label": "면적",
                                                       "decimals": 1}, "cost"],
                               group_by="district", group_label="자치구", unit="㎡, 천원")
    assert [c.value for c in table.header[0].cells] == ["자치구", "kind", "면적", "cost"]
    sizes: dict[str, int] = defaultdict(int)
    for r in recs:
        sizes[r["district"]] += 1
    assert len(table.rows) == len(recs) + len(sizes) + 1  # records, 소계 per group, 합계
    firsts = [row.cells[0] for row in table.rows if row.cells[0].rowspan > 1]
    assert [(c.value, c.rowspan) for c in firsts] == [(k, n + 1) for k, n in sizes.items()]
    assert table.columns[2].format is not None and table.columns[2].format.decimals == 1
    ct = compute(table)
    assert not ct.issues
    last = len(table.rows) - 1
    assert table.rows[last].compute is not None and table.rows[last].total
    area = sum(Decimal(str(r["area_m2"])) for r in recs if r["area_m2"] is not None)
    assert ct.values[(last, 2)] == area
    assert ct.values[(last, 3)] == sum(r["cost"] for r in recs if r["cost"] is not None)
    sub = next(i for i, row in enumerate(table.rows) if row.compute and not row.total)
    first_group = recs and next(iter(sizes))
    assert ct.values[(sub, 3)] == sum(r["cost"] for r in recs if r["district"] == first_group
                                      and r["cost"] is not None)


def test_table_from_records_renders_merged_in_both_formats(dump: dict[str, Any]) -> None:
    from govreport import Meta, Part, Report, Section

    recs = [r for r in dump["records"] if r["district"] in ("종로구", "중구")]
    table = table_from_records(recs, columns=["kind", "cost"], group_by="district")
    report = Report(meta=Meta(title="보수 현황", org="도로관리과", date="2025-06"),
                    layout="onepage",
                    parts=[Part(title="현황", sections=[Section(title="자치구별",
                                                                 blocks=[table])])])
    h_grid, h_spans = data_table(hwpx_tables(render_bytes(report, "hwpx")))
    d_grid, d_spans = data_table(docx_tables(render_bytes(report, "docx")))
    n = sum(r["district"] == "종로구" for r in recs)
    assert h_spans[(1, 0)] == d_spans[(1, 0)] == n + 1
    assert h_grid[-1][0] == d_grid[-1][0] == "합계"
    total = sum(r["cost"] for r in recs if r["cost"] is not None)
    assert h_grid[-1][-1] == d_grid[-1][-1] == f"{total:,}"


def test_table_from_records_without_groups_and_bad_input() -> None:
    table = table_from_records([{"name": "가", "n": 1}, {"name": "나", "n": None}])
    assert [[c.value for c in row.cells] for row in table.rows] == [["가", 1], ["나", None],
                                                                   ["합계"]]
    with pytest.raises(TypeError, match="list of records"):
        table_from_records({"name": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no columns"):
        table_from_records([])
