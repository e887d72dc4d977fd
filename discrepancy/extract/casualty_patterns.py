"""The patterns casualty counting reads: verbs, noun phrases and what is never a count.

Data apart from the logic in `casualties`: each pattern says why it has its shape.
"""

from __future__ import annotations

import re

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless, Deferred
from discrepancy.extract.numbers import COUNT, count_pattern

# Words of the noun phrase between a count and its verb; a conjunction, a reporting verb or a
# negation ends the phrase ("one member in critical condition and wounded two" is two clauses,
# "one man was not injured" no count, "two shootings left three hurt" counts three).
# "along with" and "plus" join a second group of victims (PLUS below), as "and" does; a
# dash ("five civilians -- three women and two children") starts an apposition, no word.
NP_WORD = (
    r"(?!(?:and|or|but|when|while|as|after|before|then|said|says|told|not|never|left|leaving"
    r"|along|plus|according)\b)"
    r"(?![\-.])[\w’'\-.]+"
)
# "six being injured", "one of 40 people to be killed", "known to have been killed".
AUX = (
    r"(?:(?:who|that)\s+)?"
    r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|being|got|remain|remained"
    r"|to\s+have\s+been|to\s+be)"
)
# Up to two of these may stand between the auxiliary and the verb: "were also reported
# injured". Each is a fixed word or phrase, so the repeat cannot backtrack.
ADVERB = (
    r"(?:also|reportedly|allegedly|later|all|both|subsequently|initially|believed\s+to\s+have\s+been"
    r"|confirmed|feared|found|reported|currently|now|officially|since|among\s+(?:the|those))"
)
ADVERBS = rf"(?:{ADVERB}\s+){{0,2}}"
# Between a count and its verb: "including a commander", an apposition ("two civilians, a
# woman and her son, were killed") or a parenthesis ("two adults (one a medic) were killed").
INCLUDING = (
    r"(?:,?\s+(?:including|among\s+them|among\s+whom)\s+[^,;.]{1,90}?,?"
    r"|,\s+[^,;.()]{1,60},|\s*\([^()]{1,60}\))"
)

# A word of every verb the passive and active patterns name: the count patterns are the
# costliest regexes, and a sentence with none of these words skips them.
PASSIVE_VERB_WORDS = ("shot", "dead", "death", "kill", "slain", "murder", "martyr", "die",
                       "perish", "gunned", "lives", "execut", "fatal", "wound", "injur", "hurt",
                       "hospital", "recover")  # fmt: skip
ACTIVE_VERB_WORDS = ("kill", "slay", "slew", "dead", "fatal", "murder", "wound", "injur", "hurt")

SINGULAR_NOUN = r"\d+-year-old|" + "|".join(
    sorted(lexicon.SINGULAR_VICTIMS | lexicon.PERSON_NOUNS | lexicon.SUBSET_NOUNS)
)
# One person, for "and their driver" (one more victim); plural forms are left out.
ONE_PERSON_NOUN = r"\d+-year-old|" + "|".join(
    sorted(
        w
        for w in lexicon.SINGULAR_VICTIMS
        | lexicon.PERSON_NOUNS
        | lexicon.SUBSET_NOUNS
        | lexicon.MORE_PERSON_NOUNS
        if not w.endswith(("s", "men")) and w not in {"people", "children", "police", "family",
                                                        "more", "other"}
    )
)  # fmt: skip
PLURAL_PERSON_NOUN = "|".join(
    sorted(w for w in lexicon.PERSON_NOUNS | lexicon.MORE_PERSON_NOUNS if w.endswith(("s", "men"))
           and w not in {"others", "more"})
)  # fmt: skip
# A casualty verb inside a count's noun phrase ("ten people were shot and one man was
# killed" read as one subject) means the phrase ran over a clause.
VERB_IN_NP = Deferred(
    r"\b(?:shot|killed|wounded|injured|hurt|dead|died|slain|murdered)\b", re.IGNORECASE
)
# A second group of the same victims, joined to the first: "three women and four children"
# (a count: the toll is the sum), "seven aid workers and their driver" (one more person),
# "children and teenagers" (the same count, two words for it). The second count's groups end
# in "_b" (numbers.count_pattern).
PLUS = (
    r"(?P<plus>,?\s+(?:and|as\s+well\s+as|along\s+with|plus)\s+(?:"
    rf"(?P<one>(?:their|his|her|its|a|an|one|the|another)\s+(?:[\w’'\-]+\s+){{0,2}}?"
    rf"(?:{ONE_PERSON_NOUN}))\b"
    rf"|(?:(?:another|their|his|her|its)\s+)?{count_pattern('_b')}(?P<np_b>(?:\s+{NP_WORD}){{1,3}}?)"
    rf"|(?P<also>{PLURAL_PERSON_NOUN})\b))"
)
# After an object ("killed two soldiers and a driver") the clause must end, or a preposition
# follow: "killing two men and a boy was shot" has a new subject, not a third victim.
OBJECT_END = (
    r"(?=\s*(?:[,.;:!?)\"”–—]|\s-\s|$)|\s+(?:in|on|at|during|near|inside|outside|when|after"
    r"|before|as|while|and|across|along|overnight|yesterday|today|early|late|last|this|from"
    r"|with|by|including|according\s+to)\b)"
)

PASSIVE = Caseless(
    # A list takes a plural verb: in "killed two guards and a boy was wounded" the boy is a
    # new subject.
    rf"\b{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,7}}?)(?:{PLUS}(?!\s+(?:was|is|has)\b))?{INCLUDING}?"
    rf"\s+(?:{AUX}\s+)?{ADVERBS}"
    rf"(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE})\b",
    needs=PASSIVE_VERB_WORDS,
)
# "killing the driver and two passengers", "killing a woman and her two children": the one
# named first counts too.
ACTIVE = Caseless(
    rf"\b(?P<verb>{lexicon.KILLED_ACTIVE}|{lexicon.WOUNDED_ACTIVE})\s+"
    rf"(?P<named>(?:the|a|an|one)\s+(?:[\w’'\-]+\s+){{0,2}}?(?:{ONE_PERSON_NOUN})"
    r"\s+(?:and|as\s+well\s+as)\s+(?:(?:his|her|their|its)\s+)?)?"
    rf"(?:the\s+|another\s+|a\s+further\s+|an\s+additional\s+|a\s+total\s+of\s+)?{COUNT}"
    rf"(?P<np>(?:\s+{NP_WORD}){{0,5}})(?:{PLUS}{OBJECT_END})?",
    needs=ACTIVE_VERB_WORDS,
)
# "killed commander Ali Barji and two other men": one victim named by name, then a count
# joined by "and" (casualties checks in the original text that the words end in a name).
NAMED_AND_COUNT = Caseless(
    rf"\b(?P<verb>{lexicon.KILLED_ACTIVE}|{lexicon.WOUNDED_ACTIVE})\s+"
    r"(?P<named>(?:[\w’'\-.]+\s+){1,7}?)(?:and|as\s+well\s+as)\s+(?:(?:his|her|their)\s+)?"
    rf"(?:another\s+|a\s+further\s+)?{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,4}})",
    needs=ACTIVE_VERB_WORDS,
)
LEAVING = Caseless(
    rf"\b(?:left|leaves|leaving|leave)\s+{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,3}}?)"
    rf"\s+(?P<verb>dead|injured|wounded|hurt)\b",
    needs=("left", "leav"),
)
# A toll as the subject of its verb, however far: "The death toll from the strike on the
# market in the east of the city on Tuesday rose to 55", "the number of injured has increased
# to 206", "the number of those who died has grown to 24". The gap is words (no clause
# breaks: a relative pronoun, a conjunction, a reporting verb or a hedge ends it), bounded.
TOLL_SUBJECT = (
    r"(?P<subject>(?:(?:death|casualty|casualties|fatality|injury)\s+)?(?:toll|tally)"
    r"|death\s+count|number\s+of)"
)
TOLL_GAP_WORD = (
    r"(?!(?:which|that|whom|whose|and|but|or|said|says|while|when|if|could|would|may|might"
    r"|will|expected|likely|feared|toll|number)\b)[\w’'\-,()]+"
)
RISE_VERBS = (
    r"rose|risen|rises|rise|climbed|climbs|increased|increases|jumped|jumps|grew|grown|grows"
    r"|reached|reaches|hit|hits|went\s+up|gone\s+up|soared|mounted"
)
# The figure a toll changed from, its own count: "rose from nine to 11" (groups end "_f").
TOLL_FROM = rf"(?:\s+(?:down|up))?(?:\s+from\s+{count_pattern('_f')})?"
TOLL = Caseless(
    # "The toll, first put at 9, was later revised to 7": a comma may follow the subject.
    rf"\b{TOLL_SUBJECT},?(?P<gap>(?:\s+{TOLL_GAP_WORD}){{0,24}}?)"
    r"\s+(?:(?:has|have|had)\s+)?(?:(?:also|now|since|further|again|officially|reportedly"
    r"|initially|first|later|then)\s+)?"
    # "of", "at" and "to" only right after the toll: "a toll of 12", "with the toll at 12".
    rf"(?P<verb>(?P<rise>{RISE_VERBS})|stands|stood|is|was|were|put|of|at|to){TOLL_FROM}"
    rf"(?:\s+(?:to|at))?\s+{COUNT}",
    # "count" only in "death count": "death" is the rarer word ("county" is common).
    needs=("toll", "tally", "death", "number"),
)
# The toll as an object: "put the death toll at 70", "raising the total number of victims
# to 13", "put the number of dead as high as 45".
TOLL_PUT = Caseless(
    r"\b(?P<verb>put|puts|putting|placed|places|placing|raised|raises|raising|brought|brings"
    r"|bringing|lifted|lifting|revised|revising|lowered|lowering|cut|cutting|reduced|reducing"
    r"|updated|updating|corrected|correcting)\s+(?:the|its|their)\s+(?:[\w’'\-]+\s+){0,2}?"
    # "put the number of dead as high as 45": the qualifier stands for "at".
    rf"{TOLL_SUBJECT}(?P<gap>(?:\s+{TOLL_GAP_WORD}){{0,12}}?){TOLL_FROM}"
    rf"\s+(?:(?:at|to)\s+|(?=as\s+high\s+as\s))\s*{COUNT}",
    needs=("toll", "tally", "death", "number"),
)
# A second figure for the same toll, its verb left out: "first put at nine, later at
# seven", "rose to 9 and then to 11". Matched right after a toll's count.
TOLL_FOLLOW = Deferred(
    r"\s*(?:,\s*|\s+)(?:and\s+|but\s+|before\s+(?:being\s+)?)?(?:(?:was|were|is)\s+)?"
    r"(?:later|then|subsequently|now|since|eventually|afterwards|finally)\s+"
    r"(?:(?:revised|raised|lowered|cut|corrected|updated|put|increased|reduced|rising|climbing"
    r"|rose|fell|dropped|falling)\s+)?(?:to|at)\s+"
    + count_pattern()
    # "has risen to nine, up from seven": the figure before, its own count too.
    + r"|,?\s+(?:up|down)\s+from\s+(?:(?:an?|the)\s+(?:earlier|previous|initial|first)\s+"
    r"(?:figure|toll|count|estimate)\s+of\s+)?" + count_pattern("_x"),
    re.IGNORECASE,
)
DEATHS_OF = Caseless(
    rf"\b(?P<verb>(?:shooting\s+)?deaths?|murders|killings|slayings|injur(?:y|ies)|wounding)"
    rf"\s+of\s+(?:another\s+|a\s+further\s+)?{COUNT}"
    rf"(?P<np>(?:\s+{NP_WORD}){{0,3}})(?:{PLUS}{OBJECT_END})?",
    needs=("death", "murders", "killings", "slayings", "injur", "wounding"),
)
# "caused 12 deaths", "three more fatalities": a count of deaths as a noun.
DEATHS_COUNTED = Caseless(
    rf"\b{COUNT}\s+(?:(?:more|other|new|additional|confirmed|civilian)\s+)?"
    r"(?P<verb>deaths|fatalities)\b",
    needs=("deaths", "fatalities"),
)
# One person named before a count joined by "and": "a woman and her two children were
# killed" is three, "he and two friends were wounded" three. Searched right before a count.
NAMED_BEFORE = Deferred(
    rf"(?:\b(?:the|a|an|one)\s+(?:[\w’'\-]+\s+){{0,2}}?(?:{ONE_PERSON_NOUN})|\bhe|\bshe)"
    r",?\s+(?:and|as\s+well\s+as|along\s+with)\s+(?:(?:his|her|their)\s+)?$",
    re.IGNORECASE,
)
# A count after these is a part of one given before ("ten people, including three
# children, were killed"): it bounds the toll from below, it does not state it.
SUBSET_BEFORE = Deferred(
    r"\b(?:including|includes|included|incl\.|among\s+them|among\s+whom"
    r"|among\s+(?:the|those)\s+(?:dead|killed|wounded|injured|victims)(?:\s+(?:were|are|was|is))?"
    r"|of\s+(?:whom|them|those))\s+$",
    re.IGNORECASE,
)
MULTIPLE = Caseless(
    r"\b(?P<count>" + "|".join(lexicon.MULTIPLES) + r")\s+(?:(?P<fatal>homicides?|murders?"
    r"|slayings?|killings?|fatal\s+shootings?)|shootings?)\b(?P<suicide>[\s-]+suicides?\b)?",
    needs=tuple(lexicon.MULTIPLES),
)
NONE = Caseless(
    r"\b(?:no\s+one|nobody|none\s+of\s+them|no\s+one\s+else)\s+(?:else\s+)?"
    r"(?:(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+)?(?P<verb>killed|injured|hurt|wounded)"
    r"|(?P<died>died|was\s+killed))\b"
    r"|\bno\s+(?:other\s+|additional\s+)?(?P<noun>injuries|deaths|fatalities)\s+(?:were\s+)?"
    r"(?:reported|were\s+reported)",
    needs=("no",),
)
SINGULAR = Caseless(
    r"\b(?P<article>a|an)\s+(?P<np>(?:[\w’'\-]+\s+){0,3}?)"
    rf"(?P<noun>{SINGULAR_NOUN})(?:,\s+[^,]{{1,60}},)?\s+(?:(?:was|has\s+been|had\s+been|is)\s+"
    r"(?:(?:also|reportedly|later|critically|seriously)\s+)?"
    rf"(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE}|shot\s+and\s+wounded"
    r"|pronounced\s+dead)|(?P<died>died|dies))\b",
    needs=PASSIVE_VERB_WORDS,
)
SINGULAR_ACTIVE = Caseless(
    rf"\b(?P<verb>{lexicon.KILLED_ACTIVE}|{lexicon.WOUNDED_ACTIVE})\s+(?P<article>a|an|his|her|their)\s+"
    rf"(?P<np>(?:[\w’'\-]+\s+){{0,3}}?)(?P<noun>{SINGULAR_NOUN})\b",
    needs=ACTIVE_VERB_WORDS,
)
OTHER_BEFORE = Deferred(r"\b(?:another|other|earlier|previous|separate)\s+$", re.IGNORECASE)
# Two people joined by "and": "a man and a woman were wounded".
PAIR = Caseless(
    rf"\b(?P<article>a|an|one)\s+(?:[\w’'\-]+\s+){{0,3}}?(?P<noun>{SINGULAR_NOUN})(?:,\s+\d+,)?"
    rf"\s+and\s+(?:a|an|one|another)\s+(?:[\w’'\-]+\s+){{0,3}}?(?P<noun2>{SINGULAR_NOUN})"
    r"(?:,\s+\d+,)?\s+(?:were|have\s+been|had\s+been)\s+(?:(?:also|reportedly|critically"
    rf"|seriously|fatally)\s+)?(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE}"
    r"|shot(?!\s+(?:dead|and|to\s+death)))\b",
    needs=(" and ",),
)
# "The shooting sent four people to the hospital": people hurt, like people shot.
SENT_TO_HOSPITAL = Caseless(
    rf"\bsent\s+{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,3}}?)\s+to\s+(?:a\s+|the\s+|area\s+"
    r"|local\s+)?hospitals?\b",
    needs=("sent",),
)
# A named or pronoun victim: "Jones, 25, was shot and killed", "he died at the hospital".
SOMEONE_DIED = Deferred(
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
# A word of each of its verbs: a sentence with none skips the pattern. "shot" is none of
# them: every verb with it holds another ("shot and killed", "fatally shot", "shot dead",
# "shot to death"), and most sentences with "shot" tell of no death.
DIED_WORDS = (
    "dead", "death", "kill", "slain", "murder", "die", "fatal", "life", "succumb"
)  # fmt: skip


# "nearly killed his father-in-law", "almost died": a near miss is no casualty.
NEAR_MISS_BEFORE = r"\b(?:nearly|almost|narrowly)\s+$"
NEAR_MISS = Deferred(NEAR_MISS_BEFORE, re.IGNORECASE)
# "No one died", "nobody was killed": handled as zero counts, never as a death.
NEGATED = Deferred(
    r"\b(?:no\s+one|nobody|none|not|never|no)\s+(?:\w+\s+){0,2}$|" + NEAR_MISS_BEFORE,
    re.IGNORECASE,
)


# "asked if anyone had been killed", "how the man died", "the dog was killed": no person's death.
ANIMAL = r"\b(?:" + lexicon.ANIMALS + r")s?"
ANIMAL_SUBJECT = Deferred(
    ANIMAL + r"\s+(?:(?:that|which)\s+)?(?:was|were|is|had\s+been)\s+$", re.IGNORECASE
)
UNCERTAIN_OR_ANIMAL = Deferred(
    r"\b(?:if|whether|how)\s+(?:[\w’']+\s+){0,4}$|" + ANIMAL + r"\s+(?:[\w’']+\s+){0,4}$"
    # "a dog that was shot after biting a deputy is dead": the animal is the subject.
    r"|" + ANIMAL + r"\s+(?:that|which)\s+[^,;]*$",
    re.IGNORECASE,
)

# Numbers that are never counts: days of a month, years, ages, times, addresses, money.
MONTH_BEFORE = Deferred(
    r"(?:" + "|".join(lexicon.MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s*$",
    re.IGNORECASE,
)
NOT_COUNT_AFTER = Deferred(
    r"^(?:\s*(?:-|\s)?(?:years?|yrs?)[-\s]old|\s*[:%]|\s*(?:a\.m|p\.m|am\b|pm\b)|\s+block\b|\s*-year"
    r"|\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|feet|times|percent"
    r"|rounds|shots|bullets|cases|attacks|strikes|airstrikes|sites|targets|dollars)\b"
    r"|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)

# "1:51 Boy killed" is a video's running time; "Image 1 of 8 A child was shot" a gallery.
# "victims aged between 20 and 37" are ages.
NOT_COUNT_BEFORE = Deferred(
    r"\d[:.]$|\b\d+\s+of\s+$|\bage[sd]?\s+(?:between\s+|from\s+)?(?:\d+\s*(?:and|to|-|–)\s*)?$",
    re.IGNORECASE,
)
ONLY_OTHERS = Deferred(r"\belse\b|\bno\s+(?:other|additional)\b", re.IGNORECASE)


FIRED_AT = (
    r"at(?:\s+(?:each\s+other|one\s+another|him|her|them|us|me|police|officers|deputies|troopers"
    r"|agents|the\s+(?:officers?|deputies|police|troopers)|but|by)\b|(?=\s*(?:[,.;!?]|$)))"
)
SHOT_COUNT = Caseless(
    rf"\b{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,4}}?)\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?"
    r"(?:(?:also|reportedly)\s+)?(?P<verb>shot|struck\s+by\s+gunfire|hit\s+by\s+gunfire"
    r"|(?:sent|taken|rushed|transported)\s+to\s+(?:a\s+|the\s+|area\s+|local\s+)?hospitals?)\b"
    rf"(?!\s+(?:dead|and\s+killed|to\s+death|and\s+wounded|and\s+injured|{FIRED_AT}))"
    r"(?:,\s+(?P<fatal>(?:one|two|three|four|\d+))\s+(?:of\s+them\s+)?fatally)?",
    needs=("shot", "gunfire", "hospital"),
)
SOMEONE_SHOT = Caseless(
    r"\b(?:was|has\s+been|had\s+been|after\s+being|been)\s+"
    r"(?:(?:accidentally|reportedly|apparently|also|critically|seriously)\s+)?"
    r"(?P<verb>shot|struck\s+by\s+(?:gunfire|a\s+bullet))\b"
    rf"(?!\s+(?:dead|and\s+killed|to\s+death|and\s+wounded|and\s+injured|{FIRED_AT}))"
    r"|\b(?P<self>shot\s+(?:himself|herself))\b"
    r"|\b(?:suffering|suffered|sustained|with|treated\s+for)\s+(?:from\s+)?(?:a\s+|an\s+)?"
    r"(?:(?:non-life-threatening|life-threatening|minor|serious|apparent|single)\s+)?"
    r"(?P<wound>gunshot\s+wounds?)",
    needs=("shot", "struck"),
)
# Someone in hospital in a stated condition is alive and hurt: wounded, at least one.
IN_CONDITION = Caseless(
    r"\b(?:is|was|were|are|remains|remained|listed\s+in|listed\s+as)\s+(?:in\s+)?"
    r"(?P<verb>(?:stable|critical|serious|fair|grave|good)\s+(?:but\s+stable\s+)?condition)\b",
    needs=("condition",),
)

DIED_LATER = Deferred(
    r"\b(?:died|dies|succumbed|pronounced\s+(?:dead|deceased)|passed\s+away)\b", re.IGNORECASE
)


# The noun phrase of a count with no noun of its own: "four of them", "two of the victims",
# "five of its fighters", "three of the group's leaders"; "a group of seven who lost their
# lives" (a relative clause).
OF_PEOPLE = Deferred(
    r"\s+(?:of\s+(?:them|those|the\s+(?:victims|people|men|women|wounded|injured)"
    r"|(?:his|her|their|its|whose|(?:the\s+)?[\w\-]+[’']s)\s+\w+(?:\s+members)?)"
    r"|who|that)[.,]?\s*$",
    re.IGNORECASE,
)
# A people's name in the plural, capitalised: "118 Palestinians", "ten Pakistanis",
# "three Britons", "five Lebanese".
DEMONYM = Deferred(r"[A-Z][a-z’'\-]+(?:[a-z]s|ese)")
# Where a clause ends after an active verb's bare count: "killed 11 – mostly children".
CLAUSE_END = Deferred(r"\s*(?:[,.;:!?)\"”–—]|\s-\s|and\b|$)")
# A bare number right after a name or a label ("Route 9 killed", "Flight 17 killed") is
# not a count; after a lower-case word ("said 2,800 were injured", "at nine dead") it is.
LABEL_BEFORE = Deferred(
    r"(?:\b(?-i:[A-Z])[\w’'\-.]*|\d|\b(?:route|highway|interstate|no|number|flight|room"
    r"|apartment|unit|suite|building|page|image|photo|gate|exit|block|lot|pier|platform"
    r"|level|floor|grade|channel|station|district|ward|precinct|zone|sector|area))$",
    re.IGNORECASE,
)
# A number standing alone ("a further 61 people"), not inside "16-year-old": such a phrase
# is a count, not one person.
COUNTED = Deferred(
    r"(?<![\w-])(?:\d[\d,]*|" + "|".join(lexicon.NUMBER_WORDS) + r")(?![\w-])", re.IGNORECASE
)
# The word after a toll's count, which may say which toll it is: "risen to seven dead".
WORD_AFTER_TOLL = Deferred(r"\s*(?:others?\s+|people\s+|persons\s+)?(\w+)")
# "one of its top commanders", "two of the group's leaders": the noun a partitive count
# is taken from, up to three words after the determiner.
PARTITIVE = Deferred(
    r"\s+of\s+(?:the|its|his|her|their|whose|[\w’'\-]+[’']s)\s+(?:[\w’'\-]+\s+){0,3}?"
    r"(?P<noun>" + "|".join(sorted(lexicon.SUBSET_NOUNS)) + r")\b",
    re.IGNORECASE,
)
# "two children are among the dead": the count is a part of the toll.
AMONG_BEFORE = Deferred(r"\bamong\s+(?:the|those)\s+$", re.IGNORECASE)
