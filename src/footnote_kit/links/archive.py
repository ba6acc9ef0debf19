"""The Wayback Machine client: the capture of a URL nearest the date it was cited.

Stable API (the URL-repair stage calls it too; keep it backwards compatible):

- ``default_archive_url()`` -> the base address: ``$FOOTNOTE_KIT_ARCHIVE_URL`` or
  ``https://web.archive.org``. Every path (``/cdx/search/cdx``, ``/web/<ts>/<url>``,
  ``/wayback/available``) is taken under it, so tests and mirrors can point elsewhere.
- ``Wayback(base_url=None, session=None, timeout=(3.05, 15.0), user_agent=None, max_in_flight=4,
  retry_after_cap=5.0)``
  - ``nearest(url, when=None) -> ArchiveSnapshot | None``: the capture that answered 200
    nearest ``when`` (a ``date``, a CSL date-parts tuple, or None for today); None when the
    archive holds no such capture.
  - ``captures(url, limit=100) -> list[tuple[str, int]]``: (timestamp, HTTP status) of the
    captures, any status, oldest first; an empty list when there are none.
  - Both raise ``ArchiveUnavailable`` when the archive cannot answer (down, slow, rate
    limiting, nonsense): callers report that and carry on, it never fails a live check.
- ``date_for(parts)`` -> the ``date`` a CSL date-parts tuple stands for (the middle of a
  year or month known only to that precision).

Why the CDX API rather than the availability API: ``/wayback/available`` is known to
answer empty for pages that are archived and to rate-limit hard (lychee moved away from
it for that reason), and it returns the nearest capture whatever its status, so a dead
page's nearest "capture" is often its own 404. The CDX API lets us ask for status 200
captures only, sorted by closeness, and we pick the nearest ourselves. The availability
API is used only when the CDX API fails.
"""

from __future__ import annotations

import os
import threading
from datetime import date, datetime, timezone
from typing import Any, Sequence, Union

from footnote_kit.model import ArchiveSnapshot

DEFAULT_ARCHIVE_URL = "https://web.archive.org"
ENV_VAR = "FOOTNOTE_KIT_ARCHIVE_URL"
DEFAULT_UA = "footnote-kit (+https://pypi.org/project/footnote-kit/) link checker"

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
    try:
        return date(int(ts[0:4]), int(ts[4:6] or 1), int(ts[6:8] or 1))
    except (ValueError, IndexError):
        return None


class Wayback:
    """One client (one session, a bound on requests in flight) shared by all checks."""

    def __init__(
        self,
        base_url: str | None = None,
        session: Any = None,
        timeout: float | tuple[float, float] = (3.05, 15.0),
        user_agent: str | None = None,
        max_in_flight: int = 4,
        retry_after_cap: float = 5.0,
    ) -> None:
        self.base_url = (base_url or default_archive_url()).rstrip("/")
        self.timeout = timeout
        self.user_agent = user_agent or DEFAULT_UA
        self.retry_after_cap = retry_after_cap
        self._session = session
        self._lock = threading.Lock()
        # The real archive throttles clients that open many connections; a few at a time
        # is as fast as it will let us go anyway.
        self._slots = threading.BoundedSemaphore(max(1, max_in_flight))

    # -- public API ---------------------------------------------------------------------

    def nearest(self, url: str, when: When = None) -> ArchiveSnapshot | None:
        """The status-200 capture of ``url`` nearest ``when``; None when there is none."""
        url = url.split("#", 1)[0]  # the archive keys captures without the fragment
        cited = date_for(when)
        ts = cited.strftime("%Y%m%d") + "120000"
        try:
            rows = self._cdx(url, {"filter": "statuscode:200", "closest": ts, "sort": "closest", "limit": "25"})
        except ArchiveUnavailable:
            return self._available(url, ts, cited)
        best: tuple[int, str, str] | None = None
        for stamp, original, _status in rows:
            d = timestamp_date(stamp)
            if d is None:
                continue
            gap = abs((d - cited).days)
            if best is None or gap < best[0]:
                best = (gap, stamp, original)
        if best is None:
            return None
        return self.snapshot(best[2] or url, best[1], cited)

    def captures(self, url: str, limit: int = 100) -> list[tuple[str, int]]:
        """(timestamp, status) of the archive's captures of ``url``, oldest first."""
        rows = self._cdx(url.split("#", 1)[0], {"limit": str(limit)})
        out: list[tuple[str, int]] = []
        for stamp, _original, status in rows:
            try:
                out.append((stamp, int(status)))
            except ValueError:
                out.append((stamp, 0))  # CDX writes "-" for revisits and some errors
        return out

    def snapshot(self, url: str, timestamp: str, cited: date | None = None) -> ArchiveSnapshot:
        """The replay address of a capture, and how far it lies from the cited date."""
        days = None
        d = timestamp_date(timestamp)
        if cited is not None and d is not None:
            days = (d - cited).days
        return ArchiveSnapshot(url=f"{self.base_url}/web/{timestamp}/{url}", timestamp=timestamp, days_from_cited=days)

    # -- the two APIs -------------------------------------------------------------------

    def _cdx(self, url: str, extra: dict[str, str]) -> list[tuple[str, str, str]]:
        params = {"url": url, "output": "json", "fl": "timestamp,original,statuscode", **extra}
        data = self._get_json("/cdx/search/cdx", params)
        if data in (None, "", []):
            return []
        if not isinstance(data, list) or not all(isinstance(r, list) for r in data):
            raise ArchiveUnavailable("the CDX API answered something that is not a list of rows")
        rows = data
        if rows and rows[0][:1] == ["timestamp"]:
            header, rows = rows[0], rows[1:]
        else:
            header = ["timestamp", "original", "statuscode"]
        idx = {name: i for i, name in enumerate(header)}
        out = []
        for row in rows:
            try:
                out.append(
                    (
                        str(row[idx["timestamp"]]),
                        str(row[idx["original"]]) if "original" in idx else url,
                        str(row[idx["statuscode"]]) if "statuscode" in idx else "200",
                    )
                )
            except (IndexError, KeyError):
                continue
        return out

    def _available(self, url: str, ts: str, cited: date) -> ArchiveSnapshot | None:
        """The availability API: the fallback when the CDX API fails."""
        data = self._get_json("/wayback/available", {"url": url, "timestamp": ts})
        closest = (data or {}).get("archived_snapshots", {}).get("closest") if isinstance(data, dict) else None
        if not isinstance(closest, dict) or not closest.get("available", True):
            return None
        if str(closest.get("status", "200")) != "200" or not closest.get("timestamp"):
            return None
        return self.snapshot(url, str(closest["timestamp"]), cited)

    def _get_json(self, path: str, params: dict[str, str]) -> Any:
        """GET a JSON answer; one polite retry when the archive says "slow down" (429/503)."""
        import time

        import requests

        session = self._get_session()
        for attempt in range(2):
            try:
                with self._slots:
                    resp = session.get(
                        self.base_url + path,
                        params=params,
                        timeout=self.timeout,
                        headers={"User-Agent": self.user_agent, "Accept": "application/json"},
                        allow_redirects=True,
                    )
            except requests.RequestException as err:
                raise ArchiveUnavailable(f"{self.base_url} did not answer: {type(err).__name__}") from None
            if resp.status_code in (429, 503) and attempt == 0:
                wait = resp.headers.get("Retry-After", "")
                seconds = float(wait) if wait.strip().isdigit() else 1.0
                if seconds <= self.retry_after_cap:
                    time.sleep(seconds)
                    continue
            break
        if resp.status_code != 200:
            raise ArchiveUnavailable(f"{self.base_url}{path} answered HTTP {resp.status_code}")
        text = resp.text.strip()
        if not text:
            return None
        try:
            return resp.json()
        except ValueError:
            raise ArchiveUnavailable(f"{self.base_url}{path} answered something that is not JSON") from None

    def _get_session(self) -> Any:
        with self._lock:
            if self._session is None:
                import requests

                self._session = requests.Session()
            return self._session
