"""What every semantic check uses: the limits of values, helpers for texts, numbers and dates,
and :class:`CheckerBase` (the problems found so far and the checks of leaves)."""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from ..model import (
    BudgetTable,
    Cell,
    Event,
    Item,
    PartialDate,
    Period,
    Report,
    StaffingTable,
    Table,
    WhenWhere,
)
from ..model.dates import DateFormatError, parse_period
from ..support.errors import Problem
from ..support.limits import current as current_limits

MIN_LEVEL = 1
MAX_LEVEL = 8
FUTURE_YEARS = 1

MAX_NUMBER = 10**18
"""Numbers must be smaller than this in magnitude (beyond it the formatter cannot print them)."""
MAX_SIDE_BY_SIDE = 12
"""An org chart row holds at most this many boxes side by side."""
MAX_FORMAT_DECIMALS = 6
"""A table's number format may show at most this many decimals (a template filter may ask
for more: :data:`govreport.freeform.templating.MAX_FILTER_DECIMALS`)."""
NESTING_FIELDS = frozenset({"children", "items"})

Severity = Literal["error", "warning"]


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


def _xml_invalid(ch: str) -> bool:
    """True for a character XML 1.0 cannot hold (C0 controls but TAB/LF/CR, surrogates, FFFE/F)."""
    o = ord(ch)
    if o < 0x20:
        return o not in (0x09, 0x0A, 0x0D)
    return 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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


def _cells(table: Table) -> Iterator[tuple[int, int, Cell]]:
    """(row, index, cell) of every body and header cell."""
    for rows in (table.header, table.rows):
        for r, row in enumerate(rows):
            for j, c in enumerate(row.cells):
                yield r, j, c


class CheckerBase:
    """The problems found so far, the report's date horizon and table ids, and the checks
    of leaves (texts, numbers, dates) that the subject checks build on."""

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

    @staticmethod
    def level_of(item: Item, parent: int) -> int:
        return item.level if item.level is not None else parent + 1

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

    def tables(self) -> dict[str, Any]:
        if self._tables is None:
            from ..model.walk import iter_blocks

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
