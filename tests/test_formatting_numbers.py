"""Numbers, percentages, counts and money (FORMAT.md §8.3; every seed form)."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.formatting import (
    MONEY_UNITS,
    format_cell,
    format_change,
    format_count,
    format_krw,
    format_money,
    format_money_myriad,
    format_myriad,
    format_number,
    format_odds,
    format_percent,
    format_pp,
    format_ratio,
    round_half_up,
)

NBSP = "\xa0"

# --------------------------------------------------------------------------- tables of cases

NUMBER_CASES = [
    (lambda: format_number(181098), "181,098"),
    (lambda: format_number(1022), "1,022"),
    (lambda: format_number(999), "999"),
    (lambda: format_number(-1234567), "-1,234,567"),
    (lambda: format_number(87.5), "87.5"),
    (lambda: format_number(Decimal("1234.50")), "1,234.5"),
    (lambda: format_number(2.5, 0), "3"),
    (lambda: format_number(3.5, 0), "4"),
    (lambda: format_number(2.675, 2), "2.68"),
    (lambda: format_number(-0.04, 1), "0.0"),
    (lambda: format_number(Decimal("1E+3")), "1,000"),
    (lambda: format_number(1234.5, locale="de"), "1.234,5"),
    (lambda: format_number(181098, locale="en"), "181,098"),
    # table cells (seed budget table)
    (lambda: format_cell(398000), "398,000"),
    (lambda: format_cell(0), "-"),
    (lambda: format_cell(None), "-"),
    (lambda: format_cell(-1000), "△1,000"),
    (lambda: format_cell(-1000, negative="-"), "-1,000"),
    (lambda: format_cell(1000, plus="+"), "+1,000"),
    (lambda: format_cell(0, zero="0"), "0"),
    (lambda: format_cell(12.345, 1), "12.3"),
    (lambda: format_cell(-1000, locale="en"), "-1,000"),
    # changes
    (lambda: format_change(3.2), "+3.2"),
    (lambda: format_change(-1000), "-1,000"),
    (lambda: format_change(0), "0"),
    (lambda: format_change(68, style="arrow", unit="%"), "68%↑"),
    (lambda: format_change(-5, style="arrow", unit="%"), "5%↓"),
    (lambda: format_change(12, style="triangle"), "▲12"),
    (lambda: format_change(-12, style="triangle"), "▼12"),
    # percent (half-up, one decimal for computed ratios; seed budget table)
    (lambda: format_ratio(99901, 398000), "25.1%"),
    (lambda: format_ratio(80036, 318000), "25.2%"),
    (lambda: format_ratio(19865, 80000), "24.8%"),
    (lambda: format_ratio(132, 1535), "8.6%"),
    (lambda: format_ratio(1, 8, 2), "12.50%"),
    (lambda: format_ratio(1, 0), "-"),
    (lambda: format_ratio(5, 0, zero="n/a"), "n/a"),
    (lambda: format_ratio(1, 40), "2.5%"),
    (lambda: format_ratio(1, 80), "1.3%"),          # 1.25 → 1.3 (half-up, not half-even)
    (lambda: format_ratio(3, 80), "3.8%"),          # 3.75 → 3.8
    (lambda: format_ratio(-1, 80), "-1.3%"),
    (lambda: format_percent(18), "18%"),
    (lambda: format_percent(27, about=True), "약 27%"),
    (lambda: format_percent(31.1), "31.1%"),
    (lambda: format_percent(8.65), "8.7%"),
    (lambda: format_percent(25.0), "25.0%"),
    (lambda: format_percent(Decimal("25")), "25%"),
    (lambda: format_percent(Decimal("25.0")), "25.0%"),
    (lambda: format_percent(12.345, 2), "12.35%"),
    (lambda: format_percent(25.14, locale="en"), "25.1%"),
    (lambda: format_percent(27, about=True, locale="en"), "about 27%"),
    (lambda: format_percent(25.14, locale="de"), f"25,1{NBSP}%"),
    (lambda: format_ratio(99901, 398000, locale="de"), f"25,1{NBSP}%"),
    (lambda: format_pp(3.2), "3.2%p"),
    (lambda: format_pp(2), "2%p"),
    (lambda: format_pp(-1.25), "-1.3%p"),
    (lambda: format_pp(1.5, signed=True), "+1.5%p"),
    (lambda: format_pp(-0.04), "0.0%p"),
    (lambda: format_pp(3.2, locale="en"), "3.2 pp"),
    (lambda: format_odds(49), "49대 1"),
    (lambda: format_odds(328), "328대 1"),
    (lambda: format_odds(49, locale="en"), "49:1"),
]

COUNT_CASES = [
    (lambda: format_count(1022, "호"), "1,022호"),
    (lambda: format_count(729, "명"), "729명"),
    (lambda: format_count(181098, "개"), "181,098개"),
    (lambda: format_count(2507, "건"), "2,507건"),
    (lambda: format_count(13, "대"), "13대"),
    (lambda: format_count(549, "동"), "549동"),
    (lambda: format_count(132, "가구"), "132가구"),
    (lambda: format_count(39), "39"),
    (lambda: format_count(43, "개", noun="단지"), "43개 단지"),
    (lambda: format_count(150, "명", plus=True), "150여 명"),
    (lambda: format_count(150, "명", about=True, plus=True), "약 150여 명"),
    (lambda: format_count(720000, "개", about=True, myriad=True), "약 72만 개"),
    (lambda: format_count(720000, myriad=True), "72만"),
    (lambda: format_count(7200, "개", myriad=True), "7,200개"),
    (lambda: format_count(1022, "호", locale="en"), "1,022"),
    (lambda: format_count(43, "개", noun="단지", locale="en"), "43"),
    (lambda: format_count(43, "complexes", locale="en"), "43 complexes"),
    (lambda: format_count(150, "people", plus=True, locale="en"), "150+ people"),
    (lambda: format_count(720000, "개", about=True, myriad=True, locale="en"), "about 720K"),
    (lambda: format_myriad(720000), "72만"),
    (lambda: format_myriad(1_230_000_000), "12억 3천만"),
    (lambda: format_myriad(1_234_500_000), "12억 3,450만"),
    (lambda: format_myriad(12_345_678), "1,234만 5,678"),
    (lambda: format_myriad(12_345_678, round_to="만"), "1,235만"),
    (lambda: format_myriad(0), "0"),
    (lambda: format_myriad(-720000), "-72만"),
    (lambda: format_myriad(60_000_000, cheon=False), "6,000만"),
    (lambda: format_myriad(720000, locale="ja"), "72万"),
]

MONEY_CASES = [
    (lambda: format_money(131_371_000), "131,371천원"),
    (lambda: format_money(131_371_000, space=True), "131,371천 원"),
    (lambda: format_money(398_000_000, "천원"), "398,000천원"),
    (lambda: format_money(55_714_000_000, "백만원"), "55,714백만원"),
    (lambda: format_money(131_371_000, "백만원", 1), "131.4백만원"),
    (lambda: format_money(131_350_000, "백만원", 1), "131.4백만원"),   # half-up
    (lambda: format_money(113_560, "원"), "113,560원"),
    (lambda: format_money(113_560, "원", space=True), "113,560원"),
    (lambda: format_money(4_500_000_000, "억원"), "45억원"),
    (lambda: format_money(131_371_000, locale="en"), "₩131,371,000"),
    (lambda: format_money(131_371_400, "백만원", locale="en"), "₩131,000,000"),
    (lambda: format_money_myriad(4_500_000_000), "45억원"),
    (lambda: format_money_myriad(3_700_000_000), "37억원"),
    (lambda: format_money_myriad(300_000_000), "3억원"),
    (lambda: format_money_myriad(60_000_000), "6천만원"),
    (lambda: format_money_myriad(1_230_000_000), "12억 3천만원"),
    (lambda: format_money_myriad(1_200_000_000_000), "1조 2,000억원"),
    (lambda: format_money_myriad(8_750_000_000, 1), "87.5억원"),
    (lambda: format_money_myriad(4_500_000_000, 1), "45억원"),
    (lambda: format_money_myriad(8_760_000_000, 1), "87.6억원"),
    (lambda: format_money_myriad(8_755_000_000, 1), "87.6억원"),        # half-up
    (lambda: format_money_myriad(999_996_000_000, 1), "1조원"),          # rolls up a unit
    (lambda: format_money_myriad(1_200_000_000_000, 1), "1.2조원"),
    (lambda: format_money_myriad(5000), "5,000원"),
    (lambda: format_money_myriad(0), "0원"),
    (lambda: format_money_myriad(500_000_000, space=True), "5억 원"),
    (lambda: format_money_myriad(4_000_000_000, space=True), "40억 원"),
    (lambda: format_money_myriad(1_230_000_000, space=True), "12억 3천만 원"),
    (lambda: format_money_myriad(1_230_004_500, round_to="만"), "12억 3천만원"),
    (lambda: format_money_myriad(1_230_004_500), "12억 3천만 4,500원"),
    (lambda: format_money_myriad(-4_500_000_000), "-45억원"),
    (lambda: format_money_myriad(4_500_000_000, locale="en"), "₩4.5B"),
    (lambda: format_money_myriad(1_230_000_000, locale="en"), "₩1.23B"),
    (lambda: format_krw(4_500_000_000), "₩4,500,000,000"),
    (lambda: format_krw(4_500_000_000, locale="en"), "₩4,500,000,000"),
    (lambda: format_krw(1234.5), "₩1,235"),
    (lambda: format_krw(1234.5, currency="USD", locale="en"), "$1,234.50"),
]


@pytest.mark.parametrize(("call", "expected"), NUMBER_CASES + COUNT_CASES + MONEY_CASES)
def test_cases(call: object, expected: str) -> None:
    assert call() == expected  # type: ignore[operator]


def test_errors() -> None:
    with pytest.raises(ValueError):
        format_money(1000, "달러")
    with pytest.raises(TypeError):
        format_number(True)
    with pytest.raises(TypeError):
        format_number("12")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_number(float("nan"))


# --------------------------------------------------------------------------- properties

def _half_up_oracle(x: Fraction, places: int) -> Fraction:
    scale = 10**places
    magnitude = (abs(x) * scale + Fraction(1, 2)).__floor__()
    return Fraction(magnitude if x >= 0 else -magnitude, scale)


@given(st.integers(-(10**15), 10**15))
def test_grouping(n: int) -> None:
    text = format_number(n)
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*", text)
    assert int(text.replace(",", "")) == n


@given(st.integers(-(10**9), 10**9), st.integers(1, 10**9), st.integers(0, 3))
def test_ratio_is_half_up(part: int, whole: int, places: int) -> None:
    expected = _half_up_oracle(Fraction(part * 100, whole), places)
    text = format_ratio(part, whole, places)
    assert text.endswith("%")
    assert Fraction(Decimal(text[:-1].replace(",", ""))) == expected


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=4), st.integers(0, 3))
def test_round_half_up(d: Decimal, places: int) -> None:
    r = round_half_up(d, places)
    assert Fraction(r) == _half_up_oracle(Fraction(d), places)
    assert r.as_tuple().exponent == -places


def _read_myriad(text: str) -> int:
    """Independent parser for 12억 3천만 / 1조 2,000억 / 1,234만 5,678."""
    total = 0
    for part in text.split(" "):
        m = re.fullmatch(r"([\d,]+)(천)?(만|억|조)?", part)
        assert m, part
        n = int(m[1].replace(",", "")) * (1000 if m[2] else 1)
        total += n * {None: 1, "만": 10**4, "억": 10**8, "조": 10**12}[m[3]]
    return total


@given(st.integers(0, 10**17))
def test_myriad_reads_back(n: int) -> None:
    text = format_myriad(n)
    assert _read_myriad(text) == n
    units = re.findall(r"[만억조]", text)
    assert len(units) == len(set(units))  # each unit at most once
    assert format_money_myriad(n) == text + "원"


@given(st.integers(0, 10**16), st.sampled_from(["만", "억", "조"]))
def test_myriad_round_to(n: int, unit: str) -> None:
    step = {"만": 10**4, "억": 10**8, "조": 10**12}[unit]
    value = _read_myriad(format_myriad(n, round_to=unit))  # type: ignore[arg-type]
    assert value % step == 0
    assert abs(value - n) * 2 <= step


@given(st.integers(10**4, 10**16), st.integers(0, 2))
def test_myriad_decimal_mode_is_close(n: int, places: int) -> None:
    text = format_money_myriad(n, places)
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(만|억|조)원", text)
    assert m, text
    size = {"만": 10**4, "억": 10**8, "조": 10**12}[m[2]]
    shown = Fraction(Decimal(m[1].replace(",", ""))) * size
    assert abs(shown - n) <= Fraction(size, 2 * 10**places)
    assert not m[1].endswith("0") or "." not in m[1]  # trailing zeros are trimmed


@given(st.integers(-(10**12), 10**12))
def test_cell_marks_negatives(n: int) -> None:
    text = format_cell(n)
    if n == 0:
        assert text == "-"
    elif n < 0:
        assert text == "△" + format_number(-n)
    else:
        assert text == format_number(n)


@given(st.integers(0, 10**15), st.sampled_from(sorted(MONEY_UNITS)))
def test_money_unit_scaling(amount: int, unit: str) -> None:
    text = format_money(amount, unit)
    assert text.endswith(unit)
    shown = int(text[: -len(unit)].replace(",", ""))
    assert shown == _half_up_oracle(Fraction(amount, MONEY_UNITS[unit]), 0)


@given(st.integers(1, 10**6), st.sampled_from(["호", "명", "개", "건"]))
def test_counter_attaches_to_digits_only(n: int, counter: str) -> None:
    assert format_count(n, counter) == format_number(n) + counter
    assert format_count(n, counter, plus=True) == format_number(n) + "여 " + counter


def test_formatting_kept_per_locale_and_decimals() -> None:
    """Formatted digits are remembered, but never across locales, decimals or a value's
    written digits."""
    assert format_number(1234.5, locale="de_DE") == "1.234,5"
    assert format_number(1234.5) == "1,234.5"
    assert format_number(1234.5, 2) == "1,234.50"
    assert format_number(Decimal("1234.50"), locale="de_DE") == "1.234,5"
    assert format_number(Decimal("1234.56"), 1) == "1,234.6"


def test_a_table_marks_a_fall_in_percent_as_its_other_figures() -> None:
    """``negative`` (a table's ``△``) marks percentages and points below zero; a value
    that rounds to zero has no mark; without it the locale's minus sign stays."""
    assert format_percent(-4, negative="△") == "△4%"
    assert format_percent(-16.666, 2, negative="△") == "△16.67%"
    assert format_percent(-0.04, 1, negative="△") == "0.0%"
    assert format_percent(12.5, negative="△") == "12.5%"
    assert format_percent(-4.0, 1) == "-4.0%"
    assert format_pp(-0.5, signed=True, negative="△") == "△0.5%p"
    assert format_pp(0.5, signed=True, negative="△") == "+0.5%p"
    assert format_pp(-0.5) == "-0.5%p"
