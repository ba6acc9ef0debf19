"""URL repair with evidence, end to end on 127.0.0.1: a site that answers for the true
URLs only, and a fake Wayback Machine that holds captures of the true URLs only.
Then ``footnote-kit fix --repair`` on .bib, Markdown, LaTeX and plain-text files."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, run_cli
from footnote_kit.links.archive import Wayback
from footnote_kit.links.http import Checker, CheckOptions
from footnote_kit.links.repair import archive_probe, candidates, find_repair, live_probe
from linkserver import LinkServer

TITLE = "Indian doctor suspected of having been Jalalabad prison car bomber"
TRUE_PATH = "/2020/indian-doctor-suspected-of-having-been-jalalabad-prison-car-bomber/"
PRINTED_PATH = "/2020/indian-doctorsuspected-of-having-been-jalalabad-prison-carbomber/"


class _Site(ThreadingHTTPServer):
    daemon_threads = True
    pages: set[str]


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        ok = self.path in self.server.pages
        body = (b"<html><head><title>%s</title></head><body>text</body></html>" % (b"Article" if ok else b"Not Found"))
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[_Site]:
    srv = _Site(("127.0.0.1", 0), _Handler)
    srv.pages = {TRUE_PATH}
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def archive() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


def _base(srv: _Site) -> str:
    host, port = srv.server_address[:2]
    return f"http://{host}:{port}"


def _checker() -> Checker:
    return Checker(CheckOptions(retries=0, timeout_retries=0, connect_timeout=2, read_timeout=2, allow_private=True))


def test_a_candidate_that_answers_where_the_printed_url_does_not_is_a_live_repair(site: _Site) -> None:
    printed, true = _base(site) + PRINTED_PATH, _base(site) + TRUE_PATH
    found = candidates(printed, title=TITLE)
    repair = find_repair(printed, found, live=live_probe(_checker()))
    assert (repair.url, repair.evidence) == (true, "live")
    assert repair.candidates[0] == true


def test_archive_captures_of_a_candidate_and_none_of_the_printed_url_make_an_archive_repair(archive: LinkServer) -> None:
    printed, true = "https://ariananews.example" + PRINTED_PATH, "https://ariananews.example" + TRUE_PATH
    archive.archive[true] = [("20200805120000", 200)]
    repair = find_repair(printed, candidates(printed, title=TITLE), archive=archive_probe(Wayback(base_url=archive.base)))
    assert (repair.url, repair.evidence) == (true, "archive")


def test_no_archive_evidence_when_the_printed_url_has_captures_too(archive: LinkServer) -> None:
    printed, true = "https://ariananews.example" + PRINTED_PATH, "https://ariananews.example" + TRUE_PATH
    archive.archive[true] = [("20200805120000", 200)]
    archive.archive[printed] = [("20200805120000", 200)]
    repair = find_repair(printed, candidates(printed, title=TITLE), archive=archive_probe(Wayback(base_url=archive.base)))
    assert (repair.url, repair.evidence) == (None, "none")
    assert true in repair.candidates


def test_captures_that_recorded_a_404_are_no_evidence(archive: LinkServer) -> None:
    printed, true = "https://ariananews.example" + PRINTED_PATH, "https://ariananews.example" + TRUE_PATH
    archive.archive[true] = [("20200805120000", 404)]
    repair = find_repair(printed, candidates(printed, title=TITLE), archive=archive_probe(Wayback(base_url=archive.base)))
    assert repair.evidence == "none"


def test_an_archive_that_is_down_gives_no_evidence_and_no_error(archive: LinkServer) -> None:
    printed = "https://ariananews.example" + PRINTED_PATH
    archive.archive_down = True
    repair = find_repair(printed, candidates(printed, title=TITLE), archive=archive_probe(Wayback(base_url=archive.base)))
    assert (repair.url, repair.evidence) == (None, "none")
    assert repair.candidates


def test_without_evidence_the_candidates_are_suggestions_only(site: _Site, archive: LinkServer) -> None:
    printed = _base(site) + "/2020/uzbek-militantgroup-claims-operation/"
    repair = find_repair(
        printed,
        candidates(printed, title="Uzbek Militant Group Claims Operation"),
        live=live_probe(_checker()),
        archive=archive_probe(Wayback(base_url=archive.base)),
    )
    assert repair.url is None and repair.evidence == "none"
    assert repair.to_json() == {"url": None, "evidence": "none", "candidates": [_base(site) + "/2020/uzbek-militant-group-claims-operation/"]}


# ---------------------------------------------------------------------------------------
# footnote-kit fix --repair
# ---------------------------------------------------------------------------------------

PRINTED = "https://ariananews.example" + PRINTED_PATH
TRUE = "https://ariananews.example" + TRUE_PATH


def _fix(path: Path, archive: LinkServer, *extra: str) -> "object":
    return run_cli("fix", str(path), "--repair", "--no-live", "--archive-url", archive.base, *extra)


@pytest.mark.parametrize(
    "name,template",
    [
        ("notes.md", "\ufeffSome prose.\r\n\r\n[^1]: “{title},” Ariana News, 5 August 2020, <{url}>.\r\n[^2]: Intact: https://example.org/a-b.\r\n"),
        ("refs.bib", "@article{ariana2020,\n  title = {{title}},\n  journal = {Ariana News},\n  url = {{url}},\n  year = {2020}\n}\n"),
        ("paper.tex", "Text.\\footnote{``{title},'' Ariana News, \\url{{url}}.} More \\href{{url}}{text}.\n"),
        ("notes.txt", "12 “{title},” Ariana News, 5 August 2020, {url}.\n\n13 Ibid.\n"),
    ],
)
def test_fix_changes_the_url_text_and_not_one_byte_more(tmp_path: Path, archive: LinkServer, name: str, template: str) -> None:
    archive.archive[TRUE] = [("20200805120000", 200)]
    original = template.replace("{title}", TITLE).replace("{url}", PRINTED).encode("utf-8")
    path = tmp_path / name
    path.write_bytes(original)
    run = _fix(path, archive)
    assert run.code == 0, run.stderr
    assert path.read_bytes() == original.replace(PRINTED.encode(), TRUE.encode())
    assert (tmp_path / (name + "~")).read_bytes() == original
    assert f"-> {TRUE} (archive)" in run.stderr


def test_fix_no_backup_keeps_no_copy(tmp_path: Path, archive: LinkServer) -> None:
    archive.archive[TRUE] = [("20200805120000", 200)]
    path = tmp_path / "notes.txt"
    path.write_text(f"1 “{TITLE},” {PRINTED}.\n", encoding="utf-8")
    assert _fix(path, archive, "--no-backup").code == 0
    assert TRUE in path.read_text(encoding="utf-8")
    assert not (tmp_path / "notes.txt~").exists()


def test_fix_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path, archive: LinkServer) -> None:
    archive.archive[TRUE] = [("20200805120000", 200)]
    path = tmp_path / "notes.txt"
    original = f"1 “{TITLE},” {PRINTED}.\n"
    path.write_text(original, encoding="utf-8")
    run = _fix(path, archive, "--dry-run")
    assert run.code == 0
    assert f"-1 “{TITLE},” {PRINTED}.\n+1 “{TITLE},” {TRUE}.\n" in run.stdout
    assert path.read_text(encoding="utf-8") == original
    assert not (tmp_path / "notes.txt~").exists()


def test_fix_without_evidence_changes_nothing_and_suggests(tmp_path: Path, archive: LinkServer) -> None:
    path = tmp_path / "notes.txt"
    original = f"1 “{TITLE},” {PRINTED}.\n"
    path.write_text(original, encoding="utf-8")
    run = _fix(path, archive, "--format", "json")
    assert run.code == 0
    assert path.read_text(encoding="utf-8") == original
    (entry,) = json.loads(run.stdout)["repairs"]
    assert entry["evidence"] == "none" and entry["url"] is None and entry["candidates"][0] == TRUE


def test_fix_takes_live_evidence_from_the_site(tmp_path: Path, site: _Site, archive: LinkServer) -> None:
    printed, true = _base(site) + PRINTED_PATH, _base(site) + TRUE_PATH
    path = tmp_path / "notes.txt"
    path.write_text(f"1 “{TITLE},” {printed}.\n", encoding="utf-8")
    run = run_cli("fix", str(path), "--repair", "--allow-private", "--archive-url", archive.base)
    assert run.code == 0, run.stderr
    assert path.read_text(encoding="utf-8") == f"1 “{TITLE},” {true}.\n"
    assert "(live)" in run.stderr


def test_fix_needs_repair_and_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("1 text\n", encoding="utf-8")
    run = run_cli("fix", str(path))
    assert run.code == 2 and "--repair" in run.stderr and "Traceback" not in run.stderr
    run = run_cli("fix", str(tmp_path / "missing.txt"), "--repair", "--no-live")
    assert run.code == 2 and "missing.txt" in run.stderr and "Traceback" not in run.stderr


def test_fix_dry_run_on_the_sample_shows_exactly_the_url_edits(tmp_path: Path, archive: LinkServer) -> None:
    truth = {u["printed"]: u["true"] for u in json.loads((ROOT / "tests/data/repair/central-asia-true-urls.json").read_text())["urls"]}
    for true in set(truth.values()):
        archive.archive[true] = [("20201201000000", 200)]
    sample = tmp_path / "sample.txt"
    sample.write_bytes((ROOT / "examples" / "central-asia-notes.txt").read_bytes())
    run = _fix(sample, archive, "--dry-run")
    assert run.code == 0, run.stderr
    removed = [line[1:] for line in run.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in run.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added)
    for old, new in zip(removed, added):
        # Every change on the line is a damaged URL becoming its true URL; nothing else.
        assert _only_true_edits(old, new, truth), (old, new)
    repaired = {m for m in truth if truth[m] != m and truth[m] in run.stdout and m not in "\n".join(added)}
    assert len(repaired) >= 25
    assert sample.read_bytes() == (ROOT / "examples" / "central-asia-notes.txt").read_bytes()


def _only_true_edits(old: str, new: str, truth: dict[str, str]) -> bool:
    """``new`` is ``old`` with some damaged URLs replaced by their true URLs, nothing else."""
    out = old
    for printed, true in sorted(truth.items(), key=lambda kv: -len(kv[0])):
        if printed != true and printed in out and true in new:
            out = out.replace(printed, true)
    return out == new


# ---------------------------------------------------------------------------------------
# footnote-kit check --repair
# ---------------------------------------------------------------------------------------


def _sandbox_env() -> dict[str, str]:
    """Every request to a host other than 127.0.0.1 goes to a proxy that is not there, so
    a test can never reach the internet (the checker reports "the proxy refused")."""
    import os
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    nowhere = f"http://127.0.0.1:{port}"
    return dict(os.environ, HTTP_PROXY=nowhere, HTTPS_PROXY=nowhere, http_proxy=nowhere, https_proxy=nowhere, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")


def test_check_repair_on_the_sample_proposes_the_true_urls_with_archive_evidence(tmp_path: Path, archive: LinkServer) -> None:
    from footnote_kit.links.cache import LinkCache
    from footnote_kit.links.collect import collect
    from footnote_kit.links.http import Verdict
    from footnote_kit.model import LinkStatus

    truth = {u["printed"].replace(" ", ""): u["true"] for u in json.loads((ROOT / "tests/data/repair/central-asia-true-urls.json").read_text())["urls"]}
    for true in set(truth.values()):
        archive.archive[true] = [("20201201000000", 200)]
    sample = ROOT / "examples" / "central-asia-notes.txt"
    # Every printed URL is taken as dead (from the cache: no request leaves the machine),
    # the intact ones too: none of them may get a repair with evidence.
    cache = LinkCache(tmp_path / "links.sqlite3")
    for ref in collect([str(sample)]):
        cache.put(Verdict(ref.url, LinkStatus.DEAD, 404, detail="HTTP 404"))
    cache.close()
    run = run_cli("check", str(sample), "--cache", str(tmp_path / "links.sqlite3"), "--repair", "--archive-url", archive.base, "--format", "json", env=_sandbox_env())
    assert run.code == 1, run.stderr
    results = json.loads(run.stdout)["results"]
    evidenced = {r["url"]: r["repair"]["url"] for r in results if r.get("repair") and r["repair"]["evidence"] != "none"}
    assert all(r["repair"]["evidence"] == "archive" for r in results if r["url"] in evidenced)
    right = [u for u, fixed in evidenced.items() if truth[u] == fixed and truth[u] != u]
    wrong = [u for u, fixed in evidenced.items() if truth[u] != fixed]
    assert len(right) >= 25
    assert wrong == []
    intact = [r for r in results if truth[r["url"]] == r["url"]]
    assert intact and all((r.get("repair") or {}).get("url") is None for r in intact)


def test_check_repair_adds_a_line_to_the_human_report(tmp_path: Path, site: _Site, archive: LinkServer) -> None:
    printed, true = _base(site) + PRINTED_PATH, _base(site) + TRUE_PATH
    notes = tmp_path / "notes.md"
    notes.write_text(f"Text.[^1]\n\n[^1]: “{TITLE},” Ariana News, 5 August 2020, {printed}.\n", encoding="utf-8")
    run = run_cli("check", str(notes), "--no-cache", "--repair", "--allow-private", "--archive-url", archive.base)
    assert run.code == 1, run.stderr
    assert f"repair:  {true} (evidence: live" in run.stdout
    plain = run_cli("check", str(notes), "--no-cache", "--allow-private", "--archive-url", archive.base)
    assert "repair:" not in plain.stdout


# ---------------------------------------------------------------------------------------
# parse --repair / export --repair
# ---------------------------------------------------------------------------------------


def test_parse_and_export_keep_the_url_as_printed_and_carry_an_evidenced_repair(tmp_path: Path, archive: LinkServer) -> None:
    archive.archive[TRUE] = [("20200805120000", 200)]
    notes = tmp_path / "notes.txt"
    notes.write_text(
        f"1 “{TITLE},” Ariana News, 5 August 2020, {PRINTED}.\n\n"
        "2 “Germany arrests IS suspects,” Deutsche Welle, 15 April 2020, https://www.dw.com/en/germany-arrests-is-suspects/a-53129563.\n",
        encoding="utf-8",
    )
    args = ("--repair", "--no-live", "--archive-url", archive.base)
    parsed = run_cli("parse", str(notes), *args)
    assert parsed.code == 0, parsed.stderr
    items = [p["item"] for n in json.loads(parsed.stdout)["notes"] for p in n["parts"] if p.get("item")]
    first = next(i for i in items if "ariananews" in i["URL"])
    assert first["URL"] == PRINTED
    assert (first["URL-repair"]["url"], first["URL-repair"]["evidence"]) == (TRUE, "archive")
    assert first["URL-repair"]["candidates"][0] == TRUE
    assert all("URL-repair" not in i for i in items if "dw.com" in i["URL"])
    exported = run_cli("export", str(notes), "--format", "csl-json", *args)
    assert exported.code == 0, exported.stderr
    entries = json.loads(exported.stdout)
    # CSL-JSON export files extension keys under "custom", as CSL processors expect.
    carried = [e.get("custom", {}).get("URL-repair") or e.get("URL-repair") for e in entries]
    assert [c["url"] for c in carried if c] == [TRUE]
    assert [e["URL"] for e in entries if "ariananews" in e["URL"]] == [PRINTED]
    plain = run_cli("parse", str(notes))
    assert "URL-repair" not in plain.stdout


def test_fix_mends_a_url_that_a_hard_wrapped_copy_broke_over_two_lines(tmp_path: Path, archive: LinkServer) -> None:
    true = "https://example.org/reports/quarterly-outlook-report-spring-edition"
    archive.archive[true] = [("20210301000000", 200)]
    text = (
        "1 A long line of text that was wrapped by the PDF viewer at about sixty chars,\n"
        "and it goes on here with the rest https://example.org/reports/quarterly-outlook\n"
        "report-spring-edition. Then the note ends.\n"
    )
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    run = _fix(path, archive, "--no-backup")
    assert run.code == 0, run.stderr
    assert path.read_text(encoding="utf-8") == text.replace("quarterly-outlook\nreport", "quarterly-outlook-report")
