"""One article reduced to what grouping compares: its day, place, people, tolls and words."""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from discrepancy.extract import Extraction, SentenceFacts, lexicon
from discrepancy.extract.names import fold
from discrepancy.extract.people import find_names
from discrepancy.extract.places import (
    Place,
    block_addresses,
    find_local_areas,
    find_places,
    gazetteer,
)
from discrepancy.extract.sentences import is_playlist_entry
from discrepancy.extract.when import clock_times, latest_year
from discrepancy.link.scope import MAIN
from discrepancy.link.struck import (
    confident,
    lead_targets,
    other_target,
    struck_place,
    targets,
)
from discrepancy.models import ROUNDUP_KEY, Claim, Kind

# Words, and victims' ages ("3-year-old"), which are rare enough to tell incidents apart.
_WORD = re.compile(r"\d{1,3}-year-old|[a-z][a-z’'\-]{2,}")
# An age: "a 17-year-old", or set off by commas after a name or noun ("Girl, 9, shot"; not
# "Across Lebanon, 3,000 pagers").
_AGE = re.compile(r"\b(\d{1,3})[-\s]year[-\s]old|[a-z],\s(\d{1,2}),(?!\d)")
# Site furniture that names the police without telling a story: "Subscribe to receive
# messages from the Portland Police Bureau", "Please use another browser".
_FURNITURE = re.compile(
    r"\b(?:subscribe|newsletter|browser|cookies|notifications?|advertisement|javascript"
    r"|sign\s+up|log\s+in|privacy\s+policy|terms\s+of\s+(?:use|service)|register\s+your"
    r"|text\s+messages?)\b",
    re.IGNORECASE,
)
_TITLE_PREPOSITION = re.compile(r"\b(?:In|Near|At|On|Outside)\b")
LEAD_SENTENCES = 8
# How many sentences of the story are read for people and areas.
STORY_SENTENCES = 40
TITLE_WEIGHT = 2  # a headline word counts as this many lead words
# The roles of a person whose name tells the incident (not a spokesman's).
PRINCIPALS = frozenset({"victim", "suspect", "shooter"})

T = TypeVar("T")
# One empty set for every profile: each `frozenset()` is an object of its own (216 bytes), and
# most of a profile's sets are empty; 100k profiles would hold some 130 MB of them.
_EMPTY: frozenset[Any] = frozenset()


def frozen(items: Iterable[T]) -> frozenset[T]:
    """The items as a frozen set: the shared empty one when there are none, and one object
    for equal sets (a country, a toll, a clock time that many articles give)."""
    found = frozenset(items)
    return _shared(found) if found else _EMPTY


@functools.lru_cache(maxsize=2**14)
def _shared(found: frozenset[Any]) -> frozenset[Any]:
    """The first of equal sets seen lately: a profile holds some five sets (216 bytes each
    and more), most of them the same as another article's (on 10k synthetic articles 53,560
    sets, 5,710 distinct)."""
    return found


# Slots: grouping holds one per article of the batch at once.
@dataclass(frozen=True, slots=True)
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
    # People the story names as public figures (a leader, a minister: `PUBLIC_FIGURE_ROLES`)
    # and never as a victim or a suspect: they comment on events rather than take part.
    figures: tuple[str, ...] = ()
    # The batch's rare family names among `people`, as words ("okafor"): another report may
    # name the person by the family name alone ("Okafor's brother said").
    surnames: tuple[str, ...] = ()
    # What the lead says a strike hit, by kind ("mission", "vehicle", "hospital").
    targets: frozenset[str] = frozenset()
    # An undated report's words of its whole story (`STORY_SENTENCES`) with their counts:
    # without a date to tell two events of one kind apart, the fuller wording is the evidence
    # (who else took part, what was taken, where). None for a dated report.
    story_words: dict[str, int] | None = None
    # An undated report's latest year named (`when.latest_year`): reports of one event name
    # years near each other, those of two events of one kind years apart. None when dated.
    latest_year: int | None = None


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
    # Without a headline given apart from the text, the text is all there is: it is read from
    # its first sentence that is not page furniture, and a report of a fire, an arrest or a
    # trial that tells no crime is a story rather than an empty page. A crawled page given
    # with its headline and telling no crime is a wall or an error page: its headline is what
    # is known of the story.
    plain_text = article.title_from_text or not (article.title or "").strip()
    story = _story(extraction, from_first_prose=plain_text)
    if not story and plain_text:
        story = extraction.sentences
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
    organizations = frozen(
        " ".join(fold(w) for w in c.value.split())
        for c in claims
        if c.kind == Kind.ORGANIZATION and c.scope == MAIN
    )
    lead = " ".join(info.sentence.text for info in story[:LEAD_SENTENCES]).lower()
    headline_proper = _headline_proper(article.title or "")
    title = headline_proper.lower()
    # The headline names what the story is about; its words count twice.
    counts = _word_counts(lead)
    counts.update(dict.fromkeys(_word_counts(title), TITLE_WEIGHT))
    # A sentence telling of a strike on another target ("Monday's strike on a car near Tyre
    # killed three" in a report of a strike on a house) names that strike's place too.
    elsewhere = _elsewhere(claims)
    other_strike = _other_strike_sentences(extraction, elsewhere)
    own_lower = (
        " ".join(
            info.sentence.text
            for info in story[:STORY_SENTENCES]
            if info.sentence.text not in other_strike
        ).lower()
        if other_strike
        else story_lower
    )
    areas = {a for a in extraction.areas if a in own_lower}
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
    struck = struck_place(extraction)
    hit = struck.place if struck else None
    struck_countries = frozen(c.country for c in struck.candidates) if struck else _EMPTY
    return Profile(
        index=index,
        article_id=article.id,
        published_ordinal=article.published.toordinal() if article.published else None,
        day_ordinal=day.toordinal() if day else None,
        weekday=weekday,
        city=_city(place, article.dateline, headline_proper),
        country=hit.country if hit else place.country if place else None,
        # An actor's or an outlet's country is no evidence about where the incident was.
        countries=frozen(struck_countries | {hit.country}) if hit else _EMPTY,
        country_confident=confident(struck, extraction),
        # A sentence whose every count is another incident's ("Monday's strike on a car near
        # Tyre killed three") names that incident's target, not this one's. (Its places are
        # left out only when it tells of a strike on another target: leaving out every such
        # sentence's places cost gva-dev 0.0004.)
        targets=frozen(targets(extraction, skip=elsewhere)),
        people=people,
        officials=tuple(sorted(officials - background)),
        principals=tuple(
            sorted(
                {c.value for c in claims if c.kind == Kind.PERSON and c.subject in PRINCIPALS}
                & set(people)
            )
        ),
        figures=_figures(claims, people),
        organizations=organizations,
        areas=frozen({area_key(a) for a in areas} - lexicon.GROUPING_STOPWORDS - lexicon.DEMONYMS),
        # One string per distinct word across the batch, not one per article (100k articles
        # hold some 20 million word entries).
        words={sys.intern(w): n for w, n in counts.items()},
        story_words=None if article.published else _story_words(story_lower),
        latest_year=None if article.published else latest_year(article.text),
        follow_up=not lexicon.FOLLOW_UP_WORDS.isdisjoint(_WORD.findall(title)),
        headline_only=not story,
        killed=_stated_counts(claims, (Kind.KILLED,)),
        ages=frozen(int(x or y) for x, y in _AGE.findall(title + " " + lead)),
        # One person shot is the commonest count and tells nothing.
        shot_counts=_stated_counts(claims, (Kind.WOUNDED, Kind.SHOT), least=2),
        clocks=frozen(clock_times(story_text)),
        blocks=frozen(block_addresses(story_text)),
        dates=frozen(
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
    return frozen(
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


def _words(text: str) -> list[str]:
    """The lower-cased text's words, one apostrophe for all: "children’s" is "children's"."""
    return _WORD.findall(text.replace("’", "'"))


def _word_counts(text: str) -> Counter[str]:
    """How often the lower-cased text says each word grouping weighs (no stop words)."""
    return Counter(w for w in _words(text) if w not in lexicon.GROUPING_STOPWORDS)


def _story_words(story: str) -> dict[str, int]:
    return {sys.intern(w): n for w, n in _word_counts(story).items()}


def area_key(area: str) -> str:
    """One spelling of a lower-cased area for comparing: "n. clark st." and "north clark
    street" are one street, "detroit's" is "detroit", "pasadena saturday" is "pasadena"."""
    words = [_POSSESSIVE.sub("", w.rstrip(".,")) for w in area.split()]
    while len(words) > 1 and words[-1] in lexicon.AREA_TRAILING_WORDS:
        words.pop()
    return " ".join(lexicon.AREA_ABBREVIATIONS.get(w, w) for w in words if w)


_COUNT_KINDS = (Kind.KILLED, Kind.WOUNDED)


def _elsewhere(claims: Sequence[Claim]) -> frozenset[str]:
    """The sentences all of whose counts are another incident's."""
    other = {c.sentence for c in claims if c.kind in _COUNT_KINDS and c.scope.startswith("bg|")}
    own = {c.sentence for c in claims if c.kind in _COUNT_KINDS and c.scope == MAIN}
    return frozenset(other - own)


def _other_strike_sentences(extraction: Extraction, elsewhere: frozenset[str]) -> frozenset[str]:
    """Of the sentences about another incident (`_elsewhere`), those that tell of a strike on
    another target."""
    if not elsewhere:
        return frozenset()
    lead = lead_targets(extraction)
    return frozenset(text for text in elsewhere if other_target(text, lead))


def _kind_of_name(name: str) -> str:
    """What a capitalised name found in the text is: a "person", a "place" (a street, a
    district, a town) or "other" (a body, a holiday, page furniture)."""
    words = [w.lower() for w in name.split()]
    if not lexicon.NOT_PERSON_WORDS.isdisjoint(words):
        return "other"
    if words[-1] in lexicon.REGION_WORDS or " ".join(words) in lexicon.WORLD_REGIONS:
        return "other"
    if (
        words[0] in lexicon.PLACE_PREFIXES
        or not lexicon.PLACE_TYPE_WORDS.isdisjoint(words)
        or not lexicon.VENUE_WORDS.isdisjoint(words)
        or name.lower() in gazetteer()
    ):
        return "place"
    return "person"


def _story(extraction: Extraction, from_first_prose: bool = False) -> Sequence[SentenceFacts]:
    """The sentences from the first that reports the attack or its aftermath on (or, with
    `from_first_prose`, from the first that is not page furniture); else none."""
    for position, info in enumerate(extraction.sentences):
        if is_playlist_entry(info.sentence.text) or _FURNITURE.search(info.sentence.text):
            continue
        if from_first_prose:
            return extraction.sentences[position:]
        words = _WORD.findall(info.sentence.text.lower())
        if info.is_event or not lexicon.STORY_WORDS.isdisjoint(words):
            return extraction.sentences[position:]
    # No sentence of the text tells of a crime: it is a paywall or error page, and only the
    # headline is about the incident.
    return ()


def _figures(claims: Sequence[Claim], people: Sequence[str]) -> tuple[str, ...]:
    """The people named with a public figure's role ("Prime Minister X condemned the strike")
    and never as a victim, a suspect or the one a strike killed or targeted: a leader killed
    in the strike ("killed the group's leader X") takes part in it."""
    roles: dict[str, set[str | None]] = {}
    struck: set[str] = set()
    for c in claims:
        if c.kind == Kind.PERSON:
            roles.setdefault(c.value, set()).add(c.subject)
            at = c.sentence.find(c.value)
            if at >= 0 and _STRUCK_PERSON.search(c.sentence, max(0, at - 60), at):
                struck.add(c.value)
    return tuple(
        n
        for n in people
        if n not in struck
        and roles.get(n, set()) & lexicon.PUBLIC_FIGURE_ROLES
        and not roles[n] & PRINCIPALS
    )


# A person a strike killed or aimed at, named up to 60 characters after its verb ("killed the
# group's leader X", "the assassination of X"), in one clause.
_STRUCK_PERSON = re.compile(
    r"\b(?:killed|killing|kills|assassinated|assassinating|assassination\s+of|eliminated"
    r"|eliminating|death\s+of|targeted|targeting|targets|wounded|injured)\b[^.;:]{0,60}$",
    re.IGNORECASE,
)
