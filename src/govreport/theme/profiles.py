"""Themes by name or file: the shipped profiles, theme files, and what ``--theme`` names."""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from .io import read_theme
from .model import Theme


def load_theme(path: str | PathLike[str], base: Theme | None = None) -> Theme:
    """Read a ``.toml``/``.json`` theme merged over ``base`` (default: :class:`Theme` ())."""
    return read_theme(path, base if base is not None else Theme())


def load_profile(name: str) -> Theme:
    """A shipped profile (``seoul``, ``central``), read once per process."""
    return Theme.profile_named(name)


def resolve_theme(theme: Theme | str | PathLike[str] | None) -> Theme:
    """A Theme from an object, a profile name (``seoul``, ``central``) or a TOML/JSON path."""
    if theme is None:
        return Theme.seoul()
    if isinstance(theme, Theme):
        return theme
    text = str(theme)
    if Path(text).suffix.lower() in (".toml", ".json"):
        return Theme.load(text)
    return Theme.profile_named(text)


__all__ = ["load_profile", "load_theme", "resolve_theme"]
