"""The LibreOffice profiles cached under ``~/.cache/govreport``: taking one, removing stale ones.

``<root>/libreoffice-<key>/profile-<n>/`` is a profile, ``profile-<n>.lock`` beside it its
lock: a process holds an exclusive ``flock`` on the lock file for as long as it uses the
profile (its LibreOffice running included).  ``<key>`` names one LibreOffice installation
and one version of the conversion macro (:func:`installation_key`), so a profile is only
ever used by the LibreOffice and macro it was made for.

The profiles of every other key — made by an earlier govreport, or for a LibreOffice since
updated — are dead weight (~0.3 MB each) unless another installed govreport still uses
them.  :func:`remove_stale` deletes those that nobody holds and nobody has used for
:data:`STALE_SECONDS`; a profile in use is never touched, as the lock is taken before
anything is deleted, and the lock file is removed last, under the lock.  A process that
took a lock file which has since been removed notices it (:func:`take_slot` checks that
the file it locked is still the one at the path) and takes another.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import time
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no cached profiles
    fcntl = None  # type: ignore[assignment]

__all__ = ["MAX_SLOTS", "STALE_SECONDS", "cache_root", "installation_key", "remove_stale",
           "take_slot"]

MAX_SLOTS = 32
"""Cached profiles per LibreOffice installation (more concurrent users get throw-away ones)."""
STALE_SECONDS = 24 * 3600.0
"""A profile of another installation or macro version unused for this long is removed."""
_FOLDER = re.compile(r"libreoffice-[0-9a-f]{12}")
_SLOT = re.compile(r"profile-(\d{1,4})")


def cache_root() -> Path:
    """Where cached profiles live: ``$XDG_CACHE_HOME/govreport`` or ``~/.cache/govreport``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govreport"


def installation_key(soffice: str, version: str) -> str:
    """The folder name of the profiles of one LibreOffice installation and macro version."""
    real = os.path.realpath(soffice)
    try:
        stamp = f"{os.stat(real).st_mtime_ns}"
    except OSError:
        stamp = ""
    digest = hashlib.sha256(f"{real}\0{stamp}\0{version}".encode()).hexdigest()[:12]
    return f"libreoffice-{digest}"


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the open file ``fd`` (not removed or replaced)."""
    try:
        now = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def take_slot(folder: Path) -> tuple[IO[bytes], Path] | None:
    """Lock a free profile slot of ``folder``: (the open lock file — the lock lasts until
    it is closed — and the profile's path), or ``None`` when all :data:`MAX_SLOTS` are
    taken.  The lock file's time is set to now (when the profile was last used)."""
    if fcntl is None:  # pragma: no cover
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(MAX_SLOTS):
        path = folder / f"profile-{n}.lock"
        for _ in range(3):  # the file may be removed by a cleaner between open and lock
            lock = open(path, "ab")  # noqa: SIM115 - held open by the caller
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                lock.close()
                break  # in use: the next slot
            if _same_file(lock.fileno(), path):
                with contextlib.suppress(OSError):
                    os.utime(lock.fileno())
                return lock, folder / f"profile-{n}"
            lock.close()
    return None


def _last_used(lock: Path, profile: Path) -> float:
    """The latest change to a slot: its lock (set when taken), the profile, its spool."""
    latest = 0.0
    for path in (lock, profile, profile / "user", profile / "user" / "govreport-spool"):
        with contextlib.suppress(OSError):
            latest = max(latest, os.stat(path, follow_symlinks=False).st_mtime)
    return latest


def _remove_slot(lock: Path, profile: Path, oldest: float) -> bool:
    """Delete one slot if nobody holds its lock and it was last used before ``oldest``."""
    assert fcntl is not None
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # in use by another process
        if not _same_file(fd, lock) or _last_used(lock, profile) >= oldest:
            return False
        if profile.is_dir() and not profile.is_symlink():
            try:
                shutil.rmtree(profile)
            except OSError:
                return False  # the lock file stays with what is left
        with contextlib.suppress(OSError):
            os.unlink(lock)  # last, still under the lock
        return True
    finally:
        os.close(fd)  # drops the lock


def remove_stale(root: Path, keep: str, *, max_age: float = STALE_SECONDS,
                 now: float | None = None) -> list[Path]:
    """Remove the cached profiles under ``root`` of every key but ``keep`` that nobody
    holds and nobody has used for ``max_age`` seconds, and their folders once empty.
    Returns the profiles removed; never raises for what it cannot remove."""
    if fcntl is None:  # pragma: no cover
        return []
    oldest = (time.time() if now is None else now) - max_age
    removed: list[Path] = []
    try:
        folders = [e for e in os.scandir(root) if _FOLDER.fullmatch(e.name) and e.name != keep
                   and e.is_dir(follow_symlinks=False)]
    except OSError:
        return removed
    for entry in folders:
        folder = Path(entry.path)
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        slots = {m.group(1) for name in names if (m := _SLOT.fullmatch(name.removesuffix(
            ".lock")))}
        for n in sorted(slots, key=int):
            lock, profile = folder / f"profile-{n}.lock", folder / f"profile-{n}"
            if f"profile-{n}.lock" in names:
                if _remove_slot(lock, profile, oldest):
                    removed.append(profile)
            elif not profile.is_symlink() and _last_used(lock, profile) < oldest:
                # a profile without its lock: left by a removal that was cut short
                shutil.rmtree(profile, ignore_errors=True)
                if not profile.exists():
                    removed.append(profile)
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
    return removed
