"""Group articles into incidents by time, place, names and wording, without all-pairs work."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from discrepancy.extract import Extraction
from discrepancy.models import Claim, Kind
from discrepancy.names import fold, person_rule, split_name
from discrepancy.scope import MAIN

_WORD = re.compile(r"[a-z][a-z’'\-]{2,}")
_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "from",
        "this",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "been",
        "said",
        "says",
        "will",
        "would",
        "their",
        "they",
        "them",
        "his",
        "her",
        "its",
        "our",
        "who",
        "which",
        "what",
        "when",
        "where",
        "after",
        "before",
        "into",
        "about",
        "over",
        "under",
        "more",
        "most",
        "than",
        "then",
        "there",
        "here",
        "also",
        "just",
        "only",
        "other",
        "some",
        "such",
        "very",
        "can",
        "could",
        "should",
        "may",
        "might",
        "being",
        "while",
        "during",
        "against",
        "between",
        "through",
        "police",
        "officials",
        "told",
        "news",
        "according",
        "reported",
        "report",
        "people",
        "man",
        "woman",
        "year",
        "years",
        "old",
        "two",
        "three",
        "four",
        "five",
        "one",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "last",
        "new",
        "time",
        "day",
        "week",
        "month",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# A key shared by more articles than this is too common to propose a pair (a city, a word).
_MAX_BLOCK = 60
# Scores: evidence for and against two articles reporting the same incident.  The link
# threshold was set on gva-dev (see benchmarks/accuracy.py); vetoes are hard constraints.
LINK_THRESHOLD = 2.0
_VETO = -100.0


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
    people: tuple[str, ...]
    organizations: frozenset[str]
    areas: frozenset[str]
    words: dict[str, float]


def profile(index: int, extraction: Extraction, claims: Sequence[Claim]) -> Profile:
    """Summarise one article for grouping."""
    article = extraction.article
    main_time = extraction.main_time
    day = main_time.date if main_time else None
    weekday = main_time.weekday if main_time and main_time.weekday is not None else (
        day.weekday() if day else None
    )  # fmt: skip
    place = extraction.main_place.place if extraction.main_place else None
    people = tuple(sorted({c.value for c in claims if c.kind == Kind.PERSON and c.scope == MAIN}))
    organizations = frozenset(
        " ".join(fold(w) for w in c.value.split())
        for c in claims
        if c.kind == Kind.ORGANIZATION and c.scope == MAIN
    )
    lead = " ".join(info.sentence.text for info in extraction.sentences[:4])
    text = ((article.title or "") + " " + lead).lower()
    counts = Counter(w for w in _WORD.findall(text) if w not in _STOPWORDS)
    return Profile(
        index=index,
        article_id=article.id,
        published_ordinal=article.published.toordinal() if article.published else None,
        day_ordinal=day.toordinal() if day else None,
        weekday=weekday,
        city=place.name if place and place.kind == "city" else None,
        country=place.country if place else None,
        people=people,
        organizations=organizations,
        areas=extraction.areas,
        words={w: float(n) for w, n in counts.items()},
    )


def _weights(profiles: Sequence[Profile]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.words.keys())
    total = len(profiles) + 1
    vectors = []
    for p in profiles:
        vector = {w: (1 + math.log(n)) * math.log(total / df[w]) for w, n in p.words.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _shared_people(a: Profile, b: Profile) -> int:
    shared = 0
    for name_a in a.people:
        for name_b in b.people:
            rule = person_rule(name_a, name_b)
            if rule and rule != "family name only":
                shared += 1
                break
    return shared


def pair_score(a: Profile, b: Profile, vec_a: dict[str, float], vec_b: dict[str, float]) -> float:
    """Evidence that two articles report the same incident; a veto when they cannot."""
    score = 0.0
    if a.day_ordinal is not None and b.day_ordinal is not None:
        gap = abs(a.day_ordinal - b.day_ordinal)
        if gap > 3:
            return _VETO
        score += 1.0 if gap <= 1 else 0.2
    elif a.weekday is not None and b.weekday is not None:
        if a.weekday != b.weekday:
            return _VETO
        score += 0.5
    if a.published_ordinal is not None and b.published_ordinal is not None:
        gap = abs(a.published_ordinal - b.published_ordinal)
        score -= 0.0 if gap <= 3 else (0.5 if gap <= 14 else 1.0)
    if a.country and b.country and a.country != b.country:
        return _VETO
    if a.city and b.city:
        score += 1.0 if a.city == b.city else -1.5
    people = _shared_people(a, b)
    score += min(2, people) * 1.5
    score += min(1.0, 0.5 * len(a.organizations & b.organizations))
    score += min(2.0, 1.0 * len(a.areas & b.areas))
    score += 3.0 * _cosine(vec_a, vec_b)
    return score


def _candidate_pairs(
    profiles: Sequence[Profile], vectors: Sequence[dict[str, float]]
) -> set[tuple[int, int]]:
    """Pairs sharing a rare key (a name, a place, a distinctive word): blocking, not all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for p, vector in zip(profiles, vectors, strict=True):
        keys = {f"p:{split_name(n).family or n}".lower() for n in p.people}
        keys |= {f"a:{a}" for a in p.areas}
        keys |= {f"o:{o}" for o in p.organizations}
        if p.city:
            keys.add(f"c:{p.city}")
        top = sorted(vector.items(), key=lambda kv: -kv[1])[:8]
        keys |= {f"w:{w}" for w, _ in top}
        for key in keys:
            index[key].append(p.index)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > _MAX_BLOCK:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs.add((first, second) if first < second else (second, first))
    return pairs


def group_articles(profiles: Sequence[Profile]) -> list[list[int]]:
    """Clusters of article indexes, each one incident, in input order."""
    vectors = _weights(profiles)
    scored = []
    for a, b in _candidate_pairs(profiles, vectors):
        score = pair_score(profiles[a], profiles[b], vectors[a], vectors[b])
        scored.append((score, a, b))
    parent = list(range(len(profiles)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(profiles))}
    vetoes: dict[int, set[int]] = defaultdict(set)
    for score, a, b in scored:
        if score <= _VETO:
            vetoes[a].add(b)
            vetoes[b].add(a)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Strongest links first; two groups never merge when any of their articles cannot be
    # the same incident (another day, another weekday, another country).
    for score, a, b in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if score < LINK_THRESHOLD:
            break
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if any(vetoes[x] & members[rb] for x in members[ra]):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profiles)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])
