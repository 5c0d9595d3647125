"""``write_docx``: a laid-out report → DOCX bytes through a (restyleable) template.

1. read the template — the theme-built default (cached in memory) or a user's restyled copy —
   and compile its Jinja fields once (cached by content hash, :mod:`.fields`);
2. fill the fields (``{{ title }}`` …, context = :attr:`LaidDocument.fields`) in the project's
   sandboxed environment (formatting filters available), within the template limits;
3. put the cover (the template's own when it has cover fields, else ``doc.cover``) and the
   목 차 page in the first section, the body at ``{{ body }}`` in the numbered section — the
   body written as strings (:mod:`.body`) and spliced into the filled document;
4. copy the template's other parts as they are and zip the package with fixed dates.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ...layout.nodes import LaidDocument, PageBreak, Para, PictureBox, TocBlock
from ...support.errors import RenderError
from ...support.limits import LimitError, check_zip
from ...theme import Theme
from .. import blank_line_pt
from ..units import pt_to_twip
from .body import BodyWriter
from .drawing import PackageMedia
from .fields import CORE_PROPERTIES, DOCXTPL, Compiled, CompileError, Prepared, prepared
from .filling import CORE_PROPERTY_MAX
from .ooxml import PPR, SECTPR, Element, P, R, append_xml, sub, text_of, w
from .package import (
    CORE_REL,
    CORE_TYPE,
    SETTINGS_REL,
    SETTINGS_TYPE,
    STYLES_REL,
    content_types,
    parse_xml,
    rels_bytes,
    to_bytes,
    write_zip,
)
from .styles import SPACER_STYLE, STYLE_NAMES, role_style_xml, spacer_style_xml, style_id
from .template import BODY_FIELD, TOC_FIELD, default_template

__all__ = ["write_docx"]

BODY_SENTINEL = "\u2063GOVREPORT-BODY\u2063"
TOC_SENTINEL = "\u2063GOVREPORT-TOC\u2063"
_SLOT, _BLANK = "govreport", "govreport-blank"
_SLOT_RE = re.compile(r"<\?govreport(?:-blank)? (\d+)\?>")
_BATCH = 4096
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


class _Slots:
    """String parts of the body held in the filled document's tree as processing
    instructions, replaced by their pieces when the document is written out."""

    def __init__(self) -> None:
        self.pieces: list[list[str]] = []

    def add(self, pieces: list[str], *, blank: bool = False) -> Any:
        self.pieces.append(pieces)
        return etree.ProcessingInstruction(_BLANK if blank else _SLOT, str(len(self.pieces) - 1))

    def made(self, fill: Callable[[list[str]], None]) -> Any:
        out: list[str] = []
        fill(out)
        return self.add(out)

    def document(self, head: str, body: Element, tail: str) -> Iterator[str]:
        """The document part as pieces: ``head``, the serialised ``body`` with each slot
        replaced by its pieces, ``tail`` (never joined into one string: a long report's
        XML is written to the zip a megabyte at a time)."""
        yield head
        xml = etree.tostring(body, encoding="unicode")
        at = 0
        for m in _SLOT_RE.finditer(xml):
            yield xml[at:m.start()]
            pieces = self.pieces[int(m.group(1))]
            for i in range(0, len(pieces), _BATCH):  # joined in C, a few thousand at a time
                yield "".join(pieces[i:i + _BATCH])
            at = m.end()
        yield xml[at:]
        yield tail


def _style_ids(styles_el: Element, theme: Theme) -> tuple[dict[str, str], bool]:
    """Role → style id in this template, adding the theme's style for any missing role
    (``True`` when the styles were changed)."""
    by_name: dict[str, str] = {}
    changed = False
    for st in styles_el.iterchildren(w("style")):
        name_el = st.find(w("name"))
        if name_el is not None and st.get(w("type")) == "paragraph":
            by_name[str(name_el.get(w("val"), "")).lower()] = str(st.get(w("styleId")))
    out: dict[str, str] = {}
    for role, name in STYLE_NAMES.items():
        sid = by_name.get(name.lower())
        if sid is None:
            append_xml(styles_el, role_style_xml(theme, role))
            sid = style_id(name)
            changed = True
        out[role] = sid
    spacer = by_name.get(SPACER_STYLE.lower())
    if spacer is None:
        append_xml(styles_el, spacer_style_xml())
        spacer = style_id(SPACER_STYLE)
        changed = True
    out["_spacer"] = spacer
    return out, changed


def _marker(body: Element, sentinel: str) -> Element | None:
    for p in body.iterchildren(P):
        if sentinel in text_of(p):
            return p
    for p in body.iter(P):
        if sentinel in text_of(p):
            return p
    return None


def _is_section_end(el: Element) -> bool:
    return el.tag == P and el.find(f"{PPR}/{SECTPR}") is not None


def _detach(el: Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _front_split(body: Element, before: Element | None, theme: Theme) -> Element:
    """A section-end paragraph for cover + TOC in a one-section template."""
    final = body.find(SECTPR)
    p = body.makeelement(P, {})
    pp = sub(p, "pPr")
    if final is not None:
        sect = copy.deepcopy(final)
        for child in list(sect):
            if child.tag in (w("headerReference"), w("footerReference"), w("pgNumType")):
                sect.remove(child)
        pp.append(sect)
        if theme.page.page_number.start_at == "body" and final.find(w("pgNumType")) is None:
            anchor = final.find(w("cols"))
            if anchor is None:
                anchor = final.find(w("docGrid"))
            num = final.makeelement(w("pgNumType"), {w("start"): "1"})
            if anchor is not None:
                anchor.addprevious(num)
            else:
                final.append(num)
    else:
        sub(pp, "sectPr")
    if before is not None:
        before.addprevious(p)
    else:
        body.insert(0, p)
    return p


def _assemble(body: Element, doc: LaidDocument, bw: BodyWriter, cover_fields: bool,
              slots: _Slots) -> None:
    theme = bw.theme
    body_marker = _marker(body, BODY_SENTINEL)
    toc_marker = _marker(body, TOC_SENTINEL)
    top = list(body)
    stop = top.index(body_marker) if body_marker is not None and body_marker in top \
        else len(top)
    ends = [el for el in top[:stop] if _is_section_end(el)]
    front_end = ends[-1] if ends else None

    # body: at the marker, else before the final section properties
    text: list[str] = []
    bw.nodes(text, doc.body)
    made = slots.add(text)
    if body_marker is not None:
        body_marker.addprevious(made)
        _detach(body_marker)
    else:
        final = body.find(SECTPR)
        if final is not None:
            final.addprevious(made)
        else:
            body.append(made)
    first_body = made if text else None

    if not doc.cover and not doc.front:
        if front_end is not None:  # drop the whole cover section
            for el in top[: top.index(front_end) + 1]:
                body.remove(el)
        elif toc_marker is not None:
            body.remove(toc_marker)
        return

    if front_end is None:
        front_end = _front_split(body, first_body, theme)
        top = list(body)
    keep_cover = cover_fields and bool(doc.cover)
    if cover_fields and not doc.cover:  # the report has no cover: drop the template's
        for el in top[: top.index(front_end)]:
            if el is not toc_marker and (el.tag in (P, w("tbl"), w("sdt")) or _is_blank(el)):
                body.remove(el)

    def fill(out: list[str]) -> None:
        if doc.cover and not cover_fields:
            bw.nodes(out, (*doc.cover, *((PageBreak(),) if doc.front else ()), *doc.front))
        else:
            bw.nodes(out, doc.front, break_first=keep_cover)

    anchor = toc_marker if toc_marker is not None and toc_marker.getparent() is body \
        else front_end
    anchor.addprevious(slots.made(fill))
    if toc_marker is not None:
        _detach(toc_marker)


def _is_blank(el: Element) -> bool:
    """An hwp-native blank line as :meth:`BodyWriter.blank` writes it (no runs, sized mark)."""
    if isinstance(el, etree._ProcessingInstruction):
        return bool(el.target == _BLANK)
    return (el.tag == P and el.find(R) is None
            and el.find(f"{PPR}/{w('rPr')}/{w('sz')}") is not None)


def _space_cover(body: Element, doc: LaidDocument, bw: BodyWriter, slots: _Slots) -> None:
    """Give the template's cover paragraphs the layout's vertical positions, so a long title
    moves the date/org up instead of pushing them onto a second page (as in the HWPX).
    With ``layout.blank_paragraphs`` the space is a blank line before the paragraph."""
    ids, blanks = bw.style_ids, bw.theme.layout.blank_paragraphs
    wanted = [(ids.get(p.role), p.space_before_pt) for p in doc.cover if isinstance(p, Para)]
    cover_ids = {i for i, _ in wanted if i}
    found: list[tuple[Element, str]] = []
    for p in body.iter(P):
        style = p.find(f"{PPR}/{w('pStyle')}")
        sid = style.get(w("val")) if style is not None else None
        if sid is not None and sid in cover_ids:
            found.append((p, sid))
        if p.find(f"{PPR}/{SECTPR}") is not None:
            break  # the cover is in the first section
    if [sid for _, sid in found] != [i for i, _ in wanted]:
        return  # a restyled cover that no longer matches the layout: leave it as designed
    for (p, _), (_, before) in zip(found, wanted, strict=True):
        pp = p.find(PPR)
        if pp is None:
            continue
        if blanks:
            prev = p.getprevious()
            if prev is not None and _is_blank(prev):
                _detach(prev)
            size = blank_line_pt(bw.theme, before)
            if size is not None:
                blank: list[str] = []
                bw.blank(blank, size)
                p.addprevious(slots.add(blank, blank=True))
            before = 0.0
        spacing = pp.find(w("spacing"))
        if spacing is None:
            spacing = sub(pp, "spacing")
        spacing.set(w("before"), str(pt_to_twip(before or 0.0)))


def _cover_logo(body: Element, doc: LaidDocument, bw: BodyWriter, slots: _Slots) -> None:
    """The report's cover logo in a template cover: before the organisation line."""
    logos = [n for n in doc.cover if isinstance(n, PictureBox)]
    if not logos:
        return
    org_id = bw.style_ids.get("cover_org")
    anchor: Element | None = None
    for p in body.iter(P):
        style = p.find(f"{PPR}/{w('pStyle')}")
        if style is not None and style.get(w("val")) == org_id:
            anchor = p
            break
        if p.find(f"{PPR}/{SECTPR}") is not None:
            break
    if anchor is None:
        return
    made = slots.made(lambda out: bw.drawing(out, logos[0], page_break=False))
    prev = anchor.getprevious()
    if prev is not None and _is_blank(prev):  # the org line's blank line goes above the logo
        anchor = prev
    anchor.addprevious(made)


_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                        "rsids", "mathPr", "attachedSchema", "themeFontLang",
                        "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions",
                        "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def _ask_field_update(settings: Element) -> None:
    """``w:updateFields``: Word offers to update the fields (목차 pages) when it opens the
    file, so the pre-filled page numbers become Word's own."""
    if settings.find(w("updateFields")) is not None:
        return
    el = settings.makeelement(w("updateFields"), {w("val"): "true"})
    for child in settings:
        if isinstance(child.tag, str) and child.tag.split("}")[-1] in _AFTER_UPDATE_FIELDS:
            child.addprevious(el)
            return
    settings.append(el)


def _fill(part: Compiled, env: Any, context: dict[str, Any], name: str, *,
          listing: bool = True) -> str:
    from ...freeform.templating import TemplateStopped, template_error

    try:
        return part.render(context, listing=listing)
    except (Exception, TemplateStopped) as exc:
        raise template_error(exc, name, part.where(env, exc)) from None


def _core_properties(tpl: Prepared, env: Any, context: dict[str, Any], name: str,
                     fields: dict[str, str]) -> bytes:
    """``docProps/core.xml``: the template's fields filled (as docxtpl does), then the
    report's title, kind (subject), organisation (category) and author, each cut to the
    255 characters a core property holds (a longer title stays in the text)."""
    values = {prop: _fill(part, env, context, name, listing=False)
              for prop, part in tpl.properties.items()}
    values.update(title=fields.get("title", ""), subject=fields.get("kind", ""),
                  category=fields.get("org_full", ""), author=fields.get("author", ""))
    root = copy.deepcopy(tpl.core) if tpl.core is not None else parse_xml(_EMPTY_CORE)
    for prop, value in values.items():
        tag = CORE_PROPERTIES[prop]
        el = root.find(tag)
        if el is None:
            el = etree.SubElement(root, tag)
        el.text = value[:CORE_PROPERTY_MAX]
    return to_bytes(root)


_EMPTY_CORE = (
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_EMPTY_SETTINGS = (
    b'<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)


def _styles(tpl: Prepared, theme: Theme) -> tuple[dict[str, str], bytes | None]:
    """Role → style id, and the styles part when the theme's styles had to be added."""
    found = tpl.styles.get(theme)
    if found is None:
        pkg = tpl.package
        named = pkg.related(STYLES_REL)
        if named:
            root = parse_xml(pkg.parts[named[0][1]])
            ids, changed = _style_ids(root, theme)
            found = (ids, to_bytes(root) if changed else None)
        else:  # no styles part: the body falls back to the theme's style ids
            found = ({}, None)
        if len(tpl.styles) > 8:
            tpl.styles.clear()
        tpl.styles[theme] = found
    return found


def _read(template: str | Path | None, theme: Theme, name: str) -> Prepared:
    from ...freeform.templating import TemplateStopped, template_error, watchdog
    from ...support.errors import short

    try:
        if template is not None:
            check_zip(Path(template))
        if template is None:  # the built-in template: trusted, compiled once per theme
            return prepared(default_template(theme))
        from ..package_entries import clean_docx

        data = clean_docx(Path(template).read_bytes(), name)
        with watchdog():
            return prepared(data)
    except LimitError as exc:
        raise RenderError(str(exc)) from None
    except CompileError as exc:
        raise template_error(exc.cause, name, exc.where) from None
    except (Exception, TemplateStopped) as exc:
        raise RenderError(f"{name}: not a readable DOCX template ({type(exc).__name__}: "
                          f"{short(str(exc))})") from None


def write_docx(doc: LaidDocument, theme: Theme, template: str | Path | None = None, *,
               source: bytes | None = None) -> bytes:
    """Render ``doc`` as DOCX bytes.

    ``template`` is a DOCX made from the default one (``templates/report.docx``) and
    restyled in Word/Hancom; ``None`` uses the template built from ``theme``.  Styles are
    looked up by name (``GR L1`` …, see :data:`STYLE_NAMES`); missing ones are added from
    the theme.  The template's Jinja fields are filled from ``doc.fields``; ``{{ toc }}``
    and ``{{ body }}`` mark where the 목 차 page and the body go.  ``source``: the report's
    JSON to carry in a custom XML part (:mod:`..source_part`).
    """
    from ...freeform.templating import TemplateStopped, template_error, watchdog

    name = str(template) if template is not None else "default template"
    tpl = _read(template, theme, name)
    env = tpl.env
    pkg = tpl.package
    context = {**doc.fields, TOC_FIELD: TOC_SENTINEL, BODY_FIELD: BODY_SENTINEL}
    parts: dict[str, bytes] = {}
    # a user's template is hostile input: filled under the time and memory watchdog
    with watchdog() if template is not None else contextlib.nullcontext():
        body_xml = _fill(tpl.body, env, context, name)
        for part_name, part in tpl.headers:
            filled = _fill(part, env, context, name)
            try:
                parts[part_name] = to_bytes(parse_xml(filled))
            except (Exception, TemplateStopped) as exc:
                raise template_error(exc, name, part.part) from None
        core = _core_properties(tpl, env, context, name, doc.fields)
        try:
            body: Element = DOCXTPL.fix_tables(body_xml)
        except (Exception, TemplateStopped) as exc:
            raise template_error(exc, name) from None
    shape = 1000
    for pr in body.iter(_WP_DOCPR):  # as docxtpl: the template's drawings renumbered
        shape += 1
        pr.set("id", str(shape))
    ids, styles_part = _styles(tpl, theme)
    media = PackageMedia({rid for rid, *_ in pkg.document_rels}, set(pkg.parts),
                         shape + 1 if shape > 1000 else 1)
    bw = BodyWriter(theme, ids, media)
    slots = _Slots()
    if tpl.cover_fields:
        _space_cover(body, doc, bw, slots)
        _cover_logo(body, doc, bw, slots)
    _assemble(body, doc, bw, tpl.cover_fields, slots)
    document = slots.document(tpl.head, body, tpl.tail)

    types: dict[str, str] = dict(media.content_types)
    doc_rels = list(pkg.document_rels)
    doc_rels.extend((rid, kind, target, None) for rid, kind, target in media.rels)
    if styles_part is not None:
        parts[pkg.related(STYLES_REL)[0][1]] = styles_part
    if any(isinstance(n, TocBlock) for n in doc.front):
        settings = pkg.related(SETTINGS_REL)
        if settings:
            root = parse_xml(pkg.parts[settings[0][1]])
            target = settings[0][1]
        else:
            root = parse_xml(_EMPTY_SETTINGS)
            target = "word/settings.xml"
            doc_rels.append((media.new_rid(), SETTINGS_REL, "settings.xml", None))
            types[f"/{target}"] = SETTINGS_TYPE
        _ask_field_update(root)
        parts[target] = to_bytes(root)
    core_name = pkg.core if pkg.core is not None else "docProps/core.xml"
    parts[core_name] = core
    if pkg.core is None:
        parts["_rels/.rels"] = rels_bytes([*pkg.package_rels,
                                           ("rIdCore", CORE_REL, core_name, None)])
        types[f"/{core_name}"] = CORE_TYPE
    if source is not None:
        from ..source_part import add_to_docx

        add_to_docx(parts, types, doc_rels, media.new_rid(), source)
    if len(doc_rels) != len(pkg.document_rels):
        parts[pkg.document_rels_name] = rels_bytes(doc_rels)
    parts.update(media.parts)
    if types:
        parts["[Content_Types].xml"] = content_types(pkg.parts["[Content_Types].xml"], types)
    return write_zip(pkg.infos, {**pkg.parts, **parts}, {pkg.document: document})
