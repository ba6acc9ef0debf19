"""Issue 16: redirect-to-home is dead, the archive is treated gently, every request keeps
to its host's limit, and the user sees what happens. Real servers on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from conftest import run_cli
from footnote_kit.links.http import Checker, CheckOptions
from footnote_kit.model import LinkStatus as S
from linkserver import LinkServer

FAST = CheckOptions(connect_timeout=1, read_timeout=2, backoff=0.01, retry_after_cap=1.0, allow_private=True)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


@pytest.mark.parametrize(
    "path, status, detail",
    [
        ("/news/2019/story-123", S.SOFT_404, "redirects to /news/, a page above the article"),
        ("/retired/story-77", S.SOFT_404, "redirects to the home page"),
        ("/to-welcome/story-8", S.SOFT_404, "redirects to the home page"),
        ("/home-redirect/article-123", S.SOFT_404, "redirects to the home page"),
        ("/moved/story-123", S.REDIRECTED, None),
        ("/world/kazakh-story-12/amp", S.REDIRECTED, None),
        ("/blog/2024/only-post", S.SOFT_404, "redirects to /blog/, a page above the article"),
        ("/chain/2", S.REDIRECTED, None),
        ("/temp", S.OK, None),
        ("/en", S.REDIRECTED, None),
    ],
)
def test_a_dead_article_sent_to_a_generic_page_is_a_soft_404(server: LinkServer, path: str, status: S, detail: str | None) -> None:
    v = Checker(FAST).check(server.base + path)
    assert v.status is status, v
    if detail is not None:
        assert v.detail == detail


def test_a_redirect_to_a_page_bearing_the_cited_title_is_the_article_moved(server: LinkServer) -> None:
    v = Checker(FAST).check(server.base + "/blog/2024/only-post", title="Only post of the year")
    assert v.status is S.REDIRECTED, v


def test_the_home_page_is_asked_once_per_site(server: LinkServer) -> None:
    urls = [f"{server.base}/to-welcome/story-{i}" for i in range(6)] + [f"{server.base}/chain/2?i={i}" for i in range(6)]
    verdicts = list(Checker(FAST).check_many(urls))
    assert sorted(v.status.value for v in verdicts) == ["redirected"] * 6 + ["soft-404"] * 6
    assert server.hits["/"] == 1


def test_check_reads_the_cited_title_from_the_notes(server: LinkServer, tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(
        f"One.[^1] Two.[^2]\n\n[^1]: Ann Writer, “Only post of the year,” Blog, 2024, {server.base}/blog/2024/only-post.\n"
        f"[^2]: Ann Writer, “A retired story,” Daily Example, 2019, {server.base}/news/2019/story-5.\n",
        encoding="utf-8",
    )
    r = run_cli("check", str(doc), "--no-cache", "--allow-private", "--archive", "none", "--format", "json")
    statuses = {x["url"].removeprefix(server.base): x["status"] for x in json.loads(r.stdout)["results"]}
    assert statuses == {"/blog/2024/only-post": "redirected", "/news/2019/story-5": "soft-404"}, r.stderr
