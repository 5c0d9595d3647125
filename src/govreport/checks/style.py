"""Style check of a report (``govreport lint``, the MCP tool ``lint_report``).

Validation (:func:`govreport.check`) says whether a report is *correct*: types, dates,
arithmetic.  This module says whether it is written the way 개조식 reports are written
(FORMAT.md §8–9) — things a renderer cannot fix and a reviewer would mark:

==================  =====================================================================
rule                what it finds
==================  =====================================================================
``ending``          an item ending like a sentence (``~습니다``, ``~합니다``, ``~다.``);
                    개조식 lines end in a noun or ``~함/~임`` (FORMAT.md §9)
``typed-symbol``    a ladder symbol typed into the text (``□ □ 추진방향`` once rendered)
``long-line``       a title longer than one line, or an item longer than
                    :data:`MAX_ITEM_LINES` lines, at the theme's width and size
``date-style``      a date typed in another style than the report's (``2025-03-25``,
                    ``2025년 3월 25일``, ``2025.03.25``, or the other of official/short)
``single-child``    an item (- and deeper) with a single sub-item: merge it or add another
``empty-section``   a section (or part) without any content
``spacing``         Latin/digits and Hangul spaced where they attach (``150 명``,
                    ``CCTV 를``) and doubled spaces
==================  =====================================================================

Every finding is a :class:`LintWarning` with the JSON path of the value (as the user wrote
the JSON), a message and a fix.  The check reads the JSON data itself, so paths match the
file; a :class:`~govreport.model.Report` built in Python is first written as JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..theme import Theme

MAX_ITEM_LINES = 3
"""An item (□ ○ - ·) wrapping to more lines than this is too long for a 개조식 line."""

SINGLE_CHILD_LEVEL = 3
"""A single sub-item is flagged from this level on (- with one ·): under □ and ○ one
detail line is common in real reports (the Seoul seed has several)."""

RULES: tuple[str, ...] = ("ending", "typed-symbol", "long-line", "date-style", "single-child",
                          "empty-section", "spacing")

_ITEM_TYPES = frozenset({"item", "enum"})
"""Block types whose text is a 개조식 line (the ending rule)."""
_TEXT_TYPES = frozenset({"item", "enum", "note", "footnote", "paragraph", "lead",
                         "subcaption", "event", "category"})
"""Block types whose text fields are checked for typed symbols, spacing and dates."""
_TEXT_FIELDS = ("text", "title", "key", "label", "summary", "note")


@dataclass(frozen=True, slots=True, kw_only=True)
class LintWarning:
    """One style finding: where (JSON path), what, and how to fix it."""

    path: str
    rule: str
    message: str
    fix: str
    severity: str = "warning"

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}] — fix: {self.fix}"

    def as_json(self) -> dict[str, str]:
        return {"path": self.path, "rule": self.rule, "message": self.message,
                "fix": self.fix, "severity": self.severity}


# --------------------------------------------------------------------------- endings

_ENDINGS: tuple[tuple[str, str], ...] = (
    ("하였습니다", "함"), ("했습니다", "함"), ("합니다", "함"), ("됩니다", "됨"),
    ("되었습니다", "됨"), ("됐습니다", "됨"), ("입니다", "임"), ("있습니다", "있음"),
    ("없습니다", "없음"), ("겠습니다", "겠음"), ("습니다", "음"), ("ㅂ니다", "ㅁ"),
    ("한다", "함"), ("된다", "됨"), ("이다", "임"), ("있다", "있음"), ("없다", "없음"),
    ("하였다", "함"), ("했다", "함"), ("였다", "임"),
)
_SENTENCE = re.compile(r"(?:습니다|니다|[한된있없였했]다|이다)[.!]?\s*$")


def _nominal(text: str) -> str | None:
    """``text`` with its sentence ending made nominal (``추진합니다.`` → ``추진함``)."""
    body = text.rstrip().rstrip(".!").rstrip()
    for ending, short in _ENDINGS:
        if body.endswith(ending):
            return body[: -len(ending)] + short
    return None


# --------------------------------------------------------------------------- symbols

_LADDER = "□■○◦ㅇ❍●◎◆◇▶▷√※*·-–①②③④⑤⑥⑦⑧⑨⑩"
_TYPED = re.compile(rf"^\s*([{re.escape(_LADDER)}]|\d{{1,2}}\.|[가-하]\.|\(\d{{1,2}}\))\s+")


# --------------------------------------------------------------------------- dates

_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d-])")
_KO_WORDS = re.compile(r"(?<!\d)(\d{4})년\s*(\d{1,2})월(?:\s*(\d{1,2})일)?")
_PADDED = re.compile(r"(?<![\d.'’])(\d{4}|['’]\d{2})\.\s?(0\d)\.(?:\s?(0\d|[12]\d|3[01])\.?)?")
_OFFICIAL = re.compile(r"(?<![\d.'’])(\d{4})\.\s(\d{1,2})\.(?:\s(\d{1,2})\.)?")
_SHORT = re.compile(r"['’](\d{2})\.\s?(\d{1,2})\.(?:\s?(\d{1,2})\.)?")


def _short_family(style: str) -> bool:
    return style != "official"


def _date_text(year: int, month: int, day: int | None, theme_style: str) -> str | None:
    """The date in the theme's style (through the formatting layer), or None if invalid."""
    import datetime

    from ..formatting import format_date
    from ..model import PartialDate

    style = {"short_compact": "compact", "short_spaced": "spaced"}.get(theme_style, "official")
    try:
        datetime.date(year, month, day or 1)  # a real calendar date, else not a date at all
        point = PartialDate(year=year, month=month, day=day)
        return format_date(point, style, weekday=False)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None


def _dates(text: str, theme_style: str) -> Iterator[tuple[str, str]]:
    """(found, replacement) for each date of ``text`` not in the report's style."""
    seen: set[str] = set()

    def found(m: re.Match[str], year: int) -> Iterator[tuple[str, str]]:
        whole = m.group(0).strip()
        if whole in seen:
            return
        seen.add(whole)
        day = int(m.group(3)) if m.group(3) else None
        better = _date_text(year, int(m.group(2)), day, theme_style)
        if better is not None and better != whole:
            yield whole, better

    for m in _ISO.finditer(text):
        yield from found(m, int(m.group(1)))
    for m in _KO_WORDS.finditer(text):
        yield from found(m, int(m.group(1)))
    for m in _PADDED.finditer(text):
        y = m.group(1)
        yield from found(m, int(y) if len(y) == 4 else 2000 + int(y[1:]))
    if _short_family(theme_style):
        for m in _OFFICIAL.finditer(text):
            if m.group(3):  # a full date: official style in a short-style report
                yield from found(m, int(m.group(1)))
    else:
        for m in _SHORT.finditer(text):
            yield from found(m, 2000 + int(m.group(1)))


# --------------------------------------------------------------------------- spacing

_COUNTERS = ("명", "건", "개", "대", "동", "호", "회", "원", "억원", "만원", "천원", "백만원",
             "가구", "세대", "개소", "곳", "개월", "년", "일", "시간", "분", "km", "㎡", "%")
_NUMBER_GAP = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?) (" + "|".join(
    sorted(_COUNTERS, key=len, reverse=True)) + r")(?![가-힣])")
_PARTICLES = ("을", "를", "은", "는", "이", "가", "의", "에", "와", "과", "로", "으로", "도",
              "에서", "까지")
_LATIN_GAP = re.compile(r"([A-Za-z][A-Za-z0-9]*) (" + "|".join(
    sorted(_PARTICLES, key=len, reverse=True)) + r")(?![가-힣])")
_DOUBLE = re.compile(r"(?<=\S)  +(?=\S)")


def _spacing(text: str) -> list[tuple[str, str]]:
    """(message, fix) for each spacing slip of ``text``, in the order of the text."""
    out: list[tuple[int, str, str]] = []
    for m in _NUMBER_GAP.finditer(text):
        out.append((m.start(), f"a counter is attached to its number (FORMAT.md §8.3): "
                               f"{m.group(0)!r}", f"write {m.group(1) + m.group(2)!r}"))
    for m in _LATIN_GAP.finditer(text):
        out.append((m.start(), f"a particle is attached to the word before it: "
                               f"{m.group(0)!r}", f"write {m.group(1) + m.group(2)!r}"))
    for m in _DOUBLE.finditer(text):
        out.append((m.start(), f"{len(m.group(0))} spaces in a row", "write one space"))
    return [(message, fix) for _, message, fix in sorted(out)]


# --------------------------------------------------------------------------- the walk


class _Linter:
    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.style = theme.dates.style
        self.found: list[LintWarning] = []

    def add(self, path: str, rule: str, message: str, fix: str) -> None:
        self.found.append(LintWarning(path=path, rule=rule, message=message, fix=fix))

    # --- text rules

    def text(self, value: str, path: str, *, item: bool, level: int | None) -> None:
        m = _TYPED.match(value)
        if m and item:
            symbol = m.group(1)
            self.add(path, "typed-symbol",
                     f"the text starts with {symbol!r}: the renderer prints the symbol of the "
                     f"level itself ({symbol} {symbol} …)",
                     f"write {value[m.end():][:60]!r} (set \"level\" or \"symbol\" instead)")
        for found, better in _dates(value, self.style):
            self.add(path, "date-style",
                     f"the date {found!r} is not in the report's style ({self.style})",
                     f"write {better!r}, or use a date field (date, period, schedule) so it "
                     "is formatted for you")
        for message, fix in _spacing(value):
            self.add(path, "spacing", message, fix)

    def ending(self, value: str, path: str) -> None:
        if _SENTENCE.search(value):
            nominal = _nominal(value)
            shown = nominal if nominal is None or len(nominal) <= 40 else "…" + nominal[-39:]
            fix = (f"end in a noun or ~함/~임: {shown!r}" if nominal
                   else "end in a noun or ~함/~임 (개조식), without a final period")
            self.add(path, "ending", "the item ends like a sentence (~습니다/~합니다/~다); "
                     "개조식 lines end in a noun or ~함/~임", fix)

    def lines(self, value: str, path: str, level: int, *, title: bool) -> None:
        from ..layout.grid import text_em
        from ..theme.indent import indent

        role = "L1" if title else f"L{min(max(level, 1), 4)}"
        try:
            style = self.theme.resolve(role)  # type: ignore[arg-type]
            text_x = 0.0 if title else indent(self.theme, role).text_x_pt  # type: ignore[arg-type]
        except Exception:  # a theme without this role: nothing to measure against
            return
        width_em = (self.theme.page.text_width_pt - text_x) / style.pt
        width_em /= (style.width_pct or 100) / 100
        if width_em <= 0:
            return
        em = text_em(value)
        lines = _line_count(value, width_em)
        limit = 1 if title else MAX_ITEM_LINES
        if lines > limit:
            self.add(path, "long-line",
                     f"{'the title' if title else 'the item'} takes about {lines} lines "
                     f"({em:.0f} em; a line holds about {width_em:.0f} at {style.pt:g} pt)"
                     f"{'' if title else f', more than {MAX_ITEM_LINES}'}",
                     "shorten it, or split it into a shorter line and sub-items")

    # --- structure

    def walk(self, data: Any, path: str = "$", level: int = 0) -> None:
        if isinstance(data, list):
            for i, v in enumerate(data):
                self.walk(v, f"{path}[{i}]", level)
            return
        if not isinstance(data, Mapping):
            return
        kind = data.get("type")
        if isinstance(kind, str) and kind in _TEXT_TYPES:
            self.block(data, kind, path, level)
            return
        for key, value in data.items():
            if key in ("sections", "parts", "appendices", "intro", "blocks"):
                self.walk(value, f"{path}.{key}", level)
        if path.rsplit(".", 1)[-1].startswith(("sections[", "parts[")):
            self.container(data, path)

    def container(self, data: Mapping[str, Any], path: str) -> None:
        what = "section" if ".sections[" in path.rsplit(".", 1)[-1] or \
            path.rsplit(".", 1)[-1].startswith("sections[") else "part"
        content = [data.get(k) for k in ("blocks", "sections", "intro", "summary", "lead")]
        if not any(content):
            self.add(path, "empty-section", f"the {what} has no content",
                     f"add its blocks, or remove the {what}")
        title = data.get("title")
        if isinstance(title, str) and title.strip():
            self.lines(title, f"{path}.title", 1, title=True)
            self.text(title, f"{path}.title", item=False, level=None)

    def block(self, data: Mapping[str, Any], kind: str, path: str, parent: int) -> None:
        item = kind in _ITEM_TYPES
        level = parent + 1
        own = data.get("level")
        if isinstance(own, int) and not isinstance(own, bool):
            level = own
        for name in _TEXT_FIELDS:
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                continue
            fpath = f"{path}.{name}"
            self.text(value, fpath, item=item and name in ("text", "title"), level=level)
            if item and name == "text":
                self.ending(value, fpath)
                self.lines(value, fpath, level, title=False)
        children = data.get("children")
        if isinstance(children, list):
            subitems = [c for c in children
                        if isinstance(c, Mapping) and c.get("type") in _ITEM_TYPES]
            others = [c for c in children if c not in subitems]
            if item and level >= SINGLE_CHILD_LEVEL and len(subitems) == 1 and not others:
                self.add(f"{path}.children", "single-child",
                         "the item has a single sub-item (개조식 splits a point in two or more)",
                         "merge the sub-item into this line, or add a second one")
            self.walk(children, f"{path}.children", level if item else parent + 1)
        items = data.get("items")
        if isinstance(items, list):
            self.walk(items, f"{path}.items", level)


def _line_count(text: str, capacity_em: float) -> int:
    from ..layout.fitting import _wrap

    return len(_wrap(text, capacity_em))


def lint_data(data: Any, theme: Theme | None = None) -> list[LintWarning]:
    """Every style finding of report JSON data, in document order."""
    from ..theme import resolve_theme

    linter = _Linter(resolve_theme(theme))
    linter.walk(data)
    return linter.found


def lint(report: Any, theme: Theme | str | None = None) -> list[LintWarning]:
    """Every style finding of a :class:`~govreport.model.Report` or its JSON data."""
    from ..model import Report
    from ..theme import resolve_theme

    if isinstance(report, Report):
        from ..codec.converter import unstructure

        report = unstructure(report)
    return lint_data(report, resolve_theme(theme))


__all__ = ["MAX_ITEM_LINES", "RULES", "LintWarning", "lint", "lint_data"]
