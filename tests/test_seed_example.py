"""The bundled example is the whole seed report (shared/seed/000_…txt) as data.

* the example round-trips losslessly and is canonical;
* the figures the model computes equal the figures the seed prints;
* every typed date / count corresponds to a parenthesis or field of the seed;
* every line of the seed (after the SEED-OUTLINE §1 corrections) is found in the model's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport as g

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"
SEED = Path(__file__).resolve().parent / "data" / "seed-report.txt"
"""A copy of the reference text (shared/seed/000_97d9600bdb999f5f.txt), so a plain clone
runs every test."""

# SEED-OUTLINE §1: extraction errors and source inconsistencies, with their best reading.
CORRECTIONS: list[tuple[str, str]] = [
    ("I. 일반 현황", "Ⅰ. 일반 현황"),  # 1: Latin capital I instead of the Roman numeral Ⅰ
    ("\t23급\t", "\t2·3급\t"),  # 2: 복수직급 2·3급 lost its middle dot
    ("출산을 제고", "출산율 제고"),  # 3: 출산율 (×3: overview, headline, summary)
    ("(쫓기관)", "(기 관)"),  # 4: mis-decoded spacing character in a padded label
    ("규제철폐 창의를 발표회", "규제철폐 창의제안 발표회"),  # 5: event name
    ("통산인터넷 등(1회)", "통신·인터넷 등(1회)"),  # 6
    ("잡지(2),", "잡지(2회),"),  # 7: every sibling count has 회
    ("주요내용 : 축하,", "주요내용 : 축사,"),  # 8: congratulatory address
    ("활성화 업무체결 등", "활성화 업무협약 체결 등"),  # 9
    ("(시애플 구독료 결제 허용)", "(해외 앱 구독료 결제 허용)"),  # 10: garbled
    ("('25. 2월.~'25. 4월)", "('25. 2월~'25. 4월)"),  # 11: stray period
    ("대시민 소통강화", "대시민 소통 강화"),  # 12: one spelling
    ("(1차, 5억 원)", "(1차, 5억원)"),  # 13: money written 45억원-style
    ("(2차, 40억 원)", "(2차, 40억원)"),  # 13
]
# 14/17: bold runs detected by the extractor are marked **…**; the model types bold per item.
MARKUP = "**"


def _seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in CORRECTIONS:
        assert old in text, f"correction {old!r} no longer applies to the seed"
        text = text.replace(old, new)
    return text.replace(MARKUP, "")


@pytest.fixture(scope="module")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(example_text: str) -> g.Report:
    return g.loads(example_text)


@pytest.fixture(scope="module")
def seed() -> str:
    return _seed_text()


def _walk(obj: Any, field: str = "$") -> Iterator[tuple[str, Any]]:
    """(field name, leaf) for every leaf of the model; dates and counts are leaves."""
    if isinstance(obj, g.Period | g.PartialDate | g.Quantity):
        yield field, obj
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            yield from _walk(getattr(obj, f.name), f.name)
    elif isinstance(obj, tuple | list):
        for x in obj:
            yield from _walk(x, field)
    else:
        yield field, obj


def _blocks(obj: Any) -> Iterator[Any]:
    """Every attrs object of the model, depth first."""
    if attrs.has(type(obj)):
        yield obj
        for f in attrs.fields(type(obj)):
            yield from _blocks(getattr(obj, f.name))
    elif isinstance(obj, tuple | list):
        for x in obj:
            yield from _blocks(x)


def _one(report: g.Report, cls: type) -> Any:
    found = [b for b in _blocks(report) if isinstance(b, cls)]
    assert len(found) == 1, f"expected one {cls.__name__}, found {len(found)}"
    return found[0]


# --- round trip ---------------------------------------------------------------------------


def test_example_text_is_canonical(example_text: str) -> None:
    assert g.dumps(g.loads(example_text)) == example_text


def test_model_round_trip(report: g.Report) -> None:
    assert g.loads(g.dumps(report)) == report


# --- computed figures == printed figures --------------------------------------------------


def test_staffing_figures(report: g.Report) -> None:
    table = _one(report, g.StaffingTable)
    assert [grp.name for grp in table.groups] == ["일반직", "별정직"]
    quota, current = table.rows
    assert (quota.label, current.label) == ("정원", "현원")
    assert quota.grand_total() == quota.total == 31
    assert current.grand_total() == current.total == 28
    assert quota.subtotals() == (9, 22)
    assert current.subtotals() == (9, 19)
    assert len(table.notes) == 1


def test_budget_figures(report: g.Report) -> None:
    table = _one(report, g.BudgetTable)
    total = table.total_line()
    assert (total.budget, total.spent, total.balance) == (398_000, 99_901, 298_099)
    assert table.total is not None
    assert (table.total.budget, table.total.spent) == (total.budget, total.spent)
    assert total.rate == Decimal("25.1")
    first, second = table.lines
    assert (first.balance, second.balance) == (237_964, 60_135)
    assert (first.rate, second.rate) == (Decimal("25.2"), Decimal("24.8"))


def test_chip_section_captions(report: g.Report) -> None:
    general = report.parts[0]
    captions = {s.title: (s.unit, s.basis and s.basis.iso()) for s in general.sections}
    assert captions == {
        "주요 기능": (None, None),
        "인력 현황": ("명", "2025-03 말"),
        "예산 집행현황": ("천원", "2025-03 말"),
    }


def test_regulation_table_counts_match_parent_item(report: g.Report) -> None:
    parents = [
        b for b in _blocks(report)
        if isinstance(b, g.Item) and any(isinstance(c, g.Table) for c in b.children)
    ]
    assert len(parents) == 1
    parent = parents[0]
    table = next(c for c in parent.children if isinstance(c, g.Table))
    assert [c.value for c in table.header[0].cells] == ["분 야", "유 형", "주요 사례"]
    assert len(table.rows) == 7
    labels = [r.cells[0] for r in table.rows if len(r.cells) == 3]
    assert [c.rowspan for c in labels] == [1, 2, 2, 2]
    counts = [c.count.value for c in labels if c.count is not None]
    assert counts == [39, 21, 58, 5]
    assert parent.count == g.Quantity(value=123, unit="건")
    assert sum(counts) == parent.count.value


def test_overview_titles_are_the_task_titles(report: g.Report, seed: str) -> None:
    tasks = report.parts[1]
    assert tasks.overview
    assert all(s.kind == "task" and s.summary for s in tasks.sections)
    overview = seed[seed.index("Ⅱ. 주요 업무"):seed.index("\n1\n")]  # up to task 1's number
    listed = re.findall(r"^[①-⑤] (.+)$", overview, flags=re.M)
    assert listed == [s.title for s in tasks.sections]


# --- typed dates and counts: each one is a parenthesis or field of the seed ---------------

# (text in the corrected seed, model field, canonical value)
TYPED: list[tuple[str, str, str]] = [
    ("2025. 4.", "date", "2025-04"),  # cover date (meta.date)
    ("(기준 / 단위 : '25.3월말 / 명)", "basis", "2025-03 말"),
    ("(기준 / 단위 : '25.3월말 / 천원)", "basis", "2025-03 말"),
    ("□ 주요 추진내용 ('25. 2월~'25. 4월)", "period", "2025-02/2025-04"),
    ("일시/장소 : '25.3.25.(화), 4.2.(수) /", "dates", "2025-03-25|2025-04-02"),
    ("일시/장소 : '25. 3. 24.(월) 21:20 /", "dates", "2025-03-24T21:20"),
    ("일시/장소 : '25. 3. 8.(토) 14:00 /", "dates", "2025-03-08T14:00"),
    ("일시/장소 : '25. 3. 5.(수) 10:30 /", "dates", "2025-03-05T10:30"),
    ("일시/장소 : '25. 2. 11.(화) 10:00 /", "dates", "2025-02-11T10:00"),
    ("일시/장소 : '25. 3. 31.(월) 10:30 /", "dates", "2025-03-31T10:30"),
    ("일시/장소 : '25. 3. 17.(월) 14:00 /", "dates", "2025-03-17T14:00"),
    ("일시/장소 : '25. 3. 4.(화) 14:00 /", "dates", "2025-03-04T14:00"),
    ("일시/장소 : '25. 2. 25.(화) 14:00 /", "dates", "2025-02-25T14:00"),
    ("일시/장소 : '25. 2. 5.(수) 10:00 /", "dates", "2025-02-05T10:00"),
    ("일시/장소 : '25. 3. 18.(화) 12:45 /", "dates", "2025-03-18T12:45"),
    ("일시/장소 : '25. 3. 14.(금) 11:10 /", "dates", "2025-03-14T11:10"),
    ("일시/장소 : '25. 2. 26.(수) 14:00 /", "dates", "2025-02-26T14:00"),
    ("일시/장소 : '25. 3. 7.(금) 11:00 /", "dates", "2025-03-07T11:00"),
    ("□ 추진내용 ('25. 1.~'25. 3월말)", "period", "2025-01/2025-03 말"),
    ("서울 교통 통합브랜드 발표 ('25.2.24.)", "date", "2025-02-24"),
    ("디딤돌소득 정합성 연구결과 발표 ('25.3.24.)", "date", "2025-03-24"),
    ("√ 산불 피해지역 지원현황 ('25. 3월 ~)", "period", "2025-03/.."),
    ("□ 추진내용 ('24. 7월 ~ '25. 4월)", "period", "2024-07/2025-04"),
    ("총 1,022호 공급('24.7.~12.)", "date", "2024-07/2024-12"),
    ("공급 정부 협의 완료('25.3.17.)", "date", "2025-03-17"),
    ("재량권 부여 요청('25.4.1.)", "date", "2025-04-01"),
    ("총 367호 모집공고('25.4.11.)", "date", "2025-04-11"),
    ("총 200호 모집공고('25.4.28.)", "date", "2025-04-28"),
    ("□ 추진 성과 ('25.1.3.~4.12.)", "period", "2025-01-03/2025-04-12"),
    ("제안·접수(2,507건)", "count", "2507건"),
    ("규제철폐 발표(123건)", "count", "123건"),
    ("성과보고회 개최 : '25. 4~5월 중", "schedule", "2025-04/2025-05 중"),
    ("전담 조직 설치 : '25. 7월", "schedule", "2025-07"),
    ("주택\n(39)", "count", "39"),  # T3 stacked labels: Cell.count under the label
    ("/소상공인\n(21)", "count", "21"),
    ("/복지\n(58)", "count", "58"),
    ("안전\n(5)", "count", "5"),
]
WEEKDAYS = "월화수목금토일"


def _typed_values(report: g.Report) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for block in _blocks(report):
        if isinstance(block, g.WhenWhere):
            out["dates", "|".join(d.iso() for d in block.dates)] += 1
    for field, leaf in _walk(report):
        if isinstance(leaf, g.Period):
            out[field, leaf.iso()] += 1
        elif isinstance(leaf, g.Quantity):
            out[field, f"{leaf.value}{leaf.approx}{leaf.unit}"] += 1
    return out


def test_typed_values_are_the_seeds(report: g.Report, seed: str) -> None:
    for snippet, _, _ in TYPED:
        assert snippet in seed, snippet
    assert _typed_values(report) == Counter((field, value) for _, field, value in TYPED)


def test_when_where_weekdays_match_the_seed(report: g.Report) -> None:
    by_dates = {"|".join(d.iso() for d in w.dates): w
                for w in _blocks(report) if isinstance(w, g.WhenWhere)}
    for snippet, field, value in TYPED:
        if field != "dates":
            continue
        printed = re.findall(r"\((.)\)", snippet)
        computed = [WEEKDAYS[d.weekday] for d in by_dates[value].dates]
        assert printed == computed, snippet


def test_status_items_match_the_seed(report: g.Report, seed: str) -> None:
    statuses = [b.status for b in _blocks(report) if isinstance(b, g.Item) and b.status]
    assert statuses == ["연중 지속"] * seed.count("(연중 지속)")


# --- every line of the seed is in the model -----------------------------------------------

_GLYPH = re.compile(r"^(?:-\s+)?(?:[○□√▶※●①-⑳]\s*)?")
_PART = re.compile(r"^[ⅠⅡⅢⅣⅤ]\.\s*")
_CHIP = re.compile(r"^\d+ (?=\D)")  # "1 주요 기능" (number derived)
_CAPTION = re.compile(r"\s*\(기준 / 단위 : [^)]*\)$")  # unit + basis, typed
_TRAILING = re.compile(r"\s*\((?:'\d{2}[^()]*|연중 지속|[\d,]+건)\)$")  # date/period/status/count
_LABEL = re.compile(r"^\(([^()]+)\)\s*(.+)$")  # "(구호금지원) 산불피해 …"
_CATEGORY = re.compile(r"^(\S+ 분야) (.+)$")  # "안전 분야 재난재해 …"
_NUMERIC = re.compile(r"[\d,]+(?: \([\d.]+%\))?|-")  # table figures: typed or computed
_SCHEDULE = re.compile(r"'\d{2}\.\s*\d{1,2}(?:~\d{1,2})?월(?: [중말])?")  # typed schedule
_COVER_DATE = re.compile(r"\d{4}\. \d{1,2}\.")  # typed meta.date
_CELL_COUNT = re.compile(r"\(\d+\)")  # typed Cell.count under a stacked label


def _fragments(line: str) -> list[str]:
    """The text of a seed line that the model must hold as text (typed parts removed)."""
    s = line.strip()
    if not s or _COVER_DATE.fullmatch(s) or _CELL_COUNT.fullmatch(s):
        return []
    s = _GLYPH.sub("", s)
    s = _PART.sub("", s)
    s = _CHIP.sub("", s)
    s = _CAPTION.sub("", s)
    s = _TRAILING.sub("", s)
    out: list[str] = []
    for raw in s.split("\t"):
        cell = raw.strip()
        if not cell or _NUMERIC.fullmatch(cell):
            continue
        if (m := _LABEL.match(cell)) or (m := _CATEGORY.match(cell)):
            out.append(m[1])  # label head / category tag, a field of its own
            cell = m[2]
        if " : " in cell:
            key, value = cell.split(" : ", 1)
            if key == "일시/장소":  # typed dates, then " / " and the place
                value = value.rsplit(" / ", 1)[1]
            if _SCHEDULE.fullmatch(value):
                value = ""
            out += [key, value]
        else:
            out.append(cell)
    return [f for f in out if f]


def _model_text(report: g.Report) -> str:
    return "\n".join(leaf for _, leaf in _walk(report) if isinstance(leaf, str))


def test_every_seed_line_is_in_the_model(report: g.Report, seed: str) -> None:
    corpus = _model_text(report)
    checked = 0
    missing: list[str] = []
    for n, line in enumerate(seed.splitlines(), start=1):
        for fragment in _fragments(line):
            checked += 1
            if fragment not in corpus:
                missing.append(f"L{n}: {fragment}")
    assert not missing, "seed text missing from the example:\n" + "\n".join(missing)
    assert checked > 250  # the walk is not vacuous
