"""The ``govreport`` command line: exit codes, messages with JSON paths, no tracebacks,
no overwriting without ``--force`` and no half-written files."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import govreport as g
from govreport.app.cli import EXIT_FAILED, EXIT_INVALID, cli
from govreport.app.shipped_templates import shipped_path
from govreport.app.starter import starter_text

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


def _has_writer(module: str, name: str) -> bool:
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError:
        return False
    return hasattr(mod, name)


needs_docx = pytest.mark.skipif(not _has_writer("govreport.writers.docx", "write_docx"),
                                reason="DOCX writer not available")
needs_hwpx = pytest.mark.skipif(not _has_writer("govreport.writers.hwpx", "write_hwpx"),
                                reason="HWPX writer not available")


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli, [os.fspath(a) for a in args], prog_name="govreport")
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "blank.json"
    path.write_text(starter_text("blank"), encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    data = json.loads(starter_text("blank"))
    data["meta"]["date"] = "2025-13"
    data["parts"][1]["sections"][0]["blocks"][0]["levle"] = 2
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def free_template(tmp_path: Path) -> Path:
    """A free-form DOCX template (no {{ body }} marker): any JSON can fill it."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("담당: {{ name }}")
    doc.add_paragraph("{% for x in items %}{{ x | num }} {% endfor %}")
    path = tmp_path / "free.docx"
    doc.save(str(path))
    return path


@pytest.fixture
def free_data(tmp_path: Path) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"name": "홍길동", "items": [1200, 35000]}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


# --------------------------------------------------------------------------- basics


def test_python_m_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "govreport", "--help"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    for command in ("render", "validate", "schema", "init", "batch"):
        assert command in proc.stdout
    assert "보고서" in proc.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert g.__version__ in result.output


@pytest.mark.parametrize("command", ["render", "validate", "schema", "init", "batch"])
def test_command_help_is_bilingual(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert " / " in result.output
    assert any("\uac00" <= ch <= "\ud7a3" for ch in result.output)


def test_unknown_command_is_usage_error() -> None:
    assert run("frobnicate").exit_code == EXIT_INVALID


# --------------------------------------------------------------------------- validate


def test_validate_example_ok() -> None:
    result = run("validate", EXAMPLE)
    assert result.exit_code == 0
    assert f"{EXAMPLE}: OK (schema_version 2)" in result.stdout


def test_validate_invalid_lists_every_problem_with_path(bad: Path) -> None:
    result = run("validate", bad)
    assert result.exit_code == EXIT_INVALID
    lines = result.stdout.splitlines()
    assert f"{bad}: $.meta.date: '2025-13' is not a valid date (month 13)" in lines
    assert any(line.startswith(f"{bad}: $.parts[1].sections[0].blocks[0]: unknown field: levle")
               and "did you mean level" in line for line in lines)


def test_validate_semantic_errors(tmp_path: Path) -> None:
    data = json.loads(starter_text("blank"))
    data["meta"]["title"] = " "
    staffing = data["parts"][0]["sections"][1]["blocks"][0]
    staffing["rows"][0]["total"] = 99
    path = tmp_path / "sem.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == EXIT_INVALID
    assert f"{path}: $.meta.title: the report title is only spaces" in result.stdout
    assert f"{path}: $.parts[0].sections[1].blocks[0].rows[0].total: stated total 99" \
        in result.stdout


def test_validate_warnings_do_not_fail_unless_strict(tmp_path: Path) -> None:
    data = json.loads(starter_text("blank"))
    text = json.dumps(data, ensure_ascii=False).replace('"place": "본관 6층 기획상황실"',
                                                        '"place": " "')
    path = tmp_path / "warn.json"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 0
    assert ": warning: the event has no place" in result.stdout
    assert f"{path}: OK (schema_version 2; 1 warning)" in result.stdout
    assert run("validate", "--strict", path).exit_code == EXIT_INVALID


def test_validate_bad_json_and_missing_file(tmp_path: Path) -> None:
    syntax = tmp_path / "syntax.json"
    syntax.write_text('{"meta": ', encoding="utf-8")
    result = run("validate", syntax)
    assert result.exit_code == EXIT_INVALID
    assert f"{syntax}: $: not valid JSON" in result.stdout
    missing = run("validate", tmp_path / "nope.json")
    assert missing.exit_code == EXIT_INVALID
    assert f"{tmp_path / 'nope.json'}: no such file or folder" in missing.stdout


def test_validate_several_files_and_folders(tmp_path: Path, blank: Path, bad: Path) -> None:
    result = run("validate", tmp_path)
    assert result.exit_code == EXIT_INVALID
    assert f"{blank}: OK (schema_version 2)" in result.stdout
    assert ("2 files: 1 valid, 1 invalid, 0 unreadable / 파일 2개: 정상 1, 오류 1, 읽지 못함 0"
            in result.stdout)
    assert run("validate", "--quiet", blank).stdout == ""


def test_validate_goes_on_after_a_missing_file(tmp_path: Path, blank: Path, bad: Path) -> None:
    missing = tmp_path / "missing.json"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("validate", blank, missing, bad, empty)
    assert result.exit_code == EXIT_INVALID
    lines = result.stdout.splitlines()
    assert lines[0] == f"{blank}: OK (schema_version 2)"
    assert lines[1] == f"{missing}: no such file or folder"
    assert f"{bad}: $.meta.date: '2025-13' is not a valid date (month 13)" in lines
    assert f"{empty}: no .json files match" in lines
    assert lines[-1].startswith("4 files: 1 valid, 1 invalid, 2 unreadable")
    assert result.stderr == ""


def test_validate_goes_on_after_unexpected_errors(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """A RecursionError (absurd nesting), an unreadable file or a bug in one file's check
    is reported on that file's line; the other files are still checked."""
    import govreport.readers.json as json_reader

    names = ["deep", "locked", "buggy", "good"]
    paths = [tmp_path / f"{n}.json" for n in names]
    for path in paths:
        path.write_text(starter_text("blank"), encoding="utf-8")
    real = json_reader.load_versioned
    failures: dict[str, BaseException] = {
        "deep": RecursionError("maximum recursion depth exceeded"),
        "locked": PermissionError(13, "Permission denied"),
        "buggy": ZeroDivisionError("division by zero"),
    }

    def load(path: str | os.PathLike[str], **kw: Any) -> Any:
        exc = failures.get(Path(path).stem)
        if exc is not None:
            raise exc
        return real(path, **kw)

    monkeypatch.setattr(json_reader, "load_versioned", load)
    result = run("validate", *paths)
    assert result.exit_code == EXIT_INVALID
    lines = result.stdout.splitlines()
    assert lines[0] == f"{paths[0]}: $: the data is nested too deeply to process (RecursionError)"
    assert lines[1] == f"{paths[1]}: cannot read file: Permission denied"
    assert lines[2].startswith(f"{paths[2]}: internal error (ZeroDivisionError: division by zero)")
    assert lines[3] == f"{paths[3]}: OK (schema_version 2)"
    assert lines[4].startswith("4 files: 1 valid, 1 invalid, 2 unreadable")


def test_validate_non_report_json(free_data: Path) -> None:
    result = run("validate", free_data)
    assert result.exit_code == EXIT_INVALID
    assert f"{free_data}: $" in result.stdout


# --------------------------------------------------------------------------- schema / init


def test_schema_prints_json() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema == g.json_schema()


def test_schema_to_file_refuses_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert run("schema", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$defs"]
    out.write_text("mine", encoding="utf-8")
    result = run("schema", "-o", out)
    assert result.exit_code == EXIT_INVALID
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert run("schema", "-o", out, "--force").exit_code == 0


@pytest.mark.parametrize("example", ["blank", "seoul"])
def test_init_writes_a_valid_report(tmp_path: Path, example: str) -> None:
    out = tmp_path / f"{example}.json"
    result = run("init", "--example", example, "-o", out)
    assert result.exit_code == 0, result.output
    report = g.load(out)
    assert [p for p in g.check(report)] == []
    assert run("validate", out).exit_code == 0


def test_init_blank_shows_every_block_type() -> None:
    from govreport.model import BLOCK_TAGS

    def types(value: object) -> set[str]:
        if isinstance(value, dict):
            own = {value["type"]} if isinstance(value.get("type"), str) else set()
            return own.union(*(types(v) for v in value.values()))
        if isinstance(value, list):
            return set().union(*(types(v) for v in value))
        return set()

    text = run("init").stdout
    assert types(json.loads(text)) == set(BLOCK_TAGS.values())
    assert g.dumps(g.loads(text)) == text  # canonical


def test_init_blank_types_no_symbols() -> None:
    """The starter shows good practice: symbols, numbers and weekdays are never typed (the
    layout adds them); the only typed mark is a footnote's ``*`` in the running text."""
    symbols = set("□○◦ㅇ❍-·∙ㆍ①②③④⑤※√▶●◆■▷ⅠⅡⅢ")

    def texts(value: object) -> list[str]:
        if isinstance(value, dict):
            return [t for k, v in value.items()
                    for t in ([v] if isinstance(v, str) and k != "type" else texts(v))]
        if isinstance(value, list):
            return [t for v in value for t in texts(v)]
        return []

    data = json.loads(run("init").stdout)
    for text in texts(data):
        if any(ch.isdigit() for ch in text) and text[:4].isdigit():
            continue  # an ISO date such as 2025-03-25T14:00
        assert not symbols & set(text), text
        assert not text.lstrip().startswith("*"), text
    keys = [t for t in texts(data) if t.endswith("*")]
    assert keys == ["관련 조례 개정*"]  # explained by the footnote right after it


def test_init_seoul_is_the_bundled_example() -> None:
    assert run("init", "--example", "seoul").stdout == EXAMPLE.read_text(encoding="utf-8")


def test_init_refuses_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    out.write_text("{}", encoding="utf-8")
    result = run("init", "-o", out)
    assert result.exit_code == EXIT_INVALID
    assert out.read_text(encoding="utf-8") == "{}"
    assert run("init", "-o", out, "--force").exit_code == 0
    g.load(out)


# --------------------------------------------------------------------------- render


@needs_docx
def test_render_docx(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = run("render", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert "주요 업무 보고" in _docx_text(out) or "주요" in _docx_text(out)


@needs_hwpx
def test_render_hwpx(tmp_path: Path, blank: Path) -> None:
    out = tmp_path / "report.hwpx"
    result = run("render", blank, "-o", out, "--theme", "central")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        assert z.read("mimetype") == b"application/hwp+zip"


@pytest.mark.skipif(not _has_writer("govreport.writers.hwpx.hwp", "hwpx_to_hwp"),
                    reason="HWP converter not available")
def test_render_hwp_beta(tmp_path: Path, blank: Path) -> None:
    out = tmp_path / "report.hwp"
    result = run("render", blank, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file


@needs_docx
@needs_hwpx
def test_render_several_outputs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "a.hwpx"
    result = run("render", EXAMPLE, "-o", a, "-o", b)
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(a)
    assert zipfile.is_zipfile(b)


def test_render_free_form(tmp_path: Path, free_data: Path, free_template: Path) -> None:
    out = tmp_path / "free-out.docx"
    result = run("render", free_data, "--template", free_template, "-o", out)
    assert result.exit_code == 0, result.output
    text = _docx_text(out)
    assert "홍길동" in text
    assert "35,000" in text


def test_render_non_report_without_template(tmp_path: Path, free_data: Path) -> None:
    out = tmp_path / "x.docx"
    result = run("render", free_data, "-o", out)
    assert result.exit_code == EXIT_INVALID
    assert 'not a report (no "meta" field)' in result.stderr
    assert not out.exists()


def test_render_invalid_report(tmp_path: Path, bad: Path) -> None:
    out = tmp_path / "x.docx"
    result = run("render", bad, "-o", out)
    assert result.exit_code == EXIT_INVALID
    assert f"{bad}: $.meta.date: '2025-13' is not a valid date (month 13)" in result.stderr
    assert f"{bad}: $.parts[1].sections[0].blocks[0]: unknown field: levle" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", ["out.txt", "out", "out.doc"])
def test_render_bad_suffix(tmp_path: Path, blank: Path, name: str) -> None:
    result = run("render", blank, "-o", tmp_path / name)
    assert result.exit_code == EXIT_INVALID
    assert "unknown output type" in result.stderr
    assert not (tmp_path / name).exists()


def test_render_refuses_overwrite(tmp_path: Path, free_data: Path, free_template: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"precious")
    result = run("render", free_data, "--template", free_template, "-o", out)
    assert result.exit_code == EXIT_INVALID
    assert "file exists (use --force to overwrite)" in result.stderr
    assert out.read_bytes() == b"precious"
    result = run("render", free_data, "--template", free_template, "-o", out, "--force")
    assert result.exit_code == 0
    assert zipfile.is_zipfile(out)


@needs_docx
@needs_hwpx
def test_render_several_outputs_reports_every_failure(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path, blank: Path) -> None:
    """Every output is tried; each failure names its output; nothing is written."""
    render_module = importlib.import_module("govreport.app.render")
    real = render_module.render_bytes

    def flaky(data: object, fmt: str, **kw: Any) -> bytes:
        if fmt == "hwpx":
            raise ZeroDivisionError("division by zero")
        if fmt == "pdf":
            raise g.RenderError("LibreOffice is not installed")
        return real(data, fmt, **kw)

    monkeypatch.setattr(render_module, "render_bytes", flaky)
    outs = [tmp_path / "r.hwpx", tmp_path / "r.docx", tmp_path / "r.pdf"]
    result = run("render", blank, *(a for o in outs for a in ("-o", o)))
    assert result.exit_code == EXIT_FAILED
    err = result.stderr
    assert f"{outs[0]}: internal error (ZeroDivisionError: division by zero)" in err
    assert f"{outs[2]}: LibreOffice is not installed" in err
    assert "nothing written" in err
    assert not any(o.exists() for o in outs)


def test_render_write_failure_of_one_output_keeps_the_others(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, free_data: Path,
        free_template: Path) -> None:
    import govreport.support.files as files

    real = files.write_atomic
    blocked = tmp_path / "blocked.pdf"

    def write(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> None:
        if Path(path) == blocked:
            raise PermissionError(13, "Permission denied", str(path))
        real(path, data, replace=replace)

    pdf_module = importlib.import_module("govreport.writers.pdf")
    monkeypatch.setattr(files, "write_atomic", write)
    monkeypatch.setattr(pdf_module, "docx_to_pdf", lambda data: b"%PDF-1.7")
    ok = tmp_path / "ok.docx"
    result = run("render", free_data, "--template", free_template, "-o", blocked, "-o", ok)
    assert result.exit_code == EXIT_FAILED
    assert f"{blocked}: Permission denied" in result.stderr
    assert zipfile.is_zipfile(ok)
    assert f"{ok} (" in result.stderr


def test_render_absurdly_nested_input_is_invalid_input(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path, blank: Path) -> None:
    render_module = importlib.import_module("govreport.app.render")

    def deep(path: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(render_module, "load_source", deep)
    result = run("render", blank, "-o", tmp_path / "x.docx")
    assert result.exit_code == EXIT_INVALID
    assert f"{blank}: $: the data is nested too deeply to process" in result.stderr


def _free_hwpx(tmp_path: Path) -> Path:
    """The default HWPX template with its {{ body }} paragraph turned into free text."""
    src = shipped_path("report", "hwpx")
    out = tmp_path / "free.hwpx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("Contents/section"):
                body = "담당: {{ name }} / {% for x in items %}{{ x | num }} {% endfor %}"
                text = data.decode("utf-8").replace("{{ body }}", body)
                text = text.replace("{{ title }}", "{{ name }} 보고")
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return out


@needs_hwpx
def test_render_free_form_hwpx(tmp_path: Path, free_data: Path) -> None:
    template = _free_hwpx(tmp_path)
    out = tmp_path / "out.hwpx"
    result = run("render", free_data, "--template", template, "-o", out)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        section = z.read("Contents/section0.xml").decode("utf-8")
        assert z.read("mimetype") == b"application/hwp+zip"
    assert "담당: 홍길동 / 1,200 35,000" in section
    assert "홍길동 보고" in section
    hwp = run("render", free_data, "--template", template, "-o", tmp_path / "out.hwp")
    assert hwp.exit_code == 0, hwp.output  # filled as HWPX, then saved as binary .hwp
    assert (tmp_path / "out.hwp").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")


def test_render_other_json_with_a_report_template(tmp_path: Path, free_data: Path) -> None:
    report_template = shipped_path("report", "docx")
    result = run("render", free_data, "--template", report_template, "-o", tmp_path / "x.docx")
    assert result.exit_code == EXIT_INVALID
    assert "has a {{ body }} marker, so it takes a report" in result.stderr


def test_render_failure_leaves_no_file(tmp_path: Path, free_data: Path) -> None:
    import docx

    broken = tmp_path / "broken.docx"
    doc = docx.Document()
    doc.add_paragraph("{{ name ")
    doc.save(str(broken))
    out = tmp_path / "out.docx"
    result = run("render", free_data, "--template", broken, "-o", out)
    assert result.exit_code == EXIT_FAILED
    assert "template syntax error" in result.stderr
    assert not out.exists()
    out.write_bytes(b"precious")
    result = run("render", free_data, "--template", broken, "-o", out, "--force")
    assert result.exit_code == EXIT_FAILED
    assert out.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.docx", "data.json", "out.docx"]


def test_render_write_failure_is_atomic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        free_data: Path, free_template: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"precious")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", fail)
    result = run("render", free_data, "--template", free_template, "-o", out, "--force")
    monkeypatch.undo()
    assert result.exit_code == EXIT_FAILED
    assert "No space left on device" in result.stderr
    assert out.read_bytes() == b"precious"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_render_internal_error_has_no_traceback(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path, blank: Path) -> None:
    render_module = importlib.import_module("govreport.app.render")  # the module, not g.render

    def boom(*args: object, **kwargs: object) -> bytes:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(render_module, "render_bytes", boom)
    result = run("render", blank, "-o", tmp_path / "x.docx")
    assert result.exit_code == EXIT_FAILED
    assert "internal error (ZeroDivisionError: division by zero)" in result.stderr
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--theme", "nope"], "unknown theme profile 'nope'"),
        (["--theme", "missing.toml"], "missing.toml: theme file not found"),
        (["--locale", "zz_QQ"], "unknown locale 'zz_QQ'"),
        (["--template", "missing.docx"], "missing.docx: template not found"),
        (["--template", "t.odt"], "must be a .docx or .hwpx file"),
    ],
)
def test_render_bad_options(tmp_path: Path, blank: Path, option: list[str],
                            message: str) -> None:
    result = run("render", blank, "-o", tmp_path / "x.docx", *option)
    assert result.exit_code == EXIT_INVALID
    assert message in result.stderr


def test_render_template_type_must_match_an_output(tmp_path: Path, free_data: Path,
                                                   free_template: Path) -> None:
    result = run("render", free_data, "--template", free_template, "-o", tmp_path / "x.hwpx")
    assert result.exit_code == EXIT_INVALID
    assert "a .docx template needs a .docx output" in result.stderr


def test_render_missing_input(tmp_path: Path) -> None:
    result = run("render", tmp_path / "nope.json", "-o", tmp_path / "x.docx")
    assert result.exit_code == EXIT_INVALID
    assert "no such file" in result.stderr


def test_render_requires_output(blank: Path) -> None:
    result = run("render", blank)
    assert result.exit_code == EXIT_INVALID
    assert "-o" in result.stderr


# --------------------------------------------------------------------------- scripts


@pytest.mark.parametrize("suffix", [".hwpx", ".docx"])
def test_template_script_parses_arguments(tmp_path: Path, suffix: str) -> None:
    """``--help`` prints help and writes nothing (it once wrote a file named --help);
    ``--out`` and ``--check`` work for both template types."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_templates.py"

    def script_run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(path), *args], cwd=tmp_path,
                              capture_output=True, text=True, check=False)

    helped = script_run("--help")
    assert helped.returncode == 0, helped.stderr
    assert "--check" in helped.stdout
    assert list(tmp_path.iterdir()) == []
    assert script_run("stray-argument").returncode == 2
    assert script_run("--theme", "nope", "--out", f"x{suffix}").returncode == 2
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / f"t{suffix}"
    built = script_run("--out", str(out), "--theme", "central")
    assert built.returncode == 0, built.stderr
    assert zipfile.is_zipfile(out)
    assert script_run("--check", "--out", str(out), "--theme", "central").returncode == 0
    assert script_run("--check", "--out", str(out)).returncode == 1  # seoul differs


def test_validate_json_output_for_pipelines(tmp_path: Path, blank: Path, bad: Path) -> None:
    result = run("validate", "--format", "json", blank, bad, tmp_path / "missing.json")
    assert result.exit_code == EXIT_INVALID
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 3, "valid": 1, "invalid": 1, "unreadable": 1}
    by_status = {f["status"]: f for f in data["files"]}
    problems = by_status["invalid"]["problems"]
    assert problems and all(p["path"].startswith("$") for p in problems)
    assert {"path", "message", "severity"} == set(problems[0])
    assert by_status["unreadable"]["message"]


def test_validate_names_the_version_it_read(tmp_path: Path) -> None:
    """A version 1 file is valid (migrated silently); validate says which version it read."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["schema_version"] = 1
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", old)
    assert result.exit_code == 0
    assert f"{old}: OK (schema_version 1)" in result.stdout
    report = json.loads(run("validate", "--format", "json", old).stdout)
    assert report["files"][0]["schema_version"] == 1
