"""Notes in full-stop and author-date styles: continental author-date notes (names, year,
colon, title; later notes repeat names and year with a page, and are repetitions of it),
and bibliography-style notes whose last sentence runs on with commas."""

from __future__ import annotations

from footnote_kit.model import Citation, Ibid, Name, RawNote, Remark
from footnote_kit.sources import parse_notes


def test_names_and_year_before_a_colon_are_the_authors_and_date() -> None:
    notes, _ = parse_notes([RawNote(1, "Vgl. Adorno und Horkheimer, 1947: Dialektik der Aufklärung.")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation)
    assert cite.source.author == (Name(family="Adorno"), Name(family="Horkheimer"))
    assert cite.source.title == "Dialektik der Aufklärung" and cite.source.issued == (1947,)
    assert cite.prefix == "Vgl."


def test_names_year_and_page_repeat_the_work_cited_so_before() -> None:
    notes, _ = parse_notes([
        RawNote(1, "Vgl.: Weber, 1922: Wirtschaft und Gesellschaft."),
        RawNote(2, "Weber, 1922, 45."),
    ])
    (repeat,) = notes[1].parts
    assert isinstance(repeat, Ibid) and repeat.refers_to == 1 and repeat.locator == "45"


def test_a_title_with_its_own_colon_after_a_name_is_still_a_title() -> None:
    notes, _ = parse_notes([RawNote(1, "Jane Smith, The Long Road Home: Exile and Return (London: Verso, 2019), 4.")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation) and cite.source.title == "The Long Road Home: Exile and Return"


def test_a_bibliography_sentence_that_runs_on_with_commas_has_its_imprint_read() -> None:
    # ``Author. Title, Place, Year, p. N.``: the full-stop style's last sentence ran on.
    notes, _ = parse_notes([RawNote(1, "Robert Owen. A New View of Society, London, 1813, p. 14.")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation)
    source = cite.source
    assert (source.title, source.publisher_place, source.issued) == ("A New View of Society", "London", (1813,))
    assert cite.locator == "14" or source.page == "14"


def test_a_title_with_commas_alone_stays_whole() -> None:
    notes, _ = parse_notes([RawNote(1, "Smith, Jane. War, Peace, and Power. London: Verso, 2019.")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation) and cite.source.title == "War, Peace, and Power"


def test_a_semicolon_right_after_a_link_still_separates_two_sources() -> None:
    # The link's own characters split nothing, but the semicolon that ends it is the
    # writer's separator, not part of the address.
    text = (
        "Ann Lee, Counting Votes, 12 Elec. L.J. 45 (2015), https://example.org/paper?id=77; "
        "see also Tom Hart, Numbers Game: Polls and Power (2018)."
    )
    notes, _ = parse_notes([RawNote(1, text)])
    cites = [p for p in notes[0].parts if isinstance(p, Citation)]
    assert len(cites) == 2
    assert cites[0].source.URL == "https://example.org/paper?id=77"
    assert cites[1].prefix == "see also" and cites[1].source.issued == (2018,)


def test_a_book_as_the_bluebook_prints_it_is_a_source() -> None:
    notes, _ = parse_notes([RawNote(1, "Eric Holt, The Long Recession (2021).")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation)
    assert (cite.source.type, cite.source.title, cite.source.issued) == ("book", "The Long Recession", (2021,))


def test_quoting_in_a_legal_citation_introduces_a_second_source() -> None:
    notes, _ = parse_notes([RawNote(1, "Roe v. Lane, 501 U.S. 12, 19 (1991), quoting Doe v. Hill, 402 U.S. 7, 9 (1971).")])
    cites = [p for p in notes[0].parts if isinstance(p, Citation)]
    assert [c.source.title for c in cites] == ["Roe v. Lane", "Doe v. Hill"]
    assert cites[1].prefix == "quoting"


def test_a_french_pointer_before_an_article_word_starts_a_new_source() -> None:
    notes, _ = parse_notes([RawNote(1, "Voir le rapport « Données ouvertes », Etalab, 2016, https://etalab.gouv.fr/r. Voir aussi la Quadrature du Net, https://www.laquadrature.net.")])
    cites = [p for p in notes[0].parts if isinstance(p, Citation)]
    assert [c.source.URL for c in cites] == ["https://etalab.gouv.fr/r", "https://www.laquadrature.net"]


def test_an_author_year_reference_without_brackets_names_author_year_and_pages() -> None:
    notes, _ = parse_notes([RawNote(1, "Hirschfeld 1914, S. 12-15."), RawNote(2, "Mai 1914, S. 3.")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation)
    assert (cite.source.author, cite.source.issued) == ((Name(family="Hirschfeld"),), (1914,))
    assert "12-15" in (cite.locator or cite.source.page or "")
    assert all(not p.source.author for p in notes[1].parts if isinstance(p, Citation))  # a month, no name


def test_every_author_of_a_list_joined_by_and_is_an_author() -> None:
    for text in (
        "Ana Ruiz, Ioana Dima & Carl Berg, Measuring Wages Two Ways, 109 Am. Econ. Rev. 317 (2019).",
        "Ana Ruiz, Ioana Dima, and Carl Berg, Measuring Wages Two Ways (2019).",
    ):
        notes, _ = parse_notes([RawNote(1, text)])
        (cite,) = notes[0].parts
        assert isinstance(cite, Citation)
        assert [a.family for a in cite.source.author] == ["Ruiz", "Dima", "Berg"], text
        assert cite.source.title == "Measuring Wages Two Ways"


def test_a_title_that_joins_two_words_with_and_is_no_list_of_names() -> None:
    notes, _ = parse_notes([RawNote(1, "Leo Tolstoy, War and Peace (London: Penguin, 2008), 4.")])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation) and cite.source.title == "War and Peace"


def test_a_place_in_a_work_is_evidence_of_a_citation_without_a_year() -> None:
    for text, page in (("Spencer, Social Statics, passim.", "passim"), ("Mill, Principles of Political Economy, vol. ii, p. 14.", "14")):
        notes, _ = parse_notes([RawNote(1, text)])
        (cite,) = notes[0].parts
        assert isinstance(cite, Citation), text
        assert cite.source.author[0].family in ("Spencer", "Mill") and cite.source.title in ("Social Statics", "Principles of Political Economy")
        assert page in (cite.locator or cite.source.page or "")
    notes, _ = parse_notes([RawNote(1, "He says so in his letter to the editor, p. 5 of the issue.")])
    assert all(isinstance(p, Remark) for p in notes[0].parts)  # prose that names a page cites nothing


def test_a_kind_of_document_then_its_issuing_body_then_the_title() -> None:
    text = "Press Release, U.S. Department of Labor, Wage Rule Takes Effect, May 19, 2010, https://www.dol.gov/news/x."
    notes, _ = parse_notes([RawNote(1, text)])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation)
    assert cite.source.genre == "Press Release"
    assert cite.source.author == (Name(literal="U.S. Department of Labor"),)
    assert cite.source.title == "Wage Rule Takes Effect" and cite.source.issued == (2010, 5, 19)


def test_quoted_by_introduces_the_source_that_quoted_the_first() -> None:
    text = "Ann Lee, “Counting,” Poetry 37 (1931): 269, quoted by Tom Hart, Numbers Game (London: Verso, 1981), 78."
    notes, _ = parse_notes([RawNote(1, text)])
    cites = [p for p in notes[0].parts if isinstance(p, Citation)]
    assert [c.source.title for c in cites] == ["Counting", "Numbers Game"]
    assert cites[1].prefix == "quoted by"


def test_a_deposition_or_interview_of_someone_is_an_interview_with_them_as_author() -> None:
    text = "Senate Committee on Finance, Transcribed Interview of Jane Doe, (Apr. 6, 2022), p. 4."
    notes, _ = parse_notes([RawNote(1, text)])
    (cite,) = notes[0].parts
    assert isinstance(cite, Citation)
    source = cite.source
    assert (source.type, source.genre, source.author) == ("interview", "Transcribed Interview", (Name(family="Doe", given="Jane"),))
    assert source.interviewer == (Name(literal="Senate Committee on Finance"),) and source.issued == (2022, 4, 6)
    notes, _ = parse_notes([RawNote(1, "Interview with a former police officer, Osh, 14 May 2019.")])
    (anonymous,) = notes[0].parts
    assert isinstance(anonymous, Citation) and not anonymous.source.author  # no name: the words stay a note


def test_an_undated_titled_page_of_a_site_is_a_web_page_not_a_news_article() -> None:
    notes, _ = parse_notes([RawNote(1, "“2020 Methodology,” Open Budget Survey, https://www.openbudget.org/methodology/."),
                            RawNote(2, "Ann Lee, “Counting Votes,” The Guardian, 3 May 2020, https://theguardian.com/a.")])
    page, news = (n.parts[0] for n in notes)
    assert isinstance(page, Citation) and page.source.type == "webpage"
    assert isinstance(news, Citation) and news.source.type == "article-newspaper"


def test_a_periodical_cited_by_its_issue_date_alone_is_a_source() -> None:
    texts = ("Westminster Gazette, June 11, 1898.", "Quarterly Review, March 1829, p. 185.", "Paris, 12 May 2020.")
    notes, _ = parse_notes([RawNote(n, t) for n, t in enumerate(texts, start=1)])
    paper, review, place = (n.parts[0] for n in notes)
    assert isinstance(paper, Citation) and (paper.source.type, paper.source.container_title, paper.source.issued) == ("article-newspaper", "Westminster Gazette", (1898, 6, 11))
    assert isinstance(review, Citation) and review.source.container_title == "Quarterly Review" and review.source.issued == (1829, 3)
    assert not (isinstance(place, Citation) and place.source.container_title == "Paris")  # a place and a date: no paper
