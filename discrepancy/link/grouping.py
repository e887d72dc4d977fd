"""Group articles into incidents by time, place, names and wording, without all-pairs work."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Protocol

from discrepancy.extract import lexicon
from discrepancy.extract.names import person_key, person_rule
from discrepancy.link.blocking import MASS_TOLL
from discrepancy.link.blocking import MAX_SHARED as _MAX_SHARED
from discrepancy.link.blocking import candidate_pairs as _candidate_pairs
from discrepancy.link.chains import GroupWords
from discrepancy.link.participants import different_participants, family_word
from discrepancy.link.profile import Profile, area_key, frozen
from discrepancy.link.wording import (
    containment,
    cosine,
    document_frequencies,
    story_vectors,
    weights,
)
from discrepancy.link.years import GroupYears

# A name or street more articles than this share of the batch give is boilerplate, as one
# past blocking.MAX_SHARED is: a street or a family name in 1 report of 500.
_SHARED_SHARE = 500
# A person's full name stays evidence up to n ** _NAME_POWER reports of a batch of n (the
# victim of a case a batch follows; a batch's largest incident grows with the batch, more
# slowly than it), when its dated reports fall within OFFICIAL_DAYS.
_NAME_POWER = 0.5
# In a batch of one story or two (an editor's check of one incident's reports, up to
# _STORY_BATCH articles), a name stays evidence up to this share of its reports: the story's
# subject is in most of them; a byline in every report still is not. In a larger batch a
# name in a fifth of its reports is page furniture more often than one case. ecb-dev cut one
# topic (two events, 15-39 articles) a batch: 0.708 at the fixed cap, 0.754 / 0.778 / 0.787
# at a share of 0.5 / 0.75 / 1.0; pages-dev, its undated twin and gva-dev cut in batches of
# 20 to 100 articles move at none of them.
_STORY_BATCH = 50
_STORY_BATCH_NAME_SHARE = 0.75
# Scores: evidence for and against two articles reporting the same incident.  The link
# threshold was set on gva-dev (see benchmarks/accuracy.py); vetoes are hard constraints.
LINK_THRESHOLD = 2.75
# Two undated reports link at a lower score: two dated reports of one incident earn up to 1.8
# from time (one day, published a day apart) that undated ones cannot earn. Set on the two
# undated corpora together (clusters F1 at 2.75 / 2.5 / 2.25 / 2.0 / 1.75: ecb-dev 0.828 /
# 0.836 / 0.851 / 0.846 / 0.844, pages-dev-undated 0.917 / 0.909 / 0.909 / 0.929 / 0.937, its
# must recall 0.769 up to 2.25, 0.897 from 2.0); it moves no dated pair.
UNDATED_LINK_THRESHOLD = 2.0
PEOPLE_WEIGHTS = (0.0, 2.0, 3.0)  # no, one, two or more people named by both articles
TEXT_WEIGHT = 4.0
# Two undated reports' whole stories share a smaller part of their words than their leads do:
# their similarity counts this many times. Set on all four corpora together (it moves only
# undated pairs: ecb-dev 0.781 at 1.0, 0.792-0.799 from 1.2 to 1.5, 0.760 at 2.0; pages-dev
# 0.965 at 1.0, 0.974 from 1.2; gva-dev and the seeds unchanged).
STORY_SCALE = 1.3
# Both state the same death toll, or name a victim of the same age ("a 17-year-old"); ages
# that all differ tell two victims apart. Differing tolls are no evidence either way: two
# reports of one shooting that disagree on its toll are what the checker must flag.
SAME_TOLL_WEIGHT = 1.5
# One death is the commonest toll: two reports of it in a week are often two shootings.
SAME_SINGLE_DEATH_WEIGHT = 0.5
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
# Both say a strike hit one kind of target (a consulate, a convoy); kinds that all differ are
# two strikes, also of one army on one day.
SAME_TARGET_WEIGHT = 1.0
OTHER_TARGETS_WEIGHT = -1.0
# Two undated reports whose latest years named (`extract.when.latest_year`) are this far
# apart most often tell of two events of one kind; groups of them are kept apart by
# link/years.py. ecb-dev clusters F1 0.8568 without the pair weight, 0.8686 at -1.5 (0.8670
# at -1.0, 0.8623 at -2.0; 0.8651 with years three apart); pages-dev-undated unchanged.
PAIR_YEARS_APART = 2
OTHER_YEARS_WEIGHT = -1.5
_VETO = -100.0
# The most similarity a pair's wording counts for: near-identical short texts are often the
# same paywall or error page, not one story.
_MOST_SIMILARITY = 0.6
# An official (a police spokesman, a prosecutor) quoted by two articles a few days apart
# is likely speaking of one incident; months apart, of two shootings in one city.
OFFICIAL_DAYS = 14
# A date both reports name is their incident's when it is this recent.
RECENT_DAYS = 60
# A headline alone identifies an incident only among reports published within these days.
HEADLINE_DAYS = 3
# ... or at any distance when the other report says this share of the headline's words.
HEADLINE_CONTAINED = 0.7


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


def pair_score(
    a: Profile,
    b: Profile,
    vec_a: Mapping[str, float],
    vec_b: Mapping[str, float],
    stories: tuple[Mapping[str, float], Mapping[str, float]] | None = None,
) -> float:
    """Evidence that two articles report the same incident; a veto when they cannot.

    `stories`: the whole-story vectors of two undated reports, whose wording is compared
    in full rather than by their leads.
    """
    score = _evidence(a, b)
    if score == _VETO:
        return score
    return score + _wording(a, b, vec_a, vec_b, stories)


def _wording(
    a: Profile,
    b: Profile,
    vec_a: Mapping[str, float],
    vec_b: Mapping[str, float],
    stories: tuple[Mapping[str, float], Mapping[str, float]] | None,
) -> float:
    """What the pair's wording adds to its evidence (at most TEXT_WEIGHT * _MOST_SIMILARITY)."""
    return TEXT_WEIGHT * min(_similarity(a, b, vec_a, vec_b, stories), _MOST_SIMILARITY)


def _evidence(a: Profile, b: Profile) -> float:
    """The score of a pair without its wording (`_similarity`), or the veto."""
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
        # Weekdays a day apart are often one night ("late Thursday", "early Friday").
        apart = min((a.weekday - b.weekday) % 7, (b.weekday - a.weekday) % 7)
        time += 0.5 if apart == 0 else 0.0 if apart == 1 else -1.0
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
    if a.targets & b.targets:
        score += SAME_TARGET_WEIGHT
    elif a.targets and b.targets:
        score += OTHER_TARGETS_WEIGHT
    if (
        a.latest_year is not None
        and b.latest_year is not None
        and abs(a.latest_year - b.latest_year) >= PAIR_YEARS_APART
    ):
        score += OTHER_YEARS_WEIGHT
    if a.blocks & b.blocks:
        score += SAME_BLOCK_WEIGHT
    elif a.blocks and b.blocks:
        score += OTHER_BLOCKS_WEIGHT
    return score


def _similarity(
    a: Profile,
    b: Profile,
    vec_a: Mapping[str, float],
    vec_b: Mapping[str, float],
    stories: tuple[Mapping[str, float], Mapping[str, float]] | None = None,
) -> float:
    """How alike two reports' words are: their leads' cosine (their whole stories' for two
    undated reports), or a headline's containment in the other."""
    similarity = cosine(vec_a, vec_b)
    if stories is not None:
        similarity = STORY_SCALE * cosine(*stories)
    walled = a.headline_only or b.headline_only
    within_days = _published_within(a, b, HEADLINE_DAYS)
    if walled:
        # A headline alone is short: what matters is how much of it the other report says.
        # Within a few days that is evidence; later, only when it says nearly all of it
        # ("Two charged in triple homicide at Fuller Park barbecue" a month on).
        short, other = (vec_a, vec_b) if a.headline_only else (vec_b, vec_a)
        contained = containment(short, other)
        if within_days or contained >= HEADLINE_CONTAINED:
            similarity = max(similarity, contained)
    return similarity


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
    """A city's name spelled as areas are for comparing (`area_key`); a batch has few
    cities, and pairs compare them many times."""
    return area_key(city.lower())


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


def _names_day_of(a: Profile, b: Profile, own_days: bool = False) -> bool:
    """Whether one names by its date the day the other reports ("the Nov. 11 shooting"), or
    both name one date. With `own_days`, a date both name is no evidence against the days
    both leads resolve to ("the October 7 attack" in reports of two later strikes)."""
    both_dated = own_days and a.day_ordinal is not None and b.day_ordinal is not None
    return (
        (a.day_ordinal is not None and _dated_by_lead(a) and a.day_ordinal in b.dates)
        or (b.day_ordinal is not None and _dated_by_lead(b) and b.day_ordinal in a.dates)
        or (not both_dated and _shared_recent_date(a, b))
    )


def _dated_by_lead(p: Profile) -> bool:
    """Whether the article's day is its incident's: a lead's day months before publication
    is more often a war's or an old attack's ("since October 7") than the report's own."""
    return p.published_ordinal is None or (p.day_ordinal or 0) >= p.published_ordinal - RECENT_DAYS


def _shared_recent_date(a: Profile, b: Profile) -> bool:
    """Whether both name one date of the weeks before either was published: an older date
    both name is an anniversary or a war's start ("since October 7"), not their incident."""
    latest = max(a.published_ordinal or 0, b.published_ordinal or 0)
    return any(latest - d <= RECENT_DAYS for d in a.dates & b.dates)


def _vetoed(a: Profile, b: Profile, people: int | None = None) -> bool:
    """Whether two articles cannot report one incident: another day, weekday or country."""
    if a.country_confident and b.country_confident and a.country != b.country:
        return True
    # Two fresh reports (the lead's day within a few days of publication) that disagree on
    # the day are different incidents; a later follow-up's lead may date a trial or funeral.
    fresh = _fresh(a) and _fresh(b)
    if a.day_ordinal is not None and b.day_ordinal is not None:
        conflict = fresh and abs(a.day_ordinal - b.day_ordinal) > 3
    else:
        # A weekday alone ("officials said Saturday") may be the day of the news, not of
        # the incident: unresolved, it is evidence in the score, never a veto.
        conflict = False
    if not conflict:
        return False
    if people is None:
        people = _shared_names(a.people, b.people)
    if people >= 2 or _names_day_of(a, b, own_days=True) or _same_mass_toll(a, b):
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


def _without_boilerplate(profiles: Sequence[Profile], df: Counter[str]) -> list[Profile]:
    """Drop names and areas that many articles share: page furniture ("Caption Close Image"),
    an outlet's city or a byline say nothing about which incident an article reports; count
    a name any report gives as an official's as an official's in all; and keep the family
    names that few articles' wording has (`df`: in how many articles each word is)."""
    limit = max(_MAX_SHARED, len(profiles) // _SHARED_SHARE)
    name_limit = max(_MAX_SHARED, int(len(profiles) ** _NAME_POWER))
    if len(profiles) <= _STORY_BATCH:
        name_limit = max(name_limit, int(len(profiles) * _STORY_BATCH_NAME_SHARE))
    people: Counter[str] = Counter(n for p in profiles for n in set(p.people))
    # A name past the fixed cap is kept only when its dated reports fall within a few
    # days: a case many reports follow at once, not a byline or an activist over years. An
    # undated report, with no time to weigh the name by, keeps it (up to the size cap).
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for p in profiles:
        if p.published_ordinal is not None:
            for n in p.people:
                if people[n] > _MAX_SHARED:
                    first[n] = min(first.get(n, p.published_ordinal), p.published_ordinal)
                    last[n] = max(last.get(n, p.published_ordinal), p.published_ordinal)
    spread = {n for n in first if last[n] - first[n] > OFFICIAL_DAYS}
    areas: Counter[str] = Counter(a for p in profiles for a in p.areas)
    # A police spokesman quoted as such in one report is an official in every report,
    # also where the story gives his name without his job.
    officials = {n for p in profiles for n in p.officials}
    cleaned = []
    for p in profiles:
        kept = tuple(
            n
            for n in p.people
            if (
                people[n] <= _MAX_SHARED
                or (people[n] <= name_limit and (n not in spread or p.published_ordinal is None))
            )
            and n not in officials
        )
        families = {family_word(n) for n in kept} - {""}
        cleaned.append(
            replace(
                p,
                people=kept,
                officials=tuple(sorted(set(p.officials) | (set(p.people) & officials))),
                areas=frozen(a for a in p.areas if areas[a] <= limit),
                surnames=tuple(sorted(f for f in families if df[f] <= limit)),
            )
        )
    return cleaned


class PairCache(Protocol):
    """Pairs' evidence (`_evidence`: all of a pair's score but its wording) scored before, by a
    store: it depends only on the two profiles as grouping compares them."""

    def start(self, profiles: Sequence[Profile]) -> None:
        """The batch's profiles as grouping compares them (boilerplate names dropped)."""

    def get(self, a: Profile, b: Profile) -> float | None:
        """The pair's evidence scored before, if both profiles are as they were then."""

    def put(self, a: Profile, b: Profile, evidence: float) -> None:
        """Keep a pair's evidence scored in this run."""


def group_articles(profiles: Sequence[Profile], cache: PairCache | None = None) -> list[list[int]]:
    """Clusters of article indexes, each one incident, in input order.

    With `cache`, a pair's evidence scored before is taken from it (the wording, which
    weighs words over the whole batch, is compared again).
    """
    df = document_frequencies(profiles)
    profiles = _without_boilerplate(profiles, df)
    vectors = weights(profiles, df)
    stories = story_vectors(profiles)
    if cache is not None:
        cache.start(profiles)
    scored = []
    # The most the wording can add: a pair that cannot reach the threshold with it is never
    # linked (float addition is monotone), and its cosine, most of a pair's cost, is not
    # computed. Read here, not at import: benchmarks/loco.py sets TEXT_WEIGHT.
    most_text = TEXT_WEIGHT * _MOST_SIMILARITY
    for a, b in _candidate_pairs(profiles, vectors, stories):
        found = cache.get(profiles[a], profiles[b]) if cache is not None else None
        if found is None:
            score = _evidence(profiles[a], profiles[b])
            if cache is not None:
                cache.put(profiles[a], profiles[b], score)
        else:
            score = found
        both = (stories[a], stories[b]) if a in stories and b in stories else None
        threshold = LINK_THRESHOLD if both is None else UNDATED_LINK_THRESHOLD
        if score + most_text < threshold:
            continue
        score += _wording(profiles[a], profiles[b], vectors[a], vectors[b], both)
        # Only links strong enough to merge are kept: most candidate pairs are not.
        if score >= threshold:
            scored.append((score, a, b))
    parent = list(range(len(profiles)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(profiles))}
    linked: dict[int, list[int]] = defaultdict(list)
    for _, a, b in scored:
        linked[a].append(b)
        linked[b].append(a)
    # Undated reports read alike by their whole stories, dated ones by their leads.
    words = GroupWords([stories[i] if i in stories else vectors[i] for i in range(len(profiles))])
    years = GroupYears([p.latest_year for p in profiles])

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Strongest links first; two groups never merge when any of their articles cannot be
    # the same incident (another day, another weekday, another country), whether or not
    # blocking ever paired those two articles.
    for _, a, b in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if any(_vetoed(profiles[x], profiles[y]) for x in members[ra] for y in members[rb]):
            continue
        if different_participants(profiles, members[ra], members[rb]):
            continue
        fewer = min(members[ra], members[rb], key=len)
        other = rb if fewer is members[ra] else ra
        links = sum(1 for x in fewer for y in linked[x] if find(y) == other)
        if words.apart(ra, members[ra], rb, members[rb], links):
            continue
        if years.apart(ra, rb):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        words.merged(ra, rb)
        years.merged(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profiles)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])
