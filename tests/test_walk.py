"""Every command takes the same files: one registry of formats, one folder walk, one glob
dialect (git-style, as the settings file documents).

Before these were one, ``.latex`` was linted but not read as LaTeX, ``.ltx``/``.mkd`` were
line-scanned by the hook but parsed by ``check``, ``.rst`` was read by ``check`` only,
``check --include 'a/*.md'`` matched files in ``a``'s sub-folders (fnmatch) while the
settings file's ``a/*.md`` did not, and ``check`` walked into ``venv/`` where ``lint`` did not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from footnote_kit import documents
from footnote_kit.config import Settings, settings_from_mapping
from footnote_kit.hook import find_urls
from footnote_kit.hook import main as hook_main
from footnote_kit.links.collect import collect
from footnote_kit.lint import collect_files, lint
from footnote_kit.parse import parse_file

URL = "https://example.org/var_name_"
_NOTES = {
    "plain": f"Notes\n\n1. Jane Smith, “A Title,” Outlet, 3 May 2020, {URL}.\n2. Ibid., 4.\n",
    "markdown": f"Text.[^1] More.[^2]\n\n[^1]: Jane Smith, “A Title,” Outlet, 3 May 2020, {URL}.\n[^2]: Ibid., 4.\n",
    "latex": f"\\documentclass{{article}}\\begin{{document}}Text.\\footnote{{Jane Smith, ``A Title,'' Outlet, 3 May 2020, \\url{{{URL}}}.}}\\end{{document}}\n",
    "html": f'<p>Text<sup><a href="#fn1">1</a></sup></p><ol class="footnotes"><li id="fn1">Jane Smith, “A Title,” Outlet, 3 May 2020, {URL}.</li></ol>\n',
    "rst": f"Text [#]_.\n\n.. [#] Jane Smith, “A Title,” Outlet, 3 May 2020, {URL}.\n",
    "bibtex": f"@online{{smith,\n  title = {{A}},\n  url = {{{URL}}},\n}}\n",
    "csl-json": f'[{{"id": "smith", "type": "webpage", "URL": "{URL}"}}]\n',
}
TEXT_SUFFIXES = [(r.name, s) for r in documents.READERS if not r.binary for s in r.suffixes]


@pytest.mark.parametrize("name, suffix", TEXT_SUFFIXES)
def test_every_suffix_is_taken_alike_by_check_lint_the_hook_and_parse(tmp_path: Path, name: str, suffix: str) -> None:
    reader = documents.by_suffix(f"doc{suffix}")
    assert reader is not None and reader.name == name
    folder = tmp_path / "project"
    folder.mkdir()
    path = folder / f"doc{suffix}"
    path.write_text(_NOTES[name], encoding="utf-8")
    assert list(documents.walk([str(folder)])) == [str(path)]  # check's folder walk
    assert collect_files([folder], Settings()) == ([path] if reader.lint else [])  # lint's is the same walk
    assert [r.url for r in collect([str(folder)])] == [URL]  # check
    assert list(dict.fromkeys(c.url for c in find_urls(str(path)))) == [URL]  # the hook, which line-scans what the registry says
    if not reader.bibliography and name not in ("plain", "rst"):
        assert [s.URL for s in parse_file(path).notes[0].sources] == [URL]  # read as its format
    if reader.lint:
        assert [p.code for p in lint([path])] in ([], ["unparsed-citation"])  # read, not refused


def test_latex_markdown_suffixes_are_read_by_their_reader_everywhere(tmp_path: Path) -> None:
    for suffix in (".latex", ".ltx", ".mkd"):
        path = tmp_path / f"chapter{suffix}"
        path.write_text(_NOTES["latex" if suffix != ".mkd" else "markdown"], encoding="utf-8")
        notes = parse_file(path).notes
        assert notes and notes[0].sources[0].URL == URL
        refs = collect([str(path)])
        assert [(r.url, r.cited[0].note) for r in refs] == [(URL, 1)]  # check knows the note it is cited in


@pytest.mark.parametrize("name", ["notes.docx", "notes.odt", "notes.epub", "report.pdf"])
def test_fix_refuses_what_the_registry_says_it_cannot_write(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes((ROOT / "tests" / "data" / "documents" / name).read_bytes())
    before = path.read_bytes()
    run = run_cli("fix", str(path), "--repair", "--no-live")
    assert run.code == 2 and "fix cannot write into" in run.stderr
    assert path.read_bytes() == before


def _tree(root: Path) -> None:
    for rel in ("a.md", "chapters/one.md", "chapters/deep/two.md", "chapters/notes.txt", "venv/lib/x.md", ".hidden.md", "old/three.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"See {URL}/{rel}\n", encoding="utf-8")


def _names(paths: list[str] | list[Path], root: Path) -> list[str]:
    return sorted(Path(p).relative_to(root).as_posix() for p in paths)


def test_check_and_lint_walk_the_same_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    walked = _names(list(documents.walk([str(tmp_path)])), tmp_path)
    assert walked == ["a.md", "chapters/deep/two.md", "chapters/notes.txt", "chapters/one.md", "old/three.md"]
    assert _names(collect_files([tmp_path], Settings()), tmp_path) == walked


@pytest.mark.parametrize(
    "include, exclude, expected",
    [
        (["chapters/*.md"], [], ["chapters/one.md"]),  # * stays within a folder (fnmatch crossed it)
        (["chapters/**/*.md"], [], ["chapters/deep/two.md", "chapters/one.md"]),
        (["*.md"], ["old/"], ["a.md", "chapters/deep/two.md", "chapters/one.md"]),
        ([], ["chapters/deep", "*.txt"], ["a.md", "chapters/one.md", "old/three.md"]),
        (["**/*.txt"], [], ["chapters/notes.txt"]),
    ],
)
def test_check_options_and_the_settings_file_read_globs_alike(tmp_path: Path, include: list[str], exclude: list[str], expected: list[str]) -> None:
    _tree(tmp_path)
    by_options = _names(list(documents.walk([str(tmp_path)], include, exclude)), tmp_path)
    settings = settings_from_mapping({"include": include, "exclude": exclude})
    settings = Settings(include=settings.include, exclude=settings.exclude, root=str(tmp_path))
    by_settings = _names(collect_files([tmp_path], settings), tmp_path)
    assert by_options == expected
    assert by_settings == expected
    checked = run_cli("check", str(tmp_path), "--offline", "--format", "json", *[f"--include={g}" for g in include], *[f"--exclude={g}" for g in exclude])
    assert checked.code in (0, 1), checked.stderr
    cited = sorted({Path(c["file"]).relative_to(tmp_path).as_posix() for r in __import__("json").loads(checked.stdout)["results"] for c in r["cited"]})
    assert cited == expected


def test_hook_takes_the_settings_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path)
    (tmp_path / ".footnote-kit.toml").write_text('exclude = ["chapters/*.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = Settings(exclude=("chapters/*.md",), root=str(tmp_path))
    assert not settings.selects(tmp_path / "chapters" / "one.md")
    assert settings.selects(tmp_path / "chapters" / "deep" / "two.md")  # git-style: * stays in the folder
    assert hook_main(["lint", "chapters/one.md"]) == 0 and capsys.readouterr().out == ""


def test_a_glob_may_spell_the_folder_as_the_user_named_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path / "paper")
    monkeypatch.chdir(tmp_path)
    kept = _names(list(documents.walk(["paper"], exclude=["paper/old/*", "paper/chapters"])), Path("paper"))
    assert kept == ["a.md"]
    # a name-only glob never matches the folders above the one walked
    assert _names(list(documents.walk(["paper"], exclude=["paper"])), Path("paper")) == kept + ["chapters/deep/two.md", "chapters/notes.txt", "chapters/one.md", "old/three.md"]
