"""``footnote-kit export``: a bibliography from notes, or between formats (``footnote_kit.export``)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from footnote_kit.commands._common import (
    ALLOW_PRIVATE_OPTION,
    ARCHIVE_URL_OPTION,
    ENCODING_OPTION,
    FROM_OPTION,
    NO_LIVE_OPTION,
    NOTES_OPTION,
    REPAIR_OPTION,
    evidence,
    parse_range,
    plural,
    reader_name,
    warn,
)


def export(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="A document with footnotes, or a .bib / CSL-JSON file to convert; - for stdin."),
    notes: Optional[str] = NOTES_OPTION,
    format: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="bibtex, biblatex or csl-json. Default: from -o's suffix (.bib = biblatex, .json = csl-json), else biblatex.",
    ),
    out: Optional[Path] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write here (atomically). Default: stdout."),
    map_path: Optional[Path] = typer.Option(
        None, "--map", metavar="MAP", help="Also write which keys each note cites, Ibid. included (.json or .csv)."
    ),
    ascii: bool = typer.Option(False, "--ascii", help="LaTeX escapes instead of UTF-8 (for classic BibTeX)."),
    encoding: Optional[str] = ENCODING_OPTION,
    repair: bool = REPAIR_OPTION,
    archive_url: Optional[str] = ARCHIVE_URL_OPTION,
    no_live: bool = NO_LIVE_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    from_: Optional[str] = FROM_OPTION,
) -> int:
    """Write a bibliography (BibLaTeX, BibTeX or CSL-JSON): one entry per distinct source.

    Example: footnote-kit export examples/central-asia-notes.txt -o refs.bib --map notes.csv

    Keys read like Better BibTeX's (safar2019istochniki). A source cited in several notes,
    or repeated by Ibid., is one entry. A .bib or CSL-JSON FILE is converted between formats,
    keeping every entry and field. The input is never overwritten.
    """
    import footnote_kit
    from footnote_kit.export import left_out_summary
    from footnote_kit.files import shown_name

    found = evidence(ctx, archive_url, no_live, allow_private) if repair else None
    done = footnote_kit.export(
        file, format=format, output=out, map_path=map_path, notes=parse_range(notes), encoding=encoding,
        fmt=reader_name(from_), ascii=ascii, repair=found,
    )
    for problem in done.loaded.warnings:
        warn(str(problem))
    to_stdout = out is None or str(out) == "-"
    if to_stdout:
        typer.echo(done.text, nl=False)
    where = "stdout" if to_stdout else str(out)
    loaded = done.loaded
    cited = f" from {plural(len(loaded.notes), 'note')}" if loaded.notes else ""
    name = shown_name(file)
    warn(f"{name}: {plural(len(loaded.records), 'entry', 'entries')}{cited} -> {where} ({done.format.name})")
    left = left_out_summary(loaded)
    if left:
        warn(f"{name}: {left}; " + (f"listed in {map_path}" if map_path is not None else "--map lists them"))
    return 0
