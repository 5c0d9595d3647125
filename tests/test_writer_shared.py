"""Facts both writers share: one answer for DOCX and HWPX (font class …)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import govreport
from govreport.layout import layout
from govreport.theme import Theme
from govreport.writers.docx import write_docx
from govreport.writers.hwpx import write_hwpx
from govreport.writers.shared import font_class

SEED_PATH = Path(__file__).resolve().parent.parent / "examples" / "seoul-mayor-office-2025-04.json"


@pytest.mark.parametrize(
    ("face", "expected"),
    [
        ("휴먼명조", "serif"), ("HY견명조", "serif"), ("함초롬바탕", "serif"), ("바탕", "serif"),
        ("궁서", "serif"), ("Times New Roman", "serif"), ("Noto Serif CJK KR", "serif"),
        ("HY헤드라인M", "sans"), ("맑은 고딕", "sans"), ("한양중고딕", "sans"), ("돋움", "sans"),
        ("굴림", "sans"), ("Arial", "sans"), ("Malgun Gothic", "sans"),
        ("Noto Sans CJK KR", "sans"),
        ("Microsoft Sans Serif", "sans"), ("Inter", "sans"),
        ("굴림체", "mono"), ("바탕체", "mono"), ("D2Coding", "mono"), ("Courier New", "mono"),
    ],
)
def test_font_class(face: str, expected: str) -> None:
    assert font_class(face) == expected


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


@pytest.mark.parametrize(("face", "word", "hancom"), [
    ("Arial", "swiss", "FCAT_GOTHIC"),  # was sans in DOCX and 명조 in HWPX
    ("휴먼명조", "roman", "FCAT_MYUNGJO"),
    ("HY헤드라인M", "swiss", "FCAT_GOTHIC"),
])
def test_docx_and_hwpx_classify_a_font_alike(face: str, word: str, hancom: str) -> None:
    theme = Theme.seoul().override({"body.font": face, "levels.L1.font": face})
    laid = layout(govreport.load(SEED_PATH), theme)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = _xml(write_docx(laid, theme), "word/fontTable.xml")
    families = {f.get(f"{w}name"): f.find(f"{w}family").get(f"{w}val")  # type: ignore[union-attr]
                for f in fonts.iter(f"{w}font")}
    assert families[face] == word
    hh = "{http://www.hancom.co.kr/hwpml/2011/head}"
    header = _xml(write_hwpx(laid, theme), "Contents/header.xml")
    types = {f.get("face"): f.find(f"{hh}typeInfo").get("familyType")  # type: ignore[union-attr]
             for f in header.iter(f"{hh}font")}
    assert types[face] == hancom


def test_an_unknown_node_is_refused_not_dropped() -> None:
    """Node dispatch is exhaustive (match + assert_never): a node type a writer does not
    know stops it instead of vanishing from the document."""
    from govreport.layout import LaidDocument, iter_paras

    class Stranger:
        pass

    doc = LaidDocument(fields={}, cover=(), front=(), body=(Stranger(),))  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        write_hwpx(doc, Theme.seoul())
    with pytest.raises(AssertionError):
        iter_paras((Stranger(),))  # type: ignore[arg-type]
