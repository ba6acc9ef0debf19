"""What render reads: .bib and CSL-JSON, with bad entries reported and the rest kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from footnote_kit.errors import InputError, UsageError
from footnote_kit.render.inputs import load_input

BIB = r"""@article{kajjo2020,
  author = {Kajjo, Sirwan and {United Nations Security Council}},
  title = {Jihadists in {Syria}'s Idlib Form New `Operations Room'},
  journaltitle = {The Voice of America},
  date = {2020-06-15},
  url = {https://www.voanews.com/a/1},
}
@book{broken,
  title = {An unfinished entry
"""


def test_a_bib_with_a_syntax_error_keeps_its_good_entries(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded = load_input(path)
    (first,) = [r.source for r in loaded.records]
    assert loaded.records[0].key == "kajjo2020"
    assert first.URL == "https://www.voanews.com/a/1" and first.issued == (2020, 6, 15)
    (bad,) = [p for p in loaded.problems if p.code == "bad-entry"]
    assert bad.location.line is not None and bad.location.line >= 8 and "skipped" in bad.message
    assert loaded.kind == "bibtex" and loaded.notes == ()


def test_csl_json_keeps_good_items_and_names_the_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[{"id": "a", "type": "book", "title": "T"}, 42, {"type": "report", "title": "U"}]', encoding="utf-8")
    loaded = load_input(path)
    assert [r.source.title for r in loaded.records] == ["T", "U"]
    assert len({r.key for r in loaded.records}) == 2
    assert any("item 2 is not an object" in p.message for p in loaded.problems)


def test_malformed_csl_json_is_one_line_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[\n{"id": "a",\n "title": }\n]', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_input(path)
    assert "items.json:3" in str(err.value)


def test_notes_range_is_refused_for_a_bibliography_file(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    with pytest.raises(UsageError, match="--notes applies to a document"):
        load_input(path, notes=(1, 2))
