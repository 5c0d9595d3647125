"""Jinja filters: :data:`FILTERS` maps filter names to the formatting functions.

Each filter takes the value first, then the function's own arguments, e.g.
``{{ event.when | kdate("spaced") }}``, ``{{ spent | ratio(budget) }}``,
``{{ amount | myriad(space=true) }}``. Bind a locale for a whole environment with
:func:`filters_for`: ``env.filters.update(filters_for("en"))`` (a ``locale=`` argument in a
template still wins).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from govreport.formatting.dates import (
    format_date,
    format_dates,
    format_day,
    format_month,
    format_period,
    format_period_note,
    format_time,
    format_year,
)
from govreport.formatting.money import format_krw, format_money, format_money_myriad
from govreport.formatting.numbers import (
    format_cell,
    format_change,
    format_count,
    format_myriad,
    format_number,
    format_odds,
    format_percent,
    format_pp,
    format_ratio,
)
from govreport.formatting.symbols import circled, circled_ganada, ganada, marker, roman

__all__ = ["FILTERS", "Filter", "filters_for"]

Filter = Callable[..., str]

FILTERS: dict[str, Filter] = {
    # dates (FORMAT.md §8.2)
    "kdate": format_date,            # '25.3.25.(화) · '25. 3. 24.(월) 21:20 · 2025. 3. 25.(화)
    "kyear": format_year,            # '21
    "kmonth": format_month,          # '25. 7월 · 2025. 4. (official)
    "kday": format_day,              # 3.25. · 4.21.(월) (weekday=true)
    "ktime": format_time,            # 14:00 · 14:30~16:30
    "kperiod": format_period,        # '24.7.~12. · '25. 4~5월 중 · '25.3월말
    "kperiod_note": format_period_note,  # ('25. 2월~'25. 4월) · (6월~)
    "kdates": format_dates,          # '25.3.25.(화), 4.2.(수)
    # numbers (FORMAT.md §8.3)
    "num": format_number,            # 181,098
    "cell": format_cell,             # - · △1,000
    "change": format_change,         # +3.2 · ▲3.2 · 68%↑
    "pct": format_percent,           # 25.1% · 18%
    "ratio": format_ratio,           # 25.1% from (99901, 398000)
    "pp": format_pp,                 # 3.2%p
    "count": format_count,           # 1,022호 · 43개 단지 · 150여 명 · 약 72만 개
    "num_myriad": format_myriad,     # 72만 · 12억 3천만
    "odds": format_odds,             # 49대 1
    # money
    "money": format_money,           # 131,371천원
    "myriad": format_money_myriad,   # 45억원 · 6천만원 · 1조 2,000억원 · 87.5억원
    "krw": format_krw,               # ₩4,500,000,000
    # symbols (FORMAT.md §2)
    "circled": circled,              # ① … ㊿ · (51)
    "roman": roman,                  # Ⅰ … Ⅻ · ⅩⅢ
    "ganada": ganada,                # 가 … 하 · 거
    "circled_ganada": circled_ganada,  # ㉮ … ㉻
    "marker": marker,                # marker(level, n): 1. 가. 1) 가) (1) (가) ① ㉮
}
"""Filter name → function; every filter accepts ``locale=``."""


def filters_for(locale: str) -> dict[str, Filter]:
    """:data:`FILTERS` with *locale* bound as the default ``locale=`` argument."""
    return {name: functools.partial(func, locale=locale) for name, func in FILTERS.items()}
