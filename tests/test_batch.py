"""The parallel batch engine (``govreport.app.batch``) and ``govreport batch``."""

from __future__ import annotations

import importlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import govreport.app.batch as batch
import govreport.app.tasks as tasks
from govreport.app.batch import (
    BatchInputError,
    collect_inputs,
    parse_formats,
    plan_outputs,
    render_file,
    run_batch,
)
from govreport.app.cli import EXIT_FAILED, EXIT_INVALID, cli
from govreport.app.render import Format, render_bytes
from govreport.app.shipped_templates import shipped_path
from govreport.app.starter import starter_text
from govreport.support.errors import RenderError

RENDER = importlib.import_module("govreport.app.render")  # govreport.render is the function


def _has_writer(module: str, name: str) -> bool:
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError:
        return False
    return hasattr(mod, name)


needs_writers = pytest.mark.skipif(
    not (_has_writer("govreport.writers.docx", "write_docx")
         and _has_writer("govreport.writers.hwpx", "write_hwpx")),
    reason="DOCX/HWPX writers not available",
)


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli, [os.fspath(a) for a in args], prog_name="govreport")
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def _report(title: str) -> str:
    data = json.loads(starter_text("blank"))
    data["meta"]["title"] = title
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Four good reports, one invalid report, one file that is not JSON."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"good{i}.json").write_text(_report(f"보고 {i}"), encoding="utf-8")
    bad = json.loads(starter_text("blank"))
    bad["parts"][0]["sections"][2]["blocks"][1]["lines"][0]["budget"] = "many"
    (folder / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    (folder / "syntax.json").write_text('{"meta": {', encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    return folder


@pytest.fixture
def free_template(tmp_path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("값: {{ value | num }}")
    path = tmp_path / "free.docx"
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- planning


def test_collect_inputs_folders_globs_files(inputs: Path) -> None:
    names = [p.name for p in collect_inputs([inputs])]
    assert names == ["bad.json", "good0.json", "good1.json", "good2.json", "good3.json",
                     "syntax.json"]
    assert [p.name for p in collect_inputs([str(inputs / "good*.json")])] == [
        "good0.json", "good1.json", "good2.json", "good3.json"]
    both = collect_inputs([inputs / "good1.json", str(inputs / "good*.json")])
    assert [p.name for p in both] == ["good1.json", "good0.json", "good2.json", "good3.json"]
    recursive = collect_inputs([str(inputs.parent / "**" / "good0.json")])
    assert [p.name for p in recursive] == ["good0.json"]


def test_collect_inputs_reports_what_matches_nothing(tmp_path: Path) -> None:
    with pytest.raises(BatchInputError, match=r"nope\.json: no such file or folder"):
        collect_inputs([tmp_path / "nope.json"])
    with pytest.raises(BatchInputError, match=r"no \.json files match"):
        collect_inputs([str(tmp_path / "*.json")])


def test_parse_formats() -> None:
    assert parse_formats("docx,hwpx") == ("docx", "hwpx")
    assert parse_formats(" DOCX , .hwpx,docx ") == ("docx", "hwpx")
    assert parse_formats(["docx", "pdf,hwp"]) == ("docx", "pdf", "hwp")
    with pytest.raises(BatchInputError, match="unknown format 'odt'"):
        parse_formats("docx,odt")
    with pytest.raises(BatchInputError, match="no output format"):
        parse_formats(",")


def test_plan_outputs_names_and_clashes(tmp_path: Path) -> None:
    plan = plan_outputs([Path("a/x.json")], tmp_path / "out", ("docx", "hwpx"))
    assert plan == [(Path("a/x.json"), (tmp_path / "out/x.docx", tmp_path / "out/x.hwpx"))]
    with pytest.raises(BatchInputError, match=r"b/x\.json and a/x\.json"):
        plan_outputs([Path("a/x.json"), Path("b/x.json")], tmp_path, ("docx",))


# --------------------------------------------------------------------------- one file


def test_render_file_reports_paths_and_writes_nothing(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "bad.docx"
    result = render_file(inputs / "bad.json", [out])
    assert not result.ok
    assert result.outputs == ()
    assert result.errors == (
        '$.parts[0].sections[2].blocks[1].lines[0].budget: "many" is not an integer',)
    assert result.error_lines()[0].startswith(f"{inputs / 'bad.json'}: $.parts[0]")
    assert not out.exists()


def test_render_file_all_or_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                    free_template: Path) -> None:
    """When the second format fails, the first is not written either."""
    src = tmp_path / "v.json"
    src.write_text('{"value": 1}', encoding="utf-8")
    real = render_bytes

    def flaky(data: object, fmt: Format, **kw: Any) -> bytes:
        if fmt == "pdf":
            raise RenderError("LibreOffice is not installed")
        return real(data, fmt, **kw)

    monkeypatch.setattr(RENDER, "render_bytes", flaky)
    outs = [tmp_path / "v.docx", tmp_path / "v.pdf"]
    result = render_file(src, outs, templates={"docx": free_template})
    assert result.errors == ("LibreOffice is not installed",)
    assert not any(o.exists() for o in outs)


def test_render_file_internal_error_is_contained(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    def boom(*args: object, **kwargs: object) -> bytes:
        raise KeyError("oops")

    monkeypatch.setattr(RENDER, "render_bytes", boom)
    src = tmp_path / "r.json"
    src.write_text(_report("x"), encoding="utf-8")
    result = render_file(src, [tmp_path / "r.docx"])
    assert result.errors == ("internal error (KeyError: 'oops')",)


def test_run_batch_free_form_in_parallel(tmp_path: Path, free_template: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.json").write_text(json.dumps({"value": i * 1000}), encoding="utf-8")
    (folder / "broken.json").write_text("[1, 2", encoding="utf-8")
    seen: list[int] = []
    summary = run_batch(collect_inputs([folder]), tmp_path / "out", "docx", jobs=2,
                        templates={"docx": free_template},
                        progress=lambda r, done, total: seen.append(done))
    assert seen == list(range(1, 8))
    assert summary.jobs == 2
    assert [r.source.name for r in summary.failed] == ["broken.json"]
    assert summary.failed[0].errors[0].startswith("$: not valid JSON")
    assert summary.documents == 6
    with zipfile.ZipFile(tmp_path / "out" / "d5.docx") as z:
        assert "5,000" in z.read("word/document.xml").decode("utf-8")


# --------------------------------------------------------------------------- the command


@needs_writers
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_with_broken_inputs(inputs: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out"
    result = run("batch", inputs, "-o", out, "--to", "docx,hwpx", "--jobs", jobs)
    assert result.exit_code == EXIT_FAILED
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"good{i}.{ext}" for i in range(4) for ext in ("docx", "hwpx"))
    err = result.stderr
    assert "4/6 files rendered, 8 documents" in err
    assert "2 files failed" in err
    assert (f"{inputs / 'bad.json'}: $.parts[0].sections[2].blocks[1].lines[0].budget: "
            '"many" is not an integer') in err
    assert f"{inputs / 'syntax.json'}: $: not valid JSON" in err
    assert "[6/6] 100%" in err  # plain progress lines: stderr is not a terminal


@needs_writers
def test_batch_all_good_exit_zero(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", str(inputs / "good*.json"), "-o", out, "--to", "hwpx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"good{i}.hwpx" for i in range(4)]


def test_batch_refuses_existing_outputs(tmp_path: Path, free_template: Path) -> None:
    src = tmp_path / "v.json"
    src.write_text('{"value": 7}', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "v.docx").write_bytes(b"precious")
    args: list[str | os.PathLike[str]] = ["batch", src, "-o", out, "--template", free_template]
    result = run(*args)
    assert result.exit_code == EXIT_INVALID
    assert "already exist" in result.stderr
    assert (out / "v.docx").read_bytes() == b"precious"
    assert run(*args, "--force").exit_code == 0
    assert zipfile.is_zipfile(out / "v.docx")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "docx,odt"], "unknown format 'odt'"),
        (["--jobs", "0"], "Invalid value for '-j' / '--jobs'"),
        (["--theme", "nope"], "unknown theme profile"),
    ],
)
def test_batch_usage_errors(inputs: Path, tmp_path: Path, args: list[str],
                            message: str) -> None:
    result = run("batch", inputs, "-o", tmp_path / "out", *args)
    assert result.exit_code == EXIT_INVALID
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_batch_missing_inputs(tmp_path: Path) -> None:
    result = run("batch", tmp_path / "nothing", "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INVALID
    assert "no such file or folder" in result.stderr


def test_batch_name_clash(tmp_path: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.json").write_text(_report(d), encoding="utf-8")
    result = run("batch", tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INVALID
    assert "output name clash" in result.stderr


# --------------------------------------------------------------------------- robustness / resume


def test_render_file_too_deep_is_reported(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    def deep(*args: object, **kwargs: object) -> bytes:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(RENDER, "render_bytes", deep)
    src = tmp_path / "r.json"
    src.write_text(_report("x"), encoding="utf-8")
    result = render_file(src, [tmp_path / "r.docx"])
    assert result.errors == ("$: the data is nested too deeply to process (RecursionError)",)


def _data_files(tmp_path: Path, n: int) -> Path:
    """A folder of ``n`` data files ``d0.json`` … for the free-form template."""
    folder = tmp_path / "data"
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i}.json").write_text(json.dumps({"value": i}), encoding="utf-8")
    return folder


def test_run_batch_survives_a_crashing_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              free_template: Path) -> None:
    """A worker that dies (os._exit, as when killed for memory) breaks the process pool; the
    batch goes on and only the file that kills its worker is reported."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs the fork start method to patch the workers")
    folder = _data_files(tmp_path, 8)
    real = batch.render_file

    def crashing(source: Path, outputs: Any, **kw: Any) -> batch.FileResult:
        if Path(source).name == "d3.json":
            os._exit(1)
        return real(source, outputs, **kw)

    monkeypatch.setattr(tasks, "render_file", crashing)  # what a worker runs
    summary = run_batch(collect_inputs([folder]), tmp_path / "out", "docx", jobs=2,
                        templates={"docx": free_template})
    assert [r.source.name for r in summary.failed] == ["d3.json"]
    assert "stopped unexpectedly" in summary.failed[0].errors[0]
    assert summary.documents == 7


def test_run_batch_skip_existing(tmp_path: Path, free_template: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.json").write_text(json.dumps({"value": i}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "d1.docx").write_bytes(b"done before")
    summary = run_batch(collect_inputs([folder]), out, "docx", jobs=1,
                        templates={"docx": free_template}, skip_existing=True, overwrite=True)
    assert [p.name for p in summary.skipped] == ["d1.json"]
    assert [r.source.name for r in summary.results] == ["d0.json", "d2.json"]
    assert (out / "d1.docx").read_bytes() == b"done before"
    assert "1 file skipped, outputs already exist" in batch.summary_lines(summary)[1]


@needs_writers
def test_batch_skip_existing_resumes(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = str(inputs / "good*.json")
    assert run("batch", good, "-o", out, "--to", "docx,hwpx", "--jobs", "1").exit_code == 0
    (out / "good1.hwpx").unlink()  # interrupted: one format missing
    (out / "good2.docx").unlink()
    (out / "good2.hwpx").unlink()
    kept = (out / "good1.docx").read_bytes()
    (out / "good0.docx").write_bytes(b"kept")
    again = run("batch", good, "-o", out, "--to", "docx,hwpx", "--skip-existing")
    assert again.exit_code == 0, again.output
    assert "2/2 files rendered, 3 documents" in again.stderr
    assert "2 files skipped, outputs already exist / 이미 있어 건너뛴 파일 2개" in again.stderr
    assert (out / "good0.docx").read_bytes() == b"kept"
    assert (out / "good1.docx").read_bytes() == kept
    assert zipfile.is_zipfile(out / "good1.hwpx")
    assert zipfile.is_zipfile(out / "good2.docx")
    done = run("batch", good, "-o", out, "--to", "docx,hwpx", "--skip-existing")
    assert done.exit_code == 0
    assert "0/0 files rendered" in done.stderr
    assert "4 files skipped" in done.stderr


def test_batch_force_and_skip_existing_conflict(inputs: Path, tmp_path: Path) -> None:
    result = run("batch", inputs, "-o", tmp_path / "out", "--force", "--skip-existing")
    assert result.exit_code == EXIT_INVALID
    assert "either --force" in result.stderr


def test_batch_goes_on_after_a_missing_input(tmp_path: Path, free_template: Path) -> None:
    src = tmp_path / "v.json"
    src.write_text('{"value": 7}', encoding="utf-8")
    missing = tmp_path / "gone.json"
    result = run("batch", src, missing, "-o", tmp_path / "out", "--template", free_template)
    assert result.exit_code == EXIT_FAILED
    assert "1/2 files rendered, 1 document " in result.stderr
    assert f"  {missing}: no such file or folder" in result.stderr
    assert zipfile.is_zipfile(tmp_path / "out" / "v.docx")


def test_batch_free_form_hwpx_template_makes_hwp(tmp_path: Path, inputs: Path) -> None:
    src = shipped_path("report", "hwpx")
    free = tmp_path / "free.hwpx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(free, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("Contents/section"):
                data = data.replace(b"{{ body }}", b"{{ value }}")
            zout.writestr(info, data)
    result = run("batch", inputs, "-o", tmp_path / "out", "--to", "hwp", "--template", free)
    made = sorted((tmp_path / "out").glob("*.hwp"))
    assert made, result.output  # filled as HWPX, saved as binary .hwp (OLE signature)
    assert all(p.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1") for p in made)


def test_a_file_written_before_its_worker_was_stopped_is_not_refused_on_the_rerun(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, free_template: Path) -> None:
    """When a crash breaks the pool, the files in flight are run again; one whose output the
    stopped attempt had already written must not fail with "file exists" (the file is the
    batch's own, not one that was there before)."""
    import multiprocessing
    import time as _time

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs the fork start method to patch the workers")
    folder = _data_files(tmp_path, 4)
    out = tmp_path / "out"
    real = batch.render_file

    def crashing(source: Path, outputs: Any, **kw: Any) -> batch.FileResult:
        name = Path(source).name
        if name == "d0.json":  # dies every time, once d1 is written, in the middle of a write
            deadline = _time.monotonic() + 5
            while not (out / "d1.docx").exists() and _time.monotonic() < deadline:
                _time.sleep(0.05)
            (out / ".d0.docx.abc123.tmp").write_bytes(b"half")  # as write_atomic names them
            os._exit(1)
        result = real(source, outputs, **kw)
        if name == "d1.json" and not (out / "crashed").exists():
            (out / "crashed").write_text("")
            _time.sleep(3)  # written, not yet reported when d0's worker dies
        return result

    monkeypatch.setattr(tasks, "render_file", crashing)  # what a worker runs
    summary = run_batch(collect_inputs([folder]), out, "docx", jobs=2,
                        templates={"docx": free_template})
    assert [r.source.name for r in summary.failed] == ["d0.json"]
    assert sorted(p.name for r in summary.succeeded for p in r.outputs) == [
        "d1.docx", "d2.docx", "d3.docx"]
    assert sorted(p.name for p in out.iterdir()) == [  # no temporary file left over
        "crashed", "d1.docx", "d2.docx", "d3.docx"]
