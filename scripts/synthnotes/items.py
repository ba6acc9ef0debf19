"""Random CSL-JSON items of many types, names, languages and shapes.

Every choice comes from the ``random.Random`` handed in, so a seed gives the same items.
Items carry only what a writer's reference manager would hold; the engine decides what a
style prints.
"""

from __future__ import annotations

import random
import re
from typing import Any

from synthnotes import words as W
from synthnotes.vocab import seed

TYPES = {"book": 25, "chapter": 12, "article-journal": 20, "article-newspaper": 9,
         "article-magazine": 3, "report": 9, "webpage": 8, "thesis": 3, "legal_case": 2,
         "legislation": 2, "interview": 2, "manuscript": 2, "speech": 3}

_RU_MALE = W._l("Александр|Сергей|Дмитрий|Андрей|Михаил|Владимир|Алексей|Николай")
_RU_FEMALE = W._l("Мария|Ольга|Наталья|Елена|Татьяна|Ирина|Анна|Екатерина")
_RU_FAMILY = W._l("Иванов|Смирнов|Кузнецов|Попов|Соколов|Лебедев|Козлов|Новиков|Морозов|"
                  "Петров|Волков|Соловьёв|Васильев|Зайцев|Павлов|Семёнов")
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     "a|b|v|g|d|e|e|zh|z|i|i|k|l|m|n|o|p|r|s|t|u|f|kh|ts|ch|sh|shch||y||e|iu|ia"
                     .split("|")))


def transliterate(text: str) -> str:
    """Russian in Latin letters, as English-language notes print it (LC style, no marks)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _TRANSLIT:
            latin = _TRANSLIT[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out).replace("«", "\u201c").replace("»", "\u201d")


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# -- names --------------------------------------------------------------------------


def person(rng: random.Random, culture: str) -> dict[str, str]:
    """A person as CSL-JSON: family, given, and sometimes particles, initials, a suffix."""
    if culture in ("ru", "ru-lat"):
        female = rng.random() < 0.45
        given = rng.choice(_RU_FEMALE if female else _RU_MALE)
        family = rng.choice(_RU_FAMILY) + ("а" if female else "")
        if culture == "ru-lat":
            given, family = transliterate(given), transliterate(family)
        out = {"family": family, "given": given}
    else:
        pool = culture if culture in W.GIVEN and rng.random() < 0.8 else "other"
        given = rng.choice(W.GIVEN[pool] + (seed()["givens"] if pool == "en" else []))
        families = W.FAMILY[pool] + (seed()["families"] if pool in ("en", "other") else [])
        family = rng.choice(families)
        out = {"given": given}
        if "/" in family:
            particle, family = family.split("/")
            if particle.endswith(("'", "-")):
                family = particle + family
            else:
                key = "dropping-particle" if particle in ("von", "de") else "non-dropping-particle"
                out[key] = particle
        out["family"] = family
    r = rng.random()
    if r < 0.10:
        out["given"] = " ".join(p[0] + "." for p in re.split(r"[\s-]+", out["given"]) if p)
    elif r < 0.22 and culture in ("en", "de", "other"):
        out["given"] += " " + rng.choice("ABCDEHJKLMPRSTW") + "."
    if rng.random() < 0.01 and culture == "en":
        out["suffix"] = rng.choice(["Jr.", "III"])
    return out


def people(rng: random.Random, culture: str, most: int = 7) -> list[dict[str, str]]:
    n = rng.choices([1, 2, 3, 4, 5, 7], weights=[66, 19, 8, 3, 2, 2])[0]
    out: list[dict[str, str]] = []
    while len(out) < min(n, most):
        p = person(rng, culture)
        if all(p["family"] != q.get("family") for q in out):
            out.append(p)
    return out


def _culture(lang: str) -> str:
    return lang if lang in W.GIVEN or lang == "ru-lat" else "en"


# -- titles -------------------------------------------------------------------------


def title(rng: random.Random, lang: str, until: int = 2024) -> tuple[str, str | None]:
    """A title in ``lang`` (about years before ``until``) and, for Russian, its English
    translation."""
    base = "ru" if lang == "ru-lat" else lang
    if base == "ru" and rng.random() < 0.5:
        i = rng.randrange(len(W.RU_TITLES))
        text, english = W.RU_TITLES[i], W.RU_TRANSLATIONS[i]
        return (transliterate(text) if lang == "ru-lat" else text), english
    if base == "en" and rng.random() < 0.45:
        return rng.choice(seed()["titles"]), None
    text = _from_pattern(rng, base, until)
    return (transliterate(text) if lang == "ru-lat" else text), None


def _from_pattern(rng: random.Random, lang: str, until: int) -> str:
    pattern = rng.choice(W.TITLE_PATTERNS[lang])
    topics = rng.sample(W.TOPICS[lang], 2)
    forms = [t.split("/") for t in topics]
    place = rng.choice(W.PLACES_TOPIC[lang]).split("/")
    z = rng.randrange(max(until - 150, 1500), until + 1)
    y = z - rng.randrange(3, 60)
    slots = {"a": forms[0][0], "b": forms[1][0], "g": forms[0][-1 if lang != "ru" else 1],
             "i": forms[0][-1], "j": forms[1][-1], "p": place[0], "q": place[-1],
             "y": str(y), "z": str(z)}
    text = pattern.format(**slots)
    if lang != "en":  # a topic inside a title loses its capital ("Entre la migration et ...")
        for key in ("a", "b"):
            word = slots[key]
            if lang != "de" and not text.startswith(word) and word[:1].isupper():
                text = text.replace(word, word[0].lower() + word[1:])
    return text[0].upper() + text[1:]


def short_title(text: str) -> str | None:
    for sep in (": ", ". ", "? "):
        if sep in text:
            head = text.split(sep)[0] + ("?" if sep == "? " else "")
            return head if len(head) >= 4 else None
    return None


# -- fields -------------------------------------------------------------------------


def date(rng: random.Random, parts: int, low: int = 1950, high: int = 2024) -> dict[str, Any]:
    y = rng.randrange(low, high + 1)
    values = [y, rng.randrange(1, 13), rng.randrange(1, 29)][:parts]
    return {"date-parts": [values]}


def pages(rng: random.Random) -> str:
    first = rng.choice([rng.randrange(1, 60), rng.randrange(60, 400), rng.randrange(400, 1500)])
    return f"{first}-{first + rng.randrange(3, 40)}"


def url(rng: random.Random, domain: str, text: str, issued: dict[str, Any] | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", transliterate(text).lower()).strip("-")[:48] or "page"
    host = domain if domain.count(".") >= 2 else "www." + domain
    parts = (issued or {}).get("date-parts", [[rng.randrange(2005, 2025)]])[0]
    month = parts[1] if len(parts) > 1 else rng.randrange(1, 13)
    return f"https://{host}/{parts[0]}/{month:02d}/{slug}"


def _domain(name: str) -> str:
    return (re.sub(r"[^a-z]", "", transliterate(name).lower()) or "example") + ".com"


def doi(rng: random.Random, year: int) -> str:
    return f"10.{rng.randrange(1000, 9999)}/{rng.choice(['jmh', 'cas', 'eas', 'hj', 'ps'])}.{year}.{rng.randrange(1, 999)}"


def isbn(rng: random.Random) -> str:
    digits = [9, 7, 8] + [rng.randrange(10) for _ in range(9)]
    check = (10 - sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    s = "".join(map(str, digits + [check]))
    return f"{s[:3]}-{s[3]}-{s[4:8]}-{s[8:12]}-{s[12]}"


def _fill(pattern: str, rng: random.Random, year: int) -> str:
    out = pattern.replace("YYYY", str(year)).replace("YY", str(year)[2:])
    return re.sub("#", lambda _: str(rng.randrange(10)), out)


def _publisher(rng: random.Random, lang: str) -> tuple[str, str]:
    base = "ru" if lang == "ru-lat" else lang
    if base == "en" and rng.random() < 0.25:
        return rng.choice(seed()["publishers"]), rng.choice(seed()["places"])
    name, place = rng.choice(W.PUBLISHERS[base]).split("/")
    if lang == "ru-lat":
        name, place = transliterate(name), transliterate(place)
    return name, place


def _container(rng: random.Random, lang: str, kind: str) -> str:
    base = "ru" if lang == "ru-lat" else lang
    if kind == "journal" and base == "en" and rng.random() < 0.3:
        return rng.choice(seed()["containers"])
    name = rng.choice((W.JOURNALS if kind == "journal" else W.NEWSPAPERS)[base])
    return transliterate(name) if lang == "ru-lat" else name
