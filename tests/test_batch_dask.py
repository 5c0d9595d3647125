"""``govreport batch --engine dask``: on a Dask cluster (2 worker processes, loopback only)
the batch writes the same bytes and reports the same errors as the process-pool batch, and
keeps its rules (existing outputs refused, ``--skip-existing`` resumes)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govreport.app.batch import collect_inputs, run_batch, summary_lines
from govreport.app.cli import cli
from govreport.app.dask_batch import LOOPBACK_ONLY

distributed = pytest.importorskip("distributed")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local cluster of two worker processes on 127.0.0.1, for the whole module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", **LOOPBACK_ONLY) as cluster:
        yield cluster.scheduler_address


def _inputs(folder: Path) -> Path:
    """Three example reports, one that breaks the model, one that is not JSON."""
    src = folder / "in"
    src.mkdir()
    for name in ("seoul-mayor-office-2025-04", "smart-civil-service-plan-2025",
                 "citizen-proposal-plan-2025"):
        shutil.copy(EXAMPLES / f"{name}.json", src / f"{name}.json")
    (src / "bad.json").write_text(json.dumps({"meta": {"title": 3}}), encoding="utf-8")
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    return src


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _errors(summary: Any) -> list[str]:
    return [line for r in summary.failed for line in r.error_lines()]


def test_same_bytes_and_errors_as_the_process_pool(tmp_path: Path, scheduler: str) -> None:
    src = _inputs(tmp_path)
    inputs = collect_inputs([src])
    pool = run_batch(inputs, tmp_path / "pool", ["docx", "hwpx"], jobs=2)
    dask = run_batch(inputs, tmp_path / "dask", ["docx", "hwpx"], engine="dask",
                     scheduler=scheduler)
    made = _files(tmp_path / "dask")
    assert len(made) == 2 * (len(inputs) - 2)  # the good files, both formats
    assert made == _files(tmp_path / "pool")
    assert _errors(dask) == _errors(pool)
    assert any("bad.json: $.meta.title: 3 is not a string" in e for e in _errors(dask))
    assert any("broken.json: $: not valid JSON" in e for e in _errors(dask))
    assert [r.source for r in dask.results] == [r.source for r in pool.results]
    assert dask.jobs == 2  # the cluster's threads


def test_cli_refuses_existing_and_resumes(tmp_path: Path, scheduler: str) -> None:
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    for p in src.glob("*.json"):
        if "broken" in p.name or "bad" in p.name:
            p.unlink()
    first = sorted(src.glob("*.json"))[0]
    out.mkdir()
    kept = out / f"{first.stem}.docx"
    kept.write_bytes(b"mine")
    runner = CliRunner()
    args = ["batch", str(src), "-o", str(out), "--to", "docx", "--engine", "dask",
            "--scheduler", scheduler]
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 2
    assert "already exist" in refused.output
    resumed = runner.invoke(cli, [*args, "--skip-existing"])
    assert resumed.exit_code == 0, resumed.output
    assert kept.read_bytes() == b"mine"  # never replaced
    n = len(list(src.glob("*.json")))
    assert len(list(out.glob("*.docx"))) == n
    assert "1 file skipped" in resumed.output
    assert f"{n - 1}/{n - 1} files rendered" in resumed.output
    assert not list(out.glob(".*.tmp"))


def test_cli_without_scheduler_starts_a_local_cluster(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "seoul-mayor-office-2025-04.json", src / "a.json")
    (src / "b.json").write_text("[]", encoding="utf-8")  # not a report, no template
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(tmp_path / "out"),
                                      "--to", "hwpx", "--engine", "dask", "--jobs", "2"])
    assert result.exit_code == 1, result.output  # one file failed
    assert (tmp_path / "out" / "a.hwpx").read_bytes()[:2] == b"PK"
    assert not (tmp_path / "out" / "b.hwpx").exists()
    process = run_batch([src / "b.json"], tmp_path / "pool", ["hwpx"], jobs=1)
    assert summary_lines(process)[-1].strip() in result.output


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["batch", str(EXAMPLES), "-o", str(tmp_path),
                                      "--engine", "process", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "--scheduler is for --engine dask" in result.output


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "seoul-mayor-office-2025-04.json", src / "a.json")
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(tmp_path / "out"),
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert "no Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
