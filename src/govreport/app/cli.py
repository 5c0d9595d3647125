"""The ``govreport`` command line: render, validate, lint, schema, init, template, batch, mcp.

Exit codes: 0 success; 1 a document could not be rendered (``batch``: some files failed,
whatever the reason, including invalid input files); 2 invalid input or usage (bad JSON,
invalid report, unreadable file, unknown option or suffix, output exists without
``--force``); 130 interrupted.  Bad input never prints a traceback (set
``GOVREPORT_DEBUG=1`` to see one for an internal error).  Commands that take several files
or outputs (``validate``, ``batch``, ``render -o A -o B``) check every one of them and report
every problem, not just the first.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from .. import __version__
from ..support.errors import GovReportError, Problem, RenderError, ValidationError, printable, short

if TYPE_CHECKING:
    from pathlib import Path

    from ..support.limits import Limits
    from ..theme import Theme
    from .render import Format

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_INTERRUPTED = 130

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CliError(click.ClickException):
    """A failure the user should read (exit 1): the document could not be made."""

    exit_code = EXIT_FAILED

    def show(self, file: IO[Any] | None = None) -> None:
        """Print ``govreport: error: message`` to stderr (printable, bounded in length)."""
        text = printable(short(self.format_message(), MAX_MESSAGE))
        click.echo(f"govreport: error: {text}", err=True, file=file)


class InvalidInput(CliError):
    """Invalid input or usage (exit 2)."""

    exit_code = EXIT_INVALID


class Interrupted(CliError):
    """Ctrl-C (exit 130)."""

    exit_code = EXIT_INTERRUPTED


def _invalid(message: str) -> NoReturn:
    raise InvalidInput(message)


MAX_MESSAGE = 20_000
"""Most characters of one error message (the rest is cut, with a count)."""
MAX_PROBLEMS = 200
"""Most problems listed per file (then "… and N more")."""


def _problem_line(source: str, p: Problem) -> str:
    path, message = short(p.path, 300), short(p.message, 1000)
    if p.severity == "warning":
        return printable(f"{source}: {path}: warning: {message}")
    return printable(f"{source}: {path}: {message}")


def _problem_lines(source: str, problems: Sequence[Problem]) -> list[str]:
    lines = [_problem_line(source, p) for p in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        lines.append(f"{source}: … and {len(problems) - MAX_PROBLEMS:,} more problems / "
                     f"외 {len(problems) - MAX_PROBLEMS:,}건")
    return lines


def _validation_message(exc: ValidationError, source: str) -> str:
    n = len(exc.errors)
    head = f"{source}: {n} problem{'s' if n != 1 else ''} found / 오류 {n}건"
    return "\n".join([head, *_problem_lines(source, exc.errors)])


@contextmanager
def _errors(source: str | None = None) -> Iterator[None]:
    """Turn library exceptions into clear messages and exit codes (never a traceback)."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except ValidationError as exc:
        raise InvalidInput(_validation_message(exc, exc.source or source or "input")) from None
    except RenderError as exc:
        raise CliError(str(exc)) from None
    except GovReportError as exc:  # ThemeError and other input problems
        raise InvalidInput(str(exc)) from None
    except KeyboardInterrupt:
        raise Interrupted("interrupted / 중단됨") from None
    except FileExistsError as exc:  # another process claimed the output first: no --force
        raise InvalidInput(f"{exc.filename}: file exists (use --force to overwrite) / "
                           "파일이 이미 있습니다") from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise CliError(f"{where}{exc.strerror or exc}") from None
    except RecursionError as exc:  # absurdly nested input: bad input, not a bug
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        from .batch import describe_error

        raise InvalidInput(f"{source or 'input'}: {describe_error(exc)}") from None
    except Exception as exc:
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        raise CliError(
            f"internal error ({type(exc).__name__}: {exc}); please report it with the input "
            "file (GOVREPORT_DEBUG=1 shows the traceback)"
        ) from None


def _write_output(path: Path, data: bytes, force: bool) -> None:
    from ..support.files import write_atomic

    if path.exists() and not force:
        _invalid(f"{path}: file exists (use --force to overwrite) / 파일이 이미 있습니다")
    with _errors():
        write_atomic(path, data, replace=force)


def _check_locale(locale: str) -> None:
    from ..formatting.numbers import get_locale

    try:
        get_locale(locale)
    except Exception:
        _invalid(f"unknown locale {locale!r} (e.g. ko_KR, en_US)")


def _check_theme(theme: str | None) -> Theme | None:
    """The resolved Theme (or None); a missing file or unknown profile is a usage error."""
    from pathlib import Path

    if theme is None:
        return None
    from ..theme import resolve_theme

    if Path(theme).suffix.lower() in (".toml", ".json") and not Path(theme).is_file():
        _invalid(f"{theme}: theme file not found")
    with _errors():
        return resolve_theme(theme)


def _templates_for(templates: Sequence[str], formats: Sequence[Format]) -> dict[str, str]:
    """``--template`` files by family (docx/hwpx); each must exist (a file, or a shipped
    template name such as ``report``) and be used by an output."""
    from pathlib import Path

    from ..writers.registry import template_family
    from .shipped_templates import lookup, names

    families = {template_family(f) for f in formats}
    out: dict[str, str] = {}
    deferred: list[tuple[str, dict[str, str]]] = []

    def add(family: str, given: str, path: str) -> None:
        if family in out:
            _invalid(f"two .{family} templates given ({out[family]}, {given}); give one per type")
        out[family] = path

    for t in templates:
        suffix = Path(t).suffix.lower().lstrip(".")
        if Path(t).is_file():
            if suffix not in ("docx", "hwpx"):
                _invalid(f"{t}: a template must be a .docx or .hwpx file")
            if suffix not in families:
                need = "a .docx output (or .pdf)" if suffix == "docx" else "a .hwpx or .hwp output"
                _invalid(f"{t}: a .{suffix} template needs {need}")
            add(suffix, t, t)
            continue
        shipped = lookup(t)
        if not shipped:
            if suffix in ("docx", "hwpx"):
                _invalid(f"{t}: template not found (shipped templates: {', '.join(names())})")
            _invalid(f"{t}: no such template; a template must be a .docx or .hwpx file or a "
                     f"shipped template name ({', '.join(names())})")
        used = [family for family in shipped if family in families]
        if not used:
            have = " and ".join(f".{f}" for f in shipped)
            _invalid(f"{t}: the shipped template is {have} only; no output of that type")
        if len(shipped) > 1:  # a bare name (``report``) fills the types no other one gives
            deferred.append((t, {f: str(shipped[f].path) for f in used}))
            continue
        add(used[0], t, str(shipped[used[0]].path))
    for t, paths in deferred:
        free = {f: path for f, path in paths.items() if f not in out}
        if not free:
            _invalid(f"{t}: every output type already has a template; give one per type")
        out.update(free)
    return out


def _limits(specs: Sequence[str]) -> Limits | None:
    """The ``--limit NAME=VALUE`` options as :class:`Limits` (None: the defaults)."""
    if not specs:
        return None
    from ..support.limits import LimitError, Limits  # on use: attrs stays off the ``--help`` path

    try:
        return Limits.parse(specs)
    except LimitError as exc:
        _invalid(str(exc))


@contextmanager
def _limited(specs: Sequence[str]) -> Iterator[None]:
    """Run the block with the ``--limit`` options in force."""
    from ..support.limits import using

    with using(_limits(specs)):
        yield


def _limit_option(f: Any) -> Any:
    return click.option(
        "--limit", "limit_specs", multiple=True, metavar="NAME=VALUE",
        help="한도 바꾸기(여러 번 가능, docs/cli.md 「한도」) / change a limit, e.g. "
             "render_seconds=120 or input_mb=200 (repeatable; see docs/cli.md, Limits)")(f)


def _coerce_option(f: Any) -> Any:
    return click.option(
        "--coerce-numbers", "coerce", is_flag=True,
        help="글로 적은 숫자(\"1,500\")를 숫자로 바꾸고 칸마다 경고 / convert figures typed "
             "as text in figure columns to numbers, with a warning per cell")(f)


def _parse_formats(spec: Sequence[str]) -> tuple[Format, ...]:
    from .batch import BatchInputError, parse_formats

    try:
        return parse_formats(spec)
    except BatchInputError as exc:
        _invalid(str(exc))


# --------------------------------------------------------------------------- the group


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="govreport")
def cli() -> None:
    """개조식 보고서를 JSON 데이터에서 DOCX·HWPX·PDF로 만듭니다.

    Korean government-format (개조식) reports from JSON data, as DOCX, HWPX and PDF.

    \b
    종료 코드 / exit codes: 0 성공 ok · 1 렌더링 실패 rendering failed
      (batch: 실패한 파일이 있음 some files failed) · 2 잘못된 입력·사용법
      invalid input or usage · 130 중단 interrupted
    """
    _print_warnings()


def _print_warnings() -> None:
    """Show the library's :class:`~govreport.errors.GovReportWarning` as one plain line on
    stderr (``govreport: warning: …``); other warnings as Python shows them."""
    import warnings

    from ..support.errors import GovReportWarning

    shown = warnings.showwarning
    if getattr(shown, "govreport", False):
        return

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        if issubclass(category, GovReportWarning):
            click.echo(f"govreport: warning: {printable(str(message))}", err=True)
        else:
            shown(message, category, filename, lineno, file, line)

    show.govreport = True  # type: ignore[attr-defined]
    warnings.showwarning = show


# --------------------------------------------------------------------------- render


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("source", metavar="REPORT.json|.hwpx|.hwp|.docx|.txt",
                type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outputs", multiple=True, required=True, metavar="OUT",
              help="출력 파일 (.docx .hwpx .hwp .pdf, 여러 번 가능) / "
                   "output file, by suffix; repeat for several formats")
@click.option("--template", "templates", multiple=True, metavar="T.docx|T.hwpx",
              help="서식 파일 ({{ body }} 없으면 자유 양식) / template file; without a "
                   "{{ body }} marker it is free-form and any JSON can fill it "
                   "(one .docx and one .hwpx allowed)")
@click.option("--theme", metavar="seoul|central|FILE",
              help="테마: 프로필 이름 또는 .toml/.json 파일 (기본 seoul) / "
                   "theme profile or theme file (default: seoul)")
@click.option("--locale", default="ko_KR", show_default=True,
              help="숫자·날짜 형식 로캘 / locale of numbers and dates")
@click.option("-f", "--force", is_flag=True,
              help="기존 파일 덮어쓰기 / overwrite existing output files")
@click.option("--no-source", "no_source", is_flag=True,
              help="보고서 JSON을 문서에 싣지 않음 (다시 읽기는 인식만으로) / leave the report's "
                   "JSON out of the DOCX/HWPX (read back by recognition alone)")
@_coerce_option
@_limit_option
def render(source: str, outputs: tuple[str, ...], templates: tuple[str, ...],
           theme: str | None, locale: str, force: bool, no_source: bool, coerce: bool,
           limit_specs: tuple[str, ...]) -> None:
    """보고서를 문서로 만듭니다 / Render a report (or, with a free-form template, any JSON).

    \b
    예 / examples:
      govreport render report.json -o report.docx
      govreport render report.json -o report.docx -o report.hwpx --theme central
      govreport render data.json --template free.docx -o out.docx
      govreport render old.hwp -o new.hwpx --theme central   (기존 문서 다시 꾸미기 / restyle)
    """
    with _limited(limit_specs):
        _render(source, outputs, templates, theme, locale, force, not no_source, coerce)


def _render(source: str, outputs: tuple[str, ...], templates: tuple[str, ...],
            theme: str | None, locale: str, force: bool, embed_source: bool = True,
            coerce: bool = False) -> None:
    from pathlib import Path

    from ..writers.registry import template_family
    from .render import Layouts, output_format, pdf_first, render_bytes

    paths: list[Path] = []
    for o in outputs:
        p = Path(o)
        if p not in paths:
            paths.append(p)
    formats: list[Format] = []
    for p in paths:
        try:
            formats.append(output_format(p))
        except RenderError as exc:
            _invalid(str(exc))
    for p in paths:
        if p.is_dir():
            _invalid(f"{p}: is a folder")
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        _invalid("\n".join(f"{p}: file exists (use --force to overwrite) / 파일이 이미 있습니다"
                           for p in existing))
    tpl = _templates_for(templates, formats)
    th = _check_theme(theme)
    _check_locale(locale)
    if not Path(source).is_file():
        _invalid(f"{source}: no such file")

    from ..model import Report

    with _errors(source):
        if _is_document(source):
            data = _read_document(source, strict=False, theme=theme)
        else:
            data = _load_coerced(source, coerce)
    if isinstance(data, Report):
        _show_warnings(source, data)
    elif not tpl:
        _invalid(f'{source}: not a report (no "meta" field). Any other JSON needs a free-form '
                 "template: --template free.docx")
    _check_template_use(source, data, paths, formats, tpl)

    # Render every output (in memory) and report every failure; write only if all succeed.
    rendered: list[tuple[Path, bytes]] = []
    failures: list[CliError] = []
    pdf: bytes | None = None  # a DOCX rendered with a PDF takes the PDF's 목차 page numbers
    layouts = Layouts()  # the report is laid out once for every output
    ranked = pdf_first(formats)  # PDF first (its 목차 pages), .hwp after the .hwpx
    order = sorted(zip(paths, formats, strict=True), key=lambda pf: ranked.index(pf[1]))
    from ..support.images import reading_from

    for p, fmt in order:
        try:
            with _errors(source), reading_from(Path(source).resolve().parent):
                blob = render_bytes(data, fmt, template=tpl.get(template_family(fmt)), theme=th,
                                    locale=locale, layouts=layouts, embed_source=embed_source,
                                    toc_pdf=pdf if fmt == "docx" and isinstance(data, Report)
                                    else None)
                rendered.append((p, blob))
                if fmt == "pdf":
                    pdf = blob
        except Interrupted:
            raise
        except CliError as exc:
            failures.append(_for_output(exc, p) if len(paths) > 1 else exc)
    if failures:
        _raise_all(failures, "nothing written / 아무 파일도 쓰지 않았습니다"
                   if len(paths) > 1 else None)

    # Write every output (each atomically); a write failure does not stop the others.
    from ..support.files import write_atomic

    for p, blob in rendered:
        try:
            with _errors():
                write_atomic(p, blob, replace=force)
        except Interrupted:
            raise
        except CliError as exc:
            failures.append(exc)
            continue
        click.echo(f"{p} ({_size(len(blob))})", err=True)
    if failures:
        _raise_all(failures)


def _is_document(source: str) -> bool:
    from pathlib import Path

    return Path(source).suffix.lower() in (".hwpx", ".hwp", ".docx", ".txt", ".text")


def _read_document(source: str, *, strict: bool, theme: str | None) -> Any:
    """Read a document with the readers, printing its fallbacks and summary to stderr."""
    from ..readers import read_document

    result = read_document(source, theme=theme)
    for f in result.fallbacks:
        click.echo(f"{source}: {f}", err=True)
    for c in result.changes:
        click.echo(f"{source}: {c}", err=True)
    click.echo(f"{source}: {result.summary}", err=True)
    if strict and result.fallbacks:
        _invalid(f"{source}: {len(result.fallbacks)} fallback(s) with --strict; nothing written")
    return result.report


# --------------------------------------------------------------------------- import


@cli.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("source", metavar="IN.hwpx|.hwp|.docx|.txt", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="OUT.json",
              type=click.Path(dir_okay=False), help="보고서 JSON / report JSON to write")
@click.option("--strict", is_flag=True,
              help="하나라도 대체되면 실패 / fail (exit 2) when anything fell back")
@click.option("--theme", metavar="seoul|central|FILE",
              help="날짜·기호 형식을 읽을 테마 (기본 seoul) / theme whose date and symbol "
                   "forms are read (default: seoul)")
@click.option("-f", "--force", is_flag=True, help="기존 파일 덮어쓰기 / overwrite OUT.json")
@_limit_option
def import_(source: str, output: str, strict: bool, theme: str | None, force: bool,
            limit_specs: tuple[str, ...]) -> None:
    """기존 문서를 보고서 JSON으로 / Read an existing report into report JSON.

    \b
    예 / examples:
      govreport import 2024-업무보고.hwpx -o 2024.json
      govreport import 계획.docx -o plan.json --strict
      govreport import memo.txt -o memo.json
    """
    from pathlib import Path

    from ..codec.converter import dumps

    if not Path(source).is_file():
        _invalid(f"{source}: no such file")
    out = Path(output)
    if out.suffix.lower() != ".json":
        _invalid(f"{output}: the output of import is report JSON (.json)")
    if out.exists() and not force:
        _invalid(f"{out}: file exists (use --force to overwrite) / 파일이 이미 있습니다")
    _check_theme(theme)
    from ..readers.assets import assets_folder, pictures_as_files

    folder = assets_folder(out)
    with _limited(limit_specs), _errors(source):
        report = _read_document(source, strict=strict, theme=theme)
        report, pictures = pictures_as_files(report, out)
        text = dumps(report)
    if pictures and folder.exists() and not force:
        _invalid(f"{folder}: folder exists (use --force to overwrite) / 폴더가 이미 있습니다")
    for rel, blob in pictures.items():  # the pictures first: the JSON names them
        _write_output(out.parent / rel, blob, force)
    if pictures:
        click.echo(f"{folder}/ ({len(pictures)} picture{'s' if len(pictures) != 1 else ''}, "
                   f"{_size(sum(map(len, pictures.values())))})", err=True)
    _write_output(out, text.encode("utf-8"), force)
    click.echo(f"{out} ({_size(len(text.encode('utf-8')))})", err=True)


def _check_template_use(source: str, data: Any, paths: Sequence[Path],
                        formats: Sequence[Format], tpl: dict[str, str]) -> None:
    """Usage errors of free-form data and templates, all listed before anything is rendered."""
    from ..model import Report
    from ..writers.registry import template_family

    free_form = _free_form_templates(tpl)
    problems: list[str] = []
    for p, fmt in zip(paths, formats, strict=True):
        family = template_family(fmt)
        template = tpl.get(family)
        free = free_form.get(family, False)
        if not isinstance(data, Report) and template is None:
            problems.append(f"{p}: no .{family} template given for this free-form data")
        elif not isinstance(data, Report) and not free:
            problems.append(f"{template}: has a {{{{ body }}}} marker, so it takes a report; "
                            f"{source} is not one (a free-form template has no marker)")
    if problems:
        _invalid("\n".join(dict.fromkeys(problems)))


def _free_form_templates(tpl: dict[str, str]) -> dict[str, bool]:
    """Whether each ``--template`` (by family) is free-form (has no ``{{ body }}`` marker)."""
    from pathlib import Path

    from ..writers.registry import template_family
    from .render import is_free_form

    free_form: dict[str, bool] = {}
    for family, tpl_path in tpl.items():
        try:
            free_form[family] = is_free_form(Path(tpl_path), template_family(family))
        except RenderError as exc:
            raise CliError(str(exc)) from None
    return free_form


def _for_output(exc: CliError, path: Path) -> CliError:
    """``exc`` with its message prefixed by the output it concerns."""
    return type(exc)(f"{path}: {exc.format_message()}")


def _raise_all(failures: Sequence[CliError], tail: str | None = None) -> NoReturn:
    """One error listing every failure; exit 2 if any is invalid input, else 1."""
    lines = [f.format_message() for f in failures]
    if tail:
        lines.append(tail)
    if any(isinstance(f, InvalidInput) for f in failures):
        _invalid("\n".join(lines))
    raise CliError("\n".join(lines))


def _load_coerced(source: str, coerce: bool) -> Any:
    """:func:`~govreport.app.render.load_source`, printing each figure ``--coerce-numbers``
    converted as a warning line."""
    import warnings

    from ..codec.coerce import NumbersCoerced
    from .render import load_source

    if not coerce:
        return load_source(source)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NumbersCoerced)
        data = load_source(source, coerce_numbers=True)
    for w in caught:
        if isinstance(w.message, NumbersCoerced):
            click.echo(_problem_line(source, w.message.problem), err=True)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return data


def _show_warnings(source: str, report: Any) -> None:
    from ..checks.semantic import check_report  # read from a file: the structure is checked

    for p in check_report(report):
        if p.severity == "warning":
            click.echo(_problem_line(source, p), err=True)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


# --------------------------------------------------------------------------- validate


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("sources", metavar="REPORT.json...", nargs=-1, required=True)
@click.option("--strict", is_flag=True,
              help="경고도 실패로 처리 / treat warnings as errors (exit 2)")
@click.option("-q", "--quiet", is_flag=True,
              help="문제만 출력 / print problems only, no OK lines")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True,
              help="결과 형식(json: 다른 프로그램용) / output format (json for pipelines)")
@_coerce_option
@_limit_option
def validate(sources: tuple[str, ...], strict: bool, quiet: bool, output_format: str,
             coerce: bool, limit_specs: tuple[str, ...]) -> None:
    """보고서 JSON을 검사합니다 / Check report JSON files and list every problem.

    Files, folders (their *.json) or glob patterns.  Every file is checked, even after one
    that is missing, unreadable or invalid.  Each problem is printed as
    "file: $.json.path: message" ("file: message" when the file cannot be read); warnings
    are shown but do not fail (unless --strict).  Several files end with a summary line.
    --format json prints one JSON object (files, their status and problems, and a summary).
    Exit 0 when all are valid, 2 when any is invalid or unreadable.
    """
    with _limited(limit_specs):
        _validate(sources, strict, quiet, output_format, coerce)


def _validate(sources: tuple[str, ...], strict: bool, quiet: bool, output_format: str,
              coerce: bool = False) -> None:
    import json

    from .batch import find_inputs

    entries: list[Path | tuple[str, str]] = []  # a file, or (spec, why it names nothing)
    seen: set[Path] = set()
    for spec in sources:
        found, missing = find_inputs([spec])
        entries.extend(missing)
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                entries.append(path)
    results: list[FileCheck] = [
        FileCheck(name=entry[0], status="unreadable", message=entry[1])
        if isinstance(entry, tuple) else _validate_one(entry, strict, coerce)
        for entry in entries
    ]
    counts = {k: sum(r.status == k for r in results) for k in ("valid", "invalid", "unreadable")}
    if output_format == "json":
        click.echo(json.dumps({
            "files": [r.as_json() for r in results],
            "summary": {"files": len(results), **counts},
        }, ensure_ascii=False, indent=2))
    else:
        for r in results:
            for line in r.lines(quiet):
                click.echo(line)
        if len(results) > 1 and not quiet:
            n = len(results)
            click.echo(f"{n} files: {counts['valid']} valid, {counts['invalid']} invalid, "
                       f"{counts['unreadable']} unreadable / 파일 {n}개: 정상 {counts['valid']}, "
                       f"오류 {counts['invalid']}, 읽지 못함 {counts['unreadable']}")
    if counts["invalid"] or counts["unreadable"]:
        sys.exit(EXIT_INVALID)


@dataclass(frozen=True, slots=True, kw_only=True)
class FileCheck:
    """The outcome of validating one file."""

    name: str
    status: str  # "valid" | "invalid" | "unreadable"
    problems: tuple[Problem, ...] = ()
    message: str | None = None  # a whole-file problem (unreadable, internal error)
    schema_version: int | None = None  # the version the file stated (v1 files are migrated)

    def lines(self, quiet: bool) -> list[str]:
        if self.message is not None:
            return [printable(f"{self.name}: {short(self.message, MAX_MESSAGE)}")]
        out = _problem_lines(self.name, self.problems)
        if self.status == "valid" and not quiet:
            warnings = sum(p.severity == "warning" for p in self.problems)
            notes = [] if self.schema_version is None else [
                f"schema_version {self.schema_version}"]
            if warnings:
                notes.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
            extra = f" ({'; '.join(notes)})" if notes else ""
            out.append(f"{self.name}: OK{extra}")
        return out

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"file": printable(self.name), "status": self.status}
        if self.schema_version is not None:
            data["schema_version"] = self.schema_version
        if self.message is not None:
            data["message"] = printable(short(self.message, MAX_MESSAGE))
        data["problems"] = [{"path": printable(short(p.path, 300)),
                             "message": printable(short(p.message, 1000)),
                             "severity": p.severity}
                            for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            data["more_problems"] = len(self.problems) - MAX_PROBLEMS
        return data


def _validate_one(path: Path, strict: bool, coerce: bool = False) -> FileCheck:
    """Check one file; never raises for a bad file (only for Ctrl-C), so one file cannot
    stop the others."""
    from .. import check
    from ..readers.json import load_versioned
    from .batch import describe_error

    name = str(path)
    version: int | None = None
    try:
        try:
            report, version = load_versioned(path, check=False)
            coerced: list[Problem] = []
            if coerce:
                from ..codec.coerce import coerce_numbers

                report, coerced = coerce_numbers(report)
            problems = coerced + check(report)
        except ValidationError as exc:  # not JSON, or not the report structure
            problems = exc.errors
    except KeyboardInterrupt:
        raise Interrupted("interrupted / 중단됨") from None
    except GovReportError as exc:
        return FileCheck(name=name, status="invalid", message=str(exc))
    except OSError as exc:
        return FileCheck(name=name, status="unreadable",
                         message=f"cannot read file: {exc.strerror or exc}")
    except RecursionError as exc:
        return FileCheck(name=name, status="invalid", message=describe_error(exc))
    except Exception as exc:
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        return FileCheck(name=name, status="unreadable",
                         message=f"{describe_error(exc)}; please report it with the input file")
    failed = any(p.severity == "error" or strict for p in problems)
    return FileCheck(name=name, status="invalid" if failed else "valid",
                     problems=tuple(problems), schema_version=version)


# --------------------------------------------------------------------------- schema / init


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="저장할 파일 (없으면 표준 출력) / write to FILE instead of stdout")
@click.option("-f", "--force", is_flag=True, help="기존 파일 덮어쓰기 / overwrite FILE")
def schema(output: str | None, force: bool) -> None:
    """JSON Schema를 출력합니다 / Print the JSON Schema of the report format.

    Use it in an editor (VS Code: "json.schemas") for completion and checks while typing.
    """
    import json

    from .. import json_schema

    with _errors():
        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    _emit(text, output, force)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--example", type=click.Choice(["blank", "seoul"]), default="blank",
              show_default=True,
              help="blank: 모든 블록 유형을 한 번씩 담은 뼈대 / a skeleton with every block "
                   "type once; seoul: 서울시 업무보고 예시 / the full Seoul example")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="저장할 파일 (없으면 표준 출력) / write to FILE instead of stdout")
@click.option("-f", "--force", is_flag=True, help="기존 파일 덮어쓰기 / overwrite FILE")
def init(example: str, output: str | None, force: bool) -> None:
    """새 보고서 JSON을 만듭니다 / Write a starter report JSON to edit."""
    from pathlib import Path

    from .starter import starter_text

    try:
        text = starter_text(example)  # type: ignore[arg-type]
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None
    _emit(text, output, force)
    if output is not None:
        click.echo(f"다음 / next: govreport validate {output} && "
                   f"govreport render {output} -o {Path(output).with_suffix('.docx')}", err=True)


def _emit(text: str, output: str | None, force: bool) -> None:
    from pathlib import Path

    if output is None:
        click.echo(text, nl=False)
        return
    path = Path(output)
    _write_output(path, text.encode("utf-8"), force)
    click.echo(f"{path} ({_size(len(text.encode('utf-8')))})", err=True)


# --------------------------------------------------------------------------- template


@cli.group(context_settings=CONTEXT_SETTINGS)
def template() -> None:
    """함께 제공되는 서식 / Templates shipped with govreport (list, export to restyle)."""


@template.command("list", context_settings=CONTEXT_SETTINGS)
def template_list() -> None:
    """제공 서식 목록 / List the shipped templates (name, types, purpose)."""
    from .shipped_templates import lookup, names

    for name in names():
        files = lookup(name)
        kinds = ",".join(files)
        first = next(iter(files.values()))
        click.echo(f"{name}\t{kinds}\t{first.description}")


@template.command("export", context_settings=CONTEXT_SETTINGS)
@click.argument("name", metavar="NAME")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="저장할 파일 (.docx 또는 .hwpx) / where to write it (.docx or .hwpx)")
@click.option("-f", "--force", is_flag=True, help="기존 파일 덮어쓰기 / overwrite FILE")
def template_export(name: str, output: str, force: bool) -> None:
    """제공 서식을 파일로 꺼냅니다 / Write a shipped template to FILE, to restyle it.

    \b
    예 / examples:
      govreport template export report -o mine.docx
      govreport template export report -o mine.hwpx
      govreport render report.json --template mine.docx -o out.docx
    """
    from pathlib import Path

    from .shipped_templates import lookup, names

    path = Path(output)
    family = path.suffix.lower().lstrip(".")
    if family not in ("docx", "hwpx"):
        _invalid(f"{output}: the output must end in .docx or .hwpx")
    shipped = lookup(name)
    if not shipped:
        _invalid(f"{name}: no shipped template of that name (shipped: {', '.join(names())})")
    found = shipped.get(family)  # type: ignore[call-overload]
    if found is None:
        have = " and ".join(f".{f}" for f in shipped)
        _invalid(f"{name}: the shipped template is {have} only, not .{family}")
    if path.is_dir():
        _invalid(f"{path}: is a folder")
    with _errors():
        data = found.path.read_bytes()
    _write_output(path, data, force)
    click.echo(f"{path} ({_size(len(data))})", err=True)


# --------------------------------------------------------------------------- batch


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("sources", metavar="DIR_OR_GLOB...", nargs=-1, required=True)
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False),
              metavar="OUTDIR", help="출력 폴더 (OUTDIR/<이름>.<형식>) / output folder")
@click.option("--to", "to", default="docx", show_default=True, metavar="docx,hwpx,…",
              help="출력 형식 (쉼표로 구분) / output formats, comma-separated "
                   "(docx, hwpx, hwp, pdf)")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="동시 작업 수 (기본: CPU 수) / worker processes (default: CPU count)")
@click.option("--template", "templates", multiple=True, metavar="T.docx|T.hwpx",
              help="서식 파일 (형식별 하나) / template file (one .docx, one .hwpx)")
@click.option("--theme", metavar="seoul|central|FILE",
              help="테마 / theme profile or theme file (default: seoul)")
@click.option("--locale", default="ko_KR", show_default=True,
              help="숫자·날짜 형식 로캘 / locale of numbers and dates")
@click.option("-f", "--force", is_flag=True,
              help="기존 파일 덮어쓰기 / overwrite existing output files")
@click.option("--skip-existing", is_flag=True,
              help="출력이 모두 있는 입력은 건너뜀(이어서 하기) / skip inputs whose outputs all "
                   "exist, make only missing ones (resume an interrupted batch)")
@click.option("--engine", type=click.Choice(["process", "dask"]), default=None,
              help="process: 이 컴퓨터의 작업 프로세스(기본) / worker processes here (default); "
                   "dask: Dask distributed (govreport[dask]), --scheduler 없으면 로컬 클러스터 "
                   "/ a local cluster of --jobs workers unless --scheduler is given")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Dask 스케줄러 주소(--engine dask) / address of a Dask scheduler")
@_limit_option
def batch(sources: tuple[str, ...], outdir: str, to: str, jobs: int | None,
          templates: tuple[str, ...], theme: str | None, locale: str, force: bool,
          skip_existing: bool, engine: str | None, scheduler: str | None,
          limit_specs: tuple[str, ...]) -> None:
    """여러 JSON을 한꺼번에 문서로 만듭니다 / Render many JSON files in parallel.

    SOURCES are files, folders (their *.json) or glob patterns ("dumps/**/*.json").
    Output: OUTDIR/<stem>.<ext> for each format.  A bad or missing file never stops the
    others; the failures are listed at the end (file: $.json.path: message) and the exit
    code is 1.  Exit 2 only when the batch does not start: bad options, no input at all,
    clashing output names, or existing outputs without --force / --skip-existing.

    \b
    예 / examples:
      govreport batch dumps/ -o out --to docx,hwpx --jobs 4
      govreport batch dumps/ -o out --to docx,hwpx --skip-existing   # 이어서 / resume
      govreport batch dumps/ -o out --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from pathlib import Path

    from .batch import (
        BatchInputError,
        FileResult,
        default_jobs,
        existing_outputs,
        find_inputs,
        plan_outputs,
        run_batch,
        summary_lines,
    )

    if force and skip_existing:
        _invalid("use either --force (overwrite) or --skip-existing (keep), not both")
    if scheduler is not None and engine == "process":
        _invalid("--scheduler is for --engine dask")
    chosen = "dask" if scheduler is not None else (engine or "process")
    if chosen == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            _invalid("--engine dask needs Dask distributed: pip install 'govreport[dask]'")
    limits = _limits(limit_specs)
    formats = _parse_formats([to])
    tpl = _templates_for(templates, formats)
    th = _check_theme(theme)
    _check_locale(locale)
    files, missing = find_inputs(sources)
    if not files:
        _invalid("\n".join(f"{spec}: {why}" for spec, why in missing) or "no input files")
    try:
        plan = plan_outputs(files, outdir, formats)
    except BatchInputError as exc:
        _invalid(str(exc))
    if not force and not skip_existing:
        existing = existing_outputs(plan)
        if existing:
            shown = "\n".join(f"  {p}" for p in existing[:10])
            more = f"\n  … and {len(existing) - 10} more" if len(existing) > 10 else ""
            _invalid(f"{len(existing)} output file{'s' if len(existing) != 1 else ''} already "
                     f"exist (use --force to overwrite, or --skip-existing to keep them and "
                     f"render the rest) / 파일이 이미 있습니다:\n{shown}{more}")
    todo = [src for src, outs in plan if not (skip_existing and all(o.exists() for o in outs))]
    workers = max(1, min(jobs or default_jobs(), len(todo) or 1))
    reporter = _BatchProgress(len(todo))
    try:
        with reporter, _errors():
            summary = run_batch(files, outdir, formats, jobs=workers, templates=tpl, theme=th,
                                locale=locale, overwrite=force, skip_existing=skip_existing,
                                progress=reporter.update, limits=limits,
                                engine=chosen, scheduler=scheduler)  # type: ignore[arg-type]
    finally:
        reporter.close()
    if missing:  # inputs that name nothing count as failed files, after the others
        gone = tuple(FileResult(source=Path(spec), errors=(why,)) for spec, why in missing)
        import attrs  # the batch summary is an attrs class

        summary = attrs.evolve(summary, results=summary.results + gone)
    lines = summary_lines(summary, outdir)
    click.echo(lines[0], err=True)
    for line in lines[1:]:
        click.echo(line, err=True)
    if summary.failed:
        sys.exit(EXIT_FAILED)


class _BatchProgress:
    """A progress bar on a terminal; otherwise a progress line every 5 % (and each failure)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.failed = 0
        self.tty = sys.stderr.isatty()
        self.step = max(1, total // 20)
        self.bar: Any = None
        self.started = time.perf_counter()

    def __enter__(self) -> _BatchProgress:
        if self.tty and self.total:
            self.bar = click.progressbar(length=self.total, label="렌더링 / rendering",
                                         file=sys.stderr, show_pos=True, show_eta=True)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def update(self, result: Any, done: int, total: int) -> None:
        if not result.ok:
            self.failed += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        if not result.ok:
            click.echo(f"failed: {result.source}", err=True)
        if done % self.step == 0 or done == total:
            elapsed = time.perf_counter() - self.started
            click.echo(f"[{done}/{total}] {done * 100 // total}% · {self.failed} failed · "
                       f"{elapsed:.1f} s", err=True)


# --------------------------------------------------------------------------- lint


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("sources", metavar="REPORT.json...", nargs=-1, required=True)
@click.option("--theme", metavar="seoul|central|FILE",
              help="줄 길이·날짜 형식을 잴 테마 (기본 seoul) / theme whose line length and date "
                   "style are checked against (default: seoul)")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True,
              help="결과 형식(json: 다른 프로그램용) / output format (json for pipelines)")
@_limit_option
def lint(sources: tuple[str, ...], theme: str | None, output_format: str,
         limit_specs: tuple[str, ...]) -> None:
    """개조식 문체 검사 / Style check of report JSON (what validate does not cover).

    \b
    Rules: ending (~습니다/~합니다 in items), typed-symbol ("□ □ …"), long-line (over the
    theme's line length), date-style (dates typed in another style than the report's),
    single-child (an item with one sub-item), empty-section, spacing (Latin/digits and
    Hangul). Each finding: "file: $.json.path: message [rule] — fix: …".
    Exit 0 when nothing is found, 1 when something is, 2 when a file cannot be read.
    """
    import json
    from pathlib import Path

    from .batch import find_inputs

    th = _check_theme(theme)
    files, missing = find_inputs(sources)
    results: list[dict[str, Any]] = []
    unreadable = [(spec, why) for spec, why in missing]
    found = 0
    with _limited(limit_specs):
        from ..checks.style import lint_data
        from ..readers.json import read_json

        for path in files:
            try:
                data = read_json(Path(path))
            except ValidationError as exc:
                unreadable.append((str(path), "; ".join(p.message for p in exc.errors)))
                continue
            with _errors(str(path)):
                warnings = lint_data(data, th)
            found += len(warnings)
            results.append({"file": str(path), "warnings": [w.as_json() for w in warnings]})
    if output_format == "json":
        click.echo(json.dumps({"files": results, "unreadable": [
            {"file": f, "message": m} for f, m in unreadable], "warnings": found},
            ensure_ascii=False, indent=2))
    else:
        for r in results:
            for w in r["warnings"]:
                click.echo(printable(f"{r['file']}: {w['path']}: {w['message']} [{w['rule']}] "
                                     f"— fix: {w['fix']}"))
        for f, m in unreadable:
            click.echo(printable(f"{f}: {short(m, MAX_MESSAGE)}"), err=True)
        if len(results) > 1 or not found:
            click.echo(f"{len(results)} file{'s' if len(results) != 1 else ''}: {found} "
                       f"warning{'s' if found != 1 else ''} / 경고 {found}건", err=True)
    if unreadable:
        sys.exit(EXIT_INVALID)
    if found:
        sys.exit(EXIT_FAILED)


# --------------------------------------------------------------------------- mcp


@cli.command("mcp", context_settings=CONTEXT_SETTINGS)
@click.option("--root", "roots", multiple=True, metavar="DIR",
              type=click.Path(file_okay=False, exists=True),
              help="작업 폴더(여러 번 가능, 기본: 현재 폴더) — 이 밖의 파일은 읽고 쓰지 않음 / "
                   "workspace folder (repeatable; default: the current folder); no path "
                   "outside the roots is read or written")
@click.option("--http", metavar="HOST:PORT",
              help="stdio 대신 streamable HTTP로 (예: 127.0.0.1:8765) / serve streamable HTTP "
                   "at HOST:PORT instead of stdio (no authentication: keep it on loopback)")
@_limit_option
def mcp_server(roots: tuple[str, ...], http: str | None, limit_specs: tuple[str, ...]) -> None:
    """AI 에이전트용 MCP 서버 / Run the MCP server for AI agents (docs/agents.md).

    Tools: get_schema, validate_report, lint_report, render_report, read_document,
    render_template, format_korean, list_templates, export_template.  Needs the extra:
    pip install 'govreport[mcp]'.  Over stdio, stdout carries only protocol messages.

    \b
    예 / examples:
      govreport mcp --root ~/reports
      govreport mcp --root . --http 127.0.0.1:8765
    """
    if http is not None:
        host, colon, port = http.rpartition(":")
        if not colon or not port.isdigit() or not 0 < int(port) < 65536:
            _invalid(f"--http {http!r}: use HOST:PORT, e.g. 127.0.0.1:8765")
        if host.strip("[]") not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"govreport: warning: serving on {host}, not loopback; the server has "
                       "no authentication", err=True)
    limits = _limits(limit_specs)
    try:
        from ..agent.server import serve
    except ImportError as exc:
        _invalid(f"the MCP server needs the mcp package ({exc.name} is missing): "
                 "pip install 'govreport[mcp]'")
    with _errors():
        serve(list(roots) or ["."], limits, http)


# --------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (``govreport`` and ``python -m govreport``), with the collector's
    thresholds raised for the command (:func:`~govreport.support.gc_tuning.fewer_collections`:
    the command line is an application; the library leaves them to its user)."""
    from ..support.gc_tuning import fewer_collections

    with fewer_collections():
        cli.main(args=list(argv) if argv is not None else None, prog_name="govreport")


__all__ = ["EXIT_FAILED", "EXIT_INVALID", "EXIT_OK", "CliError", "InvalidInput", "cli", "main"]
