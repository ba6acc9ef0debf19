"""inputs.load: a document, a .bib or a CSL-JSON file all give records with keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footnote_kit.errors import InputError
from footnote_kit.inputs import load

BIB = """@online{kept2020,
  title = {A {UN} page},
  url = {https://example.org/a},
  date = {2020-05-01},
  customfield = {kept as is}
}

@book{,
  author = {Müller, Jürgen},
  title = {Die Kölner Straße},
  year = 2001
}
"""


def test_load_a_bib_file_keeps_keys_and_fills_missing_ones(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded = load(path)
    assert loaded.kind == "bibtex" and loaded.notes == () and loaded.note_keys == {}
    assert [r.key for r in loaded.records] == ["kept2020", "muller2001kolner"]
    assert loaded.records[0].source.title == "A UN page"
    assert loaded.records[0].source.issued == (2020, 5, 1)
    assert loaded.records[1].source.author[0].family == "Müller"


def test_load_a_csl_json_file(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    items = [{"id": "a", "type": "webpage", "title": "T", "URL": "https://x.org"}, {"type": "book", "title": "Kölner Dom", "issued": {"date-parts": [[1990]]}}]
    path.write_text(json.dumps(items), encoding="utf-8")
    loaded = load(path)
    assert loaded.kind == "csl-json"
    assert [r.key for r in loaded.records] == ["a", "kolnerdom1990"]  # no author: the title's words


def test_load_a_document_builds_records_and_note_keys(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "Body text.\n\n1 “A title,” Outlet, 1 May 2020, https://example.org/one.\n\n2 Ibid.\n\n"
        "3 “Other,” Outlet, 2 May 2020, https://example.org/two.\n",
        encoding="utf-8",
    )
    loaded = load(path)
    assert loaded.kind == "document"
    assert [n.number for n in loaded.notes] == [1, 2, 3]
    assert set(loaded.note_keys) == {1, 2, 3}
    assert len({r.source.URL for r in loaded.records if r.source.URL}) == 2


def test_a_bib_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.bib"
    path.write_text("@book{a,\n  title = {ok}\n}\n\n@book{b,\n  title = {unclosed,\n  year = 2001\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.file == str(path) and err.value.line is not None and err.value.line >= 5


def test_duplicate_keys_and_missing_titles_are_warnings_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.bib"
    path.write_text("@book{a,\n  title = {One}\n}\n\n@book{a,\n  title = {Two}\n}\n\n@misc{c,\n  note = {x}\n}\n", encoding="utf-8")
    loaded = load(path)
    codes = [(w.code, w.location.line) for w in loaded.warnings]
    assert ("duplicate-key", 5) in codes and ("no-title", 9) in codes


def test_notes_range_on_a_bibliography_is_a_usage_error(tmp_path: Path) -> None:
    from footnote_kit.errors import UsageError

    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    with pytest.raises(UsageError):
        load(path, notes=(1, 5))
