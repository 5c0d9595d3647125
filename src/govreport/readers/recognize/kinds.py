"""What a source table is on the page: approval header, 목차, part banner, chip, appendix
tab, category tag, overview box, one-cell box, or a data table."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..inline import CIRCLED, appendix_heading, part_heading, strip_lead
from ..source import SourceTable

if TYPE_CHECKING:
    from .document import Recognizer

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
