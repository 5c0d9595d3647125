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

SCHEMA_VERSION = 1


@attrs.frozen(slots=True, kw_only=True)
class Meta:
    """Report metadata.  ``date`` is a year-month (``2025-04`` → ``2025. 4.``) or a full date.

    ``audience`` is the 보고 대상 line (e.g. ``제329회 서울특별시의회 임시회``); ``kind`` the
    report kind (업무보고, 추진계획, 결과보고 …), free text.
    """

    title: str
    org: str
    date: Period = attrs.field(converter=to_period)
    parent_org: str | None = None
    audience: str | None = None
    kind: str = "업무보고"
    author: str | None = None


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


@attrs.frozen(slots=True, kw_only=True)
class Section:
    """A numbered section of a part.

    ``kind="chip"`` is a 일반 현황 section (number chip + title, optional unit caption from
    ``unit``/``basis``); ``kind="task"`` is a 주요 업무 task (new page, headline, 요약 박스
    ``summary``).  ``number`` is derived from position unless given (for excerpts).
    """

    title: str
    kind: Literal["chip", "task"] = "chip"
    summary: str | None = None
    unit: str | None = None
    basis: Period | None = attrs.field(default=None, converter=to_optional_period)
    number: int | None = None
    new_page: bool | None = None
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Part:
    """A part (Ⅰ. 일반 현황 …).  ``overview=True`` prints the boxed ① … list of its tasks."""

    title: str
    overview: bool = False
    intro: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Appendix:
    """An appendix (``참고 1``, ``붙임 2`` …) on its own page; numbered per label."""

    title: str
    label: str = "참고"
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Report:
    """A whole report.  ``layout="booklet"`` (cover, 목차, parts) or ``"onepage"``
    (요지 보고: title box and by-line, then the body)."""

    meta: Meta
    parts: tuple[Part, ...] = attrs.field(default=(), converter=_tuple)
    appendices: tuple[Appendix, ...] = attrs.field(default=(), converter=_tuple)
    cover: Cover = Cover()
    toc: Toc = Toc()
    layout: Literal["booklet", "onepage"] = "booklet"
    schema_version: int = SCHEMA_VERSION
    schema_url: str | None = None
    """The editor hint ``"$schema"`` of the JSON file (kept so a round trip does not drop it)."""
    base_dir: str | None = attrs.field(default=None, eq=False)
    """The folder relative picture paths are read from; set by :func:`govreport.load` to the
    JSON file's folder (never written to JSON).  ``None``: the current folder."""


for _cls in (Meta, Cover, Toc, Section, Part, Appendix, Report):
    attrs.resolve_types(_cls, globals(), locals())
