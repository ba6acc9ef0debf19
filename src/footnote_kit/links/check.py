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
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit

from footnote_kit.links.collect import merge
from footnote_kit.links.http import DNS_DEAD, CheckOptions, Verdict, classify_url
from footnote_kit.model import ArchiveSnapshot, Citing, LinkResult, LinkStatus, UrlRef

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


def run_check(refs: Sequence[UrlRef], config: CheckConfig | None = None, progress: ProgressFn | None = None, session: Any = None) -> list[LinkResult]:
    """Check every URL once; results in the order of ``refs``."""
    config = config or CheckConfig()
    if config.archive not in ARCHIVE_MODES:
        from footnote_kit.errors import UsageError

        raise UsageError(f"--archive must be one of {', '.join(ARCHIVE_MODES)}, not {config.archive!r}")
    skip = [re.compile(p) for p in config.skip]
    cache = _open_cache(config)
    verdicts: dict[str, Verdict] = {}
    # Keyed by the address without its #fragment: page#a and page#b are one request.
    to_check: dict[str, list[str]] = {}
    try:
        for ref in refs:
            url = ref.url
            page = url.split("#", 1)[0]
            if url in verdicts:
                continue
            if page in to_check:
                if url not in to_check[page]:
                    to_check[page].append(url)
                continue
            if any(p.search(url) for p in skip):
                verdicts[url] = Verdict(url, LinkStatus.EXCLUDED, detail="matches a skip pattern")
                continue
            bad = classify_url(url)
            if bad is not None:
                verdicts[url] = Verdict(url, bad[0], detail=bad[1])
                continue
            cached = cache.get(page, stale_ok=config.offline) if cache else None
            if cached is not None:
                verdicts[url] = replace(cached, url=url)
            elif config.offline:
                verdicts[url] = Verdict(url, LinkStatus.EXCLUDED, detail="not checked: offline and not in the cache")
            else:
                to_check[page] = [url]
        total = len(verdicts) + sum(len(v) for v in to_check.values())
        done = len(verdicts)
        if progress:
            progress(done, total)
        if to_check:
            from footnote_kit.links.http import Checker

            checker = Checker(config.options, session=session)
            fresh: list[Verdict] = []
            try:
                for v in checker.check_many(list(to_check)):
                    fresh.append(v)
                    done += len(to_check[v.url])
                    if progress:
                        progress(done, total)
            finally:
                checker.close()
            for v in _network_down(fresh):
                v = _confirm(v, cache, config.confirm_days) if cache else v
                for url in to_check[v.url]:
                    verdicts[url] = replace(v, url=url)
        archived = _archive(refs, verdicts, config, cache)
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


def _network_down(verdicts: list[Verdict]) -> list[Verdict]:
    """When no host name resolved at all, the network is down, not every site dead.

    Without this, a laptop offline (or a CI runner without DNS) would call every link
    dead and fail the commit; a name that really does not exist is rarely the only host.
    """
    hosts: dict[str, bool] = {}
    for v in verdicts:
        host = (urlsplit(v.url).hostname or "").lower()
        hosts[host] = hosts.get(host, True) and v.detail == DNS_DEAD
    if len(hosts) < 2 or not all(hosts.values()):
        return verdicts
    note = "no host name resolved: DNS (the network) looks down, so this is not a verdict"
    return [Verdict(v.url, LinkStatus.ERROR, v.http_status, v.final_url, v.elapsed_ms, note) for v in verdicts]


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


def _archive(refs: Sequence[UrlRef], verdicts: dict[str, Verdict], config: CheckConfig, cache: Any) -> dict[str, tuple[ArchiveSnapshot | None, str | None]]:
    """The Wayback capture nearest each cited date, for the links that need one."""
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
        if v.status is LinkStatus.EXCLUDED and config.offline:
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
