"""URLs -> link results: cache, live check, confirmation, archive lookup, in that order.

``run_check`` is the library face of ``footnote-kit check`` (the CLI and the pre-commit
hook call it): it takes ``UrlRef``s and returns one ``LinkResult`` per URL, in input order,
and never prints. Network trouble is a status, the archive being down is a detail.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Collection, Sequence

from footnote_kit.links.cache import cache_key
from footnote_kit.links.collect import merge
from footnote_kit.links.http import CheckOptions, classify_url
from footnote_kit.links.network import as_not_checked, needs_proof, unproven
from footnote_kit.model import ArchiveSnapshot, Citing, LinkResult, LinkStatus, UrlRef, Verdict

ARCHIVE_MODES = ("failed", "all", "none")
NO_ARCHIVE = frozenset({LinkStatus.OK, LinkStatus.INVALID, LinkStatus.UNSUPPORTED, LinkStatus.EXCLUDED})
"""Statuses that ``--archive failed`` does not look up: working links and non-HTTP URLs."""


@dataclass(frozen=True)
class CheckConfig:
    """Everything ``check`` can be told; the CLI and the hook build one of these."""

    options: CheckOptions = field(default_factory=CheckOptions)
    archive: str = "failed"
    archive_url: str | None = None
    use_cache: bool = True
    cache_path: Path | None = None
    confirm_days: float = 0
    offline: bool = False
    skip: tuple[str, ...] = ()
    """Regular expressions: URLs matching one are ``excluded`` (paywalled databases...)."""


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


def verdicts_for(urls: Sequence[str], config: CheckConfig, progress: ProgressFn | None = None, session: Any = None) -> Checked:
    """The verdict for each URL: skip patterns, the cache, then the network.

    The one path from URLs to verdicts, shared by ``check`` and the pre-commit hook, so
    both apply the same network rule (``links.network``) and the same cache keys
    (``cache.cache_key``). Each verdict is stored as soon as it is known, so a run that is
    killed keeps what it learnt; those that need proof that the network works wait for
    the end of the run, and without it are never stored.
    """
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
                continue
            bad = classify_url(url)
            if bad is not None:
                verdicts[url] = Verdict(url, bad[0], detail=bad[1])
                continue
            hit = cache.get(page, stale_ok=config.offline) if cache else None
            if hit is not None:
                verdicts[url] = replace(hit, url=url)
                cached.add(url)
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
                for v in checker.check_many(list(to_check)):
                    if needs_proof(v) and not checker.network_seen:
                        held.append(v)  # settled at the end, when we know whether the network works
                    else:
                        _settle(v, to_check, verdicts, cache, config)
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
                    _settle(v, to_check, verdicts, cache, config)
            if down:
                notices.append(
                    f"footnote-kit: no public host answered, so the network looks down: {len(down)} link(s) not checked "
                    "(not verdicts; nothing cached)"
                )
        if cache:
            notices.extend(n for n in cache.notices if n not in notices)
    finally:
        if cache:
            cache.close()
    return Checked(verdicts, frozenset(cached), unchecked, tuple(notices))


def _settle(v: Verdict, to_check: dict[str, list[str]], verdicts: dict[str, Verdict], cache: Any, config: CheckConfig) -> None:
    """Store a fresh verdict (confirmed or not) and give it to every URL of its page."""
    v = _confirm(v, cache, config.confirm_days) if cache else v
    for url in to_check[v.url]:
        verdicts[url] = replace(v, url=url)


def run_check(
    refs: Sequence[UrlRef],
    config: CheckConfig | None = None,
    progress: ProgressFn | None = None,
    session: Any = None,
    notices: list[str] | None = None,
) -> list[LinkResult]:
    """Check every URL once; results in the order of ``refs``.

    ``notices`` (a list, when given) receives the one-line messages the user should see:
    a corrupt cache moved aside, the network looking down.
    """
    config = config or CheckConfig()
    if config.archive not in ARCHIVE_MODES:
        from footnote_kit.errors import UsageError

        raise UsageError(f"--archive must be one of {', '.join(ARCHIVE_MODES)}, not {config.archive!r}")
    checked = verdicts_for([ref.url for ref in refs], config, progress, session)
    if notices is not None:
        notices.extend(checked.notices)
    verdicts = checked.verdicts
    cache = _open_cache(config)
    try:
        archived = _archive(refs, verdicts, config, cache, skip=set(checked.unchecked))
    finally:
        if cache:
            cache.close()
    out = []
    for ref in merge(refs):
        v = verdicts[ref.url]
        snap, note = archived.get(ref.url, (None, None))
        detail = v.detail if not note else f"{v.detail}; {note}" if v.detail else note
        out.append(LinkResult(ref.url, v.status, v.http_status, v.final_url, v.elapsed_ms, ref.cited, snap, None, detail))
    return out


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


def _archive(
    refs: Sequence[UrlRef], verdicts: dict[str, Verdict], config: CheckConfig, cache: Any, skip: Collection[str] = ()
) -> dict[str, tuple[ArchiveSnapshot | None, str | None]]:
    """The Wayback capture nearest each cited date, for the links that need one.

    Not for links left unchecked (offline, or the network looks down): their status
    says nothing, and the archive is as unreachable as they were.
    """
    if config.archive == "none":
        return {}
    from footnote_kit.links.archive import Wayback, date_for

    wanted: dict[str, str] = {}
    for ref in merge(refs):
        v = verdicts[ref.url]
        if v.status in (LinkStatus.INVALID, LinkStatus.UNSUPPORTED):
            continue
        if config.archive == "failed" and v.status in NO_ARCHIVE:
            continue
        if ref.url in skip:
            continue
        wanted[ref.url] = date_for(_cited_date(ref.cited)).isoformat()
    out: dict[str, tuple[ArchiveSnapshot | None, str | None]] = {}
    todo: list[tuple[str, str]] = []
    for url, cited in wanted.items():
        if cache:
            hit, snap = cache.get_archive(url, cited, stale_ok=config.offline)
            if hit:
                out[url] = (snap, None)
                continue
        if config.offline:
            continue
        todo.append((url, cited))
    if not todo:
        return out
    from concurrent.futures import ThreadPoolExecutor
    from datetime import date

    wb = Wayback(config.archive_url, timeout=(config.options.connect_timeout, max(config.options.read_timeout, 10.0)))

    def look(item: tuple[str, str]) -> tuple[str, str, ArchiveSnapshot | None, str | None]:
        from footnote_kit.links.archive import ArchiveUnavailable

        url, cited = item
        try:
            return url, cited, wb.nearest(url, date.fromisoformat(cited)), None
        except ArchiveUnavailable as err:
            return url, cited, None, f"archive unavailable: {err}"

    with ThreadPoolExecutor(max_workers=4) as pool:
        for url, cited, snap, note in pool.map(look, todo):
            out[url] = (snap, note)
            if cache and note is None:
                cache.put_archive(url, cited, snap)
    return out


def _cited_date(cited: Sequence[Citing]) -> tuple[int, ...] | None:
    """The earliest date a URL is cited with: the version the writer read."""
    dates = [c.date for c in cited if c.date]
    return min(dates) if dates else None
