"""Align claims across sources per incident and (kind, subject), and decide each fact's status."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from discrepancy.align.cues import news_day
from discrepancy.align.sites import one_named_site
from discrepancy.align.timeline import settle, toll_moves
from discrepancy.extract import lexicon
from discrepancy.extract.names import (
    SPELLING_RULES,
    organization_rule,
    person_rule,
    same_spelling,
    same_word_article_aside,
    split_name,
)
from discrepancy.link.disjoint import DisjointSets
from discrepancy.models import NUMERIC_KINDS, Claim, Discrepancy, Fact, Kind, Status

KIND_ORDER = [Kind.KILLED, Kind.WOUNDED, Kind.SHOT, Kind.TROOPS, Kind.PERSON, Kind.ORGANIZATION,
              Kind.DATE, Kind.LOCATION]  # fmt: skip
_REVISION_RULE = "figures rise over time"


class Bounds(NamedTuple):
    """The tightest interval the claims of one fact allow, and whether it is empty."""

    lowest_high: float
    highest_low: float
    conflict: bool


def numeric_conflicts(rows: Iterable[tuple[str, float | None, float | None]]) -> dict[str, Bounds]:
    """Per fact key, the tightest interval all claims allow; empty where they cannot all hold.

    `rows` are (key, low, high); a missing bound is open. Keys keep their first-seen order.
    """
    highs: dict[str, float] = {}
    lows: dict[str, float] = {}
    for key, low, high in rows:
        low_value = -math.inf if low is None or math.isnan(low) else low
        high_value = math.inf if high is None or math.isnan(high) else high
        if key in highs:
            highs[key] = min(highs[key], high_value)
            lows[key] = max(lows[key], low_value)
        else:
            highs[key], lows[key] = high_value, low_value
    return {k: Bounds(highs[k], lows[k], lows[k] > highs[k]) for k in highs}


def _is_revision(claims: Sequence[Claim], published: Mapping[str, dt.date | None]) -> bool:
    """Dated figures that only rise ("3", then "5" a day later) are updates, not a conflict."""
    dates = [published.get(c.article) for c in claims]
    if any(d is None for d in dates) or len({d for d in dates}) < 2:
        return False
    by_day: dict[dt.date, list[Claim]] = defaultdict(list)
    for claim, day in zip(claims, dates, strict=True):
        assert day is not None
        by_day[day].append(claim)
    previous_low = -math.inf
    for day in sorted(by_day):
        group = by_day[day]
        low = max(c.low if c.low is not None else -math.inf for c in group)
        high = min(c.high if c.high is not None else math.inf for c in group)
        if low > high or low < previous_low:
            return False
        previous_low = low
    return True


def _rises(claims: Sequence[Claim], published: Mapping[str, dt.date | None]) -> bool:
    """Does a later day's figure go above an earlier day's ("at least 3", then "5")?"""
    by_day: dict[dt.date, float] = {}
    for claim in claims:
        day = published.get(claim.article)
        if day is not None and claim.low is not None:
            by_day[day] = max(by_day.get(day, -math.inf), claim.low)
    lows = [by_day[d] for d in sorted(by_day)]
    return len(lows) > 1 and lows[-1] > lows[0]


def _numeric_facts(
    claims: Sequence[Claim], published: Mapping[str, dt.date | None], conflict: Mapping[str, bool]
) -> list[Fact]:
    by_key: dict[tuple[Kind, str | None], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_key[(claim.kind, claim.subject)].append(claim)
    facts = []
    moving = None
    for (kind, subject), group in by_key.items():
        articles = {c.article for c in group}
        agreeing = Status.AGREE if len(articles) > 1 else Status.SINGLE
        if conflict.get(_key(kind, subject), False):
            moving = toll_moves(claims) if moving is None else moving
            settled = settle(group, published, moving=moving)
            status = agreeing if settled.revision else Status.CONFLICT
            rule = _REVISION_RULE if settled.revision else settled.rule
            facts.append(Fact(kind, subject, status, tuple(group), rule=rule,
                              revision=settled.revision))  # fmt: skip
            continue
        revision = _is_revision(group, published) and _rises(group, published)
        rule = _REVISION_RULE if revision else None
        facts.append(Fact(kind, subject, agreeing, tuple(group), rule=rule, revision=revision))
    return facts


def _key(kind: Kind, subject: str | None) -> str:
    return f"{kind.value}|{subject or ''}"


def _name_facts(claims: Sequence[Claim], kind: Kind) -> list[Fact]:
    rule_of: Callable[[str, str], str | None] = (
        person_rule if kind == Kind.PERSON else organization_rule
    )
    values = sorted({c.value for c in claims})
    sets = DisjointSets(values)
    find = sets.find

    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            if rule_of(a, b) is not None and rule_of(a, b) != "family name only":
                sets.union(a, b)
    # A bare family name joins a fuller name only when exactly one fuller name fits.
    for a in values:
        parts = split_name(a)
        if kind == Kind.PERSON and (parts.given or parts.kunya):
            continue
        fits = {find(b) for b in values if b != a and rule_of(a, b) == "family name only"}
        if len(fits) == 1 and find(a) not in fits:
            sets.union(fits.pop(), a)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[find(claim.value)].append(claim)
    facts = []
    for group in groups.values():
        articles = {c.article for c in group}
        spellings = sorted({c.value for c in group})
        rules = _rules(spellings, rule_of)
        variant_rules = _spelling_rules(rules)
        if variant_rules and not _spelled_apart(spellings, kind):
            variant_rules = []
        roles = Counter(c.subject for c in group if c.subject)
        # The most frequent role, ties alphabetically: not the first seen, which depends on
        # the order articles came in (and the role is part of the fingerprint).
        subject = min(roles.items(), key=lambda kv: (-kv[1], kv[0]))[0] if roles else None
        group = [c if c.subject == subject else _with_subject(c, subject) for c in group]
        rule: str | None
        if variant_rules and len(articles) > 1:
            status, rule = Status.VARIANT, variant_rules[0]
        else:
            status = Status.AGREE if len(articles) > 1 else Status.SINGLE
            rule = sorted(r for r in rules if r)[0] if rules - {None} else None
        split = _part_facts(group, kind, subject, rule) if status == Status.VARIANT else []
        facts.extend(split or [Fact(kind, subject, status, tuple(group), rule=rule)])
    return facts


# The parts of a person's name an editor checks one by one, and how each is read.
_NAME_PARTS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "given name": lambda name: split_name(name).given,
    "kunya": lambda name: tuple(filter(None, [split_name(name).kunya])),
    "family name": lambda name: tuple(filter(None, [split_name(name).family])),
}


def _part_facts(
    group: Sequence[Claim], kind: Kind, subject: str | None, rule: str | None
) -> list[Fact]:
    """One variant fact for each part of a person's name, when each other spelling writes
    one part of one spelling otherwise ("Fouad Shukr" as "Fuad Shukr", "Fouad Shokr" and
    "Fouad Shukur": the given name, and the family name, each a question of its own). Names
    written otherwise in two parts at once ("Vitali Klitschko", "Vitaliy Klychko") are one
    question, as are names written otherwise in one part: [] then."""
    if kind != Kind.PERSON:
        return []
    spellings = Counter(c.value for c in group)
    # The spelling the others depart from: the most given, ties alphabetically.
    for reference, _ in sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0])):
        apart = {s: _parts_apart(reference, s) for s in spellings}
        if all(len(parts) <= 1 for parts in apart.values()):
            break
    else:
        return []
    varying = [part for part in _NAME_PARTS if any(parts == {part} for parts in apart.values())]
    if len(varying) < 2:
        return []
    facts = []
    for part in varying:
        claims = tuple(c for c in group if apart[c.value] <= {part})
        if len({c.article for c in claims}) < 2:
            return []
        text = f"{rule}; only the {part} differs" if rule else None
        facts.append(Fact(kind, subject, Status.VARIANT, claims, rule=text, part=part))
    return facts


def _parts_apart(a: str, b: str) -> set[str]:
    """The parts of two spellings of one name, given in both with as many words, that
    write a word otherwise (the al- article aside)."""
    apart = set()
    for part, read in _NAME_PARTS.items():
        x, y = read(a), read(b)
        if (
            x
            and len(x) == len(y)
            and any(not same_word_article_aside(u, v) for u, v in zip(x, y, strict=True))
        ):
            apart.add(part)
    return apart


def _rules(spellings: Sequence[str], rule_of: Callable[[str, str], str | None]) -> set[str | None]:
    """The rule joining each pair of spellings (None where none does)."""
    return {rule_of(a, b) for a in spellings for b in spellings if a < b}


def _spelling_rules(rules: Iterable[str | None]) -> list[str]:
    """Those of the rules that make a spelling variant, in order."""
    return sorted(r for r in rules if r in SPELLING_RULES)


def _with_subject(claim: Claim, subject: str | None) -> Claim:
    return replace(claim, subject=subject)


def _spelled_apart(spellings: Sequence[str], kind: Kind) -> bool:
    """Do the spellings differ in a shared part, not only in how much of the name they give?"""
    if kind == Kind.ORGANIZATION:
        return any(not same_spelling(a, b) for a in spellings for b in spellings if a < b)
    for a in spellings:
        for b in spellings:
            if a >= b:
                continue
            pa, pb = split_name(a), split_name(b)
            pairs = [(pa.family, pb.family), (pa.kunya, pb.kunya)]
            pairs += zip(pa.given, pb.given, strict=False)
            if any(x and y and not same_spelling(x, y) for x, y in pairs):
                return True
    return False


def _date_facts(claims: Sequence[Claim]) -> list[Fact]:
    """One incident-date fact; a conflict only between event dates written out days apart.

    A weekday or "yesterday" is as often the day of the news as of the event, and a date beside
    a statement, a funeral or a later death is the news's: neither makes the date disputed.
    """
    if not claims:
        return []
    days = sorted(
        {
            c.normalized
            for c in claims
            if c.normalized
            and c.normalized[0].isdigit()
            and any(ch.isdigit() for ch in c.value)
            and not news_day(c)
        }
    )
    conflict = False
    if len(days) > 1:
        first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
        conflict = (last - first).days > 1
    articles = {c.article for c in claims}
    status = Status.CONFLICT if conflict else (Status.AGREE if len(articles) > 1 else Status.SINGLE)
    return [Fact(Kind.DATE, "incident date", status, tuple(claims))]


def _location_facts(claims: Sequence[Claim]) -> list[Fact]:
    """One fact per place the gazetteer knows; reports that spell it apart by a name rule
    ("Kiev" and "Kyiv", "Kharkov" and "Kharkiv") are a variant; other names of one place
    ("Gaza" and "Palestine") and a nationality ("Pakistani") agree."""
    by_place: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_place[claim.normalized or claim.value].append(claim)
    facts = []
    for place, group in by_place.items():
        articles = {c.article for c in group}
        spellings = sorted({c.value for c in group if c.value.lower() not in lexicon.DEMONYMS})
        rules = _spelling_rules(_rules(spellings, organization_rule))
        if rules and len(articles) > 1:
            facts.append(Fact(Kind.LOCATION, place, Status.VARIANT, tuple(group), rule=rules[0]))
            continue
        status = Status.AGREE if len(articles) > 1 else Status.SINGLE
        facts.append(Fact(Kind.LOCATION, place, status, tuple(group)))
    return facts


def settle_derived_wounded(claims: Sequence[Claim]) -> list[Claim]:
    """Wounded inferred from people shot, less the dead other reports of the incident give.

    An early report says "a boy was shot"; a later one that he died. The boy was killed, not
    wounded: the inferred figure drops by the deaths the incident's reports state.
    """
    deaths = max(
        (c.low for c in claims if c.kind == Kind.KILLED and c.low is not None), default=0.0
    )
    if deaths <= 0:
        return list(claims)
    settled = []
    for claim in claims:
        if claim.derived and claim.kind == Kind.WOUNDED and claim.low is not None:
            high = None if claim.high is None else max(0.0, claim.high - deaths)
            claim = replace(claim, low=max(0.0, claim.low - deaths), high=high)
        settled.append(claim)
    return settled


def align_incidents(
    claims_by_incident: Mapping[str, Sequence[Claim]],
    published: Mapping[str, dt.date | None],
    order: Mapping[str, int],
) -> dict[str, list[Fact]]:
    """Facts with statuses for every incident, claims ordered by article then position."""
    claims_by_incident = {
        incident: one_named_site(claims) for incident, claims in claims_by_incident.items()
    }
    numeric_rows = (
        (f"{incident}#{_key(c.kind, c.subject)}", c.low, c.high)
        for incident, claims in claims_by_incident.items()
        for c in claims
        if c.kind in NUMERIC_KINDS
    )
    conflicts: dict[str, dict[str, bool]] = defaultdict(dict)
    for key, bounds in numeric_conflicts(numeric_rows).items():
        incident, fact_key = key.split("#", 1)
        conflicts[incident][fact_key] = bounds.conflict
    result: dict[str, list[Fact]] = {}
    for incident, claims in claims_by_incident.items():
        ordered = sorted(claims, key=lambda c: (order.get(c.article, 0), c.start, c.end))
        by_kind: dict[Kind, list[Claim]] = defaultdict(list)
        for claim in ordered:
            by_kind[claim.kind].append(claim)
        facts: list[Fact] = []
        numeric = [c for k in NUMERIC_KINDS for c in by_kind.get(k, [])]
        facts += _numeric_facts(numeric, published, conflicts[incident])
        facts += _name_facts(by_kind.get(Kind.PERSON, []), Kind.PERSON)
        facts += _name_facts(by_kind.get(Kind.ORGANIZATION, []), Kind.ORGANIZATION)
        facts += _date_facts(by_kind.get(Kind.DATE, []))
        facts += _location_facts(by_kind.get(Kind.LOCATION, []))
        facts.sort(key=lambda f: (KIND_ORDER.index(f.kind), f.subject or "", f.claims[0].value))
        result[incident] = facts
    return result


def fingerprint(incident: str, fact: Fact) -> str:
    """Identity of a discrepancy: incident, kind, subject and the set of values."""
    values = sorted({(c.normalized or c.value).strip().lower() for c in fact.claims})
    # A name part's fact is told from its person's other parts (a whole-name fact's
    # fingerprint stays what it was).
    part = [f"part:{fact.part}"] if fact.part else []
    text = "\x1f".join([incident, fact.kind.value, fact.subject or "", *values, *part])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def discrepancies(incident: str, facts: Sequence[Fact]) -> list[Discrepancy]:
    """The conflict and variant facts of an incident, flattened."""
    found = []
    for fact in facts:
        if fact.status not in (Status.CONFLICT, Status.VARIANT):
            continue
        values = tuple(dict.fromkeys(c.value for c in fact.claims))
        articles = tuple(dict.fromkeys(c.article for c in fact.claims))
        found.append(
            Discrepancy(incident, fact.kind, fact.subject, fact.status, values, articles,
                        fingerprint(incident, fact))
        )  # fmt: skip
    return found
