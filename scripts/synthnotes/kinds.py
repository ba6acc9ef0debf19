"""One builder per CSL type: which fields an item of that type has, and how often.

``make_item(rng, lang, id)`` picks a type by ``items.TYPES`` and builds it in the work's
language ``lang`` (``en``, ``de``, ``fr``, ``es``, ``it``, ``ru``, or ``ru-lat``:
Russian transliterated, as English-language notes print it).
"""

from __future__ import annotations

import random
import re
from typing import Any, Callable

from synthnotes import words as W
from synthnotes.items import (TYPES, _container, _from_pattern, _culture, _domain, _fill, _publisher, date, doi,
                              isbn, pages, people, person, pick, short_title, title,
                              transliterate, url)

Item = dict[str, Any]


def make_item(rng: random.Random, lang: str, item_id: str, kind: str | None = None) -> Item:
    kind = kind or pick(rng, TYPES)
    item: Item = {"id": item_id, "type": kind}
    BUILDERS[kind](rng, lang, item)
    if lang not in ("en",) and rng.random() < 0.8 and kind not in ("legal_case", "legislation"):
        item["language"] = "ru" if lang == "ru-lat" else lang
    return item


def _titled(rng: random.Random, lang: str, item: Item, translate: float = 0.25) -> None:
    text, english = title(rng, lang, _year(item))
    item["title"] = text
    short = short_title(text)
    if short and rng.random() < 0.6:
        item["title-short"] = short
    base = lang.split("-")[0]
    if base != "en" and rng.random() < translate:
        item["translated-title"] = english or _from_pattern(rng, "en", _year(item))


def _authors(rng: random.Random, lang: str, item: Item) -> None:
    item["author"] = people(rng, _culture(lang))


def _year(item: Item) -> int:
    issued = item.get("issued")
    return int(issued["date-parts"][0][0]) if issued else 2020


def _translator(rng: random.Random, item: Item, chance: float) -> None:
    if rng.random() < chance:
        item["translator"] = [person(rng, rng.choice(["en", "de", "fr", "es"]))]


def book(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, 1, 1850)
    if rng.random() < 0.12:
        item["editor"] = people(rng, _culture(lang), 3)
    else:
        _authors(rng, lang, item)
        if rng.random() < 0.05:
            item["editor"] = [person(rng, _culture(lang))]
    _titled(rng, lang, item)
    _translator(rng, item, 0.08)
    item["publisher"], item["publisher-place"] = _publisher(rng, lang)
    if rng.random() < 0.06:
        del item["publisher"]
    r = rng.random()
    if r < 0.12:
        item["edition"] = str(rng.randrange(2, 9))
    elif r < 0.14:
        item["edition"] = rng.choice(["rev.", "2nd rev.", "Neuaufl."])
    if rng.random() < 0.07:
        item["volume"] = str(rng.randrange(1, 6))
    if rng.random() < 0.10:
        item["collection-title"] = rng.choice(W.SERIES["ru" if lang == "ru-lat" else lang])
        if rng.random() < 0.6:
            item["collection-number"] = str(rng.randrange(1, 250))
    if rng.random() < 0.05:
        item["ISBN"] = isbn(rng)
    if rng.random() < 0.04:
        item["URL"] = url(rng, _domain(item.get("publisher", "books")), item["title"], item.get("issued"))


def chapter(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, 1, 1900)
    _authors(rng, lang, item)
    _titled(rng, lang, item)
    item["container-title"] = title(rng, lang, _year(item))[0]
    item["editor"] = people(rng, _culture(lang), 3)
    _translator(rng, item, 0.04)
    item["publisher"], item["publisher-place"] = _publisher(rng, lang)
    item["page"] = pages(rng)
    if rng.random() < 0.05:
        item["DOI"] = doi(rng, _year(item))


def article_journal(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, rng.choices([1, 2], weights=[8, 2])[0], 1900)
    _authors(rng, lang, item)
    _titled(rng, lang, item)
    item["container-title"] = _container(rng, lang, "journal")
    item["volume"] = str(rng.randrange(1, 140))
    if rng.random() < 0.75:
        item["issue"] = str(rng.randrange(1, 13)) if rng.random() < 0.95 else "3-4"
    item["page"] = pages(rng)
    if rng.random() < 0.35:
        item["DOI"] = doi(rng, _year(item))
    elif rng.random() < 0.1:
        item["URL"] = url(rng, _domain(item["container-title"]), item["title"], item.get("issued"))
    _translator(rng, item, 0.03)


def _press(rng: random.Random, lang: str, item: Item, kind: str) -> None:
    item["issued"] = date(rng, 3 if kind == "newspaper" or rng.random() < 0.5 else 2, 1970)
    if rng.random() < 0.85:
        item["author"] = people(rng, _culture(lang), 2)
    _titled(rng, lang, item, 0.15)
    item["container-title"] = _container(rng, lang, "newspaper")
    if rng.random() < 0.55:
        item["URL"] = url(rng, _domain(item["container-title"]), item["title"], item.get("issued"))
        if rng.random() < 0.5:
            item["accessed"] = date(rng, 3, max(_year(item), 2015))
    elif rng.random() < 0.3:
        item["page"] = rng.choice(["A1", str(rng.randrange(1, 40))])


def article_newspaper(rng: random.Random, lang: str, item: Item) -> None:
    _press(rng, lang, item, "newspaper")


def article_magazine(rng: random.Random, lang: str, item: Item) -> None:
    _press(rng, lang, item, "magazine")


def report(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, rng.choice([1, 2, 3]), 1990)
    name, place, series = rng.choice(W.INSTITUTIONS).split("/", 2)
    genre, number = series.split(";")
    if rng.random() < 0.65:
        item["author"] = [{"literal": name}]
    else:
        _authors(rng, lang, item)
    _titled(rng, lang, item, 0.1)
    item["genre"] = genre
    if number:
        item["number"] = _fill(number, rng, _year(item))
    item["publisher"], item["publisher-place"] = name, place
    if rng.random() < 0.6:
        item["URL"] = url(rng, _domain(name), item["title"], item.get("issued"))
        if rng.random() < 0.5:
            item["accessed"] = date(rng, 3, max(_year(item), 2015))


def webpage(rng: random.Random, lang: str, item: Item) -> None:
    site, domain = rng.choice(W.WEBSITES).rsplit("/", 1)
    if rng.random() < 0.6:
        item["author"] = people(rng, _culture(lang), 2)
    elif rng.random() < 0.5:
        item["author"] = [{"literal": site}]
    _titled(rng, lang, item, 0.1)
    item["container-title"] = site
    year = rng.randrange(2005, 2025)
    if rng.random() < 0.8:
        item["issued"] = date(rng, 3, year, year)
    item["URL"] = url(rng, domain, item["title"], item.get("issued"))
    if rng.random() < 0.7:
        item["accessed"] = date(rng, 3, max(year, 2015))


def thesis(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, 1, 1960)
    item["author"] = [person(rng, _culture(lang))]
    _titled(rng, lang, item)
    base = "ru" if lang == "ru-lat" else lang
    item["genre"] = rng.choice(W.THESIS_GENRES[base])
    item["publisher"], item["publisher-place"] = rng.choice(W.UNIVERSITIES).split("/")
    if lang == "ru-lat":
        item["genre"] = transliterate(item["genre"])


def legal_case(rng: random.Random, lang: str, item: Item) -> None:
    a, b = rng.sample(W.CASE_PARTIES, 2)
    reporter, court = rng.choice(W.REPORTERS).split("/")
    item["title"] = f"{a} v. {b}" if rng.random() < 0.8 else f"{a} v {b}"
    item["container-title"] = reporter
    item["volume"] = str(rng.randrange(1, 600))
    item["page"] = str(rng.randrange(1, 1500))
    item["authority"] = court
    item["issued"] = date(rng, rng.choice([1, 3]), 1900)


def legislation(rng: random.Random, lang: str, item: Item) -> None:
    name, container = rng.choice(W.STATUTES).split("/")
    item["title"] = name
    item["container-title"] = container
    item["issued"] = date(rng, rng.choice([1, 3]), 1950)
    named = re.search(r"\b(1[89]\d\d|20\d\d)\b", name)
    if named:
        item["issued"]["date-parts"][0][0] = int(named.group(1))
    if rng.random() < 0.6:
        item["volume"] = str(rng.randrange(1, 130))
        item["page"] = str(rng.randrange(1, 3000))
    if rng.random() < 0.4:
        item["section"] = str(rng.randrange(1, 200))


def interview(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, 3, 1990)
    item["author"] = [person(rng, _culture(lang))]
    if rng.random() < 0.5:
        item["interviewer"] = [person(rng, _culture(lang))]
    if rng.random() < 0.5:
        _titled(rng, lang, item, 0)
    else:
        item["genre"] = rng.choice(["Telephone interview", "Interview", "Video interview"])
    if rng.random() < 0.4:
        item["container-title"] = _container(rng, lang, "newspaper")
    if rng.random() < 0.3:
        item["publisher-place"] = _publisher(rng, lang)[1]


def manuscript(rng: random.Random, lang: str, item: Item) -> None:
    archive, place, shelf = rng.choice(W.ARCHIVES).split("/", 2)
    item["author"] = [person(rng, _culture(lang))]
    addressee = person(rng, _culture(lang))
    genre = rng.choice(W.MS_GENRES)
    item["title"] = (f"{genre} to {addressee['given']} {addressee['family']}"
                     if genre in ("Letter", "Telegram") else f"{genre} on {title(rng, 'en')[0]}")
    item["genre"] = genre
    item["archive"] = archive
    item["archive-place"] = place
    item["archive_location"] = _fill(shelf, rng, 1950)
    item["issued"] = date(rng, 3, 1850, 1995)


def speech(rng: random.Random, lang: str, item: Item) -> None:
    item["issued"] = date(rng, 3, 1960)
    event, place = rng.choice(W.EVENTS).split("/")
    item["author"] = [person(rng, _culture(lang))]
    _titled(rng, lang, item, 0.1)
    item["genre"] = rng.choice(W.SPEECH_GENRES)
    item["event-title"] = event
    if rng.random() < 0.3:
        item["event"] = event
    item["event-place"] = place
    if rng.random() < 0.3:
        item["URL"] = url(rng, _domain(event), item["title"], item.get("issued"))


BUILDERS: dict[str, Callable[[random.Random, str, Item], None]] = {
    "book": book, "chapter": chapter, "article-journal": article_journal,
    "article-newspaper": article_newspaper, "article-magazine": article_magazine,
    "report": report, "webpage": webpage, "thesis": thesis, "legal_case": legal_case,
    "legislation": legislation, "interview": interview, "manuscript": manuscript,
    "speech": speech,
}
