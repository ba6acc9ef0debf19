"""Bibliography formats, found by name, alias or file suffix.

Why a registry: ``export -o refs.bib`` and ``export -o refs.json`` need no ``--format``,
and an input file's suffix says how to read it. Each format names the module that does the
work; the module (and pybtex with it) is imported only when that format is used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from footnote_kit.errors import UsageError


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    module: str
    aliases: tuple[str, ...] = ()

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


FORMATS: tuple[Format, ...] = (
    Format("biblatex", (".bib", ".biblatex"), "footnote_kit.formats.bibtex", ("bbx",)),
    Format("bibtex", (".bibtex",), "footnote_kit.formats.bibtex", ("bib",)),
    Format("csl-json", (".json", ".csljson"), "footnote_kit.formats.csljson", ("csl", "csljson", "json")),
)
"""``.bib`` means biblatex: biber, pandoc and Zotero read it, and it keeps ISO dates,
``urldate`` and ``langid``. Classic BibTeX is ``--format bibtex`` (or a ``.bibtex`` name)."""


def by_name(name: str) -> Format:
    wanted = name.strip().lower()
    for fmt in FORMATS:
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    names = ", ".join(f.name for f in FORMATS)
    raise UsageError(f"unknown format {name!r}; choose one of {names}")


def by_suffix(path: str | PurePath) -> Format | None:
    suffix = PurePath(path).suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    return None
