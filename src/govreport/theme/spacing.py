"""Vertical rhythm of FORMAT.md §3.2: space before a block from the (prev, next) transition.

Blocks are :data:`~govreport.theme.roles.Role` names plus the pseudo-roles ``table`` (any
table; ``table_head``/``table_body`` count as ``table``), ``box`` (overview or other boxes) and
``chip`` (number chip / task headline; ``chip_*``, ``task_*`` and ``unit_caption`` count as
``chip``).  ``prev=None`` means the top of a page or document (→ 0).  Space after is always 0.

Rules, first match wins (field names of :class:`~govreport.theme.model.Spacing`):

========================================  =============================================
``spacing.pairs['prev>next']``            explicit override (``prev>*``, ``*>next`` too)
cover / TOC heading / title box / page no. 0 (positioned by their own options)
→ part heading, → appendix                0 with a page break, else ``part_heading``
→ TOC line                                ``toc_after_heading`` after the heading, else 0
part heading →                            ``part_heading_after`` (18)
chip →                                    ``after_chip`` (6)
title box / by-line →                     ``byline`` before the by-line, else ``after_title_block``
summary → □ / summary → other             ``L1_after_summary`` (14) / ``after_summary`` (14)
table → ※ / * note                        ``note_after_table`` (4)
→ □                                       ``L1`` (16)
→ chip                                    ``chip``
table → anything else                     ``after_table`` (12)
□ → ○ / → ○                               ``L2_after_L1`` (8) / ``L2`` (10)
○ → - / → -                               ``L3_after_L2`` (6) / ``L3`` (4)
caption → table, □ → table, → table       ``table_after_caption`` / ``table_after_L1`` / ``table``
→ box, → summary                          ``box``
→ ※ under a table (not after it)          ``note``
→ role with its own field                 that field (``L4``, ``event_title``, ``enum`` …)
anything else                             0
========================================  =============================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .roles import BLOCKS, SpacingBlock, ThemeError

if TYPE_CHECKING:
    from .model import Theme

__all__ = ["normalize_block", "space_before"]

_CHIP = frozenset({"chip", "chip_number", "chip_title", "task_number", "task_title",
                   "unit_caption"})  # fmt: skip
_TABLE = frozenset({"table", "table_head", "table_body"})
_BOX = frozenset({"box", "overview"})
_CAPTION = frozenset({"subcaption", "table_note"})
_NOTES = frozenset({"note", "note_table", "footnote"})
_NO_SPACE = frozenset({"cover_title", "cover_date", "cover_org", "cover_audience",
                       "toc_heading", "title_box", "page_number"})  # fmt: skip
_TOC_LINES = frozenset({"toc_part", "toc_item"})
_APPENDIX = frozenset({"appendix_label", "appendix_title"})
_TITLE_BLOCK = frozenset({"title_box", "byline"})
_OWN_FIELD = ("L4", "event_title", "event_field", "event_sub", "enum", "note", "footnote",
              "lead", "paragraph", "subcaption", "category")  # fmt: skip


def normalize_block(block: str) -> str:
    """Map a role to the block kind used for spacing (``chip_title`` → ``chip`` …)."""
    if block not in BLOCKS:
        raise ThemeError(f"unknown block {block!r}; use a role or one of table, box, chip")
    if block in _CHIP:
        return "chip"
    if block in _TABLE:
        return "table"
    if block in _BOX:
        return "box"
    return block


def _pair(theme: Theme, prev: str, nxt: str) -> float | None:
    pairs = theme.spacing.pairs
    for key in (f"{prev}>{nxt}", f"{prev}>*", f"*>{nxt}"):
        if key in pairs:
            return float(pairs[key])
    return None


def space_before(theme: Theme, prev_role: SpacingBlock | None, next_role: SpacingBlock) -> float:
    """Space in pt to put before ``next_role`` when it follows ``prev_role``."""
    nxt_raw = next_role
    nxt = normalize_block(next_role)
    if prev_role is None:
        return 0.0
    prev_raw = prev_role
    prev = normalize_block(prev_role)
    sp = theme.spacing

    for p, n in ((prev_raw, nxt_raw), (prev, nxt)):
        explicit = _pair(theme, p, n)
        if explicit is not None:
            return explicit

    if nxt in _NO_SPACE:
        return 0.0
    if nxt == "part_heading":
        return 0.0 if theme.part_heading.page_break_before else sp.part_heading
    if nxt in _APPENDIX:
        return 0.0 if theme.appendix.page_break_before else sp.part_heading
    if nxt in _TOC_LINES:
        return sp.toc_after_heading if prev == "toc_heading" else 0.0
    if prev == "part_heading":
        return sp.part_heading_after
    if prev == "chip":
        return 0.0 if nxt == "chip" else sp.after_chip
    if prev in _TITLE_BLOCK:
        return sp.byline if nxt == "byline" else sp.after_title_block
    if prev == "summary":
        return sp.L1_after_summary if nxt == "L1" else sp.after_summary
    if prev == "table" and nxt in _NOTES:
        return sp.note_after_table
    if nxt == "L1":
        return sp.L1
    if nxt == "chip":
        return sp.chip
    if prev == "table":
        return sp.after_table
    if nxt == "L2":
        return sp.L2_after_L1 if prev == "L1" else sp.L2
    if nxt == "L3":
        return sp.L3_after_L2 if prev == "L2" else sp.L3
    if nxt == "table" or nxt == "table_note":
        if nxt == "table" and prev in _CAPTION:
            return sp.table_after_caption
        return sp.table_after_L1 if prev == "L1" else sp.table
    if nxt in ("box", "summary"):
        return sp.box
    if nxt == "note_table":
        return sp.note
    if nxt in _OWN_FIELD:
        value: float = getattr(sp, nxt)
        return value
    return 0.0
