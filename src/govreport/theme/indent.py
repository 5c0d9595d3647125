"""Hanging-indent geometry of FORMAT.md §3.1, implemented once for DOCX and HWPX.

::

    em_b    = body.pt                                  # symbol positions use the BODY em
    sym_x   = lead * 0.5 * em_b                        # ladder lead in half-spaces (타)
            | parent_sym_x + em_b                      # children of √ ▶ ① ※ (and ① ※ themselves)
    text_x  = sym_x + (mark_w + 0.5) * level_pt        # symbol + one 1타 gap in the level's size
    hanging = text_x - sym_x

Where the symbol goes, per role (first rule that applies):

1. ``parent_sym_x`` given → ``parent_sym_x + em_b``;
2. ``child_of`` set (``enum``, ``note``, ``event_field``, ``event_sub``) → the default parent's
   symbol x ``+ em_b``;
3. ``slot`` set (``event_title`` → L3, ``subcaption`` → L2) → that role's symbol x;
4. ``lead`` set → ``lead × 0.5 × em_b``;
5. L1–L4 → the theme's ladder (observed □0 ○1 -3 ·5, gov2ta □0 ○2 -4 ·6);
6. otherwise 0.

A role without symbol has ``text_x = sym_x`` (no hanging).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from .roles import LADDERS, ROLES, Role, SpacingBlock, ThemeError

if TYPE_CHECKING:
    from .model import Theme

__all__ = [
    "MARK_WIDTHS",
    "RELATIVE_PARENTS",
    "HangingIndent",
    "child_indent",
    "indent",
    "mark_width",
]

MARK_WIDTHS: Mapping[str, float] = MappingProxyType(
    {
        **dict.fromkeys("□○ㅇ◦❍※▶√①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳●", 1.0),
        **dict.fromkeys("-*·", 0.5),
    }
)
"""Advance of item marks in em of their own size (§3.1, [S14] ``MARK_W``)."""

RELATIVE_PARENTS: frozenset[str] = frozenset({"event_title", "event_field", "enum", "note"})
"""Roles (√ ▶ ① ※) whose children sit 1 body em right of the parent's symbol."""


def mark_width(symbol: str) -> float:
    """Width of an item symbol in em: §3.1 table, else 1.0 for wide/ambiguous East Asian
    characters and 0.5 for narrow ones; multi-character marks (``**``) add up."""
    total = 0.0
    for ch in symbol:
        if ch in MARK_WIDTHS:
            total += MARK_WIDTHS[ch]
        else:
            total += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5
    return total


@attrs.frozen(slots=True)
class HangingIndent:
    """Horizontal geometry of one item paragraph, in pt from the left text margin."""

    sym_x_pt: float
    text_x_pt: float
    hanging_pt: float


def _sym_x(theme: Theme, role: Role, depth: int = 0) -> float:
    if depth > len(ROLES):  # cycles are rejected when the Theme is built; stay safe anyway
        raise ThemeError(f"levels.{role}: slot/child_of chain too deep")
    style = theme.levels.get(role)
    em_b = theme.body.pt
    if style.child_of is not None:
        return _sym_x(theme, style.child_of, depth + 1) + em_b
    if style.slot is not None:
        return _sym_x(theme, style.slot, depth + 1)
    if style.lead is not None:
        return style.lead * 0.5 * em_b
    ladder = LADDERS[theme.ladder]
    if role in ladder:
        return ladder[role] * 0.5 * em_b
    return 0.0


def indent(theme: Theme, role: Role, parent_sym_x: float | None = None) -> HangingIndent:
    """Symbol x, text x and hanging of ``role`` in pt (FORMAT.md §3.1).

    Pass ``parent_sym_x`` for items nested under √ ▶ ① ※ and for ① / ※ under any item; they
    go one body em (2타) right of the parent's symbol.  Without it, ``child_of`` roles use
    their default parent (① and ※ under ○, ▶ under √, - under ▶).
    """
    style = theme.resolve(role)
    sym_x = _sym_x(theme, role) if parent_sym_x is None else parent_sym_x + theme.body.pt
    mark = mark_width(style.symbol) + 0.5 if style.symbol else 0.0  # symbol + one 1타 gap
    text_x = sym_x + mark * style.pt
    return HangingIndent(sym_x, text_x, text_x - sym_x)


def child_indent(
    theme: Theme, role: Role, parent_role: SpacingBlock | None, parent: HangingIndent | None
) -> HangingIndent:
    """Indent of ``role`` under an item of ``parent_role`` whose geometry is ``parent``.

    Children of √ ▶ ① ※ and every ``child_of`` role (① ※ ▶) are placed relative to the
    parent; others (○ under □, - under ○ …) keep their ladder position.
    """
    relative = parent_role in RELATIVE_PARENTS or theme.levels.get(role).child_of is not None
    if parent is not None and relative:
        return indent(theme, role, parent.sym_x_pt)
    return indent(theme, role)
