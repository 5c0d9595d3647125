"""The report as a whole: metadata, cover, table of contents, parts, sections, appendices.

Numbers are derived from position: parts get Ⅰ. Ⅱ., sections 1 2 3 within their part,
appendices 참고 1, 참고 2 per label; the overview list (① … ⑤) is the part's task titles.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .blocks import Block, _tuple
from .dates import Period, to_optional_period, to_period
from .figures import Figure

SCHEMA_VERSION = 2
"""The format version this library writes.  Version 1 files load unchanged (v2 only adds)."""


@attrs.frozen(slots=True, kw_only=True)
class Meta:
    """Report metadata.  ``date`` is a year-month (``2025-04`` → ``2025. 4.``) or a full date.

    ``audience`` is the 보고 대상 line (e.g. ``제329회 서울특별시의회 임시회``); ``kind`` the
    report kind (업무보고, 추진계획, 결과보고 …), free text.  ``subtitle`` is printed with the
    title on the cover and in the title box (``- 시민 참여 확대를 위한 -``), above it unless
    ``subtitle_position="below"``.  ``division`` is the 담당 과·담당관, printed after the org:
    ``행정국 (총무과)``.
    """

    title: str
    org: str
    date: Period = attrs.field(converter=to_period)
    parent_org: str | None = None
    audience: str | None = None
    kind: str = "업무보고"
    author: str | None = None
    subtitle: str | None = None
    subtitle_position: Literal["above", "below"] = "above"
    division: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Cover:
    """The cover page; ``slogan`` is an optional line above the title, ``logo`` a picture
    (기관 로고) printed above the organisation name (``src``/``data``, ``width_mm``)."""

    show: bool = True
    slogan: str | None = None
    logo: Figure | None = None


@attrs.frozen(slots=True, kw_only=True)
class Toc:
    """The generated table of contents (목 차)."""

    show: bool = True
    title: str = "목 차"
    include_sections: bool = True
    appendix_heading: str | None = None
    """With a heading (``※ 붙임 문서``) the appendices are listed under it, indented, as
    ``1. 제목``; without one each is an entry of its own (``참고 1  제목``)."""


PartStyle = Literal["roman_period", "roman", "chapter"]
SectionStyle = Literal["chip", "arabic", "circled", "none"]


@attrs.frozen(slots=True, kw_only=True)
class Numbering:
    """How the report numbers parts and sections; the 목차 prints the same labels.

    ``parts``: ``"roman_period"`` (``Ⅰ. 추진 배경``), ``"roman"`` (``Ⅰ 추진 배경``) or
    ``"chapter"`` (a number chip ``1 추진 배경``, §5.4, no page break between chapters).
    ``sections``: ``"chip"`` (number chip ``1``, 목차 ``1.``), ``"arabic"`` (heading
    ``1. 제목``), ``"circled"`` (heading ``① 제목``) or ``"none"`` (heading without number);
    ``None`` = ``"chip"`` under roman parts, ``"arabic"`` under chapters.  A part may choose
    its own (``Part.sections_numbering``).
    """

    parts: PartStyle = "roman_period"
    sections: SectionStyle | None = None


@attrs.frozen(slots=True, kw_only=True)
class Lead:
    """The report's lead statement (추진 목적·개요) before Ⅰ: one or two sentences.

    Boxed by default; ``symbol`` (``‣``, ``❖``, ``◈``) is printed before each line
    (``text`` may hold ``\n``).  ``label`` is an optional head (``추진 목적``).
    """

    text: str
    symbol: str | None = None
    boxed: bool = True
    label: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Section:
    """A numbered section of a part.

    ``kind="chip"`` is a 일반 현황 section (number chip + title, optional unit caption from
    ``unit``/``basis``); ``kind="task"`` is a 주요 업무 task (new page, headline, 요약 박스
    ``summary``).  ``number`` is derived from position unless given (for excerpts).
    ``note`` is a ``※`` remark printed on the heading line.
    """

    title: str
    kind: Literal["chip", "task"] = "chip"
    summary: str | None = None
    unit: str | None = None
    basis: Period | None = attrs.field(default=None, converter=to_optional_period)
    number: int | None = None
    new_page: bool | None = None
    note: str | None = None
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Part:
    """A part (Ⅰ. 일반 현황 …).  ``overview=True`` prints the boxed ① … list of its tasks.

    ``number`` is derived from position unless given (excerpts); ``sections_numbering``
    overrides the report's section numbering for this part (:class:`Numbering`).
    """

    title: str
    overview: bool = False
    number: int | None = None
    sections_numbering: SectionStyle | None = None
    intro: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Appendix:
    """An appendix (``참고 1``, ``붙임 2`` …) on its own page; numbered per label unless
    ``number`` is given (an excerpt that skips numbers)."""

    title: str
    label: str = "참고"
    number: int | None = None
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Report:
    """A whole report.  ``layout="booklet"`` (cover, 목차, parts), ``"onepage"``
    (요지 보고: title box and by-line, then the body) or ``"compact"`` (weekly/short reports:
    title box and by-line, no cover or 목차, no page breaks between parts or tasks).

    ``lead`` is the boxed lead statement before Ⅰ; ``title_box`` repeats the title in a title
    box on the first body page of a booklet (always on for onepage/compact).
    """

    meta: Meta
    parts: tuple[Part, ...] = attrs.field(default=(), converter=_tuple)
    appendices: tuple[Appendix, ...] = attrs.field(default=(), converter=_tuple)
    cover: Cover = Cover()
    toc: Toc = Toc()
    layout: Literal["booklet", "onepage", "compact"] = "booklet"
    lead: Lead | None = None
    title_box: bool = False
    numbering: Numbering = Numbering()
    schema_version: int = SCHEMA_VERSION
    schema_url: str | None = None
    """The editor hint ``"$schema"`` of the JSON file (kept so a round trip does not drop it)."""
    base_dir: str | None = attrs.field(default=None, eq=False)
    """The folder relative picture paths are read from; set by :func:`govreport.load` to the
    JSON file's folder (never written to JSON).  ``None``: the current folder."""
    _checked: object = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)
    """What :func:`govreport.checks.semantic.check_report` found in this report, with the
    limits in force: kept by the report (a report is immutable), so ``load`` then ``render``
    checks once.  Not data: never written to JSON, compared or checked."""


for _cls in (Meta, Cover, Toc, Numbering, Lead, Section, Part, Appendix, Report):
    attrs.resolve_types(_cls, globals(), locals())
