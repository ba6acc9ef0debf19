"""The pre-commit hook: files being committed in, ``path:line`` out, the cache reused, no
heavy imports on the warm path, and no failed commit because the network is down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from conftest import ROOT

from footnote_kit.hook import find_urls, main

HEAVY = ("typer", "click", "requests", "urllib3", "pybtex", "citeproc", "lxml", "bs4")


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).hits.append(self.path)
        code = 404 if self.path.startswith("/gone") else 200
        body = b"<html><head><title>Story</title></head><body>text</body></html>"
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _fresh(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; it prints a JSON list."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_hook_leaves_heavy_modules_out() -> None:
    loaded = _fresh(f"import sys, json, footnote_kit.hook; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    assert loaded == []


# --- finding URLs ---------------------------------------------------------------------------


def _urls(tmp_path: Path, name: str, text: str) -> list[tuple[str, int | None]]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return [(c.url, c.line) for c in find_urls(str(f))]


def test_find_urls_in_each_format_with_lines(tmp_path) -> None:
    md = "Intro.[^1]\n\n[^1]: “Story,” DW, 15 April 2020, <https://www.dw.com/en/a-53129563>.\nSee [the report](https://undocs.org/S/2020/717).\n"
    assert _urls(tmp_path, "a.md", md) == [("https://www.dw.com/en/a-53129563", 3), ("https://undocs.org/S/2020/717", 4)]
    tex = "Text\\footnote{\\href{https://ria.ru/20200630/1573707230.html}{RIA}, \\url{https://x.org/a_(b)}.}\n"
    assert _urls(tmp_path, "a.tex", tex) == [("https://ria.ru/20200630/1573707230.html", 1), ("https://x.org/a_(b)", 1)]
    bib = "@online{k,\n  url = {https://greekcitytimes.com/2020/11/05/isis-asylumgreece/},\n}\n"
    assert _urls(tmp_path, "refs.bib", bib) == [("https://greekcitytimes.com/2020/11/05/isis-asylumgreece/", 2)]
    csl = json.dumps([{"id": "a", "type": "webpage", "URL": "https://www.dw.com/en/a-53129563"}], indent=2)
    assert _urls(tmp_path, "refs.json", csl) == [("https://www.dw.com/en/a-53129563", 5)]


def test_find_urls_reads_a_pdf_copy_through_its_notes(tmp_path) -> None:
    # Sample notes 744-745: the first wraps in the middle of its title; each URL is found whole.
    text = (
        "744 Paul Antonopoulos, “Leading member of ISIS that was granted asylum status has been arrested\n"
        "in Greece,” Greek City Times, 5 October 2020, https://greekcitytimes.com/2020/11/05/isis-asylumgreece/.\n\n"
        "745 “Boyeviki pokushalis’ na «Rodinu-mat’»: FSB predotvratila terakt” Gazeta, 15 October 2020, "
        "https://www.gazeta.ru/army/2020/10/15/13320667.shtml.\n"
    )
    assert _urls(tmp_path, "notes.txt", text) == [
        ("https://greekcitytimes.com/2020/11/05/isis-asylumgreece/", 2),
        ("https://www.gazeta.ru/army/2020/10/15/13320667.shtml", 4),
    ]


# --- check ----------------------------------------------------------------------------------

try:
    import footnote_kit.links.cache  # noqa: F401

    HAVE_CHECKER = True
except ImportError:  # the link checker (issue 4) lands separately
    HAVE_CHECKER = False
needs_checker = pytest.mark.skipif(not HAVE_CHECKER, reason="the link checker (issue 4) is not merged yet")


def _repo(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".footnote-kit.toml").write_text(config or "[check]\nretries = 0\nallow-private = true\n", encoding="utf-8")
    return tmp_path


@needs_checker
def test_dead_link_fails_with_file_and_line_then_comes_from_the_cache(tmp_path, server, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    (repo / "chapter.md").write_text(
        f"# One\n\nA claim.[^1] Another.[^2]\n\n[^1]: “Alive,” Outlet, 2020, {server}/story.\n"
        f"[^2]: “Gone,” Outlet, 2020, {server}/gone/story.\n",
        encoding="utf-8",
    )
    cache = str(tmp_path / "links.sqlite3")
    (repo / "empty.md").write_text("\n", encoding="utf-8")
    assert main(["check", "--cache", cache, "chapter.md", "empty.md"]) == 1
    out, err = capsys.readouterr()
    assert out == f"chapter.md:6: dead: {server}/gone/story (HTTP 404)\n"
    assert "1 citation(s) of failing links (dead)" in err
    hits = len(_Handler.hits)
    assert hits >= 2
    assert main(["check", "--cache", cache, "chapter.md"]) == 1
    out, err = capsys.readouterr()
    assert out == f"chapter.md:6: dead: {server}/gone/story (HTTP 404)\n" and "2 from the cache" in err
    assert len(_Handler.hits) == hits, "a warm run must make no request"


@needs_checker
def test_skip_urls_and_fail_on_from_settings(tmp_path, server, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path, 'skip-urls = ["/gone/"]\n[check]\nretries = 0\nallow-private = true\n')
    monkeypatch.chdir(repo)
    (repo / "refs.bib").write_text(f"@online{{a,\n  url = {{{server}/gone/x}},\n}}\n", encoding="utf-8")
    assert main(["check", "--cache", str(tmp_path / "c.db"), "refs.bib"]) == 0
    assert _Handler.hits == []


@needs_checker
def test_network_down_does_not_fail_the_commit(tmp_path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    # Port 9 (discard) on loopback: nothing listens, every connection is refused.
    (repo / "notes.txt").write_text("1 “Story,” Outlet, 2020, http://127.0.0.1:9/story.\n", encoding="utf-8")
    cache = str(tmp_path / "c.db")
    assert main(["check", "--cache", cache, "notes.txt"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "the network seems down: 1 link(s) not checked" in err
    assert main(["check", "--offline", "--cache", cache, "notes.txt"]) == 0
    assert "--offline: 1 link(s) not in the cache were not checked" in capsys.readouterr().err


@needs_checker
def test_warm_run_imports_nothing_heavy(tmp_path, server, monkeypatch) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    (repo / "chapter.md").write_text(f"Claim.[^1]\n\n[^1]: “Alive,” Outlet, 2020, {server}/story.\n", encoding="utf-8")
    (repo / "refs.bib").write_text(f"@online{{a,\n  title = {{Alive}},\n  url = {{{server}/bib}},\n}}\n", encoding="utf-8")
    (repo / "post.html").write_text(f'<ol class="footnotes"><li id="fn1"><a href="{server}/html">x</a></li></ol>\n', encoding="utf-8")
    (repo / "refs.json").write_text(json.dumps([{"id": "a", "type": "webpage", "URL": f"{server}/json"}]), encoding="utf-8")
    files = [str(repo / n) for n in ("chapter.md", "refs.bib", "post.html", "refs.json")]
    cache = tmp_path / "c.db"
    assert main(["check", "--cache", str(cache), *files]) == 0
    assert len(_Handler.hits) == 4
    code = (
        "import sys, json, os; os.chdir(%r); from footnote_kit.hook import main; "
        "rc = main(['check', '--cache', %r, *%r]); "
        "print(json.dumps([rc] + [m for m in %r if m in sys.modules]))" % (str(repo), str(cache), files, HEAVY)
    )
    assert _fresh(code) == [0]


# --- lint -----------------------------------------------------------------------------------


def test_lint_hook_reports_the_samples_note_744(tmp_path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path, "[lint]\ndisable = [\"unparsed-citation\"]\n")
    monkeypatch.chdir(repo)
    (repo / "notes.txt").write_text(
        "743 Agnieszka Pikulicka-Wilczewska, “Deporting Muslim Immigrants,” Foreign Policy, 19 October 2020.\n\n"
        "744 Paul Antonopoulos, “Leading member of ISIS,” Greek City Times, 5 October 2020, "
        "https://greekcitytimes.com/2020/11/05/isis-asylumgreece/.\n",
        encoding="utf-8",
    )
    (repo / "README.rst").write_text("not ours\n", encoding="utf-8")
    (repo / "chapter9.md").write_text("", encoding="utf-8")
    assert main(["lint", "notes.txt", "README.rst", "chapter9.md"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("notes.txt:3: date-mismatch: note 744 dates this source 5 October 2020")


def test_bad_config_is_exit_2_with_one_line(tmp_path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path, "[check]\nfail-on = [\"deadd\"]\n")
    monkeypatch.chdir(repo)
    (repo / "a.md").write_text("x\n", encoding="utf-8")
    assert main(["check", "a.md"]) == 2
    err = capsys.readouterr().err.strip()
    assert "did you mean 'dead'" in err and ".footnote-kit.toml:2" in err and len(err.splitlines()) == 1


# --- the manifest ---------------------------------------------------------------------------


def test_manifest_is_valid_and_its_ids_are_documented() -> None:
    manifest = ROOT / ".pre-commit-hooks.yaml"
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    text = manifest.read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'footnote-kit-hook = "footnote_kit.hook:main"' in pyproject
    for hook_id in ("footnote-kit-lint", "footnote-kit-check"):
        assert f"- id: {hook_id}" in text and hook_id in readme
    assert "require_serial: true" in text.split("- id: footnote-kit-check", 1)[1]


def test_a_failure_to_reach_a_host_is_evidence_only_once_a_public_host_answered() -> None:
    from footnote_kit.links.network import DNS_DEAD, needs_proof, unproven
    from footnote_kit.model import LinkStatus, Verdict

    gone = Verdict("https://no-such-site.example/a", LinkStatus.DEAD, detail=DNS_DEAD)
    refused = Verdict("https://a.example/", LinkStatus.ERROR, detail="connection failed: refused")
    slow = Verdict("https://b.example/", LinkStatus.TIMEOUT, detail="no connection after 5 s")
    answered = Verdict("https://c.example/x", LinkStatus.DEAD, 404, detail="HTTP 404")
    bad = Verdict("htp://a.example/", LinkStatus.INVALID, detail="misspelt scheme")
    assert [needs_proof(v) for v in (gone, refused, slow, answered, bad)] == [True, True, True, False, False]
    assert unproven([gone, refused, slow, answered, bad], network_seen=False) == [gone, refused, slow]
    assert unproven([gone, refused, slow, answered, bad], network_seen=True) == []


@needs_checker
def test_check_command_reads_the_project_settings(tmp_path, server) -> None:
    from conftest import run_cli

    repo = _repo(tmp_path, 'skip-urls = ["/gone/paywalled"]\n[check]\nfail-on = ["dead"]\nretries = 0\nallow-private = true\n[archive]\nmode = "none"\n')
    (repo / "draft.md").write_text(
        f"One.[^1] Two.[^2]\n\n[^1]: “A,” Outlet, 2020, {server}/gone/paywalled.\n[^2]: “B,” Outlet, 2020, {server}/gone/removed.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    r = run_cli("check", "draft.md", "--format", "json", cwd=repo, env=env)
    assert r.code == 1, r.stderr
    statuses = {x["url"].rsplit("/", 1)[-1]: x["status"] for x in json.loads(r.stdout)["results"]}
    assert statuses == {"paywalled": "excluded", "removed": "dead"}
    assert not any(h.endswith("/paywalled") for h in _Handler.hits)
    (repo / ".footnote-kit.toml").write_text("[check]\ntimeout = -1\n", encoding="utf-8")
    r = run_cli("check", "draft.md", cwd=repo, env=env)
    assert r.code == 2 and "'check.timeout' must be a positive number" in r.stderr
