"""What render reads: .bib and CSL-JSON, with bad entries reported and the rest kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from footnote_kit.errors import InputError
from footnote_kit.render.inputs import kind_of, load_input

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


def test_bib_entries_become_sources_and_a_syntax_error_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded = load_input(path)
    first = loaded.sources[0]
    assert first.id == "kajjo2020" and first.type == "article-journal"
    assert first.title == "Jihadists in Syria's Idlib Form New `Operations Room'"
    assert first.issued == (2020, 6, 15) and first.URL == "https://www.voanews.com/a/1"
    assert first.author[0].family == "Kajjo" and first.author[1].literal == "United Nations Security Council"
    assert loaded.problems and "malformed .bib" in loaded.problems[0].message
    assert loaded.notes is None


def test_csl_json_keeps_good_items_and_names_the_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[{"id": "a", "type": "book", "title": "T"}, 42, {"type": "report", "title": "U"}]', encoding="utf-8")
    loaded = load_input(path)
    assert [s.title for s in loaded.sources] == ["T", "U"]
    assert loaded.sources[1].id == "item-3"
    assert "item 2 is not a JSON object" in loaded.problems[0].message


def test_malformed_csl_json_is_one_line_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[\n{"id": "a",\n "title": }\n]', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_input(path)
    assert "items.json:3" in str(err.value) and "not valid CSL-JSON" in str(err.value)


def test_kind_is_guessed_from_suffix_then_content() -> None:
    assert kind_of("refs.bib", "") == "bib"
    assert kind_of("-", '[{"type": "book"}]') == "csl-json"
    assert kind_of("notes.txt", "698 Smith, Title.") == "document"
