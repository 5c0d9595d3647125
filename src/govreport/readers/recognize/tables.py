"""Data tables: cells and their numbers, 계 rows, header rows, staffing (정원) and budget
(예산 집행) tables, and tables that only frame pictures."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs

from ...model import (
    Block,
    BudgetLine,
    BudgetTable,
    BudgetTotal,
    Cell,
    Item,
    Period,
    Row,
    StaffGroup,
    StaffingTable,
    StaffRow,
    Table,
)
from ..inline import split_symbol
from ..source import SourcePara, SourceTable
from .diagrams import read_comparison

if TYPE_CHECKING:
    from .document import Recognizer
    from .ladder import Ladder

TOTAL_LABELS = frozenset({"계", "합계", "총계", "소계", "합 계", "총 계"})


def read_photo_table(t: SourceTable) -> list[tuple[SourcePara, str | None]] | None:
    """A table that only frames pictures (사진 표): each cell one picture, its caption in
    the same cell or in the cell right below; the pictures in reading order with their
    captions.  None when any cell holds anything else."""
    pics: dict[tuple[int, int], tuple[SourcePara, list[str], int]] = {}
    texts: dict[tuple[int, int], tuple[list[str], int]] = {}
    for c in t.cells:
        shown = [p for p in c.paras if p.picture is not None]
        lines = [p.text.strip() for p in c.paras if p.text.strip()]
        if len(shown) > 1 or any(p.object and p.picture is None for p in c.paras):
            return None
        if shown:
            pics[(c.row, c.col)] = (shown[0], lines, c.colspan)
        elif lines:
            texts[(c.row, c.col)] = (lines, c.colspan)
    if not pics:
        return None
    for (r, col), (lines, span) in sorted(texts.items()):
        above = pics.get((r - 1, col))
        if above is None or above[1] or above[2] != span:
            return None
        above[1].extend(lines)
    return [(para, " ".join(lines) or None) for _, (para, lines, _) in sorted(pics.items())]


def read_data_table(rec: Recognizer, t: SourceTable, ladder: Ladder) -> Block:
    caption = ladder.take_caption()
    title = ladder.take_title()
    unit, basis = caption if caption else (None, None)
    grid_ok, header_rows = header_row_count(t)
    if not grid_ok:
        rec.log.fallback(t.where, "the table grid is irregular; read row by row")
    empty = sum(not c.text.strip() for c in t.cells)
    if t.n_cols >= 10 and t.n_rows >= 6 and empty > 0.6 * len(t.cells):
        rec.log.fallback(t.where, f"a {t.n_rows}×{t.n_cols} grid, {empty} of {len(t.cells)} "
                         "cells empty, is drawn like a diagram (an org chart?); its boxes do "
                         "not read as one head over divisions, so it is kept as the table it "
                         "is drawn as")
    staff = read_staffing(rec, t, header_rows)
    if staff is not None:
        rec.log.typed += 1
        return attrs.evolve(staff, title=title, **unit_kw(unit, basis, "명"))
    budget = read_budget(rec, t, header_rows)
    if budget is not None:
        rec.log.typed += 1
        return attrs.evolve(budget, title=title, **unit_kw(unit, basis, "천원"))
    comparison = read_comparison(rec, t, title)
    if comparison is not None:
        rec.log.typed += 1
        return comparison
    rows: list[Row] = []
    for r in range(t.n_rows):
        cells = [read_cell(rec, c, r < header_rows) for c in t.row(r)]
        first = t.row(r)[0].text.strip() if t.row(r) else ""
        src = t.row(r)
        styled = bool(src) and (all(c.fill for c in src) or all(
            p.bold for c in src for p in c.paras if p.text.strip()))
        # a 계 row: shaded or bold as a whole, or the table's last row (as a person reads it)
        total = r >= header_rows and (styled or r == t.n_rows - 1) and first.replace(
            " ", "") in {x.replace(" ", "") for x in TOTAL_LABELS}
        if total:  # a 계 row is styled as a whole; its bold is not the cells' own
            cells = [attrs.evolve(c, bold=False) for c in cells]
        if r >= header_rows and any(isinstance(c.value, int | float) for c in cells):
            zero = rec.theme.table.zero
            cells = [attrs.evolve(c, value=0) if c.value == zero and zero else c
                     for c in cells]
        rows.append(Row(cells=tuple(cells), total=total))
    rec.log.typed += 1
    notes = tuple(fn for c in t.cells for p in c.paras for fn in p.footnotes)
    table = Table(header=tuple(rows[:header_rows]), rows=tuple(rows[header_rows:]),
                  title=title, unit=unit, basis=basis, notes=notes)
    return rec.computed.declare(table, t.where)


def read_cell(rec: Recognizer, c: Any, header: bool) -> Cell:
    for p in c.paras:
        if p.picture is not None:
            rec.log.skip(p.where, "a picture inside a table cell is not read (a table "
                                   "of pictures only is read as figures)")
    lines = [p for p in c.paras if p.text.strip()]
    items: list[Block] = []
    text_lines: list[str] = []
    for p in lines:
        sym = split_symbol(p.text)
        if sym and sym[0] in ("dash", "circle", "dot", "box") and not header:
            items.append(Item(text=sym[2].strip()))
        else:
            text_lines.append(p.text.strip())
    text = "\n".join(text_lines)
    kw: dict[str, Any] = {}
    if c.rowspan > 1:
        kw["rowspan"] = c.rowspan
    if c.colspan > 1:
        kw["colspan"] = c.colspan
    if items:
        kw["items"] = tuple(items)
    bold = bool(lines) and all(p.bold for p in lines) and not header
    if bold:
        kw["bold"] = True
    value: Any = text or None
    if header and re.fullmatch(r"(19|20)\d\d", text):
        return Cell(value=int(text), **kw)  # a year label: printed as written either way
    if not header and text:
        parts = text.split("\n")
        m = re.fullmatch(r"\((-?[\d.]+)%\)", parts[-1]) if len(parts) >= 2 else None
        if m:
            num = read_number(rec, "\n".join(parts[:-1]))
            if num is not None:
                value, kw["ratio"] = num, float(m.group(1))
                return Cell(value=value, **kw)
        m = re.fullmatch(r"\((.+)\)", parts[-1]) if len(parts) >= 2 else None
        if m:
            q = rec.values.count(m.group(1))
            if q is not None:
                kw["count"] = q
                return Cell(value="\n".join(parts[:-1]), **kw)
        num = read_number(rec, text)
        if num is not None:
            value = num
    return Cell(value=value, **kw)


def read_number(rec: Recognizer, text: str) -> int | float | None:
    s = text.strip()
    if not re.fullmatch(r"-?[\d,]+(\.\d+)?", s) or s in ("-",):
        return None
    from ...formatting import format_cell

    try:
        v: int | float = float(s.replace(",", "")) if "." in s else int(s.replace(",", ""))
    except ValueError:
        return None
    if not abs(v) < 10**18:  # inf, or past what a report may hold: kept as the text it is
        return None
    ts = rec.theme.table
    shown = rec.fmt.grouped(format_cell(v, zero=ts.zero, negative=ts.negative,
                                         locale=rec.fmt.locale))
    return v if shown == s else None


def read_staffing(rec: Recognizer, t: SourceTable, header_rows: int) -> StaffingTable | None:
    if header_rows != 2 or t.n_rows < 3:
        return None
    h0, h1 = t.row(0), t.row(1)
    if len(h0) < 3 or h0[0].rowspan != 2 or h0[1].rowspan != 2:
        return None
    groups: list[StaffGroup] = []
    sub_label = None
    k = 0
    for head in h0[2:]:
        cols = h1[k:k + head.colspan]
        k += head.colspan
        if len(cols) != head.colspan or head.colspan < 2:
            return None
        sub_label = sub_label or cols[0].text.strip()
        if cols[0].text.strip() != sub_label:
            return None
        groups.append(StaffGroup(name=head.text.strip(),
                                 grades=tuple(c.text.strip() for c in cols[1:])))
    rows: list[StaffRow] = []
    for r in range(2, t.n_rows):
        cells = t.row(r)
        if len(cells) != 2 + k:
            return None
        nums = [read_int(rec, c.text) for c in cells[1:]]
        if any(x is None for x in nums):
            return None
        counts: list[tuple[int, ...]] = []
        j = 1
        for g in groups:
            sub = nums[j]
            vals = tuple(int(x or 0) for x in nums[j + 1:j + 1 + len(g.grades)])
            if sub != sum(vals):
                return None
            counts.append(vals)
            j += 1 + len(g.grades)
        row = StaffRow(label=cells[0].text.strip(), counts=tuple(counts),
                       total=nums[0])
        if row.grand_total() != nums[0]:
            return None
        rows.append(row)
    return StaffingTable(groups=tuple(groups), rows=tuple(rows),
                         label_header=h0[0].text.strip(), total_label=h0[1].text.strip(),
                         subtotal_label=sub_label or "소계")


def read_int(rec: Recognizer, text: str) -> int | None:
    s = text.strip()
    if s in ("-", "", "0"):
        return 0
    v = read_number(rec, s)
    return v if isinstance(v, int) else None


def read_budget(rec: Recognizer, t: SourceTable, header_rows: int) -> BudgetTable | None:
    if header_rows != 1 or t.n_cols != 5 or t.n_rows < 3:
        return None
    head = tuple(c.text.strip() for c in t.row(0))
    if len(head) != 5 or any(c.rowspan != 1 or c.colspan != 1 for c in t.cells):
        return None
    lines: list[BudgetLine] = []
    total_row: tuple[str, int, int] | None = None
    show_rate = None
    for r in range(1, t.n_rows):
        cells = t.row(r)
        name = cells[0].text.strip()
        budget = read_int(rec, cells[1].text)
        spent_text = cells[2].text.strip().split("\n")
        spent = read_int(rec, spent_text[0])
        balance = read_int(rec, cells[3].text)
        if budget is None or spent is None or balance is None or budget - spent != balance:
            return None
        has_rate = len(spent_text) == 2
        if has_rate and budget:
            from ...formatting import format_percent
            from ...model import execution_rate

            rate = execution_rate(spent, budget)
            shown = format_percent(float(rate) if rate is not None else 0.0,
                                   rec.theme.numbers.pct_decimals, locale=rec.fmt.locale)
            if spent_text[1] != f"({shown})":
                return None
        if show_rate is None:
            show_rate = has_rate
        at_edge = r == 1 or (r == t.n_rows - 1 and total_row is None)
        if at_edge and name.replace(" ", "") in {"계", "합계", "총계"}:
            total_row = (name, budget, spent)
            continue
        lines.append(BudgetLine(name=name, budget=budget, spent=spent,
                                remark=cells[4].text.strip()))
    if total_row is None or not lines:
        return None
    table = BudgetTable(lines=tuple(lines), headers=head,
                        total_label=total_row[0], show_rate=bool(show_rate),
                        total=BudgetTotal(budget=total_row[1], spent=total_row[2]))
    line = table.total_line()
    if (line.budget, line.spent) != (total_row[1], total_row[2]):
        rec.log.fallback(t.where, "the 계 row differs from the sum of the lines; kept as "
                          "the stated total (govreport check will report it)")
    return table


def unit_kw(unit: str | None, basis: Period | None, default: str) -> dict[str, Any]:
    kw: dict[str, Any] = {}
    if unit is not None:
        kw["unit"] = unit
    if basis is not None:
        kw["basis"] = basis
    return kw


def header_row_count(t: SourceTable) -> tuple[bool, int]:
    marked = {c.row for c in t.cells if c.header}
    n = 0
    while n in marked:
        n += 1
    if n:
        return True, n
    first = t.row(0)
    depth = max((c.rowspan for c in first), default=1)
    if first and all(c.fill for c in first) and t.n_rows > 1:
        return True, depth
    if depth > 1 and t.n_rows > depth and all(
            not re.fullmatch(r"[-\d,.%()\s]+", c.text.strip() or "x")
            for c in t.cells if c.row < depth):
        return True, depth  # 구분 spanning two header rows
    return True, 1 if t.n_rows > 1 and all(
        c.text.strip() and not re.fullmatch(r"[-\d,.%()\s]+", c.text.strip()) for c in first
    ) else 0


# ----------------------------------------------------------------------------- the ladder
