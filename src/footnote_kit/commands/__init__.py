"""The ``footnote-kit`` command: a thin shell over the library, one module per command.

Each command module (``parse``, ``export``, ``check``, ``render``, ``styles``, ``lint``,
``fix``) parses its options, calls one library function (``footnote_kit.parse`` ...),
prints what it returns and returns the exit code; ``_common`` holds what they share, the
settings merge among it. Library modules are imported inside the commands so that
``footnote-kit --help`` stays fast.

Errors: a ``FootnoteKitError`` becomes one line on stderr and exit code 2; anything else
is a bug (exit 3), shown in full only with ``--traceback``.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable, Optional

import typer

from footnote_kit.commands import check, export, fix, lint, parse, render, styles
from footnote_kit.errors import ExitCode, FootnoteKitError

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


def _exits(command: Callable[..., int]) -> Callable[..., None]:
    """A command returns its exit code; click wants a non-zero one raised."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        code = command(*args, **kwargs)
        if code:
            raise typer.Exit(code)

    return run


for _module in (parse, export, check, render, styles, lint, fix):
    _name = _module.__name__.rsplit(".", 1)[-1]
    app.command(_name)(_exits(getattr(_module, _name)))


def command() -> Any:
    """The click command ``app`` makes, with each argument shown by its name alone.

    Recent typer prints an argument's Python type beside its name (``PATHS <list[str]>``);
    the name (``PATHS``, ``FILE``) and its help already say what it takes.
    """
    import typer.main

    built = typer.main.get_command(app)
    for sub in getattr(built, "commands", {}).values():
        for param in sub.params:
            if getattr(param, "param_type_name", "") == "argument" and param.metavar and hasattr(param, "display_type_rich"):
                param.display_type_rich = lambda ctx: None
    return built


def main(argv: Optional[list[str]] = None) -> int:
    """Run ``footnote-kit`` with ``argv`` (default: the command line); returns the exit code.

    Our errors become one line and exit 2, bugs exit 3. Help, usage errors (exit 2) and
    ``typer.Exit`` are handled by click as users expect; only exceptions from our code
    reach the handlers here.
    """
    try:
        command()(args=argv, prog_name="footnote-kit")
    except SystemExit as done:  # click ends every run this way, help and usage errors included
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except FootnoteKitError as err:
        typer.echo(f"footnote-kit: error: {err}", err=True)
        return int(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        return 130
    except Exception as exc:  # the one place that turns bugs into a message
        if _state["traceback"] or "--traceback" in (argv if argv is not None else sys.argv):
            raise
        typer.echo(
            f"footnote-kit: internal error: {type(exc).__name__}: {exc} "
            "(a bug: please report it with the output of --traceback)",
            err=True,
        )
        return int(ExitCode.INTERNAL)
    return 0
