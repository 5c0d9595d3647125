"""WordprocessingML as strings: escaping and the ``w:pPr``/``w:rPr`` property blocks.

The body is written as a list of string pieces joined once (as the HWPX section), which is
several times faster than building an element tree of thousands of elements.  Every text
and attribute value goes through :func:`esc`/:func:`attr` exactly once.  The property
blocks are cached per distinct set of values: a report repeats a few dozen of them.

:func:`ppr_xml` and :func:`rpr_xml` are the only writers of these blocks: the body's direct
formatting and the named styles of ``word/styles.xml`` (:mod:`.styles`) both come from them,
so a paragraph and its style agree on child order (the ECMA-376 schema sequences — Word
rejects a ``w:pPr``/``w:rPr`` whose children are out of order) and units (values arrive in
twips / half-points already).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from .. import xmltext
from .ooxml import hex_color

__all__ = ["JC", "TabStop", "attr", "esc", "ppr_xml", "rpr_xml", "text_xml"]

JC = {"left": "left", "center": "center", "right": "right", "justify": "both",
      "distribute": "distribute"}  # fmt: skip
"""Theme/layout alignment → ``w:jc`` value."""

TabStop = tuple[Literal["left", "right", "center"], int, Literal["dot", "none"]]
"""A tab stop: kind, position (twips), leader."""

# Characters dropped from Word text: what XML 1.0 cannot carry, and carriage returns.
_BAD = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SPLIT = re.compile(r"(\t|\n)")


def esc(text: str) -> str:
    """Escape character data (``&``, ``<``, ``>``) and drop characters XML cannot hold
    (carriage returns too)."""
    return xmltext.esc(text, _BAD)


def attr(text: str) -> str:
    """Escape an attribute value (also ``"``)."""
    return xmltext.attr(text, _BAD)


def _t(piece: str) -> str:
    if piece[0] == " " or piece[-1] == " ":
        return f'<w:t xml:space="preserve">{esc(piece)}</w:t>'
    return f"<w:t>{esc(piece)}</w:t>"


def text_xml(text: str) -> str:
    """The content of a run holding ``text``: ``\\t`` → ``w:tab``, ``\\n`` → ``w:br``;
    other control characters are dropped."""
    text = _BAD.sub("", text)
    if "\t" not in text and "\n" not in text:
        return _t(text) if text else ""
    out: list[str] = []
    for piece in _SPLIT.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


@lru_cache(maxsize=4096)
def ppr_xml(
    *,
    style_id: str | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    border_bottom: tuple[int, str] | None = None,
    border_box: tuple[int, str, int] | None = None,
    tabs: Sequence[TabStop] = (),
    word_wrap_off: bool = False,
    typography: bool = False,
    before: int | None = None,
    after: int | None = None,
    line: int | None = None,
    line_auto: bool = False,
    ind: tuple[int, int] | None = None,
    ind_right: int | None = None,
    jc: str | None = None,
    outline: int | None = None,
    mark_size_hp: int | None = None,
) -> str:
    """A ``w:pPr`` (cached per distinct arguments; ``tabs`` must then be a tuple).

    ``border_bottom`` is a rule under the paragraph ``(eighth-points, "#RRGGBB")``,
    ``border_box`` a frame on all four sides ``(eighth-points, "#RRGGBB", distance pt)``
    (it wins over ``border_bottom``); ``word_wrap_off`` lets Korean text break between any
    two characters; ``typography`` adds ``autoSpaceDE/DN 0`` and ``snapToGrid 0``
    (FORMAT §10.2); ``line`` is an exact pitch in twips, ``line_auto`` a single (auto) pitch
    of 240; ``ind`` is ``(left, hanging)`` in twips (hanging 0 → ``firstLine 0``),
    ``ind_right`` a right indent; ``outline`` is 0-based; ``mark_size_hp`` sizes the
    paragraph mark (half-points).
    """
    out = ["<w:pPr>"]
    if style_id:
        out.append(f'<w:pStyle w:val="{attr(style_id)}"/>')
    if keep_next:
        out.append("<w:keepNext/>")
    if page_break_before:
        out.append("<w:pageBreakBefore/>")
    if border_box is not None:
        size, color, space = border_box
        c = hex_color(color)
        out.append("<w:pBdr>")
        out.extend(f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{c}"/>'
                   for side in ("top", "left", "bottom", "right"))
        out.append("</w:pBdr>")
    elif border_bottom is not None:
        out.append(f'<w:pBdr><w:bottom w:val="single" w:sz="{border_bottom[0]}" w:space="4" '
                   f'w:color="{hex_color(border_bottom[1])}"/></w:pBdr>')
    if tabs:
        out.append("<w:tabs>")
        for kind, pos, leader in tabs:
            lead = f' w:leader="{leader}"' if leader != "none" else ""
            out.append(f'<w:tab w:val="{kind}" w:pos="{pos}"{lead}/>')
        out.append("</w:tabs>")
    if word_wrap_off:
        out.append('<w:wordWrap w:val="0"/>')
    if typography:
        out.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
                   '<w:snapToGrid w:val="0"/>')
    if before is not None or after is not None or line is not None or line_auto:
        sp = ["<w:spacing"]
        if before is not None:
            sp.append(f' w:before="{before}"')
        if after is not None:
            sp.append(f' w:after="{after}"')
        if line is not None:
            sp.append(f' w:line="{line}" w:lineRule="exact"')
        elif line_auto:
            sp.append(' w:line="240" w:lineRule="auto"')
        sp.append("/>")
        out.append("".join(sp))
    if ind is not None or ind_right is not None:
        ia = ["<w:ind"]
        if ind is not None:
            ia.append(f' w:left="{ind[0]}"')
        if ind_right is not None:
            ia.append(f' w:right="{ind_right}"')
        if ind is not None:
            ia.append(f' w:hanging="{ind[1]}"' if ind[1] else ' w:firstLine="0"')
        ia.append("/>")
        out.append("".join(ia))
    if jc is not None:
        out.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        out.append(f'<w:outlineLvl w:val="{outline}"/>')
    if mark_size_hp is not None:
        out.append(f'<w:rPr><w:sz w:val="{mark_size_hp}"/><w:szCs w:val="{mark_size_hp}"/>'
                   "</w:rPr>")
    out.append("</w:pPr>")
    return "".join(out)


@lru_cache(maxsize=4096)
def rpr_xml(
    *,
    font: str | None = None,
    hint: bool = False,
    bold: bool | None = None,
    color: str | None = None,
    spacing: int | None = None,
    width_pct: int | None = None,
    size_hp: int | None = None,
    superscript: bool = False,
    lang: bool = False,
) -> str:
    """A ``w:rPr``, or ``""`` when nothing is set (cached per distinct arguments).

    ``font`` goes to all four ``w:rFonts`` slots; ``hint`` adds ``w:hint="eastAsia"`` so
    ambiguous-width symbols (□ ○ ※ ▶ √ · ①) take the Korean face at full width.
    ``spacing`` (자간, twips) and ``width_pct`` (장평, ``w:w``) are written whenever given,
    ``0`` and ``100`` included (they may override a style's value); ``lang`` marks the
    text en-US / ko-KR / ar-SA (Latin / East-Asian / complex script).
    """
    if not (font or hint or bold is not None or color or spacing is not None
            or width_pct is not None or size_hp or superscript or lang):
        return ""
    out = ["<w:rPr>"]
    if font or hint:
        fa = ["<w:rFonts"]
        if font:
            f = attr(font)
            fa.append(f' w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"')
        if hint:
            fa.append(' w:hint="eastAsia"')
        fa.append("/>")
        out.append("".join(fa))
    if bold is not None:
        out.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if color:
        out.append(f'<w:color w:val="{attr(hex_color(color))}"/>')
    if spacing is not None:
        out.append(f'<w:spacing w:val="{spacing}"/>')
    if width_pct is not None:
        out.append(f'<w:w w:val="{width_pct}"/>')
    if size_hp:
        out.append(f'<w:sz w:val="{size_hp}"/><w:szCs w:val="{size_hp}"/>')
    if superscript:
        out.append('<w:vertAlign w:val="superscript"/>')
    if lang:
        out.append('<w:lang w:val="en-US" w:eastAsia="ko-KR" w:bidi="ar-SA"/>')
    out.append("</w:rPr>")
    return "".join(out)
