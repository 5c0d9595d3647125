"""Row heights are measured once (layout.paginate.row_heights_pt): the pagination counts
them and the HWPX writer seeds its cell sizes with them."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from govreport.layout import Border, Borders, CellBox, LaidDocument, Para, Run, TableBox
from govreport.layout.paginate import estimate_pages, row_heights_pt, text_height_pt
from govreport.theme import Theme
from govreport.theme.units import mm_to_pt
from govreport.writers.hwpx import write_hwpx
from govreport.writers.units import pt_to_hwpunit

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
LINE = Border(width_mm=0.12)
ALL = Borders(top=LINE, bottom=LINE, left=LINE, right=LINE)


def _table(size_pt: float | None = None) -> TableBox:
    big = Para(role="table_body", runs=(Run(text="큰 글씨", size_pt=size_pt),))
    return TableBox(
        kind="data", n_rows=2, n_cols=2, col_widths_pt=(120.0, 120.0),
        cells=(CellBox(row=0, col=0, paras=(big,), rowspan=2, borders=ALL),
               CellBox(row=0, col=1, paras=(Para(role="table_body", runs=(Run(text="가"),)),),
                       borders=ALL),
               CellBox(row=1, col=1, paras=(), borders=ALL)),
        row_heights_pt=(None, 40.0),
        cell_margin_mm=(1.8, 1.8, 0.5, 0.5))


def test_rows_take_the_pitch_of_the_largest_run_and_fixed_heights() -> None:
    theme = Theme.seoul()
    s = theme.resolve("table_body")
    pad = mm_to_pt(1.0)
    plain = row_heights_pt(_table(), theme)
    assert plain[0] == pytest.approx(s.pt * s.line_pct / 100 + pad)
    assert plain[1] == 40.0  # the fixed height wins over the spanning cell's share
    big = row_heights_pt(_table(size_pt=30.0), theme)
    assert big[0] == pytest.approx((30.0 * s.line_pct / 100 + pad) / 2)  # shared by 2 rows


def test_hwpx_cells_are_sized_by_the_layout_measure() -> None:
    theme = Theme.seoul()
    table = _table(size_pt=30.0)
    doc = LaidDocument(fields={}, cover=(), front=(), body=(table,))
    with zipfile.ZipFile(io.BytesIO(write_hwpx(doc, theme))) as z:
        section = etree.fromstring(z.read("Contents/section0.xml"))
    rows = [pt_to_hwpunit(h) for h in row_heights_pt(table, theme)]
    heights = {(int(tc.find(f"{HP}cellAddr").get("rowAddr")),  # type: ignore[union-attr]
                int(tc.find(f"{HP}cellAddr").get("colAddr"))):  # type: ignore[union-attr]
               int(tc.find(f"{HP}cellSz").get("height"))  # type: ignore[union-attr]
               for tc in section.iter(f"{HP}tc")}
    assert heights == {(0, 0): rows[0] + rows[1], (0, 1): rows[0], (1, 1): rows[1]}


def test_pagination_counts_the_same_heights() -> None:
    theme = Theme.seoul()
    big = Para(role="table_body", runs=(Run(text="큰 글씨", size_pt=40.0),))
    table = TableBox(kind="data", n_rows=1, n_cols=1, col_widths_pt=(200.0,),
                     cells=(CellBox(row=0, col=0, paras=(big,), borders=ALL),))
    h = sum(row_heights_pt(table, theme)) + table.space_before_pt
    fit = int(text_height_pt(theme) // h)  # tables move whole: this many fill page 1
    marked = Para(role="paragraph", runs=(Run(text="다음"),), bookmark="after")
    assert estimate_pages((*([table] * fit), marked), theme)["after"] == (
        1 if (fit * h + theme.resolve("paragraph").line_height_pt) <= text_height_pt(theme)
        else 2)
    assert estimate_pages((*([table] * (fit + 1)), marked), theme)["after"] == 2
