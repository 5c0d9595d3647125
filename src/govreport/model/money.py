"""Money units a table may name (``"unit": "천원"``)."""

from __future__ import annotations

MONEY_UNITS: dict[str, int] = {
    "원": 1,
    "천원": 10**3,
    "만원": 10**4,
    "백만원": 10**6,
    "천만원": 10**7,
    "억원": 10**8,
    "십억원": 10**9,
    "조원": 10**12,
}
"""Table units for :func:`format_money`: name → won per unit."""

__all__ = ["MONEY_UNITS"]
