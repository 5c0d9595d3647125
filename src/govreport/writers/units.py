"""Word and Hancom units — the only place that scales pt/mm into what a file format stores.

Themes and layout nodes hold **pt** and **mm** (:mod:`govreport.theme.units`); the writers
turn them into twips (1/20 pt: ``w:ind``, ``w:spacing``, ``w:pgMar``), half-points (``w:sz``),
eighth-points (border ``w:sz``), EMU (drawings, 12700 per pt) and HWPUNIT (1/100 pt: every
HWPX length) with these helpers, using the exact factors of FORMAT.md §0.  Nobody else
multiplies by 20, 100, 2, 8 or 12700.

Integer results are rounded half away from zero (``2.5 → 3``, ``-2.5 → -3``), never with
Python's banker's rounding, so output is stable across values.

Paper and margins as Word and Hancom store them (§1) are here too: the theme says "A4,
top 15 mm + header 10 mm" (HWP semantics), :func:`docx_margins_mm` says what Word calls it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from ..theme.units import (
    MM_PER_PT,
    PT_PER_MM,
    line_height_pt,
    mm_to_pt,
    pt_to_mm,
    round_half_up,
)

if TYPE_CHECKING:
    from ..theme.model import PageSetup

__all__ = [
    "EIGHTH_POINTS_PER_PT",
    "EMU_PER_MM",
    "EMU_PER_PT",
    "HALF_POINTS_PER_PT",
    "HWPUNIT_PER_PT",
    "MM_PER_PT",
    "PAPER_HWPUNIT",
    "PAPER_TWIP",
    "PT_PER_MM",
    "TWIP_PER_PT",
    "DocxMargins",
    "DocxMarginsTwip",
    "docx_margins_mm",
    "docx_margins_twip",
    "docx_page_twip",
    "exact_line_twip",
    "hwpunit_to_mm",
    "hwpunit_to_pt",
    "hwpx_margins",
    "hwpx_page_hwpunit",
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

_BORDER_MIN, _BORDER_MAX = 2, 96  # valid range of a DOCX line border w:sz


# --------------------------------------------------------------------------- Word


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


def exact_line_twip(size_pt: float, line_pct: float) -> int:
    """DOCX ``w:spacing w:line`` for ``lineRule="exact"`` (§10.2): ``15 pt, 160 % → 480``."""
    return pt_to_twip(line_height_pt(size_pt, line_pct))


def letter_spacing_twip(size_pt: float, pct: float) -> int:
    """DOCX run ``w:spacing w:val`` for a 자간 of ``pct`` % (§3.3): ``15 pt, -5 % → -15``."""
    return pt_to_twip(size_pt * pct / 100)


# --------------------------------------------------------------------------- Hancom


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


# --------------------------------------------------------------------------- paper and margins


PAPER_TWIP: Mapping[str, tuple[int, int]] = MappingProxyType({"A4": (11906, 16838)})
"""Paper sizes as Word stores them in ``w:pgSz`` (§1)."""
PAPER_HWPUNIT: Mapping[str, tuple[int, int]] = MappingProxyType({"A4": (59528, 84188)})
"""Paper sizes as Hancom stores them in ``hp:pagePr`` (§1)."""


class DocxMargins(NamedTuple):
    """Word section margins in mm (``w:pgMar`` semantics: ``top`` = body start)."""

    top: float
    bottom: float
    left: float
    right: float
    header: float
    footer: float
    gutter: float


class DocxMarginsTwip(NamedTuple):
    """Word ``w:pgMar`` attributes in twips."""

    top: int
    bottom: int
    left: int
    right: int
    header: int
    footer: int
    gutter: int


def docx_page_twip(page: PageSetup) -> tuple[int, int]:
    """DOCX ``w:pgSz`` width/height (A4: 11906 × 16838)."""
    return PAPER_TWIP[page.size]


def hwpx_page_hwpunit(page: PageSetup) -> tuple[int, int]:
    """HWPX ``pagePr`` width/height (A4: 59528 × 84188, as Hancom stores it)."""
    return PAPER_HWPUNIT[page.size]


def docx_margins_mm(page: PageSetup) -> DocxMargins:
    """The theme's HWP margins as Word's, in mm: ``top = top + header``, ``header = top``
    etc. (§1: in HWP the header height lies inside the top margin, in Word it does not)."""
    m = page.margin
    return DocxMargins(
        top=m.top + m.header, bottom=m.bottom + m.footer, left=m.left, right=m.right,
        header=m.top, footer=m.bottom, gutter=m.gutter,
    )  # fmt: skip


def docx_margins_twip(page: PageSetup) -> DocxMarginsTwip:
    """:func:`docx_margins_mm` in twips (defaults: 1417/1417/1134/1134/850/850/0)."""
    return DocxMarginsTwip(*(mm_to_twip(v) for v in docx_margins_mm(page)))


def hwpx_margins(page: PageSetup) -> dict[str, int]:
    """HWPX ``hp:margin`` attributes in HWPUNIT (HWP semantics, no conversion)."""
    m = page.margin
    return {
        "header": mm_to_hwpunit(m.header), "footer": mm_to_hwpunit(m.footer),
        "gutter": mm_to_hwpunit(m.gutter), "left": mm_to_hwpunit(m.left),
        "right": mm_to_hwpunit(m.right), "top": mm_to_hwpunit(m.top),
        "bottom": mm_to_hwpunit(m.bottom),
    }  # fmt: skip
