"""The named styles of the DOCX (``word/styles.xml``) carry the theme's look — in the built-in
template, and in a user's template whose missing styles are added from the theme — and every
paragraph/run property block, of the styles and of the body alike, is in the order Word
requires (one writer makes both)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from lxml import etree

import govreport
from govreport.layout import layout
from govreport.theme import ROLES, Role, Theme
from govreport.writers.docx import STYLE_NAMES, build_template, write_docx

ROOT = Path(__file__).parents[1]
SEED = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
TWIP = 635  # EMU per twip (python-docx lengths are EMU)
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
         "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE}

# ECMA-376 Part 1 §17.3.1.26 (CT_PPrBase + rPr/sectPr/pPrChange), §17.3.2.28 (EG_RPrBase),
# §17.3.1.24 (pBdr): Word refuses a file whose children break these sequences.
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"
]
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath", "rPrChange"
]
PBDR_ORDER = [
    "top", "left", "bottom", "right", "between", "bar"
]

THEMES = {
    "seoul": Theme.seoul(),
    "central": Theme.central(),
    "restyled-theme": Theme.seoul().override({
        "body.pt": 14, "body.font": "함초롬바탕", "levels.L1.width_pct": 95,
        "levels.L2.letter_spacing_pct": -5, "layout.korean_break": "char",
        "toc.leader": "none"}),
}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _styles_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/styles.xml")


def _twips(length: int | None) -> int | None:
    return None if length is None else round(length / TWIP)


def _assert_theme_look(data: bytes, theme: Theme, roles: tuple[Role, ...] = ROLES) -> None:
    """Each role's named style has the theme's font, size, weight, colour, 자간/장평, line
    pitch, alignment, hanging indent and Korean line breaking, read by python-docx."""
    styles = Document(io.BytesIO(data)).styles
    for role in roles:
        s = theme.resolve(role)
        st = styles[STYLE_NAMES[role]]
        el = st.element
        fonts = el.find("w:rPr/w:rFonts", NS)
        assert {fonts.get(_w(k)) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {s.font}, role
        assert st.font.size == Pt(round(s.pt * 2) / 2), role
        assert st.font.bold is s.bold, role
        assert st.font.color.rgb == RGBColor.from_string(s.color.lstrip("#").upper()), role
        spacing = el.find("w:rPr/w:spacing", NS)
        letter = round(s.pt * s.letter_spacing_pct / 100 * 20)
        assert (int(spacing.get(_w("val"))) if spacing is not None else 0) == letter, role
        width = el.find("w:rPr/w:w", NS)
        assert (int(width.get(_w("val"))) if width is not None else 100) == round(s.width_pct)
        assert el.find("w:rPr/w:lang", NS).get(_w("eastAsia")) == "ko-KR", role
        pf = st.paragraph_format
        assert _twips(pf.line_spacing) == round(s.line_height_pt * 20), role
        assert pf.alignment == ALIGN[s.align], role
        assert pf.keep_with_next is (True if s.keep_with_next else None), role
        ind = theme.indent(role)
        if role == "toc_item":
            assert _twips(pf.left_indent) == round(theme.toc.item_indent_em * theme.body.pt * 20)
        elif role != "toc_part" and (ind.text_x_pt or ind.hanging_pt):
            assert _twips(pf.left_indent) == round(ind.text_x_pt * 20), role
            assert _twips(pf.first_line_indent) == -round(ind.hanging_pt * 20), role
        wrap = el.find("w:pPr/w:wordWrap", NS)
        assert (wrap is not None) == (theme.layout.korean_break == "char"), role


@pytest.mark.parametrize("name", THEMES)
def test_built_in_template_styles_carry_the_theme(name: str) -> None:
    theme = THEMES[name]
    data = build_template(theme)
    _assert_theme_look(data, theme)
    normal = Document(io.BytesIO(data)).styles["Normal"]
    assert normal.font.name == theme.body.font
    assert normal.font.size == Pt(theme.body.pt)
    # the 목차 lines: a right tab at the text width, dotted or not as the theme says
    for role in ("toc_part", "toc_item"):
        tab = Document(io.BytesIO(data)).styles[STYLE_NAMES[role]].element.find(
            "w:pPr/w:tabs/w:tab", NS)
        assert tab.get(_w("val")) == "right"
        assert int(tab.get(_w("pos"))) == round(theme.page.text_width_mm / 25.4 * 72 * 20)
        assert tab.get(_w("leader")) == ("dot" if theme.toc.leader == "dots" else None)


def _without_role_styles(theme: Theme, tmp_path: Path) -> Path:
    """The built-in template of ``theme`` with every ``GR …``/``toc N`` style removed."""
    tpl = Document(io.BytesIO(build_template(theme)))
    for st in list(tpl.styles):
        name = st.name or ""
        if name.startswith(("GR ", "toc ")):
            tpl.styles.element.remove(st.element)
    path = tmp_path / "no-role-styles.docx"
    tpl.save(str(path))
    return path


@pytest.mark.parametrize("name", ["central", "restyled-theme"])
def test_styles_missing_from_a_template_come_from_the_theme(name: str,
                                                            tmp_path: Path) -> None:
    theme = THEMES[name]
    # the template was made with another theme and lost its role styles
    path = _without_role_styles(Theme.seoul(), tmp_path)
    laid = layout(govreport.load(SEED), theme)
    data = write_docx(laid, theme, template=path)
    _assert_theme_look(data, theme)
    xml = _styles_xml(data)
    # added into the template's own tree: one namespace declaration, no stray copies
    assert xml.count(b"xmlns:w=") == 1
    # and each added style is the built-in template's style of that theme
    built = etree.fromstring(_styles_xml(build_template(theme)))
    added = etree.fromstring(xml)
    for role in ROLES:
        path = f"w:style[w:name/@w:val='{STYLE_NAMES[role]}']"
        [mine], [ref] = added.xpath(path, namespaces=NS), built.xpath(path, namespaces=NS)
        assert etree.tostring(mine, method="c14n") == etree.tostring(ref, method="c14n"), role


def test_a_restyled_style_stays_as_the_user_made_it(tmp_path: Path) -> None:
    theme = Theme.seoul()
    tpl = Document(io.BytesIO(build_template(theme)))
    tpl.styles["GR L1"].font.name = "맑은 고딕"
    tpl.styles["GR L1"].font.size = Pt(18)
    path = tmp_path / "restyled.docx"
    tpl.save(str(path))
    laid = layout(govreport.load(SEED), theme)
    data = write_docx(laid, theme, template=path)
    out = Document(io.BytesIO(data))
    assert out.styles["GR L1"].font.name == "맑은 고딕"
    assert out.styles["GR L1"].font.size == Pt(18)
    l1 = [p for p in out.paragraphs if p.style.name == "GR L1"]
    # the body leaves font and size to the style, so the restyle shows
    assert l1 and all(r.font.name is None and r.font.size is None for p in l1 for r in p.runs)
    _assert_theme_look(data, theme, tuple(r for r in ROLES if r != "L1"))  # the others kept


def _out_of_order(parent: etree._Element, order: list[str]) -> list[str]:
    names = [etree.QName(c).localname for c in parent if isinstance(c.tag, str)]
    unknown = [n for n in names if n not in order]
    ranks = [order.index(n) for n in names if n in order]
    return unknown or ([" ".join(names)] if ranks != sorted(ranks) else [])


@pytest.mark.parametrize("name", THEMES)
def test_property_blocks_are_in_schema_order_in_body_and_styles(name: str) -> None:
    theme = THEMES[name].override({"toc.boxed": True, "summary_box.border_style": "double"})
    laid = layout(govreport.load(SEED), theme)
    data = write_docx(laid, theme)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: etree.fromstring(z.read(n)) for n in ("word/document.xml", "word/styles.xml")}
    seen = {"pPr": 0, "rPr": 0, "pBdr": 0}
    for part, root in parts.items():
        for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER), ("pBdr", PBDR_ORDER)):
            for el in root.iter(_w(tag)):
                seen[tag] += 1
                assert _out_of_order(el, order) == [], (part, tag)
    assert min(seen.values()) > 0


def test_font_names_with_markup_characters_survive(tmp_path: Path) -> None:
    face = 'A&B "Q" <x>'
    theme = Theme.seoul().override({"body.font": face, "levels.L2.font": face})
    data = build_template(theme)
    styles = Document(io.BytesIO(data)).styles
    assert styles["Normal"].font.name == face
    assert styles["GR L2"].font.name == face
    laid = layout(govreport.load(SEED), theme)
    out = Document(io.BytesIO(write_docx(laid, theme, template=_without_role_styles(
        Theme.seoul(), tmp_path))))
    assert out.styles["GR L2"].font.name == face
