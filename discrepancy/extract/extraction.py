"""One article in, its Extraction out: sentences, every claim, and the context scoping reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from discrepancy.extract import lexicon
from discrepancy.extract.attribution import attribution_at, find_attribution
from discrepancy.extract.caseless import Caseless
from discrepancy.extract.casualties import find_counts
from discrepancy.extract.gates import prefix_tree
from discrepancy.extract.people import find_names
from discrepancy.extract.places import (
    WAR_THEATRE_BEFORE,
    PlaceMention,
    find_local_areas,
    find_places,
    gazetteer,
    prefer_country,
)
from discrepancy.extract.sentences import Sentence, split_sentences
from discrepancy.extract.troops import find_troops
from discrepancy.extract.when import (
    TimeExpression,
    find_times,
    has_background_cue,
    later_death_time,
    stated_time,
)
from discrepancy.models import Article, Claim, Kind

# Words that say a sentence reports an attack or shooting: the first such sentence is the lead.
_EVENT_WORDS = (
    "strike", "strikes", "attack", "attacked", "shooting", "shot", "killed", "killing",
    "wounded", "injured", "bomb", "bombing", "blast", "explosion", "stabbing", "dead", "died",
    "gunfire", "gunman", "drone", "raid", "clash", "ambush",
    # "The death toll from Saturday's shelling has risen to 21": a toll or a shelling is the
    # event as surely as a strike.
    "shelling", "shelled", "airstrike", "airstrikes", "bombardment", "toll",
)  # fmt: skip
# The look-ahead tests a position's first letters before its word boundary (gates.prefix_tree).
_EVENT = Caseless(rf"(?={prefix_tree(frozenset(_EVENT_WORDS))})\b(?:{'|'.join(_EVENT_WORDS)})\b")
_LEAD_SENTENCES = 4


@dataclass(frozen=True)
class SentenceFacts:
    """One sentence with the time and place phrases scoping reads."""

    sentence: Sentence
    index: int
    times: tuple[TimeExpression, ...]
    places: tuple[PlaceMention, ...]
    areas: tuple[str, ...]
    attribution: str | None
    is_event: bool


@dataclass(frozen=True)
class Extraction:
    """All an article says, before scoping decides which incident each claim is about."""

    article: Article
    sentences: tuple[SentenceFacts, ...]
    claims: tuple[Claim, ...]
    main_time: TimeExpression | None
    main_time_sentence: int | None
    main_place: PlaceMention | None
    main_place_sentence: int | None
    areas: frozenset[str] = field(default=frozenset())
    # Every name-like run, with or without a role: evidence for grouping, not claims.
    names: frozenset[str] = field(default=frozenset())


def extract(article: Article) -> Extraction:
    """Read every claim and the lead's time and place from one article."""
    text = article.text
    sentences = split_sentences(text, article.body_start)
    infos: list[SentenceFacts] = []
    claims: list[Claim] = []
    names: set[str] = set()
    for index, sentence in enumerate(sentences):
        info = SentenceFacts(
            sentence,
            index,
            tuple(find_times(sentence.text, article.published)),
            tuple(find_places(sentence.text)),
            tuple(area for _, _, area in find_local_areas(sentence.text)),
            find_attribution(sentence.text),
            _EVENT.test(sentence.text),
        )
        found = _sentence_claims(article, info, names)
        claims.extend(found)
        infos.append(_without_people_places(info, found))
    claims = _victims_one_by_one(claims)
    claims.extend(_wounded_from_shot(text, article.body_start, claims))
    main_time, time_index = _main_time(infos)
    main_place, place_index = _main_place(infos, article)
    dateline_place = _dateline_place(article)
    if dateline_place is not None and (main_place is None or main_place.place.kind != "city"):
        main_place, place_index = dateline_place, None
    if main_time is not None and time_index is not None:
        claims.append(
            _claim_at(
                article,
                infos[time_index],
                Kind.DATE,
                main_time.start,
                main_time.end,
                normalized=_date_normal(main_time),
                precision=main_time.precision,
            )
        )
    if main_place is not None and place_index is None:
        dateline_claim = _dateline_claim(article, main_place)
        if dateline_claim is not None:
            claims.append(dateline_claim)
    if main_place is not None and place_index is not None:
        claims.append(
            _claim_at(
                article,
                infos[place_index],
                Kind.LOCATION,
                main_place.start,
                main_place.end,
                normalized=main_place.place.name,
            )
        )
    lead_areas = frozenset(
        area.lower()
        for info in infos[: _LEAD_SENTENCES + 4]
        for area in info.areas
        if area.lower() not in lexicon.NOT_NAME_WORDS
    )
    return Extraction(
        article, tuple(infos), tuple(claims), main_time, time_index, main_place, place_index,
        lead_areas,
        frozenset(names),
    )  # fmt: skip


_DEATH_WORDS = Caseless(
    r"\b(?:kill\w*|dead|died|dies|death|fatal\w*|homicide|murder\w*|slain|slay\w*|succumb\w*)\b"
)


def _without_people_places(info: SentenceFacts, claims: list[Claim]) -> SentenceFacts:
    """A town read from inside a person's name ("Kayla Dixon", "Sheriff Joey Terrell") is
    not where the story happened."""
    base = info.sentence.start
    people = [(c.start - base, c.end - base) for c in claims if c.kind == Kind.PERSON]
    if not people or not info.places:
        return info
    places = tuple(
        p
        for p in info.places
        if not any(start <= p.start and p.end <= end for start, end in people)
    )
    return info if len(places) == len(info.places) else dataclasses.replace(info, places=places)


def _victims_one_by_one(claims: list[Claim]) -> list[Claim]:
    """One named victim in an article that counts more ("A 14-year-old girl was hurt" beside
    "two were hurt") is one of them: at least one, not a rival total of exactly one."""
    larger = {c.kind for c in claims if c.low is not None and c.low >= 2}
    return [
        dataclasses.replace(c, high=None)
        if c.kind in larger and c.low == c.high == 1 and _NAMED_ONE.match(c.value)
        else c
        for c in claims
    ]


_NAMED_ONE = re.compile(r"(?:a|an)\s", re.IGNORECASE)


def _wounded_from_shot(text: str, body_start: int, claims: list[Claim]) -> list[Claim]:
    """People shot are wounded unless they died: "a boy was shot", "seven were shot, one died"."""
    body = text
    blanked = [c for c in claims if c.kind == Kind.KILLED and c.high == 0]
    if blanked:
        letters = list(text)
        for claim in blanked:
            # "No one was killed" is a report of no death, not of one.
            letters[claim.start : claim.end] = " " * (claim.end - claim.start)
        body = "".join(letters)
    # With deaths reported, the people shot are wounded less the dead (settled per incident
    # in align), but only when a death count is exact: "one man died" says how many to take
    # away, "was killed" alone does not.
    deaths_counted = any(
        c.kind == Kind.KILLED and c.high is not None and c.low == c.high and c.low >= 1
        for c in claims
    )
    if _DEATH_WORDS.test(body, body_start) and not deaths_counted:
        return []
    wounded = {(c.start, c.end) for c in claims if c.kind == Kind.WOUNDED}
    return [
        dataclasses.replace(c, kind=Kind.WOUNDED, derived=True)
        for c in claims
        if c.kind == Kind.SHOT
        and (c.start, c.end) not in wounded
        and not _FOUND_SHOT.match(text, c.end, c.end + 60)
    ]


# People "found shot" were found after the shooting: nothing says they are alive, so no
# wounded figure is read from them ("Four people were found shot in the head").
_FOUND_SHOT = re.compile(r"\s+(?:\w+\s+){0,4}?found\s+shot\b(?!\s+and\s+(?:wounded|injured))")


def _date_normal(time: TimeExpression) -> str | None:
    if time.date is not None:
        return time.date.isoformat()
    if time.weekday is not None:
        return (
            "weekday:"
            + (["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])[
                time.weekday
            ]
        )
    return None


def _claim_at(
    article: Article,
    info: SentenceFacts,
    kind: Kind,
    start: int,
    end: int,
    *,
    low: float | None = None,
    high: float | None = None,
    subject: str | None = None,
    normalized: str | None = None,
    precision: str | None = None,
    derived: bool = False,
) -> Claim:
    base = info.sentence.start
    return Claim(
        article=article.id,
        kind=kind,
        value=article.text[base + start : base + end],
        start=base + start,
        end=base + end,
        sentence=info.sentence.text,
        subject=subject,
        low=low,
        high=high,
        normalized=normalized,
        attribution=attribution_at(info.sentence.text, start, info.attribution),
        precision=precision,
        derived=derived,
    )


def _sentence_claims(
    article: Article, info: SentenceFacts, names: set[str] | None = None
) -> list[Claim]:
    text = info.sentence.text
    claims = [
        _claim_at(article, info, count.kind, count.start, count.end, low=count.low,
                  high=count.high, derived=count.inferred)
        for count in find_counts(text)
    ]  # fmt: skip
    claims.extend(
        _claim_at(article, info, Kind.TROOPS, troop.start, troop.end, low=troop.low,
                  high=troop.high, subject=troop.subject)
        for troop in find_troops(text)
    )  # fmt: skip
    for name in find_names(text):
        if names is not None and not name.is_organization:
            names.add(name.text)
        if not name.confident:
            continue
        kind = Kind.ORGANIZATION if name.is_organization else Kind.PERSON
        claims.append(
            _claim_at(article, info, kind, name.start, name.end, subject=name.role,
                      normalized=name.text)
        )  # fmt: skip
    return claims


def _main_time(infos: list[SentenceFacts]) -> tuple[TimeExpression | None, int | None]:
    """The lead's time phrase: the first day or weekday in the first event sentences."""
    event_seen = 0
    for info in infos:
        if not info.is_event:
            continue
        event_seen += 1
        for time in info.times:
            if (
                time.precision in ("day", "weekday", "relative")
                and not has_background_cue(info.sentence.text[: time.start])
                and not stated_time(info.sentence.text, time)
                and not later_death_time(info.sentence.text, time)
            ):
                return time, info.index
        if event_seen >= _LEAD_SENTENCES:
            break
    # No time in the lead: a later weekday or day in an event sentence still places it.
    for info in infos:
        for time in info.times:
            if (
                info.is_event
                and time.precision in ("day", "weekday")
                and not has_background_cue(info.sentence.text)
            ):
                return time, info.index
    return None, None


# "Jo Lee, 35, of Lancaster": where a person lives, not where the shooting was.
_RESIDENCE_BEFORE = re.compile(r"\b\d{1,3},\s+(?:of|from)\s+$")


# A possessive right after a place: "Iran's", "the United Kingdom’s".
_POSSESSIVE_AFTER = re.compile(r"[’']s\b")
# ... unless a locative comes before it: "strikes in Iran's Sistan province" are in Iran.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|across|inside|into|on)\s+(?:the\s+)?$", re.I)


def _main_place(
    infos: list[SentenceFacts], article: Article
) -> tuple[PlaceMention | None, int | None]:
    """The lead's place: a city if the first event sentences name one, else a country."""
    best: tuple[PlaceMention, int] | None = None
    home: tuple[PlaceMention, int] | None = None
    owner: tuple[PlaceMention, int] | None = None
    countries = {m.place.country for info in infos for m in info.places if m.place.kind != "city"}
    event_seen = 0
    for info in infos:
        if not info.is_event:
            continue
        event_seen += 1
        for mention in info.places:
            if _ACTOR_SPEAKS.match(info.sentence.text, mention.end) and not _after_locative(
                info.sentence.text, mention
            ):
                # "Moscow said", "Tehran vowed": a government speaking, not where ("officials
                # in Pakistan say" still name where).
                continue
            if mention.place.kind == "city":
                if not _RESIDENCE_BEFORE.search(info.sentence.text[: mention.start]):
                    return prefer_country(mention, countries), info.index
                if home is None:
                    home = (prefer_country(mention, countries), info.index)
            elif _POSSESSIVE_AFTER.match(info.sentence.text, mention.end) and not _after_locative(
                info.sentence.text, mention
            ):
                # "the United Kingdom's strikes in Yemen": the country that acts, not where.
                if owner is None:
                    owner = (mention, info.index)
            elif _actor_adjective(info.sentence.text, mention):
                continue  # "the Israeli military said": who acted, not where
            elif best is None and not WAR_THEATRE_BEFORE.search(
                info.sentence.text[max(0, mention.start - 30) : mention.start]
            ):
                best = (mention, info.index)
        if event_seen >= _LEAD_SENTENCES:
            break
        if event_seen == 1 and home is None and _unknown_place(info):
            # "a strike on a house in Nabatieh": the lead's town is one the gazetteer lacks; a
            # city a later sentence names ("Tyre's hospital took the wounded") is not it.
            break
    found = home or best or owner
    return (found[0], found[1]) if found else (None, None)


def _after_locative(sentence: str, mention: PlaceMention) -> bool:
    """Does a locative stand right before the place ("in Iran's", "officials in Pakistan")?"""
    return bool(_LOCATIVE_BEFORE.search(sentence[max(0, mention.start - 20) : mention.start]))


def _actor_adjective(sentence: str, mention: PlaceMention) -> bool:
    """Is the mention a nationality adjective ("Israeli", "Iranian") that describes who acted
    or who was hit ("the Israeli military", "Iranian commanders"), not a part of the country
    ("the Iraqi capital", "on Syrian soil")?"""
    if mention.text.lower() not in lexicon.DEMONYMS:
        return False
    after = _NEXT_WORD.match(sentence, mention.end)
    return after is None or after.group(1).lower() not in lexicon.COUNTRY_PART_WORDS


_ACTOR_SPEAKS = re.compile(
    rf"(?:[’']s)?\s+(?:(?:has|had|have|also|later|then|again|quickly)\s+)?"
    rf"(?:{lexicon.SPEECH_VERBS}|{lexicon.ATTRIBUTION_VERBS}|accused|blamed|threatened|denies|denied)\b"
)
_NEXT_WORD = re.compile(r"\s+(?:-?\s*)?([A-Za-z]+)")


def _unknown_place(info: SentenceFacts) -> bool:
    """Does the sentence name a place the gazetteer lacks ("in Nabatieh") and no city?"""
    if any(m.place.kind == "city" for m in info.places):
        return False
    places = gazetteer()
    return any(
        area.split()[0].lower() not in _NOT_A_TOWN_START and area.lower() not in places
        for area in info.areas
    )


# An area opening with one of these is a day, a month or a sentence word, not a town.
_NOT_A_TOWN_START = frozenset(lexicon.WEEKDAYS) | frozenset(lexicon.MONTHS) | lexicon.NOT_NAME_WORDS


def _dateline_place(article: Article) -> PlaceMention | None:
    """The dateline's city ("ELGIN, Ill." -> Elgin, Illinois), when the gazetteer knows it."""
    if not article.dateline:
        return None
    place_text = article.dateline.split(",")[0].strip().title()
    mentions = list(find_places(f"in {place_text}, {article.dateline.partition(',')[2].strip()}"))
    cities = [m for m in mentions if m.place.kind == "city"]
    if not cities:
        return None
    countries = {m.place.country for m in mentions if m.place.kind != "city"}
    return prefer_country(cities[0], countries)


def _dateline_claim(article: Article, place: PlaceMention) -> Claim | None:
    """The dateline's place as a location claim, with offsets into the article's text."""
    head = article.text[: article.body_start] or article.text[:200]
    match = re.search(re.escape(place.text), head, re.IGNORECASE)
    if match is None:
        return None
    line_start = head.rfind("\n", 0, match.start()) + 1
    line_end = head.find("\n", match.end())
    line = head[line_start : line_end if line_end >= 0 else len(head)].strip()
    return Claim(
        article=article.id,
        kind=Kind.LOCATION,
        value=match.group(),
        start=match.start(),
        end=match.end(),
        sentence=line,
        normalized=place.place.name,
    )


def day_of(extraction: Extraction) -> dt.date | None:
    """The incident's day as the lead gives it, when it resolves."""
    return extraction.main_time.date if extraction.main_time else None
