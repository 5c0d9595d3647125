"""Limits and the template sandbox: options, messages with the template's name and place,
text kept after characters XML cannot hold, and a watchdog that never fires late."""

from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attacks import docx_template, hwpx_template
from govreport.app.render import render_bytes
from govreport.freeform.templating import render_string, watchdog
from govreport.support.errors import RenderError
from govreport.support.limits import LimitError, Limits, current, using


def _text(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(part).decode()


def test_limits_parse_and_scope() -> None:
    lim = Limits.parse(["render_seconds=5", "table-columns=20"])
    assert (lim.render_seconds, lim.table_columns, lim.input_mb) == (5.0, 20, 64)
    for bad in (["x"], ["nope=1"], ["input_mb=-1"], ["input_mb=abc"]):
        with pytest.raises(LimitError):
            Limits.parse(bad)
    assert current().render_seconds == 60
    with using(lim):
        assert current().table_columns == 20
    assert current().table_columns == 1000


@pytest.mark.parametrize("family", ["docx", "hwpx"])
def test_text_after_a_control_character_is_kept(tmp_path: Path, family: str) -> None:
    path = tmp_path / f"t.{family}"
    path.write_bytes(docx_template("[{{ s }}]") if family == "docx"
                     else hwpx_template("[{{ s }}]"))
    out = render_bytes({"s": "앞\u0007뒤"}, family, template=path)  # type: ignore[arg-type]
    xml = _text(out, "word/document.xml" if family == "docx" else "Contents/section0.xml")
    assert "[앞\ufffd뒤]" in xml


@pytest.mark.parametrize("family", ["docx", "hwpx"])
def test_errors_name_template_and_place(tmp_path: Path, family: str) -> None:
    path = tmp_path / f"bad.{family}"
    src = "{{ 'x' * 10**10 }}"
    path.write_bytes(docx_template("첫 문단", src) if family == "docx" else hwpx_template(src))
    with pytest.raises(RenderError) as info:
        render_bytes({"a": 1}, family, template=path)  # type: ignore[arg-type]
    message = str(info.value)
    assert str(path) in message and "larger than 64 MB" in message
    assert "paragraph" in message or "line" in message


def test_table_limits_are_configurable() -> None:
    import govreport as g

    report = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"), parts=[g.Part(
        title="p", sections=[g.Section(title="s", blocks=[g.Table(rows=[["a"] * 30])])])])
    assert not [p for p in g.check(report) if p.severity == "error"]
    with using(Limits(table_columns=20)):
        assert any("wider than 20 columns" in p.message for p in g.check(report))


def test_watchdog_stops_and_never_fires_late() -> None:
    with using(Limits(render_seconds=0.3)), pytest.raises(RenderError, match="longer than"):
        render_string("{% for i in range(100000) %}{% for j in range(100000) %}"
                      "{% endfor %}{% endfor %}", {})
    with using(Limits(render_seconds=0.2)):
        with watchdog():
            pass
        time.sleep(0.5)  # a late exception would land here and fail the test
    assert render_string("{{ 1 + 1 }}", {}) == "2"


def test_batch_applies_the_limits_in_its_workers(tmp_path: Path) -> None:
    import json

    from govreport.app.batch import run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    report = {"meta": {"title": "t", "org": "o", "date": "2025-04"}, "parts": [
        {"title": "p", "sections": [{"title": "s", "blocks": [
            {"type": "table", "rows": [["a", "b", "c"]]}]}]}]}
    for name in ("a", "b"):
        (folder / f"{name}.json").write_text(json.dumps(report), encoding="utf-8")
    inputs = sorted(folder.glob("*.json"))
    ok = run_batch(inputs, tmp_path / "ok", "docx", jobs=2)
    assert not ok.failed
    limited = run_batch(inputs, tmp_path / "out", "docx", jobs=2,
                        limits=Limits(table_columns=2))
    assert len(limited.failed) == 2
    assert all("wider than 2 columns" in r.errors[0] for r in limited.failed)
    assert not list((tmp_path / "out").glob("*.docx"))


def test_docs_list_every_limit_with_its_default() -> None:
    import attrs

    from govreport.support.limits import Limits

    text = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for f in attrs.fields(Limits):
        assert f"| `{f.name}` | {f.default} |" in text, f.name
