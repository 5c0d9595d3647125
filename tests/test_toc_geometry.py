"""The 목차's geometry is decided by the layout, once, and both writers follow it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import govreport
from govreport.layout import TocBlock, layout
from govreport.theme import Theme
from govreport.theme.units import mm_to_pt
from govreport.writers.hwpx import write_hwpx
from govreport.writers.units import mm_to_hwpunit

SEED = Path(__file__).resolve().parent.parent / "examples" / "seoul-mayor-office-2025-04.json"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def _toc(theme: Theme) -> TocBlock:
    laid = layout(govreport.load(SEED), theme)
    (toc,) = [n for n in laid.front if isinstance(n, TocBlock)]
    return toc


def test_open_toc_spans_the_text_width() -> None:
    theme = Theme.seoul()
    toc = _toc(theme)
    assert toc.frame is None
    assert toc.tab_right_pt == pytest.approx(theme.page.text_width_pt)
    assert toc.item_indent_pt == pytest.approx(theme.toc.item_indent_em * theme.body.pt)
    assert toc.gap_pt == theme.spacing.toc_after_heading


@pytest.mark.parametrize("pad", [5.0, 8.0])
def test_boxed_toc_takes_the_theme_padding(pad: float) -> None:
    theme = Theme.seoul().override({"toc.boxed": True, "overview.padding_mm": pad})
    toc = _toc(theme)
    assert toc.frame is not None
    assert toc.frame.cell_margin_mm[:2] == (pad, pad)
    assert toc.tab_right_pt == pytest.approx(theme.page.text_width_pt - mm_to_pt(2 * pad))
    # the HWPX box has that padding (it used to be 5 mm whatever the theme said)
    data = write_hwpx(layout(govreport.load(SEED), theme), theme)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        section = etree.fromstring(z.read("Contents/section0.xml"))
    first_table = next(section.iter(f"{HP}tbl"))
    margin = first_table.find(f".//{HP}cellMargin")
    assert margin is not None
    assert int(margin.get("left", 0)) == mm_to_hwpunit(pad)
    texts = "".join(t.text or "" for t in first_table.iter(f"{HP}t"))
    assert "주요 업무" in texts  # the entries are inside the box


def test_boxed_docx_toc_numbers_stop_inside_the_frame() -> None:
    """The page numbers of a boxed 목차 end at the frame's inner edge (they used to sit on
    the page's text width, past the box's right line)."""
    from govreport.writers.docx import write_docx
    from govreport.writers.units import pt_to_twip

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    theme = Theme.seoul().override({"toc.boxed": True})
    laid = layout(govreport.load(SEED), theme)
    (toc,) = [n for n in laid.front if isinstance(n, TocBlock)]
    with zipfile.ZipFile(io.BytesIO(write_docx(laid, theme))) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    tbl = next(body.iter(f"{w}tbl"))
    stops = {int(t.get(f"{w}pos", 0)) for t in tbl.iter(f"{w}tab") if t.get(f"{w}val") == "right"}
    assert stops == {pt_to_twip(toc.tab_right_pt)}
    assert pt_to_twip(toc.tab_right_pt) < pt_to_twip(theme.page.text_width_pt)
