"""Free Linux substitutes for the official Hancom/Windows fonts, for PDF/PNG rendering only.

Documents always name the official fonts (휴먼명조, HY헤드라인M, 맑은 고딕 …); when LibreOffice
renders them on Linux, this fontconfig map picks the closest Debian fonts (FORMAT.md §4.2).
"""

from __future__ import annotations

import tempfile
from functools import cache
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


@cache
def fontconfig_file() -> Path:
    """Path of a fontconfig file with the aliases (written once per process)."""
    path = Path(tempfile.gettempdir()) / "govreport-fonts.conf"
    text = fontconfig_xml()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
