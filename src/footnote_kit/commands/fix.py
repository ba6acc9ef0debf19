"""``footnote-kit fix``: evidenced URL repairs written into files (``footnote_kit.fix``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from footnote_kit.commands._common import (
    ALLOW_PRIVATE_OPTION,
    check_choice,
    counter,
    echo_json,
    evidence,
    on_terminal,
    warn,
)
from footnote_kit.errors import UsageError


def fix(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., metavar="FILES", help="Files to fix: .bib, Markdown, LaTeX or plain text (notes copied from a PDF)."),
    repair: bool = typer.Option(False, "--repair", help="Repair URLs that copying from a PDF damaged (lost hyphens, spaces, id dashes)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the changes as a unified diff; write nothing."),
    no_backup: bool = typer.Option(False, "--no-backup", help="Do not keep the previous version as FILE~."),
    archive_url: Optional[str] = typer.Option(
        None, "--archive-url", metavar="URL", help="The Wayback Machine's base address (default: $FOOTNOTE_KIT_ARCHIVE_URL or web.archive.org)."
    ),
    no_live: bool = typer.Option(False, "--no-live", help="Take evidence from the archive only; never contact the cited sites."),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text, or json (every URL edit and suggestion)."),
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    force: bool = typer.Option(False, "--force", help="Rewrite files that are read-only (their mode is kept)."),
) -> int:
    """Write evidenced URL repairs into files; only the URL text changes.

    Example: footnote-kit fix refs.bib --repair --dry-run

    A URL damaged by copying from a PDF (a hyphen lost at a line break, a space left
    inside, a UUID missing a dash) is replaced only when there is evidence: the
    repaired URL answers where the printed one does not, or the Wayback Machine holds
    captures of it and none of the printed one. Candidates without evidence are listed
    as suggestions and never written. Every other byte of the file stays as it was; the
    write is atomic and the old file is kept as FILE~ (unless --no-backup). A file
    saved by someone else while fix works is left alone (run fix again), and a
    read-only file is rewritten only with --force.
    """
    from footnote_kit.links.fixfile import fix_files
    from footnote_kit.terminal import printable

    if not repair:
        raise UsageError("nothing to fix: pass --repair (repair URLs damaged by copying from a PDF)")
    check_choice(format, ("text", "json"))
    report: list[dict[str, Any]] = []
    text = format == "text"
    with on_terminal(counter, "repairing URLs") as tick:
        for done in fix_files(files, evidence(ctx, archive_url, no_live, allow_private), dry_run=dry_run, backup=not no_backup, force=force, progress=tick):
            plan, path = done.plan, done.plan.path
            if dry_run and text:
                typer.echo(plan.diff(), nl=False)
            for edit in plan.edits:
                report.append({"file": path, "line": edit.line, "printed": edit.old, **edit.repair.to_json()})
                if text:
                    warn(printable(f"{path}:{edit.line}: {edit.old} -> {edit.new} ({edit.repair.evidence})"))
            for line, url, suggestion in plan.suggestions:
                report.append({"file": path, "line": line, "printed": url, **suggestion.to_json()})
                if text:
                    warn(printable(f"{path}:{line}: no evidence for a repair of {url}; candidates: {', '.join(suggestion.candidates[:3])}"))
            if done.written and text:
                kept = done.backup
                warn(f"{path}: {len(plan.edits)} URL(s) repaired" + (f", previous version kept as {kept}" if kept else ""))
    if format == "json":
        echo_json({"dry_run": dry_run, "repairs": report})
    return 0
