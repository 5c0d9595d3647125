"""Line fitting (FORMAT.md §3.3): squeeze 자간/장평 so a paragraph does not end in a line of
one or two characters, and so that a long word (어절) that does not fit at a line end does
not leave the justified line stretched to wide gaps — what Hancom users do by hand.

Widths are estimated with the Hancom font metrics of :func:`~govreport.layout.grid.text_em`
(Hangul 1 em, space 0.5 em), so the result is tuned for documents opened with the official
fonts.
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=32)
def _candidates(spacing_min_pct: float,
                width_steps_pct: tuple[float, ...]) -> tuple[tuple[float, float], ...]:
    """(자간 %, 장평 %) pairs within the limits, the gentlest squeeze first: 1 % of 장평
    counts like 1.5 % of 자간."""
    steps = [-float(i) for i in range(int(-spacing_min_pct) + 1)]
    return tuple(sorted(((s, w) for w in width_steps_pct for s in steps),
                        key=lambda c: -c[0] + (100 - c[1]) * 1.5))


def _cheapest(em: float, chars: int, target: float,
              fitting: Fitting) -> tuple[float, float] | None:
    for spacing, width in _candidates(fitting.letter_spacing_min_pct,
                                      tuple(fitting.width_steps_pct)):
        if em * width / 100 + chars * spacing / 100 <= target:
            return spacing, width
    return None


LOOSE_GAP_EM = 1.0
"""A justified line is loose when each of its gaps would widen by more than this (em)."""


def _tokens(text: str) -> list[tuple[float, int]]:
    """(width em, characters) of each word of ``text`` (split at spaces)."""
    return [(text_em(token), len(token)) for token in text.split(" ")]


def _wrap(text: str, capacity: float, spacing: float = 0.0,
          width: float = 100.0) -> list[tuple[float, int]]:
    """(width em, number of gaps) of each line when ``text`` is broken at spaces (어절)."""
    return _wrap_tokens(_tokens(text), capacity, spacing, width)


def _wrap_tokens(tokens: list[tuple[float, int]], capacity: float, spacing: float,
                 width: float) -> list[tuple[float, int]]:
    w, s = width / 100, spacing / 100
    space = 0.5 * w + s
    lines: list[tuple[float, int]] = []
    cur, gaps = -1.0, 0
    for em, n in tokens:
        tw = em * w + n * s
        if cur < 0:
            cur, gaps = tw, 0
        elif cur + space + tw <= capacity:
            cur, gaps = cur + space + tw, gaps + 1
        else:
            lines.append((cur, gaps))
            cur, gaps = tw, 0
        while cur > capacity:  # a word longer than the line breaks anywhere
            lines.append((capacity, 0))
            cur -= capacity
    lines.append((max(cur, 0.0), gaps))
    return lines


def is_loose(text: str, capacity: float, spacing: float = 0.0, width: float = 100.0) -> bool:
    """Whether a non-last line of ``text`` would be stretched to wide gaps."""
    return _loose(_tokens(text), capacity, spacing, width)


def _loose(tokens: list[tuple[float, int]], capacity: float, spacing: float,
           width: float) -> bool:
    lines = _wrap_tokens(tokens, capacity, spacing, width)
    return any(g and (capacity - used) / g > LOOSE_GAP_EM for used, g in lines[:-1])


def loosen_fit(text: str, pt: float, width_pt: float,
               fitting: Fitting) -> tuple[float, float] | None:
    """(자간 %, 장평 %) within ``fitting``'s limits that pull the next word onto a line that
    would otherwise be stretched to wide gaps; ``None`` when no line is loose or nothing
    helps.  The squeeze never leaves a too-short last line (:func:`needs_fit`)."""
    capacity = width_pt / pt
    if capacity <= 0 or " " not in text or text_em(text) < capacity - 1e-6:
        return None  # a text on one line has no line to stretch
    tokens = _tokens(text)
    if not _loose(tokens, capacity, 0.0, 100.0):
        return None
    candidates = _candidates(fitting.letter_spacing_min_pct, tuple(fitting.width_steps_pct))
    for spacing, width in candidates[1:]:
        if _loose(tokens, capacity, spacing, width):
            continue
        em = text_em(text) * width / 100 + len(text) * spacing / 100
        if not needs_fit(em, capacity, fitting):
            return spacing, width
    return None


@functools.lru_cache(maxsize=8192)
def fit(text: str, pt: float, width_pt: float,
        fitting: Fitting) -> tuple[float, float] | None:
    """(자간 %, 장평 %) for a paragraph of ``text``: :func:`fit_line`'s, else
    :func:`loosen_fit`'s, else ``None``.  Kept (a pure function of its arguments, asked for
    every paragraph each time a report is rendered again, in a batch or after an edit)."""
    return fit_line(text, pt, width_pt, fitting) or loosen_fit(text, pt, width_pt, fitting)


@functools.lru_cache(maxsize=8192)
def fit_text(text: str, pt: float, width_pt: float,
             fitting: Fitting) -> tuple[float, float] | None:
    """:func:`fit` for a text that may hold typed line breaks: each line is its own run of
    wrapped lines, so each must not end in a too-short line; one squeeze serves them all
    (the gentlest that fixes every line that needs it), or ``None``."""
    if "\n" not in text:
        return fit(text, pt, width_pt, fitting)
    lines = [line for line in text.split("\n") if line]
    found = [f for f in (fit_line(line, pt, width_pt, fitting) for line in lines) if f]
    if not found:
        return None
    spacing, width = max(found, key=lambda c: -c[0] + (100 - c[1]) * 1.5)
    capacity = width_pt / pt
    for line in lines:
        em = text_em(line) * width / 100 + len(line) * spacing / 100
        if needs_fit(em, capacity, fitting):
            return None  # one squeeze cannot serve every line
    return spacing, width
