"""Readers: existing reports (HWPX, HWP, DOCX, plain 개조식 text, JSON) → the typed model.

``read(path_or_bytes)`` gives a :class:`~govreport.model.Report`; ``read_document`` also gives
the :class:`ReadLog` of everything that fell back (place and reason) and a summary line.
Readers are chosen by format name through :data:`READERS`, mirroring the writers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..model import Report
from .errors import ReadError
from .log import Fallback, ReadLog
from .source import SourceDocument

if TYPE_CHECKING:
    from ..support.limits import Limits
    from ..theme import Theme

Reader = Callable[[bytes, ReadLog, Path | None], SourceDocument | Report]
"""A reader: the file's bytes, the log to write fallbacks to and the file's path (None for
bytes) → the neutral source nodes for the recognizer, or (JSON) the report itself."""


def _json(data: bytes, log: ReadLog, origin: Path | None) -> Report:
    from .json import read_report

    return read_report(data, log, origin)


def _hwpx(data: bytes, log: ReadLog, origin: Path | None) -> SourceDocument:
    from .hwpx import read_hwpx

    return read_hwpx(data, log)


def _docx(data: bytes, log: ReadLog, origin: Path | None) -> SourceDocument:
    from .docx import read_docx

    return read_docx(data, log)


def _hwp(data: bytes, log: ReadLog, origin: Path | None) -> SourceDocument:
    from .hwp import read_hwp

    return read_hwp(data, log)


def _text(data: bytes, log: ReadLog, origin: Path | None) -> SourceDocument:
    from .text import read_text

    return read_text(data, log)


READERS: dict[str, Reader] = {"json": _json, "hwpx": _hwpx, "hwp": _hwp, "docx": _docx,
                              "txt": _text}
"""Readers by format name (the file suffix), as :data:`govreport.writers` holds the writers."""
FORMATS: tuple[str, ...] = tuple(READERS)


@attrs.frozen(slots=True, kw_only=True)
class ReadResult:
    """A read report with every fallback and a one-line summary."""

    report: Report
    fallbacks: tuple[Fallback, ...] = ()
    notes: tuple[Fallback, ...] = ()
    changes: tuple[Fallback, ...] = ()
    """Where a document govreport wrote was edited since (read from the page, not from the
    report it carries); empty for other documents."""
    summary: str = ""
    format: str = ""


def input_format(path: str | os.PathLike[str]) -> str:
    """The reader named by a file's suffix (``.hwpx`` → ``hwpx``); ``.text`` → ``txt``."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"text": "txt", "md": "txt"}.get(suffix, suffix)
    if suffix not in FORMATS:
        raise ReadError(f"{path}: unknown input type {suffix!r}; use one of "
                        + ", ".join(f".{f}" for f in FORMATS))
    return suffix


def sniff_format(data: bytes) -> str:
    """The format of raw bytes: zip packages by their parts, OLE (HWP 5), JSON, else text."""
    if data[:4] == b"PK\x03\x04":
        head = data[:4096]
        if b"mimetypeapplication/hwp+zip" in head or b"Contents/" in data[:65536]:
            return "hwpx"
        return "docx"
    if data[:8] == bytes.fromhex("d0cf11e0a1b11ae1") or data[:17] == b"HWP Document File":
        return "hwp"
    if data.lstrip()[:1] == b"{":
        return "json"
    return "txt"


def read_document(source: str | os.PathLike[str] | bytes, format: str | None = None, *,
                  theme: Theme | str | None = None,
                  limits: Limits | None = None, carried: bool = True) -> ReadResult:
    """Read a report and report what was not understood.

    A DOCX/HWPX govreport wrote carries its source report
    (:mod:`govreport.writers.source_part`); with ``carried`` (the default) it is taken
    wherever the page still prints the same (exact ids, chart sources, computations) and the
    edited places are read from the page and listed in ``changes``; ``carried=False`` reads
    the page alone.

    ``limits`` overrides the active :class:`~govreport.support.limits.Limits` (a .hwp file's size
    and
    the time and memory its parser may take: ``input_mb``, ``read_seconds``,
    ``read_memory_mb``)."""
    from ..support.limits import using

    with using(limits):
        return _read_document(source, format, theme, carried)


def _read_document(source: str | os.PathLike[str] | bytes, format: str | None,
                   theme: Theme | str | None, carried: bool = True) -> ReadResult:
    from ..support.limits import current, hint, read_at_most

    cap = current().bytes("input_mb")
    if isinstance(source, bytes):
        data = source
        fmt = format or sniff_format(data)
        if len(data) > cap:
            raise ReadError(f"the input is larger than {current().input_mb:g} MB "
                            f"({hint('input_mb')})")
    else:
        path = Path(source)
        fmt = format or input_format(path)
        try:
            size = path.stat().st_size
            if size > cap:
                raise ReadError(f"{path}: larger than {current().input_mb:g} MB "
                                f"({hint('input_mb')})")
            with open(path, "rb") as fh:  # bounded also where stat() says 0 (/dev/zero, a pipe)
                data = read_at_most(fh, cap + 1)
            if len(data) > cap:
                raise ReadError(f"{path}: larger than {current().input_mb:g} MB "
                                f"({hint('input_mb')})")
        except OSError as exc:
            raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    fmt = fmt.lower().lstrip(".")
    if fmt not in READERS:
        raise ReadError(f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})")
    log = ReadLog()
    packaged = ("hwpx", "hwp", "docx")
    if fmt in packaged and not isinstance(source, bytes):
        found = sniff_format(data)
        if found in packaged and found != fmt:  # an HWP 5 file named .hwpx, a DOCX as .hwp …
            log.fallback(str(source), f"the file is {found.upper()}, not {fmt.upper()} as its "
                                      f"name says: read as {found.upper()}")
            fmt = found
    if fmt in ("hwpx", "docx"):  # a zip package: refuse bombs before anything unpacks
        import zipfile

        from ..support.limits import LimitError, check_zip_bytes

        try:
            check_zip_bytes(data, str(source) if not isinstance(source, bytes) else fmt)
        except LimitError as exc:
            raise ReadError(str(exc)) from None
        except (zipfile.BadZipFile, ValueError, EOFError):
            pass  # the reader reports an unreadable package in its own words
    doc = _source_nodes(fmt, data, log, None if isinstance(source, bytes) else Path(source))
    if isinstance(doc, Report):
        return ReadResult(report=doc, summary="JSON: every block typed", format=fmt)
    from ..theme import resolve_theme
    from .consistent import make_consistent, remaining_problems
    from .recognize import Recognizer

    th = resolve_theme(theme)
    report = Recognizer(doc, log, th).run()
    if carried and fmt in ("hwpx", "docx"):
        report = _with_carried(report, data, fmt, log, th)
    report = remaining_problems(make_consistent(report, log), log)
    return ReadResult(report=report, fallbacks=tuple(log.fallbacks), notes=tuple(log.notes),
                      changes=tuple(log.changes), summary=log.summary(), format=fmt)


def _with_carried(report: Report, data: bytes, fmt: str, log: ReadLog,
                  theme: Theme) -> Report:
    """``report`` (the page) merged with the source report the document carries, if any
    (its references to computed figures printed in ``theme``'s number formats to compare)."""
    from ..layout.text import TextFormatter
    from .embedded import carried_source, load_carried, merge

    blob = carried_source(data, fmt)
    source = load_carried(blob, log) if blob is not None else None
    if source is None:
        return report
    log.carried = True
    return merge(source, report, log, TextFormatter(theme).figure)


def _source_nodes(fmt: str, data: bytes, log: ReadLog,
                  origin: Path | None) -> SourceDocument | Report:
    """The format reader's result; every error of a damaged file a :class:`ReadError` that
    names the file (and, from the readers, the part and the place)."""
    import struct
    import zipfile
    import zlib

    from lxml import etree

    def named(message: str) -> ReadError:
        if origin is None or message.startswith(str(origin)):
            return ReadError(message)
        return ReadError(f"{origin}: {message}")

    try:
        if fmt in ("hwpx", "docx"):
            from .package import check_package

            check_package(data)
        return READERS[fmt](data, log, origin)
    except ReadError as exc:
        raise named(str(exc)) from None
    except (ValueError, LookupError, TypeError, zlib.error, zipfile.BadZipFile, EOFError,
            struct.error, etree.LxmlError) as exc:  # a damaged file no reader check caught
        from ..support.errors import short

        raise named(f"not a readable {fmt.upper()} file ({type(exc).__name__}: "
                    f"{short(str(exc))})") from None


def read(source: str | os.PathLike[str] | bytes, format: str | None = None, *,
         theme: Theme | str | None = None, strict: bool = False,
         limits: Limits | None = None, carried: bool = True) -> Report:
    """A :class:`Report` from a file path or bytes (format by suffix, or sniffed from bytes).

    ``strict=True`` raises :class:`ReadError` listing every fallback instead of returning a
    report that lost typing somewhere.  Use :func:`read_document` to get the fallbacks.
    """
    result = read_document(source, format, theme=theme, limits=limits, carried=carried)
    if strict and result.fallbacks:
        raise ReadError("not everything was understood:\n" + "\n".join(
            f"  {f}" for f in result.fallbacks))
    return result.report


__all__ = ["FORMATS", "READERS", "Fallback", "ReadError", "ReadLog", "ReadResult",
           "input_format", "read", "read_document", "sniff_format"]
