"""Documents as writers have them: Word, OpenDocument, EPUB, PDF and LaTeX projects.

Every fixture under tests/data/documents was made by the tool named in its make.sh
(pandoc, LibreOffice, pdflatex with hyperref) from the source beside it; these tests read
the committed files and need none of those tools.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from footnote_kit import documents
from footnote_kit.errors import InputError, UsageError
from footnote_kit.model import RawNote
from footnote_kit.notes import read_file
from footnote_kit.parse import parse_file

DOCS = ROOT / "tests" / "data" / "documents"


def italics(note: RawNote) -> list[str]:
    return [note.text[a:b] for a, b in note.emphasis]


# --- the registry ------------------------------------------------------------------------


def test_each_suffix_has_one_reader_and_from_names_them() -> None:
    seen = [s for r in documents.READERS for s in r.suffixes]
    assert len(seen) == len(set(seen))
    assert documents.by_suffix("Report.DOCX").name == "docx"  # type: ignore[union-attr]
    assert documents.by_suffix("thesis/main.tex").name == "latex"  # type: ignore[union-attr]
    assert documents.by_suffix("notes") is None
    assert documents.by_name("PDF").name == "pdf"
    with pytest.raises(UsageError, match="one of: plain, markdown, latex, html, docx, odt, epub, pdf"):
        documents.by_name("rtf")


def test_pre_commit_hooks_select_the_registry_suffixes() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    patterns = dict(re.findall(r"- id: (\S+)[\s\S]*?files: '([^']+)'", text))
    assert patterns["footnote-kit-lint"] == documents.hook_pattern(lint=True)
    assert patterns["footnote-kit-check"] == documents.hook_pattern()
    lint = re.compile(patterns["footnote-kit-lint"])
    assert lint.search("ch/one.PDF") and lint.search("refs.bib") and not lint.search("package.json")


def test_folder_walks_of_check_and_lint_find_every_format(tmp_path: Path) -> None:
    from footnote_kit.config import Settings
    from footnote_kit.documents import walk
    from footnote_kit.lint import collect_files

    for name in ("notes.docx", "links.pdf", "notes.epub", "notes.odt"):
        (tmp_path / name).write_bytes((DOCS / name).read_bytes())
    (tmp_path / "package.json").write_text("{}", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    walked = sorted(Path(p).name for p in walk([str(tmp_path)]))
    assert walked == ["links.pdf", "notes.docx", "notes.epub", "notes.odt", "package.json"]
    linted = sorted(p.name for p in collect_files([tmp_path], Settings()))
    assert linted == ["links.pdf", "notes.docx", "notes.epub", "notes.odt"]


# --- Word, OpenDocument, EPUB --------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes.docx", "notes.odt", "notes.epub"])
def test_pandoc_documents_give_the_markdown_notes(name: str) -> None:
    found = read_file(DOCS / name)
    source = read_file(DOCS / "notes.md")
    assert [n.number for n in found.notes] == [1, 2, 3, 4, 5]
    assert [n.text for n in found.notes] == [n.text for n in source.notes]
    assert [italics(n) for n in found.notes] == [italics(n) for n in source.notes]
    assert italics(found.notes[1]) == ["Zeitschrift für Geschichte"]
    assert found.notes[1].links == ("https://example.org/zeitschrift/2008/stadt-im-wandel",)
    # The second paragraph of note 4 belongs to it.
    assert found.notes[3].text.endswith("neighbours. A second paragraph of commentary belongs to the same note.")


def test_word_and_odt_locations_name_the_note() -> None:
    assert str(read_file(DOCS / "notes.docx").notes[1].location).endswith("notes.docx: footnote 2")
    assert str(read_file(DOCS / "notes.odt").notes[1].location).endswith("notes.odt: footnote 2")
    assert str(read_file(DOCS / "notes.epub").notes[0].location).endswith("notes.epub: EPUB/text/ch001.xhtml:27")


@pytest.mark.parametrize("name", ["custom-mark.docx", "custom-mark.odt"])
def test_libreoffice_custom_mark_and_endnote(name: str) -> None:
    notes = read_file(DOCS / name).notes
    first = notes[0]
    assert first.label == "*" and first.number == 0
    assert first.text == "This paper was written during a fellowship at the Institute for Regional Studies."
    assert italics(first) == ["Institute for Regional Studies"]
    assert str(first.location).endswith("footnote *")
    assert [n.number for n in notes[1:3]] == [1, 2]  # the custom mark took no number
    assert italics(notes[1]) == ["Identity and Memory in Post-Soviet Central Asia"]
    endnote = notes[3]
    # Word and LibreOffice number endnotes i, ii, iii: the label is the printed mark.
    assert endnote.label == "i" and str(endnote.location).endswith("endnote i")
    assert endnote.text == "Ministry of Economy, Annual Report 2020 (Tashkent, 2021), https://gov.example.org/reports/annual-2020.pdf."


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_footnotes_links_and_italics() -> None:
    found = read_file(DOCS / "report.pdf")
    notes = {n.number: n for n in found.notes}
    assert sorted(notes) == [1, 2, 3, 4, 5, 6, 7]
    assert italics(notes[1]) == ["Pompeii Revealed"]
    # A URL broken over two lines comes back whole, as the link annotation has it.
    long = "https://news.example.com/politics/2019/09/03/border-talks-stall-again-as-water-dispute-deepens-between-neighbours"
    assert notes[2].text == f"“Border Talks Stall Again,” The Valley Observer, 3 September 2019, {long}."
    assert found.evidence[long] == long
    # A link on words: its target goes where a citation prints its URL.
    assert notes[3].text == (
        "Ministry of Water Resources, Water Balance of the Valley, 2020 (Tashkent, 2021), 7, "
        "https://gov.example.org/reports/water-balance-2020.pdf."
    )
    assert italics(notes[3]) == ["Water Balance of the Valley, 2020"]
    # A printed URL that is not the link's address stays as printed, with a warning.
    assert "rationing-old." in notes[4].text
    (warning,) = found.problems
    assert warning.code == "pdf-link-differs" and "https://agency.example.org/statements/2020/rationing)" in warning.message
    assert notes[6].text == "Ibid., 60."


def test_pdf_note_running_onto_the_next_page_is_one_note() -> None:
    notes = {n.number: n for n in read_file(DOCS / "report.pdf").notes}
    five = notes[5]
    assert str(five.location).endswith("report.pdf: page 2")
    assert five.text.startswith("Timur Dadabaev, Identity and Memory in Post-Soviet Central Asia (London: Routledge, 2016), 41–58.")
    assert five.text.endswith(
        "The note ends here, on the next page, with a last source: "
        "https://archive.example.org/collections/oral-history/ferghana-water-interviews-1998."
    )
    assert str(notes[6].location).endswith("page 3")


def test_pdf_two_columns_in_order() -> None:
    notes = read_file(DOCS / "twocolumn.pdf").notes
    assert [n.number for n in notes] == [1, 2, 3, 4, 5]
    assert italics(notes[0]) == ["Central Asian Survey"]  # hyphenated at a line end, rejoined
    assert notes[0].text.startswith("Alisher Ilkhamov, “Labour Migration,” Central Asian Survey 32")
    assert notes[3].text == "Ibid., 17."


def test_pdf_endnotes_under_a_heading_and_a_writer_pdf() -> None:
    notes = read_file(DOCS / "endnotes.pdf").notes
    assert [n.text for n in notes][::2] == [
        "Madeleine Reeves, Border Work (Ithaca: Cornell University Press, 2014), 15.",
        "Ibid., 17.",
    ]
    assert notes[1].text.endswith("https://valleydaily.example.com/2021/04/02/canal-repairs-begin-after-a-decade-of-delays.")
    writer = read_file(DOCS / "notes-libreoffice.pdf").notes
    assert [n.text for n in writer] == [n.text for n in read_file(DOCS / "notes.md").notes]


def test_bundled_example_pdf_has_every_url_right() -> None:
    """The example's notes typeset with real link annotations: the same sources as the
    text copy, every one of its 52 URLs the one the authors cited, each marked."""
    pdf = parse_file(ROOT / "examples" / "central-asia-notes.pdf")
    text = parse_file(ROOT / "examples" / "central-asia-notes.txt")
    truth = json.loads((ROOT / "tests/data/repair/central-asia-true-urls.json").read_text(encoding="utf-8"))["urls"]
    true_urls = {u["true"] for u in truth}
    assert [n.number for n in pdf.notes] == [n.number for n in text.notes] == list(range(698, 754))
    urls = 0
    for a, b in zip(pdf.notes, text.notes):
        assert len(a.sources) == len(b.sources), a.number
        for x, y in zip(a.sources, b.sources):
            skip = ("URL", "URL-evidence", "URL-printed")
            assert {k: v for k, v in x.to_csl().items() if k not in skip} == {k: v for k, v in y.to_csl().items() if k != "URL"}
            if y.URL:
                urls += 1
                assert x.URL in true_urls, (a.number, x.URL)
                assert x.extra["URL-evidence"] == "pdf-link"
    printed = {m.group(0) for m in re.finditer(r"https?://", (ROOT / "examples/central-asia-notes.txt").read_text(encoding="utf-8"))}
    assert printed and urls >= 52


# --- LaTeX projects -----------------------------------------------------------------------------


def test_latex_project_follows_includes_with_each_note_in_its_file() -> None:
    notes = read_file(DOCS / "thesis" / "main.tex").notes
    where = [(Path(n.location.file or "").relative_to(DOCS / "thesis").as_posix(), n.location.line) for n in notes]
    assert where == [
        ("main.tex", 6),
        ("chapters/one.tex", 2),
        ("chapters/one.tex", 5),
        ("chapters/two.tex", 2),
        ("chapters/two-section.tex", 2),
        ("chapters/three.tex", 4),
        ("parts/appendix/sources.tex", 2),
    ]
    assert [n.number for n in notes] == list(range(1, 8))
    assert italics(notes[1]) == ["Water Balance of the Valley, 2020"]
    assert notes[6].links == ("https://archive.example.org/collections/ferghana-water-interviews",)


def test_latex_include_cycle_is_refused_and_a_missing_file_warned(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text("\\begin{document}\nA.\\footnote{One.}\n\\input{a}\n\\input{gone}\n\\end{document}\n", encoding="utf-8")
    (tmp_path / "a.tex").write_text("B.\\footnote{Two.}\n% \\input{main} is a comment\n", encoding="utf-8")
    found = read_file(tmp_path / "main.tex")
    assert [n.text for n in found.notes] == ["One.", "Two."]
    (missing,) = found.problems
    assert missing.code == "missing-input" and missing.location.line == 4
    (tmp_path / "a.tex").write_text("B.\\footnote{Two.}\n\\input{main}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.tex:2: .*main\.tex -> a\.tex -> main\.tex"):
        read_file(tmp_path / "main.tex")


# --- bad files -------------------------------------------------------------------------------


def _one_line_error(path: Path, *extra: str) -> str:
    run = run_cli("parse", str(path), *extra)
    assert run.code == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    return lines[0]


def test_pdf_without_text_and_encrypted_pdf(tmp_path: Path) -> None:
    assert "no text layer" in _one_line_error(DOCS / "notext.pdf")
    assert "encrypted" in _one_line_error(DOCS / "encrypted.pdf")


def test_renamed_doc_truncated_docx_and_zip_bomb(tmp_path: Path) -> None:
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    assert "old binary Word (.doc) file" in _one_line_error(doc)
    cut = tmp_path / "cut.docx"
    cut.write_bytes((DOCS / "notes.docx").read_bytes()[:3000])
    assert "not a valid Word (.docx) file" in _one_line_error(cut)
    bomb = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document xmlns:w='x'>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 2_000_000
    assert "zip bomb" in _one_line_error(bomb)


def test_entity_bomb_and_a_docx_without_notes(tmp_path: Path) -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><d>&b;</d>'
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    assert "entity" in _one_line_error(evil)
    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(plain, "w") as z, zipfile.ZipFile(DOCS / "notes.docx") as src:
        for item in src.namelist():
            if item not in ("word/footnotes.xml",):
                z.writestr(item, src.read(item))
    assert "no footnotes or endnotes" in _one_line_error(plain)


def test_binary_document_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_bytes((DOCS / "links.pdf").read_bytes())
    assert [n.number for n in read_file(renamed).notes] == [1, 2, 3]
    piped = subprocess.run(
        [sys.executable, "-m", "footnote_kit", "parse", "-", "--format", "text"],
        input=(DOCS / "links.pdf").read_bytes(), capture_output=True, timeout=120,
    )
    assert piped.returncode == 0 and b"http://links.example/ok" in piped.stdout
    forced = run_cli("parse", str(DOCS / "links.docx"), "--from", "rtf")
    assert forced.code == 2 and "--from: unknown format 'rtf'" in forced.stderr
