"""Derived rows and columns of tables typed by hand (python-docx) come back as their
declaration — only when every printed figure is what the library computes and prints."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from govreport import Column, Compute, Item, NumberFormat, Row, Table
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
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
        d.add_paragraph("□ 다음 항목")
    d.save(path)


def _tables(path: Path) -> list[Table]:
    result = read_document(path)
    assert result.fallbacks == ()
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
    t1, t2 = _tables(tmp_path / "t.docx")
    assert [r.compute for r in t1.rows] == [None, None, None]
    assert t1.rows[2].cells == _cells("계", 400, 601)
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
    back = read_document(tmp_path / f"r.{fmt}").report
    assert back.parts[0].intro == report.parts[0].intro
