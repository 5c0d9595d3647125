"""Report themes: fonts, sizes, symbols, indents, spacing, colours and box geometry.

Writers ask the theme, never hard-code a look::

    theme = Theme.seoul()                        # or Theme.central(), Theme.load("my.toml")
    style = theme.resolve("L2")                  # font, pt, bold, colour, line %, align …
    ind = theme.indent("L2")                     # sym_x_pt / text_x_pt / hanging_pt
    gap = theme.space_before("L1", "L2")         # pt before the ○ after a □
    theme = theme.override({"levels.L2.symbol": "ㅇ", "body.pt": 14})

Lengths are pt and mm (:mod:`govreport.theme.units`); what Word and Hancom store (twip,
HWPUNIT, half-points, EMU …) is converted by the writers (:mod:`govreport.writers.units`).
"""

from __future__ import annotations

from . import units
from .indent import MARK_WIDTHS, RELATIVE_PARENTS, HangingIndent, child_indent, indent, mark_width
from .io import available_profiles, save_theme
from .model import (
    AppendixOptions,
    Body,
    CategoryTagOptions,
    Chip,
    Colors,
    CoverOptions,
    DateOptions,
    EventOptions,
    Fitting,
    LayoutOptions,
    Levels,
    Lines,
    Margins,
    NumberingOptions,
    NumberOptions,
    OverviewBox,
    PageNumber,
    PageSetup,
    PartHeading,
    ResolvedStyle,
    RoleStyle,
    Spacing,
    SummaryBox,
    TableStyle,
    Theme,
    TitleBox,
    TocOptions,
)
from .profiles import load_profile, load_theme, resolve_theme
from .roles import (
    BLOCKS,
    COLOR_TOKENS,
    LADDERS,
    ROLES,
    Align,
    Ladder,
    PseudoRole,
    Role,
    SpacingBlock,
    ThemeError,
)
from .spacing import space_before

__all__ = [
    "BLOCKS",
    "COLOR_TOKENS",
    "LADDERS",
    "MARK_WIDTHS",
    "RELATIVE_PARENTS",
    "ROLES",
    "Align",
    "AppendixOptions",
    "Body",
    "CategoryTagOptions",
    "Chip",
    "Colors",
    "CoverOptions",
    "DateOptions",
    "EventOptions",
    "Fitting",
    "HangingIndent",
    "Ladder",
    "LayoutOptions",
    "Levels",
    "Lines",
    "Margins",
    "NumberOptions",
    "NumberingOptions",
    "OverviewBox",
    "PageNumber",
    "PageSetup",
    "PartHeading",
    "PseudoRole",
    "ResolvedStyle",
    "Role",
    "RoleStyle",
    "Spacing",
    "SpacingBlock",
    "SummaryBox",
    "TableStyle",
    "Theme",
    "ThemeError",
    "TitleBox",
    "TocOptions",
    "available_profiles",
    "child_indent",
    "indent",
    "load_profile",
    "load_theme",
    "mark_width",
    "resolve_theme",
    "save_theme",
    "space_before",
    "units",
]
