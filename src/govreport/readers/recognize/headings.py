"""Section and appendix headings: chips (``1 | 추진개요`` tables), numbered and circled
headings, ``참고 1`` tabs, and the section numbering they imply."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ...model import Part
from ...model.document import Numbering
from ..inline import ATTACHMENT_RE
from ..source import SourceTable
from .drafts import PartDraft, SectionDraft

if TYPE_CHECKING:
    from .document import Recognizer
    from .ladder import Ladder




def circled_section(rec: Recognizer, head: tuple[int, str], parts: list[PartDraft],
                     ladder: Ladder | None) -> bool:
    """Whether a ``① 제목`` line is a section heading (``circled`` numbering) rather
    than an enum line: the 목차 lists it, or it continues circled sections, or it opens
    a part (nothing above it since the part heading)."""
    number, title = head
    if any(re.sub(r"\s+", "", e) == re.sub(r"\s+", "", f"{chr(0x2460 + number - 1)}{title}")
           for e in rec.toc_entries):
        return True
    if not parts:
        return False
    secs = parts[-1].sections
    if secs:
        return bool(secs[-1].style == "circled" and number == next_number(secs))
    return number == 1 and not parts[-1].intro and (ladder is None or ladder.empty())


def read_section(rec: Recognizer, number: int, title_text: str, position: int) -> SectionDraft:
    title, _, caption = title_text.partition("\t")
    sec = SectionDraft(title=title.strip(), shown=number)
    cap = caption.strip()
    if not cap:
        m = re.match(r"^(.*?)\s*(\((?:기준|단위)[^()]*\))$", title.strip())
        if m:
            sec.title, cap = m.group(1).strip(), m.group(2)
    if cap:
        parsed = rec.values.caption(cap)
        if parsed is None:
            rec.log.fallback("section " + title.strip(), f"caption {cap!r} not understood"
                              "; kept in the title")
            sec.title = title_text.replace("\t", " ").strip()
        else:
            sec.unit, sec.basis = parsed
    if number != position:
        sec.number = number
    return sec


def read_chip(rec: Recognizer, t: SourceTable, expected: int) -> SectionDraft:
    filled = [c for c in t.cells if c.text.strip()]
    head = filled[0].text.strip()
    m = re.match(r"^(\d{1,2})[\s\u2007\u3000]+(\S.*)$", head) if len(filled) == 1 else None
    if m:  # "1  추진 배경" in one box
        head, title = m.group(1), m.group(2).strip()
    elif len(filled) == 1:  # a chip glyph (❶, a private-use number) and the title in one cell
        head, title = head[0], head[1:].strip()
    else:
        title = "\t".join(c.text.strip() for c in filled[1:])
    digits = head.rstrip(".")
    number = int(digits) if digits.isdigit() else expected
    sec = read_section(rec, number, title, expected)
    sec.chip = True
    return sec


def appendix_heading_strict(text: str) -> tuple[str, str] | None:
    """An appendix heading paragraph (``참고 1`` / ``[붙임 2] 제목``), not a sentence."""
    if len(text) > 100:
        return None
    m = re.match(r"^[<\[【〈]\s*(참고|붙임|별첨|첨부)\s*(\d{1,2})?\s*[>\]】〉]\s*(.*)$", text)
    if m:
        return m.group(1), m.group(3).strip()
    m = re.match(r"^(참고|붙임|별첨|첨부)\s*(\d{1,2}(?:-\d{1,2})?)\.?\s*$", text)
    if m:
        return m.group(1), ""
    m = re.match(r"^(참고|붙임|별첨|첨부)\s*(\d{1,2})\s+(\S.{0,60})$", text)
    if m and not ATTACHMENT_RE.search(text):
        return m.group(1), m.group(3).strip()
    return None


def section_numbering(parts: list[Part]) -> tuple[list[Part], Numbering]:
    """The report's section numbering: ``circled`` when every part with sections uses it
    (then left off the parts), else each circled part keeps its own."""
    styles = {p.sections_numbering for p in parts if p.sections}
    if styles != {"circled"}:
        return parts, Numbering()
    return ([attrs.evolve(p, sections_numbering=None) for p in parts],
            Numbering(sections="circled"))


def next_number(sections: list[SectionDraft]) -> int:
    """The number a new section gets from its position (after the last shown number)."""
    return sections[-1].shown + 1 if sections else 1
