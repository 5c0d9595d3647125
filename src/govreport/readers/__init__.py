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
MAX_INPUT_BYTES = 512 * 1024 * 1024


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
                  limits: Limits | None = None) -> ReadResult:
    """Read a report and report what was not understood.

    ``limits`` overrides the active :class:`~govreport.support.limits.Limits` (a .hwp file's size
    and
    the time and memory its parser may take: ``input_mb``, ``read_seconds``,
    ``read_memory_mb``)."""
    from ..support.limits import using

    with using(limits):
        return _read_document(source, format, theme)


def _read_document(source: str | os.PathLike[str] | bytes, format: str | None,
                   theme: Theme | str | None) -> ReadResult:
    if isinstance(source, bytes):
        data = source
        fmt = format or sniff_format(data)
    else:
        path = Path(source)
        fmt = format or input_format(path)
        try:
            size = path.stat().st_size
            if size > MAX_INPUT_BYTES:
                raise ReadError(f"{path}: {size} bytes is more than the input limit")
            with open(path, "rb") as fh:  # bounded also where stat() says 0 (/dev/zero, a pipe)
                data = fh.read(MAX_INPUT_BYTES + 1)
            if len(data) > MAX_INPUT_BYTES:
                raise ReadError(f"{path}: more than the input limit of {MAX_INPUT_BYTES} bytes")
        except OSError as exc:
            raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    fmt = fmt.lower().lstrip(".")
    if fmt not in READERS:
        raise ReadError(f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt in ("hwpx", "docx"):  # a zip package: refuse bombs before anything unpacks
        import zipfile

        from ..support.limits import LimitError, check_zip_bytes

        try:
            check_zip_bytes(data, str(source) if not isinstance(source, bytes) else fmt)
        except LimitError as exc:
            raise ReadError(str(exc)) from None
        except (zipfile.BadZipFile, ValueError, EOFError):
            pass  # the reader reports an unreadable package in its own words
    log = ReadLog()
    doc = READERS[fmt](data, log, None if isinstance(source, bytes) else Path(source))
    if isinstance(doc, Report):
        return ReadResult(report=doc, summary="JSON: every block typed", format=fmt)
    from ..theme import resolve_theme
    from .recognize import Recognizer

    report = Recognizer(doc, log, resolve_theme(theme)).run()
    return ReadResult(report=report, fallbacks=tuple(log.fallbacks), notes=tuple(log.notes),
                      summary=log.summary(), format=fmt)


def read(source: str | os.PathLike[str] | bytes, format: str | None = None, *,
         theme: Theme | str | None = None, strict: bool = False,
         limits: Limits | None = None) -> Report:
    """A :class:`Report` from a file path or bytes (format by suffix, or sniffed from bytes).

    ``strict=True`` raises :class:`ReadError` listing every fallback instead of returning a
    report that lost typing somewhere.  Use :func:`read_document` to get the fallbacks.
    """
    result = read_document(source, format, theme=theme, limits=limits)
    if strict and result.fallbacks:
        raise ReadError("not everything was understood:\n" + "\n".join(
            f"  {f}" for f in result.fallbacks))
    return result.report


__all__ = ["FORMATS", "READERS", "Fallback", "ReadError", "ReadLog", "ReadResult",
           "input_format", "read", "read_document", "sniff_format"]
