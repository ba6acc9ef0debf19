"""The link cache: a second run asks nothing, transient failures are not final, two
processes share the file, and --confirm-days waits for failures days apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from footnote_kit.links.cache import DAY, LinkCache
from footnote_kit.links.check import CheckConfig, run_check
from footnote_kit.links.http import CheckOptions, Verdict
from footnote_kit.model import Citing, LinkStatus as S, UrlRef
from linkserver import LinkServer

FAST = CheckOptions(connect_timeout=0.5, read_timeout=0.5, backoff=0.01, retry_after_cap=1.0, allow_private=True)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


def refs(server: LinkServer, *paths: str) -> list[UrlRef]:
    return [UrlRef(server.base + p, (Citing(file="a.md", line=i + 1),)) for i, p in enumerate(paths)]


def test_second_run_makes_no_request(server: LinkServer, tmp_path: Path) -> None:
    config = CheckConfig(options=FAST, cache_path=tmp_path / "c.sqlite3", archive="none")
    urls = refs(server, "/ok", "/status/404", "/soft404", "/chain/2")
    first = run_check(urls, config)
    hits = sum(server.hits.values())
    second = run_check(urls, config)
    assert sum(server.hits.values()) == hits
    assert [(r.status, r.http_status, r.final_url) for r in first] == [(r.status, r.http_status, r.final_url) for r in second]


def test_transient_failures_are_checked_again(server: LinkServer, tmp_path: Path) -> None:
    config = CheckConfig(options=FAST, cache_path=tmp_path / "c.sqlite3", archive="none")
    urls = refs(server, "/status/500")
    assert run_check(urls, config)[0].status is S.ERROR
    before = server.hits["/status/500"]
    run_check(urls, config)
    assert server.hits["/status/500"] > before


def test_expired_entries_are_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    LinkCache(path, now=1000.0).put(Verdict("https://x.org/", S.OK, 200))
    assert LinkCache(path, now=1000.0 + DAY).get("https://x.org/") is not None
    assert LinkCache(path, now=1000.0 + 30 * DAY).get("https://x.org/") is None
    assert LinkCache(path, now=1000.0 + 30 * DAY).get("https://x.org/", stale_ok=True) is not None


def test_dead_is_trusted_less_long_than_ok(tmp_path: Path) -> None:
    c = LinkCache(tmp_path / "c.sqlite3", now=0.0)
    c.put(Verdict("https://x.org/ok", S.OK, 200))
    c.put(Verdict("https://x.org/dead", S.DEAD, 404))
    later = LinkCache(tmp_path / "c.sqlite3", now=5 * DAY)
    assert later.get("https://x.org/ok") is not None and later.get("https://x.org/dead") is None


def test_offline_reports_from_cache_only(server: LinkServer, tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    run_check(refs(server, "/status/404"), CheckConfig(options=FAST, cache_path=cache, archive="none"))
    before = sum(server.hits.values())
    out = run_check(refs(server, "/status/404", "/ok"), CheckConfig(options=FAST, cache_path=cache, offline=True))
    assert sum(server.hits.values()) == before
    assert [r.status for r in out] == [S.DEAD, S.EXCLUDED]


def test_confirm_days_reports_dead_only_after_failures_days_apart(server: LinkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "c.sqlite3"
    clock = [1_000_000.0]
    monkeypatch.setattr("footnote_kit.links.cache.time.time", lambda: clock[0])
    config = CheckConfig(options=FAST, cache_path=cache, archive="none", confirm_days=3)
    urls = refs(server, "/gone")
    first = run_check(urls, config)[0]
    assert first.status is S.ERROR and "not yet confirmed" in (first.detail or "")
    clock[0] += 1 * DAY
    assert run_check(urls, config)[0].status is S.ERROR
    clock[0] += 2.5 * DAY
    confirmed = run_check(urls, config)[0]
    assert confirmed.status is S.DEAD and confirmed.http_status == 410
    assert len(LinkCache(cache).history(server.base + "/gone")) == 3


def test_two_processes_write_the_same_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    code = (
        "import sys; from footnote_kit.links.cache import LinkCache; from footnote_kit.links.http import Verdict;"
        "from footnote_kit.model import LinkStatus as S; c = LinkCache(sys.argv[1]);"
        "[c.put(Verdict(f'https://x.org/{sys.argv[2]}/{i}', S.OK, 200)) for i in range(150)]"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), tag]) for tag in ("a", "b")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    c = LinkCache(path)
    assert c.db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 300
    assert c.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_fragments_of_one_page_are_one_request(server: LinkServer, tmp_path: Path) -> None:
    config = CheckConfig(options=FAST, use_cache=False, archive="none")
    out = run_check(refs(server, "/page/frag#a", "/page/frag#b", "/page/frag"), config)
    assert [r.status for r in out] == [S.OK, S.OK, S.OK]
    assert [r.url for r in out] == [server.base + p for p in ("/page/frag#a", "/page/frag#b", "/page/frag")]
    assert server.hits["/page/frag"] == 1
