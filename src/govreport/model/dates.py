"""Typed calendar values used by reports: partial dates, times and periods.

A report rarely states full timestamps.  It says ``'25.3월말``, ``'24. 7월~'25. 4월`` or
``'25. 4~5월 중``.  These classes keep such values typed so that weekdays, ranges and
omitted years are *computed* by :mod:`govreport.formatting`, never typed by hand.

JSON form (see :func:`parse_period`): ``"2025"``, ``"2025-03"``, ``"2025-03-25"``,
``"2025-03-24T21:20"``; a range joins two with ``/`` (``"2025-02/2025-04"``), an open end is
``..`` (``"2025-03/.."``); a trailing word after a space is a qualifier (``"2025-03 말"``,
``"2025-04/2025-05 중"``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Literal

import attrs

Precision = Literal["year", "month", "day", "minute"]

_POINT_RE = re.compile(
    # [0-9], not \d: \d also matches full-width and other Unicode digits ("２０２５").
    r"^(?P<y>[0-9]{4})"
    r"(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2})(?:T(?P<H>[0-9]{2}):(?P<M>[0-9]{2}))?)?)?$"
)
QUALIFIERS = ("말", "초", "중", "중순", "하순", "상순", "경")


class DateFormatError(ValueError):
    """A date string that is not one of the accepted ISO forms or names an impossible day."""


def _minute_with_hour(inst: PartialDate, _attr: object, minute: int | None) -> None:
    if (inst.hour is None) != (minute is None):
        raise ValueError("hour and minute must be given together")


@attrs.frozen(slots=True, kw_only=True)
class PartialDate:
    """A calendar point known to year, month, day or minute precision (``'25``, ``'25.3월``…)."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = attrs.field(default=None, validator=_minute_with_hour)

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """A key ordering points of any precision (missing parts count as 0)."""
        return (self.year, self.month or 0, self.day or 0, self.hour or 0, self.minute or 0)

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        if self.hour is None:
            return "day"
        return "minute"

    def as_date(self) -> _dt.date | None:
        """The :class:`datetime.date`, when the day is known."""
        if self.month is None or self.day is None:
            return None
        return _dt.date(self.year, self.month, self.day)

    @property
    def weekday(self) -> int | None:
        """Monday = 0 … Sunday = 6, when the day is known."""
        d = self.as_date()
        return None if d is None else d.weekday()

    @property
    def time(self) -> _dt.time | None:
        if self.hour is None or self.minute is None:
            return None
        return _dt.time(self.hour, self.minute)

    @classmethod
    def of(cls, value: _dt.date | _dt.datetime) -> PartialDate:
        """From a :class:`datetime.date` or :class:`datetime.datetime`."""
        if isinstance(value, _dt.datetime):
            return cls(
                year=value.year, month=value.month, day=value.day,
                hour=value.hour, minute=value.minute,
            )
        return cls(year=value.year, month=value.month, day=value.day)

    def iso(self) -> str:
        """The canonical ISO text (``2025``, ``2025-03``, ``2025-03-25``, ``2025-03-25T14:00``)."""
        s = f"{self.year:04d}"
        if self.month is not None:
            s += f"-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        if self.hour is not None:
            s += f"T{self.hour:02d}:{self.minute or 0:02d}"
        return s

    def __str__(self) -> str:
        return self.iso()


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``; reject bad days."""
    m = _POINT_RE.match(text.strip())
    if not m:
        raise DateFormatError(f"{text!r} is not a valid date (use YYYY, YYYY-MM, YYYY-MM-DD "
                              "or YYYY-MM-DDTHH:MM)")
    y = int(m["y"])
    if y < _dt.MINYEAR:  # there is no year 0 (nor a calendar to count its days)
        raise DateFormatError(f"{text!r} is not a valid date (year {y})")
    mo = int(m["m"]) if m["m"] else None
    d = int(m["d"]) if m["d"] else None
    hh = int(m["H"]) if m["H"] else None
    mm = int(m["M"]) if m["M"] else None
    if mo is not None and not 1 <= mo <= 12:
        raise DateFormatError(f"{text!r} is not a valid date (month {mo})")
    if d is not None:
        try:
            _dt.date(y, mo or 1, d)
        except ValueError:
            raise DateFormatError(f"{text!r} is not a valid date") from None
    if hh is not None and (hh > 23 or (mm or 0) > 59):
        raise DateFormatError(f"{text!r} is not a valid time")
    return PartialDate(year=y, month=mo, day=d, hour=hh, minute=mm)


@attrs.frozen(slots=True, kw_only=True)
class Period:
    """A point or a range of :class:`PartialDate`, optionally open-ended or qualified.

    ``start`` alone is a single point.  ``open_end`` marks ``('25. 3월~)``.  ``qualifier`` is a
    trailing word printed after the (end) date: ``말`` (``'25.3월말``), ``중`` (``'25. 4~5월 중``).
    """

    start: PartialDate
    end: PartialDate | None = None
    open_end: bool = False
    qualifier: str | None = None

    @property
    def is_range(self) -> bool:
        return self.end is not None or self.open_end

    def iso(self) -> str:
        """The canonical JSON text of the period."""
        s = self.start.iso()
        if self.end is not None:
            s += "/" + self.end.iso()
        elif self.open_end:
            s += "/.."
        if self.qualifier:
            s += " " + self.qualifier
        return s

    def __str__(self) -> str:
        return self.iso()


def parse_period(text: str) -> Period:
    """Parse the JSON text of a :class:`Period` (see module docstring)."""
    raw = text.strip()
    qualifier: str | None = None
    if " " in raw:
        raw, qualifier = raw.split(" ", 1)
        qualifier = qualifier.strip()
        if qualifier not in QUALIFIERS:
            raise DateFormatError(
                f"{text!r}: unknown qualifier {qualifier!r} (one of {', '.join(QUALIFIERS)})"
            )
    if "/" in raw:
        a, b = raw.split("/", 1)
        start = parse_partial_date(a)
        if b.strip() == "..":
            return Period(start=start, open_end=True, qualifier=qualifier)
        end = parse_partial_date(b)
        if end.sort_key() < start.sort_key():
            raise DateFormatError(f"{text!r}: the period ends before it starts")
        return Period(start=start, end=end, qualifier=qualifier)
    return Period(start=parse_partial_date(raw), qualifier=qualifier)


# --- attrs converters: model fields typed Period / PartialDate also accept the ISO text --------


def to_period(value: Period | str) -> Period:
    """A :class:`Period`, parsing the ISO text form; raise :class:`DateFormatError` if bad."""
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return parse_period(value)
    raise TypeError(f"a date must be a Period or an ISO date string, not {type(value).__name__}")


def to_optional_period(value: Period | str | None) -> Period | None:
    """:func:`to_period`, letting ``None`` through."""
    return None if value is None else to_period(value)


def to_partial_date(value: PartialDate | str) -> PartialDate:
    """A :class:`PartialDate`, parsing the ISO text form; raise :class:`DateFormatError` if bad."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return parse_partial_date(value)
    raise TypeError(
        f"a date must be a PartialDate or an ISO date string, not {type(value).__name__}"
    )


def to_optional_partial_date(value: PartialDate | str | None) -> PartialDate | None:
    """:func:`to_partial_date`, letting ``None`` through."""
    return None if value is None else to_partial_date(value)


def to_partial_dates(
    value: Iterable[PartialDate | str] | PartialDate | str,
) -> tuple[PartialDate, ...]:
    """A tuple of :class:`PartialDate` from a list (or a single value) of dates or ISO texts."""
    if isinstance(value, PartialDate | str):
        return (to_partial_date(value),)
    return tuple(to_partial_date(v) for v in value)
