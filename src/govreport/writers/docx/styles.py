"""Named paragraph styles per role, the font table and the role → style-name map.

:data:`STYLE_NAMES` is the one place that says which Word style a role uses.  The styles carry
the theme's look (font in all four ``w:rFonts`` slots, size, bold, colour, exact line pitch,
alignment, default hanging indent); the body writer only adds what the layout decides per
paragraph (indent, space before, keep-with-next), so restyling a template in Word/Hancom
changes every paragraph of that role.

The styles are written as strings with the body's own property writers
(:func:`.wml.ppr_xml`, :func:`.wml.rpr_xml`): a style and a paragraph of the body cannot
disagree on element order or units.
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
from .ooxml import R_NS, W_NS, Element, root, sub
from .wml import JC, TabStop, attr, ppr_xml, rpr_xml

__all__ = [
    "SPACER_STYLE",
    "STYLE_NAMES",
    "build_font_table",
    "role_style_xml",
    "spacer_style_xml",
    "style_id",
    "styles_xml",
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


def _role_ppr(theme: Theme, role: Role) -> str:
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
    tabs: tuple[TabStop, ...] = ()
    if role in ("toc_part", "toc_item"):
        leader: Literal["dot", "none"] = "dot" if theme.toc.leader == "dots" else "none"
        tabs = (("right", u.mm_to_twip(theme.page.text_width_mm), leader),)
        if role == "toc_item":
            indent = (u.pt_to_twip(theme.toc.item_indent_em * theme.body.pt), 0)
    return ppr_xml(keep_next=s.keep_with_next, border_bottom=border, tabs=tabs,
                   word_wrap_off=theme.layout.korean_break == "char", typography=True,
                   before=0, after=0, line=u.exact_line_twip(s.pt, s.line_pct), ind=indent,
                   jc=JC[s.align])


def _role_rpr(theme: Theme, role: Role) -> str:
    s = theme.resolve(role)
    width = u.round_half_up(s.width_pct)
    spacing = u.letter_spacing_twip(s.pt, s.letter_spacing_pct)
    return rpr_xml(font=s.font, bold=s.bold, color=s.color, spacing=spacing or None,
                   width_pct=width if width != 100 else None, size_hp=u.pt_to_half_points(s.pt),
                   lang=True)


def _style(name: str, props: str, *, based_on: str | None = "Normal", default: bool = False,
           ui_priority: int | None = None) -> str:
    """A paragraph ``w:style`` named ``name`` holding the ``props`` blocks."""
    sid = attr(style_id(name))
    flag = ' w:default="1"' if default else ""
    out = [f'<w:style w:type="paragraph" w:styleId="{sid}"{flag}><w:name w:val="{attr(name)}"/>']
    if based_on:
        out.append(f'<w:basedOn w:val="{attr(style_id(based_on))}"/>')
    out.append(f'<w:next w:val="{sid}"/>')
    if ui_priority is not None:
        out.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    out.append(f"<w:qFormat/>{props}</w:style>")
    return "".join(out)


def role_style_xml(theme: Theme, role: Role) -> str:
    """The ``w:style`` of one role (pPr and rPr as the body writes them)."""
    return _style(STYLE_NAMES[role], _role_ppr(theme, role) + _role_rpr(theme, role),
                  ui_priority=39 if role.startswith("toc_") else None)


def spacer_style_xml() -> str:
    """The ``w:style`` of :data:`SPACER_STYLE`: a 1-pt paragraph."""
    return _style(SPACER_STYLE, ppr_xml(typography=True, before=0, after=0, line=20)
                  + rpr_xml(size_hp=2))


_FIXED_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
    '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
    '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
    '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
)
"""Word's default character, table (no indent, 108-twip side margins) and list styles."""


def styles_xml(theme: Theme) -> str:
    """``word/styles.xml`` (the root element): defaults (body font, ko-KR, exact spacing),
    ``Normal``, Word's default styles, one style per role and the spacer."""
    b = theme.body
    size = u.pt_to_half_points(b.pt)
    line = u.exact_line_twip(b.pt, b.line_pct)
    normal = (ppr_xml(word_wrap_off=theme.layout.korean_break == "char", typography=True,
                      before=0, after=0, line=line, jc=JC[b.align])
              + rpr_xml(font=b.font, color=theme.colors.text, size_hp=size, lang=True))
    return "".join([
        f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:docDefaults><w:rPrDefault>',
        rpr_xml(font=b.font, size_hp=size, lang=True),
        "</w:rPrDefault><w:pPrDefault>",
        ppr_xml(typography=True, before=0, after=0, line=line),
        "</w:pPrDefault></w:docDefaults>",
        _style("Normal", normal, based_on=None, default=True),
        _FIXED_STYLES,
        *(role_style_xml(theme, role) for role in ROLES),
        spacer_style_xml(),
        "</w:styles>",
    ])
