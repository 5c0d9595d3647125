"""Limits that keep hostile input from taking unbounded time or memory.

Every limit has a default that no real report comes near and can be raised (or lowered) per
call: ``render(..., limits=Limits(render_seconds=120))``, ``load(path, limits=...)``, or on
the command line ``--limit render_seconds=120`` (repeatable).  The active limits live in a
context variable, so the readers, checks, template sandbox and zip reader all see the same
values without passing them through every function (:func:`using`, :func:`current`).

The names, defaults and meaning are listed in ``docs/cli.md`` ("Limits").
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from .errors import GovReportError

if TYPE_CHECKING:
    import zipfile

MB = 1024 * 1024

CEILINGS: dict[str, float] = {"mb": 1024 * 1024, "seconds": 7 * 24 * 3600, "count": 1e12}
"""The largest value of a limit by kind (MB: 1 TiB, seconds: a week, counts: 10^12) — far
past any real report, low enough that no size, timer or allocation built from it overflows."""


def _kind(name: str) -> str:
    return "mb" if name.endswith("_mb") else "seconds" if name.endswith("_seconds") else "count"


def _positive(_: object, a: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise LimitError(f"limit {a.name} must be a positive number, not {value!r}")
    if not math.isfinite(value):
        raise LimitError(f"limit {a.name} must be a finite number, not {value!r}")
    kind = _kind(a.name)
    top = CEILINGS[kind]
    if value > top:
        raise LimitError(f"limit {a.name}={value:g} is more than the largest allowed, "
                         f"{top:,.0f}")
    if kind == "mb" and value * MB < 1:
        raise LimitError(f"limit {a.name}={value:g} is less than one byte")
    if a.type in (int, "int") and value != int(value):
        raise LimitError(f"limit {a.name} must be a whole number, not {value:g}")


def _whole(value: Any) -> Any:
    """A float that is a whole number (``6e7``) as an int, for the count limits."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


@attrs.frozen(slots=True, kw_only=True)
class Limits:
    """Upper bounds on input, tables and templates (sizes in MB = 2^20 bytes)."""

    input_mb: float = attrs.field(default=64, validator=_positive)
    """Size of one input file: JSON, and every document read (.txt, .docx, .hwpx, .hwp)."""
    json_depth: int = attrs.field(default=160, validator=_positive, converter=_whole)
    """JSON objects/arrays enclosing a value (the document is level 1)."""
    nesting: int = attrs.field(default=64, validator=_positive, converter=_whole)
    """``children``/``items`` lists enclosing a block."""
    table_columns: int = attrs.field(default=1000, validator=_positive, converter=_whole)
    """Columns of one table, spans included."""
    table_cells: int = attrs.field(default=250_000, validator=_positive, converter=_whole)
    """Grid positions of one row group (header or body): rows × columns, spans included."""
    template_mb: float = attrs.field(default=64, validator=_positive)
    """Size of a template file on disk."""
    template_entries: int = attrs.field(default=2000, validator=_positive, converter=_whole)
    """Files inside a template package (zip entries)."""
    template_part_mb: float = attrs.field(default=64, validator=_positive)
    """One part of a template, unpacked."""
    template_total_mb: float = attrs.field(default=256, validator=_positive)
    """All parts of a template, unpacked."""
    output_mb: float = attrs.field(default=64, validator=_positive)
    """Text one template part may produce (also the bound of strings built in Jinja)."""
    render_seconds: float = attrs.field(default=60, validator=_positive)
    """Time a template may take to fill (a watchdog stops it)."""
    pdf_seconds: float = attrs.field(default=180, validator=_positive)
    """Time LibreOffice may take to convert one document to PDF (then it is stopped)."""
    template_memory_mb: float = attrs.field(default=512, validator=_positive)
    """Memory the process may grow by while a template fills (a watchdog stops it)."""
    image_mb: float = attrs.field(default=20, validator=_positive)
    """Size of one picture file or picture data (``figure`` blocks, cover logo)."""
    image_pixels: int = attrs.field(default=60_000_000, validator=_positive, converter=_whole)
    """Pixels of one picture (width × height); a side may have at most 20,000."""
    read_seconds: float = attrs.field(default=60, validator=_positive)
    """Time the .hwp parser (rhwp, in a child process) may take to convert one file."""
    read_memory_mb: float = attrs.field(default=1024, validator=_positive)
    """Memory the .hwp parser's child process may grow by while converting one file."""

    @classmethod
    def parse(cls, specs: Sequence[str], base: Limits | None = None) -> Limits:
        """Limits from ``NAME=VALUE`` strings (the ``--limit`` option) over ``base``."""
        names = {f.name: f for f in attrs.fields(cls)}
        changes: dict[str, Any] = {}
        for spec in specs:
            name, eq, raw = spec.partition("=")
            name = name.strip().replace("-", "_")
            if not eq or name not in names:
                raise LimitError(f"--limit {spec!r}: use NAME=VALUE with NAME one of "
                                 f"{', '.join(names)}")
            try:
                value: float | int = _whole(float(raw))
            except ValueError:
                raise LimitError(f"--limit {spec!r}: {raw!r} is not a number") from None
            changes[name] = value
        try:
            return attrs.evolve(base or cls(), **changes)
        except LimitError as exc:  # "limit NAME …" → "--limit NAME …": the option is named
            raise LimitError(f"--{exc}") from None

    def bytes(self, name: str) -> int:
        """A ``*_mb`` limit in bytes."""
        return int(float(getattr(self, name)) * MB)


class LimitError(GovReportError, ValueError):
    """Input or a template goes past one of the :class:`Limits`."""


DEFAULT = Limits()
_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("govreport_limits",
                                                                  default=DEFAULT)


def current() -> Limits:
    """The limits in force (the defaults unless :func:`using` set others)."""
    return _CURRENT.get()


@contextlib.contextmanager
def using(limits: Limits | None) -> Iterator[Limits]:
    """Make ``limits`` the ones in force inside the ``with`` block (``None``: keep)."""
    if limits is None:
        yield current()
        return
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def hint(name: str) -> str:
    """How to raise a limit, for messages."""
    return f"limit {name}={getattr(current(), name):g}; raise it with --limit {name}=…"


def read_capped(path: Path, limit_name: str = "input_mb") -> bytes:
    """The bytes of ``path``, refusing more than the limit (also for /dev/zero or a pipe)."""
    cap = current().bytes(limit_name)
    with open(path, "rb") as f:
        data = read_at_most(f, cap + 1)
    if len(data) > cap:
        raise LimitError(f"{path}: larger than {_mb(cap)} ({hint(limit_name)})")
    return data


def read_at_most(f: BinaryIO, n: int) -> bytes:
    """At most ``n`` bytes of ``f``, read a MiB at a time: memory grows with what the file
    holds, not with ``n`` (a large limit never allocates its whole size up front)."""
    chunks: list[bytes] = []
    left = n
    while left > 0:
        chunk = f.read(min(left, MB))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


def check_zip(path: Path) -> None:
    """Refuse a template package that is too big, has too many entries or inflates too much.

    Only the central directory is read (declared sizes); :mod:`zipfile` never returns more
    than the declared size of a member (a lie fails its CRC check), so the declared sizes
    bound what any reader of this package will unpack.
    """
    lim = current()
    size = path.stat().st_size
    if size > lim.bytes("template_mb"):
        raise LimitError(f"{path}: template is larger than {_mb(lim.bytes('template_mb'))} "
                         f"({hint('template_mb')})")
    import zipfile  # on first use: ``govreport --help`` does not need it

    with zipfile.ZipFile(path) as z:
        check_entries(z.infolist(), str(path))


def check_zip_bytes(data: bytes, name: str) -> None:
    """:func:`check_zip` for a package held in memory (a document being read)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        check_entries(z.infolist(), name, "document")


def check_entries(infos: list[zipfile.ZipInfo], name: str, what: str = "template") -> None:
    """The entry count and unpacked sizes of a zip package (``what``: template or
    document) against the ``template_*`` limits, which bound every package read."""
    lim = current()
    path = name
    if len(infos) > lim.template_entries:
        raise LimitError(f"{path}: {what} has {len(infos)} files inside, more than "
                         f"{lim.template_entries} ({hint('template_entries')})")
    part, total = lim.bytes("template_part_mb"), lim.bytes("template_total_mb")
    inflated = 0
    for info in infos:
        if info.file_size > part:
            raise LimitError(f"{path}: {what} part {info.filename[:100]!r} unpacks to "
                             f"{_mb(info.file_size)}, more than {_mb(part)} "
                             f"({hint('template_part_mb')})")
        inflated += info.file_size
    if inflated > total:
        raise LimitError(f"{path}: {what} unpacks to {_mb(inflated)}, more than {_mb(total)} "
                         f"({hint('template_total_mb')})")


__all__ = ["DEFAULT", "LimitError", "Limits", "check_entries", "check_zip", "check_zip_bytes",
           "current", "hint", "read_at_most", "read_capped", "using"]
