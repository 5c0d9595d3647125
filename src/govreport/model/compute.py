"""Derived rows and columns of a generic :class:`~govreport.model.tables.Table`.

A table declares 계/소계 (``sum``), 증감 (``difference``), 달성률 (``ratio``), 증감률
(``growth``) and 비율 (``share``) rows or columns (:class:`~govreport.model.tables.Compute`);
this module computes them exactly (:class:`~decimal.Decimal`), so the layout prints them and
the checks compare any stated figure with them.  Nothing here formats text.

Where a derived row meets a derived column the sensible rule wins: a 계 row of a 달성률 column
is the ratio of the sums (the column's rule); a 달성률 row of a 계 column is the ratio of the
totals (the row's rule); two ratios meeting give no figure (증감률 counts as a ratio).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from .tables import MONEY_FACTORS, Cell, Compute, NumberFormat, Table

LINEAR = frozenset({"sum", "difference"})
PERCENT = NumberFormat(style="percent", decimals=1)
"""The default format of ``ratio``, ``growth`` and ``share`` figures: ``98.5%``."""


@attrs.frozen(slots=True, kw_only=True)
class Slot:
    """A body row's cell at a grid column: the cell (None: omitted, to be computed)."""

    row: int
    col: int
    cell: Cell | None
    index: int | None  # index in the row's cells (None when omitted)


@attrs.frozen(slots=True, kw_only=True)
class Issue:
    """A problem found while computing: a JSON path suffix (from the table) and a message."""

    path: str
    message: str
    severity: str = "error"


@attrs.define
class ComputedTable:
    """The grid of a table's body with every derived figure filled in."""

    width: int
    slots: dict[tuple[int, int], Slot]
    values: dict[tuple[int, int], Decimal | None]
    derived: set[tuple[int, int]]
    formats: dict[tuple[int, int], NumberFormat | None]
    issues: list[Issue]
    paren: dict[tuple[int, int], tuple[Decimal | None, NumberFormat | None]] = attrs.field(
        factory=dict)
    """The second figure of each compound cell (``Column.paren``) and its format."""
    paren_ops: dict[int, str] = attrs.field(factory=dict)
    """The ``op`` of each compound column's second figure, by grid column."""

    def format_of(self, row: int, col: int) -> NumberFormat | None:
        return self.formats.get((row, col))


def table_width(table: Table) -> int:
    """The number of grid columns (from the first header row, else ``columns``, else row 0)."""
    if table.header:
        return sum(max(c.colspan, 1) for c in table.header[0].cells)
    if table.columns:
        return len(table.columns)
    if table.rows:
        return sum(max(c.colspan, 1) for c in table.rows[0].cells)
    return 0


def to_decimal(value: object) -> Decimal | None:
    """A typed number as Decimal; text, empty and booleans are not figures."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def scaled(value: Decimal, fmt: NumberFormat | None) -> Decimal:
    """``value`` in the printed unit and rounded half-up as ``fmt`` prints it."""
    decimals = fmt.decimals if fmt is not None else 0
    if fmt is not None and fmt.from_unit and fmt.to_unit:
        value = value * MONEY_FACTORS[fmt.from_unit] / MONEY_FACTORS[fmt.to_unit]
    if fmt is None and value == value.to_integral_value():
        return value
    if fmt is None:
        return value.normalize()
    return value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _place(table: Table, width: int, computed_cols: set[int]) -> dict[tuple[int, int], Slot]:
    """Place body cells on the grid; short rows leave derived columns (or all data columns of a
    derived row) open."""
    slots: dict[tuple[int, int], Slot] = {}
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        free = [c for c in range(width) if (r, c) not in taken]
        span = sum(max(c.colspan, 1) for c in row.cells)
        stub_free = [c for c in free if c < table.stub_columns]
        if row.compute is not None and span == len(stub_free):
            targets = stub_free
        elif computed_cols and span == len([c for c in free if c not in computed_cols]):
            targets = [c for c in free if c not in computed_cols]
        else:
            targets = free
        it = iter(targets)
        for j, cell in enumerate(row.cells):
            col = next(it, None)
            if col is None:
                break
            slots[(r, col)] = Slot(row=r, col=col, cell=cell, index=j)
            for rr in range(r, r + max(cell.rowspan, 1)):
                for cc in range(col, col + max(cell.colspan, 1)):
                    taken.add((rr, cc))
            for _ in range(max(cell.colspan, 1) - 1):
                next(it, None)
        for c in free:
            if (r, c) not in taken and c >= table.stub_columns:
                slots[(r, c)] = Slot(row=r, col=c, cell=None, index=None)
    return slots


def compute(table: Table) -> ComputedTable:
    """Every figure of the table's body, derived ones computed (see the module docstring)."""
    width = table_width(table)
    columns = table.columns if len(table.columns) == width else ()
    col_rules = {c: col.compute for c, col in enumerate(columns) if col.compute is not None}
    slots = _place(table, width, set(col_rules))
    issues: list[Issue] = []
    row_keys = {row.key: r for r, row in enumerate(table.rows) if row.key}
    col_keys = {col.key: c for c, col in enumerate(columns) if col.key}
    plain_rows = [r for r, row in enumerate(table.rows) if row.compute is None]
    data_cols = [c for c in range(table.stub_columns, width) if c not in col_rules]
    values: dict[tuple[int, int], Decimal | None] = {
        pos: to_decimal(s.cell.value) if s.cell is not None else None
        for pos, s in slots.items()
    }
    derived: set[tuple[int, int]] = set()

    def resolve(names: Sequence[str], keys: dict[str, int], where: str, what: str) -> list[int]:
        out = []
        for name in names:
            if name in keys:
                out.append(keys[name])
            else:
                known = ", ".join(sorted(keys)) or "none"
                issues.append(Issue(path=where, message=f"no {what} has the key {name!r} "
                                                        f"(keys: {known})"))
        return out

    def apply(rule: Compute, refs: list[int], pool: list[int],
              get: Callable[[int], Decimal | None],
              whole_of: Callable[[int], Decimal | None] | None = None) -> Decimal | None:
        if rule.op == "sum":
            got = [get(i) for i in (refs if rule.of else pool)]
            nums = [v for v in got if v is not None]
            return sum(nums, Decimal(0)) if nums else None
        if rule.op == "difference":
            if len(refs) != 2:
                return None
            a, b = get(refs[0]), get(refs[1])
            return None if a is None or b is None else a - b
        if rule.op in ("ratio", "growth"):
            if len(refs) != 2:
                return None
            a, b = get(refs[0]), get(refs[1])
            if a is None or b is None or b == 0:
                return None
            return a * 100 / b if rule.op == "ratio" else (a - b) * 100 / b
        # share
        if not refs:
            return None
        a = get(refs[0])
        whole = get(refs[1]) if len(refs) > 1 else (
            whole_of(refs[0]) if whole_of is not None else None)
        return None if a is None or whole is None or whole == 0 else a * 100 / whole

    # arity problems, once per rule
    def arity(rule: Compute, where: str) -> None:
        need = {"difference": (2, 2), "ratio": (2, 2), "growth": (2, 2),
                "share": (1, 2)}.get(rule.op)
        if need and not need[0] <= len(rule.of) <= need[1]:
            wanted = "2 keys" if need[0] == need[1] else "1 or 2 keys"
            issues.append(Issue(path=f"{where}.compute.of",
                                message=f"{rule.op} needs {wanted}, {len(rule.of)} given"))

    col_refs: dict[int, list[int]] = {}
    for c, rule in col_rules.items():
        arity(rule, f".columns[{c}]")
        col_refs[c] = resolve(rule.of, col_keys, f".columns[{c}].compute.of", "column")
    row_refs: dict[int, list[int]] = {}
    for r, row in enumerate(table.rows):
        if row.compute is not None:
            arity(row.compute, f".rows[{r}]")
            row_refs[r] = resolve(row.compute.of, row_keys, f".rows[{r}].compute.of", "row")

    def total(cells: list[tuple[int, int]]) -> Decimal | None:
        got = [v for v in (values.get(pos) for pos in cells) if v is not None]
        return sum(got, Decimal(0)) if got else None

    def column_rule(r: int, c: int) -> Decimal | None:
        # a share column divides by the sum of the plain rows down the referenced column
        return apply(col_rules[c], col_refs[c], data_cols, lambda cc: values.get((r, cc)),
                     lambda cc: total([(rr, cc) for rr in plain_rows]))

    # A: derived columns of plain rows (in declaration order: later may use earlier)
    for c in sorted(col_rules):
        for r in plain_rows:
            values[(r, c)] = column_rule(r, c)
            derived.add((r, c))
    # B: derived rows, every data column (in order: later rows may use earlier ones)
    for r, row in enumerate(table.rows):
        row_rule = row.compute
        if row_rule is None:
            continue
        for c in range(table.stub_columns, width):
            # a share row divides by the sum of the data columns along the referenced row
            values[(r, c)] = apply(row_rule, row_refs[r], plain_rows,
                                   lambda rr, c=c: values.get((rr, c)),  # type: ignore[misc]
                                   lambda rr: total([(rr, cc) for cc in data_cols]))
            derived.add((r, c))
            if c in col_rules:  # C: where a derived row meets a derived column
                row_linear = row_rule.op in LINEAR
                col_linear = col_rules[c].op in LINEAR
                if row_linear:
                    values[(r, c)] = column_rule(r, c)
                elif not col_linear:
                    values[(r, c)] = None

    # compound cells: a second figure per cell of a column with ``paren`` (every row)
    paren: dict[tuple[int, int], tuple[Decimal | None, NumberFormat | None]] = {}
    paren_ops: dict[int, str] = {}
    for c, col in enumerate(columns):
        second = col.paren
        if second is None:
            continue
        arity(second, f".columns[{c}].paren")
        refs = resolve(second.of, col_keys, f".columns[{c}].paren.of", "column")
        pfmt = col.paren_format or (col.format if second.op in LINEAR else PERCENT)
        for r in range(len(table.rows)):
            if (r, c) not in slots:
                continue
            got = apply(second, refs, data_cols,
                        lambda cc, r=r: values.get((r, cc)),  # type: ignore[misc]
                        lambda cc: total([(rr, cc) for rr in plain_rows]))
            paren[(r, c)] = (got, pfmt)
        paren_ops[c] = second.op

    formats: dict[tuple[int, int], NumberFormat | None] = {}
    for pos in slots:
        r, c = pos
        row = table.rows[r]
        col_fmt = columns[c].format if columns else None
        fmt = col_fmt
        if row.compute is not None and row.format is not None:
            fmt = row.format
        elif (row.compute is not None and row.compute.op not in LINEAR) or (
                c in col_rules and col_fmt is None and col_rules[c].op not in LINEAR):
            fmt = PERCENT
        elif row.format is not None:
            fmt = row.format
        formats[pos] = fmt

    # stated figures in derived places are checked against the computed ones
    for pos in sorted(derived):
        slot = slots.get(pos)
        if slot is None or slot.cell is None or slot.index is None:
            continue
        stated = to_decimal(slot.cell.value)
        if stated is None or not slot.cell.checked:  # checked=False: a deliberate difference
            continue
        fmt = formats.get(pos)
        computed = values.get(pos)
        where = f".rows[{pos[0]}].cells[{slot.index}].value"
        if computed is None:
            issues.append(Issue(path=where, message=f"stated {stated} but the figure cannot be "
                                                    "computed (missing or zero values)",
                                severity="warning"))
        elif scaled(stated, _same_unit(fmt)) != scaled(computed, _same_unit(fmt)):
            issues.append(Issue(path=where, message=(
                f"stated {_plain(scaled(stated, _same_unit(fmt)))} differs from the computed "
                f"{_plain(scaled(computed, _same_unit(fmt)))}")))
    return ComputedTable(width=width, slots=slots, values=values, derived=derived,
                         formats=formats, issues=issues, paren=paren,
                         paren_ops=paren_ops)


def filled(table: Table) -> Table:
    """``table`` with an empty cell where a derived figure was omitted (a full grid)."""
    if not table.computed:
        return table
    ct = compute(table)
    rows = []
    for r, row in enumerate(table.rows):
        cells = [slot.cell if slot.cell is not None else Cell()
                 for (rr, _), slot in sorted(ct.slots.items()) if rr == r]
        rows.append(attrs.evolve(row, cells=tuple(cells)))
    return attrs.evolve(table, rows=tuple(rows))


def _same_unit(fmt: NumberFormat | None) -> NumberFormat | None:
    """``fmt`` without unit scaling (stated figures are typed in the same unit as the data)."""
    return None if fmt is None else attrs.evolve(fmt, from_unit=None, to_unit=None)


def _plain(value: Decimal) -> str:
    return f"{value:,f}"


__all__ = ["PERCENT", "ComputedTable", "Issue", "Slot", "compute", "filled", "scaled",
           "table_width", "to_decimal"]
