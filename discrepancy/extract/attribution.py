"""Who a sentence credits for what it states: "police said", "according to a US official"."""

from __future__ import annotations

import re

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless

_SAID_BY = re.compile(
    rf"(?:^|[,;“\"”]\s*|\bthat\s+)(?P<who>(?:[\w’'\-.]+\s+){{0,6}}?[\w’'\-.]+)"
    r"(?:,[^,]{1,60},)?\s+"
    rf"(?:(?:also|later|anonymously|separately)\s+)?(?:{lexicon.ATTRIBUTION_VERBS})\b",
)
_SAID_BY_AFTER = re.compile(
    rf"\b(?:{lexicon.ATTRIBUTION_VERBS})\s+(?P<who>(?:the\s+|a\s+|an\s+)?(?:[\w’'\-.]+\s+){{0,5}}?"
    r"(?:police|officials?|sources?|spokes(?:man|woman|person)|military|militia|ministry|command"
    r"|agency|statement|witnesses|authorities|officers?|department))\b",
)
# Both said-by patterns need a reporting verb, which most sentences lack.
_VERB = re.compile(lexicon.ATTRIBUTION_VERBS)
_ACCORDING_TO = Caseless(r"\baccording\s+to\s+(?P<who>[^,.;]{2,60})")
_NOT_A_SOURCE_START = frozenset({"in", "on", "at", "by", "to", "that", "which"})
_PASSIVE_ENDS = frozenset({"was", "were", "is", "are", "been", "be"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which"})


def find_attribution(sentence: str) -> str | None:
    """The source a sentence credits, as written, or None."""
    match = _ACCORDING_TO.search(sentence)
    if match:
        return match.group("who").strip()
    if not _VERB.search(sentence):
        return None
    # "officials said" (the source before the verb) wins over "told the agency" after it.
    for pattern in (_SAID_BY, _SAID_BY_AFTER):
        for candidate in sorted(pattern.finditer(sentence), key=lambda m: -m.start()):
            who = candidate.group("who").strip(' ,“”"')
            who = re.sub(r"^(?:and|but|as)\s+", "", who)
            words = who.lower().split()
            if not words or words[-1] in _PRONOUNS or who[0].isdigit():
                continue
            if words[0] in _NOT_A_SOURCE_START or words[-1] in _PASSIVE_ENDS:
                continue  # "said in a statement", "The attack was claimed by"
            return who
    return None
