"""One error path for the zip packages read (HWPX, DOCX): every entry is unpacked once and
checked before a reader looks at it, so that a damaged or hostile package fails with a
:class:`ReadError` naming the part — never as an internal error of ``zipfile``, ``zlib`` or
lxml inside a reader.

Refused: a damaged deflate stream, a CRC that does not match, an encrypted entry, an
unknown compression method, a truncated entry, and a DOCTYPE in an XML part (entity
declarations are never expanded, but an entity reference node is nothing a reader expects;
no HWPX or DOCX part written by Hancom or Word has one).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..support.errors import short
from .errors import ReadError

_XML_PART = re.compile(r"\.(xml|rels|hpf|rdf)$", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_CHUNK = 1 << 20


def check_package(data: bytes) -> None:
    """Unpack every entry of the zip ``data`` once; :class:`ReadError` naming the part at
    the first problem (a file that is no zip at all is left to the reader's own message)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return  # the reader says "not an HWPX/DOCX file" in its own words
    with z:
        for info in z.infolist():
            if info.is_dir():
                continue
            name = short(info.filename, 100)
            if info.flag_bits & 0x1:
                raise ReadError(f"{name}: the part is encrypted (a password-protected file "
                                "cannot be read; save it without a password)")
            xml = bool(_XML_PART.search(info.filename))
            try:
                with z.open(info) as f:
                    tail = b""
                    while chunk := f.read(_CHUNK):
                        if xml and _DOCTYPE.search(tail + chunk):
                            raise ReadError(f"{name}: an XML part with a DOCTYPE or entity "
                                            "declaration is not read")
                        tail = chunk[-16:]
            except ReadError:
                raise
            except NotImplementedError as exc:
                raise ReadError(f"{name}: unknown compression method ({short(str(exc))})"
                                ) from None
            except zipfile.BadZipFile as exc:  # a bad CRC, a damaged header
                raise ReadError(f"{name}: the part is damaged ({short(str(exc))})") from None
            except zlib.error as exc:
                raise ReadError(f"{name}: the part's compressed data is damaged "
                                f"({short(str(exc))})") from None
            except (EOFError, RuntimeError, ValueError, OSError) as exc:
                raise ReadError(f"{name}: the part cannot be unpacked "
                                f"({type(exc).__name__}: {short(str(exc))})") from None


__all__ = ["check_package"]
