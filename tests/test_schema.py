"""The generated JSON Schema matches the model and the converter.

Validation against the schema uses the ``jsonschema`` package when it is installed; the
structural tests of the schema itself always run.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import govreport as g
from govreport.codec.schema import JSON_NAMES, PERIOD_PATTERN, POINT_PATTERN, json_schema
from govreport.model import BLOCK_TAGS
from test_roundtrip import SETTINGS, periods, reports

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _objects(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            out.append(node)
        for v in node.values():
            out += _objects(v)
    elif isinstance(node, list):
        for v in node:
            out += _objects(v)
    return out


# --- shape of the schema ------------------------------------------------------------------


def test_schema_is_json_and_deterministic(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == "#/$defs/Report"
    assert json.loads(json.dumps(schema)) == schema
    assert json_schema() == schema


def test_every_class_has_a_closed_definition(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    for cls in (*BLOCK_TAGS, g.Report, g.Meta, g.Cover, g.Toc, g.Part, g.Section, g.Appendix,
                g.Row, g.Cell, g.Quantity, g.StaffGroup, g.StaffRow, g.BudgetLine,
                g.BudgetTotal):
        d = defs[cls.__name__]
        names = [JSON_NAMES.get(f.name, f.name) for f in attrs.fields(cls)
                 if not (cls is g.Report and f.name == "base_dir") and f.init]
        expected = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        if cls in BLOCK_TAGS:
            assert d["properties"]["type"] == {"const": BLOCK_TAGS[cls]}
            names = ["type", *names]  # "type" is required among blocks: see below
        assert list(d["properties"]) == names, cls
        assert d.get("required", []) == expected, cls
        assert d["description"], cls
    assert all(o["additionalProperties"] is False for o in _objects(schema))


def test_blocks_are_a_tagged_one_of(schema: dict[str, Any]) -> None:
    children = schema["$defs"]["Item"]["properties"]["children"]
    assert children["type"] == "array"
    refs = [r["allOf"][0]["$ref"] for r in children["items"]["oneOf"]]
    assert refs == [f"#/$defs/{cls.__name__}" for cls in BLOCK_TAGS]
    assert all(r["allOf"][1] == {"required": ["type"]} for r in children["items"]["oneOf"])


def test_a_logo_needs_no_type_but_a_block_does(schema: dict[str, Any]) -> None:
    """The cover's logo is a Figure standing alone (what dumps writes, untagged); in a list
    of blocks the tag is what says which block it is."""
    jsonschema = pytest.importorskip("jsonschema")
    v = jsonschema.Draft202012Validator(schema)
    doc = {"meta": {"title": "보고", "org": "과", "date": "2025-04"},
           "cover": {"logo": {"src": "logo.png", "width_mm": 28.0, "alt": "상징"}},
           "parts": [{"title": "개요", "intro": [{"type": "paragraph", "text": "본문"}]}]}
    assert not list(v.iter_errors(doc))
    doc["parts"][0]["intro"] = [{"text": "본문"}]
    assert list(v.iter_errors(doc))


def test_short_forms_and_dates(schema: dict[str, Any]) -> None:
    table = schema["$defs"]["Table"]["properties"]
    row = table["rows"]["items"]["anyOf"]
    assert row[0]["type"] == "array" and row[1] == {"$ref": "#/$defs/Row"}
    assert row[0]["items"]["anyOf"][0] == {"type": ["string", "number", "null"]}
    assert schema["$defs"]["Period"]["pattern"] == PERIOD_PATTERN
    assert schema["$defs"]["WhenWhere"]["properties"]["dates"]["items"] == {
        "$ref": "#/$defs/PartialDate"}
    headers = schema["$defs"]["BudgetTable"]["properties"]["headers"]
    assert (headers["minItems"], headers["maxItems"], headers["items"]) == (5, 5, False)


@pytest.mark.parametrize("text", [
    "2025", "2025-03", "2025-03-25", "2025-03-24T21:20", "2025-02/2025-04", "2025-03/..",
    "2025-03 말", "2025-04/2025-05 중",
])
def test_period_pattern_accepts(text: str) -> None:
    assert re.search(PERIOD_PATTERN, text)
    g.parse_period(text)  # and so does the parser


@pytest.mark.parametrize("text", [
    "25", "2025-3", "2025-13", "2025-03-32", "2025-03-24T24:00", "2025/03/01", "2025-03 끝",
    "2025-03/", "2025-03..", "2025-03  말",
])
def test_period_pattern_rejects(text: str) -> None:
    assert not re.search(PERIOD_PATTERN, text)


def test_point_pattern() -> None:
    assert re.search(POINT_PATTERN, "2025-03-24T21:20")
    assert not re.search(POINT_PATTERN, "2025-03/2025-04")


@SETTINGS
@given(periods())
def test_every_canonical_period_matches_the_pattern(period: g.Period) -> None:
    assert re.search(PERIOD_PATTERN, period.iso())


# --- validation with jsonschema -----------------------------------------------------------


def test_seed_example_validates(validator: Any, example: dict[str, Any]) -> None:
    assert [e.message for e in validator.iter_errors(example)] == []


def test_short_forms_validate(validator: Any, example: dict[str, Any]) -> None:
    doc = {"meta": {"title": "t", "org": "o", "date": "2025"}, "parts": [{"title": "p",
           "sections": [{"title": "s", "blocks": [
               {"type": "table", "rows": [["a", 1, 2.5, None],
                                          {"cells": [{"value": "b", "colspan": 4}]}]},
           ]}]}]}
    assert list(validator.iter_errors(doc)) == []


@SETTINGS
@given(reports)
def test_random_valid_reports_validate(validator: Any, report: g.Report) -> None:
    data = json.loads(g.dumps(report))
    assert [e.message for e in validator.iter_errors(data)] == []


def _break(example: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``example`` with the value at a dotted path replaced (``...`` deletes)."""
    doc = copy.deepcopy(example)
    *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = doc
    for p in head:
        node = node[p]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return doc


BAD = [
    ("meta.titel", "x"),  # unknown field
    ("meta.title", ...),  # missing required
    ("meta.date", "2025-4"),  # bad date
    ("meta.date", 2025),  # date not a string
    ("layout", "poster"),  # bad literal
    ("parts.0.sections.0.blocks.0.type", "bullet"),  # unknown block type
    ("parts.0.sections.0.blocks.0.type", ...),  # missing type
    ("parts.0.sections.0.blocks.0.level", "2"),  # wrong scalar type
    ("parts.0.sections.0.blocks.0.children", {"type": "item", "text": "x"}),  # not a list
    ("parts.0.sections.1.blocks.0.rows.0.counts.0.1", 2.5),  # not an integer
    ("parts.0.sections.2.blocks.1.headers", ["구분"]),  # fixed length
    ("parts.0.sections.2.blocks.1.lines.0.budget", True),  # bool is not a number
    ("parts.1.sections.0.blocks.1.period", "2025-02/2025-04 끝"),  # unknown qualifier
]


@pytest.mark.parametrize(("path", "value"), BAD, ids=[p for p, _ in BAD])
def test_bad_documents_fail(validator: Any, example: dict[str, Any], path: str,
                            value: Any) -> None:
    bad = _break(example, path, value)
    assert list(validator.iter_errors(bad)), path
    with pytest.raises(g.ValidationError):  # the converter agrees
        g.loads(json.dumps(bad, ensure_ascii=False), check=False)


def test_date_converters_leave_the_schema_alone(schema: dict[str, Any]) -> None:
    """Fields with attrs converters (ISO strings accepted in Python) keep their JSON types."""
    defs = schema["$defs"]
    period, optional = {"$ref": "#/$defs/Period"}, {
        "anyOf": [{"$ref": "#/$defs/Period"}, {"type": "null"}], "default": None}
    assert defs["Meta"]["properties"]["date"] == period
    assert "date" in defs["Meta"]["required"]
    for cls, name in (("Item", "date"), ("Item", "period"), ("Item", "schedule"),
                      ("Event", "period"), ("EnumItem", "date"), ("Section", "basis"),
                      ("Table", "basis"), ("StaffingTable", "basis"), ("BudgetTable", "basis")):
        assert defs[cls]["properties"][name] == optional, (cls, name)
    assert defs["WhenWhere"]["properties"]["dates"] == {
        "type": "array", "items": {"$ref": "#/$defs/PartialDate"}}
    assert defs["WhenWhere"]["required"] == ["dates"]
