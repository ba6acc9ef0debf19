"""Each recogniser alone, table-driven: what it must read, and what it must leave alone."""

from __future__ import annotations

import pytest

from footnote_kit.model import Name
from footnote_kit.sources import citation, dates, identifiers, language, locators, names, signals, split, titles


@pytest.mark.parametrize(
    "text, parts",
    [
        ("19 December 2019", (2019, 12, 19)),
        ("08 September 2020", (2020, 9, 8)),
        ("December 19, 2019", (2019, 12, 19)),
        ("Dec. 19, 2019", (2019, 12, 19)),
        ("2020-12-11", (2020, 12, 11)),
        ("15. April 2020", (2020, 4, 15)),
        ("3 mai 2021", (2021, 5, 3)),
        ("5 de mayo de 2020", (2020, 5, 5)),
        ("12 марта 2020", (2020, 3, 12)),
        ("March 2020", (2020, 3)),
        ("Spring 2019", (2019,)),
        ("(2019)", (2019,)),
        ("2020", (2020,)),
        ("Radio 24", None),
        ("may be", None),
        ("30 February 2020x", None),
        ("S/2020/717", None),
    ],
)
def test_dates(text: str, parts: tuple[int, ...] | None) -> None:
    assert dates.parse_date(text) == parts


def test_a_day_without_a_year_takes_its_year_only_from_a_url_that_agrees() -> None:
    assert dates.is_partial_date("November 10") == (11, 10)
    assert dates.year_from_url("https://x.ru/video/20201110/1080285/a.html", (11, 10)) == 2020
    assert dates.year_from_url("https://x.ru/video/20201111/1080285/a.html", (11, 10)) is None
    assert dates.year_from_url(None, (11, 10)) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tokhir Safar and Mumin Ahmadi", [Name(family="Safar", given="Tokhir"), Name(family="Ahmadi", given="Mumin")]),
        ("Mokrenko, Anastasia", [Name(family="Mokrenko", given="Anastasia")]),
        ("Kate Clark, Fabrizio Foschini and Thomas Ruttig", [Name(family="Clark", given="Kate"), Name(family="Foschini", given="Fabrizio"), Name(family="Ruttig", given="Thomas")]),
        ("Doe, Jane, and John Smith", [Name(family="Doe", given="Jane"), Name(family="Smith", given="John")]),
        ("Ludwig van Beethoven", [Name(family="van Beethoven", given="Ludwig")]),
        ("Human Rights Watch", [Name(literal="Human Rights Watch")]),
        ("Office of the German Federal Public Prosecutor", [Name(literal="Office of the German Federal Public Prosecutor")]),
    ],
)
def test_names(text: str, expected: list[Name]) -> None:
    assert names.looks_like_names(text)
    assert list(names.parse_names(text)[0]) == expected


@pytest.mark.parametrize("text", ["The figure on Uzbek fighters", "Interview with a former police officer", "See: the report of 2019", "livestream recorded here"])
def test_prose_is_not_names(text: str) -> None:
    assert not names.looks_like_names(text)


def test_apa_author_lists_pair_family_names_with_initials() -> None:
    assert names.parse_apa("Tucker, N., & Lemon, E. J.") == (Name(family="Tucker", given="N."), Name(family="Lemon", given="E. J."))
    assert names.parse_apa("Krezel, A.; Bal, W.") == (Name(family="Krezel", given="A."), Name(family="Bal", given="W."))
    assert names.parse_apa("Mokrenko, Anastasia") is None


@pytest.mark.parametrize(
    "text, title",
    [
        ("“Festnahme … Vereinigung „Islamischer Staat (IS)“,” An arrest warrant", "Festnahme … Vereinigung „Islamischer Staat (IS)“"),
        ("““Mehr-3″ operaciyasi doirasida olib kelindi” (‘As part of the “Mehr-3” operation’)", "“Mehr-3″ operaciyasi doirasida olib kelindi"),
        ("“Jihadists in Syria’s Idlib Form New ‘Operations Room’,” VOA", "Jihadists in Syria’s Idlib Form New ‘Operations Room’"),
        ("Smith, ‘Talking up Terrorism’, Journal", "Talking up Terrorism"),
        ("Dupont, « La fin du califat », Le Monde", "La fin du califat"),
        ('Smith, "The Don\'t Book," Journal', "The Don't Book"),
        ("“Where Do They Waste Millions?” CABAR.asia", "Where Do They Waste Millions?"),
    ],
)
def test_titles(text: str, title: str) -> None:
    q = titles.first_quoted(text)
    assert q is not None and q.text == title


@pytest.mark.parametrize(
    "after, translation",
    [
        (" (‘Is it necessary to repatriate Kyrgyz militants?’), Kaktus", "Is it necessary to repatriate Kyrgyz militants?"),
        (' ("The jihadist threat"), El País', "The jihadist threat"),
        (" (“The activity of illegal groups”), Xalq so’zi", "The activity of illegal groups"),
        (" [The return of the jihadists], NZZ", "The return of the jihadists"),
        (" (VIDEO), RT", None),
        (" [accessed 3 May 2021]", None),
    ],
)
def test_translations(after: str, translation: str | None) -> None:
    found = titles.translation_after("“T”" + after, 3)
    assert (found.text if found else None) == translation


@pytest.mark.parametrize(
    "text, url",
    [
        ("Kaktus, https://kaktus.media/doc/392271_chto_dymaut_mid_i_eksperty.h tml; and iv)", "https://kaktus.media/doc/392271_chto_dymaut_mid_i_eksperty.html"),
        ("see https://example.org/a_(b).", "https://example.org/a_(b)"),
        ("(https://example.org/a).", "https://example.org/a"),
        ("at https://example.org/a” and more", "https://example.org/a"),
        ("https://example.org/a (he spoke at 2: 01).", "https://example.org/a"),
    ],
)
def test_urls_are_kept_as_printed_bar_punctuation_and_a_wrapped_extension(text: str, url: str) -> None:
    found = identifiers.find_url(text)
    assert found is not None and found.value == url


def test_identifiers() -> None:
    assert identifiers.symbol_from_url("https://undocs.org/S/2020/717") == "S/2020/717"
    assert identifiers.symbol_from_url("https://example.org/S/2020/717") is None
    doi = identifiers.find_doi("Survey 38 (2019), doi:10.1080/02634937.2019.1234567.")
    assert doi is not None and doi.value == "10.1080/02634937.2019.1234567"
    isbn = identifiers.find_isbn("London: Verso, 2019, ISBN 978-1-78873-123-4.")
    assert isbn is not None and isbn.value == "978-1-78873-123-4"


@pytest.mark.parametrize(
    "text, page, volume_issue",
    [("p.15", "15", None), ("pp. 3–5", "3–5", None), ("S. 12", "12", None), ("38(3)", None, ("38", "3", None)), ("TOLOnews", None, None)],
)
def test_locators(text: str, page: str | None, volume_issue: tuple[str, str, str | None] | None) -> None:
    assert locators.page(text) == page
    assert locators.volume_issue(text) == volume_issue
    assert locators.volume("TOLOnews") is None and locators.issue("Novosti") is None


def test_journal_shapes() -> None:
    j = locators.journal("Central Asian Survey 38, no. 3 (2019): 345–67, https://doi.org/x")
    assert j is not None and (j.journal, j.volume, j.issue, j.date, j.pages) == ("Central Asian Survey", "38", "3", "2019", "345–67")
    j = locators.journal("Applied Psycholinguistics 19, 209–223.")
    assert j is not None and (j.journal, j.volume, j.pages) == ("Applied Psycholinguistics", "19", "209–223")
    assert locators.journal("Khabar 24, 6 November 2019") is None


@pytest.mark.parametrize(
    "title, kwargs, code",
    [
        ("Istochniki: v Sirii arestovany tadzhikskiye «dzhikhadisty»", {}, "ru"),
        ("Propagandista terrorizma zaderzhali v Kyrgyzstane", {"translated": True}, "ru"),
        ("Surkhondaryo va Jizzakh viloyatlarida noqonuniy guruhlar faoliyatiga chek qo’yildi", {"translated": True}, "uz"),
        ("Festnahme fünf mutmaßlicher Mitglieder einer Terrorzelle", {}, "de"),
        ("Traum vom Fliegen", {"context": "Der Spiegel"}, "de"),
        ("La fin du califat", {}, "fr"),
        ("La amenaza del yihadismo en Asia Central", {}, "es"),
        ("Вербовка в Сирии", {}, "ru"),
        ("Germany arrests IS suspects plotting attacks on US bases", {"url": "https://www.dw.com/en/germany"}, None),
        ("Countering Extremism in Kazakhstan: Where Do They Waste Millions?", {}, None),
        ("Tahrir al-Sham arrests a leader of the Ansar alDin Front", {}, None),
    ],
)
def test_language(title: str, kwargs: dict, code: str | None) -> None:
    assert language.guess(title, **kwargs) == code


@pytest.mark.parametrize(
    "note, count",
    [
        ("i) “A,” X, 1 May 2020; ii) a remark; and iii) “C,” Y, 2020.", 3),
        ("“A (i) b),” X, 2020.", 1),
        ("b) is not a start; c) neither.", 1),
        ("“A; B,” X, 2020, https://x.org/a;b", 1),
        ("A remark; another clause, 2019.", 1),
        ("“A,” X, 1 May 2020; “B,” Y, 2 May 2020.", 2),
        ("Some prose about the figures. See: “Report,” UN, 2020.", 2),
    ],
)
def test_split(note: str, count: int) -> None:
    assert len(split.split_note(note)) == count


@pytest.mark.parametrize(
    "text, words",
    [
        ("See: “Report”", "See"),
        ("See also Timothy Snyder, Bloodlands", "See also"),
        ("Cf. Eric Hobsbawm", "Cf."),
        ("See, e.g., Ann Lee", "See, e.g."),
        ("For example, see Mark Jones", "For example, see"),
        ("For a fuller discussion of the figures, see Tom Hart", "For a fuller discussion of the figures, see"),
        ("Vgl. auch Müller", "Vgl. auch"),
        ("Siehe Braun", "Siehe"),
        ("Voir aussi Jean Dupont", "Voir aussi"),
        ("Véase también Pérez", "Véase también"),
        ("См. также Иванов", "См. также"),
        ("Ср. Петров", "Ср."),
        ("Quoted in Bonnie Costello", "Quoted in"),
        ("see ibid., 4", "see"),
        ("See al-Rasheed, A History", "See"),
        ("See https://example.org/a", "See"),
        # no pointer: a word that only begins like one, a pointer with nothing after it,
        # a title that opens with a signal word followed by a lower-case word
        ("Seeing Like a State", None),
        ("See", None),
        ("Voir et planifier", None),
        ("Smith, see", None),
    ],
)
def test_signal_words(text: str, words: str | None) -> None:
    sig = signals.leading(text)
    assert (sig.words if sig else None) == words
    if sig:
        assert text[sig.end :].strip() and not text[sig.end :][:1].isspace()


def test_the_rules_say_which_fields_they_read_without_guessing() -> None:
    read = citation.read_segment_detailed(
        "See Jane Smith, “The Long Road,” The Guardian, 3 May 2020, p. 4, https://theguardian.com/a."
    )
    assert read.prefix == "See"
    assert read.certain == {"prefix", "author", "title", "issued", "page", "URL"}  # not the outlet: it is the first piece no rule claims
    book = citation.read_segment_detailed("Mary Beard, Pompeii (London: Profile Books, 2008), 112.")
    assert {"publisher", "publisher-place", "issued"} <= book.certain
    assert "title" not in book.certain  # an unquoted title is where it stands, not what it looks like


def test_a_thousands_separator_cuts_no_piece() -> None:
    from footnote_kit.sources.draft import chunks

    assert [c.strip() for c in chunks("US Patent 3,712,959, 1973")] == ["US Patent 3,712,959", "1973"]
    assert [c.strip() for c in chunks("1,000,000 people, Outlet")] == ["1,000,000 people", "Outlet"]
    assert [c.strip() for c in chunks("pp. 12, 345")] == ["pp. 12", "345"]  # a space after the comma: two pieces
