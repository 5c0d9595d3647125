"""rhwp-python, loaded and run apart from the reading process.

**FreeType.**  The rhwp-python 0.8 wheel links its native module against the FreeType that
auditwheel bundled (``rhwp_python.libs/libfreetype-….so.6``, the old 2.x of the manylinux
build image), but the module itself calls newer FreeType API (``FT_Palette_Data_Get``, 2.10+),
so ``import rhwp`` fails with "undefined symbol".  The dynamic linker resolves a symbol in the
global scope before a library's own dependencies, so loading the system ``libfreetype.so.6``
(2.10 or newer) with ``RTLD_GLOBAL`` *before* the module is imported makes every ``FT_``
symbol come from it — what ``LD_PRELOAD`` did, without asking the user for anything.
:func:`load_rhwp` does this only when the plain import fails for that reason.

**Bounds.**  rhwp parses in native code, where no Python watchdog can stop it.  So the
conversion runs in a child process (this file run as a script, ``python -P hwp_native.py``):
the HWP bytes go in on stdin, the HWPX package comes back on stdout; the child caps its own
address space at what it uses after loading rhwp plus ``read_memory_mb`` (``RLIMIT_AS``, where
the platform has it) and the parent kills it after ``read_seconds``.  A hostile file is
refused with a message naming the limit; the reading process never grows.

The module uses the standard library only, so that the child starts in a few tens of
milliseconds: it loads rhwp's native core (``rhwp._rhwp``) without the package's pydantic
wrapper, falling back to ``import rhwp`` when the core cannot be found that way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_FREETYPE_CANDIDATES = ("libfreetype.so.6", "/lib/x86_64-linux-gnu/libfreetype.so.6",
                        "/usr/lib/x86_64-linux-gnu/libfreetype.so.6",
                        "/lib/aarch64-linux-gnu/libfreetype.so.6", "/usr/lib64/libfreetype.so.6",
                        "libfreetype.6.dylib")
INSTALL = "reading .hwp needs the optional extra: pip install 'govreport[hwp]'"
EXIT_UNREADABLE = 3
"""The child's exit status when rhwp rejects the file (its message on stderr)."""
EXIT_MISSING = 4
"""The child's exit status when rhwp cannot be loaded (the message on stderr)."""
MESSAGE_MARK = "\n@govreport-message@"
"""Put before the child's own message on stderr (rhwp may print a panic report before it)."""


class RhwpUnavailable(RuntimeError):
    """rhwp-python is not installed or its native module cannot be loaded."""


class NotReadable(ValueError):
    """rhwp rejected the file."""


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
            raise RhwpUnavailable(f"{INSTALL} ({message})") from None
    for name in [m for m in sys.modules if m == "rhwp" or m.startswith("rhwp.")]:
        del sys.modules[name]
    _need_freetype()
    try:
        return importlib.import_module("rhwp")
    except ImportError as exc:
        raise RhwpUnavailable(f"rhwp-python could not be loaded: {exc}") from None


def _need_freetype() -> None:
    if _preload_system_freetype() is None:
        raise RhwpUnavailable("rhwp-python needs FreeType 2.10 or newer and none was found: "
                              "install the system package (Debian/Ubuntu: apt-get install "
                              "libfreetype6)")


def load_core() -> Any:
    """rhwp's native ``_Document`` class, loaded from ``rhwp/_rhwp*.so`` without running the
    package's ``__init__`` (which imports pydantic); None when it is not found that way."""
    spec = importlib.util.find_spec("rhwp")
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    found = [p for d in places for p in sorted(Path(d).glob("_rhwp*"))
             if p.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))]
    if not found:
        return None

    def load() -> Any:
        loader = importlib.machinery.ExtensionFileLoader("rhwp._rhwp", str(found[0]))
        core_spec = importlib.util.spec_from_file_location("rhwp._rhwp", found[0],
                                                           loader=loader)
        if core_spec is None:
            return None
        module = importlib.util.module_from_spec(core_spec)
        loader.exec_module(module)
        return getattr(module, "_Document", None)

    try:
        return load()
    except ImportError as exc:
        if "undefined symbol" not in str(exc) or "FT_" not in str(exc):
            return None
    _need_freetype()
    try:
        return load()
    except ImportError:
        return None


def convert(document_class: Any, data: bytes) -> bytes:
    """The HWPX package rhwp writes for HWP bytes, in this process (``document_class``:
    ``rhwp.Document`` or the core ``_Document``); :class:`NotReadable` when it cannot."""
    try:
        doc = document_class.from_bytes(data, source_uri="input.hwp")
        out = doc.to_hwpx_bytes()
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # a Rust panic arrives as PanicException (a BaseException)
        raise NotReadable(f"not a readable HWP file ({type(exc).__name__}: {exc})") from None
    if not isinstance(out, bytes):
        raise NotReadable("rhwp returned no HWPX package")
    return out


def _cap_memory(budget: int) -> None:
    """Limit this process's address space to what it maps now plus ``budget`` bytes."""
    try:
        import resource
    except ImportError:  # not on this platform: the time bound still holds
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            mapped = int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = mapped + budget
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        return


def main() -> int:
    """The child: HWP bytes on stdin → HWPX bytes on stdout (argv[1]: memory budget bytes)."""
    budget = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    try:
        document_class = load_core() or load_rhwp().Document
    except RhwpUnavailable as exc:
        sys.stderr.write(MESSAGE_MARK + str(exc))
        return EXIT_MISSING
    data = sys.stdin.buffer.read()
    if budget:
        _cap_memory(budget)
    try:
        out = convert(document_class, data)
    except NotReadable as exc:
        sys.stderr.write(MESSAGE_MARK + str(exc))
        return EXIT_UNREADABLE
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
