"""Figures and charts → :class:`PictureBox` / :class:`ChartBox` nodes.

Chart numbers are resolved here, once, for both writers: inline series, or the figures of a
table of the same report found by its ``id`` (budget tables: 예산액/집행액/잔액/집행률; generic
tables: chosen columns).  Money held in another unit (천원) is converted to the chart's unit
(억원); value labels are printed by the formatting layer.
"""

from __future__ import annotations

import os

from ..formatting import format_number
from ..model import (
    Chart,
    Figure,
    Report,
)
from ..model.chart_data import ChartDataError, chart_data
from ..model.walk import table_index
from ..support.errors import RenderError
from ..support.images import ImageError, figure_image
from ..theme import Theme
from ..theme.units import mm_to_pt
from .nodes import ChartBox, ChartSeriesData, PictureBox


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
