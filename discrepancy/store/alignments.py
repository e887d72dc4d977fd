"""Each incident's aligned facts kept in the store, so a batch aligns only the incidents it changes.

Facts are stored by a key over what they are made of (`pipeline._alignment_key`: which claims
of which articles' extractions, their order and dates) and the aligning code's version, as
JSON that names each claim by its place among the incident's claims: the claims themselves are
the articles' stored extractions. A key is a digest of the facts' inputs, so a stored row is
never wrong for it; rows no run used last are dropped.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from discrepancy.models import Article, Claim, Fact, Kind, Status
from discrepancy.store.extractions import article_digest, extractor_version

# Bump for a change of alignment the source digest below cannot see.
ALIGNER_VERSION = 1
# A stored row's facts JSON, or None.
Lookup = Callable[[str], "str | None"]


@functools.cache
def aligner_version() -> str:
    """The extractors' version, and a digest of the aligning code: facts are kept under it."""
    digest = hashlib.sha256(f"{ALIGNER_VERSION}|{extractor_version()}".encode())
    root = Path(__file__).resolve().parents[1]
    for file in sorted((root / "align").rglob("*.py")):
        digest.update(f"{file.relative_to(root)}\0".encode())
        digest.update(file.read_bytes())
    return f"{ALIGNER_VERSION}-{digest.hexdigest()[:16]}"


def encode_facts(facts: Sequence[Fact], claims: Sequence[Claim]) -> str | None:
    """Facts as JSON naming each claim by its place in `claims` ([place, subject] for a claim
    alignment gave another subject); None when a claim is not one of them."""
    place = {id(c): n for n, c in enumerate(claims)}
    at_span: dict[tuple[str, int, int, str], list[int]] = {}
    for n, c in enumerate(claims):
        at_span.setdefault((c.article, c.start, c.end, c.value), []).append(n)
    rows = []
    for fact in facts:
        named: list[Any] = []
        for claim in fact.claims:
            if id(claim) in place:
                named.append(place[id(claim)])
                continue
            same = [
                n
                for n in at_span.get((claim.article, claim.start, claim.end, claim.value), ())
                if dataclasses.replace(claims[n], subject=claim.subject) == claim
            ]
            if not same:
                return None
            named.append([same[0], claim.subject])
        row = [fact.kind.value, fact.subject, fact.status.value, fact.rule, fact.revision, named]
        rows.append([*row, fact.part] if fact.part else row)
    return json.dumps(rows, ensure_ascii=False)


def decode_facts(text: str, claims: Sequence[Claim]) -> list[Fact]:
    """The facts `encode_facts` wrote, made of these claims."""
    facts = []
    for kind, subject, status, rule, revision, named, *part in json.loads(text):
        members = tuple(
            claims[n] if isinstance(n, int) else dataclasses.replace(claims[n[0]], subject=n[1])
            for n in named
        )
        facts.append(Fact(Kind(kind), subject, Status(status), members, rule, revision, *part))
    return facts


class StoredAlignments:
    """Facts a run takes from the store, and the ones it aligns, to be saved with it."""

    def __init__(
        self,
        lookup: Lookup,
        version: str | None = None,
        digest: Callable[[Article], str] = article_digest,
        extractor: str | None = None,
    ) -> None:
        self._lookup = lookup
        self._digest = digest
        # Facts are made of the claims of extractions of this version: a run's extractions'
        # own version (`extractor`) is part of it too.
        self.version = f"{version or aligner_version()}|{extractor or extractor_version()}"
        self._fresh: dict[str, str] = {}
        # Every key this run used, taken or aligned: the rows to keep.
        self.used: set[str] = set()
        # The key of each incident whose facts were taken or kept: saved with the incident.
        self.keys: dict[str, str] = {}
        self.reused = 0
        self.aligned = 0

    def _full(self, key: str) -> str:
        return hashlib.sha256(f"{self.version}|{key}".encode()).hexdigest()

    def source(self, article: Article) -> str:
        """What the article's claims were made from: its digest (the version is in the key)."""
        return self._digest(article)

    def get(self, incident: str, key: str, claims: Sequence[Claim]) -> list[Fact] | None:
        """The stored facts under `key`, made of these claims, if there are any."""
        full = self._full(key)
        text = self._fresh.get(full) or self._lookup(full)
        if text is None:
            return None
        self.used.add(full)
        self.keys[incident] = full
        self.reused += 1
        return decode_facts(text, claims)

    def put(self, incident: str, key: str, claims: Sequence[Claim], facts: Sequence[Fact]) -> None:
        """Keep facts the run aligned, to be saved with the run."""
        self.aligned += 1
        encoded = encode_facts(facts, claims)
        full = self._full(key)
        if encoded is not None:
            self._fresh[full] = encoded
            self.used.add(full)
            self.keys[incident] = full
        else:
            self.keys.pop(incident, None)

    def rows(self) -> Iterator[tuple[str, str]]:
        """(key, facts) of every incident the run aligned."""
        yield from self._fresh.items()
