"""One test per citeproc-py difference the engine fixes (render-fidelity kit, ``gaps.py``).

Each case is the kit's minimal reproduction: a tiny style and an item or two. The expected
strings are what citeproc-js 2.4.63 (the processor inside Zotero) prints for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from footnote_kit.render.engine import CiteRef, make_processor

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0" {style_attrs}>
  <info><title>gap repro</title><id>gap-repro</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  {macros}
  <citation {cit_attrs}><layout {cit_layout}>{citation}</layout></citation>
  <bibliography {bib_attrs}>{bib_sort}<layout>{bib}</layout></bibliography>
</style>"""


def style(tmp_path: Path, citation: str = '<text variable="title"/>', bib: str = '<text variable="title"/>',
          cls: str = "note", style_attrs: str = "", cit_attrs: str = "", cit_layout: str = 'delimiter="; "',
          bib_attrs: str = "", bib_sort: str = "", macros: str = "") -> Path:
    path = tmp_path / "gap.csl"
    path.write_text(STYLE.format(**{k: v for k, v in locals().items() if k not in ("tmp_path", "path")}),
                    encoding="utf-8")
    return path


def item(id: str, **kw: Any) -> dict[str, Any]:
    d = {"id": id, "type": kw.pop("type", "book")}
    d.update({k.replace("_", "-"): v for k, v in kw.items()})
    return d


def bib(path: Path, items: list[dict[str, Any]], fmt: str = "text") -> list[str]:
    return make_processor(path, "en-US", items).bibliography(fmt)


def test_01_initialize_false_keeps_given_names(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<names variable="author"><name initialize="false" initialize-with=". "/></names>')
    assert bib(p, [item("a", author=[{"family": "Butrin", "given": "Dmitrii"}])]) == ["Dmitrii Butrin"]


def test_02_no_label_for_an_empty_variable(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<group delimiter=", "><text variable="title"/><group delimiter=" "><choose>'
              '<if is-numeric="edition"><number variable="edition" form="ordinal"/><label variable="edition" form="short"/></if>'
              '<else><text variable="edition"/><label variable="edition"/></else></choose></group></group>')
    assert bib(p, [item("a", title="Kommersant")]) == ["Kommersant"]


def test_03_punctuation_goes_inside_quotes_in_en_us(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<group delimiter=". "><text variable="title" quotes="true"/><text variable="publisher"/></group>')
    out = bib(p, [item("a", title="Putin\u2019s Long War", publisher="Foreign Affairs")])
    assert out == ["\u201cPutin\u2019s Long War.\u201d Foreign Affairs"]


def test_04_straight_quotes_curl_and_nested_quotes_flip(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<text variable="title" quotes="true"/>')
    assert bib(p, [item("a", title='Russia\'s "shadow fleet" grows')]) == \
        ["\u201cRussia\u2019s \u2018shadow fleet\u2019 grows\u201d"]


def test_05_minimal_two_page_ranges(tmp_path: Path) -> None:
    p = style(tmp_path, style_attrs='page-range-format="minimal-two"', bib='<text variable="page"/>')
    out = bib(p, [item("a", page="7-47"), item("b", page="5-27"), item("c", page="101-126")])
    assert out == ["7\u201347", "5\u201327", "101\u201326"]


def test_06_minimal_page_ranges_of_different_lengths(tmp_path: Path) -> None:
    p = style(tmp_path, style_attrs='page-range-format="minimal"', bib='<text variable="page"/>')
    assert bib(p, [item("a", page="12-125"), item("b", page="98-102")]) == ["12\u2013125", "98\u2013102"]


def test_07_locator_ranges_are_range_formatted(tmp_path: Path) -> None:
    p = style(tmp_path, style_attrs='page-range-format="chicago-16"',
              citation='<group delimiter=", "><text variable="title"/><text variable="locator"/></group>')
    proc = make_processor(p, "en-US", [item("a", title="Backfire")])
    assert proc.cite([CiteRef("a", "112-114")]) == "Backfire, 112\u201314"


def test_05_to_07_abbreviated_ranges_are_expanded_first(tmp_path: Path) -> None:
    # As printed in notes (479–94): citeproc-js expands them, then applies the format.
    expanded = style(tmp_path, style_attrs='page-range-format="expanded"', bib='<text variable="page"/>')
    assert bib(expanded, [item("a", page="479\u201394"), item("b", page="1496-504")]) == ["479\u2013494", "1496\u20131504"]
    chicago = style(tmp_path, style_attrs='page-range-format="chicago-16"', bib='<text variable="page"/>',
                    citation='<group delimiter=", "><text variable="title"/><text variable="locator"/></group>')
    assert bib(chicago, [item("a", page="1496-504"), item("b", page="321-8")]) == ["1496\u2013504", "321\u201328"]
    # a locator written with a dash stays as printed, as citeproc-js leaves it
    proc = make_processor(chicago, "en-US", [item("a", title="Backfire")])
    assert proc.cite([CiteRef("a", "112\u2013114")]) == "Backfire, 112\u2013114"


def test_08_substituted_variable_is_not_repeated(tmp_path: Path) -> None:
    p = style(tmp_path, macros='<macro name="container"><text variable="container-title"/></macro>',
              bib='<group delimiter=". "><names variable="author"><substitute><text macro="container"/></substitute></names>'
                  '<text variable="title" quotes="true"/><text macro="container"/></group>')
    out = bib(p, [item("a", type="article-newspaper", title="Peskov: no new talks", container_title="TASS")])
    assert out == ["TASS. \u201cPeskov: no new talks\u201d"]


def test_09_disambiguate_is_false_for_an_unambiguous_cite(tmp_path: Path) -> None:
    p = style(tmp_path, cls="in-text", cit_layout='prefix="(" suffix=")" delimiter="; "',
              citation='<group delimiter=", "><names variable="author"><name form="short"/></names>'
                       '<choose><if disambiguate="true"><text variable="title" quotes="true"/></if></choose></group>')
    one = [item("a", title="Backfire", author=[{"family": "Demarais", "given": "Agathe"}])]
    assert make_processor(p, "en-US", one).cite([CiteRef("a")]) == "(Demarais)"
    two = one + [item("b", title="Sanctions", author=[{"family": "Demarais", "given": "Agathe"}])]
    assert make_processor(p, "en-US", two).cite([CiteRef("a")]) == "(Demarais, \u201cBackfire\u201d)"


def test_10_cites_keep_the_writers_order(tmp_path: Path) -> None:
    p = style(tmp_path, bib_sort='<sort><key variable="title"/></sort>')
    proc = make_processor(p, "en-US", [item("z", title="Zeta report"), item("a", title="Alpha report")])
    assert proc.cite([CiteRef("z"), CiteRef("a")]) == "Zeta report; Alpha report"


def test_11_ibid_with_the_same_locator_is_capitalised_ibid(tmp_path: Path) -> None:
    p = style(tmp_path, cit_layout='suffix="."',
              citation='<choose><if position="ibid-with-locator"><group delimiter=", "><text term="ibid"/><text variable="locator"/></group></if>'
                       '<else-if position="ibid"><text term="ibid"/></else-if>'
                       '<else><group delimiter=", "><text variable="title"/><text variable="locator"/></group></else></choose>')
    proc = make_processor(p, "en-US", [item("a", title="Backfire")])
    assert proc.cite([CiteRef("a", "15")], note_index=1) == "Backfire, 15."
    assert proc.cite([CiteRef("a", "15")], note_index=2) == "Ibid."
    assert proc.cite([CiteRef("a", "17")], note_index=3) == "Ibid., 17."


def test_12_subsequent_author_substitute(tmp_path: Path) -> None:
    p = style(tmp_path, bib_attrs='subsequent-author-substitute="\u2014\u2014\u2014"',
              bib_sort='<sort><key variable="title"/></sort>',
              bib='<group delimiter=". "><names variable="author"/><text variable="title"/></group>')
    council = [{"literal": "UN Security Council"}]
    out = bib(p, [item("a", title="A report", author=council), item("b", title="B report", author=council)])
    assert out == ["UN Security Council. A report", "\u2014\u2014\u2014. B report"]


def test_13_html_escapes_field_text_and_affixes(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<group delimiter=" "><text variable="title"/><text variable="URL" prefix="&lt;" suffix="&gt;"/></group>')
    out = bib(p, [item("a", title="Profits & Losses <script>alert(1)</script>", URL="https://example.org/x")], "html")
    assert out == ["Profits &amp; Losses &lt;script&gt;alert(1)&lt;/script&gt; &lt;https://example.org/x&gt;"]


def test_14_rich_text_in_fields_is_formatting(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<text variable="title" quotes="true"/>')
    items = [item("a", title="Reading <i>Anna Karenina</i> in Wartime")]
    assert bib(p, items) == ["\u201cReading Anna Karenina in Wartime\u201d"]
    assert bib(p, items, "html") == ["\u201cReading <i>Anna Karenina</i> in Wartime\u201d"]


def test_15_title_case_keeps_stop_words_lower(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<text variable="title" text-case="title"/>')
    out = bib(p, [item("a", title="Sanctions against Russia after the war: re-exports under pressure")])
    assert out == ["Sanctions against Russia after the War: Re-Exports under Pressure"]


def test_15b_transliterated_titles_are_not_title_cased(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<text variable="title" text-case="title"/>')
    assert bib(p, [item("a", title="Minfin predlozhil povysit NDS", language="ru")]) == ["Minfin predlozhil povysit NDS"]


def test_16_sorting_is_collation_not_code_points(tmp_path: Path) -> None:
    p = style(tmp_path, bib_sort='<sort><key macro="author"/></sort>',
              macros='<macro name="author"><names variable="author"><name name-as-sort-order="all"/></names></macro>',
              bib='<text macro="author"/>')
    people = [("Zeman", "Petr"), ("\u0160imonov\u00e1", "Eva"), ("Office", "Foreign"), ("O'Toole", "Siobhan"), ("\u00c5lund", "Anna")]
    out = bib(p, [item(str(n), author=[{"family": f, "given": g}]) for n, (f, g) in enumerate(people)])
    assert out == ["\u00c5lund, Anna", "Office, Foreign", "O\u2019Toole, Siobhan", "\u0160imonov\u00e1, Eva", "Zeman, Petr"]


def test_17_csl_1_0_2_variables_render_without_warnings(tmp_path: Path, recwarn: Any) -> None:
    p = style(tmp_path, bib='<group delimiter=", "><text variable="title"/><text variable="event-title"/></group>')
    assert bib(p, [item("a", type="speech", title="Address", event_title="Federal Assembly")]) == ["Address, Federal Assembly"]
    assert not [w for w in recwarn if "unsupported" in str(w.message)]


def test_18_csl_1_0_2_name_variables_are_names(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<group delimiter=", "><text variable="title"/><names variable="compiler"/></group>')
    out = bib(p, [item("a", title="Sanctions list", compiler=[{"family": "Ivanov", "given": "Ivan"}])])
    assert out == ["Sanctions list, Ivan Ivanov"]


def test_19_a_locator_never_reaches_the_bibliography(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<group delimiter=", "><text variable="title"/><text variable="locator"/></group>')
    proc = make_processor(p, "en-US", [item("a", title="Backfire")])
    assert proc.cite([CiteRef("a", "12")]) == "Backfire"
    assert proc.bibliography() == ["Backfire"]


def test_translated_title_follows_the_title_in_brackets(tmp_path: Path) -> None:
    p = style(tmp_path)
    out = bib(p, [item("a", title="Minfin predlozhil", **{"translated-title": "Finance Ministry proposes"})])
    assert out == ["Minfin predlozhil [Finance Ministry proposes]"]


def test_same_cluster_twice_returns_both_formats_without_advancing(tmp_path: Path) -> None:
    p = style(tmp_path, citation='<choose><if position="subsequent"><text value="short"/></if>'
                                 '<else><text variable="title" font-style="italic"/></else></choose>')
    proc = make_processor(p, "en-US", [item("a", title="Backfire")])
    cluster = [CiteRef("a")]
    assert proc.cite(cluster, "text", note_index=1) == "Backfire"
    assert proc.cite(cluster, "html", note_index=1) == "<i>Backfire</i>"
    assert proc.cite(cluster, "text", note_index=2) == "short"


@pytest.mark.parametrize("fmt", ["markdown", "rtf"])
def test_unknown_format_is_refused(tmp_path: Path, fmt: str) -> None:
    with pytest.raises(ValueError):
        make_processor(style(tmp_path), "en-US", [item("a", title="x")]).bibliography(fmt)


def test_year_suffixes_tell_same_author_same_year_apart(tmp_path: Path) -> None:
    p = style(tmp_path, cls="in-text", cit_attrs='disambiguate-add-year-suffix="true"',
              cit_layout='prefix="(" suffix=")" delimiter="; "',
              citation='<group delimiter=", "><names variable="author"><name form="short"/></names>'
                       '<group><date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/></group></group>',
              bib_sort='<sort><key variable="title"/></sort>',
              bib='<group delimiter=". "><names variable="author"/><date variable="issued"><date-part name="year"/></date>'
                  '<text variable="year-suffix"/><text variable="title"/></group>')
    who = [{"family": "Mikhaylov", "given": "Vadim"}]
    items = [item("b", title="Zeta", author=who, issued={"date-parts": [[2020]]}),
             item("a", title="Alpha", author=who, issued={"date-parts": [[2020]]})]
    proc = make_processor(p, "en-US", items)
    assert proc.cite([CiteRef("b")]) == "(Mikhaylov, 2020b)"
    assert proc.bibliography() == ["Vadim Mikhaylov. 2020. a. Alpha", "Vadim Mikhaylov. 2020. b. Zeta"]


def test_sort_only_particles_sort_under_the_family_name(tmp_path: Path) -> None:
    p = style(tmp_path, style_attrs='demote-non-dropping-particle="sort-only"',
              bib_sort='<sort><key macro="author"/></sort>',
              macros='<macro name="author"><names variable="author"><name name-as-sort-order="all"/></names></macro>',
              bib='<text macro="author"/>')
    people = [{"family": "Waal", "given": "Thomas", "non-dropping-particle": "de"},
              {"family": "Demarais", "given": "Agathe"}]
    assert bib(p, [item(str(n), author=[a]) for n, a in enumerate(people)]) == \
        ["Demarais, Agathe", "de Waal, Thomas"]


def test_a_titles_own_single_quotes_are_inner_quotes(tmp_path: Path) -> None:
    p = style(tmp_path, bib='<group delimiter=". "><text variable="title" quotes="true"/><text variable="publisher"/></group>')
    out = bib(p, [item("a", title="Jihadists in Syria\u2019s Idlib Form New \u2018Operations Room\u2019", publisher="VOA")])
    assert out == ["\u201cJihadists in Syria\u2019s Idlib Form New \u2018Operations Room.\u2019\u201d VOA"]
