"""Theme ⇄ plain data ⇄ TOML/JSON, dotted-path overrides and the shipped profiles' files.

Plain data mirrors the attrs classes: tables for groups, the field names as keys.  Reading
*merges* over a base theme (the defaults), so a file may set only what it changes.  Unknown
keys and wrongly typed values raise :class:`~govreport.theme.roles.ThemeError` naming the
key path (``levels.L2.pt: expected a number, got 'big'``).

TOML has no null: an optional value that is unset is omitted, and the string ``"none"``
stands for "unset" where the default is set (e.g. ``summary_box.fill = "none"``).

Everything here works on the classes of the ``base`` it is given, so the theme classes
(:mod:`.model`) can use it without a circle; themes by name or file are :mod:`.profiles`.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import tomllib
import types
from collections.abc import Mapping
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin, get_type_hints

import attrs
import tomli_w

from .roles import FieldValueError, ThemeError

if TYPE_CHECKING:
    from .model import Theme

__all__ = [
    "NONE",
    "apply_overrides",
    "available_profiles",
    "read_profile",
    "read_theme",
    "save_theme",
    "structure",
    "unstructure",
]

NONE = "none"
"""Spelling of an unset optional value in TOML/JSON."""

_PROFILE_PACKAGE = "govreport.theme"
_PROFILE_DIR = "profiles"


# --------------------------------------------------------------------------- type helpers


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _unknown_key(path: str, key: object, valid: list[str]) -> ThemeError:
    where = f" under {path!r}" if path else ""
    close = difflib.get_close_matches(str(key), valid, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return ThemeError(
        f"unknown key {_join(path, str(key))!r}{hint} (valid keys{where}: {', '.join(valid)})"
    )


def _convert(tp: Any, raw: Any, base: Any, path: str) -> Any:
    """Check and coerce ``raw`` to type ``tp``; attrs groups merge over ``base``."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if raw is None or raw == NONE:
            return None
        if len(args) != 1:  # pragma: no cover - no such field in the model
            raise ThemeError(f"{path}: unsupported type {tp!r}")
        return _convert(args[0], raw, base, path)
    if isinstance(tp, type) and attrs.has(tp):
        if isinstance(raw, tp):
            return raw
        return _structure(tp, raw, base if isinstance(base, tp) else tp(), path)
    if origin is Literal:
        choices = get_args(tp)
        if isinstance(raw, str) and raw in choices:
            return raw
        allowed = ", ".join(repr(c) for c in choices)
        raise ThemeError(f"{path}: expected one of {allowed}, got {_describe(raw)}")
    if tp is bool:
        if isinstance(raw, bool):
            return raw
        raise ThemeError(f"{path}: expected true or false, got {_describe(raw)}")
    if tp is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise ThemeError(f"{path}: expected an integer, got {_describe(raw)}")
    if tp is float:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        raise ThemeError(f"{path}: expected a number, got {_describe(raw)}")
    if tp is str:
        if isinstance(raw, str):
            return raw
        raise ThemeError(f"{path}: expected a string, got {_describe(raw)}")
    if origin is tuple:
        (item_tp, _ellipsis) = get_args(tp)
        if not isinstance(raw, list | tuple):
            raise ThemeError(f"{path}: expected an array, got {_describe(raw)}")
        return tuple(_convert(item_tp, v, None, f"{path}[{i}]") for i, v in enumerate(raw))
    if origin is Mapping:
        _key_tp, value_tp = get_args(tp)
        if not isinstance(raw, Mapping):
            raise ThemeError(f"{path}: expected a table, got {_describe(raw)}")
        out: dict[str, Any] = {}
        for k, v in raw.items():
            if not isinstance(k, str):
                raise ThemeError(f"{path}: keys must be strings, got {k!r}")
            out[k] = _convert(value_tp, v, None, _join(path, k))
        return out
    raise ThemeError(f"{path}: unsupported type {tp!r}")  # pragma: no cover


def _structure(cls: Any, data: Any, base: Any, path: str) -> Any:
    if not isinstance(data, Mapping):
        raise ThemeError(f"{path or 'theme'}: expected a table, got {_describe(data)}")
    hints = _hints(cls)
    names = [f.name for f in attrs.fields(cls) if f.init]
    changes: dict[str, Any] = {}
    for key, raw in data.items():
        if key not in names:
            raise _unknown_key(path, key, names)
        changes[key] = _convert(hints[key], raw, getattr(base, key), _join(path, key))
    try:
        return attrs.evolve(base, **changes)
    except ThemeError:
        raise
    except FieldValueError as exc:
        raise ThemeError(f"{_join(path, exc.field)}: {exc.reason}") from None
    except (ValueError, TypeError) as exc:
        raise ThemeError(f"{path}: {exc}" if path else str(exc)) from None


def structure(data: Mapping[str, Any], base: Theme) -> Theme:
    """A :class:`Theme` from plain data merged over ``base``; errors name the key path."""
    theme: Theme = _structure(type(base), data, base, "")
    return theme


def _plain(value: Any, base: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # ``pt = 15`` rather than ``15.0``; read back as float
    if attrs.has(type(value)):
        return _unstructure_obj(value, base if isinstance(base, type(value)) else None)
    if isinstance(value, tuple):
        return [_plain(v, None) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v, None) for k, v in value.items()}
    return value


def _unstructure_obj(obj: Any, base: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in attrs.fields(type(obj)):
        if not f.init:
            continue  # kept values, not options
        value = getattr(obj, f.name)
        default = getattr(base, f.name) if base is not None else None
        if value is None:
            if default is not None:
                out[f.name] = NONE
            continue
        if value == "" and default == "":
            continue  # e.g. symbol-less roles: ``symbol = ""`` is the default anyway
        out[f.name] = _plain(value, default)
    return out


def unstructure(theme: Theme) -> dict[str, Any]:
    """Plain data for ``theme`` (TOML/JSON-ready); :func:`structure` restores it equal."""
    return _unstructure_obj(theme, type(theme)())


# --------------------------------------------------------------------------- overrides


def apply_overrides(theme: Theme, changes: Mapping[str, Any]) -> Theme:
    """Apply ``{"dotted.path": value}`` overrides, e.g. ``{"levels.L2.symbol": "ㅇ"}``."""
    nested: dict[str, Any] = {}
    for dotted, value in changes.items():
        if not isinstance(dotted, str) or not dotted:
            raise ThemeError(f"override keys must be dotted paths, got {dotted!r}")
        parts = dotted.split(".")
        cls: Any = type(theme)
        obj: Any = theme
        target = nested
        for i, part in enumerate(parts):
            path = ".".join(parts[:i])
            is_last = i == len(parts) - 1
            if cls is Mapping:
                if not is_last:
                    raise ThemeError(f"{dotted}: {_join(path, part)!r} is not a table")
                target[part] = value
                break
            names = [f.name for f in attrs.fields(cls) if f.init]
            if part not in names:
                raise _unknown_key(path, part, names)
            if is_last:
                target[part] = copy.deepcopy(value) if isinstance(value, Mapping) else value
                break
            tp = _hints(cls)[part]
            obj = getattr(obj, part)
            if get_origin(tp) is Mapping:
                sub = target.setdefault(part, dict(obj))
                cls = Mapping
            elif isinstance(tp, type) and attrs.has(tp):
                sub = target.setdefault(part, {})
                cls = tp
            else:
                raise ThemeError(f"{dotted}: {_join(path, part)!r} is not a table")
            if not isinstance(sub, dict):
                raise ThemeError(f"{dotted}: conflicts with an override of {_join(path, part)!r}")
            target = sub
    return structure(nested, theme)


# --------------------------------------------------------------------------- files


def _read(path: Path) -> Any:
    """A theme file's data; every problem (unreadable, too big, not UTF-8, bad syntax,
    absurd nesting) is a :class:`ThemeError` naming the file."""
    from ..support.limits import LimitError, read_capped

    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ThemeError(f"{path}: theme files must end in .toml or .json")
    try:
        text = read_capped(path).decode("utf-8")
        if suffix == ".toml":
            return tomllib.loads(text)
        return json.loads(text)
    except LimitError as exc:
        raise ThemeError(str(exc)) from None
    except OSError as exc:
        raise ThemeError(f"{path}: cannot read theme file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ThemeError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02X} at "
                         f"offset {exc.start})") from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise ThemeError(f"{path}: not valid {suffix[1:].upper()}: {exc}") from None
    except RecursionError:
        raise ThemeError(f"{path}: nested too deeply") from None


def read_theme(path: str | PathLike[str], base: Theme) -> Theme:
    """Read a ``.toml``/``.json`` theme merged over ``base``."""
    p = Path(path)
    data = _read(p)
    try:
        return structure(data, base)
    except ThemeError as exc:
        raise ThemeError(f"{p}: {exc}") from None


def save_theme(theme: Theme, path: str | PathLike[str]) -> None:
    """Write ``theme`` as TOML or JSON, chosen by the file suffix."""
    p = Path(path)
    data = unstructure(theme)
    suffix = p.suffix.lower()
    if suffix == ".toml":
        text = f"# govreport theme — profile {theme.profile!r}; see docs/theme.md\n\n"
        text += tomli_w.dumps(data)
    elif suffix == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        raise ThemeError(f"{p}: theme files must end in .toml or .json")
    p.write_text(text, encoding="utf-8")


def available_profiles() -> tuple[str, ...]:
    """Names of the shipped profiles (``central``, ``seoul``)."""
    folder = resources.files(_PROFILE_PACKAGE).joinpath(_PROFILE_DIR)
    return tuple(sorted(e.name[:-5] for e in folder.iterdir() if e.name.endswith(".toml")))


def read_profile(name: str, base: Theme) -> Theme:
    """A shipped profile merged over ``base``, read from the package data
    ``govreport/theme/profiles/NAME.toml``."""
    entry = resources.files(_PROFILE_PACKAGE).joinpath(_PROFILE_DIR).joinpath(f"{name}.toml")
    if not entry.is_file():
        raise ThemeError(
            f"unknown theme profile {name!r}; available: {', '.join(available_profiles())}"
        )
    try:
        return structure(tomllib.loads(entry.read_text(encoding="utf-8")), base)
    except ThemeError as exc:
        raise ThemeError(f"profile {name}: {exc}") from None
