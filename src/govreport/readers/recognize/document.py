"""The recognizer's entry point: :class:`Recognizer` splits a source document into cover,
목차 and body and hands each to the module that reads it."""

from __future__ import annotations

import re

import attrs

from ...layout.text import TextFormatter
from ...model import Cover, Meta, Report, Toc
from ...theme import Theme
from ..computed import ComputedReader
from ..inline import ValueReader, part_heading, split_symbol, toc_entry
from ..log import ReadLog
from ..source import SourceDocument, SourceNode, SourcePageBreak, SourcePara, SourceTable
from .body import read_body
from .cover import opening_boxes, read_front
from .headers import read_letter, read_press
from .headings import appendix_heading_strict, section_numbering
from .kinds import table_kind
from .orgchart import OrgChartReader
from .ranks import compute_ranks
from .toc import confirm_toc, read_toc
from .words import squash

DECIMAL_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")
"""A decimal-numbered heading ``1.2. 제안참가안내``."""
TOC_SQUASHED = frozenset({"목차", "차례"})
"""A 목차 heading, however spaced (``목    차``)."""


NUMBERED_RE = re.compile(r"^\d{1,2}\.(?:\d{1,2}\.?)?\s+(\S.{0,58})$")


def _printed_later(p: SourcePara, rest: list[SourceNode]) -> bool:
    """A 목차 entry without a page number: a numbered heading (``1.1. 일반사항``) whose
    title starts a numbered heading printed later in the document."""
    m = NUMBERED_RE.match(p.text.strip())
    if not m:
        return False
    want = squash(m.group(1))
    for n in rest:
        if isinstance(n, SourcePara):
            k = NUMBERED_RE.match(n.text.strip()) or re.match(
                r"^\d{1,2}\.\d{1,2}\s*(\S.*)$", n.text.strip())
            if k and squash(k.group(1)).startswith(want):
                return True
    return False


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
        self.numbered_sections = True
        """Whether ``1. 제목`` lines may open sections (not in a 공문, whose 1. 가. are items)."""
        self.decimal = False
        """Whether the document numbers its headings ``1.`` / ``1.1.`` (an RFP, a manual)."""

    def run(self) -> Report:
        nodes = [n for n in self.doc.nodes
                 if not (isinstance(n, SourcePara) and self._is_noise(n))]
        self.decimal = sum(isinstance(n, SourcePara) and DECIMAL_RE.match(n.text.strip())
                           is not None for n in nodes) >= 2
        header = read_press(self, nodes) or read_letter(self, nodes)
        if header is not None:  # a press release or a 공문: header blocks, no cover
            return self._headed(header.meta, header.body)
        start, toc_range = self._find_body(nodes)
        cover_nodes = [n for i, n in enumerate(nodes[:start])
                       if not (toc_range and toc_range[0] <= i < toc_range[1])]
        body = nodes[start:]
        meta, cover, layout, body = read_front(self, cover_nodes, body)
        toc = Toc(show=bool(toc_range) or layout != "booklet")
        if toc_range:
            read_toc(self, nodes[toc_range[0]:toc_range[1]])
        title_box, lead, body = opening_boxes(self, meta, body, layout)
        self.ranks = compute_ranks(self, body)
        parts, appendices = read_body(self, body)
        parts, numbering = section_numbering(parts)
        if self.chapters:
            numbering = attrs.evolve(numbering, parts="chapter")
        if toc_range and self.toc_entries:
            confirm_toc(self, parts, appendices)
        if toc_range and layout == "booklet":
            include = any(re.match(r"^[\d\u2460-\u2473]", e) for e in self.toc_entries)
            toc = Toc(include_sections=include or not any(p.sections for p in parts),
                      appendix_heading=self.toc_appendix_heading)
        return Report(meta=meta, parts=tuple(parts), appendices=tuple(appendices),
                      cover=cover, toc=toc, numbering=numbering, title_box=title_box,
                      lead=lead,
                      layout="onepage" if layout == "onepage" else "booklet")

    def _headed(self, meta: Meta, body: list[SourceNode]) -> Report:
        """A document whose header blocks gave its metadata: the rest is the body, shown
        under a title box and by-line (``onepage``)."""
        self.numbered_sections = meta.kind != "공문"
        self.ranks = compute_ranks(self, body)
        parts, appendices = read_body(self, body)
        parts, numbering = section_numbering(parts)
        return Report(meta=meta, parts=tuple(parts), appendices=tuple(appendices),
                      cover=Cover(), toc=Toc(), numbering=numbering, layout="onepage")

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
            kind = table_kind(self, n)
            return kind in ("part", "part_chip", "chip", "appendix")
        return False

    def _find_body(self, nodes: list[SourceNode]) -> tuple[int, tuple[int, int] | None]:
        toc_at = None
        for i, n in enumerate(nodes):
            if isinstance(n, SourcePara) and squash(n.text) in TOC_SQUASHED:
                toc_at = i
                break
            if isinstance(n, SourceTable) and table_kind(self, n) == "toc":
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
            if isinstance(n, SourcePara) and (n.toc or toc_entry(n.text) is not None or
                                              _printed_later(n, nodes[j + 1:])):
                j += 1
                continue
            after = nodes[j + 1] if j + 1 < len(nodes) else None
            if isinstance(n, SourcePara) and n.text.strip().startswith("※") and \
                    isinstance(after, SourcePara) and toc_entry(after.text) is not None:
                # ※ 붙임 문서 over the list of appendices
                j += 1
                continue
            if isinstance(n, SourceTable) and table_kind(self, n) == "toc":
                j += 1
                continue
            break
        return j, (toc_at, j)
