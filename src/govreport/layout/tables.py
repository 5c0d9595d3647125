"""Lay out model tables (generic and domain) as :class:`TableBox` nodes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ..formatting import format_cell, format_percent, format_pp
from ..model import BudgetTable, Cell, NumberFormat, Row, StaffingTable, Table
from ..model.compute import compute, scaled, table_width
from ..theme import Theme
from .grid import column_widths, place_cells, text_em, word_em
from .linebreak import join_text
from .nodes import NO_LINE, Border, Borders, CellBox, Indent, Para, Run, TableBox
from .text import TextFormatter

SHORT_TEXT_CHARS = 12


def as_generic(table: Table | StaffingTable | BudgetTable, totals_first: bool = True) -> Table:
    """Domain tables lay themselves out as generic tables (계 row last unless totals_first)."""
    if isinstance(table, Table):
        return table
    generic = table.as_table()
    if totals_first:
        return generic
    rows = [r for r in generic.rows if not r.total] + [r for r in generic.rows if r.total]
    return attrs.evolve(generic, rows=tuple(rows))


class TableLayout:
    """Builds data tables: cell text, alignment, borders, widths."""

    def __init__(self, theme: Theme, fmt: TextFormatter, width_pt: float) -> None:
        self.theme = theme
        self.fmt = fmt
        self.width_pt = width_pt

    def figure(self, value: Decimal | None, fmt: NumberFormat | None) -> str:
        """A number as a column/row format prints it (scaled, rounded, ``%``/``%p``)."""
        ts = self.theme.table
        if value is None:
            return ts.zero
        v = scaled(value, fmt)
        decimals = fmt.decimals if fmt is not None else None
        if fmt is not None and fmt.style == "percent":  # a fall marked as the table's figures
            return format_percent(v, decimals, negative=ts.negative, locale=self.fmt.locale)
        if fmt is not None and fmt.style == "points":
            return format_pp(v, decimals, signed=True, negative=ts.negative,
                             locale=self.fmt.locale)
        if v == 0:
            return ts.zero
        text = self.fmt.grouped(format_cell(v, decimals, zero=ts.zero, negative=ts.negative,
                                            locale=self.fmt.locale))
        return text + fmt.counter if fmt is not None and fmt.counter else text

    def resolve(self, table: Table) -> Table:
        """``table`` with derived rows/columns computed and column/row formats applied: every
        such figure becomes its printed text (right-aligned), omitted derived cells added."""
        formatted = table.computed or any(c.format is not None for c in table.columns) or any(
            r.format is not None for r in table.rows)  # (computed: compound cells too)
        if not formatted or (table.columns and len(table.columns) != table_width(table)):
            return table
        ct = compute(table)
        # a column of figures aligns as typed numbers do: right when any is 1,000 or more
        big = {c for (_, c), v in ct.values.items() if v is not None and abs(v) >= 1000}
        by_row: dict[int, list[tuple[int, Any]]] = {}
        for (rr, c), slot in sorted(ct.slots.items()):  # once, not once per row
            by_row.setdefault(rr, []).append((c, slot))
        rows: list[Row] = []
        for r, row in enumerate(table.rows):
            cells: list[Cell] = []
            for c, slot in by_row.get(r, ()):
                fmt = ct.format_of(r, c)
                cell = slot.cell
                if (r, c) in ct.derived or (
                        (fmt is not None or (r, c) in ct.paren) and cell is not None
                        and isinstance(cell.value, int | float)
                        and not isinstance(cell.value, bool)):
                    text = self.figure(ct.values.get((r, c)), fmt)
                    if (r, c) in ct.paren:  # a compound cell: 16개구 (64.0%)
                        second, pfmt = ct.paren[(r, c)]
                        shown = self.figure(second, pfmt)
                        if second is not None and second > 0 and shown[:1].isdigit() and \
                                ct.paren_ops.get(c) in ("difference", "growth"):
                            shown = "+" + shown  # a change is signed: 128 (+4), 124 (△4)
                        text += f" ({shown})"
                    base = cell if cell is not None else Cell()
                    cell = attrs.evolve(base, value=text, align=base.align or (
                        "right" if c in big else "center"))
                if cell is not None:
                    cells.append(cell)
            rows.append(attrs.evolve(row, cells=tuple(cells)))
        return attrs.evolve(table, rows=tuple(rows))

    def cell_text(self, cell: Cell, plain: bool = False) -> str:
        """The printed text of a cell; ``plain`` prints numbers as written (a header's
        ``2025`` is a year label, never ``2,025``)."""
        v = cell.value
        ts = self.theme.table
        if isinstance(v, bool) or v is None:
            text = ""
        elif plain and isinstance(v, int):
            text = str(v)
        elif isinstance(v, int | float):
            text = self.fmt.grouped(
                format_cell(v, zero=ts.zero, negative=ts.negative, locale=self.fmt.locale))
        else:
            text = v
        # a zero (printed as the theme's zero mark) carries no "(0.0%)" under it
        if cell.ratio is not None and not (cell.ratio == 0 and text in (ts.zero, "0", "")):
            pct = format_percent(cell.ratio, self.theme.numbers.pct_decimals,
                                 locale=self.fmt.locale)
            text += f"\n({pct})"
        if cell.count is not None:
            text += f"\n({self.fmt.count(cell.count)})"
        return text

    def build(self, table: Table, space_before_pt: float, indent_pt: float = 0.0) -> TableBox:
        theme, ts = self.theme, self.theme.table
        head_style = theme.resolve("table_head")
        body_style = theme.resolve("table_body")
        all_rows = (*table.header, *table.rows)
        placed, n_cols = place_cells(all_rows)
        n_head = len(table.header)
        n_rows = len(all_rows)
        width = self.width_pt - indent_pt

        # column facts: numbers ≥ 1,000 → right aligned; long text → wide column
        big_number = [False] * n_cols
        long_text = [False] * n_cols
        min_em = [0.0] * n_cols
        nat_em = [0.0] * n_cols
        # the line-breaking pass (no break inside a number and its unit, a short note …)
        # before the widths: a joined word is one unbreakable word
        texts = [join_text(self.cell_text(p.cell, plain=p.row < n_head)) for p in placed]
        for p, text in zip(placed, texts, strict=True):
            is_head = p.row < n_head
            scale = (head_style.pt if is_head else body_style.pt) / body_style.pt
            words, line = word_em(text), text_em(text)
            for item in p.cell.items:
                item_text = join_text(getattr(item, "text", ""))
                words = max(words, word_em(item_text) + 1.0)
                line = max(line, text_em(item_text) + 1.0)
            if p.cell.colspan == 1:
                min_em[p.col] = max(min_em[p.col], words * scale)
                nat_em[p.col] = max(nat_em[p.col], line * scale)
                if not is_head and (p.cell.items or line > SHORT_TEXT_CHARS):
                    long_text[p.col] = True
            v = p.cell.value
            if not is_head and isinstance(v, int | float) and abs(v) >= 1000:
                big_number[p.col] = True
        margin_mm = ts.cell_margin_lr_mm
        pt = body_style.pt
        while True:  # many narrow columns: shrink the cell padding before breaking words
            pad = 2 * margin_mm * 72 / 25.4 + 2
            mins = [e * pt * 1.06 + pad for e in min_em]
            if sum(mins) <= width or margin_mm <= 0.5:
                break
            margin_mm = max(0.5, margin_mm - 0.3)
        if table.widths and len(table.widths) == n_cols:
            total = sum(table.widths)
            widths = tuple(width * w / total for w in table.widths)
        else:
            widths = column_widths(mins, [e * pt + pad for e in nat_em], long_text, width)

        thin = Border(width_mm=ts.inner_mm)
        thick = Border(width_mm=ts.outer_tb_mm)
        side = thin if ts.sides == "thin" else NO_LINE
        head_fill = theme.color(ts.head_fill)
        total_fill = theme.color(ts.total_fill)
        cells: list[CellBox] = []
        shared: dict[tuple[int, int, int, int], Borders] = {}  # one Borders per look
        for p, text in zip(placed, texts, strict=True):
            cell = p.cell
            is_head = p.row < n_head
            last_row = p.row + cell.rowspan - 1
            last_col = p.col + cell.colspan - 1
            row_total = not is_head and table.rows[p.row - n_head].total
            top = thick if p.row == 0 else thin
            bottom = thick if last_row == n_rows - 1 else thin
            left = side if p.col == 0 else thin
            right = side if last_col == n_cols - 1 else thin
            look = (id(top), id(bottom), id(left), id(right))
            borders = shared.get(look)
            if borders is None:
                borders = shared[look] = Borders(top=top, bottom=bottom, left=left, right=right)
            role = "table_head" if is_head else "table_body"
            if cell.align is not None:
                align = cell.align
            elif is_head or p.col < table.stub_columns:
                align = "center"
            elif isinstance(cell.value, int | float) or cell.ratio is not None:
                align = "right" if big_number[p.col] else "center"
            elif len(text) <= SHORT_TEXT_CHARS or "\n" in text:
                align = "center"
            else:
                align = "left"
            bold = True if (cell.bold or (row_total and ts.total_bold)) else None
            paras: list[Para] = []
            if text or not cell.items:
                paras.append(Para(role=role, runs=(Run(text=text, bold=bold),), align=align))
            for item in cell.items:
                paras.append(self._cell_item(item))
            cells.append(CellBox(
                row=p.row, col=p.col, rowspan=cell.rowspan, colspan=cell.colspan,
                paras=tuple(paras), header=is_head, borders=borders,
                fill=head_fill if is_head else (total_fill if row_total else None),
            ))
        return TableBox(
            kind="data", n_rows=n_rows, n_cols=n_cols, col_widths_pt=widths,
            cells=tuple(cells), header_rows=n_head if ts.repeat_header else 0,
            indent_pt=indent_pt, space_before_pt=space_before_pt,
            cell_margin_mm=(margin_mm, margin_mm,
                            ts.cell_margin_tb_mm, ts.cell_margin_tb_mm),
        )

    def _cell_item(self, item: object) -> Para:
        """A ``-`` line inside a cell, hanging-indented."""
        style = self.theme.resolve("table_body")
        text = join_text(getattr(item, "text", ""))
        label = getattr(item, "label", None)
        symbol = getattr(item, "symbol", None) or "-"
        runs = [Run(text=f"({label}) ")] if label else []
        runs.append(Run(text=text))
        hang = style.pt * 1.0
        return Para(role="table_body", runs=tuple(runs), symbol=symbol,
                    indent=Indent(left_pt=hang, hanging_pt=hang), align="left")
