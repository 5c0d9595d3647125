"""The writer registry: every output format has a writer; PDF and HWP are made from another
writer's bytes; one WriterOptions carries theme, template and locale."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import govreport
from govreport.app.render import FORMATS, render_bytes
from govreport.layout import LaidDocument, layout
from govreport.theme import Theme
from govreport.writers import registry
from govreport.writers.registry import (
    WRITERS,
    Converter,
    Writer,
    WriterOptions,
    template_family,
    write,
    writer_modules,
)

SEED = Path(__file__).resolve().parent.parent / "examples" / "seoul-mayor-office-2025-04.json"


@pytest.fixture(scope="module")
def laid() -> LaidDocument:
    return layout(govreport.load(SEED), Theme.seoul())


def test_every_output_format_has_a_writer() -> None:
    assert set(WRITERS) == set(FORMATS)
    assert {f: template_family(f) for f in FORMATS} == {
        "docx": "docx", "pdf": "docx", "hwpx": "hwpx", "hwp": "hwpx"}
    assert isinstance(WRITERS["pdf"], Converter) and WRITERS["pdf"].source == "docx"
    assert isinstance(WRITERS["hwp"], Converter) and WRITERS["hwp"].source == "hwpx"
    assert writer_modules("pdf") == ["govreport.writers.docx", "govreport.writers.pdf"]


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no writer for 'odt'"):
        template_family("odt")


def test_write_matches_the_writers(laid: LaidDocument) -> None:
    from govreport.writers.docx import write_docx
    from govreport.writers.hwpx import write_hwpx

    theme = Theme.seoul()
    options = WriterOptions(theme=theme)
    assert write("docx", laid, options) == write_docx(laid, theme)
    assert write("hwpx", laid, options) == write_hwpx(laid, theme)


def _fake(monkeypatch: pytest.MonkeyPatch, calls: list[str]) -> None:
    def base(laid: LaidDocument, options: WriterOptions) -> bytes:
        calls.append("write")
        return b"BASE"

    def convert(data: bytes) -> bytes:
        calls.append(f"convert:{data.decode()}")
        return b"OUT:" + data

    monkeypatch.setitem(WRITERS, "base", Writer(format="docx", write=base,
                                                fill=lambda t, c, loc: b"FILLED", module="x"))
    monkeypatch.setitem(WRITERS, "conv", Converter(format="conv", source="base",
                                                   convert=convert))


def test_a_converter_starts_from_its_source_writer(monkeypatch: pytest.MonkeyPatch,
                                                   laid: LaidDocument) -> None:
    calls: list[str] = []
    _fake(monkeypatch, calls)
    assert write("conv", laid, WriterOptions(theme=Theme.seoul())) == b"OUT:BASE"
    assert calls == ["write", "convert:BASE"]  # one write, one conversion: nothing redone
    assert registry.fill("conv", Path("t.docx"), {}, "ko_KR") == b"OUT:FILLED"


def test_hwp_is_the_hwpx_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    import govreport.writers.hwpx.hwp as hwp

    seen: list[bytes] = []

    def convert(data: bytes) -> bytes:
        seen.append(data)
        return b"HWP5"

    monkeypatch.setattr(hwp, "hwpx_to_hwp", convert)
    report = govreport.load(SEED)
    assert render_bytes(report, "hwp") == b"HWP5"
    assert seen == [render_bytes(report, "hwpx")]


def test_writer_options_are_frozen_and_keyword_only() -> None:
    with pytest.raises(TypeError):
        WriterOptions(Theme.seoul())  # type: ignore[call-arg]
    options = WriterOptions(theme=Theme.seoul())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        options.locale = "en_US"  # type: ignore[misc]
