"""Report → :class:`LaidDocument`: numbering, symbols, indents, spacing, boxes and tables.

This is the only place that decides *what* goes on the page; the DOCX and HWPX writers only
translate the nodes.  Look here for "where does ① come from"; look in
:mod:`govreport.theme.indent` for "how far is ○ indented".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import assert_never, cast

import attrs

from ..formatting import circled, roman
from ..model import (
    Appendix,
    Block,
    BudgetTable,
    CategoryTag,
    Chart,
    Comparison,
    EnumItem,
    Event,
    Figure,
    Footnote,
    Item,
    LeadLine,
    Note,
    OrgChart,
    Paragraph,
    Part,
    Report,
    Section,
    StaffingTable,
    SubCaption,
    Table,
    VisionDiagram,
    WhenWhere,
)
from ..model.checked import trusted
from ..model.document import SectionStyle
from ..model.refs import resolve as resolve_references
from ..theme import HangingIndent as ThemeIndent
from ..theme import Theme
from ..theme.roles import Role
from ..theme.units import mm_to_pt
from .build_helpers import tint
from .diagrams import DiagramLayout
from .figures import FigureLayout
from .fitting import fit, fit_text
from .grid import text_em
from .linebreak import join_runs
from .nodes import (
    NO_LINE,
    Border,
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
    TocEntry,
)
from .paginate import Styles, paginate, para_height, text_height_pt
from .tables import TableLayout, as_generic
from .text import TextFormatter
from .titles import balance_title
from .toc import toc_block

LEVEL_ROLES: tuple[Role, ...] = ("L1", "L2", "L3", "L4")
_CATEGORY_MARGIN_MM = (1.5, 1.5, 0.5, 0.5)
"""Cell margins (left, right, top, bottom) of a boxed category tag."""
FIT_ROLES = frozenset({"L1", "L2", "L3", "L4", "event_field", "event_sub", "enum", "note",
                       "lead", "paragraph", "footnote"})
KEEP_NEXT_ROLES = frozenset({"L1", "event_title", "subcaption", "part_heading", "unit_caption",
                             "chip_title"})


def _ind(i: ThemeIndent) -> Indent:
    return Indent(left_pt=i.text_x_pt, hanging_pt=i.hanging_pt)


class _Builder:
    def __init__(self, report: Report, theme: Theme, locale: str) -> None:
        self.theme = theme
        self.fmt = TextFormatter(theme, locale)
        report = resolve_references(report, self.fmt.figure)  # {=org.staff} → 277
        self.report = report
        self.width = theme.page.text_width_pt
        self.tables = TableLayout(theme, self.fmt, self.width)
        self.figures = FigureLayout(report, theme, locale, self.width)
        self.diagrams = DiagramLayout(theme, self.width)
        self.short = report.layout in ("onepage", "compact")
        """No cover or 목차; title box and by-line on top; parts follow on the same page."""
        self.out: list[Node] = []
        self.prev: str | None = None
        self.styles = Styles(theme)
        """Resolved role styles and measurements, shared with pagination."""
        # the theme's spacing and indents, computed once per combination (pure functions
        # of the theme, asked for thousands of times in a long report)
        self._gaps: dict[tuple[str | None, str], float] = {}
        self._indents: dict[tuple[str, float | None], ThemeIndent] = {}
        self._child_indents: dict[tuple[str, str | None, ThemeIndent | None], ThemeIndent] = {}

    # ------------------------------------------------------------------ emit helpers
    def gap(self, role: str) -> float:
        key = (self.prev, role)
        gap = self._gaps.get(key)
        if gap is None:
            gap = self._gaps[key] = self.theme.space_before(cast(Role, self.prev),
                                                            cast(Role, role))
        return gap

    def indent(self, role: Role, parent_sym_x: float | None = None) -> ThemeIndent:
        """``theme.indent``, computed once per role and parent position."""
        key = (role, parent_sym_x)
        ind = self._indents.get(key)
        if ind is None:
            ind = self._indents[key] = self.theme.indent(role, parent_sym_x)
        return ind

    def child_indent(self, role: Role, parent_role: Role | None,
                     parent: ThemeIndent | None) -> ThemeIndent:
        """``theme.child_indent``, computed once per role, parent role and parent indent."""
        key = (role, parent_role, parent)
        ind = self._child_indents.get(key)
        if ind is None:
            ind = self._child_indents[key] = self.theme.child_indent(role, parent_role, parent)
        return ind

    def para(self, role: Role, runs: Sequence[Run], *, symbol: str | None = None,
             indent: Indent | None = None, gap_role: str | None = None, **kw: object) -> Para:
        runs = join_runs(runs)  # the line-breaking pass: no break inside a number, note …
        if self.theme.fit_lines and role in FIT_ROLES:
            found = self.fit(role, runs, indent)
            if found is not None:
                kw["letter_spacing_pct"], kw["width_pct"] = found
        p = Para(
            role=role, runs=runs, symbol=symbol, indent=indent,
            space_before_pt=self.gap(gap_role or role),
            keep_next=role in KEEP_NEXT_ROLES, **kw,  # type: ignore[arg-type]
        )
        self.out.append(p)
        self.prev = gap_role or role
        return p

    def fit(self, role: Role, runs: tuple[Run, ...],
            indent: Indent | None) -> tuple[float, float] | None:
        """자간/장평 that keep a paragraph's last line from holding only 1–2 characters or
        a line from being stretched to wide gaps (:func:`.fitting.fit`), or ``None``."""
        text = runs[0].text if len(runs) == 1 else "".join(r.text for r in runs)
        if "\n" in text:
            return None
        left = indent.left_pt if indent else 0.0
        return fit(text, self.styles[role].pt, self.width - left, self.theme.fitting)

    def box_fit(self, role: str, text: str, width_pt: float) -> tuple[float | None, float | None]:
        """(자간 %, 장평 %) for the text of a box (category, summary) set in ``width_pt``, as
        :meth:`fit` gives body paragraphs; typed line breaks are kept (each line is fitted
        with the same squeeze).  ``(None, None)``: no squeeze."""
        if not self.theme.fit_lines:
            return None, None
        found = fit_text(text, self.styles[role].pt, width_pt, self.theme.fitting)
        return (None, None) if found is None else found

    def box(self, box: TableBox | PictureBox | ChartBox, kind: str = "box") -> None:
        self.out.append(box)
        self.prev = kind

    def page_break(self) -> None:
        if self.out and not isinstance(self.out[-1], PageBreak):
            self.out.append(PageBreak())
        self.prev = None

    # ------------------------------------------------------------------ document
    def build(self) -> LaidDocument:
        r, t = self.report, self.theme
        fields = self.fields()
        cover = self.cover(fields) if r.layout == "booklet" and r.cover.show else ()
        self.out, self.prev = [], None
        if self.short:
            self.title_box(fields)
        elif r.title_box:  # plan documents repeat the title on the first body page
            self.title_box(fields, byline=not r.cover.show)
        if r.lead is not None:
            self.lead_box()
        toc_entries: list[TocEntry] = []
        numbers = self._part_numbers()
        for i, part in enumerate(r.parts):
            self.part(i, part, toc_entries, numbers[i])
        heading = r.toc.appendix_heading
        for i, (number, app) in enumerate(self._numbered_appendices()):
            mark = f"app_{i + 1}"
            if heading is not None:
                if i == 0:
                    toc_entries.append(TocEntry(level=1, label="", text=heading,
                                                bookmark="app_list", heading=True))
                toc_entries.append(TocEntry(level=2, label=f"{number}.", text=app.title,
                                            bookmark=mark))
            else:
                toc_entries.append(TocEntry(level=1, label=f"{app.label} {number}",
                                            text=app.title, bookmark=mark))
            self.appendix(number, app, mark)
        styles = self.styles  # measurements shared by pagination and the page estimate
        body = paginate(tuple(self.out), t, styles)
        front: tuple[Node, ...] = ()
        if r.layout == "booklet" and r.toc.show and t.toc.enabled:
            from .paginate import estimate_pages

            pages = estimate_pages(body, t, styles)
            entries = tuple(
                attrs.evolve(e, page=None if e.heading else pages.get(e.bookmark))
                for e in toc_entries
            )
            front = (toc_block(r.toc.title, entries, t),)
        return LaidDocument(
            fields=fields, cover=cover, front=front, body=body,
            page_number_format=t.page.page_number.format, measures=styles,
        )

    def fields(self) -> dict[str, str]:
        m = self.report.meta
        return {
            "title": m.title,
            "org": m.org,
            "parent_org": m.parent_org or "",
            "org_full": f"{m.parent_org} {m.org}" if m.parent_org else m.org,
            "date": self.fmt.cover_date(m.date),
            "date_iso": m.date.iso(),
            "audience": m.audience or "",
            "kind": m.kind,
            "author": m.author or "",
            "slogan": self.report.cover.slogan or "",
            "subtitle": m.subtitle or "",
            "subtitle_position": m.subtitle_position,
            "cover_title": balance_title(m.title, self.width / self.styles[
                "cover_title"].pt),
            "division": m.division or "",
            "org_division": f"{m.org} ({m.division})" if m.division else m.org,
        }

    def cover(self, fields: dict[str, str]) -> tuple[Node, ...]:
        """Cover: slogan on top, title at ``cover.title_y_pct``, date/org/audience from
        ``cover.info_y_pct`` — moved up as needed so that a long title still fits one page."""
        t = self.theme
        height = text_height_pt(t)

        def make(role: Role, text: str, before: float) -> Para:
            return Para(role=role, runs=(Run(text=text),), align="center", space_before_pt=before)

        def tall(p: Para) -> float:
            return para_height(attrs.evolve(p, space_before_pt=0.0), t, self.width)

        top = [make("cover_audience", fields["slogan"], 0.0)] if fields["slogan"] else []
        # the title block: the subtitle right above (or below) the title, never stranded
        block = [make("cover_title", fields["cover_title"], 0.0)]
        if fields["subtitle"]:
            sub = make("cover_audience", fields["subtitle"], 0.0)
            if fields["subtitle_position"] == "above":
                block = [sub, attrs.evolve(block[0], space_before_pt=8.0)]
            else:
                block.append(attrs.evolve(sub, space_before_pt=8.0))
        info: list[Para | PictureBox] = [make("cover_date", fields["date"], 0.0)]
        logo = self.report.cover.logo
        if logo is not None:
            info.append(attrs.evolve(
                self.figures.picture(logo, width_mm=t.figures.logo_width_mm),
                space_before_pt=24.0, align="center"))
        info.append(make("cover_org", fields["org_division"], 12.0 if logo is not None
                         else 24.0))
        if fields["audience"]:
            info.append(make("cover_audience", fields["audience"], 12.0))
        used_top = sum(tall(p) for p in top)
        title_h = sum(tall(p) + (p.space_before_pt or 0.0) for p in block)
        info_h = sum((tall(p) if isinstance(p, Para) else p.height_pt)
                     + (p.space_before_pt or 0.0) for p in info)
        y_title = max(height * t.cover.title_y_pct / 100 - used_top, 12.0 if top else 0.0)
        slack = height - 6.0 - (used_top + y_title + title_h + info_h)
        if slack < 24.0:  # a long title: pull the title up, keep at least 24 pt before the date
            y_title = max(y_title + slack - 24.0, 12.0 if top else 0.0)
        title_end = used_top + y_title + title_h
        y_info = height * t.cover.info_y_pct / 100
        y_info = min(max(y_info, title_end + 24.0), height - 6.0 - info_h)
        info[0] = attrs.evolve(info[0], space_before_pt=max(y_info - title_end, 12.0))
        block[0] = attrs.evolve(block[0], space_before_pt=y_title)
        return (*top, *block, *info)

    def title_box(self, fields: dict[str, str], *, byline: bool = True) -> None:
        """The title box (§5.10) with the subtitle inside it, then the by-line."""
        t, tb = self.theme, self.theme.title_box
        line = Border(width_mm=tb.border_mm, color=t.color(tb.border_color) or "#000000")
        pt = self.styles["title_box"].pt
        inner = self.width - 2 * mm_to_pt(tb.padding_lr_mm)
        paras = [Para(role="title_box", runs=(Run(text=balance_title(fields["title"],
                                                                     inner / pt)),),
                      align="center")]
        subtitle = self.report.meta.subtitle
        if subtitle:
            sub = Para(role="title_box", runs=(Run(text=subtitle, size_pt=round(pt * 0.65),
                                                   bold=False),), align="center")
            paras.insert(0 if self.report.meta.subtitle_position == "above" else 1, sub)
        cell = CellBox(row=0, col=0, paras=tuple(paras), borders=Borders(top=line, bottom=line))
        self.box(TableBox(kind="title_box", n_rows=1, n_cols=1, col_widths_pt=(self.width,),
                          cells=(cell,), row_heights_pt=(mm_to_pt(tb.min_height_mm),),
                          cell_margin_mm=(tb.padding_lr_mm, tb.padding_lr_mm,
                                          tb.padding_tb_mm, tb.padding_tb_mm)),
                 kind="title_box")
        if byline:
            self.para("byline", [Run(text=f"{fields['date']}  {fields['org_division']}")],
                      align="right")

    def lead_box(self) -> None:
        """The report's lead statement (추진 목적) before Ⅰ: boxed by default, marked lines."""
        lead = self.report.lead
        assert lead is not None
        t, sb = self.theme, self.theme.summary_box
        paras: list[Para] = []
        if lead.label:
            paras.append(Para(role="summary", runs=(Run(text=lead.label, bold=True),)))
        pt = self.styles["summary"].pt
        hang = (text_em(lead.symbol) + 0.5) * pt if lead.symbol else 0.0
        for text in lead.text.split("\n"):
            paras.append(Para(role="summary", runs=(Run(text=text),), symbol=lead.symbol,
                              indent=Indent(left_pt=hang, hanging_pt=hang)))
        if not lead.boxed:
            for p in paras:
                self.out.append(attrs.evolve(p, space_before_pt=self.gap("summary")))
                self.prev = "summary"
            return
        line = Border(width_mm=sb.border_mm)
        cell = CellBox(row=0, col=0, fill=t.color(sb.fill), paras=tuple(paras),
                       borders=Borders(top=line, bottom=line, left=line, right=line))
        m = sb.cell_margin_mm
        self.box(TableBox(kind="lead", n_rows=1, n_cols=1, col_widths_pt=(self.width,),
                          cells=(cell,), space_before_pt=self.gap("box") + 6.0,
                          row_heights_pt=(mm_to_pt(sb.min_height_mm),),
                          cell_margin_mm=(m * 6, m * 6, m * 4, m * 4)))
        self.prev = "summary"

    # ------------------------------------------------------------------ parts and sections
    def _part_numbers(self) -> list[int]:
        out: list[int] = []
        n = 0
        for p in self.report.parts:
            n = p.number if p.number is not None else n + 1
            out.append(n)
        return out

    def part_label(self, number: int) -> str:
        """``Ⅰ.`` / ``Ⅰ`` (roman numerals from the theme) or ``1`` (chapters)."""
        t, style = self.theme, self.report.numbering.parts
        if style == "chapter":
            return str(number)
        seq = t.numbering.part
        numeral = seq[number - 1] if number <= len(seq) else roman(number)
        return numeral + (t.numbering.part_suffix if style == "roman_period" else "")

    def part(self, index: int, part: Part, toc: list[TocEntry], number: int) -> None:
        t = self.theme
        label = self.part_label(number)
        mark = f"part_{index + 1}"
        onepage = self.short
        chapter = self.report.numbering.parts == "chapter"
        head = None
        if part.title and index > 0 and t.part_heading.page_break_before and not onepage \
                and not chapter:
            self.page_break()
        if part.title:  # a body without parts (a 결과보고, a press release) has no heading
            toc.append(TocEntry(level=1, label=f"{label}." if chapter else label, text=part.title,
                                bookmark=mark))
            if chapter:  # a number chip "1 추진 배경" (§5.4), the chapters follow each other
                self.chip(label, part.title, None, task=False, mark=mark, outline=1)
                head = None
            elif t.part_heading.style == "band" and not onepage:
                self.part_band(f"{label} {part.title}", mark)
                head = None
            else:
                head = self.para("part_heading", [Run(text=f"{label} {part.title}")],
                                 bookmark=mark, outline=1)
        if onepage and head is not None:  # parts follow on the same page: space, no break
            after_title = index == 0
            gap = t.spacing.after_title_block if after_title else t.spacing.part_heading
            self.out[-1] = attrs.evolve(head, space_before_pt=gap)
        self.blocks(part.intro, parent_level=0)
        tasks = [s for s in part.sections if s.kind == "task"]
        if part.overview and tasks:
            self.overview([s.title for s in tasks])
        numbers = self._section_numbers(part)
        style = self.section_style(part)
        # a part whose only section is a task: its title stands on the task's first page
        # (a page holding just "Ⅱ. 주요 성과" would look empty)
        alone = len(part.sections) == 1 and len(tasks) == 1 and not part.intro
        for j, (section, snum) in enumerate(zip(part.sections, numbers, strict=True)):
            smark = f"sec_{index + 1}_{j + 1}"
            if self.report.toc.include_sections and t.toc.show_tasks:
                toc.append(TocEntry(level=2, label=self.section_label(style, snum, toc=True),
                                    text=section.title, bookmark=smark))
            self.section(section, snum, smark, style, page_break=not alone)

    def section_style(self, part: Part) -> SectionStyle:
        style = part.sections_numbering or self.report.numbering.sections
        if style is None:
            return "arabic" if self.report.numbering.parts == "chapter" else "chip"
        return style

    @staticmethod
    def section_label(style: SectionStyle, number: int, *, toc: bool = False) -> str:
        """The section number as the body prints it (a chip's ``1`` is ``1.`` in the 목차)."""
        if style == "circled":
            return circled(number)
        if style == "none":
            return ""
        if style == "chip" and not toc:
            return str(number)
        return f"{number}."

    def part_band(self, text: str, mark: str) -> None:
        """The "band" part heading: a 1×4 table, title cell + three colour stripes (§5.3)."""
        t = self.theme
        stripe = mm_to_pt(4)
        accent = t.color("accent") or "#000080"
        fills = (accent, _tint(accent, 0.45), _tint(accent, 0.75))
        cells = [CellBox(row=0, col=0, fill=fills[0], paras=(
            Para(role="part_heading", runs=(Run(text=text, color="#FFFFFF"),),
                 bookmark=mark, outline=1),))]
        cells += [CellBox(row=0, col=i + 1, fill=f, paras=(Para(role="part_heading"),))
                  for i, f in enumerate(fills)]
        self.box(TableBox(kind="part_band", n_rows=1, n_cols=4,
                          col_widths_pt=(self.width - 3 * stripe, stripe, stripe, stripe),
                          cells=tuple(cells), row_heights_pt=(mm_to_pt(23.5),),
                          keep_next=True, cell_margin_mm=(4.0, 0.0, 0.5, 0.5)),
                 kind="part_heading")

    @staticmethod
    def _section_numbers(part: Part) -> list[int]:
        out: list[int] = []
        n = 0
        for s in part.sections:
            n = s.number if s.number is not None else n + 1
            out.append(n)
        return out

    def overview(self, titles: list[str]) -> None:
        t = self.theme
        paras = tuple(
            Para(role="overview", symbol=self._enum_symbol("overview", i),
                 runs=(Run(text=title),), indent=_ind(self.indent("overview")),
                 space_before_pt=0 if i == 0 else None)
            for i, title in enumerate(titles)
        )
        w = Border(width_mm=t.lines.thick_mm if t.overview.border == "thick" else t.lines.thin_mm)
        pad = t.overview.padding_mm
        cell = CellBox(row=0, col=0, paras=paras, borders=Borders(top=w, bottom=w, left=w, right=w))
        self.box(TableBox(kind="overview", n_rows=1, n_cols=1, col_widths_pt=(self.width,),
                          cells=(cell,), space_before_pt=self.gap("box"),
                          cell_margin_mm=(pad, pad, pad * 0.6, pad * 0.6)))

    def _enum_symbol(self, role: Role, index: int) -> str:
        if index < len(self.theme.numbering.enum):
            return self.theme.symbol(role, index)
        return circled(index + 1)

    def section(self, section: Section, number: int, mark: str,
                style: SectionStyle = "chip", *, page_break: bool = True) -> None:
        """A section; ``page_break=False``: a task does not start a page of its own by the
        theme (``section.new_page`` still does)."""
        t = self.theme
        task = section.kind == "task"
        new_page = section.new_page if section.new_page is not None else (
            task and t.chip.task_page_break and not self.short and page_break)
        if new_page:
            self.page_break()
        caption = self.fmt.caption(section.unit, section.basis)
        if style == "chip":
            self.chip(str(number), section.title, caption, task=task, mark=mark,
                      note=section.note)
        else:
            self.section_heading(self.section_label(style, number), section, caption, mark)
        if section.summary:
            self.summary(section.summary)
        self.section_caption = (section.unit, section.basis)
        self.blocks(section.blocks, parent_level=0)
        self.section_caption = (None, None)

    section_caption: tuple[str | None, object] = (None, None)

    def section_heading(self, label: str, section: Section, caption: str | None,
                        mark: str) -> None:
        """A numbered heading line ``1. 제목`` / ``① 제목`` / ``제목`` (no chip)."""
        text = f"{label} {section.title}" if label else section.title
        runs = [Run(text=text)]
        if section.note:
            runs += self.note_runs(section.note)
        tab = None
        if caption:
            cap = self.styles["unit_caption"]
            runs += [Run(text="\t"), Run(text=caption, font=cap.font, size_pt=cap.pt, bold=False)]
            tab = self.width - 1
        self.para("chip_title", runs, bookmark=mark, outline=2, tab_right_pt=tab,
                  gap_role="chip")
        self.prev = "chip"

    def note_runs(self, note: str) -> list[Run]:
        """An inline ``※`` remark in the note font, on the same line."""
        style = self.styles["note"]
        return [Run(text=f"  {self.theme.symbol('note')} {note}", font=style.font,
                    size_pt=style.pt, bold=False)]

    def chip(self, number: str, title: str, caption: str | None, *, task: bool,
             mark: str, outline: int = 2, note: str | None = None) -> None:
        t, c = self.theme, self.theme.chip
        num_role: Role = "task_number" if task else "chip_number"
        title_role: Role = "task_title" if task else "chip_title"
        num_w = mm_to_pt(c.number_cell_mm)
        title_w = self.width - num_w
        text = (" " if c.title_lead_space else "") + title
        room = title_w - 2 * mm_to_pt(c.cell_margin_lr_mm) - 2
        cap = self.styles["unit_caption"]
        if caption:  # the caption shares the line: the title fits in what it leaves
            room -= text_em(caption) * cap.pt + self.styles[title_role].pt
        spacing, size = fit_headline(text, self.styles[title_role].pt, room,
                                     max(t.fitting.letter_spacing_min_pct, -5.0))
        runs = [Run(text=text, size_pt=size)]
        if note:
            runs += self.note_runs(note)
        tab = None
        if caption:
            runs += [Run(text="\t"), Run(text=caption, font=cap.font, size_pt=cap.pt, bold=False)]
            tab = title_w - 2 * mm_to_pt(c.cell_margin_lr_mm) - 1
        rule = Border(width_mm=c.title_rule_mm, color=t.color(c.title_rule_color) or "#000000")
        cells = (
            CellBox(row=0, col=0, fill=t.color(c.fill), paras=(
                Para(role=num_role, runs=(Run(text=number),), align="center"),)),
            CellBox(row=0, col=1, borders=Borders(bottom=rule if c.title_rule_mm else NO_LINE),
                    paras=(Para(role=title_role, runs=tuple(runs), align="left",
                                tab_right_pt=tab, bookmark=mark, outline=outline,
                                letter_spacing_pct=spacing),)),
        )
        height = mm_to_pt(c.task_height_mm if task else c.height_mm)
        self.box(TableBox(kind="task" if task else "chip", n_rows=1, n_cols=2,
                          col_widths_pt=(num_w, title_w), cells=cells,
                          space_before_pt=self.gap("chip"), row_heights_pt=(height,),
                          keep_next=True,
                          cell_margin_mm=(c.cell_margin_lr_mm, c.cell_margin_lr_mm,
                                          c.cell_margin_tb_mm, c.cell_margin_tb_mm)),
                 kind="chip")

    def summary(self, text: str) -> None:
        t, sb = self.theme, self.theme.summary_box
        line = Border(width_mm=sb.border_mm)
        m = sb.cell_margin_mm
        spacing, width = self.box_fit("summary", text,
                                      self.width - mm_to_pt(2 * m + sb.indent_mm))
        cell = CellBox(row=0, col=0, fill=t.color(sb.fill), paras=(
            Para(role="summary", runs=(Run(text=text),),
                 indent=Indent(left_pt=mm_to_pt(sb.indent_mm), hanging_pt=0),
                 letter_spacing_pct=spacing, width_pct=width),),
            borders=Borders(top=line, bottom=line, left=line, right=line))
        self.box(TableBox(kind="summary", n_rows=1, n_cols=1, col_widths_pt=(self.width,),
                          cells=(cell,), space_before_pt=self.gap("box"),
                          row_heights_pt=(mm_to_pt(sb.min_height_mm),),
                          cell_margin_mm=(m, m, m * 4, m * 4)))
        self.prev = "summary"

    # ------------------------------------------------------------------ appendices
    def _numbered_appendices(self) -> list[tuple[int, Appendix]]:
        counts: dict[str, int] = {}
        out = []
        for app in self.report.appendices:
            n = app.number if app.number is not None else counts.get(app.label, 0) + 1
            counts[app.label] = n
            out.append((n, app))
        return out

    def appendix(self, number: int, app: Appendix, mark: str) -> None:
        t, a = self.theme, self.theme.appendix
        if a.page_break_before:
            self.page_break()
        label_w = mm_to_pt(22)
        gap_w = self.width * a.gap_pct / 100
        line = Border(width_mm=a.border_mm)
        cells = (
            CellBox(row=0, col=0, fill=t.color(a.label_fill), paras=(
                Para(role="appendix_label", runs=(Run(text=f"{app.label} {number}"),),
                     align="center"),)),
            CellBox(row=0, col=1, paras=(Para(role="appendix_title"),)),
            CellBox(row=0, col=2, borders=Borders(top=line, bottom=line, left=line, right=line),
                    paras=(Para(role="appendix_title", runs=(Run(text=app.title),),
                                bookmark=mark, outline=1),)),
        )
        self.box(TableBox(kind="appendix_tab", n_rows=1, n_cols=3,
                          col_widths_pt=(label_w, gap_w, self.width - label_w - gap_w),
                          cells=cells, row_heights_pt=(mm_to_pt(10),), keep_next=True),
                 kind="chip")
        self.blocks(app.blocks, parent_level=0)

    # ------------------------------------------------------------------ blocks
    def blocks(self, blocks: Sequence[Block], *, parent_level: int,
               parent_role: str | None = None, parent_indent: ThemeIndent | None = None,
               in_event: int = 0) -> None:
        enum_index = 0
        for b in blocks:
            match b:  # every block type: a new one fails mypy here, not silently
                case Item():
                    self.item(b, parent_level, parent_role, parent_indent, in_event)
                case EnumItem():
                    self.enum(b, enum_index, parent_level, parent_role, parent_indent)
                    enum_index += 1
                case Event():
                    self.event(b, parent_level)
                case WhenWhere():
                    self.when_where(b, parent_indent)
                case CategoryTag():
                    self.category(b, parent_level)
                case Note():
                    self.note(b, parent_indent)
                case Footnote():
                    ind = self.child_indent("footnote", cast(Role, parent_role), parent_indent)
                    self.para("footnote", [Run(text=b.text)], symbol=b.mark, indent=_ind(ind))
                case LeadLine():
                    self.para("lead", [Run(text=b.text)], indent=_ind(self.indent("lead")))
                case SubCaption():
                    self.para("subcaption", [Run(text=b.text)],
                              symbol=self.theme.symbol("subcaption"),
                              indent=_ind(self.indent("subcaption")))
                case Paragraph():
                    self.para("paragraph", [Run(text=b.text)], align=b.align)
                case Table() | StaffingTable() | BudgetTable():
                    self.table(b)
                case OrgChart() | VisionDiagram() | Comparison():
                    self.diagram(b)
                case Figure():
                    self.figure(b)
                case Chart():
                    self.chart(b)
                case _:
                    assert_never(b)

    def _text_runs(self, item: Item) -> list[Run]:
        runs: list[Run] = []
        bold = True if item.bold else None
        if item.label:
            runs.append(Run(text=f"({item.label}) ", bold=bold))
        body = item.text
        if item.key is not None:
            value = body
            if item.schedule is not None:
                sched = self.fmt.schedule(item.schedule)
                value = f"{value} {sched}".strip() if value else sched
            body = f"{item.key}{self.theme.event.key_sep}{value}"
        elif item.schedule is not None:
            body = f"{body} {self.fmt.schedule(item.schedule)}".strip()
        if item.key is not None and item.key_count is not None:  # 정례회의 (3회) : '24. 1~2월
            sep = self.theme.event.key_sep
            head, _, rest = body.partition(sep)
            body = f"{head} ({self.fmt.count(item.key_count)}){sep}{rest}"
        runs.append(Run(text=body + self.fmt.item_tail(item) + self.annotation_tail(item),
                        bold=bold))
        if item.note:
            runs += self.note_runs(item.note)
        return runs

    def annotation_tail(self, item: Item) -> str:
        """``('24. 1. 1. 기준)`` and ``(시장방침 제123호, '22.3.4.)`` after the text."""
        tail = ""
        if item.as_of is not None:
            tail += f" ({self.fmt.as_of(item.as_of)} 기준)"
        if item.cite is not None:
            c = item.cite
            date = f", {self.fmt.cited_date(c.date, c.date_style)}" if c.date else ""
            tail += f" ({c.source}{date})"
        return tail

    def item(self, item: Item, parent_level: int, parent_role: str | None,
             parent_indent: ThemeIndent | None, in_event: int) -> None:
        t = self.theme
        level = item.level if item.level is not None else parent_level + 1
        role: Role
        if in_event == 1:
            role = "event_field"
        elif in_event >= 2:
            role = "event_sub"
        else:
            role = LEVEL_ROLES[min(level, 4) - 1]
        if level > 4 and parent_indent is not None and not in_event:
            ind = self.indent(role, parent_indent.sym_x_pt)
        else:
            ind = self.child_indent(role, cast(Role, parent_role), parent_indent)
        symbol = item.symbol if item.symbol is not None else t.symbol(role)
        para_indent = _ind(ind)
        if item.label and t.layout.label_wrap == "label":  # wrapped lines start after "(label) "
            extra = text_em(f"({item.label}) ") * self.styles[role].pt
            para_indent = Indent(left_pt=para_indent.left_pt + extra,
                                 hanging_pt=para_indent.hanging_pt + extra)
        self.para(role, self._text_runs(item), symbol=symbol or None, indent=para_indent)
        self.blocks(item.children, parent_level=level, parent_role=role, parent_indent=ind,
                    in_event=in_event + 1 if in_event else 0)

    def enum(self, e: EnumItem, index: int, parent_level: int, parent_role: str | None,
             parent_indent: ThemeIndent | None) -> None:
        ind = self.child_indent("enum", cast(Role, parent_role), parent_indent)
        tail = f" ({self.fmt.annotation_date(e.date)})" if e.date is not None else ""
        self.para("enum", [Run(text=e.text + tail)], symbol=self._enum_symbol("enum", index),
                  indent=_ind(ind))
        self.blocks(e.children, parent_level=parent_level, parent_role="enum",
                    parent_indent=ind)

    def event(self, ev: Event, parent_level: int) -> None:
        t = self.theme
        ind = self.indent("event_title")
        tail = f" ({self.fmt.heading_period(ev.period)})" if ev.period is not None else ""
        self.para("event_title", [Run(text=ev.title + tail)], symbol=t.symbol("event_title"),
                  indent=_ind(ind))
        self.blocks(ev.children, parent_level=parent_level + 1, parent_role="event_title",
                    parent_indent=ind, in_event=1)

    def when_where(self, w: WhenWhere, parent_indent: ThemeIndent | None) -> None:
        t = self.theme
        ind = self.child_indent("event_field", "event_title", parent_indent)
        text = f"{w.key}{t.event.key_sep}{self.fmt.when_where(w)}"
        self.para("event_field", [Run(text=text)], symbol=t.symbol("event_field"),
                  indent=_ind(ind))

    def category(self, c: CategoryTag, parent_level: int) -> None:
        t, ct = self.theme, self.theme.category
        if ct.style == "inline":
            self.para("paragraph", [Run(text=f"[{c.label}] ", bold=True), Run(text=c.text)],
                      indent=_ind(self.indent(ct.slot)))
        else:
            x = self.indent(ct.slot).sym_x_pt
            label_w = mm_to_pt(ct.label_width_mm)
            text_w = self.width - x - label_w
            spacing, width = self.box_fit(ct.text_role, c.text,
                                          text_w - mm_to_pt(sum(_CATEGORY_MARGIN_MM[:2])))
            cells = (
                CellBox(row=0, col=0, fill=t.color(ct.fill), paras=(
                    Para(role="category", runs=(Run(text=c.label),), align="center"),)),
                CellBox(row=0, col=1, paras=(
                    Para(role=ct.text_role, runs=(Run(text=c.text),), align="left",
                         letter_spacing_pct=spacing, width_pct=width),)),
            )
            self.box(TableBox(kind="category", n_rows=1, n_cols=2,
                              col_widths_pt=(label_w, text_w), cells=cells,
                              indent_pt=x, space_before_pt=self.gap("box"), keep_next=True,
                              cell_margin_mm=_CATEGORY_MARGIN_MM))
        self.blocks(c.children, parent_level=parent_level)

    def note(self, n: Note, parent_indent: ThemeIndent | None) -> None:
        t = self.theme
        if n.scope == "table":
            self.para("note_table", [Run(text=n.text)], symbol=t.symbol("note_table"),
                      indent=_ind(self.indent("note_table")))
            return
        ind = (self.indent("note", parent_indent.sym_x_pt) if parent_indent is not None
               else self.indent("note"))
        self.para("note", [Run(text=n.text)], symbol=t.symbol("note"), indent=_ind(ind))

    def table(self, table: Table | StaffingTable | BudgetTable) -> None:
        t = self.theme
        generic = as_generic(table, t.table.totals_first)
        unit, basis = self.section_caption
        if generic.title:  # < 제목 > centred, then the unit caption right above the table
            self.para("subcaption", [Run(text=f"< {generic.title} >", bold=True)],
                      align="center", gap_role="subcaption")
        shown = generic.unit in (None, unit) and generic.basis in (None, basis)
        if not shown:
            caption = self.fmt.caption(generic.unit, generic.basis)
            if caption:
                self.para("unit_caption", [Run(text=caption)], align="right",
                          gap_role="table_note" if generic.title else None)
        box = self.tables.build(self.tables.resolve(generic), self.gap("table"))
        self.box(box, kind="table")
        for note in generic.notes:
            self.para("note_table", [Run(text=note)], symbol=t.symbol("note_table"),
                      indent=_ind(self.indent("note_table")))

    # ------------------------------------------------------------------ figures and charts
    def caption(self, text: str) -> None:
        """``< 그림 제목 >`` centred in the table-title style."""
        self.para("subcaption", [Run(text=f"< {text} >", bold=True)], align="center",
                  gap_role="subcaption")

    def _caption_above(self, position: str | None) -> bool:
        return (position or self.theme.figures.caption_position) == "above"

    def figure(self, fig: Figure) -> None:
        above = self._caption_above(fig.caption_position)
        if fig.caption and above:
            self.caption(fig.caption)
        box = self.figures.picture(fig)
        box = attrs.evolve(box, space_before_pt=self.gap("table"),
                           keep_next=bool(fig.caption) and not above)
        self.box(box, kind="table")
        if fig.caption and not above:
            self.caption(fig.caption)

    def chart(self, chart: Chart) -> None:
        t = self.theme
        above = self._caption_above(chart.caption_position)
        if chart.title and above:
            self.caption(chart.title)
        box = self.figures.chart(chart)
        units = ", ".join(u for u in (box.unit, box.secondary_unit) if u)
        caption = self.fmt.caption(units or None, None)
        if caption:
            self.para("unit_caption", [Run(text=caption)], align="right",
                      gap_role="table_note" if chart.title and above else None)
        self.box(attrs.evolve(box, space_before_pt=self.gap("table"),
                              keep_next=bool(chart.title) and not above),
                 kind="table")
        if chart.title and not above:
            self.caption(chart.title)
        for note in chart.notes:
            self.para("note_table", [Run(text=note)], symbol=t.symbol("note_table"),
                      indent=_ind(self.indent("note_table")))

    def diagram(self, d: OrgChart | VisionDiagram | Comparison) -> None:
        """조직도, 비전 체계도, 비교 상자: a ``< 제목 >`` line, then the box tables."""
        if d.title:
            self.para("subcaption", [Run(text=f"< {d.title} >", bold=True)],
                      align="center", gap_role="subcaption")
        if isinstance(d, OrgChart) and d.basis is not None:
            caption = self.fmt.caption(None, d.basis)
            if caption:
                self.para("unit_caption", [Run(text=caption)], align="right")
        gap = self.gap("table")
        match d:
            case OrgChart():
                boxes = self.diagrams.org_chart(d, gap)
            case VisionDiagram():
                boxes = self.diagrams.vision(d, gap)
            case Comparison():
                boxes = [self.diagrams.comparison(d, gap)]
            case _:
                assert_never(d)
        for b in boxes:
            self.box(b, kind="table")


def fit_headline(text: str, pt: float, width_pt: float,
                 spacing_min_pct: float = -5.0) -> tuple[float | None, float | None]:
    """(자간 %, size pt) that keep a headline on one line of ``width_pt``: 자간 first, down
    to ``spacing_min_pct`` (titles in HY헤드라인M commonly use −3…−5 %, FORMAT.md §3.3),
    then a smaller size (:func:`fit_size`) at that 자간; ``None`` where nothing changes.
    A 3 % margin covers the difference between the estimate and the real fonts."""
    width_pt *= 0.97
    em, chars = text_em(text), len(text)
    if em * pt <= width_pt:
        return None, None
    for step in range(1, int(-spacing_min_pct) + 1):
        if (em - chars * step / 100) * pt <= width_pt:
            return -float(step), None
    spacing = float(int(spacing_min_pct))
    size = fit_size(text, pt, width_pt * em / max(em + chars * spacing / 100, 0.1))
    return (spacing or None), size


def fit_size(text: str, pt: float, width_pt: float, floor: float = 0.85) -> float | None:
    """A smaller size (in 0.5 pt steps, down to ``floor × pt``) when ``text`` would wrap at
    ``pt`` in ``width_pt``; ``None`` when it fits (Hancom users shrink titles rather than wrap).
    """
    need = text_em(text) * pt
    if need <= width_pt:
        return None
    size = max(width_pt / text_em(text), pt * floor)
    return math.floor(size * 2) / 2


_tint = tint


def report_fields(report: Report, theme: Theme | None = None,
                  locale: str = "ko_KR") -> dict[str, str]:
    """The formatted template fields (title, date, org …) without laying out the body."""
    return _Builder(report, theme or Theme.seoul(), locale).fields()


def layout(report: Report, theme: Theme | None = None, locale: str = "ko_KR") -> LaidDocument:
    """Lay out a report with a theme (default: the Seoul profile).

    The model objects the layout makes on the way (a staffing or budget table as a generic
    table, computed rows) come from the checked report: they skip the type checks of
    objects built by hand (:func:`govreport.model.checked.trusted`)."""
    with trusted():
        return _Builder(report, theme or Theme.seoul(), locale).build()
