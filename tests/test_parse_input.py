"""Bad input to ``parse``: one line naming the file and the problem, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

NOTES = "Body text.1 More.2\n\n1 Jürgen Kölner, “Überblick,” Die Zeit, 3 May 2020.\n\n2 Ibid.\n"


def one_line_error(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n\t\n", "the file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        ("word.txt", NOTES.replace("“", "\u201c").encode("cp1252"), "--encoding cp1252"),
        ("utf16.txt", NOTES.encode("utf-16"), "--encoding utf-16"),
        ("utf16le.txt", NOTES.encode("utf-16-le"), "--encoding utf-16-le"),
        ("prose.txt", "Just prose, 2,000 Tajik fighters, 1,003 returnees.\n\n19 Afghan policemen.\n".encode(), "no numbered notes found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    r = run_cli("parse", str(path))
    assert r.code == 2
    line = one_line_error(r.stderr)
    assert str(path) in line and says in line


def test_range_that_matches_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES + "\n3 Third note.\n", encoding="utf-8")
    r = run_cli("parse", str(path), "--notes", "900-910")
    assert r.code == 2
    assert one_line_error(r.stderr).endswith("--notes 900-910 matches no note; notes found: 1-3")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_encoding_option_reads_the_file(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes((NOTES + "\n3 Third note.\n").encode(encoding))
    r = run_cli("parse", str(path), "--encoding", encoding)
    assert r.code == 0, r.stderr
    assert "Jürgen Kölner, “Überblick,”" in r.stdout


def test_unknown_encoding_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    r = run_cli("parse", str(path), "--encoding", "klingon")
    assert r.code == 2 and "unknown encoding" in one_line_error(r.stderr)


def test_seed_document_parses_with_the_range_it_found(tmp_path: Path) -> None:
    seed = Path(__file__).parent / "data" / "central-asia-posts.txt"
    r = run_cli("parse", str(seed))
    assert r.code == 0, r.stderr
    assert "56 notes (698-753)" in r.stderr
