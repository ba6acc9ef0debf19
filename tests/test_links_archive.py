"""The Wayback client against a fake archive on 127.0.0.1: nearest 200 capture to the
cited date, the availability API as fallback, and an archive that is down."""

from __future__ import annotations

from datetime import date
from typing import Iterator

import pytest

from footnote_kit.links.archive import ArchiveUnavailable, Wayback, date_for, default_archive_url
from linkserver import LinkServer


@pytest.fixture
def archive() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


def test_nearest_picks_the_200_capture_closest_to_the_cited_date(archive: LinkServer) -> None:
    url = "https://news.example/a/1.html"
    archive.archive[url] = [
        ("20190101000000", 200),
        ("20191218093000", 404),  # the nearest capture recorded the page's death: skip it
        ("20191225110000", 200),
        ("20210101000000", 200),
    ]
    snap = Wayback(archive.base, timeout=2).nearest(url, (2019, 12, 19))
    assert snap is not None
    assert snap.timestamp == "20191225110000"
    assert snap.days_from_cited == 6
    assert snap.url == f"{archive.base}/web/20191225110000/{url}"


def test_nearest_before_the_cited_date_is_negative_days(archive: LinkServer) -> None:
    url = "https://news.example/b"
    archive.archive[url] = [("20200101000000", 200), ("20230101000000", 200)]
    snap = Wayback(archive.base, timeout=2).nearest(url, date(2020, 3, 1))
    assert snap is not None and snap.timestamp == "20200101000000" and snap.days_from_cited == -60


def test_nearest_is_none_when_never_archived_with_200(archive: LinkServer) -> None:
    archive.archive["https://x.example/dead"] = [("20200101000000", 404)]
    wb = Wayback(archive.base, timeout=2)
    assert wb.nearest("https://x.example/dead", (2020,)) is None
    assert wb.nearest("https://x.example/never", None) is None


def test_captures_lists_every_status(archive: LinkServer) -> None:
    archive.archive["https://x.example/p"] = [("20200101000000", 404), ("20190101000000", 200)]
    wb = Wayback(archive.base, timeout=2)
    assert wb.captures("https://x.example/p") == [("20190101000000", 200), ("20200101000000", 404)]
    assert wb.captures("https://x.example/none") == []


def test_archive_down_raises_archive_unavailable(archive: LinkServer) -> None:
    archive.archive_down = True
    wb = Wayback(archive.base, timeout=2)
    with pytest.raises(ArchiveUnavailable):
        wb.nearest("https://x.example/p", None)
    with pytest.raises(ArchiveUnavailable):
        wb.captures("https://x.example/p")


def test_archive_not_listening_raises_archive_unavailable() -> None:
    srv = LinkServer()
    base = srv.base
    srv.server_close()  # the port is free now: nothing answers
    with pytest.raises(ArchiveUnavailable):
        Wayback(base, timeout=0.5).nearest("https://x.example/p", None)


def test_availability_api_is_the_fallback_when_cdx_fails(archive: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://x.example/fallback"
    archive.archive[url] = [("20200105000000", 200)]
    wb = Wayback(archive.base, timeout=2)

    def broken(*a: object, **k: object) -> list[tuple[str, str, str]]:
        raise ArchiveUnavailable("cdx down")

    monkeypatch.setattr(wb, "_cdx", broken)
    snap = wb.nearest(url, (2020, 1, 1))
    assert snap is not None and snap.timestamp == "20200105000000" and snap.days_from_cited == 4


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOOTNOTE_KIT_ARCHIVE_URL", "http://127.0.0.1:9/")
    assert default_archive_url() == "http://127.0.0.1:9"
    assert Wayback().base_url == "http://127.0.0.1:9"
    monkeypatch.delenv("FOOTNOTE_KIT_ARCHIVE_URL")
    assert default_archive_url() == "https://web.archive.org"


def test_partial_dates_stand_for_the_middle_of_the_period() -> None:
    assert date_for((2019,)) == date(2019, 7, 1)
    assert date_for((2019, 12)) == date(2019, 12, 15)
    assert date_for((2019, 12, 19)) == date(2019, 12, 19)


def test_one_polite_retry_when_the_archive_rate_limits(archive: LinkServer) -> None:
    url = "https://x.example/throttled"
    archive.archive[url] = [("20200101000000", 200)]
    archive.archive_throttle = 1
    snap = Wayback(archive.base, timeout=2).nearest(url, (2020, 1, 1))
    assert snap is not None and snap.timestamp == "20200101000000"
    archive.archive_throttle = 5
    with pytest.raises(ArchiveUnavailable):
        Wayback(archive.base, timeout=2).captures(url)
