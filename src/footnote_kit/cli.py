"""The ``footnote-kit`` command: a thin shell over the library.

Each command parses its options, calls one library function, prints what it returns and
chooses the exit code. Nothing here parses notes, checks links or renders: that lives in
the library so that it can be imported and used without the CLI. Library modules are
imported inside the commands so that ``footnote-kit --help`` stays fast.

Errors: a ``FootnoteKitError`` becomes one line on stderr and exit code 2; anything else
is a bug (exit 3), shown in full only with ``--traceback``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from footnote_kit.errors import ExitCode, FootnoteKitError, UsageError

app = typer.Typer(
    name="footnote-kit",
    help=(
        "Turn footnotes into clean bibliographic records, find dead citation links and their "
        "Wayback copies, and re-render references in any CSL style.\n\n"
        "Example, on the bundled sample:\n\n"
        "  footnote-kit parse examples/central-asia-notes.txt\n\n"
        "  footnote-kit export examples/central-asia-notes.txt --format biblatex -o refs.bib\n\n"
        "  footnote-kit check examples/central-asia-notes.txt --format json"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state: dict[str, Any] = {"traceback": False}


def _version(value: bool) -> None:
    if value:
        from footnote_kit import __version__

        typer.echo(f"footnote-kit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    traceback: bool = typer.Option(False, "--traceback", help="Show the full traceback of an unexpected error."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    _state["traceback"] = traceback


def parse_range(spec: Optional[str]) -> Optional[tuple[int, int]]:
    """``698-753`` (or ``698``) -> (698, 753); anything else is a usage error."""
    if spec is None:
        return None
    text = spec.strip().replace("–", "-")
    head, sep, tail = text.partition("-")
    try:
        first = int(head)
        last = int(tail) if sep else first
    except ValueError:
        raise UsageError(f"--notes takes a range such as 698-753, not {spec!r}") from None
    if first < 0 or last < first:
        raise UsageError(f"--notes {spec}: the range is empty (the first number must not exceed the last)")
    return first, last


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def warn(message: str) -> None:
    typer.echo(message, err=True)


NOTES_OPTION = typer.Option(
    None, "--notes", "-n", metavar="A-B", help="Only notes A to B (e.g. 698-753). Default: every block of numbered notes found."
)
ENCODING_OPTION = typer.Option(
    None, "--encoding", metavar="NAME", help="Read the input in this encoding (e.g. cp1252, utf-16). Default: UTF-8."
)


# --- parse ---------------------------------------------------------------------------


@app.command()
def parse(
    file: Path = typer.Argument(..., help="A document with footnotes: text copied from a PDF, Markdown, LaTeX or HTML; - for stdin."),
    notes: Optional[str] = NOTES_OPTION,
    format: str = typer.Option("json", "--format", "-f", help="json (the stable shape documented in the README) or text (a quick read)."),
    encoding: Optional[str] = ENCODING_OPTION,
) -> None:
    """Split a document's footnotes into structured sources (CSL-JSON items).

    Example: footnote-kit parse examples/central-asia-notes.txt --notes 698-753

    Each note becomes parts: "citation" (one source as a CSL-JSON item), "note"
    (explanatory text that cites nothing) and "ibid" (resolved to the note it repeats).
    Warnings (a missing note number, a number out of sequence) go to stderr and into
    the JSON.
    """
    from footnote_kit.parse import parse_file

    result = parse_file(file, notes=parse_range(notes), encoding=encoding)
    for problem in result.warnings:
        warn(str(problem))
    if result.ranges:
        found = ", ".join(f"{a}-{b}" for a, b in result.ranges)
        warn(f"{file}: {len(result.notes)} notes ({found})")
    if format == "json":
        echo_json(result.to_json())
    elif format == "text":
        from footnote_kit.parse import describe

        typer.echo(describe(result))
    else:
        raise UsageError(f"--format must be json or text, not {format!r}")


# --- export -------------------------------------------------------------------


@app.command(hidden=True)
def export() -> None:
    """Not built yet: export (issue 3)."""
    raise UsageError("'export' is not built yet")


# --- check --------------------------------------------------------------------


@app.command(hidden=True)
def check() -> None:
    """Not built yet: check (issue 4)."""
    raise UsageError("'check' is not built yet")


# --- render -------------------------------------------------------------------


@app.command(hidden=True)
def render() -> None:
    """Not built yet: render (issue 5)."""
    raise UsageError("'render' is not built yet")


# --- styles -------------------------------------------------------------------


@app.command(hidden=True)
def styles() -> None:
    """Not built yet: render (issue 5)."""
    raise UsageError("'styles' is not built yet")


# --- lint ---------------------------------------------------------------------


@app.command()
def lint(
    paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders (default: the current folder): .md, .tex, .html, .txt, .bib."),
    format: str = typer.Option("text", "--format", "-f", help="text (path:line: rule: message) or json."),
    disable: Optional[list[str]] = typer.Option(None, "--disable", "-d", metavar="RULE", help="Switch a rule off for this run (repeatable)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Settings file (default: .footnote-kit.toml or pyproject.toml, found upwards to the git root)."),
) -> None:
    """Find citation problems in notes and bibliographies, with file and line.

    Example: footnote-kit lint chapters/ refs.bib

    Rules: unparsed-citation, date-mismatch, damaged-url, duplicate-source, orphan-ibid,
    missing-cite-key, uncited-entry (see the README). Exit 1 when a rule that fails a run
    fires (configurable: [tool.footnote-kit.lint] fail-on / disable), 2 for bad input.
    """
    from dataclasses import replace

    from footnote_kit.config import LINT_RULES, load_settings
    from footnote_kit.lint import failed, format_line, lint as run_lint, to_json

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    settings = load_settings(config=config)
    for rule in disable or []:
        if rule not in LINT_RULES:
            raise UsageError(f"--disable: unknown rule {rule!r} (rules: {', '.join(LINT_RULES)})")
    if disable:
        settings = replace(settings, lint=replace(settings.lint, disable=settings.lint.disable + tuple(disable)))
    problems = run_lint(paths or [Path(".")], settings)
    if format == "json":
        echo_json(to_json(problems))
    else:
        for problem in problems:
            typer.echo(format_line(problem))
    if failed(problems):
        raise typer.Exit(int(ExitCode.FINDINGS))


# --- fix ----------------------------------------------------------------------


@app.command(hidden=True)
def fix() -> None:
    """Not built yet: fix (issue 7)."""
    raise UsageError("'fix' is not built yet")


def main(argv: Optional[list[str]] = None) -> None:
    """Console entry point: our errors become one line and exit 2, bugs exit 3.

    typer runs in standalone mode, so help, usage errors (exit 2) and ``typer.Exit`` are
    handled by click as users expect; only exceptions from our code reach the handlers.
    """
    try:
        app(args=argv, prog_name="footnote-kit")
    except FootnoteKitError as err:
        typer.echo(f"footnote-kit: error: {err}", err=True)
        sys.exit(int(err.exit_code))
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a message
        if _state["traceback"] or "--traceback" in (argv if argv is not None else sys.argv):
            raise
        typer.echo(
            f"footnote-kit: internal error: {type(exc).__name__}: {exc} "
            "(a bug: please report it with the output of --traceback)",
            err=True,
        )
        sys.exit(int(ExitCode.INTERNAL))
