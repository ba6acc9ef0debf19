"""The Wayback Machine client: the capture of a URL nearest the date it was cited.

Stable API (the URL-repair stage calls it too; keep it backwards compatible):

- ``default_archive_url()`` -> the base address: ``$FOOTNOTE_KIT_ARCHIVE_URL`` or
  ``https://web.archive.org``. Every path (``/cdx/search/cdx``, ``/web/<ts>/<url>``,
  ``/wayback/available``) is taken under it, so tests and mirrors can point elsewhere.
- ``Wayback(base_url=None, session=None, timeout=(3.05, 15.0), user_agent=None, max_in_flight=2,
  retry_after_cap=5.0, lookup_seconds=None, recall=None)``: ``timeout``'s second part bounds each
  request from connecting to the last byte, ``lookup_seconds`` (default three times that)
  each lookup with its retries and fallback; answers over 1 MB and redirects to another
  host are refused (``ArchiveUnavailable``). At most ``max_in_flight`` requests at once;
  a 429 or 503 pauses the whole client for its ``Retry-After``.
  - ``nearest(url, when=None) -> ArchiveSnapshot | None``: the capture that answered 200
    nearest ``when`` (a ``date``, a CSL date-parts tuple, or None for today); None when the
    archive holds no such capture.
  - ``has_good_captures(url) -> bool``: does the archive hold a capture of ``url`` that
    answered 2xx/3xx (URL repair's evidence)? Answered from ``nearest``'s query for the
    same URL when there was one: one CDX query per URL.
  - ``captures(url, limit=100) -> list[tuple[str, int]]``: (timestamp, HTTP status) of the
    captures, any status, oldest first; an empty list when there are none.
  - ``recall(url)`` (a constructor argument) and ``fetched()``:
    what an earlier run learnt (the link cache keeps it) and what this client asked, so
    the next run asks nothing.
  - All raise ``ArchiveUnavailable`` when the archive cannot answer (down, slow, rate
    limiting, nonsense): callers report that and carry on, it never fails a live check.
- ``date_for(parts)`` -> the ``date`` a CSL date-parts tuple stands for (the middle of a
  year or month known only to that precision).

Why the CDX API rather than the availability API: ``/wayback/available`` is known to
answer empty for pages that are archived and to rate-limit hard (lychee moved away from
it for that reason), and it returns the nearest capture whatever its status, so a dead
page's nearest "capture" is often its own 404. The CDX API lets us ask for the captures
that answered 2xx/3xx, sorted by closeness (``links.cdx``: one query per URL serves both
the nearest 200 copy and repair's evidence), and we pick the nearest ourselves. The
availability API is used only when the CDX API fails.
"""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import date, datetime, timezone
from typing import Any, Callable, Sequence, Union

from footnote_kit.links.cdx import FIELDS, GOOD, LIMIT, Captures, Row, read_rows, stamp_date
from footnote_kit.model import ArchiveSnapshot

DEFAULT_ARCHIVE_URL = "https://web.archive.org"
ENV_VAR = "FOOTNOTE_KIT_ARCHIVE_URL"
DEFAULT_UA = "footnote-kit (+https://pypi.org/project/footnote-kit/) link checker"
BODY_CAP = 1 << 20
"""The archive's answers are a few rows of JSON; anything over 1 MB is not an answer."""
MAX_REDIRECTS = 5

When = Union[date, Sequence[int], None]


class ArchiveUnavailable(Exception):
    """The archive did not give a usable answer (network error, timeout, 5xx, bad JSON)."""


def default_archive_url() -> str:
    """The archive's base address: ``$FOOTNOTE_KIT_ARCHIVE_URL`` or the Internet Archive."""
    return (os.environ.get(ENV_VAR) or DEFAULT_ARCHIVE_URL).rstrip("/")


def date_for(parts: When) -> date:
    """A cited date as a ``date``; today when unknown.

    A year alone stands for 1 July and a month for its 15th: the middle of the period
    keeps the error at most half of it, whichever way the real date lies.
    """
    if parts is None:
        return datetime.now(timezone.utc).date()
    if isinstance(parts, date):
        return parts
    p = list(parts)
    if not p:
        return datetime.now(timezone.utc).date()
    year = int(p[0])
    month = int(p[1]) if len(p) > 1 else 7
    day = int(p[2]) if len(p) > 2 else (15 if len(p) > 1 else 1)
    try:
        return date(year, month, day)
    except ValueError:
        try:
            return date(year, min(max(month, 1), 12), 1)
        except ValueError:
            return datetime.now(timezone.utc).date()


def timestamp_date(ts: str) -> date | None:
    """The date of a 14-digit (or shorter) Wayback timestamp."""
    return stamp_date(ts)


def _around(cited: date) -> str:
    return cited.strftime("%Y%m%d") + "120000"


class Wayback:
    """One client (one session, a bound on requests in flight) shared by all checks."""

    def __init__(
        self,
        base_url: str | None = None,
        session: Any = None,
        timeout: float | tuple[float, float] = (3.05, 15.0),
        user_agent: str | None = None,
        max_in_flight: int = 2,
        retry_after_cap: float = 5.0,
        lookup_seconds: float | None = None,
        recall: Callable[[str], Captures | None] | None = None,
    ) -> None:
        self.base_url = (base_url or default_archive_url()).rstrip("/")
        self.timeout = timeout
        self.request_seconds = float(timeout[1] if isinstance(timeout, tuple) else timeout)
        """Wall-clock limit of one request, connect to last byte."""
        self.lookup_seconds = lookup_seconds if lookup_seconds is not None else 3 * self.request_seconds
        """Wall-clock limit of one lookup (``nearest`` or ``captures``), retries and fallback included."""
        self.user_agent = user_agent or DEFAULT_UA
        self.retry_after_cap = retry_after_cap
        self._session = session
        self._lock = threading.Lock()
        # The real archive throttles clients that open many connections; a few at a time
        # is as fast as it will let us go anyway.
        self._slots = threading.BoundedSemaphore(max(1, max_in_flight))
        self._pause_until = 0.0
        """The archive asked us (429/503 with Retry-After) to send nothing before this."""
        self._known: dict[str, Captures] = {}
        """URL -> its good captures, from a query of this client or an earlier run (``recall``)."""
        self._asked: dict[str, Captures] = {}
        self._recall = recall
        """What an earlier run learnt about a URL (the link cache's ``get_captures``)."""

    # -- public API ---------------------------------------------------------------------

    def nearest(self, url: str, when: When = None) -> ArchiveSnapshot | None:
        """The status-200 capture of ``url`` nearest ``when``; None when there is none."""
        url = url.split("#", 1)[0]  # the archive keys captures without the fragment
        cited = date_for(when)
        ts = _around(cited)
        deadline = time.monotonic() + self.lookup_seconds
        try:
            found = self._good(url, ts, deadline)
        except ArchiveUnavailable:
            if time.monotonic() >= deadline:
                raise
            return self._available(url, ts, cited, deadline)
        best = found.nearest_ok(cited)
        return self.snapshot(best[1] or url, best[0], cited) if best else None

    def known_nearest(self, url: str, when: When = None) -> tuple[bool, ArchiveSnapshot | None]:
        """``nearest`` from what this client already knows, never asking: (known, capture)."""
        url = url.split("#", 1)[0]
        cited = date_for(when)
        known = self._remembered(url)
        if known is None or not known.serves(_around(cited)):
            return False, None
        best = known.nearest_ok(cited)
        return True, (self.snapshot(best[1] or url, best[0], cited) if best else None)

    def has_good_captures(self, url: str) -> bool:
        """Does the archive hold a capture of ``url`` that answered 2xx or 3xx?

        Answered from the query ``nearest`` made for the same URL when there was one (the
        evidence URL repair needs): one CDX query per URL, whatever is asked about it.
        """
        url = url.split("#", 1)[0]
        known = self._remembered(url)
        if known is not None:
            return bool(known.rows)
        return bool(self._good(url, _around(date_for(None)), time.monotonic() + self.lookup_seconds).rows)

    def captures(self, url: str, limit: int = 100) -> list[tuple[str, int]]:
        """(timestamp, status) of the archive's captures of ``url``, any status, oldest first."""
        rows = self._cdx(url.split("#", 1)[0], {"limit": str(limit)}, time.monotonic() + self.lookup_seconds)
        return [(stamp, status) for stamp, _original, status in rows]

    def _remembered(self, url: str) -> Captures | None:
        with self._lock:
            known = self._known.get(url)
        if known is None and self._recall is not None:
            known = self._recall(url)
            if known is not None:
                with self._lock:
                    self._known.setdefault(url, known)
        return known

    def fetched(self) -> dict[str, Captures]:
        """What this client asked the archive, by URL (for the link cache)."""
        with self._lock:
            return dict(self._asked)

    def snapshot(self, url: str, timestamp: str, cited: date | None = None) -> ArchiveSnapshot:
        """The replay address of a capture, and how far it lies from the cited date."""
        days = None
        d = timestamp_date(timestamp)
        if cited is not None and d is not None:
            days = (d - cited).days
        return ArchiveSnapshot(url=f"{self.base_url}/web/{timestamp}/{url}", timestamp=timestamp, days_from_cited=days)

    # -- the two APIs -------------------------------------------------------------------

    def _good(self, url: str, around: str, deadline: float) -> Captures:
        """The good captures of ``url`` nearest ``around``: remembered, or one CDX query."""
        known = self._remembered(url)
        if known is not None and known.serves(around):
            return known
        rows = self._cdx(url, {"filter": GOOD, "closest": around, "sort": "closest", "limit": str(LIMIT)}, deadline)
        found = Captures(around, tuple(rows), complete=len(rows) < LIMIT)
        with self._lock:
            self._known[url] = found
            self._asked[url] = found
        return found

    def _cdx(self, url: str, extra: dict[str, str], deadline: float) -> list[Row]:
        params = {"url": url, "output": "json", "fl": ",".join(FIELDS), **extra}
        data = self._get_json("/cdx/search/cdx", params, deadline)
        try:
            return read_rows(data, url)
        except ValueError as err:
            raise ArchiveUnavailable(str(err)) from None

    def _available(self, url: str, ts: str, cited: date, deadline: float) -> ArchiveSnapshot | None:
        """The availability API: the fallback when the CDX API fails."""
        data = self._get_json("/wayback/available", {"url": url, "timestamp": ts}, deadline)
        closest = (data or {}).get("archived_snapshots", {}).get("closest") if isinstance(data, dict) else None
        if not isinstance(closest, dict) or not closest.get("available", True):
            return None
        if str(closest.get("status", "200")) != "200" or not closest.get("timestamp"):
            return None
        return self.snapshot(url, str(closest["timestamp"]), cited)

    def _get_json(self, path: str, params: dict[str, str], deadline: float) -> Any:
        """GET a JSON answer before ``deadline``, honouring the archive's rate limit.

        A 429 or 503 sets a pause for the whole client (``Retry-After``, or a second):
        no request of any lookup goes out before it ends, and the request is tried again,
        twice at most. A lookup whose deadline falls inside the pause gives up without
        sending anything. Bounded like every request (``links.transport``).
        """
        for attempt in range(3):
            self._wait_for_pause(deadline)
            status, headers, body = self._request(self.base_url + path, params, deadline)
            if status in (429, 503):
                from footnote_kit.links.http import retry_after

                wait = min(retry_after(headers.get("Retry-After"), 1.0), self.retry_after_cap * 12)
                with self._lock:
                    self._pause_until = max(self._pause_until, time.monotonic() + wait)
                if attempt < 2:
                    continue
            break
        if status != 200:
            raise ArchiveUnavailable(f"{self.base_url}{path} answered HTTP {status}")
        if not body.strip():
            return None
        if body.lstrip()[:1] == b"<":
            raise ArchiveUnavailable(f"{self.base_url}{path} answered an HTML page, not JSON")
        try:
            return json.loads(body)
        except ValueError:
            raise ArchiveUnavailable(f"{self.base_url}{path} answered something that is not JSON") from None

    def _wait_for_pause(self, deadline: float) -> None:
        with self._lock:
            until = self._pause_until
        wait = until - time.monotonic()
        if wait <= 0:
            return
        if time.monotonic() + wait >= deadline:
            raise ArchiveUnavailable(f"{self.base_url} asks to wait {wait:.0f} s (rate limited)")
        time.sleep(wait)

    def _request(self, url: str, params: dict[str, str] | None, deadline: float) -> tuple[int, Any, bytes]:
        """(status, headers, body) of one GET and its same-host redirects, all before ``deadline``."""
        import time
        from urllib.parse import urljoin, urlsplit

        import requests

        from footnote_kit.links.transport import ACCEPT_ENCODING, bounded, read_body

        session = self._get_session()
        home = urlsplit(self.base_url)
        headers = {"User-Agent": self.user_agent, "Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING}
        for _hop in range(MAX_REDIRECTS + 1):
            left = deadline - time.monotonic()
            if left <= 0:
                raise ArchiveUnavailable(f"{self.base_url} did not answer within {self.lookup_seconds:g} s")
            with self._slots, bounded(min(left, self.request_seconds), allow_private=True) as reach:
                try:
                    resp = session.get(url, params=params, timeout=self.timeout, headers=headers, allow_redirects=False, stream=True)
                except requests.RequestException as err:
                    why = "timed out" if reach.expired or isinstance(err, requests.exceptions.Timeout) else type(err).__name__
                    raise ArchiveUnavailable(f"{self.base_url} did not answer: {why}") from None
                try:
                    status, got = resp.status_code, resp.headers
                    location = got.get("Location") if status in (301, 302, 303, 307, 308) else None
                    body = b"" if location else read_body(resp, BODY_CAP + 1)
                finally:
                    resp.close()
            if location is None:
                if len(body) > BODY_CAP:
                    raise ArchiveUnavailable(f"{self.base_url} answered more than {BODY_CAP // 1024} KB")
                return status, got, body
            nxt = urljoin(resp.url, location)
            there = urlsplit(nxt)
            if (there.scheme, there.netloc.lower()) != (home.scheme, home.netloc.lower()):
                raise ArchiveUnavailable(f"{self.base_url} redirected to another host ({there.netloc or nxt}); not followed")
            url, params = nxt, None
        raise ArchiveUnavailable(f"{self.base_url} redirected more than {MAX_REDIRECTS} times")

    def _get_session(self) -> Any:
        with self._lock:
            if self._session is None:
                from footnote_kit.links.transport import new_session

                self._session = new_session(pool_connections=2, pool_maxsize=8)
            return self._session
