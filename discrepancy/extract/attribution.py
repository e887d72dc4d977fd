"""Who a sentence credits for what it states: "police said", "according to a US official"."""

from __future__ import annotations

import re

from discrepancy import lexicon

_SAID_BY = re.compile(
    rf"(?:^|[,;“\"”]\s*|\bthat\s+)(?P<who>(?:[\w’'\-.]+\s+){{0,6}}?[\w’'\-.]+)\s+"
    rf"(?:(?:also|later|anonymously|separately)\s+)?(?:{lexicon.ATTRIBUTION_VERBS})\b",
)
_SAID_BY_AFTER = re.compile(
    rf"\b(?:{lexicon.ATTRIBUTION_VERBS})\s+(?P<who>(?:the\s+|a\s+|an\s+)?(?:[\w’'\-.]+\s+){{0,5}}?"
    r"(?:police|officials?|sources?|spokes(?:man|woman|person)|military|militia|ministry|command"
    r"|agency|statement|witnesses|authorities|officers?|department))\b",
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]{2,60})")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which"})


def find_attribution(sentence: str) -> str | None:
    """The source a sentence credits, as written, or None."""
    match = _ACCORDING_TO.search(sentence)
    if match:
        return match.group("who").strip()
    candidates = list(_SAID_BY.finditer(sentence)) + list(_SAID_BY_AFTER.finditer(sentence))
    for candidate in sorted(candidates, key=lambda m: -m.start()):
        who = candidate.group("who").strip(' ,“”"')
        who = re.sub(r"^(?:and|but|as|the\s+(?=\w+\s+\w+))\s+", "", who)
        if not who or who.split()[-1].lower() in _PRONOUNS or who[0].isdigit():
            continue
        return who
    return None
