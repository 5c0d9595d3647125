"""Free-form templates with docxtpl's tags in HWPX (made in code with python-hwpx) and DOCX:
repeated paragraphs and rows, grouped rows with real vertical merges, subtotals and totals,
and runtime errors that say where."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from govreport.app.render import render_bytes
from govreport.support.errors import RenderError

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ROWS: list[dict[str, Any]] = [
    {"gu": "종로구", "name": "가", "n": 1},
    {"gu": "중구", "name": "나", "n": None},
    {"gu": "종로구", "name": "다", "n": 2.5},
    {"gu": "중구", "name": "라", "n": 10},
    {"gu": "용산구", "name": "마", "n": 4},
]
DATA = {"title": "제목 & <요약>", "notes": ["첫째", "둘째"], "rows": ROWS, "show": True}

BEFORE = ["{{ title }}", "{%p for n in notes %}", "※ {{ n }}", "{%p endfor %}"]
GROUPED = [
    ["구분", "이름", "건수"],
    ["{%tr for g in rows | group_by('gu') | sort_by('sum(n)', desc=true) %}", "", ""],
    ["{%tr for r in g.items %}", "", ""],
    ["{{ g.key }}{% vmerge %}", "{{ r.name }}", "{{ r.n | fixed(1) }}"],
    ["{%tr endfor %}", "", ""],
    ["{{ g.key }}{% vmerge %}", "소계", "{{ g.sum('n') | fixed(1) }}"],
    ["{%tr endfor %}", "", ""],
    ["합계", "", "{{ rows | sum('n') | fixed(1) }}"],
]
AFTER = ["{%p if show %}",
         "모두 {{ rows | count }}건, 빈 값 {{ rows | count - rows | count('n') }}건",
         "{%p endif %}", "{%p if not show %}", "숨김", "{%p endif %}", "끝"]
EXPECTED_ROWS = [
    ["구분", "이름", "건수"],
    ["중구", "나", "-"], ["", "라", "10.0"], ["", "소계", "10.0"],
    ["용산구", "마", "4.0"], ["", "소계", "4.0"],
    ["종로구", "가", "1.0"], ["", "다", "2.5"], ["", "소계", "3.5"],
    ["합계", "", "17.5"],
]
EXPECTED_TEXT = ["제목 & <요약>", "※ 첫째", "※ 둘째", "모두 5건, 빈 값 1건", "끝"]


def hwpx_template(path: Path, before: list[str], table: list[list[str]],
                  after: list[str]) -> Path:
    from hwpx import HwpxDocument

    d = HwpxDocument.new()
    for line in before:
        d.add_paragraph(line)
    t = d.add_table(len(table), len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            if text:
                t.set_cell_text(r, c, text)
    for line in after:
        d.add_paragraph(line)
    d.save_to_path(str(path))
    return path


def docx_template(path: Path, before: list[str], table: list[list[str]],
                  after: list[str]) -> Path:
    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    t = d.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            t.rows[r].cells[c].text = text
    for line in after:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def hwpx_section(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("Contents/section0.xml"))


def validate_hwpx(data: bytes) -> None:
    from hwpx import validate_editor_open_safety
    from hwpx.tools.package_validator import validate_package
    from hwpx.tools.validator import validate_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert validate_document(data).ok
        assert validate_package(data).ok
        assert validate_editor_open_safety(data).ok


def hwpx_grid(data: bytes) -> tuple[list[list[str]], dict[tuple[int, int], int]]:
    """Rows as the eye reads them (merged-away cells blank) and the rowSpan of each anchor."""
    tbl = next(hwpx_section(data).iter(f"{HP}tbl"))
    n_rows, n_cols = int(tbl.get("rowCnt")), int(tbl.get("colCnt"))
    grid = [[""] * n_cols for _ in range(n_rows)]
    spans: dict[tuple[int, int], int] = {}
    assert len(tbl.findall(f"{HP}tr")) == n_rows
    for tc in tbl.iter(f"{HP}tc"):
        addr, span = tc.find(f"{HP}cellAddr"), tc.find(f"{HP}cellSpan")
        r, c = int(addr.get("rowAddr")), int(addr.get("colAddr"))
        grid[r][c] = "".join(t.text or "" for t in tc.iter(f"{HP}t"))
        if int(span.get("rowSpan")) > 1:
            spans[(r, c)] = int(span.get("rowSpan"))
    return grid, spans


def hwpx_paras(data: bytes) -> list[str]:
    root = hwpx_section(data)
    return ["".join(t.text or "" for t in p.iterfind(f"{HP}run/{HP}t")) for p in root
            if p.tag == f"{HP}p"]


def docx_grid(data: bytes) -> tuple[list[list[str]], dict[tuple[int, int], int]]:
    doc = docx.Document(io.BytesIO(data))
    tbl = doc.tables[0]._tbl
    grid: list[list[str]] = []
    spans: dict[tuple[int, int], int] = {}
    open_: dict[int, tuple[int, int]] = {}
    for r, tr in enumerate(tbl.iterfind(f"{W}tr")):
        row = []
        for c, tc in enumerate(tr.iterfind(f"{W}tc")):
            vm = tc.find(f"{W}tcPr/{W}vMerge")
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            if vm is not None and vm.get(f"{W}val") == "restart":
                open_[c] = (r, c)
                spans[(r, c)] = 1
            elif vm is not None:
                spans[open_[c]] += 1
                assert text == ""
            else:
                open_.pop(c, None)
            row.append(text)
        grid.append(row)
    return grid, spans


EXPECTED_SPANS = {(1, 0): 3, (4, 0): 2, (6, 0): 3}


def test_hwpx_loops_groups_merges_and_totals(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "t.hwpx", BEFORE, GROUPED, AFTER)
    data = render_bytes(DATA, "hwpx", template=tpl)
    validate_hwpx(data)
    grid, spans = hwpx_grid(data)
    assert grid == EXPECTED_ROWS  # 10 rows: head, 3 groups (items + 소계), 합계
    assert spans == EXPECTED_SPANS  # 구분 merged down each group, 소계 row included
    texts = [t for t in hwpx_paras(data) if t]
    assert texts == EXPECTED_TEXT  # {%p for %} repeated, {%p if %} blocks kept/dropped


def test_docx_same_template_same_content_and_merges(tmp_path: Path) -> None:
    tpl = docx_template(tmp_path / "t.docx", BEFORE, GROUPED, AFTER)
    data = render_bytes(DATA, "docx", template=tpl)
    grid, spans = docx_grid(data)
    assert grid == EXPECTED_ROWS
    assert spans == EXPECTED_SPANS
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]
    assert texts == EXPECTED_TEXT


def test_docxtpl_vm_merges_one_loop_run_in_both_formats(tmp_path: Path) -> None:
    table = [["구분", "이름"],
             ["{%tr for g in rows | group_by('gu') %}", ""],
             ["{%tr for r in g.items %}", ""],
             ["{{ g.key }}{% vm %}", "{{ r.name }}"],
             ["{%tr endfor %}", ""],
             ["{%tr endfor %}", ""]]
    expected = [["구분", "이름"], ["종로구", "가"], ["", "다"], ["중구", "나"], ["", "라"],
                ["용산구", "마"]]
    for fmt, make, read in (("hwpx", hwpx_template, hwpx_grid),
                            ("docx", docx_template, docx_grid)):
        data = render_bytes(DATA, fmt, template=make(tmp_path / f"vm.{fmt}", [], table, []))
        grid, spans = read(data)
        assert grid == expected, fmt
        assert {k: v for k, v in spans.items() if v > 1} == {(1, 0): 2, (3, 0): 2}, fmt


def test_hwpx_vmerge_key_keeps_equal_labels_of_other_groups_apart(tmp_path: Path) -> None:
    rows = [{"a": "x", "b": "1동"}, {"a": "x", "b": "2동"}, {"a": "y", "b": "2동"}]
    table = [["{%tr for r in rows %}", ""],
             ["{{ r.a }}{% vmerge %}", "{{ r.b }}{% vmerge r.a ~ r.b %}"],
             ["{%tr endfor %}", ""]]
    data = render_bytes({"rows": rows}, "hwpx",
                        template=hwpx_template(tmp_path / "k.hwpx", [], table, []))
    grid, spans = hwpx_grid(data)
    assert grid == [["x", "1동"], ["", "2동"], ["y", "2동"]]
    assert spans == {(0, 0): 2}  # 2동 of x and 2동 of y are not merged


def test_hwpx_ten_thousand_rows(tmp_path: Path) -> None:
    table = [["번호", "값"], ["{%tr for r in data %}", ""],
             ["{{ loop.index }}", "{{ r.v | fixed(1) }}"], ["{%tr endfor %}", ""],
             ["합계", "{{ data | sum('v') | fixed(1) }}"]]
    rows = [{"v": i % 7 if i % 10 else None} for i in range(10_000)]
    data = render_bytes(rows, "hwpx", template=hwpx_template(tmp_path / "b.hwpx", [], table, []))
    tbl = next(hwpx_section(data).iter(f"{HP}tbl"))
    trs = tbl.findall(f"{HP}tr")
    assert int(tbl.get("rowCnt")) == len(trs) == 10_002
    last = trs[-2].findall(f"{HP}tc")[0]
    assert last.find(f"{HP}cellAddr").get("rowAddr") == "10000"
    total = sum(i % 7 for i in range(10_000) if i % 10)
    assert "".join(t.text or "" for t in trs[-1].iter(f"{HP}t")) == f"합계{total:,}.0"
    ids = [p.get("id") for p in hwpx_section(data).iter(f"{HP}p")]
    assert len(ids) == len(set(ids))  # repeated paragraphs get their own ids


def test_hwpx_cell_loop_adds_columns_within_the_table_width(tmp_path: Path) -> None:
    table = [["구분", "{%tc for k in keys %}", "{{ k }}", "{%tc endfor %}"],
             ["값", "{%tc for k in keys %}", "{{ vals[k] }}", "{%tc endfor %}"]]
    tpl = hwpx_template(tmp_path / "c.hwpx", [], table, [])
    with zipfile.ZipFile(tpl) as z:
        width = int(next(etree.fromstring(z.read("Contents/section0.xml")).iter(f"{HP}tbl"))
                    .find(f"{HP}sz").get("width"))
    data = render_bytes({"keys": ["a", "b", "c", "d"], "vals": {"a": 1, "b": 2, "c": 3, "d": 4}},
                        "hwpx", template=tpl)
    validate_hwpx(data)
    grid, _ = hwpx_grid(data)
    assert grid == [["구분", "a", "b", "c", "d"], ["값", "1", "2", "3", "4"]]
    tbl = next(hwpx_section(data).iter(f"{HP}tbl"))
    cells = tbl.find(f"{HP}tr").findall(f"{HP}tc")
    assert abs(sum(int(tc.find(f"{HP}cellSz").get("width")) for tc in cells) - width) <= 5


def test_hwpx_value_line_breaks_and_escaping(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "n.hwpx", ["{{ a }} & {{ b }}"], [["x"]], [])
    data = render_bytes({"a": "1\n2", "b": "<&>"}, "hwpx", template=tpl)
    validate_hwpx(data)
    p = next(p for p in hwpx_section(data).iter(f"{HP}p")
             if p.find(f"{HP}run/{HP}t/{HP}lineBreak") is not None)
    t = p.find(f"{HP}run/{HP}t")
    assert t.text == "1" and t[0].tail == "2 & <&>"


def test_hwpx_tags_split_across_runs(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "s.hwpx", ["{%p for n in notes %}", "- {{ n }}",
                                              "{%p endfor %}"], [["x"]], [])
    with zipfile.ZipFile(tpl) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sec = parts["Contents/section0.xml"].decode()
    # Hancom splits text into runs when part of it is formatted differently
    sec = sec.replace("<hp:t>{%p for n in notes %}</hp:t>",
                      '<hp:t>{%p for n</hp:t></hp:run><hp:run charPrIDRef="0"><hp:t> in notes %}'
                      "</hp:t>")
    assert "{%p for n</hp:t>" in sec
    parts["Contents/section0.xml"] = sec.encode()
    split = tmp_path / "split.hwpx"
    with zipfile.ZipFile(split, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    data = render_bytes({"notes": ["a", "b"]}, "hwpx", template=split)
    assert [t for t in hwpx_paras(data) if t] == ["- a", "- b"]


# ---------------------------------------------------------------------------- errors say where

ERR_TABLE = [["이름", "날짜"], ["{%tr for r in data %}", ""],
             ["{{ r.name }}", "{{ r.date | todate | kdate }}"], ["{%tr endfor %}", ""]]


def _bad_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [{"name": f"n{i}", "date": "2025-03-01"} for i in range(20)]
    rows[17]["date"] = "2025-02-30"
    return rows


def test_hwpx_runtime_error_names_section_cell_expression_and_data_path(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "e.hwpx", ["머리말"], ERR_TABLE, [])
    with pytest.raises(RenderError) as info:
        render_bytes(_bad_rows(), "hwpx", template=tpl)
    msg = str(info.value)
    assert "e.hwpx: section 1, table 1 row 3 cell 2" in msg
    assert "not a valid date: '2025-02-30'" in msg
    assert "expression: {{ r.date | todate | kdate }}" in msg
    assert "data: data[17].date" in msg


def test_docx_runtime_error_names_cell_expression_and_data_path(tmp_path: Path) -> None:
    tpl = docx_template(tmp_path / "e.docx", ["머리말"], ERR_TABLE, [])
    with pytest.raises(RenderError) as info:
        render_bytes(_bad_rows(), "docx", template=tpl)
    msg = str(info.value)
    assert "e.docx: table 1 row 3 cell 2" in msg
    assert "expression: {{ r.date | todate | kdate }}" in msg
    assert "data: data[17].date" in msg


def test_missing_field_names_the_record(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "m.hwpx", ["{%p for r in rows %}", "{{ r.when | kdate }}",
                                              "{%p endfor %}"], [["x"]], [])
    rows = [{"when": "2025-03-01"}, {"when": "2025-03-02"}, {"other": 1}]
    with pytest.raises(RenderError) as info:
        render_bytes({"rows": rows}, "hwpx", template=tpl)
    msg = str(info.value)
    assert "section 1, paragraph 3" in msg  # python-hwpx starts with an empty paragraph
    assert "data: rows[2].when" in msg


def test_hwpx_paragraph_tag_outside_a_row_is_refused(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "x.hwpx", ["{%tr for r in rows %}"], [["x"]], [])
    with pytest.raises(RenderError, match=r"section 1, paragraph 2: \{%tr … %\} outside a "
                                          r"table row"):
        render_bytes({"rows": []}, "hwpx", template=tpl)


def test_hwpx_template_is_sandboxed(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "u.hwpx", ["{{ title.__class__.__mro__ }}"], [["x"]], [])
    with pytest.raises(RenderError, match=r"unsafe|does not have"):
        render_bytes({"title": "x"}, "hwpx", template=tpl)


def test_hwpx_syntax_error_names_the_paragraph(tmp_path: Path) -> None:
    tpl = hwpx_template(tmp_path / "y.hwpx", ["ok", "{% for r in rows %}{{ r }"], [["x"]], [])
    with pytest.raises(RenderError, match=r"y\.hwpx: section 1, paragraph 3: template syntax"):
        render_bytes({"rows": []}, "hwpx", template=tpl)
