"""Which part of an incident a count is about: its scope as a subject ("children", "at Nasser
Hospital", "in serious or critical condition"), read from the words around the count.

A scoped count is a true figure about part of the incident (one group, one hospital, one
place, a subset of the wounded); it is never the incident's total, so it must align only with
counts of the same scope. Every pattern reads a bounded window beside the count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from discrepancy.extract.caseless import Caseless
from discrepancy.models import Kind

# Victims named by a group, not as "people": a count of them is the whole toll only when the
# article gives no broader count ("two children were killed" alone is the toll; beside "at
# least ten people" it is the children among them).
_GROUP_WORDS = (
    r"children|child|kids|minors|teenagers|teens|boys|girls|women|men|adults|sisters|brothers"
    r"|twins|civilians|soldiers|servicemen|troops|members|fighters|militants|officers|policemen"
    r"|police\s+officers|medics|doctors|staff(?:\s+members)?|workers|aid\s+workers|residents"
    r"|foreigners|nationals|journalists|rescuers|firefighters|guards|commanders"
)
# A group word right after the count, past up to two describing words ("three teenage girls",
# "two hospital staff members", "five local residents").
GROUP_AFTER = Caseless(
    r"^\s*(?:(?!people\b|persons\b|others?\b)[\w’'\-]+\s+){0,2}?(" + _GROUP_WORDS + r")\b"
)
# The count is plainly of everyone: "ten people", "12 dead", "30 victims".
GENERIC_AFTER = Caseless(
    r"^\s*(?:(?:more|other|others|further|additional)\s+)?(?:people|persons|dead|deaths|victims"
    r"|casualties|individuals|killed|wounded|injured)\b|^\s*(?:were|was|have|had|are)\b"
)
# "some 200 of them seriously", "300 in critical condition", "thirty of the injured are in
# serious condition": a subset of the wounded by how badly they are hurt. Serious and
# critical are used for the same subset by different outlets.
_CONDITION = Caseless(
    r"^\s*(?:(?:of\s+(?:them|those|whom|the\s+\w+)\s+)?(?:injured\s+|wounded\s+|hurt\s+)?"
    r"(?:people\s+|persons\s+|others\s+)?"
    r"(?:are|were|is|was|remain|remained|still)?\s*(?:still\s+)?(?:in\s+(?:a\s+)?)?"
    r"(?:serious|critical|grave|severe|life-threatening)\s+condition"
    r"|(?:of\s+(?:them|those|whom)\s+)?(?:\w+\s+)?(?:seriously|critically|severely|gravely)\b)"
)
CONDITION_SUBJECT = "in serious or critical condition"
# "three of the dead", "300 of those injured", "five of them": a part of a larger count.
_PARTITIVE_AFTER = Caseless(
    r"^\s*of\s+(?:them|those|whom|the\s+(?:dead|killed|injured|wounded|victims|casualties))\b"
)
# "..., including three children", "among them four children", "of whom two".
_INCLUDED_BEFORE = Caseless(
    r"\b(?:including|includes|include|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+"
    r"(?:at\s+least\s+|some\s+|about\s+|around\s+)?$",
    last_words=4,  # "among them at least"
)
# "Among the dead were three children".
_AMONG_BEFORE = Caseless(
    r"\bamong\s+(?:the\s+)?(?:dead|killed|victims|injured|wounded|casualties|those\s+killed)"
    r"\s+(?:were|was|are|is)\s+$",
    last_words=5,  # "among the those killed were"
)
# "Four children were among 11 people killed".
_AMONG_AFTER = Caseless(r"^\s*(?:[\w’'\-]+\s+){0,3}?(?:were|was|are|is)\s+(?:also\s+)?among\b")
# A hospital's intake: "had received 10 bodies", "treated more than 700 wounded",
# "received the bodies of 70 people". Not "were taken to hospital": that tells where the
# incident's own casualties went.
_RECEIVED_BEFORE = Caseless(
    r"\b(?:received|receiving|receives|admitted|admitting|treated|treating|took\s+in)\s+"
    r"(?:the\s+bodies\s+of\s+|bodies\s+of\s+|[^,;.]{1,30}?\s+and\s+)?$",
    # "took in", at most 15 words in 30 characters, "and"
    last_words=18,
)
# "64 people are in Kyiv hospitals", "eight children were hospitalised", "the five dead at
# Nasser Hospital", "of the 176 wounded brought to the facility".
_HOSPITAL_AFTER = Caseless(
    r"^[^,;.]{0,40}?\b(?:hospitali[sz]ed|in\s+(?:[\w’'\-]+\s+){0,2}?hospitals\b"
    r"|brought\s+to\s+the\s+(?:facility|hospital))",
    needs=("hospital", "facility"),
)
# Only a named hospital: "died at the hospital" tells where a victim died, not a scope.
_AT_NAMED_HOSPITAL = re.compile(
    r"^[^,;.]{0,40}?\b(?i:dead|bodies|killed|died)\s+(?i:in|at)\s+(?:the\s+)?[A-Z][\w’'\-]*"
    r"(?:\s+[\w’'\-]+){0,3}?\s+(?i:hospital|clinic|medical\s+(?:complex|cent(?:er|re)))\b"
)
# "killed in the attack on the Okhmatdyt children's hospital, and 16 were injured": a strike
# on one named hospital among the incident's sites.
_STRIKE_ON_NAMED_HOSPITAL = re.compile(
    r"\b(?i:attack|strike|strikes)\s+on\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})"
    r"(?:\s+children[’']s)?\s+(?i:hospital)\b"
)
# "32 people were injured when a cruise missile hit the hospital": the casualties of the hit
# on one hospital, named or not.
_HIT_HOSPITAL_AFTER = re.compile(
    r"^[^;.]{0,60}?\b(?i:when|as|after)\s+[^,;.]{0,60}?\b(?i:hit|struck|smashed\s+into"
    r"|slammed\s+into|crashed\s+into|landed\s+on)\s+(?i:the|a)\s+"
    r"((?:[A-Z][\w’'\-]*\s+){0,2})(?i:children[’']s\s+)?(?i:hospital)\b"
)
# A named hospital in the sentence names the scope: "Al-Hilal Hospital".
_HOSPITAL_NAME = re.compile(
    r"\b((?:[A-Z][\w’'\-]*\s+){1,4}?)(?:children[’']s\s+)?([Hh]ospital|[Cc]linic"
    r"|[Mm]edical\s+(?:[Cc]omplex|[Cc]ent(?:er|re)))\b"
)
# The town named right after "hospitalised": "28 are hospitalized in Kryvyi Rih".
_HOSPITAL_PLACE = re.compile(r"\s+in\s+([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})")
_HOSPITALISED = Caseless(
    r"^[^,;.]{0,40}?\b(?:hospitali[sz]ed|in\s+(?:[\w’'\-]+\s+){0,2}?hospitals\b)",
    needs=("hospital",),
)
# "five died in the depot alone", "In Lisky alone, 12 were killed": "alone" says the place
# holds a part of the incident's toll.
_ALONE_AFTER = Caseless(
    r"^[^,;.]{0,40}?\b(in|at)\s+((?:the\s+)?[^,;.]{2,50}?)\s+alone\b", needs=("alone",)
)
_ALONE_BEFORE = Caseless(
    r"\b(in|at)\s+((?:the\s+)?[^,;.]{2,40}?)\s+alone\s*,?\s+(?:[\w’'\-]+\s+){0,3}?$",
    needs=("alone",),
    last_words=14,  # "in" + 8 words in 40 characters + "alone" + 3 words + room
)
# "another 46 people in the region": a count over a wider area than the incident's site.
_REGION_AFTER = Caseless(
    r"^\s*(?:(?:people|persons|others)\s+)?(?:were\s+\w+\s+)?in\s+the\s+(region|province|oblast"
    r"|country|governorate|district)\b"
)
# "In the Eastbank district of the city, ... 7 people were killed": one part of a city.
_DISTRICT_LEAD = Caseless(
    r"^\W*in\s+the\s+((?:[\w’'\-]+\s+){1,3}?(?:district|neighbou?rhood|quarter|village|suburb))\b"
)
# A count followed by where it happened: "750 were wounded in the south, 150 in the east".
# Two or more counts of one kind with different such places are parts of a sum.
_PLACE_AFTER = Caseless(
    r"^\s*(?:(?:people|persons|others)\s*)?(?:,[^,]{1,40},\s*)?(?:(?:were|was|have\s+been|had\s+been)"
    r"\s+)?(?:killed|wounded|injured|hurt|died|dead)?\s*(?:in|at|near)\s+((?:the\s+)?[^,;.]{2,50}?)"
    r"(?=\s*(?:[,;.]|\band\b|\bwhereas\b|\bwhile\b|$))"
)
# A place that is the incident itself, not a part of it: "killed in the attack".
_EVENT_PLACE = Caseless(
    r"^(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?:[\w’'\-]+\s+){0,3}?(?:attack|attacks|strike|strikes"
    r"|shooting|bombing|blast|blasts|explosion|explosions|raid|shelling|incident|assault"
    r"|barrage|violence)\b"
)
# "... also killed ..., bringing the death toll to nine": the count before is an addition.
_BRINGING = Caseless(
    r"\b(?:bringing|raising|taking|pushing|lifting)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?"
    r"(?:toll|number|total|count)\s+(?:of\s+[\w\s]{1,20}?)?to\b"
)
# "Three more people died", "two more were killed": deaths added to an earlier toll.
_MORE_AFTER = Caseless(
    r"^\s*(?:more|additional)\s+(?:(?:people|persons|victims)\s+)?(?:have\s+|had\s+)?"
    r"(?:died|succumbed|were\s+killed|have\s+been\s+killed|deaths)\b"
)
ADDITIONAL_SUBJECT = "additional deaths"
# "two other people", "Twelve others": counted beside someone already told.
_OTHERS_AFTER = Caseless(r"^\s*(?:other|others)\b")
_ANOTHER_BEFORE = Caseless(r"\banother\s+$", last_words=1)
OTHERS_SUBJECT = "others"


@dataclass(frozen=True)
class CountSpan:
    """A count claim's place in its sentence."""

    start: int
    end: int
    kind: Kind


def subject_of(
    text: str,
    count: CountSpan,
    sentence_counts: list[CountSpan],
    previous_kind: Kind | None,
    places: dict[Kind, dict[int, str]] | None = None,
) -> str | None:
    """The part of the incident a count in `text` is about, or None for the whole of it.

    `sentence_counts` are all counts of the sentence; `previous_kind` is the kind of the last
    count told before this sentence (the one "others" may be counted beside). `places`, one
    dict per sentence kept by the caller, holds what is read of the sentence's counts' places.
    """
    before = text[: count.start]
    after = text[count.end : count.end + 160]
    if count.kind == Kind.WOUNDED and _CONDITION.search(after):
        return CONDITION_SUBJECT
    if count.kind == Kind.KILLED and _MORE_AFTER.search(after):
        return ADDITIONAL_SUBJECT
    hospital = _hospital(text, before, after)
    if hospital is not None:
        return hospital
    alone = _alone(before, after)
    if alone is not None:
        return alone
    group = GROUP_AFTER.search(after)
    if (
        _INCLUDED_BEFORE.search(before)
        or _AMONG_BEFORE.search(before)
        or _AMONG_AFTER.search(after)
    ):
        return _group_name(group.group(1)) if group else "part of the toll"
    partitive = _PARTITIVE_AFTER.search(after)
    if partitive is not None:
        rest = after[partitive.end() :]
        named = re.search(r"^\s*(?:were|are|was|is)\s+(?:\w+\s+)?(" + _GROUP_WORDS + r")\b", rest)
        return _group_name(named.group(1)) if named else "part of the toll"
    parts = _part_of_sum(text, count, sentence_counts, {} if places is None else places)
    if parts is not None:
        return parts
    region = _REGION_AFTER.search(after)
    if region is not None:
        return f"in the {region.group(1).lower()}"
    district = _DISTRICT_LEAD.search(before)
    if district is not None:
        return "in the " + " ".join(district.group(1).split())
    if count.kind == Kind.KILLED and _BRINGING.search(text[count.end :]):
        return ADDITIONAL_SUBJECT
    if (_OTHERS_AFTER.search(after) or _ANOTHER_BEFORE.search(before)) and _beside_same_kind(
        text, count, sentence_counts, previous_kind
    ):
        return OTHERS_SUBJECT
    return None


def group_of(text: str, count: CountSpan) -> str | None:
    """The group a count names ("three teenage girls" -> "girls"), if any."""
    group = GROUP_AFTER.search(text[count.end : count.end + 60])
    return _group_name(group.group(1)) if group else None


def is_generic(text: str, count: CountSpan) -> bool:
    """Is the count of everyone ("ten people", "12 dead", "killed 12.")?"""
    after = text[count.end : count.end + 60]
    if GROUP_AFTER.search(after):
        return False
    return bool(GENERIC_AFTER.search(after)) or not after.strip()[:1].isalpha()


def _group_name(word: str) -> str:
    word = " ".join(word.lower().split())
    return {
        "child": "children",
        "kids": "children",
        "minors": "children",
        "teens": "teenagers",
    }.get(word, word)


# The whole sentence is searched: once per sentence, not once per count of it.
@lru_cache(maxsize=64)
def _struck_hospital(text: str) -> str | None:
    struck = _STRIKE_ON_NAMED_HOSPITAL.search(text)
    return None if struck is None else f"at {struck.group(1)} hospital"


def _hospital(text: str, before: str, after: str) -> str | None:
    struck = _struck_hospital(text)
    if struck is not None:
        return struck
    hit = _HIT_HOSPITAL_AFTER.search(after)
    if hit is not None:
        name = " ".join(hit.group(1).split())
        return f"at {name} hospital" if name else "at the hospital"
    if not (
        _RECEIVED_BEFORE.search(before)
        or _HOSPITAL_AFTER.search(after)
        or _AT_NAMED_HOSPITAL.search(after)
    ):
        return None
    hospitalised = _HOSPITALISED.search(after)
    if hospitalised is not None:
        # "8 children were hospitalised", "28 were hospitalised in Lisky": a group's or one
        # town's patients are a part of everyone taken to hospital.
        group = GROUP_AFTER.search(after[: hospitalised.end()])
        where = _HOSPITAL_PLACE.match(after, hospitalised.end())
        return " ".join(
            part
            for part in (
                _group_name(group.group(1)) if group else None,
                "hospitalised",
                "in " + where.group(1) if where else None,
            )
            if part
        )
    # The hospital named right after the count, else the last one named before it.
    named = _HOSPITAL_NAME.search(after[:80]) or next(
        reversed(list(_HOSPITAL_NAME.finditer(before))), None
    )
    if named is None:
        return "at a hospital"
    return "at " + " ".join(named.group(1).split()) + " " + named.group(2).lower()


def _alone(before: str, after: str) -> str | None:
    """The place a count is given "alone" for ("in the depot alone"), unless it is the
    incident itself ("in the attack alone")."""
    found = _ALONE_AFTER.search(after) or _ALONE_BEFORE.search(before)
    if found is None or _EVENT_PLACE.search(found.group(2)):
        return None
    return found.group(1).lower() + " " + " ".join(found.group(2).split())


def _part_of_sum(
    text: str, count: CountSpan, sentence_counts: list[CountSpan], known: dict[Kind, dict[int, str]]
) -> str | None:
    """A count with its own place beside other counts of its kind with other places."""
    # The places of the sentence's counts of a kind are read once: a sentence of many counts
    # would otherwise read every count's place again for each of them.
    places = known.get(count.kind)
    if places is None:
        places = known[count.kind] = _places_after(text, count.kind, sentence_counts)
    if count.start not in places or len(set(places.values())) < 2:
        return None
    place = places[count.start]
    return f"in {place}" if not place.lower().startswith(("in ", "at ", "near ")) else place


def _places_after(text: str, kind: Kind, sentence_counts: list[CountSpan]) -> dict[int, str]:
    """Where each count of `kind` in the sentence happened, by where it starts."""
    places: dict[int, str] = {}
    for other in sentence_counts:
        if other.kind != kind:
            continue
        match = _PLACE_AFTER.search(text[other.end : other.end + 120])
        if match is None or _EVENT_PLACE.search(match.group(1)):
            continue
        places[other.start] = " ".join(match.group(1).split())
    return places


def _beside_same_kind(
    text: str, count: CountSpan, sentence_counts: list[CountSpan], previous_kind: Kind | None
) -> bool:
    """Is the last casualty told before this count of the same kind ("A man died. Two others
    were killed") rather than of another ("five killed and six others wounded")?"""
    # The count's own verb ("injured four others") says nothing of what it is counted beside.
    own_verb = _OWN_VERB.search(text[: count.start])
    words = list(_CASUALTY_WORD.finditer(text[: own_verb.start() if own_verb else count.start]))
    earlier = [c for c in sentence_counts if c.end <= count.start]
    if words:
        last = words[-1].group(0).lower()
        return (Kind.KILLED if last in _DEATH_WORDS else Kind.WOUNDED) == count.kind
    if earlier:
        return max(earlier, key=lambda c: c.end).kind == count.kind
    # "Two other people were killed" told on its own is beside the toll already told; wounded
    # "others" are often beside the dead of the sentence before.
    return count.kind == Kind.KILLED or previous_kind == count.kind


_OWN_VERB = Caseless(
    r"\b(?:killed|killing|wounded|wounding|injured|injuring|hurt|hurting|left)\s+(?:a\s+further\s+"
    r"|another\s+)?$",
    last_words=3,  # "killed a further"
)
_DEATH_WORDS = frozenset({"killed", "dead", "died", "deaths", "death", "killing"})
_CASUALTY_WORD = Caseless(
    r"\b(?:killed|dead|died|deaths|death|killing|wounded|injured|hurt|injuring|wounding"
    r"|injuries)\b"
)


# Another incident named before a count: the one this incident followed or answered ("The
# strikes followed Iran's Tuesday attack on ... that killed two children", "in retaliation for
# rocket fire ... that killed 12") or told as earlier ("In a recent incident, ... an attack
# that killed 11"). The main incident is the one that follows, so what it follows is another.
_EVENT_NOUN = (
    r"(?:attack|attacks|strike|strikes|offensive|bombing|shooting|raid|raids|assault|shelling"
    r"|bombardment|(?:rocket|missile|mortar|artillery)\s+fire)"
)
OTHER_EVENT_BEFORE = Caseless(
    r"\b(?:followed|follows|follow|came\s+after|comes\s+after|retaliation\s+for|response\s+to"
    r"|revenge\s+for|reprisal\s+for)\s+(?:(?:a|an|the|last|\w+['’]s)\s+)?(?:[\w’'\-]+\s+){0,5}?"
    + _EVENT_NOUN
    + r"\b[^;]{0,120}?\b(?:that|which|who)\b"
    r"|\bin\s+(?:a|an|another)\s+(?:recent|earlier|previous|separate)\s+(?:incident|attack"
    r"|strike|raid)\b",
    # Searched in the words before every count: a word of each alternative's verb or
    # adjective, absent from most sentences, skips it.
    needs=(
        "follow",
        "came",
        "comes",
        "retaliation",
        "response",
        "revenge",
        "reprisal",
        "recent",
        "earlier",
        "previous",
        "separate",
    ),
)
# A sentence that brings in another event by its distance in time from the incident ("The
# strike came a day after Russian troops launched airstrikes across the country", "two weeks
# before, a raid on the camp"): the count told right after it is that event's.
OTHER_EVENT_LEAD = Caseless(
    r"\b(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+"
    r"(?:after|before|earlier)\b[^.;]{0,100}?\b(?:air)?" + _EVENT_NOUN + r"\b",
    needs=("day", "week", "month"),
)
# "a weekend rocket attack ... that killed 12": a weekend event, told in a report of an
# incident on a weekday from Monday to Thursday, is another one.
WEEKEND_EVENT_BEFORE = Caseless(
    r"\b(?:the|a|last|this\s+past)\s+weekend(?:['’]s)?\s+(?:[\w’'\-]+\s+){0,3}?"
    + _EVENT_NOUN
    + r"\b[^;]{0,120}?\b(?:that|which)\b",
    needs=("weekend",),
)
# Monday to Thursday: a "weekend" event cannot be that day's.
WEEKDAYS_BEFORE_WEEKEND = frozenset({0, 1, 2, 3})

# "As of the morning of July 10, 34 people have been killed": the time a toll was counted,
# not the time of another event.
AS_OF_BEFORE = Caseless(
    r"\b(?:as\s+of|as\s+at|by|updated\s+(?:on|at)?|at\s+the\s+time\s+of\s+writing\s+on)\s+"
    r"(?:the\s+)?(?:(?:morning|evening|afternoon|night|end)\s+of\s+)?"
    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?,?\s+(?:on\s+)?)?$"
)

# A paragraph that opens on one damaged site ("The Domino business centre was damaged.",
# "A five-storey residential building was partially destroyed.") and then counts its dead:
# when an article tells two or more such sites, each count is that site's, not the total.
_SITE_NOUN = (
    r"(?:hospital|building|facility|centre|center|school|house|home|clinic|station|mall|market"
    r"|restaurant|cafe|café|hotel|plant|factory|warehouse|depot|church|mosque|office|block"
    r"|kindergarten|dormitory)"
)
SITE_OPENING = Caseless(
    r"\b(?:the|a|an)\s+((?:[\w’'\-]+\s+){0,3}?"
    + _SITE_NOUN
    + r"(?:\s+(?:building|complex|block))?)"
    r"\b[^.;]{0,80}?"
    r"\b(?:was|were|has\s+been|have\s+been)\s+(?:(?:partially|partly|completely|badly|heavily"
    r"|severely)\s+)?(?:damaged|destroyed|collapsed)\b",
    needs=("damaged", "destroyed", "collapsed"),
)
MIN_SITES = 2
_CHILDRENS_HOSPITAL = re.compile(r"\s+children[’']s\s+hospital$")


def site_of(paragraph_opening: str) -> str | None:
    """The site a paragraph's opening sentence says was damaged, as a subject ("at the
    Domino business centre"), or None."""
    found = SITE_OPENING.search(paragraph_opening)
    if found is None:
        return None
    site = " ".join(found.group(1).split())
    if site[:1].isupper():
        # A named site reads as the other rules write it: "at Okhmatdyt hospital", also for
        # "the Okhmatdyt children's hospital".
        return "at " + _CHILDRENS_HOSPITAL.sub(" hospital", site)
    return f"at the {site}"
