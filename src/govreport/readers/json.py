"""JSON reader: report JSON text, bytes or files → a checked :class:`~govreport.model.Report`.

The report's own format, read with the same decoding (UTF-8, or UTF-16/32 by byte order; a
hint for CP949 files), input limits (:mod:`govreport.support.limits`) and messages everywhere: every
problem is a :class:`~govreport.support.errors.ValidationError` naming the JSON path (syntax
errors by line and column).  Building the model from parsed data is
:func:`govreport.codec.converter.structure`
(the cattrs converter, shared with the writer side); ``govreport.codec.converter`` re-exports
these functions.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs

from ..codec.converter import schema_version_of, structure
from ..codec.scan import deep_text_path, object_pairs
from ..model import SCHEMA_VERSION, Report
from ..support.errors import Problem, ValidationError
from ..support.limits import LimitError, Limits, hint, read_capped, using
from ..support.limits import current as current_limits
from .log import ReadLog


def _looks_korean_legacy(data: bytes) -> bool:
    """True if ``data`` decodes as CP949 (EUC-KR) and holds Hangul: a file saved by old tools."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return False
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _decode(data: bytes, source: str | None) -> str:
    """JSON bytes as text (UTF-8, or UTF-16/32 with its byte order as :mod:`json` detects)."""
    try:
        return data.decode(json.detect_encoding(data), "surrogatepass")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte 0x{exc.object[exc.start]:02X} at offset {exc.start})"
        if _looks_korean_legacy(data):
            message += "; save it as UTF-8 (it looks like CP949/EUC-KR)"
        raise ValidationError([Problem(path="$", message=message)], source) from None


def _parse(text: str | bytes, source: str | None) -> Any:
    """The JSON value of ``text``; raise ValidationError for text that is not usable JSON."""
    if isinstance(text, bytes | bytearray):
        text = _decode(bytes(text), source)
    if not text.strip():
        what = "file" if source is not None else "text"
        raise ValidationError([Problem(path="$", message=f"{what} is empty")], source)
    try:
        return json.loads(text, object_pairs_hook=object_pairs)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ValidationError(
            [Problem(path="$", message=f"not valid JSON ({exc.msg} at {where})")], source
        ) from None
    except RecursionError:
        deep = deep_text_path(text)
        depth = current_limits().json_depth
        problem = deep or Problem(path="$", message=f"nested more than {depth} levels")
        raise ValidationError([problem], source) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ValidationError(
            [Problem(path="$", message=f"not valid JSON ({exc})")], source
        ) from None


def _check_size(text: str | bytes, source: str | None) -> None:
    cap = current_limits().bytes("input_mb")
    # a str holds at most 4 UTF-8 bytes per character: measure only when it could be over
    size = len(text) if isinstance(text, bytes | bytearray) else (
        len(text) if len(text) * 4 <= cap else len(text.encode("utf-8", "surrogatepass")))
    if size > cap:
        raise ValidationError([Problem(path="$", message=f"the input is larger than "
                                       f"{cap / 2**20:g} MB ({hint('input_mb')})")], source)


def parse_json(text: str | bytes, source: str | None = None) -> Any:
    """JSON text or bytes → data, with the same decoding, limits and messages everywhere."""
    _check_size(text, source)
    return _parse(text, source)


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read a JSON file (any JSON, not only a report) with the input limits; every problem is
    a :class:`ValidationError` naming the file (unreadable, too big, not UTF-8, not JSON)."""
    p = Path(path)
    return _parse(read_bytes(p), str(p))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a JSON file, read as :func:`read_json` reads them (the input limit; a
    :class:`ValidationError` naming the file when it cannot be read or is too big)."""
    p = Path(path)
    try:
        return read_capped(p)
    except LimitError as exc:
        raise ValidationError([Problem(path="$", message=str(exc).partition(": ")[2])],
                              str(p)) from None
    except OSError as exc:
        raise ValidationError([Problem(path="$", message=f"cannot read file: "
                                       f"{exc.strerror or exc}")], str(p)) from None


def loads(text: str | bytes, *, source: str | None = None, check: bool = True,
          base_dir: str | os.PathLike[str] | None = None,
          limits: Limits | None = None, coerce_numbers: bool = False) -> Report:
    """Parse report JSON text; with ``check`` also run the semantic checks (errors only).

    Version 1 documents are migrated silently (the report has the current version).
    ``base_dir`` is the folder that relative picture paths are read from (``load`` passes
    the JSON file's folder).  ``limits`` overrides the default
    :class:`~govreport.support.limits.Limits` (input size, nesting, table size).
    ``coerce_numbers`` turns figures typed as text (``"1,500"`` in a column of figures) into
    numbers, each with a :class:`~govreport.codec.coerce.NumbersCoerced` warning (without it
    such a figure is an error)."""
    return loads_versioned(text, source=source, check=check, base_dir=base_dir,
                           limits=limits, coerce_numbers=coerce_numbers)[0]


def loads_versioned(text: str | bytes, *, source: str | None = None, check: bool = True,
                    base_dir: str | os.PathLike[str] | None = None,
                    limits: Limits | None = None,
                    coerce_numbers: bool = False) -> tuple[Report, int]:
    """:func:`loads`, also returning the ``schema_version`` the text stated (what was read)."""
    with using(limits):
        return _versioned(parse_json(text, source), source, check, base_dir, coerce_numbers)


def report_from_data(data: Any, source: str | None = None, check: bool = True,
                     base_dir: str | os.PathLike[str] | None = None,
                     coerce_numbers: bool = False) -> Report:
    """A report from parsed JSON data (migrated, structured, checked): what :func:`load`
    does after reading."""
    return _versioned(data, source, check, base_dir, coerce_numbers)[0]


def _versioned(data: Any, source: str | None, check: bool,
               base_dir: str | os.PathLike[str] | None,
               coerce_numbers: bool = False) -> tuple[Report, int]:
    stated = schema_version_of(data)
    report = structure(data, source)
    if base_dir is not None:
        report = attrs.evolve(report, base_dir=str(base_dir))
    if coerce_numbers:
        from ..codec.coerce import warn_coerced

        report = warn_coerced(report, source)
    if check:
        from ..checks.semantic import check_report

        errors = [p for p in check_report(report) if p.severity == "error"]
        if errors:
            raise ValidationError(errors, source)
    return report, SCHEMA_VERSION if stated is None else stated


def load(path: str | os.PathLike[str], *, check: bool = True,
         limits: Limits | None = None, coerce_numbers: bool = False) -> Report:
    """Read and validate a report JSON file (version 1 files are migrated silently; see
    :func:`loads` for ``limits`` and ``coerce_numbers``)."""
    return load_versioned(path, check=check, limits=limits, coerce_numbers=coerce_numbers)[0]


def load_versioned(path: str | os.PathLike[str], *, check: bool = True,
                   limits: Limits | None = None,
                   coerce_numbers: bool = False) -> tuple[Report, int]:
    """:func:`load`, also returning the ``schema_version`` the file stated."""
    p = Path(path)
    with using(limits):
        return _versioned(read_json(p), str(p), check, p.parent, coerce_numbers)


def read_report(data: bytes, log: ReadLog, origin: Path | None = None) -> Report:
    """The reader registry's entry (:data:`govreport.readers.READERS`): report JSON bytes,
    checked; relative picture paths are read from ``origin``'s folder."""
    del log  # JSON is typed throughout: nothing falls back
    if origin is None:
        return loads(data)
    return report_from_data(parse_json(data, str(origin)), str(origin), base_dir=origin.parent)


__all__ = ["load", "load_versioned", "loads", "loads_versioned", "parse_json",
           "read_bytes", "read_json", "read_report", "report_from_data"]
