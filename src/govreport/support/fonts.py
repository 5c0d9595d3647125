"""Free Linux substitutes for the official Hancom/Windows fonts, for PDF/PNG rendering only.

Documents always name the official fonts (휴먼명조, HY헤드라인M, 맑은 고딕 …); when LibreOffice
renders them on Linux, this fontconfig map picks the closest Debian fonts (FORMAT.md §4.2).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "휴먼명조": ("UnBatang", "NanumMyeongjo", "Noto Serif CJK KR"),
    "HY헤드라인M": ("NanumGothic ExtraBold", "NanumSquare ExtraBold", "Noto Sans CJK KR"),
    "HY견고딕": ("NanumGothic ExtraBold", "UnDotum"),
    "HY견명조": ("NanumMyeongjo ExtraBold", "UnBatang"),
    "맑은 고딕": ("NanumGothic", "Noto Sans CJK KR", "NanumBarunGothic"),
    "한양중고딕": ("UnDotum", "NanumGothic"),
    "중고딕": ("UnDotum", "NanumGothic"),
    "함초롬바탕": ("Noto Serif CJK KR", "UnBatang"),
    "함초롬돋움": ("UnDotum", "NanumGothic"),
    "한양신명조": ("UnBatang",),
    "신명조": ("UnBatang",),
    "바탕": ("UnBatang",),
    "돋움": ("UnDotum",),
    "굴림": ("UnDotum",),
}
"""Official font → preferred free substitutes (Debian: fonts-unfonts-core, fonts-nanum(-extra),
fonts-noto-cjk)."""


def fontconfig_xml() -> str:
    """A fontconfig file that includes the system config and adds the aliases."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        "<fontconfig>",
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ]
    for name, subs in SUBSTITUTES.items():
        prefer = "".join(f"<family>{escape(s)}</family>" for s in subs)
        lines.append(
            f'  <alias binding="same"><family>{escape(name)}</family>'
            f"<prefer>{prefer}</prefer></alias>"
        )
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


FILE_NAME = "fonts.conf"


def write_fontconfig(folder: Path) -> Path:
    """Write the fontconfig file into ``folder`` (a private folder the caller owns) and
    return its path.  The file is created anew (``O_EXCL``, never through a symlink): an
    existing file of that name is removed first, so nothing planted there is followed."""
    path = folder / FILE_NAME
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(
        os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(fontconfig_xml())
    return path


_private: dict[int, Path] = {}
"""Process id → its private fontconfig folder (a forked child makes its own)."""


def fontconfig_file() -> Path:
    """Path of a fontconfig file with the aliases, private to this process: written once
    into a folder of its own (``mkdtemp``: mode 0700, a fresh name) and removed when the
    process exits.  LibreOffice runs get theirs in their own profile folder instead
    (:func:`write_fontconfig`), so that a killed process leaves nothing in the temp folder."""
    pid = os.getpid()
    folder = _private.get(pid)
    if folder is None or not (folder / FILE_NAME).is_file():
        folder = Path(tempfile.mkdtemp(prefix="govreport-fonts-"))
        write_fontconfig(folder)
        _private[pid] = folder
        atexit.register(_remove, pid, folder)
    return folder / FILE_NAME


def _remove(pid: int, folder: Path) -> None:
    if pid == os.getpid():
        shutil.rmtree(folder, ignore_errors=True)
