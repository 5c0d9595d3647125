"""The 목 차's geometry, decided once: page-number tab, task-line indent, the gap under the
heading and the optional frame (``toc.boxed``) with its padding (``overview.padding_mm``)."""

from __future__ import annotations

from ..theme import Theme
from ..theme.units import mm_to_pt
from .nodes import Border, Borders, CellBox, TableBox, TocBlock, TocEntry

__all__ = ["toc_block", "toc_frame"]


def toc_frame(theme: Theme) -> TableBox:
    """The full-width 1×1 box of thin lines the entries sit in, padded like the 개요 상자
    (``overview.padding_mm`` left and right, 0.6 of it above and below)."""
    line = Border(width_mm=theme.lines.thin_mm)
    pad = theme.overview.padding_mm
    return TableBox(kind="overview", n_rows=1, n_cols=1,
                    col_widths_pt=(theme.page.text_width_pt,),
                    cells=(CellBox(row=0, col=0, paras=(),
                                   borders=Borders(top=line, bottom=line, left=line,
                                                   right=line)),),
                    cell_margin_mm=(pad, pad, pad * 0.6, pad * 0.6))


def toc_block(title: str, entries: tuple[TocEntry, ...], theme: Theme) -> TocBlock:
    """The 목차 block: ``entries`` with the theme's geometry, the same for every writer."""
    frame = toc_frame(theme) if theme.toc.boxed else None
    width = theme.page.text_width_pt
    if frame is not None:
        left, right = frame.cell_margin_mm[:2]
        width = frame.width_pt - mm_to_pt(left + right)
    return TocBlock(
        title=title, entries=entries, tab_right_pt=width,
        item_indent_pt=theme.toc.item_indent_em * theme.body.pt,
        gap_pt=theme.spacing.toc_after_heading, leader=theme.toc.leader, frame=frame,
    )
