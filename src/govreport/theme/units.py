"""Unit conversions with the exact factors of FORMAT.md §0 — the only place that scales units.

Themes hold lengths in **pt** (type sizes, indents, spacing) and **mm** (page, lines, boxes).
Writers convert with these helpers; nobody else multiplies by 20 (twip), 100 (HWPUNIT),
2 (half-point), 8 (eighth-point) or 12700 (EMU).

Integer results are rounded half away from zero (``2.5 → 3``, ``-2.5 → -3``), never with
Python's banker's rounding, so output is stable across values.
"""

from __future__ import annotations

import math

__all__ = [
    "EMU_PER_MM",
    "EMU_PER_PT",
    "HALF_POINTS_PER_PT",
    "HWPUNIT_PER_PT",
    "MM_PER_PT",
    "PT_PER_MM",
    "TWIP_PER_PT",
    "exact_line_twip",
    "hwpunit_to_mm",
    "hwpunit_to_pt",
    "letter_spacing_twip",
    "line_height_pt",
    "mm_to_eighth_points",
    "mm_to_emu",
    "mm_to_hwpunit",
    "mm_to_pt",
    "mm_to_twip",
    "pt_to_emu",
    "pt_to_half_points",
    "pt_to_hwpunit",
    "pt_to_mm",
    "pt_to_twip",
    "round_half_up",
    "twip_to_mm",
    "twip_to_pt",
]

PT_PER_MM: float = 72 / 25.4
"""Points per millimetre (2.834646…)."""
MM_PER_PT: float = 25.4 / 72
"""Millimetres per point (0.352778…)."""
TWIP_PER_PT = 20
"""DOCX ``w:ind``/``w:spacing``/``w:pgMar`` unit: 1/20 pt."""
HWPUNIT_PER_PT = 100
"""HWPX unit: 1/7200 in = 1/100 pt."""
HALF_POINTS_PER_PT = 2
"""DOCX ``w:sz`` (font size) unit."""
EIGHTH_POINTS_PER_PT = 8
"""DOCX border ``w:sz`` unit."""
EMU_PER_PT = 12700
"""DOCX drawing unit (English Metric Unit) per point."""
EMU_PER_MM = 36000
"""EMU per millimetre."""

_EPS = 1e-9
_BORDER_MIN, _BORDER_MAX = 2, 96  # valid range of a DOCX line border w:sz


def round_half_up(value: float) -> int:
    """Round to the nearest integer, halves away from zero (``0.5 → 1``, ``-0.5 → -1``)."""
    magnitude = math.floor(abs(value) + 0.5 + _EPS)
    return int(math.copysign(magnitude, value)) if magnitude else 0


def pt_to_mm(pt: float) -> float:
    """Points → millimetres."""
    return pt * MM_PER_PT


def mm_to_pt(mm: float) -> float:
    """Millimetres → points."""
    return mm * PT_PER_MM


def pt_to_twip(pt: float) -> int:
    """Points → twips (1/20 pt), rounded: ``22.5 → 450``."""
    return round_half_up(pt * TWIP_PER_PT)


def mm_to_twip(mm: float) -> int:
    """Millimetres → twips, rounded: ``25 → 1417``, ``20 → 1134``."""
    return round_half_up(mm * PT_PER_MM * TWIP_PER_PT)


def twip_to_pt(twip: float) -> float:
    """Twips → points."""
    return twip / TWIP_PER_PT


def twip_to_mm(twip: float) -> float:
    """Twips → millimetres."""
    return pt_to_mm(twip / TWIP_PER_PT)


def pt_to_hwpunit(pt: float) -> int:
    """Points → HWPUNIT (1/100 pt), rounded: ``15 → 1500`` (``charPr height``)."""
    return round_half_up(pt * HWPUNIT_PER_PT)


def mm_to_hwpunit(mm: float) -> int:
    """Millimetres → HWPUNIT, rounded: ``20 → 5669``, ``170 → 48189``."""
    return round_half_up(mm * PT_PER_MM * HWPUNIT_PER_PT)


def hwpunit_to_pt(hwpunit: float) -> float:
    """HWPUNIT → points."""
    return hwpunit / HWPUNIT_PER_PT


def hwpunit_to_mm(hwpunit: float) -> float:
    """HWPUNIT → millimetres."""
    return pt_to_mm(hwpunit / HWPUNIT_PER_PT)


def pt_to_half_points(pt: float) -> int:
    """Points → DOCX half-points (``w:sz``), rounded: ``15 → 30``, ``10.5 → 21``."""
    return round_half_up(pt * HALF_POINTS_PER_PT)


def mm_to_eighth_points(mm: float) -> int:
    """Line width in mm → DOCX border ``w:sz`` (eighth-points), clamped to Word's 2…96.

    ``0.12 → 3``, ``0.4 → 9``, ``0.5 → 11``, ``0.7 → 16``.
    """
    value = round_half_up(mm * PT_PER_MM * EIGHTH_POINTS_PER_PT)
    return max(_BORDER_MIN, min(_BORDER_MAX, value))


def pt_to_emu(pt: float) -> int:
    """Points → EMU (12700 per pt), rounded."""
    return round_half_up(pt * EMU_PER_PT)


def mm_to_emu(mm: float) -> int:
    """Millimetres → EMU (36000 per mm), rounded."""
    return round_half_up(mm * EMU_PER_MM)


def line_height_pt(size_pt: float, line_pct: float) -> float:
    """Height of one line in pt for an HWP percent line spacing (``15 pt × 160 % = 24``)."""
    return size_pt * line_pct / 100


def exact_line_twip(size_pt: float, line_pct: float) -> int:
    """DOCX ``w:spacing w:line`` for ``lineRule="exact"`` (§10.2): ``15 pt, 160 % → 480``."""
    return pt_to_twip(line_height_pt(size_pt, line_pct))


def letter_spacing_twip(size_pt: float, pct: float) -> int:
    """DOCX run ``w:spacing w:val`` for a 자간 of ``pct`` % (§3.3): ``15 pt, -5 % → -15``."""
    return pt_to_twip(size_pt * pct / 100)
