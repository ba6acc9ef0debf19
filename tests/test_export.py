"""The export command as a user runs it: files written, formats chosen, inputs never harmed."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT, run_cli

NOTES = """Body text with 2,000 numbers that are not notes.

1 “Afghan Taliban said planning to attack Tajikistan,” BBC Monitoring, 11 December 2020, https://example.org/bbc.

2 Ibid.

3 “Report of the Team,” United Nations Security Council, p.15, 23 July 2020, https://undocs.org/S/2020/717.

4 “Report of the Team,” United Nations Security Council, p.15, 23 July 2020, https://undocs.org/S/2020/717.
"""


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


def test_export_a_document_to_bib_and_map(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    out, mapping = tmp_path / "refs.bib", tmp_path / "map.json"
    run = run_cli("export", str(doc), "-o", str(out), "--map", str(mapping))
    assert run.code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("\n@") + text.startswith("@") == 2  # notes 3 and 4 cite one report; 2 is Ibid.
    rows = json.loads(mapping.read_text(encoding="utf-8"))
    by_note = {r["note"]: r for r in rows}
    assert by_note[2]["keys"] == by_note[1]["keys"] and by_note[2]["cites"][0]["ibid"] is True
    assert by_note[3]["keys"] == by_note[4]["keys"] != by_note[1]["keys"]
    assert "2 entries" in run.stderr


def test_output_suffix_chooses_csl_json_and_map_csv(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    out, mapping = tmp_path / "refs.json", tmp_path / "map.csv"
    run = run_cli("export", str(doc), "-o", str(out), "--map", str(mapping))
    assert run.code == 0, run.stderr
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 2 and all("id" in i and "type" in i for i in items)
    rows = list(csv.DictReader(mapping.open(encoding="utf-8")))
    assert [r["note"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[1]["ibid"] == "yes" and rows[1]["key"] == rows[0]["key"]


def test_convert_bib_to_csl_json_and_back_keeps_fields(tmp_path: Path) -> None:
    bib = tmp_path / "mine.bib"
    bib.write_text("@online{mine2020,\n  title = {A Page},\n  url = {https://x.org},\n  date = {2020-01-02},\n  keywords = {a, b}\n}\n", encoding="utf-8")
    as_json = tmp_path / "mine.json"
    assert run_cli("export", str(bib), "-o", str(as_json)).code == 0
    back = tmp_path / "back.bib"
    run = run_cli("export", str(as_json), "-o", str(back))
    assert run.code == 0, run.stderr
    text = back.read_text(encoding="utf-8")
    assert "@online{mine2020," in text and "keywords = {a, b}" in text and "date = {2020-01-02}" in text


def test_stdout_and_format_option(tmp_path: Path) -> None:
    run = run_cli("export", str(_doc(tmp_path)), "--format", "bibtex")
    assert run.code == 0, run.stderr
    assert "year = {2020}" in run.stdout and "month = dec" in run.stdout and "date =" not in run.stdout


def test_ascii_writes_latex_escapes(tmp_path: Path) -> None:
    bib = tmp_path / "u.bib"
    bib.write_text("@book{k,\n  author = {Müller, Jürgen},\n  title = {Die Kölner Straße}\n}\n", encoding="utf-8")
    run = run_cli("export", str(bib), "--format", "bibtex", "--ascii")
    assert run.code == 0 and run.stdout.isascii()
    assert r'M{\"u}ller' in run.stdout


def test_never_overwrites_the_input(tmp_path: Path) -> None:
    bib = tmp_path / "mine.bib"
    original = "@book{a,\n  title = {T}\n}\n"
    bib.write_text(original, encoding="utf-8")
    run = run_cli("export", str(bib), "-o", str(bib))
    assert run.code == 2 and "input file" in run.stderr
    assert bib.read_text(encoding="utf-8") == original


def test_bib_syntax_error_gives_file_line_and_writes_nothing(tmp_path: Path) -> None:
    bib = tmp_path / "broken.bib"
    bib.write_text("@book{a,\n  title = {T}\n}\n\n@book{b,\n  title = {T},\n  year = \n}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    run = run_cli("export", str(bib), "-o", str(out))
    assert run.code == 2
    assert run.stderr.startswith(f"footnote-kit: error: {bib}:") and "Traceback" not in run.stderr
    line = int(run.stderr.split(f"{bib}:")[1].split(":")[0])
    assert 7 <= line <= 8
    assert not out.exists()


def test_duplicate_key_and_missing_title_warn_with_location(tmp_path: Path) -> None:
    bib = tmp_path / "dup.bib"
    bib.write_text("@book{a,\n  title = {One}\n}\n@book{a,\n  title = {Two}\n}\n@misc{c,\n  note = {x}\n}\n", encoding="utf-8")
    run = run_cli("export", str(bib))
    assert run.code == 0
    assert f"{bib}:4: warning: duplicate key 'a'" in run.stderr
    assert f"{bib}:7: warning: entry 'c' has no title" in run.stderr


def test_unknown_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    run = run_cli("export", str(_doc(tmp_path)), "-o", str(tmp_path / "refs.txt"))
    assert run.code == 2 and "--format" in run.stderr


def test_committed_sample_bibliography_is_fresh() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_bib
    finally:
        sys.path.pop(0)
    assert make_bib.stale() == [], "bib/ is stale: run python scripts/make_bib.py"


def test_the_sample_has_one_entry_per_distinct_source() -> None:
    from footnote_kit.inputs import load

    loaded = load(EXAMPLE, notes=(698, 753))
    keys = loaded.note_keys
    assert keys[699] == keys[725]  # the same UN report (S/2020/717)
    assert keys[717] == keys[718] == keys[720] == keys[721] == keys[722]  # S/2020/53, Ibid. x3
    assert keys[717] != keys[699]  # same title, other date and symbol: another report
    assert keys[738] == keys[739]
    assert keys[700] == ()  # a remark cites nothing
    assert len({r.key for r in loaded.records}) == len(loaded.records)
    urls = [r.source.URL for r in loaded.records if r.source.URL]
    assert len(urls) == len(set(urls))


def test_loading_and_keys_do_not_import_pybtex() -> None:
    import subprocess

    code = "import sys, footnote_kit.inputs, footnote_kit.records, footnote_kit.export, footnote_kit.formats; print('pybtex' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


PASTE = """1 Kirsten Westphal, Central Asian Energy Security (Berlin: SWP, 2015), 112–14.

2 Noah Tucker, “Public and State Responses,” Central Asian Survey 38, no. 3 (2019): 479–94.

3 Interview with a former police officer, Osh, 14 May 2019.

4 This figure was never published anywhere.

5 Westphal, Central Asian Energy Security, 120.
"""


def test_a_bibliography_a_writer_can_paste(tmp_path: Path) -> None:
    doc = tmp_path / "draft.txt"
    doc.write_text(PASTE, encoding="utf-8")
    out, mapping = tmp_path / "refs.bib", tmp_path / "map.json"
    run = run_cli("export", str(doc), "-o", str(out), "--map", str(mapping))
    assert run.code == 0, run.stderr
    bib = out.read_text(encoding="utf-8")
    # the book's cited pages are no field of it; the article keeps its range as biber reads it
    book = bib[bib.index("@book{westphal2015central"):].split("\n}\n", 1)[0]
    assert "pages" not in book
    assert "pages = {479--94}" in bib
    # the interview is an entry, not an empty map row
    assert "@misc{interviewformerpolice2019," in bib and "type = {Interview}" in bib
    rows = {r["note"]: r for r in json.loads(mapping.read_text(encoding="utf-8"))}
    assert [c["locator"] for n in (1, 2, 5) for c in rows[n]["cites"]] == ["112–14", "479–94", "120"]
    assert rows[3]["keys"] == ["interviewformerpolice2019"]
    assert rows[4]["cites"] == [] and rows[4]["left_out"] == [
        {"part": 1, "text": "This figure was never published anywhere.", "reason": "remark citing no source"}]
    assert "3 entries from 5 notes" in run.stderr
    assert "1 note part made no entry (remark citing no source: 1); listed in" in run.stderr


def test_the_csv_map_lists_every_part_in_order(tmp_path: Path) -> None:
    doc = tmp_path / "draft.txt"
    doc.write_text(PASTE, encoding="utf-8")
    mapping = tmp_path / "map.csv"
    run = run_cli("export", str(doc), "-o", str(tmp_path / "refs.json"), "--map", str(mapping))
    assert run.code == 0, run.stderr
    rows = list(csv.DictReader(mapping.open(encoding="utf-8")))
    assert list(rows[0]) == ["note", "key", "locator", "ibid", "prefix", "suffix", "part", "left_out", "label"]
    assert [(r["note"], r["key"], r["locator"], r["left_out"]) for r in rows] == [
        ("1", "westphal2015central", "112–14", ""),
        ("2", "tucker2019public", "479–94", ""),
        ("3", "interviewformerpolice2019", "", ""),
        ("4", "", "", "remark citing no source"),
        ("5", "westphal2015central", "120", ""),
    ]


def test_the_map_keeps_every_note_when_numbers_repeat(tmp_path: Path) -> None:
    # Chapters that number their notes from 1 again, and a note 15a inserted after 15:
    # each note keeps its own row, in order, instead of the last of a number replacing the rest.
    book = tmp_path / "book.txt"
    book.write_text(
        "Chapter 1\n\nText.1 More.2\n\nNotes\n\n"
        "1. Jane Smith, The Long Road (London: Verso, 2019), 4.\n2. Tom Hart, Numbers Game (Oxford: OUP, 2018), 7.\n\n"
        "Chapter 2\n\nText.1 More.2\n\nNotes\n\n"
        "1. Ann Lee, Counting Votes (New York: Norton, 2017), 3.\n2. Bob Ray, The Count (Paris: Seuil, 2016), 5.\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "book.map.json"
    run = run_cli("export", str(book), "-o", str(tmp_path / "book.bib"), "--map", str(mapping))
    assert run.code == 0, run.stderr
    rows = json.loads(mapping.read_text(encoding="utf-8"))
    assert [(r["note"], r["keys"]) for r in rows] == [
        (1, ["smith2019long"]), (2, ["hart2018numbers"]), (1, ["lee2017counting"]), (2, ["ray2016count"]),
    ]
    draft = tmp_path / "draft.md"
    draft.write_text("A.[^15] B.[^15a]\n\n[^15]: Jane Smith, *The Long Road* (London: Verso, 2019), 4.\n"
                     "[^15a]: Tom Hart, *Numbers Game* (Oxford: OUP, 2018), 7.\n", encoding="utf-8")
    csv_map = tmp_path / "draft.csv"
    assert run_cli("export", str(draft), "-o", str(tmp_path / "d.bib"), "--map", str(csv_map)).code == 0
    got = [(r["note"], r["label"], r["key"]) for r in csv.DictReader(csv_map.open(encoding="utf-8"))]
    assert got == [("15", "", "smith2019long"), ("15", "15a", "hart2018numbers")]
