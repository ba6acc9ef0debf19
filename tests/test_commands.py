"""Issue 14: the library functions give what the commands print, an option typed on the
command line beats the settings file even when it repeats its default, and the small
things a user reads (counts, dates, stdin, file names, help, messages) read right."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from conftest import EXAMPLE, run_cli
from linkserver import LinkServer
from test_links_cli import env as _env

import footnote_kit

TWO = (
    "Some text here.\n\nNotes\n\n"
    "1. John Smith, The Book of Things (London: Penguin, 2012), 45.\n"
    '2. Jane Doe, "An Article," Journal of Stuff 3, no. 2 (March 14, 2012): 5-9, https://example.org/a.\n'
)


@pytest.fixture
def two(tmp_path: Path) -> Path:
    path = tmp_path / "two.txt"
    path.write_text(TWO, encoding="utf-8")
    return path


@pytest.fixture
def server() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    yield srv
    srv.stop()


def _project(tmp_path: Path, settings: str, server: LinkServer, path: str) -> Path:
    """A project folder with a settings file and a draft citing ``path`` on the server."""
    (tmp_path / ".git").mkdir()  # settings are looked for up to the repository's root
    (tmp_path / ".footnote-kit.toml").write_text(settings, encoding="utf-8")
    doc = tmp_path / "draft.md"
    doc.write_text(f"# Draft\n\n[^1]: Source, <{server.base}{path}>.\n", encoding="utf-8")
    return doc


# --- an option typed on the command line always wins ---------------------------------


def test_fail_on_typed_with_its_default_value_beats_the_settings_file(tmp_path: Path, server: LinkServer) -> None:
    doc = _project(tmp_path, '[check]\nfail-on = ["ok"]\nallow-private = true\n', server, "/ok")
    common = ["check", doc.name, "--no-cache", "--archive", "none"]
    assert run_cli(*common, cwd=tmp_path, env=_env(server)).code == 1  # the settings file's fail-on
    typed = run_cli(*common, "--fail-on", "dead", cwd=tmp_path, env=_env(server))
    assert typed.code == 0, typed.stdout + typed.stderr


def test_timeout_typed_with_its_default_value_beats_the_settings_file(tmp_path: Path) -> None:
    slow = LinkServer(latency=(0.6, 0.6)).start()
    try:
        doc = _project(tmp_path, "[check]\ntimeout = 0.2\nallow-private = true\n", slow, "/ok")
        common = ["check", doc.name, "--no-cache", "--archive", "none", "--format", "json"]
        from_settings = run_cli(*common, cwd=tmp_path, env=_env(slow))
        typed = run_cli(*common, "--timeout", "10", cwd=tmp_path, env=_env(slow))
    finally:
        slow.stop()
    assert json.loads(from_settings.stdout)["results"][0]["status"] == "timeout"
    assert json.loads(typed.stdout)["results"][0]["status"] == "ok", typed.stderr


def test_archive_typed_with_its_default_value_beats_the_settings_file(tmp_path: Path, server: LinkServer) -> None:
    doc = _project(tmp_path, '[check]\nallow-private = true\n[archive]\nmode = "none"\n', server, "/gone")
    common = ["check", doc.name, "--no-cache", "--format", "json"]
    run_cli(*common, cwd=tmp_path, env=_env(server))
    assert server.archive_hits == 0  # the settings file: no archive
    typed = run_cli(*common, "--archive", "failed", cwd=tmp_path, env=_env(server))
    assert json.loads(typed.stdout)["results"][0]["status"] == "dead", typed.stderr
    assert server.archive_hits > 0


def test_a_bad_option_fails_as_the_same_setting_in_the_file_does(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "draft.md").write_text("# Draft\n", encoding="utf-8")
    typed = run_cli("check", "draft.md", "--timeout", "0", "--offline", cwd=tmp_path)
    (tmp_path / ".footnote-kit.toml").write_text("[check]\ntimeout = 0\n", encoding="utf-8")
    filed = run_cli("check", "draft.md", "--offline", cwd=tmp_path)
    assert typed.code == filed.code == 2
    assert "--timeout must be a positive number of seconds" in typed.stderr
    assert "'check.timeout' must be a positive number of seconds" in filed.stderr


# --- the library gives what the commands print -------------------------------------


def test_parse_function_gives_what_the_command_prints() -> None:
    printed = run_cli("parse", str(EXAMPLE), "--notes", "698-720")
    assert footnote_kit.parse(EXAMPLE, notes=(698, 720)).to_json() == json.loads(printed.stdout)


def test_export_function_writes_what_the_command_writes(tmp_path: Path) -> None:
    assert run_cli("export", str(EXAMPLE), "-o", str(tmp_path / "cli.bib"), "--map", str(tmp_path / "cli.csv")).code == 0
    done = footnote_kit.export(EXAMPLE, output=tmp_path / "lib.bib", map_path=tmp_path / "lib.csv")
    assert (tmp_path / "lib.bib").read_text(encoding="utf-8") == (tmp_path / "cli.bib").read_text(encoding="utf-8") == done.text
    assert (tmp_path / "lib.csv").read_text(encoding="utf-8") == (tmp_path / "cli.csv").read_text(encoding="utf-8")
    assert done.format.name == "biblatex" and len(done.loaded.records) > 40


def test_render_function_gives_what_the_command_prints() -> None:
    printed = run_cli("render", str(EXAMPLE), "--style", "apa")
    assert footnote_kit.render(EXAMPLE, style="apa").text == printed.stdout


def test_lint_function_finds_what_the_command_prints() -> None:
    from footnote_kit.lint import to_json

    printed = run_cli("lint", str(EXAMPLE), "--format", "json")
    assert to_json(footnote_kit.lint([EXAMPLE])) == json.loads(printed.stdout)


def test_check_function_gives_what_the_command_prints(tmp_path: Path) -> None:
    from footnote_kit.links.check import CheckConfig

    cache = tmp_path / "links.sqlite3"
    printed = run_cli("check", str(EXAMPLE), "--offline", "--archive", "none", "--cache", str(cache), "--format", "json")
    run = footnote_kit.check([str(EXAMPLE)], CheckConfig(offline=True, archive="none", cache_path=cache))
    assert [r.to_json() for r in run.results] == json.loads(printed.stdout)["results"]


def test_fix_function_writes_what_the_command_writes(tmp_path: Path) -> None:
    from footnote_kit.links.repair import Evidence

    printed = "https://ariananews.example/2020/indian-doctorsuspected-of-having-been-jalalabad-prison-carbomber/"
    true = "https://ariananews.example/2020/indian-doctor-suspected-of-having-been-jalalabad-prison-car-bomber/"
    note = f"1 “Indian doctor suspected of having been Jalalabad prison car bomber,” Ariana News, 5 August 2020, {printed}.\n"
    archive = LinkServer().start()
    archive.archive[true] = [("20200805120000", 200)]
    try:
        (tmp_path / "cli.txt").write_text(note, encoding="utf-8")
        (tmp_path / "lib.txt").write_text(note, encoding="utf-8")
        assert run_cli("fix", str(tmp_path / "cli.txt"), "--repair", "--no-live", "--archive-url", archive.base).code == 0
        [done] = footnote_kit.fix([tmp_path / "lib.txt"], Evidence(archive_url=archive.base, live=False))
    finally:
        archive.stop()
    assert done.written and [e.new for e in done.plan.edits] == [true]
    assert (tmp_path / "lib.txt").read_text(encoding="utf-8") == (tmp_path / "cli.txt").read_text(encoding="utf-8")
    assert true in (tmp_path / "lib.txt").read_text(encoding="utf-8")


def test_the_functions_stay_functions_when_their_modules_are_imported() -> None:
    import footnote_kit.export
    import footnote_kit.lint
    import footnote_kit.parse
    import footnote_kit.render.pipeline  # noqa: F401
    from footnote_kit import export, lint, parse, render
    from footnote_kit.parse import parse_file

    assert all(callable(f) and f.__module__ == "footnote_kit" for f in (parse, export, lint, render))
    assert parse_file(EXAMPLE).notes[0].number == 698


def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from footnote_kit.commands import main

    assert main(["--version"]) == 0
    assert main(["parse", str(tmp_path / "missing.txt")]) == 2
    assert main(["check", str(EXAMPLE), "--archive", "some"]) == 2
    assert "no such file" in capsys.readouterr().err


# --- what a user reads --------------------------------------------------------------


def test_one_note_is_one_note(two: Path) -> None:
    r = run_cli("parse", str(two), "--notes", "1")
    assert f"{two}: 1 note (1-1)" in r.stderr and "1 notes" not in r.stderr


def test_dates_in_the_text_reading_are_padded(two: Path) -> None:
    r = run_cli("parse", str(two), "--format", "text")
    assert "| 2012-03-14 |" in r.stdout and "2012-3-14" not in r.stdout


def test_standard_input_is_called_stdin_everywhere(two: Path) -> None:
    parsed = run_cli("parse", "-", input=TWO)
    assert "<stdin>: 2 notes (1-2)" in parsed.stderr
    assert {n["file"] for n in json.loads(parsed.stdout)["notes"]} == {"<stdin>"}
    exported = run_cli("export", "-", input=TWO)
    assert exported.stderr.startswith("<stdin>: 2 entries from 2 notes")
    checked = run_cli("check", "-", "--offline", "--no-cache", "--format", "json", input=TWO)
    assert json.loads(checked.stdout)["results"][0]["cited"][0]["file"] == "<stdin>"


def test_warnings_about_a_csl_json_file_name_it(tmp_path: Path) -> None:
    items = tmp_path / "items.json"
    items.write_text(json.dumps([{"id": "x", "type": "book", "title": "A Title", "author": [{"family": "Smith"}]}]), encoding="utf-8")
    r = run_cli("render", str(items), "--style", "apa")
    assert r.code == 0
    assert f"{items}: warning: item 'x' (A Title) has no date" in r.stderr and "<input>" not in r.stderr


def test_help_shows_readable_placeholders() -> None:
    for command in ("parse", "export", "check", "render", "styles", "lint", "fix"):
        shown = run_cli(command, "--help").stdout
        assert "<list[" not in shown and "<str>" not in shown and "<path>" not in shown and "[[" not in shown, shown
    assert "Usage: footnote-kit styles [OPTIONS] [WORDS]..." in run_cli("styles", "--help").stdout


def test_notes_outside_the_file_name_the_notes_found(two: Path) -> None:
    r = run_cli("parse", str(two), "--notes", "3")
    assert r.code == 2 and "--notes 3 matches no note; notes found: 1-2" in r.stderr


def test_styles_takes_several_words() -> None:
    r = run_cli("styles", "chicago", "notes")
    lines = r.stdout.splitlines()
    assert r.code == 0 and lines, r.stderr
    assert all("chicago" in line.lower() and "notes" in line.lower() for line in lines)
    assert len(lines) < len(run_cli("styles", "chicago").stdout.splitlines())


def test_every_example_in_the_library_guide_runs() -> None:
    """docs/library.md promises a runnable example per function."""
    import re
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    blocks = re.findall(r"```python\n(.*?)```", (root / "docs" / "library.md").read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 6
    for block in blocks:
        proc = subprocess.run([sys.executable, "-c", block], cwd=root, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0 and proc.stdout.strip(), block + proc.stderr
