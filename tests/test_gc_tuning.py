"""The garbage collector: the command line raises its thresholds and puts the user's back,
the library leaves them alone, and a render or a load leaves no reference cycles."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import pytest

import govreport
import govreport.app.render
from govreport.app import cli
from govreport.app.render import render_bytes
from govreport.support.gc_tuning import RENDER_THRESHOLDS, fewer_collections

SEED = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


@pytest.fixture(autouse=True)
def keep_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_raised_inside_and_restored_after() -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == RENDER_THRESHOLDS
        with fewer_collections():  # nested: still raised
            assert gc.get_threshold() == RENDER_THRESHOLDS
        assert gc.get_threshold() == RENDER_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_after_an_error() -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_user_settings_kept() -> None:
    gc.set_threshold(0, 10, 10)  # automatic collection switched off by the user
    with fewer_collections():
        assert gc.get_threshold() == (0, 10, 10)
    gc.set_threshold(100_000, 5, 500)  # higher than ours where the user wants it
    with fewer_collections():
        assert gc.get_threshold() == (100_000, 20, 500)
    assert gc.get_threshold() == (100_000, 5, 500)


def test_a_change_made_during_the_block_is_not_undone() -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        gc.set_threshold(1234, 10, 10)
    assert gc.get_threshold() == (1234, 10, 10)


def test_the_library_leaves_the_collector_alone() -> None:
    """Opt-in: render_bytes and load run with the user's thresholds (seen from inside)."""
    gc.set_threshold(700, 10, 10)
    seen: list[tuple[int, int, int]] = []
    real = govreport.app.render._render_bytes

    def spy(*args: object, **kwargs: object) -> bytes:
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    report = govreport.load(SEED)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(govreport.app.render, "_render_bytes", spy)
        assert render_bytes(report, "hwpx")[:2] == b"PK"
    assert seen == [(700, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_the_command_line_raises_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line runs its command in fewer_collections and puts them back."""
    gc.set_threshold(700, 10, 10)
    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(cli.cli, "main", lambda **kw: seen.append(gc.get_threshold()))
    cli.main(["--version"])
    assert seen == [RENDER_THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_threads_restore_when_the_last_one_leaves() -> None:
    gc.set_threshold(700, 10, 10)
    inside, release = threading.Barrier(3), threading.Event()

    def work() -> None:
        with fewer_collections():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert gc.get_threshold() == RENDER_THRESHOLDS
    release.set()
    for t in threads:
        t.join()
    assert gc.get_threshold() == (700, 10, 10)




def _cyclic_garbage(job: Callable[[], object]) -> list[str]:
    """Types of the objects that ``job`` leaves in reference cycles (freed only by the
    collector), after one warm-up run."""
    job()  # caches (theme, templates) warm
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        job()
        gc.collect()
        return [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


@pytest.mark.parametrize("fmt", ["hwpx", "docx"])
def test_a_render_leaves_no_reference_cycles(fmt: Literal["hwpx", "docx"]) -> None:
    """Everything a render makes is freed when it returns: no cycle keeps a laid-out
    document (and every node of it) waiting for the collector.  A cycle once came from
    exceptions raised and caught inside the model's type checks (traceback → frame)."""
    report = govreport.load(SEED)
    assert _cyclic_garbage(lambda: render_bytes(report, fmt)) == []


def test_loading_leaves_no_reference_cycles() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert _cyclic_garbage(lambda: govreport.loads(text)) == []
