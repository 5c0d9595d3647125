"""A template's own zip entries, as far as they may go into an output.

An entry is copied only when its name is a plain relative path inside the package (no
``/`` or ``\\`` at the start, no ``..``, ``.`` or empty segment, no drive letter, no control
character).  Macro parts (``vbaProject.bin``, ``vbaData.xml`` and what a macro-enabled
content type names) are left out too: govreport writes documents, never programs.  Each
entry left out is reported with a :class:`~govreport.errors.GovReportWarning`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from ..support.errors import short, warn

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MACRO_NAMES = frozenset({"vbaproject.bin", "vbadata.xml"})
_MACRO_TYPE = re.compile(r"macroEnabled|vbaProject|vbaData|ms-office\.activeX", re.I)
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def unsafe_name(name: str) -> str | None:
    """Why an entry name may not be copied into an output, or ``None`` when it may."""
    if not name or _CONTROL.search(name):
        return "a name with a control character"
    if name.startswith(("/", "\\")) or "\\" in name or re.match(r"[A-Za-z]:", name):
        return "not a relative name"
    segments = name.rstrip("/").split("/")
    if any(s in ("", ".", "..") for s in segments):
        return "a name reaching outside the package"
    return None


def is_macro(name: str) -> bool:
    """Whether ``name`` is a macro part by its name."""
    return posixpath.basename(name).lower() in _MACRO_NAMES


def safe_entries(infos: list[zipfile.ZipInfo], template: str) -> list[zipfile.ZipInfo]:
    """The entries of ``infos`` that may be copied (folders left out); a warning for each
    other one."""
    kept: list[zipfile.ZipInfo] = []
    for info in infos:
        if info.is_dir():
            continue
        reason = unsafe_name(info.filename) or ("a macro part" if is_macro(info.filename)
                                                else None)
        if reason is not None:
            warn(f"{template}: template entry {short(info.filename, 100)!r} left out ({reason})")
            continue
        kept.append(info)
    return kept


def clean_docx(data: bytes, template: str) -> bytes:
    """``data`` (a DOCX template) without unsafe and macro entries: the bytes unchanged when
    there is nothing to drop, else a new package whose content types and relationships no
    longer name what was dropped (a macro-enabled main part becomes a plain one)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        ct = z.read("[Content_Types].xml") if "[Content_Types].xml" in z.namelist() else b""
        macro_ct = bool(_MACRO_TYPE.search(ct.decode("utf-8", "replace")))
        if not macro_ct and all(unsafe_name(i.filename) is None and not is_macro(i.filename)
                                for i in infos if not i.is_dir()):
            return data
        kept = safe_entries(infos, template)
        parts = {i.filename: z.read(i) for i in kept}
    dropped = {i.filename for i in infos if not i.is_dir()} - set(parts)
    if "[Content_Types].xml" in parts:
        parts["[Content_Types].xml"] = _clean_types(parts["[Content_Types].xml"], dropped,
                                                    template)
    for name in [n for n in parts if n.endswith(".rels")]:
        parts[name] = _clean_rels(name, parts[name], dropped)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in kept:
            out.writestr(info, parts[info.filename])
    return buf.getvalue()


def _clean_types(data: bytes, dropped: set[str], template: str) -> bytes:
    root = etree.fromstring(data, _PARSER)
    for el in list(root):
        kind = el.get("ContentType", "")
        part = (el.get("PartName") or "").lstrip("/")
        if part in dropped or (_MACRO_TYPE.search(kind) and "main" not in kind):
            root.remove(el)
        elif _MACRO_TYPE.search(kind):  # the macro-enabled main document: a plain one
            warn(f"{template}: macro-enabled document type {short(kind, 100)!r} written as a "
                 "plain document")
            el.set("ContentType", _DOCX_MAIN)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _clean_rels(name: str, data: bytes, dropped: set[str]) -> bytes:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return data
    source_dir = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels → word
    for el in list(root.iterchildren(f"{{{_RELS}}}Relationship")):
        if el.get("TargetMode") == "External":
            continue
        target = el.get("Target", "")
        full = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join(source_dir, target)))
        if full in dropped or _MACRO_TYPE.search(el.get("Type", "")):
            root.remove(el)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


__all__ = ["clean_docx", "is_macro", "safe_entries", "unsafe_name"]
