"""Records: one per distinct source, never merging two different ones; keys users can type."""

from __future__ import annotations

from footnote_kit.citekeys import ascii_fold, assign, base_key
from footnote_kit.model import Citation, Ibid, Name, Note, Remark, Source
from footnote_kit.records import build, norm_url, same_source

UN_JULY = Source(
    type="report",
    title="Report of the Analytical Support and Sanctions Monitoring Team",
    publisher="United Nations Security Council",
    page="15",
    issued=(2020, 7, 23),
    URL="https://undocs.org/S/2020/717",
)
UN_JAN = UN_JULY.with_changes(issued=(2020, 1, 20), URL="https://undocs.org/S/2020/53")
NEWS = Source(
    type="article-newspaper",
    author=(Name("Safar", "Tokhir"), Name("Ahmadi", "Mumin")),
    title="Istochniki: v Sirii arestovany tadzhikskiye «dzhikhadisty»",
    container_title="Radio Ozodi",
    issued=(2019, 12, 19),
    URL="https://rus.ozodi.org/a/30332766.html",
)


def note(number: int, *parts: object) -> Note:
    return Note(number=number, text="", parts=tuple(parts))  # type: ignore[arg-type]


def test_the_same_report_cited_in_two_notes_is_one_record() -> None:
    bib = build([note(699, Citation(UN_JULY)), note(700, Remark("a comment")), note(725, Citation(UN_JULY))])
    assert len(bib.records) == 1
    assert bib.records[0].notes == (699, 725)
    assert bib.note_keys[699] == bib.note_keys[725] == (bib.records[0].key,)
    assert bib.note_keys[700] == ()


def test_two_reports_with_the_same_title_but_other_date_and_url_stay_apart() -> None:
    bib = build([note(699, Citation(UN_JULY)), note(717, Citation(UN_JAN))])
    assert len(bib.records) == 2
    assert len({r.key for r in bib.records}) == 2


def test_same_url_written_differently_is_one_source() -> None:
    assert norm_url("https://www.Example.org/a/1/?utm_source=x#top") == norm_url("http://example.org/a/1")
    other = NEWS.with_changes(URL="http://www.rus.ozodi.org/a/30332766.html/", author=())
    assert same_source(NEWS, other)


def test_same_url_but_another_title_is_not_the_same_source() -> None:
    assert not same_source(NEWS, NEWS.with_changes(title="A different article"))


def test_title_only_match_needs_agreeing_outlet_and_date() -> None:
    a = Source(title="Afghan Taliban said planning to attack Tajikistan", container_title="BBC Monitoring", issued=(2020, 12, 11))
    assert same_source(a, a.with_changes(issued=(2020,)))
    assert not same_source(a, a.with_changes(container_title="Reuters"))
    assert not same_source(a, a.with_changes(issued=(2021, 1, 2)))


def test_different_pages_make_the_page_a_locator() -> None:
    bib = build([note(1, Citation(UN_JULY)), note(2, Citation(UN_JULY.with_changes(page="20")))])
    assert len(bib.records) == 1
    assert bib.records[0].source.page is None
    assert [c.locator for c in bib.cites[1] + bib.cites[2]] == ["15", "20"]


def test_ibid_maps_to_the_record_it_repeats() -> None:
    bib = build([note(717, Citation(UN_JAN)), note(718, Ibid("Ibid.", 717, (UN_JAN,))), note(719, Ibid("Ibid., p. 4", 717, locator="4"))])
    key = bib.records[0].key
    assert len(bib.records) == 1
    assert bib.note_keys[718] == (key,) and bib.note_keys[719] == (key,)
    assert bib.cites[719][0].ibid and bib.cites[719][0].locator == "4"
    assert bib.records[0].notes == (717, 718, 719)


def test_keys_follow_author_year_first_word_in_ascii() -> None:
    assert base_key(NEWS) == "safar2019istochniki"
    assert base_key(Source(author=(Name("Müller", "Jürgen"),), title="Die Kölner Straße", issued=(2001,))) == "muller2001kolner"
    assert base_key(Source(author=(Name("Łukasiewicz"),), title="O logice", issued=(1920,))) == "lukasiewicz1920logice"
    assert base_key(Source(author=(Name("Иванов", "Пётр"),), title="Москва", issued=(2010,))) == "ivanov2010moskva"
    assert ascii_fold("Straße Ø") == "Strasse O"


def test_keys_without_author_use_the_outlet_or_institution() -> None:
    assert base_key(UN_JULY) == "unitednations2020report"
    assert base_key(Source(title="The Rise of Things", container_title="The Voice of America", issued=(2020,))) == "voiceamerica2020rise"
    assert base_key(Source(title="Untitled")) == "anonuntitled"


def test_clashing_keys_get_suffixes_and_are_stable() -> None:
    sources = [UN_JULY, UN_JAN, UN_JULY.with_changes(URL="https://undocs.org/S/2020/99", issued=(2020, 3, 1))]
    keys = assign(sources)
    assert keys == ["unitednations2020report", "unitednations2020reporta", "unitednations2020reportb"]
    assert assign(sources) == keys
    assert assign(sources, taken=["unitednations2020report"])[0] == "unitednations2020reporta"


def test_same_input_gives_same_keys() -> None:
    notes = [note(1, Citation(NEWS)), note(2, Citation(UN_JULY)), note(3, Citation(UN_JAN))]
    assert [r.key for r in build(notes).records] == [r.key for r in build(list(notes)).records]


def test_a_citation_that_names_nothing_makes_no_entry() -> None:
    bib = build([note(1, Citation(Source())), note(2, Citation(NEWS))])
    assert [r.notes for r in bib.records] == [(2,)]
    assert bib.note_keys[1] == ()
