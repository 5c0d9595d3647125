"""Layout nodes → WordprocessingML: paragraphs, runs, fields, page breaks (FORMAT §3.1, §10.2).

Paragraphs get the role's named style plus only what the layout decided for them: hanging
indent (``w:ind left/hanging`` — the symbol is followed by a TAB, never spaces, so Word's
implicit tab stop at the hanging indent puts the text exactly at ``left`` whatever the
symbol's width), space before, keep-with-next, bookmarks and TOC outline levels.

Per-paragraph 자간/장평 (``Para.letter_spacing_pct``/``width_pct``) go on the text runs as
``w:spacing``/``w:w``, never on the symbol run.  With ``layout.blank_paragraphs`` the space
before a paragraph or table becomes an empty N-pt paragraph (:func:`..blank_line_pt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ...errors import RenderError
from ...layout.nodes import ChartBox, Node, PageBreak, Para, PictureBox, Run, TableBox, TocBlock
from ...theme import Theme
from .. import BLANK_LINE_PCT, FRAME_PAD_PT, blank_line_pt
from .. import units as u
from .ooxml import XML_SPACE, Element, sub
from .props import JC, TabStop, ppr, rpr
from .styles import SPACER_STYLE, STYLE_NAMES, style_id

__all__ = ["EAST_ASIAN_MARKS", "BodyWriter", "needs_hint"]

EAST_ASIAN_MARKS = "□○◦❍※▶▷▸√✓·∙‧ㆍ●■◆◇☞⇒➡→↔①-⑳❶-❿㉮-㉻"
"""Ambiguous-width symbols that must take the East-Asian font (``w:hint="eastAsia"``)."""

_HINT_RE = re.compile(f"[{EAST_ASIAN_MARKS}]")
_SPLIT_RE = re.compile(r"(\t|\n)")
_CONTROL = dict.fromkeys(i for i in range(32) if i not in (9, 10))


def needs_hint(text: str) -> bool:
    """True when ``text`` holds a symbol that needs ``w:hint="eastAsia"``."""
    return _HINT_RE.search(text) is not None


def _twip(pt: float | None) -> int | None:
    return None if pt is None else u.pt_to_twip(pt)


class BodyWriter:
    """Writes layout nodes under a parent element (``w:body``, ``w:tc``, ``w:ftr`` …).

    ``style_ids`` maps a role to the style id to use (a restyled template may have its own
    ids); missing roles fall back to the ids of :data:`STYLE_NAMES`.
    """

    def __init__(self, theme: Theme, style_ids: Mapping[str, str] | None = None) -> None:
        from .tables import TableWriter

        self.theme = theme
        self.style_ids: dict[str, str] = {r: style_id(n) for r, n in STYLE_NAMES.items()}
        if style_ids:
            self.style_ids.update(style_ids)
        self.spacer_id = self.style_ids.get("_spacer", style_id(SPACER_STYLE))
        self.tables = TableWriter(self)
        self._next_bookmark = 1
        self.media: Any = None  # a drawing.DocxMedia when pictures/charts can be added

    def drawing(self, parent: Element, box: PictureBox | ChartBox, *,
                page_break: bool) -> None:
        """A picture or chart in its own paragraph (after its blank line, if any)."""
        from .drawing import chart_run, drawing_para, picture_run

        if self.media is None:
            raise RenderError("pictures and charts need a document to hold their parts")
        before: int | None = None
        blank = blank_line_pt(self.theme, box.space_before_pt)
        if blank is not None:
            self.blank(parent, blank, page_break=page_break)
            page_break, before = False, 0
        p = drawing_para(parent, self.style_ids.get("paragraph", "Normal"), box,
                         page_break=page_break, before_twip=before)
        run = sub(p, "r")
        if isinstance(box, ChartBox) and not box.picture:
            chart_run(run, box, self.media.chart(box), self.media.shape_id())
            return
        from ..chartdraw import chart_picture

        pic = chart_picture(box) if isinstance(box, ChartBox) else box
        picture_run(run, pic, self.media.image(pic.data), self.media.shape_id())

    # ------------------------------------------------------------------ runs
    def text(self, r: Element, text: str) -> None:
        """Append text to run ``r``: ``\\t`` → ``w:tab``, ``\\n`` → ``w:br``."""
        text = text.translate(_CONTROL)
        for piece in _SPLIT_RE.split(text) if ("\t" in text or "\n" in text) else (text,):
            if piece == "\t":
                sub(r, "tab")
            elif piece == "\n":
                sub(r, "br")
            elif piece:
                t = sub(r, "t")
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(XML_SPACE, "preserve")

    def run(self, parent: Element, run: Run, *, role: str | None = None,
            letter_spacing_pct: float | None = None, width_pct: float | None = None) -> None:
        """One ``w:r`` with the run's overrides (``None`` = as the paragraph style).

        ``letter_spacing_pct``/``width_pct`` (the paragraph's 자간/장평) become ``w:spacing``
        (twips of the run's size, or of ``role``'s size) and ``w:w``.
        """
        size = u.pt_to_half_points(run.size_pt) if run.size_pt else None
        spacing = width = None
        if letter_spacing_pct is not None:
            pt = run.size_pt or (self.theme.resolve(role).pt  # type: ignore[arg-type]
                                 if role else self.theme.body.pt)
            spacing = u.letter_spacing_twip(pt, letter_spacing_pct)
        if width_pct is not None:
            width = u.round_half_up(width_pct)
        if run.field == "PAGE":
            self.field(parent, "PAGE", run.text or "1", font=run.font, bold=run.bold,
                       color=run.color, size_hp=size, spacing=spacing, width_pct=width)
            return
        r = sub(parent, "r")
        rpr(r, font=run.font, hint=needs_hint(run.text), bold=run.bold, color=run.color,
            spacing=spacing, width_pct=width, size_hp=size, superscript=run.superscript)
        self.text(r, run.text)

    def field(self, parent: Element, instr: str, result: str, *, font: str | None = None,
              bold: bool | None = None, color: str | None = None,
              size_hp: int | None = None, spacing: int | None = None,
              width_pct: int | None = None) -> None:
        """A complex field (``begin``/``instrText``/``separate``/result/``end``)."""
        def fr() -> Element:
            r = sub(parent, "r")
            rpr(r, font=font, bold=bold, color=color, spacing=spacing, width_pct=width_pct,
                size_hp=size_hp)
            return r

        sub(fr(), "fldChar", {"fldCharType": "begin"})
        it = sub(fr(), "instrText")
        it.text = f" {instr} "
        it.set(XML_SPACE, "preserve")
        sub(fr(), "fldChar", {"fldCharType": "separate"})
        self.text(fr(), result)
        sub(fr(), "fldChar", {"fldCharType": "end"})

    def bookmark(self, p: Element, name: str) -> int:
        """Open bookmark ``name`` in paragraph ``p``; returns the id for :meth:`end_bookmark`."""
        bid = self._next_bookmark
        self._next_bookmark += 1
        sub(p, "bookmarkStart", {"id": bid, "name": name})
        return bid

    @staticmethod
    def end_bookmark(p: Element, bid: int) -> None:
        sub(p, "bookmarkEnd", {"id": bid})

    # ------------------------------------------------------------------ paragraphs
    def para(self, parent: Element, p: Para, *, keep_next: bool = False,
             page_break: bool = False) -> Element:
        """A ``w:p`` for ``p`` in its role's style (after its blank paragraph, if any)."""
        page_break = p.page_break_before or page_break
        before = _twip(p.space_before_pt)
        blank = blank_line_pt(self.theme, p.space_before_pt)
        if blank is not None:
            self.blank(parent, blank, page_break=page_break)
            page_break, before = False, 0
        el = sub(parent, "p")
        ind = None
        if p.indent is not None:
            ind = (u.pt_to_twip(p.indent.left_pt), u.pt_to_twip(p.indent.hanging_pt))
        tabs: tuple[TabStop, ...] = ()
        if p.tab_right_pt:
            tabs = (("right", u.pt_to_twip(p.tab_right_pt), "none"),)
        frame: tuple[int, str, int] | None = None
        ind_right = None
        if p.role == "cover_title" and self.theme.cover.title_frame:
            # thin accent box; indented by its distance so that it stays inside the margins
            frame = (u.mm_to_eighth_points(self.theme.lines.thin_mm), self.theme.colors.accent,
                     u.round_half_up(FRAME_PAD_PT))
            pad = u.pt_to_twip(FRAME_PAD_PT)
            ind = (pad + (ind[0] if ind else 0), ind[1] if ind else 0)
            ind_right = pad
        ppr(el, style_id=self.style_ids.get(p.role, "Normal"),
            keep_next=p.keep_next or keep_next,
            page_break_before=page_break,
            border_box=frame,
            tabs=tabs,
            before=before, after=_twip(p.space_after_pt), ind=ind, ind_right=ind_right,
            jc=JC[p.align] if p.align else None,
            outline=p.outline - 1 if p.outline else None)
        bid = self.bookmark(el, p.bookmark) if p.bookmark else None
        if p.symbol:  # the symbol keeps the role's 자간/장평 so that symbols line up
            r = sub(el, "r")
            rpr(r, hint=needs_hint(p.symbol))
            self.text(r, p.symbol + "\t")
        for run in p.runs:
            self.run(el, run, role=p.role, letter_spacing_pct=p.letter_spacing_pct,
                     width_pct=p.width_pct)
        if bid is not None:
            self.end_bookmark(el, bid)
        return el

    def blank(self, parent: Element, size_pt: float, *, page_break: bool = False,
              keep_next: bool = True) -> Element:
        """An hwp-native blank line: an empty paragraph (role ``paragraph``) whose mark is
        ``size_pt`` and whose exact line pitch is ``size_pt`` × 160 %.  It keeps with what
        follows, to which it belongs (as the HWPX writer's blank paragraph)."""
        el = sub(parent, "p")
        ppr(el, style_id=self.style_ids.get("paragraph", "Normal"), keep_next=keep_next,
            page_break_before=page_break, before=0,
            line=u.pt_to_twip(size_pt * BLANK_LINE_PCT / 100),
            mark_size_hp=u.pt_to_half_points(size_pt))
        return el

    def gap(self, parent: Element, pt: float, *, page_break: bool = False) -> Element:
        """The space above a table or box: a blank line in hwp-native mode, else a spacer."""
        blank = blank_line_pt(self.theme, pt)
        if blank is not None:
            return self.blank(parent, blank, page_break=page_break)
        return self.spacer(parent, pt, page_break=page_break)

    def spacer(self, parent: Element, pt: float, *, page_break: bool = False,
               keep_next: bool = True) -> Element:
        """An empty paragraph ``pt`` high (≥ 1 pt): the space above a table, or a separator
        so that two tables in a row stay two tables."""
        el = sub(parent, "p")
        ppr(el, style_id=self.spacer_id, keep_next=keep_next, page_break_before=page_break,
            line=max(u.pt_to_twip(pt), 20))
        return el

    # ------------------------------------------------------------------ node streams
    def nodes(self, parent: Element, nodes: Sequence[Node], *,
              break_first: bool = False) -> None:
        """Append ``nodes``; ``PageBreak`` becomes ``pageBreakBefore`` on what follows.

        ``break_first`` starts the stream on a new page (e.g. the TOC after the cover).
        """
        pending = break_first
        prev: str | None = None
        for node in nodes:
            if isinstance(node, PageBreak):
                if node.soft:  # keep-with-next decides the page end in Word/LibreOffice
                    continue
                pending = pending or prev is not None
                continue
            if isinstance(node, Para):
                self.para(parent, node, page_break=pending)
                prev = "para"
            elif isinstance(node, TableBox):
                if pending or prev == "table" or node.space_before_pt > 0:
                    # the spacer belongs to the table: keep it (and what precedes it with
                    # keep-with-next, e.g. a ● caption) on the table's page
                    self.gap(parent, node.space_before_pt, page_break=pending)
                self.tables.table(parent, node)
                prev = "table"
            elif isinstance(node, TocBlock):
                from .toc import write_toc

                write_toc(self, parent, node, page_break=pending)
                prev = "para"
            elif isinstance(node, PictureBox | ChartBox):
                self.drawing(parent, node, page_break=pending)
                prev = "para"
            pending = False
        if prev == "table":
            self.spacer(parent, 0, keep_next=False)

    def paras(self, parent: Element, paras: Iterable[Para], *, keep_next: bool = False) -> None:
        """Append paragraphs (cell content)."""
        for p in paras:
            self.para(parent, p, keep_next=keep_next)
