"""``footnote-kit render``: references in any CSL style (``footnote_kit.render``)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from footnote_kit.commands._common import (
    ENCODING_OPTION,
    FROM_OPTION,
    NOTES_OPTION,
    bar,
    on_terminal,
    parse_range,
    plural,
    reader_name,
    warn,
)
from footnote_kit.errors import InputError


def render(
    file: Path = typer.Argument(..., metavar="FILE", help="A document with footnotes (as for parse), a .bib file, or CSL-JSON; - for stdin."),
    notes: Optional[str] = NOTES_OPTION,
    style: str = typer.Option(..., "--style", "-s", metavar="STYLE", help="A CSL style: a name (apa, chicago-notes-bibliography, old names such as chicago-fullnote-bibliography work too), one of footnote-kit's own, or a path to a .csl file. 'footnote-kit styles WORD' lists them."),
    locale: Optional[str] = typer.Option(None, "--locale", "-l", metavar="LANG", help="Render in this locale (en-GB, de-DE, fr-FR...). Default: the style's own, else en-US."),
    mode: str = typer.Option("bibliography", "--mode", "-m", metavar="MODE", help="bibliography: the sorted reference list, one entry per distinct source. notes: the document's notes again, numbered as before, each citation in the style's note form (full, short, Ibid.)."),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text, html (escaped, with links) or markdown."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write to this file (atomically) instead of stdout."),
    encoding: Optional[str] = ENCODING_OPTION,
    from_: Optional[str] = FROM_OPTION,
) -> int:
    """Render references in any CSL style: a bibliography, or the notes themselves.

    Examples: the sample's notes as a Chicago editor expects them, and its
    reference list in APA, as HTML:

    \b
      footnote-kit render examples/central-asia-notes.txt --style chicago-notes-bibliography --mode notes
      footnote-kit render examples/central-asia-notes.txt --style apa --format html -o refs.html

    Items the style cannot render fully (no title, no date) are named on stderr and the
    rest is rendered; the exit code is 2 only when nothing could be rendered.
    """
    from footnote_kit.files import shown_name
    from footnote_kit.render.pipeline import render_file

    with on_terminal(bar, "rendering notes", when=mode == "notes") as progress:
        result = render_file(
            file, style=style, locale=locale, mode=mode, fmt=format, notes=parse_range(notes), encoding=encoding, progress=progress,
            source_format=reader_name(from_), output=output,
        )
    for problem in result.problems:
        warn(str(problem))
    if result.style.renamed_from:
        warn(f"footnote-kit: style {result.style.renamed_from!r} is now called {result.style.name!r}")
    if not result.rendered:
        raise InputError("nothing could be rendered (see the messages above)", file=shown_name(file))
    if output is not None:
        what = plural(result.rendered, "note") if mode == "notes" else plural(result.rendered, "entry", "entries")
        warn(f"{output}: {what} in {result.style.title} ({result.locale})")
    else:
        typer.echo(result.text, nl=False)
    return 0
