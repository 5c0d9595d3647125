"""Zip entries shared by the DOCX and HWPX packages: one deflate level, and a text part
written from its pieces a chunk at a time (a long document is never held whole, as text and
again as bytes).  Same pieces → same bytes, however they are cut."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

LEVEL = 1
"""Deflate level: the fastest.  XML compresses well at any level (the seed's DOCX is 20 KB
instead of 17 KB at level 6) and level 6 took a sixth to a quarter of a writer's time."""

CHUNK = 1 << 20
"""Characters encoded and compressed at a time when a part is written from pieces."""


def deflate(info: zipfile.ZipInfo) -> None:
    """Deflate ``info``'s entry at :data:`LEVEL` (what ``writestr(compresslevel=…)`` sets;
    ``ZipFile.open(…, "w")`` has no such argument)."""
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = LEVEL  # type: ignore[attr-defined]


def write_text(z: zipfile.ZipFile, info: zipfile.ZipInfo, pieces: Iterable[str], *,
               chars: int | None = None) -> None:
    """The entry ``info`` from text ``pieces``, UTF-8, :data:`CHUNK` characters at a time.
    ``chars`` (the pieces' total length, when known) makes a part near 2 GiB a ZIP64 entry,
    as ``writestr`` decides from the byte size (4 bytes a character at most)."""
    big = chars is not None and chars * 4 * 1.05 > zipfile.ZIP64_LIMIT
    with z.open(info, "w", force_zip64=big) as out:
        held: list[str] = []
        size = 0
        for piece in pieces:
            held.append(piece)
            size += len(piece)
            if size >= CHUNK:
                out.write("".join(held).encode("utf-8"))
                held.clear()
                size = 0
        if held:
            out.write("".join(held).encode("utf-8"))
