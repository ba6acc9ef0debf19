"""Remembering link verdicts between runs: a second run over unchanged input asks nothing.

SQLite, because two processes (an editor's save hook and a CI job, or two pre-commit
runs) may use the cache at once: WAL mode lets readers and one writer work side by side
and ``busy_timeout`` makes a second writer wait instead of failing.

Each verdict lives for a time that depends on its status: a working link is trusted
longer than a failing one (a dead link may come back; we would rather look again).
Transient failures (timeouts, 5xx, refused connections) are never stored as final, only
in the history. The history keeps every run's verdict per URL, which is what
``--confirm-days`` reads: a link is reported dead only once it has failed in runs some
days apart, as Wikipedia's InternetArchiveBot does.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from footnote_kit.model import ArchiveSnapshot, LinkStatus, Verdict

if TYPE_CHECKING:  # the hook's warm path reads verdicts only: no JSON module for archive answers
    from footnote_kit.links.cdx import Captures

DAY = 86400.0
TTL: dict[LinkStatus, float] = {
    LinkStatus.OK: 14 * DAY,
    LinkStatus.REDIRECTED: 7 * DAY,
    LinkStatus.DEAD: 2 * DAY,
    LinkStatus.SOFT_404: 2 * DAY,
    LinkStatus.BLOCKED: 1 * DAY,
}
"""Seconds a verdict stays fresh; statuses not listed are never cached as final."""
ARCHIVE_TTL = 30 * DAY
ARCHIVE_NONE_TTL = 3 * DAY
"""A capture, once found, stays; "no capture" is looked up again sooner (the archive grows)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    url TEXT PRIMARY KEY, status TEXT NOT NULL, http_status INTEGER, final_url TEXT,
    detail TEXT, elapsed_ms INTEGER, checked_at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS history (
    url TEXT NOT NULL, checked_at REAL NOT NULL, status TEXT NOT NULL, http_status INTEGER);
CREATE INDEX IF NOT EXISTS history_url ON history(url, checked_at);
CREATE TABLE IF NOT EXISTS archive (
    url TEXT NOT NULL, cited TEXT NOT NULL, snapshot_url TEXT, timestamp TEXT, days INTEGER,
    checked_at REAL NOT NULL, expires_at REAL NOT NULL, PRIMARY KEY (url, cited));
CREATE TABLE IF NOT EXISTS captures (
    url TEXT PRIMARY KEY, answer TEXT NOT NULL, checked_at REAL NOT NULL, expires_at REAL NOT NULL);
"""
# ``archive`` (a capture per URL and cited date) is what versions before the ``captures``
# table stored; it is still read, so an old cache keeps answering ``--offline``.


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/footnote-kit/links.sqlite3`` (``~/.cache`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "footnote-kit" / "links.sqlite3"


def cache_key(url: str) -> str:
    """The row a URL's verdict lives in: the address without its ``#fragment``.

    ``page#a`` and ``page#b`` are one request, so one verdict; ``check`` and the hook
    read and write through this, so each finds what the other stored.
    """
    return url.split("#", 1)[0]


class LinkCache:
    """The cache file. Safe to share between threads (one lock around the connection):
    archive lookups read their past answers from worker threads.

    A file that is not a SQLite database (corrupt, truncated, something else) is moved
    aside and a fresh cache started: ``notices`` says so in one line for the caller to
    show. A cache that cannot be written (a full disk, a read-only folder) does not stop
    the check either: what cannot be stored is not stored, and ``notices`` says why.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, now: float | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._now = now
        self.notices: list[str] = []
        self._lock = threading.RLock()
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as err:
            aside = self._move_aside()
            self.notices.append(f"{self.path}: not a usable link cache ({err}); moved aside to {aside.name}, starting a fresh one")
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            try:
                db.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                pass  # another process is switching it right now: it will be WAL either way
            db.execute("PRAGMA synchronous = NORMAL")
            db.executescript(_SCHEMA)
            db.execute("SELECT count(*) FROM results WHERE url = ''").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _move_aside(self) -> Path:
        """``links.sqlite3`` -> ``links.sqlite3.corrupt-<time>`` (its -wal and -shm with it)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, Path(str(aside) + suffix))
        return aside

    def _write(self, sql: list[tuple[str, tuple[object, ...]]]) -> None:
        """Run ``sql`` in one immediate transaction; a failure is a notice, not a crash."""
        try:
            with self._lock, self.db:
                self.db.execute("BEGIN IMMEDIATE")
                for statement, args in sql:
                    self.db.execute(statement, args)
        except sqlite3.Error as err:
            note = f"{self.path}: the link cache could not be written ({err}); results of this run are not kept"
            if note not in self.notices:
                self.notices.append(note)

    def now(self) -> float:
        return self._now if self._now is not None else time.time()

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def _one(self, sql: str, args: tuple[object, ...]) -> Any:
        with self._lock:
            return self.db.execute(sql, args).fetchone()

    # -- verdicts -----------------------------------------------------------------------

    def get(self, url: str, *, stale_ok: bool = False) -> Verdict | None:
        """The stored verdict if still fresh (any age with ``stale_ok``, for ``--offline``)."""
        row = self._one(
            "SELECT status, http_status, final_url, detail, elapsed_ms, expires_at FROM results WHERE url = ?", (cache_key(url),)
        )
        if row is None or (not stale_ok and row[5] < self.now()):
            return None
        try:
            status = LinkStatus(row[0])
        except ValueError:
            return None
        return Verdict(url, status, row[1], row[2], row[4] or 0, row[3])

    def put(self, verdict: Verdict, *, final: bool = True) -> None:
        """Record a run's verdict in the history; store it as the answer if it is final."""
        now = self.now()
        key = cache_key(verdict.url)
        sql: list[tuple[str, tuple[object, ...]]] = [
            ("INSERT INTO history (url, checked_at, status, http_status) VALUES (?, ?, ?, ?)", (key, now, verdict.status.value, verdict.http_status))
        ]
        ttl = TTL.get(verdict.status)
        if final and ttl and not verdict.transient:
            sql.append((
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, verdict.status.value, verdict.http_status, verdict.final_url, verdict.detail, verdict.elapsed_ms, now, now + ttl),
            ))
        else:
            sql.append(("DELETE FROM results WHERE url = ?", (key,)))
        self._write(sql)

    def history(self, url: str) -> list[tuple[float, LinkStatus]]:
        """Every recorded verdict for ``url``, oldest first."""
        out = []
        with self._lock:
            rows = self.db.execute("SELECT checked_at, status FROM history WHERE url = ? ORDER BY checked_at", (cache_key(url),)).fetchall()
        for at, status in rows:
            try:
                out.append((at, LinkStatus(status)))
            except ValueError:
                continue
        return out

    def failing_since(self, url: str) -> float | None:
        """When the current run of ``dead`` verdicts began (None if the last verdict was not dead).

        Transient verdicts (timeouts, 5xx) neither confirm nor break a run of failures.
        """
        since = None
        for at, status in self.history(url):
            if status is LinkStatus.DEAD:
                since = at if since is None else since
            elif status not in (LinkStatus.ERROR, LinkStatus.TIMEOUT):
                since = None
        return since

    # -- archive lookups ----------------------------------------------------------------

    def get_captures(self, url: str, *, stale_ok: bool = False) -> Captures | None:
        """The archive's answer about ``url`` (its good captures) if still fresh."""
        from footnote_kit.links.cdx import Captures

        row = self._one("SELECT answer, expires_at FROM captures WHERE url = ?", (cache_key(url),))
        if row is None or (not stale_ok and row[1] < self.now()):
            return None
        return Captures.from_text(row[0])

    def put_captures(self, url: str, found: Captures) -> None:
        """Keep one CDX answer: 30 days when it holds captures, 3 when it holds none."""
        now = self.now()
        ttl = ARCHIVE_TTL if found.rows else ARCHIVE_NONE_TTL
        self._write([("INSERT OR REPLACE INTO captures VALUES (?, ?, ?, ?)", (cache_key(url), found.to_text(), now, now + ttl))])

    def get_archive(self, url: str, cited: str, *, stale_ok: bool = False) -> tuple[bool, ArchiveSnapshot | None]:
        """(found in cache, snapshot or None). ``cited`` is the ISO date asked about."""
        row = self._one(
            "SELECT snapshot_url, timestamp, days, expires_at FROM archive WHERE url = ? AND cited = ?", (cache_key(url), cited)
        )
        if row is None or (not stale_ok and row[3] < self.now()):
            return False, None
        if row[0] is None:
            return True, None
        return True, ArchiveSnapshot(url=row[0], timestamp=row[1], days_from_cited=row[2])
