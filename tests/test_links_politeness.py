"""Issue 16: every request keeps to its host's limit, the archive is asked gently and once
per URL, its odd answers are never read as data, and the user sees what happens.
Real servers on 127.0.0.1 and 127.0.0.2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from conftest import run_cli
from footnote_kit.links.archive import ArchiveUnavailable, Wayback
from footnote_kit.links.check import CheckConfig, run_check
from footnote_kit.links.http import Checker, CheckOptions
from footnote_kit.model import Citing, UrlRef
from linkserver import LinkServer

FAST = CheckOptions(connect_timeout=1, read_timeout=3, backoff=0.01, retry_after_cap=1.0, allow_private=True)
TITLE = "Indian doctor suspected of having been Jalalabad prison car bomber"
TRUE_PATH = "/2020/indian-doctor-suspected-of-having-been-jalalabad-prison-car-bomber/"
PRINTED_PATH = "/2020/indian-doctorsuspected-of-having-been-jalalabad-prison-carbomber/"


@pytest.fixture
def site() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def archive() -> Iterator[LinkServer]:
    srv = LinkServer("127.0.0.2", latency=(0.05, 0.05)).start()
    yield srv
    srv.stop()


def _refs(*urls: str) -> list[UrlRef]:
    return [UrlRef(u, (Citing(file="a.md", line=i + 1, date=(2020, 8, 5)),)) for i, u in enumerate(urls)]


# --- at most 2 requests in flight per host, whatever causes them ------------------------------


def test_redirects_into_another_host_keep_to_its_limit(site: LinkServer) -> None:
    other = LinkServer("127.0.0.2", latency=(0.2, 0.2)).start()
    try:
        urls = [f"{site.base}/jump?to={other.base}/page/{i}" for i in range(8)] + [f"{other.base}/page/d{i}" for i in range(4)]
        verdicts = list(Checker(FAST).check_many(urls))
        assert {v.status.value for v in verdicts} == {"ok"}
        assert other.max_in_flight <= 2, other.peak
    finally:
        other.stop()


def test_the_archive_never_has_more_than_two_requests_in_flight(site: LinkServer, archive: LinkServer) -> None:
    refs = _refs(*[f"{site.base}/status/404?i={i}" for i in range(12)])
    results = run_check(refs, CheckConfig(options=FAST, use_cache=False, archive_url=archive.base))
    assert all(r.status.value == "dead" for r in results)
    assert sum(archive.cdx_asked.values()) == 12
    assert archive.max_in_flight <= 2, archive.peak


def test_a_rate_limited_archive_is_given_the_pause_it_asks_for(site: LinkServer, archive: LinkServer) -> None:
    archive.archive_throttle, archive.archive_retry_after = 1, "1"
    refs = _refs(*[f"{site.base}/status/404?i={i}" for i in range(16)])
    results = run_check(refs, CheckConfig(options=FAST, use_cache=False, archive_url=archive.base))
    assert not any("archive unavailable" in (r.detail or "") for r in results)
    times = archive.archive_times
    refused = next(t for t, status in times if status == 429)
    # The server answers after 50 ms: what it records within 0.15 s of the 429 was sent
    # before the 429 arrived. After that, nothing until the second is over.
    during = [t for t, status in times if refused + 0.15 < t < refused + 0.95]
    assert during == [], "nothing is sent during the pause"
    assert len(times) >= 17


# --- one CDX query per URL, and none the next time -----------------------------------------


def test_check_repair_asks_each_url_once_and_shows_the_repaired_urls_capture(site: LinkServer, archive: LinkServer, tmp_path: Path) -> None:
    printed, true = site.base + PRINTED_PATH, site.base + TRUE_PATH  # both 404 on the site now
    archive.archive[true] = [("20200805120000", 200)]
    notes = tmp_path / "notes.md"
    notes.write_text(f"Text.[^1]\n\n[^1]: “{TITLE},” Ariana News, 5 August 2020, {printed}.\n", encoding="utf-8")
    cache = str(tmp_path / "links.sqlite3")
    args = ("check", str(notes), "--cache", cache, "--repair", "--allow-private", "--archive-url", archive.base)
    text = run_cli(*args)
    assert text.code == 1, text.stderr
    assert f"repair:  {true} (evidence: archive" in text.stdout
    assert f"archive: {archive.base}/web/20200805120000/{true} (captured 2020-08-05, on the cited date), a capture of the repaired URL" in text.stdout
    assert "no capture found" not in text.stdout
    assert site.hits[PRINTED_PATH] == 1, "repair uses the verdict check already has"
    assert archive.cdx_asked[printed] == 1 and max(archive.cdx_asked.values()) == 1
    assert set(archive.cdx_fields) == {"timestamp,original,statuscode"}, "exactly the fields used"
    asked = sum(archive.cdx_asked.values())
    again = run_cli(*args, "--format", "json")
    assert sum(archive.cdx_asked.values()) == asked, "the archive's answers come from the cache the next time"
    repair = json.loads(again.stdout)["results"][0]["repair"]
    assert repair["url"] == true and repair["archive"]["timestamp"] == "20200805120000"


# --- the archive's answers, read defensively ----------------------------------------------


@pytest.mark.parametrize("trouble", ["reorder", "noheader", None])
def test_cdx_answers_with_any_header_or_none_are_read(archive: LinkServer, trouble: str | None) -> None:
    url = "https://news.example/a/1"
    archive.archive[url] = [("20191218093000", 404), ("20191225110000", 200), ("20210101000000", 200)]
    archive.archive_trouble = trouble
    snap = Wayback(archive.base, timeout=2).nearest(url, (2019, 12, 19))
    assert snap is not None and snap.timestamp == "20191225110000"


def test_an_empty_answer_is_no_capture_and_an_html_page_is_no_answer(archive: LinkServer) -> None:
    archive.archive_trouble = "empty"
    assert Wayback(archive.base, timeout=2).nearest("https://news.example/b", (2020,)) is None
    archive.archive_trouble = "html"
    with pytest.raises(ArchiveUnavailable, match="HTML"):
        Wayback(archive.base, timeout=2).nearest("https://news.example/b", (2020,))


def test_cdx_rows_are_read_by_their_header_and_bad_rows_skipped() -> None:
    from footnote_kit.links.cdx import read_rows

    url = "https://x.example/"
    assert read_rows([["statuscode", "timestamp", "original"], ["200", "20200101000000", url]], url) == [("20200101000000", url, 200)]
    assert read_rows([["20200101000000", url, "301"], ["not a stamp", url, "200"], ["2020"]], url) == [("20200101000000", url, 301)]
    assert read_rows([["urlkey", "timestamp", "statuscode"], ["x,example)/", "20200101000000", "-"]], url) == [("20200101000000", url, 0)]
    assert read_rows([], url) == [] and read_rows(None, url) == []
    with pytest.raises(ValueError):
        read_rows({"error": "bad"}, url)


# --- what the user sees --------------------------------------------------------------------


def test_the_network_looking_down_is_said_once(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("".join(f"<https://site{i}.footnote-kit.invalid/x>\n" for i in range(5)), encoding="utf-8")
    r = run_cli("check", str(doc), "--no-cache", "--archive", "none", "--timeout", "2")
    assert r.code == 0
    said = [line for line in (r.stdout + r.stderr).splitlines() if "network looks down" in line]
    assert len(said) == 1 and said[0].startswith("NOT CHECKED  5 links"), r.stdout + r.stderr


def test_progress_covers_the_archive_lookups(site: LinkServer, archive: LinkServer) -> None:
    seen: list[tuple[int, int]] = []
    refs = _refs(*[f"{site.base}/status/404?i={i}" for i in range(5)], *[f"{site.base}/ok?i={i}" for i in range(3)])
    run_check(refs, CheckConfig(options=FAST, use_cache=False, archive_url=archive.base), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (13, 13), seen  # 8 checks and 5 lookups
    assert max(t for _d, t in seen) == 13
