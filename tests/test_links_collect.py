"""Finding cited URLs, with where they are cited, in every format a writer uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footnote_kit.documents import walk
from footnote_kit.errors import InputError
from footnote_kit.links.collect import collect, urls_in_line


@pytest.mark.parametrize(
    "line, urls",
    [
        ("See https://example.org/a.", ["https://example.org/a"]),
        ("(see https://example.org/a).", ["https://example.org/a"]),
        ("https://en.wikipedia.org/wiki/Foo_(bar), cited", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("<https://example.org/x?a=1&b=2>", ["https://example.org/x?a=1&b=2"]),
        ("[the report](https://example.org/r.pdf \"title\") and [local](../x.md)", ["https://example.org/r.pdf"]),
        (r"\footnote{Smith, \url{https://example.org/s}; \href{https://example.org/h}{here}.}", ["https://example.org/s", "https://example.org/h"]),
        ('<a href="https://example.org/h?x=1&amp;y=2">x</a> <a href="#fn1">1</a>', ["https://example.org/h?x=1&y=2"]),
        ('<a href="mailto:a@b.org">mail</a> ftp://ftp.example.org/f', ["mailto:a@b.org", "ftp://ftp.example.org/f"]),
        (r"\url{http//example.org/broken}", ["http//example.org/broken"]),
        ("“Title,” Outlet, 2020, https://example.org/a/b.html;", ["https://example.org/a/b.html"]),
        ("no links here, just http:// alone", []),
    ],
)
def test_urls_in_line(line: str, urls: list[str]) -> None:
    assert urls_in_line(line) == urls


def test_markdown_latex_html_files_give_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("# Draft\n\nBody with [a link](https://example.org/md).\n\n[^1]: See <https://example.org/fn>.\n")
    (tmp_path / "paper.tex").write_text("Text.\\footnote{See \\url{https://example.org/tex}.}\n")
    (tmp_path / "post.html").write_text('<p>Hi</p>\n<ol class="footnotes"><li><a href="https://example.org/html">src</a></li></ol>\n')
    refs = {r.url: r.cited[0] for r in collect([str(tmp_path)])}
    assert refs["https://example.org/md"].line == 3
    assert refs["https://example.org/fn"].line == 5
    assert refs["https://example.org/tex"].file.endswith("paper.tex")
    assert refs["https://example.org/html"].line == 2


def test_bib_and_csl_json_give_keys_and_dates(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@online{smith2020,\n  title = {A},\n  url = {https://example.org/bib},\n  date = {2020-05-01},\n}\n")
    items = [{"id": "doe2019", "type": "webpage", "URL": "https://example.org/csl", "issued": {"date-parts": [[2019, 12, 19]]}}]
    (tmp_path / "refs.json").write_text(json.dumps(items, indent=1))
    refs = {r.url: r.cited[0] for r in collect([str(tmp_path)])}
    assert refs["https://example.org/bib"].key == "smith2020"
    assert refs["https://example.org/bib"].line == 3
    assert refs["https://example.org/bib"].date == (2020, 5, 1)
    csl = refs["https://example.org/csl"]
    assert (csl.key, csl.date, csl.line) == ("doe2019", (2019, 12, 19), 1 + json.dumps(items, indent=1).splitlines().index('  "URL": "https://example.org/csl",'))


def test_same_url_cited_twice_is_one_ref_with_both_places(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("https://example.org/same\n")
    (tmp_path / "b.md").write_text("x\nhttps://example.org/same\n")
    refs = collect([str(tmp_path)])
    assert len(refs) == 1
    assert [(Path(c.file).name, c.line) for c in refs[0].cited] == [("a.md", 1), ("b.md", 2)]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("https://example.org/a\n")
    (tmp_path / "drafts" / "old.md").write_text("https://example.org/old\n")
    (tmp_path / "b.tex").write_text("\\url{https://example.org/b}\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("https://example.org/git\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    names = sorted(Path(p).name for p in walk([str(tmp_path)]))
    assert names == ["a.md", "b.tex", "old.md"]
    assert sorted(Path(p).name for p in walk([str(tmp_path)], include=["*.md"], exclude=["old.md"])) == ["a.md"]
    assert sorted(Path(p).name for p in walk([str(tmp_path)], exclude=["drafts"])) == ["b.tex"]


def test_sample_notes_carry_note_numbers_and_lines(example: Path) -> None:
    refs = collect([str(example)], notes=(698, 753))
    assert len(refs) >= 30
    lines = example.read_text().splitlines()
    for ref in refs:
        c = ref.cited[0]
        assert c.note is not None and 698 <= c.note <= 753
        assert ref.url[:25] in lines[c.line - 1]
    ozodi = next(r for r in refs if r.url == "https://rus.ozodi.org/a/30332766.html")
    assert ozodi.cited[0].note == 698 and ozodi.cited[0].line == 1


def test_notes_range_restricts_the_sample(example: Path) -> None:
    refs = collect([str(example)], notes=(698, 705))
    assert refs and all(698 <= c.note <= 705 for r in refs for c in r.cited)


def test_unreadable_input_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("[{oops")
    with pytest.raises(InputError):
        collect([str(tmp_path / "bad.json")])
    with pytest.raises(InputError):
        collect([str(tmp_path / "missing.md")])


def test_unreadable_file_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    from footnote_kit.model import Problem

    (tmp_path / "good.md").write_text("https://example.org/good\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    problems: list[Problem] = []
    refs = collect([str(tmp_path)], problems=problems)
    assert [r.url for r in refs] == ["https://example.org/good"]
    assert len(problems) == 1 and problems[0].location.file.endswith("bad.txt") and "UTF-16" in problems[0].message
    with pytest.raises(InputError):
        collect([str(tmp_path / "bad.txt")], problems=[])


def test_link_modules_import_no_heavy_dependency() -> None:
    """The pre-commit hook imports these on every commit: requests and bs4 load on first use."""
    import subprocess
    import sys

    code = (
        "import sys, footnote_kit.links.check, footnote_kit.links.collect, footnote_kit.links.cache, "
        "footnote_kit.links.report, footnote_kit.links.archive, footnote_kit.links.http, footnote_kit.links.page;"
        "print(sorted(m for m in ('requests', 'bs4', 'urllib3', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
