"""Finding the URLs a writer cites, with every place each is cited.

Inputs and what each gives:

- documents with notes (text copied from a PDF, and anything ``parse`` reads): the URL of
  each source, with the note number and the source's date (the archive copy nearest that
  date is the version the writer read);
- ``.bib`` and CSL-JSON: each entry's URL with its key and date;
- Markdown, LaTeX and HTML: every URL on every line (bare, ``<…>``, ``[text](url)``,
  ``\\url{}``, ``\\href{}{}``, ``href="…"``), enriched with note numbers and dates when
  their notes parse;
- folders: the files above, recursively (``documents.walk``), filtered by git-style
  ``--include``/``--exclude`` globs.

The same URL cited in many places becomes one ``UrlRef`` (checked once) listing them all.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Sequence

from footnote_kit import urls
from footnote_kit.documents import reader_for, walk
from footnote_kit.errors import InputError
from footnote_kit.files import read_text
from footnote_kit.model import Citing, Location, Problem, Source, UrlRef

# Explicit link syntax: what is inside is meant as a link, whatever it looks like.
_EXPLICIT = re.compile(
    r"""\\(?:url|href)\{([^{}\s]+)\}"""  # \url{...} \href{...}{...}
    r"""|href\s*=\s*"([^"]+)"|href\s*=\s*'([^']+)'"""  # href="..."
    r"""|\]\(\s*<?([^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+["'][^"']*["'])?\s*\)"""  # [t](url "title")
    r"""|<((?:https?|ftp|mailto):[^<>\s]+)>""",  # <url>
    re.I,
)


def _wanted(target: str) -> bool:
    """Explicit link targets worth checking: absolute URLs, and attempts at one."""
    t = target.strip()
    if not t or t.startswith(("#", "/", "./", "../", "?")):
        return False
    low = t.lower()
    if re.match(r"[a-z][a-z0-9+.\-]*:", low):
        return not low.startswith(("javascript:", "data:", "tel:"))
    return "://" in t or low.startswith(("www.", "http"))


def urls_in_line(line: str) -> list[str]:
    """Every URL on one line, in order, each once."""
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for m in _EXPLICIT.finditer(line):
        target = next(g for g in m.groups() if g is not None)
        if _wanted(target):
            found.append((m.start(), urls.target(target)))
            spans.append(m.span())
    for bare in urls.find_all(line):
        if any(a <= bare.start < b for a, b in spans):
            continue
        found.append((bare.start, bare.url))
    out: list[str] = []
    for _, u in sorted(found):
        if u and u not in out and not re.fullmatch(r"(?:https?|ftp)://", u, re.I):
            out.append(u)
    return out


def scan_text(text: str, file: str | None) -> list[UrlRef]:
    """Line scan: every URL with its file and line. ``.bib`` lines also get their entry key."""
    refs: list[UrlRef] = []
    key: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)\s*,", line)
        if m:
            key = m.group(1)
        for url in urls_in_line(line):
            refs.append(UrlRef(url, (Citing(file=file, line=n, key=key if file and file.endswith(".bib") else None),)))
    return refs


def from_document(
    path: str, notes: tuple[int, int] | None = None, encoding: str | None = None, text: str | None = None, fmt: str | None = None
) -> list[UrlRef]:
    """A document with notes: each source's URL with note number, date and line (none for
    a binary document: Word, PDF…)."""
    from footnote_kit.parse import parse_file, parse_text

    reader = reader_for(path, fmt)
    binary = reader is not None and reader.binary
    if text is not None and not binary:
        # URLs and dates are read exactly by the rules; the learned reader adds nothing here
        # and would cost the pre-commit hook a model load on every commit.
        result = parse_text(text, file=path, notes=notes, fmt=fmt, reader="rules")
    else:
        result = parse_file(path, notes=notes, encoding=encoding, fmt=fmt, reader="rules")
    lines = [] if binary else (text if text is not None else read_text(path, encoding=encoding)).splitlines()
    others: dict[str, list[str]] = {}
    refs: list[UrlRef] = []
    for note in result.notes:
        start = note.location.line
        cited: list[tuple[str, Source | None]] = [(s.URL, s) for s in note.sources if s.URL]
        if not cited:
            cited = [(u, None) for u in urls_in_line(note.text)]
        for url, src in cited:
            file = note.location.file if note.location.file and note.location.line else path
            if file != path and file not in others:  # a chapter a LaTeX project includes
                others[file] = read_text(file).splitlines()
            line = _line_of(url, others.get(file, lines), start)
            cite = Citing(file=file, line=line, note=note.number, date=src.issued if src else None)
            printed = src.extra.get("URL-printed") if src else None
            refs.append(UrlRef(url, (cite,), src.title if src else None, src.translated_title if src else None, printed))
    return refs


def _line_of(url: str, lines: Sequence[str], start: int | None) -> int | None:
    """The line where a note's URL is printed (its first 25 characters; URLs wrap)."""
    if not start:
        return start
    head = url[:25]
    for i in range(start - 1, min(len(lines), start + 40)):
        if head in lines[i]:
            return i + 1
    return start


def collect_file(
    path: str, notes: tuple[int, int] | None = None, encoding: str | None = None, fmt: str | None = None,
    problems: list[Problem] | None = None,
) -> list[UrlRef]:
    """The URLs one file cites, read as its reader (``documents.READERS``, or ``fmt``)
    says. Raises ``InputError`` for an unreadable file (a .bib entry that cannot be read
    too); what else the reader reports (a duplicate key...) is appended to ``problems``."""
    reader = reader_for(path, fmt)
    if reader is not None and reader.binary:
        return from_document(path, notes, encoding, fmt=fmt)
    text = read_text(path, encoding=encoding)
    if reader is not None and reader.bibliography:
        return _from_bibliography(path, text, reader.name, problems)
    if reader is not None and reader.line_scan:
        refs = scan_text(text, path)
        return _enrich(refs, _try_document(path, notes, text, fmt))
    # Plain text (a document copied from a PDF): its notes, else every URL on every line.
    doc = _try_document(path, notes, text, fmt)
    if doc is not None:
        return doc
    if notes is not None:
        raise InputError(f"no notes numbered {notes[0]}-{notes[1]}", file=path)
    return scan_text(text, path)


def _try_document(path: str, notes: tuple[int, int] | None, text: str, fmt: str | None = None) -> list[UrlRef] | None:
    try:
        return from_document(path, notes, text=text, fmt=fmt if fmt != "rst" else None)
    except InputError:
        return None


def _enrich(scanned: list[UrlRef], parsed: list[UrlRef] | None) -> list[UrlRef]:
    """Give line-scanned URLs the note number, date and title their parsed notes know."""
    if not parsed:
        return scanned
    known: dict[str, list[Citing]] = {}
    titles: dict[str, tuple[str | None, str | None]] = {}
    for ref in parsed:
        known.setdefault(ref.url, []).extend(ref.cited)
        if ref.title and ref.url not in titles:
            titles[ref.url] = (ref.title, ref.translated_title)
    out = []
    for ref in scanned:
        c = ref.cited[0]
        cands = known.get(ref.url) or []
        best = min(cands, key=lambda k: abs((k.line or 0) - (c.line or 0)), default=None)
        if best is not None:
            c = Citing(c.file, c.line, best.note, c.key, best.date)
        title, translated = titles.get(ref.url, (ref.title, ref.translated_title))
        out.append(UrlRef(ref.url, (c,), title, translated))
    # Notes of the files a LaTeX project includes: the line scan saw only the main file.
    here = {c.file for ref in scanned for c in ref.cited}
    out.extend(ref for ref in parsed if any(c.file not in here for c in ref.cited) and here)
    return out


def _from_bibliography(path: str, text: str, kind: str, problems: list[Problem] | None = None) -> list[UrlRef]:
    """A .bib or CSL-JSON file: each entry's URL with its key, date and line.

    Entries are read by ``inputs.load_bibliography`` (the same reader ``export`` and
    ``render`` use, so keys agree); URLs elsewhere in a .bib (a ``note`` or
    ``howpublished`` field) are found by the line scan and get their entry's key.
    """
    from footnote_kit.inputs import load_bibliography, whole

    loaded = whole(load_bibliography(text, kind=kind, file=path))
    if problems is not None:
        problems.extend(loaded.problems)
    lines = text.splitlines()
    refs: list[UrlRef] = []
    seen: set[tuple[str, str]] = set()
    for rec in loaded.records:
        s = rec.source
        if not s.URL:
            continue
        line = next((i for i, ln in enumerate(lines, 1) if s.URL in ln), None)
        refs.append(UrlRef(s.URL, (Citing(file=path, line=line, key=rec.key, date=s.issued),), s.title, s.translated_title))
        seen.add((s.URL, rec.key))
    if kind == "bibtex":
        dates = {rec.key: rec.source.issued for rec in loaded.records}
        for ref in scan_text(text, path):
            c = ref.cited[0]
            if (ref.url, c.key or "") not in seen:
                refs.append(UrlRef(ref.url, (Citing(c.file, c.line, None, c.key, dates.get(c.key or "")),)))
    return refs


def collect(
    paths: Sequence[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    problems: list[Problem] | None = None,
    fmt: str | None = None,
) -> list[UrlRef]:
    """Every URL cited under ``paths``, each once, with all the places citing it.

    A file named in ``paths`` that cannot be read raises ``InputError``. A file found by
    searching a folder is skipped instead when ``problems`` is given (one unreadable
    attachment should not stop the check of a whole repository), and the reason is
    appended there for the caller to show.
    """
    found: list[UrlRef] = []
    named = {os.path.normpath(p) for p in paths}
    for path in walk(paths, include, exclude):
        try:
            refs = collect_file(path, notes=notes, encoding=encoding, fmt=fmt, problems=problems)
            found.extend(_from_stdin(refs) if path == "-" else refs)
        except InputError as err:
            if problems is None or os.path.normpath(path) in named:
                raise
            problems.append(Problem(f"skipped: {err.message}", Location(path, err.line), code="unreadable"))
    return merge(found)


def _from_stdin(refs: list[UrlRef]) -> list[UrlRef]:
    """Places on standard input named as every message names it (``files.shown_name``)."""
    from dataclasses import replace

    from footnote_kit.files import STDIN_NAME

    return [replace(r, cited=tuple(replace(c, file=STDIN_NAME) if c.file == "-" else c for c in r.cited)) for r in refs]


def merge(refs: Iterable[UrlRef]) -> list[UrlRef]:
    """One ref per URL, first seen first, with the places of every duplicate (each once)."""
    merged: dict[str, UrlRef] = {}
    for ref in refs:
        old = merged.get(ref.url)
        if old is None:
            merged[ref.url] = ref
        else:
            extra = tuple(c for c in ref.cited if c not in old.cited)
            merged[ref.url] = UrlRef(
                ref.url, old.cited + extra, old.title or ref.title, old.translated_title or ref.translated_title, old.printed or ref.printed
            )
    return list(merged.values())
