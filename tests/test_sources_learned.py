"""The learned field reader: gold readings become token labels, labels become fields, and
the model's reading is combined with the rules'."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from footnote_kit.model import Citation, RawNote, Source
from footnote_kit.sources import parse_notes
from footnote_kit.sources.learned import assemble, tagger
from footnote_kit.sources.learned.align import spans, token_labels
from footnote_kit.sources.learned.features import token_features
from footnote_kit.sources.scan import scan

ROOT = Path(__file__).resolve().parent.parent


def test_a_gold_reading_labels_the_printed_words() -> None:
    text = "See Mary Beard and J. Roe, “A Title: Sub,” Journal of Things 12, no. 3 (2019): 45–67, at 50; Ibid., 4."
    parts = [
        {"kind": "citation", "prefix": "See", "locator": "50",
         "item": {"author": [{"family": "Beard", "given": "Mary"}, {"family": "Roe", "given": "J."}], "title": "A Title: Sub",
                  "container-title": "Journal of Things", "volume": "12", "issue": "3", "page": "45–67", "issued": {"date-parts": [[2019]]}}},
        {"kind": "ibid", "refers_to": 3, "locator": "4"},
    ]  # fmt: skip
    found, wanted, got = spans(text, parts)
    assert wanted == got == 11
    by_label = {(s.label, s.part): text[s.start : s.end] for s in found}
    assert by_label[("author", 0)] == "Mary Beard and J. Roe"
    assert by_label[("title", 0)] == "A Title: Sub" and by_label[("page", 0)] == "45–67" and by_label[("locator", 0)] == "50"
    assert by_label[("ibid", 1)] == "Ibid." and by_label[("locator", 1)] == "4"
    labels = token_labels(scan(text), found)
    assert labels[:3] == ["prefix", "author", "author"] and labels[-2] == "locator"


def test_a_date_is_found_where_the_text_spells_it() -> None:
    text = "Outlet, Sept. 3, 2019, https://x.org/a."
    found, _, _ = spans(text, [{"kind": "citation", "item": {"container-title": "Outlet", "issued": {"date-parts": [[2019, 9, 3]]}}}])
    assert [text[s.start : s.end] for s in found if s.label == "issued"] == ["Sept. 3, 2019"]


def test_assembly_reads_names_dates_and_pages_from_labelled_runs() -> None:
    text = "Mary Beard, Pompeii Revealed (London: Profile Books, 2008), pp. 112–14."
    sc = scan(text)
    labels = ["author", "author", "other", "title", "title", "other", "publisher-place", "other", "publisher", "publisher", "other", "issued", "other", "other", "page", "page", "page", "other"]
    assert len(labels) == len(sc.tokens)
    r = assemble.read(text, sc.tokens, labels, [0.9] * len(labels))
    assert r.names["author"][0].family == "Beard" and r.text["title"] == "Pompeii Revealed"
    assert r.text["publisher"] == "Profile Books" and r.dates["issued"] == (2008,) and r.text["page"] == "112–14"


def test_clean_keeps_what_belongs_to_a_value() -> None:
    assert assemble.clean("“Why Now?”,") == "Why Now?"
    assert assemble.clean("(Oxford University Press).") == "Oxford University Press"
    assert assemble.clean("Smith & Co.,") == "Smith & Co."
    assert assemble.clean("Report (2019)") == "Report (2019)"


BOOKS = [
    ("Mary Beard", "Pompeii Revealed", "London", "Profile Books", "2008", "112–14"),
    ("Tony Judt", "Postwar Europe", "New York", "Penguin Press", "2005", "45"),
    ("Karen Armstrong", "Fields of Blood", "London", "Bodley Head", "2014", "7–9"),
    ("James Scott", "Seeing Like a State", "New Haven", "Yale University Press", "1998", "13"),
    ("Eric Hobsbawm", "Age of Extremes", "London", "Michael Joseph", "1994", "201"),
    ("Svetlana Alexievich", "Secondhand Time", "New York", "Random House", "2016", "88–90"),
    ("Orlando Figes", "A People's Tragedy", "London", "Pimlico", "1997", "301"),
    ("Anne Applebaum", "Red Famine", "New York", "Doubleday", "2017", "12"),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A model trained on a few Chicago book notes, to test the pipeline, not the model."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    trainer = pycrfsuite.Trainer(verbose=False)
    for author, title, place, pub, year, page in BOOKS * 3:
        given, family = author.split(" ", 1)
        text = f"{author}, {title} ({place}: {pub}, {year}), {page}."
        parts = [{"kind": "citation", "item": {"author": [{"family": family, "given": given}], "title": title, "publisher-place": place, "publisher": pub, "issued": {"date-parts": [[int(year)]]}, "page": page}}]
        sc = scan(text)
        trainer.append(token_features(sc), token_labels(sc, spans(text, parts)[0]))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 60, "feature.possible_transitions": True})
    folder = tmp_path_factory.mktemp("model")
    trainer.train(str(folder / "fields.crfsuite"))
    return str(folder)


def test_the_model_reads_an_unseen_book_note(tiny_model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tagger.ENV_MODEL_DIR, tiny_model)
    note = RawNote(1, "Hannah Arendt, Crises Republic (New York: Harcourt Brace, 1972), 33.")
    (model,), _ = parse_notes([note], reader="model")
    got = model.parts[0]
    assert isinstance(got, Citation)
    assert got.source.title == "Crises Republic" and [n.family for n in got.source.author] == ["Arendt"]
    assert got.source.publisher == "Harcourt Brace" and got.source.issued == (1972,) and got.source.type == "book"
    assert 0.5 < got.confidence["title"] <= 1.0


def test_without_a_model_the_parser_reads_with_the_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(tagger.ENV_MODEL_DIR, str(tmp_path))
    assert not tagger.available()
    (note,), _ = parse_notes([RawNote(1, "Jane Roe, “A Title,” Outlet, 3 May 2020.")])
    assert note.parts[0].to_json()["item"]["title"] == "A Title" and "confidence" not in note.parts[0].to_json()


def test_collecting_links_never_loads_the_model(tmp_path: Path) -> None:
    doc = tmp_path / "notes.txt"
    doc.write_text("1 Jane Roe, “A Title,” Outlet, 3 May 2020, https://example.org/a.\n", encoding="utf-8")
    code = (
        "import sys, json; from footnote_kit.links.collect import collect_file; "
        f"refs = collect_file({str(doc)!r}); print(json.dumps([[r.url for r in refs], 'pycrfsuite' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert json.loads(out) == [["https://example.org/a"], False]


def test_confidence_is_in_the_json_only_when_the_model_judged() -> None:
    part = Citation(Source(title="T"), "T", confidence={"title": 0.81234})
    assert part.to_json()["confidence"] == {"title": 0.812}


def test_lint_reports_a_key_field_read_with_low_confidence() -> None:
    from footnote_kit.lint_rules import Document, unparsed
    from footnote_kit.model import Name, Note

    def doc(conf: float) -> Document:
        source = Source(type="book", title="Crises Republic", author=(Name(family="Arendt", given="Hannah"),), publisher="Harcourt")
        part = Citation(source, "Hannah Arendt, Crises Republic (New York: Harcourt, 1972).", confidence={"title": conf, "author": 0.9})
        return Document("notes.md", "[^1]: x\n", "markdown", (Note(1, part.text, (part,)),))

    (problem,) = list(unparsed.check(doc(0.21)))
    assert "low confidence: title (0.21)" in problem.message and problem.code == "unparsed-citation"
    assert list(unparsed.check(doc(0.8))) == []
