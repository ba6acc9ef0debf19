"""``check``'s archive phase: the Wayback copy of each failed link, looked up while the
other links are still being checked.

Why alongside and not after: the archive is one more host, with its own limit (two
requests in flight, ``archive.Wayback``), so its lookups need not wait for the last slow
page of another site. A lookup starts as soon as a link's verdict says it needs one, and
the run ends when both are done (the time is the longer of the two, not their sum).

What the archive answered is kept in the link cache (``captures``, one answer per URL),
so that the next run, and ``--offline``, ask it nothing.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import Any, Callable, Sequence

from footnote_kit.model import ArchiveSnapshot, Citing, LinkStatus, UrlRef, Verdict

NO_ARCHIVE = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.INVALID, LinkStatus.UNSUPPORTED, LinkStatus.EXCLUDED})
"""Statuses that ``--archive failed`` does not look up: links that work (a permanent
redirect works too: its new address is the one to cite, so its old address needs no copy,
and the archive is spared the question), and URLs that are not checked."""

Found = tuple[ArchiveSnapshot | None, str | None]
"""(the capture, or a note such as ``archive unavailable: …``)."""


class ArchivePhase:
    """Lookups submitted one by one (``submit``), gathered at the end (``finish``)."""

    def __init__(
        self,
        refs: Sequence[UrlRef],
        mode: str,
        *,
        wayback: Any = None,
        cache: Any = None,
        offline: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        from footnote_kit.links.archive import date_for

        self.mode = mode
        self.wayback = wayback
        self.cache = cache
        self.offline = offline
        self.progress = progress
        self.dates: dict[str, date] = {ref.url: date_for(cited_date(ref.cited)) for ref in refs}
        self.found: dict[str, Found] = {}
        self._futures: dict[str, Future[Found]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self.asked = 0
        self.done = 0

    def wants(self, v: Verdict) -> bool:
        if self.mode == "none" or v.status in (LinkStatus.INVALID, LinkStatus.UNSUPPORTED):
            return False
        return not (self.mode == "failed" and v.status in NO_ARCHIVE)

    def submit(self, url: str, v: Verdict) -> None:
        """Look up ``url`` if its verdict calls for it: from the cache, else in the background."""
        if url in self.found or url in self._futures or url not in self.dates or not self.wants(v):
            return
        when = self.dates[url]
        known, snap = self.wayback.known_nearest(url, when)  # what this run or the cache knows
        if not known and self.cache is not None:
            # What versions before the ``captures`` table stored: one capture per cited date.
            known, snap = self.cache.get_archive(url, when.isoformat(), stale_ok=self.offline)
        if known or self.offline:
            if known:
                self.found[url] = (snap, None)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fk-archive")
        with self._lock:
            self.asked += 1
        self._futures[url] = self._pool.submit(self._look, url, when)

    def _look(self, url: str, when: date) -> Found:
        from footnote_kit.links.archive import ArchiveUnavailable

        try:
            found: Found = (self.wayback.nearest(url, when), None)
        except ArchiveUnavailable as err:
            found = (None, f"archive unavailable: {err}")
        with self._lock:
            self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.asked)
        return found

    def finish(self) -> dict[str, Found]:
        """Every lookup's answer; what the archive said is stored in the cache."""
        try:
            for url, future in self._futures.items():
                self.found[url] = future.result()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
        if self.cache is not None:
            for url, answer in self.wayback.fetched().items():
                self.cache.put_captures(url, answer)
        return self.found


def cited_date(cited: Sequence[Citing]) -> tuple[int, ...] | None:
    """The earliest date a URL is cited with: the version the writer read."""
    dates = [c.date for c in cited if c.date]
    return min(dates) if dates else None
