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

import attrs

from ..model import Report
from ..model.figure_walk import map_figures
from ..model.figures import Figure
from ..support.images import sniff


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

    return map_figures(report, lambda fig: place(fig) if fig.data is not None else fig), files

