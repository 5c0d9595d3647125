"""PDF via LibreOffice (headless), with the official fonts mapped to free look-alikes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import RenderError
from ..fonts import fontconfig_file
from ..layout.nodes import TocEntry

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None``."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


# LibreOffice puts extra space between Asian and Latin/digit characters ("2 회") unless a
# paragraph's "Asian typography → apply spacing between Asian and non-Asian text"
# (ParaIsCharacterDistance, ODF style:text-autospace) is off.  Its DOCX import ignores
# w:autoSpaceDE/DN, so the conversion runs as a Basic macro of a throw-away profile that turns
# the property off in every paragraph style before exporting — one LibreOffice start, as with
# --convert-to.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Pdf"
 script:language="StarBasic">
Sub Convert(sIn As String, sOut As String)
  On Error GoTo Failed
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot; : aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, aLoad())
  oStyles = oDoc.getStyleFamilies().getByName(&quot;ParagraphStyles&quot;)
  For i = 0 To oStyles.getCount() - 1
    oStyles.getByIndex(i).ParaIsCharacterDistance = False
  Next i
  Dim aPdf(0) As New com.sun.star.beans.PropertyValue
  aPdf(0).Name = &quot;FilterName&quot; : aPdf(0).Value = &quot;writer_pdf_Export&quot;
  oDoc.storeToURL(ConvertToURL(sOut), aPdf())
  oDoc.close(True)
Failed:
  StarDesktop.terminate()
End Sub
</script:module>
"""
_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library"
 xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Govreport" xlink:href="$(USER)/basic/Govreport/script.xlb/"
  xlink:type="simple" library:link="false"/>
</library:libraries>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Govreport"
 library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Pdf"/>
</library:library>
"""
# marks the profile as set up, so that LibreOffice does not copy its presets over our macro
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted"
 oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""
_SAFE_PATH = re.compile(r"^[\w./-]+$")


def _macro_profile(profile: Path) -> None:
    """A LibreOffice user profile holding the conversion macro (``Govreport.Pdf.Convert``)."""
    lib = profile / "user" / "basic" / "Govreport"
    lib.mkdir(parents=True)
    (lib.parent / "script.xlc").write_text(_LIBRARIES, encoding="utf-8")
    (lib / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
    (lib / "Pdf.xba").write_text(_MACRO, encoding="utf-8")
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")


def _run(cmd: list[str], timeout: float, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s") from None


def docx_to_pdf(docx: bytes, timeout: float = 180.0) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice; clear error when it is missing.

    Hangul next to digits/Latin keeps the document's own spacing (no added "2 회" gaps):
    the conversion macro turns LibreOffice's Asian/Latin autospace off.  Should the macro not
    run, the plain ``--convert-to`` conversion is used (with LibreOffice's spacing).
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "PDF output needs LibreOffice, which is not installed. Install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui; also fonts-nanum "
            "fonts-unfonts-core for Korean fonts) or write .docx/.hwpx instead."
        )
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        pdf = Path(tmp) / "report.pdf"
        env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
        proc = None
        if _SAFE_PATH.match(tmp):
            profile = Path(tmp) / "macro-profile"
            _macro_profile(profile)
            proc = _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                         "--norestore", f'macro:///Govreport.Pdf.Convert("{src}","{pdf}")'],
                        timeout, env)
        if not pdf.exists():
            profile = Path(tmp) / "profile"
            proc = _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                         "--norestore", "--convert-to", "pdf", "--outdir", tmp, str(src)],
                        timeout, env)
        if proc is None or proc.returncode != 0 or not pdf.exists():
            detail = b"" if proc is None else (proc.stderr or proc.stdout)
            text = detail.decode("utf-8", "replace").strip()[-500:]
            raise RenderError(f"LibreOffice could not convert the document: {text}")
        return pdf.read_bytes()


_PAGE_NUMBER = re.compile(r"-\s*(\d+)\s*-\s*$")


def printed_pages(pdf: bytes) -> list[tuple[int | None, str]] | None:
    """(printed body page number or ``None``, text without whitespace) for each PDF page;
    ``None`` when ``pdftotext`` (poppler-utils) is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    proc = subprocess.run([exe, "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        return None
    out: list[tuple[int | None, str]] = []
    for page in proc.stdout.decode("utf-8", "replace").split("\f"):
        m = _PAGE_NUMBER.search(page.strip())
        out.append((int(m.group(1)) if m else None, re.sub(r"\s+", "", page)))
    return out


def toc_pages(pdf: bytes, entries: Sequence[TocEntry]) -> dict[str, int] | None:
    """The real body page of each TOC entry, found in the rendered PDF (in order, on numbered
    pages only, so the 목차 page itself never matches); ``None`` if it cannot be read."""
    pages = printed_pages(pdf)
    if pages is None:
        return None
    found: dict[str, int] = {}
    start = 0
    for entry in entries:
        if entry.heading:  # a heading line (※ 붙임 문서) has no page of its own
            continue
        # a task is "1 제목" in its chip (the overview box has "① 제목"); a part "Ⅰ. 제목"
        label = entry.label.rstrip(".") if entry.level > 1 else entry.label
        needles = [re.sub(r"\s+", "", label + entry.text)]
        if entry.level == 1:
            needles.append(re.sub(r"\s+", "", entry.text))
        for i in range(start, len(pages)):
            number, text = pages[i]
            if number is not None and any(n in text for n in needles):
                found[entry.bookmark] = number
                start = i
                break
    return found
