"""The laid-out document: the one structure both the DOCX and HWPX writers consume.

The layout step (:mod:`govreport.layout.build`) turns a :class:`~govreport.model.Report` into
these nodes: every symbol, number, formatted date and figure is already a string here, every
paragraph has a *role* (a style key of the theme), and indents/spacing are in points.  Writers
only map nodes to XML; they make no decisions of their own, so the formats cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Union, assert_never

import attrs

if TYPE_CHECKING:
    from .paginate import Styles

Align = Literal["left", "center", "right", "justify"]
VAlign = Literal["top", "center", "bottom"]


@attrs.frozen(slots=True, kw_only=True)
class Run:
    """A piece of text with uniform formatting.

    ``\\t`` in ``text`` is a tab, ``\\n`` a line break.  ``bold``/``color``/``size_pt``/``font``
    of ``None`` mean "as the paragraph's role style".  ``field="PAGE"`` is the page number.
    """

    text: str = ""
    bold: bool | None = None
    color: str | None = None
    size_pt: float | None = None
    font: str | None = None
    superscript: bool = False
    field: Literal["PAGE"] | None = None


@attrs.frozen(slots=True, kw_only=True)
class Indent:
    """Hanging indent in pt from the text margin: the symbol at ``left - hanging``."""

    left_pt: float = 0.0
    hanging_pt: float = 0.0

    @property
    def first_line_pt(self) -> float:
        return self.left_pt - self.hanging_pt


@attrs.frozen(slots=True, kw_only=True)
class Para:
    """A paragraph.  ``symbol`` (□ ○ - …) is written first, then a tab, then the runs.

    ``indent``/``space_before_pt``/``align`` of ``None`` mean "as the role style".
    ``letter_spacing_pct``/``width_pct`` (자간/장평, from ``fit_lines``) apply to the text runs,
    not to the symbol, so symbols stay aligned.
    ``bookmark`` names a TOC target; ``outline`` is its TOC level (1 = part, 2 = section).
    """

    role: str
    runs: tuple[Run, ...] = ()
    symbol: str | None = None
    indent: Indent | None = None
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    align: Align | None = None
    keep_next: bool = False
    page_break_before: bool = False
    bookmark: str | None = None
    outline: int | None = None
    tab_right_pt: float | None = None
    letter_spacing_pct: float | None = None
    width_pct: float | None = None

    @property
    def text(self) -> str:
        """The plain text (symbol + tab + runs)."""
        body = "".join(r.text for r in self.runs)
        return f"{self.symbol}\t{body}" if self.symbol else body


@attrs.frozen(slots=True, kw_only=True)
class Border:
    """A line: width in mm (0 = none) and colour."""

    width_mm: float = 0.12
    color: str = "#000000"


NO_LINE = Border(width_mm=0.0)


@attrs.frozen(slots=True, kw_only=True)
class Borders:
    """The four sides of a cell."""

    top: Border = NO_LINE
    bottom: Border = NO_LINE
    left: Border = NO_LINE
    right: Border = NO_LINE


@attrs.frozen(slots=True, kw_only=True)
class CellBox:
    """A table cell at its grid position (spans already resolved)."""

    row: int
    col: int
    paras: tuple[Para, ...]
    rowspan: int = 1
    colspan: int = 1
    fill: str | None = None
    valign: VAlign = "center"
    borders: Borders = Borders()
    header: bool = False


TableKind = Literal[
    "data", "chip", "task", "summary", "overview", "category", "title_box", "appendix_tab",
    "part_band", "diagram", "lead",
]


@attrs.frozen(slots=True, kw_only=True)
class TableBox:
    """A table or a box drawn as a table (chip, summary box, overview list …)."""

    kind: TableKind
    n_rows: int
    n_cols: int
    col_widths_pt: tuple[float, ...]
    cells: tuple[CellBox, ...]
    header_rows: int = 0
    indent_pt: float = 0.0
    space_before_pt: float = 0.0
    row_heights_pt: tuple[float | None, ...] = ()
    cell_margin_mm: tuple[float, float, float, float] = (1.8, 1.8, 0.5, 0.5)  # l, r, t, b
    keep_next: bool = False
    split: bool = False
    """A data table that may break between rows at a page end (header rows repeated);
    otherwise it moves whole to the next page.  Set by the pagination pass for tables too
    long to move without leaving a large blank (:func:`~govreport.layout.paginate.paginate`)."""

    @property
    def width_pt(self) -> float:
        return sum(self.col_widths_pt)

    # Span placement, once for the pagination and both writers.
    def spans(self, cell: CellBox) -> tuple[int, int]:
        """``cell``'s (rowspan, colspan), cut at the grid's edge."""
        return (max(1, min(cell.rowspan, self.n_rows - cell.row)),
                max(1, min(cell.colspan, self.n_cols - cell.col)))

    def rows(self) -> list[list[CellBox]]:
        """The cells that start in each row, left to right (a cell outside the grid is
        left out)."""
        out: list[list[CellBox]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            if 0 <= c.row < self.n_rows and 0 <= c.col < self.n_cols:
                out[c.row].append(c)
        return out

    def slots(self) -> dict[tuple[int, int], CellBox]:
        """The cell covering each ``(row, col)`` of the grid, spans included (where cells
        overlap, the later one); a slot no cell covers is missing (a ragged grid)."""
        out: dict[tuple[int, int], CellBox] = {}
        for cell in self.cells:
            rowspan, colspan = self.spans(cell)
            for r in range(cell.row, cell.row + rowspan):
                for c in range(cell.col, cell.col + colspan):
                    out[(r, c)] = cell
        return out


@attrs.frozen(slots=True, kw_only=True)
class TocEntry:
    """A table-of-contents line: level 1 = part, 2 = section/task, ``page`` estimated.

    ``heading`` marks a line without a page number (``※ 붙임 문서`` over the appendix list).
    """

    level: int
    label: str
    text: str
    bookmark: str
    page: int | None = None
    heading: bool = False


@attrs.frozen(slots=True, kw_only=True)
class TocBlock:
    """The generated 목 차 (entries pre-filled; DOCX also gets an updatable TOC field), with
    its geometry decided once for both writers (:func:`govreport.layout.toc.toc_block`).

    ``tab_right_pt``: the page-number column's right edge, from the entries' left edge
    (inside the frame when there is one); ``item_indent_pt``: left indent of level-2 lines;
    ``gap_pt``: space between the heading and the first line; ``frame``: the 1×1 box the
    entries sit in (``toc.boxed``) — its width, lines and padding, with an empty cell.
    """

    title: str
    entries: tuple[TocEntry, ...]
    tab_right_pt: float = 0.0
    item_indent_pt: float = 0.0
    gap_pt: float = 0.0
    leader: Literal["dots", "none"] = "dots"
    frame: TableBox | None = None


@attrs.frozen(slots=True, kw_only=True)
class PageBreak:
    """An explicit page break.

    ``soft``: where the page estimate (Hancom's metrics) ends a page before a group kept
    together with keep-with-next — the HWPX breaks here, the DOCX leaves the page end to
    the word processor's keep-with-next, which knows its own fonts.
    """

    soft: bool = False


@attrs.frozen(slots=True, kw_only=True)
class PictureBox:
    """A picture in its own paragraph: PNG/JPEG bytes at ``width_pt`` × ``height_pt``.

    ``descr`` is the alternative text; ``name`` a short object name (file name, chart title).
    """

    data: bytes = attrs.field(repr=False)
    format: Literal["png", "jpeg"]
    width_pt: float
    height_pt: float
    px_width: int = 0
    px_height: int = 0
    align: Literal["left", "center", "right"] = "center"
    name: str = ""
    descr: str = ""
    space_before_pt: float = 0.0
    keep_next: bool = False


ChartKind = Literal["bar", "stacked_bar", "line", "bar_line", "pie"]


@attrs.frozen(slots=True, kw_only=True)
class ChartSeriesData:
    """One resolved series: values in the chart's unit, their formatted labels, its colour.

    ``kind`` is how the series is drawn (``pie`` for a pie chart); ``secondary`` puts it on
    the right-hand axis.  ``labels`` are the value labels as the formatting layer printed
    them (``""`` where a value is missing).
    """

    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]
    kind: Literal["bar", "line", "pie"]
    secondary: bool = False
    color: str = "#000080"
    number_format: str = "#,##0"


@attrs.frozen(slots=True, kw_only=True)
class ChartBox:
    """A chart, fully resolved: both writers draw it as a native chart (DrawingML chartML,
    editable in Word and Hancom) or, with ``picture``, as a drawn picture.

    ``colors`` holds one colour per category for a pie chart.  Text uses ``font`` at
    ``font_pt`` in ``text_color``; axes are plain lines (government look).
    """

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[ChartSeriesData, ...]
    width_pt: float
    height_pt: float
    font: str
    font_pt: float
    text_color: str = "#000000"
    axis_color: str = "#595959"
    colors: tuple[str, ...] = ()
    value_labels: bool = True
    legend: bool = True
    gridlines: bool = False
    align: Literal["left", "center", "right"] = "center"
    title: str = ""
    unit: str = ""
    secondary_unit: str = ""
    picture: bool = False
    space_before_pt: float = 0.0
    keep_next: bool = False


Node = Union[Para, TableBox, TocBlock, PageBreak, PictureBox, ChartBox]  # noqa: UP007


@attrs.frozen(slots=True, kw_only=True)
class LaidDocument:
    """A laid-out report.

    ``cover`` and ``front`` (목차) pages carry no page number; ``body`` pages are numbered
    from 1 (``- 1 -``).  ``fields`` are the template variables (title, date, org …) already
    formatted, used for template placeholders and document properties.
    """

    fields: dict[str, str]
    cover: tuple[Node, ...]
    front: tuple[Node, ...]
    body: tuple[Node, ...]
    page_number_format: str = "- {n} -"
    measures: Styles | None = attrs.field(default=None, eq=False, repr=False)
    """The layout's measurements (line counts, table row heights; see
    :class:`~govreport.layout.paginate.Styles`), kept so that a writer seeding row heights
    does not measure again; ``None`` for documents built elsewhere."""

    def all_nodes(self) -> tuple[Node, ...]:
        return self.cover + self.front + self.body


def iter_paras(nodes: tuple[Node, ...]) -> list[Para]:
    """Every paragraph, including those inside table cells, in document order."""
    out: list[Para] = []
    for n in nodes:
        match n:
            case Para():
                out.append(n)
            case TableBox():
                for c in n.cells:
                    out.extend(c.paras)
            case TocBlock() | PageBreak() | PictureBox() | ChartBox():
                pass  # no paragraphs of their own (the 목차's lines are made by the writers)
            case _:
                assert_never(n)
    return out
