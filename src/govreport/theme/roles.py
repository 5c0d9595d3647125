"""The theme's vocabulary: role names (the style keys writers ask for), spacing blocks,
indent ladders, alignments, colour tokens, and the theme's errors.

A leaf module: the theme classes, the indent and spacing rules and the theme files all
build on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, get_args

from govreport.support.errors import GovReportError

__all__ = [
    "BLOCKS",
    "COLOR_TOKENS",
    "LADDERS",
    "ROLES",
    "Align",
    "FieldValueError",
    "Ladder",
    "PseudoRole",
    "Role",
    "SpacingBlock",
    "ThemeError",
]


class ThemeError(GovReportError, ValueError):
    """An invalid theme file, key, value or override; the message names the key path."""


class FieldValueError(ValueError):
    """A field validator's complaint; the loader prefixes the path of the containing group."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


# --------------------------------------------------------------------------- vocabulary

Role = Literal[
    "L1", "L2", "L3", "L4",
    "event_title", "event_field", "event_sub", "enum",
    "note", "note_table", "footnote", "lead", "paragraph", "subcaption",
    "category", "summary", "overview",
    "chip_number", "chip_title", "task_number", "task_title", "unit_caption",
    "part_heading",
    "cover_title", "cover_date", "cover_org", "cover_audience",
    "toc_heading", "toc_part", "toc_item",
    "table_head", "table_body", "table_note",
    "title_box", "byline", "appendix_label", "appendix_title", "page_number",
]  # fmt: skip
"""Canonical role names: the style keys the DOCX and HWPX writers ask the theme for."""

ROLES: tuple[Role, ...] = get_args(Role)

PseudoRole = Literal["table", "box", "chip"]
"""Block kinds without a text role, used only for vertical-spacing transitions."""

SpacingBlock = Role | PseudoRole
BLOCKS: tuple[str, ...] = (*ROLES, *get_args(PseudoRole))

Ladder = Literal["observed", "gov2ta"]
LADDERS: Mapping[Ladder, Mapping[Role, float]] = MappingProxyType(
    {
        "observed": MappingProxyType({"L1": 0.0, "L2": 1.0, "L3": 3.0, "L4": 5.0}),
        "gov2ta": MappingProxyType({"L1": 0.0, "L2": 2.0, "L3": 4.0, "L4": 6.0}),
    }
)
"""Lead of L1–L4 in half-spaces (1타 = 0.5 body em) for each ladder (§3, §3.1)."""

Align = Literal["justify", "left", "center", "right", "distribute"]

COLOR_TOKENS: tuple[str, ...] = (
    "text", "accent", "table_head_fill", "summary_fill", "total_fill",
)  # fmt: skip
"""Names of :class:`Colors` fields; colour options elsewhere may name one instead of a hex."""
