"""Numbers, table cells, percentages, counts and myriad (만·억·조) units.

Grouping and decimal symbols come from Babel's CLDR data for the given locale; rounding is
always *half-up* (away from zero on .5) with :class:`decimal.Decimal`, never float maths.
Korean-only conventions (``△`` negatives, ``%p``, counters such as ``호``/``명``, ``만``/``억``
units, ``약``/``여``) apply only when the locale's language is Korean.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel import numbers as bn

__all__ = [
    "DEFAULT_LOCALE",
    "MYRIAD_UNITS",
    "Number",
    "format_cell",
    "format_change",
    "format_count",
    "format_myriad",
    "format_number",
    "format_odds",
    "format_percent",
    "format_pp",
    "format_ratio",
    "get_locale",
    "has_hangul",
    "is_korean",
    "round_half_up",
    "to_decimal",
]

Number = int | float | Decimal
"""A numeric input: ``int``, ``float`` (converted through its shortest repr) or ``Decimal``."""

DEFAULT_LOCALE = "ko_KR"

MYRIAD_UNITS: tuple[tuple[str, int], ...] = (("조", 10**12), ("억", 10**8), ("만", 10**4))
"""Korean myriad units, largest first."""

MyriadUnit = Literal["만", "억", "조"]
ChangeStyle = Literal["sign", "triangle", "arrow"]

_ABOUT = {"ko": "약 ", "en": "about "}
_PLUS = {"ko": "여", "en": "+"}


# --------------------------------------------------------------------------- locale helpers


@lru_cache(maxsize=64)
def get_locale(locale: str) -> Locale:
    """The Babel :class:`~babel.Locale` for ``ko_KR``, ``ko-KR``, ``en`` …"""
    return Locale.parse(locale.replace("-", "_"))


def is_korean(locale: str) -> bool:
    """True when *locale*'s language is Korean (``ko``, ``ko_KR``, ``ko-KP`` …)."""
    return get_locale(locale).language == "ko"


def has_hangul(text: str) -> bool:
    """True when *text* contains a Hangul syllable or jamo."""
    return any(
        "\uac00" <= ch <= "\ud7a3" or "\u3130" <= ch <= "\u318f" or "\u1100" <= ch <= "\u11ff"
        for ch in text
    )


def _minus(locale: str) -> str:
    return bn.get_minus_sign_symbol(get_locale(locale))


def _plus(locale: str) -> str:
    return bn.get_plus_sign_symbol(get_locale(locale))


# --------------------------------------------------------------------------- decimal helpers


def to_decimal(value: Number) -> Decimal:
    """Convert to :class:`Decimal` exactly (floats through ``repr``, so ``0.1`` → ``0.1``)."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        d = Decimal(repr(value))
    else:
        raise TypeError(f"expected int, float or Decimal, got {type(value).__name__}")
    if not d.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return d


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    """Round to *decimals* places, halves away from zero (``2.25`` → ``2.3``; ``-2.5`` → ``-3``).

    The result has exactly *decimals* fraction digits and never a negative zero.
    """
    d = to_decimal(value)
    with localcontext() as ctx:
        ctx.prec = max(28, d.adjusted() + decimals + 3)
        r = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(r) if r == 0 else r


def _is_integral(value: Number) -> bool:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return isinstance(exponent, int) and exponent >= 0
    return isinstance(value, int)


def _trim(d: Decimal) -> Decimal:
    """Drop trailing fraction zeros (``45.0`` → ``45``, ``87.50`` → ``87.5``)."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


_DIGITS: dict[tuple[str, int | None, str], str] = {}
""":func:`_digits` results by the value's text (``87.50`` and ``87.5`` apart), decimals and
locale; cleared when :data:`_DIGITS_KEPT` are held."""
_DIGITS_KEPT = 4096


def _digits(d: Decimal, decimals: int | None, locale: str) -> str:
    """Format ``abs``-agnostic *d* with locale grouping; fixed *decimals* or as given."""
    key = (str(d), decimals, locale)
    text = _DIGITS.get(key)
    if text is None:
        if len(_DIGITS) >= _DIGITS_KEPT:
            _DIGITS.clear()
        text = _DIGITS[key] = _format_digits(d, decimals, locale)
    return text


def _format_digits(d: Decimal, decimals: int | None, locale: str) -> str:
    loc = get_locale(locale)
    if decimals is None:
        if d == d.to_integral_value():
            d = d.quantize(Decimal(1))
        return bn.format_decimal(d, locale=loc, decimal_quantization=False)
    q = round_half_up(d, decimals)
    pattern = copy.copy(loc.decimal_formats[None])
    pattern.frac_prec = (decimals, decimals)
    return str(pattern.apply(q, loc))


# --------------------------------------------------------------------------- plain numbers


def format_number(value: Number, decimals: int | None = None, *, locale: str = DEFAULT_LOCALE
                  ) -> str:
    """Group thousands per locale: ``181098`` → ``181,098``.

    *decimals* fixes the fraction digits (half-up); ``None`` keeps the digits the value has
    (``87.5`` → ``87.5``, ``3`` → ``3``).
    """
    return _digits(to_decimal(value), decimals, locale)


def format_cell(
    value: Number | None,
    decimals: int | None = None,
    *,
    zero: str = "-",
    negative: str | None = None,
    plus: str = "",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A table cell: ``None`` or ``0`` → ``-``; negatives ``△1,000`` (Korean) / ``-1,000``.

    *negative* overrides the negative mark (default ``△`` for Korean, the locale's minus
    sign otherwise); *plus* is prefixed to positive values (``"+"`` for signed changes).
    """
    if value is None:
        return zero
    d = to_decimal(value)
    if d == 0:
        return zero
    mark = negative if negative is not None else ("△" if is_korean(locale) else _minus(locale))
    return (mark if d < 0 else plus) + _digits(abs(d), decimals, locale)


def format_change(
    value: Number,
    decimals: int | None = None,
    *,
    style: ChangeStyle = "sign",
    unit: str = "",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A signed change: ``sign`` → ``+3.2``/``-3.2``; ``triangle`` → ``▲3.2``/``▼3.2``;
    ``arrow`` → ``68%↑``/``5%↓`` (*unit* goes before the arrow). Zero has no mark.
    """
    d = to_decimal(value)
    body = _digits(abs(d), decimals, locale) + unit
    if d == 0:
        return body
    up = d > 0
    if style == "sign":
        return (_plus(locale) if up else _minus(locale)) + body
    if style == "triangle":
        return ("▲" if up else "▼") + body
    return body + ("↑" if up else "↓")


def format_odds(value: Number, decimals: int | None = None, *, locale: str = DEFAULT_LOCALE
                ) -> str:
    """A competition ratio: ``49`` → ``49대 1`` (Korean) / ``49:1``."""
    text = _digits(to_decimal(value), decimals, locale)
    return f"{text}대 1" if is_korean(locale) else f"{text}:1"


# --------------------------------------------------------------------------- percentages


def _percent_text(pct: Decimal, decimals: int, locale: str) -> str:
    loc = get_locale(locale)
    q = round_half_up(pct, decimals)
    pattern = copy.copy(loc.percent_formats[None])
    pattern.frac_prec = (decimals, decimals)
    with localcontext() as ctx:
        ctx.prec = max(28, q.adjusted() + decimals + 3)
        return str(pattern.apply(q / 100, loc))


def format_percent(
    value: Number,
    decimals: int | None = None,
    *,
    about: bool = False,
    negative: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A value already in percent: ``25.14`` → ``25.1%``, ``18`` → ``18%``.

    ``decimals=None`` shows integers (``int`` or an integral ``Decimal``) without decimals and
    everything else with one, rounded half-up. ``about`` prefixes ``약 `` / ``about ``.
    ``negative``: the mark of a value below zero (a table's ``△``: ``△10.0%``) instead of
    the locale's minus sign; a value that rounds to zero has none.
    """
    d = to_decimal(value)
    places = decimals if decimals is not None else (0 if _is_integral(value) else 1)
    if negative is not None and d < 0 and round_half_up(d, places) != 0:
        return _about(negative + _percent_text(-d, places, locale), about, locale)
    return _about(_percent_text(d, places, locale), about, locale)


def format_ratio(
    part: Number,
    whole: Number,
    decimals: int = 1,
    *,
    zero: str = "-",
    locale: str = DEFAULT_LOCALE,
) -> str:
    """*part* / *whole* as a percent, half-up: ``(99901, 398000)`` → ``25.1%``.

    A zero *whole* gives *zero* (``-``).
    """
    w = to_decimal(whole)
    if w == 0:
        return zero
    p = to_decimal(part)
    with localcontext() as ctx:
        ctx.prec = max(60, p.adjusted() - w.adjusted() + decimals + 10)
        pct = p * 100 / w
    return _percent_text(pct, decimals, locale)


def format_pp(
    value: Number,
    decimals: int | None = None,
    *,
    signed: bool = False,
    negative: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """Percentage points: ``3.2`` → ``3.2%p`` (Korean) / ``3.2 pp``; ``signed`` adds ``+``;
    ``negative`` marks a fall (``△0.5%p``) instead of the locale's minus sign."""
    d = to_decimal(value)
    places = decimals if decimals is not None else (0 if _is_integral(value) else 1)
    text = _digits(abs(d), places, locale)
    if d < 0 and round_half_up(d, places) != 0:
        text = (negative if negative is not None else _minus(locale)) + text
    elif signed and round_half_up(d, places) != 0:
        text = _plus(locale) + text
    return text + ("%p" if is_korean(locale) else " pp")


# --------------------------------------------------------------------------- myriad units


def _myriad_ko(
    d: Decimal,
    decimals: int | None,
    round_to: MyriadUnit | None,
    cheon: bool,
    locale: str,
) -> str:
    """``1230000000`` → ``12억 3천만``; with *decimals* a single unit: ``87.5억``."""
    sign = _minus(locale) if d < 0 else ""
    d = abs(d)
    if decimals is not None:
        units = (*MYRIAD_UNITS, ("", 1))
        i = next((k for k, (_, size) in enumerate(units) if d >= size), len(units) - 1)
        name, size = units[i]
        q = round_half_up(d / size, decimals)
        if q >= 10**4 and i > 0:
            name, size = units[i - 1]
            q = round_half_up(d / size, decimals)
        text = _digits(_trim(q), None, locale) + name
        return sign + text if q != 0 else text
    step = dict(MYRIAD_UNITS)[round_to] if round_to else 1
    n = int(round_half_up(d / step)) * step
    parts: list[str] = []
    for name, size in MYRIAD_UNITS:
        group, n = divmod(n, size)
        if not group:
            continue
        if name == "만" and cheon and group % 1000 == 0:
            parts.append(f"{group // 1000}천만")
        else:
            parts.append(_digits(Decimal(group), 0, locale) + name)
    if n or not parts:
        parts.append(_digits(Decimal(n), 0, locale))
    text = " ".join(parts)
    return sign + text if text != "0" else text


def format_myriad(
    value: Number,
    decimals: int | None = None,
    *,
    round_to: MyriadUnit | None = None,
    cheon: bool = True,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """Korean myriad units: ``720000`` → ``72만``, ``1230000000`` → ``12억 3천만``.

    Exact by default (every non-zero group, spaced: ``1조 2,000억``); *round_to* rounds
    half-up to ``만``/``억``/``조`` first. *decimals* switches to one unit with up to that many
    decimals (``8750000000, 1`` → ``87.5억``). ``cheon`` writes an exact-thousand 만 group as
    ``N천만``. Non-Korean locales use Babel's compact form (``720K``).
    """
    d = to_decimal(value)
    if is_korean(locale):
        return _myriad_ko(d, decimals, round_to, cheon, locale)
    return bn.format_compact_decimal(
        d, locale=get_locale(locale), fraction_digits=2 if decimals is None else decimals
    )


# --------------------------------------------------------------------------- counts


def _about(text: str, about: bool, locale: str) -> str:
    if not about:
        return text
    return _ABOUT.get(get_locale(locale).language, "~") + text


def format_count(
    value: Number,
    counter: str = "",
    *,
    noun: str | None = None,
    about: bool = False,
    plus: bool = False,
    myriad: bool = False,
    decimals: int | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A count with its counter: ``1,022호``, ``43개 단지``, ``150여 명``, ``약 72만 개``.

    The counter attaches directly to Arabic digits and follows a space after a Hangul
    numeral word (``만``, ``여``). *noun* follows after a space. ``about`` prefixes ``약``;
    ``plus`` appends ``여``; ``myriad`` uses :func:`format_myriad`. In non-Korean locales
    Hangul counters/nouns are dropped (``1,022``), others follow after a space, ``about`` is
    ``about``/``~`` and ``plus`` is ``+``.
    """
    korean = is_korean(locale)
    d = to_decimal(value)
    text = format_myriad(d, decimals, locale=locale) if myriad else _digits(d, decimals, locale)
    if plus:
        text += _PLUS.get(get_locale(locale).language, "+")
    if counter and (korean or not has_hangul(counter)):
        glue = "" if korean and text[-1].isdigit() else " "
        text += glue + counter
    if noun and (korean or not has_hangul(noun)):
        text += " " + noun
    return _about(text, about, locale)

