"""Dates, periods and date lists (FORMAT.md §8.1–8.2; every seed form)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.formatting import (
    format_date,
    format_dates,
    format_day,
    format_month,
    format_period,
    format_period_note,
    format_time,
    format_year,
    to_partial_date,
    to_period,
)
from govreport.model.dates import (
    QUALIFIERS,
    PartialDate,
    Period,
    parse_partial_date,
    parse_period,
)

# Independent oracles (the library itself must take weekdays from Babel).
KO_WEEKDAYS = "월화수목금토일"
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
THIN = "\u2009"


# --------------------------------------------------------------------------- single dates

DATE_CASES = [
    # (value, style, kwargs, expected) — seed forms first
    (dt.date(2025, 3, 25), "compact", {}, "'25.3.25.(화)"),
    (dt.datetime(2025, 3, 24, 21, 20), "spaced", {}, "'25. 3. 24.(월) 21:20"),
    (dt.datetime(2025, 3, 8, 14, 0), "spaced", {}, "'25. 3. 8.(토) 14:00"),
    (dt.datetime(2025, 2, 11, 10, 0), "spaced", {}, "'25. 2. 11.(화) 10:00"),
    (dt.datetime(2025, 3, 18, 12, 45), "spaced", {}, "'25. 3. 18.(화) 12:45"),
    (dt.datetime(2025, 3, 14, 11, 10), "spaced", {}, "'25. 3. 14.(금) 11:10"),
    (dt.datetime(2025, 3, 7, 11, 0), "spaced", {}, "'25. 3. 7.(금) 11:00"),
    (dt.date(2025, 3, 25), "official", {}, "2025. 3. 25.(화)"),
    (dt.date(2025, 3, 25), "official", {"weekday": False}, "2025. 3. 25."),
    (dt.date(2025, 4, 1), "official", {"precision": "month"}, "2025. 4."),
    ("2025-04", "official", {}, "2025. 4."),
    ("2025-07", "spaced", {}, "'25. 7월"),
    ("2025-03", "compact", {}, "'25.3월"),
    ("2025-02-24", "compact", {"weekday": False}, "'25.2.24."),
    ("2025-03-17", "compact", {"weekday": False}, "'25.3.17."),
    ("2025-01-03", "compact", {"weekday": False}, "'25.1.3."),
    ("2025-03-25", "compact", {"weekday": False, "omit_year": True}, "3.25."),
    ("2025-04-21", "compact", {"context_year": 2025}, "4.21.(월)"),
    ("2025-01-22", "compact", {"context_year": 2025, "weekday": False}, "1.22."),
    ("2025-06", "compact", {"context_year": 2025}, "6월"),
    ("2021", "compact", {}, "'21"),
    ("2005-03-02", "compact", {}, "'05.3.2.(수)"),
    ("2025-03-25", "compact", {"apostrophe": "’"}, "’25.3.25.(화)"),
    ("2025-03-24T21:20", "spaced", {"time": False}, "'25. 3. 24.(월)"),
    ("2025-03-24T09:05", "official", {"weekday": False}, "2025. 3. 24. 09:05"),
    ("2025-03", "spaced", {"month_word": False}, "'25. 3."),
    ("2025-04", "official", {"month_word": True}, "2025. 4월"),
    ("2025-03-25", "compact", {"precision": "year"}, "'25"),
    ("2025-03", "compact", {"precision": "day"}, "'25.3월"),  # cannot refine: stays month
    ("2025-03-25", "compact", {"context_year": 2024, "weekday": False}, "'25.3.25."),
]


@pytest.mark.parametrize(("value", "style", "kwargs", "expected"), DATE_CASES)
def test_format_date(value: object, style: str, kwargs: dict[str, object], expected: str) -> None:
    assert format_date(value, style, **kwargs) == expected  # type: ignore[arg-type]


def test_partial_date_value() -> None:
    assert format_date(PartialDate(year=2025, month=3, day=31)) == "'25.3.31.(월)"


def test_wrappers() -> None:
    assert format_year(dt.date(2021, 5, 1)) == "'21"
    assert format_year("2021", "official") == "2021"
    assert format_month(dt.date(2025, 7, 9)) == "'25. 7월"
    assert format_month("2025-03", "compact") == "'25.3월"
    assert format_month("2025-04-15", "official") == "2025. 4."
    assert format_month("2025-06", context_year=2025) == "6월"
    assert format_day(dt.date(2025, 3, 25)) == "3.25."
    assert format_day(dt.date(2025, 4, 21), weekday=True) == "4.21.(월)"
    assert format_day("2025-04-07") == "4.7."


def test_format_time() -> None:
    assert format_time(dt.time(14, 0)) == "14:00"
    assert format_time(dt.time(8, 10)) == "08:10"
    assert format_time(dt.time(14, 30), dt.time(16, 30)) == "14:30~16:30"
    assert format_time(parse_partial_date("2025-03-24T21:20")) == "21:20"
    with pytest.raises(ValueError):
        format_time(parse_partial_date("2025-03-24"))


def test_bad_inputs() -> None:
    with pytest.raises(TypeError):
        format_date(20250325)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_date("2025-02-30")
    with pytest.raises(ValueError):
        format_period("2025-05/2025-04")


# --------------------------------------------------------------------------- periods

PERIOD_CASES = [
    ("2024-07/2024-12", "compact", {}, "'24.7.~12."),
    ("2025-01-03/2025-04-12", "compact", {}, "'25.1.3.~4.12."),
    ("2025-01-03/2025-04-12", "compact", {"sep": " ~ "}, "'25.1.3. ~ 4.12."),
    ("2025-03-22/2025-03-28", "compact", {"context_year": 2025}, "3.22.~3.28."),
    ("2025-04-04/2025-04-05", "compact", {"context_year": 2025}, "4.4.~4.5."),
    ("2025-03-22/2025-03-28", "compact", {}, "'25.3.22.~3.28."),
    ("2024-07/2025-04", "spaced", {}, "'24. 7월~'25. 4월"),
    ("2024-07/2025-04", "spaced", {"sep": " ~ "}, "'24. 7월 ~ '25. 4월"),
    ("2025-02/2025-04", "spaced", {"repeat_year": True}, "'25. 2월~'25. 4월"),
    ("2025-02/2025-04", "spaced", {}, "'25. 2~4월"),
    ("2025-04/2025-05 중", "spaced", {}, "'25. 4~5월 중"),
    ("2025-01/2025-03 말", "spaced", {"repeat_year": True}, "'25. 1월~'25. 3월말"),
    ("2025-03 말", "compact", {}, "'25.3월말"),
    ("2025-03 초", "spaced", {}, "'25. 3월초"),
    ("2025-03 중순", "spaced", {}, "'25. 3월 중순"),
    ("2025-03/..", "spaced", {}, "'25. 3월~"),
    ("2025-03/..", "spaced", {"sep": " ~"}, "'25. 3월 ~"),
    ("2025-06/..", "compact", {"context_year": 2025}, "6월~"),
    ("2025-01-03/2025-04-12", "compact", {"repeat_year": True}, "'25.1.3.~'25.4.12."),
    ("2024-12-30/2025-01-03", "compact", {}, "'24.12.30.~'25.1.3."),
    ("2025-12-30/2026-01-03", "compact", {"context_year": 2025}, "12.30.~'26.1.3."),
    ("2024-07/2024-12", "compact", {"month_word": True}, "'24.7~12월"),
    ("2024-07/2024-12", "official", {}, "2024. 7.~12."),
    ("2025-01-03/2025-04-12", "spaced", {}, "'25. 1. 3.~4. 12."),
    ("2025-01-03/2025-04-12", "official", {}, "2025. 1. 3.~4. 12."),
    ("2025-03-22/2025-03-28", "compact", {"weekday": True}, "'25.3.22.(토)~3.28.(금)"),
    ("2025-03-24T14:30/2025-03-24T16:30", "spaced", {"weekday": True},
     "'25. 3. 24.(월) 14:30~16:30"),
    ("2025-03-24T14:30/2025-03-24T16:30", "spaced", {"time": False}, "'25. 3. 24."),
    ("2025-03-24T14:30/2025-03-25T10:00", "compact", {}, "'25.3.24. 14:30~3.25. 10:00"),
    ("2024/2025", "compact", {}, "'24~'25"),
    ("2025-03/2025-04-12", "compact", {}, "'25.3.~4.12."),
    ("2025-03-25/2025-03-25", "compact", {}, "'25.3.25."),
    ("2025-03-25", "compact", {"weekday": True}, "'25.3.25.(화)"),
]


@pytest.mark.parametrize(("value", "style", "kwargs", "expected"), PERIOD_CASES)
def test_format_period(value: str, style: str, kwargs: dict[str, object], expected: str) -> None:
    assert format_period(value, style, **kwargs) == expected  # type: ignore[arg-type]


def test_period_accepts_typed_values() -> None:
    p = Period(start=PartialDate(year=2024, month=7), end=PartialDate(year=2024, month=12))
    assert format_period(p) == "'24.7.~12."
    assert format_period(dt.date(2025, 3, 25)) == "'25.3.25."
    assert format_period(PartialDate(year=2025, month=7), "spaced") == "'25. 7월"


def test_period_note() -> None:
    assert format_period_note("2025-02/2025-04", repeat_year=True) == "('25. 2월~'25. 4월)"
    assert format_period_note("2024-07/2025-04") == "('24. 7월~'25. 4월)"
    assert format_period_note("2025-03/..") == "('25. 3월~)"
    assert format_period_note("2025-06/..", "compact", context_year=2025) == "(6월~)"
    assert format_period_note("2025-01-03/2025-04-12", "compact") == "('25.1.3.~4.12.)"
    assert format_period_note("2025-02-24", "compact") == "('25.2.24.)"
    assert format_period_note("2025-04-21", "compact", weekday=True, omit_year=True) == (
        "(4.21.(월))"
    )


# --------------------------------------------------------------------------- date lists

def test_format_dates() -> None:
    assert format_dates(["2025-03-25", "2025-04-02"]) == "'25.3.25.(화), 4.2.(수)"
    assert format_dates([dt.date(2025, 3, 25), dt.date(2025, 4, 2)], "spaced") == (
        "'25. 3. 25.(화), 4. 2.(수)"
    )
    assert format_dates(["2024-12-30", "2025-01-02", "2025-01-03"], weekday=False) == (
        "'24.12.30., '25.1.2., 1.3."
    )
    assert format_dates(["2025-03-25", "2025-04-07"], weekday=False, context_year=2025) == (
        "3.25., 4.7."
    )
    assert format_dates(["2025-03-22/2025-03-28", "2025-04-04"], weekday=False) == (
        "'25.3.22.~3.28., 4.4."
    )
    assert format_dates(["2025-03-25", "2025-04-02"], joiner=" / ", weekday=False) == (
        "'25.3.25. / 4.2."
    )
    assert format_dates([]) == ""


# --------------------------------------------------------------------------- other locales

EN_CASES = [
    (lambda: format_date(dt.date(2025, 3, 25), locale="en"), "Mar 25, 2025 (Tue)"),
    (lambda: format_date(dt.datetime(2025, 3, 24, 21, 20), "spaced", locale="en"),
     "Mar 24, 2025 (Mon) 21:20"),
    (lambda: format_date("2025-03-25", "official", weekday=False, locale="en"),
     "March 25, 2025"),
    (lambda: format_month("2025-04", "official", locale="en"), "April 2025"),
    (lambda: format_month("2025-07", locale="en"), "Jul 2025"),
    (lambda: format_month("2025-06", context_year=2025, locale="en"), "Jun"),
    (lambda: format_year("2021", locale="en"), "2021"),
    (lambda: format_day("2025-04-21", weekday=True, locale="en"), "Apr 21 (Mon)"),
    (lambda: format_date("2025-04-21", "official", omit_year=True, weekday=False, locale="en"),
     "April 21"),
    (lambda: format_period("2025-03 말", locale="en"), "end of Mar 2025"),
    (lambda: format_period("2025-04/2025-05 중", locale="en"), f"during Apr{THIN}–{THIN}May 2025"),
    (lambda: format_period("2024-07/2024-12", locale="en"), f"Jul{THIN}–{THIN}Dec 2024"),
    (lambda: format_period("2024-07/2025-04", locale="en"), f"Jul 2024{THIN}–{THIN}Apr 2025"),
    (lambda: format_period("2025-03-22/2025-03-28", context_year=2025, locale="en"),
     f"Mar 22{THIN}–{THIN}28"),
    (lambda: format_period("2025-02/2025-04", repeat_year=True, locale="en"),
     f"Feb 2025{THIN}–{THIN}Apr 2025"),
    (lambda: format_period("2025-03/..", locale="en"), f"Mar 2025{THIN}–"),
    (lambda: format_period("2025-03-24T14:30/2025-03-24T16:30", locale="en"),
     f"Mar 24, 2025 14:30{THIN}–{THIN}16:30"),
    (lambda: format_period_note("2025-03/..", sep="–", locale="en"), "(Mar 2025–)"),
    (lambda: format_dates(["2025-03-25", "2025-04-02"], locale="en"),
     "Mar 25, 2025 (Tue) and Apr 2, 2025 (Wed)"),
    (lambda: format_date(dt.date(2025, 3, 25), locale="ja"), "2025年3月25日(火)"),
    (lambda: format_date(dt.date(2025, 3, 25), "official", weekday=False, locale="de"),
     "25. März 2025"),
]


@pytest.mark.parametrize(("call", "expected"), EN_CASES)
def test_other_locales(call: object, expected: str) -> None:
    assert call() == expected  # type: ignore[operator]


def test_korean_region_and_dash_forms() -> None:
    assert format_date("2025-03-25", locale="ko") == "'25.3.25.(화)"
    assert format_date("2025-03-25", locale="ko-KR") == "'25.3.25.(화)"


# --------------------------------------------------------------------------- properties

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    d = draw(dates)
    precision = draw(st.sampled_from(["year", "month", "day", "minute"]))
    if precision == "year":
        return PartialDate(year=d.year)
    if precision == "month":
        return PartialDate(year=d.year, month=d.month)
    if precision == "day":
        return PartialDate(year=d.year, month=d.month, day=d.day)
    return PartialDate(
        year=d.year, month=d.month, day=d.day,
        hour=draw(st.integers(0, 23)), minute=draw(st.integers(0, 59)),
    )


def _key(p: PartialDate) -> tuple[int, int, int, int, int]:
    return (p.year, p.month or 0, p.day or 0, p.hour or 0, p.minute or 0)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(partial_dates())
    qualifier = draw(st.none() | st.sampled_from(QUALIFIERS))
    kind = draw(st.sampled_from(["point", "open", "range"]))
    if kind == "point":
        return Period(start=start, qualifier=qualifier)
    if kind == "open":
        return Period(start=start, open_end=True, qualifier=qualifier)
    end = draw(partial_dates().filter(lambda e: _key(e) >= _key(start)))
    return Period(start=start, end=end, qualifier=qualifier)


@given(partial_dates())
def test_partial_date_iso_round_trip(p: PartialDate) -> None:
    assert parse_partial_date(p.iso()) == p


@given(periods())
def test_period_iso_round_trip(p: Period) -> None:
    assert parse_period(p.iso()) == p
    assert to_period(p.iso()) == p


@given(dates)
def test_compact_date_reads_back(d: dt.date) -> None:
    text = format_date(d)
    m = re.fullmatch(r"'(\d\d)\.(\d{1,2})\.(\d{1,2})\.\((.)\)", text)
    assert m, text
    assert (int(m[1]), int(m[2]), int(m[3])) == (d.year % 100, d.month, d.day)
    assert m[4] == KO_WEEKDAYS[d.weekday()]


@given(dates)
def test_official_date_reads_back(d: dt.date) -> None:
    text = format_date(d, "official", weekday=False)
    assert text == f"{d.year}. {d.month}. {d.day}."
    assert "0" not in text.replace(str(d.year), "")[:3]  # no zero padding after the year


@given(dates)
def test_english_weekday(d: dt.date) -> None:
    assert format_date(d, locale="en").endswith(f" ({EN_WEEKDAYS[d.weekday()]})")


@given(dates, dates, st.sampled_from(["compact", "spaced"]))
def test_same_year_range_states_year_once(a: dt.date, b: dt.date, style: str) -> None:
    b = _in_year(b, a.year)
    start, end = sorted([a, b])
    text = format_period(Period(start=to_partial_date(start), end=to_partial_date(end)),
                         style)  # type: ignore[arg-type]
    assert text.count("'") == 1
    assert text.count(f"'{a.year % 100:02d}") == 1
    both = format_period(Period(start=to_partial_date(start), end=to_partial_date(end)),
                         style, repeat_year=True)  # type: ignore[arg-type]
    assert both.count("'") == (1 if start == end else 2)


def _in_year(d: dt.date, year: int) -> dt.date:
    """``d`` moved to ``year`` (29 February becomes the 28th in common years)."""
    return dt.date(year, d.month, min(d.day, 28) if d.month == 2 else d.day)


@given(dates, dates)
def test_same_year_official_range_states_year_once(a: dt.date, b: dt.date) -> None:
    start, end = sorted([a, _in_year(b, a.year)])
    text = format_period(f"{start.isoformat()}/{end.isoformat()}", "official")
    assert text.count(str(a.year)) == 1


@given(dates, dates)
def test_cross_year_range_states_both_years(a: dt.date, b: dt.date) -> None:
    start, end = sorted([a, b])
    if start.year == end.year:
        end = _in_year(end, end.year + 1)
    text = format_period(f"{start.isoformat()}/{end.isoformat()}", weekday=False)
    m = re.fullmatch(r"'(\d\d)\.(\d+)\.(\d+)\.~'(\d\d)\.(\d+)\.(\d+)\.", text)
    assert m, text
    assert [int(x) for x in m.groups()] == [
        start.year % 100, start.month, start.day, end.year % 100, end.month, end.day
    ]


@given(dates, dates)
def test_day_range_keeps_months(a: dt.date, b: dt.date) -> None:
    start, end = sorted([a, _in_year(b, a.year)])
    text = format_period(f"{start.isoformat()}/{end.isoformat()}", context_year=a.year)
    if start == end:
        assert text == f"{start.month}.{start.day}."
    else:
        assert text == f"{start.month}.{start.day}.~{end.month}.{end.day}."


@given(periods(), st.sampled_from(["compact", "spaced", "official"]))
def test_context_year_removes_the_year(p: Period, style: str) -> None:
    end_year = p.end.year if p.end else p.start.year
    text = format_period(p, style, context_year=p.start.year)  # type: ignore[arg-type]
    if p.start.precision != "year" and end_year == p.start.year:
        assert "'" not in text
    if p.qualifier:
        assert p.qualifier in text


@given(st.lists(dates, min_size=1, max_size=6))
def test_list_year_stated_once_per_year_change(ds: list[dt.date]) -> None:
    text = format_dates(ds, weekday=False)
    changes = 1 + sum(1 for x, y in itertools.pairwise(ds) if x.year != y.year)
    assert text.count("'") == changes
    assert len(text.split(", ")) == len(ds)
