"""``footnote-kit check``: dead citation links and their Wayback copies (``footnote_kit.check``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from footnote_kit.commands._common import (
    ALLOW_PRIVATE_OPTION,
    ENCODING_OPTION,
    FROM_OPTION,
    NOTES_OPTION,
    bar,
    counter,
    on_terminal,
    parse_range,
    reader_name,
    settings_for,
    warn,
)
from footnote_kit.errors import ExitCode, UsageError


def check(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(..., metavar="PATHS", help="Documents with notes (text, Markdown, LaTeX, HTML, Word, OpenDocument, EPUB, PDF), .bib, CSL-JSON, or folders."),
    include: list[str] = typer.Option([], "--include", metavar="GLOB", help="In folders, only files matching (repeatable; default: every format we read)."),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB", help="Skip files or folders matching (repeatable)."),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text, json (stable, see docs/check.md), sarif or github (annotations)."),
    archive: str = typer.Option("failed", "--archive", metavar="WHICH", help="Find Wayback copies for: failed links, all links, or none."),
    archive_url: Optional[str] = typer.Option(None, "--archive-url", metavar="URL", help="Wayback base address (default $FOOTNOTE_KIT_ARCHIVE_URL or https://web.archive.org)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the link cache."),
    cache: Optional[Path] = typer.Option(None, "--cache", metavar="PATH", help="The cache file (default: $XDG_CACHE_HOME/footnote-kit/links.sqlite3)."),
    confirm_days: float = typer.Option(0, "--confirm-days", metavar="N", help="Call a link dead only once it has failed in runs N days apart (needs the cache)."),
    fail_on: str = typer.Option("dead", "--fail-on", metavar="STATUSES", help="Comma-separated statuses that make the exit code 1 (default: dead)."),
    user_agent: Optional[str] = typer.Option(None, "--user-agent", metavar="UA", help="User-Agent to send; 'browser' for a browser-like one."),
    timeout: float = typer.Option(10.0, "--timeout", metavar="SECONDS", help="Read timeout per request (connecting: at most 5 s)."),
    max_concurrency: int = typer.Option(64, "--max-concurrency", metavar="N", help="Requests in flight at once, all hosts together."),
    per_host: int = typer.Option(2, "--per-host", metavar="N", help="Requests in flight at once to one host."),
    offline: bool = typer.Option(False, "--offline", help="No network: report from the cache only (links not in it are 'excluded')."),
    skip_urls: list[str] = typer.Option([], "--skip-url", metavar="REGEX", help="URLs matching are not checked ('excluded'), e.g. 'advance\\.lexis\\.com'."),
    repair: bool = typer.Option(False, "--repair", help="For failed links, propose the URL a PDF copy damaged (lost hyphen, space), with evidence (see docs/fix.md)."),
    notes: Optional[str] = NOTES_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    from_: Optional[str] = FROM_OPTION,
) -> int:
    """Find dead citation links, and the Wayback copy nearest the date each was cited.

    Example: footnote-kit check examples/central-asia-notes.txt --format json

    Each URL is checked once however often it is cited, and ends in one status: ok,
    redirected, dead, error, timeout, blocked, soft-404, invalid, unsupported, excluded
    (see docs/check.md). Exit code 1 when a link is dead (or has a status
    named by --fail-on), 0 otherwise. Results are cached, so a second run is instant.
    """
    import footnote_kit
    from footnote_kit.links.check import config_from
    from footnote_kit.links.network import NETWORK_NOTICE
    from footnote_kit.links.report import FORMATS, render
    from footnote_kit.model import LinkStatus
    from footnote_kit.terminal import printable

    if format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    settings = settings_for(
        ctx, fail_on=[s.strip() for s in fail_on.split(",") if s.strip()], timeout=timeout, max_concurrency=max_concurrency,
        per_host=per_host, user_agent=user_agent, cache=str(cache) if cache is not None else None, archive=archive,
        archive_url=archive_url, skip_urls=skip_urls, allow_private=allow_private,
    )
    config = config_from(settings, use_cache=not no_cache, confirm_days=confirm_days, offline=offline)
    fail = {LinkStatus(s) for s in settings.check.fail_on}
    with on_terminal(bar, "checking") as progress, on_terminal(counter, "repairing URLs", when=repair) as tick:
        run = footnote_kit.check(
            paths, config, include=include, exclude=exclude, notes=parse_range(notes), encoding=encoding,
            fmt=reader_name(from_), repair=repair, progress=progress, repair_progress=tick,
        )
    for problem in run.problems:
        warn(str(problem))
    if not run.refs:
        warn("footnote-kit: no links found in " + ", ".join(paths))
    for notice in run.notices:
        if not (format == "text" and notice.startswith(NETWORK_NOTICE)):  # the text report says it once
            warn(printable(notice))
    looked = config.archive != "none" and not offline
    text = render(list(run.results), format, fail, color=format == "text" and sys.stdout.isatty(), archive_looked=looked)
    if text:
        typer.echo(text)
    return int(ExitCode.FINDINGS) if any(r.status in fail for r in run.results) else 0
