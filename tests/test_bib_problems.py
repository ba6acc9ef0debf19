"""A broken bibliography is the same problem at the same line in every command.

Each file in ``tests/data/broken`` has one mistake a writer makes. ``export`` and ``check``
refuse a file that lost an entry (their output would silently lack it) with one line naming
it; ``render`` renders the rest and names it; ``lint`` lists it and fails. A duplicate key
loses nothing: export, render and check warn, lint fails. All name the same file:line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

DATA = Path(__file__).parent / "data" / "broken"

# file, the line every command must name, the problem's code, words of its message
CASES = [
    ("missing-brace.bib", 9, "bad-entry", "syntax error in entry 'kajjo2020': not closed before the entry at line 15"),
    ("unterminated-string.bib", 9, "bad-entry", "syntax error in entry 'kajjo2020': the value of 'title' is not closed"),
    ("bad.json", 15, "bad-file", "not valid JSON"),
    ("stray-item.json", 8, "bad-entry", "item 2 is not an object"),
]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


@pytest.mark.parametrize(("name", "line", "code", "words"), CASES)
def test_an_entry_that_cannot_be_read_is_named_at_one_line_by_every_command(broken: Path, name: str, line: int, code: str, words: str) -> None:
    path = broken / name
    where = f"{path}:{line}:"
    for command in (("export", str(path), "-o", str(broken / "out.json")), ("check", str(path), "--offline")):
        run = run_cli(*command)
        assert run.code == 2, (command, run.stderr)
        assert run.stderr == f"footnote-kit: error: {where} {run.stderr.split(where, 1)[1].lstrip()}", command
        assert words in run.stderr and run.stderr.count("\n") == 1, (command, run.stderr)
    assert not (broken / "out.json").exists()

    lint = run_cli("lint", str(path))
    assert lint.code == 1, lint.stdout
    assert lint.stdout.splitlines() == [f"{where} {code}: {lint.stdout.split(f'{code}: ', 1)[1].strip()}"]
    assert words in lint.stdout

    render = run_cli("render", str(path), "--style", "apa")
    if code == "bad-file":  # nothing could be read: one line, as export says it
        assert render.code == 2 and where in render.stderr and words in render.stderr
    else:  # the other entries are rendered, the broken one is named
        assert render.code == 0, render.stderr
        assert "jihad and death" in render.stdout.lower() and "twenty-sixth report" in render.stdout.lower()
        assert "idlib" not in render.stdout.lower()
        assert f"{where} error: {words}" in render.stderr and "is skipped" in render.stderr


def test_a_duplicate_key_is_a_warning_everywhere_and_fails_lint(broken: Path) -> None:
    path = broken / "duplicate-key.bib"
    where = f"{path}:15:"
    words = "duplicate key 'roy2017' (first at line 1)"
    for command in (("export", str(path)), ("render", str(path), "--style", "apa"), ("check", str(path), "--offline")):
        run = run_cli(*command)
        assert run.code == 0, (command, run.stderr)
        assert f"{where} warning: {words}" in run.stderr, command
    export = run_cli("export", str(path), "--format", "csl-json")
    assert export.stdout.count('"id": "roy2017') == 2  # both entries kept, the second renamed
    lint = run_cli("lint", str(path))
    assert lint.code == 1 and lint.stdout.startswith(f"{where} duplicate-key: {words}")


def test_lint_names_every_broken_entry_and_keeps_linting(broken: Path) -> None:
    """Two broken entries are two lines, and the entry after them is still read."""
    text = (DATA / "missing-brace.bib").read_text(encoding="utf-8")
    text += "\n@online{late,\n  title = {Unfinished,\n  url = {https://example.org/a},\n}\n\n@misc{last,\n  note = {No title}\n}\n"
    path = broken / "refs.bib"
    path.write_text(text, encoding="utf-8")
    run = run_cli("lint", str(path))
    assert run.code == 1
    lines = [ln.split(": ", 2)[:2] for ln in run.stdout.splitlines()]
    assert lines == [[f"{path}:9", "bad-entry"], [f"{path}:23", "bad-entry"], [f"{path}:28", "no-title (warning)"]], run.stdout


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        ("@book{b,\n  title = {T},\n  year = \n}\n", 3, "syntax error in entry 'b', field 'year': field value expected"),
        ("@misc{b, title = {T},\n  month = nomacro}\n", 2, "undefined string in entry 'b', field 'month'"),
        ("@book{b,\n  title = {T},\n  title = {U}\n}\n", 1, "entry 'b' has the field 'title' twice"),
        ("@book{b,\n  title = {T}\n  year = 2001\n}\n", 3, "syntax error in entry 'b': '}' expected"),
        ("@book{b,\n  title = {T},\n  year = {2001}\n\n", 1, "syntax error in entry 'b'"),
    ],
)
def test_the_reader_skips_one_bad_entry_and_reads_on(broken: str, line: int, words: str) -> None:
    from footnote_kit.formats import bibtex

    text = "@book{a,\n  title = {First}\n}\n\n" + broken + "@book{c,\n  title = {Last}\n}\n"
    loaded = bibtex.read(text, file="refs.bib")
    assert [r.key for r in loaded.records] == ["a", "c"]
    (problem,) = loaded.problems
    assert (problem.location.file, problem.location.line, problem.code) == ("refs.bib", line + 4, "bad-entry")
    assert problem.message.startswith(words) and problem in loaded.unread()


def test_csl_json_problems_point_at_their_items_own_line() -> None:
    from footnote_kit.formats import csljson

    text = '{"items": [\n  {"id": "a", "title": "One"},\n  null,\n  {"id": "a",\n   "title": "Two"},\n  {"id": "b"}\n]}\n'
    loaded = csljson.read(text, file="refs.json")
    assert [r.key for r in loaded.records] == ["a", "aa", "b"]
    assert [(p.location.line, p.code) for p in loaded.problems] == [(3, "bad-entry"), (4, "duplicate-key"), (6, "no-title")]
