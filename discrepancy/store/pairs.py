"""Each pair's evidence kept in the store, so a batch scores only the pairs it changes.

A pair's evidence (`link.grouping._evidence`: its score but for its wording) depends only on
the two profiles as grouping compares them: the article's stored extraction (its digest under
the extractors' version) and the names and areas the batch's boilerplate rule leaves it. That is
an article's signature. Each article's row holds its signature and the evidence of its pairs
with the articles after it; a pair is taken from the store only when both articles' signatures
are the stored ones. A row is written again whenever any of its pairs changed, in the same
transaction as the rows of the articles whose signature changed, and the rows of articles
a run leaves out (their extraction failed) are dropped, so that a stored pair was always
scored under the two stored signatures.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence

from discrepancy.link.profile import Profile

# (article, signature, partners JSON) rows of the store.
Rows = Callable[[], Iterable[tuple[str, str, str]]]
# The digest of an article's extraction by its id, if the run has it.
Source = Callable[[str], "str | None"]


def signature(profile: Profile, source: str, version: str) -> str:
    """What a profile's evidence depends on: its extraction, and what boilerplate left it."""
    parts = [
        version,
        source,
        "\x1f".join(profile.people),
        "\x1f".join(profile.officials),
        "\x1f".join(sorted(profile.areas)),
        "\x1f".join(profile.surnames),
    ]
    return "\x1e".join(parts)


class StoredPairs:
    """Evidence of pairs a run takes from the store, and the rows to write after it."""

    def __init__(self, rows: Rows, source: Source, version: str) -> None:
        self._rows = rows
        self._source = source
        self._version = version
        self._signatures: dict[str, str | None] = {}
        self._stored: dict[str, tuple[str, str]] = {}
        self._decoded: dict[str, dict[str, float]] = {}
        self._valid: set[str] = set()
        # This run's evidence of each article's pairs with the articles after it.
        self._now: dict[str, dict[str, float]] = {}
        # Articles one of whose pairs was scored in this run.
        self._scored: set[str] = set()
        self.reused = 0
        self.computed = 0

    def start(self, profiles: Sequence[Profile]) -> None:
        """Read the stored rows and tell which articles are as they were stored."""
        self._stored = {a: (sig, partners) for a, sig, partners in self._rows()}
        self._signatures = {}
        for p in profiles:
            source = self._source(p.article_id)
            found = None if source is None else signature(p, source, self._version)
            self._signatures[p.article_id] = found
        self._valid = {
            a
            for a, sig in self._signatures.items()
            if sig is not None and a in self._stored and self._stored[a][0] == sig
        }
        self._decoded = {}
        self._now = {}
        self._scored = set()

    def _partners(self, article: str) -> dict[str, float]:
        found = self._decoded.get(article)
        if found is None:
            found = self._decoded[article] = json.loads(self._stored[article][1])
        return found

    def get(self, a: Profile, b: Profile) -> float | None:
        """The pair's stored evidence when both articles are as they were stored."""
        if a.article_id not in self._valid or b.article_id not in self._valid:
            return None
        found = self._partners(a.article_id).get(b.article_id)
        if found is not None:
            self.reused += 1
            self._now.setdefault(a.article_id, {})[b.article_id] = found
        return found

    def put(self, a: Profile, b: Profile, evidence: float) -> None:
        """Keep a pair's evidence scored in this run."""
        self.computed += 1
        self._now.setdefault(a.article_id, {})[b.article_id] = evidence
        self._scored.add(a.article_id)

    def present(self) -> list[str]:
        """The articles of the run: the rows of others are to be dropped."""
        return list(self._signatures)

    def rows(self) -> Iterator[tuple[str, str, str]]:
        """(article, signature, partners JSON) of every article whose row changed."""
        for article, sig in self._signatures.items():
            if sig is None:
                continue
            now = self._now.get(article, {})
            same = (
                article in self._valid
                and article not in self._scored
                and len(now) == len(self._partners(article))
            )
            if not same:
                yield article, sig, json.dumps(now)
