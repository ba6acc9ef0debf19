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


@app.command(hidden=True)
def lint() -> None:
    """Not built yet: lint (issue 6)."""
    raise UsageError("'lint' is not built yet")


# --- fix ----------------------------------------------------------------------


@app.command()
def fix(
    files: list[Path] = typer.Argument(..., help="Files to fix: .bib, Markdown, LaTeX or plain text (notes copied from a PDF)."),
    repair: bool = typer.Option(False, "--repair", help="Repair URLs that copying from a PDF damaged (lost hyphens, spaces, id dashes)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the changes as a unified diff; write nothing."),
    no_backup: bool = typer.Option(False, "--no-backup", help="Do not keep the previous version as FILE~."),
    archive_url: Optional[str] = typer.Option(
        None, "--archive-url", metavar="URL", help="The Wayback Machine's base address (default: $FOOTNOTE_KIT_ARCHIVE_URL or web.archive.org)."
    ),
    no_live: bool = typer.Option(False, "--no-live", help="Take evidence from the archive only; never contact the cited sites."),
    format: str = typer.Option("text", "--format", "-f", help="text, or json (every URL edit and suggestion)."),
) -> None:
    """Write evidenced URL repairs into files; only the URL text changes.

    Example: footnote-kit fix refs.bib --repair --dry-run

    A URL damaged by copying from a PDF (a hyphen lost at a line break, a space left
    inside, a UUID missing a dash) is replaced only when there is evidence: the
    repaired URL answers where the printed one does not, or the Wayback Machine holds
    captures of it and none of the printed one. Candidates without evidence are listed
    as suggestions and never written. Every other byte of the file stays as it was; the
    write is atomic and the old file is kept as FILE~ (unless --no-backup).
    """
    from footnote_kit.links.fixfile import plan_fixes, read_for_fix, write_fixes

    if not repair:
        raise UsageError("nothing to fix: pass --repair (repair URLs damaged by copying from a PDF)")
    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    archive, live = _repair_probes(archive_url, no_live)
    report: list[dict[str, Any]] = []
    for path in files:
        text = read_for_fix(path)
        plan = plan_fixes(text, path=str(path), live=live, archive=archive, progress=_progress(f"{path}: repairing URLs"))
        if dry_run and format == "text":
            typer.echo(plan.diff(), nl=False)
        for edit in plan.edits:
            report.append({"file": str(path), "line": edit.line, "printed": edit.old, **edit.repair.to_json()})
            if format == "text":
                warn(f"{path}:{edit.line}: {edit.old} -> {edit.new} ({edit.repair.evidence})")
        for line, url, suggestion in plan.suggestions:
            report.append({"file": str(path), "line": line, "printed": url, **suggestion.to_json()})
            if format == "text":
                warn(f"{path}:{line}: no evidence for a repair of {url}; candidates: {', '.join(suggestion.candidates[:3])}")
        if plan.edits and not dry_run:
            kept = write_fixes(plan, backup=not no_backup)
            if format == "text":
                warn(f"{path}: {len(plan.edits)} URL(s) repaired" + (f", previous version kept as {kept}" if kept else ""))
    if format == "json":
        echo_json({"dry_run": dry_run, "repairs": report})


def _repair_probes(archive_url: Optional[str], no_live: bool) -> tuple[Any, Any]:
    """The evidence URL repair asks for: the archive, and (unless --no-live) the live web."""
    from footnote_kit.links.archive import Wayback
    from footnote_kit.links.http import Checker
    from footnote_kit.links.repair import archive_probe, live_probe

    archive = archive_probe(Wayback(base_url=archive_url))
    live = None if no_live else live_probe(Checker())
    return archive, live


def _progress(label: str) -> Any:
    """A one-line counter on stderr while work goes on, on a terminal only."""
    if not sys.stderr.isatty():
        return None
    count = [0]

    def tick(_item: str) -> None:
        count[0] += 1
        sys.stderr.write(f"\r{label}: {count[0]}")
        sys.stderr.flush()

    return tick


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
