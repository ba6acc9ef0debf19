"""Writing evidenced URL repairs into a user's file, and nothing else (``footnote-kit fix``).

The file may be a .bib, Markdown, LaTeX or plain text: we do not parse it. We find each
URL's exact span in the text (``links.spans``), read what surrounds it (the words of its
entry or note are the best witness of its slug), ask ``links.repair`` for candidates and
evidence, and replace the URL's characters only. Every other byte stays as it was,
byte-order mark and line endings included, so that ``git diff`` shows the URLs and
nothing more.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from footnote_kit.errors import InputError
from footnote_kit.files import Fingerprint, decode, fingerprint, read_text, write_atomic
from footnote_kit.links.repair import Cited, Probe, repair_all
from footnote_kit.links.spans import UrlSpan, url_spans
from footnote_kit.model import Repair

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_BOM = "\ufeff"


@dataclass(frozen=True)
class Edit:
    """One URL to rewrite: ``text[start:end]`` (as printed) becomes ``new``."""

    start: int
    end: int
    old: str
    new: str
    line: int
    repair: Repair


@dataclass(frozen=True)
class FixPlan:
    """What ``fix`` would do to one file: the edits, and the suggestions it will not apply."""

    path: str
    text: str
    edits: tuple[Edit, ...]
    suggestions: tuple[tuple[int, str, Repair], ...] = ()
    """(line, printed URL, repair without evidence): shown, never applied."""
    source: Fingerprint | None = None
    """The file as it was read (``read_snapshot``): writing stops if it changed since."""

    @property
    def fixed(self) -> str:
        return apply_edits(self.text, self.edits)

    def diff(self) -> str:
        """A unified diff of the file before and after, as ``--dry-run`` prints it."""
        return "".join(
            difflib.unified_diff(
                self.text.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=self.path if os.path.isabs(self.path) else f"a/{self.path}",
                tofile=self.path if os.path.isabs(self.path) else f"b/{self.path}",
            )
        )


def cited_in_text(text: str) -> list[tuple[UrlSpan, Cited]]:
    """Every URL of a text with the words that vouch for its slug.

    The witness is the URL's paragraph (a note, a .bib entry) less its other URLs; where
    a paragraph cites several works (``i) … ii) …``), only the text since the previous
    URL, which holds this URL's own title. Paragraphs are found once for the whole text
    and each URL placed in its own by bisection: a chapter of 10,000 notes without a
    blank line between them is one paragraph, and looking it up again for every URL
    made ``fix`` quadratic.
    """
    spans = url_spans(text)
    bounds = _paragraphs(text)
    starts = [b[0] for b in bounds]
    groups: dict[int, list[UrlSpan]] = {}
    for span in spans:
        groups.setdefault(bisect.bisect_right(starts, span.start) - 1, []).append(span)
    out: list[tuple[UrlSpan, Cited]] = []
    for index, mates in groups.items():
        para_start, para_end = bounds[index]
        for k, span in enumerate(mates):
            if len(mates) == 1:
                context = text[para_start : span.start] + " " + text[span.end : para_end]
            else:
                context = text[(mates[k - 1].end if k else para_start) : span.start]
            url = span.url if not _has_space(text, span) else text[span.start : span.end]
            out.append((span, Cited(url, title=context, breaks=span.breaks)))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph (text between blank lines), in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _has_space(text: str, span: UrlSpan) -> bool:
    return any(c.isspace() for c in text[span.start : span.end])


def plan_fixes(
    text: str,
    *,
    path: str = "<text>",
    live: Probe | None = None,
    archive: Probe | Any | None = None,
    progress: Callable[[str], None] | None = None,
    source: Fingerprint | None = None,
) -> FixPlan:
    """The edits that evidenced repairs make to ``text`` (nothing is written here).

    ``source`` is the file's fingerprint when ``text`` was read (``read_snapshot``):
    ``write_fixes`` then refuses to write over an edit made in the meantime.
    """
    body = text[1:] if text.startswith(_BOM) else text
    offset = len(text) - len(body)
    found = cited_in_text(body)
    repairs = repair_all([c for _s, c in found], live=live, archive=archive, words=[body], progress=progress)
    edits: list[Edit] = []
    suggestions: list[tuple[int, str, Repair]] = []
    newlines = [m.start() for m in re.finditer("\n", body)]
    for span, cited in found:
        repair = repairs.get(cited.url)
        if repair is None:
            continue
        line = bisect.bisect_left(newlines, span.start) + 1
        if repair.url is None:
            suggestions.append((line, cited.url, repair))
            continue
        edits.append(Edit(span.start + offset, span.end + offset, text[span.start + offset : span.end + offset], repair.url, line, repair))
    return FixPlan(path, text, tuple(edits), tuple(suggestions), source)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with each edit's span replaced, back to front so offsets hold."""
    out = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if out[edit.start : edit.end] != edit.old:  # pragma: no cover - a bug if reached
            raise AssertionError(f"edit at {edit.start} does not match the text")
        out = out[: edit.start] + edit.new + out[edit.end :]
    return out


def read_for_fix(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """The file's text exactly as it is, a byte-order mark included (``read_text`` drops it)."""
    text = read_text(path, encoding=encoding)
    raw = Path(path).read_bytes()[:3] if os.fspath(path) != "-" else b""
    return _BOM + text if raw == b"\xef\xbb\xbf" and not text.startswith(_BOM) else text


def read_snapshot(path: str | os.PathLike[str], encoding: str | None = None) -> tuple[str, Fingerprint]:
    """The file's text exactly as it is (byte-order mark included), and its fingerprint.

    Both from the same read, so that a later write can tell whether the file changed
    since this text was taken from it (a writer saving while ``fix`` waits on the network).
    """
    name = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=name) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=name) from None
    text = decode(data, name, encoding)
    if data.startswith(b"\xef\xbb\xbf") and not text.startswith(_BOM):
        text = _BOM + text
    return text, fingerprint(data, stat)


def write_fixes(plan: FixPlan, *, backup: bool = True, force: bool = False) -> Path | None:
    """Write the fixed text atomically; returns the backup's path when one was kept.

    Nothing is written when the file changed since it was read (``plan.source``), or is
    read-only without ``force`` (``files.write_atomic`` says why, in one line).
    """
    return write_atomic(plan.path, plan.fixed, backup=backup, expect=plan.source, force=force)
