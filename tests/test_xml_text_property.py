"""Any text a user types — ``& < > " '``, tabs, Hangul — reaches DOCX and HWPX as the same
text in XML that parses; characters XML cannot hold are refused with their JSON path."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import govreport as g
from govreport.app.render import render_bytes

TEXT = st.lists(st.sampled_from([*"&<>\"'가나 aZ1;#\t", "&amp;", "]]>", "<!--", "&#38;"]),
                min_size=1, max_size=10).map("".join).filter(lambda s: s.strip() != "")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def report(s: str) -> tuple[g.Report, list[str]]:
    """A report with ``s`` (tagged per field: ``F07·s·``) in every text field that prints;
    and the tagged texts."""
    tags: list[str] = []

    def t(kind: str = "") -> str:
        tags.append(f"F{len(tags):02d}{kind}·{s}·")
        return tags[-1]

    table = g.Table(header=[[t(), t()]], rows=[[t(), 12], [t(), {"value": t(), "items": [
        {"type": "item", "text": t()}]}]], title=t(), unit=t(), notes=[t()])
    blocks: list[Any] = [
        g.Item(text=t(), label=t(), status=t(), note=t(), children=[
            g.Item(key=t(), text=t()), g.Note(text=t()), g.Footnote(text=t())]),
        g.Event(title=t(), children=[g.WhenWhere(dates=["2025-03-25"], place=t())]),
        g.EnumItem(text=t()), g.LeadLine(text=t()), g.SubCaption(text=t()),
        g.Paragraph(text=t()), table,
        g.BudgetTable(lines=[g.BudgetLine(name=t(), budget=10, spent=5, remark=t())]),
        g.StaffingTable(groups=[g.StaffGroup(name=t(), grades=[t()])],
                        rows=[g.StaffRow(label=t(), counts=[[3]])]),
        g.OrgChart(head=t(), units=[g.OrgUnit(name=t(), teams=1, staff=3)]),
        g.VisionDiagram(vision=t(), goals=[t()], strategies=[g.Strategy(title=t(),
                                                                         tasks=[t()])]),
        g.Comparison(columns=[g.ComparisonColumn(label=t(), items=[t()]),
                              g.ComparisonColumn(label=t(), items=[t()])]),
    ]
    r = g.Report(
        meta=g.Meta(title=t(), org=t(), date="2025-04", audience=t()),
        cover=g.Cover(slogan=t()),
        parts=[g.Part(title=t(), sections=[g.Section(title=t(), blocks=blocks)])],
        appendices=[g.Appendix(title=t(), blocks=[g.Item(text=t())])],
    )
    return r, tags


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _texts(data: bytes, tag: str) -> str:
    """Every XML part parses with lxml; the text of its ``tag`` elements, joined."""
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels", ".hpf")):
                continue
            root = etree.fromstring(z.read(name))  # raises on malformed XML
            out += ["".join(e.itertext()) for e in root.iter() if isinstance(e.tag, str)
                    and e.tag.endswith(tag)]
    return _flat("".join(out))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_every_text_field_survives_docx_and_hwpx(s: str) -> None:
    r, tags = report(s)
    assert [p for p in g.check(r) if p.severity == "error"] == []
    docx_text = _texts(render_bytes(r, "docx"), f"{W}t")
    hwpx_text = _texts(render_bytes(r, "hwpx"), "}t")
    for tag in tags:
        assert _flat(tag) in docx_text, tag
        assert _flat(tag) in hwpx_text, tag


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                         0xFFFE, 0xFFFF)]))
def test_characters_xml_cannot_hold_are_refused_with_their_path(ch: str) -> None:
    r, tags = report(f"a{ch}b")
    bad = [p for p in g.check(r) if p.severity == "error"]
    assert bad and all(f"U+{ord(ch):04X}" in p.message for p in bad)
    assert len(bad) >= len(tags) - 2  # every field named (a few hold the tag twice at most)
    with pytest.raises(g.GovReportError):
        render_bytes(r, "docx")
