"""The LibreOffice Basic that converts DOCX → PDF, and the user profile that holds it.

``Govreport.Pdf.Serve`` runs inside LibreOffice (started with the macro URL of
:func:`serve_url`) and takes its work from the spool folder of its own profile
(``<profile>/user/govreport-spool``): for each ``N.job`` (N = 1, 2, …, in order) it converts
``N.docx`` to ``N.pdf`` and then writes ``N.done`` — the answer (:func:`parse_reply`):
``ok``, and under it the 목차 pages, or the error.  It stops on a
``quit`` file, or when the process that started it is gone (``/proc/<pid>``, Linux).  So
one LibreOffice start serves any number of documents, and every path the macro touches is
derived from its profile: no file name is ever spliced into the macro URL.

For each document the macro, before exporting:

* turns off "apply spacing between Asian and non-Asian text" (``ParaIsCharacterDistance``,
  ODF ``style:text-autospace``) in every paragraph style — LibreOffice's DOCX import ignores
  ``w:autoSpaceDE``/``autoSpaceDN`` and would put gaps into "2회" (rendered "2 회");
* makes the 목차 true: for each entry of the document's table of contents it finds the page
  of the entry's bookmark (the hyperlink target), as printed (page-number restarts counted),
  and replaces the entry's number when the layout's estimate was wrong — the work Word's
  "update page numbers only" does, in the same run, so no second conversion is needed —
  and reports every page it printed there (one ``bookmark<TAB>page`` line each, under
  ``ok``), so that a DOCX made with the PDF carries the same numbers without reading the
  PDF's text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

import attrs

__all__ = ["MACRO", "SPOOL", "VERSION", "Reply", "install", "parse_reply", "serve_url"]

SPOOL = "govreport-spool"
"""The spool folder's name inside ``<profile>/user``."""

_BASIC = """\
Option Explicit

Sub Serve(nParent As Long)
  Dim sSpool As String, n As Long, nIdle As Long, sResult As String
  sSpool = CreateUnoService("com.sun.star.util.PathSubstitution") _
    .substituteVariables("$(user)/@SPOOL@/", True)
  Answer(sSpool, "ready", "ok")
  n = 1
  Do
    If FileExists(sSpool & CStr(n) & ".job") Then
      sResult = ConvertOne(sSpool & CStr(n) & ".docx", sSpool & CStr(n) & ".pdf")
      Answer(sSpool, CStr(n) & ".done", sResult)
      n = n + 1
      nIdle = 0
    ElseIf FileExists(sSpool & "quit") Then
      Exit Do
    Else
      REM quick polls right after a document (the next one usually follows), then slower
      If nIdle < 100 Then
        Wait 4
      Else
        Wait 40
      End If
      nIdle = nIdle + 1
      If nParent > 0 And nIdle Mod 25 = 0 Then
        If Not FileExists("/proc/" & CStr(nParent)) Then Exit Do
      End If
    End If
  Loop
  StarDesktop.terminate()
End Sub

Sub Answer(sSpool As String, sName As String, sText As String)
  Dim nFile As Integer
  nFile = FreeFile
  Open sSpool & sName & ".tmp" For Output As #nFile
  Print #nFile, sText
  Close #nFile
  Name sSpool & sName & ".tmp" As sSpool & sName
End Sub

Function ConvertOne(sIn As String, sOut As String) As String
  Dim oDoc As Object, oStyles As Object, i As Long, nFixed As Long, sPages As String
  On Error GoTo Failed
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = "Hidden" : aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(sIn, "_blank", 0, aLoad())
  If IsNull(oDoc) Then
    ConvertOne = "error: LibreOffice could not open the document"
    Exit Function
  End If
  REM no view updates while the styles and tables change; a style whose value it only
  REM inherits from Standard (already off) is not set again
  oDoc.lockControllers()
  oStyles = oDoc.getStyleFamilies().getByName("ParagraphStyles")
  If oStyles.hasByName("Standard") Then
    oStyles.getByName("Standard").ParaIsCharacterDistance = False
  End If
  For i = 0 To oStyles.getCount() - 1
    If oStyles.getByIndex(i).ParaIsCharacterDistance Then
      oStyles.getByIndex(i).ParaIsCharacterDistance = False
    End If
  Next i
  KeepTables(oDoc)
  oDoc.unlockControllers()
  sPages = ""
  nFixed = FixToc(oDoc, sPages)
  Dim aPdf(0) As New com.sun.star.beans.PropertyValue
  aPdf(0).Name = "FilterName" : aPdf(0).Value = "writer_pdf_Export"
  oDoc.storeToURL(sOut, aPdf())
  oDoc.close(True)
  REM the pages only when every 목차 line was read (-1: FixToc failed part way)
  If nFixed < 0 Then sPages = ""
  ConvertOne = "ok " & CStr(nFixed) & sPages
  Exit Function
Failed:
  ConvertOne = "error " & CStr(Err) & " (line " & CStr(Erl) & "): " & Error$
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
End Function

REM Word's table rules, which LibreOffice's DOCX import leaves out: a table whose last row's
REM paragraphs keep with the next is kept with what follows it (a chip with its first lines,
REM a table with its note), and one whose every row but the last keeps with the next is not
REM split (a short table moves whole)
Sub KeepTables(oDoc As Object)
  Dim oTables As Object, oTable As Object, aNames As Variant, nRows As Long, i As Long
  Dim sLast As String, sAbove As String, j As Long
  On Error Resume Next
  oTables = oDoc.getTextTables()
  For i = 0 To oTables.getCount() - 1
    oTable = oTables.getByIndex(i)
    aNames = oTable.getCellNames()
    nRows = oTable.getRows().getCount()
    sLast = aNames(UBound(aNames))
    If FirstKeeps(oTable.getCellByName(sLast)) Then oTable.KeepTogether = True
    If nRows > 1 Then
      sAbove = ""
      For j = UBound(aNames) To 0 Step -1
        If aNames(j) = "A" & CStr(nRows - 1) Then sAbove = aNames(j)
      Next j
      If sAbove <> "" Then
        If FirstKeeps(oTable.getCellByName(sAbove)) And FirstKeeps(oTable.getCellByName("A1")) _
          Then oTable.Split = False
      End If
    End If
  Next i
End Sub

Function FirstKeeps(oCell As Object) As Boolean
  Dim oEnum As Object, oPara As Object
  FirstKeeps = False
  If IsNull(oCell) Then Exit Function
  oEnum = oCell.getText().createEnumeration()
  If Not oEnum.hasMoreElements() Then Exit Function
  oPara = oEnum.nextElement()
  If oPara.supportsService("com.sun.star.text.Paragraph") Then FirstKeeps = oPara.ParaKeepTogether
End Function

REM Corrects the numbers of the 목차 lines; sPages gets a line (LF, bookmark, TAB, page)
REM for every line whose number it checked, that is the page the PDF prints there.
Function FixToc(oDoc As Object, sPages As String) As Long
  Dim oIndexes As Object, oView As Object, oMarks As Object, oEnum As Object, oEl As Object
  Dim aPhys(0) As Long, aFirst(0) As Long, nRestarts As Long, v As Variant
  Dim oPara As Object, oPortions As Object, oPortion As Object, sMark As String
  Dim sText As String, nDigits As Long, nPage As Long, i As Long, j As Long, oCursor As Object
  On Error GoTo Failed
  FixToc = 0
  oIndexes = oDoc.getDocumentIndexes()
  If oIndexes.getCount() = 0 Then Exit Function
  oView = oDoc.getCurrentController().getViewCursor()
  oMarks = oDoc.getBookmarks()
  REM where page numbering restarts: (physical page, number printed there)
  nRestarts = 0
  oEnum = oDoc.getText().createEnumeration()
  Do While oEnum.hasMoreElements()
    oEl = oEnum.nextElement()
    v = Empty
    If oEl.getPropertySetInfo().hasPropertyByName("PageNumberOffset") Then
      v = oEl.getPropertyValue("PageNumberOffset")
    End If
    If Not IsEmpty(v) And Not IsNull(v) Then
      If oEl.supportsService("com.sun.star.text.TextTable") Then
        oView.gotoRange(oEl.getCellByName("A1").getText().getStart(), False)
      Else
        oView.gotoRange(oEl.getStart(), False)
      End If
      ReDim Preserve aPhys(nRestarts) As Long
      ReDim Preserve aFirst(nRestarts) As Long
      aPhys(nRestarts) = oView.getPage()
      aFirst(nRestarts) = v
      nRestarts = nRestarts + 1
    End If
  Loop
  For i = 0 To oIndexes.getCount() - 1
    oEnum = oIndexes.getByIndex(i).getAnchor().createEnumeration()
    Do While oEnum.hasMoreElements()
      oPara = oEnum.nextElement()
      sMark = ""
      If oPara.supportsService("com.sun.star.text.Paragraph") Then
        oPortions = oPara.createEnumeration()
        Do While oPortions.hasMoreElements() And sMark = ""
          oPortion = oPortions.nextElement()
          If Left(oPortion.HyperLinkURL, 1) = "#" Then sMark = Mid(oPortion.HyperLinkURL, 2)
        Loop
      End If
      If sMark <> "" And oMarks.hasByName(sMark) Then
        sText = oPara.getString()
        nDigits = 0
        Do While nDigits < Len(sText) And nDigits < 6
          If InStr("0123456789", Mid(sText, Len(sText) - nDigits, 1)) = 0 Then Exit Do
          nDigits = nDigits + 1
        Loop
        If nDigits > 0 And nDigits < Len(sText) Then
          If Mid(sText, Len(sText) - nDigits, 1) = Chr(9) Then
            oView.gotoRange(oMarks.getByName(sMark).getAnchor(), False)
            nPage = oView.getPage()
            For j = nRestarts - 1 To 0 Step -1
              If aPhys(j) <= oView.getPage() Then
                nPage = oView.getPage() - aPhys(j) + aFirst(j)
                Exit For
              End If
            Next j
            If CStr(nPage) <> Right(sText, nDigits) Then
              oCursor = oPara.getText().createTextCursorByRange(oPara.getEnd())
              oCursor.goLeft(nDigits, True)
              oCursor.setString(CStr(nPage))
              FixToc = FixToc + 1
            End If
            sPages = sPages & Chr(10) & sMark & Chr(9) & CStr(nPage)
          End If
        End If
      End If
    Loop
  Next i
  Exit Function
Failed:
  FixToc = -1
End Function
"""

MACRO = _BASIC.replace("@SPOOL@", SPOOL)
"""The Basic module ``Govreport.Pdf``."""



def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")


_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Pdf"
 script:language="StarBasic">
""" + _xml_text(MACRO) + "</script:module>\n"
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
# The profile is marked as set up, so that LibreOffice does not copy its presets over the
# macro; a converter needs no spelling checked as it goes and no lock files (a quarter less
# work per document, measured).
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted"
 oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/SpellChecking"><prop oor:name="IsSpellAuto"
 oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop
 oor:name="UseDocumentSystemFileLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentOOoLockFile"
 oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
VERSION = hashlib.sha256((MACRO + _REGISTRY).encode()).hexdigest()[:12]
"""Changes with the macro and settings: profiles made for another version are not reused."""


_PAGE_LINE = re.compile(r"([^\t\n]{1,200})\t(\d{1,6})")


@attrs.frozen(slots=True, kw_only=True)
class Reply:
    """The macro's answer for one document.

    ``ok``: the PDF was written (else ``error`` says why); ``toc_pages``: the page printed
    in the 목차 for each bookmark the macro resolved (``None``: not reported — an older
    macro, or the 목차 could not be read to the end).
    """

    ok: bool
    error: str = ""
    toc_pages: Mapping[str, int] | None = None


def parse_reply(text: str) -> Reply:
    """Read an ``N.done`` file: ``ok <fixed>`` then ``bookmark<TAB>page`` lines, or
    ``error …``.  Lines that are not a bookmark and a page are skipped."""
    head, _, rest = text.strip().partition("\n")
    words = head.split()
    if not words or words[0] != "ok":
        return Reply(ok=False, error=text.strip().removeprefix("error").strip(" :"))
    try:
        fixed = int(words[1]) if len(words) > 1 else -1
    except ValueError:
        fixed = -1
    if fixed < 0:
        return Reply(ok=True)
    pages: dict[str, int] = {}
    for line in rest.splitlines():
        m = _PAGE_LINE.fullmatch(line.strip("\r"))
        if m:
            pages.setdefault(m.group(1), int(m.group(2)))
    return Reply(ok=True, toc_pages=pages)


def install(profile: Path) -> Path:
    """Make ``profile`` a LibreOffice user profile holding ``Govreport.Pdf`` (a profile
    LibreOffice has already used keeps its settings; the macro files are rewritten when
    they differ).  Returns the spool folder, emptied."""
    user = profile / "user"
    lib = user / "basic" / "Govreport"
    lib.mkdir(parents=True, exist_ok=True)
    for path, text in ((user / "basic" / "script.xlc", _LIBRARIES),
                       (lib / "script.xlb", _LIBRARY), (lib / "Pdf.xba", _MODULE)):
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    registry = user / "registrymodifications.xcu"
    if not registry.is_file():
        registry.write_text(_REGISTRY, encoding="utf-8")
    spool = user / SPOOL
    spool.mkdir(exist_ok=True)
    for old in spool.iterdir():
        old.unlink()
    return spool


def serve_url(parent_pid: int) -> str:
    """The macro URL that starts the conversion loop (0: do not watch a parent process)."""
    return f"macro:///Govreport.Pdf.Serve({int(parent_pid)})"
