"""Layout nodes → WordprocessingML strings: paragraphs, runs, fields, page breaks (FORMAT §3.1,
§10.2).

Paragraphs get the role's named style plus only what the layout decided for them: hanging
indent (``w:ind left/hanging`` — the symbol is followed by a TAB, never spaces, so Word's
implicit tab stop at the hanging indent puts the text exactly at ``left`` whatever the
symbol's width), space before, keep-with-next, bookmarks and TOC outline levels.

Per-paragraph 자간/장평 (``Para.letter_spacing_pct``/``width_pct``) go on the text runs as
``w:spacing``/``w:w``, never on the symbol run.  With ``layout.blank_paragraphs`` the space
before a paragraph or table becomes an empty N-pt paragraph (:func:`..blank_line_pt`).

Everything is appended to ``out``, a list of string pieces the caller joins once
(see :mod:`.wml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, assert_never

from ...layout.nodes import (
    ChartBox,
    Indent,
    Node,
    PageBreak,
    Para,
    PictureBox,
    Run,
    TableBox,
    TocBlock,
)
from ...layout.paginate import Styles
from ...support.errors import RenderError
from ...theme import Theme
from .. import BLANK_LINE_PCT, FRAME_PAD_PT, blank_line_pt
from .. import units as u
from .styles import SPACER_STYLE, STYLE_NAMES, style_id
from .wml import JC, TabStop, attr, esc, ppr_xml, rpr_xml, text_xml

if TYPE_CHECKING:
    from .drawing import PackageMedia
    from .tables import TableWriter

__all__ = ["EAST_ASIAN_MARKS", "BodyWriter", "needs_hint"]

EAST_ASIAN_MARKS = "□○◦❍※▶▷▸√✓·∙‧ㆍ●■◆◇☞⇒➡→↔①-⑳❶-❿㉮-㉻"
"""Ambiguous-width symbols that must take the East-Asian font (``w:hint="eastAsia"``)."""

_HINT_RE = re.compile(f"[{EAST_ASIAN_MARKS}]")


def needs_hint(text: str) -> bool:
    """True when ``text`` holds a symbol that needs ``w:hint="eastAsia"``."""
    return _HINT_RE.search(text) is not None


_twips = lru_cache(maxsize=4096)(u.pt_to_twip)
""":func:`pt_to_twip` of the few distinct values a report repeats."""


def _twip(pt: float | None) -> int | None:
    return None if pt is None else _twips(pt)


_half_points = lru_cache(maxsize=1024)(u.pt_to_half_points)
_letter_spacing = lru_cache(maxsize=4096)(u.letter_spacing_twip)
_round = lru_cache(maxsize=1024)(u.round_half_up)


@lru_cache(maxsize=1024)
def _indent(indent: Indent) -> tuple[int, int]:
    return (u.pt_to_twip(indent.left_pt), u.pt_to_twip(indent.hanging_pt))


class BodyWriter:
    """Writes layout nodes as WordprocessingML strings (for ``w:body``, ``w:tc``, ``w:ftr`` …).

    ``style_ids`` maps a role to the style id to use (a restyled template may have its own
    ids); missing roles fall back to the ids of :data:`STYLE_NAMES`.  ``media`` adds the
    image and chart parts of pictures and charts (none: they are refused).
    """

    def __init__(self, theme: Theme, style_ids: Mapping[str, str] | None = None,
                 media: PackageMedia | None = None) -> None:
        self.theme = theme
        self.style_ids: dict[str, str] = {r: style_id(n) for r, n in STYLE_NAMES.items()}
        if style_ids:
            self.style_ids.update(style_ids)
        self.spacer_id = self.style_ids.get("_spacer", style_id(SPACER_STYLE))
        self._next_bookmark = 1
        self.media = media
        self._frame: tuple[int, str, int] | None = None
        if theme.cover.title_frame:
            self._frame = (u.mm_to_eighth_points(theme.lines.thin_mm), theme.colors.accent,
                           u.round_half_up(FRAME_PAD_PT))
        self.styles = Styles(theme)  # the theme's resolved styles, once per role

    @property
    def tables(self) -> TableWriter:
        """The table writer, writing cell paragraphs through this writer (made per use:
        a writer kept here would hold this one back, a cycle only the collector frees)."""
        from .tables import TableWriter

        return TableWriter(self)

    def drawing(self, out: list[str], box: PictureBox | ChartBox, *,
                page_break: bool) -> None:
        """A picture or chart in its own paragraph (after its blank line, if any)."""
        from .drawing import chart_run_xml, picture_run_xml

        if self.media is None:
            raise RenderError("pictures and charts need a document to hold their parts")
        before: int | None = None
        blank = blank_line_pt(self.theme, box.space_before_pt)
        if blank is not None:
            self.blank(out, blank, page_break=page_break)
            page_break, before = False, 0
        out.append("<w:p>")
        out.append(ppr_xml(style_id=self.style_ids.get("paragraph", "Normal"),
                           keep_next=box.keep_next, page_break_before=page_break,
                           before=before if before is not None else u.pt_to_twip(
                               box.space_before_pt),
                           after=0, line_auto=True, ind=(0, 0), jc=JC[box.align]))
        if isinstance(box, ChartBox) and not box.picture:
            out.append(chart_run_xml(box, self.media.chart(box), self.media.shape_id()))
        else:
            from ..charts.draw import chart_picture

            pic = chart_picture(box) if isinstance(box, ChartBox) else box
            out.append(picture_run_xml(pic, self.media.image(pic.data, pic.format),
                                       self.media.shape_id()))
        out.append("</w:p>")

    # ------------------------------------------------------------------ runs
    def _role_size(self, role: str | None) -> float:
        if not role:
            return self.theme.body.pt
        return self.styles[role].pt

    def run(self, out: list[str], run: Run, *, role: str | None = None,
            letter_spacing_pct: float | None = None, width_pct: float | None = None) -> None:
        """One ``w:r`` with the run's overrides (``None`` = as the paragraph style).

        ``letter_spacing_pct``/``width_pct`` (the paragraph's 자간/장평) become ``w:spacing``
        (twips of the run's size, or of ``role``'s size) and ``w:w``.
        """
        size = _half_points(run.size_pt) if run.size_pt else None
        spacing = width = None
        if letter_spacing_pct is not None:
            pt = run.size_pt or self._role_size(role)
            spacing = _letter_spacing(pt, letter_spacing_pct)
        if width_pct is not None:
            width = _round(width_pct)
        if run.field == "PAGE":
            self.field(out, "PAGE", run.text or "1", font=run.font, bold=run.bold,
                       color=run.color, size_hp=size, spacing=spacing, width_pct=width)
            return
        out.append("<w:r>")
        out.append(rpr_xml(font=run.font, hint=needs_hint(run.text), bold=run.bold,
                           color=run.color, spacing=spacing, width_pct=width, size_hp=size,
                           superscript=run.superscript))
        out.append(text_xml(run.text))
        out.append("</w:r>")

    def field(self, out: list[str], instr: str, result: str, *, font: str | None = None,
              bold: bool | None = None, color: str | None = None,
              size_hp: int | None = None, spacing: int | None = None,
              width_pct: int | None = None) -> None:
        """A complex field (``begin``/``instrText``/``separate``/result/``end``)."""
        r = "<w:r>" + rpr_xml(font=font, bold=bold, color=color, spacing=spacing,
                              width_pct=width_pct, size_hp=size_hp)
        out.append(
            f'{r}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'{r}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
            f'{r}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"{r}{text_xml(result)}</w:r>"
            f'{r}<w:fldChar w:fldCharType="end"/></w:r>')

    def bookmark(self, out: list[str], name: str) -> int:
        """Open bookmark ``name``; returns the id for :meth:`end_bookmark`."""
        bid = self._next_bookmark
        self._next_bookmark += 1
        out.append(f'<w:bookmarkStart w:id="{bid}" w:name="{attr(name)}"/>')
        return bid

    @staticmethod
    def end_bookmark(out: list[str], bid: int) -> None:
        out.append(f'<w:bookmarkEnd w:id="{bid}"/>')

    # ------------------------------------------------------------------ paragraphs
    def para(self, out: list[str], p: Para, *, keep_next: bool = False,
             page_break: bool = False) -> None:
        """A ``w:p`` for ``p`` in its role's style (after its blank paragraph, if any)."""
        page_break = p.page_break_before or page_break
        before = _twip(p.space_before_pt)
        blank = blank_line_pt(self.theme, p.space_before_pt)
        if blank is not None:
            self.blank(out, blank, page_break=page_break)
            page_break, before = False, 0
        ind = _indent(p.indent) if p.indent is not None else None
        tabs: tuple[TabStop, ...] = ()
        if p.tab_right_pt:
            tabs = (("right", u.pt_to_twip(p.tab_right_pt), "none"),)
        frame: tuple[int, str, int] | None = None
        ind_right = None
        if p.role == "cover_title" and self._frame is not None:
            # thin accent box; indented by its distance so that it stays inside the margins
            frame = self._frame
            pad = _twips(FRAME_PAD_PT)
            ind = (pad + (ind[0] if ind else 0), ind[1] if ind else 0)
            ind_right = pad
        out.append("<w:p>")
        out.append(ppr_xml(style_id=self.style_ids.get(p.role, "Normal"),
                           keep_next=p.keep_next or keep_next,
                           page_break_before=page_break, border_box=frame, tabs=tabs,
                           before=before, after=_twip(p.space_after_pt), ind=ind,
                           ind_right=ind_right, jc=JC[p.align] if p.align else None,
                           outline=p.outline - 1 if p.outline else None))
        bid = self.bookmark(out, p.bookmark) if p.bookmark else None
        if p.symbol:  # the symbol keeps the role's 자간/장평 so that symbols line up
            out.append("<w:r>")
            out.append(rpr_xml(hint=needs_hint(p.symbol)))
            out.append(text_xml(p.symbol + "\t"))
            out.append("</w:r>")
        for run in p.runs:
            self.run(out, run, role=p.role, letter_spacing_pct=p.letter_spacing_pct,
                     width_pct=p.width_pct)
        if bid is not None:
            self.end_bookmark(out, bid)
        out.append("</w:p>")

    def blank(self, out: list[str], size_pt: float, *, page_break: bool = False,
              keep_next: bool = True) -> None:
        """An hwp-native blank line: an empty paragraph (role ``paragraph``) whose mark is
        ``size_pt`` and whose exact line pitch is ``size_pt`` × 160 %.  It keeps with what
        follows, to which it belongs (as the HWPX writer's blank paragraph)."""
        out.append("<w:p>")
        out.append(ppr_xml(style_id=self.style_ids.get("paragraph", "Normal"),
                           keep_next=keep_next, page_break_before=page_break, before=0,
                           line=u.pt_to_twip(size_pt * BLANK_LINE_PCT / 100),
                           mark_size_hp=u.pt_to_half_points(size_pt)))
        out.append("</w:p>")

    def gap(self, out: list[str], pt: float, *, page_break: bool = False) -> None:
        """The space above a table or box: a blank line in hwp-native mode, else a spacer."""
        blank = blank_line_pt(self.theme, pt)
        if blank is not None:
            self.blank(out, blank, page_break=page_break)
        else:
            self.spacer(out, pt, page_break=page_break)

    def spacer(self, out: list[str], pt: float, *, page_break: bool = False,
               keep_next: bool = True, sect: str = "") -> None:
        """An empty paragraph ``pt`` high (≥ 1 pt): the space above a table, or a separator
        so that two tables in a row stay two tables.  ``sect``: a ``w:sectPr`` ending a
        section at this paragraph."""
        pp = ppr_xml(style_id=self.spacer_id, keep_next=keep_next,
                     page_break_before=page_break, line=max(u.pt_to_twip(pt), 20))
        if sect:
            pp = pp[: -len("</w:pPr>")] + sect + "</w:pPr>"
        out.append(f"<w:p>{pp}</w:p>")

    # ------------------------------------------------------------------ node streams
    def nodes(self, out: list[str], nodes: Sequence[Node], *,
              break_first: bool = False) -> None:
        """Append ``nodes``; ``PageBreak`` becomes ``pageBreakBefore`` on what follows.

        ``break_first`` starts the stream on a new page (e.g. the TOC after the cover).
        """
        pending = break_first
        prev: str | None = None
        for node in nodes:
            match node:
                case PageBreak():
                    if node.soft:  # keep-with-next decides the page end in Word/LibreOffice
                        continue
                    pending = pending or prev is not None
                    continue
                case Para():
                    self.para(out, node, page_break=pending)
                    prev = "para"
                case TableBox():
                    if pending or prev == "table" or node.space_before_pt > 0:
                        # the spacer belongs to the table: keep it (and what precedes it with
                        # keep-with-next, e.g. a ● caption) on the table's page
                        self.gap(out, node.space_before_pt, page_break=pending)
                    self.tables.table(out, node)
                    prev = "table"
                case TocBlock():
                    from .toc import write_toc

                    write_toc(self, out, node, page_break=pending)
                    prev = "para"
                case PictureBox() | ChartBox():
                    self.drawing(out, node, page_break=pending)
                    prev = "para"
                case _:
                    assert_never(node)
            pending = False
        if prev == "table":
            self.spacer(out, 0, keep_next=False)

    def paras(self, out: list[str], paras: Iterable[Para], *, keep_next: bool = False) -> None:
        """Append paragraphs (cell content)."""
        for p in paras:
            self.para(out, p, keep_next=keep_next)
