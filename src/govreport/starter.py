"""Starter JSON for ``govreport init``: the bundled Seoul example or a small blank skeleton.

The ``blank`` skeleton is a valid report that shows every block type once (item, note,
footnote, lead, subcaption, paragraph, enum, category, event, when_where, table,
staffing_table, budget_table) with placeholder Korean text to overwrite.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Literal

Example = Literal["seoul", "blank"]
EXAMPLES: tuple[Example, ...] = ("blank", "seoul")
SEOUL_FILE = "seoul-mayor-office-2025-04.json"


def _blank() -> dict[str, Any]:
    """The blank skeleton as JSON-ready data (every block type once)."""
    task_blocks: list[dict[str, Any]] = [
        {
            "type": "item",
            "text": "추진방향",
            "children": [
                {"type": "item", "text": "과제의 목표와 방향을 한 줄로 씁니다"},
                {"type": "note", "text": "참고할 사항은 ※ 주석으로 씁니다"},
            ],
        },
        {
            "type": "item",
            "text": "주요 추진내용",
            "period": "2025-01/2025-03",
            "children": [
                {"type": "lead", "text": "□ 제목 아래 기호 없이 쓰는 도입 문장"},
                {"type": "enum", "text": "첫째 세부 사업 (번호 ①은 자동)", "date": "2025-02-24"},
                {
                    "type": "item",
                    "text": "분야별 현장 방문",
                    "count": {"value": 3, "unit": "회"},
                    "children": [
                        {
                            "type": "category",
                            "label": "안전 분야",
                            "text": "분야 설명 (행사는 최신 순)",
                            "children": [
                                {
                                    "type": "event",
                                    "title": "행사명",
                                    "children": [
                                        {
                                            "type": "when_where",
                                            "dates": ["2025-03-25T14:00"],
                                            "place": "본관 6층 기획상황실",
                                        },
                                        {"type": "item", "text": "행사 내용", "key": "주요내용"},
                                    ],
                                }
                            ],
                        }
                    ],
                },
                {
                    "type": "table",
                    "header": [["구 분", "내 용", "건 수"]],
                    "rows": [["분야 1", "주요 사례", 12], ["분야 2", "주요 사례", 8]],
                    "unit": "건",
                    "basis": "2025-03 말",
                    "notes": ["표 아래 주석"],
                },
                {"type": "footnote", "text": "본문의 * 표시에 대한 설명"},
            ],
        },
        {
            "type": "item",
            "text": "향후계획",
            "children": [
                {"type": "item", "key": "후속 조치", "schedule": "2025-04/2025-05 중"},
                {"type": "item", "text": "상시 점검", "status": "연중 지속"},
            ],
        },
    ]
    return {
        "schema_version": 1,
        "meta": {
            "title": "주요 업무 보고",
            "org": "○○과",
            "date": "2025-04",
            "parent_org": "○○시",
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
                                "text": "부서의 주요 기능",
                                "level": 2,
                                "bold": True,
                                "children": [{"type": "item", "text": "세부 기능"}],
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
                        "title": "첫째 과제 제목",
                        "kind": "task",
                        "summary": "과제 요약 (요약 박스에 들어갑니다)",
                        "blocks": task_blocks,
                    }
                ],
            },
        ],
        "appendices": [
            {
                "title": "참고 자료 제목",
                "blocks": [{"type": "paragraph", "text": "기호 없는 일반 문단"}],
            }
        ],
    }


def _seoul_path() -> Path:
    """The bundled Seoul example: package data first, then the source tree's ``examples/``."""
    packaged = resources.files("govreport").joinpath("data").joinpath(SEOUL_FILE)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "examples" / SEOUL_FILE


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
