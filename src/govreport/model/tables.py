"""Tables: a generic grid table and typed domain tables (정원·현원, 예산·집행).

Domain tables hold only the numbers a person enters; 소계, 총계, 잔액, 집행률 and the 계 row
are computed properties.  Each lays itself out as a generic :class:`Table` (``as_table``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal, Union

import attrs

from .dates import Period, to_optional_period

if TYPE_CHECKING:
    from .blocks import Block, Quantity

Align = Literal["left", "center", "right", "justify"]
CellValue = Union[str, int, float, None]  # noqa: UP007 - runtime alias for cattrs


def _tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def _tuple2(value: Iterable[Iterable[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(group) for group in value)


@attrs.frozen(slots=True, kw_only=True)
class Cell:
    """One table cell (only cells that *start* at a grid position are listed, as in HTML).

    ``value`` is text (``\\n`` = line break), a number (printed with separators, 0 → ``-``) or
    ``None`` (empty).  ``ratio`` (percent) makes a compound cell ``99,901`` / ``(25.1%)``.
    ``items`` holds bulleted lines (``-``) inside the cell.  In JSON a cell without options may
    be written as the bare value.  ``count`` is a typed count printed on its own line under
    a label (``건설\\n주택`` / ``(39)``); the layout formats it, the checks sum it.
    ``checked=False`` marks a typed figure that deliberately differs from the figures it
    stands for (a rounded or estimated 계): the stated-total check leaves it alone.
    """

    value: CellValue = None
    items: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)
    ratio: float | None = None
    rowspan: int = 1
    colspan: int = 1
    align: Align | None = None
    bold: bool = False
    count: Quantity | None = None
    checked: bool = True


MoneyUnit = Literal["원", "천원", "백만원", "억원", "조원"]
MONEY_FACTORS: dict[str, int] = {
    "원": 1, "천원": 10**3, "백만원": 10**6, "억원": 10**8, "조원": 10**12,
}


@attrs.frozen(slots=True, kw_only=True)
class NumberFormat:
    """How the numbers of a column or a computed row print.

    ``style``: ``"number"`` (``1,234``), ``"percent"`` (``98.5%``) or ``"points"``
    (``+1.2%p``, a difference of percentages).  ``decimals`` are rounded half-up.
    ``from_unit``/``to_unit`` scale money: figures typed in 원 print in 백만원.
    """

    style: Literal["number", "percent", "points"] = "number"
    decimals: int = 0
    from_unit: MoneyUnit | None = None
    to_unit: MoneyUnit | None = None
    counter: str | None = None
    """A counter printed right after each figure: ``"개구"`` → ``16개구`` (not after ``-``)."""


Op = Literal["sum", "difference", "ratio", "share", "growth"]


@attrs.frozen(slots=True, kw_only=True)
class Compute:
    """A derived row or column, computed from others named by their ``key``.

    * ``sum`` — 계/소계: the sum of ``of`` (empty: every row/column that is not computed);
    * ``difference`` — 증감: ``of[0] − of[1]``;
    * ``ratio`` — 달성률(B/A): ``of[0] ÷ of[1]`` in percent;
    * ``growth`` — 증감률: ``(of[0] − of[1]) ÷ of[1]`` in percent (``of[1]`` the base);
    * ``share`` — 비율: ``of[0]`` as a percentage of its whole, or of ``of[1]`` when given.
      A share *column* divides by the sum of the plain rows down column ``of[0]``; a share
      *row* by the sum of the data columns along row ``of[0]``.
    """

    op: Op
    of: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Row:
    """A table row; ``total=True`` marks a 계/합계 row (styled apart).  JSON: list or object.

    ``key`` names the row for computations (``"A"`` for a row labelled ``목표(A)``).
    ``compute`` makes the row derived: its cells list only the stub (label) cells, or also
    values, which are then checked against the computed ones.  ``format`` is how its numbers
    print (a 달성률 row: percent).
    """

    cells: tuple[Cell, ...] = attrs.field(converter=_tuple)
    total: bool = False
    key: str | None = None
    compute: Compute | None = None
    format: NumberFormat | None = None


@attrs.frozen(slots=True, kw_only=True)
class Column:
    """Options of one grid column of a table (``Table.columns``, one per column or none).

    ``key`` names it for computations; ``compute`` derives it (the rows then omit its cell,
    or state a value that is checked); ``format`` is how its numbers print.
    """

    key: str | None = None
    compute: Compute | None = None
    format: NumberFormat | None = None
    paren: Compute | None = None
    """A second figure computed for each cell and printed after it in parentheses — a
    compound cell: ``{"op": "share", "of": ["n"]}`` → ``16개구 (64.0%)``,
    ``{"op": "difference", "of": ["y2025", "y2024"]}`` → ``128 (△4)``."""
    paren_format: NumberFormat | None = None
    """How the figure in parentheses prints (default: ``98.5%`` for ratio, growth and share;
    the column's format for sum and difference)."""


@attrs.frozen(slots=True, kw_only=True)
class Table:
    """A generic table with header rows, spans, a stub column, unit/basis caption and notes.

    The caption reads ``(기준 / 단위 : '25.3월말 / 천원)`` from ``basis`` and ``unit``.
    ``widths`` are relative column widths (any scale); omitted → computed from content.
    ``columns`` (one per grid column) name, derive and format columns; rows do the same with
    ``key``/``compute``/``format`` (see :class:`Compute`).
    """

    header: tuple[Row, ...] = attrs.field(default=(), converter=_tuple)
    rows: tuple[Row, ...] = attrs.field(default=(), converter=_tuple)
    title: str | None = None
    unit: str | None = None
    basis: Period | None = attrs.field(default=None, converter=to_optional_period)
    stub_columns: int = 1
    widths: tuple[float, ...] | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    columns: tuple[Column, ...] = attrs.field(default=(), converter=_tuple)
    id: str | None = None
    """A name for this table, unique in the report, that a chart's ``source`` refers to."""

    @property
    def computed(self) -> bool:
        """True when any row or column is derived (or holds compound cells)."""
        return any(r.compute is not None for r in self.rows) or any(
            c.compute is not None or c.paren is not None for c in self.columns)


@attrs.frozen(slots=True, kw_only=True)
class StaffGroup:
    """A 직종 group (일반직, 별정직 …) and its 직급 columns."""

    name: str
    grades: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class StaffRow:
    """One row (정원 or 현원): counts per group, in the group's grade order.

    ``total`` is optional: a figure stated by the source, checked against the computed 총계.
    """

    label: str
    counts: tuple[tuple[int, ...], ...] = attrs.field(converter=_tuple2)
    total: int | None = None

    def subtotals(self) -> tuple[int, ...]:
        """소계 of each group."""
        return tuple(sum(g) for g in self.counts)

    def grand_total(self) -> int:
        """총계 of the row."""
        return sum(self.subtotals())


@attrs.frozen(slots=True, kw_only=True)
class StaffingTable:
    """인력 현황: 정원/현원 by 직종 group and 직급; 소계 and 총계 computed."""

    groups: tuple[StaffGroup, ...] = attrs.field(converter=_tuple)
    rows: tuple[StaffRow, ...] = attrs.field(converter=_tuple)
    unit: str = "명"
    basis: Period | None = attrs.field(default=None, converter=to_optional_period)
    title: str | None = None
    label_header: str = "구분"
    total_label: str = "총계"
    subtotal_label: str = "소계"
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    id: str | None = None
    """A name for this table, unique in the report, that a chart's ``source`` refers to."""

    def as_table(self) -> Table:
        """The generic two-header-row table (구분 | 총계 | group: 소계, grades…)."""
        head0: list[Cell] = [
            Cell(value=self.label_header, rowspan=2),
            Cell(value=self.total_label, rowspan=2),
        ]
        head1: list[Cell] = []
        for g in self.groups:
            head0.append(Cell(value=g.name, colspan=len(g.grades) + 1))
            head1.append(Cell(value=self.subtotal_label))
            head1.extend(Cell(value=grade) for grade in g.grades)
        body: list[Row] = []
        for r in self.rows:
            cells = [Cell(value=r.label), Cell(value=r.grand_total())]
            for sub, counts in zip(r.subtotals(), r.counts, strict=True):
                cells.append(Cell(value=sub))
                cells.extend(Cell(value=c) for c in counts)
            body.append(Row(cells=tuple(cells)))
        return Table(
            header=(Row(cells=tuple(head0)), Row(cells=tuple(head1))),
            rows=tuple(body),
            title=self.title,
            unit=self.unit,
            basis=self.basis,
            notes=self.notes,
        )


def execution_rate(spent: int, budget: int) -> Decimal | None:
    """집행률 in percent, rounded half-up to one decimal (``Decimal('25.1')``); None if 예산 0."""
    if budget == 0:
        return None
    return (Decimal(spent) * 100 / Decimal(budget)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@attrs.frozen(slots=True, kw_only=True)
class BudgetLine:
    """One 과목: 예산액 and 집행액 (in the table's unit), with a 비고 remark."""

    name: str
    budget: int
    spent: int
    remark: str = ""

    @property
    def balance(self) -> int:
        """잔액 = 예산액 − 집행액."""
        return self.budget - self.spent

    @property
    def rate(self) -> Decimal | None:
        """집행률 (%)."""
        return execution_rate(self.spent, self.budget)


@attrs.frozen(slots=True, kw_only=True)
class BudgetTotal:
    """A total stated by the source (checked against the computed 계 row)."""

    budget: int | None = None
    spent: int | None = None


@attrs.frozen(slots=True, kw_only=True)
class BudgetTable:
    """예산 집행현황: 예산액/집행액 per 과목; 잔액, 집행률 and the 계 row computed."""

    lines: tuple[BudgetLine, ...] = attrs.field(converter=_tuple)
    unit: str = "천원"
    basis: Period | None = attrs.field(default=None, converter=to_optional_period)
    title: str | None = None
    headers: tuple[str, str, str, str, str] = ("구분", "예산액", "집행액", "잔액", "비고")
    total_label: str = "계"
    show_rate: bool = True
    total: BudgetTotal | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    id: str | None = None
    """A name for this table, unique in the report, that a chart's ``source`` refers to."""

    def total_line(self) -> BudgetLine:
        """The computed 계 row."""
        return BudgetLine(
            name=self.total_label,
            budget=sum(x.budget for x in self.lines),
            spent=sum(x.spent for x in self.lines),
        )

    def as_table(self) -> Table:
        """The generic table, 계 row first; 집행액 cells carry the 집행률 as ``ratio``."""

        def row(line: BudgetLine, total: bool) -> Row:
            rate = line.rate if self.show_rate else None
            return Row(
                cells=(
                    Cell(value=line.name),
                    Cell(value=line.budget),
                    Cell(value=line.spent, ratio=None if rate is None else float(rate)),
                    Cell(value=line.balance),
                    Cell(value=line.remark or None),
                ),
                total=total,
            )

        rows = [row(self.total_line(), True)] + [row(x, False) for x in self.lines]
        return Table(
            header=(Row(cells=tuple(Cell(value=h) for h in self.headers)),),
            rows=tuple(rows),
            title=self.title,
            unit=self.unit,
            basis=self.basis,
            notes=self.notes,
        )
