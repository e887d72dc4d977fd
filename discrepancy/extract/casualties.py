"""Death tolls and wounded counts: "at least four were killed", "killing three", "a man died"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from discrepancy.extract import casualty_patterns as patterns
from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless, fold_case
from discrepancy.extract.numbers import Interval, count_interval, parse_number
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
    if patterns.NOT_COUNT_BEFORE.search(sentence[max(0, count_start - 30) : count_start]):
        return False
    if match.group("num") is None:
        return True
    start, end = match.start("num"), match.end("num2") if match.group("num2") else match.end("num")
    if patterns.MONTH_BEFORE.search(sentence[max(0, start - 12) : start]):
        return False
    if patterns.NOT_COUNT_AFTER.match(sentence[end : end + 14]):
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

    for match in patterns.NONE.finditer(sentence):
        if patterns.ONLY_OTHERS.search(match.group()):
            # "No one else was hurt" says nothing of the total; the span is still no death.
            taken.append((match.start(), match.end()))
            continue
        verb = match.group("verb") or match.group("noun") or "died"
        deaths = ("killed", "deaths", "fatalities", "died")
        kind = Kind.KILLED if verb.lower() in deaths else Kind.WOUNDED
        yield emit(kind, match.start(), match.end(), (0, 0))
    for match in patterns.TOLL.finditer(sentence):
        if not _plausible_number(sentence, match):
            continue
        interval = count_interval(match)
        count_start = _count_start(match)
        if interval and free(count_start, match.end()):
            yield emit(
                Kind.KILLED, count_start, match.end(), interval, revision=bool(match.group("rise"))
            )
    for pattern in (patterns.LEAVING, patterns.PASSIVE, patterns.ACTIVE, patterns.DEATHS_OF):
        for match in _scan(pattern, sentence):
            head = _head_noun(match.group("np") or "")
            if not _is_person_head(head, match.group("np") or "") or not _plausible_number(
                sentence, match
            ):
                continue
            if (
                pattern is patterns.ACTIVE
                and head is None
                and not _ends_clause(sentence, match.end())
            ):
                continue
            if pattern is patterns.ACTIVE and _near_miss(sentence, match.start("verb")):
                continue
            if pattern is patterns.PASSIVE and head is None and _after_article(sentence, match):
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
            kind = Kind.KILLED if pattern is patterns.DEATHS_OF else _kind(match.group("verb"))
            yield emit(kind, count_start, count_end, interval)
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
        if all(_is_person_head(noun) for noun in nouns) and free(match.start(), match.end()):
            verb = match.group("verb")
            kind = Kind.SHOT if verb.lower() == "shot" else _kind(verb)
            yield emit(kind, match.start("article"), match.end("noun2"), (2, 2))
    for match in list(patterns.SINGULAR.finditer(sentence)) + list(
        patterns.SINGULAR_ACTIVE.finditer(sentence)
    ):
        noun = match.group("noun").lower().strip("’'")
        if not free(match.start("article"), match.end("noun")):
            continue
        before = sentence[max(0, match.start() - 8) : match.start()].lower()
        if re.search(r"(?:one|none|each)\s+of\s*$|\bno\s*$", before):
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
    yield from _shot(sentence, free, emit)


# "shot at each other", "shot at officers": fired at, not hit ("shot at a party" is a place).
def _shot(
    sentence: str,
    free: Callable[[int, int], bool],
    emit: Callable[..., CountMatch],
) -> Iterator[CountMatch]:
    """People shot, killed or not: "three people were shot, one fatally", "a boy was shot"."""
    counted: list[tuple[int, int]] = []  # "One man was shot" is one reading, not two
    for match in _scan(patterns.SHOT_COUNT, sentence):
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
    for match in patterns.SENT_TO_HOSPITAL.finditer(sentence):
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
