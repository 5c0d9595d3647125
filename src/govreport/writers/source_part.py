"""The source report carried inside a rendered document, so that reading it back is exact.

A rendered DOCX or HWPX holds, besides its pages, the report it was made from as canonical
JSON (pictures left out: they are in the document already) — the ``source part``.  The reader
(:mod:`govreport.readers.embedded`) trusts it only where the printed text still agrees, so a
document edited in Word or Hancom is read by recognition where it changed.

* DOCX: a custom XML part (``customXml/govreportSource.xml``, with its ``itemProps``), the way
  Word keeps an add-in's data across edits: ``<gr:source xmlns:gr="urn:govreport:source">``
  holding the JSON text.
* HWPX: ``BinData/govreport-source.json``, listed in ``Contents/content.hpf``'s manifest as
  ``application/json`` (id ``govreport-source``).

The part holds everything the report JSON holds, also what the pages do not show (``author``,
computation declarations, ids); ``render(..., embed_source=False)`` and ``--no-source`` leave it
out.  The JSON is canonical, so the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Report
    from .docx.package import Relationship

SOURCE_NS = "urn:govreport:source"
PICTURE = "govreport:picture"
"""The ``src`` a picture gets in the source part: its bytes are the document's own."""
DOCX_ITEM = "customXml/govreportSource.xml"
DOCX_PROPS = "customXml/govreportSourceProps.xml"
DOCX_ITEM_ID = "{5D0F2E8A-6B1C-4C1E-9E57-60A7C0F1A2B3}"
HWPX_ENTRY = "BinData/govreport-source.json"
HWPX_ITEM_ID = "govreport-source"
_CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_PROPS_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "customXmlProps")
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def source_json(report: Report) -> bytes:
    """The canonical JSON of ``report`` (compact UTF-8) with every picture's bytes or file
    replaced by :data:`PICTURE`."""
    import json

    import attrs

    from ..codec.converter import unstructure
    from ..model.figure_walk import map_figures

    bare = map_figures(report, lambda fig: attrs.evolve(fig, src=PICTURE, data=None))
    return json.dumps(unstructure(bare), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def add_to_docx(parts: MutableMapping[str, bytes], types: MutableMapping[str, str],
                doc_rels: list[Relationship], new_rid: str, source: bytes) -> None:
    """Add the custom XML part holding ``source`` (and its properties) to a DOCX's parts,
    content types and the document part's relationships."""
    from xml.sax.saxutils import escape

    text = escape(source.decode("utf-8"))
    parts[DOCX_ITEM] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        f'<gr:source xmlns:gr="{SOURCE_NS}" format="json" version="1">'
                        f"{text}</gr:source>").encode()
    parts[DOCX_PROPS] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<ds:datastoreItem ds:itemID="' + DOCX_ITEM_ID + '" xmlns:ds="http://schemas.'
        'openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef '
        f'ds:uri="{SOURCE_NS}"/></ds:schemaRefs></ds:datastoreItem>').encode()
    parts["customXml/_rels/govreportSource.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
        'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{_PROPS_REL}" Target="govreportSourceProps.xml"/>'
        "</Relationships>").encode()
    types[f"/{DOCX_ITEM}"] = "application/xml"
    types[f"/{DOCX_PROPS}"] = _PROPS_TYPE
    doc_rels.append((new_rid, _CUSTOM_XML_REL, f"../{DOCX_ITEM}", None))


def add_to_hwpx(parts: MutableMapping[str, bytes], source: bytes) -> None:
    """Add ``source`` as ``BinData/govreport-source.json`` and list it in the manifest."""
    parts[HWPX_ENTRY] = source
    hpf = parts["Contents/content.hpf"].decode("utf-8")
    item = (f'<opf:item id="{HWPX_ITEM_ID}" href="{HWPX_ENTRY}" '
            'media-type="application/json"/>')
    if "</opf:manifest>" in hpf:
        hpf = hpf.replace("</opf:manifest>", item + "</opf:manifest>", 1)
    else:
        hpf = hpf.replace("<opf:manifest/>", f"<opf:manifest>{item}</opf:manifest>", 1)
    parts["Contents/content.hpf"] = hpf.encode("utf-8")
