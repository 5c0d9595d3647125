"""Paragraph and run property blocks (``w:pPr``, ``w:rPr``) in schema order.

Used both for the named styles of the template and for direct formatting in the body, so the
two always agree on element order and units (values arrive in twips / half-points already).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .ooxml import Element, hex_color, sub

JC = {"left": "left", "center": "center", "right": "right", "justify": "both",
      "distribute": "distribute"}  # fmt: skip
"""Theme/layout alignment → ``w:jc`` value."""

TabStop = tuple[Literal["left", "right", "center"], int, Literal["dot", "none"]]


def ppr(
    parent: Element,
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
    ind: tuple[int, int] | None = None,
    ind_right: int | None = None,
    jc: str | None = None,
    outline: int | None = None,
    mark_size_hp: int | None = None,
) -> Element:
    """Append a ``w:pPr``.

    ``typography`` adds ``autoSpaceDE/DN 0`` and ``snapToGrid 0`` (FORMAT §10.2);
    ``line`` is an exact line pitch in twips; ``ind`` is ``(left, hanging)`` in twips;
    ``border_bottom`` is ``(eighth-points, "#RRGGBB")``, ``border_box`` a frame on all four
    sides ``(eighth-points, "#RRGGBB", distance pt)``; ``ind_right`` a right indent (twips);
    ``outline`` is 0-based.
    """
    pp = sub(parent, "pPr")
    if style_id:
        sub(pp, "pStyle", {"val": style_id})
    if keep_next:
        sub(pp, "keepNext")
    if page_break_before:
        sub(pp, "pageBreakBefore")
    if border_box is not None:
        bdr = sub(pp, "pBdr")
        size, color, space = border_box
        for side in ("top", "left", "bottom", "right"):
            sub(bdr, side, {"val": "single", "sz": size, "space": space,
                            "color": hex_color(color)})
    elif border_bottom is not None:
        bdr = sub(pp, "pBdr")
        sub(bdr, "bottom", {"val": "single", "sz": border_bottom[0], "space": 4,
                            "color": hex_color(border_bottom[1])})
    if tabs:
        ts = sub(pp, "tabs")
        for kind, pos, leader in tabs:
            attrs: dict[str, str | int] = {"val": kind, "pos": pos}
            if leader != "none":
                attrs["leader"] = leader
            sub(ts, "tab", attrs)
    if word_wrap_off:
        sub(pp, "wordWrap", {"val": 0})
    if typography:
        sub(pp, "autoSpaceDE", {"val": 0})
        sub(pp, "autoSpaceDN", {"val": 0})
        sub(pp, "snapToGrid", {"val": 0})
    if before is not None or after is not None or line is not None:
        sp: dict[str, str | int] = {}
        if before is not None:
            sp["before"] = before
        if after is not None:
            sp["after"] = after
        if line is not None:
            sp["line"] = line
            sp["lineRule"] = "exact"
        sub(pp, "spacing", sp)
    if ind is not None or ind_right is not None:
        left, hanging = ind if ind is not None else (None, 0)
        ia: dict[str, str | int] = {} if left is None else {"left": left}
        if ind_right is not None:
            ia["right"] = ind_right
        if left is not None:
            ia.update({"hanging": hanging} if hanging else {"firstLine": 0})
        sub(pp, "ind", ia)
    if jc is not None:
        sub(pp, "jc", {"val": jc})
    if outline is not None:
        sub(pp, "outlineLvl", {"val": outline})
    if mark_size_hp is not None:
        mr = sub(pp, "rPr")
        sub(mr, "sz", {"val": mark_size_hp})
        sub(mr, "szCs", {"val": mark_size_hp})
    return pp


def rpr(
    parent: Element,
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
) -> Element | None:
    """Append a ``w:rPr`` when any property is set (returns it, else ``None``).

    ``font`` goes to all four ``w:rFonts`` slots; ``hint`` adds ``w:hint="eastAsia"`` so
    ambiguous-width symbols (□ ○ ※ ▶ √ · ①) take the Korean face at full width.
    ``spacing`` (자간, twips) and ``width_pct`` (장평, ``w:w``) are written whenever given,
    ``0`` and ``100`` included (they may override a style's value).
    """
    if not (font or hint or bold is not None or color or spacing is not None
            or width_pct is not None or size_hp or superscript or lang):
        return None
    rp = sub(parent, "rPr")
    if font or hint:
        fa: dict[str, str | int] = {}
        if font:
            fa = {"ascii": font, "hAnsi": font, "eastAsia": font, "cs": font}
        if hint:
            fa["hint"] = "eastAsia"
        sub(rp, "rFonts", fa)
    if bold is not None:
        flag: dict[str, str | int] | None = None if bold else {"val": 0}
        sub(rp, "b", flag)
        sub(rp, "bCs", flag)
    if color:
        sub(rp, "color", {"val": hex_color(color)})
    if spacing is not None:
        sub(rp, "spacing", {"val": spacing})
    if width_pct is not None:
        sub(rp, "w", {"val": width_pct})
    if size_hp:
        sub(rp, "sz", {"val": size_hp})
        sub(rp, "szCs", {"val": size_hp})
    if superscript:
        sub(rp, "vertAlign", {"val": "superscript"})
    if lang:
        sub(rp, "lang", {"val": "en-US", "eastAsia": "ko-KR", "bidi": "ar-SA"})
    return rp
