"""Named people with their role, and named organisations, as each source spells them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless, Deferred
from discrepancy.extract.gates import prefix_tree
from discrepancy.extract.given_names import is_given_name
from discrepancy.extract.places import Gazetteer, gazetteer

# A word of a name: capitalised word, initial, Arabic article or particle, quoted nickname.
# The look-ahead holds every first character of the alternatives: it lets re skip most
# positions in one step instead of trying each alternative there.
# The article is also written assimilated to a "sun letter" ("ad-Din", "ash-Shami").
_TOKEN = Deferred(
    r"(?=[A-Z“\"‘abdeiuv])(?:"
    r"(?:Sgt|Lt|Capt|Cpl|Det|Gov|Sen|Rep|Gen|Col|Maj|Dr|Mr|Mrs|Ms|Insp|Supt)\.(?=\s)"
    r"|[“\"‘][A-Z][^”\"’\n]{1,30}[”\"’]"
    r"|(?:[Aa]l|[Ee]l)[-’'][A-Z][\w’'\-]*"
    r"|[aeu](?P<sun>sh|th|dh|[tdrzsn])-(?=[A-Z])(?i:(?P=sun))[\w’'\-]*"
    r"|[A-Z][a-z][\w’'\-]*|[A-Z]\.|[A-Z]{2,}(?=[\s,.;:)’'])|\b(?:bin|ibn|bint|abu|de|van|von|da|del)\b)"
)
_DESCRIPTOR = Deferred(r"-(?:backed|based|led|linked|aligned|allied|affiliated|born)$|^pro-", re.I)
_PARTICLE_WORDS = frozenset({"bin", "ibn", "bint", "abu", "de", "van", "von", "da", "del"})


def _longest_first(word: str) -> tuple[int, str]:
    # Role words longest first; ties in a fixed order, so a pattern's text is the same in
    # every run (a set's order changes with the hash seed), as the compiled-pattern cache needs.
    return (-len(word), word)


_ROLE_PREFIX_WORDS = (
    "deputy", "senior", "top", "former", "assistant", "acting", "local", "military"
)  # fmt: skip
_ROLE_PREFIX = r"(?:(?:" + "|".join(_ROLE_PREFIX_WORDS) + r")\s+)?"
_ROLE_AFTER = Deferred(
    r"^,?\s+(?:who\s+(?:was|is)\s+)?(?:a|an|the|its|their)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?P<role>" + _ROLE_PREFIX + "|".join(sorted(lexicon.ROLE_WORDS, key=_longest_first)) + r")\b",
    re.IGNORECASE,
)
_ROLE_BEFORE = Caseless(
    # The look-ahead passes over the window's other words at a letter or two.
    r"(?="
    + prefix_tree(lexicon.ROLE_WORDS | set(_ROLE_PREFIX_WORDS))
    + r")\b(?P<role>"
    + _ROLE_PREFIX
    + "|".join(sorted(lexicon.ROLE_WORDS, key=_longest_first))
    + r")\b"
    r"(?:’s|'s)?[^.;]{0,60}?(?:,\s*|\s+(?:was|is|named)\s+)[“\"]?$"
)
_IN_PLACE = Deferred(r"\s+in\s+(?:Iraq|Syria|Yemen|Lebanon|the\s+Levant|Iran|Gaza)\b")
_GENERIC_ORG_HEADS = frozenset(
    {"police", "army", "forces", "department", "office", "command", "group", "party",
     "council", "ministry", "agency", "bureau", "guard", "guards", "corps", "front",
     "movement", "resistance", "brigade", "brigades", "battalion", "militia"}
)  # fmt: skip
_STREET_ENDINGS = lexicon.PLACE_TYPE_WORDS | {"st", "ave", "rd", "blvd", "dr", "ln", "lane", "way"}
_RANKS = frozenset({"sgt", "lt", "capt", "cpl", "det", "mr", "mrs", "ms", "dr", "officer", "insp"})
# "... commander Khalid Hamid al-Tamimi": a lower-case role word right before the name.
_ROLE_RIGHT_BEFORE = Deferred(
    r"\b(?P<role>" + "|".join(sorted(lexicon.ROLE_WORDS, key=_longest_first)) + r")\s+$"
)
_LONGEST_ROLE = max(map(len, lexicon.ROLE_WORDS))
_ARABIC_NAME = Deferred(
    r"\b(?:al|el|[aeu](?:sh|th|dh|[tdrzsn]))-[A-Z]|\b(?:Abu|Umm|bin|ibn)\s+[A-Z]"
)
# "Bashir alias Tiger", "Naveed Ali aka Shahzad": the second name is the same person's.
_ALIAS = Deferred(r"\s+(?:alias|aka)\s+([A-Z][a-z][\w’']*)(?![\w’'\-])")
_WORD_AFTER = Deferred(r"\s+([A-Za-z]+)")
# A first name joined by "and" to a full name that shares its family name.
_PAIRED = Deferred(r"\b([A-Z][a-z]+)\s+and\s+$")
# A name that speaks: "X said", "X, the army's spokesman, told reporters", "X on Monday
# warned", and "said X", "said one of the ministry's spokesmen, X", "according to X".
_SPEAKS_AFTER = Deferred(
    r"(?:,[^,.;“”\"]{1,80},)?,?\s+(?:(?:has|had|have|also|later|then|again|earlier|on\s+\w+)\s+)?"
    rf"(?:{lexicon.SPEECH_VERBS})\b",
    re.IGNORECASE,
)
_SPEAKS_BEFORE = Deferred(
    rf"(?:\b(?:{lexicon.SPEECH_VERBS})|\baccording\s+to)\s+"
    r"(?:(?:the\s+|a\s+|an\s+|one\s+of\s+the\s+)?(?:[\w’'\-]+\s+){0,3}?"
    r"(?:spokes(?:man|men|woman|women|person|people)|"
    + "|".join(sorted(lexicon.ROLE_WORDS, key=_longest_first))
    + r")s?,?\s+)?$",
    re.IGNORECASE,
)
# After "said X" the name ends the clause: "said X would ..." and "police say X, 21, shot ..."
# report what X did.
_CLAUSE_END = Deferred(r"\s*(?:[.;:)”\"]|$|,(?!\s*\d))")
_SUSPECT_CUES = Caseless(r"\b(?:charged|arrested|suspect|accused|custody|booked|gunman|shooter)\b")
# "Hamas-run", "Iranian-made", "State-claimed": an adjective, not a name's word.
_LOWER_COMPOUND = re.compile(r"-[a-z]")
_VICTIM_CUES = Caseless(r"\b(?:killed|shot|died|dead|victims?|wounded|injured|slain)\b")


@dataclass(frozen=True)
class NameMention:
    """A person or organisation named in a sentence, offsets relative to the sentence."""

    start: int
    end: int
    text: str
    is_organization: bool
    role: str | None
    # False for a name-like run with no role or casualty context around it.
    confident: bool = True


def _runs(sentence: str) -> Iterator[list[re.Match[str]]]:
    run: list[re.Match[str]] = []
    for match in _TOKEN.finditer(sentence):
        if run and (
            match.start() - run[-1].end() > 2
            or sentence[run[-1].end() : match.start()].strip()
            # A possessive ends a name: "Baghdad’s Palestine street", "Iraq’s Popular ...".
            or run[-1].group().endswith(("’s", "'s"))
        ):
            yield run
            run = []
        # "Iran-backed", "Dubai-based", "pro-Iranian": descriptions, not part of a name.
        token = match.group()
        if "-" in token and _DESCRIPTOR.search(token):
            continue
        run.append(match)
    if run:
        yield run


def _split_after_organization(run: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """A run of an organisation that is whole in one word and a person's name after it ("the
    Houthis Omar Saleh told ..."): two runs, the organisation's and the person's."""
    for i, match in enumerate(run[:-2]):
        if _bare(match.group()) in lexicon.WHOLE_ORGANIZATION_NAMES and is_given_name(
            run[i + 1].group()
        ):
            return [run[: i + 1], run[i + 1 :]]
    return [run]


def _bare(word: str) -> str:
    return word.lower().strip("“”\"‘’'")


def _is_role_word(word: str) -> bool:
    return word.lower().strip(".") in lexicon.TITLE_WORDS or word.lower() in lexicon.ROLE_WORDS


def find_names(sentence: str) -> Iterator[NameMention]:
    """People and organisations named in one sentence."""
    places = gazetteer()
    # _ALIAS is matched after every run: only where its words occur at all.
    aliases = "alias" in sentence or "aka" in sentence
    for run in (part for whole in _runs(sentence) for part in _split_after_organization(whole)):
        # Most runs are one capitalised word, which names a person never and an organisation
        # only when it is an organisation's head ("Hezbollah").
        alias = _ALIAS.match(sentence, run[-1].end()) if aliases else None
        if len(run) == 1 and alias and run[0].group()[:1].isupper():
            # "Sahil alias Shafaq": a one-word name with its alias is a person's name.
            start, end = run[0].start(), alias.end()
            role = _role_around(sentence, start, end)
            yield NameMention(start, end, sentence[start:end], False, role)
            continue
        if len(run) == 1 and _bare(run[0].group()) not in lexicon.ORGANIZATION_HEADS:
            continue
        words = [m.group() for m in run]
        lowered = [_bare(w) for w in words]
        org_at = [i for i, w in enumerate(lowered) if w in lexicon.ORGANIZATION_HEADS]
        title_at = [i for i, w in enumerate(words) if _is_role_word(w)]
        if org_at and (not title_at or org_at[-1] > title_at[-1]):
            yield from _organization(sentence, run, words, lowered)
            continue
        role = None
        first = 0
        if title_at and title_at[-1] < len(words) - 1:
            role = " ".join(words[title_at[0] : title_at[-1] + 1]).lower().rstrip(".")
            first = title_at[-1] + 1
            if role in _RANKS:
                # "Sgt. Lena Ortiz" after "a spokesman for the police": the job is the role.
                role = _role_before(sentence, run[title_at[0]].start()) or role
        # Leading sentence words, days and places are not part of a name.
        while first < len(words) and (
            lowered[first] in lexicon.NOT_NAME_WORDS
            or _is_region(lowered[first], places)
            or lowered[first] in lexicon.TITLE_WORDS
            or lowered[first].endswith("year-old")  # "Thirty-year-old Cleveland Smelley"
        ):
            first += 1
        first = _after_lead(words, first, places)
        last = len(words)
        while last > first and (
            lowered[last - 1] in lexicon.NOT_NAME_WORDS or lowered[last - 1] in _PARTICLE_WORDS
        ):
            last -= 1
        if last - first >= 3 and _closing_place(words[last - 1], places):
            last -= 1
        name_words = words[first:last]
        if len(name_words) == 1 and alias and last == len(words) and name_words[0][:1].isupper():
            # "Cmdr Dosta alias Chairman": after the title, one name with its alias.
            start, end = run[first].start(), alias.end()
            role = role or _role_around(sentence, start, end)
            yield NameMention(start, end, sentence[start:end], False, role)
            continue
        if len(name_words) < 2 or any(w.isupper() and len(w) > 1 for w in name_words):
            continue
        if any(w.lower() in lexicon.INSTITUTION_WORDS for w in name_words):
            continue
        if " ".join(name_words).lower() in places.known:
            continue
        start, end = run[first].start(), _strip_possessive(sentence, run[last - 1])
        if alias and last == len(words) and end == run[-1].end():
            end = alias.end()  # "Kareem Dad alias Idrees"
        if lowered[first] in lexicon.PLACE_PREFIXES:
            # "Northern Israel", "East Warren", "North Precinct": a part of a place, a street
            # or a body, no person (and a known place in it is read where the story puts
            # it); still a rare string two reports may share.
            yield NameMention(start, end, sentence[start:end], False, None, confident=False)
            continue
        if _bare(name_words[-1]).rstrip(".") in _STREET_ENDINGS:
            # "Orwell Drive", "Tamsin Ave.": a street, no person, though still a rare string
            # two reports of one shooting may share.
            yield NameMention(start, end, sentence[start:end], False, None, confident=False)
            continue
        direct = role or _role_next_to(sentence, start, end)
        role = direct or _role_in(sentence)
        # A capitalised run with no role and no casualty context is more often a place, an
        # outlet or a slogan than a person tied to the incident: not a claim, but still a
        # rare string two reports of one incident may share.
        after = _WORD_AFTER.match(sentence, end)
        place_like = lowered[first] in lexicon.PLACE_NAME_HEADS or bool(
            after and after.group(1).lower() in lexicon.PLACE_AFTER_NAME
        )
        # A casualty word elsewhere in the sentence makes a person of a run that could be
        # one, not of a body or a headline's words ("Emergency Services said 12 died", "Girl
        # Killed In Pager Attack Is Mourned", "Hamas-run Gaza").
        could_be_person = direct is not None or _could_be_person(name_words, lowered[first:last])
        confident = not place_like and (
            (role is not None and could_be_person)
            or bool(_ARABIC_NAME.search(sentence[start:end]))
            or _looks_personal(name_words, lowered[first:last])
        )
        yield NameMention(start, end, sentence[start:end], False, role, confident)
        if len(name_words) == 2:
            # "twins Olha and Daria Marchuk": the first sister is named by the pair.
            paired = _PAIRED.search(sentence, max(0, start - 30), start)
            before = sentence[max(0, start - 60) : paired.start()].split() if paired else []
            # "... by Lina Haddad and Omar Stack": a full name before "and" is another person.
            # ("... Abd ar-Rahman and Omar ...": "ar-" is the first name's article.)
            alone = not before or not (before[-1][:1].isupper() or before[-1].endswith("-"))
            if paired and alone and is_given_name(paired.group(1)):
                text = sentence[paired.start() : end]
                yield NameMention(paired.start(), end, text, False, role, confident)


def speaks(sentence: str, start: int, end: int) -> bool:
    """Is the name at sentence[start:end] the one who speaks in the sentence (a minister who
    "said", a spokesman "according to" whom)? Then a day the sentence names is when they
    spoke: the person belongs to the story, not to another event."""
    if _SPEAKS_AFTER.match(sentence, end, min(len(sentence), end + 120)):
        return True
    return bool(
        _CLAUSE_END.match(sentence, end)
        and _SPEAKS_BEFORE.search(sentence, max(0, start - 80), start)
    )


def _organization(
    sentence: str, run: list[re.Match[str]], words: list[str], lowered: list[str]
) -> Iterator[NameMention]:
    first = 0
    while first < len(words) and lowered[first] in lexicon.NOT_NAME_WORDS:
        first += 1
    last = max(i for i, w in enumerate(lowered) if w in lexicon.ORGANIZATION_HEADS) + 1
    # Keep trailing name words after the head ("Harakat al-Nujaba", "Hashed al-Shaabi").
    while last < len(words) and not _is_role_word(words[last]):
        last += 1
    span = words[first:last]
    if not span:
        return
    if len(span) == 1 and lowered[first] in _GENERIC_ORG_HEADS:
        return
    start, end = run[first].start(), _strip_possessive(sentence, run[last - 1])
    located = _IN_PLACE.match(sentence[end : end + 40])
    if located and end == run[last - 1].end():
        end += located.end()  # "Islamic Resistance in Iraq" is the name, not a place phrase
    yield NameMention(start, end, sentence[start:end], True, None)


def _after_lead(words: list[str], first: int, places: Gazetteer) -> int:
    """Where the person's name starts after the body, post or place it is named with
    ("United Nations Anna Petrenko", "UN Ambassador Ivan Sirko", "Lviv Taras Melnyk"): at a
    known first name that follows only such words, or after one place or acronym that two
    plain name words follow. A run without either stays whole ("Lviv Regional
    Administration" is a rare string two reports may share)."""
    for j in range(first, len(words) - 1):
        word = words[j].lower()
        if is_given_name(word):
            return j
        if not (word in lexicon.NAME_LEAD_WORDS or word in places.known or _acronym(words[j])):
            break
    if len(words) - first < 3:
        return first
    head = words[first]
    rest = [w.lower() for w in words[first + 1 :]]
    if (
        (head.lower() in places.known or _acronym(head))
        and not is_given_name(head)
        and not any(_names_no_person(w) or w in places.known for w in rest)
    ):
        return first + 1
    return first


def _closing_place(word: str, places: Gazetteer) -> bool:
    """Is the last word of a long run a country, a state or a large city, not a name?"""
    lowered = word.lower()
    if lowered not in places.known or is_given_name(lowered):
        return False
    return any(
        p.kind != "city" or p.population >= lexicon.TRAILING_CITY_POPULATION
        for p in places[lowered]
    )


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _names_no_person(word: str) -> bool:
    """Is a lower-cased word one of a body, a post, a street or a venue, never a name's?"""
    return (
        word in lexicon.NOT_PERSON_WORDS
        or word in lexicon.NAME_LEAD_WORDS
        or word in lexicon.PLACE_TYPE_WORDS
        or word in lexicon.VENUE_WORDS
        or word in lexicon.ORGANIZATION_HEADS
        or word in lexicon.INSTITUTION_WORDS
    )


def _looks_personal(words: list[str], lowered: list[str]) -> bool:
    """A name with no role around it is still a person's when it opens with a known first
    name and no word of it names a body, a street or a venue ("Maria Kovalenko", not "Red
    Cross Road")."""
    if len(words) > 4 or not is_given_name(words[0]):
        return False
    return not any(_names_no_person(w) for w in lowered)


def _strip_possessive(sentence: str, token: re.Match[str]) -> int:
    end = token.end()
    return end - 2 if sentence[token.start() : end].endswith(("’s", "'s")) else end


def _is_region(word: str, places: Gazetteer) -> bool:
    # "US President Joe Biden", "Iraqi Prime Minister": a leading country is not a name; a
    # leading city may be a first name ("Paris Walker").
    return word in places.known and any(p.kind != "city" for p in places[word])


def _role_before(sentence: str, start: int) -> str | None:
    window = sentence[max(0, start - 90) : start]
    # The role ends where the window's trailing white space starts: no match starts earlier
    # than the longest role before that.
    direct = _ROLE_RIGHT_BEFORE.search(window, max(0, len(window.rstrip()) - _LONGEST_ROLE))
    if direct:
        return direct.group("role").lower()
    before = _ROLE_BEFORE.search(window)
    return before.group("role").lower() if before else None


def _role_around(sentence: str, start: int, end: int) -> str | None:
    return _role_next_to(sentence, start, end) or _role_in(sentence)


def _role_next_to(sentence: str, start: int, end: int) -> str | None:
    """The role a name is given right beside it ("spokesman Ali Hadi", "Ali Hadi, 24,")."""
    after = _ROLE_AFTER.match(sentence[end : end + 80])
    if after:
        return after.group("role").lower()
    return _role_before(sentence, start)


def _role_in(sentence: str) -> str | None:
    """The role the sentence's casualty or suspect words give the people it names."""
    if _SUSPECT_CUES.test(sentence):
        return "suspect"
    if _VICTIM_CUES.test(sentence):
        return "victim"
    return None


def _could_be_person(words: list[str], lowered: list[str]) -> bool:
    """Could a capitalised run be a person's name: at most four words, none of a body, a
    post, a place type or an event, and no compound of a lower-case word ("Hamas-run")?"""
    return (
        len(words) <= 4
        and not any(_names_no_person(w) or w in lexicon.EVENT_NAME_WORDS for w in lowered)
        and not any(_LOWER_COMPOUND.search(w) for w in words)
    )
