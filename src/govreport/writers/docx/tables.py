"""``TableBox`` → ``w:tbl``: data tables and every box drawn as a table (chip, summary …).

Fixed layout with a ``w:tblGrid`` from the layout's column widths; spans become ``gridSpan``
and ``vMerge restart|continue`` (a continuation cell is written in every row a rowspan
covers); per-cell borders in eighth-points, fills, vertical alignment, repeated header rows,
rows that do not split, minimum row heights and the table's left indent (FORMAT §5, §6).
Double lines (``summary_box.border_style``, ``table.head_rule``) follow
:func:`govreport.writers.table_line_styles`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ...layout.nodes import Border, Borders, CellBox, TableBox
from .. import LineStyle, table_line_styles
from .. import units as u
from .ooxml import hex_color
from .wml import attr

if TYPE_CHECKING:
    from .body import BodyWriter

__all__ = ["TableWriter", "grid_twips"]

KEEP_TOGETHER_ROWS = 12
"""Data tables with at most this many rows are kept on one page (keep-with-next on every
row but the last), as officials move a short table rather than split it."""

_VALIGN = {"top": "top", "center": "center", "bottom": "bottom"}
_SIDES = ("top", "left", "bottom", "right")


def grid_twips(widths_pt: tuple[float, ...]) -> list[int]:
    """Column widths in twips, rounded on the running total so they add up exactly."""
    out: list[int] = []
    acc, prev = 0.0, 0
    for wpt in widths_pt:
        acc += wpt
        edge = u.pt_to_twip(acc)
        out.append(edge - prev)
        prev = edge
    return out


@lru_cache(maxsize=1024)
def _border(side: str, b: Border, style: LineStyle = "single") -> str:
    if b.width_mm <= 0:
        return f'<w:{side} w:val="nil"/>'
    # w:sz of a double border is the width of each of its two lines
    return (f'<w:{side} w:val="{style}" w:sz="{u.mm_to_eighth_points(b.width_mm)}" '
            f'w:space="0" w:color="{hex_color(b.color)}"/>')


@lru_cache(maxsize=1024)
def _borders(borders: Borders, styles: tuple[LineStyle, ...]) -> str:
    return "<w:tcBorders>" + "".join(
        _border(side, getattr(borders, side), style)
        for side, style in zip(_SIDES, styles, strict=True)) + "</w:tcBorders>"


_EMPTY_BORDERS = Borders()
_SINGLE: tuple[LineStyle, ...] = ("single",) * 4


class TableWriter:
    """Writes tables; cell paragraphs go through the owning :class:`BodyWriter`."""

    def __init__(self, body: BodyWriter) -> None:
        self.body = body

    def table(self, out: list[str], box: TableBox,
              content: Callable[[list[str]], None] | None = None) -> None:
        """Append the ``w:tbl`` of ``box``; ``content`` writes the first cell's content
        instead of its paragraphs (the boxed 목차)."""
        grid = grid_twips(box.col_widths_pt)
        out.append(f'<w:tbl><w:tblPr><w:tblW w:w="{sum(grid)}" w:type="dxa"/>')
        if box.indent_pt:
            out.append(f'<w:tblInd w:w="{u.pt_to_twip(box.indent_pt)}" w:type="dxa"/>')
        left, right, top, bottom = (u.mm_to_twip(m) for m in box.cell_margin_mm)
        out.append(
            '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
            '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
            '</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/>'
            f'<w:left w:w="{left}" w:type="dxa"/><w:bottom w:w="{bottom}" w:type="dxa"/>'
            f'<w:right w:w="{right}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>')
        out.extend(f'<w:gridCol w:w="{wt}"/>' for wt in grid)
        out.append("</w:tblGrid>")

        covered = box.slots()
        heights = box.row_heights_pt
        # a short table moves whole; a long data table (``box.split``, decided by the
        # layout's pagination pass) breaks between rows with its header repeated
        together = (box.kind == "data" and not box.split) or (
            box.kind == "diagram" and box.n_rows <= KEEP_TOGETHER_ROWS)
        styles = table_line_styles(self.body.theme, box)
        for r in range(box.n_rows):
            out.append("<w:tr><w:trPr><w:cantSplit/>")
            h = heights[r] if r < len(heights) else None
            if h:
                out.append(f'<w:trHeight w:val="{u.pt_to_twip(h)}" w:hRule="atLeast"/>')
            if r < box.header_rows:
                out.append("<w:tblHeader/>")
            out.append("</w:trPr>")
            c = 0
            while c < box.n_cols:
                cell = covered.get((r, c))
                if cell is None:  # a hole in a ragged grid: an empty, borderless cell
                    self._cell(out, None, grid[c], 1, None, box.keep_next or together)
                    c += 1
                    continue
                span = box.spans(cell)[1] - (c - cell.col)
                width = sum(grid[c:c + span])
                merge = None
                if cell.rowspan > 1:
                    merge = "restart" if cell.row == r else "continue"
                keep = (together and r < box.n_rows - 1) or (  # a split table keeps its
                    box.split and r <= box.header_rows and r < box.n_rows - 1)  # head + row 1
                first = content is not None and cell.row == r and cell.row == cell.col == 0
                self._cell(out, cell, width, span, merge, box.keep_next or keep,
                           content=cell.row == r, styles=styles.get((cell.row, cell.col)),
                           fill=content if first else None)
                c += span
            out.append("</w:tr>")
        out.append("</w:tbl>")

    def _cell(self, out: list[str], cell: CellBox | None, width: int, span: int,
              merge: str | None, keep_next: bool, *, content: bool = True,
              styles: dict[str, LineStyle] | None = None,
              fill: Callable[[list[str]], None] | None = None) -> None:
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
        if span > 1:
            out.append(f'<w:gridSpan w:val="{span}"/>')
        if merge == "restart":
            out.append('<w:vMerge w:val="restart"/>')
        elif merge == "continue":
            out.append("<w:vMerge/>")
        borders = cell.borders if cell is not None else _EMPTY_BORDERS
        line_styles = _SINGLE if not styles else tuple(
            styles.get(side, "single") for side in _SIDES)
        out.append(_borders(borders, line_styles))
        if cell is not None and cell.fill:
            out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_color(cell.fill)}"/>')
        valign = _VALIGN[cell.valign] if cell is not None else "center"
        out.append(f'<w:vAlign w:val="{valign}"/></w:tcPr>')
        if fill is not None:
            fill(out)
        elif cell is not None and content and cell.paras:
            self.body.paras(out, cell.paras, keep_next=keep_next)
        elif cell is not None and cell.paras:
            role = cell.paras[0].role
            sid = self.body.style_ids.get(role, "Normal")
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{attr(sid)}"/></w:pPr></w:p>')
        else:
            out.append("<w:p/>")
        out.append("</w:tc>")
