"""Project settings: found by walking up to the git root, strict about keys and types."""

from __future__ import annotations

from pathlib import Path

import pytest

from footnote_kit.config import Settings, load_settings
from footnote_kit.errors import ConfigError


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "chapters" / "one").mkdir(parents=True)
    return tmp_path


def test_no_file_gives_defaults(tmp_path) -> None:
    repo = _repo(tmp_path)
    s = load_settings(repo / "chapters")
    assert s == Settings()
    assert s.check.fail_on == ("dead",) and s.check.max_per_host == 2
    assert s.lint.fails("date-mismatch") and not s.lint.fails("uncited-entry")


def test_pyproject_table_found_from_a_subfolder(tmp_path) -> None:
    repo = _repo(tmp_path)
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "thesis"\n\n[tool.footnote-kit]\nskip-urls = ["advance\\\\.lexis\\\\.com"]\n'
        'exclude = ["drafts/old/**"]\n\n[tool.footnote-kit.check]\nfail-on = ["dead", "soft-404"]\ntimeout = 3\n'
        "max-per-host = 1\n\n[tool.footnote-kit.lint]\ndisable = [\"uncited-entry\"]\n",
        encoding="utf-8",
    )
    s = load_settings(repo / "chapters" / "one")
    assert s.source == str(repo.resolve() / "pyproject.toml")
    assert s.skip_urls == ("advance\\.lexis\\.com",)
    assert s.check.fail_on == ("dead", "soft-404") and s.check.timeout == 3.0 and s.check.max_per_host == 1
    assert not s.lint.enabled("uncited-entry") and s.lint.enabled("date-mismatch")
    assert not s.selects(repo / "drafts" / "old" / "a.md") and s.selects(repo / "chapters" / "one" / "a.md")


def test_dedicated_file_takes_top_level_keys_and_all(tmp_path) -> None:
    repo = _repo(tmp_path)
    (repo / ".footnote-kit.toml").write_text('include = ["*.md"]\n[lint]\nfail-on = "all"\n', encoding="utf-8")
    s = load_settings(repo)
    assert s.lint.fails("uncited-entry")
    assert s.selects(repo / "chapters" / "a.md") and not s.selects(repo / "chapters" / "a.tex")


def test_search_stops_at_the_git_root(tmp_path) -> None:
    (tmp_path / ".footnote-kit.toml").write_text("[lint]\ndisable = [\"orphan-ibid\"]\n", encoding="utf-8")
    repo = _repo(tmp_path / "inner")
    assert load_settings(repo) == Settings()


def test_unknown_key_names_key_file_line_and_suggests(tmp_path) -> None:
    repo = _repo(tmp_path)
    (repo / "pyproject.toml").write_text('[tool.footnote-kit]\ninclude = ["*.md"]\nexlude = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(repo)
    text = str(err.value)
    assert "unknown key 'exlude'" in text and "did you mean 'exclude'" in text
    assert text.startswith(f"{repo.resolve() / 'pyproject.toml'}:3: ")


@pytest.mark.parametrize(
    "toml, expected",
    [
        ("[check]\ntimeout = \"ten\"\n", "'check.timeout' must be a positive number"),
        ("[check]\nmax-per-host = 0\n", "'check.max-per-host' must be a whole number of at least 1"),
        ("[check]\nfail-on = [\"gone\"]\n", "unknown link status 'gone'"),
        ("[lint]\ndisable = [\"date-mismatches\"]\n", "did you mean 'date-mismatch'"),
        ("[archive]\nmode = \"sometimes\"\n", "'archive.mode' must be one of"),
        ("skip-urls = [\"(unclosed\"]\n", "not a valid regular expression"),
        ("check = 3\n", "'check' must be a table"),
        ("[check]\ntimout = 3\n", "unknown key 'timout' in [check]; did you mean 'timeout'"),
        ("include = [\n", "not valid TOML"),
    ],
)
def test_wrong_values_are_config_errors(tmp_path, toml: str, expected: str) -> None:
    repo = _repo(tmp_path)
    (repo / ".footnote-kit.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=".footnote-kit.toml") as err:
        load_settings(repo)
    assert expected in str(err.value)


def test_two_config_files_in_one_folder_is_an_error(tmp_path) -> None:
    repo = _repo(tmp_path)
    (repo / ".footnote-kit.toml").write_text("", encoding="utf-8")
    (repo / "pyproject.toml").write_text("[tool.footnote-kit]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="keep one"):
        load_settings(repo)


def test_explicit_config_path(tmp_path) -> None:
    cfg = tmp_path / "fk.toml"
    cfg.write_text("[check]\nretries = 0\n", encoding="utf-8")
    assert load_settings(config=cfg).check.retries == 0
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(config=tmp_path / "missing.toml")
