"""Item symbols (FORMAT.md §2) and the Jinja filter table."""

from __future__ import annotations

import datetime as dt
import inspect
import unicodedata

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.formatting import (
    FILTERS,
    circled,
    circled_ganada,
    filters_for,
    ganada,
    marker,
    roman,
)

SYMBOL_CASES = [
    (lambda: circled(1), "①"),
    (lambda: circled(5), "⑤"),
    (lambda: circled(20), "⑳"),
    (lambda: circled(21), "㉑"),
    (lambda: circled(35), "㉟"),
    (lambda: circled(36), "㊱"),
    (lambda: circled(50), "㊿"),
    (lambda: circled(51), "(51)"),
    (lambda: circled(0), "⓪"),
    (lambda: roman(1), "Ⅰ"),
    (lambda: roman(2), "Ⅱ"),
    (lambda: roman(12), "Ⅻ"),
    (lambda: roman(13), "ⅩⅢ"),
    (lambda: roman(19), "ⅩⅨ"),
    (lambda: roman(40), "ⅩⅬ"),
    (lambda: roman(1999), "ⅯⅭⅯⅩⅭⅨ"),
    (lambda: ganada(1), "가"),
    (lambda: ganada(4), "라"),
    (lambda: ganada(14), "하"),
    (lambda: ganada(15), "거"),
    (lambda: ganada(16), "너"),
    (lambda: ganada(28), "허"),
    (lambda: ganada(29), "고"),
    (lambda: ganada(84), "히"),
    (lambda: ganada(1, locale="en"), "a"),
    (lambda: ganada(27, locale="en"), "aa"),
    (lambda: circled_ganada(1), "㉮"),
    (lambda: circled_ganada(14), "㉻"),
    (lambda: circled_ganada(15), "(거)"),
    (lambda: circled_ganada(1, locale="en"), "ⓐ"),
    (lambda: circled_ganada(27, locale="en"), "(aa)"),
    (lambda: marker(1, 3), "3."),
    (lambda: marker(2, 3), "다."),
    (lambda: marker(2, 15), "거."),
    (lambda: marker(3, 3), "3)"),
    (lambda: marker(4, 3), "다)"),
    (lambda: marker(5, 3), "(3)"),
    (lambda: marker(6, 3), "(다)"),
    (lambda: marker(6, 15), "(거)"),
    (lambda: marker(7, 3), "③"),
    (lambda: marker(8, 3), "㉰"),
    (lambda: marker(2, 1, locale="en"), "a."),
    (lambda: marker(8, 2, locale="en"), "ⓑ"),
]


@pytest.mark.parametrize(("call", "expected"), SYMBOL_CASES)
def test_symbols(call: object, expected: str) -> None:
    assert call() == expected  # type: ignore[operator]


def test_ladder_level_one() -> None:
    assert [marker(level, 1) for level in range(1, 9)] == [
        "1.", "가.", "1)", "가)", "(1)", "(가)", "①", "㉮"
    ]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: circled(-1), ValueError),
        (lambda: roman(0), ValueError),
        (lambda: roman(4000), ValueError),
        (lambda: ganada(85), ValueError),
        (lambda: ganada(0), ValueError),
        (lambda: marker(0, 1), ValueError),
        (lambda: marker(9, 1), ValueError),
        (lambda: marker(1, 0), ValueError),
        (lambda: circled(True), TypeError),
    ],
)
def test_symbol_errors(call: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


# --------------------------------------------------------------------------- properties
# Oracles from the Unicode database: NFKC and numeric values, not from the library's tables.


@given(st.integers(1, 50))
def test_circled_is_the_unicode_circled_number(n: int) -> None:
    ch = circled(n)
    assert len(ch) == 1
    assert unicodedata.numeric(ch) == n
    assert unicodedata.normalize("NFKC", ch) == str(n)
    assert "CIRCLED" in unicodedata.name(ch)


@given(st.integers(51, 10**6))
def test_circled_fallback(n: int) -> None:
    assert circled(n) == f"({n})"


def _roman_value(text: str) -> int:
    values = [int(unicodedata.numeric(ch)) for ch in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


@given(st.integers(1, 3999))
def test_roman_uses_number_forms_and_reads_back(n: int) -> None:
    text = roman(n)
    assert all("\u2160" <= ch <= "\u216f" for ch in text)
    assert _roman_value(text) == n
    if n <= 12:
        assert len(text) == 1
        assert unicodedata.normalize("NFKC", text) == [
            "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"
        ][n - 1]


def test_ganada_sequence_is_unique_hangul() -> None:
    seq = [ganada(n) for n in range(1, 85)]
    assert len(set(seq)) == 84
    assert all(unicodedata.name(s).startswith("HANGUL SYLLABLE ") for s in seq)
    # 14 consonants ㄱ…ㅎ, then the next vowel: 가…하, 거…허, 고…호, 구…후, 그…흐, 기…히
    initials = ["G", "N", "D", "R", "M", "B", "S", "", "J", "C", "K", "T", "P", "H"]
    expected = [f"HANGUL SYLLABLE {c}{v}" for v in ["A", "EO", "O", "U", "EU", "I"]
                for c in initials]
    assert [unicodedata.name(s) for s in seq] == expected


@given(st.integers(1, 14))
def test_circled_ganada_matches_ganada(n: int) -> None:
    assert unicodedata.normalize("NFKC", circled_ganada(n)) == ganada(n)


@given(st.integers(1, 8), st.integers(1, 14))
def test_marker_contains_the_index(level: int, n: int) -> None:
    text = marker(level, n)
    label = str(n) if level % 2 else ganada(n)
    if level <= 6:
        assert label in text
    else:
        assert unicodedata.normalize("NFKC", text) in (str(n), ganada(n))


# --------------------------------------------------------------------------- filters


def test_every_filter_takes_a_locale() -> None:
    for name, func in FILTERS.items():
        param = inspect.signature(func).parameters.get("locale")
        assert param is not None, name
        assert param.default == "ko_KR", name


def test_filter_names() -> None:
    for name in ["kdate", "kperiod", "kdates", "num", "cell", "pct", "ratio", "pp", "money",
                 "myriad", "krw", "count", "circled", "roman", "ganada", "marker"]:
        assert name in FILTERS


def test_filters_in_jinja() -> None:
    env = jinja2.Environment(autoescape=False)
    env.filters.update(FILTERS)
    tpl = env.from_string(
        "{{ d|kdate('spaced') }} / {{ p|kperiod_note('spaced', repeat_year=true) }} / "
        "{{ spent|num }} ({{ spent|ratio(budget) }}) / {{ won|myriad }} / "
        "{{ n|count('호') }} / {{ 2|marker(3) }}"
    )
    out = tpl.render(
        d=dt.datetime(2025, 3, 24, 21, 20), p="2025-02/2025-04", spent=99901, budget=398000,
        won=4_500_000_000, n=1022,
    )
    assert out == (
        "'25. 3. 24.(월) 21:20 / ('25. 2월~'25. 4월) / 99,901 (25.1%) / 45억원 / 1,022호 / 다."
    )


def test_filters_for_binds_locale() -> None:
    en = filters_for("en")
    assert en["kdate"](dt.date(2025, 3, 25)) == "Mar 25, 2025 (Tue)"
    assert en["count"](1022, "호") == "1,022"
    assert en["kdate"](dt.date(2025, 3, 25), locale="ko_KR") == "'25.3.25.(화)"
    assert set(en) == set(FILTERS)
