"""Derived rows and columns of tables typed by hand (python-docx) come back as their
declaration — only when every printed figure is what the library computes and prints."""

from __future__ import annotations

from pathlib import Path

import attrs
import docx
import pytest

from govreport import Column, Compute, Item, NumberFormat, Row, Table
from govreport.freeform import table_from_records
from govreport.model import Cell
from govreport.readers import read_document


def _doc(path: Path, *grids: list[list[str]]) -> None:
    d = docx.Document()
    d.add_paragraph("2025년 실적 보고")
    d.add_paragraph("2025. 4. 1.")
    d.add_paragraph("기획예산과")
    d.add_paragraph("Ⅰ. 추진 실적")
    d.add_paragraph("□ 연도별 실적")
    for grid in grids:
        t = d.add_table(rows=len(grid), cols=len(grid[0]))
        for row_cells, row in zip(t.rows, grid, strict=True):  # not t.cell(): quadratic
            for cell, v in zip(row_cells.cells, row, strict=True):
                cell.text = v
        d.add_paragraph("□ 다음 항목")
    d.save(path)


def _tables(path: Path, fallbacks: tuple[str, ...] = ()) -> list[Table]:
    result = read_document(path)
    assert tuple(str(f) for f in result.fallbacks) == fallbacks
    out: list[Table] = []
    for block in result.report.parts[0].intro:
        assert isinstance(block, Item)
        out += [b for b in block.children if isinstance(b, Table)]
    return out


def _cells(*values: object) -> tuple[Cell, ...]:
    return tuple(Cell(value=v) for v in values)  # type: ignore[arg-type]


def test_total_row_and_total_column(tmp_path: Path) -> None:
    """계 row (first, as Korean tables put it) and 계 column that add up: both computed."""
    _doc(tmp_path / "t.docx", [["구분", "상반기", "하반기", "계"],
                               ["계", "1,500", "2,500", "4,000"],
                               ["설계", "1,200", "2,000", "3,200"],
                               ["공사", "300", "500", "800"]])
    (table,) = _tables(tmp_path / "t.docx")
    assert table.header == (Row(cells=_cells("구분", "상반기", "하반기", "계")),)
    assert table.rows == (
        Row(cells=_cells("계"), total=True, compute=Compute(op="sum")),
        Row(cells=_cells("설계", 1200, 2000)),
        Row(cells=_cells("공사", 300, 500)))
    assert table.columns == (Column(), Column(), Column(), Column(compute=Compute(op="sum")))


def test_figures_that_do_not_add_up_stay_as_printed(tmp_path: Path) -> None:
    """A 계 that is off by one, a 달성률 rounded another way: nothing is declared."""
    _doc(tmp_path / "t.docx", [["구분", "1분기", "2분기"],
                               ["설계", "100", "200"],
                               ["공사", "300", "400"],
                               ["계", "400", "601"]],
         [["구분", "1분기", "2분기"],
          ["목표(A)", "300", "300"],
          ["실적(B)", "299", "301"],
          ["달성률(B/A)", "99.6%", "100.4%"]])  # 99.7% and 100.3% half-up
    t1, t2 = _tables(tmp_path / "t.docx", (
        "table 1 (row 4, cell 3): the stated total does not add up, kept as stated: "
        "stated 601, the rows above sum to 600",))
    assert [r.compute for r in t1.rows] == [None, None, None]
    assert t1.rows[2].cells == (*_cells("계", 400), Cell(value=601, checked=False))
    assert not t1.columns
    assert [r.compute for r in t2.rows] == [None, None, None]
    assert t2.rows[2].cells == _cells("달성률(B/A)", "99.6%", "100.4%")
    assert [r.key for r in t2.rows] == [None, None, None]


def test_rate_and_change_with_keys_and_formats(tmp_path: Path) -> None:
    """``목표(A)``/``실적(B)`` rows give the keys; ``달성률(B/A)`` printed with two decimals
    is a ratio row with that format; ``증감(B-A)`` a difference row (a ``-12`` where the
    theme prints ``△12`` would not be: the figures must be printed as the library prints)."""
    _doc(tmp_path / "t.docx", [["구분", "2023년", "2024년"],
                               ["목표(A)", "400", "450"],
                               ["실적(B)", "412", "438"],
                               ["달성률(B/A)", "103.00%", "97.33%"],
                               ["증감(B-A)", "12", "△12"]])  # 12 below: △ as the theme prints
    (table,) = _tables(tmp_path / "t.docx")
    assert table.header == (Row(cells=_cells("구분", "2023년", "2024년")),)
    assert table.rows == (
        Row(cells=_cells("목표(A)", 400, 450), key="A"),
        Row(cells=_cells("실적(B)", 412, 438), key="B"),
        Row(cells=_cells("달성률(B/A)"), compute=Compute(op="ratio", of=("B", "A")),
            format=NumberFormat(style="percent", decimals=2)),
        Row(cells=_cells("증감(B-A)"), compute=Compute(op="difference", of=("B", "A"))))


def test_share_column_gets_the_key_n(tmp_path: Path) -> None:
    """A 비율 column after an unlabelled figure column: a share of it, that column keyed
    ``n``; the 계 row's 100.0% comes out of the same rule."""
    _doc(tmp_path / "t.docx", [["구분", "인원", "비율"],
                               ["계", "2,500", "100.0%"],
                               ["직무 전문", "1,340", "53.6%"],
                               ["디지털 역량", "860", "34.4%"],
                               ["리더십", "300", "12.0%"]])
    (table,) = _tables(tmp_path / "t.docx")
    assert table.columns == (Column(), Column(key="n"),
                             Column(compute=Compute(op="share", of=("n",))))
    assert table.rows[0] == Row(cells=_cells("계"), total=True, compute=Compute(op="sum"))
    assert table.rows[1].cells == _cells("직무 전문", 1340)


def test_columns_of_decimals_and_percentages_are_typed(tmp_path: Path) -> None:
    """``12.5``/``3.0`` and ``45.0%`` columns become numbers with the column format that
    prints them so (``3.0`` alone would not print back as typed); numbers that print back
    without a format (``1.5``, ``2.25``) are typed as before; a 비중 that is the share of the
    column before it is declared as such (its figures from the library)."""
    _doc(tmp_path / "t.docx", [["구분", "면적", "이용률", "메모"],
                               ["공원", "12.5", "45.0%", "1.5"],
                               ["녹지", "3.0", "7.5%", "2.25"]],
         [["구분", "면적", "비중"],
          ["공원", "12.5", "51.0%"],
          ["녹지", "12.0", "49.0%"]])
    t1, t2 = _tables(tmp_path / "t.docx")
    assert t1.columns == (Column(), Column(format=NumberFormat(decimals=1)),
                          Column(format=NumberFormat(style="percent", decimals=1)), Column())
    assert t1.rows == (Row(cells=_cells("공원", 12.5, 45.0, 1.5)),
                       Row(cells=_cells("녹지", 3.0, 7.5, 2.25)))
    assert t2.columns == (Column(), Column(key="n", format=NumberFormat(decimals=1)),
                          Column(compute=Compute(op="share", of=("n",))))
    assert t2.rows == (Row(cells=_cells("공원", 12.5)), Row(cells=_cells("녹지", 12.0)))


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_declared_table_round_trips(fmt: str, tmp_path: Path) -> None:
    """What the reader declares re-renders to the same figures (render → read → render)."""
    import govreport as g
    from govreport.model import Meta, Part, Report

    table = Table(header=(Row(cells=_cells("구분", "상반기", "하반기", "계")),),
                  rows=(Row(cells=_cells("계"), total=True, compute=Compute(op="sum")),
                        Row(cells=_cells("설계", 1200, 2000)),
                        Row(cells=_cells("공사", 300, 500))),
                  columns=(Column(), Column(), Column(), Column(compute=Compute(op="sum"))))
    report = Report(meta=Meta(title="실적", org="과", date="2025-04"),
                    parts=(Part(title="실적", intro=(Item(text="연도별 실적",
                                                           children=(table,)),)),))
    g.render(report, tmp_path / f"r.{fmt}")
    back = read_document(tmp_path / f"r.{fmt}", carried=False).report
    assert back.parts[0].intro == report.parts[0].intro


# ---------------------------------------------------------------------------- 소계 and 증감

_GROUPS = [["구분", "세부", "예산"],
           ["행정과", "청사 보수", "1,200"],
           [None, "전산 장비", "300"],
           [None, "소계", "1,500"],
           ["복지과", "경로당 운영", "4,500"],
           [None, "아동 급식", "2,000"],
           [None, "소계", "6,500"],
           ["합계", None, "8,000"]]
_GROUP_MERGES = [(1, 0, 3, 0), (4, 0, 6, 0), (7, 0, 7, 1)]


def _merged_doc(path: Path, *tables: tuple[list[list[str | None]],
                                          list[tuple[int, int, int, int]]]) -> None:
    """Like :func:`_doc`, with merged cells (``(r0, c0, r1, c1)``) as Word merges them."""
    d = docx.Document()
    for line in ("2025년 실적 보고", "2025. 4. 1.", "기획예산과", "Ⅰ. 추진 실적", "□ 부서별 예산"):
        d.add_paragraph(line)
    for grid, merges in tables:
        t = d.add_table(rows=len(grid), cols=len(grid[0]))
        for r0, c0, r1, c1 in merges:
            t.cell(r0, c0).merge(t.cell(r1, c1))
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v is not None:
                    t.cell(r, c).text = v
        d.add_paragraph("□ 다음 항목")
    d.save(path)


def _group(label: str, span: int, line: str, value: int) -> Row:
    return Row(cells=(Cell(value=label, rowspan=span), Cell(value=line), Cell(value=value)))


_GROUPED_ROWS = (
    Row(cells=(Cell(value="행정과", rowspan=3), *_cells("청사 보수", 1200)), key="r0"),
    Row(cells=_cells("전산 장비", 300), key="r1"),
    Row(cells=_cells("소계"), compute=Compute(op="sum", of=("r0", "r1"))),
    Row(cells=(Cell(value="복지과", rowspan=3), *_cells("경로당 운영", 4500)), key="r2"),
    Row(cells=_cells("아동 급식", 2000), key="r3"),
    Row(cells=_cells("소계"), compute=Compute(op="sum", of=("r2", "r3"))),
    Row(cells=(Cell(value="합계", colspan=2),), total=True, compute=Compute(op="sum")))


def test_subtotal_rows_under_merged_group_labels(tmp_path: Path) -> None:
    """「구분 | 세부 | 예산」 with the group label merged down its lines and its 소계, and a
    합계 over two columns: each 소계 the sum of its group's lines (keyed r0, r1 … as
    ``table_from_records`` keys them), the 합계 the sum of every line, both name columns
    stubs; the 소계 rows keep their plain look (not total rows)."""
    _merged_doc(tmp_path / "t.docx", (_GROUPS, _GROUP_MERGES))
    (table,) = _tables(tmp_path / "t.docx")
    assert table.header == (Row(cells=_cells("구분", "세부", "예산")),)
    assert table.stub_columns == 2
    assert table.rows == _GROUPED_ROWS
    assert not table.columns


def test_subtotal_first_in_its_group_without_merges(tmp_path: Path) -> None:
    """총계 on top and each 소계 before its lines (the group label typed once, no merges):
    the 소계 adds up the lines after it up to the next 소계."""
    _doc(tmp_path / "t.docx", [["구분", "세부", "예산"],
                               ["총계", "", "8,000"],
                               ["행정과", "소계", "1,500"],
                               ["", "청사 보수", "1,200"],
                               ["", "전산 장비", "300"],
                               ["복지과", "소계", "6,500"],
                               ["", "경로당 운영", "4,500"],
                               ["", "아동 급식", "2,000"]])
    (table,) = _tables(tmp_path / "t.docx")
    assert table.stub_columns == 2
    assert [(r.compute, r.key, r.total) for r in table.rows] == [
        (Compute(op="sum"), None, True),
        (Compute(op="sum", of=("r0", "r1")), None, False),
        (None, "r0", False), (None, "r1", False),
        (Compute(op="sum", of=("r2", "r3")), None, False),
        (None, "r2", False), (None, "r3", False)]
    assert table.rows[1].cells == _cells("행정과", "소계")
    assert table.rows[2].cells == _cells(None, "청사 보수", 1200)


def test_subtotals_that_do_not_add_up_stay_as_printed(tmp_path: Path) -> None:
    """One 소계 off by one: no 소계 is declared (they are one candidate), and the 합계, which
    would then add the printed 소계 rows too, stays printed as well."""
    grid = [row[:] for row in _GROUPS]
    grid[3][2] = "1,501"
    grid[7][2] = "8,001"
    _merged_doc(tmp_path / "t.docx", (grid, _GROUP_MERGES))
    (table,) = _tables(tmp_path / "t.docx", tuple(
        f"table 1 (row {r}, cell 2): the stated total does not add up, kept as stated: "
        f"stated {a}, the rows {w} sum to {b}" for r, a, w, b in (
            (4, "1,501", "of its group", "1,500"), (8, "8,001", "above", "8,000"))))
    assert [r.compute for r in table.rows] == [None] * 7
    assert table.rows[2].cells == (Cell(value="소계"), Cell(value=1501, checked=False))
    assert table.stub_columns == 1 and not table.columns


def test_change_column_without_keys(tmp_path: Path) -> None:
    """「2024년 | 2025년 | 증감」: the later column minus the earlier (keyed n, n2 in order),
    with the 계 row; a 증감 whose sign was dropped, or that is not the difference of the two
    columns just before it, stays as printed."""
    _doc(tmp_path / "t.docx", [["구분", "2024년", "2025년", "증감"],
                               ["인건비", "1,000", "1,100", "100"],
                               ["운영비", "500", "450", "△50"],
                               ["계", "1,500", "1,550", "50"]],
         [["구분", "2024년", "2025년", "증감"],
          ["인건비", "1,000", "1,100", "100"],
          ["운영비", "500", "450", "50"]],
         [["구분", "2023년", "2024년", "2025년", "증감"],
          ["인건비", "900", "1,000", "1,100", "200"]])
    t1, t2, t3 = _tables(tmp_path / "t.docx")
    assert t1.columns == (Column(), Column(key="n"), Column(key="n2"),
                          Column(compute=Compute(op="difference", of=("n2", "n"))))
    assert t1.rows == (Row(cells=_cells("인건비", 1000, 1100)),
                       Row(cells=_cells("운영비", 500, 450)),
                       Row(cells=_cells("계"), total=True, compute=Compute(op="sum")))
    assert not t2.columns and t2.rows[1].cells == _cells("운영비", 500, 450, 50)
    assert not t3.columns and t3.rows[0].cells == _cells("인건비", 900, 1000, 1100, 200)


def test_growth_column_without_keys(tmp_path: Path) -> None:
    """「2024년 | 2025년 | 증감 | 증감률」 and a 계 row: 증감률 is the growth of the same pair
    (the 증감 between skipped), 7.3% on the 계 row from the sums; printed with two decimals
    it gets that format; a 증감률 printed ``-10.0%`` where the library prints ``△10.0%`` (the
    theme's mark of a fall, as in the 증감 column), or one that is not the growth of the pair,
    stays as printed."""
    _doc(tmp_path / "t.docx", [["구분", "2024년", "2025년", "증감", "증감률"],
                               ["인건비", "1,000", "1,100", "100", "10.0%"],
                               ["운영비", "500", "450", "△50", "△10.0%"],
                               ["계", "1,500", "1,550", "50", "3.3%"]],
         [["구분", "2024년", "2025년", "증감률"],
          ["인건비", "1,000", "1,100", "10.00%"],
          ["운영비", "600", "500", "△16.67%"]],
         [["구분", "2024년", "2025년", "증감", "증감률"],
          ["인건비", "1,000", "1,100", "100", "10.0%"],
          ["운영비", "500", "450", "△50", "-10.0%"]],
         [["구분", "2024년", "2025년", "증감률"],
          ["인건비", "1,000", "1,100", "110.0%"]])
    t1, t2, t3, t4 = _tables(tmp_path / "t.docx")
    assert t1.columns == (Column(), Column(key="n"), Column(key="n2"),
                          Column(compute=Compute(op="difference", of=("n2", "n"))),
                          Column(compute=Compute(op="growth", of=("n2", "n"))))
    assert t1.rows == (Row(cells=_cells("인건비", 1000, 1100)),
                       Row(cells=_cells("운영비", 500, 450)),
                       Row(cells=_cells("계"), total=True, compute=Compute(op="sum")))
    assert t2.columns[3] == Column(compute=Compute(op="growth", of=("n2", "n")),
                                   format=NumberFormat(style="percent", decimals=2))
    assert t3.columns[3] == Column(compute=Compute(op="difference", of=("n2", "n")))
    assert t3.columns[4] == Column() and t3.rows[1].cells[-1] == Cell(value="-10.0%")
    assert t4.columns[3] == Column(format=NumberFormat(style="percent", decimals=1))
    assert t4.rows[0].cells[-1] == Cell(value=110.0)  # a typed percentage, not derived


def test_hand_made_hwpx_subtotals(tmp_path: Path) -> None:
    """The same grouped table typed in Hancom (python-hwpx, merged group labels)."""
    pytest.importorskip("hwpx")
    from hwpx import HwpxDocument

    d = HwpxDocument.new()
    for line in ("2025년 실적 보고", "2025. 4. 1.", "기획예산과", "Ⅰ. 추진 실적", "□ 부서별 예산"):
        d.add_paragraph(line)
    t = d.add_table(len(_GROUPS), 3)
    for r, row in enumerate(_GROUPS):
        for c, v in enumerate(row):
            if v:
                t.set_cell_text(r, c, v)
    for r0, c0, r1, c1 in _GROUP_MERGES:
        t.merge_cells(r0, c0, r1, c1)
    d.add_paragraph("□ 다음 항목")
    d.save_to_path(tmp_path / "t.hwpx")
    (table,) = _tables(tmp_path / "t.hwpx")
    assert table.stub_columns == 2
    assert table.rows == _GROUPED_ROWS


def _report(table: Table) -> object:
    from govreport.model import Meta, Part, Report

    return Report(meta=Meta(title="실적", org="과", date="2025-04"),
                  parts=(Part(title="실적", intro=(Item(text="부서별 예산",
                                                          children=(table,)),)),))


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_records_table_with_subtotals_round_trips(fmt: str, tmp_path: Path) -> None:
    """``table_from_records(group_by=…)`` (a 소계 per group, a computed 합계) written by
    govreport and read back: the same rows, spans, keys and declarations; the columns' keys
    (field names) and whole-number formats are printed nowhere and come back empty."""
    import govreport as g

    records = [{"부서": "행정과", "사업": "청사 보수", "예산": 1200, "집행": 800},
               {"부서": "행정과", "사업": "전산 장비", "예산": 300, "집행": 250},
               {"부서": "복지과", "사업": "경로당 운영", "예산": 4500, "집행": 4100},
               {"부서": "복지과", "사업": "아동 급식", "예산": 2000, "집행": 1999},
               {"부서": "복지과", "사업": "장애인 이동", "예산": 700, "집행": 650},
               {"부서": "안전과", "사업": "CCTV 설치", "예산": 900, "집행": 900}]
    table = table_from_records(records, group_by="부서")
    assert [c.format for c in table.columns] == [None, None, NumberFormat(), NumberFormat()]
    g.render(_report(table), tmp_path / f"r.{fmt}")  # type: ignore[arg-type]
    result = read_document(tmp_path / f"r.{fmt}", carried=False)
    assert result.fallbacks == ()
    (item,) = result.report.parts[0].intro
    assert isinstance(item, Item)
    (back,) = item.children
    assert back == attrs.evolve(table, columns=())


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_subtotals_and_change_round_trip(fmt: str, tmp_path: Path) -> None:
    """A grouped table with bare 증감 and 증감률 columns, declared by hand, comes back
    equal (years in the header as numbers)."""
    import govreport as g

    table = Table(header=(Row(cells=_cells("구분", "세부", 2024, 2025, "증감", "증감률")),),
                  rows=(Row(cells=(Cell(value="본청", rowspan=3), *_cells("기획", 10, 12)),
                            key="r0"),
                        Row(cells=_cells("총무", 7, 5), key="r1"),
                        Row(cells=_cells("소계"), compute=Compute(op="sum", of=("r0", "r1"))),
                        Row(cells=(Cell(value="사업소", rowspan=2),
                                   *_cells("정수", 30, 31)), key="r2"),
                        Row(cells=_cells("소계"), compute=Compute(op="sum", of=("r2",))),
                        Row(cells=(Cell(value="합계", colspan=2),), total=True,
                            compute=Compute(op="sum"))),
                  stub_columns=2,
                  columns=(Column(), Column(), Column(key="n"), Column(key="n2"),
                           Column(compute=Compute(op="difference", of=("n2", "n"))),
                           Column(compute=Compute(op="growth", of=("n2", "n")))))
    g.render(_report(table), tmp_path / f"r.{fmt}")  # type: ignore[arg-type]
    back = read_document(tmp_path / f"r.{fmt}", carried=False).report
    assert back.parts[0].intro == _report(table).parts[0].intro  # type: ignore[attr-defined]


def _grouped_grid(groups: int, lines: int) -> list[list[str]]:
    grid = [["구분", "세부", "예산"]]
    for g in range(groups):
        grid += [[f"부서{g}", f"사업{k}", f"{100 + k:,}"] for k in range(lines)]
        grid.append([f"부서{g}", "소계", f"{sum(100 + k for k in range(lines)):,}"])
    return grid


def test_detection_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hostile-table bound: every 소계 of a table is one candidate, so 100 groups cost the
    same few reprints as one (at most 2 + MAX_RULES + 1 per table); a table over MAX_CELLS
    grid positions is left as printed without any reprint of a candidate."""
    from govreport.readers import computed

    calls: list[int] = []
    real = computed._printed

    def counting(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(computed, "_printed", counting)
    small = [*_grouped_grid(100, 3)[:-1], ["부서99", "소계", "1"]]  # the last one is wrong
    assert 3 * len(small) <= computed.MAX_CELLS
    big = _grouped_grid(170, 3)
    assert 3 * len(big) > computed.MAX_CELLS
    _doc(tmp_path / "t.docx", small, big)
    (t_small, t_big) = _tables(tmp_path / "t.docx", (
        "table 1 (row 401, cell 3): the stated total does not add up, kept as stated: "
        "stated 1, the rows of its group sum to 303",))
    assert len(calls) <= 2 * (1 + 2 + computed.MAX_RULES + 1)
    assert all(r.compute is None for r in (*t_small.rows, *t_big.rows))
    calls.clear()
    _doc(tmp_path / "ok.docx", _grouped_grid(100, 3))
    (t_ok,) = _tables(tmp_path / "ok.docx")
    assert sum(r.compute is not None for r in t_ok.rows) == 100
    assert len(calls) <= 3  # the printed table, the candidate, nothing more
