"""Dates, times, date lists and periods in report shorthand (FORMAT.md §8.1–8.2).

Korean styles (``style``):

* ``compact``  — ``'25.3.25.(화)``, ``'25.3월``, ``'24.7.~12.``
* ``spaced``   — ``'25. 3. 24.(월) 21:20``, ``'25. 7월``, ``'25. 4~5월 중``
* ``official`` — ``2025. 3. 25.(화)``, ``2025. 4.``

Weekdays come from Babel (``get_day_names('abbreviated')``), never from a table. Other
locales use Babel skeletons and interval formats (``Mar 25, 2025 (Tue)``,
``Jul – Dec 2024``).

Year rule for ranges: the end point omits a year equal to the start's (``'25.1.3.~4.12.``)
unless ``repeat_year=True`` (``'25. 2월~'25. 4월``); a different year is always shown
(``'24. 7월~'25. 4월``).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from typing import Literal

from babel.dates import format_date as _babel_date
from babel.dates import format_interval, format_skeleton, get_day_names, get_month_names
from babel.dates import format_time as _babel_time
from babel.lists import format_list

from govreport.formatting.numbers import DEFAULT_LOCALE, get_locale, is_korean
from govreport.model.dates import (
    PartialDate,
    Period,
    Precision,
    parse_partial_date,
    parse_period,
)

__all__ = [
    "ATTACHED_QUALIFIERS",
    "DateLike",
    "DateStyle",
    "PeriodLike",
    "format_date",
    "format_dates",
    "format_day",
    "format_month",
    "format_period",
    "format_period_note",
    "format_time",
    "format_year",
    "to_partial_date",
    "to_period",
]

DateLike = PartialDate | _dt.date | str
"""A calendar point: :class:`PartialDate`, ``date``/``datetime`` or ISO text (``2025-03``)."""
PeriodLike = Period | PartialDate | _dt.date | str
"""A :class:`Period`, any :data:`DateLike`, or period JSON text (``2025-02/2025-04``)."""
DateStyle = Literal["compact", "spaced", "official"]

ATTACHED_QUALIFIERS = frozenset({"말", "초", "경"})
"""Qualifiers written without a space (``'25.3월말``); others follow a space (``4~5월 중``)."""

_PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "minute")
_CJK = frozenset({"ko", "ja", "zh"})
_EN_QUALIFIERS = {
    "말": "end of {}",
    "초": "early {}",
    "중": "during {}",
    "상순": "early {}",
    "중순": "mid-{}",
    "하순": "late {}",
    "경": "around {}",
}


# --------------------------------------------------------------------------- coercion


def to_partial_date(value: DateLike) -> PartialDate:
    """Coerce a date, datetime (minute precision), ISO text or :class:`PartialDate`."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.date):
        return PartialDate.of(value)
    if isinstance(value, str):
        return parse_partial_date(value)
    raise TypeError(f"not a date: {value!r}")


def to_period(value: PeriodLike) -> Period:
    """Coerce any :data:`PeriodLike` to a :class:`Period` (a point is a one-point period)."""
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return parse_period(value)
    return Period(start=to_partial_date(value))


def _truncate(p: PartialDate, precision: Precision | None) -> PartialDate:
    if precision is None or _PRECISIONS.index(precision) >= _PRECISIONS.index(p.precision):
        return p
    keep = _PRECISIONS.index(precision)
    return PartialDate(
        year=p.year,
        month=p.month if keep >= 1 else None,
        day=p.day if keep >= 2 else None,
    )


def _shows_year(p: PartialDate, omit_year: bool, context_year: int | None) -> bool:
    return not omit_year and p.year != context_year


def _weekday(p: PartialDate, locale: str) -> str | None:
    wd = p.weekday
    if wd is None:
        return None
    return _day_names(locale)[wd]


@functools.lru_cache(maxsize=64)
def _day_names(locale: str) -> tuple[str, ...]:
    """The locale's abbreviated weekday names, Monday first (looked up once per locale)."""
    names = get_day_names("abbreviated", locale=get_locale(locale))
    return tuple(str(names[i]) for i in range(7))


@functools.lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, locale: str) -> str:
    """24-hour ``HH:mm`` (FORMAT.md §8.1) with the locale's digits (made once per time of
    day and locale: a report names the same few times again and again)."""
    return _babel_time(_dt.time(hour, minute), "HH:mm", locale=get_locale(locale))


def _qualify(text: str, qualifier: str | None, locale: str) -> str:
    if not qualifier:
        return text
    if is_korean(locale):
        return text + qualifier if qualifier in ATTACHED_QUALIFIERS else f"{text} {qualifier}"
    return _EN_QUALIFIERS.get(qualifier, "{} " + qualifier).format(text)


# --------------------------------------------------------------------------- single points


def _ko_year(p: PartialDate, style: DateStyle, apostrophe: str) -> str:
    return f"{p.year:04d}" if style == "official" else f"{apostrophe}{p.year % 100:02d}"


def _ko_point(
    p: PartialDate,
    style: DateStyle,
    *,
    show_year: bool,
    weekday: bool,
    time: bool,
    month_word: bool,
    apostrophe: str,
    locale: str,
) -> str:
    year = _ko_year(p, style, apostrophe)
    if p.month is None:
        return year
    sep = "." if style == "compact" else ". "
    head = year + sep if show_year else ""
    if p.day is None:
        return f"{head}{p.month}{'월' if month_word else '.'}"
    text = f"{head}{p.month}{sep}{p.day}."
    name = _weekday(p, locale)
    if weekday and name:
        text += f"({name})"
    if time and p.hour is not None:
        text += " " + _clock(p.hour, p.minute or 0, locale)
    return text


def _intl_point(
    p: PartialDate,
    style: DateStyle,
    *,
    show_year: bool,
    weekday: bool,
    time: bool,
    locale: str,
) -> str:
    loc = get_locale(locale)
    wide = style == "official"
    if p.month is None:
        return format_skeleton("y", _dt.date(p.year, 1, 1), locale=loc)
    if p.day is None:
        if show_year:
            skel = "yMMMM" if wide else "yMMM"
            return format_skeleton(skel, _dt.date(p.year, p.month, 1), locale=loc)
        names = get_month_names(
            "wide" if wide else "abbreviated", context="stand-alone", locale=loc
        )
        return str(names[p.month])
    day = _dt.date(p.year, p.month, p.day)
    if wide and show_year:
        text = _babel_date(day, "long", locale=loc)
    else:
        skel = "MMMMd" if wide else ("yMMMd" if show_year else "MMMd")
        text = format_skeleton(skel, day, locale=loc)
    name = _weekday(p, locale)
    if weekday and name:
        text += f"({name})" if loc.language in _CJK else f" ({name})"
    if time and p.hour is not None:
        text += " " + _clock(p.hour, p.minute or 0, locale)
    return text


def format_date(
    value: DateLike,
    style: DateStyle = "compact",
    *,
    weekday: bool = True,
    time: bool = True,
    precision: Precision | None = None,
    omit_year: bool = False,
    context_year: int | None = None,
    month_word: bool | None = None,
    apostrophe: str = "'",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """One date at its own precision: ``'25.3.25.(화)``, ``'25. 3. 24.(월) 21:20``,
    ``2025. 3. 25.(화)``, ``2025. 4.``, ``'25. 7월``, ``'21``.

    ``weekday``/``time`` show them when known. ``precision`` truncates (a full date as
    ``"month"`` → ``2025. 4.``). The year is dropped when ``omit_year`` or equal to
    ``context_year`` (``4.21.(월)``, ``6월``). ``month_word`` picks ``3월`` over ``3.`` for
    month precision (default: ``월`` except in ``official``). ``apostrophe`` may be ``’``.
    English: ``Mar 25, 2025 (Tue)``.
    """
    p = _truncate(to_partial_date(value), precision)
    show = _shows_year(p, omit_year, context_year)
    if not is_korean(locale):
        return _intl_point(p, style, show_year=show, weekday=weekday, time=time, locale=locale)
    return _ko_point(
        p, style, show_year=show, weekday=weekday, time=time,
        month_word=style != "official" if month_word is None else month_word,
        apostrophe=apostrophe, locale=locale,
    )


def format_year(
    value: DateLike,
    style: DateStyle = "compact",
    *,
    apostrophe: str = "'",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """The year alone: ``'21`` (``official``: ``2021``; English ``2021``)."""
    return format_date(value, style, precision="year", apostrophe=apostrophe, locale=locale)


def format_month(
    value: DateLike,
    style: DateStyle = "spaced",
    *,
    omit_year: bool = False,
    context_year: int | None = None,
    month_word: bool | None = None,
    apostrophe: str = "'",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """Year and month: ``'25. 7월`` (spaced), ``'25.3월`` (compact), ``2025. 4.`` (official,
    the cover date); ``6월`` without year. English ``Jul 2025``.
    """
    return format_date(
        value, style, precision="month", omit_year=omit_year, context_year=context_year,
        month_word=month_word, apostrophe=apostrophe, locale=locale,
    )


def format_day(
    value: DateLike,
    style: DateStyle = "compact",
    *,
    weekday: bool = False,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """Month and day in a dated context: ``3.25.``, with ``weekday=True`` ``4.21.(월)``."""
    return format_date(
        value, style, weekday=weekday, time=False, precision="day", omit_year=True,
        locale=locale,
    )


def format_time(
    value: _dt.time | _dt.datetime | PartialDate,
    end: _dt.time | _dt.datetime | PartialDate | None = None,
    *,
    sep: str = "~",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """24-hour time ``14:00``; with *end* a range ``14:30~16:30``."""

    def clock(v: _dt.time | _dt.datetime | PartialDate) -> str:
        if isinstance(v, PartialDate):
            if v.hour is None:
                raise ValueError(f"{v.iso()} has no time")
            return _clock(v.hour, v.minute or 0, locale)
        return _clock(v.hour, v.minute, locale)

    return clock(value) if end is None else clock(value) + sep + clock(end)


# --------------------------------------------------------------------------- periods


def _ko_period(
    per: Period,
    style: DateStyle,
    *,
    weekday: bool,
    time: bool,
    omit_year: bool,
    context_year: int | None,
    repeat_year: bool,
    month_word: bool | None,
    sep: str,
    apostrophe: str,
    locale: str,
    collapse: bool = True,
) -> str:
    start, end = per.start, per.end
    if not time:
        start = _truncate(start, "day")
        end = None if end is None else _truncate(end, "day")

    def point(p: PartialDate, show: bool, words: bool) -> str:
        return _ko_point(
            p, style, show_year=show, weekday=weekday, time=time, month_word=words,
            apostrophe=apostrophe, locale=locale,
        )

    show_start = _shows_year(start, omit_year, context_year)
    if end is None or end == start:
        words = style != "official" if month_word is None else month_word
        text = point(start, show_start, words)
        return text + sep if per.open_end else text
    words = style == "spaced" if month_word is None else month_word
    show_end = end.year != start.year or (repeat_year and show_start)
    if start.precision == end.precision == "minute" and start.as_date() == end.as_date():
        assert end.hour is not None
        return point(start, show_start, words) + sep + _clock(end.hour, end.minute or 0, locale)
    if start.precision == end.precision == "month" and words and not show_end and collapse:
        head = _ko_year(start, style, apostrophe) + ("." if style == "compact" else ". ")
        return f"{head if show_start else ''}{start.month}{sep}{end.month}월"
    return point(start, show_start, words) + sep + point(end, show_end, words)


def _intl_period(
    per: Period,
    style: DateStyle,
    *,
    weekday: bool,
    time: bool,
    omit_year: bool,
    context_year: int | None,
    repeat_year: bool,
    sep: str | None,
    locale: str,
) -> str:
    loc = get_locale(locale)
    start, end = per.start, per.end
    if not time:
        start = _truncate(start, "day")
        end = None if end is None else _truncate(end, "day")
    fallback = str(loc.interval_formats.get(None) or "{0} – {1}")

    def point(p: PartialDate, show: bool) -> str:
        return _intl_point(p, style, show_year=show, weekday=weekday, time=time, locale=locale)

    show_start = _shows_year(start, omit_year, context_year)
    if end is None or end == start:
        text = point(start, show_start)
        if not per.open_end:
            return text
        return text + sep if sep is not None else fallback.format(text, "").rstrip()
    show_end = end.year != start.year or show_start
    if start.precision == end.precision == "minute" and start.as_date() == end.as_date():
        assert end.hour is not None
        clock = _clock(end.hour, end.minute or 0, locale)
        left = point(start, show_start)
        return left + sep + clock if sep is not None else fallback.format(left, clock)
    same = start.precision == end.precision
    if sep is None and not repeat_year and same and start.precision != "minute":
        a, b = start.as_date(), end.as_date()
        wide = style == "official"
        if start.precision == "year":
            skel = "y"
        elif start.precision == "month":
            skel = "MMMM" if wide else "MMM"
            a, b = _dt.date(start.year, start.month or 1, 1), _dt.date(end.year, end.month or 1, 1)
        else:
            skel = ("MMMMEd" if wide else "MMMEd") if weekday else ("MMMMd" if wide else "MMMd")
        if start.precision == "year":
            a, b = _dt.date(start.year, 1, 1), _dt.date(end.year, 1, 1)
        elif show_start or show_end:
            skel = "y" + skel
        assert a is not None and b is not None
        return format_interval(a, b, skel, locale=loc)
    left, right = point(start, show_start), point(end, show_end)
    return left + sep + right if sep is not None else fallback.format(left, right)


def format_period(
    value: PeriodLike,
    style: DateStyle = "compact",
    *,
    weekday: bool = False,
    time: bool = True,
    omit_year: bool = False,
    context_year: int | None = None,
    repeat_year: bool = False,
    month_word: bool | None = None,
    sep: str | None = None,
    apostrophe: str = "'",
    locale: str = DEFAULT_LOCALE,
    collapse_months: bool = True,
) -> str:
    """A point or range with its qualifier: ``'24.7.~12.``, ``'25.1.3.~4.12.``,
    ``3.22.~3.28.`` (``context_year=2025``), ``'24. 7월~'25. 4월``, ``'25. 4~5월 중``,
    ``'25. 3월~`` (open), ``'25.3월말``.  ``collapse_months=False`` keeps 월 on both ends of a
    same-year month range (``'24.1월~2월`` in ``compact`` with ``month_word=True``).

    The end omits a year equal to the start's unless ``repeat_year`` (``'25. 2월~'25. 4월``);
    the month is always kept for day ranges. ``month_word`` default: ``월`` in ``spaced``,
    digits-and-period in ``compact``/``official`` ranges (single points as
    :func:`format_date`). Same-year month ranges with ``월`` collapse: ``'25. 4~5월``. Same-day
    minute ranges give ``14:30~16:30``. ``sep`` defaults to ``~`` (Korean; ``" ~ "`` reproduces
    spaced sources) and to Babel's interval format elsewhere (``Jul – Dec 2024``). Qualifiers
    ``말``/``초``/``경`` attach, others follow a space.
    """
    per = to_period(value)
    if not is_korean(locale):
        text = _intl_period(
            per, style, weekday=weekday, time=time, omit_year=omit_year,
            context_year=context_year, repeat_year=repeat_year, sep=sep, locale=locale,
        )
    else:
        text = _ko_period(
            per, style, weekday=weekday, time=time, omit_year=omit_year,
            context_year=context_year, repeat_year=repeat_year, month_word=month_word,
            sep="~" if sep is None else sep, apostrophe=apostrophe, locale=locale,
            collapse=collapse_months,
        )
    return _qualify(text, per.qualifier, locale)


def format_period_note(
    value: PeriodLike,
    style: DateStyle = "spaced",
    *,
    weekday: bool = False,
    time: bool = True,
    omit_year: bool = False,
    context_year: int | None = None,
    repeat_year: bool = False,
    month_word: bool | None = None,
    sep: str | None = None,
    apostrophe: str = "'",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """:func:`format_period` in parentheses, for a □ heading or a trailing reference:
    ``('25. 2월~'25. 4월)`` (``repeat_year=True``), ``('25. 3월~)``, ``(6월~)``. The caller
    puts one space before it.
    """
    text = format_period(
        value, style, weekday=weekday, time=time, omit_year=omit_year,
        context_year=context_year, repeat_year=repeat_year, month_word=month_word, sep=sep,
        apostrophe=apostrophe, locale=locale,
    )
    return f"({text})"


def format_dates(
    values: Iterable[PeriodLike],
    style: DateStyle = "compact",
    *,
    weekday: bool = True,
    time: bool = True,
    omit_year: bool = False,
    context_year: int | None = None,
    month_word: bool | None = None,
    apostrophe: str = "'",
    joiner: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A list of dates or periods: ``'25.3.25.(화), 4.2.(수)``.

    In Korean each item drops a year equal to the previous item's (end) year and items are
    joined with ``", "`` (*joiner*). Other locales keep every year and use Babel's list
    pattern (``Mar 25, 2025 (Tue) and Apr 2, 2025 (Wed)``) unless *joiner* is given.
    """
    korean = is_korean(locale)
    parts: list[str] = []
    context = context_year
    for value in values:
        per = to_period(value)
        parts.append(
            format_period(
                per, style, weekday=weekday, time=time, omit_year=omit_year,
                context_year=context, month_word=month_word, apostrophe=apostrophe,
                locale=locale,
            )
        )
        if korean:
            context = (per.end or per.start).year
    if joiner is not None:
        return joiner.join(parts)
    if korean:
        return ", ".join(parts)
    return format_list(parts, locale=get_locale(locale)) if parts else ""
