"""Where a strike hit and what it hit, as the report tells its own incident: the place (not
an actor's, an outlet's or an owner's country) and the kinds of target its lead names."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

from discrepancy.extract import Extraction, lexicon
from discrepancy.extract.places import (
    WAR_THEATRE_BEFORE,
    PlaceMention,
    find_places,
    prefer_country,
)
from discrepancy.extract.when import has_background_cue

# A headline capitalises its prepositions: "Strikes In Yemen" puts the strikes there too.
_TITLE_PREPOSITION = re.compile(r"\b(?:In|Near|At|On|Outside)\b")
# A preposition that puts the incident at a place: "a strike in Sanaa", "near Kramatorsk",
# "in southern Lebanon". Without one the place may be an actor ("Israel said", "Tehran
# vowed") or an outlet's; "on" only after an attack ("strikes on Iran"): "blamed on Israel".
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|outside|inside|into|across)|\b(?:strikes?|attacks?|raids?|fire|fired"
    r"|assault|offensive|bombardment|shelling)\s+on|\b(?:city|town|village|province|region"
    r"|district|outskirts|suburbs?)\s+of)\s+(?:the\s+)?(?:(?:north|south|east|west)"
    r"(?:ern)?\s+|(?:north|south)(?:east|west)(?:ern)?\s+|central\s+)?$",
    re.I,
)
# Words that say a sentence tells of a strike, beyond those of an event sentence.
_STRIKE_WORD = re.compile(r"\b(?:struck|air\s?strikes?|missiles?|rockets?|shell(?:ed|ing))\b", re.I)
# A possessive after a place ("Iran's"), and the few words after it that say what it owns.
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+((?:[\w’'\-]+\s+){0,4}[\w’'\-]+)")
# A capitalised word after a place's name makes it part of a longer one ("Berlin Heights",
# "Denmark Road"), unless it is a day, a month or a city's "City" ("Gaza City").
_NAME_GOES_ON = re.compile(
    r"\s+(?!(?:City|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]"
)
# A city this large is known by its name alone ("Damascus"), without its country named.
_LARGE_CITY = 500_000
# A word that says a strike hit something, and the few words after it that may name what:
# "a strike on the consulate", "struck a football pitch", "targeting an aid convoy".
_TARGET_AFTER = re.compile(
    r"\b(?:strikes?|airstrikes?|attacks?|attacked|raids?|bomb(?:ed|ing)|shell(?:ed|ing)|hit|hits"
    r"|hitting|struck|striking|target(?:ed|ing)|destroy(?:ed|ing)|level(?:l)?ed|flattened"
    r"|pounded)\b((?:\s+[\w’'\-]+){1,6})",
    re.I,
)
# A target named before the strike word: "the consulate bombing", "a hospital strike".
_TARGET_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:strikes?|airstrikes?|attacks?|raids?|bombings?|shelling)\b", re.I
)
_POSSESSIVE_END = re.compile(r"['’]s?$")
# How many sentences of the lead telling of a strike are read for the place it struck.
_STRUCK_SENTENCES = 3


def struck_place(extraction: Extraction) -> PlaceMention | None:
    """Where the report says the incident happened: the lead's place when the text puts the
    incident there, else the headline's, else the first of the lead's strike sentences;
    never a dateline ("DUBAI (Reuters)"), an actor ("Israel said"), a nationality ("in
    Pakistani strikes on Iran"), an owner ("Iran's consulate in Damascus"), a place of the
    past ("killed in a 2008 bombing in Damascus") or of a quoted speaker's words."""
    mention, index = extraction.main_place, extraction.main_place_sentence
    if mention is not None and index is not None:
        info = extraction.sentences[index]
        if _struck_at(info.sentence.text, mention) and not _quoted(
            info.sentence.text, mention.start
        ):
            return _in_its_region(info.sentence.text, mention, info.places)
    named = {m.place.country for info in extraction.sentences for m in info.places
             if m.place.kind != "city"}  # fmt: skip
    sentences = _lead(extraction)
    for text, places in sentences:
        for found in places:
            if _struck_at(text, found) and not _quoted(text, found.start):
                if found.place.kind == "city":
                    found = prefer_country(found, named)
                    # A town another country's gazetteer has ("in Whitehaven" in a Memphis
                    # report) is no reading of where; a large city is.
                    if found.place.country not in named and found.place.population < _LARGE_CITY:
                        continue
                return _in_its_region(text, found, places)
    return None


def _lead(extraction: Extraction) -> list[tuple[str, Sequence[PlaceMention]]]:
    """The headline and the lead's first sentences telling of a strike, with their places."""
    title = _TITLE_PREPOSITION.sub(lambda m: m.group().lower(), extraction.article.title or "")
    sentences: list[tuple[str, Sequence[PlaceMention]]] = (
        [(title, tuple(find_places(title)))] if title else []
    )
    seen = 0
    for info in extraction.sentences:
        # The first sentence is the lead of a report of any news (a trial, an arrest); a
        # headline a page repeats is read once.
        text = info.sentence.text
        if any(text == before for before, _ in sentences):
            continue
        if info.index == 0 or info.is_event or _STRIKE_WORD.search(text):
            sentences.append((text, info.places))
            seen += 1
            if seen >= _STRUCK_SENTENCES:
                break
    return sentences


def targets(extraction: Extraction, skip: AbstractSet[str] = frozenset()) -> frozenset[str]:
    """What the headline and the lead say a strike hit, as kinds ("the consulate" and "the
    embassy's annex" are one kind, a diplomatic mission; "a convoy" and "their car" a
    vehicle): the incident's own fact, which two strikes of one day by one army differ on.
    `skip`: sentences about another incident, whose target is that incident's."""
    return frozenset(
        kind for text, _ in _lead(extraction) if text not in skip for kind in _kinds(text)
    )


def lead_targets(extraction: Extraction) -> frozenset[str]:
    """What the headline and the first sentence telling of the event say the strike hit."""
    first = next((info.sentence.text for info in extraction.sentences if info.is_event), "")
    texts = [extraction.article.title or "", first]
    return frozenset(kind for text in texts if text for kind in _kinds(text))


def _kinds(text: str) -> Iterator[str]:
    """The kinds of target a text says a strike hit."""
    for match in _TARGET_AFTER.finditer(text):
        kind = _first_kind(match.group(1))
        if kind is not None:
            yield kind
    for match in _TARGET_BEFORE.finditer(text):
        kind = _kind(match.group(1))
        if kind is not None:
            yield kind


# A strike named by its day as an event of its own: "Monday's drone strike on a car".
_DAY_STRIKE = re.compile(
    r"\b(?:" + "|".join(lexicon.WEEKDAYS) + r"|yesterday|today)['’]s\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:strikes?|airstrikes?|attacks?|raids?|bombings?|shelling)\s+(?:on|at|against)"
    r"((?:\s+[\w’'\-]+){1,4})",
    re.I,
)


def other_target(text: str, lead: frozenset[str]) -> bool:
    """Does the text name, by its day, a strike on a kind of target the lead's strike did not
    hit ("Monday's strike on a car near Tyre killed three" in a report of a strike on a
    house)? A target named in passing ("a shell hit a school") may be the same attack's."""
    if not lead:
        return False
    for match in _DAY_STRIKE.finditer(text):
        kind = _first_kind(match.group(1))
        if kind is not None and kind not in lead:
            return True
    return False


def _first_kind(words: str) -> str | None:
    """The kind of target the first word of a kind among these names."""
    return next((kind for word in words.split() if (kind := _kind(word)) is not None), None)


def _kind(word: str) -> str | None:
    """The kind of target a word names ("consulate's": a mission), or None."""
    return lexicon.TARGET_KINDS.get(_POSSESSIVE_END.sub("", word.lower().strip(".,;:")))


def _in_its_region(
    text: str, mention: PlaceMention, places: Sequence[PlaceMention]
) -> PlaceMention:
    """The state or country a city is said to be in ("near Eldorado, Texas") when the
    gazetteer knows the name only in another country: the region, not the namesake."""
    if mention.place.kind != "city":
        return mention
    after = next((m for m in places if m.start > mention.end), None)
    if (
        after is not None
        and after.place.kind != "city"
        and text[mention.end : after.start].strip() == ","
        and after.place.country not in {c.country for c in mention.candidates}
    ):
        return after
    return mention


def _quoted(text: str, position: int) -> bool:
    """Whether the position is inside a quotation ("the enemy's crimes in Gaza")."""
    before = text[:position]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _struck_at(text: str, mention: PlaceMention) -> bool:
    """Whether the sentence puts the incident at this place: after a locative preposition,
    not a nationality ("in Israeli strikes"), and, when possessive, naming a part of the
    place ("in Iran's Sistan province") rather than what it owns or did ("in Israel's pager
    attack", "Iran's consulate in Damascus")."""
    if mention.text.lower() in lexicon.DEMONYMS:
        return False
    if _NAME_GOES_ON.match(text, mention.end):
        return False
    owned = _POSSESSIVE_AFTER.match(text, mention.end)
    if owned is not None and not _names_a_part(owned.group(1).split()):
        return False
    before = text[max(0, mention.start - 40) : mention.start]
    if WAR_THEATRE_BEFORE.search(before):
        return False
    # Any earlier word of the sentence may put the place in the past ("the day after a
    # bombardment across Ukraine").
    return _LOCATIVE_BEFORE.search(before) is not None and not has_background_cue(
        text[: mention.start]
    )


def _names_a_part(words: list[str]) -> bool:
    """Whether the words after a place's possessive name a part of it: the first lower-case
    word, after any names ("Sistan and Baluchestan province"), is a kind of area."""
    for word in words:
        if word[:1].isupper() or word == "and":
            continue
        return word.strip(".,;:’'-").lower() in lexicon.COUNTRY_PART_WORDS
    return False


def confident(struck: PlaceMention | None, extraction: Extraction) -> bool:
    """Whether the place's country is surely where it struck: a country's or a state's name,
    or a large city's, that no other country's place bears ("Georgia"), or whose country the
    article names by another name too ("Damascus" and "Syrian", "Lebanon" and "Beirut": not
    the small American towns of those names)."""
    if struck is None or not struck.place.country:
        return False
    place = struck.place
    if place.kind == "city" and place.population < _LARGE_CITY:
        return False
    if all(c.country == place.country for c in struck.candidates):
        return True
    if place.kind == "state":
        return False
    return any(
        m.place.country == place.country and m.text.lower() != struck.text.lower()
        for info in extraction.sentences
        for m in info.places
    )
