"""The attack corpus: hostile inputs in four categories, run in one subprocess with resource
limits (see ``test_attacks.py``).

Each :class:`Case` is a command line (run in-process through click's runner) or a library
call.  :func:`main` runs them all inside a work folder under ``RLIMIT_AS`` and writes one JSON
result per case: exit code, output, exception, elapsed seconds and the output files that
exist afterwards.  The expectations live with the cases; ``test_attacks.py`` checks them.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

Files = dict[str, bytes | Callable[[], bytes]]


@dataclass
class Case:
    """One attack: what to run, and what a user must see."""

    id: str
    category: str  # "json" | "template" | "cli" | "library"
    argv: list[str] | None = None  # CLI arguments ({w} = the work folder)
    call: Callable[[Path], Any] | None = None  # a library call
    files: Files = field(default_factory=dict)
    exit: int | None = None  # expected exit code (CLI)
    message: str = ""  # a substring of stdout+stderr, or of the exception
    raises: tuple[str, ...] = ()  # accepted exception class names (library)
    absent: tuple[str, ...] = ()  # files that must not exist afterwards
    seconds: float = 20.0  # generous bound: a hang must fail, not block CI
    setup: Callable[[Path], None] | None = None  # more preparation (symlinks …)
    check: Callable[[Path], None] | None = None  # more expectations (raises AssertionError)


CASES: list[Case] = []


def case(**kw: Any) -> None:
    CASES.append(Case(**kw))


# --------------------------------------------------------------------------- building blocks


def report(blocks: list[Any] | None = None, **meta: Any) -> dict[str, Any]:
    m = {"title": "주요 업무 보고", "org": "기획조정실", "date": "2025-04", **meta}
    return {"meta": m, "parts": [{"title": "주요 업무", "sections": [
        {"title": "과제", "blocks": blocks if blocks is not None else [
            {"type": "item", "text": "추진"}]}]}]}


def js(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def table(rows: list[Any], **kw: Any) -> dict[str, Any]:
    return {"type": "table", "rows": rows, **kw}


def docx_template(*paragraphs: str) -> bytes:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def hwpx_template(text: str) -> bytes:
    """The shipped HWPX template made free-form: its ``{{ body }}`` paragraph holds ``text``."""
    from govreport.app.shipped_templates import shipped_path

    return replace_part(shipped_path("report", "hwpx").read_bytes(), "Contents/section0.xml",
                        lambda xml: xml.replace(b"{{ body }}", escape(text).encode()))


def replace_part(data: bytes, name: str, fn: Callable[[bytes], bytes],
                 extra: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == name:
                payload = fn(payload)
            out.writestr(info, payload, compress_type=info.compress_type)
        for extra_name, payload in (extra or {}).items():
            out.writestr(extra_name, payload)
    return buf.getvalue()


def bomb_part(size: int) -> bytes:
    """Zeros of ``size`` bytes (they deflate ~1000:1)."""
    return b"\0" * size


def with_bomb(data: bytes, name: str, size: int) -> bytes:
    """``data`` (a zip) with part ``name`` replaced by (or added as) ``size`` zero bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            if info.filename != name:
                out.writestr(info, src.read(info.filename), compress_type=info.compress_type)
        out.writestr(name, bomb_part(size))
    return buf.getvalue()


def many_entries(data: bytes, n: int) -> bytes:
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as out:
        for i in range(n):
            out.writestr(f"junk/{i}.xml", b"")
    return buf.getvalue()


FREE_DATA = js({"title": "제목", "rows": [{"a": 1}], "n": 3, "s": "a\u0007b"})
REPORT = js(report())
W = "{w}"
BIG = 80 * 1024 * 1024  # a part past the 64 MB default

# --------------------------------------------------------------------------- 1. report JSON

_render = ["render", f"{W}/in.json", "-o", f"{W}/out.docx"]
_render_hwpx = ["render", f"{W}/in.json", "-o", f"{W}/out.hwpx"]
_validate = ["validate", f"{W}/in.json"]

_JSON_CASES: list[tuple[str, bytes | Callable[[], bytes], str]] = [
    ("colspan-billion", js(report([table([[{"value": "a", "colspan": 10**9}]])])),
     "wider than 1000 columns"),
    ("rowspan-billion", js(report([table([[{"value": "a", "rowspan": 10**9}]])])),
     "reaches past the last row"),
    ("colspan-negative", js(report([table([[{"value": "a", "colspan": -5}]])])),
     "colspan -5 must be 1 or more"),
    ("colspan-zero", js(report([table([[{"value": "a", "colspan": 0}]])])),
     "colspan 0 must be 1 or more"),
    ("row-2000-cells", js(report([table([["x"] * 2000])])), "wider than 1000 columns"),
    ("grid-area", lambda: js(report([table([[{"value": "a", "colspan": 999}]] * 1100)])),
     "more than 250,000 grid cells"),
    ("colspan-shifted-past-edge", js(report([table([[{"value": "a", "rowspan": 2}, "b"],
                                                    [{"value": "c", "colspan": 2}]])])),
     "reaches past the table edge"),
    ("overlapping-spans", js(report([table([["a", {"value": "b", "rowspan": 2}],
                                            [{"value": "c", "colspan": 2}]])])), "overlaps"),
    ("ragged-rows", js(report([table([["a", "b"], ["c"]])])), "covers 1 column"),
    ("span-past-edge", js(report([table([["a", "b"], [{"value": "c", "colspan": 5}]])])),
     "reaches past the table edge"),
    ("json-depth-5000", ("[" * 5000 + "]" * 5000).encode(), "nested more than"),
    ("json-depth-100000", ("[" * 100000 + "]" * 100000).encode(), "nested more than"),
    ("object-depth-2000", ('{"a":' * 2000 + "1" + "}" * 2000).encode(), "nested more than"),
    ("children-depth-100", lambda: js(report([_nested_items(100)])), "nested more than 64"),
    ("int-5000-digits", b'{"meta": {"title": "t", "org": "o", "date": "2025-04"}, "x": '
     + b"9" * 5000 + b"}", "4300 digits"),
    ("number-1e400", js(report([table([["a"]])]))[:-1].replace(b'"a"', b"1e400") + b"}",
     "not a finite number"),
    ("nan", js(report([table([["a"]])])).replace(b'"a"', b"NaN"), "NaN is not a finite number"),
    ("infinity", js(report([table([["a"]])])).replace(b'"a"', b"-Infinity"),
     "-Infinity is not a finite number"),
    ("number-1e19", js(report([table([[1e19]])])), "too large"),
    ("cp949", json.dumps(report(), ensure_ascii=False).encode("cp949"), "CP949"),
    ("latin-1", json.dumps({"meta": {"title": "café", "org": "o", "date": "2025-04"},
                            "parts": []}, ensure_ascii=False).encode("latin-1"),
     "not UTF-8 text"),
    ("utf-16-le-bom", b"\xff\xfe" + json.dumps(report()).encode("utf-16-le"), ""),
    ("truncated-utf8", js(report(title="보고서"))[:-3] + "보".encode()[:2], "not UTF-8"),
    ("lone-surrogate-escape", js(report(title="\\ud800x")).replace(b"\\\\ud800", b"\\ud800"),
     "U+D800"),
    ("surrogate-in-literal", js(report([table([[{"value": "a", "align": "\\udfff"}]])]))
     .replace(b"\\\\udfff", b"\\udfff"),
     "\\udfff"),
    ("control-char", js(report(title="a\u0007b")), "U+0007"),
    ("nul-char", js(report(title="a\u0000b")), "U+0000"),
    ("duplicate-keys", b'{"meta": {"title": "a", "title": "b", "org": "o", "date": "2025-04"}'
     b', "parts": []}', "duplicate key"),
    ("empty-file", b"", "file is empty"),
    ("whitespace-only", b"  \n\t ", "file is empty"),
    ("not-json", b"{meta: 1}", "not valid JSON"),
    ("trailing-garbage", REPORT + b"xyz", "not valid JSON"),
    ("top-level-list", b"[1, 2]", "not a report"),
    ("top-level-null", b"null", "not a report"),
    ("meta-list", js({"meta": [], "parts": []}), "is not an object"),
    ("parts-object", js({"meta": report()["meta"], "parts": {}}), "is not a list"),
    ("blocks-string", js(report("abc")), "is not a list"),  # type: ignore[arg-type]
    ("block-no-type", js(report([{"text": "a"}])), 'block has no "type"'),
    ("block-unknown-type", js(report([{"type": "script", "text": "a"}])),
     "is not a block type"),
    ("block-number", js(report([42])), "42 is not a block object"),
    ("date-feb-30", js(report(date="2025-02-30")), "2025-02-30"),
    ("date-garbage", js(report(date="yesterday")), "yesterday"),
    ("date-number", js(report(date=20250401)), "is not a date string"),
    ("title-number", js(report(title=5)), "5 is not a string"),
    ("bool-as-int", js(report([table([[{"value": "a", "colspan": True}]])])), "not an integer"),
    ("unknown-field", js(report([{"type": "item", "text": "a", "levle": 2}])),
     "did you mean level"),
    ("title-10mb-control", lambda: js(report(title="가" * 3_000_000 + "\u0001")), "U+0001"),
    ("huge-unknown-key", lambda: js({**report(), "k" * 1_000_000: 1}), "unknown field"),
    ("bom-utf8", b"\xef\xbb\xbf" + REPORT, ""),
]

for _id, _data, _msg in _JSON_CASES:
    _ok = _msg == ""
    case(id=f"json-render-{_id}", category="json", argv=_render, files={"in.json": _data},
         exit=0 if _ok else 2, message=_msg, absent=() if _ok else ("out.docx",))
for _id in ("colspan-billion", "json-depth-100000", "cp949", "lone-surrogate-escape",
            "surrogate-in-literal", "title-10mb-control", "int-5000-digits", "grid-area"):
    _data, _msg = next((d, m) for i, d, m in _JSON_CASES if i == _id)
    case(id=f"json-validate-{_id}", category="json", argv=_validate, files={"in.json": _data},
         exit=2, message=_msg)
    case(id=f"json-hwpx-{_id}", category="json", argv=_render_hwpx, files={"in.json": _data},
         exit=2, message=_msg, absent=("out.hwpx",))
case(id="json-batch-mixed", category="json",
     argv=["batch", f"{W}/in", "-o", f"{W}/out", "--jobs", "1"],
     files={"in/a.json": REPORT, "in/b.json": json.dumps(report(), ensure_ascii=False)
            .encode("cp949"), "in/c.json": js(report([table([[{"value": 1,
                                                                "colspan": 10**9}]])]))},
     exit=1, message="CP949", absent=("out/b.docx", "out/c.docx"))
case(id="json-long-title-renders", category="json", argv=_render,
     files={"in.json": js(report(title="제목" * 400))}, exit=0)
case(id="json-input-limit", category="json", argv=[*_render, "--limit", "input_mb=0.001"],
     files={"in.json": js(report(title="x" * 5000))}, exit=2, message="larger than",
     absent=("out.docx",))
case(id="json-dev-zero", category="json",
     argv=["render", "/dev/zero", "-o", f"{W}/out.docx", "--limit", "input_mb=4"],
     exit=2, message="no such file", absent=("out.docx",))
case(id="json-validate-dev-zero", category="json",
     argv=["validate", "/dev/zero", "--limit", "input_mb=4"], exit=2, message="")


def _nested_items(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "item", "text": "끝"}
    for _ in range(depth):
        node = {"type": "item", "text": "단계", "children": [node]}
    return node


# --------------------------------------------------------------------------- 2. templates

_PAYLOADS: list[tuple[str, str, str]] = [
    ("lipsum-million", "{{ lipsum(n=1000000) }}", "lipsum()"),
    ("range-billion", "{{ range(10**9)|list|length }}", "too large"),
    ("nested-range-output", "{% for i in range(100000) %}{% for j in range(100000) %}"
     "xxxxxxxxxxxxxxxx{% endfor %}{% endfor %}", "larger than 1 MB"),
    ("nested-range-silent", "{% for i in range(100000) %}{% for j in range(100000) %}"
     "{% endfor %}{% endfor %}", "longer than 2 s"),
    ("repeat-3e9", "{{ 'x' * 3000000000 }}", "larger than"),
    ("list-repeat", "{{ ([1] * 10**9)|length }}", "larger than"),
    ("ljust", "{{ 'x'.ljust(10**9) }}", "width of 1000000000"),
    ("center-filter", "{{ 'x'|center(10**9) }}", "width of 1000000000"),
    ("indent-filter", "{{ 'x\ny'|indent(10**9) }}", "width of 1000000000"),
    ("percent-width", "{{ '%999999999d' % 1 }}", "format width"),
    ("percent-star", "{{ '%*d' % (999999999, 1) }}", "format width"),
    ("format-filter", "{{ '%0999999999d'|format(1) }}", "format width"),
    ("brace-width", "{{ '{:>999999999}'.format(1) }}", "format width"),
    ("brace-nested", "{{ '{:>{w}}'.format(1, w=999999999) }}", "format width"),
    ("batch-fill", "{{ [1]|batch(10**9, 'x')|list }}", "batch size"),
    ("slice", "{{ [1]|slice(10**9)|list }}", "slice count"),
    ("pow", "{{ 7 ** 10000000 }}", "power of more than"),
    ("square-loop", "{% set ns = namespace(x=3) %}{% for i in range(64) %}"
     "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}", "product of more than"),
    ("concat-doubling", "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "larger than"),
    ("plus-doubling", "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
     "{% set ns.s = ns.s + ns.s %}{% endfor %}", "larger than"),
    ("set-block-memory", "{% set x %}{% for i in range(100000) %}{% for j in range(100000) %}"
     "aaaaaaaa{% endfor %}{% endfor %}{% endset %}", "to fill"),
    ("replace-blowup", "{{ ('a' * 100000)|replace('a', 'b' * 100000) }}", "replaced string"),
    ("decimals", "{{ 1|num(decimals=10**9) }}", "decimals=1000000000"),
    ("recursive-macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
     "recurses too deeply"),
    ("include", "{% include 'x.docx' %}", "cannot include"),
    ("import", "{% import 'x' as y %}", "cannot include"),
    ("extends", "{% extends 'base' %}", "cannot include"),
    ("dunder", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("globals", "{{ lipsum.__globals__ }}", ""),  # undefined: prints nothing
    ("syntax", "{{ x + }}", "syntax error"),
    ("undefined-attr", "{{ nothing.at.all }}", "does not have"),
    ("zero-division", "{{ 1 / 0 }}", "ZeroDivisionError"),
    ("int-overflow", "{{ 10.0 ** 400 }}", "too large"),
    ("int-str-limit", "{{ ('9' * 5000)|int }}", ""),
]

for _id, _src, _msg in _PAYLOADS:
    for _fmt in ("docx", "hwpx"):
        _files: Files = {"in.json": FREE_DATA,
                         f"t.{_fmt}": (lambda s=_src: docx_template("머리", s)) if _fmt == "docx"
                         else (lambda s=_src: hwpx_template(s))}
        _ok = _msg == ""
        case(id=f"tpl-{_fmt}-{_id}", category="template",
             argv=["render", f"{W}/in.json", "--template", f"{W}/t.{_fmt}", "-o",
                   f"{W}/out.{_fmt}", "--limit", "render_seconds=2", "--limit", "output_mb=1"],
             files=_files, exit=0 if _ok else 1,
             message=_msg if _ok else f"t.{_fmt}", absent=() if _ok else (f"out.{_fmt}",))
        if not _ok:
            CASES[-1].message = _msg
            CASES.append(Case(id=f"tpl-{_fmt}-{_id}-names-template", category="template",
                              argv=CASES[-1].argv, files=_files, exit=1,
                              message=f"t.{_fmt}", absent=(f"out.{_fmt}",)))

_SHIPPED_DOCX = "report.docx"


def _shipped(family: str) -> bytes:
    from govreport.app.shipped_templates import shipped_path

    return shipped_path("report", family).read_bytes()  # type: ignore[arg-type]


_ZIP_CASES: list[tuple[str, str, Callable[[], bytes], str, int]] = [
    ("docx-document-bomb", "docx", lambda: with_bomb(docx_template("x"), "word/document.xml",
                                                      BIG), "unpacks to", 1),
    ("docx-styles-bomb", "docx", lambda: with_bomb(_shipped("docx"), "word/styles.xml", BIG),
     "unpacks to", 1),
    ("docx-unused-bomb", "docx", lambda: with_bomb(_shipped("docx"), "junk.bin", BIG),
     "unpacks to", 1),
    ("hwpx-section-bomb", "hwpx", lambda: with_bomb(_shipped("hwpx"), "Contents/section0.xml",
                                                     BIG), "unpacks to", 1),
    ("hwpx-unused-bomb", "hwpx", lambda: with_bomb(_shipped("hwpx"), "BinData/x.bin", BIG),
     "unpacks to", 1),
    ("docx-many-entries", "docx", lambda: many_entries(_shipped("docx"), 2500),
     "files inside", 1),
    ("hwpx-many-entries", "hwpx", lambda: many_entries(_shipped("hwpx"), 2500),
     "files inside", 1),
    ("docx-not-zip", "docx", lambda: b"PK\x03\x04 not really", "not a readable", 1),
    ("hwpx-not-zip", "hwpx", lambda: b"hello", "not a readable", 1),
    ("docx-truncated", "docx", lambda: _shipped("docx")[:3000], "not a readable", 1),
    ("hwpx-truncated", "hwpx", lambda: _shipped("hwpx")[:3000], "not a readable", 1),
    ("hwpx-bad-section-xml", "hwpx", lambda: replace_part(
        _shipped("hwpx"), "Contents/section0.xml", lambda x: x[:200]), "", 1),
    ("hwpx-no-header", "hwpx", lambda: zip_without(_shipped("hwpx"), "Contents/header.xml"),
     "not an HWPX package", 1),
    ("docx-bad-document-xml", "docx", lambda: replace_part(
        _shipped("docx"), "word/document.xml", lambda x: x[:300]), "not a readable", 1),
    ("docx-empty-zip", "docx", lambda: _empty_zip(), "not a readable", 1),
]


def zip_without(data: bytes, name: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if info.filename != name:
                out.writestr(info, src.read(info.filename))
    return buf.getvalue()


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w").close()
    return buf.getvalue()


for _id, _fmt, _make, _msg, _exit in _ZIP_CASES:
    for _input, _name in ((REPORT, "report"), (FREE_DATA, "free")):
        if _name == "free" and "bomb" not in _id and "entries" not in _id:
            continue
        case(id=f"zip-{_id}-{_name}", category="template",
             argv=["render", f"{W}/in.json", "--template", f"{W}/t.{_fmt}", "-o",
                   f"{W}/out.{_fmt}"],
             files={"in.json": _input, f"t.{_fmt}": _make}, exit=_exit,
             message=_msg or f"t.{_fmt}", absent=(f"out.{_fmt}",))

case(id="tpl-docx-control-char-kept", category="template",
     argv=["render", f"{W}/in.json", "--template", f"{W}/t.docx", "-o", f"{W}/out.docx"],
     files={"in.json": FREE_DATA, "t.docx": lambda: docx_template("[{{ s }}]")}, exit=0)
case(id="tpl-hwpx-control-char-kept", category="template",
     argv=["render", f"{W}/in.json", "--template", f"{W}/t.hwpx", "-o", f"{W}/out.hwpx"],
     files={"in.json": FREE_DATA, "t.hwpx": lambda: hwpx_template("[{{ s }}]")}, exit=0)
case(id="tpl-bomb-batch", category="template",
     argv=["batch", f"{W}/in", "-o", f"{W}/out", "--jobs", "1", "--template", f"{W}/t.docx"],
     files={"in/a.json": FREE_DATA, "t.docx": lambda: with_bomb(docx_template("{{ n }}"),
                                                                "word/document.xml", BIG)},
     exit=1, message="unpacks to", absent=("out/a.docx",))

# --------------------------------------------------------------------------- 3. CLI and files

case(id="cli-missing-input", category="cli", argv=["render", f"{W}/nope.json", "-o",
                                                   f"{W}/o.docx"], exit=2,
     message="no such file", absent=("o.docx",))
case(id="cli-input-is-dir", category="cli", argv=["render", W, "-o", f"{W}/o.docx"], exit=2,
     message="", absent=("o.docx",))
case(id="cli-output-is-dir", category="cli", argv=["render", f"{W}/in.json", "-o", f"{W}/d.docx"],
     files={"in.json": REPORT, "d.docx/x": b""}, exit=2, message="is a folder")
case(id="cli-output-exists", category="cli", argv=["render", f"{W}/in.json", "-o", f"{W}/o.docx"],
     files={"in.json": REPORT, "o.docx": b"keep"}, exit=2, message="file exists")
case(id="cli-unknown-suffix", category="cli", argv=["render", f"{W}/in.json", "-o",
                                                    f"{W}/o.txt"],
     files={"in.json": REPORT}, exit=2, message="unknown output type", absent=("o.txt",))
case(id="cli-limit-syntax", category="cli", argv=[*_render, "--limit", "fast"],
     files={"in.json": REPORT}, exit=2, message="NAME=VALUE", absent=("out.docx",))
case(id="cli-limit-unknown", category="cli", argv=[*_render, "--limit", "speed=3"],
     files={"in.json": REPORT}, exit=2, message="NAME=VALUE", absent=("out.docx",))
case(id="cli-limit-negative", category="cli", argv=[*_render, "--limit", "input_mb=-1"],
     files={"in.json": REPORT}, exit=2, message="positive", absent=("out.docx",))
case(id="cli-limit-not-number", category="cli", argv=[*_render, "--limit", "input_mb=lots"],
     files={"in.json": REPORT}, exit=2, message="not a number", absent=("out.docx",))
case(id="cli-limit-nan", category="cli", argv=[*_render, "--limit", "input_mb=nan"],
     files={"in.json": REPORT}, exit=2, message="positive", absent=("out.docx",))
case(id="cli-template-missing", category="cli",
     argv=[*_render, "--template", f"{W}/nope.docx"], files={"in.json": REPORT}, exit=2,
     message="template not found", absent=("out.docx",))
case(id="cli-template-odt", category="cli", argv=[*_render, "--template", "x.odt"],
     files={"in.json": REPORT}, exit=2, message="must be a .docx or .hwpx",
     absent=("out.docx",))
case(id="cli-template-wrong-family", category="cli",
     argv=[*_render, "--template", "report.hwpx"], files={"in.json": REPORT}, exit=2,
     message="no output of that type", absent=("out.docx",))
case(id="cli-export-unknown", category="cli",
     argv=["template", "export", "nope", "-o", f"{W}/t.docx"], exit=2,
     message="no shipped template", absent=("t.docx",))
case(id="cli-export-pdf", category="cli",
     argv=["template", "export", "report", "-o", f"{W}/t.pdf"], exit=2,
     message="must end in .docx or .hwpx", absent=("t.pdf",))
case(id="cli-export-exists", category="cli",
     argv=["template", "export", "report", "-o", f"{W}/t.docx"], files={"t.docx": b"keep"},
     exit=2, message="file exists")
case(id="cli-validate-surrogate-json", category="cli",
     argv=["validate", "--format", "json", f"{W}/in.json"],
     files={"in.json": js(report(title="\\ud800")).replace(b"\\\\ud800", b"\\ud800")},
     exit=2, message="U+D800")
case(id="cli-validate-surrogate-filename", category="cli",
     argv=["validate", f"{W}/in.json"],
     files={"in.json": js({"meta": {"title": "t", "org": "o", "date": "2025-04",
                                    "kind\\udc80": 1}, "parts": []})
            .replace(b"\\\\udc80", b"\\udc80")}, exit=2, message="unknown field")
case(id="cli-many-problems-capped", category="cli", argv=["validate", f"{W}/in.json"],
     files={"in.json": lambda: js(report([{"type": "item", "text": "a", f"k{i}": 1}
                                          for i in range(1000)]))},
     exit=2, message="more problems")
case(id="cli-huge-message-bounded", category="cli", argv=_render,
     files={"in.json": lambda: js(report(date="2025-" + "9" * 5_000_000))}, exit=2,
     message="characters)", absent=("out.docx",))
case(id="cli-batch-no-input", category="cli", argv=["batch", f"{W}/none", "-o", f"{W}/out"],
     exit=2, message="no such file or folder")
case(id="cli-batch-bad-format", category="cli", argv=["batch", f"{W}/in", "-o", f"{W}/out",
                                                      "--to", "exe"],
     files={"in/a.json": REPORT}, exit=2, message="unknown format")
case(id="cli-batch-jobs-zero", category="cli", argv=["batch", f"{W}/in", "-o", f"{W}/out",
                                                     "--jobs", "0"],
     files={"in/a.json": REPORT}, exit=2, message="")
case(id="cli-batch-clash", category="cli", argv=["batch", f"{W}/a", f"{W}/b", "-o",
                                                 f"{W}/out"],
     files={"a/x.json": REPORT, "b/x.json": REPORT}, exit=2, message="clash")
case(id="cli-odd-filename", category="cli",
     argv=["render", f"{W}/보고 서\n.json", "-o", f"{W}/결과 (1).docx"],
     files={"보고 서\n.json": REPORT}, exit=0)
case(id="cli-free-data-no-template", category="cli", argv=_render, files={"in.json": FREE_DATA},
     exit=2, message="not a report", absent=("out.docx",))
case(id="cli-free-data-report-template", category="cli",
     argv=[*_render, "--template", "report"], files={"in.json": FREE_DATA}, exit=2,
     message="takes a report", absent=("out.docx",))
case(id="cli-symlink-loop", category="cli", argv=["render", f"{W}/loop.json", "-o",
                                                  f"{W}/o.docx"],
     exit=2, message="", absent=("o.docx",))
case(id="cli-theme-missing", category="cli", argv=[*_render, "--theme", f"{W}/none.toml"],
     files={"in.json": REPORT}, exit=2, message="theme file not found", absent=("out.docx",))
case(id="cli-theme-garbage", category="cli", argv=[*_render, "--theme", f"{W}/t.toml"],
     files={"in.json": REPORT, "t.toml": b"\xff\xfe = = ["}, exit=2, message="",
     absent=("out.docx",))
case(id="cli-locale-garbage", category="cli", argv=[*_render, "--locale", "../../etc"],
     files={"in.json": REPORT}, exit=2, message="unknown locale", absent=("out.docx",))
case(id="cli-two-outputs-one-bad-template", category="cli",
     argv=["render", f"{W}/in.json", "-o", f"{W}/a.docx", "-o", f"{W}/a.hwpx", "--template",
           f"{W}/t.hwpx"],
     files={"in.json": REPORT, "t.hwpx": b"junk"}, exit=1, message="not a readable",
     absent=("a.docx", "a.hwpx"))

case(id="cli-import-bomb-hwpx", category="cli",
     argv=["import", f"{W}/old.hwpx", "-o", f"{W}/old.json"],
     files={"old.hwpx": lambda: with_bomb(_shipped("hwpx"), "BinData/x.bin", BIG)}, exit=2,
     message="unpacks to", absent=("old.json",))
case(id="cli-render-bomb-docx-input", category="cli",
     argv=["render", f"{W}/old.docx", "-o", f"{W}/new.hwpx"],
     files={"old.docx": lambda: with_bomb(_shipped("docx"), "word/styles.xml", BIG)}, exit=2,
     message="unpacks to", absent=("new.hwpx",))

# --------------------------------------------------------------------------- 4. library misuse


def lib(id: str, call: Callable[[Path], Any], raises: tuple[str, ...], message: str = "",
        absent: tuple[str, ...] = ()) -> None:
    case(id=f"lib-{id}", category="library", call=call, raises=raises, message=message,
         absent=absent)


def _g() -> Any:
    import govreport

    return govreport


def _m() -> Any:
    import govreport.model as m

    return m


lib("render-int-source", lambda w: _g().render(123, w / "o.docx"), ("RenderError",),
    "not a report", ("o.docx",))
lib("render-object-source", lambda w: _g().render(object(), w / "o.docx"), ("TypeError",),
    "must be a Report", ("o.docx",))
lib("render-bad-suffix", lambda w: _g().render(_g().loads(REPORT), w / "o.txt"),
    ("RenderError",), "unknown output type", ("o.txt",))
lib("loads-bytes-garbage", lambda w: _g().loads(b"\xff\xfe\xfd"), ("ValidationError",), "")
lib("loads-list", lambda w: _g().loads("[]"), ("ValidationError",), "JSON object")
lib("loads-too-big", lambda w: _g().loads(REPORT, limits=_limits(input_mb=0.0001)),
    ("ValidationError",), "larger than")
lib("load-dev-zero", lambda w: _g().load("/dev/zero", limits=_limits(input_mb=2)),
    ("ValidationError",), "larger than")
lib("load-directory", lambda w: _g().load(w), ("ValidationError",), "cannot read")
lib("load-missing", lambda w: _g().load(w / "none.json"), ("ValidationError",),
    "cannot read")
lib("limits-negative", lambda w: _limits(render_seconds=-1), ("LimitError",), "positive")
lib("limits-string", lambda w: _limits(input_mb="10"), ("LimitError",), "positive")
lib("render-bytes-missing-template",
    lambda w: _render_bytes(_g().loads(REPORT), "docx", template=w / "t.docx"),
    ("RenderError",), "template not found")
lib("render-bytes-free-no-template", lambda w: _render_bytes({"a": 1}, "docx"),
    ("RenderError",), "not a report")
lib("render-colspan-no-check",
    lambda w: _render_bytes(_table_report(_m().Cell(value="a", colspan=10**9)), "docx",
                            check=False), ("GridError", "RenderError", "ValidationError"),
    "wider than 1000")
lib("render-colspan-checked",
    lambda w: _g().render(_table_report(_m().Cell(value="a", colspan=10**9)), w / "o.docx"),
    ("ValidationError",), "wider than 1000", ("o.docx",))
lib("render-template-timeout",
    lambda w: _render_bytes({"a": 1}, "docx", template=_write(w / "t.docx", docx_template(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")),
        limits=_limits(render_seconds=1)), ("RenderError",), "longer than 1 s")
lib("render-string-limit", lambda w: _render_string("{{ 'x' * 10**10 }}"), ("RenderError",),
    "larger than")
lib("structure-none", lambda w: _structure(None), ("ValidationError",), "JSON object")
lib("check-deep-python", lambda w: _g().check(_deep_report(200)), (),
    "")
lib("dumps-deep-python", lambda w: _g().render(_deep_report(200), w / "o.docx"),
    ("ValidationError",), "nested more than", ("o.docx",))
lib("load-source-cp949", lambda w: _load_source(_write(w / "a.json", json.dumps(
    report(), ensure_ascii=False).encode("cp949"))), ("ValidationError",), "CP949")
lib("load-source-bigint", lambda w: _load_source(_write(w / "a.json", b"[" + b"1" * 5000
                                                         + b"]")), ("ValidationError",),
    "4300 digits")
lib("run-batch-bad-format", lambda w: _run_batch([], w, "exe"), ("BatchInputError",),
    "unknown format")


lib("table-list-rows-render", lambda w: _g().render(_table_report_rows([["a", "b"]]),
                                                    w / "o.docx"), (), "")
lib("item-count-int", lambda w: _g().render(_report_blocks(_m().Item(text="a", count=42)),
                                            w / "o.hwpx"), (), "")
lib("cell-decimal", lambda w: _g().render(_table_report(_m().Cell(value=Decimal("1.5"))),
                                          w / "o.docx"), (), "")
lib("blocks-with-ints", lambda w: _m().Section(title="s", blocks=[1, 2, _m().Item(text="a")]),
    ("TypeError",), "is not a block")
lib("parts-string", lambda w: _m().Report(meta=_m().Meta(title="t", org="o", date="2025-04"),
                                          parts="abc"), ("TypeError",), "is not a Part")
lib("item-text-int", lambda w: _m().Item(text=3), ("TypeError",), "Item.text")
lib("cell-bool", lambda w: _m().Cell(value=True), ("TypeError",), "Cell.value")
lib("cell-align-surrogate", lambda w: _m().Cell(value="a", align="\udfff"), ("TypeError",),
    "is not one of")
lib("quantity-string", lambda w: _m().Item(text="a", count="many"), ("TypeError",),
    "Item.count")
lib("meta-date-int", lambda w: _m().Meta(title="t", org="o", date=2025), ("TypeError",),
    "Meta.date")
lib("meta-date-bad", lambda w: _m().Meta(title="t", org="o", date="2025-02-30"),
    ("DateFormatError",), "not a valid date")
lib("block-dict-bad", lambda w: _m().Section(title="s", blocks=[{"type": "item", "text": 5}]),
    ("TypeError",), "blocks[0].text: 5 (int) is not a str")
lib("check-not-report", lambda w: _g().check({"meta": {}}), ("TypeError",), "takes a Report")
lib("render-long-title", lambda w: _g().render(_report_blocks(_m().Item(text="a"),
                                                              title="제" * 10_000),
                                               w / "o.docx"), (), "")


def _table_report_rows(rows: Any) -> Any:
    m = _m()
    return _report_blocks(m.Table(rows=rows))


def _report_blocks(*blocks: Any, title: str = "t") -> Any:
    m = _m()
    return m.Report(meta=m.Meta(title=title, org="o", date="2025-04"), parts=[m.Part(
        title="p", sections=[m.Section(title="s", blocks=list(blocks))])])


def _limits(**kw: Any) -> Any:
    from govreport.support.limits import Limits

    return Limits(**kw)


def _render_bytes(*args: Any, **kw: Any) -> Any:
    from govreport.app.render import render_bytes

    return render_bytes(*args, **kw)


def _render_string(src: str) -> Any:
    from govreport.freeform.templating import render_string

    return render_string(src, {})


def _structure(data: Any) -> Any:
    from govreport.codec.converter import structure

    return structure(data)


def _load_source(path: Path) -> Any:
    from govreport.app.render import load_source

    return load_source(path)


def _run_batch(*args: Any) -> Any:
    from govreport.app.batch import run_batch

    return run_batch(*args)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _table_report(cell: Any) -> Any:
    m = _m()
    return m.Report(meta=m.Meta(title="t", org="o", date="2025-04"), parts=[m.Part(
        title="p", sections=[m.Section(title="s", blocks=[m.Table(rows=[m.Row(cells=[cell])])])])])


def _deep_report(depth: int) -> Any:
    m = _m()
    node = m.Item(text="끝")
    for _ in range(depth):
        node = m.Item(text="단계", children=[node])
    return m.Report(meta=m.Meta(title="t", org="o", date="2025-04"), parts=[m.Part(
        title="p", sections=[m.Section(title="s", blocks=[node])])])


# --------------------------------------------------------------------------- 5. new surfaces
# Readers, charts, outputs, limits and the PDF converter (issue 23): damaged and hostile
# documents, declared counts, concurrent writers, planted symlinks, killed conversions.

_CHART = {"type": "chart", "kind": "bar", "categories": ["가", "나"],
          "series": [{"name": "건수", "values": [1, 2]}]}
_DOCS: dict[str, bytes] = {}


def our_doc(fmt: str) -> bytes:
    """A report with a 2×2 table and a native chart, rendered by govreport (cached)."""
    if fmt not in _DOCS:
        from govreport import loads
        from govreport.app.render import render_bytes

        r = loads(js(report([_CHART, table([["구분", "값"], ["가", "1"]])])))
        _DOCS[fmt] = render_bytes(r, fmt)  # type: ignore[arg-type]
    return _DOCS[fmt]


def _central(data: bytes, name: str) -> int:
    """Offset of ``name``'s record in the zip's central directory."""
    z = zipfile.ZipFile(io.BytesIO(data))
    pos = z.start_dir  # type: ignore[attr-defined]
    while data[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = (int.from_bytes(data[pos + o:pos + o + 2], "little") for o in (28, 30, 32))
        if data[pos + 46:pos + 46 + n].decode() == name:
            return pos
        pos += 46 + n + m + k
    raise KeyError(name)


def zip_patched(data: bytes, name: str, how: str) -> bytes:
    """``data`` with entry ``name`` damaged: ``crc`` (a wrong checksum), ``encrypted`` (the
    flag set), ``method`` (compression 99), ``deflate`` (garbage in the compressed bytes)."""
    b = bytearray(data)
    cen = _central(data, name)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    local = info.header_offset
    if how == "crc":
        b[cen + 16:cen + 20] = (info.CRC ^ 0xFFFF).to_bytes(4, "little")
    elif how == "encrypted":
        for at in (cen + 8, local + 6):
            b[at] |= 1
    elif how == "method":
        for at in (cen + 10, local + 8):
            b[at:at + 2] = (99).to_bytes(2, "little")
    elif how == "deflate":
        n, m = (int.from_bytes(data[local + o:local + o + 2], "little") for o in (26, 28))
        start = local + 30 + n + m
        b[start + 2:start + 40] = b"\xff" * 38
    return bytes(b)


def doc_part(fmt: str, name: str, fn: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    return lambda: replace_part(our_doc(fmt), name, fn)


_SEC, _DOCXML = "Contents/section0.xml", "word/document.xml"
_DOCTYPE = b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY e "boom">]>'


def _with_doctype(xml: bytes) -> bytes:
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return _DOCTYPE + body.replace(b"\xea\xb5\xac\xeb\xb6\x84", b"&e;", 1)  # 구분 → &e;


def _many_paragraphs(xml: bytes, n: int = 210_000) -> bytes:
    para = b'<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"/></hp:p>'
    head, _, tail = xml.rpartition(b"</hs:sec>")
    return head + para * n + b"</hs:sec>" + tail


def _first(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def fn(xml: bytes) -> bytes:
        assert old in xml, old
        return xml.replace(old, new, 1)
    return fn


_import = ["import", f"{W}/in.{{fmt}}", "-o", f"{W}/out.json"]


def _reader_case(id: str, fmt: str, data: Callable[[], bytes], exit: int, message: str,
                 **kw: Any) -> None:
    case(id=f"reader-{fmt}-{id}", category="reader",
         argv=[a.replace("{fmt}", fmt) for a in _import], files={f"in.{fmt}": data},
         exit=exit, message=message, absent=() if exit == 0 else ("out.json",), **kw)


for _fmt, _part in (("hwpx", _SEC), ("docx", _DOCXML)):
    _reader_case("bad-crc", _fmt, lambda f=_fmt, p=_part: zip_patched(our_doc(f), p, "crc"),
                 2, f"{_part}: the part is damaged")
    _reader_case("encrypted", _fmt,
                 lambda f=_fmt, p=_part: zip_patched(our_doc(f), p, "encrypted"), 2,
                 f"{_part}: the part is encrypted")
    _reader_case("unknown-compression", _fmt,
                 lambda f=_fmt, p=_part: zip_patched(our_doc(f), p, "method"), 2,
                 f"{_part}: unknown compression method")
    _reader_case("bad-deflate", _fmt,
                 lambda f=_fmt, p=_part: zip_patched(our_doc(f), p, "deflate"), 2,
                 f"{_part}: the part")
    _reader_case("doctype-entity", _fmt, doc_part(_fmt, _part, _with_doctype), 2,
                 f"{_part}: an XML part with a DOCTYPE")
    _reader_case("input-limit", _fmt, lambda f=_fmt: our_doc(f), 2, "larger than 0.001 MB")
    CASES[-1].argv = [*(CASES[-1].argv or []), "--limit", "input_mb=0.001"]

_reader_case("rowaddr-zero", "hwpx", doc_part("hwpx", _SEC, _first(
    b'rowAddr="1"', b'rowAddr="zero"')), 2, "cellAddr rowAddr='zero' is not a whole number")
_reader_case("colspan-two", "hwpx", doc_part("hwpx", _SEC, _first(
    b'colSpan="1"', b'colSpan="two"')), 2, "cellSpan colSpan='two' is not a whole number")
_reader_case("colspan-million", "hwpx", doc_part("hwpx", _SEC, _first(
    b'colSpan="1"', b'colSpan="1000000"')), 2, "more than 1,000 (limit table_columns")
_reader_case("rowspan-million", "hwpx", doc_part("hwpx", _SEC, _first(
    b'rowSpan="1"', b'rowSpan="1000000"')), 0, "rowSpan 1000000 reaches past")
_reader_case("rowcnt-30m", "hwpx", doc_part("hwpx", _SEC, _first(
    b'rowCnt="2" colCnt="2"', b'rowCnt="30000000" colCnt="2"')), 0,
    "rowCnt says 30,000,000; the cells fill 2")
_reader_case("rowaddr-30m", "hwpx", doc_part("hwpx", _SEC, _first(
    b'rowAddr="1"', b'rowAddr="30000000"')), 0, "rowAddr 30000000 is outside")
_reader_case("page-width-wide", "hwpx", doc_part("hwpx", _SEC, lambda x: re.sub(
    rb'(<hp:pagePr[^>]*?) width="\d+"', rb'\1 width="wide"', x, count=1)), 2,
    "pagePr width='wide' is not a length")
_reader_case("indent-decimal", "hwpx", doc_part("hwpx", "Contents/header.xml", lambda x: re.sub(
    rb'(<hc:intent value=")-?\d+', rb"\g<1>1.5", x, count=1)), 0, "")
_reader_case("chart-ptcount-3x", "hwpx", doc_part("hwpx", "Chart/chart1.xml", _first(
    b'<c:ptCount val="2"/>', b'<c:ptCount val="3x"/>')), 0,
    "a chart is not read (ptCount '3x' is not a whole number)")
_reader_case("chart-ptcount-300m", "hwpx", doc_part("hwpx", "Chart/chart1.xml", _first(
    b'<c:ptCount val="2"/>', b'<c:ptCount val="300000000"/>')), 0,
    "ptCount 300,000,000 is more than 10,000 points")
_reader_case("chart-ptcount-300m", "docx", doc_part("docx", "word/charts/chart1.xml", _first(
    b'<c:ptCount val="2"/>', b'<c:ptCount val="300000000"/>')), 0,
    "ptCount 300,000,000 is more than 10,000 points")
_reader_case("many-paragraphs", "hwpx", doc_part("hwpx", _SEC, _many_paragraphs), 2,
             "more than 200,000 paragraphs")
_reader_case("many-paragraphs", "docx", doc_part("docx", _DOCXML, lambda x: re.sub(
    rb"(<w:body[^>]*>)", lambda m: m.group(1) + b"<w:p/>" * 210_000, x, count=1)), 2,
    "more than 200,000 paragraphs")
_reader_case("gridspan-two", "docx", doc_part("docx", _DOCXML, _first(
    b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="two"/>')), 2,
    "gridSpan 'two' is not a whole number")
_reader_case("gridspan-million", "docx", doc_part("docx", _DOCXML, _first(
    b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000000"/>')), 2,
    "more than 1,000 (limit table_columns")
case(id="reader-txt-input-limit", category="reader",
     argv=["import", f"{W}/in.txt", "-o", f"{W}/out.json", "--limit", "input_mb=0.01"],
     files={"in.txt": ("□ 추진\n" * 5000).encode()}, exit=2, message="larger than 0.01 MB",
     absent=("out.json",))


def _nan_chart(xml: bytes) -> bytes:
    return re.sub(rb"(<c:numCache>.*?<c:v>)[^<]*", rb"\1NaN", xml, count=1, flags=re.S) \
        .replace(b"<c:v>2</c:v>", b"<c:v>-Infinity</c:v>", 1)


def _json_has_no_nan(w: Path) -> None:
    text = (w / "out.json").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text, "NaN/Infinity written into JSON"
    from govreport import load

    load(w / "out.json")  # what import wrote loads back


for _id, _digits in (("decimal-inf", "9" * 400 + ".5"), ("int-400-digits", "9" * 400)):
    case(id=f"reader-txt-number-{_id}", category="reader",
         argv=["import", f"{W}/in.txt", "-o", f"{W}/out.json"],
         files={"in.txt": f"□ 표\n| 구분 | 값 |\n|---|---|\n| 가 | {_digits} |\n".encode()},
         exit=0, check=_json_has_no_nan)

for _fmt, _chart in (("hwpx", "Chart/chart1.xml"), ("docx", "word/charts/chart1.xml")):
    _reader_case("chart-nan", _fmt, doc_part(_fmt, _chart, _nan_chart), 0,
                 "is not a finite number of a report; read as empty", check=_json_has_no_nan)


# outputs: an exclusive claim without --force, write errors naming the real file


def _race(w: Path) -> None:
    """Four concurrent renders to one path without --force: one writes, three are refused."""
    import subprocess

    (w / "in.json").write_bytes(REPORT)
    cmd = [sys.executable, "-m", "govreport", "render", str(w / "in.json"), "-o",
           str(w / "out.docx")]
    env = {**os.environ, "GOVREPORT_DEBUG": ""}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for _ in range(4)]
    results = [(p.wait(60), p.stderr.read().decode() if p.stderr else "") for p in procs]
    codes = sorted(rc for rc, _ in results)
    assert codes == [0, 2, 2, 2], results
    assert all("file exists (use --force" in err for rc, err in results if rc == 2), results


case(id="out-concurrent-renders-one-wins", category="output", call=_race, seconds=60)


def _write_too_big(w: Path) -> None:
    """A write that fails half-way (the file-size limit): the error names the output."""
    import signal

    old = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, old[1]))
    try:
        _g().render(_g().loads(REPORT), w / "o.docx")
    except OSError as exc:
        assert ".tmp" not in str(exc) and str(w / "o.docx") in str(exc), str(exc)
        raise
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old)
        signal.signal(signal.SIGXFSZ, handler)


lib("write-error-names-output", _write_too_big, ("OSError",), "o.docx", ("o.docx",))
case(id="out-parent-is-a-file", category="output",
     argv=["render", f"{W}/in.json", "-o", f"{W}/in.json/o.docx"], files={"in.json": REPORT},
     exit=1, message="in.json: not a folder")


def _evil_template(fam: str) -> bytes:
    data = _shipped(fam)
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            payload = src.read(info)
            if info.filename == "[Content_Types].xml":
                payload = payload.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml").replace(
                    b"</Types>", b'<Default Extension="bin" '
                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            if info.filename == "word/_rels/document.xml.rels":
                payload = payload.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/'
                    b'2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                    b"</Relationships>"))
            out.writestr(info, payload)
        for name in ("../../../../tmp/govreport-attack-x", "/tmp/govreport-attack-y",
                     "a/./b.xml", "c\\..\\d.xml"):
            out.writestr(name, b"evil")
        if fam == "docx":
            out.writestr("word/vbaProject.bin", b"macro")
    return buf.getvalue()


def _output_is_clean(name: str) -> Callable[[Path], None]:
    def check(w: Path) -> None:
        with zipfile.ZipFile(w / name) as z:
            names = z.namelist()
            bad = [n for n in names if n.startswith("/") or ".." in n or "\\" in n
                   or "vba" in n.lower() or "/./" in n]
            assert not bad, bad
            if name.endswith(".docx"):
                types = z.read("[Content_Types].xml").decode()
                rels = z.read("word/_rels/document.xml.rels").decode()
                assert "macroEnabled" not in types and "vbaProject" not in types, types
                assert "vbaProject" not in rels, rels
        for stray in ("/tmp/govreport-attack-x", "/tmp/govreport-attack-y"):
            assert not Path(stray).exists(), stray
    return check


def _evil_report(fam: str) -> Callable[[], bytes]:
    return lambda: _evil_template(fam)


def _evil_free(fam: str) -> Callable[[], bytes]:
    part = "word/document.xml" if fam == "docx" else _SEC
    return lambda: replace_part(_evil_template(fam), part,
                                lambda x: x.replace(b"{{ body }}", b"{{ title }}"))


for _fam in ("docx", "hwpx"):
    for _input, _name in ((REPORT, "report"), (FREE_DATA, "free")):
        _tpl = _evil_free(_fam) if _name == "free" else _evil_report(_fam)
        case(id=f"tpl-{_fam}-entries-outside-{_name}", category="template",
             argv=["render", f"{W}/in.json", "--template", f"{W}/t.{_fam}", "-o",
                   f"{W}/out.{_fam}"], files={"in.json": _input, f"t.{_fam}": _tpl}, exit=0,
             message="left out (a name reaching outside the package)",
             check=_output_is_clean(f"out.{_fam}"))
case(id="tpl-docx-macro-dropped", category="template",
     argv=["render", f"{W}/in.json", "--template", f"{W}/t.docx", "-o", f"{W}/out.docx"],
     files={"in.json": REPORT, "t.docx": lambda: _evil_template("docx")}, exit=0,
     message="'word/vbaProject.bin' left out (a macro part)",
     check=_output_is_clean("out.docx"))

# limits: validated once, finite, in range, the option named

for _spec, _msg in (("input_mb=inf", "--limit input_mb must be a finite number"),
                    ("input_mb=1e308", "--limit input_mb=1e+308 is more than the largest"),
                    ("render_seconds=1e9", "--limit render_seconds=1e+09 is more than"),
                    ("pdf_seconds=-inf", "--limit pdf_seconds must be a positive number"),
                    ("table_columns=1.5", "--limit table_columns must be a whole number"),
                    ("read_memory_mb=1e-9", "--limit read_memory_mb=1e-09 is less than one"),
                    ("image_pixels=1e13", "--limit image_pixels=1e+13 is more than")):
    case(id=f"cli-limit-{_spec.replace('=', '-')}", category="cli",
         argv=[*_render, "--limit", _spec], files={"in.json": REPORT}, exit=2, message=_msg,
         absent=("out.docx",))
case(id="cli-limit-inf-with-template", category="cli",
     argv=[*_render, "--template", f"{W}/t.docx", "--limit", "render_seconds=inf"],
     files={"in.json": FREE_DATA, "t.docx": lambda: docx_template("{{ title }}")}, exit=2,
     message="--limit render_seconds must be a finite number", absent=("out.docx",))
case(id="cli-limit-scientific-accepted", category="cli",
     argv=[*_render, "--limit", "image_pixels=6e7", "--limit", "input_mb=1e6"],
     files={"in.json": REPORT}, exit=0)
lib("limits-inf", lambda w: _limits(input_mb=float("inf")), ("LimitError",), "finite number")
lib("limits-whole-float", lambda w: _assert(_limits(image_pixels=6e7).image_pixels == 60_000_000),
    (), "")


def _assert(ok: bool) -> None:
    assert ok


# globs: no endless walk through a symlink loop, a bound on the files one pattern matches


def _loops(w: Path) -> None:
    (w / "in" / "l1").symlink_to(".")
    (w / "in" / "sub").mkdir(exist_ok=True)
    (w / "in" / "sub" / "l2").symlink_to("..")


case(id="glob-batch-symlink-loop", category="cli",
     argv=["batch", f"{W}/in/**/*.json", "-o", f"{W}/out", "--jobs", "1"],
     files={"in/a.json": REPORT}, setup=_loops, exit=0, message="1 file")
case(id="glob-validate-symlink-loop", category="cli",
     argv=["validate", f"{W}/in/**/*.json"], files={"in/a.json": REPORT, "in/sub/b.json": REPORT},
     setup=_loops, exit=0, message="2 files")


def _too_many_matches(w: Path) -> Any:
    import govreport.app.batch as batch

    for i in range(5):
        (w / f"{i}.json").write_bytes(b"{}")
    old = batch.MAX_INPUT_FILES
    batch.MAX_INPUT_FILES = 3
    try:
        return batch.collect_inputs([str(w / "*.json")])
    finally:
        batch.MAX_INPUT_FILES = old


lib("glob-file-count-limit", _too_many_matches, ("BatchInputError",), "more than 3 files match")


# figures and charts: refused at validation with a message, never a drawing library's error


def _chart(**kw: Any) -> dict[str, Any]:
    return {**_CHART, **kw}


def _pie(values: list[Any], **kw: Any) -> dict[str, Any]:
    return _chart(kind="pie", series=[{"name": "s", "values": values}], **kw)


_CHART_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("pie-negative", _pie([3, -1]), "a pie chart cannot show negative values"),
    ("pie-zero", _pie([0, 0]), "a pie chart needs at least one value above zero"),
    ("pie-null", _pie([None, 2]), "a pie chart cannot show a missing value"),
    ("pie-negative-picture", _pie([3, -1], render="picture"),
     "a pie chart cannot show negative values"),
    ("pie-zero-picture", _pie([0, 0], render="picture"), "at least one value above zero"),
    ("series-5000", _chart(series=[{"name": f"s{i}", "values": [1, 2]} for i in range(5000)]),
     "5000 series are too many for a chart (at most 50)"),
    ("series-2000-picture", _chart(categories=[f"c{i}" for i in range(200)], render="picture",
                                   series=[{"name": f"s{i}", "values": [1] * 200}
                                           for i in range(2000)]),
     "2000 series are too many"),
    ("picture-200x50", _chart(categories=[f"c{i}" for i in range(200)], render="picture",
                              series=[{"name": f"s{i}", "values": [1] * 200}
                                      for i in range(50)]),
     "a chart drawn as a picture shows at most 2,000 values (200 categories × 50 series"),
    ("label-1mb", _chart(categories=["가" * 1_000_000, "나"]),
     "a category label of 1,000,000 characters is too long for a chart"),
    ("series-name-1mb", _chart(series=[{"name": "x" * 1_000_000, "values": [1, 2]}]),
     "a series name of 1,000,000 characters is too long"),
]
for _id, _block, _msg in _CHART_CASES:
    for _out in ("docx", "hwpx"):
        case(id=f"chart-{_id}-{_out}", category="figure",
             argv=["render", f"{W}/in.json", "-o", f"{W}/out.{_out}"],
             files={"in.json": js(report([_block]))}, exit=2, message=_msg,
             absent=(f"out.{_out}",))

case(id="chart-picture-bar-negative-and-zero-renders", category="figure",
     argv=["render", f"{W}/in.json", "-o", f"{W}/out.docx"],
     files={"in.json": js(report([_chart(render="picture", series=[
         {"name": "증감", "values": [-3, 2]}, {"name": "없음", "values": [0, 0]}])]))},
     exit=0)

_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" %s><rect width="5" height="5"/></svg>'
_FIGURE_CASES: list[tuple[str, bytes, str]] = [
    ("svg-width-nan", _SVG % b'width="nan" height="10"', "the SVG's size 'nan' is not a number"),
    ("svg-viewbox-inf", _SVG % b'viewBox="0 0 inf 5"', "is not a usable size"),
    ("svg-400-digits", _SVG % (b'width="' + b"9" * 400 + b'" height="10"'),
     "is not a usable size"),
    ("svg-filter-chain", _SVG.replace(b"<rect ", b'<filter id="f">' + b"".join(
        b'<feGaussianBlur stdDeviation="%d"/><feOffset dx="3" dy="3"/>' % (20 + i)
        for i in range(20)) + b'</filter><rect filter="url(#f)" ') % b'width="5000" '
     b'height="5000"', "MB of memory"),
]
for _id, _svg, _msg in _FIGURE_CASES:
    case(id=f"figure-{_id}", category="figure",
         argv=["render", f"{W}/in.json", "-o", f"{W}/out.docx"],
         files={"in.json": js(report([{"type": "figure", "src": "p.svg"}])), "p.svg": _svg},
         exit=2, message=_msg, absent=("out.docx",), seconds=30)


def _loop_picture(w: Path) -> None:
    (w / "loop.png").symlink_to(w / "loop.png")


case(id="figure-src-symlink-loop", category="figure",
     argv=["render", f"{W}/in.json", "-o", f"{W}/out.hwpx"],
     files={"in.json": js(report([{"type": "figure", "src": "loop.png"}]))},
     setup=_loop_picture, exit=2, message="loop.png: the picture path cannot be followed",
     absent=("out.hwpx",))
lib("figure-src-nul", lambda w: _g().render(_report_blocks(_m().Figure(src="a\x00b.png")),
                                            w / "o.docx"), ("ValidationError",),
    "a picture path cannot hold control characters", ("o.docx",))
lib("pie-negative-no-check", lambda w: _render_bytes(_report_blocks(_m().Chart(
    kind="pie", categories=("a", "b"), render="picture",
    series=(_m().ChartSeries(name="s", values=(3, -1)),))), "docx", check=False),
    ("RenderError",), "a pie chart needs values of 0 or more")


# free-form HWPX: the watchdog covers compiling and the fixes after the fill too

_HWPX_FREE = ["render", f"{W}/in.json", "--template", f"{W}/t.hwpx", "-o", f"{W}/out.hwpx",
              "--limit", "render_seconds=2"]
case(id="tpl-hwpx-million-newlines", category="template", argv=_HWPX_FREE,
     files={"in.json": FREE_DATA, "t.hwpx": lambda: hwpx_template("{{ '\\n' * 1000000 }}")},
     exit=1, message="took longer than 2 s to fill", absent=("out.hwpx",))
case(id="tpl-hwpx-tc-loop-100000", category="template", argv=_HWPX_FREE,
     files={"in.json": FREE_DATA, "t.hwpx": lambda: replace_part(
         (Path(__file__).resolve().parents[1] / "src" / "govreport" / "templates" / "free"
          / "records-table.hwpx").read_bytes(), _SEC, _first(
             b"{%tc for c in cols %}", b"{%tc for c in range(100000) %}"))},
     exit=1, message="to fill (limit", absent=("out.hwpx",))
CASES[-1].argv = [*_HWPX_FREE, "--limit", "template_memory_mb=150"]
case(id="tpl-hwpx-4m-literal", category="template", argv=_HWPX_FREE[:-2],
     files={"in.json": FREE_DATA,
            "t.hwpx": lambda: hwpx_template("{{ title }}" + "가" * 4_000_000)},
     exit=0, seconds=30)


# the library without the checks: still a message, not a RecursionError

for _fmt in ("docx", "hwpx"):
    lib(f"render-deep-no-check-{_fmt}", lambda w, f=_fmt: _render_bytes(
        _deep_report(5000), f, check=False), ("ValidationError",),
        "blocks nested too deeply to render")


# free-form DOCX image(): paths are the data file's folder, as documented (CLI and batch)

_LOGO = (Path(__file__).resolve().parents[1] / "examples" / "images" / "agency-logo.png")


def _has_picture(name: str) -> Callable[[Path], None]:
    def check(w: Path) -> None:
        with zipfile.ZipFile(w / name) as z:
            assert any(n.startswith("word/media/") for n in z.namelist()), z.namelist()
    return check


_IMAGE_TPL = {"data/in.json": FREE_DATA, "data/p.png": lambda: _LOGO.read_bytes(),
              "tpl/t.docx": lambda: docx_template('{{ image("p.png", width_mm=20) }}')}
case(id="tpl-docx-image-data-folder-render", category="template",
     argv=["render", f"{W}/data/in.json", "--template", f"{W}/tpl/t.docx", "-o",
           f"{W}/out.docx"], files=_IMAGE_TPL, exit=0, check=_has_picture("out.docx"))
case(id="tpl-docx-image-data-folder-batch", category="template",
     argv=["batch", f"{W}/data/in.json", "--template", f"{W}/tpl/t.docx", "-o", f"{W}/out",
           "--jobs", "1"], files=_IMAGE_TPL, exit=0, check=_has_picture("out/in.docx"))


# PDF: the fontconfig file and LibreOffice's temp folder are private (soffice needed)


def _plant_fonts_symlink(w: Path) -> None:
    (w / "victim.txt").write_text("keep", encoding="utf-8")
    (_TMP / "govreport-fonts.conf").symlink_to(w / "victim.txt")


def _victim_kept(w: Path) -> None:
    link = _TMP / "govreport-fonts.conf"
    assert (w / "victim.txt").read_text(encoding="utf-8") == "keep", "symlink target written"
    assert link.is_symlink(), "the planted file was replaced"
    link.unlink()  # the case's own plant is no temporary of govreport


_HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
if _HAVE_SOFFICE:
    case(id="pdf-fonts-conf-symlink-not-followed", category="pdf",
         argv=["render", f"{W}/in.json", "-o", f"{W}/out.pdf"], files={"in.json": REPORT},
         exit=0, setup=_plant_fonts_symlink, check=_victim_kept, seconds=120)
    case(id="pdf-timeout-leaves-no-temp", category="pdf",
         argv=["render", f"{W}/in.json", "-o", f"{W}/out.pdf", "--limit", "pdf_seconds=0.2"],
         files={"in.json": REPORT}, exit=1, message="did not finish within 0.2 s",
         absent=("out.pdf",), seconds=120)


def _killed_conversion(w: Path) -> None:
    """A PDF render killed (SIGKILL) while LibreOffice converts: no file in TMPDIR."""
    import signal
    import subprocess

    (w / "in.json").write_bytes(REPORT)
    cmd = [sys.executable, "-m", "govreport", "render", str(w / "in.json"), "-o",
           str(w / "out.pdf")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "TMPDIR": str(_TMP)})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _soffice_child(proc.pid):
        time.sleep(0.05)
    assert _soffice_child(proc.pid), "LibreOffice did not start"
    time.sleep(0.3)  # LibreOffice is starting and converting
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)  # LibreOffice notices its parent is gone and quits
    assert not (w / "out.pdf").exists()


def _soffice_child(pid: int) -> bool:
    """Whether a LibreOffice process runs whose parent is ``pid``."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and b"UserInstallation" in cmdline:
            return True
    return False


def _orphan_profiles(w: Path) -> None:
    """The throw-away profile of a process killed mid-PDF (a batch worker) is removed by the
    next sweep; one whose owner still runs is kept.  (Checked end to end by hand: a batch of
    two PDFs whose worker was SIGKILLed while LibreOffice converted recovered 2/2 and left
    TMPDIR empty; 20 s on a busy machine, too slow for this suite.)"""
    import subprocess

    from govreport.writers.pdf.office import THROWAWAY, remove_orphans

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = _TMP / f"{THROWAWAY}{gone.pid}-abc"
    live = _TMP / f"{THROWAWAY}{os.getpid()}-def"
    for folder in (dead, live):
        (folder / "profile" / "tmp").mkdir(parents=True)
        (folder / "profile" / "tmp" / "lu1.tmp").write_bytes(b"x")
    removed = remove_orphans()
    assert dead in removed and not dead.exists(), removed
    assert live.exists(), "a running owner's profile was removed"
    shutil.rmtree(live)


lib("pdf-orphan-profiles-removed", _orphan_profiles, (), "")


# --------------------------------------------------------------------------- the runner


def _setup(work: Path, c: Case) -> None:
    for name, data in c.files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)
    if c.id == "cli-symlink-loop":
        (work / "loop.json").symlink_to(work / "loop.json")
    if c.setup is not None:
        c.setup(work)


def run_case(c: Case, work: Path) -> dict[str, Any]:
    from click.testing import CliRunner

    from govreport.app.cli import cli

    _setup(work, c)
    started = time.perf_counter()
    out: dict[str, Any] = {"id": c.id}
    if c.argv is not None:
        argv = [a.replace(W, str(work)) for a in c.argv]
        result = CliRunner().invoke(cli, argv, prog_name="govreport")
        out["exit"] = result.exit_code
        text = result.stdout + result.stderr
        out["output"] = text if len(text) <= 20000 else text[:10000] + text[-10000:]
        out["output_len"] = len(result.stdout) + len(result.stderr)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            out["exception"] = type(exc).__name__
            out["traceback"] = "".join(traceback.format_exception(exc))[-3000:]
    else:
        assert c.call is not None
        try:
            c.call(work)
        except BaseException as exc:
            out["exception"] = type(exc).__name__
            out["output"] = str(exc)[:20000]
            out["output_len"] = len(str(exc))
            names = {k.__name__ for k in type(exc).__mro__}
            if not names & set(c.raises):
                out["traceback"] = "".join(traceback.format_exception(exc))[-3000:]
    out["seconds"] = time.perf_counter() - started
    if c.check is not None:
        try:
            c.check(work)
        except Exception as exc:  # an AssertionError, or what the check could not find
            out["check_error"] = f"{type(exc).__name__}: {exc}"
    out["present"] = [name for name in c.absent if (work / name).exists()]
    out["temporaries"] = [str(p.relative_to(work)) for p in work.rglob(".*.tmp")]
    out["temporaries"] += [f"$TMPDIR/{p.name}" for p in _TMP.iterdir()] if _TMP.is_dir() else []
    if _TMP.is_dir():  # the next case starts with an empty temp folder
        for p in _TMP.iterdir():
            shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
    out["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return out


_TMP = Path(tempfile.gettempdir())


def main(work: str, results: str, only: list[str] | None = None) -> None:
    """Run every case (or ``only`` these ids) in its own folder; write ``results`` JSON.
    The temp folder (``TMPDIR``) is a folder of the run's own: whatever a case leaves there
    is reported as a temporary left behind."""
    global _TMP
    base = Path(work)
    _TMP = base / "_tmp"
    _TMP.mkdir(parents=True, exist_ok=True)
    os.environ["TMPDIR"] = str(_TMP)
    tempfile.tempdir = str(_TMP)
    out: list[dict[str, Any]] = []
    for c in CASES:
        if only and c.id not in only:
            continue
        folder = base / c.id.replace("/", "_")
        folder.mkdir(parents=True, exist_ok=True)
        try:
            out.append(run_case(c, folder))
        except BaseException as exc:
            out.append({"id": c.id, "runner_error": repr(exc),
                        "traceback": traceback.format_exc()[-3000:]})
        Path(results).write_text(json.dumps(out, ensure_ascii=True), encoding="utf-8")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(results).write_text(json.dumps({"cases": out, "peak_kb": peak_kb}, ensure_ascii=True),
                             encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:] or None)
    os._exit(0)
