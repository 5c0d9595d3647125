"""One LibreOffice process that converts DOCX → PDF, for one document or many.

:class:`Office` starts ``soffice --headless`` on the ``Govreport.Pdf.Serve`` macro (see
:mod:`.macro`) and hands it documents through the spool folder of its profile, so that N
documents pay LibreOffice's start-up once.  Every wait is bounded: a conversion that runs
past its time, or a LibreOffice that does not come up, is killed with its whole process
group; nothing is left running and no PDF is returned half-written (LibreOffice writes into
the spool, the bytes are read only after it reports the file done).

Profiles are reused between calls: creating one is a large part of LibreOffice's start-up.
They live in ``$XDG_CACHE_HOME/govreport`` (``~/.cache/govreport``), one per concurrent
user: each :class:`Office` takes a free numbered slot under an exclusive ``flock`` (two
LibreOffice processes on one profile would hand their work to each other), and holds it
until its process has exited.  Without a usable cache folder a throw-away profile is used.
The first cached profile a process takes also clears out stale ones (:mod:`.cache`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import attrs

from ...support.errors import RenderError
from ...support.fonts import write_fontconfig
from . import macro
from .cache import MAX_SLOTS, cache_root, installation_key, remove_stale, take_slot

__all__ = ["MAX_SLOTS", "Exported", "Office", "OfficeUnavailable", "cache_root"]

START_SECONDS = 30.0
"""Longest wait for LibreOffice to come up (a new profile on a busy machine takes seconds)."""
QUIT_SECONDS = 10.0
"""Longest wait for LibreOffice to exit when asked; then it is killed."""
_POLL = 0.004


@attrs.frozen(slots=True, kw_only=True)
class Exported:
    """A PDF that LibreOffice wrote, and the page its 목차 prints for each bookmark
    (``None``: not reported — the plain ``--convert-to`` fallback, or the macro could not
    read the 목차 to the end)."""

    pdf: bytes
    toc_pages: Mapping[str, int] | None = None


class OfficeUnavailable(RenderError):
    """LibreOffice did not start or stopped unexpectedly (the document is not to blame): the
    caller may try again another way (a new profile, a plain conversion)."""


_cleaned: set[tuple[int, str]] = set()
"""(process, cache folder) pairs whose stale profiles have been removed."""


class _Profile:
    """A LibreOffice user profile: a locked cache slot or a throw-away folder."""

    def __init__(self, soffice: str, *, cached: bool) -> None:
        self.path: Path
        self.cached = False
        self._lock: IO[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if cached:
            root = cache_root()
            key = installation_key(soffice, macro.VERSION)
            taken = None
            with contextlib.suppress(OSError):
                taken = take_slot(root / key)
            if taken is not None:
                self._lock, self.path = taken
                self.cached = True
                if (os.getpid(), str(root)) not in _cleaned:  # once per process
                    _cleaned.add((os.getpid(), str(root)))
                    with contextlib.suppress(OSError):
                        remove_stale(root, keep=key)
        if self._lock is None:
            remove_orphans()
            self._tmp = tempfile.TemporaryDirectory(prefix=f"{THROWAWAY}{os.getpid()}-")
            self.path = Path(self._tmp.name) / "profile"

    def discard(self) -> None:
        """Delete the profile (it may be what keeps LibreOffice from starting)."""
        shutil.rmtree(self.path, ignore_errors=True)

    def release(self) -> None:
        with contextlib.suppress(OSError):
            _empty(self.path / TEMP_FOLDER)
        if self._lock is not None:
            self._lock.close()  # closing the file drops the flock
            self._lock = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


TEMP_FOLDER = "tmp"
"""LibreOffice's temp folder (its ``lu*.tmp``), inside the profile: emptied before each start
and when the profile is released, so a killed run leaves nothing in the system's TMPDIR."""


def private_env(profile: Path) -> dict[str, str]:
    """The environment of a LibreOffice run on ``profile``: its own fontconfig file and its
    own, freshly emptied temp folder, both inside the profile folder."""
    profile.mkdir(parents=True, exist_ok=True)
    tmp = profile / TEMP_FOLDER
    _empty(tmp)
    tmp.mkdir(mode=0o700)
    conf = write_fontconfig(profile)
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "TMPDIR": str(tmp), "TMP": str(tmp),
            "TEMP": str(tmp)}


def _empty(folder: Path) -> None:
    """Remove ``folder`` (a symlink is removed, never followed)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


THROWAWAY = "govreport-office-"
"""Prefix of a throw-away profile folder in TMPDIR, followed by its owner's process id."""


def remove_orphans() -> list[Path]:
    """Remove the throw-away profile folders in TMPDIR whose owner process is gone (killed
    before it could remove its own); a batch calls this when its workers are done, and
    every new throw-away profile first.  Folders of other users are left alone."""
    removed: list[Path] = []
    root = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(THROWAWAY):
            continue
        pid = entry.name[len(THROWAWAY):].partition("-")[0]
        try:
            if not pid.isdigit() or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            if not entry.is_dir(follow_symlinks=False) or _alive(int(pid)):
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    if os.path.isdir("/proc"):  # a zombie (killed, not yet reaped) is gone for this purpose
        with contextlib.suppress(OSError, IndexError), open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    return True


def _alive_check_pid() -> int:
    """This process's id for the macro to watch (``/proc/<pid>``), or 0 without /proc."""
    pid = os.getpid()
    return pid if os.path.isdir(f"/proc/{pid}") else 0


class Office:
    """A running LibreOffice converting DOCX → PDF (start on first :meth:`convert`).

    ``cached``: use (and keep) a cached profile slot, else a throw-away profile.  Use as a
    context manager, or call :meth:`close`; :meth:`kill` stops it at once.  Not thread-safe:
    one caller at a time.
    """

    def __init__(self, soffice: str, *, cached: bool = True) -> None:
        self.soffice = soffice
        self.cached = cached
        self.owner = os.getpid()  # a forked child must not use or stop its parent's office
        self._profile: _Profile | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._spool: Path | None = None
        self._log: IO[bytes] | None = None
        self._next = 1

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        """The process id of the running LibreOffice (its process group), else ``None``."""
        return self._proc.pid if self._proc is not None else None

    # ------------------------------------------------------------------ starting
    def start(self, *, quit_after: bytes | None = None, timeout: float = START_SECONDS) -> None:
        """Start LibreOffice and wait (at most ``timeout`` seconds) until its macro runs.
        ``quit_after``: a document to convert before it quits on its own (one conversion,
        no second round trip; then this returns at once)."""
        if self._proc is not None:
            return
        self._profile = _Profile(self.soffice, cached=self.cached)
        try:
            self._spool = macro.install(self._profile.path)
        except OSError as exc:  # a broken cached profile: start over in a new one
            self._release()
            raise OfficeUnavailable(f"LibreOffice profile not usable ({exc})") from None
        if quit_after is not None:
            self._queue(quit_after)
            (self._spool / "quit").touch()
        try:
            env = private_env(self._profile.path)
        except OSError as exc:
            self._release()
            raise OfficeUnavailable(f"LibreOffice profile not usable ({exc})") from None
        self._log = open(self._profile.path / "soffice.log", "wb")  # noqa: SIM115
        cmd = [self.soffice, f"-env:UserInstallation={self._profile.path.as_uri()}",
               "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
               macro.serve_url(_alive_check_pid())]
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self._log,
                                          stderr=subprocess.STDOUT, env=env,
                                          start_new_session=sys.platform != "win32")
        except OSError as exc:
            self._release()
            raise OfficeUnavailable(f"LibreOffice could not be started ({exc})") from None
        if quit_after is None:
            try:
                self._wait_for("ready", timeout, starting=True)
            except BaseException:
                self.kill()
                raise

    # ------------------------------------------------------------------ converting
    def convert(self, docx: bytes, timeout: float) -> bytes:
        """PDF bytes of ``docx``; :class:`RenderError` when LibreOffice cannot convert it
        or takes longer than ``timeout`` seconds (then LibreOffice is stopped),
        :class:`OfficeUnavailable` when LibreOffice does not start or dies."""
        return self.export(docx, timeout).pdf

    def export(self, docx: bytes, timeout: float) -> Exported:
        """As :meth:`convert`, with the 목차 pages the macro reported."""
        if self._proc is None:
            started = time.monotonic()
            self.start(timeout=timeout)
            timeout = max(0.001, timeout - (time.monotonic() - started))
        n = self._queue(docx)
        return self._collect(n, timeout)

    def convert_once(self, docx: bytes, timeout: float) -> bytes:
        """Start, convert ``docx`` and quit: one LibreOffice run for one document."""
        return self.export_once(docx, timeout).pdf

    def export_once(self, docx: bytes, timeout: float) -> Exported:
        """As :meth:`convert_once`, with the 목차 pages the macro reported."""
        if self._proc is not None:
            return self.export(docx, timeout)
        self.start(quit_after=docx)
        try:
            return self._collect(1, timeout, starting=True)
        finally:
            self.close()

    def _queue(self, docx: bytes) -> int:
        assert self._spool is not None
        n = self._next
        self._next += 1
        (self._spool / f"{n}.docx").write_bytes(docx)
        job = self._spool / f"{n}.job.tmp"
        job.touch()
        job.replace(self._spool / f"{n}.job")
        return n

    def _collect(self, n: int, timeout: float, *, starting: bool = False) -> Exported:
        try:
            answer = self._wait_for(f"{n}.done", timeout, starting=starting)
        except BaseException:
            self.kill()  # timed out, died or interrupted: nothing of it stays running
            raise
        spool = self._spool
        assert spool is not None
        try:
            pdf = spool / f"{n}.pdf"
            reply = macro.parse_reply(answer)
            if not reply.ok or not pdf.is_file():
                detail = reply.error or "no PDF written"
                raise RenderError(f"LibreOffice could not convert the document: {detail}")
            return Exported(pdf=pdf.read_bytes(), toc_pages=reply.toc_pages)
        finally:
            for name in (f"{n}.docx", f"{n}.job", f"{n}.pdf", f"{n}.done"):
                with contextlib.suppress(OSError):
                    (spool / name).unlink()

    def _wait_for(self, name: str, timeout: float, *, starting: bool = False) -> str:
        """The text of spool file ``name`` once the macro has written it."""
        assert self._spool is not None and self._proc is not None
        path = self._spool / name
        ready = self._spool / "ready"
        start_deadline = time.monotonic() + START_SECONDS
        deadline = time.monotonic() + timeout
        while True:
            if path.exists():
                return path.read_text(encoding="utf-8", errors="replace").strip()
            if self._proc.poll() is not None:
                if path.exists():  # written just before the exit
                    continue
                raise OfficeUnavailable(f"LibreOffice stopped unexpectedly "
                                        f"(exit code {self._proc.returncode}){self._log_tail()}")
            now = time.monotonic()
            if now > deadline:
                raise RenderError(f"LibreOffice did not finish within {timeout:.3g} s "
                                  f"(raise it with --limit pdf_seconds=…)")
            if starting and now > start_deadline and not ready.exists():
                raise OfficeUnavailable(f"LibreOffice did not start within "
                                        f"{START_SECONDS:g} s{self._log_tail()}")
            time.sleep(_POLL)

    def _log_tail(self) -> str:
        if self._profile is None:
            return ""
        with contextlib.suppress(OSError):
            raw = (self._profile.path / "soffice.log").read_bytes()[-500:]
            text = raw.decode("utf-8", "replace").strip()
            if text:
                return f": {text}"
        return ""

    # ------------------------------------------------------------------ stopping
    def close(self) -> None:
        """Ask LibreOffice to quit and wait for it (killed if it does not within
        :data:`QUIT_SECONDS`); release the profile."""
        if os.getpid() != self.owner:
            return
        proc = self._proc
        if proc is not None and proc.poll() is None and self._spool is not None:
            with contextlib.suppress(OSError):
                (self._spool / "quit").touch()
            try:
                proc.wait(QUIT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
            except BaseException:
                self.kill()
                raise
        self.kill()

    def kill(self, *, discard_profile: bool = False) -> None:
        """Stop LibreOffice now (its whole process group) and release the profile;
        ``discard_profile``: delete it too (it may be what kept LibreOffice from starting)."""
        if os.getpid() != self.owner:
            return
        proc = self._proc
        if proc is not None:
            _kill_group(proc)
            self._proc = None
        if discard_profile and self._profile is not None:
            self._profile.discard()
        self._release()

    def kill_now(self) -> None:
        """Send SIGKILL to LibreOffice's process group and return at once (safe in a
        signal handler of a process about to exit; the profile lock goes with it)."""
        proc = self._proc
        if proc is not None and os.getpid() == self.owner:
            with contextlib.suppress(OSError):
                if sys.platform == "win32":  # pragma: no cover
                    proc.kill()
                else:
                    os.killpg(proc.pid, signal.SIGKILL)

    def _release(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._spool is not None:
            with contextlib.suppress(OSError):
                for old in self._spool.iterdir():
                    old.unlink()
            self._spool = None
        if self._profile is not None:
            self._profile.release()
            self._profile = None
        self._next = 1


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc`` and everything in its process group (soffice → oosplash →
    soffice.bin), reap it and wait until the group is gone (soffice.bin is not our child:
    it may still be exiting after oosplash has been reaped)."""
    with contextlib.suppress(OSError):
        if sys.platform == "win32":  # pragma: no cover
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(QUIT_SECONDS)
    deadline = time.monotonic() + QUIT_SECONDS
    while sys.platform != "win32" and _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.01)


def _group_alive(pgid: int) -> bool:
    """Whether a process of group ``pgid`` still runs (zombies, already dead, do not count)."""
    if not os.path.isdir("/proc"):  # pragma: no cover - not Linux
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(pgid).encode() and fields[0] != b"Z":
            return True
    return False

