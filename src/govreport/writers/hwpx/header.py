"""``Contents/header.xml``: fonts, character/paragraph shapes, borders, tabs and styles.

Shapes are *interned*: the section writer asks for the shape it needs (a :class:`CharKey`,
:class:`ParaKey`, :class:`BorderKey`, :class:`TabKey`) and gets a stable id; equal keys share
one entry, and ids follow first use, so the same document always yields the same header.

OWPML conventions followed here (as Hancom writes them):

* every ``charPr`` points all seven language slots (HANGUL … USER) at the same face;
* paragraph margins and tab positions live in ``hp:switch``: ``hp:case`` (HwpUnitChar
  namespace, read by Hancom 2014+) holds HWPUNIT values, ``hp:default`` twice those values
  (the legacy reading);
* a negative ``intent`` is a hanging indent (내어쓰기): the first line starts at ``left`` and
  the following lines at ``left - intent``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from ...layout.paginate import Styles
from ...theme import ResolvedStyle, Theme
from ...theme.roles import ROLES
from ..shared import STYLE_NAMES, font_kind
from ..units import pt_to_hwpunit, round_half_up
from ._xml import DECL, HWPUNITCHAR, XMLNS, attr

LANGS: tuple[str, ...] = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
_LANG_ATTRS = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")

#: Line widths Hancom offers (mm); others are snapped to the nearest.
LINE_WIDTHS_MM: tuple[float, ...] = (
    0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0,
)

ALIGN: dict[str, str] = {
    "justify": "JUSTIFY", "left": "LEFT", "center": "CENTER", "right": "RIGHT",
    "distribute": "DISTRIBUTE",
}  # fmt: skip

ROLE_STYLE_NAMES: Mapping[str, str] = MappingProxyType(
    {role: names.hancom for role, names in STYLE_NAMES.items()})
"""Style names written for each role: the Korean name Hancom shows (English name = role key;
:data:`govreport.writers.shared.STYLE_NAMES`).  A user template whose header has a style
with either name styles that role."""



class Line(NamedTuple):
    """One border line: OWPML type (``NONE``/``SOLID``/``DOUBLE_SLIM``), width text, colour."""

    type: str
    width: str
    color: str


NO_LINE = Line("NONE", "0.1 mm", "#000000")


@functools.lru_cache(maxsize=256)
def line(width_mm: float, color: str = "#000000", kind: str = "SOLID") -> Line:
    """A line of ``width_mm`` (snapped to Hancom's widths); ``0`` gives no line."""
    if width_mm <= 0:
        return NO_LINE
    w = min(LINE_WIDTHS_MM, key=lambda x: abs(x - width_mm))
    text = f"{w:.1f} mm" if round(w, 1) == w else f"{w:g} mm"
    return Line(kind, text, color.upper())


class CharKey(NamedTuple):
    """A character shape: face, height (HWPUNIT), bold, colour, 장평 %, 자간 %, superscript."""

    font: str
    height: int
    bold: bool
    color: str
    ratio: int
    spacing: int
    superscript: bool = False


class ParaKey(NamedTuple):
    """A paragraph shape; lengths in HWPUNIT (``intent`` negative = hanging)."""

    align: str
    left: int
    intent: int
    prev: int
    next: int
    line_pct: int
    keep_next: bool = False
    tab: int = 0
    border: int = 2
    border_offsets: tuple[int, int, int, int] = (0, 0, 0, 0)  # left, right, top, bottom
    break_non_latin: str = "BREAK_WORD"


class BorderKey(NamedTuple):
    """A border/fill: four lines and an optional solid fill colour."""

    left: Line = NO_LINE
    right: Line = NO_LINE
    top: Line = NO_LINE
    bottom: Line = NO_LINE
    fill: str | None = None


class TabKey(NamedTuple):
    """Tab stops ``(pos HWPUNIT, RIGHT|LEFT|CENTER, leader NONE|DOT…)``."""

    stops: tuple[tuple[int, str, str], ...] = ()


class StyleRef(NamedTuple):
    """A paragraph style and the shapes it stands for."""

    id: int
    para: int
    char: int


_RENDERED: dict[tuple[object, ...], bytes] = {}
"""``header.xml`` bytes by what they are made of (:meth:`HeaderBuilder.render_bytes`);
emptied when :data:`_RENDERED_KEPT` are held."""
_RENDERED_KEPT = 64


HANCOM_STYLES: tuple[tuple[str, str], ...] = (
    ("본문", "Body"),
    *((f"개요 {n}", f"Outline {n}") for n in range(1, 8)),
    ("각주", "Footnote"),
    ("캡션", "Caption"),
)
"""Hancom's built-in paragraph styles beside 바탕글 (names and English names as in Hancom's
own files, ../shared/corpus/real)."""


class HeaderBuilder:
    """Collects interned shapes while the section is written, then renders ``header.xml``.

    ``base`` offsets let the builder append to an existing (template) header: new ids start
    after the template's.
    """

    def __init__(self, theme: Theme, *, base: dict[str, int] | None = None,
                 base_fonts: dict[str, list[str]] | None = None) -> None:
        self.theme = theme
        b = base or {}
        self._fonts: dict[str, list[str]] = {lang: list((base_fonts or {}).get(lang, ()))
                                             for lang in LANGS}
        self._font_base = {lang: len(v) for lang, v in self._fonts.items()}
        self._font_ids: dict[str, tuple[int, ...]] = {}
        self._chars: dict[CharKey, int] = {}
        self._paras: dict[ParaKey, int] = {}
        self._borders: dict[BorderKey, int] = {}
        self._tabs: dict[TabKey, int] = {}
        self._styles: dict[str, StyleRef] = {}
        self._style_order: list[str] = []
        self._style_names: dict[str, str] = {}
        self._style_kinds: dict[str, str] = {}
        self._next = {
            "char": b.get("char", 0), "para": b.get("para", 0), "border": b.get("border", 1),
            "tab": b.get("tab", 0), "style": b.get("style", 0),
        }  # fmt: skip
        self.standalone = base is None
        # OWPML: KEEP_WORD keeps a word (어절) whole, BREAK_WORD breaks between characters
        # (글자) — Hancom's own 바탕글 writes KEEP_WORD for Hangul
        self.korean_break = "KEEP_WORD" if theme.layout.korean_break == "word" else "BREAK_WORD"
        self.styles = Styles(theme)
        """The theme's resolved styles, once per role (shared with the section writer)."""
        self._role_char: dict[str, int] = {}
        self._role_para: dict[str, int] = {}
        # Hancom's two fixed border fills: 1 = none (page border), 2 = none with an empty
        # brush (the one character shapes point at).
        self.empty_border = self.border(BorderKey())
        self.char_border = self.border(BorderKey(fill="none"))
        if self.standalone:
            self.tab(TabKey())
            self.char_for("paragraph")  # id 0: the body text (style 바탕글)
            self.para_for("paragraph")  # id 0
            self._add_style("바탕글", "Normal", self._role_para["paragraph"],
                            self._role_char["paragraph"])
            # Hancom's own built-in styles, which every document it makes carries (ids
            # after 바탕글, as in Hancom's files): present, with 바탕글's shapes, so that an
            # official's 스타일 list (F6) and 차례/각주/캡션 commands find them
            for name, eng in HANCOM_STYLES:
                self._add_style(name, eng, self._role_para["paragraph"],
                                self._role_char["paragraph"])

    # ------------------------------------------------------------------ interning
    def font(self, face: str) -> tuple[int, ...]:
        """Ids of ``face`` in the seven language lists (added where missing)."""
        ids = self._font_ids.get(face)
        if ids is None:
            out = []
            for lang in LANGS:
                faces = self._fonts[lang]
                if face not in faces:
                    faces.append(face)
                out.append(faces.index(face))
            ids = self._font_ids[face] = tuple(out)
        return ids

    def char(self, key: CharKey) -> int:
        """Id of a character shape."""
        cid = self._chars.get(key)
        if cid is None:
            self.font(key.font)
            cid = self._chars[key] = self._next["char"]
            self._next["char"] += 1
        return cid

    def para(self, key: ParaKey) -> int:
        """Id of a paragraph shape."""
        pid = self._paras.get(key)
        if pid is None:
            pid = self._paras[key] = self._next["para"]
            self._next["para"] += 1
        return pid

    def border(self, key: BorderKey) -> int:
        """Id of a border/fill."""
        bid = self._borders.get(key)
        if bid is None:
            bid = self._borders[key] = self._next["border"]
            self._next["border"] += 1
        return bid

    def tab(self, key: TabKey) -> int:
        """Id of a tab definition."""
        tid = self._tabs.get(key)
        if tid is None:
            tid = self._tabs[key] = self._next["tab"]
            self._next["tab"] += 1
        return tid

    # ------------------------------------------------------------------ role shapes
    def resolve(self, role: str) -> ResolvedStyle:
        """The theme's resolved style of ``role`` (cached in :attr:`styles`)."""
        return self.styles[role]

    def char_key(self, role: str, *, font: str | None = None, size_pt: float | None = None,
                 bold: bool | None = None, color: str | None = None,
                 superscript: bool = False, letter_spacing_pct: float | None = None,
                 width_pct: float | None = None) -> CharKey:
        """The character shape of ``role`` with run overrides applied (``letter_spacing_pct``
        / ``width_pct``: the paragraph's 자간/장평, ``None`` = the role's)."""
        s = self.resolve(role)
        return CharKey(
            font=font or s.font,
            height=pt_to_hwpunit(size_pt if size_pt is not None else s.pt),
            bold=s.bold if bold is None else bold,
            color=(color or s.color).upper(),
            ratio=round_half_up(s.width_pct if width_pct is None else width_pct),
            spacing=round_half_up(
                s.letter_spacing_pct if letter_spacing_pct is None else letter_spacing_pct),
            superscript=superscript,
        )

    def char_for(self, role: str) -> int:
        """Id of the role's own character shape."""
        cid = self._role_char.get(role)
        if cid is None:
            key = self.theme.derived(("hwpx.role_char_key", role),
                                     lambda: self.char_key(role))
            cid = self._role_char[role] = self.char(key)
        return cid

    def para_key(self, role: str, *, align: str | None = None, left_pt: float = 0.0,
                 hanging_pt: float = 0.0, prev_pt: float = 0.0, next_pt: float = 0.0,
                 keep_next: bool | None = None, tab: int = 0, border: int | None = None,
                 border_offsets: tuple[int, int, int, int] = (0, 0, 0, 0),
                 line_pct: float | None = None) -> ParaKey:
        """The paragraph shape of ``role``; ``left_pt`` is where the first line starts."""
        s = self.resolve(role)
        return ParaKey(
            align=ALIGN[align or s.align],
            left=pt_to_hwpunit(left_pt),
            intent=-pt_to_hwpunit(hanging_pt),
            prev=pt_to_hwpunit(prev_pt),
            next=pt_to_hwpunit(next_pt),
            line_pct=round_half_up(line_pct if line_pct is not None else s.line_pct),
            keep_next=s.keep_with_next if keep_next is None else keep_next,
            tab=tab,
            border=self.char_border if border is None else border,
            border_offsets=border_offsets,
            break_non_latin=self.korean_break,
        )

    def para_for(self, role: str) -> int:
        """Id of the role's own paragraph shape — the one its style carries: the role's
        hanging indent (FORMAT.md §3.1, as the DOCX styles) and its usual space before (the
        same-role transition of §3.2), so that re-applying the style in Hancom keeps them.
        Paragraphs whose indent or spacing differ get a shape of their own."""
        pid = self._role_para.get(role)
        if pid is None:
            pid = self._role_para[role] = self.para(self.role_para_key(role))
        return pid

    def role_para_key(self, role: str) -> ParaKey:
        """The paragraph shape of ``role``'s style (see :meth:`para_for`); worked out once
        per theme (and border/line-break setting)."""
        return self.theme.derived(("hwpx.role_para_key", role, self.char_border,
                                   self.korean_break), lambda: self._role_para_key(role))

    def _role_para_key(self, role: str) -> ParaKey:
        theme = self.theme
        if role not in ROLES or role == "paragraph" or theme.layout.hwpx_indent == "spaces":
            return self.para_key(role)
        from ...theme.roles import ThemeError

        try:
            ind = theme.indent(role)
            prev = theme.space_before(role, role)
        except (ThemeError, KeyError, ValueError):
            return self.para_key(role)
        if not (ind.text_x_pt or ind.hanging_pt):
            return self.para_key(role, prev_pt=prev)
        return self.para_key(role, left_pt=ind.text_x_pt - ind.hanging_pt,
                             hanging_pt=ind.hanging_pt, prev_pt=prev)

    def _add_style(self, name: str, eng: str, para: int, char: int,
                   kind: str = "PARA") -> StyleRef:
        ref = StyleRef(self._next["style"], para, char)
        self._next["style"] += 1
        self._styles[eng] = ref
        self._style_order.append(eng)
        self._style_names[eng] = name
        self._style_kinds[eng] = kind
        return ref

    def page_number_style(self) -> StyleRef:
        """The character style 「쪽 번호」 (Page Number) Hancom draws page numbers with."""
        ref = self._styles.get("Page Number")
        if ref is None:
            ref = self._add_style("쪽 번호", "Page Number", self.para_for("paragraph"),
                                  self.char_for("page_number"), kind="CHAR")
        return ref

    def style(self, role: str) -> StyleRef:
        """The paragraph style of ``role`` (created on first use)."""
        ref = self._styles.get(role)
        if ref is None:
            ref = self._add_style(ROLE_STYLE_NAMES.get(role, role), role, self.para_for(role),
                                  self.char_for(role))
        return ref

    def adopt_style(self, role: str, ref: StyleRef) -> None:
        """Use an existing (template) style for ``role`` instead of creating one."""
        self._styles[role] = ref
        self._role_char[role] = ref.char

    # ------------------------------------------------------------------ rendering
    def fonts_xml(self, lang: str, *, new_only: bool = False) -> str:
        """``hh:font`` items of one language list."""
        faces = self._fonts[lang]
        start = self._font_base[lang] if new_only else 0
        return "".join(_font_xml(i, faces[i]) for i in range(start, len(faces)))

    def font_count(self, lang: str) -> int:
        return len(self._fonts[lang])

    def border_fills_xml(self) -> str:
        return "".join(_border_xml(i, k) for k, i in self._borders.items())

    def char_prs_xml(self) -> str:
        return "".join(self._char_xml(i, k) for k, i in self._chars.items())

    def tab_prs_xml(self) -> str:
        return "".join(_tab_xml(i, k) for k, i in self._tabs.items())

    def para_prs_xml(self) -> str:
        return "".join(_para_xml(i, k) for k, i in self._paras.items())

    def styles_xml(self) -> str:
        out = []
        for eng in self._style_order:
            ref = self._styles[eng]
            kind = self._style_kinds[eng]
            nxt = ref.id if kind == "PARA" else 0
            out.append(
                f'<hh:style id="{ref.id}" type="{kind}" name="{attr(self._style_names[eng])}" '
                f'engName="{attr(eng)}" paraPrIDRef="{ref.para}" charPrIDRef="{ref.char}" '
                f'nextStyleIDRef="{nxt}" langID="1042" lockForm="0"/>'
            )
        return "".join(out)

    def counts(self) -> dict[str, int]:
        """Numbers of new items per list (for ``itemCnt`` updates)."""
        return {"char": len(self._chars), "para": len(self._paras),
                "border": len(self._borders), "tab": len(self._tabs),
                "style": len(self._style_order)}

    def _char_xml(self, cid: int, k: CharKey) -> str:
        return f'<hh:charPr id="{cid}"' + _char_body(k, self._font_ids[k.font], self.char_border)

    def render_bytes(self) -> bytes:
        """:meth:`render` as UTF-8, kept by the shapes, fonts and styles it is made of: a
        report rendered again, or a batch of reports of one theme, interns the same ones."""
        key = (tuple(tuple(faces) for faces in self._fonts.values()),
               tuple(self._chars.items()), tuple(self._paras.items()),
               tuple(self._borders.items()), tuple(self._tabs.items()),
               tuple((eng, self._styles[eng], self._style_names[eng], self._style_kinds[eng])
                     for eng in self._style_order))
        data = _RENDERED.get(key)
        if data is None:
            if len(_RENDERED) >= _RENDERED_KEPT:
                _RENDERED.clear()
            data = _RENDERED[key] = self.render().encode()
        return data

    def render(self) -> str:
        """The complete ``header.xml`` (standalone mode)."""
        fontfaces = "".join(
            f'<hh:fontface lang="{lang}" fontCnt="{self.font_count(lang)}">'
            f"{self.fonts_xml(lang)}</hh:fontface>"
            for lang in LANGS
        )
        c = self.counts()
        return (
            f'{DECL}<hh:head {XMLNS} version="1.5" secCnt="1">'
            '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/>'
            f'<hh:refList><hh:fontfaces itemCnt="{len(LANGS)}">{fontfaces}</hh:fontfaces>'
            f'<hh:borderFills itemCnt="{c["border"]}">{self.border_fills_xml()}</hh:borderFills>'
            f'<hh:charProperties itemCnt="{c["char"]}">{self.char_prs_xml()}'
            "</hh:charProperties>"
            f'<hh:tabProperties itemCnt="{c["tab"]}">{self.tab_prs_xml()}</hh:tabProperties>'
            f'<hh:numberings itemCnt="1">{_OUTLINE_NUMBERING}</hh:numberings>'
            f'<hh:paraProperties itemCnt="{c["para"]}">{self.para_prs_xml()}'
            "</hh:paraProperties>"
            f'<hh:styles itemCnt="{c["style"]}">{self.styles_xml()}</hh:styles>'
            "</hh:refList>"
            '<hh:compatibleDocument targetProgram="HWP201X"><hh:layoutCompatibility/>'
            "</hh:compatibleDocument>"
            '<hh:docOption><hh:linkinfo path="" pageInherit="0" footnoteInherit="0"/>'
            "</hh:docOption>"
            '<hh:trackchageConfig flags="56"/></hh:head>'
        )


# ---------------------------------------------------------------------- item renderers

_ALL0 = " ".join(f'{a}="0"' for a in _LANG_ATTRS)
_ALL100 = " ".join(f'{a}="100"' for a in _LANG_ATTRS)


def _all(value: int) -> str:
    return " ".join(f'{a}="{value}"' for a in _LANG_ATTRS)


@functools.lru_cache(maxsize=1024)
def _char_body(k: CharKey, font_ids: tuple[int, ...], char_border: int) -> str:
    """A ``hh:charPr`` after its id (the same for every header: kept)."""
    refs = " ".join(f'{a}="{i}"' for a, i in zip(_LANG_ATTRS, font_ids, strict=True))
    return (
        f' height="{k.height}" textColor="{k.color}" shadeColor="none" '
        f'useFontSpace="0" useKerning="0" symMark="NONE" borderFillIDRef="{char_border}">'
        f"<hh:fontRef {refs}/><hh:ratio {_all(k.ratio)}/><hh:spacing {_all(k.spacing)}/>"
        f"<hh:relSz {_ALL100}/><hh:offset {_ALL0}/>"
        + ("<hh:bold/>" if k.bold else "")
        + '<hh:underline type="NONE" shape="SOLID" color="#000000"/>'
        '<hh:strikeout shape="NONE" color="#000000"/><hh:outline type="NONE"/>'
        '<hh:shadow type="NONE" color="#C0C0C0" offsetX="10" offsetY="10"/>'
        + ("<hh:supscript/>" if k.superscript else "")
        + "</hh:charPr>"
    )


_HANCOM_FACES = frozenset({"함초롬바탕", "함초롬돋움", "한컴바탕", "한컴돋움"})
"""Faces every Hancom Office installs: they need no substitute."""


def _font_xml(fid: int, face: str) -> str:
    serif = font_kind(face).serif
    family = "FCAT_MYUNGJO" if serif else "FCAT_GOTHIC"  # 바탕체 is 명조
    # the face Hancom draws with where the named one is not installed, as Hancom's own
    # files declare it (../shared/corpus/real: 한컴바탕 / 함초롬바탕 / 함초롬돋움): of the
    # same family, so a missing 휴먼명조 stays a 명조 and HY헤드라인M a 고딕
    subst = "" if face in _HANCOM_FACES else (
        f'<hh:substFont face="{"함초롬바탕" if serif else "함초롬돋움"}" type="TTF" '
        'isEmbedded="0" binaryItemIDRef=""/>')
    return (
        f'<hh:font id="{fid}" face="{attr(face)}" type="TTF" isEmbedded="0">{subst}'
        f'<hh:typeInfo familyType="{family}" weight="6" proportion="4" contrast="0" '
        'strokeVariation="1" armStyle="1" letterform="1" midline="1" xHeight="1"/></hh:font>'
    )


def _line_xml(tag: str, ln: Line) -> str:
    return f'<hh:{tag} type="{ln.type}" width="{ln.width}" color="{ln.color}"/>'


def _border_xml(bid: int, k: BorderKey) -> str:
    return f'<hh:borderFill id="{bid}"' + _border_body(k)


@functools.lru_cache(maxsize=1024)
def _border_body(k: BorderKey) -> str:
    """A ``hh:borderFill`` after its id (kept, as :func:`_char_body`)."""
    fill = ""
    if k.fill is not None:
        face = k.fill.upper() if k.fill.startswith("#") else k.fill
        fill = (f'<hc:fillBrush><hc:winBrush faceColor="{face}" hatchColor="#999999" alpha="0"/>'
                "</hc:fillBrush>")
    return (
        ' threeD="0" shadow="0" centerLine="NONE" '
        'breakCellSeparateLine="0">'
        '<hh:slash type="NONE" Crooked="0" isCounter="0"/>'
        '<hh:backSlash type="NONE" Crooked="0" isCounter="0"/>'
        + _line_xml("leftBorder", k.left) + _line_xml("rightBorder", k.right)
        + _line_xml("topBorder", k.top) + _line_xml("bottomBorder", k.bottom)
        + '<hh:diagonal type="SOLID" width="0.1 mm" color="#000000"/>'
        + fill + "</hh:borderFill>"
    )


def _tab_xml(tid: int, k: TabKey) -> str:
    items = "".join(
        f'<hp:switch><hp:case hp:required-namespace="{HWPUNITCHAR}">'
        f'<hh:tabItem pos="{pos}" type="{kind}" leader="{leader}" unit="HWPUNIT"/></hp:case>'
        f'<hp:default><hh:tabItem pos="{pos * 2}" type="{kind}" leader="{leader}"/></hp:default>'
        "</hp:switch>"
        for pos, kind, leader in k.stops
    )
    return f'<hh:tabPr id="{tid}" autoTabLeft="0" autoTabRight="0">{items}</hh:tabPr>'


def _margins(k: ParaKey, factor: int) -> str:
    return (
        "<hh:margin>"
        f'<hc:intent value="{k.intent * factor}" unit="HWPUNIT"/>'
        f'<hc:left value="{k.left * factor}" unit="HWPUNIT"/>'
        '<hc:right value="0" unit="HWPUNIT"/>'
        f'<hc:prev value="{k.prev * factor}" unit="HWPUNIT"/>'
        f'<hc:next value="{k.next * factor}" unit="HWPUNIT"/>'
        "</hh:margin>"
        f'<hh:lineSpacing type="PERCENT" value="{k.line_pct}" unit="HWPUNIT"/>'
    )


def _para_xml(pid: int, k: ParaKey) -> str:
    return f'<hh:paraPr id="{pid}"' + _para_body(k)


@functools.lru_cache(maxsize=1024)
def _para_body(k: ParaKey) -> str:
    """A ``hh:paraPr`` after its id (kept, as :func:`_char_body`)."""
    return (
        f' tabPrIDRef="{k.tab}" condense="0" fontLineHeight="0" '
        'snapToGrid="1" suppressLineNumbers="0" checked="0">'
        f'<hh:align horizontal="{k.align}" vertical="BASELINE"/>'
        '<hh:heading type="NONE" idRef="0" level="0"/>'
        f'<hh:breakSetting breakLatinWord="KEEP_WORD" breakNonLatinWord="{k.break_non_latin}" '
        f'widowOrphan="1" keepWithNext="{int(k.keep_next)}" keepLines="{int(k.keep_next)}" '
        'pageBreakBefore="0" lineWrap="BREAK"/>'
        '<hh:autoSpacing eAsianEng="0" eAsianNum="0"/>'
        f'<hp:switch><hp:case hp:required-namespace="{HWPUNITCHAR}">{_margins(k, 1)}</hp:case>'
        f"<hp:default>{_margins(k, 2)}</hp:default></hp:switch>"
        f'<hh:border borderFillIDRef="{k.border}" offsetLeft="{k.border_offsets[0]}" '
        f'offsetRight="{k.border_offsets[1]}" offsetTop="{k.border_offsets[2]}" '
        f'offsetBottom="{k.border_offsets[3]}" connect="0" ignoreMargin="0"/>'
        "</hh:paraPr>"
    )


def _para_head(level: int, fmt: str, text: str, checkable: int) -> str:
    body = f">{text}</hh:paraHead>" if text else "/>"
    return (
        f'<hh:paraHead start="1" level="{level}" align="LEFT" useInstWidth="1" autoIndent="1" '
        'widthAdjust="0" textOffsetType="PERCENT" textOffset="50" '
        f'numFormat="{fmt}" charPrIDRef="4294967295" checkable="{checkable}"{body}'
    )


_OUTLINE_NUMBERING = (
    '<hh:numbering id="1" start="0">'
    + "".join(
        _para_head(i + 1, fmt, text, chk)
        for i, (fmt, text, chk) in enumerate((
            ("DIGIT", "^1.", 0), ("HANGUL_SYLLABLE", "^2.", 0), ("DIGIT", "^3)", 0),
            ("HANGUL_SYLLABLE", "^4)", 0), ("DIGIT", "(^5)", 0), ("HANGUL_SYLLABLE", "(^6)", 0),
            ("CIRCLED_DIGIT", "^7", 1), ("CIRCLED_HANGUL_SYLLABLE", "^8", 1),
            ("HANGUL_JAMO", "", 0), ("ROMAN_SMALL", "", 1),
        ))
    )
    + "</hh:numbering>"
)
"""The outline numbering every Hancom document carries (``secPr outlineShapeIDRef="1"``)."""
