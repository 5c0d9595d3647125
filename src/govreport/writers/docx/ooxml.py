"""WordprocessingML vocabulary: namespaces, Clark names and tiny element helpers.

The parts handled as trees (a template's document and settings, the default template's
sections, font table and settings) use :mod:`lxml.etree` directly (``SubElement`` on an
existing parent, so new elements share the document's ``w:`` prefix); the body and the named
styles are strings (:mod:`.wml`), put into a tree with :func:`append_xml` where one is needed.
Child order follows the ECMA-376 schema sequences — Word rejects files whose
``w:pPr``/``w:rPr``/``w:tcPr`` children are out of order.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP: dict[str, str] = {"w": W_NS, "r": R_NS}

Element = etree._Element

_W = f"{{{W_NS}}}"
XML_SPACE = f"{{{XML_NS}}}space"


def w(tag: str) -> str:
    """Clark name of a ``w:`` tag or attribute: ``w("p")`` → ``{…/main}p``."""
    return _W + tag


# Frequently used names, computed once.
P, PPR, R, RPR, T, TAB, BR = w("p"), w("pPr"), w("r"), w("rPr"), w("t"), w("tab"), w("br")
VAL = w("val")
PSTYLE = w("pStyle")
TBL, TR, TC = w("tbl"), w("tr"), w("tc")
SECTPR = w("sectPr")
BODY = w("body")


def sub(parent: Element, tag: str, attrib: Mapping[str, str | int] | None = None) -> Element:
    """Append ``<w:tag>`` with ``w:``-namespaced attributes (values converted with ``str``)."""
    el = etree.SubElement(parent, _W + tag)
    if attrib:
        for k, v in attrib.items():
            el.set(_W + k if ":" not in k and not k.startswith("{") else k, str(v))
    return el


def root(tag: str, extra_ns: Mapping[str, str] | None = None) -> Element:
    """A new root element ``<w:tag>`` declaring ``w:`` and ``r:`` (and ``extra_ns``)."""
    nsmap: dict[str, str] = dict(NSMAP)
    if extra_ns:
        nsmap.update(extra_ns)
    return etree.Element(_W + tag, nsmap=nsmap)


def append_xml(parent: Element, xml: str) -> None:
    """Append the elements of ``xml`` (a run of ``w:`` elements, as :mod:`.wml` writes
    them) to ``parent``; they take the ``w:``/``r:`` declarations of ``parent``'s tree."""
    holder = etree.fromstring(f'<w:x xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:x>')
    for el in list(holder):
        parent.append(el)


def text_of(el: Element) -> str:
    """Concatenated ``w:t`` text of an element (a paragraph, usually)."""
    return "".join(t.text or "" for t in el.iter(T))


def to_bytes(el: Element) -> bytes:
    """Serialise a part's root with the XML declaration Word expects."""
    return bytes(etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True))


def hex_color(color: str) -> str:
    """``#00008a`` → ``00008A`` (``w:color``/``w:fill`` values carry no ``#``)."""
    return color.lstrip("#").upper()
