"""A seeded fuzz over every example: change one figure of a table, budget, staffing table or
org chart — a typed one or a stated total — and the checks find an error or a printed total
changes.  No mutation of a figure that a total stands for passes unnoticed.

Each case checks only the mutated block (in a one-block report), so 500+ cases take seconds.
The figures fuzzed are those some total (computed or stated) is made of, and the stated
totals themselves; a figure no total covers (a table without 계) cannot drift from one.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import govreport as g
from govreport.checks.semantic import check_report, errors_of
from govreport.layout.tables import TableLayout
from govreport.layout.text import TextFormatter
from govreport.model import BudgetTable, OrgChart, StaffingTable, Table
from govreport.model.compute import compute
from govreport.model.stated import figure_columns, stated_totals
from govreport.model.tables import MONEY_FACTORS
from govreport.theme import Theme

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "govreport" / "data" / "seoul-mayor-office-2025-04.json"
EXAMPLES = [*sorted((ROOT / "examples").glob("*.json")), SEED]
KINDS = ("table", "budget_table", "staffing_table", "org_chart")
CASES = 560
THEME = Theme.seoul()
LAYOUT = TableLayout(THEME, TextFormatter(THEME, "ko_KR"), THEME.page.text_width_pt)

Site = tuple[Any, ...]  # a JSON path inside the block: keys and indexes


def _blocks(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        if data.get("type") in KINDS:
            yield data
        for value in data.values():
            yield from _blocks(value)
    elif isinstance(data, list):
        for value in data:
            yield from _blocks(value)


def _alone(block: dict[str, Any]) -> g.Report:
    data = {"meta": {"title": "보고", "org": "기관", "date": "2025-04"},
            "parts": [{"title": "현황", "sections": [{"title": "표", "blocks": [block]}]}]}
    report = g.loads(json.dumps(data, ensure_ascii=False), check=False)
    return report


def _model(report: g.Report) -> Any:
    return report.parts[0].sections[0].blocks[0]


def printed_totals(block: Any) -> tuple[object, ...]:
    """Every derived figure of the block as it prints (not the typed ones)."""
    if isinstance(block, Table):
        ct = compute(block)
        out: list[object] = [(pos, LAYOUT.figure(ct.values.get(pos), ct.format_of(*pos)))
                             for pos in sorted(ct.derived)]
        out += [(pos, LAYOUT.figure(v, f)) for pos, (v, f) in sorted(ct.paren.items())]
        return tuple(out)
    if isinstance(block, BudgetTable):
        lines = (block.total_line(), *block.lines)
        return tuple((x.budget, x.spent, x.balance, x.rate) for x in lines[:1]) + tuple(
            (x.balance, x.rate) for x in lines[1:])
    if isinstance(block, StaffingTable):
        return tuple((r.grand_total(), r.subtotals()) for r in block.rows)
    assert isinstance(block, OrgChart)
    return (len(block.units), block.teams(), block.staff(),
            tuple(len(grp.units) for grp in block.groups))


def _table_sites(block: dict[str, Any], model: Table) -> Iterator[tuple[Site, Decimal]]:
    """Typed figures of a generic table that a total stands for (or stated totals)."""
    ct = compute(model)
    seen: set[tuple[int, int]] = set()
    stated_totals(model, ct, seen)
    counted = figure_columns(model, ct) if model.computed else set()
    for (r, c), slot in ct.slots.items():
        if slot.cell is None or slot.index is None or (r, c) in ct.derived:
            continue
        value = slot.cell.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        plain = model.rows[r].compute is None
        if (r, c) in seen or (plain and c in counted):
            cells = block["rows"][r] if isinstance(block["rows"][r], list) else \
                block["rows"][r]["cells"]
            where: Site = ("rows", r) + (() if isinstance(block["rows"][r], list)
                                         else ("cells",)) + (slot.index,)
            if isinstance(cells[slot.index], dict):
                where += ("value",)
            yield where, _step(model, ct, r, c)


def _step(model: Table, ct: Any, r: int, c: int) -> Decimal:
    """The smallest change the cell's format prints (a unit of its last decimal, in the unit
    typed)."""
    fmt = ct.format_of(r, c)
    step = Decimal(1)
    if fmt is not None:
        if fmt.from_unit and fmt.to_unit:
            step = Decimal(MONEY_FACTORS[fmt.to_unit]) / MONEY_FACTORS[fmt.from_unit]
        step = max(step, Decimal(1)) if not fmt.decimals else step.scaleb(-fmt.decimals)
    value = model.rows[r].cells[ct.slots[(r, c)].index].value
    return step if isinstance(value, float) or step >= 1 else Decimal(1)


def sites(block: dict[str, Any]) -> Iterator[tuple[Site, Decimal]]:
    model = _model(_alone(block))
    kind = block["type"]
    if kind == "table":
        yield from _table_sites(block, model)
    elif kind == "budget_table":
        for i in range(len(block["lines"])):
            yield ("lines", i, "budget"), Decimal(1)
            yield ("lines", i, "spent"), Decimal(1)
        for name in ("budget", "spent"):
            if (block.get("total") or {}).get(name) is not None:
                yield ("total", name), Decimal(1)
    elif kind == "staffing_table":
        for i, row in enumerate(block["rows"]):
            for j, counts in enumerate(row["counts"]):
                for k in range(len(counts)):
                    yield ("rows", i, "counts", j, k), Decimal(1)
            if row.get("total") is not None:
                yield ("rows", i, "total"), Decimal(1)
    else:
        for i, unit in enumerate(block["units"]):
            for name in ("teams", "staff"):
                if unit.get(name) is not None:
                    yield ("units", i, name), Decimal(1)
        for name in ("teams", "staff"):
            if (block.get("total") or {}).get(name) is not None:
                yield ("total", name), Decimal(1)


def _get(obj: Any, site: Site) -> Any:
    for key in site:
        obj = obj[key]
    return obj


def _set(obj: Any, site: Site, value: Any) -> None:
    for key in site[:-1]:
        obj = obj[key]
    obj[site[-1]] = value


def all_cases() -> list[tuple[str, dict[str, Any], Site, Decimal]]:
    out = []
    for path in EXAMPLES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for block in _blocks(data):
            out += [(path.name, block, site, step) for site, step in sites(block)]
    return out


def test_every_changed_figure_is_caught() -> None:
    rng = random.Random(21)
    cases = all_cases()
    kinds = {block["type"] for _, block, _, _ in cases}
    assert kinds == set(KINDS)  # every kind of block is fuzzed
    assert len(cases) >= 100
    before: dict[int, tuple[object, ...]] = {}
    missed: list[str] = []
    for n in range(CASES):
        name, block, site, step = cases[n % len(cases)] if n < len(cases) else rng.choice(cases)
        if id(block) not in before:
            original = _alone(block)
            assert errors_of(check_report(original)) == [], name
            before[id(block)] = printed_totals(_model(original))
        mutated = copy.deepcopy(block)
        value = _get(mutated, site)
        delta = step * rng.choice([1, 2, 3, 7, 10, 100]) * rng.choice([1, -1])
        new = Decimal(str(value)) + delta
        _set(mutated, site, int(new) if isinstance(value, int) and new == int(new)
             else float(new))
        report = _alone(mutated)
        if errors_of(check_report(report)):
            continue
        if printed_totals(_model(report)) == before[id(block)]:
            missed.append(f"{name}: {block['type']} {site}: {value} → {_get(mutated, site)}")
    assert missed == []
