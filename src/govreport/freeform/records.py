"""Records from a JSON dump: null-safe aggregates, groups, ordering, shares and changes.

These are the data filters of free-form templates (``{{ rows | sum("amount") }}``,
``{% for g in rows | group_by("district") | sort_by("sum(amount)", desc=true) %}``) and the
helpers behind :func:`govreport.freeform.table_from_records`.  Pure functions; ``null`` values
are skipped, never counted as zero.  An aggregate over values that are all ``null`` (or an
empty list) is :class:`NoData`: it prints as ``-`` and says why in ``reason``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..formatting.numbers import (
    format_cell,
    format_change,
    format_number,
    format_percent,
    to_decimal,
)

__all__ = [
    "AGGREGATES",
    "Group",
    "NoData",
    "aggregate",
    "avg",
    "column_line",
    "column_total",
    "column_value",
    "columns",
    "count",
    "delta",
    "field_value",
    "fixed",
    "group_by",
    "maximum",
    "minimum",
    "period_name",
    "share",
    "sort_by",
    "to_date",
    "top",
    "total",
]


class NoData(str):
    """The result of an aggregate with nothing to aggregate: prints ``-``; falsy.

    ``reason`` says why (``"sum of 'amount': all 12 values are null"``).
    """

    reason: str

    def __new__(cls, reason: str, text: str = "-") -> NoData:
        obj = super().__new__(cls, text)
        obj.reason = reason
        return obj

    def __bool__(self) -> bool:
        return False


def is_missing(value: object) -> bool:
    """``None``, an undefined template value, :class:`NoData` or a NaN."""
    if value is None or isinstance(value, NoData):
        return True
    if type(value).__name__ in ("Undefined", "StrictUndefined", "ChainableUndefined"):
        return True
    return isinstance(value, float) and math.isnan(value)


def field_value(record: object, field: str | None) -> Any:
    """``record[field]``; a dotted ``field`` walks nested objects (``"addr.gu"``); missing →
    ``None``.  Works on mappings, :class:`Group` (its aggregates) and attributes."""
    if field is None or field == "":
        return record
    value: Any = record
    for part in field.split("."):
        if value is None:
            return None
        if isinstance(value, Group | Mapping):
            value = value.get(part)
        elif isinstance(value, Sequence) and not isinstance(value, str) and part.isdigit():
            idx = int(part)
            value = value[idx] if idx < len(value) else None
        else:
            return None
    return value


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{what}: {value!r} is not a number")
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            return Decimal(text)
        except ArithmeticError:
            raise ValueError(f"{what}: {value!r} is not a number") from None
    try:
        return to_decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        raise ValueError(f"{what}: {value!r} is not a number") from None


def _values(items: Iterable[Any], field: str | None, what: str) -> tuple[list[Any], int]:
    """Non-null values of ``field`` and the number of items seen."""
    if isinstance(items, Mapping | str | bytes):
        raise ValueError(f"{what}: needs a list of records, not {type(items).__name__}")
    seen, out = 0, []
    for item in items:
        seen += 1
        value = field_value(item, field)
        if not is_missing(value):
            out.append(value)
    return out, seen


def _none_left(name: str, field: str | None, seen: int) -> NoData:
    of = f" of '{field}'" if field else ""
    if seen == 0:
        return NoData(f"{name}{of}: no records")
    return NoData(f"{name}{of}: all {seen} values are null")


def _result(d: Decimal) -> int | Decimal:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**18 else d


def total(items: Iterable[Any], field: str | None = None) -> int | Decimal | NoData:
    """Sum of the non-null values (``NoData`` when there are none)."""
    values, seen = _values(items, field, "sum")
    if not values:
        return _none_left("sum", field, seen)
    return _result(sum((_number(v, f"sum of '{field}'") for v in values), Decimal(0)))


def avg(items: Iterable[Any], field: str | None = None) -> Decimal | NoData:
    """Mean of the non-null values (``NoData`` when there are none)."""
    values, seen = _values(items, field, "avg")
    if not values:
        return _none_left("avg", field, seen)
    s = sum((_number(v, f"avg of '{field}'") for v in values), Decimal(0))
    return s / len(values)


def minimum(items: Iterable[Any], field: str | None = None) -> Any:
    """Smallest non-null value (numbers, dates or text; ``NoData`` when there are none)."""
    values, seen = _values(items, field, "min")
    return min(values) if values else _none_left("min", field, seen)


def maximum(items: Iterable[Any], field: str | None = None) -> Any:
    """Largest non-null value (``NoData`` when there are none)."""
    values, seen = _values(items, field, "max")
    return max(values) if values else _none_left("max", field, seen)


def count(items: Iterable[Any], field: str | None = None) -> int:
    """Number of records, or of records whose ``field`` is not null."""
    if field is None:
        return sum(1 for _ in items)
    return len(_values(items, field, "count")[0])


AGGREGATES: dict[str, Callable[[Iterable[Any], str | None], Any]] = {
    "sum": total, "avg": avg, "min": minimum, "max": maximum, "count": count,
}
_AGG_RE = re.compile(r"^\s*(sum|avg|min|max|count)\s*\(\s*([^()]*?)\s*\)\s*$")


def aggregate(items: Iterable[Any], spec: str) -> Any:
    """``aggregate(rows, "sum(amount)")``; ``"count()"`` counts records."""
    m = _AGG_RE.match(spec)
    if m is None:
        raise ValueError(f"{spec!r} is not an aggregate like 'sum(amount)' or 'count()'")
    name, field = m.group(1), m.group(2) or None
    return AGGREGATES[name](items, field)


class Group:
    """Records sharing a key: ``key``, ``items``, ``count`` and the aggregates as methods
    (``g.sum("amount")``) or names (``g["sum(amount)"]``, ``sort_by("sum(amount)")``)."""

    __slots__ = ("field", "items", "key")

    def __init__(self, field: str, key: Any, items: list[Any]) -> None:
        self.field = field
        self.key = key
        self.items = items

    @property
    def count(self) -> int:
        return len(self.items)

    def sum(self, field: str | None = None) -> Any:
        return total(self.items, field)

    def avg(self, field: str | None = None) -> Any:
        return avg(self.items, field)

    def min(self, field: str | None = None) -> Any:
        return minimum(self.items, field)

    def max(self, field: str | None = None) -> Any:
        return maximum(self.items, field)

    def get(self, name: str) -> Any:
        """``key``, ``count``, an aggregate ``"sum(x)"`` or the key field's name."""
        if name in ("key", self.field):
            return self.key
        if name == "count":
            return self.count
        if _AGG_RE.match(name):
            return aggregate(self.items, name)
        return None

    def __getitem__(self, name: str) -> Any:
        return self.get(name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Group({self.key!r}, {len(self.items)} records)"


def _period_key(value: Any, period: str) -> Any:
    day = to_date(value)
    if day is None:
        return None
    if period == "month":
        return dt.date(day.year, day.month, 1)
    if period == "quarter":
        return f"{day.year} {(day.month - 1) // 3 + 1}분기"
    if period == "year":
        return day.year
    if period == "day":
        return day if not isinstance(day, dt.datetime) else day.date()
    raise ValueError(f"group_by period {period!r}: use day, month, quarter or year")


def group_by(items: Iterable[Any], field: str, sort: bool = False, period: str | None = None
             ) -> list[Group]:
    """Groups of records with equal ``field``, in order of first appearance (``sort=true``:
    by key).  Records whose key is null form the last group, keyed ``None``.
    ``period="month"`` (``day``/``quarter``/``year``) groups a date field by calendar period
    (a month's key is its first day: ``{{ g.key | kmonth }}``)."""
    groups: dict[Any, list[Any]] = {}
    nulls: list[Any] = []
    for item in items:
        key = field_value(item, field)
        if period is not None and not is_missing(key):
            key = _period_key(key, period)
        if is_missing(key):
            nulls.append(item)
        else:
            groups.setdefault(key, []).append(item)
    out = [Group(field, k, v) for k, v in groups.items()]
    if sort:
        out.sort(key=lambda g: _sort_key(g.key))
    if nulls:
        out.append(Group(field, None, nulls))
    return out


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float | Decimal):
        return (1, value)
    if isinstance(value, dt.date):
        return (2, value.isoformat())
    return (3, str(value))


def sort_by(items: Iterable[Any], key: str, desc: bool = False, reverse: bool = False
            ) -> list[Any]:
    """Records (or groups) ordered by a field or an aggregate (``"sum(amount)"``, for
    groups also ``"count"``/``"key"``); ``desc=true`` largest first.  Nulls go last."""
    desc = desc or reverse
    rows = list(items)

    def value(item: Any) -> Any:
        if _AGG_RE.match(key) and not isinstance(item, Group):
            raise ValueError(f"sort_by({key!r}) needs groups (use group_by first)")
        return field_value(item, key)

    present = [(value(r), r) for r in rows]
    filled = [(v, r) for v, r in present if not is_missing(v)]
    empty = [r for v, r in present if is_missing(v)]
    filled.sort(key=lambda vr: _sort_key(vr[0]), reverse=desc)
    return [r for _, r in filled] + empty


def top(items: Iterable[Any], n: int = 10) -> list[Any]:
    """The first ``n`` items."""
    if n < 0:
        raise ValueError(f"top({n}): n must not be negative")
    out = []
    for i, item in enumerate(items):
        if i >= n:
            break
        out.append(item)
    return out


def share(value: Any, whole: Any, decimals: int = 1, *, locale: str = "ko_KR") -> str:
    """``value`` as a percentage of ``whole`` (``25.1%``); ``-`` when either is null or the
    whole is 0.  ``whole`` may be a list of numbers (its sum)."""
    if isinstance(whole, list | tuple):
        whole = total(whole)
    if is_missing(value) or is_missing(whole):
        return "-"
    w = _number(whole, "share")
    if w == 0:
        return "-"
    return format_percent(_number(value, "share") * 100 / w, decimals, locale=locale)


def delta(value: Any, previous: Any, decimals: int | None = None, style: str = "triangle",
          percent: bool = False, *, locale: str = "ko_KR") -> str:
    """Change of ``value`` against ``previous`` (another value or ``loop.previtem.x``).

    ``style``: ``triangle`` ▲3.2/▼3.2, ``sign`` +3.2/-3.2, ``arrow`` 3.2↑, ``cell`` △ for a
    decrease (the 증감 column).  ``percent=true`` gives the relative change in %.  ``-``
    when either value is null (the first record has no previous one).
    """
    if is_missing(value) or is_missing(previous):
        return "-"
    now, before = _number(value, "delta"), _number(previous, "delta")
    diff = now - before
    unit = ""
    if percent:
        if before == 0:
            return "-"
        diff = diff * 100 / abs(before)
        decimals = 1 if decimals is None else decimals
        unit = "%"
    if style == "cell":
        return format_cell(diff, decimals, zero="0" if not unit else "0%", locale=locale) + (
            unit if diff != 0 else "")
    if style not in ("triangle", "sign", "arrow"):
        raise ValueError(f"delta style {style!r}: use triangle, sign, arrow or cell")
    return format_change(diff, decimals, style=style, unit=unit,  # type: ignore[arg-type]
                         locale=locale)


def fixed(value: Any, decimals: int = 0, zero: str | None = None, missing: str = "-",
          negative: str = "-", *, locale: str = "ko_KR") -> str:
    """A column number with exactly ``decimals`` digits (``257.0`` next to ``1,905.8``);
    null → ``-``; ``negative="△"`` for the accounting mark; ``zero`` replaces an exact 0."""
    if is_missing(value):
        return missing
    d = _number(value, "fixed")
    if d == 0:
        return zero if zero is not None else format_number(0, decimals, locale=locale)
    return format_cell(d, decimals, negative=negative, locale=locale)


_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
               r"(Z|[+-]\d{2}:?\d{2})?)?$"),
    re.compile(r"^(\d{4})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})"
               r"(?::(\d{2}))?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$"),
    re.compile(r"^(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일$"),
)


def to_date(value: Any) -> dt.date | dt.datetime | None:
    """A date from the forms dumps use: ``2025-03-31``, ``2025-03-31T09:30:00+09:00``,
    ``2025.3.31.``, ``2025/03/31``, ``20250331``, ``2025년 3월 31일``, epoch milliseconds.
    ``null`` stays ``None``; anything else is an error naming the value."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 10**11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone(dt.timedelta(hours=9)))
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"not a date: {value!r}") from None
    if isinstance(value, str):
        text = value.strip()
        for form in _DATE_FORMS:
            m = form.match(text)
            if m is None:
                continue
            g = [x for x in m.groups()]
            try:
                day = dt.date(int(g[0]), int(g[1]), int(g[2]))
                if len(g) > 3 and g[3] is not None:
                    return dt.datetime(day.year, day.month, day.day, int(g[3]), int(g[4]),
                                       int(g[5] or 0))
                return day
            except ValueError:
                raise ValueError(f"not a valid date: {value!r}") from None
    raise ValueError(f"not a date: {value!r}")


# --------------------------------------------------------------------------- columns


def _decimals_of(value: Any) -> int:
    if isinstance(value, float):
        text = repr(value)
        return 0 if "e" in text or "." not in text else len(text.split(".")[1].rstrip("0"))
    if isinstance(value, Decimal):
        exp = value.normalize().as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0
    return 0


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def columns(items: Sequence[Any], spec: Any = None, exclude: str | None = None,
            sample: int = 200) -> list[dict[str, Any]]:
    """Column specs for a table of records: ``field``, ``label``, ``decimals``, ``total``.

    ``spec`` is a list of field names or objects (``{"field": "area", "label": "면적",
    "decimals": 1, "total": "sum"}``); without it the fields of the records are used.  A
    number column without ``decimals`` gets the most fraction digits its values have (max 2),
    so a column reads ``257.0`` / ``1,905.8`` (``decimals_inferred``: an ``avg`` total then
    shows one digit more; a stated ``decimals`` holds for every row, totals included); its
    ``total`` defaults to ``sum``.
    """
    if spec is None or is_missing(spec):
        fields: list[str] = []
        for record in list(items)[:sample]:
            if isinstance(record, Mapping):
                fields.extend(k for k in record if k not in fields)
        spec = fields
    if not isinstance(spec, list | tuple):
        raise ValueError(f"columns: expected a list of fields or column objects, not {spec!r}")
    out: list[dict[str, Any]] = []
    for entry in spec:
        col = {"field": entry} if isinstance(entry, str) else dict(entry)
        if "field" not in col or not isinstance(col["field"], str):
            raise ValueError(f"columns: {entry!r} has no 'field'")
        if col["field"] == exclude:
            continue
        col.setdefault("label", col["field"])
        values = [v for r in list(items)[:sample * 10]
                  if not is_missing(v := field_value(r, col["field"]))]
        numeric = bool(values) and all(_is_number(v) for v in values)
        col.setdefault("numeric", numeric)
        if numeric and col.get("decimals") is None:
            col["decimals"] = min(2, max((_decimals_of(v) for v in values), default=0))
            col["decimals_inferred"] = True
        col.setdefault("decimals", None)
        col.setdefault("total", "sum" if numeric else None)
        out.append(col)
    return out


def column_value(record: Any, column: Mapping[str, Any], *, locale: str = "ko_KR") -> str:
    """A record's cell in ``column``: fixed decimals for numbers, ``-`` for null,
    dates per ``"format": "date"``."""
    value = field_value(record, column.get("field"))
    if is_missing(value):
        return "-"
    if column.get("format") == "date":
        from ..formatting.dates import format_date

        day = to_date(value)
        return "-" if day is None else format_date(day, weekday=False, locale=locale)
    if column.get("decimals") is not None and (_is_number(value) or column.get("numeric")):
        return fixed(value, int(column["decimals"]), locale=locale)
    if _is_number(value):
        return format_number(value, locale=locale)
    return str(value)


def column_total(items: Iterable[Any], column: Mapping[str, Any], first: bool = False,
                 label: str = "합계", *, locale: str = "ko_KR") -> str:
    """The total row's cell: ``label`` in the first column, else the column's ``total``
    aggregate (``sum``/``avg``/``min``/``max``/``count``) with its decimals; ``""`` if none."""
    if first:
        return label
    how = column.get("total")
    if not how:
        return ""
    value = AGGREGATES[str(how)](list(items), column.get("field"))
    if isinstance(value, NoData):
        return str(value)
    decimals = column.get("decimals")
    if how == "avg" and decimals is not None and column.get("decimals_inferred"):
        decimals = int(decimals) + 1  # (stated decimals are obeyed, as on the data rows)
    if how == "count":
        decimals = 0
    return fixed(value, int(decimals or 0), locale=locale)


def column_line(record: Any, cols: Sequence[Mapping[str, Any]], *,
                locale: str = "ko_KR") -> str:
    """A record as one line: the first column's value, then ``label value`` of the rest
    (nulls left out): ``종로구 도로 파손 — 접수 12, 처리 10``."""
    if not cols:
        return ""
    head = column_value(record, cols[0], locale=locale)
    rest = [f"{c.get('label')} {column_value(record, c, locale=locale)}" for c in cols[1:]
            if not is_missing(field_value(record, c.get("field")))]
    return head + (" — " + ", ".join(rest) if rest else "")


def period_name(key: Any, period: str | None = None, *, locale: str = "ko_KR") -> str:
    """A period key of :func:`group_by` as text: a month ``'25. 3월``, a day ``'25.3.4.``;
    ``None`` (records without a date) → ``미상``; anything else as it is."""
    if is_missing(key):
        return "미상" if locale.startswith("ko") else "n/a"
    if isinstance(key, dt.date) and period == "month":
        from ..formatting.dates import format_month

        return format_month(key, locale=locale)
    if isinstance(key, dt.date):
        from ..formatting.dates import format_date

        return format_date(key, weekday=False, locale=locale)
    return str(key)
