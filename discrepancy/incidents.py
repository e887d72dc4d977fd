"""Group articles into incidents by time, place, names and wording, without all-pairs work."""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

from discrepancy import lexicon
from discrepancy.extract import Extraction, SentenceFacts
from discrepancy.extract.people import find_names
from discrepancy.extract.places import (
    Place,
    block_addresses,
    find_local_areas,
    find_places,
    gazetteer,
)
from discrepancy.extract.when import clock_times
from discrepancy.models import ROUNDUP_KEY, Claim, Kind
from discrepancy.names import fold, person_key, person_rule, split_name
from discrepancy.scope import MAIN
from discrepancy.text import is_playlist_entry

# Words, and victims' ages ("3-year-old"), which are rare enough to tell incidents apart.
_WORD = re.compile(r"\d{1,3}-year-old|[a-z][a-z’'\-]{2,}")
# An age: "a 17-year-old", or set off by commas after a name or noun ("Girl, 9, shot").
_AGE = re.compile(r"\b(\d{1,3})[-\s]year[-\s]old|[a-z],\s(\d{1,2}),")
# Site furniture that names the police without telling a story: "Subscribe to receive
# messages from the Portland Police Bureau", "Please use another browser".
_FURNITURE = re.compile(
    r"\b(?:subscribe|newsletter|browser|cookies|notifications?|advertisement|javascript"
    r"|sign\s+up|log\s+in|privacy\s+policy|terms\s+of\s+(?:use|service)|register\s+your"
    r"|text\s+messages?)\b",
    re.IGNORECASE,
)
_TITLE_PREPOSITION = re.compile(r"\b(?:In|Near|At|On|Outside)\b")
# A key shared by more articles than this is too common to propose a pair (a city, a word).
_MAX_BLOCK = 60
# A name or street shared by more articles than this is boilerplate, not evidence.
_MAX_SHARED = 6
# Scores: evidence for and against two articles reporting the same incident.  The link
# threshold was set on gva-dev (see benchmarks/accuracy.py); vetoes are hard constraints.
LINK_THRESHOLD = 2.75
PEOPLE_WEIGHTS = (0.0, 2.0, 3.0)  # no, one, two or more people named by both articles
TEXT_WEIGHT = 4.0
# Both state the same death toll, or name a victim of the same age ("a 17-year-old"); ages
# that all differ tell two victims apart. Differing tolls are no evidence either way: two
# reports of one shooting that disagree on its toll are what the checker must flag.
SAME_TOLL_WEIGHT = 1.5
# One death is the commonest toll: two reports of it in a week are often two shootings.
SAME_SINGLE_DEATH_WEIGHT = 0.5
# A death toll few shootings have: two reports stating it are one shooting whatever days
# their leads give (a vigil, a timeline, an inquiry days later).
MASS_TOLL = 3
# A city the other report names as well: a neighbourhood and its city, a suburb and its city.
NAMED_CITY_WEIGHT = 0.5
SAME_AGE_WEIGHT = 1.0
OTHER_AGES_WEIGHT = -1.8
# A child's age a year off is another child; an adult's is often one person's age misread.
ADULT_AGE = 18
# Both state the same number shot or wounded (two or more).
SAME_SHOT_COUNT_WEIGHT = 1.0
# Both name one clock time ("about 9:40 p.m."), or one numbered block ("the 800 block of
# Quarry Street"); blocks that all differ are two addresses.
SAME_CLOCK_WEIGHT = 1.5
OTHER_CLOCKS_WEIGHT = -0.5
SAME_BLOCK_WEIGHT = 1.0
OTHER_BLOCKS_WEIGHT = -2.5
# One names by its date the day the other reports: a follow-up weeks later often does.
NAMED_DAY_WEIGHT = 1.0
# One report's rare family name is a word of the other's ("Okafor's family").
SURNAME_WEIGHT = 1.0
LEAD_SENTENCES = 8
# How many sentences of the story are read for people and areas.
STORY_SENTENCES = 40
TITLE_WEIGHT = 2  # a headline word counts as this many lead words
_VETO = -100.0
# An official (a police spokesman, a prosecutor) quoted by two articles a few days apart
# is likely speaking of one incident; months apart, of two shootings in one city.
OFFICIAL_DAYS = 14
# A headline alone identifies an incident only among reports published within these days.
HEADLINE_DAYS = 3
# ... or at any distance when the other report says this share of the headline's words.
HEADLINE_CONTAINED = 0.7
# The roles of a person whose name tells the incident (not a spokesman's).
PRINCIPALS = frozenset({"victim", "suspect", "shooter"})

T = TypeVar("T")
# One empty set for every profile: each `frozenset()` is an object of its own (216 bytes), and
# most of a profile's sets are empty; 100k profiles would hold some 130 MB of them.
_EMPTY: frozenset[Any] = frozenset()


def _frozen(items: Iterable[T]) -> frozenset[T]:
    """The items as a frozen set, the shared empty one when there are none."""
    found = frozenset(items)
    return found if found else _EMPTY


@dataclass(frozen=True)
class Profile:
    """What grouping compares between two articles."""

    index: int
    article_id: str
    published_ordinal: int | None
    day_ordinal: int | None
    weekday: int | None
    city: str | None
    country: str | None
    # Every country the place's name could be in ("Georgia": the country or the US state).
    countries: frozenset[str]
    # A country read from a country or state name, or a large city, not a small town's name.
    country_confident: bool
    people: tuple[str, ...]
    officials: tuple[str, ...]
    # People the story names as a victim or a suspect ("Jon Doe, 24, was charged").
    principals: tuple[str, ...]
    organizations: frozenset[str]
    areas: frozenset[str]
    # Lead and headline words with their counts (small ints, shared objects, unlike floats).
    words: dict[str, int]
    # The headline reports later news (an arrest, a trial, a death in hospital).
    follow_up: bool = False
    # Only the headline tells of the incident (a paywall or error page).
    headline_only: bool = False
    # Exact death tolls the story states (not derives) for its own incident.
    killed: frozenset[int] = frozenset()
    # Ages of the people in the headline and the lead ("a 17-year-old").
    ages: frozenset[int] = frozenset()
    # Exact counts of people shot or wounded, two or more, the story states for its incident.
    shot_counts: frozenset[int] = frozenset()
    # Clock times ("9:40pm") and numbered blocks ("800 quarry") the story names.
    clocks: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()
    # Days the story names by date ("the Nov. 11 shooting"), as ordinals.
    dates: frozenset[int] = frozenset()
    # The batch's rare family names among `people`, as words ("okafor"): another report may
    # name the person by the family name alone ("Okafor's brother said").
    surnames: tuple[str, ...] = ()


def profile(index: int, extraction: Extraction, claims: Sequence[Claim]) -> Profile:
    """Summarise one article for grouping."""
    article = extraction.article
    main_time = extraction.main_time
    day = main_time.date if main_time else None
    weekday = main_time.weekday if main_time and main_time.weekday is not None else (
        day.weekday() if day else None
    )  # fmt: skip
    mention = extraction.main_place
    place = mention.place if mention else None
    countries = _frozen(c.country for c in mention.candidates) if mention else _EMPTY
    # People named only about another shooting of a round-up belong to that shooting. Names in
    # sentences with another date stay evidence: a follow-up names the victim "killed in
    # August", and a victim "died Thursday, three days after he was shot".
    background = {
        c.value for c in claims if c.kind == Kind.PERSON and f"|{ROUNDUP_KEY}" in c.scope
    } - {c.value for c in claims if c.kind == Kind.PERSON and c.scope == MAIN}
    officials = {
        c.value for c in claims if c.kind == Kind.PERSON and c.subject in lexicon.OFFICIAL_ROLES
    }
    # Page furniture before the story ("Get email notifications on <reporter> daily!") says
    # nothing about the incident: names, areas and wording are read from the story only.
    story = _story(extraction)
    # A listing page (a police feed, a news digest) names hundreds of people and streets: only
    # the first part of a story is read for names and areas.
    story_text = " ".join(info.sentence.text for info in story[:STORY_SENTENCES])
    story_lower = story_text.lower()
    kinds = {n: _kind_of_name(n) for n in extraction.names if n in story_text}
    if not story and article.title:
        # A page with no story names people in its headline only ("Officer Jon Doe killed").
        names = (m.text for m in find_names(article.title) if not m.is_organization)
        kinds.update({n: _kind_of_name(n) for n in names})
    not_people = background | officials
    people = tuple(
        sorted(n for n, kind in kinds.items() if kind == "person" and n not in not_people)
    )
    organizations = _frozen(
        " ".join(fold(w) for w in c.value.split())
        for c in claims
        if c.kind == Kind.ORGANIZATION and c.scope == MAIN
    )
    lead = " ".join(info.sentence.text for info in story[:LEAD_SENTENCES]).lower()
    headline_proper = _headline_proper(article.title or "")
    title = headline_proper.lower()
    # The headline names what the story is about; its words count twice.
    counts = Counter(w for w in _WORD.findall(lead) if w not in lexicon.GROUPING_STOPWORDS)
    counts.update(
        {w: TITLE_WEIGHT for w in _WORD.findall(title) if w not in lexicon.GROUPING_STOPWORDS}
    )
    areas = {a for a in extraction.areas if a in story_lower}
    if article.title:
        # Headlines capitalise every word: "Shooting At Fuller Park" names an area too.
        headline = _TITLE_PREPOSITION.sub(lambda m: m.group().lower(), article.title)
        areas |= {a.lower() for _, _, a in find_local_areas(headline)}
    # A county's or town's own police name the place ("the Anderson County Sheriff's Office").
    areas |= {
        m.group(1).strip().lower()
        for c in claims
        if c.kind == Kind.ORGANIZATION and c.scope == MAIN and (m := _AGENCY_PLACE.match(c.value))
    }
    # A street or district the name finder took for a person ("South Raitt") is an area.
    areas |= {n.lower() for n, kind in kinds.items() if kind == "place"}
    # "Murray Hill" beside "Murray Hill Street" is the street's name, not a person's.
    people = tuple(n for n in people if not any(a.startswith(n.lower() + " ") for a in areas))
    return Profile(
        index=index,
        article_id=article.id,
        published_ordinal=article.published.toordinal() if article.published else None,
        day_ordinal=day.toordinal() if day else None,
        weekday=weekday,
        city=_city(place, article.dateline, headline_proper),
        country=place.country if place else None,
        countries=countries | {place.country} if place else _EMPTY,
        # A name some other country's place also bears ("Georgia") is not a confident reading.
        country_confident=bool(
            place
            and (place.kind != "city" or place.population >= 500_000)
            and countries <= {place.country}
        ),
        people=people,
        officials=tuple(sorted(officials - background)),
        principals=tuple(
            sorted(
                {c.value for c in claims if c.kind == Kind.PERSON and c.subject in PRINCIPALS}
                & set(people)
            )
        ),
        organizations=organizations,
        areas=_frozen({_area_key(a) for a in areas} - lexicon.GROUPING_STOPWORDS),
        # One string per distinct word across the batch, not one per article (100k articles
        # hold some 20 million word entries).
        words={sys.intern(w): n for w, n in counts.items()},
        follow_up=not lexicon.FOLLOW_UP_WORDS.isdisjoint(_WORD.findall(title)),
        headline_only=not story,
        killed=_stated_counts(claims, (Kind.KILLED,)),
        ages=_frozen(int(x or y) for x, y in _AGE.findall(title + " " + lead)),
        # One person shot is the commonest count and tells nothing.
        shot_counts=_stated_counts(claims, (Kind.WOUNDED, Kind.SHOT), least=2),
        clocks=_frozen(clock_times(story_text)),
        blocks=_frozen(block_addresses(story_text)),
        dates=_frozen(
            t.date.toordinal()
            for info in story[:STORY_SENTENCES]
            for t in info.times
            if t.date is not None and t.precision == "day" and any(ch.isdigit() for ch in t.text)
        ),
    )


# The place a police body is named for: "Anderson County Sheriff", "Ostrander Police".
_AGENCY_PLACE = re.compile(r"((?:[A-Z][\w’'\-]+\s+){1,3}?(?:County\s+)?)(?:Sheriff|Police)")


def _city(place: Place | None, dateline: str | None, headline: str) -> str | None:
    """The story's city: the lead's; else the dateline's town, which the gazetteer may not
    know; else the headline's (all a walled page has)."""
    if place is not None and place.kind == "city":
        return place.name
    return _dateline_town(dateline) or _headline_city(headline)


def _headline_city(headline: str) -> str | None:
    """The city the headline names ("Detroit dad sentenced", "Teen shot in Milwaukee")."""
    headline = _TITLE_PREPOSITION.sub(lambda m: m.group().lower(), headline)
    return next((m.place.name for m in find_places(headline) if m.place.kind == "city"), None)


def _dateline_town(dateline: str | None) -> str | None:
    """The town of a dateline ("MONTOURSVILLE --", "Estill Springs, Tenn."), for a town too
    small for the gazetteer: where the reporter files from tells the place."""
    town = (dateline or "").partition(",")[0].strip()
    return town or None


# " - ", " | " or a dash between a headline and the outlet's name and sections.
_HEADLINE_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014]\s+")


def _headline_proper(title: str) -> str:
    """The headline without the outlet's tail: "Teen shot in Harlow - WXYZ News 4 - Harlow,
    Ohio News, Weather, Sports" is "Teen shot in Harlow". The tail's words are in every
    headline of the outlet, and would join its reports of different shootings."""
    head, *tail = _HEADLINE_SEPARATOR.split(title)
    return head if tail and len(head.split()) >= 3 else title


def _stated_counts(
    claims: Sequence[Claim], kinds: tuple[Kind, ...], least: int = 0
) -> frozenset[int]:
    """Exact counts of these kinds the story states (not derives) for its own incident."""
    return _frozen(
        int(c.low)
        for c in claims
        if c.kind in kinds
        and c.scope == MAIN
        and not c.derived
        and c.low is not None
        and c.low == c.high
        and c.low >= least
    )


_POSSESSIVE = re.compile(r"[’']s$")


def _area_key(area: str) -> str:
    """One spelling of a lower-cased area for comparing: "n. clark st." and "north clark
    street" are one street, "detroit's" is "detroit", "pasadena saturday" is "pasadena"."""
    words = [_POSSESSIVE.sub("", w.rstrip(".,")) for w in area.split()]
    while len(words) > 1 and words[-1] in lexicon.AREA_TRAILING_WORDS:
        words.pop()
    return " ".join(lexicon.AREA_ABBREVIATIONS.get(w, w) for w in words if w)


def _kind_of_name(name: str) -> str:
    """What a capitalised name found in the text is: a "person", a "place" (a street, a
    district, a town) or "other" (a body, a holiday, page furniture)."""
    words = [w.lower() for w in name.split()]
    if not lexicon.NOT_PERSON_WORDS.isdisjoint(words):
        return "other"
    if (
        words[0] in lexicon.PLACE_PREFIXES
        or not lexicon.PLACE_TYPE_WORDS.isdisjoint(words)
        or not lexicon.VENUE_WORDS.isdisjoint(words)
        or name.lower() in gazetteer()
    ):
        return "place"
    return "person"


def _story(extraction: Extraction) -> Sequence[SentenceFacts]:
    """The sentences from the first that reports the attack or its aftermath on; else none."""
    for position, info in enumerate(extraction.sentences):
        if is_playlist_entry(info.sentence.text) or _FURNITURE.search(info.sentence.text):
            continue
        words = _WORD.findall(info.sentence.text.lower())
        if info.is_event or not lexicon.STORY_WORDS.isdisjoint(words):
            return extraction.sentences[position:]
    # No sentence of the text tells of a crime: it is a paywall or error page, and only the
    # headline is about the incident.
    return ()


def _document_frequencies(profiles: Sequence[Profile]) -> Counter[str]:
    """In how many articles each lead or headline word is."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.words.keys())
    return df


def _weights(profiles: Sequence[Profile], df: Counter[str]) -> list[dict[str, float]]:
    total = len(profiles) + 1
    vectors = []
    for p in profiles:
        vector = {w: (1 + math.log(n)) * math.log(total / df[w]) for w, n in p.words.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def _containment(short: dict[str, float], other: dict[str, float]) -> float:
    """The share of a short text's weight in words the other text has too."""
    total = sum(short.values())
    return sum(v for w, v in short.items() if w in other) / total if total else 0.0


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


@lru_cache(maxsize=8192)
def _by_family(people: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    keyed: dict[str, list[str]] = defaultdict(list)
    for name in people:
        keyed[person_key(name)].append(name)
    return {key: tuple(names) for key, names in keyed.items()}


def _shared_names(names_a: tuple[str, ...], names_b: tuple[str, ...]) -> int:
    """How many of the first names the second list also has, by rule; only names sharing a
    family key are compared."""
    keyed_a, keyed_b = _by_family(names_a), _by_family(names_b)
    shared = 0
    for key in keyed_a.keys() & keyed_b.keys():
        for name_a in keyed_a[key]:
            if any(
                (rule := person_rule(name_a, name_b)) and rule != "family name only"
                for name_b in keyed_b[key]
            ):
                shared += 1
    return shared


def pair_score(a: Profile, b: Profile, vec_a: dict[str, float], vec_b: dict[str, float]) -> float:
    """Evidence that two articles report the same incident; a veto when they cannot."""
    people = _shared_names(a.people, b.people)
    if _vetoed(a, b, people):
        return _VETO
    # No full name in common, but one report's rare family name is in the other's wording.
    surname = people == 0 and _surname_in_words(a, b)
    near = (
        a.published_ordinal is None
        or b.published_ordinal is None
        or (abs(a.published_ordinal - b.published_ordinal) <= OFFICIAL_DAYS)
    )
    # A follow-up (a charge, a trial, a funeral) naming a victim or suspect of the other
    # report comes weeks or months later: then time apart is no evidence of two incidents.
    named_day = _names_day_of(a, b)
    shared_principal = people > 0 and _shared_names(a.principals, b.principals) > 0
    timeless = named_day or shared_principal
    if near:
        people += _shared_names(a.officials, b.officials)
    time = 0.0
    if a.day_ordinal is not None and b.day_ordinal is not None:
        gap = abs(a.day_ordinal - b.day_ordinal)
        time += -1.0 if gap > 3 else 1.0 if gap <= 1 else 0.2
    elif a.weekday is not None and b.weekday is not None:
        time += 0.5 if a.weekday == b.weekday else -1.0
    if a.published_ordinal is not None and b.published_ordinal is not None:
        # Reports of one incident cluster in the first days; unrelated ones spread out.
        gap = abs(a.published_ordinal - b.published_ordinal)
        time += 0.8 if gap <= 1 else 0.3 if gap <= 3 else -0.3 if gap <= 14 else -0.8
    score = max(0.0, time) if timeless else time
    if _other_country(a, b):
        score -= 1.0
    # A walled page's city is its headline's: a headline names a city's shootings for years
    # ("4 injured by gunfire in Sacramento"), so it counts only within a few days.
    walled = a.headline_only or b.headline_only
    within_days = _published_within(a, b, HEADLINE_DAYS)
    if within_days or not walled:
        score += _city_evidence(a, b)
    score += PEOPLE_WEIGHTS[min(2, people)]
    score += min(1.0, 0.5 * len(a.organizations & b.organizations))
    score += min(2.0, 1.0 * len(a.areas & b.areas))
    shared_tolls = a.killed & b.killed
    if any(toll >= 2 for toll in shared_tolls):
        score += SAME_TOLL_WEIGHT
    elif shared_tolls:
        score += SAME_SINGLE_DEATH_WEIGHT
    if a.ages & b.ages:
        score += SAME_AGE_WEIGHT
    elif a.ages and b.ages and not shared_principal and not _adult_ages_a_year_apart(a, b):
        score += OTHER_AGES_WEIGHT
    if named_day:
        score += NAMED_DAY_WEIGHT
    if surname:
        score += SURNAME_WEIGHT
    if a.shot_counts & b.shot_counts:
        score += SAME_SHOT_COUNT_WEIGHT
    if a.clocks & b.clocks:
        score += SAME_CLOCK_WEIGHT
    elif a.clocks and b.clocks:
        score += OTHER_CLOCKS_WEIGHT
    if a.blocks & b.blocks:
        score += SAME_BLOCK_WEIGHT
    elif a.blocks and b.blocks:
        score += OTHER_BLOCKS_WEIGHT
    similarity = _cosine(vec_a, vec_b)
    if walled:
        # A headline alone is short: what matters is how much of it the other report says.
        # Within a few days that is evidence; later, only when it says nearly all of it
        # ("Two charged in triple homicide at Fuller Park barbecue" a month on).
        short, other = (vec_a, vec_b) if a.headline_only else (vec_b, vec_a)
        contained = _containment(short, other)
        if within_days or contained >= HEADLINE_CONTAINED:
            similarity = max(similarity, contained)
    # Near-identical short texts are often the same paywall or error page, not one story.
    score += TEXT_WEIGHT * min(similarity, 0.6)
    return score


def _published_within(a: Profile, b: Profile, days: int) -> bool:
    """Whether both articles are dated and published at most this many days apart."""
    return (
        a.published_ordinal is not None
        and b.published_ordinal is not None
        and abs(a.published_ordinal - b.published_ordinal) <= days
    )


def _city_evidence(a: Profile, b: Profile) -> float:
    """What the two reports' cities say. One city is evidence, and differing ones weak
    evidence against (suburbs and neighbouring towns). A city the other report names as well
    is weaker evidence: a neighbourhood and its city ("Englewood", "Chicago"), a suburb and
    its city, or a town the other report names without reading it as its own."""
    if a.city and a.city == b.city:
        return 1.0
    if _city_named_by_other(a, b):
        return NAMED_CITY_WEIGHT
    return -0.5 if a.city and b.city else 0.0


def _city_named_by_other(a: Profile, b: Profile) -> bool:
    """Whether one report's city is an area or all words of a place the other names."""
    for one, other in ((a, b), (b, a)):
        if one.city:
            key = _city_key(one.city)
            if key in other.areas or all(w in other.words for w in key.split()):
                return True
    return False


@lru_cache(maxsize=4096)
def _city_key(city: str) -> str:
    """A city's name spelled as areas are for comparing (`_area_key`); a batch has few
    cities, and pairs compare them many times."""
    return _area_key(city.lower())


def _adult_ages_a_year_apart(a: Profile, b: Profile) -> bool:
    """Whether the reports give an adult ages a year apart ("89" and "90"): reports often
    differ so on one person's age, whose birthday or records they read differently."""
    return any(abs(x - y) == 1 for x in a.ages for y in b.ages if x >= ADULT_AGE and y >= ADULT_AGE)


def _surname_in_words(a: Profile, b: Profile) -> bool:
    """Whether one report's rare family name is a word of the other ("okafor", "okafor's")."""
    return any(
        f in other.words or f + "'s" in other.words or f + "’s" in other.words
        for one, other in ((a, b), (b, a))
        for f in one.surnames
    )


def _names_day_of(a: Profile, b: Profile) -> bool:
    """Whether one names by its date the day the other reports ("the Nov. 11 shooting"), or
    both name one date."""
    return (
        (a.day_ordinal is not None and a.day_ordinal in b.dates)
        or (b.day_ordinal is not None and b.day_ordinal in a.dates)
        or not a.dates.isdisjoint(b.dates)
    )


def _vetoed(a: Profile, b: Profile, people: int | None = None) -> bool:
    """Whether two articles cannot report one incident: another day, weekday or country."""
    if a.country_confident and b.country_confident and a.country != b.country:
        return True
    # Two fresh reports (the lead's day within a few days of publication) that disagree on
    # the day are different incidents; a later follow-up's lead may date a trial or funeral.
    fresh = _fresh(a) and _fresh(b)
    if a.day_ordinal is not None and b.day_ordinal is not None:
        conflict = fresh and abs(a.day_ordinal - b.day_ordinal) > 3
    elif a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        conflict = fresh or a.published_ordinal is None or b.published_ordinal is None
    else:
        conflict = False
    if not conflict:
        return False
    if people is None:
        people = _shared_names(a.people, b.people)
    if people >= 2 or _names_day_of(a, b) or _same_mass_toll(a, b):
        # Two people both name, one names the other's day by its date ("the Oct. 3
        # shooting"), or both state a death toll few shootings have: its own day is that of
        # its news (an inquiry, a vigil, a funeral), not of another shooting.
        return False
    if a.follow_up or b.follow_up:
        # A follow-up (an arrest, a charge, a death in hospital) is dated by its own news:
        # when that comes after the other report's shooting, or it names a person or the
        # street of the other report, its day does not tell them apart.
        return not _later_follow_up(a, b) and people == 0 and not _shared_street(a, b)
    return True


def _same_mass_toll(a: Profile, b: Profile) -> bool:
    """Whether both reports state one death toll of MASS_TOLL or more ("49 killed")."""
    return any(toll >= MASS_TOLL for toll in a.killed & b.killed)


def _later_follow_up(a: Profile, b: Profile) -> bool:
    """Whether one is a follow-up dated after the day of the shooting the other reports: its
    lead dates its own news (the arrest, the vigil), which comes after the shooting."""
    for follow, other in ((a, b), (b, a)):
        if (
            follow.follow_up
            and not other.follow_up
            and follow.day_ordinal is not None
            and other.day_ordinal is not None
            and follow.day_ordinal > other.day_ordinal
        ):
            return True
    return False


def _shared_street(a: Profile, b: Profile) -> bool:
    """Whether both articles name one street or district by a name that says it is one."""
    return any(
        w in lexicon.PLACE_TYPE_WORDS or w in lexicon.PLACE_PREFIXES
        for area in a.areas & b.areas
        for w in area.split()
    )


def _other_country(a: Profile, b: Profile) -> bool:
    """Whether the two places are in different countries however their names are read
    ("Santa Rosa" is in the Philippines and in California)."""
    return bool(a.countries and b.countries and a.countries.isdisjoint(b.countries))


def _fresh(p: Profile) -> bool:
    """Whether the article's lead dates a shooting of the last few days."""
    if p.published_ordinal is None:
        return True
    return p.day_ordinal is not None and 0 <= p.published_ordinal - p.day_ordinal <= 3


def _candidate_pairs(
    profiles: Sequence[Profile], vectors: Sequence[dict[str, float]]
) -> set[tuple[int, int]]:
    """Pairs sharing a rare key (a name, a place, a distinctive word): blocking, not all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for p, vector in zip(profiles, vectors, strict=True):
        keys = {f"p:{split_name(n).family or n}".lower() for n in p.people}
        keys |= {f"a:{a}" for a in p.areas}
        keys |= {f"o:{o}" for o in p.organizations}
        keys |= {f"b:{b}" for b in p.blocks}
        if p.city:
            keys.add(f"c:{p.city}")
            if p.published_ordinal is not None:
                # A big city has too many articles for one block; its weeks do not.
                week = p.published_ordinal // 7
                keys |= {f"cw:{p.city}:{week}", f"cw:{p.city}:{week + 1}"}
        top = sorted(vector.items(), key=lambda kv: -kv[1])[:8]
        keys |= {f"w:{w}" for w, _ in top}
        for key in keys:
            index[key].append(p.index)
    pairs: set[tuple[int, int]] = set()
    for key, members in index.items():
        # An address many reports give is no evidence (a busy corner, or generated text); the
        # limit does not grow with the batch, as the pairs a key makes grow with its square.
        if len(members) > (_MAX_SHARED if key.startswith("b:") else _MAX_BLOCK):
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs.add((first, second) if first < second else (second, first))
    # A page with only its headline shares few words with a full report, and rarely the
    # report's top ones: it meets every report that has one of its rarer words.
    short_words = {w for p in profiles if p.headline_only for w in p.words}
    having: dict[str, list[int]] = defaultdict(list)
    for p in profiles:
        for word in p.words.keys() & short_words:
            having[word].append(p.index)
    for p in profiles:
        if p.headline_only:
            for word in p.words:
                others = having[word]
                if len(others) <= _MAX_BLOCK:
                    pairs.update((min(p.index, o), max(p.index, o)) for o in others if o != p.index)
    return pairs


def _without_boilerplate(profiles: Sequence[Profile], df: Counter[str]) -> list[Profile]:
    """Drop names and areas that many articles share: page furniture ("Caption Close Image"),
    an outlet's city or a byline say nothing about which incident an article reports; count
    a name any report gives as an official's as an official's in all; and keep the family
    names that few articles' wording has (`df`: in how many articles each word is)."""
    limit = max(_MAX_SHARED, len(profiles) // 500)
    people: Counter[str] = Counter(n for p in profiles for n in set(p.people))
    areas: Counter[str] = Counter(a for p in profiles for a in p.areas)
    # A police spokesman quoted as such in one report is an official in every report,
    # also where the story gives his name without his job.
    officials = {n for p in profiles for n in p.officials}
    cleaned = []
    for p in profiles:
        kept = tuple(n for n in p.people if people[n] <= limit and n not in officials)
        families = {_family_word(n) for n in kept} - {""}
        cleaned.append(
            replace(
                p,
                people=kept,
                officials=tuple(sorted(set(p.officials) | (set(p.people) & officials))),
                areas=_frozen(a for a in p.areas if areas[a] <= limit),
                surnames=tuple(sorted(f for f in families if df[f] <= limit)),
            )
        )
    return cleaned


def _family_word(name: str) -> str:
    """A name's family name as one lower-case word of four letters or more, else ""."""
    family = (split_name(name).family or "").lower()
    return family if len(family) >= 4 and family.isalpha() else ""


def group_articles(profiles: Sequence[Profile]) -> list[list[int]]:
    """Clusters of article indexes, each one incident, in input order."""
    df = _document_frequencies(profiles)
    profiles = _without_boilerplate(profiles, df)
    vectors = _weights(profiles, df)
    scored = []
    for a, b in _candidate_pairs(profiles, vectors):
        score = pair_score(profiles[a], profiles[b], vectors[a], vectors[b])
        scored.append((score, a, b))
    parent = list(range(len(profiles)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(profiles))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Strongest links first; two groups never merge when any of their articles cannot be
    # the same incident (another day, another weekday, another country), whether or not
    # blocking ever paired those two articles.
    for score, a, b in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if score < LINK_THRESHOLD:
            break
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if any(_vetoed(profiles[x], profiles[y]) for x in members[ra] for y in members[rb]):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profiles)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])
