"""Cached LibreOffice profiles: stale ones (another LibreOffice or macro version, unused for a
day) are removed; one in use by any process never is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreport.writers.pdf import cache, office

DAY = 24 * 3600.0
OLD_KEY = "libreoffice-0123456789ab"
KEEP = "libreoffice-ba9876543210"


def _profile(root: Path, key: str, n: int, *, age: float) -> Path:
    """A profile slot as LibreOffice leaves one, last used ``age`` seconds ago."""
    folder = root / key
    spool = folder / f"profile-{n}" / "user" / "govreport-spool"
    spool.mkdir(parents=True)
    (spool.parent / "registrymodifications.xcu").write_text("<oor:items/>", encoding="utf-8")
    lock = folder / f"profile-{n}.lock"
    lock.touch()
    when = time.time() - age
    for path in (lock, spool, spool.parent, spool.parent.parent):
        os.utime(path, (when, when))
    return folder / f"profile-{n}"


def test_stale_profiles_of_other_versions_are_removed(tmp_path: Path) -> None:
    old = [_profile(tmp_path, OLD_KEY, n, age=2 * DAY) for n in range(2)]
    current = _profile(tmp_path, KEEP, 0, age=30 * DAY)
    removed = cache.remove_stale(tmp_path, keep=KEEP)
    assert sorted(removed) == old
    assert not (tmp_path / OLD_KEY).exists()  # lock files and the folder too
    assert current.is_dir() and (tmp_path / KEEP / "profile-0.lock").is_file()


def test_recently_used_profiles_of_other_versions_stay(tmp_path: Path) -> None:
    """Another govreport version on this machine may still use its profiles."""
    recent = _profile(tmp_path, OLD_KEY, 0, age=3600)
    stale = _profile(tmp_path, OLD_KEY, 1, age=2 * DAY)
    assert cache.remove_stale(tmp_path, keep=KEEP) == [stale]
    assert recent.is_dir() and (tmp_path / OLD_KEY / "profile-0.lock").is_file()
    assert not (tmp_path / OLD_KEY / "profile-1.lock").exists()


def test_a_profile_locked_by_another_process_is_never_removed(tmp_path: Path) -> None:
    profile = _profile(tmp_path, OLD_KEY, 0, age=2 * DAY)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys; f = open(sys.argv[1], 'ab'); "
         "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()",
         str(tmp_path / OLD_KEY / "profile-0.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        assert cache.remove_stale(tmp_path, keep=KEEP) == []
        assert (profile / "user" / "registrymodifications.xcu").is_file()  # untouched
        assert (tmp_path / OLD_KEY / "profile-0.lock").is_file()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
    assert cache.remove_stale(tmp_path, keep=KEEP) == [profile]  # released: now it goes


def test_only_profile_folders_are_touched(tmp_path: Path) -> None:
    """Symlinks are not followed and nothing but ``libreoffice-<key>/profile-<n>`` goes."""
    outside = tmp_path / "outside"
    (outside / "user").mkdir(parents=True)
    (outside / "user" / "keep.txt").write_text("mine", encoding="utf-8")
    root = tmp_path / "cache"
    _profile(root, OLD_KEY, 0, age=2 * DAY)
    (root / OLD_KEY / "profile-1").symlink_to(outside)
    (root / OLD_KEY / "profile-1.lock").touch()
    os.utime(root / OLD_KEY / "profile-1.lock", (0, 0))
    (root / "libreoffice-aaaaaaaaaaaa").symlink_to(outside)
    (root / "notes").mkdir()
    os.utime(root / "notes", (0, 0))
    cache.remove_stale(root, keep=KEEP)
    assert (outside / "user" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (root / "libreoffice-aaaaaaaaaaaa").is_symlink() and (root / "notes").is_dir()
    assert not (root / OLD_KEY / "profile-0").exists()


def test_a_slot_whose_lock_file_was_removed_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cleaner removing a lock file between our open and our lock: we lock another file."""
    folder = tmp_path / KEEP
    folder.mkdir()
    flock = cache.fcntl.flock
    calls: list[int] = []

    def racing_flock(fd: int, op: int) -> None:
        if not calls:
            os.unlink(folder / "profile-0.lock")  # the cleaner got there first
        calls.append(fd)
        flock(fd, op)

    monkeypatch.setattr(cache.fcntl, "flock", racing_flock)
    taken = cache.take_slot(folder)
    assert taken is not None
    lock, profile = taken
    try:
        assert len(calls) == 2 and profile == folder / "profile-0"
        assert os.fstat(lock.fileno()).st_ino == os.stat(folder / "profile-0.lock").st_ino
    finally:
        lock.close()


def test_the_first_cached_profile_of_a_process_clears_stale_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(office, "_cleaned", set())
    stale = _profile(tmp_path / "govreport", OLD_KEY, 0, age=2 * DAY)
    profile = office._Profile(sys.executable, cached=True)
    try:
        assert profile.cached and profile.path.parent.name.startswith("libreoffice-")
        assert not stale.exists()
        again = _profile(tmp_path / "govreport", "libreoffice-cccccccccccc", 0, age=2 * DAY)
        second = office._Profile(sys.executable, cached=True)  # once per process
        second.release()
        assert again.is_dir()
    finally:
        profile.release()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice needed")
def test_a_running_libreoffice_keeps_its_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice serving conversions in a profile another version calls stale."""
    from samples import seed_docx

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    soffice = shutil.which("soffice")
    assert soffice is not None
    with office.Office(soffice) as running:
        assert running.convert(seed_docx("첫째"), 120)[:4] == b"%PDF"
        folder = next((tmp_path / "govreport").glob("libreoffice-*"))
        for path in folder.rglob("*"):
            os.utime(path, (0, 0), follow_symlinks=False)
        assert cache.remove_stale(tmp_path / "govreport", keep=KEEP) == []
        assert running.convert(seed_docx("둘째"), 120)[:4] == b"%PDF"
    # stopped: a day later it is stale
    assert cache.remove_stale(tmp_path / "govreport", keep=KEEP, now=time.time() + DAY) != []
