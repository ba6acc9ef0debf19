"""The one scan of a note: tokens with exact offsets, and the spans every reader shares."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from footnote_kit.sources.scan import DOI, NUMBER, PUNCT, URL, WORD, scan


def _texts(text: str, **kw) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in scan(text, **kw).tokens]


def test_offsets_point_at_the_printed_words() -> None:
    text = "Mary Beard, Pompeii Revealed (London: Profile Books, 2008), 112–14."
    sc = scan(text)
    assert all(text[t.start : t.end] == t.text for t in sc.tokens)
    assert [t.text for t in sc.tokens][:5] == ["Mary", "Beard", ",", "Pompeii", "Revealed"]


def test_numbers_ranges_and_thousands_are_one_token_each() -> None:
    toks = _texts("pp. 13-32, 57–75 and 1,000,000 people; 2nd ed.; GAO-05-575; S/RES/2253 (2015)")
    assert ("13-32", NUMBER) in toks and ("57–75", NUMBER) in toks
    assert ("1,000,000", NUMBER) in toks and ("2nd", NUMBER) in toks
    assert ("GAO-05-575", WORD) in toks and ("S/RES/2253", WORD) in toks


def test_urls_and_dois_are_single_tokens_without_trailing_punctuation() -> None:
    toks = _texts("Outlet, 2020, https://example.org/a_(b).html. doi:10.1000/xyz123.")
    assert ("https://example.org/a_(b).html", URL) in toks
    assert ("doi:10.1000/xyz123", DOI) in toks
    assert toks[-1] == (".", PUNCT)


def test_quotes_nested_and_apostrophes() -> None:
    text = "Tokhir Safar, “Istochniki: v Sirii «dzhikhadisty» Abu,” Radio Ozodi’s site; O'Brien's 'Title'"
    sc = scan(text)
    outer, inner, single = sc.quotes
    assert outer.text == "Istochniki: v Sirii «dzhikhadisty» Abu" and inner.text == "dzhikhadisty" and single.text == "Title"
    depth = {t.text: t.quote for t in sc.tokens}
    assert depth["Istochniki"] == 1 and depth["dzhikhadisty"] == 2 and depth["Radio"] == 0
    assert ("Ozodi’s", WORD) in _texts(text) and ("O'Brien's", WORD) in _texts(text)


def test_brackets_outside_urls_and_italics_from_the_document() -> None:
    text = "Beard, Pompeii (London, 2008), see https://x.org/a_(b)"
    sc = scan(text, emphasis=((7, 14),))
    assert [(b.start, b.end) for b in sc.brackets] == [(15, 29)]
    by = {t.text: t for t in sc.tokens}
    assert by["Pompeii"].italic and not by["Beard"].italic
    assert by["London"].bracket == 1 and by["see"].bracket == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab C1-–,.;:()[]“”«»'\"/ ") + ["http://x.y/z", " doi:10.1234/q", "ISBN 978-3-16-148410-0"]), max_size=40).map("".join))
def test_tokens_cover_every_printed_character_in_order(text: str) -> None:
    sc = scan(text)
    pos = 0
    for t in sc.tokens:
        assert t.start >= pos and text[pos : t.start].strip() == ""
        assert text[t.start : t.end] == t.text
        pos = t.end
    assert text[pos:].strip() == ""
