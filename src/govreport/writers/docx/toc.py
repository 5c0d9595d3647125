"""The 목 차 page: a real Word ``TOC`` field whose result is pre-filled from ``TocBlock``.

The entries read right before any update (dot leader, right tab where the layout puts it:
the text width, or inside the frame of a boxed 목차; page numbers from
:attr:`TocEntry.page`); each entry links to its bookmark and carries a
``PAGEREF`` field, so Word's "update page numbers only" fixes the estimates.  A full update
rebuilds the list from the paragraphs' outline levels (part headings 1, chip titles 2) in
the built-in ``toc 1``/``toc 2`` styles the entries already use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...layout.nodes import Para, Run, TocBlock
from .. import blank_line_pt
from .. import units as u
from .wml import TabStop, attr, esc, ppr_xml

if TYPE_CHECKING:
    from .body import BodyWriter

__all__ = ["TOC_INSTRUCTION", "write_toc"]

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
"""Levels 1–2, hyperlinked entries, outline-level paragraphs included."""

_BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
_SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
_FIELD_START = (f'{_BEGIN}<w:r><w:instrText xml:space="preserve"> {esc(TOC_INSTRUCTION)} '
                f'</w:instrText></w:r>{_SEPARATE}')


def write_toc(bw: BodyWriter, out: list[str], block: TocBlock, *,
              page_break: bool = False) -> None:
    """Append the TOC heading and the field with its pre-filled entries, in the frame the
    layout gives (``block.frame``, theme ``toc.boxed``) or on the page."""
    bw.para(out, Para(role="toc_heading", runs=(Run(text=block.title),), align="center"),
            page_break=page_break)
    if block.frame is not None:  # the entries in a 1×1 box of thin lines
        bw.gap(out, block.gap_pt)
        bw.tables.table(out, block.frame, content=lambda cell: _entries(bw, cell, block, 0))
        bw.spacer(out, 0, keep_next=False)
    else:
        _entries(bw, out, block, u.pt_to_twip(block.gap_pt))


def _entries(bw: BodyWriter, out: list[str], block: TocBlock, first_gap: int) -> None:
    theme = bw.theme
    tabs: tuple[TabStop, ...] = ()
    stop = u.pt_to_twip(block.tab_right_pt)
    if stop != u.mm_to_twip(theme.page.text_width_mm):  # the toc styles stop at the page's
        tabs = (("right", stop, "dot" if block.leader == "dots" else "none"),)
    blank = blank_line_pt(theme, u.twip_to_pt(first_gap))
    if blank is not None:  # hwp-native spacing: a blank line instead of space before
        bw.blank(out, blank)
        first_gap = 0
    if not block.entries:
        out.append("<w:p>")
        out.append(ppr_xml(style_id=bw.style_ids["toc_part"], tabs=tabs, before=first_gap))
        out.append(f"{_FIELD_START}{_END}</w:p>")
        return
    last = len(block.entries) - 1
    for i, e in enumerate(block.entries):
        role = "toc_part" if e.level <= 1 else "toc_item"
        out.append("<w:p>")
        out.append(ppr_xml(style_id=bw.style_ids[role], tabs=tabs,
                           before=first_gap if i == 0 else None))
        if i == 0:
            out.append(_FIELD_START)
        if e.heading:  # a heading line (※ 붙임 문서): no link, no page number
            bw.run(out, Run(text=e.text))
        else:
            out.append(f'<w:hyperlink w:anchor="{attr(e.bookmark)}" w:history="1">')
            bw.run(out, Run(text=f"{e.label} {e.text}" if e.label else e.text))
            out.append("<w:r><w:tab/></w:r>")
            bw.field(out, f"PAGEREF {e.bookmark} \\h", "" if e.page is None else str(e.page))
            out.append("</w:hyperlink>")
        if i == last:
            out.append(_END)
        out.append("</w:p>")
