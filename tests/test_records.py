"""Records: one per distinct source, never merging two different ones; keys users can type."""

from __future__ import annotations

from footnote_kit.citekeys import ascii_fold, assign, base_key
from footnote_kit.model import Citation, Ibid, Name, Note, Remark, Source
from footnote_kit.records import Cite, build, norm_url, same_source

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
    assert base_key(Source(title="Untitled")) == "untitled"


def test_clashing_keys_are_lettered_by_date_not_by_order_of_citation() -> None:
    march = UN_JULY.with_changes(URL="https://undocs.org/S/2020/99", issued=(2020, 3, 1))
    keys = assign([UN_JULY, UN_JAN, march])
    # January is the oldest: it keeps the bare key, as 2020a/2020b go in author-date styles.
    assert keys == ["unitednations2020reportb", "unitednations2020report", "unitednations2020reporta"]
    assert assign([march, UN_JAN, UN_JULY]) == keys[::-1]
    assert assign([UN_JULY, UN_JAN], taken=["unitednations2020report"]) == ["unitednations2020reportb", "unitednations2020reporta"]


def test_keys_do_not_change_when_a_document_gains_notes_above() -> None:
    before = build([note(1, Citation(UN_JAN)), note(2, Citation(UN_JULY)), note(3, Citation(NEWS))])
    september = UN_JULY.with_changes(URL="https://undocs.org/S/2020/800", issued=(2020, 9, 1))
    # New notes above: a third report with the same base key, and the July report cited
    # before the January one.
    after = build([note(1, Citation(september)), note(2, Citation(UN_JULY)), note(3, Citation(UN_JAN)), note(4, Citation(UN_JULY)), note(5, Citation(NEWS))])
    old = {r.source.URL: r.key for r in before.records}
    new = {r.source.URL: r.key for r in after.records}
    assert {url: new[url] for url in old} == old == {
        UN_JAN.URL: "unitednations2020report", UN_JULY.URL: "unitednations2020reporta", NEWS.URL: "safar2019istochniki"}
    assert new[september.URL] == "unitednations2020reportb"


def test_same_input_gives_same_keys() -> None:
    notes = [note(1, Citation(NEWS)), note(2, Citation(UN_JULY)), note(3, Citation(UN_JAN))]
    assert [r.key for r in build(notes).records] == [r.key for r in build(list(notes)).records]


def test_a_citation_that_names_nothing_makes_no_entry() -> None:
    bib = build([note(1, Citation(Source())), note(2, Citation(NEWS))])
    assert [r.notes for r in bib.records] == [(2,)]
    assert bib.note_keys[1] == ()


def test_no_key_starts_with_a_digit_or_is_anon() -> None:
    assert base_key(Source(author=(Name(literal="24.kz"),), title="Za rubezh", issued=(2019,))) == "kz2019rubezh"
    assert base_key(Source(author=(Name("1984"),), container_title="Khabar 24", title="News", issued=(2019,))) == "khabar242019news"
    # no author, outlet or body: the title's first three significant words, then the year
    assert base_key(Source(title="Afghan Taliban said planning to attack Tajikistan", issued=(2020, 12, 11))) == "afghantalibansaid2020"
    # nothing but a link: the site's name (its digits dropped)
    assert base_key(Source(type="webpage", URL="https://eng.scorussia2020.ru/video/1.html", issued=(2020, 11, 10))) == "scorussia2020"
    assert base_key(Source(type="webpage", URL="https://www.bbc.co.uk/news/1")) == "bbc"
    # an interview without title: its description
    interview = Source(type="interview", note="Interview with a former police officer", publisher_place="Osh", issued=(2019, 5, 14))
    assert base_key(interview) == "interviewformerpolice2019"
    assert base_key(Source(type="personal_communication", issued=(2020,), medium="email")) == "personalcommunication2020"


BOOK = Source(type="book", author=(Name("Westphal", "Kirsten"),), title="Central Asian Energy Security", publisher="SWP", issued=(2015,))
CHAPTER = Source(type="chapter", author=(Name("Roy", "Olivier"),), title="The Islamic Movement in Central Asia", container_title="Central Asia at the End of Transition", issued=(2005,))
ARTICLE = Source(type="article-journal", author=(Name("Tucker", "Noah"),), title="Public and State Responses", container_title="Central Asian Survey", volume="38", issued=(2019,))


def test_a_books_printed_pages_are_a_locator_and_an_articles_range_its_extent() -> None:
    bib = build([
        note(1, Citation(BOOK.with_changes(page="112–14"))),
        note(2, Citation(CHAPTER.with_changes(page="231–40"))),
        note(3, Citation(ARTICLE.with_changes(page="479–94"))),
        note(4, Citation(ARTICLE.with_changes(page="479–94"), locator="480")),
        note(5, Citation(ARTICLE.with_changes(page="p. 485"))),
        note(6, Citation(UN_JULY)),
    ])
    pages = {r.source.type: r.source.page for r in bib.records}
    assert pages == {"book": None, "chapter": "231–40", "article-journal": "479–94", "report": None}
    # each note keeps what it pointed at: the printed page, or the pinpoint beside a range
    assert [bib.cites[n][0].locator for n in range(1, 7)] == ["112–14", "231–40", "479–94", "480", "485", "15"]


def test_an_article_cited_with_two_different_ranges_keeps_neither_in_its_record() -> None:
    bib = build([note(1, Citation(ARTICLE.with_changes(page="479–94"))), note(2, Citation(ARTICLE.with_changes(page="481–83")))])
    assert bib.records[0].source.page is None
    assert [bib.cites[n][0].locator for n in (1, 2)] == ["479–94", "481–83"]


def test_ibid_repeats_the_pinpoint_of_the_citation_it_repeats() -> None:
    bib = build([
        note(1, Citation(ARTICLE.with_changes(page="479–94"), locator="480")),
        note(2, Ibid("Ibid.", 1, (ARTICLE.with_changes(page="479–94"),))),
        note(3, Ibid("Ibid., 490.", 2, (ARTICLE.with_changes(page="490"),), locator="490")),
        note(4, Ibid("Ibid.", 3)),
    ])
    assert len(bib.records) == 1 and bib.records[0].source.page == "479–94"
    assert [bib.cites[n][0].locator for n in (2, 3, 4)] == ["480", "490", "490"]


def test_signal_words_and_commentary_stay_with_the_citation_not_the_record() -> None:
    bib = build([note(1, Citation(BOOK, "See Westphal, …, 120, arguing that …", prefix="See", suffix="arguing that supply was never secure", locator="120"))])
    cite = bib.cites[1][0]
    assert (cite.prefix, cite.suffix, cite.locator, cite.part) == ("See", "arguing that supply was never secure", "120", 1)
    record = bib.records[0].source
    assert "See" not in repr(record) and "arguing" not in repr(record)


def test_every_part_is_cited_or_left_out_with_its_reason() -> None:
    interview = Source(type="interview", note="Interview with a former police officer", publisher_place="Osh", issued=(2019, 5, 14))
    bib = build([
        note(1, Remark("The figure was revealed later."), Citation(NEWS)),
        note(2, Citation(Source(note="livestream"))),
        note(3, Ibid("Ibid.", None)),
        note(4, Citation(interview)),
        note(5, Citation(interview)),
    ])
    assert [(c.part, c.key) for c in bib.cites[1]] == [(2, "safar2019istochniki")]
    assert {n: [(g.part, g.reason) for g in gone] for n, gone in bib.left_out.items()} == {
        1: [(1, "remark citing no source")],
        2: [(1, "citation naming no work (no title, author, outlet, URL or DOI)")],
        3: [(1, "Ibid. with no earlier citation to repeat")],
    }
    # the interview is an entry (cited twice, one record) and is never dropped
    assert bib.note_keys[4] == bib.note_keys[5] == ("interviewformerpolice2019",)
    assert [r.source.type for r in bib.records] == ["article-newspaper", "interview"]


def test_a_citation_by_key_is_cited_under_that_key_and_makes_no_record() -> None:
    by_key = Source(id="smith2019", type="document", page="12")
    bib = build([note(1, Citation(by_key, "see @smith2019, 12", prefix="see")), note(2, Ibid("Ibid.", 1)), note(3, Citation(NEWS))])
    assert [r.key for r in bib.records] == ["safar2019istochniki"]
    assert bib.cites[1] == (Cite("smith2019", "12", False, "see", None, 1),)
    assert bib.cites[2][0].key == "smith2019" and bib.cites[2][0].ibid
    assert bib.left_out == {}
