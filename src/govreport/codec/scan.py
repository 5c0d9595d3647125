"""Parsed JSON looked over before it is structured, without recursion: repeated keys (marked by
the parser's :func:`object_pairs` hook) and nesting past the limits, each with its JSON path;
:func:`deep_text_path` finds the same place in raw text that :func:`json.loads` gave up on."""

from __future__ import annotations

import json
import re
from typing import Any

from ..checks.base import NESTING_FIELDS, nesting_message
from ..support.errors import Problem
from ..support.limits import current as current_limits


def describe(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class DuplicateKeys(dict[str, Any]):
    """A parsed JSON object that repeated some keys (``duplicates``, in order of appearance)."""

    duplicates: list[str]


def object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json`` object hook: a dict, remembering repeated keys (reported with their path)."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    marked = DuplicateKeys(obj)
    seen: set[str] = set()
    marked.duplicates = []
    for key, _ in pairs:
        if key in seen and key not in marked.duplicates:
            marked.duplicates.append(key)
        seen.add(key)
    return marked


def key_path(path: str, key: str) -> str:
    """``path`` extended by an object key (``.title``, or ``["odd key"]``)."""
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{describe(key)}]"


def _clean(data: Any, max_depth: int, max_nesting: int) -> bool:
    """True if :func:`scan` would find nothing in ``data``: no repeated keys, no nesting past
    the limits.  Checked level by level without making any JSON path (the usual case); when
    this is not sure, :func:`scan` looks again and names the places."""
    level: list[tuple[Any, int]] = [(data, 0)]
    depth = 1
    containers = (dict, list, tuple)
    while level:
        below: list[tuple[Any, int]] = []
        add = below.append
        for value, nesting in level:
            if isinstance(value, dict):
                if type(value) is not dict and getattr(value, "duplicates", None):
                    return False
                for key, v in value.items():
                    if isinstance(v, dict):
                        add((v, nesting))
                    elif isinstance(v, list | tuple):
                        if key in NESTING_FIELDS:
                            if nesting >= max_nesting:
                                return False
                            add((v, nesting + 1))
                        else:
                            add((v, nesting))
            elif isinstance(value, list | tuple):
                below.extend([(v, nesting) for v in value if isinstance(v, containers)])
        if below and depth >= max_depth:
            return False
        depth += 1
        level = below
    return True


def scan(data: Any) -> tuple[list[Problem], bool]:
    """Check parsed JSON without recursion: repeated keys, and nesting deeper than the limits.

    Returns the problems and whether any is a nesting problem (then the data must not be
    structured: the converter, the checks and the layout recurse on nesting).
    """
    lim = current_limits()
    max_depth, max_nesting = lim.json_depth, lim.nesting
    if _clean(data, max_depth, max_nesting):
        return [], False
    problems: list[Problem] = []
    too_deep = False
    containers = (dict, list, tuple)
    # (value, JSON path, containers enclosing it, children/items lists enclosing it)
    stack: list[tuple[Any, str, int, int]] = [(data, "$", 1, 0)]
    while stack:
        value, path, depth, nesting = stack.pop()
        if isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                problems.append(Problem(path=key_path(path, key),
                                        message=f"duplicate key {describe(key)}"))
            entries = [(key_path(path, k), v, nesting + (k in NESTING_FIELDS
                                                          and isinstance(v, list | tuple)))
                       for k, v in value.items() if isinstance(v, containers)]
        elif isinstance(value, list | tuple):  # tuples: data built in Python
            entries = [(f"{path}[{i}]", v, nesting) for i, v in enumerate(value)
                       if isinstance(v, containers)]  # paths only for containers
        else:
            continue
        if depth + 1 <= max_depth and all(n <= max_nesting for _, _, n in entries):
            stack.extend((child, child_path, depth + 1, n)
                         for child_path, child, n in reversed(entries))
            continue
        for child_path, child, child_nesting in reversed(entries):
            message = nesting_message(depth + 1, child_nesting)
            if message is not None:
                problems.append(Problem(path=child_path, message=message))
                too_deep = True
            else:
                stack.append((child, child_path, depth + 1, child_nesting))
    return problems, too_deep


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]', re.DOTALL)


def deep_text_path(text: str) -> Problem | None:
    """The first place where raw JSON ``text`` nests past the limits, found without parsing.

    Used when :func:`json.loads` itself gives up (it recurses; Python stops it near 1,000
    levels), so that the message names the same path :func:`scan` would.
    """
    # Each open container: [path, depth, nesting, is_object, key or index, expecting a key]
    frames: list[list[Any]] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        top = frames[-1] if frames else None
        if token[0] == '"':
            if top is not None and top[3] and top[5]:
                try:
                    top[4] = json.loads(token)
                except ValueError:
                    top[4] = token[1:-1]
                top[5] = False
        elif token == ",":
            if top is not None:
                if top[3]:
                    top[5] = True
                else:
                    top[4] += 1
        elif token in "}]":
            if frames:
                frames.pop()
        else:
            if top is None:
                path, depth, nesting = "$", 1, 0
            elif top[3]:
                path = key_path(top[0], str(top[4]))
                depth, nesting = top[1] + 1, top[2] + (token == "[" and top[4] in NESTING_FIELDS)
            else:
                path, depth, nesting = f"{top[0]}[{top[4]}]", top[1] + 1, top[2]
            message = nesting_message(depth, nesting)
            if message is not None:
                return Problem(path=path, message=message)
            frames.append([path, depth, nesting, token == "{", None if token == "{" else 0, True])
    return None


__all__ = ["DuplicateKeys", "deep_text_path", "describe", "key_path", "object_pairs", "scan"]
