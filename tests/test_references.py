"""References to computed figures of other blocks in running text: ``{=org.staff}`` prints
the block's figure, a stated one is checked, a wrong name is an error naming what exists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

import govreport as g
from govreport.app.cli import cli
from govreport.app.render import render_bytes

ORG = {"type": "org_chart", "id": "org", "head": "행정국",
       "units": [{"name": "총무과", "teams": 6, "staff": 120},
                 {"name": "인사과", "teams": 5, "staff": 64}],
       "groups": [{"label": "사업소", "units": [{"name": "인재개발원", "staff": 52},
                                             {"name": "시민기록원", "staff": 21}]}]}
BUDGET = {"type": "budget_table", "id": "budget",
          "lines": [{"name": "운영비", "budget": 318000, "spent": 80036},
                    {"name": "사업비", "budget": 80000, "spent": 19865}]}
STAFF = {"type": "staffing_table", "id": "staff",
         "groups": [{"name": "일반직", "grades": ["5급", "6급"]}],
         "rows": [{"label": "정원", "counts": [[3, 4]]}, {"label": "현원", "counts": [[3, 2]]}]}
TABLE = {"type": "table", "id": "fac", "header": [["구분", "시설 수", "비율"]],
         "rows": [{"cells": ["계"], "total": True, "compute": {"op": "sum"}},
                  ["구립 체육관", 14], ["학교 운동장", 6]],
         "columns": [{}, {"key": "n"}, {"compute": {"op": "share", "of": ["n"]}}]}


def doc(text: str, *more: dict[str, Any]) -> dict[str, Any]:
    line = {"type": "item", "key": "현황", "text": text}
    return {"meta": {"title": "업무 보고", "org": "행정국", "date": "2025-04"},
            "parts": [{"title": "일반 현황", "sections": [
                {"title": "조직", "blocks": [line, ORG, BUDGET, STAFF, TABLE, *more]},
                {"title": "과제 하나", "kind": "task", "blocks": [{"type": "item", "text": "a"}]},
                {"title": "과제 둘", "kind": "task", "blocks": [{"type": "item", "text": "b"}]}]},
                {"title": "주요 업무", "sections": []}]}


def printed(text: str) -> str:
    report = g.loads(json.dumps(doc(text), ensure_ascii=False))
    paras = [p.text for p in docx.Document(__import__("io").BytesIO(
        render_bytes(report, "docx"))).paragraphs]
    line = next(p for p in paras if "현황 :" in p)
    return line.split("현황 : ", 1)[1]


@pytest.mark.parametrize(("text", "out"), [
    ("{=org.units}과 {=org.사업소}사업소 {=org.teams}팀 {=org.staff}명", "2과 2사업소 11팀 184명"),
    ("사업소 인원 {=org.사업소.staff}명", "사업소 인원 73명"),
    ("예산 {=budget.budget}천원, 집행률 {=budget.rate}", "예산 398,000천원, 집행률 25.1%"),
    ("사업비 잔액 {=budget.사업비.balance}", "사업비 잔액 60,135"),
    ("정원 {=staff.정원}명(일반직 {=staff.현원.일반직}명)", "정원 7명(일반직 5명)"),
    ("체육관 {=fac.구립 체육관.시설 수}곳({=fac.구립체육관.비율}), 계 {=fac.계.n}곳",
     "체육관 14곳(70.0%), 계 20곳"),
    ("{=count.parts}대 분야 {=count.tasks}대 과제 {=count.sections}개 절",
     "2대 분야 2대 과제 3개 절"),
])
def test_a_reference_prints_the_blocks_figure(text: str, out: str) -> None:
    assert printed(text) == out


def errors(text: str) -> list[tuple[str, str]]:
    report = g.loads(json.dumps(doc(text), ensure_ascii=False), check=False)
    return [(p.path, p.message) for p in g.check(report) if p.severity == "error"]


def test_a_stated_figure_beside_its_source_is_checked() -> None:
    assert errors("{=org.staff:184}명") == []
    assert errors("{=org.staff:1,84}명") == [
        ("$.parts[0].sections[0].blocks[0].text", "{=org.staff:1,84}: '1,84' after ':' is not "
                                                  "a number")]
    assert errors("{=org.staff:185}명") == [
        ("$.parts[0].sections[0].blocks[0].text", "{=org.staff:185}: stated 185, org.staff is "
                                                  "184")]
    assert printed("{=org.staff:184}명") == "184명"


@pytest.mark.parametrize(("text", "words"), [
    ("{=orgg.staff}", ["no block has the id 'orgg'", "budget, fac, org, staff"]),
    ("{=org.staf}", ["'staf' is not a figure of the org chart", "units, teams, staff, 사업소"]),
    ("{=budget.rates}", ["budget, spent, balance, rate"]),
    ("{=staff.정원.별정직}", ["정원, 현원", "일반직"]),
    ("{=fac.체육관.n}", ["give a row", "구립체육관"]),
    ("{=count.task}", ["parts, sections, tasks, appendices"]),
])
def test_a_wrong_name_is_an_error_saying_what_exists(text: str, words: list[str]) -> None:
    (got,) = errors(text)
    assert got[0] == "$.parts[0].sections[0].blocks[0].text"
    assert all(w in got[1] for w in words), got[1]


def test_texts_without_references_are_untouched_and_json_keeps_the_reference() -> None:
    report = g.loads(json.dumps(doc("중괄호 {그대로} = 글 {=org.staff}명"), ensure_ascii=False))
    assert "{=org.staff}" in g.dumps(report)
    assert printed("중괄호 {그대로} = 글 {=org.staff}명") == "중괄호 {그대로} = 글 184명"


def test_the_org_chart_id_is_unique_among_block_ids() -> None:
    other = {**TABLE, "id": "org"}
    assert ("$.parts[0].sections[0].blocks[5].id", "the table id 'org' is used twice") in \
        errors_with(doc("x", other))


def errors_with(data: dict[str, Any]) -> list[tuple[str, str]]:
    report = g.loads(json.dumps(data, ensure_ascii=False), check=False)
    return [(p.path, p.message) for p in g.check(report) if p.severity == "error"]


def test_cli_refuses_a_wrong_reference_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    src.write_text(json.dumps(doc("{=org.staff:200}명"), ensure_ascii=False), "utf-8")
    out = tmp_path / "r.hwpx"
    res = CliRunner().invoke(cli, ["render", str(src), "-o", str(out)])
    assert res.exit_code == 2 and not out.exists()
    assert "stated 200, org.staff is 184" in res.output


def test_hwpx_prints_the_same_figure() -> None:
    report = g.loads(json.dumps(doc("인원 {=org.staff}명"), ensure_ascii=False))
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(render_bytes(report, "hwpx"))) as z:
        body = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("Contents/sec"))
    assert "인원 184명" in body and "{=" not in body
