"""Death tolls and wounded counts: "at least four were killed", "killing three", "a man died"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from discrepancy.extract import casualty_patterns as patterns
from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless, fold_case
from discrepancy.extract.count_phrases import (
    after_label,
    ends_clause,
    head_noun,
    interval_for,
    is_person_head,
    plausible_number,
    plus,
    scan,
)
from discrepancy.extract.gates import COUNT_WORD
from discrepancy.extract.numbers import Interval, count_interval, parse_number
from discrepancy.extract.tolls import find_tolls
from discrepancy.models import Kind


def _may_hold(sentence: str, words: tuple[str, ...]) -> bool:
    """Can an IGNORECASE pattern every match of which holds one of `words` match here?"""
    lowered = fold_case(sentence)
    # Text lower-casing cannot fold as re does (caseless.fold_case) may match otherwise.
    return lowered is None or any(word in lowered for word in words)


def _near_miss(sentence: str, verb_start: int) -> bool:
    """Whether the verb at verb_start is a near miss ("nearly killed", "almost died")."""
    return bool(patterns.NEAR_MISS.search(sentence[max(0, verb_start - 12) : verb_start]))


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


# Compiled once: built and looked up in re's cache for every count, it cost more than the
# match itself.
_KILLED_VERB = re.compile(
    lexicon.KILLED_PASSIVE + "|" + lexicon.KILLED_ACTIVE + r"|pronounced|died"
)
_NONE_OF_BEFORE = re.compile(r"(?:one|none|each)\s+of\s*$|\bno\s*$")
_DONE_VERB = re.compile(r"(?:ed|ing)$|^slew$")
_YEAR_OLD = re.compile(r"\d+-year-old")
# Words that end in a person's name: two or more capitalised words ("Ali Hussein Barji").
_NAME_AT_END = re.compile(r"(?:^|\s)[A-Z][\w’'\-]+(?:\s+(?:al-|bin\s+|ibn\s+)?[A-Z][\w’'\-]+)+\s+$")


def _kind(verb: str) -> Kind:
    verb = verb.lower()
    if _KILLED_VERB.match(verb) and not verb.startswith(("wound", "injur", "hurt")):
        return Kind.KILLED
    return Kind.WOUNDED


_ANY_CASUALTY_WORD = Caseless(
    r"kill|dead|death|died|dies|slain|slew|murder|martyr|perish|execut|wound|injur|hurt|hospital"
    r"|toll|tally|victim|lives|life|shot|stabbed|beaten|gunned|gunfire|condition|homicide|shooting"
    r"|recovering",
)


# Double quotes around words of a count ("“several people” were injured", "“two” were
# killed") are read as spaces: the offsets stay those of the sentence.
_QUOTES_AS_SPACES = str.maketrans({"“": " ", "”": " ", '"': " "})


def find_counts(sentence: str) -> Iterator[CountMatch]:
    """Every killed/wounded count stated in one sentence."""
    if not _ANY_CASUALTY_WORD.test(sentence):
        return
    sentence = sentence.translate(_QUOTES_AS_SPACES)
    # Most casualty sentences state no figure ("a man was killed"): the patterns that read
    # one are skipped there (gates.COUNT_WORD).
    counts = COUNT_WORD.test(sentence)
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

    for match in patterns.NONE.finditer(sentence):
        if patterns.ONLY_OTHERS.search(match.group()):
            # "No one else was hurt" says nothing of the total; the span is still no death.
            taken.append((match.start(), match.end()))
            continue
        verb = match.group("verb") or match.group("noun") or "died"
        deaths = ("killed", "deaths", "fatalities", "died")
        kind = Kind.KILLED if verb.lower() in deaths else Kind.WOUNDED
        yield emit(kind, match.start(), match.end(), (0, 0))
    for toll in find_tolls(sentence) if counts else ():
        if free(toll.start, toll.end):
            yield emit(toll.kind, toll.start, toll.end, toll.interval, revision=toll.revision)
    count_patterns = (patterns.LEAVING, patterns.PASSIVE, patterns.ACTIVE, patterns.DEATHS_OF)
    for pattern in count_patterns if counts else ():
        for match in scan(pattern, sentence):
            head = head_noun(match.group("np") or "")
            if not is_person_head(head, match.group("np") or "") or not plausible_number(
                sentence, match
            ):
                continue
            if pattern is patterns.PASSIVE and patterns.VERB_IN_NP.search(match.group("np")):
                continue
            if (
                pattern is patterns.ACTIVE
                and head is None
                and not ends_clause(sentence, match.end())
            ):
                continue
            count_start = match.start("count")
            if pattern is patterns.PASSIVE and head is None and after_label(sentence, count_start):
                continue
            if pattern is not patterns.LEAVING and _near_miss(sentence, match.start("verb")):
                continue
            interval = interval_for(match, head, sentence)
            count_start = match.start("count")
            joined = None if interval is None else plus(match, interval)
            if joined is None:
                continue
            verb_start = match.start("verb")
            if patterns.AMONG_BEFORE.search(sentence[max(0, verb_start - 20) : verb_start]):
                # "three foreigners are among the injured": a part of them, at least three.
                joined = ((joined[0][0], None), joined[1])
            interval, count_end = joined
            named_start = None
            if interval is not None and "named" in match.groupdict() and match.group("named"):
                named_start = match.start("named")
            elif interval is not None and pattern is patterns.PASSIVE:
                named = patterns.NAMED_BEFORE.search(
                    sentence, max(0, count_start - 60), count_start
                )
                named_start = None if named is None else named.start()
            if interval is not None and named_start is not None:
                # "killing the driver and two passengers": the named victim counts too.
                count_start = named_start
                interval = (
                    None if interval[0] is None else interval[0] + 1,
                    None if interval[1] is None else interval[1] + 1,
                )
            if interval is None or not free(count_start, count_end):
                continue
            # Overlapping patterns find the same count twice; the first reading wins.
            kind = _kind(match.group("verb"))
            if pattern is patterns.DEATHS_OF and not match.group("verb").lower().startswith(
                ("injur", "wound")
            ):
                kind = Kind.KILLED
            yield emit(kind, count_start, count_end, interval)
    for match in scan(patterns.NAMED_AND_COUNT, sentence) if counts else ():
        # "killed commander Ali Barji and two other men": three, the named man among them.
        if not _NAME_AT_END.search(match.group("named")):
            continue
        head = head_noun(match.group("np") or "")
        interval = interval_for(match, head, sentence)
        if head is None or not is_person_head(head, match.group("np")) or interval is None:
            continue
        start, end = match.start("named"), match.end("count")
        if interval[0] is None or not free(start, end):
            continue
        more = (interval[0] + 1, None if interval[1] is None else interval[1] + 1)
        yield emit(_kind(match.group("verb")), start, end, more)
    for match in patterns.DEATHS_COUNTED.finditer(sentence) if counts else ():
        interval = count_interval(match)
        start, end = match.start("count"), match.end("count")
        if interval is not None and plausible_number(sentence, match) and free(start, end):
            yield emit(Kind.KILLED, start, end, interval)
    for match in patterns.MULTIPLE.finditer(sentence):
        # "another double shooting hours earlier" is not this one.
        other = patterns.OTHER_BEFORE.search(sentence[max(0, match.start() - 12) : match.start()])
        if free(match.start(), match.end()) and not other:
            number = lexicon.MULTIPLES[match.group("count").lower()]
            if match.group("fatal") and match.group("suicide"):
                number += 1  # "a double murder-suicide": two killed, then the killer
            kind = Kind.KILLED if match.group("fatal") else Kind.SHOT
            yield emit(kind, match.start("count"), match.end("count"), (number, number))
    for match in patterns.PAIR.finditer(sentence):
        nouns = (match.group("noun").lower(), match.group("noun2").lower())
        if all(is_person_head(noun) for noun in nouns) and free(match.start(), match.end()):
            verb = match.group("verb")
            kind = Kind.SHOT if verb.lower() == "shot" else _kind(verb)
            yield emit(kind, match.start("article"), match.end("noun2"), (2, 2))
    for match in list(patterns.SINGULAR.finditer(sentence)) + list(
        patterns.SINGULAR_ACTIVE.finditer(sentence)
    ):
        noun = match.group("noun").lower().strip("’'")
        if not free(match.start("article"), match.end("noun")):
            continue
        if patterns.COUNTED.search(match.group("np")):
            continue  # "wounded a further 61 people" is a count, not one person
        before = sentence[max(0, match.start() - 8) : match.start()].lower()
        if _NONE_OF_BEFORE.search(before):
            continue
        if _near_miss(sentence, match.start("verb")):
            continue
        # "a dog that was shot after attacking an officer is dead": the officer is not.
        if patterns.UNCERTAIN_OR_ANIMAL.search(sentence, 0, match.start()):
            continue
        possessive = match.group("article").lower() in ("his", "her", "their")
        if possessive and (
            noun not in lexicon.PERSON_NOUNS
            # "going to kill his wife", "would never hurt her brother": no harm done.
            or not _DONE_VERB.search(match.group("verb").lower())
        ):
            continue
        if possessive:
            # "killed his wife" may go on "and two children": at least one.
            one: Interval = (1, None)
        elif noun in lexicon.SINGULAR_VICTIMS or _YEAR_OLD.fullmatch(noun):
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
    for match in (
        patterns.SOMEONE_DIED.finditer(sentence) if _may_hold(sentence, patterns.DIED_WORDS) else ()
    ):
        verb_group = next(g for g in ("verb", "verb2", "verb3") if match.group(g))
        start, end = match.start(verb_group), match.end(verb_group)
        # A count elsewhere in the sentence already states this toll.
        if any(e >= match.start() - 60 and s < end for s, e in taken):
            continue
        before = sentence[max(0, start - 50) : start]
        if patterns.NEGATED.search(before[-30:]) or patterns.UNCERTAIN_OR_ANIMAL.search(
            sentence, 0, start
        ):
            continue
        yield emit(Kind.KILLED, start, end, (1, None))
    yield from _shot(sentence, free, emit, counts)


# "shot at each other", "shot at officers": fired at, not hit ("shot at a party" is a place).
def _shot(
    sentence: str,
    free: Callable[[int, int], bool],
    emit: Callable[..., CountMatch],
    counts: bool = True,
) -> Iterator[CountMatch]:
    """People shot, killed or not: "three people were shot, one fatally", "a boy was shot".
    `counts`: whether the sentence may state a figure at all (gates.COUNT_WORD)."""
    counted: list[tuple[int, int]] = []  # "One man was shot" is one reading, not two
    for match in scan(patterns.SHOT_COUNT, sentence) if counts else ():
        head = head_noun(match.group("np") or "")
        if not is_person_head(head, match.group("np") or "") or not plausible_number(
            sentence, match
        ):
            continue
        interval = interval_for(match, head)
        start, end = match.start("count"), match.end("count")
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
    for match in patterns.SENT_TO_HOSPITAL.finditer(sentence) if counts else ():
        head = head_noun(match.group("np") or "")
        interval = interval_for(match, head)
        start, end = match.start("count"), match.end("count")
        if (
            interval is not None
            and is_person_head(head, match.group("np") or "")
            and plausible_number(sentence, match)
            and free(start, end)
        ):
            yield emit(Kind.SHOT, start, end, interval)
    for match in patterns.IN_CONDITION.finditer(sentence):
        start, end = match.start("verb"), match.end("verb")
        if patterns.DIED_LATER.search(sentence, end):
            continue  # "in critical condition until she died" reports a death
        if free(start, end) and not patterns.NEGATED.search(sentence[max(0, start - 30) : start]):
            yield emit(Kind.WOUNDED, start, end, (1, None), inferred=True)
    for match in patterns.SOMEONE_SHOT.finditer(sentence):
        group = next(g for g in ("verb", "self", "wound") if match.group(g))
        start, end = match.start(group), match.end(group)
        if not free(start, end) or any(s <= start < e for s, e in counted):
            continue
        if patterns.ANIMAL_SUBJECT.search(sentence, 0, start):
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
