"""``footnote-kit lint``: citation problems with file and line (``footnote_kit.lint``)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from footnote_kit.commands._common import (
    FROM_OPTION,
    check_choice,
    echo_json,
    reader_name,
    settings_for,
)
from footnote_kit.errors import ExitCode


def lint(
    ctx: typer.Context,
    paths: Optional[list[Path]] = typer.Argument(
        None, metavar="PATHS",
        help="Files or folders (default: the current folder): text, Markdown, LaTeX, HTML, Word, OpenDocument, EPUB, PDF, .bib.",
    ),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text (path:line: rule: message) or json."),
    disable: Optional[list[str]] = typer.Option(None, "--disable", "-d", metavar="RULE", help="Switch a rule off for this run (repeatable)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Settings file (default: .footnote-kit.toml or pyproject.toml, found upwards to the git root)."),
    from_: Optional[str] = FROM_OPTION,
) -> int:
    """Find citation problems in notes and bibliographies, with file and line.

    Example: footnote-kit lint chapters/ refs.bib

    Rules: unparsed-citation, date-mismatch, damaged-url, duplicate-source, orphan-ibid,
    missing-cite-key, uncited-entry (see docs/lint-and-hook.md). Exit 1 when a rule that fails a run
    fires (configurable: [tool.footnote-kit.lint] fail-on / disable), 2 for bad input.
    """
    import footnote_kit
    from footnote_kit.lint import failed, format_line, to_json

    check_choice(format, ("text", "json"))
    settings = settings_for(ctx, config=config, disable=disable or [])
    problems = footnote_kit.lint(paths or [Path(".")], settings, fmt=reader_name(from_))
    if format == "json":
        echo_json(to_json(problems))
    else:
        for problem in problems:
            typer.echo(format_line(problem))
    return int(ExitCode.FINDINGS) if failed(problems) else 0
