"""Pure formatting of dates, numbers, money and item symbols for Korean government reports.

Every function is pure (no I/O), takes ``locale: str = "ko_KR"`` and builds on Babel's CLDR
data. See ``docs/formatting.md`` for the full catalogue with examples.
"""

from govreport.formatting.dates import (
    ATTACHED_QUALIFIERS,
    DateLike,
    DateStyle,
    PeriodLike,
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
from govreport.formatting.filters import FILTERS, filters_for
from govreport.formatting.money import (
    MONEY_UNITS,
    format_krw,
    format_money,
    format_money_myriad,
)
from govreport.formatting.numbers import (
    DEFAULT_LOCALE,
    MYRIAD_UNITS,
    Number,
    format_cell,
    format_change,
    format_count,
    format_myriad,
    format_number,
    format_odds,
    format_percent,
    format_pp,
    format_ratio,
    is_korean,
    round_half_up,
)
from govreport.formatting.symbols import circled, circled_ganada, ganada, marker, roman

__all__ = [
    "ATTACHED_QUALIFIERS",
    "DEFAULT_LOCALE",
    "FILTERS",
    "MONEY_UNITS",
    "MYRIAD_UNITS",
    "DateLike",
    "DateStyle",
    "Number",
    "PeriodLike",
    "circled",
    "circled_ganada",
    "filters_for",
    "format_cell",
    "format_change",
    "format_count",
    "format_date",
    "format_dates",
    "format_day",
    "format_krw",
    "format_money",
    "format_money_myriad",
    "format_month",
    "format_myriad",
    "format_number",
    "format_odds",
    "format_percent",
    "format_period",
    "format_period_note",
    "format_pp",
    "format_ratio",
    "format_time",
    "format_year",
    "ganada",
    "is_korean",
    "marker",
    "roman",
    "round_half_up",
    "to_partial_date",
    "to_period",
]
