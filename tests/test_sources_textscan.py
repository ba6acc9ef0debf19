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

from footnote_kit.sources import pieces, split, textscan

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
def test_guarded_lead_and_interview_tests_match_their_patterns(text: str) -> None:
    from footnote_kit.sources import citation

    for t in (text, "See also " + text, "ſee " + text, "Interview with " + text, "CONVERSATION " + text):
        assert (citation._lead(t) is None) == (citation._LEAD.match(t) is None)
        assert (citation._interview(t) is None) == (pieces.INTERVIEW.match(t) is None)
