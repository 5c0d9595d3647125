"""The default HWPX template (``templates/report.hwpx``), built from a theme.

An ordinary govreport HWPX: a cover whose texts are Jinja placeholders (``{{ title }}``,
``{{ date }}``, ``{{ org }}``, ``{{ audience }}``) and one ``{{ body }}`` paragraph where the
목차 and body go.  Its header carries a style for every role (「□ 1단계」, 「○ 2단계」 …), so a
user can restyle it in Hancom Office, add a logo, and save it as their own template.
Deterministic: the same theme gives the same bytes.
"""

from __future__ import annotations

import attrs

from ...layout import LaidDocument, Para, Run, layout
from ...layout.nodes import iter_paras
from ...model import Meta, Report, parse_period
from ...theme import ROLES, Theme
from .header import HeaderBuilder
from .package import build_zip, preview_text, standard_parts
from .section import SectionWriter
from .writer import document_meta

PLACEHOLDERS = {
    "cover_title": "{{ title }}", "cover_date": "{{ date }}", "cover_org": "{{ org }}",
    "cover_audience": "{{ audience }}",
}  # fmt: skip


def template_document(theme: Theme) -> LaidDocument:
    """A cover laid out as for a one-line title, with placeholder texts, and the marker."""
    stub = Report(meta=Meta(title="{{ title }}", org="{{ org }}", date=parse_period("2025-04"),
                            audience="{{ audience }}"))
    laid = layout(stub, theme)
    cover = tuple(
        attrs.evolve(n, runs=(Run(text=PLACEHOLDERS[n.role]),))
        if isinstance(n, Para) and n.role in PLACEHOLDERS else n
        for n in laid.cover
    )
    marker = Para(role="paragraph", runs=(Run(text="{{ body }}"),))
    fields = {k: "{{ " + k + " }}" for k in laid.fields}
    return LaidDocument(fields=fields, cover=cover, front=(), body=(marker,),
                        page_number_format=laid.page_number_format)


def build_template(theme: Theme | None = None) -> bytes:
    """The template's bytes."""
    theme = theme or Theme.seoul()
    doc = template_document(theme)
    header = HeaderBuilder(theme)
    for role in ROLES:  # every role gets a named style the user can restyle in Hancom
        if role != "page_number":  # drawn with the character style 「쪽 번호」
            header.style(role)
    section = SectionWriter(theme, header).document(doc)
    texts = [p.text for p in iter_paras(doc.all_nodes())]
    meta = document_meta(doc) | {"title": "govreport 보고서 서식", "creator": "govreport"}
    return build_zip(standard_parts(header.render(), [section], meta, preview_text(texts)))
