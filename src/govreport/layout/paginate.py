"""A quick page estimate (for pre-filled TOC page numbers before Word/Hancom update them).

Counts lines from character widths (Hangul 1 em, Latin/digits 0.55 em, space 0.5 em, as in
the Hancom fonts) and line pitch, and breaks pages where content overflows or a page break
stands.  Good to a page for ordinary reports; Word's TOC field corrects it on update.
"""

from __future__ import annotations

import math

from ..theme import ResolvedStyle, Theme
from ..theme.units import mm_to_pt
from .grid import text_em
from .nodes import ChartBox, Node, PageBreak, Para, PictureBox, TableBox, TocBlock


class Styles(dict[str, ResolvedStyle]):
    """``theme.resolve(role)``, computed once per role."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme

    def __missing__(self, role: str) -> ResolvedStyle:
        style = self[role] = self.theme.resolve(role)  # type: ignore[arg-type]
        return style


def para_height(p: Para, theme: Theme, width_pt: float, styles: Styles | None = None) -> float:
    """Estimated height of a paragraph in pt, space before included."""
    style = (styles or Styles(theme))[p.role]
    left = p.indent.left_pt if p.indent else 0.0
    avail_em = max((width_pt - left) / style.pt, 4.0)
    text = "".join(r.text for r in p.runs)
    lines = sum(max(1, math.ceil(text_em(line) / avail_em)) for line in text.split("\n"))
    return lines * style.line_height_pt + (p.space_before_pt or 0.0)


def _table_height(t: TableBox, theme: Theme, styles: Styles) -> float:
    rows = [0.0] * t.n_rows
    for c in t.cells:
        w = sum(t.col_widths_pt[c.col:c.col + c.colspan]) - mm_to_pt(t.cell_margin_mm[0] * 2)
        h = sum(para_height(p, theme, w, styles) for p in c.paras) \
            + mm_to_pt(sum(t.cell_margin_mm[2:]))
        share = h / c.rowspan
        for r in range(c.row, c.row + c.rowspan):
            rows[r] = max(rows[r], share)
    for i, fixed in enumerate(t.row_heights_pt):
        if fixed is not None and i < len(rows):
            rows[i] = max(rows[i], fixed)
    return sum(rows) + t.space_before_pt


def text_height_pt(theme: Theme) -> float:
    """Height of the body text area (HWP semantics: header/footer inside the margins)."""
    m = theme.page.margin
    return mm_to_pt(theme.page.height_mm - m.top - m.bottom - m.header - m.footer)


def estimate_pages(body: tuple[Node, ...], theme: Theme) -> dict[str, int]:
    """Estimated body page (from 1) of every bookmarked paragraph or box.

    Paragraphs flow across page ends (as in Word and Hancom); tables and boxes shorter than a
    page move whole to the next page.
    """
    page_h = text_height_pt(theme)
    width = theme.page.text_width_pt
    styles = Styles(theme)
    page, used = 1, 0.0
    marks: dict[str, int] = {}
    for node in body:
        if isinstance(node, PageBreak):
            if used > 0:
                page, used = page + 1, 0.0
            continue
        if isinstance(node, TocBlock):
            continue
        if isinstance(node, Para):
            if node.page_break_before and used > 0:
                page, used = page + 1, 0.0
            h = para_height(node, theme, width, styles)
            first_line = styles[node.role].line_height_pt
            if used + (node.space_before_pt or 0.0) + first_line > page_h:
                page, used = page + 1, 0.0
            if node.bookmark:
                marks[node.bookmark] = page
            used += h
            while used > page_h:
                page, used = page + 1, used - page_h
            continue
        if isinstance(node, PictureBox | ChartBox):
            h = node.height_pt + node.space_before_pt
            if used + h > page_h and used > 0:
                page, used = page + 1, 0.0
            used += h
            continue
        h = _table_height(node, theme, styles)
        if used + h > page_h and used > 0 and h <= page_h:
            page, used = page + 1, 0.0
        for mark in (p.bookmark for c in node.cells for p in c.paras if p.bookmark):
            marks[mark] = page
        used += h
        while used > page_h:
            page, used = page + 1, used - page_h
    return marks
