"""Documents govreport wrote carry their report: read back exactly, and where a person edited
the document in Word or Hancom, read from the page there — and the import says where."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

import govreport as g
from govreport.app.cli import main
from govreport.app.render import render_bytes
from govreport.codec.converter import dumps
from govreport.readers import read_document
from govreport.writers.source_part import DOCX_ITEM, HWPX_ENTRY
from hwpx_validation import assert_valid_hwpx

EXAMPLES = sorted(Path(__file__).resolve().parents[1].joinpath("examples").glob("*.json"))
SPORTS = Path(__file__).resolve().parents[1] / "examples" \
    / "sports-facility-night-opening-plan-2025.json"


def _expected(report: g.Report, base: Path) -> Any:
    """The report JSON with each picture given as its bytes (as it comes back from a
    document: the bytes are the document's own)."""
    import base64

    def embed(data: Any) -> Any:
        if isinstance(data, dict):
            out = {k: embed(v) for k, v in data.items()}
            if isinstance(out.get("src"), str) and "data" not in out:
                out["data"] = base64.b64encode((base / out.pop("src")).read_bytes()).decode()
            return out
        if isinstance(data, list):
            return [embed(v) for v in data]
        return data

    return embed(json.loads(dumps(report)))


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_round_trips_exactly(example: Path, fmt: str) -> None:
    """ids, chart sources, where a ※ belongs, computations, pictures: all come back."""
    report = g.load(example)
    result = read_document(render_bytes(report, fmt), fmt)
    assert json.loads(dumps(result.report)) == _expected(report, example.parent)
    assert result.changes == () and result.fallbacks == ()
    assert "the report carried in the document taken where the page agrees (0 changes" \
        in result.summary


def test_the_hwpx_with_its_source_entry_passes_the_validators() -> None:
    data = render_bytes(g.load(SPORTS), "hwpx")
    assert_valid_hwpx(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        hpf = z.read("Contents/content.hpf").decode()
        assert f'href="{HWPX_ENTRY}" media-type="application/json"' in hpf
        assert json.loads(z.read(HWPX_ENTRY))["meta"]["title"] == g.load(SPORTS).meta.title


def test_the_same_report_gives_the_same_bytes() -> None:
    report = g.load(SPORTS)
    for fmt in ("docx", "hwpx"):
        assert render_bytes(report, fmt) == render_bytes(g.load(SPORTS), fmt)


def _set_text(paragraph: Any, text: str) -> None:
    """Change a paragraph's text as Word does: the first run keeps its look, the rest go."""
    runs = paragraph.runs
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def test_a_docx_edited_by_hand_imports_with_exactly_those_changes(tmp_path: Path) -> None:
    """One item's text changed and one row added (its 계 updated, as a person does) in Word:
    the import is the original report with exactly these two changes, and says where."""
    report = g.load(SPORTS)
    path = tmp_path / "plan.docx"
    g.render(report, path)
    d = docx.Document(str(path))
    old_text = "시설 이용률을 높이고 생활체육 참여 인구 확대"
    new_text = "시설 이용률을 높이고 생활체육 참여 인구 2배 확대"
    (para,) = [p for p in d.paragraphs if old_text in p.text]
    _set_text(para, para.text.replace(old_text, new_text))
    (table,) = [t for t in d.tables if t.cell(0, 0).text.strip() == "구분"
                and any("학교 운동장" in c.text for c in t.columns[0].cells)]
    last = table.rows[-1]._tr
    added = copy.deepcopy(last)  # Word's "insert row below": the same cells and look
    last.addnext(added)
    row = table.rows[-1]
    for cell, text in zip(row.cells, ["공원 풋살장", "3", "실외"], strict=True):
        _set_text(cell.paragraphs[0], text)
    (total,) = [r for r in table.rows if r.cells[0].text.strip() == "계"]
    _set_text(total.cells[1].paragraphs[0], "23")
    d.save(str(path))

    result = read_document(path)
    want = json.loads(dumps(report))
    want["parts"][0]["sections"][0]["blocks"][1]["text"] = new_text
    want["appendices"][0]["blocks"][0]["rows"].append(["공원 풋살장", 3, "실외"])
    assert json.loads(dumps(result.report)) == want
    assert [c.where for c in result.changes] == ["$.parts[0].sections[0].blocks[1]",
                                                  "$.appendices[0].blocks[0]"]
    assert result.fallbacks == ()


def _edit_hwpx(src: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("Contents/section"):
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(info, data)
    return out.getvalue()


def test_an_hwpx_edited_in_its_text_is_read_from_the_page_there() -> None:
    report = g.load(SPORTS)
    edited = _edit_hwpx(render_bytes(report, "hwpx"), "학교 운동장", "학교 체육관")
    result = read_document(edited, "hwpx")  # in a note of part Ⅱ and in the appendix table
    want = json.loads(dumps(report))
    want["appendices"][0]["blocks"][0]["rows"][2][0] = "학교 체육관"
    (where,) = [f"$.parts[{i}].sections[{j}].blocks[{k}]"
                for i, p in enumerate(want["parts"]) for j, s in enumerate(p["sections"])
                for k, b in enumerate(s["blocks"])
                if "학교 운동장 개방" in json.dumps(b, ensure_ascii=False)]  # not the {=…} key
    text = json.dumps(want, ensure_ascii=False).replace("학교 운동장 개방", "학교 체육관 개방")
    want = json.loads(text)
    # the renamed row was what {=facilities.학교 운동장.시설 수} named: the item keeps the
    # figures the page prints, and says so
    (ref,) = [f"$.parts[{i}].sections[{j}].blocks[{k}].text"
              for i, p in enumerate(want["parts"]) for j, s in enumerate(p["sections"])
              for k, b in enumerate(s["blocks"]) if "{=facilities.학교 운동장" in b.get("text", "")]
    item = want["parts"][0]["sections"][1]["blocks"][1]
    assert ref == "$.parts[0].sections[1].blocks[1].text"
    item["text"] = "구립 체육관 14곳, 학교 개방 운동장 6곳"
    assert json.loads(dumps(result.report)) == want
    assert [c.where for c in result.changes] == [where, "$.appendices[0].blocks[0]", ref]


def test_no_source_leaves_the_report_out(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("docx", "hwpx"):
        out = tmp_path / f"plain.{fmt}"
        with pytest.raises(SystemExit) as exc:
            main(["render", str(SPORTS), "-o", str(out), "--no-source"])
        assert exc.value.code in (0, None)
        with zipfile.ZipFile(out) as z:
            assert DOCX_ITEM not in z.namelist() and HWPX_ENTRY not in z.namelist()
            assert "govreport-source" not in z.read("[Content_Types].xml"
                                                    if fmt == "docx" else
                                                    "Contents/content.hpf").decode()
        result = read_document(out)
        assert "carried" not in result.summary  # read from the page alone


def test_a_damaged_carried_report_is_noted_and_the_page_read() -> None:
    report = g.load(SPORTS)
    data = render_bytes(report, "hwpx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, b"{not json" if info.filename == HWPX_ENTRY
                          else zin.read(info.filename))
    result = read_document(out.getvalue(), "hwpx")
    assert any("cannot be read" in n.reason for n in result.notes)
    assert result.report.meta.title == report.meta.title
