"""Project settings: ``[tool.footnote-kit]`` in ``pyproject.toml`` or ``.footnote-kit.toml``.

A writing repository decides once what fails a commit (dead links, which lint rules),
which URLs are not worth checking (paywalled databases such as ``advance.lexis.com``) and
how politely to check; every command and the pre-commit hook read the same ``Settings``.

Why strict: a misspelt key (``exlude``) that is silently ignored makes a writer believe a
rule is off when it is not, so unknown keys and wrong types are a ``ConfigError`` naming
the key, the file and (best effort) the line. Stdlib only: the hook loads this on every
commit.

The file, ``.footnote-kit.toml`` (keys at the top level) or ``pyproject.toml`` (the same
keys under ``[tool.footnote-kit]``)::

    include = ["chapters/**/*.md"]        # globs; default: every supported file
    exclude = ["drafts/old/**"]
    skip-urls = ["advance\\.lexis\\.com"] # regular expressions, searched in each URL

    [check]                               # [tool.footnote-kit.check] in pyproject.toml
    fail-on = ["dead", "soft-404"]        # statuses that fail a run
    timeout = 10.0                        # seconds to read; connect-timeout for connecting
    max-concurrency = 64
    max-per-host = 2
    allow-private = false                 # also check 127.0.0.1, 10.x, intranet names

    [lint]
    disable = ["uncited-entry"]           # rules switched off
    fail-on = ["date-mismatch"]           # rules that fail a run ("all" = every rule)

    [archive]
    mode = "failed"                       # failed | all | none (as check --archive)
    url = "https://web.archive.org"
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from footnote_kit.errors import ConfigError, UsageError

CONFIG_FILE = ".footnote-kit.toml"

ARCHIVE_MODES = ("failed", "all", "none")
"""As ``check --archive`` and ``[archive] mode``: look up the Wayback copy of links that fail, of all, of none."""
LINT_RULES = (
    "unparsed-citation",
    "date-mismatch",
    "damaged-url",
    "duplicate-source",
    "orphan-ibid",
    "missing-cite-key",
    "uncited-entry",
)
# Warnings by default: a shared .bib legitimately holds entries this file does not cite,
# and two forms of one source are untidy rather than wrong.
DEFAULT_LINT_FAIL_ON = tuple(r for r in LINT_RULES if r not in ("uncited-entry", "duplicate-source"))


@dataclass(frozen=True)
class CheckSettings:
    """How links are checked and which results fail a run."""

    fail_on: tuple[str, ...] = ("dead",)
    timeout: float = 10.0
    connect_timeout: float = 5.0
    max_concurrency: int = 64
    max_per_host: int = 2
    retries: int = 2
    user_agent: str | None = None
    cache: str | None = None
    """Path of the link cache; None = the default under the user's cache directory."""
    allow_private: bool = False
    """Check URLs on loopback, private and link-local addresses too (an intranet's wiki)."""


@dataclass(frozen=True)
class LintSettings:
    disable: tuple[str, ...] = ()
    fail_on: tuple[str, ...] = DEFAULT_LINT_FAIL_ON

    def enabled(self, rule: str) -> bool:
        return rule not in self.disable

    def fails(self, rule: str) -> bool:
        return rule in self.fail_on and rule not in self.disable


@dataclass(frozen=True)
class ArchiveSettings:
    mode: str = "failed"
    """As ``check --archive``: ``failed`` looks up the Wayback copy of links that fail; ``all``; ``none``."""
    url: str | None = None
    """Base address of the archive (as ``--archive-url``); None = ``FOOTNOTE_KIT_ARCHIVE_URL`` or the Internet Archive."""


@dataclass(frozen=True)
class Settings:
    """Everything a project can set, with the defaults a project that sets nothing gets."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    skip_urls: tuple[str, ...] = ()
    check: CheckSettings = field(default_factory=CheckSettings)
    lint: LintSettings = field(default_factory=LintSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    source: str | None = None
    """The file these settings were read from (None: defaults)."""
    root: str | None = None
    """The directory of that file: include/exclude globs are relative to it."""

    def selects(self, path: str | os.PathLike[str]) -> bool:
        """Whether include/exclude let ``path`` through (globs relative to the config's folder)."""
        rel = _relative(Path(path), self.root)
        if self.include and not any(_glob_match(rel, g) for g in self.include):
            return False
        return not any(_glob_match(rel, g) for g in self.exclude)


def _relative(path: Path, root: str | None) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    if root is not None:
        try:
            return absolute.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    """Git-style globs: ``*`` within a path segment, ``**`` across segments, ``dir/`` = below it."""
    if pattern.endswith("/"):
        pattern += "**"
    return re.fullmatch(_glob_regex(pattern.lstrip("/")), rel) is not None or (
        "/" not in pattern and re.fullmatch(_glob_regex(pattern), rel.rsplit("/", 1)[-1]) is not None
    )


def _glob_regex(pattern: str) -> str:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Reading and validating
# ---------------------------------------------------------------------------------------

# TOML key -> (attribute, expected type). Types: "str", "strs", "float", "int", "status",
# "rule", "mode": the validation each value needs.
_TOP: dict[str, tuple[str, str]] = {
    "include": ("include", "strs"),
    "exclude": ("exclude", "strs"),
    "skip-urls": ("skip_urls", "regexes"),
}
_TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "check": {
        "fail-on": ("fail_on", "statuses"),
        "timeout": ("timeout", "seconds"),
        "connect-timeout": ("connect_timeout", "seconds"),
        "max-concurrency": ("max_concurrency", "count"),
        "max-per-host": ("max_per_host", "count"),
        "retries": ("retries", "count0"),
        "user-agent": ("user_agent", "str"),
        "cache": ("cache", "path"),
        "allow-private": ("allow_private", "bool"),
    },
    "lint": {
        "disable": ("disable", "rules"),
        "fail-on": ("fail_on", "rules"),
    },
    "archive": {
        "mode": ("mode", "archive-mode"),
        "url": ("url", "url"),
    },
}
def __getattr__(name: str) -> Any:
    """``LINK_STATUSES``: the names of ``model.LinkStatus``, read from it when first asked
    for, so that the pre-commit hook's warm path (which reads settings) never imports the
    model."""
    if name == "LINK_STATUSES":
        from footnote_kit.model import LinkStatus

        return tuple(s.value for s in LinkStatus)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_TABLE_TYPES = {"check": CheckSettings, "lint": LintSettings, "archive": ArchiveSettings}


def load_settings(start: str | os.PathLike[str] | None = None, *, config: str | os.PathLike[str] | None = None) -> Settings:
    """The settings in force for a run started in ``start`` (default: the current directory).

    ``config`` names a file explicitly (``--config``). Otherwise the nearest
    ``.footnote-kit.toml``, or ``pyproject.toml`` with a ``[tool.footnote-kit]`` table, is
    used, looking in ``start`` and its parents up to the git repository's root. No file:
    the defaults.
    """
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError("no such configuration file", file=os.fspath(config))
        if path.name == "pyproject.toml":
            table = _pyproject_table(path)
            return settings_from_mapping(table or {}, file=os.fspath(path))
        return settings_from_mapping(_read_toml(path), file=os.fspath(path))
    found = find_config(Path(start) if start is not None else Path.cwd())
    if found is None:
        return Settings()
    path, table = found
    return settings_from_mapping(table, file=os.fspath(path))


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """Walk up from ``start`` to the git root; the first folder with settings wins."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        dedicated = folder / CONFIG_FILE
        pyproject = folder / "pyproject.toml"
        table = _pyproject_table(pyproject) if pyproject.is_file() else None
        if dedicated.is_file():
            if table is not None:
                raise ConfigError(
                    f"settings in both {CONFIG_FILE} and pyproject.toml [tool.footnote-kit]; keep one",
                    file=os.fspath(dedicated),
                )
            return dedicated, _read_toml(dedicated)
        if table is not None:
            return pyproject, table
        if (folder / ".git").exists():
            return None
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: a repository without settings (the common case) never pays for it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read: {err}", file=os.fspath(path)) from None
    try:
        return dict(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        line = _error_line(str(err))
        raise ConfigError(f"not valid TOML: {_strip_position(str(err))}", file=os.fspath(path), line=line) from None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    data = _read_toml(path)
    tool = data.get("tool")
    if not isinstance(tool, dict) or "footnote-kit" not in tool:
        return None
    table = tool["footnote-kit"]
    if not isinstance(table, dict):
        raise ConfigError("[tool.footnote-kit] must be a table", file=os.fspath(path))
    return table


def _error_line(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def _strip_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message)


def settings_from_mapping(data: Mapping[str, Any], *, file: str | None = None) -> Settings:
    """Validate a parsed TOML table into ``Settings``; every mistake names its key."""
    prefix = "tool.footnote-kit." if file is not None and os.path.basename(file) == "pyproject.toml" else ""
    text = _file_text(file)
    top: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    for key, value in data.items():
        if key in _TOP:
            attr, kind = _TOP[key]
            top[attr] = _convert(value, kind, f"{prefix}{key}", file, text)
        elif key in _TABLES:
            if not isinstance(value, dict):
                raise _error(f"'{prefix}{key}' must be a table ([{prefix}{key}])", key, file, text)
            tables[key] = _read_table(key, value, prefix, file, text)
        else:
            raise _unknown(key, list(_TOP) + list(_TABLES), prefix.rstrip(".") or "top level", file, text)
    root = os.path.dirname(os.path.abspath(file)) if file is not None else None
    return Settings(**top, **tables, source=file, root=root)


def _read_table(name: str, value: Mapping[str, Any], prefix: str, file: str | None, text: str) -> Any:
    spec = _TABLES[name]
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        if key not in spec:
            raise _unknown(key, list(spec), f"[{prefix}{name}]", file, text)
        attr, kind = spec[key]
        kwargs[attr] = _convert(item, kind, f"{prefix}{name}.{key}", file, text)
    return _TABLE_TYPES[name](**kwargs)


def _convert(value: Any, kind: str, key: str, file: str | None, text: str) -> Any:
    """A settings file's value, checked as the option it stands for is (``check_value``)."""
    try:
        return check_value(value, kind, f"'{key}'", _NAMES_IN_FILE)
    except _Invalid as err:
        raise _error(str(err), key.rsplit(".", 1)[-1], file, text) from None


class _Invalid(ValueError):
    """A value that is not of its kind; the caller adds where it came from."""


_NAMES_IN_FILE = {"statuses": "link status", "rules": "lint rule"}
_NAMES_IN_OPTIONS = {"statuses": "status", "rules": "lint rule"}


def check_value(value: Any, kind: str, label: str, names: Mapping[str, str] = _NAMES_IN_FILE) -> Any:
    """The one check of each kind of setting, for the settings file and the command line alike,
    so that ``--archive some`` and ``mode = "some"`` fail the same way. ``label`` names the
    value in the message (``'check.timeout'``, ``--timeout``)."""

    def bad(expected: str) -> _Invalid:
        return _Invalid(f"{label} must be {expected}, not {value!r}")

    if kind in ("str", "path", "url"):
        if not isinstance(value, str) or not value.strip():
            raise bad("a non-empty string")
        if kind == "url" and not re.match(r"https?://[^/\s]+", value):
            raise bad("an http(s) address such as https://web.archive.org")
        return os.path.expanduser(value) if kind == "path" else value
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind == "seconds":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise bad("a positive number of seconds")
        return float(value)
    if kind in ("count", "count0"):
        low = 0 if kind == "count0" else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise bad(f"a whole number of at least {low}")
        return value
    if kind == "archive-mode":
        if value not in ARCHIVE_MODES:
            raise bad("one of " + ", ".join(ARCHIVE_MODES))
        return value
    # lists
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise bad("a list of strings")
    if kind == "regexes":
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as err:
                raise _Invalid(f"{label}: {pattern!r} is not a valid regular expression ({err})") from None
    if kind == "statuses":
        return _names(list(value), __getattr__("LINK_STATUSES"), names["statuses"], label)
    if kind == "rules":
        return _names(list(value), LINT_RULES, names["rules"], label)
    return tuple(value)


def _names(values: list[str], known: tuple[str, ...], what: str, label: str) -> tuple[str, ...]:
    if values == ["all"]:
        return known
    for v in values:
        if v not in known:
            from difflib import get_close_matches

            hint = get_close_matches(v, known, n=1)
            also = f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(known)})"
            raise _Invalid(f"{label}: unknown {what} '{v}'{also}")
    return tuple(values)


# ---------------------------------------------------------------------------------------
# Options given on the command line
# ---------------------------------------------------------------------------------------

OPTIONS: dict[str, tuple[str, str, str]] = {
    "fail_on": ("check", "fail_on", "statuses"),
    "timeout": ("check", "timeout", "seconds"),
    "max_concurrency": ("check", "max_concurrency", "count"),
    "per_host": ("check", "max_per_host", "count"),
    "user_agent": ("check", "user_agent", "str"),
    "cache": ("check", "cache", "path"),
    "allow_private": ("check", "allow_private", "bool"),
    "archive": ("archive", "mode", "archive-mode"),
    "archive_url": ("archive", "url", "url"),
    "skip_urls": ("", "skip_urls", "regexes"),
    "disable": ("lint", "disable", "rules"),
}
"""Option (by its Python name) -> (settings table, attribute, kind): what a command-line
option stands in for in the settings file."""

_ADDED = frozenset({"skip_urls", "disable"})
"""Options that add to the settings file's list rather than replace it: a URL skipped for
one run, a rule switched off for one run, keep the project's own."""


def with_options(settings: Settings, given: Mapping[str, Any], flags: Mapping[str, str] | None = None) -> Settings:
    """``settings`` with the options a user gave put in their place.

    ``given`` holds only the options the user typed (the command line knows which: an
    option typed with its default value still counts, so ``--timeout 10`` beats a settings
    file's ``timeout = 30``). Each value is checked as the settings file's is; ``flags``
    maps an option's name to how the user spelt it (``--per-host``) for the message.
    """
    from dataclasses import replace

    tables: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for name, value in given.items():
        table, attr, kind = OPTIONS[name]
        label = (flags or {}).get(name, "--" + name.replace("_", "-"))
        try:
            value = check_value(value, kind, label, _NAMES_IN_OPTIONS)
        except _Invalid as err:
            raise UsageError(str(err)) from None
        current = getattr(getattr(settings, table) if table else settings, attr)
        if name in _ADDED:
            value = tuple(value) + tuple(current)
        (tables.setdefault(table, {}) if table else top)[attr] = value
    changed = {table: replace(getattr(settings, table), **attrs) for table, attrs in tables.items()}
    return replace(settings, **top, **changed)


def _unknown(key: str, known: list[str], where: str, file: str | None, text: str) -> ConfigError:
    from difflib import get_close_matches

    hint = get_close_matches(key, known, n=1)
    also = f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(known)}"
    return _error(f"unknown key '{key}' in {where}{also}", key, file, text)


def _error(message: str, key: str, file: str | None, text: str) -> ConfigError:
    return ConfigError(message, file=file, line=_line_of(key, text))


def _file_text(file: str | None) -> str:
    if file is None:
        return ""
    try:
        return Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line_of(key: str, text: str) -> int | None:
    """Best effort: the first line that assigns ``key`` (tomllib keeps no positions)."""
    m = re.search(rf'^\s*"?{re.escape(key)}"?\s*=', text, flags=re.M) or re.search(
        rf"^\s*\[[^\]]*\b{re.escape(key)}\]", text, flags=re.M
    )
    return text.count("\n", 0, m.start()) + 1 if m else None

