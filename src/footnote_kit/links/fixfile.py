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
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from footnote_kit.errors import InputError, UsageError
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
        """A unified diff of the file before and after, as ``--dry-run`` prints it.

        Made from the edits themselves, hunk by hunk (three lines of context, as
        ``diff -u``): asking ``difflib`` to rediscover them compares every line of the
        two files, which took minutes on a file of 100,000 notes.
        """
        if not self.edits:
            return ""
        old = self.text.splitlines(keepends=True)
        starts = [0]
        for line in old:
            starts.append(starts[-1] + len(line))
        changes = _changed_lines(self.text, sorted(self.edits, key=lambda e: e.start), starts)
        fromfile = self.path if os.path.isabs(self.path) else f"a/{self.path}"
        tofile = self.path if os.path.isabs(self.path) else f"b/{self.path}"
        out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
        shift = 0  # lines the hunks so far added (or took away)
        for hunk in _hunks(changes, len(old), context=3):
            first, last = hunk[0][0] - 3, hunk[-1][1] + 3
            first, last = max(first, 0), min(last, len(old) - 1)
            body: list[str] = []
            new_len = 0
            at = first
            for a, b, lines in hunk:
                body.extend(" " + line for line in old[at:a])
                body.extend("-" + line for line in old[a : b + 1])
                body.extend("+" + line for line in lines)
                new_len += (a - at) + len(lines)
                at = b + 1
            body.extend(" " + line for line in old[at : last + 1])
            new_len += last + 1 - at
            old_len = last + 1 - first
            out.append(f"@@ -{_range(first, old_len)} +{_range(first + shift, new_len)} @@\n")
            out.extend(body)
            shift += new_len - old_len
        return "".join(out)


def _changed_lines(text: str, edits: Sequence[Edit], starts: list[int]) -> list[tuple[int, int, list[str]]]:
    """(first old line, last old line, new lines) for each run of lines the edits touch
    (lines next to each other are one run, as ``diff -u`` shows them: all removed lines,
    then all added ones)."""
    changes: list[tuple[int, int, list[Edit]]] = []
    for edit in edits:
        a = bisect.bisect_right(starts, edit.start) - 1
        b = bisect.bisect_right(starts, max(edit.end - 1, edit.start)) - 1
        if changes and a <= changes[-1][1] + 1:
            first, last, group = changes[-1]
            changes[-1] = (first, max(last, b), [*group, edit])
        else:
            changes.append((a, b, [edit]))
    out = []
    for a, b, group in changes:
        base = starts[a]
        piece = text[base : starts[b + 1]]
        moved = [Edit(e.start - base, e.end - base, e.old, e.new, e.line, e.repair) for e in group]
        out.append((a, b, apply_edits(piece, moved).splitlines(keepends=True)))
    return out


def _hunks(changes: list[tuple[int, int, list[str]]], total: int, context: int) -> list[list[tuple[int, int, list[str]]]]:
    """Changes grouped as ``diff -u`` groups them: apart when more than twice the context separates them."""
    hunks: list[list[tuple[int, int, list[str]]]] = []
    for change in changes:
        if hunks and change[0] - hunks[-1][-1][1] - 1 <= 2 * context:
            hunks[-1].append(change)
        else:
            hunks.append([change])
    return hunks


def _range(start: int, length: int) -> str:
    """A hunk's line range as ``diff -u`` writes it (1-based; ``start,0`` names the line before)."""
    begin = start + 1 if length else start
    return f"{begin}" if length == 1 else f"{begin},{length}"


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
    """``text`` with each edit's span replaced, in one pass (rebuilding the whole text for
    each edit made a file of 100,000 notes with 5,000 repairs cost minutes)."""
    pieces: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if text[edit.start : edit.end] != edit.old or edit.start < at:  # pragma: no cover - a bug if reached
            raise AssertionError(f"edit at {edit.start} does not match the text")
        pieces.append(text[at : edit.start])
        pieces.append(edit.new)
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)


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


@dataclass(frozen=True)
class Fixed:
    """``fix`` on one file: what it would change, and (unless a dry run) what it wrote."""

    plan: FixPlan
    written: bool = False
    backup: Path | None = None
    """Where the previous version was kept, when it was."""


def fix_files(
    paths: Sequence[str | os.PathLike[str]],
    evidence: Any = None,
    *,
    dry_run: bool = False,
    backup: bool = True,
    force: bool = False,
    progress: Callable[[str, str], None] | None = None,
) -> Iterator[Fixed]:
    """``footnote-kit fix --repair``: each file's evidenced URL repairs, written in place.

    One ``Fixed`` per file, yielded as soon as that file is done, so that a caller can
    report each before the next one's network work. Every file is checked first: a format
    that cannot be written back (a PDF) is refused before anything is asked or written.
    ``evidence`` is a ``links.repair.Evidence``; ``progress(path, url)`` is called for each
    URL looked at.
    """
    from footnote_kit.documents import by_suffix
    from footnote_kit.files import check_writable
    from footnote_kit.links.repair import Evidence, evidence_probes

    for path in paths:
        reader = by_suffix(path)
        if reader is not None and not reader.fixable:
            raise UsageError(
                f"fix cannot write into {reader.title} files; repair the source it was made from "
                f"(check {os.fspath(path)} --repair shows each repair)",
                file=os.fspath(path),
            )
    archive, live = evidence_probes(evidence if evidence is not None else Evidence())
    for path in paths:
        name = os.fspath(path)
        text, seen = read_snapshot(path)
        if not dry_run:
            check_writable(path, force=force)  # before any network work, not after it
        tick = (lambda url, name=name: progress(name, url)) if progress is not None else None
        plan = plan_fixes(text, path=name, live=live, archive=archive, progress=tick, source=seen)
        if plan.edits and not dry_run:
            yield Fixed(plan, True, write_fixes(plan, backup=backup, force=force))
        else:
            yield Fixed(plan)
