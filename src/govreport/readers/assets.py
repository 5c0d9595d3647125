"""An imported report saved as JSON with its pictures as files beside it (``OUT.assets/…``).

A document's pictures come out of the reader as bytes; written into the JSON they would be
megabytes of base64 no one can diff or edit.  :func:`pictures_as_files` gives each picture a
file name in a folder named after the JSON file (``plan.json`` → ``plan.assets/picture-1.png``,
in reading order; the same picture twice is one file) and the report that refers to them by
``src``, which is how a hand-written report names its pictures.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import attrs

from ..images import sniff
from ..model import Report
from ..model.figures import Figure


def assets_folder(json_path: Path) -> Path:
    """``plan.json`` → ``plan.assets`` (beside it)."""
    return json_path.with_name(json_path.stem + ".assets")


def pictures_as_files(report: Report, json_path: Path) -> tuple[Report, dict[str, bytes]]:
    """``report`` with every picture's bytes replaced by a ``src`` beside ``json_path``, and
    the files to write (path relative to the JSON's folder → bytes)."""
    folder = assets_folder(json_path).name
    files: dict[str, bytes] = {}
    names: dict[str, str] = {}

    def place(fig: Figure) -> Figure:
        assert fig.data is not None
        digest = hashlib.sha256(fig.data).hexdigest()
        name = names.get(digest)
        if name is None:
            ext = {"png": "png", "jpeg": "jpg", "svg": "svg"}.get(sniff(fig.data) or "", "bin")
            name = names[digest] = f"{folder}/picture-{len(names) + 1}.{ext}"
            files[name] = fig.data
        return attrs.evolve(fig, data=None, src=name)

    out = _map_figures(report, place)
    assert isinstance(out, Report)
    return out, files


def _map_figures(obj: Any, fn: Any) -> Any:
    """``obj`` rebuilt where a :class:`Figure` with bytes was replaced by ``fn(figure)``."""
    if isinstance(obj, tuple):
        items = [_map_figures(v, fn) for v in obj]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else tuple(items)
    if isinstance(obj, Figure):
        return fn(obj) if obj.data is not None else obj
    if not attrs.has(type(obj)):
        return obj
    changes = {}
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if isinstance(value, tuple) or attrs.has(type(value)):
            new = _map_figures(value, fn)
            if new is not value:
                changes[f.name] = new
    return attrs.evolve(obj, **changes) if changes else obj

