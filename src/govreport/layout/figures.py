"""Figures and charts → :class:`PictureBox` / :class:`ChartBox` nodes.

Chart numbers are resolved here, once, for both writers: inline series, or the figures of a
table of the same report found by its ``id`` (budget tables: 예산액/집행액/잔액/집행률; generic
tables: chosen columns).  Money held in another unit (천원) is converted to the chart's unit
(억원); value labels are printed by the formatting layer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal

import attrs

from ..formatting import format_number
from ..formatting.money import MONEY_UNITS
from ..model import (
    Block,
    BudgetTable,
    Chart,
    ChartSource,
    Figure,
    Report,
    StaffingTable,
    Table,
)
from ..support.errors import RenderError
from ..support.images import ImageError, figure_image
from ..theme import Theme
from ..theme.units import mm_to_pt
from .nodes import ChartBox, ChartSeriesData, PictureBox

AnyTable = Table | StaffingTable | BudgetTable
BUDGET_COLUMNS = {"budget": 1, "spent": 2, "balance": 3, "rate": None}
BUDGET_NAMES = {"budget": 1, "spent": 2, "balance": 3}


class ChartDataError(ValueError):
    """Chart data that cannot be resolved (unknown table id, column …); ``field`` names the
    ``source`` field at fault (``table``, ``columns``, ``category_column``)."""

    def __init__(self, message: str, field: str = "columns") -> None:
        super().__init__(message)
        self.field = field


def iter_blocks(report: Report) -> Iterator[Block]:
    """Every block of the report in document order, nested ones included."""
    stack: list[Block] = []
    for part in reversed(report.parts):
        for section in reversed(part.sections):
            stack.extend(reversed(section.blocks))
        stack.extend(reversed(part.intro))
    roots = [b for app in report.appendices for b in app.blocks]
    stack[:0] = list(reversed(roots))
    while stack:
        b = stack.pop()
        yield b
        children = getattr(b, "children", ())
        stack.extend(reversed(children))
        if isinstance(b, Table):
            for row in (*b.header, *b.rows):
                for cell in row.cells:
                    stack.extend(reversed(cell.items))


def table_index(report: Report) -> dict[str, AnyTable]:
    """Tables by ``id`` (the first one wins; duplicates are reported by the checks)."""
    out: dict[str, AnyTable] = {}
    for b in iter_blocks(report):
        if isinstance(b, Table | StaffingTable | BudgetTable) and b.id and b.id not in out:
            out[b.id] = b
    return out


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


def _decimals(values: list[float], wanted: int | None) -> int:
    if wanted is not None:
        return wanted
    return 0 if all(abs(v - round(v)) < 1e-9 for v in values) else 1


def _format_code(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


class FigureLayout:
    """Builds picture and chart nodes for one report, theme and locale."""

    def __init__(self, report: Report | None, theme: Theme, locale: str,
                 width_pt: float) -> None:
        self.report = report
        self.theme = theme
        self.locale = locale
        self.width = width_pt
        self.tables = table_index(report) if report is not None else {}

    def _width(self, share: float | None, mm: float | None, natural: float | None) -> float:
        if mm is not None:
            return min(mm_to_pt(mm), self.width)
        if share is not None:
            return self.width * min(max(share, 0.05), 1.0)
        if natural is not None:
            return min(natural, self.width)
        return self.width

    def picture(self, fig: Figure, *, width_mm: float | None = None) -> PictureBox:
        base: str | os.PathLike[str] | None = (
            self.report.base_dir if self.report is not None else None)
        try:
            img = figure_image(fig.src, fig.data, base)
        except ImageError as exc:
            raise RenderError(str(exc)) from None
        mm = fig.width_mm if fig.width_mm is not None else (
            width_mm if fig.width is None else None)
        w = self._width(fig.width, mm, img.width_pt)
        h = w * img.px_height / img.px_width
        name = os.path.basename(fig.src) if fig.src else "picture"
        return PictureBox(data=img.data, format=img.format, width_pt=w, height_pt=h,
                          px_width=img.px_width, px_height=img.px_height,
                          align=fig.align, name=name, descr=fig.alt or fig.caption or "")

    def chart(self, chart: Chart) -> ChartBox:
        t, f = self.theme, self.theme.figures
        try:
            cats, data = chart_data(chart, self.tables)
        except ChartDataError as exc:
            raise RenderError(f"chart {chart.title or ''}: {exc}".replace(" : ", ": "))\
                from None
        colors = tuple(t.color(c) or "#000080" for c in f.chart_colors)
        series: list[ChartSeriesData] = []
        n = len(data)
        for i, (s, spec) in enumerate(zip(data, (*chart.series, *([None] * n)), strict=False)):
            kind: str
            if chart.kind == "pie":
                kind = "pie"
            elif chart.kind == "line":
                kind = "line"
            elif chart.kind == "bar_line":
                default = "line" if i == n - 1 and n > 1 else "bar"
                kind = (spec.kind if spec is not None and spec.kind else default)
            else:
                kind = spec.kind if spec is not None and spec.kind else "bar"
            secondary = (spec.axis == "secondary") if spec is not None and spec.axis else (
                chart.kind == "bar_line" and kind == "line" and n > 1)
            nums = [v for v in s.values if v is not None]
            dec = _decimals(nums, chart.decimals if not s.percent else
                            (chart.decimals if chart.decimals is not None else 1))
            labels = tuple("" if v is None else format_number(v, dec, locale=self.locale)
                           + ("%" if s.percent else "")
                           for v in s.values)
            series.append(ChartSeriesData(
                name=s.name, values=s.values, labels=labels, kind=kind,  # type: ignore[arg-type]
                secondary=secondary, color=colors[i % len(colors)],
                number_format=_format_code(dec) + ('"%"' if s.percent else "")))
        secondary_unit = chart.secondary_unit or (
            "%" if any(s.percent and x.secondary for s, x in zip(data, series, strict=True))
            else "")
        width = self._width(chart.width, chart.width_mm, None)
        height = mm_to_pt(chart.height_mm) if chart.height_mm else width * f.chart_height_pct / 100
        style = t.resolve(f.chart_font_role)
        legend = chart.legend if chart.legend is not None else (chart.kind == "pie" or n > 1)
        pie_colors = tuple(colors[i % len(colors)] for i in range(len(cats))) \
            if chart.kind == "pie" else ()
        return ChartBox(
            kind=chart.kind, categories=cats, series=tuple(series), width_pt=width,
            height_pt=height, font=style.font, font_pt=f.chart_font_pt,
            text_color=t.colors.text, colors=pie_colors, value_labels=chart.value_labels,
            legend=legend, gridlines=f.gridlines, title=chart.title or "",
            unit=chart.unit or "", secondary_unit=secondary_unit,
            picture=chart.render == "picture")
