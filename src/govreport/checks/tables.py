"""Checks of tables: cells, spans on the grid, computed rows and columns, number formats,
staffing and budget tables."""

from __future__ import annotations

import attrs

from ..model import (
    BudgetLine,
    BudgetTable,
    BudgetTotal,
    Cell,
    Chart,
    Figure,
    NumberFormat,
    Row,
    StaffGroup,
    StaffingTable,
    StaffRow,
    Table,
)
from ..model.compute import compute as compute_table
from ..model.compute import filled, table_width
from ..model.stated import stated_problems
from ..support.limits import current as current_limits
from ..support.limits import hint
from .base import (
    _XML_BAD,
    MAX_FORMAT_DECIMALS,
    CheckerBase,
    _fmt,
    _plural,
)


@attrs.define
class _Placed:
    """A cell placed on the grid of one row group (header or body)."""

    row: int
    index: int
    col: int
    colspan: int


@attrs.define
class _Coverage:
    """The grid columns one row covers (its own cells and rowspans from above)."""

    count: int
    last: int  # highest covered column, -1 if none
    gaps: list[int]  # uncovered columns below ``last``


@attrs.define
class _Layout:
    """The placed cells of a row group and the columns each row covers."""

    cells: list[_Placed]
    columns: list[_Coverage]


class TableChecks(CheckerBase):
    """The checks of table blocks and their rows and cells."""

    def row(self, row: Row, path: str, stack: list[tuple[object, str, int, int]], level: int,
            nesting: int) -> None:
        """A table row; plain cells (a value and spans only) are checked here directly, the
        others go on the stack (fast path: a table may have 100,000 rows)."""
        later: list[tuple[object, str, int, int]] = []
        for j, c in enumerate(row.cells):
            cpath = f"{path}.cells[{j}]"
            if c.items or c.count is not None or c.ratio is not None or c.align is not None:
                later.append((c, cpath, level, nesting))
                continue
            if c.rowspan < 1 or c.colspan < 1:
                self.cell(c, cpath, level)
            value = c.value
            if isinstance(value, str):
                if _XML_BAD.search(value):
                    self.string(value, f"{cpath}.value")
            elif value is not None and not isinstance(value, bool):
                self.number(value, f"{cpath}.value")
        stack.extend(reversed(later))

    def cell(self, c: Cell, path: str, _: int) -> None:
        for i, b in enumerate(c.items):
            if isinstance(b, Figure | Chart):
                what = "a figure" if isinstance(b, Figure) else "a chart"
                self.add(f"{path}.items[{i}]", f"{what} cannot be placed in a table cell "
                                              "(put it before or after the table)")
        for name in ("rowspan", "colspan"):
            span = getattr(c, name)
            if span < 1:
                self.add(f"{path}.{name}", f"{name} {span} must be 1 or more")

    def table(self, t: Table, path: str, _: int) -> None:
        self.table_id(t.id, path)
        if not t.header and not t.rows:
            self.add(path, "a table needs at least one row")
            return
        width = self.grid(filled(t) if t.computed else t, path)
        if t.stub_columns < 0 or (width and t.stub_columns > width):
            self.add(f"{path}.stub_columns",
                     f"stub_columns {t.stub_columns} is outside the table's "
                     f"{_plural(width, 'column')}")
        if t.widths is not None:
            if width and len(t.widths) != width:
                self.add(f"{path}.widths",
                         f"{_plural(len(t.widths), 'width')} given for a table of "
                         f"{_plural(width, 'column')}")
            for i, w in enumerate(t.widths):
                if w <= 0:
                    self.add(f"{path}.widths[{i}]", f"a column width must be positive ({w:g})")
        self.computations(t, path)

    def computations(self, t: Table, path: str) -> None:
        """Keys, column options and the derived figures (stated ones must match)."""
        width = table_width(t)
        if t.columns and len(t.columns) != width:
            self.add(f"{path}.columns", f"{_plural(len(t.columns), 'column option')} given "
                                        f"for a table of {_plural(width, 'column')}")
        for name, keyed in (("rows", [r.key for r in t.rows]),
                            ("columns", [c.key for c in t.columns])):
            first: dict[str, int] = {}
            for i, key in enumerate(keyed):
                if key is None:
                    continue
                if not key.strip():
                    self.add(f"{path}.{name}[{i}].key", "a key must not be empty")
                elif key in first:
                    self.add(f"{path}.{name}[{i}].key",
                             f"key {key!r} is already used by {name}[{first[key]}]")
                else:
                    first[key] = i
        for i, c in enumerate(t.columns[:width]):
            if c.compute is not None and i < t.stub_columns:
                self.add(f"{path}.columns[{i}].compute",
                         f"column {i} is a stub (label) column and cannot be computed")
        if t.columns and len(t.columns) != width:
            return
        ct = compute_table(t) if t.computed else None
        if ct is not None:
            for issue in ct.issues:
                self.add(f"{path}{issue.path}", issue.message,
                         "warning" if issue.severity == "warning" else "error")
        for issue in stated_problems(t, ct):  # typed 계/소계, figures typed as text
            self.add(f"{path}{issue.path}", issue.message,
                     "warning" if issue.severity == "warning" else "error")

    def number_format(self, f: NumberFormat, path: str, _: int) -> None:
        self.optional_field(f.counter, path, "counter", "a counter")
        if not 0 <= f.decimals <= MAX_FORMAT_DECIMALS:
            self.add(f"{path}.decimals",
                     f"decimals {f.decimals} is out of range (0 to {MAX_FORMAT_DECIMALS})")
        if (f.from_unit is None) != (f.to_unit is None):
            self.add(path, "from_unit and to_unit are given together (the unit typed and the "
                           "unit printed)")

    def grid(self, t: Table, path: str) -> int:
        """Check spans and row widths; return the table's width (columns of its first row)."""
        layouts = {name: self.place(rows, f"{path}.{name}")
                   for name, rows in (("header", t.header), ("rows", t.rows))}
        first = "header" if t.header else "rows"
        cols0 = layouts[first].columns
        width = cols0[0].last + 1 if cols0 else 0
        for name, layout in layouts.items():
            edge_rows: set[int] = set()
            for p in layout.cells:
                if p.col < width < p.col + p.colspan:
                    edge_rows.add(p.row)
                    self.add(f"{path}.{name}[{p.row}].cells[{p.index}].colspan",
                             f"colspan {p.colspan} of cell {p.index} in row {p.row} reaches "
                             f"past the table edge (it starts at column {p.col}; the table "
                             f"has {_plural(width, 'column')}, the last is column {width - 1})")
            for r, here in enumerate(layout.columns):
                if r in edge_rows:
                    continue
                if here.count != width or here.gaps:
                    noun = "column" if len(here.gaps) == 1 else "columns"
                    gaps = here.gaps[:20]
                    more = ", …" if len(here.gaps) > 20 else ""
                    gap = f"; {noun} {', '.join(map(str, gaps))}{more} empty" if gaps else ""
                    self.add(f"{path}.{name}[{r}]",
                             f"row {r} covers {_plural(here.count, 'column')} after "
                             f"rowspan/colspan, but the table is {width} wide "
                             f"({first} row 0){gap}")
        return width

    def place(self, rows: tuple[Row, ...], path: str) -> _Layout:
        """Place the cells of one row group (header or body) as HTML does; report overlaps.

        Linear in the grid size: per column, the row where the span covering it ends.  The
        spans are checked against :class:`~govreport.support.limits.Limits` (``table_columns``,
        ``table_cells``) before any position is touched, so a ``colspan`` of a billion costs
        nothing.
        """
        lim = current_limits()
        until: list[int] = []  # per column: first row no longer covered
        owner: list[tuple[int, int]] = []  # per column: (row, cell) covering it
        cells: list[_Placed] = []
        columns: list[_Coverage] = []
        area = 0
        n = len(rows)
        spans_until = 0  # first row no longer reached by any rowspan
        for r, row in enumerate(rows):
            if spans_until <= r and all(c.rowspan == 1 == c.colspan for c in row.cells):
                # fast path: plain cells, nothing from above (a cell of colspan 1 cannot reach
                # past the edge, so none is recorded)
                k = len(row.cells)
                if k > lim.table_columns:
                    self.add(f"{path}[{r}].cells[{lim.table_columns}]",
                             f"the table would be wider than {lim.table_columns} columns "
                             f"(row {r} has {k} cells; {hint('table_columns')})")
                    k = lim.table_columns
                if k > len(until):
                    until.extend([0] * (k - len(until)))
                    owner.extend([(-1, -1)] * (k - len(owner)))
                columns.append(_Coverage(count=k, last=k - 1, gaps=[]))
                area += len(until)
                if area > lim.table_cells:
                    self.add(f"{path}[{r}]", f"the table has more than {lim.table_cells:,} "
                                             f"grid cells by row {r} ({hint('table_cells')})")
                    break
                continue
            col = 0
            for j, c in enumerate(row.cells):
                cpath = f"{path}[{r}].cells[{j}]"
                rs, cs = max(c.rowspan, 1), max(c.colspan, 1)
                while col < len(until) and until[col] > r:
                    col += 1
                if col + cs > lim.table_columns:
                    where = f"{cpath}.colspan" if cs > 1 else cpath
                    self.add(where, f"the table would be wider than {lim.table_columns} "
                                    f"columns (cell {j} of row {r} would end at column "
                                    f"{col + cs - 1}; {hint('table_columns')})")
                    break
                if r + rs > n:
                    self.add(f"{cpath}.rowspan",
                             f"rowspan {rs} of cell {j} in row {r} reaches past the last row "
                             f"(the group has {_plural(n, 'row')}, the last is row {n - 1})")
                    rs = n - r
                if col + cs > len(until):
                    grow = col + cs - len(until)
                    until.extend([0] * grow)
                    owner.extend([(-1, -1)] * grow)
                clash = next((cc for cc in range(col, col + cs) if until[cc] > r), None)
                if clash is not None:
                    orow, ocell = owner[clash]
                    self.add(cpath, f"cell {j} of row {r} overlaps cell {ocell} of row {orow} "
                                    f"(through rowspan/colspan) at row {r}, column {clash}")
                for cc in range(col, col + cs):
                    if until[cc] <= r:
                        owner[cc] = (r, j)
                    until[cc] = max(until[cc], r + rs)
                spans_until = max(spans_until, r + rs)
                if cs > 1:  # only these can reach past the table edge
                    cells.append(_Placed(row=r, index=j, col=col, colspan=cs))
                col += cs
            covered = [cc for cc in range(len(until)) if until[cc] > r]
            last = covered[-1] if covered else -1
            gaps = [cc for cc in range(last + 1) if until[cc] <= r] if len(covered) <= last \
                else []
            columns.append(_Coverage(count=len(covered), last=last, gaps=gaps))
            area += len(until)
            if area > lim.table_cells:
                self.add(f"{path}[{r}]", f"the table has more than {lim.table_cells:,} grid "
                                         f"cells by row {r} ({hint('table_cells')})")
                break
        return _Layout(cells=cells, columns=columns)

    def staffing(self, t: StaffingTable, path: str, _: int) -> None:
        self.table_id(t.id, path)
        if not t.groups:
            self.add(f"{path}.groups", "a staffing table needs at least one group")
        for i, row in enumerate(t.rows):
            rpath = f"{path}.rows[{i}]"
            if len(row.counts) != len(t.groups):
                self.add(f"{rpath}.counts",
                         f"{_plural(len(row.counts), 'count group')} for "
                         f"{_plural(len(t.groups), 'staff group')}")
            for j, (counts, group) in enumerate(zip(row.counts, t.groups, strict=False)):
                if len(counts) != len(group.grades):
                    self.add(f"{rpath}.counts[{j}]",
                             f"{_plural(len(counts), 'count')} for the "
                             f"{_plural(len(group.grades), 'grade')} of "
                             f"{group.name} ({', '.join(group.grades)})")
            if row.total is not None and row.total != row.grand_total():
                self.add(f"{rpath}.total",
                         f"stated total {_fmt(row.total)} differs from the computed "
                         f"{t.total_label} {_fmt(row.grand_total())}")

    def staff_group(self, g: StaffGroup, path: str, _: int) -> None:
        self.require_field(g.name, path, "name", "a group name")
        for i, grade in enumerate(g.grades):
            self.require_text(grade, f"{path}.grades[{i}]", "a grade")

    def staff_row(self, r: StaffRow, path: str, _: int) -> None:
        self.require_field(r.label, path, "label", "a row label")
        for i, counts in enumerate(r.counts):
            for j, n in enumerate(counts):
                if n < 0:
                    self.add(f"{path}.counts[{i}][{j}]", f"a count cannot be negative ({n})")
        if r.total is not None and r.total < 0:
            self.add(f"{path}.total", f"a total cannot be negative ({r.total})")

    def budget(self, t: BudgetTable, path: str, _: int) -> None:
        self.table_id(t.id, path)
        if t.total is None:
            return
        computed = t.total_line()
        for name, what in (("budget", "예산액"), ("spent", "집행액")):
            stated = getattr(t.total, name)
            value = getattr(computed, name)
            if stated is not None and stated != value:
                self.add(f"{path}.total.{name}",
                         f"stated total {what} {_fmt(stated)} differs from the computed "
                         f"{t.total_label} {_fmt(value)}")

    def budget_line(self, b: BudgetLine, path: str, _: int) -> None:
        self.require_field(b.name, path, "name", "a budget line name")
        for name, what in (("budget", "예산액"), ("spent", "집행액")):
            value = getattr(b, name)
            if value < 0:
                self.add(f"{path}.{name}", f"{what} cannot be negative ({_fmt(value)})")
        if b.spent > b.budget >= 0:
            self.add(f"{path}.spent", f"집행액 {_fmt(b.spent)} exceeds 예산액 {_fmt(b.budget)}")

    def budget_total(self, b: BudgetTotal, path: str, _: int) -> None:
        for name in ("budget", "spent"):
            value = getattr(b, name)
            if value is not None and value < 0:
                self.add(f"{path}.{name}", f"a total cannot be negative ({_fmt(value)})")
