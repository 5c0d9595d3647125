"""Writers: laid-out documents → DOCX, HWPX (and, via LibreOffice, PDF).

The few theme rules that are pure writer behaviour (not layout) live here, so the DOCX and
HWPX writers apply them identically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..layout.nodes import TableBox
    from ..theme import Theme

__all__ = ["BLANK_LINE_PCT", "FRAME_PAD_PT", "LineStyle", "blank_line_pt",
           "table_line_styles"]

BLANK_LINE_PCT = 160.0
"""Line spacing (%) of an hwp-native blank paragraph: an N-pt empty line is 1.6 N pt high."""

_MIN_BLANK_PT = 1.0

FRAME_PAD_PT = 4.0
"""Distance (pt) between the cover title and its frame (``cover.title_frame``): thin lines
(``lines.thin_mm``) in the accent colour around the title paragraph, inside the margins."""

LineStyle = Literal["single", "double"]
_SIDES = ("top", "bottom", "left", "right")


def blank_line_pt(theme: Theme, space_before_pt: float | None) -> float | None:
    """Font size N (pt) of the empty paragraph that replaces ``space_before_pt``, or ``None``.

    With ``layout.blank_paragraphs`` ("hwp-native" spacing, FORMAT.md §3.2) a paragraph,
    table or box with space before > 0 is preceded by an empty paragraph of N = space / 1.6
    pt type (at least 1 pt) and keeps no space before of its own.  The blank line is 1.6 N
    high, i.e. the space: HWPX line spacing :data:`BLANK_LINE_PCT` %, DOCX an exact line of
    N × 160 %.  ``None``: no blank paragraph, write the space before as it is.
    """
    if not theme.layout.blank_paragraphs or not space_before_pt or space_before_pt <= 0:
        return None
    return max(space_before_pt * 100.0 / BLANK_LINE_PCT, _MIN_BLANK_PT)


def table_line_styles(theme: Theme, box: TableBox) -> dict[tuple[int, int], dict[str, LineStyle]]:
    """Line style of the sides of each cell of ``box`` that are not ``single``, by
    ``(row, col)`` of the cell (``top``/``bottom``/``left``/``right`` → ``double``).

    ``double`` for every side of a 요약 박스 with ``summary_box.border_style = "double"``, and
    for the line under the header rows of a data table with ``table.head_rule = "double"``
    (the bottom of the cells ending on the last header row and the top of the first body
    row; header cells are those marked ``header``, whether or not they repeat).  Sides
    without a line stay without one whatever the style.
    """
    out: dict[tuple[int, int], dict[str, LineStyle]] = {}
    if box.kind == "summary" and theme.summary_box.border_style == "double":
        for c in box.cells:
            out[(c.row, c.col)] = dict.fromkeys(_SIDES, "double")
    elif box.kind == "data" and theme.table.head_rule == "double":
        n_head = max((c.row + c.rowspan for c in box.cells if c.header), default=0)
        if 0 < n_head < box.n_rows:
            for c in box.cells:
                if c.header and c.row + c.rowspan == n_head:
                    out[(c.row, c.col)] = {"bottom": "double"}
                elif not c.header and c.row == n_head:
                    out[(c.row, c.col)] = {"top": "double"}
    return out
