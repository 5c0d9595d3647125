"""Every code block of README.md, docs/*.md and templates/README.md runs as written.

* ``python`` blocks run in one namespace per document (in order, as a reader follows it);
* ``bash``/``sh`` blocks: each ``govreport …`` command runs through the CLI (exit 0 expected,
  unless the line ends with a ``# exit N`` comment); installing (``pip``, ``venv``), ``pytest``
  and repository scripts are the CI's own steps and are not repeated here;
* ``json`` blocks must parse (``…`` elisions are replaced first).

Each block runs in a fresh folder holding copies of ``examples/`` and ``templates/`` and a
``report.json``/``data.json`` made by ``govreport init`` (the names the docs use for "your
report").  Commands that make PDF need LibreOffice and are skipped without it.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport.app.cli import cli
from govreport.app.starter import starter_text

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "templates" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks() -> Iterator[tuple[str, str, str]]:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in _BLOCK.finditer(text):
            lang, body = m.group(1), m.group(2)
            if lang in ("python", "bash", "sh", "json"):
                line = text[:m.start()].count("\n") + 1
                yield f"{doc.relative_to(ROOT)}:{line}", lang, body


BLOCKS = list(_blocks())
DOCUMENTS = sorted({b[0].split(":")[0] for b in BLOCKS})


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "out").mkdir()
    report = starter_text("blank")
    (tmp_path / "report.json").write_text(report, encoding="utf-8")
    (tmp_path / "data.json").write_text(
        (ROOT / "examples" / "free-form" / "district-complaints.json").read_text("utf-8"),
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _commands(body: str) -> Iterator[tuple[str, int]]:
    """``govreport`` commands of a shell block, with the exit code each should give."""
    joined = re.sub(r"\\\n\s*", " ", body)
    for raw in joined.splitlines():
        line = raw.strip().removeprefix("$ ")
        m = re.search(r"#\s*exit\s+(\d+)", line)
        expect = int(m.group(1)) if m else 0
        line = re.sub(r"(^|\s)#.*$", "", line)
        for part in line.split("&&"):
            part = part.strip()
            if part.startswith("govreport "):
                yield part, expect


def _needs_pdf(command: str) -> bool:
    return ".pdf" in command or ("pdf" in command.split("--to")[-1].split()[0:1] and \
        "--to" in command)


def _json_ok(body: str) -> bool:
    """A JSON block: a document, an object's members, or one value per line."""
    text = re.sub(r"//.*", "", body)
    text = text.replace("{…}", "{}").replace("[…]", "[]").replace(", …", "").replace("…", "0")
    text = text.strip()
    lines = [x.strip().rstrip(",") for x in text.splitlines() if x.strip()]
    for candidate in (text, "{" + text.rstrip(",") + "}", "[" + ",".join(lines) + "]"):
        try:
            json.loads(candidate)
            return True
        except json.JSONDecodeError:
            continue
    return False


@pytest.mark.parametrize("document", DOCUMENTS)
def test_doc_blocks_run_in_order(document: str, workdir: Path) -> None:
    """The blocks of one document run in order, as a reader would follow it: files and
    names made by one block are there for the next."""
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    done: set[str] = set()  # the English half repeats the Korean half's commands
    for where, lang, body in BLOCKS:
        if not where.startswith(document + ":"):
            continue
        if lang == "json":
            assert _json_ok(body), f"{where}: JSON does not parse"
        elif lang == "python":
            exec(compile(body, where, "exec"), namespace)
        else:
            for command, expect in _commands(body):
                if command in done or (_needs_pdf(command) and shutil.which("soffice") is None):
                    continue
                done.add(command)
                result = CliRunner().invoke(cli, shlex.split(command)[1:], prog_name="govreport")
                assert "Traceback" not in result.output, result.output
                assert result.exit_code == expect, f"{where}: {command}\n{result.output}"


def test_every_document_is_scanned() -> None:
    assert len(BLOCKS) >= 30
    assert {b[0].split(":")[0] for b in BLOCKS} >= {"README.md", "docs/cli.md", "docs/model.md"}
