"""A report template's Jinja fields, compiled once per template and cached by content hash.

docxtpl's own text clean-up (:meth:`DocxTemplate.patch_xml`: tags split over runs, ``{%p``
paragraph tags …, and :meth:`DocxTemplate.resolve_listing`: ``\\n`` → line break) is applied
as docxtpl applies it, but each part is compiled once in the project's sandbox
(:func:`govreport.freeform.templating.environment`) and kept: a report rendered again with the same
template only fills the compiled fields.  The parts are ``word/document.xml``'s body, the
headers and footers, and the six core properties docxtpl fills (cut to 255 characters).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Mapping
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from lxml import etree

from ...theme import Theme
from .ooxml import BODY, P, text_of
from .package import FOOTER_REL, HEADER_REL, Package, parse_xml, to_bytes

__all__ = ["CORE_PROPERTIES", "DOCXTPL", "CompileError", "Compiled", "Prepared", "prepared"]

DOCXTPL: Any = DocxTemplate.__new__(DocxTemplate)
"""docxtpl's string methods (``patch_xml``, ``resolve_listing``, ``fix_tables``) use no
state of the instance: one bare instance serves them."""

_DC = "http://purl.org/dc/elements/1.1/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
CORE_PROPERTIES: Mapping[str, str] = {
    "author": f"{{{_DC}}}creator", "comments": f"{{{_DC}}}description",
    "identifier": f"{{{_DC}}}identifier", "language": f"{{{_DC}}}language",
    "subject": f"{{{_DC}}}subject", "title": f"{{{_DC}}}title",
    "category": f"{{{_CP}}}category",
}  # fmt: skip
"""python-docx's core property names → elements of ``docProps/core.xml``."""
_FILLED = ("author", "comments", "identifier", "language", "subject", "title")
"""The properties docxtpl fills as templates."""

BODY_PI = "govreport-body"
_P_BREAK = re.compile(r"<w:p([ >])")
_P_JOIN = re.compile(r"\n<w:p([ >])")
_COVER_FIELD = re.compile(r"\{\{[^}]*\b(title|cover_title|date|org|org_full|org_division)\b")


class CompileError(Exception):
    """A part that does not compile: the Jinja error and where it is (for the message)."""

    def __init__(self, cause: BaseException, where: str | None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.where = where


class Compiled:
    """One compiled part: the template, the part's name (for error locations) and source."""

    __slots__ = ("part", "source", "template")

    def __init__(self, env: Any, source: str, *, listing: bool = True) -> None:
        from ...freeform.templating import TemplateStopped

        if listing:
            source = _P_BREAK.sub(r"\n<w:p\1", source)
        try:
            self.template: jinja2.Template = env.from_string(source)
        except (Exception, TemplateStopped) as exc:
            raise CompileError(exc, env.where(exc)) from None
        self.part: str | None = env.current_part
        self.source = source

    def where(self, env: Any, exc: BaseException) -> str | None:
        """Where in this part ``exc`` (raised while filling it) happened."""
        return env.where(exc, self.part, self.source)  # type: ignore[no-any-return]

    def render(self, context: Mapping[str, Any], *, listing: bool = True) -> str:
        """The filled text (as docxtpl's ``render_xml_part`` leaves it, when ``listing``)."""
        out = self.template.render(context)
        if not listing:
            return out
        out = _P_JOIN.sub(r"<w:p\1", out)
        out = out.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%") \
            .replace("%_}", "%}")
        return str(DOCXTPL.resolve_listing(out))


class Prepared:
    """A template read and compiled: its parts, the document around the body, the compiled
    fields, and per theme the style ids (with the styles part when roles were added)."""

    def __init__(self, data: bytes, env: Any) -> None:
        self.env = env
        self.package = pkg = Package(data)
        root = parse_xml(pkg.parts[pkg.document])
        body = root.find(BODY)
        if body is None:
            raise ValueError(f"{pkg.document} has no w:body")
        self.cover_fields = any(_COVER_FIELD.search(text_of(p)) for p in body.iter(P))
        body_source = etree.tostring(body, encoding="unicode")
        root.replace(body, etree.ProcessingInstruction(BODY_PI, "here"))
        whole = to_bytes(root).decode("utf-8")
        self.head, _, self.tail = whole.partition(f"<?{BODY_PI} here?>")
        self.body = Compiled(env, DOCXTPL.patch_xml(body_source))
        self.headers: list[tuple[str, Compiled]] = []
        for kind in (HEADER_REL, FOOTER_REL):
            for _, name in pkg.related(kind):
                blob = pkg.parts[name]
                if blob:
                    src = etree.tostring(parse_xml(blob), encoding="unicode")
                    self.headers.append((name, Compiled(env, DOCXTPL.patch_xml(src))))
        self.core: etree._Element | None = None
        self.properties: dict[str, Compiled] = {}
        if pkg.core is not None and pkg.core in pkg.parts:
            self.core = parse_xml(pkg.parts[pkg.core])
        for prop in _FILLED:
            el = self.core.find(CORE_PROPERTIES[prop]) if self.core is not None else None
            text = (el.text or "") if el is not None else ""
            self.properties[prop] = Compiled(env, text, listing=False)
        self.styles: dict[Theme, tuple[dict[str, str], bytes | None]] = {}


_CACHE: dict[tuple[bytes, str], Prepared] = {}
_LOCK = threading.Lock()
_MAX = 16


def prepared(data: bytes, locale: str = "ko_KR") -> Prepared:
    """The template ``data`` read and compiled (cached by content hash and locale)."""
    from ...freeform.templating import environment

    key = (hashlib.sha256(data).digest(), locale)
    with _LOCK:
        found = _CACHE.get(key)
        if found is None:
            found = Prepared(data, environment(locale, autoescape=True))
            if len(_CACHE) >= _MAX:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = found
    return found
