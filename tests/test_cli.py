"""The CLI's behaviour at the edges: errors are one line with exit code 2, never a traceback."""

from __future__ import annotations

from conftest import run_cli


def test_missing_file_is_one_line_error_with_exit_2(tmp_path) -> None:
    r = run_cli("parse", str(tmp_path / "nope.txt"))
    assert r.code == 2
    assert "nope.txt" in r.stderr and "no such file" in r.stderr
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_inverted_range_is_a_usage_error(example) -> None:
    r = run_cli("parse", str(example), "--notes", "753-698")
    assert r.code == 2 and "--notes" in r.stderr


def test_help_teaches_with_an_example() -> None:
    r = run_cli("parse", "--help")
    assert r.code == 0
    assert "footnote-kit parse" in r.stdout and "--notes" in r.stdout
