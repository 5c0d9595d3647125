"""Pictures found in a document, made usable by the writers: PNG or JPEG, or skipped with a reason.

Hancom and Word embed whatever the author pasted: BMP screenshots, CMYK JPEGs from a print
shop, GIF, TIFF, WMF/EMF clip art.  The writers and the checks take PNG and JPEG only, so a
reader hands each picture to :func:`usable_picture`: PNG and RGB/grey JPEG pass unchanged;
anything Pillow reads (BMP, GIF, TIFF, CMYK or otherwise odd JPEG …) becomes a PNG — said in
a note with its place; WMF/EMF (vector formats Pillow draws only on Windows) and unreadable
bytes are skipped with their place.  Sizes are bounded by the ``image_mb`` and
``image_pixels`` limits before anything is decoded.
"""

from __future__ import annotations

import io

from ..support.images import ImageError, decode, sniff
from .log import ReadLog

_VECTOR = {b"\xd7\xcd\xc6\x9a": "WMF", b"\x01\x00\x09\x00": "WMF", b"\x02\x00\x09\x00": "WMF"}


def _vector_kind(data: bytes) -> str | None:
    """``"WMF"``/``"EMF"`` from the magic bytes, else None."""
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "EMF"
    return _VECTOR.get(data[:4])


def _jpeg_components(data: bytes) -> int | None:
    """The number of colour components of a baseline/progressive JPEG (its SOF marker)."""
    i = 2
    while i + 9 < len(data) and i < 1 << 20:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return data[i + 9]
        i += 2 + length
    return None


def _to_png(data: bytes, where: str) -> bytes:
    """A PNG of any picture Pillow reads (first frame), within the pixel limit."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        raise ImageError(f"{where}: converting this picture to PNG needs Pillow "
                         "(pip install pillow)") from None
    from ..support.images import MAX_SIDE
    from ..support.limits import current, hint

    try:
        with Image.open(io.BytesIO(data)) as opened:
            w, h = opened.size
            if w > MAX_SIDE or h > MAX_SIDE or w * h > current().image_pixels:
                raise ImageError(f"{where}: the picture is too large ({w:,} × {h:,} pixels; "
                                 f"{hint('image_pixels')})")
            img: Image.Image = opened
            if img.mode not in ("RGB", "RGBA", "L", "LA"):
                img = img.convert("RGBA" if "A" in img.mode or "transparency" in img.info
                                  else "RGB")
            out = io.BytesIO()
            img.save(out, format="PNG", optimize=False)
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ImageError(f"{where}: the picture cannot be read ({exc})") from None
    except Image.DecompressionBombError as exc:
        raise ImageError(f"{where}: the picture is too large ({exc})") from None
    return out.getvalue()


def picture_format(data: bytes) -> str:
    """A short name of a picture's format for messages (``BMP``, ``CMYK JPEG``, ``EMF`` …)."""
    vector = _vector_kind(data)
    if vector:
        return vector
    kind = sniff(data)
    if kind == "jpeg":
        return "CMYK JPEG" if _jpeg_components(data) == 4 else "JPEG"
    if kind:
        return kind.upper()
    for magic, name in ((b"BM", "BMP"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"),
                        (b"MM\x00*", "TIFF")):
        if data.startswith(magic):
            return name
    return "unknown"


def usable_picture(data: bytes, log: ReadLog, where: str) -> bytes | None:
    """``data`` if the writers take it as it is, else a PNG of it (noted), else None (skipped).

    PNG and JPEG pass when :func:`govreport.images.decode` reads them and a JPEG is RGB or grey;
    a CMYK (4-component) JPEG, one python-docx cannot parse, a BMP, GIF or TIFF become PNG.
    """
    name = picture_format(data)
    if name in ("WMF", "EMF"):
        log.skip(where, f"a {name} picture (vector clip art) is not converted: no converter "
                        "for it is available here; save it as PNG in the document")
        return None
    if name in ("PNG", "JPEG"):
        try:
            decode(data, where)
            return data
        except ImageError as exc:
            if "too large" in str(exc):
                log.skip(where, f"a picture is not read: {exc}")
                return None
    try:
        png = _to_png(data, where)
        decode(png, where)
    except ImageError as exc:
        log.skip(where, f"a {name} picture is not read ({exc})")
        return None
    log.note(where, f"a {name} picture converted to PNG")
    return png


class PictureConverter:
    """:func:`usable_picture` done once per embedded image of a document: a picture used in
    several places (a logo on every page, one BMP in three tables) is converted once, and
    each place that skips it is still told so, naming where it was first seen."""

    def __init__(self, log: ReadLog) -> None:
        self.log = log
        self._done: dict[int, tuple[bytes, bytes | None, str]] = {}

    def __call__(self, data: bytes, where: str) -> bytes | None:
        known = self._done.get(id(data))
        if known is not None and known[0] is data:
            if known[1] is None:
                self.log.skip(where, f"the picture skipped at {known[2]} is not read here "
                                     "either")
            return known[1]
        usable = usable_picture(data, self.log, where)
        self._done[id(data)] = (data, usable, where)  # ``data`` kept: its id stays its own
        return usable
