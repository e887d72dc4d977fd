"""Who a sentence credits for what it states: "police said", "according to a US official"."""

from __future__ import annotations

import re
from functools import lru_cache

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
# Who gives a toll by putting it: "Mosul's governor put the toll at 21", "the ministry raised
# its death toll to 40".
_PUT_BY = Caseless(
    r"(?:^|[,;“\"”]\s*|\bthat\s+)(?P<who>(?:[\w’'\-.]+\s+){0,6}?[\w’'\-.]+)\s+"
    r"(?:(?:has|have|had|later|also|then|now|initially|first)\s+)?"
    r"(?:put|puts|raised|raises|revised|revises|lowered|lowers|updated|updates)\s+"
    r"(?:the|its|their|his|her)\s+(?:[\w’'\-]+\s+){0,5}?(?:toll|tally|count)\b",
    needs=("toll", "tally", "count"),
)
# Both said-by patterns need a reporting verb, which most sentences lack.
_VERB = re.compile(lexicon.ATTRIBUTION_VERBS)
_ACCORDING_TO = Caseless(r"\baccording\s+to\s+(?P<who>[^,.;]{2,60})", needs=("according",))
_NOT_A_SOURCE_START = frozenset({"in", "on", "at", "by", "to", "that", "which"})
_PASSIVE_ENDS = frozenset({"was", "were", "is", "are", "been", "be"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which"})
# Words that do not tell two sources apart: "the ministry" and "ministry" are one source.
_KEY_STOP = frozenset({"the", "a", "an", "s", "of", "its", "his", "her", "their"})
# Words the said-by pattern picks up between a source and its verb ("the military has said",
# "the ministry initially reported"): they belong to the verb, not to the source's name.
_TRAILING = frozenset(
    """has have had also initially earlier later previously then first originally again
    further now since already""".split()
)
# A run that starts with one of these is a clause, not a source: "It was initially reported",
# "but said", "up from the initially reported", "Earlier, it was reported", "As reported".
_NOT_A_SOURCE = frozenset(
    """it he she they we i you him her them who whom which where that this there these those
    as but and or up among earlier initial initially later previously aware according not
    than""".split()
)
# A run that ends with one of these is no source either: "Israel has not claimed", "28, not
# 29 as reported earlier".
_NOT_A_SOURCE_END = frozenset({"not", "never", "of", "from", "to", "with", "for", "as", "than"})
# "according to the latest figures" names what was counted, not who counted.
_NOT_A_SOURCE_HEAD = frozenset(
    {"figures", "figure", "data", "reports", "estimates", "count", "counts", "numbers", "toll"}
)


# " and" or " but" before a word that does not go on naming (a verb, a number): the
# clause, not the source, goes on ("the ministry and the army" names two sources).
_CLAUSE_GOES_ON = re.compile(r"\s+(?:and|but|or)\s+(?![A-Z]|(?:the|a|an|its|his|her|their)\s)")


def _source(run: str) -> str | None:
    """The source a matched run names, without the words around it, or None."""
    who = re.sub(r"^[\W_]+", "", run.strip(' ,“”"'))
    who = re.sub(
        r"^(?:and|but|as|while|whereas|contradicting|disputing)\s+", "", who, flags=re.IGNORECASE
    )
    words = who.split()
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    if not words or words[0][0].isdigit():
        return None
    lowered = [w.lower() for w in words]
    if lowered[0] in _NOT_A_SOURCE or lowered[-1] in _PRONOUNS:
        return None
    if lowered[-1] in _NOT_A_SOURCE_END or lowered[-1] in _NOT_A_SOURCE_HEAD:
        return None
    return " ".join(words)


def find_attribution(sentence: str) -> str | None:
    """The source a sentence credits, as written, or None."""
    match = _ACCORDING_TO.search(sentence)
    if match:
        # "according to the ministry and wounded 73": the source ends where a clause goes on.
        who = _source(_CLAUSE_GOES_ON.split(match.group("who"), maxsplit=1)[0])
        if who is not None:
            return who
    put = _PUT_BY.search(sentence)
    if put:
        who = _source(put.group("who"))
        if who is not None:
            return who
    if not _VERB.search(sentence):
        return None
    # "officials said" (the source before the verb) wins over "told the agency" after it.
    for pattern in (_SAID_BY, _SAID_BY_AFTER):
        for candidate in sorted(pattern.finditer(sentence), key=lambda m: -m.start()):
            words = candidate.group("who").lower().split()
            if words and (words[0] in _NOT_A_SOURCE_START or words[-1] in _PASSIVE_ENDS):
                continue  # "said in a statement", "The attack was claimed by"
            who = _source(candidate.group("who"))
            if who is not None:
                return who
    return None


# Where a sentence turns from one party's figure to another's: "X said 112 were killed,
# while the army said fewer than 10", "contradicting the ministry, which says 31 died".
_TURN = re.compile(r"(?:,\s*|\s+)(?=(?:while|whereas|but|contradicting|disputing)\s)|;\s*")


# A party named after a turn, then its figure: "contradicting the ministry, which says 31".
_WHICH_SAYS = re.compile(
    rf"\s*(?P<who>(?:[\w’'\-.]+\s+){{0,7}}?[\w’'\-.]+),\s+(?:which|who)\s+"
    rf"(?:{lexicon.ATTRIBUTION_VERBS}|puts?|counts?|counted)\b"
)


@lru_cache(maxsize=256)
def _parts(sentence: str) -> tuple[tuple[int, str | None], ...]:
    """Where each part of a sentence that turns between two parties starts, with the source
    that part credits (none when it does not turn, or names one party only)."""
    starts = [0] + [m.end() for m in _TURN.finditer(sentence)]
    if len(starts) == 1:
        return ()
    ends = [*starts[1:], len(sentence)]
    parts = tuple(
        (start, _part_source(sentence[start:end])) for start, end in zip(starts, ends, strict=True)
    )
    if len({who for _, who in parts if who is not None}) < 2:
        return ()
    return parts


def _part_source(part: str) -> str | None:
    """The source one part of a sentence credits: as a sentence's, or the party it turns to
    ("contradicting the ministry, which says 31 died")."""
    found = find_attribution(part)
    if found is None:
        match = _WHICH_SAYS.match(part)
        found = _source(match.group("who")) if match else None
    return found


def attribution_at(sentence: str, offset: int, whole: str | None) -> str | None:
    """The source credited for what the sentence states at `offset`: the source of its own
    part when the sentence gives two parties' figures, else `whole`, the sentence's
    (`find_attribution`)."""
    parts = _parts(sentence)
    own = next((who for start, who in reversed(parts) if start <= offset), None)
    return own if own is not None else whole


def source_key(who: str) -> frozenset[str]:
    """The words that name a source, without articles, possessives or case."""
    words = re.findall(r"[a-z0-9]+", who.lower().replace("’", "'").replace("'s ", " "))
    return frozenset(w for w in words if w not in _KEY_STOP)


def _same_word(a: str, b: str) -> bool:
    """One word in two forms: "Israel"/"Israeli", "Lebanon"/"Lebanese", "Iran"/"Iranian"."""
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= 5 or (shared >= 4 and shared == min(len(a), len(b)))


def same_source(a: str, b: str) -> bool:
    """Do two attributions name one source ("Lebanon's health ministry", "the Lebanese
    Health Ministry")? Every word of the shorter name is in the longer, or both end in the
    same word and share another."""
    key_a, key_b = source_key(a), source_key(b)
    if not key_a or not key_b:
        return False
    short, long_ = sorted((key_a, key_b), key=len)
    matched = [w for w in short if any(_same_word(w, v) for v in long_)]
    if len(matched) == len(short):
        return True
    head_a, head_b = _head(a), _head(b)
    return (
        head_a is not None
        and head_b is not None
        and _same_word(head_a, head_b)
        and (len(matched) >= 2)
    )


def _head(who: str) -> str | None:
    words = re.findall(r"[a-z0-9]+", who.lower())
    return words[-1] if words else None
