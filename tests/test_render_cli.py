"""footnote-kit render, end to end: styles, modes, formats, bad input, and the bundled sample."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

from footnote_kit.model import Citation, Ibid, Name, Note, Remark, Source
from footnote_kit.parse import parse_file
from footnote_kit.render.pipeline import render_bibliography, render_notes

SIX = ["chicago-notes-bibliography", "apa", "modern-language-association", "harvard-cite-them-right", "ieee", "mhra-notes"]

REPORT = Source(
    type="report",
    title="Report of the Analytical Support and Sanctions Monitoring Team",
    publisher="United Nations Security Council",
    issued=(2020, 7, 23),
    URL="https://undocs.org/S/2020/717",
)
NEWS = Source(
    type="article-newspaper",
    author=(Name(family="Safar", given="Tokhir"),),
    title="Istochniki: v Sirii arestovany tadzhikskiye dzhikhadisty",
    translated_title="Sources: Tajik jihadists arrested in Syria",
    container_title="Radio Ozodi",
    issued=(2019, 12, 19),
    URL="https://rus.ozodi.org/a/30332766.html",
    language="ru",
)


def _items_file(tmp_path: Path, items: list[dict[str, object]]) -> Path:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_bibliography_from_csl_json_with_an_old_style_name(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl(), NEWS.with_changes(id="n").to_csl()])
    run = run_cli("render", str(path), "--style", "chicago-fullnote-bibliography")
    assert run.code == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Report of the Analytical") and lines[1].startswith("Safar")  # sorted
    assert "[Sources: Tajik jihadists arrested in Syria]" in lines[1]
    assert "is now called 'chicago-notes-bibliography'" in run.stderr


def test_unknown_style_suggests_and_exits_2(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl()])
    run = run_cli("render", str(path), "--style", "chicago-fullnote-bibliograpy")
    assert run.code == 2
    assert run.stderr.count("\n") == 1 and "chicago-fullnote-bibliography" in run.stderr and "Traceback" not in run.stderr


def test_html_escapes_field_text_and_links_urls(tmp_path: Path) -> None:
    item = REPORT.with_changes(id="x", title="Sanctions <script>alert('x')</script> & after").to_csl()
    path = _items_file(tmp_path, [item])
    run = run_cli("render", str(path), "--style", "apa", "--format", "html")
    assert run.code == 0, run.stderr
    assert "<script>" not in run.stdout
    assert "&lt;script&gt;" in run.stdout
    assert '<a href="https://undocs.org/S/2020/717">' in run.stdout


def test_an_item_without_title_or_date_is_named_and_the_rest_rendered(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="good").to_csl(), {"id": "bare", "type": "webpage", "URL": "https://example.org/x"}])
    run = run_cli("render", str(path), "--style", "apa")
    assert run.code == 0, run.stderr
    assert "'bare'" in run.stderr and "no title and no date" in run.stderr
    assert "Report of the Analytical" in run.stdout and "https://example.org/x" in run.stdout


def test_malformed_input_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text("[{", encoding="utf-8")
    run = run_cli("render", str(path), "--style", "apa")
    assert run.code == 2 and "items.json:1" in run.stderr and "Traceback" not in run.stderr


def test_output_file_is_written_atomically_and_kept_on_failure(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl()])
    out = tmp_path / "out" / "refs.md"
    run = run_cli("render", str(path), "--style", "apa", "--format", "markdown", "-o", str(out))
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    assert "*Report of the Analytical" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["refs.md"]  # no temporary file left
    before = out.read_text(encoding="utf-8")
    failed = run_cli("render", str(path), "--style", "no-such-style-at-all", "-o", str(out))
    assert failed.code == 2
    assert out.read_text(encoding="utf-8") == before


def test_notes_mode_keeps_numbers_remarks_and_gives_ibid() -> None:
    notes = [
        Note(
            698,
            "i) Safar, “Istochniki,” 2019; ii) The figure was revealed in Tbilisi.",
            parts=(Citation(NEWS, "Safar, “Istochniki,” 2019"), Remark("The figure was revealed in Tbilisi.")),
        ),
        Note(699, "See: “Report,” UN, p.15.", parts=(Remark("See:"), Citation(REPORT.with_changes(page="15"), "“Report,” UN, p.15"))),
        Note(700, "Ibid.", parts=(Ibid("Ibid.", refers_to=699, sources=(REPORT.with_changes(page="15"),)),)),
        Note(701, "Ibid., 17.", parts=(Ibid("Ibid., 17.", refers_to=700, sources=(REPORT,), locator="17"),)),
        Note(702, "Safar.", parts=(Citation(NEWS, "Safar"),)),
    ]
    result = render_notes(notes, "chicago-notes-bibliography-subsequent-ibid")
    blocks = result.text.strip().split("\n\n")
    assert [b.split(" ", 1)[0] for b in blocks] == ["698", "699", "700", "701", "702"]
    assert blocks[0].startswith("698 i) Tokhir Safar") and "; ii) The figure was revealed in Tbilisi." in blocks[0]
    assert blocks[1].startswith("699 See: ") and "https://undocs.org/S/2020/717" in blocks[1]
    assert blocks[2] == "700 Ibid."
    assert blocks[3] == "701 Ibid., 17."
    assert "https://" not in blocks[4] and "Safar" in blocks[4]  # the short form


def _printed_years(source: Source) -> list[str]:
    return [str(source.issued[0])] if source.issued else []


@pytest.mark.parametrize("style", SIX)
def test_sample_renders_in_each_style_keeping_urls_and_dates(style: str) -> None:
    """Every note comes back under its number; each URL and printed year survives: in the
    note that first cites the source (note styles) or in the reference list that follows
    the notes (author-date and numeric styles, whose citations are "(Safar 2019)" or "[3]")."""
    parsed = parse_file(EXAMPLE)
    result = render_notes(parsed.notes, style)
    assert result.failed == 0
    notes_text, _, references = result.text.partition("\nReferences\n")
    assert bool(references) == (result.style.style_class != "note")
    blocks = {int(b.split(" ", 1)[0]): b for b in notes_text.strip().split("\n\n")}
    assert sorted(blocks) == sorted(n.number for n in parsed.notes)
    seen: set[str] = set()
    for note in parsed.notes:
        for source in note.sources:
            where = references if references else blocks[note.number]
            if references or (source.URL or source.title) not in seen:
                if source.URL:
                    assert source.URL in where, (style, note.number, source.URL)
                for year in _printed_years(source):
                    assert year in where, (style, note.number, year)
            seen.add(source.URL or source.title or "")
    sources = [s for n in parsed.notes for s in n.sources]
    bib = render_bibliography(sources, style)
    assert bib.failed == 0
    for source in sources:
        if source.URL:
            assert source.URL in bib.text, (style, source.URL)
        for year in _printed_years(source):
            assert year in bib.text


def test_cli_notes_mode_on_the_sample_keeps_the_numbering() -> None:
    run = run_cli("render", str(EXAMPLE), "--notes", "698-712", "--style", "mhra-notes", "--mode", "notes", "--format", "markdown")
    assert run.code == 0, run.stderr
    labels = re.findall(r"^\[\^(\d+)\]:", run.stdout, re.M)
    assert labels == [str(n) for n in range(698, 713)]
    assert "See:" in run.stdout  # the writer's own words, kept around the citation


def test_notes_mode_needs_a_document(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl()])
    run = run_cli("render", str(path), "--style", "apa", "--mode", "notes")
    assert run.code == 2 and "needs a document with notes" in run.stderr


def test_our_policy_style_prints_british_dates_and_the_url_with_a_doi() -> None:
    article = Source(type="article-journal", title="Jihadists in Idlib", container_title="CTC Sentinel", issued=(2020, 6, 15), DOI="10.1000/xyz", URL="https://ctc.westpoint.edu/x", author=(Name(family="Kajjo", given="Sirwan"),))
    out = render_bibliography([article, NEWS], "chicago-notes-policy").text
    assert "https://ctc.westpoint.edu/x" in out and "https://doi.org/10.1000/xyz" in out
    assert "19 December 2019" in out


def test_unknown_locale_is_refused_with_suggestions(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl()])
    run = run_cli("render", str(path), "--style", "apa", "--locale", "en-UK")
    assert run.code == 2 and "unknown locale 'en-UK'" in run.stderr and "en-GB" in run.stderr


def test_british_locale_gives_day_month_year(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [NEWS.with_changes(id="n").to_csl()])
    run = run_cli("render", str(path), "--style", "chicago-notes-bibliography", "--locale", "en-GB")
    assert run.code == 0, run.stderr
    assert "19 December 2019" in run.stdout


def test_bib_with_a_broken_entry_renders_the_rest(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@online{un2020, title = {Report of the Monitoring Team}, organization = {United Nations}, date = {2020-07-23}, url = {https://undocs.org/S/2020/717}}\n"
        "@book{broken, title = {Unfinished\n",
        encoding="utf-8",
    )
    run = run_cli("render", str(bib), "--style", "mhra-notes")
    assert run.code == 0, run.stderr
    assert "https://undocs.org/S/2020/717" in run.stdout
    assert "refs.bib:2:" in run.stderr and "this entry is skipped" in run.stderr


def test_malformed_csl_style_file(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl()])
    style = tmp_path / "house.csl"
    style.write_text('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<citation>\n</style>\n', encoding="utf-8")
    run = run_cli("render", str(path), "--style", str(style))
    assert run.code == 2 and "house.csl:4" in run.stderr and run.stderr.count("\n") == 1


def test_nothing_renderable_exits_2(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [1, 2])  # type: ignore[list-item]
    run = run_cli("render", str(path), "--style", "apa")
    assert run.code == 2 and "item 1 is not an object" in run.stderr and run.stderr.count("\n") == 1


def test_csl_json_on_stdin() -> None:
    items = json.dumps([REPORT.with_changes(id="r").to_csl()])
    run = run_cli("render", "-", "--style", "ieee", "--format", "markdown", input=items)
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("\\[1\\]") and "<https://undocs.org/S/2020/717>" in run.stdout


def test_output_never_overwrites_the_input(tmp_path: Path) -> None:
    path = _items_file(tmp_path, [REPORT.with_changes(id="r").to_csl()])
    before = path.read_text(encoding="utf-8")
    run = run_cli("render", str(path), "--style", "apa", "-o", str(path))
    assert run.code == 2 and "never overwrites its input" in run.stderr
    assert path.read_text(encoding="utf-8") == before
