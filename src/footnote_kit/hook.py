"""The pre-commit hook: ``footnote-kit-hook lint|check FILE...``.

pre-commit runs this on every commit with the files being committed, so it has its own
argparse entry point instead of the typer CLI: a warm run (every link already in the
cache) must finish in well under half a second, and importing typer, requests, pybtex or
citeproc alone costs more than that budget allows. Heavy modules are imported only on
the cold path, when some URL really has to be fetched (``tests/test_hook.py`` checks that
the warm path leaves them out of ``sys.modules``).

``check`` reports dead links (and whatever ``[tool.footnote-kit.check] fail-on`` names) at
``path:line`` and fails the commit; it never fails a commit because the network is down:
it says so and lets the commit through (``--offline`` makes that explicit and uses only
the cache). ``lint`` runs the lint rules the settings enable on the committed files.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from footnote_kit.config import Settings, load_settings
from footnote_kit.errors import ExitCode, FootnoteKitError

PROG = "footnote-kit-hook"



@dataclass(frozen=True)
class Cited:
    url: str
    file: str
    line: int | None


def find_urls(path: str) -> list[Cited]:
    """Every URL a file cites, with its line, as ``footnote-kit check`` finds it.

    The same collector as ``check`` (so the URLs, which key the shared cache, are the same
    strings), but without what a commit does not need: the formats the registry marks
    ``line_scan`` (Markdown, LaTeX, HTML, ``.bib``) are scanned line by line, not also
    parsed for note numbers and dates (parsing HTML and ``.bib`` would import
    beautifulsoup4 and pybtex). Plain text copied from a PDF is parsed, because its URLs
    wrap across lines and only the notes give them whole; Word, EPUB and PDF files are
    read by their readers (a PDF library is loaded only when a PDF is committed).
    """
    from footnote_kit.documents import by_suffix
    from footnote_kit.files import read_text
    from footnote_kit.links import collect

    if not Path(path).read_bytes().strip():
        return []  # an empty placeholder file cites nothing (and must not block a commit)
    reader = by_suffix(path)
    scan = reader is not None and reader.line_scan
    refs = collect.scan_text(read_text(path), path) if scan else collect.collect_file(path)
    return [Cited(ref.url, c.file or path, c.line) for ref in refs for c in ref.cited]


# ---------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the hook decided for one URL."""

    url: str
    status: str
    """A ``LinkStatus`` value, or ``unchecked`` (offline, or the network is down)."""
    detail: str | None = None
    http_status: int | None = None
    cached: bool = False


def _connection_failure(o: Outcome) -> bool:
    return o.http_status is None and o.status in ("error", "timeout")


def _network_down(fetched: Sequence[Outcome]) -> bool:
    """No URL that was tried got an HTTP answer, and the failures are the network's.

    Connections refused or timed out everywhere, or "no such host" for two hosts or more
    (a resolver that cannot be reached answers that way on some systems): one dead link
    is rarely all a commit cites from more than one site.
    """
    from urllib.parse import urlsplit

    from footnote_kit.links.http import DNS_DEAD

    tried = [o for o in fetched if o.status not in ("invalid", "unsupported")]
    if not tried or any(o.http_status is not None for o in tried):
        return False
    unknown_hosts = {urlsplit(o.url).hostname for o in tried if o.detail == DNS_DEAD}
    return any(_connection_failure(o) for o in tried) or len(unknown_hosts) >= 2


def check_links(urls: Sequence[str], settings: Settings, *, offline: bool, cache_path: str | None) -> tuple[list[Outcome], bool]:
    """Verdicts for ``urls`` (cache first, then the network); and whether the network is down.

    When the network is down (``_network_down``) the fetched verdicts say nothing about the
    links: they become ``unchecked`` and stay out of the cache.
    """
    from footnote_kit.links.cache import LinkCache

    out: dict[str, Outcome] = {}
    todo: list[str] = []
    for url in urls:
        if settings.skips(url):
            out[url] = Outcome(url, "excluded", "skipped by skip-urls")
    cache = LinkCache(cache_path or settings.check.cache)
    try:
        for url in urls:
            if url in out:
                continue
            verdict = cache.get(url, stale_ok=offline)
            if verdict is not None:
                out[url] = Outcome(url, verdict.status.value, verdict.detail, verdict.http_status, cached=True)
            elif offline:
                out[url] = Outcome(url, "unchecked", "not in the cache (--offline)")
            else:
                todo.append(url)
        network_down = False
        if todo:
            fresh = _fetch(todo, settings)
            network_down = _network_down([o for o, _ in fresh])
            for o, verdict in fresh:
                if network_down and o.status not in ("invalid", "unsupported"):
                    # Nothing answered: these verdicts say nothing about the links; keep them out of the cache.
                    out[o.url] = Outcome(o.url, "unchecked", f"network unreachable: {o.detail}")
                else:
                    cache.put(verdict)
                    out[o.url] = o
    finally:
        cache.close()
    return [out[u] for u in urls], network_down


def _fetch(urls: Sequence[str], settings: Settings) -> list[tuple[Outcome, Any]]:
    """The cold path: the only place the hook imports the HTTP stack (requests)."""
    from footnote_kit.links.http import Checker, CheckOptions

    c = settings.check
    kwargs: dict[str, Any] = dict(
        connect_timeout=c.connect_timeout, read_timeout=c.timeout, retries=c.retries,
        max_concurrency=c.max_concurrency, per_host=c.max_per_host,
    )
    if c.user_agent:
        kwargs["user_agent"] = c.user_agent
    checker = Checker(CheckOptions(**kwargs))
    try:
        return [(Outcome(v.url, v.status.value, v.detail, v.http_status), v) for v in checker.check_many(urls)]
    finally:
        checker.close()


def run_check(files: Sequence[str], settings: Settings, *, offline: bool, cache_path: str | None, out: Any, err: Any) -> int:
    cited: list[Cited] = []
    for path in files:
        cited.extend(find_urls(path))
    urls = list(dict.fromkeys(c.url for c in cited))
    if not urls:
        return int(ExitCode.OK)
    outcomes, network_down = check_links(urls, settings, offline=offline, cache_path=cache_path)
    by_url = {o.url: o for o in outcomes}
    failing = set(settings.check.fail_on)
    failed = 0
    for c in cited:
        o = by_url[c.url]
        if o.status in ("ok", "redirected", "excluded", "unchecked"):
            continue
        fails = o.status in failing
        failed += fails
        why = f" ({o.detail})" if o.detail else ""
        where = f"{c.file}:{c.line}" if c.line else c.file
        print(f"{where}: {o.status}{'' if fails else ' (warning)'}: {c.url}{why}", file=out)
    unchecked = sum(1 for o in outcomes if o.status == "unchecked")
    cached = sum(1 for o in outcomes if o.cached)
    if network_down:
        print(f"{PROG}: the network seems down: {unchecked} link(s) not checked; not failing the commit "
              "(pass --offline to use only the cache)", file=err)
    elif unchecked:
        print(f"{PROG}: --offline: {unchecked} link(s) not in the cache were not checked", file=err)
    if failed:
        print(f"{PROG}: {failed} citation(s) of failing links ({', '.join(sorted(failing))}) in "
              f"{len(files)} file(s); {len(urls)} link(s), {cached} from the cache", file=err)
        return int(ExitCode.FINDINGS)
    return int(ExitCode.OK)


# ---------------------------------------------------------------------------------------
# lint
# ---------------------------------------------------------------------------------------


def run_lint(files: Sequence[str], settings: Settings, *, out: Any) -> int:
    from footnote_kit.lint import failed, format_line, lint

    problems = lint(files, settings)
    for p in problems:
        print(format_line(p), file=out)
    return int(ExitCode.FINDINGS if failed(problems) else ExitCode.OK)


# ---------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="footnote-kit's pre-commit hook: lint citations, or check the links of the files being committed.",
        epilog="Example: footnote-kit-hook check --offline chapters/one.md refs.bib",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("lint", "lint the citations of FILES"), ("check", "check the links FILES cite; dead links fail")):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("filenames", nargs="*", metavar="FILE")
        p.add_argument("--config", metavar="FILE", help="settings file (default: found upwards to the git root)")
        if name == "check":
            p.add_argument("--offline", action="store_true", help="use only the link cache; never fetch")
            p.add_argument("--cache", metavar="PATH", help="link cache file (default: the user's cache directory)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point (``footnote-kit-hook``); returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(config=args.config)
        files = [f for f in args.filenames if _wanted(f, settings)]
        if not files:
            return int(ExitCode.OK)
        if args.command == "lint":
            return run_lint([f for f in files if _wanted(f, settings, lint=True)], settings, out=sys.stdout)
        return run_check(files, settings, offline=args.offline, cache_path=args.cache, out=sys.stdout, err=sys.stderr)
    except FootnoteKitError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return int(err.exit_code)
    except KeyboardInterrupt:
        return 130


def _wanted(path: str, settings: Settings, *, lint: bool = False) -> bool:
    from footnote_kit.documents import known

    return known(path, lint=lint) and settings.selects(Path(path))


if __name__ == "__main__":
    raise SystemExit(main())
