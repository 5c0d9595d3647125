"""Pictures and charts: the model, the checks, chart numbers from tables, DOCX/HWPX parts.

The example ``examples/park-expansion-2025.json`` carries a photo, a cover logo, a bar+line
chart drawn from its budget table and a line chart from a JSON time series.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import govreport as g
from govreport.app.render import render_bytes
from govreport.layout import layout
from govreport.layout.nodes import ChartBox, PictureBox
from govreport.model.chart_data import chart_data
from govreport.model.walk import table_index
from govreport.support.errors import RenderError, ValidationError
from govreport.support.images import ImageError, decode, read_image
from govreport.theme import Theme
from govreport.writers.units import pt_to_emu, pt_to_hwpunit

EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE = EXAMPLES / "park-expansion-2025.json"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HC = "{http://www.hancom.co.kr/hwpml/2011/core}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size (built by hand, no imaging library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                                  0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def report(blocks: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"meta": {"title": "그림 보고", "org": "공원조성과", "date": "2025-04"},
            "parts": [{"title": "현황", "intro": blocks}], **extra}


def load(data: dict[str, Any], base: Path = EXAMPLES) -> g.Report:
    return g.loads(json.dumps(data, ensure_ascii=False), base_dir=base)


def problems(data: dict[str, Any], base: Path = EXAMPLES) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load(data, base)
    return [str(p) for p in info.value.errors]


@pytest.fixture(scope="module")
def example() -> g.Report:
    return g.load(EXAMPLE)


@pytest.fixture(scope="module")
def docx(example: g.Report) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_bytes(example, "docx"))) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture(scope="module")
def hwpx_bytes(example: g.Report) -> bytes:
    return render_bytes(example, "hwpx")


@pytest.fixture(scope="module")
def hwpx(hwpx_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as z:
        return {n: z.read(n) for n in z.namelist()}


# --------------------------------------------------------------------------- model / JSON


def test_figure_and_chart_round_trip_canonically() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    r = g.load(EXAMPLE)
    assert g.dumps(r) == text
    assert "base_dir" not in text and r.base_dir == str(EXAMPLES)
    blocks = [b for p in r.parts for s in p.sections for b in s.blocks]
    kinds = [type(b).__name__ for b in blocks if isinstance(b, g.Figure | g.Chart)]
    assert kinds == ["Figure", "Chart", "Chart"]


def test_picture_bytes_from_python_dump_as_base64() -> None:
    data = png(4, 3)
    fig = g.Figure(data=data, caption="현장 사진")
    r = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"),
                 parts=(g.Part(title="p", intro=(fig,)),))
    text = g.dumps(r)
    assert base64.b64encode(data).decode() in text
    again = g.loads(text)
    assert again.parts[0].intro[0] == fig  # type: ignore[comparison-overlap]


def test_base_dir_is_not_a_json_field() -> None:
    data = report([])
    data["base_dir"] = "/etc"
    assert problems(data) == ["$: unknown field: base_dir"]


def test_schema_knows_both_blocks() -> None:
    schema = g.json_schema()
    assert schema["$defs"]["Figure"]["properties"]["data"] == {
        "anyOf": [{"type": "string", "contentEncoding": "base64"}, {"type": "null"}],
        "default": None}
    assert schema["$defs"]["Chart"]["properties"]["kind"]["enum"] == [
        "bar", "stacked_bar", "line", "bar_line", "pie"]
    assert "base_dir" not in schema["$defs"]["Report"]["properties"]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("block", "message"), [
    ({"type": "figure", "src": "images/missing.png"},
     "$.parts[0].intro[0].src: images/missing.png: picture file not found"),
    ({"type": "figure", "src": "https://example.org/a.png"},
     "pictures are never fetched from the network"),
    ({"type": "figure", "src": "../README.md"}, "must be inside the report's folder"),
    ({"type": "figure", "src": "/etc/hostname"}, "must be inside the report's folder"),
    ({"type": "figure", "src": "park-expansion-2025.json"},
     "$.parts[0].intro[0].src: park-expansion-2025.json: not a PNG, JPEG or SVG picture"),
    ({"type": "figure"}, "$.parts[0].intro[0]: a figure needs src (a picture file) or data"),
    ({"type": "figure", "src": "images/park-photo.jpg", "width": 1.5},
     "$.parts[0].intro[0].width: width is a share of the text width"),
    ({"type": "figure", "data": "not base64!"}, "$.parts[0].intro[0].data: not valid base64"),
    ({"type": "figure", "data": base64.b64encode(b"GIF89a....").decode()},
     "$.parts[0].intro[0].data: picture data: not a PNG, JPEG or SVG picture"),
    ({"type": "chart", "source": {"table": "nope"}},
     "$.parts[0].intro[0].source.table: no table has the id 'nope'"),
    ({"type": "chart", "categories": ["가", "나"], "series": [{"name": "s", "values": [1]}]},
     "$.parts[0].intro[0].series[0].values: 1 values for 2 categories"),
    ({"type": "chart", "categories": ["가"]},
     "$.parts[0].intro[0].series: a chart needs series (or a source table)"),
    ({"type": "chart", "kind": "pie", "categories": ["가"],
      "series": [{"name": "a", "values": [1]}, {"name": "b", "values": [2]}]},
     "a pie chart shows one series (2 given)"),
    ({"type": "chart", "kind": "donut", "categories": ["가"]},
     '$.parts[0].intro[0].kind: "donut" is not one of'),
    ({"type": "chart", "categories": ["가"], "series": [{"name": "a", "values": [True]}]},
     "$.parts[0].intro[0].series[0].values[0]: true is not a number"),
    ({"type": "table", "rows": [[{"items": [{"type": "figure", "src": "images/park-photo.jpg"}]}]]},
     "$.parts[0].intro[0].rows[0].cells[0].items[0]: a figure cannot be placed in a table cell"),
])
def test_bad_figures_and_charts_name_the_path(block: dict[str, Any], message: str) -> None:
    found = problems(report([block]))
    assert any(message in p for p in found), found


def test_chart_column_errors_point_at_the_source() -> None:
    budget = {"type": "budget_table", "id": "b", "lines": [{"name": "가", "budget": 10,
                                                             "spent": 5}]}
    found = problems(report([budget, {"type": "chart", "source": {"table": "b",
                                                                   "columns": ["budgte"]}}]))
    assert found == ["$.parts[0].intro[1].source.columns: 'budgte' is not a budget column "
                     "(budget, spent, balance, rate)"]
    twice = dict(budget)
    assert problems(report([budget, twice])) == [
        "$.parts[0].intro[1].id: the table id 'b' is used twice"]


def test_cover_logo_is_checked() -> None:
    found = problems(report([], cover={"logo": {"src": "images/none.png"}}))
    assert found == ["$.cover.logo.src: images/none.png: picture file not found"]


def test_oversized_and_huge_pictures_are_refused(tmp_path: Path) -> None:
    from govreport.support.limits import Limits, using

    big = tmp_path / "big.png"
    big.write_bytes(png(300, 300))
    with using(Limits(image_mb=0.0001)), pytest.raises(
            ImageError, match=r"big.png: the picture is 0.0 MB \(limit image_mb=0.0001; raise"):
        read_image("big.png", tmp_path)
    with using(Limits(image_pixels=1000)), pytest.raises(ImageError, match="image_pixels"):
        read_image("big.png", tmp_path)
    # a header that claims 30,000 × 30,000 pixels: refused without decoding anything
    header = bytearray(png(1, 1))
    header[16:24] = struct.pack(">II", 30000, 30000)
    with pytest.raises(ImageError, match="too large"):
        decode(bytes(header), "huge.png")


def test_truncated_picture_is_unreadable() -> None:
    with pytest.raises(ImageError, match=r"cannot be read|not a PNG"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "cut.png")


def test_render_of_a_python_report_with_a_missing_file_is_a_clear_error(
        tmp_path: Path) -> None:
    r = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"),
                 parts=(g.Part(title="p", intro=(g.Figure(src=str(tmp_path / "x.png")),)),))
    with pytest.raises(ValidationError, match="picture file not found"):
        render_bytes(r, "docx")
    out = tmp_path / "out.docx"
    with pytest.raises(ValidationError):
        g.render(r, out)
    assert not out.exists()


def test_cli_exit_code_2_for_a_missing_picture(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from govreport.app.cli import cli

    src = tmp_path / "r.json"
    src.write_text(json.dumps(report([{"type": "figure", "src": "gone.png"}])),
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(src), "-o", str(tmp_path / "r.docx")],
                                prog_name="govreport")
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert "intro[0].src: gone.png: picture file not found" in result.output
    assert not (tmp_path / "r.docx").exists()


# --------------------------------------------------------------------------- chart numbers


def test_budget_chart_converts_to_the_chart_unit(example: g.Report) -> None:
    chart = next(b for p in example.parts for s in p.sections for b in s.blocks
                 if isinstance(b, g.Chart))
    cats, series = chart_data(chart, table_index(example))
    assert cats == ("토지 보상", "공원 조성 공사", "설계·감리", "시설물 설치")
    assert [s.name for s in series] == ["예산액", "집행액", "집행률"]
    assert series[0].values == pytest.approx((18.5, 16.2, 4.1, 5.5))  # 천원 → 억원
    assert series[1].values == pytest.approx((17.92, 12.885, 3.762, 2.314))
    assert series[2].values == (96.9, 79.5, 91.8, 42.1) and series[2].percent


def test_generic_table_columns_by_header_and_index() -> None:
    table = {"type": "table", "id": "visits", "unit": "명",
             "header": [["연도", "방문객", "행사"]],
             "rows": [["2023", 1200, 3], ["2024", 1500, 4],
                      {"cells": ["계", 2700, 7], "total": True}]}
    for columns in (["방문객"], [1]):
        r = load(report([table, {"type": "chart", "source": {"table": "visits",
                                                              "columns": columns}}]))
        chart = r.parts[0].intro[1]
        assert isinstance(chart, g.Chart)
        cats, series = chart_data(chart, table_index(r))
        assert cats == ("2023", "2024")  # the total row is left out
        assert [(s.name, s.values) for s in series] == [("방문객", (1200.0, 1500.0))]


def test_value_labels_come_from_the_formatting_layer(example: g.Report) -> None:
    charts = [n for n in layout(example).body if isinstance(n, ChartBox)]
    bar_line, line = charts
    assert bar_line.series[0].labels == ("18.5", "16.2", "4.1", "5.5")
    assert bar_line.series[2].labels == ("96.9%", "79.5%", "91.8%", "42.1%")
    assert [s.kind for s in bar_line.series] == ["bar", "bar", "line"]
    assert [s.secondary for s in bar_line.series] == [False, False, True]
    assert bar_line.secondary_unit == "%"
    assert line.series[0].labels[-2:] == ("347.4", "412.0")
    theme = Theme.seoul()
    assert bar_line.series[0].color == theme.colors.accent
    assert bar_line.font == theme.resolve("table_body").font


def test_captions_are_placed_by_the_theme(example: g.Report) -> None:
    def around(theme: Theme) -> list[str]:
        body = layout(example, theme).body
        i = next(i for i, n in enumerate(body) if isinstance(n, PictureBox))
        return [getattr(body[i - 1], "text", ""), getattr(body[i + 1], "text", "")]

    above = around(Theme.seoul())
    assert above[0] == "< 새솔근린공원 준공 후 전경 ('25. 10.) >"
    below = around(Theme.seoul().override({"figures.caption_position": "below"}))
    assert below[1] == "< 새솔근린공원 준공 후 전경 ('25. 10.) >"
    body = layout(example, Theme.seoul().override({"figures.caption_position": "below"})).body
    pic = next(n for n in body if isinstance(n, PictureBox))
    assert pic.keep_next  # keep with the caption below it


# --------------------------------------------------------------------------- DOCX


def _rels(parts: dict[str, bytes], name: str) -> dict[str, tuple[str, str]]:
    folder, _, base = name.rpartition("/")
    root = etree.fromstring(parts[f"{folder}/_rels/{base}.rels"])
    return {r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], r.get("Target"))
            for r in root.iter(f"{REL}Relationship")}


def test_docx_chart_is_a_native_chart_with_embedded_data(docx: dict[str, bytes]) -> None:
    types = docx["[Content_Types].xml"].decode()
    assert 'PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-' \
           'officedocument.drawingml.chart+xml"' in types
    rels = _rels(docx, "word/document.xml")
    doc = etree.fromstring(docx["word/document.xml"])
    chart_ids = [c.get(f"{R}id") for c in doc.iter(f"{C}chart")]
    assert len(chart_ids) == 2
    assert [rels[i] for i in chart_ids] == [("chart", "charts/chart1.xml"),
                                            ("chart", "charts/chart2.xml")]
    chart = etree.fromstring(docx["word/charts/chart1.xml"])
    (book_rel,) = _rels(docx, "word/charts/chart1.xml").values()
    assert book_rel[0] == "package" and book_rel[1].endswith(".xlsx")
    book = docx["word/" + book_rel[1].replace("../", "")]
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "토지 보상" in sheet and "<v>18.5</v>" in sheet and "집행률" in sheet
    # nothing lost: every category, series name and value is in the chart's cache
    strings = [v.text for v in chart.iter(f"{C}v")]
    for text in ("예산액", "집행액", "집행률", "토지 보상", "시설물 설치", "18.5", "96.9"):
        assert text in strings
    assert chart.find(f".//{C}barChart/{C}grouping").get("val") == "clustered"
    assert chart.find(f".//{C}lineChart") is not None
    assert len(chart.findall(f".//{C}valAx")) == 2  # the rate on its own axis


def test_docx_picture_and_sizes(docx: dict[str, bytes], example: g.Report) -> None:
    doc = etree.fromstring(docx["word/document.xml"])
    rels = _rels(docx, "word/document.xml")
    blips = [b.get(f"{R}embed") for b in doc.iter(f"{A}blip")]
    targets = sorted(rels[b][1] for b in blips)
    assert len(targets) == 2 and targets[0].endswith(".png") and targets[1].endswith(".jpg")
    photo = next(t for t in targets if t.endswith(".jpg"))
    source = (EXAMPLES / "images" / "park-photo.jpg").read_bytes()
    assert docx["word/" + photo] == source  # embedded as it is
    extents = [(int(e.get("cx")), int(e.get("cy"))) for e in doc.iter(f"{WP}extent")]
    pic = next(n for n in layout(example).body if isinstance(n, PictureBox))
    width = Theme.seoul().page.text_width_pt
    assert pic.width_pt == pytest.approx(width * 0.75)
    assert (pt_to_emu(pic.width_pt), pt_to_emu(pic.height_pt)) in extents
    assert pic.height_pt / pic.width_pt == pytest.approx(600 / 960)
    ids = [d.get("id") for d in doc.iter(f"{WP}docPr")]
    assert len(ids) == len(set(ids)) == 4  # logo, photo, two charts
    descr = [d.get("descr") for d in doc.iter(f"{WP}docPr")]
    assert "잔디밭과 산책로, 정자가 있는 근린공원 전경" in descr


def test_docx_text_keeps_captions_and_units(docx: dict[str, bytes]) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", "", docx["word/document.xml"].decode()))
    for caption in ("< 과목별 예산 집행 현황 >", "< 연도별 공원 방문객 추이 >",
                    "(단위 : 억원, %)", "(단위 : 만 명)",
                    "< 새솔근린공원 준공 후 전경 ('25. 10.) >", "※집행률(%)은 오른쪽 축"):
        assert caption in text


def test_docx_opens_in_python_docx(example: g.Report) -> None:
    from docx import Document

    d = Document(io.BytesIO(render_bytes(example, "docx")))
    assert len(d.inline_shapes) == 4


# --------------------------------------------------------------------------- HWPX


def test_hwpx_pictures_are_bindata_with_manifest_items(hwpx: dict[str, bytes]) -> None:
    hpf = hwpx["Contents/content.hpf"].decode()
    items = dict(re.findall(r'<opf:item id="(image\d+)" href="(BinData/[^"]+)"', hpf))
    assert sorted(items.values()) == ["BinData/image1.png", "BinData/image2.jpg"]
    assert hpf.count('isEmbeded="1"') == 2
    assert hwpx["BinData/image2.jpg"] == (EXAMPLES / "images" / "park-photo.jpg").read_bytes()
    sec = etree.fromstring(hwpx["Contents/section0.xml"])
    refs = [i.get("binaryItemIDRef") for i in sec.iter(f"{HC}img")]
    assert sorted(refs) == sorted(items)
    photo = next(p for p in sec.iter(f"{HP}pic")
                 if p.find(f"{HC}img").get("binaryItemIDRef") == "image2")
    width = Theme.seoul().page.text_width_pt * 0.75
    assert photo.find(f"{HP}sz").get("width") == str(pt_to_hwpunit(width))
    assert photo.find(f"{HP}imgDim").get("dimwidth") == str(960 * 75)
    assert photo.find(f"{HP}pos").get("treatAsChar") == "1"


def test_hwpx_charts_are_native_chart_objects(hwpx: dict[str, bytes]) -> None:
    sec = etree.fromstring(hwpx["Contents/section0.xml"])
    refs = [c.get("chartIDRef") for c in sec.iter(f"{HP}chart")]
    assert refs == ["Chart/chart1.xml", "Chart/chart2.xml"]
    line = etree.fromstring(hwpx["Chart/chart2.xml"])
    values = [v.text for v in line.iter(f"{C}v")]
    assert values[:2] == ["방문객", "2019"] and "412" in values and "347.4" in values
    assert line.find(f".//{C}externalData") is None  # no workbook in HWPX


def test_hwpx_passes_the_validators(hwpx_bytes: bytes) -> None:
    pytest.importorskip("hwpx")
    from hwpx_validation import assert_valid_hwpx

    assert_valid_hwpx(hwpx_bytes)


def test_nothing_lost_in_hwpx(hwpx: dict[str, bytes]) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", "", hwpx["Contents/section0.xml"].decode()))
    for caption in ("< 과목별 예산 집행 현황 >", "(단위 : 억원, %)", "(단위 : 만 명)",
                    "※집행률(%)은 오른쪽 축"):
        assert caption in text


# --------------------------------------------------------------------------- picture charts


def test_picture_charts_are_drawn_with_matplotlib(example: g.Report) -> None:
    pytest.importorskip("matplotlib")
    import attrs

    def as_picture(b: Any) -> Any:
        return attrs.evolve(b, render="picture") if isinstance(b, g.Chart) else b

    parts = tuple(attrs.evolve(p, sections=tuple(
        attrs.evolve(s, blocks=tuple(as_picture(b) for b in s.blocks)) for s in p.sections))
        for p in example.parts)
    r = attrs.evolve(example, parts=parts)
    with zipfile.ZipFile(io.BytesIO(render_bytes(r, "docx"))) as z:
        names = z.namelist()
    assert not [n for n in names if n.startswith("word/charts/")]
    assert len([n for n in names if n.startswith("word/media/")]) == 4
    with zipfile.ZipFile(io.BytesIO(render_bytes(r, "hwpx"))) as z:
        names = z.namelist()
        pngs = [z.read(n) for n in names if n.startswith("BinData/") and n.endswith(".png")]
    assert not [n for n in names if n.startswith("Chart/")]
    assert len(pngs) == 3  # logo + two drawn charts
    assert all(p.startswith(b"\x89PNG") for p in pngs)


def test_missing_matplotlib_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from govreport.writers.charts import draw as chartdraw

    real = builtins.__import__

    def blocked(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocked)
    with pytest.raises(RenderError, match=r"pip install 'govreport\[charts\]'"):
        chartdraw._matplotlib()


# --------------------------------------------------------------------------- PDF


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are needed for PDF output")
def test_pdf_draws_the_native_charts(example: g.Report, tmp_path: Path) -> None:
    """LibreOffice opens the DOCX chart part as a chart and draws it: its axis, category,
    legend and value labels are text in the PDF, and the picture pages carry images."""
    pdf = tmp_path / "park.pdf"
    pdf.write_bytes(render_bytes(example, "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    pages = text.split("\f")
    chart_page = next(p for p in pages if "과목별 예산 집행 현황" in p)
    for label in ("토지 보상", "시설물 설치", "예산액", "집행액", "집행률", "18.5", "96.9%",
                  "100%"):
        assert label in chart_page, label
    line_page = next(p for p in pages if "연도별 공원 방문객 추이" in p)
    for label in ("2019", "2025", "412.0", "347.4"):
        assert label in line_page, label
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                                 check=True).stdout.decode()
        assert len([ln for ln in listing.splitlines()[2:] if ln.strip()]) >= 2  # logo, photo


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert is needed")
def test_svg_is_converted_to_png(tmp_path: Path) -> None:
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120mm" height="60mm" '
        'viewBox="0 0 120 60"><rect width="120" height="60" fill="#000080"/>'
        '<circle cx="60" cy="30" r="20" fill="#FFD966"/></svg>', encoding="utf-8")
    img = read_image("map.svg", tmp_path)
    assert img.format == "png" and img.data.startswith(b"\x89PNG")
    assert img.px_width / img.px_height == pytest.approx(2.0, rel=0.01)
    r = load(report([{"type": "figure", "src": "map.svg", "caption": "위치도"}]), tmp_path)
    body = layout(r).body
    pic = next(n for n in body if isinstance(n, PictureBox))
    assert pic.format == "png" and pic.height_pt == pytest.approx(pic.width_pt / 2, rel=0.01)


def test_svg_with_entities_fails_cleanly_or_renders(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            '<text>&b;</text></svg>')
    (tmp_path / "x.svg").write_text(bomb, encoding="utf-8")
    try:
        read_image("x.svg", tmp_path)
    except ImageError as exc:
        assert "x.svg" in str(exc)


# --------------------------------------------------------------------------- free-form


def _free_template(path: Path, *lines: str) -> Path:
    from docx import Document

    d = Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def test_free_form_image_and_chart(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "p.png").write_bytes(png(40, 20))
    tpl = _free_template(
        tmp_path / "t.docx", "{{ title }}",
        '{{ image("images/p.png", width_mm=80, alt="현장") }}',
        '{{ chart(rows, x="year", y=["visits"], kind="line", unit="만 명") }}',
        '{{ chart(categories=["가", "나"], series={"예산": [120, 135]}) }}')
    data = {"title": "자유 서식", "rows": [{"year": "2023", "visits": 318},
                                          {"year": "2024", "visits": 347.4}]}
    (tmp_path / "d.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = g.render(tmp_path / "d.json", tmp_path / "out.docx", template=tpl)
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = etree.fromstring(parts["word/document.xml"])
    extents = [int(e.get("cx")) for e in doc.iter(f"{WP}extent")]
    assert extents[0] == pt_to_emu(80 * 72 / 25.4)
    assert len([n for n in parts if re.fullmatch(r"word/charts/chart\d\.xml", n)]) == 2
    line = etree.fromstring(parts["word/charts/chart1.xml"])
    assert [v.text for v in line.iter(f"{C}v")][:3] == ["visits", "2023", "2024"]
    assert "347.4" in [v.text for v in line.iter(f"{C}v")]
    bar = etree.fromstring(parts["word/charts/chart2.xml"])
    assert bar.find(f".//{C}valAx/{C}scaling/{C}min").get("val") == "0"
    rels = _rels(parts, "word/document.xml")
    assert sum(1 for t, _ in rels.values() if t == "chart") == 2
    assert "자유 서식" in parts["word/document.xml"].decode()


@pytest.mark.parametrize(("call", "message"), [
    ('image("https://example.org/x.png")', "never fetched from the network"),
    ('image("../outside.png")', "must be inside"),
    ('image("missing.png")', "picture file not found"),
    ('chart(categories=["가"], series={"a": [1, 2]})', "has 2 values for 1 categories"),
    ('chart(categories=["가"], series={"a": ["x"]})', "'x' is not a number"),
    ('chart(rows, x="year", y="nope")', "a row has no 'nope'"),
    ('chart(categories=["가"], series={"a": [1]}, kind="donut")', "kind 'donut'"),
])
def test_free_form_media_errors_are_clear(tmp_path: Path, call: str, message: str) -> None:
    tpl = _free_template(tmp_path / "t.docx", "{{ " + call + " }}")
    with pytest.raises(RenderError, match=re.escape(message)):
        render_bytes({"rows": [{"year": "2023"}]}, "docx", template=tpl)


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_cover_logo_in_the_shipped_template(example: g.Report, fmt: str) -> None:
    """With a template cover the report's logo still lands above the organisation line."""
    data = render_bytes(example, fmt, template="report")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        body = z.read("word/document.xml" if fmt == "docx" else "Contents/section0.xml")
    media = [n for n in names if n.startswith(("word/media/", "BinData/"))]
    assert len(media) == 2  # logo + photo
    text = body.decode()
    first_picture = text.find("<pic:pic " if fmt == "docx" else "<hp:pic ")
    assert 0 < first_picture < text.find("공원조성과") < text.find("Ⅰ. 추진 개요")
