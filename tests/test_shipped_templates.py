"""Shipped templates: listed by name, exported for restyling, usable as ``--template NAME``,
and part of the package (a wheel built from a clean clone installs them)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govreport.app.cli import EXIT_INVALID, cli
from govreport.app.render import render_bytes, resolve_template
from govreport.app.shipped_templates import SHIPPED, lookup, names, shipped_path
from govreport.app.starter import starter_text
from govreport.support.errors import RenderError

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli, [os.fspath(a) for a in args], prog_name="govreport")
    assert "Traceback" not in result.output
    return result


def test_every_shipped_file_exists_and_is_a_zip_package() -> None:
    for t in SHIPPED:
        assert t.path.is_file(), t
        with zipfile.ZipFile(t.path) as z:
            assert z.testzip() is None
            wanted = "word/document.xml" if t.family == "docx" else "Contents/section0.xml"
            assert wanted in z.namelist()


def test_names_and_lookup() -> None:
    assert names()[:3] == ["report", "brief", "table-dump"]
    assert set(lookup("report")) == {"docx", "hwpx"}
    assert set(lookup("report.hwpx")) == {"hwpx"}
    assert lookup("nope") == {}
    with pytest.raises(KeyError, match="brief"):
        shipped_path("brief", "hwpx")


def test_list_shows_names_and_types() -> None:
    result = run("template", "list")
    assert result.exit_code == 0
    assert "report\tdocx,hwpx\t" in result.output
    assert "table-dump\tdocx\t" in result.output


@pytest.mark.parametrize("suffix", ["docx", "hwpx"])
def test_export_writes_the_shipped_bytes(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"mine.{suffix}"
    result = run("template", "export", "report", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == shipped_path("report", suffix).read_bytes()  # type: ignore[arg-type]
    again = run("template", "export", "report", "-o", out)
    assert again.exit_code == EXIT_INVALID and "file exists" in again.stderr
    assert run("template", "export", "report", "-o", out, "--force").exit_code == 0


@pytest.mark.parametrize(("name", "output", "message"), [
    ("nope", "x.docx", "no shipped template of that name"),
    ("brief", "x.hwpx", "is .docx only, not .hwpx"),
    ("report", "x.pdf", "must end in .docx or .hwpx"),
])
def test_export_refuses(tmp_path: Path, name: str, output: str, message: str) -> None:
    result = run("template", "export", name, "-o", tmp_path / output)
    assert result.exit_code == EXIT_INVALID
    assert message in result.stderr
    assert not (tmp_path / output).exists()


def test_render_takes_a_shipped_name(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    src.write_text(starter_text("blank"), encoding="utf-8")
    result = run("render", src, "--template", "report", "-o", tmp_path / "a.docx",
                 "-o", tmp_path / "a.hwpx")
    assert result.exit_code == 0, result.stderr
    brief = run("render", src, "--template", "brief", "-o", tmp_path / "b.docx")
    assert brief.exit_code == 0, brief.stderr
    with zipfile.ZipFile(tmp_path / "b.docx") as z:
        assert "요" in z.read("word/document.xml").decode()
    mine = tmp_path / "mine.docx"
    mine.write_bytes(shipped_path("report", "docx").read_bytes())
    mixed = run("render", src, "--template", mine, "--template", "report",
                "-o", tmp_path / "m.docx", "-o", tmp_path / "m.hwpx")
    assert mixed.exit_code == 0, mixed.stderr  # ``report`` fills the .hwpx only
    twice = run("render", src, "--template", mine, "--template", "report.docx",
                "-o", tmp_path / "t.docx")
    assert twice.exit_code == EXIT_INVALID and "two .docx templates" in twice.stderr
    wrong = run("render", src, "--template", "brief", "-o", tmp_path / "c.hwpx")
    assert wrong.exit_code == EXIT_INVALID and "docx only" in wrong.stderr


def test_a_file_wins_over_a_shipped_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("report").write_bytes(b"not a template")
    assert resolve_template("report", "docx") == Path("report")
    with pytest.raises(RenderError, match="template not found"):
        resolve_template("elsewhere.docx", "docx")


def test_library_render_takes_a_shipped_name() -> None:
    data = json.loads((ROOT / "examples/free-form/district-complaints.json").read_text("utf-8"))
    out = render_bytes(data, "docx", template="table-dump")
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        xml = z.read("word/document.xml").decode()
    assert "자치구별 민원 처리 현황" in xml and "종로구" in xml


def test_top_level_templates_folder_points_to_the_package() -> None:
    text = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    assert "src/govreport/templates/" in text
    for t in SHIPPED:
        assert t.file.split("/")[-1] in text or t.name in text


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs git and a repository checkout")
@pytest.mark.skipif(not os.environ.get("GOVREPORT_WHEEL_TEST"),
                    reason="slow (builds a wheel, makes a venv): set GOVREPORT_WHEEL_TEST=1")
def test_wheel_from_a_clean_clone_ships_the_templates(tmp_path: Path) -> None:
    """Build a wheel from a clean clone of HEAD and check the templates are inside."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp_path / "dist"), str(clone)], check=True)
    wheel = next((tmp_path / "dist").glob("govreport-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        listed = set(z.namelist())
        meta = z.read(next(n for n in listed if n.endswith("METADATA"))).decode()
    for t in SHIPPED:
        assert f"govreport/templates/{t.file}" in listed
    assert "License-Expression: MIT" in meta
    assert any(n.endswith("licenses/LICENSE") for n in listed)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    gr = env_dir / "bin" / "govreport"
    subprocess.run([str(gr), "template", "export", "report", "-o", "mine.docx"], cwd=work,
                   check=True)
    subprocess.run([str(gr), "init", "-o", "r.json"], cwd=work, check=True)
    subprocess.run([str(gr), "render", "r.json", "--template", "mine.docx", "-o", "out.docx",
                    "--template", "report", "-o", "out.hwpx"], cwd=work, check=True)
    assert (work / "out.docx").stat().st_size > 0 and (work / "out.hwpx").stat().st_size > 0
