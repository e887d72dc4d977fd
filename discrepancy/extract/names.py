"""Name matching by rule: transliteration folding, kunya and given/family name agreement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from discrepancy.extract import lexicon

_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "van", "von", "da", "del", "la"})
_KUNYA_HEADS = frozenset({"abu", "umm", "abou", "abo"})
_QUOTED = re.compile(r"[“\"‘']([^”\"’']{2,30})[”\"’']")
# "Asghar alias Basham": the alias stands where a kunya or a quoted nickname would.
_ALIAS_PART = re.compile(r"\s(?:alias|aka)\s+(\S.*)$")
_ABD = re.compile(r"\bAbd(?:ul|el|al)?[-\s]+(?:(?:al|el)-)?", re.IGNORECASE)
# Below four letters one letter is a large part of the name ("Ali"/"Ala"): no longer a slip.
_ALIAS_NAME_LETTERS = 4
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_VOWELS = re.compile(r"[aiu]")
# One sound, several spellings across romanisations (order matters: "tsch" before "ch"):
# Klitschko/Klychko (German tsch, English ch), Philip/Filip, Victoria/Viktoria (a hard c),
# Olexandr/Oleksandr (x/ks), Okhmatdyt/Ohmatdyt (kh/h), Finis/Vinees (Arabic has no v: f and
# v both render one letter), Safieyah/Safyia (a final h after a vowel is silent: ta marbuta
# in Arabic names).
_SOUNDS = (
    (re.compile(r"t?sch|tch"), "ch"),
    (re.compile(r"ck|c(?![hiey])"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"v"), "f"),
    (re.compile(r"(?<=[aeiouy])h$"), ""),
)


# The Arabic article before a word, also as assimilated to a "sun letter" it doubles
# ("ad-Din", "ash-Shami", "ar-Rahman" for al-Din, al-Shami, al-Rahman). Only a written
# hyphen marks it: a glued "Assad" or "Eddie" is a name of its own.
_ARTICLE = re.compile(r"^(?:(?:al|el|ul)[-\s]|[aeu](sh|th|dh|[tdrzsn])-(?=\1))")
# A final j after i is a y in German and Polish spellings of Slavic names ("Serhij", "Andrij").
_FINAL_J = re.compile(r"(?<=[iy])j$")


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Spelling-insensitive form of one name word: Kata'ib/Kataeb -> kataib, Baqir -> bakir,
    Erick -> irik."""
    text = anyascii(token).lower()
    text = _FINAL_J.sub("i", _ARTICLE.sub("", text))
    text = re.sub(r"['`’ʿʾ\-.\s]", "", text)
    for written, sound in _SOUNDS:
        text = written.sub(sound, text)
    text = text.replace("q", "k").replace("ou", "u").replace("oo", "u").replace("ee", "i")
    text = text.replace("e", "i").replace("o", "u").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", text)


# Grouping compares names pair by pair: the same few thousand words come back each time.
@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonants of a folded word: Bakr and Baqir share "bkr"."""
    folded = fold(token)
    return folded[0] + _VOWELS.sub("", folded[1:]) if folded else ""


@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    text = anyascii(text).lower()
    text = re.sub(r"\b(?:al|el)[-\s]", "al-", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def same_spelling(a: str, b: str) -> bool:
    """Do two names differ only in case, dashes, apostrophes or the al-/Al- article?"""
    return _plain(a) == _plain(b)


def same_word_article_aside(a: str, b: str) -> bool:
    """One name word, its al- article written or not ("Al-Abiad", "Abiad")."""
    return same_spelling(_LEADING_ARTICLE.sub("", a), _LEADING_ARTICLE.sub("", b))


_LEADING_ARTICLE = re.compile(r"^(?:al|el)[-\s\u2010-\u2015]", re.IGNORECASE)


@dataclass(frozen=True)
class NameParts:
    """A person's name split the way matching needs it."""

    given: tuple[str, ...]
    kunya: str | None
    family: str | None


@lru_cache(maxsize=65536)
def split_name(name: str) -> NameParts:
    """Given names, kunya ("Abu Bakr", also when quoted as a nickname) and family name."""
    kunya = None
    # "Abd al-Karim", "Abdel Karim", "Abdul-Karim": one given name in several spellings.
    name = _ABD.sub("Abdul", name)
    quoted = _QUOTED.search(name) or _ALIAS_PART.search(name)
    rest = name
    if quoted:
        kunya = quoted.group(1)
        rest = name[: quoted.start()] + " " + name[quoted.end() :]
    words = [w for w in re.split(r"\s+", rest.strip()) if w]
    words = [w for w in words if w.lower().strip(".,") not in _SUFFIXES]
    if kunya is None:
        for i, word in enumerate(words[:-1]):
            if word.lower() in _KUNYA_HEADS:
                kunya = f"{word} {words[i + 1]}"
                words = words[:i] + words[i + 2 :]
                break
    family = None
    if words:
        family = words[-1]
        words = words[:-1]
        if words and words[-1].lower() in _PARTICLES:
            family = f"{words[-1]} {family}"
            words = words[:-1]
    given = tuple(w for w in words if w.lower() not in _PARTICLES and len(w.strip(".")) > 1)
    return NameParts(given, kunya, family)


@lru_cache(maxsize=262144)
def _match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    fa, fb = [fold(w) for w in a.split()], [fold(w) for w in b.split()]
    if fa == fb:
        return True
    # Vowels are what transliterations disagree on (Baqir/Bakr): consonants must agree and
    # at most one vowel may differ per word, so Hussein and Hassan stay apart.
    return [skeleton(w) for w in a.split()] == [skeleton(w) for w in b.split()] and all(
        _one_edit(x, y) for x, y in zip(fa, fb, strict=False)
    )


def _nickname(a: str, b: str) -> bool:
    """Is one given name the other's common short form ("Joe" and "Joseph", "Bill" and
    "William")?"""
    full_a = lexicon.NICKNAMES.get(a.lower().strip("."), a.lower())
    full_b = lexicon.NICKNAMES.get(b.lower().strip("."), b.lower())
    return full_a == full_b


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Rules that join two spellings of one name (a spelling variant an editor checks); the others
# ("same spelling", "family name only", a fuller form, an initial, a suffix) say the sources
# agree on the spelling they share.
GIVEN_NAME_FORM = "Ukrainian and Russian forms of a given name"
SLAVIC_SPELLINGS = "Ukrainian and Russian spellings (h for g)"
SAME_ALIAS = "same alias, name one letter apart"
ARTICLE_JOINED = "article written into the name"
WORDS_JOINED = "name words joined or split"
SPELLING_RULES = frozenset(
    {"same kunya and family name", "same given and family name", "same kunya",
     "nickname and family name", "same name, other transliteration", GIVEN_NAME_FORM,
     SLAVIC_SPELLINGS, ARTICLE_JOINED, WORDS_JOINED, SAME_ALIAS}
)  # fmt: skip
_PAIR = re.compile(r"\s+and\s+")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_GLUED_ARTICLE = re.compile(r"^(?:al|el)(?=[a-z]{3})")
_EXPLICIT_ARTICLE = re.compile(r"^(?:al|el)[-\s]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _form_of() -> dict[str, int]:
    return {fold(name): i for i, forms in enumerate(lexicon.GIVEN_NAME_FORMS) for name in forms}


def _given_rule(a: str, b: str) -> str | None:
    """How two given names agree: "spelling", "nickname" (Bill/William), "form"
    (Volodymyr/Vladimir), or None."""
    fa, fb = fold(a), fold(b)
    if fa + "a" == fb or fb + "a" == fa or _other_ending(a.lower(), b.lower(), fa, fb):
        return None  # a feminine form is another person: Tony / Tonya, Ruslan / Ruslana
    listed = a.lower().strip(".") in lexicon.NICKNAMES or b.lower().strip(".") in lexicon.NICKNAMES
    if listed and a.lower() != b.lower() and _nickname(a, b):
        return "nickname"
    if _match(a, b):
        return "spelling"
    forms = _form_of()
    form_a, form_b = forms.get(fa), forms.get(fb)
    return "form" if form_a is not None and form_a == form_b else None


# Short given names whose last vowel is all that differs are two names, most often a man's
# and a woman's (Hani / Hana, Rami / Rama, Ali / Alaa); in a longer one it is a slip of one
# report (Mojtaba / Mojtabi), which folding joins as any vowel.
_SHORT_GIVEN = 4


def _other_ending(a: str, b: str, fa: str, fb: str) -> bool:
    """Do two given names differ only in their final vowel in a way that makes two people:
    -o and -a (Mario / Maria, Antonio / Antonia; folding reads o as u), or -i and -a in a
    short name (Hani / Hana)?"""
    if len(a) > 2 and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"a", "o"}:
        return True
    short = len(fa) == len(fb) <= _SHORT_GIVEN and fa[:-1] == fb[:-1]
    return short and {fa[-1], fb[-1]} in ({"a", "i"}, {"a", "u"})


def _family_rule(a: str | None, b: str | None) -> str | None:
    """How two family names agree: "spelling", "article" (Alsafadi/al-Safadi), or None."""
    if _match(a, b):
        return "spelling"
    if not a or not b or " " in a or " " in b:
        return None
    for glued, other in ((a, b), (b, a)):
        plain = anyascii(glued)
        # "Eldin"/"al-Din": the other writes the article; "Alsafadi"/"Safadi": a long rest.
        written = bool(_EXPLICIT_ARTICLE.match(other)) or len(plain) > 6
        if written and _GLUED_ARTICLE.match(plain.lower()) and _match(plain[2:], other):
            return "article"
    return None


def _words_joined(a: str, b: str) -> bool:
    """Same letters in other word breaks: Alireza / Ali Reza, Amir-Abdollahian / Amir
    Abdullahian."""
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb) and a.count("-") == b.count("-"):
        return False
    fa, fb = fold("".join(wa)), fold("".join(wb))
    return bool(fa) and skeleton(fa) == skeleton(fb) and _one_edit(fa, fb)


def _extras(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """Initials and suffixes a name carries ("Jane M. Doe", "John Smith Jr.")."""
    words = name.split()
    initials = frozenset(w.rstrip(".") for w in words if _INITIAL.match(w))
    suffixes = frozenset(w.lower().strip(".,") for w in words if w.lower().strip(".,") in _SUFFIXES)
    return initials, suffixes


@lru_cache(maxsize=262144)
def person_rule(a: str, b: str) -> str | None:
    """Why two spellings name the same person, or None when they are different people.

    Same family name is never enough on its own: a kunya or a given name must agree too, and
    differing given names block the match (Mushtaq Talib al-Saidi is not Abu Baqir al-Saadi).
    """
    if same_spelling(a, b):
        return "same spelling"
    if _PAIR.search(a) or _PAIR.search(b):
        # "Olha and Daria Marchuk" names two people: it matches a pair, never one of them.
        return _pair_rule(a, b)
    rule = _parts_rule(a, b)
    if rule is None and _words_joined(a, b):
        return WORDS_JOINED
    return rule


def _pair_rule(a: str, b: str) -> str | None:
    """Two pairs of first names with one family name: each first name must agree."""
    if not (_PAIR.search(a) and _PAIR.search(b)):
        return None
    rule = _parts_rule(_PAIR.sub(" ", a), _PAIR.sub(" ", b))
    return rule if rule != "family name only" else None


def _parts_rule(a: str, b: str) -> str | None:
    pa, pb = split_name(a), split_name(b)
    family = _family_rule(pa.family, pb.family)
    if family is None and _slavic_forms(pa, pb):
        return SLAVIC_SPELLINGS  # "Oleh Syniehubov" and "Oleg Sinegubov"
    if family is None:
        if not (pa.kunya and pb.kunya and _match(pa.kunya, pb.kunya)):
            return None
        # A kunya alone ("Abu Bakr") can stand for the whole name.
        if not (pa.family and pb.family):
            return "same kunya"
        return SAME_ALIAS if _alias_names_agree(pa, pb) else None
    pairs = list(zip(pa.given, pb.given, strict=False))
    given = [_given_rule(x, y) for x, y in pairs]
    if pa.given and pb.given and None in given:
        return None
    if pa.kunya and pb.kunya:
        if not _match(pa.kunya, pb.kunya):
            return None
        return ARTICLE_JOINED if family == "article" else "same kunya and family name"
    if pa.given and pb.given:
        if "nickname" in given:
            return "nickname and family name"  # "Joe Silva" and "Joseph Silva"
        if "form" in given:
            return GIVEN_NAME_FORM  # "Volodymyr Saldo" and "Vladimir Saldo"
        if family == "article":
            return ARTICLE_JOINED
        return _fuller_rule(a, b, pa, pb, pairs)
    if (pa.kunya and not pb.kunya and not pb.given) or (pb.kunya and not pa.kunya and not pa.given):
        return "family name only"
    if (pa.kunya and pb.given and not pa.given) or (pb.kunya and pa.given and not pb.given):
        # "Abu Bakr al-Saadi" vs "Wissam al-Saadi": nothing shared but the family name.
        return None
    return "family name only"


def _slavic_forms(pa: NameParts, pb: NameParts) -> bool:
    """A Ukrainian and a Russian spelling of one name: the given names are the two forms
    (Oleh / Oleg, Hennadiy / Gennady), and the family names differ only where Ukrainian
    writes h for the Russian g (Syniehubov / Sinegubov, Hlukhov / Glukhov)."""
    if not (pa.family and pb.family and pa.given and pb.given and len(pa.given) == len(pb.given)):
        return False
    given = [_given_rule(x, y) for x, y in zip(pa.given, pb.given, strict=True)]
    if "form" not in given or any(rule not in ("form", "spelling") for rule in given):
        return False
    family_a, family_b = fold(pa.family), fold(pb.family)
    return family_a != family_b and family_a.replace("h", "g") == family_b.replace("h", "g")


def _alias_names_agree(pa: NameParts, pb: NameParts) -> bool:
    """One alias ("Tarek alias Falcon") with names a letter apart: a letter dropped or
    misheard in one report ("Tarek"/"Tare"). An alias is a person's own nickname, unlike a
    kunya ("Abu Ali"), which thousands share, so it carries the match."""
    if _kunya_head(pa.kunya) or _kunya_head(pb.kunya) or not (pa.family and pb.family):
        return False
    if pa.given and pb.given and pa.given != pb.given:
        return False
    fa, fb = fold(pa.family), fold(pb.family)
    # Another first letter makes another name ("Rami"/"Sami"), however close the rest.
    long_enough = min(len(fa), len(fb)) >= _ALIAS_NAME_LETTERS
    return long_enough and fa[0] == fb[0] and _one_edit(fa, fb)


def _kunya_head(kunya: str | None) -> bool:
    return kunya is not None and kunya.split()[0].lower() in _KUNYA_HEADS


def _fuller_rule(a: str, b: str, pa: NameParts, pb: NameParts, pairs: list[tuple[str, str]]) -> str:
    """Same given and family name: a spelling variant, or one name written more fully."""
    shared = [(pa.family or "", pb.family or ""), *pairs]
    if any(not same_spelling(x, y) for x, y in shared):
        return "same given and family name"
    if len(pa.given) != len(pb.given):
        return "fuller form (a middle name)"  # "Fatima Abdullah" / "Fatima Jaafar Abdullah"
    (ia, sa), (ib, sb) = _extras(a), _extras(b)
    if ia != ib:
        return "fuller form (an initial)"  # "Jane Doe" / "Jane M. Doe"
    if sa != sb:
        return "suffix"  # "John Smith" / "John Smith Jr."
    return "same given and family name"


def organization_rule(a: str, b: str) -> str | None:
    """Why two spellings name the same organisation (Kataib/Kataeb/Kata'ib), or None."""
    if same_spelling(a, b):
        return "same spelling"
    wa = [w for w in re.split(r"[\s\-]+", a) if w.lower() not in _PARTICLES]
    wb = [w for w in re.split(r"[\s\-]+", b) if w.lower() not in _PARTICLES]
    if len(wa) != len(wb):
        return None
    if all(_match(x, y) for x, y in zip(wa, wb, strict=True)):
        return "same name, other transliteration"
    return None


def person_key(name: str) -> str:
    """A blocking key: the family name's consonant skeleton, h and g as one (Ukrainian and
    Russian spellings: Syniehubov, Sinegubov)."""
    parts = split_name(name)
    key = skeleton(parts.family.split()[-1]) if parts.family else skeleton(parts.kunya or name)
    return key.replace("h", "g")
