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
import resource
import sys
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
     "more than 1,000,000 grid cells"),
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


# --------------------------------------------------------------------------- the runner


def _setup(work: Path, c: Case) -> None:
    for name, data in c.files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)
    if c.id == "cli-symlink-loop":
        (work / "loop.json").symlink_to(work / "loop.json")


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
    out["present"] = [name for name in c.absent if (work / name).exists()]
    out["temporaries"] = [str(p.relative_to(work)) for p in work.rglob(".*.tmp")]
    out["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return out


def main(work: str, results: str, only: list[str] | None = None) -> None:
    """Run every case (or ``only`` these ids) in its own folder; write ``results`` JSON."""
    base = Path(work)
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
