"""A chart's categories and series, resolved from its own values or from a source table
(columns by index or header text, budget columns, units scaled)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .figures import Chart, ChartSource
from .money import MONEY_UNITS
from .tables import BudgetTable, StaffingTable, Table
from .walk import AnyTable

BUDGET_COLUMNS = {"budget": 1, "spent": 2, "balance": 3, "rate": None}
BUDGET_NAMES = {"budget": 1, "spent": 2, "balance": 3}


class ChartDataError(ValueError):
    """Chart data that cannot be resolved (unknown table id, column …); ``field`` names the
    ``source`` field at fault (``table``, ``columns``, ``category_column``)."""

    def __init__(self, message: str, field: str = "columns") -> None:
        super().__init__(message)
        self.field = field


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            return float(text)
        except ValueError:
            return None
    return None


def _clean(value: float) -> float:
    """``value`` without the binary noise of unit scaling (16.200000000000003 → 16.2)."""
    return round(value, 9)


def _scale(table_unit: str | None, chart_unit: str | None) -> float:
    if table_unit in MONEY_UNITS and chart_unit in MONEY_UNITS:
        return MONEY_UNITS[table_unit] / MONEY_UNITS[chart_unit]
    return 1.0


def _column(table: Table, ref: int | str, what: str) -> int:
    """The 0-based column of ``ref`` (an index or a header text) in ``table``."""
    if isinstance(ref, int):
        width = max((sum(c.colspan for c in r.cells) for r in (*table.header, *table.rows)),
                    default=0)
        if not 0 <= ref < width:
            raise ChartDataError(f"{what} {ref} is not a column of table {table.id!r}")
        return ref
    for row in reversed(table.header):
        col = 0
        for cell in row.cells:
            if isinstance(cell.value, str) and " ".join(cell.value.split()) == " ".join(
                    ref.split()):
                return col
            col += cell.colspan
    raise ChartDataError(f"{what} {ref!r} is not a header of table {table.id!r}")


def _header_text(table: Table, col: int) -> str:
    for row in reversed(table.header):
        x = 0
        for cell in row.cells:
            if x <= col < x + cell.colspan and cell.value is not None:
                return " ".join(str(cell.value).split())
            x += cell.colspan
    return f"{col + 1}열"


def _grid_row(table: Table, row_index: int) -> dict[int, object]:
    """Column → value of a body row (rowspans from above resolved)."""
    taken: dict[tuple[int, int], object] = {}
    for r, row in enumerate(table.rows):
        col = 0
        for cell in row.cells:
            while (r, col) in taken:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = cell.value if dr == dc == 0 or dr > 0 \
                        else None
            col += cell.colspan
        if r == row_index:
            break
    return {c: v for (r, c), v in taken.items() if r == row_index}


@attrs.frozen(slots=True, kw_only=True)
class SeriesValues:
    name: str
    values: tuple[float | None, ...]
    percent: bool = False


def chart_data(chart: Chart, tables: dict[str, AnyTable]
               ) -> tuple[tuple[str, ...], tuple[SeriesValues, ...]]:
    """Categories and series of ``chart`` (values in the chart's unit)."""
    if chart.source is None:
        return chart.categories, tuple(
            SeriesValues(name=s.name, values=tuple(None if v is None else float(v)
                                                   for v in s.values))
            for s in chart.series)
    return source_data(chart.source, chart.unit, tables)


def source_data(src: ChartSource, unit: str | None, tables: dict[str, AnyTable]
                ) -> tuple[tuple[str, ...], tuple[SeriesValues, ...]]:
    table = tables.get(src.table)
    if table is None:
        known = ", ".join(sorted(tables)) or "none has an id"
        raise ChartDataError(f"no table has the id {src.table!r} (tables: {known})", "table")
    if isinstance(table, StaffingTable):
        table = table.as_table()
    if isinstance(table, BudgetTable):
        lines = [*([table.total_line()] if src.totals else []), *table.lines]
        cats = tuple(x.name for x in lines)
        scale = _scale(table.unit, unit)
        out: list[SeriesValues] = []
        for ref in src.columns or ("budget", "spent"):
            if ref == "rate":
                out.append(SeriesValues(
                    name="집행률", percent=True,
                    values=tuple(None if x.rate is None else float(x.rate) for x in lines)))
            elif isinstance(ref, str) and ref in BUDGET_NAMES:
                out.append(SeriesValues(
                    name=table.headers[BUDGET_NAMES[ref]],
                    values=tuple(_clean(float(getattr(x, ref)) * scale) for x in lines)))
            else:
                raise ChartDataError(f"{ref!r} is not a budget column "
                                     "(budget, spent, balance, rate)")
        return cats, tuple(out)
    try:
        cat_col = _column(table, src.category_column, "category_column")
    except ChartDataError as exc:
        raise ChartDataError(str(exc), "category_column") from None
    cols = [_column(table, ref, "column") for ref in src.columns] or [
        c for c in range(cat_col + 1, max(
            (sum(x.colspan for x in r.cells) for r in table.rows), default=0))]
    scale = _scale(table.unit, unit)
    rows = [i for i, r in enumerate(table.rows) if src.totals or not r.total]
    grid = [_grid_row(table, i) for i in rows]
    cats = tuple(" ".join(str(g.get(cat_col) or "").split()) for g in grid)
    series = []
    for c in cols:
        vals = []
        for g in grid:
            v = _number(g.get(c))
            vals.append(None if v is None else _clean(v * scale))
        series.append(SeriesValues(name=_header_text(table, c), values=tuple(vals)))
    return cats, tuple(series)


__all__ = ["BUDGET_COLUMNS", "BUDGET_NAMES", "ChartDataError", "SeriesValues", "chart_data",
           "source_data"]
