"""Issue 12, as a hostile or an unlucky user meets ``check``, the archive and the hook:
nothing hangs, nothing grows without bound, nobody is let into the private network, an
offline machine never fails a commit, and nothing a server sends reaches the terminal raw.

Every test runs real servers on 127.0.0.1 (``tests/linkserver.py``).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Iterator

import pytest

from conftest import run_cli
from footnote_kit.links.archive import ArchiveUnavailable, Wayback
from footnote_kit.links.http import Checker, CheckOptions, classify_url
from footnote_kit.model import LinkStatus as S
from linkserver import LinkServer

FAST = dict(connect_timeout=0.5, read_timeout=1.0, backoff=0.01, retry_after_cap=1.0)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    srv = LinkServer(hang_seconds=20.0).start()
    yield srv
    srv.stop()


@pytest.fixture
def other() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


def _checker(**opts: object) -> Checker:
    return Checker(CheckOptions(**{**FAST, **opts}), sleep=lambda s: None)  # type: ignore[arg-type]


def _proxy_env(server: LinkServer, **extra: str) -> dict[str, str]:
    """Requests to hosts other than 127.0.0.1 go through ``server`` as a forward proxy."""
    e = dict(os.environ)
    e.update(HTTP_PROXY=server.base, http_proxy=server.base, HTTPS_PROXY=server.base, https_proxy=server.base,
             NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", FOOTNOTE_KIT_ARCHIVE_URL=server.base)
    e.update(extra)
    return e


# --- 1. archive lookups are bounded ----------------------------------------------------------


def test_an_archive_answering_a_gigabyte_is_unavailable_and_read_no_further(server: LinkServer) -> None:
    server.archive_trouble = "huge"
    t0 = time.monotonic()
    with pytest.raises(ArchiveUnavailable, match="more than"):
        Wayback(server.base, timeout=(1, 5)).nearest("https://news.example/a", (2020,))
    assert time.monotonic() - t0 < 5
    time.sleep(0.2)
    sent = [int(k.rsplit(" ", 1)[1]) for k in server.hits if k.startswith("huge bytes sent")]
    assert sent and max(sent) < 64 * 1024 * 1024


def test_an_archive_gzip_bomb_is_decompressed_with_a_bound(server: LinkServer) -> None:
    server.archive_trouble = "bomb"
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveUnavailable):
            Wayback(server.base, timeout=(1, 5)).captures("https://news.example/a")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB for a 200 MB bomb"


def test_an_archive_redirect_to_another_host_is_not_followed(server: LinkServer, other: LinkServer) -> None:
    server.archive_trouble = f"redirect:{other.base}/cdx/search/cdx?url=x"
    with pytest.raises(ArchiveUnavailable, match="another host"):
        Wayback(server.base, timeout=(1, 5)).captures("https://news.example/a")
    assert other.archive_hits == 0 and sum(other.hits.values()) == 0


def test_an_archive_that_drips_its_headers_ends_within_the_lookup_deadline(server: LinkServer) -> None:
    server.archive_trouble = "drip"
    t0 = time.monotonic()
    with pytest.raises(ArchiveUnavailable):
        Wayback(server.base, timeout=(1, 1), lookup_seconds=2).nearest("https://news.example/a", (2020,))
    assert time.monotonic() - t0 < 4


# --- 2. --timeout bounds the whole request -------------------------------------------------


@pytest.mark.parametrize("path", ["/slow-headers", "/slow-headers.pdf"])
def test_a_server_sending_a_byte_at_a_time_is_a_timeout_within_the_limit(server: LinkServer, path: str) -> None:
    t0 = time.monotonic()
    v = _checker(allow_private=True).check(server.base + path)
    took = time.monotonic() - t0
    assert v.status is S.TIMEOUT, v
    assert took < 3.5, f"{took:.1f} s for two 1 s attempts"


def test_check_timeout_option_is_a_wall_clock_limit(server: LinkServer, tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(f"See <{server.base}/slow-headers>.\n", encoding="utf-8")
    t0 = time.monotonic()
    r = run_cli("check", str(doc), "--timeout", "1", "--no-cache", "--allow-private", "--archive", "none", "--format", "json")
    assert time.monotonic() - t0 < 15
    assert json.loads(r.stdout)["results"][0]["status"] == "timeout", r.stdout + r.stderr


def test_the_hook_is_not_held_by_a_slow_server(server: LinkServer, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".footnote-kit.toml").write_text("[check]\ntimeout = 1.0\nretries = 0\nallow-private = true\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(f"Claim.[^1]\n\n[^1]: Outlet, 2020, <{server.base}/slow-headers>.\n", encoding="utf-8")
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "footnote_kit.hook", "check", "--cache", str(tmp_path / "c.db"), "a.md"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - t0 < 15
    assert proc.returncode == 0, proc.stderr


# --- 3. an offline machine never fails a commit --------------------------------------------


def _hook_repo(tmp_path: Path, text: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".footnote-kit.toml").write_text("[check]\nretries = 0\nallow-private = true\ntimeout = 2.0\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    return tmp_path


def _hook(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "footnote_kit.hook", "check", "--cache", str(repo / "c.db"), *args, "notes.md"],
                          cwd=repo, capture_output=True, text=True, timeout=120)


def test_no_such_name_everywhere_is_not_dead_when_only_a_local_server_answers(server: LinkServer, tmp_path: Path) -> None:
    """``.invalid`` names never resolve (RFC 6761), online or not: as on an offline
    laptop, DNS says "no such name" and the only answer comes from 127.0.0.1, which
    proves nothing about the internet."""
    repo = _hook_repo(tmp_path, (
        "One.[^1] Two.[^2] Three.[^3]\n\n"
        "[^1]: Outlet, 2020, <https://news.footnote-kit.invalid/story>.\n"
        "[^2]: Outlet, 2020, <https://other.footnote-kit.invalid/story>.\n"
        f"[^3]: Outlet, 2020, <{server.base}/ok>.\n"
    ))
    first = _hook(repo)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "dead" not in first.stdout
    assert "the network seems down: 2 link(s) not checked" in first.stderr
    with sqlite3.connect(repo / "c.db") as db:
        stored = {u for (u,) in db.execute("SELECT url FROM results")}
    assert stored == {server.base + "/ok"}, "verdicts without proof of the network are never cached"
    offline = _hook(repo, "--offline")
    assert offline.returncode == 0 and "2 link(s) not in the cache" in offline.stderr


def test_check_calls_no_link_dead_when_no_public_host_answered(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("A <https://a.footnote-kit.invalid/x> and <https://b.footnote-kit.invalid/y>.\n", encoding="utf-8")
    r = run_cli("check", str(doc), "--no-cache", "--archive", "none", "--format", "json", "--timeout", "2")
    assert r.code == 0, r.stdout + r.stderr
    results = json.loads(r.stdout)["results"]
    assert [x["status"] for x in results] == ["error", "error"]
    assert all("network looks down" in x["detail"] for x in results)
    assert r.stderr.count("network looks down") == 1


def test_the_hook_finds_what_check_stored_for_a_url_with_a_fragment(server: LinkServer, tmp_path: Path) -> None:
    repo = _hook_repo(tmp_path, f"Claim.[^1]\n\n[^1]: Outlet, 2020, <{server.base}/gone#section-2>.\n")
    r = run_cli("check", str(repo / "notes.md"), "--cache", str(repo / "c.db"), "--allow-private", "--archive", "none")
    assert r.code == 1, r.stdout + r.stderr
    hits = sum(server.hits.values())
    hook = _hook(repo, "--offline")
    assert hook.returncode == 1 and f"notes.md:3: dead: {server.base}/gone#section-2" in hook.stdout, hook.stdout + hook.stderr
    assert sum(server.hits.values()) == hits


# --- 4. private addresses are refused unless allowed ---------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1", "0177.0.0.1", "0x7f.0.0.1", "[::ffff:127.0.0.1]", "user:pass@127.0.0.1", "localhost"])
def test_private_addresses_are_refused_in_any_spelling(server: LinkServer, host: str) -> None:
    port = server.server_address[1]
    v = _checker().check(f"http://{host}:{port}/ok")
    assert v.status is S.EXCLUDED and (v.detail or "").startswith("private address"), v
    assert sum(server.hits.values()) == 0


def test_cloud_metadata_and_intranet_names_are_refused_without_a_request() -> None:
    for url in ("http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/", "http://10.0.0.5/wiki"):
        t0 = time.monotonic()
        v = _checker().check(url)
        assert v.status is S.EXCLUDED and "private address" in (v.detail or ""), v
        assert time.monotonic() - t0 < 0.5


def test_a_name_that_resolves_to_loopback_is_refused_by_the_connection_itself(server: LinkServer) -> None:
    """What DNS rebinding relies on: the name passes any check made before the request
    and resolves to 127.0.0.1 when connecting. The connection judges what it connects to."""
    from footnote_kit.links.transport import Refused, bounded, new_session

    port = server.server_address[1]
    with bounded(2.0), pytest.raises(Refused):
        new_session().get(f"http://localhost:{port}/ok", timeout=2)
    with bounded(2.0, allow_private=True):
        assert new_session().get(f"http://localhost:{port}/ok", timeout=2).status_code == 200
    assert server.hits["/ok"] == 1


def test_a_redirect_to_a_private_address_is_refused(server: LinkServer, other: LinkServer) -> None:
    """A public site (here through a forward proxy, as the tests have no public host)
    that redirects to 127.0.0.1: the redirect is not followed."""
    target = f"{other.base}/ok"
    doc_url = f"http://public.footnote-kit.invalid/jump?to={target}"
    env = _proxy_env(server)
    r = subprocess.run(
        [sys.executable, "-c", f"from footnote_kit.links.http import Checker; v = Checker().check({doc_url!r}); print(v.status.value, '|', v.detail)"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    status, detail = r.stdout.strip().split(" | ", 1)
    assert status == "excluded" and "private address" in detail and target in detail, r.stdout + r.stderr
    assert server.hits["/jump"] == 1 and sum(other.hits.values()) == 0


def test_allow_private_option_and_setting_check_an_intranet(server: LinkServer, tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(f"See <{server.base}/ok>.\n", encoding="utf-8")
    refused = run_cli("check", str(doc), "--no-cache", "--archive", "none", "--format", "json")
    res = json.loads(refused.stdout)["results"][0]
    assert res["status"] == "excluded" and res["detail"].startswith("private address") and sum(server.hits.values()) == 0
    allowed = run_cli("check", str(doc), "--no-cache", "--archive", "none", "--format", "json", "--allow-private")
    assert json.loads(allowed.stdout)["results"][0]["status"] == "ok"
    (tmp_path / ".git").mkdir()
    (tmp_path / ".footnote-kit.toml").write_text("[check]\nallow-private = true\n", encoding="utf-8")
    configured = run_cli("check", "a.md", "--no-cache", "--archive", "none", "--format", "json", cwd=tmp_path)
    assert json.loads(configured.stdout)["results"][0]["status"] == "ok"


def test_an_ipv6_literal_url_is_valid_and_judged_by_its_address() -> None:
    assert classify_url("http://[2001:db8::1]/report.pdf") is None
    assert classify_url("http://[2606:4700::1]:8080/a") is None
    v = _checker().check("http://[2001:db8::1]/report.pdf")
    assert v.status is S.EXCLUDED and "private address" in (v.detail or "")
    assert _checker().check("http://[not:an:address]/").status is S.INVALID


# --- 7. smaller ones -----------------------------------------------------------------------


def test_a_corrupt_cache_is_moved_aside_with_one_line(server: LinkServer, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    cache.write_bytes(b"this is not a database, it is a note to self\n" * 200)
    doc = tmp_path / "a.md"
    doc.write_text(f"See <{server.base}/status/404>.\n", encoding="utf-8")
    r = run_cli("check", str(doc), "--cache", str(cache), "--allow-private", "--archive", "none")
    assert r.code == 1 and "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert [line for line in r.stderr.splitlines() if "moved aside" in line] != []
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("links.sqlite3.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT status FROM results").fetchall() == [("dead",)]


def test_the_hook_goes_on_with_a_fresh_cache_when_its_cache_is_corrupt(server: LinkServer, tmp_path: Path) -> None:
    repo = _hook_repo(tmp_path, f"Claim.[^1]\n\n[^1]: Outlet, 2020, <{server.base}/ok>.\n")
    (repo / "c.db").write_bytes(b"\x00garbage" * 1000)
    r = _hook(repo)
    assert r.returncode == 0 and "Traceback" not in r.stderr and "moved aside" in r.stderr, r.stderr


def test_escape_sequences_from_a_server_never_reach_the_terminal(server: LinkServer, tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(f"See <{server.base}/evil-location> and <{server.base}/evil-title>.\n", encoding="utf-8")
    for fmt in ("text", "github", "sarif", "json"):
        r = run_cli("check", str(doc), "--no-cache", "--allow-private", "--archive", "none", "--format", fmt)
        assert r.code in (0, 1), r.stderr
        for stream in (r.stdout, r.stderr):
            assert "\x1b" not in stream and "\x07" not in stream, (fmt, stream)
        if fmt == "text":
            assert "evil-location" in r.stdout and "SOFT-404" in r.stdout


def test_a_killed_check_keeps_the_verdicts_it_had(server: LinkServer, tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("".join(f"<{server.base}/page/{i}>\n" for i in range(6)) + f"<{server.base}/hang/1>\n", encoding="utf-8")
    cache = tmp_path / "c.db"
    proc = subprocess.Popen([sys.executable, "-m", "footnote_kit", "check", str(doc), "--cache", str(cache), "--allow-private",
                             "--timeout", "30", "--archive", "none"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and server.hits["/page/5"] == 0:
            time.sleep(0.1)
        time.sleep(1.0)
        assert proc.poll() is None, "the hung URL keeps the run going"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    with sqlite3.connect(cache) as db:
        stored = {u for (u,) in db.execute("SELECT url FROM results")}
    assert {f"{server.base}/page/{i}" for i in range(6)} <= stored
