"""Death tolls and wounded counts: "at least four were killed", "killing three", "a man died"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from discrepancy import lexicon
from discrepancy.caseless import Caseless, fold_case
from discrepancy.extract.numbers import COUNT, Interval, count_interval, parse_number
from discrepancy.models import Kind

# Words of the noun phrase between a count and its verb; a conjunction, a reporting verb or a
# negation ends the phrase ("one member in critical condition and wounded two" is two clauses,
# "one man was not injured" no count, "two shootings left three hurt" counts three).
_NP_WORD = (
    r"(?!(?:and|or|but|when|while|as|after|before|then|said|says|told|not|never|left|leaving)\b)"
    r"[\w’'\-.]+"
)
_AUX = (
    r"(?:(?:who|that)\s+)?"
    r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|got|remain|remained)"
)
_ADVERB = (
    r"(?:also|reportedly|allegedly|later|all|both|subsequently|initially|believed\s+to\s+have\s+been"
    r"|confirmed|feared|found)"
)
_INCLUDING = (
    r"(?:,?\s+(?:including|among\s+them|among\s+whom)\s+[^,;.]{1,90}?,?"
    r"|,\s+(?:aged|ages|both|all)\s+[^,;.]{1,40},)"
)

# A word of every verb the passive and active patterns name: the count patterns are the
# costliest regexes, and a sentence with none of these words skips them.
_PASSIVE_VERB_WORDS = ("shot", "dead", "death", "kill", "slain", "murder", "martyr", "die",
                       "perish", "gunned", "lives", "execut", "fatal", "wound", "injur", "hurt",
                       "hospital")  # fmt: skip
_ACTIVE_VERB_WORDS = ("kill", "slay", "slew", "dead", "fatal", "murder", "wound", "injur", "hurt")

_PASSIVE = Caseless(
    rf"\b{COUNT}(?P<np>(?:\s+{_NP_WORD}){{0,7}}?){_INCLUDING}?"
    rf"\s+(?:{_AUX}\s+)?(?:{_ADVERB}\s+)?"
    rf"(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE})\b",
    needs=_PASSIVE_VERB_WORDS,
)
_ACTIVE = Caseless(
    rf"\b(?P<verb>{lexicon.KILLED_ACTIVE}|{lexicon.WOUNDED_ACTIVE})\s+"
    rf"(?P<named>the\s+(?:{'|'.join(sorted(lexicon.SINGULAR_VICTIMS))})\s+and\s+)?(?:another\s+)?{COUNT}"
    rf"(?P<np>(?:\s+{_NP_WORD}){{0,5}})",
    needs=_ACTIVE_VERB_WORDS,
)
_LEAVING = Caseless(
    rf"\b(?:left|leaves|leaving|leave)\s+{COUNT}(?P<np>(?:\s+{_NP_WORD}){{0,3}}?)"
    rf"\s+(?P<verb>dead|injured|wounded|hurt)\b",
    needs=("left", "leav"),
)
_TOLL = Caseless(
    rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|people\s+killed))"
    rf"(?P<rise>\s+(?:[\w’'\-]+\s+){{0,10}}?(?:rose|risen|climbed|increased|jumped|grew|reached|hit))?"
    rf"\s+(?:to|at|of|is|was|stands\s+at|stood\s+at|reached|hit)\s+{COUNT}",
    needs=("toll", "number"),
)
_DEATHS_OF = Caseless(
    rf"\b(?P<verb>(?:shooting\s+)?deaths|murders|killings|slayings)\s+of\s+{COUNT}"
    rf"(?P<np>(?:\s+{_NP_WORD}){{0,3}})",
    needs=("deaths", "murders", "killings", "slayings"),
)
_MULTIPLE = Caseless(
    r"\b(?P<count>" + "|".join(lexicon.MULTIPLES) + r")\s+(?:(?P<fatal>homicides?|murders?"
    r"|slayings?|killings?|fatal\s+shootings?)|shootings?)\b(?P<suicide>[\s-]+suicides?\b)?",
    needs=tuple(lexicon.MULTIPLES),
)
_NONE = Caseless(
    r"\b(?:no\s+one|nobody|none\s+of\s+them|no\s+one\s+else)\s+(?:else\s+)?"
    r"(?:(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+)?(?P<verb>killed|injured|hurt|wounded)"
    r"|(?P<died>died|was\s+killed))\b"
    r"|\bno\s+(?:other\s+|additional\s+)?(?P<noun>injuries|deaths|fatalities)\s+(?:were\s+)?"
    r"(?:reported|were\s+reported)",
    needs=("no",),
)
_SINGULAR_NOUN = r"\d+-year-old|" + "|".join(
    sorted(lexicon.SINGULAR_VICTIMS | lexicon.PERSON_NOUNS | lexicon.SUBSET_NOUNS)
)
_SINGULAR = Caseless(
    r"\b(?P<article>a|an)\s+(?P<np>(?:[\w’'\-]+\s+){0,3}?)"
    rf"(?P<noun>{_SINGULAR_NOUN})(?:,\s+[^,]{{1,60}},)?\s+(?:(?:was|has\s+been|had\s+been|is)\s+"
    r"(?:(?:also|reportedly|later|critically|seriously)\s+)?"
    rf"(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE}|shot\s+and\s+wounded"
    r"|pronounced\s+dead)|(?P<died>died|dies))\b",
    needs=_PASSIVE_VERB_WORDS,
)
_SINGULAR_ACTIVE = Caseless(
    rf"\b(?P<verb>{lexicon.KILLED_ACTIVE}|{lexicon.WOUNDED_ACTIVE})\s+(?P<article>a|an|his|her|their)\s+"
    rf"(?P<np>(?:[\w’'\-]+\s+){{0,3}}?)(?P<noun>{_SINGULAR_NOUN})\b",
    needs=_ACTIVE_VERB_WORDS,
)
_OTHER_BEFORE = re.compile(r"\b(?:another|other|earlier|previous|separate)\s+$", re.IGNORECASE)
# Two people joined by "and": "a man and a woman were wounded".
_PAIR = Caseless(
    rf"\b(?P<article>a|an|one)\s+(?:[\w’'\-]+\s+){{0,3}}?(?P<noun>{_SINGULAR_NOUN})(?:,\s+\d+,)?"
    rf"\s+and\s+(?:a|an|one|another)\s+(?:[\w’'\-]+\s+){{0,3}}?(?P<noun2>{_SINGULAR_NOUN})"
    r"(?:,\s+\d+,)?\s+(?:were|have\s+been|had\s+been)\s+(?:(?:also|reportedly|critically"
    rf"|seriously|fatally)\s+)?(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE}"
    r"|shot(?!\s+(?:dead|and|to\s+death)))\b",
    needs=(" and ",),
)
# "The shooting sent four people to the hospital": people hurt, like people shot.
_SENT_TO_HOSPITAL = Caseless(
    rf"\bsent\s+{COUNT}(?P<np>(?:\s+{_NP_WORD}){{0,3}}?)\s+to\s+(?:a\s+|the\s+|area\s+"
    r"|local\s+)?hospitals?\b",
    needs=("sent",),
)
# A named or pronoun victim: "Jones, 25, was shot and killed", "he died at the hospital".
_SOMEONE_DIED = re.compile(
    r"\b(?:was|has\s+been|had\s+been|were)\s+(?:(?:later|also|then)\s+)?"
    r"(?P<verb>shot\s+and\s+killed|fatally\s+shot|shot\s+dead|shot\s+to\s+death"
    r"|(?:pronounced|declared|found)\s+dead|found\s+shot\s+to\s+death|killed|slain|murdered"
    r"|stabbed\s+to\s+death)\b"
    r"|\b(?:has|have|had|later|then|\w+)\s+(?P<verb2>died|dies|succumbed\s+to\s+(?:his|her|their)"
    r"\s+(?:injuries|wounds))\b"
    r"|\b(?P<verb3>fatally\s+(?:wounding|shooting|injuring|striking)|shooting\s+death\s+of"
    r"|kill(?:ed|ing)\s+(?:\d+-year-old|(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+))|is\s+dead"
    r"|shot\s+and\s+killed|shot,\s+killed"
    r"|claimed\s+the\s+life\s+of)\b",
    re.IGNORECASE,
)
# A word of each of its verbs: a sentence with none skips the pattern.
_DIED_WORDS = (
    "shot", "dead", "death", "kill", "slain", "murder", "die", "fatal", "life", "succumb"
)  # fmt: skip


def _may_hold(sentence: str, words: tuple[str, ...]) -> bool:
    """Can an IGNORECASE pattern every match of which holds one of `words` match here?"""
    lowered = fold_case(sentence)
    # Text lower-casing cannot fold as re does (caseless.fold_case) may match otherwise.
    return lowered is None or any(word in lowered for word in words)


# "nearly killed his father-in-law", "almost died": a near miss is no casualty.
_NEAR_MISS_BEFORE = r"\b(?:nearly|almost|narrowly)\s+$"
_NEAR_MISS = re.compile(_NEAR_MISS_BEFORE, re.IGNORECASE)
# "No one died", "nobody was killed": handled as zero counts, never as a death.
_NEGATED = re.compile(
    r"\b(?:no\s+one|nobody|none|not|never|no)\s+(?:\w+\s+){0,2}$|" + _NEAR_MISS_BEFORE,
    re.IGNORECASE,
)


def _near_miss(sentence: str, verb_start: int) -> bool:
    """Whether the verb at verb_start is a near miss ("nearly killed", "almost died")."""
    return bool(_NEAR_MISS.search(sentence[max(0, verb_start - 12) : verb_start]))


# "asked if anyone had been killed", "how the man died", "the dog was killed": no person's death.
_ANIMAL = r"\b(?:" + lexicon.ANIMALS + r")s?"
_ANIMAL_SUBJECT = re.compile(
    _ANIMAL + r"\s+(?:(?:that|which)\s+)?(?:was|were|is|had\s+been)\s+$", re.IGNORECASE
)
_UNCERTAIN_OR_ANIMAL = re.compile(
    r"\b(?:if|whether|how)\s+(?:[\w’']+\s+){0,4}$|" + _ANIMAL + r"\s+(?:[\w’']+\s+){0,4}$"
    # "a dog that was shot after biting a deputy is dead": the animal is the subject.
    r"|" + _ANIMAL + r"\s+(?:that|which)\s+[^,;]*$",
    re.IGNORECASE,
)

# Numbers that are never counts: days of a month, years, ages, times, addresses, money.
_MONTH_BEFORE = re.compile(
    r"(?:" + "|".join(lexicon.MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s*$",
    re.IGNORECASE,
)
_NOT_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:-|\s)?(?:years?|yrs?)[-\s]old|\s*[:%]|\s*(?:a\.m|p\.m|am\b|pm\b)|\s+block\b|\s*-year"
    r"|\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|feet|times|percent"
    r"|rounds|shots|bullets|cases|attacks|strikes|airstrikes|sites|targets|dollars)\b"
    r"|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)

# "1:51 Boy killed" is a video's running time; "Image 1 of 8 A child was shot" a gallery.
# "victims aged between 20 and 37" are ages.
_NOT_COUNT_BEFORE = re.compile(
    r"\d[:.]$|\b\d+\s+of\s+$|\bage[sd]?\s+(?:between\s+|from\s+)?(?:\d+\s*(?:and|to|-|–)\s*)?$",
    re.IGNORECASE,
)
_ONLY_OTHERS = re.compile(r"\belse\b|\bno\s+(?:other|additional)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CountMatch:
    """A casualty count found in a sentence, offsets relative to the sentence."""

    kind: Kind
    start: int
    end: int
    low: float | None
    high: float | None
    revision: bool = False
    # Read from a state rather than a count ("in critical condition"): one or more wounded,
    # who may yet die.
    inferred: bool = False


def _kind(verb: str) -> Kind:
    verb = verb.lower()
    killed = lexicon.KILLED_PASSIVE + "|" + lexicon.KILLED_ACTIVE + r"|pronounced|died"
    if re.match(killed, verb) and not verb.startswith(("wound", "injur", "hurt")):
        return Kind.KILLED
    return Kind.WOUNDED


# Words after the head noun of a count: "nine people along the highway", "seven civilians
# overnight", "three members of the militia".
_NP_END = frozenset(
    """of from in at inside with on near and along across throughout overnight during
    outside around near into onto over under after before since last this early late
    when while who that which""".split()
)


def _head_noun(np: str) -> str | None:
    """The noun a count is attached to: "militia fighters of the X" -> "fighters"."""
    words = [w.strip(".,’'").lower() for w in np.split()]
    head: str | None = None
    for word in words:
        if word in _NP_END:
            break
        head = word
    return head


_OF_PEOPLE = re.compile(
    r"\s+of\s+(?:them|those|the\s+(?:victims|people|men|women|wounded|injured)"
    r"|(?:his|her|their)\s+\w+(?:\s+members)?)[.,]?\s*$",
    re.IGNORECASE,
)


def _is_person_head(head: str | None, np: str = "") -> bool:
    if head is None:
        # "three were killed" has no noun; "One of the sources said" is not a count, but
        # "four of them" and "two of the victims" are.
        return not np.strip() or bool(_OF_PEOPLE.match(np))
    return (
        head in lexicon.PERSON_NOUNS
        or head in lexicon.SUBSET_NOUNS
        or bool(re.fullmatch(r"\d+-year-olds?", head))
    )


def _plausible_number(sentence: str, match: re.Match[str]) -> bool:
    count_start = match.start("count")
    if _NOT_COUNT_BEFORE.search(sentence[max(0, count_start - 30) : count_start]):
        return False
    if match.group("num") is None:
        return True
    start, end = match.start("num"), match.end("num2") if match.group("num2") else match.end("num")
    if _MONTH_BEFORE.search(sentence[max(0, start - 12) : start]):
        return False
    if _NOT_COUNT_AFTER.match(sentence[end : end + 14]):
        return False
    if re.fullmatch(r"(?:1[89]|20)\d\d", match.group("num")):
        return False  # a year
    return not (start > 0 and sentence[start - 1] in "$#/")


def _interval_for(match: re.Match[str], head: str | None) -> Interval | None:
    interval = count_interval(match)
    if interval is None:
        return None
    low, high = interval
    if head in lexicon.SUBSET_NOUNS:
        # "two commanders were killed": the toll is at least two.
        return (low, None)
    return (low, high)


_ANY_CASUALTY_WORD = Caseless(
    r"kill|dead|death|died|dies|slain|slew|murder|martyr|perish|execut|wound|injur|hurt|hospital"
    r"|toll|lives|life|shot|stabbed|beaten|gunned|gunfire|condition|homicide|shooting",
)


def find_counts(sentence: str) -> Iterator[CountMatch]:
    """Every killed/wounded count stated in one sentence."""
    if not _ANY_CASUALTY_WORD.test(sentence):
        return
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def emit(
        kind: Kind,
        start: int,
        end: int,
        interval: Interval,
        *,
        revision: bool = False,
        inferred: bool = False,
    ) -> CountMatch:
        taken.append((start, end))
        return CountMatch(kind, start, end, interval[0], interval[1], revision, inferred)

    for match in _NONE.finditer(sentence):
        if _ONLY_OTHERS.search(match.group()):
            # "No one else was hurt" says nothing of the total; the span is still no death.
            taken.append((match.start(), match.end()))
            continue
        verb = match.group("verb") or match.group("noun") or "died"
        deaths = ("killed", "deaths", "fatalities", "died")
        kind = Kind.KILLED if verb.lower() in deaths else Kind.WOUNDED
        yield emit(kind, match.start(), match.end(), (0, 0))
    for match in _TOLL.finditer(sentence):
        if not _plausible_number(sentence, match):
            continue
        interval = count_interval(match)
        count_start = _count_start(match)
        if interval and free(count_start, match.end()):
            yield emit(
                Kind.KILLED, count_start, match.end(), interval, revision=bool(match.group("rise"))
            )
    for pattern in (_LEAVING, _PASSIVE, _ACTIVE, _DEATHS_OF):
        for match in _scan(pattern, sentence):
            head = _head_noun(match.group("np") or "")
            if not _is_person_head(head, match.group("np") or "") or not _plausible_number(
                sentence, match
            ):
                continue
            if pattern is _ACTIVE and head is None and not _ends_clause(sentence, match.end()):
                continue
            if pattern is _ACTIVE and _near_miss(sentence, match.start("verb")):
                continue
            if pattern is _PASSIVE and head is None and _after_article(sentence, match):
                continue
            interval = _interval_for(match, head)
            count_start, count_end = _count_start(match), _count_end(match)
            if interval is not None and "named" in match.groupdict() and match.group("named"):
                # "killing the driver and two passengers": the named victim counts too.
                count_start = match.start("named")
                interval = (
                    None if interval[0] is None else interval[0] + 1,
                    None if interval[1] is None else interval[1] + 1,
                )
            if interval is None or not free(count_start, count_end):
                continue
            # Overlapping patterns find the same count twice; the first reading wins.
            kind = Kind.KILLED if pattern is _DEATHS_OF else _kind(match.group("verb"))
            yield emit(kind, count_start, count_end, interval)
    for match in _MULTIPLE.finditer(sentence):
        # "another double shooting hours earlier" is not this one.
        other = _OTHER_BEFORE.search(sentence[max(0, match.start() - 12) : match.start()])
        if free(match.start(), match.end()) and not other:
            number = lexicon.MULTIPLES[match.group("count").lower()]
            if match.group("fatal") and match.group("suicide"):
                number += 1  # "a double murder-suicide": two killed, then the killer
            kind = Kind.KILLED if match.group("fatal") else Kind.SHOT
            yield emit(kind, match.start("count"), match.end("count"), (number, number))
    for match in _PAIR.finditer(sentence):
        nouns = (match.group("noun").lower(), match.group("noun2").lower())
        if all(_is_person_head(noun) for noun in nouns) and free(match.start(), match.end()):
            verb = match.group("verb")
            kind = Kind.SHOT if verb.lower() == "shot" else _kind(verb)
            yield emit(kind, match.start("article"), match.end("noun2"), (2, 2))
    for match in list(_SINGULAR.finditer(sentence)) + list(_SINGULAR_ACTIVE.finditer(sentence)):
        noun = match.group("noun").lower().strip("’'")
        if not free(match.start("article"), match.end("noun")):
            continue
        before = sentence[max(0, match.start() - 8) : match.start()].lower()
        if re.search(r"(?:one|none|each)\s+of\s*$|\bno\s*$", before):
            continue
        if _near_miss(sentence, match.start("verb")):
            continue
        # "a dog that was shot after attacking an officer is dead": the officer is not.
        if _UNCERTAIN_OR_ANIMAL.search(sentence, 0, match.start()):
            continue
        possessive = match.group("article").lower() in ("his", "her", "their")
        if possessive and (
            noun not in lexicon.PERSON_NOUNS
            # "going to kill his wife", "would never hurt her brother": no harm done.
            or not re.search(r"(?:ed|ing)$|^slew$", match.group("verb").lower())
        ):
            continue
        if possessive:
            # "killed his wife" may go on "and two children": at least one.
            one: Interval = (1, None)
        elif noun in lexicon.SINGULAR_VICTIMS or re.fullmatch(r"\d+-year-old", noun):
            one = (1, 1)
        elif noun in lexicon.PERSON_NOUNS or noun in lexicon.SUBSET_NOUNS:
            one = (1, None)
        else:
            continue
        verb = (
            match.group("verb")
            if "died" not in match.groupdict() or not match.group("died")
            else "died"
        )
        yield emit(_kind(verb), match.start("article"), match.end("noun"), one)
    for match in _SOMEONE_DIED.finditer(sentence) if _may_hold(sentence, _DIED_WORDS) else ():
        verb_group = next(g for g in ("verb", "verb2", "verb3") if match.group(g))
        start, end = match.start(verb_group), match.end(verb_group)
        # A count elsewhere in the sentence already states this toll.
        if any(e >= match.start() - 60 and s < end for s, e in taken):
            continue
        before = sentence[max(0, start - 50) : start]
        if _NEGATED.search(before[-30:]) or _UNCERTAIN_OR_ANIMAL.search(sentence, 0, start):
            continue
        yield emit(Kind.KILLED, start, end, (1, None))
    yield from _shot(sentence, free, emit)


# "shot at each other", "shot at officers": fired at, not hit ("shot at a party" is a place).
_FIRED_AT = (
    r"at(?:\s+(?:each\s+other|one\s+another|him|her|them|us|me|police|officers|deputies|troopers"
    r"|agents|the\s+(?:officers?|deputies|police|troopers)|but|by)\b|(?=\s*(?:[,.;!?]|$)))"
)
_SHOT_COUNT = Caseless(
    rf"\b{COUNT}(?P<np>(?:\s+{_NP_WORD}){{0,4}}?)\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?"
    r"(?:(?:also|reportedly)\s+)?(?P<verb>shot|struck\s+by\s+gunfire|hit\s+by\s+gunfire"
    r"|(?:sent|taken|rushed|transported)\s+to\s+(?:a\s+|the\s+|area\s+|local\s+)?hospitals?)\b"
    rf"(?!\s+(?:dead|and\s+killed|to\s+death|and\s+wounded|and\s+injured|{_FIRED_AT}))"
    r"(?:,\s+(?P<fatal>(?:one|two|three|four|\d+))\s+(?:of\s+them\s+)?fatally)?",
    needs=("shot", "gunfire", "hospital"),
)
_SOMEONE_SHOT = Caseless(
    r"\b(?:was|has\s+been|had\s+been|after\s+being|been)\s+"
    r"(?:(?:accidentally|reportedly|apparently|also|critically|seriously)\s+)?"
    r"(?P<verb>shot|struck\s+by\s+(?:gunfire|a\s+bullet))\b"
    rf"(?!\s+(?:dead|and\s+killed|to\s+death|and\s+wounded|and\s+injured|{_FIRED_AT}))"
    r"|\b(?P<self>shot\s+(?:himself|herself))\b"
    r"|\b(?:suffering|suffered|sustained|with|treated\s+for)\s+(?:from\s+)?(?:a\s+|an\s+)?"
    r"(?:(?:non-life-threatening|life-threatening|minor|serious|apparent|single)\s+)?"
    r"(?P<wound>gunshot\s+wounds?)",
    needs=("shot", "struck"),
)
# Someone in hospital in a stated condition is alive and hurt: wounded, at least one.
_IN_CONDITION = Caseless(
    r"\b(?:is|was|were|are|remains|remained|listed\s+in|listed\s+as)\s+(?:in\s+)?"
    r"(?P<verb>(?:stable|critical|serious|fair|grave|good)\s+(?:but\s+stable\s+)?condition)\b",
    needs=("condition",),
)

_DIED_LATER = re.compile(
    r"\b(?:died|dies|succumbed|pronounced\s+(?:dead|deceased)|passed\s+away)\b", re.IGNORECASE
)


def _shot(
    sentence: str,
    free: Callable[[int, int], bool],
    emit: Callable[..., CountMatch],
) -> Iterator[CountMatch]:
    """People shot, killed or not: "three people were shot, one fatally", "a boy was shot"."""
    counted: list[tuple[int, int]] = []  # "One man was shot" is one reading, not two
    for match in _scan(_SHOT_COUNT, sentence):
        head = _head_noun(match.group("np") or "")
        if not _is_person_head(head, match.group("np") or "") or not _plausible_number(
            sentence, match
        ):
            continue
        interval = _interval_for(match, head)
        start, end = _count_start(match), _count_end(match)
        if interval is None or not free(start, end):
            continue
        # "Four people were taken to a hospital" counts people hurt, who may yet die: like
        # people shot, they are called wounded only where the article reports no death.
        yield emit(Kind.SHOT, start, end, _one_or_more(interval))
        counted.append((match.start(), match.end()))
        fatal = match.group("fatal")
        if fatal and interval[0] is not None and interval[0] == interval[1]:
            # "Three people were shot, one fatally": one killed, two wounded.
            killed = parse_number(fatal) or 0
            yield emit(Kind.KILLED, match.start("fatal"), match.end("fatal"), (killed, killed))
            yield emit(Kind.WOUNDED, start, end, (interval[0] - killed, interval[0] - killed))
    for match in _SENT_TO_HOSPITAL.finditer(sentence):
        head = _head_noun(match.group("np") or "")
        interval = _interval_for(match, head)
        start, end = _count_start(match), _count_end(match)
        if (
            interval is not None
            and _is_person_head(head, match.group("np") or "")
            and _plausible_number(sentence, match)
            and free(start, end)
        ):
            yield emit(Kind.SHOT, start, end, interval)
    for match in _IN_CONDITION.finditer(sentence):
        start, end = match.start("verb"), match.end("verb")
        if _DIED_LATER.search(sentence, end):
            continue  # "in critical condition until she died" reports a death
        if free(start, end) and not _NEGATED.search(sentence[max(0, start - 30) : start]):
            yield emit(Kind.WOUNDED, start, end, (1, None), inferred=True)
    for match in _SOMEONE_SHOT.finditer(sentence):
        group = next(g for g in ("verb", "self", "wound") if match.group(g))
        start, end = match.start(group), match.end(group)
        if not free(start, end) or any(s <= start < e for s, e in counted):
            continue
        if _ANIMAL_SUBJECT.search(sentence, 0, start):
            continue  # "a dog that was shot", "the horse was shot"
        if group == "self":
            yield emit(Kind.SHOT, start, end, (1, 1))
            continue
        if group == "wound" and not free(0, len(sentence)):
            continue  # "three men were taken to hospital with gunshot wounds" is counted
        # "A 16-year-old boy was shot", "Smith was shot": at least one (see _one_or_more).
        yield emit(Kind.SHOT, start, end, (1, None))


def _one_or_more(interval: Interval) -> Interval:
    """People shot, when one is named: at least one. Reports go through the victims one by one
    ("One woman was shot in the foot") after giving the total; one is not a rival total."""
    return (1, None) if interval == (1, 1) else interval


def _scan(pattern: Caseless, sentence: str) -> Iterator[re.Match[str]]:
    """Every match, also those starting inside an earlier one: when "On January 28 three
    soldiers were killed" first reads "28" as the count, "three" must still be tried."""
    position = 0
    while True:
        match = pattern.search(sentence, position)
        if match is None:
            return
        yield match
        position = match.start() + 1


def _count_start(match: re.Match[str]) -> int:
    return match.start("count")


def _count_end(match: re.Match[str]) -> int:
    return match.end("count")


def _ends_clause(sentence: str, end: int) -> bool:
    return bool(re.match(r"\s*(?:[,.;:!?)\"”]|and\b|$)", sentence[end:]))


def _after_article(sentence: str, match: re.Match[str]) -> bool:
    # "the two were killed" is fine; "the 2 killed" too; but a bare number right after a
    # noun ("Route 9 killed") is not a count.
    prefix = sentence[: _count_start(match)].rstrip()
    return (
        bool(prefix)
        and prefix[-1].isalnum()
        and not re.search(
            r"\b(?:the|and|with|while|but|were|are|leaving|left|of|all|another)$",
            prefix,
            re.IGNORECASE,
        )
    )
