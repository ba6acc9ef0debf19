"""The parser's fast text tests find exactly what the plain patterns they replace find.

Each fast form (``sources.textscan``, the label scan in ``split``, the genre test in
``pieces``) was written for speed; a difference from the plain pattern would change how
notes are split and read, so each is checked against it on generated text full of the
characters that matter (digits, brackets, the letters ``re.I`` treats specially).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from footnote_kit.sources import locators, pieces, rest, split, textscan
from footnote_kit.sources.textscan import fold

_BITS = st.sampled_from(
    ["1999", "2020", "1500", "2100", "12345", "0", "9", "19", "20", " ", ";", ",", ".", ":", "(", ")", "\n",
     "i)", "ii) ", "(iv) ", "a)", " b) ", "1) ", "and ", "or ", "٣", "x", "It", "IS", "ıs", "İt", "ſaid", "\u212a",
     "http://", "HTTPS://", "httpſ://", "WWW.", "doi", "DOI:", "10.1000/", "10.12/", "report", "Policy Brief", "PhD thesis", "Press release", "É"]
)
_TEXT = st.lists(st.one_of(_BITS, st.text(max_size=4)), max_size=14).map("".join)


@settings(max_examples=400)
@given(_TEXT)
def test_year_is_the_plain_year_pattern(text: str) -> None:
    plain = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
    assert [m.span() for m in textscan.YEAR.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400)
@given(_TEXT)
def test_any_word_on_folded_text_is_a_case_insensitive_alternation(text: str) -> None:
    words = "is it said says he report"
    plain = re.compile(r"\b(?:" + "|".join(words.split()) + r")\b", re.I)
    assert (textscan.any_word(words).search(textscan.fold(text)) is None) == (plain.search(text) is None)


@settings(max_examples=400)
@given(_TEXT, st.integers(min_value=0, max_value=60))
def test_label_scan_finds_the_label_pattern_matches(text: str, start: int) -> None:
    start = min(start, len(text))
    fast = [(m.span(), m.group(1)) for m in split.labels(text, start)]
    assert fast == [(m.span(), m.group(1)) for m in split._LABEL.finditer(text, start)]


@settings(max_examples=400)
@given(_TEXT)
def test_and_tail_is_dropped_as_the_pattern_drops_it(text: str) -> None:
    assert split._drop_and_tail(text).strip() == re.sub(r"[;,]?\s*(?:and|or)?\s*$", "", text).strip()


@settings(max_examples=400)
@given(_TEXT)
def test_genre_test_is_the_genre_pattern(text: str) -> None:
    assert pieces.is_genre(text) == (pieces.GENRE.match(text) is not None)


@settings(max_examples=400)
@given(_TEXT)
def test_link_test_is_the_link_pattern(text: str) -> None:
    plain = re.compile(r"https?://|www\.|\bdoi\b|10\.\d{4,}/", re.I)
    assert split._urlish(text) == (plain.search(text) is not None)


@settings(max_examples=300)
@given(_TEXT)
def test_guarded_signal_and_interview_tests_match_their_patterns(text: str) -> None:
    from footnote_kit.sources import heads, signals

    for t in (text, "See also " + text, "ſee " + text, "Vgl. " + text, "См. " + text, "Interview with " + text, "CONVERSATION " + text):
        if signals._SIGNAL.match(t) is not None:
            assert fold(t[:1]) in signals._FIRST
        assert (heads._interview(t) is None) == (pieces.INTERVIEW.match(t) is None)


# --- pieces and styles: guards and the sentence splitter -------------------------------

_PIECE_BITS = st.sampled_from(
    ["1999", "2020a", "12", "3", "(", ")", ".", ". ", "? ", "! ", " ", "\n", ",", ";", "/", "S/2020/12", "A/RES/75/1",
     "p", "pp. ", "S. ", "с. ", "at ", "vol. ", "Bd ", "t ", "no. ", "Nr ", "№ ", "issue ", "İssue ", "ıssue ", "heft ",
     "Report ", "Working Paper ", "Briefing ", "Note ", "Study ", "Series ", "2nd ", "ed", "ed.", "edn", "Edition",
     "edıtion", "EDS.", "edited by ", "Edıted by ", "hrſg. v. ", "Hrsg. v. ", "Vol.", "Smith", "J.", "(ed.)", "u.s.",
     "e.g.", "Press", "“", "A", "Z", "a", "é", "٣"]
)
_NUMBERED = st.tuples(
    st.sampled_from(["p. ", "pp. ", "S. ", "s.", "с. ", "стр. ", "at ", "pg ", "vol. ", "Vol ", "Bd. ", "t. ", "tom ",
                     "T. ", "no. ", "Nr. ", "№", "issue ", "İssue ", "ıss. ", "heft ", "last updated ", "Modified: ",
                     "PUBLISHED ", "Report No. ", "Working Paper ", "S/", "UN Doc. A/", "2nd ", "Revised ", "(", "", "x"]),
    st.sampled_from(["", "12", "3–5", "12(3)", "12 (3): 4-5", "2020/12", "RES/75/1", "4 March 2020", "IV", "1999", "(39)1"]),
    st.sampled_from(["", " ed.", " edn", " edition", " Edıtion", ".", " ff.", ")", " (2nd ed.)", " (3rd ed)  "]),
).map("".join)
_PIECE = st.one_of(st.lists(st.one_of(_PIECE_BITS, st.text(max_size=3)), max_size=12).map("".join), _NUMBERED)


def _plain_sentences(text: str) -> list[str]:
    """``pieces.sentences`` as it was first written: the reference for the faster loop."""
    out: list[str] = []
    last = 0
    for m in pieces._SENTENCE_END.finditer(text):
        words = text[last : m.start()].rsplit(None, 1)
        word = words[-1].lower().lstrip("(") if words else ""
        if m.group(1) == "." and (len(word) <= 1 or word.rstrip(".") in pieces._ABBREV or word.endswith(")") and "ed" in word[-5:]):
            if not word.endswith(")"):
                continue
        out.append(text[last : m.end() if m.group(1) in "?!" else m.start()].strip())
        last = m.end()
    if text[last:].strip():
        out.append(text[last:].strip())
    return [p for p in out if p]


@settings(max_examples=600)
@given(_PIECE)
def test_sentences_split_as_first_written(text: str) -> None:
    assert pieces.sentences(text) == _plain_sentences(text)


@settings(max_examples=600)
@given(_PIECE)
def test_numeric_guards_are_implied_by_their_patterns(text: str) -> None:
    from footnote_kit.sources import locators

    c = text.strip()
    if not c:
        return
    for _, fn, firsts in pieces._LOCATORS:
        if fn(c):
            assert c[0] in firsts
    if locators.volume_issue(c):
        assert "(" in c
    if pieces._DOC_SYMBOL.match(c):
        assert "/" in c
    if pieces._REPORT_NO.match(c):
        assert "A" <= c[0] <= "Z" and pieces._REPORT_WORD.search(c)
    if pieces.EDITION.match(c):
        assert c[-1] in "dDnN."
    if pieces._UPDATED.match(c):
        assert c[0] in "lLmMuUpPrR"


@settings(max_examples=600)
@given(_PIECE)
def test_editor_guard_is_implied_by_the_editor_patterns(text: str) -> None:
    if rest._EDS_AFTER.match(text) or rest._EDS_AFTER_ONE.match(text):
        assert rest._may_name_editors(text)


@settings(max_examples=600)
@given(_PIECE)
def test_style_guards_are_implied_by_their_patterns(text: str) -> None:
    from footnote_kit.sources import styles

    if styles._NAME_YEAR.match(text):
        assert styles._may_end_with_year(text)
    if styles._EDITION_PAREN.search(text):
        assert text.rstrip().endswith(")")


@settings(max_examples=300)
@given(_TEXT)
def test_short_form_words_are_the_word_pattern(text: str) -> None:
    from footnote_kit.sources import shortform

    plain = [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in shortform._STOP]
    assert shortform._words(text) == plain
    assert (shortform.read("ſee " + text) is None) == (shortform.read("see " + text) is None)


_NAME_LISTS = st.lists(
    st.sampled_from(["Jane Smith", "Smith, Jane", "J. R. R. Tolkien", "Human Rights Watch", " and ", ", ", " & ",
                     " et al.", ", eds.", " (ed.)", "trans.", "Ministry of Foreign Affairs", "de la Cruz", "2019", "“",
                     "al-Rashid", "Doe, Jane, and John Smith", "  ", "x", "Mokrenko, Anastasia"]),
    max_size=6,
).map("".join)


@settings(max_examples=500)
@given(st.one_of(_NAME_LISTS, _TEXT))
def test_read_names_is_looks_like_names_then_parse_names(text: str) -> None:
    from footnote_kit.sources import names

    expected = names.parse_names(text) if names.looks_like_names(text) else None
    assert names.read_names(text) == expected


_JOURNAL_BITS = st.sampled_from(
    ["Journal", "Ab", " ", "  ", ",", ", ", ":", ": ", ".", ";", "(", ")", "(3)", "(2/3)", "19", "7", "\u0663",
     "–", " – ", "pp. ", "a", "A12", "“", '"', "\n", "É"]
)
# Near-misses of ``Name 19(3): 209–223``: each piece of the shape, or something like it.
_JOURNAL_SHAPES = st.tuples(
    st.sampled_from(["", "Journal", "Applied Psycholinguistics", "Ab ", " de", "Revue d’É", "“Q”", "Vol. "]),
    st.sampled_from(["", " ", "  ", ",", ", ", ",  ", " ,", ".", "\n"]),
    st.sampled_from(["19", "7", "\u0663", "A", "19a", ""]),
    st.sampled_from(["", "(3)", " (2/3)", "(", "()", "(3"]),
    st.sampled_from(["", ",", ", ", ":", " : ", ";", " "]),
    st.sampled_from(["", "209", "209–223", "209 - 23", "pp. 4", "p.4", "A12", "12a", "9ff."]),
    st.sampled_from(["", ".", ",", ";", " x", "1", " 2019", ")"]),
).map("".join)


@settings(max_examples=1000)
@given(st.one_of(_JOURNAL_SHAPES, st.lists(_JOURNAL_BITS, max_size=9).map("".join)))
def test_plain_journal_reads_what_the_plain_journal_pattern_reads(text: str) -> None:
    """``locators._plain_journal`` runs the name-possessive ``_PLAIN_JOURNAL`` in place of
    ``PLAIN_JOURNAL_RE``, whose lazy name retries after every character: the two must find
    the same name, volume, issue, pages and end, or a journal citation is read differently."""
    stripped = text.strip()
    plain = locators.PLAIN_JOURNAL_RE.match(stripped)
    fast = (locators._PLAIN_JOURNAL_ASCII if stripped.isascii() else locators._PLAIN_JOURNAL).match(stripped)
    name = None
    if fast is not None:
        name = fast.group("name") if fast.group("comma") else fast.group("name").rstrip()
    if plain is None:
        assert not name
        return
    assert fast is not None and name == plain.group("journal")
    assert fast.group("volume", "issue", "pages") == plain.group("volume", "issue", "pages")
    assert fast.end() == plain.end()
