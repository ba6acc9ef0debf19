"""Word, OpenDocument, EPUB, PDF and a LaTeX thesis through every command that reads notes:
``parse``, ``check`` (against a link server on 127.0.0.1), ``lint``, ``export`` and the
pre-commit hook.

The ``links.*`` fixtures (pandoc and pdflatex, tests/data/documents/make.sh) cite
``http://links.example/…``; every request goes to the test's own server, as a proxy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from linkserver import LinkServer

DOCS = ROOT / "tests" / "data" / "documents"
FORMATS = ["links.docx", "links.odt", "links.epub", "links.pdf"]
DEAD = "http://links.example/status/404/a-long-path-that-wraps-over-the-end-of-a-line-in-print"


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    srv = LinkServer(hang_seconds=2.0).start()
    yield srv
    srv.stop()


def proxied(server: LinkServer) -> dict[str, str]:
    e = dict(os.environ)
    e.update(
        HTTP_PROXY=server.base, HTTPS_PROXY=server.base, http_proxy=server.base, https_proxy=server.base,
        NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", FOOTNOTE_KIT_ARCHIVE_URL=server.base,
    )
    return e


def thesis(tmp_path: Path) -> Path:
    """A two-file LaTeX thesis citing the link server's pages."""
    (tmp_path / "chapters").mkdir()
    (tmp_path / "thesis.tex").write_text(
        "\\documentclass{report}\n\\begin{document}\nA source.\\footnote{Mary Beard, “\\href{http://links.example/ok}"
        "{A Page That Answers},” \\emph{The Test Review}, 3 May 2020.}\n\\include{chapters/one}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "chapters" / "one.tex").write_text(
        "\\chapter{One}\nGone.\\footnote{“A Page That Is Gone,” \\emph{The Test Review}, 4 May 2020,\n"
        f"  \\url{{{DEAD}}}.}}\n",
        encoding="utf-8",
    )
    return tmp_path / "thesis.tex"


@pytest.mark.parametrize("name", FORMATS)
def test_parse_json_of_each_format(name: str) -> None:
    run = run_cli("parse", str(DOCS / name))
    assert run.code == 0, run.stderr
    notes = json.loads(run.stdout)["notes"]
    assert [n["number"] for n in notes] == [1, 2, 3]
    assert notes[0]["emphasis"] == [[notes[0]["text"].index("The Test Review"), notes[0]["text"].index("The Test Review") + 15]]
    urls = [p["item"].get("URL") for n in notes for p in n["parts"] if p["kind"] == "citation"]
    assert urls == ["http://links.example/ok", DEAD, "http://links.example/chain/2"]
    assert notes[1]["line"] is None and notes[1]["where"]
    if name.endswith(".pdf"):
        assert all(p["item"]["URL-evidence"] == "pdf-link" for n in notes for p in n["parts"])


@pytest.mark.parametrize("name", [*FORMATS, "thesis"])
def test_check_finds_the_dead_link(name: str, server: LinkServer, tmp_path: Path) -> None:
    path = thesis(tmp_path) if name == "thesis" else DOCS / name
    run = run_cli("check", str(path), "--format", "json", "--no-cache", "--archive", "none", "--timeout", "2", env=proxied(server))
    assert run.code == 1, run.stderr
    results = {r["url"]: r for r in json.loads(run.stdout)["results"]}
    assert results[DEAD]["status"] == "dead"
    assert results["http://links.example/ok"]["status"] == "ok"
    cited = results[DEAD]["cited"][0]
    assert cited["note"] == 2
    if name == "thesis":
        assert cited["file"].endswith("chapters/one.tex") and cited["line"] == 3
    else:
        assert results["http://links.example/chain/2"]["status"] in ("redirected", "ok")


@pytest.mark.parametrize("name", [*FORMATS, "thesis"])
def test_lint_and_export(name: str, tmp_path: Path) -> None:
    path = thesis(tmp_path) if name == "thesis" else DOCS / name
    lint = run_cli("lint", str(path), "--format", "json")
    assert lint.code in (0, 1), lint.stderr
    assert "Traceback" not in lint.stderr
    json.loads(lint.stdout)
    out = tmp_path / "refs.bib"
    export = run_cli("export", str(path), "-o", str(out))
    assert export.code == 0, export.stderr
    bib = out.read_text(encoding="utf-8")
    assert "title = {A {Page} {That} {Answers}}" in bib and "url = {http://links.example/ok}" in bib


def test_lint_points_into_the_chapter_of_a_thesis(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    main = tmp_path / "thesis.tex"
    main.write_text(
        "\\begin{document}\nA remark.\\footnote{The author thanks the archivists.}\n\\input{chapters/one}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "chapters" / "one.tex").write_text("\\chapter{One}\n\nText.\\footnote{Ibid., 5.}\n", encoding="utf-8")
    run = run_cli("lint", str(main), "--format", "json")
    problems = json.loads(run.stdout)["problems"]
    orphan = [p for p in problems if p["code"] == "orphan-ibid"]
    assert len(orphan) == 1, problems
    assert Path(orphan[0]["file"]).name == "one.tex" and orphan[0]["line"] == 3


@pytest.mark.parametrize("name", [*FORMATS, "thesis"])
def test_hook_checks_a_committed_document(name: str, server: LinkServer, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".footnote-kit.toml").write_text("[check]\nretries = 0\n", encoding="utf-8")
    if name == "thesis":
        thesis(repo)
        files, where = ["thesis.tex", "chapters/one.tex"], "chapters/one.tex:3"
    else:
        (repo / name).write_bytes((DOCS / name).read_bytes())
        files, where = [name], name
    cache = str(tmp_path / "links.sqlite3")
    hook = [sys.executable, "-m", "footnote_kit.hook"]
    run = subprocess.run([*hook, "check", "--cache", cache, *files], cwd=repo, env=proxied(server), capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert f"{where}: dead: {DEAD}" in run.stdout
    lint = subprocess.run([*hook, "lint", *files], cwd=repo, capture_output=True, text=True, timeout=120)
    assert lint.returncode in (0, 1) and "Traceback" not in lint.stderr


def test_hook_warm_path_loads_no_pdf_library(server: LinkServer, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".footnote-kit.toml").write_text("[check]\nretries = 0\n", encoding="utf-8")
    for name in ("links.docx", "links.epub"):
        (repo / name).write_bytes((DOCS / name).read_bytes())
    (repo / "links.md").write_text((DOCS / "links.md").read_text(encoding="utf-8"), encoding="utf-8")
    cache = str(tmp_path / "links.sqlite3")
    files = ["links.docx", "links.md"]
    subprocess.run([sys.executable, "-m", "footnote_kit.hook", "check", "--cache", cache, *files], cwd=repo, env=proxied(server), timeout=120)
    code = (
        "import sys, json; from footnote_kit.hook import main; rc = main(['check', '--cache', %r, *%r]); "
        "print(json.dumps([rc, [m for m in ('pypdfium2', 'requests') if m in sys.modules]]))" % (cache, files)
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=120)
    rc, heavy = json.loads(out.stdout.strip().splitlines()[-1])
    assert rc == 1 and heavy == []


@pytest.mark.parametrize("name", [*FORMATS, "thesis"])
def test_render_notes_of_each_format(name: str, tmp_path: Path) -> None:
    path = thesis(tmp_path) if name == "thesis" else DOCS / name
    run = run_cli("render", str(path), "--style", "chicago-notes-bibliography", "--mode", "notes")
    assert run.code == 0, run.stderr
    lines = [ln for ln in run.stdout.splitlines() if ln.strip()]
    assert lines[0] == "1 Mary Beard, “A Page That Answers,” The Test Review, May 3, 2020, http://links.example/ok.", lines
    assert any(DEAD in ln for ln in lines)


def test_check_repair_reports_pdf_link_evidence(server: LinkServer) -> None:
    """LibreOffice broke a URL at its hyphen: the page's text reads ``…-disputedeepens-…``
    (the hyphen goes with the line break), the link annotation has the URL whole."""
    url = "https://news.example.com/politics/2019/09/03/border-talks-stall-again-as-water-dispute-deepens-between-neighbours"
    parsed = run_cli("parse", str(DOCS / "notes-libreoffice.pdf"))
    items = [p["item"] for n in json.loads(parsed.stdout)["notes"] for p in n["parts"] if p["kind"] == "citation"]
    item = next(i for i in items if i.get("URL") == url)
    assert item["URL-evidence"] == "pdf-link" and item["URL-printed"] == url.replace("dispute-deepens", "disputedeepens")
    run = run_cli(
        "check", str(DOCS / "notes-libreoffice.pdf"), "--repair", "--format", "json", "--no-cache", "--archive", "none",
        "--timeout", "2", env=proxied(server),
    )
    results = {r["url"]: r for r in json.loads(run.stdout)["results"]}
    assert results[url]["repair"] == {"url": url, "evidence": "pdf-link", "candidates": [item["URL-printed"]]}
