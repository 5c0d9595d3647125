"""Output files written whole or not at all: a temporary file in the same folder, then a
rename (a batch worker that is stopped removes the temporary files it is writing)."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


writing: set[str] = set()
"""Temporary files being written now (a terminating batch worker removes them)."""


def write_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    ``replace=False`` claims ``path`` exclusively: the finished temporary file is hard-linked
    to it, which fails when the name exists — also when another process created it since
    the caller looked (:class:`FileExistsError`, naming ``path``).  Errors name ``path``,
    never the hidden temporary file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path.parent)) from None
    except OSError as exc:
        raise _naming(exc, path.parent) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _naming(exc, path) from None
    writing.add(tmp)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        if replace:
            os.replace(tmp, path)
        else:
            _claim(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _naming(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        writing.discard(tmp)


def _claim(tmp: str, path: Path) -> None:
    """Give the finished ``tmp`` the name ``path`` only if nobody has it (link, then unlink);
    where hard links are not supported, an ``O_EXCL`` create and a copy."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network or FAT file systems)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        out = os.open(path, flags, 0o666)
        try:
            with open(tmp, "rb") as src, os.fdopen(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    os.unlink(tmp)


def _naming(exc: OSError, path: Path) -> OSError:
    """``exc`` told about ``path`` (the temporary file's name is no use to a user)."""
    if isinstance(exc, FileExistsError):
        return FileExistsError(exc.errno, "file exists (use --force to overwrite)", str(path))
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


__all__ = ["write_atomic", "writing"]
