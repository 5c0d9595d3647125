"""The default DOCX template, built from a theme by code (so ``templates/report.docx`` is
reproducible byte for byte with ``scripts/build_templates.py``).

Package: A4 portrait, margins converted from HWP semantics (FORMAT §1), the named styles of
:mod:`.styles`, a font table with Hangul charsets, and two sections:

1. the cover (docxtpl fields ``{{ title }}``, ``{{ date }}``, ``{{ org }}``, optional
   ``{{ audience }}``/``{{ slogan }}``) followed by the ``{{ toc }}`` marker — no footer;
2. the ``{{ body }}`` marker — footer ``- PAGE -`` and numbering restarting at 1.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Iterable

from lxml import etree

from ...layout.nodes import Para, Run
from ...layout.paginate import text_height_pt
from ...theme import Theme
from ..units import docx_margins_twip, docx_page_twip
from .body import BodyWriter
from .ooxml import R_NS, Element, append_xml, root, sub, to_bytes
from .styles import build_font_table, styles_xml, theme_fonts
from .wml import JC, ppr_xml

__all__ = [
    "BODY_FIELD",
    "FOOTER_RID",
    "TOC_FIELD",
    "build_template",
    "default_template",
    "section_properties",
]

BODY_FIELD = "body"
"""Jinja variable of the paragraph replaced by the report body (``{{ body }}``)."""
TOC_FIELD = "toc"
"""Jinja variable of the paragraph replaced by the 목 차 page (``{{ toc }}``)."""
FOOTER_RID = "rIdFooter1"

_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def section_properties(parent: Element, theme: Theme, *, footer: bool,
                       restart: bool) -> Element:
    """Append a ``w:sectPr``: A4, converted margins, ``docGrid default``, optional footer
    reference and ``pgNumType start=1``."""
    sp = sub(parent, "sectPr")
    if footer:
        ref = sub(sp, "footerReference", {"type": "default"})
        ref.set(f"{{{R_NS}}}id", FOOTER_RID)
    sub(sp, "type", {"val": "nextPage"})
    wid, hgt = docx_page_twip(theme.page)
    sub(sp, "pgSz", {"w": wid, "h": hgt})
    m = docx_margins_twip(theme.page)
    sub(sp, "pgMar", {"top": m.top, "right": m.right, "bottom": m.bottom, "left": m.left,
                      "header": m.header, "footer": m.footer, "gutter": m.gutter})
    if restart:
        sub(sp, "pgNumType", {"start": 1})
    sub(sp, "docGrid", {"type": "default"})
    return sp


def _plain(parent: Element, text: str) -> None:
    """A paragraph holding only ``text`` (Jinja markers and control tags)."""
    p = sub(parent, "p")
    sub(sub(p, "r"), "t").text = text


def _cover(bw: BodyWriter, parent: Element, theme: Theme) -> None:
    """Cover paragraphs placed as :func:`govreport.layout.build` places them (§5.1)."""
    height = text_height_pt(theme)
    title = theme.resolve("cover_title")
    y_title = height * theme.cover.title_y_pct / 100
    y_info = height * (theme.cover.info_y_pct - theme.cover.title_y_pct) / 100 - \
        title.line_height_pt

    def para(role: str, field: str, before: float) -> None:
        out: list[str] = []
        bw.para(out, Para(role=role, runs=(Run(text=f"{{{{ {field} }}}}"),),
                          align="center", space_before_pt=before))
        append_xml(parent, "".join(out))

    _plain(parent, "{%p if slogan %}")
    para("cover_audience", "slogan", 0)
    _plain(parent, "{%p endif %}")
    _plain(parent, '{%p if subtitle and subtitle_position == "above" %}')
    para("cover_audience", "subtitle", 12)
    _plain(parent, "{%p endif %}")
    para("cover_title", "cover_title", y_title)  # the title broken into balanced lines
    _plain(parent, '{%p if subtitle and subtitle_position == "below" %}')
    para("cover_audience", "subtitle", 8)
    _plain(parent, "{%p endif %}")
    para("cover_date", "date", max(y_info, 12))
    para("cover_org", "org_division", 24)
    _plain(parent, "{%p if audience %}")
    para("cover_audience", "audience", 12)
    _plain(parent, "{%p endif %}")


def _document(theme: Theme) -> Element:
    pn = theme.page.page_number
    numbered = pn.position != "none"
    doc = root("document")
    body = sub(doc, "body")
    bw = BodyWriter(theme)
    _cover(bw, body, theme)
    _plain(body, f"{{{{ {TOC_FIELD} }}}}")
    spacer: list[str] = []
    bw.spacer(spacer, 0, keep_next=False)
    append_xml(body, "".join(spacer))
    section_properties(body[-1][0], theme, footer=numbered and pn.start_at == "cover",
                       restart=False)
    _plain(body, f"{{{{ {BODY_FIELD} }}}}")
    section_properties(body, theme, footer=numbered, restart=pn.start_at == "body")
    return doc


def _footer(theme: Theme) -> Element:
    pn = theme.page.page_number
    ftr = root("ftr")
    bw = BodyWriter(theme)
    jc = {"bottom_left": "left", "bottom_right": "right"}.get(pn.position, JC["center"])
    out = ["<w:p>", ppr_xml(style_id=bw.style_ids["page_number"], jc=jc)]
    before, _, after = pn.format.partition("{n}")
    if before:
        bw.run(out, Run(text=before))
    bw.field(out, "PAGE", "1")
    if after:
        bw.run(out, Run(text=after))
    out.append("</w:p>")
    append_xml(ftr, "".join(out))
    return ftr


def _settings() -> Element:
    st = root("settings")
    sub(st, "zoom", {"percent": 100})
    sub(st, "defaultTabStop", {"val": 800})
    sub(st, "characterSpacingControl", {"val": "doNotCompress"})
    compat = sub(st, "compat")
    sub(compat, "compatSetting", {"name": "compatibilityMode",
                                  "uri": "http://schemas.microsoft.com/office/word",
                                  "val": 15})
    sub(st, "themeFontLang", {"val": "en-US", "eastAsia": "ko-KR"})
    return st


def _content_types() -> bytes:
    parts = [
        ("/word/document.xml", f"{_CT}.document.main+xml"),
        ("/word/styles.xml", f"{_CT}.styles+xml"),
        ("/word/settings.xml", f"{_CT}.settings+xml"),
        ("/word/fontTable.xml", f"{_CT}.fontTable+xml"),
        ("/word/footer1.xml", f"{_CT}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    over = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in parts)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{over}</Types>"
    ).encode()


def _rels(items: Iterable[tuple[str, str, str]]) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in items)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_RELS}">{body}</Relationships>'
    ).encode()


_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties '
    b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<dc:title>{{ title }}</dc:title><dc:subject>{{ org_full }}</dc:subject>"
    b"<dc:creator>govreport</dc:creator><dc:language>ko-KR</dc:language>"
    b"</cp:coreProperties>"
)

_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>govreport</Application></Properties>'
)


def build_template(theme: Theme) -> bytes:
    """The default template for ``theme`` as DOCX bytes (deterministic: fixed zip dates)."""
    parts: list[tuple[str, bytes]] = [
        ("[Content_Types].xml", _content_types()),
        ("_rels/.rels", _rels([
            ("rId1", f"{_RELS}/officeDocument", "word/document.xml"),
            ("rId2", f"{_PKG_RELS}/metadata/core-properties", "docProps/core.xml"),
            ("rId3", f"{_RELS}/extended-properties", "docProps/app.xml"),
        ])),
        ("docProps/core.xml", _CORE),
        ("docProps/app.xml", _APP),
        ("word/document.xml", to_bytes(_document(theme))),
        ("word/_rels/document.xml.rels", _rels([
            ("rIdStyles", f"{_RELS}/styles", "styles.xml"),
            ("rIdSettings", f"{_RELS}/settings", "settings.xml"),
            ("rIdFonts", f"{_RELS}/fontTable", "fontTable.xml"),
            (FOOTER_RID, f"{_RELS}/footer", "footer1.xml"),
        ])),
        ("word/styles.xml", to_bytes(etree.fromstring(styles_xml(theme)))),
        ("word/settings.xml", to_bytes(_settings())),
        ("word/fontTable.xml", to_bytes(build_font_table(theme_fonts(theme)))),
        ("word/footer1.xml", to_bytes(_footer(theme))),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


_CACHE: dict[str, bytes] = {}
_LOCK = threading.Lock()


_BY_THEME: dict[Theme, bytes] = {}


def default_template(theme: Theme) -> bytes:
    """:func:`build_template` of ``theme``, cached in memory per distinct theme."""
    with _LOCK:
        data = _BY_THEME.get(theme)
    if data is not None:
        return data
    key = json.dumps(theme.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    with _LOCK:
        data = _CACHE.get(key)
        if data is None:
            if len(_CACHE) > 16:
                _CACHE.clear()
            data = _CACHE[key] = build_template(theme)
        if len(_BY_THEME) > 16:
            _BY_THEME.clear()
        _BY_THEME[theme] = data
    return data
