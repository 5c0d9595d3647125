"""Data filters of free-form templates (govreport.freeform.records), table-driven; nulls skipped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from govreport.freeform import records
from govreport.freeform.records import NoData
from govreport.freeform.templating import environment

ROWS: list[dict[str, Any]] = [
    {"gu": "종로구", "kind": "도로", "n": 257, "amount": 1905.8, "date": "2025-03-04"},
    {"gu": "중구", "kind": "도로", "n": None, "amount": 12.25, "date": "2025.3.5."},
    {"gu": "종로구", "kind": "소음", "n": 3, "amount": None, "date": "20250306"},
    {"gu": "용산구", "kind": "소음", "n": 40, "amount": 100, "date": None},
    {"gu": "중구", "kind": "도로", "n": 0, "amount": -5, "date": "2025년 3월 8일"},
]
NULLS = [{"n": None}, {"n": None}, {}]


def render(source: str, **context: Any) -> str:
    return environment("ko_KR").from_string(source).render(rows=ROWS, nulls=NULLS, **context)


FILTER_CASES = [
    # aggregates skip null (never count it as 0)
    ("{{ rows | sum('n') }}", "300"),
    ("{{ rows | sum(attribute='n') }}", "300"),
    ("{{ rows | sum('amount') }}", "2013.05"),
    ("{{ rows | avg('n') | fixed(1) }}", "75.0"),           # 300 / 4 non-null
    ("{{ rows | min('n') }} {{ rows | max('n') }}", "0 257"),
    ("{{ rows | count }} {{ rows | count('n') }}", "5 4"),
    ("{{ rows | count('amount') }}", "4"),
    # … and say so when everything is null: '-' (NoData) with a reason
    ("{{ nulls | sum('n') }}", "-"),
    ("{{ (nulls | sum('n')).reason }}", "sum of 'n': all 3 values are null"),
    ("{{ [] | avg('n') }}|{{ ([] | avg('n')).reason }}", "-|avg of 'n': no records"),
    ("{{ nulls | sum('n') | num }}", "-"),                  # number filters pass it through
    ("{% if nulls | max('n') %}x{% else %}none{% endif %}", "none"),
    # count keeps its formatting meaning on numbers
    ("{{ 1022 | count('호') }}", "1,022호"),
    # group_by: first-appearance order, aggregates per group
    ("{% for g in rows | group_by('gu') %}{{ g.key }}:{{ g.count }}:{{ g.sum('n') }} "
     "{% endfor %}", "종로구:2:260 중구:2:0 용산구:1:40 "),
    ("{% for g in rows | group_by('gu', sort=true) %}{{ g.key }} {% endfor %}",
     "용산구 종로구 중구 "),
    ("{% for g in rows | group_by('kind') %}{{ g.key }}={{ g['sum(amount)'] }} {% endfor %}",
     "도로=1913.05 소음=100 "),
    # sort_by a field or an aggregate, descending; nulls last
    ("{{ rows | sort_by('n') | map(attribute='gu') | join(',') }}",
     "중구,종로구,용산구,종로구,중구"),
    ("{{ rows | sort_by('n', desc=true) | map(attribute='n') | join(',') }}",
     "257,40,3,0,None"),
    ("{% for g in rows | group_by('gu') | sort_by('sum(n)', desc=true) %}{{ g.key }} "
     "{% endfor %}", "종로구 용산구 중구 "),
    ("{% for g in rows | group_by('gu') | sort_by('count') %}{{ g.key }} {% endfor %}",
     "용산구 종로구 중구 "),
    # top(n)
    ("{{ rows | sort_by('amount', desc=true) | top(2) | map(attribute='gu') | join(',') }}",
     "종로구,용산구"),
    # share of a total, as %
    ("{{ 257 | share(rows | sum('n')) }}", "85.7%"),
    ("{{ 1 | share(3, 2) }}", "33.33%"),
    ("{{ none | share(10) }} {{ 5 | share(0) }}", "- -"),
    # delta: triangle / sign / arrow / △ cell, percent, previous record
    ("{{ 120 | delta(100) }}", "▲20"),
    ("{{ 80 | delta(100) }}", "▼20"),
    ("{{ 80 | delta(100, style='sign') }}", "-20"),
    ("{{ 80 | delta(100, style='cell') }}", "△20"),
    ("{{ 120 | delta(100, style='arrow') }}", "20↑"),
    ("{{ 110 | delta(100, percent=true) }}", "▲10.0%"),
    ("{{ 100 | delta(100) }}", "0"),
    ("{{ none | delta(100) }}", "-"),
    ("{% for r in rows %}{{ r.n | delta(loop.previtem.n if loop.previtem else none) }} "
     "{% endfor %}", "- - - ▲37 ▼40 "),  # 257, null, 3, 40, 0
    # per-column fixed decimals: a column reads 257.0 / 1,905.8
    ("{{ 257 | fixed(1) }} / {{ 1905.8 | fixed(1) }}", "257.0 / 1,905.8"),
    ("{{ none | fixed(1) }} {{ 0 | fixed(2) }} {{ -5 | fixed(1) }}", "- 0.00 -5.0"),
    ("{{ -5 | fixed(0, negative='△') }} {{ 0 | fixed(0, zero='-') }}", "△5 -"),
    ("{{ '1,234.5' | fixed(2) }}", "1,234.50"),
    # todate: ISO and common dump forms, then the date formatters
    ("{{ '2025-03-04' | todate | kdate }}", "'25.3.4.(화)"),
    ("{{ '2025.3.5.' | todate | kdate(weekday=false) }}", "'25.3.5."),
    ("{{ '20250306' | todate | kdate('official') }}", "2025. 3. 6.(목)"),
    ("{{ '2025년 3월 8일' | todate | kdate }}", "'25.3.8.(토)"),
    ("{{ '2025-03-04T09:30:00+09:00' | todate | kdate }}", "'25.3.4.(화) 09:30"),
]


@pytest.mark.parametrize(("source", "expected"), FILTER_CASES)
def test_data_filter(source: str, expected: str) -> None:
    assert render(source) == expected


ERROR_CASES = [
    ("{{ rows | sum('gu') }}", "sum of 'gu': '종로구' is not a number"),
    ("{{ '2025-02-30' | todate }}", "not a valid date: '2025-02-30'"),
    ("{{ 'next week' | todate }}", "not a date: 'next week'"),
    ("{{ rows | sort_by('sum(n)') }}", "needs groups"),
    ("{{ 1 | delta(2, style='x') }}", "delta style 'x'"),
    ("{{ {'a': 1} | sum }}", "needs a list of records"),
]


@pytest.mark.parametrize(("source", "message"), ERROR_CASES)
def test_data_filter_errors(source: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        render(source)


def test_python_api() -> None:
    groups = records.group_by(ROWS, "gu")
    assert [(g.key, len(g)) for g in groups] == [("종로구", 2), ("중구", 2), ("용산구", 1)]
    assert records.aggregate(groups[0], "sum(n)") == 260
    assert records.avg([{"x": 1}, {"x": 2}], "x") == Decimal("1.5")
    assert isinstance(records.total([], "x"), NoData)
    assert records.to_date(1741046400000) == dt.datetime(2025, 3, 4, 9, 0,
                                                         tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert records.group_by([{"k": None}, {"k": 1}], "k")[-1].key is None  # null key last
