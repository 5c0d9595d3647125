"""Theme classes: every typographic and geometric choice of a report (FORMAT.md §1–§8).

Python defaults are FORMAT.md §3.4 (the Seoul 「주요 업무 보고」 look); the shipped profiles
``profiles/seoul.toml`` and ``profiles/central.toml`` are the source of truth that
:meth:`Theme.seoul` / :meth:`Theme.central` load.  Lengths are in **pt** (type, indents,
spacing) or **mm** (page, lines, boxes); convert with :mod:`govreport.theme.units`
(pt ↔ mm) and, in the writers, :mod:`govreport.writers.units` (twip, HWPUNIT …) only.

A role style field set to ``None`` inherits from :attr:`Theme.body` (font, size, line spacing,
alignment, 자간, 장평) or :attr:`Colors.text`; :meth:`Theme.resolve` returns the effective,
fully concrete style.  Every field carries Korean and English documentation in its metadata
(``ko`` / ``en``), from which ``docs/theme.md`` is written.
"""

# ruff: noqa: RUF009  (fields are declared through _opt/_group, thin wrappers of attrs.field)
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Mapping
from os import PathLike
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import attrs

from . import units
from .roles import (
    BLOCKS,
    COLOR_TOKENS,
    ROLES,
    Align,
    FieldValueError,
    Ladder,
    Role,
    SpacingBlock,
    ThemeError,
)

if TYPE_CHECKING:
    from .indent import HangingIndent

__all__ = [
    "AppendixOptions",
    "Body",
    "CategoryTagOptions",
    "Chip",
    "Colors",
    "CoverOptions",
    "DateOptions",
    "EventOptions",
    "Fitting",
    "LayoutOptions",
    "Levels",
    "Lines",
    "Margins",
    "NumberOptions",
    "NumberingOptions",
    "OverviewBox",
    "PageNumber",
    "PageSetup",
    "PartHeading",
    "ResolvedStyle",
    "RoleStyle",
    "Spacing",
    "SummaryBox",
    "TableStyle",
    "Theme",
    "TitleBox",
    "TocOptions",
]


_HEX_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")


# --------------------------------------------------------------------------- helpers


def _opt(default: Any, ko: str, en: str, validator: Any = None) -> Any:
    """An attrs field with a default and bilingual documentation."""
    return attrs.field(default=default, validator=validator, metadata={"ko": ko, "en": en})


def _group(cls: type, ko: str, en: str) -> Any:
    """A nested option group (default: ``cls()``)."""
    return attrs.field(factory=cls, metadata={"ko": ko, "en": en})


def _positive(_inst: object, attr: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not value > 0:
        raise FieldValueError(attr.name, f"must be > 0, got {value!r}")


def _non_negative(_inst: object, attr: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value < 0:
        raise FieldValueError(attr.name, f"must be >= 0, got {value!r}")


def _between(lo: float, hi: float) -> Any:
    def check(_inst: object, attr: attrs.Attribute[Any], value: float | None) -> None:
        if value is not None and not lo <= value <= hi:
            raise FieldValueError(attr.name, f"must be between {lo:g} and {hi:g}, got {value!r}")

    return check


def _hex_color(_inst: object, attr: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _HEX_RE.match(value):
        raise FieldValueError(attr.name, f"must be a colour like '#000080', got {value!r}")


def _color_ref(_inst: object, attr: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _HEX_RE.match(value) and value not in COLOR_TOKENS:
        tokens = ", ".join(COLOR_TOKENS)
        raise FieldValueError(attr.name, f"must be '#RRGGBB' or one of {tokens}; got {value!r}")


def _one_char_each(_inst: object, attr: attrs.Attribute[Any], value: str) -> None:
    if not value:
        raise FieldValueError(attr.name, "must not be empty")


# --------------------------------------------------------------------------- page


PAPER_MM: Mapping[str, tuple[float, float]] = MappingProxyType({"A4": (210.0, 297.0)})
"""Paper sizes in mm (§1); what Word and Hancom store is in :mod:`govreport.writers.units`."""


@attrs.frozen(slots=True, kw_only=True)
class Margins:
    """Page margins in mm with **HWP semantics**: header/footer heights lie inside top/bottom."""

    top: float = _opt(
        15.0,
        "위쪽 여백(mm). 머리말은 이 아래에 더해짐",
        "top margin (mm); the header height is added below it",
        _non_negative,
    )
    bottom: float = _opt(
        15.0,
        "아래쪽 여백(mm)",
        "bottom margin (mm); the footer height is added above it",
        _non_negative,
    )
    left: float = _opt(20.0, "왼쪽 여백(mm)", "left margin (mm)", _non_negative)
    right: float = _opt(20.0, "오른쪽 여백(mm)", "right margin (mm)", _non_negative)
    header: float = _opt(10.0, "머리말 높이(mm)", "header height (mm), HWP 머리말", _non_negative)
    footer: float = _opt(10.0, "꼬리말 높이(mm)", "footer height (mm), HWP 꼬리말", _non_negative)
    gutter: float = _opt(0.0, "제본 여백(mm)", "gutter (mm)", _non_negative)


_PAGE_NUMBER_RE = re.compile(r"^(?P<left>.*)\{n\}(?P<right>.*)$")


def _page_number_format(_inst: object, attr: attrs.Attribute[Any], value: str) -> None:
    if value.count("{n}") != 1:
        raise FieldValueError(attr.name, f"must contain '{{n}}' exactly once, got {value!r}")


@attrs.frozen(slots=True, kw_only=True)
class PageNumber:
    """Page-number line (the text style is role ``page_number``)."""

    format: str = _opt(
        "- {n} -",
        "쪽 번호 형식. {n} 자리에 번호",
        "format; {n} is replaced by the number",
        _page_number_format,
    )
    position: Literal["bottom_center", "bottom_right", "bottom_left", "none"] = _opt(
        "bottom_center", "위치 (none = 표시 안 함)", "position (none = no page numbers)"
    )
    start_at: Literal["body", "cover"] = _opt(
        "body",
        "body: 표지·목차는 번호 없이 본문 첫 쪽이 1 / cover: 표지부터 연속",
        "body: cover and TOC unnumbered, first body page = 1; cover: continuous",
    )

    def text(self, n: int | str) -> str:
        """The page-number text for page ``n`` (``- 3 -``)."""
        return self.format.replace("{n}", str(n))

    @property
    def side_char(self) -> str | None:
        """HWPX ``pageNum sideChar`` when the format is ``X {n} X`` (``"-"``), else ``None``."""
        m = _PAGE_NUMBER_RE.match(self.format)
        if m is None:
            return None
        left, right = m["left"].rstrip(" "), m["right"].lstrip(" ")
        if len(left) == 1 and left == right:
            return left
        return None


@attrs.frozen(slots=True, kw_only=True)
class PageSetup:
    """Paper, margins (HWP semantics) and page numbers (§1)."""

    size: Literal["A4"] = _opt("A4", "용지 (A4 세로)", "paper (A4 portrait)")
    margin: Margins = _group(Margins, "여백(mm, 한글 방식)", "margins in mm, HWP semantics")
    page_number: PageNumber = _group(PageNumber, "쪽 번호", "page numbers")

    @property
    def width_mm(self) -> float:
        return PAPER_MM[self.size][0]

    @property
    def height_mm(self) -> float:
        return PAPER_MM[self.size][1]

    @property
    def text_width_mm(self) -> float:
        """Width of the body text area (170 mm for A4 with 20/20 margins)."""
        m = self.margin
        return self.width_mm - m.left - m.right - m.gutter

    @property
    def text_width_pt(self) -> float:
        return units.mm_to_pt(self.text_width_mm)


# --------------------------------------------------------------------------- text styles


@attrs.frozen(slots=True, kw_only=True)
class Body:
    """Body defaults every role inherits unless it sets its own value (§3)."""

    font: str = _opt("휴먼명조", "본문 글꼴(한글 글꼴 이름)", "body font (official HWP name)")
    pt: float = _opt(
        15.0,
        "본문 글자 크기(pt). 기호 위치의 기준 em",
        "body size (pt); also the em of symbol positions",
        _positive,
    )
    line_pct: float = _opt(
        160.0, "줄 간격(%)", "line spacing (% of the font size)", _between(50, 400)
    )
    align: Align = _opt("justify", "문단 정렬", "paragraph alignment")
    letter_spacing_pct: float = _opt(
        0.0, "자간(%)", "letter spacing 자간 (% of the size)", _between(-50, 50)
    )
    width_pct: float = _opt(100.0, "장평(%)", "character width 장평 (%)", _between(50, 200))


@attrs.frozen(slots=True, kw_only=True)
class RoleStyle:
    """Style of one role; ``None`` inherits from :class:`Body` (or :attr:`Colors.text`)."""

    symbol: str = _opt("", "항목 기호(없으면 빈 문자열)", "item symbol ('' = none)")
    font: str | None = _opt(None, "글꼴", "font (official HWP name)")
    pt: float | None = _opt(None, "글자 크기(pt)", "size (pt)", _positive)
    bold: bool | None = _opt(None, "굵게", "bold")
    color: str | None = _opt(
        None,
        "글자 색(#RRGGBB 또는 colors 항목 이름)",
        "colour: '#RRGGBB' or a colors token",
        _color_ref,
    )
    lead: float | None = _opt(
        None,
        "왼쪽 기준선에서 기호까지 반각 공백 수(타). L1–L4에서 비우면 ladder 값",
        "lead from the left margin in half-spaces (타, 0.5 body em); L1–L4: None = ladder",
        _non_negative,
    )
    slot: Role | None = _opt(
        None, "기호 위치를 이 역할과 같게", "put the symbol where this role's symbol is"
    )
    child_of: Role | None = _opt(
        None,
        "기본 부모 역할. 기호 = 부모 기호 + 1 em(2타)",
        "default parent role; symbol = parent symbol x + 1 body em (2타)",
    )
    line_pct: float | None = _opt(None, "줄 간격(%)", "line spacing (%)", _between(50, 400))
    align: Align | None = _opt(None, "정렬", "alignment")
    letter_spacing_pct: float | None = _opt(
        None, "자간(%)", "letter spacing (%)", _between(-50, 50)
    )
    width_pct: float | None = _opt(None, "장평(%)", "character width (%)", _between(50, 200))
    keep_with_next: bool | None = _opt(None, "다음 문단과 함께", "keep with next paragraph")

    def __attrs_post_init__(self) -> None:
        if self.slot is not None and self.child_of is not None:
            raise ValueError("set either slot or child_of, not both")


def _rs(**kw: Any) -> RoleStyle:
    return RoleStyle(**kw)


_HEAD = "HY헤드라인M"
_GOTHIC = "맑은 고딕"


@attrs.frozen(slots=True, kw_only=True)
class Levels:
    """Style of every role (FORMAT.md §3, §4, §5); keys are the :data:`Role` names."""

    L1: RoleStyle = _opt(
        _rs(symbol="□", font=_HEAD, pt=15.0, bold=False, keep_with_next=True),
        "□ 1단계 항목",
        "□ first-level item",
    )
    L2: RoleStyle = _opt(
        _rs(symbol="○", pt=15.0, bold=False), "○/ㅇ 2단계 항목", "○/ㅇ second-level item"
    )
    L3: RoleStyle = _opt(_rs(symbol="-", pt=15.0, bold=False), "- 3단계 항목", "- third-level item")
    L4: RoleStyle = _opt(
        _rs(symbol="·", pt=14.0, bold=False), "· 4단계 항목", "· fourth-level item"
    )
    event_title: RoleStyle = _opt(
        _rs(symbol="√", pt=15.0, bold=True, slot="L3", keep_with_next=True),
        "√ 행사명",
        "√ event title",
    )
    event_field: RoleStyle = _opt(
        _rs(symbol="▶", pt=14.0, bold=False, child_of="event_title"),
        "▶ 행사 항목(일시/장소 : …)",
        "▶ event field (key : value)",
    )
    event_sub: RoleStyle = _opt(
        _rs(symbol="-", pt=14.0, bold=False, child_of="event_field"),
        "▶ 아래 - 항목",
        "- item under ▶",
    )
    enum: RoleStyle = _opt(
        _rs(symbol="①", pt=15.0, bold=False, child_of="L2"),
        "① 열거 항목(부모 기호 + 1 em)",
        "① enumerated item (parent symbol + 1 em)",
    )
    note: RoleStyle = _opt(
        _rs(symbol="※", font=_GOTHIC, pt=13.0, child_of="L2"),
        "※ 항목 참고(부모 기호 + 1 em)",
        "※ note under an item (parent symbol + 1 em)",
    )
    note_table: RoleStyle = _opt(
        _rs(symbol="※", font=_GOTHIC, pt=12.0, lead=0.0), "※ 표 아래 참고", "※ note under a table"
    )
    footnote: RoleStyle = _opt(
        _rs(symbol="*", font=_GOTHIC, pt=12.0, lead=4.0), "* 각주 줄", "* footnote line"
    )
    lead: RoleStyle = _opt(
        _rs(pt=15.0, lead=1.0), "기호 없는 리드 문장", "lead line without symbol"
    )
    paragraph: RoleStyle = _opt(_rs(lead=0.0), "일반 문단", "plain paragraph")
    subcaption: RoleStyle = _opt(
        _rs(symbol="●", pt=15.0, slot="L2", keep_with_next=True),
        "● 표 소제목",
        "● sub-caption above a table",
    )
    category: RoleStyle = _opt(
        _rs(font=_GOTHIC, pt=12.0, bold=True, color="#FFFFFF", align="center"),
        "분야 태그 글자(안전 분야)",
        "category tag label text",
    )
    summary: RoleStyle = _opt(_rs(pt=15.0, line_pct=150.0), "요약 박스 글자", "summary box text")
    overview: RoleStyle = _opt(
        _rs(symbol="①", pt=16.0, bold=True, line_pct=180.0, align="left"),
        "개요 상자 ① 항목",
        "① item in the overview box",
    )
    chip_number: RoleStyle = _opt(
        _rs(font=_HEAD, pt=17.0, color="#FFFFFF", align="center"),
        "번호 칩 숫자",
        "number in the section chip",
    )
    chip_title: RoleStyle = _opt(
        _rs(font=_HEAD, pt=17.0, align="left", keep_with_next=True),
        "번호 칩 제목",
        "section chip title",
    )
    task_number: RoleStyle = _opt(
        _rs(font=_HEAD, pt=18.0, color="#FFFFFF", align="center"),
        "과제 번호(칩)",
        "task headline number (chip)",
    )
    task_title: RoleStyle = _opt(
        _rs(font=_HEAD, pt=18.0, align="left", keep_with_next=True),
        "과제 제목",
        "task headline title",
    )
    unit_caption: RoleStyle = _opt(
        _rs(pt=12.0, align="right"),
        "칩 줄 오른쪽 단위·기준 캡션",
        "unit/basis caption at the right of the chip line",
    )
    part_heading: RoleStyle = _opt(
        _rs(font=_HEAD, pt=22.0, align="left", keep_with_next=True),
        "대제목(Ⅰ. 일반 현황)",
        "part heading (Ⅰ. …)",
    )
    cover_title: RoleStyle = _opt(
        _rs(font=_HEAD, pt=36.0, color="accent", align="center"), "표지 제목", "cover title"
    )
    cover_date: RoleStyle = _opt(
        _rs(font=_HEAD, pt=20.0, align="center"), "표지 날짜(2025. 4.)", "cover date"
    )
    cover_org: RoleStyle = _opt(
        _rs(font=_HEAD, pt=22.0, align="center"), "표지 기관명", "cover organisation"
    )
    cover_audience: RoleStyle = _opt(
        _rs(font=_HEAD, pt=16.0, align="center"), "표지 보고 대상", "cover audience line"
    )
    toc_heading: RoleStyle = _opt(
        _rs(font=_HEAD, pt=24.0, align="center"), "목차 제목(목 차)", "TOC heading"
    )
    toc_part: RoleStyle = _opt(
        _rs(font=_HEAD, pt=17.0, line_pct=200.0, align="left"), "목차 대제목 줄", "TOC part line"
    )
    toc_item: RoleStyle = _opt(
        _rs(pt=15.0, line_pct=200.0, align="left"), "목차 과제 줄", "TOC task line"
    )
    table_head: RoleStyle = _opt(
        _rs(font=_GOTHIC, pt=12.0, bold=True, line_pct=130.0, align="center"),
        "표 머리행",
        "table header cells",
    )
    table_body: RoleStyle = _opt(
        _rs(font=_GOTHIC, pt=12.0, bold=False, line_pct=130.0, align="center"),
        "표 본문 칸",
        "table body cells",
    )
    table_note: RoleStyle = _opt(
        _rs(pt=12.0, align="right"),
        "표 위 단독 단위 줄((단위 : 천원))",
        "stand-alone unit line above a table",
    )
    title_box: RoleStyle = _opt(
        _rs(font=_HEAD, pt=22.0, align="center", letter_spacing_pct=-3.0),
        "한 장 보고서 제목 상자",
        "one-page report title box",
    )
    byline: RoleStyle = _opt(
        _rs(pt=12.0, align="right"), "작성일·부서 줄", "date / department line"
    )
    appendix_label: RoleStyle = _opt(
        _rs(font=_HEAD, pt=16.0, color="#FFFFFF", align="center"),
        "참고·붙임 탭 이름",
        "appendix tab label (참고 1)",
    )
    appendix_title: RoleStyle = _opt(
        _rs(font=_HEAD, pt=16.0, align="left"), "참고·붙임 제목", "appendix title"
    )
    page_number: RoleStyle = _opt(_rs(pt=11.0, align="center"), "쪽 번호", "page number")

    def get(self, role: Role) -> RoleStyle:
        """The style of ``role``."""
        if role not in ROLES:
            raise ThemeError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        style: RoleStyle = getattr(self, role)
        return style


# --------------------------------------------------------------------------- spacing


def _freeze_pairs(value: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(value))


def _pair_keys(_inst: object, attr: attrs.Attribute[Any], value: Mapping[str, float]) -> None:
    for key, pt in value.items():
        prev, sep, nxt = key.partition(">")
        if not sep:
            raise FieldValueError(attr.name, f"key {key!r} must look like 'prev>next'")
        for side in (prev, nxt):
            if side != "*" and side not in BLOCKS:
                raise FieldValueError(attr.name, f"unknown role {side!r} in {key!r}")
        if isinstance(pt, bool) or not isinstance(pt, int | float) or pt < 0:
            raise FieldValueError(attr.name, f"{key!r} must be a number >= 0, got {pt!r}")


def _sp(default: float, ko: str, en: str) -> Any:
    return _opt(default, ko, en, _non_negative)


@attrs.frozen(slots=True, kw_only=True)
class Spacing:
    """Space before a block in pt, by transition (FORMAT.md §3.2, §3.4 ``spacing_before_pt``).

    See :func:`govreport.theme.spacing.space_before` for which field applies when.
    """

    L1: float = _sp(16.0, "□ 앞(일반)", "before □ (any previous block)")
    L1_after_summary: float = _sp(
        14.0, "요약 박스 다음 첫 □ 앞", "before the first □ after a summary box"
    )
    L2_after_L1: float = _sp(8.0, "□ 다음 ○ 앞", "before ○ right after □")
    L2: float = _sp(10.0, "○ 앞(○·-·※ 등 다음)", "before ○ after ○, -, ※ etc.")
    L3_after_L2: float = _sp(6.0, "○ 다음 - 앞", "before - right after ○")
    L3: float = _sp(4.0, "- 앞(- 다음 등)", "before - (after -, etc.)")
    L4: float = _sp(3.0, "· 앞", "before ·")
    event_title: float = _sp(8.0, "√ 앞", "before √")
    event_field: float = _sp(2.0, "▶ 앞", "before ▶")
    event_sub: float = _sp(2.0, "▶ 아래 - 앞", "before - under ▶")
    enum: float = _sp(6.0, "① 앞", "before ①")
    note: float = _sp(3.0, "항목 다음 ※ 앞", "before ※ after an item")
    note_after_table: float = _sp(4.0, "표 다음 ※ 앞", "before ※ after a table")
    footnote: float = _sp(3.0, "* 각주 앞", "before a * footnote")
    lead: float = _sp(6.0, "리드 문장 앞", "before a lead line")
    paragraph: float = _sp(10.0, "일반 문단 앞", "before a plain paragraph")
    subcaption: float = _sp(10.0, "● 소제목 앞", "before a ● sub-caption")
    category: float = _sp(8.0, "분야 태그 앞", "before a category tag")
    chip: float = _sp(
        16.0, "번호 칩 앞(같은 쪽에서 이어질 때)", "before a chip that does not start a page"
    )
    after_chip: float = _sp(6.0, "번호 칩 다음", "after a chip / task headline")
    after_summary: float = _sp(14.0, "요약 박스 다음(□ 이외)", "after a summary box (not □)")
    box: float = _sp(10.0, "상자(개요 상자 등) 앞", "before a box (overview etc.)")
    table_after_L1: float = _sp(6.0, "□ 다음 표 앞", "before a table right after □")
    table: float = _sp(8.0, "○/- 다음 표 앞", "before a table after ○/- etc.")
    table_after_caption: float = _sp(
        2.0, "● 소제목·단위 줄 다음 표 앞", "before a table right after its caption"
    )
    after_table: float = _sp(12.0, "표 다음(※ 이외)", "after a table (not ※)")
    part_heading: float = _sp(
        24.0, "대제목 앞(쪽 나눔 없을 때)", "before a part heading without page break"
    )
    part_heading_after: float = _sp(18.0, "대제목 다음", "after a part heading")
    toc_after_heading: float = _sp(18.0, "목차 제목 다음", "after the TOC heading")
    byline: float = _sp(
        4.0, "제목 상자 다음 작성일 줄 앞", "before the by-line under the title box"
    )
    after_title_block: float = _sp(
        14.0, "제목 상자·작성일 줄 다음", "after the title box / by-line"
    )
    pairs: Mapping[str, float] = attrs.field(
        factory=dict,
        converter=_freeze_pairs,
        validator=_pair_keys,
        hash=False,
        metadata={
            "ko": "전환별 직접 지정 {'이전>다음': pt}, '*' 가능. 다른 규칙보다 우선 "
            "(예: 'L2>L2' = 0)",
            "en": "explicit transitions {'prev>next': pt}, '*' wildcard; checked first "
            "(e.g. 'L2>L2' = 0 for compact mode)",
        },
    )


# --------------------------------------------------------------------------- colours, blocks


@attrs.frozen(slots=True, kw_only=True)
class Colors:
    """Colour palette (§7); other options may name these tokens instead of a hex value."""

    text: str = _opt("#000000", "글자 색", "text colour", _hex_color)
    accent: str = _opt("#000080", "강조 색(칩, 탭, 선)", "accent (chips, tabs, rules)", _hex_color)
    table_head_fill: str = _opt("#DFE6F7", "표 머리행 바탕", "table header fill", _hex_color)
    summary_fill: str | None = _opt(
        None, "요약 박스 바탕(none = 없음)", "summary box fill (none = no fill)", _hex_color
    )
    total_fill: str | None = _opt(
        None, "표 합계행 바탕(none = 없음)", "table totals fill (none = no fill)", _hex_color
    )


@attrs.frozen(slots=True, kw_only=True)
class Lines:
    """Generic line widths (mm) for boxes without their own option (overview, TOC box)."""

    thin_mm: float = _opt(0.12, "가는 선(mm)", "thin line (mm)", _positive)
    thick_mm: float = _opt(0.4, "굵은 선(mm)", "thick line (mm)", _positive)


@attrs.frozen(slots=True, kw_only=True)
class CoverOptions:
    """Cover page layout (§5.1); texts use roles ``cover_*``."""

    title_y_pct: float = _opt(
        33.0,
        "제목 위치(본문 높이의 %)",
        "title position (% of the text height from top)",
        _between(0, 100),
    )
    info_y_pct: float = _opt(
        70.0,
        "날짜·기관명 위치(본문 높이의 %)",
        "date/org block position (% of text height)",
        _between(0, 100),
    )
    title_frame: bool = _opt(False, "제목을 테두리 상자에 넣기", "put the title in a framed box")


@attrs.frozen(slots=True, kw_only=True)
class TocOptions:
    """Table of contents (§5.2); texts use roles ``toc_*``."""

    enabled: bool = _opt(True, "목차 쪽 만들기", "generate the TOC page")
    heading: str = _opt("목 차", "목차 제목", "heading text")
    leader: Literal["dots", "none"] = _opt(
        "dots", "쪽 번호 채움 문자", "leader before the page number"
    )
    item_indent_em: float = _opt(
        1.0, "과제 줄 들여쓰기(본문 em)", "task line indent (body em)", _non_negative
    )
    show_tasks: bool = _opt(True, "과제 줄 표시", "list tasks under each part")
    boxed: bool = _opt(
        False, "목차 전체를 상자(lines.thin)로", "wrap the TOC in a box (lines.thin)"
    )


@attrs.frozen(slots=True, kw_only=True)
class PartHeading:
    """Part heading Ⅰ. Ⅱ. (§5.3); text uses role ``part_heading``."""

    style: Literal["rule", "band"] = _opt(
        "rule",
        "rule: 밑줄 문단 / band: 1×4 띠 표",
        "rule: paragraph with bottom rule; band: 1×4 table",
    )
    rule_mm: float = _opt(0.5, "밑줄 굵기(mm)", "bottom rule width (mm)", _non_negative)
    rule_color: str = _opt("accent", "밑줄 색", "bottom rule colour", _color_ref)
    page_break_before: bool = _opt(True, "새 쪽에서 시작", "start on a new page")


@attrs.frozen(slots=True, kw_only=True)
class Chip:
    """Number chip / task headline 1×2 table (§5.4); texts use ``chip_*`` / ``task_*``."""

    number_cell_mm: float = _opt(11.7, "번호 칸 너비(mm)", "number cell width (mm)", _positive)
    height_mm: float = _opt(11.0, "칩 높이(mm)", "chip row height (mm)", _positive)
    task_height_mm: float = _opt(
        11.5, "과제 제목 칩 높이(mm)", "task headline row height (mm)", _positive
    )
    fill: str = _opt("accent", "번호 칸 바탕", "number cell fill", _color_ref)
    title_rule_mm: float = _opt(
        0.4, "제목 칸 밑줄(mm, 0 = 없음)", "title cell bottom rule (mm, 0 = none)", _non_negative
    )
    title_rule_color: str = _opt("accent", "제목 칸 밑줄 색", "title rule colour", _color_ref)
    cell_margin_lr_mm: float = _opt(
        1.8, "칸 안 여백 좌우(mm)", "cell margin left/right (mm)", _non_negative
    )
    cell_margin_tb_mm: float = _opt(
        0.5, "칸 안 여백 위아래(mm)", "cell margin top/bottom (mm)", _non_negative
    )
    title_lead_space: bool = _opt(True, "제목 앞 공백 한 칸", "one leading space before the title")
    task_page_break: bool = _opt(True, "과제마다 새 쪽", "each task starts a new page")


@attrs.frozen(slots=True, kw_only=True)
class SummaryBox:
    """요약 박스 1×1 table (§5.6); text uses role ``summary``."""

    border_mm: float = _opt(0.12, "테두리 굵기(mm)", "border width (mm)", _non_negative)
    border_style: Literal["single", "double"] = _opt("single", "테두리 모양", "border style")
    fill: str | None = _opt(
        "summary_fill", "바탕(none = 없음)", "fill (none = no fill)", _color_ref
    )
    min_height_mm: float = _opt(17.0, "최소 높이(mm)", "minimum height (mm)", _non_negative)
    indent_mm: float = _opt(
        3.5, "문단 왼쪽 들여쓰기(mm)", "paragraph left indent (mm)", _non_negative
    )
    cell_margin_mm: float = _opt(0.5, "칸 안 여백(mm)", "cell margin (mm)", _non_negative)


@attrs.frozen(slots=True, kw_only=True)
class OverviewBox:
    """Overview list box ① … ⑤ (§5.5); items use role ``overview``, border ``lines.thin``."""

    padding_mm: float = _opt(5.0, "안쪽 여백(mm)", "inner padding (mm)", _non_negative)
    border: Literal["thin", "thick"] = _opt("thin", "테두리(lines 값)", "border (lines token)")


@attrs.frozen(slots=True, kw_only=True)
class CategoryTagOptions:
    """Category tag ``안전 분야 | …`` (§5.7); label uses role ``category``."""

    style: Literal["table", "inline"] = _opt(
        "table",
        "table: 색 칸 + 글 칸 / inline: [안전 분야] 글",
        "table: coloured label cell + text; inline: '[label] text'",
    )
    label_width_mm: float = _opt(24.0, "이름 칸 너비(mm)", "label cell width (mm)", _positive)
    fill: str = _opt("accent", "이름 칸 바탕", "label cell fill", _color_ref)
    slot: Role = _opt("L3", "시작 위치(이 역할의 기호 위치)", "left edge = symbol x of this role")
    text_role: Role = _opt("paragraph", "글 칸 글자 역할", "role styling the text cell")


@attrs.frozen(slots=True, kw_only=True)
class EventOptions:
    """Event block √ / ▶ (§5.8)."""

    key_sep: str = _opt(
        " : ",
        "항목 이름 뒤 구분(' : ' 또는 ': ')",
        "separator after the key (' : ' seed, ': ' 어문 rule)",
    )
    place_sep: str = _opt(" / ", "일시와 장소 구분", "separator between date and place")


@attrs.frozen(slots=True, kw_only=True)
class TableStyle:
    """Table geometry and cell conventions (§6); texts use ``table_head`` / ``table_body``."""

    cell_margin_lr_mm: float = _opt(
        1.8, "칸 안 여백 좌우(mm)", "cell margin left/right (mm)", _non_negative
    )
    cell_margin_tb_mm: float = _opt(
        0.5, "칸 안 여백 위아래(mm)", "cell margin top/bottom (mm)", _non_negative
    )
    outer_tb_mm: float = _opt(
        0.4, "표 위·아래 바깥선(mm)", "outer top/bottom border (mm)", _non_negative
    )
    inner_mm: float = _opt(0.12, "안쪽 선(mm)", "inner lines (mm)", _non_negative)
    sides: Literal["open", "thin"] = _opt(
        "open",
        "좌우 바깥선: open 없음 / thin 가는 선",
        "outer left/right: open = none, thin = inner width",
    )
    head_fill: str | None = _opt(
        "table_head_fill", "머리행 바탕(none = 없음)", "header fill (none = no fill)", _color_ref
    )
    head_rule: Literal["single", "double"] = _opt(
        "single", "머리행 아래 선", "line under the header"
    )
    total_fill: str | None = _opt("total_fill", "합계행 바탕", "totals row/column fill", _color_ref)
    total_bold: bool = _opt(False, "합계 굵게", "bold totals")
    zero: str = _opt("-", "0·해당 없음 표시", "text for zero / n.a.")
    negative: str = _opt("△", "음수 앞 기호", "negative-number prefix")
    totals_first: bool = _opt(True, "합계를 먼저(머리행 바로 아래)", "totals before their parts")
    repeat_header: bool = _opt(True, "쪽 넘김 때 머리행 반복", "repeat header rows on each page")


@attrs.frozen(slots=True, kw_only=True)
class TitleBox:
    """One-page report title box (§5.10); text uses role ``title_box``."""

    style: Literal["box", "tab"] = _opt(
        "box",
        "box: 1×1 제목 상자 / tab: 1×3 이름|간격|제목",
        "box: 1×1 title box; tab: 1×3 label|gap|title",
    )
    border_mm: float = _opt(0.5, "위·아래 선 굵기(mm)", "top/bottom border (mm)", _non_negative)
    border_color: str = _opt("accent", "선 색", "border colour", _color_ref)
    padding_lr_mm: float = _opt(3.0, "안쪽 여백 좌우(mm)", "padding left/right (mm)", _non_negative)
    padding_tb_mm: float = _opt(
        2.5, "안쪽 여백 위아래(mm)", "padding top/bottom (mm)", _non_negative
    )
    min_height_mm: float = _opt(10.0, "최소 높이(mm)", "minimum height (mm)", _non_negative)


@attrs.frozen(slots=True, kw_only=True)
class AppendixOptions:
    """Appendix tab 참고 N / 붙임 N (§5.9); texts use ``appendix_label`` / ``appendix_title``."""

    label_fill: str = _opt("accent", "이름 칸 바탕", "label cell fill", _color_ref)
    gap_pct: float = _opt(
        1.6, "간격 칸 너비(%)", "gap cell width (% of text width)", _between(0, 50)
    )
    border_mm: float = _opt(0.12, "제목 칸 테두리(mm)", "title cell border (mm)", _non_negative)
    page_break_before: bool = _opt(True, "새 쪽에서 시작", "start on a new page")


@attrs.frozen(slots=True, kw_only=True)
class NumberingOptions:
    """Number sequences (one character per item)."""

    part: str = _opt("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ", "대제목 번호", "part numerals", _one_char_each)
    part_suffix: str = _opt(".", "대제목 번호 뒤 문자", "text after the part numeral")
    enum: str = _opt(
        "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", "① 열거·개요 번호", "enum / overview symbols", _one_char_each
    )


@attrs.frozen(slots=True, kw_only=True)
class DateOptions:
    """Date formatting (§8.2)."""

    style: Literal["short_compact", "short_spaced", "official"] = _opt(
        "short_compact",
        "short_compact '25.3.25. / short_spaced '25. 3. 25. / official 2025. 3. 25.",
        "short_compact '25.3.25.; short_spaced '25. 3. 25.; official 2025. 3. 25.",
    )
    apostrophe: Literal["'", "’"] = _opt("'", "연도 생략 부호", "year-elision apostrophe")
    range_sep: str = _opt("~", "기간 구분(붙여 씀)", "range separator (no spaces)")
    weekday: bool = _opt(True, "요일 (화) 붙이기", "append the weekday (화)")
    month_range: Literal["collapsed", "repeated"] = _opt(
        "collapsed",
        "같은 해 월 기간: collapsed '24. 1~2월 / repeated '24.1월~2월",
        "same-year month range: collapsed '24. 1~2월 / repeated '24.1월~2월",
    )


@attrs.frozen(slots=True, kw_only=True)
class NumberOptions:
    """Numbers and money (§8.3)."""

    thousands: str = _opt(",", "천 단위 구분", "thousands separator")
    money_space: bool = _opt(False, "45억 원처럼 단위 띄우기", "space before 원 (45억 원)")
    pct_decimals: int = _opt(
        1, "계산 비율 소수 자리", "decimals of computed percentages", _non_negative
    )


@attrs.frozen(slots=True, kw_only=True)
class LayoutOptions:
    """Writer behaviour that changes the look (§3.1, §3.2, §10)."""

    korean_break: Literal["word", "char"] = _opt(
        "word",
        "한글 줄 나눔: word 어절 / char 글자",
        "Korean line breaking: word (어절) or char (글자)",
    )
    blank_paragraphs: bool = _opt(
        False, "간격을 빈 줄 문단으로(한글식)", "emit spacing as empty N-pt paragraphs (hwp-native)"
    )
    hwpx_indent: Literal["margin", "spaces"] = _opt(
        "margin",
        "HWPX 들여쓰기: margin 왼쪽 여백 / spaces 반각 공백",
        "HWPX indent: margin = left+intent; spaces = leading half-spaces",
    )
    label_wrap: Literal["text", "label"] = _opt(
        "text",
        "(라벨) 항목 둘째 줄: text 본문 시작 / label 라벨 뒤",
        "wrapped lines of '(label)' items align with text or after the label",
    )


@attrs.frozen(slots=True, kw_only=True)
class Fitting:
    """Line fitting limits (§3.3): :attr:`Theme.fit_lines` and the pagination pass's pull-back."""

    letter_spacing_min_pct: float = _opt(
        -8.0, "자간 최소(%)", "tightest letter spacing (%)", _between(-50, 0)
    )
    width_steps_pct: tuple[float, ...] = attrs.field(
        default=(100.0, 98.0, 96.0, 95.0),
        converter=tuple,
        metadata={"ko": "시도할 장평(%)", "en": "widths tried in order (%)"},
    )
    max_orphan_chars: int = _opt(
        2,
        "마지막 줄 최소 글자 수 기준",
        "last line with this many chars or fewer is squeezed",
        _non_negative,
    )
    min_last_line_pct: float = _opt(
        30.0,
        "마지막 줄 최소 채움(%)",
        "last line filled less than this is squeezed",
        _between(0, 100),
    )
    pull_back_lines: int = _opt(
        3,
        "앞 페이지로 끌어올릴 넘침 줄 수(0 = 끔)",
        "a page holding only this many lines of the page before is pulled back (0 = off)",
        _between(0, 10),
    )
    min_space_pct: float = _opt(
        50.0,
        "끌어올릴 때 문단 앞 간격 최소(%)",
        "space between blocks may shrink to this % to pull a short page back",
        _between(0, 100),
    )
    min_page_fill_pct: float = _opt(
        60.0,
        "본문 쪽 최소 채움(%) — 부·과제의 마지막 쪽 제외",
        "a body page is filled at least this % (not a part's or task's last page)",
        _between(0, 100),
    )
    min_tail_fill_pct: float = _opt(
        40.0,
        "부·과제 마지막 쪽 최소 채움(%) — 앞 쪽에서 옮겨 채움(0 = 끔)",
        "a part's or task's last page holding a pushed group is filled to this % from "
        "the page before (0 = off)",
        _between(0, 100),
    )


def _colors(_inst: object, attr: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        raise FieldValueError(attr.name, "must name at least one colour")
    for v in value:
        if not _HEX_RE.match(v) and v not in COLOR_TOKENS:
            raise FieldValueError(attr.name, f"must be '#RRGGBB' or a colour token; got {v!r}")


@attrs.frozen(slots=True, kw_only=True)
class FigureOptions:
    """Pictures and charts (``figure``/``chart`` blocks): captions and the chart look."""

    caption_position: Literal["above", "below"] = _opt(
        "above", "그림 제목 < … > 위치(above 위 / below 아래)", "caption above or below"
    )
    chart_height_pct: float = _opt(
        55.0, "차트 높이(너비의 %)", "chart height (% of its width)", _between(10, 200)
    )
    chart_colors: tuple[str, ...] = attrs.field(
        default=("accent", "#8EA9DB", "#F4B183", "#A9D18E", "#FFD966", "#9DC3E6", "#C9C9C9"),
        converter=tuple, validator=_colors,
        metadata={"ko": "계열 색(차례대로)", "en": "series colours, in order"},
    )
    chart_font_pt: float = _opt(10.0, "차트 글자 크기(pt)", "chart text size (pt)",
                                _between(5, 30))
    chart_font_role: Role = _opt(
        "table_body", "차트 글꼴을 가져올 역할", "role giving the chart font"
    )
    gridlines: bool = _opt(False, "차트 눈금선", "horizontal gridlines in charts")
    logo_width_mm: float = _opt(30.0, "표지 로고 너비(mm)", "cover logo width (mm)", _positive)


# --------------------------------------------------------------------------- resolved style


@attrs.frozen(slots=True, kw_only=True)
class ResolvedStyle:
    """Effective, concrete style of a role (body defaults applied, colour tokens resolved)."""

    role: Role
    symbol: str
    font: str
    pt: float
    bold: bool
    color: str
    line_pct: float
    align: Align
    letter_spacing_pct: float
    width_pct: float
    keep_with_next: bool

    @property
    def line_height_pt(self) -> float:
        """Line pitch in pt (``pt × line_pct``)."""
        return units.line_height_pt(self.pt, self.line_pct)


# --------------------------------------------------------------------------- theme


def _check_role_refs(levels: Levels) -> None:
    for role in ROLES:
        seen: list[str] = [role]
        current = levels.get(role)
        while True:
            ref = current.slot or current.child_of
            if ref is None:
                break
            if ref in seen:
                chain = " -> ".join([*seen, ref])
                raise ValueError(f"levels.{role}: slot/child_of cycle {chain}")
            seen.append(ref)
            current = levels.get(ref)


MIN_TEXT_MM = 60.0
"""Smallest text area (width and height) a theme may leave on the page."""


def _check_page_room(theme: Theme) -> None:
    """Reject margins that leave no room for text, and absurd font sizes."""
    p, m = theme.page, theme.page.margin
    width = p.text_width_mm
    height = p.height_mm - m.top - m.bottom - m.header - m.footer
    if width < MIN_TEXT_MM:
        raise ValueError(
            f"page.margin: left + right + gutter leave {width:.0f} mm of text width "
            f"(at least {MIN_TEXT_MM:.0f} mm needed on a {p.width_mm:.0f} mm page)"
        )
    if height < MIN_TEXT_MM:
        raise ValueError(
            f"page.margin: top + bottom + header + footer leave {height:.0f} mm of text "
            f"height (at least {MIN_TEXT_MM:.0f} mm needed)"
        )
    for role in ROLES:
        pt = theme.levels.get(role).pt
        if pt is not None and pt > 96:
            raise ValueError(f"levels.{role}.pt: {pt} pt is too large (at most 96)")
    if theme.body.pt > 96:
        raise ValueError(f"body.pt: {theme.body.pt} pt is too large (at most 96)")


class _Derived(dict[Hashable, Any]):
    """What is worked out from one theme alone (:meth:`Theme.derived`), kept by that theme
    and gone with it.  A pickled theme (a batch worker's) starts with none."""

    def __reduce__(self) -> tuple[type[_Derived], tuple[()]]:
        return (_Derived, ())

_T = TypeVar("_T")


@attrs.frozen(slots=True, kw_only=True)
class Theme:
    """Everything that decides how a report looks; immutable, load/save as TOML or JSON."""

    profile: str = _opt("seoul", "프로필 이름", "profile name")
    description: str = _opt("서울시 「주요 업무 보고」", "설명", "description")
    page: PageSetup = _group(PageSetup, "쪽 설정", "page setup")
    body: Body = _group(Body, "본문 기본값", "body defaults")
    ladder: Ladder = _opt(
        "observed",
        "□○-· 위치: observed □0 ○1 -3 ·5 / gov2ta □0 ○2 -4 ·6 (반각 공백)",
        "L1–L4 leads in half-spaces: observed 0/1/3/5, gov2ta 0/2/4/6",
    )
    levels: Levels = _group(Levels, "역할별 글자 모양", "style per role")
    spacing: Spacing = _group(Spacing, "문단 앞 간격(pt)", "space before (pt) per transition")
    colors: Colors = _group(Colors, "색", "colours")
    lines: Lines = _group(Lines, "선 굵기", "line widths")
    cover: CoverOptions = _group(CoverOptions, "표지", "cover page")
    toc: TocOptions = _group(TocOptions, "목차", "table of contents")
    part_heading: PartHeading = _group(PartHeading, "대제목", "part heading")
    chip: Chip = _group(Chip, "번호 칩", "number chip / task headline")
    summary_box: SummaryBox = _group(SummaryBox, "요약 박스", "summary box")
    overview: OverviewBox = _group(OverviewBox, "개요 상자", "overview box")
    category: CategoryTagOptions = _group(CategoryTagOptions, "분야 태그", "category tag")
    event: EventOptions = _group(EventOptions, "행사 블록", "event block")
    table: TableStyle = _group(TableStyle, "표", "tables")
    title_box: TitleBox = _group(TitleBox, "제목 상자", "title box")
    appendix: AppendixOptions = _group(AppendixOptions, "참고·붙임", "appendices")
    numbering: NumberingOptions = _group(NumberingOptions, "번호 차례", "number sequences")
    dates: DateOptions = _group(DateOptions, "날짜", "dates")
    numbers: NumberOptions = _group(NumberOptions, "숫자·금액", "numbers and money")
    layout: LayoutOptions = _group(LayoutOptions, "배치 방식", "layout behaviour")
    figures: FigureOptions = _group(FigureOptions, "그림·차트", "pictures and charts")
    fit_lines: bool = _opt(
        True,
        "자간·장평을 줄여 1–2글자 넘침 막기",
        "squeeze 자간/장평 to avoid 1–2 char last lines",
    )
    fitting: Fitting = _group(Fitting, "줄 맞춤 한계", "line fitting limits")
    _derived: _Derived = attrs.field(factory=_Derived, init=False, eq=False, repr=False,
                                     hash=False)
    """:meth:`derived` values (not an option: not read, written or compared)."""

    def __attrs_post_init__(self) -> None:
        _check_role_refs(self.levels)
        _check_page_room(self)

    # ---- profiles and I/O

    @classmethod
    def seoul(cls) -> Theme:
        """Seoul 「주요 업무 보고」: ○ at L2, □ in HY헤드라인M (``profiles/seoul.toml``)."""
        return cls.profile_named("seoul")

    @classmethod
    def central(cls) -> Theme:
        """Central ministries: ㅇ at L2, □ in 휴먼명조 (``profiles/central.toml``)."""
        return cls.profile_named("central")

    @classmethod
    def profile_named(cls, name: str) -> Theme:
        """A shipped profile by name (``seoul``, ``central``)."""
        return _profile(name)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Theme:
        """Read a theme file (``.toml`` or ``.json``); missing keys keep their defaults."""
        from .io import read_theme

        return read_theme(path, cls())

    def save(self, path: str | PathLike[str]) -> None:
        """Write the theme as TOML or JSON (by suffix); :meth:`load` reads it back equal."""
        from .io import save_theme

        save_theme(self, path)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (TOML/JSON-ready). Unset optional values are omitted."""
        from .io import unstructure

        return unstructure(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Theme:
        """Build from plain data merged over the defaults; unknown keys raise ThemeError."""
        from .io import structure

        return structure(data, cls())

    def evolve(self, **changes: Any) -> Theme:
        """Replace top-level fields; nested groups accept objects or partial dicts."""
        from .io import structure

        return structure(changes, self)

    def override(self, changes: Mapping[str, Any]) -> Theme:
        """Apply dotted-path overrides: ``{"levels.L2.symbol": "ㅇ", "body.pt": 14}``."""
        from .io import apply_overrides

        return apply_overrides(self, changes)

    # ---- queries for writers

    def style(self, role: Role) -> RoleStyle:
        """The role's own style as configured (``None`` = inherited)."""
        return self.levels.get(role)

    def color(self, ref: str | None) -> str | None:
        """Resolve a colour option (hex or token such as ``accent``) to ``#RRGGBB`` or ``None``."""
        if ref is None or ref.startswith("#"):
            return ref
        if ref not in COLOR_TOKENS:
            raise ThemeError(f"unknown colour token {ref!r}; tokens: {', '.join(COLOR_TOKENS)}")
        value: str | None = getattr(self.colors, ref)
        return value

    def derived(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """``make()``, worked out once per theme and ``key`` (a theme is immutable, so what
        is computed from it alone — resolved styles, indents, spacing, a writer's shapes —
        holds as long as the theme).  An exception is not kept: the next call raises again."""
        kept = self._derived
        try:
            return cast(_T, kept[key])
        except KeyError:
            value = kept[key] = make()
            return value

    def resolve(self, role: Role) -> ResolvedStyle:
        """The effective style of ``role``: its own values, else the body defaults (worked
        out once per theme and role)."""
        key = ("resolve", role)
        try:
            return cast(ResolvedStyle, self._derived[key])
        except KeyError:
            return self.derived(key, lambda: self._resolve(role))

    def _resolve(self, role: Role) -> ResolvedStyle:
        s, b = self.levels.get(role), self.body
        return ResolvedStyle(
            role=role,
            symbol=s.symbol,
            font=s.font if s.font is not None else b.font,
            pt=s.pt if s.pt is not None else b.pt,
            bold=bool(s.bold),
            color=self.color(s.color) or self.colors.text,
            line_pct=s.line_pct if s.line_pct is not None else b.line_pct,
            align=s.align if s.align is not None else b.align,
            letter_spacing_pct=(
                s.letter_spacing_pct if s.letter_spacing_pct is not None
                else b.letter_spacing_pct
            ),
            width_pct=s.width_pct if s.width_pct is not None else b.width_pct,
            keep_with_next=bool(s.keep_with_next),
        )  # fmt: skip

    def indent(self, role: Role, parent_sym_x: float | None = None) -> HangingIndent:
        """Symbol/text x of ``role`` (§3.1); ``parent_sym_x`` places it 1 body em right of it."""
        key = ("indent", role, parent_sym_x)
        try:  # the common case first: worked out before (see :meth:`derived`)
            return cast("HangingIndent", self._derived[key])
        except KeyError:
            from .indent import indent

            return self.derived(key, lambda: indent(self, role, parent_sym_x))

    def child_indent(self, role: Role, parent_role: SpacingBlock | None,
                     parent: HangingIndent | None) -> HangingIndent:
        """Indent of ``role`` nested under an item of ``parent_role`` positioned at ``parent``."""
        key = ("child_indent", role, parent_role, parent)
        try:
            return cast("HangingIndent", self._derived[key])
        except KeyError:
            from .indent import child_indent

            return self.derived(key, lambda: child_indent(self, role, parent_role, parent))

    def space_before(self, prev: SpacingBlock | None, next_: SpacingBlock) -> float:
        """Space in pt before block ``next_`` following ``prev`` (§3.2; ``None`` = start)."""
        key = ("space_before", prev, next_)
        try:
            return cast(float, self._derived[key])
        except KeyError:
            from .spacing import space_before

            return self.derived(key, lambda: space_before(self, prev, next_))

    def symbol(self, role: Role, index: int = 0) -> str:
        """The symbol of the ``index``-th item (``enum``/``overview`` count ①②…)."""
        if role in ("enum", "overview"):
            seq = self.numbering.enum
            if not 0 <= index < len(seq):
                raise ThemeError(f"no enum symbol for item {index + 1} (numbering.enum)")
            return seq[index]
        return self.levels.get(role).symbol

    def part_label(self, index: int) -> str:
        """Part numeral with suffix for the ``index``-th part (0 → ``Ⅰ.``)."""
        seq = self.numbering.part
        if not 0 <= index < len(seq):
            raise ThemeError(f"no part numeral for part {index + 1} (numbering.part)")
        return seq[index] + self.numbering.part_suffix


@functools.cache
def _profile(name: str) -> Theme:
    """A shipped profile, read once per process (so ``Theme.seoul()`` is one object)."""
    from .io import read_profile

    return read_profile(name, Theme())
