"""The HWPX zip package (OCF): fixed part order, ``mimetype`` first and stored, fixed dates.

Same parts in → same bytes out: entries carry the timestamp 1980-01-01 00:00 and a fixed
compression level, and the metadata dates come from the document, never from the clock.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from typing import assert_never

from ...layout.nodes import ChartBox, Node, PageBreak, Para, PictureBox, TableBox, TocBlock
from ..zipping import deflate, write_text
from ._xml import DECL, XMLNS, attr, esc

MIMETYPE = b"application/hwp+zip"
_EPOCH = (1980, 1, 1, 0, 0, 0)

VERSION_XML = (
    f"{DECL}"
    '<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" '
    'tagetApplication="WORDPROCESSOR" major="5" minor="1" micro="1" buildNumber="0" os="1" '
    'xmlVersion="1.5" application="Hancom Office Hangul" '
    'appVersion="13, 0, 0, 1408 WIN32LEWindows_10"/>'
)
CONTAINER_XML = (
    f"{DECL}"
    '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container" '
    'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf"><ocf:rootfiles>'
    '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
    '<ocf:rootfile full-path="Preview/PrvText.txt" media-type="text/plain"/>'
    '<ocf:rootfile full-path="META-INF/container.rdf" media-type="application/rdf+xml"/>'
    "</ocf:rootfiles></ocf:container>"
)
MANIFEST_XML = (
    f'{DECL}<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
)
SETTINGS_XML = (
    f"{DECL}"
    '<ha:HWPApplicationSetting xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0">'
    '<ha:CaretPosition listIDRef="0" paraIDRef="0" pos="0"/></ha:HWPApplicationSetting>'
)
_PKG = "http://www.hancom.co.kr/hwpml/2016/meta/pkg#"


def container_rdf(sections: int) -> str:
    """``META-INF/container.rdf``: the header and section parts and their kinds."""
    parts = [("Contents/header.xml", "HeaderFile")] + [
        (f"Contents/section{i}.xml", "SectionFile") for i in range(sections)
    ]
    body = "".join(
        f'<rdf:Description rdf:about=""><ns0:hasPart xmlns:ns0="{_PKG}" rdf:resource="{p}"/>'
        f'</rdf:Description><rdf:Description rdf:about="{p}">'
        f'<rdf:type rdf:resource="{_PKG}{kind}"/></rdf:Description>'
        for p, kind in parts
    )
    return (
        f'{DECL}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">{body}'
        f'<rdf:Description rdf:about=""><rdf:type rdf:resource="{_PKG}Document"/>'
        "</rdf:Description></rdf:RDF>"
    )


def _text_meta(name: str, value: str) -> str:
    """``<opf:meta name=… content="text">value</opf:meta>`` (self-closed when empty)."""
    if not value:
        return f'<opf:meta name="{name}" content="text"/>'
    return f'<opf:meta name="{name}" content="text">{esc(value)}</opf:meta>'


def content_hpf(meta: Mapping[str, str], sections: int = 1) -> str:
    """``Contents/content.hpf``: metadata, manifest and spine."""
    title = esc(meta.get("title", ""))
    creator = esc(meta.get("creator", ""))
    date = attr(meta.get("date", ""))
    items = "".join(
        f'<opf:item id="section{i}" href="Contents/section{i}.xml" media-type="application/xml"/>'
        for i in range(sections)
    )
    spine = "".join(f'<opf:itemref idref="section{i}" linear="yes"/>' for i in range(sections))
    return (
        f'{DECL}<opf:package {XMLNS} version="" unique-identifier="" id="">'
        f"<opf:metadata><opf:title>{title}</opf:title><opf:language>ko</opf:language>"
        f'<opf:meta name="creator" content="text">{creator}</opf:meta>'
        f'{_text_meta("subject", meta.get("subject", ""))}'
        f'{_text_meta("description", meta.get("description", ""))}'
        f'<opf:meta name="lastsaveby" content="text">{creator}</opf:meta>'
        f'<opf:meta name="CreatedDate" content="text">{date}</opf:meta>'
        f'<opf:meta name="ModifiedDate" content="text">{date}</opf:meta>'
        '<opf:meta name="keyword" content="text"/></opf:metadata>'
        '<opf:manifest><opf:item id="header" href="Contents/header.xml" '
        f'media-type="application/xml"/>{items}'
        '<opf:item id="settings" href="settings.xml" media-type="application/xml"/>'
        '</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/>'
        f"{spine}</opf:spine></opf:package>"
    )


def preview_text(paragraphs: Iterable[str], limit: int = 1024) -> str:
    """``Preview/PrvText.txt``: the first paragraphs as plain text (CRLF lines); only as
    many as the limit takes are read."""
    out: list[str] = []
    size = 0
    for text in paragraphs:
        line = text.replace("\t", " ").replace("\n", " ").replace("\u2060", "")
        if size + len(line) > limit:
            out.append(line[: max(limit - size, 0)])
            break
        out.append(line)
        size += len(line) + 2
    return "\r\n".join(out) + "\r\n"


def paragraph_texts(nodes: Iterable[Node]) -> Iterator[str]:
    """The plain text of every paragraph (those in table cells too), in document order, made
    as it is asked for: the preview reads only the first few."""
    for n in nodes:
        match n:
            case Para():
                yield n.text
            case TableBox():
                for c in n.cells:
                    for p in c.paras:
                        yield p.text
            case TocBlock() | PageBreak() | PictureBox() | ChartBox():
                pass
            case _:
                assert_never(n)


_STORED = frozenset({"version.xml"})
"""Parts stored uncompressed besides ``mimetype``, as in every Hancom-saved file."""


Part = bytes | list[str]
"""A part's bytes, or its text in pieces (UTF-8 encoded and compressed piece by piece)."""

def build_zip(parts: Mapping[str, Part]) -> bytes:
    """Zip ``parts`` in the given order after a stored ``mimetype`` (``version.xml`` stored
    too, as Hancom does); deterministic bytes.  A part given as text pieces is written in
    chunks, so that it is never held whole (as text and again as bytes): the same bytes as
    its joined text would give, with a fraction of the memory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=_EPOCH)
        info.compress_type = zipfile.ZIP_STORED
        info.create_system = 0
        z.writestr(info, MIMETYPE)
        for name, data in parts.items():
            if name == "mimetype":
                continue
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.create_system = 0
            if name in _STORED:
                info.compress_type = zipfile.ZIP_STORED
            else:
                deflate(info)
            if isinstance(data, bytes):
                z.writestr(info, data)
            else:
                write_text(z, info, data, chars=sum(map(len, data)))
    return buf.getvalue()


def standard_parts(header: str | bytes, sections: list[str], meta: Mapping[str, str],
                   preview: str) -> dict[str, bytes]:
    """All parts of a package in Hancom's order (``header``: text, or UTF-8 bytes)."""
    parts: dict[str, bytes] = {
        "version.xml": VERSION_XML.encode(),
        "Contents/header.xml": header if isinstance(header, bytes) else header.encode(),
    }
    for i, s in enumerate(sections):
        parts[f"Contents/section{i}.xml"] = s.encode()
    parts["Preview/PrvText.txt"] = preview.encode()
    parts["settings.xml"] = SETTINGS_XML.encode()
    parts["META-INF/container.rdf"] = container_rdf(len(sections)).encode()
    parts["Contents/content.hpf"] = content_hpf(meta, len(sections)).encode()
    parts["META-INF/container.xml"] = CONTAINER_XML.encode()
    parts["META-INF/manifest.xml"] = MANIFEST_XML.encode()
    return parts
