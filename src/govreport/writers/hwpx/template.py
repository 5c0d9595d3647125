"""Fill a user's ``.hwpx`` template made in Hancom Office.

* Text placeholders — ``{{ title }}``, ``{{ date }}``, ``{{ org }}`` and every other key of
  :attr:`LaidDocument.fields` — are rendered with a sandboxed Jinja environment, also when
  Hancom split one placeholder over several ``hp:run``/``hp:t`` (the whole placeholder moves
  into the run where it starts, so it takes that run's character shape).
* The paragraph whose whole text is ``{{ body }}`` is replaced by the 목차 and the body.
  Their paragraphs use the template's own styles where a style is named like a role
  (``□ 1단계`` or ``L1``; see :data:`~.header.ROLE_STYLE_NAMES`): the style's character
  shape gives font, size and colour; indents and spacing still come from the layout.
  Other roles get govreport's shapes, appended to the template's header.
* The template keeps its page setup.  Without an ``hp:pageNum`` of its own it gets the
  ``- 1 -`` page number, hidden on the pages before the body.
"""

from __future__ import annotations

import contextlib
import html
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2
from lxml import etree

from ...freeform.templating import TemplateStopped, environment, template_error, watchdog
from ...layout.nodes import LaidDocument, Para, PictureBox
from ...support.errors import RenderError, short
from ...support.limits import current, hint
from ...theme import Theme
from ..package_entries import safe_entries
from ._xml import HH, HP, XMLNS
from .header import LANGS, ROLE_STYLE_NAMES, HeaderBuilder, StyleRef
from .media import HwpxMedia
from .package import MIMETYPE, build_zip, paragraph_texts, preview_text
from .section import SectionWriter
from .slots import Slot
from .slots import set_slot_text as _set
from .slots import slot_text as _get
from .slots import text_slots as _slots

_P, _RUN, _T = f"{{{HP}}}p", f"{{{HP}}}run", f"{{{HP}}}t"
_BODY_RE = re.compile(r"^\s*\{\{-?\s*p?\s*body\s*-?\}\}\s*$")
_EXPR_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_SECTION_RE = re.compile(r"^Contents/section(\d+)\.xml$")
_TEXT_RE = re.compile(rb"<hp:t>([^<]*)</hp:t>")
_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True,
                          huge_tree=True)


def _read(template: str | Path | bytes) -> dict[str, bytes]:
    data = template if isinstance(template, bytes) else Path(template).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            _check_entries(z.infolist(), _name(template))
            return {i.filename: z.read(i) for i in safe_entries(z.infolist(), _name(template))}
    except zipfile.BadZipFile as exc:
        raise RenderError(f"{_name(template)}: not a zip package ({short(str(exc))})") from None
    except (NotImplementedError, RuntimeError, zlib.error, EOFError, ValueError) as exc:
        raise RenderError(f"{_name(template)}: an unreadable zip package "
                          f"({type(exc).__name__}: {short(str(exc))})") from None


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    """The zip limits (entries, unpacked sizes) for a template given as bytes."""
    lim = current()
    if len(infos) > lim.template_entries:
        raise RenderError(f"{name}: template has {len(infos)} files inside, more than "
                          f"{lim.template_entries} ({hint('template_entries')})")
    part = lim.bytes("template_part_mb")
    total = sum(i.file_size for i in infos)
    big = next((i for i in infos if i.file_size > part), None)
    if big is not None:
        raise RenderError(f"{name}: template part {short(big.filename, 100)!r} unpacks to more "
                          f"than {lim.template_part_mb:g} MB ({hint('template_part_mb')})")
    if total > lim.bytes("template_total_mb"):
        raise RenderError(f"{name}: template unpacks to more than {lim.template_total_mb:g} MB "
                          f"({hint('template_total_mb')})")


def _parse_part(payload: bytes, part: str, name: str) -> etree._Element:
    """A template part's XML; a clear error when it is not well-formed."""
    try:
        return etree.fromstring(payload, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{name}: {part}: not well-formed XML ({short(str(exc))})") from None


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph's own runs (placeholders joined across runs)."""
    return "".join(_get(s) for s in _slots(p))


def _gather(slots: list[Slot]) -> bool:
    """Move every Jinja tag wholly into the slot where it starts; ``True`` if any."""
    texts = [_get(s) for s in slots]
    full = "".join(texts)
    if "{" not in full:
        return False
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t)
    owner = [-1] * len(full)  # slot that gets each character
    for i, start in enumerate(starts):
        for k in range(start, start + len(texts[i])):
            owner[k] = i
    found = False
    for m in _EXPR_RE.finditer(full):
        found = True
        first = owner[m.start()]
        for k in range(m.start(), m.end()):
            owner[k] = first
    if not found:
        return False
    new = [""] * len(slots)
    for k, ch in enumerate(full):
        new[owner[k]] += ch
    for s, value in zip(slots, new, strict=True):
        _set(s, value)
    return True


def _fill_paragraph(p: etree._Element, env: jinja2.Environment,
                    context: Mapping[str, Any], name: str, where: str) -> None:
    """Render the placeholders of paragraph ``p``; an error names ``where`` (section file,
    paragraph number) and the placeholder text."""
    slots = _slots(p)
    if not slots or not _gather(slots):
        return
    for s in slots:
        text = _get(s)
        if "{" in text:
            try:
                _set(s, _xml_text(env.from_string(text).render(context)))
            except (Exception, TemplateStopped) as exc:
                raise template_error(exc, name, f"{where} {short(text.strip(), 80)!r}") from None
    for cache in p.findall(f"{{{HP}}}linesegarray"):  # stale line layout of changed text
        p.remove(cache)


class _TemplateHeader:
    """The template's ``header.xml``: its ids, fonts and named styles."""

    def __init__(self, payload: bytes) -> None:
        self.root = etree.fromstring(payload, _PARSER)
        self.fonts: dict[str, list[str]] = {}
        for face in self.root.iter(f"{{{HH}}}fontface"):
            lang = face.get("lang", "")
            self.fonts[lang] = [f.get("face", "") for f in face.iterfind(f"{{{HH}}}font")]
        self.base = {
            "char": self._next("charPr"), "para": self._next("paraPr"),
            "border": self._next("borderFill", 1), "tab": self._next("tabPr"),
            "style": self._next("style"),
        }  # fmt: skip
        self.styles: dict[str, StyleRef] = {}
        self.names: set[str] = set()
        for st in self.root.iter(f"{{{HH}}}style"):
            self.names.update(n for n in (st.get("name"), st.get("engName")) if n)
            if st.get("type", "PARA") != "PARA":
                continue
            ref = StyleRef(int(st.get("id", "0")), int(st.get("paraPrIDRef", "0")),
                           int(st.get("charPrIDRef", "0")))
            for key in (st.get("name"), st.get("engName")):
                if key:
                    self.styles.setdefault(key, ref)

    def _next(self, tag: str, minimum: int = 0) -> int:
        ids = [int(e.get("id", "0")) for e in self.root.iter(f"{{{HH}}}{tag}")]
        return max([*ids, minimum - 1]) + 1

    def merge(self, h: HeaderBuilder) -> bytes:
        """Append the builder's new shapes and styles; update the item counts."""
        wrap = f'<hh:x {XMLNS}>{{}}</hh:x>'

        def append(container: str, items: str) -> None:
            node = self.root.find(f".//{{{HH}}}{container}")
            if node is None:
                ref = self.root.find(f"{{{HH}}}refList")
                if ref is None:
                    raise RenderError("HWPX template header has no hh:refList")
                node = etree.SubElement(ref, f"{{{HH}}}{container}")
            for child in etree.fromstring(wrap.format(items), _PARSER):
                node.append(child)
            node.set("itemCnt", str(len(node)))

        for face in self.root.iter(f"{{{HH}}}fontface"):
            lang = face.get("lang", "")
            if lang in LANGS:
                for child in etree.fromstring(wrap.format(h.fonts_xml(lang, new_only=True)),
                                              _PARSER):
                    face.append(child)
                face.set("fontCnt", str(len(face.findall(f"{{{HH}}}font"))))
        append("borderFills", h.border_fills_xml())
        append("charProperties", h.char_prs_xml())
        append("tabProperties", h.tab_prs_xml())
        append("paraProperties", h.para_prs_xml())
        append("styles", h.styles_xml())
        out: bytes = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)
        return out


def _sections(parts: Mapping[str, bytes]) -> list[str]:
    names = [n for n in parts if _SECTION_RE.match(n)]
    return sorted(names, key=lambda n: int(_SECTION_RE.match(n).group(1)))  # type: ignore[union-attr]


def _name(template: str | Path | bytes) -> str:
    return "HWPX template" if isinstance(template, bytes) else str(template)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Rendered text XML can hold: characters XML 1.0 forbids become U+FFFD (never dropped
    silently with the rest of the text)."""
    return _XML_BAD.sub("\ufffd", text)


@contextlib.contextmanager
def _guarded(name: str) -> Iterator[None]:
    """The watchdog around a fill; anything it stops becomes a RenderError naming the
    template."""
    try:
        with watchdog():
            yield
    except RenderError:
        raise
    except (Exception, TemplateStopped) as exc:
        raise template_error(exc, name) from None


def _open(template: str | Path | bytes) -> dict[str, bytes]:
    parts = _read(template)
    if parts.get("mimetype", b"").strip() != MIMETYPE or "Contents/header.xml" not in parts:
        raise RenderError(f"{_name(template)}: not an HWPX package (mimetype / header.xml)")
    return parts


def fill_template(template: str | Path | bytes, doc: LaidDocument, theme: Theme, *,
                  locale: str = "ko_KR") -> bytes:
    """Fill ``template`` with ``doc`` (see the module docstring) and return HWPX bytes."""
    parts = _open(template)
    head = _TemplateHeader(parts["Contents/header.xml"])
    builder = HeaderBuilder(theme, base=head.base, base_fonts=head.fonts)
    for role, name in ROLE_STYLE_NAMES.items():
        ref = head.styles.get(name) or head.styles.get(role)
        if ref is not None:
            builder.adopt_style(role, ref)
    if not head.names & {"쪽 번호", "Page Number"}:
        builder.page_number_style()
    env = environment(locale)
    context = dict(doc.fields)
    marker_done = logo_placed = False
    media = HwpxMedia()
    with _guarded(_name(template)):
        for name in _sections(parts):
            root = _parse_part(parts[name], name, _name(template))
            max_id = max([int(p.get("id", "0")) for p in root.iter(_P)
                          if p.get("id", "0").isdigit()] + [0])
            if not marker_done and not logo_placed:
                logo_placed = _insert_cover_logo(root, doc, theme, builder,
                                                 max_id + 1_000_000, media)
            for i, p in enumerate(list(root.iter(_P))):
                if not marker_done and _BODY_RE.match(paragraph_text(p)):
                    _insert_body(root, p, doc, theme, builder, max_id + 1, media)
                    marker_done = True
                else:
                    _fill_paragraph(p, env, context, _name(template),
                                    f"{name} paragraph {i + 1}")
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
    if not marker_done:
        raise RenderError(f"{_name(template)}: no paragraph '{{{{ body }}}}' to insert the "
                          "report at")
    parts["Contents/header.xml"] = head.merge(builder)
    media.add_to(parts)
    parts["Preview/PrvText.txt"] = preview_text(itertools.chain(
        [doc.fields.get("title", "")], paragraph_texts(doc.all_nodes()))).encode()
    return build_zip(parts)


_ORG_RE = re.compile(r"\{\{-?\s*org(?:_full|_division)?\s*-?\}\}")
_DATE_RE = re.compile(r"\{\{-?\s*date\s*-?\}\}")


def _insert_cover_logo(root: etree._Element, doc: LaidDocument, theme: Theme,
                       builder: HeaderBuilder, first_id: int, media: HwpxMedia) -> bool:
    """The report's cover logo in a template cover: a picture paragraph before the
    ``{{ org }}`` line (as in DOCX templates).  True when it was placed."""
    logos = [n for n in doc.cover if isinstance(n, PictureBox)]
    if not logos:
        return False
    for p in root.iter(_P):
        if _BODY_RE.match(paragraph_text(p)):
            return False
        if p.getparent() is root and _ORG_RE.search(paragraph_text(p)):
            writer = SectionWriter(theme, builder, first_para_id=first_id, media=media)
            # the template's cover spacing stays as designed: the logo takes no space before
            logo = attrs.evolve(logos[0], space_before_pt=0.0)
            xml = f"<hs:sec {XMLNS}>{writer.drawing(logo)}</hs:sec>"
            for new in reversed(list(etree.fromstring(xml, _PARSER))):
                p.addprevious(new)
            _room_for_logo(root, p, doc, builder)
            return True
    return False


def _room_for_logo(root: etree._Element, org: etree._Element, doc: LaidDocument,
                   builder: HeaderBuilder) -> None:
    """Give the ``{{ date }}`` line above the logo the layout's space before (which makes
    room for the logo), so that the cover stays one page as without a template."""
    wanted = next((n.space_before_pt for n in doc.cover
                   if isinstance(n, Para) and n.role == "cover_date"), None)
    if wanted is None:
        return
    for p in root.iter(_P):
        if p is org:
            return
        if p.getparent() is root and _DATE_RE.search(paragraph_text(p)):
            p.set("paraPrIDRef", str(builder.para(builder.para_key(
                "cover_date", align="center", prev_pt=wanted or 0.0))))
            return


def _insert_body(root: etree._Element, marker: etree._Element, doc: LaidDocument,
                 theme: Theme, builder: HeaderBuilder, first_id: int,
                 media: HwpxMedia | None = None) -> None:
    """Replace the marker paragraph by the 목차 and body paragraphs."""
    if marker.getparent() is not root:
        raise RenderError("the '{{ body }}' paragraph must not be inside a table or box")
    writer = SectionWriter(theme, builder, first_para_id=first_id, media=media)
    # Keep the section definition if the marker paragraph holds it (other controls of the
    # marker — page hiding, numbering — are replaced by the writer's own).
    keep = [r for r in marker.iterfind(_RUN) if r.find(f"{{{HP}}}secPr") is not None]
    for r in keep:
        for t in r.findall(_T):
            r.remove(t)
    writer.lead_run = "".join(etree.tostring(r, encoding="unicode") for r in keep)
    has_page_num = root.find(f".//{{{HP}}}pageNum") is not None
    index = root.index(marker)
    if not has_page_num and writer.page_numbers:
        first = root[0]
        if first is not marker:
            _prepend_ctrls(first, writer.page_num_ctrl(), writer.hide_front)
        else:
            writer.lead_ctrls = writer.page_num_ctrl()
    writer.start_with_break = index > 0 or marker.get("pageBreak") == "1"
    writer.parts(doc, include_cover=False)
    xml = f"<hs:sec {XMLNS}>{''.join(writer.out)}</hs:sec>"
    new = list(etree.fromstring(xml, _PARSER))
    root.remove(marker)
    for offset, p in enumerate(new):
        root.insert(index + offset, p)


def _prepend_ctrls(p: etree._Element, page_num: str, hide: bool) -> None:
    """Put the page-number control (and its hiding on this page) into ``p``."""
    xml = page_num + (
        '<hp:ctrl><hp:pageHiding hideHeader="0" hideFooter="0" hideMasterPage="0" '
        'hideBorder="0" hideFill="0" hidePageNum="1"/></hp:ctrl>' if hide else "")
    run = etree.fromstring(f'<hp:run {XMLNS} charPrIDRef="0">{xml}</hp:run>', _PARSER)
    runs = p.findall(_RUN)
    if runs:
        run.set("charPrIDRef", runs[0].get("charPrIDRef", "0"))
    # after the run holding secPr/colPr, else first
    pos = 0
    for i, child in enumerate(p):
        if child.tag == _RUN and child.find(f"{{{HP}}}secPr") is not None:
            pos = i + 1
    p.insert(pos, run)


def fill_free_template(template: str | Path | bytes, context: Mapping[str, Any], *,
                       locale: str = "ko_KR") -> bytes:
    """Fill a free-form template (no ``{{ body }}``) with any data, with docxtpl's tags:
    ``{%p for/if %}`` repeat or drop paragraphs, ``{%tr for %}`` table rows, ``{%tc %}``
    cells, ``{% vmerge %}``/``{% vm %}`` merge cells down (see :mod:`.free`); layout,
    styles and page setup stay the template's."""
    from .free import fill_sections

    parts = _open(template)
    names = _sections(parts)
    filled = fill_sections({n: parts[n] for n in names}, context, _name(template), locale)
    texts: list[str] = []
    for name, xml in filled.items():
        parts[name] = xml
        for m in _TEXT_RE.finditer(xml):  # the preview needs only the first few texts
            if m.group(1):
                texts.append(html.unescape(m.group(1).decode()))
            if len(texts) > 200:
                break
    parts["Preview/PrvText.txt"] = preview_text(texts).encode()
    return build_zip(parts)


__all__ = ["fill_free_template", "fill_template", "paragraph_text"]
