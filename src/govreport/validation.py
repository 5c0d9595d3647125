"""Semantic checks of a structurally valid report.

:func:`check_report` walks the model and returns every :class:`~govreport.errors.Problem` with
a JSON path in the converter's style (``$.parts[1].sections[0].blocks[2].children[0].text``):
field names as in JSON, list indexes in brackets, rows as ``rows[i].cells[j]`` whether the JSON
wrote them in short or long form.  Errors make :func:`govreport.loads` fail (``check=True``);
warnings are advisory and only returned by :func:`govreport.check`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import keyword
import math
import re
import weakref
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from .errors import Problem
from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits, hint
from .limits import current as current_limits
from .model import (
    SCHEMA_VERSION,
    Appendix,
    BudgetLine,
    BudgetTable,
    BudgetTotal,
    CategoryTag,
    Cell,
    Chart,
    Citation,
    Comparison,
    ComparisonColumn,
    EnumItem,
    Event,
    Figure,
    Footnote,
    Item,
    Lead,
    LeadLine,
    Meta,
    Note,
    NumberFormat,
    OrgChart,
    OrgGroup,
    OrgUnit,
    Paragraph,
    Part,
    PartialDate,
    Period,
    Quantity,
    Report,
    Row,
    Section,
    StaffGroup,
    StaffingTable,
    StaffRow,
    Strategy,
    SubCaption,
    Table,
    VisionDiagram,
    WhenWhere,
)
from .model.compute import compute as compute_table
from .model.compute import filled, table_width
from .model.dates import DateFormatError, parse_period
from .model.refs import problems as reference_problems
from .model.stated import stated_problems

MIN_LEVEL = 1
MAX_LEVEL = 8
FUTURE_YEARS = 1

MAX_NUMBER = 10**18
"""Numbers must be smaller than this in magnitude (beyond it the formatter cannot print them)."""
MAX_SIDE_BY_SIDE = 12
"""An org chart row holds at most this many boxes side by side."""
MAX_DECIMALS = 6
"""A number format may show at most this many decimals."""
MAX_NESTING = DEFAULT_LIMITS.nesting
"""At most this many ``children``/``items`` lists may enclose a block (default of
:attr:`Limits.nesting <govreport.limits.Limits.nesting>`)."""
MAX_JSON_DEPTH = DEFAULT_LIMITS.json_depth
"""At most this many JSON objects and arrays may enclose a value (the document is level 1;
default of :attr:`Limits.json_depth <govreport.limits.Limits.json_depth>`)."""
NESTING_FIELDS = frozenset({"children", "items"})

Severity = Literal["error", "warning"]


def check_report(report: Report) -> list[Problem]:
    """All semantic problems (errors and warnings) of a report, in document order.

    A report is immutable, so it is checked once: the problems are kept while the report
    lives (by identity, with the limits in force) and a second call returns them again —
    ``load`` then ``render`` (or one file rendered to several formats) checks once."""
    lim = current_limits()
    key = id(report)
    kept = _CHECKED.get(key)
    if kept is not None and kept[0]() is report and kept[1] == lim:
        return list(kept[2])
    checker = _Checker(report)
    checker.walk(report, "$", 0)
    checker.references()
    _remember(report, lim, checker.problems)
    return checker.problems


_CHECKED: dict[int, tuple[weakref.ref[Report], Limits, tuple[Problem, ...]]] = {}
"""The problems of the reports checked so far and still alive, by ``id``."""


def _remember(report: Report, limits: Limits, problems: list[Problem]) -> None:
    key = id(report)

    def forget(ref: weakref.ref[Report]) -> None:
        entry = _CHECKED.get(key)
        if entry is not None and entry[0] is ref:
            del _CHECKED[key]

    try:
        ref = weakref.ref(report, forget)
    except TypeError:  # not weak-referenceable (a stand-in object): nothing kept
        return
    _CHECKED[key] = (ref, limits, tuple(problems))


def errors_of(problems: list[Problem]) -> list[Problem]:
    """Only the problems of severity ``"error"``."""
    return [p for p in problems if p.severity == "error"]


def number_problem(value: float) -> str | None:
    """Why ``value`` cannot be printed (not finite, or ``abs(value) >= 10**18``), or None."""
    if isinstance(value, float) and not math.isfinite(value):
        text = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
        return f"{text} is not a finite number"
    if abs(value) >= MAX_NUMBER:
        shown = format(Decimal(value).normalize(), ".6g")
        return f"{shown} is too large (it must be less than 10^18)"
    return None


def nesting_message(depth: int, nesting: int) -> str | None:
    """The problem of a value inside ``depth`` containers and ``nesting`` children/items lists."""
    lim = current_limits()
    if nesting > lim.nesting:
        return f"blocks are nested more than {lim.nesting} levels deep (children/items)"
    if depth > lim.json_depth:
        return f"the JSON is nested more than {lim.json_depth} levels deep"
    return None


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --- helpers ------------------------------------------------------------------------------


def _xml_invalid(ch: str) -> bool:
    """True for a character XML 1.0 cannot hold (C0 controls but TAB/LF/CR, surrogates, FFFE/F)."""
    o = ord(ch)
    if o < 0x20:
        return o not in (0x09, 0x0A, 0x0D)
    return 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls))


_ClassInfo = tuple[Callable[..., None] | None, int,
                   Callable[[Any], list[tuple[str, Any]]]]


def _class_info(cls: type) -> _ClassInfo:
    """What the walk needs of an attrs class: its check, its kind (1 an item, 2 a cell, 0
    other), and :func:`_picker` of its fields."""
    kind = 1 if issubclass(cls, Item) else 2 if issubclass(cls, Cell) else 0
    return _CHECKS.get(cls), kind, _picker(_field_names(cls))


def _picker(names: tuple[str, ...]) -> Callable[[Any], list[tuple[str, Any]]]:
    """A function giving the (name, value) of an object's fields that may need a look, last
    field first (the walk's stack then pops them in field order): not None, True or False,
    a string without characters XML cannot hold, nor an int of a printable size.

    Generated like attrs' and cattrs' own methods: one test per field, no loop (a report has
    thousands of fields, most of them None)."""
    lines = ["def pick(obj):", "    out = []"]
    for name in reversed(names):
        if not name.isidentifier() or keyword.iskeyword(name):  # (never, for attrs fields)
            lines.append(f"    v = getattr(obj, {name!r})")
        else:
            lines.append(f"    v = obj.{name}")
        lines += [
            "    if v is not None and v is not True and v is not False:",
            "        t = type(v)",
            "        if not ((t is str and not xml_bad(v)) or (t is int and -big < v < big)):",
            f"            out.append(({name!r}, v))",
        ]
    lines.append("    return out")
    namespace: dict[str, Any] = {"xml_bad": _XML_BAD.search, "big": MAX_NUMBER}
    exec("\n".join(lines), namespace)  # the names of a model class's fields only
    return namespace["pick"]  # type: ignore[no-any-return]


_CLASSES: dict[type, _ClassInfo] = {}
""":func:`_class_info` of the attrs classes the walk has met (never str, tuple, a number, a
date or a :class:`Row`: those are told apart before)."""


@functools.lru_cache(maxsize=1024)
def _iso_problem(iso: str) -> str | None:
    """Why the ISO text of a date or period does not parse back, or None (dates repeat
    through a report: each text is parsed once)."""
    try:
        parse_period(iso)
    except (DateFormatError, TypeError) as exc:
        return str(exc)
    return None


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _key(p: PartialDate) -> tuple[int, int, int, int, int]:
    return (p.year, p.month or 0, p.day or 0, p.hour or 0, p.minute or 0)


def _first_day(p: PartialDate) -> _dt.date:
    return _dt.date(p.year, p.month or 1, p.day or 1)


def _last_day(p: PartialDate) -> _dt.date:
    if p.month is None:
        return _dt.date(p.year, 12, 31)
    if p.day is None:
        nxt = _dt.date(p.year + (p.month == 12), p.month % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    return _dt.date(p.year, p.month, p.day)


def _add_years(d: _dt.date, years: int) -> _dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _fmt(n: float) -> str:
    return f"{n:,}" if isinstance(n, int) else f"{n:,g}"


def _event_date(event: Event) -> PartialDate | None:
    if event.period is not None:
        return event.period.start
    for child in event.children:
        if isinstance(child, WhenWhere) and child.dates:
            return child.dates[0]
    return None


@attrs.define
class _Placed:
    """A cell placed on the grid of one row group (header or body)."""

    row: int
    index: int
    col: int
    colspan: int


@attrs.define
class _Coverage:
    """The grid columns one row covers (its own cells and rowspans from above)."""

    count: int
    last: int  # highest covered column, -1 if none
    gaps: list[int]  # uncovered columns below ``last``


@attrs.define
class _Layout:
    """The placed cells of a row group and the columns each row covers."""

    cells: list[_Placed]
    columns: list[_Coverage]


# --- the walk -----------------------------------------------------------------------------


class _Checker:
    """Walks the model once, in field order, collecting problems."""

    def __init__(self, report: Report) -> None:
        self.root = report
        self.problems: list[Problem] = []
        self.horizon: _dt.date | None = None
        try:
            ref = report.meta.date.end or report.meta.date.start
            self.horizon = _add_years(_last_day(ref), FUTURE_YEARS)
        except (ValueError, TypeError, AttributeError):  # an invalid date is reported below
            pass
        self._tables: dict[str, Any] | None = None
        self._ids: set[str] = set()

    def add(self, path: str, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(path=path, message=message, severity=severity))

    def require_text(self, value: str | None, path: str, what: str) -> None:
        if isinstance(value, str) and _blank(value):
            self.add(path, f"{what} must not be empty" if not value else f"{what} is only spaces")

    def optional_text(self, value: str | None, path: str, what: str) -> None:
        if isinstance(value, str) and not value.strip():
            self.add(path, f"{what} must not be empty (omit the field instead)")

    def require_field(self, value: str | None, path: str, field: str, what: str) -> None:
        """:meth:`require_text` for the field ``field`` of the object at ``path`` (whose
        path is made only for a problem)."""
        if isinstance(value, str) and _blank(value):
            self.require_text(value, f"{path}.{field}", what)

    def optional_field(self, value: str | None, path: str, field: str, what: str) -> None:
        """:meth:`optional_text` for the field ``field`` of the object at ``path``."""
        if isinstance(value, str) and not value.strip():
            self.optional_text(value, f"{path}.{field}", what)

    def walk(self, root: object, path: str, level: int) -> None:
        """Check ``root`` (at JSON ``path``; ``level`` = effective level of the enclosing item).

        Iterative (an explicit stack, in document order), so that deeply nested models built
        in Python cannot exhaust the interpreter stack; blocks nested deeper than
        :data:`MAX_NESTING` are reported and not descended into.
        """
        # (value, JSON path, level, children/items lists enclosing it)
        stack: list[tuple[object, str, int, int]] = [(root, path, level, 0)]
        max_nesting = current_limits().nesting
        classes = _CLASSES
        xml_bad = _XML_BAD.search
        while stack:
            obj, path, level, nesting = stack.pop()
            cls = type(obj)
            info = classes.get(cls)
            if info is None:
                if isinstance(obj, str):
                    self.string(obj, path)
                    continue
                if isinstance(obj, Period):
                    self.period(obj, path)
                    continue
                if isinstance(obj, PartialDate):
                    self.point(obj, path)
                    continue
                if isinstance(obj, int | float) and not isinstance(obj, bool):
                    self.number(obj, path)
                    continue
                if isinstance(obj, tuple):
                    stack.extend([(obj[i], f"{path}[{i}]", level, nesting)
                                  for i in range(len(obj) - 1, -1, -1)])
                    continue
                if isinstance(obj, Row):
                    self.row(obj, path, stack, level, nesting)
                    continue
                if not attrs.has(cls):
                    continue
                info = classes[cls] = _class_info(cls)
            check, kind, pick = info
            if check is not None:
                check(self, obj, path, level)
            if kind == 1:
                level = self.level_of(obj, level)  # type: ignore[arg-type]
            elif kind == 2:
                level = 0  # bullet lines inside a cell start afresh
            # only fields that may need a look (clean leaves are left out, no path made)
            for name, value in pick(obj):
                vkind = type(value)
                if vkind is str or vkind is int:
                    pass  # a string XML cannot hold, a number too large: reported below
                elif vkind is tuple:
                    if not value:
                        continue
                    fpath = f"{path}.{name}"
                    deeper = nesting + (name in NESTING_FIELDS)
                    if deeper > max_nesting:
                        self.add(fpath, nesting_message(0, deeper) or "")
                        continue
                    # its items in its place on the stack (what popping it would do), but
                    # no path made for a clean leaf
                    for i in range(len(value) - 1, -1, -1):
                        item = value[i]
                        ikind = type(item)
                        if ikind is str:
                            if not xml_bad(item):
                                continue
                        elif ikind is int:
                            if -MAX_NUMBER < item < MAX_NUMBER:
                                continue
                        elif item is None or ikind is bool:
                            continue
                        stack.append((item, f"{fpath}[{i}]", level, deeper))
                    continue
                elif vkind is PartialDate or vkind is Period:
                    if self.fine_date(value):
                        continue  # nothing to report (no path made for it)
                elif vkind is bool or value == ():
                    continue
                fpath = f"{path}.{name}"
                deeper = nesting + (name in NESTING_FIELDS)
                if deeper > max_nesting:
                    self.add(fpath, nesting_message(0, deeper) or "")
                else:
                    stack.append((value, fpath, level, deeper))

    def fine_date(self, value: Period | PartialDate) -> bool:
        """True if :meth:`period` or :meth:`point` would certainly report nothing about
        ``value`` (its ISO text reads back, not after the horizon); False when unsure."""
        try:
            if _iso_problem(value.iso()) is not None:
                return False
            start = value.start if isinstance(value, Period) else value
            return self.horizon is None or _first_day(start) <= self.horizon
        except Exception:  # the full check will say (or raise) what it always has
            return False

    def row(self, row: Row, path: str, stack: list[tuple[object, str, int, int]], level: int,
            nesting: int) -> None:
        """A table row; plain cells (a value and spans only) are checked here directly, the
        others go on the stack (fast path: a table may have 100,000 rows)."""
        later: list[tuple[object, str, int, int]] = []
        for j, c in enumerate(row.cells):
            cpath = f"{path}.cells[{j}]"
            if c.items or c.count is not None or c.ratio is not None or c.align is not None:
                later.append((c, cpath, level, nesting))
                continue
            if c.rowspan < 1 or c.colspan < 1:
                self.cell(c, cpath, level)
            value = c.value
            if isinstance(value, str):
                if _XML_BAD.search(value):
                    self.string(value, f"{cpath}.value")
            elif value is not None and not isinstance(value, bool):
                self.number(value, f"{cpath}.value")
        stack.extend(reversed(later))

    @staticmethod
    def level_of(item: Item, parent: int) -> int:
        return item.level if item.level is not None else parent + 1

    # --- leaves ---

    def string(self, value: str, path: str) -> None:
        if not _XML_BAD.search(value):
            return
        bad = sorted({ch for ch in value if _xml_invalid(ch)})
        if bad:
            points = ", ".join(f"U+{ord(ch):04X}" for ch in bad)
            noun = "characters" if len(bad) > 1 else "a character"
            self.add(path, f"contains {noun} not allowed in XML: {points}")

    def number(self, value: float, path: str) -> None:
        problem = number_problem(value)
        if problem is not None:
            self.add(path, problem)

    def period(self, value: Period, path: str) -> None:
        problem = _iso_problem(value.iso())
        if problem is not None:
            self.add(path, problem)
            return
        if path != "$.meta.date":
            self.future(value.start, path)

    def point(self, value: PartialDate, path: str) -> None:
        problem = _iso_problem(value.iso())
        if problem is not None:
            self.add(path, problem)
            return
        self.future(value, path)

    def future(self, value: PartialDate, path: str) -> None:
        if self.horizon is not None and _first_day(value) > self.horizon:
            self.add(
                path,
                f"{value.iso()} is more than {FUTURE_YEARS} year after the report date",
                "warning",
            )

    # --- containers ---

    def report(self, r: Report, path: str, _: int) -> None:
        if r.schema_version > SCHEMA_VERSION:
            self.add(
                f"{path}.schema_version",
                f"schema_version {r.schema_version} is newer than this govreport "
                f"understands ({SCHEMA_VERSION})",
                "warning",
            )
        elif r.schema_version < 1:
            self.add(f"{path}.schema_version", f"schema_version {r.schema_version} is not valid")
        seen: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        for i, a in enumerate(r.appendices):
            counts[a.label] = a.number if a.number is not None else counts.get(a.label, 0) + 1
            key = (a.label, counts[a.label])
            if key in seen:
                self.add(f"{path}.appendices[{i}].number",
                         f"{a.label} {key[1]} is already used by appendices[{seen[key]}]")
            else:
                seen[key] = i
        part_seen: dict[int, int] = {}
        n = 0
        for i, p in enumerate(r.parts):
            n = p.number if p.number is not None else n + 1
            if n in part_seen:
                self.add(f"{path}.parts[{i}].number",
                         f"part number {n} is already used by parts[{part_seen[n]}]")
            else:
                part_seen[n] = i

    def meta(self, m: Meta, path: str, _: int) -> None:
        self.require_field(m.title, path, "title", "the report title")
        self.require_field(m.org, path, "org", "the organisation")
        self.optional_field(m.parent_org, path, "parent_org", "parent_org")
        self.optional_field(m.audience, path, "audience", "audience")
        self.optional_field(m.subtitle, path, "subtitle", "subtitle")
        self.optional_field(m.division, path, "division", "division")

    def part(self, p: Part, path: str, _: int) -> None:
        self.require_field(p.title, path, "title", "a part title")
        if p.number is not None and p.number < 1:
            self.add(f"{path}.number", f"part number {p.number} must be 1 or more")
        seen: dict[int, int] = {}
        for i, s in enumerate(p.sections):
            if s.number is None:
                continue
            if s.number in seen:
                self.add(
                    f"{path}.sections[{i}].number",
                    f"section number {s.number} is already used by sections[{seen[s.number]}]",
                )
            else:
                seen[s.number] = i

    def section(self, s: Section, path: str, _: int) -> None:
        self.require_field(s.title, path, "title", "a section title")
        self.optional_field(s.summary, path, "summary", "summary")
        if s.number is not None and s.number < 1:
            self.add(f"{path}.number", f"section number {s.number} must be 1 or more")
        self.optional_field(s.note, path, "note", "note")

    def appendix(self, a: Appendix, path: str, _: int) -> None:
        self.require_field(a.title, path, "title", "an appendix title")
        self.require_field(a.label, path, "label", "an appendix label")
        if a.number is not None and a.number < 1:
            self.add(f"{path}.number", f"appendix number {a.number} must be 1 or more")

    def lead(self, lead: Lead, path: str, _: int) -> None:
        self.require_field(lead.text, path, "text", "the lead statement")
        self.optional_field(lead.symbol, path, "symbol", "symbol")
        self.optional_field(lead.label, path, "label", "label")

    # --- blocks ---

    def item(self, it: Item, path: str, parent_level: int) -> None:
        text = it.text
        if (text is None or not text.strip()) and _blank(it.key):  # (_blank, inline)
            self.add(f"{path}.text", "an item needs text or a key")
        for name, value in (("label", it.label), ("key", it.key), ("status", it.status),
                            ("note", it.note)):
            if value is not None:  # the path is made only for a problem (items are many)
                self.optional_text(value, f"{path}.{name}", name)
        if it.key_count is not None and it.key is None:
            self.add(f"{path}.key_count", "key_count is printed after the key; the item has "
                                          "no key (use count for a trailing count)")
        if it.symbol is not None and not it.symbol.strip():
            self.add(f"{path}.symbol", "a symbol override must not be empty")
        if it.level is not None and not MIN_LEVEL <= it.level <= MAX_LEVEL:
            self.add(f"{path}.level", f"level {it.level} is out of range ({MIN_LEVEL} to "
                                      f"{MAX_LEVEL})")
        own = self.level_of(it, parent_level)
        for i, child in enumerate(it.children):
            if isinstance(child, Item) and child.level is not None:
                cpath = f"{path}.children[{i}]"
                if child.level > own + 1:
                    self.add(f"{cpath}.level", f"level {child.level} under a level-{own} item "
                                               f"skips a level (expected {own + 1})", "warning")
                elif child.level <= own:
                    self.add(f"{cpath}.level", f"level {child.level} is not deeper than the "
                                               f"parent item's level {own}", "warning")
            if isinstance(child, Table) and it.count is not None:
                cpath = f"{path}.children[{i}]"
                counts = [c.count.value for _, _, c in _cells(child) if c.count is not None]
                if counts and sum(counts) != it.count.value:
                    self.add(
                        cpath,
                        f"the table's cell counts sum to {_fmt(sum(counts))} "
                        f"but the item's count is {_fmt(it.count.value)}",
                        "warning",
                    )

    def note(self, n: Note, path: str, _: int) -> None:
        self.require_field(n.text, path, "text", "a note's text")

    def footnote(self, n: Footnote, path: str, _: int) -> None:
        self.require_field(n.text, path, "text", "a footnote's text")
        self.require_field(n.mark, path, "mark", "a footnote mark")

    def text_block(self, b: LeadLine | SubCaption | Paragraph, path: str, _: int) -> None:
        self.require_field(b.text, path, "text", f"a {type(b).__name__}'s text")

    def event(self, e: Event, path: str, _: int) -> None:
        self.require_field(e.title, path, "title", "an event title")

    def when_where(self, w: WhenWhere, path: str, _: int) -> None:
        if not w.dates:
            self.add(f"{path}.dates", "at least one date is needed")
        if _blank(w.place):
            self.add(f"{path}.place", "the event has no place", "warning")
        self.require_field(w.key, path, "key", "the field name")

    def enum(self, e: EnumItem, path: str, _: int) -> None:
        self.require_field(e.text, path, "text", "an enumerated item's text")

    def category(self, c: CategoryTag, path: str, _: int) -> None:
        self.require_field(c.label, path, "label", "a category label")
        previous: PartialDate | None = None
        for i, child in enumerate(c.children):
            if not isinstance(child, Event):
                continue
            when = _event_date(child)
            if when is None:
                continue
            if previous is not None and _key(when) > _key(previous):
                self.add(
                    f"{path}.children[{i}]",
                    f"events are listed newest first, but this one ({when.iso()}) is newer "
                    f"than the one before it ({previous.iso()})",
                    "warning",
                )
            previous = when

    def citation(self, c: Citation, path: str, _: int) -> None:
        self.require_field(c.source, path, "source", "a citation's source")

    def quantity(self, q: Quantity, path: str, _: int) -> None:
        if q.value < 0:
            self.add(f"{path}.value", f"a count cannot be negative ({_fmt(q.value)})")

    # --- tables ---

    def cell(self, c: Cell, path: str, _: int) -> None:
        for i, b in enumerate(c.items):
            if isinstance(b, Figure | Chart):
                what = "a figure" if isinstance(b, Figure) else "a chart"
                self.add(f"{path}.items[{i}]", f"{what} cannot be placed in a table cell "
                                              "(put it before or after the table)")
        for name in ("rowspan", "colspan"):
            span = getattr(c, name)
            if span < 1:
                self.add(f"{path}.{name}", f"{name} {span} must be 1 or more")

    def table(self, t: Table, path: str, _: int) -> None:
        self.table_id(t.id, path)
        if not t.header and not t.rows:
            self.add(path, "a table needs at least one row")
            return
        width = self.grid(filled(t) if t.computed else t, path)
        if t.stub_columns < 0 or (width and t.stub_columns > width):
            self.add(f"{path}.stub_columns",
                     f"stub_columns {t.stub_columns} is outside the table's "
                     f"{_plural(width, 'column')}")
        if t.widths is not None:
            if width and len(t.widths) != width:
                self.add(f"{path}.widths",
                         f"{_plural(len(t.widths), 'width')} given for a table of "
                         f"{_plural(width, 'column')}")
            for i, w in enumerate(t.widths):
                if w <= 0:
                    self.add(f"{path}.widths[{i}]", f"a column width must be positive ({w:g})")
        self.computations(t, path)

    def computations(self, t: Table, path: str) -> None:
        """Keys, column options and the derived figures (stated ones must match)."""
        width = table_width(t)
        if t.columns and len(t.columns) != width:
            self.add(f"{path}.columns", f"{_plural(len(t.columns), 'column option')} given "
                                        f"for a table of {_plural(width, 'column')}")
        for name, keyed in (("rows", [r.key for r in t.rows]),
                            ("columns", [c.key for c in t.columns])):
            first: dict[str, int] = {}
            for i, key in enumerate(keyed):
                if key is None:
                    continue
                if not key.strip():
                    self.add(f"{path}.{name}[{i}].key", "a key must not be empty")
                elif key in first:
                    self.add(f"{path}.{name}[{i}].key",
                             f"key {key!r} is already used by {name}[{first[key]}]")
                else:
                    first[key] = i
        for i, c in enumerate(t.columns[:width]):
            if c.compute is not None and i < t.stub_columns:
                self.add(f"{path}.columns[{i}].compute",
                         f"column {i} is a stub (label) column and cannot be computed")
        if t.columns and len(t.columns) != width:
            return
        ct = compute_table(t) if t.computed else None
        if ct is not None:
            for issue in ct.issues:
                self.add(f"{path}{issue.path}", issue.message,
                         "warning" if issue.severity == "warning" else "error")
        for issue in stated_problems(t, ct):
            self.add(f"{path}{issue.path}", issue.message,
                     "warning" if issue.severity == "warning" else "error")

    def number_format(self, f: NumberFormat, path: str, _: int) -> None:
        self.optional_field(f.counter, path, "counter", "a counter")
        if not 0 <= f.decimals <= MAX_DECIMALS:
            self.add(f"{path}.decimals",
                     f"decimals {f.decimals} is out of range (0 to {MAX_DECIMALS})")
        if (f.from_unit is None) != (f.to_unit is None):
            self.add(path, "from_unit and to_unit are given together (the unit typed and the "
                           "unit printed)")

    # --- diagrams ---

    def references(self) -> None:
        """References to computed figures in running text (``{=org.staff}``) name a figure;
        a stated one (``{=org.staff:277}``) matches it."""
        for path, message in reference_problems(self.root):
            self.add(path, message)

    def org_chart(self, o: OrgChart, path: str, _: int) -> None:
        self.table_id(o.id, path)
        self.require_field(o.head, path, "head", "the head unit")
        if not o.units:
            self.add(f"{path}.units", "an org chart needs at least one unit")
        if len(o.units) > MAX_SIDE_BY_SIDE:
            self.add(f"{path}.units", f"{len(o.units)} units do not fit side by side (at most "
                                      f"{MAX_SIDE_BY_SIDE}); split the chart or use a table")
        if o.total is not None:
            for name, computed in (("teams", o.teams()), ("staff", o.staff())):
                stated = getattr(o.total, name)
                if stated is not None and stated != computed:
                    self.add(f"{path}.total.{name}",
                             f"stated total {name} {_fmt(stated)} differs from the sum of the "
                             f"units {_fmt(computed)}")

    def org_unit(self, u: OrgUnit, path: str, _: int) -> None:
        self.require_field(u.name, path, "name", "a unit name")
        self.optional_field(u.note, path, "note", "note")
        for name in ("teams", "staff"):
            value = getattr(u, name)
            if value is not None and value < 0:
                self.add(f"{path}.{name}", f"a count cannot be negative ({value})")

    def org_group(self, g: OrgGroup, path: str, _: int) -> None:
        self.require_field(g.label, path, "label", "a group label")
        if not g.units:
            self.add(f"{path}.units", "a group needs at least one unit")
        if len(g.units) > MAX_SIDE_BY_SIDE:
            self.add(f"{path}.units", f"{len(g.units)} units do not fit side by side (at most "
                                      f"{MAX_SIDE_BY_SIDE})")

    def vision(self, v: VisionDiagram, path: str, _: int) -> None:
        self.require_field(v.vision, path, "vision", "the vision")
        for i, goal in enumerate(v.goals):
            self.require_text(goal, f"{path}.goals[{i}]", "a goal")
        if len(v.goals) > 6:
            self.add(f"{path}.goals", f"{len(v.goals)} goals do not fit side by side (at most 6)")
        if len(v.strategies) > 6:
            self.add(f"{path}.strategies", f"{len(v.strategies)} strategies do not fit side by "
                                           "side (at most 6)")

    def strategy(self, s: Strategy, path: str, _: int) -> None:
        self.require_field(s.title, path, "title", "a strategy title")
        for i, task in enumerate(s.tasks):
            self.require_text(task, f"{path}.tasks[{i}]", "a task")

    def comparison(self, c: Comparison, path: str, _: int) -> None:
        if not 2 <= len(c.columns) <= 3:
            self.add(f"{path}.columns",
                     f"a comparison has 2 or 3 columns, not {len(c.columns)}")

    def comparison_column(self, c: ComparisonColumn, path: str, _: int) -> None:
        self.require_field(c.label, path, "label", "a column label")

    def grid(self, t: Table, path: str) -> int:
        """Check spans and row widths; return the table's width (columns of its first row)."""
        layouts = {name: self.place(rows, f"{path}.{name}")
                   for name, rows in (("header", t.header), ("rows", t.rows))}
        first = "header" if t.header else "rows"
        cols0 = layouts[first].columns
        width = cols0[0].last + 1 if cols0 else 0
        for name, layout in layouts.items():
            edge_rows: set[int] = set()
            for p in layout.cells:
                if p.col < width < p.col + p.colspan:
                    edge_rows.add(p.row)
                    self.add(f"{path}.{name}[{p.row}].cells[{p.index}].colspan",
                             f"colspan {p.colspan} of cell {p.index} in row {p.row} reaches "
                             f"past the table edge (it starts at column {p.col}; the table "
                             f"has {_plural(width, 'column')}, the last is column {width - 1})")
            for r, here in enumerate(layout.columns):
                if r in edge_rows:
                    continue
                if here.count != width or here.gaps:
                    noun = "column" if len(here.gaps) == 1 else "columns"
                    gaps = here.gaps[:20]
                    more = ", …" if len(here.gaps) > 20 else ""
                    gap = f"; {noun} {', '.join(map(str, gaps))}{more} empty" if gaps else ""
                    self.add(f"{path}.{name}[{r}]",
                             f"row {r} covers {_plural(here.count, 'column')} after "
                             f"rowspan/colspan, but the table is {width} wide "
                             f"({first} row 0){gap}")
        return width

    def place(self, rows: tuple[Row, ...], path: str) -> _Layout:
        """Place the cells of one row group (header or body) as HTML does; report overlaps.

        Linear in the grid size: per column, the row where the span covering it ends.  The
        spans are checked against :class:`~govreport.limits.Limits` (``table_columns``,
        ``table_cells``) before any position is touched, so a ``colspan`` of a billion costs
        nothing.
        """
        lim = current_limits()
        until: list[int] = []  # per column: first row no longer covered
        owner: list[tuple[int, int]] = []  # per column: (row, cell) covering it
        cells: list[_Placed] = []
        columns: list[_Coverage] = []
        area = 0
        n = len(rows)
        spans_until = 0  # first row no longer reached by any rowspan
        for r, row in enumerate(rows):
            if spans_until <= r and all(c.rowspan == 1 == c.colspan for c in row.cells):
                # fast path: plain cells, nothing from above (a cell of colspan 1 cannot reach
                # past the edge, so none is recorded)
                k = len(row.cells)
                if k > lim.table_columns:
                    self.add(f"{path}[{r}].cells[{lim.table_columns}]",
                             f"the table would be wider than {lim.table_columns} columns "
                             f"(row {r} has {k} cells; {hint('table_columns')})")
                    k = lim.table_columns
                if k > len(until):
                    until.extend([0] * (k - len(until)))
                    owner.extend([(-1, -1)] * (k - len(owner)))
                columns.append(_Coverage(count=k, last=k - 1, gaps=[]))
                area += len(until)
                if area > lim.table_cells:
                    self.add(f"{path}[{r}]", f"the table has more than {lim.table_cells:,} "
                                             f"grid cells by row {r} ({hint('table_cells')})")
                    break
                continue
            col = 0
            for j, c in enumerate(row.cells):
                cpath = f"{path}[{r}].cells[{j}]"
                rs, cs = max(c.rowspan, 1), max(c.colspan, 1)
                while col < len(until) and until[col] > r:
                    col += 1
                if col + cs > lim.table_columns:
                    where = f"{cpath}.colspan" if cs > 1 else cpath
                    self.add(where, f"the table would be wider than {lim.table_columns} "
                                    f"columns (cell {j} of row {r} would end at column "
                                    f"{col + cs - 1}; {hint('table_columns')})")
                    break
                if r + rs > n:
                    self.add(f"{cpath}.rowspan",
                             f"rowspan {rs} of cell {j} in row {r} reaches past the last row "
                             f"(the group has {_plural(n, 'row')}, the last is row {n - 1})")
                    rs = n - r
                if col + cs > len(until):
                    grow = col + cs - len(until)
                    until.extend([0] * grow)
                    owner.extend([(-1, -1)] * grow)
                clash = next((cc for cc in range(col, col + cs) if until[cc] > r), None)
                if clash is not None:
                    orow, ocell = owner[clash]
                    self.add(cpath, f"cell {j} of row {r} overlaps cell {ocell} of row {orow} "
                                    f"(through rowspan/colspan) at row {r}, column {clash}")
                for cc in range(col, col + cs):
                    if until[cc] <= r:
                        owner[cc] = (r, j)
                    until[cc] = max(until[cc], r + rs)
                spans_until = max(spans_until, r + rs)
                if cs > 1:  # only these can reach past the table edge
                    cells.append(_Placed(row=r, index=j, col=col, colspan=cs))
                col += cs
            covered = [cc for cc in range(len(until)) if until[cc] > r]
            last = covered[-1] if covered else -1
            gaps = [cc for cc in range(last + 1) if until[cc] <= r] if len(covered) <= last \
                else []
            columns.append(_Coverage(count=len(covered), last=last, gaps=gaps))
            area += len(until)
            if area > lim.table_cells:
                self.add(f"{path}[{r}]", f"the table has more than {lim.table_cells:,} grid "
                                         f"cells by row {r} ({hint('table_cells')})")
                break
        return _Layout(cells=cells, columns=columns)

    def staffing(self, t: StaffingTable, path: str, _: int) -> None:
        self.table_id(t.id, path)
        if not t.groups:
            self.add(f"{path}.groups", "a staffing table needs at least one group")
        for i, row in enumerate(t.rows):
            rpath = f"{path}.rows[{i}]"
            if len(row.counts) != len(t.groups):
                self.add(f"{rpath}.counts",
                         f"{_plural(len(row.counts), 'count group')} for "
                         f"{_plural(len(t.groups), 'staff group')}")
            for j, (counts, group) in enumerate(zip(row.counts, t.groups, strict=False)):
                if len(counts) != len(group.grades):
                    self.add(f"{rpath}.counts[{j}]",
                             f"{_plural(len(counts), 'count')} for the "
                             f"{_plural(len(group.grades), 'grade')} of "
                             f"{group.name} ({', '.join(group.grades)})")
            if row.total is not None and row.total != row.grand_total():
                self.add(f"{rpath}.total",
                         f"stated total {_fmt(row.total)} differs from the computed "
                         f"{t.total_label} {_fmt(row.grand_total())}")

    def staff_group(self, g: StaffGroup, path: str, _: int) -> None:
        self.require_field(g.name, path, "name", "a group name")
        for i, grade in enumerate(g.grades):
            self.require_text(grade, f"{path}.grades[{i}]", "a grade")

    def staff_row(self, r: StaffRow, path: str, _: int) -> None:
        self.require_field(r.label, path, "label", "a row label")
        for i, counts in enumerate(r.counts):
            for j, n in enumerate(counts):
                if n < 0:
                    self.add(f"{path}.counts[{i}][{j}]", f"a count cannot be negative ({n})")
        if r.total is not None and r.total < 0:
            self.add(f"{path}.total", f"a total cannot be negative ({r.total})")

    def budget(self, t: BudgetTable, path: str, _: int) -> None:
        self.table_id(t.id, path)
        if t.total is None:
            return
        computed = t.total_line()
        for name, what in (("budget", "예산액"), ("spent", "집행액")):
            stated = getattr(t.total, name)
            value = getattr(computed, name)
            if stated is not None and stated != value:
                self.add(f"{path}.total.{name}",
                         f"stated total {what} {_fmt(stated)} differs from the computed "
                         f"{t.total_label} {_fmt(value)}")

    def budget_line(self, b: BudgetLine, path: str, _: int) -> None:
        self.require_field(b.name, path, "name", "a budget line name")
        for name, what in (("budget", "예산액"), ("spent", "집행액")):
            value = getattr(b, name)
            if value < 0:
                self.add(f"{path}.{name}", f"{what} cannot be negative ({_fmt(value)})")
        if b.spent > b.budget >= 0:
            self.add(f"{path}.spent", f"집행액 {_fmt(b.spent)} exceeds 예산액 {_fmt(b.budget)}")

    def budget_total(self, b: BudgetTotal, path: str, _: int) -> None:
        for name in ("budget", "spent"):
            value = getattr(b, name)
            if value is not None and value < 0:
                self.add(f"{path}.{name}", f"a total cannot be negative ({_fmt(value)})")

    # --- figures and charts ---

    def figure(self, f: Figure, path: str, _: int) -> None:
        from .images import ImageError, figure_image

        if f.src is None and f.data is None:
            self.add(path, "a figure needs src (a picture file) or data")
            return
        if f.width is not None and not 0 < f.width <= 1:
            self.add(f"{path}.width", f"width is a share of the text width, more than 0 and "
                                      f"at most 1 (got {_fmt(f.width)}); use width_mm for mm")
        if f.width_mm is not None and f.width_mm <= 0:
            self.add(f"{path}.width_mm", f"width_mm must be more than 0 (got {_fmt(f.width_mm)})")
        if f.width is not None and f.width_mm is not None:
            self.add(f"{path}.width_mm", "give width or width_mm, not both")
        self.optional_field(f.caption, path, "caption", "a caption")
        try:
            figure_image(f.src, f.data, self.root.base_dir)
        except ImageError as exc:
            self.add(f"{path}.{'data' if f.data is not None else 'src'}", str(exc))

    def tables(self) -> dict[str, Any]:
        if self._tables is None:
            from .layout.figures import iter_blocks

            self._tables = {}
            for b in iter_blocks(self.root):
                if isinstance(b, Table | StaffingTable | BudgetTable) and b.id is not None:
                    self._tables.setdefault(b.id, b)
        return self._tables

    def table_id(self, table_id: str | None, path: str) -> None:
        if table_id is None:
            return
        self.require_field(table_id, path, "id", "a table id")
        if table_id in self._ids:
            self.add(f"{path}.id", f"the table id {table_id!r} is used twice")
        self._ids.add(table_id)

    def chart(self, c: Chart, path: str, _: int) -> None:
        from .layout.figures import ChartDataError, chart_data

        self.optional_field(c.title, path, "title", "a chart title")
        self.optional_field(c.unit, path, "unit", "a unit")
        if c.decimals is not None and not 0 <= c.decimals <= 6:
            self.add(f"{path}.decimals", f"decimals must be 0 to 6 (got {c.decimals})")
        if c.width is not None and not 0 < c.width <= 1:
            self.add(f"{path}.width", f"width is a share of the text width, more than 0 and "
                                      f"at most 1 (got {_fmt(c.width)})")
        for name in ("width_mm", "height_mm"):
            value = getattr(c, name)
            if value is not None and not 0 < value <= 1000:
                self.add(f"{path}.{name}", f"{name} must be more than 0 (got {_fmt(value)})")
        if c.source is not None:
            for i, s in enumerate(c.series):
                if s.values:
                    self.add(f"{path}.series[{i}].values",
                             "values come from the source table; give either source or values")
            try:
                cats, data = chart_data(c, self.tables())
            except ChartDataError as exc:
                self.add(f"{path}.source.{exc.field}", str(exc))
                return
        else:
            if not c.series:
                self.add(f"{path}.series", "a chart needs series (or a source table)")
                return
            if not c.categories:
                self.add(f"{path}.categories", "a chart needs categories (the x-axis labels)")
            for i, s in enumerate(c.series):
                self.require_text(s.name, f"{path}.series[{i}].name", "a series name")
                if len(s.values) != len(c.categories):
                    self.add(f"{path}.series[{i}].values",
                             f"{len(s.values)} values for {len(c.categories)} categories")
            cats, data = c.categories, ()
        if len(cats) > 200:
            self.add(f"{path}.categories", f"{len(cats)} categories are too many for a chart "
                                           "(at most 200)")
        n = len(data) if c.source is not None else len(c.series)
        if c.kind == "pie" and n > 1:
            self.add(f"{path}.series", f"a pie chart shows one series ({n} given)")
        if c.kind == "pie" and any(v is not None and v < 0 for s in data for v in s.values):
            self.add(path, "a pie chart cannot show negative values")


_CHECKS: dict[type, Callable[[_Checker, Any, str, int], None]] = {
    Report: _Checker.report, Meta: _Checker.meta, Part: _Checker.part,
    Section: _Checker.section, Appendix: _Checker.appendix, Item: _Checker.item,
    Note: _Checker.note, Footnote: _Checker.footnote, Event: _Checker.event,
    WhenWhere: _Checker.when_where, EnumItem: _Checker.enum, CategoryTag: _Checker.category,
    LeadLine: _Checker.text_block, SubCaption: _Checker.text_block,
    Paragraph: _Checker.text_block, Quantity: _Checker.quantity, Table: _Checker.table,
    Cell: _Checker.cell, StaffingTable: _Checker.staffing, StaffGroup: _Checker.staff_group,
    StaffRow: _Checker.staff_row, BudgetTable: _Checker.budget,
    BudgetLine: _Checker.budget_line, BudgetTotal: _Checker.budget_total,
    Figure: _Checker.figure, Chart: _Checker.chart, Lead: _Checker.lead,
    Citation: _Checker.citation, NumberFormat: _Checker.number_format,
    OrgChart: _Checker.org_chart, OrgUnit: _Checker.org_unit, OrgGroup: _Checker.org_group,
    VisionDiagram: _Checker.vision, Strategy: _Checker.strategy,
    Comparison: _Checker.comparison, ComparisonColumn: _Checker.comparison_column,
}
"""The check of each model class (plain functions: bound methods kept on the checker
would make a cycle through it)."""


def _cells(table: Table) -> Iterator[tuple[int, int, Cell]]:
    """(row, index, cell) of every body and header cell."""
    for rows in (table.header, table.rows):
        for r, row in enumerate(rows):
            for j, c in enumerate(row.cells):
                yield r, j, c


__all__ = ["MAX_LEVEL", "MIN_LEVEL", "check_report", "errors_of"]
