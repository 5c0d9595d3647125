"""The pagination pass on hand-built node streams (engine-free; tests/test_pages.py measures
the same rules with LibreOffice and rhwp on the examples)."""

from __future__ import annotations

import pytest

from govreport.layout.nodes import CellBox, Indent, PageBreak, Para, Run, TableBox
from govreport.layout.paginate import paginate, text_height_pt
from govreport.theme import Theme

THEME = Theme.seoul()
IND = Indent(left_pt=30.0, hanging_pt=22.5)


def _item(text: str = "한 줄에 들어가는 짧은 항목", before: float = 10.0) -> Para:
    return Para(role="L2", symbol="○", runs=(Run(text=text),), indent=IND,
                space_before_pt=before)


def _heading(text: str = "향후계획") -> Para:
    return Para(role="L1", symbol="□", runs=(Run(text=text),), space_before_pt=16.0,
                keep_next=True)


def _lines_per_page() -> int:
    pitch = THEME.resolve("L2").line_height_pt + 10.0
    return int(text_height_pt(THEME) // pitch)


def test_one_line_spilling_onto_a_new_page_is_pulled_back() -> None:
    n = _lines_per_page() + 1  # one ○ line too many for the page
    out = paginate(tuple(_item() for _ in range(n)), THEME)
    assert not any(isinstance(x, PageBreak) for x in out)
    spaces = [x.space_before_pt for x in out if isinstance(x, Para)]
    assert min(s or 0.0 for s in spaces) >= 10.0 * THEME.fitting.min_space_pct / 100
    assert any((s or 0.0) < 10.0 for s in spaces)  # tightened, within the theme's minimum


def test_pull_back_can_be_turned_off() -> None:
    theme = THEME.override({"fitting.pull_back_lines": 0, "fitting.min_tail_fill_pct": 0})
    nodes = tuple(_item() for _ in range(_lines_per_page() + 1))
    assert paginate(nodes, theme) == nodes


def test_a_heading_never_ends_a_page() -> None:
    """A □ whose items do not fit below it starts the next page (a soft break: where the
    estimate ends the page; both formats keep it with its items by keep-with-next)."""
    head = _heading()
    nodes = (*(_item() for _ in range(_lines_per_page() - 1)), head,
             *(_item() for _ in range(5)))
    out = paginate(nodes, THEME)
    i = out.index(head)
    # the break comes before the heading, or earlier with what lies between kept with it
    # (the page after is then not left with the group alone: min_tail_fill_pct)
    k = max(j for j, n in enumerate(out[:i]) if isinstance(n, PageBreak))
    assert isinstance(out[k], PageBreak) and out[k].soft
    assert all(n.keep_next for n in out[k + 1:i + 1] if isinstance(n, Para))


def test_a_box_heading_moves_by_its_keep_rule_not_a_forced_break() -> None:
    """A chip whose table does not fit below it: the estimate's break before it is soft (no
    writer forces it) and the chip keeps with the table."""
    chip = TableBox(kind="chip", n_rows=1, n_cols=1, col_widths_pt=(400.0,),
                    cells=(CellBox(row=0, col=0, paras=(Para(role="chip_title"),)),),
                    row_heights_pt=(31.0,), space_before_pt=16.0, keep_next=True)
    table = _table(5)
    nodes = (*(_item() for _ in range(_lines_per_page() - 2)), chip, table)
    out = paginate(nodes, THEME)
    i = out.index(chip)
    k = max(j for j, n in enumerate(out[:i]) if isinstance(n, PageBreak))
    assert isinstance(out[k], PageBreak) and out[k].soft
    assert all(n.keep_next for n in out[k + 1:i + 1] if isinstance(n, Para | TableBox))


def _table(rows: int) -> TableBox:
    cells = tuple(CellBox(row=r, col=0, paras=(Para(role="table_body",
                                                     runs=(Run(text="값"),)),))
                  for r in range(rows))
    return TableBox(kind="data", n_rows=rows, n_cols=1, col_widths_pt=(400.0,), cells=cells,
                    header_rows=1)


@pytest.mark.parametrize(("rows", "split"), [(3, False), (12, False), (13, True), (40, True)])
def test_long_tables_split_short_ones_move_whole(rows: int, split: bool) -> None:
    out = paginate((_table(rows),), THEME)
    assert isinstance(out[0], TableBox) and out[0].split is split


def test_soft_break_is_keep_with_next_in_both_formats() -> None:
    """Neither format forces the estimate's page end: the group keeps together (DOCX
    keepNext, HWPX keepWithNext + keepLines) and Word, LibreOffice and Hancom find the page
    end with their own fonts."""
    import io
    import re
    import zipfile

    from govreport.layout.nodes import LaidDocument
    from govreport.writers.docx import write_docx
    from govreport.writers.hwpx import write_hwpx

    head = _heading()
    body = (_item(), PageBreak(soft=True), head, _item("마지막 항목"))
    doc = LaidDocument(fields={"title": "t", "org": "o", "date": "2025. 4."}, cover=(),
                       front=(), body=body)
    docx = zipfile.ZipFile(io.BytesIO(write_docx(doc, THEME))).read("word/document.xml")
    assert b"pageBreakBefore" not in docx
    para = re.search(rb"<w:p>(?:(?!</w:p>).)*?" + "향후계획".encode(), docx)
    assert para is not None and b"<w:keepNext/>" in para.group(0)
    hwpx = zipfile.ZipFile(io.BytesIO(write_hwpx(doc, THEME))).read("Contents/section0.xml")
    assert b'pageBreak="1"' not in hwpx
    head_p = re.search(rb'<hp:p [^>]*paraPrIDRef="(\d+)"(?:(?!</hp:p>).)*?' + "향후계획".encode(),
                       hwpx)
    assert head_p is not None
    header = zipfile.ZipFile(io.BytesIO(write_hwpx(doc, THEME))).read("Contents/header.xml")
    shape = re.search(rb'<hh:paraPr id="' + head_p.group(1) + rb'".*?</hh:paraPr>', header)
    assert shape is not None
    assert b'keepWithNext="1"' in shape.group(0) and b'keepLines="1"' in shape.group(0)


def _fills(nodes: tuple[object, ...]) -> list[float]:
    """Share of the text height used on each page, by the estimate."""
    from govreport.layout.paginate import Styles, _Flow

    flow = _Flow(THEME, Styles(THEME))
    placed = flow.run(nodes)  # type: ignore[arg-type]
    pages: dict[int, float] = {}
    for p in placed:
        if p is not None:
            pages[p.last] = p.tail_pt / flow.page_h
    return [pages[k] for k in sorted(pages)]


def test_a_group_pushed_onto_a_page_of_its_own_takes_enough_of_the_page_before() -> None:
    """A □ group that does not fit at a page foot moves with the items before it, so that
    the run's last page is not left mostly empty and the page before stays full enough
    (fitting.min_tail_fill_pct / min_page_fill_pct)."""
    fillers = [_item() for _ in range(_lines_per_page() - 2)]
    group = (_heading(), *(_item("둘째 줄까지 이어지는 항목 " * 4) for _ in range(3)))
    nodes = (*fillers, *group)
    before = _fills(nodes)
    assert len(before) == 2 and before[1] < 0.4  # the group alone on the second page
    out = paginate(nodes, THEME)
    after = _fills(out)
    assert len(after) == 2
    assert after[1] >= THEME.fitting.min_tail_fill_pct / 100
    assert after[0] >= THEME.fitting.min_page_fill_pct / 100
    k = next(i for i, n in enumerate(out) if isinstance(n, PageBreak))
    assert isinstance(out[k + 1], Para) and out[k + 1].role in ("L1", "L2")
    assert all(n.keep_next for n in out[k + 1:-1] if isinstance(n, Para))  # moved as one
