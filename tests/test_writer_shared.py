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
from govreport.writers.shared import font_kind

SEED_PATH = Path(__file__).resolve().parent.parent / "examples" / "seoul-mayor-office-2025-04.json"


@pytest.mark.parametrize(
    ("face", "serif", "fixed"),
    [
        ("휴먼명조", True, False), ("HY견명조", True, False), ("함초롬바탕", True, False),
        ("바탕", True, False), ("궁서", True, False), ("Times New Roman", True, False),
        ("Noto Serif CJK KR", True, False),
        ("HY헤드라인M", False, False), ("맑은 고딕", False, False), ("한양중고딕", False, False),
        ("돋움", False, False), ("굴림", False, False), ("Arial", False, False),
        ("Malgun Gothic", False, False), ("Noto Sans CJK KR", False, False),
        ("Microsoft Sans Serif", False, False), ("Inter", False, False),
        ("굴림체", False, True), ("바탕체", True, True), ("D2Coding", False, True),
        ("Courier New", True, True),
    ],
)
def test_font_kind(face: str, serif: bool, fixed: bool) -> None:
    assert font_kind(face) == (serif, fixed)


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


@pytest.mark.parametrize(("face", "word", "hancom"), [
    ("Arial", "swiss", "FCAT_GOTHIC"),  # was sans in DOCX and 명조 in HWPX
    ("휴먼명조", "roman", "FCAT_MYUNGJO"),
    ("HY헤드라인M", "swiss", "FCAT_GOTHIC"),
    ("바탕체", "modern", "FCAT_MYUNGJO"),  # fixed pitch in Word, still 명조 in Hancom
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


def test_every_role_has_one_word_and_one_hancom_style_name() -> None:
    from govreport.theme.roles import ROLES
    from govreport.writers.docx import STYLE_NAMES as WORD
    from govreport.writers.hwpx.header import ROLE_STYLE_NAMES as HANCOM
    from govreport.writers.shared import STYLE_NAMES

    assert set(STYLE_NAMES) == set(ROLES)
    words = [n.word for n in STYLE_NAMES.values()]
    hancoms = [n.hancom for n in STYLE_NAMES.values()]
    assert len(set(words)) == len(words) and len(set(hancoms)) == len(hancoms)
    assert (STYLE_NAMES["L1"].word, STYLE_NAMES["L1"].hancom) == ("GR L1", "□ 1단계")
    assert STYLE_NAMES["toc_part"].word == "toc 1"  # Word's own TOC regenerates into it
    assert dict(WORD) == {r: n.word for r, n in STYLE_NAMES.items()}
    assert dict(HANCOM) == {r: n.hancom for r, n in STYLE_NAMES.items()}


def test_spans_are_placed_once_and_cut_at_the_grid() -> None:
    """A span running past the grid is cut at its edge alike in DOCX and HWPX (HWPX used to
    write it as given, a cellSpan past colCnt/rowCnt)."""
    from govreport.layout import CellBox, LaidDocument, Para, Run, TableBox

    wide = CellBox(row=0, col=1, colspan=5, rowspan=3,
                   paras=(Para(role="table_body", runs=(Run(text="넓은 칸"),)),))
    first = CellBox(row=0, col=0, paras=(Para(role="table_body", runs=(Run(text="가"),)),))
    box = TableBox(kind="data", n_rows=2, n_cols=3, col_widths_pt=(100.0, 100.0, 100.0),
                   cells=(first, wide))
    assert box.spans(wide) == (2, 2)
    assert [[c.col for c in row] for row in box.rows()] == [[0, 1], []]
    assert box.slots()[(1, 2)] is wide and (1, 0) not in box.slots()
    doc = LaidDocument(fields={}, cover=(), front=(), body=(box,))
    hp = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
    section = _xml(write_hwpx(doc, Theme.seoul()), "Contents/section0.xml")
    spans = [(s.get("colSpan"), s.get("rowSpan")) for s in section.iter(f"{hp}cellSpan")]
    assert spans == [("1", "1"), ("2", "2")]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = _xml(write_docx(doc, Theme.seoul()), "word/document.xml")
    rows = list(body.iter(f"{w}tr"))
    spans_docx = [[int(g.get(f"{w}val", 1)) if (g := tc.find(f"{w}tcPr/{w}gridSpan")) is not None
                   else 1 for tc in tr.findall(f"{w}tc")] for tr in rows]
    assert spans_docx == [[1, 2], [1, 2]]
