"""Breaking long titles into balanced lines at sensible points (cover, title box).

A title breaks only at spaces, never right after an opening ``「`` ``(`` ``『`` ``<`` or
inside ``「…」``/``(…)``, and among the allowed breaks the one giving the most even lines wins
(Hancom users balance title lines by hand: ``2025년 「시민 참여」`` / ``확대 추진계획``).
"""

from __future__ import annotations

from itertools import combinations, pairwise

from .grid import text_em

OPEN = "「『(<［[《〈"
CLOSE = "」』)>］]》〉"
MAX_LINES = 4
MAX_BREAKS = 40
"""More break points than this (not a title but a paragraph) are left to the renderer's own
wrapping, which keeps the search bounded (it tries every choice of up to 3 breaks)."""


def break_points(text: str) -> list[int]:
    """Indexes of the spaces where ``text`` may break."""
    depth = 0
    out: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        elif ch == " " and depth == 0 and i > 0 and text[i - 1] not in OPEN:
            out.append(i)
    return out


def balance_title(text: str, width_em: float) -> str:
    """``text`` with ``\\n`` at the breaks that give the fewest, most even lines within
    ``width_em``; unchanged when it fits on one line, has its own breaks or cannot break."""
    if "\n" in text or text_em(text) <= width_em:
        return text
    points = break_points(text)
    if len(points) > MAX_BREAKS:
        return text
    for lines in range(2, MAX_LINES + 1):
        best: tuple[float, tuple[int, ...]] | None = None
        for cut in combinations(points, lines - 1):
            bounds = (-1, *cut, len(text))
            widths = [text_em(text[a + 1:b].strip()) for a, b in pairwise(bounds)]
            widest = max(widths)
            if widest > width_em:
                continue
            if best is None or widest < best[0]:
                best = (widest, cut)
        if best is not None:
            parts = []
            bounds = (-1, *best[1], len(text))
            for a, b in pairwise(bounds):
                parts.append(text[a + 1:b].strip())
            return "\n".join(parts)
    return text


__all__ = ["balance_title", "break_points"]
