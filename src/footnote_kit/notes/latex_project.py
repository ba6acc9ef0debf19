"""A LaTeX project read as one document: the main file with what it includes.

A thesis is a main file that ``\\input``s, ``\\include``s, ``\\subfile``s and ``\\import``s
its chapters; ``footnote-kit check thesis.tex`` must check the whole thesis, and every
message must point at the chapter file and line where the note is. So the files are
spliced into one source, with each line remembering where it came from (``Origin``).

An included name is looked up relative to the including file, then relative to the main
file (where TeX itself looks), with ``.tex`` added when it has no suffix; ``\\import{dir}{f}``
and ``\\subimport{dir}{f}`` join their two arguments. Of a ``\\subfile``, only the text
between its ``\\begin{document}`` and ``\\end{document}`` is taken, as the subfiles package
does. A file that includes itself, directly or not, is an error naming the chain; an
included file that is missing is a warning (the rest of the project is still read).
Comments are dropped per file first, so a commented-out ``\\input`` is not followed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from footnote_kit.errors import InputError
from footnote_kit.model import Location, Problem

_INCLUDE = re.compile(
    r"\\(input|include|subfile|import|subimport|inputfrom|subinputfrom|includefrom|subincludefrom)(?![a-zA-Z])\s*"
    r"(?:\{([^{}]*)\}(?:\s*\{([^{}]*)\})?|\s([^\s{}\\%]+))"
)
_TWO_ARGUMENTS = frozenset({"import", "subimport", "inputfrom", "subinputfrom", "includefrom", "subincludefrom"})
_DOCUMENT = re.compile(r"\\begin\s*\{document\}(.*?)(?:\\end\s*\{document\}|\Z)", re.DOTALL)
MAX_FILES = 2000
"""Files one project may splice in: far above any thesis, low enough to stop a runaway."""


@dataclass
class Project:
    """The spliced source and, per line of it, the file and line it came from."""

    source: str
    origin: list[tuple[str, int]]
    problems: list[Problem] = field(default_factory=list)

    def location(self, line: int) -> Location:
        """The file and line of line ``line`` (1-based) of the spliced source."""
        if 1 <= line <= len(self.origin):
            file, at = self.origin[line - 1]
            return Location(file, at)
        return Location(self.origin[-1][0] if self.origin else None, line)


def includes_files(text: str) -> bool:
    return "\\in" in text or "\\subfile" in text or "\\import" in text or "\\subimport" in text


def expand(text: str, file: str, strip: Callable[[str], str]) -> Project:
    """The project whose main file is ``file`` (its text already read); ``strip`` drops a
    file's comments (``latex._strip_comments``)."""
    problems: list[Problem] = []
    root = os.path.dirname(file)
    lines, origin = _splice(strip(text), file, root, (os.path.normpath(file),), strip, problems, [0])
    return Project("\n".join(lines), origin, problems)


def _splice(
    text: str, file: str, root: str, chain: tuple[str, ...], strip: Callable[[str], str], problems: list[Problem], counter: list[int]
) -> tuple[list[str], list[tuple[str, int]]]:
    """``text`` of ``file`` with its includes spliced in: (lines, origin of each line)."""
    out: list[str] = []
    origin: list[tuple[str, int]] = []
    for number, line in enumerate(text.split("\n"), 1):
        current, where = "", (file, number)
        pos = 0
        for m in _INCLUDE.finditer(line):
            current += line[pos : m.start()]
            pos = m.end()
            inner, inner_origin = _included(m, file, number, root, chain, strip, problems, counter)
            if not inner:
                continue
            # TeX reads the included text in place: it goes on the current line.
            if not current.strip():
                where = inner_origin[0]
            current += inner[0]
            if len(inner) > 1:
                out.append(current)
                origin.append(where)
                out.extend(inner[1:-1])
                origin.extend(inner_origin[1:-1])
                current, where = inner[-1], inner_origin[-1]
        out.append(current + line[pos:])
        origin.append(where)
    return out, origin


def _included(
    m: re.Match[str],
    file: str,
    line: int,
    root: str,
    chain: tuple[str, ...],
    strip: Callable[[str], str],
    problems: list[Problem],
    counter: list[int],
) -> tuple[list[str], list[tuple[str, int]]]:
    """The spliced lines of the file one include command names (none when it is missing)."""
    from footnote_kit.files import read_text

    command = m.group(1)
    target = _target(m)
    if target is None:
        return [], []
    path = _find(target, os.path.dirname(file), root)
    if path is None:
        problems.append(Problem(f"\\{command}{{{target}}}: no such file; its notes are not read", Location(file, line), code="missing-input"))
        return [], []
    key = os.path.normpath(path)
    if key in chain:
        cycle = " -> ".join(os.path.basename(c) for c in (*chain, key))
        raise InputError(f"\\{command}{{{target}}} includes a file that is already being read ({cycle})", file=file, line=line)
    counter[0] += 1
    if counter[0] > MAX_FILES:
        raise InputError(f"more than {MAX_FILES} included files; refusing to read on", file=file, line=line)
    included = strip(read_text(path))
    if command == "subfile":
        body = _DOCUMENT.search(included)
        if body is not None:
            included = "\n" * included.count("\n", 0, body.start(1)) + body.group(1)
    return _splice(included, path, root, (*chain, key), strip, problems, counter)


def _target(m: re.Match[str]) -> str | None:
    command = m.group(1)
    if m.group(4) is not None:
        return m.group(4) if command == "input" else None
    first, second = m.group(2), m.group(3)
    if command in _TWO_ARGUMENTS:
        if second is None:
            return None
        return os.path.join(first.strip(), second.strip())
    return first.strip() if first else None


def _find(target: str, here: str, root: str) -> str | None:
    for folder in dict.fromkeys((here, root)):
        for name in (target, target + ".tex"):
            path = os.path.normpath(os.path.join(folder, name)) if folder else os.path.normpath(name)
            if os.path.isfile(path):
                return path
    return None
