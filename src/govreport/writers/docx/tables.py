"""``TableBox`` → ``w:tbl``: data tables and every box drawn as a table (chip, summary …).

Fixed layout with a ``w:tblGrid`` from the layout's column widths; spans become ``gridSpan``
and ``vMerge restart|continue`` (a continuation cell is written in every row a rowspan
covers); per-cell borders in eighth-points, fills, vertical alignment, repeated header rows,
rows that do not split, minimum row heights and the table's left indent (FORMAT §5, §6).
Double lines (``summary_box.border_style``, ``table.head_rule``) follow
:func:`govreport.writers.table_line_styles`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...layout.nodes import Border, Borders, CellBox, TableBox
from .. import LineStyle, table_line_styles
from .. import units as u
from .ooxml import Element, hex_color, sub

if TYPE_CHECKING:
    from .body import BodyWriter

__all__ = ["TableWriter", "grid_twips"]

KEEP_TOGETHER_ROWS = 12
"""Data tables with at most this many rows are kept on one page (keep-with-next on every
row but the last), as officials move a short table rather than split it."""

_VALIGN = {"top": "top", "center": "center", "bottom": "bottom"}


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


def _border(parent: Element, side: str, b: Border, style: LineStyle = "single") -> None:
    if b.width_mm <= 0:
        sub(parent, side, {"val": "nil"})
    else:  # w:sz of a double border is the width of each of its two lines
        sub(parent, side, {"val": style, "sz": u.mm_to_eighth_points(b.width_mm),
                           "space": 0, "color": hex_color(b.color)})


class TableWriter:
    """Writes tables; cell paragraphs go through the owning :class:`BodyWriter`."""

    def __init__(self, body: BodyWriter) -> None:
        self.body = body

    def table(self, parent: Element, box: TableBox) -> Element:
        """Append the ``w:tbl`` of ``box`` to ``parent``."""
        grid = grid_twips(box.col_widths_pt)
        tbl = sub(parent, "tbl")
        pr = sub(tbl, "tblPr")
        sub(pr, "tblW", {"w": sum(grid), "type": "dxa"})
        if box.indent_pt:
            sub(pr, "tblInd", {"w": u.pt_to_twip(box.indent_pt), "type": "dxa"})
        bd = sub(pr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(bd, side, {"val": "nil"})
        sub(pr, "tblLayout", {"type": "fixed"})
        left, right, top, bottom = (u.mm_to_twip(m) for m in box.cell_margin_mm)
        mar = sub(pr, "tblCellMar")
        sub(mar, "top", {"w": top, "type": "dxa"})
        sub(mar, "left", {"w": left, "type": "dxa"})
        sub(mar, "bottom", {"w": bottom, "type": "dxa"})
        sub(mar, "right", {"w": right, "type": "dxa"})
        sub(pr, "tblLook", {"val": "0000", "firstRow": 0, "lastRow": 0, "firstColumn": 0,
                            "lastColumn": 0, "noHBand": 1, "noVBand": 1})
        tg = sub(tbl, "tblGrid")
        for wt in grid:
            sub(tg, "gridCol", {"w": wt})

        covered: dict[tuple[int, int], CellBox] = {}
        for box_cell in box.cells:
            for r in range(box_cell.row, min(box_cell.row + box_cell.rowspan, box.n_rows)):
                for c in range(box_cell.col, min(box_cell.col + box_cell.colspan, box.n_cols)):
                    covered[(r, c)] = box_cell
        heights = box.row_heights_pt
        # a short table moves whole; a long data table (``box.split``, decided by the
        # layout's pagination pass) breaks between rows with its header repeated
        together = (box.kind == "data" and not box.split) or (
            box.kind == "diagram" and box.n_rows <= KEEP_TOGETHER_ROWS)
        styles = table_line_styles(self.body.theme, box)
        for r in range(box.n_rows):
            tr = sub(tbl, "tr")
            trp = sub(tr, "trPr")
            sub(trp, "cantSplit")
            h = heights[r] if r < len(heights) else None
            if h:
                sub(trp, "trHeight", {"val": u.pt_to_twip(h), "hRule": "atLeast"})
            if r < box.header_rows:
                sub(trp, "tblHeader")
            c = 0
            while c < box.n_cols:
                cell = covered.get((r, c))
                if cell is None:  # a hole in a ragged grid: an empty, borderless cell
                    self._cell(tr, None, grid[c], 1, None, box.keep_next or together)
                    c += 1
                    continue
                span = min(cell.colspan, box.n_cols - c)
                width = sum(grid[c:c + span])
                merge = None
                if cell.rowspan > 1:
                    merge = "restart" if cell.row == r else "continue"
                keep = (together and r < box.n_rows - 1) or (  # a split table keeps its
                    box.split and r <= box.header_rows and r < box.n_rows - 1)  # head + row 1
                self._cell(tr, cell, width, span, merge, box.keep_next or keep,
                           content=cell.row == r,
                           styles=styles.get((cell.row, cell.col)))
                c += span
        return tbl

    def _cell(self, tr: Element, cell: CellBox | None, width: int, span: int,
              merge: str | None, keep_next: bool, *, content: bool = True,
              styles: dict[str, LineStyle] | None = None) -> None:
        tc = sub(tr, "tc")
        pr = sub(tc, "tcPr")
        sub(pr, "tcW", {"w": width, "type": "dxa"})
        if span > 1:
            sub(pr, "gridSpan", {"val": span})
        if merge == "restart":
            sub(pr, "vMerge", {"val": "restart"})
        elif merge == "continue":
            sub(pr, "vMerge")
        borders = cell.borders if cell is not None else Borders()
        st = styles or {}
        bd = sub(pr, "tcBorders")
        for side in ("top", "left", "bottom", "right"):
            _border(bd, side, getattr(borders, side), st.get(side, "single"))
        if cell is not None and cell.fill:
            sub(pr, "shd", {"val": "clear", "color": "auto", "fill": hex_color(cell.fill)})
        sub(pr, "vAlign", {"val": _VALIGN[cell.valign] if cell is not None else "center"})
        if cell is not None and content and cell.paras:
            self.body.paras(tc, cell.paras, keep_next=keep_next)
        else:
            p = sub(tc, "p")
            if cell is not None and cell.paras:
                role = cell.paras[0].role
                pp = sub(p, "pPr")
                sub(pp, "pStyle", {"val": self.body.style_ids.get(role, "Normal")})
