"""The recognizer on the header blocks and covers of documents govreport did not write.

Each document is built from source nodes the way the HWPX reader hands them over (tables with
cells, paragraphs), shaped after the real 보도자료, 공문 and 결재문서 of ../shared/corpus/real
(which tests/test_corpus_real.py reads when it is there); these run without the corpus.
"""

from __future__ import annotations

from govreport.model import Footnote, Item, Paragraph, Table
from govreport.readers.inline import map_symbol_font, split_symbol
from govreport.readers.log import ReadLog
from govreport.readers.recognize import Recognizer
from govreport.readers.source import (
    SourceCell,
    SourceDocument,
    SourceNode,
    SourcePageBreak,
    SourcePara,
    SourceTable,
)


def para(text: str, **kw: object) -> SourcePara:
    return SourcePara(text=text, **kw)  # type: ignore[arg-type]


def table(*rows: list[str | list[str]], where: str = "table") -> SourceTable:
    """A table from rows of cells; a cell is a text or a list of paragraph texts."""
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            texts = value if isinstance(value, list) else [value]
            cells.append(SourceCell(row=r, col=c, paras=tuple(para(t) for t in texts)))
    return SourceTable(n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=tuple(cells),
                       where=where)


def read(*nodes: SourceNode, properties: dict[str, str] | None = None
         ) -> tuple[object, ReadLog]:
    log = ReadLog()
    doc = SourceDocument(nodes=tuple(nodes), properties=properties or {"creator": "rhwp"},
                         format="hwpx")
    return Recognizer(doc, log).run(), log


def said(log: ReadLog) -> str:
    return "\n".join(str(f) for f in (*log.fallbacks, *log.notes))


def test_a_press_release_is_read_from_its_header_blocks() -> None:
    report, log = read(
        table(["", "보도자료", ""], where="table 1"),
        table([["‘25년 2분기 해외직접투자는 141.5억", "달러로 전년동기비 13.4% 감소"]],
              where="table 2"),
        table(["보도시점", "2025. 9. 19.(금) 11:00", "배포", "2025. 9. 19.(금) 08:00"],
              where="table 3"),
        para("  국토교통부(장관 박상우)는 해외직접투자 동향을 발표하였다."),
        table(["담당 부서", "대외경제국", "책임자", "과  장", "강병중", "(044-215-7630)"],
              ["", "국제경제과", "담당자", "사무관", "홍길동", "(044-215-7631)"],
              where="table 4"))
    meta = report.meta  # type: ignore[attr-defined]
    assert meta.title == "‘25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소"
    assert (meta.kind, str(meta.date), meta.org) == ("보도자료", "2025-09-19", "국토교통부")
    assert meta.division == "대외경제국 국제경제과"
    assert meta.audience is None
    text = said(log)
    assert "table 3" in text and "11:00" in text  # the release time: reported, with its place
    assert "table 4" in text and "강병중" in text  # the contacts: reported
    parts = report.parts  # type: ignore[attr-defined]
    assert [p.title for p in parts] == [""]  # no invented part '본문'
    assert isinstance(parts[0].intro[0], Paragraph)


def test_a_press_release_without_a_ministry_in_its_text_takes_the_first_division() -> None:
    report, log = read(
        table(["보도설명자료"]),
        table(["보도시점", "즉시 보도 가능", "배포", "2026. 1. 8.(목)"]),
        table([["부산항 크루즈 관광객 출입국 시간단축을 위해 최선을 다하고 있습니다."]],
              [["-급증하는 크루즈 관광객...출국에만 3시간? (부산MBC, 1.6) 보도-"]]),
        para("□ 출국 대기시간은 약 1시간 30분 내외입니다."),
        table(["담당 부서", "해양정책과", "책임자", "과  장", "진재영", "(051-773-5250)"],
              ["", "해양레저관광과", "담당자", "사무관", "이종근", "(051-773-5277)"]))
    meta = report.meta  # type: ignore[attr-defined]
    assert (meta.org, meta.division) == ("해양정책과", "해양레저관광과")
    assert meta.subtitle == "-급증하는 크루즈 관광객...출국에만 3시간? (부산MBC, 1.6) 보도-"
    assert meta.subtitle_position == "below"
    assert "logo" in said(log)


def test_an_official_letter_takes_title_organisation_and_the_date_it_was_sent() -> None:
    report, log = read(
        table(['아이 키우기 좋은 도시, "탄생응원 서울 프로젝트"'], ["강  서  소  방  서"],
              ["수신", "수신자 참조"], ["(경유)", ""],
              ["제목", "2026년 7월 구급차 전담 정비센터 정비 일정 알림"], where="table 1"),
        para("1. 관련근거"),
        para("  가. 2026년도 소방재난업무가이드 안전지원행정편 4, 5장"),
        para("2. 구급차 전담 정비센터 일정을 다음과 같이 알려 드립니다."),
        table([["소 방 행 정 과 장", "시행", "소방행정과-6828", "(", "2026. 6. 26.", ")",
                "서울특별시 강서구 양천로 550"]], where="table 9"))
    meta = report.meta  # type: ignore[attr-defined]
    assert (meta.title, meta.org, str(meta.date), meta.kind) == (
        "2026년 7월 구급차 전담 정비센터 정비 일정 알림", "강서소방서", "2026-06-26", "공문")
    assert meta.division == "소방행정과"
    parts = report.parts  # type: ignore[attr-defined]
    assert [p.title for p in parts] == [""] and not parts[0].sections  # 1. 2. are not sections
    text = said(log)
    assert "수신자 참조" in text and "양천로 550" in text and "table 9" in text


def test_a_cover_inside_the_approval_block_is_read_and_the_block_skipped() -> None:
    approval = SourceTable(n_rows=4, n_cols=1, where="table 1", cells=(
        SourceCell(row=0, col=0, paras=tuple(para(t) for t in (
            "문서번호", "인재양성과-8238", "결재일자", "2026. 6. 20.", "공개여부", "부분공개(6)",
            "주무관", "김선화")),),
        SourceCell(row=1, col=0, paras=(para("’26년 제3차 강사선정 심의회 운영결과"),)),
        SourceCell(row=2, col=0, paras=(para("2026. 6. 25.(목)"),)),
        SourceCell(row=3, col=0, paras=(para("인재개발원"), para("(인재양성과)")))))
    report, log = read(
        approval, SourcePageBreak(),
        table(["구 분", "점검 사항", "비 고"], ["정책일반", "법규를 검토하였습니까?", "■"]),
        para("□ 추진근거"), para(" ㅇ 서울특별시인재개발원 학칙 제6조"),
        properties={"creator": "rhwp", "createddate": "2000-01-01T00:00:00Z"})
    meta = report.meta  # type: ignore[attr-defined]
    assert meta.title == "’26년 제3차 강사선정 심의회 운영결과"
    assert (str(meta.date), meta.org, meta.division) == ("2026-06-25", "인재개발원", "인재양성과")
    assert meta.audience is None
    assert "김선화" in said(log)  # the approval block: skipped, but said
    blocks = report.parts[0].intro  # type: ignore[attr-defined]
    assert isinstance(blocks[0], Table)  # the check list after the cover is the body's


def test_no_converter_metadata_becomes_content() -> None:
    report, log = read(para("□ 추진 배경"), para(" ○ 시민 의견 수렴"),
                       properties={"creator": "rhwp"})
    meta = report.meta  # type: ignore[attr-defined]
    assert meta.org != "rhwp" and "2000" not in str(meta.date)
    assert "no report date" in said(log)


def test_part_chips_drawn_as_tables_are_parts() -> None:
    report, _ = read(table(["Ⅰ", "", "관련근거"]), para("□ 회계관리에 관한 훈령"),
                     table(["Ⅱ", "", "집행방향"]), para("□ 선심·중복 예산이 집행되지 않도록 관리"),
                     para("□ 직무활동 범위"),
                     para("  1. 이재민 및 불우소외계층에 대한 격려 및 지원", indent=15.0),
                     para("  2. 의정활동 및 지역 홍보", indent=15.0))
    parts = report.parts  # type: ignore[attr-defined]
    assert [p.title for p in parts] == ["관련근거", "집행방향"]
    assert not parts[1].sections  # the indented "1." lines under an item stay lines


def test_wingdings_characters_are_the_symbols_they_show() -> None:
    assert map_symbol_font("\uf076 추진 방향") == "❖ 추진 방향"
    assert map_symbol_font("해당 항목에 \uf0fe 표기") == "해당 항목에 ☑ 표기"
    assert split_symbol(map_symbol_font("\uf076 추진 방향")) == ("other", "❖", "추진 방향")
    assert split_symbol("✔ 점검 결과") == ("other", "✔", "점검 결과")  # not the √ event mark
    assert split_symbol("\U000f03da회의개요") == ("box", "\U000f03da", "회의개요")


def test_tab_padded_keys_and_a_bottom_total_row() -> None:
    report, _ = read(
        table(["Ⅰ", "현황"]),
        para("□ 일정"),
        para(" ○ 점검\t\t: 현장 점검 실시"),
        table(["구분", "예산액"], ["의장", "43,200"], ["부의장", "24,000"], ["계", "67,200"]))
    part = report.parts[0]  # type: ignore[attr-defined]
    item = part.intro[0]
    assert isinstance(item, Item)
    assert (item.children[0].key, item.children[0].text) == ("점검", "현장 점검 실시")
    tables = [b for b in (*part.intro, *item.children) if isinstance(b, Table)]
    assert tables and tables[0].rows[-1].total


def test_footnotes_anchored_in_plain_paragraphs_and_cells_are_kept() -> None:
    cell = SourceCell(row=1, col=0, paras=(para("43,200", footnotes=("월 단위 집행",)),))
    head = SourceCell(row=0, col=0, paras=(para("예산액"),))
    report, _ = read(table(["Ⅰ", "현황"]),
                     para("올해 예산은 다음과 같다.", footnotes=("본예산 기준",)),
                     SourceTable(n_rows=2, n_cols=1, cells=(head, cell), where="table 2"))
    intro = report.parts[0].intro  # type: ignore[attr-defined]
    assert any(isinstance(b, Footnote) and b.text == "본예산 기준" for b in intro)
    assert any(isinstance(b, Table) and "월 단위 집행" in b.notes for b in intro)


def test_table_captions_and_text_boxes_of_an_hwpx_are_read() -> None:
    """A table's ``hp:caption`` and a text box (``hp:rect`` with ``hp:drawText``) put into an
    HWPX govreport wrote: both texts come back, the box is not reported as a skipped
    drawing."""
    import io
    import zipfile

    from lxml import etree

    import govreport
    from govreport.app.render import render_bytes
    from govreport.codec.converter import dumps
    from govreport.readers import read_document
    from samples import EXAMPLE

    hp = "http://www.hancom.co.kr/hwpml/2011/paragraph"
    data = render_bytes(govreport.load(EXAMPLE), "hwpx")
    src = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(src.read("Contents/section0.xml"))

    def text_para(text: str) -> etree._Element:
        return etree.fromstring(f'<hp:subList xmlns:hp="{hp}"><hp:p><hp:run><hp:t>{text}'
                                f"</hp:t></hp:run></hp:p></hp:subList>")

    tbl = next(root.iter(f"{{{hp}}}tbl"))
    cap = etree.SubElement(tbl, f"{{{hp}}}caption", side="TOP")
    cap.append(text_para("표 캡션으로 적은 제목 문장"))
    run = next(r for r in root.iter(f"{{{hp}}}run") if r.find(f"{{{hp}}}t") is not None)
    rect = etree.SubElement(run, f"{{{hp}}}rect")
    etree.SubElement(rect, f"{{{hp}}}drawText").append(text_para("글상자 안에 적은 안내 문장"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = etree.tostring(root) if info.filename == "Contents/section0.xml" \
                else src.read(info)
            dst.writestr(info, body)
    result = read_document(out.getvalue(), "hwpx")
    text = dumps(result.report)
    assert "표 캡션으로 적은 제목 문장" in text
    assert "글상자 안에 적은 안내 문장" in text
    assert not any("drawing" in f.reason for f in result.fallbacks)


def test_chips_in_boxes_gaps_of_an_excerpt_and_numbered_lines_inside_a_chip() -> None:
    report, _ = read(
        table(["Ⅰ", "추진 현황"]),
        table(["1  추진 배경"]), para("□ 배경 설명"),
        para("1. 세부 과제"), para(" ○ 과제 내용"),
        table(["4", "향후 계획"]), para("□ 일정"))
    part = report.parts[0]  # type: ignore[attr-defined]
    assert [s.title for s in part.sections] == ["추진 배경", "향후 계획"]
    assert [s.number for s in part.sections] == [None, 4]  # an excerpt keeps its numbers
    from govreport.codec.converter import dumps

    assert "1. 세부 과제" in dumps(report)  # not a heading: a line, kept as written


def test_a_grid_drawn_like_a_diagram_stays_a_table_and_says_why() -> None:
    rows: list[list[str | list[str]]] = [[""] * 12 for _ in range(8)]
    rows[0][5], rows[3][1], rows[3][9], rows[6][1] = "시장", "기획조정실", "행정국", "예산과"
    report, log = read(table(["Ⅰ", "조직"]), table(*rows, where="table 2"))
    assert any(isinstance(b, Table) for b in report.parts[0].intro)  # type: ignore[attr-defined]
    assert "table 2: a 8×12 grid" in said(log) and "org chart" in said(log)


def test_marks_typed_without_their_space() -> None:
    assert split_symbol("ㅇ이에 따른 후속조치로") == ("circle", "ㅇ", "이에 따른 후속조치로")
    assert split_symbol("o「서울특별시인재개발원 학칙」제6조") == (
        "circle", "o", "「서울특별시인재개발원 학칙」제6조")
    assert split_symbol("open data") is None and split_symbol("-3.5%") is None


def test_an_untitled_part_is_printed_without_a_heading() -> None:
    import io
    import zipfile

    import govreport
    from govreport.app.render import render_bytes
    from govreport.model import Meta, Part, Report

    report = Report(meta=Meta(title="결과 보고", org="기획과", date="2026-06"),
                    layout="onepage", parts=(Part(title="", intro=(Item(text="점검 결과"),)),))
    assert not [p for p in govreport.check(report) if p.severity == "error"]
    with zipfile.ZipFile(io.BytesIO(render_bytes(report, "hwpx"))) as z:
        text = z.read("Contents/section0.xml").decode("utf-8")
    assert "점검 결과" in text and "Ⅰ" not in text
    assert render_bytes(report, "docx")  # and the DOCX writer takes it too
