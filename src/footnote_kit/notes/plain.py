"""Numbered notes in plain text: what you get by copying a PDF or a web page.

The text is body, then one or more blocks of notes, each note starting a line with its
number (``698 i) Tokhir Safar …``, ``12. Text``, ``[12] Text``, ``12) Text``, ``¹² Text``),
some wrapped onto following lines, and sometimes more unrelated text after the block.
The body is full of numbers that also start lines (``19 Afghan policemen``, years,
``9 July 2020`` where a note wrapped), so a line starting with a number is only a
*candidate*. What makes notes notes is that they count: 698, 699, 700, … So we look for
the longest chains of candidates, in document order, whose numbers go up by one (a few
gaps tolerated), with the same numbering form. That is one linear pass over the
candidates (each looks back at most ``_MAX_GAP + 1`` numbers), so it stays fast on
documents of tens of thousands of notes.

Then, inside each block: a candidate that is not in the chain but starts a paragraph and
carries a number of the block is a note out of sequence or a duplicate (a warning, never
silently dropped or glued on); every other line belongs to the note above it, up to a
blank line. After the last note of a block, lines are joined only while they look like
a wrapped continuation, so that the blog post that follows a block of notes is not glued
onto its last note.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from footnote_kit.errors import InputError
from footnote_kit.model import Location, Problem, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes, select
from footnote_kit.notes.wrap import join

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")

_START = re.compile(
    r"^[ \t\f\v\u00a0]*(?:"
    r"\[(?P<b>[1-9]\d*)\][ \t]*"  # [12] Text
    r"|(?P<s>[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)[ \t]*"  # ¹² Text
    # 12 Text / 12. Text / 12) Text; endnotes 01-09 with a leading zero; 9.For (a PDF copy
    # that lost the space: only a full stop, only before a capital or a quote)
    r"|(?P<n>0?[1-9]\d*)(?:(?P<sep>[.)]?)[ \t\u00a0]+|(?P<tight>\.)(?=[A-Z\u00c0-\u00de“\"«‘]))"
    r")(?P<text>\S.*)",
    re.MULTILINE,
)
# A note reference in running text: digits glued to the word or punctuation before them
# (``to date.698 Some``, ``online,751 while``) or superscript digits anywhere.
_REFERENCE = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’\"»\[^>])([1-9]\d{0,17})(?=[\s.,;:)\]<]|$)|([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)")
# A back link copied from a web page's note list: ``1. ^ Smith…``, MediaWiki's
# ``^ a b Smith…`` (one letter per place the note is called from).
_BACK_LINK = re.compile(r"^[\^↑↩]\ufe0e?\s*(?:[a-z]{1,2}\s+(?=\S))*(?=\S)")
_TRAILING_BACK_LINK = re.compile(r"\s*↩[\ufe0e\ufe0f]?$")
# Terminal punctuation, possibly followed by closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’'»)\]]*$")

_NOTES_HEADING = re.compile(
    r"(?i)^[#*_ ]*(?:end\s*notes?|foot\s*notes?|notes?|references|sources|notes and references|"
    r"anmerkungen|fu(?:ß|ss)noten|notes de bas de page|примечания|сноски|izohlar)[:.*_ ]*$"
)

_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})$")
"""A line holding only a page number (arabic or roman), as pdftotext prints a page's foot."""

_MAX_GAP = 3
"""Missing notes tolerated between two links of a chain (each reported as a warning)."""
_LONG_RUN = 8
"""More lines than this between two notes, with no blank line, is body text, not wrap."""
_MAX_DISTANCE = 400
"""Lines allowed between two consecutive notes (a PDF puts a page of body between them)."""
_MAX_DIGITS = 18
"""Note numbers may have any length a document needs (note 100000 and on); beyond this a
line starts with an identifier, not a note number."""
_SWALLOWED = (20, 5000)
"""A note longer than both 20 times its block's median and 5,000 characters has
probably taken in text that is not its own (a note whose number was not recognised)."""


@dataclass
class _Candidate:
    index: int  # 0-based line index
    number: int
    form: str
    text: str
    score: float = 1.0
    pred: int = -1  # index into the candidate list


@dataclass
class _Block:
    members: list[_Candidate]
    form: str

    @property
    def first(self) -> int:
        return self.members[0].number

    @property
    def last(self) -> int:
        return self.members[-1].number


def find_notes(
    text: str, *, file: str | None = None, notes: tuple[int, int] | None = None, evidence: bool = False
) -> FoundNotes:
    """Find the numbered notes of a plain-text document (see the module docstring).

    ``notes`` keeps only the notes numbered in that range (the blocks are still found
    first, so that a note's text stops where the next note starts, selected or not).
    ``evidence`` asks more of a block than counting: a ``Notes`` heading above it or
    calls to it from the text. Readers of other formats set it when they fall back to
    numbered lines, where an ordered list is the usual reason for lines that count.
    """
    from footnote_kit.notes import bracketed  # [Footnote: …]: Gutenberg's notes set where they are called

    inline = bracketed.find_notes(text, file=file)
    if inline is not None:
        return inline if notes is None else select(inline, notes, file)
    lines = text.split("\n")
    candidates = _candidates(text)
    _link(candidates)
    chains = _chains(candidates)
    blocks = _choose(chains, lines, candidates, notes, evidence)
    positions = [c.index for c in candidates]
    if not blocks:
        raise (NoNotes if notes is None else InputError)(_nothing_found(notes, chains, lines, candidates, evidence), file=file)

    out: list[RawNote] = []
    problems: list[Problem] = []
    ranges: list[tuple[int, int]] = []
    for number, block in enumerate(blocks):
        limit = blocks[number + 1].members[0].index if number + 1 < len(blocks) else len(lines)
        starts = _with_strays(block, candidates, positions, lines)
        raw = _texts(starts, lines, limit, file)
        if notes is not None:
            raw = [n for n in raw if notes[0] <= n.number <= notes[1]]
        if not raw:
            continue
        out.extend(raw)
        problems.extend(_sequence_problems(raw, block.members, file, notes))
        problems.extend(_swallowed(raw))
        ranges.append((min(n.number for n in raw), max(n.number for n in raw)))
    if not out:
        raise (NoNotes if notes is None else InputError)(_nothing_found(notes, chains, lines, candidates, evidence), file=file)
    return FoundNotes(notes=tuple(out), problems=tuple(problems), ranges=tuple(ranges))


def _candidates(text: str) -> list[_Candidate]:
    """Every line that starts like a note, found by one scan of the whole text."""
    out: list[_Candidate] = []
    line, counted = 0, 0
    for m in _START.finditer(text):
        start = m.start()
        line += text.count("\n", counted, start)
        counted = start
        digits = m.group("b") or m.group("s") or m.group("n")
        if len(digits) > _MAX_DIGITS:
            continue  # a line starting with a long number (an identifier) is no note
        if m.group("b"):
            number, form = int(digits), "[n]"
        elif m.group("s"):
            number, form = int(digits.translate(_SUPER_DIGITS)), "sup"
        else:
            number, form = int(digits), "n" + (m.group("sep") or m.group("tight") or "")
        out.append(_Candidate(line, number, form, m.group("text").rstrip("\r")))
    return out


def _link(candidates: list[_Candidate]) -> None:
    """Give each candidate its best predecessor: the longest chain it can extend.

    ``best`` maps (form, number) to the candidate with that number that ends the best
    chain so far; on a tie the later one wins, so that when a wrapped line happens to
    start with the right number (``9 July 2020`` inside note 8) the real note 9 below it
    still takes over the chain.
    """
    best: dict[tuple[str, int], int] = {}
    for i, cand in enumerate(candidates):
        for gap in range(1, _MAX_GAP + 2):
            j = best.get((cand.form, cand.number - gap))
            if j is None:
                continue
            prev = candidates[j]
            if cand.index - prev.index > _MAX_DISTANCE:
                continue
            score = prev.score + 1 - 0.5 * (gap - 1)
            if score > cand.score:
                cand.score, cand.pred = score, j
        key = (cand.form, cand.number)
        held = best.get(key)
        if held is None or cand.score >= candidates[held].score:
            best[key] = i


def _chains(candidates: list[_Candidate]) -> list[_Block]:
    """Split the predecessor forest into disjoint chains, best chains first."""
    used = [False] * len(candidates)
    chains: list[_Block] = []
    for i in sorted(range(len(candidates)), key=lambda k: -candidates[k].score):
        if used[i]:
            continue
        members: list[_Candidate] = []
        j = i
        while j >= 0 and not used[j]:
            used[j] = True
            members.append(candidates[j])
            j = candidates[j].pred
        members.reverse()
        chains.append(_Block(members, members[0].form))
    return chains


def _qualifies(block: _Block) -> bool:
    """Is this chain long enough to be notes rather than numbers that happen to count?

    Years start paragraphs in sequence (``2019 saw…``, ``2020 brought…``), so numbers in
    the range of years need a longer chain. Two lines ``1. …`` / ``2. …`` are as often a
    short list as two notes: they count only when nothing longer is found (``_choose``).
    """
    size = len(block.members)
    if 1000 <= block.first <= 2100:
        return size >= 5
    return size >= 3


def _choose(
    chains: list[_Block], lines: list[str], candidates: list[_Candidate], notes: tuple[int, int] | None, evidence: bool = False
) -> list[_Block]:
    if notes is not None:
        hits = [c for c in chains if any(notes[0] <= m.number <= notes[1] for m in c.members)]
        good = [c for c in hits if _qualifies(c) or len(c.members) >= 2]
        chosen = good or hits
    else:
        chosen = (
            [c for c in chains if _qualifies(c)]
            or [c for c in chains if len(c.members) == 2 and c.first < 1000]
            or [c for c in chains if c.members[0].index == _first_text_line(lines)]
        )
        chosen = _drop_lists(chosen, lines)
        if evidence and chosen:
            refs = _references(chosen, lines)
            chosen = [c for c in chosen if _under_notes_heading(c, lines) or _called(c, refs) >= 0.5]
    chosen = _without_overlaps(chosen)
    return sorted(chosen, key=lambda c: c.members[0].index)


def _first_text_line(lines: list[str]) -> int:
    """A file that *starts* with a numbered line is a file of notes (a writer's notes
    file, a note pasted alone): there, even a single note is a note."""
    return next((i for i, line in enumerate(lines) if line.strip()), -1)


def _drop_lists(blocks: list[_Block], lines: list[str]) -> list[_Block]:
    """Tell blocks of notes from numbered lists in the body, when there are several.

    Two signals, both general: notes are called from the body (``to date.698``), so when
    some blocks are called and others are not, the others are lists; and notes sit under
    a heading (``Notes``, ``Endnotes``…), so of two blocks with the same numbers, the one
    under such a heading wins.
    """
    if len(blocks) < 2:
        return blocks
    refs = _references(blocks, lines)
    ratios = [_called(b, refs) for b in blocks]
    if max(ratios) >= 0.5:
        blocks = [b for b, r in zip(blocks, ratios) if r > 0]
    headed = {id(b) for b in blocks if _under_notes_heading(b, lines)}
    if not headed:
        return blocks
    return [
        b
        for b in blocks
        if id(b) in headed
        or not any(id(o) in headed and o.first <= b.last and b.first <= o.last for o in blocks)
    ]


def _references(blocks: list[_Block], lines: list[str]) -> set[int]:
    """Numbers called as notes in the text outside the blocks (``date.698``, ``claim[3]``, ``x¹²``)."""
    note_lines: set[int] = set()
    for block in blocks:
        note_lines.update(m.index for m in block.members)
    refs: set[int] = set()
    for index, line in enumerate(lines):
        if index in note_lines:
            continue
        for m in _REFERENCE.finditer(line):
            refs.add(int(m.group(1)) if m.group(1) else int(m.group(2).translate(_SUPER_DIGITS)))
    return refs


def _called(block: _Block, refs: set[int]) -> float:
    return sum(m.number in refs for m in block.members) / len(block.members)


def _under_notes_heading(block: _Block, lines: list[str]) -> bool:
    seen = 0
    for index in range(block.members[0].index - 1, -1, -1):
        line = lines[index].strip()
        if not line:
            continue
        if _NOTES_HEADING.match(line):
            return True
        seen += 1
        if seen >= 2:
            return False
    return False


def _without_overlaps(blocks: list[_Block]) -> list[_Block]:
    """Keep the longer of two blocks whose lines interleave (kept spans stay sorted, so
    each check is a binary search)."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    kept: list[_Block] = []
    for block in sorted(blocks, key=lambda b: -len(b.members)):
        lo, hi = block.members[0].index, block.members[-1].index
        j = bisect.bisect_left(starts, lo)
        if (j > 0 and spans[j - 1][1] >= lo) or (j < len(spans) and spans[j][0] <= hi):
            continue
        starts.insert(j, lo)
        spans.insert(j, (lo, hi))
        kept.append(block)
    return kept


def _with_strays(block: _Block, candidates: list[_Candidate], positions: list[int], lines: list[str]) -> list[_Candidate]:
    """The block's note starts: its chain, plus notes out of sequence and duplicates.

    A candidate inside the block that is not in the chain counts as a note start only if
    it carries a number of the block in the block's form and starts a paragraph (a blank
    line before it, or a finished sentence in a block without blank lines); otherwise it
    is a wrapped line that happens to start with a number (``9 July 2020, https://…``).
    """
    lo, hi = block.members[0].index, block.members[-1].index
    in_chain = {id(m) for m in block.members}
    spaced = _is_spaced(block, lines)
    starts = list(block.members)
    for cand in candidates[bisect.bisect_right(positions, lo) : bisect.bisect_left(positions, hi)]:
        if id(cand) in in_chain:
            continue
        if cand.form != block.form or not (block.first - _MAX_GAP <= cand.number <= block.last + _MAX_GAP):
            continue
        before = lines[cand.index - 1].strip()
        if not before or (not spaced and _ENDS_SENTENCE.search(before)):
            starts.append(cand)
    starts.extend(_bare_numbers(block, lines))
    starts.sort(key=lambda c: c.index)
    return starts


def _bare_numbers(block: _Block, lines: list[str]) -> list[_Candidate]:
    """Notes whose number stands alone on its line, their text after a page break.

    A PDF's endnote can start at a page's last line and its text go on the next page
    (``29`` / page number ``10`` / form feed / ``https://…``): no candidate, since nothing
    follows the number. Where the chain skips exactly that number, the bare number on a
    line between its neighbours is the note's start, not a page number (a page number
    would have to equal the one missing note's number).
    """
    found: list[_Candidate] = []
    for before, after in zip(block.members, block.members[1:]):
        if after.number - before.number < 2:
            continue
        wanted = {_printed(n, block.form): n for n in range(before.number + 1, after.number)}
        for index in range(before.index + 1, after.index):
            raw = lines[index]
            number = wanted.get(raw.strip())
            if number is not None and "\f" not in raw and any(line.strip() for line in lines[index + 1 : after.index]):
                found.append(_Candidate(index, number, block.form, ""))
                del wanted[raw.strip()]
    return found


def _printed(number: int, form: str) -> str:
    """How a note number of this form is printed at a line start (``12``, ``12.``, ``[12]``)."""
    if form == "[n]":
        return f"[{number}]"
    if form == "sup":
        return str(number).translate(str.maketrans("0123456789", _SUPERSCRIPTS))
    return str(number) + form[1:]


def _is_spaced(block: _Block, lines: list[str]) -> bool:
    """Are the block's notes separated by blank lines (as web pages copy)?"""
    blank_before = sum(1 for m in block.members[1:] if not lines[m.index - 1].strip())
    return blank_before * 2 >= len(block.members) - 1


def _texts(starts: list[_Candidate], lines: list[str], limit: int, file: str | None) -> list[RawNote]:
    """Each note's text: its first line and the lines after it that belong to it.

    Between two notes of a block, a few lines (``_LONG_RUN`` at most, no page break)
    all belong to the upper note, paragraphs after a blank line included (pandoc and
    Word print a note's second paragraph that way), up to a heading. More lines than
    that, or a page break (form feed), mean body text sits between the notes (a PDF page
    between two pages' footnotes): the note then stops at the first blank line, or where
    it stops looking wrapped, as the last note of a block always does.
    """
    out: list[RawNote] = []
    for k, start in enumerate(starts):
        last = k + 1 == len(starts)
        end = limit if last else starts[k + 1].index
        region = lines[start.index + 1 : end]
        body = [start.text]
        if not last and _belongs_whole(region):
            blank = False
            for raw in region:
                line = raw.strip()
                if not line:
                    blank = True
                    continue
                if blank and _heading_like(line):
                    break
                body.append(line)
                blank = False
        else:
            careful = last or (len(region) > _LONG_RUN and all(line.strip() for line in region[:_LONG_RUN]))
            i, resume = 0, -1
            while i < len(region):
                raw = region[i] if i != resume else region[i].replace("\f", "")
                line = raw.strip()
                if not line or "\f" in raw:
                    after = _after_page_break(region, i) if not last else None
                    if after is None or not _continues(body[-1], region[after].replace("\f", "").strip()):
                        break
                    i = resume = after
                    continue
                if careful and not _continues(body[-1], line):
                    if last or not _rest_of_note(region[i:]):
                        break
                body.append(line)
                i += 1
        text = join(body)
        if text[:1] in "^↑↩":
            text = _BACK_LINK.sub("", text, count=1)
        if text[-1:] in "↩\ufe0e\ufe0f":  # a web page's back link copied after the note
            text = _TRAILING_BACK_LINK.sub("", text)
        out.append(RawNote(number=start.number, text=text, location=Location(file, start.index + 1)))
    return out


def _after_page_break(region: list[str], i: int) -> int | None:
    """Where a note goes on after the page break that starts at ``region[i]``, if it does.

    Blank lines, a page number and a form feed are the page's furniture, not a note's
    end: a note cut there goes on right after them when the lines up to the next note are
    few (``_rest_of_note``). Without a form feed a blank line ends the note, as always.
    """
    crossed = False
    j = i
    while j < len(region):
        raw = region[j]
        crossed = crossed or "\f" in raw
        line = raw.replace("\f", "").strip()
        if line and not _PAGE_NUMBER.match(line):
            break
        j += 1
    if not crossed or j >= len(region):
        return None
    return j if _rest_of_note([region[j].replace("\f", ""), *region[j + 1 :]]) else None


def _rest_of_note(rest: list[str]) -> bool:
    """Are the lines before the next note few, unbroken lines (the note's own, cut by a
    page break or set a word a line), not a page of body text between two notes?"""
    return len(rest) <= _LONG_RUN and all(line.strip() and "\f" not in line for line in rest)


def _belongs_whole(region: list[str]) -> bool:
    """Are the lines between two notes few enough to be the upper note's own?"""
    if len(region) <= 1:
        return True
    filled = 0
    for raw in region:
        if "\f" in raw:
            return False
        if raw.strip():
            filled += 1
            if filled > _LONG_RUN:
                return False
    return True


def _heading_like(line: str) -> bool:
    """``Chapter 2``, ``Notes to Part One``: short, capitalised, no sentence end."""
    return len(line) < 60 and line[:1].isupper() and not _ENDS_SENTENCE.search(line) and not line.endswith((",", ";", ":"))


def _continues(previous: str, line: str) -> bool:
    """After the last note of a block: is ``line`` still part of the note?

    A finished sentence followed by a capitalised line is where the note ends; anything
    else (a comma, a word cut off, a line starting lower-case or with a digit) is wrap.
    """
    if not _ENDS_SENTENCE.search(previous.rstrip()):
        return True
    return not (line[:1].isupper() or line[:1] in "\"“‘'«")


def _sequence_problems(raw: list[RawNote], chain: list[_Candidate], file: str | None, notes: tuple[int, int] | None) -> list[Problem]:
    """Missing numbers, duplicates and notes out of sequence, each with where it is."""
    problems: list[Problem] = []
    seen: dict[int, RawNote] = {}
    highest = 0
    for note in raw:
        if note.number in seen:
            problems.append(
                Problem(
                    f"note {note.number} appears twice (also at line {seen[note.number].location.line})",
                    note.location,
                    code="duplicate-note",
                    note=note.number,
                )
            )
            continue
        if note.number < highest:
            problems.append(
                Problem(
                    f"note {note.number} is out of sequence: it comes after note {highest}",
                    note.location,
                    code="out-of-sequence",
                    note=note.number,
                )
            )
        seen[note.number] = note
        highest = max(highest, note.number)
    lo = notes[0] if notes is not None else min(seen)
    hi = notes[1] if notes is not None else max(seen)
    missing = [n for n in range(lo, hi + 1) if n not in seen]
    ordered = sorted(seen.values(), key=lambda n: n.number)
    for first, last in _runs(missing):
        what = f"note {first} is missing" if first == last else f"notes {first}-{last} are missing"
        after = next((n for n in ordered if n.number > last), None)
        before = next((n for n in reversed(ordered) if n.number < first), None)
        if after is not None and before is not None:
            where, why = after.location, f"note {after.number} follows note {before.number}"
        elif after is not None:
            where, why = after.location, f"the first note found is {after.number}"
        else:
            where, why = ordered[-1].location, f"the last note found is {ordered[-1].number}"
        problems.append(Problem(f"{what} ({why})", where, code="missing-note", note=first))
    return problems


def _swallowed(raw: list[RawNote]) -> list[Problem]:
    """A warning for each note far longer than its neighbours: text may have been glued on."""
    if len(raw) < 3:
        return []
    lengths = sorted(len(n.text) for n in raw)
    median = lengths[len(lengths) // 2]
    times, floor = _SWALLOWED
    return [
        Problem(
            f"note {n.number} is {len(n.text):,} characters long, {len(n.text) // max(median, 1):,} times the usual note: "
            "it may have swallowed text that is not its own (notes whose numbers were not recognised?)",
            n.location,
            code="long-note",
            note=n.number,
        )
        for n in raw
        if len(n.text) > max(times * median, floor)
    ]


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _nothing_found(notes: tuple[int, int] | None, chains: list[_Block], lines: list[str], candidates: list[_Candidate], evidence: bool) -> str:
    # The notes named are those a run without --notes reads (two notes count there when
    # nothing longer is found), so that the message points at notes that are there.
    found = _choose(chains, lines, candidates, None, evidence) if notes is not None else []
    if notes is None:
        return "no numbered notes found (looked for lines starting 1, 2, 3…, 12. …, [12] …, 12) … or ¹² …)"
    asked = f"{notes[0]}-{notes[1]}" if notes[0] != notes[1] else str(notes[0])
    if not found:
        return f"--notes {asked} matches no note; no numbered notes found in the file"
    ranges = ", ".join(f"{c.first}-{c.last}" for c in sorted(found, key=lambda c: c.members[0].index))
    return f"--notes {asked} matches no note; notes found: {ranges}"
