"""Reading typed values back out of report text: symbols, dates, counts, captions.

Every typed value is accepted only when the formatter prints it back as written (spaces
aside): ``('25.3.17.)`` becomes a date because :class:`~govreport.layout.text.TextFormatter`
prints that date as ``'25.3.17.``.  Anything else stays text — nothing is guessed, nothing lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation

from ..layout.text import TextFormatter
from ..model import PartialDate, Period, Quantity
from ..model.dates import QUALIFIERS

# ----------------------------------------------------------------------------- symbols

SYMBOL_CLASSES: dict[str, str] = {
    **dict.fromkeys("□■◻☐", "box"),
    **dict.fromkeys("○ㅇo❍◦◯", "circle"),
    **dict.fromkeys("-–‐−―", "dash"),
    **dict.fromkeys("·∙•", "dot"),
    "※": "note",
    "√": "event", "✓": "event",
    **dict.fromkeys("▶►▷", "field"),
    "●": "caption",
    **dict.fromkeys("❖◇◆⇨➡➢▪✔◈⇒➔❑◎▣", "other"),
}
"""Leading symbols → their class.  Levels are assigned per document from the order in which
the classes nest (one agency's ◦ is another's second level), not from this table."""
SYMBOL_FONT: dict[str, str] = {
    chr(0xF000 + code): ch for code, ch in {
        0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0x9F: "•",
        0xA7: "▪", 0xA8: "◻", 0xD8: "➢", 0xE8: "➔", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✔",
        0xFD: "☒", 0xFE: "☑"}.items()}
"""Wingdings characters as Hancom and Word store them (the font's code + U+F000, in the
Private Use Area) → the Unicode symbols they show."""
_SYMBOL_FONT_RE = re.compile("[" + "".join(SYMBOL_FONT) + "]")


def map_symbol_font(text: str) -> str:
    """``text`` with Wingdings private-use characters replaced by the symbols they show
    (``\uf076`` → ``❖``, ``\uf0fe`` → ``☑``); other text unchanged."""
    return _SYMBOL_FONT_RE.sub(lambda m: SYMBOL_FONT[m.group(0)], text) if text else text


CHIP_GLYPH_RE = re.compile("[\U000f0000-\U000ffffd]")
"""Hancom's own symbol glyphs (Supplementary Private Use Area): a □-like headline mark when
a line starts with one."""
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳❶❷❸❹❺❻❼❽❾❿"
SPACES = " \t\u00a0\u2002\u2003\u2007\u3000"
_NEEDS_SPACE = frozenset("oㅇ-–‐−―")


_STARS = re.compile(r"\*{1,3}")
_WORD = re.compile(r"\w")
_BLANK = SPACES + "\n"


def shows_text(run_text: str) -> bool:
    """Whether a run carries visible words (not only spaces or a ladder symbol like ``ㅇ``)."""
    s = run_text.strip(_BLANK)
    if not s or s in SYMBOL_CLASSES or s in CIRCLED or _STARS.fullmatch(s):
        return False
    return _WORD.search(s) is not None


_SPACE_PT = {" ": 7.5, "\u00a0": 7.5, "\u2002": 7.5, "\u2007": 7.5, "\u2003": 15.0,
             "\u3000": 15.0, "\t": 30.0}


def typed_indent_pt(text: str) -> float:
    """The width (pt, at a 15 pt body) of the spaces typed before a paragraph's first mark —
    how most Hancom users indent; added to the paragraph's own indent."""
    width = 0.0
    for ch in text:
        if ch not in _SPACE_PT:
            break
        width += _SPACE_PT[ch]
    return width


def strip_lead(text: str) -> str:
    """``text`` without leading spaces of any kind (typed indents, U+2007, U+3000, tabs)."""
    return text.lstrip(SPACES)


def split_symbol(text: str) -> tuple[str, str, str] | None:
    """``(class, symbol, rest)`` for a ladder line (``'○\\u2007현장 방문'``), else ``None``.

    Footnote marks are ``*``/``**``/``***`` followed by a space; masked text (``****``, ``*``
    glued to a word) is not a mark.  ``o``/``ㅇ``/``-`` count only when a space follows.
    """
    s = strip_lead(text)
    if not s:
        return None
    m = re.match(r"(\*{1,3})[" + SPACES + r"]+(?=\S)", s)
    if m:
        return "footnote", m.group(1), s[m.end():].lstrip(SPACES)
    ch = s[0]
    if ch in CIRCLED:
        return "enum", ch, s[1:].lstrip(SPACES)
    if CHIP_GLYPH_RE.fullmatch(ch) and s[1:].strip(SPACES):
        return "box", ch, s[1:].lstrip(SPACES)  # "󰏚회의개요": a Hancom headline glyph
    cls = SYMBOL_CLASSES.get(ch)
    if cls is None:
        return None
    rest = s[1:]
    glued = bool(rest) and ch in "oㅇ" and (ch == "ㅇ" or rest[0] in "「『“‘(" or
                                           "\uac00" <= rest[0] <= "\ud7a3")
    if ch in _NEEDS_SPACE and (not rest or rest[0] not in SPACES) and not glued:
        return None  # "ㅇ이에 따른 …", "o「학칙」": a mark typed without its space
    if ch in "-–―" and s.rstrip().endswith(ch) and len(s.strip()) > 2:
        return None  # a page number "- 3 -" or a subtitle "- 시민 … 위한 -"
    rest = rest.lstrip(SPACES)
    if not rest:
        return None
    return cls, ch, rest


PART_RE = re.compile(r"^([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.．]?[" + SPACES
                     + r"]+(\S.*)$")
DATE_LIKE_RE = re.compile(r"^\d{1,4}\.\s*\d{1,2}\.")
SECTION_RE = re.compile(r"^(\d{1,2})[.)][" + SPACES + r"]+(\D.*)$")
APPENDIX_RE = re.compile(r"^[<\[【〈]?[" + SPACES + r"]*(참고|붙임|별첨|첨부)[" + SPACES
                         + r"]*(\d{1,2})?[" + SPACES + r"]*[>\]】〉]?[.:]?[" + SPACES
                         + r"]*(.*)$")


MAX_HEADING = 300
"""Longer lines are never headings, dates or captions (and hostile lines stay linear)."""
LEADERS = frozenset("·…．.-_ \u00a0\u2007\u3000")


def toc_entry(text: str) -> str | None:
    """The title of a 목차 line (``Ⅰ. 일반 현황 ······ 3``, ``1. 주요 기능\t5``), else None."""
    s = text.rstrip()
    end = len(s)
    while end > 0 and s[end - 1].isdigit() and len(s) - end < 4:
        end -= 1
    if end == len(s) or end == 0 or (end > 0 and s[end - 1].isdigit()):
        return None
    head = s[:end]
    stripped = head.rstrip("".join(LEADERS) + "\t")
    gap = head[len(stripped):]
    if "\t" not in gap and sum(1 for c in gap if c in "·…．.") < 3:
        return None
    return stripped.strip() or None


def part_heading(text: str) -> str | None:
    """The title of a part heading ``Ⅰ. 일반 현황`` / ``Ⅱ 주요 업무``, else ``None``."""
    if len(text) > MAX_HEADING:
        return None
    m = PART_RE.match(strip_lead(text))
    if not m or not m.group(1):
        return None
    return m.group(2).strip()


def section_heading(text: str) -> tuple[int, str] | None:
    """``(1, '추진개요')`` for a numbered heading ``1. 추진개요``; dates are not headings."""
    s = strip_lead(text)
    if len(s) > MAX_HEADING or DATE_LIKE_RE.match(s):
        return None
    m = re.match(r"^([\ue000-\uf8ff])[" + SPACES + r"]*(\S.{0,59})$", s)
    if m:  # a Hancom private-use chip glyph: numbered by position
        return 0, m.group(2).strip()
    m = SECTION_RE.match(s)
    if not m or len(m.group(2)) > 60 or ATTACHMENT_RE.search(s):
        return None
    return int(m.group(1)), m.group(2).strip()


CIRCLED_RE = re.compile(r"^([\u2460-\u2473])[" + SPACES + r"]+(\S.{0,59})$")


def circled_heading(text: str) -> tuple[int, str] | None:
    """``(1, '운영 목적')`` for ``① 운영 목적`` (a section numbered ``circled``, or an enum
    line: the recognizer decides by context)."""
    s = text.strip()
    if len(s) > MAX_HEADING or "\t" in s:
        return None
    m = CIRCLED_RE.match(s)
    if not m:
        return None
    return ord(m.group(1)) - 0x2460 + 1, m.group(2).strip()


ATTACHMENT_RE = re.compile(r"(\d+\s*부\.?|끝\.)\s*$")
"""The end of a line of the ``붙임 1. 계획서 1부.  2. 명단 1부.  끝.`` attachment list."""


def appendix_heading(text: str) -> tuple[str, str] | None:
    """``('참고', '규제철폐 주요 사례')`` for ``참고 1 규제철폐 …`` / ``[붙임 2] …``."""
    if len(text) > MAX_HEADING:
        return None
    m = APPENDIX_RE.match(strip_lead(text))
    if not m:
        return None
    return m.group(1), m.group(3).strip()


# ----------------------------------------------------------------------------- dates

_PT = re.compile(
    r"^(?:(?:'|’|‘)(?P<yy>\d{2})|(?P<yyyy>\d{4}))?\s*\.?\s*"
    r"(?:(?P<a>\d{1,2})\s*(?P<aw>월|\.))?\s*"
    r"(?:(?P<b>\d{1,2})\s*(?P<bw>일|\.))?\s*"
    r"(?:\((?P<wd>[월화수목금토일])\))?\s*"
    r"(?:(?P<H>\d{1,2}):(?P<M>\d{2}))?$"
)


def _points(text: str, start: PartialDate | None) -> Iterator[PartialDate]:
    """Every reading of one written date point (year/month inherited from ``start``)."""
    m = _PT.match(text.strip())
    if not m or not text.strip():
        return
    year = 2000 + int(m["yy"]) if m["yy"] else int(m["yyyy"]) if m["yyyy"] else None
    nums = [int(x) for x in (m["a"], m["b"]) if x is not None]
    hour = int(m["H"]) if m["H"] else None
    minute = int(m["M"]) if m["M"] else None
    if year is None and start is None:
        return
    readings: list[tuple[int | None, int | None]] = []
    if year is not None:
        if len(nums) == 2:
            readings.append((nums[0], nums[1]))
        elif len(nums) == 1:
            readings.append((nums[0], None))
        else:
            readings.append((None, None))
    else:
        assert start is not None
        year = start.year
        if len(nums) == 2:
            readings.append((nums[0], nums[1]))
        elif len(nums) == 1:
            if m["aw"] != "월" and start.month is not None and start.day is not None:
                readings.append((start.month, nums[0]))
            readings.append((nums[0], None))
    for month, day in readings:
        try:
            yield PartialDate(year=year, month=month, day=day,
                              hour=hour if day is not None else None,
                              minute=minute if day is not None else None)
        except (ValueError, TypeError):
            continue


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("’", "'").replace("‘", "'")


def period_readings(text: str) -> Iterator[Period]:
    """Candidate periods for a written date/period (checked by the caller)."""
    s = text.strip()
    if len(s) > 80:
        return
    qualifier = None
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if s.endswith(q):
            qualifier, s = q, s[: -len(q)].rstrip()
            break
    if not s:
        return
    if "~" in s or "∼" in s:
        a, b = re.split(r"[~∼]", s, maxsplit=1)
        for start in _points(a, None):
            if not b.strip():
                yield Period(start=start, open_end=True, qualifier=qualifier)
                continue
            for end in _points(b, start):
                if end.sort_key() >= start.sort_key():
                    yield Period(start=start, end=end, qualifier=qualifier)
        # ``'25. 4~5월`` : a month range written once
        m = re.match(r"^(.*?)(\d{1,2})$", a.strip())
        if m and b.strip().endswith("월"):
            for end in _points(f"{m.group(1)}{b.strip()}", None):
                for start in _points(f"{m.group(1)}{m.group(2)}월", None):
                    if end.sort_key() >= start.sort_key():
                        yield Period(start=start, end=end, qualifier=qualifier)
        return
    for start in _points(s, None):
        yield Period(start=start, qualifier=qualifier)


class ValueReader:
    """Typed values from text, each accepted only when the formatter prints it as written."""

    def __init__(self, fmt: TextFormatter) -> None:
        self.fmt = fmt

    def _period(self, text: str, form: Callable[[Period], str]) -> Period | None:
        want = _squash(text)
        for p in period_readings(text):
            try:
                shown = form(p)
            except Exception:
                continue
            if _squash(shown) == want or _squash(re.sub(r"\([월화수목금토일]\)", "", shown)) \
                    == _squash(re.sub(r"\([월화수목금토일]\)", "", text)):
                return p
        return None

    def annotation(self, text: str) -> Period | None:
        """An item's attached date ``'25.3.17.`` / ``'24.7.~12.``."""
        return self._period(text, self.fmt.annotation_date)

    def heading(self, text: str) -> Period | None:
        """A period after a heading: ``'25. 2월~'25. 4월``."""
        return self._period(text, self.fmt.heading_period)

    def schedule(self, text: str) -> Period | None:
        """A date value after a key: ``'25. 4~5월 중``."""
        return self._period(text, self.fmt.schedule)

    def as_of(self, text: str) -> Period | None:
        """A 기준 date in running text: ``'24. 12. 31.`` (of ``('24. 12. 31. 기준)``)."""
        return self._period(text, self.fmt.as_of)

    def cited(self, text: str) -> tuple[PartialDate, str] | None:
        """A cited document's date and the style it is printed in: ``'22.3.4.``."""
        for p in period_readings(text):
            if p.end is not None and p.end != p.start:
                continue
            for style in ("short_compact", "short_spaced", "official"):
                try:
                    shown = self.fmt.cited_date(p.start, style)
                except Exception:
                    continue
                if _squash(shown) == _squash(text):
                    return p.start, style
        return None

    def basis(self, text: str) -> Period | None:
        """A caption's 기준 date ``'25.3월말``."""
        return self._period(text, self.fmt.basis)

    def cover(self, text: str) -> Period | None:
        """The cover date ``2025. 4.`` / ``2025. 5. 12.``."""
        return self._period(text, self.fmt.cover_date)

    def count(self, text: str) -> Quantity | None:
        """``2,507건``, ``150여 명``, ``약 15,000명``."""
        if len(text) > 60:
            return None
        m = re.match(r"^(약\s*)?([\d,]+(?:\.\d+)?)(여)?\s*([가-힣A-Za-z%]{0,6}(?: [가-힣]{1,4})?)$",
                     text.strip())
        if not m:
            return None
        try:
            d = Decimal(m.group(2).replace(",", ""))
        except InvalidOperation:
            return None
        value: int | float = int(d) if d == d.to_integral_value() and "." not in m.group(2) \
            else float(d)
        approx = "여" if m.group(3) else "약" if m.group(1) else ""
        unit = m.group(4)
        if re.search(r"만점|기준|이상|이하|미만|초과|당$", unit):
            return None  # (5점 만점), (100명 이상): a scale or a bound, not a count
        if unit.startswith(" "):
            unit = unit.strip()
        q = Quantity(value=value, unit=unit, approx=approx)  # type: ignore[arg-type]
        for cand in (q, Quantity(value=value, unit=unit.replace(" ", ""),
                                 approx=approx)):  # type: ignore[arg-type]
            try:
                if self.fmt.count(cand) == text.strip():
                    return cand
            except Exception:
                continue
        return None

    def dates_place(self, text: str, place_sep: str) -> tuple[list[PartialDate], str | None] | None:
        """The ``'25. 3. 24.(월) 21:20 / 장소`` of an 일시/장소 field."""
        from ..model import WhenWhere

        if len(text) > MAX_HEADING:
            return None
        when, _, place = text.partition(place_sep.strip())
        when = when.strip()
        pieces = [x.strip() for x in re.split(r",\s*", when) if x.strip()]
        dates: list[PartialDate] = []
        prev: PartialDate | None = None
        for piece in pieces:
            found = None
            for d in _points(piece, prev):
                if d.day is not None:
                    found = d
                    break
            if found is None:
                return None
            dates.append(found)
            prev = found
        if not dates:
            return None
        place_text = place.strip() or None
        shown = self.fmt.when_where(WhenWhere(dates=dates, place=place_text))
        if _squash(shown) != _squash(text):
            return None
        return dates, place_text

    def caption(self, text: str) -> tuple[str | None, Period | None] | None:
        """``(기준 / 단위 : '25.3월말 / 명)`` → unit and 기준; ``(단위 : 억원)`` → unit."""
        s = text.strip()
        if len(s) > MAX_HEADING:
            return None
        m = re.match(r"^[(\[]\s*(.*?)\s*[)\]]$", s)
        if not m:
            return None
        inner = m.group(1)
        m2 = re.match(r"^기준\s*/\s*단위\s*[:：]\s*(.+?)\s*/\s*(.+)$", inner)
        if m2:
            basis = self.basis(m2.group(1))
            if basis is None:
                return None
            return m2.group(2).strip(), basis
        m2 = re.match(r"^단위\s*[:：]\s*(.+)$", inner)
        if m2:
            return m2.group(1).strip(), None
        m2 = re.match(r"^기준\s*[:：]\s*(.+)$", inner)
        if m2:
            basis = self.basis(m2.group(1))
            return (None, basis) if basis is not None else None
        return None
