"""Every rounding that prints a figure is half-up, away from zero: exact ties (.x5, 2.5,
negatives) where half-even, truncation or binary floats would print something else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport import BudgetLine, BudgetTable, NumberFormat, execution_rate
from govreport.formatting import (
    format_cell,
    format_count,
    format_myriad,
    format_number,
    format_percent,
    format_pp,
    format_ratio,
)
from govreport.formatting.numbers import round_half_up
from govreport.freeform import records
from govreport.layout.tables import TableLayout
from govreport.layout.text import TextFormatter
from govreport.model.compute import scaled
from govreport.theme import Theme


@pytest.mark.parametrize(("spent", "budget", "rate"), [
    (1, 16, "6.3"),        # 6.25: half-even would give 6.2
    (3, 16, "18.8"),       # 18.75
    (1, 8, "12.5"),        # exact
    (1, 400, "0.3"),       # 0.25
    (99901, 398000, "25.1"),
    (0, 5, "0.0"),
])
def test_execution_rate_is_half_up(spent: int, budget: int, rate: str) -> None:
    assert execution_rate(spent, budget) == Decimal(rate)
    assert str(BudgetLine(name="가", budget=budget, spent=spent).rate) == rate


def test_budget_table_prints_the_half_up_rate() -> None:
    t = BudgetTable(lines=[BudgetLine(name="가", budget=16, spent=1)]).as_table()
    assert t.rows[1].cells[2].ratio == 6.3


@pytest.mark.parametrize(("value", "decimals", "out"), [
    (2.5, 0, "3"), (-2.5, 0, "-3"), (0.125, 2, "0.13"), (-0.125, 2, "-0.13"),
    (2.675, 2, "2.68"),  # the float 2.675 is 2.67499… in binary; its text is what counts
    (0.05, 1, "0.1"), (-0.05, 1, "-0.1"), (1.45, 1, "1.5"), (-0.4, 0, "0"),
])
def test_round_half_up(value: float, decimals: int, out: str) -> None:
    assert str(round_half_up(value, decimals)) == out


def test_number_cell_percent_and_points_ties() -> None:
    assert format_number(1234.5, 0) == "1,235"
    assert format_number(0.125, 2) == "0.13"
    assert format_cell(-2.5, 0) == "△3"
    assert format_cell(-1234.5, 0, negative="-") == "-1,235"
    assert format_percent(12.25, 1) == "12.3%"
    assert format_percent(-12.25, 1) == "-12.3%"
    assert format_percent(-0.04, 1, negative="△") == "0.0%"
    assert format_percent(-0.05, 1, negative="△") == "△0.1%"
    assert format_ratio(1, 16) == "6.3%"
    assert format_ratio(1, 8, 0) == "13%"
    assert format_pp(1.25, 1, signed=True) == "+1.3%p"
    assert format_pp(-1.25, 1, negative="△") == "△1.3%p"
    assert format_myriad(8_725_000_000, 2) == "87.25억"
    assert format_myriad(8_745_000_000, 1) == "87.5억"
    assert format_myriad(125_000, round_to="만") == "13만"
    assert format_count(2.5, "건", decimals=0) == "3건"


def test_records_fixed_and_totals_ties() -> None:
    assert records.fixed(0.125, 2) == "0.13"
    assert records.fixed(-2.5, 0) == "-3"
    cols = records.columns([{"x": 1.25}, {"x": 1.0}], [{"field": "x", "decimals": 1,
                                                       "total": "avg"}])
    assert records.column_total([{"x": 1.25}, {"x": 1.0}], cols[0]) == "1.1"  # 1.125


@pytest.mark.parametrize(("value", "fmt", "out"), [
    ("2.25", NumberFormat(decimals=1), "2.3"),
    ("-2.25", NumberFormat(decimals=1), "-2.3"),
    ("1234500", NumberFormat(from_unit="원", to_unit="천원"), "1235"),
    ("-1234500", NumberFormat(from_unit="원", to_unit="천원"), "-1235"),
    ("12.25", NumberFormat(style="percent", decimals=1), "12.3"),
])
def test_table_scaling_is_half_up(value: str, fmt: NumberFormat, out: str) -> None:
    assert str(scaled(Decimal(value), fmt)) == out


def test_table_figures_print_half_up() -> None:
    theme = Theme.seoul()
    layout = TableLayout(theme, TextFormatter(theme, "ko_KR"), theme.page.text_width_pt)
    assert layout.figure(Decimal("2.25"), NumberFormat(decimals=1)) == "2.3"
    assert layout.figure(Decimal("-2.25"), NumberFormat(decimals=1)) == "△2.3"
    assert layout.figure(Decimal("12.25"), NumberFormat(style="percent", decimals=1)) \
        == "12.3%"
    assert layout.figure(Decimal("-1.25"), NumberFormat(style="points", decimals=1)) \
        == "△1.3%p"
    assert layout.figure(Decimal("1234500"), NumberFormat(from_unit="원",
                                                          to_unit="천원")) == "1,235"
