"""Starter JSON for ``govreport init``: the bundled Seoul example or a small blank skeleton.

The ``blank`` skeleton is a valid report that shows every block type once (item, note,
footnote, lead, subcaption, paragraph, enum, category, event, when_where, table,
staffing_table, budget_table, org_chart, vision, comparison, chart, figure) with short,
realistic Korean text to overwrite.  Like a real report it types no symbols, numbers,
weekdays or totals: the layout adds them.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..model import SCHEMA_VERSION

Example = Literal["seoul", "blank"]
EXAMPLES: tuple[Example, ...] = ("blank", "seoul")
SEOUL_FILE = "seoul-mayor-office-2025-04.json"


PLACEHOLDER_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAABAAAAAJCAIAAAC0SDtlAAAAF0lEQVR42mO8+fATAymAiYFEMKqBJhoAplECvlHq"
    "Mu0AAAAASUVORK5CYII="
)
"""A light blue 16 × 9 placeholder picture (base64 PNG) for the blank skeleton's figure."""


def _blank() -> dict[str, Any]:
    """The blank skeleton as JSON-ready data (every block type once).

    It shows good practice: no typed symbols (□ ○ - · ① ※ √ ▶ ●), numbers, weekdays or
    totals, since the layout derives them; ISO dates; figures as numbers with a unit.  The
    only typed mark is the ``*`` in running text that a ``footnote`` explains, which the
    author writes (docs/model.md).
    """
    task_blocks: list[dict[str, Any]] = [
        {
            "type": "item",
            "text": "추진방향",
            "children": [
                {"type": "item", "text": "현장 점검으로 시민 불편 사항을 미리 찾아 신속히 해소"},
                {"type": "note", "text": "지난해 접수된 시민 불편 민원의 60%가 시설 안전 관련"},
            ],
        },
        {
            "type": "item",
            "text": "주요 추진내용",
            "period": "2025-01/2025-03",
            "children": [
                {"type": "lead", "text": "분야별 현장 점검과 시민 의견 수렴을 함께 추진"},
                {"type": "enum", "text": "시민 불편 신고 창구 통합", "date": "2025-02-24"},
                {"type": "enum", "text": "취약 시설 안전 점검 계획 수립", "date": "2025-03-10"},
                {
                    "type": "item",
                    "text": "분야별 현장 방문",
                    "count": {"value": 3, "unit": "회"},
                    "children": [
                        {
                            "type": "category",
                            "label": "안전 분야",
                            "text": "해빙기 취약 시설 현장 점검 및 보완 조치",
                            "children": [
                                {
                                    "type": "event",
                                    "title": "해빙기 안전 점검 회의",
                                    "children": [
                                        {
                                            "type": "when_where",
                                            "dates": ["2025-03-25T14:00"],
                                            "place": "본관 6층 기획상황실",
                                        },
                                        {
                                            "type": "item",
                                            "text": "취약 시설 점검 결과 공유 및 보완 방안 논의",
                                            "key": "주요내용",
                                        },
                                    ],
                                }
                            ],
                        }
                    ],
                },
                {
                    "type": "table",
                    "header": [["구 분", "주요 사례", "건 수"]],
                    "rows": [["안 전", "노후 옹벽 보수", 12], ["교 통", "보행로 정비", 8]],
                    "unit": "건",
                    "basis": "2025-03 말",
                    "notes": ["건수는 현장 점검에서 접수된 개선 요청 기준"],
                },
            ],
        },
        {
            "type": "item",
            "text": "향후계획",
            "children": [
                {"type": "item", "key": "관련 조례 개정*", "schedule": "2025-04/2025-05 중"},
                {"type": "footnote", "text": "「한빛시 시설 안전 관리 조례」 점검 주기 규정 신설"},
                {"type": "item", "text": "분야별 현장 점검", "status": "연중 지속"},
            ],
        },
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "meta": {
            "title": "주요 업무 보고",
            "org": "정책기획과",
            "date": "2025-04",
            "parent_org": "한빛시",
        },
        "parts": [
            {
                "title": "일반 현황",
                "sections": [
                    {
                        "title": "주요 기능",
                        "blocks": [
                            {
                                "type": "item",
                                "text": "시 주요 정책의 기획 및 조정",
                                "level": 2,
                                "bold": True,
                                "children": [
                                    {"type": "item", "text": "중장기 발전계획 수립 및 점검"}
                                ],
                            }
                        ],
                    },
                    {
                        "title": "인력 현황",
                        "unit": "명",
                        "basis": "2025-03 말",
                        "blocks": [
                            {
                                "type": "staffing_table",
                                "groups": [
                                    {"name": "일반직", "grades": ["5급", "6급", "7급"]},
                                ],
                                "rows": [
                                    {"label": "정원", "counts": [[1, 2, 3]]},
                                    {"label": "현원", "counts": [[1, 2, 2]]},
                                ],
                            }
                        ],
                    },
                    {
                        "title": "예산 집행현황",
                        "unit": "천원",
                        "basis": "2025-03 말",
                        "blocks": [
                            {"type": "subcaption", "text": "과목별 집행현황"},
                            {
                                "type": "budget_table",
                                "lines": [
                                    {"name": "사무관리비", "budget": 100000, "spent": 25000,
                                     "remark": "부서 운영 경비"},
                                    {"name": "업무추진비", "budget": 50000, "spent": 10000},
                                ],
                                "id": "budget",
                            },
                            {
                                "type": "chart",
                                "title": "과목별 예산 집행",
                                "unit": "천원",
                                "source": {"table": "budget"},
                            },
                            {
                                "type": "figure",
                                "data": PLACEHOLDER_PNG,
                                "caption": "현장 사진 (파일은 \"src\": \"사진.jpg\"로 지정)",
                                "width": 0.5,
                            },
                        ],
                    },
                    {
                        "title": "조직 및 추진 체계",
                        "blocks": [
                            {
                                "type": "org_chart",
                                "head": "정책기획과",
                                "units": [
                                    {"name": "기획팀", "staff": 6},
                                    {"name": "조정팀", "staff": 5},
                                ],
                                "division_counter": "팀",
                            },
                            {
                                "type": "vision",
                                "vision": "시민이 체감하는 안전한 한빛시",
                                "goals": ["시민 불편 신속 해소"],
                                "strategies": [
                                    {"title": "현장 점검 강화",
                                     "tasks": ["분야별 정기 점검"]},
                                ],
                            },
                            {
                                "type": "comparison",
                                "columns": [
                                    {"label": "현행", "items": ["부서별 신고 창구"]},
                                    {"label": "개선", "items": ["통합 신고 창구"]},
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "title": "주요 업무",
                "overview": True,
                "sections": [
                    {
                        "title": "시민 불편 해소를 위한 현장 점검 강화",
                        "kind": "task",
                        "summary": "분야별 현장 점검으로 시민 불편 사항을 찾아 신속히 해소",
                        "blocks": task_blocks,
                    }
                ],
            },
        ],
        "appendices": [
            {
                "title": "분야별 점검 일정",
                "blocks": [
                    {"type": "paragraph",
                     "text": "분야별 세부 점검 일정은 분기마다 부서 누리집에 게시합니다."}
                ],
            }
        ],
    }


def _seoul_path() -> Path:
    """The bundled Seoul example: package data first, then the source tree's ``examples/``."""
    packaged = resources.files("govreport").joinpath("data").joinpath(SEOUL_FILE)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "examples" / SEOUL_FILE


def starter_text(example: Example = "blank") -> str:
    """The starter JSON text (UTF-8, ends with a newline)."""
    if example == "seoul":
        path = _seoul_path()
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise FileNotFoundError(
                f"the bundled example {SEOUL_FILE} is missing from this installation"
            ) from exc
    if example == "blank":
        return json.dumps(_blank(), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown example {example!r} (one of {', '.join(EXAMPLES)})")


__all__ = ["EXAMPLES", "Example", "starter_text"]
