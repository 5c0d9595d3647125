"""Money: unit-scaled amounts (``131,371천원``), myriad amounts (``45억원``) and KRW.

Amounts are always given in won. Korean output follows the report convention (unit attached,
``money_space`` option for the 표준 spacing ``5억 원``); other locales get Babel's currency
formatting (``₩131,371,000``, ``₩4.5B``).
"""

from __future__ import annotations

from decimal import Decimal

from babel import numbers as bn

from govreport.formatting.numbers import (
    DEFAULT_LOCALE,
    MyriadUnit,
    Number,
    _digits,
    _myriad_ko,
    get_locale,
    has_hangul,
    is_korean,
    round_half_up,
    to_decimal,
)
from govreport.model.money import MONEY_UNITS

__all__ = ["MONEY_UNITS", "format_krw", "format_money", "format_money_myriad"]



def _won(text: str, space: bool) -> str:
    """Append 원: attached, or after a space when *space* and *text* ends in a Hangul unit."""
    return text + (" 원" if space and has_hangul(text[-1:]) else "원")


def format_money(
    amount: Number,
    unit: str = "천원",
    decimals: int = 0,
    *,
    space: bool = False,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """An amount in won shown in a table unit: ``(131371000, "천원")`` → ``131,371천원``.

    *unit* is a key of :data:`MONEY_UNITS`; the scaled value is rounded half-up to
    *decimals*. ``space`` gives ``131,371천 원``. Non-Korean locales show the full amount
    rounded to the unit with Babel (``₩131,371,000``).
    """
    try:
        size = MONEY_UNITS[unit]
    except KeyError:
        raise ValueError(f"unknown money unit {unit!r} (one of {', '.join(MONEY_UNITS)})"
                         ) from None
    scaled = round_half_up(to_decimal(amount) / size, decimals)
    if not is_korean(locale):
        return format_krw(scaled * size, locale=locale)
    return _won(_digits(scaled, decimals, locale) + unit[:-1], space)


def format_money_myriad(
    amount: Number,
    decimals: int | None = None,
    *,
    round_to: MyriadUnit | None = None,
    cheon: bool = True,
    space: bool = False,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """An amount in won in myriad units: ``4500000000`` → ``45억원``, ``60000000`` →
    ``6천만원``, ``1230000000`` → ``12억 3천만원``, ``1.2e12`` → ``1조 2,000억원``.

    *decimals* gives one unit with decimals (``87.5억원``); *round_to* rounds to ``만``/``억``/
    ``조`` first; ``cheon`` writes ``N천만``; ``space`` gives ``5억 원``. Non-Korean locales use
    Babel's compact currency (``₩4.5B``; *decimals* defaults to 2 there).
    """
    d = to_decimal(amount)
    if not is_korean(locale):
        return bn.format_compact_currency(
            d, "KRW", locale=get_locale(locale),
            fraction_digits=2 if decimals is None else decimals,
        )
    return _won(_myriad_ko(d, decimals, round_to, cheon, locale), space)


def format_krw(amount: Number, *, currency: str = "KRW", locale: str = DEFAULT_LOCALE) -> str:
    """Babel currency formatting: ``4500000000`` → ``₩4,500,000,000``.

    Rounded half-up to the currency's digits (0 for KRW) before Babel sees it.
    """
    digits = bn.get_currency_precision(currency)
    value: Decimal = round_half_up(amount, digits)
    return bn.format_currency(value, currency, locale=get_locale(locale))
