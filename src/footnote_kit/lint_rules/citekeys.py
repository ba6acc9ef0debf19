"""``missing-cite-key`` and ``uncited-entry``: cite keys against the ``.bib`` beside a file.

LaTeX (``\\cite{key}``, biblatex's ``\\autocite``, ``\\footcite`` ...) and pandoc Markdown
(``[@key]``, ``[see @a, p. 3; @b]``) cite by key. A key missing from the ``.bib`` renders as
``[?]`` or a pandoc warning nobody reads; an entry nobody cites is usually a citation the
writer meant to make. The ``.bib`` is the one the file names (``\\bibliography{refs}``,
``\\addbibresource{refs.bib}``, pandoc's ``bibliography:`` metadata), else every ``.bib`` in
its folder. Keys are read with regular expressions, not pybtex: this runs in the
pre-commit hook, and a malformed entry elsewhere in the file must not hide the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from footnote_kit.errors import FootnoteKitError
from footnote_kit.files import read_text
from footnote_kit.lint_rules import Document
from footnote_kit.model import Location, Problem

MISSING = "missing-cite-key"
UNCITED = "uncited-entry"

def _suffixes(name: str) -> tuple[str, ...]:
    from footnote_kit.documents import by_name

    return by_name(name).suffixes


LATEX_SUFFIXES = _suffixes("latex")
MARKDOWN_SUFFIXES = _suffixes("markdown")

_TEX_COMMENT = re.compile(r"(?<!\\)%.*")
_TEX_NOCITE_ALL = re.compile(r"^[^%\n]*\\nocite\s*\{\s*\*\s*\}", re.M)
_TEX_BIBS = re.compile(r"\\(?:bibliography|addbibresource|addglobalbib)(?:\[[^\]]*\])?\{([^}]*)\}")
_MD_BRACKET = re.compile(r"\[[^\[\]]*?@[^\[\]]*\]")
_MD_KEY = re.compile(r"(?<![\w@.])-?@\{?([\w][\w:.#$%&\-+?<>~/]*[\w])\}?|(?<![\w@.])-?@\{?(\w)\}?")
_MD_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_MD_CODE = re.compile(r"`[^`\n]*`")
_BIB_ENTRY = re.compile(r"^[ \t]*@([A-Za-z]+)\s*[{(]\s*([^,\s{}()]+)\s*,", re.M)


@dataclass(frozen=True)
class Cite:
    key: str
    line: int


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _blank(match: re.Match[str]) -> str:
    """Replace a span by spaces of the same shape, so positions and lines stay true."""
    return re.sub(r"[^\n]", " ", match.group(0))


def cites(text: str, suffix: str) -> tuple[list[Cite], list[Cite]]:
    """(bracketed or \\cite keys, bare in-text ``@key``s) of a LaTeX or Markdown text.

    A bare ``@name`` in Markdown may be a Twitter handle, so it counts as citing an entry
    the ``.bib`` has but is never reported as missing.
    """
    firm: list[Cite] = []
    loose: list[Cite] = []
    if suffix in LATEX_SUFFIXES:
        # The LaTeX reader's own cite-key scan (comments stripped, optional arguments skipped).
        from footnote_kit.notes.latex import cite_keys

        firm = [Cite(key, line) for key, line in cite_keys(text)]
        firm += [Cite("*", _line(text, m.start())) for m in _TEX_NOCITE_ALL.finditer(text)]
        return firm, loose
    clean = _MD_CODE.sub(_blank, _MD_FENCE.sub(_blank, text))
    spans = []
    for m in _MD_BRACKET.finditer(clean):
        spans.append((m.start(), m.end()))
        for k in _MD_KEY.finditer(m.group(0)):
            firm.append(Cite(k.group(1) or k.group(2), _line(clean, m.start())))
    for k in _MD_KEY.finditer(clean):
        if not any(a <= k.start() < b for a, b in spans):
            loose.append(Cite(k.group(1) or k.group(2), _line(clean, k.start())))
    return firm, loose


def bib_entries(text: str) -> dict[str, int]:
    """Entry key -> line, for every entry of a ``.bib`` (``@string`` and friends skipped)."""
    out: dict[str, int] = {}
    for m in _BIB_ENTRY.finditer(text):
        if m.group(1).lower() not in ("string", "preamble", "comment"):
            out.setdefault(m.group(2), _line(text, m.start()))
    return out


def bibs_for(path: Path, text: str) -> list[Path]:
    """The ``.bib`` files a document cites from: the ones it names, else its folder's."""
    named: list[str] = []
    if path.suffix.lower() in LATEX_SUFFIXES:
        clean = _TEX_COMMENT.sub("", text)
        for m in _TEX_BIBS.finditer(clean):
            named += [n.strip() for n in m.group(1).split(",") if n.strip()]
    else:
        named += _front_matter_bibs(text)
    if named:
        out = []
        for name in named:
            p = (path.parent / name)
            if p.suffix.lower() != ".bib" and not p.exists():
                p = p.with_name(p.name + ".bib")
            out.append(p)
        return out
    return sorted(path.parent.glob("*.bib"))


def _front_matter_bibs(text: str) -> list[str]:
    m = re.match(r"---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", text, re.S)
    if not m:
        return []
    block = m.group(1)
    one = re.search(r"^bibliography:\s*(?!\s*$)['\"]?([^'\"\n\[]+?)['\"]?\s*$", block, re.M)
    if one:
        return [one.group(1)]
    inline = re.search(r"^bibliography:\s*\[([^\]]*)\]", block, re.M)
    if inline:
        return [s.strip(" '\"") for s in inline.group(1).split(",") if s.strip(" '\"")]
    many = re.search(r"^bibliography:\s*\n((?:[ \t]+-[^\n]*\n?)+)", block, re.M)
    if many:
        return [line.strip()[1:].strip(" '\"") for line in many.group(1).splitlines() if line.strip()]
    return []


def _read_bib(path: Path) -> dict[str, int] | None:
    try:
        return bib_entries(read_text(path))
    except FootnoteKitError:
        return None


def check_missing(doc: Document) -> Iterator[Problem]:
    path = Path(doc.path)
    suffix = path.suffix.lower()
    if suffix not in LATEX_SUFFIXES + MARKDOWN_SUFFIXES:
        return
    firm, _ = cites(doc.text, suffix)
    if not firm:
        return
    bibs = bibs_for(path, doc.text)
    existing = [b for b in bibs if b.is_file()]
    if not existing:
        names = ", ".join(b.name for b in bibs) or "no .bib in its folder"
        yield Problem(
            f"{len(firm)} cite key(s) but no bibliography to look them up in ({names})",
            Location(doc.path, firm[0].line), code=MISSING,
        )
        return
    keys: set[str] = set()
    for bib in existing:
        keys |= set(_read_bib(bib) or {})
    where = ", ".join(b.name for b in existing)
    for cite in firm:
        if cite.key not in keys and cite.key != "*":
            yield Problem(f"cite key '{cite.key}' is not in {where}", Location(doc.path, cite.line), code=MISSING)


def check_uncited(doc: Document) -> Iterator[Problem]:
    """Entries of the ``.bib``(s) this file uses (or is) that no document beside it cites.

    Every LaTeX and Markdown file in the ``.bib``'s folder (and this file's) that cites
    from it is read, not only the files being linted: a pre-commit run sees one chapter at a time.
    """
    path = Path(doc.path)
    suffix = path.suffix.lower()
    if suffix == ".bib":
        bibs = [path]
    elif suffix in LATEX_SUFFIXES + MARKDOWN_SUFFIXES:
        if not cites(doc.text, suffix)[0]:
            return
        bibs = [b for b in bibs_for(path, doc.text) if b.is_file()]
    else:
        return
    for bib in bibs:
        entries = _read_bib(bib)
        if not entries:
            continue
        cited: set[str] = set()
        users = 0
        folders = dict.fromkeys([bib.parent, path.parent])
        for other in sorted(f for folder in folders for f in folder.iterdir()):
            s = other.suffix.lower()
            if s not in LATEX_SUFFIXES + MARKDOWN_SUFFIXES or not other.is_file():
                continue
            try:
                text = read_text(other)
            except FootnoteKitError:
                continue
            if bib.resolve() not in {b.resolve() for b in bibs_for(other, text) if b.exists()}:
                continue
            firm, loose = cites(text, s)
            if not firm and not loose:
                continue
            users += 1
            cited |= {c.key for c in firm} | {c.key for c in loose}
        if users == 0 or "*" in cited:
            continue
        for key, line in entries.items():
            if key not in cited:
                yield Problem(f"entry '{key}' is never cited", Location(str(bib), line), code=UNCITED)
