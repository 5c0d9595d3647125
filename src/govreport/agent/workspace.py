"""Workspace roots: every path a tool reads or writes must lie inside one of them.

Paths are resolved with symlinks followed (``Path.resolve``) before the check, so a link
inside the workspace that points outside is refused like the outside path itself.  Output
files are claimed while they are written: a second render of the same file is refused
until the first has finished (:meth:`Workspace.claim`).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..support.errors import GovReportError


class WorkspaceError(GovReportError, ValueError):
    """A path outside the workspace, or an output file already being written."""


class Workspace:
    """The folders a server may touch (the first is where relative paths start)."""

    def __init__(self, roots: Sequence[str | os.PathLike[str]]) -> None:
        if not roots:
            raise WorkspaceError("a workspace needs at least one root folder")
        resolved: list[Path] = []
        for r in roots:
            p = Path(r).expanduser().resolve()
            if not p.is_dir():
                raise WorkspaceError(f"{r}: workspace root is not a folder")
            resolved.append(p)
        self.roots: tuple[Path, ...] = tuple(resolved)
        self._busy: set[Path] = set()
        self._lock = threading.Lock()

    @property
    def home(self) -> Path:
        """The first root: relative paths are taken from here."""
        return self.roots[0]

    def resolve(self, path: str | os.PathLike[str], what: str = "path") -> Path:
        """``path`` (relative to :attr:`home`) resolved, if inside a root; else an error."""
        text = os.fspath(path)
        if not text.strip():
            raise WorkspaceError(f"the {what} is empty")
        if "\x00" in text:
            raise WorkspaceError(f"the {what} contains a NUL character")
        p = Path(text).expanduser()
        full = (p if p.is_absolute() else self.home / p).resolve()
        if not any(full == r or full.is_relative_to(r) for r in self.roots):
            roots = ", ".join(str(r) for r in self.roots)
            raise WorkspaceError(f"{text}: the {what} is outside the workspace ({roots}); "
                                 "give a path inside it")
        return full

    def existing_file(self, path: str | os.PathLike[str], what: str = "file") -> Path:
        """:meth:`resolve` of a file that must exist."""
        full = self.resolve(path, what)
        if not full.exists():
            raise WorkspaceError(f"{os.fspath(path)}: no such {what} in the workspace")
        if not full.is_file():
            raise WorkspaceError(f"{os.fspath(path)}: the {what} is not a file")
        return full

    def relative(self, path: Path) -> str:
        """``path`` as shown to the client: relative to the root holding it."""
        for r in self.roots:
            if path == r or path.is_relative_to(r):
                rel = path.relative_to(r).as_posix()
                return rel if r == self.home else f"{r.as_posix()}/{rel}"
        return path.as_posix()

    @contextlib.contextmanager
    def claim(self, paths: Sequence[Path]) -> Iterator[None]:
        """Hold ``paths`` for writing; refused while another call holds any of them."""
        with self._lock:
            busy = [p for p in paths if p in self._busy]
            if busy:
                raise WorkspaceError(f"{self.relative(busy[0])}: another render is writing this "
                                     "file; wait for it to finish")
            self._busy.update(paths)
        try:
            yield
        finally:
            with self._lock:
                self._busy.difference_update(paths)


__all__ = ["Workspace", "WorkspaceError"]
