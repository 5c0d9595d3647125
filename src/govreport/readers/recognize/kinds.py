"""What a source table is on the page: approval header, 목차, part banner, chip, appendix
tab, category tag, overview box, one-cell box, or a data table."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..inline import CIRCLED, appendix_heading, part_heading, strip_lead
from ..source import SourceTable

if TYPE_CHECKING:
    from .document import Recognizer

APPROVAL_LABELS = frozenset({"문서번호", "결재일자", "공개여부", "방침번호", "등록일자",
                             "시행일자"})
"""The labels of a Seoul 결재문서's approval block."""
ROMAN_RE = re.compile(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]\.?|[IVX]{1,4}\.")
"""A part number alone in a chip's first cell."""
def spaced_label(text: str) -> str:
    """``붙 임`` / ``참 고`` written with a space between the letters → ``붙임`` / ``참고``."""
    return re.sub(r"^(참|붙|별|첨)[\s\u3000]+(고|임|첨|부)", r"\1\2", text)


BOX_CHIP_RE = re.compile(r"(?:[\ue000-\uf8ff\U000f0000-\U000ffffd❶❷❸❹❺❻❼❽❾❿][\s\u2007\u3000]*"
                         r"|\d{1,2}(?: {2,}|[\t\u2007\u3000][\s\u2007\u3000]*))(\D\S.{0,40})")
"""A section chip drawn as a one-cell box: a chip glyph or a number, then a short title."""
APPROVAL_WORDS = frozenset({"결재", "결 재", "담당", "협조", "전결", "기안", "검토"})


def table_kind(rec: Recognizer, t: SourceTable) -> str:
    texts = [c.text.strip() for c in t.cells]
    filled = [x for x in texts if x]
    if not filled:
        return "empty"
    flat = " ".join(filled)
    if t.n_rows <= 3 and any(x.replace(" ", "") in {w.replace(" ", "") for w in
                                                  APPROVAL_WORDS} for x in filled):
        return "approval"
    squashed = {re.sub(r"[\s:：]+", "", p.text) for c in t.cells for p in c.paras}
    if squashed & APPROVAL_LABELS or (t.n_rows <= 8 and squashed & {"협조", "결재"}):
        return "approval"  # 문서번호 / 결재일자 / 공개여부 …, signers' grid with 협조
    if any(x.replace(" ", "").replace("\u3000", "") in {"목차", "차례"} for x in filled[:1]):
        return "toc"
    if t.n_rows == 1:
        if len(filled) == 1 and part_heading(filled[0]) and "\n" not in filled[0]:
            return "part"
        if 2 <= t.n_cols <= 3 and len(filled) >= 2:
            head = filled[0]
            if ROMAN_RE.fullmatch(head):
                return "part_chip"  # "Ⅰ │ 관련근거": a part heading drawn as a chip
            if re.fullmatch(r"\d{1,2}\.?|[\ue000-\uf8ff\U000f0000-\U000ffffd]", head):
                return "chip"
            head = spaced_label(head)
            if appendix_heading(head) and re.fullmatch(
                    r"[<\[【〈]?\s*(참고|붙임|별첨|첨부)\s*\d*(?:-\d+)?\s*[>\]】〉]?", head):
                return "appendix"
            if len(filled) == 2 and len(head) <= 12 and "\n" not in head:
                return "category"
        if len(filled) == 1 and t.n_cols == 1:
            cell_paras = [p for c in t.cells for p in c.paras if p.text.strip()]
            if len(cell_paras) == 1 and BOX_CHIP_RE.fullmatch(cell_paras[0].text.strip()):
                return "chip"  # "❶ 추진 배경" or "1  추진 배경" drawn as one box
            if cell_paras and all(strip_lead(p.text)[:1] in CIRCLED for p in cell_paras):
                return "overview"
            return "box"
        if t.n_cols == 2 and len(filled) == 1 and re.fullmatch(
                r"[\ue000-\uf8ff\U000f0000-\U000ffffd]\s*\S.*", filled[0]):
            return "chip"
    if t.n_rows == 1 and t.n_cols == 1:
        return "box"
    del flat
    return "data"
