"""The DOCX zip package, read and written directly: parts as bytes, relationships, content
types, core properties and a deterministic zip.

A template's parts are copied byte for byte; only the parts a report changes (document,
headers/footers with fields, core properties, styles/settings when something is added) and
the new media parts are written.  Entries carry one fixed time (:data:`.stamp.EPOCH`) and a
fixed compression, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from ..zipping import deflate, write_text
from .stamp import EPOCH

__all__ = ["CORE_REL", "DOC_REL", "Package", "Relationship", "parse_xml", "write_zip"]

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_REL = f"{_RELS}/officeDocument"
CORE_REL = f"{_PKG_RELS}/metadata/core-properties"
HEADER_REL = f"{_RELS}/header"
FOOTER_REL = f"{_RELS}/footer"
STYLES_REL = f"{_RELS}/styles"
SETTINGS_REL = f"{_RELS}/settings"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
SETTINGS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
"""As python-docx parses parts (blank text between elements dropped; no entities)."""

Relationship = tuple[str, str, str, str | None]
"""``(Id, Type, Target, TargetMode)``."""


def parse_xml(data: bytes | str) -> etree._Element:
    """A part's root, parsed as python-docx parses it."""
    return etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, _PARSER)


def to_bytes(el: etree._Element) -> bytes:
    """A part's root serialised as Word (and python-docx) write it."""
    return bytes(etree.tostring(el, encoding="UTF-8", standalone=True))


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def read_rels(data: bytes | None) -> list[Relationship]:
    """The relationships of a ``.rels`` part (none when absent)."""
    if data is None:
        return []
    out: list[Relationship] = []
    for el in parse_xml(data).iterchildren(f"{{{_PKG_RELS}}}Relationship"):
        out.append((el.get("Id", ""), el.get("Type", ""), el.get("Target", ""),
                    el.get("TargetMode")))
    return out


def rels_bytes(items: Iterable[Relationship]) -> bytes:
    """A ``.rels`` part of ``items``."""
    nsmap: Any = {None: _PKG_RELS}
    root = etree.Element(f"{{{_PKG_RELS}}}Relationships", nsmap=nsmap)
    for rid, kind, target, mode in items:
        el = etree.SubElement(root, f"{{{_PKG_RELS}}}Relationship",
                              {"Id": rid, "Type": kind, "Target": target})
        if mode:
            el.set("TargetMode", mode)
    return to_bytes(root)


class Package:
    """A DOCX package read from bytes: entries in order, the main document part and its
    relationships."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.infos = [i for i in z.infolist() if not i.is_dir()]
            self.parts: dict[str, bytes] = {i.filename: z.read(i) for i in self.infos}
        self.package_rels = read_rels(self.parts.get("_rels/.rels"))
        main = next((t for _, kind, t, mode in self.package_rels
                     if kind == DOC_REL and mode != "External"), None)
        if main is None:
            raise ValueError("no main document part (_rels/.rels has no officeDocument)")
        self.document = main.lstrip("/")
        if self.document not in self.parts:
            raise KeyError(f"no part named {self.document!r}")
        self.document_rels_name = _rels_name(self.document)
        self.document_rels = read_rels(self.parts.get(self.document_rels_name))
        core = next((t for _, kind, t, mode in self.package_rels
                     if kind == CORE_REL and mode != "External"), None)
        self.core = core.lstrip("/") if core is not None else None

    def target(self, target: str) -> str:
        """The zip name of a relationship target of the document part."""
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.document), target))

    def related(self, kind: str) -> list[tuple[str, str]]:
        """``(rId, zip name)`` of the document part's internal relationships of ``kind``."""
        return [(rid, self.target(t)) for rid, k, t, mode in self.document_rels
                if k == kind and mode != "External" and self.target(t) in self.parts]


def content_types(data: bytes, overrides: Mapping[str, str]) -> bytes:
    """``[Content_Types].xml`` with ``overrides`` (``/part`` → type) added or replaced."""
    root = parse_xml(data)
    tag = f"{{{_CT_NS}}}Override"
    for el in list(root.iterchildren(tag)):
        if el.get("PartName") in overrides:
            root.remove(el)
    for name, kind in overrides.items():
        etree.SubElement(root, tag, {"PartName": name, "ContentType": kind})
    return to_bytes(root)


def write_zip(order: Iterable[zipfile.ZipInfo], parts: Mapping[str, bytes],
              streamed: Mapping[str, Iterable[str]] | None = None) -> bytes:
    """The package: ``[Content_Types].xml`` first, then ``parts`` in the order of ``order``
    (the template's entries), then the new ones; deflated at :data:`..zipping.LEVEL`, every
    entry dated :data:`.stamp.EPOCH`.  ``streamed`` parts are text pieces, encoded and
    compressed a chunk at a time (:func:`..zipping.write_text`)."""
    buf = io.BytesIO()
    written: set[str] = set()
    more = streamed or {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        names = ["[Content_Types].xml", *(i.filename for i in order), *parts, *more]
        for name in names:
            if name in written or (name not in parts and name not in more):
                continue
            written.add(name)
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            deflate(info)
            info.external_attr = 0o644 << 16
            if name in more:
                write_text(z, info, more[name])
            else:
                z.writestr(info, parts[name])
    return buf.getvalue()
