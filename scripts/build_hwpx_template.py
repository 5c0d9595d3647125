"""Build the default HWPX template ``templates/report.hwpx``.

The template is an ordinary govreport HWPX: a cover whose texts are Jinja placeholders
(``{{ title }}``, ``{{ date }}``, ``{{ org }}``) and one paragraph ``{{ body }}`` where the
목차 and body go.  Its header carries a style for every role (「□ 1단계」, 「○ 2단계」 …), so a
user can open it in Hancom Office, restyle, add a logo, and save it as their own template.

The zip is written with fixed timestamps, so running this twice gives identical bytes; CI
can check the committed file with ``--check``.  Usage::

    .venv/bin/python scripts/build_hwpx_template.py [--theme seoul|central|PATH] [--out FILE]
    .venv/bin/python scripts/build_hwpx_template.py --check
"""

from __future__ import annotations

import argparse
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
DEFAULT_OUT = ROOT / "templates" / "report.hwpx"


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


def _theme(spec: str) -> Theme:
    if Path(spec).suffix.lower() in (".toml", ".json"):
        return Theme.load(spec)
    return Theme.profile_named(spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Build the default HWPX template templates/report.hwpx.")
    ap.add_argument("--theme", default="seoul", help="profile name or theme file (seoul)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output .hwpx (default: {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--check", action="store_true",
                    help="fail if the file differs from a fresh build (no write)")
    args = ap.parse_args(argv)
    if args.out.suffix.lower() != ".hwpx":
        ap.error(f"--out must name a .hwpx file, not {args.out}")
    try:
        theme = _theme(args.theme)
    except Exception as exc:  # unknown profile, unreadable or invalid theme file
        ap.error(f"--theme {args.theme}: {exc}")
    data = build(theme)
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out}: out of date; run scripts/build_hwpx_template.py",
                  file=sys.stderr)
            return 1
        print(f"{args.out}: up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
