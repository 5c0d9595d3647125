"""Writers by format name — the writers' side of the pandoc picture (readers: :data:`READERS`).

Two kinds of writer:

* a :class:`Writer` makes a format from a laid-out document (``docx``, ``hwpx``), or fills
  a free-form template of its own family with any data;
* a :class:`Converter` makes a format from *another writer's bytes*: ``pdf`` is the DOCX
  converted by LibreOffice (which also puts the real 목차 pages in, in the same run), ``hwp``
  the HWPX converted by python-hwpx.  A conversion runs once and never sends the layout back.

Everything a writer needs besides the layout travels in one :class:`WriterOptions`.
:func:`write` and :func:`fill` follow a converter back to its source writer, so callers
never branch on format names.  Modules are imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from ..layout.nodes import LaidDocument
    from ..theme import Theme

__all__ = [
    "WRITERS",
    "Converter",
    "Family",
    "Writer",
    "WriterOptions",
    "fill",
    "real_toc_pages",
    "template_family",
    "write",
    "writer_modules",
]

Family = Literal["docx", "hwpx"]
"""A template family: the writer whose templates a format takes (``pdf`` → ``docx``)."""


@attrs.frozen(slots=True, kw_only=True)
class WriterOptions:
    """What a writer needs besides the laid document.

    ``template``: a checked template file of the writer's family (``None``: the built-in
    one); ``locale``: for the formatting filters of free-form templates.
    """

    theme: Theme
    template: Path | None = None
    locale: str = "ko_KR"
    source: bytes | None = None
    """The report's canonical JSON to carry in the document (:mod:`.source_part`), or None."""


LayoutWriter = Callable[["LaidDocument", WriterOptions], bytes]
"""Laid document + options → the file's bytes."""
TemplateFiller = Callable[[Path, Mapping[str, Any], str], bytes]
"""Free-form template, JSON context, locale → the file's bytes."""


@attrs.frozen(slots=True, kw_only=True)
class Writer:
    """A format written from layout nodes (or a free-form template of its family)."""

    format: Family
    write: LayoutWriter
    fill: TemplateFiller
    module: str
    """The module that does the work (imported ahead by ``batch`` so workers start warm)."""


@attrs.frozen(slots=True, kw_only=True)
class Converter:
    """A format made from the bytes of the ``source`` writer."""

    format: str
    source: str
    convert: Callable[[bytes], bytes]
    module: str = ""


# ------------------------------------------------------------------------- the writers


def _write_docx(laid: LaidDocument, options: WriterOptions) -> bytes:
    from .docx import write_docx

    return write_docx(laid, options.theme, options.template, source=options.source)


def _fill_docx(template: Path, context: Mapping[str, Any], locale: str) -> bytes:
    from .docx.free import fill_free_docx

    return fill_free_docx(template, context, locale)


def _write_hwpx(laid: LaidDocument, options: WriterOptions) -> bytes:
    from .hwpx.writer import write_hwpx

    return write_hwpx(laid, options.theme, options.template, source=options.source)


def _fill_hwpx(template: Path, context: Mapping[str, Any], locale: str) -> bytes:
    from .hwpx.template import fill_free_template

    return fill_free_template(template, context, locale=locale)


def _docx_to_pdf(data: bytes) -> bytes:
    from .pdf import docx_to_pdf

    return docx_to_pdf(data)


def _hwpx_to_hwp(data: bytes) -> bytes:
    from .hwpx.hwp import hwpx_to_hwp

    return hwpx_to_hwp(data)


def real_toc_pages(laid: LaidDocument, pdf: bytes) -> LaidDocument | None:
    """``laid`` with the 목차 entries carrying the pages they really have in ``pdf`` (a
    DOCX rendered with a PDF takes its pages), or ``None`` when there is no 목차 or
    nothing to correct."""
    from ..layout import TocBlock
    from .pdf import toc_pages

    tocs = [n for n in laid.front if isinstance(n, TocBlock)]
    if not tocs:
        return None
    real = toc_pages(pdf, tocs[0].entries)
    if not real:
        return None
    entries = tuple(attrs.evolve(e, page=real.get(e.bookmark, e.page)) for e in tocs[0].entries)
    if entries == tocs[0].entries:
        return None
    front = tuple(attrs.evolve(n, entries=entries) if n is tocs[0] else n for n in laid.front)
    return attrs.evolve(laid, front=front)


WRITERS: Mapping[str, Writer | Converter] = {
    "docx": Writer(format="docx", write=_write_docx, fill=_fill_docx,
                   module="govreport.writers.docx"),
    "hwpx": Writer(format="hwpx", write=_write_hwpx, fill=_fill_hwpx,
                   module="govreport.writers.hwpx"),
    "hwp": Converter(format="hwp", source="hwpx", convert=_hwpx_to_hwp,
                     module="govreport.writers.hwpx.hwp"),
    # the conversion macro corrects the 목차 pages itself (one LibreOffice run)
    "pdf": Converter(format="pdf", source="docx", convert=_docx_to_pdf,
                     module="govreport.writers.pdf"),
}
"""Every output format by name (the file suffix)."""


def _entry(fmt: str) -> Writer | Converter:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise ValueError(f"no writer for {fmt!r}; known: {', '.join(WRITERS)}") from None


def _chain(fmt: str) -> tuple[Writer, list[Converter]]:
    """The writer ``fmt`` starts from and the conversions after it, in order."""
    conversions: list[Converter] = []
    entry = _entry(fmt)
    while isinstance(entry, Converter):
        if len(conversions) >= len(WRITERS):
            raise ValueError(f"{fmt}: the converters form a cycle")
        conversions.insert(0, entry)
        entry = _entry(entry.source)
    return entry, conversions


def template_family(fmt: str) -> Family:
    """The template type a format takes: ``docx`` (docx, pdf) or ``hwpx`` (hwpx, hwp)."""
    return _chain(fmt)[0].format


def writer_modules(fmt: str) -> list[str]:
    """The modules that write ``fmt`` (the source writer's first)."""
    base, conversions = _chain(fmt)
    return [base.module, *(c.module for c in conversions if c.module)]


def write(fmt: str, laid: LaidDocument, options: WriterOptions,
          made: MutableMapping[str, bytes] | None = None) -> bytes:
    """``laid`` as ``fmt`` bytes: the source writer, then each conversion in turn.

    ``made``: bytes already written from this ``laid`` with these ``options``, by format;
    the source writer's bytes are taken from there when present (``.hwp`` after ``.hwpx``)
    and added when written.
    """
    base, conversions = _chain(fmt)
    if made is not None and base.format in made:
        data = made[base.format]
    else:
        data = base.write(laid, options)
        if made is not None:
            made[base.format] = data
    for conv in conversions:
        data = conv.convert(data)
    return data


def fill(fmt: str, template: Path, context: Mapping[str, Any], locale: str) -> bytes:
    """A free-form ``template`` of ``fmt``'s family filled with ``context``, as ``fmt``."""
    base, conversions = _chain(fmt)
    data = base.fill(template, context, locale)
    for conv in conversions:
        data = conv.convert(data)
    return data
