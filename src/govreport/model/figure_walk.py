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


def _map(obj: Any, fn: Callable[[Figure], Figure]) -> Any:
    if isinstance(obj, tuple):
        items = [_map(v, fn) for v in obj]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else tuple(items)
    if isinstance(obj, Figure):
        return fn(obj)
    if not attrs.has(type(obj)):
        return obj
    changes = {}
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if isinstance(value, tuple) or attrs.has(type(value)):
            new = _map(value, fn)
            if new is not value:
                changes[f.name] = new
    return attrs.evolve(obj, **changes) if changes else obj
