"""Lengths of the theme: **pt** (type sizes, indents, spacing) and **mm** (page, lines, boxes).

The exact factors of FORMAT.md §0 between the two, and the one rounding rule.  What Word and
Hancom store (twip, half-points, EMU, HWPUNIT) is a writer's business:
:mod:`govreport.writers.units`.

Integer results are rounded half away from zero (``2.5 → 3``, ``-2.5 → -3``), never with
Python's banker's rounding, so output is stable across values.
"""

from __future__ import annotations

import math

__all__ = [
    "MM_PER_PT",
    "PT_PER_MM",
    "line_height_pt",
    "mm_to_pt",
    "pt_to_mm",
    "round_half_up",
]

PT_PER_MM: float = 72 / 25.4
"""Points per millimetre (2.834646…)."""
MM_PER_PT: float = 25.4 / 72
"""Millimetres per point (0.352778…)."""

_EPS = 1e-9


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


def line_height_pt(size_pt: float, line_pct: float) -> float:
    """Height of one line in pt for an HWP percent line spacing (``15 pt × 160 % = 24``)."""
    return size_pt * line_pct / 100
