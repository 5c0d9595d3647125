"""Facts the DOCX and HWPX writers share, kept once so the two files cannot disagree.

* :func:`font_kind` — whether a face is 명조 or 고딕, and fixed-pitch; Word's ``w:family``
  / ``w:pitch`` and Hancom's ``typeInfo familyType`` are both written from it;
* :data:`STYLE_NAMES` — the paragraph style each role gets in Word and in Hancom (a
  restyled template keeps these names).

Facts the layout shares with the writers live with the layout: resolved role styles, once
per role (:class:`govreport.layout.paginate.Styles`), row heights
(:func:`govreport.layout.paginate.row_heights_pt`), span placement
(:meth:`TableBox.spans <govreport.layout.nodes.TableBox.spans>`, ``rows``, ``slots``) and the
목차's geometry (:func:`govreport.layout.toc.toc_block`).  Word and Hancom units are in
:mod:`govreport.writers.units`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from ..theme.roles import ROLES, Role

__all__ = ["STYLE_NAMES", "FontKind", "StyleNames", "font_kind"]

_FIXED = re.compile(r"mono|courier|consolas|coding|fixed|체$", re.IGNORECASE)
_SANS = re.compile(
    r"고딕|돋움|굴림|헤드라인|나눔스퀘어|맑은|gothic|sans|dotum|gulim|malgun|arial|helvetica|"
    r"verdana|tahoma|calibri|segoe|roboto|pretendard|spoqa|nanumsquare|headline",
    re.IGNORECASE,
)
_SERIF = re.compile(
    r"명조|바탕|궁서|batang|myeongjo|myungjo|gungsuh|serif|mincho|song|times|georgia|"
    r"garamond|cambria|palatino|book\s?antiqua|courier",
    re.IGNORECASE,
)


class FontKind(NamedTuple):
    """What a reader needs to substitute a missing face: 명조 (``serif``) or 고딕, and
    whether every character has one width (``fixed``: 굴림체, 바탕체, D2Coding)."""

    serif: bool
    fixed: bool


def font_kind(face: str) -> FontKind:
    """The kind of a font face.  Sans hints first (``HY헤드라인M``, ``맑은 고딕``, ``Arial``,
    ``Microsoft Sans Serif``), then serif hints (``휴먼명조``, ``바탕``, ``Times New Roman``,
    ``Courier New``); a name with neither (``Inter``, ``D2Coding``) is taken for 고딕:
    Korean faces name their class (명조/바탕/고딕/돋움), most unnamed Latin ones are sans.
    Fixed pitch: ``…체`` (the Windows 굴림체/바탕체 family), mono/coding/Courier names."""
    serif = not _SANS.search(face) and _SERIF.search(face) is not None
    return FontKind(serif=serif, fixed=_FIXED.search(face) is not None)


# --------------------------------------------------------------------------- style names


class StyleNames(NamedTuple):
    """A role's paragraph style: ``word`` in DOCX (``GR L1``), ``hancom`` in HWPX (the
    Korean name Hancom shows, ``□ 1단계``; its English name is the role key)."""

    word: str
    hancom: str


def _word_name(role: str) -> str:
    if role == "toc_part":  # Word's own TOC field regenerates entries in "toc N": use them
        return "toc 1"
    if role == "toc_item":
        return "toc 2"
    if role[0] == "L" and role[1:].isdigit():
        return f"GR {role}"
    return "GR " + " ".join(part.capitalize() for part in role.split("_"))


_HANCOM: dict[str, str] = {
    "L1": "□ 1단계", "L2": "○ 2단계", "L3": "- 3단계", "L4": "· 4단계",
    "event_title": "√ 행사명", "event_field": "▶ 행사 항목", "event_sub": "▶ 아래 - 항목",
    "enum": "① 열거", "note": "※ 참고", "note_table": "※ 표 참고", "footnote": "* 각주",
    "lead": "리드 문장", "paragraph": "일반 문단", "subcaption": "● 소제목",
    "category": "분야 태그", "summary": "요약 박스", "overview": "개요 상자",
    "chip_number": "번호 칩 숫자", "chip_title": "번호 칩 제목",
    "task_number": "과제 번호", "task_title": "과제 제목", "unit_caption": "단위 캡션",
    "part_heading": "대제목", "cover_title": "표지 제목", "cover_date": "표지 날짜",
    "cover_org": "표지 기관명", "cover_audience": "표지 보고 대상",
    "toc_heading": "목차 제목", "toc_part": "목차 대제목", "toc_item": "목차 과제",
    "table_head": "표 머리행", "table_body": "표 본문", "table_note": "표 단위 줄",
    "title_box": "제목 상자", "byline": "작성일 줄", "appendix_label": "참고 탭 이름",
    "appendix_title": "참고 제목", "page_number": "쪽 번호 문단",
}

STYLE_NAMES: Mapping[Role, StyleNames] = MappingProxyType(
    {role: StyleNames(word=_word_name(role), hancom=_HANCOM.get(role, role)) for role in ROLES})
"""Role → its style names in Word and in Hancom, for every role of the theme."""
