"""Which part of its incident each count is about: a group, a hospital, a place, a damaged
site, the badly hurt. A count with a subject aligns only with counts of the same part."""

from __future__ import annotations

import bisect
import dataclasses

from discrepancy.extract import Extraction, SentenceFacts, lexicon
from discrepancy.extract.caseless import Caseless
from discrepancy.link.scope_patterns import (
    MIN_SITES,
    CountSpan,
    group_of,
    is_generic,
    site_of,
    subject_of,
)
from discrepancy.models import Claim, Kind

MAIN = "main"
COUNTS = frozenset({Kind.KILLED, Kind.WOUNDED, Kind.SHOT})
# Cities of one country an article's counts are told in before its toll is the country's.
MIN_CITIES = 2
# A count that says how many (digits or a number word), not a bare "killed" or "died".
_COUNTED = Caseless(r"\d|\b(?:" + "|".join(lexicon.NUMBER_WORDS) + r")\b")


def with_subjects(extraction: Extraction, claims: list[Claim]) -> list[Claim]:
    """Each count's subject when it counts part of its incident (a group, a hospital, a
    place, the badly hurt), so that it aligns only with counts of the same part."""
    counts = [c for c in extraction.claims if c.kind in COUNTS]
    if not counts:
        return claims
    starts = [info.sentence.start for info in extraction.sentences]
    spans: dict[int, list[CountSpan]] = {}
    told_in: dict[tuple[int, Kind], SentenceFacts] = {}
    for claim in counts:
        info = sentence_of(extraction, claim)
        if info is None:
            continue
        told_in[(claim.start, claim.kind)] = info
        offset = info.sentence.start
        spans.setdefault(info.index, []).append(
            CountSpan(claim.start - offset, claim.end - offset, claim.kind)
        )
    result: list[Claim] = []
    places: dict[int, dict[Kind, dict[int, str]]] = {}  # sentence index -> its counts' places
    for claim in claims:
        info = told_in.get((claim.start, claim.kind))
        if info is None or claim.kind not in COUNTS or claim.subject is not None:
            result.append(claim)
            continue
        own = spans[info.index]
        span = CountSpan(
            claim.start - starts[info.index], claim.end - starts[info.index], claim.kind
        )
        told = spans.get(info.index - 1)
        previous = max(told, key=lambda s: s.end).kind if told else None
        memo = places.setdefault(info.index, {})
        subject = subject_of(info.sentence.text, span, own, previous, memo)
        result.append(dataclasses.replace(claim, subject=subject) if subject else claim)
    grouped = _group_subjects(extraction, result, told_in)
    return _country_subjects(extraction, _site_subjects(extraction, grouped))


def _site_subjects(extraction: Extraction, claims: list[Claim]) -> list[Claim]:
    """Counts told paragraph by paragraph for several damaged sites are each site's count."""
    text = extraction.article.text
    told_at = {
        told.index: claim
        for claim in claims
        if claim.kind in COUNTS and (told := sentence_of(extraction, claim)) is not None
    }
    site_at: dict[int, str] = {}  # sentence index -> the site its paragraph opens on
    site: str | None = None
    opened = counted_here = False  # the paragraph opens on its own site; it gives a count
    for info in extraction.sentences:
        previous_end = extraction.sentences[info.index - 1].sentence.end if info.index else 0
        if info.index == 0 or "\n" in text[previous_end : info.sentence.start]:
            # A new paragraph. One that only tells a site was hit ("A missile hit the Lisky
            # hospital: its buildings were damaged.") leaves its counts to the next one.
            carried = site if opened and not counted_here else None
            site = site_of(info.sentence.text)
            opened, counted_here = site is not None, False
            site = site or carried
        if site is not None:
            site_at[info.index] = site
        counted_here = counted_here or info.index in told_at
    counted: dict[int, str] = {}
    parts: set[str] = set()  # the parts the article's counts are told for
    for index, claim in enumerate(claims):
        told = sentence_of(extraction, claim) if claim.kind in COUNTS else None
        if told is None or claim.scope != MAIN:
            continue
        if claim.subject is not None:
            if claim.subject.startswith(("in the ", "at ")):
                parts.add(claim.subject)
            continue
        if told.index in site_at:
            counted[index] = site_at[told.index]
    if len(set(counted.values()) | parts) < MIN_SITES or not counted:
        return claims
    return [
        dataclasses.replace(claim, subject=counted[i]) if i in counted else claim
        for i, claim in enumerate(claims)
    ]


def _country_subjects(extraction: Extraction, claims: list[Claim]) -> list[Claim]:
    """An article placed in a whole country that tells its counts in two or more of its
    cities ("64 are in Kyiv hospitals, 28 in Kryvyi Rih") gives the country's toll."""
    main = extraction.main_place
    if main is None or main.place.kind != "country":
        return claims
    country = main.place.country
    told = {info.index for c in claims if c.kind in COUNTS and (info := sentence_of(extraction, c))}
    cities = {
        mention.place.name
        for index in told
        for mention in extraction.sentences[index].places
        if mention.place.kind == "city" and mention.place.country == country
    }
    if len(cities) < MIN_CITIES:
        return claims
    subject = f"across {main.place.name}"
    return [
        dataclasses.replace(c, subject=subject)
        if c.kind in COUNTS and c.scope == MAIN and c.subject is None
        else c
        for c in claims
    ]


def _group_subjects(
    extraction: Extraction,
    claims: list[Claim],
    told_in: dict[tuple[int, Kind], SentenceFacts],
) -> list[Claim]:
    """A count of one group ("two sisters") beside a count of everyone ("at least ten
    people") in the same article and incident is that group's count, not the toll."""

    def span(claim: Claim, info: SentenceFacts) -> CountSpan:
        offset = info.sentence.start
        return CountSpan(claim.start - offset, claim.end - offset, claim.kind)

    generic: set[tuple[Kind, str]] = set()
    groups: dict[int, str] = {}
    for index, claim in enumerate(claims):
        info = told_in.get((claim.start, claim.kind))
        if info is None or claim.kind not in COUNTS or claim.subject is not None:
            continue
        if claim.low is None or (claim.high is None and not _COUNTED.search(claim.value)):
            continue  # "killed" alone says nothing of how many
        group = group_of(info.sentence.text, span(claim, info))
        if group is not None:
            if claim.high is not None:  # "at least" a group says nothing to compare
                groups[index] = group
        elif is_generic(info.sentence.text, span(claim, info)):
            # "At least 12 people" counts everyone as surely as "12 people" does.
            generic.add((claim.kind, claim.scope))
    return [
        dataclasses.replace(claim, subject=groups[i])
        if i in groups and (claim.kind, claim.scope) in generic
        else claim
        for i, claim in enumerate(claims)
    ]


def sentence_of(extraction: Extraction, claim: Claim) -> SentenceFacts | None:
    """The sentence a claim was read from."""
    # Sentences stand in text order: a binary search keeps scoping linear in the article.
    sentences = extraction.sentences
    index = bisect.bisect_right(sentences, claim.start, key=lambda i: i.sentence.start) - 1
    if index >= 0 and claim.start < sentences[index].sentence.end:
        return sentences[index]
    return None
