"""``footnote-kit check`` end to end, as a user runs it, against servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

import jsonschema
import pytest

from conftest import run_cli
from linkserver import LinkServer


@pytest.fixture
def server() -> Iterator[LinkServer]:
    srv = LinkServer(hang_seconds=2.0).start()
    yield srv
    srv.stop()


def env(server: LinkServer, **extra: str) -> dict[str, str]:
    """Every request goes to the local server: a proxy that refuses tunnels, no real archive."""
    e = dict(os.environ)
    e.update(
        HTTP_PROXY=server.base, HTTPS_PROXY=server.base, http_proxy=server.base, https_proxy=server.base,
        NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", FOOTNOTE_KIT_ARCHIVE_URL=server.base,
    )
    e.update(extra)
    return e


def draft(tmp_path: Path, server: LinkServer, *paths: str) -> Path:
    doc = tmp_path / "draft.md"
    doc.write_text("# Draft\n\n" + "".join(f"[^{i}]: Source {i}, <{server.base}{p}>.\n" for i, p in enumerate(paths, 1)))
    return doc


FAST = ["--timeout", "0.5", "--no-cache", "--allow-private"]

STATUSES = ["ok", "redirected", "dead", "error", "timeout", "blocked", "soft-404", "invalid", "unsupported", "excluded"]
NULLABLE_INT = {"type": ["integer", "null"]}
NULLABLE_STR = {"type": ["string", "null"]}
SCHEMA = {  # the contract documented in the README ("Checking links")
    "type": "object",
    "required": ["results", "summary"],
    "additionalProperties": False,
    "properties": {
        "results": {"type": "array", "items": {
            "type": "object",
            "required": ["url", "status", "http_status", "final_url", "elapsed_ms", "cited", "archive"],
            "additionalProperties": False,
            "properties": {
                "url": {"type": "string"}, "status": {"enum": STATUSES}, "http_status": NULLABLE_INT,
                "final_url": NULLABLE_STR, "elapsed_ms": NULLABLE_INT, "detail": {"type": "string"},
                "repair": {"type": "object"},
                "cited": {"type": "array", "items": {
                    "type": "object", "required": ["file", "line", "note", "key", "date"], "additionalProperties": False,
                    "properties": {"file": NULLABLE_STR, "line": NULLABLE_INT, "note": NULLABLE_INT, "key": NULLABLE_STR,
                                   "date": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}}}},
                "archive": {"oneOf": [{"type": "null"}, {
                    "type": "object", "required": ["url", "timestamp", "days_from_cited"], "additionalProperties": False,
                    "properties": {"url": {"type": "string"}, "timestamp": {"type": "string", "pattern": r"^\d{14}$"},
                                   "days_from_cited": NULLABLE_INT}}]},
            }}},
        "summary": {"type": "object", "required": STATUSES, "additionalProperties": False,
                    "properties": {s: {"type": "integer", "minimum": 0} for s in STATUSES}},
    },
}


def test_json_shape_and_exit_code_1_for_a_dead_link(server: LinkServer, tmp_path: Path) -> None:
    doc = draft(tmp_path, server, "/ok", "/status/404", "/robots", "/ok")
    server.archive[server.base + "/status/404"] = [("20240101000000", 200)]
    r = run_cli("check", str(doc), "--format", "json", *FAST, env=env(server))
    assert r.code == 1, r.stderr
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    by = {x["url"].removeprefix(server.base): x for x in data["results"]}
    assert len(data["results"]) == 3  # /ok cited twice, checked and reported once
    assert by["/ok"]["status"] == "ok" and len(by["/ok"]["cited"]) == 2
    dead = by["/status/404"]
    assert set(dead) >= {"url", "status", "http_status", "final_url", "elapsed_ms", "cited", "archive"}
    assert (dead["status"], dead["http_status"]) == ("dead", 404)
    assert dead["cited"] == [{"file": str(doc), "line": 4, "note": 2, "key": None, "date": None}]
    assert dead["archive"]["timestamp"] == "20240101000000"
    assert dead["archive"]["url"] == f"{server.base}/web/20240101000000/{server.base}/status/404"
    assert by["/ok"]["archive"] is None
    assert data["summary"]["ok"] == 2 and data["summary"]["dead"] == 1 and data["summary"]["timeout"] == 0


def test_exit_0_without_dead_links_and_fail_on(server: LinkServer, tmp_path: Path) -> None:
    doc = draft(tmp_path, server, "/ok", "/challenge")
    assert run_cli("check", str(doc), *FAST, "--archive", "none", env=env(server)).code == 0
    r = run_cli("check", str(doc), *FAST, "--archive", "none", "--fail-on", "dead,blocked", env=env(server))
    assert r.code == 1 and "BLOCKED" in r.stdout and "draft.md:4" in r.stdout


def test_text_report_shows_where_and_the_archive_copy(server: LinkServer, tmp_path: Path) -> None:
    doc = draft(tmp_path, server, "/gone")
    server.archive[server.base + "/gone"] = [("20200101000000", 200)]
    r = run_cli("check", str(doc), *FAST, env=env(server))
    assert r.code == 1
    assert f"DEAD HTTP 410  {server.base}/gone" in r.stdout
    assert f"cited:   {doc}:3" in r.stdout
    assert "archive: " + server.base + "/web/20200101000000/" in r.stdout
    assert r.stdout.rstrip().endswith("1 link checked: 1 dead")


def test_archive_down_never_fails_the_live_check(server: LinkServer, tmp_path: Path) -> None:
    doc = draft(tmp_path, server, "/ok", "/soft404")
    server.archive_down = True
    r = run_cli("check", str(doc), "--format", "json", *FAST, env=env(server))
    assert r.code == 0
    soft = next(x for x in json.loads(r.stdout)["results"] if x["status"] == "soft-404")
    assert soft["archive"] is None and "archive unavailable" in soft["detail"]


def test_github_and_sarif(server: LinkServer, tmp_path: Path) -> None:
    doc = draft(tmp_path, server, "/status/404", "/temp")
    gh = run_cli("check", str(doc), *FAST, "--archive", "none", "--format", "github", env=env(server))
    assert gh.code == 1
    assert gh.stdout.startswith(f"::error file={doc},line=3,title=dead link::dead link (HTTP 404)%3A".replace("%3A", ":"))
    sarif = json.loads(run_cli("check", str(doc), *FAST, "--archive", "none", "--format", "sarif", env=env(server)).stdout)
    res = sarif["runs"][0]["results"]
    assert sarif["version"] == "2.1.0" and [x["ruleId"] for x in res] == ["dead"]
    assert res[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "xml"], "--format must be one of"),
        (["--archive", "some"], "--archive must be one of"),
        (["--fail-on", "gone"], "unknown status 'gone'"),
        (["--confirm-days", "2", "--no-cache"], "needs the cache"),
        (["--archive-url", "web.archive.org"], "--archive-url must be an http(s) address"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "a.md").write_text("x\n")
    r = run_cli("check", str(tmp_path / "a.md"), *args)
    assert r.code == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    r = run_cli("check", str(tmp_path / "nope.md"), "--no-cache")
    assert r.code == 2 and "nope.md: no such file" in r.stderr


def test_second_run_uses_the_cache_and_offline_needs_no_network(server: LinkServer, tmp_path: Path) -> None:
    doc = draft(tmp_path, server, "/ok", "/status/404")
    cache = str(tmp_path / "links.sqlite3")
    assert run_cli("check", str(doc), "--cache", cache, "--archive", "none", "--allow-private", env=env(server)).code == 1
    hits = sum(server.hits.values())
    again = run_cli("check", str(doc), "--cache", cache, "--archive", "none", "--allow-private", "--format", "json", env=env(server))
    assert sum(server.hits.values()) == hits and again.code == 1
    server.stop()
    off = run_cli("check", str(doc), "--cache", cache, "--offline", "--format", "json", env=env(server))
    assert off.code == 1 and json.loads(off.stdout)["summary"]["dead"] == 1


def test_sample_notes_get_the_snapshot_nearest_each_cited_date(server: LinkServer, example: Path) -> None:
    """Every sample URL fails (the proxy refuses tunnels); the fake archive holds, per URL,
    a 404 capture 3 days after the cited date and 200 captures 10 days after and a year
    before: the nearest 200 capture, 10 days after, must be the one suggested."""
    from datetime import timedelta

    from footnote_kit.links.archive import date_for
    from footnote_kit.links.collect import collect

    refs = collect([str(example)], notes=(698, 753))
    expected = {}
    for ref in refs:
        cited = date_for(min((c.date for c in ref.cited if c.date), default=None))
        stamp = lambda d: d.strftime("%Y%m%d") + "080000"  # noqa: E731
        server.archive[ref.url] = [
            (stamp(cited - timedelta(days=365)), 200),
            (stamp(cited + timedelta(days=3)), 404),
            (stamp(cited + timedelta(days=10)), 200),
        ]
        expected[ref.url] = stamp(cited + timedelta(days=10))
    r = run_cli("check", str(example), "--notes", "698-753", "--format", "json", *FAST, env=env(server))
    assert r.code in (0, 1), r.stderr
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    results = data["results"]
    assert len(results) == len(refs) >= 30
    for res in results:
        assert res["status"] != "ok"
        assert res["cited"][0]["note"] is not None
        assert res["archive"] == {
            "url": f"{server.base}/web/{expected[res['url']]}/{res['url']}",
            "timestamp": expected[res["url"]],
            "days_from_cited": 10,
        }, res
    assert server.hits["CONNECT"] > 0  # the live checks went to our proxy, not the internet
