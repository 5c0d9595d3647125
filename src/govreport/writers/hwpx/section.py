"""``Contents/section0.xml``: laid-out nodes → ``hp:p`` / ``hp:run`` / ``hp:t`` / ``hp:tbl``.

One section holds cover, 목차 and body.  Page numbers (``- 1 -``) come from one
``hp:pageNum`` control in the first paragraph; the cover and TOC pages hide it with
``hp:pageHiding`` and the body restarts the count with ``hp:newNum`` (FORMAT.md §1).

Indents follow OWPML semantics: a paragraph's first line starts at ``left`` and a negative
``intent`` pulls the following lines in, so a hanging item is ``left = sym_x``,
``intent = -hanging`` with the symbol and one space written before the text (§3.1).  No
``linesegarray`` layout caches are written; Hancom lays the document out on open.

Per-paragraph 자간/장평 (``Para.letter_spacing_pct``/``width_pct``) select a charPr variant for
the text runs only (the symbol keeps the role's shape).  With ``layout.blank_paragraphs`` the
space before a paragraph or table becomes an empty N-pt paragraph (:func:`..blank_line_pt`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import assert_never

import attrs

from ...layout.grid import text_em
from ...layout.nodes import Border as NodeBorder
from ...layout.nodes import (
    Borders,
    CellBox,
    ChartBox,
    Indent,
    LaidDocument,
    Node,
    PageBreak,
    Para,
    PictureBox,
    Run,
    TableBox,
    TocBlock,
)
from ...layout.paginate import Styles, row_heights_pt
from ...theme import Theme
from .. import BLANK_LINE_PCT, FRAME_PAD_PT, LineStyle, blank_line_pt, table_line_styles
from ..units import hwpx_margins, hwpx_page_hwpunit, mm_to_hwpunit, pt_to_hwpunit
from ._xml import DECL, XMLNS, attr, esc
from .header import BorderKey, HeaderBuilder, TabKey, line
from .media import HwpxMedia, chart_anchor_xml, pic_xml

_PAGE_POS = {
    "bottom_center": "BOTTOM_CENTER", "bottom_right": "BOTTOM_RIGHT",
    "bottom_left": "BOTTOM_LEFT",
}  # fmt: skip
_TOC_ROLES = frozenset({"toc_part", "toc_item"})
_RIGHT_TAB_SLACK_PT = 0.5
"""A right tab this far inside the column's edge: Hancom wraps a number whose tab ends
exactly on the edge."""
_NO_LINE_STYLES: dict[str, LineStyle] = {}
"""A cell whose sides are all ``single`` (never written to)."""
_VALIGN = {"top": "TOP", "center": "CENTER", "bottom": "BOTTOM"}
_LINE_TYPE = {"single": "SOLID", "double": "DOUBLE_SLIM"}  # OWPML LineType2
_BOX_KINDS = frozenset({"chip", "task", "summary", "overview", "category", "title_box",
                        "appendix_tab", "part_band", "diagram", "lead"})
_PAGE_HIDING = ('<hp:ctrl><hp:pageHiding hideHeader="0" hideFooter="0" hideMasterPage="0" '
                'hideBorder="0" hideFill="0" hidePageNum="1"/></hp:ctrl>')
_NEW_NUM = '<hp:ctrl><hp:newNum num="1" numType="PAGE"/></hp:ctrl>'  # no child, as Hancom
_AUTO_PAGE = ('<hp:ctrl><hp:autoNum num="1" numType="PAGE"><hp:autoNumFormat type="DIGIT" '
              'userChar="" prefixChar="" suffixChar="" supscript="0"/></hp:autoNum></hp:ctrl>')


def _chars(text: str) -> str:
    """Escaped character data of ``hp:t``; a no-break space (U+00A0) becomes ``hp:nbSpace``,
    which Hancom and rhwp keep on one line with its neighbours; a word joiner (U+2060) is
    left out (see :mod:`govreport.layout.linebreak`)."""
    text = esc(text)
    if "\u2060" in text:  # a word joiner: Hancom keeps a word (어절) whole by KEEP_WORD
        text = text.replace("\u2060", "")
    return text.replace("\u00a0", "<hp:nbSpace/>") if "\u00a0" in text else text


# inline tabs carry numbers as Hancom writes them (type 1 left, 2 right; leader 0 none, 3 dots):
# independent readers read the string forms as 0, and Hancom draws from the inline values
_DEFAULT_TAB = '<hp:tab width="4000" leader="0" type="1"/>'
_TAB_LEADER = {"NONE": 0, "DOT": 3}
_COL_PR = ('<hp:ctrl><hp:colPr id="" type="NEWSPAPER" layout="LEFT" colCount="1" sameSz="1" '
           'sameGap="0"/></hp:ctrl>')
_NOTE_PR = (
    '<hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/>'
    '<hp:noteLine length="{length}" type="SOLID" width="0.12 mm" color="#000000"/>'
    '<hp:noteSpacing betweenNotes="{between}" belowLine="567" aboveLine="850"/>'
    '<hp:numbering type="CONTINUOUS" newNum="1"/>'
    '<hp:placement place="{place}" beneathText="0"/>'
)


_NO_INDENT = Indent()
_SOLID_SIDES = (_LINE_TYPE["single"],) * 4


def _hu(pt: float) -> int:
    return pt_to_hwpunit(pt)


def _line_of(b: NodeBorder) -> tuple[float, str]:
    return (b.width_mm, b.color)


class SectionWriter:
    """Writes nodes as OWPML paragraphs, interning shapes in ``header``."""

    def __init__(self, theme: Theme, header: HeaderBuilder, *, first_para_id: int = 0,
                 media: HwpxMedia | None = None, estimate_breaks: bool = False) -> None:
        self.theme = theme
        self.estimate_breaks = estimate_breaks
        """Soft page breaks (the estimate's) written as breaks: a check for rhwp only."""
        self.h = header
        self.measures: Styles = header.styles
        """Where row heights are measured: the layout's own measurements when the laid
        document carries them (same theme), else the header's resolved styles."""
        self.media = media if media is not None else HwpxMedia()
        self.out: list[str] = []
        self._pid = first_para_id
        self._obj = 0
        self._cell_borders: dict[tuple[Borders, str | None, tuple[str, ...]], int] = {}
        self._cell_borders_by_id: dict[tuple[int, str | None, tuple[str, ...]],
                                       tuple[Borders, int]] = {}
        # shape ids by the arguments that make them: a document repeats a few shapes
        # thousands of times, so each is built (and its units rounded) once
        self._para_ids: dict[tuple[object, ...], int] = {}
        self._char_ids: dict[tuple[object, ...], int] = {}
        self._margins: dict[tuple[float, float, float, float], tuple[int, int, int, int]] = {}
        self._break = False
        self.lead_run = ""  # secPr/colPr run for the section's first paragraph
        self.lead_ctrls = ""  # controls for the next top-level paragraph's first run
        self.start_with_break = False  # page break before the first part (template mode)
        self.width_pt = theme.page.text_width_pt
        self._spaces = theme.layout.hwpx_indent == "spaces"
        self._rule = theme.part_heading.style == "rule" and theme.part_heading.rule_mm > 0
        pn = theme.page.page_number
        self.page_numbers = pn.position != "none"
        self.hide_front = self.page_numbers and pn.start_at == "body"

    # ------------------------------------------------------------------ document
    def document(self, doc: LaidDocument) -> str:
        """The complete ``section0.xml`` of a laid document."""
        return "".join(self.document_pieces(doc))

    def document_pieces(self, doc: LaidDocument) -> list[str]:
        """``section0.xml`` in pieces (joined, they are :meth:`document`): a long report's
        XML is zipped piece by piece, never held whole as one string."""
        if doc.measures is not None and doc.measures.theme is self.theme:
            self.measures = doc.measures  # the layout's row heights, not measured again
        self.lead_run = self.sec_pr_run()
        self.lead_ctrls = self.page_num_ctrl()
        if self.page_numbers:
            self.h.page_number_style()
        self.parts(doc, include_cover=True)
        if self.lead_run:  # empty document: still one paragraph holding the section
            self.empty_para("paragraph")
        pieces, self.out = self.out, []
        pieces.insert(0, f"{DECL}<hs:sec {XMLNS}>")
        pieces.append("</hs:sec>")
        return pieces

    def parts(self, doc: LaidDocument, *, include_cover: bool) -> None:
        """Cover (optional), 목차 and body with page breaks and page-number controls."""
        groups = [(k, n) for k, n in (("cover", doc.cover if include_cover else ()),
                                      ("front", doc.front), ("body", doc.body)) if n]
        for i, (kind, nodes) in enumerate(groups):
            if kind != "body" and self.hide_front:
                self.lead_ctrls += _PAGE_HIDING
            if kind == "body" and self.hide_front and (i > 0 or not include_cover):
                self.lead_ctrls += _NEW_NUM
            if i > 0 or self.start_with_break:
                self._break = True
            first = nodes[0]
            if isinstance(first, Para) and (first.space_before_pt or 0) > 0 \
                    and not self.theme.layout.blank_paragraphs:  # a blank line is kept anyway
                self.spacer()
            self.nodes(nodes)

    def page_num_ctrl(self) -> str:
        """The ``hp:pageNum`` control (``- 1 -`` at the bottom centre), or ``""``."""
        pn = self.theme.page.page_number
        if not self.page_numbers:
            return ""
        side = pn.side_char or ""
        return (f'<hp:ctrl><hp:pageNum pos="{_PAGE_POS[pn.position]}" formatType="DIGIT" '
                f'sideChar="{attr(side)}"/></hp:ctrl>')

    def sec_pr_run(self) -> str:
        """The run holding ``hp:secPr`` (A4, margins) and the column control."""
        page = self.theme.page
        w, h = hwpx_page_hwpunit(page)
        m = hwpx_margins(page)
        margin = " ".join(f'{k}="{m[k]}"' for k in
                          ("header", "footer", "gutter", "left", "right", "top", "bottom"))
        fill = "".join(
            f'<hp:pageBorderFill type="{t}" borderFillIDRef="{self.h.empty_border}" '
            'textBorder="PAPER" headerInside="0" footerInside="0" fillArea="PAPER">'
            '<hp:offset left="1417" right="1417" top="1417" bottom="1417"/></hp:pageBorderFill>'
            for t in ("BOTH", "EVEN", "ODD")
        )
        sec = (
            '<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" '
            'tabStopVal="4000" tabStopUnit="HWPUNIT" outlineShapeIDRef="1" memoShapeIDRef="0" '
            'textVerticalWidthHead="0" masterPageCnt="0">'
            '<hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/>'
            '<hp:startNum pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/>'
            '<hp:visibility hideFirstHeader="0" hideFirstFooter="0" hideFirstMasterPage="0" '
            'border="SHOW_ALL" fill="SHOW_ALL" hideFirstPageNum="0" hideFirstEmptyLine="0" '
            'showLineNumber="0"/>'
            '<hp:lineNumberShape restartType="0" countBy="0" distance="0" startNumber="0"/>'
            f'<hp:pagePr landscape="WIDELY" width="{w}" height="{h}" gutterType="LEFT_ONLY">'
            f"<hp:margin {margin}/></hp:pagePr>"
            "<hp:footNotePr>"
            + _NOTE_PR.format(length=-1, between=283, place="EACH_COLUMN")
            + "</hp:footNotePr><hp:endNotePr>"
            + _NOTE_PR.format(length=14692344, between=0, place="END_OF_DOCUMENT")
            + "</hp:endNotePr>" + fill + "</hp:secPr>"
        )
        return f'<hp:run charPrIDRef="{self.h.char_for("paragraph")}">{sec}{_COL_PR}</hp:run>'

    # ------------------------------------------------------------------ nodes
    def nodes(self, nodes: Iterable[Node]) -> None:
        """Append the XML of top-level nodes to :attr:`out`."""
        for n in nodes:
            match n:  # every node type: a new one fails mypy here, not silently
                case Para():
                    self.out.append(self.para(n, top=True))
                case TableBox():
                    self.out.append(self.table(n))
                case TocBlock():
                    self.toc(n)
                case PageBreak():
                    # only where the format starts a page (cover, 목차, a part or task the
                    # theme starts afresh): the page estimate's own ends (soft) are left to
                    # the keep rules of the paragraphs (keepWithNext/keepLines/widowOrphan),
                    # which Hancom applies with its real fonts
                    if not n.soft or self.estimate_breaks:
                        self._break = True
                case PictureBox() | ChartBox():
                    self.out.append(self.drawing(n))
                case _:
                    assert_never(n)

    def drawing(self, box: PictureBox | ChartBox) -> str:
        """A picture or native chart, treated as a character, in its own aligned paragraph."""
        h = self.h
        style = h.style("paragraph")
        prev_pt, blank = box.space_before_pt, ""
        blank_pt = blank_line_pt(self.theme, prev_pt)
        if blank_pt is not None:
            blank, prev_pt = self.blank(blank_pt, top=True), 0.0
        para_pr = h.para(h.para_key("paragraph", align=box.align, prev_pt=prev_pt,
                                    keep_next=box.keep_next, line_pct=100.0))
        head = blank + self._head(para_pr, style.id, top=True)
        lead, ctrls = self._lead(True)
        self._obj += 1
        obj_id = 2000000 + self._obj
        if isinstance(box, ChartBox) and not box.picture:
            obj = chart_anchor_xml(box, self.media.chart(box), obj_id)
        else:
            from ..charts.draw import chart_picture

            pic = chart_picture(box) if isinstance(box, ChartBox) else box
            obj = pic_xml(pic, self.media.image(pic.data, pic.format), obj_id)
        return (head + lead + f'<hp:run charPrIDRef="{style.char}">{ctrls}{obj}<hp:t/></hp:run>'
                + "</hp:p>")

    def _head(self, para_pr: int, style: int, *, top: bool, page_break: bool = False) -> str:
        pid = self._pid
        self._pid += 1
        brk = 0
        if top and (self._break or page_break):
            brk = 1
            self._break = False
        return (f'<hp:p id="{pid}" paraPrIDRef="{para_pr}" styleIDRef="{style}" '
                f'pageBreak="{brk}" columnBreak="0" merged="0">')

    def _lead(self, top: bool) -> tuple[str, str]:
        """(run before the content, controls for the first content run) for top paragraphs."""
        if not top:
            return "", ""
        lead, ctrls = self.lead_run, self.lead_ctrls
        self.lead_run = self.lead_ctrls = ""
        return lead, ctrls

    def spacer(self) -> None:
        """A 1 pt empty paragraph at a page top, so that the next paragraph's space before
        is kept (layout engines drop the space before the first line of a page)."""
        h = self.h
        style = h.style("paragraph")
        para_pr = h.para(h.para_key("paragraph", line_pct=100.0))
        char = h.char(h.char_key("paragraph", size_pt=1.0))
        lead, ctrls = self._lead(True)
        self.out.append(self._head(para_pr, style.id, top=True) + lead
                        + f'<hp:run charPrIDRef="{char}">{ctrls}<hp:t/></hp:run></hp:p>')

    def blank(self, size_pt: float, *, top: bool, page_break: bool = False,
              line_pct: float = BLANK_LINE_PCT, prev_pt: float = 0.0) -> str:
        """An hwp-native blank line: an empty paragraph (role ``paragraph``) of ``size_pt``
        type at 160 % line spacing — as Hancom users make "빈 줄 N pt" — kept with what
        follows, to which it belongs.  (``line_pct``/``prev_pt``: a plain empty paragraph
        that only carries space before.)"""
        h = self.h
        style = h.style("paragraph")
        para_pr = h.para(h.para_key("paragraph", keep_next=True, line_pct=line_pct,
                                    prev_pt=prev_pt))
        char = h.char(h.char_key("paragraph", size_pt=size_pt))
        head = self._head(para_pr, style.id, top=top, page_break=page_break)
        lead, ctrls = self._lead(top)
        return head + lead + f'<hp:run charPrIDRef="{char}">{ctrls}<hp:t/></hp:run></hp:p>'

    def empty_para(self, role: str) -> None:
        style = self.h.style(role)
        lead, ctrls = self._lead(True)
        self.out.append(self._head(style.para, style.id, top=True) + lead
                        + f'<hp:run charPrIDRef="{style.char}">{ctrls}<hp:t/></hp:run></hp:p>')

    # ------------------------------------------------------------------ paragraphs
    def para(self, p: Para, *, top: bool) -> str:
        """One paragraph: shape, symbol + space, runs with tabs and line breaks."""
        h, role = self.h, p.role
        style = h.style(role)
        ind = p.indent or _NO_INDENT
        tab = 0
        leader = "DOT" if role in _TOC_ROLES and self.theme.toc.leader == "dots" else "NONE"
        if p.tab_right_pt is not None:
            tab = h.tab(TabKey(((_hu(p.tab_right_pt), "RIGHT", leader),)))
        border, offsets = None, (0, 0, 0, 0)
        if role == "part_heading" and self._rule:
            ph = self.theme.part_heading
            border = h.border(BorderKey(bottom=line(
                ph.rule_mm, self.theme.color(ph.rule_color) or "#000000")))
            offsets = (0, 0, 0, mm_to_hwpunit(1.5))
        elif role == "cover_title" and self.theme.cover.title_frame:
            frame = line(self.theme.lines.thin_mm, self.theme.colors.accent)
            border = h.border(BorderKey(left=frame, right=frame, top=frame, bottom=frame))
            pad = _hu(FRAME_PAD_PT)
            offsets = (pad, pad, pad, pad)
        first_x, lead_spaces = ind.left_pt - ind.hanging_pt, ""
        if self._spaces and p.symbol and first_x > 0:
            # "looks hand-made" mode: left 0, the symbol pushed by half-width spaces (1타 each)
            n = round(first_x / (0.5 * self.theme.body.pt))
            lead_spaces, first_x = " " * n, 0.0
        prev_pt, page_break, blank = p.space_before_pt or 0.0, p.page_break_before, ""
        blank_pt = blank_line_pt(self.theme, prev_pt)
        if blank_pt is not None:
            blank = self.blank(blank_pt, top=top, page_break=page_break)
            prev_pt, page_break = 0.0, False
        elif border is not None and role == "cover_title" and prev_pt > 0:
            # a paragraph border encloses the space before too: move that space onto an
            # empty 1-pt paragraph above the framed title
            blank = self.blank(1.0, top=top, page_break=page_break, line_pct=100.0,
                               prev_pt=max(prev_pt - 1.0, 0.0))
            prev_pt, page_break = 0.0, False
        shape = (role, p.align, first_x, ind.left_pt - first_x, prev_pt,
                 p.space_after_pt or 0.0, p.keep_next or None, tab, border, offsets)
        para_pr = self._para_ids.get(shape)
        if para_pr is None:
            para_pr = self._para_ids[shape] = h.para(h.para_key(
                role, align=p.align, left_pt=first_x,
                hanging_pt=ind.left_pt - first_x, prev_pt=prev_pt,
                next_pt=p.space_after_pt or 0.0, keep_next=p.keep_next or None, tab=tab,
                border=border, border_offsets=offsets))
        head = blank + self._head(para_pr, style.id, top=top, page_break=page_break)
        lead, ctrls = self._lead(top)
        if p.bookmark:
            ctrls += f'<hp:ctrl><hp:bookmark name="{attr(p.bookmark)}"/></hp:ctrl>'
        tabs = self._tabs(p, p.tab_right_pt, leader, ind.left_pt - ind.hanging_pt)
        runs: list[tuple[int, str]] = []
        if p.symbol:
            runs.append((style.char, f"<hp:t>{lead_spaces}{esc(p.symbol)}<hp:fwSpace/></hp:t>"))
        for r in p.runs:
            runs.append((self._run_char(role, r, style.char, p), self._run_content(r, tabs)))
        return head + lead + _merge_runs(runs, ctrls, style.char) + "</hp:p>"

    def _run_char(self, role: str, r: Run, base: int, p: Para | None = None) -> int:
        """The run's charPr: the role's, or a variant with the run's overrides and the
        paragraph's 자간/장평 (``p.letter_spacing_pct``/``p.width_pct``)."""
        spacing = p.letter_spacing_pct if p is not None else None
        width = p.width_pct if p is not None else None
        if r.bold is None and r.color is None and r.size_pt is None and r.font is None \
                and not r.superscript and spacing is None and width is None:
            return base
        shape = (role, r.font, r.size_pt, r.bold, r.color, r.superscript, spacing, width)
        cid = self._char_ids.get(shape)
        if cid is None:
            cid = self._char_ids[shape] = self.h.char(self.h.char_key(
                role, font=r.font, size_pt=r.size_pt, bold=r.bold, color=r.color,
                superscript=r.superscript, letter_spacing_pct=spacing, width_pct=width))
        return cid

    @staticmethod
    def _run_content(r: Run, tabs: list[str]) -> str:
        if r.field == "PAGE":
            return _AUTO_PAGE
        text = r.text
        if "\t" not in text and "\n" not in text:
            return f"<hp:t>{_chars(text)}</hp:t>"
        parts: list[str] = []
        for i, seg in enumerate(text.split("\n")):
            if i:
                parts.append("<hp:lineBreak/>")
            cells = seg.split("\t")
            parts.append(_chars(cells[0]))
            for c in cells[1:]:
                parts.append(tabs.pop(0) if tabs else _DEFAULT_TAB)
                parts.append(_chars(c))
        return "<hp:t>" + "".join(parts) + "</hp:t>"

    def _tabs(self, p: Para, stop_pt: float | None, leader: str, x0_pt: float) -> list[str]:
        """``hp:tab`` elements for the tabs of ``p`` in order.  A right tab carries the width
        it spans as estimated from the text (Hancom re-measures it on layout)."""
        for r in p.runs:
            if "\t" in r.text:
                break
        else:
            return []
        base = self.h.resolve(p.role).pt
        tokens: list[float | str] = []  # widths in pt, "\t" or "\n"
        if p.symbol:
            tokens.append(text_em(p.symbol + " ") * base)
        for r in p.runs:
            size = r.size_pt or base
            for i, seg in enumerate(r.text.split("\n")):
                if i:
                    tokens.append("\n")
                for j, piece in enumerate(seg.split("\t")):
                    if j:
                        tokens.append("\t")
                    if piece:
                        tokens.append(text_em(piece) * size)
        out: list[str] = []
        x = x0_pt
        for k, tok in enumerate(tokens):
            if tok == "\n":
                x = x0_pt + (p.indent.hanging_pt if p.indent else 0.0)
            elif tok == "\t":
                if stop_pt is None:
                    out.append(_DEFAULT_TAB)
                    x += 40.0
                    continue
                after = 0.0
                for nxt in tokens[k + 1:]:
                    if isinstance(nxt, str):
                        break
                    after += nxt
                width = max(stop_pt - x - after, 0.01)
                out.append(f'<hp:tab width="{_hu(width)}" leader="{_TAB_LEADER[leader]}" '
                           'type="2"/>')
                x += width
            else:
                assert not isinstance(tok, str)
                x += tok
        return out

    # ------------------------------------------------------------------ 목차
    def toc(self, toc: TocBlock) -> None:
        """목 차: heading, then part and task lines with a right tab (dot leader) for the
        page numbers, in the frame the layout gives (``toc.frame``) or on the page."""
        self.out.append(self.para(Para(role="toc_heading", runs=(Run(text=toc.title),),
                                       align="center"), top=True))
        right = toc.tab_right_pt - _RIGHT_TAB_SLACK_PT
        lines: list[Para] = []
        for i, e in enumerate(toc.entries):
            text = f"{e.label} {e.text}".strip()
            if e.page is not None:
                text += f"\t{e.page}"
            lines.append(Para(
                role="toc_part" if e.level <= 1 else "toc_item", runs=(Run(text=text),),
                indent=Indent(left_pt=0.0 if e.level <= 1 else toc.item_indent_pt),
                space_before_pt=toc.gap_pt if i == 0 else 0.0,
                tab_right_pt=right if e.page is not None else None,
            ))
        if toc.frame is None:
            self.out.extend(self.para(p, top=True) for p in lines)
            return
        cell = attrs.evolve(toc.frame.cells[0], paras=tuple(lines))
        self.out.append(self.table(attrs.evolve(toc.frame, cells=(cell,))))

    # ------------------------------------------------------------------ tables
    def table(self, t: TableBox) -> str:
        """A table (or box) as a treat-as-character ``hp:tbl`` in its own paragraph."""
        h = self.h
        style = h.style("paragraph")
        prev_pt, blank = t.space_before_pt, ""
        blank_pt = blank_line_pt(self.theme, prev_pt)
        if blank_pt is not None:
            blank, prev_pt = self.blank(blank_pt, top=True), 0.0
        shape = ("table", t.indent_pt, prev_pt, t.keep_next)
        para_pr = self._para_ids.get(shape)
        if para_pr is None:
            para_pr = self._para_ids[shape] = h.para(h.para_key(
                "paragraph", align="left", left_pt=t.indent_pt, prev_pt=prev_pt,
                keep_next=t.keep_next, line_pct=100.0))
        head = blank + self._head(para_pr, style.id, top=True)
        lead, ctrls = self._lead(True)
        self._obj += 1
        widths = [_hu(w) for w in t.col_widths_pt]
        heights = self._row_heights(t)
        margins = self._margins.get(t.cell_margin_mm)
        if margins is None:
            l_mm, r_mm, t_mm, b_mm = t.cell_margin_mm
            margins = self._margins[t.cell_margin_mm] = (
                mm_to_hwpunit(l_mm), mm_to_hwpunit(r_mm), mm_to_hwpunit(t_mm),
                mm_to_hwpunit(b_mm))
        ml, mr, mt, mb = margins
        box = t.kind in _BOX_KINDS
        repeat = int(t.header_rows > 0 and self.theme.table.repeat_header)
        styles = table_line_styles(self.theme, t)
        cell_margin = (f'<hp:cellMargin left="{ml}" right="{mr}" top="{mt}" bottom="{mb}"/>'
                       "</hp:tc>")
        para = self.para
        trs = []
        for r_cells in t.rows():
            tcs = []
            for c in r_cells:
                rowspan, colspan = t.spans(c)
                width = widths[c.col] if colspan == 1 else sum(widths[c.col:c.col + colspan])
                height = heights[c.row] if rowspan == 1 else sum(
                    heights[c.row:c.row + rowspan])
                bf = self._cell_border(c, styles.get((c.row, c.col), _NO_LINE_STYLES))
                paras = "".join([para(p, top=False) for p in c.paras]) or self._empty_cell()
                tcs.append(
                    f'<hp:tc name="" header="{int(c.header)}" hasMargin="0" protect="0" '
                    f'editable="0" dirty="0" borderFillIDRef="{bf}">'
                    '<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" '
                    f'vertAlign="{_VALIGN[c.valign]}" linkListIDRef="0" linkListNextIDRef="0" '
                    'textWidth="0" textHeight="0" hasTextRef="0" hasNumRef="0">'
                    f"{paras}</hp:subList>"
                    f'<hp:cellAddr colAddr="{c.col}" rowAddr="{c.row}"/>'
                    f'<hp:cellSpan colSpan="{colspan}" rowSpan="{rowspan}"/>'
                    f'<hp:cellSz width="{width}" height="{height}"/>{cell_margin}'
                )
            trs.append("<hp:tr>" + "".join(tcs) + "</hp:tr>")
        if t.split:  # a long data table: placed in the text flow, so it breaks between rows
            pos = ('<hp:pos treatAsChar="0" affectLSpacing="0" flowWithText="1" '
                   'allowOverlap="0" holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" '
                   'vertAlign="TOP" horzAlign="LEFT" vertOffset="0" '
                   f'horzOffset="{_hu(t.indent_pt)}"/>')
        else:  # boxes and short tables: treated as a character, as Hancom users make them
            pos = ('<hp:pos treatAsChar="1" affectLSpacing="0" flowWithText="1" '
                   'allowOverlap="0" holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="PARA" '
                   'vertAlign="TOP" horzAlign="LEFT" vertOffset="0" horzOffset="0"/>')
        tbl = (
            f'<hp:tbl id="{1000000 + self._obj}" zOrder="{self._obj}" numberingType="TABLE" '
            'textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" '
            f'pageBreak="{"NONE" if box else "CELL"}" repeatHeader="{repeat}" '
            f'rowCnt="{t.n_rows}" colCnt="{t.n_cols}" cellSpacing="0" '
            f'borderFillIDRef="{h.empty_border}" noAdjust="0">'
            f'<hp:sz width="{sum(widths)}" widthRelTo="ABSOLUTE" height="{sum(heights)}" '
            'heightRelTo="ABSOLUTE" protect="0"/>'
            + pos +
            '<hp:outMargin left="0" right="0" top="0" bottom="0"/>'
            f'<hp:inMargin left="{ml}" right="{mr}" top="{mt}" bottom="{mb}"/>'
            + "".join(trs) + "</hp:tbl>"
        )
        return (head + lead + f'<hp:run charPrIDRef="{style.char}">{ctrls}{tbl}<hp:t/></hp:run>'
                + "</hp:p>")

    def _cell_border(self, c: CellBox, styles: dict[str, LineStyle]) -> int:
        kinds = _SOLID_SIDES if not styles else tuple(
            _LINE_TYPE[styles.get(side, "single")] for side in ("left", "right", "top", "bottom"))
        # the layout shares one Borders among the cells of a table that look alike: found
        # by identity first (hashing Borders hashes its four lines)
        by_id = (id(c.borders), c.fill, kinds)
        kept = self._cell_borders_by_id.get(by_id)
        if kept is not None and kept[0] is c.borders:
            return kept[1]
        key = (c.borders, c.fill, kinds)
        bid = self._cell_borders.get(key)
        if bid is not None:
            self._cell_borders_by_id[by_id] = (c.borders, bid)
        else:
            b = c.borders
            bid = self._cell_borders[key] = self.h.border(BorderKey(
                left=line(*_line_of(b.left), kinds[0]), right=line(*_line_of(b.right), kinds[1]),
                top=line(*_line_of(b.top), kinds[2]), bottom=line(*_line_of(b.bottom), kinds[3]),
                fill=c.fill.upper() if c.fill else None))
            self._cell_borders_by_id[by_id] = (c.borders, bid)
        return bid

    def _empty_cell(self) -> str:
        style = self.h.style("paragraph")
        return (self._head(style.para, style.id, top=False)
                + f'<hp:run charPrIDRef="{style.char}"><hp:t/></hp:run></hp:p>')

    def _row_heights(self, t: TableBox) -> list[int]:
        """Row heights in HWPUNIT, as the layout measures them (:func:`row_heights_pt`)."""
        return [_hu(h) for h in row_heights_pt(t, self.theme, self.measures)]


def _merge_runs(runs: Sequence[tuple[int, str]], ctrls: str, base: int) -> str:
    """``hp:run`` elements, adjacent runs of one shape merged; ``ctrls`` lead the first."""
    if not runs:
        return f'<hp:run charPrIDRef="{base}">{ctrls}<hp:t/></hp:run>'
    out: list[str] = []
    cur, buf = runs[0][0], [ctrls, runs[0][1]]
    for cid, xml in runs[1:]:
        if cid != cur:
            out.append(f'<hp:run charPrIDRef="{cur}">{"".join(buf)}</hp:run>')
            cur, buf = cid, []
        buf.append(xml)
    out.append(f'<hp:run charPrIDRef="{cur}">{"".join(buf)}</hp:run>')
    return "".join(out)
