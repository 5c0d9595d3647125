"""Named paragraph styles per role, the font table and the role → style-name map.

:data:`STYLE_NAMES` is the one place that says which Word style a role uses.  The styles carry
the theme's look (font in all four ``w:rFonts`` slots, size, bold, colour, exact line pitch,
alignment, default hanging indent); the body writer only adds what the layout decides per
paragraph (indent, space before, keep-with-next), so restyling a template in Word/Hancom
changes every paragraph of that role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal

from ...theme import ROLES, Role, Theme
from .. import units as u
from ..shared import STYLE_NAMES as SHARED_NAMES
from ..shared import font_kind
from .ooxml import Element, root, sub
from .props import JC, TabStop, ppr, rpr

__all__ = [
    "SPACER_STYLE",
    "STYLE_NAMES",
    "build_font_table",
    "build_styles",
    "style_id",
    "theme_fonts",
]


STYLE_NAMES: Mapping[Role, str] = MappingProxyType(
    {role: names.word for role, names in SHARED_NAMES.items()})
"""Role → Word paragraph style name (``L1`` → ``GR L1``, ``event_title`` → ``GR Event Title``,
the 목차 lines Word's own ``toc 1``/``toc 2``); see :data:`.shared.STYLE_NAMES`."""

SPACER_STYLE = "GR Spacer"
"""A 1-pt paragraph: space above tables, section ends, table separators."""


def style_id(name: str) -> str:
    """The ``w:styleId`` for a style name (``GR Event Title`` → ``GREventTitle``)."""
    if name.startswith("toc "):
        return "TOC" + name[4:]  # Word's built-in ids: TOC1, TOC2
    return re.sub(r"[^0-9A-Za-z]", "", name)


def font_family(font: str) -> str:
    """Word's ``w:family``: ``roman`` for 명조/바탕, ``swiss`` for 고딕/돋움/헤드라인,
    ``modern`` for fixed-pitch faces (:func:`~govreport.writers.shared.font_kind`)."""
    kind = font_kind(font)
    return "modern" if kind.fixed else "roman" if kind.serif else "swiss"


def theme_fonts(theme: Theme) -> list[str]:
    """Every font the theme uses (body first), without duplicates."""
    seen: dict[str, None] = {theme.body.font: None}
    for role in ROLES:
        seen.setdefault(theme.resolve(role).font, None)
    return list(seen)


def build_font_table(fonts: Iterable[str]) -> Element:
    """``word/fontTable.xml``: each font with Hangul charset 81 and its family (§10.2)."""
    ft = root("fonts")
    for name in fonts:
        f = sub(ft, "font", {"name": name})
        sub(f, "charset", {"val": "81"})
        sub(f, "family", {"val": font_family(name)})
        sub(f, "pitch", {"val": "fixed" if font_kind(name).fixed else "variable"})
    return ft


def _role_ppr(parent: Element, theme: Theme, role: Role) -> None:
    s = theme.resolve(role)
    ind = theme.indent(role)
    indent: tuple[int, int] | None = None
    if ind.text_x_pt or ind.hanging_pt:
        indent = (u.pt_to_twip(ind.text_x_pt), u.pt_to_twip(ind.hanging_pt))
    border = None
    if role == "part_heading" and theme.part_heading.style == "rule" and \
            theme.part_heading.rule_mm > 0:
        border = (u.mm_to_eighth_points(theme.part_heading.rule_mm),
                  theme.color(theme.part_heading.rule_color) or theme.colors.text)
    tabs: list[TabStop] = []
    if role in ("toc_part", "toc_item"):
        leader: Literal["dot", "none"] = "dot" if theme.toc.leader == "dots" else "none"
        tabs.append(("right", u.mm_to_twip(theme.page.text_width_mm), leader))
        if role == "toc_item":
            indent = (u.pt_to_twip(theme.toc.item_indent_em * theme.body.pt), 0)
    ppr(parent, keep_next=s.keep_with_next, border_bottom=border,
        tabs=tabs,
        word_wrap_off=theme.layout.korean_break == "char", typography=True,
        before=0, after=0, line=u.exact_line_twip(s.pt, s.line_pct), ind=indent, jc=JC[s.align])


def _role_rpr(parent: Element, theme: Theme, role: Role) -> None:
    s = theme.resolve(role)
    width = u.round_half_up(s.width_pct)
    spacing = u.letter_spacing_twip(s.pt, s.letter_spacing_pct)
    rpr(parent, font=s.font, bold=s.bold, color=s.color, spacing=spacing or None,
        width_pct=width if width != 100 else None, size_hp=u.pt_to_half_points(s.pt), lang=True)


def _style(parent: Element, name: str, *, based_on: str | None = "Normal",
           default: bool = False, ui_priority: int | None = None) -> Element:
    attrs: dict[str, str | int] = {"type": "paragraph", "styleId": style_id(name)}
    if default:
        attrs["default"] = 1
    st = sub(parent, "style", attrs)
    sub(st, "name", {"val": name})
    if based_on:
        sub(st, "basedOn", {"val": style_id(based_on)})
    sub(st, "next", {"val": style_id(name)})
    if ui_priority is not None:
        sub(st, "uiPriority", {"val": ui_priority})
    sub(st, "qFormat")
    return st


def role_style(parent: Element, theme: Theme, role: Role) -> Element:
    """Append the ``w:style`` of one role."""
    st = _style(parent, STYLE_NAMES[role], ui_priority=39 if role.startswith("toc_") else None)
    _role_ppr(st, theme, role)
    _role_rpr(st, theme, role)
    return st


def build_styles(theme: Theme) -> Element:
    """``word/styles.xml``: defaults (body font, ko-KR, exact spacing) and one style per role."""
    b = theme.body
    size = u.pt_to_half_points(b.pt)
    line = u.exact_line_twip(b.pt, b.line_pct)
    styles = root("styles")
    dd = sub(styles, "docDefaults")
    rpr(sub(dd, "rPrDefault"), font=b.font, size_hp=size, lang=True)
    ppr(sub(dd, "pPrDefault"), typography=True, before=0, after=0, line=line)

    normal = _style(styles, "Normal", based_on=None, default=True)
    ppr(normal, word_wrap_off=theme.layout.korean_break == "char", typography=True,
        before=0, after=0, line=line, jc=JC[b.align])
    rpr(normal, font=b.font, color=theme.colors.text, size_hp=size, lang=True)

    cs = sub(styles, "style", {"type": "character", "default": 1,
                               "styleId": "DefaultParagraphFont"})
    sub(cs, "name", {"val": "Default Paragraph Font"})
    sub(cs, "uiPriority", {"val": 1})
    sub(cs, "semiHidden")
    sub(cs, "unhideWhenUsed")
    ts = sub(styles, "style", {"type": "table", "default": 1, "styleId": "TableNormal"})
    sub(ts, "name", {"val": "Normal Table"})
    sub(ts, "uiPriority", {"val": 99})
    sub(ts, "semiHidden")
    sub(ts, "unhideWhenUsed")
    tp = sub(ts, "tblPr")
    sub(tp, "tblInd", {"w": 0, "type": "dxa"})
    mar = sub(tp, "tblCellMar")
    for side, v in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        sub(mar, side, {"w": v, "type": "dxa"})
    ns = sub(styles, "style", {"type": "numbering", "default": 1, "styleId": "NoList"})
    sub(ns, "name", {"val": "No List"})
    sub(ns, "uiPriority", {"val": 99})
    sub(ns, "semiHidden")
    sub(ns, "unhideWhenUsed")

    for role in ROLES:
        role_style(styles, theme, role)
    spacer = _style(styles, SPACER_STYLE)
    ppr(spacer, typography=True, before=0, after=0, line=20)
    rpr(spacer, size_hp=2)
    return styles
