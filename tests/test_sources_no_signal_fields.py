"""Signal words belong to the citation (its prefix), never to a field of the source, even
where a reader left them at the head of one."""

from __future__ import annotations

from footnote_kit.model import Citation, RawNote, Source
from footnote_kit.sources import _without_signal, parse_notes


def test_a_field_that_opens_with_a_pointer_gives_it_to_the_prefix() -> None:
    part = Citation(Source(type="webpage", container_title="Voir aussi la Knowledge Ecology International"), "x")
    got = _without_signal(part)
    assert got.prefix == "Voir aussi" and got.source.container_title == "la Knowledge Ecology International"


def test_a_title_that_merely_begins_with_such_a_word_is_kept() -> None:
    part = Citation(Source(type="book", title="Voir et planifier"), "x")
    assert _without_signal(part) is part


def test_leftover_words_lose_any_opening_signal() -> None:
    part = Citation(Source(type="document", title="T", note="see for example:"), "x", prefix=None)
    got = _without_signal(part)
    assert got.source.note is None and got.prefix == "see for example"


def test_no_parsed_field_keeps_a_leading_signal_word() -> None:
    notes, _ = parse_notes([RawNote(1, "Figures as of 2019. Voir aussi la Knowledge Ecology International, https://www.keionline.org/.")])
    for part in notes[0].parts:
        if isinstance(part, Citation):
            for value in (part.source.title, part.source.container_title, part.source.publisher, part.source.note):
                assert not (value or "").lower().startswith(("voir", "see"))


def _cites(text: str) -> list[Citation]:
    notes, _ = parse_notes([RawNote(1, text)])
    return [p for p in notes[0].parts if isinstance(p, Citation)]


def test_a_pointer_the_reader_took_as_prefix_is_not_repeated_in_the_title() -> None:
    # ``letter`` is lower case, so the title alone cannot tell a pointer from a title's
    # verb; but the reader already took ``See`` as the citation's prefix.
    (cite,) = _cites("See letter to the Matin, March 3, 1911.")
    assert cite.prefix == "See" and not (cite.source.title or "").lower().startswith("see")
    (letter,) = _cites("See letter to the Times, March 3, 1911.")  # a paper's issue: the letter is its genre
    assert (letter.prefix, letter.source.genre, letter.source.container_title) == ("See", "Letter", "Times")


def test_a_pointer_repeated_as_an_unclosed_bracket_at_a_field_end_goes() -> None:
    part = Citation(Source(type="webpage", container_title="Le travail de l'association (voir la page dédiée sur"), "x", prefix="voir la page dédiée sur")
    got = _without_signal(part)
    assert got.source.container_title == "Le travail de l'association"


def test_french_and_english_lead_ins_belong_to_the_pointer() -> None:
    part = Citation(Source(type="webpage", title="Voir à ce sujet l'étude de l'Inria"), "x")
    got = _without_signal(part)
    assert got.prefix == "Voir à ce sujet" and got.source.title == "l'étude de l'Inria"


def test_an_aside_in_brackets_that_opens_with_a_signal_is_no_imprint() -> None:
    notes, _ = parse_notes([RawNote(1, "Similar guilds had been chartered before (e.g. by the city in 1602 and 1605, and by the duke in 1610); they kept no rolls. Cf. Smith, History of the Guilds (1901), pp. 12–14.")])
    sources = [p.source for p in notes[0].parts if isinstance(p, Citation)]
    assert all(not (s.publisher or "").startswith("e.g.") for s in sources)
    assert any(s.title == "History of the Guilds" for s in sources)


def test_a_comment_before_a_source_is_a_remark_not_the_title() -> None:
    notes, _ = parse_notes([RawNote(1, "Cf. her account of the strike, her notes on the wage rolls, and her letters to the union. Perkins, The Roosevelt I Knew, pp. 212 et seq.")])
    kinds = [type(p).__name__ for p in notes[0].parts]
    assert kinds == ["Remark", "Citation"]
    source = notes[0].parts[1].source  # type: ignore[union-attr]
    assert source.title == "The Roosevelt I Knew" and source.page == "212 et seq"
