"""``govreport lint``: 개조식 style findings with their JSON path and a fix.

Each rule is shown a line a reviewer would mark and one they would not; our own examples
raise no false alarm (the one finding on them is a real one, see ``JUSTIFIED``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govreport.app.cli import cli
from govreport.checks.style import RULES, lint, lint_data

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

JUSTIFIED = {
    ("smart-civil-service-plan-2025.json",
     "$.parts[1].sections[1].blocks[0].children[0].children[0].children", "single-child"),
}
"""Findings on our examples that are right: 「주민등록 관련 12종」 has one sub-point
(「등·초본 포함」) under a chain of single sub-items (□ → ○ → - → ·); a reviewer would fold
it into its line."""


def report(*blocks: dict[str, Any], sections: list[dict[str, Any]] | None = None
           ) -> dict[str, Any]:
    return {"meta": {"title": "보고", "org": "과", "date": "2025-04"},
            "parts": [{"title": "주요 업무",
                       "sections": sections or [{"title": "과제", "blocks": list(blocks)}]}]}


def item(text: str, *children: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"type": "item", "text": text, **kw,
            **({"children": list(children)} if children else {})}


def found(data: dict[str, Any], rule: str) -> list[tuple[str, str, str]]:
    return [(w.path, w.message, w.fix) for w in lint_data(data) if w.rule == rule]


P = "$.parts[0].sections[0].blocks"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_no_false_alarms_on_our_examples(name: str) -> None:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    unexpected = [str(w) for w in lint_data(data) if (name, w.path, w.rule) not in JUSTIFIED]
    assert unexpected == []


def test_sentence_endings_in_items() -> None:
    data = report(item("추진방향", item("시스템을 구축합니다."), item("협의를 완료하였습니다"),
                       item("개통 예정임"), item("민원 처리 기간 단축")))
    hits = found(data, "ending")
    assert [h[0] for h in hits] == [f"{P}[0].children[0].text", f"{P}[0].children[1].text"]
    assert "'시스템을 구축함'" in hits[0][2] and "'협의를 완료함'" in hits[1][2]
    prose = report({"type": "paragraph", "text": "이 보고서는 결과를 정리한 것입니다."})
    assert found(prose, "ending") == []  # prose paragraphs may be sentences


def test_symbols_typed_into_the_text() -> None:
    data = report(item("□ 추진방향", item("○ 현장 점검"), item("- 3월 완료"), item("-5% 감소"),
                       item("※ 참고")))
    paths = [h[0] for h in found(data, "typed-symbol")]
    assert paths == [f"{P}[0].text", f"{P}[0].children[0].text", f"{P}[0].children[1].text",
                     f"{P}[0].children[3].text"]
    assert "'추진방향'" in found(data, "typed-symbol")[0][2]
    years = report(item("2026. 2. 10.(화) 설명회"), item("1. 첫째"))  # a year is no list number
    assert [h[0] for h in found(years, "typed-symbol")] == [f"{P}[1].text"]


def test_lines_over_the_themes_length() -> None:
    long = "시민 불편 해소를 위한 민원 처리 절차 개선 " * 6
    data = report(item("추진방향", item(long), item("짧은 항목")),
                  sections=None)
    hits = found(data, "long-line")
    assert [h[0] for h in hits] == [f"{P}[0].children[0].text"]
    assert "lines" in hits[0][1]
    heading = ("민생 중심의 현장방문을 통한 현장시정 강화와 시민 소통 확대 및 "
               "규제 혁신 성과 공유 체계 구축")
    title = report(sections=[{"title": heading, "blocks": [item("가")]}])
    assert [h[0] for h in found(title, "long-line")] == ["$.parts[0].sections[0].title"]


def test_dates_in_another_style() -> None:
    data = report(item("점검", item("2025-03-25 완료"), item("2025년 4월 1일 개통"),
                       item("2025.03.05. 착수"), item("'25.3.25.(화) 보고"),
                       item("'25. 3. 24.(월) 21:20 회의")))
    hits = found(data, "date-style")
    assert [h[0] for h in hits] == [f"{P}[0].children[{i}].text" for i in range(3)]
    assert "\"'25.3.25.\"" in hits[0][2] and "\"'25.4.1.\"" in hits[1][2]
    codes = report(item("과제 코드 2023-15 참조"), item("2025-02-30 접수"))  # not calendar dates
    assert found(codes, "date-style") == []
    official = lint_data(report(item("2025. 3. 25. 보고"), item("'25.3.25. 보고")),
                         theme=_official())
    assert [w.path for w in official if w.rule == "date-style"] == [f"{P}[1].text"]


def _official() -> Any:
    import attrs

    from govreport.theme import Theme

    th = Theme.seoul()
    return attrs.evolve(th, dates=attrs.evolve(th.dates, style="official"))


def test_an_item_with_a_single_child() -> None:
    data = report(item("과제", item("세부", item("하나", item("유일한 세부")))),
                  item("다른 과제", item("둘", item("가"), item("나"))))
    assert [h[0] for h in found(data, "single-child")] == \
        [f"{P}[0].children[0].children[0].children"]


def test_empty_sections_and_parts() -> None:
    data = report(sections=[{"title": "빈 절", "blocks": []}, {"title": "과제",
                                                              "blocks": [item("가")]}])
    data["parts"].append({"title": "빈 장", "sections": []})
    assert [h[0] for h in found(data, "empty-section")] == ["$.parts[0].sections[0]",
                                                            "$.parts[1]"]


def test_latin_and_hangul_spacing() -> None:
    data = report(item("CCTV 를 150 대 설치"), item("AI 기반 민원 43개 단지"),
                  item("점검  완료"))
    hits = found(data, "spacing")
    assert [(h[0], h[2]) for h in hits] == [(f"{P}[0].text", "write 'CCTV를'"),
                                           (f"{P}[0].text", "write '150대'"),
                                           (f"{P}[2].text", "write one space")]


def test_a_report_object_is_linted_like_its_json() -> None:
    import govreport

    data = report(item("시스템을 구축합니다"))
    obj = govreport.loads(json.dumps(data, ensure_ascii=False))
    assert [(w.path, w.rule) for w in lint(obj)] == [(f"{P}[0].text", "ending")]


def test_cli_lists_findings_with_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(report(item("□ 시스템을 구축합니다")), ensure_ascii=False),
                   encoding="utf-8")
    good = EXAMPLES / "heavy-rain-brief-onepage.json"
    runner = CliRunner()
    ok = runner.invoke(cli, ["lint", str(good)])
    assert ok.exit_code == 0, ok.output
    res = runner.invoke(cli, ["lint", str(bad)])
    assert res.exit_code == 1
    assert f"{bad}: {P}[0].text:" in res.output and "[typed-symbol]" in res.output
    assert "[ending]" in res.output and "fix:" in res.output
    res = runner.invoke(cli, ["lint", "--format", "json", str(bad), str(good)])
    out = json.loads(res.stdout)
    assert out["warnings"] == 2 and {w["rule"] for w in out["files"][0]["warnings"]} == \
        {"typed-symbol", "ending"}
    assert set(out["files"][0]["warnings"][0]) == {"path", "rule", "message", "fix",
                                                   "severity"}
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    res = runner.invoke(cli, ["lint", str(tmp_path / "broken.json")])
    assert res.exit_code == 2 and "broken.json" in res.output


def test_every_rule_is_listed() -> None:
    assert set(RULES) == {"ending", "typed-symbol", "long-line", "date-style", "single-child",
                          "empty-section", "spacing"}
