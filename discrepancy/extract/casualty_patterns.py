"""The patterns casualty counting reads: verbs, noun phrases and what is never a count.

Data apart from the logic in `casualties`: each pattern says why it has its shape.
"""

from __future__ import annotations

import re

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless
from discrepancy.extract.numbers import COUNT

# Words of the noun phrase between a count and its verb; a conjunction, a reporting verb or a
# negation ends the phrase ("one member in critical condition and wounded two" is two clauses,
# "one man was not injured" no count, "two shootings left three hurt" counts three).
NP_WORD = (
    r"(?!(?:and|or|but|when|while|as|after|before|then|said|says|told|not|never|left|leaving)\b)"
    r"[\w’'\-.]+"
)
AUX = (
    r"(?:(?:who|that)\s+)?"
    r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|got|remain|remained)"
)
ADVERB = (
    r"(?:also|reportedly|allegedly|later|all|both|subsequently|initially|believed\s+to\s+have\s+been"
    r"|confirmed|feared|found)"
)
INCLUDING = (
    r"(?:,?\s+(?:including|among\s+them|among\s+whom)\s+[^,;.]{1,90}?,?"
    r"|,\s+(?:aged|ages|both|all)\s+[^,;.]{1,40},)"
)

# A word of every verb the passive and active patterns name: the count patterns are the
# costliest regexes, and a sentence with none of these words skips them.
PASSIVE_VERB_WORDS = ("shot", "dead", "death", "kill", "slain", "murder", "martyr", "die",
                       "perish", "gunned", "lives", "execut", "fatal", "wound", "injur", "hurt",
                       "hospital")  # fmt: skip
ACTIVE_VERB_WORDS = ("kill", "slay", "slew", "dead", "fatal", "murder", "wound", "injur", "hurt")

PASSIVE = Caseless(
    rf"\b{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,7}}?){INCLUDING}?"
    rf"\s+(?:{AUX}\s+)?(?:{ADVERB}\s+)?"
    rf"(?P<verb>{lexicon.KILLED_PASSIVE}|{lexicon.WOUNDED_PASSIVE})\b",
    needs=PASSIVE_VERB_WORDS,
)
ACTIVE = Caseless(
    rf"\b(?P<verb>{lexicon.KILLED_ACTIVE}|{lexicon.WOUNDED_ACTIVE})\s+"
    rf"(?P<named>the\s+(?:{'|'.join(sorted(lexicon.SINGULAR_VICTIMS))})\s+and\s+)?(?:another\s+)?{COUNT}"
    rf"(?P<np>(?:\s+{NP_WORD}){{0,5}})",
    needs=ACTIVE_VERB_WORDS,
)
LEAVING = Caseless(
    rf"\b(?:left|leaves|leaving|leave)\s+{COUNT}(?P<np>(?:\s+{NP_WORD}){{0,3}}?)"
    rf"\s+(?P<verb>dead|injured|wounded|hurt)\b",
    needs=("left", "leav"),
)
TOLL = Caseless(
    rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|people\s+killed))"
    rf"(?P<rise>\s+(?:[\w’'\-]+\s+){{0,10}}?(?:rose|risen|climbed|increased|jumped|grew|reached|hit))?"
    rf"\s+(?:to|at|of|is|was|stands\s+at|stood\s+at|reached|hit)\s+{COUNT}",
    needs=("toll", "number"),
)
DEATHS_OF = Caseless(
    rf"\b(?P<verb>(?:shooting\s+)?deaths|murders|killings|slayings)\s+of\s+{COUNT}"
    rf"(?P<np>(?:\s+{NP_WORD}){{0,3}})",
    needs=("deaths", "murders", "killings", "slayings"),
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
SINGULAR_NOUN = r"\d+-year-old|" + "|".join(
    sorted(lexicon.SINGULAR_VICTIMS | lexicon.PERSON_NOUNS | lexicon.SUBSET_NOUNS)
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
OTHER_BEFORE = re.compile(r"\b(?:another|other|earlier|previous|separate)\s+$", re.IGNORECASE)
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
SOMEONE_DIED = re.compile(
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
DIED_WORDS = (
    "shot", "dead", "death", "kill", "slain", "murder", "die", "fatal", "life", "succumb"
)  # fmt: skip


# "nearly killed his father-in-law", "almost died": a near miss is no casualty.
NEAR_MISS_BEFORE = r"\b(?:nearly|almost|narrowly)\s+$"
NEAR_MISS = re.compile(NEAR_MISS_BEFORE, re.IGNORECASE)
# "No one died", "nobody was killed": handled as zero counts, never as a death.
NEGATED = re.compile(
    r"\b(?:no\s+one|nobody|none|not|never|no)\s+(?:\w+\s+){0,2}$|" + NEAR_MISS_BEFORE,
    re.IGNORECASE,
)


# "asked if anyone had been killed", "how the man died", "the dog was killed": no person's death.
ANIMAL = r"\b(?:" + lexicon.ANIMALS + r")s?"
ANIMAL_SUBJECT = re.compile(
    ANIMAL + r"\s+(?:(?:that|which)\s+)?(?:was|were|is|had\s+been)\s+$", re.IGNORECASE
)
UNCERTAIN_OR_ANIMAL = re.compile(
    r"\b(?:if|whether|how)\s+(?:[\w’']+\s+){0,4}$|" + ANIMAL + r"\s+(?:[\w’']+\s+){0,4}$"
    # "a dog that was shot after biting a deputy is dead": the animal is the subject.
    r"|" + ANIMAL + r"\s+(?:that|which)\s+[^,;]*$",
    re.IGNORECASE,
)

# Numbers that are never counts: days of a month, years, ages, times, addresses, money.
MONTH_BEFORE = re.compile(
    r"(?:" + "|".join(lexicon.MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s*$",
    re.IGNORECASE,
)
NOT_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:-|\s)?(?:years?|yrs?)[-\s]old|\s*[:%]|\s*(?:a\.m|p\.m|am\b|pm\b)|\s+block\b|\s*-year"
    r"|\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|feet|times|percent"
    r"|rounds|shots|bullets|cases|attacks|strikes|airstrikes|sites|targets|dollars)\b"
    r"|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)

# "1:51 Boy killed" is a video's running time; "Image 1 of 8 A child was shot" a gallery.
# "victims aged between 20 and 37" are ages.
NOT_COUNT_BEFORE = re.compile(
    r"\d[:.]$|\b\d+\s+of\s+$|\bage[sd]?\s+(?:between\s+|from\s+)?(?:\d+\s*(?:and|to|-|–)\s*)?$",
    re.IGNORECASE,
)
ONLY_OTHERS = re.compile(r"\belse\b|\bno\s+(?:other|additional)\b", re.IGNORECASE)


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

DIED_LATER = re.compile(
    r"\b(?:died|dies|succumbed|pronounced\s+(?:dead|deceased)|passed\s+away)\b", re.IGNORECASE
)
