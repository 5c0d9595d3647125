"""Strings the layout prints from typed values: annotations, captions, event fields.

Which date form goes where (FORMAT.md §8.2) is decided here, once, for both formats.
"""

from __future__ import annotations

from decimal import Decimal

from ..formatting import (
    format_count,
    format_date,
    format_dates,
    format_number,
    format_percent,
    format_period,
    format_pp,
)
from ..formatting.dates import DateStyle
from ..model import Item, NumberFormat, PartialDate, Period, Quantity, WhenWhere
from ..model.compute import scaled
from ..theme import Theme

NBSP = "\u00a0"
"""No-break space: joins the parts of one date (``'25.\u00a02월``) so a line never splits it."""


def keep_together(text: str, sep: str = "~") -> str:
    """``text`` with the spaces inside each date made non-breaking.

    A line may still break after the range mark (``sep``) when ``sep`` ends with a space,
    and between the dates of a list (``", "``); never inside one date.
    """
    mark = sep.strip() or sep
    out: list[str] = []
    for i, piece in enumerate(text.split(mark)):
        lead = " " if i and piece.startswith(" ") else ""
        body = piece[len(lead):]
        out.append(lead + ", ".join(d.replace(" ", NBSP) for d in body.split(", ")))
    return mark.join(out)


class TextFormatter:
    """Formats the typed values of a report for one theme and locale."""

    def __init__(self, theme: Theme, locale: str = "ko_KR") -> None:
        self.theme = theme
        self.locale = locale
        self.apostrophe = theme.dates.apostrophe
        self.sep = theme.dates.range_sep
        self.weekday = theme.dates.weekday

    # ---- dates
    def annotation_date(self, p: Period) -> str:
        """Trailing item date/period in compact form: ``'25.3.17.``, ``'24.7.~12.``."""
        return keep_together(format_period(p, "compact", weekday=False, sep=self.sep,
                                           apostrophe=self.apostrophe, locale=self.locale),
                             self.sep)

    def heading_period(self, p: Period) -> str:
        """Period after a □ heading or event title: ``'25. 2월~'25. 4월``, ``'25.1.3.~4.12.``."""
        if p.start.precision in ("day", "minute"):
            return self.annotation_date(p)
        return keep_together(format_period(p, "spaced", repeat_year=True, sep=self.sep,
                                           apostrophe=self.apostrophe, locale=self.locale),
                             self.sep)

    def schedule(self, p: Period) -> str:
        """A date given as a value: ``'25. 4~5월 중``, ``'25. 7월``, ``'25. 3. 25.(화)``;
        a same-year month range as ``'24.1월~2월`` with ``dates.month_range="repeated"``."""
        if self._repeated_months(p):
            return keep_together(format_period(
                p, "compact", month_word=True, collapse_months=False, sep=self.sep,
                apostrophe=self.apostrophe, locale=self.locale), self.sep)
        return keep_together(format_period(p, "spaced", weekday=self.weekday, sep=self.sep,
                                           apostrophe=self.apostrophe, locale=self.locale),
                             self.sep)

    def _repeated_months(self, p: Period) -> bool:
        return (self.theme.dates.month_range == "repeated" and p.end is not None
                and p.start.precision == p.end.precision == "month"
                and p.start.year == p.end.year)

    def basis(self, p: Period) -> str:
        """기준 date of a caption: ``'25.3월말``."""
        return keep_together(format_period(p, "compact", weekday=False, sep=self.sep,
                                           apostrophe=self.apostrophe, locale=self.locale),
                             self.sep)

    def as_of(self, p: Period) -> str:
        """A 기준 date in running text, spaced like a schedule value: ``'24. 1. 1.``."""
        return keep_together(format_period(p, "spaced", weekday=False, sep=self.sep,
                                           apostrophe=self.apostrophe, locale=self.locale),
                             self.sep)

    def cited_date(self, p: PartialDate, style: str) -> str:
        """The date of a cited document in *its* style (``'22.3.4.``), whatever the report's."""
        name: DateStyle = {"short_compact": "compact", "short_spaced": "spaced"}.get(  # type: ignore[assignment]
            style, "official")
        return keep_together(format_date(p, name, weekday=False, apostrophe=self.apostrophe,
                                         locale=self.locale))

    def cover_date(self, p: Period) -> str:
        """Cover/by-line date: ``2025. 4.`` or ``2025. 3. 25.``."""
        return format_date(p.start, "official", weekday=False, locale=self.locale)

    def when_where(self, w: WhenWhere) -> str:
        """``'25. 3. 24.(월) 21:20 / 명일동 …``."""
        when = keep_together(format_dates(list(w.dates), "spaced", weekday=self.weekday,
                                          apostrophe=self.apostrophe, locale=self.locale),
                             self.sep)
        return when + (self.theme.event.place_sep + w.place if w.place else "")

    def point(self, p: PartialDate) -> str:
        return keep_together(format_date(p, "compact", weekday=self.weekday,
                                         apostrophe=self.apostrophe, locale=self.locale))

    # ---- numbers
    def count(self, q: Quantity) -> str:
        """``2,507건``, ``150여 명``, ``약 72만 개``."""
        unit = q.unit
        if self.theme.numbers.money_space and len(unit) > 1 and unit.endswith("원"):
            unit = unit[:-1] + " 원"  # 5억 원 (표준 spacing) instead of 5억원
        text = format_count(q.value, unit, plus=q.approx == "여", about=q.approx == "약",
                            locale=self.locale)
        text = self.grouped(text)
        if unit and unit not in text:  # other locales drop Korean counters: keep the data's
            text = f"{text} {unit}"
        return text

    def figure(self, value: Decimal, fmt: NumberFormat | None = None) -> str:
        """A referenced figure in running text (``{=org.staff}``): ``1,234``, ``25.1%``,
        ``+1.2%p``, scaled and rounded half-up as ``fmt`` says (zero prints ``0``)."""
        v = scaled(value, fmt)
        if fmt is not None and fmt.style == "percent":
            return format_percent(v, fmt.decimals, locale=self.locale)
        if fmt is not None and fmt.style == "points":
            return format_pp(v, fmt.decimals, signed=True, locale=self.locale)
        decimals = fmt.decimals if fmt is not None else None
        return self.grouped(format_number(v, decimals, locale=self.locale))

    def grouped(self, text: str) -> str:
        """Apply the theme's thousands separator (``numbers.thousands``) to Babel's ``,``."""
        sep = self.theme.numbers.thousands
        return text if sep == "," else text.replace(",", sep)

    # ---- items
    def item_tail(self, item: Item) -> str:
        """The annotations after an item's text, with their spacing."""
        tail = ""
        if item.date is not None:
            tail += f"({self.annotation_date(item.date)})"
        if item.count is not None:
            tail += f"({self.count(item.count)})"
        if item.period is not None:
            tail += f" ({self.heading_period(item.period)})"
        if item.status:
            tail += f" ({item.status})"
        return tail

    def caption(self, unit: str | None, basis: Period | None) -> str | None:
        """``(기준 / 단위 : '25.3월말 / 명)``, ``(단위 : 천원)``, ``(기준 : '25.3월말)``."""
        ko = self.locale.split("_")[0] == "ko"
        as_of, unit_word = ("기준", "단위") if ko else ("as of", "unit")
        if unit and basis is not None:
            return f"({as_of} / {unit_word} : {self.basis(basis)} / {unit})"
        if unit:
            return f"({unit_word} : {unit})"
        if basis is not None:
            return f"({as_of} : {self.basis(basis)})"
        return None
