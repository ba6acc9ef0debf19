"""URLs -> link results: cache, live check, the network rule, confirmation, and the
archive lookups that run alongside.

``verdicts_for`` is the one path from URLs to verdicts (the pre-commit hook uses it as it
is); ``run_check`` is the library face of ``footnote-kit check``: it adds the Wayback
copies (``links.archiving``) and returns one ``LinkResult`` per URL, in input order, and
never prints. Network trouble is a status, the archive being down is a detail.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from footnote_kit.config import ARCHIVE_MODES, Settings
from footnote_kit.errors import UsageError
from footnote_kit.links.cache import cache_key
from footnote_kit.links.collect import merge
from footnote_kit.links.fetch import CheckOptions, classify_url, options_from
from footnote_kit.links.network import NETWORK_NOTICE, as_not_checked, needs_proof, unproven
from footnote_kit.model import LinkResult, LinkStatus, Problem, UrlRef, Verdict

__all__ = ["ARCHIVE_MODES", "CheckConfig", "CheckRun", "Checked", "check_paths", "config_from", "run_check", "verdicts_for"]


@dataclass(frozen=True)
class CheckConfig:
    """Everything ``check`` can be told; the command builds one with ``config_from``, the hook by hand."""

    options: CheckOptions = field(default_factory=CheckOptions)
    archive: str = "failed"
    archive_url: str | None = None
    use_cache: bool = True
    cache_path: Path | None = None
    confirm_days: float = 0
    offline: bool = False
    skip: tuple[str, ...] = ()
    """Regular expressions: URLs matching one are ``excluded`` (paywalled databases...)."""

    def __post_init__(self) -> None:
        # The checks the settings file's values pass (``config.check_value``), for a
        # config built by hand; the command line's options pass through the same.
        from footnote_kit.config import check_value

        for value, kind, label in ((self.archive, "archive-mode", "--archive"), (list(self.skip), "regexes", "--skip-url")):
            try:
                check_value(value, kind, label)
            except ValueError as err:
                raise UsageError(str(err)) from None
        if self.archive_url is not None:
            try:
                check_value(self.archive_url, "url", "--archive-url")
            except ValueError as err:
                raise UsageError(str(err)) from None
        if self.confirm_days < 0:
            raise UsageError("--confirm-days must not be negative")
        if self.confirm_days and not self.use_cache:
            raise UsageError("--confirm-days needs the cache's history: drop --no-cache")


def config_from(settings: Settings, *, use_cache: bool = True, confirm_days: float = 0, offline: bool = False) -> CheckConfig:
    """The ``CheckConfig`` that ``settings`` (a settings file, with any options put in by
    ``config.with_options``) describe; the rest are ``check``'s own options."""
    return CheckConfig(
        options=options_from(settings), archive=settings.archive.mode, archive_url=settings.archive.url,
        use_cache=use_cache, cache_path=Path(settings.check.cache) if settings.check.cache else None,
        confirm_days=confirm_days, offline=offline, skip=settings.skip_urls,
    )


ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class Checked:
    """Verdicts for a list of URLs, and how each was reached (``verdicts_for``)."""

    verdicts: dict[str, Verdict]
    """Every URL given -> its verdict, as ``check`` reports it."""
    cached: frozenset[str] = frozenset()
    """URLs answered from the cache."""
    unchecked: dict[str, str] = field(default_factory=dict)
    """URLs that got no verdict -> why: ``"offline"`` (not in the cache) or ``"network"``
    (a failure to reach the host, and no public host answered: ``links.network``)."""
    notices: tuple[str, ...] = ()
    """One-line messages for the user (a cache moved aside, the network looks down)."""


def verdicts_for(
    urls: Sequence[str],
    config: CheckConfig,
    progress: ProgressFn | None = None,
    session: Any = None,
    titles: Mapping[str, str] | None = None,
    settled: Callable[[str, Verdict], None] | None = None,
) -> Checked:
    """The verdict for each URL: skip patterns, the cache, then the network.

    The one path from URLs to verdicts, shared by ``check`` and the pre-commit hook, so
    both apply the same network rule (``links.network``) and the same cache keys
    (``cache.cache_key``). Each verdict is stored as soon as it is known, so a run that is
    killed keeps what it learnt; those that need proof that the network works wait for
    the end of the run, and without it are never stored. ``titles`` are the titles the
    URLs are cited with: a redirect to a page bearing its title is the article moved.
    ``settled(url, verdict)`` is called for each verdict as soon as it is final (never
    for a URL left unchecked), so that its archive lookup can start while others run.
    """
    tell = settled or (lambda _url, _v: None)
    skip = [re.compile(p) for p in config.skip]
    cache = _open_cache(config)
    notices: list[str] = list(cache.notices) if cache else []
    verdicts: dict[str, Verdict] = {}
    cached: set[str] = set()
    unchecked: dict[str, str] = {}
    to_check: dict[str, list[str]] = {}  # by address without #fragment: page#a and page#b are one request
    try:
        for url in dict.fromkeys(urls):
            page = cache_key(url)
            if page in to_check:
                to_check[page].append(url)
                continue
            if any(p.search(url) for p in skip):
                verdicts[url] = Verdict(url, LinkStatus.EXCLUDED, detail="matches a skip pattern")
                tell(url, verdicts[url])
                continue
            # The cache first: what is in it was a well-formed URL when it was stored (and
            # the hook's warm path, which finds everything there, need not ask again).
            hit = cache.get(page, stale_ok=config.offline) if cache else None
            if hit is not None:
                verdicts[url] = replace(hit, url=url)
                cached.add(url)
                tell(url, verdicts[url])
                continue
            bad = classify_url(url)
            if bad is not None:
                verdicts[url] = Verdict(url, bad[0], detail=bad[1])
            elif config.offline:
                verdicts[url] = Verdict(url, LinkStatus.EXCLUDED, detail="not checked: offline and not in the cache")
                unchecked[url] = "offline"
            else:
                to_check[page] = [url]
        total = len(verdicts) + sum(len(v) for v in to_check.values())
        done = len(verdicts)
        if progress:
            progress(done, total)
        if to_check:
            from footnote_kit.links.http import Checker

            checker = Checker(config.options, session=session)
            held: list[Verdict] = []
            try:
                cited = {page: titles[urls_[0]] for page, urls_ in to_check.items() if titles and urls_[0] in titles}
                for v in checker.check_many(list(to_check), titles=cited):
                    if needs_proof(v) and not checker.network_seen:
                        held.append(v)  # settled at the end, when we know whether the network works
                    else:
                        _settle(v, to_check, verdicts, cache, config, tell)
                    done += len(to_check[v.url])
                    if progress:
                        progress(done, total)
            finally:
                checker.close()
            down = {v.url for v in unproven(held, checker.network_seen)}
            for v in held:
                if v.url in down:
                    for url in to_check[v.url]:
                        verdicts[url] = replace(as_not_checked(v), url=url)
                        unchecked[url] = "network"
                else:
                    _settle(v, to_check, verdicts, cache, config, tell)
            if down:
                notices.append(f"{NETWORK_NOTICE}: {len(down)} link(s) not checked (not verdicts; nothing cached)")
        if cache:
            notices.extend(n for n in cache.notices if n not in notices)
    finally:
        if cache:
            cache.close()
    return Checked(verdicts, frozenset(cached), unchecked, tuple(notices))


def _settle(
    v: Verdict, to_check: dict[str, list[str]], verdicts: dict[str, Verdict], cache: Any, config: CheckConfig,
    tell: Callable[[str, Verdict], None],
) -> None:
    """Store a fresh verdict (confirmed or not) and give it to every URL of its page."""
    v = _confirm(v, cache, config.confirm_days) if cache else v
    for url in to_check[v.url]:
        verdicts[url] = replace(v, url=url)
        tell(url, verdicts[url])


def run_check(
    refs: Sequence[UrlRef],
    config: CheckConfig | None = None,
    progress: ProgressFn | None = None,
    session: Any = None,
    notices: list[str] | None = None,
    wayback: Any = None,
) -> list[LinkResult]:
    """Check every URL once; results in the order of ``refs``.

    Archive lookups run alongside the checks (``links.archiving``), and ``progress``
    counts both. ``notices`` (a list, when given) receives the one-line messages the user
    should see: a corrupt cache moved aside, the network looking down. ``wayback`` is the
    archive client to use (``check --repair`` shares one with URL repair, so that the
    archive is asked once per URL); by default one for ``config.archive_url``.
    """
    config = config or CheckConfig()
    from footnote_kit.links.archiving import ArchivePhase

    merged = merge(refs)
    counts = [0, 0, 0, 0]  # checks done, checks in all, lookups done, lookups asked
    lock = threading.Lock()

    def tally(index: int, done: int, total: int) -> None:
        with lock:
            counts[index], counts[index + 1] = done, total
            if progress:
                progress(counts[0] + counts[2], counts[1] + counts[3])

    cache = _open_cache(config) if config.archive != "none" else None
    if config.archive != "none" and wayback is None:
        wayback = archive_client(config, cache)
    phase = ArchivePhase(merged, config.archive, wayback=wayback, cache=cache, offline=config.offline,
                         progress=lambda d, t: tally(2, d, t))
    try:
        titles = {ref.url: ref.title for ref in refs if ref.title}
        checked = verdicts_for([ref.url for ref in refs], config, lambda d, t: tally(0, d, t), session, titles, phase.submit)
        archived = phase.finish()
    finally:
        if cache:
            cache.close()
    if notices is not None:
        notices.extend(checked.notices)
    verdicts = checked.verdicts
    out = []
    for ref in merged:
        v = verdicts[ref.url]
        snap, note = archived.get(ref.url, (None, None))
        detail = v.detail if not note else f"{v.detail}; {note}" if v.detail else note
        out.append(LinkResult(ref.url, v.status, v.http_status, v.final_url, v.elapsed_ms, ref.cited, snap, None, detail))
    return out


@dataclass(frozen=True)
class CheckRun:
    """What ``check_paths`` found: one result per URL, and what the user should be told."""

    results: tuple[LinkResult, ...]
    """One per distinct URL, in the order the URLs were first cited."""
    refs: tuple[UrlRef, ...]
    """The URLs found, each with every place citing it."""
    problems: tuple[Problem, ...] = ()
    """Files found in folders that could not be read, and were skipped."""
    notices: tuple[str, ...] = ()
    """One-line messages (a cache moved aside, the network looking down)."""


def check_paths(
    paths: Sequence[str],
    config: CheckConfig | None = None,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    repair: bool = False,
    progress: ProgressFn | None = None,
    repair_progress: Callable[[str], None] | None = None,
) -> CheckRun:
    """``footnote-kit check``: every URL cited under ``paths`` checked once, with its
    Wayback copy, and (``repair``) an evidenced repair of each failed URL that copying
    from a PDF damaged. Never prints: unreadable files found in folders and the notices
    come back with the results."""
    from footnote_kit.links.collect import collect

    config = config or CheckConfig()
    skipped: list[Problem] = []
    refs = collect(paths, include=include, exclude=exclude, notes=notes, encoding=encoding, problems=skipped, fmt=fmt)
    notices: list[str] = []
    # One archive client for the check and for repair: the archive is asked once per URL,
    # and what an earlier run learnt (the cache) is recalled before asking.
    archive_cache = open_cache(config) if config.archive != "none" else None
    wayback = archive_client(config, archive_cache) if config.archive != "none" else None
    try:
        results = run_check(refs, config, progress=progress, notices=notices, wayback=wayback)
        if repair:
            from footnote_kit.links.http import Checker
            from footnote_kit.links.repair import live_probe, repair_links

            live = None if config.offline else live_probe(Checker(config.options))
            evidence = None if config.offline or wayback is None else wayback
            results = repair_links(results, refs, live=live, archive=evidence, progress=repair_progress)
    finally:
        if archive_cache is not None:
            archive_cache.close()
    if repair and wayback is not None and not config.offline:
        store_archive_answers(config, wayback)
    return CheckRun(tuple(results), tuple(refs), tuple(skipped), tuple(notices))


def archive_client(config: CheckConfig, cache: Any = None) -> Any:
    """The Wayback client ``check`` uses: requests bounded by ``max(--timeout, 10)`` s, and
    what ``cache`` (a ``LinkCache``) holds of the archive's earlier answers recalled
    before asking (any age with ``--offline``)."""
    from footnote_kit.links.archive import Wayback

    recall = None
    if cache is not None:
        def recall(url: str) -> Any:
            return cache.get_captures(url, stale_ok=config.offline)

    return Wayback(
        config.archive_url, timeout=(config.options.connect_timeout, max(config.options.read_timeout, 10.0)), recall=recall
    )


def open_cache(config: CheckConfig) -> Any:
    """The link cache ``config`` names (None with ``use_cache=False``); the caller closes it."""
    return _open_cache(config)


def store_archive_answers(config: CheckConfig, wayback: Any) -> None:
    """Keep in the link cache what ``wayback`` asked the archive (after ``check --repair``)."""
    cache = _open_cache(config)
    if cache is None:
        return
    try:
        for url, answer in wayback.fetched().items():
            cache.put_captures(url, answer)
    finally:
        cache.close()


def _open_cache(config: CheckConfig) -> Any:
    if not config.use_cache:
        return None
    from footnote_kit.links.cache import LinkCache

    return LinkCache(config.cache_path)


def _confirm(v: Verdict, cache: Any, days: float) -> Verdict:
    """Store the verdict; with ``--confirm-days``, a first-time ``dead`` becomes a warning.

    Why: a site down for maintenance or a CDN hiccup can answer 404 for an hour. Reporting
    dead only after failures in runs some days apart ends flaky CI runs.
    """
    if v.status is not LinkStatus.DEAD or days <= 0:
        cache.put(v)
        return v
    now = cache.now()
    since = cache.failing_since(v.url)
    since = now if since is None else since
    confirmed = now - since >= days * 86400
    cache.put(v, final=confirmed)  # unconfirmed: looked at again every run
    first = time.strftime("%Y-%m-%d", time.gmtime(since))
    if confirmed:
        return Verdict(v.url, v.status, v.http_status, v.final_url, v.elapsed_ms, f"{v.detail}; failing since {first}")
    return Verdict(
        v.url, LinkStatus.ERROR, v.http_status, v.final_url, v.elapsed_ms,
        f"{v.detail}, not yet confirmed dead: failing since {first}, reported dead once it still fails {days:g} days later",
    )
