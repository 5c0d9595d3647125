"""The MCP server (``govreport mcp``) driven through the official SDK's client: in memory,
and as a real stdio subprocess.

An agent's loop — schema, a draft with an arithmetic error, validate, fix, validate, lint,
render — must work through the protocol, with every file inside the workspace and bad
arguments answered by a tool error with a message (the server keeps serving).  Over stdio,
stdout carries only protocol messages, also while LibreOffice renders a PDF.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

pytest.importorskip("mcp", reason="the MCP SDK is not installed (pip install 'govreport[mcp]')")

from mcp import Client, StdioServerParameters

from govreport.agent.server import build_server

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TRANSCRIPT_ENV = "GOVREPORT_WRITE_TRANSCRIPT"
"""Set to a file path to write the stdio session's transcript there (docs/agents.md)."""

TOOLS = {"get_schema", "validate_report", "lint_report", "render_report", "read_document",
         "render_template", "format_korean", "list_templates", "export_template"}

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def draft() -> dict[str, Any]:
    """What an agent drafts from meeting notes: a small report whose stated budget total
    (250,000) is not the sum of its lines (120,000 + 80,000), and one sentence ending."""
    return {
        "schema_version": 2,
        "meta": {"title": "집중호우 대비 추진상황 보고", "org": "재난안전과", "date": "2025-07"},
        "parts": [{
            "title": "추진 현황",
            "sections": [{
                "title": "배수시설 정비",
                "blocks": [
                    {"type": "item", "text": "빗물받이 일제 점검", "children": [
                        {"type": "item", "text": "관내 빗물받이 3,200개소 점검 완료",
                         "date": "2025-07-04"},
                        {"type": "item", "text": "막힘 시설 즉시 준설을 실시하였습니다."},
                    ]},
                    {"type": "budget_table", "lines": [
                        {"name": "배수펌프 정비", "budget": 120000, "spent": 90000},
                        {"name": "빗물받이 준설", "budget": 80000, "spent": 30000},
                    ], "total": {"budget": 250000, "spent": 120000}},
                ],
            }],
        }],
    }


def run(body: Callable[[Client], Awaitable[None]], client: Client) -> None:
    async def main() -> None:
        async with client:
            await body(client)

    anyio.run(main)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(EXAMPLES / "heavy-rain-brief-onepage.json", root / "brief.json")
    shutil.copy(EXAMPLES / "free-form" / "district-complaints.json", root / "complaints.json")
    (tmp_path / "outside").mkdir()
    return root


def memory(root: Path, **kw: Any) -> Client:
    return Client(build_server([str(root)], **kw))


def structured(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content[0].text
    assert result.structured_content is not None
    return dict(result.structured_content)


def error_text(result: Any) -> str:
    assert result.is_error, result.structured_content
    return str(result.content[0].text)


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


# --------------------------------------------------------------------------- in memory


def test_every_tool_has_input_and_output_schemas(ws: Path) -> None:
    async def body(c: Client) -> None:
        listed = (await c.list_tools()).tools
        assert {t.name for t in listed} == TOOLS
        for t in listed:
            assert t.input_schema.get("type") == "object", t.name
            assert t.output_schema and t.output_schema.get("type") == "object", t.name
            assert t.description, t.name
        uris = {str(r.uri) for r in (await c.list_resources()).resources}
        assert {"govreport://schema", "govreport://guide", "govreport://examples/blank",
                "govreport://themes/seoul", "govreport://themes/central"} <= uris
        prompts = {p.name for p in (await c.list_prompts()).prompts}
        assert prompts == {"draft_to_report", "restyle_document"}
        p = await c.get_prompt("draft_to_report", {"notes": "7월 집중호우 대비 회의 메모"})
        text = p.messages[0].content.text  # type: ignore[union-attr]
        assert "7월 집중호우 대비 회의 메모" in text and "validate_report" in text

    run(body, memory(ws))


def test_schema_tool_and_resource_are_the_report_schema(ws: Path) -> None:
    import govreport

    async def body(c: Client) -> None:
        out = structured(await c.call_tool("get_schema", {}))
        assert out["schema"] == govreport.json_schema()
        assert out["schema_version"] == govreport.SCHEMA_VERSION
        kinds = {b["type"]: b for b in out["block_types"]}
        assert {"item", "table", "budget_table", "note", "figure", "chart"} <= set(kinds)
        assert "text" in kinds["item"]["fields"]
        assert "□" in out["guide"] and "validate_report" in out["guide"]
        res = await c.read_resource("govreport://schema")
        assert json.loads(res.contents[0].text) == govreport.json_schema()  # type: ignore[union-attr]
        blank = await c.read_resource("govreport://examples/blank")
        report = json.loads(blank.contents[0].text)  # type: ignore[union-attr]
        v = structured(await c.call_tool("validate_report", {"report": report}))
        assert v["valid"], v["problems"]

    run(body, memory(ws))


def test_validate_finds_the_arithmetic_error_and_then_passes(ws: Path) -> None:
    async def body(c: Client) -> None:
        bad = draft()
        out = structured(await c.call_tool("validate_report", {"report": bad}))
        assert not out["valid"] and out["schema_version"] == 2
        wrong = [p for p in out["problems"] if p["severity"] == "error"]
        assert len(wrong) == 1, out["problems"]
        assert wrong[0]["path"] == "$.parts[0].sections[0].blocks[1].total.budget"
        assert "250,000" in wrong[0]["message"] and "200,000" in wrong[0]["message"]
        assert wrong[0]["hint"]
        fixed = copy.deepcopy(bad)
        fixed["parts"][0]["sections"][0]["blocks"][1]["total"]["budget"] = 200000
        again = structured(await c.call_tool("validate_report", {"report": fixed}))
        assert again["valid"] and again["errors"] == 0, again["problems"]

    run(body, memory(ws))


def test_validate_never_fails_for_bad_input(ws: Path) -> None:
    async def body(c: Client) -> None:
        bad_date = {"meta": {"title": "t", "org": "o", "date": "2025-02-30"}}
        for report in ({"meta": {"title": "", "org": 3}}, {"parts": "x"}, "not json {",
                       "[1, 2]", [1, 2], 5, bad_date):
            out = structured(await c.call_tool("validate_report", {"report": report}))
            assert not out["valid"] and out["problems"], report
            assert all(p["path"].startswith("$") and p["message"] for p in out["problems"])
        out = structured(await c.call_tool("validate_report", {"path": "brief.json"}))
        assert out["valid"], out["problems"]

    run(body, memory(ws))


def test_render_writes_in_the_workspace_only(ws: Path, tmp_path: Path) -> None:
    report = draft()
    report["parts"][0]["sections"][0]["blocks"][1]["total"]["budget"] = 200000
    outside = tmp_path / "outside"

    async def body(c: Client) -> None:
        out = structured(await c.call_tool("render_report", {
            "report": report, "formats": ["docx", "hwpx"], "out_dir": "out", "name": "호우"}))
        assert [f["path"] for f in out["files"]] == ["out/호우.docx", "out/호우.hwpx"]
        assert all(f["bytes"] > 1000 for f in out["files"])
        assert (ws / "out" / "호우.docx").is_file() and (ws / "out" / "호우.hwpx").is_file()
        # exists: refused without overwrite, nothing changed
        err = error_text(await c.call_tool("render_report", {
            "report": report, "formats": ["docx"], "name": "호우"}))
        assert "exists" in err and "overwrite" in err
        # outside the root: refused with a message, also through a symlink
        for out_dir in (str(outside), "../outside", "link"):
            err = error_text(await c.call_tool("render_report", {
                "report": report, "out_dir": out_dir}))
            assert "outside the workspace" in err, err
        err = error_text(await c.call_tool("render_report", {"path": "../outside/x.json"}))
        assert "outside the workspace" in err
        err = error_text(await c.call_tool("render_report", {
            "report": report, "name": "../../escape"}))
        assert "file name" in err
        # an invalid report is refused, naming the path of the problem
        err = error_text(await c.call_tool("render_report", {"report": draft(), "name": "x"}))
        assert "$.parts[0].sections[0].blocks[1].total.budget" in err

    os.symlink(outside, ws / "link")
    run(body, memory(ws))
    assert files_under(outside) == set()
    assert files_under(ws / "out") == {"호우.docx", "호우.hwpx"}


def test_pictures_of_a_report_stay_inside_the_workspace(ws: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.png"
    shutil.copy(EXAMPLES / "images" / "agency-logo.png", secret)
    report = draft()
    report["parts"][0]["sections"][0]["blocks"] = [
        {"type": "figure", "src": str(secret), "caption": "로고"}]

    async def body(c: Client) -> None:
        err = error_text(await c.call_tool("render_report", {"report": report}))
        assert "inside" in err and "secret.png" in err

    run(body, memory(ws))


def test_an_oversized_report_is_refused(ws: Path) -> None:
    from govreport.support.limits import Limits

    report = draft()
    report["parts"][0]["sections"][0]["blocks"][0]["children"] = [
        {"type": "item", "text": "가" * 200} for _ in range(200)]  # ~120 KB of JSON

    async def body(c: Client) -> None:
        for tool in ("validate_report", "render_report", "lint_report"):
            result = await c.call_tool(tool, {"report": report})
            text = (error_text(result) if result.is_error
                    else structured(result)["problems"][0]["message"])
            assert "larger than the input limit" in text and "input_mb" in text, tool
        assert structured(await c.call_tool("format_korean", {"kind": "number",
                                                               "value": 1234}))["text"] == "1,234"

    run(body, memory(ws, limits=Limits(input_mb=0.05)))


def test_read_document_and_free_form_render(ws: Path) -> None:
    (ws / "memo.txt").write_text("□ 추진 배경\n○ 민원 처리 기간 단축 필요\n○ 방문 민원 62%\n",
                                 encoding="utf-8")

    async def body(c: Client) -> None:
        out = structured(await c.call_tool("read_document", {
            "path": "memo.txt", "save_as": "memo.json"}))
        assert out["format"] == "txt" and out["saved"] == "memo.json"
        text = json.dumps(out["report"], ensure_ascii=False)
        assert "민원 처리 기간 단축 필요" in text and "□" not in text
        assert structured(await c.call_tool("validate_report", {"path": "memo.json"}))["valid"]
        free = structured(await c.call_tool("render_template", {
            "template": "table-dump", "path": "complaints.json", "formats": ["docx"]}))
        assert free["files"][0]["path"] == "out/complaints.docx"
        from docx import Document

        doc = Document(str(ws / "out" / "complaints.docx"))
        cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
        data = json.loads((ws / "complaints.json").read_text(encoding="utf-8"))
        first = data["rows"][0]
        assert any(str(v) in cells for v in (first.values() if isinstance(first, dict)
                                             else first))
        err = error_text(await c.call_tool("render_template", {
            "template": "report", "data": {"x": 1}}))
        assert "body" in err
        err = error_text(await c.call_tool("read_document", {"path": "/etc/hostname"}))
        assert "outside the workspace" in err

    run(body, memory(ws))


def test_lint_tool_gives_paths_and_fixes(ws: Path) -> None:
    async def body(c: Client) -> None:
        out = structured(await c.call_tool("lint_report", {"report": draft()}))
        ending = [w for w in out["warnings"] if w["rule"] == "ending"]
        assert ending and ending[0]["path"] == \
            "$.parts[0].sections[0].blocks[0].children[1].text"
        assert "실시함" in ending[0]["fix"]
        assert structured(await c.call_tool("lint_report", {"path": "brief.json"}))["count"] == 0

    run(body, memory(ws))


def test_format_korean_prints_as_format_md(ws: Path) -> None:
    cases = [({"kind": "date", "value": "2025-03-25"}, "'25.3.25.(화)"),
             ({"kind": "date", "value": "2025-03-25", "style": "official"}, "2025. 3. 25.(화)"),
             ({"kind": "period", "value": "2024-07/2024-12"}, "'24.7.~12."),
             ({"kind": "money", "value": 131371000, "unit": "천원"}, "131,371천원"),
             ({"kind": "money_myriad", "value": 4500000000}, "45억원"),
             ({"kind": "count", "value": 1022, "unit": "호"}, "1,022호"),
             ({"kind": "number", "value": 1230000000}, "1,230,000,000"),
             ({"kind": "number", "value": "87.5"}, "87.5"),
             ({"kind": "percent", "value": 25.14}, "25.1%")]

    async def body(c: Client) -> None:
        for args, expected in cases:
            out = structured(await c.call_tool("format_korean", args))
            assert out["text"] == expected and out["value"] == str(args["value"])
        err = error_text(await c.call_tool("format_korean", {"kind": "date",
                                                              "value": "2025-02-30"}))
        assert "2025-02-30" in err
        err = error_text(await c.call_tool("format_korean", {"kind": "money", "value": "many"}))
        assert "not a number" in err

    run(body, memory(ws))


def test_templates_listed_and_exported(ws: Path) -> None:
    async def body(c: Client) -> None:
        listed = structured(await c.call_tool("list_templates", {}))["templates"]
        by_name = {t["name"]: t for t in listed}
        assert set(by_name["report"]["types"]) == {"docx", "hwpx"}
        assert not by_name["report"]["free_form"] and by_name["table-dump"]["free_form"]
        out = structured(await c.call_tool("export_template", {"name": "report",
                                                               "path": "mine.hwpx"}))
        assert out["path"] == "mine.hwpx" and (ws / "mine.hwpx").stat().st_size == out["bytes"]
        err = error_text(await c.call_tool("export_template", {"name": "report",
                                                               "path": "/tmp/x.docx"}))
        assert "outside the workspace" in err

    run(body, memory(ws))


def test_bad_arguments_are_tool_errors_and_the_server_goes_on(ws: Path) -> None:
    async def body(c: Client) -> None:
        for tool, args in [("render_report", {}),
                           ("render_report", {"report": draft(), "path": "brief.json"}),
                           ("render_report", {"path": "brief.json", "formats": ["odt"]}),
                           ("render_report", {"path": "brief.json", "theme": "nope"}),
                           ("render_report", {"path": "missing.json"}),
                           ("lint_report", {"path": "\x00"}),
                           ("format_korean", {"kind": "weekday", "value": 1}),
                           ("read_document", {"path": "complaints.json.nope"})]:
            result = await c.call_tool(tool, args)
            assert result.is_error, (tool, args)
            assert result.content[0].text.strip(), (tool, args)  # type: ignore[union-attr]
        assert structured(await c.call_tool("list_templates", {}))["templates"]

    run(body, memory(ws))


# --------------------------------------------------------------------------- stdio


def stdio_client(root: Path, *extra: str) -> Client:
    params = StdioServerParameters(command=sys.executable,
                                   args=["-m", "govreport", "mcp", "--root", str(root), *extra],
                                   cwd=str(root))
    return Client(params, read_timeout_seconds=300)


class Transcript:
    """The calls and answers of a session, as docs/agents.md shows them."""

    def __init__(self, hide: dict[str, str]) -> None:
        self.lines: list[str] = []
        self.hide = hide  # the test's temporary folders, as the docs name them

    def call(self, tool: str, args: dict[str, Any], result: Any, *, full: bool = False) -> None:
        shown = json.dumps(args, ensure_ascii=False, indent=1 if full else None)
        if not full and len(shown) > 300:
            shown = json.dumps({k: ("{…}" if k == "report" else v) for k, v in args.items()},
                               ensure_ascii=False)
        answer = (result.content[0].text if result.is_error else
                  json.dumps(result.structured_content, ensure_ascii=False, indent=1))
        if len(answer) > 1600:
            answer = answer[:1600] + "\n…"
        for path, name in self.hide.items():
            shown, answer = shown.replace(path, name), answer.replace(path, name)
        self.lines += [f"**→ {tool}**", "", "```json", shown, "```", "",
                       f"**← {'error' if result.is_error else 'result'}**", "",
                       "```" if result.is_error else "```json", answer, "```", ""]

    def note(self, text: str) -> None:
        self.lines += [f"*{text}*", ""]


def test_a_real_stdio_session_draft_validate_fix_render(ws: Path, tmp_path: Path) -> None:
    """The session docs/agents.md shows (set GOVREPORT_WRITE_TRANSCRIPT=FILE to write it)."""
    t = Transcript({str(ws): "/home/me/reports", str(tmp_path): "/home/me"})
    report = draft()

    async def call(c: Client, tool: str, args: dict[str, Any], full: bool = False) -> Any:
        result = await c.call_tool(tool, copy.deepcopy(args))
        t.call(tool, args, result, full=full)
        return result

    async def body(c: Client) -> None:
        assert c.server_info is not None and c.server_info.name == "govreport"
        schema = structured(await c.call_tool("get_schema", {}))
        t.note(f"get_schema: schema_version {schema['schema_version']}, "
               f"{len(schema['block_types'])} block types (the guide is read once).")
        t.note("The agent drafts the report from the meeting notes (a budget table with a "
               "typed total) and validates it.")
        out = structured(await call(c, "validate_report", {"report": report}, full=True))
        assert not out["valid"]
        path = next(p["path"] for p in out["problems"] if p["severity"] == "error")
        assert path == "$.parts[0].sections[0].blocks[1].total.budget"
        t.note(f"It corrects the value at {path} (the lines sum to 200,000) and validates "
               "again.")
        report["parts"][0]["sections"][0]["blocks"][1]["total"]["budget"] = 200000
        assert structured(await call(c, "validate_report", {"report": report}))["valid"]
        lint = structured(await call(c, "lint_report", {"report": report}))
        fix = lint["warnings"][0]
        assert fix["rule"] == "ending"
        t.note("It applies the lint fix (개조식 ending) and renders.")
        report["parts"][0]["sections"][0]["blocks"][0]["children"][1]["text"] = \
            "막힘 시설 즉시 준설 실시"
        assert structured(await c.call_tool("lint_report", {"report": report}))["count"] == 0
        out = structured(await call(c, "render_report", {
            "report": report, "formats": ["docx", "hwpx"], "name": "집중호우-대비",
            "preview": True, "preview_pages": 3}))
        assert {f["path"] for f in out["files"]} == {"out/집중호우-대비.docx",
                                                     "out/집중호우-대비.hwpx"}
        if HAS_SOFFICE:
            assert out["preview"] and out["files"][0]["pages"] == len(out["preview"]) == 3
        err = await call(c, "render_report", {"report": report, "out_dir": str(tmp_path)})
        assert err.is_error and "outside the workspace" in err.content[0].text

    run(body, stdio_client(ws))
    written = files_under(ws / "out")
    assert {"집중호우-대비.docx", "집중호우-대비.hwpx"} <= written
    assert all(f.startswith("집중호우-대비") for f in written), written
    from docx import Document

    text = "\n".join(p.text for p in Document(str(ws / "out" / "집중호우-대비.docx")).paragraphs)
    assert "막힘 시설 즉시 준설 실시" in text
    target = os.environ.get(TRANSCRIPT_ENV)
    if target:
        Path(target).write_text("\n".join(t.lines), encoding="utf-8")
        for png in sorted((ws / "out").rglob("*.png")):  # to look at them
            shutil.copy(png, Path(target).with_name(f"{Path(target).stem}-{png.name}"))


_NOISY_SERVER = """
import os, subprocess, sys
from govreport.agent.server import build_server

server = build_server([sys.argv[1]])

@server.tool()
def noisy() -> str:
    print("noise from print")
    sys.stdout.flush()
    os.write(1, b"noise on descriptor 1\\n")
    subprocess.run(["echo", "noise from a child process"], check=True)
    return "done"

server.run("stdio")
"""


def _raw_session(cmd: list[str], cwd: Path, calls: list[tuple[str, dict[str, Any]]],
                 timeout: float = 400) -> tuple[list[bytes], list[dict[str, Any]]]:
    """Speak JSON-RPC to a stdio server by hand; every stdout line and the answers."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    lines: list[bytes] = []
    answers: dict[int, dict[str, Any]] = {}
    done = threading.Event()
    want = len(calls) + 1

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if isinstance(msg, dict) and isinstance(msg.get("id"), int):
                answers[msg["id"]] = msg
                if len(answers) >= want:
                    done.set()

    threading.Thread(target=reader, daemon=True).start()

    def send(msg: dict[str, Any]) -> None:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(msg).encode() + b"\n")
        proc.stdin.flush()

    try:
        send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "test", "version": "0"}}})
        deadline = time.monotonic() + 60
        while 0 not in answers and time.monotonic() < deadline:
            time.sleep(0.05)
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        for i, (tool, args) in enumerate(calls, 1):
            send({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                  "params": {"name": tool, "arguments": args}})
        assert done.wait(timeout), f"no answer in {timeout} s; stdout so far: {lines[:5]}"
    finally:
        proc.stdin.close()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return lines, [answers[i] for i in sorted(answers)]


def _only_protocol(lines: list[bytes]) -> None:
    assert lines
    for line in lines:
        msg = json.loads(line)  # not JSON: something else wrote to stdout
        assert isinstance(msg, dict) and msg.get("jsonrpc") == "2.0", line[:200]


def test_stdout_carries_only_protocol_messages_even_when_code_prints(ws: Path) -> None:
    lines, answers = _raw_session([sys.executable, "-c", _NOISY_SERVER, str(ws)], ws,
                                  [("noisy", {})])
    _only_protocol(lines)
    assert answers[-1]["result"]["content"][0]["text"] == "done"


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed (PDF rendering)")
def test_stdout_carries_only_protocol_messages_during_a_pdf_render(ws: Path) -> None:
    lines, answers = _raw_session(
        [sys.executable, "-m", "govreport", "mcp", "--root", str(ws)], ws,
        [("render_report", {"path": "brief.json", "formats": ["pdf", "docx"],
                            "preview": True, "preview_pages": 1}),
         ("render_report", {"path": "../escape.json"})])
    _only_protocol(lines)
    done = answers[1]["result"]
    assert not done.get("isError"), done
    files = done["structuredContent"]["files"]
    assert [f["path"] for f in files] == ["out/brief.pdf", "out/brief.docx"]
    assert files[0]["pages"] == 1 and files[1]["pages"] == 1
    assert done["structuredContent"]["preview"] == ["out/brief-preview/page-1.png"]
    assert any(c["type"] == "image" for c in done["content"])
    assert (ws / "out" / "brief.pdf").read_bytes().startswith(b"%PDF")
    refused = answers[2]["result"]
    assert refused["isError"] and "outside the workspace" in refused["content"][0]["text"]


def test_mcp_help_does_not_import_the_sdk() -> None:
    probe = ("import sys\nfrom govreport.app.cli import main\ntry:\n    main(['mcp', '--help'])\n"
             "except SystemExit:\n    pass\nprint('SDK' if 'mcp' in sys.modules else 'no SDK',"
             " file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=True)
    assert "--root" in proc.stdout and "--http" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "no SDK"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_streamable_http_on_loopback(ws: Path) -> None:
    import socket

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "mcp", "--root", str(ws),
                             "--http", f"127.0.0.1:{port}"], cwd=ws,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
                assert time.monotonic() < deadline, "the HTTP server did not start in 60 s"
                time.sleep(0.2)

        async def body(c: Client) -> None:
            assert {t.name for t in (await c.list_tools()).tools} == TOOLS
            out = structured(await c.call_tool("validate_report", {"path": "brief.json"}))
            assert out["valid"]
            err = error_text(await c.call_tool("validate_report", {"path": "/etc/hostname"}))
            assert "outside the workspace" in err

        run(body, Client(f"http://127.0.0.1:{port}/mcp"))
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_http_option_is_checked() -> None:
    from click.testing import CliRunner

    from govreport.app.cli import cli

    res = CliRunner().invoke(cli, ["mcp", "--http", "localhost"])
    assert res.exit_code == 2 and "HOST:PORT" in res.output


def test_the_docs_show_the_tested_session() -> None:
    """docs/agents.md carries the transcript this module's stdio session writes: the same
    calls in the same order, the arithmetic error found and the render refused outside."""
    doc = (ROOT / "docs" / "agents.md").read_text(encoding="utf-8")
    start = doc.index("<!-- transcript: generated by tests/test_mcp.py -->")
    part = doc[start:doc.index("<!-- end of transcript -->")]
    calls = [line[len("**→ "):-2] for line in part.splitlines() if line.startswith("**→ ")]
    assert calls == ["validate_report", "validate_report", "lint_report", "render_report",
                     "render_report"]
    assert "$.parts[0].sections[0].blocks[1].total.budget" in part
    assert '"valid": true' in part and "outside the workspace" in part
    for tool in TOOLS:
        assert f"`{tool}" in doc, tool


CORPUS = ROOT.parent / "shared" / "corpus" / "real"


@pytest.mark.parametrize("name", ["opengov_36392900.hwpx", "20250130-hongbo.hwp"])
def test_read_and_restyle_a_real_document(ws: Path, name: str) -> None:
    """An official's old document → report JSON (with the reader's fallbacks) → the
    agency's look, through the tools restyle_document names."""
    src = CORPUS / name
    if not src.is_file():
        pytest.skip(f"{src} is absent (the real corpus lives in ../shared/corpus/real)")
    shutil.copy(src, ws / name)

    async def body(c: Client) -> None:
        out = structured(await c.call_tool("read_document", {"path": name}))
        assert out["format"] == name.rsplit(".", 1)[1] and out["summary"]
        assert isinstance(out["fallbacks"], list)
        assert out["report"]["meta"]["title"].strip()
        v = structured(await c.call_tool("validate_report", {"report": out["report"]}))
        assert v["valid"], v["problems"][:3]
        done = structured(await c.call_tool("render_report", {
            "path": name, "formats": ["hwpx"], "theme": "central", "name": "restyled"}))
        assert done["files"][0]["path"] == "out/restyled.hwpx"
        p = await c.get_prompt("restyle_document", {"path": name})
        assert name in p.messages[0].content.text  # type: ignore[union-attr]

    run(body, memory(ws))


def test_one_render_at_a_time_per_output_file(tmp_path: Path) -> None:
    from govreport.agent.workspace import Workspace, WorkspaceError

    space = Workspace([tmp_path])
    target = space.resolve("out/a.docx")
    with space.claim([target]):
        with (pytest.raises(WorkspaceError, match="another render is writing this file"),
              space.claim([space.resolve("out/b.docx"), target])):
            pass
        with space.claim([space.resolve("out/b.docx")]):  # another file: fine
            pass
    with space.claim([target]):  # released after the first
        pass


def test_stdio_read_free_form_and_the_size_limit(ws: Path) -> None:
    """The other tools through a real subprocess, started with a small input limit."""
    (ws / "memo.txt").write_text("□ 추진 배경\n○ 민원 처리 기간 단축 필요\n", encoding="utf-8")
    big = draft()
    big["parts"][0]["sections"][0]["blocks"][0]["children"] = [
        {"type": "item", "text": "가" * 200} for _ in range(200)]

    async def body(c: Client) -> None:
        out = structured(await c.call_tool("read_document", {"path": "memo.txt"}))
        assert "민원 처리 기간 단축 필요" in json.dumps(out["report"], ensure_ascii=False)
        free = structured(await c.call_tool("render_template", {
            "template": "table-dump", "path": "complaints.json"}))
        assert free["files"][0]["path"] == "out/complaints.docx"
        v = structured(await c.call_tool("validate_report", {"report": big}))
        assert not v["valid"] and "input_mb" in v["problems"][0]["message"]
        err = error_text(await c.call_tool("render_report", {"report": big}))
        assert "larger than the input limit" in err
        assert structured(await c.call_tool("lint_report", {"path": "brief.json"}))["count"] == 0

    run(body, stdio_client(ws, "--limit", "input_mb=0.05"))
    assert (ws / "out" / "complaints.docx").is_file()


def test_without_the_sdk_the_command_says_what_to_install(tmp_path: Path) -> None:
    probe = ("import sys\nsys.modules['mcp'] = None  # as if govreport[mcp] were not installed\n"
             "from govreport.app.cli import main\nmain(['mcp', '--root', sys.argv[1]])\n")
    proc = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "pip install 'govreport[mcp]'" in proc.stderr and "Traceback" not in proc.stderr
