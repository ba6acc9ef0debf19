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
