"""Picture files for ``figure`` blocks and the cover logo: read, identify, measure, limit.

Pictures are read only from local files inside the report's folder (or given as bytes from
Python), never fetched from the network.  PNG and JPEG are embedded as they are; an SVG is
converted to PNG (``rsvg-convert``) because HWPX and older Word need a bitmap.  Sizes are
bounded (the ``image_mb`` and ``image_pixels`` limits, :mod:`govreport.support.limits`) so hostile
input is refused quickly.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import attrs

from .errors import GovReportError, short
from .limits import read_at_most

MAX_SIDE = 20_000
"""Longest side accepted, in pixels (an SVG's is also capped, in CSS pixels)."""

ImageFormat = Literal["png", "jpeg"]
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^//")


_DATA_DIR: contextvars.ContextVar[Path | None] = contextvars.ContextVar("govreport_data_dir",
                                                                       default=None)


def data_dir() -> Path | None:
    """The folder of the data file being rendered (free-form ``image()`` paths), if known."""
    return _DATA_DIR.get()


@contextlib.contextmanager
def reading_from(folder: str | os.PathLike[str] | None) -> Iterator[None]:
    """Make ``folder`` the data folder inside the ``with`` block (``None``: keep)."""
    if folder is None:
        yield
        return
    token = _DATA_DIR.set(Path(folder))
    try:
        yield
    finally:
        _DATA_DIR.reset(token)


class ImageError(GovReportError, ValueError):
    """A picture cannot be used; the message names the file and the reason."""


@attrs.frozen(slots=True, kw_only=True)
class ImageData:
    """A usable bitmap: its bytes, format and size in pixels at ``dpi``."""

    data: bytes = attrs.field(repr=False)
    format: ImageFormat
    px_width: int
    px_height: int
    dpi: float = 96.0

    @property
    def width_pt(self) -> float:
        """Natural width in points (pixels at the image's DPI)."""
        return self.px_width / self.dpi * 72.0

    @property
    def height_pt(self) -> float:
        return self.px_height / self.dpi * 72.0

    @property
    def content_type(self) -> str:
        return f"image/{self.format}"

    @property
    def extension(self) -> str:
        return "png" if self.format == "png" else "jpg"


def sniff(data: bytes) -> str | None:
    """``"png"``, ``"jpeg"``, ``"svg"`` or ``None`` from the first bytes (not the name)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data[:4096]:
        return "svg"
    return None


def _max_bytes() -> int:
    from .limits import current

    return current().bytes("image_mb")


def _max_pixels() -> int:
    from .limits import current

    return int(current().image_pixels)


def _too_big(name: str, size: int) -> ImageError:
    from .limits import hint

    return ImageError(f"{name}: the picture is {size / 2**20:.1f} MB ({hint('image_mb')})")


def decode(data: bytes, name: str = "picture") -> ImageData:
    """Identify and measure ``data``; raise :class:`ImageError` for anything unusable."""
    if len(data) > _max_bytes():
        raise _too_big(name, len(data))
    kind = sniff(data)
    if kind is None:
        raise ImageError(f"{name}: not a PNG, JPEG or SVG picture")
    if kind == "svg":
        data = svg_to_png(data, name)
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    try:
        img = Image.from_blob(data)
    except (UnrecognizedImageError, ValueError, IndexError, KeyError, TypeError) as exc:
        raise ImageError(f"{name}: the picture cannot be read ({exc or 'damaged file'})") \
            from None
    except Exception as exc:  # python-docx raises a few of its own on damaged headers
        raise ImageError(f"{name}: the picture cannot be read ({exc})") from None
    w, h = int(img.px_width), int(img.px_height)
    if w <= 0 or h <= 0:
        raise ImageError(f"{name}: the picture has no size ({w} × {h} pixels)")
    if w > MAX_SIDE or h > MAX_SIDE or w * h > _max_pixels():
        from .limits import hint

        raise ImageError(f"{name}: the picture is too large ({w:,} × {h:,} pixels, at most "
                         f"{MAX_SIDE:,} on a side; {hint('image_pixels')})")
    dpi = float(img.horz_dpi or 96) or 96.0
    if not 30 <= dpi <= 2400:
        dpi = 96.0
    fmt: ImageFormat = "png" if kind in ("png", "svg") else "jpeg"
    return ImageData(data=data, format=fmt, px_width=w, px_height=h, dpi=dpi)


def _svg_size(data: bytes, name: str) -> tuple[float, float]:
    """CSS-pixel size of an SVG (``width``/``height`` or ``viewBox``), parsed safely."""
    from lxml import etree  # here: ``govreport validate`` reads no XML library

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.parse(io.BytesIO(data), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise ImageError(f"{name}: not a readable SVG ({exc})") from None
    if not str(root.tag).endswith("svg"):
        raise ImageError(f"{name}: not an SVG picture")

    def length(value: str | None) -> float | None:
        m = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*", value or "")
        if not m:
            if re.fullmatch(r"\s*[-+]?(nan|inf|infinity)\s*[a-z]*\s*", value or "", re.I):
                raise ImageError(f"{name}: the SVG's size {short(value or '', 40)!r} is not "
                                 "a number")
            return None  # a percentage, em … : the viewBox decides
        try:
            float(m.group(1))
        except ValueError:
            return None
        scale = {"px": 1.0, None: 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54,
                 "in": 96.0}[m.group(2)]
        return float(m.group(1)) * scale

    w, h = length(root.get("width")), length(root.get("height"))
    if w is None or h is None:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        if len(box) == 4:
            try:
                w, h = float(box[2]), float(box[3])
            except ValueError:
                w = h = None
    if not w or not h:
        return 400.0, 300.0
    if not (math.isfinite(w) and math.isfinite(h)) or w <= 0 or h <= 0 or max(w, h) > MAX_SVG:
        raise ImageError(f"{name}: the SVG's size ({short(root.get('width') or '', 40)} × "
                         f"{short(root.get('height') or '', 40)}, viewBox "
                         f"{short(root.get('viewBox') or '-', 60)}) is not a usable size")
    return w, h


MAX_SVG = 1e7
"""Largest side of an SVG in CSS pixels (a size past it is a mistake or an attack)."""
SVG_BASE_MEMORY = 512 * 2**20
"""Address space ``rsvg-convert`` may use besides its pictures (libraries, fonts, XML)."""
_HAVE_RLIMIT = hasattr(os, "fork") and sys.platform != "darwin"


def svg_memory(pixels: int) -> int:
    """The address-space cap of ``rsvg-convert`` making a PNG of ``pixels``: the base plus
    room for three full-size RGBA surfaces (a filter chain needs several), so a hostile
    SVG (a huge filter chain, a million shapes) fails with a message, not the machine."""
    return SVG_BASE_MEMORY + 3 * 4 * pixels


def _address_space(cap: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return limit


def svg_to_png(data: bytes, name: str = "picture") -> bytes:
    """A PNG of an SVG at twice its CSS size (for print), made by ``rsvg-convert``."""
    w, h = _svg_size(data, name)
    scale = min(2.0, MAX_SIDE / max(w, h), (_max_pixels() / (w * h)) ** 0.5)
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise ImageError(f"{name}: SVG pictures need rsvg-convert to make a PNG "
                         "(Debian: apt-get install librsvg2-bin); or give a PNG")
    width, height = max(1, round(w * scale)), max(1, round(h * scale))
    cap = svg_memory(width * height)
    try:
        done = subprocess.run(
            [tool, "--width", str(width), "--height", str(height), "--format", "png"],
            input=data, capture_output=True, timeout=30, check=False,
            preexec_fn=_address_space(cap) if _HAVE_RLIMIT else None,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ImageError(f"{name}: the SVG could not be converted ({exc})") from None
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        if _HAVE_RLIMIT and (done.returncode < 0 or not reason or "memory" in "".join(
                reason).lower() or "alloc" in "".join(reason).lower()):
            raise ImageError(f"{name}: the SVG could not be converted within "
                             f"{cap / 2**20:,.0f} MB of memory ({''.join(reason) or 'stopped'}"
                             "); simplify it or give a PNG")
        raise ImageError(f"{name}: the SVG could not be converted ({''.join(reason)})")
    return done.stdout


def resolve_path(src: str, base_dir: str | os.PathLike[str] | None) -> Path:
    """The file of ``src``: relative to ``base_dir`` (the JSON file's folder).

    With a ``base_dir`` (a report read from a file) the picture must lie inside that folder;
    URLs are refused either way (pictures are never fetched from the network).
    """
    if _URL.match(src.strip()):
        raise ImageError(f"{src}: pictures are never fetched from the network; "
                         "save the file next to the report and give its path")
    if not src.strip():
        raise ImageError("the picture path is empty")
    if re.search(r"[\x00-\x1f]", src):
        raise ImageError(f"{src!r}: a picture path cannot hold control characters")
    path = Path(src)
    if base_dir is None:
        return path
    try:
        base = Path(base_dir).resolve()
        full = (base / path).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop (RuntimeError in 3.11)
        raise ImageError(f"{src}: the picture path cannot be followed ({exc})") from None
    if path.is_absolute() or not full.is_relative_to(base):
        raise ImageError(f"{src}: the picture must be inside the report's folder ({base})")
    return full


def read_image(src: str, base_dir: str | os.PathLike[str] | None = None) -> ImageData:
    """Read, identify and measure the picture file ``src`` (see :func:`resolve_path`)."""
    path = resolve_path(src, base_dir)
    try:
        if not path.is_file():
            raise ImageError(f"{src}: picture file not found" if not os.path.lexists(path)
                             else f"{src}: not a file (or a symlink that leads nowhere)")
        size = path.stat().st_size
        if size > _max_bytes():
            raise _too_big(src, size)
        with open(path, "rb") as f:  # also bounded for a file that grows or lies about size
            data = read_at_most(f, _max_bytes() + 1)
        if len(data) > _max_bytes():
            raise _too_big(src, len(data))
    except ImageError:
        raise
    except (OSError, ValueError) as exc:
        raise ImageError(f"{src}: cannot read the picture "
                         f"({getattr(exc, 'strerror', None) or exc})") from None
    return decode(data, src)


def figure_image(src: str | None, data: bytes | None,
                 base_dir: str | os.PathLike[str] | None) -> ImageData:
    """The picture of a figure or logo: its ``data`` bytes, else the file ``src``."""
    if data is not None:
        return decode(data, src or "picture data")
    if src is None:
        raise ImageError("a picture needs src (a file path) or data")
    return read_image(src, base_dir)


__all__ = ["MAX_SIDE", "ImageData", "ImageError", "decode",
           "figure_image", "read_image", "resolve_path", "sniff", "svg_to_png"]
