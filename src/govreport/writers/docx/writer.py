"""``write_docx``: a laid-out report → DOCX bytes through a (restyleable) template.

1. open the template — the theme-built default (cached in memory) or a user's restyled copy;
2. fill its Jinja fields (``{{ title }}`` …, context = :attr:`LaidDocument.fields`) with
   docxtpl in the project's sandboxed environment (formatting filters available);
3. put the cover (the template's own when it has cover fields, else ``doc.cover``) and the
   목 차 page in the first section, the body at ``{{ body }}`` in the numbered section.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...errors import RenderError
from ...layout.nodes import LaidDocument, PageBreak, Para, PictureBox, TocBlock
from ...limits import LimitError, check_zip
from ...theme import Theme
from .. import blank_line_pt
from ..units import pt_to_twip
from .body import BodyWriter
from .filling import CORE_PROPERTY_MAX, BoundedDocxTemplate
from .ooxml import PPR, SECTPR, Element, P, R, sub, text_of, w
from .stamp import fixed_times
from .styles import SPACER_STYLE, STYLE_NAMES, build_styles, role_style, style_id
from .template import BODY_FIELD, TOC_FIELD, default_template

__all__ = ["write_docx"]

BODY_SENTINEL = "\u2063GOVREPORT-BODY\u2063"
TOC_SENTINEL = "\u2063GOVREPORT-TOC\u2063"
_COVER_FIELD = re.compile(r"\{\{[^}]*\b(title|cover_title|date|org|org_full|org_division)\b")


def _environment() -> Any:
    """The project's sandboxed Jinja environment (formatting filters included)."""
    try:
        from ...templating import environment

        return environment()
    except ImportError:  # pragma: no cover - templating module always ships
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment(autoescape=True)
        try:
            from ...formatting.filters import FILTERS

            env.filters.update(FILTERS)
        except ImportError:
            pass
        return env


def _template_error(exc: BaseException, name: str, where: str | None = None) -> Exception:
    try:
        from ...templating import template_error

        return template_error(exc, name, where)
    except ImportError:  # pragma: no cover
        return RuntimeError(f"{name}: template could not be filled: {exc}")


def _style_ids(document: Any, theme: Theme) -> dict[str, str]:
    """Role → style id in this template, adding the theme's style for any missing role."""
    styles_el: Element = document.styles.element
    by_name: dict[str, str] = {}
    for st in styles_el.iterchildren(w("style")):
        name_el = st.find(w("name"))
        if name_el is not None and st.get(w("type")) == "paragraph":
            by_name[str(name_el.get(w("val"), "")).lower()] = str(st.get(w("styleId")))
    out: dict[str, str] = {}
    for role, name in STYLE_NAMES.items():
        sid = by_name.get(name.lower())
        if sid is None:
            role_style(styles_el, theme, role)
            sid = style_id(name)
        out[role] = sid
    spacer = by_name.get(SPACER_STYLE.lower())
    if spacer is None:
        for st in build_styles(theme).iterchildren(w("style")):
            if st.get(w("styleId")) == style_id(SPACER_STYLE):
                styles_el.append(st)
        spacer = style_id(SPACER_STYLE)
    out["_spacer"] = spacer
    return out


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


def _build(body: Element, fill: Callable[[Element], None]) -> list[Element]:
    """Elements made by ``fill`` inside a scratch container (so they share the ``w:``
    prefix of the document), detached and ready to move."""
    holder = sub(body, "customXml")
    fill(holder)
    out = list(holder)
    for el in reversed(out):  # empty the holder first: removing a full subtree is quadratic
        holder.remove(el)
    body.remove(holder)
    return out


def _detach(el: Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _insert_before(anchor: Element, elements: list[Element]) -> None:
    for el in elements:
        anchor.addprevious(el)


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


def _assemble(body: Element, doc: LaidDocument, bw: BodyWriter, cover_fields: bool) -> None:
    theme = bw.theme
    body_marker = _marker(body, BODY_SENTINEL)
    toc_marker = _marker(body, TOC_SENTINEL)
    top = list(body)
    stop = top.index(body_marker) if body_marker is not None and body_marker in top \
        else len(top)
    ends = [el for el in top[:stop] if _is_section_end(el)]
    front_end = ends[-1] if ends else None

    # body: at the marker, else before the final section properties
    elements = _build(body, lambda h: bw.nodes(h, doc.body))
    if body_marker is not None:
        _insert_before(body_marker, elements)
        _detach(body_marker)
    else:
        final = body.find(SECTPR)
        if final is not None:
            _insert_before(final, elements)
        else:
            body.extend(elements)
    first_body = elements[0] if elements else None

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
            if el is not toc_marker and el.tag in (P, w("tbl"), w("sdt")):
                body.remove(el)

    def fill(h: Element) -> None:
        if doc.cover and not cover_fields:
            bw.nodes(h, (*doc.cover, *((PageBreak(),) if doc.front else ()), *doc.front))
        else:
            bw.nodes(h, doc.front, break_first=keep_cover)

    made = _build(body, fill)
    anchor = toc_marker if toc_marker is not None and toc_marker.getparent() is body \
        else front_end
    _insert_before(anchor, made)
    if toc_marker is not None:
        _detach(toc_marker)


def _is_blank(el: Element) -> bool:
    """An hwp-native blank line as :meth:`BodyWriter.blank` writes it (no runs, sized mark)."""
    return (el.tag == P and el.find(R) is None
            and el.find(f"{PPR}/{w('rPr')}/{w('sz')}") is not None)


def _space_cover(body: Element, doc: LaidDocument, bw: BodyWriter) -> None:
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
                p.addprevious(bw.blank(body, size))
            before = 0.0
        spacing = pp.find(w("spacing"))
        if spacing is None:
            spacing = sub(pp, "spacing")
        spacing.set(w("before"), str(pt_to_twip(before or 0.0)))


def _cover_logo(body: Element, doc: LaidDocument, bw: BodyWriter) -> None:
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
    made = _build(body, lambda h: bw.drawing(h, logos[0], page_break=False))
    prev = anchor.getprevious()
    if prev is not None and _is_blank(prev):  # the org line's blank line goes above the logo
        anchor = prev
    _insert_before(anchor, made)


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


def write_docx(doc: LaidDocument, theme: Theme, template: str | Path | None = None) -> bytes:
    """Render ``doc`` as DOCX bytes.

    ``template`` is a DOCX made from the default one (``templates/report.docx``) and
    restyled in Word/Hancom; ``None`` uses the template built from ``theme``.  Styles are
    looked up by name (``GR L1`` …, see :data:`STYLE_NAMES`); missing ones are added from
    the theme.  The template's Jinja fields are filled from ``doc.fields``; ``{{ toc }}``
    and ``{{ body }}`` mark where the 목 차 page and the body go.
    """
    from ...errors import short
    from ...templating import TemplateStopped, watchdog

    name = str(template) if template is not None else "default template"
    try:
        if template is not None:
            check_zip(Path(template))
        data = default_template(theme) if template is None else Path(template).read_bytes()
        with watchdog():
            tpl = BoundedDocxTemplate(io.BytesIO(data))
            document = tpl.get_docx()
    except LimitError as exc:
        raise RenderError(str(exc)) from None
    except (Exception, TemplateStopped) as exc:
        raise RenderError(f"{name}: not a readable DOCX template ({type(exc).__name__}: "
                          f"{short(str(exc))})") from None
    cover_fields = any(_COVER_FIELD.search(text_of(p))
                       for p in document.element.body.iter(P))
    context = {**doc.fields, TOC_FIELD: TOC_SENTINEL, BODY_FIELD: BODY_SENTINEL}
    env = _environment()
    try:
        with watchdog():
            tpl.render(context, jinja_env=env, autoescape=True)
    except (Exception, TemplateStopped) as exc:
        where = env.where(exc) if hasattr(env, "where") else None
        raise _template_error(exc, name, where) from None
    document = tpl.docx
    ids = _style_ids(document, theme)
    bw = BodyWriter(theme, ids)
    from .drawing import DocxMedia

    bw.media = DocxMedia(document)
    if cover_fields:
        _space_cover(document.element.body, doc, bw)
        _cover_logo(document.element.body, doc, bw)
    _assemble(document.element.body, doc, bw, cover_fields)
    if any(isinstance(n, TocBlock) for n in doc.front):
        _ask_field_update(document.settings.element)
    # a core property holds at most 255 characters (a longer title stays in the text)
    cut = CORE_PROPERTY_MAX
    props = document.core_properties
    props.title = doc.fields.get("title", "")[:cut]
    props.subject = doc.fields.get("kind", "")[:cut]  # 보고 종류; readers take it back from here
    props.category = doc.fields.get("org_full", "")[:cut]
    props.author = doc.fields.get("author", "")[:cut]
    buf = io.BytesIO()
    document.save(buf)
    return fixed_times(buf.getvalue())
