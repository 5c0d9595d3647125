"""HWP reader (HWP 5.0 binary; HWP 3.0 as far as rhwp reads it) through rhwp-python.

rhwp parses the compound file and writes the same document as an HWPX package
(``Document.to_hwpx_bytes``); that package goes through the HWPX reader, so ``.hwp`` and
``.hwpx`` are recognised by one code path.  Install with ``pip install 'govreport[hwp]'``.

**FreeType.**  The rhwp-python 0.8 wheel links its native module against the FreeType that
auditwheel bundled (``rhwp_python.libs/libfreetype-….so.6``, the old 2.x of the manylinux
build image), but the module itself calls newer FreeType API (``FT_Palette_Data_Get``, 2.10+),
so ``import rhwp`` fails with "undefined symbol".  The dynamic linker resolves a symbol in the
global scope before a library's own dependencies, so loading the system ``libfreetype.so.6``
(2.10 or newer) with ``RTLD_GLOBAL`` *before* the module is imported makes every ``FT_``
symbol come from it — what ``LD_PRELOAD`` did, without asking the user for anything.
:func:`load_rhwp` does this only when the plain import fails for that reason.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import sys
from types import ModuleType

from .errors import ReadError
from .hwpx import read_hwpx
from .log import ReadLog
from .source import SourceDocument

_FREETYPE_CANDIDATES = ("libfreetype.so.6", "/lib/x86_64-linux-gnu/libfreetype.so.6",
                        "/usr/lib/x86_64-linux-gnu/libfreetype.so.6",
                        "/lib/aarch64-linux-gnu/libfreetype.so.6", "/usr/lib64/libfreetype.so.6",
                        "libfreetype.6.dylib")
_INSTALL = "reading .hwp needs the optional extra: pip install 'govreport[hwp]'"


def _preload_system_freetype() -> str | None:
    """Load the system FreeType into the global symbol scope; its path, or None."""
    found = ctypes.util.find_library("freetype")
    for name in (found, *_FREETYPE_CANDIDATES):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name, mode=ctypes.RTLD_GLOBAL)
        except OSError:
            continue
        if hasattr(lib, "FT_Palette_Data_Get"):
            return name
    return None


def load_rhwp() -> ModuleType:
    """``import rhwp``, working around the wheel's too-old bundled FreeType (see module doc)."""
    try:
        return importlib.import_module("rhwp")
    except ImportError as exc:
        message = str(exc)
        if "undefined symbol" not in message or "FT_" not in message:
            raise ReadError(f"{_INSTALL} ({message})") from None
    for name in [m for m in sys.modules if m == "rhwp" or m.startswith("rhwp.")]:
        del sys.modules[name]
    if _preload_system_freetype() is None:
        raise ReadError("rhwp-python needs FreeType 2.10 or newer and none was found: install "
                        "the system package (Debian/Ubuntu: apt-get install libfreetype6)")
    try:
        return importlib.import_module("rhwp")
    except ImportError as exc:
        raise ReadError(f"rhwp-python could not be loaded: {exc}") from None


def hwp_to_hwpx(data: bytes) -> bytes:
    """The HWPX package rhwp writes for HWP bytes; :class:`ReadError` when it cannot."""
    rhwp = load_rhwp()
    try:
        doc = rhwp.Document.from_bytes(data, source_uri="input.hwp")
        out = doc.to_hwpx_bytes()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a Rust panic arrives as PanicException (a BaseException)
        raise ReadError(f"not a readable HWP file ({type(exc).__name__}: {exc})") from None
    if not isinstance(out, bytes):
        raise ReadError("rhwp returned no HWPX package")
    return out


def read_hwp(data: bytes, log: ReadLog) -> SourceDocument:
    """The source nodes of an HWP file (via rhwp's HWPX conversion)."""
    if not (data[:8] == bytes.fromhex("d0cf11e0a1b11ae1") or data.startswith(b"HWP Document")):
        raise ReadError("not an HWP file (no HWP 5 compound-file or HWP 3 signature)")
    doc = read_hwpx(hwp_to_hwpx(data), log)
    return SourceDocument(nodes=doc.nodes, properties=doc.properties, format="hwp")
