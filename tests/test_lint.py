"""Lint rules, each on a real example, and the ``lint`` command's output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from footnote_kit.config import LINT_RULES, LintSettings, Settings
from footnote_kit.lint import RULES, lint
from footnote_kit.lint_rules import Document, citekeys, dates, duplicates, ibid, unparsed
from footnote_kit.model import Citation, Ibid, Location, Note, Remark, Source

# Note 744 of the bundled sample, as printed: the date and the URL's date disagree.
NOTE_743 = "743 Agnieszka Pikulicka-Wilczewska, “Deporting Muslim Immigrants Won’t Make Poland Safer,” Foreign Policy, 19 October 2020.\n\n"
NOTE_744 = (
    "744 Paul Antonopoulos, “Leading member of ISIS that was granted asylum status has been arrested in "
    "Greece,” Greek City Times, 5 October 2020, https://greekcitytimes.com/2020/11/05/isis-asylumgreece/.\n"
)
# Note 698 iii) of the sample: the PDF left a space inside ".html".
NOTE_698_III = (
    "698 “Nuzhno li vozvrashat kyrgyzstantsev iz Sirii. Chto dumayut MID i eksperti?” (‘Is it necessary "
    "to repatriate Kyrgyz militants from Syria.’), Kaktus Media, 1 June 2019, "
    "https://kaktus.media/doc/392271_nyjno_li_vozvrash_at_kyrgyzstancev_iz_sirii._chto_dymaut_mid_i_eksperty.h tml; "
    "and iv) a second source.\n\n"
    "699 “Report of the Analytical Support and Sanctions Monitoring Team,” United Nations Security Council, "
    "23 July 2020, https://undocs.org/S/2020/717.\n"
)


def _doc(*notes: Note, path: str = "draft.txt") -> Document:
    return Document(path, "\n".join(n.text for n in notes), "plain", notes)


def _note(number: int, text: str, *parts, line: int = 1) -> Note:
    return Note(number, text, tuple(parts), Location("draft.txt", line))


def test_every_rule_is_registered_and_configurable() -> None:
    assert set(RULES) == set(LINT_RULES)


# --- date-mismatch ------------------------------------------------------------------


def test_date_mismatch_on_the_samples_note_744(tmp_path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text(NOTE_743 + NOTE_744, encoding="utf-8")
    problems = [p for p in lint([f]) if p.code == "date-mismatch"]
    assert len(problems) == 1
    p = problems[0]
    assert p.location == Location(str(f), 3) and p.note == 744
    assert "5 October 2020" in p.message and "5 November 2020" in p.message and "2020/11/05" in p.message


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://greekcitytimes.com/2020/11/05/isis-asylumgreece/", (2020, 11, 5)),
        ("https://ru.sputnik.kg/society/20201020/1050127498/kyrgyzstan-mto.html", (2020, 10, 20)),
        ("https://www.ng.ru/world/2020-12-11/100_afgan111220.html", (2020, 12, 11)),
        ("https://crss.uz/2020/03/31/idlibskij-peredel/", (2020, 3, 31)),
    ],
)
def test_url_dates_read_the_common_path_forms(url: str, expected: tuple[int, ...]) -> None:
    assert dates.url_dates(url)[0][0] == expected


def test_url_dates_ignore_ids_and_hosts() -> None:
    assert dates.url_dates("https://rus.ozodi.org/a/30332766.html") == []
    assert dates.url_dates("https://undocs.org/S/2020/717") == []
    assert dates.url_dates("https://20201105.example.com/a") == []


def test_date_agreeing_within_a_day_or_by_month_is_not_reported() -> None:
    # Sample note 746: 14 July 2020 for a slug dated 2020-7-13 (time zones).
    n746 = _note(746, "x", Citation(Source(URL="https://caspiannews.com/newsdetail/inrostov-region-2020-7-13-15/", issued=(2020, 7, 14))))
    month = _note(1, "x", Citation(Source(URL="https://example.org/2020/07/story", issued=(2020, 7, 30))))
    access = _note(2, "“T,” Outlet, 3 May 2019, accessed 9 June 2021, https://example.org/2019/05/03/t", Citation(Source()))
    access = _note(2, access.text, Citation(Source(), text=access.text))
    assert list(dates.check(_doc(n746, month, access))) == []


# --- damaged-url ----------------------------------------------------------------------


def test_damaged_url_space_inside_with_repair(tmp_path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text(NOTE_698_III, encoding="utf-8")
    problems = [p for p in lint([f]) if p.code == "damaged-url"]
    assert len(problems) == 1
    assert "eksperty.h tml" in problems[0].message
    assert problems[0].location.line == 1
    assert problems[0].message.endswith("likely https://kaktus.media/doc/392271_nyjno_li_vozvrash_at_kyrgyzstancev_iz_sirii._chto_dymaut_mid_i_eksperty.html")


def test_damaged_url_lost_hyphen_from_the_title_and_intact_urls_left_alone(tmp_path) -> None:
    # Sample notes 704 (hyphens lost at two line breaks) and 741 (an intact URL).
    f = tmp_path / "notes.txt"
    f.write_text(
        "704 “Indian doctor suspected of having been Jalalabad prison car bomber,” Ariana News, 5 August 2020, "
        "https://ariananews.af/indian-doctorsuspected-of-having-been-jalalabad-prison-carbomber/.\n\n"
        "705 “Germany arrests IS suspects plotting attacks on US bases,” Deutsche Welle, 15 April 2020, "
        "https://www.dw.com/en/germany-arrests-is-suspects-plotting-attacks-on-us-bases/a-53129563\n",
        encoding="utf-8",
    )
    problems = [p for p in lint([f]) if p.code == "damaged-url"]
    assert [p.note for p in problems] == [704]
    assert "likely https://ariananews.af/indian-doctor-suspected-of-having-been-jalalabad-prison-car-bomber/" in problems[0].message


# --- unparsed-citation --------------------------------------------------------------------


def test_unparsed_citation_reports_what_is_missing() -> None:
    good = Source(title="Germany arrests IS suspects", container_title="Deutsche Welle", URL="https://www.dw.com/en/a-53129563")
    # Sample note 733 as a parser might leave it: a title but the URL cut at the PDF's line end.
    cut = Source(title="V Tadzhikistane", container_title="Mir24.TV", URL="https://tj.sputniknews.ru/country/20200803/1031674398/tajikistan-")
    bare = Source(URL="https://undocs.org/S/2020/717")
    remark = Remark("livestream recorded here: https://eng.scorussia2020.ru/video/20201110/1080285/Livestreaming.html")
    doc = _doc(_note(741, "a", Citation(good)), _note(733, "b", Citation(cut)), _note(699, "c", Citation(bare)), _note(702, "d", remark))
    problems = list(unparsed.check(doc))
    assert [p.note for p in problems] == [733, 699, 702]
    assert "cut short" in problems[0].message
    assert "no title" in problems[1].message and "no outlet or author" in problems[1].message
    assert "no source could be read" in problems[2].message


# --- duplicate-source ---------------------------------------------------------------------


def test_duplicate_source_in_two_forms() -> None:
    # Sample notes 738/739 cite the same press release; here the second copy drifted.
    a = Source(title="Festnahme fünf mutmaßlicher Mitglieder", URL="https://www.generalbundesanwalt.de/SharedDocs/DE/pm-15-04-2020.html", issued=(2020, 4, 15))
    b = a.with_changes(URL="http://generalbundesanwalt.de/SharedDocs/DE/pm-15-04-2020.html", issued=(2020, 4, 16))
    same = a.with_changes()
    doc = _doc(_note(738, "a", Citation(a)), _note(739, "b", Citation(same)), _note(740, "c", Citation(b)))
    problems = list(duplicates.check(doc))
    assert len(problems) == 1 and problems[0].note == 740
    assert "note 738" in problems[0].message and "date 2020-4-15 vs 2020-4-16" in problems[0].message


def test_same_title_different_reports_are_not_duplicates() -> None:
    # Sample notes 717 and 725: one title, two UN reports.
    t = "Report of the Analytical Support and Sanctions Monitoring Team"
    doc = _doc(
        _note(717, "a", Citation(Source(title=t, URL="https://undocs.org/S/2020/53"))),
        _note(725, "b", Citation(Source(title=t, URL="https://undocs.org/S/2020/717"))),
    )
    assert list(duplicates.check(doc)) == []


# --- orphan-ibid ----------------------------------------------------------------------------


def test_orphan_ibid_when_a_chapter_opens_with_it(tmp_path) -> None:
    # Sample notes 717-718, split so that "718 Ibid." opens the second file.
    f = tmp_path / "chapter2.txt"
    f.write_text("718 Ibid.\n\n719 Viktor Mikhaylov, “Idlibskiy peredel,” CSRT, 31 March 2020.\n", encoding="utf-8")
    problems = [p for p in lint([f]) if p.code == "orphan-ibid"]
    assert [(p.note, p.location.line) for p in problems] == [(718, 1)]


def test_resolved_ibid_is_fine_and_unresolved_is_reported() -> None:
    src = Source(title="Report", URL="https://undocs.org/S/2020/53")
    doc = _doc(
        _note(717, "a", Citation(src)),
        _note(718, "Ibid.", Ibid("Ibid.", refers_to=717, sources=(src,))),
        _note(737, "b", Remark("The precise targeting ... is hard to trace.")),
        _note(738, "Ibid.", Ibid("Ibid.", refers_to=None)),
    )
    assert [p.note for p in ibid.check(doc)] == [738]


# --- cite keys --------------------------------------------------------------------------------

BIB = """@article{soliev2021,
  title = {Central Asia},
  author = {Soliev, Nodirbek and Pantucci, Raffaello},
  year = {2021},
}

@online{antonopoulos2020,
  title = {Leading member of ISIS},
  url = {https://greekcitytimes.com/2020/11/05/isis-asylumgreece/},
}

@book{never,
  title = {Uncited},
}
"""


def test_latex_missing_key_and_uncited_entry(tmp_path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    tex = tmp_path / "chapter.tex"
    tex.write_text(
        "\\section{Threats}\nAs shown~\\cite[p.~3]{soliev2021}.\n% \\cite{commented}\n"
        "Arrested\\footcite{antonopoulos2020,antonopoulus2020}.\n\\bibliography{refs}\n",
        encoding="utf-8",
    )
    problems = lint([tex], Settings(lint=LintSettings(fail_on=LINT_RULES)))
    got = {(Path(p.location.file).name, p.location.line, p.code, p.message) for p in problems}
    assert ("chapter.tex", 4, "missing-cite-key", "cite key 'antonopoulus2020' is not in refs.bib") in got
    assert ("refs.bib", 12, "uncited-entry", "entry 'never' is never cited") in got
    assert not any("commented" in p.message for p in problems)


def test_pandoc_keys_from_front_matter_bibliography(tmp_path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "lib.bib").write_text(BIB, encoding="utf-8")
    md = tmp_path / "post.md"
    md.write_text(
        "---\ntitle: Threats\nbibliography: sources/lib.bib\n---\n\nAs argued [see @soliev2021, p. 3; @missing2020].\n"
        "@antonopoulos2020 reports it. Follow @RFERL too; mail a@b.org.\n\n```\n[@incode]\n```\n",
        encoding="utf-8",
    )
    problems = lint([md], Settings(lint=LintSettings(fail_on=LINT_RULES)))
    missing = [(p.location.line, p.message) for p in problems if p.code == "missing-cite-key"]
    assert missing == [(6, "cite key 'missing2020' is not in lib.bib")]
    uncited = [p.message for p in problems if p.code == "uncited-entry"]
    assert uncited == ["entry 'never' is never cited"]


def test_uncited_counts_every_chapter_beside_the_bib(tmp_path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "a.md").write_text("One [@soliev2021].\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Two [@antonopoulos2020; @never].\n", encoding="utf-8")
    assert [p for p in lint([tmp_path / "a.md"]) if p.code == "uncited-entry"] == []


def test_bib_keys_skip_strings_and_comments() -> None:
    text = '@string{un = "United Nations"}\n@comment{x,}\n@Misc{ un-2020 ,\n title={A}}\n'
    assert citekeys.bib_entries(text) == {"un-2020": 3}


# --- the command --------------------------------------------------------------------------------


def test_lint_command_lines_exit_code_and_json(tmp_path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text(NOTE_743 + NOTE_744, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".footnote-kit.toml").write_text('[lint]\ndisable = ["unparsed-citation", "damaged-url"]\n', encoding="utf-8")
    r = run_cli("lint", "notes.txt", cwd=tmp_path)
    assert r.code == 1, r.stderr
    assert r.stdout.splitlines()[0].startswith("notes.txt:3: date-mismatch: note 744 dates this source 5 October 2020")
    r = run_cli("lint", "--format", "json", "notes.txt", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert r.code == 1 and data["summary"]["by_rule"] == {"date-mismatch": 1}
    assert data["problems"][0]["line"] == 3 and data["problems"][0]["code"] == "date-mismatch"


def test_lint_command_disabled_rule_and_bad_config(tmp_path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text(NOTE_743 + NOTE_744, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    cfg = tmp_path / ".footnote-kit.toml"
    cfg.write_text('[lint]\ndisable = ["unparsed-citation", "damaged-url", "date-mismatch"]\n', encoding="utf-8")
    r = run_cli("lint", "notes.txt", cwd=tmp_path)
    assert (r.code, r.stdout) == (0, ""), r.stderr
    cfg.write_text('[lint]\ndisabled = ["date-mismatch"]\n', encoding="utf-8")
    r = run_cli("lint", "notes.txt", cwd=tmp_path)
    assert r.code == 2 and "unknown key 'disabled'" in r.stderr and ".footnote-kit.toml:2" in r.stderr
    cfg.unlink()
    r = run_cli("lint", "nowhere.md", cwd=tmp_path)
    assert r.code == 2 and "nowhere.md" in r.stderr and "Traceback" not in r.stderr


def test_nocite_star_cites_every_entry(tmp_path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    tex = tmp_path / "thesis.tex"
    tex.write_text("As shown~\\cite{soliev2021}.\n\\nocite{*}\n\\bibliography{refs}\n", encoding="utf-8")
    assert [p for p in lint([tex], Settings(lint=LintSettings(fail_on=LINT_RULES))) if p.code == "uncited-entry"] == []
    tex.write_text("As shown~\\cite{soliev2021}.\n% \\nocite{*}\n\\bibliography{refs}\n", encoding="utf-8")
    assert {p.message for p in lint([tex]) if p.code == "uncited-entry"} == {
        "entry 'antonopoulos2020' is never cited", "entry 'never' is never cited"
    }


@pytest.mark.parametrize("name, line", [("draft.md", 5), ("draft.tex", 4), ("draft.html", 5)])
def test_date_mismatch_in_markdown_latex_and_html_drafts(name: str, line: int) -> None:
    # The sample's note 744 as a writer would keep it in each format (tests/data/lint/),
    # beside a correct note: one problem, at the line where the URL is.
    path = Path(__file__).parent / "data" / "lint" / name
    problems = lint([path])
    assert [(p.code, p.location.line, p.note) for p in problems] == [("date-mismatch", line, 1)]
    assert "5 October 2020" in problems[0].message and "5 November 2020" in problems[0].message


def test_duplicate_source_through_the_parser() -> None:
    # Deutsche Welle's article cited in note 1 and again, as http, without www and with a
    # shortened outlet, title and another date, in note 3 (tests/data/lint/two-forms.txt).
    path = Path(__file__).parent / "data" / "lint" / "two-forms.txt"
    problems = [p for p in lint([path]) if p.code == "duplicate-source"]
    assert [(p.note, p.location.line) for p in problems] == [(3, 5)]
    assert "note 1" in problems[0].message and "outlet 'Deutsche Welle' vs 'DW'" in problems[0].message
    assert problems[0].severity.value == "warning"
