"""``render()``: a report (or any JSON data with a free-form template) → DOCX/HWPX/HWP/PDF.

The pipeline is ``Report → layout → writer``.  Both writers consume the same
:class:`~govreport.layout.LaidDocument`, so DOCX and HWPX cannot disagree.  Output files are
written atomically (temporary file, then rename); an existing file is replaced only with
``overwrite=True``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from ..support.errors import RenderError, ValidationError, short

# Imported on first call (attrs and the limits too): ``import govreport`` and
# ``govreport --help`` stay cheap (issue 11; tests/test_startup.py).
if TYPE_CHECKING:
    from pathlib import Path

    from ..layout import LaidDocument
    from ..model import Report
    from ..support.limits import Limits
    from ..theme import Theme
    from ..writers.registry import Family, WriterOptions

Format = Literal["docx", "hwpx", "hwp", "pdf"]
FORMATS: tuple[Format, ...] = ("docx", "hwpx", "hwp", "pdf")
BODY_MARKER = "{{ body }}"


def output_format(path: str | os.PathLike[str]) -> Format:
    """The format named by a file's suffix; a clear error for anything else."""
    from pathlib import Path

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise RenderError(
            f"{path}: unknown output type {suffix!r}; use one of .docx, .hwpx, .hwp, .pdf"
        )
    return suffix


def resolve_template(template: str | os.PathLike[str], family: Family) -> Path:
    """A template file: an existing path, else a shipped template name (``report``,
    ``brief`` …, see :mod:`govreport.app.shipped_templates`); a clear error for neither."""
    from pathlib import Path

    from .shipped_templates import lookup, names

    path = Path(template)
    if path.is_file():
        return path
    found = lookup(os.fspath(template)).get(family)
    if found is not None:
        return found.path
    if lookup(os.fspath(template)):
        raise RenderError(f"{template}: the shipped template has no .{family} version")
    raise RenderError(f"{template}: template not found (a .docx/.hwpx file or a shipped "
                      f"name: {', '.join(names())})")


def check_template(template: Path, fmt: Format) -> None:
    """Refuse a template that is not a zip package or passes the zip limits (a zip bomb)."""
    import zipfile

    from ..support.limits import LimitError, check_zip

    try:
        check_zip(template)
    except LimitError as exc:
        raise RenderError(str(exc)) from None
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise RenderError(f"{template}: not a readable {fmt.upper()} template "
                          f"({short(str(exc))})") from None


def is_free_form(template: Path, fmt: Format) -> bool:
    """A template is free-form when it has no ``{{ body }}`` marker."""
    import zipfile
    import zlib

    check_template(template, fmt)
    try:
        with zipfile.ZipFile(template) as z:
            names = [n for n in z.namelist() if n.endswith(".xml")]
            wanted = [n for n in names if n.startswith(("word/document", "Contents/section"))]
            for name in wanted:
                text = z.read(name).decode("utf-8", "replace")
                if "body" in text and _has_marker(text):
                    return False
    except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError,
            EOFError, zlib.error) as exc:
        raise RenderError(f"{template}: not a readable {fmt.upper()} template "
                          f"({type(exc).__name__}: {short(str(exc))})") from None
    return True


def _has_marker(xml: str) -> bool:
    import re

    plain = re.sub(r"<[^>]+>", "", xml)
    return re.search(r"\{\{\s*p?\s*body\s*\}\}", plain) is not None


class Layouts:
    """The layouts made for one report, so that several writers share one: pass the same
    ``Layouts`` to every :func:`render_bytes` call of a report (:func:`render_many`,
    ``batch`` and ``govreport render -o A -o B`` do).  A layout is reused only for the same
    report object, an equal theme and the same locale; anything else is laid out anew.

    The bytes a writer made from a layout are kept too, so that a format converted from
    another (``.hwp`` from the ``.hwpx``) starts from them instead of writing them again."""

    __slots__ = ("_made", "_sources", "_written")

    def __init__(self) -> None:
        self._made: list[tuple[Report, Theme, str, LaidDocument]] = []
        self._written: list[tuple[LaidDocument, WriterOptions, dict[str, bytes]]] = []
        self._sources: list[tuple[Report, bytes]] = []

    def source(self, report: Report) -> bytes:
        """The JSON of ``report`` that its documents carry (made once per report)."""
        from ..writers.source_part import source_json

        for made, data in self._sources:
            if made is report:
                return data
        data = source_json(report)
        self._sources.append((report, data))
        return data

    def of(self, report: Report, theme: Theme, locale: str) -> LaidDocument:
        """The layout of ``report`` with ``theme`` and ``locale`` (made on first request)."""
        from ..layout import layout

        for made, th, loc, laid in self._made:
            if made is report and loc == locale and (th is theme or th == theme):
                return laid
        laid = layout(report, theme, locale)
        self._made.append((report, theme, locale, laid))
        return laid

    def written(self, laid: LaidDocument, options: WriterOptions) -> dict[str, bytes]:
        """The bytes already written from ``laid`` with ``options``, by format (to add to)."""
        for made, opts, data in self._written:
            if made is laid and opts == options:
                return data
        data = {}
        self._written.append((laid, options, data))
        return data


def render_bytes(
    source: Report | Mapping[str, Any] | Any,
    fmt: Format,
    *,
    template: str | os.PathLike[str] | None = None,
    theme: Theme | str | os.PathLike[str] | None = None,
    locale: str = "ko_KR",
    check: bool = True,
    toc_pdf: bytes | None = None,
    limits: Limits | None = None,
    layouts: Layouts | None = None,
    embed_source: bool = True,
) -> bytes:
    """Render to bytes of the given format (see :func:`render`); ``check`` runs the semantic
    checks first (a report built in Python has not been through :func:`govreport.load`).
    ``toc_pdf``: a PDF of the same report (and theme) whose real page numbers a DOCX's
    목차 takes instead of the estimate (see :func:`render_many`): for a PDF this process
    rendered, the pages LibreOffice printed in its 목차; else (a PDF from the plain
    fallback conversion, or made elsewhere) those read from its text with ``pdftotext``
    when installed (see :func:`govreport.writers.pdf.toc_pages`).  ``limits``: see
    :mod:`govreport.support.limits`.  ``layouts``: shared by the calls that render one report to
    several formats, so that it is laid out once (see :class:`Layouts`).  ``embed_source``:
    carry the report's JSON in the DOCX/HWPX (:mod:`govreport.writers.source_part`), so
    that reading the document back is exact; ``False`` leaves it out."""
    from ..support.limits import using

    with using(limits):
        return _render_bytes(source, fmt, template=template, theme=theme, locale=locale,
                             check=check, toc_pdf=toc_pdf, layouts=layouts,
                             embed_source=embed_source)


def _render_bytes(
    source: Report | Mapping[str, Any] | Any,
    fmt: Format,
    *,
    template: str | os.PathLike[str] | None,
    theme: Theme | str | os.PathLike[str] | None,
    locale: str,
    check: bool,
    toc_pdf: bytes | None,
    layouts: Layouts | None = None,
    embed_source: bool = True,
) -> bytes:
    from ..checks.semantic import check_report
    from ..codec.converter import structure
    from ..model import Report
    from ..theme import resolve_theme
    from ..writers.registry import WriterOptions, fill, real_toc_pages, template_family, write

    if not isinstance(source, Report) and not _is_json_data(source):
        raise TypeError(f"render: source must be a Report, JSON data or a path, not "
                        f"{type(source).__name__}")
    family = template_family(fmt)
    tpl = resolve_template(template, family) if template is not None else None
    th = resolve_theme(theme)
    report: Report | None = source if isinstance(source, Report) else None
    if report is None and isinstance(source, Mapping) and "meta" in source:
        report = structure(dict(source))
    if tpl is not None and tpl.suffix.lower() != f".{family}":
        raise RenderError(
            f"{tpl}: a {tpl.suffix or 'suffix-less'} template cannot make .{fmt} output "
            f"(use a .{family} template, or none)"
        )
    free = tpl is not None and is_free_form(tpl, family)
    if report is None and not free:
        raise RenderError(
            "the data is not a report (no \"meta\"); free-form rendering of other JSON needs "
            "a template without a {{ body }} marker (--template)"
        )
    if free:
        assert tpl is not None
        return fill(fmt, tpl, _free_context(report, source, th, locale), locale)
    assert report is not None
    if check:
        errors = [p for p in check_report(report) if p.severity == "error"]
        if errors:
            raise ValidationError(errors)
    layouts = layouts if layouts is not None else Layouts()
    try:
        laid = layouts.of(report, th, locale)
        if fmt == "docx" and toc_pdf is not None:
            laid = real_toc_pages(laid, toc_pdf) or laid
        options = WriterOptions(theme=th, template=tpl, locale=locale,
                                source=layouts.source(report) if embed_source else None)
        return write(fmt, laid, options, made=layouts.written(laid, options))
    except RecursionError:  # check=False on absurdly nested blocks: what the check says
        from ..support.errors import Problem
        from ..support.limits import current

        raise ValidationError([Problem(path="$", message=(
            f"blocks nested too deeply to render (the checks allow "
            f"{current().nesting} levels of children; limit nesting)"))]) from None


def render_many(
    source: Report | Mapping[str, Any] | Any,
    formats: Sequence[Format],
    *,
    templates: Mapping[str, str | os.PathLike[str] | None] | None = None,
    theme: Theme | str | os.PathLike[str] | None = None,
    locale: str = "ko_KR",
    check: bool = True,
    embed_source: bool = True,
) -> list[bytes]:
    """Render one source to several formats (bytes in the order of ``formats``).

    ``templates`` maps a template family (``docx`` for .docx/.pdf, ``hwpx`` for
    .hwpx/.hwp) to its template.  With both DOCX and PDF, the PDF is made first and the
    DOCX's 목차 carries the page numbers the PDF's 목차 prints.  The report is checked and
    laid out once; every writer gets the same layout.
    """
    from ..model import Report

    tpls = dict(templates or {})
    out: dict[Format, bytes] = {}
    if not isinstance(source, Report) and isinstance(source, Mapping) and "meta" in source:
        from ..codec.converter import structure

        source = structure(dict(source))  # structured (and then checked) once
    from ..theme import resolve_theme
    from ..writers.registry import template_family

    th = resolve_theme(theme)
    layouts = Layouts()  # laid out once, written by every writer
    for fmt in pdf_first(formats):
        if fmt in out:
            continue
        out[fmt] = render_bytes(source, fmt, template=tpls.get(template_family(fmt)), theme=th,
                                locale=locale, check=check,
                                toc_pdf=out.get("pdf") if fmt == "docx" else None,
                                layouts=layouts, embed_source=embed_source)
    return [out[f] for f in formats]


def pdf_first(formats: Sequence[Format]) -> list[Format]:
    """``formats`` in the order to write them: PDF first, so that a DOCX can take the PDF's
    목차 pages; then the formats written from the layout; then those converted from them
    (``.hwp`` from the ``.hwpx`` just written)."""
    from ..writers.registry import WRITERS, Converter

    return sorted(formats, key=lambda f: (f != "pdf", isinstance(WRITERS[f], Converter)))


def _is_json_data(value: Any) -> bool:
    """Whether ``value`` is JSON-like data (dict, list, str, number, bool, None) at the top."""
    return isinstance(value, Mapping | list | tuple | str | int | float | bool) or value is None


def _free_context(report: Report | None, source: Any, theme: Theme,
                  locale: str) -> dict[str, Any]:
    """Jinja context: a report's JSON plus its formatted ``fields``; other JSON as it is."""
    from ..codec.converter import unstructure
    from ..layout import report_fields

    if report is not None:
        data = unstructure(report)
        data["fields"] = report_fields(report, theme, locale)
        return data
    if isinstance(source, Mapping):
        return dict(source)
    return {"data": source}


def load_source(path: str | os.PathLike[str], *, limits: Limits | None = None,
                coerce_numbers: bool = False) -> Report | Any:
    """Load a JSON file: a checked :class:`Report` when it has ``meta``, else the raw data.

    JSON is read as :func:`govreport.load` reads it (size limit, UTF-8/16/32 detection, the
    CP949 hint, JSON syntax errors with line and column): every problem is a
    :class:`ValidationError` naming the file.  A document (``.hwpx`` ``.hwp`` ``.docx``
    ``.txt``) is read by the reader of its format (:data:`govreport.readers.READERS`), so
    ``render`` and ``batch`` restyle existing reports; a package is first checked against
    the zip limits.
    """
    from pathlib import Path

    p = Path(path)
    from ..readers import READERS, input_format
    from ..readers.json import read_json, report_from_data
    from ..support.limits import using

    with using(limits):
        if p.suffix.lower() not in (".json", "") and p.suffix.lower().lstrip(".") in (
                *READERS, "text"):
            from ..readers import read

            if p.suffix.lower() in (".hwpx", ".docx"):
                _check_package(p)
            return read(p, input_format(p))
        data = read_json(p)
        if isinstance(data, dict) and "meta" in data:
            return report_from_data(data, str(p), base_dir=p.parent,
                                    coerce_numbers=coerce_numbers)
        return data


def _check_package(path: Path) -> None:
    """A document package (input) within the zip limits, else a ValidationError."""
    import zipfile

    from ..support.errors import Problem
    from ..support.limits import LimitError, check_zip

    try:
        check_zip(path)
    except LimitError as exc:
        raise ValidationError([Problem(path="$", message=str(exc).partition(": ")[2])],
                              str(path)) from None
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ValidationError([Problem(path="$", message=f"not a readable document "
                                       f"({short(str(exc))})")], str(path)) from None


def render(
    source: Report | Mapping[str, Any] | str | os.PathLike[str] | Any,
    output: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    theme: Theme | str | os.PathLike[str] | None = None,
    locale: str = "ko_KR",
    overwrite: bool = True,
    check: bool = True,
    limits: Limits | None = None,
    embed_source: bool = True,
) -> Path:
    """Render ``source`` to ``output`` (.docx, .hwpx, .hwp or .pdf, by suffix).

    ``source`` is a :class:`Report`, report JSON data, a path to a JSON file, or — with a
    free-form ``template`` (no ``{{ body }}`` marker) — any JSON data.  ``template`` is a
    file or a shipped template name (``report``, ``brief``, ``table-dump``).  ``theme`` is a
    :class:`Theme`, a profile name or a theme file.  ``limits`` overrides the default
    :class:`~govreport.support.limits.Limits` (input size, table size, template size, time).
    ``embed_source=False`` leaves the report's JSON out of a DOCX/HWPX (see
    :func:`render_bytes`).  Written atomically.
    """
    from pathlib import Path

    out = Path(output)
    fmt = output_format(out)
    if out.exists() and not overwrite:
        raise RenderError(f"{out}: file exists (use --force to overwrite)")
    folder: Path | None = None
    if isinstance(source, str | os.PathLike):
        folder = Path(source).parent
        source = load_source(source, limits=limits)
        check = False  # load_source → load() has run the semantic checks already
    from ..support.images import reading_from

    with reading_from(folder):  # free-form image() paths are relative to the data file
        data = render_bytes(source, fmt, template=template, theme=theme, locale=locale,
                            check=check, limits=limits, embed_source=embed_source)
    from ..support.files import write_atomic

    write_atomic(out, data, replace=overwrite)
    return out


__all__ = ["FORMATS", "Format", "Layouts", "ValidationError", "is_free_form", "load_source",
           "output_format", "render", "render_bytes", "render_many", "resolve_template"]
