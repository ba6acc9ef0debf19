"""Style look-up: current names, old names, dependent styles, our own styles, paths, typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from footnote_kit.errors import InputError, StyleNotFound
from footnote_kit.render.styles import resolve_style, search_styles, suggest

from conftest import run_cli


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("chicago-fullnote-bibliography", "chicago-notes-bibliography"),
        ("chicago-note-bibliography", "chicago-shortened-notes-bibliography"),
        ("modern-humanities-research-association", "mhra-notes"),
    ],
)
def test_old_names_resolve_to_the_renamed_style(old: str, new: str) -> None:
    style = resolve_style(old)
    assert style.name == new
    assert style.path.name == f"{new}.csl"
    assert style.renamed_from == old


def test_dependent_style_loads_its_parent_and_keeps_its_own_locale() -> None:
    style = resolve_style("nature-digest")
    assert style.dependent == "nature-digest"
    assert style.name == "nature"
    assert 'rel="independent-parent"' not in style.path.read_text(encoding="utf-8")
    assert style.default_locale == "en-GB"
    assert style.title == "Nature Digest"


def test_unknown_style_suggests_close_names() -> None:
    with pytest.raises(StyleNotFound) as err:
        resolve_style("chicago-notes-bibliograpy")
    assert "chicago-notes-bibliography" in str(err.value)
    assert "harvard-cite-them-right" in suggest("harvard-cite-them")


def test_path_to_a_csl_file(tmp_path: Path) -> None:
    source = resolve_style("apa").path
    copy = tmp_path / "my-house.csl"
    copy.write_bytes(source.read_bytes())
    style = resolve_style(str(copy))
    assert style.path == copy
    assert style.style_class == "in-text"


def test_malformed_csl_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.csl"
    bad.write_text('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<info><title>x</info>\n</style>\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        resolve_style(str(bad))
    message = str(err.value)
    assert "\n" not in message and "broken.csl:3" in message and "malformed XML" in message


def test_a_file_that_is_not_csl(tmp_path: Path) -> None:
    other = tmp_path / "page.csl"
    other.write_text("<html><body>not a style</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="not a CSL style"):
        resolve_style(str(other))


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(StyleNotFound, match="no such style file"):
        resolve_style(str(tmp_path / "nowhere" / "x.csl"))


def test_our_own_style_is_found_first_and_is_a_note_style() -> None:
    style = resolve_style("chicago-notes-policy")
    assert style.path.parent.name == "styles"
    assert style.style_class == "note"
    assert style.default_locale == "en-GB"
    assert "URL" in style.path.read_text(encoding="utf-8")


def test_search_lists_titles_and_uses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = search_styles("mhra notes")
    assert any(s.name == "mhra-notes" and "MHRA" in s.title for s in first)
    assert list(tmp_path.glob("footnote-kit/styles-index-*.json"))
    again = search_styles("mhra notes")
    assert [s.name for s in again] == [s.name for s in first]
    assert any(s.origin == "footnote-kit" for s in search_styles("policy"))


def test_styles_command_lists_matches_with_titles(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    run = run_cli("styles", "harvard cite them right", env=env)
    assert run.code == 0, run.stderr
    assert "harvard-cite-them-right" in run.stdout and "Cite Them Right" in run.stdout
    none = run_cli("styles", "zzzz-no-such-style-zzzz", env=env)
    assert none.code == 2 and "no style matches" in none.stderr


def test_a_dependent_style_given_by_path_uses_its_installed_parent(tmp_path: Path) -> None:
    dependent = resolve_style("nature-digest")
    own = tmp_path / "journal.csl"
    own.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="de-DE">\n'
        "  <info><title>Our Journal</title><id>x</id>\n"
        '    <link href="http://www.zotero.org/styles/nature" rel="independent-parent"/>\n'
        "  </info>\n</style>\n",
        encoding="utf-8",
    )
    style = resolve_style(str(own))
    assert style.path == dependent.path  # nature.csl
    assert style.default_locale == "de-DE" and style.title == "Our Journal"


def test_styles_json_for_scripts(tmp_path: Path) -> None:
    import json
    import os

    run = run_cli("styles", "mhra", "--format", "json", env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)))
    assert run.code == 0, run.stderr
    rows = json.loads(run.stdout)
    assert {"name": "mhra-notes", "title": "MHRA Style Guide 4th edition (notes)", "origin": "independent", "parent": None} in rows
