"""``footnote-kit parse``: a document's notes as structured sources (``footnote_kit.parse``)."""

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
    check_choice,
    echo_json,
    evidence,
    parse_range,
    plural,
    reader_name,
    warn,
)


def parse(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE",
        help="A document with footnotes: text copied from a PDF, Markdown, LaTeX, HTML, Word (.docx), OpenDocument, EPUB or PDF; - for stdin.",
    ),
    notes: Optional[str] = NOTES_OPTION,
    format: str = typer.Option("json", "--format", "-f", metavar="FORMAT", help="json (the stable shape documented in docs/parsing.md) or text (a quick read)."),
    encoding: Optional[str] = ENCODING_OPTION,
    repair: bool = REPAIR_OPTION,
    archive_url: Optional[str] = ARCHIVE_URL_OPTION,
    no_live: bool = NO_LIVE_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    from_: Optional[str] = FROM_OPTION,
    reader: Optional[str] = typer.Option(
        None, "--reader", metavar="READER",
        help="How fields are read: rules (hand-written, exact on the shapes they know), model (the learned reader alone) or combined (both; the default).",
    ),
) -> int:
    """Split a document's footnotes into structured sources (CSL-JSON items).

    Example: footnote-kit parse examples/central-asia-notes.txt --notes 698-753

    Each note becomes parts: "citation" (one source as a CSL-JSON item), "note"
    (explanatory text that cites nothing) and "ibid" (resolved to the note it repeats).
    Warnings (a missing note number, a number out of sequence) go to stderr and into
    the JSON.
    """
    import footnote_kit
    from footnote_kit.files import shown_name

    check_choice(format, ("json", "text"))
    found = evidence(ctx, archive_url, no_live, allow_private) if repair else None
    result = footnote_kit.parse(file, notes=parse_range(notes), encoding=encoding, fmt=reader_name(from_), reader=reader, repair=found)
    for problem in result.warnings:
        warn(str(problem))
    if result.ranges:
        ranges = ", ".join(f"{a}-{b}" for a, b in result.ranges)
        warn(f"{shown_name(file)}: {plural(len(result.notes), 'note')} ({ranges})")
    if format == "json":
        echo_json(result.to_json())
    else:
        from footnote_kit.parse import describe

        typer.echo(describe(result))
    return 0
