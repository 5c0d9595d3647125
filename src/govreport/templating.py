"""The sandboxed Jinja environment used for every user template (DOCX, HWPX, free-form).

A template can use the formatting filters (``{{ d | kdate }}``, ``{{ n | num }}`` …) but
cannot reach Python internals, files or the network: :class:`SandboxedEnvironment` blocks
attribute access to private/unsafe members and no loader is configured.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import RenderError
from .formatting import filters_for


def environment(locale: str = "ko_KR") -> jinja2.Environment:
    """A fresh sandboxed environment with the formatting filters bound to ``locale``."""
    env = ImmutableSandboxedEnvironment(
        autoescape=False, undefined=jinja2.Undefined, keep_trailing_newline=True
    )
    env.filters.update(filters_for(locale))
    return env


def template_error(exc: BaseException, name: str) -> RenderError:
    """A :class:`RenderError` naming the template (and line, when Jinja knows it)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return RenderError(f"{name}: template syntax error on line {exc.lineno}: {exc.message}")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return RenderError(f"{name}: template tried an unsafe operation: {exc}")
    if isinstance(exc, jinja2.UndefinedError):
        return RenderError(f"{name}: the template uses a value the data does not have: {exc}")
    if isinstance(exc, jinja2.TemplateError):
        return RenderError(f"{name}: template error: {exc}")
    return RenderError(f"{name}: template could not be filled: {exc}")


def render_string(source: str, context: Mapping[str, Any], locale: str = "ko_KR") -> str:
    """Render one template string in the sandbox (used by the HWPX template filler)."""
    try:
        return environment(locale).from_string(source).render(**context)
    except jinja2.TemplateError as exc:
        raise template_error(exc, "template") from None
