"""Imported reports always validate: pictures made PNG (or skipped with their place), broken
table grids and repeated numbers repaired (each repair a fallback), pictures saved as files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

import govreport as g
from govreport.app.cli import main
from govreport.model import Part, Section
from govreport.readers import read_document
from govreport.readers.consistent import make_consistent
from govreport.readers.log import ReadLog
from govreport.support.images import sniff

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def _picture(fmt: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (40, 30), (10, 120, 200, 0)[: len(mode)] if mode != "L" else 90) \
        .save(out, format=fmt)
    return out.getvalue()


def _docx_with(picture: bytes, path: Path, times: int = 1) -> Path:
    d = docx.Document()
    d.add_paragraph("그림 시험 보고")
    d.add_paragraph("2025. 4. 1.")
    d.add_paragraph("정보화담당관")
    d.add_page_break()
    d.add_paragraph("Ⅰ. 현황")
    d.add_paragraph("□ 시설 사진")
    for _ in range(times):  # the same picture again is one image part, two drawings
        d.add_picture(io.BytesIO(_picture("PNG")))
    d.save(path)
    with zipfile.ZipFile(path) as z:  # swap the PNG for the picture under test
        parts = {n: z.read(n) for n in z.namelist()}
    media = next(n for n in parts if n.startswith("word/media/"))
    parts[media] = picture
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def _figures(report: g.Report) -> list[g.Figure]:
    return [b for p in report.parts for b in (*p.intro, *(x for s in p.sections
                                                          for x in s.blocks))
            if isinstance(b, g.Figure)]


@pytest.mark.parametrize(("name", "picture"), [
    ("BMP", _picture("BMP")),
    ("CMYK JPEG", _picture("JPEG", "CMYK")),
    ("GIF", _picture("GIF")),
], ids=["bmp", "cmyk-jpeg", "gif"])
def test_picture_not_png_or_plain_jpeg_becomes_png(tmp_path: Path, name: str,
                                                   picture: bytes) -> None:
    result = read_document(_docx_with(picture, tmp_path / "p.docx"))
    (fig,) = _figures(result.report)
    assert fig.data is not None and sniff(fig.data) == "png"
    with Image.open(io.BytesIO(fig.data)) as img:
        assert img.size == (40, 30) and img.mode in ("RGB", "RGBA", "L")
    assert any(f"a {name} picture converted to PNG" in n.reason for n in result.notes)
    assert not [p for p in g.check(result.report) if p.severity == "error"]


def test_plain_jpeg_is_kept_as_it_is(tmp_path: Path) -> None:
    jpeg = _picture("JPEG")
    (fig,) = _figures(read_document(_docx_with(jpeg, tmp_path / "p.docx")).report)
    assert fig.data == jpeg


@pytest.mark.parametrize(("name", "head"), [
    ("WMF", b"\xd7\xcd\xc6\x9a" + bytes(60)),
    ("EMF", b"\x01\x00\x00\x00" + bytes(36) + b" EMF" + bytes(40)),
], ids=["wmf", "emf"])
def test_vector_clip_art_is_skipped_with_its_place(tmp_path: Path, name: str,
                                                   head: bytes) -> None:
    result = read_document(_docx_with(head, tmp_path / "p.docx"))
    assert _figures(result.report) == []
    (skip,) = [f for f in result.fallbacks if name in f.reason]
    assert skip.kind == "skipped" and skip.where.startswith("paragraph")
    assert not [p for p in g.check(result.report) if p.severity == "error"]


def test_a_picture_used_twice_is_converted_once_and_each_place_told(tmp_path: Path) -> None:
    result = read_document(_docx_with(_picture("BMP"), tmp_path / "p.docx", times=2))
    first, second = _figures(result.report)
    assert first.data == second.data and sniff(first.data or b"") == "png"
    assert len([n for n in result.notes if "converted to PNG" in n.reason]) == 1
    skipped = read_document(_docx_with(b"\xd7\xcd\xc6\x9a" + bytes(60), tmp_path / "w.docx",
                                       times=2))
    assert [f.kind for f in skipped.fallbacks if "WMF" in f.reason or "skipped at" in f.reason] \
        == ["skipped", "skipped"]


def _ragged_docx(path: Path) -> Path:
    """A table whose header cell is merged down into the body and one row short a cell."""
    d = docx.Document()
    d.add_paragraph("표 시험 보고")
    d.add_paragraph("2025. 4. 1.")
    d.add_paragraph("정보화담당관")
    d.add_page_break()
    d.add_paragraph("Ⅰ. 현황")
    d.add_paragraph("□ 인력 현황")
    t = d.add_table(rows=4, cols=3)
    for r, row in enumerate([["구분", "2024", "2025"], ["", "상반기", "하반기"],
                             ["본청", "12", "14"], ["사업소", "5", "6"]]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 0).paragraphs[0].text = "구분"
    first = t.rows[0]._tr  # only the first row is marked as the header
    first.get_or_add_trPr().append(first.makeelement(qn("w:tblHeader"), {}))
    last = t.rows[3]._tr
    last.remove(last.findall(qn("w:tc"))[-1])  # Word keeps a short row as it is
    d.save(path)
    return path


def test_table_grid_is_repaired_and_each_repair_reported(tmp_path: Path) -> None:
    result = read_document(_ragged_docx(tmp_path / "t.docx"))
    assert not [p for p in g.check(result.report) if p.severity == "error"]
    tables = [b for p in result.report.parts for b in p.intro
              for b in (b, *getattr(b, "children", ())) if isinstance(b, g.Table)]
    (table,) = tables
    assert len(table.header) == 2  # the merged 구분 cell takes the second row into the header
    assert [len(r.cells) for r in table.rows] == [3, 3]  # the short row got an empty cell
    assert table.rows[1].cells[2].value is None
    reasons = [f.reason for f in result.fallbacks]
    assert any("spans 1 more row into the body" in r for r in reasons)
    assert any("1 empty cell added" in r for r in reasons)


def test_strict_import_fails_where_the_reader_repaired(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = _ragged_docx(tmp_path / "t.docx")
    out = tmp_path / "t.json"
    with pytest.raises(SystemExit) as exc:
        main(["import", str(src), "-o", str(out), "--strict"])
    assert exc.value.code == 2 and not out.exists()
    assert "empty cell added" in capsys.readouterr().err


def test_repeated_section_numbers_are_numbered_by_place() -> None:
    report = g.Report(meta=g.Meta(title="번호 시험", org="기획과", date="2025-04-01"),
                      parts=(Part(title="현황", sections=(
                          Section(title="가", number=1), Section(title="나", number=2),
                          Section(title="다", number=1))),))
    assert any(p.severity == "error" for p in g.check(report))
    log = ReadLog()
    fixed = make_consistent(report, log)
    assert [s.number for s in fixed.parts[0].sections] == [1, 2, None]
    (f,) = log.fallbacks
    assert f.where == "$.parts[0].sections[2].number" and "repeats sections[0]" in f.reason
    assert not [p for p in g.check(fixed) if p.severity == "error"]


def test_a_block_that_still_would_not_validate_becomes_a_paragraph_of_its_text() -> None:
    """The last resort: an error no repair knows (two rows keyed alike) keeps the table's
    words and figures as a paragraph, said with the error's place."""
    from govreport.model.tables import Cell, Row
    from govreport.readers.consistent import remaining_problems

    table = g.Table(header=(Row(cells=(Cell(value="구분"), Cell(value="인원"))),),
                    rows=(Row(cells=(Cell(value="본청"), Cell(value=1200)), key="A"),
                          Row(cells=(Cell(value="사업소"), Cell(value=35)), key="A")))
    report = g.Report(meta=g.Meta(title="시험", org="기획과", date="2025-04-01"),
                      parts=(Part(title="현황", intro=(g.Item(text="인력", children=(table,)),)),))
    log = ReadLog()
    fixed = remaining_problems(report, log)
    assert fixed.parts[0].intro[0].children == (g.Paragraph(text="구분 인원 본청 1,200 사업소 35"),)
    (f,) = log.fallbacks
    assert f.where == "$.parts[0].intro[0].children[0]" and "already used" in f.reason
    assert not [p for p in g.check(fixed) if p.severity == "error"]


def test_a_file_named_for_another_format_is_read_by_its_content(tmp_path: Path) -> None:
    src = tmp_path / "misnamed.hwpx"
    src.write_bytes(_ragged_docx(tmp_path / "t.docx").read_bytes())
    result = read_document(src)
    assert result.format == "docx"
    assert any("is DOCX, not HWPX as its name says" in f.reason for f in result.fallbacks)
    assert result.report.meta.title == "표 시험 보고"


def test_import_writes_pictures_as_files_beside_the_json(tmp_path: Path) -> None:
    src = _docx_with(_picture("BMP"), tmp_path / "p.docx")
    out = tmp_path / "out" / "plan.json"
    out.parent.mkdir()
    with pytest.raises(SystemExit) as exc:
        main(["import", str(src), "-o", str(out)])
    assert exc.value.code in (0, None)
    text = out.read_text("utf-8")
    assert '"data"' not in text
    data = json.loads(text)
    (fig,) = [b for b in data["parts"][0]["intro"][0].get("children", [])
              if b.get("type") == "figure"] or [b for b in data["parts"][0]["intro"]
                                               if b.get("type") == "figure"]
    assert fig["src"] == "plan.assets/picture-1.png"
    assert sniff((out.parent / fig["src"]).read_bytes()) == "png"
    assert not [p for p in g.check(g.load(out)) if p.severity == "error"]
    with pytest.raises(SystemExit) as again:  # the folder is an output too: not overwritten
        main(["import", str(src), "-o", str(tmp_path / "out" / "plan.json")])
    assert again.value.code == 2


_CORPUS_FILES = sorted(CORPUS.glob("*.hwp*")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not _CORPUS_FILES, reason=f"the real-document corpus is not at {CORPUS}")
@pytest.mark.parametrize("src", _CORPUS_FILES, ids=lambda p: p.name)
def test_every_corpus_document_imports_validates_and_renders(src: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    with pytest.raises(SystemExit) as exc:
        main(["import", str(src), "-o", str(out)])
    assert exc.value.code in (0, None)
    report = g.load(out)
    assert not [p for p in g.check(report) if p.severity == "error"]
    assert '"data":' not in out.read_text("utf-8")  # pictures are files beside the JSON
    for fmt in ("docx", "hwpx"):
        doc = tmp_path / f"doc.{fmt}"
        g.render(report, doc)
        assert doc.stat().st_size > 0
