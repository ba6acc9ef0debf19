"""Every kind of file footnote-kit reads, in one table: the registry of readers.

Each command that reads notes (``parse``, ``export``, ``check``, ``lint``, ``render``, the
pre-commit hook) and each walk of a folder asks this table which files it knows, how to
read one, and whether ``fix`` may write one back. Before there was one table the lists
drifted (a suffix parsed by one command and ignored by another).

A file's reader is chosen by its suffix; ``--from NAME`` forces one. Text formats are
decoded first (``files.read_text``) and read from their text, so stdin works for them;
binary formats (Word, OpenDocument, EPUB, PDF) are read from the file's bytes.

This module imports the standard library only: the hook imports it on every commit.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from footnote_kit.errors import InputError, UsageError


@dataclass(frozen=True)
class Reader:
    """One format: its name (``--from`` takes it), its suffixes and how it is read.

    ``kind`` is ``text`` (notes in a text document), ``binary`` (notes in a zip or PDF
    container, read from bytes) or ``bibliography`` (``.bib``, CSL-JSON: records, no
    notes). ``module`` holds the reader (``find_notes(text, file=)`` for text,
    ``read_file(data, file=)`` for binary), imported only when a file of the format comes
    in. ``fixable``: ``fix`` may write URL repairs into it (it edits the URL's characters
    only, which a text file allows and a container does not). ``line_scan``: its URLs can
    be found line by line without parsing notes (the hook's fast path).
    """

    name: str
    suffixes: tuple[str, ...]
    kind: str
    module: str
    title: str
    fixable: bool = True
    line_scan: bool = False
    lint: bool = True
    """``lint`` has rules for it, so a folder walk of lint (and the lint hook) takes it."""

    @property
    def binary(self) -> bool:
        return self.kind == "binary"

    @property
    def bibliography(self) -> bool:
        return self.kind == "bibliography"


READERS: tuple[Reader, ...] = (
    Reader("plain", (".txt", ".text"), "text", "footnote_kit.notes.plain", "plain text (notes copied from a PDF or a page)"),
    Reader(
        "markdown", (".md", ".markdown", ".mdown", ".mkd", ".pandoc"), "text", "footnote_kit.notes.markdown",
        "Markdown (pandoc, GitHub)", line_scan=True,
    ),
    Reader("latex", (".tex", ".ltx", ".latex"), "text", "footnote_kit.notes.latex", "LaTeX (a file and what it \\input's)", line_scan=True),
    Reader("html", (".html", ".htm", ".xhtml"), "text", "footnote_kit.notes.html", "HTML", line_scan=True),
    Reader("rst", (".rst",), "text", "footnote_kit.notes.plain", "reStructuredText (links only)", line_scan=True),
    Reader("docx", (".docx", ".docm", ".dotx"), "binary", "footnote_kit.notes.docx", "Word (.docx)", fixable=False),
    Reader("odt", (".odt", ".ott"), "binary", "footnote_kit.notes.odt", "OpenDocument text (.odt)", fixable=False),
    Reader("epub", (".epub",), "binary", "footnote_kit.notes.epub", "EPUB", fixable=False),
    Reader("pdf", (".pdf",), "binary", "footnote_kit.notes.pdf", "PDF", fixable=False),
    Reader("bibtex", (".bib", ".bibtex", ".biblatex"), "bibliography", "footnote_kit.formats.bibtex", "BibTeX / BibLaTeX", line_scan=True),
    Reader("csl-json", (".json", ".csljson"), "bibliography", "footnote_kit.formats.csljson", "CSL-JSON", lint=False),
)

_BY_SUFFIX = {suffix: r for r in READERS for suffix in r.suffixes}
_BY_NAME = {r.name: r for r in READERS}
NOTE_FORMATS = tuple(r.name for r in READERS if not r.bibliography and r.name != "rst")
"""What ``--from`` accepts."""


def suffix_of(path: str | os.PathLike[str] | None) -> str:
    """The lower-case suffix of a file name (``""`` for none, stdin included)."""
    if path is None:
        return ""
    name = os.fspath(path).replace("\\", "/").rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def by_suffix(path: str | os.PathLike[str] | None) -> Reader | None:
    """The reader for a file, by its suffix; None for a suffix we do not know."""
    return _BY_SUFFIX.get(suffix_of(path))


def by_name(name: str) -> Reader:
    """The reader ``--from NAME`` names; a usage error lists the names."""
    reader = _BY_NAME.get(name.lower().strip())
    if reader is None or reader.bibliography or reader.name == "rst":
        raise UsageError(f"--from: unknown format {name!r} (one of: {', '.join(NOTE_FORMATS)})")
    return reader


def reader_for(path: str | os.PathLike[str] | None, fmt: str | None = None) -> Reader | None:
    """``--from`` if given, else the suffix's reader (None: unknown, detect from the text)."""
    return by_name(fmt) if fmt else by_suffix(path)


def known(path: str | os.PathLike[str], *, lint: bool = False) -> bool:
    """Is this a file a folder walk should pick up (a suffix some reader takes; with
    ``lint``, one that lint has rules for)?"""
    reader = _BY_SUFFIX.get(suffix_of(path))
    return reader is not None and (reader.lint or not lint)


def suffixes(*, kinds: tuple[str, ...] = ("text", "binary", "bibliography")) -> frozenset[str]:
    return frozenset(s for r in READERS if r.kind in kinds for s in r.suffixes)


def hook_pattern(*, lint: bool = False) -> str:
    """The ``files:`` regex of the pre-commit hooks (``.pre-commit-hooks.yaml``, which a
    test holds to this)."""
    names = sorted({s[1:] for r in READERS if r.lint or not lint for s in r.suffixes})
    return r"(?i)\.(" + "|".join(names) + r")$"


# --- finding the files: one walker, one glob dialect ---------------------------------------

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "_build", "site-packages", "venv"})
"""Folders a walk never enters, besides hidden ones (``.git``, ``.venv``): dependencies and
build output, which hold other people's text."""


def walk(
    paths: Sequence[str | os.PathLike[str]],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    *,
    lint: bool = False,
    select: Callable[[str], bool] | None = None,
) -> Iterator[str]:
    """Files named, and files under folders named, in order (sorted per folder).

    Every command that takes folders (``check``, ``lint``) walks them here, so that they
    agree on which files a project has. A file named is read whatever its suffix (a user
    who names ``notes.rtf.txt`` means it) unless ``exclude`` matches it; in a folder, a
    file needs a suffix a reader takes (with ``lint``, one lint has rules for), or a match
    of ``include`` when that is given, and no match of ``exclude``; hidden files and
    folders and ``SKIP_DIRS`` are passed over. Globs are git-style (``glob_match``),
    matched against the path relative to the folder named or the path as given.
    ``select`` (the settings file's ``include``/``exclude``, ``Settings.selects``) must
    also let each file through. A path that does not exist raises ``InputError``.
    """
    for raw in paths:
        path = os.fspath(raw)
        if path != "-" and os.path.isdir(path):
            yield from _walk_folder(path, include, exclude, lint, select)
        elif path != "-" and not os.path.exists(path):
            raise InputError("no such file or folder", file=path)
        elif not _matches(path, path, exclude) and (select is None or select(path)):
            yield path


def _walk_folder(
    top: str, include: Sequence[str], exclude: Sequence[str], lint: bool, select: Callable[[str], bool] | None
) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS and not _matches(os.path.join(root, d), top, exclude))
        for name in sorted(files):
            full = os.path.join(root, name)
            if name.startswith(".") or _matches(full, top, exclude):
                continue
            wanted = _matches(full, top, include) if include else known(full, lint=lint)
            if wanted and (select is None or select(full)):
                yield full


def _matches(path: str, top: str, globs: Sequence[str]) -> bool:
    """Does a glob match ``path``, relative to the folder walked (``old/*``), or with that
    folder as the user spelt it (``paper/old/*`` for ``check paper``)?"""
    if not globs:
        return False
    if path == top:
        return any(glob_match(os.path.basename(path), g) for g in globs)
    rel = os.path.relpath(path, top).replace(os.sep, "/")
    base = os.path.normpath(top).replace(os.sep, "/")
    return any(glob_match(rel, g) or ("/" in g.strip("/") and glob_match(rel, g, base=base)) for g in globs)


def glob_match(rel: str, pattern: str, *, base: str | None = None) -> bool:
    """Git-style globs: ``*`` and ``?`` within a path segment, ``**`` across segments, a
    pattern without ``/`` matches a name at any depth (``*.md``, ``drafts``), and a
    pattern that matches a folder matches everything below it (``drafts/old``,
    ``drafts/old/``). The settings file and ``check --include/--exclude`` both take these.
    With ``base``, the pattern is matched against ``base/rel`` (and its folders down from
    ``base``) instead."""
    whole, name = _compiled(pattern)
    parts = rel.split("/")
    for end in range(len(parts), 0, -1):  # the path, then each folder above it
        here = "/".join(parts[:end])
        if whole.fullmatch(f"{base}/{here}" if base else here) or (name and not base and whole.fullmatch(parts[end - 1])):
            return True
    return False


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> tuple[re.Pattern[str], bool]:
    """The pattern's regex, and whether it matches names (it has no ``/`` inside)."""
    pattern = pattern.lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    return re.compile(_glob_regex(pattern)), "/" not in pattern


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
