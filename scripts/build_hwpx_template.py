"""Build the default HWPX template ``templates/report.hwpx``.

The template is an ordinary govreport HWPX: a cover whose texts are Jinja placeholders
(``{{ title }}``, ``{{ date }}``, ``{{ org }}``) and one paragraph ``{{ body }}`` where the
목차 and body go.  Its header carries a style for every role (「□ 1단계」, 「○ 2단계」 …), so a
user can open it in Hancom Office, restyle, add a logo, and save it as their own template.

Run from the repository root::

    python scripts/build_hwpx_template.py [OUT.hwpx]
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

from govreport.layout import LaidDocument, Para, Run, layout
from govreport.layout.nodes import iter_paras
from govreport.theme import ROLES, Theme
from govreport.writers.hwpx.header import HeaderBuilder
from govreport.writers.hwpx.package import build_zip, preview_text, standard_parts
from govreport.writers.hwpx.section import SectionWriter
from govreport.writers.hwpx.writer import document_meta

PLACEHOLDERS = {
    "cover_title": "{{ title }}", "cover_date": "{{ date }}", "cover_org": "{{ org }}",
    "cover_audience": "{{ audience }}",
}  # fmt: skip
ROOT = Path(__file__).resolve().parent.parent


def template_document(theme: Theme) -> LaidDocument:
    """The seed's cover geometry with placeholder texts, and the ``{{ body }}`` marker."""
    import govreport

    seed = layout(govreport.load(ROOT / "examples" / "seoul-mayor-office-2025-04.json"), theme)
    cover = tuple(
        attrs.evolve(n, runs=(Run(text=PLACEHOLDERS[n.role]),))
        if isinstance(n, Para) and n.role in PLACEHOLDERS else n
        for n in seed.cover
    )
    marker = Para(role="paragraph", runs=(Run(text="{{ body }}"),))
    fields = {k: "{{ " + k + " }}" for k in seed.fields}
    return LaidDocument(fields=fields, cover=cover, front=(), body=(marker,),
                        page_number_format=seed.page_number_format)


def build(theme: Theme | None = None) -> bytes:
    """The template's bytes (deterministic)."""
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


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "templates" / "report.hwpx"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
