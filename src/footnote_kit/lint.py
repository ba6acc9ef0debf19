"""``lint``: find what is wrong with a document's citations, with file and line.

The rules live in ``footnote_kit.lint_rules`` (one module per family); this module
finds the files, reads and parses each once, runs the enabled rules and marks each
problem an error (fails the run) or a warning, as the settings say. It returns data; the
CLI and the hook print it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from footnote_kit.config import Settings
from footnote_kit.documents import walk
from footnote_kit.errors import InputError
from footnote_kit.files import read_text
from footnote_kit.lint_rules import Document, Rule, citekeys, damaged, dates, duplicates, ibid, unparsed
from footnote_kit.model import Problem, Severity

RULES: dict[str, Rule] = {
    unparsed.NAME: unparsed.check,
    dates.NAME: dates.check,
    damaged.NAME: damaged.check,
    duplicates.NAME: duplicates.check,
    ibid.NAME: ibid.check,
    citekeys.MISSING: citekeys.check_missing,
    citekeys.UNCITED: citekeys.check_uncited,
}
"""Every rule by name, in the order their problems are listed for one note."""

def _format(path: Path, fmt: str | None = None) -> str:
    """The reader's name for a file (``documents.READERS``); a suffix none takes is plain."""
    from footnote_kit.documents import reader_for

    reader = reader_for(path, fmt)
    return reader.name if reader is not None else "plain"


def collect_files(paths: Sequence[str | os.PathLike[str]], settings: Settings) -> list[Path]:
    """Files named, and files lint has rules for under folders named, that the settings
    select (``documents.walk``: the walk ``check`` makes too)."""
    return list(dict.fromkeys(Path(p) for p in walk(paths, lint=True, select=settings.selects)))


def read_document(path: Path, fmt: str | None = None) -> Document:
    """Read and parse one file. A document without notes is still linted (for cite keys).

    A binary document (Word, PDF…) has no text lines to point into: its problems point at
    the note (``report.docx: footnote 12``).
    """
    name = os.fspath(path)
    kind = _format(path, fmt)
    from footnote_kit.documents import by_name

    reader = by_name(kind) if kind not in ("bibtex", "csl-json", "rst") else None
    if reader is not None and reader.binary:
        from footnote_kit.parse import parse_file

        return Document(name, "", kind, parse_file(path, fmt=kind).notes)
    if not path.read_bytes().strip():
        # An empty draft (a placeholder chapter) cites nothing; it is not bad input here.
        return Document(name, "", "bib" if kind == "bibtex" else kind)
    text = read_text(path)
    if kind in ("bibtex", "csl-json"):
        return Document(name, text, "bib" if kind == "bibtex" else kind)
    from footnote_kit.parse import parse_text

    try:
        result = parse_text(text, file=name, fmt=kind if kind != "rst" else "plain")
    except InputError:
        # "no notes found": a LaTeX chapter citing by key, a Markdown page of links.
        return Document(name, text, kind)
    return Document(name, text, kind, result.notes)


_READER_FAILS = frozenset({"duplicate-key"})
"""Reader warnings lint fails on: a key two entries share makes every citation of it
ambiguous (biber keeps one entry; export renames the other), which is what lint is for."""


def read_problems(doc: Document) -> list[Problem]:
    """What the bibliography reader says about a .bib or CSL-JSON file (entries it cannot
    read, duplicate keys, entries without a title): the same problems at the same lines as
    export, check and render report. They are not lint rules: an unreadable entry always
    fails, whatever ``fail-on`` says."""
    if doc.fmt not in ("bib", "csl-json") or not doc.text:
        return []
    from footnote_kit.inputs import load_bibliography

    loaded = load_bibliography(doc.text, kind="bibtex" if doc.fmt == "bib" else "csl-json", file=doc.path)
    return [replace(p, severity=Severity.ERROR) if p.code in _READER_FAILS else p for p in loaded.problems]


def lint_document(doc: Document, settings: Settings) -> list[Problem]:
    problems: list[Problem] = []
    for name, rule in RULES.items():
        if settings.lint.enabled(name):
            problems.extend(rule(doc))
    return problems


def lint(paths: Sequence[str | os.PathLike[str]], settings: Settings | None = None, fmt: str | None = None) -> list[Problem]:
    """Every problem in ``paths`` (files or folders), errors and warnings, in file order.

    ``fmt`` reads every file with that reader (``--from``). Raises ``InputError`` for a
    path that does not exist or a file that cannot be read.
    """
    settings = settings or Settings()
    seen: set[tuple[str | None, int | None, str, str]] = set()
    out: list[Problem] = []
    for path in collect_files(paths, settings):
        doc = read_document(path, fmt)
        found = read_problems(doc) + [
            replace(p, severity=Severity.ERROR if settings.lint.fails(p.code) else Severity.WARNING)
            for p in lint_document(doc, settings)
        ]
        for p in found:
            key = (p.location.file, p.location.line, p.code, p.message)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def failed(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def format_line(p: Problem) -> str:
    """``path:line: rule: message``: the form editors and pre-commit users click through."""
    where = f"{p.location.file}:{p.location.line}" if p.location.line else f"{p.location.file}"
    level = "" if p.severity is Severity.ERROR else " (warning)"
    return f"{where}: {p.code}{level}: {p.message}"


def to_json(problems: Sequence[Problem]) -> dict[str, object]:
    """``{"problems": [...], "summary": {"errors": n, "warnings": n, "by_rule": {...}}}``."""
    by_rule: dict[str, int] = {}
    for p in problems:
        by_rule[p.code] = by_rule.get(p.code, 0) + 1
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return {
        "problems": [p.to_json() for p in problems],
        "summary": {"errors": errors, "warnings": len(problems) - errors, "by_rule": by_rule},
    }
