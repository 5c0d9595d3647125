"""Every picture of a report, replaced: one walk over the model for the readers and writers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from .figures import Figure

T = TypeVar("T")


def map_figures(obj: T, fn: Callable[[Figure], Figure]) -> T:
    """``obj`` rebuilt where ``fn`` replaced a :class:`Figure` (unchanged parts shared)."""
    return _map(obj, fn)  # type: ignore[no-any-return]


def figures(obj: Any) -> list[Figure]:
    """The figures of ``obj`` in the model's field order (cover logo, parts, appendices)."""
    found: list[Figure] = []

    def keep(fig: Figure) -> Figure:
        found.append(fig)
        return fig

    _map(obj, keep)
    return found


_NESTED: dict[type, tuple[str, ...] | None] = {}
"""Per class: the names of its fields (None: not a model class)."""


def _fields(cls: type) -> tuple[str, ...] | None:
    names = _NESTED.get(cls, ())
    if names == ():
        names = tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else None
        _NESTED[cls] = names
    return names


def _map(obj: Any, fn: Callable[[Figure], Figure]) -> Any:
    cls = type(obj)
    if cls is tuple:
        items = [_map(v, fn) for v in obj]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else tuple(items)
    if cls is Figure:
        return fn(obj)
    if cls is str or cls is int or cls is float or obj is None or cls is bool:
        return obj
    names = _fields(cls)
    if names is None:
        return obj
    changes = {}
    for name in names:
        value = getattr(obj, name)
        kind = type(value)
        if value is None or kind is str or kind is int or kind is bool or kind is float:
            continue
        new = _map(value, fn)
        if new is not value:
            changes[name] = new
    return attrs.evolve(obj, **changes) if changes else obj
