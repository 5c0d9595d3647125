"""JSON ⇄ model round trips: random valid reports survive ``dumps``/``loads`` unchanged, and
short and long JSON forms load to the same model and dump to one canonical text.

The strategies build reports that are *valid* (no semantic errors), so they also serve
tests/test_schema.py.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport as g
from govreport.checks.semantic import check_report, errors_of
from govreport.model.dates import QUALIFIERS
from govreport.model.stated import read_number

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies ---------------------------------------------------------------------------

_chars = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co")),
    st.sampled_from("가나다라마 주요업무보고 \n·‘’“”「」→※'"),
)
text = st.text(_chars, min_size=1, max_size=16).filter(lambda s: s.strip() != "")
maybe_text = st.none() | text
natural = st.integers(min_value=0, max_value=10**9)
number = natural | st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def partial_dates(draw: st.DrawFn) -> g.PartialDate:
    day = draw(st.dates(min_value=datetime.date(1990, 1, 1),
                        max_value=datetime.date(2030, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day", "minute"]))
    if precision == "year":
        return g.PartialDate(year=day.year)
    if precision == "month":
        return g.PartialDate(year=day.year, month=day.month)
    if precision == "day":
        return g.PartialDate(year=day.year, month=day.month, day=day.day)
    return g.PartialDate(year=day.year, month=day.month, day=day.day,
                         hour=draw(st.integers(0, 23)), minute=draw(st.integers(0, 59)))


def _key(p: g.PartialDate) -> tuple[int, ...]:
    return (p.year, p.month or 0, p.day or 0, p.hour or 0, p.minute or 0)


@st.composite
def periods(draw: st.DrawFn) -> g.Period:
    a = draw(partial_dates())
    shape = draw(st.sampled_from(["point", "range", "open"]))
    qualifier = draw(st.none() | st.sampled_from(QUALIFIERS))
    if shape == "point":
        return g.Period(start=a, qualifier=qualifier)
    if shape == "open":
        return g.Period(start=a, open_end=True, qualifier=qualifier)
    b = draw(partial_dates())
    start, end = sorted((a, b), key=_key)
    return g.Period(start=start, end=end, qualifier=qualifier)


quantities = st.builds(g.Quantity, value=number, unit=st.sampled_from(["", "건", "명", "호"]),
                       approx=st.sampled_from(["", "여", "약"]))
aligns = st.none() | st.sampled_from(["left", "center", "right", "justify"])

simple_items = st.builds(g.Item, text=text, key=maybe_text, bold=st.booleans())
cell_values = st.none() | text.filter(lambda s: read_number(s) is None) | number
"""(a text that reads as a number is refused beside figures: tests/test_stated_totals.py)"""


@st.composite
def tables(draw: st.DrawFn) -> g.Table:
    """A consistent grid: ``n`` columns; the first column may span two rows."""
    n = draw(st.integers(1, 4))

    def cell(**kw: Any) -> g.Cell:
        return g.Cell(
            value=draw(cell_values),
            items=draw(st.lists(simple_items, max_size=2)),
            ratio=draw(st.none() | st.floats(0, 100, allow_nan=False)),
            align=draw(aligns),
            bold=draw(st.booleans()),
            count=draw(st.none() | quantities),
            **{"checked": draw(st.booleans()), **kw},
        )

    rows: list[g.Row] = []
    for _ in range(draw(st.integers(1, 3))):
        span = draw(st.integers(1, 2))
        total = draw(st.booleans())  # random figures: a total row's are not its sums
        rows.append(g.Row(cells=[cell(rowspan=span, **({"checked": False} if total else {})),
                                 *(cell(**({"checked": False} if total else {}))
                                   for _ in range(n - 1))],
                          total=total))
        rows += [g.Row(cells=[cell() for _ in range(n - 1)]) for _ in range(span - 1)]
    header = [g.Row(cells=[cell(colspan=n)])] if draw(st.booleans()) else []
    widths = draw(st.none() | st.lists(st.floats(0.5, 10), min_size=n, max_size=n))
    return g.Table(
        header=header, rows=rows, title=draw(maybe_text), unit=draw(maybe_text),
        basis=draw(st.none() | periods()), stub_columns=draw(st.integers(0, n)),
        widths=None if widths is None else tuple(widths), notes=draw(st.lists(text, max_size=2)),
    )


@st.composite
def staffing_tables(draw: st.DrawFn) -> g.StaffingTable:
    groups = draw(st.lists(
        st.builds(g.StaffGroup, name=text, grades=st.lists(text, min_size=1, max_size=4)),
        min_size=1, max_size=3))
    rows = []
    for _ in range(draw(st.integers(1, 2))):
        counts = [draw(st.lists(st.integers(0, 50), min_size=len(grp.grades),
                                max_size=len(grp.grades))) for grp in groups]
        total = sum(map(sum, counts)) if draw(st.booleans()) else None
        rows.append(g.StaffRow(label=draw(text), counts=counts, total=total))
    return g.StaffingTable(groups=groups, rows=rows, unit=draw(text),
                           basis=draw(st.none() | periods()), notes=draw(st.lists(text,
                                                                                  max_size=2)))


@st.composite
def budget_lines(draw: st.DrawFn) -> g.BudgetLine:
    budget = draw(natural)
    return g.BudgetLine(name=draw(text), budget=budget, spent=draw(st.integers(0, budget)),
                        remark=draw(st.just("") | text))


@st.composite
def budget_tables(draw: st.DrawFn) -> g.BudgetTable:
    lines = draw(st.lists(budget_lines(), max_size=3))
    table = g.BudgetTable(lines=lines, show_rate=draw(st.booleans()),
                          headers=draw(st.just(("구분", "예산액", "집행액", "잔액", "비고"))
                                       | st.tuples(text, text, text, text, text)))
    if draw(st.booleans()):
        total = table.total_line()
        table = g.BudgetTable(lines=lines, total=g.BudgetTotal(budget=total.budget,
                                                               spent=total.spent))
    return table


leaf_blocks = st.one_of(
    st.builds(g.Item, text=text, level=st.none() | st.integers(1, 8),
              symbol=st.none() | st.sampled_from(["□", "○", "-", "·", "◦"]), label=maybe_text,
              key=maybe_text, bold=st.booleans(), date=st.none() | periods(),
              period=st.none() | periods(), count=st.none() | quantities, status=maybe_text,
              schedule=st.none() | periods()),
    st.builds(g.Item, key=text, schedule=periods()),  # a schedule line: key + date, no text
    st.builds(g.Note, text=text, scope=st.sampled_from(["item", "table"])),
    st.builds(g.Footnote, text=text, mark=st.sampled_from(["*", "**", "주1)"])),
    st.builds(g.WhenWhere, dates=st.lists(partial_dates(), min_size=1, max_size=3),
              place=maybe_text),
    st.builds(g.LeadLine, text=text),
    st.builds(g.SubCaption, text=text),
    st.builds(g.Paragraph, text=text, align=aligns),
    tables(),
    staffing_tables(),
    budget_tables(),
)


def _with_children(children: st.SearchStrategy[g.Block]) -> st.SearchStrategy[g.Block]:
    kids = st.lists(children, max_size=3)
    return st.one_of(
        st.builds(g.Item, text=text, bold=st.booleans(), count=st.none() | quantities,
                  children=kids),
        st.builds(g.Event, title=text, period=st.none() | periods(), children=kids),
        st.builds(g.EnumItem, text=text, date=st.none() | periods(), children=kids),
        st.builds(g.CategoryTag, label=text, text=st.just("") | text, children=kids),
    )


blocks = st.recursive(leaf_blocks, _with_children, max_leaves=12)


@st.composite
def parts(draw: st.DrawFn) -> g.Part:
    sections = draw(st.lists(
        st.builds(g.Section, title=text, kind=st.sampled_from(["chip", "task"]),
                  summary=maybe_text, unit=maybe_text, basis=st.none() | periods(),
                  new_page=st.none() | st.booleans(), blocks=st.lists(blocks, max_size=3)),
        max_size=3))
    if draw(st.booleans()):  # explicit numbers, unique within the part
        sections = [attrs.evolve(s, number=i + 1) for i, s in enumerate(sections)]
    return g.Part(title=draw(text), overview=draw(st.booleans()),
                  intro=draw(st.lists(blocks, max_size=2)), sections=sections)


reports = st.builds(
    g.Report,
    meta=st.builds(g.Meta, title=text, org=text, date=periods(), parent_org=maybe_text,
                   audience=maybe_text, kind=text, author=maybe_text),
    parts=st.lists(parts(), max_size=2),
    appendices=st.lists(st.builds(g.Appendix, title=text, label=st.sampled_from(["참고", "붙임"]),
                                  blocks=st.lists(blocks, max_size=2)), max_size=2),
    cover=st.builds(g.Cover, show=st.booleans(), slogan=maybe_text),
    toc=st.builds(g.Toc, show=st.booleans(), title=text, include_sections=st.booleans()),
    layout=st.sampled_from(["booklet", "onepage"]),
)

# --- round trips --------------------------------------------------------------------------


@SETTINGS
@given(reports)
def test_random_reports_round_trip(report: g.Report) -> None:
    text = g.dumps(report)
    again = g.loads(text, check=False)
    assert again == report
    assert g.dumps(again) == text


@SETTINGS
@given(reports)
def test_random_reports_are_valid(report: g.Report) -> None:
    assert errors_of(check_report(report)) == []
    assert g.loads(g.dumps(report)) == report  # check=True accepts them


@SETTINGS
@given(blocks)
def test_random_blocks_round_trip_through_the_converter(block: g.Block) -> None:
    from govreport.codec.converter import converter

    data = json.loads(json.dumps(converter.unstructure(block, g.Block), ensure_ascii=False))
    assert converter.structure(data, g.Block) == block


# --- canonical forms ----------------------------------------------------------------------

META = {"title": "보고", "org": "기관", "date": "2025-04"}


def _load(blocks: list[Any]) -> g.Report:
    data = {"meta": META, "parts": [{"title": "현황", "sections": [{"title": "기능",
                                                                  "blocks": blocks}]}]}
    return g.loads(json.dumps(data, ensure_ascii=False))


def _blocks_json(report: g.Report) -> Any:
    return json.loads(g.dumps(report))["parts"][0]["sections"][0]["blocks"]


def test_short_and_long_table_forms_are_equal() -> None:
    short = {"type": "table", "rows": [["a", 3, None], [{"value": "b", "rowspan": 1}, 1.5, ""]]}
    long = {"type": "table", "rows": [
        {"cells": [{"value": "a"}, {"value": 3}, {}]},
        {"cells": [{"value": "b"}, {"value": 1.5, "colspan": 1, "bold": False}, {"value": ""}],
         "total": False},
    ], "stub_columns": 1, "notes": []}
    a, b = _load([short]), _load([long])
    assert a == b
    assert a.parts[0].sections[0].blocks[0] == g.Table(rows=(
        g.Row(cells=(g.Cell(value="a"), g.Cell(value=3), g.Cell())),
        g.Row(cells=(g.Cell(value="b"), g.Cell(value=1.5), g.Cell(value=""))),
    ))
    canonical = [{"type": "table", "rows": [["a", 3, None], ["b", 1.5, ""]]}]
    assert _blocks_json(a) == _blocks_json(b) == canonical


def test_long_forms_stay_long_when_needed() -> None:
    block = {"type": "table", "rows": [
        {"cells": ["계", {"value": 99901, "ratio": 25.1}], "total": True},
        [{"value": "건설\n주택", "count": {"value": 39}}, {"items": [{"type": "item",
                                                                   "text": "사례"}]}],
    ]}
    assert _blocks_json(_load([block])) == [block]


def test_defaults_are_omitted_and_type_comes_first() -> None:
    report = _load([{"text": "", "key": "일정", "schedule": "2025-07", "type": "item",
                     "bold": False, "children": [], "level": None}])
    assert _blocks_json(report) == [{"type": "item", "key": "일정", "schedule": "2025-07"}]
    text = g.dumps(report)
    assert text.index('"type"') < text.index('"key"')
    assert text.startswith('{\n  "schema_version": 2,\n  "meta"')


def test_dates_are_canonicalised() -> None:
    report = _load([{"type": "item", "text": "x", "period": " 2025-02/2025-04 ",
                     "date": "2025-03-24T21:20"}])
    assert _blocks_json(report)[0] == {"type": "item", "text": "x", "date": "2025-03-24T21:20",
                                       "period": "2025-02/2025-04"}


def test_integers_stay_integers_and_floats_floats() -> None:
    report = _load([{"type": "item", "text": "x", "count": {"value": 2507, "unit": "건"}},
                    {"type": "item", "text": "y", "count": {"value": 2.5}}])
    counts = [b.count for b in report.parts[0].sections[0].blocks if isinstance(b, g.Item)]
    assert [type(c.value) for c in counts if c] == [int, float]
    assert '"value": 2507,' in g.dumps(report)


# --- Python-built models accept the ISO text of dates -------------------------------------


def test_period_fields_accept_iso_strings() -> None:
    period = g.parse_period
    assert g.Meta(title="t", org="o", date="2025-04").date == period("2025-04")
    item = g.Item(text="x", date="2025-03-17", period="2025-02/2025-04",
                  schedule="2025-04/2025-05 중")
    assert (item.date, item.period, item.schedule) == (
        period("2025-03-17"), period("2025-02/2025-04"), period("2025-04/2025-05 중"))
    assert g.Event(title="e", period="2025-03/..").period == period("2025-03/..")
    assert g.EnumItem(text="e", date="2025-02-24").date == period("2025-02-24")
    assert g.Section(title="s", basis="2025-03 말").basis == period("2025-03 말")
    assert g.Table(basis="2025-03").basis == period("2025-03")
    staffing = g.StaffingTable(groups=(), rows=(), basis="2025-03")
    assert staffing.basis == period("2025-03")
    assert g.BudgetTable(lines=(), basis="2025-03").basis == period("2025-03")
    assert g.Item(text="x", date=None).date is None
    same = g.parse_period("2025-04")
    assert g.Meta(title="t", org="o", date=same).date is same


def test_when_where_dates_accept_iso_strings() -> None:
    point = g.parse_partial_date
    w = g.WhenWhere(dates=["2025-03-25", point("2025-04-02"), "2025-03-24T21:20"])
    assert w.dates == (point("2025-03-25"), point("2025-04-02"), point("2025-03-24T21:20"))
    assert g.WhenWhere(dates="2025-03-25").dates == (point("2025-03-25"),)


def test_bad_date_strings_fail_at_construction() -> None:
    with pytest.raises(g.DateFormatError, match="month 13"):
        g.Meta(title="t", org="o", date="2025-13")
    with pytest.raises(g.DateFormatError):
        g.Item(text="x", period="2025-05/2025-03")
    with pytest.raises(g.DateFormatError):
        g.WhenWhere(dates=["2025-02-30"])
    with pytest.raises(TypeError, match="not int"):
        g.Meta(title="t", org="o", date=2025)  # type: ignore[arg-type]


def test_string_dated_python_model_equals_json_and_renders() -> None:
    from govreport.app.render import render_bytes

    built = g.Report(
        meta=g.Meta(title="보고", org="기관", date="2025-04"),
        parts=(g.Part(title="현황", sections=(g.Section(title="기능", basis="2025-03 말", blocks=(
            g.Item(text="x", date="2025-03-17", period="2025-02/2025-04"),
            g.Event(title="e", period="2025-03", children=(
                g.WhenWhere(dates=["2025-03-25", "2025-03-26T14:00"], place="본관"),)),
            g.BudgetTable(lines=(g.BudgetLine(name="a", budget=10, spent=5),), basis="2025-03"),
        )),)),),
    )
    assert g.loads(g.dumps(built)) == built
    assert json.loads(g.dumps(built))["meta"]["date"] == "2025-04"
    assert render_bytes(built, "docx")[:2] == b"PK"


def test_dollar_schema_editor_hint_survives_a_round_trip() -> None:
    import json
    from pathlib import Path

    import govreport

    path = Path(__file__).parents[1] / "examples" / "seoul-mayor-office-2025-04.json"
    data = {"$schema": "./govreport.codec.schema.json", **json.loads(path.read_text("utf-8"))}
    report = govreport.loads(json.dumps(data, ensure_ascii=False))
    assert report.schema_url == "./govreport.codec.schema.json"
    text = govreport.dumps(report)
    assert text.startswith('{\n  "$schema": "./govreport.codec.schema.json",')
    assert govreport.loads(text) == report
