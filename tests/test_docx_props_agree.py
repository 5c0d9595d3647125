"""The DOCX body writes its paragraph and run properties as strings (``wml``); the styles
part builds the same blocks as elements (``props``).  A paragraph written by one and a
style written by the other must agree, child order included, for every option both have."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from govreport.writers.docx.ooxml import W_NS, root
from govreport.writers.docx.props import ppr, rpr
from govreport.writers.docx.wml import ppr_xml, rpr_xml

PPR_CASES: list[dict[str, Any]] = [
    {},
    {"style_id": "GRL1", "keep_next": True, "page_break_before": True},
    {"border_box": (4, "#1F3864", 3), "tabs": (("right", 9000, "dot"), ("left", 400, "none"))},
    {"before": 240, "after": 0, "line": 360, "ind": (800, 400), "ind_right": 100},
    {"ind": (0, 0), "jc": "both", "outline": 1, "mark_size_hp": 2},
    {"style_id": "GRL2", "before": 0, "ind_right": 567, "jc": "center"},
]
RPR_CASES: list[dict[str, Any]] = [
    {"font": "휴먼명조"},
    {"hint": True, "bold": True, "color": "#FF0000"},
    {"font": "HY헤드라인M", "hint": True, "bold": False, "spacing": -20, "width_pct": 95},
    {"size_hp": 30, "superscript": True, "spacing": 0, "width_pct": 100},
]


def _canonical(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n", exclusive=True)


def _parsed(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0]


@pytest.mark.parametrize("kwargs", PPR_CASES)
def test_paragraph_properties_agree(kwargs: dict[str, Any]) -> None:
    built = ppr(root("x"), **kwargs)
    assert _canonical(_parsed(ppr_xml(**kwargs))) == _canonical(built)


@pytest.mark.parametrize("kwargs", RPR_CASES)
def test_run_properties_agree(kwargs: dict[str, Any]) -> None:
    built = rpr(root("x"), **kwargs)
    assert built is not None
    assert _canonical(_parsed(rpr_xml(**kwargs))) == _canonical(built)


def test_nothing_set_writes_no_run_properties() -> None:
    assert rpr(root("x")) is None and rpr_xml() == ""
