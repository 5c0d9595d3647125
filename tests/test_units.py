"""Unit conversions: the exact factors and worked values of FORMAT.md §0, §1, §3, §10.2."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.theme import Theme
from govreport.writers import units


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


# ---------------------------------------------------------------- the theme in writer units


def test_page_in_word_and_hancom_units() -> None:
    page = Theme.seoul().page
    assert tuple(units.docx_margins_mm(page)) == (25, 25, 20, 20, 15, 15, 0)
    assert tuple(units.docx_margins_twip(page)) == (1417, 1417, 1134, 1134, 850, 850, 0)
    assert units.docx_page_twip(page) == (11906, 16838)
    assert units.hwpx_page_hwpunit(page) == (59528, 84188)
    assert units.hwpx_margins(page) == {
        "header": 2835, "footer": 2835, "gutter": 0, "left": 5669, "right": 5669,
        "top": 4252, "bottom": 4252,
    }  # fmt: skip


def test_docx_margins_follow_overrides() -> None:
    page = Theme.seoul().override({"page.margin.top": 20, "page.margin.header": 5}).page
    assert units.docx_margins_mm(page).top == 25
    assert units.docx_margins_mm(page).header == 20


def test_resolved_style_in_writer_units() -> None:
    seoul = Theme.seoul()
    l2 = seoul.resolve("L2")
    assert (units.pt_to_half_points(l2.pt), units.pt_to_hwpunit(l2.pt)) == (30, 1500)
    assert units.exact_line_twip(l2.pt, l2.line_pct) == 480
    note, note_table = seoul.resolve("note"), seoul.resolve("note_table")
    assert units.exact_line_twip(note.pt, note.line_pct) == 416
    assert units.exact_line_twip(note_table.pt, note_table.line_pct) == 384
    title = seoul.resolve("title_box")  # 22 pt, 자간 -3 %
    assert units.letter_spacing_twip(title.pt, title.letter_spacing_pct) == -13


def test_indent_in_writer_units() -> None:
    seoul = Theme.seoul()
    l1, l2, l3 = seoul.indent("L1"), seoul.indent("L2"), seoul.indent("L3")
    assert (units.pt_to_twip(l1.text_x_pt), units.pt_to_twip(l1.hanging_pt)) == (450, 450)
    assert units.pt_to_hwpunit(l1.text_x_pt) == 2250
    assert (units.pt_to_twip(l2.text_x_pt), units.pt_to_twip(l2.hanging_pt)) == (600, 450)
    assert units.pt_to_twip(l3.text_x_pt) == 750
    assert (units.pt_to_hwpunit(l2.text_x_pt), -units.pt_to_hwpunit(l2.hanging_pt)) == (
        3000, -2250)


def test_theme_units_hold_pt_and_mm_only() -> None:
    from govreport.theme import units as theme_units

    assert not [n for n in theme_units.__all__ if any(
        w in n.lower() for w in ("twip", "hwpunit", "emu", "half_points", "eighth"))]
    assert units.mm_to_pt is theme_units.mm_to_pt  # one pt/mm conversion for everyone
