"""Source nodes → a typed :class:`~govreport.model.Report`.

The recognizer works the way a reader of a Hancom report does: cover lines before the body,
목차 (skipped — it is derived — but its entries confirm the parts found), parts ``Ⅰ.`` as
paragraphs or boxes, section chips (``1 | 추진개요`` tables or numbered headings), summary and
overview boxes, appendix tabs, and the symbol ladder.  Levels come from how the document's
own symbols nest (:class:`_Ladder`), never from indentation; indentation only decides where a
``※``/``*`` line belongs when the file has it.  Every place where the text could not be typed
is written to the :class:`~govreport.readers.log.ReadLog`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

import attrs

from ..layout.text import TextFormatter
from ..model import (
    Appendix,
    Block,
    BudgetLine,
    BudgetTable,
    BudgetTotal,
    CategoryTag,
    Cell,
    Chart,
    ChartSeries,
    Citation,
    Cover,
    EnumItem,
    Event,
    Figure,
    Footnote,
    Item,
    LeadLine,
    Meta,
    Note,
    Paragraph,
    Part,
    Period,
    Report,
    Row,
    Section,
    StaffGroup,
    StaffingTable,
    StaffRow,
    SubCaption,
    Table,
    Toc,
    WhenWhere,
)
from ..model.diagrams import Comparison, ComparisonColumn, Strategy, VisionDiagram
from ..model.document import Lead, Numbering, SectionStyle
from ..theme import Theme
from .computed import ComputedReader
from .inline import (
    ATTACHMENT_RE,
    CIRCLED,
    ValueReader,
    appendix_heading,
    circled_heading,
    part_heading,
    section_heading,
    split_symbol,
    strip_lead,
    toc_entry,
)
from .log import ReadLog
from .orgchart import OrgChartReader
from .source import SourceDocument, SourceNode, SourcePageBreak, SourcePara, SourceTable

LEVEL_CLASSES = ("box", "circle", "dash", "dot", "other")
TOTAL_LABELS = frozenset({"계", "합계", "총계", "소계", "합 계", "총 계"})
APPROVAL_WORDS = frozenset({"결재", "결 재", "담당", "협조", "전결", "기안", "검토"})
TOC_TITLES = frozenset({"목차", "목 차", "차례", "차 례", "목  차"})
ARROWS = frozenset({"⇨", "→", "⇒", "➡", "▶"})
"""The arrow cells between the columns of a comparison box."""
SUBTITLE_RE = re.compile(r"[-–―]\s*\S.*\S\s*[-–―]")
"""A cover subtitle as Korean reports write it: ``- 시민 생활체육 공간 확대를 위한 -``."""
LEAD_RE = re.compile(r"^([‣❖◈])[\s\u2007\u3000]+(\S.*)$", re.S)
"""A line of the lead box (추진 목적) before the first part."""
STATUS_RE = re.compile(r"(지속|완료|진행|추진\s*중|예정|검토\s*중|협의\s*중|현재|시행\s*중|"
                       r"운영\s*중|준비\s*중|계획|상시|수시|연중)$")
"""Trailing ``(…)`` words read as an item's status; other parentheses stay in the text."""


# ----------------------------------------------------------------------------- builders


@attrs.define
class _Node:
    """A block under construction (mutable until the tree is complete)."""

    cls: str
    kind: str
    data: dict[str, Any]
    indent: float | None = None
    text_indent: float | None = None
    children: list[_Node | Block] = attrs.field(factory=list)
    level: int = 0


def _para_texts(cell_paras: Sequence[SourcePara]) -> str:
    return "\n".join(p.text.strip() for p in cell_paras if p.text.strip())


class Recognizer:
    """Builds a Report from source nodes; one instance per document."""

    def __init__(self, doc: SourceDocument, log: ReadLog, theme: Theme | None = None,
                 locale: str = "ko_KR") -> None:
        self.doc = doc
        self.log = log
        self.theme = theme or Theme.seoul()
        self.fmt = TextFormatter(self.theme, locale)
        self.values = ValueReader(self.fmt)
        self.key_sep = self.theme.event.key_sep
        self.place_sep = self.theme.event.place_sep
        self.toc_entries: list[str] = []
        self.toc_appendix_heading: str | None = None
        self.chapters = False
        self.ranks: dict[str, int] = {}
        self.em = 2.0 if doc.format == "txt" else self.theme.resolve("paragraph").pt
        self.computed = ComputedReader(self.theme, self.fmt, self.log)
        self.orgcharts = OrgChartReader(self.theme)

    # ------------------------------------------------------------------ top level
    def run(self) -> Report:
        nodes = [n for n in self.doc.nodes
                 if not (isinstance(n, SourcePara) and self._is_noise(n))]
        start, toc_range = self._find_body(nodes)
        cover_nodes = [n for i, n in enumerate(nodes[:start])
                       if not (toc_range and toc_range[0] <= i < toc_range[1])]
        body = nodes[start:]
        meta, cover, layout, body = self._front(cover_nodes, body)
        toc = Toc(show=bool(toc_range) or layout != "booklet")
        if toc_range:
            self._read_toc(nodes[toc_range[0]:toc_range[1]])
        title_box, lead, body = self._opening_boxes(meta, body, layout)
        self.ranks = compute_ranks(self, body)
        parts, appendices = self._body(body)
        parts, numbering = _section_numbering(parts)
        if self.chapters:
            numbering = attrs.evolve(numbering, parts="chapter")
        if toc_range and self.toc_entries:
            self._confirm_toc(parts, appendices)
        if toc_range and layout == "booklet":
            include = any(re.match(r"^[\d\u2460-\u2473]", e) for e in self.toc_entries)
            toc = Toc(include_sections=include or not any(p.sections for p in parts),
                      appendix_heading=self.toc_appendix_heading)
        return Report(meta=meta, parts=tuple(parts), appendices=tuple(appendices),
                      cover=cover, toc=toc, numbering=numbering, title_box=title_box,
                      lead=lead,
                      layout="onepage" if layout == "onepage" else "booklet")

    def _opening_boxes(self, meta: Meta, body: list[SourceNode], layout: str
                       ) -> tuple[bool, Lead | None, list[SourceNode]]:
        """The title box (a one-cell box holding the report title, with its subtitle) and
        the lead box (``◈ …`` lines, an optional bold head) that open a booklet's body."""
        if layout != "booklet":
            return False, None, body
        rest = list(body)
        while rest and isinstance(rest[0], SourcePageBreak):
            rest.pop(0)
        title_box = False
        want = {re.sub(r"\s+", "", meta.title)}
        if meta.subtitle:
            want |= {re.sub(r"\s+", "", meta.subtitle + meta.title),
                     re.sub(r"\s+", "", meta.title + meta.subtitle)}
        first = rest[0] if rest else None
        if isinstance(first, SourceTable) and first.n_rows == first.n_cols == 1 and \
                re.sub(r"\s+", "", first.cells[0].text) in want:
            title_box = True
            self.log.derived += 1
            rest.pop(0)
        lead = None
        first = rest[0] if rest else None
        if isinstance(first, SourceTable) and first.n_rows == first.n_cols == 1:
            lead = self._lead([p for p in first.cells[0].paras if p.text.strip()])
            if lead is not None:
                self.log.typed += 1
                rest.pop(0)
        return title_box, lead, rest if (title_box or lead) else body

    @staticmethod
    def _lead(paras: list[SourcePara]) -> Lead | None:
        """A lead box's lines: each marked with one lead symbol (‣ ❖ ◈), after an optional
        bold head (``추진 목적``); anything else is not a lead box."""
        label = None
        if paras and paras[0].bold and not LEAD_RE.match(paras[0].text.strip()):
            label = paras[0].text.strip()
            paras = paras[1:]
        lines = [LEAD_RE.match(p.text.strip()) for p in paras]
        if not lines or any(m is None for m in lines):
            return None
        symbols = {m.group(1) for m in lines if m}
        if len(symbols) != 1:
            return None
        return Lead(text="\n".join(m.group(2).strip() for m in lines if m),
                    symbol=symbols.pop(), label=label)

    @staticmethod
    def _is_noise(p: SourcePara) -> bool:
        if p.object is not None:
            return False
        s = p.text.strip()
        return not s or re.fullmatch(r"-\s*\d+\s*-", s) is not None

    def _body_start(self, n: SourceNode) -> bool:
        if isinstance(n, SourcePara):
            if n.toc:
                return False
            t = n.text.strip()
            if part_heading(t) or split_symbol(n.text) or appendix_heading_strict(t):
                return toc_entry(t) is None
            return False
        if isinstance(n, SourceTable):
            kind = self.table_kind(n)
            return kind in ("part", "chip", "appendix")
        return False

    def _find_body(self, nodes: list[SourceNode]) -> tuple[int, tuple[int, int] | None]:
        toc_at = None
        for i, n in enumerate(nodes):
            if isinstance(n, SourcePara) and n.text.strip().replace("\u3000", " ") in TOC_TITLES:
                toc_at = i
                break
            if isinstance(n, SourceTable) and self.table_kind(n) == "toc":
                toc_at = i
                break
            if self._body_start(n):
                return i, None
        if toc_at is None:
            return len(nodes), None
        j = toc_at + 1
        while j < len(nodes):
            n = nodes[j]
            if isinstance(n, SourcePageBreak):
                j += 1
                break
            if isinstance(n, SourcePara) and (n.toc or toc_entry(n.text) is not None):
                j += 1
                continue
            after = nodes[j + 1] if j + 1 < len(nodes) else None
            if isinstance(n, SourcePara) and n.text.strip().startswith("※") and \
                    isinstance(after, SourcePara) and toc_entry(after.text) is not None:
                # ※ 붙임 문서 over the list of appendices
                j += 1
                continue
            if isinstance(n, SourceTable) and self.table_kind(n) == "toc":
                j += 1
                continue
            break
        return j, (toc_at, j)

    def _read_toc(self, nodes: list[SourceNode]) -> None:
        for n in nodes:
            texts: list[str] = []
            if isinstance(n, SourcePara):
                texts = [n.text]
            elif isinstance(n, SourceTable):
                texts = ["\t".join(c.text for c in n.row(r)) for r in range(n.n_rows)]
            for t in texts:
                listed = toc_entry(t)
                entry = (listed or t).strip()
                if listed is None and entry.startswith("※") and \
                        self.toc_appendix_heading is None:
                    self.toc_appendix_heading = entry  # appendices listed under it
                    self.log.derived += 1
                    continue
                if self.toc_appendix_heading is not None:
                    self.log.derived += 1  # an appendix line under the heading
                    continue
                if entry and entry.replace(" ", "") not in ("목차", "차례"):
                    self.toc_entries.append(entry)
                    self.log.derived += 1

    def _confirm_toc(self, parts: list[Part], apps: list[Appendix]) -> None:
        found = {re.sub(r"\s+", "", p.title) for p in parts} | {
            re.sub(r"\s+", "", a.title) for a in apps}
        for e in self.toc_entries:
            title = part_heading(e) or e
            m = re.match(r"^(?:\d+\.|[\u2460-\u2473]|참고\s*\d*|붙임\s*\d*)\s*(.*)$", title)
            if m and m.group(1):
                continue  # section/appendix lines: sections are checked by their parts
            if re.sub(r"\s+", "", title) not in found:
                self.log.fallback("목차", f"목차 lists {e!r} but no such part was found")

    # ------------------------------------------------------------------ cover / front
    def _front(self, cover: list[SourceNode], body: list[SourceNode]
               ) -> tuple[Meta, Cover, str, list[SourceNode]]:
        props = self.doc.properties
        layout = "booklet"
        lines: list[SourcePara] = []
        logo: Figure | None = None
        for n in cover:
            if isinstance(n, SourcePara):
                if n.object is None:
                    lines.append(n)
                elif n.picture is not None and logo is None:
                    pic = n.picture
                    logo = Figure(data=pic.data, alt=pic.alt, width_mm=pic.width_mm)
                    self.log.typed += 1
            elif isinstance(n, SourceTable):
                if self.table_kind(n) == "approval":
                    self.log.note(n.where, "approval (결재) header skipped: layout, not content")
                    self.log.derived += 1
                    continue
                lines.extend(p for c in n.cells for p in c.paras if p.text.strip())
        # a one-page brief: a title box then a by-line "2025. 7. 14.  부서"
        boxes = [n for n in cover if isinstance(n, SourceTable)
                 and self.table_kind(n) not in ("approval", "empty")]
        paras = [n for n in cover if isinstance(n, SourcePara) and n.object is None]
        if len(boxes) == 1 and len(paras) == 1 and cover.index(boxes[0]) < cover.index(paras[0]):
            by = self._byline(paras[0].text)
            if by is not None:
                title = _para_texts([p for c in boxes[0].cells for p in c.paras])
                meta = self._meta(title, by[0], by[1], props)
                self.log.typed += 2
                return meta, Cover(), "onepage", body
        title = ""
        date: Period | None = None
        org = ""
        subtitle: str | None = None
        subtitle_position: Literal["above", "below"] = "above"
        audience = None
        slogan = None
        date_at = next((i for i, p in enumerate(lines)
                        if self.values.cover(p.text.strip()) is not None), None)
        if date_at is not None:
            date = self.values.cover(lines[date_at].text.strip())
            before = [p.text.strip() for p in lines[:date_at]]
            after = [p.text.strip() for p in lines[date_at + 1:]]
            subs = [k for k, x in enumerate(before) if SUBTITLE_RE.fullmatch(x)]
            if subs and len(before) >= 2:  # "- 시민 생활체육 공간 확대를 위한 -"
                k = subs[-1]
                subtitle = before.pop(k)
                subtitle_position = "below" if k == len(before) else "above"
            if before:
                title = before[-1]
                if len(before) >= 2:
                    slogan = " ".join(before[:-1])
            if after:
                org = after[0]
            if len(after) >= 2:
                audience = " ".join(after[1:])
            self.log.typed += len(lines)
        elif lines:
            title = lines[0].text.strip()
            org = lines[-1].text.strip() if len(lines) > 1 else ""
            self.log.typed += len(lines)
            self.log.fallback(lines[0].where, "no cover date found; the report date is taken "
                              "from the file properties")
        if not lines and not title:
            layout = "booklet"
        meta = self._meta(title, date, org, props, audience=audience)
        m = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", meta.org)
        if m:  # "문화체육국 (체육진흥과)": the organisation and its division
            meta = attrs.evolve(meta, org=m.group(1), division=m.group(2).strip())
            creator = props.get("creator", "")
            if creator.endswith(" " + meta.org) and meta.parent_org is None:
                meta = attrs.evolve(meta, parent_org=creator[: -len(meta.org) - 1].strip())
        if subtitle:
            meta = attrs.evolve(meta, subtitle=subtitle, subtitle_position=subtitle_position)
        cover_obj = Cover(show=bool(lines), slogan=slogan, logo=logo)
        return meta, cover_obj, layout, body

    def _byline(self, text: str) -> tuple[Period, str] | None:
        s = text.strip()
        m = re.match(r"^(\d{4}\.\s*\d{1,2}\.(?:\s*\d{1,2}\.)?)\s+(.+)$", s)
        if not m:
            return None
        date = self.values.cover(m.group(1))
        return (date, m.group(2).strip()) if date is not None else None

    def _meta(self, title: str, date: Period | None, org: str, props: dict[str, str],
              audience: str | None = None) -> Meta:
        # a long title is broken into balanced lines on the cover: the breaks were spaces
        title = " ".join(x.strip() for x in title.split("\n") if x.strip())
        title = title or props.get("title", "") or "(제목 없음)"
        if date is None:
            raw = props.get("createddate") or props.get("created") or ""
            m = re.match(r"(\d{4})-(\d{2})", raw)
            date = Period.__new__(Period)
            from ..model import parse_period

            date = parse_period(f"{m.group(1)}-{m.group(2)}" if m else "2000")
            if not m:
                self.log.fallback("cover", "no report date in the document or its properties")
        parent = None
        creator = props.get("creator", "")
        if org and creator.endswith(" " + org):
            parent = creator[: -len(org) - 1].strip() or None
        elif org and " " in org and creator == org:
            pass
        if not org:
            org = creator or "(기관 없음)"
            self.log.fallback("cover", "no organisation line found on the cover")
        kind = props.get("subject") or "업무보고"
        author = props.get("author") or None
        desc = props.get("description", "")
        if author is None and desc.startswith("author: "):
            author = desc[len("author: "):].strip() or None
        if author == "govreport":
            author = None
        return Meta(title=title, org=org, date=date, parent_org=parent, audience=audience,
                    kind=kind, author=author)

    # ------------------------------------------------------------------ table kinds
    def table_kind(self, t: SourceTable) -> str:
        texts = [c.text.strip() for c in t.cells]
        filled = [x for x in texts if x]
        if not filled:
            return "empty"
        flat = " ".join(filled)
        if t.n_rows <= 3 and any(x.replace(" ", "") in {w.replace(" ", "") for w in
                                                      APPROVAL_WORDS} for x in filled):
            return "approval"
        if any(x.replace(" ", "").replace("\u3000", "") in {"목차", "차례"} for x in filled[:1]):
            return "toc"
        if t.n_rows == 1:
            if len(filled) == 1 and part_heading(filled[0]) and "\n" not in filled[0]:
                return "part"
            if 2 <= t.n_cols <= 3 and len(filled) >= 2:
                head = filled[0]
                if re.fullmatch(r"\d{1,2}\.?|[\ue000-\uf8ff]", head):
                    return "chip"
                if appendix_heading(head) and re.fullmatch(
                        r"[<\[【〈]?\s*(참고|붙임|별첨|첨부)\s*\d*\s*[>\]】〉]?", head):
                    return "appendix"
                if len(filled) == 2 and len(head) <= 12 and "\n" not in head:
                    return "category"
            if len(filled) == 1 and t.n_cols == 1:
                cell_paras = [p for c in t.cells for p in c.paras if p.text.strip()]
                if cell_paras and all(strip_lead(p.text)[:1] in CIRCLED for p in cell_paras):
                    return "overview"
                return "box"
            if t.n_cols == 2 and len(filled) == 1 and re.fullmatch(r"[\ue000-\uf8ff]\s*\S.*",
                                                                    filled[0]):
                return "chip"
        if t.n_rows == 1 and t.n_cols == 1:
            return "box"
        del flat
        return "data"

    # ------------------------------------------------------------------ body
    def _body(self, nodes: list[SourceNode]) -> tuple[list[Part], list[Appendix]]:
        parts: list[dict[str, Any]] = []
        apps: list[dict[str, Any]] = []
        cur: dict[str, Any] | None = None  # the open section/intro/appendix holder
        ladder: _Ladder | None = None
        prev_chip: dict[str, Any] | None = None

        def close() -> None:
            nonlocal ladder
            if ladder is not None and cur is not None:
                cur["blocks"].extend(ladder.finish())
            ladder = None

        def holder() -> dict[str, Any]:
            nonlocal cur, ladder
            if cur is None:
                if not parts:
                    parts.append({"title": "", "sections": [], "intro": [], "overview": False,
                                  "where": "start"})
                cur = {"blocks": parts[-1]["intro"]}
            if ladder is None:
                ladder = _Ladder(self)
            return cur

        i = 0
        while i < len(nodes):
            n = nodes[i]
            i += 1
            if isinstance(n, SourcePageBreak):
                continue
            if isinstance(n, SourceTable):
                photos = self._photo_table(n)
                if photos is not None:
                    holder()
                    assert ladder is not None
                    for para, caption in photos:
                        ladder.figure(para, caption=caption)
                    continue
                kind = self.table_kind(n)
                if kind == "part" or (kind == "box" and part_heading(n.cells[0].text.strip())):
                    close()
                    parts.append({"title": part_heading(n.cells[0].text.strip()),
                                  "sections": [], "intro": [], "overview": False,
                                  "where": n.where})
                    cur = {"blocks": parts[-1]["intro"]}
                    prev_chip = None
                    self.log.typed += 1
                    continue
                if kind == "part" or (n.n_rows == 1 and n.cells and
                                      part_heading(n.cells[0].text.strip()) and
                                      all(not c.text.strip() for c in n.cells[1:])):
                    close()
                    parts.append({"title": part_heading(n.cells[0].text.strip()),
                                  "sections": [], "intro": [], "overview": False,
                                  "where": n.where})
                    cur = {"blocks": parts[-1]["intro"]}
                    self.log.typed += 1
                    continue
                if kind == "chip":
                    close()
                    if not parts:
                        parts.append({"title": "", "sections": [], "intro": [],
                                      "overview": False, "where": n.where})
                    if apps and cur is apps[-1]:
                        parts.append({"title": "", "sections": [], "intro": [],
                                      "overview": False, "where": n.where})
                    sec = self._chip(n, _next_number(parts[-1]["sections"]))
                    parts[-1]["sections"].append(sec)
                    cur = sec
                    prev_chip = sec
                    self.log.typed += 1
                    continue
                if kind == "appendix":
                    close()
                    filled = [c.text.strip() for c in n.cells if c.text.strip()]
                    label = appendix_heading(filled[0])
                    apps.append({"label": label[0] if label else "참고",
                                 "title": " ".join(filled[1:]), "blocks": []})
                    cur = apps[-1]
                    prev_chip = None
                    self.log.typed += 1
                    continue
                if kind == "overview" and parts:
                    parts[-1]["overview"] = True
                    parts[-1]["overview_titles"] = [
                        strip_lead(p.text)[1:].strip(" \t\u2007\u3000")
                        for c in n.cells for p in c.paras if p.text.strip()]
                    self.log.derived += 1
                    continue
                if kind == "box" and prev_chip is not None and not prev_chip["blocks"] \
                        and "summary" not in prev_chip and (ladder is None or ladder.empty()):
                    prev_chip["summary"] = " ".join(
                        p.text.strip() for c in n.cells for p in c.paras if p.text.strip())
                    prev_chip["kind"] = "task"
                    self.log.typed += 1
                    continue
                if kind in ("approval", "empty", "toc"):
                    self.log.note(n.where, f"{kind} table skipped")
                    continue
                h = holder()
                assert ladder is not None
                vision = self._vision(nodes, i - 1)
                if vision is not None:
                    diagram, used = vision
                    ladder.table(diagram, n.where)
                    i += used - 1
                    self.log.typed += 1
                    continue
                org = self.orgcharts.read(nodes, i - 1)
                if org is not None:
                    chart, used = org
                    title = ladder.title
                    cap = ladder.caption
                    if cap is not None and cap[0] is None and cap[1] is not None:
                        ladder.take_caption()
                        chart = attrs.evolve(chart, basis=cap[1])
                    if title is not None:
                        chart = attrs.evolve(chart, title=ladder.take_title())
                    ladder.table(chart, n.where)
                    i += used - 1
                    self.log.typed += 1
                    continue
                if kind == "category":
                    ladder.category(n)
                    self.log.typed += 1
                    continue
                if kind == "box":
                    for p in (p for c in n.cells for p in c.paras if p.text.strip()):
                        ladder.para(p)
                    continue
                ladder.table(self._data_table(n, h, ladder), n.where)
                continue
            # paragraph
            t = n.text.strip()
            title = part_heading(t)
            if title and not split_symbol(n.text):
                close()
                parts.append({"title": title, "sections": [], "intro": [], "overview": False,
                              "where": n.where})
                cur = {"blocks": parts[-1]["intro"]}
                prev_chip = None
                self.log.typed += 1
                continue
            app = appendix_heading_strict(t)
            if app:
                close()
                apps.append({"label": app[0], "title": app[1], "blocks": []})
                cur = apps[-1]
                prev_chip = None
                self.log.typed += 1
                continue
            sec_head = section_heading(t) if not split_symbol(n.text) else None
            circled = circled_heading(t) if sec_head is None else None
            if circled and self._circled_section(circled, parts, ladder):
                close()
                if not parts or (apps and cur is apps[-1]):
                    parts.append({"title": "", "sections": [], "intro": [],
                                  "overview": False, "where": n.where})
                expected = _next_number(parts[-1]["sections"])
                sec = self._section(circled[0], circled[1], expected)
                sec["style"] = "circled"
                parts[-1]["sections"].append(sec)
                cur = sec
                prev_chip = sec
                self.log.typed += 1
                continue
            following = bool(sec_head and parts and parts[-1]["sections"] and
                             sec_head[0] in (0, _next_number(parts[-1]["sections"])))
            if sec_head and (ladder is None or ladder.empty() or n.bold or following):
                close()
                if not parts or (apps and cur is apps[-1]):
                    parts.append({"title": "", "sections": [], "intro": [],
                                  "overview": False, "where": n.where})
                expected = _next_number(parts[-1]["sections"])
                sec = self._section(sec_head[0] or expected, sec_head[1], expected)
                parts[-1]["sections"].append(sec)
                cur = sec
                prev_chip = sec
                self.log.typed += 1
                continue
            holder()
            assert ladder is not None
            ladder.para(n)
        close()
        return self._finish_parts(self._chapters(parts)), self._finish_apps(apps)

    def _chapters(self, parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Number chips with no Ⅰ part anywhere are chapters (``numbering.parts:
        "chapter"``) when nothing else fits: one untitled part made only of plain chip
        sections numbered 1, 2, … (and, with a 목차, listed there as ``1. 제목`` in order)."""
        if len(parts) != 1 or parts[0]["title"] or parts[0]["intro"]:
            return parts
        secs = parts[0]["sections"]
        plain = {"title", "blocks", "shown", "chip"}
        if not secs or any(not s.get("chip") or set(s) - plain or s["shown"] != i + 1
                           for i, s in enumerate(secs)):
            return parts
        if self.toc_entries:
            listed = [re.sub(r"\s+", "", e) for e in self.toc_entries]
            if listed != [re.sub(r"\s+", "", f"{i + 1}.{s['title']}")
                          for i, s in enumerate(secs)]:
                return parts
        self.chapters = True
        return [{"title": s["title"], "sections": [], "intro": s["blocks"], "overview": False,
                 "where": parts[0]["where"]} for s in secs]

    def _circled_section(self, head: tuple[int, str], parts: list[dict[str, Any]],
                         ladder: _Ladder | None) -> bool:
        """Whether a ``① 제목`` line is a section heading (``circled`` numbering) rather
        than an enum line: the 목차 lists it, or it continues circled sections, or it opens
        a part (nothing above it since the part heading)."""
        number, title = head
        if any(re.sub(r"\s+", "", e) == re.sub(r"\s+", "", f"{chr(0x2460 + number - 1)}{title}")
               for e in self.toc_entries):
            return True
        if not parts:
            return False
        secs = parts[-1]["sections"]
        if secs:
            return bool(secs[-1].get("style") == "circled" and number == _next_number(secs))
        return number == 1 and not parts[-1]["intro"] and (ladder is None or ladder.empty())

    def _finish_parts(self, parts: list[dict[str, Any]]) -> list[Part]:
        out = []
        for p in parts:
            title = p["title"]
            if not title:
                if not p["sections"] and not p["intro"]:
                    continue
                title = "본문"
                self.log.fallback(p["where"], "content before any part heading (Ⅰ.) is put "
                                  "in a part titled '본문'")
            sections = []
            for s in p["sections"]:
                sections.append(Section(
                    title=s["title"], kind=s.get("kind", "chip"), summary=s.get("summary"),
                    unit=s.get("unit"), basis=s.get("basis"), number=s.get("number"),
                    blocks=tuple(s["blocks"])))
            overview = p["overview"]
            if overview:
                want = [re.sub(r"\s+", "", x) for x in p.get("overview_titles", [])]
                got = [re.sub(r"\s+", "", s.title) for s in sections if s.kind == "task"]
                if want != got:
                    self.log.fallback(p["where"], "the overview box does not list the part's "
                                      "task titles; it is regenerated from them")
            circled = [s.get("style") == "circled" for s in p["sections"]]
            style: SectionStyle | None = None
            if circled and all(circled):
                style = "circled"
            elif any(circled):
                self.log.fallback(p["where"], "sections numbered both ① and 1: read as "
                                  "number chips")
            out.append(Part(title=title, overview=overview, intro=tuple(p["intro"]),
                            sections=tuple(sections), sections_numbering=style))
        return out

    def _finish_apps(self, apps: list[dict[str, Any]]) -> list[Appendix]:
        out = []
        for a in apps:
            out.append(Appendix(title=a["title"] or a["label"], label=a["label"],
                                blocks=tuple(a["blocks"])))
        return out

    # ------------------------------------------------------------------ sections
    def _section(self, number: int, title_text: str, position: int) -> dict[str, Any]:
        title, _, caption = title_text.partition("\t")
        sec: dict[str, Any] = {"title": title.strip(), "blocks": [], "shown": number}
        cap = caption.strip()
        if not cap:
            m = re.match(r"^(.*?)\s*(\((?:기준|단위)[^()]*\))$", title.strip())
            if m:
                sec["title"], cap = m.group(1).strip(), m.group(2)
        if cap:
            parsed = self.values.caption(cap)
            if parsed is None:
                self.log.fallback("section " + title.strip(), f"caption {cap!r} not understood"
                                  "; kept in the title")
                sec["title"] = title_text.replace("\t", " ").strip()
            else:
                sec["unit"], sec["basis"] = parsed
        if number != position:
            sec["number"] = number
        return sec

    def _chip(self, t: SourceTable, expected: int) -> dict[str, Any]:
        filled = [c for c in t.cells if c.text.strip()]
        head = filled[0].text.strip()
        if len(filled) == 1:  # a private-use glyph number and the title in one cell
            head, title = head[0], head[1:].strip()
        else:
            title = "\t".join(c.text.strip() for c in filled[1:])
        digits = head.rstrip(".")
        number = int(digits) if digits.isdigit() else expected
        sec = self._section(number, title, expected)
        sec["chip"] = True
        return sec

    # ------------------------------------------------------------------ data tables
    @staticmethod
    def _photo_table(t: SourceTable) -> list[tuple[SourcePara, str | None]] | None:
        """A table that only frames pictures (사진 표): each cell one picture, its caption in
        the same cell or in the cell right below; the pictures in reading order with their
        captions.  None when any cell holds anything else."""
        pics: dict[tuple[int, int], tuple[SourcePara, list[str], int]] = {}
        texts: dict[tuple[int, int], tuple[list[str], int]] = {}
        for c in t.cells:
            shown = [p for p in c.paras if p.picture is not None]
            lines = [p.text.strip() for p in c.paras if p.text.strip()]
            if len(shown) > 1 or any(p.object and p.picture is None for p in c.paras):
                return None
            if shown:
                pics[(c.row, c.col)] = (shown[0], lines, c.colspan)
            elif lines:
                texts[(c.row, c.col)] = (lines, c.colspan)
        if not pics:
            return None
        for (r, col), (lines, span) in sorted(texts.items()):
            above = pics.get((r - 1, col))
            if above is None or above[1] or above[2] != span:
                return None
            above[1].extend(lines)
        return [(para, " ".join(lines) or None) for _, (para, lines, _) in sorted(pics.items())]

    def _data_table(self, t: SourceTable, holder: dict[str, Any], ladder: _Ladder
                    ) -> Block:
        caption = ladder.take_caption()
        title = ladder.take_title()
        unit, basis = caption if caption else (None, None)
        grid_ok, header_rows = _header_rows(t)
        if not grid_ok:
            self.log.fallback(t.where, "the table grid is irregular; read row by row")
        staff = self._staffing(t, header_rows)
        if staff is not None:
            self.log.typed += 1
            return attrs.evolve(staff, title=title, **_unit_kw(unit, basis, "명"))
        budget = self._budget(t, header_rows)
        if budget is not None:
            self.log.typed += 1
            return attrs.evolve(budget, title=title, **_unit_kw(unit, basis, "천원"))
        comparison = self._comparison(t, title)
        if comparison is not None:
            self.log.typed += 1
            return comparison
        rows: list[Row] = []
        for r in range(t.n_rows):
            cells = [self._cell(c, r < header_rows) for c in t.row(r)]
            first = t.row(r)[0].text.strip() if t.row(r) else ""
            src = t.row(r)
            styled = bool(src) and (all(c.fill for c in src) or all(
                p.bold for c in src for p in c.paras if p.text.strip()))
            total = r >= header_rows and styled and first.replace(" ", "") in {
                x.replace(" ", "") for x in TOTAL_LABELS}
            if total:  # a 계 row is styled as a whole; its bold is not the cells' own
                cells = [attrs.evolve(c, bold=False) for c in cells]
            if r >= header_rows and any(isinstance(c.value, int | float) for c in cells):
                zero = self.theme.table.zero
                cells = [attrs.evolve(c, value=0) if c.value == zero and zero else c
                         for c in cells]
            rows.append(Row(cells=tuple(cells), total=total))
        self.log.typed += 1
        table = Table(header=tuple(rows[:header_rows]), rows=tuple(rows[header_rows:]),
                      title=title, unit=unit, basis=basis)
        return self.computed.declare(table, t.where)

    def _vision(self, nodes: list[SourceNode], k: int) -> tuple[VisionDiagram, int] | None:
        """A 비전 체계도: a ``비전 | …`` box, then optionally a ``목표 | …`` row and a
        ``추진전략`` table (strategy titles over their ``-`` tasks).  Returns it and how many
        source tables it used."""
        t = nodes[k]
        if not (isinstance(t, SourceTable) and t.n_rows == 1 and t.n_cols == 2
                and t.cells[0].text.strip() == "비전" and t.cells[0].fill):
            return None
        vision = t.cells[1].text.strip()
        goals: tuple[str, ...] = ()
        strategies: list[Strategy] = []
        used = 1
        nxt = nodes[k + used] if k + used < len(nodes) else None
        if isinstance(nxt, SourceTable) and nxt.n_rows == 1 and nxt.cells and \
                nxt.cells[0].text.strip() == "목표":
            goals = tuple(c.text.strip() for c in nxt.cells[1:])
            used += 1
            nxt = nodes[k + used] if k + used < len(nodes) else None
        if isinstance(nxt, SourceTable) and nxt.cells and \
                nxt.cells[0].text.strip() == "추진전략":
            titles = [c for c in nxt.row(0)[1:]]
            tasks = {c.col: c for c in nxt.row(1)} if nxt.n_rows > 1 else {}
            for c in titles:
                lines: list[str] = []
                cell = tasks.get(c.col)
                for p in cell.paras if cell is not None else ():
                    if p.text.strip():
                        sym = split_symbol(p.text)
                        lines.append(sym[2].strip() if sym else p.text.strip())
                strategies.append(Strategy(title=c.text.strip(), tasks=tuple(lines)))
            used += 1
        return VisionDiagram(vision=vision, goals=goals, strategies=tuple(strategies)), used

    def _comparison(self, t: SourceTable, title: str | None) -> Comparison | None:
        """A 비교 상자: labels over two rows with ``⇨`` cells (rowspan 2) between the columns
        (현행 ⇨ 개선); the lines under each label are its items."""
        if t.n_rows != 2:
            return None
        top, below = t.row(0), t.row(1)
        arrows = [c for c in top if c.rowspan == 2 and c.text.strip() in ARROWS]
        labels = [c for c in top if c not in arrows]
        if not arrows or len(labels) != len(arrows) + 1 or len(below) != len(labels) or any(
                c.rowspan != 1 or c.colspan != 1 or not c.text.strip() or "\n" in c.text.strip()
                for c in labels):
            return None
        columns = []
        for label, content in zip(labels, below, strict=True):
            if content.col != label.col:
                return None
            items = []
            for p in content.paras:
                if not p.text.strip():
                    continue
                sym = split_symbol(p.text)
                items.append(sym[2].strip() if sym else p.text.strip())
            columns.append(ComparisonColumn(label=label.text.strip(), items=tuple(items)))
        return Comparison(columns=tuple(columns), title=title)

    def _cell(self, c: Any, header: bool) -> Cell:
        for p in c.paras:
            if p.picture is not None:
                self.log.skip(p.where, "a picture inside a table cell is not read (a table "
                                       "of pictures only is read as figures)")
        lines = [p for p in c.paras if p.text.strip()]
        items: list[Block] = []
        text_lines: list[str] = []
        for p in lines:
            sym = split_symbol(p.text)
            if sym and sym[0] in ("dash", "circle", "dot", "box") and not header:
                items.append(Item(text=sym[2].strip()))
            else:
                text_lines.append(p.text.strip())
        text = "\n".join(text_lines)
        kw: dict[str, Any] = {}
        if c.rowspan > 1:
            kw["rowspan"] = c.rowspan
        if c.colspan > 1:
            kw["colspan"] = c.colspan
        if items:
            kw["items"] = tuple(items)
        bold = bool(lines) and all(p.bold for p in lines) and not header
        if bold:
            kw["bold"] = True
        value: Any = text or None
        if header and re.fullmatch(r"(19|20)\d\d", text):
            return Cell(value=int(text), **kw)  # a year label: printed as written either way
        if not header and text:
            parts = text.split("\n")
            m = re.fullmatch(r"\((-?[\d.]+)%\)", parts[-1]) if len(parts) >= 2 else None
            if m:
                num = self._number("\n".join(parts[:-1]))
                if num is not None:
                    value, kw["ratio"] = num, float(m.group(1))
                    return Cell(value=value, **kw)
            m = re.fullmatch(r"\((.+)\)", parts[-1]) if len(parts) >= 2 else None
            if m:
                q = self.values.count(m.group(1))
                if q is not None:
                    kw["count"] = q
                    return Cell(value="\n".join(parts[:-1]), **kw)
            num = self._number(text)
            if num is not None:
                value = num
        return Cell(value=value, **kw)

    def _number(self, text: str) -> int | float | None:
        s = text.strip()
        if not re.fullmatch(r"-?[\d,]+(\.\d+)?", s) or s in ("-",):
            return None
        from ..formatting import format_cell

        try:
            v: int | float = float(s.replace(",", "")) if "." in s else int(s.replace(",", ""))
        except ValueError:
            return None
        ts = self.theme.table
        shown = self.fmt.grouped(format_cell(v, zero=ts.zero, negative=ts.negative,
                                             locale=self.fmt.locale))
        return v if shown == s else None

    def _staffing(self, t: SourceTable, header_rows: int) -> StaffingTable | None:
        if header_rows != 2 or t.n_rows < 3:
            return None
        h0, h1 = t.row(0), t.row(1)
        if len(h0) < 3 or h0[0].rowspan != 2 or h0[1].rowspan != 2:
            return None
        groups: list[StaffGroup] = []
        sub_label = None
        k = 0
        for head in h0[2:]:
            cols = h1[k:k + head.colspan]
            k += head.colspan
            if len(cols) != head.colspan or head.colspan < 2:
                return None
            sub_label = sub_label or cols[0].text.strip()
            if cols[0].text.strip() != sub_label:
                return None
            groups.append(StaffGroup(name=head.text.strip(),
                                     grades=tuple(c.text.strip() for c in cols[1:])))
        rows: list[StaffRow] = []
        for r in range(2, t.n_rows):
            cells = t.row(r)
            if len(cells) != 2 + k:
                return None
            nums = [self._int(c.text) for c in cells[1:]]
            if any(x is None for x in nums):
                return None
            counts: list[tuple[int, ...]] = []
            j = 1
            for g in groups:
                sub = nums[j]
                vals = tuple(int(x or 0) for x in nums[j + 1:j + 1 + len(g.grades)])
                if sub != sum(vals):
                    return None
                counts.append(vals)
                j += 1 + len(g.grades)
            row = StaffRow(label=cells[0].text.strip(), counts=tuple(counts),
                           total=nums[0])
            if row.grand_total() != nums[0]:
                return None
            rows.append(row)
        return StaffingTable(groups=tuple(groups), rows=tuple(rows),
                             label_header=h0[0].text.strip(), total_label=h0[1].text.strip(),
                             subtotal_label=sub_label or "소계")

    def _int(self, text: str) -> int | None:
        s = text.strip()
        if s in ("-", "", "0"):
            return 0
        v = self._number(s)
        return v if isinstance(v, int) else None

    def _budget(self, t: SourceTable, header_rows: int) -> BudgetTable | None:
        if header_rows != 1 or t.n_cols != 5 or t.n_rows < 3:
            return None
        head = tuple(c.text.strip() for c in t.row(0))
        if len(head) != 5 or any(c.rowspan != 1 or c.colspan != 1 for c in t.cells):
            return None
        lines: list[BudgetLine] = []
        total_row: tuple[str, int, int] | None = None
        show_rate = None
        for r in range(1, t.n_rows):
            cells = t.row(r)
            name = cells[0].text.strip()
            budget = self._int(cells[1].text)
            spent_text = cells[2].text.strip().split("\n")
            spent = self._int(spent_text[0])
            balance = self._int(cells[3].text)
            if budget is None or spent is None or balance is None or budget - spent != balance:
                return None
            has_rate = len(spent_text) == 2
            if has_rate and budget:
                from ..formatting import format_percent
                from ..model import execution_rate

                rate = execution_rate(spent, budget)
                shown = format_percent(float(rate) if rate is not None else 0.0,
                                       self.theme.numbers.pct_decimals, locale=self.fmt.locale)
                if spent_text[1] != f"({shown})":
                    return None
            if show_rate is None:
                show_rate = has_rate
            at_edge = r == 1 or (r == t.n_rows - 1 and total_row is None)
            if at_edge and name.replace(" ", "") in {"계", "합계", "총계"}:
                total_row = (name, budget, spent)
                continue
            lines.append(BudgetLine(name=name, budget=budget, spent=spent,
                                    remark=cells[4].text.strip()))
        if total_row is None or not lines:
            return None
        table = BudgetTable(lines=tuple(lines), headers=head,
                            total_label=total_row[0], show_rate=bool(show_rate),
                            total=BudgetTotal(budget=total_row[1], spent=total_row[2]))
        line = table.total_line()
        if (line.budget, line.spent) != (total_row[1], total_row[2]):
            self.log.fallback(t.where, "the 계 row differs from the sum of the lines; kept as "
                              "the stated total (govreport check will report it)")
        return table

    # ------------------------------------------------------------------ items
    def _annotations(self, s: str, out: dict[str, Any]) -> str:
        """Strip what is printed after an item's text, right to left, into ``out``: the
        same-line ``  ※ 비고`` (``note``), a citation ``(시장방침 제123호, '22.3.4.)``
        (``cite``) and a 기준 date ``('24. 12. 31. 기준)`` (``as_of``), each only when
        the theme prints it back as written."""
        mark = f"  {self.theme.symbol('note')} "
        head, found, note = s.partition(mark)
        if found and head.strip() and note.strip() and mark not in note:
            out["note"], s = note.strip(), head
        m = re.match(r"^(.*\S) \(([^(),]+), ([^(),]+)\)$", s, re.S)
        cited = self.values.cited(m.group(3)) if m else None
        if m and cited is not None:
            out["cite"] = Citation(source=m.group(2).strip(), date=cited[0],
                                   date_style=cited[1])  # type: ignore[arg-type]
            s = m.group(1)
        m = re.match(r"^(.*\S) \(([^()]+) 기준\)$", s, re.S)
        as_of = self.values.as_of(m.group(2)) if m else None
        if m and as_of is not None:
            out["as_of"], s = as_of, m.group(1)
        return s

    def item_fields(self, text: str, where: str, *, in_event: bool = False) -> dict[str, Any]:
        """label / key / trailing typed annotations of an item's text."""
        out: dict[str, Any] = {}
        s = text.strip()
        m = re.match(r"^\(([^()]{1,30})\)\s+(.*)$", s, re.S)
        if m:
            out["label"], s = m.group(1), m.group(2)
        s = self._annotations(s, out)
        sep = self.key_sep.strip()
        if sep and f" {sep} " in s:
            key, value = s.split(f" {sep} ", 1)
            if 0 < len(key) <= 40 and "(" not in key.replace("「", "").replace("」", "")[:0]:
                out["key"] = key.strip()
                kc = re.match(r"^(.*\S) \(([^()]+)\)$", out["key"])
                q = self.values.count(kc.group(2)) if kc else None
                if kc and q is not None:  # 정례회의 (3회) : …
                    out["key"], out["key_count"] = kc.group(1), q
                sched = self.values.schedule(value)
                if sched is not None:
                    out["schedule"] = sched
                    out["text"] = ""
                    return out
                for m2 in re.finditer(r" (?=['\d])", value):  # 점검 '25. 5월: text + date
                    head, tail = value[:m2.start()].rstrip(), value[m2.end():]
                    sched = self.values.schedule(tail) if head else None
                    if sched is not None:
                        out["schedule"] = sched
                        value = head
                        break
                s = value
        # trailing annotations, right to left: " (status)", " (period)", "(count)", "(date)"
        while True:
            m = re.match(r"^(.*?)(\s?)\(([^()]+)\)$", s, re.S)
            if not m or not m.group(1).strip():
                break
            head, space, inner = m.group(1), m.group(2), m.group(3)
            if space:
                if "period" not in out and "status" not in out and "count" not in out \
                        and "date" not in out:
                    p = self.values.heading(inner)
                    if p is not None:
                        out["period"] = p
                        s = head
                        continue
                    if STATUS_RE.search(inner) and len(inner) <= 16 and "status" not in out:
                        out["status"] = inner
                        s = head
                        continue
                break
            if "count" not in out and "date" not in out and "period" not in out:
                q = self.values.count(inner)
                if q is not None:
                    out["count"] = q
                    s = head
                    continue
            if "date" not in out and "period" not in out:
                p = self.values.annotation(inner)
                if p is not None:
                    out["date"] = p
                    s = head
                    continue
            break
        out["text"] = s
        return out


def appendix_heading_strict(text: str) -> tuple[str, str] | None:
    """An appendix heading paragraph (``참고 1`` / ``[붙임 2] 제목``), not a sentence."""
    if len(text) > 100:
        return None
    m = re.match(r"^[<\[【〈]\s*(참고|붙임|별첨|첨부)\s*(\d{1,2})?\s*[>\]】〉]\s*(.*)$", text)
    if m:
        return m.group(1), m.group(3).strip()
    m = re.match(r"^(참고|붙임|별첨|첨부)\s*(\d{1,2})\.?\s*$", text)
    if m:
        return m.group(1), ""
    m = re.match(r"^(참고|붙임|별첨|첨부)\s*(\d{1,2})\s+(\S.{0,60})$", text)
    if m and not ATTACHMENT_RE.search(text):
        return m.group(1), m.group(3).strip()
    return None


def _section_numbering(parts: list[Part]) -> tuple[list[Part], Numbering]:
    """The report's section numbering: ``circled`` when every part with sections uses it
    (then left off the parts), else each circled part keeps its own."""
    styles = {p.sections_numbering for p in parts if p.sections}
    if styles != {"circled"}:
        return parts, Numbering()
    return ([attrs.evolve(p, sections_numbering=None) for p in parts],
            Numbering(sections="circled"))


def _next_number(sections: list[dict[str, Any]]) -> int:
    """The number a new section gets from its position (after the last shown number)."""
    return int(sections[-1]["shown"]) + 1 if sections else 1


def compute_ranks(rec: Recognizer, nodes: Sequence[SourceNode]) -> dict[str, int]:
    """The document's own order of ladder symbols, from how they nest.

    Within each section a stack of open classes is kept (a class already open closes what is
    under it); every time class B opens under class A the pair A→B is counted.  A class's rank
    is the longest chain of majority parents above it, so ``○`` is rank 2 in a document that
    puts it under ``□`` and rank 1 in one that never uses ``□``.
    """
    pairs: dict[tuple[str, str], int] = {}
    stack: list[str] = []
    seen: list[str] = []
    for n in nodes:
        if isinstance(n, SourceTable):
            if rec.table_kind(n) in ("part", "chip", "appendix"):
                stack = []
            continue
        if not isinstance(n, SourcePara):
            continue
        t = n.text.strip()
        sym = split_symbol(n.text)
        if sym is None:
            if part_heading(t) or section_heading(t) or appendix_heading_strict(t):
                stack = []
            continue
        cls = sym[0]
        if cls not in LEVEL_CLASSES:
            continue
        if cls not in seen:
            seen.append(cls)
        if cls in stack:
            del stack[stack.index(cls) + 1:]
            continue
        if stack:
            pairs[(stack[-1], cls)] = pairs.get((stack[-1], cls), 0) + 1
        stack.append(cls)
    ranks: dict[str, int] = {}

    def rank(c: str, visiting: frozenset[str]) -> int:
        if c in ranks:
            return ranks[c]
        best = 0
        for (a, b), k in pairs.items():
            if b == c and a not in visiting and k > pairs.get((c, a), 0):
                best = max(best, rank(a, visiting | {c}))
        return best + 1

    for c in seen:
        ranks[c] = rank(c, frozenset({c}))
    return ranks


def _unit_kw(unit: str | None, basis: Period | None, default: str) -> dict[str, Any]:
    kw: dict[str, Any] = {}
    if unit is not None:
        kw["unit"] = unit
    if basis is not None:
        kw["basis"] = basis
    return kw


def _header_rows(t: SourceTable) -> tuple[bool, int]:
    marked = {c.row for c in t.cells if c.header}
    n = 0
    while n in marked:
        n += 1
    if n:
        return True, n
    first = t.row(0)
    depth = max((c.rowspan for c in first), default=1)
    if first and all(c.fill for c in first) and t.n_rows > 1:
        return True, depth
    if depth > 1 and t.n_rows > depth and all(
            not re.fullmatch(r"[-\d,.%()\s]+", c.text.strip() or "x")
            for c in t.cells if c.row < depth):
        return True, depth  # 구분 spanning two header rows
    return True, 1 if t.n_rows > 1 and all(
        c.text.strip() and not re.fullmatch(r"[-\d,.%()\s]+", c.text.strip()) for c in first
    ) else 0


# ----------------------------------------------------------------------------- the ladder


class _Ladder:
    """Builds the block tree of one section from its symbol lines.

    A line whose symbol class is already open in the stack becomes that entry's sibling; a new
    class nests under the current line, after closing lines whose class ranks at or below it in
    this document's own order (found by :meth:`Recognizer` from how classes nest).
    """

    def __init__(self, rec: Recognizer) -> None:
        self.rec = rec
        self.top: list[_Node | Block] = []
        self.stack: list[_Node] = []
        self.caption: tuple[str | None, Period | None] | None = None
        self.title: str | None = None
        self.pending: list[SourcePara] = []
        self.last_figure: Any = None
        """The caption/title lines held for the next table, as written (see :meth:`flush`)."""
        self.last_table: Any = None
        self.last_table_at: tuple[list[Any], int] | None = None

    def empty(self) -> bool:
        return not self.top and not self.stack

    def take_caption(self) -> tuple[str | None, Period | None] | None:
        c, self.caption = self.caption, None
        self.pending = [p for p in self.pending if p.text.strip().startswith("<")]
        return c

    def take_title(self) -> str | None:
        t, self.title = self.title, None
        self.pending = [p for p in self.pending if not p.text.strip().startswith("<")]
        return t

    def figure(self, p: SourcePara, caption: str | None = None) -> None:
        """A picture → a :class:`Figure` with its bytes; a ``< … >`` line held just before it
        is its caption when the theme puts captions above (or says so explicitly); a photo
        table's ``caption`` (under the picture) is given."""
        assert p.picture is not None
        pic = p.picture
        default = self.rec.theme.figures.caption_position
        kw: dict[str, Any] = {"data": pic.data}
        if pic.alt:
            kw["alt"] = pic.alt
        if pic.width is not None:
            kw["width"] = pic.width
        elif pic.width_mm is not None:
            kw["width_mm"] = pic.width_mm
        if p.align in ("left", "right"):
            kw["align"] = p.align
        if caption is not None:
            kw["caption"] = caption
            if default != "below":
                kw["caption_position"] = "below"
        elif self.title is not None and self.caption is None:
            kw["caption"] = self.take_title()
            if default != "above":
                kw["caption_position"] = "above"
        self.flush()
        fig = Figure(**kw)
        self.stack.clear()  # a picture spans the text width: a block of the section
        self.top.append(fig)
        self.last_table = fig
        self.last_table_at = (self.top, len(self.top) - 1)
        self.last_figure = fig if "caption" not in kw else None
        self.rec.log.typed += 1

    def chart(self, p: SourcePara) -> None:
        """A chart read from its chart part; the held ``< 제목 >`` and ``(단위 : …)`` lines are
        its title and unit."""
        assert p.chart is not None
        c = p.chart
        default = self.rec.theme.figures.caption_position
        kw: dict[str, Any] = {"kind": c["kind"], "categories": tuple(c["categories"]),
                              "series": tuple(ChartSeries(**s) for s in c["series"])}
        if self.title is not None:
            kw["title"] = self.take_title()
            if default != "above":
                kw["caption_position"] = "above"
        if self.caption is not None and self.caption[0]:
            unit = self.caption[0]
            self.take_caption()
            if c["kind"] == "bar_line" and ", " in unit:
                unit, kw["secondary_unit"] = (x.strip() for x in unit.split(", ", 1))
            kw["unit"] = unit
        self.flush()
        chart = Chart(**kw)
        self.stack.clear()
        self.top.append(chart)
        self.last_table = chart
        self.last_table_at = (self.top, len(self.top) - 1)
        self.rec.log.typed += 1

    def flush(self) -> None:
        """Caption or title lines no table took (a picture or chart was there, or nothing):
        kept as the paragraphs they were."""
        held, self.pending = self.pending, []
        self.caption = self.title = None
        for p in held:
            self.rec.log.typed -= 1
            self.rec.log.plain += 1
            align = p.align if p.align in ("center", "right") else None
            self.stack.clear()
            self.top.append(Paragraph(text=p.text.strip(), align=align))

    # ---- placing
    def _attach(self, node: _Node | Block, parent: _Node | None) -> None:
        (parent.children if parent is not None else self.top).append(node)

    def _open(self, node: _Node) -> None:
        rank = self.rec.ranks.get(node.cls)
        # sibling of an open line of the same class
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == node.cls:
                del self.stack[k:]
                break
        else:
            if rank is not None:
                while self.stack and self.stack[-1].cls in self.rec.ranks and \
                        self.rec.ranks[self.stack[-1].cls] >= rank:
                    self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        self._attach(node, parent)
        self.stack.append(node)
        self.last_table = None

    def _level_of(self, node: _Node) -> int:
        return node.level

    # ---- inputs
    def para(self, p: SourcePara) -> None:
        rec = self.rec
        if p.object is not None:  # a picture or chart stood here: captions are not a table's
            if p.picture is not None:
                self.figure(p)
                return
            if p.chart is not None:
                self.chart(p)
                return
            self.flush()
            return
        text = p.text
        if self.pending and not (text.strip().startswith(("(", "<"))):
            self.flush()
        sym = split_symbol(text)
        if self.last_table is not None and sym and sym[0] == "note":
            if isinstance(self.last_table, Figure):  # a ※ under a picture: a table-scope note
                assert self.last_table_at is not None
                container, _ = self.last_table_at
                container.append(Note(text=sym[2].strip(), scope="table"))
            else:
                self.last_table_notes(sym[2].strip())
            rec.log.typed += 1
            return
        self.last_figure = None
        self.last_table = None
        if sym is None:
            self.plain(p)
            return
        cls, symbol, rest = sym
        in_event = any(n.kind in ("event",) for n in self.stack)
        if cls == "note":
            self._leaf(Note(text=rest.strip()), p)
            rec.log.typed += 1
            return
        if cls == "footnote":
            self._leaf(Footnote(text=rest.strip(), mark=symbol), p)
            rec.log.typed += 1
            return
        if cls == "caption":
            self._table_level(SubCaption(text=rest.strip()))
            rec.log.typed += 1
            return
        if cls == "event":
            title = rest.strip()
            data: dict[str, Any] = {"title": title}
            m = re.match(r"^(.*\S)\s+\(([^()]+)\)$", title)
            if m:
                per = rec.values.heading(m.group(2))
                if per is not None:
                    data = {"title": m.group(1), "period": per}
            self._open_event(_Node(cls=cls, kind="event", data=data, indent=p.indent,
                                   text_indent=p.text_indent))
            rec.log.typed += 1
            return
        if cls == "enum":
            data = {"text": rest.strip()}
            m = re.match(r"^(.*\S)\s+\(([^()]+)\)$", rest.strip())
            if m:
                d = rec.values.annotation(m.group(2))
                if d is not None:
                    data = {"text": m.group(1), "date": d}
            self._open(_Node(cls=cls, kind="enum", data=data, indent=p.indent))
            rec.log.typed += 1
            return
        if cls == "field" and in_event:
            ww = self._when_where(rest)
            if ww is not None:
                self._leaf_in_stack(ww, cls, p)
                rec.log.typed += 1
                return
        fields = rec.item_fields(rest, p.where, in_event=in_event)
        if p.bold and not in_event:
            fields["bold"] = True
        if cls == "other" and symbol not in self._theme_symbols():
            fields["symbol"] = symbol  # ❖ ◇ ⇨ …: kept; □ ■, ○ ㅇ ◦ … are normalised
        self._open(_Node(cls=cls, kind="item", data=fields, indent=p.indent,
                         text_indent=p.text_indent))
        rec.log.typed += 1
        for fn in p.footnotes:
            self._leaf(Footnote(text=fn), p)

    def _theme_symbols(self) -> set[str]:
        t = self.rec.theme
        out = set()
        for role in ("L1", "L2", "L3", "L4", "event_field", "event_sub"):
            try:
                out.add(t.symbol(role))
            except Exception:
                continue
        return out

    def _when_where(self, rest: str) -> WhenWhere | None:
        sep = self.rec.key_sep.strip()
        key, found, value = rest.partition(f" {sep} ")
        if not found or not re.search(r"일시", key):
            return None
        got = self.rec.values.dates_place(value, self.rec.place_sep)
        if got is None:
            return None
        dates, place = got
        kw: dict[str, Any] = {}
        if key.strip() != "일시/장소":
            kw["key"] = key.strip()
        return WhenWhere(dates=tuple(dates), place=place, **kw)

    def _leaf_in_stack(self, block: Block, cls: str, p: SourcePara) -> None:
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == cls:
                del self.stack[k:]
                break
        parent = self.stack[-1] if self.stack else None
        self._attach(block, parent)
        # keep a placeholder so that later ▶ lines are siblings
        self.stack.append(_Node(cls=cls, kind="leaf", data={}, indent=p.indent))

    def _leaf(self, block: Block, p: SourcePara) -> None:
        """A ※ line: child of the deepest open line whose text starts at or left of it
        (the last line when the file has no indents); a ``*`` footnote: a sibling of the last
        line, like a table (the model allows either; the page is the same)."""
        if isinstance(block, Footnote):
            self._table_level(block)
            return
        open_items = [n for n in self.stack if n.kind != "leaf"]
        parent = open_items[-1] if open_items else None
        if p.indent is not None and self._informative(p.indent, open_items):
            parent = self._parent_by_x(p.indent)
        if parent is not None:
            del self.stack[self.stack.index(parent) + 1:]
        else:
            self.stack.clear()
        self._attach(block, parent)

    @staticmethod
    def _informative(x: float, items: Sequence[_Node]) -> bool:
        """Whether indents tell anything here: they exist and are not all at one x."""
        xs = [n.indent for n in items if n.indent is not None] + [x]
        return len(xs) > 1 and max(xs) - min(xs) > 0.5

    def _parent_by_x(self, x: float) -> _Node | None:
        """The deepest open line at least ~one character left of ``x`` (a child sits about
        one body em right of its parent's symbol)."""
        step = 0.6 * self.rec.em
        cands = [n for n in self.stack if n.kind in ("item", "enum", "event")
                 and n.indent is not None and n.indent + step <= x]
        return cands[-1] if cands else None

    def _open_event(self, node: _Node) -> None:
        """A √ event: under an open category, else under the line whose text it starts at."""
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == "event":
                del self.stack[k:]
                break
        cat = next((k for k in range(len(self.stack) - 1, -1, -1)
                    if self.stack[k].kind == "category"), None)
        if cat is None and node.indent is not None and self._informative(
                node.indent, [n for n in self.stack if n.kind == "item"]):
            parent = self._parent_by_x(node.indent)
            del self.stack[(self.stack.index(parent) + 1) if parent else 0:]
        elif cat is not None:
            del self.stack[cat + 1:]
        parent_node = self.stack[-1] if self.stack else None
        self._attach(node, parent_node)
        self.stack.append(node)

    def _table_level(self, block: Block) -> _Node | None:
        """Tables and sub-captions: siblings of the last line (children of its parent)."""
        items = [n for n in self.stack if n.kind != "leaf"]
        parent = items[-2] if len(items) >= 2 else None
        if parent is not None:
            del self.stack[self.stack.index(parent) + 1:]
        else:
            self.stack.clear()
        self._attach(block, parent)
        return parent

    def table(self, block: Block, where: str) -> None:
        """A data table: the child of a □ headline right above it that has nothing under it
        yet (the table is what that line announces), else — and for boxes and diagrams — a
        sibling of the last line.  The page is the same either way."""
        last = self.stack[-1] if self.stack else None
        if isinstance(block, Table) and last is not None and last.kind == "item" and \
                not last.children and \
                self.rec.ranks.get(last.cls) == 1:
            last.children.append(block)
            self.last_table = block
            self.last_table_at = (last.children, len(last.children) - 1)
            return
        parent = self._table_level(block)
        container = parent.children if parent is not None else self.top
        self.last_table = block
        self.last_table_at = (container, len(container) - 1)

    def last_table_notes(self, note: str) -> None:
        assert self.last_table_at is not None
        container, idx = self.last_table_at
        t = container[idx]
        t = attrs.evolve(t, notes=(*t.notes, note))
        container[idx] = t
        self.last_table = t

    def category(self, t: SourceTable) -> None:
        self.flush()
        filled = [c for c in t.cells if c.text.strip()]
        label = filled[0].text.strip()
        text = "\n".join(p.text.strip() for p in filled[1].paras if p.text.strip())
        node = _Node(cls="category", kind="category", data={"label": label, "text": text})
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == "category":
                del self.stack[k:]
                break
        parent = next((n for n in reversed(self.stack) if n.kind == "item"), None)
        if parent is not None:
            del self.stack[self.stack.index(parent) + 1:]
        self._attach(node, parent)
        self.stack.append(node)

    def plain(self, p: SourcePara) -> None:
        rec = self.rec
        text = p.text.strip()
        cap = rec.values.caption(text) if text.startswith("(") else None
        if cap is not None and p.align != "center":
            if self.caption is not None:
                self.flush()
            self.caption = cap
            self.pending.append(p)
            rec.log.typed += 1
            return
        m = re.fullmatch(r"<\s*(.+?)\s*>", text)
        if m and p.align == "center" and self.last_figure is not None and \
                self.rec.theme.figures.caption_position == "below" and self.last_table_at:
            container, idx = self.last_table_at
            container[idx] = attrs.evolve(container[idx], caption=m.group(1))
            self.last_figure = None
            rec.log.typed += 1
            return
        if m and p.align == "center":
            if self.title is not None or self.caption is not None:
                self.flush()
            self.title = m.group(1)
            self.pending.append(p)
            rec.log.typed += 1
            return
        last = self.stack[-1] if self.stack else None
        indented = p.indent is None or last is None or last.indent is None or \
            p.indent > last.indent + 0.5
        if last is not None and last.kind == "item" and last.cls == "box" and \
                not last.children and indented:
            last.children.append(LeadLine(text=text))
            rec.log.typed += 1
            return
        if p.indent is not None and p.indent > 0.5 and p.align not in ("center", "right"):
            self._table_level(LeadLine(text=text)) if self.stack else self.top.append(
                LeadLine(text=text))
            rec.log.typed += 1
            return
        align = p.align if p.align in ("center", "right") else None
        self.stack.clear()
        self.top.append(Paragraph(text=text, align=align))
        rec.log.plain += 1

    # ---- finishing
    def finish(self) -> list[Block]:
        self.flush()
        return [self._build(n, 0, False) for n in self.top]

    def _build(self, n: _Node | Block, parent_level: int, in_event: bool) -> Block:
        if not isinstance(n, _Node):
            return n
        rec = self.rec
        if n.kind == "event":
            kids = tuple(self._build(c, parent_level + 1, True) for c in n.children)
            return Event(children=kids, **n.data)
        if n.kind == "category":
            kids = tuple(self._build(c, parent_level, in_event) for c in n.children)
            return CategoryTag(children=kids, **n.data)
        if n.kind == "enum":
            kids = tuple(self._build(c, parent_level, in_event) for c in n.children)
            return EnumItem(children=kids, **n.data)
        data = dict(n.data)
        level = parent_level + 1
        rank = rec.ranks.get(n.cls)
        if not in_event and rank is not None and rank != level:
            data["level"] = rank
            level = rank
        if data.get("bold") and not in_event:
            # bold only when it stands out from the reading theme's style for that level
            role = ("L1", "L2", "L3", "L4")[min(level, 4) - 1]
            if rec.theme.resolve(role).bold:  # type: ignore[arg-type]
                del data["bold"]
        kids = tuple(self._build(c, level, in_event) for c in n.children)
        return Item(children=kids, **data)
