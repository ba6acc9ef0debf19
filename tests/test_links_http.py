"""Every fault mode a link checker meets, served for real on 127.0.0.1, and the one
status each must end in. No live page may ever be called dead."""

from __future__ import annotations

import time
from typing import Iterator

import pytest

from footnote_kit.links.http import BROWSER_UA, Checker, CheckOptions, classify_url, _no_such_host
from footnote_kit.model import LinkStatus as S
from linkserver import LinkServer


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    srv = LinkServer(hang_seconds=3.0).start()
    yield srv
    srv.stop()


FAST = CheckOptions(connect_timeout=0.5, read_timeout=0.5, backoff=0.01, retry_after_cap=1.0, allow_private=True)


def check(server: LinkServer, path: str, **opts: object) -> object:
    options = CheckOptions(**{**FAST.__dict__, **opts})  # type: ignore[arg-type]
    return Checker(options, sleep=lambda s: None).check(server.base + path)  # waits are tested below


@pytest.mark.parametrize(
    "path, status, code",
    [
        ("/ok", S.OK, 200),
        ("/status/404", S.DEAD, 404),
        ("/gone", S.DEAD, 410),
        ("/status/500", S.ERROR, 500),
        ("/status/401", S.BLOCKED, 401),
        ("/status/451", S.BLOCKED, 451),
        ("/status/400", S.ERROR, 400),
        ("/chain/3", S.REDIRECTED, 200),
        ("/temp", S.OK, 200),
        ("/cookie", S.OK, 200),
        ("/gzip-404", S.SOFT_404, 200),
        ("/to404", S.DEAD, 404),
        ("/nohead", S.OK, 200),
        ("/nohead.pdf", S.OK, 200),
        ("/headlies.pdf", S.OK, 200),
        ("/robots", S.OK, 200),
        ("/soft404", S.SOFT_404, 200),
        ("/cp1251", S.OK, 200),
        ("/cp1251-404", S.SOFT_404, 200),
        ("/challenge", S.BLOCKED, 403),
        ("/challenge200", S.BLOCKED, 200),
        ("/ratelimit-forever", S.BLOCKED, 429),
        ("/home-redirect/article-123", S.SOFT_404, 200),
        ("/en", S.REDIRECTED, 200),
        ("/index.html", S.REDIRECTED, 200),
        ("/moved-to-error", S.SOFT_404, 200),
    ],
)
def test_each_fault_mode_gets_its_status(server: LinkServer, path: str, status: S, code: int) -> None:
    v = check(server, path)
    assert (v.status, v.http_status) == (status, code), v


def test_503_that_recovers_on_retry_is_ok(server: LinkServer) -> None:
    v = check(server, "/flaky/a1")
    assert v.status is S.OK and v.http_status == 200
    assert server.hits["flaky /flaky/a1"] == 2


def test_429_waits_for_retry_after_then_succeeds(server: LinkServer) -> None:
    slept: list[float] = []
    c = Checker(FAST, sleep=slept.append)
    v = c.check(server.base + "/ratelimit/r1?after=1")
    assert v.status is S.OK
    assert slept == [1.0]


def test_retry_after_beyond_the_cap_counts_as_blocked(server: LinkServer) -> None:
    slept: list[float] = []
    v = Checker(FAST, sleep=slept.append).check(server.base + "/ratelimit/r2?after=3600")
    assert v.status is S.BLOCKED and v.http_status == 429 and slept == []


def test_redirect_loop_is_an_error_not_a_hang(server: LinkServer) -> None:
    v = check(server, "/loop/a")
    assert v.status is S.ERROR and "loop" in (v.detail or "")


def test_too_many_redirects(server: LinkServer) -> None:
    v = check(server, "/chain/5", max_redirects=3)
    assert v.status is S.ERROR and "redirects" in (v.detail or "")


def test_permanent_redirect_reports_the_new_address(server: LinkServer) -> None:
    v = check(server, "/chain/2")
    assert v.final_url == server.base + "/ok"


def test_hang_is_a_timeout_within_the_read_timeout(server: LinkServer) -> None:
    t0 = time.monotonic()
    v = check(server, "/hang/1")
    assert v.status is S.TIMEOUT
    assert time.monotonic() - t0 < 2.5  # two 0.5 s attempts, not the 3 s hang


def test_robots_403_retried_with_a_browser_user_agent(server: LinkServer) -> None:
    assert check(server, "/robots").status is S.OK
    assert check(server, "/robots", user_agent=BROWSER_UA).status is S.OK


def test_huge_body_is_never_downloaded(server: LinkServer) -> None:
    t0 = time.monotonic()
    v = check(server, "/huge")
    assert v.status is S.OK
    assert time.monotonic() - t0 < 2
    time.sleep(0.1)
    sent = [k for k in server.hits if k.startswith("huge bytes sent")]
    assert all(int(k.rsplit(" ", 1)[1]) < 50 * 1024 * 1024 for k in sent)


def test_nothing_listening_is_an_error_not_dead() -> None:
    srv = LinkServer()
    base = srv.base
    srv.server_close()
    v = Checker(FAST).check(base + "/ok")
    assert v.status is S.ERROR


@pytest.mark.parametrize(
    "url, status",
    [
        ("ftp://ftp.example.org/file", S.UNSUPPORTED),
        ("mailto:someone@example.org", S.UNSUPPORTED),
        ("http//example.org/x", S.INVALID),
        ("https://", S.INVALID),
        ("https://exa mple.org/", S.INVALID),
        ("htps://example.org/", S.INVALID),
        ("https://localhost:99999/", S.INVALID),
    ],
)
def test_uncheckable_urls(url: str, status: S) -> None:
    v = Checker(FAST).check(url)
    assert v.status is status


def test_dns_name_that_does_not_exist_is_dead() -> None:
    import socket

    import requests

    err = requests.exceptions.ConnectionError("x")
    err.__cause__ = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert _no_such_host(err)
    err.__cause__ = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert not _no_such_host(err)


def test_per_host_limit_is_respected(server: LinkServer) -> None:
    srv = LinkServer(latency=(0.03, 0.05)).start()
    try:
        urls = [f"{srv.base}/page/{i}" for i in range(24)]
        verdicts = list(Checker(CheckOptions(per_host=2, max_concurrency=16, allow_private=True)).check_many(urls))
        assert sorted(v.url for v in verdicts) == sorted(urls)
        assert all(v.status is S.OK for v in verdicts)
        assert srv.max_in_flight <= 2
    finally:
        srv.stop()


def test_classify_accepts_normal_urls() -> None:
    assert classify_url("https://rus.ozodi.org/a/30332766.html") is None
    assert classify_url("http://127.0.0.1:8080/x?y=1#z") is None


@pytest.mark.parametrize(
    "title, verdict",
    [
        ("Page not found | Daily News", "soft-404"),
        ("404 - Not Found", "soft-404"),
        ("Oops! That page can’t be found.", "soft-404"),
        ("Sorry, we couldn't find that page", "soft-404"),
        ("Oops! We can't find that page (not found)", "soft-404"),
        ("Страница не найдена — Новости", "soft-404"),
        ("Seite nicht gefunden", "soft-404"),
        ("Missing plane not found after week-long search - BBC News", None),
        ("Flight 404 lands safely | Local", None),
        ("Тело пропавшего туриста не найдено", None),
        ("Just a moment...", "blocked"),
        ("Kazakhstan repatriates 1,003 citizens", None),
    ],
)
def test_page_titles_judged_without_crying_wolf(title: str, verdict: str | None) -> None:
    from footnote_kit.links.http import judge_body

    body = f"<html><head><title>{title}</title></head><body><p>x</p></body></html>".encode()
    got = judge_body(body, "text/html; charset=utf-8", {})
    assert (got[0].value if got else None) == verdict


def test_cloudflare_script_on_a_live_page_is_not_a_wall() -> None:
    from footnote_kit.links.http import judge_body

    body = b"<html><head><title>Real article</title><script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script></head></html>"
    assert judge_body(body, "text/html", {}) is None


def test_a_dripping_body_does_not_hold_the_check(server: LinkServer) -> None:
    t0 = time.monotonic()
    v = check(server, "/drip", read_timeout=0.5)
    assert v.status is S.OK and time.monotonic() - t0 < 2
