"""Line fitting (FORMAT.md §3.3): squeeze 자간/장평 so a paragraph does not end in a line of
one or two characters — what Hancom users do by hand instead of letting a word wrap.

Widths are estimated with the Hancom font metrics of :func:`~govreport.layout.grid.text_em`
(Hangul 1 em, space 0.5 em), so the result is tuned for documents opened with the official
fonts.
"""

from __future__ import annotations

import math

from ..theme.model import Fitting
from .grid import text_em


def needs_fit(em: float, capacity_em: float, fitting: Fitting) -> bool:
    """Whether a text of ``em`` in lines of ``capacity_em`` ends in a too-short last line."""
    if capacity_em <= 0 or em <= capacity_em:
        return False
    lines = math.ceil(em / capacity_em)
    last = em - (lines - 1) * capacity_em
    return last <= fitting.max_orphan_chars or last < capacity_em * fitting.min_last_line_pct / 100


def fit_line(text: str, pt: float, width_pt: float,
             fitting: Fitting) -> tuple[float, float] | None:
    """(자간 %, 장평 %) that pull a short last line back, or ``None`` (fits, or cannot)."""
    em = text_em(text)
    capacity = width_pt / pt
    if not needs_fit(em, capacity, fitting):
        return None
    target = (math.ceil(em / capacity) - 1) * capacity
    return _cheapest(em, len(text), target, fitting)


def squeeze_line(text: str, pt: float, width_pt: float,
                 fitting: Fitting) -> tuple[float, float] | None:
    """(자간 %, 장평 %) that take one line off a wrapped paragraph within the limits of
    ``fitting``, or ``None`` (one line, or the limits do not allow it)."""
    em = text_em(text)
    capacity = width_pt / pt
    if capacity <= 0 or em <= capacity:
        return None
    target = (math.ceil(em / capacity) - 1) * capacity * 0.995
    return _cheapest(em, len(text), target, fitting)


def _cheapest(em: float, chars: int, target: float,
              fitting: Fitting) -> tuple[float, float] | None:
    steps = [-float(i) for i in range(int(-fitting.letter_spacing_min_pct) + 1)]
    # the gentlest squeeze first: 1 % of 장평 counts like 1.5 % of 자간
    candidates = sorted(((s, w) for w in fitting.width_steps_pct for s in steps),
                        key=lambda c: -c[0] + (100 - c[1]) * 1.5)
    for spacing, width in candidates:
        if em * width / 100 + chars * spacing / 100 <= target:
            return spacing, width
    return None
