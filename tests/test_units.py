"""Unit conversions: the exact factors and worked values of FORMAT.md §0, §1, §3, §10.2."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.theme import units


def test_factors_match_spec_table() -> None:
    assert abs(units.PT_PER_MM - 2.834646) < 1e-6
    assert units.TWIP_PER_PT == 20
    assert units.HWPUNIT_PER_PT == 100
    assert units.HALF_POINTS_PER_PT == 2
    assert units.EMU_PER_PT == 12700
    assert units.EMU_PER_MM == 36000
    # per-mm column of the §0 table
    assert units.mm_to_pt(1) * 20 == pytest.approx(56.6929, abs=1e-4)
    assert units.mm_to_pt(1) * 100 == pytest.approx(283.4646, abs=1e-4)
    assert units.mm_to_pt(1) * 8 == pytest.approx(22.677, abs=1e-3)


def test_pt_mm_one_em_at_15pt() -> None:
    # §0: at 15 pt, 1 em = 5.292 mm; 0.5 em = 2.646 mm
    assert units.pt_to_mm(15) == pytest.approx(5.292, abs=1e-3)
    assert units.pt_to_mm(7.5) == pytest.approx(2.646, abs=1e-3)
    assert units.mm_to_pt(25.4) == pytest.approx(72)


@pytest.mark.parametrize(
    ("pt", "twip"),
    [(15, 300), (22.5, 450), (30, 600), (37.5, 750), (24, 480), (7.5, 150), (0, 0)],
)
def test_pt_to_twip(pt: float, twip: int) -> None:
    assert units.pt_to_twip(pt) == twip
    assert isinstance(units.pt_to_twip(pt), int)


@pytest.mark.parametrize(
    ("mm", "twip"),
    [(25, 1417), (15, 850), (20, 1134), (10, 567), (210, 11906), (297, 16838), (170, 9638)],
)
def test_mm_to_twip_page_values(mm: float, twip: int) -> None:
    assert units.mm_to_twip(mm) == twip


@pytest.mark.parametrize(("pt", "hu"), [(15, 1500), (22.5, 2250), (10.5, 1050), (13, 1300)])
def test_pt_to_hwpunit(pt: float, hu: int) -> None:
    assert units.pt_to_hwpunit(pt) == hu


@pytest.mark.parametrize(("mm", "hu"), [(20, 5669), (170, 48189), (210, 59528), (3.5, 992)])
def test_mm_to_hwpunit(mm: float, hu: int) -> None:
    assert units.mm_to_hwpunit(mm) == hu


@pytest.mark.parametrize(("pt", "half"), [(15, 30), (12, 24), (10.5, 21), (11, 22), (36, 72)])
def test_pt_to_half_points(pt: float, half: int) -> None:
    assert units.pt_to_half_points(pt) == half


@pytest.mark.parametrize(("mm", "eighths"), [(0.12, 3), (0.4, 9), (0.5, 11), (0.7, 16)])
def test_mm_to_eighth_points_spec_examples(mm: float, eighths: int) -> None:
    assert units.mm_to_eighth_points(mm) == eighths


def test_eighth_points_clamped_to_word_range() -> None:
    assert units.mm_to_eighth_points(0.01) == 2
    assert units.mm_to_eighth_points(10) == 96


def test_emu() -> None:
    assert units.pt_to_emu(1) == 12700
    assert units.pt_to_emu(15) == 190500
    assert units.mm_to_emu(1) == 36000
    assert units.mm_to_emu(11.7) == 421200


def test_inverse_helpers() -> None:
    assert units.twip_to_pt(450) == 22.5
    assert units.hwpunit_to_pt(1500) == 15
    assert units.twip_to_mm(1417) == pytest.approx(25, abs=0.01)
    assert units.hwpunit_to_mm(5669) == pytest.approx(20, abs=0.002)


@pytest.mark.parametrize(("pt", "twip"), [(15, 480), (13, 416), (12, 384), (14, 448)])
def test_exact_line_spacing_at_160_percent(pt: float, twip: int) -> None:
    # §10.2: w:line = round(size_pt * pct/100 * 20) with lineRule="exact"
    assert units.exact_line_twip(pt, 160) == twip
    assert units.line_height_pt(15, 160) == 24


def test_letter_spacing_twip() -> None:
    # §3.3: 자간 -5 % at 15 pt = -15 twips
    assert units.letter_spacing_twip(15, -5) == -15
    assert units.letter_spacing_twip(22, -3) == -13
    assert units.letter_spacing_twip(15, 0) == 0


@pytest.mark.parametrize(
    ("value", "expected"), [(2.5, 3), (-2.5, -3), (0.5, 1), (0.4999, 0), (-0.4, 0), (1417.32, 1417)]
)
def test_rounding_is_half_away_from_zero(value: float, expected: int) -> None:
    assert units.round_half_up(value) == expected


def test_halves_round_up_not_to_even() -> None:
    # banker's rounding would give 0 and 2; output must not depend on parity
    assert units.pt_to_twip(0.025) == 1
    assert units.pt_to_half_points(10.25) == 21
    assert units.pt_to_half_points(10.75) == 22


@given(st.floats(min_value=0, max_value=2000, allow_nan=False))
def test_twip_round_trip_within_half_twip(pt: float) -> None:
    assert abs(units.twip_to_pt(units.pt_to_twip(pt)) - pt) <= 0.025 + 1e-9


@given(st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_hwpunit_round_trip_within_half_unit(mm: float) -> None:
    assert abs(units.hwpunit_to_mm(units.mm_to_hwpunit(mm)) - mm) <= units.pt_to_mm(0.005) + 1e-9


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False))
def test_pt_mm_round_trip(pt: float) -> None:
    assert units.mm_to_pt(units.pt_to_mm(pt)) == pytest.approx(pt, abs=1e-9)
