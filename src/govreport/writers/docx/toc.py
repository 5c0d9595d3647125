"""The 목 차 page: a real Word ``TOC`` field whose result is pre-filled from ``TocBlock``.

The entries read right before any update (dot leader, right tab at the text width, page
numbers from :attr:`TocEntry.page`); each entry links to its bookmark and carries a
``PAGEREF`` field, so Word's "update page numbers only" fixes the estimates.  A full update
rebuilds the list from the paragraphs' outline levels (part headings 1, chip titles 2) in
the built-in ``toc 1``/``toc 2`` styles the entries already use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...layout.nodes import Border, Borders, CellBox, Para, Run, TableBox, TocBlock
from .. import blank_line_pt
from .. import units as u
from .ooxml import TC, TR, XML_SPACE, Element, P, sub
from .props import TabStop, ppr

if TYPE_CHECKING:
    from .body import BodyWriter

__all__ = ["TOC_INSTRUCTION", "write_toc"]

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
"""Levels 1–2, hyperlinked entries, outline-level paragraphs included."""


def _fld(p: Element, kind: str) -> None:
    sub(sub(p, "r"), "fldChar", {"fldCharType": kind})


def _instr(p: Element, text: str) -> None:
    it = sub(sub(p, "r"), "instrText")
    it.text = f" {text} "
    it.set(XML_SPACE, "preserve")


def _box(bw: BodyWriter, parent: Element) -> Element:
    """A full-width 1×1 table; returns its cell."""
    theme = bw.theme
    line = Border(width_mm=theme.lines.thin_mm)
    pad = theme.overview.padding_mm
    box = TableBox(kind="overview", n_rows=1, n_cols=1,
                   col_widths_pt=(theme.page.text_width_pt,),
                   cells=(CellBox(row=0, col=0, paras=(),
                                  borders=Borders(top=line, bottom=line, left=line,
                                                  right=line)),),
                   cell_margin_mm=(pad, pad, pad * 0.6, pad * 0.6))
    tbl = bw.tables.table(parent, box)
    tc = tbl.find(f"{TR}/{TC}")
    assert tc is not None
    for p in tc.findall(P):
        tc.remove(p)
    bw.spacer(parent, 0, keep_next=False)
    return tc


def write_toc(bw: BodyWriter, parent: Element, block: TocBlock, *,
              page_break: bool = False) -> None:
    """Append the TOC heading and the field with its pre-filled entries."""
    theme = bw.theme
    bw.para(parent, Para(role="toc_heading", runs=(Run(text=block.title),), align="center"),
            page_break=page_break)
    first_gap = u.pt_to_twip(theme.spacing.toc_after_heading)
    tabs: tuple[TabStop, ...] = ()
    if theme.toc.boxed:  # the entries in a 1×1 box of thin lines (theme.toc.boxed)
        bw.gap(parent, theme.spacing.toc_after_heading)
        parent = _box(bw, parent)
        first_gap = 0
    blank = blank_line_pt(theme, u.twip_to_pt(first_gap))
    if blank is not None:  # hwp-native spacing: a blank line instead of space before
        bw.blank(parent, blank)
        first_gap = 0
        inner = theme.page.text_width_pt - 2 * u.mm_to_pt(theme.overview.padding_mm)
        tabs = (("right", u.pt_to_twip(inner), "dot" if theme.toc.leader == "dots" else "none"),)
    if not block.entries:
        p = sub(parent, "p")
        ppr(p, style_id=bw.style_ids["toc_part"], tabs=tabs, before=first_gap)
        _fld(p, "begin")
        _instr(p, TOC_INSTRUCTION)
        _fld(p, "separate")
        _fld(p, "end")
        return
    last = len(block.entries) - 1
    for i, e in enumerate(block.entries):
        role = "toc_part" if e.level <= 1 else "toc_item"
        p = sub(parent, "p")
        ppr(p, style_id=bw.style_ids[role], tabs=tabs, before=first_gap if i == 0 else None)
        if i == 0:
            _fld(p, "begin")
            _instr(p, TOC_INSTRUCTION)
            _fld(p, "separate")
        if e.heading:  # a heading line (※ 붙임 문서): no link, no page number
            bw.run(p, Run(text=e.text))
        else:
            link = sub(p, "hyperlink", {"anchor": e.bookmark, "history": 1})
            bw.run(link, Run(text=f"{e.label} {e.text}" if e.label else e.text))
            bw.text(sub(link, "r"), "\t")
            bw.field(link, f"PAGEREF {e.bookmark} \\h", "" if e.page is None else str(e.page))
        if i == last:
            _fld(p, "end")
