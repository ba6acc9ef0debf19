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


def test_from_forces_the_reader_whatever_the_suffix(tmp_path) -> None:
    # A Markdown draft saved as .txt: by default its [^1]: line is not a numbered note,
    # with --from markdown it is.
    doc = tmp_path / "draft.txt"
    doc.write_text(
        "Body text.[^1]\n\n[^1]: Jane Roe, “A Title,” The Outlet, 3 May 2021, https://example.org/a.\n",
        encoding="utf-8",
    )
    r = run_cli("parse", str(doc), "--from", "markdown")
    assert r.code == 0, r.stderr
    import json

    notes = json.loads(r.stdout)["notes"]
    assert [n["number"] for n in notes] == [1]
    assert notes[0]["parts"][0]["item"]["container-title"] == "The Outlet"
    bad = run_cli("parse", str(doc), "--from", "word")
    assert bad.code == 2 and "word" in bad.stderr
