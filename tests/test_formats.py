"""Round trips: what export writes, pybtex and the CSL-JSON schema accept and read back the same."""

from __future__ import annotations

import calendar
import json
from pathlib import Path

import jsonschema
import pytest

from footnote_kit.formats import by_name, by_suffix, bibtex, csljson
from footnote_kit.formats.latex import decode, encode
from footnote_kit.model import Name, Record, Source

DATA = Path(__file__).parent / "data"

SOURCES = [
    Source(
        type="article-newspaper",
        author=(Name("Safar", "Tokhir"), Name("Ahmadi", "Mumin")),
        title="Istochniki: v Sirii arestovany tadzhikskiye «dzhikhadisty» Abu Dovud",
        translated_title="Sources: Tajik ‘jihadists’ arrested in Syria",
        container_title="Radio Ozodi – RFE/RL’s Tajik Service",
        issued=(2019, 12, 19),
        URL="https://rus.ozodi.org/a/30332766.html",
        language="ru",
    ),
    Source(
        type="report",
        title="Report of the Analytical Support and Sanctions Monitoring Team",
        publisher="United Nations Security Council",
        number="S/2020/717",
        genre="Monitoring report",
        page="15",
        issued=(2020, 7, 23),
        URL="https://undocs.org/S/2020/717",
    ),
    Source(
        type="article-journal",
        author=(Name("Jameel", "Rami"),),
        title="HTS Leader al-Julani’s New Strategy: 50% & #1 in $ terms_{x}",
        container_title="Terrorism Monitor",
        volume="18",
        issue="19",
        page="3–5",
        issued=(2020, 10, 13),
        DOI="10.1000/xyz_1",
    ),
    Source(
        type="book",
        author=(Name("Müller", "Jürgen"), Name(literal="Kölner Institut für Łódź-Studien")),
        title="Die Kölner Straße",
        publisher="Verlag Ø",
        publisher_place="Köln",
        issued=(2001,),
        language="de",
        edition="2",
    ),
    Source(
        type="webpage",
        title="Livestreaming of the SCO Heads of State Council Meeting",
        container_title="SCO Russia 2020",
        URL="https://eng.scorussia2020.ru/video/20201110/1080285/x.html",
        issued=(2020, 11, 10),
        accessed=(2021, 1, 5),
        note="He spoke at 2:01",
    ),
    Source(type="chapter", author=(Name("Doe", "Jane"),), editor=(Name("Roe", "Richard"),), title="A Chapter", container_title="The Book", publisher="Press", issued=(2010,), page="1-20"),
    Source(type="thesis", author=(Name("Kim", "Lee"),), title="On Things", publisher="University of Somewhere", genre="PhD thesis", issued=(2015,)),
    Source(type="interview", author=(Name("Said", "Omar"),), title="Interview with the author", issued=(2021, 3)),
]
RECORDS = [Record(key=f"k{i}", source=s.with_changes(id=f"k{i}")) for i, s in enumerate(SOURCES)]


def _plain(source: Source) -> dict[str, object]:
    out = source.to_csl()
    out.pop("_bibtex", None)
    return out


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
@pytest.mark.parametrize("ascii", [False, True])
def test_pybtex_reads_back_every_field_we_wrote(dialect: str, ascii: bool) -> None:
    from pybtex.database import parse_string

    text = bibtex.write(RECORDS, dialect=dialect, ascii=ascii)
    data = parse_string(text, "bibtex")
    assert list(data.entries) == [r.key for r in RECORDS]
    for record in RECORDS:
        etype, fields, persons = bibtex.fields_of(record.source, dialect)
        entry = data.entries[record.key]
        assert entry.type == etype
        got = {k.lower(): decode(v) for k, v in entry.fields.items()}
        if "month" in fields:  # written as the macro (month = dec), which pybtex expands
            fields["month"] = calendar.month_name[bibtex.MONTHS.index(fields["month"]) + 1]
        if ascii:  # LaTeX's ` and ' are its curly single quotes: they print the same
            fields = {k: v.replace("‘", "`").replace("’", "'") for k, v in fields.items()}
        assert got == fields
        for role, names in persons.items():
            assert [decode(str(p)) for p in entry.persons[role]] == [
                n.literal or (f"{n.family}, {n.given}" if n.given else n.family) for n in names
            ]
    if ascii:
        assert text.isascii()


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
def test_our_reader_gets_back_the_same_sources(dialect: str) -> None:
    text = bibtex.write(RECORDS, dialect=dialect)
    loaded = bibtex.read(text, file="x.bib")
    records = loaded.records
    assert loaded.problems == ()
    for before, after in zip(RECORDS, records):
        want = _plain(before.source)
        if "page" in want:  # written as biber's range (1--20), read back as an en dash
            want["page"] = want["page"].replace("-", "–")
        got = _plain(after.source)
        if dialect == "bibtex":
            # Classic BibTeX has no urldate, ISO day or entry subtypes: compare what it holds.
            core = ("title", "translated-title", "author", "editor", "container-title", "publisher", "URL", "DOI", "volume", "page")
            want = {k: want[k] for k in core if k in want}
            got = {k: got[k] for k in core if k in got}
            assert after.source.issued == (before.source.issued or ())[:2] or None, before.key
        assert got == want, before.key


def test_specials_are_escaped_and_capitals_protected() -> None:
    text = bibtex.write(RECORDS[1:3])
    assert r"50\% \& \#1 in \$ terms\_\{x\}" in text
    assert "{HTS} {Leader}" in text
    assert "Report of the {Analytical}" in text
    assert encode("Afghan Taliban said UN", protect=True) == "Afghan {Taliban} said {UN}"
    assert encode("UN report", protect=True) == "{UN} report"


def test_translation_and_language_fields() -> None:
    text = bibtex.write(RECORDS[:1])
    assert "titleaddon = {[Sources: {Tajik} ‘jihadists’ arrested in {Syria}]}" in text
    assert "langid = {russian}" in text
    classic = bibtex.write(RECORDS[:1], dialect="bibtex")
    assert "note = {[Sources:" in classic and "month = dec" in classic and "year = {2019}" in classic


def test_a_translated_title_of_unknown_language_is_protected_whole() -> None:
    source = SOURCES[0].with_changes(language=None)
    text = bibtex.write([Record("a", source)])
    assert "title = {{Istochniki: v Sirii" in text
    assert "langid" not in text


def test_a_users_bib_keeps_every_entry_and_field_through_a_round_trip() -> None:
    from pybtex.database import parse_string

    original = """@string{jt = "Journal of Things"}
@Article{one,
  author = {Smith, John and {World Health Organization}},
  title = {{A} Fully {Protected} Title},
  journal = jt,
  year = 1999,
  month = feb,
  pages = {1--9},
  keywords = {alpha, beta},
  abstract = {An {abstract} with \\emph{markup}},
  x-custom = {kept}
}
@patent{two,
  title = {A Patent},
  holder = {ACME},
  date = {2001-02-03}
}
"""
    loaded = bibtex.read(original)
    records = loaded.records
    assert loaded.problems == ()
    again = bibtex.write(records, dialect="biblatex")
    before = parse_string(original, "bibtex").entries
    after = parse_string(again, "bibtex").entries
    assert list(after) == list(before)
    for key in before:
        old = {k.lower(): v for k, v in before[key].fields.items()}
        new = {k.lower(): v for k, v in after[key].fields.items()}
        for name, value in old.items():
            renamed = {"journal": "journaltitle", "year": "date"}.get(name, name)
            assert name in new or renamed in new, (key, name)
            if name in new:
                assert new[name] == value, (key, name)
    assert after["one"].type.lower() == "article" and after["two"].type == "patent"
    assert [str(p) for p in after["one"].persons["author"]] == [str(p) for p in before["one"].persons["author"]]


def test_csl_json_validates_against_the_schema_and_reads_back() -> None:
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    text = csljson.write(RECORDS)
    items = json.loads(text)
    jsonschema.validate(items, schema)
    assert [i["id"] for i in items] == [r.key for r in RECORDS]
    loaded = csljson.read(text)
    records = loaded.records
    assert loaded.problems == ()
    assert [r.source for r in records] == [r.source for r in RECORDS]


def test_bib_to_csl_json_to_bib_keeps_unknown_fields() -> None:
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    records = bibtex.read("@online{a,\n  title = {T},\n  url = {https://x.org},\n  eprint = {1234.5678}\n}\n").records
    text = csljson.write(records)
    jsonschema.validate(json.loads(text), schema)
    back = csljson.read(text).records
    assert "eprint = {1234.5678}" in bibtex.write(back)


def test_formats_resolve_by_name_and_suffix() -> None:
    assert by_suffix("refs.bib").name == "biblatex"
    assert by_suffix("refs.json").name == "csl-json"
    assert by_suffix("refs.txt") is None
    assert by_name("CSL-JSON").name == "csl-json" and by_name("bibtex").name == "bibtex"


def _entry(source: Source, dialect: str = "biblatex") -> tuple[str, dict[str, str]]:
    from pybtex.database import parse_string

    entry = parse_string(bibtex.write([Record("k", source)], dialect=dialect), "bibtex").entries["k"]
    return entry.type, {k.lower(): v for k, v in entry.fields.items()}


def test_page_ranges_are_written_as_biber_reads_them() -> None:
    article = Source(type="article-journal", title="T", container_title="J", page="479–94")
    assert _entry(article)[1]["pages"] == "479--94"
    assert _entry(article.with_changes(page="7 - 47"), "bibtex")[1]["pages"] == "7--47"
    assert "pages = {479--94}" in bibtex.write([Record("k", article)], ascii=True)


def test_entry_types_that_fit_what_the_notes_cite() -> None:
    report = Source(type="report", author=(Name(literal="International Crisis Group"),), title="Central Asia: Decay and Decline", publisher="ICG", genre="Asia Report", number="201", issued=(2011,))
    assert _entry(report) == ("report", {"title": "Central {Asia}: {Decay} and {Decline}", "institution": "ICG", "type": "Asia Report", "number": "201", "date": "2011"})
    signed = report.with_changes(publisher=None)
    assert _entry(signed)[1]["institution"] == "International Crisis Group"  # the signing body issued it
    assert bibtex.read(bibtex.write([Record("k", signed)])).records[0].source.publisher is None
    un = Source(type="report", title="Report of the Monitoring Team", publisher="United Nations Security Council", number="S/2020/717", issued=(2020, 7, 23))
    assert _entry(un)[1]["type"] == "Report" and _entry(un)[1]["number"] == "S/2020/717"
    assert _entry(un, "bibtex")[0] == "techreport"
    thesis = Source(type="thesis", author=(Name("Roe", "John"),), title="Pipelines and Power", publisher="University of Oxford", genre="PhD diss.", issued=(2018,))
    assert _entry(thesis)[0] == "thesis" and _entry(thesis)[1]["type"] == "PhD diss." and _entry(thesis)[1]["institution"] == "University of Oxford"
    assert _entry(thesis, "bibtex")[1]["school"] == "University of Oxford"
    case = Source(type="legal_case", title="Brown v. Board of Education", issued=(1954,))
    statute = Source(type="legislation", title="Civil Rights Act of 1964", issued=(1964,))
    data = Source(type="dataset", title="Global Terrorism Database", publisher="START", issued=(2020,))
    assert [_entry(s)[0] for s in (case, statute, data)] == ["jurisdiction", "legislation", "dataset"]
    assert [_entry(s, "bibtex")[0] for s in (case, statute, data)] == ["misc", "misc", "misc"]


def test_interviews_and_letters_are_misc_with_a_type() -> None:
    interview = Source(type="interview", note="Interview with a former police officer", publisher_place="Osh", issued=(2019, 5, 14))
    email = Source(type="personal_communication", author=(Name("Doe", "Jane"),), medium="email", issued=(2020, 3, 3))
    assert _entry(interview) == ("misc", {"entrysubtype": "interview", "type": "Interview", "location": "Osh", "date": "2019-05-14", "note": "Interview with a former police officer"})
    assert _entry(email)[0] == "misc" and _entry(email)[1]["type"] == "Personal communication"
    # read back: the same kind of source, and the type export filled in is no genre
    records = bibtex.read(bibtex.write([Record("a", interview), Record("b", email)])).records
    assert [(r.source.type, r.source.genre) for r in records] == [("interview", None), ("personal_communication", None)]
    back = bibtex.read("@jurisdiction{c, title = {Brown v. Board}, date = {1954}}\n@legislation{d, title = {An Act}}\n").records
    assert [r.source.type for r in back] == ["legal_case", "legislation"]


def test_a_volume_in_roman_numerals_is_one_biber_keeps() -> None:
    # biber drops a non-integer volume ("Invalid value of field 'volume' must be datatype
    # 'integer' - ignoring field"): the writer's volume would vanish from the bibliography.
    book = Source(type="book", title="Capital", volume="II", publisher="Meissner", issued=(1885,))
    assert _entry(book)[1]["volume"] == "2"
    assert _entry(book.with_changes(volume="xiv"))[1]["volume"] == "14"
    assert _entry(book.with_changes(volume="II 287"))[1]["volume"] == "II 287"  # not a numeral: as printed
    assert _entry(book, "bibtex")[1]["volume"] == "II"  # classic BibTeX prints it as it is
    assert json.loads(csljson.write([Record("k", book)]))[0]["volume"] == "II"
