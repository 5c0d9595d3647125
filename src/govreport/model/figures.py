"""Pictures and charts: the ``figure`` and ``chart`` blocks.

A :class:`Figure` is an image read from a file (``src``, relative to the report's JSON file)
or given as bytes from Python (``data``).  A :class:`Chart` draws numbers given inline
(``categories`` + ``series``) or taken from a table of the same report (``source`` names the
table's ``id``), so figures are typed once.  Captions (``< 제목 >``), the unit caption
(``(단위 : 억원)``) and the look (colours, fonts) come from the layout and the theme.
"""

from __future__ import annotations

import base64
import binascii
from typing import Literal, Union

import attrs

Align = Literal["left", "center", "right"]
ChartKind = Literal["bar", "stacked_bar", "line", "bar_line", "pie"]
CHART_KINDS: tuple[str, ...] = ("bar", "stacked_bar", "line", "bar_line", "pie")
ColumnRef = Union[int, str]  # noqa: UP007 - runtime alias for cattrs
ChartValue = Union[int, float, None]  # noqa: UP007 - runtime alias for cattrs


def _tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def to_bytes(value: object) -> bytes | None:
    """``bytes`` as given; text is read as base64 (the JSON form of embedded image data)."""
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("data is not base64 text") from None
    raise TypeError(f"data must be bytes, not {type(value).__name__}")


@attrs.frozen(slots=True, kw_only=True)
class Figure:
    """A picture (사진, 지도, 조직도 …) with an optional caption ``< 그림 제목 >``.

    ``src`` is a PNG, JPEG or SVG file path relative to the JSON file (never a URL); from
    Python ``data`` may carry the bytes instead.  ``width`` is a share of the text width
    (``0.6`` = 60 %) and ``width_mm`` an absolute width; with neither the picture keeps its
    natural size (at its DPI), shrunk to the text width.  ``caption_position`` overrides the
    theme (``figures.caption_position``).  ``alt`` is the description kept for screen readers.
    """

    src: str | None = None
    data: bytes | None = attrs.field(default=None, converter=to_bytes, repr=False)
    caption: str | None = None
    width: float | None = None
    width_mm: float | None = None
    align: Align = "center"
    caption_position: Literal["above", "below"] | None = None
    alt: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class ChartSeries:
    """One data series: a name (legend) and one value per category (``null`` = no value).

    ``kind`` draws this series as bars or a line (``bar_line`` charts: bars by default, the
    last series a line); ``axis="secondary"`` puts it on the right-hand axis.
    """

    name: str
    values: tuple[ChartValue, ...] = attrs.field(default=(), converter=_tuple)
    kind: Literal["bar", "line"] | None = None
    axis: Literal["primary", "secondary"] | None = None


@attrs.frozen(slots=True, kw_only=True)
class ChartSource:
    """Chart data taken from a table of the same report, by its ``id``.

    Budget tables (``budget_table``): ``columns`` name the figures — ``"budget"`` (예산액),
    ``"spent"`` (집행액), ``"balance"`` (잔액), ``"rate"`` (집행률, %); default
    ``["budget", "spent"]``; categories are the 과목 names.  Generic tables: ``columns`` are
    header texts or 0-based column indexes; ``category_column`` gives the category labels
    (default the first column); the series names are the header texts.  Total rows (계) are
    left out unless ``totals`` is true.
    """

    table: str
    columns: tuple[ColumnRef, ...] = attrs.field(default=(), converter=_tuple)
    category_column: ColumnRef = 0
    totals: bool = False


@attrs.frozen(slots=True, kw_only=True)
class Chart:
    """A chart drawn from the report's numbers (막대, 누적 막대, 꺾은선, 막대+꺾은선, 원).

    Data come inline (``categories`` + ``series``) or from ``source`` (a table's ``id``).
    ``title`` is printed as the caption ``< 제목 >``; ``unit`` as ``(단위 : 억원)`` and, when
    the source table holds money in another unit (천원 …), values are converted to it.
    ``secondary_unit`` labels the right-hand axis of a ``bar_line`` chart (e.g. ``%``).
    ``decimals`` fixes the digits after the point (default: as the data need, at most 1).
    ``width``/``width_mm``/``height_mm`` size the chart (default: the text width, height from
    the theme).  ``render="picture"`` draws a picture instead of a native, editable chart.
    """

    kind: ChartKind = "bar"
    title: str | None = None
    unit: str | None = None
    secondary_unit: str | None = None
    categories: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    series: tuple[ChartSeries, ...] = attrs.field(default=(), converter=_tuple)
    source: ChartSource | None = None
    decimals: int | None = None
    value_labels: bool = True
    legend: bool | None = None
    width: float | None = None
    width_mm: float | None = None
    height_mm: float | None = None
    caption_position: Literal["above", "below"] | None = None
    render: Literal["native", "picture"] = "native"
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
