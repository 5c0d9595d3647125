"""Entry point: :func:`write_hwpx` turns a laid-out document into ``.hwpx`` bytes."""

from __future__ import annotations

from pathlib import Path

from ...layout.nodes import LaidDocument
from ...theme import Theme
from .header import HeaderBuilder
from .package import Part, build_zip, paragraph_texts, preview_text, standard_parts
from .section import SectionWriter


def document_meta(doc: LaidDocument) -> dict[str, str]:
    """Package metadata from the document fields (no clock: output stays deterministic)."""
    f = doc.fields
    iso = f.get("date_iso", "")
    parts = [*iso.split("-"), "01", "01"][:3] if iso else ["1980", "01", "01"]
    date = f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00Z"
    return {"title": f.get("title", ""), "creator": f.get("org_full") or f.get("org", ""),
            "date": date, "subject": f.get("kind", ""),
            "description": f"author: {f['author']}" if f.get("author") else ""}


def write_hwpx(doc: LaidDocument, theme: Theme,
               template: str | Path | bytes | None = None, *, locale: str = "ko_KR",
               estimate_breaks: bool = False, source: bytes | None = None) -> bytes:
    """Write ``doc`` as HWPX bytes; with ``template`` (path or bytes of a ``.hwpx`` made in
    Hancom), fill its ``{{ placeholders }}`` and insert the 목차 and body at its
    ``{{ body }}`` paragraph (see :mod:`.template`); ``locale`` binds the template's
    formatting filters.  ``source``: the report's JSON to carry in the package
    (:mod:`..source_part`; not into a user's template).

    ``estimate_breaks`` writes the page estimate's own page ends (soft breaks) as page
    breaks too — only for engines that ignore keep rules (rhwp), as a check of the
    estimate; a document for people keeps them as keep rules (Hancom lays them out)."""
    if template is not None:
        from .template import fill_template

        return fill_template(template, doc, theme, locale=locale)
    header = HeaderBuilder(theme)
    writer = SectionWriter(theme, header, estimate_breaks=estimate_breaks)
    section = writer.document_pieces(doc)
    preview = preview_text(paragraph_texts(doc.all_nodes()))
    parts = standard_parts(header.render_bytes(), [""], document_meta(doc), preview)
    writer.media.add_to(parts)
    if source is not None:
        from ..source_part import add_to_hwpx

        add_to_hwpx(parts, source)
    zipped: dict[str, Part] = dict(parts)
    zipped["Contents/section0.xml"] = section  # in its place, zipped piece by piece
    return build_zip(zipped)
