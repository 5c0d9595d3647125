"""The body blocks of a 개조식 report: items (□ ○ - ·), notes, events, tables …

Every block is a frozen attrs class.  In JSON a block is an object whose ``"type"`` names
its class (see :data:`BLOCK_TAGS`).  Symbols, numbers (①, Ⅰ.) and derived figures are not
stored: the layout step computes them from position and theme.
"""

from __future__ import annotations

from typing import Literal, Union

import attrs

from .dates import (
    PartialDate,
    Period,
    to_optional_partial_date,
    to_optional_period,
    to_partial_dates,
)
from .diagrams import Comparison, OrgChart, VisionDiagram
from .figures import Chart, ChartSeries, ChartSource, Figure
from .tables import BudgetTable, StaffingTable, Table

Align = Literal["left", "center", "right", "justify"]


def _tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


@attrs.frozen(slots=True, kw_only=True)
class Quantity:
    """A count with its counter noun: ``2,507건``, ``150여 명`` (``approx="여"``)."""

    value: int | float
    unit: str = ""
    approx: Literal["", "여", "약"] = ""


@attrs.frozen(slots=True, kw_only=True)
class Citation:
    """A cited decision or document: ``(시장방침 제123호, '22.3.4.)``.

    ``date`` is typed (checked, never retyped) but printed in the cited document's own style,
    ``date_style`` (default the compact ``'22.3.4.``), whatever the report's date style is.
    """

    source: str
    date: PartialDate | None = attrs.field(default=None, converter=to_optional_partial_date)
    date_style: Literal["short_compact", "short_spaced", "official"] = "short_compact"


@attrs.frozen(slots=True, kw_only=True)
class Item:
    """A 개조식 item (□ ○ - ·).

    ``level`` is derived from nesting (top = 1) unless given, e.g. a 주요 기능 list that starts at
    ○ (level 2).  ``symbol`` overrides the theme's symbol for this item only.  ``label`` is a head
    like ``(구호금지원)``; ``key`` makes the item a ``key : text`` line (▶ 주요내용 : …).
    Trailing annotations are typed: ``date`` → ``('25.3.17.)``, ``period`` →
    ``('25. 2월~'25. 4월)``, ``count`` → ``(2,507건)``, ``status`` → ``(연중 지속)``.
    ``schedule`` is a date value printed after the key: ``관련 조례 개정 : '25. 4~5월 중``
    (such an item may have ``key`` and ``schedule`` only; ``text`` defaults to ``""``).
    ``key_count`` is a count printed right after the key: ``정례회의 (3회) : '24. 1~2월``.
    ``as_of`` is a 기준 date: ``('24. 1. 1. 기준)``; ``cite`` a cited decision
    ``(시장방침 제123호, '22.3.4.)``; ``note`` a ``※`` remark on the same line, in the note
    font (``□ 연도별 집행 실적 ※ '15년부터 집계``).
    """

    text: str = ""
    level: int | None = None
    symbol: str | None = None
    label: str | None = None
    key: str | None = None
    bold: bool = False
    date: Period | None = attrs.field(default=None, converter=to_optional_period)
    period: Period | None = attrs.field(default=None, converter=to_optional_period)
    count: Quantity | None = None
    status: str | None = None
    schedule: Period | None = attrs.field(default=None, converter=to_optional_period)
    key_count: Quantity | None = None
    as_of: Period | None = attrs.field(default=None, converter=to_optional_period)
    cite: Citation | None = None
    note: str | None = None
    children: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Note:
    """A ``※`` reference note, under an item (``scope="item"``) or a table (``"table"``)."""

    text: str
    scope: Literal["item", "table"] = "item"


@attrs.frozen(slots=True, kw_only=True)
class Footnote:
    """A ``*`` footnote line (the mark in the text is written by the author)."""

    text: str
    mark: str = "*"


@attrs.frozen(slots=True, kw_only=True)
class WhenWhere:
    """The typed ``▶ 일시/장소 : '25.3.25.(화), 4.2.(수) / 정부서울청사`` field of an event.

    ``dates`` holds one or more days, each with an optional time (``2025-03-24T21:20``).
    """

    dates: tuple[PartialDate, ...] = attrs.field(converter=to_partial_dates)
    place: str | None = None
    key: str = "일시/장소"


@attrs.frozen(slots=True, kw_only=True)
class Event:
    """A ``√`` event with its ``▶`` fields (``when_where``, ``item`` with ``key`` or ``label``)."""

    title: str
    period: Period | None = attrs.field(default=None, converter=to_optional_period)
    children: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class EnumItem:
    """An enumerated sub-point ``① 서울 교통 통합브랜드 발표 ('25.2.24.)``; number derived."""

    text: str
    date: Period | None = attrs.field(default=None, converter=to_optional_period)
    children: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class CategoryTag:
    """A category tag ``안전 분야 | 재난재해 현장시찰 …`` grouping the events under it.

    ``text`` may contain ``\\n`` for a manual line break.
    """

    label: str
    text: str = ""
    children: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class LeadLine:
    """A symbol-less lead line directly under a □ heading."""

    text: str


@attrs.frozen(slots=True, kw_only=True)
class SubCaption:
    """A ``●`` sub-caption above a table (``● 과목별 집행현황``)."""

    text: str


@attrs.frozen(slots=True, kw_only=True)
class Paragraph:
    """Plain body text without a symbol."""

    text: str
    align: Align | None = None


Block = Union[  # noqa: UP007 - a runtime alias used by cattrs
    Item,
    Note,
    Footnote,
    Event,
    WhenWhere,
    EnumItem,
    CategoryTag,
    LeadLine,
    SubCaption,
    Paragraph,
    Table,
    StaffingTable,
    BudgetTable,
    OrgChart,
    VisionDiagram,
    Comparison,
    Figure,
    Chart,
]

BLOCK_TAGS: dict[type, str] = {
    Item: "item",
    Note: "note",
    Footnote: "footnote",
    Event: "event",
    WhenWhere: "when_where",
    EnumItem: "enum",
    CategoryTag: "category",
    LeadLine: "lead",
    SubCaption: "subcaption",
    Paragraph: "paragraph",
    Table: "table",
    StaffingTable: "staffing_table",
    BudgetTable: "budget_table",
    OrgChart: "org_chart",
    VisionDiagram: "vision",
    Comparison: "comparison",
    Figure: "figure",
    Chart: "chart",
}

from . import diagrams as _diagrams  # noqa: E402
from . import figures as _figures  # noqa: E402
from . import tables as _tables  # noqa: E402

_namespace = {**vars(_tables), **vars(_diagrams), **vars(_figures), **globals()}
for _cls in (
    *BLOCK_TAGS, Quantity, Citation, _tables.Cell, _tables.Row, _tables.StaffGroup,
    _tables.StaffRow, _tables.BudgetLine, _tables.BudgetTotal, _tables.NumberFormat,
    _tables.Compute, _tables.Column, _diagrams.OrgUnit, _diagrams.OrgGroup, _diagrams.OrgTotal,
    _diagrams.Strategy, _diagrams.ComparisonColumn, ChartSeries, ChartSource,
):
    attrs.resolve_types(_cls, _namespace)
