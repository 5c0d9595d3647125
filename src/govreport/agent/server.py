"""The MCP server (``govreport mcp``): :class:`~.tools.Tools` behind the official ``mcp`` SDK.

Tools have input and output schemas (from the type hints and the ``TypedDict`` results of
:mod:`.tools`); a bad argument comes back as a tool error with a message (``is_error``), it
never stops the server.  Resources: the JSON Schema, the guide, the starter examples and
the theme profiles.  Prompts: ``draft_to_report`` and ``restyle_document``.

Over stdio the SDK serves the protocol from a private copy of file descriptor 1 and points
descriptor 1 itself at stderr, so nothing else — LibreOffice, rhwp, a stray ``print`` —
can write into the protocol stream (tests/test_mcp.py checks it during a PDF render).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Annotated, Any, Literal, ParamSpec, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import (
    CallToolResult,
    ContentBlock,
    ImageContent,
    TextContent,
    ToolAnnotations,
)
from pydantic import Field

from .. import __version__
from ..support.errors import GovReportError
from ..support.limits import Limits
from .guide import DRAFT_TO_REPORT, INTRO, RESTYLE_DOCUMENT
from .tools import (
    ExportOut,
    FormatOut,
    LintOut,
    ReadOut,
    RenderOut,
    SchemaOut,
    TemplatesOut,
    Tools,
    ValidationOut,
)
from .workspace import Workspace

P = ParamSpec("P")
R = TypeVar("R")

INSTRUCTIONS = INTRO + """
Paths are relative to the workspace root; nothing outside the workspace can be read or
written. Start with get_schema (or the resource govreport://guide), then validate_report →
fix → lint_report → render_report.
"""

Format = Literal["docx", "hwpx", "hwp", "pdf"]
ReportArg = Annotated[Any, Field(
    description="The report: a JSON object (or its JSON text). Give this or path. Any value "
                "is accepted and described, never rejected unread.")]
PathArg = Annotated[str | None, Field(
    description="A report JSON file (or for render_report/read_document a .hwpx/.hwp/.docx/"
                ".txt document) in the workspace, relative to its root. Give this or report.")]
ThemeArg = Annotated[str | None, Field(
    description="Theme profile (seoul, central) or a .toml/.json theme file in the workspace.")]

_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                             open_world_hint=False)
_WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True,
                          open_world_hint=False)


def _tool_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn govreport's errors (bad argument, path outside the workspace, invalid report,
    a limit) into tool errors with their message."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ToolError:
            raise
        except (GovReportError, ValueError) as exc:
            raise ToolError(str(exc)) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise ToolError(f"{where}{exc.strerror or exc}") from None
        except RecursionError:
            raise ToolError("the input is nested too deeply") from None

    return wrapper


def build_server(roots: Sequence[str], limits: Limits | None = None) -> MCPServer:
    """The server over the workspace ``roots`` (the first holds relative paths)."""
    tools = Tools(Workspace(roots), limits)
    server: MCPServer = MCPServer(
        "govreport", title="govreport — 개조식 보고서", version=__version__,
        instructions=INSTRUCTIONS, log_level="WARNING")

    @server.tool(annotations=_READ_ONLY)
    @_tool_errors
    def get_schema() -> SchemaOut:
        """The report JSON Schema (draft 2020-12), its schema_version, and a short guide to
        the block types (what each is, its fields)."""
        return tools.get_schema()

    @server.tool(annotations=_READ_ONLY)
    @_tool_errors
    def validate_report(report: ReportArg = None, path: PathArg = None) -> ValidationOut:
        """Check a report: types, dates, spans and the arithmetic of totals. Returns every
        problem with its JSON path, message, hint and severity, and the schema_version read.
        Never fails for a bad report: fix the value at each path and call again until
        valid is true."""
        return tools.validate_report(report, path)

    @server.tool(annotations=_READ_ONLY)
    @_tool_errors
    def lint_report(report: ReportArg = None, path: PathArg = None,
                    theme: ThemeArg = None) -> LintOut:
        """Style check of a report (what validation does not cover): sentence endings in
        개조식 items, typed symbols, lines over the theme's length, dates in another style,
        an item with a single sub-item, empty sections, Latin/Hangul spacing. Each warning
        has its JSON path and a fix."""
        return tools.lint_report(report, path, theme)

    @server.tool(annotations=_WRITES)
    @_tool_errors
    def render_report(
        report: ReportArg = None, path: PathArg = None,
        formats: Annotated[list[Format], Field(description="Output formats.")] = ["docx"],  # noqa: B006
        theme: ThemeArg = None,
        template: Annotated[str | None, Field(
            description="Shipped template name (list_templates) or a .docx/.hwpx template "
                        "file in the workspace.")] = None,
        out_dir: Annotated[str, Field(description="Output folder in the workspace.")] = "out",
        name: Annotated[str | None, Field(
            description="File name without suffix (default: the input's, or 'report').")
        ] = None,
        overwrite: bool = False,
        preview: Annotated[bool, Field(
            description="Also return the first pages as PNG images (LibreOffice for DOCX/PDF, "
                        "rhwp for HWPX) and write them next to the output.")] = False,
        preview_pages: Annotated[int, Field(ge=1, le=10)] = 2,
    ) -> Annotated[CallToolResult, RenderOut]:
        """Render a valid report into the workspace as DOCX, HWPX, HWP or PDF. Returns the
        written paths with page counts, the 목차 (table of contents with pages) and any
        warnings; with preview, PNG pages to look at."""
        out, pngs = tools.render_report(report, path, formats, theme, template, out_dir, name,
                                        overwrite, preview, preview_pages)
        import base64

        content: list[ContentBlock] = [
            TextContent(type="text", text=json.dumps(out, ensure_ascii=False, indent=2))]
        content += [ImageContent(type="image", data=base64.b64encode(png).decode("ascii"),
                                 mime_type="image/png") for png in pngs]
        return CallToolResult(content=content, structured_content=dict(out))

    @server.tool(annotations=_WRITES)
    @_tool_errors
    def read_document(
        path: Annotated[str, Field(description="A .hwpx, .hwp, .docx, .txt or .json file in "
                                               "the workspace.")],
        theme: ThemeArg = None,
        save_as: Annotated[str | None, Field(
            description="Also write the report JSON to this .json file.")] = None,
        overwrite: bool = False,
    ) -> ReadOut:
        """Import an existing document into report JSON. Returns the report, a summary and
        every fallback (text the reader could not type, with its place): check them."""
        return tools.read_document(path, theme, save_as, overwrite)

    @server.tool(annotations=_WRITES)
    @_tool_errors
    def render_template(
        template: Annotated[str, Field(
            description="A free-form template: shipped name (table-dump, records-table, "
                        "grouped-report, time-series, brief) or a .docx/.hwpx file.")],
        data: Annotated[Any, Field(description="Any JSON data. Give this or path.")] = None,
        path: Annotated[str | None, Field(description="A JSON file in the workspace.")] = None,
        formats: Annotated[list[Format], Field(description="Output formats.")] = ["docx"],  # noqa: B006
        out_dir: str = "out",
        name: str | None = None,
        overwrite: bool = False,
    ) -> RenderOut:
        """Fill a free-form (docxtpl/Jinja) template with any JSON data — for data dumps
        that are not reports. Returns the written paths."""
        return tools.render_template(template, data, path, formats, out_dir, name, overwrite)

    @server.tool(annotations=_READ_ONLY)
    @_tool_errors
    def format_korean(
        kind: Annotated[Literal["date", "period", "money", "money_myriad", "number", "count",
                                "percent"], Field(description="What the value is.")],
        value: Annotated[str | int | float, Field(
            description="ISO text for date/period ('2025-03-25', '2025-02/2025-04'); a "
                        "number otherwise (percent: already in percent, 25.14 → 25.1%).")],
        style: Annotated[Literal["compact", "spaced", "official"] | None, Field(
            description="Date style: compact '25.3.25., spaced '25. 3. 25., official "
                        "2025. 3. 25.")] = None,
        unit: Annotated[str | None, Field(
            description="money: 원, 천원, 백만원, 억원 …; count: the counter (명, 건, 개)")
        ] = None,
        decimals: Annotated[int | None, Field(ge=0, le=6)] = None,
    ) -> FormatOut:
        """Print a date, period, amount or number as a Korean report writes it (FORMAT.md
        §8): '25.3.25.(화), '24.7.~12., 131,371천원, 45억원, 1,022명, 25.1%."""
        return tools.format_korean(kind, value, style, unit, decimals)

    @server.tool(annotations=_READ_ONLY)
    @_tool_errors
    def list_templates() -> TemplatesOut:
        """The shipped templates: name, file types, purpose, and whether free-form."""
        return tools.list_templates()

    @server.tool(annotations=_WRITES)
    @_tool_errors
    def export_template(
        name: Annotated[str, Field(description="A shipped template name (list_templates).")],
        path: Annotated[str, Field(description="Where to write it (.docx or .hwpx) in the "
                                               "workspace.")],
        overwrite: bool = False,
    ) -> ExportOut:
        """Write a shipped template into the workspace, to restyle it in Hancom/Word (fonts,
        sizes, cover) and pass it back as template."""
        return tools.export_template(name, path, overwrite)

    _resources(server, tools)
    _prompts(server)
    return server


def _resources(server: MCPServer, tools: Tools) -> None:
    @server.resource("govreport://schema", name="schema", mime_type="application/schema+json",
                     description="The report JSON Schema (draft 2020-12).")
    def schema() -> str:
        return json.dumps(tools.get_schema()["schema"], ensure_ascii=False, indent=2)

    @server.resource("govreport://guide", name="guide", mime_type="text/markdown",
                     description="How to write a report: shape, rules, block types.")
    def guide() -> str:
        return tools.get_schema()["guide"]

    @server.resource("govreport://examples/blank", name="example-blank",
                     mime_type="application/json",
                     description="A small valid report with every block type once.")
    def example_blank() -> str:
        from ..app.starter import starter_text

        return starter_text("blank")

    @server.resource("govreport://examples/seoul", name="example-seoul",
                     mime_type="application/json",
                     description="서울시 시장비서실 「주요 업무 보고」(2025. 4.), a full report.")
    def example_seoul() -> str:
        from ..app.starter import starter_text

        return starter_text("seoul")

    for profile in ("seoul", "central"):
        server.resource(f"govreport://themes/{profile}", name=f"theme-{profile}",
                        mime_type="application/toml",
                        description=f"The {profile} theme profile (fonts, sizes, indents, "
                                    "spacing; docs/theme.md).")(_theme_reader(profile))


def _theme_reader(profile: str) -> Callable[[], str]:
    def theme_text() -> str:
        return (resources.files("govreport").joinpath("theme", "profiles", f"{profile}.toml")
                .read_text(encoding="utf-8"))

    return theme_text


def _prompts(server: MCPServer) -> None:
    @server.prompt(description="A memo or meeting notes → a report JSON in this schema, then "
                               "validate → fix → render.")
    def draft_to_report(notes: str, kind: str = "업무보고", formats: str = "docx,hwpx",
                        out_dir: str = "out") -> str:
        return DRAFT_TO_REPORT.format(notes=notes, kind=kind, out_dir=out_dir,
                                      formats=json.dumps(formats.split(",")))

    @server.prompt(description="An old HWP/HWPX/DOCX report → the agency's look.")
    def restyle_document(path: str, theme: str = "seoul", formats: str = "hwpx,pdf",
                         out_dir: str = "out") -> str:
        return RESTYLE_DOCUMENT.format(path=path, theme=theme, out_dir=out_dir,
                                       formats=json.dumps(formats.split(",")))


def serve(roots: Sequence[str], limits: Limits | None = None, http: str | None = None) -> None:
    """Run the server over stdio, or streamable HTTP at ``http`` (``HOST:PORT``)."""
    logging.basicConfig(level=logging.WARNING)  # (to stderr, never stdout)
    server = build_server(roots, limits)
    if http is None:
        server.run("stdio")
        return
    host, _, port = http.rpartition(":")
    from ..support.limits import current

    cap = (limits or current()).bytes("input_mb") + 1024 * 1024
    server.run("streamable-http", host=host.strip("[]") or "127.0.0.1", port=int(port),
               max_request_body_size=cap)


__all__ = ["build_server", "serve"]
