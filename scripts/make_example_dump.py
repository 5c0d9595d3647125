"""Write examples/free-form/road-repairs-2025h1.json: a synthetic open-data style dump
(120 road-repair complaints, some fields null) for the shipped free-form templates.

Deterministic (fixed seed); the numbers are invented for the project.
Run: ``python scripts/make_example_dump.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples" / "free-form" / "road-repairs-2025h1.json"
DISTRICTS = ["종로구", "중구", "용산구", "성동구", "광진구", "동대문구", "중랑구", "성북구"]
KINDS = [("포트홀", 0.45), ("보도 파손", 0.25), ("배수 불량", 0.2), ("표지판 훼손", 0.1)]
ROADS = ["세종대로", "율곡로", "퇴계로", "한강대로", "왕십리로", "능동로", "왕산로", "망우로",
         "보문로", "동소문로"]


def main() -> None:
    rng = random.Random(20250701)
    start = dt.date(2025, 1, 2)
    records = []
    for no in range(1, 121):
        day = start + dt.timedelta(days=rng.randrange(0, 180))
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        area = round(rng.uniform(0.4, 60.0), 1) if kind != "표지판 훼손" else None
        done = rng.random() > 0.12
        cost = rng.randrange(80, 4800) if done else None
        if done and rng.random() < 0.05:
            cost = None  # not yet settled
        records.append({
            "no": no,
            "date": day.isoformat(),
            "district": rng.choice(DISTRICTS),
            "kind": kind,
            "place": f"{rng.choice(ROADS)} {rng.randrange(1, 300)}",
            "area_m2": area,
            "cost": cost,
            "days": rng.randrange(0, 15) if done else None,
        })
    records.sort(key=lambda r: (r["date"], r["no"]))
    dump = {
        "title": "2025년 상반기 도로 보수 민원 처리 현황",
        "org": "도로관리과",
        "as_of": "2025-06-30",
        "unit": "㎡, 천원, 일",
        "group_by": "district",
        "group_label": "자치구",
        "period": "date",
        "period_unit": "month",
        "value": "cost",
        "value_label": "보수비(천원)",
        "period_label": "월",
        "columns": [
            {"field": "date", "label": "접수일", "format": "date", "total": None},
            {"field": "district", "label": "자치구"},
            {"field": "kind", "label": "유형"},
            {"field": "area_m2", "label": "면적(㎡)", "decimals": 1},
            {"field": "cost", "label": "보수비(천원)"},
            {"field": "days", "label": "처리일수", "total": "avg"},
        ],
        "records": records,
        "notes": ["보수비·처리일수가 빈 칸(-)인 민원은 처리 중이거나 정산 전입니다",
                  "처리일수 합계 행은 평균입니다"],
    }
    OUT.write_text(json.dumps(dump, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(OUT, len(records), "records")


if __name__ == "__main__":
    main()
